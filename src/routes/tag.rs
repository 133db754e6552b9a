use crate::api;
use crate::components::{article_list::ArticleList, status};
use crate::routes::{list_url, page_param};
use crate::strings as s;
use crate::components::head::Canonical;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use model::{api_path, TagPage};

#[component]
pub fn TagView() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("tag").unwrap_or_default();
    let page = page_param();
    let data = LocalResource::new(move || api::fetch_json::<TagPage>(api_path::tag(&slug(), page.get())));
    let retry = Callback::new(move |_| data.refetch());
    view! {
        <Transition fallback=|| view! { <status::Loading/> }>
            {move || Suspend::new(async move {
                status::show(data.await, retry, |p| {
                    let base = format!("/cimke/{}", p.tag.slug);
                    let slug = p.tag.slug.clone();
                    view! {
                        <Title text=p.tag.name.clone()/>
                        <Meta name="description" content=format!("{}: {} – {} {}", s::TAG_LABEL, p.tag.name, p.list.total, s::ARTICLES_COUNT)/>
                        <Canonical path=list_url(&base, p.list.page)/>
                        <header class="list-header">
                            <p class="eyebrow">{s::TAG_LABEL}</p>
                            <h1 class="tag-title">{p.tag.name}</h1>
                        </header>
                        <ArticleList first=p.list
                            api_path=Callback::new(move |n| api_path::tag(&slug, n))
                            page_url=Callback::new(move |n| list_url(&base, n))/>
                    }.into_any()
                })
            })}
        </Transition>
    }
}
