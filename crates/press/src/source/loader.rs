//! What every kind of source shares while it is read: the [`Loader`] that collects diagnostics,
//! reading files, walking folders, slugs from file names, bodies from Markdown, and the
//! suggestion for a near miss.

use std::path::{Path, PathBuf};

use chrono::Utc;
use model::slug::slugify;
use model::{Author, Block};

use super::spill::BodyStore;
use crate::error::{Diagnostic, LineIndex, Pos};
use crate::images::ImageProbe;
use crate::markdown;

/// One load's shared state: what it found so far, and how it reads images and keeps bodies.
/// Each kind of source adds its own `impl Loader` in its file.
pub(super) struct Loader {
    pub diags: Vec<Diagnostic>,
    pub probe: ImageProbe,
    /// Site-internal links of site.toml with their positions, checked once everything is loaded.
    pub site_links: Vec<(String, Pos)>,
    /// Where article bodies go when they are spilled.
    pub spill: Option<std::sync::Arc<BodyStore>>,
    /// See [`super::LoadOptions::now`].
    pub now: chrono::DateTime<Utc>,
    /// See [`super::LoadOptions::previews`].
    pub previews: bool,
    /// Photos, shared by every thread of the load.
    pub photos: Option<std::sync::Arc<crate::photos::Photos>>,
    /// See [`super::LoadOptions::progress`].
    pub progress: crate::progress::Progress,
    /// The earliest publication time of a scheduled article (see [`super::Corpus::next_scheduled`]).
    pub next_scheduled: Option<chrono::DateTime<Utc>>,
}

/// An author as loaded, with the file it came from.
pub(super) type AuthorEntry = (Author, PathBuf);

impl Loader {
    pub(super) fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Whether an error was reported after the first `len` diagnostics.
    pub(super) fn has_errors_since(&self, len: usize) -> bool {
        self.diags.get(len..).is_some_and(|new| new.iter().any(Diagnostic::is_error))
    }

    pub(super) fn read(&mut self, path: &Path) -> Option<String> {
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Some(text),
                Err(e) => {
                    let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                    let line = upto.iter().filter(|b| **b == b'\n').count() + 1;
                    self.error(Diagnostic::error(path, "the file is not valid UTF-8").at_line(line));
                    None
                }
            },
            Err(e) => {
                self.error(Diagnostic::error(path, format!("cannot read: {e}")));
                None
            }
        }
    }

    /// Files with extension `ext` directly in `dir` (or anywhere below it), sorted. Hidden
    /// files and folders are skipped. A missing folder is empty. Symbolic links are followed;
    /// one that leads back to a folder above it is an error naming the link, and not followed.
    pub(super) fn files(&mut self, dir: &Path, ext: &str, recursive: bool) -> Vec<PathBuf> {
        let walk = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .min_depth(1)
            .max_depth(if recursive { usize::MAX } else { 1 })
            .into_iter()
            .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
        let mut out = Vec::new();
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => {
                    if e.path().extension().and_then(|x| x.to_str()) == Some(ext) {
                        out.push(e.into_path());
                    }
                }
                Err(e) => {
                    if let Some(d) = walk_error(dir, ext, &e) {
                        self.error(d);
                    }
                }
            }
        }
        out.sort();
        out
    }

    /// The slug a file name gives, or an error when the name is not already a slug.
    pub(super) fn file_slug(&mut self, path: &Path) -> Option<String> {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let slug = slugify(stem);
        if slug.is_empty() || slug != stem {
            let hint = if slug.is_empty() { String::new() } else { format!(": rename it to `{slug}`") };
            self.error(Diagnostic::error(path, format!("the file name `{stem}` is not a slug (a-z, 0-9 and -){hint}")));
            return None;
        }
        Some(slug)
    }

    pub(super) fn body(&mut self, path: &Path, text: &str, body_start: usize, lines: &LineIndex) -> Vec<Block> {
        self.body_part(path, text, body_start..text.len(), lines)
    }

    /// The blocks of bytes `part` of the file `text`: a body, or one entry of a live blog.
    pub(super) fn body_part(
        &mut self,
        path: &Path,
        text: &str,
        part: std::ops::Range<usize>,
        lines: &LineIndex,
    ) -> Vec<Block> {
        let src = markdown::Source { file: path, text, body_start: part.start, body_end: part.end, lines };
        let probe = &mut self.probe;
        let mut sizer = |s: &str| probe.image(s);
        markdown::to_blocks(&src, &mut sizer, &mut self.diags)
    }
}

/// What an editor is told of an entry that a walk of `root` for `ext` files could not read:
/// a link loop, a folder that cannot be listed, a source (e.g. a dangling link) that cannot be
/// read. `None` for a missing `root` (an empty folder) and for what is no source anyway.
fn walk_error(root: &Path, ext: &str, e: &walkdir::Error) -> Option<Diagnostic> {
    let path = e.path().unwrap_or(root);
    if let Some(ancestor) = e.loop_ancestor() {
        return Some(Diagnostic::error(
            path,
            format!(
                "a symbolic link loop: this links back to {}, a folder it is in; remove the link",
                ancestor.display()
            ),
        ));
    }
    let io = e.io_error();
    let message = io.map_or_else(|| e.to_string(), ToString::to_string);
    if e.depth() == 0 || path.is_dir() {
        let missing_root = e.depth() == 0 && io.is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
        return (!missing_root).then(|| Diagnostic::error(path, format!("cannot list the folder: {message}")));
    }
    let source = path.extension().and_then(|x| x.to_str()) == Some(ext);
    source.then(|| Diagnostic::error(path, format!("cannot read: {message}")))
}

/// ", did you mean `x`?" for a near miss (edit distance ≤ 2), else a pointer to `file`.
pub(super) fn suggestion<'a>(wanted: &str, known: impl Iterator<Item = &'a str>, file: &str) -> String {
    let best = known.map(|k| (edit_distance(wanted, k), k)).filter(|(d, _)| *d <= 2).min();
    match (best, file) {
        (Some((_, k)), _) => format!("; did you mean `{k}`?"),
        (None, "") => String::new(),
        (None, f) => format!(" (not among the sections in {f})"),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_for_near_misses() {
        assert_eq!(suggestion("belfod", ["belfold", "kulfold"].into_iter(), "site.toml"), "; did you mean `belfold`?");
        assert_eq!(suggestion("zzz", ["belfold"].into_iter(), "site.toml"), " (not among the sections in site.toml)");
    }
}
