//! The cache policy of `_headers` (docs/PUBLISHING.md), as a CDN applies it to every file of a
//! real `<dist>`: a site built from a fixture with a photo, the app's files named as Trunk
//! names them, and `public/` copied in as Trunk copies it.

mod common;

use std::path::Path;

use chrono::{TimeZone, Utc};
use common::Fixture;
use sha2::{Digest, Sha256};

const SHORT: &str = "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

const SHELL: &str = "<!doctype html><html lang=hu><meta charset=utf-8><meta content=/content/ name=hirlap-content-base><title>CIVILHETES</title><link href=/public/favicon.svg rel=icon type=image/svg+xml><link href=/main-5f3a9c0d1e2b4a67.css rel=stylesheet><script type=module>import('/hirlap-9d0e1f2a3b4c5d6e.js').then((app) => app.default({ module_or_path: '/hirlap-9d0e1f2a3b4c5d6e_bg.wasm' }));</script></head><body></body></html>";

/// `_headers` rules: (path pattern, [(header, value)]), in file order.
type Rules = Vec<(String, Vec<(String, String)>)>;

fn parse(headers: &str) -> Rules {
    let mut rules: Rules = Vec::new();
    for line in headers.lines().filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty()) {
        if line.starts_with(char::is_whitespace) {
            let (k, v) = line.trim().split_once(':').expect("a `Name: value` line");
            rules.last_mut().expect("a header under a path").1.push((k.trim().to_owned(), v.trim().to_owned()));
        } else {
            rules.push((line.trim().to_owned(), Vec::new()));
        }
    }
    rules
}

/// Netlify's matching: `*` stands for any characters (slashes too), letters in any case, an
/// optional trailing slash.
fn matches(pattern: &str, path: &str) -> bool {
    fn glob(p: &[u8], s: &[u8]) -> bool {
        match p.split_first() {
            None => s.is_empty(),
            Some((b'*', rest)) => (0..=s.len()).any(|i| glob(rest, &s[i..])),
            Some((c, rest)) => s.first().is_some_and(|x| x.eq_ignore_ascii_case(c)) && glob(rest, &s[1..]),
        }
    }
    let path = path.to_ascii_lowercase();
    glob(pattern.to_ascii_lowercase().as_bytes(), path.as_bytes())
        || glob(pattern.to_ascii_lowercase().as_bytes(), path.trim_end_matches('/').as_bytes())
}

/// What Netlify serves for `header` at `path`: every matching rule applies, the later one wins.
fn served(rules: &Rules, path: &str, header: &str) -> Option<String> {
    rules
        .iter()
        .filter(|(p, _)| matches(p, path))
        .flat_map(|(_, h)| h.iter())
        .filter(|(k, _)| k.eq_ignore_ascii_case(header))
        .map(|(_, v)| v.clone())
        .next_back()
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().map(Result::unwrap).filter(|e| e.file_type().is_file()) {
        let target = to.join(e.path().strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(e.path(), target).unwrap();
    }
}

/// A `<dist>` as `make dist` leaves it: Trunk's files, public/ with the photo copies press build
/// made, the JSON tree and press site's pages.
fn dist_with_a_photo() -> (Fixture, std::path::PathBuf) {
    let f = Fixture::new();
    f.write("public/favicon.svg", r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"/>"#);
    std::fs::create_dir_all(f.public().join("photos")).unwrap();
    std::fs::write(f.public().join("photos/hid.jpg"), synth::photo::jpeg(3, 500, 300, 85)).unwrap();
    f.write(
        "content/articles/belfold/hid.md",
        "+++\ntitle = \"Híd\"\nlead = \"L.\"\nsection = \"belfold\"\ntags = [\"Budapest\"]\nauthor = \"kovacs-anna\"\npublished = 2024-03-15T09:30:00+01:00\n[cover]\nsrc = \"/public/photos/hid.jpg\"\nalt = \"Híd\"\n+++\nSzöveg.\n",
    );
    let dist = f.root().join("dist");
    f.write("dist/index.html", SHELL);
    f.write("dist/hirlap-9d0e1f2a3b4c5d6e.js", "export default () => {}");
    f.write("dist/hirlap-9d0e1f2a3b4c5d6e_bg.wasm", "\0asm");
    f.write("dist/main-5f3a9c0d1e2b4a67.css", "body{}");
    let now = Utc.with_ymd_and_hms(2025, 1, 1, 12, 0, 0).unwrap();
    let load = press::source::LoadOptions { now: Some(now), ..Default::default() };
    press::build_with(&f.content(), &f.public(), &dist.join("content"), load).unwrap();
    copy_dir(&f.public(), &dist.join("public"));
    let opts = press::site::SiteOptions { now, previews: false };
    press::site::site(&f.content(), &f.public(), &dist, &opts).unwrap();
    (f, dist)
}

/// Every file a reader can ask for, as its URL path.
fn urls(dist: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dist)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| format!("/{}", e.path().strip_prefix(dist).unwrap().to_str().unwrap()))
        .filter(|u| !matches!(u.as_str(), "/_headers" | "/_redirects"))
        .collect();
    out.sort();
    out
}

