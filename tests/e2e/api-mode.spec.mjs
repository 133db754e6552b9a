// API mode: the same release build, its content base rewritten to press serve (another origin,
// tests/serve.mjs --content-base), behaves as on the static tree. The headings are asserted
// against the JSON press build wrote, and every content request must go to the API.
import { test, expect } from "@playwright/test";
import { content, site, home, startApp } from "./content.mjs";

const API = "http://127.0.0.1:4174";
const SITE = "http://127.0.0.1:4175";

test.use({ baseURL: SITE });

test("the main navigation reads its content from press serve", async ({ page }) => {
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const failed = [];
  page.on("requestfailed", (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));

  await page.goto("/");
  await startApp(page);
  await expect(page.locator('meta[name="hirlap-content-base"]')).toHaveAttribute("content", `${API}/content/`);
  await expect(page.locator(".card-lead .card-title")).toHaveText(home().top[0].title);

  // Menu → section
  const first = site().menu[0];
  const section = content(`sections/${first.href.split("/").pop()}/0.json`);
  await page.locator(".menu-inline a", { hasText: first.label }).click();
  await expect(page).toHaveURL(first.href);
  await expect(page.locator("main h1")).toHaveText(section.section.name);
  await expect(page.locator("main .card-title").first()).toHaveText(section.list.items[0].title);

  // Card → article
  const summary = section.list.items[0];
  const article = content(`articles${summary.path}.json`);
  await page.locator("main .card-title a").first().click();
  await expect(page).toHaveURL(summary.path);
  await expect(page.locator("h1.article-title")).toHaveText(article.title);

  // Tag → tag page
  const tag = article.tags[0];
  const tagPage = content(`tags/${tag.slug}/0.json`);
  await page.locator(".article-tags .tag").first().click();
  await expect(page).toHaveURL(`/cimke/${tag.slug}`);
  await expect(page.locator("main h1")).toHaveText(tagPage.tag.name);
  await expect(page.locator("main .card-title").first()).toHaveText(tagPage.list.items[0].title);

  // Site name → home
  await page.locator(".site-name").click();
  await expect(page).toHaveURL("/");
  await expect(page.locator(".card-lead .card-title")).toHaveText(home().top[0].title);

  const fromApi = requests.filter((u) => u.startsWith(`${API}/content/`)).map((u) => new URL(u).pathname);
  for (const path of [
    `/content/sections/${first.href.split("/").pop()}/0.json`,
    `/content/articles${summary.path}.json`,
    `/content/tags/${tag.slug}/0.json`,
  ]) {
    expect(fromApi, `${path} was fetched from press serve`).toContain(path);
  }
  const fromSite = requests.filter((u) => u.startsWith(`${SITE}/content/`));
  expect(fromSite, "no content request went to the static host").toEqual([]);
  expect(failed).toEqual([]);
});

test("press serve answers CORS preflights and 404s as JSON", async ({ request }) => {
  const ok = await request.get(`${API}/content/site.json`);
  expect(ok.status()).toBe(200);
  expect(ok.headers()["access-control-allow-origin"]).toBe("*");
  expect(ok.headers()["content-type"]).toBe("application/json; charset=utf-8");
  expect(await ok.json()).toEqual(site());

  const pre = await request.fetch(`${API}/content/home.json`, {
    method: "OPTIONS",
    headers: { Origin: SITE, "Access-Control-Request-Method": "GET" },
  });
  expect(pre.status()).toBe(204);
  expect(pre.headers()["access-control-allow-origin"]).toBe("*");

  const missing = await request.get(`${API}/content/articles/nincs/ilyen.json`);
  expect(missing.status()).toBe(404);
  expect((await missing.json()).status).toBe(404);
});
