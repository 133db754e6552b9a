//! One file per view.

pub mod article;
pub mod author;
pub mod home;
pub mod not_found;
pub mod page;
pub mod search;
pub mod section;
pub mod tag;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The `?oldal=N` page number, 1 when absent or invalid.
pub fn page_param() -> Memo<u32> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.read().get("oldal").and_then(|p| p.parse::<u32>().ok()).filter(|&n| n >= 1).unwrap_or(1)
    })
}

/// A list URL for page `n`: page 1 has no query.
pub fn list_url(base: &str, n: u32) -> String {
    if n <= 1 { base.to_owned() } else { format!("{base}?oldal={n}") }
}
