//! The site's URL scheme, in one place: the path of every view, the files press writes beside
//! the pages (feeds, sitemaps, the host's files), and the content API's paths ([`api`]).
//!
//! press writes each page where its path says, cms links articles by their path, and the app
//! reads a path back into a view ([`Route::parse`]) and links to views ([`Route::href`] and the
//! functions below). Written once here, the three cannot disagree. A leaf of `model`: it uses
//! nothing else of the crate, so anything may use it.
//!
//! | view | path |
//! |---|---|
//! | home | `/` |
//! | a section, its page N ≥ 2 | `/rovat/<slug>`, `/rovat/<slug>/oldal/<n>` |
//! | a tag | `/cimke/<slug>`, `/cimke/<slug>/oldal/<n>` |
//! | an author | `/szerzo/<slug>`, `/szerzo/<slug>/oldal/<n>` |
//! | the latest articles | `/friss`, `/friss/oldal/<n>` |
//! | a static page | `/oldal/<slug>` |
//! | search | `/kereses`, `/kereses?q=<query>&oldal=<n>` |
//! | an article | `/<section>/<yyyy>/<mm>/<dd>/<slug>` |
//!
//! A list's later pages are paths, not a query, so a static host serves each its own page
//! (docs/adr/0011); `oldal` ("page") is also the static pages' word, at the root there and
//! under a list here, so the two never meet. Search results exist only in the app, so their
//! page stays in the query.

use chrono::{DateTime, Datelike, FixedOffset};

/// The home page.
pub const HOME: &str = "/";
/// The latest articles, page 1.
pub const LATEST: &str = "/friss";
/// The search page without a query (the form).
pub const SEARCH: &str = "/kereses";

const SECTION_SEGMENT: &str = "rovat";
const TAG_SEGMENT: &str = "cimke";
const AUTHOR_SEGMENT: &str = "szerzo";
const LATEST_SEGMENT: &str = "friss";
const SEARCH_SEGMENT: &str = "kereses";
/// "Page": a static page at the root, a list's later page under the list.
const PAGE_SEGMENT: &str = "oldal";
/// The search query's parameters: the words, and how many pages of results are shown.
pub const QUERY_PARAM: &str = "q";
pub const PAGE_PARAM: &str = "oldal";

/// A section's page 1.
pub fn section(slug: &str) -> String {
    format!("/{SECTION_SEGMENT}/{slug}")
}

/// A tag's page 1.
pub fn tag(slug: &str) -> String {
    format!("/{TAG_SEGMENT}/{slug}")
}

/// An author's page 1.
pub fn author(slug: &str) -> String {
    format!("/{AUTHOR_SEGMENT}/{slug}")
}

/// A static page (Impresszum, …).
pub fn static_page(slug: &str) -> String {
    format!("/{PAGE_SEGMENT}/{slug}")
}

/// Page `n` of the list at `base` (see `ListPage`): `base` itself for the front page (0),
/// `<base>/oldal/<n>` for the older pages, counted from the oldest.
pub fn list(base: &str, n: u32) -> String {
    if n == 0 {
        base.to_owned()
    } else {
        format!("{base}/{PAGE_SEGMENT}/{n}")
    }
}

/// The search page for query `q` (percent-encoded); the bare form for an empty query.
pub fn search(q: &str) -> String {
    if q.is_empty() {
        SEARCH.to_owned()
    } else {
        format!("{SEARCH}?{QUERY_PARAM}={}", encode_component(q))
    }
}

/// The search page for `q` showing its first `pages` pages of results ("Kérek még").
pub fn search_pages(q: &str, pages: u32) -> String {
    format!("{}&{PAGE_PARAM}={pages}", search(q))
}

/// An article's path: `/<section>/<yyyy>/<mm>/<dd>/<slug>`, the date taken in `published`'s own
/// offset (the one the editor wrote), so the path does not move with the reader's time zone.
pub fn article(section: &str, published: &DateTime<FixedOffset>, slug: &str) -> String {
    let (y, m, d) = date_parts(published);
    article_at(section, &y, &m, &d, slug)
}

/// An article's path from its parts as they stand in the path.
pub fn article_at(section: &str, y: &str, m: &str, d: &str, slug: &str) -> String {
    format!("/{section}/{y}/{m}/{d}/{slug}")
}

/// `("2024", "03", "15")`: the date segments of an article's paths, in `t`'s own offset.
pub fn date_parts(t: &DateTime<FixedOffset>) -> (String, String, String) {
    (format!("{:04}", t.year()), format!("{:02}", t.month()), format!("{:02}", t.day()))
}

