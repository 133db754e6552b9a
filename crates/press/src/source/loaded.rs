//! One article as the load made it: the article, where its body was parked, and what
//! `urls.toml` knows it by.

use std::path::PathBuf;

use model::{Article, Block};

use super::spill::SpilledBody;

#[derive(Debug, Clone)]
pub struct LoadedArticle {
    /// The source file (as found under the content dir).
    pub file: PathBuf,
    /// The article; its `body` is empty when the body was spilled (see [`super::LoadOptions`]).
    pub article: Article,
    /// Where the body's JSON was parked, when it was.
    pub spilled: Option<SpilledBody>,
    /// Old site paths that answer with a 301 to this article (`aliases` in the front matter,
    /// and its URLs recorded in `urls.toml` that it no longer has).
    pub aliases: Vec<String>,
    /// What `urls.toml` knows the article by: `id:<id>` or its file (see [`super::urls::identity`]).
    pub identity: String,
}

impl LoadedArticle {
    /// The article's body: in memory, or read back from the spill file.
    pub fn body(&self) -> std::io::Result<std::borrow::Cow<'_, [Block]>> {
        match &self.spilled {
            None => Ok(std::borrow::Cow::Borrowed(&self.article.body)),
            Some(s) => {
                let bytes = s.json()?;
                serde_json::from_slice(&bytes).map(std::borrow::Cow::Owned).map_err(std::io::Error::other)
            }
        }
    }
}
