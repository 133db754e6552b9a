//! Following a content document while its page is open (docs/adr/0019): a live blog every
//! 30 s, the front page of a list every 60 s.
//!
//! Each round is one conditional request (`api::fetch_fresh_text`): a file that has not changed
//! costs a 304 and is not decoded again. A hidden tab asks at most once per five minutes; a
//! failed request doubles the wait, up to five minutes; the follower stops when its page goes
//! (the reactive owner is cleaned up) or when the page says there is nothing more to follow.
//! Natively (press) nothing is followed: the prerendered page is the document as of the build.

use model::json::Value;

/// How often an open live blog asks for its entries.
pub const LIVE_EVERY_MS: i32 = 30_000;
/// How often an open list's front page asks for new articles.
pub const LIST_EVERY_MS: i32 = 60_000;
/// A hidden tab asks at most this often: a reader who comes back finds the page at most this
/// old, and a forgotten tab costs the CDN almost nothing.
pub const HIDDEN_EVERY_MS: i64 = 300_000;
/// The longest wait after failures (the network is down, the CDN errs).
const MAX_BACKOFF_MS: i32 = 300_000;

/// Re-reads content file `path` every `every_ms` milliseconds while the current reactive owner
/// lives, and hands each version whose text differs from the one before to `changed`, which
/// says whether to go on following. The first version read is handed on too: the page compares
/// it with what it shows.
///
/// `changed` is boxed so that every follower shares one copy of the rounds' code in the wasm.
#[cfg_attr(not(feature = "csr"), allow(unused_variables))]
pub fn follow(path: String, every_ms: i32, changed: Box<dyn FnMut(Value) -> bool>) {
    #[cfg(feature = "csr")]
    {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::Arc;
        let alive = Arc::new(AtomicBool::new(true));
        let on_exit = Arc::clone(&alive);
        leptos::prelude::on_cleanup(move || on_exit.store(false, Ordering::Relaxed));
        leptos::task::spawn_local(rounds(path, every_ms, changed, move || alive.load(Ordering::Relaxed)));
    }
}

#[cfg(feature = "csr")]
async fn rounds(path: String, every_ms: i32, mut changed: Box<dyn FnMut(Value) -> bool>, alive: impl Fn() -> bool) {
    use crate::browser;
    let mut last: Option<String> = None;
    let mut failures = 0u32;
    let mut asked_at = browser::now_ms();
    loop {
        browser::sleep(wait_ms(every_ms, failures)).await;
        if !alive() {
            return;
        }
        if browser::page_hidden() && browser::now_ms() - asked_at < HIDDEN_EVERY_MS {
            continue;
        }
        asked_at = browser::now_ms();
        let text = match crate::api::fetch_fresh_text(&path).await {
            Ok(text) => text,
            // Gone: the article was unpublished, nothing to follow.
            Err(crate::api::ApiError::NotFound) => return,
            Err(_) => {
                failures += 1;
                continue;
            }
        };
        failures = 0;
        if last.as_deref() == Some(text.as_str()) {
            continue;
        }
        let Some(doc) = model::json::parse(&text) else {
            // A half-uploaded file heals by the next round.
            failures += 1;
            continue;
        };
        if !alive() || !changed(doc) {
            return;
        }
        last = Some(text);
    }
}

/// The wait before the next round: the interval, doubled per failure in a row, at most
/// [`MAX_BACKOFF_MS`].
pub fn wait_ms(every_ms: i32, failures: u32) -> i32 {
    every_ms.saturating_mul(1 << failures.min(8)).min(MAX_BACKOFF_MS.max(every_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_double_the_wait_up_to_five_minutes() {
        let waits: Vec<i32> = (0..6).map(|f| wait_ms(LIVE_EVERY_MS, f)).collect();
        assert_eq!(waits, [30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
        assert_eq!(wait_ms(LIST_EVERY_MS, 0), 60_000);
        assert_eq!(wait_ms(LIST_EVERY_MS, 40), 300_000);
    }
}
