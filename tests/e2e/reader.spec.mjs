// The reader's page, part by part: header and menus, article tools, sidebar, lists, footer.
import { test, expect, content, site, latest, articleAt, startApp } from "./content.mjs";

const shots = "artifacts";

/** An article with a cover, tags, related articles and enough body to scroll. */
function richArticle() {
  for (const s of latest().items) {
    const a = articleAt(s.path);
    if (a.cover && a.related.length > 5 && a.tags.length >= 3) return a;
  }
  throw new Error("no rich article in the sample content");
}

test.describe("header", () => {
  test("the skip link is the first tab stop and moves focus to the main content", async ({ page }) => {
    await page.goto("/rovat/belfold");
    await startApp(page);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Ugrás a tartalomra" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#main")).toBeFocused();
  });

  test("site name and tagline link home", async ({ page }) => {
    await page.goto("/rovat/belfold");
    const s = site();
    await expect(page.locator(".site-name")).toHaveText(s.name);
    await expect(page.locator(".site-name")).toHaveAttribute("href", "/");
    await expect(page.locator(".tagline")).toHaveText(s.tagline);
  });

  test("the + menu opens and closes by keyboard, arrows move within, Escape returns focus", async ({ page }) => {
    const s = site();
    await page.goto("/");
    await startApp(page);
    const inline = s.menu.slice(0, s.menu_inline).map((m) => m.label);
    await expect(page.locator(".menu-inline a")).toHaveText(inline);

    const more = page.getByRole("button", { name: "További rovatok" });
    await expect(more).toHaveAttribute("aria-expanded", "false");
    await expect(more).toHaveAttribute("aria-controls", "more-menu");
    await more.focus();
    await page.keyboard.press("Enter");
    await expect(more).toHaveAttribute("aria-expanded", "true");
    const panel = page.locator("#more-menu");
    await expect(panel).toBeVisible();
    // The rest of the menu, sub-sections nested under their parents.
    const rest = s.menu.slice(s.menu_inline);
    for (const item of rest) {
      const li = panel.locator(".menu-tree > li", { has: page.locator(`a[href="${item.href}"]`) });
      await expect(li.locator("> a")).toHaveText(item.label);
      for (const child of item.children || []) {
        await expect(li.locator(`.menu-children a[href="${child.href}"]`)).toHaveText(child.label);
      }
    }
    const links = panel.locator("a");
    await expect(links.first()).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(links.nth(1)).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(links.first()).toBeFocused();
    await page.keyboard.press("End");
    await expect(links.last()).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden();
    await expect(more).toBeFocused();
    await expect(more).toHaveAttribute("aria-expanded", "false");

    // Space opens too; an outside click closes.
    await page.keyboard.press(" ");
    await expect(panel).toBeVisible();
    await page.locator(".tagline").click();
    await expect(panel).toBeHidden();
  });

  test("following a link in the + menu navigates and closes the menu", async ({ page }) => {
    const s = site();
    const target = s.menu[s.menu_inline].children?.[0] || s.menu[s.menu_inline];
    await page.goto("/");
    await page.getByRole("button", { name: "További rovatok" }).click();
    await page.locator(`#more-menu a[href="${target.href}"]`).click();
    await expect(page).toHaveURL(target.href);
    await expect(page.locator("#more-menu")).toBeHidden();
    await expect(page.locator("main h1")).toHaveText(target.label);
  });

  test("the current section is marked in the menu, on its page and on its articles", async ({ page }) => {
    await page.goto("/rovat/belfold");
    await expect(page.locator('.menu-inline a[href="/rovat/belfold"]')).toHaveAttribute("aria-current", "page");
    await expect(page.locator('.menu-inline a[href="/rovat/kulfold"]')).not.toHaveAttribute("aria-current", /.*/);
    const article = content("sections/belfold/0.json").list.items[0];
    await page.locator(`main a[href="${article.path}"]`).first().click();
    await expect(page.locator("h1.article-title")).toHaveText(article.title);
    await expect(page.locator('.menu-inline a[href="/rovat/belfold"]')).toHaveAttribute("aria-current", "true");
  });

  test("the search box has a clear button and goes to /kereses?q=", async ({ page }) => {
    await page.goto("/");
    const input = page.getByRole("searchbox", { name: "Keresés" });
    const clear = page.getByRole("button", { name: "Keresőmező törlése" });
    await expect(clear).toBeHidden();
    await input.fill("árvíz");
    await expect(clear).toBeVisible();
    await clear.click();
    await expect(input).toHaveValue("");
    await expect(input).toBeFocused();
    await input.fill("választás");
    await input.press("Enter");
    await expect(page).toHaveURL("/kereses?q=v%C3%A1laszt%C3%A1s");
    await expect(page.locator("main h1")).toHaveText("Keresés");
  });
});

