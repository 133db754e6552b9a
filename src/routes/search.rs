//! /kereses?q=…: the search index arrives with press (issue 4); until then the page says so.
use crate::strings as s;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SearchView() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    view! {
        <Title text=s::SEARCH_TITLE/>
        <section class="search-page">
            <h1>{s::SEARCH_TITLE}</h1>
            {move || {
                let q = q();
                if q.trim().is_empty() {
                    view! { <p>{s::SEARCH_EMPTY}</p> }.into_any()
                } else {
                    view! { <p>{s::SEARCH_RESULTS_FOR}" „"{q}"”"</p><p>{s::SEARCH_NO_RESULTS}</p> }.into_any()
                }
            }}
        </section>
    }
}
