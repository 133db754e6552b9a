//! `press site`: after `trunk build` (whose pre-build hook ran `press build` into
//! `<dist>/content`), writes into `<dist>` one prerendered HTML page per route made from the
//! app's own shell (docs/adr/0003), the RSS feeds, the sitemaps, robots.txt, `_redirects` and
//! `_headers`.
//!
//! All or nothing, and incremental: a page whose inputs did not change since the last run is
//! kept without being rendered ([`unchanged`]); of the rest, only the files whose bytes changed
//! are staged in a folder beside `<dist>` and moved in once all of them succeeded
//! (`output::write_incrementally`). A failed run leaves `<dist>` as it was, and an unchanged
//! file keeps its bytes and modification time, so a sync to the CDN uploads only what changed.
//! A page's bytes depend only on its own content and the site (docs/adr/0014).
//! `<dist>/shell.html` keeps the pristine shell, so running again (after an edit, without a new
//! `trunk build`) works.

mod feeds;
mod head;
mod hosting;
pub mod render;
mod shell;
mod unchanged;

use std::collections::{BTreeSet, HashMap};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use hirlap::meta::{self, PageMeta};
use hirlap::routes;
use hirlap::strings;
use leptos::prelude::*;
use model::{api_path, paths, Article, ArticleSummary, Site};
use rayon::prelude::*;

pub use feeds::{news_sitemap, rss, sitemaps, xml_text, SitemapUrl, SITEMAP_MAX};
pub use head::{push_script_json, script_json};
pub use hosting::{content_security_policy, script_hash, CspSources};

use crate::build::{article_api_path, Index};
use crate::error::Diagnostic;
use crate::output;
use crate::source::{Corpus, GATHERED_SLUG};
use head::{ArticleHead, Head, PreviewImage};
use render::Frame;
use shell::Shell;
use unchanged::Fingerprints;
pub(crate) use unchanged::RECORD;

/// Lists, in `<dist>`, the top-level entries the last `press site` wrote, so the next run may
/// replace them (and remove those it no longer writes) and nothing else.
pub const MANIFEST: &str = ".press-site";
/// The pristine app shell, kept beside the prerendered `index.html`.
pub const SHELL: &str = "shell.html";

/// Options beyond the folders.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// The time that decides which scheduled articles are published and whether the sidebar's
    /// countdown has ended.
    pub now: DateTime<Utc>,
    /// A preview: drafts and scheduled articles too, marked and `noindex`.
    pub previews: bool,
}

impl Default for SiteOptions {
    fn default() -> Self {
        SiteOptions { now: Utc::now(), previews: false }
    }
}

#[derive(Debug)]
pub struct SiteReport {
    /// HTML pages of the site.
    pub pages: usize,
    /// All files of the site.
    pub files: usize,
    /// Files written because they are new or their bytes changed, and files removed (pages of
    /// deleted articles, list pages gone), relative to `<dist>`, sorted: what a deploy uploads
    /// and deletes.
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

#[derive(Debug)]
pub enum SiteError {
    /// The sources or the built app are not usable (every diagnostic, errors and warnings).
    /// Nothing was written.
    Content(Vec<Diagnostic>),
    /// Writing failed; `<dist>` is as it was.
    Write { dist: PathBuf, error: io::Error, warnings: Vec<Diagnostic> },
}

impl SiteError {
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            SiteError::Content(d) => d,
            SiteError::Write { warnings, .. } => warnings,
        }
    }
}

/// `press site`.
pub fn site(content_dir: &Path, public_dir: &Path, dist: &Path, opts: &SiteOptions) -> Result<SiteReport, SiteError> {
    let started = Instant::now();
    let load_opts = crate::source::LoadOptions { now: Some(opts.now), previews: opts.previews, ..Default::default() };
    let corpus = crate::source::load_with(content_dir, public_dir, load_opts).map_err(SiteError::Content)?;
    let index = Index::new(&corpus);
    site_from(&index, dist, opts, Documents::Read, started)
}

/// How a run knows the documents of `<dist>/content` that its pages embed.
#[derive(Debug, Clone, Copy)]
pub enum Documents<'a> {
    /// Every one is rendered from the sources and compared with the file (press site: a tree
    /// that press build did not make from these sources is reported as stale).
    Read,
    /// press build has just written the tree from the same index: a page whose document still
    /// has the stamp it had when the last run read it stands without the document being read
    /// ([`unchanged`]); the others are read and compared as with `Read`. The build's stamps of
    /// the documents it fingerprinted ([`crate::BuildReport::document_stamps`]) stand for
    /// their files, which are not stat-ed again.
    BuiltFromThisIndex(&'a HashMap<String, String>),
}

