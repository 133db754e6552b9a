// Lighthouse (12.2.3, mobile preset, Debian's Chromium) against dist/ served as a CDN serves it:
// brotli and the `_headers` CSP (tests/serve.mjs --cdn).
//
//   node scripts/lighthouse.mjs audit   accessibility, best practices and SEO must be 100 on home,
//                                       a section, a tag and an article (make test)
//   node scripts/lighthouse.mjs bench   the app against its "static limit" (the same prerendered
//                                       HTML without scripts and preloads), median of 5 runs
//                                       taken in turns:
//                                       performance, LCP, TBT, TTI, bytes; budgets from
//                                       budgets/reader.toml (make bench)
//
// Exits non-zero when a score or budget is missed, printing which audit failed and on what.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { CHROMIUM, CHROMIUM_FLAGS, budget, content as json, median, serveDist as serve } from "./reader-common.mjs";

const mode = process.argv[2];
if (mode !== "audit" && mode !== "bench") {
  console.error("usage: node scripts/lighthouse.mjs audit|bench");
  process.exit(2);
}
const APP_PORT = 4183;
const STATIC_PORT = 4184;
// Five runs, not three: headless Chromium often shows the first frame about a second
// late (lighthouse#17148, docs/adr/0009), on either side, so single runs fall in two groups.
const RUNS = Number(process.env.LIGHTHOUSE_RUNS || 5);

// The four kinds of page a reader lands on, picked from the compiled content: the home page's
// lead article (it has a cover), its section, and the most used tag.
function pages() {
  const home = json("home.json");
  const site = json("site.json");
  const lead = home.top[0];
  return [
    ["home", "/"],
    ["section", `/rovat/${lead.section.slug}`],
    ["tag", `/cimke/${site.popular_tags[0].slug}`],
    ["article", lead.path],
  ];
}

// A fresh Chromium per run, so no run warms another's cache.
async function run(url, categories) {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", ...CHROMIUM_FLAGS],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: categories });
    if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

// What a failed audit complains about, one line per item (the selector or URL it names).
function failures(lhr, category) {
  const lines = [];
  for (const ref of lhr.categories[category].auditRefs) {
    const audit = lhr.audits[ref.id];
    if (ref.weight === 0 || audit.score === null || audit.score === 1) continue;
    lines.push(`    ${audit.id}: ${audit.title}`);
    for (const item of (audit.details?.items || []).slice(0, 5)) {
      const node = item.node || item;
      lines.push(`      ${node.selector || node.url || node.source?.url || JSON.stringify(item).slice(0, 160)}`);
    }
  }
  return lines;
}

async function audit() {
  const categories = ["accessibility", "best-practices", "seo"];
  const server = await serve(APP_PORT);
  let failed = false;
  try {
    for (const [kind, path] of pages()) {
      const lhr = await run(`http://127.0.0.1:${APP_PORT}${path}`, categories);
      const scores = categories.map((c) => Math.round(lhr.categories[c].score * 100));
      console.log(`lighthouse: ${kind.padEnd(8)} ${path}: accessibility ${scores[0]}, best practices ${scores[1]}, SEO ${scores[2]}`);
      for (const c of categories) {
        if (lhr.categories[c].score !== 1) {
          failed = true;
          console.log(failures(lhr, c).join("\n"));
        }
      }
    }
  } finally {
    server.kill();
  }
  if (failed) {
    console.error("lighthouse: a score is below 100 (the failing audits are listed above)");
    process.exit(1);
  }
}

// One Lighthouse run's figures.
async function once(port, path) {
  const lhr = await run(`http://127.0.0.1:${port}${path}`, ["performance"]);
  return {
    perf: lhr.categories.performance.score * 100,
    lcp: lhr.audits["largest-contentful-paint"].numericValue,
    tbt: lhr.audits["total-blocking-time"].numericValue,
    tti: lhr.audits.interactive.numericValue,
    bytes: lhr.audits["total-byte-weight"].numericValue,
  };
}

// The app and its static limit take turns, run by run, so that a busy minute on the machine
// (or a cold disk cache on the first run) falls on both sides of the ratio, not on one.
async function measure(path) {
  const sides = { app: [], limit: [] };
  for (let i = 0; i < RUNS; i++) {
    sides.app.push(await once(APP_PORT, path));
    sides.limit.push(await once(STATIC_PORT, path));
  }
  const medians = {};
  for (const [side, runs] of Object.entries(sides)) {
    console.log(`lighthouse: ${path} ${side}: TBT per run ${runs.map((r) => Math.round(r.tbt)).join(", ")} ms; LCP ${runs.map((r) => (r.lcp / 1000).toFixed(2)).join(", ")} s`);
    medians[side] = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]));
  }
  return medians;
}

async function bench() {
  const limits = { lcpRatio: budget("max_lcp_ratio"), tbt: budget("max_tbt_ms") };
  const app = await serve(APP_PORT);
  const limit = await serve(STATIC_PORT, "--strip-app");
  const rows = [];
  const missed = [];
  try {
    for (const [kind, path] of pages().filter(([k]) => k === "article" || k === "home")) {
      const { app: a, limit: s } = await measure(path);
      rows.push([kind, "app", a], [kind, "static limit", s]);
      const ratio = a.lcp / s.lcp;
      console.log(`lighthouse: ${kind}: LCP ${(a.lcp / 1000).toFixed(2)} s against ${(s.lcp / 1000).toFixed(2)} s (${ratio.toFixed(2)}×, budget ${limits.lcpRatio}×), TBT ${Math.round(a.tbt)} ms (budget ${limits.tbt} ms)`);
      if (ratio > limits.lcpRatio) missed.push(`${kind}: LCP ${ratio.toFixed(2)}× the static limit (budget ${limits.lcpRatio}×)`);
      if (a.tbt > limits.tbt) missed.push(`${kind}: TBT ${Math.round(a.tbt)} ms (budget ${limits.tbt} ms)`);
    }
  } finally {
    app.kill();
    limit.kill();
  }
  console.log(`\nLighthouse 12.2.3, mobile preset, median of ${RUNS} runs, served with brotli and the _headers CSP:\n`);
  console.log("| page | | perf | LCP | TBT | TTI | bytes |\n|---|---|---:|---:|---:|---:|---:|");
  for (const [kind, what, m] of rows) {
    console.log(`| ${kind} | ${what} | ${Math.round(m.perf)} | ${(m.lcp / 1000).toFixed(2)} s | ${Math.round(m.tbt)} ms | ${(m.tti / 1000).toFixed(2)} s | ${Math.round(m.bytes / 1000)} KB |`);
  }
  if (missed.length) {
    console.error(`\nlighthouse: budget missed:\n  ${missed.join("\n  ")}`);
    process.exit(1);
  }
}

await (mode === "audit" ? audit() : bench());
