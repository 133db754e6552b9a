// The service worker (docs/adr/0018): what a reader has read stays readable offline.
// - Pages go to the network first, so a correction reaches readers at once. An article page
//   (og:type article) that arrives is kept, the last 20 of them; offline, a kept page is served,
//   and any other page is the offline page listing the kept ones.
// - Content JSON goes to the network first too, kept for offline reading by the app.
// - The app's files, the stylesheet and the photo variants have content-hashed names: served
//   from the cache once there. A new deploy's page names new files, which replace the old ones:
//   no reader is stuck on an old app.
// Nothing is downloaded for the cache alone: what is kept is what the reader's browser fetched.
// Hand-written (no library): it is small, and it must fit the site's CSP (scripts from 'self').
"use strict";

// Bump when what the caches hold changes shape: the old caches are then dropped.
const VERSION = "1";
const PAGES = `hirlap-pages-${VERSION}`; // article pages and the list of them
const DATA = `hirlap-data-${VERSION}`; // content JSON
const FILES = `hirlap-files-${VERSION}`; // the app, the stylesheet, photos
const KEPT_ARTICLES = 20;
const KEPT_DATA = 60;
const KEPT_PHOTOS = 120;
const SAVED = "/__hirlap/saved.json"; // [{url, title}], oldest first, in PAGES

// The offline page's words (the rest of the UI's Hungarian is in src/strings.rs; this page is
// the service worker's own).
const T = {
  title: "Nincs internetkapcsolat",
  lead: "Ez az oldal nincs elmentve a böngészőben. Amint újra van kapcsolat, betölthető.",
  saved: "Elmentett cikkek, kapcsolat nélkül is olvashatók:",
  none: "Még nincs elmentett cikk: amit elolvas, azt a böngésző megőrzi.",
  retry: "Újrapróbálom",
};

const HASHED = /^\/(hirlap-[0-9a-f]+(_bg\.wasm|\.js)|main-[0-9a-f]+\.css)$/;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const mine = [PAGES, DATA, FILES];
    for (const name of await caches.keys()) {
      if (name.startsWith("hirlap-") && !mine.includes(name)) await caches.delete(name);
    }
    await self.clients.claim();
    // The page that registered this worker was loaded before it ran: keep it too, from the
    // browser's HTTP cache where it still is.
    for (const client of await self.clients.matchAll({ type: "window" })) {
      try {
        const res = await fetch(client.url, { cache: "force-cache" });
        if (res.ok) await keepPage(client.url, res);
      } catch (e) { /* offline or gone: nothing to keep */ }
    }
  })());
});

// The page that registered this worker names the photos it showed before the worker ran.
self.addEventListener("message", (event) => {
  const urls = event.data && Array.isArray(event.data.keep) ? event.data.keep : [];
  event.waitUntil((async () => {
    const cache = await caches.open(FILES);
    for (const u of urls.slice(0, 40)) {
      const url = new URL(u, self.location.origin);
      if (url.origin !== self.location.origin || !url.pathname.startsWith("/public/_photos/")) continue;
      if (await cache.match(url.href)) continue;
      try {
        const res = await fetch(url.href, { cache: "force-cache" });
        if (res.ok) await cache.put(url.href, res);
      } catch (e) { /* not kept */ }
    }
    await trim(cache, (p) => p.startsWith("/public/_photos/"), KEPT_PHOTOS);
  })());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === "navigate") event.respondWith(page(req));
  else if (HASHED.test(url.pathname) || url.pathname.startsWith("/public/_photos/")) event.respondWith(hashed(req, url));
  else if (url.pathname.startsWith("/content/") && url.pathname.endsWith(".json")) event.respondWith(data(req));
});

async function page(req) {
  try {
    const res = await fetch(req);
    if (res.ok) keepPage(req.url, res.clone()).catch(() => {});
    return res;
  } catch (e) {
    const cache = await caches.open(PAGES);
    return (await cache.match(req, { ignoreSearch: true })) || offlinePage(await saved(cache));
  }
}

