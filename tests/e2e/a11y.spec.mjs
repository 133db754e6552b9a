// axe-core on every page type, light and dark: zero violations, colour contrast included, and
// with the rule that a control's name contains its visible text (off in axe by default).
import AxeBuilder from "@axe-core/playwright";
import { test, expect, latest, site, startApp } from "./content.mjs";

const axe = (page) => new AxeBuilder({ page }).options({ rules: { "label-content-name-mismatch": { enabled: true } } });
const summary = (results) => results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);

const pages = () => ({
  home: "/",
  section: "/rovat/belfold",
  subsection: site().menu.find((m) => m.children?.length).children[0].href,
  tag: `/cimke/${site().popular_tags[0].slug}`,
  article: latest().items[0].path,
  // A running live blog: its timeline, pinned box and status.
  live: latest().items.find((a) => a.live).path,
  author: `/szerzo/${latest().items[0].author.slug}`,
  page: "/oldal/impresszum",
  search: "/kereses?q=budapest",
  notFound: "/nincs-ilyen-oldal",
});

for (const scheme of ["light", "dark"]) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    for (const [name, path] of Object.entries(pages())) {
      test(`${name} has no axe violations`, async ({ page }) => {
        await page.goto(path);
        await startApp(page);
        await page.locator("main h1").first().waitFor({ state: "attached" });
        await page.waitForLoadState("networkidle");
        expect(summary(await axe(page).analyze())).toEqual([]);
      });
    }

    // The page a reader has before the app runs (and keeps if it never does), from its first
    // paint: boot.js has set the controls' state for the scheme.
    for (const name of ["home", "article"]) {
      test(`${name} has no axe violations before the app`, async ({ browser }) => {
        const context = await browser.newContext({ colorScheme: scheme });
        const page = await context.newPage();
        await page.route("**/*.wasm", (route) => route.abort());
        await page.goto(pages()[name], { waitUntil: "domcontentloaded" });
        await expect(page.locator("#prerender .theme-toggle")).toHaveAttribute("aria-pressed", String(scheme === "dark"));
        expect(summary(await axe(page).analyze())).toEqual([]);
        await context.close();
      });
    }
  });
}

test("the open + menu and the open drawer have no axe violations", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "További rovatok" }).click();
  expect(summary(await axe(page).analyze())).toEqual([]);
  await page.setViewportSize({ width: 375, height: 740 });
  await page.getByRole("button", { name: "Menü megnyitása" }).click();
  expect(summary(await axe(page).analyze())).toEqual([]);
});
