//! What a CMS gives the pull, whatever its API, and the one way it is read.
//!
//! # One shape for every CMS
//!
//! A CMS is a [`Source`]: it knows its URLs and how to read one page of its API, nothing more.
//! [`Source::id_page`] reads a page of the ids of every published post, [`Source::post_page`] a
//! page of published posts of a [`Listing`] (those changed after a mark, or a handful of ids).
//! Each returns a [`Page`]: its items, the cursor of the next page (whatever the API pages by:
//! WordPress a page number, Drupal the `links.next` URL) and the listing's total when the API
//! says it (WordPress's `X-WP-Total`, JSON:API's `meta.count`).
//!
//! Paging, progress and the error policy are this module's, the same for every CMS:
//! [`published_ids`] and [`posts`] follow the cursors (a cursor seen before, or more than
//! [`MAX_PAGES`] pages, fails), cut id lists to the page size, and report `(done, total)`.
//!
//! # Error policy
//!
//! - **Retried** (by [`crate::http::Fetcher`]): connection failures, timeouts, 5xx, 429 (after
//!   its `Retry-After`), malformed JSON once.
//! - **Fails the pull** (nothing is written): a request still failing after the retries, a 4xx
//!   answer to an API page, a page that is not the document the API promises (not an array of
//!   posts, a JSON:API `errors` document, no `data`), paging that does not end.
//! - **Skipped with a warning**: one post the reader cannot make sense of (no id, no readable
//!   date): the others are pulled, its previous version (if any) stays as it was, and a later
//!   pull asks for it again.
//! - **Pulled with a warning**: a post whose author the CMS does not show (a deleted account,
//!   author 0, an empty name) is attributed to [`Person::stand_in`], whom the pull credits with
//!   the site's name.
//! - **Never pulled**: drafts, scheduled, private, trashed and unpublished posts (each API is
//!   asked for published posts only), and password-protected ones ([`Entry::Withheld`]); a
//!   version pulled before goes, with its files.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};

use crate::http::FetchError;

/// One published post, as the CMS describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    /// The CMS's numeric id (WordPress post id, Drupal nid).
    pub id: u64,
    /// The CMS's slug, or one derived from the title.
    pub slug: String,
    /// The slug was derived from the title (the CMS has none): a later title edit must not move the article.
    pub slug_from_title: bool,
    pub title: String,
    /// The excerpt / summary as text (may be empty: the pull then uses the first paragraph).
    pub lead: String,
    pub body_html: String,
    /// The post's public URL on the CMS, for resolving relative references in the body.
    pub link: String,
    /// Category-like terms, in the CMS's order: candidates for the section.
    pub categories: Vec<Term>,
    /// Tag display names.
    pub tags: Vec<String>,
    pub author: Person,
    pub published: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    pub cover: Option<MediaRef>,
    /// Site paths the post answered at on the CMS (`/2024/03/15/slug/`, `/node/12`).
    pub aliases: Vec<String>,
    /// The CMS's modification mark (compared for incremental pulls).
    pub modified: String,
    /// What the reader had to make up for: warnings, named after the post.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub name: String,
    pub slug: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: u64,
    pub name: String,
    pub slug: String,
    pub bio: String,
    /// An uploaded picture on the CMS (not a third-party avatar service).
    pub picture: Option<String>,
}

impl Person {
    /// Who a post is attributed to when the CMS shows no author (an account deleted since,
    /// author 0, a profile anonymous readers may not see, an empty name): the newsroom, under
    /// one slug an editor can override with an `authors/szerkesztoseg.toml` of their own. Its
    /// name here is a fallback: the pull credits such posts with the site's name, as newspapers
    /// sign staff pieces.
    pub fn stand_in() -> Person {
        Person {
            id: STAND_IN_ID,
            name: "Szerkesztőség".into(),
            slug: "szerkesztoseg".into(),
            bio: String::new(),
            picture: None,
        }
    }

    pub fn is_stand_in(&self) -> bool {
        self.id == STAND_IN_ID
    }
}

/// The id of [`Person::stand_in`]: no CMS gives a real account this one (WordPress's author 0
/// and Drupal's uid 0 are nobody).
pub const STAND_IN_ID: u64 = 0;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaRef {
    pub url: String,
    pub alt: String,
    pub credit: Option<String>,
}

/// Progress callback: `(posts fetched, total when known)`.
pub type Progress<'a> = dyn FnMut(usize, Option<usize>) + 'a;

/// Pages followed at most in one listing: paging that never ends must not loop forever.
pub const MAX_PAGES: usize = 100_000;

