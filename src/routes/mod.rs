//! One file per view. Each holds the route (reads its URL, loads its JSON through [`load`]) and
//! the page component that renders that JSON, which press also renders natively.

pub mod article;
pub mod author;
pub mod home;
pub mod latest;
pub mod not_found;
pub mod page;
pub mod search;
pub mod section;
pub mod tag;

use crate::api;
use crate::components::{later::later, status};
use leptos::prelude::*;
use model::json::{FromJson, Value};
use std::sync::Arc;

/// The one route loader: fetches the content path `path` (again whenever it changes) and hands
/// the document to `page`; a missing document shows the 404 view, any other failure a
/// Hungarian error with a retry button.
///
/// Generic only on its surface: the resource, the transition and the suspense are built once
/// for every route ([`load_value`] reads a [`Value`] tree, `page` decodes it), which saved the
/// wasm one copy of that machinery per view (issue 7).
pub fn load<T>(path: impl Fn() -> String + 'static, page: fn(T) -> AnyView) -> impl IntoView
where
    T: FromJson + 'static,
{
    load_value(Box::new(path), Arc::new(move |v: &Value| T::from_json(v).map(page)))
}

type Page = Arc<dyn Fn(&Value) -> Option<AnyView> + Send + Sync>;

fn load_value(path: Box<dyn Fn() -> String>, page: Page) -> AnyView {
    let data = LocalResource::new(move || api::fetch_json(path()));
    let retry = Callback::new(move |_| data.refetch());
    view! {
        <Transition fallback=|| view! { <status::Loading/> }>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    let value = data.await;
                    // While the app takes over, the page is decoded and built in a task of its
                    // own (components/later.rs); afterwards at once.
                    later(Box::new(move || {
                        let decoded = value.and_then(|v| page(&v).ok_or(api::ApiError::Decode));
                        status::show(decoded, retry, |v| v)
                    }))
                })
            }}
        </Transition>
    }
    .into_any()
}

/// A list's page number, from the `…/oldal/:n` route (docs/adr/0011); 1 on the list's own path.
/// Not a number (or 0) leaves no page: its content path does not exist, so the reader gets the
/// 404 view, as a static host gives for such a path.
pub fn page_param() -> Memo<u32> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.read().get("n").map_or(1, |p| p.parse::<u32>().unwrap_or(0)))
}

/// A route parameter, empty when absent.
pub fn param(name: &'static str) -> impl Fn() -> String + Copy {
    let params = leptos_router::hooks::use_params_map();
    move || params.read().get(name).unwrap_or_default()
}

/// A list's URL for page `n`: the list's own path for page 1, `<base>/oldal/<n>` after it, a
/// path so that a static host serves each page's own prerendered HTML (docs/adr/0011).
pub fn list_url(base: &str, n: u32) -> String {
    if n <= 1 { base.to_owned() } else { format!("{base}/oldal/{n}") }
}
