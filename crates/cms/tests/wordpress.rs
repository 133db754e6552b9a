//! WordPress's REST API, twice over:
//!
//! - against a real WordPress (Debian's 6.1 on loopback, started and seeded by
//!   scripts/wordpress.sh; `make test-cms` does it and sets HIRLAP_WP_URL). Without it that test
//!   says so and passes only if HIRLAP_REQUIRE_WP is unset;
//! - against a fixture server of our own (tiny_http on loopback) answering as the REST API does
//!   (`/wp-json/` or `?rest_route=`, `_embed`, `X-WP-Total` / `X-WP-TotalPages`, `status`,
//!   `modified_after`, `include`, `_fields=id`, `{"code","message"}` errors), with the same
//!   cases and misbehaviours as the Drupal fixture in drupal.rs.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use cms::http::Fetcher;
use cms::pull::PullError;
use cms::source::Source;
use cms::wordpress::WordPress;
use common::server::{Loopback, Reply};
use common::{
    block_types, diff, fast_fetcher, fixture_pull_table, misbehaves, policy, pull, repo, Fault, Fixture, Tree, HOSTILE,
    PNG,
};
use serde_json::{json, Value};

fn wordpress_url() -> Option<String> {
    match std::env::var("HIRLAP_WP_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            assert!(
                std::env::var_os("HIRLAP_REQUIRE_WP").is_none(),
                "HIRLAP_REQUIRE_WP is set but HIRLAP_WP_URL is not"
            );
            eprintln!("skipped: no HIRLAP_WP_URL (run `make test-cms`)");
            None
        }
    }
}

const ARTICLE: &str = "articles/belfold/2024/05/21/megujul-a-duna-parti-setany.json";

