//! A good fixture tree compiles into the JSON tree of docs/CONTENT.md §2.

mod common;

use chrono::Datelike;
use common::Fixture;
use model::paths;
use serde_json::json;

const BODY: &str = "Első bekezdés **vastag** szöveggel és [linkkel](https://example.com).

## Alcím

> [!kiemelt]
> Középen állunk.

> „Idézet.”
>
> — Kovács Anna, szerkesztő

![Kép a partról](/public/images/kep.svg \"Reggel a parton | Fotó: CIVILHETES\")

- egy
- kettő

<https://www.youtube.com/watch?v=abc>
";

fn fixture() -> Fixture {
    let f = Fixture::new();
    f.article("uj-kerekparut", "belfold", "2024-03-15T09:30:00+01:00", &["Budapest", "Közlekedés", "Kerékpár"], BODY);
    f.article("valasztas-utan", "belfold", "2024-06-10T06:15:00+02:00", &["Választás", "Budapest"], "Szöveg.\n");
    f.article("brusszel", "kulfold", "2024-05-01T10:00:00+02:00", &["Európai Unió"], "Szöveg.\n");
    f.article("filmdij", "film", "2024-07-12T20:00:00+02:00", &["Film", "Kerékpár"], "Szöveg.\n");
    f.article("koncert", "kultura", "2024-02-01T19:00:00+01:00", &["Zene"], "Szöveg.\n");
    f.article("video-cikk", "video", "2023-01-05T10:00:00+01:00", &["Budapest"], "Szöveg.\n");
    // Half past midnight in Budapest is still the 29th of February in UTC: the path uses the offset.
    f.article("ejfel", "belfold", "\"2024-03-01T00:30:00+01:00\"", &[], "Szöveg.\n");
    f
}

fn slugs(list: &serde_json::Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|a| a["slug"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn builds_every_file_of_the_tree() {
    let f = fixture();
    let report = f.build().unwrap();
    assert_eq!((report.articles, report.sections, report.tags, report.authors, report.pages), (7, 6, 7, 2, 1));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);

    let all: Vec<String> = Fixture::snapshot(&f.out()).into_iter().map(|(p, _)| p).collect();
    // The search files are asserted in tests/search.rs.
    let search = all.iter().filter(|p| p.starts_with("search/")).count();
    assert!(search >= 3, "index, shards and doc table: {all:?}");
    let mut files: Vec<String> = all.into_iter().filter(|p| !p.starts_with("search/")).collect();
    files.sort();
    let expected = [
        "articles/belfold/2024/03/01/ejfel.json",
        "articles/belfold/2024/03/15/uj-kerekparut.json",
        "articles/belfold/2024/06/10/valasztas-utan.json",
        "articles/film/2024/07/12/filmdij.json",
        "articles/kulfold/2024/05/01/brusszel.json",
        "articles/kultura/2024/02/01/koncert.json",
        "articles/video/2023/01/05/video-cikk.json",
        "authors/kovacs-anna/0.json",
        "authors/nagy-peter/0.json",
        "home.json",
        "latest/0.json",
        "pages/impresszum.json",
        "sections/belfold/0.json",
        "sections/film/0.json",
        "sections/kulfold/0.json",
        "sections/kultura/0.json",
        "sections/minden-mas/0.json",
        "sections/video/0.json",
        "sections/zene/0.json",
        "site.json",
        "tags/budapest/0.json",
        "tags/europai-unio/0.json",
        "tags/film/0.json",
        "tags/kerekpar/0.json",
        "tags/kozlekedes/0.json",
        "tags/valasztas/0.json",
        "tags/zene/0.json",
    ];
    assert_eq!(files, expected);
    assert_eq!(report.files, expected.len() + search);
}

#[test]
fn site_json_has_menu_footer_popular_tags_and_years() {
    let f = fixture();
    f.build().unwrap();
    let site = f.json("site.json");
    assert_eq!(site["name"], "CIVILHETES");
    assert_eq!(site["menu_inline"], 2);
    assert_eq!(
        site["menu"],
        json!([
            { "label": "Belföld", "href": paths::section("belfold") },
            { "label": "Külföld", "href": paths::section("kulfold") },
            { "label": "Kultúra", "href": paths::section("kultura"), "children": [
                { "label": "Film", "href": paths::section("film") },
                { "label": "Zene", "href": paths::section("zene") }
            ] },
            { "label": "Videó", "href": paths::section("video") }
        ])
    );
    assert_eq!(site["footer_sections"][1], json!({ "label": "Minden más", "href": paths::section("minden-mas") }));
    assert_eq!(site["social"][0]["network"], "instagram");
    assert_eq!(site["legal"][0]["href"], paths::static_page("impresszum"));
    assert_eq!(site["countdown"]["target"], "2026-04-12T06:00:00+02:00");
    // Nothing was published in the year before the last recount, so the window is the 365 days
    // before the recount after the newest article (2024-07-12): the 2023 "Budapest" use does
    // not count. Chosen: the two tags with 2 uses, then the first by name of those with 1;
    // shown in slug order and without counts, so a new use changes no page unless the choice moves.
    assert_eq!(
        site["popular_tags"],
        json!([
            { "slug": "budapest", "name": "Budapest" },
            { "slug": "europai-unio", "name": "Európai Unió" },
            { "slug": "kerekpar", "name": "Kerékpár" }
        ])
    );
    // The copyright runs to the clock's year in Budapest, not the newest article's.
    let now = chrono::Utc::now();
    let this_year = i64::from(now.with_timezone(&model::date::budapest_offset(now)).year());
    assert_eq!((site["copyright_from"].as_i64(), site["copyright_to"].as_i64()), (Some(2011), Some(this_year)));
}

#[test]
fn home_json_has_top_sections_and_latest() {
    let f = fixture();
    f.build().unwrap();
    let home = f.json("home.json");
    assert_eq!(slugs(&home["top"]), ["filmdij", "valasztas-utan", "brusszel", "uj-kerekparut", "ejfel"]);
    assert_eq!(home["latest"].as_array().unwrap().len(), 7);
    let sections: Vec<(String, Vec<String>)> = home["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["section"]["slug"].as_str().unwrap().to_owned(), slugs(&s["articles"])))
        .collect();
    assert_eq!(
        sections,
        vec![
            ("belfold".to_owned(), vec!["valasztas-utan".to_owned(), "uj-kerekparut".to_owned(), "ejfel".to_owned()]),
            ("kulfold".to_owned(), vec!["brusszel".to_owned()]),
            ("kultura".to_owned(), vec!["filmdij".to_owned(), "koncert".to_owned()]),
            ("video".to_owned(), vec!["video-cikk".to_owned()]),
        ]
    );
    // A summary is a card: no body, no tags.
    assert!(home["top"][0].get("body").is_none());
    assert_eq!(home["top"][0]["path"], "/film/2024/07/12/filmdij");
}

#[test]
fn section_pages_include_sub_sections_and_the_gathered_section() {
    let f = fixture();
    f.build().unwrap();
    let kultura = f.json("sections/kultura/0.json");
    assert_eq!(kultura["section"], json!({ "slug": "kultura", "name": "Kultúra" }));
    assert!(kultura.get("parent").is_none());
    assert_eq!(kultura["children"], json!([{ "slug": "film", "name": "Film" }, { "slug": "zene", "name": "Zene" }]));
    assert_eq!(slugs(&kultura["list"]["items"]), ["filmdij", "koncert"]);

    let film = f.json("sections/film/0.json");
    assert_eq!(film["parent"], json!({ "slug": "kultura", "name": "Kultúra" }));
    assert_eq!(slugs(&film["list"]["items"]), ["filmdij"]);

    let zene = f.json("sections/zene/0.json");
    assert_eq!(zene["list"], json!({ "items": [], "page": 0, "total": 0 }));

    // menu_inline = 2: Kultúra (with Film) and Videó are "everything else".
    let gathered = f.json("sections/minden-mas/0.json");
    assert_eq!(gathered["section"], json!({ "slug": "minden-mas", "name": "Minden más" }));
    assert_eq!(slugs(&gathered["list"]["items"]), ["filmdij", "koncert", "video-cikk"]);
    assert_eq!(slugs(&gathered["children"]), ["kultura", "video"]);
}

#[test]
fn tag_and_author_pages() {
    let f = fixture();
    f.build().unwrap();
    let tag = f.json("tags/budapest/0.json");
    assert_eq!(tag["tag"], json!({ "slug": "budapest", "name": "Budapest" }));
    assert_eq!(tag["list"]["total"], 3);
    assert_eq!(slugs(&tag["list"]["items"]), ["valasztas-utan", "uj-kerekparut", "video-cikk"]);

    let anna = f.json("authors/kovacs-anna/0.json");
    assert_eq!(anna["author"]["bio"], "Belpolitikai újságíró.");
    assert_eq!(anna["list"]["total"], 7);
    let peter = f.json("authors/nagy-peter/0.json");
    assert_eq!(
        peter["author"],
        json!({ "slug": "nagy-peter", "name": "Nagy Péter", "avatar": "/public/avatars/nagy-peter.svg", "bio": "" })
    );
    assert_eq!(peter["list"], json!({ "items": [], "page": 0, "total": 0 }));
}

#[test]
fn the_article_json_is_complete() {
    let f = fixture();
    f.build().unwrap();
    let a = f.json("articles/belfold/2024/03/15/uj-kerekparut.json");
    assert_eq!(a["path"], "/belfold/2024/03/15/uj-kerekparut");
    assert_eq!(a["section"], json!({ "slug": "belfold", "name": "Belföld" }));
    assert!(a.get("parent_section").is_none());
    assert_eq!(a["author"]["bio"], "Belpolitikai újságíró.");
    assert_eq!(a["published"], "2024-03-15T09:30:00+01:00");
    assert_eq!(
        a["tags"],
        json!([
            { "slug": "budapest", "name": "Budapest" },
            { "slug": "kozlekedes", "name": "Közlekedés" },
            { "slug": "kerekpar", "name": "Kerékpár" }
        ])
    );
    assert_eq!(
        a["cover"],
        json!({ "src": "/public/images/duna.svg", "alt": "A Duna", "width": 1200, "height": 675, "credit": "Illusztráció: CIVILHETES" })
    );
    assert_eq!(
        a["body"],
        json!([
            { "type": "paragraph", "spans": [
                { "text": "Első bekezdés " }, { "text": "vastag", "strong": true },
                { "text": " szöveggel és " }, { "text": "linkkel", "href": "https://example.com" }, { "text": "." }
            ] },
            { "type": "heading", "level": 2, "text": "Alcím" },
            { "type": "pull_quote", "text": "Középen állunk." },
            { "type": "quote", "paragraphs": [[{ "text": "„Idézet.”" }]], "cite": "Kovács Anna, szerkesztő" },
            { "type": "image", "image": { "src": "/public/images/kep.svg", "alt": "Kép a partról", "width": 800, "height": 600,
                "caption": "Reggel a parton", "credit": "Fotó: CIVILHETES" } },
            { "type": "list", "ordered": false, "items": [[{ "text": "egy" }], [{ "text": "kettő" }]] },
            { "type": "embed", "url": "https://www.youtube.com/watch?v=abc", "title": "www.youtube.com" }
        ])
    );
    // "Kerékpár" (2 articles) is rarer than "Budapest" (3): filmdij first, then the Budapest
    // ones, the closer in time first.
    assert_eq!(slugs(&a["related"]), ["filmdij", "valasztas-utan", "video-cikk"]);

    let film = f.json("articles/film/2024/07/12/filmdij.json");
    assert_eq!(film["parent_section"], json!({ "slug": "kultura", "name": "Kultúra" }));
    let ejfel = f.json("articles/belfold/2024/03/01/ejfel.json");
    assert_eq!(ejfel["published"], "2024-03-01T00:30:00+01:00");
    assert_eq!(ejfel["related"], json!([]));

    let page = f.json("pages/impresszum.json");
    assert_eq!(
        page,
        json!({ "slug": "impresszum", "title": "Impresszum", "body": [
            { "type": "paragraph", "spans": [{ "text": "Felelős kiadó: " }, { "text": "valaki", "strong": true }, { "text": "." }] }
        ] })
    );
}

#[test]
fn the_written_tree_is_what_the_index_serves() {
    let f = fixture();
    f.build().unwrap();
    let corpus = press::load(&f.content(), &f.public()).unwrap();
    let index = press::Index::new(&corpus);
    let on_disk = Fixture::snapshot(&f.out());
    assert!(!on_disk.is_empty());
    for (path, bytes) in &on_disk {
        assert_eq!(index.resolve(path).as_ref(), Some(bytes), "{path}");
    }
    let mut rendered = press::render_tree(&corpus);
    rendered.sort();
    assert_eq!(rendered, on_disk);
}

#[test]
fn thirty_articles_paginate_in_every_list_from_the_oldest() {
    let f = Fixture::new();
    for day in 1..=30 {
        f.article(
            &format!("cikk-{day:02}"),
            "zene",
            &format!("2024-01-{day:02}T10:00:00+01:00"),
            &["Zene"],
            "Szöveg.\n",
        );
    }
    f.build().unwrap();
    for list in
        ["latest", "sections/zene", "sections/kultura", "sections/minden-mas", "tags/zene", "authors/kovacs-anna"]
    {
        let front = f.json(&format!("{list}/0.json"));
        let p1 = f.json(&format!("{list}/1.json"));
        let l0 = if list == "latest" { &front } else { &front["list"] };
        let l1 = if list == "latest" { &p1 } else { &p1["list"] };
        // The front page: the 18 newest, the way back to page 1, and the count.
        assert_eq!((l0["page"].as_u64(), l0["older"].as_u64(), l0["total"].as_u64()), (Some(0), Some(1), Some(30)));
        assert_eq!(slugs(&l0["items"]).first().map(String::as_str), Some("cikk-30"), "{list}");
        assert_eq!(l0["items"].as_array().unwrap().len(), 18, "{list}");
        // Page 1: the 12 oldest, newest first, with nothing that a new article would change.
        let oldest: Vec<String> = (1..=12).rev().map(|d| format!("cikk-{d:02}")).collect();
        assert_eq!(slugs(&l1["items"]), oldest, "{list}");
        assert_eq!(l1.as_object().unwrap().keys().collect::<Vec<_>>(), ["items", "page"], "{list}");
        assert!(!f.out().join(format!("{list}/2.json")).exists(), "{list}");
    }
}

#[test]
fn warnings_do_not_stop_the_build() {
    let f = Fixture::new();
    f.write(
        "content/articles/belfold/figyelmeztetes.md",
        "+++\ntitle = \"Cím\"\nlead = \"Bevezető.\"\nsection = \"belfold\"\nauthor = \"nagy-peter\"\npublished = 2024-03-15T09:30:00+01:00\n+++\nElső.\n\n<div>nyers</div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    );
    let report = f.build().unwrap();
    let file = f.shown("articles/belfold/figyelmeztetes.md");
    let site = f.shown("site.toml");
    let shown: Vec<String> = report.warnings.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        shown,
        vec![
            format!("{file}:1: the article has no cover image"),
            format!("{file}:10: raw HTML dropped (the content model has no HTML)"),
            format!("{file}:12: table dropped (tables are not in the content model)"),
            // No article has the tag the countdown links to.
            format!("{site}:48: link `{}` leads to nothing that exists", paths::tag("valasztas")),
        ]
    );
    let a = f.json("articles/belfold/2024/03/15/figyelmeztetes.json");
    assert!(a.get("cover").is_none());
    assert_eq!(a["body"], json!([{ "type": "paragraph", "spans": [{ "text": "Első." }] }]));
}

#[test]
fn a_successful_build_replaces_the_previous_output() {
    let f = fixture();
    f.write("dist/content/stale.json", "{}");
    f.build().unwrap();
    assert!(!f.out().join("stale.json").exists());
    assert!(f.out().join("site.json").exists());
    let leftovers: Vec<String> = std::fs::read_dir(f.root().join("dist"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(leftovers, ["content"]);
}

#[test]
fn one_spelling_per_tag() {
    let f = Fixture::new();
    f.article("egy", "belfold", "2024-03-15T09:30:00+01:00", &["Budapest"], "Szöveg.\n");
    f.article("ketto", "belfold", "2024-03-16T09:30:00+01:00", &["Budapest"], "Szöveg.\n");
    f.article("harom", "belfold", "2024-03-17T09:30:00+01:00", &["budapest"], "Szöveg.\n");
    let report = f.build().unwrap();
    let shown: Vec<String> = report.warnings.iter().map(|d| d.to_string()).collect();
    assert!(
        shown.contains(&format!(
            "{}:1: tag `budapest` is written `Budapest` in other articles; using `Budapest`",
            f.shown("articles/belfold/harom.md")
        )),
        "{shown:?}"
    );
    let a = f.json("articles/belfold/2024/03/17/harom.json");
    assert_eq!(a["tags"], json!([{ "slug": "budapest", "name": "Budapest" }]));
    assert_eq!(f.json("tags/budapest/0.json")["tag"]["name"], "Budapest");
}

/// A rebuild removes what the last build's listing names and the new tree lacks, and finds
/// what was put into the tree by hand in the folders that changed since, without a walk.
#[test]
fn a_rebuild_removes_what_is_gone_and_what_was_put_in_by_hand() {
    let f = fixture();
    f.build().unwrap();
    let listing = f.root().join(".dist.content-files");
    assert!(listing.is_file(), "the listing is kept beside dist, never deployed");

    let article = "articles/kultura/2024/02/01/koncert.json";
    assert!(f.out().join(article).is_file());
    std::fs::remove_file(f.content().join("articles/kultura/koncert.md")).unwrap();
    // By hand: a file beside the articles of a folder press wrote, and a folder of its own.
    f.write("dist/content/articles/belfold/2024/03/15/regi.json", "{}");
    f.write("dist/content/kezzel/irt/fajl.json", "{}");

    let report = f.build().unwrap();
    let removed = &report.written.removed_files;
    for gone in [article, "articles/belfold/2024/03/15/regi.json", "kezzel/irt/fajl.json"] {
        assert!(removed.iter().any(|r| r == gone), "{gone} is reported removed: {removed:?}");
        assert!(!f.out().join(gone).exists(), "{gone} is removed");
    }
    assert!(!f.out().join("articles/kultura").exists(), "folders left empty go too");
    assert!(!f.out().join("kezzel").exists(), "folders left empty go too");
    // The same tree as a first build of the same sources.
    let fresh = f.root().join("fresh");
    press::build(&f.content(), &f.public(), &fresh).unwrap();
    let names = |dir| Fixture::snapshot(dir).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
    assert_eq!(names(&f.out()), names(&fresh));

    // The listing that run wrote still shows what is put in by hand next, in a folder it
    // removed from and in one it did not touch.
    f.write("dist/content/articles/belfold/2024/03/15/masik.json", "{}");
    f.write("dist/content/tags/budapest/kezzel.json", "{}");
    let report = f.build().unwrap();
    assert_eq!(report.written.removed_files, ["articles/belfold/2024/03/15/masik.json", "tags/budapest/kezzel.json"]);

    // Without a listing (a run stopped halfway leaves none) the build walks the tree.
    std::fs::remove_file(&listing).unwrap();
    f.write("dist/content/articles/belfold/2024/03/15/regi.json", "{}");
    let report = f.build().unwrap();
    assert_eq!(report.written.removed_files, ["articles/belfold/2024/03/15/regi.json"]);
    assert!(listing.is_file());
}
