// press site's prerendered pages (docs/adr/0003): readable without JavaScript, and taken over by
// the app with the same DOM in the same places, no layout shift and no second download of the
// documents the page carries.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { content, site, latest, articleAt, startApp, goFurther } from "./content.mjs";

/** `2024.03.15.` from an RFC 3339 string, in its own offset (model::date::short). */
const short = (t) => `${t.slice(0, 4)}.${t.slice(5, 7)}.${t.slice(8, 10)}.`;
const spanText = (spans) => spans.map((s) => s.text).join("");

/** An article with everything: a cover, several paragraphs, tags, related articles. */
function richArticle() {
  for (const s of latest().items) {
    const a = articleAt(s.path);
    if (a.cover && a.tags.length > 1 && a.related.length > 5 && a.body.filter((b) => b.type === "paragraph").length > 2) return a;
  }
  throw new Error("no article with cover, tags, related and three paragraphs in the sample");
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an article shows its title, lead, body text, tags, author and dates", async ({ page }) => {
    const a = richArticle();
    const res = await page.goto(a.path);
    expect(res.status()).toBe(200);
    await expect(page).toHaveTitle(`${a.title} | ${site().name}`);
    await expect(page.locator("h1.article-title")).toHaveText(a.title);
    await expect(page.locator(".article-section")).toContainText(a.section.name);
    await expect(page.locator(".article-lead")).toHaveText(a.lead);
    const paragraphs = a.body.filter((b) => b.type === "paragraph").map((b) => spanText(b.spans));
    await expect(page.locator(".article-body > p")).toHaveText(paragraphs);
    for (const h of a.body.filter((b) => b.type === "heading")) {
      await expect(page.locator(".article-body").getByRole("heading", { name: h.text })).toBeVisible();
    }
    await expect(page.locator(".article-tags .tag")).toHaveText(a.tags.map((t) => t.name));
    await expect(page.locator(".article-header .author-name")).toHaveText(a.author.name);
    await expect(page.locator(".article-date")).toHaveText(short(a.published));
    await expect(page.locator(".published")).toContainText(short(a.published));
    // A photo's fallback is its 800 px JPEG (never the camera original); an SVG is used as it is.
    const variants = a.cover.variants ?? [];
    const fallback = variants.length ? (variants.find((v) => v.width >= 800) ?? variants.at(-1)).jpeg : a.cover.src;
    await expect(page.locator(".figure img").first()).toHaveAttribute("src", fallback);
    // The menus are closed, as the app starts them.
    await expect(page.locator("#more-menu")).toBeHidden();
    await expect(page.locator("#drawer")).toBeHidden();
  });

  test("a list page shows its cards and a real link to the next older page", async ({ page }) => {
    const l = latest();
    const res = await page.goto("/friss");
    expect(res.status()).toBe(200);
    await expect(page.locator("main h1")).toHaveText("Friss");
    await expect(page.locator("main .card-title")).toHaveText(l.items.map((i) => i.title));
    await expect(page.locator("main .load-more a")).toHaveAttribute("href", `/friss/oldal/${l.older}`);
    const s = content(`sections/${site().menu[0].href.split("/").pop()}/0.json`);
    await page.goto(`/rovat/${s.section.slug}`);
    await expect(page.locator("main h1")).toHaveText(s.section.name);
    await expect(page.locator("main .card-title")).toHaveText(s.list.items.map((i) => i.title));
    // The sidebar links to the latest articles (it never lists them: they change with every
    // article), the footer lists the popular tags.
    await expect(page.locator(".sidebar .load-more a")).toHaveAttribute("href", "/friss");
    await expect(page.locator(".sidebar .card-title")).toHaveCount(0);
    await expect(page.locator(".site-footer .tag")).toHaveText(site().popular_tags.map((t) => t.name));
  });

  test("the home page, a tag, an author and an unknown path read too", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator(".card-lead .card-title")).toHaveText(content("home.json").top[0].title);
    const tag = site().popular_tags[0];
    await page.goto(`/cimke/${tag.slug}`);
    await expect(page.locator("main h1")).toHaveText(tag.name);
    const author = latest().items[0].author;
    await page.goto(`/szerzo/${author.slug}`);
    await expect(page.locator("main h1")).toHaveText(author.name);
    const res = await page.goto("/nincs/ilyen/oldal");
    expect(res.status()).toBe(404);
    await expect(page.locator("main h1")).toHaveText("Az oldal nem található");
  });
});

