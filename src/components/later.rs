//! Parts of the page built in later tasks while the app takes over a prerendered page.
//!
//! The takeover builds the whole page on the reader's main thread. Built in one go, that was one
//! task of 300–500 ms on a mid-range phone (Lighthouse's 4× slowdown), which is what Total
//! Blocking Time counts. Wrapped in [`later`], a part (the sidebar, the footer, each
//! section block of the home page) is built in a task of its own; the app stays hidden beside
//! the prerendered page until every part is there, and [`reveal`] swaps the two in one go, so
//! the reader never sees half a page and nothing moves (docs/adr/0010).
//!
//! Only while a prerendered page is being taken over ([`begin`]): afterwards, without a
//! prerendered page, in component tests and in press, a part is built at once (a client-side
//! navigation must have the whole page before the router restores the scroll position).
//!
//! This module also gives the one signal that the app has taken over: `<html data-app="ready">`
//! ([`READY_ATTRIBUTE`]), set once the app's page is the only page in the document (the retired
//! prerendered page has left it) or, without a prerendered page, once the app has shown its first
//! page. Every test, bench and tool waits for that attribute and for nothing else.

#[cfg(feature = "csr")]
use crate::erased::Erase;
use crate::erased::Erased;
#[cfg(feature = "csr")]
use leptos::prelude::*;

