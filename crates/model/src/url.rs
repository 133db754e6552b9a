//! The URL-scheme allow-list for links and images in content. Content never reaches the DOM
//! as HTML, but an `href` is still code if it says `javascript:`.

/// Schemes a content link may use. Anything else (javascript:, data:, vbscript:, …) is dropped.
const LINK_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];
const IMAGE_SCHEMES: [&str; 2] = ["http", "https"];

/// The scheme of `url` as a browser would read it (leading spaces and embedded tabs or
/// newlines ignored), lower case; `None` for a relative URL.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String =
        url.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    if cleaned[end..].starts_with(':') {
        Some(cleaned[..end].to_ascii_lowercase())
    } else {
        None
    }
}

fn allowed(url: &str, schemes: &[&str]) -> bool {
    if url.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        return false;
    }
    match scheme(url) {
        Some(s) => schemes.contains(&s.as_str()),
        // Relative URLs stay on the site; the only relative form we refuse is one that
        // starts with a control-ish character a browser would strip.
        None => !url.is_empty() && url.trim_start_matches(|c: char| c <= ' ').len() == url.len(),
    }
}

/// `Some(url)` when `url` may be used as a link target.
pub fn safe_link(url: &str) -> Option<&str> {
    allowed(url, &LINK_SCHEMES).then_some(url)
}

/// `Some(url)` when `url` may be used as an image source.
pub fn safe_image(url: &str) -> Option<&str> {
    allowed(url, &IMAGE_SCHEMES).then_some(url)
}

/// Whether `url` is an absolute http(s) address (`http://` or `https://`, in any case) that a
/// link may use: what an embed needs. press reads a Markdown autolink as an embed by it, and the
/// CMS pull makes embeds only of such addresses, so the two agree.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && safe_link(url).is_some()
}

/// Whether `path` can be an article's old URL (`aliases`): a site path that a host's redirect
/// rules (`_redirects`: one rule a line, fields split at whitespace, `*` a pattern, no query)
/// hold as it is. press refuses any other alias; the CMS pull keeps no other.
pub fn is_alias(path: &str) -> bool {
    path.starts_with('/')
        && path != "/"
        && !path.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '*' | '?' | '#' | ':'))
}

/// The host of a URL, lower case, without scheme, user info, port, path, query or fragment;
/// an IPv6 literal keeps its brackets (`http://[::1]:80/` → `[::1]`). A URL without a scheme
/// (`example.com/x`, `//example.com/x`) is read as starting with its host. The title of an
/// embed card: press (from Markdown) and the CMS pull (from HTML) must derive the same one.
pub fn host(url: &str) -> String {
    let url = url.trim();
    let rest = match url.split_once("://") {
        Some((scheme, rest)) if is_scheme(scheme) => rest,
        _ => url.strip_prefix("//").unwrap_or(url),
    };
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if authority.starts_with('[') {
        authority.split_inclusive(']').next().unwrap_or(authority)
    } else {
        authority.split(':').next().unwrap_or(authority)
    };
    host.to_ascii_lowercase()
}

/// `http`, `svn+ssh`, …: a letter, then letters, digits, `+`, `-` or `.` (RFC 3986 §3.1).
fn is_scheme(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_web_mail_and_relative() {
        let section = crate::paths::section("belfold");
        for ok in ["https://example.com/a?b#c", "http://x.hu", "mailto:szerk@x.hu", &section, "#top", "cikk?x=1"] {
            assert_eq!(safe_link(ok), Some(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_script_and_data_in_any_disguise() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "\u{0}javascript:alert(1)",
            "",
        ] {
            assert_eq!(safe_link(bad), None, "{bad:?}");
        }
        assert_eq!(safe_image("data:image/svg+xml,<svg onload=alert(1)>"), None);
        assert_eq!(safe_image("mailto:x@y.hu"), None);
        assert_eq!(safe_image("/public/img/a.jpg"), Some("/public/img/a.jpg"));
    }

    #[test]
    fn host_of_urls() {
        for (url, host) in [
            ("https://www.YouTube.com/watch?v=1", "www.youtube.com"),
            ("HTTP://EXAMPLE.COM", "example.com"),
            ("http://user@example.com:8080/x", "example.com"),
            ("https://user:secret@example.com/@name", "example.com"),
            ("https://example.com:443", "example.com"),
            ("https://example.com?x", "example.com"),
            ("https://example.com#top", "example.com"),
            ("http://[::1]:80/x", "[::1]"),
            ("http://[2001:DB8::1]/", "[2001:db8::1]"),
            ("http://127.0.0.1:8081/wp-json/", "127.0.0.1"),
            ("example.com/x?y", "example.com"),
            ("Example.com:8080", "example.com"),
            ("//cdn.example/x.jpg", "cdn.example"),
            ("  https://example.com/a  ", "example.com"),
            ("https://example.com/r?to=http://other.example/", "example.com"),
            ("example.com/r?to=http://other.example/", "example.com"),
        ] {
            assert_eq!(super::host(url), host, "{url}");
        }
    }
}