/** Every element under `root` in document order: tag, attributes, own text and box. */
const snapshotDom = (rootSelector) => {
  const root = rootSelector ? document.querySelector(rootSelector) : document.body;
  const out = [];
  const walk = (el) => {
    for (const child of el.children) {
      if (child.id === "hirlap-data" || child.tagName === "SCRIPT") continue;
      const r = child.getBoundingClientRect();
      const attrs = [...child.attributes]
        .filter((a) => a.name !== "style")
        // Class order and spacing mean nothing to the page (Leptos's server renderer leaves a
        // double space where a `class:x=false` sits).
        .map((a) => `${a.name}=${a.name === "class" ? a.value.split(/\s+/).filter(Boolean).join(" ") : a.value}`)
        .sort()
        .join(" ");
      let text = [...child.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join("");
      if (child.classList.contains("countdown-number")) text = "#";
      out.push({ tag: child.tagName, attrs, text, box: [r.x, r.y + window.scrollY, r.width, r.height] });
      walk(child);
    }
  };
  walk(root);
  return out;
};

/** The app's DOM after it took over `path`, and press's prerendered DOM of the same page. */
async function bothDoms(browser, path, viewport) {
  const off = await browser.newContext({ javaScriptEnabled: false, viewport });
  const pre = await off.newPage();
  await pre.goto(path);
  const prerendered = await pre.evaluate(snapshotDom, "#prerender");
  await off.close();

  const on = await browser.newContext({ viewport });
  const app = await on.newPage();
  // The sidebar's latest list is the app's alone (it changes with every article, docs/adr/0014):
  // without it the app shows what the prerendered page shows, the link to /friss.
  // On /friss the page's own document is that list: the first request (the page's) goes through.
  let pageOwn = path === "/friss" ? 1 : 0;
  await app.route("**/content/latest/0.json", (route) => (pageOwn-- > 0 ? route.continue() : route.abort()));
  await app.goto(path);
  await startApp(app);
  await app.waitForLoadState("networkidle");
  const rendered = await app.evaluate(snapshotDom, "#app");
  await on.close();
  return { prerendered, rendered };
}

function articlePaths() {
  return latest().items.slice(0, 3).map((s) => s.path);
}

for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  test(`press's pages are the app's DOM, element for element and box for box (${viewport.width} px)`, async ({ browser }) => {
    // Eleven routes, each opened twice and measured element by element: 66 s at 1280 px with
    // two cores busy, more at 390 px. The test asserts boxes, not time.
    test.setTimeout(240_000);
    const routes = ["/", "/friss", `/friss/oldal/${latest().older}`, `/cimke/${site().popular_tags[0].slug}`,
      `/szerzo/${latest().items[0].author.slug}`, "/oldal/impresszum", "/kereses", "/nincs/ilyen", ...articlePaths()];
    for (const path of routes) {
      const { prerendered, rendered } = await bothDoms(browser, path, viewport);
      expect(rendered.length, `${path}: element count`).toBe(prerendered.length);
      for (let i = 0; i < rendered.length; i++) {
        const [p, r] = [prerendered[i], rendered[i]];
        expect(`${r.tag} ${r.attrs} «${r.text}»`, `${path}: element ${i}`).toBe(`${p.tag} ${p.attrs} «${p.text}»`);
        // The reading-progress bar is fixed at the top and drawn by the app from the scroll
        // position (a transform, no inline style in the markup): it cannot move anything else.
        if (r.attrs.includes("class=reading-progress")) continue;
        expect(r.box, `${path}: box of ${p.tag} ${p.attrs}`).toEqual(p.box);
      }
    }
  });
}

