//! One pull: fetch what changed, convert it, download its media, write it all or nothing.
//!
//! [`pull`] runs the phases in order, each a function of one concern:
//! 1. [`fetch`]: the posts changed since the last pull (or all of them), and which ids are live;
//! 2. [`convert`]: each post's section (never guessed) and its body as blocks;
//! 3. [`plan`]: which posts stay as they are, each author's slug, each article's file and path;
//! 4. [`render`]: the article and author files, images downloaded as they are met ([`media`]);
//! 5. [`write`]: into staging copies of the tree, gone files removed, new ones written, the
//!    state file last; then the copies are swapped in (media first), and only then is media no
//!    post uses any more removed from the live folder.
//!
//! The whole pull holds a lock on the content folder ([`tree::lock`]). A pull killed at any
//! moment leaves the tree as it was before or as it is after: each folder is swapped in one
//! step, the media folder only ever gains files before the content swap, and the removal of
//! unused media (the one step after it) is redone by the next pull.

mod error;
mod media;
mod plan;
mod render;
mod write;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::html;
use crate::http::Fetcher;
use crate::mapping::Mapping;
use crate::source::{self, Post, Source};
use crate::tree::{self, AuthorState, PostState, Staging, State};
use error::io_err;
pub use error::PullError;
use plan::{Before, Prepared};

pub struct Options {
    pub content: PathBuf,
    pub public: PathBuf,
    /// Ignore the state file's mark and fetch everything.
    pub full: bool,
    /// Show posts fetched / total on stderr.
    pub progress: bool,
}

/// What a pull did.
#[derive(Debug, Default)]
pub struct Report {
    pub full: bool,
    /// Names changed in the CMS since the last pull (a category or an author renamed), so every
    /// post was fetched again although the pull was meant to be incremental.
    pub renamed: bool,
    /// Posts fetched from the CMS (changed or new).
    pub fetched: usize,
    /// Article files written (new or changed), left as they were, removed.
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Articles the pull owns afterwards.
    pub articles: usize,
    pub media_downloaded: usize,
    pub requests: u64,
    /// Each names the post (CMS id and title) and what happened.
    pub warnings: Vec<String>,
    pub elapsed: Duration,
}

impl Report {
    pub fn summary(&self) -> String {
        format!(
            "press pull: {} pull{}, {} posts fetched; {} articles written, {} unchanged, {} removed ({} in the tree), {} media files downloaded, {} requests in {:.2} s{}",
            if self.full { "full" } else { "incremental" },
            if self.renamed { " (names changed in the CMS: every post fetched again)" } else { "" },
            self.fetched,
            self.written,
            self.unchanged,
            self.removed,
            self.articles,
            self.media_downloaded,
            self.requests,
            self.elapsed.as_secs_f64(),
            match self.warnings.len() {
                0 => String::new(),
                1 => " (1 warning)".into(),
                n => format!(" ({n} warnings)"),
            }
        )
    }
}

