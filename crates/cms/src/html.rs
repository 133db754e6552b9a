//! A CMS's HTML body → `model::Block`s, with html5ever (through `scraper`) doing the parsing.
//!
//! What a reader may see is exactly what the block model can say (docs/adr/0002): paragraphs
//! with bold, italic and links, headings, quotes with their cite, pull quotes (WordPress's
//! `wp-block-pullquote`, or a quotation with a `pullquote` class), figures with caption and
//! credit, lists and embeds as link cards. Everything else is dropped, each drop a warning that
//! says what went (`<script>`, an `<iframe>` and where it pointed, a table …).
//!
//! Image sources and link targets are made absolute against the page they came from; images
//! keep their CMS URL here (the pull downloads them and rewrites the source afterwards). Widths
//! and heights are 0: press reads them from the downloaded files.

use ego_tree::NodeRef;
use model::url::host;
use model::{Block, Image, Span};
use scraper::{ElementRef, Html, Node};

/// Blocks and what was dropped on the way.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Converted {
    pub blocks: Vec<Block>,
    pub warnings: Vec<String>,
}

/// Converts an HTML fragment. `base` is the absolute URL relative references are resolved against.
pub fn to_blocks(html: &str, base: &str) -> Converted {
    let doc = Html::parse_fragment(html);
    let mut conv = Converter { base, out: Converted::default() };
    let mut blocks = Vec::new();
    conv.container(*doc.root_element(), &mut blocks);
    conv.out.blocks = blocks;
    conv.out
}

/// Plain text of an HTML fragment (an excerpt, a caption), whitespace collapsed.
pub fn to_text(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    collapse(&doc.root_element().text().collect::<String>())
}

/// Elements whose content a reader must never get, and the name the warning uses.
const DROPPED: &[&str] = &[
    "script", "style", "iframe", "form", "table", "object", "embed", "video", "audio", "noscript", "svg", "canvas",
    "template", "select", "button", "input", "textarea", "math", "frameset", "frame", "applet", "link", "meta",
];

/// Inline elements whose text is kept (marks only from strong/b, em/i and a).
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "strong"
            | "b"
            | "em"
            | "i"
            | "span"
            | "code"
            | "small"
            | "sub"
            | "sup"
            | "u"
            | "mark"
            | "abbr"
            | "time"
            | "cite"
            | "q"
            | "s"
            | "del"
            | "ins"
            | "br"
            | "kbd"
            | "var"
            | "samp"
            | "dfn"
            | "bdi"
            | "bdo"
            | "font"
            | "big"
            | "tt"
            | "data"
            | "wbr"
    )
}

#[derive(Clone, Default)]
struct Marks {
    strong: bool,
    em: bool,
    href: Option<String>,
}

struct Converter<'b> {
    base: &'b str,
    out: Converted,
}

