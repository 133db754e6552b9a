//! Drupal through core's JSON:API module (`/jsonapi/node/article`).
//!
//! Documents follow the JSON:API specification as Drupal core shapes them: `data[]` of
//! `node--article` resources with `attributes` (`drupal_internal__nid`, `title`, `created`,
//! `changed`, `path.alias`, `body.processed` and `body.summary`) and `relationships` (`uid` →
//! `user--user`, `field_image` → `file--file` with `meta.alt`/`meta.title`, `field_tags` →
//! `taxonomy_term--tags`, and the section vocabulary's field), the related resources in
//! `included[]`, pages linked by `links.next` (Drupal caps a page at 50), and failures as
//! `errors[]` documents. An incremental pull filters on `changed` (a Unix timestamp).

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use crate::html;
use crate::http::{FetchError, Fetcher};
use crate::links::same_site_path;
use crate::source::{Cms, MediaRef, Person, Post, Progress, Term};

const ACCEPT: &str = "application/vnd.api+json";
/// Pages followed at most: a `links.next` that never ends must not loop forever.
const MAX_PAGES: usize = 100_000;

pub struct Drupal<'f> {
    base: String,
    fetcher: &'f Fetcher,
    page_size: u32,
    /// The relationship holding the section term (`field_section` unless site.toml says otherwise).
    section_field: String,
}

impl<'f> Drupal<'f> {
    pub fn new(base: &str, fetcher: &'f Fetcher, page_size: u32, section_field: &str) -> Self {
        Drupal {
            base: base.trim_end_matches('/').to_owned(),
            fetcher,
            page_size: page_size.clamp(1, 50),
            section_field: section_field.to_owned(),
        }
    }

    /// Every page from `first`, following `links.next`. `each` gets `(data, included, url)`.
    fn pages(
        &self,
        first: String,
        mut each: impl FnMut(&[Value], &[Value], &str) -> Result<(), FetchError>,
    ) -> Result<(), FetchError> {
        let mut url = first;
        let mut seen = std::collections::HashSet::new();
        for _ in 0..MAX_PAGES {
            if !seen.insert(url.clone()) {
                return Err(FetchError {
                    url,
                    message: "links.next points back to a page already read".into(),
                    status: None,
                });
            }
            let (doc, _) = self.fetcher.get_json(&url, ACCEPT)?;
            if let Some(errors) = doc["errors"].as_array() {
                let e = errors.first().cloned().unwrap_or_default();
                let detail = [e["status"].as_str(), e["title"].as_str(), e["detail"].as_str()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(": ");
                return Err(FetchError { url, message: format!("JSON:API error ({detail})"), status: None });
            }
            let Some(data) = doc["data"].as_array() else {
                return Err(FetchError {
                    url,
                    message: "expected a JSON:API document with a `data` array".into(),
                    status: None,
                });
            };
            let included = doc["included"].as_array().map(Vec::as_slice).unwrap_or_default();
            each(data, included, &url)?;
            match doc["links"]["next"]["href"].as_str().or_else(|| doc["links"]["next"].as_str()) {
                Some(next) if !next.is_empty() => url = self.absolute(next),
                _ => return Ok(()),
            }
        }
        Err(FetchError { url, message: format!("more than {MAX_PAGES} pages"), status: None })
    }

    fn absolute(&self, href: &str) -> String {
        crate::links::resolve(&self.base, href)
    }

    /// The article collection with `extra` query parameters (brackets percent-encoded, as
    /// URLs must carry them).
    fn collection(&self, extra: &str) -> String {
        let query = format!("filter[status]=1&sort=drupal_internal__nid&page[limit]={}{extra}", self.page_size);
        format!("{}/jsonapi/node/article?{}", self.base, query.replace('[', "%5B").replace(']', "%5D"))
    }

    fn post(&self, node: &Value, included: &HashMap<(String, String), &Value>, url: &str) -> Result<Post, FetchError> {
        let a = &node["attributes"];
        let bad = |what: &str| FetchError {
            url: url.to_owned(),
            message: format!("node {}: {what}", node["id"]),
            status: None,
        };
        let nid = a["drupal_internal__nid"].as_u64().ok_or_else(|| bad("no drupal_internal__nid"))?;
        let date = |v: &Value| v.as_str().and_then(|s| DateTime::<FixedOffset>::parse_from_rfc3339(s).ok());
        let published = date(&a["created"]).ok_or_else(|| bad("unreadable `created`"))?;
        let changed = date(&a["changed"]);
        let related = |field: &str| -> Vec<(&Value, &Value)> {
            let data = &node["relationships"][field]["data"];
            let refs: Vec<&Value> = match data {
                Value::Array(items) => items.iter().collect(),
                Value::Object(_) => vec![data],
                _ => Vec::new(),
            };
            refs.into_iter()
                .filter_map(|r| {
                    let key = (r["type"].as_str()?.to_owned(), r["id"].as_str()?.to_owned());
                    included.get(&key).map(|res| (*res, &r["meta"]))
                })
                .collect()
        };
        let term = |res: &Value| {
            let name = res["attributes"]["name"].as_str().unwrap_or("").trim().to_owned();
            Term { slug: model::slug::slugify(&name), name }
        };
        let file_url = |res: &Value| res["attributes"]["uri"]["url"].as_str().map(|u| self.absolute(u));
        let author = match related("uid").first() {
            Some((user, _)) => {
                let ua = &user["attributes"];
                let name = ua["display_name"].as_str().or(ua["name"].as_str()).unwrap_or("").trim().to_owned();
                let picture = {
                    let pic = &user["relationships"]["user_picture"]["data"];
                    match (pic["type"].as_str(), pic["id"].as_str()) {
                        (Some(t), Some(i)) => included.get(&(t.to_owned(), i.to_owned())).and_then(|f| file_url(f)),
                        _ => None,
                    }
                };
                Person {
                    id: ua["drupal_internal__uid"].as_u64().unwrap_or(0),
                    slug: model::slug::slugify(&name),
                    bio: ua["field_bio"].as_str().map(html::to_text).unwrap_or_default(),
                    name,
                    picture,
                }
            }
            None => return Err(bad("its author (uid) is not in `included`; ask with include=uid")),
        };
        let cover = related("field_image").first().and_then(|(file, meta)| {
            Some(MediaRef {
                url: file_url(file)?,
                alt: meta["alt"].as_str().unwrap_or("").trim().to_owned(),
                credit: meta["title"].as_str().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned),
            })
        });
        let alias = a["path"]["alias"].as_str().filter(|s| s.starts_with('/')).map(str::to_owned);
        let title = a["title"].as_str().unwrap_or("").trim().to_owned();
        let slug_source = alias.as_deref().and_then(|p| p.rsplit('/').find(|s| !s.is_empty())).unwrap_or(&title);
        let mut aliases: Vec<String> =
            alias.iter().filter_map(|p| same_site_path(&format!("{}{p}", self.base), &self.base)).collect();
        aliases.push(format!("/node/{nid}"));
        let link = format!("{}{}", self.base, alias.as_deref().unwrap_or(&format!("/node/{nid}")));
        Ok(Post {
            id: nid,
            slug: model::slug::slugify(slug_source),
            slug_from_title: alias.is_none(),
            title,
            lead: html::to_text(a["body"]["summary"].as_str().unwrap_or("")),
            body_html: a["body"]["processed"].as_str().or(a["body"]["value"].as_str()).unwrap_or("").to_owned(),
            link,
            categories: related(&self.section_field).into_iter().map(|(t, _)| term(t)).collect(),
            tags: related("field_tags").into_iter().map(|(t, _)| term(t).name).filter(|n| !n.is_empty()).collect(),
            author,
            updated: changed.filter(|c| *c > published),
            published,
            cover,
            aliases,
            modified: changed.map(|c| c.timestamp().to_string()).unwrap_or_default(),
        })
    }
}

