//! From a `Corpus` to the JSON tree of docs/CONTENT.md §2: lists, related articles, popular
//! tags, and writing the tree atomically.
//!
//! `Index` answers single paths (for `press serve`) and `render_tree` renders all of them (for
//! `press build`); both go through the same functions, so the two cannot disagree.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};

use chrono::{Datelike, TimeDelta};
use model::{
    api_path, Article, ArticleSummary, AuthorPage, Home, HomeSection, ListPage, MenuItem, SectionPage, SectionRef,
    Site, StaticPage, TagPage, TagRef, PAGE_SIZE,
};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::source::{date_parts, Corpus, GATHERED_NAME, GATHERED_SLUG};

/// How many top stories the home page leads with.
pub const HOME_TOP: usize = 5;
/// Articles per section block on the home page.
pub const HOME_SECTION: usize = 4;
/// Articles in the home page's "latest" list.
pub const HOME_LATEST: usize = 10;
/// At most this many related articles per article.
pub const RELATED: usize = 12;

/// Lookups computed once from a corpus: list memberships, tag statistics, summaries.
pub struct Index<'c> {
    corpus: &'c Corpus,
    summaries: Vec<ArticleSummary>,
    /// 0..n: every article, newest first (the corpus order).
    all: Vec<usize>,
    /// Article indices (newest first) per section slug, including parents and "minden-mas".
    by_section: HashMap<String, Vec<usize>>,
    by_author: HashMap<String, Vec<usize>>,
    /// Tag slug → tag id.
    tag_ids: BTreeMap<String, usize>,
    tags: Vec<TagStats>,
    /// Tag ids of each article, in the article's order.
    article_tags: Vec<Vec<usize>>,
    /// API path → article index.
    by_api_path: HashMap<String, usize>,
    /// Publication instants (Unix seconds) by article, dense for the related-article ranking.
    published: Vec<i64>,
    /// Each summary rendered to JSON once: lists and related articles splice these bytes
    /// instead of cloning and serialising the same summary on every page it appears on.
    summary_json: Vec<Box<RawValue>>,
    /// The search files, built on first use.
    search: std::sync::OnceLock<crate::search::SearchFiles>,
}

struct TagStats {
    slug: String,
    name: String,
    /// Articles with this tag, newest first.
    articles: Vec<usize>,
    /// Rarity weight for related-article ranking: 1 / ln(1 + count).
    weight: f64,
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
            search: std::sync::OnceLock::new(),
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

    // ------------------------------------------------------------ site and home

