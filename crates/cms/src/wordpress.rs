//! WordPress through its REST API (`/wp-json/wp/v2/…`, or `/?rest_route=/wp/v2/…` on sites
//! without pretty permalinks).
//!
//! A [`Source`] (see [`crate::source`] for the shape and the error policy). Posts come with
//! `_embed` (author, terms, featured image), `per_page` at most 100, ordered by id so
//! pagination is stable; the cursor is the page number, the last one `X-WP-TotalPages`, the
//! total `X-WP-Total`. Password-protected posts are listed by WordPress, but withheld. An incremental pull asks for
//! `modified_after` the newest `modified` seen (local time, the column WordPress compares), one
//! second earlier so nothing saved in that same second is missed; posts it has not seen yet
//! (a scheduled post WordPress published later keeps its old modified time) are asked for by id.

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use serde_json::Value;

use crate::html;
use crate::http::{FetchError, Fetcher};
use crate::links::same_site_path;
use crate::source::{Entry, Listing, MediaRef, Page, Person, Post, Source, Term};

pub struct WordPress<'f> {
    base: String,
    fetcher: &'f Fetcher,
    per_page: u32,
    /// `Some(root)` for `/wp-json/`, `None` for `?rest_route=`; found on first use.
    pretty: Option<Option<String>>,
}

const ACCEPT: &str = "application/json";
/// Embedded relations the pull needs (WordPress ≥ 5.4 understands a list).
const EMBED: &str = "_embed=author,wp:term,wp:featuredmedia";
/// Published posts in a stable order.
const PUBLISHED: &str = "orderby=id&order=asc&status=publish";

impl<'f> WordPress<'f> {
    /// `per_page` is capped at WordPress's 100.
    pub fn new(base: &str, fetcher: &'f Fetcher, per_page: u32) -> Self {
        WordPress {
            base: base.trim_end_matches('/').to_owned(),
            fetcher,
            per_page: per_page.clamp(1, 100),
            pretty: None,
        }
    }

    /// The URL of a REST route with a query.
    fn url(&mut self, route: &str, query: &str) -> Result<String, FetchError> {
        if self.pretty.is_none() {
            let probe = format!("{}/wp-json/", self.base);
            self.pretty = Some(match self.fetcher.get_json(&probe, ACCEPT) {
                Ok((v, _)) if v.get("namespaces").is_some() => Some(probe),
                Ok(_) | Err(FetchError { status: Some(404), .. }) => None,
                Err(e) => return Err(e),
            });
        }
        Ok(match self.pretty.as_ref().and_then(Option::as_ref) {
            Some(root) => format!("{root}{route}?{query}"),
            None => format!("{}/?rest_route=/{route}&{query}", self.base),
        })
    }

    /// Page `cursor` (a page number; `None`: 1) of the posts collection with `query`.
    fn page(&mut self, query: &str, cursor: Option<&str>) -> Result<Page<Value>, FetchError> {
        self.route_page("wp/v2/posts", query, cursor)
    }

    /// Page `cursor` of any collection route (posts, categories, users).
    fn route_page(&mut self, route: &str, query: &str, cursor: Option<&str>) -> Result<Page<Value>, FetchError> {
        let number: u32 = cursor.and_then(|c| c.parse().ok()).unwrap_or(1);
        let url = self.url(route, &format!("{query}&per_page={}&page={number}", self.per_page))?;
        let (v, answer) = self.fetcher.get_json(&url, ACCEPT)?;
        let Value::Array(items) = v else {
            return Err(FetchError { url, message: format!("expected a JSON array from {route}"), status: None });
        };
        let header = |name: &str| answer.header(name).and_then(|h| h.trim().parse::<usize>().ok());
        let last = header("X-WP-TotalPages").unwrap_or(1);
        let next = (usize::try_from(number).unwrap_or(usize::MAX) < last).then(|| (number + 1).to_string());
        Ok(Page { url, items, next, total: header("X-WP-Total") })
    }
}

