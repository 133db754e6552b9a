//! Parts of the page built in later tasks while the app takes over a prerendered page.
//!
//! The takeover builds the whole page on the reader's main thread. Built in one go, that was one
//! task of 300–500 ms on a mid-range phone (Lighthouse's 4× slowdown), which is what Total
//! Blocking Time counts (issue 7). Wrapped in [`later`], a part (the sidebar, the footer, each
//! section block of the home page) is built in a task of its own; the app stays hidden beside
//! the prerendered page until every part is there, and [`reveal`] swaps the two in one go, so
//! the reader never sees half a page and nothing moves (docs/adr/0010).
//!
//! Only while a prerendered page is being taken over ([`begin`]): afterwards, without a
//! prerendered page, in component tests and in press, a part is built at once (a client-side
//! navigation must have the whole page before the router restores the scroll position).

use leptos::prelude::*;

#[cfg(feature = "csr")]
thread_local! {
    /// Parts still to be built, and whether parts are being deferred (a takeover is under way).
    static STATE: std::cell::Cell<(u32, bool)> = const { std::cell::Cell::new((0, false)) };
}

/// From now until [`reveal`], [`later`] parts are built in tasks of their own.
#[cfg(feature = "csr")]
pub fn begin() {
    STATE.set((0, true));
}

/// `children`, built in a task of its own while the app takes over; at once otherwise.
pub fn later(children: Children) -> AnyView {
    #[cfg(feature = "csr")]
    {
        let (pending, deferring) = STATE.get();
        if deferring {
            STATE.set((pending + 1, true));
            let ready = RwSignal::new(false);
            let children = std::sync::Mutex::new(Some(children));
            set_timeout(
                move || {
                    ready.set(true);
                    let (pending, deferring) = STATE.get();
                    STATE.set((pending.saturating_sub(1), deferring));
                    // A task later, after this part (and any part it holds) has been built.
                    set_timeout(reveal_when_whole, std::time::Duration::ZERO);
                },
                std::time::Duration::ZERO,
            );
            return (move || ready.get().then(|| children.lock().ok().and_then(|mut c| c.take()).map(|c| c()))).into_any();
        }
    }
    children()
}

#[cfg(feature = "csr")]
fn reveal_when_whole() {
    let (pending, deferring) = STATE.get();
    if pending == 0 && deferring {
        reveal();
    }
}

/// Shows the app in place of the prerendered page; from now on, parts are built at once.
#[cfg(feature = "csr")]
pub fn reveal() {
    STATE.set((0, false));
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(pre) = doc.get_element_by_id("prerender") {
        pre.remove();
    }
    if let Some(app) = crate::api::element_by_id::<web_sys::HtmlElement>("app") {
        app.set_hidden(false);
    }
}