    pub fn site(&self) -> Site {
        let c = self.corpus;
        let cfg = &c.site;
        let menu = c
            .top_sections()
            .map(|s| MenuItem {
                label: s.name.clone(),
                href: format!("/rovat/{}", s.slug),
                children: s
                    .children
                    .iter()
                    .filter_map(|slug| c.section(slug))
                    .map(|ch| MenuItem {
                        label: ch.name.clone(),
                        href: format!("/rovat/{}", ch.slug),
                        children: Vec::new(),
                    })
                    .collect(),
            })
            .collect();
        let copyright_to = c.articles.first().map(|a| a.article.published.year()).unwrap_or(cfg.copyright_from);
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
            popular_tags: self.popular_tags(),
            countdown: cfg.countdown.clone(),
            copyright_from: cfg.copyright_from,
            copyright_to,
        }
    }

    /// The `popular_tags` most used tags over the articles published within
    /// `popular_window_days` before the newest article (not the wall clock: a build is
    /// reproducible). By count, then name (accent-folded).
    pub fn popular_tags(&self) -> Vec<TagRef> {
        let cfg = &self.corpus.site;
        let Some(newest) = self.corpus.articles.first().map(|a| a.article.published) else {
            return Vec::new();
        };
        let window = TimeDelta::try_days(i64::from(cfg.popular_window_days)).unwrap_or(TimeDelta::MAX);
        let mut counts: Vec<u32> = vec![0; self.tags.len()];
        for (i, loaded) in self.corpus.articles.iter().enumerate() {
            // Articles are newest first: once one is outside the window, all after it are too.
            if newest - loaded.article.published > window {
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

    // ------------------------------------------------------------ lists

    fn list(&self, list: &[usize], page: u32) -> Option<ListPage> {
        let (items, pages, total) = paginate(list, page, |i| self.summaries[i].clone())?;
        Some(ListPage { items, page, pages, total })
    }

    /// `list` with the summaries as pre-rendered JSON (the same bytes once serialised).
    fn list_out(&self, list: &[usize], page: u32) -> Option<ListOut<'_>> {
        let (items, pages, total) = paginate(list, page, |i| &*self.summary_json[i])?;
        Some(ListOut { items, page, pages, total })
    }

    fn pages_of(&self, len: usize) -> u32 {
        len.div_ceil(PAGE_SIZE).max(1) as u32
    }

    /// All articles, newest first.
    pub fn latest(&self, page: u32) -> Option<ListPage> {
        self.list(&self.all, page)
    }

    /// Slugs of every section page: all sections of site.toml, then "minden-mas".
    pub fn section_slugs(&self) -> Vec<&str> {
        self.corpus.sections.iter().map(|s| s.slug.as_str()).chain([GATHERED_SLUG]).collect()
    }

    pub fn section(&self, slug: &str, page: u32) -> Option<SectionPage> {
        let (section, parent, children) = self.section_head(slug)?;
        let list = self.list(self.by_section.get(slug).map(Vec::as_slice).unwrap_or_default(), page)?;
        Some(SectionPage { section, parent, children, list })
    }

    /// A section (or the gathered one), its parent and its children.
    fn section_head(&self, slug: &str) -> Option<(SectionRef, Option<SectionRef>, Vec<SectionRef>)> {
        let c = self.corpus;
        if slug == GATHERED_SLUG {
            let section = SectionRef { slug: GATHERED_SLUG.to_owned(), name: GATHERED_NAME.to_owned() };
            return Some((section, None, c.gathered_sections().iter().map(|s| s.as_ref()).collect()));
        }
        let s = c.section(slug)?;
        let parent = s.parent.as_deref().and_then(|p| c.section(p)).map(|p| p.as_ref());
        let children = s.children.iter().filter_map(|ch| c.section(ch)).map(|ch| ch.as_ref()).collect();
        Some((s.as_ref(), parent, children))
    }

    /// `section` as JSON, from the pre-rendered summaries.
    fn section_json(&self, slug: &str, page: u32) -> Option<Vec<u8>> {
        let (section, parent, children) = self.section_head(slug)?;
        let list = self.list_out(self.by_section.get(slug).map(Vec::as_slice).unwrap_or_default(), page)?;
        Some(json(&SectionOut { section, parent, children, list }))
    }

    /// Slugs of every tag, sorted.
    pub fn tag_slugs(&self) -> impl Iterator<Item = &str> {
        self.tag_ids.keys().map(String::as_str)
    }

    pub fn tag(&self, slug: &str, page: u32) -> Option<TagPage> {
        let t = &self.tags[*self.tag_ids.get(slug)?];
        let list = self.list(&t.articles, page)?;
        Some(TagPage {
            tag: TagRef { slug: t.slug.clone(), name: t.name.clone(), count: t.articles.len() as u32 },
            list,
        })
    }

    pub fn author(&self, slug: &str, page: u32) -> Option<AuthorPage> {
        let author = self.corpus.authors.get(slug)?;
        let list = self.list(self.by_author.get(slug).map(Vec::as_slice).unwrap_or_default(), page)?;
        Some(AuthorPage { author: author.clone(), list })
    }

    /// `tag` as JSON, from the pre-rendered summaries.
    fn tag_json(&self, t: &TagStats, page: u32) -> Option<Vec<u8>> {
        let list = self.list_out(&t.articles, page)?;
        let tag = TagRef { slug: t.slug.clone(), name: t.name.clone(), count: t.articles.len() as u32 };
        Some(json(&TagOut { tag, list }))
    }

    /// `author` as JSON, from the pre-rendered summaries.
    fn author_json(&self, slug: &str, page: u32) -> Option<Vec<u8>> {
        let author = self.corpus.authors.get(slug)?;
        let list = self.list_out(self.by_author.get(slug).map(Vec::as_slice).unwrap_or_default(), page)?;
        Some(json(&AuthorOut { author, list }))
    }

    /// Article `i` as JSON: the loaded article serialised as it is (its `related` is still
    /// empty), its spilled body spliced in when it was spilled, and the related articles'
    /// pre-rendered summaries spliced into `related`. The same bytes as `json(&article(i))`
    /// without cloning the body or re-serialising twelve summaries per article.
    fn article_json(&self, i: usize, scratch: &mut [f64]) -> io::Result<Option<Vec<u8>>> {
        const RELATED_TAIL: &[u8] = b",\"related\":[]}";
        const BODY_TAIL: &[u8] = b"[],\"related\":[]}";
        let Some(loaded) = self.corpus.articles.get(i) else { return Ok(None) };
        let mut out = json(&loaded.article);
        let tail = if loaded.spilled.is_some() { BODY_TAIL } else { RELATED_TAIL };
        if !out.ends_with(tail) {
            // Not the shape this splice expects (a model change?): take the plain way.
            return Ok(self.article_with(i, scratch).map(|a| json(&a)));
        }
        out.truncate(out.len() - tail.len());
        if let Some(spilled) = &loaded.spilled {
            out.extend_from_slice(&spilled.json()?);
        }
        out.extend_from_slice(b",\"related\":[");
        for (k, j) in self.related_with(i, scratch).into_iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            out.extend_from_slice(self.summary_json[j].get().as_bytes());
        }
        out.extend_from_slice(b"]}");
        Ok(Some(out))
    }

    // ------------------------------------------------------------ articles

    /// The full article `i` (in `Corpus::articles`) with its related articles.
    pub fn article(&self, i: usize) -> Option<Article> {
        let mut scratch = vec![0.0; self.summaries.len()];
        self.article_with(i, &mut scratch)
    }

    /// The article whose API path is `articles/<section>/<yyyy>/<mm>/<dd>/<slug>.json`.
    pub fn article_by_api_path(&self, path: &str) -> Option<Article> {
        self.article(*self.by_api_path.get(path)?)
    }

    /// `article` with a caller-owned score buffer (all zeros, one per article), for rendering
    /// every article without allocating one each time.
    pub fn article_with(&self, i: usize, scratch: &mut [f64]) -> Option<Article> {
        let loaded = self.corpus.articles.get(i)?;
        let mut article = loaded.article.clone();
        if loaded.spilled.is_some() {
            article.body = loaded.body().ok()?.into_owned();
        }
        article.related = self.related_with(i, scratch).into_iter().map(|j| self.summaries[j].clone()).collect();
        Some(article)
    }

    /// Indices of up to `RELATED` other articles sharing tags with article `i`, ranked by the
    /// sum of the shared tags' rarity weights (1 / ln(1 + articles with the tag)), then by
    /// closeness of publication, then slug and path. A tag with more than `RELATED_WINDOW`
    /// other articles contributes only the `RELATED_WINDOW` nearest to `i` in time (see
    /// `related_window`), so the cost per article stays bounded however large the archive.
    pub fn related(&self, i: usize) -> Vec<usize> {
        let mut scratch = vec![0.0; self.summaries.len()];
        self.related_with(i, &mut scratch)
    }

    /// `related` with a caller-owned score buffer (all zeros, one per article; left zeroed).
    fn related_with(&self, i: usize, scores: &mut [f64]) -> Vec<usize> {
        let Some(tags) = self.article_tags.get(i) else { return Vec::new() };
        let mut touched = Vec::new();
        // Weights are added in the article's tag order, so equal tag sets give equal sums.
        for &t in tags {
            let w = self.tags[t].weight;
            for &j in related_window(&self.tags[t].articles, i) {
                if j != i {
                    if scores[j] == 0.0 {
                        touched.push(j);
                    }
                    scores[j] += w;
                }
            }
        }
        let me = self.published[i];
        let mut ranked: Vec<(f64, i64, usize)> =
            touched.iter().map(|&j| (scores[j], (me - self.published[j]).abs(), j)).collect();
        for &j in &touched {
            scores[j] = 0.0;
        }
        let order = |a: &(f64, i64, usize), b: &(f64, i64, usize)| {
            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then_with(|| {
                let (x, y) = (&self.corpus.articles[a.2].article, &self.corpus.articles[b.2].article);
                x.slug.cmp(&y.slug).then_with(|| x.path.cmp(&y.path))
            })
        };
        // Only the first RELATED are needed: select them, then sort those few. The order is
        // total (distinct paths), so the result is the same as sorting everything.
        if ranked.len() > RELATED {
            ranked.select_nth_unstable_by(RELATED - 1, order);
            ranked.truncate(RELATED);
        }
        ranked.sort_by(order);
        ranked.into_iter().map(|(_, _, j)| j).collect()
    }

    pub fn page(&self, slug: &str) -> Option<&'c StaticPage> {
        self.corpus.pages.iter().find(|p| p.slug == slug)
    }

    // ------------------------------------------------------------ paths

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
        let page = |s: &str| -> Option<u32> { s.parse().ok().filter(|_| !s.starts_with('0') && !s.starts_with('+')) };
        match parts.as_slice() {
            ["latest", n] => self.latest(page(n)?).map(|p| json(&p)),
            ["sections", slug, n] => self.section(slug, page(n)?).map(|p| json(&p)),
            ["tags", slug, n] => self.tag(slug, page(n)?).map(|p| json(&p)),
            ["authors", slug, n] => self.author(slug, page(n)?).map(|p| json(&p)),
            ["pages", slug] => self.page(slug).map(json),
            _ => None,
        }
    }

    /// Every file of the tree: `(relative path, JSON bytes)`, in a stable order.
    pub fn render_all(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let result: io::Result<()> = self.each_file(|path, bytes| {
            out.push((path, bytes));
            Ok(())
        });
        debug_assert!(result.is_ok());
        out
    }

    /// Renders every file of the tree in a stable order and hands each to `sink` as soon as it
    /// is rendered, so a large archive never has to be held in memory at once. Stops at the
    /// first error of `sink`.
    pub fn each_file<E: From<io::Error>>(
        &self,
        mut sink: impl FnMut(String, Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        let c = self.corpus;
        sink(api_path::SITE.to_owned(), json(&self.site()))?;
        sink(api_path::HOME.to_owned(), json(&self.home()))?;

        // The many small files are rendered on every core, a batch at a time, and handed to
        // `sink` in this fixed order: the output does not depend on the number of threads.
        let pages = |len: usize| 1..=self.pages_of(len);
        let latest: Vec<u32> = pages(self.all.len()).collect();
        in_parallel(&latest, |&n| Ok(self.list_out(&self.all, n).map(|p| (api_path::latest(n), json(&p)))), &mut sink)?;
        let sections: Vec<(&str, u32)> = self
            .section_slugs()
            .into_iter()
            .flat_map(|slug| pages(self.by_section.get(slug).map_or(0, Vec::len)).map(move |n| (slug, n)))
            .collect();
        in_parallel(
            &sections,
            |&(slug, n)| Ok(self.section_json(slug, n).map(|b| (api_path::section(slug, n), b))),
            &mut sink,
        )?;
        let tags: Vec<(&TagStats, u32)> =
            self.tags.iter().flat_map(|t| pages(t.articles.len()).map(move |n| (t, n))).collect();
        in_parallel(&tags, |&(t, n)| Ok(self.tag_json(t, n).map(|b| (api_path::tag(&t.slug, n), b))), &mut sink)?;
        let authors: Vec<(&str, u32)> = c
            .authors
            .keys()
            .flat_map(|slug| pages(self.by_author.get(slug).map_or(0, Vec::len)).map(move |n| (slug.as_str(), n)))
            .collect();
        in_parallel(
            &authors,
            |&(slug, n)| Ok(self.author_json(slug, n).map(|b| (api_path::author(slug, n), b))),
            &mut sink,
        )?;
        let articles: Vec<usize> = (0..c.articles.len()).collect();
        let n = self.summaries.len();
        in_parallel(
            &articles,
            |&i| {
                SCRATCH.with(|scratch| {
                    let mut scratch = scratch.borrow_mut();
                    if scratch.len() < n {
                        scratch.resize(n, 0.0);
                    }
                    let bytes = self.article_json(i, &mut scratch[..n])?;
                    Ok(bytes.map(|b| (article_api_path(&c.articles[i].article), b)))
                })
            },
            &mut sink,
        )?;
        for p in &c.pages {
            sink(api_path::page(&p.slug), json(p))?;
        }
        for (path, bytes) in self.search().iter() {
            sink(path.to_owned(), bytes.to_vec())?;
        }
        Ok(())
    }
}

