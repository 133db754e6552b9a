//! Light/dark switch. Until the reader chooses, the page follows `prefers-color-scheme`; the
//! choice is kept in localStorage and applied by index.html's inline head script before the
//! first paint.

use crate::api;
use crate::browser;
use crate::strings as s;
use leptos::prelude::*;

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let dark = RwSignal::new(browser::dark_theme());
    let toggle = move |_| {
        let next = !dark.get_untracked();
        dark.set(next);
        let name = if next { "dark" } else { "light" };
        if let Some(html) = api::document_element() {
            let _ = html.set_attribute("data-theme", name);
        }
        if let Some(st) = api::local_storage() {
            let _ = st.set_item(browser::THEME_KEY, name);
        }
    };
    view! {
        <button type="button" class="theme-toggle"
            aria-pressed=move || dark.get().to_string()
            aria-label=move || if dark.get() { s::THEME_TO_LIGHT } else { s::THEME_TO_DARK }
            // The label not in use, for boot.js to swap in before the app runs.
            data-other-label=move || if dark.get() { s::THEME_TO_DARK } else { s::THEME_TO_LIGHT }
            on:click=toggle>
            <span aria-hidden="true">{move || if dark.get() { "☀" } else { "☾" }}</span>
        </button>
    }
}
