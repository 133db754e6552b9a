//! Blocks → the Markdown press reads back into the same blocks (docs/CONTENT.md §1.3), and the
//! TOML front matter around it.
//!
//! The writer only emits constructs press maps to blocks, and escapes text so that nothing in
//! it turns into markup: a paragraph that reads "2024. május" stays a paragraph, not a list.
//! The tests parse the output with press's own reader and compare the blocks.
//!
//! Not expressible, so the writer cannot keep them apart: a quotation whose last paragraph
//! begins with a dash ("— …") reads back as that quotation's cite; an image caption containing
//! " | " reads back split into caption and credit.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use model::{Block, Span};

/// An article as written to `content/articles/<section>/<slug>.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleDoc {
    pub title: String,
    pub lead: String,
    pub section: String,
    pub tags: Vec<String>,
    pub author: String,
    pub published: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    pub aliases: Vec<String>,
    pub cover: Option<Cover>,
    /// A running live blog (the CMS's "Élő" tag): `live = true`.
    pub live: bool,
    pub body: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    pub src: String,
    pub alt: String,
    pub credit: Option<String>,
}

/// A TOML basic string.
pub fn toml_string(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\t' => o.push_str("\\t"),
            '\r' => o.push_str("\\r"),
            c if c.is_control() => o.push_str(&format!("\\u{:04X}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn toml_list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|s| toml_string(s)).collect::<Vec<_>>().join(", "))
}

fn stamp(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// The whole file: front matter, then the body.
pub fn article_file(doc: &ArticleDoc) -> String {
    let mut o = String::from("+++\n");
    o.push_str(&format!("title = {}\n", toml_string(&doc.title)));
    o.push_str(&format!("lead = {}\n", toml_string(&doc.lead)));
    o.push_str(&format!("section = {}\n", toml_string(&doc.section)));
    o.push_str(&format!("tags = {}\n", toml_list(&doc.tags)));
    o.push_str(&format!("author = {}\n", toml_string(&doc.author)));
    o.push_str(&format!("published = {}\n", stamp(&doc.published)));
    if let Some(u) = &doc.updated {
        o.push_str(&format!("updated = {}\n", stamp(u)));
    }
    if !doc.aliases.is_empty() {
        o.push_str(&format!("aliases = {}\n", toml_list(&doc.aliases)));
    }
    if doc.live {
        o.push_str("live = true\n");
    }
    if let Some(c) = &doc.cover {
        o.push_str("[cover]\n");
        o.push_str(&format!("src = {}\n", toml_string(&c.src)));
        o.push_str(&format!("alt = {}\n", toml_string(&c.alt)));
        if let Some(credit) = &c.credit {
            o.push_str(&format!("credit = {}\n", toml_string(credit)));
        }
    }
    o.push_str("+++\n");
    let body = body(&doc.body);
    if !body.is_empty() {
        o.push('\n');
        o.push_str(&body);
    }
    o
}

/// The body's Markdown: blocks separated by blank lines, ending with a newline.
pub fn body(blocks: &[Block]) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(blocks.len());
    let mut previous_list: Option<(bool, bool)> = None; // (ordered, alternate marker)
    for block in blocks {
        let mut list_state = None;
        let text = match block {
            Block::Paragraph { spans } => line_start(&spans_md(spans)),
            Block::Heading { level, text } => {
                format!("{} {}", if *level <= 2 { "##" } else { "###" }, escape(text).replace('#', "\\#"))
            }
            Block::PullQuote { text } => format!("> [!kiemelt]\n> {}", line_start(&escape(text))),
            Block::Quote { paragraphs, cite } => {
                let mut lines: Vec<String> =
                    paragraphs.iter().map(|p| format!("> {}", line_start(&spans_md(p)))).collect();
                if let Some(c) = cite {
                    lines.push(format!("> — {}", escape(c)));
                }
                lines.join("\n>\n")
            }
            Block::Image { image } => {
                let title = match (&image.caption, &image.credit) {
                    (Some(c), Some(r)) => format!("{c} | {r}"),
                    (Some(c), None) => c.clone(),
                    (None, Some(r)) => format!(" | {r}"),
                    (None, None) => String::new(),
                };
                let title = if title.is_empty() { String::new() } else { format!(" \"{}\"", escape_title(&title)) };
                format!("![{}]({}{title})", escape(&image.alt), destination(&image.src))
            }
            Block::List { ordered, items } => {
                // Two lists in a row with the same marker would merge into one: alternate it.
                let alternate = matches!(previous_list, Some((o, alt)) if o == *ordered && !alt);
                list_state = Some((*ordered, alternate));
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let marker = match (ordered, alternate) {
                            (true, false) => format!("{}.", i + 1),
                            (true, true) => format!("{})", i + 1),
                            (false, false) => "-".to_owned(),
                            (false, true) => "*".to_owned(),
                        };
                        format!("{marker} {}", line_start(&spans_md(item)))
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            Block::Embed { url, .. } => format!("<{}>", autolink_url(url)),
            Block::Unknown => continue,
        };
        previous_list = list_state;
        if !text.trim().is_empty() {
            parts.push(text);
        }
    }
    if parts.is_empty() {
        return String::new();
    }
    let mut o = parts.join("\n\n");
    o.push('\n');
    o
}

/// Which spans are marked with `_` rather than `*`: a marked span that touches the marked span
/// before it, with nothing between them, alternates the character, since `**a*****b***` is one
/// delimiter run that CommonMark pairs otherwise and `**a**___b___` is two. Links do not touch:
/// their brackets stand between.
pub(crate) fn underscored(spans: &[Span]) -> Vec<bool> {
    let marked = |s: &Span| (s.strong || s.em) && s.href.is_none() && !s.text.trim().is_empty();
    let mut out: Vec<bool> = Vec::with_capacity(spans.len());
    for (i, s) in spans.iter().enumerate() {
        let touches = i > 0 && {
            let p = &spans[i - 1];
            marked(p)
                && marked(s)
                && p.text.trim_end().len() == p.text.len()
                && s.text.trim_start().len() == s.text.len()
        };
        out.push(touches && !out[i - 1]);
    }
    out
}

/// Inline Markdown for spans: marks around the text, whitespace kept outside the markers
/// (`** x**` would not be emphasis).
fn spans_md(spans: &[Span]) -> String {
    let mut o = String::new();
    for (s, underscore) in spans.iter().zip(underscored(spans)) {
        // Emphasis may neither start nor end with a space of any kind (CommonMark's flanking
        // rules): the edges go outside the markup.
        let inner = s.text.trim();
        if inner.is_empty() {
            o.push_str(&s.text);
            continue;
        }
        let lead = &s.text[..s.text.len() - s.text.trim_start().len()];
        let trail = &s.text[s.text.trim_end().len()..];
        let mut t = escape(inner);
        let mark = if underscore { "_" } else { "*" };
        let marks = match (s.strong, s.em) {
            (true, true) => 3,
            (true, false) => 2,
            (false, true) => 1,
            _ => 0,
        };
        if marks > 0 {
            let run = mark.repeat(marks);
            t = format!("{run}{t}{run}");
        }
        if let Some(href) = &s.href {
            t = format!("[{t}]({})", destination(href));
        }
        o.push_str(lead);
        // `!` right before a link's `[` would make it an image.
        if t.starts_with('[') && o.ends_with('!') {
            o.pop();
            o.push_str("\\!");
        }
        o.push_str(&t);
        o.push_str(trail);
    }
    o
}

/// Backslash-escapes what could start markup anywhere in a line.
fn escape(text: &str) -> String {
    let mut o = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' => {
                o.push('\\');
                o.push(c);
            }
            '&' if looks_like_entity(&text[i..]) => o.push_str("\\&"),
            c => o.push(c),
        }
    }
    o
}