test.describe("mobile drawer", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("below 900 px the menu is a drawer that traps focus and closes with Escape", async ({ page }) => {
    await page.goto("/");
    await startApp(page);
    await expect(page.locator(".main-nav")).toBeHidden();
    const toggle = page.getByRole("button", { name: "Menü megnyitása" });
    await toggle.click();
    const drawer = page.getByRole("dialog", { name: "Főmenü" });
    await expect(drawer).toBeVisible();
    await expect(page.getByRole("button", { name: "Menü bezárása" })).toBeFocused();
    // The whole tree is there, sub-sections included.
    for (const item of site().menu) {
      await expect(drawer.locator(`a[href="${item.href}"]`)).toHaveText(item.label);
      for (const c of item.children || []) await expect(drawer.locator(`a[href="${c.href}"]`)).toHaveText(c.label);
    }
    await page.screenshot({ path: `${shots}/drawer-mobile.png` });
    const count = await drawer.locator("a, button").count();
    for (let i = 0; i < count + 2; i++) {
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => !!document.activeElement.closest("#drawer"))).toBe(true);
    }
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => !!document.activeElement.closest("#drawer"))).toBe(true);
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await expect(toggle).toBeFocused();
  });

  test("choosing a section in the drawer navigates and closes it", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "Menü megnyitása" }).click();
    const item = site().menu[1];
    await page.getByRole("dialog").locator(`a[href="${item.href}"]`).click();
    await expect(page).toHaveURL(item.href);
    await expect(page.getByRole("dialog")).toBeHidden();
  });
});

