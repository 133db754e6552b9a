//! The search index of docs/CONTENT.md §2.1: shards of folded words, each at most
//! [`SHARD_BUDGET`] bytes, and a doc table in chunks of [`DOC_CHUNK`] articles.
//!
//! Size bound: a shard part is cut before it would pass `SHARD_BUDGET` bytes of JSON, and gzip
//! never makes JSON bigger than that plus a few header bytes, so every shard stays under 30 KB
//! gzip at any archive size; more words only mean more parts. A word keeps the ids of its newest
//! [`MAX_POSTINGS`] articles (a delta of at most seven digits each, so one word is at most a few
//! kilobytes and always fits). Doc-table entries are cut to a title of [`TITLE_MAX`] and a lead
//! of [`LEAD_MAX`] characters, so a chunk of 32 stays far below 30 KB.

use std::collections::BTreeMap;

pub use model::search::shorten;
use model::search::{self, SearchDoc, SearchIndex};
use model::{api_path, slug::fold_char, Article};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Ids kept per word: the newest articles containing it.
pub const MAX_POSTINGS: usize = 500;
/// Largest shard file, in bytes of JSON.
pub const SHARD_BUDGET: usize = 30_000;
/// Articles per doc-table file.
pub const DOC_CHUNK: u32 = 32;
/// Longest title and lead excerpt in the doc table, in characters.
pub const TITLE_MAX: usize = 160;
pub const LEAD_MAX: usize = 120;

/// A word and the ids of the articles containing it.
type Posting = (Box<str>, Vec<u32>);

/// A group of words: its name, the first word of each of its shards but the first, and the
/// shards as `(path, JSON)`.
type GroupFiles = (String, Vec<String>, Vec<(String, Vec<u8>)>);

/// Every file under `search/`, rendered.
pub struct SearchFiles {
    files: BTreeMap<String, Vec<u8>>,
}

impl SearchFiles {
    /// From the articles, newest first; ids count from the oldest (`model::search`).
    pub fn build(articles: &[&Article]) -> Self {
        let postings = postings(articles);
        let mut by_group: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
        for (w, mut ids) in postings {
            ids.reverse(); // ascending
            by_group.entry(search::group(&w).to_owned()).or_default().push((w, ids));
        }

        // Each group's shards are rendered on its own core, then gathered in the groups' order.
        let rendered: Vec<GroupFiles> = by_group
            .into_par_iter()
            .map(|(g, mut words)| {
                words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                let entries: Vec<String> = words.iter().map(|(w, ids)| entry_json(w, ids)).collect();
                let parts = pack(&entries);
                let splits: Vec<String> = parts[1..].iter().map(|p| words[p.start].0.to_string()).collect();
                let shards = parts
                    .iter()
                    .enumerate()
                    .map(|(n, range)| (api_path::search_shard(&g, n, parts.len()), shard_json(&entries[range.clone()])))
                    .collect();
                (g, splits, shards)
            })
            .collect();
        let mut files = BTreeMap::new();
        let mut groups = Vec::new();
        for (g, splits, shards) in rendered {
            files.extend(shards);
            groups.push((g, splits));
        }

        let docs: Vec<SearchDoc> = articles
            .iter()
            .rev()
            .map(|a| SearchDoc {
                title: shorten(&a.title, TITLE_MAX),
                path: a.path.clone(),
                section: a.section.name.clone(),
                lead: shorten(&a.lead, LEAD_MAX),
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

/// Word → the ids of the newest [`MAX_POSTINGS`] articles containing it, newest first. The
/// articles are cut into one run of consecutive articles per core; each run's words are
/// gathered on its own, then appended run after run (newest run first) up to the cap: the
/// same lists as one pass over all of them, whatever the number of threads.
fn postings(articles: &[&Article]) -> FxHashMap<Box<str>, Vec<u32>> {
    let oldest = articles.len() as u32;
    let run = articles.len().div_ceil(rayon::current_num_threads().max(1)).max(1);
    let mut runs: Vec<FxHashMap<Box<str>, Vec<u32>>> = articles
        .par_chunks(run)
        .enumerate()
        .map(|(r, part)| postings_of(part, oldest - 1 - (r * run) as u32))
        .collect();
    let mut all = if runs.is_empty() { FxHashMap::default() } else { runs.remove(0) };
    for older in runs {
        for (w, ids) in older {
            match all.get_mut(&w) {
                Some(newer) => {
                    let room = MAX_POSTINGS.saturating_sub(newer.len());
                    newer.extend(ids.into_iter().take(room));
                }
                None => {
                    all.insert(w, ids);
                }
            }
        }
    }
    all
}

/// [`postings`] of consecutive articles, newest first, the first of which has the id `first`.
fn postings_of(articles: &[&Article], first: u32) -> FxHashMap<Box<str>, Vec<u32>> {
    // Articles come newest first, so the first MAX_POSTINGS ids are the newest, and a word seen
    // twice in one article has that article's id last already. FxHash: the keys are short
    // words, where SipHash's DoS protection buys nothing; the order it leaves them in never
    // reaches the files (each shard is sorted by word).
    let mut postings: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
    let mut word = String::new();
    for (i, a) in articles.iter().enumerate() {
        let i = first - i as u32;
        let texts = [a.title.as_str(), a.lead.as_str()].into_iter().chain(a.tags.iter().map(|t| t.name.as_str()));
        for text in texts {
            for_each_word(text, &mut word, |w| {
                if !search::indexed(w) {
                    return;
                }
                match postings.get_mut(w) {
                    Some(ids) => {
                        if ids.len() < MAX_POSTINGS && ids.last() != Some(&i) {
                            ids.push(i);
                        }
                    }
                    None => {
                        postings.insert(w.into(), vec![i]);
                    }
                }
            });
        }
    }
    postings
}

/// Calls `f` with each folded word of `text`, exactly the words of `slug::fold_words`, without
/// allocating one string per word.
fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    buf.clear();
    for c in text.chars() {
        match fold_char(c) {
            Some(folded) => buf.push(folded),
            None if !buf.is_empty() => {
                f(buf);
                buf.clear();
            }
            None => {}
        }
    }
    if !buf.is_empty() {
        f(buf);
    }
}

/// `"word":[deltas]` as it appears in a shard (folded words need no escaping).
fn entry_json(word: &str, ids: &[u32]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(word.len() + 4 + ids.len() * 4);
    out.push('"');
    out.push_str(word);
    out.push_str("\":[");
    let mut prev = 0;
    for (k, &id) in ids.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}", id - prev);
        prev = id;
    }
    out.push(']');
    out
}

fn shard_json(entries: &[String]) -> Vec<u8> {
    let mut out = String::with_capacity(entries.iter().map(|e| e.len() + 1).sum::<usize>() + 2);
    out.push('{');
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(e);
    }
    out.push('}');
    out.into_bytes()
}

