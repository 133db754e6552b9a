use crate::api;
use crate::components::{article_list::ArticleList, status};
use crate::routes::{list_url, page_param};
use crate::strings as s;
use crate::components::head::Canonical;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_params_map};
use model::{api_path, SectionPage};

#[component]
pub fn SectionView() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("section").unwrap_or_default();
    let page = page_param();
    let data = LocalResource::new(move || api::fetch_json::<SectionPage>(api_path::section(&slug(), page.get())));
    let retry = Callback::new(move |_| data.refetch());
    view! {
        <Transition fallback=|| view! { <status::Loading/> }>
            {move || Suspend::new(async move {
                status::show(data.await, retry, |p| {
                    let base = format!("/rovat/{}", p.section.slug);
                    let canonical = list_url(&base, p.list.page);
                    let slug = p.section.slug.clone();
                    view! {
                        <Title text=p.section.name.clone()/>
                        <Meta name="description" content=format!("{}: {} – {} {}", s::SECTION_LABEL, p.section.name, p.list.total, s::ARTICLES_COUNT)/>
                        <Canonical path=canonical/>
                        <header class="list-header">
                            {p.parent.map(|par| view! { <p class="eyebrow"><A href=format!("/rovat/{}", par.slug)>{par.name}</A></p> })}
                            <h1>{p.section.name}</h1>
                            {(!p.children.is_empty()).then(|| view! {
                                <nav class="subsections" aria-label=s::SUBSECTIONS>
                                    <ul>{p.children.into_iter().map(|c| view! { <li><A href=format!("/rovat/{}", c.slug)>{c.name}</A></li> }).collect_view()}</ul>
                                </nav>
                            })}
                        </header>
                        <ArticleList first=p.list
                            api_path=Callback::new(move |n| api_path::section(&slug, n))
                            page_url=Callback::new(move |n| list_url(&base, n))/>
                    }.into_any()
                })
            })}
        </Transition>
    }
}
