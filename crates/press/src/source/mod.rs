//! Loading and validating the editors' sources (docs/CONTENT.md §1) into a `Corpus`.
//!
//! Every file is read and checked even after an error, so an editor sees all problems at once.
//! TOML errors and semantic errors (unknown section, missing image…) point at the line and
//! column in the file as the editor sees it: front-matter positions are offset by the fence.
//!
//! - [`front_matter`]: `+++` fences, TOML positions in the file, date-times;
//! - `site_toml`, `authors`, `pages`, `articles`: one kind of source each;
//! - `live`: a live blog's entries in an article's body;
//! - [`spill`]: bodies parked on disk while press build runs;
//! - `cache`: the parse cache that spares an unchanged article its parse (docs/adr/0021);
//! - [`recount`]: when the footer's site-wide parts change;
//! - `corpus`: the [`Corpus`] they make, of `loaded` articles; `loader`: what every kind of source shares;
//! - here: [`load`], the phases in order.

mod articles;
mod authors;
mod cache;
mod corpus;
pub mod front_matter;
mod live;
mod loaded;
mod loader;
mod pages;
pub mod recount;
mod site_toml;
pub mod spill;
pub mod urls;

use std::path::{Path, PathBuf};

use chrono::Utc;

use crate::error::{self, Diagnostic};
use crate::images::ImageProbe;
use loader::Loader;

pub use articles::{CoverToml, FrontMatter};
pub use corpus::{
    newest_first, Corpus, LoadOptions, ParseCount, PhotoMode, SectionInfo, SiteConfig, GATHERED_NAME, GATHERED_SLUG,
    SOCIAL_NETWORKS,
};
pub use front_matter::{parse_front_matter, split_front_matter, FrontMatterSplit, Stamp};
pub use loaded::LoadedArticle;
pub use pages::PageFrontMatter;
pub use spill::{BodyStore, SpilledBody};

/// The public folder used when none is given: `public/` beside the content folder.
pub fn default_public_dir(content_dir: &Path) -> PathBuf {
    match (content_dir.parent(), content_dir.file_name()) {
        (Some(parent), Some(_)) => parent.join("public"),
        _ => content_dir.join("..").join("public"),
    }
}

/// Reads and validates everything under `content_dir`; images are looked up under `public_dir`.
/// On failure, returns all diagnostics (errors and warnings), sorted by file and position.
pub fn load(content_dir: &Path, public_dir: &Path) -> Result<Corpus, Vec<Diagnostic>> {
    load_with(content_dir, public_dir, LoadOptions::default())
}

/// `load`, with bodies kept as `opts` says.
pub fn load_with(content_dir: &Path, public_dir: &Path, opts: LoadOptions) -> Result<Corpus, Vec<Diagnostic>> {
    load_cached(content_dir, public_dir, opts, None)
}

/// `load_with` and the parse cache whose index is at `cache` (docs/adr/0021), when bodies are
/// spilled (the cache keeps them in its own bodies file): an article whose source and images
/// are as they were comes from it unparsed. The new index is written after a successful load.
pub fn load_cached(
    content_dir: &Path,
    public_dir: &Path,
    opts: LoadOptions,
    cache: Option<&Path>,
) -> Result<Corpus, Vec<Diagnostic>> {
    let mut cache = match (cache, opts.spill_bodies && content_dir.is_dir()) {
        (Some(index), true) => cache::ParseCache::open(index, content_dir, public_dir, opts.photos),
        _ => None,
    };
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
        next_scheduled: None,
    };
    if !content_dir.is_dir() {
        return Err(vec![Diagnostic::error(content_dir, "content folder not found")]);
    }

    let mut phases = crate::stats::Phases::new();
    let site_path = content_dir.join("site.toml");
    let site = loader.load_site(&site_path);
    let authors = loader.load_authors(&content_dir.join("authors"));
    let pages = loader.load_pages(&content_dir.join("pages"));
    let (mut articles, lines, parse) = loader.load_articles(
        &content_dir.join("articles"),
        site.as_ref().map(|(_, s)| s.as_slice()),
        &authors,
        cache.as_ref(),
    );
    phases.lap(" articles");

    loader.check_duplicate_paths(&articles);
    for a in articles.iter_mut().filter(|a| a.identity.is_empty()) {
        a.identity = urls::identity(content_dir, &a.file, None);
    }
    let url_record = match urls::UrlRecord::read(content_dir) {
        Ok(record) => {
            urls::apply(content_dir, &record, &mut articles, &mut loader.diags);
            Some(record)
        }
        Err(d) => {
            loader.error(d);
            None
        }
    };
    loader.canonicalise_tags(&mut articles);
    if let Some((_, sections)) = &site {
        loader.check_site_links(&site_path, sections, &pages, &articles);
    }

    let Loader { mut diags, next_scheduled, now, .. } = loader;
    error::sort(&mut diags);
    let (Some((config, sections)), false) = (site, diags.iter().any(Diagnostic::is_error)) else {
        return Err(diags);
    };
    articles.sort_by(|a, b| newest_first(&a.article, &b.article));
    phases.lap(" checks");
    if let Some(cache) = cache.as_mut() {
        cache.commit(&lines);
        phases.lap(" cache");
    }
    Ok(Corpus {
        content_dir: content_dir.to_owned(),
        public_dir: public_dir.to_owned(),
        site: config,
        sections,
        authors: authors.into_iter().map(|(k, (a, _))| (k, a)).collect(),
        articles,
        pages,
        warnings: diags,
        next_scheduled,
        now,
        parse,
        url_record,
    })
}

/// The section slugs (sub-sections included) and author slugs of `content_dir`, read exactly as a
/// build reads site.toml and authors/, for commands that write new sources. Only a site.toml that
/// cannot be read is an error here; the rest (an author's missing avatar, …) is press check's.
pub fn sections_and_authors(content_dir: &Path) -> Result<(Vec<String>, Vec<String>), Vec<Diagnostic>> {
    let mut loader = Loader {
        diags: Vec::new(),
        probe: ImageProbe::new(default_public_dir(content_dir)),
        site_links: Vec::new(),
        spill: None,
        now: Utc::now(),
        previews: false,
        photos: None,
        progress: crate::progress::Progress::none(),
        next_scheduled: None,
    };
    let site = loader.load_site(&content_dir.join("site.toml"));
    let authors = loader.load_authors(&content_dir.join("authors"));
    match site {
        Some((_, sections)) => Ok((sections.into_iter().map(|s| s.slug).collect(), authors.into_keys().collect())),
        None => Err(loader.diags),
    }
}
