//! Loading and validating the editors' sources (docs/CONTENT.md §1) into a `Corpus`.
//!
//! Every file is read and checked even after an error, so an editor sees all problems at once.
//! TOML errors and semantic errors (unknown section, missing image…) point at the line and
//! column in the file as the editor sees it: front-matter positions are offset by the fence.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Utc};
use model::slug::slugify;
use model::{Article, Author, Block, Countdown, Image, Link, SectionRef, SocialLink, StaticPage, TagRef, Timestamp};
use rayon::prelude::*;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::error::{self, Diagnostic, LineIndex, Pos};
use crate::images::ImageProbe;
use crate::markdown;

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
    /// Old site paths that answer with a 301 to this article (`aliases` in the front matter).
    pub aliases: Vec<String>,
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
}

/// An article body's JSON in a [`BodyStore`].
#[derive(Debug, Clone)]
pub struct SpilledBody {
    store: std::sync::Arc<BodyStore>,
    offset: u64,
    len: usize,
}

impl SpilledBody {
    /// The body's JSON (a JSON array of blocks), exactly as serialised when loading.
    pub fn json(&self) -> std::io::Result<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let mut buf = vec![0; self.len];
        self.store.file.read_exact_at(&mut buf, self.offset)?;
        Ok(buf)
    }
}

/// An append-only temporary file of JSON bodies, removed by the system when closed.
#[derive(Debug)]
pub struct BodyStore {
    file: std::fs::File,
    end: std::sync::Mutex<u64>,
}

impl BodyStore {
    pub fn new() -> std::io::Result<Self> {
        Ok(BodyStore { file: tempfile::tempfile()?, end: std::sync::Mutex::new(0) })
    }