/// Files rendered in parallel before they are handed on, in order.
const BATCH: usize = 1024;

thread_local! {
    /// Each rendering thread's score buffer for related articles (see `Index::related_with`).
    static SCRATCH: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Renders `jobs` on rayon's threads, `BATCH` at a time, and gives the results to `sink` in
/// the order of `jobs`.
/// One rendered file (`None`: nothing at that path), or why it could not be rendered.
type Rendered = io::Result<Option<(String, Vec<u8>)>>;

fn in_parallel<T: Sync, E: From<io::Error>>(
    jobs: &[T],
    render: impl Fn(&T) -> Rendered + Sync,
    sink: &mut impl FnMut(String, Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    for batch in jobs.chunks(BATCH) {
        let rendered: Vec<Rendered> = batch.par_iter().map(&render).collect();
        for file in rendered {
            if let Some((path, bytes)) = file? {
                sink(path, bytes)?;
            }
        }
    }
    Ok(())
}

/// The page `page` (1-based) of `list`, its items made by `item`, with the page count and
/// total; `None` past the last page (an empty list still has its first page).
fn paginate<T>(list: &[usize], page: u32, item: impl Fn(usize) -> T) -> Option<(Vec<T>, u32, u32)> {
    let total = list.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let p = page as usize;
    if p == 0 || p > pages {
        return None;
    }
    let items = list[(p - 1) * PAGE_SIZE..(p * PAGE_SIZE).min(total)].iter().map(|&i| item(i)).collect();
    Some((items, pages as u32, total as u32))
}

// The list pages of docs/CONTENT.md §2 with pre-rendered summaries: the same fields in the same
// order as `model::{ListPage, SectionPage, TagPage, AuthorPage}`, so the bytes are the same
// (asserted by `resolve_answers_exactly_the_rendered_files`, which renders the model types).

#[derive(Serialize)]
struct ListOut<'a> {
    items: Vec<&'a RawValue>,
    page: u32,
    pages: u32,
    total: u32,
}

#[derive(Serialize)]
struct SectionOut<'a> {
    section: SectionRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<SectionRef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    children: Vec<SectionRef>,
    list: ListOut<'a>,
}

