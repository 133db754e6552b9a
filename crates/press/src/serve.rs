//! `press serve`: the content API straight from the sources, answering the same paths as the
//! static tree (`/content/<api path>`, `/public/<file>`), so the app can be pointed at it with
//! its content-base meta tag and behave exactly as on a CDN.
//!
//! - Every answer carries `Access-Control-Allow-Origin: *`; `OPTIONS` preflights get a 204.
//! - JSON is `application/json; charset=utf-8` with a strong `ETag` (a hash of the bytes) and
//!   `Cache-Control: no-cache`, so a browser revalidates and gets `304 Not Modified`.
//! - Unknown paths get a JSON 404; before the first successful load every content path gets a
//!   JSON 503 with `Retry-After`.
//! - A watcher listens for file-system events under the content and public folders (inotify,
//!   FSEvents or ReadDirectoryChangesW through `notify`), waits until they have been quiet for
//!   `debounce`, and reloads the corpus; access events (the reload's own reads) are ignored.
//!   Where a folder sends no events (some network or container mounts), `poll` checks the
//!   sizes and modification times instead; so does a failure to set up the event watcher. When the new sources have errors, their diagnostics (`file:line:col`) go to
//!   stderr and the last good corpus keeps being served.
//!
//! - With `drafts` (a preview), every answer carries `X-Robots-Tag: noindex` and
//!   `Cache-Control: private, no-store`, and a server reachable beyond loopback needs a secret
//!   (`preview_token`): without it [`start`] refuses to bind, with it every request is judged
//!   by [`crate::preview`] first and answered 401 unless it carries the secret.
//!
//! The answers are rendered on demand by [`Index::resolve`], the same functions `press build`
//! writes with, so the API and the static tree cannot disagree. A reload swaps the whole
//! corpus between requests: each generation of worker threads borrows one corpus inside a
//! `thread::scope` and finishes its request before the next generation takes over.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, SystemTime};

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventHandler, DebounceEventResult};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::preview::{Token, Verdict, TOKEN_ENV};
use crate::{Corpus, Diagnostic, Index};

/// How `press serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Where to listen; only this address is bound (use loopback for local work).
    pub addr: String,
    pub content: PathBuf,
    pub public: PathBuf,
    /// How long the sources must be quiet after a change before they are reloaded (an editor's
    /// save, or a `git checkout` of many files, is one reload).
    pub debounce: Duration,
    /// Check the sources at this interval instead of listening for file-system events.
    pub poll: Option<Duration>,
    /// Worker threads answering requests.
    pub workers: usize,
    /// A preview: drafts and scheduled articles are served too, marked as such.
    pub drafts: bool,
    /// The secret a preview's readers must show ([`crate::preview`]); required with `drafts`
    /// on any address beyond loopback, ignored without `drafts`.
    pub preview_token: Option<String>,
}

impl ServeOptions {
    pub fn new(addr: impl Into<String>, content: impl Into<PathBuf>) -> Self {
        let content = content.into();
        ServeOptions {
            addr: addr.into(),
            public: crate::source::default_public_dir(&content),
            content,
            debounce: Duration::from_millis(100),
            poll: None,
            workers: 4,
            drafts: false,
            preview_token: None,
        }
    }
}

/// What the watcher last saw, for [`ServeHandle::status`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServeStatus {
    /// Successful loads so far (the first one included).
    pub generation: u64,
    /// Diagnostics of the last load when it failed (empty once a load succeeds again).
    pub errors: Vec<Diagnostic>,
}

/// A running server (see [`start`]).
pub struct ServeHandle {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    status: Arc<Mutex<ServeStatus>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl ServeHandle {
    /// The bound address (useful with port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn status(&self) -> ServeStatus {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Blocks until the server stops (it stops only through [`ServeHandle::stop`]).
    pub fn join(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    /// Stops answering and waits for the threads to finish.
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for ServeHandle {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Who may read the answers.
#[derive(Debug, Clone)]
enum Access {
    /// Plain `press serve`: published content, for anyone.
    Public,
    /// A preview, open (on loopback, no token) or behind its secret.
    Preview(Option<Token>),
}

fn refusal(addr: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "refusing to serve drafts on {addr}: beyond loopback anyone who reaches the port would read every \
             unpublished article; give a secret with --preview-token or the {TOKEN_ENV} environment variable, \
             or listen on 127.0.0.1"
        ),
    )
}

/// The preview's secret, checked; a preview beyond loopback without one is refused before
/// anything is bound.
fn access(opts: &ServeOptions) -> io::Result<Access> {
    if !opts.drafts {
        return Ok(Access::Public);
    }
    match opts.preview_token.as_deref().filter(|t| !t.is_empty()) {
        Some(secret) => Token::new(secret)
            .map(|t| Access::Preview(Some(t)))
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e)),
        None if crate::preview::loopback_only(&opts.addr) == Some(false) => Err(refusal(&opts.addr)),
        None => Ok(Access::Preview(None)),
    }
}

