//! The search index press build writes (docs/CONTENT.md §2.1), queried the way the app queries
//! it: the manifest, only the shards its words need, `model::search::matches`, the doc table.

mod common;

use std::collections::BTreeMap;

use common::Fixture;
use model::search::{self, SearchDoc, SearchIndex, Shard};
use model::{Article, Author, SectionRef, TagRef};
use press::search::{SearchFiles, DOC_CHUNK, MAX_POSTINGS, SHARD_BUDGET};

/// Runs a query against files as the app would, returning the titles found and the files read.
fn query(get: &dyn Fn(&str) -> Option<Vec<u8>>, q: &str) -> (Vec<String>, Vec<String>) {
    let text = |p: &str| String::from_utf8(get(p).unwrap()).unwrap();
    let index: SearchIndex = search::parse_index(&text("search/index.json")).unwrap();
    let words = search::query_words(q);
    let paths = index.shard_paths(&words);
    let shards: Vec<Shard> = paths.iter().map(|p| search::parse_shard(&text(p)).unwrap()).collect();
    let ids = search::matches(&shards, &words, index.prefix_last(&words));
    let titles = ids
        .iter()
        .map(|&id| {
            let chunk: Vec<SearchDoc> =
                search::parse_docs(&text(&model::api_path::search_docs(index.chunk_of(id)))).unwrap();
            chunk[(id % index.chunk) as usize].title.clone()
        })
        .collect();
    (titles, paths)
}

#[test]
fn a_query_without_accents_finds_accented_titles_leads_and_tags() {
    let f = Fixture::new();
    let article = |slug: &str, title: &str, lead: &str, tags: &[&str], date: &str| {
        let tags = tags.iter().map(|t| format!("{t:?}")).collect::<Vec<_>>().join(", ");
        f.write(
            &format!("content/articles/belfold/{slug}.md"),
            &format!("+++\ntitle = \"{title}\"\nlead = \"{lead}\"\nsection = \"belfold\"\ntags = [{tags}]\nauthor = \"kovacs-anna\"\npublished = {date}\n+++\nSzöveg.\n"),
        );
    };
    article(
        "haboru",
        "Háború és béke a Duna mentén",
        "Az orosz–ukrán front hírei.",
        &["Külpolitika"],
        "2024-03-15T09:30:00+01:00",
    );
    article("koncert", "Koncert a Duna-parton", "Zene és tánc.", &["Zene"], "2024-03-16T09:30:00+01:00");
    article("haborus", "Háborús emlékmű", "Szobor a téren.", &[], "2024-03-10T09:30:00+01:00");
    f.build().unwrap();
    let out = f.out();
    let get = move |p: &str| std::fs::read(out.join(p)).ok();

    let (titles, paths) = query(&get, "haboru");
    // The last word is a prefix: "háborús" too. Newest first.
    assert_eq!(titles, ["Háború és béke a Duna mentén", "Háborús emlékmű"]);
    assert_eq!(paths, ["search/ha.json"]);
    assert_eq!(query(&get, "HÁBORÚ").0, titles);
    assert_eq!(query(&get, "ukran").0, ["Háború és béke a Duna mentén"]);
    assert_eq!(query(&get, "kulpolitika").0, ["Háború és béke a Duna mentén"]);
    // Every word must match; only the last is a prefix.
    assert_eq!(query(&get, "duna haboru").0, ["Háború és béke a Duna mentén"]);
    assert_eq!(query(&get, "habor duna").0, Vec::<String>::new());
    assert_eq!(query(&get, "duna koncert").0, ["Koncert a Duna-parton"]);
    assert_eq!(query(&get, "duna").0, ["Koncert a Duna-parton", "Háború és béke a Duna mentén"]);
    // Words the index leaves out do not spoil a query.
    assert_eq!(query(&get, "a háború és").0, titles);
    // The doc table carries what a result card shows.
    let docs = search::parse_docs(&String::from_utf8(get("search/docs/0.json").unwrap()).unwrap()).unwrap();
    assert_eq!(
        docs[1],
        SearchDoc {
            title: "Háború és béke a Duna mentén".into(),
            path: "/belfold/2024/03/15/haboru".into(),
            section: "Belföld".into(),
            lead: "Az orosz–ukrán front hírei.".into(),
        }
    );
}

#[test]
fn the_search_files_are_part_of_the_tree_press_serve_answers() {
    let f = Fixture::new();
    f.article("egy", "belfold", "2024-03-15T09:30:00+01:00", &["Budapest"], "Szöveg.\n");
    f.build().unwrap();
    let corpus = press::load(&f.content(), &f.public()).unwrap();
    let index = press::Index::new(&corpus);
    for (path, bytes) in Fixture::snapshot(&f.out()).into_iter().filter(|(p, _)| p.starts_with("search/")) {
        assert_eq!(index.resolve(&path), Some(bytes), "{path}");
    }
    assert!(index.resolve("search/zz.json").is_none());
}