/// press site with an index already made: press publish shares one between build and site.
pub fn site_from(
    index: &Index,
    dist: &Path,
    opts: &SiteOptions,
    documents: Documents<'_>,
    started: Instant,
) -> Result<SiteReport, SiteError> {
    let corpus = index.corpus();
    let mut phases = crate::stats::Phases::new();
    let fail = |d: Diagnostic| {
        let mut all = corpus.warnings.clone();
        all.push(d);
        crate::error::sort(&mut all);
        SiteError::Content(all)
    };
    let shell_text = read_shell(dist).map_err(fail)?;
    let shell = Shell::parse(&shell_text.1, &shell_text.0).map_err(fail)?;
    check_tree(dist, index).map_err(fail)?;
    let old_manifest = read_manifest(dist);
    // What this run will write at the top of dist, known before any work; checked again after.
    let mut top: BTreeSet<String> = FIXED_TOP.iter().map(|n| (*n).to_owned()).collect();
    top.extend(corpus.articles.iter().map(|a| top_name(a.article.path.trim_start_matches('/')).to_owned()));
    check_ours(dist, &top, &old_manifest).map_err(fail)?;
    phases.lap("site setup");
    // Rendered and written one page at a time: a large archive is never held in memory.
    let docs = Docs { index, dist, documents };
    let mut stale: Option<Diagnostic> = None;
    let mut counts = (0, 0);
    let mut stamps = None;
    let listing = output::beside(dist, "site-files");
    let written = output::write_incrementally(dist, output::Scope::Entries(&old_manifest), Some(&listing), |sink| {
        let mut out = Out { sink, top: BTreeSet::new(), files: 0, pages: 0, records: Vec::new(), stamps: Vec::new() };
        let rendered = render(corpus, &docs, &shell, &shell_text.1, opts, &mut out)
            .and_then(|s| check_ours(dist, &out.top, &old_manifest).map(|()| s).map_err(Fail::Stale));
        match rendered {
            Ok(s) => {
                stamps = s;
                counts = (out.pages, out.files + 1);
                out.finish()
            }
            Err(Fail::Io(e)) => Err(e),
            Err(Fail::Stale(d)) => {
                stale = Some(d);
                Err(io::Error::other("stopped"))
            }
        }
    });
    let written = match (written, stale) {
        (_, Some(d)) => return Err(fail(d)),
        (Err(error), None) => return Err(write_error(dist, error, corpus)),
        (Ok(w), None) => w,
    };
    phases.lap("site write");
    // Without them the next run reads every document: slower, never wrong, so no failure.
    if let Some(bytes) = stamps {
        let _ = unchanged::write_stamps(dist, &bytes);
    }
    phases.lap("site stamps");
    Ok(SiteReport {
        pages: counts.0,
        files: counts.1,
        changed: written.changed_files,
        removed: written.removed_files,
        warnings: corpus.warnings.clone(),
        elapsed: started.elapsed(),
    })
}

/// Top-level names every run writes (besides the articles' section folders and, past 50,000
/// URLs, the sitemap parts).
const FIXED_TOP: [&str; 18] = [
    MANIFEST,
    unchanged::RECORD,
    "index.html",
    "404.html",
    SHELL,
    "kereses",
    "rovat",
    "cimke",
    "szerzo",
    "oldal",
    "friss",
    "rss.xml",
    "sitemap.xml",
    "sitemap-news.xml",
    "robots.txt",
    "_redirects",
    "_headers",
    hosting::WEB_MANIFEST,
];

/// Every name in `top` is new in `dist`, or a previous run's, or Trunk's `index.html` (the shell,
/// kept as shell.html): nothing else in dist is ever replaced.
fn check_ours(dist: &Path, top: &BTreeSet<String>, old: &BTreeSet<String>) -> Result<(), Diagnostic> {
    for name in top {
        let existing = dist.join(name);
        if name != "index.html" && existing.symlink_metadata().is_ok() && !old.contains(name) {
            return Err(Diagnostic::error(
                &existing,
                format!("exists and was not written by press site; a section or page named `{name}` would replace it (remove it, or build dist again with trunk)"),
            ));
        }
    }
    Ok(())
}

fn write_error(dist: &Path, error: io::Error, corpus: &Corpus) -> SiteError {
    SiteError::Write { dist: dist.to_owned(), error, warnings: corpus.warnings.clone() }
}

