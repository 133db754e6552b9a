//! What ends a pull: the CMS's answer, the configuration, unmapped categories, the disk.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::http::FetchError;

#[derive(Debug)]
pub enum PullError {
    /// The CMS did not answer as it should (the URL is in the error).
    Fetch(FetchError),
    /// site.toml or the state file is wrong.
    Config(String),
    /// Categories no section is mapped to: `(category, titles of posts that have only unmapped ones)`.
    Unmapped(Vec<(String, Vec<String>)>),
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl fmt::Display for PullError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PullError::Fetch(e) => write!(f, "{e}"),
            PullError::Config(m) => f.write_str(m),
            PullError::Unmapped(list) => {
                writeln!(f, "categories with no section (map them in site.toml's [pull] sections, or set [pull] default_section):")?;
                for (cat, posts) in list {
                    let shown: Vec<&str> = posts.iter().take(3).map(String::as_str).collect();
                    let more = if posts.len() > 3 { format!(" and {} more", posts.len() - 3) } else { String::new() };
                    writeln!(f, "  {cat}: {} post(s), e.g. „{}”{more}", posts.len(), shown.join("”, „"))?;
                }
                Ok(())
            }
            PullError::Io { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl From<FetchError> for PullError {
    fn from(e: FetchError) -> Self {
        PullError::Fetch(e)
    }
}

pub(super) fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> PullError + '_ {
    move |error| PullError::Io { path: path.to_owned(), error }
}