test.describe("article", () => {
  test("shows every part of the reference anatomy", async ({ page }) => {
    const a = richArticle();
    await page.goto(a.path);
    await expect(page.locator(".article-section a").last()).toHaveText(a.section.name);
    await expect(page.locator(".article-section a").last()).toHaveAttribute("href", `/rovat/${a.section.slug}`);
    await expect(page.locator(".article-date")).toHaveText(/^\d{4}\.\d{2}\.\d{2}\.$/);
    const d = a.published.slice(0, 10).replaceAll("-", ".") + ".";
    await expect(page.locator(".article-date")).toHaveText(d);
    const author = page.locator(".article-header .author-link");
    await expect(author).toHaveAttribute("href", `/szerzo/${a.author.slug}`);
    await expect(author.locator("img.avatar")).toHaveAttribute("src", a.author.avatar);
    await expect(page.locator(".article-lead")).toHaveText(a.lead);
    await expect(page.locator(".article-header .share")).toBeVisible();
    await expect(page.locator(".article-footer .share")).toBeVisible();
    if (a.source) await expect(page.locator(".article-source")).toHaveText(`(${a.source})`);
    if (a.cover.credit) await expect(page.locator(".cover-credit")).toHaveText(`Címlapkép forrása: ${a.cover.credit}`);
    const tags = page.locator(".article-tags .tag");
    await expect(tags).toHaveText(a.tags.map((t) => t.name));
    expect(await tags.first().evaluate((e) => getComputedStyle(e).textTransform)).toBe("uppercase");
    await expect(tags.first()).toHaveAttribute("href", `/cimke/${a.tags[0].slug}`);
    const stamp = `${d} - ${a.published.slice(11, 16)}`;
    await expect(page.locator(".article-footer .published")).toContainText(`Publikálva ${stamp}`);
    await expect(page.locator(".article-footer .author-name")).toHaveText(a.author.name);
    await expect(page.getByRole("group", { name: "Betűméret" })).toBeVisible();
    await page.screenshot({ path: `${shots}/article-light.png`, fullPage: true });
  });

  test("body blocks render as their types: sub-heads, pull quote in capitals, quote with cite, figures", async ({ page }) => {
    const a = latest().items.map((s) => articleAt(s.path)).find((x) =>
      ["heading", "pull_quote", "quote"].every((t) => x.body.some((b) => b.type === t)));
    await page.goto(a.path);
    const body = page.locator(".article-body");
    const heading = a.body.find((b) => b.type === "heading");
    await expect(body.locator("h2, h3").first()).toHaveText(heading.text);
    const pull = a.body.find((b) => b.type === "pull_quote");
    await expect(body.locator(".pull-quote p")).toHaveText(pull.text);
    expect(await body.locator(".pull-quote p").evaluate((e) => getComputedStyle(e).textTransform)).toBe("uppercase");
    const quote = a.body.find((b) => b.type === "quote");
    if (quote.cite) await expect(body.locator(".quote figcaption").first()).toHaveText(`— ${quote.cite}`);
    for (const img of await page.locator("main img").all()) {
      await expect(img).toHaveAttribute("width", /\d+/);
      await expect(img).toHaveAttribute("height", /\d+/);
    }
  });

  test("share buttons carry exactly encoded URLs and accessible names", async ({ page }) => {
    const a = richArticle();
    const url = site().base_url + a.path;
    const enc = encodeURIComponent;
    await page.goto(a.path);
    const share = page.locator(".article-header .share");
    await expect(share.getByRole("link", { name: "Megosztás a Facebookon" }))
      .toHaveAttribute("href", `https://www.facebook.com/sharer/sharer.php?u=${enc(url)}`);
    await expect(share.getByRole("link", { name: "Megosztás az X-en (Twitteren)" }))
      .toHaveAttribute("href", `https://x.com/intent/tweet?text=${enc(a.title)}&url=${enc(url)}`);
    await expect(share.getByRole("link", { name: "Küldés e-mailben" }))
      .toHaveAttribute("href", `mailto:?subject=${enc(a.title)}&body=${enc(`Ezt a cikket ajánlom:\n${a.title}\n\n${url}`)}`);
    await expect(share.getByRole("button", { name: "Nyomtatás" })).toBeVisible();
    await expect(share.getByRole("button", { name: "Link másolása" })).toBeVisible();
  });

  test("copy link puts the canonical URL on the clipboard and says so", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const a = richArticle();
    await page.goto(a.path);
    await page.locator(".article-header").getByRole("button", { name: "Link másolása" }).click();
    await expect(page.locator(".article-header .share [role=status]")).toHaveText("A link a vágólapra került.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(site().base_url + a.path);
  });

  test("print calls the browser's print and the print sheet keeps only the article", async ({ page }) => {
    const a = richArticle();
    await page.goto(a.path);
    await page.evaluate(() => { window.print = () => { window.__printed = true; }; });
    await page.locator(".article-footer").getByRole("button", { name: "Nyomtatás" }).click();
    expect(await page.evaluate(() => window.__printed)).toBe(true);
    await page.emulateMedia({ media: "print" });
    for (const sel of [".site-header", ".sidebar", ".site-footer", ".article-header .share", ".font-size"]) {
      await expect(page.locator(sel).first()).toBeHidden();
    }
    await expect(page.locator("h1.article-title")).toBeVisible();
    await expect(page.locator(".article-body")).toBeVisible();
  });

  test("native share appears only where the browser has navigator.share", async ({ page }) => {
    const a = richArticle();
    await page.addInitScript(() => { navigator.share = async (d) => { window.__shared = d; }; });
    await page.goto(a.path);
    await page.locator(".article-header").getByRole("button", { name: "Megosztás más alkalmazással" }).click();
    expect(await page.evaluate(() => window.__shared)).toEqual({ title: a.title, url: site().base_url + a.path });
  });

  test("font size steps change the text, disable at the ends, are announced and survive a reload", async ({ page }) => {
    const a = richArticle();
    await page.goto(a.path);
    const text = page.locator(".article-text");
    const size = () => text.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const base = await size();
    const larger = page.locator(".article-footer").getByRole("button", { name: "Nagyobb betűméret" });
    const smaller = page.locator(".article-footer").getByRole("button", { name: "Kisebb betűméret" });
    await larger.click();
    await expect.poll(size).toBeGreaterThan(base);
    await expect(page.locator(".article-footer .font-size [role=status]")).toHaveText(/Betűméret: 112 %/);
    const sizes = new Set([base]);
    for (let i = 0; i < 6; i++) {
      if (await larger.isDisabled()) break;
      await larger.click();
      sizes.add(await size());
    }
    await expect(larger).toBeDisabled();
    const biggest = await size();
    await page.reload();
    await expect(page.locator("h1.article-title")).toHaveText(a.title);
    expect(await size()).toBe(biggest);
    // The stored step is on <html> before the app runs: no jump.
    expect(await page.evaluate(() => document.documentElement.dataset.fontStep)).toBe("5");
    for (let i = 0; i < 8; i++) {
      if (await smaller.isDisabled()) break;
      await smaller.click();
      sizes.add(await size());
    }
    await expect(smaller).toBeDisabled();
    expect(sizes.size).toBeGreaterThanOrEqual(5);
  });

  test("the reading-progress bar follows the scroll", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 500 });
    const a = richArticle();
    await page.goto(a.path);
    await expect(page.locator("h1.article-title")).toHaveText(a.title);
    const scale = () => page.locator(".reading-progress").evaluate((e) => new DOMMatrix(getComputedStyle(e).transform).a);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(scale).toBeGreaterThan(0.99);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(scale).toBeLessThan(0.01);
  });

  test("head tags: title, description, canonical, Open Graph", async ({ page }) => {
    const a = richArticle();
    await page.goto(a.path);
    await expect(page).toHaveTitle(`${a.title} | ${site().name}`);
    await expect(page.locator('head meta[name="description"]').last()).toHaveAttribute("content", a.lead);
    await expect(page.locator('head link[rel="canonical"]').last()).toHaveAttribute("href", site().base_url + a.path);
    await expect(page.locator('head meta[property="og:title"]').last()).toHaveAttribute("content", a.title);
    await expect(page.locator('head meta[property="og:type"]').last()).toHaveAttribute("content", "article");
  });
});

