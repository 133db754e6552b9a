//! Diagnostics: what an editor reads when a source is wrong (errors) or doubtful (warnings).
//!
//! Every diagnostic names the file and, where known, the line and column (1-based, counted in
//! the file as the editor sees it), so it can be clicked in a terminal or an editor.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based line in `file`.
    pub line: Option<usize>,
    /// 1-based column (in characters) in `line`.
    pub col: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, file: file.into(), line: None, col: None, message: message.into() }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, file: file.into(), line: None, col: None, message: message.into() }
    }

    pub fn at(mut self, pos: Pos) -> Self {
        self.line = Some(pos.line);
        self.col = Some(pos.col);
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self.col = None;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Order for reporting: by file, then position, then message.
    pub fn sort_key(&self) -> (&Path, usize, usize, &str) {
        (&self.file, self.line.unwrap_or(0), self.col.unwrap_or(0), &self.message)
    }
}

/// `file:line:col: message` for errors, `file:line: message` for warnings (as the CLI prints
/// them after `error: ` / `warning: `).
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let (Some(col), Severity::Error) = (self.col, self.severity) {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl Severity {
    /// `error` / `warning`, as the command line labels them.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Prints diagnostics to stderr, one a line, as every command shows them to an editor:
/// `error: file:line:col: message`, `warning: file:line: message`.
pub fn print<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) {
    for d in diags {
        eprintln!("{}: {d}", d.severity.label());
    }
}

/// `1 error` / `3 errors`: how many of `diags` are errors, for a command's closing line.
pub fn count_errors(diags: &[Diagnostic]) -> String {
    let n = diags.iter().filter(|d| d.is_error()).count();
    format!("{n} error{}", if n == 1 { "" } else { "s" })
}

/// Sorts diagnostics for a stable report.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// Maps byte offsets in a text to lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// Position of byte `offset` in `text` (the same text the index was built from). Offsets
    /// past the end or inside a character are clamped, never a panic.
    pub fn pos(&self, text: &str, offset: usize) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line0 = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line0];
        let col = text[start..offset].chars().count() + 1;
        Pos { line: line0 + 1, col }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\nűx\n\nz";
        let idx = LineIndex::new(text);
        assert_eq!(idx.pos(text, 0), Pos { line: 1, col: 1 });
        assert_eq!(idx.pos(text, 3), Pos { line: 2, col: 1 });
        // "ű" is two bytes: the x after it is column 2.
        assert_eq!(idx.pos(text, 5), Pos { line: 2, col: 2 });
        assert_eq!(idx.pos(text, 8), Pos { line: 4, col: 1 });
        // Past the end and inside a character: clamped.
        assert_eq!(idx.pos(text, 100), Pos { line: 4, col: 2 });
        assert_eq!(idx.pos(text, 4), Pos { line: 2, col: 1 });
    }

    #[test]
    fn display_has_file_line_col_for_errors_and_file_line_for_warnings() {
        let e = Diagnostic::error("content/a.md", "boom").at(Pos { line: 3, col: 9 });
        assert_eq!(e.to_string(), "content/a.md:3:9: boom");
        let w = Diagnostic::warning("content/a.md", "hm").at(Pos { line: 3, col: 9 });
        assert_eq!(w.to_string(), "content/a.md:3: hm");
        assert_eq!(Diagnostic::error("content/site.toml", "x").to_string(), "content/site.toml: x");
    }

    #[test]
    fn errors_are_counted_for_the_closing_line() {
        let e = Diagnostic::error("a.md", "x");
        let w = Diagnostic::warning("a.md", "y");
        assert_eq!(count_errors(&[e.clone(), w.clone()]), "1 error");
        assert_eq!(count_errors(&[e.clone(), w, e]), "2 errors");
        assert_eq!(count_errors(&[]), "0 errors");
    }
}
