//! /kereses?q=…: search over titles, leads and tags (docs/CONTENT.md §2.1). The manifest says
//! which shard holds each word; only those shards are loaded, the postings are intersected by
//! `model::search::matches`, and only the doc-table chunks of the results shown are fetched.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use crate::api::{self, ApiError};
use crate::components::status::ErrorView;
use crate::strings as s;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};
use model::api_path;
use model::search::{self, SearchDoc, SearchIndex, Shard};

/// Results shown at once; "Kérek még" shows as many more.
const SHOWN: usize = 20;

#[component]
pub fn SearchView() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    view! {
        <Title text=s::SEARCH_TITLE/>
        <section class="search-page">
            <h1>{s::SEARCH_TITLE}</h1>
            {move || {
                let q = q.get();
                let words = search::query_words(&q);
                if q.trim().is_empty() {
                    view! { <p>{s::SEARCH_EMPTY}</p> }.into_any()
                } else if words.is_empty() {
                    view! { <p>{s::SEARCH_TOO_SHORT}</p> }.into_any()
                } else {
                    view! { <Results q=q.trim().to_owned() words/> }.into_any()
                }
            }}
        </section>
    }
}

/// What a query found: every matching id (newest first) and the cards of the first ones.
#[derive(Clone)]
struct Found {
    ids: Vec<u32>,
    chunk: u32,
    first: Vec<SearchDoc>,
}

#[component]
fn Results(q: String, words: Vec<String>) -> impl IntoView {
    // Requests belong to this view: leaving it (or a new query) aborts them.
    let owner = StoredValue::new(Owner::current());
    let found = LocalResource::new(move || find(words.clone(), owner.get_value()));
    let retry = Callback::new(move |_| found.refetch());
    view! {
        <Transition fallback=|| view! { <crate::components::status::Loading/> }>
            {move || {
                let q = q.clone();
                Suspend::new(async move {
                    match found.await {
                        Ok(f) => view! { <ResultList q found=f owner/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e retry/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn ResultList(q: String, found: Found, owner: StoredValue<Option<Owner>>) -> impl IntoView {
    let Found { ids, chunk, first } = found;
    let total = ids.len();
    let docs = RwSignal::new(first);
    let (busy, set_busy) = signal(false);
    let (failed, set_failed) = signal(false);
    let ids = StoredValue::new(ids);
    let more = move |_| {
        if busy.get_untracked() {
            return;
        }
        set_busy.set(true);
        set_failed.set(false);
        let shown = docs.with_untracked(Vec::len);
        let next: Vec<u32> = ids.with_value(|ids| ids[shown..(shown + SHOWN).min(ids.len())].to_vec());
        let fut = docs_for(next, chunk, owner.get_value());
        leptos::task::spawn_local(async move {
            match fut.await {
                Ok(more) => docs.update(|d| d.extend(more)),
                Err(_) => set_failed.set(true),
            }
            set_busy.set(false);
        });
    };
    view! {
        <p class="search-summary">{format!("{total} {} „{q}”", s::SEARCH_HITS)}</p>
        {(total == 0).then(|| view! { <p>{s::SEARCH_NO_RESULTS}</p> })}
        <div class="article-list">
            <For each=move || docs.get() key=|d| d.path.clone() let:doc>
                <ResultCard doc/>
            </For>
        </div>
        <Show when=move || failed.get()>
            <p class="error-inline" role="alert">{s::ERROR_NETWORK}</p>
        </Show>
        <Show when=move || { docs.with(Vec::len) < total }>
            <p class="load-more">
                <button type="button" class="button" aria-busy=move || busy.get().then_some("true") on:click=more>
                    {move || if failed.get() { s::RETRY } else { s::LOAD_MORE }}
                </button>
            </p>
        </Show>
    }
}

/// A card with the classes of `ArticleCard`, from a doc-table entry: section and date come from
/// the path `/<section>/<yyyy>/<mm>/<dd>/<slug>`.
#[component]
fn ResultCard(doc: SearchDoc) -> impl IntoView {
    let SearchDoc { title, path, section, lead } = doc;
    let parts: Vec<String> = path.split('/').map(str::to_owned).collect();
    let part = |i: usize| parts.get(i).cloned().unwrap_or_default();
    let (slug, y, m, d) = (part(1), part(2), part(3), part(4));
    view! {
        <article class="card">
            <div class="card-body">
                <p class="card-meta">
                    <A href=format!("/rovat/{slug}") attr:class="section-label">{section}</A>
                    " "
                    <time datetime=format!("{y}-{m}-{d}")>{format!("{y}.{m}.{d}.")}</time>
                </p>
                <h2 class="card-title"><A href=path.clone()>{title}</A></h2>
                <p class="card-lead-text">{lead}</p>
            </div>
        </article>
    }
}

/// Runs `f` inside `owner`, so the request it starts is aborted when that owner goes away.
fn in_owner<T>(owner: &Option<Owner>, f: impl FnOnce() -> T) -> T {
    match owner {
        Some(o) => o.with(f),
        None => f(),
    }
}

/// Manifest, then the shards of the query's words, then the doc chunks of the first results.
async fn find(words: Vec<String>, owner: Option<Owner>) -> Result<Found, ApiError> {
    let index: SearchIndex = in_owner(&owner, || api::fetch_json(api_path::SEARCH_INDEX.to_owned())).await?;
    let paths = index.shard_paths(&words);
    let shards = join_all(in_owner(&owner, || paths.into_iter().map(api::fetch_json::<Shard>).collect())).await;
    let shards = shards.into_iter().collect::<Result<Vec<Shard>, _>>()?;
    let ids = search::matches(&shards, &words, index.prefix_last(&words));
    let first = docs_for(ids[..ids.len().min(SHOWN)].to_vec(), index.chunk, owner).await?;
    Ok(Found { ids, chunk: index.chunk, first })
}

/// The doc-table entries of `ids`, each chunk fetched once, all at the same time.
async fn docs_for(ids: Vec<u32>, chunk: u32, owner: Option<Owner>) -> Result<Vec<SearchDoc>, ApiError> {
    let chunk = chunk.max(1);
    let mut chunks: Vec<u32> = ids.iter().map(|id| id / chunk).collect();
    chunks.dedup();
    let fetched = join_all(in_owner(&owner, || {
        chunks.iter().map(|c| api::fetch_json::<Vec<SearchDoc>>(api_path::search_docs(*c))).collect()
    }))
    .await;
    let mut tables = Vec::with_capacity(fetched.len());
    for (c, docs) in chunks.into_iter().zip(fetched) {
        tables.push((c, docs?));
    }
    Ok(ids
        .iter()
        .filter_map(|id| {
            let (_, docs) = tables.iter().find(|(c, _)| *c == id / chunk)?;
            docs.get((id % chunk) as usize).cloned()
        })
        .collect())
}

/// Awaits every future at once (the requests run side by side) and returns their outputs in order.
async fn join_all<F: Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut pending: Vec<Option<Pin<Box<F>>>> = futures.into_iter().map(|f| Some(Box::pin(f))).collect();
    let mut done: Vec<Option<F::Output>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(move |cx| {
        let mut waiting = false;
        for (slot, out) in pending.iter_mut().zip(done.iter_mut()) {
            if let Some(f) = slot {
                match f.as_mut().poll(cx) {
                    Poll::Ready(v) => {
                        *out = Some(v);
                        *slot = None;
                    }
                    Poll::Pending => waiting = true,
                }
            }
        }
        if waiting {
            Poll::Pending
        } else {
            Poll::Ready(done.iter_mut().map(|o| o.take().expect("every future finished")).collect())
        }
    })
    .await
}