/// The app shell: `<dist>/index.html` fresh from Trunk, or the copy in `shell.html` when
/// index.html is already a prerendered home page.
fn read_shell(dist: &Path) -> Result<(PathBuf, String), Diagnostic> {
    let index = dist.join("index.html");
    let text = std::fs::read_to_string(&index).map_err(|e| {
        Diagnostic::error(&index, format!("cannot read the app's shell ({e}); run `trunk build --release` first"))
    })?;
    if !text.contains("id=\"prerender\"") {
        return Ok((index, text));
    }
    let shell = dist.join(SHELL);
    let text = std::fs::read_to_string(&shell).map_err(|e| {
        Diagnostic::error(
            &shell,
            format!("index.html is already a prerendered page and its pristine copy is unreadable ({e}); run `trunk build --release` again"),
        )
    })?;
    Ok((shell, text))
}

/// The JSON tree in `<dist>/content` must be what these sources compile to: the pages embed
/// the same documents, and the app fetches the rest from there. site.json is checked first (a
/// clear message before any work), every embedded document as its page is rendered.
fn check_tree(dist: &Path, index: &Index) -> Result<(), Diagnostic> {
    Docs { index, dist, documents: Documents::Read }.get(api_path::SITE).map(|_| ()).map_err(|e| match e {
        Fail::Stale(d) => d,
        Fail::Io(e) => Diagnostic::error(dist.join("content").join(api_path::SITE), e.to_string()),
    })
}

/// Why rendering stopped.
enum Fail {
    Io(io::Error),
    /// `<dist>/content` does not hold what the sources compile to.
    Stale(Diagnostic),
}

impl From<io::Error> for Fail {
    fn from(e: io::Error) -> Self {
        Fail::Io(e)
    }
}

/// The documents of the JSON tree, rendered and checked against `<dist>/content`.
struct Docs<'a> {
    index: &'a Index<'a>,
    dist: &'a Path,
    documents: Documents<'a>,
}

impl Docs<'_> {
    /// The stamp of the document at `path` (taken before it is read: a file replaced after
    /// this has another stamp, so the next run reads it), `None` when there is none.
    fn stamp(&self, path: &str) -> Option<String> {
        if let Documents::BuiltFromThisIndex(built) = self.documents {
            if let Some(stamp) = built.get(path) {
                return Some(stamp.clone());
            }
        }
        unchanged::stamp(&self.dist.join("content").join(path))
    }

    /// The last run's fingerprint of the page at `file` when it may stand unread (see
    /// [`Documents::BuiltFromThisIndex`]).
    fn kept(&self, fingerprints: &Fingerprints, file: &str, stamp: Option<&str>) -> Option<String> {
        matches!(self.documents, Documents::BuiltFromThisIndex(_)).then(|| fingerprints.kept(file, stamp)).flatten()
    }

    /// The JSON of `path`, exactly as press build writes it, after checking the file on disk.
    fn get(&self, path: &str) -> Result<Vec<u8>, Fail> {
        let json = self.index.resolve(path).unwrap_or_else(|| panic!("{path} is a path of the tree"));
        self.check(path, json)
    }

    fn check(&self, path: &str, json: Vec<u8>) -> Result<Vec<u8>, Fail> {
        let file = self.dist.join("content").join(path);
        match std::fs::read(&file) {
            Ok(on_disk) if on_disk == json => Ok(json),
            Ok(_) => Err(Fail::Stale(Diagnostic::error(
                &file,
                "differs from what the sources compile to: the JSON tree is stale; run `trunk build --release` (or press build) again",
            ))),
            Err(e) => Err(Fail::Stale(Diagnostic::error(
                &file,
                format!("cannot read the JSON tree ({e}); run `trunk build --release` (or press build) first"),
            ))),
        }
    }
}

fn read_manifest(dist: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(dist.join(MANIFEST))
        .map(|s| {
            s.lines().filter(|l| !l.is_empty() && !l.contains(['/', '\\']) && *l != "..").map(str::to_owned).collect()
        })
        .unwrap_or_default()
}

fn top_name(rel: &str) -> &str {
    rel.split('/').next().unwrap_or(rel)
}

// ---------------------------------------------------------------- rendering

/// `<div id="prerender">…</div>` and the list of the documents the app's first render reads:
/// site.json and the page's own (`own`), as content paths. The app fetches them when it comes
/// (docs/adr/0017); the page does not carry them, so a reader who never gets the app does not
/// download them, and every page shares one cached site.json.
fn body(markup: &str, own: &[&str]) -> String {
    let mut o = String::with_capacity(markup.len() + 160);
    o.push_str("<div id=\"prerender\">");
    o.push_str(markup);
    o.push_str("</div><script type=\"application/json\" id=\"hirlap-data\">[");
    for (i, path) in std::iter::once(&api_path::SITE).chain(own).enumerate() {
        if i > 0 {
            o.push(',');
        }
        push_script_json(&mut o, &serde_json::to_string(path).expect("a string"));
    }
    o.push_str("]</script>");
    o
}

