//! The drafts preview is private: `press serve --drafts` beyond loopback needs a secret, and
//! with one every request without it is a 401. Real HTTP on loopback against the real binary.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Fixture;

const SECRET: &str = "szerkesztosegi-elonezet-2024";
const DRAFT: &str = "/content/articles/belfold/2024/03/16/titkos-terv.json";

/// A published article and a draft.
fn fixture() -> Fixture {
    let f = Fixture::new();
    f.article("kozzetett", "belfold", "2024-03-15T09:30:00+01:00", &["Budapest"], "Szöveg.\n");
    f.write(
        "content/articles/belfold/titkos-terv.md",
        "+++\ntitle = \"Titkos terv\"\nlead = \"Még nem kész.\"\nsection = \"belfold\"\ntags = [\"Piszkozatcimke\"]\nauthor = \"kovacs-anna\"\npublished = 2024-03-16T09:30:00+01:00\ndraft = true\n+++\nPiszkozatszöveg.\n",
    );
    f
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    }
}

fn request(addr: SocketAddr, path: &str, extra: &[(&str, &str)]) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
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
    Reply { status, headers, body: String::from_utf8_lossy(&raw[split + 4..]).into_owned() }
}

/// Every preview answer's two headers, each once.
fn assert_private(r: &Reply, what: &str) {
    assert_eq!(r.all("X-Robots-Tag"), ["noindex"], "{what}: {:?}", r.headers);
    assert_eq!(r.all("Cache-Control"), ["private, no-store"], "{what}: {:?}", r.headers);
}

fn press(f: &Fixture, args: &[&str], token_env: Option<&str>) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_press"));
    c.arg("serve").args(args).arg("--content").arg(f.content()).arg("--public").arg(f.public());
    c.env_remove("PRESS_PREVIEW_TOKEN");
    if let Some(t) = token_env {
        c.env("PRESS_PREVIEW_TOKEN", t);
    }
    c
}

/// The exit status and stderr of a run that should end by itself, killed after 20 s if not.
fn finishes(mut c: Command) -> (Option<i32>, String) {
    let mut child = c.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("press serve kept running: it bound the address");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    (status.code(), stderr)
}

/// A running `press serve` and the loopback address to reach it at (its port, on 127.0.0.1).
struct Running(Child, SocketAddr);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn running(mut c: Command) -> Running {
    let mut child = c.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let bound: SocketAddr =
        line.trim().rsplit("http://").next().unwrap().trim_end_matches("/content/").parse().unwrap();
    let addr = SocketAddr::from(([127, 0, 0, 1], bound.port()));
    // The sources load in the background; until then content answers 503.
    let r = Running(child, addr);
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        let probe = request(addr, "/content/site.json", &[("Authorization", &basic(SECRET))]);
        if probe.status != 503 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    r
}

fn basic(password: &str) -> String {
    use base64::Engine;
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("szerkeszto:{password}")))
}

#[test]
fn drafts_beyond_loopback_without_a_secret_are_refused_before_binding() {
    let f = fixture();
    for addr in ["0.0.0.0:0", "[::]:0"] {
        let (code, stderr) = finishes(press(&f, &["--drafts", "--addr", addr], None));
        assert_eq!(code, Some(2), "{addr}: {stderr}");
        assert!(
            stderr.contains(&format!("press serve: refusing to serve drafts on {addr}"))
                && stderr.contains("--preview-token")
                && stderr.contains("PRESS_PREVIEW_TOKEN"),
            "{stderr}"
        );
    }
    // A secret anyone could guess is no secret.
    let (code, stderr) = finishes(press(&f, &["--drafts", "--addr", "0.0.0.0:0"], Some("titok")));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("the preview token is too short"), "{stderr}");
    // The token belongs to a preview: plain serve has nothing to protect.
    let (code, stderr) = finishes(press(&f, &["--addr", "127.0.0.1:0", "--preview-token", SECRET], None));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--drafts"), "{stderr}");
}

