//! The parse cache (docs/adr/0021): an article whose source and images have the stamps they had
//! when it was last parsed comes back from the cache, without its Markdown being read.
//!
//! Beside the output folder, never inside anything deployed (like adr/0015's records):
//! - `.<out>.parse-cache`: a header (format, context fingerprint, bodies file), then segments of
//!   lines, each closed by a seal `= <bodies length> <checksum of the segment>`. A line is
//!   `[file, stamp, offset, length, entry]`, or `[file]` for a source that is gone; a later line
//!   of a file replaces an earlier one. A run appends one segment with what it parsed and what
//!   went away, instead of writing the whole index again (130 MB at 100,000 articles); the
//!   index is written anew, in one rename, when most of its lines are replaced ones. A segment
//!   without its seal (a run killed while appending, or one still appending while another run
//!   reads) is not there: readers stop at the last whole segment and the next writer cuts it;
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
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use model::Article;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use super::corpus::PhotoMode;
use super::loaded::LoadedArticle;
use super::spill::{BodyStore, SpilledBody};
use crate::error::Diagnostic;
use crate::images::Dep;
use crate::stamp::{feed, hex};

/// The first line of an index; a press that writes another format changes it.
const MAGIC: &str = "hirlap-parse-cache 2";

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
    /// Where the last index's whole segments end, and how many lines they hold.
    valid: usize,
    old_lines: usize,
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
            valid: 0,
            old_lines: 0,
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

    /// Reads the last index (nothing when it is missing, broken or of another context) up to its
    /// last whole segment; returns the length of the bodies its entries point at.
    fn read_old(&mut self) -> u64 {
        let Ok(text) = std::fs::read_to_string(&self.index) else { return 0 };
        let mut header = text.splitn(4, '\n');
        let mut field = |name: &str| header.next().and_then(|l| l.strip_prefix(name)).map(str::to_owned);
        let (Some(_), Some(context), Some(bodies)) = (field(MAGIC), field("context "), field("bodies ")) else {
            return 0;
        };
        let Some(rest) = header.next() else { return 0 };
        if context != self.context || bodies.contains('/') {
            return 0;
        }
        let Some(read) = read_segments(&text, text.len() - rest.len()) else { return 0 };
        let Ok(store) = BodyStore::open_existing(&self.index.with_file_name(&bodies), self.lock.is_some()) else {
            return 0;
        };
        if store.len() < read.length {
            return 0; // truncated
        }
        self.old = read.old;
        self.valid = read.valid;
        self.old_lines = read.lines;
        self.old_store = Some(Arc::new(store));
        self.old_bodies = Some(bodies);
        self.text = text;
        self.old.values().map(|o| o.body.1 as u64).sum()
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

    /// After a successful load: records `lines` when they differ from the last index and this
    /// run may write the cache, appending a segment or, when most of the index would be replaced
    /// lines, writing it anew. A failure leaves the last index (or none).
    pub(super) fn commit(&mut self, lines: &[Line]) {
        if self.lock.is_none() {
            return;
        }
        let new: Vec<&Line> = lines.iter().filter(|l| matches!(l.entry, LineEntry::New(_))).collect();
        let files: std::collections::HashSet<&str> = lines.iter().map(|l| l.file.as_str()).collect();
        let gone: Vec<&String> = self.old.keys().filter(|f| !files.contains(f.as_str())).collect();
        let appendable = self.fresh.is_none() && self.old_bodies.is_some();
        if appendable && new.is_empty() && gone.is_empty() {
            return;
        }
        let crowded = self.old_lines + new.len() + gone.len() > 2 * lines.len().max(1024);
        let written = if appendable && !crowded { self.append(&new, &gone) } else { self.write(lines) };
        if written.is_ok() {
            self.committed = true;
            self.remove_other_bodies();
        }
    }

    /// The bytes of one line.
    fn line_bytes(&self, l: &Line, out: &mut Vec<u8>) -> io::Result<()> {
        let entry = match &l.entry {
            LineEntry::Kept(range) => self.text[range.clone()].as_bytes(),
            LineEntry::New(bytes) => bytes.as_slice(),
        };
        out.push(b'[');
        serde_json::to_writer(&mut *out, &l.file).map_err(io::Error::other)?;
        out.push(b',');
        serde_json::to_writer(&mut *out, &l.stamp).map_err(io::Error::other)?;
        out.extend_from_slice(format!(",{},{},", l.body.0, l.body.1).as_bytes());
        out.extend_from_slice(entry);
        out.extend_from_slice(b"]\n");
        Ok(())
    }

    /// `segment` closed by its seal.
    fn sealed(&self, mut segment: Vec<u8>) -> Vec<u8> {
        let seal = format!("= {} {}\n", self.store.len(), hex(&Sha256::digest(&segment)));
        segment.extend_from_slice(seal.as_bytes());
        segment
    }

    /// Appends one segment: the lines of `new` and the files `gone`, after the last whole one
    /// (cutting what a killed run left after it).
    fn append(&self, new: &[&Line], gone: &[&String]) -> io::Result<()> {
        let mut segment = Vec::new();
        for l in new {
            self.line_bytes(l, &mut segment)?;
        }
        for file in gone {
            serde_json::to_writer(&mut segment, &(file,)).map_err(io::Error::other)?;
            segment.push(b'\n');
        }
        self.store.sync()?;
        let segment = self.sealed(segment);
        let mut f = File::options().write(true).open(&self.index)?;
        f.set_len(self.valid as u64)?;
        f.seek(io::SeekFrom::Start(self.valid as u64))?;
        f.write_all(&segment)?;
        f.sync_data()
    }

    fn write(&self, lines: &[Line]) -> io::Result<()> {
        let bodies = match (&self.fresh, &self.old_bodies) {
            (Some(name), _) | (None, Some(name)) => name.clone(),
            (None, None) => return Err(io::Error::other("no bodies file")),
        };
        let mut rest = Vec::with_capacity(self.text.len() + 4096);
        for l in lines {
            self.line_bytes(l, &mut rest)?;
        }
        self.store.sync()?;
        let rest = self.sealed(rest);
        let header = format!("{MAGIC}\ncontext {}\nbodies {bodies}\n", self.context);
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

/// The entries of an index's whole segments, from `start` (after the header) on.
struct Segments {
    old: HashMap<String, Old>,
    /// The bodies' length at the last seal.
    length: u64,
    /// Where the last whole segment ends.
    valid: usize,
    /// Lines in the whole segments.
    lines: usize,
}

/// Reads the segments of `text` from `start`, stopping at the first one that is not whole (no
/// seal, a seal that does not match, a line that does not read). `None` when none is.
fn read_segments(text: &str, start: usize) -> Option<Segments> {
    let mut read = Segments { old: HashMap::new(), length: 0, valid: 0, lines: 0 };
    let mut pending: Vec<(String, Option<Old>)> = Vec::new();
    let (mut at, mut segment) = (start, start);
    for line in text[start..].split_inclusive('\n') {
        let line_at = at;
        at += line.len();
        let Some(line) = line.strip_suffix('\n') else { break };
        if let Some(seal) = line.strip_prefix("= ") {
            let Some((length, sum)) = seal.split_once(' ') else { break };
            let Ok(length) = length.parse::<u64>() else { break };
            if hex(&Sha256::digest(&text.as_bytes()[segment..line_at])) != sum
                || pending.iter().any(|(_, o)| o.as_ref().is_some_and(|o| o.body.0 + o.body.1 as u64 > length))
            {
                break;
            }
            read.lines += pending.len();
            for (file, old) in pending.drain(..) {
                match old {
                    Some(old) => read.old.insert(file, old),
                    None => read.old.remove(&file),
                };
            }
            (read.length, read.valid, segment) = (length, at, at);
            continue;
        }
        let parsed: Result<(String, String, u64, usize, &RawValue), _> = serde_json::from_str(line);
        match parsed {
            Ok((file, stamp, offset, len, entry)) => {
                let from = entry.get().as_ptr() as usize - text.as_ptr() as usize;
                let entry = from..from + entry.get().len();
                pending.push((file, Some(Old { stamp, body: (offset, len), entry })));
            }
            Err(_) => match serde_json::from_str::<(String,)>(line) {
                Ok((file,)) => pending.push((file, None)),
                Err(_) => break,
            },
        }
    }
    (read.valid > 0).then_some(read)
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