/// Which published posts to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing<'a> {
    /// Those modified after a mark from [`Post::modified`]; `None`: all of them.
    Changed(Option<&'a str>),
    /// These ids (at most [`Source::page_size`] of them).
    Ids(&'a [u64]),
}

/// One page of a listing.
#[derive(Debug)]
pub struct Page<T> {
    /// The page's URL (errors name it).
    pub url: String,
    pub items: Vec<T>,
    /// The cursor of the next page; `None` on the last one.
    pub next: Option<String>,
    /// How many items the whole listing has, when the API says.
    pub total: Option<usize>,
}

/// A listed post: read, withheld, or not readable.
#[derive(Debug)]
pub enum Entry {
    Post(Box<Post>),
    /// Listed as published but not for a public site (WordPress's password-protected posts):
    /// never pulled, and a version pulled before goes.
    Withheld(u64),
    Unreadable {
        id: Option<u64>,
        title: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// A CMS the pull can read, one page at a time (see the module doc).
pub trait Source {
    /// `wordpress` or `drupal`, stored in the state file.
    fn kind(&self) -> &'static str;
    /// The site's base URL, as given.
    fn base_url(&self) -> &str;
    /// Items per page; a [`Listing::Ids`] names at most this many.
    fn page_size(&self) -> usize;
    /// A page of the ids of every published post (cheap: no bodies). `cursor` is `None` for
    /// the first page, then the previous page's [`Page::next`].
    fn id_page(&mut self, cursor: Option<&str>) -> Result<Page<u64>, FetchError>;
    /// A page of the published posts `listing` selects, in any order. `cursor` as for [`Source::id_page`].
    fn post_page(&mut self, listing: &Listing<'_>, cursor: Option<&str>) -> Result<Page<Entry>, FetchError>;
    /// A fingerprint of what the articles and author files show but the CMS changes without
    /// touching the posts' modification marks: category names and slugs (they decide the
    /// section), authors' names, slugs and bios. When it differs from the last pull's, an
    /// incremental pull fetches every post again, so that a rename reaches every article.
    /// `None`: this CMS cannot tell (a rename then needs a full pull).
    fn names_mark(&mut self) -> Result<Option<String>, FetchError> {
        Ok(None)
    }
    /// The mark to store after a pull that saw `posts`: later pulls ask for what changed since.
    fn newest_mark(&self, posts: &[Post], previous: Option<&str>) -> Option<String> {
        posts.iter().map(|p| p.modified.clone()).chain(previous.map(str::to_owned)).max()
    }
}

/// What listings of posts gave.
#[derive(Debug, Default)]
pub struct Batch {
    /// The posts read, in the order the CMS gave them (a post may come twice).
    pub posts: Vec<Post>,
    /// Ids of posts listed but not readable: still published, so their previous version stays.
    pub unreadable: Vec<u64>,
    /// Ids of posts listed but withheld ([`Entry::Withheld`]): not published for the pull.
    pub withheld: Vec<u64>,
    /// One per unreadable post, naming it.
    pub warnings: Vec<String>,
}

/// Every page of a listing from the first: `fetch(cursor)` reads one, `each` gets it.
pub(crate) fn follow<T>(
    mut fetch: impl FnMut(Option<&str>) -> Result<Page<T>, FetchError>,
    mut each: impl FnMut(Page<T>),
) -> Result<(), FetchError> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut cursor: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let mut page = fetch(cursor.as_deref())?;
        let next = page.next.take();
        let url = page.url.clone();
        each(page);
        match next {
            None => return Ok(()),
            Some(n) if !seen.insert(n.clone()) => {
                return Err(FetchError { url, message: format!("the next page ({n}) was read already"), status: None })
            }
            Some(n) => cursor = Some(n),
        }
    }
    Err(FetchError { url: cursor.unwrap_or_default(), message: format!("more than {MAX_PAGES} pages"), status: None })
}

/// A stable 64-bit FNV-1a hash as hex: the state file keeps it across press versions, where
/// std's hashers may change.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Ids of every published post, in any order.
pub fn published_ids(source: &mut dyn Source) -> Result<Vec<u64>, FetchError> {
    let mut ids = Vec::new();
    follow(|cursor| source.id_page(cursor), |page| ids.extend(page.items))?;
    Ok(ids)
}

/// Posts modified after `since` (`None`: all of them), plus the posts `also` names. `progress`
/// gets the posts read so far and, when the API says, how many the listings hold.
pub fn posts(
    source: &mut dyn Source,
    since: Option<&str>,
    also: &[u64],
    progress: &mut Progress<'_>,
) -> Result<Batch, FetchError> {
    let kind = source.kind();
    let size = source.page_size().max(1);
    let listings: Vec<Listing<'_>> =
        std::iter::once(Listing::Changed(since)).chain(also.chunks(size).map(Listing::Ids)).collect();
    let mut batch = Batch::default();
    let mut done = 0;
    for listing in &listings {
        let before = done;
        follow(
            |cursor| source.post_page(listing, cursor),
            |page| {
                let url = page.url;
                for entry in page.items {
                    done += 1;
                    match entry {
                        Entry::Post(post) => batch.posts.push(*post),
                        Entry::Withheld(id) => batch.withheld.push(id),
                        Entry::Unreadable { id, title, reason } => {
                            let id_text = id.map_or_else(|| "?".to_owned(), |i| i.to_string());
                            batch
                                .warnings
                                .push(format!("{kind} #{id_text} „{title}”: not pulled: {reason} (in {url})"));
                            batch.unreadable.extend(id);
                        }
                    }
                }
                progress(done, page.total.map(|t| before + t));
            },
        )?;
    }
    Ok(batch)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An in-memory CMS: `per_page` items a page, cursors `"1"`, `"2"` …, `next` overridable.
    struct Fake {
        ids: Vec<u64>,
        per_page: usize,
        /// Every page's `next` is this (a CMS whose paging does not end).
        stuck: Option<String>,
        listings: Vec<String>,
    }

    fn post(id: u64) -> Post {
        Post {
            id,
            slug: format!("p{id}"),
            slug_from_title: false,
            title: format!("Cikk {id}"),
            lead: String::new(),
            body_html: String::new(),
            link: String::new(),
            categories: Vec::new(),
            tags: Vec::new(),
            author: Person::stand_in(),
            published: DateTime::parse_from_rfc3339("2024-05-01T10:00:00+02:00").unwrap(),
            updated: None,
            cover: None,
            aliases: Vec::new(),
            modified: String::new(),
            notes: Vec::new(),
        }
    }

    impl Fake {
        fn page<T>(&self, ids: &[u64], cursor: Option<&str>, item: impl Fn(u64) -> T) -> Page<T> {
            let n: usize = cursor.map_or(0, |c| c.parse().unwrap());
            let items = ids.iter().skip(n * self.per_page).take(self.per_page).map(|&i| item(i)).collect();
            let next = match &self.stuck {
                Some(s) => Some(s.clone()),
                None => ((n + 1) * self.per_page < ids.len()).then(|| (n + 1).to_string()),
            };
            Page { url: format!("fake://page/{n}"), items, next, total: Some(ids.len()) }
        }
    }

    impl Source for Fake {
        fn kind(&self) -> &'static str {
            "fake"
        }
        fn base_url(&self) -> &str {
            "fake://"
        }
        fn page_size(&self) -> usize {
            self.per_page
        }
        fn id_page(&mut self, cursor: Option<&str>) -> Result<Page<u64>, FetchError> {
            Ok(self.page(&self.ids, cursor, |i| i))
        }
        fn post_page(&mut self, listing: &Listing<'_>, cursor: Option<&str>) -> Result<Page<Entry>, FetchError> {
            self.listings.push(format!("{listing:?} {cursor:?}"));
            let ids: Vec<u64> = match listing {
                Listing::Changed(_) => self.ids.clone(),
                Listing::Ids(ids) => ids.to_vec(),
            };
            Ok(self.page(&ids, cursor, |i| match i {
                13 => Entry::Unreadable { id: Some(13), title: "Rossz".into(), reason: "no date".into() },
                14 => Entry::Withheld(14),
                _ => Entry::Post(Box::new(post(i))),
            }))
        }
    }

    fn fake(ids: Vec<u64>) -> Fake {
        Fake { ids, per_page: 2, stuck: None, listings: Vec::new() }
    }

    #[test]
    fn listings_are_followed_to_their_end_and_id_lists_cut_to_the_page_size() {
        let mut cms = fake(vec![1, 2, 3, 4, 5]);
        assert_eq!(published_ids(&mut cms).unwrap(), [1, 2, 3, 4, 5]);
        let mut seen = Vec::new();
        let batch = posts(&mut cms, Some("m"), &[7, 8, 9], &mut |d, t| seen.push((d, t))).unwrap();
        let ids: Vec<u64> = batch.posts.iter().map(|p| p.id).collect();
        assert_eq!(ids, [1, 2, 3, 4, 5, 7, 8, 9]);
        assert_eq!(
            cms.listings,
            [
                r#"Changed(Some("m")) None"#,
                r#"Changed(Some("m")) Some("1")"#,
                r#"Changed(Some("m")) Some("2")"#,
                "Ids([7, 8]) None",
                "Ids([9]) None"
            ]
        );
        // Each listing's total counts on from what the ones before it gave.
        assert_eq!(seen, [(2, Some(5)), (4, Some(5)), (5, Some(5)), (7, Some(7)), (8, Some(8))]);
    }

    #[test]
    fn unreadable_posts_are_warned_about_and_withheld_ones_reported() {
        let mut cms = fake(vec![12, 13, 14]);
        let batch = posts(&mut cms, None, &[], &mut |_, _| {}).unwrap();
        assert_eq!(batch.posts.iter().map(|p| p.id).collect::<Vec<_>>(), [12]);
        assert_eq!((batch.unreadable, batch.withheld), (vec![13], vec![14]));
        assert_eq!(batch.warnings, ["fake #13 „Rossz”: not pulled: no date (in fake://page/0)"]);
    }

    #[test]
    fn paging_that_comes_back_to_a_page_fails() {
        let mut cms = Fake { stuck: Some("1".into()), ..fake(vec![1, 2, 3, 4, 5]) };
        let err = published_ids(&mut cms).unwrap_err();
        assert_eq!(err.url, "fake://page/1");
        assert_eq!(err.message, "the next page (1) was read already");
    }
}
