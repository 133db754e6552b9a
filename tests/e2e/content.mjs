// The e2e tests read the same JSON the app reads (dist/content, compiled by press from the
// sample sources), so they assert what a reader sees against the content, not against strings
// copied into the tests.
import { readFileSync } from "node:fs";
import { test as base, expect } from "@playwright/test";
import { appTookOver, goFurther, startApp } from "../app-ready.mjs";

/**
 * Playwright's test with a page whose goto/reload bring the app (as a reader's pointer on a link
 * does) and wait for it to take over the prerendered markup: until then the page is press's static
 * copy, which a click would leave with a full load.
 */
export const test = base.extend({
  page: async ({ page }, use, testInfo) => {
    // What the page logged: printed when a test fails, so that a failure in CI says why.
    const logged = [];
    page.on("pageerror", (e) => logged.push(`pageerror: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && logged.push(`console.error: ${m.text()}`));
    const settle = () => startApp(page);
    for (const name of ["goto", "reload", "goBack", "goForward"]) {
      const original = page[name].bind(page);
      page[name] = async (...args) => {
        const response = await original(...args);
        await settle();
        return response;
      };
    }
    await use(page);
    // No test expects the app to panic: its error page (status.rs) fails whichever test saw it.
    const panicked = !page.isClosed() && (await page.locator(".error-view.panic").count().catch(() => 0)) > 0;
    if (testInfo.status !== testInfo.expectedStatus || panicked) {
      console.log(`${testInfo.title}: the page logged\n  ${logged.join("\n  ") || "(nothing)"}`);
    }
    expect(panicked, "the app showed its panic page").toBe(false);
  },
});
export { expect };

export function content(path) {
  return JSON.parse(readFileSync(new URL(`../../dist/content/${path}`, import.meta.url), "utf8"));
}

export const site = () => content("site.json");
export const home = () => content("home.json");
/** Page n of the latest articles: 0 is the front page, older pages count from the oldest (1). */
export const latest = (n = 0) => content(`latest/${n}.json`);

/** The article JSON for a site path like /belfold/2024/03/15/slug. */
export function articleAt(path) {
  return content(`articles${path}.json`);
}

export { appTookOver, goFurther, startApp };
