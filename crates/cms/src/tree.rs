//! The file-system side of a pull: the state file, staging copies and the final swap.
//!
//! A pull never writes into the live tree. It hard-links the content folder (and the media
//! folder under public/) into sibling staging folders, changes files there (always by removing
//! and creating, never by writing through a hard link), and only when everything succeeded
//! exchanges each staging folder with the live one (`renameat2(RENAME_EXCHANGE)` on Linux: one
//! atomic step per folder). On any error the staging folders are removed and the live tree was
//! never touched.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

/// The state file, inside the content folder.
pub const STATE_FILE: &str = ".pull-state.toml";

/// What a pull owns in the tree and where the next one continues.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub cms: String,
    pub url: String,
    /// The CMS's newest modification mark seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// The CMS's names fingerprint ([`crate::source::Source::names_mark`]) at that pull.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub names: Option<String>,
    #[serde(default, rename = "post")]
    pub posts: Vec<PostState>,
    #[serde(default, rename = "author")]
    pub authors: Vec<AuthorState>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostState {
    pub id: u64,
    /// The article file, relative to the content folder.
    pub file: String,
    /// Its URL on the CMS and on the new site (for rewriting links between posts).
    pub link: String,
    pub path: String,
    /// Every earlier path of it on the new site (it moved: a new slug or section), oldest
    /// first: each stays an alias, since readers and search engines may still hold any of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub old_paths: Vec<String>,
    pub author: u64,
    /// Media files it uses, relative to the media folder.
    #[serde(default)]
    pub media: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthorState {
    pub id: u64,
    pub slug: String,
    /// `false` when an editor's own `authors/<slug>.toml` was there first: it is used, never written.
    pub owned: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
}

impl State {
    pub fn load(path: &Path) -> Result<Option<State>, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map(Some).map_err(|e| format!("{}: {}", path.display(), e.message())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!("# Written by `press pull`: what it owns in this tree. Do not edit; delete it for a full pull.\n{body}")
    }
}

/// Held while a pull writes `content` (and its media folder): a second pull of the same tree
/// at the same time gets a clear error instead of swapping its own half of the tree in. The
/// lock file lives in the temporary folder, keyed by the content folder's full path, so the
/// tree itself gets no extra file; the kernel releases it when the process ends, killed or not.
pub fn lock(content: &Path) -> io::Result<tree_lock::TreeLock> {
    tree_lock::TreeLock::take("press-pull", content, |full| {
        format!("another press pull is writing {} now; run again when it has finished", full.display())
    })
}

/// A staging copy of `live` beside it; removed on drop unless swapped in.
pub struct Staging {
    pub live: PathBuf,
    pub dir: PathBuf,
    done: bool,
}

impl Staging {
    /// Hard-links every file of `live` (if it exists) into a fresh sibling folder. The caller
    /// holds [`lock`], so any other staging folder of `live` was left by a pull that was
    /// killed: it only takes disk, and goes.
    pub fn new(live: &Path) -> io::Result<Staging> {
        let parent = match live.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        let name = live.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "tree".into());
        let stem = format!(".{name}.pull-");
        if parent.is_dir() {
            for entry in std::fs::read_dir(&parent)? {
                let entry = entry?;
                if entry.file_name().to_string_lossy().starts_with(&stem) && entry.file_type()?.is_dir() {
                    std::fs::remove_dir_all(entry.path())?;
                }
            }
        }
        let dir = parent.join(format!("{stem}{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let staging = Staging { live: live.to_owned(), dir, done: false };
        if live.is_dir() {
            link_tree(live, &staging.dir)?;
        }
        Ok(staging)
    }

    /// Puts the staging folder in place of the live one; the old tree is removed.
    pub fn swap(mut self) -> io::Result<()> {
        if self.live.exists() {
            exchange(&self.dir, &self.live)?;
            self.done = true;
            std::fs::remove_dir_all(&self.dir)
        } else {
            if let Some(p) = self.live.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(p)?;
            }
            std::fs::rename(&self.dir, &self.live)?;
            self.done = true;
            Ok(())
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Recreates `from` under `to`: folders made, files hard-linked (copied across file systems),
/// symbolic links copied as links, other pulls' staging folders left out.
fn link_tree(from: &Path, to: &Path) -> io::Result<()> {
    let entries = WalkDir::new(from)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().contains(".pull-"));
    for entry in entries {
        let entry = entry?;
        let (src, dst) = (entry.path(), to.join(entry.path().strip_prefix(from).map_err(io::Error::other)?));
        let kind = entry.file_type();
        if kind.is_dir() {
            std::fs::create_dir(&dst)?;
        } else if kind.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(src)?, &dst)?;
        } else if std::fs::hard_link(src, &dst).is_err() {
            std::fs::copy(src, &dst)?;
        }
    }
    Ok(())
}

/// Swaps two paths in one step where the kernel can, else in two renames.
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let ca = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
        let cb = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
        // SAFETY: both are valid NUL-terminated paths; renameat2 only reads them.
        let rc =
            unsafe { libc::renameat2(libc::AT_FDCWD, ca.as_ptr(), libc::AT_FDCWD, cb.as_ptr(), libc::RENAME_EXCHANGE) };
        if rc == 0 {
            return Ok(());
        }
        let err = io::Error::last_os_error();
        if !matches!(err.raw_os_error(), Some(libc::EINVAL) | Some(libc::ENOSYS)) {
            return Err(err);
        }
    }
    let aside = a.with_extension("old");
    std::fs::rename(b, &aside)?;
    std::fs::rename(a, b)?;
    std::fs::rename(&aside, a)
}

