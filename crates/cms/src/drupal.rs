//! Drupal through core's JSON:API module (`/jsonapi/node/article`).
//!
//! Documents follow the JSON:API specification as Drupal core shapes them: `data[]` of
//! `node--article` resources with `attributes` (`drupal_internal__nid`, `title`, `created`,
//! `changed`, `path.alias`, `body.processed` and `body.summary`) and `relationships` (`uid` →
//! `user--user`, `field_image` → `file--file` with `meta.alt`/`meta.title`, `field_tags` →
//! `taxonomy_term--tags`, and the section vocabulary's field), the related resources in
//! `included[]`, pages linked by `links.next` (Drupal caps a page at 50), and failures as
//! `errors[]` documents. An incremental pull filters on `changed` (a Unix timestamp).
//!
//! A [`Source`] (see [`crate::source`] for the shape and the error policy): the cursor is the
//! `links.next` URL, the total `meta.count` where the site has JSON:API count collections.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use crate::html;
use crate::http::{FetchError, Fetcher};
use crate::links::{resolve, same_site_path};
use crate::source::{Entry, Listing, MediaRef, Page, Person, Post, Source, Term};

const ACCEPT: &str = "application/vnd.api+json";

pub struct Drupal<'f> {
    base: String,
    fetcher: &'f Fetcher,
    page_size: u32,
    /// The relationship holding the section term (`field_section` unless site.toml says otherwise).
    section_field: String,
}

/// One JSON:API collection page.
struct Document {
    url: String,
    data: Vec<Value>,
    included: Vec<Value>,
    next: Option<String>,
    total: Option<usize>,
}

impl<'f> Drupal<'f> {
    /// `per_page` is capped at Drupal's 50; the section comes from `field_section` (see
    /// [`Drupal::section_field`]).
    pub fn new(base: &str, fetcher: &'f Fetcher, per_page: u32) -> Self {
        Drupal {
            base: base.trim_end_matches('/').to_owned(),
            fetcher,
            page_size: per_page.clamp(1, 50),
            section_field: "field_section".to_owned(),
        }
    }

    /// The relationship that holds the section term (`[pull] drupal_section_field`).
    pub fn section_field(mut self, field: &str) -> Self {
        self.section_field = field.to_owned();
        self
    }

    /// The collection page at `cursor`, else the first with `extra` query parameters.
    fn document(&self, cursor: Option<&str>, extra: &str) -> Result<Document, FetchError> {
        let url = cursor.map_or_else(|| self.collection(extra), str::to_owned);
        let (doc, _) = self.fetcher.get_json(&url, ACCEPT)?;
        self.read_document(url, doc)
    }