test.describe("theme", () => {
  test("follows the system until the reader chooses, and the choice survives a reload", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    const a = richArticle();
    await page.goto(a.path);
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await expect.poll(bg).toBe("rgb(18, 20, 23)");
    await page.screenshot({ path: `${shots}/article-dark.png` });
    const toggle = page.getByRole("button", { name: "Sötét mód" });
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await toggle.click();
    await expect.poll(bg).toBe("rgb(255, 255, 255)");
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await page.reload();
    await expect(page.locator("h1.article-title")).toHaveText(a.title);
    expect(await bg()).toBe("rgb(255, 255, 255)");
    await page.getByRole("button", { name: "Sötét mód" }).click();
    await page.emulateMedia({ colorScheme: "light" });
    await page.reload();
    await expect(page.locator("h1.article-title")).toHaveText(a.title);
    expect(await bg()).toBe("rgb(18, 20, 23)");
  });
});

test.describe("sidebar", () => {
  test("the countdown ticks with the clock and shows the after text once the time has passed", async ({ page }) => {
    const c = site().countdown;
    const target = new Date(c.target).getTime();
    // 3 days, 4 hours, 5 minutes, 6 seconds before the target. Date.now() is fixed; timers run.
    const before = (((3 * 24 + 4) * 60 + 5) * 60 + 6) * 1000;
    await page.clock.setFixedTime(target - before);
    await page.goto("/");
    const box = page.locator(".countdown");
    await expect(box.locator("h2")).toHaveText(c.title);
    await expect(box.locator(".countdown-number")).toHaveText(["3", "04", "05", "06"]);
    await expect(box.locator(".countdown-label")).toHaveText(["nap", "óra", "perc", "másodperc"]);
    await page.clock.setFixedTime(target - before + 2000);
    await expect(box.locator(".countdown-number")).toHaveText(["3", "04", "05", "04"]);
    await page.clock.setFixedTime(target + 1000);
    await expect(box.locator(".countdown-after")).toHaveText(c.after);
  });

  test("the countdown's ticking moves nothing on the page (no layout shift)", async ({ page }) => {
    const target = new Date(site().countdown.target).getTime();
    await page.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__shifts.push(e.value); })
        .observe({ type: "layout-shift", buffered: true });
    });
    // 10 hours, 10 minutes, 10 seconds before: the next ticks cross 10 → 9 in the seconds.
    const before = ((10 * 60 + 10) * 60 + 10) * 1000;
    await page.clock.install({ time: target - before - 60_000 });
    await page.goto("/");
    await expect(page.locator(".countdown")).toBeVisible();
    await page.clock.pauseAt(target - before);
    const numbers = page.locator(".countdown .countdown-number");
    await expect(numbers).toHaveText(["0", "10", "10", "10"]);
    await page.evaluate(() => { window.__shifts = []; });
    await page.clock.runFor(2000);
    await expect(numbers).toHaveText(["0", "10", "10", "08"]);
    expect(await page.evaluate(() => window.__shifts)).toEqual([]);
  });

  test("on a list page it recommends the latest; 'Kérek még' appends the next page", async ({ page }) => {
    await page.goto("/rovat/belfold");
    const side = page.locator(".sidebar .recommended");
    await expect(side.locator("h2")).toHaveText("Ajánljuk");
    // The app loads the list after the page (docs/adr/0014), then pages back in time.
    const l1 = latest(), l2 = latest(latest().older);
    await expect(side.locator(".card-title")).toHaveText(l1.items.map((i) => i.title));
    await expect(side.locator("img.card-thumb").first()).toBeVisible();
    await side.getByRole("link", { name: "Kérek még" }).click();
    await expect(side.locator(".card-title")).toHaveCount(l1.items.length + l2.items.length);
    await expect(side.locator(".card-title").nth(l1.items.length)).toHaveText(l2.items[0].title);
  });

  test("on an article it recommends the related articles, five more at a time", async ({ page }) => {
    const a = richArticle();
    await page.goto(a.path);
    const side = page.locator(".sidebar .recommended");
    await expect(side.locator("h2")).toHaveText("Ajánlott cikkek");
    await expect(side.locator(".card-title:visible")).toHaveText(a.related.slice(0, 5).map((r) => r.title));
    const more = side.locator("summary:visible", { hasText: "Kérek még" });
    await expect(more).toHaveCount(a.related.length > 5 ? 1 : 0);
    await more.click();
    await expect(side.locator(".card-title:visible")).toHaveText(a.related.slice(0, 10).map((r) => r.title));
    // The keyboard opens the next five the same way.
    if (a.related.length > 10) {
      await more.focus();
      await page.keyboard.press("Enter");
      await expect(side.locator(".card-title:visible")).toHaveText(a.related.slice(0, 15).map((r) => r.title));
    }
    // Once all are shown, "Kérek még" is gone.
    while ((await more.count()) > 0) await more.click();
    await expect(side.locator(".card-title:visible")).toHaveText(a.related.map((r) => r.title));
  });
});