/// `&name;` or `&#123;`: what a Markdown reader would decode as a character reference.
fn looks_like_entity(s: &str) -> bool {
    let rest = &s[1..];
    let end = rest.find(';').unwrap_or(0);
    end > 0 && end <= 32 && rest[..end].chars().all(|c| c.is_ascii_alphanumeric() || c == '#')
}

/// A line's text with what would make it a heading, quotation, list item or rule escaped.
/// `url` as an autolink (`<…>`) can hold it: the space and angle brackets that would end one
/// escaped as a browser escapes them in a path. The converter's embeds take this form, so the
/// blocks press reads back are the converter's.
pub fn autolink_url(url: &str) -> String {
    url.replace(' ', "%20").replace('<', "%3C").replace('>', "%3E")
}

fn line_start(line: &str) -> String {
    let first = line.chars().next();
    // `~~~` opens a code fence (backticks are escaped everywhere).
    if matches!(first, Some('#' | '>' | '-' | '+' | '=' | '|' | '~')) {
        return format!("\\{line}");
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_owned()
}

/// A link or image destination: `<…>` when it has spaces or parentheses.
fn destination(url: &str) -> String {
    let mut d = String::with_capacity(url.len());
    for (i, c) in url.char_indices() {
        match c {
            '\\' | '<' | '>' => {
                d.push('\\');
                d.push(c);
            }
            '&' if looks_like_entity(&url[i..]) => d.push_str("\\&"),
            c => d.push(c),
        }
    }
    if url.contains([' ', '(', ')']) {
        format!("<{d}>")
    } else {
        d
    }
}

fn escape_title(title: &str) -> String {
    let mut o = String::with_capacity(title.len());
    for (i, c) in title.char_indices() {
        match c {
            '"' | '\\' => {
                o.push('\\');
                o.push(c);
            }
            '&' if looks_like_entity(&title[i..]) => o.push_str("\\&"),
            c => o.push(c),
        }
    }
    o
}