    /// A collection page's JSON, fetched from `url`.
    fn read_document(&self, url: String, mut doc: Value) -> Result<Document, FetchError> {
        // `doc[…].take()` below would panic on anything but an object (or null).
        if !doc.is_object() {
            return Err(FetchError { url, message: "expected a JSON:API document, an object".into(), status: None });
        }
        if let Some(errors) = doc["errors"].as_array() {
            let e = errors.first().cloned().unwrap_or_default();
            let detail = [e["status"].as_str(), e["title"].as_str(), e["detail"].as_str()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(": ");
            return Err(FetchError { url, message: format!("JSON:API error ({detail})"), status: None });
        }
        let Value::Array(data) = doc["data"].take() else {
            return Err(FetchError {
                url,
                message: "expected a JSON:API document with a `data` array".into(),
                status: None,
            });
        };
        let included = match doc["included"].take() {
            Value::Array(included) => included,
            _ => Vec::new(),
        };
        let next = doc["links"]["next"]["href"].as_str().or_else(|| doc["links"]["next"].as_str());
        let next = next.filter(|n| !n.is_empty()).map(|n| resolve(&self.base, n));
        let total = doc["meta"]["count"].as_u64().and_then(|c| usize::try_from(c).ok());
        Ok(Document { url, data, included, next, total })
    }

    /// A collection page's body read as `post_page` reads it, without the request (the fuzz
    /// targets' door to the private readers).
    #[doc(hidden)]
    pub fn posts_from_body(&self, body: &[u8]) -> Result<Vec<Entry>, FetchError> {
        let url = self.collection("");
        let doc = serde_json::from_slice(body).map_err(|e| FetchError {
            url: url.clone(),
            message: format!("malformed JSON ({e})"),
            status: None,
        })?;
        let doc = self.read_document(url, doc)?;
        let included = Included::new(&doc.included);
        Ok(doc.data.iter().map(|node| self.entry(node, &included)).collect())
    }

    /// The article collection with `extra` query parameters (brackets percent-encoded, as
    /// URLs must carry them).
    fn collection(&self, extra: &str) -> String {
        let query = format!("filter[status]=1&sort=drupal_internal__nid&page[limit]={}{extra}", self.page_size);
        format!("{}/jsonapi/node/article?{}", self.base, query.replace('[', "%5B").replace(']', "%5D"))
    }

    /// The query of a listing: related resources included, filtered on `changed` or on nids.
    fn query(&self, listing: &Listing<'_>) -> String {
        let mut q = format!("&include=uid,uid.user_picture,field_image,field_tags,{}", self.section_field);
        match listing {
            Listing::Changed(None) => {}
            Listing::Changed(Some(mark)) => q.push_str(&format!(
                "&filter[changed][condition][path]=changed&filter[changed][condition][operator]=%3E%3D&filter[changed][condition][value]={mark}"
            )),
            Listing::Ids(ids) => {
                q.push_str("&filter[nids][condition][path]=drupal_internal__nid&filter[nids][condition][operator]=IN");
                for (i, id) in ids.iter().enumerate() {
                    q.push_str(&format!("&filter[nids][condition][value][{i}]={id}"));
                }
            }
        }
        q
    }

    /// One `node--article` with its related resources.
    fn entry(&self, node: &Value, included: &Included<'_>) -> Entry {
        let a = &node["attributes"];
        let title = a["title"].as_str().unwrap_or("").trim().to_owned();
        let date = |v: &Value| v.as_str().and_then(|s| DateTime::<FixedOffset>::parse_from_rfc3339(s).ok());
        let nid = a["drupal_internal__nid"].as_u64();
        let (Some(nid), Some(published)) = (nid, date(&a["created"])) else {
            let reason = if nid.is_none() { "no drupal_internal__nid" } else { "unreadable `created`" };
            return Entry::Unreadable { id: nid, title, reason: reason.to_owned() };
        };
        let changed = date(&a["changed"]);
        let author = included.related(node, "uid").first().and_then(|(user, _)| self.author(user, included));
        let author = author.unwrap_or_else(Person::stand_in);
        let alias = a["path"]["alias"].as_str().filter(|s| s.starts_with('/')).map(str::to_owned);
        let slug_source = alias.as_deref().and_then(|p| p.rsplit('/').find(|s| !s.is_empty())).unwrap_or(&title);
        let mut aliases: Vec<String> =
            alias.iter().filter_map(|p| same_site_path(&format!("{}{p}", self.base), &self.base)).collect();
        aliases.push(format!("/node/{nid}"));
        let term = |(res, _): (&Value, &Value)| {
            let name = res["attributes"]["name"].as_str().unwrap_or("").trim().to_owned();
            Term { slug: model::slug::slugify(&name), name }
        };
        Entry::Post(Box::new(Post {
            id: nid,
            slug: model::slug::slugify(slug_source),
            slug_from_title: alias.is_none(),
            lead: html::to_text(a["body"]["summary"].as_str().unwrap_or("")),
            body_html: a["body"]["processed"].as_str().or(a["body"]["value"].as_str()).unwrap_or("").to_owned(),
            link: format!("{}{}", self.base, alias.as_deref().unwrap_or(&format!("/node/{nid}"))),
            categories: included.related(node, &self.section_field).into_iter().map(term).collect(),
            tags: included
                .related(node, "field_tags")
                .into_iter()
                .map(|r| term(r).name)
                .filter(|n| !n.is_empty())
                .collect(),
            author,
            updated: changed.filter(|c| *c > published),
            published,
            cover: included.related(node, "field_image").first().and_then(|&(file, meta)| self.cover(file, meta)),
            aliases,
            modified: changed.map(|c| c.timestamp().to_string()).unwrap_or_default(),
            title,
            notes: Vec::new(),
        }))
    }

    /// A `user--user` with an id and a name; its uploaded picture, if included. Not uid 0:
    /// Drupal's anonymous user, to whom it gives the posts of a deleted account.
    fn author(&self, user: &Value, included: &Included<'_>) -> Option<Person> {
        let ua = &user["attributes"];
        let name = ua["display_name"].as_str().or(ua["name"].as_str()).unwrap_or("").trim().to_owned();
        let id = ua["drupal_internal__uid"].as_u64().filter(|&i| i != crate::source::STAND_IN_ID)?;
        let picture = included.related(user, "user_picture").first().and_then(|(file, _)| self.file_url(file));
        (!name.is_empty()).then(|| Person {
            id,
            slug: model::slug::slugify(&name),
            bio: ua["field_bio"].as_str().map(html::to_text).unwrap_or_default(),
            name,
            picture,
        })
    }

    /// A `file--file` as a cover, with the relationship's `meta.alt` and `meta.title`.
    fn cover(&self, file: &Value, meta: &Value) -> Option<MediaRef> {
        Some(MediaRef {
            url: self.file_url(file)?,
            alt: meta["alt"].as_str().unwrap_or("").trim().to_owned(),
            credit: meta["title"].as_str().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned),
        })
    }

