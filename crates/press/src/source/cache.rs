//! The parse cache (docs/adr/0021): an article whose source and images have the stamps they had
//! when it was last parsed comes back from the cache, without its Markdown being read.
//!
//! Beside the output folder, never inside anything deployed (like adr/0015's records):
//! - `.<out>.parse-cache`: a header (format, context fingerprint, bodies file, its length, the
//!   checksum of the entries), then one line per article: `[file, stamp, offset, length, entry]`;
//! - `.<out>.parse-cache-<id>.bodies`: the bodies' JSON, append-only; a new one (compacted)
//!   when more than half of it is no entry's body any more;
//! - `.<out>.parse-cache.lock`: held by the one run that may write the cache. Another run at the
//!   same time reads the cache but writes nothing and parks its new bodies in a temporary file.
//!
//! The context fingerprint (press binary, the content and public folders' names, site.toml,
//! every file of authors/, how photos are treated) throws the whole cache away when it
//! changes. An entry holds what a parse found before time decides anything: whether the
//! article is published or scheduled is decided on every load from its `published` time.
//! A missing, truncated or corrupt cache is no cache: the articles are parsed.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use model::Article;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use super::corpus::{LoadedArticle, PhotoMode};
use super::spill::{BodyStore, SpilledBody};
use crate::error::Diagnostic;
use crate::images::Dep;
use crate::stamp::{feed, hex};

/// The first line of an index; a press that writes another format changes it.
const MAGIC: &str = "hirlap-parse-cache 1";

/// What a parse found in one source that has no error, before time decides anything.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Entry {
    /// Marked `draft = true`.
    pub draft: bool,
    /// Its article: no body (that is in the bodies file), the author by slug only.
    pub article: Article,
    pub aliases: Vec<String>,
    pub identity: String,
    /// Its warnings: `(line, column, message)` in this file.
    pub warnings: Vec<(Option<usize>, Option<usize>, String)>,
    /// The image files it read, with their stamps.
    pub deps: Vec<Dep>,
}

impl Entry {
    /// The entry of a parse, when it can be kept: warnings only, and an article that comes back
    /// from JSON exactly as it is (anything less would make a hit differ from a parse).
    pub fn of(draft: bool, a: &LoadedArticle, diags: &[Diagnostic], deps: Vec<Dep>) -> Option<Vec<u8>> {
        if diags.iter().any(|d| d.is_error() || d.file != a.file) {
            return None;
        }
        let mut article = a.article.clone();
        article.body = Vec::new();
        article.author = model::Author { slug: article.author.slug.clone(), ..Default::default() };
        let entry = Entry {
            draft,
            article,
            aliases: a.aliases.clone(),
            identity: a.identity.clone(),
            warnings: diags.iter().map(|d| (d.line, d.col, d.message.clone())).collect(),
            deps,
        };
        let json = serde_json::to_vec(&entry).ok()?;
        let back: Entry = serde_json::from_slice(&json).ok()?;
        (back.article == entry.article).then_some(json)
    }

    /// The warnings as diagnostics of `file`.
    pub fn diagnostics(&self, file: &Path) -> Vec<Diagnostic> {
        self.warnings
            .iter()
            .map(|(line, col, message)| {
                let mut d = Diagnostic::warning(file, message.clone());
                d.line = *line;
                d.col = *col;
                d
            })
            .collect()
    }

    /// Whether every image file it read still has its stamp.
    fn deps_hold(&self) -> bool {
        self.deps.iter().all(|(path, stamp)| crate::stamp::stamp(path).as_deref() == Some(stamp.as_str()))
    }
}

/// One line of the index to write: an entry kept from the last index, or a new one.
pub(super) struct Line {
    file: String,
    stamp: String,
    body: (u64, usize),
    entry: LineEntry,
}

enum LineEntry {
    /// Bytes `start..end` of the old index's text.
    Kept(std::ops::Range<usize>),
    New(Vec<u8>),
}

/// One old index line, by file.
struct Old {
    stamp: String,
    body: (u64, usize),
    entry: std::ops::Range<usize>,
}

/// A hit: the entry, its body in the store and the line that keeps it.
pub(super) struct Hit {
    pub entry: Entry,
    pub body: SpilledBody,
    pub line: Line,
}

/// A load's cache: the last index read, the bodies it points into, and where this run's new
/// bodies go.
pub struct ParseCache {
    index: PathBuf,
    context: String,
    text: String,
    old: HashMap<String, Old>,
    /// The last index's bodies, when it is usable.
    old_store: Option<Arc<BodyStore>>,
    old_bodies: Option<String>,
    /// Where new bodies go: the old bodies file (appended to), a new one, or a temporary file
    /// (a run that may not write the cache).
    store: Arc<BodyStore>,
    /// The new bodies file's name, when this run made one (removed unless committed).
    fresh: Option<String>,
    /// Held while this run may write the cache.
    lock: Option<File>,
    committed: bool,
}