impl Source for WordPress<'_> {
    fn kind(&self) -> &'static str {
        "wordpress"
    }

    fn base_url(&self) -> &str {
        &self.base
    }

    fn page_size(&self) -> usize {
        self.per_page as usize
    }

    /// Categories and the users with published posts, a few fields each, one request per 100.
    /// A site that hides its users from anonymous readers (a 401 or 404, as security plugins
    /// answer) shows no author names to compare: only its categories count.
    fn names_mark(&mut self) -> Result<Option<String>, FetchError> {
        let mut seen = Vec::new();
        for (route, fields) in [("wp/v2/categories", "id,name,slug"), ("wp/v2/users", "id,name,slug,description")] {
            let query = format!("_fields={fields}&orderby=id&order=asc");
            let mut items = Vec::new();
            let listed = crate::source::follow(|c| self.route_page(route, &query, c), |p| items.extend(p.items));
            match listed {
                Ok(()) => seen.push(serde_json::json!([route, items])),
                Err(FetchError { status: Some(401 | 403 | 404), .. }) => seen.push(serde_json::json!([route, null])),
                Err(e) => return Err(e),
            }
        }
        Ok(Some(crate::source::fingerprint(serde_json::Value::Array(seen).to_string().as_bytes())))
    }

    fn id_page(&mut self, cursor: Option<&str>) -> Result<Page<u64>, FetchError> {
        let page = self.page(&format!("_fields=id&{PUBLISHED}"), cursor)?;
        let items = page.items.iter().filter_map(|i| i["id"].as_u64()).collect();
        Ok(Page { url: page.url, items, next: page.next, total: page.total })
    }

    fn post_page(&mut self, listing: &Listing<'_>, cursor: Option<&str>) -> Result<Page<Entry>, FetchError> {
        let query = match listing {
            Listing::Changed(None) => format!("{EMBED}&{PUBLISHED}"),
            Listing::Changed(Some(mark)) => format!("{EMBED}&{PUBLISHED}&modified_after={}", second_before(mark)),
            Listing::Ids(ids) => {
                let ids: Vec<String> = ids.iter().map(u64::to_string).collect();
                format!("{EMBED}&{PUBLISHED}&include={}", ids.join(","))
            }
        };
        let page = self.page(&query, cursor)?;
        // Each page is read as it arrives: the raw JSON of a large site is never held whole.
        let items = page.items.iter().map(|v| entry(&self.base, v)).collect();
        Ok(Page { url: page.url, items, next: page.next, total: page.total })
    }
}

/// A posts page's body read as `post_page` reads it, without the request (the fuzz targets'
/// door to the private readers); `None` when the body is not a JSON array.
#[doc(hidden)]
pub fn posts_from_body(base: &str, body: &[u8]) -> Option<Vec<Entry>> {
    let Ok(Value::Array(items)) = serde_json::from_slice(body) else { return None };
    Some(items.iter().map(|v| entry(base, v)).collect())
}

/// One post of a REST answer with `_embed`.
fn entry(base: &str, v: &Value) -> Entry {
    let text = |v: &Value| v.as_str().unwrap_or("").to_owned();
    let title = html::to_text(v["title"]["rendered"].as_str().unwrap_or(""));
    let id = v["id"].as_u64();
    if let (Some(id), Some(true)) = (id, v["content"]["protected"].as_bool()) {
        return Entry::Withheld(id); // password-protected: not for a public site
    }
    let dates = local_with_offset(&text(&v["date"]), &text(&v["date_gmt"]));
    let (Some(id), Some(published)) = (id, dates) else {
        let reason = if id.is_none() { "no numeric id" } else { "unreadable date/date_gmt" };
        return Entry::Unreadable { id, title, reason: reason.to_owned() };
    };
    let modified = local_with_offset(&text(&v["modified"]), &text(&v["modified_gmt"]));
    let embedded = &v["_embedded"];
    let (categories, tags) = terms(&embedded["wp:term"]);
    let author = author(v["author"].as_u64(), &embedded["author"][0]).unwrap_or_else(Person::stand_in);
    let link = text(&v["link"]);
    let lead = html::to_text(v["excerpt"]["rendered"].as_str().unwrap_or(""));
    Entry::Post(Box::new(Post {
        id,
        slug: model::slug::slugify(&text(&v["slug"])),
        slug_from_title: false,
        title,
        lead: strip_more(&lead),
        body_html: text(&v["content"]["rendered"]),
        aliases: same_site_path(&link, base).into_iter().collect(),
        link,
        categories,
        tags,
        author,
        updated: modified.filter(|m| *m > published),
        published,
        cover: cover(&embedded["wp:featuredmedia"][0]),
        modified: text(&v["modified"]),
        notes: Vec::new(),
    }))
}

