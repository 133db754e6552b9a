//! `articles/**/<slug>.md`: an article's front matter checked against site.toml and the
//! authors, its body, and the checks across articles (duplicate paths, one spelling per tag).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{DateTime, Utc};
use model::slug::slugify;
use model::{Article, Author, Image, Live, LiveEntry, Preview, SectionRef, TagRef, Timestamp};
use rayon::prelude::*;
use serde::Deserialize;
use toml::Spanned;

use super::cache::{Entry, Line, ParseCache};
use super::corpus::{earliest, ParseCount, SectionInfo};
use super::front_matter::{parse_front_matter, FileText, Stamp};
use super::loaded::LoadedArticle;
use super::loader::{suggestion, AuthorEntry, Loader};
use crate::error::Diagnostic;
use crate::images::ImageProbe;
use crate::progress::Work;

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
    /// A stable identity for `urls.toml` (written by `press new`): the article's old URLs follow
    /// it even when its file is renamed.
    pub id: Option<Spanned<String>>,
    /// Never published (checked like any article, shown only in a preview).
    #[serde(default)]
    pub draft: bool,
    /// A live blog whose coverage runs (`true`) or has ended (`false`); its entries are the
    /// body's time headings (source/live.rs).
    pub live: Option<bool>,
    /// When the coverage ended, if not at its newest entry.
    pub live_ended: Option<Spanned<Stamp>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverToml {
    pub src: Spanned<String>,
    pub alt: String,
    pub credit: Option<String>,
}

/// One source file's article (when it is published, or previews are on), what was found in it,
/// and its publication time when it is scheduled.
/// With the cache, also the line that keeps the article's entry, and whether it was parsed.
type ArticleResult = (Option<LoadedArticle>, Vec<Diagnostic>, Option<DateTime<Utc>>, Option<Line>, bool);

/// What a parse found, before the time decides whether the article is out: the article when
/// it has no error, whether it is a draft, its publication time, and where its own findings
/// start in the loader's diagnostics.
struct Parsed {
    article: Option<LoadedArticle>,
    draft: bool,
    published: Timestamp,
    diags_before: usize,
}

impl Loader {
    pub(super) fn load_articles(
        &mut self,
        dir: &Path,
        sections: Option<&[SectionInfo]>,
        authors: &BTreeMap<String, AuthorEntry>,
        cache: Option<&ParseCache>,
    ) -> (Vec<LoadedArticle>, Vec<Line>, ParseCount) {
        // Articles are independent: parsed on every core, each worker with its own image cache
        // and diagnostics, merged in file order (and sorted with the rest at the end).
        let mut phases = crate::stats::Phases::new();
        let files = self.files(dir, "md", true);
        phases.lap(" walk");
        let public_dir = self.probe.public_dir().to_owned();
        // With a cache, bodies go to its bodies file, where the next load finds them.
        let spill = cache.map(|c| c.store().clone()).or_else(|| self.spill.clone());
        let (now, previews) = (self.now, self.previews);
        let photos = self.photos.clone();
        let progress = self.progress;
        progress.begin(Work::Articles, Some(files.len() as u64));
        // Photos are met (and encoded when new) while articles are read.
        progress.begin(Work::Photos, None);
        let results: Vec<ArticleResult> = files
            .par_iter()
            .map_init(
                || Loader {
                    diags: Vec::new(),
                    probe: ImageProbe::with_photos(&public_dir, photos.clone()),
                    site_links: Vec::new(),
                    spill: None,
                    now,
                    previews,
                    photos: photos.clone(),
                    progress,
                    next_scheduled: None,
                },
                |loader, path| {
                    // Stamped before it is read: a file replaced meanwhile is parsed again next time.
                    let stamp = cache.and(crate::stamp::stamp(path));
                    let hit = match (cache, &stamp, sections) {
                        (Some(c), Some(stamp), Some(_)) => c.hit(path, stamp),
                        _ => None,
                    };
                    let (article, line, parsed) = match hit.and_then(|h| loader.cached(path, h, authors)) {
                        Some((article, line)) => (article, Some(line), false),
                        None => {
                            loader.probe.log_deps();
                            let parsed = loader.load_article(path, sections, authors);
                            let deps = loader.probe.take_deps();
                            let (article, line) = loader.keep(path, parsed, deps, spill.as_ref(), stamp);
                            (article, line, true)
                        }
                    };
                    progress.advance(Work::Articles, 1);
                    (article, std::mem::take(&mut loader.diags), loader.next_scheduled.take(), line, parsed)
                },
            )
            .collect();
        progress.end(Work::Photos);
        progress.end(Work::Articles);
        let mut out = Vec::with_capacity(results.len());
        let mut lines = Vec::new();
        let mut count = ParseCount::default();
        for (article, diags, scheduled, line, parsed) in results {
            self.diags.extend(diags);
            out.extend(article);
            lines.extend(line);
            self.next_scheduled = earliest(self.next_scheduled, scheduled);
            if parsed {
                count.parsed += 1;
            } else {
                count.cached += 1;
            }
        }
        (out, lines, count)
    }