/// Binds `opts.addr` and serves in background threads. Loading starts at once; until it
/// succeeds, content paths answer 503. A preview (`drafts`) beyond loopback without a
/// `preview_token` is refused with an [`io::ErrorKind::InvalidInput`] error, as is a token
/// too short to be secret.
pub fn start(opts: ServeOptions) -> io::Result<ServeHandle> {
    let access = access(&opts)?;
    let server =
        Server::http(&opts.addr).map_err(|e| io::Error::other(format!("cannot listen on {}: {e}", opts.addr)))?;
    let addr =
        server.server_addr().to_ip().ok_or_else(|| io::Error::other(format!("{} is not an IP address", opts.addr)))?;
    // A name that resolved to loopback above and to something else when bound.
    if matches!(access, Access::Preview(None)) && !addr.ip().is_loopback() {
        return Err(refusal(&opts.addr));
    }
    let stop = Arc::new(AtomicBool::new(false));
    let status = Arc::new(Mutex::new(ServeStatus::default()));
    let (stop2, status2) = (stop.clone(), status.clone());
    let thread = thread::Builder::new()
        .name("press-serve".into())
        .spawn(move || run(server, opts, access, stop2, status2))
        .map_err(io::Error::other)?;
    Ok(ServeHandle { addr, stop, status, thread: Some(thread) })
}

/// How often the sources are polled when the event watcher cannot be set up.
const FALLBACK_POLL: Duration = Duration::from_millis(500);

/// Sends one `()` per debounced batch of changes to the sources.
#[derive(Clone)]
struct Changed(mpsc::Sender<()>);

impl DebounceEventHandler for Changed {
    fn handle_event(&mut self, result: DebounceEventResult) {
        // Access events are the reload's own reads. Errors (a watch lost, a rescan needed) may
        // hide a change: reload to be sure.
        let relevant = match result {
            Ok(events) => events.iter().any(|e| !matches!(e.kind, EventKind::Access(_))),
            Err(_) => true,
        };
        if relevant {
            let _ = self.0.send(());
        }
    }
}

/// A watcher of any kind, kept alive for as long as the server runs.
type Watching = Box<dyn std::any::Any + Send>;

/// Starts watching `dirs` recursively: file-system events, debounced; or polling when
/// `opts.poll` says so or events cannot be had.
fn watch(dirs: &[&Path], opts: &ServeOptions, changed: Changed) -> Watching {
    if opts.poll.is_none() {
        let events = new_debouncer(opts.debounce, None, changed.clone()).and_then(|mut debouncer| {
            for dir in dirs {
                debouncer.watch(dir, RecursiveMode::Recursive)?;
            }
            Ok(debouncer)
        });
        match events {
            Ok(debouncer) => return Box::new(debouncer),
            Err(e) => eprintln!(
                "press serve: no file-system events for the sources ({e}); checking them every {} ms instead",
                FALLBACK_POLL.as_millis()
            ),
        }
    }
    // notify's own PollWatcher compares modification times in whole seconds, so a second edit
    // within the second of the last check goes unseen (measured: the binary test below missed
    // a fix written right after the broken file). This fingerprint takes sizes and full times.
    let every = opts.poll.unwrap_or(FALLBACK_POLL);
    let dirs: Vec<PathBuf> = dirs.iter().map(|d| d.to_path_buf()).collect();
    let poller = thread::Builder::new().name("press-serve-poll".into()).spawn(move || {
        let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
        let mut seen = fingerprint(&dirs);
        loop {
            thread::sleep(every);
            let now = fingerprint(&dirs);
            // Stops once the server is gone (nobody receives any more).
            if now != seen && changed.0.send(()).is_err() {
                return;
            }
            seen = now;
        }
    });
    if let Err(e) = poller {
        eprintln!("press serve: cannot watch the sources ({e}); restart it to see changes");
    }
    Box::new(())
}

