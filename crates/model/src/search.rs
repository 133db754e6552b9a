//! Search over titles, leads and tags (docs/CONTENT.md §2.1).
//!
//! Words are accent-folded (`slug::fold_words`), so "haboru" finds "háború". press writes three
//! kinds of file under `search/`:
//!
//! - `index.json` ([`SearchIndex`]): how many articles the doc table holds, its chunk size, and
//!   every shard group (the first two letters of a word) with the first words of its later parts;
//! - one shard per group, `<xx>.json`, or `<xx>.<n>.json` parts when a group is too big for one
//!   file ([`Shard`]): word → the ids of the newest articles containing it, delta-encoded;
//! - the doc table, `docs/<c>.json`: `chunk` entries ([`SearchDoc`]) per file, id `i` in chunk
//!   `i / chunk` at position `i % chunk`. Ids count from the oldest article (0), so a new
//!   article takes the next id and changes only the last chunk and the shards of its words.
//!
//! The app loads the manifest, then only the shards its query words fall in, intersects the
//! postings ([`matches`]) and loads only the doc chunks of the results it shows.
//!
//! press writes the files with serde; the app reads them with the small readers at the end of
//! this module ([`parse_index`], [`parse_shard`], [`parse_docs`], on [`crate::json`]'s reader)
//! instead of serde's generic decoding, which costs the wasm several times more for these three
//! simple shapes.

use serde::ser::SerializeMap;
use serde::Serialize;

/// Shortest indexed word, in folded characters.
pub const MIN_WORD: usize = 3;

/// The last word is matched as a prefix only while its words fit in this many shard parts: a
/// short prefix of a common group ("sze") would otherwise load the whole group.
pub const MAX_PREFIX_PARTS: usize = 2;

/// Folded words too common to mean anything alone (sorted, for binary search). Shorter words
/// than `MIN_WORD` are dropped anyway.
const STOP_WORDS: [&str; 54] = [
    "ahol", "aki", "akkor", "alatt", "altal", "amely", "amelyek", "ami", "amikor", "amit", "annak", "arra", "azert",
    "azok", "azonban", "azt", "csak", "egy", "egyik", "ennek", "erre", "ezek", "ezert", "ezt", "hanem", "hogy", "igy",
    "illetve", "kell", "lehet", "lesz", "lett", "majd", "mar", "meg", "mely", "mert", "miatt", "minden", "mint",
    "most", "nem", "nincs", "ott", "pedig", "sem", "soran", "szerint", "tobb", "utan", "vagy", "van", "vannak", "volt",
];

/// `search/index.json`: what the app needs to know which files to load.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchIndex {
    /// Articles in the doc table.
    pub docs: u32,
    /// Entries per doc-table file.
    pub chunk: u32,
    /// Every group that has words, sorted, with the first word of each of its parts after the
    /// first (none when the group fits in one file). In JSON an object.
    pub groups: Vec<(String, Vec<String>)>,
}

impl Serialize for SearchIndex {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Groups<'a>(&'a [(String, Vec<String>)]);
        impl Serialize for Groups<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for (g, splits) in self.0 {
                    m.serialize_entry(g, splits)?;
                }
                m.end()
            }
        }
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("docs", &self.docs)?;
        m.serialize_entry("chunk", &self.chunk)?;
        m.serialize_entry("groups", &Groups(&self.groups))?;
        m.end()
    }
}

/// One shard file: folded word → article ids, ascending (oldest first), delta-encoded: the first
/// id as is, then each id minus the one before. Sorted by word; in JSON an object.
pub type Shard = Vec<(String, Vec<u32>)>;

/// One entry of the doc table: what a result card shows. In JSON an array
/// `[title, path, section, lead]` (no keys: smaller files).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    pub title: String,
    /// Site path `/<section>/<yyyy>/<mm>/<dd>/<slug>`: the section slug and the date come from it.
    pub path: String,
    /// The section's display name.
    pub section: String,
    /// The lead, shortened.
    pub lead: String,
}

impl SearchDoc {
    /// The hit as the summary an article card shows: the section's slug, the date (at midnight
    /// UTC, so it reads as the path's day) and the slug come from the path. `None` for a path
    /// of another shape.
    pub fn into_summary(self) -> Option<crate::ArticleSummary> {
        let mut parts = self.path.split('/').skip(1);
        let mut next = || parts.next().filter(|p| !p.is_empty()).map(str::to_owned);
        let (section, y, m, d, slug) = (next()?, next()?, next()?, next()?, next()?);
        let published = crate::date::parse_rfc3339(&format!("{y}-{m}-{d}T00:00:00+00:00"))?;
        Some(crate::ArticleSummary {
            slug,
            path: self.path,
            title: self.title,
            lead: self.lead,
            section: crate::SectionRef { slug: section, name: self.section },
            author: crate::AuthorRef { slug: String::new(), name: String::new(), avatar: String::new() },
            published,
            cover: None,
            preview: None,
            live: false,
        })
    }
}

