use crate::api;
use crate::components::{article_card::ArticleCard, status};
use crate::strings as s;
use crate::components::head::Canonical;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use model::{api_path, Home};

#[component]
pub fn HomeView() -> impl IntoView {
    let data = LocalResource::new(|| api::fetch_json::<Home>(api_path::HOME.to_owned()));
    let retry = Callback::new(move |_| data.refetch());
    view! {
        <Title text=""/>
        <Meta name="description" content=s::SITE_DESCRIPTION/>
        <Canonical path="/"/>
        <h1 class="visually-hidden">{s::HOME}</h1>
        <Transition fallback=|| view! { <status::Loading/> }>
            {move || Suspend::new(async move {
                status::show(data.await, retry, |home| {
                    let mut top = home.top.into_iter();
                    let lead = top.next();
                    view! {
                        <section class="top-stories" aria-labelledby="top-title">
                            <h2 id="top-title" class="visually-hidden">{s::TOP_STORIES}</h2>
                            {lead.map(|article| view! { <ArticleCard article lead=true/> })}
                            <div class="top-rest">
                                {top.map(|article| view! { <ArticleCard article/> }).collect_view()}
                            </div>
                        </section>
                        {home.sections.into_iter().map(|block| {
                            let id = format!("home-{}", block.section.slug);
                            let label_id = id.clone();
                            view! {
                                <section class="home-section" aria-labelledby=label_id>
                                    <h2 id=id class="section-heading">
                                        <A href=format!("/rovat/{}", block.section.slug)>{block.section.name}</A>
                                    </h2>
                                    <div class="article-list">
                                        {block.articles.into_iter().map(|article| view! { <ArticleCard article/> }).collect_view()}
                                    </div>
                                </section>
                            }
                        }).collect_view()}
                    }.into_any()
                })
            })}
        </Transition>
    }
}