/// A fingerprint of every file's path, size and modification time under the given folders,
/// through symbolic links as the loader reads them (a loop is hashed as such, not followed).
fn fingerprint(dirs: &[&Path]) -> u64 {
    let mut h = DefaultHasher::new();
    for d in dirs {
        for entry in walkdir::WalkDir::new(d).follow_links(true).sort_by_file_name() {
            match entry {
                Ok(e) => {
                    e.path().hash(&mut h);
                    match e.metadata() {
                        Ok(m) if m.is_dir() => {}
                        Ok(m) => {
                            m.len().hash(&mut h);
                            m.modified().ok().and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok()).hash(&mut h);
                        }
                        Err(_) => "gone".hash(&mut h),
                    }
                }
                Err(e) => {
                    e.path().hash(&mut h);
                    "unreadable".hash(&mut h);
                }
            }
        }
    }
    h.finish()
}

fn print_failure(diags: &[Diagnostic], serving: bool) {
    crate::error::print(diags.iter().filter(|d| d.is_error()));
    eprintln!(
        "press serve: {} in the sources; {}",
        crate::error::count_errors(diags),
        if serving { "still serving the last good content" } else { "content answers 503 until they are fixed" }
    );
}

/// The corpus as `opts` wants it served (with previews or not), at the current time.
fn load_for(opts: &ServeOptions) -> Result<Corpus, Vec<Diagnostic>> {
    let load_opts = crate::source::LoadOptions { previews: opts.drafts, ..Default::default() };
    crate::source::load_with(&opts.content, &opts.public, load_opts)
}