    /// A parsed article: its body spilled, its entry made for the cache (when the load keeps
    /// one and the article has no error), then the time's decision.
    fn keep(
        &mut self,
        path: &Path,
        parsed: Option<Parsed>,
        deps: Vec<crate::images::Dep>,
        spill: Option<&std::sync::Arc<super::spill::BodyStore>>,
        stamp: Option<String>,
    ) -> (Option<LoadedArticle>, Option<Line>) {
        let Some(mut parsed) = parsed else { return (None, None) };
        let mut line = None;
        if let (Some(a), Some(store)) = (parsed.article.as_mut(), spill) {
            let json = serde_json::to_vec(&a.article.body).expect("model types serialise to JSON");
            match store.put(&json) {
                Ok(spilled) => {
                    let own = &self.diags[..];
                    if let (Some(stamp), Some(entry)) = (stamp, Entry::of(parsed.draft, a, own, deps)) {
                        line = ParseCache::line(path, stamp, spilled.place(), entry);
                    }
                    a.article.body = Vec::new();
                    a.spilled = Some(spilled);
                }
                Err(e) => {
                    self.diags.push(Diagnostic::error(path, format!("cannot park the body in a temporary file: {e}")))
                }
            }
        }
        (self.decide(parsed), line)
    }

    /// An article from the cache: its warnings reported again, its author as authors/ has it
    /// now, then the time's decision. `None` (parse it) when its author is gone.
    fn cached(
        &mut self,
        path: &Path,
        hit: super::cache::Hit,
        authors: &BTreeMap<String, AuthorEntry>,
    ) -> Option<(Option<LoadedArticle>, Line)> {
        let super::cache::Hit { entry, body, line } = hit;
        let (author, _) = authors.get(&entry.article.author.slug)?;
        let diags_before = self.diags.len();
        self.diags.extend(entry.diagnostics(path));
        let mut article = entry.article;
        article.author = author.clone();
        let published = article.published;
        let loaded = LoadedArticle {
            file: path.to_owned(),
            article,
            spilled: Some(body),
            aliases: entry.aliases,
            identity: entry.identity,
        };
        let parsed = Parsed { article: Some(loaded), draft: entry.draft, published, diags_before };
        Some((self.decide(parsed), line))
    }

    /// Whether the article is out at this load's time: kept (marked in a preview) or left out.
    fn decide(&mut self, parsed: Parsed) -> Option<LoadedArticle> {
        let preview = self.preview_of(parsed.draft, &parsed.published, parsed.diags_before)?;
        let mut article = parsed.article?;
        article.article.preview = preview;
        Some(article)
    }

