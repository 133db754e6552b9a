//! Loading and validating the editors' sources (docs/CONTENT.md §1) into a `Corpus`.
//!
//! Every file is read and checked even after an error, so an editor sees all problems at once.
//! TOML errors and semantic errors (unknown section, missing image…) point at the line and
//! column in the file as the editor sees it: front-matter positions are offset by the fence.
//!
//! - [`front_matter`]: `+++` fences, TOML positions in the file, date-times;
//! - `site_toml`, `authors`, `pages`, `articles`: one kind of source each;
//! - [`spill`]: bodies parked on disk while press build runs;
//! - here: the [`Corpus`] they make, [`load`] and what every kind of source shares.

mod articles;
mod authors;
pub mod front_matter;
mod pages;
mod site_toml;
pub mod spill;
pub mod urls;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Utc};
use model::slug::slugify;
use model::{Article, Author, Block, Countdown, Link, SectionRef, SocialLink, StaticPage, Timestamp};

use crate::error::{self, Diagnostic, LineIndex, Pos};
use crate::images::ImageProbe;
use crate::markdown;

pub use articles::{CoverToml, FrontMatter};
pub use front_matter::{parse_front_matter, split_front_matter, FrontMatterSplit, Stamp};
pub use pages::PageFrontMatter;
pub use spill::{BodyStore, SpilledBody};

/// Slug of the gathered section listing everything outside the first `menu_inline` sections.
pub const GATHERED_SLUG: &str = "minden-mas";
/// Its display name.
pub const GATHERED_NAME: &str = "Minden más";

/// Social networks the app has icons for.
pub const SOCIAL_NETWORKS: [&str; 5] = ["instagram", "facebook", "twitter", "coub", "youtube"];

// ---------------------------------------------------------------- the loaded corpus

/// Everything `press` knows after reading `content/`: validated, ready to be rendered.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub content_dir: PathBuf,
    pub public_dir: PathBuf,
    pub site: SiteConfig,
    /// All sections in menu order, each parent directly followed by its children.
    pub sections: Vec<SectionInfo>,
    pub authors: BTreeMap<String, Author>,
    /// Newest first (ties by slug, then path). `related` is empty here: `build` computes it.
    pub articles: Vec<LoadedArticle>,
    /// By slug.
    pub pages: Vec<StaticPage>,
    /// Non-fatal findings, sorted by file and line.
    pub warnings: Vec<Diagnostic>,
}

/// site.toml without its sections (those are in `Corpus::sections`).
#[derive(Debug, Clone, PartialEq)]
pub struct SiteConfig {
    pub name: String,
    pub tagline: String,
    pub motto: String,
    pub base_url: String,
    pub copyright_from: i32,
    pub menu_inline: usize,
    pub popular_tags: usize,
    pub popular_window_days: u32,
    pub footer_sections: Vec<Link>,
    pub legal: Vec<Link>,
    pub social: Vec<SocialLink>,
    pub countdown: Option<Countdown>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionInfo {
    pub slug: String,
    pub name: String,
    /// Slug of the parent for a sub-section.
    pub parent: Option<String>,
    /// Slugs of the sub-sections, in menu order.
    pub children: Vec<String>,
}

impl SectionInfo {
    pub fn as_ref(&self) -> SectionRef {
        SectionRef { slug: self.slug.clone(), name: self.name.clone() }
    }
}

#[derive(Debug, Clone)]
pub struct LoadedArticle {
    /// The source file (as found under the content dir).
    pub file: PathBuf,
    /// The article; its `body` is empty when the body was spilled (see [`LoadOptions`]).
    pub article: Article,
    /// Where the body's JSON was parked, when it was.
    pub spilled: Option<SpilledBody>,
    /// Old site paths that answer with a 301 to this article (`aliases` in the front matter,
    /// and its URLs recorded in `urls.toml` that it no longer has).
    pub aliases: Vec<String>,
    /// What `urls.toml` knows the article by: `id:<id>` or its file (see [`urls::identity`]).
    pub identity: String,
}

impl LoadedArticle {
    /// The article's body: in memory, or read back from the spill file.
    pub fn body(&self) -> std::io::Result<std::borrow::Cow<'_, [Block]>> {
        match &self.spilled {
            None => Ok(std::borrow::Cow::Borrowed(&self.article.body)),
            Some(s) => {
                let bytes = s.json()?;
                serde_json::from_slice(&bytes).map(std::borrow::Cow::Owned).map_err(std::io::Error::other)
            }
        }
    }
}

/// How `load_with` keeps what it read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Serialise each article body to JSON as soon as it is parsed and park it in an unlinked
    /// temporary file instead of memory: bodies are most of a corpus, so a large archive then
    /// loads in a fraction of the memory. `press build` does this; the JSON is spliced into the
    /// article file as it is, and [`LoadedArticle::body`] reads it back for anyone else.
    pub spill_bodies: bool,
    /// The time that decides which articles are published: one whose `published` is later
    /// is left out (or previewed). `None`: the clock.
    pub now: Option<chrono::DateTime<Utc>>,
    /// A preview (`press serve --drafts`): drafts and scheduled articles are kept, marked
    /// with [`model::Preview`], instead of being left out.
    pub previews: bool,
    /// What to do with photos (JPEG, PNG, WebP under /public/).
    pub photos: PhotoMode,
    /// Where to report articles read and photos encoded (nowhere by default).
    pub progress: crate::progress::Progress,
}

