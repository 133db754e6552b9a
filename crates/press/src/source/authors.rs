//! `authors/<slug>.toml`: one file per author.

use std::collections::BTreeMap;
use std::path::Path;

use model::Author;
use serde::Deserialize;
use toml::Spanned;

use super::front_matter::FileText;
use super::loader::{AuthorEntry, Loader};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthorToml {
    name: String,
    avatar: Spanned<String>,
    #[serde(default)]
    bio: String,
}

impl Loader {
    pub(super) fn load_authors(&mut self, dir: &Path) -> BTreeMap<String, AuthorEntry> {
        let mut authors = BTreeMap::new();
        for path in self.files(dir, "toml", false) {
            let Some(slug) = self.file_slug(&path) else { continue };
            let Some(text) = self.read(&path) else { continue };
            let ft = FileText::new(&path, &text, 0);
            let raw: AuthorToml = match toml::from_str(&text) {
                Ok(raw) => raw,
                Err(e) => {
                    self.error(ft.toml_error(&e, "the author file"));
                    continue;
                }
            };
            if let Err(msg) = self.probe.size(raw.avatar.get_ref()) {
                self.error(ft.error_at(&raw.avatar, format!("avatar: {msg}")));
            }
            let author = Author {
                slug: slug.clone(),
                name: raw.name,
                avatar: raw.avatar.into_inner(),
                bio: raw.bio.trim().to_owned(),
            };
            authors.insert(slug, (author, path.clone()));
        }
        authors
    }
}
