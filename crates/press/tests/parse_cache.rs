//! The parse cache (docs/adr/0021): a load that takes unchanged articles from it gives the tree a
//! load that parses everything gives, after every kind of edit; a hit parses nothing; a broken
//! cache is no cache; warnings survive a hit; errors are never cached.

mod common;

use std::path::{Path, PathBuf};

use common::Fixture;

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2025-01-01T13:00:00+01:00").unwrap().with_timezone(&chrono::Utc)
}

fn index(f: &Fixture) -> PathBuf {
    press::parse_cache(&f.out())
}

type Tree = Vec<(String, Vec<u8>)>;

/// A named edit of the fixture, and how many articles it makes the next load parse.
type Edit = (&'static str, Box<dyn Fn(&Fixture)>, usize);

/// A named way to break the cache.
type Breakage<'a> = (&'static str, Box<dyn Fn() + 'a>);

/// The whole JSON tree, the warnings as printed, and the parse counts of a build's load at `at`.
fn load(
    f: &Fixture,
    cache: Option<&Path>,
    at: chrono::DateTime<chrono::Utc>,
) -> (Tree, Vec<String>, press::source::ParseCount) {
    let opts = press::source::LoadOptions { now: Some(at), ..Default::default() };
    let corpus = match press::load_for_build(&f.content(), &f.public(), opts, cache) {
        Ok(c) => c,
        Err(e) => panic!("{:?}", e.diagnostics().iter().map(ToString::to_string).collect::<Vec<_>>()),
    };
    let warnings = corpus.warnings.iter().map(ToString::to_string).collect();
    (press::render_tree(&corpus), warnings, corpus.parse)
}

/// A cached load and a plain one give the same tree and warnings; the cached load's counts.
fn same_as_a_parse(f: &Fixture, what: &str) -> press::source::ParseCount {
    same_as_a_parse_at(f, what, now())
}

fn same_as_a_parse_at(f: &Fixture, what: &str, at: chrono::DateTime<chrono::Utc>) -> press::source::ParseCount {
    let (cached, cached_warnings, count) = load(f, Some(&index(f)), at);
    let (plain, plain_warnings, plain_count) = load(f, None, at);
    assert_eq!(plain_count.cached, 0);
    assert_eq!(cached.len(), plain.len(), "{what}: the same files");
    for ((a, x), (b, y)) in cached.iter().zip(&plain) {
        assert_eq!(a, b, "{what}: the same files");
        assert!(
            x == y,
            "{what}: {a} differs from a parse\n{}\n{}",
            String::from_utf8_lossy(x),
            String::from_utf8_lossy(y)
        );
    }
    assert_eq!(cached_warnings, plain_warnings, "{what}: the same warnings");
    count
}

/// Stamps have the kernel's clock tick as resolution: an edit right after a load could keep the
/// size and the time. Every edit here changes the size too; the pause is for good measure.
fn tick() {
    std::thread::sleep(std::time::Duration::from_millis(15));
}

fn fixture() -> Fixture {
    let f = Fixture::new();
    for i in 0..12 {
        let tags: &[&str] = if i % 2 == 0 { &["Budapest", "Közlekedés"] } else { &["Választás"] };
        let section = ["belfold", "kulfold", "film"][i % 3];
        f.article(
            &format!("cikk-{i:02}"),
            section,
            &format!("2024-03-{:02}T09:30:00+01:00", i + 1),
            tags,
            &format!("Az {i}. cikk szövege.\n\n## Alcím\n\nMásodik bekezdés."),
        );
    }
    // An image in a body, an empty lead (a warning), a draft and a scheduled article.
    f.write(
        "content/articles/belfold/kepes.md",
        "+++\ntitle = \"Képes\"\nlead = \"\"\nsection = \"belfold\"\nauthor = \"nagy-peter\"\npublished = 2024-04-01T10:00:00+02:00\n[cover]\nsrc = \"/public/images/duna.svg\"\nalt = \"A Duna\"\n+++\nSzöveg.\n\n![Egy kép](/public/images/kep.svg)\n",
    );
    f.write(
        "content/articles/belfold/piszkozat.md",
        "+++\ntitle = \"Piszkozat\"\nlead = \"Még nincs kész.\"\nsection = \"belfold\"\nauthor = \"kovacs-anna\"\npublished = 2024-04-02T10:00:00+02:00\ndraft = true\n+++\nFélkész.\n",
    );
    f.write(
        "content/articles/kulfold/holnap.md",
        "+++\ntitle = \"Holnap\"\nlead = \"Időzítve.\"\nsection = \"kulfold\"\nauthor = \"kovacs-anna\"\npublished = 2025-01-02T08:00:00+01:00\ntags = [\"Választás\"]\n+++\nHolnap jelenik meg.\n",
    );
    f
}

const ARTICLES: usize = 15;

#[test]
fn a_cached_load_gives_the_tree_a_parse_gives_after_every_kind_of_edit() {
    let f = fixture();
    let first = same_as_a_parse(&f, "first load");
    assert_eq!((first.parsed, first.cached), (ARTICLES, 0), "nothing cached yet");
    let again = same_as_a_parse(&f, "nothing changed");
    assert_eq!((again.parsed, again.cached), (0, ARTICLES), "every article from the cache");

    let edits: Vec<Edit> = vec![
        (
            "an article added",
            Box::new(|f| f.article("uj-cikk", "belfold", "2024-05-01T09:00:00+02:00", &["Budapest"], "Új.")),
            1,
        ),
        (
            "a body edited",
            Box::new(|f| {
                f.article("cikk-03", "belfold", "2024-03-04T09:30:00+01:00", &["Választás"], "Átírt szöveg, hosszabb.")
            }),
            1,
        ),
        (
            "the front matter edited",
            Box::new(|f| {
                let p = f.content().join("articles/kulfold/cikk-01.md");
                let text = std::fs::read_to_string(&p).unwrap().replace("Cím: cikk-01", "Új cím, javítva");
                std::fs::write(p, text).unwrap();
            }),
            1,
        ),
        (
            "retagged",
            Box::new(|f| {
                let p = f.content().join("articles/belfold/cikk-00.md");
                let text = std::fs::read_to_string(&p).unwrap().replace("\"Közlekedés\"", "\"Vasút\", \"Tél\"");
                std::fs::write(p, text).unwrap();
            }),
            1,
        ),
        ("deleted", Box::new(|f| std::fs::remove_file(f.content().join("articles/film/cikk-02.md")).unwrap()), 0),
        (
            "renamed",
            Box::new(|f| {
                let dir = f.content().join("articles/film");
                std::fs::rename(dir.join("cikk-05.md"), dir.join("cikk-ot.md")).unwrap();
            }),
            1,
        ),
        (
            "an image changed",
            Box::new(|f| {
                f.write("public/images/kep.svg", r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 900"/>"#)
            }),
            1,
        ),
        (
            "site.toml changed",
            Box::new(|f| {
                f.write("content/site.toml", &common::site_toml().replace("name = \"Film\"", "name = \"Mozi\""))
            }),
            ARTICLES,
        ),
        (
            "an author changed",
            Box::new(|f| {
                f.write(
                    "content/authors/kovacs-anna.toml",
                    "name = \"Kovács Anna Mária\"\navatar = \"/public/avatars/kovacs-anna.svg\"\nbio = \"Rovatvezető.\"\n",
                )
            }),
            ARTICLES,
        ),
        ("nothing changed again", Box::new(|_| {}), 0),
    ];
    for (what, edit, parsed) in edits {
        tick();
        edit(&f);
        let count = same_as_a_parse(&f, what);
        assert_eq!(count.parsed, parsed, "{what}: parsed {count:?}");
    }
}

#[test]
fn time_decides_on_every_load_whether_a_cached_article_is_out() {
    let f = fixture();
    same_as_a_parse(&f, "first load");
    let (tree, ..) = load(&f, Some(&index(&f)), now());
    assert!(!tree.iter().any(|(n, _)| n.contains("holnap")), "scheduled: not out yet");
    let later = chrono::DateTime::parse_from_rfc3339("2025-01-03T00:00:00+01:00").unwrap().with_timezone(&chrono::Utc);
    let count = same_as_a_parse_at(&f, "the scheduled article's time came", later);
    assert_eq!(count.parsed, 0, "the time is no parse: {count:?}");
    let (tree, ..) = load(&f, Some(&index(&f)), later);
    assert!(tree.iter().any(|(n, _)| n.contains("holnap")), "out from the cache");
}

#[test]
fn warnings_survive_a_hit_and_a_file_with_errors_is_parsed_every_time() {
    let f = fixture();
    // A draft's errors are warnings outside a preview: the load succeeds, the draft has errors.
    f.write(
        "content/articles/belfold/rossz-piszkozat.md",
        "+++\ntitle = \"Rossz\"\nlead = \"x\"\nsection = \"nincs-ilyen\"\nauthor = \"kovacs-anna\"\npublished = 2024-04-02T10:00:00+02:00\ndraft = true\n+++\nx\n",
    );
    let (_, warnings, _) = load(&f, Some(&index(&f)), now());
    assert!(warnings.iter().any(|w| w.contains("the lead is empty")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("in a draft")), "{warnings:?}");
    let count = same_as_a_parse(&f, "warnings from the cache");
    assert_eq!(count.parsed, 1, "only the draft with errors is parsed again: {count:?}");
    let (_, cached_warnings, _) = load(&f, Some(&index(&f)), now());
    assert_eq!(cached_warnings, warnings);
}

#[test]
fn a_missing_truncated_or_corrupt_cache_is_no_cache() {
    let f = fixture();
    same_as_a_parse(&f, "first load");
    let idx = index(&f);
    let bodies = || {
        std::fs::read_dir(idx.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".bodies"))
            .collect::<Vec<_>>()
    };
    assert_eq!(bodies().len(), 1);
    let breakages: Vec<Breakage> = vec![
        ("the index removed", Box::new(|| std::fs::remove_file(&idx).unwrap())),
        (
            "the index truncated",
            Box::new(|| {
                let text = std::fs::read(&idx).unwrap();
                std::fs::write(&idx, &text[..text.len() * 2 / 3]).unwrap();
            }),
        ),
        (
            "a byte of the index changed",
            Box::new(|| {
                let mut text = std::fs::read(&idx).unwrap();
                let at = text.len() - 40;
                text[at] = if text[at] == b'1' { b'2' } else { b'1' };
                std::fs::write(&idx, text).unwrap();
            }),
        ),
        ("the index is garbage", Box::new(|| std::fs::write(&idx, "\u{0}\u{1}nonsense\n\n\n\n\n[1,2]").unwrap())),
        (
            "the bodies truncated",
            Box::new(|| {
                let b = &bodies()[0];
                let len = std::fs::metadata(b).unwrap().len();
                std::fs::File::options().write(true).open(b).unwrap().set_len(len / 2).unwrap();
            }),
        ),
        ("the bodies removed", Box::new(|| std::fs::remove_file(&bodies()[0]).unwrap())),
    ];
    for (what, breakage) in breakages {
        breakage();
        let count = same_as_a_parse(&f, what);
        assert_eq!(count.parsed, ARTICLES, "{what}: everything parsed: {count:?}");
        let count = same_as_a_parse(&f, what);
        assert_eq!(count.parsed, 0, "{what}: the cache is whole again: {count:?}");
        assert_eq!(bodies().len(), 1, "{what}: one bodies file");
    }
}

#[test]
fn a_run_that_cannot_take_the_lock_reads_the_cache_and_writes_nothing() {
    let f = fixture();
    same_as_a_parse(&f, "first load");
    let idx = index(&f);
    let before = std::fs::read(&idx).unwrap();
    let mut lock = idx.clone().into_os_string();
    lock.push(".lock");
    let held = std::fs::File::options().read(true).write(true).open(PathBuf::from(lock)).unwrap();
    held.lock().unwrap();
    tick();
    f.article("uj-cikk", "belfold", "2024-05-01T09:00:00+02:00", &["Budapest"], "Új.");
    let count = same_as_a_parse(&f, "another run holds the lock");
    assert_eq!((count.parsed, count.cached), (1, ARTICLES), "hits from the cache: {count:?}");
    assert_eq!(std::fs::read(&idx).unwrap(), before, "the index is left to the lock's holder");
    held.unlock().unwrap();
    assert_eq!(same_as_a_parse(&f, "the lock released").parsed, 1);
    assert_eq!(same_as_a_parse(&f, "recorded").parsed, 0);
}

#[test]
fn the_bodies_file_is_compacted_when_most_of_it_is_garbage() {
    let f = fixture();
    same_as_a_parse(&f, "first load");
    let dir = f.root().to_owned();
    let bodies = || {
        std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".bodies"))
            .collect::<Vec<_>>()
    };
    let first = bodies();
    // Every body rewritten three times, as long each time: most of the file is no entry's body.
    for round in 0..3 {
        tick();
        for i in 0..12 {
            let section = ["belfold", "kulfold", "film"][i % 3];
            let long = format!("Hosszabb szöveg, {round}. változat. ").repeat(20);
            f.article(&format!("cikk-{i:02}"), section, &format!("2024-03-{:02}T09:30:00+01:00", i + 1), &[], &long);
        }
        same_as_a_parse(&f, "bodies rewritten");
    }
    let count = same_as_a_parse(&f, "compacted");
    assert_eq!(count.parsed, 0);
    let now_bodies = bodies();
    assert_eq!(now_bodies.len(), 1, "{now_bodies:?}");
    assert_ne!(now_bodies, first, "a new, compacted bodies file");
    assert_eq!(same_as_a_parse(&f, "after compaction").parsed, 0);
}

