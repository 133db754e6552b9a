// What an open live blog costs in an hour (make bench), served as a CDN serves it (brotli, the
// `_headers`, ETag and 304: tests/serve.mjs --cdn --count) from a copy of dist/, by Debian's
// Chromium with Playwright's clock standing in for the hour:
// - unchanged: nobody writes; every check should be a 304;
// - changed: a new entry every 30 s (the busiest a newsroom writes), the worst case;
// - hidden: the tab in the background for the hour.
// Requests and bytes (headers and compressed bodies, both directions' answers as the server
// sent them) are notes; the budgets (budgets/reader.toml) are the requests per hour and the
// bytes of an unchanged check.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright";
import { appTookOver } from "../tests/app-ready.mjs";
import { CHROMIUM, CHROMIUM_FLAGS, budget, content, dist, root } from "./reader-common.mjs";

const PORT = 4189;
const ROUNDS = 120; // an hour of 30 s checks
const blog = content("latest/0.json").items.find((a) => a.live);
if (!blog) throw new Error("no running live blog in dist/content/latest/0.json");
const copy = mkdtempSync(join(tmpdir(), "hirlap-live-"));
cpSync(dist, copy, { recursive: true });
const docFile = join(copy, "content", "articles", `${blog.path}.json`);
const original = readFileSync(docFile, "utf8");

const server = spawn("node", [`${root}tests/serve.mjs`, copy, String(PORT), "--cdn", "--count"], { stdio: ["ignore", "pipe", "inherit"] });
await new Promise((resolve) => server.stdout.once("data", resolve));
const sent = async () => (await (await fetch(`http://127.0.0.1:${PORT}/__bytes`)).json()).bytes;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
const failed = [];

/** An hour of the open blog: `write(round)` edits the served document before each check. */
async function hour(name, { hidden = false, write = () => {} } = {}) {
  writeFileSync(docFile, original);
  const context = await browser.newContext();
  const page = await context.newPage();
  const asked = [];
  let answered = 0;
  page.on("request", (r) => r.url().endsWith(`${blog.path}.json`) && asked.push(r.url()));
  page.on("requestfinished", (r) => r.url().endsWith(`${blog.path}.json`) && (answered += 1));
  await page.clock.install();
  await page.goto(`http://127.0.0.1:${PORT}${blog.path}`);
  await appTookOver(page);
  await page.waitForLoadState("networkidle");
  if (hidden) {
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
    });
  }
  const [startBytes, startAsked] = [await sent(), asked.length];
  for (let round = 1; round <= ROUNDS; round++) {
    write(round);
    const before = answered;
    await page.clock.runFor(30_000);
    // Each check's answer (and the page's work on it) before the next round moves the clock
    // on; a round without a check (a hidden tab's) waits the same short while for none.
    const until = Date.now() + (hidden ? 150 : 3000);
    while (answered === before && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 20));
  }
  const result = { name, requests: asked.length - startAsked, bytes: (await sent()) - startBytes };
  await context.close();
  console.log(`| ${name} | ${result.requests} | ${(result.bytes / 1024).toFixed(1)} KB | ${result.requests ? Math.round(result.bytes / result.requests) : 0} B |`);
  return result;
}

/** The blog with `n` entries more than it had, newest first. */
function withEntries(n) {
  const doc = JSON.parse(original);
  const fresh = Array.from({ length: n }, (_, i) => ({
    id: `e-bench-${n - i}`,
    time: new Date(Date.parse(doc.live.entries[0].time) + (n - i) * 30_000).toISOString().replace(/\.\d+Z$/, "+00:00"),
    title: `Bejegyzés ${n - i}`,
    body: [{ type: "paragraph", spans: [{ text: "Egy bekezdésnyi friss hír a választás estéjéről, ahogy a tudósító leírta." }] }],
  }));
  doc.live.entries = [...fresh, ...doc.live.entries];
  return JSON.stringify(doc);
}

try {
  console.log(`An open live blog for an hour (${blog.path}), ${ROUNDS} rounds of 30 s:\n`);
  console.log("| reader | requests | bytes sent | per request |\n|---|---|---|---|");
  const unchanged = await hour("visible, nothing written");
  await hour("visible, an entry every 30 s", { write: (round) => writeFileSync(docFile, withEntries(round)) });
  const hidden = await hour("hidden tab, nothing written", { hidden: true });
  const perCheck = unchanged.bytes / unchanged.requests;
  if (unchanged.requests > budget("max_live_requests_per_hour")) failed.push(`${unchanged.requests} checks in an hour`);
  if (perCheck > budget("max_live_unchanged_check_bytes")) failed.push(`an unchanged check cost ${Math.round(perCheck)} bytes`);
  if (hidden.requests > budget("max_live_hidden_requests_per_hour")) failed.push(`a hidden tab asked ${hidden.requests} times in an hour`);
} finally {
  await browser.close();
  server.kill();
  rmSync(copy, { recursive: true, force: true });
}
if (failed.length) {
  console.error(`live-bytes: FAIL: ${failed.join("; ")}`);
  process.exit(1);
}