/// Percent-encodes like JavaScript's `encodeURIComponent` (UTF-8, accents included): a search
/// query in a link, a URL inside a share link.
pub fn encode_component(input: &str) -> String {
    const KEEP: &[u8] = b"-_.!~*'()";
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(input.len() * 3);
    for &b in input.as_bytes() {
        if b.is_ascii_alphanumeric() || KEEP.contains(&b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(HEX[(b >> 4) as usize]));
            out.push(char::from(HEX[(b & 15) as usize]));
        }
    }
    out
}

// ------------------------------------------------------------- files beside the pages

/// The site's RSS feed (the latest articles).
pub const FEED: &str = "/rss.xml";
/// The sitemap, or the index of its parts past 50,000 URLs.
pub const SITEMAP: &str = "/sitemap.xml";
/// The Google News sitemap.
pub const NEWS_SITEMAP: &str = "/sitemap-news.xml";
pub const ROBOTS: &str = "/robots.txt";
/// The page a static host answers, with status 404, for any path without a file. No route
/// has it, so it is [`Route::NotFound`]'s path.
pub const NOT_FOUND_PAGE: &str = "/404.html";
/// Where the content API lives by default (the app's `hirlap-content-base`).
pub const CONTENT_BASE: &str = "/content/";
/// Files served as they are: avatars, images, the favicon.
pub const PUBLIC: &str = "/public/";

/// A section's own RSS feed.
pub fn section_feed(slug: &str) -> String {
    format!("{}/rss.xml", section(slug))
}

/// Part `n` (1-based) of a sitemap split past 50,000 URLs.
pub fn sitemap_part(n: usize) -> String {
    format!("/sitemap-{n}.xml")
}

/// The file a static host serves `path` from, relative to the site's root directory: a page's
/// `index.html` in the directory of its path, a file (the last segment has an extension) as it
/// is.
pub fn file(path: &str) -> String {
    let rel = path.trim_matches('/');
    let last = rel.rsplit('/').next().unwrap_or_default();
    if rel.is_empty() {
        "index.html".to_owned()
    } else if last.contains('.') {
        rel.to_owned()
    } else {
        format!("{rel}/index.html")
    }
}

// ------------------------------------------------------------- the view a path is

/// Which view a path is: the one switch from paths to views, and back ([`Route::href`]).
///
/// A list's `page` is 0 for its front page, at the list's own path, and counts the older pages
/// from the oldest (1) (`model::ListPage`). The article's parts are path segments: non-empty,
/// without `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Section {
        slug: String,
        page: u32,
    },
    Tag {
        slug: String,
        page: u32,
    },
    Author {
        slug: String,
        page: u32,
    },
    Latest {
        page: u32,
    },
    StaticPage {
        slug: String,
    },
    /// The search page; the query is not part of the route (the view reads it).
    Search,
    /// Any five segments outside the other views: the article's document decides whether it
    /// exists.
    Article {
        section: String,
        year: String,
        month: String,
        day: String,
        slug: String,
    },
    NotFound,
}

impl Route {
    /// The view at `path` (a site path; a query or fragment is ignored).
    ///
    /// Every canonical path (what [`Route::href`] writes) is read back to its route. Some other
    /// spellings reach the same view, and `href` writes them canonically:
    /// - a trailing slash (a static host's directory URL) or doubled slashes: `/rovat/x/`;
    /// - a page number with a leading zero or `+`: `/friss/oldal/02` (the static host has no
    ///   file there: press writes each page at its canonical path only);
    /// - a query: `/kereses?q=x` is [`Route::Search`].
    ///
    /// Anything else is [`Route::NotFound`]: an unknown first segment with fewer or more than
    /// five segments, page 0 spelt out or a page that is not a number, a list path with more after
    /// it.
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let list = |rest: &[&str]| match rest {
            [] => Some(0),
            [PAGE_SEGMENT, n] => n.parse::<u32>().ok().filter(|&n| n >= 1),
            _ => None,
        };
        let slug = |s: &str| s.to_owned();
        let route = match segments.as_slice() {
            [] => Some(Route::Home),
            [SECTION_SEGMENT, s, rest @ ..] => list(rest).map(|page| Route::Section { slug: slug(s), page }),
            [TAG_SEGMENT, s, rest @ ..] => list(rest).map(|page| Route::Tag { slug: slug(s), page }),
            [AUTHOR_SEGMENT, s, rest @ ..] => list(rest).map(|page| Route::Author { slug: slug(s), page }),
            [LATEST_SEGMENT, rest @ ..] => list(rest).map(|page| Route::Latest { page }),
            [PAGE_SEGMENT, s] => Some(Route::StaticPage { slug: slug(s) }),
            [SEARCH_SEGMENT] => Some(Route::Search),
            [section, year, month, day, s] => Some(Route::Article {
                section: slug(section),
                year: slug(year),
                month: slug(month),
                day: slug(day),
                slug: slug(s),
            }),
            _ => None,
        };
        route.unwrap_or(Route::NotFound)
    }

    /// The canonical path of the view: the exact inverse of [`Route::parse`]
    /// (`Route::parse(&r.href()) == r` for every route). [`Route::NotFound`]'s
    /// is [`NOT_FOUND_PAGE`], which no view has.
    pub fn href(&self) -> String {
        match self {
            Route::Home => HOME.to_owned(),
            Route::Section { slug, page } => list(&section(slug), *page),
            Route::Tag { slug, page } => list(&tag(slug), *page),
            Route::Author { slug, page } => list(&author(slug), *page),
            Route::Latest { page } => list(LATEST, *page),
            Route::StaticPage { slug } => static_page(slug),
            Route::Search => SEARCH.to_owned(),
            Route::Article { section, year, month, day, slug } => article_at(section, year, month, day, slug),
            Route::NotFound => NOT_FOUND_PAGE.to_owned(),
        }
    }
}