/// How a load treats photos ([`crate::photos`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PhotoMode {
    /// Resize and encode the missing variants into `<public>/_photos/` (build, site, serve).
    #[default]
    Encode,
    /// Decode them to check them, write nothing (press check).
    CheckOnly,
    /// Read only their size from the header, as for any image.
    SizeOnly,
}

impl Corpus {
    /// `(old path, article path)` for every alias, sorted by old path.
    pub fn redirects(&self) -> Vec<(&str, &str)> {
        let mut r: Vec<(&str, &str)> = self
            .articles
            .iter()
            .flat_map(|a| a.aliases.iter().map(move |al| (al.as_str(), a.article.path.as_str())))
            .collect();
        r.sort_unstable();
        r
    }

    pub fn section(&self, slug: &str) -> Option<&SectionInfo> {
        self.sections.iter().find(|s| s.slug == slug)
    }

    /// Top-level sections in menu order.
    pub fn top_sections(&self) -> impl Iterator<Item = &SectionInfo> {
        self.sections.iter().filter(|s| s.parent.is_none())
    }

    /// The top-level section an article belongs to (its own, or its section's parent).
    pub fn top_section_of<'a>(&'a self, article: &'a Article) -> &'a str {
        article.parent_section.as_ref().map(|p| p.slug.as_str()).unwrap_or(&article.section.slug)
    }

    /// The top-level sections gathered under "Minden más": all after the first `menu_inline`.
    pub fn gathered_sections(&self) -> Vec<&SectionInfo> {
        self.top_sections().skip(self.site.menu_inline).collect()
    }
}

// ---------------------------------------------------------------- loading

/// Reads and validates everything under `content_dir`; images are looked up under `public_dir`.
/// On failure, returns all diagnostics (errors and warnings), sorted by file and position.
pub fn load(content_dir: &Path, public_dir: &Path) -> Result<Corpus, Vec<Diagnostic>> {
    load_with(content_dir, public_dir, LoadOptions::default())
}

/// `load`, with bodies kept as `opts` says.
pub fn load_with(content_dir: &Path, public_dir: &Path, opts: LoadOptions) -> Result<Corpus, Vec<Diagnostic>> {
    let spill = if opts.spill_bodies {
        match BodyStore::new() {
            Ok(store) => Some(std::sync::Arc::new(store)),
            Err(e) => {
                return Err(vec![Diagnostic::error(
                    std::env::temp_dir(),
                    format!("cannot create a temporary file: {e}"),
                )])
            }
        }
    } else {
        None
    };
    let photos = match opts.photos {
        PhotoMode::Encode => {
            Some(std::sync::Arc::new(crate::photos::Photos::new(public_dir, true).reporting_to(opts.progress)))
        }
        PhotoMode::CheckOnly => Some(std::sync::Arc::new(crate::photos::Photos::new(public_dir, false))),
        PhotoMode::SizeOnly => None,
    };
    let mut loader = Loader {
        diags: Vec::new(),
        probe: ImageProbe::with_photos(public_dir, photos.clone()),
        photos,
        site_links: Vec::new(),
        spill: spill.clone(),
        now: opts.now.unwrap_or_else(Utc::now),
        previews: opts.previews,
        progress: opts.progress,
    };
    if !content_dir.is_dir() {
        return Err(vec![Diagnostic::error(content_dir, "content folder not found")]);
    }

    let mut phases = crate::stats::Phases::new();
    let site_path = content_dir.join("site.toml");
    let site = loader.load_site(&site_path);
    let authors = loader.load_authors(&content_dir.join("authors"));
    let pages = loader.load_pages(&content_dir.join("pages"));
    let mut articles =
        loader.load_articles(&content_dir.join("articles"), site.as_ref().map(|(_, s)| s.as_slice()), &authors);
    phases.lap(" articles");

    loader.check_duplicate_paths(&articles);
    for a in articles.iter_mut().filter(|a| a.identity.is_empty()) {
        a.identity = urls::identity(content_dir, &a.file, None);
    }
    match urls::UrlRecord::read(content_dir) {
        Ok(record) => urls::apply(content_dir, &record, &mut articles, &mut loader.diags),
        Err(d) => loader.error(d),
    }
    loader.canonicalise_tags(&mut articles);
    if let Some((_, sections)) = &site {
        loader.check_site_links(&site_path, sections, &pages, &articles);
    }

    let Loader { mut diags, .. } = loader;
    error::sort(&mut diags);
    let (Some((config, sections)), false) = (site, diags.iter().any(Diagnostic::is_error)) else {
        return Err(diags);
    };
    articles.sort_by(|a, b| newest_first(&a.article, &b.article));
    phases.lap(" checks");
    Ok(Corpus {
        content_dir: content_dir.to_owned(),
        public_dir: public_dir.to_owned(),
        site: config,
        sections,
        authors: authors.into_iter().map(|(k, (a, _))| (k, a)).collect(),
        articles,
        pages,
        warnings: diags,
    })
}