/// The serving loop: one generation of workers per successfully loaded corpus.
fn run(server: Server, opts: ServeOptions, access: Access, stop: Arc<AtomicBool>, status: Arc<Mutex<ServeStatus>>) {
    let (tx, changes) = mpsc::channel();
    // Watching starts before the first load, so that nothing changed during it is missed.
    let _watching = watch(&[opts.content.as_path(), opts.public.as_path()], &opts, Changed(tx));
    let mut current: Option<Corpus> = match load_for(&opts) {
        Ok(c) => {
            if let Ok(mut s) = status.lock() {
                s.generation = 1;
            }
            Some(c)
        }
        Err(diags) => {
            print_failure(&diags, false);
            if let Ok(mut s) = status.lock() {
                s.errors = diags.into_iter().filter(Diagnostic::is_error).collect();
            }
            None
        }
    };
    while !stop.load(Ordering::SeqCst) {
        let next: Mutex<Option<Corpus>> = Mutex::new(None);
        let switch = AtomicBool::new(false);
        let index = current.as_ref().map(Index::new);
        thread::scope(|scope| {
            let (server, index, switch, stop, public, access) =
                (&server, &index, &switch, &stop, opts.public.as_path(), &access);
            for _ in 0..opts.workers.max(1) {
                scope.spawn(move || {
                    while !switch.load(Ordering::SeqCst) && !stop.load(Ordering::SeqCst) {
                        match server.recv_timeout(Duration::from_millis(50)) {
                            Ok(Some(req)) => answer(req, index.as_ref(), public, access),
                            Ok(None) => {}
                            Err(_) => thread::sleep(Duration::from_millis(50)),
                        }
                    }
                });
            }
            // This thread reloads the sources when they change while the workers answer.
            while !stop.load(Ordering::SeqCst) {
                match changes.recv_timeout(Duration::from_millis(100)) {
                    Ok(()) => while changes.try_recv().is_ok() {},
                    Err(mpsc::RecvTimeoutError::Timeout) => continue,
                    // No watcher: serve what there is until stopped.
                    Err(mpsc::RecvTimeoutError::Disconnected) => {
                        thread::sleep(Duration::from_millis(100));
                        continue;
                    }
                }
                match load_for(&opts) {
                    Ok(c) => {
                        if let Ok(mut s) = status.lock() {
                            s.generation += 1;
                            s.errors.clear();
                        }
                        eprintln!("press serve: reloaded {} articles", c.articles.len());
                        if let Ok(mut n) = next.lock() {
                            *n = Some(c);
                        }
                        switch.store(true, Ordering::SeqCst);
                        break;
                    }
                    Err(diags) => {
                        print_failure(&diags, index.is_some());
                        if let Ok(mut s) = status.lock() {
                            s.errors = diags.into_iter().filter(Diagnostic::is_error).collect();
                        }
                    }
                }
            }
            switch.store(true, Ordering::SeqCst);
        });
        drop(index);
        if let Some(c) = next.into_inner().ok().flatten() {
            current = Some(c);
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn cors(mut r: Response<io::Cursor<Vec<u8>>>) -> Response<io::Cursor<Vec<u8>>> {
    r.add_header(header("Access-Control-Allow-Origin", "*"));
    r.add_header(header("Access-Control-Expose-Headers", "ETag"));
    r.add_header(header("Vary", "Origin"));
    r
}

/// A JSON error body: `{"error": …, "status": …}`.
fn json_error(status: u16, message: &str) -> Response<io::Cursor<Vec<u8>>> {
    let body = serde_json::json!({ "error": message, "status": status }).to_string();
    cors(Response::from_data(body.into_bytes()).with_status_code(status))
        .with_header(header("Content-Type", "application/json; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

fn etag(bytes: &[u8]) -> String {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    format!("\"{:016x}-{:x}\"", h.finish(), bytes.len())
}

/// Percent-decodes a URL path (`None` when it is not UTF-8); malformed escapes stay as written,
/// as in a browser's URL parser.
fn decode_path(s: &str) -> Option<String> {
    percent_encoding::percent_decode_str(s).decode_utf8().ok().map(std::borrow::Cow::into_owned)
}

/// The `Content-Type` of a file under /public/: every kind press writes (photo copies, their
/// manifests) or that a site's public folder holds, as a static host would send it; a browser
/// refuses to use some (wasm streaming, fonts under `nosniff`) under a generic type.
fn content_type(path: &Path) -> &'static str {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    if name.ends_with("rss.xml") {
        return "application/rss+xml; charset=utf-8";
    }
    match name.rsplit_once('.').map_or("", |(_, ext)| ext) {
        "json" => "application/json; charset=utf-8",
        "avif" => "image/avif",
        "webp" => "image/webp",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// The answer to one request (status, headers, body), independent of the socket.
fn respond_to(
    method: &Method,
    url: &str,
    if_none_match: Option<&str>,
    index: Option<&Index<'_>>,
    public: &Path,
) -> Response<io::Cursor<Vec<u8>>> {
    if *method == Method::Options {
        return cors(Response::from_data(Vec::new()).with_status_code(204))
            .with_header(header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS"))
            .with_header(header("Access-Control-Allow-Headers", "*"))
            .with_header(header("Access-Control-Max-Age", "86400"));
    }
    if *method != Method::Get && *method != Method::Head {
        return json_error(405, "only GET, HEAD and OPTIONS are supported")
            .with_header(header("Allow", "GET, HEAD, OPTIONS"));
    }
    let raw = url.split(['?', '#']).next().unwrap_or("");
    let Some(path) = decode_path(raw) else { return json_error(400, "malformed path") };
    if let Some(api) = path.strip_prefix("/content/") {
        let Some(index) = index else {
            return json_error(503, "the content has not loaded yet (see the server's log)")
                .with_header(header("Retry-After", "1"));
        };
        let Some(bytes) = index.resolve(api) else {
            return json_error(404, &format!("no content at {path}"));
        };
        let tag = etag(&bytes);
        let fresh = if_none_match.is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
        let r = if fresh {
            Response::from_data(Vec::new()).with_status_code(304)
        } else {
            Response::from_data(bytes).with_header(header("Content-Type", "application/json; charset=utf-8"))
        };
        return cors(r).with_header(header("ETag", &tag)).with_header(header("Cache-Control", "no-cache"));
    }
    if raw.starts_with("/public/") {
        let probe = crate::images::ImageProbe::new(public);
        // The raw path: file_for decodes each segment itself, once (so `%2F` stays in a name).
        let Some(file) = probe.file_for(raw) else {
            return json_error(404, &format!("no file at {path}"));
        };
        return match std::fs::read(&file) {
            Ok(bytes) if file.is_file() => {
                let tag = etag(&bytes);
                let fresh = if_none_match.is_some_and(|v| v.split(',').any(|t| t.trim() == tag));
                let r = if fresh {
                    Response::from_data(Vec::new()).with_status_code(304)
                } else {
                    Response::from_data(bytes).with_header(header("Content-Type", content_type(&file)))
                };
                cors(r).with_header(header("ETag", &tag)).with_header(header("Cache-Control", "no-cache"))
            }
            _ => json_error(404, &format!("no file at {path}")),
        };
    }
    // An article's old URL (an `aliases` entry, e.g. from a CMS pull) moves permanently to it,
    // with or without the trailing slash, as on a static host with `_redirects`.
    if let Some(to) = index.and_then(|i| redirect_for(i.corpus(), &path)) {
        return cors(Response::from_data(Vec::new()).with_status_code(301)).with_header(header("Location", to));
    }
    json_error(404, &format!("no such path: {path} (this server answers /content/…, /public/… and old article URLs)"))
}

/// The status and body `press serve` answers a GET of `url` with: the fuzz targets' door to
/// the request handling, which is private because it speaks tiny_http's types.
#[doc(hidden)]
pub fn answer_get(url: &str, index: Option<&Index<'_>>, public: &Path) -> (u16, Vec<u8>) {
    let r = respond_to(&Method::Get, url, None, index, public);
    let status = r.status_code().0;
    (status, r.into_reader().into_inner())
}

fn redirect_for<'c>(corpus: &'c crate::Corpus, path: &str) -> Option<&'c str> {
    let want = path.trim_end_matches('/');
    corpus
        .articles
        .iter()
        .find(|a| a.aliases.iter().any(|al| al.trim_end_matches('/') == want))
        .map(|a| a.article.path.as_str())
}

fn answer(req: Request, index: Option<&Index<'_>>, public: &Path, access: &Access) {
    let get =
        |name: &'static str| req.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str().to_owned());
    let response = match access {
        Access::Public => respond_to(req.method(), req.url(), get("If-None-Match").as_deref(), index, public),
        Access::Preview(token) => {
            let verdict = match token {
                None => Verdict::Pass,
                Some(t) => {
                    crate::preview::judge(t, req.url(), get("Cookie").as_deref(), get("Authorization").as_deref())
                }
            };
            let r = match verdict {
                Verdict::Pass => respond_to(req.method(), req.url(), get("If-None-Match").as_deref(), index, public),
                Verdict::Enter { location } => {
                    let https = get("X-Forwarded-Proto").is_some_and(|p| p.trim().eq_ignore_ascii_case("https"));
                    let cookie = token.as_ref().map(|t| t.set_cookie(https)).unwrap_or_default();
                    Response::from_data(Vec::new())
                        .with_status_code(303)
                        .with_header(header("Location", &location))
                        .with_header(header("Set-Cookie", &cookie))
                }
                Verdict::Deny => denied(),
            };
            private(r)
        }
    };
    let _ = req.respond(response);
}

/// The 401 of a preview: a short text, nothing of the content, and the browser's login prompt
/// (basic auth, the secret as the password).
fn denied() -> Response<io::Cursor<Vec<u8>>> {
    Response::from_data(crate::preview::DENIED_BODY.as_bytes().to_vec())
        .with_status_code(401)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
        .with_header(header("WWW-Authenticate", "Basic realm=\"press preview\", charset=\"UTF-8\""))
}

/// A preview's answer: kept out of search engines and out of every shared or disk cache (a
/// proxy in front must not hand one reader's preview to the next). Replaces the answer's own
/// `Cache-Control` (tiny_http would send both).
fn private(r: Response<io::Cursor<Vec<u8>>>) -> Response<io::Cursor<Vec<u8>>> {
    let status = r.status_code();
    let headers: Vec<Header> = r.headers().iter().filter(|h| !h.field.equiv("Cache-Control")).cloned().collect();
    let mut out = Response::from_data(r.into_reader().into_inner()).with_status_code(status);
    for h in headers {
        out.add_header(h);
    }
    out.with_header(header("Cache-Control", "private, no-store")).with_header(header("X-Robots-Tag", "noindex"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_decode_and_types_follow_extensions() {
        assert_eq!(decode_path("/content/tags/%C3%A1/1.json").as_deref(), Some("/content/tags/á/1.json"));
        assert_eq!(decode_path("/x%2"), Some("/x%2".to_owned()));
        assert_eq!(decode_path("/x%FF"), None);
        assert_eq!(content_type(Path::new("a/b.svg")), "image/svg+xml");
        assert_eq!(content_type(Path::new("a/b.json")), "application/json; charset=utf-8");
        // A camera's upper-case extension is the same file type.
        assert_eq!(content_type(Path::new("photos/IMG_1.JPG")), "image/jpeg");
        assert_ne!(etag(b"a"), etag(b"b"));
    }

    #[test]
    fn every_kind_of_file_a_site_publishes_has_its_own_type() {
        let section_feed = model::paths::file(&model::paths::section_feed("belfold"));
        for (file, want) in [
            ("_photos/a-400.avif", "image/avif"),
            ("_photos/a-400.webp", "image/webp"),
            ("_photos/a-400.jpg", "image/jpeg"),
            ("_photos/a.json", "application/json; charset=utf-8"),
            ("rss.xml", "application/rss+xml; charset=utf-8"),
            (section_feed.as_str(), "application/rss+xml; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("site.webmanifest", "application/manifest+json"),
            ("fonts/a.woff2", "font/woff2"),
            ("favicon.ico", "image/x-icon"),
            ("favicon.png", "image/png"),
            ("favicon.svg", "image/svg+xml"),
            ("hirlap-1.js", "text/javascript; charset=utf-8"),
            ("hirlap-1_bg.wasm", "application/wasm"),
            ("main-1.css", "text/css; charset=utf-8"),
            ("index.html", "text/html; charset=utf-8"),
        ] {
            assert_eq!(content_type(Path::new(file)), want, "{file}");
        }
        assert_eq!(content_type(Path::new("_redirects")), "application/octet-stream");
    }

    #[test]
    fn the_fingerprint_sees_edits_through_linked_folders_and_survives_a_loop() {
        let dir = tempfile::tempdir().unwrap();
        let (content, elsewhere) = (dir.path().join("content"), dir.path().join("elsewhere"));
        std::fs::create_dir_all(content.join("articles")).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("a.md"), "egy").unwrap();
        // The loader reads articles in a linked folder; an edit there must trigger a reload.
        std::os::unix::fs::symlink(&elsewhere, content.join("articles/linked")).unwrap();
        std::os::unix::fs::symlink(&content, content.join("articles/loop")).unwrap();
        let before = fingerprint(&[&content]);
        assert_eq!(fingerprint(&[&content]), before);
        std::fs::write(elsewhere.join("a.md"), "kettő").unwrap();
        assert_ne!(fingerprint(&[&content]), before);
    }

    #[test]
    fn a_public_file_is_the_one_its_url_names_decoded_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a b.svg"), "space").unwrap();
        std::fs::write(dir.path().join("a%20b.svg"), "percent").unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/b.svg"), "nested").unwrap();
        let body = |url: &str| {
            let r = respond_to(&Method::Get, url, None, None, dir.path());
            let status = r.status_code().0;
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut r.into_reader(), &mut bytes).unwrap();
            (status, String::from_utf8(bytes).unwrap())
        };
        assert_eq!(body("/public/a%20b.svg"), (200, "space".to_owned()));
        // `%25` is a percent sign in the file's name, not the start of another escape.
        assert_eq!(body("/public/a%2520b.svg"), (200, "percent".to_owned()));
        // An escaped slash is a character of one name, never a folder boundary.
        assert_eq!(body("/public/a%2Fb.svg").0, 404);
        assert_eq!(body("/public/a/b.svg"), (200, "nested".to_owned()));
    }

    #[test]
    fn before_the_first_load_content_is_503_and_options_is_204() {
        let r = respond_to(&Method::Get, "/content/site.json", None, None, Path::new("public"));
        assert_eq!(r.status_code().0, 503);
        let r = respond_to(&Method::Options, "/content/site.json", None, None, Path::new("public"));
        assert_eq!(r.status_code().0, 204);
        let r = respond_to(&Method::Post, "/content/site.json", None, None, Path::new("public"));
        assert_eq!(r.status_code().0, 405);
        let r = respond_to(&Method::Get, "/elsewhere", None, None, Path::new("public"));
        assert_eq!(r.status_code().0, 404);
        let r = respond_to(&Method::Get, "/public/../secret", None, None, Path::new("public"));
        assert_eq!(r.status_code().0, 404);
    }
}
