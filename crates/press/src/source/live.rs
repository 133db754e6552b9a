//! A live blog's entries, written in its Markdown file below the introduction (docs/CONTENT.md):
//!
//! ```text
//! ## 2026-12-05 22:11 [!kiemelt] Tamási Judit nyerte a választást
//! ```
//!
//! a second-level heading that begins with a Budapest wall-clock time starts an entry; the
//! marker pins it, the rest is its optional title, and everything up to the next entry is its
//! body. Entries are kept newest first whatever order the file has them in.

use std::ops::Range;
use std::path::Path;

use chrono::{Datelike, NaiveDateTime, Timelike};
use model::{Block, LiveEntry, Timestamp};

use super::loader::Loader;
use crate::error::{Diagnostic, LineIndex};
use crate::markdown::{top_level_h2, TopHeading};

/// The marker that pins an entry (the same word that marks a pull quote).
const PINNED_MARKER: &str = "[!kiemelt]";
/// `2026-12-05 22:11`: the characters an entry heading begins with.
const TIME_LEN: usize = 16;

/// What an entry heading says, before its body is read.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct EntryHeading {
    pub time: Timestamp,
    pub pinned: bool,
    pub title: Option<String>,
}

/// Whether a heading's text begins like an entry's (`dddd-dd-dd dd:dd`): such a heading is an
/// entry, and a time that does not exist in it is an error, not a sub-heading.
fn looks_like_entry(text: &str) -> bool {
    let b = text.trim_start().as_bytes();
    b.len() >= TIME_LEN
        && b[..TIME_LEN].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 => *c == b':',
            _ => c.is_ascii_digit(),
        })
        && b.get(TIME_LEN).is_none_or(|c| *c == b' ')
}