#[derive(Serialize)]
struct TagOut<'a> {
    tag: TagRef,
    list: ListOut<'a>,
}

#[derive(Serialize)]
struct AuthorOut<'a> {
    author: &'a model::Author,
    list: ListOut<'a>,
}

/// Candidates a common tag contributes to an article's related list: the other articles of the
/// tag nearest in time to it.
pub const RELATED_WINDOW: usize = 256;

/// The part of a tag's article list (indices, ascending = newest first) that article `i`
/// (a member) draws related candidates from: all of it for a tag of at most
/// `RELATED_WINDOW` + 1 articles, else `RELATED_WINDOW` + 1 consecutive entries centred on `i`
/// (shifted at either end of the list). Depends only on the list and `i`: deterministic.
fn related_window(list: &[usize], i: usize) -> &[usize] {
    let len = RELATED_WINDOW + 1;
    if list.len() <= len {
        return list;
    }
    let pos = list.binary_search(&i).unwrap_or_else(|p| p);
    let start = pos.saturating_sub(RELATED_WINDOW / 2).min(list.len() - len);
    &list[start..start + len]
}

/// `articles/<section>/<yyyy>/<mm>/<dd>/<slug>.json` for an article.
pub fn article_api_path(a: &Article) -> String {
    let (y, m, d) = date_parts(&a.published);
    api_path::article(&a.section.slug, &y, &m, &d, &a.slug)
}

