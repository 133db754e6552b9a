//! Related articles: other articles sharing an article's tags, rarer tags counting more.

use super::index::Index;

/// At most this many related articles per article.
pub const RELATED: usize = 12;

impl<'c> Index<'c> {
    /// Indices of up to `RELATED` other articles sharing tags with article `i`, ranked by the
    /// sum of the shared tags' rarity weights (1 / ln(1 + articles with the tag)), then by
    /// closeness of publication, then slug and path. A tag with more than `RELATED_WINDOW`
    /// other articles contributes only the `RELATED_WINDOW` nearest to `i` in time (see
    /// `related_window`), so the cost per article stays bounded however large the archive.
    pub fn related(&self, i: usize) -> Vec<usize> {
        let n = self.summaries.len();
        SCORES.with(|scores| {
            let mut scores = scores.borrow_mut();
            if scores.len() < n {
                scores.resize(n, 0.0);
            }
            self.related_with(i, &mut scores[..n])
        })
    }

    /// `related` with a score buffer (all zeros, one per article; left zeroed).
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
}

thread_local! {
    /// Each thread's score buffer for [`Index::related`]: one score per article, allocated once
    /// per thread rather than once per article ranked.
    static SCORES: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
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