#[test]
// One function on purpose: a story of successive pulls against one CMS, each step reading the
// tree and the state the step before left; split, each part would have to rebuild that state.
fn a_real_wordpress_becomes_a_site_and_later_pulls_change_exactly_what_changed() {
    let Some(url) = wordpress_url() else { return };
    let tree = Tree::new("[pull]\nsections = { \"hazai-hirek\" = \"belfold\" }\n");
    let fetcher = fast_fetcher();
    let mut wp = WordPress::new(&url, &fetcher, 100);

    // ---- first pull: everything published, nothing else
    let report = pull(&mut wp, &fetcher, &tree.options()).expect("first pull");
    assert!(report.full);
    assert_eq!(report.articles, 110, "{}", report.summary());
    assert!(
        report.warnings.iter().any(|w| w.contains("„Megújul a Duna-parti sétány”: dropped <script>")),
        "{:?}",
        report.warnings
    );
    assert!(
        report.warnings.iter().any(|w| w.contains("dropped <iframe> (https://terkep.example/beagyazott)")),
        "{:?}",
        report.warnings
    );
    let all_sources: String = tree
        .snapshot()
        .iter()
        .filter(|(k, _)| k.ends_with(".md"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .collect();
    for hidden in ["Piszkozat: új buszvonal", "Időzített cikk", "Belső feljegyzés", "Tévesen közölt hír", "Hello world"]
    {
        assert!(!all_sources.contains(hidden), "`{hidden}` must not be pulled");
    }
    assert!(!all_sources.contains("<script") && !all_sources.contains("<iframe"));

    // ---- what a reader gets, through press
    let built = tree.build();
    assert_eq!(built.articles, 110);
    let a = tree.json(ARTICLE);
    assert_eq!(a["title"], "Megújul a Duna-parti sétány");
    assert_eq!(a["lead"], "Két év munka után a gyalogosoké és a kerékpárosoké lesz a rakpart alsó szakasza.");
    assert_eq!(a["section"]["name"], "Belföld");
    assert_eq!(a["author"]["name"], "Kovács Anna");
    assert_eq!(a["author"]["bio"], "Belpolitikai újságíró; városokról, közlekedésről és önkormányzatokról ír.");
    assert_eq!(a["published"], "2024-05-21T09:30:00+02:00");
    let tags: Vec<&str> = a["tags"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(tags, ["Budapest", "Közlekedés", "Önkormányzat"]);
    assert_eq!(a["cover"]["src"], "/public/cms/2024/05/rakpart-reggel.jpg");
    assert_eq!((a["cover"]["width"].as_u64(), a["cover"]["height"].as_u64()), (Some(640), Some(360)));
    assert_eq!(a["cover"]["credit"], "Fotó: Szalai Réka / CIVILHETES");
    assert_eq!(
        block_types(&a),
        ["paragraph", "heading", "paragraph", "pull_quote", "quote", "image", "list", "list", "embed", "paragraph"]
    );
    let body = &a["body"];
    assert_eq!(body[0]["spans"][1], serde_json::json!({ "text": "nagy többséggel", "strong": true }));
    // A link to another pulled post points at its new page.
    assert_eq!(body[0]["spans"][5]["href"], "/belfold/2024/05/20/hosegriasztas-jon-a-hetvegere");
    assert_eq!(body[3]["text"], "A rakpart végre a városé lesz, nem az autóké.");
    assert_eq!(body[4]["cite"], "Varga Ilona, a környékbeli lakók egyesületének elnöke");
    assert_eq!(body[5]["image"]["src"], "/public/cms/2024/05/uj-setany-terkep.png");
    assert_eq!(body[5]["image"]["caption"], "A sétány három szakasza");
    assert_eq!(body[5]["image"]["credit"], "Térkép: Fővárosi Főépítészi Iroda");
    assert_eq!(
        body[8],
        serde_json::json!({ "type": "embed", "url": "https://www.youtube.com/watch?v=hirlapSeta1", "title": "www.youtube.com" })
    );
    let text = a.to_string();
    assert!(!text.contains("feltörve") && !text.contains("terkep.example"), "script or iframe leaked: {text}");
    // More posts than one REST page: all 105 short notes are there; a mapped category landed.
    assert_eq!(tree.json("sections/technika/0.json")["list"]["total"], 105);
    assert_eq!(
        tree.json("articles/belfold/2024/05/17/akkumulatorgyar-epul-a-dunantulon.json")["section"]["slug"],
        "belfold"
    );
    assert_eq!(tree.json("authors/toth-bence/0.json")["author"]["name"], "Tóth Bence");
    // Old URLs become redirects.
    let corpus = press::load(&tree.content(), &tree.public()).unwrap();
    assert!(corpus
        .redirects()
        .contains(&("/2024/05/21/megujul-a-duna-parti-setany/", "/belfold/2024/05/21/megujul-a-duna-parti-setany")));

    // The first pull's sources, for scripts/test-cms.sh to build into a site and read in Chromium.
    if let Some(keep) = std::env::var_os("HIRLAP_CMS_KEEP") {
        let keep = std::path::PathBuf::from(keep);
        std::fs::create_dir_all(&keep).unwrap();
        for dir in [tree.content(), tree.public()] {
            let status = std::process::Command::new("cp").arg("-R").arg(&dir).arg(&keep).status().unwrap();
            assert!(status.success(), "copying {} into {}", dir.display(), keep.display());
        }
    }

    // ---- an unchanged WordPress gives a byte-identical tree
    let before = tree.snapshot();
    let again = pull(&mut wp, &fetcher, &tree.options()).expect("second pull");
    assert!(!again.full);
    assert_eq!(again.written, 0, "{}", again.summary());
    assert_eq!(diff(&before, &tree.snapshot()), (vec![], vec![], vec![]));

    // ---- edit one post, trash one, publish the draft: exactly those change
    let status = std::process::Command::new(repo().join("scripts/wordpress.sh")).arg("change").status().unwrap();
    assert!(status.success());
    let changed = pull(&mut wp, &fetcher, &tree.options()).expect("pull after the changes");
    assert!(!changed.full);
    let (added, modified, removed) = diff(&before, &tree.snapshot());
    assert_eq!(added, ["content/articles/belfold/uj-buszvonal-indul.md"]);
    assert_eq!(modified, ["content/.pull-state.toml", "content/articles/gazdasag/dragul-a-kenyer.md"]);
    assert_eq!(
        removed,
        ["content/articles/kulfold/kereskedelmi-targyalasok-brusszelben.md", "public/cms/2024/05/targyalo.jpg"]
    );
    tree.build();
    let edited = tree.json("articles/gazdasag/2024/05/18/dragul-a-kenyer.json");
    assert_eq!(edited["title"], "Tovább drágul a kenyér");
    assert!(edited["updated"].is_string());
    assert_eq!(edited["body"][0]["spans"][1]["text"], "tizenkét");
    assert_eq!(
        tree.json("articles/belfold/2024/05/16/uj-buszvonal-indul.json")["title"],
        "Piszkozat: új buszvonal indul"
    );
    assert!(!tree.out().join("articles/kulfold/2024/05/19/kereskedelmi-targyalasok-brusszelben.json").exists());
}

// ------------------------------------------------------------------ the fixture server

#[derive(Clone)]
struct WpPost {
    id: u64,
    title: String,
    slug: String,
    /// Category slug (the name comes from [`category_name`]).
    category: &'static str,
    tags: Vec<&'static str>,
    /// Day of May 2024, published at 09:30 local (+02:00).
    day: u32,
    /// `modified`, local time as WordPress writes it.
    modified: String,
    body: String,
    /// `publish`, `draft`, `future`, `private`, `trash`.
    status: &'static str,
    /// 1 or 2; 3 has an empty name; 0 is none (nothing embedded); any other id is an account
    /// deleted since (its embed is an error object).
    author: u64,
    /// `date_gmt` is null, as WordPress leaves it on a post it never dated.
    undated: bool,
    /// A featured image at `/wp-content/uploads/2024/05/<cover>`.
    cover: Option<&'static str>,
    /// Password-protected: listed with `content.protected`, as WordPress does.
    protected: bool,
}

impl WpPost {
    fn new(id: u64, title: &str, category: &'static str, day: u32, body: &str) -> WpPost {
        WpPost {
            id,
            title: title.into(),
            slug: model::slug::slugify(title),
            category,
            tags: Vec::new(),
            day,
            modified: format!("2024-05-{day:02}T10:00:00"),
            body: body.into(),
            status: "publish",
            author: 1 + id % 2,
            cover: None,
            protected: false,
            undated: false,
        }
    }
}

fn category_name(slug: &str) -> &'static str {
    match slug {
        "hazai-hirek" => "Hazai hírek",
        "gazdasag" => "Gazdaság",
        "technika" => "Technika",
        _ => "Horoszkóp",
    }
}

struct Site {
    posts: Vec<WpPost>,
    /// Category slug → name, author id → name: what an editor renamed in the CMS (posts'
    /// `modified` stays as it was, as in WordPress).
    renamed_categories: HashMap<&'static str, String>,
    renamed_authors: HashMap<u64, String>,
    /// `false`: no pretty permalinks, the API answers only at `/?rest_route=`.
    pretty: bool,
    fault: Fault,
    seen: HashMap<String, usize>,
    queries: Vec<Vec<(String, String)>>,
    /// Added to every answer, so that a pull lasts long enough to be killed in its middle.
    latency: Duration,
}

struct Server {
    http: Loopback,
    state: Arc<Mutex<Site>>,
}

impl Fixture for Server {
    fn collection(&self) -> String {
        format!("{}/wp-json/wp/v2/posts?", self.http.addr)
    }

    fn set_fault(&self, fault: Fault) {
        self.state.lock().unwrap().fault = fault;
    }

    fn source<'f>(&self, fetcher: &'f Fetcher) -> Box<dyn Source + 'f> {
        Box::new(wordpress(self, fetcher))
    }
}

