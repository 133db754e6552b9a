use crate::api;
use crate::components::{blocks::BodyBlocks, status};
use crate::components::head::Canonical;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use model::{api_path, StaticPage};

#[component]
pub fn StaticPageView() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("page").unwrap_or_default();
    let data = LocalResource::new(move || api::fetch_json::<StaticPage>(api_path::page(&slug())));
    let retry = Callback::new(move |_| data.refetch());
    view! {
        <Transition fallback=|| view! { <status::Loading/> }>
            {move || Suspend::new(async move {
                status::show(data.await, retry, |p| view! {
                    <Title text=p.title.clone()/>
                    <Canonical path=format!("/oldal/{}", p.slug)/>
                    <article class="static-page">
                        <h1>{p.title}</h1>
                        <div class="article-body"><BodyBlocks blocks=p.body/></div>
                    </article>
                }.into_any())
            })}
        </Transition>
    }
}
