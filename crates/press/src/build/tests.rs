//! Lists, related articles and popular tags on small hand-made corpora.

use super::*;
use crate::source::{LoadedArticle, SectionInfo, SiteConfig, GATHERED_SLUG};
use model::{Article, Author, SectionRef, TagRef, Timestamp};
use std::path::PathBuf;

fn ts(s: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(s).unwrap()
}

fn article(slug: &str, section: &str, published: &str, tags: &[&str]) -> LoadedArticle {
    let published = ts(published);
    LoadedArticle {
        spilled: None,
        aliases: Vec::new(),
        identity: format!("articles/{slug}.md"),
        file: PathBuf::from(format!("{slug}.md")),
        article: Article {
            slug: slug.into(),
            path: model::paths::article(section, &published, slug),
            title: slug.to_uppercase(),
            lead: String::new(),
            section: SectionRef { slug: section.into(), name: section.into() },
            parent_section: None,
            author: Author { slug: "a".into(), name: "A".into(), avatar: "/public/a.svg".into(), bio: String::new() },
            published,
            updated: None,
            cover: None,
            source: None,
            preview: None,
            live: None,
            tags: tags.iter().map(|t| TagRef { slug: model::slug::slugify(t), name: (*t).into(), count: 0 }).collect(),
            body: Vec::new(),
            related: Vec::new(),
        },
    }
}

fn corpus(mut articles: Vec<LoadedArticle>, popular_tags: usize, window_days: u32) -> Corpus {
    articles.sort_by(|a, b| crate::source::newest_first(&a.article, &b.article));
    let section = |slug: &str| SectionInfo { slug: slug.into(), name: slug.into(), parent: None, children: vec![] };
    Corpus {
        content_dir: PathBuf::from("content"),
        public_dir: PathBuf::from("public"),
        site: SiteConfig {
            name: "X".into(),
            tagline: String::new(),
            motto: String::new(),
            base_url: "https://x.example".into(),
            copyright_from: 2011,
            menu_inline: 1,
            popular_tags,
            popular_window_days: window_days,
            footer_sections: vec![],
            legal: vec![],
            social: vec![],
            countdown: None,
        },
        sections: vec![section("belfold"), section("kulfold")],
        authors: [(
            "a".to_owned(),
            Author { slug: "a".into(), name: "A".into(), avatar: String::new(), bio: String::new() },
        )]
        .into_iter()
        .collect(),
        articles,
        pages: vec![],
        warnings: vec![],
        next_scheduled: None,
        // A Thursday: the last recount was Monday 2025-01-13, 04:00.
        now: ts("2025-01-16T12:00:00+01:00").with_timezone(&chrono::Utc),
        parse: Default::default(),
        url_record: None,
    }
}

fn slugs(index: &Index<'_>, list: &[usize]) -> Vec<String> {
    list.iter().map(|&i| index.corpus().articles[i].article.slug.clone()).collect()
}

fn at(index: &Index<'_>, slug: &str) -> usize {
    index.corpus().articles.iter().position(|a| a.article.slug == slug).unwrap()
}

/// Every page of the latest list, front page first, then going back in time.
fn latest_pages(index: &Index<'_>) -> Vec<model::ListPage> {
    let mut pages = vec![index.latest(0).unwrap()];
    while let Some(n) = pages.last().unwrap().older {
        pages.push(index.latest(n).unwrap());
    }
    pages
}