#[test]
fn a_word_keeps_only_its_newest_articles() {
    let f = Fixture::new();
    let start = chrono::DateTime::parse_from_rfc3339("2020-01-01T00:00:00+00:00").unwrap();
    for i in 0..(MAX_POSTINGS + 20) {
        // An hour apart, the last one newest.
        let t = (start + chrono::TimeDelta::hours(i as i64)).to_rfc3339();
        f.article(&format!("c{i:04}"), "belfold", &t, &["Közös"], "Szöveg.\n");
    }
    f.build().unwrap();
    let read = |p: &str| std::fs::read_to_string(f.out().join(p)).unwrap();
    let shard: Shard = search::parse_shard(&read("search/ko.json")).unwrap();
    let kozos = &shard.iter().find(|(w, _)| w == "kozos").unwrap().1;
    // Ids count from the oldest article: the newest MAX_POSTINGS are the 20th oldest onwards.
    assert_eq!(search::decode(kozos), (20..MAX_POSTINGS as u32 + 20).collect::<Vec<_>>());
    let docs = search::parse_docs(&read("search/docs/0.json")).unwrap();
    assert_eq!(docs[0].path, "/belfold/2020/01/01/c0000", "the oldest is id 0");
    let index = search::parse_index(&read("search/index.json")).unwrap();
    let newest = MAX_POSTINGS as u32 + 19;
    let last = search::parse_docs(&read(&format!("search/docs/{}.json", index.chunk_of(newest)))).unwrap();
    let at = (newest % index.chunk) as usize;
    assert_eq!(last[at].path, format!("/belfold/2020/01/22/c{newest:04}"));
}

// ---------------------------------------------------------------- scale

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// An index below `n`, heavily skewed towards 0 (a few words are very common, most rare).
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64) * u.powi(4)) as usize
    }
}

/// Hungarian-looking word number `i`: syllables chosen by the digits of `i`.
fn word(i: usize) -> String {
    const SYL: [&str; 24] = [
        "sze", "me", "ke", "ha", "bo", "rú", "gy", "ál", "lam", "kor", "mány", "vá", "lasz", "tás", "ön", "ér", "tel",
        "ző", "ma", "gyar", "fő", "vá", "ros", "ség",
    ];
    let mut n = i;
    let mut w = String::new();
    loop {
        w.push_str(SYL[n % SYL.len()]);
        n /= SYL.len();
        if n == 0 {
            break;
        }
    }
    if w.chars().count() < 3 {
        w.push_str("nak");
    }
    w
}

/// Articles newest first, with Hungarian-looking titles, leads and tags.
fn synthetic_articles(articles: usize) -> Vec<Article> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let author = Author { slug: "a".into(), name: "A".into(), avatar: String::new(), bio: String::new() };
    let start = chrono::DateTime::parse_from_rfc3339("2024-12-31T23:00:00+01:00").unwrap();
    (0..articles)
        .map(|i| {
            let text = |n: usize, vocab: usize, rng: &mut Rng| {
                (0..n).map(|_| word(rng.skewed(vocab))).collect::<Vec<_>>().join(" ")
            };
            let title = text(9, 300_000, &mut rng);
            let lead = text(28, 300_000, &mut rng);
            let tags: Vec<TagRef> = (0..3)
                .map(|_| {
                    let name = word(rng.skewed(20_000) + 7);
                    TagRef { slug: model::slug::slugify(&name), name, count: 0 }
                })
                .collect();
            let published = start - chrono::TimeDelta::minutes(20 * i as i64);
            let slug = format!("cikk-{i}");
            Article {
                path: format!("/belfold/{}/{slug}", published.format("%Y/%m/%d")),
                slug,
                title,
                lead,
                section: SectionRef { slug: "belfold".into(), name: "Belföld".into() },
                parent_section: None,
                author: author.clone(),
                published,
                updated: None,
                cover: None,
                source: None,
                preview: None,
                live: None,
                tags,
                body: Vec::new(),
                related: Vec::new(),
            }
        })
        .collect()
}

