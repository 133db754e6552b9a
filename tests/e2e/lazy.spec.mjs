// The app comes when the reader goes further (boot.js, docs/adr/0016): a reader who reads one
// page and leaves downloads the page and nothing of the app; every sign that they go further
// brings it, and it takes over as it always did.
import { test, expect } from "@playwright/test";
import { latest, articleAt, site } from "./content.mjs";
import { APP_READY, appTookOver, goFurther, startApp } from "../app-ready.mjs";

const APP_FILE = /^\/hirlap-[0-9a-f]+(_bg\.wasm|\.js)$/;

/** An article long enough to scroll through, with tags at its end and related links. */
function longArticle() {
  for (const s of latest().items) {
    const a = articleAt(s.path);
    if (a.tags.length > 0 && a.related.length > 3 && a.body.length > 6) return a;
  }
  throw new Error("no long article with tags in the sample");
}

/** Every request the page makes, by path. */
function requests(page) {
  const paths = [];
  page.on("request", (r) => paths.push(new URL(r.url()).pathname));
  return paths;
}
const appRequests = (paths) => paths.filter((p) => APP_FILE.test(p));

/** Waits until the page has loaded, painted and had idle time to start anything it would start. */
async function settle(page) {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(r)))));
  await page.waitForTimeout(1500);
}

test("a reader who reads an article and scrolls through its text downloads nothing of the app", async ({ page }) => {
  const a = longArticle();
  const paths = requests(page);
  await page.setViewportSize({ width: 1280, height: 700 });
  await page.goto(a.path);
  await settle(page);
  // A desktop reader's pointer rests while the wheel scrolls, in the column of a link that
  // will scroll under it before the end of the text comes into view.
  const end = page.locator("#prerender [data-app-when-seen]");
  await expect(end).toHaveCount(1);
  const rest = await page.evaluate(() => {
    const endTop = document.querySelector("#prerender [data-app-when-seen]").getBoundingClientRect().top;
    const link = [...document.querySelectorAll("#prerender a[href^='/']")].find((a) => {
      const r = a.getBoundingClientRect();
      return r.width > 0 && r.top > 400 && r.top < endTop - 400;
    });
    if (!link) return null;
    const r = link.getBoundingClientRect();
    const x = r.left + Math.min(r.width / 2, 20);
    // Where the pointer comes to rest is not a link itself: moving onto one is a sign.
    for (let y = 300; y < 400; y += 5) if (!document.elementFromPoint(x, y)?.closest("a")) return { x, y };
    return null;
  });
  expect(rest, "a link between the top of the page and the end of the text, and a place to rest").not.toBeNull();
  const { x, y } = rest;
  await page.mouse.move(x, y);
  let scrolled = 0;
  const passed = new Set();
  for (;;) {
    const top = await end.evaluate((e) => e.getBoundingClientRect().top);
    if (top < 700 + 250) break;
    await page.mouse.wheel(0, 100);
    await page.waitForTimeout(60);
    scrolled += 100;
    const under = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest("a")?.getAttribute("href"), [x, y]);
    if (under) passed.add(under);
  }
  await settle(page);
  expect(scrolled, "the article is long enough to scroll through").toBeGreaterThan(400);
  expect(passed.size, "links passed under the resting pointer").toBeGreaterThan(0);
  expect(appRequests(paths)).toEqual([]);
  // Nothing else behind the reader's back: no script, no content JSON; the page, its stylesheet,
  // its images and its icon.
  expect(paths.filter((p) => p.endsWith(".js") || p.startsWith("/content/"))).toEqual([]);
  expect(await page.locator(APP_READY).count()).toBe(0);
  // The prerendered page still works: the theme button (boot.js) and a link's ordinary navigation.
  await page.locator("#prerender .theme-toggle").click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", /dark|light/);
});

test("home, read without a sign of going further, downloads nothing of the app", async ({ page }) => {
  const paths = requests(page);
  await page.goto("/");
  await settle(page);
  expect(appRequests(paths)).toEqual([]);
  expect(paths.filter((p) => p.startsWith("/content/"))).toEqual([]);
});

test("the pointer moved onto a link of the site brings the app, which takes over", async ({ page }) => {
  const paths = requests(page);
  await page.goto(longArticle().path);
  await settle(page);
  expect(appRequests(paths)).toEqual([]);
  await startApp(page);
  expect(appRequests(paths)).toHaveLength(2);
  await expect(page.locator("#app .site-header")).toBeVisible();
});

