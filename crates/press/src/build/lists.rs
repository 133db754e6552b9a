//! The paginated lists of docs/CONTENT.md §2 (latest, sections, tags, authors), as model types
//! and as JSON spliced from the pre-rendered summaries.

use model::{AuthorPage, ListPage, SectionPage, SectionRef, TagPage, TagRef};
use serde::Serialize;
use serde_json::value::RawValue;

use super::encode::json;
use super::index::{Index, TagStats};
use crate::source::{GATHERED_NAME, GATHERED_SLUG};

impl<'c> Index<'c> {
    fn list(&self, list: &[usize], page: u32) -> Option<ListPage> {
        let (items, older, total) = paginate(list, page, |i| self.summaries[i].clone())?;
        Some(ListPage { items, page, older, total })
    }

    /// `list` with the summaries as pre-rendered JSON (the same bytes once serialised); with
    /// `Items::Left`, the page's shape without them (see [`super::prints`]).
    pub(super) fn list_out(&self, list: &[usize], page: u32, items: Items) -> Option<ListOut<'_>> {
        let (mut out, older, total) = paginate(list, page, |i| &*self.summary_json[i])?;
        if items == Items::Left {
            out.clear();
        }
        Some(ListOut { items: out, page, older, total })
    }

    /// The articles of `list` that its page `page` holds: `None` past its last page.
    pub(super) fn page_items(list: &[usize], page: u32) -> Option<&[usize]> {
        model::list_page_range(list.len(), page).map(|r| &list[r])
    }

    /// The articles of a section's list (the gathered one's too), newest first.
    pub(super) fn section_list(&self, slug: &str) -> &[usize] {
        self.by_section.get(slug).map(Vec::as_slice).unwrap_or_default()
    }

    /// The articles of an author's list, newest first.
    pub(super) fn author_list(&self, slug: &str) -> &[usize] {
        self.by_author.get(slug).map(Vec::as_slice).unwrap_or_default()
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
    pub(super) fn section_json(&self, slug: &str, page: u32, items: Items) -> Option<Vec<u8>> {
        let (section, parent, children) = self.section_head(slug)?;
        let list = self.list_out(self.section_list(slug), page, items)?;
        Some(json(&SectionOut { section, parent, children, list }))
    }

    /// Slugs of every tag, sorted.
    pub fn tag_slugs(&self) -> impl Iterator<Item = &str> {
        self.tag_ids.keys().map(String::as_str)
    }

    pub fn tag(&self, slug: &str, page: u32) -> Option<TagPage> {
        let t = &self.tags[*self.tag_ids.get(slug)?];
        let list = self.list(&t.articles, page)?;
        Some(TagPage { tag: Self::tag_ref(t), list })
    }

    pub fn author(&self, slug: &str, page: u32) -> Option<AuthorPage> {
        let author = self.corpus.authors.get(slug)?;
        let list = self.list(self.by_author.get(slug).map(Vec::as_slice).unwrap_or_default(), page)?;
        Some(AuthorPage { author: author.clone(), list })
    }

    /// `tag` as JSON, from the pre-rendered summaries.
    pub(super) fn tag_json(&self, t: &TagStats, page: u32, items: Items) -> Option<Vec<u8>> {
        let list = self.list_out(&t.articles, page, items)?;
        Some(json(&TagOut { tag: Self::tag_ref(t), list }))
    }

    /// The tag as its list pages name it: without a count, which would change every older page
    /// of the tag on each publish (the front page's `total` says how many there are).
    fn tag_ref(t: &TagStats) -> TagRef {
        TagRef { slug: t.slug.clone(), name: t.name.clone(), count: 0 }
    }

    /// `author` as JSON, from the pre-rendered summaries.
    pub(super) fn author_json(&self, slug: &str, page: u32, items: Items) -> Option<Vec<u8>> {
        let author = self.corpus.authors.get(slug)?;
        let list = self.list_out(self.author_list(slug), page, items)?;
        Some(json(&AuthorOut { author, list }))
    }
}

/// Whether a list document is made with its items or as its shape only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Items {
    In,
    Left,
}

/// Page `page` of `list` (newest first) in the numbering of `model::ListPage`, its items made by
/// `item`, with the next older page and, on the front page, the total; `None` past the last
/// page (an empty list still has its front page).
fn paginate<T>(list: &[usize], page: u32, item: impl Fn(usize) -> T) -> Option<PageOf<T>> {
    let range = model::list_page_range(list.len(), page)?;
    let items = list[range].iter().map(|&i| item(i)).collect();
    Some((items, model::older_page(list.len(), page), (page == 0).then_some(list.len() as u32)))
}

/// A page's items, its next older page and the list's length (front page only).
type PageOf<T> = (Vec<T>, Option<u32>, Option<u32>);

// The list pages of docs/CONTENT.md §2 with pre-rendered summaries: the same fields in the same
// order as `model::{ListPage, SectionPage, TagPage, AuthorPage}`, so the bytes are the same
// (asserted by `resolve_answers_exactly_the_rendered_files`, which renders the model types).

#[derive(Serialize)]
pub(super) struct ListOut<'a> {
    items: Vec<&'a RawValue>,
    page: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    older: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<u32>,
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