fn gmt(local: &str) -> String {
    let t = NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S").unwrap();
    (t - chrono::Duration::hours(2)).format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A user as `/wp/v2/users` and `_embedded.author` show it.
fn user_json(site: &Site, id: u64) -> Value {
    let mut user = match id {
        1 => {
            json!({ "id": 1, "name": "Kovács Anna", "slug": "kovacs-anna", "description": "<p>Belpolitikai újságíró.</p>" })
        }
        2 => json!({ "id": 2, "name": "Tóth Bence", "slug": "toth-bence", "description": "" }),
        3 => json!({ "id": 3, "name": "", "slug": "nevtelen", "description": "" }),
        _ => return json!({ "code": "rest_user_invalid_id", "message": "Invalid user ID.", "data": { "status": 404 } }),
    };
    if let Some(name) = site.renamed_authors.get(&id) {
        user["name"] = json!(name);
    }
    user
}

/// A category as `/wp/v2/categories` and the embedded terms show it.
fn category_json(site: &Site, slug: &'static str) -> Value {
    let id = ["hazai-hirek", "gazdasag", "technika"].iter().position(|s| *s == slug).map_or(99, |i| 10 + i);
    let name = site.renamed_categories.get(slug).cloned().unwrap_or_else(|| category_name(slug).to_owned());
    json!({ "id": id, "name": name, "slug": slug })
}

fn post_json(site: &Site, base: &str, p: &WpPost) -> Value {
    let date = format!("2024-05-{:02}T09:30:00", p.day);
    let author = user_json(site, p.author);
    let mut category = category_json(site, p.category);
    category["taxonomy"] = json!("category");
    let mut terms = vec![json!([category])];
    terms.push(Value::Array(
        p.tags.iter().map(|t| json!({ "name": t, "slug": model::slug::slugify(t), "taxonomy": "post_tag" })).collect(),
    ));
    let mut embedded = json!({
        "author": [author],
        "wp:term": terms,
    });
    // Author 0 (a post imported without one) has no author link, so nothing is embedded.
    if p.author == 0 {
        embedded.as_object_mut().unwrap().remove("author");
    }
    if let Some(file) = p.cover {
        embedded["wp:featuredmedia"] = json!([{ "id": 900 + p.id, "alt_text": "A rakpart reggel",
            "source_url": format!("{base}/wp-content/uploads/2024/05/{file}"),
            "caption": { "rendered": "<p>Fotó: Szalai Réka</p>\n" } }]);
    }
    json!({
        "id": p.id,
        "date": date,
        "date_gmt": if p.undated { Value::Null } else { Value::String(gmt(&date)) },
        "modified": p.modified,
        "modified_gmt": gmt(&p.modified),
        "slug": p.slug,
        "status": p.status,
        "type": "post",
        "link": format!("{base}/2024/05/{:02}/{}/", p.day, p.slug),
        "title": { "rendered": p.title },
        "content": { "rendered": if p.protected { "" } else { p.body.as_str() }, "protected": p.protected },
        "excerpt": { "rendered": "", "protected": p.protected },
        "author": p.author,
        "_embedded": embedded,
    })
}

fn param<'q>(query: &'q [(String, String)], key: &str) -> Option<&'q str> {
    query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn wp_error(status: u16, code: &str, message: &str) -> Reply {
    Reply::json(status, "application/json", &json!({ "code": code, "message": message, "data": { "status": status } }))
}

fn fault_reply(fault: Fault, page: usize, first_of_url: bool) -> Option<Reply> {
    match fault {
        Fault::Always503 => Some(Reply::new(503, "Service Unavailable")),
        Fault::FailPageTwo if page > 1 => {
            Some(wp_error(500, "internal_server_error", "There has been a critical error on this website."))
        }
        // The HTTP-date form of Retry-After, two seconds ahead (one to two seconds once cut to whole seconds).
        Fault::RateLimitOnce if first_of_url => Some(
            Reply::new(429, "Too Many Requests")
                .header("Retry-After", httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(2))),
        ),
        Fault::Forbidden => Some(wp_error(401, "rest_forbidden", "Sorry, you are not allowed to do that.")),
        _ => None,
    }
}

/// The posts a query selects, in id order.
fn select(posts: &[WpPost], q: &[(String, String)]) -> Vec<WpPost> {
    let mut out: Vec<WpPost> = posts.to_vec();
    out.sort_by_key(|p| p.id);
    let status = param(q, "status").unwrap_or("publish");
    out.retain(|p| p.status == status);
    if let Some(after) = param(q, "modified_after") {
        out.retain(|p| p.modified.as_str() > after);
    }
    if let Some(ids) = param(q, "include") {
        let ids: Vec<u64> = ids.split(',').filter_map(|i| i.parse().ok()).collect();
        out.retain(|p| ids.contains(&p.id));
    }
    out
}

fn respond(state: &Mutex<Site>, base: &str, url: &str) -> Reply {
    let latency = state.lock().unwrap().latency;
    std::thread::sleep(latency);
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    if path.starts_with("/wp-content/uploads/") {
        return if path.ends_with(".png") {
            Reply::new(200, PNG).header("Content-Type", "image/png")
        } else {
            Reply::new(404, "")
        };
    }
    let q: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let mut st = state.lock().unwrap();
    // The names an incremental pull compares: every category, and the users with published posts.
    if st.pretty && (path == "/wp-json/wp/v2/categories" || path == "/wp-json/wp/v2/users") {
        let mut published: Vec<WpPost> = st.posts.iter().filter(|p| p.status == "publish").cloned().collect();
        published.sort_by_key(|p| p.id);
        let items: Vec<Value> = if path.ends_with("categories") {
            // Every category, with posts or without (WordPress lists empty ones too).
            ["gazdasag", "hazai-hirek", "horoszkop", "technika"].into_iter().map(|s| category_json(&st, s)).collect()
        } else {
            let mut ids: Vec<u64> = published.iter().map(|p| p.author).filter(|a| (1..=3).contains(a)).collect();
            ids.sort();
            ids.dedup();
            ids.into_iter().map(|i| user_json(&st, i)).collect()
        };
        return Reply::new(200, Value::Array(items).to_string())
            .header("Content-Type", "application/json; charset=UTF-8")
            .header("X-WP-TotalPages", "1");
    }
    let posts_route = match (st.pretty, path) {
        (true, "/wp-json/") => {
            return Reply::json(
                200,
                "application/json",
                &json!({ "name": "Fixture", "namespaces": ["oembed/1.0", "wp/v2"] }),
            )
        }
        (true, "/wp-json/wp/v2/posts") => true,
        (false, "/") => param(&q, "rest_route") == Some("/wp/v2/posts"),
        _ => false,
    };
    if !posts_route {
        return Reply::new(404, "<html><body>Az oldal nem található</body></html>").header("Content-Type", "text/html");
    }
    st.queries.push(q.clone());
    let page: usize = param(&q, "page").and_then(|v| v.parse().ok()).unwrap_or(1);
    let per_page: usize = param(&q, "per_page").and_then(|v| v.parse().ok()).unwrap_or(10);
    let seen = {
        let n = st.seen.entry(url.to_owned()).or_insert(0);
        *n += 1;
        *n
    };
    if let Some(reply) = fault_reply(st.fault, page, seen == 1) {
        return reply;
    }
    if st.fault == Fault::Slow {
        drop(st);
        std::thread::sleep(Duration::from_secs(3));
        st = state.lock().unwrap();
    }
    let selected = select(&st.posts, &q);
    let total_pages = selected.len().div_ceil(per_page);
    if page > total_pages.max(1) {
        return wp_error(
            400,
            "rest_post_invalid_page_number",
            "The page number requested is larger than the number of pages available.",
        );
    }
    let items: Vec<Value> = selected
        .iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .map(|p| if param(&q, "_fields") == Some("id") { json!({ "id": p.id }) } else { post_json(&st, base, p) })
        .collect();
    let body = Value::Array(items).to_string();
    let body = if st.fault == Fault::Malformed && page > 1 { body[..body.len() / 2].to_owned() } else { body };
    Reply::new(200, body)
        .header("Content-Type", "application/json; charset=UTF-8")
        .header("X-WP-Total", selected.len().to_string())
        .header("X-WP-TotalPages", total_pages.to_string())
}