impl Serialize for SearchDoc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (&self.title, &self.path, &self.section, &self.lead).serialize(s)
    }
}

/// Whether press indexes this folded word.
pub fn indexed(word: &str) -> bool {
    word.len() >= MIN_WORD && STOP_WORDS.binary_search(&word).is_err()
}

/// The words of a query as the index knows them: folded, long enough, no stop words, each once,
/// in the order typed (the last one is matched as a prefix).
pub fn query_words(q: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in crate::slug::fold_words(q) {
        if indexed(&w) && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// The group (shard key) of a folded word: its first two characters, all ASCII.
pub fn group(word: &str) -> &str {
    &word[..word.len().min(2)]
}

impl SearchIndex {
    /// Index of the part of `group`'s shard that holds `word`.
    fn part(splits: &[String], word: &str) -> usize {
        splits.partition_point(|s| s.as_str() <= word)
    }

    /// Content paths of the shards holding `word`, or with `prefix` every word it begins.
    pub fn shards_of(&self, word: &str, prefix: bool) -> Vec<String> {
        let g = group(word);
        let Ok(at) = self.groups.binary_search_by(|(k, _)| k.as_str().cmp(g)) else { return Vec::new() };
        let splits = &self.groups[at].1;
        let first = Self::part(splits, word);
        // '{' sorts after every folded character: every word starting with `word` is below it.
        let last = if prefix { Self::part(splits, &format!("{word}{{")) } else { first };
        (first..=last).map(|p| crate::api_path::search_shard(g, p, splits.len() + 1)).collect()
    }

    /// Whether the last of `words` is matched as a prefix (see [`MAX_PREFIX_PARTS`]).
    pub fn prefix_last(&self, words: &[String]) -> bool {
        words.last().is_some_and(|w| self.shards_of(w, true).len() <= MAX_PREFIX_PARTS)
    }

    /// Content paths of the shards to load for `words`, each once; pass `prefix_last` on to
    /// [`matches`].
    pub fn shard_paths(&self, words: &[String]) -> Vec<String> {
        let prefix = self.prefix_last(words);
        let mut out: Vec<String> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            for path in self.shards_of(w, prefix && i + 1 == words.len()) {
                if !out.contains(&path) {
                    out.push(path);
                }
            }
        }
        out
    }

    /// The doc-table chunk holding article `id`.
    pub fn chunk_of(&self, id: u32) -> u32 {
        id / self.chunk.max(1)
    }
}

/// Delta-encodes ascending ids (press).
pub fn encode(ids: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    ids.iter()
        .map(|&id| {
            let d = id - prev;
            prev = id;
            d
        })
        .collect()
}

/// Ids back from `encode`.
pub fn decode(deltas: &[u32]) -> Vec<u32> {
    let mut prev = 0u32;
    deltas
        .iter()
        .map(|&d| {
            prev = prev.saturating_add(d);
            prev
        })
        .collect()
}

/// The ids of the articles containing every word, with `prefix_last` the last one as a prefix
/// ("habor" finds "háború" and "háborús"), newest first. `shards` are the loaded shards, in any
/// order.
pub fn matches(shards: &[Shard], words: &[String], prefix_last: bool) -> Vec<u32> {
    let mut result: Option<Vec<u32>> = None;
    for (i, w) in words.iter().enumerate() {
        let prefix = prefix_last && i + 1 == words.len();
        let mut ids: Vec<u32> = Vec::new();
        for shard in shards {
            let from = shard.partition_point(|(k, _)| k.as_str() < w.as_str());
            for (word, deltas) in &shard[from..] {
                if word == w || (prefix && word.starts_with(w.as_str())) {
                    ids = merge(&ids, &decode(deltas), false);
                } else {
                    break;
                }
            }
        }
        result = Some(match result {
            None => ids,
            Some(prev) => merge(&prev, &ids, true),
        });
    }
    // Ascending ids are oldest first.
    let mut newest_first = result.unwrap_or_default();
    newest_first.reverse();
    newest_first
}

/// The union (or with `both` the intersection) of two ascending id lists, ascending, each id once.
fn merge(a: &[u32], b: &[u32], both: bool) -> Vec<u32> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(if both { a.len().min(b.len()) } else { a.len() + b.len() });
    while i < a.len() || j < b.len() {
        let (x, y) = (a.get(i).copied().unwrap_or(u32::MAX), b.get(j).copied().unwrap_or(u32::MAX));
        let take = x.min(y);
        if !both || x == y {
            out.push(take);
        }
        i += usize::from(x == take && i < a.len());
        j += usize::from(y == take && j < b.len());
        if both && (i == a.len() || j == b.len()) {
            break;
        }
    }
    out
}