    /// One article: every check of its front matter and body, each problem reported; the
    /// article when it has none. Whether it is out is [`Loader::decide`]'s.
    fn load_article(
        &mut self,
        path: &Path,
        sections: Option<&[SectionInfo]>,
        authors: &BTreeMap<String, AuthorEntry>,
    ) -> Option<Parsed> {
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
        let (section, parent_section) = self.article_section(&ft, &fm.section, sections);
        let author = self.article_author(&ft, &fm.author, authors);
        let tags = self.article_tags(&ft, &fm.tags);
        let published = fm.published.get_ref().0;
        let updated = fm.updated.as_ref().map(|u| u.get_ref().0);
        if let (Some(u), Some(spanned)) = (updated, fm.updated.as_ref()) {
            if u < published {
                self.diags.push(ft.warning_at(spanned, "`updated` is earlier than `published`"));
            }
        }
        let cover = self.article_cover(&ft, fm.cover.as_ref());
        let (body, entries) = self.live_body(path, &text, split.body_start..text.len(), &ft.lines);
        let live = self.article_live(&ft, &fm, entries);
        if body.is_empty() && live.is_none() {
            self.diags.push(
                Diagnostic::warning(path, "the article body is empty")
                    .at_line(ft.lines.pos(&text, split.body_start).line),
            );
        }
        let aliases = self.article_aliases(&ft, &fm.aliases);
        let id = self.article_id(&ft, fm.id.as_ref());

        let clean = !self.has_errors_since(diags_before);
        let (Some(slug), Some(section), Some(author), true) = (slug, section, author, clean) else {
            return Some(Parsed { article: None, draft: fm.draft, published, diags_before });
        };
        let article_path = model::paths::article(&section.slug, &published, &slug);
        // Without an id, `load` sets the file relative to the content folder.
        let identity = id.map(|id| format!("id:{id}")).unwrap_or_default();
        let article = LoadedArticle {
            spilled: None,
            aliases,
            identity,
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
                cover,
                source: fm.source.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()),
                preview: None,
                // A live blog is updated by its newest entry.
                updated: updated.max(live.as_ref().and_then(model::Live::last_update)),
                live,
                tags,
                body,
                related: Vec::new(),
            },
        };
        Some(Parsed { article: Some(article), draft: fm.draft, published, diags_before })
    }

    /// The article's live blog: with `live = true` (running) or with entries (ended unless
    /// `live = true`: at `live_ended`, else at its newest entry). `None` for an ordinary article.
    fn article_live(&mut self, ft: &FileText, fm: &FrontMatter, entries: Vec<LiveEntry>) -> Option<Live> {
        let running = fm.live == Some(true);
        if let (true, Some(at)) = (running, fm.live_ended.as_ref()) {
            self.diags.push(ft.warning_at(at, "`live_ended` is ignored while `live = true`: the coverage is running"));
        }
        if !running && entries.is_empty() {
            if let Some(at) = fm.live_ended.as_ref() {
                self.diags.push(ft.warning_at(at, "`live_ended` without entries: this is not a live blog"));
            }
            return None;
        }
        let ended = match running {
            true => None,
            false => fm.live_ended.as_ref().map(|e| e.get_ref().0).or_else(|| entries.iter().map(|e| e.time).max()),
        };
        Some(Live { ended, entries })
    }

    /// The article's section and its parent; `None` when site.toml failed (its errors are
    /// reported there) or the section is unknown.
    fn article_section(
        &mut self,
        ft: &FileText,
        wanted: &Spanned<String>,
        sections: Option<&[SectionInfo]>,
    ) -> (Option<SectionRef>, Option<SectionRef>) {
        let Some(sections) = sections else { return (None, None) };
        match sections.iter().find(|s| s.slug == *wanted.get_ref()) {
            Some(s) => {
                let parent = s.parent.as_ref().and_then(|p| sections.iter().find(|x| x.slug == *p));
                (Some(s.as_ref()), parent.map(SectionInfo::as_ref))
            }
            None => {
                let known: Vec<&str> = sections.iter().map(|s| s.slug.as_str()).collect();
                let hint = suggestion(wanted.get_ref(), known.iter().copied(), "site.toml");
                self.error(ft.error_at(wanted, format!("unknown section `{}`{hint}", wanted.get_ref())));
                (None, None)
            }
        }
    }

    fn article_author(
        &mut self,
        ft: &FileText,
        wanted: &Spanned<String>,
        authors: &BTreeMap<String, AuthorEntry>,
    ) -> Option<Author> {
        if let Some((a, _)) = authors.get(wanted.get_ref()) {
            return Some(a.clone());
        }
        let name = wanted.get_ref();
        self.error(ft.error_at(
            wanted,
            format!(
                "unknown author `{name}` (no authors/{name}.toml){}",
                suggestion(name, authors.keys().map(String::as_str), "")
            ),
        ));
        None
    }

    /// The tags with their spacing normalised, each once.
    fn article_tags(&mut self, ft: &FileText, written: &[Spanned<String>]) -> Vec<TagRef> {
        let mut tags: Vec<TagRef> = Vec::new();
        for tag in written {
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
        tags
    }

    fn article_cover(&mut self, ft: &FileText, cover: Option<&CoverToml>) -> Option<Image> {
        let Some(c) = cover else {
            self.diags.push(Diagnostic::warning(ft.path, "the article has no cover image").at_line(1));
            return None;
        };
        match self.probe.image(c.src.get_ref()) {
            Ok(facts) => Some(Image {
                src: c.src.get_ref().clone(),
                alt: c.alt.trim().to_owned(),
                caption: None,
                credit: c.credit.as_ref().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()),
                ..facts
            }),
            Err(msg) => {
                self.error(ft.error_at(&c.src, format!("cover: {msg}")));
                None
            }
        }
    }

    /// The old URLs that are site paths a host's redirect rules can hold.
    fn article_aliases(&mut self, ft: &FileText, written: &[Spanned<String>]) -> Vec<String> {
        let mut aliases = Vec::with_capacity(written.len());
        for alias in written {
            let a = alias.get_ref();
            if !model::url::is_alias(a) {
                self.error(ft.error_at(
                    alias,
                    format!("alias `{a}` must be a site path such as /2019/05/regi-cim/ (no spaces, *, ?, # or :)"),
                ));
            } else {
                aliases.push(a.clone());
            }
        }
        aliases
    }

    fn article_id(&mut self, ft: &FileText, id: Option<&Spanned<String>>) -> Option<String> {
        let id = id?;
        if id.get_ref().trim().is_empty() || id.get_ref().chars().any(char::is_whitespace) {
            self.error(ft.error_at(id, "`id` must be a non-empty word without spaces"));
            return None;
        }
        Some(id.get_ref().clone())
    }

    /// `Some(preview mark)` for an article to keep (`Some(None)`: a published one), `None` for
    /// a draft or scheduled article outside a preview. Checked like any other, but only a
    /// preview keeps a draft or a scheduled article.
    fn preview_of(&mut self, draft: bool, published: &Timestamp, diags_before: usize) -> Option<Option<Preview>> {
        let preview = if draft {
            Some(Preview::Draft)
        } else if published.with_timezone(&chrono::Utc) > self.now {
            self.next_scheduled = earliest(self.next_scheduled, Some(published.with_timezone(&chrono::Utc)));
            Some(Preview::Scheduled)
        } else {
            None
        };
        if preview.is_none() || self.previews {
            return Some(preview);
        }
        // A half-written draft must not stop the site's scheduled rebuild: its problems are
        // reported as warnings. A scheduled article will be published unattended, so its
        // errors stay errors.
        if draft {
            for d in &mut self.diags[diags_before..] {
                if d.is_error() {
                    d.severity = crate::error::Severity::Warning;
                    d.message.push_str(" (in a draft: fix it before publishing)");
                }
            }
        }
        None
    }

    pub(super) fn check_duplicate_paths(&mut self, articles: &[LoadedArticle]) {
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
    pub(super) fn canonicalise_tags(&mut self, articles: &mut [LoadedArticle]) {
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
}

/// The articles' front matter as the editor writes it: fences, TOML positions, dates.
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
}