#[cfg(feature = "csr")]
thread_local! {
    /// Parts still to be built, and whether parts are being deferred (a takeover is under way).
    static STATE: std::cell::Cell<(u32, bool)> = const { std::cell::Cell::new((0, false)) };
    /// From [`begin`] until the retired prerendered page has left the document.
    static TAKING_OVER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The attribute on `<html>` that says the app has taken over, and its value.
pub const READY_ATTRIBUTE: (&str, &str) = ("data-app", "ready");

/// From now until [`reveal`], [`later`] parts are built in tasks of their own.
#[cfg(feature = "csr")]
pub fn begin() {
    STATE.set((0, true));
    TAKING_OVER.set(true);
}

/// The app has shown a page: without a takeover under way, it is the page now.
#[cfg(feature = "csr")]
pub fn page_shown() {
    if !TAKING_OVER.get() {
        mark_ready();
    }
}

/// Sets [`READY_ATTRIBUTE`]: the app is the only page in the document.
#[cfg(feature = "csr")]
pub fn mark_ready() {
    TAKING_OVER.set(false);
    if let Some(html) = crate::browser::document_element() {
        let (name, value) = READY_ATTRIBUTE;
        let _ = html.set_attribute(name, value);
    }
}

/// A part of the page: built when [`later`] decides.
pub type Part = Box<dyn FnOnce() -> Erased + Send>;

/// `part`, built in a task of its own while the app takes over; at once otherwise.
pub fn later(part: Part) -> Erased {
    #[cfg(feature = "csr")]
    {
        let (pending, deferring) = STATE.get();
        if deferring {
            STATE.set((pending + 1, true));
            let ready = RwSignal::new(false);
            let part = std::sync::Mutex::new(Some(part));
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
            return (move || ready.get().then(|| part.lock().ok().and_then(|mut c| c.take()).map(|c| c()))).erase();
        }
    }
    part()
}

#[cfg(feature = "csr")]
fn reveal_when_whole() {
    let whole = || STATE.get() == (0, true);
    if whole() {
        // After a frame: the parts built since the last one are styled and laid out (hidden) in
        // that frame's task, not in the reveal's (the frame after the reveal was the
        // takeover's second-longest task on home, 21 ms unthrottled in a Lighthouse trace).
        request_animation_frame(move || {
            set_timeout(
                move || {
                    if whole() {
                        reveal();
                    }
                },
                std::time::Duration::ZERO,
            )
        });
    }
}

/// Shows the app in place of the prerendered page, with what the reader did to that page
/// carried over; from now on, parts are built at once.
#[cfg(feature = "csr")]
pub fn reveal() {
    STATE.set((0, false));
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let app = crate::browser::element_by_id::<web_sys::HtmlElement>("app");
    if let Some(app) = &app {
        app.set_hidden(false);
    }
    if let Some(pre) = doc.get_element_by_id("prerender") {
        let focus = app.as_ref().and_then(|app| carry_over(&doc, &pre, app));
        retire(pre);
        // Focused once the app stands where the page stood: nothing scrolls.
        if let Some(el) = focus {
            let _ = el.focus();
        }
    } else {
        mark_ready();
    }
}

/// Hides the prerendered page at once and takes it apart over the next tasks. Removing it in
/// the reveal's task destroyed its ~1,100 layout objects there: 25 ms in a Lighthouse trace of
/// home (which logs each one), the takeover's longest task, which Lighthouse's simulation counts
/// four times over. `.retired` is `content-visibility: hidden`: no box, no focus, no
/// accessibility node, and its contents keep their layout objects until they are removed. The
/// ids go at once: from now on they are the app's (the skip link, `aria-labelledby`), and
/// `#prerender` is gone for boot.js. `inert` and `aria-hidden` say the same to any tool that
/// reads the DOM rather than the layout (axe, an extension): the retired `<main>` and `<header>`
/// are not landmarks of the page. The app is ready ([`mark_ready`]) only once it has gone.
#[cfg(feature = "csr")]
fn retire(pre: web_sys::Element) {
    if let Ok(named) = pre.query_selector_all("[id]") {
        for el in (0..named.length()).filter_map(|i| named.item(i)) {
            if let Some(el) = wasm_bindgen::JsCast::dyn_ref::<web_sys::Element>(&el) {
                let _ = el.remove_attribute("id");
            }
        }
    }
    let _ = pre.remove_attribute("id");
    pre.set_class_name("retired");
    let _ = pre.set_attribute("inert", "");
    let _ = pre.set_attribute("aria-hidden", "true");
    take_apart(pre);
}

/// Elements removed per task while the prerendered page is taken apart: a few milliseconds'
/// worth with Lighthouse's tracing.
#[cfg(feature = "csr")]
const RETIRED_PER_TASK: u32 = 300;

/// Removes whole subtrees of `pre`, last first, about [`RETIRED_PER_TASK`] elements per task,
/// then `pre` itself. Whole subtrees: a `<picture>` losing its `<source>`s one by one picks
/// another image and fetches it.
#[cfg(feature = "csr")]
fn take_apart(pre: web_sys::Element) {
    let size = |e: &web_sys::Element| e.get_elements_by_tag_name("*").length() + 1;
    set_timeout(
        move || {
            let mut left = RETIRED_PER_TASK;
            loop {
                // The last subtree that fits in what is left, descending into one that does not
                // (such a one has children: a single element always fits).
                let mut node = pre.clone();
                while let Some(child) = node.last_element_child() {
                    let fits = size(&child) <= left;
                    node = child;
                    if fits {
                        break;
                    }
                }
                if node == pre {
                    pre.remove();
                    mark_ready();
                    return;
                }
                let removed = size(&node);
                node.remove();
                if removed >= left {
                    break;
                }
                left -= removed;
            }
            take_apart(pre);
        },
        std::time::Duration::ZERO,
    );
}

/// The elements a reader can focus.
#[cfg(feature = "csr")]
const FOCUSABLE: &str = "a[href],button,input,summary,[tabindex]";

/// What the reader did on the prerendered page before the app was there: text typed into the
/// search box, a "Kérek még" `<details>` opened, the focus. The app's tree is the prerendered
/// one element for element (an e2e test compares them), so the n-th input or `<details>` of one
/// is the n-th of the other, and so is the n-th focusable element below an element with an id. Cheap when the reader did nothing (a few
/// queries in the reveal's task): the focusable elements are walked only when the focus is in
/// the prerendered page. Font size and theme live on `<html>` and need nothing. Returns the
/// element to focus.
#[cfg(feature = "csr")]
fn carry_over(doc: &web_sys::Document, pre: &web_sys::Element, app: &web_sys::Element) -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    // The n-th element matching `selector` in both trees, for each n (none if the counts differ).
    let pairs = |selector: &str| -> Vec<(web_sys::Element, web_sys::Element)> {
        let (Ok(from), Ok(to)) = (pre.query_selector_all(selector), app.query_selector_all(selector)) else {
            return Vec::new();
        };
        if from.length() != to.length() {
            return Vec::new();
        }
        (0..from.length())
            .filter_map(|i| Some((from.item(i)?.dyn_into().ok()?, to.item(i)?.dyn_into().ok()?)))
            .collect()
    };
    for (a, b) in pairs("input") {
        let (Some(typed), Some(input)) =
            (a.dyn_ref::<web_sys::HtmlInputElement>(), b.dyn_ref::<web_sys::HtmlInputElement>())
        else {
            continue;
        };
        if typed.value() != input.value() {
            input.set_value(&typed.value());
            // The app's own input handler takes the text into its state.
            if let Ok(ev) = web_sys::Event::new("input") {
                let _ = input.dispatch_event(&ev);
            }
        }
    }
    for (a, b) in pairs("details") {
        if a.has_attribute("open") && !b.has_attribute("open") {
            let _ = b.set_attribute("open", "");
        }
    }
    let active = doc.active_element()?;
    if !pre.contains(Some(&active)) {
        return None;
    }
    // Counted within the nearest element with an id, which both trees hold alike: elsewhere the
    // app's page may have more than press's (the sidebar's latest list comes with the app).
    let mut scope = active.clone();
    while scope.id().is_empty() && scope != *pre {
        scope = scope.parent_element()?;
    }
    let twin = if scope == *pre {
        app.clone()
    } else if scope.id().contains(['"', '\\']) {
        return None;
    } else {
        app.query_selector(&format!("[id=\"{}\"]", scope.id())).ok()??
    };
    if scope == active {
        return twin.dyn_into().ok();
    }
    let (Ok(from), Ok(to)) = (scope.query_selector_all(FOCUSABLE), twin.query_selector_all(FOCUSABLE)) else {
        return None;
    };
    if from.length() != to.length() {
        return None;
    }
    let active: &web_sys::Node = active.as_ref();
    let n = (0..from.length()).find(|&i| from.item(i).is_some_and(|e| e == *active))?;
    to.item(n)?.dyn_into().ok()
}
