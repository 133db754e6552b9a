use crate::api;
use crate::components::{article_list::ArticleList, status};
use crate::routes::{list_url, page_param};
use crate::components::head::Canonical;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use model::{api_path, url, AuthorPage};

#[component]
pub fn AuthorView() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("author").unwrap_or_default();
    let page = page_param();
    let data = LocalResource::new(move || api::fetch_json::<AuthorPage>(api_path::author(&slug(), page.get())));
    let retry = Callback::new(move |_| data.refetch());
    view! {
        <Transition fallback=|| view! { <status::Loading/> }>
            {move || Suspend::new(async move {
                status::show(data.await, retry, |p| {
                    let base = format!("/szerzo/{}", p.author.slug);
                    let slug = p.author.slug.clone();
                    let avatar = url::safe_image(&p.author.avatar).map(|a| view! {
                        <img class="avatar avatar-large" src=a.to_owned() alt="" width="96" height="96"/>
                    });
                    view! {
                        <Title text=p.author.name.clone()/>
                        <Meta name="description" content=p.author.bio.clone()/>
                        <Canonical path=list_url(&base, p.list.page)/>
                        <header class="list-header author-header">
                            {avatar}
                            <div>
                                <h1>{p.author.name}</h1>
                                <p class="bio">{p.author.bio}</p>
                            </div>
                        </header>
                        <ArticleList first=p.list
                            api_path=Callback::new(move |n| api_path::author(&slug, n))
                            page_url=Callback::new(move |n| list_url(&base, n))/>
                    }.into_any()
                })
            })}
        </Transition>
    }
}
