//! The HTTP client against a loopback server: what it waits for before a retry.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use cms::http::{Fetcher, RetryPolicy};
use common::server::{Loopback, Reply};

fn policy(max_wait: Duration) -> RetryPolicy {
    RetryPolicy { retries: 3, backoff: Duration::from_millis(10), max_wait, timeout: Duration::from_secs(5) }
}

/// A `Retry-After` value, rendered when the server answers.
#[derive(Clone, Copy)]
enum After {
    Seconds(u64),
    /// An HTTP date this many seconds from the moment of answering (negative: in the past).
    DateIn(i64),
}

/// A server whose answers are `script` in turn, then 200.
fn scripted(script: Vec<(u16, After)>) -> Loopback {
    let next = AtomicUsize::new(0);
    Loopback::start(move |_, _| match script.get(next.fetch_add(1, Ordering::SeqCst)) {
        Some(&(status, after)) => {
            let value = match after {
                After::Seconds(s) => s.to_string(),
                After::DateIn(s) if s >= 0 => {
                    httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(s as u64))
                }
                After::DateIn(s) => httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(-s as u64)),
            };
            Reply::new(status, "later").header("Retry-After", value)
        }
        None => Reply::new(200, "ok"),
    })
}

#[test]
fn retry_after_is_honoured_as_seconds_and_as_an_http_date() {
    let server = scripted(vec![
        (429, After::DateIn(2)),
        (503, After::Seconds(1)),
        // A date already past (the server's clock is behind): the backoff applies.
        (429, After::DateIn(-3600)),
    ]);
    let fetcher = Fetcher::new(policy(Duration::from_secs(5)));
    let started = Instant::now();
    let answer = fetcher.get(&format!("{}/x", server.addr), "*/*").expect("answered after the waits");
    let took = started.elapsed();
    assert_eq!(answer.body, b"ok");
    assert_eq!(server.requests(), 4);
    // The date two seconds ahead, cut to whole seconds, is at least one second away; then one second.
    assert!(took >= Duration::from_millis(1900), "{took:?}");
    assert!(took < Duration::from_secs(4), "{took:?}");
}

#[test]
fn an_http_date_retry_after_is_capped_by_max_wait() {
    let server = scripted(vec![(429, After::DateIn(3)), (503, After::DateIn(3))]);
    let fetcher = Fetcher::new(policy(Duration::from_millis(500)));
    let started = Instant::now();
    fetcher.get(&format!("{}/x", server.addr), "*/*").expect("answered after the waits");
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(1000), "two waits of the 500 ms cap: {took:?}");
    assert!(took < Duration::from_millis(2500), "{took:?}");
}
