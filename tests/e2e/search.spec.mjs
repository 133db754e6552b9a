// Search (docs/CONTENT.md §2.1): a query typed without accents finds accented titles, and the
// page loads the manifest, only the shards of the query's words and only the doc-table chunks
// of the results it shows.
import { test, expect, content, latest } from "./content.mjs";

const fold = (s) =>
  s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** A title word with an accent (folded, at least five letters) and the article it is in. */
function accentedWord() {
  for (const item of latest().items) {
    for (const w of item.title.split(/[^\p{L}\p{N}]+/u)) {
      if (w.length >= 5 && /[áéíóöőúüű]/i.test(w)) return { word: w, folded: fold(w)[0], item };
    }
  }
  throw new Error("no accented title word in the sample");
}

/** The ids a query matches, computed from the files as the app does (model::search::matches). */
function expectedIds(words) {
  const index = content("search/index.json");
  const ids = words.map((w, i) => {
    const shard = content(`search/${w.slice(0, 2)}.json`);
    const set = new Set();
    for (const [word, deltas] of Object.entries(shard)) {
      if (word === w || (i === words.length - 1 && word.startsWith(w))) {
        let id = 0;
        for (const d of deltas) set.add((id += d));
      }
    }
    return set;
  });
  // Ids count from the oldest article: newest first is descending.
  const all = [...ids[0]].filter((id) => ids.every((s) => s.has(id))).sort((a, b) => b - a);
  return { all, chunk: index.chunk, index };
}

function watch(page) {
  const requested = [];
  page.on("request", (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith("/content/search/")) requested.push(p.replace("/content/", ""));
  });
  return requested;
}

test("a query typed without accents finds the accented article and loads only what it needs", async ({ page }) => {
  const { word, folded, item } = accentedWord();
  expect(folded).not.toBe(word.toLowerCase());
  const { all, chunk, index } = expectedIds([folded]);
  // The sample is small: each group is one file (a big archive splits groups; the unit tests cover that).
  expect(index.groups[folded.slice(0, 2)]).toEqual([]);
  const requested = watch(page);

  await page.goto("/");
  await page.locator(".site-header").waitFor();
  await page.locator("#search-input").fill(folded);
  await page.locator("#search-input").press("Enter");
  await expect(page).toHaveURL(`/kereses?q=${folded}`);
  await expect(page.locator(".search-summary")).toHaveText(`${all.length} találat erre: „${folded}”`);
  await expect(page.locator("main .card-title a", { hasText: item.title })).toHaveAttribute("href", item.path);
  await expect(page.locator("main .card")).toHaveCount(Math.min(all.length, 20));

  const chunks = [...new Set(all.slice(0, 20).map((id) => Math.floor(id / chunk)))].map((c) => `search/docs/${c}.json`);
  expect(requested.sort()).toEqual(["search/index.json", `search/${folded.slice(0, 2)}.json`, ...chunks].sort());
});

test("two words must both match, and each word's shard is loaded once", async ({ page }) => {
  const { folded, item } = accentedWord();
  // A second word of the same article's lead that the index has, from another group.
  const other = fold(item.lead).find((w) => {
    const g = w.slice(0, 2);
    return w.length >= 5 && g !== folded.slice(0, 2) && content("search/index.json").groups[g] && w in content(`search/${g}.json`);
  });
  const { all } = expectedIds([folded, other]);
  expect(all.length).toBeGreaterThan(0);
  const requested = watch(page);
  await page.goto(`/kereses?q=${encodeURIComponent(`${folded} ${other}`)}`);
  await expect(page.locator(".search-summary")).toHaveText(`${all.length} találat erre: „${folded} ${other}”`);
  await expect(page.locator("main .card-title a", { hasText: item.title })).toBeVisible();
  const shards = requested.filter((p) => !p.startsWith("search/docs/") && p !== "search/index.json");
  expect(shards.sort()).toEqual([`search/${folded.slice(0, 2)}.json`, `search/${other.slice(0, 2)}.json`].sort());
});

test("a word nobody wrote finds nothing, and an empty query asks for one", async ({ page }) => {
  await page.goto("/kereses?q=xqzxqz");
  await expect(page.locator(".search-summary")).toHaveText("0 találat erre: „xqzxqz”");
  await expect(page.locator("main")).toContainText("Nincs találat");
  await page.goto("/kereses");
  await expect(page.locator("main .search-page p")).toHaveText("Írjon be egy keresőszót a fenti mezőbe.");
  await page.goto("/kereses?q=az%20a");
  await expect(page.locator("main .search-page p")).toContainText("Legalább hárombetűs");
});

test("'Kérek még' is a link that shows twenty more results, loading only the chunks they are in", async ({ page }) => {
  // The sample has no word in more than twenty articles: serve a made-up index of 45 hits.
  const total = 45;
  const chunk = 32;
  const doc = (id) => [`Találat ${id}`, `/belfold/2024/01/${String((id % 28) + 1).padStart(2, "0")}/talalat-${id}`, "Belföld", `Lead ${id}`];
  const files = {
    "search/index.json": { docs: 100, chunk, groups: { zz: [] } },
    "search/zz.json": { zzteszt: [0, ...Array(total - 1).fill(2)] },
    "search/docs/0.json": Array.from({ length: chunk }, (_, i) => doc(i)),
    "search/docs/1.json": Array.from({ length: chunk }, (_, i) => doc(chunk + i)),
    "search/docs/2.json": Array.from({ length: chunk }, (_, i) => doc(2 * chunk + i)),
    "search/docs/3.json": Array.from({ length: 4 }, (_, i) => doc(3 * chunk + i)),
  };
  await page.route("**/content/search/**", (route) => {
    const path = new URL(route.request().url()).pathname.replace("/content/", "");
    return files[path] ? route.fulfill({ json: files[path] }) : route.fulfill({ status: 404, body: "" });
  });
  const requested = watch(page);
  // Hits are ids 0, 2, 4, … 88, newest (highest) first: twenty per page.
  await page.goto("/kereses?q=zzteszt");
  await expect(page.locator(".search-summary")).toHaveText(`${total} találat erre: „zzteszt”`);
  await expect(page.locator("main .card-title")).toHaveCount(20);
  await expect(page.locator("main .card-title").first()).toHaveText("Találat 88");
  expect(requested.filter((p) => p.startsWith("search/docs/")).sort()).toEqual(["search/docs/1.json", "search/docs/2.json"]);
  await page.locator("main .load-more a").click();
  await expect(page).toHaveURL("/kereses?q=zzteszt&oldal=2");
  await expect(page.locator("main .card-title")).toHaveCount(40);
  await expect(page.locator("main .card-title").nth(39)).toHaveText("Találat 10");
  await page.locator("main .load-more a").click();
  await expect(page.locator("main .card-title")).toHaveCount(total);
  await expect(page.locator("main .load-more")).toHaveCount(0);
  await expect(page.locator("main .card-title").last()).toHaveText("Találat 0");
  await expect(page.locator("main .card-meta time").first()).toHaveText("2024.01.05.");
});
