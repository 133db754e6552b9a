//! Drafts, scheduled articles and previews (docs/CONTENT.md, "Piszkozat, időzítés, előnézet").

mod common;

use common::Fixture;
use press::source::LoadOptions;

fn at(t: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    Some(chrono::DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&chrono::Utc))
}

/// A published article, a draft and one scheduled for 2030-01-01 06:00 Budapest time.
fn fixture() -> Fixture {
    let f = Fixture::new();
    f.article("kozzetett", "belfold", "2024-03-15T09:30:00+01:00", &["Budapest"], "Szöveg.\n");
    f.write(
        "content/articles/belfold/titkos-terv.md",
        "+++\ntitle = \"Titkos terv\"\nlead = \"Még nem kész.\"\nsection = \"belfold\"\ntags = [\"Piszkozatcimke\"]\nauthor = \"kovacs-anna\"\npublished = 2024-03-16T09:30:00+01:00\ndraft = true\n+++\nPiszkozatszöveg.\n",
    );
    f.article("jovoheti", "kulfold", "2030-01-01T06:00:00+01:00", &["Időzített"], "Holnapi szöveg.\n");
    f
}

/// Every file of the output whose bytes mention `needle`.
fn files_mentioning(f: &Fixture, needle: &str) -> Vec<String> {
    Fixture::snapshot(&f.out())
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(p, _)| p)
        .collect()
}

#[test]
fn drafts_and_future_articles_are_nowhere_in_the_published_tree() {
    let f = fixture();
    let opts = LoadOptions { now: at("2025-01-01T00:00:00Z"), ..Default::default() };
    let report = press::build_with(&f.content(), &f.public(), &f.out(), opts).unwrap();
    assert_eq!(report.articles, 1);
    // Not the article, not the lists, not the tags, not the search shards or documents.
    assert_eq!(files_mentioning(&f, "titkos-terv"), Vec::<String>::new());
    assert_eq!(files_mentioning(&f, "Piszkozatcimke"), Vec::<String>::new());
    assert_eq!(files_mentioning(&f, "jovoheti"), Vec::<String>::new());
    assert_eq!(files_mentioning(&f, "Időzített"), Vec::<String>::new());
    assert_eq!(f.json("latest/0.json")["items"].as_array().unwrap().len(), 1);
    assert!(!files_mentioning(&f, "kozzetett").is_empty());
}

#[test]
fn a_scheduled_article_appears_with_the_first_build_after_its_time() {
    let f = fixture();
    // A minute before 06:00 in Budapest (05:00 UTC): still left out.
    let before = LoadOptions { now: at("2030-01-01T04:59:00Z"), ..Default::default() };
    assert_eq!(press::build_with(&f.content(), &f.public(), &f.out(), before).unwrap().articles, 1);
    assert!(files_mentioning(&f, "jovoheti").is_empty());
    let after = LoadOptions { now: at("2030-01-01T06:00:00+01:00"), ..Default::default() };
    assert_eq!(press::build_with(&f.content(), &f.public(), &f.out(), after).unwrap().articles, 2);
    let a = f.json("articles/kulfold/2030/01/01/jovoheti.json");
    assert_eq!(a["title"], "Cím: jovoheti");
    assert!(a.get("preview").is_none(), "a published article is not marked: {a}");
    // The draft stays out whatever the time.
    assert!(files_mentioning(&f, "titkos-terv").is_empty());
}

#[test]
fn a_preview_build_marks_drafts_and_scheduled_articles() {
    let f = fixture();
    let opts = LoadOptions { now: at("2025-01-01T00:00:00Z"), previews: true, ..Default::default() };
    assert_eq!(press::build_with(&f.content(), &f.public(), &f.out(), opts).unwrap().articles, 3);
    assert_eq!(f.json("articles/belfold/2024/03/16/titkos-terv.json")["preview"], "draft");
    assert_eq!(f.json("articles/kulfold/2030/01/01/jovoheti.json")["preview"], "scheduled");
    assert!(f.json("articles/belfold/2024/03/15/kozzetett.json").get("preview").is_none());
    let latest = f.json("latest/0.json");
    let marks: Vec<(String, serde_json::Value)> = latest["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["slug"].as_str().unwrap().to_owned(), i.get("preview").cloned().unwrap_or_default()))
        .collect();
    assert!(marks.contains(&("titkos-terv".into(), "draft".into())), "{marks:?}");
    assert!(marks.contains(&("jovoheti".into(), "scheduled".into())), "{marks:?}");
}

#[test]
fn errors_in_a_draft_are_warnings_so_the_scheduled_rebuild_still_runs() {
    let f = fixture();
    f.write(
        "content/articles/belfold/felkesz.md",
        "+++\ntitle = \"Félkész\"\nlead = \"x\"\nsection = \"nincs-ilyen\"\nauthor = \"kovacs-anna\"\npublished = 2024-03-16T09:30:00+01:00\ndraft = true\n+++\nx\n",
    );
    let report = press::build(&f.content(), &f.public(), &f.out()).unwrap();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("unknown section `nincs-ilyen`") && w.message.contains("draft")),
        "{:?}",
        report.warnings
    );
    // Not a draft any more: the same mistake stops the build.
    f.write(
        "content/articles/belfold/felkesz.md",
        "+++\ntitle = \"Félkész\"\nlead = \"x\"\nsection = \"nincs-ilyen\"\nauthor = \"kovacs-anna\"\npublished = 2024-03-16T09:30:00+01:00\n+++\nx\n",
    );
    assert!(common::errors(press::build(&f.content(), &f.public(), &f.out()))
        .iter()
        .any(|e| e.contains("unknown section `nincs-ilyen`")));
}

#[test]
fn the_cli_takes_now_and_drafts() {
    let f = fixture();
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_press"))
            .args(["build", "--content"])
            .arg(f.content())
            .arg("--out")
            .arg(f.out())
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(run(&["--now", "2025-01-01T00:00:00+01:00"]).contains("press: 1 articles"));
    assert!(run(&["--now", "2031-01-01T00:00:00+01:00"]).contains("press: 2 articles"));
    assert!(run(&["--now", "2025-01-01T00:00:00+01:00", "--drafts"]).contains("press: 3 articles"));
    let bad =
        std::process::Command::new(env!("CARGO_BIN_EXE_press")).args(["build", "--now", "holnap"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("expected a date-time with an offset"));
}

#[test]
fn press_serve_drafts_serves_the_preview_and_plain_serve_does_not() {
    use std::io::{Read, Write};
    let f = fixture();
    let get = |drafts: bool, path: &str| {
        let mut opts = press::serve::ServeOptions::new("127.0.0.1:0", f.content());
        opts.public = f.public();
        opts.drafts = drafts;
        let h = press::serve::start(opts).unwrap();
        let mut s = std::net::TcpStream::connect(h.addr()).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let mut text = String::new();
        s.read_to_string(&mut text).unwrap();
        h.stop();
        text
    };
    let path = "/content/articles/belfold/2024/03/16/titkos-terv.json";
    let preview = get(true, path);
    assert!(preview.starts_with("HTTP/1.1 200"), "{preview}");
    assert!(preview.contains("\"preview\":\"draft\""), "{preview}");
    assert!(get(false, path).starts_with("HTTP/1.1 404"));
}
