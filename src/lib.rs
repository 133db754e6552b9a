//! hirlap's UI: the App and its routes (`routes/`, one file per view), the pieces of the page
//! (`components/`, one file each) and every UI string (`strings`).
//!
//! Layers, each file importing only from its own layer's files or those below (docs/DESIGN.md):
//! `strings`, `share_urls`, `icon_paths` and `model::paths` at the bottom; then the app's
//! services, `browser`, `api`, `follow`, `router`, `load`, `erased`, `meta` and `context`; then
//! `components`; then `routes`; then [`App`], here.
//!
//! One library, two targets (docs/adr/0006): in the browser (`csr`) the Trunk binary mounts
//! [`App`], whose routes load their JSON and hand it to pure page components; press renders the
//! very same page components natively (`ssr`) into the prerendered HTML of every route.

#![recursion_limit = "256"]

#[cfg(all(feature = "csr", feature = "ssr"))]
compile_error!("features `csr` and `ssr` are two targets of the UI: enable one, never both");

pub mod api;
pub mod browser;
pub mod components;
pub mod context;
pub mod erased;
pub mod follow;
pub mod icon_paths;
pub mod load;
pub mod meta;
pub mod router;
pub mod routes;
pub mod share_urls;
pub mod strings;

use crate::context::Recommended;
use crate::erased::Erase;
use components::{layout::Layout, status, status::ErrorView};
use leptos::prelude::*;
use model::paths::Route;
use model::{ListPage, Site};

#[component]
pub fn App() -> impl IntoView {
    #[cfg(feature = "csr")]
    let location = router::navigation::provide_window_location();
    #[cfg(not(feature = "csr"))]
    let location = router::provide_location("/");
    let site = load::Load::new(|| api::fetch_json(model::api_path::SITE.to_owned()));
    let latest = load::Load::new(|| api::fetch_json_not_embedded(model::api_path::latest(0)));
    let related = RwSignal::new(None);
    provide_context(Recommended(related));

    // The one route door: the location says which view (`Route`), one `load::Load` loads its
    // document. It keeps its value while the next one loads, so the current page stays
    // on screen (with the routing bar) until the next page's document is there.
    let route = Memo::new(move |_| Route::parse(&location.pathname.get()));
    let page = load::Load::new(move || {
        let route = route.get();
        let fetch = routes::content_path(&route).map(api::fetch_json);
        async move {
            let doc = match fetch {
                Some(f) => Some(f.await),
                None => None,
            };
            (route, doc)
        }
    });
    let is_routing = Signal::derive(move || page.with(|p| p.as_ref().is_some_and(|(shown, _)| *shown != route.get())));
    let retry = Callback::new(move |_| page.reload());
    let content = move || match page.get() {
        None => view! { <status::Loading/> }.erase(),
        Some((route, doc)) => untrack(move || {
            let view = routes::render(route, doc, retry);
            #[cfg(feature = "csr")]
            {
                router::navigation::scroll_when_shown();
                components::later::page_shown();
            }
            view
        }),
    };

    // Untracked inside, so only the site's arrival (or a retry) rebuilds the layout.
    view! {
        {move || match site.get() {
            None => ().erase(),
            Some(result) => untrack(move || match api::decode::<Site>(result) {
                Ok(s) => view! {
                    <Layout site=s is_routing related
                        latest=Signal::derive(move || latest.get().and_then(|v| api::decode::<ListPage>(v).ok()))
                        page=Box::new(move || content.erase())/>
                }.erase(),
                Err(e) => {
                    // No layout to reveal the app when it is whole: show it now.
                    #[cfg(feature = "csr")]
                    components::later::reveal();
                    view! {
                        <main id="main" class="page" tabindex="-1">
                            <ErrorView error=e retry=Callback::new(move |_| site.reload())/>
                        </main>
                    }.erase()
                }
            }),
        }}
    }
}

/// Mounts the app. A panic shows a Hungarian error page instead of a dead one.
///
/// When press prerendered the page, its markup sits in `#prerender` and `#hirlap-data` names the
/// documents it was rendered from: the app fetches them, then renders the same markup from them
/// into a hidden `#app` beside it, in several tasks, and [`components::later::reveal`] swaps the two
/// once the whole page is built: the reader sees one page, never two nor half of one
/// (docs/adr/0003, 0010).
#[cfg(feature = "csr")]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        // The message goes to the console, where a bug report (or a failing e2e test) finds it.
        web_sys::console::error_1(&info.to_string().into());
        components::status::show_panic_page();
    }));
    // Instantiating the wasm was one task; the page's documents arrive in others, and building
    // the page starts in a task of its own (docs/adr/0010). A document that does not arrive
    // leaves the prerendered page as the page: it works without the app, and the next page
    // brings the app again (docs/adr/0017).
    api::load_page_documents(|all| {
        if all {
            set_timeout(take_over, std::time::Duration::ZERO);
        } else {
            web_sys::console::warn_1(
                &"hirlap: a document of this page did not arrive; the page stays without the app".into(),
            );
        }
    });
}

#[cfg(feature = "csr")]
fn take_over() {
    use wasm_bindgen::JsCast;
    let doc = document();
    let Some(root) = doc.create_element("div").ok().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return;
    };
    root.set_id("app");
    if doc.get_element_by_id("prerender").is_some() {
        root.set_hidden(true);
        components::later::begin();
    }
    let _ = doc.body().map(|b| b.append_child(&root));
    leptos::mount::mount_to(root, App).forget();
}
