//! `press site` on fixture trees: what a crawler, a link preview, a reader without JavaScript
//! and the app taking over get, read back with a real HTML parser and a real XML parser.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use common::Fixture;
use model::paths;
use press::site::{SiteError, SiteOptions};
use scraper::{Html, Selector};
use serde_json::Value;

/// A shell as `trunk build --release` writes it: minified, unquoted attributes, an inline loader.
const SHELL: &str = "<!doctype html><html lang=hu><meta charset=utf-8><meta content=\"width=device-width,initial-scale=1\" name=viewport><meta content=/content/ name=hirlap-content-base><title>CIVILHETES</title><meta content=\"Független közéleti magazin.\" name=description><link href=/public/favicon.svg rel=icon type=image/svg+xml><script src=/public/boot.js></script><link href=/main-0123.css rel=stylesheet><script type=module>import init, * as bindings from '/hirlap-0123.js';\nconst wasm = await init({ module_or_path: '/hirlap-0123_bg.wasm' });\nwindow.wasmBindings = bindings;</script><link href=/hirlap-0123.js rel=modulepreload></head><body></body></html>";

const LOADER: &str = "import init, * as bindings from '/hirlap-0123.js';\nconst wasm = await init({ module_or_path: '/hirlap-0123_bg.wasm' });\nwindow.wasmBindings = bindings;";

const HOSTILE: &str = "</script><script>alert(1)</script>\"' onmouseover=x \u{2028} ]]> <!-- &amp;";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 12, 0, 0).unwrap()
}

fn options() -> SiteOptions {
    SiteOptions { now: now(), previews: false }
}

/// press build at the same time press site runs at: the footer's recount and year follow it.
fn build_json(f: &Fixture, out: &std::path::Path) -> Result<press::BuildReport, press::BuildError> {
    let opts = press::source::LoadOptions { now: Some(now()), ..Default::default() };
    press::build_with(&f.content(), &f.public(), out, opts)
}

const BODY: &str = "Első bekezdés **vastag** szöveggel és [linkkel](https://example.com).

## Alcím

> [!kiemelt]
> Középen állunk.

Második bekezdés a háborúról.
";

fn fixture() -> Fixture {
    let f = Fixture::new();
    f.article("uj-kerekparut", "belfold", "2024-03-15T09:30:00+01:00", &["Budapest", "Közlekedés", "Kerékpár"], BODY);
    f.article("valasztas-utan", "belfold", "2024-06-10T06:15:00+02:00", &["Választás", "Budapest"], "Szöveg.\n");
    f.article("brusszel", "kulfold", "2024-06-09T10:00:00+02:00", &["Európai Unió"], "Szöveg.\n");
    f.article("filmdij", "film", "2024-06-11T20:00:00+02:00", &["Film", "Kerékpár"], "Szöveg.\n");
    f.article("koncert", "kultura", "2024-02-01T19:00:00+01:00", &["Zene"], "Szöveg.\n");
    f
}

/// The site's absolute URL of `path`.
fn site_url(path: &str) -> String {
    format!("https://civilhetes.example{path}")
}

/// Page `n` of the Külföld section, the fixture's section with more than one page.
fn kulfold(n: u32) -> String {
    paths::list(&paths::section("kulfold"), n)
}

fn dist(f: &Fixture) -> PathBuf {
    f.root().join("dist")
}

/// `trunk build` for the fixture: the shell and the JSON tree.
fn trunk_build(f: &Fixture) {
    f.write("dist/index.html", SHELL);
    f.write("dist/hirlap-0123.js", "// the app");
    build_json(f, &dist(f).join("content")).unwrap();
}

fn site(f: &Fixture) -> Result<press::site::SiteReport, SiteError> {
    press::site::site(&f.content(), &f.public(), &dist(f), &options())
}

fn built() -> Fixture {
    let f = fixture();
    trunk_build(&f);
    site(&f).unwrap();
    f
}

fn read(f: &Fixture, rel: &str) -> String {
    let p = dist(f).join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn page(f: &Fixture, rel: &str) -> Html {
    Html::parse_document(&read(f, rel))
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn all<'a>(doc: &'a Html, s: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&sel(s)).collect()
}

/// The `content` of the one `<meta>` matching `selector`.
fn meta(doc: &Html, selector: &str) -> String {
    let found = all(doc, selector);
    assert_eq!(found.len(), 1, "{selector}");
    found[0].value().attr("content").unwrap().to_owned()
}

fn metas(doc: &Html, selector: &str) -> Vec<String> {
    all(doc, selector).iter().map(|e| e.value().attr("content").unwrap().to_owned()).collect()
}

fn text(doc: &Html, selector: &str) -> String {
    let found = all(doc, selector);
    assert_eq!(found.len(), 1, "{selector}");
    found[0].text().collect()
}

fn json_file(f: &Fixture, rel: &str) -> Value {
    serde_json::from_str(&read(f, &format!("content/{rel}"))).unwrap()
}

/// The documents a page names in `#hirlap-data`, for the app to fetch when it comes.
fn named(doc: &Html) -> Vec<String> {
    let scripts = all(doc, "script#hirlap-data");
    assert_eq!(scripts.len(), 1);
    assert_eq!(scripts[0].value().attr("type"), Some("application/json"));
    serde_json::from_str(&scripts[0].text().collect::<String>()).unwrap()
}

const ARTICLE: &str = "belfold/2024/03/15/uj-kerekparut/index.html";

#[test]
fn an_article_page_has_every_head_tag_a_crawler_and_a_link_preview_read() {
    let f = built();
    let doc = page(&f, ARTICLE);
    let a = json_file(&f, "articles/belfold/2024/03/15/uj-kerekparut.json");
    let url = "https://civilhetes.example/belfold/2024/03/15/uj-kerekparut";
    let image = "https://civilhetes.example/public/images/duna.svg";

    assert_eq!(all(&doc, "title").len(), 1);
    assert_eq!(text(&doc, "title"), "Cím: uj-kerekparut | CIVILHETES");
    assert_eq!(meta(&doc, "meta[name=description]"), "Bevezető.");
    let canonical = all(&doc, "link[rel=canonical]");
    assert_eq!(canonical.len(), 1);
    assert_eq!(canonical[0].value().attr("href"), Some(url));
    let feed = all(&doc, "link[rel=alternate][type='application/rss+xml']");
    assert_eq!(feed[0].value().attr("href"), Some("/rss.xml"));

    assert_eq!(meta(&doc, "meta[property='og:type']"), "article");
    assert_eq!(meta(&doc, "meta[property='og:title']"), "Cím: uj-kerekparut");
    assert_eq!(meta(&doc, "meta[property='og:description']"), "Bevezető.");
    assert_eq!(meta(&doc, "meta[property='og:url']"), url);
    assert_eq!(meta(&doc, "meta[property='og:image']"), image);
    assert_eq!(meta(&doc, "meta[property='og:image:width']"), "1200");
    assert_eq!(meta(&doc, "meta[property='og:image:height']"), "675");
    assert_eq!(meta(&doc, "meta[property='og:image:alt']"), "A Duna");
    assert_eq!(meta(&doc, "meta[property='og:locale']"), "hu_HU");
    assert_eq!(meta(&doc, "meta[property='og:site_name']"), "CIVILHETES");
    assert_eq!(meta(&doc, "meta[property='article:published_time']"), "2024-03-15T09:30:00+01:00");
    assert_eq!(meta(&doc, "meta[property='article:modified_time']"), "2024-03-15T09:30:00+01:00");
    assert_eq!(meta(&doc, "meta[property='article:section']"), "Belföld");
    assert_eq!(metas(&doc, "meta[property='article:tag']"), ["Budapest", "Közlekedés", "Kerékpár"]);
    assert_eq!(meta(&doc, "meta[name='twitter:card']"), "summary_large_image");
    assert_eq!(meta(&doc, "meta[name='twitter:title']"), "Cím: uj-kerekparut");
    assert_eq!(meta(&doc, "meta[name='twitter:description']"), "Bevezető.");
    assert_eq!(meta(&doc, "meta[name='twitter:image']"), image);
    assert!(all(&doc, "meta[name=robots]").is_empty());

    let ld = all(&doc, "script[type='application/ld+json']");
    assert_eq!(ld.len(), 1);
    let ld: Value = serde_json::from_str(&ld[0].text().collect::<String>()).unwrap();
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], a["title"]);
    assert_eq!(ld["description"], a["lead"]);
    assert_eq!(ld["datePublished"], "2024-03-15T09:30:00+01:00");
    assert_eq!(ld["dateModified"], "2024-03-15T09:30:00+01:00");
    assert_eq!(ld["author"][0]["@type"], "Person");
    assert_eq!(ld["author"][0]["name"], "Kovács Anna");
    assert_eq!(ld["author"][0]["url"], site_url(&paths::author("kovacs-anna")));
    assert_eq!(ld["publisher"]["@type"], "Organization");
    assert_eq!(ld["publisher"]["name"], "CIVILHETES");
    assert_eq!(ld["publisher"]["logo"]["url"], "https://civilhetes.example/public/favicon.svg");
    assert_eq!(ld["image"][0]["url"], image);
    assert_eq!(ld["mainEntityOfPage"]["@id"], url);
    assert_eq!(ld["articleSection"], "Belföld");
    assert_eq!(ld["keywords"], "Budapest, Közlekedés, Kerékpár");

    // Every tag press adds is marked, so the app can drop them on its first navigation.
    let ours = "meta[name=description], meta[property], meta[name^='twitter:'], link[rel=canonical], link[rel=alternate], script[type='application/ld+json']";
    assert!(all(&doc, ours).iter().all(|e| e.value().attr("data-prerender").is_some()));
    assert_eq!(all(&doc, "[data-prerender]").len(), all(&doc, ours).len());
    // The shell's own title and description are replaced, its scripts kept.
    let html = read(&f, ARTICLE);
    assert!(!html.contains("Független közéleti magazin."));
    assert!(html.contains(LOADER));
    assert!(html.starts_with("<!doctype html><html lang=hu><meta charset=utf-8>"));
}