fn serve_site(posts: Vec<WpPost>, pretty: bool) -> Server {
    let state = Arc::new(Mutex::new(Site {
        posts,
        renamed_categories: HashMap::new(),
        renamed_authors: HashMap::new(),
        pretty,
        fault: Fault::None,
        seen: HashMap::new(),
        queries: Vec::new(),
        latency: Duration::ZERO,
    }));
    let shared = state.clone();
    Server { http: Loopback::start(move |base, url| respond(&shared, base, url)), state }
}

fn serve(posts: Vec<WpPost>) -> Server {
    serve_site(posts, true)
}

/// 50 posts a page, so the corpus takes three.
fn wordpress<'f>(server: &Server, fetcher: &'f Fetcher) -> WordPress<'f> {
    WordPress::new(&server.http.addr, fetcher, 50)
}

const RICH: &str = r#"<p>A közgyűlés <strong>nagy többséggel</strong> döntött; az előzményekről <a href="/2024/05/20/hosegriasztas-jon-a-hetvegere/">tegnap írtunk</a>.</p>
<h2 class="wp-block-heading">Mi változik?</h2>
<figure class="wp-block-pullquote"><blockquote><p>A rakpart a városé lesz.</p></blockquote></figure>
<blockquote class="wp-block-quote"><p>„Végre sétálhatunk.”</p><cite>Varga Ilona, lakó</cite></blockquote>
<figure class="wp-block-image"><img src="../../../../wp-content/uploads/2024/05/./terkep.png" alt="Térkép"/><figcaption>A sétány szakaszai <cite>Térkép: Főépítészi Iroda</cite></figcaption></figure>
<ul><li>padok</li><li>fák</li></ul>
<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=fixtureSeta
</div></figure>
<script>steal()</script>"#;

fn corpus() -> Vec<WpPost> {
    let mut posts = vec![
        WpPost {
            tags: vec!["Budapest", "Közlekedés"],
            cover: Some("rakpart.png"),
            author: 1,
            ..WpPost::new(1, "Megújul a Duna-parti sétány", "hazai-hirek", 21, RICH)
        },
        WpPost::new(2, "Hőségriasztás jön a hétvégére", "hazai-hirek", 20, "<p>Harmincöt fok is lehet.</p>"),
        WpPost::new(3, "Drágul a kenyér", "gazdasag", 18, "<p>Tíz százalékkal.</p>"),
        WpPost {
            cover: Some("targyalo.png"),
            ..WpPost::new(4, "Kereskedelmi tárgyalások", "gazdasag", 19, "<p>Brüsszelben.</p>")
        },
        WpPost {
            status: "draft", ..WpPost::new(5, "Új buszvonal indul", "hazai-hirek", 16, "<p>Jövő héttől.</p>")
        },
        WpPost { protected: true, ..WpPost::new(6, "Jelszavas cikk", "hazai-hirek", 15, "<p>Titok.</p>") },
        WpPost { status: "future", ..WpPost::new(7, "Időzített cikk", "hazai-hirek", 14, "<p>Később.</p>") },
        WpPost { status: "private", ..WpPost::new(8, "Belső feljegyzés", "hazai-hirek", 13, "<p>Belső.</p>") },
    ];
    for i in 0..105u64 {
        posts.push(WpPost {
            modified: format!("2024-05-01T08:{:02}:{:02}", i / 60, i % 60),
            ..WpPost::new(
                100 + i,
                &format!("Rövid technikai hír {i}"),
                "technika",
                1,
                &format!("<p>A(z) {i}. hír.</p>"),
            )
        });
    }
    posts
}

// ------------------------------------------------------------------ the fixture tests

#[test]
// One function on purpose: a story of successive pulls against one CMS, each step reading the
// tree and the state the step before left; split, each part would have to rebuild that state.
fn wordpress_rest_becomes_a_site_and_later_pulls_change_exactly_what_changed() {
    let server = serve(corpus());
    let tree = Tree::new(fixture_pull_table());
    let fetcher = fast_fetcher();
    let first = pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).expect("first pull");
    assert!(first.full);
    assert_eq!(first.articles, 109, "{}", first.summary());
    assert!(
        first.warnings.iter().any(|w| w.contains("wordpress #1 „Megújul a Duna-parti sétány”: dropped <script>")),
        "{:?}",
        first.warnings
    );
    // The probe, the categories and users (names an incremental pull compares), 110 published
    // posts at 50 a page, three images; nothing more.
    assert_eq!(server.http.requests(), 1 + 2 + 3 + 3);
    let all_sources: String = tree
        .snapshot()
        .iter()
        .filter(|(k, _)| k.ends_with(".md"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .collect();
    for hidden in ["Új buszvonal", "Jelszavas", "Titok", "Időzített", "Belső feljegyzés"] {
        assert!(!all_sources.contains(hidden), "`{hidden}` must not be pulled");
    }

    tree.build();
    let a = tree.json("articles/belfold/2024/05/21/megujul-a-duna-parti-setany.json");
    assert_eq!(a["title"], "Megújul a Duna-parti sétány");
    assert_eq!(a["author"]["name"], "Kovács Anna");
    assert_eq!(a["author"]["bio"], "Belpolitikai újságíró.");
    assert_eq!(a["published"], "2024-05-21T09:30:00+02:00");
    assert_eq!(a["section"]["slug"], "belfold");
    let tags: Vec<&str> = a["tags"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(tags, ["Budapest", "Közlekedés"]);
    assert_eq!(a["cover"]["src"], "/public/cms/2024/05/rakpart.png");
    assert_eq!(a["cover"]["credit"], "Fotó: Szalai Réka");
    assert_eq!(block_types(&a), ["paragraph", "heading", "pull_quote", "quote", "image", "list", "embed"]);
    // A relative link to another pulled post points at its new page; a relative image resolved and downloaded.
    assert_eq!(a["body"][0]["spans"][3]["href"], "/belfold/2024/05/20/hosegriasztas-jon-a-hetvegere");
    assert_eq!(a["body"][3]["cite"], "Varga Ilona, lakó");
    assert_eq!(a["body"][4]["image"]["src"], "/public/cms/2024/05/terkep.png");
    assert_eq!(a["body"][4]["image"]["credit"], "Térkép: Főépítészi Iroda");
    assert_eq!(a["body"][6]["url"], "https://www.youtube.com/watch?v=fixtureSeta");
    assert!(!a.to_string().contains("steal"));
    // More posts than one page: all 105 short ones are there.
    assert_eq!(tree.json("sections/technika/0.json")["list"]["total"], 105);
    let corpus = press::load(&tree.content(), &tree.public()).unwrap();
    assert!(corpus
        .redirects()
        .contains(&("/2024/05/21/megujul-a-duna-parti-setany/", "/belfold/2024/05/21/megujul-a-duna-parti-setany")));

    // Unchanged: byte-identical; only what changed since the newest `modified` was asked for.
    let before = tree.snapshot();
    server.state.lock().unwrap().queries.clear();
    let again = pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).unwrap();
    assert!(!again.full);
    // The newest post comes again (one second earlier, so that a change in that same second is not missed).
    assert_eq!((again.fetched, again.written), (1, 0));
    assert_eq!(diff(&before, &tree.snapshot()), (vec![], vec![], vec![]));
    let queries = server.state.lock().unwrap().queries.clone();
    assert!(queries.iter().all(|q| param(q, "status") == Some("publish")));
    assert!(
        queries.iter().any(|q| param(q, "modified_after") == Some("2024-05-21T09:59:59")),
        "no modified_after at the newest mark: {queries:?}"
    );

    // Edit one, trash one, publish the draft (it keeps its old modified time).
    {
        let mut st = server.state.lock().unwrap();
        let p = st.posts.iter_mut().find(|p| p.id == 3).unwrap();
        p.title = "Tovább drágul a kenyér".into();
        p.modified = "2024-06-01T10:00:00".into();
        st.posts.iter_mut().find(|p| p.id == 4).unwrap().status = "trash";
        st.posts.iter_mut().find(|p| p.id == 5).unwrap().status = "publish";
        // Password-protected later: still listed as published, but no longer for a public site.
        let p = st.posts.iter_mut().find(|p| p.id == 100).unwrap();
        p.protected = true;
        p.modified = "2024-06-01T11:00:00".into();
    }
    pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).unwrap();
    let (added, changed, removed) = diff(&before, &tree.snapshot());
    assert_eq!(added, ["content/articles/belfold/uj-buszvonal-indul.md"]);
    assert_eq!(changed, ["content/.pull-state.toml", "content/articles/gazdasag/dragul-a-kenyer.md"]);
    assert_eq!(
        removed,
        [
            "content/articles/gazdasag/kereskedelmi-targyalasok.md",
            "content/articles/technika/rovid-technikai-hir-0.md",
            "public/cms/2024/05/targyalo.png"
        ]
    );
    tree.build();
    assert_eq!(tree.json("articles/gazdasag/2024/05/18/dragul-a-kenyer.json")["title"], "Tovább drágul a kenyér");
}