/// The folded, indexed words of an article, each once.
fn words_of(a: &Article) -> Vec<String> {
    let mut words: Vec<String> = [&a.title, &a.lead]
        .iter()
        .flat_map(|t| model::slug::fold_words(t))
        .chain(a.tags.iter().flat_map(|t| model::slug::fold_words(&t.name)))
        .filter(|w| search::indexed(w))
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The words are gathered on every core, a run of articles each: the lists are the same
/// however many cores there are, words past the cap included.
#[test]
fn postings_hold_exactly_the_newest_articles_with_the_word() {
    let articles = synthetic_articles(3000);
    let refs: Vec<&Article> = articles.iter().collect();
    // The articles come newest first; ids count from the oldest, and a shard lists them
    // ascending.
    let mut expected: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let oldest = articles.len() as u32 - 1;
    for (i, a) in articles.iter().enumerate() {
        for w in words_of(a) {
            let ids = expected.entry(w).or_default();
            if ids.len() < MAX_POSTINGS {
                ids.push(oldest - i as u32);
            }
        }
    }
    expected.values_mut().for_each(|ids| ids.reverse());
    let capped = expected.values().filter(|ids| ids.len() == MAX_POSTINGS).count();
    assert!(capped > 3, "some words are past the cap: {capped}");
    let mut first = None;
    for threads in [1, 2, 3, 7] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let files = pool.install(|| SearchFiles::build(&refs));
        let text = |b: &[u8]| std::str::from_utf8(b).unwrap().to_owned();
        let index: SearchIndex = search::parse_index(&text(files.get("search/index.json").unwrap())).unwrap();
        let mut found: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (path, bytes) in files.iter().filter(|(p, _)| !p.starts_with("search/docs/") && *p != "search/index.json") {
            let shard: Shard = search::parse_shard(&text(bytes)).unwrap();
            for (w, deltas) in shard {
                assert_eq!(index.shards_of(&w, false), [path], "{w} is where the manifest says");
                found.insert(w, search::decode(&deltas));
            }
        }
        assert!(found == expected, "{threads} threads: the postings differ");
        let all: Vec<(String, Vec<u8>)> = files.iter().map(|(p, b)| (p.to_owned(), b.to_vec())).collect();
        assert!(first.get_or_insert_with(|| all.clone()) == &all, "{threads} threads: other files");
    }
}

#[test]
fn at_a_hundred_thousand_articles_every_search_file_stays_small() {
    let n = 100_000;
    let articles = synthetic_articles(n);
    let refs: Vec<&Article> = articles.iter().collect();
    let files = SearchFiles::build(&refs);
    let all: BTreeMap<&str, &[u8]> = files.iter().collect();
    let index: SearchIndex = search::parse_index(std::str::from_utf8(all["search/index.json"]).unwrap()).unwrap();
    assert_eq!(index.docs as usize, n);
    assert_eq!(index.chunk, DOC_CHUNK);

    let mut largest = ("", 0);
    for (path, bytes) in &all {
        // Every file, shard, doc chunk and the manifest, is at most SHARD_BUDGET bytes, so at most
        // that many bytes gzip-compressed too (gzip adds a few bytes only to incompressible data).
        assert!(bytes.len() <= SHARD_BUDGET, "{path}: {} bytes", bytes.len());
        if bytes.len() > largest.1 {
            largest = (path, bytes.len());
        }
    }
    let mut parts = 0;
    for (group, splits) in &index.groups {
        for p in 0..=splits.len() {
            assert!(all.contains_key(model::api_path::search_shard(group, p, splits.len() + 1).as_str()));
        }
        parts += splits.len() + 1;
    }
    let shards = all.keys().filter(|p| !p.starts_with("search/docs/") && **p != "search/index.json").count();
    assert_eq!(shards, parts, "every shard file is in the manifest");
    assert!(
        parts > 3 * index.groups.len(),
        "the common groups are split ({parts} parts, {} groups)",
        index.groups.len()
    );
    assert_eq!(all.keys().filter(|p| p.starts_with("search/docs/")).count(), n.div_ceil(DOC_CHUNK as usize));
    eprintln!(
        "largest search file at {n} articles: {} ({} bytes); {} groups in {parts} parts",
        largest.0,
        largest.1,
        index.groups.len()
    );

    // A query through the app's path loads one part per word and finds the word's newest articles.
    let get = |p: &str| all.get(p).map(|b| b.to_vec());
    let common = model::slug::fold_words(&word(0)).join("");
    let (found, paths) = query(&get, &format!("{common} {common}a"));
    assert_eq!(paths.len(), index.shard_paths(&search::query_words(&format!("{common} {common}a"))).len());
    let (found_one, paths_one) = query(&get, &common);
    assert!(paths_one.len() <= search::MAX_PREFIX_PARTS, "{paths_one:?}");
    assert!(found_one.len() >= MAX_POSTINGS && found.len() <= found_one.len());
}
