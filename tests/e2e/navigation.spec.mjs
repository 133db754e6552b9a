// Clicking a link is a client-side navigation: the document is never reloaded.
import { test, expect, home, site, startApp } from "./content.mjs";

/** Marks the current document; a full page load would lose the mark. */
async function mark(page) {
  await page.evaluate(() => { window.__sameDocument = true; });
}
async function stillSameDocument(page) {
  return page.evaluate(() => window.__sameDocument === true);
}

test("menu, card, section label and tag links navigate without reloading the page", async ({ page }) => {
  let loads = 0;
  page.on("load", () => loads++);
  await page.goto("/");
  await startApp(page);
  await mark(page);
  const startLoads = loads;

  // Menu → section
  const first = site().menu[0];
  await page.locator(".menu-inline a", { hasText: first.label }).click();
  await expect(page).toHaveURL(first.href);
  await expect(page.locator("main h1")).toHaveText(first.label);

  // Card → article
  const title = await page.locator("main .card-title a").first().textContent();
  await page.locator("main .card-title a").first().click();
  await expect(page.locator("h1.article-title")).toHaveText(title);

  // Tag → tag page
  const tag = await page.locator(".article-tags .tag").first().textContent();
  await page.locator(".article-tags .tag").first().click();
  await expect(page).toHaveURL(/\/cimke\//);
  await expect(page.locator("main h1")).toHaveText(tag);

  // Site name → home
  await page.locator(".site-name").click();
  await expect(page.locator(".card-lead .card-title")).toHaveText(home().top[0].title);

  expect(await stillSameDocument(page)).toBe(true);
  expect(loads).toBe(startLoads);
});

test("back and forward work after client-side navigation", async ({ page }) => {
  await page.goto("/");
  await startApp(page);
  await mark(page);
  const lead = home().top[0];
  await page.locator(".card-lead .card-title a").click();
  await expect(page.locator("h1.article-title")).toHaveText(lead.title);
  await page.goBack();
  await expect(page.locator(".card-lead .card-title")).toHaveText(lead.title);
  await page.goForward();
  await expect(page.locator("h1.article-title")).toHaveText(lead.title);
  expect(await stillSameDocument(page)).toBe(true);
});

test("a long session does not grow the app's memory: 200 navigations between two articles", async ({ page }) => {
  // Each leptos_router <A> in a route's content once left memory behind when the route was
  // replaced: about 4 KB of wasm memory per article-to-article navigation (now none that lasts).
  test.setTimeout(90_000);
  const [a, b] = home().latest;
  await page.goto(a.path);
  await page.waitForFunction(() => window.hirlapWasm);
  // In the page, so that the navigations are not slowed down by a round trip each.
  const navigate = (rounds) => page.evaluate(([a, b, rounds]) => {
    const go = (article) => new Promise((resolve, reject) => {
      const link = Object.assign(document.createElement("a"), { href: article.path });
      document.querySelector("main").append(link);
      link.click();
      const started = performance.now();
      const poll = () => {
        if (document.querySelector("main h1")?.textContent === article.title) resolve();
        else if (performance.now() - started > 10_000) reject(new Error(`${article.title} never showed`));
        else setTimeout(poll, 5);
      };
      poll();
    });
    return (async () => {
      for (let i = 0; i < rounds; i++) {
        await go(b);
        await go(a);
      }
      return window.hirlapWasm.memory.buffer.byteLength;
    })();
  }, [a, b, rounds]);
  const before = await navigate(1);
  const after = await navigate(100);
  expect(after - before, `wasm memory grew from ${before} to ${after} bytes`).toBeLessThan(512 * 1024);
});

test("while the next page loads, the current one stays and a bar at the top says so", async ({ page }) => {
  await page.goto("/");
  await startApp(page);
  const bar = page.locator(".routing-progress .routing-bar");
  await expect(bar).toBeAttached();
  await expect(bar).toBeHidden();
  // Hold the article's JSON until the page in between has been seen.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route("**/content/articles/**", async (route) => { await held; await route.continue(); });
  const link = page.locator("main .card-title a").first();
  const title = await link.textContent();
  await link.click();
  await expect(bar).toBeVisible();
  await expect(bar).toHaveClass(/active/);
  // Not a blank page: the header and the home page's cards are still there.
  await expect(page.locator(".site-header")).toBeVisible();
  await expect(page.locator(".card-lead .card-title")).toHaveText(home().top[0].title);
  release();
  await expect(page.locator("h1.article-title")).toHaveText(title);
  await expect(bar).toBeHidden();
});

test("a link opens the next page at its top, and back returns to where the reader was", async ({ page }) => {
  await page.goto("/");
  await startApp(page);
  const link = page.locator("main .card-title a").last();
  await link.scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => window.scrollY);
  expect(y).toBeGreaterThan(300);
  const title = await link.textContent();
  await link.click();
  await expect(page.locator("h1.article-title")).toHaveText(title);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await page.goBack();
  await expect(page.locator(".card-lead .card-title")).toHaveText(home().top[0].title);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(y);
  await page.goForward();
  await expect(page.locator("h1.article-title")).toHaveText(title);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
});

test("a link to the page on screen takes the reader to its top and adds no step to Back", async ({ page }) => {
  const first = site().menu[0];
  await page.goto("/");
  await startApp(page);
  await page.locator(".menu-inline a", { hasText: first.label }).click();
  await expect(page.locator("main h1")).toHaveText(first.label);
  const steps = await page.evaluate(() => history.length);
  await page.evaluate(() => window.scrollTo(0, 400));
  await page.locator(".menu-inline a", { hasText: first.label }).click();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  expect(await page.evaluate(() => history.length)).toBe(steps);
  await page.goBack();
  await expect(page.locator(".card-lead .card-title")).toHaveText(home().top[0].title);
});

test("a click with a modifier key is the browser's: a new tab, and this page stays", async ({ page }) => {
  await page.goto("/");
  await startApp(page);
  await mark(page);
  // A modifier key opens a new tab; this page stays as it was.
  const [popup] = await Promise.all([page.context().waitForEvent("page"), page.locator("main .card-title a").first().click({ modifiers: ["Control"] })]);
  await popup.close();
  await expect(page).toHaveURL("/");
  expect(await stillSameDocument(page)).toBe(true);
});