#[test]
fn list_pages_home_search_and_404_have_their_own_heads() {
    let f = built();
    let home = page(&f, "index.html");
    assert_eq!(text(&home, "title"), "CIVILHETES");
    assert_eq!(meta(&home, "meta[property='og:type']"), "website");
    assert_eq!(meta(&home, "meta[property='og:url']"), "https://civilhetes.example/");
    assert_eq!(meta(&home, "meta[property='og:title']"), "CIVILHETES");
    // The lead story's cover previews the home page.
    assert_eq!(meta(&home, "meta[property='og:image']"), "https://civilhetes.example/public/images/duna.svg");

    let sec = page(&f, &paths::file(&paths::section("belfold")));
    assert_eq!(text(&sec, "title"), "Belföld | CIVILHETES");
    assert_eq!(meta(&sec, "meta[name=description]"), "Rovat: Belföld – 2 cikk");
    assert_eq!(
        all(&sec, "link[rel=canonical]")[0].value().attr("href"),
        Some(site_url(&paths::section("belfold")).as_str())
    );
    let feeds: Vec<&str> = all(&sec, "link[rel=alternate]").iter().map(|l| l.value().attr("href").unwrap()).collect();
    assert_eq!(feeds, [paths::FEED.to_owned(), paths::section_feed("belfold")]);
    assert!(all(&sec, "script[type='application/ld+json']").is_empty());

    let tag = page(&f, &paths::file(&paths::tag("kerekpar")));
    assert_eq!(text(&tag, "title"), "Kerékpár | CIVILHETES");
    assert_eq!(meta(&tag, "meta[name=description]"), "Címke: Kerékpár – 2 cikk");
    let author = page(&f, &paths::file(&paths::author("kovacs-anna")));
    assert_eq!(meta(&author, "meta[name=description]"), "Belpolitikai újságíró.");
    let imp = page(&f, &paths::file(&paths::static_page("impresszum")));
    assert_eq!(text(&imp, "title"), "Impresszum | CIVILHETES");
    assert_eq!(meta(&imp, "meta[name=description]"), "Felelős kiadó: valaki.");

    let search = page(&f, &paths::file(paths::SEARCH));
    assert_eq!(text(&search, "title"), "Keresés | CIVILHETES");
    assert_eq!(meta(&search, "meta[name=robots]"), "noindex, follow");
    let nf = page(&f, "404.html");
    assert_eq!(text(&nf, "title"), "Az oldal nem található | CIVILHETES");
    assert_eq!(meta(&nf, "meta[name=robots]"), "noindex, follow");
    assert!(all(&nf, "link[rel=canonical]").is_empty());
    assert_eq!(text(&nf, "#prerender main h1"), "Az oldal nem található");
}

#[test]
fn every_route_has_a_page_and_the_shell_is_kept() {
    let f = built();
    let mut expected: Vec<String> = [
        paths::HOME,
        paths::NOT_FOUND_PAGE,
        paths::SEARCH,
        paths::static_page("impresszum").as_str(),
        paths::author("kovacs-anna").as_str(),
        paths::author("nagy-peter").as_str(),
    ]
    .into_iter()
    .map(paths::file)
    .collect();
    for s in ["belfold", "kulfold", "kultura", "film", "zene", "video", "minden-mas"] {
        assert!(dist(&f).join(paths::file(&paths::section(s))).is_file(), "{s}");
        assert!(dist(&f).join(paths::file(&paths::section_feed(s))).is_file(), "{s}");
    }
    for t in ["budapest", "kozlekedes", "kerekpar", "valasztas", "europai-unio", "film", "zene"] {
        assert!(dist(&f).join(paths::file(&paths::tag(t))).is_file(), "{t}");
    }
    expected.extend(
        [
            "belfold/2024/03/15/uj-kerekparut/index.html",
            "belfold/2024/06/10/valasztas-utan/index.html",
            "kulfold/2024/06/09/brusszel/index.html",
            "film/2024/06/11/filmdij/index.html",
            "kultura/2024/02/01/koncert/index.html",
        ]
        .map(str::to_owned),
    );
    for e in expected {
        assert!(dist(&f).join(&e).is_file(), "{e}");
    }
    assert_eq!(read(&f, "shell.html"), SHELL);
    // Trunk's files and the JSON tree are untouched.
    assert_eq!(read(&f, "hirlap-0123.js"), "// the app");
    assert!(dist(&f).join("content/site.json").is_file());
}

#[test]
fn a_page_names_exactly_the_json_files_its_first_render_reads_and_carries_none() {
    let f = built();
    let cases: [(String, &[&str]); 7] = [
        (paths::file(paths::HOME), &["home.json"]),
        (paths::file(&paths::section("belfold")), &["sections/belfold/0.json"]),
        (paths::file(&paths::section("minden-mas")), &["sections/minden-mas/0.json"]),
        (paths::file(&paths::tag("budapest")), &["tags/budapest/0.json"]),
        (paths::file(&paths::author("kovacs-anna")), &["authors/kovacs-anna/0.json"]),
        (paths::file(&paths::static_page("impresszum")), &["pages/impresszum.json"]),
        (ARTICLE.to_owned(), &["articles/belfold/2024/03/15/uj-kerekparut.json"]),
    ];
    for (rel, own) in cases {
        let html = read(&f, &rel);
        let names = named(&Html::parse_document(&html));
        // site.json only besides the page's own: the latest list changes with every article.
        let mut expected = vec!["site.json".to_owned()];
        expected.extend(own.iter().map(|o| (*o).to_owned()));
        assert_eq!(names, expected, "{rel}");
        for k in &names {
            // Each is in the tree, and no page carries its text (a title is in the markup too,
            // so look for the document's first field with its value).
            let doc = read(&f, &format!("content/{k}"));
            assert!(!html.contains(&doc[..doc.len().min(60)]), "{rel} carries {k}");
        }
    }
    for rel in [paths::file(paths::SEARCH), paths::file(paths::NOT_FOUND_PAGE)] {
        assert_eq!(named(&page(&f, &rel)), ["site.json"], "{rel}");
    }
}

