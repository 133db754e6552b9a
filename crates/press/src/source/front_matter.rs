//! The `+++` TOML front matter of a Markdown source: finding the fences, parsing the TOML, and
//! turning TOML spans into line and column in the file as the editor sees it (the front matter's
//! positions are offset by the opening fence). Date-times with an offset live here too: front
//! matter and site.toml write them the same way.

use std::fmt;
use std::path::Path;

use model::Timestamp;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Diagnostic, LineIndex, Pos};

/// A timestamp with an offset, written as a TOML offset date-time or as an RFC 3339 string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp(pub Timestamp);

const STAMP_EXPECTED: &str = "a date-time with an offset, e.g. 2024-03-15T09:30:00+01:00";

impl Stamp {
    fn parse(s: &str) -> Result<Stamp, String> {
        chrono::DateTime::parse_from_rfc3339(s.trim())
            .map(Stamp)
            .map_err(|_| format!("invalid date-time `{s}`, expected {STAMP_EXPECTED}"))
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StampVisitor;
        impl<'de> Visitor<'de> for StampVisitor {
            type Value = Stamp;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(STAMP_EXPECTED)
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<Stamp, E> {
                Stamp::parse(s).map_err(E::custom)
            }

            // TOML date-times arrive as a one-entry map (toml's private representation).
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Stamp, A::Error> {
                let dt = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if dt.offset.is_none() || dt.time.is_none() || dt.date.is_none() {
                    return Err(de::Error::custom(format!(
                        "`{dt}` has no time or no offset; expected {STAMP_EXPECTED}"
                    )));
                }
                Stamp::parse(&dt.to_string()).map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_any(StampVisitor)
    }
}

/// A source file's text with its line index, for turning spans into positions.
pub(super) struct FileText<'a> {
    pub(super) path: &'a Path,
    pub(super) text: &'a str,
    pub(super) lines: LineIndex,
    /// Where the TOML part starts (after the opening fence for Markdown files).
    pub(super) toml_start: usize,
}

impl<'a> FileText<'a> {
    pub(super) fn new(path: &'a Path, text: &'a str, toml_start: usize) -> Self {
        FileText { path, text, lines: LineIndex::new(text), toml_start }
    }

    /// Position of a span that is relative to the TOML part.
    pub(super) fn pos(&self, toml_offset: usize) -> Pos {
        self.lines.pos(self.text, self.toml_start + toml_offset)
    }

    pub(super) fn error_at<T>(&self, spanned: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.path, message).at(self.pos(spanned.span().start))
    }

    pub(super) fn warning_at<T>(&self, spanned: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(self.path, message).at(self.pos(spanned.span().start))
    }

    /// A TOML parse or type error, positioned in the file. A field missing from the top-level
    /// table is reported at the start of the table (the opening fence for front matter).
    pub(super) fn toml_error(&self, err: &toml::de::Error, what: &str) -> Diagnostic {
        let message = err.message().trim().to_owned();
        match err.span() {
            Some(span) if span.start == 0 && span.end == 0 && message.starts_with("missing field") => {
                Diagnostic::error(self.path, format!("{message} in {what}")).at(Pos { line: 1, col: 1 })
            }
            Some(span) => Diagnostic::error(self.path, message).at(self.pos(span.start)),
            None => Diagnostic::error(self.path, message).at(Pos { line: 1, col: 1 }),
        }
    }
}

/// Byte ranges of a Markdown file's parts: the TOML between the `+++` fences and the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatterSplit {
    pub toml_start: usize,
    pub toml_end: usize,
    pub body_start: usize,
}

/// Finds the `+++` fences. The error carries a position and what was expected.
pub fn split_front_matter(text: &str) -> Result<FrontMatterSplit, (Pos, String)> {
    let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut lines = text[start..].split_inclusive('\n').scan(start, |offset, line| {
        let at = *offset;
        *offset += line.len();
        Some((at, line))
    });
    match lines.next() {
        Some((_, first)) if first.trim_end() == "+++" => {}
        _ => {
            return Err((
                Pos { line: 1, col: 1 },
                "expected `+++` on the first line to open the front matter".to_owned(),
            ))
        }
    }
    let toml_start = text[start..].find('\n').map(|i| start + i + 1).unwrap_or(text.len());
    for (at, line) in lines {
        if line.trim_end() == "+++" {
            return Ok(FrontMatterSplit { toml_start, toml_end: at, body_start: at + line.len() });
        }
    }
    // The last line of the file (a final newline does not start another one).
    let last_line = text.trim_end_matches('\n').split('\n').count().max(1);
    Err((
        Pos { line: last_line, col: 1 },
        "expected a closing `+++` line after the front matter (opened on line 1)".to_owned(),
    ))
}

