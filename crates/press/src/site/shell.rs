//! The app's built `index.html` as a template: its `<title>` and description taken out (each
//! route brings its own), a place for the route's head tags where the title was, and the start
//! of `<body>` for the prerendered markup. Trunk minifies the file (unquoted attributes, any
//! order), so tags are found by name and their attributes read as HTML does, not by exact text.

use std::path::Path;

use crate::error::Diagnostic;

const MARK: &str = "\u{1}press-head\u{1}";

#[derive(Debug)]
pub struct Shell {
    /// Up to where the route's head tags go.
    before_head: String,
    /// From there to the end of the `<body …>` start tag.
    to_body: String,
    /// The rest: the body's own content (usually none) and the end of the document.
    rest: String,
    /// Text of each inline script that runs (for the CSP hashes).
    pub inline_scripts: Vec<String>,
    /// `<meta name="hirlap-content-base" content>`, if any.
    pub content_base: Option<String>,
    /// `<meta name="theme-color" content>`, if any: the web app manifest's too.
    pub theme_color: Option<String>,
}

/// Byte offset of `needle` (ASCII, lower case) in `hay` at or after `from`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    (from..=h.len().checked_sub(n.len())?).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// The next start tag `<name` at or after `from`: its start and the offset just past its `>`.
fn find_tag(hay: &str, name: &str, mut from: usize) -> Option<(usize, usize)> {
    loop {
        let start = find_ci(hay, &format!("<{name}"), from)?;
        let after = start + 1 + name.len();
        match hay.as_bytes().get(after) {
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/') => {
                let end = tag_end(hay, after)?;
                return Some((start, end));
            }
            _ => from = after,
        }
    }
}

/// Offset just past the `>` closing a start tag, skipping `>` inside quoted values.
fn tag_end(hay: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in hay[from..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(from + i + 1),
            _ => {}
        }
    }
    None
}

/// The attributes of a start tag (`<name …>`), names lower-cased.
pub fn attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag.trim_start_matches('<').trim_end_matches('>').trim_end_matches('/');
    let mut chars = inner.char_indices().peekable();
    // Skip the tag name.
    while chars.next_if(|(_, c)| !c.is_whitespace()).is_some() {}
    let mut out = Vec::new();
    loop {
        while chars.next_if(|(_, c)| c.is_whitespace() || *c == '/').is_some() {}
        let Some(&(start, _)) = chars.peek() else { break };
        let mut end = start;
        while let Some((i, c)) = chars.next_if(|(_, c)| !c.is_whitespace() && *c != '=' && *c != '/') {
            end = i + c.len_utf8();
        }
        let name = inner[start..end].to_ascii_lowercase();
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if(|(_, c)| *c == '=').is_some() {
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            match chars.peek().map(|(_, c)| *c) {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    for (_, c) in chars.by_ref() {
                        if c == q {
                            break;
                        }
                        value.push(c);
                    }
                }
                _ => {
                    while let Some((_, c)) = chars.next_if(|(_, c)| !c.is_whitespace()) {
                        value.push(c);
                    }
                }
            }
        }
        if name.is_empty() {
            chars.next();
            continue;
        }
        out.push((name, decode_entities(&value)));
    }
    out
}