/// The section slugs (sub-sections included) and author slugs of `content_dir`, read exactly as a
/// build reads site.toml and authors/, for commands that write new sources. Only a site.toml that
/// cannot be read is an error here; the rest (an author's missing avatar, …) is press check's.
pub fn sections_and_authors(content_dir: &Path) -> Result<(Vec<String>, Vec<String>), Vec<Diagnostic>> {
    let mut loader = Loader {
        diags: Vec::new(),
        probe: ImageProbe::new(crate::default_public_dir(content_dir)),
        site_links: Vec::new(),
        spill: None,
        now: Utc::now(),
        previews: false,
        photos: None,
        progress: crate::progress::Progress::none(),
    };
    let site = loader.load_site(&content_dir.join("site.toml"));
    let authors = loader.load_authors(&content_dir.join("authors"));
    match site {
        Some((_, sections)) => Ok((sections.into_iter().map(|s| s.slug).collect(), authors.into_keys().collect())),
        None => Err(loader.diags),
    }
}

/// Newest first; ties by slug, then path, so every order in the output is deterministic.
pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.published
        .with_timezone(&Utc)
        .cmp(&a.published.with_timezone(&Utc))
        .then_with(|| a.slug.cmp(&b.slug))
        .then_with(|| a.path.cmp(&b.path))
}

struct Loader {
    diags: Vec<Diagnostic>,
    probe: ImageProbe,
    /// Site-internal links of site.toml with their positions, checked once everything is loaded.
    site_links: Vec<(String, Pos)>,
    /// Where article bodies go when they are spilled.
    spill: Option<std::sync::Arc<BodyStore>>,
    /// See [`LoadOptions::now`].
    now: chrono::DateTime<Utc>,
    /// See [`LoadOptions::previews`].
    previews: bool,
    /// Photos, shared by every thread of the load.
    photos: Option<std::sync::Arc<crate::photos::Photos>>,
    /// See [`LoadOptions::progress`].
    progress: crate::progress::Progress,
}

/// An author as loaded, with the file it came from.
type AuthorEntry = (Author, PathBuf);

impl Loader {
    fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Whether an error was reported after the first `len` diagnostics.
    fn has_errors_since(&self, len: usize) -> bool {
        self.diags.get(len..).is_some_and(|new| new.iter().any(Diagnostic::is_error))
    }

    fn read(&mut self, path: &Path) -> Option<String> {
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
    fn files(&mut self, dir: &Path, ext: &str, recursive: bool) -> Vec<PathBuf> {
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
    fn file_slug(&mut self, path: &Path) -> Option<String> {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let slug = slugify(stem);
        if slug.is_empty() || slug != stem {
            let hint = if slug.is_empty() { String::new() } else { format!(": rename it to `{slug}`") };
            self.error(Diagnostic::error(path, format!("the file name `{stem}` is not a slug (a-z, 0-9 and -){hint}")));
            return None;
        }
        Some(slug)
    }

    fn body(&mut self, path: &Path, text: &str, body_start: usize, lines: &LineIndex) -> Vec<Block> {
        let src = markdown::Source { file: path, text, body_start, lines };
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

/// `/<section>/<yyyy>/<mm>/<dd>/<slug>`, the date in the published offset.
pub fn article_path(section: &str, published: &Timestamp, slug: &str) -> String {
    let (y, m, d) = date_parts(published);
    format!("/{section}/{y}/{m}/{d}/{slug}")
}

/// `("2024", "03", "15")` in the timestamp's own offset.
pub fn date_parts(t: &Timestamp) -> (String, String, String) {
    (format!("{:04}", t.year()), format!("{:02}", t.month()), format!("{:02}", t.day()))
}

/// ", did you mean `x`?" for a near miss (edit distance ≤ 2), else a pointer to `file`.
fn suggestion<'a>(wanted: &str, known: impl Iterator<Item = &'a str>, file: &str) -> String {
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
    fn article_paths_use_the_published_offset() {
        let t = chrono::DateTime::parse_from_rfc3339("2024-03-01T00:30:00+01:00").unwrap();
        assert_eq!(article_path("belfold", &t, "x"), "/belfold/2024/03/01/x");
    }

    #[test]
    fn suggestions_for_near_misses() {
        assert_eq!(suggestion("belfod", ["belfold", "kulfold"].into_iter(), "site.toml"), "; did you mean `belfold`?");
        assert_eq!(suggestion("zzz", ["belfold"].into_iter(), "site.toml"), " (not among the sections in site.toml)");
    }
}