test("the app takes over an article with no layout shift, reading each of its documents once", async ({ page }) => {
  const a = richArticle();
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__shifts.push({ value: e.value, input: e.hadRecentInput });
    }).observe({ type: "layout-shift", buffered: true });
  });
  const requested = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(a.path);
  // Before the app runs, the page is press's; afterwards the app's, exactly once.
  await startApp(page);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  const shifts = await page.evaluate(() => window.__shifts);
  expect(shifts.reduce((sum, s) => sum + s.value, 0)).toBe(0);
  await expect(page.locator(".site-header")).toHaveCount(1);
  await expect(page.locator("#main")).toHaveCount(1);
  await expect(page.locator("h1.article-title")).toHaveText(a.title);
  await expect(page.locator(".article-lead")).toHaveText(a.lead);
  await expect(page.locator("#hirlap-data")).toHaveCount(0);
  // The page names its documents; the app fetches each once when it comes (docs/adr/0017).
  for (const doc of ["site.json", `articles${a.path}.json`]) {
    expect(requested.filter((p) => p === `/content/${doc}`), doc).toHaveLength(1);
  }
  // The app runs: the related articles' "Kérek még" reveals more of them.
  await page.locator(".sidebar .more-related > summary").first().click();
  await expect(page.locator(".sidebar .card:visible")).toHaveCount(Math.min(10, a.related.length));
});

test("the app being built beside the page is laid out but unseen, unfocusable and takes no room", async ({ page }) => {
  // No wasm: the page stays press's, and the test puts an app under construction beside it.
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto(richArticle().path);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const built = await page.evaluate(() => {
    const app = document.createElement("div");
    app.id = "app";
    app.hidden = true;
    app.innerHTML = '<p class="probe">Épülő oldal</p><a class="probe-link" href="/rovat/x">Épülő link</a>';
    document.body.append(app);
    const link = app.querySelector("a");
    link.focus();
    return {
      scrollHeight: document.documentElement.scrollHeight,
      laidOut: app.querySelector("p").getBoundingClientRect().width > 0,
      seen: link.checkVisibility({ visibilityProperty: true }),
      focused: document.activeElement === link,
    };
  });
  expect(built.scrollHeight, "no room taken").toBe(height);
  expect(built.laidOut, "laid out while built, so the reveal does not lay out the whole page").toBe(true);
  expect(built.seen).toBe(false);
  expect(built.focused).toBe(false);
  await expect(page.getByRole("link", { name: "Épülő link" })).toHaveCount(0);
  await expect(page.getByText("Épülő oldal")).toBeHidden();
});

