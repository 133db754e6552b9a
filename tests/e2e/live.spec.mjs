// Live coverage (docs/adr/0019): an open live blog and an open home page follow their documents.
// The site on 4180 reads its content from press serve on 4179, which serves a copy of the sources
// (build/live-content, playwright.config.mjs) that these tests edit as an editor does; press
// serve reloads it on the change. Playwright's clock stands in for the minutes a reader waits.
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { test, expect, appTookOver, home } from "./content.mjs";

const SITE = "http://127.0.0.1:4180";
const COPY = new URL("../../build/live-content/", import.meta.url);
const BLOG_FILE = new URL("articles/belfold/kerekdomb-idokozi-valasztas-percrol-percre.md", COPY);
const BLOG = "/belfold/2024/11/17/kerekdomb-idokozi-valasztas-percrol-percre";
const BLOG_JSON = `/content/articles${BLOG}.json`;
const original = () => readFileSync(new URL("../../content/articles/belfold/kerekdomb-idokozi-valasztas-percrol-percre.md", import.meta.url), "utf8");

// The tests edit one file: one at a time, each from the original.
test.describe.configure({ mode: "serial" });
test.afterEach(() => writeFileSync(BLOG_FILE, original()));

/** The blog's source with an entry added above the others, as an editor adds one. */
function withEntry(time, title, text) {
  const source = original();
  const first = source.indexOf("\n## 2024-11-17");
  return `${source.slice(0, first)}\n## ${time} ${title}\n\n${text}\n${source.slice(first)}`;
}

