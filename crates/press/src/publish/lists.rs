//! Which files of `<dist>` a publish changed and removed, kept until a deploy took them.
//!
//! The two lists live beside `<dist>` as plain text, one path relative to `<dist>` per line,
//! sorted: `.<dist>.publish-changed` and `.<dist>.publish-removed`. They are what the deploy
//! hook reads. Each step adds its changes as soon as it is done, so a run that is stopped or
//! whose deploy fails hands them to the next run's hook; a deploy that succeeds empties them.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use super::lock::beside;

/// The files to upload and to delete.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lists {
    pub changed: BTreeSet<String>,
    pub removed: BTreeSet<String>,
}

impl Lists {
    /// A later change wins: a file removed after it changed is removed, and one written again
    /// after it was removed is changed.
    pub fn add(&mut self, changed: &[String], removed: &[String]) {
        for c in changed {
            self.removed.remove(c);
            self.changed.insert(c.clone());
        }
        for r in removed {
            self.changed.remove(r);
            self.removed.insert(r.clone());
        }
    }

    /// Paths under `prefix/` for paths relative to a subfolder (`content`, `public`).
    pub fn add_under(&mut self, prefix: &str, changed: &[String], removed: &[String]) {
        let under = |l: &[String]| l.iter().map(|p| format!("{prefix}/{p}")).collect::<Vec<_>>();
        self.add(&under(changed), &under(removed));
    }

    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

/// The list files of `dist`.
pub fn files(dist: &Path) -> (PathBuf, PathBuf) {
    (beside(dist, "publish-changed"), beside(dist, "publish-removed"))
}

/// The lists left by earlier runs (empty when there are none).
pub fn read(dist: &Path) -> io::Result<Lists> {
    let (c, r) = files(dist);
    Ok(Lists { changed: read_list(&c)?, removed: read_list(&r)? })
}

fn read_list(path: &Path) -> io::Result<BTreeSet<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(e) => Err(e),
    }
}

/// Writes both lists, each replaced in one rename.
pub fn write(dist: &Path, lists: &Lists) -> io::Result<()> {
    let (c, r) = files(dist);
    write_list(&c, &lists.changed)?;
    write_list(&r, &lists.removed)
}

fn write_list(path: &Path, list: &BTreeSet<String>) -> io::Result<()> {
    let text: String = list.iter().map(|p| format!("{p}\n")).collect();
    crate::output::replace_record(path, text.as_bytes())
}

/// Every file under `dir`, relative to it, sorted (for `--deploy-all`).
pub fn every_file(dir: &Path) -> io::Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry?;
        if entry.file_type().is_file() {
            out.push(relative(dir, entry.path()));
        }
    }
    out.sort_unstable();
    Ok(out)
}

pub(super) fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_later_change_wins_and_lists_survive_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let dist = dir.path().join("dist");
        let mut l = read(&dist).unwrap();
        assert!(l.is_empty());
        l.add(&v(&["a.html", "b.html"]), &v(&["c.html"]));
        l.add_under("content", &v(&["x.json"]), &[]);
        l.add(&v(&["c.html"]), &v(&["a.html"]));
        write(&dist, &l).unwrap();
        let again = read(&dist).unwrap();
        assert_eq!(again.changed.iter().collect::<Vec<_>>(), ["b.html", "c.html", "content/x.json"]);
        assert_eq!(again.removed.iter().collect::<Vec<_>>(), ["a.html"]);
        assert_eq!(std::fs::read_to_string(files(&dist).1).unwrap(), "a.html\n");
    }
}