#[test]
fn a_site_without_pretty_permalinks_is_read_through_rest_route() {
    let server = serve_site(corpus(), false);
    let tree = Tree::new(fixture_pull_table());
    let fetcher = fast_fetcher();
    let report = pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).expect("pull via ?rest_route=");
    assert_eq!(report.articles, 109);
}

#[test]
fn wordpress_unknown_categories_are_listed_not_guessed() {
    let mut posts = corpus();
    posts[2].category = "horoszkop";
    let server = serve(posts);
    let tree = Tree::new(fixture_pull_table());
    let fetcher = fast_fetcher();
    let before = tree.snapshot();
    let err = pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).unwrap_err();
    assert!(matches!(err, PullError::Unmapped(_)));
    assert!(err.to_string().contains("Horoszkóp: 1 post(s), e.g. „Drágul a kenyér”"), "{err}");
    assert_eq!(diff(&before, &tree.snapshot()), (vec![], vec![], vec![]));
}

#[test]
fn wordpress_a_post_tagged_elo_becomes_a_live_blog_whose_headings_are_its_entries() {
    let live = r#"<p>Követjük az estét.</p>
<h2 class="wp-block-heading">2024-05-21 22:11 [!kiemelt] Megvan a győztes</h2>
<p>Tamási Judit nyert.</p>
<h2 class="wp-block-heading">2024-05-21 19:00</h2>
<p>Bezártak a szavazókörök.</p>"#;
    let mut posts = corpus();
    posts.push(WpPost {
        tags: vec!["Választás", "Élő"],
        ..WpPost::new(9, "Választás percről percre", "hazai-hirek", 21, live)
    });
    let server = serve(posts.clone());
    let tree = Tree::new(fixture_pull_table());
    let fetcher = fast_fetcher();
    pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).expect("pull");
    tree.build();
    let a = tree.json("articles/belfold/2024/05/21/valasztas-percrol-percre.json");
    let tags: Vec<&str> = a["tags"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(tags, ["Választás"], "the marker is no topic");
    assert!(a["live"].get("ended").is_none(), "tagged: running");
    let entries = a["live"]["entries"].as_array().unwrap();
    let ids: Vec<&str> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["e-20240521-2211", "e-20240521-1900"]);
    assert_eq!((entries[0]["title"].as_str(), entries[0]["pinned"].as_bool()), (Some("Megvan a győztes"), Some(true)));
    assert_eq!(a["body"].as_array().unwrap().len(), 1, "the intro");

    // Untagged in the CMS: the coverage has ended, at its newest entry.
    posts.last_mut().unwrap().tags = vec!["Választás"];
    posts.last_mut().unwrap().modified = "2024-05-22T08:00:00".into();
    let server = serve(posts);
    pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).expect("second pull");
    tree.build();
    let a = tree.json("articles/belfold/2024/05/21/valasztas-percrol-percre.json");
    assert_eq!(a["live"]["ended"], "2024-05-21T22:11:00+02:00");
}

#[test]
fn wordpress_hostile_html_never_reaches_the_tree() {
    let server = serve(vec![WpPost::new(7, "Gyanús cikk", "hazai-hirek", 8, HOSTILE)]);
    let tree = Tree::new(fixture_pull_table());
    let fetcher = fast_fetcher();
    let report = pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).unwrap();
    for what in ["<script>", "<style>", "<iframe> (https://tamado.example/keret)", "<form>", "<svg>", "<object>"] {
        assert!(
            report.warnings.iter().any(|w| w.contains("wordpress #7") && w.contains(what)),
            "{what}: {:?}",
            report.warnings
        );
    }
    assert!(report.warnings.iter().any(|w| w.contains("link target not allowed")), "{:?}", report.warnings);
    assert!(report.warnings.iter().any(|w| w.contains("source that is not allowed")), "{:?}", report.warnings);
    tree.build();
    let text = tree.json("articles/belfold/2024/05/08/gyanus-cikk.json").to_string();
    assert!(text.contains("Ártalmatlan mondat."), "{text}");
    for bad in ["steal", "tamado", "javascript", "data:", "onclick", "<"] {
        assert!(!text.contains(bad), "{bad} leaked: {text}");
    }
}

#[test]
fn wordpress_a_page_failing_halfway_leaves_the_tree_untouched() {
    misbehaves(
        &serve(corpus()),
        Fault::FailPageTwo,
        policy(2, 5000),
        "HTTP 500 (There has been a critical error on this website.) (gave up after 3 attempts)",
    );
}

