// The prerendered page without the app: with the wasm blocked the
// controls work through boot.js (inline in the head); with JavaScript off the page is plain HTML that still
// searches and pages. Playwright's own `test` here: content.mjs's waits for the app's takeover.
import { test, expect } from "@playwright/test";
import { site, latest, content, articleAt, startApp } from "./content.mjs";

/** An article with the font-size controls and share buttons (every article has them). */
const anArticle = () => articleAt(latest().items[0].path);

test.describe("wasm blocked, JavaScript on", () => {
  test.beforeEach(async ({ page }) => {
    await page.route("**/*.wasm", (route) => route.abort());
  });

  test("+ menu, font size, theme and print work on the prerendered page and persist into the app", async ({ page }) => {
    const a = anArticle();
    await page.addInitScript(() => { window.print = () => { window.__printed = true; }; });
    await page.goto(a.path);
    await expect(page.locator("#prerender")).toBeAttached();

    const more = page.locator("#prerender #more-button");
    await more.click();
    await expect(more).toHaveAttribute("aria-expanded", "true");
    await expect(page.locator("#more-menu")).toBeVisible();
    await page.mouse.click(5, 700); // outside the panel
    await expect(page.locator("#more-menu")).toBeHidden();
    await more.click();
    await page.keyboard.press("Escape");
    await expect(page.locator("#more-menu")).toBeHidden();

    await page.locator(".font-larger").first().click();
    await page.locator(".font-larger").first().click();
    await expect(page.locator("html")).toHaveAttribute("data-font-step", "3");
    await expect(page.locator(".font-reset").first()).toBeEnabled();
    await page.locator(".font-smaller").first().click();
    await expect(page.locator("html")).toHaveAttribute("data-font-step", "2");

    const theme = page.locator("#prerender .theme-toggle");
    await expect(theme).toHaveAttribute("aria-pressed", "false");
    await theme.click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(theme).toHaveAttribute("aria-pressed", "true");
    await expect(theme).toHaveAccessibleName("Sötét mód");

    await page.locator(".share-print").first().click();
    expect(await page.evaluate(() => window.__printed)).toBe(true);

    // Stored: a reload (still without the app) shows them on the buttons...
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-font-step", "2");
    await expect(page.locator("#prerender .theme-toggle")).toHaveAttribute("aria-pressed", "true");
    // ...and the app keeps them when it takes over.
    await page.unroute("**/*.wasm");
    await page.reload();
    await startApp(page);
    await expect(page.locator("html")).toHaveAttribute("data-font-step", "2");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(page.locator(".theme-toggle")).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator(".font-reset").first()).toBeEnabled();
  });

  test("the mobile drawer opens and closes", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto("/");
    const toggle = page.locator("#prerender .drawer-toggle");
    await toggle.click();
    await expect(page.locator("#drawer")).toBeVisible();
    await expect(page.locator("#drawer-close")).toBeFocused();
    await expect(page.locator(`#drawer a[href="${site().menu[0].href}"]`)).toBeVisible();
    await page.locator("#drawer-close").click();
    await expect(page.locator("#drawer")).toBeHidden();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await toggle.click();
    await page.keyboard.press("Escape");
    await expect(page.locator("#drawer")).toBeHidden();
  });
});

test.describe("JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("search submits to /kereses?q=", async ({ page }) => {
    await page.goto("/");
    await page.locator("#search-input").fill("választás");
    await page.locator("#search-input").press("Enter");
    await expect(page).toHaveURL(/\/kereses\?q=v%C3%A1laszt%C3%A1s$/);
  });

  test("share links are plain links and Kérek még goes to the next page", async ({ page }) => {
    const a = anArticle();
    await page.goto(a.path);
    const url = encodeURIComponent(site().base_url + a.path);
    await expect(page.locator(".share-facebook").first()).toHaveAttribute("href", new RegExp(url.replace(/[.%]/g, "\\$&")));
    await expect(page.locator(".share-email").first()).toHaveAttribute("href", /^mailto:/);

    // "Kérek még" leads to the next older page, which is that page (a static host ignores a
    // query, so the pages are paths: docs/adr/0011, 0014)...
    const front = latest();
    const older = latest(front.older);
    await page.goto("/friss");
    await page.locator("main .load-more a").click();
    await expect(page).toHaveURL(new RegExp(`/friss/oldal/${front.older}$`));
    await expect(page.locator("main .card-title")).toHaveText(older.items.map((i) => i.title));
    // ...and the sidebar's link to the latest articles.
    await page.locator(".sidebar .load-more a").click();
    await expect(page).toHaveURL(/\/friss$/);
    await expect(page.locator("main .card-title")).toHaveText(front.items.map((i) => i.title));
  });

  test("the related articles' Kérek még opens the next five", async ({ page }) => {
    const a = latest().items.map((i) => articleAt(i.path)).find((x) => x.related.length > 5);
    await page.goto(a.path);
    const side = page.locator(".sidebar .recommended");
    await expect(side.locator(".card-title:visible")).toHaveText(a.related.slice(0, 5).map((r) => r.title));
    await side.locator("summary:visible", { hasText: "Kérek még" }).click();
    await expect(side.locator(".card-title:visible")).toHaveText(a.related.slice(0, 10).map((r) => r.title));
  });
});

test.describe("JavaScript off: menus", () => {
  test.use({ javaScriptEnabled: false });

  test("the + menu opens on its button and its links work", async ({ page }) => {
    const s = site();
    const item = s.menu[s.menu_inline];
    await page.goto("/");
    await expect(page.locator("#more-menu")).toBeHidden();
    await page.locator("#more-button").click();
    await expect(page.locator("#more-menu")).toBeVisible();
    await page.locator(`#more-menu a[href="${item.href}"]`).first().click();
    await expect(page).toHaveURL(new RegExp(`${item.href}$`));
  });

  test("the mobile drawer opens on its button", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto("/");
    await expect(page.locator("#drawer")).toBeHidden();
    await page.locator(".drawer-toggle").click();
    await expect(page.locator("#drawer")).toBeVisible();
    await expect(page.locator(`#drawer a[href="${site().menu[0].href}"]`).first()).toBeVisible();
  });
});