#[test]
fn an_article_reads_without_javascript() {
    let f = built();
    let doc = page(&f, ARTICLE);
    let a = json_file(&f, "articles/belfold/2024/03/15/uj-kerekparut.json");
    // The prerendered page is the whole page: chrome, main, sidebar, footer.
    assert_eq!(all(&doc, "body > div#prerender").len(), 1);
    for part in
        [".skip-link", "header.site-header", ".layout > main#main", ".layout > aside.sidebar", "footer.site-footer"]
    {
        assert_eq!(all(&doc, &format!("#prerender {part}")).len(), 1, "{part}");
    }
    assert_eq!(text(&doc, "#prerender h1.article-title"), a["title"].as_str().unwrap());
    assert_eq!(text(&doc, "#prerender .article-lead"), "Bevezető.");
    let paragraphs: Vec<String> =
        all(&doc, "#prerender .article-body > p").iter().map(|p| p.text().collect()).collect();
    assert_eq!(paragraphs, ["Első bekezdés vastag szöveggel és linkkel.", "Második bekezdés a háborúról."]);
    assert_eq!(text(&doc, "#prerender .article-body strong"), "vastag");
    assert_eq!(all(&doc, "#prerender .article-body a")[0].value().attr("href"), Some("https://example.com"));
    assert_eq!(text(&doc, "#prerender .article-body h2"), "Alcím");
    assert_eq!(text(&doc, "#prerender .pull-quote p"), "Középen állunk.");
    let tags: Vec<String> = all(&doc, "#prerender .article-tags .tag").iter().map(|t| t.text().collect()).collect();
    assert_eq!(tags, ["Budapest", "Közlekedés", "Kerékpár"]);
    assert_eq!(text(&doc, "#prerender .article-header .author-name"), "Kovács Anna");
    assert_eq!(text(&doc, "#prerender .article-date"), "2024.03.15.");
    assert_eq!(text(&doc, "#prerender .published"), "Publikálva 2024.03.15. - 09:30");
    assert_eq!(text(&doc, "#prerender .cover-credit"), "Címlapkép forrása: Illusztráció: CIVILHETES");
    // Related articles in the sidebar, as the app shows them.
    assert_eq!(text(&doc, "#prerender #recommended-title"), "Ajánlott cikkek");
    let related: Vec<String> =
        all(&doc, "#prerender .sidebar .card-title a").iter().map(|t| t.text().collect()).collect();
    let expected: Vec<String> =
        a["related"].as_array().unwrap().iter().take(5).map(|r| r["title"].as_str().unwrap().to_owned()).collect();
    assert_eq!(related, expected);
    // The menus are there but hidden the way the app hides them.
    for hidden in ["#more-menu", "#drawer", ".drawer-backdrop", ".search-clear"] {
        assert!(all(&doc, &format!("#prerender {hidden}"))[0].value().attr("hidden").is_some(), "{hidden}");
    }
    // No inline style anywhere (a strict CSP refuses them): the reading-progress bar starts
    // empty by the stylesheet and is drawn through the style object once the app runs.
    assert_eq!(all(&doc, "#prerender .reading-progress").len(), 1);
    assert!(all(&doc, "#prerender [style]").is_empty());
    // The menu marks the article's section as the app does.
    let current: Vec<&str> = all(&doc, "#prerender .menu-inline a[aria-current=true]")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(current, [paths::section("belfold")]);
    // The countdown's units without numbers, which would change the page at every run: the app
    // fills them in. The target is there for the app and for a reader without JavaScript.
    let units: Vec<String> = all(&doc, "#prerender .countdown-number").iter().map(|n| n.text().collect()).collect();
    assert_eq!(units, ["––", "––", "––", "––"]);
    assert_eq!(all(&doc, "#prerender .countdown time")[0].value().attr("datetime"), Some("2026-04-12T06:00:00+02:00"));
}

fn titles_of(list: &serde_json::Value) -> Vec<String> {
    list["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn a_section_page_lists_its_cards_and_links_the_older_page() {
    let f = fixture();
    // With the fixture's own article in Külföld ("brusszel"), 25 in all.
    for i in 0..24 {
        f.article(
            &format!("sok-{i:02}"),
            "kulfold",
            &format!("2023-05-{:02}T10:00:00+02:00", i + 1),
            &["Sok"],
            "Szöveg.\n",
        );
    }
    trunk_build(&f);
    site(&f).unwrap();
    let doc = page(&f, &paths::file(&kulfold(0)));
    let list = json_file(&f, "sections/kulfold/0.json");
    let titles: Vec<String> = all(&doc, "#prerender main .card-title a").iter().map(|t| t.text().collect()).collect();
    assert_eq!(titles, titles_of(&list["list"]));
    assert_eq!(titles.len(), 13, "25 articles: the 13 newest on the front page, 12 on page 1");
    let next = all(&doc, "#prerender main .load-more a[rel=next]");
    assert_eq!(next[0].value().attr("href"), Some(kulfold(1).as_str()));
    // Links to the page itself are current.
    assert!(all(&doc, "#prerender main .section-label").iter().all(|a| a.value().attr("aria-current") == Some("page")));

    // Page 1 is a file of its own at that path (a static host ignores a query): the oldest
    // cards, its own title and canonical, its own document embedded, no link past the oldest.
    let doc1 = page(&f, &paths::file(&kulfold(1)));
    let list1 = json_file(&f, "sections/kulfold/1.json");
    let titles1: Vec<String> = all(&doc1, "#prerender main .card-title a").iter().map(|t| t.text().collect()).collect();
    assert_eq!(titles1, titles_of(&list1["list"]));
    assert_eq!(titles1.len(), 12);
    assert!(titles1.iter().all(|t| !titles.contains(t)));
    assert!(all(&doc1, "#prerender main .load-more").is_empty());
    let title: String = all(&doc1, "title")[0].text().collect();
    assert!(title.starts_with("Külföld – 1. oldal | "), "{title}");
    assert_eq!(all(&doc1, "link[rel=canonical]")[0].value().attr("href"), Some(site_url(&kulfold(1)).as_str()));
    assert_eq!(named(&doc1), ["site.json", "sections/kulfold/1.json"], "page 1 names its own document");
    // The section stays marked in the menu on its older pages.
    let current: Vec<&str> = all(&doc1, "#prerender .menu-inline a[aria-current=true]")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(current, [kulfold(0)]);
    assert!(!dist(&f).join(kulfold(2).trim_start_matches('/')).exists());

    // The latest articles have pages too; the sidebar links to them before the app has loaded
    // them (a prerendered page never shows the latest list, which changes with every article).
    let latest = page(&f, &paths::file(paths::LATEST));
    let side_link = all(&latest, "#prerender .sidebar .load-more a");
    assert_eq!(side_link[0].value().attr("href"), Some(paths::LATEST));
    assert!(all(&latest, "#prerender .sidebar .card").is_empty());
    let latest1 = json_file(&f, "latest/1.json");
    let doc = page(&f, &paths::file(&paths::list(paths::LATEST, 1)));
    let shown: Vec<String> = all(&doc, "#prerender main .card-title a").iter().map(|t| t.text().collect()).collect();
    assert_eq!(shown, titles_of(&latest1));
}

#[test]
fn hostile_content_cannot_break_out_of_any_element_attribute_or_feed() {
    let f = Fixture::new();
    let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    f.write(
        "content/articles/belfold/gonosz.md",
        &format!(
            "+++\ntitle = \"{t}\"\nlead = \"{t} lead\"\nsection = \"belfold\"\ntags = [\"{t}\", \"Ok\"]\nauthor = \"kovacs-anna\"\npublished = 2024-03-15T09:30:00+01:00\nsource = \"{t}\"\n[cover]\nsrc = \"/public/images/duna.svg\"\nalt = \"{t}\"\ncredit = \"{t}\"\n+++\nBekezdés {body}\n\n<script>alert(2)</script>\n",
            t = esc(HOSTILE),
            body = "1 \\< 2 és \\<img src=x onerror=alert(3)\\> és </p><img src=y onerror=alert(4)>",
        ),
    );
    trunk_build(&f);
    site(&f).unwrap();
    let article = dist(&f).join("belfold/2024/03/15/gonosz/index.html");
    let html = std::fs::read_to_string(&article).unwrap();
    let doc = Html::parse_document(&html);

    // Only the shell's scripts, the data block and the JSON-LD: nothing injected.
    let scripts: Vec<String> = all(&doc, "script")
        .iter()
        .map(|s| format!("{}|{}", s.value().attr("type").unwrap_or(""), s.value().attr("src").unwrap_or("")))
        .collect();
    // (The JSON-LD sits where the shell's title was, before the shell's scripts.)
    assert_eq!(scripts, ["application/ld+json|", "|/public/boot.js", "module|", "application/json|"]);
    for e in doc.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        for (name, _) in e.value().attrs() {
            assert!(!name.starts_with("on"), "injected attribute {name} on <{}>", e.value().name());
        }
    }
    assert!(all(&doc, "img[src=x], img[src=y]").is_empty());
    // The text arrives intact wherever it is shown.
    assert_eq!(text(&doc, "title"), format!("{HOSTILE} | CIVILHETES"));
    assert_eq!(meta(&doc, "meta[property='og:title']"), HOSTILE);
    assert_eq!(meta(&doc, "meta[name=description]"), format!("{HOSTILE} lead"));
    assert_eq!(text(&doc, "#prerender h1.article-title"), HOSTILE);
    assert_eq!(all(&doc, "#prerender .figure img")[0].value().attr("alt"), Some(HOSTILE));
    assert_eq!(text(&doc, "#prerender .article-source"), format!("({HOSTILE})"));
    // Escaped in Markdown: text; raw HTML: dropped by press build.
    assert_eq!(text(&doc, "#prerender .article-body p"), "Bekezdés 1 < 2 és <img src=x onerror=alert(3)> és");
    let ld: Value =
        serde_json::from_str(&all(&doc, "script[type='application/ld+json']")[0].text().collect::<String>()).unwrap();
    assert_eq!(ld["headline"], HOSTILE);
    // Inside the two script elements no "<" is left at all.
    for s in all(&doc, "script[type='application/ld+json'], script#hirlap-data") {
        assert!(!s.text().collect::<String>().contains('<'));
    }

    // Feeds and sitemaps parse, with the text intact. (press build collapses white space in tag names.)
    let xml_safe = HOSTILE.to_owned();
    let tag = &json_file(&f, "articles/belfold/2024/03/15/gonosz.json")["tags"][0];
    let (tag_name, tag_slug) = (tag["name"].as_str().unwrap(), tag["slug"].as_str().unwrap());
    assert!(tag_name.starts_with("</script>"));
    for rel in [paths::file(paths::FEED), paths::file(&paths::section_feed("belfold"))] {
        let xml = read(&f, &rel);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let item = doc.descendants().find(|n| n.has_tag_name("item")).unwrap();
        let title = item.children().find(|n| n.has_tag_name("title")).unwrap().text().unwrap();
        assert_eq!(title, xml_safe);
        let cats: Vec<&str> =
            item.children().filter(|n| n.has_tag_name("category")).map(|n| n.text().unwrap()).collect();
        assert_eq!(cats, [tag_name, "Ok"]);
    }
    let news = read(&f, "sitemap-news.xml");
    let news = roxmltree::Document::parse(&news).unwrap();
    let title = news.descendants().find(|n| n.tag_name().name() == "title").unwrap();
    assert_eq!(title.text(), Some(HOSTILE));
    // And the tag's page (its slug is folded, its name shown as text).
    let tag_doc = page(&f, &paths::file(&paths::tag(tag_slug)));
    assert_eq!(text(&tag_doc, "#prerender h1.tag-title"), tag_name);
}