/// Writes `bytes` to `path` unless it already holds them; never writes through a hard link
/// (the old file is unlinked first). Returns whether anything was written.
pub fn write_fresh(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    std::fs::write(path, bytes)?;
    Ok(true)
}

/// Removes `path` and then its parent folders up to `root` while they are empty.
pub fn remove_and_prune(root: &Path, path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

/// Every regular file under `root`, relative, with `/` separators, sorted. Symbolic links are
/// neither listed nor followed: the pull writes none, and what it removes from this list must
/// never be a file behind a link, outside the tree. A missing or unreadable folder lists nothing.
pub fn files_under(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| Some(e.path().strip_prefix(root).ok()?.to_string_lossy().replace('\\', "/")))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_under_lists_regular_files_and_never_follows_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let (root, outside) = (dir.path().join("media"), dir.path().join("elsewhere"));
        std::fs::create_dir_all(root.join("2024/05")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(root.join("2024/05/a.jpg"), b"a").unwrap();
        std::fs::write(root.join("b.png"), b"b").unwrap();
        std::fs::write(outside.join("c.jpg"), b"c").unwrap();
        // The pull removes what this lists and no post uses: never anything behind a link.
        std::os::unix::fs::symlink(&outside, root.join("linked-dir")).unwrap();
        std::os::unix::fs::symlink(outside.join("c.jpg"), root.join("linked.jpg")).unwrap();
        assert_eq!(files_under(&root), ["2024/05/a.jpg", "b.png"]);
        assert!(files_under(&dir.path().join("missing")).is_empty());
    }

    #[test]
    fn staging_links_the_tree_and_skips_other_staging_folders() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("content");
        std::fs::create_dir_all(live.join("articles/belfold")).unwrap();
        std::fs::create_dir_all(live.join(".x.pull-1")).unwrap();
        std::fs::write(live.join("articles/belfold/a.md"), b"a").unwrap();
        std::fs::write(live.join(".x.pull-1/junk"), b"j").unwrap();
        std::os::unix::fs::symlink("articles", live.join("alias")).unwrap();
        let staging = Staging::new(&live).unwrap();
        assert_eq!(files_under(&staging.dir), ["articles/belfold/a.md"]);
        assert_eq!(std::fs::read_link(staging.dir.join("alias")).unwrap(), Path::new("articles"));
        use std::os::unix::fs::MetadataExt;
        let ino = |p: &Path| std::fs::metadata(p).unwrap().ino();
        assert_eq!(ino(&staging.dir.join("articles/belfold/a.md")), ino(&live.join("articles/belfold/a.md")));
    }
}
