//! [`Index`]: everything computed once from a corpus (list memberships, tag statistics, the
//! summaries and their JSON), and the documents that are not lists: site, home, articles,
//! static pages; [`Index::resolve`] answers any path of the tree.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use chrono::{DateTime, TimeDelta, Utc};
use model::{api_path, paths, Article, ArticleSummary, Home, HomeSection, MenuItem, Site, StaticPage, TagRef};
use rayon::prelude::*;
use serde_json::value::RawValue;

use super::encode::{json, json_string};
use crate::source::{recount, Corpus, GATHERED_SLUG};

/// How many top stories the home page leads with.
pub const HOME_TOP: usize = 5;
/// Articles per section block on the home page.
pub const HOME_SECTION: usize = 4;
/// Articles in the home page's "latest" list.
pub const HOME_LATEST: usize = 10;

/// `articles/<section>/<yyyy>/<mm>/<dd>/<slug>.json` for an article.
pub fn article_api_path(a: &Article) -> String {
    let (y, m, d) = model::paths::date_parts(&a.published);
    api_path::article(&a.section.slug, &y, &m, &d, &a.slug)
}

/// Lookups computed once from a corpus: list memberships, tag statistics, summaries.
pub struct Index<'c> {
    pub(super) corpus: &'c Corpus,
    pub(super) summaries: Vec<ArticleSummary>,
    /// 0..n: every article, newest first (the corpus order).
    pub(super) all: Vec<usize>,
    /// Article indices (newest first) per section slug, including parents and "minden-mas".
    pub(super) by_section: HashMap<String, Vec<usize>>,
    pub(super) by_author: HashMap<String, Vec<usize>>,
    /// Tag slug → tag id.
    pub(super) tag_ids: BTreeMap<String, usize>,
    pub(super) tags: Vec<TagStats>,
    /// Tag ids of each article, in the article's order.
    pub(super) article_tags: Vec<Vec<usize>>,
    /// API path → article index.
    pub(super) by_api_path: HashMap<String, usize>,
    /// Publication instants (Unix seconds) by article, dense for the related-article ranking.
    pub(super) published: Vec<i64>,
    /// Each summary rendered to JSON once: lists and related articles splice these bytes
    /// instead of cloning and serialising the same summary on every page it appears on.
    pub(super) summary_json: Vec<Box<RawValue>>,
    /// The search files, built on first use.
    pub(super) search: OnceLock<crate::search::SearchFiles>,
}

pub(super) struct TagStats {
    pub(super) slug: String,
    pub(super) name: String,
    /// Articles with this tag, newest first.
    pub(super) articles: Vec<usize>,
    /// Rarity weight for related-article ranking: 1 / ln(1 + count).
    pub(super) weight: f64,
}