test.describe("lists", () => {
  test("'Kérek még' appends the next older page in place, keeps the scroll position", async ({ page }) => {
    const front = latest();
    const older = latest(front.older);
    await page.goto("/friss");
    const cards = page.locator("main .card-title");
    await expect(cards).toHaveCount(front.items.length);
    const more = page.locator("main").getByRole("link", { name: "Kérek még" });
    await expect(more).toHaveAttribute("href", `/friss/oldal/${front.older}`);
    await more.scrollIntoViewIfNeeded();
    const y = await page.evaluate(() => window.scrollY);
    await more.click();
    await expect(cards).toHaveCount(front.items.length + older.items.length);
    await expect(cards.nth(front.items.length)).toHaveText(older.items[0].title);
    expect(await page.evaluate(() => window.scrollY)).toBe(y);
    await expect(page).toHaveURL("/friss");
    // The link goes on back in time, and is gone once the oldest page is shown.
    let next = older.older;
    while (next) {
      await expect(more).toHaveAttribute("href", `/friss/oldal/${next}`);
      await more.click();
      next = latest(next).older;
    }
    await expect(more).toHaveCount(0);
    await expect(cards).toHaveCount(front.total);
  });

  test("a list's /oldal/N page is a real page for crawlers and deep links", async ({ page }) => {
    const n = latest().older;
    const older = latest(n);
    const res = await page.goto(`/friss/oldal/${n}`);
    expect(res.status()).toBe(200);
    await expect(page.locator("main .card-title")).toHaveText(older.items.map((i) => i.title));
    await expect(page).toHaveTitle(new RegExp(`^Friss – ${n}\\. oldal \\| `));
    await expect(page.locator("main h1")).toHaveText(`Friss – ${n}. oldal`);
    // Past the oldest there is nothing, nor at 0 (the front page is /friss): the app says so as
    // the static host does.
    for (const missing of [`/friss/oldal/${n + 1}`, "/friss/oldal/0"]) {
      const res404 = await page.goto(missing);
      expect(res404.status(), missing).toBe(404);
      await expect(page.locator("main h1")).toHaveText("Az oldal nem található");
    }
    await page.goto("/friss/oldal/nem-szam");
    await expect(page.locator("main h1")).toHaveText("Az oldal nem található");
  });

  test("the latest articles have pages of their own: /friss", async ({ page }) => {
    const front = latest();
    await page.goto("/friss");
    await expect(page.locator("main h1")).toHaveText("Friss");
    await expect(page.locator("main .card-title")).toHaveText(front.items.map((i) => i.title));
    await page.goto("/rovat/belfold");
    // The sidebar's "Kérek még" is a link to the next older page; the app appends it in place.
    await expect(page.locator(".sidebar .load-more a")).toHaveAttribute("href", `/friss/oldal/${front.older}`);
  });

  test("cards show image, section, title, lead and date", async ({ page }) => {
    const s = content("sections/belfold/0.json");
    const item = s.list.items.find((i) => i.cover);
    await page.goto("/rovat/belfold");
    const card = page.locator("main .card", { has: page.locator(`a[href="${item.path}"]`) });
    await expect(card.locator(".card-title")).toHaveText(item.title);
    await expect(card.locator(".card-lead-text")).toHaveText(item.lead);
    await expect(card.locator(".section-label")).toHaveText(item.section.name);
    await expect(card.locator("img")).toHaveAttribute("loading", "lazy");
    await expect(card.locator("time")).toHaveText(item.published.slice(0, 10).replaceAll("-", ".") + ".");
  });
});