#[test]
fn wordpress_a_server_that_keeps_failing_is_given_up_on_with_backoff() {
    let took = misbehaves(&serve(corpus()), Fault::Always503, policy(3, 5000), "HTTP 503 (gave up after 4 attempts)");
    // 100 + 200 + 400 ms of backoff.
    assert!(took >= Duration::from_millis(700), "{took:?}");
}

#[test]
fn wordpress_malformed_json_names_the_url() {
    misbehaves(&serve(corpus()), Fault::Malformed, policy(1, 5000), "malformed JSON");
}

#[test]
fn wordpress_a_slow_server_times_out() {
    misbehaves(&serve(corpus()), Fault::Slow, policy(1, 500), "timed out (gave up after 2 attempts)");
}

#[test]
fn wordpress_error_documents_are_reported() {
    misbehaves(
        &serve(corpus()),
        Fault::Forbidden,
        policy(2, 5000),
        "HTTP 401 (Sorry, you are not allowed to do that.)",
    );
}

#[test]
fn wordpress_rate_limits_are_waited_out_as_the_server_asks() {
    let server = serve(corpus());
    server.set_fault(Fault::RateLimitOnce);
    let tree = Tree::new(fixture_pull_table());
    let fetcher = fast_fetcher();
    let started = Instant::now();
    let report = pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).expect("a pull that waits");
    assert_eq!(report.articles, 109);
    // Three pages, each told once to wait until a date one to two seconds ahead.
    assert!(started.elapsed() >= Duration::from_millis(2900), "{:?}", started.elapsed());
}

#[test]
fn wordpress_an_unreachable_cms_names_the_url() {
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let tree = Tree::new(fixture_pull_table());
    let before = tree.snapshot();
    let fetcher = Fetcher::new(policy(1, 2000));
    let mut wp = WordPress::new(&format!("http://{free}"), &fetcher, 50);
    let err = pull(&mut wp, &fetcher, &tree.options()).unwrap_err().to_string();
    assert!(err.starts_with(&format!("http://{free}/wp-json/")), "{err}");
    assert!(err.contains("gave up after 2 attempts"), "{err}");
    assert_eq!(diff(&before, &tree.snapshot()), (vec![], vec![], vec![]));
}

#[test]
fn wordpress_a_post_without_a_showable_author_is_signed_with_the_sites_name() {
    let posts = vec![
        WpPost::new(2, "Hőségriasztás jön a hétvégére", "hazai-hirek", 20, "<p>Harmincöt fok is lehet.</p>"),
        // A deleted user, author 0, a user whose name is empty.
        WpPost { author: 9, ..WpPost::new(3, "Drágul a kenyér", "gazdasag", 18, "<p>Tíz százalékkal.</p>") },
        WpPost { author: 0, ..WpPost::new(5, "Olcsóbb a tej", "gazdasag", 17, "<p>Öt százalékkal.</p>") },
        WpPost { author: 3, ..WpPost::new(7, "Nő a forint", "gazdasag", 16, "<p>Egy százalékkal.</p>") },
    ];
    let server = serve(posts);
    let tree = Tree::new(fixture_pull_table());
    let fetcher = fast_fetcher();
    let report = pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).expect("pulled");
    assert_eq!(report.articles, 4);
    for post in ["wordpress #3 „Drágul a kenyér”", "wordpress #5 „Olcsóbb a tej”", "wordpress #7 „Nő a forint”"]
    {
        assert!(
            report.warnings.iter().any(|w| w.starts_with(&format!("{post}: no author the CMS shows; credited to the site, „CIVILHETES”"))),
            "{post}: {:?}",
            report.warnings
        );
    }
    // One author file for them, with the site's name; no file without a name.
    let authors: Vec<String> = tree.snapshot().keys().filter(|k| k.starts_with("content/authors/")).cloned().collect();
    assert_eq!(authors, ["content/authors/kovacs-anna.toml", "content/authors/szerkesztoseg.toml"]);
    assert!(tree.read("content/authors/szerkesztoseg.toml").starts_with("name = \"CIVILHETES\"\n"));
    tree.build();
    for file in ["18/dragul-a-kenyer", "17/olcsobb-a-tej", "16/no-a-forint"] {
        let a = tree.json(&format!("articles/gazdasag/2024/05/{file}.json"));
        assert_eq!(
            (&a["author"]["slug"], &a["author"]["name"]),
            (&json!("szerkesztoseg"), &json!("CIVILHETES")),
            "{file}"
        );
    }
    assert_eq!(
        tree.json("articles/belfold/2024/05/20/hosegriasztas-jon-a-hetvegere.json")["author"]["name"],
        "Kovács Anna"
    );
}

#[test]
fn wordpress_an_unreadable_post_is_skipped_with_a_warning_and_the_rest_pulled() {
    let server = serve(corpus());
    let tree = Tree::new(fixture_pull_table());
    let fetcher = fast_fetcher();
    pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).expect("the good pull");
    let before = tree.snapshot();
    // A post pulled before becomes unreadable, and a new one is unreadable from the start.
    {
        let mut st = server.state.lock().unwrap();
        st.posts.iter_mut().find(|p| p.id == 3).unwrap().undated = true;
        st.posts.push(WpPost { undated: true, ..WpPost::new(9, "Dátum nélkül", "gazdasag", 22, "<p>?</p>") });
    }
    let mut opts = tree.options();
    opts.full = true;
    let report = pull(&mut wordpress(&server, &fetcher), &fetcher, &opts).expect("pulled without the two");
    for (id, title) in [(3, "Drágul a kenyér"), (9, "Dátum nélkül")] {
        let head = format!("wordpress #{id} „{title}”: not pulled");
        assert!(report.warnings.iter().any(|w| w.starts_with(&head)), "{head}: {:?}", report.warnings);
    }
    // The one pulled before stays as it was; no other file changed (the state may keep an older
    // mark when the newest post was the unreadable one: the next pull then asks for a little more).
    assert_eq!(report.articles, 109);
    let (added, changed, removed) = diff(&before, &tree.snapshot());
    assert!(added.is_empty() && removed.is_empty(), "{added:?} {removed:?}");
    assert!(changed.iter().all(|f| f == "content/.pull-state.toml"), "{changed:?}");
}

#[test]
fn wordpress_progress_reports_the_total() {
    let server = serve(corpus());
    let fetcher = fast_fetcher();
    let mut seen = Vec::new();
    let batch =
        cms::source::posts(&mut wordpress(&server, &fetcher), None, &[], &mut |done, total| seen.push((done, total)))
            .unwrap();
    assert_eq!(batch.posts.len(), 109);
    // 110 published (one password-protected, listed but never pulled) at 50 a page.
    assert_eq!(seen, [(50, Some(110)), (100, Some(110)), (110, Some(110))]);
}

