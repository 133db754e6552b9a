//! A blocking HTTP client with bounded retries: every request of a pull goes through [`Fetcher`].
//!
//! Transient failures (connection refused or reset, timeouts, 5xx, 429) are retried with
//! exponential backoff; a 429 or 5xx with `Retry-After` (seconds or an HTTP date) waits what the
//! server asked for, capped at [`RetryPolicy::max_wait`].
//! What is still failing after the last attempt becomes a [`FetchError`] naming the URL.

use std::fmt;
use std::time::{Duration, SystemTime};

/// How hard to try.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts after the first one.
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    /// The longest single wait, also for `Retry-After`.
    pub max_wait: Duration,
    /// Whole-request timeout (connect, headers and body).
    pub timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 3,
            backoff: Duration::from_millis(500),
            max_wait: Duration::from_secs(60),
            timeout: Duration::from_secs(30),
        }
    }
}

/// A request that failed for good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    pub url: String,
    pub message: String,
    /// The HTTP status of the last answer, when there was one.
    pub status: Option<u16>,
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.url, self.message)
    }
}

/// A successful (2xx) answer.
#[derive(Debug)]
pub struct Answer {
    pub body: Vec<u8>,
    headers: Vec<(String, String)>,
}

impl Answer {
    /// A header's value, name compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as JSON, or an error naming the URL and where the JSON broke.
    pub fn json(&self, url: &str) -> Result<serde_json::Value, FetchError> {
        serde_json::from_slice(&self.body).map_err(|e| FetchError {
            url: url.to_owned(),
            message: format!("malformed JSON ({e})"),
            status: None,
        })
    }
}

/// One failed attempt: retry it or give up.
enum Attempt {
    Retry { message: String, status: Option<u16>, wait: Option<Duration> },
    Fatal { message: String, status: Option<u16> },
}

/// The largest body accepted (a page of 100 WordPress posts with `_embed` is a few MB).
const BODY_LIMIT: u64 = 256 * 1024 * 1024;

pub struct Fetcher {
    agent: ureq::Agent,
    policy: RetryPolicy,
    /// Requests made, retries included (for the report).
    pub requests: std::cell::Cell<u64>,
}

impl Fetcher {
    pub fn new(policy: RetryPolicy) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(policy.timeout))
            .http_status_as_error(false)
            .user_agent(concat!("hirlap-press-pull/", env!("CARGO_PKG_VERSION")))
            .build();
        Fetcher { agent: config.into(), policy, requests: std::cell::Cell::new(0) }
    }

    /// GETs `url`, retrying transient failures. `accept` is the Accept header.
    pub fn get(&self, url: &str, accept: &str) -> Result<Answer, FetchError> {
        let mut attempt = 0;
        loop {
            self.requests.set(self.requests.get() + 1);
            let outcome = self.once(url, accept);
            let (message, status, wait) = match outcome {
                Ok(answer) => return Ok(answer),
                Err(Attempt::Fatal { message, status }) => {
                    return Err(FetchError { url: url.to_owned(), message, status })
                }
                Err(Attempt::Retry { message, status, wait }) => (message, status, wait),
            };
            if attempt >= self.policy.retries {
                let tries = attempt + 1;
                return Err(FetchError {
                    url: url.to_owned(),
                    message: format!("{message} (gave up after {tries} attempt{})", if tries == 1 { "" } else { "s" }),
                    status,
                });
            }
            let backoff = self.policy.backoff.saturating_mul(1 << attempt.min(16));
            std::thread::sleep(wait.unwrap_or(backoff).min(self.policy.max_wait));
            attempt += 1;
        }
    }

    /// GETs a JSON document (see [`Fetcher::get`]); malformed JSON is retried too, since a
    /// proxy cutting a response short looks exactly like that.
    pub fn get_json(&self, url: &str, accept: &str) -> Result<(serde_json::Value, Answer), FetchError> {
        let mut last = None;
        for _ in 0..=self.policy.retries.min(1) {
            let answer = self.get(url, accept)?;
            match answer.json(url) {
                Ok(v) => return Ok((v, answer)),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| FetchError { url: url.to_owned(), message: "no answer".into(), status: None }))
    }

    fn once(&self, url: &str, accept: &str) -> Result<Answer, Attempt> {
        let mut response = match self.agent.get(url).header("Accept", accept).call() {
            Ok(r) => r,
            Err(e) => return Err(transport(e)),
        };
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect();
        let body = response.body_mut().with_config().limit(BODY_LIMIT).read_to_vec();
        let retry_after =
            headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("retry-after")).and_then(|(_, v)| retry_after(v));
        match status {
            200..=299 => match body {
                Ok(body) => Ok(Answer { body, headers }),
                Err(e) => Err(Attempt::Retry {
                    message: format!("the response broke off ({e})"),
                    status: Some(status),
                    wait: None,
                }),
            },
            429 => Err(Attempt::Retry {
                message: "HTTP 429 Too Many Requests (rate limited)".into(),
                status: Some(status),
                wait: retry_after,
            }),
            500..=599 => Err(Attempt::Retry {
                message: format!("HTTP {status}{}", error_detail(body.as_deref().unwrap_or_default())),
                status: Some(status),
                wait: retry_after,
            }),
            _ => Err(Attempt::Fatal {
                message: format!("HTTP {status}{}", error_detail(body.as_deref().unwrap_or_default())),
                status: Some(status),
            }),
        }
    }
}

/// A `Retry-After` value: delay seconds or an HTTP date (RFC 9110 §10.2.3). A date already
/// past gives `None`, so the backoff applies: the server's clock may differ from ours, and
/// retrying at once would hammer it.
fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    httpdate::parse_http_date(value).ok()?.duration_since(SystemTime::now()).ok()
}

fn transport(e: ureq::Error) -> Attempt {
    let message = match &e {
        ureq::Error::Timeout(_) => "timed out".to_owned(),
        ureq::Error::ConnectionFailed => "connection failed".to_owned(),
        ureq::Error::HostNotFound => "host not found".to_owned(),
        ureq::Error::Io(io) => format!("connection error: {io}"),
        other => other.to_string(),
    };
    match e {
        // A malformed URL or an unsupported scheme will not heal by waiting.
        ureq::Error::BadUri(_) | ureq::Error::RequireHttpsOnly(_) => Attempt::Fatal { message, status: None },
        #[allow(unreachable_patterns)]
        _ if message.contains("scheme") => Attempt::Fatal { message, status: None },
        _ => Attempt::Retry { message, status: None, wait: None },
    }
}

/// A short reason from an error body: WordPress `{"code","message"}`, JSON:API `{"errors":[{"title","detail"}]}`.
fn error_detail(body: &[u8]) -> String {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else { return String::new() };
    let text = |v: &serde_json::Value| v.as_str().map(str::to_owned);
    let detail = text(&v["message"]).or_else(|| {
        let e = &v["errors"][0];
        match (text(&e["title"]), text(&e["detail"])) {
            (Some(t), Some(d)) => Some(format!("{t}: {d}")),
            (t, d) => t.or(d),
        }
    });
    detail.map(|d| format!(" ({d})")).unwrap_or_default()
}
