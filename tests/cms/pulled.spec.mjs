// A post pulled from the real WordPress of scripts/wordpress.sh, as a reader sees it: with the
// app, and as the prerendered page without JavaScript. Expectations come from the seed
// (scripts/wordpress/seed.php) and from the JSON press built from the pull.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { startApp } from "../app-ready.mjs";

const site = process.env.CMS_SITE;
const json = (p) => JSON.parse(readFileSync(`${site}/content/${p}`, "utf8"));
const PATH = "/belfold/2024/05/21/megujul-a-duna-parti-setany";
const LINKED = "/belfold/2024/05/20/hosegriasztas-jon-a-hetvegere";

for (const javaScriptEnabled of [true, false]) {
  test(`a pulled WordPress post reads right (${javaScriptEnabled ? "the app" : "no JavaScript"})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const a = json(`articles${PATH}.json`);
    const res = await page.goto(PATH);
    expect(res.status()).toBe(200);
    if (javaScriptEnabled) {
      await startApp(page);
    }
    await expect(page.locator("h1.article-title")).toHaveText("Megújul a Duna-parti sétány");
    await expect(page.locator(".article-lead")).toHaveText(a.lead);
    await expect(page.locator(".article-section")).toContainText("Belföld");
    await expect(page.locator(".article-header .author-name")).toHaveText("Kovács Anna");
    await expect(page.locator(".article-date")).toHaveText("2024.05.21.");
    await expect(page.locator(".article-tags .tag")).toHaveText(["Budapest", "Közlekedés", "Önkormányzat"]);
    await expect(page.locator(".article-body .pull-quote")).toHaveText("A rakpart végre a városé lesz, nem az autóké.");
    await expect(page.locator(".article-body .quote figcaption")).toContainText("Varga Ilona");
    await expect(page.locator(".article-body li").first()).toBeVisible();
    await expect(page.locator(".article-body .embed a")).toHaveAttribute("href", "https://www.youtube.com/watch?v=hirlapSeta1");
    await expect(page.locator(".cover-credit")).toContainText("Fotó: Szalai Réka / CIVILHETES");
    // Nothing of the post's <script> or <iframe> reached the page.
    await expect(page.locator("main script, main iframe")).toHaveCount(0);
    await expect(page.locator("main")).not.toContainText("feltörve");
    // The pulled images are served from the site itself and load.
    for (const img of [page.locator("main .figure img").first(), page.locator(".article-body .figure img")]) {
      await img.scrollIntoViewIfNeeded();
      await expect.poll(() => img.evaluate((i) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
      // A pulled photo is published like an editor's: one of press's resized copies.
      expect(new URL(await img.evaluate((i) => i.currentSrc)).pathname).toMatch(/^\/public\/_photos\/[0-9a-f]+-\d+\.(avif|webp|jpg)$/);
    }
    await expect(page.locator(".article-body .figure figcaption")).toContainText("A sétány három szakasza");
    // A link between two posts leads to the other post's new page.
    await page.locator(`.article-body a[href="${LINKED}"]`).click();
    await expect(page).toHaveURL(LINKED);
    await expect(page.locator("h1.article-title")).toHaveText(json(`articles${LINKED}.json`).title);
    await context.close();
  });
}