#[test]
fn a_new_article_changes_the_front_page_and_no_older_one() {
    let day = |i: usize| article(&format!("cikk-{i:02}"), "belfold", &format!("2024-01-01T10:{i:02}:00+01:00"), &[]);
    let mut before: Vec<model::ListPage> = Vec::new();
    for n in 0..=60 {
        let c = corpus((0..n).map(day).collect(), 10, 365);
        let index = Index::new(&c);
        let pages = latest_pages(&index);
        // Every article once, newest first, across the front page and the older pages.
        let slugs: Vec<String> = pages.iter().flat_map(|p| p.items.iter().map(|s| s.slug.clone())).collect();
        assert_eq!(slugs, (0..n).rev().map(|i| format!("cikk-{i:02}")).collect::<Vec<_>>(), "{n} articles");
        let front = &pages[0];
        assert_eq!((front.page, front.total), (0, Some(n as u32)));
        assert!(n < 12 || (12..24).contains(&front.items.len()), "{n}: the front holds {}", front.items.len());
        for older in &pages[1..] {
            assert_eq!((older.items.len(), older.total), (12, None), "{n}: page {}", older.page);
        }
        // Page k holds the same twelve articles as soon as it exists: the twelve oldest are
        // page 1 for ever.
        for old in before.iter().skip(1) {
            let now = pages.iter().find(|p| p.page == old.page).expect("an older page stays");
            assert_eq!(now.items, old.items, "{n}: page {} changed", old.page);
        }
        assert!(index.latest(pages.len() as u32).is_none());
        before = pages;
    }
    // An empty section still has its front page, and nothing older.
    let c = corpus(vec![], 10, 365);
    let empty = Index::new(&c).section("kulfold", 0).unwrap();
    assert_eq!((empty.list.items.len(), empty.list.older, empty.list.total), (0, None, Some(0)));
    assert!(Index::new(&c).section("kulfold", 1).is_none());
}

#[test]
fn thirty_articles_make_a_front_page_of_eighteen_and_one_older_page() {
    let articles = (0..30)
        .map(|i| article(&format!("cikk-{i:02}"), "belfold", &format!("2024-01-{:02}T10:00:00+01:00", i + 1), &[]))
        .collect();
    let c = corpus(articles, 10, 365);
    let index = Index::new(&c);
    let front = index.latest(0).unwrap();
    let p1 = index.latest(1).unwrap();
    assert_eq!((front.items.len(), front.older, front.total), (18, Some(1), Some(30)));
    assert_eq!((p1.items.len(), p1.page, p1.older, p1.total), (12, 1, None, None));
    assert_eq!((front.items[0].slug.as_str(), p1.items[11].slug.as_str()), ("cikk-29", "cikk-00"));
    let s1 = index.section("belfold", 1).unwrap();
    assert_eq!(s1.list.items, p1.items);
    let files: Vec<String> = index.render_all().into_iter().map(|(p, _)| p).collect();
    assert!(files.contains(&"latest/0.json".to_owned()) && files.contains(&"latest/1.json".to_owned()));
    assert!(!files.contains(&"latest/2.json".to_owned()));
}

#[test]
fn same_time_articles_are_ordered_by_slug() {
    let c = corpus(
        vec![
            article("b", "belfold", "2024-01-01T10:00:00+01:00", &[]),
            article("a", "belfold", "2024-01-01T09:00:00+00:00", &[]), // the same instant
            article("c", "belfold", "2024-01-01T10:00:00+01:00", &[]),
        ],
        10,
        365,
    );
    let index = Index::new(&c);
    let order: Vec<String> = index.latest(0).unwrap().items.into_iter().map(|s| s.slug).collect();
    assert_eq!(order, vec!["a", "b", "c"]);
}

#[test]
fn a_shared_rare_tag_outranks_a_shared_common_tag() {
    let mut articles = vec![
        article("me", "belfold", "2024-06-01T10:00:00+02:00", &["Budapest", "Kerékpár"]),
        // Shares only the rare tag, and is further away in time.
        article("rare", "belfold", "2023-01-01T10:00:00+01:00", &["Kerékpár"]),
        // Shares only the common tag, published the same day.
        article("common", "belfold", "2024-06-01T12:00:00+02:00", &["Budapest"]),
        article("nothing", "belfold", "2024-06-01T11:00:00+02:00", &["Sport"]),
    ];
    for i in 0..8 {
        articles.push(article(&format!("bp-{i}"), "belfold", "2022-01-01T10:00:00+01:00", &["Budapest"]));
    }
    let c = corpus(articles, 10, 365);
    let index = Index::new(&c);
    let related = slugs(&index, &index.related(at(&index, "me")));
    assert_eq!(related[0], "rare");
    assert_eq!(related[1], "common", "among equal scores the closest in time comes first");
    assert!(!related.contains(&"nothing".to_owned()) && !related.contains(&"me".to_owned()));
    assert_eq!(related.len(), 10);
    // The remaining eight share the same tag and date: ordered by slug.
    assert_eq!(&related[2..], &["bp-0", "bp-1", "bp-2", "bp-3", "bp-4", "bp-5", "bp-6", "bp-7"]);
}

