//! `press`, hirlap's content compiler: Markdown + TOML sources (docs/CONTENT.md §1) into the
//! static JSON tree the app reads (§2).
//!
//! The pieces are usable on their own, so that `press serve` can answer the same paths from
//! memory and a prerenderer can reuse the rendered values:
//!
//! - [`load`] reads and validates `content/` into a [`Corpus`] (or every [`Diagnostic`] at once);
//! - [`Index`] answers one content-API path ([`Index::resolve`]) or renders them all;
//! - [`render_tree`] is every `(relative path, JSON)` of the tree;
//! - [`write_tree_atomically`] puts a tree on disk without ever leaving half of one
//!   ([`write_atomically_with`] streams the files instead of taking them all at once);
//! - [`build`] is all of it, as `press build` runs it.

#![recursion_limit = "256"]

pub mod build;
pub mod error;
pub mod images;
pub mod markdown;
pub mod newsroom;
pub mod output;
pub mod photos;
pub mod preview;
pub mod progress;
#[cfg(feature = "site")]
pub mod publish;
pub mod search;
pub mod serve;
#[cfg(feature = "site")]
pub mod site;
pub mod source;
mod stamp;
pub mod stats;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use build::{article_api_path, render_tree, Index};
pub use error::{Diagnostic, Severity};
pub use output::{write_atomically_with, write_tree_atomically};
pub use source::{default_public_dir, load, Corpus};

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub articles: usize,
    /// Sections and sub-sections of site.toml (not counting the gathered "Minden más").
    pub sections: usize,
    pub tags: usize,
    pub authors: usize,
    pub pages: usize,
    /// Files in the tree.
    pub files: usize,
    /// Of those, how many were new or changed, unchanged, and how many old ones were removed.
    pub written: output::WriteStats,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// When the same sources would build another tree (see [`source::Corpus::next_timed_change`]).
    pub next_timed_change: chrono::DateTime<chrono::Utc>,
    /// Articles parsed, and articles that came from the parse cache.
    pub parse: source::ParseCount,
    /// The stamps of the tree's documents that have prints (articles and lists), as the build
    /// left them: press site, run next in the same process, need not stat them again.
    pub document_stamps: HashMap<String, String>,
}

impl BuildReport {
    /// `press: 48 articles, 22 sections, 31 tags, 4 authors, 3 pages → dist/content in 0.12 s`
    pub fn summary(&self, out: &Path) -> String {
        let mut s = format!(
            "press: {} articles, {} sections, {} tags, {} authors, {} pages → {} in {:.2} s",
            self.articles,
            self.sections,
            self.tags,
            self.authors,
            self.pages,
            out.display(),
            self.elapsed.as_secs_f64()
        );
        if !self.warnings.is_empty() {
            s.push_str(&format!(
                " ({} warning{})",
                self.warnings.len(),
                if self.warnings.len() == 1 { "" } else { "s" }
            ));
        }
        s
    }
}

#[derive(Debug)]
pub enum BuildError {
    /// The sources have errors. All diagnostics, errors and warnings, sorted by file and line.
    /// Nothing was written.
    Content(Vec<Diagnostic>),
    /// The sources are fine but writing failed; the previous output is untouched.
    Write { out: PathBuf, error: std::io::Error, warnings: Vec<Diagnostic> },
}

impl BuildError {
    /// Every diagnostic to show (for `Write`, the warnings).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            BuildError::Content(d) => d,
            BuildError::Write { warnings, .. } => warnings,
        }
    }
}

/// `press build`: load, render, and put the tree at `out`, writing only the files that changed
/// (see [`output`]); a failed build leaves `out` as it was.
pub fn build(content_dir: &Path, public_dir: &Path, out: &Path) -> Result<BuildReport, BuildError> {
    build_with(content_dir, public_dir, out, source::LoadOptions::default())
}

/// [`build`] at another time (`press build --now`), or a preview build (`--drafts`). Bodies are
/// always spilled, whatever `opts` says.
pub fn build_with(
    content_dir: &Path,
    public_dir: &Path,
    out: &Path,
    opts: source::LoadOptions,
) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut phases = stats::Phases::new();
    let corpus = load_for_build(content_dir, public_dir, opts, Some(&parse_cache(out)))?;
    phases.lap("load");
    let index = opts.progress.during(progress::Work::Index, None, || Index::new(&corpus));
    phases.lap("index");
    let now = opts.now.unwrap_or_else(chrono::Utc::now);
    build_from(&index, out, now, opts.previews, opts.progress, started)
}

/// The load [`build_with`] makes: bodies parked on disk as JSON until their article is
/// written, so memory stays flat; with `cache` (an index path, see [`parse_cache`]), unchanged
/// articles come from the parse cache (docs/adr/0021).
pub fn load_for_build(
    content_dir: &Path,
    public_dir: &Path,
    opts: source::LoadOptions,
    cache: Option<&Path>,
) -> Result<Corpus, BuildError> {
    source::load_cached(content_dir, public_dir, source::LoadOptions { spill_bodies: true, ..opts }, cache)
        .map_err(BuildError::Content)
}

