//! The app's own router: where the reader is ([`Location`]) and client-side navigation for the
//! site's own links (`navigation`, in the browser). Which view a location is, is for
//! `model::paths::Route` to say.
//!
//! Not leptos_router (docs/adr/0012): its nested routes, transitions and matching cost about
//! 18 KB of the gzipped wasm, too much for the size budget, for eight flat routes; and the app
//! already loads every route through one door (`App`), so all it needs of a router is the URL as
//! a signal, a click handler and `popstate`. press renders with a fixed [`Location`]
//! (`provide_location`).

use leptos::prelude::*;

/// Where the reader is: the path and the query (with its `?`, or empty).
#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: RwSignal<String>,
    pub search: RwSignal<String>,
}

/// The location the app renders; press provides the page's own.
pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// Provides a location standing at `url` (a path with an optional query).
pub fn provide_location(url: &str) -> Location {
    let (path, query) = url.split_once('?').map_or((url, ""), |(p, q)| (p, q));
    let location = Location {
        pathname: RwSignal::new(path.to_owned()),
        search: RwSignal::new(if query.is_empty() { String::new() } else { format!("?{query}") }),
    };
    provide_context(location);
    location
}

/// The value of `name` in the query (`?q=a+b` → `a b`), percent-decoded; `None` when absent.
pub fn query_value(search: &str, name: &str) -> Option<String> {
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| decode_form(v))
    })
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte (a form submitted
/// without JavaScript sends `q=a+b`, the app's own links `q=a%20b`).
fn decode_form(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Client-side navigation in the browser.
#[cfg(feature = "csr")]
pub mod navigation {
    use super::Location;
    use leptos::prelude::*;
    use model::paths::{self, Route};
    use wasm_bindgen::JsCast;

    thread_local! {
        /// Where the next page is scrolled to once it is there: the top after a link, the
        /// reader's old position after back or forward.
        static SCROLL_TO: std::cell::Cell<Option<f64>> = const { std::cell::Cell::new(None) };
    }

    /// The location of the window, provided, and kept in step with the reader's clicks on the
    /// site's own links and with back and forward.
    pub fn provide_window_location() -> Location {
        let loc = window().location();
        let location = super::provide_location(&format!(
            "{}{}",
            loc.pathname().unwrap_or_default(),
            loc.search().unwrap_or_default()
        ));
        // For the page's lifetime: a handle that is dropped leaves its listener in place.
        let _ = window_event_listener(leptos::ev::click, move |ev| on_click(location, ev));
        let _ = window_event_listener(leptos::ev::popstate, move |_| {
            // The position this entry was left at (see `push`). The browser's own restoration
            // would scroll the page that is leaving, before the next one is there.
            let y = window().history().ok().and_then(|h| h.state().ok()).and_then(|s| s.as_f64()).unwrap_or(0.0);
            set_scroll_restoration("manual");
            let loc = window().location();
            go(location, loc.pathname().unwrap_or_default(), loc.search().unwrap_or_default(), y);
        });
        // A reload restores the position as the browser does.
        let _ = window_event_listener(leptos::ev::pagehide, |_| set_scroll_restoration("auto"));
        location
    }

    /// Goes to `url` (a site path with an optional query) without reloading the page.
    pub fn navigate(url: &str) {
        let location = super::use_location();
        push(location, url);
    }

    fn push(location: Location, url: &str) {
        // A link to the page on screen adds no history entry (Back would show the same page).
        if location
            .pathname
            .with_untracked(|p| location.search.with_untracked(|s| url.strip_prefix(p.as_str()) == Some(s.as_str())))
        {
            window().scroll_to_with_x_and_y(0.0, 0.0);
            return;
        }
        if let Ok(history) = window().history() {
            // Where to come back to.
            let _ = history.replace_state(&window().scroll_y().unwrap_or(0.0).into(), "");
            set_scroll_restoration("manual");
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
        }
        let (path, query) = url.split_once('?').map_or((url, ""), |(p, q)| (p, q));
        go(location, path.to_owned(), if query.is_empty() { String::new() } else { format!("?{query}") }, 0.0);
    }

    /// Moves to `path` and `search`, to be scrolled to `y`: once the next view's page is there
    /// (App calls [`scroll_when_shown`]), or at once on the same view (a new search query).
    fn go(location: Location, path: String, search: String, y: f64) {
        let same_view = location.pathname.with_untracked(|p| Route::parse(p) == Route::parse(&path));
        SCROLL_TO.set(Some(y));
        set(location, path, search);
        if same_view {
            scroll_when_shown();
        }
    }

    fn set_scroll_restoration(mode: &str) {
        if let Ok(history) = window().history() {
            let _ = js_sys::Reflect::set(&history, &"scrollRestoration".into(), &mode.into());
        }
    }

    fn set(location: Location, path: String, search: String) {
        if location.pathname.get_untracked() != path {
            location.pathname.set(path);
        }
        if location.search.get_untracked() != search {
            location.search.set(search);
        }
    }

    /// Called when a new page is in place: after a link it starts at the top, after back or
    /// forward where the reader left it.
    pub fn scroll_when_shown() {
        if let Some(y) = SCROLL_TO.take() {
            request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
        }
    }

    /// A click on one of the site's own links navigates in the app. Anything else (other sites,
    /// `mailto:`, a new tab, a download, feeds and files, a handler that prevented the default:
    /// "Kérek még") is the browser's.
    fn on_click(location: Location, ev: web_sys::MouseEvent) {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.ctrl_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(a) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
        else {
            return;
        };
        let href = a.get_attribute("href").unwrap_or_default();
        let own = href.starts_with('/') && !href.starts_with("//");
        let file = href.starts_with(paths::CONTENT_BASE) || href.starts_with(paths::PUBLIC) || href.ends_with(".xml");
        let elsewhere = a.get_attribute("target").is_some_and(|t| !t.is_empty() && t != "_self")
            || a.has_attribute("download")
            || a.get_attribute("rel").is_some_and(|r| r.split_ascii_whitespace().any(|r| r == "external"));
        if !own || file || elsewhere || href.contains('#') {
            return;
        }
        ev.prevent_default();
        push(location, &href);
    }
}

#[cfg(test)]
mod tests {
    use super::query_value;

    #[test]
    fn a_query_value_is_decoded_as_a_form_sends_it() {
        assert_eq!(query_value("?q=v%C3%A1laszt%C3%A1s&oldal=2", "q").as_deref(), Some("választás"));
        assert_eq!(query_value("?q=a+b", "q").as_deref(), Some("a b"));
        assert_eq!(query_value("?q=a%20b", "q").as_deref(), Some("a b"));
        assert_eq!(query_value("?q=a+b&oldal=2", "oldal").as_deref(), Some("2"));
        assert_eq!(query_value("?q=100%", "q").as_deref(), Some("100%"));
        assert_eq!(query_value("?q=%zz", "q").as_deref(), Some("%zz"));
        assert_eq!(query_value("", "q"), None);
        assert_eq!(query_value("?qq=1", "q"), None);
    }
}
