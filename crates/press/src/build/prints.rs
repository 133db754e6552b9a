//! Which article documents a rebuild may keep without rendering them (docs/adr/0022).
//!
//! An article's JSON is made of three things: the loaded article without its body, its body's
//! bytes, and the summaries of its related articles. Those are ranked from the lists of the
//! article's tags alone, so the lists' prints ([`tag_print`]) stand for them: a kept file's
//! related articles are not even ranked. A rebuild records a fingerprint of the three per
//! article file, with the file's stamp once it is in place (`.<dist>.article-prints`,
//! beside the deployed folder like the parse cache); the next rebuild keeps a file whose
//! fingerprint is the same and whose stamp is the recorded one, without reading its body,
//! splicing its summaries or comparing it with the old file. The stamp (size, inode, times)
//! makes a file that anything else wrote since, a hand or a build into another folder that
//! shares the record, count as changed.
//!
//! The body enters by where it lies, not by its bytes: a parse-cache body is appended once to
//! a named file and never written again (docs/adr/0021), so its file, offset and length name
//! its bytes. A body in a temporary store has no such name, and its article is rendered.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use crate::stamp::{feed, hex};

/// The record of one build's article fingerprints, and the next one being made.
pub struct ArticlePrints {
    /// The hash every fingerprint starts from (the press binary); `None`: nothing is kept or
    /// recorded.
    shared: Option<Sha256>,
    /// By file: its fingerprint and its stamp.
    previous: HashMap<String, (String, String)>,
    /// The folder the files are kept in.
    out: PathBuf,
    /// By file: its fingerprint and its stamp before this build (`None`: not there).
    next: Mutex<Vec<(String, String, Option<String>)>>,
}

impl ArticlePrints {
    /// Nothing kept, nothing recorded (a check, a render into memory).
    pub fn none() -> Self {
        ArticlePrints { shared: None, previous: HashMap::new(), out: PathBuf::new(), next: Mutex::new(Vec::new()) }
    }

    /// The last build's record at `record` for the tree at `out`. A missing or damaged record
    /// keeps nothing.
    pub fn read(record: &Path, out: &Path) -> Self {
        let shared = crate::stamp::binary_identity().map(|binary| {
            let mut h = Sha256::new();
            feed(&mut h, b"article-prints 2");
            feed(&mut h, &binary);
            h
        });
        let text = std::fs::read_to_string(record).unwrap_or_default();
        let previous = text
            .lines()
            .filter_map(|line| {
                let mut fields = line.splitn(3, ' ');
                let (print, stamp, file) = (fields.next()?, fields.next()?, fields.next()?);
                Some((file.to_owned(), (print.to_owned(), stamp.to_owned())))
            })
            .collect();
        ArticlePrints { shared, previous, out: out.to_owned(), next: Mutex::new(Vec::new()) }
    }

    /// Whether fingerprints are made at all (else the summaries need no hashing).
    pub fn active(&self) -> bool {
        self.shared.is_some()
    }

    /// The fingerprint of the article file `file` made of `article` (its JSON without body
    /// and related articles), the body at `body` (see the module documentation) and the
    /// lists its related articles are drawn from, whose prints are `related` ([`tag_print`]);
    /// `None` when it cannot be made.
    pub fn of<'a>(
        &self,
        file: &str,
        article: &[u8],
        body: Option<(&str, u64, usize)>,
        related: impl Iterator<Item = &'a [u8; 32]>,
    ) -> Option<String> {
        let mut h = self.shared.clone()?;
        let (store, offset, len) = body?;
        feed(&mut h, file.as_bytes());
        feed(&mut h, article);
        feed(&mut h, store.as_bytes());
        feed(&mut h, format!("{offset} {len}").as_bytes());
        for r in related {
            feed(&mut h, r);
        }
        Some(hex(&h.finalize()))
    }

    /// The fingerprint of the list document `file` whose JSON without its items is `shape` and
    /// whose items' summaries have the hashes `items`.
    pub fn of_list<'a>(&self, file: &str, shape: &[u8], items: impl Iterator<Item = &'a [u8; 32]>) -> Option<String> {
        let mut h = self.shared.clone()?;
        feed(&mut h, b"list");
        feed(&mut h, file.as_bytes());
        feed(&mut h, shape);
        for item in items {
            feed(&mut h, item);
        }
        Some(hex(&h.finalize()))
    }

    /// Notes `print` as `file`'s fingerprint in the next record, and says whether the last
    /// build wrote the file from the same inputs and it is still the file it wrote.
    pub fn keep(&self, file: &str, print: String) -> bool {
        let stamp = crate::stamp::stamp(&self.out.join(file));
        let same = match (self.previous.get(file), &stamp) {
            (Some((p, s)), Some(stamp)) => *p == print && s == stamp,
            _ => false,
        };
        if let Ok(mut next) = self.next.lock() {
            next.push((file.to_owned(), print, stamp));
        }
        same
    }

    /// The next record, sorted by file, once the tree is in place: `written` are the files
    /// this build wrote (stamped again); `None` when nothing is recorded.
    pub fn record(&self, written: &[String]) -> Option<Recorded> {
        self.shared.as_ref()?;
        let written: std::collections::HashSet<&str> = written.iter().map(String::as_str).collect();
        let mut next = std::mem::take(&mut *self.next.lock().ok()?);
        next.sort_unstable();
        let mut out = String::with_capacity(next.len() * 200);
        let mut stamps = HashMap::with_capacity(next.len());
        for (file, print, stamp) in next {
            let stamp =
                if written.contains(file.as_str()) { crate::stamp::stamp(&self.out.join(&file)) } else { stamp };
            // A file without a stamp is not there: nothing to keep next time.
            let Some(stamp) = stamp else { continue };
            out.push_str(&print);
            out.push(' ');
            out.push_str(&stamp);
            out.push(' ');
            out.push_str(&file);
            out.push('\n');
            stamps.insert(file, stamp);
        }
        Some(Recorded { bytes: out.into_bytes(), stamps })
    }
}

/// A build's record of prints, and what it learnt making it.
pub struct Recorded {
    pub bytes: Vec<u8>,
    /// The stamp of every file with a print (articles and lists), as the tree now has it.
    pub stamps: HashMap<String, String>,
}

/// The hash of one summary's JSON, as [`ArticlePrints::of`] takes it.
pub fn summary_hash(json: &str) -> [u8; 32] {
    Sha256::digest(json.as_bytes()).into()
}

/// The print of a list of articles (a tag's, newest first): its members' summary hashes, in
/// order. An article's related articles are ranked from its tags' lists alone (their members,
/// order, publication times, slugs and paths, all in the summaries), so the prints of its tags'
/// lists decide them and their summaries without their being ranked.
pub fn tag_print<'a>(summaries: impl Iterator<Item = &'a [u8; 32]>) -> [u8; 32] {
    let mut h = Sha256::new();
    for s in summaries {
        h.update(s);
    }
    h.finalize().into()
}
