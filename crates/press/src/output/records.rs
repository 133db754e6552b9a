//! The small record files press keeps beside its outputs, replaced and removed whole.

use std::io;
use std::path::Path;

/// Replaces the small record file at `path` with `bytes` in one rename, so a reader sees the old
/// record or the new one, never half of one.
pub fn replace_record(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut tmp = path.to_owned().into_os_string();
    tmp.push(format!(".tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// Removes the record file at `path`; one that is not there is already gone.
pub fn remove_record(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
