//! Light/dark switch. Until the reader chooses, the page follows `prefers-color-scheme`; the
//! choice is kept in localStorage and applied by public/boot.js before the first paint.

use crate::api;
use crate::strings as s;
use leptos::prelude::*;

const KEY: &str = "hirlap-theme";

fn system_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

fn current_dark() -> bool {
    match api::document_element().and_then(|h| h.get_attribute("data-theme")).as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => system_dark(),
    }
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let dark = RwSignal::new(current_dark());
    let toggle = move |_| {
        let next = !dark.get_untracked();
        dark.set(next);
        let name = if next { "dark" } else { "light" };
        if let Some(html) = api::document_element() {
            let _ = html.set_attribute("data-theme", name);
        }
        if let Some(st) = api::local_storage() {
            let _ = st.set_item(KEY, name);
        }
    };
    view! {
        <button type="button" class="theme-toggle"
            aria-pressed=move || dark.get().to_string()
            aria-label=move || if dark.get() { s::THEME_TO_LIGHT } else { s::THEME_TO_DARK }
            on:click=toggle>
            <span aria-hidden="true">{move || if dark.get() { "☀" } else { "☾" }}</span>
        </button>
    }
}