// ---------------------------------------------------------------- reading the files

use crate::json::Reader;

/// Reads `search/index.json`.
pub fn parse_index(text: &str) -> Option<SearchIndex> {
    let mut reader = Reader::new(text);
    let mut index = SearchIndex { docs: 0, chunk: 0, groups: Vec::new() };
    let read = reader.object(|reader, key| {
        match key.as_str() {
            "docs" => index.docs = reader.u32()?,
            "chunk" => index.chunk = reader.u32()?,
            "groups" => index.groups = reader.object(|reader, g| Some((g, reader.array(Reader::string)?)))?,
            _ => reader.skip_value()?,
        }
        Some(())
    });
    reader.end(read).map(|_| index)
}

/// Reads a shard.
pub fn parse_shard(text: &str) -> Option<Shard> {
    let mut reader = Reader::new(text);
    let shard = reader.object(|reader, word| Some((word, reader.array(Reader::u32)?)));
    reader.end(shard)
}

/// Reads a doc-table file.
pub fn parse_docs(text: &str) -> Option<Vec<SearchDoc>> {
    let mut reader = Reader::new(text);
    let docs = reader.array(|reader| {
        let mut f = reader.array(Reader::string)?.into_iter();
        let mut next = || f.next();
        Some(SearchDoc { title: next()?, path: next()?, section: next()?, lead: next()? })
    });
    reader.end(docs)
}