#[test]
fn wordpress_a_post_moved_twice_keeps_every_old_url_as_an_alias() {
    let posts = vec![
        WpPost::new(2, "Hőségriasztás jön a hétvégére", "hazai-hirek", 20, "<p>Harmincöt fok is lehet.</p>"),
        WpPost::new(4, "Kereskedelmi tárgyalások", "gazdasag", 19, "<p>Brüsszelben.</p>"),
    ];
    let server = serve(posts);
    let tree = Tree::new(fixture_pull_table());
    let fetcher = fast_fetcher();
    pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).expect("first pull");
    // An editor moves it to another category, then to a third; each pull is incremental.
    for (category, modified) in [("hazai-hirek", "2024-06-01T10:00:00"), ("technika", "2024-06-02T10:00:00")] {
        {
            let mut st = server.state.lock().unwrap();
            let p = st.posts.iter_mut().find(|p| p.id == 4).unwrap();
            p.category = category;
            p.modified = modified.into();
        }
        let report = pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).expect("pull after a move");
        assert!(!report.full);
    }
    let source = tree.read("content/articles/technika/kereskedelmi-targyalasok.md");
    assert!(
        source.contains(
            "aliases = [\"/2024/05/19/kereskedelmi-targyalasok/\", \"/gazdasag/2024/05/19/kereskedelmi-targyalasok\", \"/belfold/2024/05/19/kereskedelmi-targyalasok\"]"
        ),
        "{source}"
    );
    // A reader following any of its old links lands on the article.
    tree.build();
    let corpus = press::load(&tree.content(), &tree.public()).unwrap();
    let to = "/technika/2024/05/19/kereskedelmi-targyalasok";
    for from in [
        "/2024/05/19/kereskedelmi-targyalasok/",
        "/gazdasag/2024/05/19/kereskedelmi-targyalasok",
        "/belfold/2024/05/19/kereskedelmi-targyalasok",
    ] {
        assert!(corpus.redirects().contains(&(from, to)), "{from}: {:?}", corpus.redirects());
    }
    // Back in its first section: that path is its own again, not an alias of itself.
    {
        let mut st = server.state.lock().unwrap();
        let p = st.posts.iter_mut().find(|p| p.id == 4).unwrap();
        p.category = "gazdasag";
        p.modified = "2024-06-03T10:00:00".into();
    }
    pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).expect("pull after moving back");
    let source = tree.read("content/articles/gazdasag/kereskedelmi-targyalasok.md");
    assert!(
        source.contains(
            "aliases = [\"/2024/05/19/kereskedelmi-targyalasok/\", \"/belfold/2024/05/19/kereskedelmi-targyalasok\", \"/technika/2024/05/19/kereskedelmi-targyalasok\"]"
        ),
        "{source}"
    );
}

#[test]
fn wordpress_a_category_or_author_renamed_in_the_cms_reaches_the_tree_without_full() {
    let posts = vec![
        WpPost::new(2, "Hőségriasztás jön a hétvégére", "hazai-hirek", 20, "<p>Harmincöt fok is lehet.</p>"),
        WpPost::new(3, "Drágul a kenyér", "gazdasag", 18, "<p>Tíz százalékkal.</p>"),
        // „Horoszkóp” is no section: the default one takes it, until the category is renamed.
        WpPost::new(5, "Új mesterséges intelligencia", "horoszkop", 17, "<p>Gépi tanulás.</p>"),
    ];
    let server = serve(posts);
    let tree = Tree::new("[pull]\nsections = { \"hazai-hirek\" = \"belfold\" }\ndefault_section = \"belfold\"\n");
    let fetcher = fast_fetcher();
    pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).expect("first pull");
    assert!(tree.read("content/authors/toth-bence.toml").starts_with("name = \"Tóth Bence\"\n"));

    // Nothing renamed: incremental, nothing changes.
    let before = tree.snapshot();
    let again = pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).unwrap();
    assert!(!again.full && !again.renamed, "{}", again.summary());
    assert_eq!(diff(&before, &tree.snapshot()), (vec![], vec![], vec![]));

    // An editor renames the category after the site's section and an author; WordPress leaves
    // the posts' modification times as they were.
    {
        let mut st = server.state.lock().unwrap();
        st.renamed_categories.insert("horoszkop", "Technika".into());
        st.renamed_authors.insert(2, "Tóth Bence Márton".into());
    }
    let report = pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).expect("pull after renames");
    assert!(report.renamed && report.full, "{}", report.summary());
    assert!(report.summary().contains("names changed in the CMS"), "{}", report.summary());
    let (added, changed, removed) = diff(&before, &tree.snapshot());
    assert_eq!(added, ["content/articles/technika/uj-mesterseges-intelligencia.md"]);
    assert_eq!(changed, ["content/.pull-state.toml", "content/authors/toth-bence.toml"]);
    assert_eq!(removed, ["content/articles/belfold/uj-mesterseges-intelligencia.md"]);
    assert!(tree.read("content/authors/toth-bence.toml").starts_with("name = \"Tóth Bence Márton\"\n"));

    // What a reader sees: the new byline, the new section, the old URL redirecting.
    tree.build();
    assert_eq!(tree.json("articles/gazdasag/2024/05/18/dragul-a-kenyer.json")["author"]["name"], "Tóth Bence Márton");
    let moved = tree.json("articles/technika/2024/05/17/uj-mesterseges-intelligencia.json");
    assert_eq!(moved["section"]["slug"], "technika");
    let corpus = press::load(&tree.content(), &tree.public()).unwrap();
    assert!(corpus.redirects().contains(&(
        "/belfold/2024/05/17/uj-mesterseges-intelligencia",
        "/technika/2024/05/17/uj-mesterseges-intelligencia"
    )));

    // The new names are the ones remembered: the next pull is incremental again.
    let settled = tree.snapshot();
    let next = pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).unwrap();
    assert!(!next.full && !next.renamed, "{}", next.summary());
    assert_eq!(diff(&settled, &tree.snapshot()), (vec![], vec![], vec![]));
}

// ------------------------------------------------------------------ two pulls, a killed pull

