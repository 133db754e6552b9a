//! Small outline icons drawn inline: no icon font, no third-party request, and glyphs that
//! every system font lacks (printer, link) still show.

use crate::icon_paths::path;
use leptos::prelude::*;

/// A decorative icon; the control around it carries the accessible name.
pub fn icon(name: &str) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d=path(name)/>
        </svg>
    }
}
