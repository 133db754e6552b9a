// What a reader downloads (make bench), home and an article, served as a CDN serves them (brotli
// and the `_headers`, tests/serve.mjs --cdn), by Debian's Chromium on loopback:
// - idle: opens the page, reads and scrolls through the text, touches no link;
// - engaged: then moves the pointer onto a link of the site, which brings the app (boot.js,
//   docs/adr/0016) until it has taken over;
// - returning: a new tab of the same browser later: the app comes from the browser's cache in
//   an idle moment;
// - static limit: the same page without its scripts (tests/serve.mjs --strip-app), idle.
// Bytes are what the server sent (headers and compressed bodies, tests/serve.mjs --count): the
// page's requests and its service worker's alike.
// And a first click: a reader on a page without the app moves onto a link and clicks it 150 ms
// later, against a click once the app is there (client-side navigation); both until the next
// headline is painted, median of 9 each.
//
// Ratios are budgets (budgets/reader.toml); absolute bytes and times are notes.
import { chromium } from "playwright";
import { appTookOver, goFurther } from "../tests/app-ready.mjs";
import { CHROMIUM, CHROMIUM_FLAGS, budget, content, median, serveDist } from "./reader-common.mjs";

const APP_PORT = 4187;
const STATIC_PORT = 4188;
const RUNS = 9;
const lead = content("home.json").top[0];
const PAGES = [["home", "/"], ["article", lead.path]];

const app = await serveDist(APP_PORT, "--count");
const stripped = await serveDist(STATIC_PORT, "--strip-app", "--count");
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
const contextOptions = { serviceWorkers: "allow" };
const failed = [];

/** What the server on `port` has sent so far, headers and bodies as on the wire. */
async function sentBy(port) {
  const res = await fetch(`http://127.0.0.1:${port}/__bytes`);
  return (await res.json()).bytes;
}

/**
 * A new page in `context`, the bytes its server (`port`) sends from now on (the page's requests
 * and its service worker's alike), and a reader's idle time on it.
 */
async function counted(context, port) {
  const page = await context.newPage();
  const from = await sentBy(port);
  const bytes = async () => (await sentBy(port)) - from;
  const idle = async () => {
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(r)))));
    await page.waitForTimeout(1500);
    await page.waitForLoadState("networkidle");
  };
  return { page, bytes, idle };
}

/** Scrolls the way a reader reads, stopping before the end of an article's text. */
async function read(page) {
  await page.mouse.move(10, 300);
  for (let i = 0; i < 40; i++) {
    const end = await page.evaluate(() => document.querySelector("#prerender [data-app-when-seen]")?.getBoundingClientRect().top ?? Infinity);
    if (end < innerHeightOf(page) + 200 || (await page.evaluate(() => innerHeight + scrollY >= document.body.scrollHeight - 10))) break;
    await page.mouse.wheel(0, 300);
    await page.waitForTimeout(50);
  }
}
const innerHeightOf = (page) => page.viewportSize().height;

async function bytesOf(path) {
  const row = {};
  const context = await browser.newContext(contextOptions);
  const base = `http://127.0.0.1:${APP_PORT}`;
  const first = await counted(context, APP_PORT);
  await first.page.goto(base + path);
  await first.idle();
  await read(first.page);
  await first.idle();
  row.idle = await first.bytes();
  await goFurther(first.page);
  await appTookOver(first.page);
  await first.idle();
  row.engaged = await first.bytes();
  await first.page.close();
  const again = await counted(context, APP_PORT);
  await again.page.goto(base + path);
  await appTookOver(again.page);
  await again.idle();
  row.returning = await again.bytes();
  await context.close();

  const limitContext = await browser.newContext(contextOptions);
  const limit = await counted(limitContext, STATIC_PORT);
  await limit.page.goto(`http://127.0.0.1:${STATIC_PORT}${path}`);
  await limit.idle();
  await read(limit.page);
  await limit.idle();
  row.limit = await limit.bytes();
  await limitContext.close();
  return row;
}

/** ms from a click on the link to `link` until its headline `title` is painted, from `from`. */
async function clickToHeadline(from, link, title, withApp) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  // In every document of the tab: the frame after the first that shows the awaited headline.
  await page.addInitScript(() => {
    const poll = () => {
      const want = sessionStorage.getItem("bench-title");
      const h1 = document.querySelector("main h1");
      if (want && h1 && h1.textContent.trim() === want && location.pathname === sessionStorage.getItem("bench-to")) {
        requestAnimationFrame(() => { window.__headlineAt = performance.timeOrigin + performance.now(); });
      } else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
  await page.goto(`http://127.0.0.1:${APP_PORT}${from}`);
  await page.waitForLoadState("networkidle");
  if (withApp) {
    await goFurther(page);
    await appTookOver(page);
  }
  const target = page.locator(`main a[href="${link}"]`).first();
  await target.scrollIntoViewIfNeeded();
  await target.hover();
  if (!withApp) await page.waitForTimeout(150);
  // The click in the page, timed there (Playwright's own click waits for frames first).
  const clickedAt = await page.evaluate(([to, title]) => {
    sessionStorage.setItem("bench-to", to);
    sessionStorage.setItem("bench-title", title);
    const at = performance.timeOrigin + performance.now();
    document.querySelector(`main a[href="${to}"]`).click();
    return at;
  }, [link, title]);
  await page.waitForFunction(() => window.__headlineAt !== undefined, null, { timeout: 10_000 });
  const ms = (await page.evaluate(() => window.__headlineAt)) - clickedAt;
  await context.close();
  return ms;
}

try {
  const rows = [];
  for (const [kind, path] of PAGES) rows.push([kind, await bytesOf(path)]);
  const kb = (b) => (b / 1000).toFixed(1);
  console.log("| page | idle reader | engaged reader | returning reader (new tab) | static limit (idle) | idle / static |\n|---|---:|---:|---:|---:|---:|");
  for (const [kind, r] of rows) {
    const ratio = r.idle / r.limit;
    console.log(`| ${kind} | ${kb(r.idle)} KB | ${kb(r.engaged)} KB | ${kb(r.returning)} KB | ${kb(r.limit)} KB | ${ratio.toFixed(2)}× (≤ ${budget("max_idle_bytes_ratio")}×) |`);
    if (ratio > budget("max_idle_bytes_ratio")) failed.push(`${kind}: an idle reader downloaded ${ratio.toFixed(2)}× the static page`);
  }

  const link = lead.path;
  const cold = [];
  const warm = [];
  for (let i = 0; i < RUNS; i++) {
    cold.push(await clickToHeadline("/", link, lead.title, false));
    warm.push(await clickToHeadline("/", link, lead.title, true));
  }
  const ratio = median(cold) / median(warm);
  console.log(`\n| first click (home → article) | median of ${RUNS} |\n|---|---:|`);
  console.log(`| before the app: pointer on the link, click 150 ms later | ${median(cold).toFixed(0)} ms |`);
  console.log(`| with the app (client-side navigation) | ${median(warm).toFixed(0)} ms |`);
  console.log(`| ratio | ${ratio.toFixed(2)} (≤ ${budget("max_first_click_ratio")}) |`);
  if (ratio > budget("max_first_click_ratio")) failed.push(`a first click took ${ratio.toFixed(2)}× a client-side navigation`);
} finally {
  await browser.close();
  app.kill();
  stripped.kill();
}
if (failed.length) {
  console.error(`reader: budget missed:\n  ${failed.join("\n  ")}`);
  process.exit(1);
}
