//! Drupal JSON:API, served by a fixture server of our own (tiny_http on loopback) that answers
//! in the shape Drupal core's JSON:API module documents: `data[]` of `node--article`, related
//! resources in `included[]`, `links.next` at 50 per page, `errors[]` documents; plus the
//! misbehaviours a pull must survive (unreachable, slow, 5xx, 429 with Retry-After, malformed
//! JSON, a page that fails halfway), each ending in an error naming the URL and the previous
//! tree untouched.

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cms::drupal::Drupal;
use cms::http::{Fetcher, RetryPolicy};
use cms::pull::PullError;
use common::{block_types, diff, fast_fetcher, pull, Tree};
use serde_json::{json, Value};

#[derive(Clone)]
struct Node {
    nid: u64,
    title: String,
    section: &'static str,
    tags: Vec<&'static str>,
    changed: i64,
    body: String,
    alias: Option<String>,
    image: bool,
}

/// How the server misbehaves.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Fault {
    None,
    /// Page 2 always answers 500.
    FailPageTwo,
    /// Every request answers 503.
    Always503,
    /// The first request of each page answers 429 with Retry-After: 1.
    RateLimitOnce,
    /// Answers take 3 s.
    Slow,
    /// Page 2 is cut off in the middle of the JSON.
    Malformed,
    /// An `errors` document with 403, as Drupal answers when JSON:API is read-only for anonymous users.
    ErrorsDocument,
}

struct Cms {
    nodes: Vec<Node>,
    fault: Fault,
    seen: HashMap<String, usize>,
}

