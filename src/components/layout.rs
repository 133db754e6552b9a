//! The page around every view: routing progress, header, the main column with the sidebar, and
//! the footer. The app puts its routes inside; press puts the one page it prerenders.

use crate::components::{
    footer::Footer,
    header::Header,
    later::{later, Part},
    sidebar::Sidebar,
};
use crate::context::SiteContext;
use crate::erased::Erase;
use leptos::prelude::*;
use model::{ArticleSummary, ListPage, Site};

#[component]
pub fn Layout(
    site: Site,
    /// Whether the router is loading a new page (the app only; press renders a still page).
    #[prop(optional, into)]
    is_routing: Option<Signal<bool>>,
    /// The open article's related articles; `None` elsewhere.
    #[prop(into)]
    related: Signal<Option<Vec<ArticleSummary>>>,
    /// The latest articles, recommended where there is no article (`None` while they load).
    #[prop(into)]
    latest: Signal<Option<ListPage>>,
    /// The route's page, in `<main>`; built inside the layout, which provides the site to it.
    page: Part,
) -> impl IntoView {
    let countdown = site.countdown.clone();
    provide_context(SiteContext(std::sync::Arc::new(site.clone())));
    let footer_site = site.clone();
    view! {
        <div class="routing-progress" aria-hidden="true">
            // A CSS animation, not leptos_router's <RoutingProgress>: its <progress value=f32>
            // ticking every 5 ms pulled float formatting into the wasm.
            // Always there (press renders it still), so the app's DOM matches the prerendered one.
            <div class="routing-bar" class:active=move || is_routing.is_some_and(|r| r.get())></div>
        </div>
        {later(Box::new(move || view! { <Header site/> }.erase()))}
        <div class="layout">
            <main id="main" class="main" tabindex="-1">{page()}</main>
            // Built after the page's content while the app takes over (components/later.rs).
            {later(Box::new(move || view! { <Sidebar countdown related latest/> }.erase()))}
        </div>
        {later(Box::new(move || view! { <Footer site=footer_site/> }.erase()))}
    }
}