/// Splits sorted entries into consecutive parts whose shard JSON fits `SHARD_BUDGET`.
fn pack(entries: &[String]) -> Vec<std::ops::Range<usize>> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut size = 2; // the braces
    for (i, e) in entries.iter().enumerate() {
        let len = e.len() + usize::from(i > start);
        if i > start && size + len > SHARD_BUDGET {
            parts.push(start..i);
            start = i;
            size = 2 + e.len();
        } else {
            size += len;
        }
    }
    parts.push(start..entries.len());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_those_of_fold_words() {
        for text in ["Orosz–ukrán háború, 2024: „béke”?", "", "  a  ", "ÁrvíztűrőTükörfúrógép", "x-y_z"]
        {
            let mut got = Vec::new();
            for_each_word(text, &mut String::new(), |w| got.push(w.to_owned()));
            assert_eq!(got, model::slug::fold_words(text), "{text}");
        }
    }

    #[test]
    fn entries_are_the_json_of_the_deltas() {
        let e = entry_json("haboru", &[3, 10, 11]);
        assert_eq!(e, r#""haboru":[3,7,1]"#);
        let parsed = model::search::parse_shard(&format!("{{{e}}}")).unwrap();
        assert_eq!(model::search::decode(&parsed[0].1), [3, 10, 11]);
    }

    #[test]
    fn packing_respects_the_budget_and_keeps_every_word() {
        let words: Vec<(String, Vec<u32>)> = (0..5000)
            .map(|i| (format!("sz{i:05}"), (0..(i % 40) as u32).map(|k| k * 997 + i as u32).collect()))
            .collect();
        let words: Vec<String> = words.iter().map(|(w, ids)| entry_json(w, ids)).collect();
        let parts = pack(&words);
        assert!(parts.len() > 1);
        let mut covered = 0;
        for p in &parts {
            assert_eq!(p.start, covered);
            covered = p.end;
            let json = shard_json(&words[p.clone()]);
            assert!(json.len() <= SHARD_BUDGET, "{}", json.len());
            let parsed = model::search::parse_shard(std::str::from_utf8(&json).unwrap()).unwrap();
            assert_eq!(parsed.len(), p.len());
        }
        assert_eq!(covered, words.len());
    }
}