fn json_string<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("model types serialise to JSON")
}

fn json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // The model's types have string keys and plain values only: serialising cannot fail.
    serde_json::to_vec(value).expect("model types serialise to JSON")
}

/// Every file of the JSON tree for `corpus`, as `(relative path, bytes)`.
pub fn render_tree(corpus: &Corpus) -> Vec<(String, Vec<u8>)> {
    Index::new(corpus).render_all()
}

// ---------------------------------------------------------------- writing

/// Writes `files` into a sibling temporary folder `<out>.tmp-<pid>`, then swaps it in place of
/// `out` with renames. On any failure the temporary folder is removed and `out` is untouched.
pub fn write_tree_atomically(out: &Path, files: &[(String, Vec<u8>)]) -> io::Result<()> {
    write_atomically_with(out, |tree| files.iter().try_for_each(|(path, bytes)| tree.write(path, bytes))).map(|_| ())
}

/// Files going into the temporary folder of `write_atomically_with`.
pub struct TreeWriter {
    root: PathBuf,
    made: HashSet<PathBuf>,
    files: usize,
}

impl TreeWriter {
    /// Writes one file at `rel` (a relative path with no `..`) inside the tree.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let rel_path = Path::new(rel);
        if rel.is_empty() || !rel_path.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the tree: {rel}"),
            ));
        }
        let path = self.root.join(rel_path);
        if let Some(dir) = path.parent() {
            if !self.made.contains(dir) {
                std::fs::create_dir_all(dir)?;
                self.made.insert(dir.to_owned());
            }
        }
        std::fs::write(&path, bytes)?;
        self.files += 1;
        Ok(())
    }
}

