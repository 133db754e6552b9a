//! The sidebar: the election countdown and recommended articles with "Kérek még".

use crate::components::article_card::ArticleCard;
use crate::components::article_list::ArticleList;
use crate::components::countdown::CountdownBox;
use crate::erased::{Erase, Erased};
use crate::strings as s;
use leptos::prelude::*;
use model::{api_path, paths, ArticleSummary, Countdown, ListPage};

/// How many related articles to show before "Kérek még".
const RELATED_CHUNK: usize = 5;

#[component]
pub fn Sidebar(
    countdown: Option<Countdown>,
    /// The open article's related articles; `None` elsewhere.
    related: Signal<Option<Vec<ArticleSummary>>>,
    /// The latest articles (`None` while they load, and always on a prerendered page).
    latest: Signal<Option<ListPage>>,
) -> impl IntoView {
    view! {
        <aside class="sidebar" aria-label=s::RECOMMENDED>
            {countdown.map(|c| view! { <CountdownBox countdown=c/> })}
            <section class="recommended" aria-labelledby="recommended-title">
                <h2 id="recommended-title">{move || if related.with(Option::is_some) { s::RELATED } else { s::RECOMMENDED }}</h2>
                {move || match related.get() {
                    Some(related) => view! { <RelatedList related/> }.erase(),
                    None => match latest.get() {
                        Some(first) => view! {
                            <ArticleList first compact=true
                                api_path=Callback::new(api_path::latest)
                                page_url=Callback::new(|n| paths::list(paths::LATEST, n))/>
                        }.erase(),
                        // Until they are there, and on every prerendered page (which must not
                        // change with each new article), a link to them that works without
                        // JavaScript.
                        None => view! {
                            <p class="load-more"><a class="button" href=paths::LATEST>{s::LATEST_LINK}</a></p>
                        }.erase(),
                    },
                }}
            </section>
        </aside>
    }
}

/// Related articles come whole with the article. Each "Kérek még" opens the next five: a
/// `<details>` nested in the one before, so it works without JavaScript, the prerendered and
/// the app's markup are the same, and the wasm keeps no state for it (a smaller wasm).
#[component]
fn RelatedList(related: Vec<ArticleSummary>) -> impl IntoView {
    let mut chunks: Vec<Vec<ArticleSummary>> = related.chunks(RELATED_CHUNK).map(<[_]>::to_vec).collect();
    let mut rest: Option<Erased> = None;
    while let Some(chunk) = chunks.pop() {
        let more = rest.take().map(|inner| {
            view! {
                <details class="more-related">
                    <summary class="button">{s::LOAD_MORE}</summary>
                    {inner}
                </details>
            }
        });
        let cards = chunk.into_iter().map(|article| view! { <ArticleCard article compact=true/> }).collect_view();
        rest = Some(view! { {cards}{more} }.erase());
    }
    view! { <div class="article-list compact">{rest}</div> }
}