#[test]
fn html_and_json_revalidate_within_a_minute_and_only_hashed_names_are_immutable() {
    let (f, dist) = dist_with_a_photo();
    let rules = parse(&std::fs::read_to_string(dist.join("_headers")).unwrap());
    let all = urls(&dist);
    // The hash in a photo copy's name is the source photo's: a new photo, a new name.
    let source_hash = {
        let digest = Sha256::digest(std::fs::read(f.public().join("photos/hid.jpg")).unwrap());
        digest[..12].iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    let mut immutable = Vec::new();
    for url in &all {
        let cc = served(&rules, url, "Cache-Control").unwrap_or_else(|| panic!("{url} has no Cache-Control"));
        if cc == IMMUTABLE {
            immutable.push(url.clone());
        } else {
            assert_eq!(cc, SHORT, "{url}");
        }
        assert!(served(&rules, url, "Content-Security-Policy").is_some(), "{url} has the CSP");
    }
    let photos: Vec<&String> = all.iter().filter(|u| u.starts_with("/public/_photos/")).collect();
    // 400 and the photo's own 500 pixels, in three formats, and the manifest.
    assert_eq!(photos.len(), 2 * 3 + 1, "{photos:?}");
    for p in &photos {
        assert!(p.starts_with(&format!("/public/_photos/{source_hash}")), "{p}");
    }
    let mut expected: Vec<String> = photos.iter().map(|p| (*p).clone()).collect();
    expected.extend(
        ["/hirlap-9d0e1f2a3b4c5d6e.js", "/hirlap-9d0e1f2a3b4c5d6e_bg.wasm", "/main-5f3a9c0d1e2b4a67.css"]
            .map(String::from),
    );
    expected.sort();
    assert_eq!(immutable, expected, "exactly the content-hashed files are immutable");

    // What an editor may replace in place, and what a publish rewrites, revalidates.
    let section = format!("{}/", model::paths::section("belfold"));
    for url in [
        "/",
        "/index.html",
        "/belfold/2024/03/15/hid/index.html",
        section.as_str(),
        "/content/site.json",
        "/content/articles/belfold/2024/03/15/hid.json",
        "/rss.xml",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/public/photos/hid.jpg",
        "/public/favicon.svg",
        "/public/avatars/kovacs-anna.svg",
        "/shell.html",
    ] {
        assert_eq!(served(&rules, url, "Cache-Control").as_deref(), Some(SHORT), "{url}");
    }
}

#[test]
fn the_general_rule_comes_first_so_the_specific_ones_win() {
    let (_f, dist) = dist_with_a_photo();
    let rules = parse(&std::fs::read_to_string(dist.join("_headers")).unwrap());
    assert_eq!(rules[0].0, "/*");
    let patterns: Vec<&str> = rules.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(patterns, ["/*", "/content/*", "/hirlap-*_bg.wasm", "/hirlap-*.js", "/main-*.css", "/public/_photos/*"]);
    // A wasm or script that is not Trunk's hashed output is not cached for a year.
    assert_eq!(served(&rules, "/other.wasm", "Cache-Control").as_deref(), Some(SHORT));
    assert_eq!(served(&rules, "/public/app.js", "Cache-Control").as_deref(), Some(SHORT));
}
