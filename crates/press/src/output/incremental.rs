//! `press build`'s writer: only the files whose bytes changed are staged and moved in (see the
//! module documentation of [`crate::output`]).

use std::collections::{BTreeSet, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::Mutex;

use super::listing::{remove_stale, Listing, Stamps};
use super::stage::{check_rel, Stage};

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files in the new tree.
    pub files: usize,
    /// Files written (new or changed).
    pub written: usize,
    /// Files left as they were (same bytes).
    pub unchanged: usize,
    /// Of those, the files kept without being rendered and compared ([`FileSink::keep`]).
    pub kept: usize,
    /// Files of the previous tree that the new one no longer has.
    pub removed: usize,
    /// The files written and removed, relative to the tree, sorted: what a deploy uploads and
    /// deletes. Empty for a first build (everything is new).
    pub changed_files: Vec<String>,
    pub removed_files: Vec<String>,
}

/// Which files of the folder the tree owns, i.e. may replace and remove.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// All of it (press build's `content/`).
    Whole,
    /// Only these top-level entries (press site's, in a `dist` that Trunk and press build write
    /// into too): the ones the previous run wrote, so its files that this run does not write
    /// are removed, and nothing else ever is.
    Entries(&'a BTreeSet<String>),
}

/// Rendered files in flight between the renderer and the writers.
const QUEUE: usize = 512;

/// Writer threads: file-system calls block in the kernel, so a few more than the cores help.
fn writers() -> usize {
    if let Some(n) = std::env::var("PRESS_WRITERS").ok().and_then(|v| v.parse::<usize>().ok()) {
        return n.clamp(1, 64);
    }
    std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 8)
}

/// Where `fill` puts the files of the new tree.
pub struct FileSink<'a> {
    tx: Option<SyncSender<(String, Vec<u8>)>>,
    failed: &'a AtomicBool,
    seen: HashSet<String>,
    /// Files kept without being written again ([`FileSink::keep`]).
    kept: usize,
}

impl FileSink<'_> {
    /// Queues one file at `rel` (a relative path without `..`). Fails at once for a path that
    /// escapes the tree or was already written, and as soon as a writer has failed.
    pub fn write(&mut self, rel: &str, bytes: Vec<u8>) -> io::Result<()> {
        check_rel(rel)?;
        if self.failed.load(Ordering::Relaxed) {
            return Err(io::Error::other("a file could not be written"));
        }
        if !self.seen.insert(rel.to_owned()) {
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("{rel} is written twice")));
        }
        let tx = self.tx.as_ref().ok_or_else(|| io::Error::other("the writers have stopped"))?;
        tx.send((rel.to_owned(), bytes)).map_err(|_| io::Error::other("the writers have stopped"))
    }

    /// Keeps the previous tree's file at `rel` as it is, without its bytes: for a caller that
    /// knows the file would come out the same (press site's pages whose inputs did not change).
    /// The file must exist in the previous tree; it counts as a file of the new one.
    pub fn keep(&mut self, rel: &str) -> io::Result<()> {
        check_rel(rel)?;
        if !self.seen.insert(rel.to_owned()) {
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("{rel} is written twice")));
        }
        self.kept += 1;
        Ok(())
    }

    /// Files queued so far.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

/// State shared by the writer threads.
struct Shared {
    stage: Stage,
    /// The previous tree to compare with (none for a first build).
    previous: Option<PathBuf>,
    failed: AtomicBool,
    error: Mutex<Option<io::Error>>,
    /// Relative paths staged (changed or new), when comparing with a previous tree.
    changed: Mutex<Vec<String>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
}

impl Shared {
    fn put(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        if let Some(prev) = &self.previous {
            let old = prev.join(rel);
            if let Ok(meta) = std::fs::metadata(&old) {
                if meta.is_file() && meta.len() == bytes.len() as u64 && std::fs::read(&old)? == bytes {
                    self.unchanged.fetch_add(1, Ordering::Relaxed);
                    return Ok(());
                }
            }
        }
        self.stage.write(rel, bytes)?;
        self.written.fetch_add(1, Ordering::Relaxed);
        if self.previous.is_some() {
            if let Ok(mut c) = self.changed.lock() {
                c.push(rel.to_owned());
            }
        }
        Ok(())
    }

    fn fail(&self, e: io::Error) {
        self.failed.store(true, Ordering::Relaxed);
        if let Ok(mut slot) = self.error.lock() {
            slot.get_or_insert(e);
        }
    }
}

