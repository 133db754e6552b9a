//! The one door to content: every JSON the app reads comes through `fetch_json`. Only the content
//! client: what else the app reads from the browser is `browser`'s.
//!
//! The base URL comes from `<meta name="hirlap-content-base">`, so one build can read a static
//! tree on a CDN or `press serve`. Requests are aborted when the reactive owner that started them
//! is cleaned up (the reader navigated away), so a slow answer never lands on the wrong page.

use model::json::{FromJson, Value};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The content does not exist (HTTP 404): the route shows the 404 view.
    NotFound,
    /// The request failed or the server answered with an error: retryable.
    Network,
    /// The answer was not the JSON we expect: also retryable (a half-written CDN upload heals).
    Decode,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ApiError::NotFound => crate::strings::NOT_FOUND_TITLE,
            ApiError::Network => crate::strings::ERROR_NETWORK,
            ApiError::Decode => crate::strings::ERROR_DECODE,
        })
    }
}

/// The content base from the page's meta tag, with a trailing slash; `/content/` by default.
/// Read once: the tag does not change while the page lives.
pub fn content_base() -> String {
    thread_local! {
        static BASE: String = {
            let base = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector("meta[name=hirlap-content-base]").ok().flatten())
                .and_then(|m| m.get_attribute("content"))
                .unwrap_or_else(|| "/content/".to_owned());
            if base.ends_with('/') { base } else { base + "/" }
        };
    }
    BASE.with(String::clone)
}

thread_local! {
    /// The JSON documents a prerendered page was rendered from, keyed by content path, fetched
    /// before the takeover renders the same page from them (docs/adr/0003, 0017). Each is used
    /// once: later navigations fetch fresh JSON.
    static EMBEDDED: std::cell::RefCell<Vec<(String, Value)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Fetches the documents the prerendered page names in `<script type="application/json"
/// id="hirlap-data">` (a list of content paths), all at once, then calls `then` with whether
/// every one arrived and decoded. The page does not carry them: a reader who never gets the
/// app never downloads them, and site.json, which every page names, comes from the cache after
/// the first. Without the list (no prerendered page), `then(true)` at once.
pub fn load_page_documents(then: impl FnOnce(bool) + 'static) {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("hirlap-data")) else {
        return then(true);
    };
    let listed = el.text_content().and_then(|t| model::json::parse(&t));
    el.remove();
    let paths: Vec<String> = match listed {
        Some(Value::Arr(items)) => {
            items.into_iter().filter_map(|v| if let Value::Str(p) = v { Some(p) } else { None }).collect()
        }
        _ => return then(false),
    };
    if paths.is_empty() {
        return then(true);
    }
    let left = Rc::new(Cell::new(paths.len()));
    let all = Rc::new(Cell::new(true));
    let then = Rc::new(RefCell::new(Some(then)));
    for path in paths {
        let (left, all, then) = (left.clone(), all.clone(), then.clone());
        // Before the app is mounted, Leptos's executor is not set up yet.
        wasm_bindgen_futures::spawn_local(async move {
            // The one request future every fetch shares (one copy in the wasm).
            match fetch_value(path.clone(), None, false).await {
                Ok(doc) => EMBEDDED.with(|e| e.borrow_mut().push((path, doc))),
                Err(_) => all.set(false),
            }
            left.set(left.get() - 1);
            if left.get() == 0 {
                if let Some(f) = then.borrow_mut().take() {
                    f(all.get());
                }
            }
        });
    }
}

fn take_embedded(path: &str) -> Option<Value> {
    EMBEDDED.with(|e| {
        let mut docs = e.borrow_mut();
        let i = docs.iter().position(|(k, _)| k == path)?;
        Some(docs.swap_remove(i).1)
    })
}

/// Fetches `path` (relative to the content base) as a JSON [`Value`] (callers [`decode`] it),
/// or takes it from the embedded documents. Call it synchronously inside a
/// load's loader (`load::Load`): the request is aborted when that load's owner is cleaned up (the
/// reader navigated away), so a slow answer never lands on the wrong page.
pub fn fetch_json(path: String) -> impl std::future::Future<Output = Result<Value, ApiError>> {
    fetch_owned(path, true)
}

/// Like [`fetch_json`], for a document no prerendered page carries (the sidebar's latest list,
/// docs/adr/0014): it never takes the embedded copy that belongs to the page's own view (on
/// /friss the page's document is that same list).
pub fn fetch_json_not_embedded(path: String) -> impl std::future::Future<Output = Result<Value, ApiError>> {
    fetch_owned(path, false)
}

fn fetch_owned(path: String, embedded: bool) -> impl std::future::Future<Output = Result<Value, ApiError>> {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    if let Some(c) = controller {
        let c = send_wrapper::SendWrapper::new(c);
        leptos::prelude::on_cleanup(move || c.abort());
    }
    fetch_value(path, signal, embedded)
}