/// A run appends what it parsed and what went away to the index, in one sealed segment, instead
/// of writing the whole index again; a segment a killed run left half-written is not read, and
/// the next run that appends cuts it.
#[test]
fn a_run_appends_to_the_index_and_a_half_written_segment_is_cut() {
    use std::os::unix::fs::MetadataExt;
    let f = fixture();
    same_as_a_parse(&f, "first load");
    let idx = index(&f);
    let (inode, first_len) = (std::fs::metadata(&idx).unwrap().ino(), std::fs::metadata(&idx).unwrap().len());
    let seals = || std::fs::read_to_string(&idx).unwrap().lines().filter(|l| l.starts_with("= ")).count();
    assert_eq!(seals(), 1);

    tick();
    f.article("cikk-04", "kulfold", "2024-03-05T09:30:00+01:00", &[], "Átírt szöveg, jóval hosszabb, mint volt.");
    std::fs::remove_file(f.content().join("articles/film/cikk-05.md")).unwrap();
    assert_eq!(same_as_a_parse(&f, "an edit and a removal").parsed, 1);
    let text = std::fs::read_to_string(&idx).unwrap();
    assert_eq!(std::fs::metadata(&idx).unwrap().ino(), inode, "appended in place, not written anew");
    assert!((text.len() as u64) < first_len * 2, "one segment added: {} after {first_len}", text.len());
    assert_eq!(seals(), 2);
    let last: Vec<&str> = text.lines().rev().skip(1).take(2).collect();
    assert!(last.iter().any(|l| l.ends_with("cikk-05.md\"]")), "the removal is recorded: {last:?}");
    assert_eq!(same_as_a_parse(&f, "after the append").parsed, 0);

    // A run killed while appending: a segment without its seal.
    let whole = std::fs::read(&idx).unwrap();
    let torn = [whole.as_slice(), b"[\"articles/x.md\",\"1.2\",0,10,{\"draft\":fal"].concat();
    std::fs::write(&idx, &torn).unwrap();
    assert_eq!(same_as_a_parse(&f, "a half-written segment").parsed, 0, "the whole segments are read");
    tick();
    f.article("cikk-06", "belfold", "2024-03-07T09:30:00+01:00", &[], "Megint más szöveg, hosszabb is.");
    assert_eq!(same_as_a_parse(&f, "an edit after it").parsed, 1);
    let text = std::fs::read_to_string(&idx).unwrap();
    assert!(!text.contains("articles/x.md"), "the half-written segment is cut");
    assert!(text.starts_with(std::str::from_utf8(&whole).unwrap()));
    assert_eq!(seals(), 3);
    assert_eq!(same_as_a_parse(&f, "after the cut").parsed, 0);
}
