//! WordPress through its REST API (`/wp-json/wp/v2/…`, or `/?rest_route=/wp/v2/…` on sites
//! without pretty permalinks).
//!
//! Posts come with `_embed` (author, terms, featured image), `per_page` at most 100, ordered by
//! id so pagination is stable, pages counted by `X-WP-TotalPages`. An incremental pull asks for
//! `modified_after` the newest `modified` seen (local time, the column WordPress compares), one
//! second earlier so nothing saved in that same second is missed; posts it has not seen yet
//! (a scheduled post WordPress published later keeps its old modified time) are asked for by id.

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use serde_json::Value;

use crate::html;
use crate::http::{FetchError, Fetcher};
use crate::links::same_site_path;
use crate::source::{Cms, MediaRef, Person, Post, Progress, Term};

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

impl<'f> WordPress<'f> {
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

    /// Every page of a collection. `each` gets each page's items; the first page says how many there are.
    fn pages(
        &mut self,
        route: &str,
        query: &str,
        mut each: impl FnMut(Vec<Value>, Option<usize>) -> Result<(), FetchError>,
    ) -> Result<(), FetchError> {
        let mut page = 1;
        let mut total_pages = 1;
        while page <= total_pages {
            let url = self.url(route, &format!("{query}&per_page={}&page={page}", self.per_page))?;
            let (v, answer) = self.fetcher.get_json(&url, ACCEPT)?;
            let Value::Array(items) = v else {
                return Err(FetchError { url, message: "expected a JSON array of posts".into(), status: None });
            };
            if page == 1 {
                total_pages = answer.header("X-WP-TotalPages").and_then(|h| h.trim().parse().ok()).unwrap_or(1);
            }
            let total = answer.header("X-WP-Total").and_then(|h| h.trim().parse().ok());
            each(items, total)?;
            page += 1;
        }
        Ok(())
    }

    fn post(base: &str, v: &Value, url: &str) -> Result<Post, FetchError> {
        let bad =
            |what: &str| FetchError { url: url.to_owned(), message: format!("post {}: {what}", v["id"]), status: None };
        let id = v["id"].as_u64().ok_or_else(|| bad("no numeric id"))?;
        let text = |v: &Value| v.as_str().unwrap_or("").to_owned();
        let published = local_with_offset(&text(&v["date"]), &text(&v["date_gmt"]))
            .ok_or_else(|| bad("unreadable date/date_gmt"))?;
        let modified = local_with_offset(&text(&v["modified"]), &text(&v["modified_gmt"]));
        let embedded = &v["_embedded"];
        let author = &embedded["author"][0];
        let author = Person {
            id: v["author"].as_u64().unwrap_or(0),
            name: html::to_text(author["name"].as_str().unwrap_or("")),
            slug: model::slug::slugify(author["slug"].as_str().unwrap_or("")),
            bio: html::to_text(author["description"].as_str().unwrap_or("")),
            picture: None, // WordPress avatars are Gravatar's: a third party the CSP keeps out
        };
        let mut categories = Vec::new();
        let mut tags = Vec::new();
        for group in embedded["wp:term"].as_array().into_iter().flatten() {
            for term in group.as_array().into_iter().flatten() {
                let name = html::to_text(term["name"].as_str().unwrap_or(""));
                match term["taxonomy"].as_str() {
                    Some("category") => categories.push(Term { slug: text(&term["slug"]), name }),
                    Some("post_tag") if !name.is_empty() => tags.push(name),
                    _ => {}
                }
            }
        }
        let media = &embedded["wp:featuredmedia"][0];
        let cover = media["source_url"].as_str().filter(|s| !s.is_empty()).map(|src| MediaRef {
            url: src.to_owned(),
            alt: text(&media["alt_text"]).trim().to_owned(),
            credit: Some(html::to_text(media["caption"]["rendered"].as_str().unwrap_or(""))).filter(|c| !c.is_empty()),
        });
        let link = text(&v["link"]);
        let lead = html::to_text(v["excerpt"]["rendered"].as_str().unwrap_or(""));
        Ok(Post {
            id,
            slug: model::slug::slugify(&text(&v["slug"])),
            slug_from_title: false,
            title: html::to_text(v["title"]["rendered"].as_str().unwrap_or("")),
            lead: strip_more(&lead),
            body_html: text(&v["content"]["rendered"]),
            aliases: same_site_path(&link, base).into_iter().collect(),
            link,
            categories,
            tags,
            author,
            updated: modified.filter(|m| *m > published),
            published,
            cover,
            modified: text(&v["modified"]),
        })
    }
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

impl Cms for WordPress<'_> {
    fn kind(&self) -> &'static str {
        "wordpress"
    }

    fn base_url(&self) -> &str {
        &self.base
    }

    fn published_ids(&mut self) -> Result<Vec<u64>, FetchError> {
        let mut ids = Vec::new();
        self.pages("wp/v2/posts", "_fields=id&orderby=id&order=asc&status=publish", |items, _| {
            ids.extend(items.iter().filter_map(|i| i["id"].as_u64()));
            Ok(())
        })?;
        Ok(ids)
    }

    fn posts(
        &mut self,
        since: Option<&str>,
        also: &[u64],
        progress: &mut Progress<'_>,
    ) -> Result<Vec<Post>, FetchError> {
        let mut queries = Vec::new();
        let mut query = format!("{EMBED}&orderby=id&order=asc&status=publish");
        if let Some(mark) = since {
            query.push_str(&format!("&modified_after={}", second_before(mark)));
        }
        queries.push(query);
        for chunk in also.chunks(self.per_page as usize) {
            let ids: Vec<String> = chunk.iter().map(u64::to_string).collect();
            queries.push(format!("{EMBED}&orderby=id&order=asc&status=publish&include={}", ids.join(",")));
        }
        let mut posts = Vec::new();
        for q in queries {
            let url = self.url("wp/v2/posts", &q)?;
            let base = self.base.clone();
            // Each page is converted as it arrives: the raw JSON of a large site is never held whole.
            self.pages("wp/v2/posts", &q, |items, total| {
                for v in &items {
                    if v["content"]["protected"].as_bool() != Some(true) {
                        posts.push(Self::post(&base, v, &url)?); // password-protected posts are not for a public site
                    }
                }
                progress(posts.len(), total);
                Ok(())
            })?;
        }
        Ok(posts)
    }
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