test("a pointer on a link to another site is no sign", async ({ page }) => {
  const paths = requests(page);
  // Home: no end of an article to come into view on the way to the footer.
  await page.goto("/");
  const away = page.locator("#prerender footer a[href^='https://']").first();
  await away.scrollIntoViewIfNeeded();
  await settle(page);
  const box = await away.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await settle(page);
  expect(appRequests(paths)).toEqual([]);
  // The same pointer onto a link of the site does bring it.
  await startApp(page);
});

test("focusing the search field with the keyboard brings the app, and what the reader types stays", async ({ page }) => {
  const paths = requests(page);
  await page.goto("/");
  await settle(page);
  await page.locator("#prerender #search-input").focus();
  await page.keyboard.type("választás");
  await appTookOver(page);
  expect(appRequests(paths)).toHaveLength(2);
  await expect(page.locator("#search-input")).toHaveValue("választás");
  await expect(page.locator("#search-input")).toBeFocused();
});

test("the end of the article in view brings the app", async ({ page }) => {
  const paths = requests(page);
  await page.goto(longArticle().path);
  await settle(page);
  expect(appRequests(paths)).toEqual([]);
  await page.locator("#prerender [data-app-when-seen]").evaluate((e) => e.scrollIntoView());
  await appTookOver(page);
  expect(appRequests(paths)).toHaveLength(2);
});

test("a click before the app is there is an ordinary navigation, and the second page brings the app", async ({ page }) => {
  const a = longArticle();
  await page.goto(a.path);
  await settle(page);
  const tag = a.tags[0];
  // A keyboard reader: Enter on a link, no pointer. The focus alone starts the download, which
  // the navigation leaves behind.
  await page.locator(`#prerender a[href="/cimke/${tag.slug}"]`).first().focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/cimke/${tag.slug}`);
  // By role: while the app builds the same page in its hidden #app (the second page view
  // brings it at once), only the page the reader sees has the heading.
  await expect(page.getByRole("heading", { level: 1, name: tag.name })).toBeVisible();
  // The second page view of the session: the app comes without a sign.
  await appTookOver(page);
});

test("a returning reader whose browser holds the app gets it in an idle moment, unless the connection saves data", async ({ browser }) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await first.goto(longArticle().path);
  await startApp(first);
  await first.close();
  // A new tab is a new session: no second page view, only the app in the browser's cache.
  const again = await context.newPage();
  await again.goto("/");
  await appTookOver(again);
  await again.close();
  const saving = await context.newPage();
  await saving.addInitScript(() => Object.defineProperty(navigator, "connection", { value: { saveData: true } }));
  const paths = requests(saving);
  await saving.goto("/");
  await settle(saving);
  expect(appRequests(paths)).toEqual([]);
  await context.close();
});

test("the search page needs the app: its results come without a sign", async ({ page }) => {
  const word = site().menu[0].label;
  await page.goto(`/kereses?q=${encodeURIComponent(word)}`);
  await appTookOver(page);
  await expect(page.locator(".search-summary")).toContainText(`„${word}”`);
});

test("the election countdown ticks on the prerendered page, without the app", async ({ page }) => {
  const paths = requests(page);
  await page.goto("/");
  const numbers = page.locator("#prerender .countdown-number");
  await expect(numbers).toHaveCount(4);
  const target = Date.parse(await page.locator("#prerender .countdown time").getAttribute("datetime"));
  await expect(numbers.first()).not.toHaveText("––");
  const days = Number(await numbers.first().textContent());
  expect(Math.abs(days - Math.floor((target - Date.now()) / 86_400_000))).toBeLessThanOrEqual(1);
  const seconds = await numbers.nth(3).textContent();
  expect(seconds).toMatch(/^\d\d$/);
  await expect(numbers.nth(3)).not.toHaveText(seconds, { timeout: 3000 });
  expect(appRequests(paths)).toEqual([]);
});

test("a document the app cannot fetch leaves the prerendered page as the page, and the next page brings the app", async ({ page }) => {
  const a = longArticle();
  await page.route(`**/content/articles${a.path}.json`, (route) => route.abort("failed"));
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await page.goto(a.path);
  await goFurther(page);
  // The fetch door sends a failed request once more after 700 ms.
  await expect.poll(() => warnings.some((w) => w.includes("did not arrive")), { timeout: 10_000 }).toBe(true);
  expect(await page.locator(APP_READY).count()).toBe(0);
  await expect(page.locator("#prerender h1.article-title")).toHaveText(a.title);
  await expect(page.locator("[role=alert]")).toHaveCount(0);
  // The page still works: its theme button (boot.js), and a link's ordinary navigation.
  await page.locator("#prerender .theme-toggle").click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", /dark|light/);
  await page.locator(`#prerender a[href="/cimke/${a.tags[0].slug}"]`).first().click();
  await expect(page).toHaveURL(`/cimke/${a.tags[0].slug}`);
  await appTookOver(page);
});
