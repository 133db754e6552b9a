//! Reusable pieces of the page, one file each.

pub mod arrivals;
pub mod article_card;
pub mod article_list;
pub mod blocks;
pub mod countdown;
pub mod font_size;
pub mod footer;
pub mod head;
pub mod header;
pub mod icons;
pub mod keyed;
pub mod later;
pub mod layout;
pub mod live_blog;
pub mod new_articles;
pub mod reading_progress;
pub mod share_buttons;
pub mod sidebar;
pub mod status;
pub mod theme;

/// `aria-current="page"` for a link to the page being rendered, read once.
///
/// Links inside a route's content use a plain `<a>` (the router still handles the click) and
/// this, not leptos_router's `<A>`: every `<A>` left a few hundred bytes of wasm memory behind
/// when its route was replaced (7.5 KB per navigation on the home page, scripts/reader-bench.mjs),
/// and the content is rebuilt on every navigation anyway, so the mark needs no reactivity.
pub fn aria_current(href: &str) -> Option<&'static str> {
    use leptos::prelude::GetUntracked;
    (crate::router::use_location().pathname.get_untracked() == href).then_some("page")
}

/// `aria-current="page"` that follows the reader, for links rendered once per page load (the
/// header's site name, the footer) while the routes change below them. A plain `<a>` with this
/// costs less than leptos_router's `<A>`, in wasm and in the takeover's work.
pub fn aria_current_live(href: String) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
    use leptos::prelude::Get;
    let location = crate::router::use_location();
    move || (location.pathname.get() == href).then_some("page")
}