    /// Appends `json` (from any thread) and returns where it went.
    pub fn put(self: &std::sync::Arc<Self>, json: &[u8]) -> std::io::Result<SpilledBody> {
        use std::os::unix::fs::FileExt;
        let offset = {
            let mut end = self.end.lock().map_err(|_| std::io::Error::other("body store poisoned"))?;
            let at = *end;
            *end += json.len() as u64;
            at
        };
        self.file.write_all_at(json, offset)?;
        Ok(SpilledBody { store: self.clone(), offset, len: json.len() })
    }
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

// ---------------------------------------------------------------- the source formats

fn default_menu_inline() -> usize {
    4
}
fn default_popular_tags() -> usize {
    24
}
fn default_popular_window_days() -> u32 {
    365
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteToml {
    name: String,
    tagline: String,
    motto: String,
    base_url: Spanned<String>,
    copyright_from: i32,
    #[serde(default = "default_menu_inline")]
    menu_inline: usize,
    #[serde(default = "default_popular_tags")]
    popular_tags: usize,
    #[serde(default = "default_popular_window_days")]
    popular_window_days: u32,
    #[serde(default)]
    sections: Vec<SectionToml>,
    #[serde(default)]
    footer_sections: Vec<LinkToml>,
    #[serde(default)]
    social: Vec<SocialToml>,
    #[serde(default)]
    legal: Vec<LinkToml>,
    countdown: Option<CountdownToml>,
    /// `press pull`'s mapping (crates/cms, docs/CMS.md): read there, only allowed here.
    #[serde(default, rename = "pull")]
    _pull: Option<toml::Table>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionToml {
    slug: Spanned<String>,
    name: String,
    #[serde(default)]
    children: Vec<ChildSectionToml>,
}

/// Sub-sections cannot have children of their own: one level, as the menu.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChildSectionToml {
    slug: Spanned<String>,
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkToml {
    label: String,
    href: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SocialToml {
    network: Spanned<String>,
    label: String,
    href: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountdownToml {
    title: String,
    target: Stamp,
    after: String,
    href: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthorToml {
    name: String,
    avatar: Spanned<String>,
    #[serde(default)]
    bio: String,
}

/// An article's front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Spanned<String>,
    pub lead: Spanned<String>,
    pub section: Spanned<String>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    pub author: Spanned<String>,
    pub published: Spanned<Stamp>,
    pub updated: Option<Spanned<Stamp>>,
    pub source: Option<String>,
    pub cover: Option<CoverToml>,
    /// Old URLs of the article (from a CMS pull): each becomes a 301 redirect to it.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverToml {
    pub src: Spanned<String>,
    pub alt: String,
    pub credit: Option<String>,
}

/// A static page's front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    pub title: Spanned<String>,
}

/// A timestamp with an offset, written as a TOML offset date-time or as an RFC 3339 string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp(pub Timestamp);

const STAMP_EXPECTED: &str = "a date-time with an offset, e.g. 2024-03-15T09:30:00+01:00";

impl Stamp {
    fn parse(s: &str) -> Result<Stamp, String> {
        chrono::DateTime::parse_from_rfc3339(s.trim())
            .map(Stamp)
            .map_err(|_| format!("invalid date-time `{s}`, expected {STAMP_EXPECTED}"))
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StampVisitor;
        impl<'de> Visitor<'de> for StampVisitor {
            type Value = Stamp;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(STAMP_EXPECTED)
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<Stamp, E> {
                Stamp::parse(s).map_err(E::custom)
            }

            // TOML date-times arrive as a one-entry map (toml's private representation).
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Stamp, A::Error> {
                let dt = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if dt.offset.is_none() || dt.time.is_none() || dt.date.is_none() {
                    return Err(de::Error::custom(format!(
                        "`{dt}` has no time or no offset; expected {STAMP_EXPECTED}"
                    )));
                }
                Stamp::parse(&dt.to_string()).map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_any(StampVisitor)
    }
}

// ---------------------------------------------------------------- positions in a file

/// A source file's text with its line index, for turning spans into positions.
struct FileText<'a> {
    path: &'a Path,
    text: &'a str,
    lines: LineIndex,
    /// Where the TOML part starts (after the opening fence for Markdown files).
    toml_start: usize,
}

impl<'a> FileText<'a> {
    fn new(path: &'a Path, text: &'a str, toml_start: usize) -> Self {
        FileText { path, text, lines: LineIndex::new(text), toml_start }
    }

    /// Position of a span that is relative to the TOML part.
    fn pos(&self, toml_offset: usize) -> Pos {
        self.lines.pos(self.text, self.toml_start + toml_offset)
    }

    fn error_at<T>(&self, spanned: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.path, message).at(self.pos(spanned.span().start))
    }

    fn warning_at<T>(&self, spanned: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(self.path, message).at(self.pos(spanned.span().start))
    }

    /// A TOML parse or type error, positioned in the file. A field missing from the top-level
    /// table is reported at the start of the table (the opening fence for front matter).
    fn toml_error(&self, err: &toml::de::Error, what: &str) -> Diagnostic {
        let message = err.message().trim().to_owned();
        match err.span() {
            Some(span) if span.start == 0 && span.end == 0 && message.starts_with("missing field") => {
                Diagnostic::error(self.path, format!("{message} in {what}")).at(Pos { line: 1, col: 1 })
            }
            Some(span) => Diagnostic::error(self.path, message).at(self.pos(span.start)),
            None => Diagnostic::error(self.path, message).at(Pos { line: 1, col: 1 }),
        }
    }
}

/// Byte ranges of a Markdown file's parts: the TOML between the `+++` fences and the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatterSplit {
    pub toml_start: usize,
    pub toml_end: usize,
    pub body_start: usize,
}

/// Finds the `+++` fences. The error carries a position and what was expected.
pub fn split_front_matter(text: &str) -> Result<FrontMatterSplit, (Pos, String)> {
    let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut lines = text[start..].split_inclusive('\n').scan(start, |offset, line| {
        let at = *offset;
        *offset += line.len();
        Some((at, line))
    });
    match lines.next() {
        Some((_, first)) if first.trim_end() == "+++" => {}
        _ => {
            return Err((
                Pos { line: 1, col: 1 },
                "expected `+++` on the first line to open the front matter".to_owned(),
            ))
        }
    }
    let toml_start = text[start..].find('\n').map(|i| start + i + 1).unwrap_or(text.len());
    for (at, line) in lines {
        if line.trim_end() == "+++" {
            return Ok(FrontMatterSplit { toml_start, toml_end: at, body_start: at + line.len() });
        }
    }
    // The last line of the file (a final newline does not start another one).
    let last_line = text.trim_end_matches('\n').split('\n').count().max(1);
    Err((
        Pos { line: last_line, col: 1 },
        "expected a closing `+++` line after the front matter (opened on line 1)".to_owned(),
    ))
}

/// Parses the front matter of a Markdown file. On success, also returns the split.
pub fn parse_front_matter<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<(T, FrontMatterSplit), Diagnostic> {
    let split = split_front_matter(text).map_err(|(pos, msg)| Diagnostic::error(path, msg).at(pos))?;
    let ft = FileText::new(path, text, split.toml_start);
    toml::from_str::<T>(&text[split.toml_start..split.toml_end])
        .map(|fm| (fm, split))
        .map_err(|e| ft.toml_error(&e, "the front matter"))
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
    let mut loader =
        Loader { diags: Vec::new(), probe: ImageProbe::new(public_dir), site_links: Vec::new(), spill: spill.clone() };
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
    /// files and folders are skipped. A missing folder is empty.
    fn files(&mut self, dir: &Path, ext: &str, recursive: bool) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_owned()];
        while let Some(d) = stack.pop() {
            let entries = match std::fs::read_dir(&d) {
                Ok(e) => e,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && d == dir => return out,
                Err(e) => {
                    self.error(Diagnostic::error(&d, format!("cannot list the folder: {e}")));
                    continue;
                }
            };
            for entry in entries {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        self.error(Diagnostic::error(&d, format!("cannot list the folder: {e}")));
                        continue;
                    }
                };
                let path = entry.path();
                let hidden = entry.file_name().to_string_lossy().starts_with('.');
                if hidden {
                    continue;
                }
                // The entry's type comes with the listing; only a symbolic link needs a stat.
                let is_dir = match entry.file_type() {
                    Ok(t) if !t.is_symlink() => t.is_dir(),
                    _ => path.is_dir(),
                };
                if is_dir {
                    if recursive {
                        stack.push(path);
                    }
                } else if path.extension().and_then(|e| e.to_str()) == Some(ext) {
                    out.push(path);
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

    fn check_href(&mut self, ft: &FileText<'_>, href: &Spanned<String>) -> String {
        if href.get_ref().starts_with('/') {
            self.site_links.push((href.get_ref().clone(), ft.pos(href.span().start)));
        }
        if model::url::safe_link(href.get_ref()).is_none() {
            self.error(ft.error_at(
                href,
                format!("link `{}` is not allowed (use http, https, mailto, tel or a site path)", href.get_ref()),
            ));
        }
        href.get_ref().clone()
    }

    fn load_site(&mut self, path: &Path) -> Option<(SiteConfig, Vec<SectionInfo>)> {
        let text = self.read(path)?;
        let ft = FileText::new(path, &text, 0);
        let raw: SiteToml = match toml::from_str(&text) {
            Ok(raw) => raw,
            Err(e) => {
                self.error(ft.toml_error(&e, "site.toml"));
                return None;
            }
        };
        let diags_before = self.diags.len();

        let base = raw.base_url.get_ref();
        let base_ok = (base.starts_with("https://") || base.starts_with("http://"))
            && !base.ends_with('/')
            && base.len() > "https://".len();
        if !base_ok {
            self.error(ft.error_at(
                &raw.base_url,
                format!("base_url `{base}`: expected an absolute http(s) origin without a trailing slash"),
            ));
        }

        let mut sections = Vec::new();
        let mut seen: HashMap<String, ()> = HashMap::new();
        let mut check_slug = |this: &mut Self, slug: &Spanned<String>| {
            let s = slug.get_ref();
            if slugify(s) != *s || s.is_empty() {
                this.error(ft.error_at(slug, format!("section slug `{s}` is not a slug; expected `{}`", slugify(s))));
            } else if s == GATHERED_SLUG {
                this.error(ft.error_at(
                    slug,
                    format!("section slug `{s}` is reserved for the gathered \"{GATHERED_NAME}\" section"),
                ));
            } else if seen.insert(s.clone(), ()).is_some() {
                this.error(ft.error_at(slug, format!("section slug `{s}` is used twice")));
            }
        };
        for sec in &raw.sections {
            check_slug(self, &sec.slug);
            for child in &sec.children {
                check_slug(self, &child.slug);
            }
            sections.push(SectionInfo {
                slug: sec.slug.get_ref().clone(),
                name: sec.name.clone(),
                parent: None,
                children: sec.children.iter().map(|c| c.slug.get_ref().clone()).collect(),
            });
            for child in &sec.children {
                sections.push(SectionInfo {
                    slug: child.slug.get_ref().clone(),
                    name: child.name.clone(),
                    parent: Some(sec.slug.get_ref().clone()),
                    children: Vec::new(),
                });
            }
        }

        let footer_sections: Vec<Link> = raw
            .footer_sections
            .iter()
            .map(|l| Link { label: l.label.clone(), href: self.check_href(&ft, &l.href) })
            .collect();
        let legal: Vec<Link> =
            raw.legal.iter().map(|l| Link { label: l.label.clone(), href: self.check_href(&ft, &l.href) }).collect();
        let mut social = Vec::new();
        for s in &raw.social {
            if !SOCIAL_NETWORKS.contains(&s.network.get_ref().as_str()) {
                self.error(ft.error_at(
                    &s.network,
                    format!(
                        "unknown social network `{}`, expected one of {}",
                        s.network.get_ref(),
                        SOCIAL_NETWORKS.join(", ")
                    ),
                ));
            }
            let href = self.check_href(&ft, &s.href);
            social.push(SocialLink { network: s.network.get_ref().clone(), label: s.label.clone(), href });
        }
        let countdown = raw.countdown.as_ref().map(|c| Countdown {
            title: c.title.clone(),
            target: c.target.0,
            after: c.after.clone(),
            href: c.href.as_ref().map(|h| self.check_href(&ft, h)),
        });

        let config = SiteConfig {
            name: raw.name,
            tagline: raw.tagline,
            motto: raw.motto,
            base_url: raw.base_url.into_inner(),
            copyright_from: raw.copyright_from,
            menu_inline: raw.menu_inline,
            popular_tags: raw.popular_tags,
            popular_window_days: raw.popular_window_days,
            footer_sections,
            legal,
            social,
            countdown,
        };
        (!self.has_errors_since(diags_before)).then_some((config, sections))
    }

    fn load_authors(&mut self, dir: &Path) -> BTreeMap<String, AuthorEntry> {
        let mut authors = BTreeMap::new();
        for path in self.files(dir, "toml", false) {
            let Some(slug) = self.file_slug(&path) else { continue };
            let Some(text) = self.read(&path) else { continue };
            let ft = FileText::new(&path, &text, 0);
            let raw: AuthorToml = match toml::from_str(&text) {
                Ok(raw) => raw,
                Err(e) => {
                    self.error(ft.toml_error(&e, "the author file"));
                    continue;
                }
            };
            if let Err(msg) = self.probe.size(raw.avatar.get_ref()) {
                self.error(ft.error_at(&raw.avatar, format!("avatar: {msg}")));
            }
            let author = Author {
                slug: slug.clone(),
                name: raw.name,
                avatar: raw.avatar.into_inner(),
                bio: raw.bio.trim().to_owned(),
            };
            authors.insert(slug, (author, path.clone()));
        }
        authors
    }

    fn load_pages(&mut self, dir: &Path) -> Vec<StaticPage> {
        let mut pages = Vec::new();
        for path in self.files(dir, "md", false) {
            let Some(slug) = self.file_slug(&path) else { continue };
            let Some(text) = self.read(&path) else { continue };
            let (fm, split) = match parse_front_matter::<PageFrontMatter>(&path, &text) {
                Ok(x) => x,
                Err(d) => {
                    self.error(d);
                    continue;
                }
            };
            let ft = FileText::new(&path, &text, split.toml_start);
            if fm.title.get_ref().trim().is_empty() {
                self.error(ft.error_at(&fm.title, "expected a non-empty title"));
            }
            let body = self.body(&path, &text, split.body_start, &ft.lines);
            pages.push(StaticPage { slug, title: fm.title.into_inner().trim().to_owned(), body });
        }
        pages.sort_by(|a, b| a.slug.cmp(&b.slug));
        pages
    }

    fn body(&mut self, path: &Path, text: &str, body_start: usize, lines: &LineIndex) -> Vec<Block> {
        let src = markdown::Source { file: path, text, body_start, lines };
        let probe = &mut self.probe;
        let mut sizer = |s: &str| probe.size(s);
        markdown::to_blocks(&src, &mut sizer, &mut self.diags)
    }

    fn load_articles(
        &mut self,
        dir: &Path,
        sections: Option<&[SectionInfo]>,
        authors: &BTreeMap<String, AuthorEntry>,
    ) -> Vec<LoadedArticle> {
        // Articles are independent: parsed on every core, each worker with its own image cache
        // and diagnostics, merged in file order (and sorted with the rest at the end).
        let mut phases = crate::stats::Phases::new();
        let files = self.files(dir, "md", true);
        phases.lap(" walk");
        let public_dir = self.probe.public_dir().to_owned();
        let spill = self.spill.clone();
        let results: Vec<(Option<LoadedArticle>, Vec<Diagnostic>)> = files
            .par_iter()
            .map_init(
                || Loader {
                    diags: Vec::new(),
                    probe: ImageProbe::new(&public_dir),
                    site_links: Vec::new(),
                    spill: None,
                },
                |loader, path| {
                    let mut article = loader.load_article(path, sections, authors);
                    if let (Some(a), Some(store)) = (article.as_mut(), &spill) {
                        let json = serde_json::to_vec(&a.article.body).expect("model types serialise to JSON");
                        match store.put(&json) {
                            Ok(spilled) => {
                                a.article.body = Vec::new();
                                a.spilled = Some(spilled);
                            }
                            Err(e) => loader.diags.push(Diagnostic::error(
                                path,
                                format!("cannot park the body in a temporary file: {e}"),
                            )),
                        }
                    }
                    (article, std::mem::take(&mut loader.diags))
                },
            )
            .collect();
        let mut out = Vec::with_capacity(results.len());
        for (article, diags) in results {
            self.diags.extend(diags);
            out.extend(article);
        }
        out
    }

    fn load_article(
        &mut self,
        path: &Path,
        sections: Option<&[SectionInfo]>,
        authors: &BTreeMap<String, AuthorEntry>,
    ) -> Option<LoadedArticle> {
        let slug = self.file_slug(path);
        let text = self.read(path)?;
        let (fm, split) = match parse_front_matter::<FrontMatter>(path, &text) {
            Ok(x) => x,
            Err(d) => {
                self.error(d);
                return None;
            }
        };
        let ft = FileText::new(path, &text, split.toml_start);
        let diags_before = self.diags.len();

        let title = fm.title.get_ref().trim().to_owned();
        if title.is_empty() {
            self.error(ft.error_at(&fm.title, "expected a non-empty title"));
        }
        let lead = fm.lead.get_ref().trim().to_owned();
        if lead.is_empty() {
            self.diags.push(ft.warning_at(&fm.lead, "the lead is empty (lists show it under the title)"));
        }

        // Section: None when site.toml failed (its errors are reported there).
        let mut section = None;
        let mut parent_section = None;
        if let Some(sections) = sections {
            let wanted = fm.section.get_ref();
            match sections.iter().find(|s| s.slug == *wanted) {
                Some(s) => {
                    section = Some(s.as_ref());
                    parent_section =
                        s.parent.as_ref().and_then(|p| sections.iter().find(|x| x.slug == *p)).map(SectionInfo::as_ref);
                }
                None => {
                    let known: Vec<&str> = sections.iter().map(|s| s.slug.as_str()).collect();
                    self.error(ft.error_at(
                        &fm.section,
                        format!("unknown section `{wanted}`{}", suggestion(wanted, known.iter().copied(), "site.toml")),
                    ));
                }
            }
        }

        let author = match authors.get(fm.author.get_ref()) {
            Some((a, _)) => Some(a.clone()),
            None => {
                let wanted = fm.author.get_ref();
                self.error(ft.error_at(
                    &fm.author,
                    format!(
                        "unknown author `{wanted}` (no authors/{wanted}.toml){}",
                        suggestion(wanted, authors.keys().map(String::as_str), "")
                    ),
                ));
                None
            }
        };

        let mut tags: Vec<TagRef> = Vec::new();
        for tag in &fm.tags {
            let name = tag.get_ref().split_whitespace().collect::<Vec<_>>().join(" ");
            let tag_slug = slugify(&name);
            if tag_slug.is_empty() {
                self.error(ft.error_at(tag, format!("tag `{}` has no letters or digits", tag.get_ref())));
            } else if tags.iter().any(|t| t.slug == tag_slug) {
                self.diags.push(ft.warning_at(tag, format!("tag `{name}` is listed twice")));
            } else {
                tags.push(TagRef { slug: tag_slug, name, count: 0 });
            }
        }

        let published = fm.published.get_ref().0;
        let updated = fm.updated.as_ref().map(|u| u.get_ref().0);
        if let (Some(u), Some(spanned)) = (updated, fm.updated.as_ref()) {
            if u < published {
                self.diags.push(ft.warning_at(spanned, "`updated` is earlier than `published`"));
            }
        }

        let cover = match &fm.cover {
            Some(c) => match self.probe.size(c.src.get_ref()) {
                Ok((width, height)) => Some(Image {
                    src: c.src.get_ref().clone(),
                    alt: c.alt.trim().to_owned(),
                    width,
                    height,
                    caption: None,
                    credit: c.credit.as_ref().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()),
                }),
                Err(msg) => {
                    self.error(ft.error_at(&c.src, format!("cover: {msg}")));
                    None
                }
            },
            None => {
                self.diags.push(Diagnostic::warning(path, "the article has no cover image").at_line(1));
                None
            }
        };

        let body = self.body(path, &text, split.body_start, &ft.lines);
        if body.is_empty() {
            self.diags.push(
                Diagnostic::warning(path, "the article body is empty")
                    .at_line(ft.lines.pos(&text, split.body_start).line),
            );
        }

        let mut aliases = Vec::with_capacity(fm.aliases.len());
        for alias in &fm.aliases {
            let a = alias.get_ref();
            if !a.starts_with('/') || a == "/" || a.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '*' | '?' | '#' | ':')) {
                self.error(ft.error_at(alias, format!("alias `{a}` must be a site path such as /2019/05/regi-cim/ (no spaces, *, ?, # or :)")));
            } else {
                aliases.push(a.clone());
            }
        }

        let clean = !self.has_errors_since(diags_before);
        let (Some(slug), Some(section), Some(author), true) = (slug, section, author, clean) else {
            return None;
        };
        let article_path = article_path(&section.slug, &published, &slug);
        Some(LoadedArticle {
            spilled: None,
            aliases,
            file: path.to_owned(),
            article: Article {
                slug,
                path: article_path,
                title,
                lead,
                section,
                parent_section,
                author,
                published,
                updated,
                cover,
                source: fm.source.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()),
                tags,
                body,
                related: Vec::new(),
            },
        })
    }

    fn check_duplicate_paths(&mut self, articles: &[LoadedArticle]) {
        let mut first: HashMap<&str, &Path> = HashMap::new();
        for a in articles {
            if let Some(other) = first.insert(&a.article.path, &a.file) {
                self.error(Diagnostic::error(
                    &a.file,
                    format!(
                        "duplicate article path `{}`: {} has the same section, date and slug",
                        a.article.path,
                        other.display()
                    ),
                ));
                first.insert(&a.article.path, other);
            }
        }
        // An alias may not be another article's path or alias: one old URL, one target.
        for a in articles {
            for alias in &a.aliases {
                let key = alias.trim_end_matches('/');
                let key = if key.is_empty() { alias.as_str() } else { key };
                if let Some(other) = first.insert(key, &a.file) {
                    self.error(Diagnostic::error(
                        &a.file,
                        format!("alias `{alias}` is already the path or an alias of {}", other.display()),
                    ));
                    first.insert(key, other);
                }
            }
        }
    }

    /// One display name per tag slug: the most used spelling (ties: the smallest). Other
    /// spellings are rewritten, with a warning.
    fn canonicalise_tags(&mut self, articles: &mut [LoadedArticle]) {
        let mut spellings: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for a in articles.iter() {
            for t in &a.article.tags {
                *spellings.entry(t.slug.clone()).or_default().entry(t.name.clone()).or_default() += 1;
            }
        }
        let canonical: HashMap<String, String> = spellings
            .iter()
            .map(|(slug, names)| {
                let mut best = None::<(&String, usize)>;
                for (name, count) in names {
                    if best.is_none_or(|(_, c)| *count > c) {
                        best = Some((name, *count));
                    }
                }
                (slug.clone(), best.map(|(n, _)| n.clone()).unwrap_or_default())
            })
            .collect();
        for a in articles.iter_mut() {
            for t in &mut a.article.tags {
                if let Some(name) = canonical.get(&t.slug) {
                    if *name != t.name {
                        self.diags.push(
                            Diagnostic::warning(
                                &a.file,
                                format!("tag `{}` is written `{name}` in other articles; using `{name}`", t.name),
                            )
                            .at_line(1),
                        );
                        t.name = name.clone();
                    }
                }
            }
        }
    }

    /// Footer, legal and countdown links to pages, sections or tags that do not exist: warnings.
    fn check_site_links(
        &mut self,
        site_path: &Path,
        sections: &[SectionInfo],
        pages: &[StaticPage],
        articles: &[LoadedArticle],
    ) {
        for (href, pos) in std::mem::take(&mut self.site_links) {
            let missing = if let Some(slug) = href.strip_prefix("/oldal/") {
                !pages.iter().any(|p| p.slug == slug)
            } else if let Some(slug) = href.strip_prefix("/rovat/") {
                slug != GATHERED_SLUG && !sections.iter().any(|s| s.slug == slug)
            } else if let Some(slug) = href.strip_prefix("/cimke/") {
                !articles.iter().any(|a| a.article.tags.iter().any(|t| t.slug == slug))
            } else {
                false
            };
            if missing {
                self.diags.push(
                    Diagnostic::warning(site_path, format!("link `{href}` leads to nothing that exists")).at(pos),
                );
            }
        }
    }
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

    const GOOD: &str = "+++