/// Parses the front matter of a Markdown file. On success, also returns the split.
pub fn parse_front_matter<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<(T, FrontMatterSplit), Diagnostic> {
    let split = split_front_matter(text).map_err(|(pos, msg)| Diagnostic::error(path, msg).at(pos))?;
    let ft = FileText::new(path, text, split.toml_start);
    toml::from_str::<T>(&text[split.toml_start..split.toml_end])
        .map(|fm| (fm, split))
        .map_err(|e| ft.toml_error(&e, "the front matter"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::articles::FrontMatter;

    const GOOD: &str = "+++
title = \"Új kerékpárút\"
lead = \"Rövid bevezető.\"
section = \"belfold\"
tags = [\"Budapest\", \"Közlekedés\"]
author = \"kovacs-anna\"
published = 2024-03-15T09:30:00+01:00
+++
Szöveg.
";

    fn fm(text: &str) -> Result<FrontMatter, String> {
        parse_front_matter::<FrontMatter>(Path::new("a.md"), text).map(|(f, _)| f).map_err(|d| d.to_string())
    }

    #[test]
    fn parses_a_good_front_matter_and_finds_the_body() {
        let (f, split) = parse_front_matter::<FrontMatter>(Path::new("a.md"), GOOD).unwrap();
        assert_eq!(f.title.get_ref(), "Új kerékpárút");
        assert_eq!(f.tags.len(), 2);
        assert_eq!(f.published.get_ref().0.to_rfc3339(), "2024-03-15T09:30:00+01:00");
        assert_eq!(&GOOD[split.body_start..], "Szöveg.\n");
    }

    #[test]
    fn published_may_be_an_rfc3339_string() {
        let text = GOOD.replace("2024-03-15T09:30:00+01:00", "\"2024-07-07T17:21:00+02:00\"");
        let f = fm(&text).unwrap();
        assert_eq!(f.published.get_ref().0.to_rfc3339(), "2024-07-07T17:21:00+02:00");
    }

    #[test]
    fn missing_fences_are_reported() {
        assert_eq!(
            fm("title = \"x\"\n").unwrap_err(),
            "a.md:1:1: expected `+++` on the first line to open the front matter"
        );
        assert_eq!(
            fm("+++\ntitle = \"x\"\n\nSzöveg\n").unwrap_err(),
            "a.md:4:1: expected a closing `+++` line after the front matter (opened on line 1)"
        );
    }

    #[test]
    fn toml_syntax_error_line_is_counted_in_the_md_file() {
        // Line 3 of the file is line 2 of the TOML: the unterminated string.
        let text = GOOD.replace("lead = \"Rövid bevezető.\"", "lead = \"Rövid bevezető.");
        let err = fm(&text).unwrap_err();
        assert!(err.starts_with("a.md:3:"), "{err}");
    }

    #[test]
    fn mistyped_field_points_at_the_value() {
        let text = GOOD.replace("section = \"belfold\"", "section = 7");
        assert_eq!(fm(&text).unwrap_err(), "a.md:4:11: invalid type: integer `7`, expected a string");
    }

    #[test]
    fn unknown_field_points_at_the_key() {
        let text = GOOD.replace("author = ", "szerzo = \"x\"\nauthor = ");
        let err = fm(&text).unwrap_err();
        assert!(err.starts_with("a.md:6:1: unknown field `szerzo`, expected one of `title`"), "{err}");
    }

    #[test]
    fn missing_field_points_at_the_opening_fence() {
        let text = GOOD.replace("lead = \"Rövid bevezető.\"\n", "");
        assert_eq!(fm(&text).unwrap_err(), "a.md:1:1: missing field `lead` in the front matter");
    }

    #[test]
    fn date_without_offset_is_an_error_at_the_value() {
        let text = GOOD.replace("2024-03-15T09:30:00+01:00", "2024-03-15T09:30:00");
        let err = fm(&text).unwrap_err();
        assert!(err.starts_with("a.md:7:13: `2024-03-15T09:30:00` has no time or no offset"), "{err}");
        let text = GOOD.replace("2024-03-15T09:30:00+01:00", "\"tegnap\"");
        let err = fm(&text).unwrap_err();
        assert!(err.starts_with("a.md:7:13: invalid date-time `tegnap`"), "{err}");
    }

    #[test]
    fn cover_table_errors_point_into_the_table() {
        let text = GOOD.replace("+++\nSzöveg", "[cover]\nsrc = \"/public/a.svg\"\n+++\nSzöveg");
        assert_eq!(fm(&text).unwrap_err(), "a.md:8:1: missing field `alt`");
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let text = format!("\u{feff}{}", GOOD.replace('\n', "\r\n"));
        let (f, split) = parse_front_matter::<FrontMatter>(Path::new("a.md"), &text).unwrap();
        assert_eq!(f.section.get_ref(), "belfold");
        assert_eq!(&text[split.body_start..], "Szöveg.\r\n");
    }
}