    fn file_url(&self, file: &Value) -> Option<String> {
        file["attributes"]["uri"]["url"].as_str().map(|u| resolve(&self.base, u))
    }
}

/// A page's `included[]`, by `(type, id)`.
struct Included<'d>(HashMap<(&'d str, &'d str), &'d Value>);

impl<'d> Included<'d> {
    fn new(included: &'d [Value]) -> Self {
        Included(included.iter().filter_map(|r| Some(((r["type"].as_str()?, r["id"].as_str()?), r))).collect())
    }

    /// The included resources a relationship of `resource` points at, each with the
    /// relationship's `meta`; references to resources not included are left out.
    fn related<'v>(&self, resource: &'v Value, field: &str) -> Vec<(&'d Value, &'v Value)> {
        let data = &resource["relationships"][field]["data"];
        let refs: Vec<&Value> = match data {
            Value::Array(items) => items.iter().collect(),
            Value::Object(_) => vec![data],
            _ => Vec::new(),
        };
        refs.into_iter()
            .filter_map(|r| Some((*self.0.get(&(r["type"].as_str()?, r["id"].as_str()?))?, &r["meta"])))
            .collect()
    }
}

impl Source for Drupal<'_> {
    fn kind(&self) -> &'static str {
        "drupal"
    }

    fn base_url(&self) -> &str {
        &self.base
    }

    fn page_size(&self) -> usize {
        self.page_size as usize
    }

    fn id_page(&mut self, cursor: Option<&str>) -> Result<Page<u64>, FetchError> {
        let doc = self.document(cursor, "&fields[node--article]=drupal_internal__nid")?;
        let items = doc.data.iter().filter_map(|n| n["attributes"]["drupal_internal__nid"].as_u64()).collect();
        Ok(Page { url: doc.url, items, next: doc.next, total: doc.total })
    }

    fn post_page(&mut self, listing: &Listing<'_>, cursor: Option<&str>) -> Result<Page<Entry>, FetchError> {
        let doc = self.document(cursor, &self.query(listing))?;
        let included = Included::new(&doc.included);
        let items = doc.data.iter().map(|node| self.entry(node, &included)).collect();
        Ok(Page { url: doc.url, items, next: doc.next, total: doc.total })
    }

    /// Drupal's marks are Unix timestamps: compare them as numbers.
    fn newest_mark(&self, posts: &[Post], previous: Option<&str>) -> Option<String> {
        posts
            .iter()
            .filter_map(|p| p.modified.parse::<i64>().ok())
            .chain(previous.and_then(|p| p.parse().ok()))
            .max()
            .map(|m| m.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::RetryPolicy;

    #[test]
    fn an_answer_that_is_no_object_is_an_error_not_a_panic() {
        let fetcher = Fetcher::new(RetryPolicy::default());
        let drupal = Drupal::new("https://regi.example", &fetcher, 50);
        for body in ["1", "[]", "\"data\"", "true"] {
            let e = drupal.posts_from_body(body.as_bytes()).err().unwrap_or_else(|| panic!("{body} read"));
            assert!(e.message.contains("JSON:API document"), "{body}: {}", e.message);
        }
        assert!(drupal.posts_from_body(b"null").is_err());
    }
}