#[test]
fn control_characters_are_dropped_from_feeds_not_from_pages() {
    let f = Fixture::new();
    f.write(
        "content/articles/belfold/vezerlo.md",
        "+++\ntitle = \"Cím\\u0001 csengővel\\u0007\"\nlead = \"Lead\"\nsection = \"belfold\"\ntags = []\nauthor = \"kovacs-anna\"\npublished = 2024-03-15T09:30:00+01:00\n+++\nSzöveg.\n",
    );
    trunk_build(&f);
    site(&f).unwrap();
    let xml = read(&f, "rss.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("item"))
        .unwrap()
        .children()
        .find(|n| n.has_tag_name("title"))
        .unwrap();
    assert_eq!(title.text(), Some("Cím csengővel"));
}

/// The RSS items of a feed: (title, link, guid, pubDate, description, categories).
fn feed_items(xml: &str) -> Vec<(String, String, String, String, String, Vec<String>)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let child = |n: roxmltree::Node, name: &str| {
        n.children().find(|c| c.has_tag_name(name)).and_then(|c| c.text()).unwrap_or("").to_owned()
    };
    doc.descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|i| {
            (
                child(i, "title"),
                child(i, "link"),
                child(i, "guid"),
                child(i, "pubDate"),
                child(i, "description"),
                i.children().filter(|c| c.has_tag_name("category")).map(|c| c.text().unwrap().to_owned()).collect(),
            )
        })
        .collect()
}

#[test]
fn rss_feeds_carry_the_newest_articles_with_their_fields() {
    let f = fixture();
    for i in 0..55 {
        f.article(
            &format!("regi-{i:02}"),
            "kulfold",
            &format!("2022-{:02}-{:02}T10:00:00+01:00", i / 28 + 1, i % 28 + 1),
            &[],
            "Szöveg.\n",
        );
    }
    trunk_build(&f);
    site(&f).unwrap();
    let xml = read(&f, "rss.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let rss = doc.root_element();
    assert_eq!((rss.tag_name().name(), rss.attribute("version")), ("rss", Some("2.0")));
    let channel = rss.children().find(|n| n.has_tag_name("channel")).unwrap();
    let ch = |name: &str| channel.children().find(|c| c.has_tag_name(name)).and_then(|c| c.text()).unwrap().to_owned();
    assert_eq!(ch("title"), "CIVILHETES");
    assert_eq!(ch("link"), "https://civilhetes.example/");
    assert_eq!(ch("language"), "hu");
    let atom = channel.children().find(|c| c.has_tag_name(("http://www.w3.org/2005/Atom", "link"))).unwrap();
    assert_eq!(atom.attribute("href"), Some("https://civilhetes.example/rss.xml"));
    assert_eq!(atom.attribute("rel"), Some("self"));

    let items = feed_items(&xml);
    assert_eq!(items.len(), 50);
    let (title, link, guid, date, description, cats) = &items[0];
    assert_eq!(title, "Cím: filmdij");
    assert_eq!(link, "https://civilhetes.example/film/2024/06/11/filmdij");
    assert_eq!(guid, link);
    assert_eq!(DateTime::parse_from_rfc2822(date).unwrap().to_rfc3339(), "2024-06-11T20:00:00+02:00");
    assert_eq!(description, "Bevezető.");
    assert_eq!(cats, &["Film", "Kerékpár"]);
    // Newest first.
    let dates: Vec<_> = items.iter().map(|i| DateTime::parse_from_rfc2822(&i.3).unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));

    // A section's feed: its own articles and its sub-sections', nothing else.
    let kultura = feed_items(&read(&f, &paths::file(&paths::section_feed("kultura"))));
    let links: Vec<&str> = kultura.iter().map(|i| i.1.as_str()).collect();
    assert_eq!(
        links,
        ["https://civilhetes.example/film/2024/06/11/filmdij", "https://civilhetes.example/kultura/2024/02/01/koncert"]
    );
    assert_eq!(feed_items(&read(&f, &paths::file(&paths::section_feed("kulfold")))).len(), 50);
}

