//! `content/urls.toml`: the record of every article URL press has published, so that an
//! article whose section, date or slug changes keeps answering at its old URLs.
//!
//! Each URL is recorded with the article's identity: its `id` (front matter) when it has one,
//! otherwise its source file (relative to `content/`, `/`-separated). A recorded URL that no
//! current article has becomes a redirect (an implicit alias) to the article with the same
//! identity; when there is none, a warning names the URL and the file it came from. `press build`
//! adds the URLs of the build to the file (and never drops one), so it is committed with the
//! content.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::loaded::LoadedArticle;
use crate::error::Diagnostic;

/// The file name under the content folder.
pub const FILE: &str = "urls.toml";

const HEADER: &str = "# Written by `press build`: every article URL the site has published, with the article it
# belongs to (`id:<id>` from the front matter, or the source file). A URL that disappears
# becomes a redirect to the same article's new URL. Commit this file with the content; delete a
# line only when the URL should answer 404.
";

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct UrlRecord {
    /// Site path → article identity.
    #[serde(default)]
    pub urls: BTreeMap<String, String>,
}

impl UrlRecord {
    /// The record in `content_dir`, empty when there is none.
    pub fn read(content_dir: &Path) -> Result<UrlRecord, Diagnostic> {
        let path = content_dir.join(FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                let d = Diagnostic::error(&path, e.message().trim().to_owned());
                match e.span() {
                    Some(span) => d.at_line(text[..span.start].matches('\n').count() + 1),
                    None => d,
                }
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(UrlRecord::default()),
            Err(e) => Err(Diagnostic::error(&path, format!("cannot read: {e}"))),
        }
    }

    /// The file's text: the header, then one `"path" = "identity"` line per URL, sorted.
    pub fn to_text(&self) -> String {
        let mut s = String::from(HEADER);
        s.push_str("[urls]\n");
        for (path, id) in &self.urls {
            s.push_str(&format!("{} = {}\n", toml_string(path), toml_string(id)));
        }
        s
    }

    /// Adds the URLs of `articles`; whether anything was new.
    pub fn record(&mut self, articles: &[LoadedArticle]) -> bool {
        let mut changed = false;
        for a in articles {
            if a.article.preview.is_some() {
                continue;
            }
            if self.urls.get(&a.article.path) != Some(&a.identity) {
                self.urls.insert(a.article.path.clone(), a.identity.clone());
                changed = true;
            }
        }
        changed
    }

    /// Writes the record into `content_dir` (a temporary file renamed over the old one).
    pub fn write(&self, content_dir: &Path) -> std::io::Result<()> {
        let mut tmp = tempfile::NamedTempFile::new_in(content_dir)?;
        std::io::Write::write_all(&mut tmp, self.to_text().as_bytes())?;
        crate::photos::set_readable(tmp.as_file())?;
        tmp.persist(content_dir.join(FILE)).map_err(|e| e.error)?;
        Ok(())
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// The identity of an article: `id:<id>` or its file relative to `content_dir`.
pub fn identity(content_dir: &Path, file: &Path, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("id:{id}"),
        None => {
            let rel = file.strip_prefix(content_dir).unwrap_or(file);
            rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
        }
    }
}

/// Turns every recorded URL that no current article answers into an alias of the article with
/// the same identity, or a warning when there is none. Explicit `aliases` win.
pub fn apply(content_dir: &Path, record: &UrlRecord, articles: &mut [LoadedArticle], diags: &mut Vec<Diagnostic>) {
    let norm = |p: &str| p.trim_end_matches('/').to_owned();
    let mut taken: HashSet<String> = HashSet::new();
    for a in articles.iter() {
        taken.insert(norm(&a.article.path));
        taken.extend(a.aliases.iter().map(|al| norm(al)));
    }
    let by_identity: BTreeMap<&str, usize> =
        articles.iter().enumerate().map(|(i, a)| (a.identity.as_str(), i)).collect();
    let mut moves: Vec<(usize, String)> = Vec::new();
    for (path, id) in &record.urls {
        if taken.contains(&norm(path)) {
            continue;
        }
        match by_identity.get(id.as_str()) {
            Some(&i) => moves.push((i, path.clone())),
            None => diags.push(Diagnostic::warning(
                content_dir.join(FILE),
                format!(
                    "`{path}` was published (from {id}) but no article has it any more: it will answer 404; \
                     add it to the new article's `aliases`, or delete its line here"
                ),
            )),
        }
    }
    for (i, path) in moves {
        articles[i].aliases.push(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_round_trips_and_is_sorted() {
        let mut r = UrlRecord::default();
        r.urls.insert("/b/2024/01/01/x".into(), "articles/b/x.md".into());
        r.urls.insert("/a/2024/01/01/\"y\"".into(), "id:42".into());
        let text = r.to_text();
        assert!(text.find("/a/").unwrap() < text.find("/b/").unwrap());
        assert_eq!(toml::from_str::<UrlRecord>(&text).unwrap(), r);
    }

    #[test]
    fn identity_is_the_id_or_the_relative_file() {
        let c = Path::new("/x/content");
        assert_eq!(identity(c, Path::new("/x/content/articles/belfold/a.md"), None), "articles/belfold/a.md");
        assert_eq!(identity(c, Path::new("/x/content/articles/a.md"), Some("k1")), "id:k1");
    }
}
