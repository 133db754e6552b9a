//! The sidebar: the election countdown and recommended articles with "Kérek még".

use crate::api;
use crate::components::article_list::ArticleList;
use crate::components::countdown::CountdownBox;
use crate::components::article_card::ArticleCard;
use crate::strings as s;
use leptos::prelude::*;
use model::{api_path, ArticleSummary, ListPage};

/// Set by the article view to its related articles; `None` elsewhere (then: the latest).
#[derive(Clone, Copy)]
pub struct Recommended(pub RwSignal<Option<Vec<ArticleSummary>>>);

pub fn provide_recommended() {
    provide_context(Recommended(RwSignal::new(None)));
}

/// How many related articles to show before "Kérek még".
const RELATED_CHUNK: usize = 5;

#[component]
pub fn Sidebar() -> impl IntoView {
    let site = crate::use_site();
    let recommended = expect_context::<Recommended>().0;
    let latest = LocalResource::new(|| api::fetch_json::<ListPage>(api_path::latest(1)));

    view! {
        <aside class="sidebar" aria-label=s::RECOMMENDED>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    site.await.ok().and_then(|s| s.countdown).map(|c| view! { <CountdownBox countdown=c/> })
                })}
            </Transition>
            <section class="recommended" aria-labelledby="recommended-title">
                <h2 id="recommended-title">{move || if recommended.with(Option::is_some) { s::RELATED } else { s::RECOMMENDED }}</h2>
                {move || match recommended.get() {
                    Some(related) => view! { <RelatedList related/> }.into_any(),
                    None => view! {
                        <Transition fallback=|| view! { <crate::components::status::Loading/> }>
                            {move || Suspend::new(async move {
                                latest.await.ok().map(|first| view! {
                                    <ArticleList first compact=true
                                        api_path=Callback::new(api_path::latest)
                                        page_url=Callback::new(|n| format!("/?friss={n}"))/>
                                })
                            })}
                        </Transition>
                    }.into_any(),
                }}
            </section>
        </aside>
    }
}

/// Related articles come whole with the article: "Kérek még" reveals the next chunk.
#[component]
fn RelatedList(related: Vec<ArticleSummary>) -> impl IntoView {
    let total = related.len();
    let shown = RwSignal::new(RELATED_CHUNK.min(total));
    let related = StoredValue::new(related);
    view! {
        <div class="article-list compact">
            {move || related.with_value(|r| r[..shown.get()].to_vec()).into_iter().map(|article| view! {
                <ArticleCard article compact=true/>
            }).collect_view()}
        </div>
        <Show when=move || { shown.get() < total }>
            <p class="load-more">
                <button type="button" class="button" on:click=move |_| shown.update(|n| *n = (*n + RELATED_CHUNK).min(total))>
                    {s::LOAD_MORE}
                </button>
            </p>
        </Show>
    }
}