struct Pages<'a> {
    site: Site,
    shell: &'a Shell,
    countdown_passed: bool,
    /// Which pages need no rendering this time.
    fingerprints: Fingerprints,
}

impl Pages<'_> {
    fn frame<'a>(&'a self, path: Option<&'a str>) -> Frame<'a> {
        Frame { site: &self.site, path, countdown_passed: self.countdown_passed }
    }

    /// The prerendered head of a page, from what the app's head says of it (`hirlap::meta`).
    fn head(&self, m: PageMeta) -> Head {
        Head {
            title: meta::document_title(&m.title, &self.site.name),
            share_title: if m.title.is_empty() { self.site.name.clone() } else { m.title },
            description: m.description,
            canonical: m.canonical,
            image: m.image.as_ref().and_then(|i| PreviewImage::of(i, &self.site.base_url)),
            article: None,
            noindex: m.noindex,
            feeds: Vec::new(),
        }
    }

    /// A whole page: head, the app's layout around `main` rendered by the app's own components,
    /// and the list of the documents it was rendered from.
    fn page<V: IntoView + 'static>(
        &self,
        head: &Head,
        path: Option<&str>,
        own: &[&str],
        related: Option<Vec<ArticleSummary>>,
        main: impl FnOnce() -> V + Send + 'static,
    ) -> Vec<u8> {
        let markup = render::page(&self.frame(path), related, main);
        self.shell.render(&head.render(&self.site), &body(&markup, own)).into_bytes()
    }

    /// Writes every page of one list (docs/adr/0011, 0014): the front page (0) at `base`, the
    /// older page n at `<base>/oldal/<n>`, so that a static host serves each its own HTML and
    /// "Kérek még" is a link that works without JavaScript. `doc(n)` is page n (`None` past the
    /// last), made only for a page that is rendered; `json_path(n)` its document. Returns the
    /// sitemap entry of the front page (`None` when the list has no page).
    #[allow(clippy::too_many_arguments)] // one list's parts, each from its caller's index
    fn list_pages<P: Send + 'static>(
        &self,
        docs: &Docs,
        out: &mut Out,
        base: &str,
        feeds: &[(String, String)],
        json_path: impl Fn(u32) -> String + Sync,
        doc: impl Fn(u32) -> Option<ListDoc<P>>,
        main: fn(P) -> AnyView,
    ) -> Result<Option<SitemapUrl>, Fail> {
        let Some(front) = doc(0) else { return Ok(None) };
        let first =
            SitemapUrl { loc: format!("{}{}", self.site.base_url, paths::list(base, 0)), lastmod: front.newest };
        // Which pages the last run's stand: one stat of each document, on every core.
        let pages: Vec<ListFile> = (0..=model::older_pages(front.total as usize))
            .into_par_iter()
            .map(|n| {
                let (file, doc) = (paths::file(&paths::list(base, n)), json_path(n));
                let stamp = docs.stamp(&doc);
                let kept = docs.kept(&self.fingerprints, &file, stamp.as_deref());
                (n, file, doc, stamp, kept)
            })
            .collect();
        let mut front = Some(front);
        for (n, file, document, stamp, kept) in pages {
            if let Some(fingerprint) = kept {
                out.keep_page(&file, Some(fingerprint), stamp)?;
                continue;
            }
            let Some(d) = (if n == 0 { front.take() } else { doc(n) }) else { continue };
            let json = docs.get(&document)?;
            let fingerprint = self.fingerprints.of(&file, &[&json]);
            if self.fingerprints.unchanged(&file, fingerprint.as_deref()) {
                out.keep_page(&file, fingerprint, stamp)?;
            } else {
                let mut h = self.head(d.meta);
                h.feeds.extend_from_slice(feeds);
                let page = d.page;
                let path = paths::list(base, n);
                let html = self.page(&h, Some(&path), &[&document], None, move || main(page));
                out.write_page(&file, fingerprint, stamp, html)?;
            }
        }
        Ok(Some(first))
    }

    /// Article `i`'s page: its file, its HTML (`None` when the last run's page stands), its
    /// fingerprint and its sitemap entry.
    fn article(&self, docs: &Docs, i: usize) -> Result<Option<ArticlePage>, Fail> {
        let base = &self.site.base_url;
        let Some(loaded) = docs.index.corpus().articles.get(i) else { return Ok(None) };
        let (path, json_path) = (&loaded.article.path, article_api_path(&loaded.article));
        let url = SitemapUrl {
            loc: format!("{base}{path}"),
            lastmod: Some(loaded.article.updated.unwrap_or(loaded.article.published)),
        };
        let file = paths::file(path);
        let stamp = docs.stamp(&json_path);
        if let Some(fingerprint) = docs.kept(&self.fingerprints, &file, stamp.as_deref()) {
            return Ok(Some(ArticlePage { file, html: None, fingerprint: Some(fingerprint), stamp, url }));
        }
        let Some(a) = docs.index.article(i) else { return Ok(None) };
        let json = docs.check(&json_path, serde_json::to_vec(&a).expect("model types serialise to JSON"))?;
        let fingerprint = self.fingerprints.of(&file, &[&json]);
        if self.fingerprints.unchanged(&file, fingerprint.as_deref()) {
            return Ok(Some(ArticlePage { file, html: None, fingerprint, stamp, url }));
        }
        let mut h = self.head(meta::article(&a));
        // A preview build's draft or scheduled article must never be indexed.
        h.noindex |= a.preview.is_some();
        h.article = Some(ArticleHead {
            published: a.published.to_rfc3339(),
            modified: a.updated.unwrap_or(a.published).to_rfc3339(),
            section: a.section.name.clone(),
            tags: a.tags.iter().map(|t| t.name.clone()).collect(),
            author_url: format!("{base}{}", paths::author(&a.author.slug)),
            json_ld: head::news_article_ld(&a, &self.site),
        });
        let (related, base_url) = (a.related.clone(), base.clone());
        let html = self.page(&h, Some(&a.path.clone()), &[&json_path], Some(related), move || {
            view! { <routes::article::ArticlePage article=a base_url/> }
        });
        Ok(Some(ArticlePage { file, html: Some(html), fingerprint, stamp, url }))
    }
}