fn sitemap_locs(xml: &str) -> Vec<(String, Option<String>)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    assert_eq!(doc.root_element().tag_name().namespace(), Some("http://www.sitemaps.org/schemas/sitemap/0.9"));
    doc.descendants()
        .filter(|n| n.has_tag_name("url") || n.has_tag_name("sitemap"))
        .map(|u| {
            let get = |name: &str| {
                u.children().find(|c| c.tag_name().name() == name).and_then(|c| c.text()).map(str::to_owned)
            };
            (get("loc").unwrap(), get("lastmod"))
        })
        .collect()
}

#[test]
fn the_sitemap_lists_every_route_with_lastmod_and_the_news_sitemap_the_last_two_days() {
    let f = built();
    let urls = sitemap_locs(&read(&f, "sitemap.xml"));
    let base = "https://civilhetes.example";
    let find =
        |path: &str| urls.iter().find(|(l, _)| *l == format!("{base}{path}")).unwrap_or_else(|| panic!("{path}"));
    assert_eq!(find("/").1.as_deref(), Some("2024-06-11T20:00:00+02:00"));
    assert_eq!(find(&paths::section("belfold")).1.as_deref(), Some("2024-06-10T06:15:00+02:00"));
    assert_eq!(find(&paths::section("minden-mas")).1.as_deref(), Some("2024-06-11T20:00:00+02:00"));
    assert_eq!(find(&paths::tag("zene")).1.as_deref(), Some("2024-02-01T19:00:00+01:00"));
    assert_eq!(find(&paths::author("kovacs-anna")).1.as_deref(), Some("2024-06-11T20:00:00+02:00"));
    assert_eq!(find("/belfold/2024/03/15/uj-kerekparut").1.as_deref(), Some("2024-03-15T09:30:00+01:00"));
    assert_eq!(find(&paths::static_page("impresszum")).1, None);
    assert_eq!(find(paths::LATEST).1.as_deref(), Some("2024-06-11T20:00:00+02:00"));
    // home + 7 sections + 7 tags + 2 authors + the latest list + 1 page + 5 articles; no search
    // page, no 404, and only the first page of each list.
    assert_eq!(urls.len(), 1 + 7 + 7 + 2 + 1 + 1 + 5);
    assert!(urls.iter().all(|(l, _)| !l.ends_with(paths::SEARCH)));

    let news = read(&f, "sitemap-news.xml");
    let doc = roxmltree::Document::parse(&news).unwrap();
    let ns = "http://www.google.com/schemas/sitemap-news/0.9";
    let entries: Vec<(String, String, String, String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .map(|u| {
            let get = |name: &str, ns: &str| {
                u.descendants().find(|c| c.has_tag_name((ns, name))).and_then(|c| c.text()).unwrap().to_owned()
            };
            (
                get("loc", "http://www.sitemaps.org/schemas/sitemap/0.9"),
                get("name", ns),
                get("language", ns),
                get("publication_date", ns),
                get("title", ns),
            )
        })
        .collect();
    // The newest is the 11th of June, 20:00; the 10th 06:15 is within 48 hours, the 9th 10:00 is not.
    assert_eq!(
        entries,
        [
            (
                format!("{base}/film/2024/06/11/filmdij"),
                "CIVILHETES".into(),
                "hu".into(),
                "2024-06-11T20:00:00+02:00".into(),
                "Cím: filmdij".into()
            ),
            (
                format!("{base}/belfold/2024/06/10/valasztas-utan"),
                "CIVILHETES".into(),
                "hu".into(),
                "2024-06-10T06:15:00+02:00".into(),
                "Cím: valasztas-utan".into()
            ),
        ]
    );

    assert_eq!(
        read(&f, "robots.txt"),
        format!("User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\nSitemap: {base}/sitemap-news.xml\n")
    );
    assert_eq!(read(&f, "_redirects"), "/*  /404.html  404\n");
}

#[test]
fn sitemaps_split_past_fifty_thousand_urls_into_parts_and_an_index() {
    let base = "https://x.example";
    let t = chrono::DateTime::parse_from_rfc3339("2024-01-01T10:00:00+01:00").unwrap();
    let urls: Vec<press::site::SitemapUrl> = (0..120_001)
        .map(|i| press::site::SitemapUrl {
            loc: format!("{base}/a/{i}"),
            lastmod: Some(t + chrono::TimeDelta::minutes(i)),
        })
        .collect();
    let files = press::site::sitemaps(&urls, base, press::site::SITEMAP_MAX);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]);
    let index = sitemap_locs(&files[3].1);
    assert_eq!(
        index.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
        ["https://x.example/sitemap-1.xml", "https://x.example/sitemap-2.xml", "https://x.example/sitemap-3.xml"]
    );
    let last = (t + chrono::TimeDelta::minutes(120_000)).to_rfc3339();
    assert_eq!(index[2].1.as_deref(), Some(last.as_str()));
    let mut seen = 0;
    for (_, xml) in &files[..3] {
        let locs = sitemap_locs(xml);
        assert!(locs.len() <= 50_000);
        for (l, _) in &locs {
            assert_eq!(*l, format!("{base}/a/{seen}"));
            seen += 1;
        }
    }
    assert_eq!(seen, 120_001);
    // At the limit exactly, one file.
    assert_eq!(press::site::sitemaps(&urls[..50_000], base, press::site::SITEMAP_MAX).len(), 1);
}

#[test]
fn headers_set_a_strict_csp_that_allows_the_shells_loader_and_cache_rules() {
    let f = built();
    let headers = read(&f, "_headers");
    let hash = press::site::script_hash(LOADER);
    let csp = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hash}; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    );
    // Rules: path lines, then indented headers.
    let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in headers.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        if let Some(h) = line.strip_prefix("  ") {
            let (k, v) = h.split_once(": ").unwrap();
            rules.last_mut().unwrap().1.push((k.to_owned(), v.to_owned()));
        } else {
            rules.push((line.to_owned(), Vec::new()));
        }
    }
    let get = |path: &str, name: &str| {
        rules
            .iter()
            .find(|(p, _)| p == path)
            .and_then(|(_, h)| h.iter().find(|(k, _)| k == name))
            .map(|(_, v)| v.clone())
    };
    assert_eq!(get("/*", "Content-Security-Policy"), Some(csp));
    assert_eq!(get("/*", "X-Content-Type-Options").as_deref(), Some("nosniff"));
    assert_eq!(get("/*", "Referrer-Policy").as_deref(), Some("strict-origin-when-cross-origin"));
    // The cache rules, file by file: tests/cache_policy.rs.
    assert!(get("/*", "Cache-Control").is_some_and(|v| v.contains("max-age=60")));
    assert_eq!(rules[0].0, "/*");
}

#[test]
fn a_content_api_on_another_host_is_allowed_by_origin_only() {
    let f = fixture();
    trunk_build(&f);
    f.write("dist/index.html", &SHELL.replace("content=/content/", "content=https://api.example.net:8443/content/"));
    site(&f).unwrap();
    let headers = read(&f, "_headers");
    assert!(headers.contains("; connect-src 'self' https://api.example.net:8443;"), "{headers}");
    assert!(headers.contains("; img-src 'self' data:;"), "{headers}");
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    Fixture::snapshot(dir)
}

