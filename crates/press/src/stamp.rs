//! File stamps and fingerprints, shared by the records that let press skip work it can prove
//! unchanged: press site's pages (docs/adr/0014), press publish's inputs (docs/adr/0015) and the
//! load's parse cache (docs/adr/0021). Outside the `site` feature, since press build uses them.

use std::path::Path;

use sha2::Sha256;

/// The running press binary's size and modification time: a press built again renders every
/// page again. (Hashing its bytes took seconds for a debug build, longer than the pages.)
pub(crate) fn binary_identity() -> Option<Vec<u8>> {
    let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some([meta.len().to_le_bytes(), (modified.as_nanos() as u64).to_le_bytes()].concat())
}

/// The stamp of the file at `path`, `None` when there is none.
pub(crate) fn stamp(path: &Path) -> Option<String> {
    std::fs::metadata(path).ok().map(|m| stamp_of(&m))
}

/// A file's size, inode, modification and change time: any write, replacement (even one that
/// puts the old modification time back) or removal changes it.
pub(crate) fn stamp_of(meta: &std::fs::Metadata) -> String {
    use std::os::unix::fs::MetadataExt;
    let parts = [
        meta.len(),
        meta.ino(),
        meta.mtime() as u64,
        meta.mtime_nsec() as u64,
        meta.ctime() as u64,
        meta.ctime_nsec() as u64,
    ];
    parts.iter().map(|p| format!("{p:x}")).collect::<Vec<_>>().join(".")
}

/// Length first, so that no two different lists of parts hash alike.
pub(crate) fn feed(h: &mut Sha256, part: &[u8]) {
    use sha2::Digest;
    h.update((part.len() as u64).to_le_bytes());
    h.update(part);
}

/// The first 16 bytes of a digest in hex: a fingerprint as the records keep it.
pub(crate) fn hex(digest: &[u8]) -> String {
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}