struct Server {
    addr: String,
    state: Arc<Mutex<Cms>>,
    requests: Arc<AtomicUsize>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A real 64 × 48 PNG (one colour): press decodes every raster image it publishes.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x40, 0x00, 0x00, 0x00, 0x30, 0x08, 0x02, 0x00, 0x00, 0x00, 0x2e, 0x29, 0xeb, 0x48, 0x00, 0x00, 0x00, 0x43, 0x49,
    0x44, 0x41, 0x54, 0x78, 0xda, 0xed, 0xcf, 0x41, 0x09, 0x00, 0x00, 0x08, 0x04, 0xb0, 0x8b, 0x63, 0x26, 0x33, 0x19,
    0xda, 0x0a, 0x7e, 0x85, 0xc1, 0x0a, 0x2c, 0xd5, 0xf3, 0x5a, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04,
    0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04,
    0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0xae, 0x16, 0x9f, 0xa8, 0xa8, 0xb5, 0x09, 0xb9, 0xea, 0xe1, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

fn uuid(kind: &str, n: u64) -> String {
    format!("{kind:0>8}-0000-4000-8000-{n:012}")
}

fn doc(base: &str, nodes: &[Node], offset: usize, limit: usize, query: &str) -> Value {
    let page: Vec<&Node> = nodes.iter().skip(offset).take(limit).collect();
    let mut included: Vec<Value> = Vec::new();
    let mut add = |v: Value| {
        if !included.contains(&v) {
            included.push(v);
        }
    };
    let data: Vec<Value> = page
        .iter()
        .map(|n| {
            let author = 1 + n.nid % 2;
            add(json!({ "type": "user--user", "id": uuid("user", author), "attributes": {
                "drupal_internal__uid": author,
                "display_name": if author == 1 { "Szabó Kata" } else { "Fekete Márk" },
                "name": format!("user{author}") } }));
            let mut rel = json!({
                "uid": { "data": { "type": "user--user", "id": uuid("user", author) } },
                "field_tags": { "data": n.tags.iter().map(|t| json!({ "type": "taxonomy_term--tags", "id": uuid(t, 0) })).collect::<Vec<_>>() },
                "field_section": { "data": { "type": "taxonomy_term--sections", "id": uuid(n.section, 1) } },
                "field_image": { "data": null },
            });
            for t in &n.tags {
                add(json!({ "type": "taxonomy_term--tags", "id": uuid(t, 0), "attributes": { "name": t } }));
            }
            add(json!({ "type": "taxonomy_term--sections", "id": uuid(n.section, 1), "attributes": { "name": n.section } }));
            if n.image {
                rel["field_image"] = json!({ "data": { "type": "file--file", "id": uuid("file", n.nid),
                    "meta": { "alt": "Szélerőművek a dombon", "title": "Fotó: Fekete Márk", "width": 64, "height": 48 } } });
                add(json!({ "type": "file--file", "id": uuid("file", n.nid), "attributes": {
                    "filename": format!("szel-{}.png", n.nid), "filemime": "image/png",
                    "uri": { "value": format!("public://2024-03/szel-{}.png", n.nid), "url": format!("/sites/default/files/2024-03/szel-{}.png", n.nid) } } }));
            }
            json!({
                "type": "node--article",
                "id": uuid("node", n.nid),
                "links": { "self": { "href": format!("{base}/jsonapi/node/article/{}", uuid("node", n.nid)) } },
                "attributes": {
                    "drupal_internal__nid": n.nid,
                    "langcode": "hu",
                    "status": true,
                    "title": n.title,
                    "created": format!("2024-03-{:02}T10:00:00+01:00", 1 + n.nid % 28),
                    "changed": chrono::DateTime::from_timestamp(n.changed, 0).unwrap().to_rfc3339(),
                    "path": { "alias": n.alias, "pid": n.nid, "langcode": "hu" },
                    "body": { "value": n.body, "format": "basic_html", "processed": n.body, "summary": "" }
                },
                "relationships": rel
            })
        })
        .collect();
    let mut links = json!({ "self": { "href": format!("{base}/jsonapi/node/article?{query}") } });
    if offset + limit < nodes.len() {
        let q: Vec<&str> =
            query.split('&').filter(|p| !p.starts_with("page%5Boffset%5D") && !p.starts_with("page[offset]")).collect();
        links["next"] = json!({ "href": format!("{base}/jsonapi/node/article?{}&page%5Boffset%5D={}", q.join("&"), offset + limit) });
    }
    json!({ "jsonapi": { "version": "1.0", "meta": { "links": { "self": { "href": "http://jsonapi.org/format/1.0/" } } } },
            "data": data, "included": included, "links": links })
}

fn param<'q>(query: &'q [(String, String)], key: &str) -> Option<&'q str> {
    query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn decode(s: &str) -> String {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() + 1 {
            if let Some(v) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(if b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn respond(state: &Arc<Mutex<Cms>>, base: &str, url: &str) -> (u16, Vec<(&'static str, String)>, Vec<u8>) {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    if let Some(file) = path.strip_prefix("/sites/default/files/") {
        return if file.ends_with(".png") {
            (200, vec![("Content-Type", "image/png".into())], PNG.to_vec())
        } else {
            (404, vec![], vec![])
        };
    }
    if path != "/jsonapi/node/article" {
        return (404, vec![("Content-Type", "application/vnd.api+json".into())],
            json!({ "jsonapi": { "version": "1.0" }, "errors": [{ "title": "Not Found", "status": "404", "detail": format!("No route found for {path}") }] }).to_string().into_bytes());
    }
    let q: Vec<(String, String)> =
        query.split('&').filter_map(|p| p.split_once('=')).map(|(k, v)| (decode(k), decode(v))).collect();
    let offset: usize = param(&q, "page[offset]").and_then(|v| v.parse().ok()).unwrap_or(0);
    let limit: usize = param(&q, "page[limit]").and_then(|v| v.parse().ok()).unwrap_or(50).min(50);
    let mut st = state.lock().unwrap();
    let seen = {
        let n = st.seen.entry(url.to_owned()).or_insert(0);
        *n += 1;
        *n
    };
    let json_api =
        |v: Value| (200, vec![("Content-Type", "application/vnd.api+json".to_owned())], v.to_string().into_bytes());
    match st.fault {
        Fault::Always503 => return (503, vec![], b"Service Unavailable".to_vec()),
        Fault::FailPageTwo if offset > 0 => {
            return (500, vec![("Content-Type", "application/vnd.api+json".into())],
                json!({ "errors": [{ "title": "Internal Server Error", "status": "500", "detail": "The website encountered an unexpected error." }] }).to_string().into_bytes())
        }
        Fault::RateLimitOnce if seen == 1 => return (429, vec![("Retry-After", "1".into())], b"Too Many Requests".to_vec()),
        Fault::Slow => {
            drop(st);
            std::thread::sleep(Duration::from_secs(3));
            st = state.lock().unwrap();
        }
        Fault::ErrorsDocument => {
            return (403, vec![("Content-Type", "application/vnd.api+json".into())],
                json!({ "jsonapi": { "version": "1.0" }, "errors": [{ "title": "Forbidden", "status": "403", "detail": "The current user is not allowed to GET the selected resource." }] }).to_string().into_bytes())
        }
        _ => {}
    }
    let mut nodes: Vec<Node> = st.nodes.clone();
    nodes.sort_by_key(|n| n.nid);
    if let Some(since) = param(&q, "filter[changed][condition][value]").and_then(|v| v.parse::<i64>().ok()) {
        assert_eq!(param(&q, "filter[changed][condition][operator]"), Some(">="));
        nodes.retain(|n| n.changed >= since);
    }
    let wanted: Vec<u64> = q
        .iter()
        .filter(|(k, _)| k.starts_with("filter[nids][condition][value]"))
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    if !wanted.is_empty() {
        nodes.retain(|n| wanted.contains(&n.nid));
    }
    let body = doc(base, &nodes, offset, limit, query);
    if st.fault == Fault::Malformed && offset > 0 {
        let text = body.to_string();
        return (
            200,
            vec![("Content-Type", "application/vnd.api+json".into())],
            text.as_bytes()[..text.len() / 2].to_vec(),
        );
    }
    json_api(body)
}

fn serve(nodes: Vec<Node>) -> Server {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let addr = format!("http://{}", server.server_addr().to_ip().unwrap());
    let state = Arc::new(Mutex::new(Cms { nodes, fault: Fault::None, seen: HashMap::new() }));
    let requests = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (st, rq, sp, base) = (state.clone(), requests.clone(), stop.clone(), addr.clone());
    let thread = std::thread::spawn(move || {
        while !sp.load(Ordering::SeqCst) {
            let Ok(Some(req)) = server.recv_timeout(Duration::from_millis(50)) else { continue };
            rq.fetch_add(1, Ordering::SeqCst);
            let (st2, base2) = (st.clone(), base.clone());
            // One thread per request, so a slow answer does not hold up the next one.
            std::thread::spawn(move || {
                let (status, headers, body) = respond(&st2, &base2, req.url());
                let mut r = tiny_http::Response::from_data(body).with_status_code(status);
                for (k, v) in headers {
                    r = r.with_header(tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap());
                }
                let _ = req.respond(r);
            });
        }
    });
    Server { addr, state, requests, stop, thread: Some(thread) }
}

fn corpus() -> Vec<Node> {
    let rich = r#"<p>A <strong>szélerőművek</strong> engedélyezése <em>újra</em> napirendre került. Részletek a <a href="/node/3">tegnapi cikkünkben</a>.</p>
<h3>Hol épülhetnek?</h3>
<blockquote><p>„Minden megyében akad alkalmas domb.”</p><p>— Kerekes Lili, energetikus</p></blockquote>
<figure role="group" class="caption caption-img"><img src="/sites/default/files/2024-03/szel-2.png" alt="Lapátok közelről" width="64" height="48"><figcaption>A lapátok hossza ötven méter | Fotó: Fekete Márk</figcaption></figure>
<ol><li>engedélyezés</li><li>építés</li></ol>
<p><oembed url="https://www.youtube.com/watch?v=drupalSzel2"></oembed></p>
<script>steal()</script>"#;
    let mut nodes = vec![
        Node {
            nid: 2,
            title: "Újra lehet szélerőművet építeni".into(),
            section: "Gazdaság",
            tags: vec!["Energia", "Környezet"],
            changed: 1_710_000_000,
            body: rich.into(),
            alias: Some("/hirek/ujra-lehet-szeleromuvet-epiteni".into()),
            image: true,
        },
        Node {
            nid: 3,
            title: "Vita a parlamentben az energiatörvényről".into(),
            section: "Belföld",
            tags: vec!["Energia"],
            changed: 1_710_000_100,
            body: "<p>A képviselők késő estig vitatkoztak.</p>".into(),
            alias: None,
            image: false,
        },
    ];
    for i in 0..118u64 {
        nodes.push(Node {
            nid: 10 + i,
            title: format!("Rövid energiahír {i}"),
            section: "Tudomány",
            tags: vec!["Energia"],
            changed: 1_709_000_000 + i as i64,
            body: format!("<p>Ez a(z) {i}. rövid hír az energiáról.</p>"),
            alias: Some(format!("/rovid/energiahir-{i}")),
            image: false,
        });
    }
    nodes
}

fn drupal<'f>(server: &Server, fetcher: &'f Fetcher) -> Drupal<'f> {
    Drupal::new(&server.addr, fetcher, 50, "field_section")
}

#[test]
fn drupal_json_api_becomes_a_site_and_later_pulls_change_exactly_what_changed() {
    let server = serve(corpus());
    let tree = Tree::new("");
    let fetcher = fast_fetcher();
    let first = pull(&mut drupal(&server, &fetcher), &fetcher, &tree.options()).expect("first pull");
    assert_eq!(first.articles, 120);
    assert!(first.warnings.iter().any(|w| w.contains("drupal #2") && w.contains("<script>")), "{:?}", first.warnings);
    // 120 nodes at 50 a page: three pages and three images, nothing more.
    assert_eq!(server.requests.load(Ordering::SeqCst), 3 + 1);

    tree.build();
    let a = tree.json("articles/gazdasag/2024/03/03/ujra-lehet-szeleromuvet-epiteni.json");
    assert_eq!(a["title"], "Újra lehet szélerőművet építeni");
    assert_eq!(a["author"]["name"], "Szabó Kata");
    assert_eq!(a["published"], "2024-03-03T10:00:00+01:00");
    assert_eq!(a["lead"], "A szélerőművek engedélyezése újra napirendre került. Részletek a tegnapi cikkünkben.");
    assert_eq!(a["cover"]["src"], "/public/cms/2024-03/szel-2.png");
    assert_eq!(a["cover"]["alt"], "Szélerőművek a dombon");
    assert_eq!(a["cover"]["credit"], "Fotó: Fekete Márk");
    assert_eq!(block_types(&a), ["paragraph", "heading", "quote", "image", "list", "embed"]);
    assert_eq!(a["body"][0]["spans"][5]["href"], "/belfold/2024/03/04/vita-a-parlamentben-az-energiatorvenyrol");
    assert_eq!(a["body"][2]["cite"], "Kerekes Lili, energetikus");
    assert_eq!(a["body"][3]["image"]["credit"], "Fotó: Fekete Márk");
    assert_eq!(a["body"][5]["url"], "https://www.youtube.com/watch?v=drupalSzel2");
    assert!(!a.to_string().contains("steal"));
    let corpus = press::load(&tree.content(), &tree.public()).unwrap();
    let redirects = corpus.redirects();
    assert!(redirects
        .contains(&("/hirek/ujra-lehet-szeleromuvet-epiteni", "/gazdasag/2024/03/03/ujra-lehet-szeleromuvet-epiteni")));
    assert!(redirects.contains(&("/node/2", "/gazdasag/2024/03/03/ujra-lehet-szeleromuvet-epiteni")));

    // Unchanged: byte-identical.
    let before = tree.snapshot();
    let again = pull(&mut drupal(&server, &fetcher), &fetcher, &tree.options()).unwrap();
    assert_eq!(again.written, 0);
    assert_eq!(diff(&before, &tree.snapshot()), (vec![], vec![], vec![]));

    // Edit one, unpublish one, publish a new one.
    {
        let mut st = server.state.lock().unwrap();
        let n = st.nodes.iter_mut().find(|n| n.nid == 3).unwrap();
        n.title = "Elfogadták az energiatörvényt".into();
        n.changed = 1_720_000_000;
        st.nodes.retain(|n| n.nid != 20);
        st.nodes.push(Node {
            nid: 500,
            title: "Új napelempark Szegeden".into(),
            section: "Tudomány",
            tags: vec!["Energia"],
            changed: 1_600_000_000,
            body: "<p>Átadták.</p>".into(),
            alias: None,
            image: false,
        });
    }
    pull(&mut drupal(&server, &fetcher), &fetcher, &tree.options()).unwrap();
    let (added, changed, removed) = diff(&before, &tree.snapshot());
    assert_eq!(added, ["content/articles/tudomany/uj-napelempark-szegeden.md"]);
    assert_eq!(
        changed,
        ["content/.pull-state.toml", "content/articles/belfold/vita-a-parlamentben-az-energiatorvenyrol.md",]
    );
    assert_eq!(removed, ["content/articles/tudomany/energiahir-10.md"]);
}

#[test]
fn unknown_sections_are_listed_not_guessed() {
    let mut nodes = corpus();
    nodes[1].section = "Horoszkóp";
    let server = serve(nodes);
    let tree = Tree::new("");
    let fetcher = fast_fetcher();
    let before = tree.snapshot();
    let err = pull(&mut drupal(&server, &fetcher), &fetcher, &tree.options()).unwrap_err();
    assert!(matches!(err, PullError::Unmapped(_)));
    assert!(err.to_string().contains("Horoszkóp: 1 post(s), e.g. „Vita a parlamentben az energiatörvényről”"), "{err}");
    assert_eq!(diff(&before, &tree.snapshot()), (vec![], vec![], vec![]));
}

/// Pulls once with `fault`, after a good pull; the error must name a URL of the server and the tree stay as it was.
fn misbehaves(fault: Fault, policy: RetryPolicy, expect: &str) -> Duration {
    let server = serve(corpus());
    let tree = Tree::new("");
    let fetcher = fast_fetcher();
    pull(&mut drupal(&server, &fetcher), &fetcher, &tree.options()).expect("the good pull");
    let before = tree.snapshot();
    server.state.lock().unwrap().fault = fault;
    let fetcher = Fetcher::new(policy);
    let mut opts = tree.options();
    opts.full = true;
    let started = Instant::now();
    let err = pull(&mut drupal(&server, &fetcher), &fetcher, &opts).unwrap_err();
    let took = started.elapsed();
    let text = err.to_string();
    assert!(text.starts_with(&format!("{}/jsonapi/node/article?", server.addr)), "{fault:?}: {text}");
    assert!(text.contains(expect), "{fault:?}: {text}");
    assert_eq!(diff(&before, &tree.snapshot()), (vec![], vec![], vec![]), "{fault:?} changed the tree");
    let leftovers: Vec<_> = std::fs::read_dir(tree.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains(".pull-"))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
    took
}

fn policy(retries: u32, timeout_ms: u64) -> RetryPolicy {
    RetryPolicy {
        retries,
        backoff: Duration::from_millis(100),
        max_wait: Duration::from_secs(5),
        timeout: Duration::from_millis(timeout_ms),
    }
}

#[test]
fn a_page_failing_halfway_leaves_the_tree_untouched() {
    misbehaves(
        Fault::FailPageTwo,
        policy(2, 5000),
        "HTTP 500 (Internal Server Error: The website encountered an unexpected error.) (gave up after 3 attempts)",
    );
}

#[test]
fn a_server_that_keeps_failing_is_given_up_on_with_backoff() {
    let took = misbehaves(Fault::Always503, policy(3, 5000), "HTTP 503 (gave up after 4 attempts)");
    // 100 + 200 + 400 ms of backoff.
    assert!(took >= Duration::from_millis(700), "{took:?}");
}

#[test]
fn malformed_json_names_the_url() {
    misbehaves(Fault::Malformed, policy(1, 5000), "malformed JSON");
}

#[test]
fn a_slow_server_times_out() {
    misbehaves(Fault::Slow, policy(1, 500), "timed out (gave up after 2 attempts)");
}

#[test]
fn json_api_errors_documents_are_reported() {
    misbehaves(
        Fault::ErrorsDocument,
        policy(2, 5000),
        "HTTP 403 (Forbidden: The current user is not allowed to GET the selected resource.)",
    );
}

#[test]
fn rate_limits_are_waited_out_as_the_server_asks() {
    let server = serve(corpus());
    server.state.lock().unwrap().fault = Fault::RateLimitOnce;
    let tree = Tree::new("");
    let fetcher = fast_fetcher();
    let started = Instant::now();
    let report = pull(&mut drupal(&server, &fetcher), &fetcher, &tree.options()).expect("a pull that waits");
    assert_eq!(report.articles, 120);
    // Three pages, each told to wait one second once.
    assert!(started.elapsed() >= Duration::from_secs(3), "{:?}", started.elapsed());
}

#[test]
fn an_unreachable_cms_names_the_url() {
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let tree = Tree::new("");
    let before = tree.snapshot();
    let fetcher = Fetcher::new(policy(1, 2000));
    let mut d = Drupal::new(&format!("http://{free}"), &fetcher, 50, "field_section");
    let err = pull(&mut d, &fetcher, &tree.options()).unwrap_err().to_string();
    assert!(err.starts_with(&format!("http://{free}/jsonapi/node/article?")), "{err}");
    assert!(err.contains("gave up after 2 attempts"), "{err}");
    assert_eq!(diff(&before, &tree.snapshot()), (vec![], vec![], vec![]));
}
