//! Which pages a run may keep without rendering them again (docs/adr/0014).
//!
//! A page's bytes are a function of what it is rendered from: the press binary, the app's
//! shell, site.json, whether the countdown has ended, and the page's own documents. Each run
//! records a fingerprint of those inputs per page in `<dist>/.press-site-pages`; the next run
//! keeps a page whose fingerprint is the same and whose file is still there, and renders the
//! rest. Rendering is most of a run's time, so a publish costs what it changes.
//!
//! Computing a fingerprint still means rendering the page's document and reading the file of
//! `<dist>/content` to compare (press site reports a tree press build did not make from these
//! sources as stale). press publish, which has just built that tree from the same sources in
//! the same process, goes further: a run also keeps, beside `<dist>` (`.<dist>.site-stamps`,
//! never deployed), the stamp each page's document had when it was read, and the fingerprint of
//! the shared inputs. A page whose document has the same stamp, while the shared inputs are the
//! same, stands without its document being read, rendered or hashed ([`Fingerprints::kept`]).
//! The documents' stamps come from press build where it has them (its prints record stamps
//! every document it fingerprinted), so the same files are not stat-ed twice in one run.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The record of the last run's fingerprints, one `<fingerprint> <file>` line per page.
pub const RECORD: &str = ".press-site-pages";

pub struct Fingerprints {
    /// The hash of what every page shares, cloned for each page; `None` when the press binary
    /// cannot be read, and then every page is rendered.
    shared: Option<Sha256>,
    /// Its fingerprint.
    shared_id: Option<String>,
    previous: HashMap<String, String>,
    stamps: Stamps,
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
        let shared_id = shared.clone().map(|h| hex(&h.finalize()));
        Fingerprints { shared, shared_id, previous: read(dist), stamps: Stamps::read(dist), dist: dist.to_owned() }
    }

    /// The fingerprint of the page at `file` rendered from `inputs` (its documents).
    pub fn of(&self, file: &str, inputs: &[&[u8]]) -> Option<String> {
        let mut h = self.shared.clone()?;
        feed(&mut h, file.as_bytes());
        for part in inputs {
            feed(&mut h, part);
        }
        Some(hex(&h.finalize()))
    }

    /// Whether the last run wrote `file` from the same inputs and the file is still there.
    pub fn unchanged(&self, file: &str, fingerprint: Option<&str>) -> bool {
        fingerprint.is_some_and(|f| self.previous.get(file).is_some_and(|p| p == f)) && self.dist.join(file).is_file()
    }

    /// The last run's fingerprint of `file` when the shared inputs are the same, its document
    /// still has the stamp `doc` and the file is still there: the page stands without its
    /// document being read.
    pub fn kept(&self, file: &str, doc: Option<&str>) -> Option<String> {
        let doc = doc?;
        if self.shared_id.is_none() || self.stamps.shared != self.shared_id {
            return None;
        }
        let fingerprint = self.previous.get(file)?;
        (self.stamps.docs.get(file)? == doc && self.dist.join(file).is_file()).then(|| fingerprint.clone())
    }

    /// The stamps' record of this run: the shared inputs' fingerprint, then each page's
    /// document stamp (pages without a document, or without a fingerprint, are left out).
    pub fn stamps(&self, pages: &[(String, Option<String>)]) -> Option<Vec<u8>> {
        let shared = self.shared_id.as_deref()?;
        let mut lines: Vec<String> =
            pages.iter().filter_map(|(file, doc)| Some(format!("{} {file}\n", doc.as_deref()?))).collect();
        lines.sort_unstable();
        Some(format!("shared {shared}\n{}", lines.concat()).into_bytes())
    }
}

pub(crate) use crate::stamp::{binary_identity, feed, hex, stamp};

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

/// The last run's stamps (see the module documentation).
#[derive(Default)]
struct Stamps {
    shared: Option<String>,
    /// By page file.
    docs: HashMap<String, String>,
}

/// `.<dist>.site-stamps`.
fn stamps_file(dist: &Path) -> PathBuf {
    crate::output::beside(dist, "site-stamps")
}

impl Stamps {
    fn read(dist: &Path) -> Stamps {
        let text = std::fs::read_to_string(stamps_file(dist)).unwrap_or_default();
        let mut lines = text.lines();
        let Some(shared) = lines.next().and_then(|l| l.strip_prefix("shared ")) else { return Stamps::default() };
        let docs =
            lines.filter_map(|l| l.split_once(' ')).map(|(doc, file)| (file.to_owned(), doc.to_owned())).collect();
        Stamps { shared: Some(shared.to_owned()), docs }
    }
}

/// Removes the stamps before a run changes `<dist>`: a run that fails or is killed leaves none,
/// and the next one reads every document.
pub fn forget_stamps(dist: &Path) -> io::Result<()> {
    crate::output::remove_record(&stamps_file(dist))
}

/// Puts the stamps of a run that finished, in one rename.
pub fn write_stamps(dist: &Path, bytes: &[u8]) -> io::Result<()> {
    crate::output::replace_record(&stamps_file(dist), bytes)
}