/** Counts layout shifts the reader did not cause, from the first paint on. */
async function watchShifts(page) {
  await page.addInitScript(() => {
    window.__shifts = 0;
    window.__shifted = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        window.__shifts += e.value;
        const name = (n) => n ? `${n.nodeName}${n.id ? "#" + n.id : ""}.${n.className || ""}` : "?";
        window.__shifted.push(`${e.value.toFixed(5)} at ${Math.round(e.startTime)}: ${e.sources.map((s) => `${name(s.node)} ${JSON.stringify(s.previousRect)}→${JSON.stringify(s.currentRect)}`).join("; ")}`);
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/** Counts the page's content requests that have not come back yet, body included
 * (`window.__pending`); the app reads every content document with `text()`. */
async function countFetches(page) {
  await page.addInitScript(() => {
    window.__pending = 0;
    const done = () => { window.__pending -= 1; };
    const fetch = window.fetch;
    window.fetch = function (...args) {
      const url = typeof args[0] === "string" ? args[0] : args[0].url;
      if (!url.includes("/content/")) return fetch.apply(this, args);
      window.__pending += 1;
      return fetch.apply(this, args).then(
        (response) => {
          if (!response.ok) {
            done();
            return response;
          }
          const text = response.text.bind(response);
          response.text = () => text().finally(done);
          return response;
        },
        (error) => {
          done();
          throw error;
        },
      );
    };
  });
}

/** Moves the page's clock `ms` forward as a reader's minutes pass. A request's timeout runs on
 * the same clock (src/api.rs, 8 s), so one long jump would time out a request the loopback
 * network answers in milliseconds of real time; the clock moves in shorter steps and waits,
 * in real time, for what the page asked after each. */
async function passTime(page, ms) {
  const STEP = 5_000;
  for (let moved = 0; moved < ms; moved += STEP) {
    await page.clock.runFor(Math.min(STEP, ms - moved));
    await expect.poll(() => page.evaluate(() => window.__pending), { timeout: 15_000 }).toBe(0);
  }
}

/** Opens the blog with a clock the test moves, and waits for the app (a running blog loads it at once). */
async function openBlog(page) {
  await page.clock.install();
  await countFetches(page);
  await watchShifts(page);
  await page.goto(SITE + BLOG);
  await appTookOver(page);
}

/** Moves the clock one interval at a time until `check` holds: press serve reloads the edited
 * source on its own schedule, so the first check after the edit may still see the old one. */
async function waitRounds(page, ms, check) {
  await expect.poll(async () => {
    await passTime(page, ms);
    return check();
  }, { timeout: 20_000 }).toBe(true);
}

/** Waits until press serve answers the edited source (it reloads it on its own schedule). */
async function served(check) {
  await expect.poll(async () => check(await (await fetch(`http://127.0.0.1:4179${BLOG_JSON}`)).json()), { timeout: 10_000 }).toBe(true);
}

const entries = (page) => page.locator("#live-entries > li .live-entry");

test("an entry the editor adds appears at the top while the reader is above the timeline, and nothing moves", async ({ page }) => {
  await openBlog(page);
  const before = await entries(page).count();
  expect(before).toBeGreaterThan(20);
  // The reader is at the top: the timeline starts below the window.
  expect(await page.evaluate(() => document.getElementById("live-entries").getBoundingClientRect().top > innerHeight)).toBe(true);
  writeFileSync(BLOG_FILE, withEntry("2024-11-18 08:10", "Összeült a választási bizottság", "A bizottság reggel nyolckor kezdte meg az ülését."));
  await waitRounds(page, 30_000, async () => (await entries(page).count()) === before + 1);
  const first = entries(page).first();
  await expect(first).toHaveAttribute("id", "e-20241118-0810");
  await expect(first.locator(".live-entry-title")).toHaveText("Összeült a választási bizottság");
  await expect(first.locator(".live-time")).toHaveAttribute("href", "#e-20241118-0810");
  await expect(page.locator(".arrivals-button")).toHaveCount(0);
  await expect(page.locator("[aria-live=polite]").filter({ hasText: "1 új bejegyzés érkezett." })).toHaveCount(1);
  expect(await page.evaluate(() => window.__shifts), await page.evaluate(() => window.__shifted.join("\n"))).toBe(0);
});

test("a reader in the middle of the timeline gets the 'új bejegyzés' control; the entry comes when asked", async ({ page }) => {
  await openBlog(page);
  const reading = page.locator("#e-20241117-2108, #e-20241117-2106").first();
  await reading.scrollIntoViewIfNeeded();
  const at = (await reading.boundingBox()).y;
  const before = await entries(page).count();
  writeFileSync(BLOG_FILE, withEntry("2024-11-18 08:20", "Jegyzőkönyvek", "Mind a négy jegyzőkönyvet átvette a bizottság."));
  const button = page.locator(".arrivals-button");
  await waitRounds(page, 30_000, async () => (await button.count()) === 1);
  await expect(button).toHaveText(/1 új bejegyzés/);
  // Nothing moved: the entry being read stays where it was, the new one is not there yet.
  expect((await reading.boundingBox()).y).toBe(at);
  await expect(entries(page)).toHaveCount(before);
  expect(await page.evaluate(() => window.__shifts), await page.evaluate(() => window.__shifted.join("\n"))).toBe(0);
  await button.click();
  await expect(entries(page)).toHaveCount(before + 1);
  await expect(entries(page).first()).toHaveAttribute("id", "e-20241118-0820");
  await expect(button).toHaveCount(0);
  await expect(entries(page).first()).toBeInViewport();
});

test("an edited entry changes where it stands", async ({ page }) => {
  await openBlog(page);
  const entry = page.locator("#e-20241117-2211");
  const index = await entries(page).evaluateAll((all) => all.findIndex((e) => e.id === "e-20241117-2211"));
  writeFileSync(BLOG_FILE, original().replace("Mind a négy szavazókör eredménye megérkezett", "Javítás: mind a négy szavazókör eredménye megérkezett"));
  await waitRounds(page, 30_000, async () => /Javítás:/.test(await entry.innerText()));
  expect(await entries(page).evaluateAll((all) => all.findIndex((e) => e.id === "e-20241117-2211"))).toBe(index);
  await expect(page.locator(".arrivals-button")).toHaveCount(0);
});

test("ending the coverage says when it ended and stops the checks", async ({ page }) => {
  const asked = [];
  page.on("request", (r) => r.url().endsWith(BLOG_JSON) && asked.push(r.url()));
  await openBlog(page);
  await expect(page.locator(".live-status")).toContainText("Élő");
  writeFileSync(BLOG_FILE, original().replace("live = true", "live = false"));
  await waitRounds(page, 30_000, async () => (await page.locator(".live-ended").count()) === 1);
  await expect(page.locator(".live-ended")).toContainText("A tudósítás véget ért: 2024.11.17. - 23:55");
  const after = asked.length;
  await page.clock.runFor(10 * 60_000);
  await page.waitForTimeout(300);
  expect(asked.length).toBe(after);
});

test("a hidden tab asks once per five minutes and counts what arrived in its title", async ({ page }) => {
  const asked = [];
  page.on("request", (r) => r.url().endsWith(BLOG_JSON) && asked.push(r.url()));
  await openBlog(page);
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  });
  const start = asked.length;
  writeFileSync(BLOG_FILE, withEntry("2024-11-18 08:30", "Éjszakai csend", "A Városházán csak a portás ügyel."));
  await served((a) => a.live.entries[0].id === "e-20241118-0830");
  await passTime(page, 10 * 60_000);
  const hidden = asked.length - start;
  expect(hidden).toBeGreaterThanOrEqual(1);
  expect(hidden).toBeLessThanOrEqual(2);
  await expect(page).toHaveTitle(/^\(1\) /);
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => false });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  });
  await expect(page).not.toHaveTitle(/^\(\d+\) /);
});