impl Cms for Drupal<'_> {
    fn kind(&self) -> &'static str {
        "drupal"
    }

    fn base_url(&self) -> &str {
        &self.base
    }

    fn published_ids(&mut self) -> Result<Vec<u64>, FetchError> {
        let mut ids = Vec::new();
        self.pages(self.collection("&fields[node--article]=drupal_internal__nid"), |data, _, _| {
            ids.extend(data.iter().filter_map(|n| n["attributes"]["drupal_internal__nid"].as_u64()));
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
        let include = format!("&include=uid,uid.user_picture,field_image,field_tags,{}", self.section_field);
        let mut queries = Vec::new();
        match since {
            Some(mark) => queries.push(format!(
                "{include}&filter[changed][condition][path]=changed&filter[changed][condition][operator]=%3E%3D&filter[changed][condition][value]={mark}"
            )),
            None => queries.push(include.clone()),
        }
        for chunk in also.chunks(self.page_size as usize) {
            let mut q = format!(
                "{include}&filter[nids][condition][path]=drupal_internal__nid&filter[nids][condition][operator]=IN"
            );
            for (i, id) in chunk.iter().enumerate() {
                q.push_str(&format!("&filter[nids][condition][value][{i}]={id}"));
            }
            queries.push(q);
        }
        let mut posts = Vec::new();
        let mut failure = None;
        for q in queries {
            self.pages(self.collection(&q), |data, included, url| {
                let index: HashMap<(String, String), &Value> = included
                    .iter()
                    .filter_map(|r| Some(((r["type"].as_str()?.to_owned(), r["id"].as_str()?.to_owned()), r)))
                    .collect();
                for node in data {
                    match self.post(node, &index, url) {
                        Ok(p) => posts.push(p),
                        Err(e) => {
                            failure.get_or_insert(e);
                        }
                    }
                }
                progress(posts.len(), None);
                Ok(())
            })?;
        }
        if let Some(e) = failure {
            return Err(e);
        }
        Ok(posts)
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
