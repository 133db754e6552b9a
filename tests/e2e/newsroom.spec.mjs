// Newsroom publishing. Drafts and scheduled articles: the sample content has one of
// each; the published site never shows them, a preview (press serve --drafts) shows them marked,
// and noindex. Old URLs: an article's `aliases` answer 301 to it (press's _redirects).
import { test, expect } from "@playwright/test";
import { latest, startApp } from "./content.mjs";

const PREVIEW = "http://127.0.0.1:4178";
const DRAFT = "/belfold/2024/09/02/kozmeghallgatas-a-villamospotlo-buszokrol";
const SCHEDULED = "/kultura/2031/09/04/oszi-irodalmi-estek-a-keruleti-konyvtarakban";

test("the published site has neither the draft nor the scheduled article", async ({ page }) => {
  const paths = latest().items.map((i) => i.path);
  expect(paths).not.toContain(DRAFT);
  expect(paths).not.toContain(SCHEDULED);
  for (const path of [DRAFT, SCHEDULED]) {
    const response = await page.goto(path);
    expect(response.status(), path).toBe(404);
    await startApp(page);
    await expect(page.locator("main h1")).toHaveText("Az oldal nem található");
  }
});

test("a preview shows the draft marked as such, and keeps it out of search engines", async ({ page }) => {
  await page.goto(`${PREVIEW}${DRAFT}`);
  await startApp(page);
  await expect(page.locator("h1.article-title")).toHaveText("Közmeghallgatás lesz a villamospótló buszokról");
  await expect(page.locator(".article-header .preview-label")).toHaveText("Piszkozat");
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute("content", /noindex/);
});

test("a preview lists the scheduled article first, marked, and it opens", async ({ page }) => {
  // The prerendered pages carry the published JSON for their first render; the app asks the
  // preview's API from the next page on (a preview build, press site --drafts, embeds it).
  await page.goto(`${PREVIEW}/`);
  await startApp(page);
  await page.locator("#more-button").click();
  await page.locator('#more-menu a[href="/rovat/kultura"]').click();
  await expect(page).toHaveURL(`${PREVIEW}/rovat/kultura`);
  const card = page.locator("main .card").first();
  await expect(card.locator(".card-title")).toHaveText("Őszi irodalmi estek indulnak a kerületi könyvtárakban");
  await expect(card.locator(".preview-label")).toHaveText("Időzítve");
  await card.locator(".card-title a").click();
  await expect(page).toHaveURL(`${PREVIEW}${SCHEDULED}`);
  await expect(page.locator(".article-header .preview-label")).toHaveText("Időzítve");
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute("content", /noindex/);
});

test("an article's old URLs lead the reader to it", async ({ page }) => {
  const path = "/belfold/2024/08/27/berlakasprogram-indul-a-fovarosban";
  for (const old of ["/2024/08/27/berlakasprogram/", "/node/1042"]) {
    const response = await page.goto(old);
    expect(response.request().redirectedFrom()?.url(), old).toMatch(new RegExp(`${old}$`));
    expect(new URL(page.url()).pathname).toBe(path);
    await startApp(page);
    await expect(page.locator("h1.article-title")).toHaveText("Bérlakásprogram indul a fővárosban fiatal dolgozóknak");
  }
});
