//! A rebuild keeps an article's JSON unrendered when its article, body and related articles'
//! summaries are what the last build wrote it from, and a list document when its shape and its
//! items' summaries are (docs/adr/0022): the tree is still the one a first build makes, and
//! what an edit reaches (the article, the related lists and the lists naming it) is rewritten.

mod common;

use std::path::Path;

use common::Fixture;

const ARTICLES: usize = 8;

/// Articles that share tags, so each one is among the others' related articles.
fn fixture() -> Fixture {
    let f = Fixture::new();
    for i in 0..ARTICLES {
        let tags: &[&str] = if i % 2 == 0 { &["Budapest", "Közlekedés"] } else { &["Budapest"] };
        f.article(&format!("cikk-{i}"), "belfold", &format!("2024-03-{:02}T09:30:00+01:00", i + 1), tags, "Szöveg.\n");
    }
    f
}

/// The tree a first build of the same sources makes, in a folder of its own.
fn first_build(f: &Fixture) -> Vec<(String, Vec<u8>)> {
    let fresh = f.root().join("fresh");
    let _ = std::fs::remove_dir_all(&fresh);
    press::build(&f.content(), &f.public(), &fresh).unwrap();
    Fixture::snapshot(&fresh)
}

fn assert_same_tree(f: &Fixture, what: &str) {
    let rebuilt = Fixture::snapshot(&f.out());
    let fresh = first_build(f);
    assert_eq!(rebuilt.len(), fresh.len(), "{what}: the same files");
    for ((a, x), (b, y)) in rebuilt.iter().zip(&fresh) {
        assert_eq!(a, b, "{what}: the same files");
        assert!(x == y, "{what}: {a} differs from a first build");
    }
}

fn article(i: usize) -> String {
    format!("articles/belfold/2024/03/{:02}/cikk-{i}.json", i + 1)
}

/// Replaces `from` with `to` in article `cikk-{i}`'s source, as an editor's save does.
fn edit(f: &Fixture, i: usize, from: &str, to: &str) {
    let source = f.content().join(format!("articles/belfold/cikk-{i}.md"));
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(&source, text.replace(from, to)).unwrap();
}

/// The record of the last build: the tree is <dist>/content, the record beside <dist>, like
/// the parse cache.
fn record(f: &Fixture) -> std::path::PathBuf {
    f.root().join(".dist.article-prints")
}

fn modified(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

fn related_titles(f: &Fixture, i: usize) -> Vec<String> {
    f.json(&article(i))["related"].as_array().unwrap().iter().map(|r| r["title"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn a_title_edit_reaches_the_related_lists_and_nothing_else_is_rewritten() {
    let f = fixture();
    f.build().unwrap();
    let untouched: Vec<_> = (0..ARTICLES).map(|i| modified(&f.out().join(article(i)))).collect();
    std::thread::sleep(std::time::Duration::from_millis(20));

    edit(&f, 3, "title = \"Cím: cikk-3\"", "title = \"Javított cím\"");
    let report = f.build().unwrap();

    assert_same_tree(&f, "after a title edit");
    assert_eq!(f.json(&article(3))["title"], "Javított cím");
    // Every other article names it among its related articles: each is rewritten, with the
    // new title.
    for i in (0..ARTICLES).filter(|&i| i != 3) {
        assert!(related_titles(&f, i).contains(&"Javított cím".to_owned()), "cikk-{i}: {:?}", related_titles(&f, i));
        assert_ne!(modified(&f.out().join(article(i))), untouched[i], "cikk-{i} is rewritten");
    }
    assert!(report.written.changed_files.contains(&article(3)), "{:?}", report.written.changed_files);
    // The lists: the ones naming it are rewritten with the new title, the others kept.
    let changed = |rel: &str| report.written.changed_files.iter().any(|c| c == rel);
    assert!(changed("tags/budapest/0.json") && changed("latest/0.json") && changed("sections/belfold/0.json"));
    assert!(f.json("tags/budapest/0.json").to_string().contains("Javított cím"));
    assert!(!changed("tags/kozlekedes/0.json"), "cikk-3 is not tagged Közlekedés");
    assert!(report.written.kept > 0);

    // A build with nothing changed keeps every article and list file unrendered: every file
    // its record names.
    let before: Vec<_> = (0..ARTICLES).map(|i| modified(&f.out().join(article(i)))).collect();
    let report = f.build().unwrap();
    assert!(report.written.changed_files.is_empty(), "{:?}", report.written.changed_files);
    let recorded = std::fs::read_to_string(record(&f)).unwrap().lines().count();
    assert!(recorded > ARTICLES);
    assert_eq!(report.written.kept, recorded);
    assert_eq!((0..ARTICLES).map(|i| modified(&f.out().join(article(i)))).collect::<Vec<_>>(), before);
}

#[test]
fn a_body_edit_rewrites_its_article_and_a_kept_file_that_went_missing_comes_back() {
    let f = fixture();
    f.build().unwrap();
    edit(&f, 5, "Szöveg.", "Egy egészen új bekezdés.");
    f.build().unwrap();
    assert_same_tree(&f, "after a body edit");
    assert!(f.json(&article(5))["body"].to_string().contains("Egy egészen új bekezdés."));

    // Someone removes an article's file from the tree, or writes another into it: the next
    // build writes each again, though nothing of their inputs changed.
    let all = f.build().unwrap().written.kept;
    std::fs::remove_file(f.out().join(article(1))).unwrap();
    std::fs::write(f.out().join(article(2)), "{}").unwrap();
    std::fs::write(f.out().join("tags/budapest/0.json"), "{}").unwrap();
    let report = f.build().unwrap();
    assert_eq!(report.written.kept, all - 3);
    assert_same_tree(&f, "after a file went missing and two were written by hand");
}

#[test]
fn the_record_is_kept_beside_the_tree_never_in_it() {
    let f = fixture();
    f.build().unwrap();
    let text = std::fs::read_to_string(record(&f)).unwrap();
    let files: Vec<&str> = text.lines().map(|l| l.rsplit(' ').next().unwrap()).collect();
    assert_eq!(files.iter().filter(|f| f.starts_with("articles/")).count(), ARTICLES, "one line per article:\n{text}");
    let lists = ["latest/", "sections/", "tags/", "authors/"];
    assert!(files.iter().all(|f| f.starts_with("articles/") || lists.iter().any(|l| f.starts_with(l))), "{text}");
    assert!(files.contains(&"tags/kozlekedes/0.json"), "and one per list document:\n{text}");
    let dist = f.out().parent().unwrap().to_owned();
    assert!(Fixture::snapshot(&dist).iter().all(|(p, _)| !p.contains("prints")));
}

#[test]
fn a_build_turned_away_by_the_output_lock_leaves_the_record_alone() {
    let f = fixture();
    f.build().unwrap();
    let before = std::fs::read(record(&f)).unwrap();
    {
        // Another run writing the same tree.
        let _other = press::output::Stage::beside(&f.out(), "", ".tmp").unwrap();
        assert!(f.build().is_err(), "a second build of one output stops at once");
        assert_eq!(std::fs::read(record(&f)).unwrap(), before);
    }
    let report = f.build().unwrap();
    assert!(report.written.changed_files.is_empty(), "{:?}", report.written.changed_files);
    let lines = String::from_utf8(before).unwrap().lines().count();
    assert_eq!(report.written.kept, lines, "the record is the first build's");
}
