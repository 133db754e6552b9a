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
