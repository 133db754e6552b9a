//! One publish at a time per `<dist>`: an exclusive lock on a file beside it (the operating
//! system's advisory lock, released when the process ends, however it ends). A killed step's
//! staging folders are removed by the next run's stage (crate::output), under its own lock.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often a waiting run tries the lock again (and looks whether it was asked to stop).
const POLL: Duration = Duration::from_millis(100);

/// The lock held by a run; released when dropped.
#[derive(Debug)]
pub struct Lock {
    _file: File,
    pub path: PathBuf,
}

/// Why no lock was taken.
#[derive(Debug)]
pub enum LockError {
    /// Another run holds it and we were told not to wait (its process id, when it wrote one).
    Busy {
        path: PathBuf,
        holder: Option<u32>,
    },
    /// Asked to stop while waiting.
    Stopped,
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Busy { path, holder } => write!(
                f,
                "another press publish is running ({}lock {}); not waiting (--no-wait)",
                holder.map(|p| format!("process {p}, ")).unwrap_or_default(),
                path.display()
            ),
            LockError::Stopped => f.write_str("stopped while waiting for the lock"),
            LockError::Io { path, error } => write!(f, "cannot lock {}: {error}", path.display()),
        }
    }
}

pub use crate::output::beside;

/// Takes the lock of `dist`. When another run holds it: `waiting(holder)` is called once and
/// the lock is tried again until it is free or `stop` is set; with `wait` false, fails at once.
pub fn acquire(
    dist: &Path,
    wait: bool,
    stop: &AtomicBool,
    mut waiting: impl FnMut(Option<u32>),
) -> Result<Lock, LockError> {
    let path = beside(dist, "publish-lock");
    let io_err = |error| LockError::Io { path: path.clone(), error };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_err)?;
    }
    let mut file =
        OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(io_err)?;
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) => {
                let holder = holder(&mut file);
                if !wait {
                    return Err(LockError::Busy { path, holder });
                }
                if !told {
                    waiting(holder);
                    told = true;
                }
                if stop.load(Ordering::Relaxed) {
                    return Err(LockError::Stopped);
                }
                std::thread::sleep(POLL);
            }
            Err(TryLockError::Error(e)) => return Err(io_err(e)),
        }
    }
    // Who holds it, for the message a waiting run prints.
    let pid = format!("{}\n", std::process::id());
    file.set_len(0).and_then(|()| file.rewind()).and_then(|()| file.write_all(pid.as_bytes())).map_err(io_err)?;
    Ok(Lock { _file: file, path })
}

fn holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_or_fails_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let dist = dir.path().join("dist");
        let stop = AtomicBool::new(false);
        let first = acquire(&dist, false, &stop, |_| {}).unwrap();
        match acquire(&dist, false, &stop, |_| {}) {
            Err(LockError::Busy { holder, .. }) => assert_eq!(holder, Some(std::process::id())),
            other => panic!("{other:?}"),
        }
        let stop_now = AtomicBool::new(true);
        let mut told = None;
        assert!(matches!(acquire(&dist, true, &stop_now, |h| told = Some(h)), Err(LockError::Stopped)));
        assert_eq!(told, Some(Some(std::process::id())));
        drop(first);
        acquire(&dist, false, &stop, |_| {}).unwrap();
    }
}
