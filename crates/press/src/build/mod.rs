//! From a `Corpus` to the JSON tree of docs/CONTENT.md §2.
//!
//! `Index` answers single paths (for `press serve`) and `render_tree` renders all of them (for
//! `press build`); both go through the same functions, so the two cannot disagree.
//!
//! - `encode`: the documents as JSON;
//! - `index`: the lookups computed once, and the documents that are not lists;
//! - `lists`: paginated lists (latest, sections, tags, authors);
//! - `prints`: which article files a rebuild may keep unrendered;
//! - `related`: related articles;
//! - `tree`: every file of the tree, rendered in parallel and in a stable order.

mod encode;
mod index;
mod lists;
pub mod prints;
mod related;
#[cfg(test)]
mod tests;
mod tree;

pub use index::{article_api_path, Index, HOME_LATEST, HOME_SECTION, HOME_TOP};
pub use related::{RELATED, RELATED_WINDOW};
pub use tree::Output;

use crate::source::Corpus;

/// Every file of the JSON tree for `corpus`, as `(relative path, bytes)`.
pub fn render_tree(corpus: &Corpus) -> Vec<(String, Vec<u8>)> {
    Index::new(corpus).render_all()
}