fn classes(el: &ElementRef<'_>) -> String {
    el.value().attr("class").unwrap_or("").to_ascii_lowercase()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Converter<'_> {
    fn warn(&mut self, message: String) {
        if !self.out.warnings.contains(&message) {
            self.out.warnings.push(message);
        }
    }

    fn dropped(&mut self, el: &ElementRef<'_>) {
        let name = el.value().name();
        let detail = match el.value().attr("src").or_else(|| el.value().attr("data")) {
            Some(src) if !src.trim().is_empty() => format!(" ({})", src.trim()),
            _ => String::new(),
        };
        self.warn(format!("dropped <{name}>{detail}: the content model has no {}", what(name)));
    }

    /// `url` resolved against the page the body came from, as a browser would.
    fn absolute(&self, url: &str) -> String {
        crate::links::resolve(self.base, url)
    }

    // ------------------------------------------------------------ block level

    /// Blocks of an element's children; loose text and inline elements between blocks form paragraphs.
    fn container(&mut self, node: NodeRef<'_, Node>, out: &mut Vec<Block>) {
        let mut run: Vec<Span> = Vec::new();
        for child in node.children() {
            match child.value() {
                Node::Text(t) => run.push(Span::plain(&**t)),
                Node::Element(e) => {
                    let Some(el) = ElementRef::wrap(child) else { continue };
                    let name = e.name();
                    if is_inline(name) && !has_block_descendant(&el) {
                        self.inline(child, &Marks::default(), &mut run);
                        continue;
                    }
                    self.flush(&mut run, out);
                    self.block(el, out);
                }
                _ => {}
            }
        }
        self.flush(&mut run, out);
    }

    fn flush(&mut self, run: &mut Vec<Span>, out: &mut Vec<Block>) {
        let spans = tidy(std::mem::take(run));
        if !spans.is_empty() {
            out.push(Block::Paragraph { spans });
        }
    }

    fn block(&mut self, el: ElementRef<'_>, out: &mut Vec<Block>) {
        let name = el.value().name();
        match name {
            "p" => self.paragraph(el, out),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let text = collapse(&el.text().collect::<String>());
                if !text.is_empty() {
                    out.push(Block::Heading { level: if matches!(name, "h1" | "h2") { 2 } else { 3 }, text });
                }
            }
            "blockquote" => {
                let pull = ["pullquote", "pull-quote", "kiemelt"].iter().any(|c| classes(&el).contains(c));
                self.quote(el, pull, out);
            }
            "figure" => self.figure(el, out),
            "ul" | "ol" => {
                let mut items = Vec::new();
                self.list_items(el, &mut items);
                if !items.is_empty() {
                    out.push(Block::List { ordered: name == "ol", items });
                }
            }
            "img" => self.image(el, None, None, out),
            "oembed" => self.embed(el, out),
            "pre" => {
                let text = collapse(&el.text().collect::<String>());
                if !text.is_empty() {
                    out.push(Block::Paragraph { spans: vec![Span::plain(text)] });
                }
            }
            "hr" => {}
            n if DROPPED.contains(&n) => self.dropped(&el),
            // div, section, article, aside, header, footer, center, dl, details …: their content counts.
            _ => self.container(*el, out),
        }
    }

    fn paragraph(&mut self, el: ElementRef<'_>, out: &mut Vec<Block>) {
        // `<p><img></p>` and `<p><a href="big.jpg"><img></a></p>`, as the classic editor writes figures.
        let text = collapse(&el.text().collect::<String>());
        let imgs: Vec<ElementRef<'_>> = descendants_named(&el, "img");
        if text.is_empty() && imgs.len() == 1 {
            return self.image(imgs[0], None, None, out);
        }
        // A paragraph that is one bare link to a video or post, as WordPress leaves auto-embeds it could not resolve.
        if let Some(url) = bare_url(&text) {
            if descendants_named(&el, "a").len() <= 1 && is_embeddable(url) {
                let url = crate::markdown::autolink_url(url);
                out.push(Block::Embed { title: host(&url), url });
                return;
            }
        }
        if has_block_descendant(&el) {
            return self.container(*el, out);
        }
        let mut spans = Vec::new();
        for child in el.children() {
            self.inline(child, &Marks::default(), &mut spans);
        }
        let spans = tidy(spans);
        if !spans.is_empty() {
            out.push(Block::Paragraph { spans });
        }
    }

    fn quote(&mut self, el: ElementRef<'_>, pull: bool, out: &mut Vec<Block>) {
        let mut paragraphs: Vec<Vec<Span>> = Vec::new();
        let mut cite = None;
        let mut run = Vec::new();
        for child in el.children() {
            let Some(c) = ElementRef::wrap(child) else {
                if let Node::Text(t) = child.value() {
                    run.push(Span::plain(&**t));
                }
                continue;
            };
            match c.value().name() {
                "cite" | "footer" => {
                    let text = collapse(&c.text().collect::<String>());
                    let text = text.trim_start_matches(['—', '–', '-', ' ']).trim().to_owned();
                    if !text.is_empty() {
                        cite = Some(text);
                    }
                }
                n if is_inline(n) => self.inline(child, &Marks::default(), &mut run),
                _ => {
                    push_spans(&mut paragraphs, std::mem::take(&mut run));
                    let mut inner = Vec::new();
                    self.block(c, &mut inner);
                    for b in inner {
                        match b {
                            Block::Paragraph { spans } => paragraphs.push(spans),
                            Block::Heading { text, .. } | Block::PullQuote { text } => {
                                paragraphs.push(vec![Span::plain(text)])
                            }
                            Block::List { items, .. } => paragraphs.extend(items),
                            Block::Quote { paragraphs: p, .. } => paragraphs.extend(p),
                            _ => self.warn("dropped a figure or embed inside a quotation".to_owned()),
                        }
                    }
                }
            }
        }
        push_spans(&mut paragraphs, run);
        if pull {
            let text = collapse(&paragraphs.iter().map(|p| spans_text(p)).collect::<Vec<_>>().join(" "));
            if !text.is_empty() {
                out.push(Block::PullQuote { text });
            }
            return;
        }
        // A last paragraph "— Name" is the cite, as in the Markdown press reads.
        if cite.is_none() && paragraphs.len() >= 2 {
            let last = spans_text(paragraphs.last().map(Vec::as_slice).unwrap_or_default());
            if let Some(name) = ["— ", "-- ", "– "].iter().find_map(|d| last.trim().strip_prefix(d)) {
                let name = collapse(name);
                if !name.is_empty() {
                    cite = Some(name);
                    paragraphs.pop();
                }
            }
        }
        if !paragraphs.is_empty() {
            out.push(Block::Quote { paragraphs, cite });
        }
    }

    fn figure(&mut self, el: ElementRef<'_>, out: &mut Vec<Block>) {
        let class = classes(&el);
        let has = |name: &str| !descendants_named(&el, name).is_empty();
        if class.contains("wp-block-pullquote") || class.contains("pullquote") {
            if let Some(q) = descendants_named(&el, "blockquote").first() {
                return self.quote(*q, true, out);
            }
        }
        if class.contains("embed") || has("oembed") || has("iframe") && !has("img") {
            return self.embed(el, out);
        }
        if let Some(img) = descendants_named(&el, "img").first() {
            let (caption, credit) = match descendants_named(&el, "figcaption").first() {
                Some(cap) => caption_and_credit(cap),
                None => (None, None),
            };
            return self.image(*img, caption, credit, out);
        }
        if has("table") {
            self.warn("dropped <table>: the content model has no tables".to_owned());
            return;
        }
        self.container(*el, out);
    }

    fn image(&mut self, img: ElementRef<'_>, caption: Option<String>, credit: Option<String>, out: &mut Vec<Block>) {
        let raw = img.value().attr("src").or_else(|| img.value().attr("data-src")).unwrap_or("").trim();
        if raw.is_empty() {
            self.warn("dropped an <img> without a source".to_owned());
            return;
        }
        let src = self.absolute(raw);
        let lower = src.to_ascii_lowercase();
        if model::url::safe_image(&src).is_none() || !(lower.starts_with("http://") || lower.starts_with("https://")) {
            let shown: String = raw.chars().take(60).collect();
            self.warn(format!("dropped an image with a source that is not allowed ({shown})"));
            return;
        }
        let alt = collapse(img.value().attr("alt").unwrap_or(""));
        out.push(Block::Image { image: Image { src, alt, width: 0, height: 0, caption, credit, ..Image::default() } });
    }

    fn embed(&mut self, el: ElementRef<'_>, out: &mut Vec<Block>) {
        let url = if el.value().name() == "oembed" {
            el.value().attr("url").map(str::to_owned)
        } else {
            let oembed =
                descendants_named(&el, "oembed").first().and_then(|o| o.value().attr("url").map(str::to_owned));
            let iframe = descendants_named(&el, "iframe").first().and_then(|f| f.value().attr("src").map(watch_url));
            let text = collapse(&el.text().collect::<String>());
            let link = descendants_named(&el, "a").first().and_then(|a| a.value().attr("href").map(str::to_owned));
            oembed.or(iframe).or_else(|| text.split(' ').find(|w| w.starts_with("http")).map(str::to_owned)).or(link)
        };
        match url.map(|u| self.absolute(&u)) {
            Some(url) if model::url::is_web_address(&url) => {
                let url = crate::markdown::autolink_url(&url);
                out.push(Block::Embed { title: host(&url), url });
            }
            _ => self.warn("dropped an embed without a usable http(s) address".to_owned()),
        }
    }

    fn list_items(&mut self, list: ElementRef<'_>, items: &mut Vec<Vec<Span>>) {
        for child in list.children() {
            let Some(li) = ElementRef::wrap(child) else { continue };
            if li.value().name() != "li" {
                continue;
            }
            let mut spans = Vec::new();
            let mut nested = Vec::new();
            for c in li.children() {
                match ElementRef::wrap(c) {
                    Some(sub) if matches!(sub.value().name(), "ul" | "ol") => {
                        self.warn("nested list flattened into its parent list".to_owned());
                        self.list_items(sub, &mut nested);
                    }
                    Some(sub) if DROPPED.contains(&sub.value().name()) => self.dropped(&sub),
                    Some(sub) if !is_inline(sub.value().name()) => {
                        spans.push(Span::plain(" "));
                        for cc in sub.children() {
                            self.inline(cc, &Marks::default(), &mut spans);
                        }
                        spans.push(Span::plain(" "));
                    }
                    _ => self.inline(c, &Marks::default(), &mut spans),
                }
            }
            let spans = tidy(spans);
            if !spans.is_empty() {
                items.push(spans);
            }
            items.extend(nested);
        }
    }

    // ------------------------------------------------------------ inline level

    fn inline(&mut self, node: NodeRef<'_, Node>, marks: &Marks, out: &mut Vec<Span>) {
        match node.value() {
            Node::Text(t) => {
                out.push(Span { text: t.to_string(), strong: marks.strong, em: marks.em, href: marks.href.clone() })
            }
            Node::Element(e) => {
                let Some(el) = ElementRef::wrap(node) else { return };
                let mut inner = marks.clone();
                match e.name() {
                    "strong" | "b" => inner.strong = true,
                    "em" | "i" => inner.em = true,
                    "br" => {
                        out.push(Span {
                            text: " ".into(),
                            strong: marks.strong,
                            em: marks.em,
                            href: marks.href.clone(),
                        });
                        return;
                    }
                    "a" => {
                        let href = e.attr("href").map(|h| self.absolute(h));
                        inner.href = match href {
                            Some(h) if model::url::safe_link(&h).is_some() => Some(h),
                            Some(h) => {
                                let shown: String = h.chars().take(60).collect();
                                self.warn(format!("link target not allowed, kept its text only ({shown})"));
                                None
                            }
                            None => None,
                        };
                    }
                    "img" => {
                        self.warn(
                            "dropped an image inside running text (only an image alone in its paragraph is kept)"
                                .to_owned(),
                        );
                        return;
                    }
                    n if DROPPED.contains(&n) => {
                        self.dropped(&el);
                        return;
                    }
                    _ => {}
                }
                for child in node.children() {
                    self.inline(child, &inner, out);
                }
            }
            _ => {}
        }
    }
}

