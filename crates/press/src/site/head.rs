//! The `<head>` tags of one route: title, description, canonical, Open Graph, Twitter card,
//! feeds, and JSON-LD `NewsArticle` for articles.

use model::{paths, Article, Image, Site};
use serde_json::json;

/// An image for previews, its URL made absolute.
pub struct PreviewImage {
    pub url: String,
    pub alt: String,
    pub width: u32,
    pub height: u32,
}

impl PreviewImage {
    /// `image` as `hirlap::meta` chose it for previews (a photo's 1200 px JPEG), made absolute.
    pub fn of(image: &Image, base_url: &str) -> Option<Self> {
        let src = image.src.as_str();
        model::url::safe_image(src)?;
        let url = if src.starts_with('/') { format!("{base_url}{src}") } else { src.to_owned() };
        Some(PreviewImage { url, alt: image.alt.clone(), width: image.width, height: image.height })
    }
}

/// What a route says about itself in `<head>`.
pub struct Head {
    /// The document title exactly as the app sets it ("<title> | <site>", the site alone for home).
    pub title: String,
    /// The title without the site name, for Open Graph and Twitter.
    pub share_title: String,
    pub description: String,
    /// Site-relative path of the canonical URL; `None` for 404.html.
    pub canonical: Option<String>,
    pub image: Option<PreviewImage>,
    pub article: Option<ArticleHead>,
    /// `noindex` for the search page and 404.
    pub noindex: bool,
    /// Extra feeds besides the site's (a section's own): (title, site-relative href).
    pub feeds: Vec<(String, String)>,
}

pub struct ArticleHead {
    pub published: String,
    pub modified: String,
    pub section: String,
    pub tags: Vec<String>,
    pub author_url: String,
    pub json_ld: String,
}

/// Appends `s` as HTML text.
pub fn text(o: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            _ => o.push(c),
        }
    }
}

/// Appends `s` as the value of a double-quoted attribute.
pub fn attr(o: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            _ => o.push(c),
        }
    }
}

/// JSON inside `<script>`: nothing in it may close the element or open a comment, and old
/// JavaScript parsers choke on raw U+2028/U+2029.
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    push_script_json(&mut out, json);
    out
}