test("the prerendered page goes at the reveal: its ids at once, its elements over the next tasks, no image fetched again", async ({ page }) => {
  // The moment the prerendered page hands over (its id goes), recorded in the page.
  await page.addInitScript(() => {
    new MutationObserver((records) => {
      if (records.some((r) => r.oldValue === "prerender") && !window.__revealedAt) window.__revealedAt = performance.now();
    }).observe(document, { attributes: true, attributeFilter: ["id"], attributeOldValue: true, subtree: true });
  });
  // The sidebar's latest list is the one part the app adds after the page (docs/adr/0014), with
  // thumbnails of its own: without it, every image after the reveal would be one fetched again.
  await page.route("**/content/latest/0.json", (route) => route.abort());
  await page.goto("/");
  await goFurther(page);
  const atReveal = await page.waitForFunction(() => {
    if (document.getElementById("prerender")) return false;
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    const left = document.querySelector(".retired");
    const seen = !!left && (left.getBoundingClientRect().height > 0 || [...left.querySelectorAll("*")].some((e) => e.checkVisibility()));
    // What remains is no landmark and no focus stop for a tool that reads the DOM (axe, a screen
    // reader's extension), and the app does not yet say it is the page.
    const exposed = !!left && !(left.inert && left.getAttribute("aria-hidden") === "true");
    const readyTooSoon = !!left && document.documentElement.dataset.app === "ready";
    return { duplicates: ids.filter((id, i) => ids.indexOf(id) !== i), leftSeen: seen, exposed, readyTooSoon };
  }, null, { polling: 10 });
  expect(await atReveal.jsonValue()).toEqual({ duplicates: [], leftSeen: false, exposed: false, readyTooSoon: false });
  // The skip link's target is the app's main, which the reader sees.
  await expect(page.locator("#main")).toHaveCount(1);
  await expect(page.locator("#main")).toBeVisible();
  await page.waitForFunction(() => !document.querySelector(".retired"));
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => [...document.body.children].filter((e) => e.localName === "div").map((e) => e.id))).toEqual(["app"]);
  // Taking a <picture> apart piece by piece would make its image pick another source and fetch it.
  const late = await page.evaluate(() => performance.getEntriesByType("resource")
    .filter((r) => r.initiatorType === "img" && r.startTime > window.__revealedAt).map((r) => r.name));
  expect(await page.evaluate(() => window.__revealedAt)).toBeGreaterThan(0);
  expect(late).toEqual([]);
});

test("the app says it has taken over only when its page is the only one: one banner, one main, one h1", async ({ page }) => {
  // Noted in the page at the moment <html data-app="ready"> appears, whatever the machine's load.
  await page.addInitScript(() => {
    new MutationObserver((records, observer) => {
      if (document.documentElement.dataset.app !== "ready") return;
      observer.disconnect();
      window.__atReady = {
        headers: document.querySelectorAll(".site-header").length,
        mains: document.querySelectorAll("main").length,
        h1s: document.querySelectorAll("h1").length,
        retired: document.querySelectorAll(".retired, #prerender").length,
      };
    }).observe(document, { attributes: true, attributeFilter: ["data-app"], subtree: true });
  });
  for (const path of ["/", richArticle().path, `/friss/oldal/${latest().older}`, "/friss"]) {
    await page.goto(path);
    await startApp(page);
    expect(await page.evaluate(() => window.__atReady), path).toEqual({ headers: 1, mains: 1, h1s: 1, retired: 0 });
  }
});