/// `s` cut to at most `max` characters at a word boundary, with "…" when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > cut.len() / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '–' | '-')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_a_word_boundary() {
        assert_eq!(shorten("rövid", 10), "rövid");
        assert_eq!(shorten("Egy hét alatt másfélszeresére nőtt", 20), "Egy hét alatt…");
        assert!(shorten(&"á".repeat(300), 160).chars().count() <= 160);
    }

    #[test]
    fn stop_words_are_sorted_folded_and_long_enough() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        for w in STOP_WORDS {
            assert_eq!(crate::slug::fold_words(w), vec![w]);
            assert!(w.len() >= MIN_WORD, "{w}");
        }
    }

    #[test]
    fn query_words_fold_and_drop_short_and_common_words() {
        assert_eq!(query_words("A háború, és a BÉKE háború"), vec!["haboru", "beke"]);
        assert_eq!(query_words("hogy az"), Vec::<String>::new());
        assert_eq!(query_words("Orosz–ukrán"), vec!["orosz", "ukran"]);
    }

    #[test]
    fn merges_unions_and_intersections() {
        assert_eq!(merge(&[1, 3, 5], &[2, 3, 9], false), [1, 2, 3, 5, 9]);
        assert_eq!(merge(&[1, 3, 5], &[2, 3, 5, 9], true), [3, 5]);
        assert_eq!(merge(&[], &[4], false), [4]);
        assert_eq!(merge(&[], &[4], true), Vec::<u32>::new());
        assert_eq!(merge(&[7], &[], false), [7]);
    }

    #[test]
    fn doc_entries_are_arrays() {
        let d = SearchDoc { title: "T".into(), path: "/a/2024/01/02/b".into(), section: "A".into(), lead: "L".into() };
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, r#"["T","/a/2024/01/02/b","A","L"]"#);
        assert_eq!(parse_docs(&format!("[{json}]")).unwrap(), vec![d]);
    }

    #[test]
    fn the_readers_read_what_serde_writes() {
        let index = SearchIndex {
            docs: 70000,
            chunk: 32,
            groups: vec![("ab".into(), vec![]), ("sz".into(), vec!["szel".into(), "szo".into()])],
        };
        let json = serde_json::to_string(&index).unwrap();
        assert_eq!(json, r#"{"docs":70000,"chunk":32,"groups":{"ab":[],"sz":["szel","szo"]}}"#);
        assert_eq!(parse_index(&json), Some(index.clone()));
        // Unknown keys (a newer press) are skipped; white space is allowed.
        let newer = r#" { "v" : [1, {"x": "y"}, true, null, -1.5e3], "docs": 70000, "chunk": 32,
            "groups": {"ab": [], "sz": ["szel", "szo"]} } "#;
        assert_eq!(parse_index(newer), Some(index));

        let docs = vec![SearchDoc {
            title: "„Idézet” \"x\" \\ / \u{1F600} é\u{2028}<script>".into(),
            path: "/belfold/2024/01/02/a".into(),
            section: "Belföld".into(),
            lead: "sor\nsor\ttab\u{1}".into(),
        }];
        let json = serde_json::to_string(&docs).unwrap();
        assert_eq!(parse_docs(&json), Some(docs.clone()));
        // Escapes serde_json never writes but JSON allows.
        assert_eq!(parse_docs(r#"[["\u00e9\ud83d\ude00\/","p","s","l"]]"#).unwrap()[0].title, "é\u{1F600}/");

        assert_eq!(
            parse_shard(r#"{"haboru":[0,3,1],"habos":[7]}"#),
            Some(vec![("haboru".into(), vec![0, 3, 1]), ("habos".into(), vec![7])])
        );
        assert_eq!(parse_shard("{}"), Some(vec![]));
        for bad in ["", "{", r#"{"a":[1,]}"#, r#"{"a":[1]} x"#, r#"{"a":[-1]}"#, r#"{"a":[99999999999]}"#, r#"["a"]"#] {
            assert_eq!(parse_shard(bad), None, "{bad}");
        }
        for bad in [r#"[["a","b","c"]]"#, r#"[["a","b","c","\x"]]"#, r#"[["\ud800","b","c","d"]]"#] {
            assert_eq!(parse_docs(bad), None, "{bad}");
        }
    }

    #[test]
    fn deltas_round_trip() {
        let ids = [0, 3, 4, 90, 1000];
        assert_eq!(encode(&ids), vec![0, 3, 1, 86, 910]);
        assert_eq!(decode(&encode(&ids)), ids);
    }

    fn shard(entries: &[(&str, &[u32])]) -> Shard {
        let mut s: Shard = entries.iter().map(|(w, ids)| ((*w).to_owned(), encode(ids))).collect();
        s.sort();
        s
    }

    #[test]
    fn intersects_words_and_matches_the_last_as_prefix() {
        let ha = shard(&[("habor", &[9]), ("haboru", &[1, 5, 7]), ("haborus", &[2, 7]), ("haj", &[1])]);
        let bu = shard(&[("budapest", &[2, 5, 7, 8])]);
        let w = |s: &str| query_words(s);
        // Ids count from the oldest: results come newest (highest) first.
        assert_eq!(matches(std::slice::from_ref(&ha), &w("haboru"), true), vec![7, 5, 2, 1]);
        assert_eq!(matches(std::slice::from_ref(&ha), &w("habor"), true), vec![9, 7, 5, 2, 1]);
        assert_eq!(matches(&[ha.clone(), bu.clone()], &w("háború budapest"), true), vec![7, 5]);
        assert_eq!(matches(&[bu.clone(), ha.clone()], &w("budapest habor"), true), vec![7, 5, 2]);
        // Only the last word is a prefix: "habor" alone is one article.
        assert_eq!(matches(&[ha.clone(), bu.clone()], &w("habor budapest"), true), Vec::<u32>::new());
        // Without the prefix, only the word itself.
        assert_eq!(matches(&[bu.clone(), ha.clone()], &w("budapest habor"), false), Vec::<u32>::new());
        assert_eq!(matches(&[ha, bu], &w("nincsilyen"), true), Vec::<u32>::new());
        assert_eq!(matches(&[], &[], true), Vec::<u32>::new());
    }

    #[test]
    fn shard_paths_name_only_the_parts_needed() {
        let index = SearchIndex {
            docs: 10,
            chunk: 32,
            groups: vec![
                ("ha".to_owned(), vec![]),
                ("sz".to_owned(), vec!["szel".to_owned(), "szelz".to_owned(), "szo".to_owned()]),
            ],
        };
        let w = |s: &str| query_words(s);
        assert_eq!(index.shard_paths(&w("haboru")), vec!["search/ha.json"]);
        assert_eq!(index.shard_paths(&w("szabad haboru")), vec!["search/sz.1.json", "search/ha.json"]);
        // "szel" as a prefix spans the parts starting at "szel" and "szelz".
        assert_eq!(
            index.shard_paths(&w("haboru szel")),
            vec!["search/ha.json", "search/sz.2.json", "search/sz.3.json"]
        );
        assert_eq!(index.shard_paths(&w("szel haboru")), vec!["search/sz.2.json", "search/ha.json"]);
        assert_eq!(index.shard_paths(&w("szoba")), vec!["search/sz.4.json"]);
        // "sze" would span three parts: matched as a whole word only.
        assert!(!index.prefix_last(&w("sze")));
        assert_eq!(index.shard_paths(&w("sze")), vec!["search/sz.1.json"]);
        assert!(index.prefix_last(&w("haboru szel")));
        // A group without words needs no request.
        assert!(index.shard_paths(&w("xylofon")).is_empty());
        assert_eq!(index.chunk_of(31), 0);
        assert_eq!(index.chunk_of(32), 1);
    }
}