/// Whether a line of `body` could start an entry (`## ` and a digit, after any indentation or
/// quote marks): the cheap test before the Markdown parse that decides.
fn may_have_entries(body: &str) -> bool {
    body.lines().any(|l| {
        let l = l.trim_start_matches([' ', '>', '\t']);
        l.strip_prefix("## ").is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// An entry heading's time, pin and title; `Err` with what is wrong with its time.
pub(super) fn parse_heading(text: &str) -> Result<EntryHeading, String> {
    let text = text.trim();
    let stamp = &text[..TIME_LEN];
    let naive = NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M").map_err(|_| {
        format!("`{stamp}` is not a date and time; an entry heading begins with e.g. `2026-12-05 22:11`")
    })?;
    let time = model::date::budapest_local(naive)
        .ok_or_else(|| format!("`{stamp}` does not exist in Budapest (the clocks skip that hour)"))?;
    let rest = text[TIME_LEN..].trim_start();
    let (pinned, rest) = match rest.strip_prefix(PINNED_MARKER) {
        Some(r) => (true, r.trim_start()),
        None => (false, rest),
    };
    let title = Some(rest.trim_end_matches('#').trim().to_owned()).filter(|t| !t.is_empty());
    Ok(EntryHeading { time, pinned, title })
}

/// `e-20261205-2211`: an entry's anchor, from its wall-clock time.
fn base_id(t: &Timestamp) -> String {
    format!("e-{:04}{:02}{:02}-{:02}{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute())
}

/// Sorts `entries` (in file order) newest first and gives each its id. Two entries of one
/// minute are told apart by `-2`, `-3`, … given in the order they were written (the lower one
/// in a newest-first file first), so adding an entry never changes an older entry's anchor.
pub(super) fn arrange(mut entries: Vec<(EntryHeading, Vec<Block>)>) -> Vec<LiveEntry> {
    // Oldest first: by time, then from the bottom of the file up.
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| entries[a].0.time.cmp(&entries[b].0.time).then(b.cmp(&a)));
    let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    let mut ids = vec![String::new(); entries.len()];
    for &i in &order {
        let base = base_id(&entries[i].0.time);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        ids[i] = if *n == 1 { base } else { format!("{base}-{n}") };
    }
    let mut out: Vec<(usize, LiveEntry)> = entries
        .drain(..)
        .zip(ids)
        .enumerate()
        .map(|(i, ((h, body), id))| (i, LiveEntry { id, time: h.time, title: h.title, pinned: h.pinned, body }))
        .collect();
    out.sort_by(|(a, x), (b, y)| y.time.cmp(&x.time).then(a.cmp(b)));
    out.into_iter().map(|(_, e)| e).collect()
}

impl Loader {
    /// The body of an article file (bytes `body` of `text`): its introduction's blocks and, when
    /// it has entry headings, its entries newest first. An entry heading whose time does not
    /// exist is an error at its line.
    pub(super) fn live_body(
        &mut self,
        path: &Path,
        text: &str,
        body: Range<usize>,
        lines: &LineIndex,
    ) -> (Vec<Block>, Vec<LiveEntry>) {
        // Most articles have no entry: a line scan spares them a second Markdown parse.
        let headings: Vec<TopHeading> = if may_have_entries(&text[body.clone()]) {
            top_level_h2(&text[body.clone()]).into_iter().filter(|h| looks_like_entry(&h.text)).collect()
        } else {
            Vec::new()
        };
        let intro_end = headings.first().map_or(body.end, |h| body.start + h.start);
        let intro = self.body_part(path, text, body.start..intro_end, lines);
        let mut entries = Vec::with_capacity(headings.len());
        for (k, h) in headings.iter().enumerate() {
            let end = headings.get(k + 1).map_or(body.end, |next| body.start + next.start);
            let part = body.start + h.end..end;
            match parse_heading(&h.text) {
                Ok(heading) => {
                    let blocks = self.body_part(path, text, part, lines);
                    if blocks.is_empty() && heading.title.is_none() {
                        self.diags.push(
                            Diagnostic::warning(path, "this live entry has neither a title nor a text")
                                .at(lines.pos(text, body.start + h.start)),
                        );
                    }
                    entries.push((heading, blocks));
                }
                Err(message) => self.error(Diagnostic::error(path, message).at(lines.pos(text, body.start + h.start))),
            }
        }
        (intro, arrange(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn an_entry_heading_has_a_budapest_time_an_optional_pin_and_an_optional_title() {
        let h = parse_heading("2026-12-05 22:11 [!kiemelt] Tamási Judit nyert").unwrap();
        assert_eq!(h.time, t("2026-12-05T22:11:00+01:00"));
        assert!(h.pinned);
        assert_eq!(h.title.as_deref(), Some("Tamási Judit nyert"));
        let h = parse_heading("2026-07-05 09:05").unwrap();
        assert_eq!(h.time, t("2026-07-05T09:05:00+02:00"));
        assert_eq!((h.pinned, h.title), (false, None));
    }

    #[test]
    fn only_headings_that_begin_with_a_time_are_entries() {
        assert!(looks_like_entry("2026-12-05 22:11 Cím"));
        assert!(looks_like_entry("2026-12-05 22:11"));
        assert!(looks_like_entry("2026-13-45 25:99 still an entry, with a bad time"));
        assert!(!looks_like_entry("2026-12-05 22:115"));
        assert!(!looks_like_entry("2026-12-05 reggel"));
        assert!(!looks_like_entry("Az eredmények"));
    }

    #[test]
    fn only_a_body_with_a_time_heading_is_parsed_for_entries() {
        assert!(may_have_entries("Bevezető.\n\n## 2026-12-05 22:11 Cím\n"));
        assert!(may_have_entries("> ## 2026-12-05 22:11 idézetben\n"));
        assert!(!may_have_entries("Bevezető.\n\n## Alcím\n\n### 2026 tervei\n"));
    }

    #[test]
    fn a_time_that_does_not_exist_is_an_error_that_says_why() {
        assert!(parse_heading("2026-13-05 22:11").unwrap_err().contains("is not a date and time"));
        assert!(parse_heading("2026-03-29 02:30 Éjjel").unwrap_err().contains("does not exist in Budapest"));
    }

    #[test]
    fn entries_are_newest_first_and_one_minutes_entries_keep_their_anchors() {
        let e = |s: &str| (parse_heading(s).unwrap(), Vec::new());
        // Written newest first; the two 21:00 entries: the lower one was written first.
        let file = vec![e("2026-12-05 21:00 második"), e("2026-12-05 22:00"), e("2026-12-05 21:00 első")];
        let got = arrange(file);
        let ids: Vec<&str> = got.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["e-20261205-2200", "e-20261205-2100-2", "e-20261205-2100"]);
        assert_eq!(got[2].title.as_deref(), Some("első"));
    }
}
