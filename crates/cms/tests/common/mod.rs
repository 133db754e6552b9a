//! A content tree in a temporary folder (the repo's site.toml and pages plus a `[pull]` table),
//! pulls through the library, and press building the result; the loopback server and the faults
//! the WordPress and Drupal fixtures share, and the checks every fixture must pass.
#![allow(dead_code)]

pub mod server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cms::http::{Fetcher, RetryPolicy};
use cms::pull::{Options, PullError, Report};
use cms::source::Source;

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

pub fn pull(cms: &mut dyn Source, fetcher: &Fetcher, opts: &Options) -> Result<Report, PullError> {
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

/// A real 64 × 48 PNG (one colour): press decodes every raster image it publishes.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x40, 0x00, 0x00, 0x00, 0x30, 0x08, 0x02, 0x00, 0x00, 0x00, 0x2e, 0x29, 0xeb, 0x48, 0x00, 0x00, 0x00, 0x43, 0x49,
    0x44, 0x41, 0x54, 0x78, 0xda, 0xed, 0xcf, 0x41, 0x09, 0x00, 0x00, 0x08, 0x04, 0xb0, 0x8b, 0x63, 0x26, 0x33, 0x19,
    0xda, 0x0a, 0x7e, 0x85, 0xc1, 0x0a, 0x2c, 0xd5, 0xf3, 0x5a, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04,
    0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04,
    0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0xae, 0x16, 0x9f, 0xa8, 0xa8, 0xb5, 0x09, 0xb9, 0xea, 0xe1, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A body no reader may get as it is: scripts, frames, forms, styles, SVG, handlers and
/// `javascript:` / `data:` addresses, around one harmless sentence.
pub const HOSTILE: &str = r#"<p onclick="steal()">Ártalmatlan mondat.<script>steal()</script><style>p{}</style></p>
<p><a href="javascript:steal()">kattints</a> <a href=" JaVa&#x09;ScRiPt:steal()">ide</a></p>
<p><img src="data:image/svg+xml,<svg onload=steal()>"></p><p><img src="javascript:steal()"></p>
<iframe src="https://tamado.example/keret"></iframe><form action="/x"><input name="q"></form>
<svg><script>steal()</script></svg><object data="https://tamado.example/x.swf"></object>"#;

/// How a fixture server misbehaves (each fixture answers in its API's own error shape).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Fault {
    None,
    /// Every page after the first answers 500.
    FailPageTwo,
    /// Every request answers 503.
    Always503,
    /// The first request of each page answers 429 with a Retry-After.
    RateLimitOnce,
    /// Answers take 3 s.
    Slow,
    /// Every page after the first is cut off in the middle of the JSON.
    Malformed,
    /// The API refuses anonymous readers (4xx with the API's error document).
    Forbidden,
}

/// A fixture CMS on loopback.
pub trait Fixture {
    /// The start of the post collection's URL: a failed pull's error names a URL beginning so.
    fn collection(&self) -> String;
    fn set_fault(&self, fault: Fault);
    /// A reader of this CMS through `fetcher`.
    fn source<'f>(&self, fetcher: &'f Fetcher) -> Box<dyn Source + 'f>;
}

pub fn policy(retries: u32, timeout_ms: u64) -> RetryPolicy {
    RetryPolicy {
        retries,
        backoff: Duration::from_millis(100),
        max_wait: Duration::from_secs(5),
        timeout: Duration::from_millis(timeout_ms),
    }
}

/// After a good pull, pulls again in full with `fault`: the error must name a URL of the
/// collection and contain `expect`, and the tree must be as it was, with no staging left.
/// Returns how long the failing pull took.
pub fn misbehaves(fixture: &impl Fixture, fault: Fault, policy: RetryPolicy, expect: &str) -> Duration {
    let tree = Tree::new(fixture_pull_table());
    let fetcher = fast_fetcher();
    pull(&mut *fixture.source(&fetcher), &fetcher, &tree.options()).expect("the good pull");
    let before = tree.snapshot();
    fixture.set_fault(fault);
    let fetcher = Fetcher::new(policy);
    let mut opts = tree.options();
    opts.full = true;
    let started = Instant::now();
    let err = pull(&mut *fixture.source(&fetcher), &fetcher, &opts).unwrap_err();
    let took = started.elapsed();
    let text = err.to_string();
    assert!(text.starts_with(&fixture.collection()), "{fault:?}: {text}");
    assert!(text.contains(expect), "{fault:?}: {text}");
    assert_eq!(diff(&before, &tree.snapshot()), (vec![], vec![], vec![]), "{fault:?} changed the tree");
    let leftovers: Vec<_> = std::fs::read_dir(tree.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains(".pull-"))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
    took
}

/// The `[pull]` table the fixtures' corpora need on top of the repository's site.toml.
pub fn fixture_pull_table() -> &'static str {
    "[pull]\nsections = { \"hazai-hirek\" = \"belfold\" }\n"
}
