//! The record of the files and folders a tree had when its last write finished, kept beside the
//! output, so that a rebuild finds the files it must remove without walking the whole tree.
//!
//! Walking 100,000 article folders took seconds on every run, and a run that publishes one
//! article removes nothing. With the record, the files of the last tree that this run did not
//! write are removed by name, and only the folders whose stamp changed since the last run (a
//! file put there by hand, or by this run's own writes) are read to find files the record does
//! not know. A folder's stamp (inode, modification and change time) changes with every entry
//! added to it, removed from it or renamed into it, so a folder with the same stamp holds what it
//! held. Without a record, or with one that cannot be read, the writer walks the tree as before.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io;
use std::path::Path;

use rayon::prelude::*;

use crate::stamp::stamp_of;

/// The files and folders of the tree at the end of the last write, relative to its root.
pub struct Listing {
    files: Vec<String>,
    /// Each folder's stamp; `""` is the root (when the tree owns all of it).
    dirs: HashMap<String, String>,
}

/// First line of the record, so that a record of another format reads as none.
const HEADER: &str = "press tree listing 1";

impl Listing {
    /// The record at `path`, or `None` when there is none or it is not one.
    pub fn read(path: &Path) -> Option<Listing> {
        let text = std::fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        (lines.next()? == HEADER).then_some(())?;
        let (mut files, mut dirs) = (Vec::new(), HashMap::new());
        for line in lines {
            match line.split_once(' ')? {
                ("f", rel) => files.push(rel.to_owned()),
                (stamp, rel) => {
                    dirs.insert(rel.strip_prefix('/')?.to_owned(), stamp.to_owned());
                }
            }
        }
        Some(Listing { files, dirs })
    }

    /// Removes from the tree at `root` the files that neither the record nor `seen` (the new
    /// tree, already moved in) accounts for, and the folders left empty. Returns the files
    /// removed, relative to `root`, and the stamps of the listed folders that this did not
    /// change (for [`record`]).
    pub fn remove_stale(&self, root: &Path, seen: &HashSet<String>) -> io::Result<(Vec<String>, Stamps)> {
        let mut removed = Vec::new();
        for rel in self.files.iter().filter(|f| !seen.contains(*f)) {
            let path = root.join(rel);
            match path.symlink_metadata() {
                // A folder of the new tree now stands there (files and folders may trade places).
                Ok(m) if m.is_dir() => continue,
                Ok(_) => std::fs::remove_file(&path)?,
                Err(_) => {} // gone already, from the tree; still gone from a deploy
            }
            removed.push(rel.clone());
        }
        let mut now: Stamps = self
            .dirs
            .par_iter()
            .filter_map(|(rel, _)| {
                let meta = std::fs::metadata(root.join(rel)).ok().filter(std::fs::Metadata::is_dir)?;
                Some((rel.clone(), stamp_of(&meta)))
            })
            .collect();
        // Folders whose stamp changed: something the record does not know may be in them.
        let changed = now.iter().filter(|(rel, stamp)| self.dirs.get(*rel) != Some(*stamp)).map(|(rel, _)| rel);
        for dir in changed {
            for entry in std::fs::read_dir(root.join(dir))? {
                let entry = entry?;
                let name = entry.file_name().to_string_lossy().into_owned();
                let rel = if dir.is_empty() { name } else { format!("{dir}/{name}") };
                if entry.file_type()?.is_dir() {
                    if !self.dirs.contains_key(&rel) {
                        removed.extend(remove_stale(root, &entry.path(), seen)?);
                    }
                } else if !seen.contains(&rel) {
                    std::fs::remove_file(entry.path())?;
                    removed.push(rel);
                }
            }
        }
        remove_empty_folders(root, &removed)?;
        // A removal changed its folder and, when that went too, the folder above it.
        now.remove("");
        for folder in removed.iter().flat_map(|rel| parents(rel)) {
            now.remove(folder);
        }
        Ok((removed, now))
    }
}

/// Folders by path and their stamps.
pub type Stamps = HashMap<String, String>;

/// The folders `rel` is in, innermost first (not the root).
fn parents(rel: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(rel.rsplit_once('/').map(|(p, _)| p), |at| at.rsplit_once('/').map(|(p, _)| p))
}

/// Removes the folders of `removed` files that are now empty, and their parents in turn, never
/// `root` itself.
fn remove_empty_folders(root: &Path, removed: &[String]) -> io::Result<()> {
    let folders: BTreeSet<&str> = removed.iter().flat_map(|rel| parents(rel)).collect();
    // Deepest first: a folder comes after the folders in it.
    let mut folders: Vec<&str> = folders.into_iter().collect();
    folders.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
    for folder in folders {
        match std::fs::remove_dir(root.join(folder)) {
            Err(e) if e.kind() == io::ErrorKind::NotFound || e.kind() == io::ErrorKind::DirectoryNotEmpty => {}
            other => other?,
        }
    }
    Ok(())
}

/// The record of the tree at `root` whose files are `files`: each file, then each folder that
/// holds one with its stamp now (`with_root`: the root too, for a tree that owns all of it),
/// taken from `known` where this run has it. `None` for names a line cannot hold; the next
/// write then walks the tree.
pub fn record(root: &Path, files: &HashSet<String>, with_root: bool, known: &Stamps) -> io::Result<Option<Vec<u8>>> {
    if files.iter().any(|f| f.contains(['\n', '\r'])) {
        return Ok(None);
    }
    let mut dirs: HashSet<&str> = HashSet::new();
    if with_root {
        dirs.insert("");
    }
    for rel in files {
        for parent in parents(rel) {
            if !dirs.insert(parent) {
                break; // its parents are in already
            }
        }
    }
    let stamped: Vec<String> = dirs
        .into_par_iter()
        .map(|rel| match known.get(rel) {
            Some(stamp) => Ok(format!("{stamp} /{rel}\n")),
            None => std::fs::metadata(root.join(rel)).map(|m| format!("{} /{rel}\n", stamp_of(&m))),
        })
        .collect::<io::Result<_>>()?;
    let mut files: Vec<&String> = files.iter().collect();
    files.sort_unstable();
    let mut out = String::with_capacity(files.len() * 64 + stamped.len() * 80);
    out.push_str(HEADER);
    out.push('\n');
    for rel in files {
        out.push_str("f ");
        out.push_str(rel);
        out.push('\n');
    }
    stamped.iter().for_each(|line| out.push_str(line));
    Ok(Some(out.into_bytes()))
}

/// Removes the files under `under` (in the tree at `root`) whose path relative to `root` is not
/// in `keep`, and folders left empty. Returns the files removed. Links are not followed: the
/// tree has none of its own, and nothing outside it is ever removed.
pub(super) fn remove_stale(root: &Path, under: &Path, keep: &HashSet<String>) -> io::Result<Vec<String>> {
    let mut removed = Vec::new();
    // Contents first: a folder comes after its files, when it may have been emptied.
    for entry in walkdir::WalkDir::new(under).min_depth(usize::from(under == root)).contents_first(true) {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type().is_dir() {
            if std::fs::read_dir(path)?.next().is_none() {
                std::fs::remove_dir(path)?;
            }
        } else {
            let rel = path.strip_prefix(root).ok().and_then(|r| r.to_str()).map(|r| r.replace('\\', "/"));
            if !rel.as_ref().is_some_and(|r| keep.contains(r)) {
                std::fs::remove_file(path)?;
                removed.push(rel.unwrap_or_else(|| path.display().to_string()));
            }
        }
    }
    Ok(removed)
}
