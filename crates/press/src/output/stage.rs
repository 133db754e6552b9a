//! A staging folder beside an output, and moving what was staged into place all or nothing.

use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use tree_lock::TreeLock;

/// Files staged by every [`Stage`] of this process so far.
static STAGED: AtomicU64 = AtomicU64::new(0);

/// How many files this process has staged so far, all stages together: a measure of progress
/// for work whose own code does not report any (a command line polls it while `press site`
/// runs), like the process's peak memory in [`crate::stats`].
pub fn files_staged() -> u64 {
    STAGED.load(Ordering::Relaxed)
}

/// A fresh folder beside a target (so moving in is a rename on the same file system) that files
/// are written into before anything of the target is touched. Removed when dropped: whatever
/// was not moved in is discarded.
#[derive(Debug)]
pub struct Stage {
    /// Held while the stage lives: no two runs write one output at once.
    _lock: TreeLock,
    root: PathBuf,
    /// Where [`Stage::replace`] and [`Stage::replace_entries`] set the old entries aside.
    aside: PathBuf,
    /// Folders already made (writes may come from several threads).
    made: Mutex<HashSet<PathBuf>>,
    files: AtomicUsize,
}

impl Stage {
    /// `<parent>/<prefix><name><suffix>-<pid>` for a target `<parent>/<name>`, made empty; the
    /// old entries are set aside in `…<suffix>-old-<pid>` while moving in. Refuses a target
    /// that is a file; makes the target's parent when it is missing.
    pub fn beside(target: &Path, prefix: &str, suffix: &str) -> io::Result<Stage> {
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the output folder needs a name"))?
            .to_string_lossy()
            .into_owned();
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        if target.exists() && !target.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists and is not a folder", target.display()),
            ));
        }
        std::fs::create_dir_all(&parent)?;
        let lock = lock(target)?;
        let pid = std::process::id();
        let stem = format!("{prefix}{name}{suffix}-");
        // No other run holds the lock, so every staging folder of this output was left by a run
        // that was killed: it only takes disk.
        for entry in std::fs::read_dir(&parent)? {
            let entry = entry?;
            if entry.file_name().to_string_lossy().starts_with(&stem) {
                remove(&entry.path())?;
            }
        }
        let root = parent.join(format!("{stem}{pid}"));
        let aside = parent.join(format!("{stem}old-{pid}"));
        std::fs::create_dir(&root)?;
        Ok(Stage { _lock: lock, root, aside, made: Mutex::new(HashSet::new()), files: AtomicUsize::new(0) })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Files written so far.
    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Writes `bytes` at `rel` (a relative path without `..`) in the stage, making its folders.
    /// May be called from several threads at once.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        check_rel(rel)?;
        let path = self.root.join(rel);
        if let Some(dir) = path.parent() {
            let known = self.made.lock().map(|m| m.contains(dir)).unwrap_or(false);
            if !known {
                std::fs::create_dir_all(dir)?;
                if let Ok(mut m) = self.made.lock() {
                    m.insert(dir.to_owned());
                }
            }
        }
        std::fs::write(&path, bytes).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        STAGED.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Puts the whole staged tree at `target`, replacing what was there; on failure `target`
    /// is as it was.
    pub fn replace(self, target: &Path) -> io::Result<()> {
        self.move_in(&[(self.root.clone(), target.to_owned())], &[])
    }

    /// Moves the staged top-level entries `names` into `dir`, replacing entries of the same
    /// name, and removes the entries `gone` from `dir`; anything else in `dir` is left alone.
    /// All or nothing: on failure every entry is put back.
    pub fn replace_entries<'a>(
        self,
        dir: &Path,
        names: impl IntoIterator<Item = &'a String>,
        gone: impl IntoIterator<Item = &'a String>,
    ) -> io::Result<()> {
        let moves: Vec<(PathBuf, PathBuf)> = names.into_iter().map(|n| (self.root.join(n), dir.join(n))).collect();
        let gone: Vec<PathBuf> = gone.into_iter().map(|n| dir.join(n)).collect();
        self.move_in(&moves, &gone)
    }

    /// Renames each staged path over its target (the old target first set aside), then sets
    /// aside the `gone` targets that exist; only when all of it succeeded is what was set aside
    /// deleted. Any failure renames everything back.
    fn move_in(&self, moves: &[(PathBuf, PathBuf)], gone: &[PathBuf]) -> io::Result<()> {
        std::fs::create_dir(&self.aside)?;
        // (target, where its old entry was set aside)
        let mut done: Vec<(&Path, Option<PathBuf>)> = Vec::new();
        let undo = |done: &[(&Path, Option<PathBuf>)]| {
            for (target, old) in done.iter().rev() {
                let _ = remove(target);
                if let Some(old) = old {
                    let _ = std::fs::rename(old, target);
                }
            }
        };
        let result = (|| {
            for (k, (staged, target)) in moves.iter().enumerate() {
                let old = self.aside.join(k.to_string());
                let had = target.symlink_metadata().is_ok();
                if had {
                    std::fs::rename(target, &old)?;
                }
                if let Err(e) = std::fs::rename(staged, target) {
                    if had {
                        let _ = std::fs::rename(&old, target);
                    }
                    return Err(e);
                }
                done.push((target, had.then_some(old)));
            }
            for (k, target) in gone.iter().enumerate() {
                if target.symlink_metadata().is_ok() {
                    let old = self.aside.join(format!("gone-{k}"));
                    std::fs::rename(target, &old)?;
                    // Undoing it means putting it back: nothing staged stands in its place.
                    done.push((target, Some(old)));
                }
            }
            Ok(())
        })();
        if result.is_err() {
            undo(&done);
        }
        result
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
        let _ = std::fs::remove_dir_all(&self.aside);
    }
}

