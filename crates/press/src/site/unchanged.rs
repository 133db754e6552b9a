//! Which pages a run may keep without rendering them again (docs/adr/0014).
//!
//! A page's bytes are a function of what it is rendered from: the press binary, the app's
//! shell, site.json, whether the countdown has ended, and the page's own documents. Each run
//! records a fingerprint of those inputs per page in `<dist>/.press-site-pages`; the next run
//! keeps a page whose fingerprint is the same and whose file is still there, and renders the
//! rest. Rendering is most of a run's time, so a publish costs what it changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The record of the last run's fingerprints, one `<fingerprint> <file>` line per page.
pub const RECORD: &str = ".press-site-pages";

pub struct Fingerprints {
    /// The hash of what every page shares, cloned for each page; `None` when the press binary
    /// cannot be read, and then every page is rendered.
    shared: Option<Sha256>,
    previous: HashMap<String, String>,
    dist: PathBuf,
}

impl Fingerprints {
    /// `shared`: the inputs every page is rendered from besides the binary.
    pub fn new(dist: &Path, shared: &[&[u8]]) -> Self {
        let shared = binary_identity().map(|binary| {
            let mut h = Sha256::new();
            for part in std::iter::once(binary.as_slice()).chain(shared.iter().copied()) {
                feed(&mut h, part);
            }
            h
        });
        Fingerprints { shared, previous: read(dist), dist: dist.to_owned() }
    }

    /// The fingerprint of the page at `file` rendered from `inputs` (its documents).
    pub fn of(&self, file: &str, inputs: &[&[u8]]) -> Option<String> {
        let mut h = self.shared.clone()?;
        feed(&mut h, file.as_bytes());
        for part in inputs {
            feed(&mut h, part);
        }
        Some(h.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect())
    }

    /// Whether the last run wrote `file` from the same inputs and the file is still there.
    pub fn unchanged(&self, file: &str, fingerprint: Option<&str>) -> bool {
        fingerprint.is_some_and(|f| self.previous.get(file).is_some_and(|p| p == f)) && self.dist.join(file).is_file()
    }
}

/// The running press binary's size and modification time: a press built again renders every
/// page again. (Hashing its bytes took seconds for a debug build, longer than the pages.)
pub(crate) fn binary_identity() -> Option<Vec<u8>> {
    let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some([meta.len().to_le_bytes(), (modified.as_nanos() as u64).to_le_bytes()].concat())
}

/// Length first, so that no two different lists of parts hash alike.
fn feed(h: &mut Sha256, part: &[u8]) {
    h.update((part.len() as u64).to_le_bytes());
    h.update(part);
}

fn read(dist: &Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(dist.join(RECORD)).unwrap_or_default();
    text.lines()
        .filter_map(|line| line.split_once(' '))
        .map(|(fingerprint, file)| (file.to_owned(), fingerprint.to_owned()))
        .collect()
}

/// The record's bytes for `pages` (file, fingerprint), sorted by file.
pub fn record(mut pages: Vec<(String, String)>) -> Vec<u8> {
    pages.sort_unstable();
    let mut out = String::with_capacity(pages.len() * 80);
    for (file, fingerprint) in pages {
        out.push_str(&fingerprint);
        out.push(' ');
        out.push_str(&file);
        out.push('\n');
    }
    out.into_bytes()
}