impl<'c> Index<'c> {
    pub fn new(corpus: &'c Corpus) -> Self {
        let articles = &corpus.articles;
        let summaries: Vec<ArticleSummary> = articles.iter().map(|a| a.article.summary()).collect();
        let published = articles.iter().map(|a| a.article.published.timestamp()).collect();
        let summary_json = summaries
            .par_iter()
            .map(|s| RawValue::from_string(json_string(s)).expect("serde_json output is JSON"))
            .collect();
        let gathered: HashSet<&str> = corpus.gathered_sections().iter().map(|s| s.slug.as_str()).collect();

        let mut by_section: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_author: HashMap<String, Vec<usize>> = HashMap::new();
        let mut tag_ids: BTreeMap<String, usize> = BTreeMap::new();
        let mut tags: Vec<TagStats> = Vec::new();
        let mut article_tags = Vec::with_capacity(articles.len());
        let mut by_api_path = HashMap::with_capacity(articles.len());

        for (i, loaded) in articles.iter().enumerate() {
            let a = &loaded.article;
            by_section.entry(a.section.slug.clone()).or_default().push(i);
            if let Some(parent) = &a.parent_section {
                by_section.entry(parent.slug.clone()).or_default().push(i);
            }
            if gathered.contains(corpus.top_section_of(a)) {
                by_section.entry(GATHERED_SLUG.to_owned()).or_default().push(i);
            }
            by_author.entry(a.author.slug.clone()).or_default().push(i);
            let mut ids = Vec::with_capacity(a.tags.len());
            for t in &a.tags {
                let id = *tag_ids.entry(t.slug.clone()).or_insert_with(|| {
                    tags.push(TagStats {
                        slug: t.slug.clone(),
                        name: t.name.clone(),
                        articles: Vec::new(),
                        weight: 0.0,
                    });
                    tags.len() - 1
                });
                tags[id].articles.push(i);
                ids.push(id);
            }
            article_tags.push(ids);
            by_api_path.insert(article_api_path(a), i);
        }
        for t in &mut tags {
            t.weight = 1.0 / (1.0 + t.articles.len() as f64).ln();
        }
        let all = (0..summaries.len()).collect();
        Index {
            corpus,
            summaries,
            all,
            by_section,
            by_author,
            tag_ids,
            tags,
            article_tags,
            by_api_path,
            published,
            summary_json,
            search: OnceLock::new(),
        }
    }

