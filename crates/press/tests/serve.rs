//! `press serve` answers the static tree's paths from the sources, over real HTTP on loopback.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Fixture;
use press::serve::{start, ServeHandle, ServeOptions};

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

/// A minimal HTTP/1.1 client: one request per connection.
fn request(addr: SocketAddr, method: &str, path: &str, extra: &[(&str, &str)]) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in extra {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect();
    Reply { status, headers, body: raw[split + 4..].to_vec() }
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path, &[])
}

fn fixture() -> Fixture {
    let f = Fixture::new();
    f.article(
        "elso",
        "belfold",
        "2024-03-15T09:30:00+01:00",
        &["Budapest", "Duna"],
        "Első **cikk**.\n\n## Alcím\n\nSzöveg.\n",
    );
    f.article("masodik", "film", "2024-04-02T10:00:00+02:00", &["Budapest", "Film"], "Második.\n");
    for i in 0..13 {
        f.article(
            &format!("sok-{i:02}"),
            "kulfold",
            &format!("2024-01-{:02}T08:00:00+01:00", i + 1),
            &["Duna"],
            "X.\n",
        );
    }
    f
}

/// A server on the fixture, watching it for file-system events (the default).
fn serve(f: &Fixture) -> ServeHandle {
    let mut opts = ServeOptions::new("127.0.0.1:0", f.content());
    opts.public = f.public();
    start(opts).unwrap()
}

