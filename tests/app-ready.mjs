// The one signal that the app has taken over: `<html data-app="ready">`, set by the app once its
// page is the only page in the document (the retired prerendered page has left it) or, without a
// prerendered page, once it has shown its first page (src/components/later.rs). Every e2e spec,
// bench and tool waits for it through this module, never for a selector of its own.

/** The CSS selector that matches once the app is the page. */
export const APP_READY = 'html[data-app="ready"]';

/** Resolves once the app is the page (default timeout: the caller's page's). */
export function appTookOver(page, options = {}) {
  return page.locator(APP_READY).waitFor({ state: "attached", ...options });
}