#[test]
fn related_is_deterministic_and_capped() {
    let make = || {
        (0..30)
            .map(|i| {
                article(
                    &format!("c{i:02}"),
                    "belfold",
                    "2024-03-01T10:00:00+01:00",
                    &["Közös", if i % 2 == 0 { "Páros" } else { "Páratlan" }],
                )
            })
            .collect::<Vec<_>>()
    };
    let c1 = corpus(make(), 10, 365);
    let mut reversed = make();
    reversed.reverse();
    let c2 = corpus(reversed, 10, 365);
    let (i1, i2) = (Index::new(&c1), Index::new(&c2));
    for slug in ["c00", "c07", "c29"] {
        let r1 = slugs(&i1, &i1.related(at(&i1, slug)));
        let r2 = slugs(&i2, &i2.related(at(&i2, slug)));
        assert_eq!(r1, r2);
        assert_eq!(r1.len(), RELATED);
    }
    // c00 shares two tags with the other even ones: they come first, by slug.
    let r = slugs(&i1, &i1.related(at(&i1, "c00")));
    assert_eq!(&r[..3], &["c02", "c04", "c06"]);
    assert_eq!(i1.article(at(&i1, "c00")).unwrap().related.len(), RELATED);
}

#[test]
fn popular_tags_count_the_window_before_the_last_recount() {
    let mut c = corpus(
        vec![
            // Published since Monday's recount: not counted yet.
            article("new", "belfold", "2025-01-14T10:00:00+01:00", &["Friss", "Zene"]),
            article("n1", "belfold", "2025-01-10T10:00:00+01:00", &["Budapest", "Zene"]),
            article("n2", "belfold", "2024-06-01T10:00:00+02:00", &["Budapest", "Árvíz"]),
            article("n3", "belfold", "2024-02-20T10:00:00+01:00", &["Árvíz", "Zene", "Film"]),
            // Older than 365 days before the recount: not counted.
            article("old1", "belfold", "2023-06-01T10:00:00+02:00", &["Régi", "Film"]),
            article("old2", "belfold", "2023-05-01T10:00:00+02:00", &["Régi", "Film"]),
        ],
        2,
        365,
    );
    let names = |c: &Corpus| -> Vec<(String, u32)> {
        Index::new(c).popular_tags().into_iter().map(|t| (t.name, t.count)).collect()
    };
    // Three tags have two uses in the window ("Zene" would have three with the new article,
    // "Film" has one there, "Régi" none): by folded name, cut at the limit of 2.
    assert_eq!(names(&c), vec![("Árvíz".to_owned(), 2), ("Budapest".to_owned(), 2)]);
    let index = Index::new(&c);
    let site = index.site();
    assert_eq!(site.popular_tags.len(), 2);
    assert_eq!(site.copyright_to, 2025, "the clock's year");
    // The tag's front page counts all its articles, not only the window; its pages carry no
    // count of their own, so a new article leaves the older pages as they are.
    let film = index.tag("film", 0).unwrap();
    assert_eq!((film.list.total, film.tag.count), (Some(3), 0));

    // The next Monday at 04:00 the week's articles are counted: "Zene" leads.
    c.now = ts("2025-01-20T04:00:00+01:00").with_timezone(&chrono::Utc);
    assert_eq!(names(&c), vec![("Zene".to_owned(), 3), ("Árvíz".to_owned(), 2)]);
}