/** Keeps an article page, the newest last, at most KEPT_ARTICLES of them. */
async function keepPage(url, res) {
  const html = await res.clone().text();
  if (attr(html, "og:type") !== "article") return;
  const title = attr(html, "og:title") || url;
  const site = attr(html, "og:site_name");
  const cache = await caches.open(PAGES);
  const key = new URL(url);
  key.search = "";
  key.hash = "";
  let list = (await saved(cache)).filter((s) => s.url !== key.href);
  list.push({ url: key.href, title, site });
  for (const old of list.slice(0, Math.max(0, list.length - KEPT_ARTICLES))) await cache.delete(old.url);
  list = list.slice(-KEPT_ARTICLES);
  await cache.put(key.href, new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } }));
  await cache.put(SAVED, new Response(JSON.stringify(list), { headers: { "content-type": "application/json" } }));
}

async function saved(cache) {
  const res = await cache.match(SAVED);
  return res ? res.json() : [];
}

function attr(html, property) {
  // press writes `<meta data-prerender property="…" content="…">` (site/head.rs).
  const m = html.match(new RegExp(`<meta[^>]* property="${property}" content="([^"]*)"`));
  return m ? m[1].replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&") : "";
}

/** Content-hashed: the cache's copy is the file. A new app or stylesheet drops the old one. */
async function hashed(req, url) {
  const cache = await caches.open(FILES);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) {
    const copy = res.clone();
    (async () => {
      const kind = url.pathname.replace(/[0-9a-f]{8,}/, "#");
      const keys = await cache.keys();
      for (const k of keys) {
        const p = new URL(k.url).pathname;
        if (p !== url.pathname && !p.startsWith("/public/_photos/") && p.replace(/[0-9a-f]{8,}/, "#") === kind) await cache.delete(k);
      }
      await cache.put(req, copy);
      await trim(cache, (p) => p.startsWith("/public/_photos/"), KEPT_PHOTOS);
    })().catch(() => {});
  }
  return res;
}

/** Network first; the last copy when offline. */
async function data(req) {
  const cache = await caches.open(DATA);
  try {
    const res = await fetch(req);
    if (res.ok) {
      const copy = res.clone();
      (async () => {
        await cache.delete(req);
        await cache.put(req, copy);
        await trim(cache, () => true, KEPT_DATA);
      })().catch(() => {});
    }
    return res;
  } catch (e) {
    const hit = await cache.match(req);
    if (hit) return hit;
    throw e;
  }
}

/** Drops the oldest entries matching `which` beyond `keep` (a cache's keys are in insertion order). */
async function trim(cache, which, keep) {
  const keys = (await cache.keys()).filter((k) => which(new URL(k.url).pathname));
  for (const k of keys.slice(0, Math.max(0, keys.length - keep))) await cache.delete(k);
}

function escape(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

async function offlinePage(list) {
  const files = await caches.open(FILES);
  const css = (await files.keys()).map((k) => new URL(k.url).pathname).find((p) => /^\/main-[0-9a-f]+\.css$/.test(p));
  const site = (list[list.length - 1] || {}).site || "";
  const items = list.slice().reverse().map((s) => `<li><a href="${escape(s.url)}">${escape(s.title)}</a></li>`).join("");
  const body = `<!DOCTYPE html><html lang="hu"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(T.title)}${site ? ` | ${escape(site)}` : ""}</title>${css ? `<link rel="stylesheet" href="${css}">` : ""}</head>
<body><main id="main" class="page offline-page"><h1>${escape(T.title)}</h1><p>${escape(T.lead)}</p>
${list.length ? `<h2>${escape(T.saved)}</h2><ul class="offline-saved">${items}</ul>` : `<p>${escape(T.none)}</p>`}
<p><a class="button" href="">${escape(T.retry)}</a></p></main></body></html>`;
  return new Response(body, { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });
}
