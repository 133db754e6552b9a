// Every view type, loaded directly by its URL (a deep link), shows its heading and content.
import { test, expect, content, site, home, latest, articleAt, startApp } from "./content.mjs";

test("home shows the lead story, the section blocks and the latest list", async ({ page }) => {
  await page.goto("/");
  const h = home();
  await expect(page).toHaveTitle(site().name);
  await expect(page.locator(".card-lead .card-title")).toHaveText(h.top[0].title);
  for (const block of h.sections) {
    await expect(page.locator(".home-section h2", { hasText: block.section.name }).first()).toBeVisible();
  }
  await expect(page.locator(".sidebar .card-title").first()).toHaveText(latest().items[0].title);
});

test("a section page lists its articles with its name as heading", async ({ page }) => {
  const s = content("sections/belfold/0.json");
  await page.goto("/rovat/belfold");
  await expect(page.locator("main h1")).toHaveText(s.section.name);
  await expect(page).toHaveTitle(`${s.section.name} | ${site().name}`);
  await expect(page.locator("main .card-title")).toHaveCount(s.list.items.length);
  await expect(page.locator("main .card-title").first()).toHaveText(s.list.items[0].title);
});

test("a sub-section page names its parent and lists its own articles", async ({ page }) => {
  const tudomany = site().menu.find((m) => m.children?.length);
  const child = tudomany.children[0];
  const slug = child.href.split("/").pop();
  const s = content(`sections/${slug}/0.json`);
  await page.goto(child.href);
  await expect(page.locator("main h1")).toHaveText(child.label);
  await expect(page.locator("main .eyebrow a")).toHaveText(tudomany.label);
  await expect(page.locator("main .card-title")).toHaveCount(s.list.items.length);
});

test("a tag page lists the tagged articles", async ({ page }) => {
  const tag = site().popular_tags[0];
  const t = content(`tags/${tag.slug}/0.json`);
  await page.goto(`/cimke/${tag.slug}`);
  await expect(page.locator("main h1")).toHaveText(tag.name);
  await expect(page.locator("main .card-title")).toHaveCount(t.list.items.length);
});

test("an article shows its section, title, lead, body, author and tags", async ({ page }) => {
  const summary = latest().items[0];
  const a = articleAt(summary.path);
  await page.goto(a.path);
  await expect(page.locator("h1.article-title")).toHaveText(a.title);
  await expect(page).toHaveTitle(`${a.title} | ${site().name}`);
  await expect(page.locator(".article-section")).toContainText(a.section.name);
  await expect(page.locator(".article-lead")).toHaveText(a.lead);
  await expect(page.locator(".article-header .author-name")).toHaveText(a.author.name);
  const firstPara = a.body.find((b) => b.type === "paragraph");
  await expect(page.locator(".article-body p").first()).toHaveText(firstPara.spans.map((s) => s.text).join(""));
  await expect(page.locator(".article-tags .tag")).toHaveText(a.tags.map((t) => t.name));
});

test("an author page shows the name, bio and their articles", async ({ page }) => {
  const slug = latest().items[0].author.slug;
  const p = content(`authors/${slug}/0.json`);
  await page.goto(`/szerzo/${slug}`);
  await expect(page.locator("main h1")).toHaveText(p.author.name);
  await expect(page.locator("main .bio")).toHaveText(p.author.bio);
  await expect(page.locator("main .card-title")).toHaveCount(p.list.items.length);
});

test("a static page shows its title and text", async ({ page }) => {
  const p = content("pages/impresszum.json");
  await page.goto("/oldal/impresszum");
  await expect(page.locator("main h1")).toHaveText(p.title);
  await expect(page.locator(".static-page .article-body")).not.toBeEmpty();
});

test("the search page reads its query from the URL", async ({ page }) => {
  await page.goto("/kereses?q=v%C3%A1laszt%C3%A1s");
  await expect(page.locator("main h1")).toHaveText("Keresés");
  await expect(page.locator("main")).toContainText("választás");
});

test("an unknown path shows the Hungarian 404 view", async ({ page }) => {
  await page.goto("/nincs/ilyen/oldal");
  await startApp(page);
  await expect(page.locator("main h1")).toHaveText("Az oldal nem található");
  await expect(page.getByRole("link", { name: "Vissza a címlapra" })).toBeVisible();
});

test("an unknown article slug shows the 404 view, not an error", async ({ page }) => {
  const a = latest().items[0];
  await page.goto(a.path.replace(/[^/]+$/, "nincs-ilyen-cikk"));
  await expect(page.locator("main h1")).toHaveText("Az oldal nem található");
});

test("an unknown section and an unknown tag show the 404 view", async ({ page }) => {
  await page.goto("/rovat/nincs-ilyen-rovat");
  await expect(page.locator("main h1")).toHaveText("Az oldal nem található");
  await page.goto("/cimke/nincs-ilyen-cimke");
  await expect(page.locator("main h1")).toHaveText("Az oldal nem található");
});