    pub fn corpus(&self) -> &'c Corpus {
        self.corpus
    }

    /// The search index files (`search/…`, docs/CONTENT.md §2.1).
    pub fn search(&self) -> &crate::search::SearchFiles {
        self.search.get_or_init(|| {
            let articles: Vec<&Article> = self.corpus.articles.iter().map(|l| &l.article).collect();
            crate::search::SearchFiles::build(&articles)
        })
    }

    /// Number of distinct tags.
    pub fn tag_count(&self) -> usize {
        self.tags.len()
    }

    pub fn site(&self) -> Site {
        let c = self.corpus;
        let cfg = &c.site;
        let menu = c
            .top_sections()
            .map(|s| MenuItem {
                label: s.name.clone(),
                href: paths::section(&s.slug),
                children: s
                    .children
                    .iter()
                    .filter_map(|slug| c.section(slug))
                    .map(|ch| MenuItem { label: ch.name.clone(), href: paths::section(&ch.slug), children: Vec::new() })
                    .collect(),
            })
            .collect();
        let copyright_to = recount::year(c.now).max(cfg.copyright_from);
        Site {
            name: cfg.name.clone(),
            tagline: cfg.tagline.clone(),
            motto: cfg.motto.clone(),
            base_url: cfg.base_url.clone(),
            menu,
            menu_inline: cfg.menu_inline,
            footer_sections: cfg.footer_sections.clone(),
            legal: cfg.legal.clone(),
            social: cfg.social.clone(),
            // Every page carries site.json (the footer lists these tags): without the counts
            // and in name order, a new article changes it only when it changes which tags are
            // the most used (docs/adr/0014).
            popular_tags: {
                let mut tags: Vec<TagRef> = self.popular_tags().into_iter().map(|t| TagRef { count: 0, ..t }).collect();
                tags.sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.name.cmp(&b.name)));
                tags
            },
            countdown: cfg.countdown.clone(),
            copyright_from: cfg.copyright_from,
            copyright_to,
        }
    }

    /// The `popular_tags` most used tags over the `popular_window_days` before the last
    /// recount ([`recount`]), by count, then name (accent-folded). An article published since
    /// the recount is not counted, so publishing never changes them: they change when the week
    /// does. When nothing was published in that window (a quiet archive), the window ends at
    /// the recount after the newest article before it instead.
    pub fn popular_tags(&self) -> Vec<TagRef> {
        let cfg = &self.corpus.site;
        let articles = &self.corpus.articles;
        let last = recount::last_recount(self.corpus.now);
        // Articles are newest first: the first one before the recount is the newest counted.
        let Some(first) = articles.iter().position(|a| a.article.published < last) else {
            return Vec::new();
        };
        let end = recount::next_recount(articles[first].article.published.with_timezone(&Utc)).min(last);
        let window = TimeDelta::try_days(i64::from(cfg.popular_window_days)).unwrap_or(TimeDelta::MAX);
        let start = end.checked_sub_signed(window).unwrap_or(DateTime::<Utc>::MIN_UTC);
        let mut counts: Vec<u32> = vec![0; self.tags.len()];
        for (i, loaded) in articles.iter().enumerate().skip(first) {
            // Once one is older than the window, all after it are too.
            if loaded.article.published < start {
                break;
            }
            for &t in &self.article_tags[i] {
                counts[t] += 1;
            }
        }
        let mut popular: Vec<TagRef> = counts
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(t, n)| TagRef { slug: self.tags[t].slug.clone(), name: self.tags[t].name.clone(), count: *n })
            .collect();
        // Names compared accent-folded (their slugs), so "Árvíz" sorts with the a's.
        popular
            .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.slug.cmp(&b.slug)).then_with(|| a.name.cmp(&b.name)));
        popular.truncate(cfg.popular_tags);
        popular
    }

    pub fn home(&self) -> Home {
        let newest = |list: &[usize], n: usize| list.iter().take(n).map(|&i| self.summaries[i].clone()).collect();
        let all = &self.all;
        let sections = self
            .corpus
            .top_sections()
            .filter_map(|s| {
                let list = self.by_section.get(&s.slug)?;
                Some(HomeSection { section: s.as_ref(), articles: newest(list, HOME_SECTION) })
            })
            .collect();
        Home { top: newest(all, HOME_TOP), sections, latest: newest(all, HOME_LATEST) }
    }

    /// The full article `i` (in `Corpus::articles`) with its related articles.
    pub fn article(&self, i: usize) -> Option<Article> {
        let loaded = self.corpus.articles.get(i)?;
        let mut article = loaded.article.clone();
        if loaded.spilled.is_some() {
            article.body = loaded.body().ok()?.into_owned();
        }
        article.related = self.related(i).into_iter().map(|j| self.summaries[j].clone()).collect();
        Some(article)
    }

    /// The article whose API path is `articles/<section>/<yyyy>/<mm>/<dd>/<slug>.json`.
    pub fn article_by_api_path(&self, path: &str) -> Option<Article> {
        self.article(*self.by_api_path.get(path)?)
    }

    pub fn page(&self, slug: &str) -> Option<&'c StaticPage> {
        self.corpus.pages.iter().find(|p| p.slug == slug)
    }

    /// The JSON for one content-API path (relative to the content base, e.g.
    /// `sections/belfold/2.json`), or `None` when no such file exists. What `press serve` answers.
    pub fn resolve(&self, path: &str) -> Option<Vec<u8>> {
        let path = path.trim_start_matches('/');
        match path {
            api_path::SITE => return Some(json(&self.site())),
            api_path::HOME => return Some(json(&self.home())),
            _ => {}
        }
        if path.starts_with("articles/") {
            return self.article_by_api_path(path).map(|a| json(&a));
        }
        if path.starts_with("search/") {
            return self.search().get(path).map(<[u8]>::to_vec);
        }
        let stem = path.strip_suffix(".json")?;
        let parts: Vec<&str> = stem.split('/').collect();
        // Only the spelling press build writes: "0", "1", "12", never "01" or "+1".
        let page = |s: &str| -> Option<u32> { s.parse().ok().filter(|n: &u32| n.to_string() == s) };
        match parts.as_slice() {
            ["latest", n] => self.latest(page(n)?).map(|p| json(&p)),
            ["sections", slug, n] => self.section(slug, page(n)?).map(|p| json(&p)),
            ["tags", slug, n] => self.tag(slug, page(n)?).map(|p| json(&p)),
            ["authors", slug, n] => self.author(slug, page(n)?).map(|p| json(&p)),
            ["pages", slug] => self.page(slug).map(json),
            _ => None,
        }
    }
}
