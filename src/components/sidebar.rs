//! The sidebar: the election countdown and recommended articles with "Kérek még".

use crate::components::article_card::ArticleCard;
use crate::components::article_list::ArticleList;
use crate::components::countdown::CountdownBox;
use crate::components::status::Loading;
use crate::strings as s;
use leptos::prelude::*;
use model::{api_path, ArticleSummary, Countdown, ListPage};

/// How many related articles to show before "Kérek még".
const RELATED_CHUNK: usize = 5;

#[component]
pub fn Sidebar(
    countdown: Option<Countdown>,
    /// The open article's related articles; `None` elsewhere.
    related: Signal<Option<Vec<ArticleSummary>>>,
    /// The latest articles (`None` while they load).
    latest: Signal<Option<ListPage>>,
) -> impl IntoView {
    view! {
        <aside class="sidebar" aria-label=s::RECOMMENDED>
            {countdown.map(|c| view! { <CountdownBox countdown=c/> })}
            <section class="recommended" aria-labelledby="recommended-title">
                <h2 id="recommended-title">{move || if related.with(Option::is_some) { s::RELATED } else { s::RECOMMENDED }}</h2>
                {move || match related.get() {
                    Some(related) => view! { <RelatedList related/> }.into_any(),
                    None => match latest.get() {
                        Some(first) => view! {
                            <ArticleList first compact=true
                                api_path=Callback::new(api_path::latest)
                                page_url=Callback::new(|n| format!("/?friss={n}"))/>
                        }.into_any(),
                        None => view! { <Loading/> }.into_any(),
                    },
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
