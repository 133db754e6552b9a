//! RSS 2.0 feeds, sitemaps (split past 50,000 URLs) and the Google News sitemap.

use model::{paths, Article, Timestamp};

/// URLs per sitemap file (the protocol's limit).
pub const SITEMAP_MAX: usize = 50_000;
/// Items per RSS feed.
pub const FEED_ITEMS: usize = 50;
/// The News sitemap lists the articles of this many hours before the newest one…
pub const NEWS_HOURS: i64 = 48;
/// …and at most this many (Google's limit).
pub const NEWS_MAX: usize = 1000;

/// Appends `s` as XML character data or attribute value: markup characters escaped, characters
/// XML 1.0 does not allow (most C0 controls, U+FFFE, U+FFFF) dropped.
pub fn xml_text(o: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\t' | '\n' | '\r' => o.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => o.push(c),
        }
    }
}

fn tag(o: &mut String, name: &str, value: &str) {
    o.push('<');
    o.push_str(name);
    o.push('>');
    xml_text(o, value);
    o.push_str("</");
    o.push_str(name);
    o.push('>');
}

/// One RSS channel.
pub struct Channel<'a> {
    pub title: &'a str,
    /// Absolute URL of the page the feed belongs to.
    pub link: &'a str,
    pub description: &'a str,
    /// Absolute URL of the feed itself.
    pub self_url: &'a str,
}

/// RSS 2.0 with `atom:link rel=self`, newest first; `items` are cut to `FEED_ITEMS`.
pub fn rss(channel: &Channel, base_url: &str, items: &[&Article]) -> String {
    let mut o = String::with_capacity(4096 + items.len() * 1024);
    o.push_str(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    o.push('\n');
    o.push_str(r#"<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>"#);
    tag(&mut o, "title", channel.title);
    tag(&mut o, "link", channel.link);
    tag(&mut o, "description", channel.description);
    tag(&mut o, "language", "hu");
    if let Some(newest) = items.first() {
        tag(&mut o, "lastBuildDate", &newest.updated.unwrap_or(newest.published).to_rfc2822());
    }
    o.push_str(r#"<atom:link href=""#);
    xml_text(&mut o, channel.self_url);
    o.push_str(r#"" rel="self" type="application/rss+xml"/>"#);
    for a in items.iter().take(FEED_ITEMS) {
        let link = format!("{base_url}{}", a.path);
        o.push_str("<item>");
        tag(&mut o, "title", &a.title);
        tag(&mut o, "link", &link);
        o.push_str(r#"<guid isPermaLink="true">"#);
        xml_text(&mut o, &link);
        o.push_str("</guid>");
        tag(&mut o, "pubDate", &a.published.to_rfc2822());
        tag(&mut o, "description", &a.lead);
        tag(&mut o, "dc:creator", &a.author.name);
        for t in &a.tags {
            tag(&mut o, "category", &t.name);
        }
        o.push_str("</item>");
    }
    o.push_str("</channel></rss>\n");
    o
}

/// One URL of the sitemap.
pub struct SitemapUrl {
    /// Absolute.
    pub loc: String,
    pub lastmod: Option<Timestamp>,
}

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

fn urlset(urls: &[SitemapUrl]) -> String {
    let mut o = String::with_capacity(128 + urls.len() * 120);
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"");
    o.push_str(SITEMAP_NS);
    o.push_str("\">");
    for u in urls {
        o.push_str("<url>");
        tag(&mut o, "loc", &u.loc);
        if let Some(t) = &u.lastmod {
            tag(&mut o, "lastmod", &t.to_rfc3339());
        }
        o.push_str("</url>");
    }
    o.push_str("</urlset>\n");
    o
}

/// `(file name, XML)`: one `sitemap.xml`, or past `max` URLs the parts `sitemap-1.xml`… and
/// `sitemap.xml` as their index.
pub fn sitemaps(urls: &[SitemapUrl], base_url: &str, max: usize) -> Vec<(String, String)> {
    if urls.len() <= max {
        return vec![(paths::file(paths::SITEMAP), urlset(urls))];
    }
    let mut files = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"");
    index.push_str(SITEMAP_NS);
    index.push_str("\">");
    for (i, part) in urls.chunks(max).enumerate() {
        let path = paths::sitemap_part(i + 1);
        index.push_str("<sitemap>");
        tag(&mut index, "loc", &format!("{base_url}{path}"));
        if let Some(t) = part.iter().filter_map(|u| u.lastmod).max() {
            tag(&mut index, "lastmod", &t.to_rfc3339());
        }
        index.push_str("</sitemap>");
        files.push((paths::file(&path), urlset(part)));
    }
    index.push_str("</sitemapindex>\n");
    files.push((paths::file(paths::SITEMAP), index));
    files
}

/// The Google News sitemap: articles of the `NEWS_HOURS` before the newest (not the wall clock,
/// so a build is reproducible), newest first, at most `NEWS_MAX`.
pub fn news_sitemap(publication: &str, base_url: &str, articles: &[&Article]) -> String {
    let mut o = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"");
    o.push_str(SITEMAP_NS);
    o.push_str("\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">");
    if let Some(newest) = articles.first().map(|a| a.published) {
        let window = chrono::TimeDelta::hours(NEWS_HOURS);
        for a in articles.iter().take_while(|a| newest - a.published <= window).take(NEWS_MAX) {
            o.push_str("<url>");
            tag(&mut o, "loc", &format!("{base_url}{}", a.path));
            o.push_str("<news:news><news:publication>");
            tag(&mut o, "news:name", publication);
            tag(&mut o, "news:language", "hu");
            o.push_str("</news:publication>");
            tag(&mut o, "news:publication_date", &a.published.to_rfc3339());
            tag(&mut o, "news:title", &a.title);
            o.push_str("</news:news></url>");
        }
    }
    o.push_str("</urlset>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_escapes_markup_and_drops_invalid_characters() {
        let mut o = String::new();
        xml_text(&mut o, "a&b<c>d\"e'f]]>\u{0}\u{1b}\u{FFFF}\tz");
        assert_eq!(o, "a&amp;b&lt;c&gt;d&quot;e&apos;f]]&gt;\tz");
    }

    #[test]
    fn splits_past_the_limit_into_parts_and_an_index() {
        let urls: Vec<SitemapUrl> =
            (0..7).map(|i| SitemapUrl { loc: format!("https://x.example/{i}"), lastmod: None }).collect();
        let one = sitemaps(&urls, "https://x.example", 7);
        assert_eq!(one.len(), 1);
        let files = sitemaps(&urls, "https://x.example", 3);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]);
        assert!(files[3].1.contains("<loc>https://x.example/sitemap-3.xml</loc>"));
        assert_eq!(files[2].1.matches("<url>").count(), 1);
    }
}
