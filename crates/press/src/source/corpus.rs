//! What a load makes: the [`Corpus`] and its parts, the options a load takes, and the order
//! articles are kept in. Every kind of source and every later phase (build, site) reads these.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::Utc;
use model::{Article, Author, Countdown, Link, SectionRef, SocialLink, StaticPage};

use super::loaded::LoadedArticle;
use crate::error::Diagnostic;

/// Slug of the gathered section listing everything outside the first `menu_inline` sections.
pub const GATHERED_SLUG: &str = "minden-mas";
/// Its display name.
pub const GATHERED_NAME: &str = "Minden más";

/// Social networks the app has icons for.
pub const SOCIAL_NETWORKS: [&str; 5] = ["instagram", "facebook", "twitter", "coub", "youtube"];

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
    /// The earliest publication time of a scheduled article (not a draft): when the site
    /// changes next with no source edited.
    pub next_scheduled: Option<chrono::DateTime<Utc>>,
    /// The time the load published at ([`LoadOptions::now`]): what the footer's popular tags and
    /// copyright year are counted to ([`super::recount`]).
    pub now: chrono::DateTime<Utc>,
    /// How many articles were parsed, and how many came from the parse cache.
    pub parse: ParseCount,
    /// The record of published URLs as the load read it (`None`: there was none to read), so
    /// press build grows it without parsing it again.
    pub url_record: Option<super::urls::UrlRecord>,
}

/// How many articles a load parsed and how many came from the parse cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseCount {
    pub parsed: usize,
    pub cached: usize,
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
    /// When, after `now`, the same sources make another site: a scheduled article comes out, the
    /// sidebar's countdown ends, the popular tags are recounted or the year turns.
    /// There always is one: the calendar's.
    pub fn next_timed_change(&self, now: chrono::DateTime<Utc>) -> chrono::DateTime<Utc> {
        let countdown = self.site.countdown.as_ref().map(|c| c.target.with_timezone(&Utc)).filter(|t| *t > now);
        let calendar = super::recount::next_recount(now).min(super::recount::next_new_year(now));
        [self.next_scheduled, countdown].into_iter().flatten().fold(calendar, std::cmp::min)
    }

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

/// Newest first; ties by slug, then path, so every order in the output is deterministic.
pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.published
        .with_timezone(&Utc)
        .cmp(&a.published.with_timezone(&Utc))
        .then_with(|| a.slug.cmp(&b.slug))
        .then_with(|| a.path.cmp(&b.path))
}

/// The earlier of two optional times.
pub(super) fn earliest(
    a: Option<chrono::DateTime<Utc>>,
    b: Option<chrono::DateTime<Utc>>,
) -> Option<chrono::DateTime<Utc>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