/// The few character references a minifier leaves in attribute values.
fn decode_entities(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

impl Shell {
    pub fn parse(html: &str, file: &Path) -> Result<Shell, Diagnostic> {
        let line_of = |offset: usize| html[..offset.min(html.len())].matches('\n').count() + 1;
        let mut s = html.to_owned();

        // The route's title replaces the shell's, in the same place.
        if let Some((start, open_end)) = find_tag(&s, "title", 0) {
            let close = find_ci(&s, "</title", open_end)
                .ok_or_else(|| Diagnostic::error(file, "<title> is never closed").at_line(line_of(start)))?;
            let end = tag_end(&s, close).unwrap_or(s.len());
            s.replace_range(start..end, MARK);
        }
        // And its description.
        let mut from = 0;
        let (mut content_base, mut theme_color) = (None, None);
        while let Some((start, end)) = find_tag(&s, "meta", from) {
            let attrs = attributes(&s[start..end]);
            let name = attr(&attrs, "name").map(str::to_ascii_lowercase);
            if name.as_deref() == Some("hirlap-content-base") {
                content_base = attr(&attrs, "content").map(str::to_owned);
            }
            if name.as_deref() == Some("theme-color") {
                theme_color = attr(&attrs, "content").map(str::to_owned);
            }
            if name.as_deref() == Some("description") {
                s.replace_range(start..end, "");
                from = start;
            } else {
                from = end;
            }
        }
        if !s.contains(MARK) {
            let at = find_ci(&s, "</head", 0)
                .or_else(|| find_tag(&s, "body", 0).map(|(b, _)| b))
                .ok_or_else(|| Diagnostic::error(file, "no </head> or <body> found: is this the app's index.html?"))?;
            s.insert_str(at, MARK);
        }
        let mark = s.find(MARK).expect("inserted above");
        let (_, body_end) = find_tag(&s, "body", mark).ok_or_else(|| {
            Diagnostic::error(file, "no <body> start tag after the head: press needs it to place the prerendered page")
        })?;
        if find_ci(&s, "id=\"prerender\"", 0).is_some() || find_ci(&s, "id=prerender", 0).is_some() {
            return Err(Diagnostic::error(file, "already holds a prerendered page, not the app's shell"));
        }

        let mut inline_scripts = Vec::new();
        let mut from = 0;
        while let Some((start, end)) = find_tag(&s, "script", from) {
            let attrs = attributes(&s[start..end]);
            let close = find_ci(&s, "</script", end)
                .ok_or_else(|| Diagnostic::error(file, "<script> is never closed").at_line(line_of(start)))?;
            let kind = attr(&attrs, "type").unwrap_or("").to_ascii_lowercase();
            // Speculation rules and import maps are JSON, but the CSP governs them as scripts.
            let runs = kind.is_empty()
                || kind == "module"
                || kind.contains("javascript")
                || kind == "speculationrules"
                || kind == "importmap";
            if attr(&attrs, "src").is_none() && runs {
                inline_scripts.push(s[end..close].to_owned());
            }
            from = close;
        }

        Ok(Shell {
            before_head: s[..mark].to_owned(),
            to_body: s[mark + MARK.len()..body_end].to_owned(),
            rest: s[body_end..].to_owned(),
            inline_scripts,
            content_base,
            theme_color,
        })
    }

    /// The page: the shell with `head` where its title was and `body` first in `<body>`.
    pub fn render(&self, head: &str, body: &str) -> String {
        let mut o = String::with_capacity(
            self.before_head.len() + self.to_body.len() + self.rest.len() + head.len() + body.len(),
        );
        o.push_str(&self.before_head);
        o.push_str(head);
        o.push_str(&self.to_body);
        o.push_str(body);
        o.push_str(&self.rest);
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<!doctype html><html lang=hu><meta charset=utf-8><meta content=/content/ name=hirlap-content-base><title>CIVILHETES</title><meta content=\"Független magazin.\" name=description><script src=/public/boot.js></script><script type=module>import init from '/hirlap-1.js';\nawait init();</script></head><body></body></html>";

    #[test]
    fn takes_out_title_and_description_and_finds_the_places() {
        let shell = Shell::parse(TRUNK, Path::new("dist/index.html")).unwrap();
        let page = shell.render("<title>T</title>", "<div id=\"prerender\"></div>");
        assert!(page.starts_with("<!doctype html><html lang=hu><meta charset=utf-8><meta content=/content/ name=hirlap-content-base><title>T</title><script src=/public/boot.js>"));
        assert!(page.ends_with("</head><body><div id=\"prerender\"></div></body></html>"));
        assert!(!page.contains("CIVILHETES") && !page.contains("description"));
        assert_eq!(shell.inline_scripts, vec!["import init from '/hirlap-1.js';\nawait init();"]);
        assert_eq!(shell.content_base.as_deref(), Some("/content/"));
    }

    #[test]
    fn hashes_speculation_rules_as_scripts_and_leaves_data_alone() {
        let with = TRUNK.replace(
            "</head>",
            "<script type=speculationrules>{\"prerender\":[]}</script><script type=application/ld+json>{}</script></head>",
        );
        let shell = Shell::parse(&with, Path::new("dist/index.html")).unwrap();
        assert_eq!(shell.inline_scripts, vec!["import init from '/hirlap-1.js';\nawait init();", "{\"prerender\":[]}"]);
    }

    #[test]
    fn reads_attributes_as_html_does() {
        let a = attributes("<meta content=\"a > b\" NAME=description data-x='y' hidden>");
        assert_eq!(
            a,
            vec![
                ("content".into(), "a > b".into()),
                ("name".into(), "description".into()),
                ("data-x".into(), "y".into()),
                ("hidden".into(), String::new())
            ]
        );
        assert_eq!(find_tag("<bodyx><body class=a>", "body", 0), Some((7, 21)));
    }

    #[test]
    fn refuses_a_prerendered_page_and_a_page_without_body() {
        let pre = TRUNK.replace("<body>", "<body><div id=\"prerender\">");
        assert!(Shell::parse(&pre, Path::new("i.html")).unwrap_err().message.contains("prerendered"));
        let err = Shell::parse("<html><title>x</title></html>", Path::new("i.html")).unwrap_err();
        assert!(err.message.contains("<body>"), "{err}");
    }
}
