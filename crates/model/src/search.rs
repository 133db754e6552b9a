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
//!   `i / chunk` at position `i % chunk`. Ids count from the newest article (0).
//!
//! The app loads the manifest, then only the shards its query words fall in, intersects the
//! postings ([`matches`]) and loads only the doc chunks of the results it shows.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Shortest indexed word, in folded characters.
pub const MIN_WORD: usize = 3;

/// The last word is matched as a prefix only while its words fit in this many shard parts: a
/// short prefix of a common group ("sze") would otherwise load the whole group.
pub const MAX_PREFIX_PARTS: usize = 2;

/// Folded words too common to mean anything alone (sorted, for binary search). Shorter words
/// than `MIN_WORD` are dropped anyway.
const STOP_WORDS: [&str; 54] = [
    "ahol", "aki", "akkor", "alatt", "altal", "amely", "amelyek", "ami", "amikor", "amit", "annak",
    "arra", "azert", "azok", "azonban", "azt", "csak", "egy", "egyik", "ennek", "erre", "ezek", "ezert",
    "ezt", "hanem", "hogy", "igy", "illetve", "kell", "lehet", "lesz", "lett", "majd", "mar", "meg",
    "mely", "mert", "miatt", "minden", "mint", "most", "nem", "nincs", "ott", "pedig", "sem", "soran",
    "szerint", "tobb", "utan", "vagy", "van", "vannak", "volt",
];

/// `search/index.json`: what the app needs to know which files to load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchIndex {
    /// Articles in the doc table.
    pub docs: u32,
    /// Entries per doc-table file.
    pub chunk: u32,
    /// Every group that has words, with the first word of each of its parts after the first
    /// (empty when the group fits in one file).
    pub groups: BTreeMap<String, Vec<String>>,
}

/// One shard file: folded word → article ids, ascending (newest first), delta-encoded: the first
/// id as is, then each id minus the one before.
pub type Shard = BTreeMap<String, Vec<u32>>;

/// One entry of the doc table: what a result card shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchDoc {
    #[serde(rename = "t")]
    pub title: String,
    /// Site path `/<section>/<yyyy>/<mm>/<dd>/<slug>`: the section slug and the date come from it.
    #[serde(rename = "p")]
    pub path: String,
    /// The section's display name.
    #[serde(rename = "s")]
    pub section: String,
    /// The lead, shortened.
    #[serde(rename = "l")]
    pub lead: String,
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
        let Some(splits) = self.groups.get(g) else { return Vec::new() };
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
            for (word, deltas) in shard.range::<str, _>((std::ops::Bound::Included(w.as_str()), std::ops::Bound::Unbounded)) {
                if word == w || (prefix && word.starts_with(w.as_str())) {
                    ids.extend(decode(deltas));
                } else {
                    break;
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        result = Some(match result {
            None => ids,
            Some(prev) => prev.into_iter().filter(|id| ids.binary_search(id).is_ok()).collect(),
        });
    }
    result.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn deltas_round_trip() {
        let ids = [0, 3, 4, 90, 1000];
        assert_eq!(encode(&ids), vec![0, 3, 1, 86, 910]);
        assert_eq!(decode(&encode(&ids)), ids);
    }

    fn shard(entries: &[(&str, &[u32])]) -> Shard {
        entries.iter().map(|(w, ids)| ((*w).to_owned(), encode(ids))).collect()
    }

    #[test]
    fn intersects_words_and_matches_the_last_as_prefix() {
        let ha = shard(&[("habor", &[9]), ("haboru", &[1, 5, 7]), ("haborus", &[2, 7]), ("haj", &[1])]);
        let bu = shard(&[("budapest", &[2, 5, 7, 8])]);
        let w = |s: &str| query_words(s);
        assert_eq!(matches(std::slice::from_ref(&ha), &w("haboru"), true), vec![1, 2, 5, 7]);
        assert_eq!(matches(std::slice::from_ref(&ha), &w("habor"), true), vec![1, 2, 5, 7, 9]);
        assert_eq!(matches(&[ha.clone(), bu.clone()], &w("háború budapest"), true), vec![5, 7]);
        assert_eq!(matches(&[bu.clone(), ha.clone()], &w("budapest habor"), true), vec![2, 5, 7]);
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
            groups: [
                ("ha".to_owned(), vec![]),
                ("sz".to_owned(), vec!["szel".to_owned(), "szelz".to_owned(), "szo".to_owned()]),
            ]
            .into_iter()
            .collect(),
        };
        let w = |s: &str| query_words(s);
        assert_eq!(index.shard_paths(&w("haboru")), vec!["search/ha.json"]);
        assert_eq!(index.shard_paths(&w("szabad haboru")), vec!["search/sz.1.json", "search/ha.json"]);
        // "szel" as a prefix spans the parts starting at "szel" and "szelz".
        assert_eq!(index.shard_paths(&w("haboru szel")), vec!["search/ha.json", "search/sz.2.json", "search/sz.3.json"]);
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
