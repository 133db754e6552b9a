// A failed fetch shows a Hungarian, retryable message; broken JSON too. Never a blank page.
import { test, expect, content, latest } from "./content.mjs";

// Prerendered pages carry their JSON, so a first load makes no content request. These tests are
// about the requests the app makes itself: they strip the prerender from the HTML, as a plain
// SPA host (or `trunk serve`) would serve it.
test.beforeEach(async ({ page }) => {
  await page.route((url) => !/\.[a-z0-9]+$/.test(url.pathname) && !url.pathname.startsWith("/content/"), async (route) => {
    if (route.request().resourceType() !== "document") return route.fallback();
    const resp = await route.fetch();
    const html = (await resp.text())
      .replace(/<div id="prerender">[\s\S]*?<\/div>\s*(?=<script type="application\/json" id="hirlap-data")/, "")
      .replace(/<script type="application\/json" id="hirlap-data">[\s\S]*?<\/script>/, "");
    await route.fulfill({ response: resp, body: html });
  });
});

test("a failed article fetch shows an error with a retry button that recovers", async ({ page }) => {
  const a = latest().items[0];
  let fail = true;
  await page.route(`**/content/articles${a.path}.json`, (route) => (fail ? route.abort("failed") : route.continue()));
  await page.goto(a.path);
  const alert = page.locator("main [role=alert]");
  await expect(alert.locator("h1")).toHaveText("Nem sikerült betölteni a tartalmat");
  await expect(alert).toContainText("A kapcsolat megszakadt");
  fail = false;
  await alert.getByRole("button", { name: "Újrapróbálom" }).click();
  await expect(page.locator("h1.article-title")).toHaveText(a.title);
});

test("a truncated JSON answer shows the decode error, retryable", async ({ page }) => {
  const a = latest().items[0];
  let broken = true;
  await page.route(`**/content/articles${a.path}.json`, async (route) => {
    if (!broken) return route.continue();
    const resp = await route.fetch();
    const text = await resp.text();
    await route.fulfill({ response: resp, body: text.slice(0, text.length / 2) });
  });
  await page.goto(a.path);
  await expect(page.locator("main [role=alert]")).toContainText("A kapott adat hibás");
  broken = false;
  await page.getByRole("button", { name: "Újrapróbálom" }).click();
  await expect(page.locator("h1.article-title")).toHaveText(a.title);
});

test("a server error on site.json still leaves a readable, retryable page", async ({ page }) => {
  let fail = true;
  await page.route("**/content/site.json", (route) => (fail ? route.fulfill({ status: 503, body: "" }) : route.continue()));
  await page.goto("/");
  const retry = page.getByRole("button", { name: "Újrapróbálom" }).first();
  await expect(retry).toBeVisible();
  fail = false;
  await retry.click();
  await expect(page.locator(".site-header .site-name")).toBeVisible();
});

test("'Kérek még' that fails keeps the loaded cards, says why in Hungarian and retries", async ({ page }) => {
  await page.goto("/friss");
  const cards = page.locator("main .card-title");
  const front = content("latest/0.json");
  const before = front.items.length;
  await expect(cards).toHaveCount(before);
  let fail = true;
  await page.route(`**/content/latest/${front.older}.json`, (route) => (fail ? route.abort("failed") : route.continue()));
  await page.locator("main").getByRole("link", { name: "Kérek még" }).click();
  await expect(page.locator("main .error-inline")).toHaveText("A kapcsolat megszakadt, vagy a szerver nem válaszolt.");
  await expect(cards).toHaveCount(before);
  fail = false;
  await page.locator("main").getByRole("link", { name: "Újrapróbálom" }).click();
  await expect(cards).toHaveCount(before + content(`latest/${front.older}.json`).items.length);
  await expect(page.locator("main .error-inline")).toHaveCount(0);
});

// Flaky networks: a content GET that fails on the way is sent once more before the error view,
// a request that hangs is given up after a timeout, and the error view retries by itself when
// the browser is back online.
test("a content request that fails once is sent again and the reader never sees an error", async ({ page }) => {
  const a = latest().items[0];
  let requests = 0;
  await page.route(`**/content/articles${a.path}.json`, (route) => (++requests === 1 ? route.abort("failed") : route.continue()));
  await page.goto(a.path);
  await expect(page.locator("h1.article-title")).toHaveText(a.title);
  await expect(page.locator("[role=alert]")).toHaveCount(0);
  expect(requests).toBe(2);
});

test("a server that keeps failing is asked twice, then the error view says so", async ({ page }) => {
  const a = latest().items[0];
  let requests = 0;
  await page.route(`**/content/articles${a.path}.json`, (route) => {
    requests++;
    return route.fulfill({ status: 503, body: "" });
  });
  await page.goto(a.path);
  await expect(page.locator("main [role=alert]")).toContainText("A kapcsolat megszakadt");
  expect(requests).toBe(2);
});

test("a request that hangs is given up after a timeout and sent again", async ({ page }) => {
  test.slow();
  const a = latest().items[0];
  let requests = 0;
  // The first request is never answered: only the app's own timeout can end it.
  await page.route(`**/content/articles${a.path}.json`, (route) => (++requests === 1 ? undefined : route.continue()));
  await page.goto(a.path);
  await expect(page.locator("h1.article-title")).toHaveText(a.title, { timeout: 20_000 });
  expect(requests).toBe(2);
});

test("the error view retries by itself when the browser is back online", async ({ page, context }) => {
  await page.goto("/");
  const a = latest().items[0];
  await context.setOffline(true);
  await page.locator(`main a[href="${a.path}"]`).first().click();
  await expect(page.locator("main [role=alert]")).toContainText("A kapcsolat megszakadt");
  await context.setOffline(false);
  await expect(page.locator("h1.article-title")).toHaveText(a.title);
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});