#[test]
fn with_a_secret_the_preview_answers_401_until_the_token_then_the_cookie_lets_the_editor_in() {
    let f = fixture();
    // Listening on every interface, the secret from the environment as a systemd unit gives it.
    let server = running(press(&f, &["--drafts", "--addr", "0.0.0.0:0"], Some(SECRET)));
    let addr = server.1;

    // Without the secret: 401 on every path, a short bilingual text, none of the draft.
    for path in [DRAFT, "/content/site.json", "/content/articles/belfold/2024/03/15/kozzetett.json", "/public/x.svg"] {
        let r = request(addr, path, &[]);
        assert_eq!(r.status, 401, "{path}");
        assert_private(&r, path);
        assert!(r.body.contains("zárt előnézet") && r.body.contains("private preview"), "{}", r.body);
        assert!(!r.body.contains("Titkos") && !r.body.contains("Piszkozat"), "{}", r.body);
        assert_eq!(r.header("WWW-Authenticate"), Some("Basic realm=\"press preview\", charset=\"UTF-8\""));
    }
    // A wrong secret, in the query, the cookie or basic auth, is no secret.
    let wrong = "rossz-kulcs-rossz-kulcs-rossz";
    assert_eq!(request(addr, &format!("{DRAFT}?token={wrong}"), &[]).status, 401);
    assert_eq!(request(addr, DRAFT, &[("Cookie", &format!("press_preview={SECRET}"))]).status, 401);
    assert_eq!(request(addr, DRAFT, &[("Authorization", &basic(wrong))]).status, 401);

    // The secret in the query: a redirect to the same URL without it, and the cookie.
    let r = request(addr, &format!("{DRAFT}?v=2&token={SECRET}"), &[]);
    assert_eq!(r.status, 303);
    assert_private(&r, "the redirect");
    assert_eq!(r.header("Location"), Some(&*format!("{DRAFT}?v=2")));
    let set = r.header("Set-Cookie").unwrap();
    assert!(set.starts_with("press_preview="), "{set}");
    for attribute in ["; Path=/", "; HttpOnly", "; SameSite=Strict"] {
        assert!(set.contains(attribute), "{attribute} in {set}");
    }
    assert!(!set.contains("Secure") && !set.contains(SECRET), "{set}");
    assert!(!r.body.contains("Titkos"), "{}", r.body);
    let cookie = set.split(';').next().unwrap().to_owned();

    // The cookie: the draft, marked, with both headers.
    let r = request(addr, &format!("{DRAFT}?v=2"), &[("Cookie", &format!("theme=dark; {cookie}"))]);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_private(&r, "the draft");
    assert!(r.body.contains("\"title\":\"Titkos terv\"") && r.body.contains("\"preview\":\"draft\""), "{}", r.body);

    // Basic auth, the secret as the password (curl -u, the browser's prompt).
    let r = request(addr, DRAFT, &[("Authorization", &basic(SECRET))]);
    assert_eq!(r.status, 200);
    assert_private(&r, "basic auth");

    // Behind a TLS proxy the cookie is only ever sent over HTTPS.
    let r = request(addr, &format!("/content/site.json?token={SECRET}"), &[("X-Forwarded-Proto", "https")]);
    assert_eq!(r.status, 303);
    assert!(r.header("Set-Cookie").unwrap().ends_with("; Secure"));
}

#[test]
fn a_preview_on_loopback_needs_no_secret_and_plain_serve_is_as_before() {
    let f = fixture();
    let get = |drafts: bool, path: &str| {
        let mut opts = press::serve::ServeOptions::new("127.0.0.1:0", f.content());
        opts.public = f.public();
        opts.drafts = drafts;
        let h = press::serve::start(opts).unwrap();
        let start = Instant::now();
        let mut r = request(h.addr(), path, &[]);
        while r.status == 503 && start.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(20));
            r = request(h.addr(), path, &[]);
        }
        h.stop();
        r
    };
    let local = get(true, DRAFT);
    assert_eq!(local.status, 200);
    assert!(local.body.contains("\"preview\":\"draft\""));
    assert_private(&local, "a local preview");

    let plain = get(false, "/content/site.json");
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("X-Robots-Tag"), None);
    assert_eq!(plain.all("Cache-Control"), ["no-cache"]);
    assert_eq!(get(false, DRAFT).status, 404);
}