/// A list page's number, file, document, the document's stamp and, when the last run's page
/// stands, its fingerprint.
type ListFile = (u32, String, String, Option<String>, Option<String>);

/// Page n of a list, for [`Pages::list_pages`].
struct ListDoc<P> {
    page: P,
    meta: PageMeta,
    /// Its newest article's date (the sitemap's lastmod of page 1).
    newest: Option<DateTime<chrono::FixedOffset>>,
    /// How many articles the list has (known on the front page, 0 on the others).
    total: u32,
}

/// An article's page as [`Pages::article`] made it.
struct ArticlePage {
    file: String,
    /// `None`: the last run's page stands.
    html: Option<Vec<u8>>,
    fingerprint: Option<String>,
    /// Its document's stamp.
    stamp: Option<String>,
    url: SitemapUrl,
}

/// Articles rendered at once before their pages are written (bounds the memory they take).
const ARTICLE_BATCH: usize = 256;

/// Writes every page, feed and file of the site into `out`, in phases. Returns the stamps'
/// record ([`unchanged`]).
fn render(
    corpus: &Corpus,
    docs: &Docs,
    shell: &Shell,
    shell_text: &str,
    opts: &SiteOptions,
    out: &mut Out,
) -> Result<Option<Vec<u8>>, Fail> {
    let mut phases = crate::stats::Phases::new();
    let p = Pages::new(docs, shell, shell_text, opts)?;
    phases.lap("  records");
    // Read by now; gone before anything of this run is moved into dist.
    unchanged::forget_stamps(docs.dist)?;
    // The sitemap's entries, in the order the pages are written.
    let mut urls: Vec<SitemapUrl> = vec![p.home(corpus, docs, out)?];
    p.section_lists(docs, out, &mut urls)?;
    p.tag_lists(docs, out, &mut urls)?;
    p.author_lists(corpus, docs, out, &mut urls)?;
    urls.extend(p.latest_list(docs, out)?);
    p.static_pages(corpus, docs, out, &mut urls)?;
    p.search_and_not_found(out)?;
    phases.lap("  lists");
    p.article_pages(corpus, docs, out, &mut urls)?;
    phases.lap("  articles");
    let all: Vec<&Article> = corpus.articles.iter().map(|l| &l.article).collect();
    write_feeds(docs.index, &p.site, &all, out)?;
    write_sitemaps(&p.site, &all, &urls, out)?;
    write_host_files(corpus, shell, shell_text, &p.site, out)?;
    phases.lap("  feeds");
    let stamps = p.fingerprints.stamps(&out.stamps);
    phases.lap("  stamps");
    Ok(stamps)
}

