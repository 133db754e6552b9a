// axe-core on every page type, light and dark: zero violations, colour contrast included.
import AxeBuilder from "@axe-core/playwright";
import { test, expect, latest, site, appTookOver } from "./content.mjs";

const pages = () => ({
  home: "/",
  section: "/rovat/belfold",
  subsection: site().menu.find((m) => m.children?.length).children[0].href,
  tag: `/cimke/${site().popular_tags[0].slug}`,
  article: latest().items[0].path,
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
        await appTookOver(page);
        await page.locator("main h1").first().waitFor({ state: "attached" });
        await page.waitForLoadState("networkidle");
        const results = await new AxeBuilder({ page }).analyze();
        const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
        expect(summary).toEqual([]);
      });
    }
  });
}

test("the open + menu and the open drawer have no axe violations", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "További rovatok" }).click();
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
  await page.setViewportSize({ width: 375, height: 740 });
  await page.getByRole("button", { name: "Menü megnyitása" }).click();
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
});
