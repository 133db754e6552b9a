// The one signal that the app has taken over: `<html data-app="ready">`, set by the app once its
// page is the only page in the document (the retired prerendered page has left it) or, without a
// prerendered page, once it has shown its first page (src/components/later.rs). Every e2e spec,
// bench and tool waits for it through this module, never for a selector of its own.
//
// The app comes when the reader goes further (boot.js, docs/adr/0016): on a prerendered page a
// caller that needs the app makes the sign a reader makes, with `startApp`.

/** The CSS selector that matches once the app is the page. */
export const APP_READY = 'html[data-app="ready"]';

/** Resolves once the app is the page (default timeout: the caller's page's). */
export function appTookOver(page, options = {}) {
  return page.locator(APP_READY).waitFor({ state: "attached", ...options });
}

/**
 * A reader's sign that they go further: the pointer moves onto a link of the site that is in view
 * (without scrolling, so a restored scroll position stays), or onto the first one there is.
 * Nothing on a page the app has already taken over.
 */
export async function goFurther(page) {
  if (await page.locator(APP_READY).count()) return;
  const spot = await page.evaluate(() => {
    const links = [...document.querySelectorAll("#prerender a[href]")].filter((a) => a.origin === location.origin);
    for (const a of links) {
      const r = a.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      if (r.width > 0 && r.height > 0 && y >= 0 && y < innerHeight && x >= 0 && x < innerWidth && document.elementFromPoint(x, y)?.closest("a") === a) {
        return { x, y };
      }
    }
    return null;
  });
  if (spot) {
    // From a corner, so the pointer enters the link even if it rested there on the last page.
    await page.mouse.move(0, 0);
    await page.mouse.move(spot.x, spot.y);
  } else if (!(await page.locator(APP_READY).count())) {
    const any = page.locator("#prerender a[href^='/']").first();
    if (await any.count()) await any.hover();
  }
}

/** The reader's sign ([goFurther]), then the app's takeover. */
export async function startApp(page, options = {}) {
  await goFurther(page);
  return appTookOver(page, options);
}