fn what(name: &str) -> &'static str {
    match name {
        "script" | "noscript" => "scripts",
        "style" | "link" | "meta" => "styles",
        "iframe" | "object" | "embed" | "applet" | "frame" | "frameset" => "third-party frames",
        "form" | "select" | "button" | "input" | "textarea" => "forms",
        "table" => "tables",
        "video" | "audio" => "media players",
        _ => "such element",
    }
}

fn push_spans(paragraphs: &mut Vec<Vec<Span>>, run: Vec<Span>) {
    let spans = tidy(run);
    if !spans.is_empty() {
        paragraphs.push(spans);
    }
}

fn descendants_named<'a>(el: &ElementRef<'a>, name: &str) -> Vec<ElementRef<'a>> {
    el.descendants().filter_map(ElementRef::wrap).filter(|e| e.value().name() == name).collect()
}

/// Does an element hold block-level content (so it cannot be read as running text)?
fn has_block_descendant(el: &ElementRef<'_>) -> bool {
    el.descendants().skip(1).filter_map(ElementRef::wrap).any(|e| {
        let n = e.value().name();
        !is_inline(n) && n != "img" && !DROPPED.contains(&n)
    })
}

/// `(caption, credit)` of a figcaption: the credit is an element marked as one (class `credit`,
/// `<cite>` or `<small>`), or what follows ` | ` as in press's Markdown; the rest is the caption.
fn caption_and_credit(cap: &ElementRef<'_>) -> (Option<String>, Option<String>) {
    let marked = cap
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| matches!(e.value().name(), "cite" | "small") || classes(e).contains("credit"));
    let non_empty = |s: String| (!s.is_empty()).then_some(s);
    let (caption, credit) = match marked {
        Some(credit_el) => {
            let credit = collapse(&credit_el.text().collect::<String>());
            let mut caption = String::new();
            for node in cap.descendants() {
                if let Node::Text(t) = node.value() {
                    if !node.ancestors().any(|a| a.id() == credit_el.id()) {
                        caption.push_str(t);
                    }
                }
            }
            let caption = collapse(&caption);
            let caption = caption.trim_end_matches(['|', '–', '—', '-', ' ']).trim().to_owned();
            (non_empty(caption), non_empty(credit))
        }
        None => {
            let text = collapse(&cap.text().collect::<String>());
            match text.split_once(" | ") {
                Some((c, r)) => (non_empty(collapse(c)), non_empty(collapse(r))),
                None => (non_empty(text), None),
            }
        }
    };
    // The Markdown holds both in the image's title, `caption | credit`, which press splits at
    // its first ` | `: what follows one inside the caption is credit there, so it is here.
    match caption.as_deref().and_then(|c| c.split_once(" | ")) {
        Some((c, rest)) => {
            let credit = credit.map_or_else(|| rest.to_owned(), |r| format!("{rest} | {r}"));
            (non_empty(c.to_owned()), non_empty(credit))
        }
        None => (caption, credit),
    }
}