title = \"Új kerékpárút\"
lead = \"Rövid bevezető.\"
section = \"belfold\"
tags = [\"Budapest\", \"Közlekedés\"]
author = \"kovacs-anna\"
published = 2024-03-15T09:30:00+01:00
+++
Szöveg.
";

    fn fm(text: &str) -> Result<FrontMatter, String> {
        parse_front_matter::<FrontMatter>(Path::new("a.md"), text).map(|(f, _)| f).map_err(|d| d.to_string())
    }

    #[test]
    fn parses_a_good_front_matter_and_finds_the_body() {
        let (f, split) = parse_front_matter::<FrontMatter>(Path::new("a.md"), GOOD).unwrap();
        assert_eq!(f.title.get_ref(), "Új kerékpárút");
        assert_eq!(f.tags.len(), 2);
        assert_eq!(f.published.get_ref().0.to_rfc3339(), "2024-03-15T09:30:00+01:00");
        assert_eq!(&GOOD[split.body_start..], "Szöveg.\n");
    }

    #[test]
    fn published_may_be_an_rfc3339_string() {
        let text = GOOD.replace("2024-03-15T09:30:00+01:00", "\"2024-07-07T17:21:00+02:00\"");
        let f = fm(&text).unwrap();
        assert_eq!(f.published.get_ref().0.to_rfc3339(), "2024-07-07T17:21:00+02:00");
    }

    #[test]
    fn missing_fences_are_reported() {
        assert_eq!(
            fm("title = \"x\"\n").unwrap_err(),
            "a.md:1:1: expected `+++` on the first line to open the front matter"
        );
        assert_eq!(
            fm("+++\ntitle = \"x\"\n\nSzöveg\n").unwrap_err(),
            "a.md:4:1: expected a closing `+++` line after the front matter (opened on line 1)"
        );
    }

    #[test]
    fn toml_syntax_error_line_is_counted_in_the_md_file() {
        // Line 3 of the file is line 2 of the TOML: the unterminated string.
        let text = GOOD.replace("lead = \"Rövid bevezető.\"", "lead = \"Rövid bevezető.");
        let err = fm(&text).unwrap_err();
        assert!(err.starts_with("a.md:3:"), "{err}");
    }

    #[test]
    fn mistyped_field_points_at_the_value() {
        let text = GOOD.replace("section = \"belfold\"", "section = 7");
        assert_eq!(fm(&text).unwrap_err(), "a.md:4:11: invalid type: integer `7`, expected a string");
    }

    #[test]
    fn unknown_field_points_at_the_key() {
        let text = GOOD.replace("author = ", "szerzo = \"x\"\nauthor = ");
        let err = fm(&text).unwrap_err();
        assert!(err.starts_with("a.md:6:1: unknown field `szerzo`, expected one of `title`"), "{err}");
    }

    #[test]
    fn missing_field_points_at_the_opening_fence() {
        let text = GOOD.replace("lead = \"Rövid bevezető.\"\n", "");
        assert_eq!(fm(&text).unwrap_err(), "a.md:1:1: missing field `lead` in the front matter");
    }

    #[test]
    fn date_without_offset_is_an_error_at_the_value() {
        let text = GOOD.replace("2024-03-15T09:30:00+01:00", "2024-03-15T09:30:00");
        let err = fm(&text).unwrap_err();
        assert!(err.starts_with("a.md:7:13: `2024-03-15T09:30:00` has no time or no offset"), "{err}");
        let text = GOOD.replace("2024-03-15T09:30:00+01:00", "\"tegnap\"");
        let err = fm(&text).unwrap_err();
        assert!(err.starts_with("a.md:7:13: invalid date-time `tegnap`"), "{err}");
    }

    #[test]
    fn cover_table_errors_point_into_the_table() {
        let text = GOOD.replace("+++\nSzöveg", "[cover]\nsrc = \"/public/a.svg\"\n+++\nSzöveg");
        assert_eq!(fm(&text).unwrap_err(), "a.md:8:1: missing field `alt`");
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let text = format!("\u{feff}{}", GOOD.replace('\n', "\r\n"));
        let (f, split) = parse_front_matter::<FrontMatter>(Path::new("a.md"), &text).unwrap();
        assert_eq!(f.section.get_ref(), "belfold");
        assert_eq!(&text[split.body_start..], "Szöveg.\r\n");
    }

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
