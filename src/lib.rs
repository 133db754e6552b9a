//! hirlap: the reader-facing app. `App` holds the chrome and the routes; each view lives in
//! `routes/`, each reusable piece in `components/`, every UI string in `strings`.

pub mod api;
pub mod components;
pub mod icon_paths;
pub mod routes;
pub mod share_urls;
pub mod strings;

use components::{footer::Footer, header::Header, sidebar::Sidebar, status::ErrorView};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes, RoutingProgress},
    path,
};
use model::Site;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The site's identity and menus, loaded once and shared with every component.
#[derive(Clone, Copy)]
pub struct SiteContext(pub LocalResource<Result<Site, api::ApiError>>);

pub fn use_site() -> LocalResource<Result<Site, api::ApiError>> {
    expect_context::<SiteContext>().0
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site = LocalResource::new(|| api::fetch_json::<Site>(model::api_path::SITE.to_owned()));
    provide_context(SiteContext(site));
    components::sidebar::provide_recommended();
    let (is_routing, set_is_routing) = signal(false);

    let site_name = move || match site.get() {
        Some(Ok(s)) => s.name,
        _ => String::new(),
    };

    view! {
        <Title formatter=move |t: String| {
            let name = site_name();
            if t.is_empty() { name } else if name.is_empty() { t } else { format!("{t} | {name}") }
        }/>
        <Router set_is_routing>
            <DropPrerenderHead/>
            <div class="routing-progress" aria-hidden="true">
                <RoutingProgress is_routing max_time=Duration::from_millis(400)/>
            </div>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match site.await {
                        Ok(s) => view! { <Header site=s/> }.into_any(),
                        Err(e) => view! {
                            <main id="main" class="page" tabindex="-1">
                                <ErrorView error=e retry=Callback::new(move |_| site.refetch())/>
                            </main>
                        }.into_any(),
                    }
                })}
            </Transition>
            <div class="layout">
                <main id="main" class="main" tabindex="-1">
                    <Routes fallback=routes::not_found::NotFound>
                        <Route path=path!("/") view=routes::home::HomeView/>
                        <Route path=path!("/rovat/:section") view=routes::section::SectionView/>
                        <Route path=path!("/cimke/:tag") view=routes::tag::TagView/>
                        <Route path=path!("/szerzo/:author") view=routes::author::AuthorView/>
                        <Route path=path!("/oldal/:page") view=routes::page::StaticPageView/>
                        <Route path=path!("/kereses") view=routes::search::SearchView/>
                        <Route path=path!("/:section/:y/:m/:d/:slug") view=routes::article::ArticleView/>
                    </Routes>
                </main>
                <Sidebar/>
            </div>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    site.await.ok().map(|s| view! { <Footer site=s/> })
                })}
            </Transition>
        </Router>
    }
}

/// The prerendered head tags (canonical, Open Graph, JSON-LD) describe the first route only. They
/// stay while the reader is on it, so crawlers that run JavaScript still read them, and go at the
/// first navigation, when the app's own (leptos_meta) tags take over. The feed link is the same
/// on every page and stays.
#[component]
fn DropPrerenderHead() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    Effect::new(move |first: Option<String>| {
        let path = location.pathname.get();
        if first.as_ref().is_some_and(|p| *p != path) {
            let doc = web_sys::window().and_then(|w| w.document());
            if let Some(tags) = doc.and_then(|d| d.query_selector_all("head [data-prerender]:not([rel=alternate])").ok()) {
                for i in 0..tags.length() {
                    if let Some(el) = tags.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                        el.remove();
                    }
                }
            }
        }
        first.unwrap_or(path)
    });
}

/// Mounts the app. A panic shows a Hungarian error page instead of a dead one.
///
/// When press prerendered the page, its markup sits in `#prerender` and its JSON in
/// `#hirlap-data`: the app renders the same markup from that JSON without a request, and the
/// prerendered copy is removed in the next animation frame, before the browser paints again,
/// so the reader sees one page, not two (docs/adr/0003).
pub fn start() {
    std::panic::set_hook(Box::new(|_| components::status::show_panic_page()));
    api::load_embedded();
    leptos::mount::mount_to_body(App);
    request_animation_frame(|| {
        if let Some(pre) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("prerender")) {
            pre.remove();
        }
    });
}
