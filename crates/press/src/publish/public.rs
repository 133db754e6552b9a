//! `<dist>/public` kept a copy of the public folder. Trunk copies it once per `trunk build`;
//! between two of those, a pull downloads new images into it and press build adds photo
//! copies under `_photos/`, which the new pages name. So a publish copies what is new or
//! changed before press site writes the pages that use it, and removes what is gone only after,
//! when no page names it any more.

use std::collections::HashSet;
use std::io;
use std::path::Path;

use super::lists::relative;

/// Copies into `to` every file of `from` that `to` lacks or holds with other bytes (each file
/// written beside its target and renamed over it, so a reader never sees half of one), with
/// `from`'s modification time, so the next comparison is by size and time alone. Returns the
/// files copied, relative to `to`.
pub fn copy_new(from: &Path, to: &Path) -> io::Result<Vec<String>> {
    let mut copied = Vec::new();
    if !from.is_dir() {
        return Ok(copied);
    }
    for entry in walkdir::WalkDir::new(from).min_depth(1).follow_links(true) {
        let entry = entry?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = relative(from, entry.path());
        let target = to.join(&rel);
        if same(entry.path(), &target)? {
            continue;
        }
        copy_file(entry.path(), &target)?;
        copied.push(rel);
    }
    copied.sort_unstable();
    Ok(copied)
}

/// Whether `target` holds `source`'s bytes: the same size and time, or the same size and bytes
/// (then it takes the source's time, so the next run need not read it).
fn same(source: &Path, target: &Path) -> io::Result<bool> {
    let Ok(t) = std::fs::metadata(target) else { return Ok(false) };
    let s = std::fs::metadata(source)?;
    if !t.is_file() || s.len() != t.len() {
        return Ok(false);
    }
    if s.modified().ok() == t.modified().ok() {
        return Ok(true);
    }
    if std::fs::read(source)? != std::fs::read(target)? {
        return Ok(false);
    }
    if let Ok(time) = s.modified() {
        std::fs::File::options().write(true).open(target)?.set_modified(time)?;
    }
    Ok(true)
}

fn copy_file(source: &Path, target: &Path) -> io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    if dir.is_file() {
        std::fs::remove_file(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    if target.is_dir() {
        std::fs::remove_dir_all(target)?;
    }
    let tmp = tempfile::NamedTempFile::new_in(dir)?;
    std::fs::copy(source, tmp.path())?;
    if let Ok(time) = std::fs::metadata(source)?.modified() {
        tmp.as_file().set_modified(time)?;
    }
    crate::photos::set_readable(tmp.as_file())?;
    tmp.persist(target).map_err(|e| e.error)?;
    Ok(())
}

/// Removes the files of `to` that `from` no longer has, and folders left empty. Returns them,
/// relative to `to`.
pub fn remove_gone(from: &Path, to: &Path) -> io::Result<Vec<String>> {
    let mut removed = Vec::new();
    if !to.is_dir() {
        return Ok(removed);
    }
    let keep: HashSet<String> = if from.is_dir() {
        walkdir::WalkDir::new(from)
            .min_depth(1)
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| relative(from, e.path()))
            .collect()
    } else {
        HashSet::new()
    };
    for entry in walkdir::WalkDir::new(to).min_depth(1).contents_first(true) {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type().is_dir() {
            if std::fs::read_dir(path)?.next().is_none() {
                std::fs::remove_dir(path)?;
            }
            continue;
        }
        let rel = relative(to, path);
        if !keep.contains(&rel) {
            std::fs::remove_file(path)?;
            removed.push(rel);
        }
    }
    removed.sort_unstable();
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_and_changed_files_are_copied_then_gone_ones_removed() {
        let dir = tempfile::tempdir().unwrap();
        let (from, to) = (dir.path().join("public"), dir.path().join("dist/public"));
        for (rel, text) in [("a.svg", "a"), ("cms/b.jpg", "b"), ("c.svg", "c")] {
            std::fs::create_dir_all(from.join(rel).parent().unwrap()).unwrap();
            std::fs::write(from.join(rel), text).unwrap();
        }
        assert_eq!(copy_new(&from, &to).unwrap(), ["a.svg", "c.svg", "cms/b.jpg"]);
        assert_eq!(copy_new(&from, &to).unwrap(), Vec::<String>::new(), "nothing new");
        // A copy Trunk made (same bytes, another time) is not copied again.
        std::fs::write(to.join("a.svg"), "a").unwrap();
        assert_eq!(copy_new(&from, &to).unwrap(), Vec::<String>::new());
        std::fs::write(from.join("c.svg"), "C").unwrap();
        std::fs::remove_file(from.join("cms/b.jpg")).unwrap();
        assert_eq!(copy_new(&from, &to).unwrap(), ["c.svg"]);
        assert_eq!(std::fs::read_to_string(to.join("c.svg")).unwrap(), "C");
        assert!(to.join("cms/b.jpg").is_file(), "removed only after the pages are written");
        assert_eq!(remove_gone(&from, &to).unwrap(), ["cms/b.jpg"]);
        assert!(!to.join("cms").exists());
    }
}
