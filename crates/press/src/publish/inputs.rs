//! Whether a run can skip build and site: nothing they read changed since the last good run.
//!
//! A run's output is a function of the sources (every file under the content and public
//! folders), the press binary, the app shell and press's own records in `<dist>`, and the time,
//! which matters only where a scheduled article comes out, the countdown ends, the footer's
//! popular tags are recounted or the year turns. After a run
//! whose steps all succeeded, a record beside `<dist>` (`.<dist>.publish-inputs`) keeps a
//! fingerprint of the first three and the span of time over which the same sources make the
//! same site. The next run that finds the same fingerprint inside that span writes nothing, so
//! it need not read, parse or render anything: at 100,000 articles a walk of the folders (a
//! `stat` per file) instead of a full build and site.
//!
//! A file's fingerprint is its path and its stamp (size, inode, modification and change time):
//! an edit, a replacement (even one that restores the old modification time, as `cp -p` or
//! `rsync -t` do) and a removal all change it. `<dist>` itself is trusted to be written by press and Trunk
//! only: their records and the shell are in the fingerprint, the other files of `<dist>` are not.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::stamp::{feed, hex};

use super::lock::beside;

/// The files of `<dist>` that say what press and Trunk wrote there last.
const DIST_RECORDS: [&str; 4] = ["index.html", crate::site::SHELL, crate::site::MANIFEST, crate::site::RECORD];

/// The sources a run reads, file by file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    /// The running binary's identity.
    binary: Vec<u8>,
    /// `content/…` and `public/…` paths with their stamps, in name order.
    files: Vec<(String, Vec<u8>)>,
}

impl Inputs {
    pub fn files(&self) -> usize {
        self.files.len()
    }

    /// One fingerprint of them all.
    pub fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        feed(&mut h, &self.binary);
        for (path, stamp) in &self.files {
            feed(&mut h, path.as_bytes());
            feed(&mut h, stamp);
        }
        hex(&h.finalize())
    }

    /// Whether `later` differs from these only in the files press writes among the sources
    /// itself: the record of published URLs and the photos' copies.
    pub fn same_but_press_own(&self, later: &Inputs) -> bool {
        let own = |path: &str| {
            path == format!("content/{}", crate::source::urls::FILE)
                || path.starts_with(&format!("public/{}/", crate::photos::DIR))
        };
        let editors = |i: &Inputs| i.files.iter().filter(|(p, _)| !own(p)).cloned().collect::<Vec<_>>();
        self.binary == later.binary && editors(self) == editors(later)
    }
}

/// The content and public folders and the running binary. `None` when the binary or a folder
/// cannot be read: then nothing is skipped.
pub fn sources(content: &Path, public: &Path) -> Option<Inputs> {
    let binary = crate::stamp::binary_identity()?;
    let mut files = Vec::new();
    for (tag, root) in [("content", content), ("public", public)] {
        walk(&mut files, tag, root).ok()?;
    }
    Some(Inputs { binary, files })
}

/// Every file under `root` (links followed, as the loader does), in name order. A missing
/// folder has none.
///
/// The walk reads the folders on one thread (their entries' types come with the listing); the
/// `stat` of each file, which is most of the time (0.9 s at 100,000 articles, and every run
/// takes it twice), is spread over the cores.
fn walk(out: &mut Vec<(String, Vec<u8>)>, tag: &str, root: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    if !root.exists() {
        return Ok(());
    }
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root).follow_links(true).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        if !entry.file_type().is_dir() {
            found.push(entry);
        }
    }
    let stamped = found
        .par_iter()
        .map(|entry| {
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
            Ok((format!("{tag}/{rel}"), stamp(&entry.metadata().map_err(io::Error::other)?)))
        })
        .collect::<io::Result<Vec<_>>>()?;
    out.extend(stamped);
    Ok(())
}

/// The fingerprint of press's and Trunk's records in `dist` (see the module documentation).
pub fn dist(dist: &Path) -> String {
    let mut h = Sha256::new();
    for name in DIST_RECORDS {
        feed(&mut h, name.as_bytes());
        match std::fs::metadata(dist.join(name)) {
            Ok(meta) => feed(&mut h, &stamp(&meta)),
            Err(_) => feed(&mut h, b"absent"),
        }
    }
    hex(&h.finalize())
}

fn stamp(meta: &std::fs::Metadata) -> Vec<u8> {
    crate::stamp::stamp_of(meta).into_bytes()
}

/// The last good run's inputs, and when its site holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub sources: String,
    pub dist: String,
    /// The time it published at: an earlier time (a run told to publish as of the past) may
    /// hide an article it showed.
    pub from: DateTime<Utc>,
    /// When the same sources make another site next ([`crate::Corpus::next_timed_change`]).
    pub until: Option<DateTime<Utc>>,
}