#[test]
fn a_quiet_archive_counts_the_window_before_its_last_week() {
    // Nothing published in the year before the recount: the window ends at the recount after
    // the newest article, and an article published today does not move it.
    let mut articles = vec![
        article("n1", "belfold", "2023-03-01T10:00:00+01:00", &["Budapest"]),
        article("n2", "belfold", "2023-02-01T10:00:00+01:00", &["Budapest", "Árvíz"]),
    ];
    let before: Vec<String> =
        Index::new(&corpus(articles.clone(), 5, 365)).popular_tags().into_iter().map(|t| t.name).collect();
    assert_eq!(before, ["Budapest", "Árvíz"]);
    articles.push(article("today", "belfold", "2025-01-16T10:00:00+01:00", &["Friss"]));
    let after = Index::new(&corpus(articles, 5, 365)).site();
    // site.json lists them in name order.
    assert_eq!(after.popular_tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["Árvíz", "Budapest"]);
}

#[test]
fn without_articles_there_are_no_popular_tags_and_the_year_is_the_clocks() {
    let c = corpus(vec![], 24, 365);
    let index = Index::new(&c);
    assert_eq!(index.site().copyright_to, 2025);
    assert!(index.popular_tags().is_empty());
    let latest = index.latest(0).unwrap();
    assert_eq!((latest.older, latest.total), (None, Some(0)));
}

#[test]
fn resolve_answers_exactly_the_rendered_files() {
    let articles = (0..14)
        .map(|i| {
            article(
                &format!("x{i}"),
                if i % 3 == 0 { "kulfold" } else { "belfold" },
                &format!("2024-02-{:02}T08:00:00+01:00", i + 1),
                &["Közös"],
            )
        })
        .collect();
    let c = corpus(articles, 10, 365);
    let index = Index::new(&c);
    let files = index.render_all();
    for (path, bytes) in &files {
        assert_eq!(index.resolve(path).as_ref(), Some(bytes), "{path}");
    }
    for missing in [
        "latest/1.json",
        "latest/00.json",
        "latest/+0.json",
        "sections/nincs/0.json",
        "tags/kozos/1.json",
        "articles/x.json",
        "x.json",
    ] {
        assert!(index.resolve(missing).is_none(), "{missing}");
    }
    // "minden-mas" gathers the sections after the first `menu_inline` (1 here: kulfold).
    let gathered = index.section(GATHERED_SLUG, 0).unwrap();
    assert_eq!(gathered.list.total, Some(5));
    assert_eq!(gathered.children, vec![SectionRef { slug: "kulfold".into(), name: "kulfold".into() }]);
}

#[test]
fn the_site_changes_next_when_a_scheduled_article_comes_out_the_countdown_ends_or_the_week_turns() {
    let utc = |s: &str| ts(s).with_timezone(&chrono::Utc);
    let mut c = corpus(vec![article("a", "belfold", "2026-01-01T10:00:00+01:00", &[])], 0, 30);
    // A Sunday: the popular tags are recounted the next morning.
    let now = utc("2026-03-01T12:00:00+01:00");
    assert_eq!(c.next_timed_change(now), utc("2026-03-02T04:00:00+01:00"), "nothing scheduled, no countdown");
    assert_eq!(
        c.next_timed_change(utc("2026-12-29T12:00:00+01:00")),
        utc("2027-01-01T00:00:00+01:00"),
        "the year turns before the Monday"
    );
    c.next_scheduled = Some(utc("2026-03-01T21:00:00+01:00"));
    assert_eq!(Some(c.next_timed_change(now)), c.next_scheduled);
    let countdown = |target: &str| model::Countdown {
        title: "Választás".into(),
        target: ts(target),
        after: "Ma választunk".into(),
        href: None,
    };
    c.site.countdown = Some(countdown("2026-03-01T20:00:00+01:00"));
    assert_eq!(c.next_timed_change(now), utc("2026-03-01T20:00:00+01:00"), "the countdown ends first");
    c.site.countdown = Some(countdown("2026-02-01T20:00:00+01:00"));
    assert_eq!(Some(c.next_timed_change(now)), c.next_scheduled, "an ended countdown changes nothing more");
}