#[test]
fn wordpress_a_pull_while_another_writes_the_tree_is_refused_and_changes_nothing() {
    let server = serve(corpus());
    let tree = Tree::new(fixture_pull_table());
    let fetcher = fast_fetcher();
    pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).unwrap();
    let before = tree.snapshot();
    server.state.lock().unwrap().posts.push(WpPost::new(900, "Egy újabb hír", "hazai-hirek", 22, "<p>Friss.</p>"));
    // What a pull in another process holds while it writes.
    let held = cms::tree::lock(&tree.content()).unwrap();
    let err = pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).unwrap_err().to_string();
    assert!(err.contains("another press pull is writing") && err.contains("content"), "{err}");
    assert_eq!(diff(&before, &tree.snapshot()), (vec![], vec![], vec![]));
    drop(held);
    let report = pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).unwrap();
    assert_eq!(report.written, 1, "{}", report.summary());
}

/// The child process of the kill test: this test binary run again with this test alone, pulling
/// the fixture at `HIRLAP_KILL_CMS` into the tree at `HIRLAP_KILL_TREE`.
#[test]
#[ignore = "run by wordpress_a_killed_pull_leaves_the_tree_as_before_or_as_after as its child"]
fn wordpress_kill_child() {
    let (Ok(base), Ok(dir)) = (std::env::var("HIRLAP_KILL_CMS"), std::env::var("HIRLAP_KILL_TREE")) else {
        return;
    };
    let fetcher = fast_fetcher();
    let dir = std::path::PathBuf::from(dir);
    let opts =
        cms::pull::Options { content: dir.join("content"), public: dir.join("public"), full: false, progress: false };
    pull(&mut WordPress::new(&base, &fetcher, 10), &fetcher, &opts).unwrap();
}

/// A copy of a tree's folder (content/ and public/) in a new temporary folder.
fn copy_tree(from: &std::path::Path) -> tempfile::TempDir {
    let to = tempfile::tempdir().unwrap();
    for part in ["content", "public"] {
        let status = std::process::Command::new("cp").arg("-R").arg(from.join(part)).arg(to.path()).status().unwrap();
        assert!(status.success());
    }
    to
}

/// A pull of the fixture into `dir` in a child process, killed after `after` (or left to end).
fn child_pull(server: &Server, dir: &std::path::Path, after: Option<Duration>) -> std::process::ExitStatus {
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["wordpress_kill_child", "--exact", "--ignored", "--quiet"])
        .env("HIRLAP_KILL_CMS", &server.http.addr)
        .env("HIRLAP_KILL_TREE", dir)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    if let Some(after) = after {
        std::thread::sleep(after);
        let _ = child.kill();
    }
    child.wait().unwrap()
}

/// The content files of a tree, and whether every media file its state names is there.
fn content_and_media(dir: &std::path::Path) -> (std::collections::BTreeMap<String, Vec<u8>>, Vec<String>) {
    let content = dir.join("content");
    let files = cms::tree::files_under(&content)
        .into_iter()
        .map(|rel| (rel.clone(), std::fs::read(content.join(&rel)).unwrap()))
        .collect();
    let state = cms::tree::State::load(&content.join(cms::tree::STATE_FILE)).unwrap().unwrap_or_default();
    let missing = state
        .posts
        .iter()
        .flat_map(|p| p.media.iter())
        .filter(|m| !dir.join("public/cms").join(m).is_file())
        .cloned()
        .collect();
    (files, missing)
}

#[test]
fn wordpress_a_killed_pull_leaves_the_tree_as_before_or_as_after() {
    let server = serve(corpus());
    let tree = Tree::new(fixture_pull_table());
    let fetcher = fast_fetcher();
    pull(&mut wordpress(&server, &fetcher), &fetcher, &tree.options()).unwrap();
    let (before, missing) = content_and_media(tree.dir.path());
    assert!(missing.is_empty(), "{missing:?}");
    {
        // New posts, each with its own photo (downloads are most of what a pull does while its
        // staging folders exist), one edited, one trashed (its photo goes).
        let mut site = server.state.lock().unwrap();
        for i in 0..40u64 {
            let mut post = WpPost::new(700 + i, &format!("Esti hír {i}"), "hazai-hirek", 23, "<p>Este történt.</p>");
            post.cover = Some(Box::leak(format!("este-{i}.png").into_boxed_str()));
            site.posts.push(post);
        }
        site.posts[1].body = "<p>Harmincnyolc fok is lehet.</p>".into();
        site.posts[1].modified = "2024-05-22T09:00:00".into();
        site.posts[0].status = "trash";
        site.latency = Duration::from_millis(4);
    }
    // The tree after: a pull in a child process left to end.
    let whole = copy_tree(tree.dir.path());
    let started = Instant::now();
    assert!(child_pull(&server, whole.path(), None).success());
    let run = started.elapsed();
    let (after, missing) = content_and_media(whole.path());
    assert!(missing.is_empty(), "{missing:?}");
    assert_ne!(before, after);

    // Killed at moments spread over a whole run, and then some. On a busy machine a run can take
    // longer than the one timed above, so the kills go on, later and later, until one has also
    // come after a whole run (at most ten runs' time).
    let (mut as_before, mut as_after) = (0, 0);
    for k in 0u32.. {
        if k > 16 && (as_after > 0 || k > 140) {
            break;
        }
        let dir = copy_tree(tree.dir.path());
        child_pull(&server, dir.path(), Some(run * k / 14));
        let (files, missing) = content_and_media(dir.path());
        assert!(missing.is_empty(), "killed at {k}/14 of a run: the content names media that is gone: {missing:?}");
        if files == before {
            as_before += 1;
        } else if files == after {
            as_after += 1;
        } else {
            let (added, changed, removed) = diff(&before, &files);
            panic!("killed at {k}/14 of a run: the content is neither as before nor as after: +{added:?} ~{changed:?} -{removed:?}");
        }
        // The next pull finishes the work and leaves nothing of the killed one behind.
        assert!(child_pull(&server, dir.path(), None).success());
        assert_eq!(content_and_media(dir.path()), (after.clone(), vec![]), "after a pull killed at {k}/14");
        let staged: Vec<String> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .flatten()
            .filter(|e| {
                // A staging folder: `.<name>.pull-<pid>`.
                let name = e.file_name().to_string_lossy();
                name.rsplit_once(".pull-").is_some_and(|(_, pid)| pid.bytes().all(|b| b.is_ascii_digit()))
            })
            .map(|e| e.path().display().to_string())
            .collect();
        assert!(staged.is_empty(), "left after a pull killed at {k}/14: {staged:?}");
        let media: Vec<String> = cms::tree::files_under(&dir.path().join("public/cms"));
        let whole_media = cms::tree::files_under(&whole.path().join("public/cms"));
        assert_eq!(media, whole_media, "media after a pull killed at {k}/14");
    }
    eprintln!("killed pulls: {as_before} left the tree as before, {as_after} as after (a run: {run:?})");
    assert!(as_before > 0 && as_after > 0, "the kills never hit one side: {as_before} before, {as_after} after");
}
