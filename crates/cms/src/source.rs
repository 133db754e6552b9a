//! What a CMS gives the pull, whatever its API: posts with their terms, author and cover.

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaRef {
    pub url: String,
    pub alt: String,
    pub credit: Option<String>,
}

/// Progress callback: `(posts fetched, total when known)`.
pub type Progress<'a> = dyn FnMut(usize, Option<usize>) + 'a;

/// A CMS the pull can read.
pub trait Cms {
    /// `wordpress` or `drupal`, stored in the state file.
    fn kind(&self) -> &'static str;
    /// The site's base URL, as given.
    fn base_url(&self) -> &str;
    /// Ids of every published post (cheap: no bodies), in any order.
    fn published_ids(&mut self) -> Result<Vec<u64>, FetchError>;
    /// Posts modified after `since` (a mark from [`Post::modified`]; `None`: all of them), plus
    /// the posts `also` names, in any order (a post may come twice).
    fn posts(
        &mut self,
        since: Option<&str>,
        also: &[u64],
        progress: &mut Progress<'_>,
    ) -> Result<Vec<Post>, FetchError>;
    /// The mark to store after a pull that saw `posts`: later pulls ask for what changed since.
    fn newest_mark(&self, posts: &[Post], previous: Option<&str>) -> Option<String> {
        posts.iter().map(|p| p.modified.clone()).chain(previous.map(str::to_owned)).max()
    }
}
