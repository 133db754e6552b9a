//! What the app provides to every view below it: the site, and the articles the sidebar
//! recommends. Here, below the components and routes that read them, and not in `App` (the top
//! layer), so that reading them imports nothing from above.

use leptos::prelude::*;
use model::{ArticleSummary, Site};

/// The site's identity and menus, provided by the layout to every route below it.
#[derive(Clone)]
pub struct SiteContext(pub std::sync::Arc<Site>);

pub fn use_site() -> std::sync::Arc<Site> {
    expect_context::<SiteContext>().0
}

/// Set by the article route to its related articles while it is open; `None` elsewhere, where
/// the sidebar recommends the latest articles.
#[derive(Clone, Copy)]
pub struct Recommended(pub RwSignal<Option<Vec<ArticleSummary>>>);