/// The date of the newest article of a list page (the sitemap's lastmod of page 1).
fn newest_of(list: &[ArticleSummary]) -> Option<model::Timestamp> {
    list.first().map(|a| a.published)
}

impl<'a> Pages<'a> {
    /// What every page shares; site.json is checked against the tree first.
    fn new(docs: &Docs, shell: &'a Shell, shell_text: &str, opts: &SiteOptions) -> Result<Self, Fail> {
        let site = docs.index.site();
        // Every page is rendered from site.json: its bytes are an input of every page.
        let site_json = docs.get(api_path::SITE)?;
        let countdown_passed = site.countdown.as_ref().is_some_and(|c| c.target <= opts.now);
        let flags = [u8::from(countdown_passed), u8::from(opts.previews)];
        let fingerprints = Fingerprints::new(docs.dist, &[shell_text.as_bytes(), &site_json, &flags]);
        Ok(Pages { countdown_passed, site, shell, fingerprints })
    }
}

// The lists, every page of each (docs/adr/0011): sections with "Minden más", tags, authors and
// the latest articles. The sitemap lists each list's first page.
impl Pages<'_> {
    /// The home page and its sitemap entry (lastmod: the newest article's last change).
    fn home(&self, corpus: &Corpus, docs: &Docs, out: &mut Out) -> Result<SitemapUrl, Fail> {
        let home = docs.index.home();
        docs.get(api_path::HOME)?;
        let h = self.head(meta::home(&home));
        let page = self.page(&h, Some(paths::HOME), &[api_path::HOME], None, move || {
            view! { <routes::home::HomePage home/> }
        });
        out.write(&paths::file(paths::HOME), page)?;
        let newest = corpus.articles.first().map(|a| a.article.updated.unwrap_or(a.article.published));
        Ok(SitemapUrl { loc: format!("{}/", self.site.base_url), lastmod: newest })
    }

    fn section_lists(&self, docs: &Docs, out: &mut Out, urls: &mut Vec<SitemapUrl>) -> Result<(), Fail> {
        let index = docs.index;
        for slug in index.section_slugs() {
            let base = paths::section(slug);
            let Some(name) = index.section(slug, 0).map(|sp| sp.section.name) else { continue };
            let feeds = [(format!("{} – {name}", self.site.name), paths::section_feed(slug))];
            let first = self.list_pages(
                docs,
                out,
                &base,
                &feeds,
                |n| api_path::section(slug, n),
                |n| {
                    let sp = index.section(slug, n)?;
                    Some(ListDoc {
                        meta: meta::section(&sp),
                        newest: newest_of(&sp.list.items),
                        total: sp.list.total.unwrap_or(0),
                        page: sp,
                    })
                },
                |sp| view! { <routes::section::SectionPageView page=sp/> }.into_any(),
            )?;
            urls.extend(first);
        }
        Ok(())
    }

    fn tag_lists(&self, docs: &Docs, out: &mut Out, urls: &mut Vec<SitemapUrl>) -> Result<(), Fail> {
        let index = docs.index;
        for slug in index.tag_slugs() {
            let first = self.list_pages(
                docs,
                out,
                &paths::tag(slug),
                &[],
                |n| api_path::tag(slug, n),
                |n| {
                    let tp = index.tag(slug, n)?;
                    Some(ListDoc {
                        meta: meta::tag(&tp),
                        newest: newest_of(&tp.list.items),
                        total: tp.list.total.unwrap_or(0),
                        page: tp,
                    })
                },
                |tp| view! { <routes::tag::TagPageView page=tp/> }.into_any(),
            )?;
            urls.extend(first);
        }
        Ok(())
    }

    fn author_lists(
        &self,
        corpus: &Corpus,
        docs: &Docs,
        out: &mut Out,
        urls: &mut Vec<SitemapUrl>,
    ) -> Result<(), Fail> {
        let index = docs.index;
        for slug in corpus.authors.keys() {
            let first = self.list_pages(
                docs,
                out,
                &paths::author(slug),
                &[],
                |n| api_path::author(slug, n),
                |n| {
                    let ap = index.author(slug, n)?;
                    Some(ListDoc {
                        meta: meta::author(&ap),
                        newest: newest_of(&ap.list.items),
                        total: ap.list.total.unwrap_or(0),
                        page: ap,
                    })
                },
                |ap| view! { <routes::author::AuthorPageView page=ap/> }.into_any(),
            )?;
            urls.extend(first);
        }
        Ok(())
    }

    fn latest_list(&self, docs: &Docs, out: &mut Out) -> Result<Option<SitemapUrl>, Fail> {
        let index = docs.index;
        self.list_pages(
            docs,
            out,
            paths::LATEST,
            &[],
            api_path::latest,
            |n| {
                let list = index.latest(n)?;
                Some(ListDoc {
                    meta: meta::latest(&list),
                    newest: newest_of(&list.items),
                    total: list.total.unwrap_or(0),
                    page: list,
                })
            },
            |list| view! { <routes::latest::LatestPageView list/> }.into_any(),
        )
    }
}