/// The parse cache's index for a build into `out`: beside the folder that is deployed, never in
/// it. A tree at `<dist>/content` (press publish's and press site's layout) shares
/// `.<dist>.parse-cache` with press publish; any other `out` has `.<out>.parse-cache`.
pub fn parse_cache(out: &Path) -> PathBuf {
    records_beside(out, "parse-cache")
}

/// The record `what` of a build into `out`, beside the folder that is deployed (see
/// [`parse_cache`]).
fn records_beside(out: &Path, what: &str) -> PathBuf {
    let dist = match (out.file_name(), out.parent()) {
        (Some(name), Some(parent)) if name == "content" && !parent.as_os_str().is_empty() => parent,
        _ => out,
    };
    output::beside(dist, what)
}

/// The tree of an index already made (press publish shares one between build and site), put
/// at `out`; `now` is the time the corpus was loaded at.
pub fn build_from(
    index: &Index,
    out: &Path,
    now: chrono::DateTime<chrono::Utc>,
    previews: bool,
    progress: progress::Progress,
    started: Instant,
) -> Result<BuildReport, BuildError> {
    let mut phases = stats::Phases::new();
    let corpus = index.corpus();
    let write_error = |error| BuildError::Write { out: out.to_owned(), error, warnings: corpus.warnings.clone() };
    let record = records_beside(out, "article-prints");
    let listing = records_beside(out, "content-files");
    let mut prints = None;
    // Rendered in parallel batches and written as they come: the tree is never held whole.
    let written = progress
        .during(progress::Work::Files, None, || {
            output::write_incrementally(out, output::Scope::Whole, Some(&listing), |sink| {
                // Under the output's lock: a build that is turned away neither reads nor
                // removes the record of the one that holds it.
                let p = prints.insert(build::prints::ArticlePrints::read(&record, out));
                output::remove_record(&record)?;
                index.each_output(p, |path, file| {
                    progress.advance(progress::Work::Files, 1);
                    match file {
                        build::Output::Bytes(bytes) => sink.write(&path, bytes),
                        build::Output::Kept => sink.keep(&path),
                    }
                })
            })
        })
        .map_err(write_error)?;
    let mut document_stamps = HashMap::new();
    if let Some(recorded) = prints.and_then(|p| p.record(&written.changed_files)) {
        output::replace_record(&record, &recorded.bytes).map_err(write_error)?;
        document_stamps = recorded.stamps;
    }
    phases.lap("render+write");
    // The record of published URLs grows with the build (a preview publishes nothing).
    let content_dir = &corpus.content_dir;
    if !previews {
        let read = || source::urls::UrlRecord::read(content_dir);
        let record = corpus.url_record.clone().map_or_else(read, Ok).map(|mut r| (r.record(&corpus.articles), r));
        if let Ok((true, record)) = record {
            record.write(content_dir).map_err(|error| BuildError::Write {
                out: content_dir.join(source::urls::FILE),
                error,
                warnings: corpus.warnings.clone(),
            })?;
        }
    }
    phases.lap("urls");
    let files = written.files;
    Ok(BuildReport {
        next_timed_change: corpus.next_timed_change(now),
        written,
        articles: corpus.articles.len(),
        sections: corpus.sections.len(),
        tags: index.tag_count(),
        authors: corpus.authors.len(),
        pages: corpus.pages.len(),
        files,
        warnings: corpus.warnings.clone(),
        elapsed: started.elapsed(),
        parse: corpus.parse,
        document_stamps,
    })
}

/// What `press check` found in sources that are good enough to build.
#[derive(Debug)]
pub struct CheckReport {
    /// Articles checked, drafts and scheduled ones included.
    pub articles: usize,
    /// Files the build would write.
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
}

/// `press check`: everything `press build` checks (drafts and scheduled articles included, as
/// errors), and every file rendered in memory; nothing is written, not even `urls.toml`.
pub fn check(content_dir: &Path, public_dir: &Path) -> Result<CheckReport, Vec<Diagnostic>> {
    let opts = source::LoadOptions { previews: true, photos: source::PhotoMode::CheckOnly, ..Default::default() };
    let corpus = source::load_with(content_dir, public_dir, opts)?;
    let index = Index::new(&corpus);
    let mut files = 0;
    index
        .each_file(|_, _| {
            files += 1;
            Ok::<(), std::io::Error>(())
        })
        .map_err(|e| vec![Diagnostic::error(content_dir, format!("cannot render: {e}"))])?;
    Ok(CheckReport { articles: corpus.articles.len(), files, warnings: corpus.warnings })
}