/// A YouTube or Vimeo player address turned back into the page a reader would open.
fn watch_url(src: &str) -> String {
    let src = src.trim();
    let no_query = src.split(['?', '#']).next().unwrap_or(src);
    for prefix in
        ["https://www.youtube.com/embed/", "https://www.youtube-nocookie.com/embed/", "https://youtube.com/embed/"]
    {
        if let Some(id) = no_query.strip_prefix(prefix) {
            return format!("https://www.youtube.com/watch?v={id}");
        }
    }
    if let Some(id) = no_query.strip_prefix("https://player.vimeo.com/video/") {
        return format!("https://vimeo.com/{id}");
    }
    src.to_owned()
}

fn bare_url(text: &str) -> Option<&str> {
    let t = text.trim();
    (model::url::is_web_address(t) && !t.contains(' ')).then_some(t)
}

/// Hosts whose bare links WordPress would have turned into an embed.
fn is_embeddable(url: &str) -> bool {
    let h = host(url);
    [
        "youtube.com",
        "youtu.be",
        "vimeo.com",
        "twitter.com",
        "x.com",
        "facebook.com",
        "instagram.com",
        "tiktok.com",
        "soundcloud.com",
        "spotify.com",
    ]
    .iter()
    .any(|d| h == *d || h.ends_with(&format!(".{d}")))
}

