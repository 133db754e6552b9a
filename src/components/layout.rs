//! The page around every view: routing progress, header, the main column with the sidebar, and
//! the footer. The app puts its routes inside; press puts the one page it prerenders.

use crate::components::{footer::Footer, header::Header, sidebar::Sidebar};
use crate::SiteContext;
use leptos::prelude::*;
use leptos_router::components::RoutingProgress;
use model::{ArticleSummary, ListPage, Site};
use std::time::Duration;

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
    children: Children,
) -> impl IntoView {
    let countdown = site.countdown.clone();
    provide_context(SiteContext(std::sync::Arc::new(site.clone())));
    view! {
        <div class="routing-progress" aria-hidden="true">
            {is_routing.map(|is_routing| view! { <RoutingProgress is_routing max_time=Duration::from_millis(400)/> })}
        </div>
        <Header site=site.clone()/>
        <div class="layout">
            <main id="main" class="main" tabindex="-1">{children()}</main>
            <Sidebar countdown related latest/>
        </div>
        <Footer site/>
    }
}
