// The e2e tests read the same JSON the app reads (dist/content, compiled by press from the
// sample sources), so they assert what a reader sees against the content, not against strings
// copied into the tests.
import { readFileSync } from "node:fs";

export function content(path) {
  return JSON.parse(readFileSync(new URL(`../../dist/content/${path}`, import.meta.url), "utf8"));
}

export const site = () => content("site.json");
export const home = () => content("home.json");
export const latest = (n = 1) => content(`latest/${n}.json`);

/** The article JSON for a site path like /belfold/2024/03/15/slug. */
export function articleAt(path) {
  return content(`articles${path}.json`);
}

/** A section with more than one page of articles, for pagination tests. */
export function pagedSection() {
  for (const top of site().menu) {
    const page = content(`sections/${top.href.split("/").pop()}/1.json`);
    if (page.list.pages > 1) return page;
  }
  throw new Error("the sample content has no section with two pages");
}

/** Resolves once the app has rendered into the page (the header is app-made). */
export async function appReady(page) {
  await page.locator(".site-header").waitFor();
}
