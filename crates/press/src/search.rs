//! The search index of docs/CONTENT.md §2.1: shards of folded words, each at most
//! [`SHARD_BUDGET`] bytes, and a doc table in chunks of [`DOC_CHUNK`] articles.
//!
//! Size bound: a shard part is cut before it would pass `SHARD_BUDGET` bytes of JSON, and gzip
//! never makes JSON bigger than that plus a few header bytes, so every shard stays under 30 KB
//! gzip at any archive size; more words only mean more parts. A word keeps the ids of its newest
//! [`MAX_POSTINGS`] articles (a delta of at most seven digits each, so one word is at most a few
//! kilobytes and always fits). Doc-table entries are cut to a title of [`TITLE_MAX`] and a lead
//! of [`LEAD_MAX`] characters, so a chunk of 32 stays far below 30 KB.

use std::collections::{BTreeMap, HashMap, HashSet};

use model::search::{self, SearchDoc, SearchIndex};
use model::{api_path, slug::fold_words};

use crate::source::Corpus;

/// Ids kept per word: the newest articles containing it.
pub const MAX_POSTINGS: usize = 500;
/// Largest shard file, in bytes of JSON.
pub const SHARD_BUDGET: usize = 30_000;
/// Articles per doc-table file.
pub const DOC_CHUNK: u32 = 32;
/// Longest title and lead excerpt in the doc table, in characters.
pub const TITLE_MAX: usize = 160;
pub const LEAD_MAX: usize = 120;

/// Every file under `search/`, rendered.
pub struct SearchFiles {
    files: BTreeMap<String, Vec<u8>>,
}

impl SearchFiles {
    pub fn build(corpus: &Corpus) -> Self {
        let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
        let mut seen: HashSet<String> = HashSet::new();
        for (i, loaded) in corpus.articles.iter().enumerate() {
            let a = &loaded.article;
            seen.clear();
            let words = fold_words(&a.title)
                .into_iter()
                .chain(fold_words(&a.lead))
                .chain(a.tags.iter().flat_map(|t| fold_words(&t.name)));
            for w in words {
                if search::indexed(&w) && seen.insert(w.clone()) {
                    let ids = postings.entry(w).or_default();
                    // Articles come newest first: the first MAX_POSTINGS are the newest.
                    if ids.len() < MAX_POSTINGS {
                        ids.push(i as u32);
                    }
                }
            }
        }
        let mut by_group: BTreeMap<String, Vec<(String, Vec<u32>)>> = BTreeMap::new();
        for (w, ids) in postings {
            by_group.entry(search::group(&w).to_owned()).or_default().push((w, ids));
        }

        let mut files = BTreeMap::new();
        let mut groups = BTreeMap::new();
        for (g, mut words) in by_group {
            words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let parts = pack(&words);
            let splits: Vec<String> = parts[1..].iter().map(|p| words[p.start].0.clone()).collect();
            for (n, range) in parts.iter().enumerate() {
                files.insert(api_path::search_shard(&g, n, parts.len()), shard_json(&words[range.clone()]));
            }
            groups.insert(g, splits);
        }

        let docs: Vec<SearchDoc> = corpus
            .articles
            .iter()
            .map(|l| SearchDoc {
                title: shorten(&l.article.title, TITLE_MAX),
                path: l.article.path.clone(),
                section: l.article.section.name.clone(),
                lead: shorten(&l.article.lead, LEAD_MAX),
            })
            .collect();
        for (c, chunk) in docs.chunks(DOC_CHUNK as usize).enumerate() {
            files.insert(api_path::search_docs(c as u32), serde_json::to_vec(chunk).expect("plain JSON"));
        }
        let index = SearchIndex { docs: docs.len() as u32, chunk: DOC_CHUNK, groups };
        files.insert(api_path::SEARCH_INDEX.to_owned(), serde_json::to_vec(&index).expect("plain JSON"));
        SearchFiles { files }
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// `(content path, JSON)` of every file, sorted by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))
    }
}

/// `"word":[deltas]` as it appears in a shard.
fn entry_json(word: &str, ids: &[u32]) -> String {
    let deltas = search::encode(ids);
    format!("{}:{}", serde_json::to_string(word).expect("plain JSON"), serde_json::to_string(&deltas).expect("plain JSON"))
}

fn shard_json(words: &[(String, Vec<u32>)]) -> Vec<u8> {
    let mut out = String::from("{");
    for (i, (w, ids)) in words.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&entry_json(w, ids));
    }
    out.push('}');
    out.into_bytes()
}

/// Splits sorted words into consecutive parts whose shard JSON fits `SHARD_BUDGET`.
fn pack(words: &[(String, Vec<u32>)]) -> Vec<std::ops::Range<usize>> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut size = 2; // the braces
    for (i, (w, ids)) in words.iter().enumerate() {
        let len = entry_json(w, ids).len() + usize::from(i > start);
        if i > start && size + len > SHARD_BUDGET {
            parts.push(start..i);
            start = i;
            size = 2 + entry_json(w, ids).len();
        } else {
            size += len;
        }
    }
    parts.push(start..words.len());
    parts
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
    fn packing_respects_the_budget_and_keeps_every_word() {
        let words: Vec<(String, Vec<u32>)> =
            (0..5000).map(|i| (format!("sz{i:05}"), (0..(i % 40) as u32).map(|k| k * 997 + i as u32).collect())).collect();
        let parts = pack(&words);
        assert!(parts.len() > 1);
        let mut covered = 0;
        for p in &parts {
            assert_eq!(p.start, covered);
            covered = p.end;
            let json = shard_json(&words[p.clone()]);
            assert!(json.len() <= SHARD_BUDGET, "{}", json.len());
            let parsed: model::search::Shard = serde_json::from_slice(&json).unwrap();
            assert_eq!(parsed.len(), p.len());
        }
        assert_eq!(covered, words.len());
    }
}
