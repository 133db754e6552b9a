//! Markdown body → `model::Block`s, per the table in docs/CONTENT.md §1.3.
//!
//! pulldown-cmark's event stream is first folded into a small tree (so a construct can look at
//! all of its children: "is this paragraph only an image?"), then the tree is audited once
//! (URL allow-list errors, raw-HTML warnings) and converted block by block.

use std::path::Path;

use model::{Block, Image, Span};
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag};

use crate::error::{Diagnostic, LineIndex};

/// Looks up the width and height of an image source (see `images::ImageProbe::size`).
pub type ImageSizer<'s> = dyn FnMut(&str) -> Result<Image, String> + 's;

/// Where the body sits, for diagnostics: `text` is the whole file, the body is bytes
/// `body_start..body_end` (a live blog's entries are bodies of their own).
pub struct Source<'a> {
    pub file: &'a Path,
    pub text: &'a str,
    pub body_start: usize,
    pub body_end: usize,
    pub lines: &'a LineIndex,
}

impl<'a> Source<'a> {
    /// A source that is only a body (for tests and for callers without a front matter).
    pub fn body_only(file: &'a Path, text: &'a str, lines: &'a LineIndex) -> Self {
        Source { file, text, body_start: 0, body_end: text.len(), lines }
    }

    fn body(&self) -> &'a str {
        self.text.get(self.body_start..self.body_end).unwrap_or("")
    }

    fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.file, message).at(self.lines.pos(self.text, self.body_start + offset))
    }

    fn warning(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(self.file, message).at(self.lines.pos(self.text, self.body_start + offset))
    }
}

/// The marker that turns a quotation into a pull quote.
const PULL_QUOTE_MARKER: &str = "[!kiemelt]";

/// Converts the body of `src` into blocks. Errors and warnings go to `diags`; the blocks are
/// only meaningful when no error was added.
pub fn to_blocks(src: &Source<'_>, images: &mut ImageSizer<'_>, diags: &mut Vec<Diagnostic>) -> Vec<Block> {
    let tree = parse_tree(src.body());
    audit(src, &tree, diags);
    let mut conv = Converter { src, images, diags };
    conv.blocks(&tree)
}

/// A second-level heading at the top level of a body (not inside a quote or a list): where it
/// starts and ends (byte offsets in the body) and its text with the inline marks dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopHeading {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Every [`TopHeading`] of `body`, in order: where a live blog's entries begin.
pub fn top_level_h2(body: &str) -> Vec<TopHeading> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<TopHeading> = None;
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H2, .. }) if depth == 0 => {
                current = Some(TopHeading { start: range.start, end: range.end, text: String::new() });
                depth += 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.extend(current.take());
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = current.as_mut() {
                    h.text.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------- the tree

#[derive(Debug)]
enum Node<'a> {
    El {
        tag: Tag<'a>,
        start: usize,
        children: Vec<Node<'a>>,
    },
    Text(CowStr<'a>),
    Code(CowStr<'a>),
    Break,
    InlineHtml {
        start: usize,
    },
    Rule {
        start: usize,
    },
    /// Anything the options we enable should not produce (footnotes, math, task markers).
    Other,
}

fn parse_tree(body: &str) -> Vec<Node<'_>> {
    // Tables only so that they can be recognised and skipped with a warning.
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES);
    let mut stack: Vec<(Tag<'_>, usize, Vec<Node<'_>>)> = Vec::new();
    let mut root = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        let node = match event {
            Event::Start(tag) => {
                stack.push((tag, range.start, Vec::new()));
                continue;
            }
            Event::End(_) => match stack.pop() {
                Some((tag, start, children)) => Node::El { tag, start, children },
                None => continue,
            },
            Event::Text(t) => Node::Text(t),
            Event::Code(t) => Node::Code(t),
            Event::SoftBreak | Event::HardBreak => Node::Break,
            // Block HTML arrives inside an HtmlBlock element, which carries the position.
            Event::Html(_) => Node::Other,
            Event::InlineHtml(_) => Node::InlineHtml { start: range.start },
            Event::Rule => Node::Rule { start: range.start },
            _ => Node::Other,
        };
        match stack.last_mut() {
            Some((_, _, children)) => children.push(node),
            None => root.push(node),
        }
    }
    // A well-formed stream closes every element; be defensive anyway.
    while let Some((tag, start, children)) = stack.pop() {
        let node = Node::El { tag, start, children };
        match stack.last_mut() {
            Some((_, _, c)) => c.push(node),
            None => root.push(node),
        }
    }
    root
}