impl Record {
    /// Whether a run at `now` that found `sources` and `dist` would write what is there.
    pub fn holds(&self, sources: &Inputs, dist: &str, now: DateTime<Utc>) -> bool {
        self.sources == sources.fingerprint()
            && self.dist == dist
            && self.from <= now
            && self.until.is_none_or(|until| now < until)
    }
}

fn file(dist: &Path) -> PathBuf {
    beside(dist, "publish-inputs")
}

/// The record, when there is a readable one.
pub fn read(dist: &Path) -> Option<Record> {
    let text = std::fs::read_to_string(file(dist)).ok()?;
    let field = |name: &str| text.lines().find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')).map(str::to_owned);
    let time = |s: String| DateTime::parse_from_rfc3339(&s).ok().map(|t| t.with_timezone(&Utc));
    let until = match field("until")?.as_str() {
        "never" => None,
        t => Some(time(t.to_owned())?),
    };
    Some(Record { sources: field("sources")?, dist: field("dist")?, from: time(field("from")?)?, until })
}

/// Replaces the record in one rename.
pub fn write(dist: &Path, record: &Record) -> io::Result<()> {
    let until = record.until.map_or_else(|| "never".to_owned(), |t| t.to_rfc3339());
    let text =
        format!("sources {}\ndist {}\nfrom {}\nuntil {until}\n", record.sources, record.dist, record.from.to_rfc3339());
    crate::output::replace_record(&file(dist), text.as_bytes())
}

/// Removes the record before a run changes anything, so a run that fails or is killed half way
/// never leaves one that vouches for a site it did not finish.
pub fn forget(dist: &Path) -> io::Result<()> {
    crate::output::remove_record(&file(dist))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn an_edit_a_replacement_with_the_old_mtime_and_a_removal_each_change_the_sources() {
        let dir = tempfile::tempdir().unwrap();
        let (content, public) = (dir.path().join("content"), dir.path().join("public"));
        std::fs::create_dir_all(content.join("articles")).unwrap();
        let a = content.join("articles/a.md");
        std::fs::write(&a, "one").unwrap();
        std::fs::write(content.join("site.toml"), "x").unwrap();
        let first = sources(&content, &public).unwrap();
        assert_eq!(first.files(), 2);
        assert_eq!(sources(&content, &public).unwrap(), first, "nothing changed");

        std::fs::write(&a, "two").unwrap();
        let edited = sources(&content, &public).unwrap();
        assert_ne!(edited, first);

        // The same size and modification time, other bytes: a restored backup.
        let mtime = std::fs::metadata(&a).unwrap().modified().unwrap();
        let b = content.join("b.tmp");
        std::fs::write(&b, "six").unwrap();
        std::fs::File::options().write(true).open(&b).unwrap().set_modified(mtime).unwrap();
        std::fs::rename(&b, &a).unwrap();
        assert_ne!(sources(&content, &public).unwrap(), edited);

        std::fs::remove_file(&a).unwrap();
        assert_eq!(sources(&content, &public).unwrap().files(), 1);
        let removed = sources(&content, &public).unwrap();
        assert_ne!(removed.fingerprint(), first.fingerprint());

        // press's own record of URLs is no editor's change; a new public file is.
        std::fs::write(content.join("urls.toml"), "[urls]").unwrap();
        let recorded = sources(&content, &public).unwrap();
        assert!(removed.same_but_press_own(&recorded));
        std::fs::create_dir_all(&public).unwrap();
        std::fs::write(public.join("kep.svg"), "<svg/>").unwrap();
        assert!(!recorded.same_but_press_own(&sources(&content, &public).unwrap()));
    }

    #[test]
    fn a_record_holds_from_its_run_until_the_next_timed_change() {
        let dir = tempfile::tempdir().unwrap();
        let dist = dir.path().join("dist");
        let inputs = Inputs { binary: vec![1], files: vec![("content/a.md".into(), vec![2])] };
        let record = Record {
            sources: inputs.fingerprint(),
            dist: "d".into(),
            from: at("2026-12-06T10:00:00Z"),
            until: Some(at("2026-12-06T12:00:00Z")),
        };
        write(&dist, &record).unwrap();
        let read_back = read(&dist).unwrap();
        assert_eq!(read_back, record);
        assert!(read_back.holds(&inputs, "d", at("2026-12-06T11:59:59Z")));
        assert!(!read_back.holds(&inputs, "d", at("2026-12-06T12:00:00Z")), "the scheduled article is out");
        assert!(!read_back.holds(&inputs, "d", at("2026-12-06T09:00:00Z")), "published as of the past");
        assert!(!read_back.holds(&inputs, "other", at("2026-12-06T11:00:00Z")), "dist was written since");
        forget(&dist).unwrap();
        assert_eq!(read(&dist), None);
        forget(&dist).unwrap();
    }
}