/// Like `write_tree_atomically`, with the files produced by `fill` one at a time. Returns how
/// many files were written.
pub fn write_atomically_with(out: &Path, fill: impl FnOnce(&mut TreeWriter) -> io::Result<()>) -> io::Result<usize> {
    let (name, parent) = crate::output::staging_place(out)?;
    let pid = std::process::id();
    let tmp = parent.join(format!("{name}.tmp-{pid}"));
    let old = parent.join(format!("{name}.old-{pid}"));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp)?;
    }
    let mut tree = TreeWriter { root: tmp.clone(), made: HashSet::new(), files: 0 };
    if let Err(e) = std::fs::create_dir(&tmp).and_then(|_| fill(&mut tree)) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if out.exists() {
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        if let Err(e) = std::fs::rename(out, &old) {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
        if let Err(e) = std::fs::rename(&tmp, out) {
            let _ = std::fs::rename(&old, out);
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
        // The new tree is in place; a leftover old copy is only untidy.
        let _ = std::fs::remove_dir_all(&old);
    } else if let Err(e) = std::fs::rename(&tmp, out) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    Ok(tree.files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{LoadedArticle, SectionInfo, SiteConfig};
    use model::{Author, SectionRef, Timestamp};

    fn ts(s: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn article(slug: &str, section: &str, published: &str, tags: &[&str]) -> LoadedArticle {
        let published = ts(published);
        LoadedArticle {
            spilled: None,
            aliases: Vec::new(),
            file: PathBuf::from(format!("{slug}.md")),
            article: Article {
                slug: slug.into(),
                path: crate::source::article_path(section, &published, slug),
                title: slug.to_uppercase(),
                lead: String::new(),
                section: SectionRef { slug: section.into(), name: section.into() },
                parent_section: None,
                author: Author {
                    slug: "a".into(),
                    name: "A".into(),
                    avatar: "/public/a.svg".into(),
                    bio: String::new(),
                },
                published,
                updated: None,
                cover: None,
                source: None,
                tags: tags
                    .iter()
                    .map(|t| TagRef { slug: model::slug::slugify(t), name: (*t).into(), count: 0 })
                    .collect(),
                body: Vec::new(),
                related: Vec::new(),
            },
        }
    }

    fn corpus(mut articles: Vec<LoadedArticle>, popular_tags: usize, window_days: u32) -> Corpus {
        articles.sort_by(|a, b| crate::source::newest_first(&a.article, &b.article));
        let section = |slug: &str| SectionInfo { slug: slug.into(), name: slug.into(), parent: None, children: vec![] };
        Corpus {
            content_dir: PathBuf::from("content"),
            public_dir: PathBuf::from("public"),
            site: SiteConfig {
                name: "X".into(),
                tagline: String::new(),
                motto: String::new(),
                base_url: "https://x.example".into(),
                copyright_from: 2011,
                menu_inline: 1,
                popular_tags,
                popular_window_days: window_days,
                footer_sections: vec![],
                legal: vec![],
                social: vec![],
                countdown: None,
            },
            sections: vec![section("belfold"), section("kulfold")],
            authors: [(
                "a".to_owned(),
                Author { slug: "a".into(), name: "A".into(), avatar: String::new(), bio: String::new() },
            )]
            .into_iter()
            .collect(),
            articles,
            pages: vec![],
            warnings: vec![],
        }
    }

    fn slugs(index: &Index<'_>, list: &[usize]) -> Vec<String> {
        list.iter().map(|&i| index.corpus().articles[i].article.slug.clone()).collect()
    }

    fn at(index: &Index<'_>, slug: &str) -> usize {
        index.corpus().articles.iter().position(|a| a.article.slug == slug).unwrap()
    }

    #[test]
    fn thirteen_articles_make_two_pages_of_twelve_and_one() {
        let articles = (0..13)
            .map(|i| article(&format!("cikk-{i:02}"), "belfold", &format!("2024-01-{:02}T10:00:00+01:00", i + 1), &[]))
            .collect();
        let c = corpus(articles, 10, 365);
        let index = Index::new(&c);
        let p1 = index.latest(1).unwrap();
        let p2 = index.latest(2).unwrap();
        assert_eq!((p1.items.len(), p1.page, p1.pages, p1.total), (12, 1, 2, 13));
        assert_eq!((p2.items.len(), p2.page, p2.pages, p2.total), (1, 2, 2, 13));
        assert!(p1.has_next() && !p2.has_next());
        // Newest first: the 13th of January leads page 1, the 1st is alone on page 2.
        assert_eq!(p1.items[0].slug, "cikk-12");
        assert_eq!(p2.items[0].slug, "cikk-00");
        assert!(index.latest(3).is_none() && index.latest(0).is_none());
        let s2 = index.section("belfold", 2).unwrap();
        assert_eq!((s2.list.items.len(), s2.list.total), (1, 13));
        // An empty section still has its first page.
        let empty = index.section("kulfold", 1).unwrap();
        assert_eq!((empty.list.items.len(), empty.list.page, empty.list.pages, empty.list.total), (0, 1, 1, 0));
        assert!(index.section("kulfold", 2).is_none());
        let files: Vec<String> = index.render_all().into_iter().map(|(p, _)| p).collect();
        assert!(files.contains(&"latest/2.json".to_owned()) && !files.contains(&"latest/3.json".to_owned()));
    }

    #[test]
    fn same_time_articles_are_ordered_by_slug() {
        let c = corpus(
            vec![
                article("b", "belfold", "2024-01-01T10:00:00+01:00", &[]),
                article("a", "belfold", "2024-01-01T09:00:00+00:00", &[]), // the same instant
                article("c", "belfold", "2024-01-01T10:00:00+01:00", &[]),
            ],
            10,
            365,
        );
        let index = Index::new(&c);
        let order: Vec<String> = index.latest(1).unwrap().items.into_iter().map(|s| s.slug).collect();
        assert_eq!(order, vec!["a", "b", "c"]);
    }

    #[test]
    fn a_shared_rare_tag_outranks_a_shared_common_tag() {
        let mut articles = vec![
            article("me", "belfold", "2024-06-01T10:00:00+02:00", &["Budapest", "Kerékpár"]),
            // Shares only the rare tag, and is further away in time.
            article("rare", "belfold", "2023-01-01T10:00:00+01:00", &["Kerékpár"]),
            // Shares only the common tag, published the same day.
            article("common", "belfold", "2024-06-01T12:00:00+02:00", &["Budapest"]),
            article("nothing", "belfold", "2024-06-01T11:00:00+02:00", &["Sport"]),
        ];
        for i in 0..8 {
            articles.push(article(&format!("bp-{i}"), "belfold", "2022-01-01T10:00:00+01:00", &["Budapest"]));
        }
        let c = corpus(articles, 10, 365);
        let index = Index::new(&c);
        let related = slugs(&index, &index.related(at(&index, "me")));
        assert_eq!(related[0], "rare");
        assert_eq!(related[1], "common", "among equal scores the closest in time comes first");
        assert!(!related.contains(&"nothing".to_owned()) && !related.contains(&"me".to_owned()));
        assert_eq!(related.len(), 10);
        // The remaining eight share the same tag and date: ordered by slug.
        assert_eq!(&related[2..], &["bp-0", "bp-1", "bp-2", "bp-3", "bp-4", "bp-5", "bp-6", "bp-7"]);
    }

    #[test]
    fn related_is_deterministic_and_capped() {
        let make = || {
            (0..30)
                .map(|i| {
                    article(
                        &format!("c{i:02}"),
                        "belfold",
                        "2024-03-01T10:00:00+01:00",
                        &["Közös", if i % 2 == 0 { "Páros" } else { "Páratlan" }],
                    )
                })
                .collect::<Vec<_>>()
        };
        let c1 = corpus(make(), 10, 365);
        let mut reversed = make();
        reversed.reverse();
        let c2 = corpus(reversed, 10, 365);
        let (i1, i2) = (Index::new(&c1), Index::new(&c2));
        for slug in ["c00", "c07", "c29"] {
            let r1 = slugs(&i1, &i1.related(at(&i1, slug)));
            let r2 = slugs(&i2, &i2.related(at(&i2, slug)));
            assert_eq!(r1, r2);
            assert_eq!(r1.len(), RELATED);
        }
        // c00 shares two tags with the other even ones: they come first, by slug.
        let r = slugs(&i1, &i1.related(at(&i1, "c00")));
        assert_eq!(&r[..3], &["c02", "c04", "c06"]);
        assert_eq!(i1.article(at(&i1, "c00")).unwrap().related.len(), RELATED);
    }

    #[test]
    fn popular_tags_count_the_window_before_the_newest_article() {
        let c = corpus(
            vec![
                article("n1", "belfold", "2024-12-31T10:00:00+01:00", &["Budapest", "Zene"]),
                article("n2", "belfold", "2024-06-01T10:00:00+02:00", &["Budapest", "Árvíz"]),
                article("n3", "belfold", "2024-01-02T10:00:00+01:00", &["Árvíz", "Zene", "Film"]),
                // Older than 365 days before the newest: not counted.
                article("old1", "belfold", "2023-06-01T10:00:00+02:00", &["Régi", "Film"]),
                article("old2", "belfold", "2023-05-01T10:00:00+02:00", &["Régi", "Film"]),
            ],
            2,
            365,
        );
        let index = Index::new(&c);
        let popular: Vec<(String, u32)> = index.popular_tags().into_iter().map(|t| (t.name, t.count)).collect();
        // Three tags have two uses in the window ("Film" has one there, "Régi" none): by folded
        // name, cut at the limit of 2.
        assert_eq!(popular, vec![("Árvíz".to_owned(), 2), ("Budapest".to_owned(), 2)]);
        let site = index.site();
        assert_eq!(site.popular_tags.len(), 2);
        assert_eq!(site.copyright_to, 2024);
        // The tag page counts all articles, not only the window.
        assert_eq!(index.tag("film", 1).unwrap().tag.count, 3);
    }

    #[test]
    fn copyright_to_falls_back_without_articles() {
        let c = corpus(vec![], 24, 365);
        let index = Index::new(&c);
        assert_eq!(index.site().copyright_to, 2011);
        assert!(index.popular_tags().is_empty());
        let latest = index.latest(1).unwrap();
        assert_eq!((latest.pages, latest.total), (1, 0));
    }

    #[test]
    fn resolve_answers_exactly_the_rendered_files() {
        let articles = (0..14)
            .map(|i| {
                article(
                    &format!("x{i}"),
                    if i % 3 == 0 { "kulfold" } else { "belfold" },
                    &format!("2024-02-{:02}T08:00:00+01:00", i + 1),
                    &["Közös"],
                )
            })
            .collect();
        let c = corpus(articles, 10, 365);
        let index = Index::new(&c);
        let files = index.render_all();
        for (path, bytes) in &files {
            assert_eq!(index.resolve(path).as_ref(), Some(bytes), "{path}");
        }
        for missing in [
            "latest/3.json",
            "latest/0.json",
            "latest/01.json",
            "sections/nincs/1.json",
            "tags/kozos/3.json",
            "articles/x.json",
            "x.json",
        ] {
            assert!(index.resolve(missing).is_none(), "{missing}");
        }
        // "minden-mas" gathers the sections after the first `menu_inline` (1 here: kulfold).
        let gathered = index.section(GATHERED_SLUG, 1).unwrap();
        assert_eq!(gathered.list.total, 5);
        assert_eq!(gathered.children, vec![SectionRef { slug: "kulfold".into(), name: "kulfold".into() }]);
    }
}