// The other pages: static pages, search, 404 and the articles.
impl Pages<'_> {
    fn static_pages(
        &self,
        corpus: &Corpus,
        docs: &Docs,
        out: &mut Out,
        urls: &mut Vec<SitemapUrl>,
    ) -> Result<(), Fail> {
        for sp in &corpus.pages {
            let path = paths::static_page(&sp.slug);
            let json_path = api_path::page(&sp.slug);
            docs.get(&json_path)?;
            let h = self.head(meta::static_page(sp));
            let (sp, sp_slug) = (sp.clone(), sp.slug.clone());
            let page = self.page(&h, Some(&path), &[&json_path], None, move || {
                view! { <routes::page::StaticPageView page=sp/> }
            });
            out.write(&paths::file(&paths::static_page(&sp_slug)), page)?;
            urls.push(SitemapUrl { loc: format!("{}{path}", self.site.base_url), lastmod: None });
        }
        Ok(())
    }

    /// Search (before a query: the app reads the query from the URL) and 404.
    fn search_and_not_found(&self, out: &mut Out) -> Result<(), Fail> {
        let h = self.head(meta::search());
        let page = self.page(&h, Some(paths::SEARCH), &[], None, || {
            view! { <routes::search::SearchPage state=routes::search::SearchState::Empty retry=Callback::new(|_| ())/> }
        });
        out.write(&paths::file(paths::SEARCH), page)?;
        let h = self.head(meta::not_found());
        let page = self.page(&h, None, &[], None, || view! { <hirlap::components::status::NotFoundBody/> });
        out.write("404.html", page)?;
        Ok(())
    }

    /// The articles: rendered on every core a batch at a time, then queued for the writer
    /// threads (which compare each with the file on disk); the sitemap keeps their order.
    fn article_pages(
        &self,
        corpus: &Corpus,
        docs: &Docs,
        out: &mut Out,
        urls: &mut Vec<SitemapUrl>,
    ) -> Result<(), Fail> {
        let n = corpus.articles.len();
        for start in (0..n).step_by(ARTICLE_BATCH) {
            let batch: Vec<Result<Option<ArticlePage>, Fail>> =
                (start..(start + ARTICLE_BATCH).min(n)).into_par_iter().map(|i| self.article(docs, i)).collect();
            for rendered in batch {
                if let Some(a) = rendered? {
                    match a.html {
                        Some(html) => out.write_page(&a.file, a.fingerprint, a.stamp, html)?,
                        None => out.keep_page(&a.file, a.fingerprint, a.stamp)?,
                    }
                    urls.push(a.url);
                }
            }
        }
        Ok(())
    }
}

/// The site's RSS feed and each section's.
fn write_feeds(index: &Index, site: &Site, all: &[&Article], out: &mut Out) -> Result<(), Fail> {
    let base = &site.base_url;
    let channel = feeds::Channel {
        title: &site.name,
        link: &format!("{base}/"),
        description: &site.tagline,
        self_url: &format!("{base}{}", paths::FEED),
    };
    out.write("rss.xml", rss(&channel, base, all))?;
    let by_path: HashMap<&str, &Article> = all.iter().map(|a| (a.path.as_str(), *a)).collect();
    for slug in index.section_slugs() {
        let Some(name) = index.section(slug, 0).map(|s| s.section.name) else { continue };
        let items = section_feed_items(index, slug, &by_path);
        let channel = feeds::Channel {
            title: &format!("{} – {}", site.name, name),
            link: &format!("{base}{}", paths::section(slug)),
            description: &format!("{}: {}", strings::SECTION_LABEL, name),
            self_url: &format!("{base}{}", paths::section_feed(slug)),
        };
        out.write(&paths::file(&paths::section_feed(slug)), rss(&channel, base, &items))?;
    }
    debug_assert!(index.section_slugs().contains(&GATHERED_SLUG));
    Ok(())
}

/// A section feed's articles: the section list's newest, up to a feed's length.
fn section_feed_items<'a>(index: &Index, slug: &str, by_path: &HashMap<&str, &'a Article>) -> Vec<&'a Article> {
    let mut items: Vec<&Article> = Vec::new();
    let mut page = Some(0);
    while let Some(n) = page.filter(|_| items.len() < feeds::FEED_ITEMS) {
        let Some(sp) = index.section(slug, n) else { break };
        items.extend(sp.list.items.iter().filter_map(|s| by_path.get(s.path.as_str()).copied()));
        page = sp.list.older;
    }
    items.truncate(feeds::FEED_ITEMS);
    items
}