/// Polls `path` until `done` holds (the watcher reloads asynchronously).
fn eventually(addr: SocketAddr, path: &str, done: impl Fn(&Reply) -> bool) -> Reply {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let r = get(addr, path);
        if done(&r) || Instant::now() > deadline {
            return r;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Every file of the static tree, relative path → bytes.
fn static_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    Fixture::snapshot(dir)
}

#[test]
fn every_path_of_the_static_tree_is_answered_with_the_same_bytes() {
    let f = fixture();
    f.build().unwrap();
    let files = static_tree(&f.out());
    assert!(files.len() > 30, "{}", files.len());
    let server = serve(&f);
    let addr = server.addr();
    for (path, bytes) in &files {
        let r = get(addr, &format!("/content/{path}"));
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(&r.body, bytes, "{path}");
        assert_eq!(r.header("content-type"), Some("application/json; charset=utf-8"), "{path}");
        assert_eq!(r.header("access-control-allow-origin"), Some("*"), "{path}");
    }
    // The same through the library: Index::resolve is what both use.
    let corpus = press::load(&f.content(), &f.public()).unwrap();
    let index = press::Index::new(&corpus);
    for (path, bytes) in &files {
        assert_eq!(index.resolve(path).as_ref(), Some(bytes), "{path}");
    }
    server.stop();
}

#[test]
fn cors_preflight_etags_404s_and_public_files() {
    let f = fixture();
    let server = serve(&f);
    let addr = server.addr();

    let pre = request(
        addr,
        "OPTIONS",
        "/content/site.json",
        &[("Origin", "http://127.0.0.1:4175"), ("Access-Control-Request-Method", "GET")],
    );
    assert_eq!(pre.status, 204);
    assert_eq!(pre.header("access-control-allow-origin"), Some("*"));
    assert!(pre.header("access-control-allow-methods").unwrap().contains("GET"));

    let site = get(addr, "/content/site.json?v=1");
    assert_eq!(site.status, 200);
    assert_eq!(site.json()["name"], "CIVILHETES");
    let tag = site.header("etag").unwrap().to_owned();
    let again = request(addr, "GET", "/content/site.json", &[("If-None-Match", &tag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let head = request(addr, "HEAD", "/content/home.json", &[]);
    assert_eq!((head.status, head.body.len()), (200, 0));

    for missing in ["/content/nincs.json", "/content/latest/9.json", "/content/articles/x.json", "/", "/content/"] {
        let r = get(addr, missing);
        assert_eq!(r.status, 404, "{missing}");
        assert_eq!(r.header("content-type"), Some("application/json; charset=utf-8"), "{missing}");
        assert_eq!(r.header("access-control-allow-origin"), Some("*"), "{missing}");
        assert_eq!(r.json()["status"], 404, "{missing}");
    }

    let svg = get(addr, "/public/images/duna.svg");
    assert_eq!(svg.status, 200);
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    assert_eq!(svg.body, std::fs::read(f.public().join("images/duna.svg")).unwrap());
    assert_eq!(get(addr, "/public/../content/site.toml").status, 404);
    assert_eq!(get(addr, "/public/%2e%2e/content/site.toml").status, 404);
    assert_eq!(request(addr, "POST", "/content/site.json", &[]).status, 405);
    server.stop();
}

/// The served JSON of the fixture's article `elso`, its source file and that file's text.
const ELSO: &str = "/content/articles/belfold/2024/03/15/elso.json";

/// The fixture served, `elso` checked to be served as written; its source file and text.
fn serving_elso() -> (Fixture, ServeHandle, std::path::PathBuf, String) {
    let f = fixture();
    let server = serve(&f);
    assert_eq!(get(server.addr(), ELSO).json()["title"], "Cím: elso");
    let file = f.content().join("articles/belfold/elso.md");
    let text = std::fs::read_to_string(&file).unwrap();
    (f, server, file, text)
}

#[test]
fn an_edit_is_served_and_a_broken_edit_keeps_the_last_good_content() {
    let (_f, server, file, text) = serving_elso();
    let (addr, path) = (server.addr(), ELSO);

    // A good edit shows up, in the article and in the lists.
    std::fs::write(&file, text.replace("title = \"Cím: elso\"", "title = \"Javított cím\"")).unwrap();
    let r = eventually(addr, path, |r| r.status == 200 && r.json()["title"] == "Javított cím");
    assert_eq!(r.json()["title"], "Javított cím");
    assert_eq!(get(addr, "/content/tags/budapest/0.json").json()["list"]["items"][1]["title"], "Javított cím");
    let generation = server.status().generation;
    assert!(generation >= 2, "{generation}");

    // A broken edit: the diagnostics are kept, and the last good content is still served.
    std::fs::write(&file, text.replace("section = \"belfold\"", "section = \"nincs-ilyen\"")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    while server.status().errors.is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let errors = server.status().errors;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].to_string().starts_with(&format!("{}:4:11: unknown section", file.display())), "{}", errors[0]);
    let r = get(addr, path);
    assert_eq!((r.status, r.json()["title"].as_str()), (200, Some("Javított cím")));

    // Fixed again: served, and the errors are gone.
    std::fs::write(&file, &text).unwrap();
    let r = eventually(addr, path, |r| r.json()["title"] == "Cím: elso");
    assert_eq!(r.json()["title"], "Cím: elso");
    assert!(server.status().errors.is_empty());
    server.stop();
}

/// How long until `path` answers with `done`, checked every 10 ms for at most 10 s.
fn latency(addr: SocketAddr, path: &str, done: impl Fn(&Reply) -> bool) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        let r = get(addr, path);
        if r.status == 200 && done(&r) {
            return Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

#[test]
fn saved_edits_new_folders_and_new_images_are_served_within_a_second() {
    // What an editor sees: save in the editor, switch to the browser, reload. The watcher
    // waits for 100 ms of quiet after the last event, then reloads the sources.
    const BOUND: Duration = Duration::from_secs(1);
    let (f, server, file, text) = serving_elso();
    let (addr, path) = (server.addr(), ELSO);

    // Written in place.
    std::fs::write(&file, text.replace("title = \"Cím: elso\"", "title = \"Helyben mentve\"")).unwrap();
    let took = latency(addr, path, |r| r.json()["title"] == "Helyben mentve");
    eprintln!("edit written in place: served after {took:?}");
    assert!(took.is_some_and(|t| t < BOUND), "{took:?}");

    // Saved as editors do: a new file renamed over the old one.
    let tmp = f.content().join("articles/belfold/.elso.md.swp");
    std::fs::write(&tmp, text.replace("title = \"Cím: elso\"", "title = \"Átnevezve mentve\"")).unwrap();
    std::fs::rename(&tmp, &file).unwrap();
    let took = latency(addr, path, |r| r.json()["title"] == "Átnevezve mentve");
    eprintln!("edit renamed over the file: served after {took:?}");
    assert!(took.is_some_and(|t| t < BOUND), "{took:?}");

    // A new article in a folder that did not exist when the server started: the watch covers
    // folders made later.
    f.article("uj", "video", "2024-05-01T10:00:00+02:00", &["Duna"], "Új.\n");
    let took = latency(addr, "/content/articles/video/2024/05/01/uj.json", |r| r.json()["title"] == "Cím: uj");
    eprintln!("new article in a new folder: served after {took:?}");
    assert!(took.is_some_and(|t| t < BOUND), "{took:?}");

    // An image the article was missing: the public folder is watched too.
    std::fs::write(&file, text.replace("/public/images/duna.svg", "/public/images/uj.svg")).unwrap();
    let errors_seen = latency(addr, "/content/site.json", |_| !server.status().errors.is_empty());
    assert!(errors_seen.is_some(), "the missing image is an error");
    std::fs::copy(f.public().join("images/duna.svg"), f.public().join("images/uj.svg")).unwrap();
    let took = latency(addr, path, |r| r.json()["cover"]["src"] == "/public/images/uj.svg");
    eprintln!("new image under public/: served after {took:?}");
    assert!(took.is_some_and(|t| t < BOUND), "{took:?}");
    server.stop();
}

#[test]
fn the_binary_answers_503_until_the_sources_load_and_prints_file_line_errors() {
    let f = fixture();
    let file = f.content().join("articles/belfold/elso.md");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, good.replace("author = \"kovacs-anna\"", "author = 7")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_press"))
        .args(["serve", "--addr", "127.0.0.1:0", "--poll-ms", "50", "--content"])
        .arg(f.content())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr: SocketAddr = line.trim().rsplit("http://").next().unwrap().trim_end_matches("/content/").parse().unwrap();

    let r = get(addr, "/content/site.json");
    assert_eq!(r.status, 503);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert!(r.json()["error"].as_str().unwrap().contains("not loaded"));

    std::fs::write(&file, &good).unwrap();
    let r = eventually(addr, "/content/site.json", |r| r.status == 200);
    assert_eq!(r.status, 200);

    child.kill().unwrap();
    child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(
        stderr.contains(&format!("error: {}:6:10: invalid type: integer `7`, expected a string", file.display())),
        "{stderr}"
    );
}

#[test]
fn usage_errors() {
    let out = Command::new(env!("CARGO_BIN_EXE_press")).args(["serve"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the following required arguments were not provided") && stderr.contains("--addr"),
        "{stderr}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_press")).args(["serve", "--addr", "999.1.1.1:1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn old_urls_from_aliases_answer_301_and_clashing_aliases_are_errors() {
    let f = fixture();
    f.write(
        "content/articles/belfold/athelyezett.md",
        "+++\ntitle = \"Áthelyezett cikk\"\nlead = \"Régi helyéről költözött.\"\nsection = \"belfold\"\ntags = []\nauthor = \"kovacs-anna\"\npublished = 2024-05-21T09:30:00+02:00\naliases = [\"/2024/05/21/regi-cim/\", \"/node/7\"]\n+++\nSzöveg.\n",
    );
    let h = serve(&f);
    eventually(h.addr(), "/content/site.json", |r| r.status == 200);
    for old in ["/2024/05/21/regi-cim/", "/2024/05/21/regi-cim", "/node/7"] {
        let r = get(h.addr(), old);
        assert_eq!(r.status, 301, "{old}");
        assert_eq!(r.header("Location"), Some("/belfold/2024/05/21/athelyezett"));
    }
    assert_eq!(get(h.addr(), "/node/8").status, 404);
    h.stop();

    f.write(
        "content/articles/belfold/masik.md",
        "+++\ntitle = \"Másik\"\nlead = \"L.\"\nsection = \"belfold\"\ntags = []\nauthor = \"kovacs-anna\"\npublished = 2024-05-22T09:30:00+02:00\naliases = [\"/node/7/\"]\n+++\nSzöveg.\n",
    );
    f.write(
        "content/articles/belfold/harmadik.md",
        "+++\ntitle = \"Harmadik\"\nlead = \"L.\"\nsection = \"belfold\"\ntags = []\nauthor = \"kovacs-anna\"\npublished = 2024-05-23T09:30:00+02:00\naliases = [\"nem-per-jellel\"]\n+++\nSzöveg.\n",
    );
    let errors = common::errors(f.build());
    assert!(errors.iter().any(|e| e.contains("alias `/node/7/` is already the path or an alias of")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("alias `nem-per-jellel` must be a site path")), "{errors:?}");
}

#[test]
fn every_file_press_writes_for_a_photo_is_served_with_its_own_type() {
    let f = fixture();
    std::fs::create_dir_all(f.public().join("photos")).unwrap();
    std::fs::write(f.public().join("photos/taj.jpg"), synth::photo::jpeg(7, 160, 120, 90)).unwrap();
    f.write(
        "content/articles/belfold/foto.md",
        "+++\ntitle = \"Fotó\"\nlead = \"L.\"\nsection = \"belfold\"\nauthor = \"kovacs-anna\"\npublished = 2024-03-15T09:30:00+01:00\n[cover]\nsrc = \"/public/photos/taj.jpg\"\nalt = \"Táj\"\n+++\nSzöveg.\n",
    );
    // Built first: the server's load then finds every copy made and encodes nothing.
    f.build().unwrap();
    let h = serve(&f);
    let article = eventually(h.addr(), "/content/articles/belfold/2024/03/15/foto.json", |r| r.status == 200);
    assert_eq!(article.status, 200);
    // What a browser must be told of each kind of file press wrote for the photo.
    let expected = |ext: &str| match ext {
        "avif" => "image/avif",
        "webp" => "image/webp",
        "jpg" => "image/jpeg",
        "json" => "application/json; charset=utf-8",
        other => panic!("press wrote a .{other} file under _photos; this test should know its type"),
    };
    let mut seen = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(f.public().join("_photos")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let ext = name.rsplit('.').next().unwrap().to_owned();
        let r = get(h.addr(), &format!("/public/_photos/{name}"));
        assert_eq!(r.status, 200, "{name}");
        assert_eq!(r.header("content-type"), Some(expected(&ext)), "{name}");
        seen.insert(ext);
    }
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), ["avif", "jpg", "json", "webp"]);
    h.stop();
}
