//! From a `Corpus` to the JSON tree of docs/CONTENT.md §2.
//!
//! `Index` answers single paths (for `press serve`) and `render_tree` renders all of them (for
//! `press build`); both go through the same functions, so the two cannot disagree.
//!
//! - `index`: the lookups computed once, and the documents that are not lists;
//! - `lists`: paginated lists (latest, sections, tags, authors);
//! - `related`: related articles;
//! - `tree`: every file of the tree, rendered in parallel and in a stable order.

mod index;
mod lists;
mod related;
#[cfg(test)]
mod tests;
mod tree;

use model::{api_path, Article};
use serde::Serialize;

pub use index::Index;
pub use related::RELATED_WINDOW;

use crate::source::{date_parts, Corpus};

/// How many top stories the home page leads with.
pub const HOME_TOP: usize = 5;
/// Articles per section block on the home page.
pub const HOME_SECTION: usize = 4;
/// Articles in the home page's "latest" list.
pub const HOME_LATEST: usize = 10;
/// At most this many related articles per article.
pub const RELATED: usize = 12;

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