/// The href a link really points to (e-mail autolinks come without their scheme).
fn link_target(link_type: LinkType, dest: &str) -> String {
    if link_type == LinkType::Email && !dest.to_ascii_lowercase().starts_with("mailto:") {
        format!("mailto:{dest}")
    } else {
        dest.to_owned()
    }
}

/// One pass over everything: URL allow-list (errors) and raw HTML (warnings), wherever they are.
fn audit(src: &Source<'_>, nodes: &[Node<'_>], diags: &mut Vec<Diagnostic>) {
    for node in nodes {
        match node {
            Node::El { tag, start, children } => {
                match tag {
                    Tag::Link { link_type, dest_url, .. } => {
                        let target = link_target(*link_type, dest_url);
                        if model::url::safe_link(&target).is_none() {
                            diags.push(src.error(
                                *start,
                                format!(
                                    "link target `{target}` is not allowed (use http, https, mailto, tel or a site path)"
                                ),
                            ));
                        }
                    }
                    Tag::Image { dest_url, .. } if model::url::safe_image(dest_url).is_none() => {
                        diags.push(
                            src.error(
                                *start,
                                format!("image source `{dest_url}` is not allowed (use a /public/… path)"),
                            ),
                        );
                    }
                    Tag::HtmlBlock => {
                        diags.push(src.warning(*start, "raw HTML dropped (the content model has no HTML)"));
                        continue;
                    }
                    _ => {}
                }
                audit(src, children, diags);
            }
            Node::InlineHtml { start } => {
                diags.push(src.warning(*start, "inline raw HTML dropped (the content model has no HTML)"));
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------- conversion

struct Converter<'c, 'a, 's> {
    src: &'c Source<'a>,
    images: &'c mut ImageSizer<'s>,
    diags: &'c mut Vec<Diagnostic>,
}

#[derive(Clone, Default)]
struct Marks {
    strong: bool,
    em: bool,
    href: Option<String>,
}

impl Converter<'_, '_, '_> {
    fn warn(&mut self, offset: usize, message: impl Into<String>) {
        self.diags.push(self.src.warning(offset, message));
    }

    fn blocks(&mut self, nodes: &[Node<'_>]) -> Vec<Block> {
        let mut out = Vec::new();
        for node in nodes {
            match node {
                Node::El { tag, start, children } => self.block(tag, *start, children, &mut out),
                Node::Rule { start } => self.warn(*start, "thematic break (---) dropped: the content model has none"),
                // Stray inline content at block level cannot happen with CommonMark; ignore.
                _ => {}
            }
        }
        out
    }

    fn block(&mut self, tag: &Tag<'_>, start: usize, children: &[Node<'_>], out: &mut Vec<Block>) {
        match tag {
            Tag::Paragraph => {
                if let Some(block) = self.paragraph(children) {
                    out.push(block);
                }
            }
            Tag::Heading { level, .. } => {
                let level = match level {
                    HeadingLevel::H1 | HeadingLevel::H2 => 2,
                    _ => 3,
                };
                let text = collapse_spaces(&plain_text(children));
                if text.is_empty() {
                    self.warn(start, "empty heading dropped");
                } else {
                    out.push(Block::Heading { level, text });
                }
            }
            Tag::BlockQuote(_) => {
                if let Some(block) = self.quote(start, children) {
                    out.push(block);
                }
            }
            Tag::List(first) => {
                let items = self.list_items(children);
                if !items.is_empty() {
                    out.push(Block::List { ordered: first.is_some(), items });
                }
            }
            Tag::CodeBlock(_) => {
                self.warn(start, "code block shown as a plain paragraph (the content model has no code blocks)");
                let text = collapse_spaces(&plain_text(children));
                if !text.is_empty() {
                    out.push(Block::Paragraph { spans: vec![Span::plain(text)] });
                }
            }
            Tag::HtmlBlock => {} // warned by the audit
            Tag::Table(_) => self.warn(start, "table dropped (tables are not in the content model)"),
            _ => self.warn(start, "unsupported Markdown construct dropped"),
        }
    }

    fn paragraph(&mut self, children: &[Node<'_>]) -> Option<Block> {
        let significant: Vec<&Node<'_>> = children
            .iter()
            .filter(|n| match n {
                Node::Text(t) => !t.trim().is_empty(),
                Node::Break => false,
                _ => true,
            })
            .collect();
        if let [Node::El { tag, start: img_start, children: alt }] = significant.as_slice() {
            match tag {
                Tag::Image { dest_url, title, .. } => return self.image(*img_start, dest_url, title, alt),
                Tag::Link { link_type: LinkType::Autolink, dest_url, .. } if model::url::is_web_address(dest_url) => {
                    return Some(Block::Embed { url: dest_url.to_string(), title: host(dest_url) });
                }
                _ => {}
            }
        }
        let spans = self.spans(children);
        (!spans.is_empty()).then_some(Block::Paragraph { spans })
    }

    fn image(&mut self, start: usize, src: &str, title: &str, alt: &[Node<'_>]) -> Option<Block> {
        model::url::safe_image(src)?; // a refused source was reported by the audit
        let facts = match (self.images)(src) {
            Ok(facts) => facts,
            Err(message) => {
                self.diags.push(self.src.error(start, message));
                return None;
            }
        };
        let alt = collapse_spaces(&plain_text(alt));
        if alt.is_empty() {
            self.warn(start, format!("image `{src}` has no alt text (write it between the brackets: ![alt](…))"));
        }
        let (caption, credit) = match title.split_once(" | ") {
            Some((c, r)) => (non_empty(c), non_empty(r)),
            None => (non_empty(title), None),
        };
        Some(Block::Image { image: Image { src: src.to_owned(), alt, caption, credit, ..facts } })
    }

    fn quote(&mut self, start: usize, children: &[Node<'_>]) -> Option<Block> {
        let mut paragraphs: Vec<Vec<Span>> = Vec::new();
        self.quote_paragraphs(children, &mut paragraphs);
        let first_text = paragraphs.first().map(|p| spans_text(p)).unwrap_or_default();
        let trimmed = first_text.trim_start();
        if trimmed.len() >= PULL_QUOTE_MARKER.len()
            && trimmed.is_char_boundary(PULL_QUOTE_MARKER.len())
            && trimmed[..PULL_QUOTE_MARKER.len()].eq_ignore_ascii_case(PULL_QUOTE_MARKER)
        {
            let mut parts = vec![trimmed[PULL_QUOTE_MARKER.len()..].to_owned()];
            parts.extend(paragraphs.iter().skip(1).map(|p| spans_text(p)));
            let text = collapse_spaces(&parts.join(" "));
            if text.is_empty() {
                self.warn(start, "empty pull quote ([!kiemelt] without a sentence) dropped");
                return None;
            }
            return Some(Block::PullQuote { text });
        }
        let mut cite = None;
        if paragraphs.len() >= 2 {
            let last = spans_text(paragraphs.last().map(Vec::as_slice).unwrap_or_default());
            let last = last.trim();
            let name = ["— ", "-- ", "– "].iter().find_map(|dash| last.strip_prefix(dash));
            if let Some(name) = name.map(collapse_spaces).filter(|n| !n.is_empty()) {
                cite = Some(name);
                paragraphs.pop();
            }
        }
        if paragraphs.is_empty() {
            return None;
        }
        Some(Block::Quote { paragraphs, cite })
    }

    /// The paragraphs of a quotation; other blocks inside it are flattened into paragraphs.
    fn quote_paragraphs(&mut self, children: &[Node<'_>], out: &mut Vec<Vec<Span>>) {
        for node in children {
            let Node::El { tag, start, children } = node else { continue };
            match tag {
                Tag::Paragraph => {
                    let spans = self.spans(children);
                    if !spans.is_empty() {
                        out.push(spans);
                    }
                }
                Tag::Heading { .. } | Tag::CodeBlock(_) => {
                    self.warn(*start, "heading or code inside a quotation flattened into a paragraph");
                    let text = collapse_spaces(&plain_text(children));
                    if !text.is_empty() {
                        out.push(vec![Span::plain(text)]);
                    }
                }
                Tag::List(_) => {
                    self.warn(*start, "list inside a quotation flattened into paragraphs");
                    out.extend(self.list_items(children));
                }
                Tag::BlockQuote(_) => {
                    self.warn(*start, "nested quotation flattened");
                    self.quote_paragraphs(children, out);
                }
                Tag::HtmlBlock => {}
                _ => self.warn(*start, "unsupported construct inside a quotation dropped"),
            }
        }
    }

    fn list_items(&mut self, items: &[Node<'_>]) -> Vec<Vec<Span>> {
        let mut out = Vec::new();
        for item in items {
            let Node::El { tag: Tag::Item, children, .. } = item else { continue };
            let mut spans = Vec::new();
            let mut nested = Vec::new();
            let mut inline = Vec::new();
            for child in children {
                match child {
                    Node::El { tag: Tag::Paragraph, children, .. } => {
                        if !spans.is_empty() {
                            spans.push(Span::plain(" "));
                        }
                        spans.extend(self.spans(children));
                    }
                    Node::El { tag: Tag::List(_), start, children } => {
                        self.warn(*start, "nested list flattened into its parent list");
                        nested.extend(self.list_items(children));
                    }
                    Node::El { tag: Tag::HtmlBlock, .. } => {}
                    Node::El { tag, start, .. } if is_block(tag) => {
                        self.warn(*start, "block inside a list item dropped (only text is supported there)");
                    }
                    other => inline.push(other),
                }
            }
            // A tight list item holds its inline content directly.
            if !inline.is_empty() {
                let mut inl = Vec::new();
                for node in inline {
                    self.inline(node, &Marks::default(), &mut inl);
                }
                let inl = tidy(inl);
                if !spans.is_empty() && !inl.is_empty() {
                    spans.insert(0, Span::plain(" "));
                }
                spans.splice(0..0, inl);
            }
            let spans = tidy(spans);
            if !spans.is_empty() {
                out.push(spans);
            }
            out.extend(nested);
        }
        out
    }

    fn spans(&mut self, nodes: &[Node<'_>]) -> Vec<Span> {
        let mut out = Vec::new();
        for node in nodes {
            self.inline(node, &Marks::default(), &mut out);
        }
        tidy(out)
    }

    fn inline(&mut self, node: &Node<'_>, marks: &Marks, out: &mut Vec<Span>) {
        let push = |out: &mut Vec<Span>, text: &str| {
            out.push(Span { text: text.to_owned(), strong: marks.strong, em: marks.em, href: marks.href.clone() })
        };
        match node {
            Node::Text(t) | Node::Code(t) => push(out, t),
            Node::Break => push(out, " "),
            Node::El { tag, start, children } => {
                let mut inner = marks.clone();
                match tag {
                    Tag::Emphasis => inner.em = true,
                    Tag::Strong => inner.strong = true,
                    Tag::Link { link_type, dest_url, .. } => {
                        let target = link_target(*link_type, dest_url);
                        // A refused target was reported by the audit; keep the text, drop the link.
                        inner.href = model::url::safe_link(&target).map(str::to_owned);
                    }
                    Tag::Image { .. } => {
                        self.warn(*start, "image inside running text dropped: put the image in a paragraph of its own");
                        return;
                    }
                    _ => {}
                }
                for child in children {
                    self.inline(child, &inner, out);
                }
            }
            Node::InlineHtml { .. } | Node::Rule { .. } | Node::Other => {}
        }
    }
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
    )
}

/// Merges neighbouring spans with the same marks, collapses runs of spaces (soft breaks
/// become spaces) and trims the ends.
fn tidy(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match out.last_mut() {
            Some(last) if last.strong == span.strong && last.em == span.em && last.href == span.href => {
                last.text.push_str(&span.text);
            }
            _ => out.push(span),
        }
    }
    let mut prev_space = true; // trims the start
    for span in &mut out {
        span.text = collapse_whitespace(&span.text, &mut prev_space);
    }
    if let Some(last) = out.last_mut() {
        let len = last.text.trim_end().len();
        last.text.truncate(len);
    }
    out.retain(|s| !s.text.is_empty());
    out
}

/// `text` with each run of spaces, tabs and line breaks turned into one space (none at all
/// right after a space, as `prev_space` says; updated for the next piece). Works on bytes:
/// those four are ASCII, never part of a multi-byte character, so every cut is on a boundary.
fn collapse_whitespace(text: &str, prev_space: &mut bool) -> String {
    // Most pieces need no change (single spaces, no line breaks): copy them whole.
    let bytes = text.as_bytes();
    let needs_work = bytes.iter().any(|b| matches!(b, b'\n' | b'\t' | b'\r'))
        || (*prev_space && bytes.first() == Some(&b' '))
        || bytes.windows(2).any(|w| w == b"  ");
    if !needs_work {
        if let Some(&last) = bytes.last() {
            *prev_space = last == b' ';
        }
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut run = 0; // start of the text not copied yet
    for (i, b) in text.bytes().enumerate() {
        if matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
            out.push_str(&text[run..i]);
            run = i + 1;
            if !*prev_space {
                out.push(' ');
                *prev_space = true;
            }
        } else {
            *prev_space = false;
        }
    }
    out.push_str(&text[run..]);
    out
}

fn spans_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// The text of inline nodes, marks dropped.
fn plain_text(nodes: &[Node<'_>]) -> String {
    let mut out = String::new();
    fn walk(nodes: &[Node<'_>], out: &mut String) {
        for node in nodes {
            match node {
                Node::Text(t) | Node::Code(t) => out.push_str(t),
                Node::Break => out.push(' '),
                Node::El { children, .. } => walk(children, out),
                _ => {}
            }
        }
    }
    walk(nodes, &mut out);
    out
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_empty(s: &str) -> Option<String> {
    let s = collapse_spaces(s);
    (!s.is_empty()).then_some(s)
}

/// The embed card's title: shared with the CMS pull, which must derive the same one from HTML.
pub use model::url::host;

#[cfg(test)]
mod tests {
    use super::collapse_whitespace;

    #[test]
    fn whitespace_runs_collapse_across_pieces_and_keep_accents() {
        let mut prev = true;
        assert_eq!(collapse_whitespace("  Árvíz\n\t után  ", &mut prev), "Árvíz után ");
        assert!(prev);
        assert_eq!(collapse_whitespace(" ő", &mut prev), "ő");
        assert!(!prev);
        assert_eq!(collapse_whitespace("\r\nű", &mut prev), " ű");
        assert_eq!(collapse_whitespace("", &mut prev), "");
    }

    use super::*;

    fn convert(md: &str) -> (Vec<Block>, Vec<Diagnostic>) {
        let file = Path::new("cikk.md");
        let lines = LineIndex::new(md);
        let src = Source::body_only(file, md, &lines);
        let mut diags = Vec::new();
        let mut sizer = |s: &str| {
            if s.contains("missing") {
                Err(format!("image `{s}` not found"))
            } else {
                Ok(Image { width: 1200, height: 675, ..Default::default() })
            }
        };
        let blocks = to_blocks(&src, &mut sizer, &mut diags);
        (blocks, diags)
    }

    fn ok(md: &str) -> Vec<Block> {
        let (blocks, diags) = convert(md);
        assert!(diags.is_empty(), "unexpected diagnostics: {diags:?}");
        blocks
    }

    fn span(text: &str) -> Span {
        Span::plain(text)
    }

    #[test]
    fn paragraph_with_bold_italic_link_and_breaks() {
        let blocks = ok("Első **erős** és *dőlt*\nsor [link](https://example.com/a) `kód`  \nvége.\n");
        assert_eq!(
            blocks,
            vec![Block::Paragraph {
                spans: vec![
                    span("Első "),
                    Span { text: "erős".into(), strong: true, ..Default::default() },
                    span(" és "),
                    Span { text: "dőlt".into(), em: true, ..Default::default() },
                    span(" sor "),
                    Span { text: "link".into(), href: Some("https://example.com/a".into()), ..Default::default() },
                    span(" kód vége."),
                ]
            }]
        );
    }

    #[test]
    fn nested_marks_and_relative_and_mail_links() {
        let blocks = ok("***mind*** [rovat](/rovat/belfold) <szerk@example.hu>");
        assert_eq!(
            blocks,
            vec![Block::Paragraph {
                spans: vec![
                    Span { text: "mind".into(), strong: true, em: true, href: None },
                    span(" "),
                    Span { text: "rovat".into(), href: Some(model::paths::section("belfold")), ..Default::default() },
                    span(" "),
                    Span {
                        text: "szerk@example.hu".into(),
                        href: Some("mailto:szerk@example.hu".into()),
                        ..Default::default()
                    },
                ]
            }]
        );
    }

    #[test]
    fn headings_map_to_levels_two_and_three() {
        let blocks = ok("# Egy\n\n## Kettő\n\n### Három *dőlt*\n\n#### Négy\n");
        assert_eq!(
            blocks,
            vec![
                Block::Heading { level: 2, text: "Egy".into() },
                Block::Heading { level: 2, text: "Kettő".into() },
                Block::Heading { level: 3, text: "Három dőlt".into() },
                Block::Heading { level: 3, text: "Négy".into() },
            ]
        );
    }

    #[test]
    fn pull_quote_marker_on_its_own_line_or_inline() {
        let blocks = ok("> [!kiemelt]\n> Középen állunk,\n> mindig.\n\n> [!KIEMELT] Egy mondat.\n");
        assert_eq!(
            blocks,
            vec![
                Block::PullQuote { text: "Középen állunk, mindig.".into() },
                Block::PullQuote { text: "Egy mondat.".into() },
            ]
        );
    }

    #[test]
    fn quote_with_cite_from_last_paragraph() {
        let blocks =
            ok("> „Ez az *első*.”\n>\n> Második.\n>\n> — Kovács Anna, szerkesztő\n\n> Csak idézet.\n>\n> -- Név\n");
        assert_eq!(
            blocks,
            vec![
                Block::Quote {
                    paragraphs: vec![
                        vec![span("„Ez az "), Span { text: "első".into(), em: true, ..Default::default() }, span(".”")],
                        vec![span("Második.")],
                    ],
                    cite: Some("Kovács Anna, szerkesztő".into()),
                },
                Block::Quote { paragraphs: vec![vec![span("Csak idézet.")]], cite: Some("Név".into()) },
            ]
        );
    }

    #[test]
    fn quote_without_cite_keeps_a_lone_dash_paragraph() {
        let blocks = ok("> — nem idézet, csak gondolatjel\n");
        assert_eq!(
            blocks,
            vec![Block::Quote { paragraphs: vec![vec![span("— nem idézet, csak gondolatjel")]], cite: None }]
        );
    }

    #[test]
    fn image_alone_in_a_paragraph_with_caption_and_credit() {
        let blocks = ok("![A Duna](/public/images/duna.svg \"Reggel a parton | Fotó: CIVILHETES\")\n\n![Más](/public/images/b.svg \"Csak felirat\")\n");
        assert_eq!(
            blocks,
            vec![
                Block::Image {
                    image: Image {
                        src: "/public/images/duna.svg".into(),
                        alt: "A Duna".into(),
                        width: 1200,
                        height: 675,
                        caption: Some("Reggel a parton".into()),
                        credit: Some("Fotó: CIVILHETES".into()),
                        ..Default::default()
                    }
                },
                Block::Image {
                    image: Image {
                        src: "/public/images/b.svg".into(),
                        alt: "Más".into(),
                        width: 1200,
                        height: 675,
                        caption: Some("Csak felirat".into()),
                        ..Default::default()
                    }
                },
            ]
        );
    }

    #[test]
    fn missing_image_is_an_error_at_its_line() {
        let (blocks, diags) = convert("Szöveg.\n\n![x](/public/missing.svg)\n");
        assert_eq!(blocks, vec![Block::Paragraph { spans: vec![span("Szöveg.")] }]);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].to_string(), "cikk.md:3:1: image `/public/missing.svg` not found");
    }

    #[test]
    fn lists_unordered_ordered_loose_and_nested() {
        let blocks = ok("- egy\n- **kettő**\n\n1. első\n2. második\n\n- laza\n\n  bekezdés\n- másik\n");
        assert_eq!(
            blocks,
            vec![
                Block::List {
                    ordered: false,
                    items: vec![
                        vec![span("egy")],
                        vec![Span { text: "kettő".into(), strong: true, ..Default::default() }]
                    ]
                },
                Block::List { ordered: true, items: vec![vec![span("első")], vec![span("második")]] },
                Block::List { ordered: false, items: vec![vec![span("laza bekezdés")], vec![span("másik")]] },
            ]
        );
        let (blocks, diags) = convert("- a\n  - b\n- c\n");
        assert_eq!(
            blocks,
            vec![Block::List { ordered: false, items: vec![vec![span("a")], vec![span("b")], vec![span("c")]] }]
        );
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("nested list"));
    }

    #[test]
    fn autolink_alone_becomes_an_embed() {
        let blocks = ok("<https://www.youtube.com/watch?v=abc>\n\nLásd <https://example.com/x> itt.\n");
        assert_eq!(
            blocks,
            vec![
                Block::Embed { url: "https://www.youtube.com/watch?v=abc".into(), title: "www.youtube.com".into() },
                Block::Paragraph {
                    spans: vec![
                        span("Lásd "),
                        Span {
                            text: "https://example.com/x".into(),
                            href: Some("https://example.com/x".into()),
                            ..Default::default()
                        },
                        span(" itt."),
                    ]
                },
            ]
        );
    }

    #[test]
    fn raw_html_is_dropped_with_a_warning_naming_the_line() {
        let (blocks, diags) = convert("Első.\n\n<div class=\"x\">\nrossz\n</div>\n\nSzöveg <b>vastag</b> vége.\n");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph { spans: vec![span("Első.")] },
                Block::Paragraph { spans: vec![span("Szöveg vastag vége.")] },
            ]
        );
        let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            vec![
                "cikk.md:3: raw HTML dropped (the content model has no HTML)",
                "cikk.md:7: inline raw HTML dropped (the content model has no HTML)",
                "cikk.md:7: inline raw HTML dropped (the content model has no HTML)",
            ]
        );
        assert!(diags.iter().all(|d| !d.is_error()));
    }

    #[test]
    fn tables_are_skipped_with_a_warning() {
        let (blocks, diags) = convert("Előtte.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nUtána.\n");
        assert_eq!(
            blocks,
            vec![Block::Paragraph { spans: vec![span("Előtte.")] }, Block::Paragraph { spans: vec![span("Utána.")] },]
        );
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].to_string(), "cikk.md:3: table dropped (tables are not in the content model)");
    }

    #[test]
    fn disallowed_link_and_image_schemes_are_errors_with_line_and_column() {
        let (_, diags) =
            convert("Jó.\n\nKattints [ide](javascript:alert(1)) most.\n\n![x](data:image/png;base64,AAA)\n");
        let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            vec![
                "cikk.md:3:10: link target `javascript:alert(1)` is not allowed (use http, https, mailto, tel or a site path)",
                "cikk.md:5:1: image source `data:image/png;base64,AAA` is not allowed (use a /public/… path)",
            ]
        );
        assert!(diags.iter().all(Diagnostic::is_error));
    }

    #[test]
    fn line_numbers_count_from_the_file_start_not_the_body() {
        let text = "+++\ntitle = \"x\"\n+++\nSzöveg\n\n[x](vbscript:x)\n";
        let lines = LineIndex::new(text);
        let src = Source {
            file: Path::new("a.md"),
            text,
            body_start: text.find("Szöveg").unwrap(),
            body_end: text.len(),
            lines: &lines,
        };
        let mut diags = Vec::new();
        to_blocks(&src, &mut |_| Ok(Image { width: 1, height: 1, ..Default::default() }), &mut diags);
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].line, diags[0].col), (Some(6), Some(1)));
    }
}