#[test]
fn running_again_gives_the_same_site_and_removes_pages_that_are_gone() {
    let f = built();
    let first = snapshot(&dist(&f));
    site(&f).unwrap();
    assert_eq!(snapshot(&dist(&f)), first, "a second run reads shell.html and writes the same files");

    // An article and its section's only article go away: their pages go with them.
    std::fs::remove_file(f.content().join("articles/kultura/koncert.md")).unwrap();
    build_json(&f, &dist(&f).join("content")).unwrap();
    site(&f).unwrap();
    assert!(!dist(&f).join("kultura").exists());
    assert!(dist(&f).join(paths::file(&paths::section("kultura"))).is_file(), "the section page stays");
    assert!(!dist(&f).join(paths::tag("zene").trim_start_matches('/')).exists());
    // Files put by hand into folders press site owns go with the next run (found without a
    // walk: their folders changed since the last run); Trunk's files beside them stay.
    f.write("dist/rovat/belfold/kezzel.html", "x");
    f.write("dist/belfold/kezzel/regi/index.html", "x");
    let report = site(&f).unwrap();
    assert_eq!(report.removed, ["belfold/kezzel/regi/index.html", "rovat/belfold/kezzel.html"]);
    assert!(!dist(&f).join("belfold/kezzel").exists(), "folders left empty go too");
    assert!(dist(&f).join("hirlap-0123.js").is_file());
    // Nothing is left beside dist.
    let beside: Vec<String> =
        std::fs::read_dir(f.root()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(beside.iter().all(|n| !n.contains("press-")), "{beside:?}");
    assert!(beside.contains(&".dist.site-files".to_owned()), "the listing is kept beside dist: {beside:?}");
}

fn errors(r: Result<press::site::SiteReport, SiteError>) -> Vec<String> {
    match r {
        Ok(_) => panic!("press site should have failed"),
        Err(SiteError::Content(d)) => d.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect(),
        Err(e) => panic!("expected diagnostics, got {e:?}"),
    }
}

#[test]
fn a_failed_run_leaves_dist_untouched() {
    let f = built();
    let before = snapshot(&dist(&f));

    // A content error: reported with file and line, nothing written.
    f.write(
        "content/articles/belfold/rossz.md",
        "+++\ntitle = \"Rossz\"\nlead = \"L\"\nsection = \"belfold\"\ntags = []\nauthor = \"senki\"\npublished = 2024-03-15T09:30:00+01:00\n+++\nSzöveg.\n",
    );
    let errs = errors(site(&f));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].starts_with(&format!("{}:6:", f.shown("articles/belfold/rossz.md"))), "{errs:?}");
    assert_eq!(snapshot(&dist(&f)), before);
    std::fs::remove_file(f.content().join("articles/belfold/rossz.md")).unwrap();

    // A JSON tree built from other sources.
    f.article("uj", "belfold", "2024-07-01T10:00:00+02:00", &[], "Szöveg.\n");
    let errs = errors(site(&f));
    assert!(errs[0].starts_with(&dist(&f).join("content/home.json").display().to_string()), "{errs:?}");
    assert!(errs[0].contains(": differs from what the sources compile to"), "{errs:?}");
    assert_eq!(snapshot(&dist(&f)), before);
    std::fs::remove_file(f.content().join("articles/belfold/uj.md")).unwrap();

    // No shell at all.
    std::fs::rename(dist(&f).join("shell.html"), f.root().join("shell.bak")).unwrap();
    let without_shell = snapshot(&dist(&f));
    let errs = errors(site(&f));
    assert!(errs[0].starts_with(&dist(&f).join("shell.html").display().to_string()), "{errs:?}");
    assert_eq!(snapshot(&dist(&f)), without_shell);
    std::fs::rename(f.root().join("shell.bak"), dist(&f).join("shell.html")).unwrap();

    // A section whose folder would replace a file press did not write.
    f.write("dist/video/keep.txt", "the host's");
    f.article("klip", "video", "2024-01-05T10:00:00+01:00", &[], "Szöveg.\n");
    build_json(&f, &dist(&f).join("content")).unwrap();
    let before = snapshot(&dist(&f));
    let errs = errors(site(&f));
    assert!(
        errs[0].starts_with(&format!("{}: exists and was not written by press site", dist(&f).join("video").display())),
        "{errs:?}"
    );
    assert_eq!(snapshot(&dist(&f)), before);
}

#[test]
fn a_shell_without_body_is_an_error_naming_the_file() {
    let f = fixture();
    trunk_build(&f);
    f.write("dist/index.html", "<!doctype html><html><head><title>x</title></head></html>");
    let errs = errors(site(&f));
    assert!(errs[0].starts_with(&format!("{}: no <body>", dist(&f).join("index.html").display())), "{errs:?}");
    assert!(!dist(&f).join("404.html").exists());
}

#[test]
fn the_cli_runs_site_and_exits_one_on_errors() {
    let f = fixture();
    trunk_build(&f);
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_press")).args(args).output().unwrap();
        (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (content, d) = (f.content().display().to_string(), dist(&f).display().to_string());
    // At the time trunk_build's press build ran at.
    let at = "2025-01-01T13:00:00+01:00";
    let (code, out, err) = run(&["site", "--now", at, "--content", &content, "--dist", &d]);
    assert_eq!(code, 0, "{err}");
    // home, search, 404, 1 static page, 2 authors, 7 sections, 7 tags, the latest list, 5 articles
    assert!(out.starts_with("press site: 26 pages, "), "{out}");
    assert!(dist(&f).join("404.html").is_file());
    let (code, _, err) = run(&["site", "--content", &content]);
    assert_eq!(code, 2, "{err}");
    f.write("dist/content/site.json", "{}");
    let (code, _, err) = run(&["site", "--now", at, "--content", &content, "--dist", &d]);
    assert_eq!(code, 1);
    assert!(err.contains("error: ") && err.contains("site.json: differs"), "{err}");
}

/// An article with a photo cover, and a draft, for the photo and preview pages.
fn photo_fixture() -> Fixture {
    let f = fixture();
    std::fs::create_dir_all(f.public().join("photos")).unwrap();
    std::fs::write(f.public().join("photos/taj.jpg"), synth::photo::jpeg(3, 1300, 975, 90)).unwrap();
    f.write(
        "content/articles/belfold/fotos.md",
        "+++\ntitle = \"Fotós cikk\"\nlead = \"L.\"\nsection = \"belfold\"\nauthor = \"kovacs-anna\"\npublished = 2024-06-12T09:30:00+02:00\n[cover]\nsrc = \"/public/photos/taj.jpg\"\nalt = \"Táj\"\n+++\nSzöveg.\n",
    );
    f.write(
        "content/articles/belfold/piszkozat.md",
        "+++\ntitle = \"Piszkozat cikk\"\nlead = \"L.\"\nsection = \"belfold\"\nauthor = \"kovacs-anna\"\npublished = 2024-06-12T10:30:00+02:00\ndraft = true\n+++\nSzöveg.\n",
    );
    f
}

#[test]
fn photos_are_pictures_with_srcset_and_og_image_is_the_1200_px_jpeg() {
    let f = photo_fixture();
    trunk_build(&f);
    site(&f).unwrap();
    let doc = page(&f, "belfold/2024/06/12/fotos/index.html");
    let pictures = all(&doc, "#prerender main picture");
    assert!(!pictures.is_empty(), "the cover is a <picture>");
    let sources = all(&doc, "#prerender main picture source");
    let types: Vec<&str> = sources.iter().take(2).map(|s| s.value().attr("type").unwrap()).collect();
    assert_eq!(types, ["image/avif", "image/webp"]);
    let avif = sources[0].value().attr("srcset").unwrap();
    assert!(
        avif.contains("-400.avif 400w") && avif.contains("-800.avif 800w") && avif.contains("-1300.avif 1300w"),
        "{avif}"
    );
    let img = all(&doc, "#prerender main picture img")[0];
    let a = |n: &str| img.value().attr(n).unwrap_or_default().to_owned();
    assert!(a("src").ends_with("-800.jpg"), "the fallback is the 800 px JPEG, never the original: {}", a("src"));
    assert!(a("srcset").contains("-1200.jpg 1200w"));
    assert_eq!(a("sizes"), "(max-width: 900px) calc(100vw - 2rem), 888px");
    assert_eq!((a("width"), a("height")), ("1300".to_owned(), "975".to_owned()), "the box is reserved");
    assert!(a("class").split(' ').any(|c| c.starts_with("ph-")), "a placeholder class: {}", a("class"));
    assert!(img.value().attr("style").is_none(), "no inline style (the CSP forbids it)");
    let og = meta(&doc, "meta[property='og:image']");
    assert!(og.starts_with("https://") && og.ends_with("-1200.jpg"), "{og}");
    assert_eq!(meta(&doc, "meta[property='og:image:width']"), "1200");
    // The draft is nowhere on the published site.
    assert!(!dist(&f).join("belfold/2024/06/12/piszkozat").exists());
}

#[test]
fn a_preview_site_marks_drafts_and_keeps_them_out_of_search_engines() {
    let f = fixture();
    f.write(
        "content/articles/belfold/piszkozat.md",
        "+++\ntitle = \"Piszkozat cikk\"\nlead = \"L.\"\nsection = \"belfold\"\nauthor = \"kovacs-anna\"\npublished = 2024-06-12T10:30:00+02:00\ndraft = true\n+++\nSzöveg.\n",
    );
    f.write("dist/index.html", SHELL);
    f.write("dist/hirlap-0123.js", "// the app");
    let opts = press::source::LoadOptions { previews: true, now: Some(now()), ..Default::default() };
    press::build_with(&f.content(), &f.public(), &dist(&f).join("content"), opts).unwrap();
    press::site::site(&f.content(), &f.public(), &dist(&f), &SiteOptions { now: now(), previews: true }).unwrap();
    let doc = page(&f, "belfold/2024/06/12/piszkozat/index.html");
    assert_eq!(meta(&doc, "meta[name='robots']"), "noindex, follow");
    let published = page(&f, "belfold/2024/06/10/valasztas-utan/index.html");
    assert!(all(&published, "meta[name='robots']").is_empty());
    // The lists mark it for the editor.
    let home = page(&f, "index.html");
    let labels: Vec<String> = all(&home, ".preview-label").iter().map(|e| e.text().collect()).collect();
    assert!(!labels.is_empty() && labels.iter().all(|l| l == "Piszkozat"), "{labels:?}");
}

/// Every file of `dir` with its modification time.
fn f_json(dist: &Path, rel: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dist.join(rel)).unwrap()).unwrap()
}