/// [`script_json`] appended to `out`, in one pass.
pub fn push_script_json(out: &mut String, json: &str) {
    let mut rest = json;
    while let Some(i) = rest.find(['<', '\u{2028}', '\u{2029}']) {
        out.push_str(&rest[..i]);
        let c = rest[i..].chars().next().expect("find returned a char boundary");
        out.push_str(match c {
            '<' => "\\u003c",
            '\u{2028}' => "\\u2028",
            _ => "\\u2029",
        });
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(rest);
}

/// Every tag below is marked `data-prerender`: they describe the page press served, so the app
/// can drop them when the reader navigates to another route (the title it manages itself).
fn meta(o: &mut String, key: &str, name: &str, content: &str) {
    o.push_str("<meta data-prerender ");
    o.push_str(key);
    o.push_str("=\"");
    attr(o, name);
    o.push_str("\" content=\"");
    attr(o, content);
    o.push_str("\">");
}

impl Head {
    pub fn render(&self, site: &Site) -> String {
        let base = &site.base_url;
        let mut o = String::with_capacity(2048);
        o.push_str("<title>");
        text(&mut o, &self.title);
        o.push_str("</title>");
        meta(&mut o, "name", "description", &self.description);
        if self.noindex {
            meta(&mut o, "name", "robots", "noindex, follow");
        }
        let url = self.canonical.as_ref().map(|p| format!("{base}{p}"));
        if let Some(u) = &url {
            o.push_str("<link data-prerender rel=\"canonical\" href=\"");
            attr(&mut o, u);
            o.push_str("\">");
        }
        o.push_str("<link data-prerender rel=\"alternate\" type=\"application/rss+xml\" title=\"");
        attr(&mut o, &site.name);
        o.push_str("\" href=\"");
        attr(&mut o, paths::FEED);
        o.push_str("\">");
        for (title, href) in &self.feeds {
            o.push_str("<link data-prerender rel=\"alternate\" type=\"application/rss+xml\" title=\"");
            attr(&mut o, title);
            o.push_str("\" href=\"");
            attr(&mut o, href);
            o.push_str("\">");
        }

        meta(&mut o, "property", "og:type", if self.article.is_some() { "article" } else { "website" });
        meta(&mut o, "property", "og:site_name", &site.name);
        meta(&mut o, "property", "og:locale", "hu_HU");
        meta(&mut o, "property", "og:title", &self.share_title);
        meta(&mut o, "property", "og:description", &self.description);
        if let Some(u) = &url {
            meta(&mut o, "property", "og:url", u);
        }
        if let Some(img) = &self.image {
            meta(&mut o, "property", "og:image", &img.url);
            meta(&mut o, "property", "og:image:width", &img.width.to_string());
            meta(&mut o, "property", "og:image:height", &img.height.to_string());
            if !img.alt.is_empty() {
                meta(&mut o, "property", "og:image:alt", &img.alt);
            }
        }
        if let Some(a) = &self.article {
            meta(&mut o, "property", "article:published_time", &a.published);
            meta(&mut o, "property", "article:modified_time", &a.modified);
            meta(&mut o, "property", "article:section", &a.section);
            meta(&mut o, "property", "article:author", &a.author_url);
            for t in &a.tags {
                meta(&mut o, "property", "article:tag", t);
            }
        }
        meta(&mut o, "name", "twitter:card", if self.image.is_some() { "summary_large_image" } else { "summary" });
        meta(&mut o, "name", "twitter:title", &self.share_title);
        meta(&mut o, "name", "twitter:description", &self.description);
        if let Some(img) = &self.image {
            meta(&mut o, "name", "twitter:image", &img.url);
            if !img.alt.is_empty() {
                meta(&mut o, "name", "twitter:image:alt", &img.alt);
            }
        }
        if let Some(a) = &self.article {
            o.push_str("<script data-prerender type=\"application/ld+json\">");
            o.push_str(&script_json(&a.json_ld));
            o.push_str("</script>");
        }
        o
    }
}

/// The publisher's logo: the favicon the shell links to.
pub const LOGO_PATH: &str = "/public/favicon.svg";

/// Schema.org `NewsArticle` for an article.
pub fn news_article_ld(a: &Article, site: &Site) -> String {
    let base = &site.base_url;
    let url = format!("{base}{}", a.path);
    let modified = a.updated.unwrap_or(a.published);
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "description": a.lead,
        "datePublished": a.published.to_rfc3339(),
        "dateModified": modified.to_rfc3339(),
        "inLanguage": "hu",
        "author": [{
            "@type": "Person",
            "name": a.author.name,
            "url": format!("{base}{}", paths::author(&a.author.slug)),
        }],
        "publisher": {
            "@type": "Organization",
            "name": site.name,
            "url": format!("{base}{}", paths::HOME),
            "logo": { "@type": "ImageObject", "url": format!("{base}{LOGO_PATH}") },
        },
        "mainEntityOfPage": { "@type": "WebPage", "@id": url },
        "url": url,
        "articleSection": a.section.name,
        "keywords": a.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", "),
    });
    if let Some(img) = a.cover.as_ref().and_then(|c| PreviewImage::of(&hirlap::meta::preview_image(c), base)) {
        ld["image"] = json!([{ "@type": "ImageObject", "url": img.url, "width": img.width, "height": img.height }]);
    }
    if let Some(live) = &a.live {
        live_blog_ld(&mut ld, a, live, &url);
    }
    ld.to_string()
}

/// How many of a live blog's newest entries its JSON-LD lists: search engines read the recent
/// ones, and a long night's coverage should not make every copy of the page heavy.
const LD_ENTRIES: usize = 50;

/// Turns `ld` into Schema.org `LiveBlogPosting`: the coverage's times and its newest entries,
/// each a `BlogPosting` at its own anchor.
fn live_blog_ld(ld: &mut serde_json::Value, a: &Article, live: &model::Live, url: &str) {
    ld["@type"] = json!("LiveBlogPosting");
    ld["coverageStartTime"] = json!(a.published.to_rfc3339());
    if let Some(end) = live.ended {
        ld["coverageEndTime"] = json!(end.to_rfc3339());
    }
    let updates: Vec<serde_json::Value> = live
        .entries
        .iter()
        .take(LD_ENTRIES)
        .map(|e| {
            json!({
                "@type": "BlogPosting",
                "headline": hirlap::meta::live_entry_headline(e),
                "datePublished": e.time.to_rfc3339(),
                "url": format!("{url}#{}", e.id),
            })
        })
        .collect();
    ld["liveBlogUpdate"] = json!(updates);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(r#"{"t":"</script><!-- x \u2028"}"#);
        assert!(!s.contains('<'));
        assert_eq!(script_json("a\u{2028}b\u{2029}"), "a\\u2028b\\u2029");
        let v: serde_json::Value = serde_json::from_str(&script_json("{\"t\":\"</script>\u{2028}\"}")).unwrap();
        assert_eq!(v["t"], "</script>\u{2028}");
    }
}
