// Bad data costs the part that is bad, not the page: a block that does not decode is left out,
// an optional field of the wrong shape is absent, a card that does not decode is skipped, and only
// a document without its title, path or items is the error view (crates/model/src/json/decode.rs).
import { readdirSync } from "node:fs";
import { test, expect, content, articleAt, latest, site } from "./content.mjs";

/** The text a paragraph's spans show. */
const text = (spans) => spans.map((s) => s.text).join("");

test("an article with one broken block shows its title, lead and every other block", async ({ page }) => {
  // Strip the prerendered page, so that the app reads the (broken) JSON itself.
  await page.route((url) => !/\.[a-z0-9]+$/.test(url.pathname) && !url.pathname.startsWith("/content/"), async (route) => {
    if (route.request().resourceType() !== "document") return route.fallback();
    const resp = await route.fetch();
    const html = (await resp.text())
      .replace(/<div id="prerender">[\s\S]*?<\/div>\s*(?=<script type="application\/json" id="hirlap-data")/, "")
      .replace(/<script type="application\/json" id="hirlap-data">[\s\S]*?<\/script>/, "");
    await route.fulfill({ response: resp, body: html });
  });
  const a = latest()
    .items.map((s) => articleAt(s.path))
    .find((a) => a.body.filter((b) => b.type === "paragraph").length >= 3);
  const paragraphs = a.body.filter((b) => b.type === "paragraph");
  const broken = paragraphs[1];
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await page.route(`**/content/articles${a.path}.json`, (route) => {
    // Its spans are a string: a type another backend could well send.
    const body = a.body.map((b) => (b === broken ? { ...b, spans: "hibás" } : b));
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ ...a, body }) });
  });
  await page.goto(a.path);
  await expect(page.locator("main [role=alert]")).toHaveCount(0);
  await expect(page.locator("h1.article-title")).toHaveText(a.title);
  await expect(page.locator(".article-lead")).toHaveText(a.lead);
  const shown = paragraphs.filter((p) => p !== broken).map((p) => text(p.spans));
  await expect(page.locator(".article-body > p:not(.embed)")).toHaveText(shown);
  const headings = a.body.filter((b) => b.type === "heading").map((h) => h.text);
  await expect(page.locator(".article-body > :is(h2, h3)")).toHaveText(headings);
  expect(warnings.filter((w) => w.includes(a.path) && w.includes("1 part(s)"))).toHaveLength(1);
});

// ---------------------------------------------------------------- random mutations

/** A small seeded generator (mulberry32): the same seed, the same 100 documents. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every place in a document a value sits: [its container, its key or index]. */
function places(value, out = []) {
  if (value && typeof value === "object") {
    for (const key of Object.keys(value)) {
      out.push([value, Array.isArray(value) ? Number(key) : key]);
      places(value[key], out);
    }
  }
  return out;
}

/** A value of another JSON type than `v`. */
function swapped(v) {
  if (typeof v === "string") return 7;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return "true";
  if (Array.isArray(v)) return { length: v.length };
  if (v && typeof v === "object") return [v];
  return "null";
}

/** `v` cut short: half a string, half an array's items, half an object's keys. */
function truncated(v) {
  if (typeof v === "string") return v.slice(0, v.length >> 1);
  if (Array.isArray(v)) return v.slice(0, v.length >> 1);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).slice(0, Object.keys(v).length >> 1));
  return v;
}

const KINDS = ["dropped", "swapped", "null", "200 KB", "truncated"];
const HUGE = "árvíztűrő tükörfúrógép ".repeat(200 * 1024 / 32);

/**
 * One mutation of `doc` at a place picked at random (any key or array item, at any depth).
 * A truncation cuts a value short, not the text: a document cut mid-text is not JSON at all,
 * and it is the retryable decode error by design (errors.spec.mjs), not a degradation.
 */
function mutate(doc, rand) {
  const kind = KINDS[Math.floor(rand() * KINDS.length)];
  const all = places(doc);
  const [parent, key] = all[Math.floor(rand() * all.length)];
  if (kind === "dropped") {
    if (Array.isArray(parent)) parent.splice(key, 1);
    else delete parent[key];
  } else if (kind === "swapped") parent[key] = swapped(parent[key]);
  else if (kind === "null") parent[key] = null;
  else if (kind === "200 KB") parent[key] = HUGE;
  else parent[key] = truncated(parent[key]);
  return kind;
}

