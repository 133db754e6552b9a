//! The few things a component reads from the browser while it renders: the stored font step,
//! the theme in force, whether the browser has a share sheet, and the clock; and the DOM
//! helpers the app's event handlers and effects share (the `<html>` element, localStorage, an
//! element by id), a timer; and a warning in the console.
//!
//! In the browser (`csr`) they are read for real. press renders the same components natively
//! (`ssr`), where there is no browser: there they answer the neutral default that a first-time
//! reader with no stored choice would see, so the prerendered page is the app's page for that
//! reader (docs/adr/0006). Everything else that touches the browser runs in event handlers and
//! effects, which never run natively.

use wasm_bindgen::JsCast;

/// localStorage keys, shared with index.html's inline head script (which applies them before the
/// first paint) and boot.js.
pub const FONT_STEP_KEY: &str = "hirlap-font-step";
pub const THEME_KEY: &str = "hirlap-theme";

/// Text scale per font step, in percent; `DEFAULT_STEP` is 100 %. The font-size controls step
/// through them, and `<html data-font-step>` (set before the first paint) selects one in CSS.
pub const STEPS: [u32; 6] = [90, 100, 112, 125, 140, 160];
pub const DEFAULT_STEP: usize = 1;

/// A message for developers in the console, as a warning: the reader sees nothing of it.
/// Natively (press) there is no console, and press renders only documents it wrote.
#[cfg_attr(not(feature = "csr"), allow(unused_variables))]
pub fn warn(message: &str) {
    #[cfg(feature = "csr")]
    web_sys::console::warn_1(&message.into());
}

/// A future that resolves after `ms` milliseconds (the browser's timer; at once natively).
pub async fn sleep(ms: i32) {
    #[cfg(feature = "csr")]
    {
        let wait = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
    }
    #[cfg(not(feature = "csr"))]
    let _ = ms;
}

/// The reader's stored font step, `DEFAULT_STEP` without one.
pub fn font_step() -> usize {
    #[cfg(feature = "csr")]
    {
        local_storage()
            .and_then(|st| st.get_item(FONT_STEP_KEY).ok().flatten())
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|&i| i < STEPS.len())
            .unwrap_or(DEFAULT_STEP)
    }
    #[cfg(not(feature = "csr"))]
    {
        DEFAULT_STEP
    }
}

/// Whether the page is dark now: the reader's choice (put on `<html data-theme>` by the inline head
/// script or boot.js), else the system's preference. Natively: light.
pub fn dark_theme() -> bool {
    #[cfg(feature = "csr")]
    {
        match document_element().and_then(|h| h.get_attribute("data-theme")).as_deref() {
            Some("dark") => true,
            Some("light") => false,
            _ => web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .is_some_and(|m| m.matches()),
        }
    }
    #[cfg(not(feature = "csr"))]
    {
        false
    }
}

/// Whether the browser offers its own share sheet (`navigator.share`). Natively: no.
pub fn has_native_share() -> bool {
    #[cfg(feature = "csr")]
    {
        web_sys::window().is_some_and(|w| js_sys::Reflect::has(&w.navigator(), &"share".into()).unwrap_or(false))
    }
    #[cfg(not(feature = "csr"))]
    {
        false
    }
}

/// Now, in Unix milliseconds: the browser's clock, or the machine's when press renders.
pub fn now_ms() -> i64 {
    #[cfg(feature = "csr")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "csr"))]
    {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
    }
}

/// The document's `<html>` element, for attributes the whole page depends on (theme, font size,
/// the app's readiness).
pub fn document_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn element_by_id<T: JsCast>(id: &str) -> Option<T> {
    web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// Whether the page's tab is hidden (another tab, a minimised window, a locked phone).
/// Natively: no.
pub fn page_hidden() -> bool {
    #[cfg(feature = "csr")]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
    }
    #[cfg(not(feature = "csr"))]
    {
        false
    }
}

/// Shows `count` arrivals in the tab's title while the tab is hidden ("(3) Címlap | …"), and
/// the plain title otherwise or when `count` is 0.
pub fn title_count(count: usize) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let title = doc.title();
    let plain = strip_count(&title);
    let wanted = if count > 0 && page_hidden() { format!("({count}) {plain}") } else { plain.to_owned() };
    if wanted != title {
        doc.set_title(&wanted);
    }
}

/// A title without the "(3) " that [`title_count`] put before it.
pub fn strip_count(title: &str) -> &str {
    // Char patterns: a string pattern brings the two-way searcher into the wasm.
    title
        .strip_prefix('(')
        .and_then(|t| t.split_once(')'))
        .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|(_, rest)| rest.strip_prefix(' '))
        .unwrap_or(title)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_count_comes_off_the_title_and_nothing_else_does() {
        assert_eq!(super::strip_count("(3) Címlap | CIVILHETES"), "Címlap | CIVILHETES");
        assert_eq!(super::strip_count("(12) (Nem) szám"), "(Nem) szám");
        assert_eq!(super::strip_count("(Nem) szám"), "(Nem) szám");
        assert_eq!(super::strip_count("Címlap"), "Címlap");
    }
}