/// An exclusive lock on writing `target`, or a clear error when another run holds it. The lock
/// file lives in the system's temporary folder, named after the target's full path, so that
/// nothing is added to the output (which a deploy would upload).
fn lock(target: &Path) -> io::Result<TreeLock> {
    TreeLock::take("press", target, |full| {
        format!("another press run is writing {} now; run again when it has finished", full.display())
    })
}

/// A path inside the tree: relative, no `..`, not empty.
pub(crate) fn check_rel(rel: &str) -> io::Result<()> {
    if rel.is_empty() || !Path::new(rel).components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("refusing to write outside the tree: {rel}")));
    }
    Ok(())
}

fn remove(path: &Path) -> io::Result<()> {
    if path.symlink_metadata()?.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                let what = if p.is_dir() { format!("{:?}", listing(&p)) } else { std::fs::read_to_string(&p).unwrap() };
                (name, what)
            })
            .collect();
        out.sort();
        out
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|n| (*n).to_owned()).collect()
    }

    /// A temporary folder with `dist/` holding `files`.
    fn dist_with(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let dist = tmp.path().join("dist");
        for (rel, text) in files {
            std::fs::create_dir_all(dist.join(rel).parent().unwrap()).unwrap();
            std::fs::write(dist.join(rel), text).unwrap();
        }
        (tmp, dist)
    }

    #[test]
    fn entries_are_replaced_removed_or_left_alone() {
        let (tmp, dist) = dist_with(&[("rovat/old.html", "old"), ("gone.html", "gone"), ("app.wasm", "trunk's")]);
        let stage = Stage::beside(&dist, ".", ".press-site").unwrap();
        stage.write("rovat/new.html", b"new").unwrap();
        stage.write("index.html", b"home").unwrap();
        assert!(stage.write("../x", b"no").is_err() && stage.write("", b"no").is_err());
        stage.replace_entries(&dist, &names(&["index.html", "rovat"]), &names(&["gone.html", "never-was"])).unwrap();
        assert_eq!(
            listing(&dist),
            [
                ("app.wasm".to_owned(), "trunk's".to_owned()),
                ("index.html".to_owned(), "home".to_owned()),
                ("rovat".to_owned(), format!("{:?}", [("new.html".to_owned(), "new".to_owned())])),
            ]
        );
        assert_eq!(listing(tmp.path()).len(), 1, "nothing is left beside dist");
    }

    #[test]
    fn a_failure_half_way_puts_every_entry_back() {
        let (tmp, dist) = dist_with(&[("a/1.html", "old a"), ("gone.html", "gone")]);
        let before = listing(&dist);
        let stage = Stage::beside(&dist, ".", ".press-site").unwrap();
        stage.write("a/1.html", b"new a").unwrap();
        // `b` was never staged: moving it in fails after `a` was replaced.
        assert!(stage.replace_entries(&dist, &names(&["a", "b"]), &names(&["gone.html"])).is_err());
        assert_eq!(listing(&dist), before);
        assert_eq!(listing(tmp.path()).len(), 1, "nothing is left beside dist");
    }

    #[test]
    fn a_whole_tree_is_swapped_and_a_dropped_stage_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("old.json"), "1").unwrap();
        let stage = Stage::beside(&out, "", ".tmp").unwrap();
        stage.write("x/new.json", b"2").unwrap();
        assert_eq!(stage.files(), 1);
        drop(stage);
        assert_eq!(listing(tmp.path()), [("out".to_owned(), format!("{:?}", [("old.json", "1")]))]);
        let stage = Stage::beside(&out, "", ".tmp").unwrap();
        stage.write("x/new.json", b"2").unwrap();
        stage.replace(&out).unwrap();
        assert_eq!(listing(&out), [("x".to_owned(), format!("{:?}", [("new.json", "2")]))]);
        assert_eq!(listing(tmp.path()).len(), 1);
    }

    #[test]
    fn two_runs_never_write_one_output_and_a_killed_runs_leftovers_go() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).unwrap();
        // What a killed run (another process id) left beside the output.
        std::fs::create_dir_all(tmp.path().join("out.tmp-999999/x")).unwrap();
        std::fs::create_dir_all(tmp.path().join("out.tmp-old-999999")).unwrap();
        let first = Stage::beside(&out, "", ".tmp").unwrap();
        let names: Vec<String> = listing(tmp.path()).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["out", &format!("out.tmp-{}", std::process::id())]);
        let second = Stage::beside(&out, "", ".tmp").unwrap_err();
        assert_eq!(second.kind(), io::ErrorKind::WouldBlock);
        assert!(second.to_string().contains("another press run is writing"), "{second}");
        assert!(second.to_string().contains(&out.canonicalize().unwrap().display().to_string()), "{second}");
        // Another output is free, and this one is once the first run is over.
        let other = tmp.path().join("other");
        assert!(Stage::beside(&other, "", ".tmp").is_ok());
        drop(first);
        assert!(Stage::beside(&out, "", ".tmp").is_ok());
    }
}