test("a new article reaches an open home page behind the 'új cikk' control", async ({ browser }) => {
  const slug = `elo-teszt-${Date.now()}`;
  const file = new URL(`articles/belfold/${slug}.md`, COPY);
  // A page of its own, without the fixture's sign of a reader going further: a reader who only
  // keeps home open gets the app after a minute (boot.js, data-app-after).
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.clock.install();
    await countFetches(page);
    await watchShifts(page);
    await page.goto(SITE + "/");
    await passTime(page, 30_000);
    expect(await page.locator("html[data-app=ready]").count()).toBe(0);
    await passTime(page, 31_000);
    await appTookOver(page);
    const published = new Date(Date.now() - 120_000).toISOString().replace(/\.\d+Z$/, "+00:00");
    writeFileSync(file, `+++\ntitle = "Friss hír a választás után"\nlead = "Egy új cikk, amely a nyitott címlapra érkezik."\nsection = "belfold"\nauthor = "${home().top[0].author.slug}"\npublished = ${published}\n+++\n\nAz új cikk szövege.\n`);
    const button = page.locator(".arrivals-button");
    await waitRounds(page, 60_000, async () => (await button.count()) === 1);
    await expect(button).toHaveText(/1 új cikk/);
    expect(await page.evaluate(() => window.__shifts), await page.evaluate(() => window.__shifted.join("\n"))).toBe(0);
    await button.click();
    await expect(page.locator("#new-articles .card-title")).toHaveText(["Friss hír a választás után"]);
    await expect(button).toHaveCount(0);
  } finally {
    rmSync(file, { force: true });
    await context.close();
  }
});

