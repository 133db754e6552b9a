//! /kereses?q=…: search over titles, leads and tags (docs/CONTENT.md §2.1). The manifest says
//! which shard holds each word; only those shards are loaded, the postings are intersected by
//! `model::search::matches`, and only the doc-table chunks of the results shown are fetched.
//!
//! Kept flat for the wasm's sake: one `Load`, plain closures, one text fetch shared by the
//! three file types, model's small readers instead of serde, and "Kérek még" as a link
//! (`&oldal=N` shows N × 20 results) instead of client-side state.

use std::pin::Pin;
use std::task::Poll;

use crate::api::{self, ApiError};
use crate::components::{article_card::ArticleCard, head::Head, status::ErrorView};
use crate::erased::Erase;
use crate::{meta, strings as s};
use leptos::prelude::*;
use model::search::{self, SearchDoc, SearchIndex, Shard};
use model::{api_path, paths};

/// Results per "page"; `&oldal=N` shows the first N pages.
const SHOWN: usize = 20;

/// What a query found: the query, how many articles match, and the hits shown.
#[derive(Clone)]
pub struct Found {
    q: String,
    total: usize,
    docs: Vec<SearchDoc>,
}

/// Where a search stands: what the page shows.
#[derive(Clone)]
pub enum SearchState {
    /// No query yet (the page as press prerenders it).
    Empty,
    Loading,
    TooShort,
    Failed(ApiError),
    Found(Found),
}

#[component]
pub fn SearchRoute() -> impl IntoView {
    let search = crate::router::use_location().search;
    let value = move |name| search.with(|s| crate::router::query_value(s, name));
    let q = Memo::new(move |_| value(paths::QUERY_PARAM).unwrap_or_default().trim().to_owned());
    // Search results exist only in the app, so their "page" stays in the query (docs/adr/0011).
    let pages = Memo::new(move |_| {
        value(paths::PAGE_PARAM).and_then(|p| p.parse::<u32>().ok()).filter(|&n| n >= 1).unwrap_or(1)
    });
    let found = crate::load::Load::new(move || {
        let (q, shown) = (q.get(), pages.get() as usize * SHOWN);
        async move {
            let words = search::query_words(&q);
            if words.is_empty() {
                return Ok(None);
            }
            find(q, words, shown).await.map(Some)
        }
    });
    let retry = Callback::new(move |_| found.reload());
    let state = Signal::derive(move || {
        if q.with(String::is_empty) {
            return SearchState::Empty;
        }
        match found.get() {
            None => SearchState::Loading,
            Some(Ok(None)) => SearchState::TooShort,
            Some(Err(e)) => SearchState::Failed(e),
            Some(Ok(Some(f))) => SearchState::Found(f),
        }
    });
    view! { <Head meta=meta::search()/><SearchPage state retry/> }
}

#[component]
pub fn SearchPage(#[prop(into)] state: Signal<SearchState>, retry: Callback<()>) -> impl IntoView {
    let results = move || {
        // Two shapes, not an optional class: Leptos's server renderer writes `class=""` for a
        // `None` that the browser renderer leaves out, and the prerendered page must be the app's.
        let line = |text: &'static str, loading: bool| {
            if loading {
                view! { <p class="loading" role="status">{text}</p> }.erase()
            } else {
                view! { <p>{text}</p> }.erase()
            }
        };
        match state.get() {
            SearchState::Empty => line(s::SEARCH_EMPTY, false),
            SearchState::Loading => line(s::LOADING, true),
            SearchState::TooShort => line(s::SEARCH_TOO_SHORT, false),
            SearchState::Failed(error) => view! { <ErrorView error retry/> }.erase(),
            SearchState::Found(Found { q, total, docs }) => {
                let more = (docs.len() < total).then(|| {
                    let href = paths::search_pages(&q, (docs.len() / SHOWN + 1) as u32);
                    view! { <p class="load-more"><a class="button" href=href rel="next">{s::LOAD_MORE}</a></p> }
                });
                view! {
                    <p class="search-summary">{format!("{total} {} „{q}”", s::SEARCH_HITS)}</p>
                    {(total == 0).then(|| view! { <p>{s::SEARCH_NO_RESULTS}</p> })}
                    <div class="article-list">
                        {docs.into_iter().filter_map(SearchDoc::into_summary).map(|article| view! {
                            <ArticleCard article top_level=true/>
                        }).collect_view()}
                    </div>
                    {more}
                }
                .erase()
            }
        }
    };
    view! {
        // Results need the app: on this page it comes at once (boot.js, docs/adr/0016).
        <section class="search-page" data-app-now="">
            <h1>{s::SEARCH_TITLE}</h1>
            {results}
        </section>
    }
}

/// A file read by one of `model::search`'s small readers, or the decode error.
fn read<T>(text: &str, parse: fn(&str) -> Option<T>) -> Result<T, ApiError> {
    parse(text).ok_or(ApiError::Decode)
}

/// Manifest, then the shards of the query's words, then the doc chunks of the first `shown`
/// results.
async fn find(q: String, words: Vec<String>, shown: usize) -> Result<Found, ApiError> {
    let index: SearchIndex = read(&text(api_path::SEARCH_INDEX.to_owned()).await?, search::parse_index)?;
    let shards = texts(index.shard_paths(&words)).await?;
    let shards = shards.iter().map(|t| read(t, search::parse_shard)).collect::<Result<Vec<Shard>, _>>()?;
    let all = search::matches(&shards, &words, index.prefix_last(&words));
    let ids = &all[..all.len().min(shown)];
    let chunk = index.chunk.max(1);
    let mut chunks: Vec<u32> = ids.iter().map(|id| id / chunk).collect();
    chunks.dedup();
    let tables = texts(chunks.iter().map(|c| api_path::search_docs(*c)).collect()).await?;
    let tables = tables.iter().map(|t| read(t, search::parse_docs)).collect::<Result<Vec<_>, _>>()?;
    let docs = ids
        .iter()
        .filter_map(|id| tables[chunks.iter().position(|c| *c == id / chunk)?].get((id % chunk) as usize).cloned())
        .collect();
    Ok(Found { q, total: all.len(), docs })
}

/// One search file's text. (Search files are never embedded in the page, and a stale answer
/// is harmless: a `Load` only keeps the latest query's.)
async fn text(path: String) -> Result<String, ApiError> {
    api::fetch_text(&path, None).await
}

/// Several files at once: the requests run side by side; the first error wins.
async fn texts(paths: Vec<String>) -> Result<Vec<String>, ApiError> {
    type Request = Pin<Box<dyn std::future::Future<Output = Result<String, ApiError>>>>;
    let mut pending: Vec<Option<Request>> = paths.into_iter().map(|p| Some(Box::pin(text(p)) as Request)).collect();
    let mut done: Vec<Option<String>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(move |cx| {
        let mut waiting = false;
        for (slot, out) in pending.iter_mut().zip(done.iter_mut()) {
            if let Some(f) = slot {
                match f.as_mut().poll(cx) {
                    Poll::Ready(Ok(v)) => {
                        *out = Some(v);
                        *slot = None;
                    }
                    Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                    Poll::Pending => waiting = true,
                }
            }
        }
        if waiting {
            Poll::Pending
        } else {
            Poll::Ready(Ok(done.iter_mut().filter_map(Option::take).collect()))
        }
    })
    .await
}