/** The articles and list pages a reader reaches, with their content documents. */
function targets() {
  const out = [];
  for (const file of readdirSync(new URL("../../dist/content/latest/", import.meta.url))) {
    const n = Number(file.replace(".json", ""));
    out.push({ path: n === 0 ? "/friss" : `/friss/oldal/${n}`, doc: `latest/${n}.json` });
    for (const a of latest(n).items) out.push({ path: a.path, doc: `articles${a.path}.json` });
  }
  for (const item of site().menu) {
    const slug = item.href.replace("/rovat/", "");
    out.push({ path: item.href, doc: `sections/${slug}/0.json` });
  }
  for (const t of site().popular_tags) out.push({ path: `/cimke/${t.slug}`, doc: `tags/${t.slug}/0.json` });
  const authors = new Set(latest().items.map((a) => a.author.slug));
  for (const slug of authors) out.push({ path: `/szerzo/${slug}`, doc: `authors/${slug}/0.json` });
  return out;
}

test("100 navigations to randomly broken documents: at most 5 error views, no panic, no blank page", async ({ page }) => {
  // A hundred navigations, each allowed 10 s below: on a busy two-core machine they took over
  // the default 30 s in all, with none of them stuck.
  test.setTimeout(120_000);
  const NAVIGATIONS = 100;
  const rand = random(22);
  const pool = targets();
  let served = null;
  await page.route("**/content/**", (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/content\//, "");
    if (served && path === served.doc) {
      return route.fulfill({ status: 200, contentType: "application/json", body: served.body });
    }
    return route.continue();
  });
  let panics = 0;
  page.on("console", (m) => m.type() === "error" && m.text().includes("panicked") && panics++);
  page.on("pageerror", (e) => e.message.includes("panicked") && panics++);
  await page.goto("/");

  const counts = { errors: 0, blanks: 0 };
  const byKind = Object.fromEntries(KINDS.map((k) => [k, { navigations: 0, errors: 0 }]));
  let last = null;
  for (let i = 0; i < NAVIGATIONS; i++) {
    let target;
    do target = pool[Math.floor(rand() * pool.length)];
    while (target === last);
    last = target;
    const doc = content(target.doc);
    const kind = mutate(doc, rand);
    served = { doc: target.doc, body: JSON.stringify(doc) };
    // A client-side navigation, in the page: the app sets data-app=ready again once it has shown
    // the next page, whatever that page is, so that is what the test waits for.
    const shown = await page.evaluate(async (path) => {
      const html = document.documentElement;
      html.removeAttribute("data-app");
      const link = Object.assign(document.createElement("a"), { href: path });
      document.querySelector("main").append(link);
      link.click();
      const started = performance.now();
      while (html.getAttribute("data-app") !== "ready") {
        if (performance.now() - started > 10_000) return { ready: false };
        await new Promise((r) => setTimeout(r, 5));
      }
      const main = document.querySelector("main");
      return {
        ready: true,
        error: !!main?.querySelector(".error-view"),
        panic: !!document.querySelector(".error-view.panic"),
        text: (main?.innerText ?? "").trim().length,
      };
    }, target.path);
    byKind[kind].navigations++;
    if (!shown.ready || (!shown.error && shown.text === 0)) {
      counts.blanks++;
      console.log(`blank: ${target.path} (${kind})`);
    } else if (shown.error) {
      counts.errors++;
      byKind[kind].errors++;
      console.log(`error view: ${target.path} (${kind})`);
    }
    // A panic replaces the whole app: start again from a fresh page to go on counting.
    if (shown.panic) await page.goto("/");
  }
  console.log(
    `random mutations, seed 22: ${NAVIGATIONS} navigations, ${counts.errors} error views, ${panics} panics, ` +
      `${counts.blanks} blank pages; by kind: ${KINDS.map((k) => `${k} ${byKind[k].errors}/${byKind[k].navigations}`).join(", ")}`,
  );
  expect(panics, "panics").toBe(0);
  expect(counts.blanks, "blank pages").toBe(0);
  expect(counts.errors, "error views").toBeLessThanOrEqual(5);
});
