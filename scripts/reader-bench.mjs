// What a reader's browser lives through after the first page (make bench): a click on
// an article card (client-side navigation: click → the new headline painted) against a full
// reload of the same article (navigation start → its headline painted), median of 20; and the
// JS heap and the wasm memory after 100 navigations against after 1. dist/ is served as a CDN
// serves it (tests/serve.mjs --cdn), by Debian's Chromium, unthrottled, on loopback.
//
// Ratios are budgets (budgets/reader.toml); absolute times and sizes are notes.
import { chromium } from "playwright";
import { startApp } from "../tests/app-ready.mjs";
import { CHROMIUM, CHROMIUM_FLAGS, budget, content, median, serveDist } from "./reader-common.mjs";

const PORT = 4186;
const base = `http://127.0.0.1:${PORT}`;
const CLICKS = 20;
const NAVIGATIONS = Number(process.env.READER_NAVIGATIONS || 100);

const latest = content("latest/0.json").items;

const server = await serveDist(PORT);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
const failed = [];
try {
  const page = await browser.newPage();
  const takenOver = () => startApp(page);

  // In the page: click the link to `path`, then resolve with the ms until `title` is the
  // headline and a frame has been painted with it.
  const clickTo = (path, title) => page.evaluate(([path, title]) => new Promise((resolve, reject) => {
    const link = document.querySelector(`main a[href="${path}"]`);
    if (!link) return reject(new Error(`no link to ${path} on ${location.pathname}`));
    const start = performance.now();
    link.click();
    const poll = () => {
      const h1 = document.querySelector("main h1");
      if (h1 && h1.textContent === title) requestAnimationFrame(() => resolve(performance.now() - start));
      else if (performance.now() - start > 10000) reject(new Error(`${title} never showed`));
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  }), [path, title]);

  // A reload's headline is press's, painted with the page: an init script notes, from navigation
  // start, the frame after the first one that has it, as `clickTo` does (a frame callback runs
  // before that frame is painted, so noting the first one left the reload's first style, layout
  // and paint out of its time, and counted them in the click's).
  await page.addInitScript(() => {
    const poll = () => {
      const h1 = document.querySelector("main h1");
      if (h1 && h1.textContent.trim()) requestAnimationFrame(() => { window.__headline = performance.now(); });
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });

  const clicks = [];
  const reloads = [];
  for (let i = 0; i < CLICKS; i++) {
    const article = latest[i % latest.length];
    await page.goto(`${base}/`);
    await takenOver();
    clicks.push(await clickTo(article.path, article.title));
    await page.reload();
    await page.waitForFunction(() => window.__headline !== undefined);
    reloads.push(await page.evaluate(() => window.__headline));
  }
  const click = median(clicks);
  const reload = median(reloads);

  // Memory: after one navigation, then after 100 (home ↔ articles, all client-side).
  const cdp = await page.context().newCDPSession(page);
  const memory = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = (await cdp.send("Runtime.getHeapUsage")).usedSize;
    const wasm = await page.evaluate(() => window.hirlapWasm?.memory?.buffer.byteLength ?? NaN);
    return { heap, wasm };
  };
  await page.goto(`${base}/`);
  await takenOver();
  let navigations = 0;
  const navigate = async () => {
    const article = latest[Math.floor(navigations / 2) % latest.length];
    if (navigations % 2 === 0) await clickTo(article.path, article.title);
    else await page.evaluate(() => document.querySelector(".site-header a.site-name").click());
    if (navigations % 2 === 1) await page.waitForFunction(() => location.pathname === "/" && document.querySelector("main .card-title"));
    navigations++;
  };
  await navigate();
  const one = await memory();
  while (navigations < NAVIGATIONS) await navigate();
  const hundred = await memory();
  if (Number.isNaN(one.wasm)) throw new Error("window.hirlapWasm (set by Trunk.toml's loader) is missing: the wasm memory cannot be read");

  const mb = (b) => (b / 1048576).toFixed(1);
  const ratio = { nav: click / reload, heap: hundred.heap / one.heap, wasm: hundred.wasm / one.wasm };
  console.log(`| measure | value | budget |\n|---|---:|---:|`);
  console.log(`| client-side navigation, click → headline (median of ${CLICKS}) | ${click.toFixed(0)} ms | |`);
  console.log(`| full reload of the same article → headline (median of ${CLICKS}) | ${reload.toFixed(0)} ms | |`);
  console.log(`| navigation / reload | ${ratio.nav.toFixed(2)} | ≤ ${budget("max_navigation_to_reload")} |`);
  console.log(`| JS heap after 1 / ${NAVIGATIONS} navigations | ${mb(one.heap)} / ${mb(hundred.heap)} MB (${ratio.heap.toFixed(2)}×) | ≤ ${budget("max_heap_growth")}× |`);
  console.log(`| wasm memory after 1 / ${NAVIGATIONS} navigations | ${mb(one.wasm)} / ${mb(hundred.wasm)} MB (${ratio.wasm.toFixed(2)}×) | ≤ ${budget("max_wasm_growth")}× |`);
  if (ratio.nav > budget("max_navigation_to_reload")) failed.push(`client navigation took ${ratio.nav.toFixed(2)}× a reload`);
  if (ratio.heap > budget("max_heap_growth")) failed.push(`JS heap grew ${ratio.heap.toFixed(2)}× over ${NAVIGATIONS} navigations`);
  if (ratio.wasm > budget("max_wasm_growth")) failed.push(`wasm memory grew ${ratio.wasm.toFixed(2)}× over ${NAVIGATIONS} navigations`);
} finally {
  await browser.close();
  server.kill();
}
if (failed.length) {
  console.error(`reader: budget missed:\n  ${failed.join("\n  ")}`);
  process.exit(1);
}