test("what the reader did before the app took over stays: typed text, focus, an opened Kérek még", async ({ page }) => {
  const a = richArticle();
  // The app is held back until the reader has acted on the prerendered page.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route("**/*.wasm", async (route) => { await held; await route.continue(); });
  await page.goto(a.path);
  await page.locator("#prerender .sidebar .more-related > summary").first().click();
  await expect(page.locator(".sidebar .card-title:visible")).toHaveCount(Math.min(10, a.related.length));
  const word = a.title.split(/\s+/).map((w) => w.replace(/[^\p{L}]/gu, "")).find((w) => w.length > 4);
  await page.locator("#prerender #search-input").fill(word);
  release();
  await startApp(page);
  await expect(page.locator("#app .site-header")).toBeVisible();
  await expect(page.locator("#search-input")).toHaveValue(word);
  await expect(page.locator("#search-input")).toBeFocused();
  await expect(page.locator(".search-clear")).toBeVisible();
  await expect(page.locator(".sidebar .card-title:visible")).toHaveCount(Math.min(10, a.related.length));
  // The app has the text too: Enter searches for it.
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/kereses?q=${encodeURIComponent(word)}`);
  await expect(page.locator(".search-summary")).toContainText(`„${word}”`);
});

test("the app's download waits for a frame after the page's load; the page fetches no script of its own", async ({ page }) => {
  // The first animation frame after `load`: the frame that draws the loaded page. (Its paint
  // timing entry is the frame's presentation, which headless Chromium may report much later.)
  await page.addInitScript(() => {
    addEventListener("load", () => requestAnimationFrame(() => { window.frameAfterLoad = performance.now(); }), { once: true });
  });
  const a = richArticle();
  await page.goto(a.path);
  await startApp(page);
  expect(await page.locator('link[rel="preload"], link[rel="modulepreload"]').count()).toBe(0);
  const { loaded, frame, scripts, app } = await page.evaluate(() => {
    const resources = performance.getEntriesByType("resource");
    return {
      loaded: performance.getEntriesByType("navigation")[0].loadEventStart,
      frame: window.frameAfterLoad,
      scripts: resources.map((r) => new URL(r.name).pathname).filter((path) => path.endsWith(".js")),
      app: resources.filter((r) => /\/hirlap-[0-9a-f]+(_bg\.wasm|\.js)$/.test(r.name)).map((r) => r.startTime),
    };
  });
  expect(app).toHaveLength(2);
  expect(frame).toBeGreaterThan(loaded);
  for (const start of app) expect(start).toBeGreaterThanOrEqual(frame);
  // The controls' code (boot.js) is inline: before the app, the page requests no script at all.
  expect(scripts.filter((path) => !/^\/hirlap-[0-9a-f]+\.js$/.test(path))).toEqual([]);
});

test("every route's page has the app read exactly the documents its first render reads, once", async ({ page }) => {
  const s = content(`sections/${site().menu[0].href.split("/").pop()}/0.json`);
  const a = articleAt(latest().items[0].path);
  const cases = [
    ["/", ["home.json"]],
    [`/rovat/${s.section.slug}`, [`sections/${s.section.slug}/0.json`]],
    ["/friss", ["latest/0.json"]],
    ["/friss/oldal/1", ["latest/1.json"]],
    [a.path, [`articles${a.path}.json`]],
    ["/oldal/impresszum", ["pages/impresszum.json"]],
    ["/kereses", []],
  ];
  for (const [path, own] of cases) {
    const requested = [];
    const listener = (r) => requested.push(new URL(r.url()).pathname);
    page.on("request", listener);
    await page.goto(path);
    await startApp(page);
    await page.waitForLoadState("networkidle");
    page.off("request", listener);
    // The page's own documents, once each (site.json may come from the browser's cache after
    // the first page), and the sidebar's latest list, which no page names (docs/adr/0014): on
    // /friss the page's own document is that same list.
    const json = requested.filter((p) => p.startsWith("/content/"));
    const expected = ["site.json", ...own, "latest/0.json"].map((d) => `/content/${d}`);
    expect(json.filter((p) => !expected.includes(p)), path).toEqual([]);
    for (const doc of own.filter((d) => d !== "latest/0.json")) {
      expect(json.filter((p) => p === `/content/${doc}`), `${path}: ${doc}`).toHaveLength(1);
    }
    expect(json.filter((p) => p === "/content/site.json").length, path).toBeLessThanOrEqual(1);
  }
});

test("under the Content-Security-Policy of _headers the app runs with no violation", async ({ page }) => {
  const headers = readFileSync(new URL("../../dist/_headers", import.meta.url), "utf8");
  const csp = headers.match(/^\s+Content-Security-Policy: (.+)$/m)[1];
  expect(csp).not.toContain("unsafe-inline");
  // The static server sends no headers of its own: add the policy to every page, as the host will.
  await page.route("**/*", async (route) => {
    if (route.request().resourceType() !== "document") return route.continue();
    const response = await route.fetch();
    return route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": csp } });
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const a = articleAt(latest().items[0].path);
  await page.goto(a.path);
  await startApp(page);
  await page.locator(".site-header .main-nav a").first().click();
  await expect(page.locator("main h1")).toHaveText(site().menu[0].label);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
});