test.describe("footer", () => {
  test("social links, sections, popular tags, copyright and legal menu", async ({ page }) => {
    const s = site();
    await page.goto("/");
    const footer = page.locator(".site-footer");
    await expect(footer.getByRole("heading", { name: "Maradjon velünk!" })).toBeVisible();
    for (const l of s.social) await expect(footer.getByRole("link", { name: l.label, exact: true })).toHaveAttribute("href", l.href);
    expect(s.social.map((l) => l.network)).toEqual(["instagram", "facebook", "twitter", "coub", "youtube"]);
    await expect(footer.locator(".footer-sections a")).toHaveText(s.footer_sections.map((l) => l.label));
    await expect(footer.locator(".footer-tags .tag")).toHaveText(s.popular_tags.map((t) => t.name));
    await expect(footer.locator(".copyright")).toHaveText(`© ${s.copyright_from}-${s.copyright_to} ${s.name} /${s.motto}/`);
    await expect(footer.locator(".legal-menu a")).toHaveText(s.legal.map((l) => l.label));
    await footer.locator(".legal-menu a").first().click();
    await expect(page.locator("main h1")).toHaveText(s.legal[0].label);
  });
});

test.describe("layout", () => {
  // 640 px is a 1280 px window at 200 % zoom.
  for (const width of [320, 640, 768, 1920]) {
    test(`no horizontal scroll at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      for (const path of ["/", richArticle().path, "/rovat/belfold"]) {
        await page.goto(path);
        await startApp(page);
        await page.locator("main h1").first().waitFor({ state: "attached" });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
      }
      if (width === 1920) await page.goto("/");
      if (width === 1920) { await startApp(page); await page.screenshot({ path: `${shots}/home-1920.png`, fullPage: true }); }
    });
  }
});

test("after navigating away from a prerendered page, head tags describe the new page only", async ({ page }) => {
  const a = latest().items[0];
  await page.goto("/");
  await startApp(page);
  await page.locator(`main a[href="${a.path}"]`).first().click();
  await expect(page.locator("h1.article-title")).toHaveText(a.title);
  await expect(page.locator('head link[rel="canonical"]')).toHaveCount(1);
  await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute("href", site().base_url + a.path);
  await expect(page.locator('head meta[name="description"]')).toHaveCount(1);
  await expect(page.locator('head meta[name="description"]')).toHaveAttribute("content", a.lead);
  await expect(page).toHaveTitle(`${a.title} | ${site().name}`);
});