fn mtimes(dir: &Path) -> std::collections::BTreeMap<String, std::time::SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), e.metadata().unwrap().modified().unwrap()))
        .collect()
}

/// One edit of an editor's day to article `n` of the corpus, as a change to its source file.
fn edit_article(f: &Fixture, step: usize, pick: usize) -> String {
    let articles: Vec<PathBuf> = walkdir::WalkDir::new(f.content().join("articles"))
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    let file = &articles[pick % articles.len()];
    let text = std::fs::read_to_string(file).unwrap();
    let set = |key: &str, value: &str| -> String {
        text.lines()
            .map(|l| if l.starts_with(&format!("{key} = ")) { format!("{key} = {value}") } else { l.to_owned() })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    };
    let (what, new) = match step % 7 {
        0 => {
            let day = 1 + step % 28;
            f.article(
                &format!("friss-{step}"),
                "belfold",
                &format!("2024-12-{day:02}T08:00:00+01:00"),
                &["Budapest"],
                "Új.\n",
            );
            return format!("add friss-{step}");
        }
        1 => ("retitle", set("title", &format!("\"Javított cím {step}\""))),
        2 => ("retag", set("tags", "[\"Választás\", \"Új címke\"]")),
        3 => ("move", set("section", "\"kulfold\"")),
        4 => {
            std::fs::remove_file(file).unwrap();
            return format!("delete {}", file.display());
        }
        // Far ahead: press build here runs at the real clock, press site at the fixture's.
        5 => ("schedule", set("published", "2099-01-01T08:00:00+01:00")),
        _ => ("alias", text.replacen("author = ", &format!("aliases = [\"/regi/{step}\"]\nauthor = "), 1)),
    };
    std::fs::write(file, new).unwrap();
    format!("{what} {}", file.display())
}

/// Forty articles over three sections and four sets of tags.
fn forty_articles(f: &Fixture) {
    for i in 0..40 {
        let section = ["belfold", "kulfold", "kultura"][i % 3];
        let tags: &[&str] = [&["Budapest"][..], &["Választás", "Budapest"], &["Zene"], &[]][i % 4];
        f.article(
            &format!("cikk-{i:02}"),
            section,
            &format!("2024-0{}-{:02}T10:00:00+02:00", 4 + i % 5, 1 + i % 28),
            tags,
            "x\n",
        );
    }
}

#[test]
fn edits_published_one_by_one_give_the_site_a_full_build_gives_and_touch_only_their_files() {
    let f = fixture();
    forty_articles(&f);
    trunk_build(&f);
    site(&f).unwrap();
    // A seeded walk over the kinds of edit, each kind at least once.
    let mut seed: u64 = 0x5eed;
    for step in 0..14 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let what = edit_article(&f, step, (seed >> 33) as usize);
        let before = mtimes(&dist(&f));
        build_json(&f, &dist(&f).join("content")).unwrap();
        let report = site(&f).unwrap_or_else(|e| panic!("{what}: {:?}", e.diagnostics()));

        // The same sources built from scratch.
        let fresh = f.root().join(format!("fresh-{step}"));
        std::fs::create_dir_all(&fresh).unwrap();
        std::fs::write(fresh.join("index.html"), SHELL).unwrap();
        std::fs::write(fresh.join("hirlap-0123.js"), "// the app").unwrap();
        build_json(&f, &fresh.join("content")).unwrap();
        press::site::site(&f.content(), &f.public(), &fresh, &options()).unwrap();
        let (ours, theirs) = (Fixture::snapshot(&dist(&f)), Fixture::snapshot(&fresh));
        let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<BTreeSet<_>>();
        assert_eq!(names(&ours), names(&theirs), "{what}: the same files");
        for ((name, a), (_, b)) in ours.iter().zip(&theirs) {
            assert!(a == b, "{what}: {name} differs from a full build");
        }

        // Only the files the report names were touched; it names every page that changed.
        let after = mtimes(&dist(&f));
        let changed: BTreeSet<&str> = report.changed.iter().map(String::as_str).collect();
        for (name, time) in &after {
            let site_file = !name.starts_with("content/");
            if site_file && !changed.contains(name.as_str()) {
                assert_eq!(before.get(name), Some(time), "{what}: {name} was rewritten but not reported");
            }
        }
        for gone in &report.removed {
            assert!(before.contains_key(gone) && !after.contains_key(gone), "{what}: {gone}");
        }
        assert!(
            report.changed.len() < report.files / 2,
            "{what}: {} of {} files: {:?}",
            report.changed.len(),
            report.files,
            report.changed
        );
        std::fs::remove_dir_all(&fresh).unwrap();
    }
    // Nothing changed: nothing written.
    let before = mtimes(&dist(&f));
    let report = site(&f).unwrap();
    assert_eq!((report.changed.len(), report.removed.len()), (0, 0));
    assert_eq!(mtimes(&dist(&f)), before);
}

/// The footer is on every page: an article published today, after an archive that ended long
/// ago, must not change it (the popular tags wait for the weekly recount, the year is the
/// clock's), so a page it does not appear on keeps its bytes and its time.
#[test]
fn an_article_published_today_leaves_the_footer_and_the_pages_it_is_not_on_alone() {
    let f = fixture();
    forty_articles(&f);
    trunk_build(&f);
    site(&f).unwrap();
    // Pages that show nothing but the chrome and their own text.
    let chrome_only = [paths::file(&paths::static_page("impresszum")), "404.html".to_owned()];
    let before = mtimes(&dist(&f));
    let bytes: Vec<String> = chrome_only.iter().map(|p| read(&f, p)).collect();
    // A morning of breaking news an hour before the fixture's clock, under a new tag: more
    // uses than any tag but one has in the whole archive.
    for i in 0..12 {
        let slug = format!("ma-reggel-{i}");
        f.article(&slug, "kulfold", "2025-01-01T12:00:00+01:00", &["Európai Unió", "Új címke"], "Szöveg.\n");
    }
    build_json(&f, &dist(&f).join("content")).unwrap();
    let report = site(&f).unwrap();
    assert!(report.changed.iter().any(|p| p.contains("ma-reggel-0")), "{:?}", report.changed);
    let after = mtimes(&dist(&f));
    for (page, bytes) in chrome_only.iter().zip(&bytes) {
        assert_eq!(&read(&f, page), bytes, "{page}");
        assert_eq!(after.get(page), before.get(page), "{page} was rewritten");
    }
    // Once the week turns, the recount takes the new article's tags into account.
    let monday = Utc.with_ymd_and_hms(2025, 1, 6, 3, 0, 0).unwrap();
    let load = press::source::LoadOptions { now: Some(monday), ..Default::default() };
    press::build_with(&f.content(), &f.public(), &dist(&f).join("content"), load).unwrap();
    let tags = f_json(&dist(&f), "content/site.json");
    assert!(tags["popular_tags"].to_string().contains("uj-cimke"), "{tags}");
}