pub(crate) fn spans_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// Neighbouring spans with the same marks merged, whitespace runs (across span borders) made
/// one space, the ends trimmed, empty spans gone, and a marked span's edge spaces plain: the
/// normal form press's Markdown reader gives.
pub(crate) fn tidy(spans: Vec<Span>) -> Vec<Span> {
    let is_space = |c: char| matches!(c, ' ' | '\n' | '\t' | '\r');
    // The Markdown writer puts a marked span's edge spaces, of any kind, outside its markup
    // (`**a** b`, since `**a **b` is no emphasis), so press reads them as plain text: so must
    // the blocks here.
    let mut split = Vec::with_capacity(spans.len());
    for s in merge(spans) {
        let inner = s.text.trim();
        if !s.strong && !s.em && s.href.is_none() || inner.len() == s.text.len() {
            split.push(s);
        } else if inner.is_empty() {
            split.push(Span::plain(&s.text));
        } else {
            let start = s.text.len() - s.text.trim_start().len();
            let (lead, trail) = (&s.text[..start], &s.text[start + inner.len()..]);
            split.push(Span::plain(lead));
            split.push(Span { text: inner.to_owned(), ..s.clone() });
            split.push(Span::plain(trail));
        }
    }
    let mut merged = merge(split);
    let mut after_space = true;
    for s in &mut merged {
        let mut text = String::with_capacity(s.text.len());
        for c in s.text.chars() {
            if is_space(c) {
                if !after_space {
                    text.push(' ');
                }
                after_space = true;
            } else {
                text.push(c);
                after_space = false;
            }
        }
        s.text = text;
    }
    // press trims every kind of space at the end (a line separator too), as `str::trim_end` does.
    if let Some(last) = merged.last_mut() {
        let keep = last.text.trim_end().len();
        last.text.truncate(keep);
    }
    merged.retain(|s| !s.text.is_empty());
    // Text of other spaces only (line separators, no-break spaces) is nothing to press's
    // reader either, and the Markdown writer leaves it out.
    if merged.iter().all(|s| s.text.chars().all(char::is_whitespace)) {
        return Vec::new();
    }
    written_emphasis(merged)
}

