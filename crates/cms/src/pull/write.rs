//! Changes to the staging copies: files of what is gone removed (and folders left empty), the
//! new files written (never through a hard link to the live tree), the state file last.

use std::collections::HashSet;
use std::path::Path;

use super::error::{io_err, PullError};
use crate::tree::{self, AuthorState, PostState, State, STATE_FILE};

/// Removes the article files of the previous pull that no post has any more (gone, or moved);
/// returns how many there were.
pub(super) fn remove_gone_articles(content: &Path, old: &[PostState], now: &[PostState]) -> Result<usize, PullError> {
    let keep: HashSet<&str> = now.iter().map(|p| p.file.as_str()).collect();
    let mut removed = 0;
    for p in old.iter().filter(|p| !keep.contains(p.file.as_str())) {
        let path = content.join(&p.file);
        if path.exists() {
            removed += 1;
        }
        tree::remove_and_prune(&content.join("articles"), &path).map_err(io_err(&path))?;
    }
    Ok(removed)
}

/// Removes the files of authors no post names any more, those the pull wrote only.
pub(super) fn remove_authors(content: &Path, gone: &[AuthorState]) -> Result<(), PullError> {
    for a in gone.iter().filter(|a| a.owned) {
        let path = content.join("authors").join(format!("{}.toml", a.slug));
        tree::remove_and_prune(&content.join("authors"), &path).map_err(io_err(&path))?;
    }
    Ok(())
}

/// Writes the articles; returns `(written, unchanged)`.
pub(super) fn articles(content: &Path, docs: &[(String, String)]) -> Result<(usize, usize), PullError> {
    let (mut written, mut unchanged) = (0, 0);
    for (file, text) in docs {
        let path = content.join(file);
        if tree::write_fresh(&path, text.as_bytes()).map_err(io_err(&path))? {
            written += 1;
        } else {
            unchanged += 1;
        }
    }
    Ok((written, unchanged))
}

/// Writes `(file relative to content, text)` pairs.
pub(super) fn files(content: &Path, files: &[(String, String)]) -> Result<(), PullError> {
    for (file, text) in files {
        let path = content.join(file);
        tree::write_fresh(&path, text.as_bytes()).map_err(io_err(&path))?;
    }
    Ok(())
}

/// Removes the media files no post or author of `state` uses.
pub(super) fn remove_unused_media(media: &Path, state: &State) -> Result<(), PullError> {
    let mut used: HashSet<&str> = state.posts.iter().flat_map(|p| p.media.iter().map(String::as_str)).collect();
    used.extend(state.authors.iter().filter_map(|a| a.avatar.as_deref()));
    for rel in tree::files_under(media) {
        if !used.contains(rel.as_str()) {
            let path = media.join(&rel);
            tree::remove_and_prune(media, &path).map_err(io_err(&path))?;
        }
    }
    Ok(())
}

pub(super) fn state(content: &Path, state: &State) -> Result<(), PullError> {
    let path = content.join(STATE_FILE);
    tree::write_fresh(&path, state.to_toml().as_bytes()).map_err(io_err(&path))?;
    Ok(())
}
