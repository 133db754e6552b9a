// Offline reading (sw.js, docs/adr/0018): the articles a reader opened stay readable without a
// network, any other page says so in Hungarian and lists them, and a new deploy's app replaces
// the old one.
import { test, expect } from "@playwright/test";
import { latest, site } from "./content.mjs";
import { appTookOver, startApp } from "../app-ready.mjs";

test.use({ serviceWorkers: "allow" });

/** The saved articles' list the worker keeps, once it lists `n`. */
async function savedCount(page, n) {
  await expect.poll(() => page.evaluate(async () => {
    const cache = await caches.open("hirlap-pages-1");
    const res = await cache.match("/__hirlap/saved.json");
    return res ? (await res.json()).length : 0;
  }), { timeout: 10_000 }).toBeGreaterThanOrEqual(n);
}

test("three articles read stay readable offline; a fourth gets the offline page listing them; back online, the site works", async ({ page, context }) => {
  const read = latest().items.slice(0, 3);
  const unread = latest().items[5];
  // The first page registers the worker; it takes the page over and keeps it.
  await page.goto(read[0].path);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 10_000 }).toBe(true);
  await savedCount(page, 1);
  // The next pages are the session's second and third: the app comes with them.
  for (const a of read.slice(1)) {
    await page.goto(a.path);
    await appTookOver(page);
    await expect(page.locator("h1.article-title")).toHaveText(a.title);
  }
  await savedCount(page, 3);

  await context.setOffline(true);
  // The app may come with them or not (the first one's document was never fetched): the
  // article shows either way.
  for (const a of read) {
    await page.goto(a.path);
    await expect(page.locator("h1.article-title:visible")).toHaveText(a.title);
    await expect(page.locator(".article-body p:visible").first()).toBeVisible();
    // The photo variant the browser chose when online is the one it gets offline.
    if (a.cover) {
      await expect.poll(() => page.locator("article .figure img:visible").first().evaluate((i) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
    }
  }
  const response = await page.goto(unread.path);
  expect(response.status()).toBe(503);
  await expect(page.locator("h1")).toHaveText("Nincs internetkapcsolat");
  await expect(page.locator(".offline-saved a")).toHaveText(read.map((a) => a.title).reverse());
  // From the offline page, a saved article opens.
  await page.locator(".offline-saved a").first().click();
  await expect(page.locator("h1.article-title:visible")).toHaveText(read[2].title);

  await context.setOffline(false);
  await page.goto(unread.path);
  await startApp(page);
  await expect(page.locator("h1.article-title")).toHaveText(unread.title);
  await page.locator(".site-header .main-nav a").first().click();
  await expect(page.locator("main h1")).toHaveText(site().menu[0].label);
});

test("a reader who never goes further downloads the worker and nothing for its cache", async ({ page, context }) => {
  // The context's requests: the worker's own script and its fetches are not the page's.
  const paths = [];
  context.on("request", (r) => paths.push(new URL(r.url()).pathname));
  await page.goto(latest().items[0].path);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 10_000 }).toBe(true);
  await savedCount(page, 1);
  await page.waitForLoadState("networkidle");
  expect(paths.filter((p) => /\.(js|wasm)$/.test(p))).toEqual(["/sw.js"]);
  expect(paths.filter((p) => p.startsWith("/content/"))).toEqual([]);
  // The page itself, and once more by the worker that keeps it (`force-cache`: from the
  // browser's cache, which Playwright reports as a request too).
  expect(paths.filter((p) => p === latest().items[0].path).length).toBeLessThanOrEqual(2);
});

test("a new deploy's app replaces the cached one after one reload", async ({ page, context }) => {
  // The second deploy: the same pages naming the app's files under new names, as a new build's
  // content hashes would.
  const renamed = (s) => s.replace(/hirlap-([0-9a-f]+)/g, "hirlap-$1f");
  let deployed = 1;
  await context.route(/\/hirlap-[0-9a-f]+f(_bg\.wasm|\.js)$/, async (route) => {
    const url = new URL(route.request().url());
    url.pathname = url.pathname.replace(/f(_bg\.wasm|\.js)$/, "$1");
    const res = await route.fetch({ url: url.href });
    const body = url.pathname.endsWith(".js") ? renamed(await res.text()) : await res.body();
    await route.fulfill({ response: res, body });
  });
  await context.route((url) => !/\.[a-z0-9]+$/.test(url.pathname), async (route) => {
    if (deployed === 1) return route.fallback();
    // The worker's own fetch of a page is not of type "document": any HTML answer.
    const res = await route.fetch();
    if (!(res.headers()["content-type"] || "").includes("text/html")) return route.fulfill({ response: res });
    await route.fulfill({ response: res, body: renamed(await res.text()) });
  });
  const a = latest().items[0];
  await page.goto(a.path);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 10_000 }).toBe(true);
  await page.reload();
  await startApp(page);
  const cachedApp = () => page.evaluate(async () => {
    const cache = await caches.open("hirlap-files-1");
    return (await cache.keys()).map((k) => new URL(k.url).pathname).filter((p) => p.startsWith("/hirlap-")).sort();
  });
  await expect.poll(cachedApp).toHaveLength(2);
  const first = await cachedApp();

  deployed = 2;
  await page.reload();
  await startApp(page);
  const scripts = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => new URL(r.name).pathname).filter((p) => p.startsWith("/hirlap-")));
  expect(scripts.every((p) => /f(_bg\.wasm|\.js)$/.test(p)), scripts.join(" ")).toBe(true);
  await expect.poll(cachedApp).toEqual(first.map((p) => p.replace(/(_bg\.wasm|\.js)$/, "f$1")).sort());
  await expect(page.locator("h1.article-title")).toHaveText(a.title);
  await appTookOver(page);
});

test("the site is installable: a web app manifest with its name, start, colour and icon", async ({ page, request }) => {
  await page.goto("/");
  const href = await page.locator("link[rel=manifest]").getAttribute("href");
  const res = await request.get(href);
  expect(res.headers()["content-type"]).toContain("application/manifest+json");
  const m = await res.json();
  const name = await page.locator('meta[property="og:site_name"]').getAttribute("content");
  expect(m.name).toBe(name);
  expect(m.start_url).toBe("/");
  expect(m.display).toBe("standalone");
  expect(m.theme_color).toBe(await page.locator('meta[name="theme-color"]').getAttribute("content"));
  const icon = await request.get(m.icons[0].src);
  expect(icon.ok()).toBe(true);
});