/// Like `fetch_json`, for requests started by an event (e.g. "Kérek még"): an event handler
/// runs under whatever owner happens to be current, so tying an abort to it would cancel the
/// request at the next unrelated re-render.
pub fn fetch_json_unowned(path: String) -> impl std::future::Future<Output = Result<Value, ApiError>> {
    fetch_value(path, None, true)
}

/// Reads a fetched document as `T`; a document of another shape is a decode error.
pub fn decode<T: FromJson>(v: Result<Value, ApiError>) -> Result<T, ApiError> {
    v.and_then(|v| T::from_json(&v).ok_or(ApiError::Decode))
}

/// Not generic on purpose: every request shares one future type, so the wasm carries one copy
/// of it and of the `load::Load` around it, and callers decode the [`Value`] (a copy per
/// document type cost wasm size for nothing).
async fn fetch_value(path: String, signal: Option<web_sys::AbortSignal>, embedded: bool) -> Result<Value, ApiError> {
    if let Some(v) = embedded.then(|| take_embedded(&path)).flatten() {
        return Ok(v);
    }
    let text = fetch_text(&path, signal).await?;
    model::json::parse(&text).ok_or(ApiError::Decode)
}

/// How long one request may take before it counts as failed: a flaky connection can hang
/// without ever answering or erring.
const TIMEOUT_MS: u32 = 8_000;
/// The wait before the one retry: long enough for a dropped connection to come back, short
/// enough that the reader hardly notices.
const RETRY_AFTER_MS: i32 = 700;

/// The text of content file `path`. A request that fails on the way (no connection, a timeout,
/// a 5xx) is sent once more after a short wait, since a GET changes nothing on the server and
/// a phone's connection often drops for a moment; a 404 or a bad document is not retried, and
/// neither is a request its owner aborted (the reader left the page).
pub async fn fetch_text(path: &str, signal: Option<web_sys::AbortSignal>) -> Result<String, ApiError> {
    let aborted = || signal.as_ref().is_some_and(|s| s.aborted());
    // A loop, not two calls: the wasm then carries one copy of the request's future.
    let mut retried = false;
    loop {
        let answer = fetch_text_once(path, signal.as_ref(), false).await;
        if retried || answer != Err(ApiError::Network) || aborted() {
            return answer;
        }
        crate::browser::sleep(RETRY_AFTER_MS).await;
        retried = true;
    }
}

/// The text of content file `path` as the server has it now, for a page that follows it
/// (`live`): the browser revalidates its cached copy (`If-None-Match`), so an unchanged file
/// costs a 304 of a few hundred bytes, and hands back the cached text. One attempt: the
/// follower has its own backoff.
pub async fn fetch_fresh_text(path: &str) -> Result<String, ApiError> {
    fetch_text_once(path, None, true).await
}

/// One request through gloo-net's `http` (the browser's `fetch`, aborted by `signal` or after
/// [`TIMEOUT_MS`]; without gloo-net's `json`: JSON is `model::json`'s to read). A 404 or a
/// static host's HTML fallback is `NotFound`. `fresh` asks the server whether the cached copy
/// is still current instead of trusting its age.
async fn fetch_text_once(path: &str, signal: Option<&web_sys::AbortSignal>, fresh: bool) -> Result<String, ApiError> {
    let url = content_base() + path;
    let signal = with_timeout(signal);
    let cache = if fresh { web_sys::RequestCache::NoCache } else { web_sys::RequestCache::Default };
    let resp = gloo_net::http::Request::get(&url)
        .cache(cache)
        .abort_signal(signal.as_ref())
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    match resp.status() {
        200..=299 => {}
        404 | 410 => return Err(ApiError::NotFound),
        _ => return Err(ApiError::Network),
    }
    // A static host without the file may answer its SPA fallback (index.html) with 200.
    let is_json = resp.headers().get("content-type").is_some_and(|t| t.contains("json"));
    let text = resp.text().await.map_err(|_| ApiError::Network)?;
    if !is_json && text.trim_start().starts_with('<') {
        return Err(ApiError::NotFound);
    }
    Ok(text)
}

/// `signal`, or a timeout, whichever aborts first (`AbortSignal.any`). A browser without
/// `AbortSignal.any` and `AbortSignal.timeout` gets `signal` alone: no timeout, as before.
fn with_timeout(signal: Option<&web_sys::AbortSignal>) -> Option<web_sys::AbortSignal> {
    let class = js_sys::Reflect::get(&js_sys::global(), &"AbortSignal".into()).ok()?;
    let has = |name: &str| js_sys::Reflect::has(&class, &name.into()).unwrap_or(false);
    if !has("any") || !has("timeout") {
        return signal.cloned();
    }
    let timeout = web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS);
    Some(match signal {
        Some(s) => web_sys::AbortSignal::any(&js_sys::Array::of2(s, &timeout)),
        None => timeout,
    })
}