test("the live blog's card says 'Élő' on home and in its section, and its page is whole without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const list of ["/", "/rovat/belfold"]) {
    await page.goto(list);
    const card = page.locator(".card").filter({ has: page.locator(`a[href="${BLOG}"]`) }).first();
    await expect(card.locator(".live-label")).toHaveText("Élő");
  }
  await page.goto(BLOG);
  await expect(page.locator(".article-section .live-label")).toHaveText("Élő");
  await expect(page.locator(".live-status")).toContainText("A tudósítás folyamatosan frissül.");
  const blog = JSON.parse(readFileSync(new URL(`../../dist/content/articles${BLOG}.json`, import.meta.url), "utf8"));
  const ids = await page.locator("#live-entries .live-entry").evaluateAll((all) => all.map((e) => e.id));
  expect(ids).toEqual(blog.live.entries.map((e) => e.id));
  await expect(page.locator(".live-pinned-list .live-entry")).toHaveCount(blog.live.entries.filter((e) => e.pinned).length);
  await expect(page.locator(".live-pinned-list .live-time")).toHaveAttribute("href", "#e-20241117-2211");
  await expect(page.locator("#e-20241117-2308 img")).toHaveCount(1);
  const ld = JSON.parse(await page.locator("script[type='application/ld+json']").textContent());
  expect(ld["@type"]).toBe("LiveBlogPosting");
  expect(ld.coverageStartTime).toBe(blog.published);
  expect(ld.coverageEndTime).toBeUndefined();
  expect(ld.liveBlogUpdate[0].url).toMatch(/#e-20241117-2355$/);
  await context.close();
});

test("two hours of an open live blog, an entry every 30 s, do not grow the page's memory", async ({ page }) => {
  // 1,440 clock steps, each waiting in real time for the page's requests: about a minute on an
  // idle machine and more than two with two cores busy. The test asserts memory, not time.
  test.setTimeout(360_000);
  // The editor's blog as the static host serves it, with a new entry each round and the oldest
  // one gone, so the page holds as many entries at the end as at the start: what grows is a leak.
  const doc = JSON.parse(readFileSync(new URL(`../../dist/content/articles${BLOG}.json`, import.meta.url), "utf8"));
  const kept = doc.live.entries.length;
  let round = 0;
  const entry = (k) => ({
    id: `e-20241118-${String(k).padStart(4, "0")}`,
    time: new Date(Date.UTC(2024, 10, 18, 0, 0) + k * 30_000).toISOString().replace(/\.\d+Z$/, "+00:00"),
    title: `Bejegyzés ${k}`,
    body: [{ type: "paragraph", spans: [{ text: `A(z) ${k}. bejegyzés szövege, hogy legyen mit megjeleníteni.` }] }],
  });
  await page.route(`**/content/articles${BLOG}.json`, (route) => {
    const fresh = Array.from({ length: Math.min(round, kept) }, (_, i) => entry(round - i));
    const live = { ...doc.live, entries: [...fresh, ...doc.live.entries].slice(0, kept) };
    route.fulfill({ contentType: "application/json", body: JSON.stringify({ ...doc, live }) });
  });
  await page.clock.install();
  await countFetches(page);
  await page.goto(BLOG);
  const cdp = await page.context().newCDPSession(page);
  const memory = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    return {
      heap: (await cdp.send("Runtime.getHeapUsage")).usedSize,
      wasm: await page.evaluate(() => window.hirlapWasm.memory.buffer.byteLength),
    };
  };
  const rounds = async (n) => {
    for (let i = 0; i < n; i++) {
      round += 1;
      await passTime(page, 30_000);
      await page.waitForFunction((id) => document.querySelector("#live-entries .live-entry")?.id === id, entry(round).id);
    }
  };
  await rounds(20);
  const before = await memory();
  await rounds(220); // two hours in all
  const after = await memory();
  await expect(page.locator("#live-entries .live-entry")).toHaveCount(kept);
  expect(after.heap - before.heap, `JS heap ${before.heap} → ${after.heap} bytes`).toBeLessThan(1024 * 1024);
  expect(after.wasm - before.wasm, `wasm memory ${before.wasm} → ${after.wasm} bytes`).toBeLessThan(512 * 1024);
  console.log(`live blog, 240 rounds: JS heap ${before.heap} → ${after.heap} bytes, wasm memory ${before.wasm} → ${after.wasm} bytes`);
});