/// The sitemaps (split past [`SITEMAP_MAX`] URLs) and the news sitemap.
fn write_sitemaps(site: &Site, all: &[&Article], urls: &[SitemapUrl], out: &mut Out) -> Result<(), Fail> {
    for (name, xml) in sitemaps(urls, &site.base_url, SITEMAP_MAX) {
        out.write(&name, xml.as_bytes())?;
    }
    out.write("sitemap-news.xml", news_sitemap(&site.name, &site.base_url, all))?;
    Ok(())
}

/// robots.txt, the host's `_redirects` and `_headers`, and the pristine shell.
fn write_host_files(corpus: &Corpus, shell: &Shell, shell_text: &str, site: &Site, out: &mut Out) -> Result<(), Fail> {
    out.write("robots.txt", hosting::robots_txt(&site.base_url))?;
    out.write("_redirects", hosting::redirects_file(&corpus.redirects()))?;
    let csp = content_security_policy(&csp_sources(shell));
    out.write("_headers", hosting::headers_file(&csp))?;
    out.write(hosting::WEB_MANIFEST, hosting::web_manifest(&site.name, &site.tagline, shell.theme_color.as_deref()))?;
    out.write(SHELL, shell_text.as_bytes())?;
    Ok(())
}

/// What the CSP must allow: the shell's inline scripts and the content API's origin when it is
/// elsewhere. (Images are always files under /public/: press build refuses any other.)
fn csp_sources(shell: &Shell) -> CspSources {
    CspSources {
        script_hashes: shell.inline_scripts.iter().map(|s| script_hash(s)).collect(),
        connect_origins: shell.content_base.as_deref().and_then(hosting::origin).into_iter().collect(),
    }
}

// ---------------------------------------------------------------- writing

/// Where press site's files go (the incremental writer's queue), with the top-level names the
/// manifest lists and the counts the report gives.
struct Out<'s, 'a> {
    sink: &'s mut output::FileSink<'a>,
    /// Top-level names written.
    top: BTreeSet<String>,
    files: usize,
    pages: usize,
    /// Each page's file and fingerprint, for the next run ([`unchanged`]).
    records: Vec<(String, String)>,
    /// Each page's file and its document's stamp when it was read.
    stamps: Vec<(String, Option<String>)>,
}

impl Out<'_, '_> {
    fn write(&mut self, rel: &str, bytes: impl Into<Vec<u8>>) -> io::Result<()> {
        self.sink.write(rel, bytes.into())?;
        if !self.top.contains(top_name(rel)) {
            self.top.insert(top_name(rel).to_owned());
        }
        self.files += 1;
        if rel.ends_with(".html") && rel != SHELL {
            self.pages += 1;
        }
        Ok(())
    }

    /// A page rendered from inputs with this fingerprint (and a document with this stamp).
    fn write_page(
        &mut self,
        rel: &str,
        fingerprint: Option<String>,
        doc: Option<String>,
        html: Vec<u8>,
    ) -> io::Result<()> {
        self.write(rel, html)?;
        self.record(rel, fingerprint, doc);
        Ok(())
    }

    fn record(&mut self, rel: &str, fingerprint: Option<String>, doc: Option<String>) {
        if let Some(f) = fingerprint {
            self.records.push((rel.to_owned(), f));
            self.stamps.push((rel.to_owned(), doc));
        }
    }

    /// A page the last run rendered from the same inputs, kept as it is.
    fn keep_page(&mut self, rel: &str, fingerprint: Option<String>, doc: Option<String>) -> io::Result<()> {
        self.sink.keep(rel)?;
        if !self.top.contains(top_name(rel)) {
            self.top.insert(top_name(rel).to_owned());
        }
        self.files += 1;
        self.pages += 1;
        self.record(rel, fingerprint, doc);
        Ok(())
    }

    /// The pages' fingerprints, then the manifest, last: the top-level names this run wrote,
    /// which the next run may replace and remove.
    fn finish(mut self) -> io::Result<()> {
        let records = unchanged::record(std::mem::take(&mut self.records));
        self.write(unchanged::RECORD, records)?;
        self.top.insert(MANIFEST.to_owned());
        let manifest: String = self.top.iter().map(|n| format!("{n}\n")).collect();
        self.sink.write(MANIFEST, manifest.into_bytes())
    }
}
