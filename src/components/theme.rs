//! Light/dark switch. Until the reader chooses, the page follows `prefers-color-scheme`; the
//! choice is kept in localStorage and applied by index.html's inline head script before the
//! first paint.
//!
//! One accessible pattern, a toggle button: a constant name ("Sötét mód") and `aria-pressed`
//! for its state. The sun or moon is drawn by CSS from `aria-pressed`, so the button has no
//! text that could disagree with its name, and boot.js has only the state to set before the
//! app runs.

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
        if let Some(html) = browser::document_element() {
            let _ = html.set_attribute("data-theme", name);
        }
        if let Some(st) = browser::local_storage() {
            let _ = st.set_item(browser::THEME_KEY, name);
        }
    };
    view! {
        <button type="button" class="theme-toggle" aria-label=s::DARK_THEME
            aria-pressed=move || dark.get().to_string() on:click=toggle></button>
    }
}