// ------------------------------------------------------------- the content API

/// Content-API paths, relative to the content base ([`CONTENT_BASE`] by default). press writes
/// and serves them, the app reads them. Also `model::api_path`.
pub mod api {
    pub const SITE: &str = "site.json";
    pub const HOME: &str = "home.json";

    pub fn section(slug: &str, page: u32) -> String {
        format!("sections/{slug}/{page}.json")
    }
    pub fn tag(slug: &str, page: u32) -> String {
        format!("tags/{slug}/{page}.json")
    }
    pub fn author(slug: &str, page: u32) -> String {
        format!("authors/{slug}/{page}.json")
    }
    pub fn latest(page: u32) -> String {
        format!("latest/{page}.json")
    }
    /// Articles are keyed by their full date path so two days may reuse a slug.
    pub fn article(section: &str, y: &str, m: &str, d: &str, slug: &str) -> String {
        format!("articles/{section}/{y}/{m}/{d}/{slug}.json")
    }
    pub fn page(slug: &str) -> String {
        format!("pages/{slug}.json")
    }
    /// The search manifest (`model::search::SearchIndex`).
    pub const SEARCH_INDEX: &str = "search/index.json";
    /// Part `part` (0-based) of the shard of `group`, which has `parts` parts.
    pub fn search_shard(group: &str, part: usize, parts: usize) -> String {
        if parts <= 1 {
            format!("search/{group}.json")
        } else {
            format!("search/{group}.{}.json", part + 1)
        }
    }
    /// Chunk `chunk` (0-based) of the search doc table.
    pub fn search_docs(chunk: u32) -> String {
        format!("search/docs/{chunk}.json")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> String {
        x.to_owned()
    }

    fn article_route() -> Route {
        Route::Article {
            section: s("belfold"),
            year: s("2024"),
            month: s("03"),
            day: s("15"),
            slug: s("uj-kerekparut"),
        }
    }

    /// Every shape of the scheme, page numbers included, with its canonical path.
    fn every_shape() -> Vec<(Route, &'static str)> {
        vec![
            (Route::Home, "/"),
            (Route::Section { slug: s("belfold"), page: 0 }, "/rovat/belfold"),
            (Route::Section { slug: s("belfold"), page: 1 }, "/rovat/belfold/oldal/1"),
            (Route::Section { slug: s("belfold"), page: 2 }, "/rovat/belfold/oldal/2"),
            (Route::Section { slug: s("minden-mas"), page: 417 }, "/rovat/minden-mas/oldal/417"),
            (Route::Tag { slug: s("zene"), page: 0 }, "/cimke/zene"),
            (Route::Tag { slug: s("zene"), page: 3 }, "/cimke/zene/oldal/3"),
            (Route::Author { slug: s("kovacs-anna"), page: 0 }, "/szerzo/kovacs-anna"),
            (Route::Author { slug: s("kovacs-anna"), page: 2 }, "/szerzo/kovacs-anna/oldal/2"),
            (Route::Latest { page: 0 }, "/friss"),
            (Route::Latest { page: 2 }, "/friss/oldal/2"),
            (Route::Latest { page: u32::MAX }, "/friss/oldal/4294967295"),
            (Route::StaticPage { slug: s("impresszum") }, "/oldal/impresszum"),
            (Route::Search, "/kereses"),
            (article_route(), "/belfold/2024/03/15/uj-kerekparut"),
            (Route::NotFound, "/404.html"),
        ]
    }

    #[test]
    fn href_is_the_canonical_path_and_parse_reads_it_back() {
        for (route, path) in every_shape() {
            assert_eq!(route.href(), path, "{route:?}");
            assert_eq!(Route::parse(&route.href()), route, "{path}");
        }
    }

    #[test]
    fn a_canonical_path_is_its_routes_href() {
        for (_, path) in every_shape() {
            assert_eq!(Route::parse(path).href(), path);
        }
    }

    #[test]
    fn other_spellings_reach_the_same_view_and_href_writes_them_canonically() {
        for (path, canonical) in [
            ("/rovat/belfold/", "/rovat/belfold"),
            ("//rovat//belfold", "/rovat/belfold"),
            ("/rovat/belfold/oldal/01", "/rovat/belfold/oldal/1"),
            ("/rovat/belfold/oldal/2/", "/rovat/belfold/oldal/2"),
            ("/friss/oldal/02", "/friss/oldal/2"),
            ("/friss/oldal/+2", "/friss/oldal/2"),
            ("/oldal/impresszum/", "/oldal/impresszum"),
            ("/kereses/", "/kereses"),
            ("/kereses?q=v%C3%A1laszt%C3%A1s&oldal=2", "/kereses"),
            ("/rovat/belfold#top", "/rovat/belfold"),
            ("/belfold/2024/03/15/uj-kerekparut/", "/belfold/2024/03/15/uj-kerekparut"),
            ("", "/"),
        ] {
            assert_eq!(Route::parse(path).href(), canonical, "{path}");
        }
    }

    #[test]
    fn a_path_outside_the_scheme_is_not_found() {
        for path in [
            "/rovat",
            "/rovat/belfold/oldal/0",
            "/rovat/belfold/oldal/x",
            "/rovat/belfold/oldal",
            "/rovat/belfold/2",
            "/rovat/belfold/oldal/2/3",
            "/friss/2",
            "/oldal",
            "/oldal/a/b",
            "/kereses/x",
            "/404.html",
            "/a/b",
            "/a/b/c/d/e/f",
        ] {
            assert_eq!(Route::parse(path), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn article_paths_use_the_published_offset() {
        let t = DateTime::parse_from_rfc3339("2024-03-01T00:30:00+01:00").unwrap();
        assert_eq!(article("belfold", &t, "x"), "/belfold/2024/03/01/x");
        let t = DateTime::parse_from_rfc3339("2024-03-15T09:30:00+01:00").unwrap();
        assert_eq!(Route::parse(&article("belfold", &t, "uj-kerekparut")), article_route());
    }

    #[test]
    fn search_links_carry_the_query_encoded() {
        assert_eq!(search(""), SEARCH);
        assert_eq!(search("választás"), "/kereses?q=v%C3%A1laszt%C3%A1s");
        assert_eq!(search("a b&c"), "/kereses?q=a%20b%26c");
        assert_eq!(search_pages("a b", 3), "/kereses?q=a%20b&oldal=3");
        assert_eq!(Route::parse(&search_pages("a b", 3)), Route::Search);
    }

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(
            encode_component("Árvíztűrő tükör & co?"),
            "%C3%81rv%C3%ADzt%C5%B1r%C5%91%20t%C3%BCk%C3%B6r%20%26%20co%3F"
        );
        assert_eq!(encode_component("a-b_c.d!e~f*g'h(i)"), "a-b_c.d!e~f*g'h(i)");
    }

    #[test]
    fn feeds_sitemaps_and_the_files_a_host_serves_them_from() {
        assert_eq!(section_feed("belfold"), "/rovat/belfold/rss.xml");
        assert_eq!(sitemap_part(2), "/sitemap-2.xml");
        assert_eq!(file(HOME), "index.html");
        assert_eq!(file(&section("belfold")), "rovat/belfold/index.html");
        assert_eq!(file(&list(LATEST, 2)), "friss/oldal/2/index.html");
        assert_eq!(file(&article_route().href()), "belfold/2024/03/15/uj-kerekparut/index.html");
        assert_eq!(file(FEED), "rss.xml");
        assert_eq!(file(&section_feed("belfold")), "rovat/belfold/rss.xml");
        assert_eq!(file(NOT_FOUND_PAGE), "404.html");
        assert_eq!(file(ROBOTS), "robots.txt");
    }

    #[test]
    fn api_paths() {
        assert_eq!(api::section("belfold", 2), "sections/belfold/2.json");
        assert_eq!(api::article("belfold", "2024", "03", "15", "x"), "articles/belfold/2024/03/15/x.json");
        assert_eq!(api::search_shard("ha", 0, 1), "search/ha.json");
        assert_eq!(api::search_shard("ha", 1, 3), "search/ha.2.json");
    }
}
