//! The body of a prerendered page: the app's own Leptos components (the `hirlap` crate with its
//! `ssr` feature) rendered to HTML natively, inside the app's `Layout`, with the location standing
//! at the page's path (`hirlap::router::provide_location`), so links are marked current exactly as
//! in the browser (docs/adr/0006). There is no second copy of any component here.

use std::sync::Arc;

use hirlap::components::countdown::Prerendered;
use hirlap::components::layout::Layout;
use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use leptos::reactive::owner::Owner;
use model::{paths, ArticleSummary, Site};

/// What every page shares besides its own content.
pub struct Frame<'a> {
    pub site: &'a Site,
    /// The path the page is served at; `None` for 404.html, which is served at any path.
    pub path: Option<&'a str>,
    /// Whether the countdown's time has come (its numbers are the app's: see [`Prerendered`]).
    pub countdown_passed: bool,
}

/// The markup the app renders into `<body>` for this page, with `main` as the route's view.
/// `related` is the open article's related list (the sidebar shows it instead of the latest).
pub fn page<V: IntoView + 'static>(
    frame: &Frame,
    related: Option<Vec<ArticleSummary>>,
    main: impl FnOnce() -> V + Send + 'static,
) -> String {
    // A path no route or menu item can match stands for "anywhere" (404.html).
    let path = frame.path.unwrap_or(paths::NOT_FOUND_PAGE).to_owned();
    // No latest list: it changes with every new article, and a page must change only with its
    // own content. The sidebar links to /friss; the app loads the list.
    let latest = None;
    let (site, passed) = (frame.site.clone(), frame.countdown_passed);
    // A root of its own per page (everything the page created is dropped with it), with the
    // server's shared context: it tells Leptos there is no window to listen to.
    let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
    let html = owner.with(move || {
        hirlap::router::provide_location(&path);
        provide_context(Prerendered { passed });
        view! {
            <Layout site related=Signal::stored(related) latest=Signal::stored(latest) page=Box::new(move || main().into_any())/>
        }
        .to_html()
    });
    drop(owner);
    html
}
