//! Putting a tree of files on disk so that a failure leaves the previous one as it was: every
//! file is first written into a [`Stage`], a folder beside the output, and moved in only once
//! all of them were written. The three outputs differ only in what they move in:
//!
//! - [`write_atomically_with`] / [`write_tree_atomically`]: the whole tree, swapped in one step;
//! - [`Stage::replace_entries`]: top-level entries, each swapped and all of them undone on any
//!   failure;
//! - [`write_tree_incrementally`] (`press build`) and [`write_incrementally`] (`press site`, which
//!   owns only some entries of a folder Trunk and press build write into too): only the files
//!   that changed, described below (docs/PERFORMANCE.md, docs/adr/0005, 0014).
//!
//! Every stage holds a lock on its output while it lives (`tree_lock`, shared with press pull's
//! tree): a second run on the same output stops at once with a clear message, and the first run
//! of an output removes what a killed run left beside it.
//!
//! A first build writes every file into the staging folder `<out>.tmp-<pid>` and renames it
//! into place, as `write_atomically_with` does. A rebuild over an existing tree compares each
//! rendered file with the file already there and stages only the ones whose bytes differ; once
//! every file has been rendered and staged without error, the staged files are renamed over
//! their old versions and files the new tree no longer has are removed. So:
//!
//! - a failed build (content errors, a render or staging error such as a full disk) leaves the
//!   previous output untouched, as before;
//! - an unchanged file keeps its inode and mtime, so `rsync`/`aws s3 sync`-style uploads skip it;
//! - a one-article edit costs a comparison per file instead of a write per file: on a virtual
//!   disk where creating a file costs ~0.3 ms, that is the difference between seconds and a
//!   fraction of one.
//!
//! The price: the final renames are not one atomic step. Each file is replaced atomically (a
//! reader never sees half a file), but a crash in the middle of the renames can leave a mix of
//! old and new files, which the next build repairs.
//!
//! Files are compared and written by a few writer threads fed through a bounded queue, so
//! rendering (on rayon's threads) and file-system work overlap and memory stays bounded.

mod incremental;
mod listing;
mod records;
mod stage;

use std::io;
use std::path::{Path, PathBuf};

pub use incremental::{write_incrementally, write_tree_incrementally, FileSink, Scope, WriteStats};
pub use records::{remove_record, replace_record};
pub use stage::{files_staged, Stage};

/// Writes `files` into a sibling temporary folder `<out>.tmp-<pid>`, then swaps it in place of
/// `out` with renames. On any failure the temporary folder is removed and `out` is untouched.
pub fn write_tree_atomically(out: &Path, files: &[(String, Vec<u8>)]) -> io::Result<()> {
    write_atomically_with(out, |tree| files.iter().try_for_each(|(path, bytes)| tree.write(path, bytes))).map(|_| ())
}

/// Like `write_tree_atomically`, with the files produced by `fill` one at a time. Returns how
/// many files were written.
pub fn write_atomically_with(out: &Path, fill: impl FnOnce(&mut Stage) -> io::Result<()>) -> io::Result<usize> {
    let mut stage = Stage::beside(out, "", ".tmp")?;
    fill(&mut stage)?;
    let files = stage.files();
    stage.replace(out)?;
    Ok(files)
}

/// `<parent>/.<name>.<what>` for a `<dist>` at `<parent>/<name>`: the records press keeps
/// beside a folder it writes (not in it, so they are never deployed).
pub fn beside(dist: &Path, what: &str) -> PathBuf {
    let name = dist.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "dist".into());
    let parent = match dist.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    parent.join(format!(".{name}.{what}"))
}
