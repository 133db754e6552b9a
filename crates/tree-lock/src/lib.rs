//! An exclusive lock on a folder press or press pull writes, held on a file in the temporary folder (so the
//! folder itself gets no extra file). The kernel releases it when the process ends, killed or
//! not; a run that ends normally also removes the file, so the temporary folder does not
//! collect one per folder ever written.
//!
//! Removing a lock file races with a run that opened it just before: that run would lock a
//! file no longer at the path while a third run creates and locks a new one. So whoever takes
//! the lock checks that the file it locked is still the one at the path, and tries again if
//! not.

use std::fs::{File, TryLockError};
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// The lock; released, and its file removed, when dropped.
#[derive(Debug)]
pub struct TreeLock {
    file: File,
    path: PathBuf,
}

impl TreeLock {
    /// Locks `target` for `kind` (`press`, `press-pull`): the file
    /// `<tmp>/<kind>-<hash of target's full path>.lock`. When another process holds it, fails
    /// with [`io::ErrorKind::WouldBlock`] and the message `busy(full path of target)`.
    pub fn take(kind: &str, target: &Path, busy: impl Fn(&Path) -> String) -> io::Result<TreeLock> {
        use std::hash::{Hash, Hasher};
        let full = std::fs::canonicalize(target).unwrap_or_else(|_| std::path::absolute(target).unwrap_or_default());
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        full.hash(&mut hasher);
        let path = std::env::temp_dir().join(format!("{kind}-{:016x}.lock", hasher.finish()));
        // Each retry means another run removed the file between our open and our lock; that
        // run has finished, so a few tries are plenty.
        for _ in 0..16 {
            let file = File::options().create(true).truncate(false).write(true).open(&path)?;
            if let Some(lock) = lock_if_current(file, &path, || busy(&full))? {
                return Ok(lock);
            }
        }
        Err(io::Error::other(format!("cannot take the lock {}: it keeps being replaced", path.display())))
    }

    /// The lock file (for tests).
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Locks `file`, opened from `path`; `None` when, once locked, it is no longer the file at
/// `path` (another run removed it on its way out).
fn lock_if_current(file: File, path: &Path, busy: impl Fn() -> String) -> io::Result<Option<TreeLock>> {
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Err(io::Error::new(io::ErrorKind::WouldBlock, busy())),
        Err(TryLockError::Error(e)) => return Err(e),
    }
    let (held, named) = (file.metadata()?, std::fs::metadata(path));
    let current = named.is_ok_and(|n| n.dev() == held.dev() && n.ino() == held.ino());
    Ok(current.then(|| TreeLock { file, path: path.to_owned() }))
}

impl Drop for TreeLock {
    fn drop(&mut self) {
        // Removed while still locked: a run that opens it now locks a file no longer at the
        // path, sees that, and opens the path again.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_is_turned_away_and_the_file_goes_with_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let first = TreeLock::take("press-test", dir.path(), |p| format!("busy: {}", p.display())).unwrap();
        let path = first.path().to_owned();
        assert!(path.exists());
        let second = TreeLock::take("press-test", dir.path(), |p| format!("busy: {}", p.display())).unwrap_err();
        assert_eq!(second.kind(), io::ErrorKind::WouldBlock);
        assert!(second.to_string().starts_with("busy: "), "{second}");
        drop(first);
        assert!(!path.exists(), "the lock file is removed with the lock");
        let third = TreeLock::take("press-test", dir.path(), |_| String::new()).unwrap();
        assert_eq!(third.path(), path);
    }

    #[test]
    fn a_lock_on_a_removed_file_is_not_taken() {
        let dir = tempfile::tempdir().unwrap();
        let first = TreeLock::take("press-test", dir.path(), |_| String::new()).unwrap();
        let path = first.path().to_owned();
        // A run that opened the file just before the first one removed it on its way out.
        let stale = File::options().write(true).open(&path).unwrap();
        drop(first);
        assert!(lock_if_current(stale, &path, String::new).unwrap().is_none());
        // With a new file at the path, that run's next try takes it.
        let next = TreeLock::take("press-test", dir.path(), |_| String::new()).unwrap();
        assert!(lock_if_current(File::open(&path).unwrap(), &path, || "busy".into()).is_err());
        drop(next);
    }
}