/// press publish in this process, at the fixture's time.
fn publish(f: &Fixture) -> press::publish::RunReport {
    let opts = press::publish::PublishOptions {
        content: f.content(),
        public: f.public(),
        dist: dist(f),
        pull: press::publish::PullConfig::Off,
        deploy: None,
        deploy_all: false,
        wait: true,
        now: Some(now()),
        progress: press::progress::Progress::none(),
    };
    let report = press::publish::run(&opts, &std::sync::atomic::AtomicBool::new(false), &|_| {});
    let diagnostics: Vec<_> = report.failures.iter().flat_map(|e| e.diagnostics()).collect();
    assert!(report.ok(), "{}: {diagnostics:?}", report.line());
    report
}

/// press publish builds and renders from one load, and keeps a page whose document press build
/// left alone without reading the document: the same site as a full build, after every kind of
/// edit.
#[test]
fn edits_published_one_by_one_with_press_publish_give_the_site_a_full_build_gives() {
    let f = fixture();
    forty_articles(&f);
    trunk_build(&f);
    publish(&f);
    let mut seed: u64 = 0x0b5e55ed;
    for step in 0..14 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let what = edit_article(&f, step, (seed >> 33) as usize);
        let line = publish(&f).line();
        assert!(line.contains(" site "), "{what}: {line}");
        let stamps = std::fs::read_to_string(f.root().join(".dist.site-stamps")).unwrap();
        assert!(stamps.lines().count() > 40, "every page's document stamped for the next run: {stamps}");

        let fresh = f.root().join(format!("fresh-{step}"));
        std::fs::create_dir_all(&fresh).unwrap();
        std::fs::write(fresh.join("index.html"), SHELL).unwrap();
        std::fs::write(fresh.join("hirlap-0123.js"), "// the app").unwrap();
        let load = press::source::LoadOptions { now: Some(now()), ..Default::default() };
        press::build_with(&f.content(), &f.public(), &fresh.join("content"), load).unwrap();
        press::site::site(&f.content(), &f.public(), &fresh, &options()).unwrap();
        let (ours, theirs) = (Fixture::snapshot(&dist(&f)), Fixture::snapshot(&fresh));
        let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<BTreeSet<_>>();
        let mut missing = names(&theirs);
        missing.retain(|n| !n.starts_with("public/"));
        let mut extra = names(&ours);
        extra.retain(|n| !n.starts_with("public/"));
        assert_eq!(extra, missing, "{what}: the same files");
        for (name, b) in theirs.iter().filter(|(n, _)| !n.starts_with("public/")) {
            let a = &ours.iter().find(|(n, _)| n == name).unwrap().1;
            assert!(a == b, "{what}: {name} differs from a full build");
        }
        std::fs::remove_dir_all(&fresh).unwrap();
    }
}

/// The files press site owns in `dir` (everything but Trunk's stand-ins and the JSON tree).
fn site_files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    Fixture::snapshot(dir).into_iter().filter(|(n, _)| !n.starts_with("content/") && n != "hirlap-0123.js").collect()
}

/// `press site` for the fixture, as a process of its own.
fn press_site(f: &Fixture, dist: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_press"));
    cmd.args(["site", "--now", "2025-01-01T13:00:00+01:00", "--content"])
        .arg(f.content())
        .arg("--public")
        .arg(f.public())
        .arg("--dist")
        .arg(dist)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

#[test]
fn a_killed_press_site_leaves_every_file_whole_and_the_next_run_finishes_the_site() {
    let f = fixture();
    for i in 0..120 {
        f.article(
            &format!("cikk-{i:03}"),
            "belfold",
            &format!("2024-05-{:02}T10:00:00+02:00", 1 + i % 28),
            &["Budapest"],
            "x\n",
        );
    }
    trunk_build(&f);
    assert!(press_site(&f, &dist(&f)).status().unwrap().success());
    let old = site_files(&dist(&f));
    // The newsroom's next publish: a new article and a new title.
    f.article("uj-cikk", "belfold", "2024-06-30T10:00:00+02:00", &["Budapest", "Új"], "x\n");
    let text = std::fs::read_to_string(f.content().join("articles/belfold/cikk-007.md")).unwrap();
    f.write("content/articles/belfold/cikk-007.md", &text.replace("Cím: cikk-007", "Új cím"));
    build_json(&f, &dist(&f).join("content")).unwrap();
    // What the whole run gives, and how long it takes.
    let fresh = f.root().join("fresh");
    std::fs::create_dir_all(&fresh).unwrap();
    std::fs::write(fresh.join("index.html"), SHELL).unwrap();
    build_json(&f, &fresh.join("content")).unwrap();
    let started = std::time::Instant::now();
    assert!(press_site(&f, &fresh).status().unwrap().success());
    let run = started.elapsed();
    let new = site_files(&fresh);
    assert_ne!(old, new);

    // Killed at moments spread over a whole run, and then some: every file is whole, the old
    // version or the new one, and no file of neither.
    for k in 0..12u32 {
        let mut child = press_site(&f, &dist(&f)).spawn().unwrap();
        std::thread::sleep(run * k / 10);
        let _ = child.kill();
        child.wait().unwrap();
        for (name, bytes) in site_files(&dist(&f)) {
            let (was, will) = (old.get(&name), new.get(&name));
            assert!(
                was == Some(&bytes) || will == Some(&bytes),
                "killed at {k}/10 of a run: {name} is neither version"
            );
        }
        for name in old.keys().filter(|n| new.contains_key(*n)) {
            assert!(dist(&f).join(name).is_file(), "killed at {k}/10 of a run: {name} is missing");
        }
    }
    // The next run that is not killed finishes the site, and leaves nothing beside dist.
    assert!(press_site(&f, &dist(&f)).status().unwrap().success());
    assert_eq!(site_files(&dist(&f)), new);
    let beside: Vec<String> = std::fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("press-site"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[test]
fn a_new_app_build_or_a_renamed_site_renders_every_page_again() {
    let f = built();
    let pages = |f: &Fixture| -> std::collections::BTreeMap<String, String> {
        site_files(&dist(f))
            .into_iter()
            .filter(|(n, _)| n.ends_with(".html") && n != "shell.html")
            .map(|(n, b)| (n, String::from_utf8(b).unwrap()))
            .collect()
    };
    let before = pages(&f);
    assert!(before.len() > 10);

    // Trunk builds a new app: a new shell with new asset names.
    f.write("dist/index.html", &SHELL.replace("0123", "4567"));
    f.write("dist/hirlap-4567.js", "// the new app");
    let report = site(&f).unwrap();
    let after = pages(&f);
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
    for (name, html) in &after {
        assert!(html.contains("/hirlap-4567.js") && !html.contains("/hirlap-0123.js"), "{name} loads the old app");
        assert!(report.changed.contains(name), "{name} is not reported");
    }

    // The site renamed: every page names it.
    let toml = f.content().join("site.toml");
    std::fs::write(&toml, std::fs::read_to_string(&toml).unwrap().replacen("CIVILHETES", "KÖZHETES", 1)).unwrap();
    build_json(&f, &dist(&f).join("content")).unwrap();
    let report = site(&f).unwrap();
    for (name, html) in pages(&f) {
        assert!(html.contains("KÖZHETES"), "{name} has the old name");
        assert!(report.changed.contains(&name), "{name} is not reported");
    }
}