/// The spans with the emphasis that Markdown can hold where it stands: `**a.**b` is no
/// emphasis under CommonMark's flanking rules (a closing `**` after punctuation needs a space
/// or punctuation after it), so press would read the asterisks as text. Such a span is plain
/// here, as the writer then writes it. Inside a link's brackets emphasis always fits. A span
/// the writer marks with `_` (it touches a marked span before it) needs a space or punctuation
/// after it.
fn written_emphasis(mut spans: Vec<Span>) -> Vec<Span> {
    // What stands next to a span in the Markdown: `*` or `[`/`)` around a marked or linked
    // neighbour (punctuation), else the neighbour's own character.
    let edge = |s: &Span, first: bool| -> Option<char> {
        if s.strong || s.em || s.href.is_some() {
            Some('*')
        } else if first {
            s.text.chars().next()
        } else {
            s.text.chars().next_back()
        }
    };
    // Where the Unicode tables of CommonMark and of this check could disagree (a private-use or
    // unassigned character), a span's own edge counts as punctuation and its neighbour as not,
    // so that emphasis is kept only where it surely holds.
    let punctuation =
        |c: char| c.is_ascii_punctuation() || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace());
    let surely_punctuation =
        |c: char| c.is_ascii_punctuation() || matches!(c, '„' | '”' | '“' | '’' | '‘' | '–' | '—' | '…' | '«' | '»');
    let loose = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || surely_punctuation(c));
    loop {
        let underscored = crate::markdown::underscored(&spans);
        let misfit = (0..spans.len()).find(|&i| {
            let s = &spans[i];
            if !(s.strong || s.em) || s.href.is_some() {
                return false;
            }
            let before = i.checked_sub(1).and_then(|j| edge(&spans[j], false));
            let after = spans.get(i + 1).and_then(|n| edge(n, true));
            let (Some(first), Some(last)) = (s.text.chars().next(), s.text.chars().next_back()) else { return true };
            let opens = !first.is_whitespace() && (!punctuation(first) || loose(before));
            // A closing `_` before a letter would also open (intraword `_` is text), so it needs
            // a space or punctuation after it whatever it closes.
            let closes = !last.is_whitespace() && (!(punctuation(last) || underscored[i]) || loose(after));
            !(opens && closes)
        });
        let Some(i) = misfit else { return spans };
        spans[i].strong = false;
        spans[i].em = false;
        spans = merge(spans);
    }
}