/// Runs a pull of `cms` into `opts.content` / `opts.public`.
pub fn pull(cms: &mut dyn Source, fetcher: &Fetcher, opts: &Options) -> Result<Report, PullError> {
    let started = Instant::now();
    let _lock = tree::lock(&opts.content).map_err(io_err(&opts.content))?;
    let mapping = Mapping::load(&opts.content.join("site.toml")).map_err(PullError::Config)?;
    let mut before = Before::load(&opts.content, cms, opts.full)?;
    // Read before the posts, so that a rename while they are fetched shows at the next pull.
    let names = cms.names_mark()?;
    let renamed = before.incremental && names != before.state.names;
    if renamed {
        // A renamed category or author changes articles whose modification marks did not move.
        before.incremental = false;
    }
    let mut report = Report { full: !before.incremental, renamed, ..Report::default() };
    let fetched = fetch(cms, &before, opts.progress)?;
    report.fetched = fetched.posts.len();
    report.warnings = fetched.warnings;
    let since = cms.newest_mark(&fetched.posts, before.mark());
    let prepared = convert(fetched.posts, &mapping)?;
    let mut plan = plan::plan(&before, &fetched.live, &prepared, &opts.content);

    let media_live = opts.public.join(&mapping.media_dir);
    let media_stage = Staging::new(&media_live).map_err(io_err(&media_live))?;
    let content = Staging::new(&opts.content).map_err(io_err(&opts.content))?;
    let mut media = media::Media::new(fetcher, &media_stage.dir, cms.base_url(), &mapping.media_dir);
    let articles = render::articles(prepared, &plan, &mut media, cms.kind(), &mut report.warnings)?;
    let author_files = render::authors(&plan.persons, &mut plan.authors, &mut media, &mut report.warnings)?;
    report.media_downloaded = media.downloaded;

    let mut posts = std::mem::take(&mut plan.kept);
    posts.extend(articles.states);
    posts.sort_by_key(|p| p.id);
    let (authors, gone_authors) = referenced_authors(std::mem::take(&mut plan.authors), &posts);
    let state = State { cms: cms.kind().to_owned(), url: cms.base_url().to_owned(), since, names, posts, authors };

    report.removed = write::remove_gone_articles(&content.dir, &before.state.posts, &state.posts)?;
    write::remove_authors(&content.dir, &gone_authors)?;
    (report.written, report.unchanged) = write::articles(&content.dir, &articles.docs)?;
    write::files(&content.dir, &author_files)?;
    write::state(&content.dir, &state)?;
    report.articles = state.posts.len();
    report.requests = fetcher.requests.get();

    // Media first: the new articles need them.
    media_stage.swap().map_err(io_err(&media_live))?;
    content.swap().map_err(io_err(&opts.content))?;
    write::remove_unused_media(&media_live, &state)?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// What the CMS gave: posts (by id, each once), the ids published now, warnings about posts
/// it could not read.
struct Fetched {
    posts: Vec<Post>,
    live: BTreeSet<u64>,
    warnings: Vec<String>,
}

/// Everything (a full pull), or what changed since the mark plus the published posts the state
/// does not know yet (an incremental one: a scheduled post goes live without a new mark).
/// A post listed but unreadable counts as published (its previous version stays), a withheld
/// one does not (its previous version goes).
fn fetch(cms: &mut dyn Source, before: &Before, progress: bool) -> Result<Fetched, PullError> {
    let mut show = |done: usize, total: Option<usize>| {
        if progress {
            match total {
                Some(t) => eprint!("\rpress pull: {done}/{t} posts"),
                None => eprint!("\rpress pull: {done} posts"),
            }
        }
    };
    let (batch, mut live) = if before.incremental {
        let ids = source::published_ids(cms)?;
        let known: HashSet<u64> = before.state.posts.iter().map(|p| p.id).collect();
        let new: Vec<u64> = ids.iter().copied().filter(|i| !known.contains(i)).collect();
        (source::posts(cms, before.mark(), &new, &mut show)?, ids.into_iter().collect())
    } else {
        (source::posts(cms, None, &[], &mut show)?, BTreeSet::new())
    };
    if progress {
        eprintln!();
    }
    let mut posts = batch.posts;
    live.extend(posts.iter().map(|p| p.id).chain(batch.unreadable));
    for id in &batch.withheld {
        live.remove(id);
    }
    posts.sort_by_key(|p| p.id);
    posts.dedup_by_key(|p| p.id);
    Ok(Fetched { posts, live, warnings: batch.warnings })
}

/// Each post's section and blocks; the pull fails listing every category no section is mapped to.
fn convert(posts: Vec<Post>, mapping: &Mapping) -> Result<Vec<Prepared>, PullError> {
    let mut unmapped: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut prepared = Vec::with_capacity(posts.len());
    for mut post in posts {
        let Some(section) = mapping.section_for(&post.categories) else {
            let names = if post.categories.is_empty() {
                vec!["(no category)".to_owned()]
            } else {
                post.categories.iter().map(|c| c.name.clone()).collect()
            };
            for n in names {
                unmapped.entry(n).or_default().push(post.title.clone());
            }
            continue;
        };
        let mut notes = std::mem::take(&mut post.notes);
        if post.author.is_stand_in() {
            if !mapping.site_name.is_empty() {
                post.author.name = mapping.site_name.clone();
            }
            notes.push(format!("no author the CMS shows; credited to the site, „{}”", post.author.name));
        }
        let converted = html::to_blocks(&post.body_html, &post.link);
        let warnings = notes.into_iter().chain(converted.warnings).collect();
        prepared.push(Prepared { section, blocks: converted.blocks, warnings, post });
    }
    if !unmapped.is_empty() {
        return Err(PullError::Unmapped(unmapped.into_iter().collect()));
    }
    Ok(prepared)
}

/// The authors some post still names, and the others (their files go).
fn referenced_authors(
    mut authors: BTreeMap<u64, AuthorState>,
    posts: &[PostState],
) -> (Vec<AuthorState>, Vec<AuthorState>) {
    let referenced: BTreeSet<u64> = posts.iter().map(|p| p.author).collect();
    let gone = authors.values().filter(|a| !referenced.contains(&a.id)).cloned().collect();
    authors.retain(|id, _| referenced.contains(id));
    (authors.into_values().collect(), gone)
}
