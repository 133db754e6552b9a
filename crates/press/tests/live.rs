//! Live blogs: entries written as time headings in the article's Markdown come out as the
//! article's `live` entries, newest first, with stable anchors; a bad time is an error at its
//! line; ending the coverage is a front-matter change.

mod common;

use common::{errors, Fixture};

const BLOG: &str = "+++
title = \"Választás percről percre\"
lead = \"Követjük az estét.\"
section = \"belfold\"
tags = [\"Választás\"]
author = \"kovacs-anna\"
published = 2024-11-17T18:00:00+01:00
live = true
+++
Bevezető: a szavazókörök hétkor zárnak.

## 2024-11-17 22:11 [!kiemelt] Megvan a győztes

Tamási Judit nyert.

![Táj](/public/images/kep.svg)

## 2024-11-17 19:00

Bezártak a szavazókörök.

### Alcím egy bejegyzésben

> ## 2024-11-17 18:30 idézetben: nem bejegyzés

## 2024-11-17 21:00 Számlálás
Újraszámolnak.
";

fn blog_path() -> &'static str {
    "articles/belfold/2024/11/17/percrol-percre.json"
}

#[test]
fn entries_come_out_newest_first_with_their_anchors_pins_and_bodies() {
    let f = Fixture::new();
    f.write("content/articles/belfold/percrol-percre.md", BLOG);
    f.build().unwrap();
    let a = f.json(blog_path());
    // The introduction is the body; the entries are not in it.
    assert_eq!(a["body"].as_array().unwrap().len(), 1, "{}", a["body"]);
    let entries = a["live"]["entries"].as_array().unwrap();
    let ids: Vec<&str> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["e-20241117-2211", "e-20241117-2100", "e-20241117-1900"]);
    assert_eq!(entries[0]["time"], "2024-11-17T22:11:00+01:00");
    assert_eq!(entries[0]["title"], "Megvan a győztes");
    assert_eq!(entries[0]["pinned"], true);
    assert_eq!(entries[0]["body"][1]["type"], "image");
    assert!(entries[2].get("title").is_none() && entries[2].get("pinned").is_none());
    // A sub-heading and a quoted time heading stay in their entry.
    let kinds: Vec<&str> = entries[2]["body"].as_array().unwrap().iter().map(|b| b["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["paragraph", "heading", "quote"]);
    assert!(a["live"].get("ended").is_none(), "running");
    // The newest entry updates the article; its card says it is live.
    assert_eq!(a["updated"], "2024-11-17T22:11:00+01:00");
    let card = &f.json("latest/0.json")["items"][0];
    assert_eq!((card["live"].as_bool(), card["slug"].as_str()), (Some(true), Some("percrol-percre")));
}

#[test]
fn ending_the_coverage_dates_its_end_and_the_card_stops_saying_live() {
    let f = Fixture::new();
    f.write("content/articles/belfold/percrol-percre.md", &BLOG.replace("live = true", "live = false"));
    f.build().unwrap();
    assert_eq!(f.json(blog_path())["live"]["ended"], "2024-11-17T22:11:00+01:00");
    assert!(f.json("latest/0.json")["items"][0].get("live").is_none());
    f.write(
        "content/articles/belfold/percrol-percre.md",
        &BLOG.replace("live = true", "live_ended = 2024-11-17T23:58:00+01:00"),
    );
    f.build().unwrap();
    assert_eq!(f.json(blog_path())["live"]["ended"], "2024-11-17T23:58:00+01:00");
}

#[test]
fn an_ordinary_article_is_no_live_blog() {
    let f = Fixture::new();
    f.article("sima", "belfold", "2024-11-17T18:00:00+01:00", &[], "## Alcím\n\nSzöveg.\n");
    f.build().unwrap();
    let a = f.json("articles/belfold/2024/11/17/sima.json");
    assert!(a.get("live").is_none());
    assert_eq!(a["body"][0]["type"], "heading");
}

#[test]
fn a_time_that_does_not_exist_is_an_error_at_its_line() {
    let f = Fixture::new();
    let bad = BLOG
        .replace("## 2024-11-17 19:00", "## 2024-11-31 19:00")
        .replace("## 2024-11-17 21:00", "## 2024-03-31 02:30");
    f.write("content/articles/belfold/percrol-percre.md", &bad);
    let got = errors(f.build());
    let file = f.shown("articles/belfold/percrol-percre.md");
    assert!(
        got.contains(&format!(
        "{file}:18:1: `2024-11-31 19:00` is not a date and time; an entry heading begins with e.g. `2026-12-05 22:11`"
    )),
        "{got:?}"
    );
    assert!(
        got.contains(&format!(
            "{file}:26:1: `2024-03-31 02:30` does not exist in Budapest (the clocks skip that hour)"
        )),
        "{got:?}"
    );
}
