//! A content tree in a temporary folder (the repo's site.toml and pages plus a `[pull]` table),
//! pulls through the library, and press building the result.
#![allow(dead_code)]

pub mod server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cms::http::{Fetcher, RetryPolicy};
use cms::pull::{Options, PullError, Report};
use cms::source::Cms;

pub struct Tree {
    pub dir: tempfile::TempDir,
}

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

impl Tree {
    pub fn new(pull_table: &str) -> Tree {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("pages")).unwrap();
        let site = std::fs::read_to_string(repo().join("content/site.toml")).unwrap();
        std::fs::write(content.join("site.toml"), format!("{site}\n{pull_table}")).unwrap();
        for page in std::fs::read_dir(repo().join("content/pages")).unwrap() {
            let page = page.unwrap().path();
            std::fs::copy(&page, content.join("pages").join(page.file_name().unwrap())).unwrap();
        }
        Tree { dir }
    }

    pub fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    pub fn public(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    pub fn options(&self) -> Options {
        Options { content: self.content(), public: self.public(), full: false, progress: false }
    }

    /// Every file of content/ and public/, relative path → bytes.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        for (prefix, root) in [("content", self.content()), ("public", self.public())] {
            for rel in cms::tree::files_under(&root) {
                out.insert(format!("{prefix}/{rel}"), std::fs::read(root.join(&rel)).unwrap());
            }
        }
        out
    }

    /// press build on the tree; panics with press's errors.
    pub fn build(&self) -> press::BuildReport {
        match press::build(&self.content(), &self.public(), &self.out()) {
            Ok(r) => r,
            Err(e) => {
                panic!("press build failed: {:#?}", e.diagnostics().iter().map(|d| d.to_string()).collect::<Vec<_>>())
            }
        }
    }

    pub fn json(&self, rel: &str) -> serde_json::Value {
        let path = self.out().join(rel);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_slice(&bytes).unwrap()
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

pub fn fast_fetcher() -> Fetcher {
    Fetcher::new(RetryPolicy {
        retries: 2,
        backoff: std::time::Duration::from_millis(50),
        max_wait: std::time::Duration::from_secs(3),
        timeout: std::time::Duration::from_secs(20),
    })
}

pub fn pull(cms: &mut dyn Cms, fetcher: &Fetcher, opts: &Options) -> Result<Report, PullError> {
    cms::pull::pull(cms, fetcher, opts)
}

/// Files that differ between two snapshots: (added, changed, removed).
pub fn diff(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> (Vec<String>, Vec<String>, Vec<String>) {
    let added = b.keys().filter(|k| !a.contains_key(*k)).cloned().collect();
    let removed = a.keys().filter(|k| !b.contains_key(*k)).cloned().collect();
    let changed = a.iter().filter(|(k, v)| b.get(*k).is_some_and(|w| w != *v)).map(|(k, _)| k.clone()).collect();
    (added, changed, removed)
}

/// The types of an article's body blocks, in order.
pub fn block_types(article: &serde_json::Value) -> Vec<String> {
    article["body"].as_array().unwrap().iter().map(|b| b["type"].as_str().unwrap().to_owned()).collect()
}