impl ParseCache {
    /// The cache at `index` for sources in `content` and `public`: the last index when it is
    /// whole and its context is this one, else an empty cache. `None` when no cache can be kept
    /// at all (the press binary cannot be read, no body file can be made): then the load parses
    /// everything as without a cache.
    pub fn open(index: &Path, content: &Path, public: &Path, photos: PhotoMode) -> Option<ParseCache> {
        let context = context(content, public, photos)?;
        let lock = lock(index);
        let mut cache = ParseCache {
            index: index.to_owned(),
            context,
            text: String::new(),
            old: HashMap::new(),
            old_store: None,
            old_bodies: None,
            store: Arc::new(BodyStore::new().ok()?),
            fresh: None,
            lock,
            committed: false,
        };
        let live = cache.read_old();
        let writer = cache.lock.is_some();
        match (&cache.old_store, writer) {
            // Appended to while at least half of it is live bodies; else compacted into a new
            // one (each hit's body is copied there).
            (Some(old), true) if old.len() <= live.saturating_mul(2) => cache.store = old.clone(),
            (_, true) => {
                let name = format!(
                    "{}-{:x}-{}.bodies",
                    file_name(index),
                    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()),
                    std::process::id()
                );
                match BodyStore::open(&index.with_file_name(&name)) {
                    Ok(store) => {
                        cache.store = Arc::new(store);
                        cache.fresh = Some(name);
                    }
                    Err(_) => cache.lock = None,
                }
            }
            (_, false) => {}
        }
        Some(cache)
    }

    /// Reads the last index (nothing when it is missing, broken or of another context);
    /// returns the length of the bodies its entries point at.
    fn read_old(&mut self) -> u64 {
        let Ok(text) = std::fs::read_to_string(&self.index) else { return 0 };
        let mut header = text.splitn(6, '\n');
        let mut field = |name: &str| header.next().and_then(|l| l.strip_prefix(name)).map(str::to_owned);
        let (Some(_), Some(context), Some(bodies), Some(length), Some(sum)) =
            (field(MAGIC), field("context "), field("bodies "), field("length "), field("checksum "))
        else {
            return 0;
        };
        let Some(rest) = header.next() else { return 0 };
        if context != self.context || hex(&Sha256::digest(rest.as_bytes())) != sum || bodies.contains('/') {
            return 0;
        }
        let Ok(length) = length.parse::<u64>() else { return 0 };
        let Ok(store) = BodyStore::open_existing(&self.index.with_file_name(&bodies), self.lock.is_some()) else {
            return 0;
        };
        if store.len() < length {
            return 0; // truncated
        }
        let mut old = HashMap::new();
        let mut live = 0;
        for line in rest.lines() {
            let parsed: Result<(String, String, u64, usize, &RawValue), _> = serde_json::from_str(line);
            let Ok((file, stamp, offset, len, entry)) = parsed else { return 0 };
            if offset + len as u64 > length {
                return 0;
            }
            let at = entry.get().as_ptr() as usize - text.as_ptr() as usize;
            live += len as u64;
            old.insert(file, Old { stamp, body: (offset, len), entry: at..at + entry.get().len() });
        }
        self.old = old;
        self.old_store = Some(Arc::new(store));
        self.old_bodies = Some(bodies);
        self.text = text;
        live
    }

    /// Where new bodies go.
    pub(super) fn store(&self) -> &Arc<BodyStore> {
        &self.store
    }

    /// The entry of `file` when it was stored with `stamp` and the images it read are the same.
    pub(super) fn hit(&self, file: &Path, stamp: &str) -> Option<Hit> {
        let key = file.to_str()?;
        let old = self.old.get(key).filter(|o| o.stamp == stamp)?;
        let entry: Entry = serde_json::from_str(&self.text[old.entry.clone()]).ok()?;
        if !entry.deps_hold() {
            return None;
        }
        let from = self.old_store.as_ref()?;
        let (body, place) = if Arc::ptr_eq(from, &self.store) || self.lock.is_none() {
            (from.at(old.body.0, old.body.1), old.body)
        } else {
            // Compacting: the body moves into the new bodies file.
            let moved = self.store.put(&from.at(old.body.0, old.body.1).json().ok()?).ok()?;
            let place = moved.place();
            (moved, place)
        };
        let line = Line {
            file: key.to_owned(),
            stamp: stamp.to_owned(),
            body: place,
            entry: LineEntry::Kept(old.entry.clone()),
        };
        Some(Hit { entry, body, line })
    }

    /// The line for a parsed article whose body went to [`ParseCache::store`] at `body`.
    pub(super) fn line(file: &Path, stamp: String, body: (u64, usize), entry: Vec<u8>) -> Option<Line> {
        Some(Line { file: file.to_str()?.to_owned(), stamp, body, entry: LineEntry::New(entry) })
    }

    /// After a successful load: writes the index of `lines` (one rename) when it differs from
    /// the last one and this run may write the cache. A failure leaves the last index (or none).
    pub(super) fn commit(&mut self, lines: &[Line]) {
        if self.lock.is_none() {
            return;
        }
        let same = self.fresh.is_none()
            && lines.len() == self.old.len()
            && lines.iter().all(|l| matches!(l.entry, LineEntry::Kept(_)));
        if same {
            return;
        }
        if self.write(lines).is_ok() {
            self.committed = true;
            self.remove_other_bodies();
        }
    }

    fn write(&self, lines: &[Line]) -> io::Result<()> {
        let bodies = match (&self.fresh, &self.old_bodies) {
            (Some(name), _) | (None, Some(name)) => name.clone(),
            (None, None) => return Err(io::Error::other("no bodies file")),
        };
        let mut rest = Vec::with_capacity(self.text.len() + 4096);
        for l in lines {
            let entry = match &l.entry {
                LineEntry::Kept(range) => self.text[range.clone()].as_bytes(),
                LineEntry::New(bytes) => bytes.as_slice(),
            };
            rest.push(b'[');
            serde_json::to_writer(&mut rest, &l.file).map_err(io::Error::other)?;
            rest.push(b',');
            serde_json::to_writer(&mut rest, &l.stamp).map_err(io::Error::other)?;
            rest.extend_from_slice(format!(",{},{},", l.body.0, l.body.1).as_bytes());
            rest.extend_from_slice(entry);
            rest.extend_from_slice(b"]\n");
        }
        self.store.sync()?;
        let header = format!(
            "{MAGIC}\ncontext {}\nbodies {bodies}\nlength {}\nchecksum {}\n",
            self.context,
            self.store.len(),
            hex(&Sha256::digest(&rest))
        );
        let mut tmp = self.index.clone().into_os_string();
        tmp.push(format!(".tmp-{}", std::process::id()));
        let tmp = PathBuf::from(tmp);
        let written = (|| {
            let mut f = File::create(&tmp)?;
            f.write_all(header.as_bytes())?;
            f.write_all(&rest)?;
            f.sync_data()?;
            std::fs::rename(&tmp, &self.index)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
    }

    /// Bodies files no index names any more (an old one after compaction, one a killed run
    /// left). A run still reading one has it open, which keeps its bytes.
    fn remove_other_bodies(&self) {
        let keep = self.fresh.as_ref().or(self.old_bodies.as_ref());
        let prefix = format!("{}-", file_name(&self.index));
        let dir = match self.index.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        let Ok(entries) = std::fs::read_dir(&dir) else { return };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(&prefix) && name.ends_with(".bodies") && Some(&name) != keep {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

impl Drop for ParseCache {
    fn drop(&mut self) {
        if let (Some(name), false) = (&self.fresh, self.committed) {
            let _ = std::fs::remove_file(self.index.with_file_name(name));
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The lock that makes this run the cache's one writer, when no other run holds it.
fn lock(index: &Path) -> Option<File> {
    let mut path = index.to_owned().into_os_string();
    path.push(".lock");
    let file = File::options().read(true).write(true).create(true).truncate(false).open(PathBuf::from(path)).ok()?;
    file.try_lock().ok()?;
    Some(file)
}

/// What every entry depends on besides its own source and images.
fn context(content: &Path, public: &Path, photos: PhotoMode) -> Option<String> {
    let mut h = Sha256::new();
    feed(&mut h, MAGIC.as_bytes());
    feed(&mut h, &crate::stamp::binary_identity()?);
    feed(&mut h, content.as_os_str().as_encoded_bytes());
    feed(&mut h, public.as_os_str().as_encoded_bytes());
    feed(&mut h, format!("{photos:?}").as_bytes());
    let site = crate::stamp::stamp(&content.join("site.toml")).unwrap_or_default();
    feed(&mut h, site.as_bytes());
    let authors = content.join("authors");
    if authors.exists() {
        for entry in walkdir::WalkDir::new(&authors).follow_links(true).min_depth(1).sort_by_file_name() {
            let entry = entry.ok()?;
            feed(&mut h, entry.path().as_os_str().as_encoded_bytes());
            feed(&mut h, crate::stamp::stamp_of(&entry.metadata().ok()?).as_bytes());
        }
    }
    Some(hex(&h.finalize()))
}
