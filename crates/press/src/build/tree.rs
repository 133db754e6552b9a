//! Rendering every file of the tree in a stable order, in parallel batches, handed on as each
//! is rendered (press build writes them as they come).

use std::io;

use model::api_path;
use rayon::prelude::*;

use super::encode::json;
use super::index::article_api_path;
use super::index::{Index, TagStats};
use super::lists::Items;
use super::prints::{summary_hash, tag_print, ArticlePrints};

impl<'c> Index<'c> {
    /// Article `i` as JSON: the loaded article serialised as it is (its `related` is still
    /// empty), its spilled body spliced in when it was spilled, and the related articles'
    /// pre-rendered summaries spliced into `related`. The same bytes as `json(&article(i))`
    /// without cloning the body or re-serialising twelve summaries per article.
    ///
    /// With `prints` and `tag_prints` (one per tag, see [`tag_print`]), a file whose
    /// fingerprint is the last build's is [`Output::Kept`] without its body being read or its
    /// related articles ranked.
    fn article_json(
        &self,
        i: usize,
        file: &str,
        prints: &ArticlePrints,
        tag_prints: &[[u8; 32]],
    ) -> io::Result<Option<Output>> {
        const RELATED_TAIL: &[u8] = b",\"related\":[]}";
        const BODY_TAIL: &[u8] = b"[],\"related\":[]}";
        let Some(loaded) = self.corpus.articles.get(i) else { return Ok(None) };
        let mut out = json(&loaded.article);
        let tail = if loaded.spilled.is_some() { BODY_TAIL } else { RELATED_TAIL };
        if !out.ends_with(tail) {
            // Not the shape this splice expects (a model change?): take the plain way.
            return Ok(self.article(i).map(|a| Output::Bytes(json(&a))));
        }
        if !tag_prints.is_empty() {
            // The related articles are drawn from the article's tags only, so their lists'
            // prints stand for them (and for their summaries, which the file embeds).
            let body = loaded.spilled.as_ref().and_then(|s| s.origin());
            let tags = self.article_tags[i].iter().map(|&t| &tag_prints[t]);
            let print = prints.of(file, &out, body, tags);
            if print.is_some_and(|p| prints.keep(file, p)) {
                return Ok(Some(Output::Kept));
            }
        }
        let related = self.related(i);
        out.truncate(out.len() - tail.len());
        if let Some(spilled) = &loaded.spilled {
            out.extend_from_slice(&spilled.json()?);
        }
        out.extend_from_slice(b",\"related\":[");
        for (k, j) in related.into_iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            out.extend_from_slice(self.summary_json[j].get().as_bytes());
        }
        out.extend_from_slice(b"]}");
        Ok(Some(Output::Bytes(out)))
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
        self.each_output(&ArticlePrints::none(), |path, file| match file {
            Output::Bytes(bytes) => sink(path, bytes),
            // Nothing is kept without prints.
            Output::Kept => Ok(()),
        })
    }

    /// [`Index::each_file`] for a rebuild: an article or list file that `prints` shows
    /// unchanged is handed on as [`Output::Kept`], unrendered.
    pub fn each_output<E: From<io::Error>>(
        &self,
        prints: &ArticlePrints,
        mut sink: impl FnMut(String, Output) -> Result<(), E>,
    ) -> Result<(), E> {
        let c = self.corpus;
        let mut phases = crate::stats::Phases::new();
        let summary_hashes: Vec<[u8; 32]> = if prints.active() {
            self.summary_json.par_iter().map(|s| summary_hash(s.get())).collect()
        } else {
            Vec::new()
        };
        let tag_prints: Vec<[u8; 32]> = if prints.active() {
            self.tags.par_iter().map(|t| tag_print(t.articles.iter().map(|&j| &summary_hashes[j]))).collect()
        } else {
            Vec::new()
        };
        phases.lap("   hashes");
        self.each_list_file(prints, &summary_hashes, &mut sink)?;
        phases.lap("   lists");
        let articles: Vec<usize> = (0..c.articles.len()).collect();
        in_parallel(
            &articles,
            |&i| {
                let path = article_api_path(&c.articles[i].article);
                let file = self.article_json(i, &path, prints, &tag_prints)?;
                Ok(file.map(|f| (path, f)))
            },
            &mut sink,
        )?;
        phases.lap("   articles");
        for p in &c.pages {
            sink(api_path::page(&p.slug), Output::Bytes(json(p)))?;
        }
        for (path, bytes) in self.search().iter() {
            sink(path.to_owned(), Output::Bytes(bytes.to_vec()))?;
        }
        phases.lap("   search");
        Ok(())
    }

    /// List document `path`, page `page` of `list`, made by `make`: [`Output::Kept`] when
    /// `prints` show that its shape (`make(Items::Left)`) and its items' summaries are the last
    /// build's.
    fn list_file(
        &self,
        path: String,
        list: &[usize],
        page: u32,
        make: impl Fn(Items) -> Option<Vec<u8>>,
        prints: &ArticlePrints,
        summary_hashes: &[[u8; 32]],
    ) -> Rendered<Output> {
        if !summary_hashes.is_empty() {
            if let (Some(shape), Some(items)) = (make(Items::Left), Self::page_items(list, page)) {
                let print = prints.of_list(&path, &shape, items.iter().map(|&j| &summary_hashes[j]));
                if print.is_some_and(|p| prints.keep(&path, p)) {
                    return Ok(Some((path, Output::Kept)));
                }
            }
        }
        Ok(make(Items::In).map(|bytes| (path, Output::Bytes(bytes))))
    }

    /// The files before the articles: site, home and the lists.
    fn each_list_file<E: From<io::Error>>(
        &self,
        prints: &ArticlePrints,
        hashes: &[[u8; 32]],
        sink: &mut impl FnMut(String, Output) -> Result<(), E>,
    ) -> Result<(), E> {
        let c = self.corpus;
        sink(api_path::SITE.to_owned(), Output::Bytes(json(&self.site())))?;
        sink(api_path::HOME.to_owned(), Output::Bytes(json(&self.home())))?;

        // The many small files are rendered on every core, a batch at a time, and handed to
        // `sink` in this fixed order: the output does not depend on the number of threads.
        let pages = |len: usize| 0..=model::older_pages(len);
        let latest: Vec<u32> = pages(self.all.len()).collect();
        let all = &self.all;
        in_parallel(
            &latest,
            |&n| {
                let make = |items| self.list_out(all, n, items).map(|p| json(&p));
                self.list_file(api_path::latest(n), all, n, make, prints, hashes)
            },
            sink,
        )?;
        let sections: Vec<(&str, u32)> = self
            .section_slugs()
            .into_iter()
            .flat_map(|slug| pages(self.section_list(slug).len()).map(move |n| (slug, n)))
            .collect();
        in_parallel(
            &sections,
            |&(slug, n)| {
                let make = |items| self.section_json(slug, n, items);
                self.list_file(api_path::section(slug, n), self.section_list(slug), n, make, prints, hashes)
            },
            sink,
        )?;
        let tags: Vec<(&TagStats, u32)> =
            self.tags.iter().flat_map(|t| pages(t.articles.len()).map(move |n| (t, n))).collect();
        in_parallel(
            &tags,
            |&(t, n)| {
                let make = |items| self.tag_json(t, n, items);
                self.list_file(api_path::tag(&t.slug, n), &t.articles, n, make, prints, hashes)
            },
            sink,
        )?;
        let authors: Vec<(&str, u32)> = c
            .authors
            .keys()
            .flat_map(|slug| pages(self.author_list(slug).len()).map(move |n| (slug.as_str(), n)))
            .collect();
        in_parallel(
            &authors,
            |&(slug, n)| {
                let make = |items| self.author_json(slug, n, items);
                self.list_file(api_path::author(slug, n), self.author_list(slug), n, make, prints, hashes)
            },
            sink,
        )
    }
}

/// One file of the tree as rendering hands it on.
pub enum Output {
    Bytes(Vec<u8>),
    /// The last build's file, which would come out the same (see [`ArticlePrints`]).
    Kept,
}

/// Files rendered in parallel before they are handed on, in order.
const BATCH: usize = 1024;

/// Renders `jobs` on rayon's threads, `BATCH` at a time, and gives the results to `sink` in
/// the order of `jobs`.
/// One rendered file (`None`: nothing at that path), or why it could not be rendered.
type Rendered<F> = io::Result<Option<(String, F)>>;

fn in_parallel<T: Sync, F: Send, E: From<io::Error>>(
    jobs: &[T],
    render: impl Fn(&T) -> Rendered<F> + Sync,
    sink: &mut impl FnMut(String, F) -> Result<(), E>,
) -> Result<(), E> {
    for batch in jobs.chunks(BATCH) {
        let rendered: Vec<Rendered<F>> = batch.par_iter().map(&render).collect();
        for file in rendered {
            if let Some((path, bytes)) = file? {
                sink(path, bytes)?;
            }
        }
    }
    Ok(())
}
