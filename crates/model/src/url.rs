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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_web_mail_and_relative() {
        for ok in
            ["https://example.com/a?b#c", "http://x.hu", "mailto:szerk@x.hu", "/rovat/belfold", "#top", "cikk?x=1"]
        {
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
}
