// Photos: a 412-px-wide phone loads an ~800 px variant of an article's cover, in a
// modern format, and never the camera original.
import { test, expect } from "@playwright/test";
import { startApp } from "./content.mjs";

test("a phone loads about an 800 px cover, not the original", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const latest = await (await page.request.get("/content/latest/0.json")).json();
  const withPhoto = latest.items.find((i) => i.cover && i.cover.variants && i.cover.variants.length);
  test.skip(!withPhoto, "no article with a photo cover");
  const images = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "image") images.push(r.url());
  });
  await page.goto(withPhoto.path);
  const img = page.locator(".figure img").first();
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((e) => e.complete && e.naturalWidth)).toBeGreaterThan(0);
  const current = await img.evaluate((e) => e.currentSrc);
  // (412 − 32) CSS px × 2 = 760 device px: the 800 px variant, as AVIF where the browser has it.
  expect(current).toMatch(/-800\.(avif|webp|jpg)$/);
  expect(images.some((u) => u.endsWith(withPhoto.cover.src))).toBe(false);
  await context.close();
});

test("the cover is fetched first; images further down wait until they are near", async ({ page }) => {
  const latest = await (await page.request.get("/content/latest/0.json")).json();
  const withPhoto = latest.items.find((i) => i.cover && i.cover.variants && i.cover.variants.length);
  await page.goto(withPhoto.path);
  // Before and after the app takes over, the cover is eager with high fetch priority.
  for (const stage of ["prerendered", "app"]) {
    const cover = page.locator(".article .figure img").first();
    await expect(cover, stage).toHaveAttribute("fetchpriority", "high");
    await expect(cover, stage).toHaveAttribute("loading", "eager");
    if (stage === "prerendered") await startApp(page);
  }
  await page.goto("/");
  await expect(page.locator(".card-lead img").first()).toHaveAttribute("fetchpriority", "high");
  // The app's cards (the list would change under the loop if it took over meanwhile).
  await startApp(page);
  await expect(page.locator(".card-lead img").first()).toHaveAttribute("fetchpriority", "high");
  const others = page.locator("main .card:not(.card-lead) img");
  expect(await others.count()).toBeGreaterThan(0);
  for (const img of await others.all()) {
    await expect(img).toHaveAttribute("loading", "lazy");
    await expect(img).not.toHaveAttribute("fetchpriority", "high");
  }
});