/// The embedded user, unless WordPress could not show one (an error object in its place:
/// the account was deleted, or the post has none) or it has no name to show.
fn author(id: Option<u64>, user: &Value) -> Option<Person> {
    let name = html::to_text(user["name"].as_str()?).trim().to_owned();
    let id = id.filter(|&i| i != crate::source::STAND_IN_ID)?;
    (!name.is_empty()).then(|| Person {
        id,
        name,
        slug: model::slug::slugify(user["slug"].as_str().unwrap_or("")),
        bio: html::to_text(user["description"].as_str().unwrap_or("")),
        picture: None, // WordPress avatars are Gravatar's: a third party the CSP keeps out
    })
}

/// Categories (candidates for the section) and tag names from the embedded terms.
fn terms(groups: &Value) -> (Vec<Term>, Vec<String>) {
    let mut categories = Vec::new();
    let mut tags = Vec::new();
    for group in groups.as_array().into_iter().flatten() {
        for term in group.as_array().into_iter().flatten() {
            let name = html::to_text(term["name"].as_str().unwrap_or(""));
            match term["taxonomy"].as_str() {
                Some("category") => {
                    categories.push(Term { slug: term["slug"].as_str().unwrap_or("").to_owned(), name })
                }
                Some("post_tag") if !name.is_empty() => tags.push(name),
                _ => {}
            }
        }
    }
    (categories, tags)
}

/// The embedded featured image, if it has a file.
fn cover(media: &Value) -> Option<MediaRef> {
    let src = media["source_url"].as_str().filter(|s| !s.is_empty())?;
    Some(MediaRef {
        url: src.to_owned(),
        alt: media["alt_text"].as_str().unwrap_or("").trim().to_owned(),
        credit: Some(html::to_text(media["caption"]["rendered"].as_str().unwrap_or(""))).filter(|c| !c.is_empty()),
    })
}

/// `2024-03-15T09:30:00` (local) and `2024-03-15T08:30:00` (GMT) → 09:30 at +01:00.
fn local_with_offset(local: &str, gmt: &str) -> Option<DateTime<FixedOffset>> {
    let parse = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok();
    let (l, g) = (parse(local)?, parse(gmt)?);
    let offset = FixedOffset::east_opt(i32::try_from((l - g).num_seconds()).ok()?)?;
    l.and_local_timezone(offset).single()
}

/// An automatic excerpt ends in "[…]" (and themes add a "read more"): not part of a lead.
fn strip_more(lead: &str) -> String {
    let mut l = lead.trim();
    for tail in ["[…]", "[&hellip;]", "[...]", "…", "Continue reading", "Tovább olvasom"] {
        l = l.trim_end_matches(tail).trim_end();
    }
    l.to_owned()
}

/// One second before a `modified` mark (`modified_after` is exclusive; see the module comment).
fn second_before(mark: &str) -> String {
    NaiveDateTime::parse_from_str(mark, "%Y-%m-%dT%H:%M:%S")
        .map(|t| (t - chrono::Duration::seconds(1)).format("%Y-%m-%dT%H:%M:%S").to_string())
        .unwrap_or_else(|_| mark.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_come_from_local_and_gmt() {
        let t = local_with_offset("2024-03-15T09:30:00", "2024-03-15T08:30:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2024-03-15T09:30:00+01:00");
        let t = local_with_offset("2024-07-01T12:00:00", "2024-07-01T10:00:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2024-07-01T12:00:00+02:00");
        assert_eq!(second_before("2024-03-15T00:00:00"), "2024-03-14T23:59:59");
        assert_eq!(strip_more("Rövid bevezető […]"), "Rövid bevezető");
    }
}
