//! `pages/<slug>.md`: static pages, a title and a Markdown body.

use std::path::Path;

use model::StaticPage;
use serde::Deserialize;
use toml::Spanned;

use super::front_matter::{parse_front_matter, FileText};
use super::loader::Loader;

/// A static page's front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    pub title: Spanned<String>,
}

impl Loader {
    pub(super) fn load_pages(&mut self, dir: &Path) -> Vec<StaticPage> {
        let mut pages = Vec::new();
        for path in self.files(dir, "md", false) {
            let Some(slug) = self.file_slug(&path) else { continue };
            let Some(text) = self.read(&path) else { continue };
            let (fm, split) = match parse_front_matter::<PageFrontMatter>(&path, &text) {
                Ok(x) => x,
                Err(d) => {
                    self.error(d);
                    continue;
                }
            };
            let ft = FileText::new(&path, &text, split.toml_start);
            if fm.title.get_ref().trim().is_empty() {
                self.error(ft.error_at(&fm.title, "expected a non-empty title"));
            }
            let body = self.body(&path, &text, split.body_start, &ft.lines);
            pages.push(StaticPage { slug, title: fm.title.into_inner().trim().to_owned(), body });
        }
        pages.sort_by(|a, b| a.slug.cmp(&b.slug));
        pages
    }
}