/// Puts the tree that `fill` produces at `out`, writing only files whose bytes changed (see the
/// module documentation). On any error before the final renames, `out` is untouched and the
/// staging folder is removed.
pub fn write_tree_incrementally(
    out: &Path,
    fill: impl FnOnce(&mut FileSink<'_>) -> io::Result<()>,
) -> io::Result<WriteStats> {
    write_incrementally(out, Scope::Whole, None, fill)
}

/// [`write_tree_incrementally`] into a folder of which the tree owns only `scope`. With a
/// `listing` (a record kept beside the output, see [`Listing`]) a rebuild finds the files to
/// remove from it instead of walking the tree.
pub fn write_incrementally(
    out: &Path,
    scope: Scope,
    listing: Option<&Path>,
    fill: impl FnOnce(&mut FileSink<'_>) -> io::Result<()>,
) -> io::Result<WriteStats> {
    let stage = match scope {
        Scope::Whole => Stage::beside(out, "", ".tmp")?,
        Scope::Entries(_) => Stage::beside(out, ".", ".press-site")?,
    };
    // Under the output's lock, which the stage holds.
    let last = listing.and_then(Listing::read);
    let shared = Shared {
        stage,
        previous: out.is_dir().then(|| out.to_owned()),
        failed: AtomicBool::new(false),
        error: Mutex::new(None),
        changed: Mutex::new(Vec::new()),
        written: AtomicUsize::new(0),
        unchanged: AtomicUsize::new(0),
    };

    let mut phases = crate::stats::Phases::new();
    let (tx, rx) = sync_channel::<(String, Vec<u8>)>(QUEUE);
    let rx = Mutex::new(rx);
    let mut kept = 0;
    let filled: io::Result<HashSet<String>> = std::thread::scope(|scope| {
        for _ in 0..writers() {
            let (rx, shared) = (&rx, &shared);
            scope.spawn(move || loop {
                let job = match rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((rel, bytes)) = job else { return };
                if shared.failed.load(Ordering::Relaxed) {
                    continue; // drain the queue so the sender never blocks
                }
                if let Err(e) = shared.put(&rel, &bytes) {
                    shared.fail(e);
                }
            });
        }
        let mut sink = FileSink { tx: Some(tx), failed: &shared.failed, seen: HashSet::new(), kept: 0 };
        let result = fill(&mut sink);
        sink.tx = None; // close the queue: the writers finish what is queued and stop
        shared.unchanged.fetch_add(sink.kept, Ordering::Relaxed);
        kept = sink.kept;
        result.map(|()| std::mem::take(&mut sink.seen))
    });

    phases.lap("  fill");
    let worker_error = shared.error.lock().ok().and_then(|mut e| e.take());
    // On an error the stage is dropped, and with it everything staged.
    let seen = match (filled, worker_error) {
        (_, Some(e)) | (Err(e), None) => return Err(e),
        (Ok(seen), None) => seen,
    };
    let mut stats = WriteStats {
        files: seen.len(),
        written: shared.written.load(Ordering::Relaxed),
        unchanged: shared.unchanged.load(Ordering::Relaxed),
        kept,
        ..WriteStats::default()
    };

    let Shared { stage, previous, changed, .. } = shared;
    // Gone before the tree changes: a run stopped halfway leaves none, and the next one walks.
    if let Some(listing) = listing {
        super::records::remove_record(listing)?;
    }
    if previous.is_none() {
        // A first build: the staged folder is the whole tree, and every file of it is new.
        stage.replace(out)?;
        keep_listing(out, scope, listing, &seen, &Stamps::new())?;
        stats.changed_files = seen.into_iter().collect();
        stats.changed_files.sort_unstable();
        return Ok(stats);
    }

    // A rebuild: move the staged files over their old versions, then drop what is gone.
    let mut changed = changed.into_inner().unwrap_or_default();
    changed.sort_unstable();
    move_changed_in(out, &stage, &changed)?;
    phases.lap("  move in");
    stats.changed_files = changed;
    let mut known = Stamps::new();
    stats.removed_files = match (&last, scope) {
        (Some(last), _) => {
            let removed;
            (removed, known) = last.remove_stale(out, &seen)?;
            removed
        }
        (None, Scope::Whole) => remove_stale(out, out, &seen)?,
        (None, Scope::Entries(old)) => remove_stale_entries(out, old, &seen)?,
    };
    phases.lap("  removals");
    keep_listing(out, scope, listing, &seen, &known)?;
    phases.lap("  listing");
    stats.removed_files.sort_unstable();
    stats.removed = stats.removed_files.len();
    Ok(stats)
}

/// Writes the listing of the tree `out` now holds, whose files are `seen` (`known`: stamps
/// of its folders this run has already taken).
fn keep_listing(
    out: &Path,
    scope: Scope,
    listing: Option<&Path>,
    seen: &HashSet<String>,
    known: &Stamps,
) -> io::Result<()> {
    let Some(path) = listing else { return Ok(()) };
    match super::listing::record(out, seen, matches!(scope, Scope::Whole), known)? {
        Some(bytes) => super::records::replace_record(path, &bytes),
        None => Ok(()),
    }
}

/// [`remove_stale`] under each of the top-level entries `old` that the tree owned before.
fn remove_stale_entries(out: &Path, old: &BTreeSet<String>, seen: &HashSet<String>) -> io::Result<Vec<String>> {
    let mut removed = Vec::new();
    for name in old {
        let entry = out.join(name);
        if entry.symlink_metadata().is_ok() && !seen.contains(name.as_str()) {
            removed.extend(remove_stale(out, &entry, seen)?);
        }
    }
    Ok(removed)
}

/// Renames each changed file from the stage over its old version in `out`, making the folders
/// it needs (in place of old files where the new tree has a folder). Top-level dot files (a
/// writer's own records of what the tree holds) go in last, so that a run killed halfway never
/// leaves a record describing files that did not make it in.
fn move_changed_in(out: &Path, stage: &Stage, changed: &[String]) -> io::Result<()> {
    let mut made: HashSet<PathBuf> = HashSet::new();
    let (records, files): (Vec<&String>, Vec<&String>) = changed.iter().partition(|rel| rel.starts_with('.'));
    for rel in files.into_iter().chain(records) {
        let target = out.join(rel);
        if let Some(dir) = target.parent() {
            if !made.contains(dir) {
                make_dir_replacing_files(out, dir)?;
                made.insert(dir.to_owned());
            }
        }
        if target.is_dir() {
            std::fs::remove_dir_all(&target)?;
        }
        std::fs::rename(stage.root().join(rel), &target)?;
    }
    Ok(())
}

/// `create_dir_all(dir)` inside `root`, removing a file of the old tree that stands where the
/// new tree needs a folder.
fn make_dir_replacing_files(root: &Path, dir: &Path) -> io::Result<()> {
    if std::fs::create_dir_all(dir).is_ok() {
        return Ok(());
    }
    let rel = dir.strip_prefix(root).map_err(|_| io::Error::other("folder outside the tree"))?;
    let mut at = root.to_owned();
    for part in rel.components() {
        at.push(part);
        if at.is_file() {
            std::fs::remove_file(&at)?;
        }
    }
    std::fs::create_dir_all(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    fn files(list: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        list.iter().map(|(p, b)| ((*p).to_owned(), b.as_bytes().to_vec())).collect()
    }

    fn write(out: &Path, list: &[(String, Vec<u8>)]) -> io::Result<WriteStats> {
        write_tree_incrementally(out, |sink| list.iter().try_for_each(|(p, b)| sink.write(p, b.clone())))
    }

    fn snapshot(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| !e.file_type().is_dir())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
                (rel, std::fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_rebuild_writes_only_changed_files_and_removes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let first = files(&[("a.json", "1"), ("x/b.json", "2"), ("x/y/c.json", "3"), ("gone/d.json", "4")]);
        let s = write(&out, &first).unwrap();
        assert_eq!((s.files, s.written, s.unchanged, s.removed), (4, 4, 0, 0));
        assert_eq!(s.changed_files, ["a.json", "gone/d.json", "x/b.json", "x/y/c.json"], "a first build lists all");
        let inode = |rel: &str| std::fs::metadata(out.join(rel)).unwrap().ino();
        let (a, b) = (inode("a.json"), inode("x/b.json"));

        let second = files(&[("a.json", "1"), ("x/b.json", "22"), ("x/y/c.json", "3"), ("new/e.json", "5")]);
        let s = write(&out, &second).unwrap();
        assert_eq!((s.files, s.written, s.unchanged, s.removed), (4, 2, 2, 1));
        assert_eq!(
            snapshot(&out),
            vec![
                ("a.json".into(), "1".into()),
                ("new/e.json".into(), "5".into()),
                ("x/b.json".into(), "22".into()),
                ("x/y/c.json".into(), "3".into()),
            ]
        );
        assert_eq!(inode("a.json"), a, "an unchanged file is not rewritten");
        assert_ne!(inode("x/b.json"), b);
        assert!(!out.join("gone").exists(), "emptied folders go too");
        let siblings: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(siblings, ["out"]);
    }

    #[test]
    fn a_failed_fill_leaves_the_previous_tree() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write(&out, &files(&[("a.json", "1")])).unwrap();
        let before = snapshot(&out);
        assert!(write(&out, &files(&[("a.json", "2"), ("../evil.json", "x")])).is_err());
        assert!(write(&out, &files(&[("a.json", "2"), ("a.json", "3")])).is_err(), "a path twice");
        let e = write_tree_incrementally(&out, |sink| {
            sink.write("a.json", b"2".to_vec())?;
            Err(io::Error::other("render failed"))
        });
        assert!(e.is_err());
        assert_eq!(snapshot(&out), before);
        let siblings: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(siblings, ["out"]);
    }

    #[test]
    fn files_and_folders_may_trade_places() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write(&out, &files(&[("s/a", "file"), ("t/x.json", "1")])).unwrap();
        write(&out, &files(&[("s/a/1.json", "nested"), ("t", "now a file")])).unwrap();
        assert_eq!(snapshot(&out), vec![("s/a/1.json".into(), "nested".into()), ("t".into(), "now a file".into())]);
    }

    #[test]
    fn a_file_where_the_folder_should_be_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::write(&out, "x").unwrap();
        assert!(write(&out, &files(&[("a.json", "1")])).is_err());
    }
}