/// Neighbouring spans with the same marks as one.
fn merge(spans: Vec<Span>) -> Vec<Span> {
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match merged.last_mut() {
            Some(l) if (l.strong, l.em, &l.href) == (s.strong, s.em, &s.href) => l.text.push_str(&s.text),
            _ => merged.push(s),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_embeds_address_is_one_an_autolink_holds() {
        let c =
            to_blocks("<figure class=\"wp-block-embed\">https://www.youtube.com/a>b</figure>", "https://regi.example/");
        let url = "https://www.youtube.com/a%3Eb";
        assert_eq!(c.blocks, vec![Block::Embed { url: url.into(), title: "www.youtube.com".into() }]);
        assert_eq!(crate::markdown::body(&c.blocks), format!("<{url}>\n"));
    }

    #[test]
    fn an_embed_needs_the_address_press_reads_as_one() {
        let c =
            to_blocks("<figure class=\"wp-block-embed\">https:/terkep.example/embed</figure>", "https://regi.example/");
        assert_eq!(c.blocks, vec![]);
        assert!(model::url::is_web_address("HTTPS://terkep.example/"));
        assert!(!model::url::is_web_address("https:/terkep.example/"));
    }

    #[test]
    fn a_caption_with_a_bar_splits_where_press_splits_it() {
        let html =
            r#"<figure><img src="/a.jpg" alt="a"><figcaption>Kép | rész <cite>Fotó: X</cite></figcaption></figure>"#;
        let Block::Image { image } = &to_blocks(html, "https://regi.example/").blocks[0] else { panic!("no image") };
        assert_eq!((image.caption.as_deref(), image.credit.as_deref()), (Some("Kép"), Some("rész | Fotó: X")));
    }

    #[test]
    fn emphasis_markdown_cannot_hold_is_plain() {
        let c = to_blocks("<p><strong>a.</strong>b <em>(x)</em> <strong>c</strong>!</p>", "https://regi.example/");
        let (em, strong) = (
            Span { text: "(x)".into(), em: true, ..Span::default() },
            Span { text: "c".into(), strong: true, ..Span::default() },
        );
        let want = vec![Span::plain("a.b "), em, Span::plain(" "), strong, Span::plain("!")];
        assert_eq!(c.blocks, vec![Block::Paragraph { spans: want }]);
    }

    #[test]
    fn a_paragraph_of_line_separators_is_no_paragraph() {
        assert_eq!(to_blocks("<p>\u{2028}\u{a0}</p>\u{2028}", "https://regi.example/").blocks, vec![]);
        // press trims one at the end of a paragraph too.
        let c = to_blocks("<p>vége\u{2028}</p>", "https://regi.example/");
        assert_eq!(c.blocks, vec![Block::Paragraph { spans: vec![Span::plain("vége")] }]);
    }

    #[test]
    fn a_marked_spans_edge_spaces_are_plain_as_press_reads_them() {
        let c = to_blocks(r#"<p>A <strong>erős </strong>és<a href="/x"> link </a>vége</p>"#, "https://regi.example/");
        let strong = Span { text: "erős".into(), strong: true, ..Span::default() };
        let link = Span { text: "link".into(), href: Some("https://regi.example/x".into()), ..Span::default() };
        let want = vec![Span::plain("A "), strong, Span::plain(" és "), link, Span::plain(" vége")];
        assert_eq!(c.blocks, vec![Block::Paragraph { spans: want }]);
        // Any kind of space: `**\u{b}a**` would be no emphasis.
        let c = to_blocks("<p>A <em>\u{b}dőlt</em></p>", "https://regi.example/");
        let em = Span { text: "dőlt".into(), em: true, ..Span::default() };
        assert_eq!(c.blocks, vec![Block::Paragraph { spans: vec![Span::plain("A \u{b}"), em] }]);
        assert_eq!(crate::markdown::body(&c.blocks), "A \u{b}*dőlt*\n");
    }

    #[test]
    fn embed_titles_name_the_host_as_press_does() {
        let c = to_blocks(r#"<p><oembed url="http://[::1]:8080/video"></oembed></p>"#, "https://regi.example/");
        assert_eq!(c.blocks, vec![Block::Embed { url: "http://[::1]:8080/video".into(), title: "[::1]".into() }]);
    }

    /// The target of a link and the source of an image with `reference`, converted against `base`.
    fn resolved(reference: &str, base: &str) -> (Option<String>, Option<String>) {
        let html = format!(r#"<p><a href="{reference}">x</a></p><p><img src="{reference}" alt=""></p>"#);
        let c = to_blocks(&html, base);
        let href = c.blocks.iter().find_map(|b| match b {
            Block::Paragraph { spans } => spans[0].href.clone(),
            _ => None,
        });
        let src = c.blocks.iter().find_map(|b| match b {
            Block::Image { image } => Some(image.src.clone()),
            _ => None,
        });
        (href, src)
    }

    #[test]
    fn links_and_images_resolve_as_a_browser_resolves_them() {
        let file = "https://regi.example/a/b.html";
        let dir = "https://regi.example/a/b/";
        for (reference, base, want) in [
            ("?p=2", file, "https://regi.example/a/b.html?p=2"),
            ("../x.jpg", file, "https://regi.example/x.jpg"),
            ("//cdn.example/x.jpg", file, "https://cdn.example/x.jpg"),
            ("#frag", file, "https://regi.example/a/b.html#frag"),
            ("/abs.jpg", file, "https://regi.example/abs.jpg"),
            ("x.jpg", file, "https://regi.example/a/x.jpg"),
            ("./x.jpg", file, "https://regi.example/a/x.jpg"),
            ("https://Other.example/y.jpg?z#w", file, "https://Other.example/y.jpg?z#w"),
            ("?p=2", dir, "https://regi.example/a/b/?p=2"),
            ("../x.jpg", dir, "https://regi.example/a/x.jpg"),
            ("//cdn.example/x.jpg", dir, "https://cdn.example/x.jpg"),
            ("#frag", dir, "https://regi.example/a/b/#frag"),
            ("/abs.jpg", dir, "https://regi.example/abs.jpg"),
            ("x.jpg", dir, "https://regi.example/a/b/x.jpg"),
            ("https://Other.example/y.jpg?z#w", dir, "https://Other.example/y.jpg?z#w"),
            (" x y.jpg ", dir, "https://regi.example/a/b/x%20y.jpg"),
        ] {
            let (href, src) = resolved(reference, base);
            assert_eq!(href.as_deref(), Some(want), "link {reference:?} against {base}");
            assert_eq!(src.as_deref(), Some(want), "image {reference:?} against {base}");
        }
        // Other schemes are left for the allow-list to judge.
        assert_eq!(resolved("mailto:szerk@regi.example", file).0.as_deref(), Some("mailto:szerk@regi.example"));
        assert_eq!(resolved("javascript:alert(1)", file), (None, None));
    }
}
