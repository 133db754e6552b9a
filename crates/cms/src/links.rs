//! Addresses from the CMS, read as a browser reads them (the `url` crate, which implements the
//! WHATWG URL standard): references in bodies resolved against the page they came from, the site
//! path of an old URL, and the form in which two spellings of one address compare equal.

use percent_encoding::percent_decode_str;
use url::Url;

/// `reference` (an `href`, an image `src`, a `links.next`) made absolute against `base` as a
/// browser does it: `?p=2`, `../x.jpg`, `//host/x`, `#frag`, `/abs` and `x.jpg` are all relative
/// to the document at `base` (a file or a folder with a trailing slash alike).
///
/// A reference that has a scheme of its own is returned as written (trimmed, and without the
/// tabs and newlines a browser ignores, which would end a Markdown link): re-serialising it
/// would turn the CMS's readable spelling into escapes and punycode in the Markdown, and its
/// scheme is for the allow-list (`model::url`) to judge. Without an absolute `base`, or when no
/// parser takes the reference, it comes back trimmed, as it was.
pub fn resolve(base: &str, reference: &str) -> String {
    let reference = without_tabs_and_newlines(reference.trim());
    let reference = reference.as_str();
    if Url::parse(reference).is_ok() {
        return reference.to_owned();
    }
    match Url::parse(base.trim()).and_then(|b| b.join(reference)) {
        Ok(absolute) => absolute.into(),
        Err(_) => reference.to_owned(),
    }
}

/// The path part of `url` when it is on the same host and port as `base` (an old URL that can
/// become a redirect), without query or fragment; `None` for the home page or another host.
///
/// The path is returned as the CMS spells it, not re-escaped: press serve and `_redirects`
/// compare it with the paths readers ask for, and aliases pulled before must stay the same.
///
/// A browser ignores tabs and newlines anywhere in a URL, so they are left out; a path that a
/// redirect rule cannot hold as it is (`model::url::is_alias`: a `:`, a control character, a
/// space) is `None`, since press would refuse the article that carried it.
pub fn same_site_path(url: &str, base: &str) -> Option<String> {
    let url = without_tabs_and_newlines(url.trim());
    let url = url.as_str();
    let (parsed, base) = (Url::parse(url).ok()?, Url::parse(base.trim()).ok()?);
    if parsed.host_str()? != base.host_str()? || parsed.port() != base.port() {
        return None;
    }
    // The authority ends at the first of these after `scheme://` (WHATWG URL §4.4, authority state).
    let after_scheme = url.split_once("://")?.1;
    let path = &after_scheme[after_scheme.find(['/', '\\', '?', '#'])?..];
    let path = path.split(['?', '#']).next().unwrap_or_default();
    model::url::is_alias(path).then(|| path.to_owned())
}

/// `url` without the ASCII tabs and newlines that a browser's URL parser removes from it
/// (WHATWG URL §4.4) before it reads anything else.
fn without_tabs_and_newlines(url: &str) -> String {
    url.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect()
}

/// An address as compared for link rewriting: resolved (scheme and host lower case, default
/// port and dot segments gone), without fragment or trailing slash, escapes decoded so that
/// WordPress's `%c3%a1` and an editor's `á` or `%C3%A1` meet.
pub fn link_key(url: &str) -> String {
    let url = url.trim();
    let whole = match Url::parse(url) {
        Ok(mut parsed) => {
            parsed.set_fragment(None);
            String::from(parsed)
        }
        Err(_) => url.split('#').next().unwrap_or_default().to_owned(),
    };
    percent_decode_str(whole.trim_end_matches('/')).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_against_a_file_and_a_folder() {
        let file = "https://regi.example/a/b.html";
        let dir = "https://regi.example/a/b/";
        for (reference, base, want) in [
            ("?p=2", file, "https://regi.example/a/b.html?p=2"),
            ("../x.jpg", file, "https://regi.example/x.jpg"),
            ("//cdn.example/x", file, "https://cdn.example/x"),
            ("#frag", file, "https://regi.example/a/b.html#frag"),
            ("/abs", file, "https://regi.example/abs"),
            ("x.jpg", file, "https://regi.example/a/x.jpg"),
            ("https://Other.example/ä?q#f", file, "https://Other.example/ä?q#f"),
            ("?p=2", dir, "https://regi.example/a/b/?p=2"),
            ("../x.jpg", dir, "https://regi.example/a/x.jpg"),
            ("//cdn.example/x", dir, "https://cdn.example/x"),
            ("#frag", dir, "https://regi.example/a/b/#frag"),
            ("/abs", dir, "https://regi.example/abs"),
            ("x.jpg", dir, "https://regi.example/a/b/x.jpg"),
            ("https://Other.example/ä?q#f", dir, "https://Other.example/ä?q#f"),
            ("/x", "https://regi.example", "https://regi.example/x"),
            ("mailto:szerk@regi.example", dir, "mailto:szerk@regi.example"),
            ("  x.jpg\n", dir, "https://regi.example/a/b/x.jpg"),
            // A browser ignores tabs and newlines inside a URL; in Markdown they end the link.
            ("https://bkk.example/te\nrv", dir, "https://bkk.example/terv"),
            ("x\t.jpg", "", "x.jpg"),
            // No absolute base: nothing to resolve against.
            ("x.jpg", "", "x.jpg"),
            ("/x", "/a/b", "/x"),
        ] {
            assert_eq!(resolve(base, reference), want, "{reference:?} against {base:?}");
        }
    }

    #[test]
    fn site_paths_keep_the_cms_spelling() {
        let base = "https://regi.example";
        assert_eq!(same_site_path("https://regi.example/hírek/x", base).as_deref(), Some("/hírek/x"));
        assert_eq!(same_site_path("https://regi.example/%c3%a1/", base).as_deref(), Some("/%c3%a1/"));
        assert_eq!(same_site_path("https://regi.example/a*b", base), None);
        assert_eq!(same_site_path("https://regi.example?p=1", base), None);
    }

    #[test]
    fn site_paths_are_paths_a_redirect_rule_holds() {
        let base = "https://regi.example/";
        // A browser reads the URL without its tabs and newlines; a `_redirects` rule is one line.
        assert_eq!(same_site_path("https://regi.example/a\n/b\t/", base).as_deref(), Some("/a/b/"));
        assert_eq!(same_site_path("https://regi.example/a:b/", base), None);
        assert_eq!(same_site_path("https://regi.example/a\u{1e}b/", base), None);
        assert_eq!(same_site_path("https://regi.example/a\u{a0}b/", base), None);
    }

    #[test]
    fn link_keys_meet_across_spellings() {
        assert_eq!(link_key("http://h.example/%c3%a1rv%C3%ADz/"), link_key("http://h.example/árvíz"));
        assert_eq!(link_key("http://h.example/?p=12"), link_key("http://h.example?p=12#x"));
        assert_ne!(link_key("http://h.example/?p=12"), link_key("http://h.example/?p=13"));
        let section = model::paths::section("x");
        assert_eq!(link_key(&format!("{section}/")), section);
    }

    #[test]
    fn site_paths_of_urls_on_the_same_host() {
        let base = "http://host.example";
        assert_eq!(same_site_path("http://host.example/2024/05/x/?p=1#c", base).as_deref(), Some("/2024/05/x/"));
        assert_eq!(same_site_path("https://HOST.example:443/x", "https://host.example/").as_deref(), Some("/x"));
        assert_eq!(same_site_path("http://host.example:80/x", base).as_deref(), Some("/x"));
        assert_eq!(same_site_path("http://user@host.example/x", base).as_deref(), Some("/x"));
        assert_eq!(same_site_path("http://host.example/", base), None);
        assert_eq!(same_site_path("http://host.example", base), None);
        assert_eq!(same_site_path("http://other.example/x", base), None);
        assert_eq!(same_site_path("http://host.example:8080/x", base), None);
        assert_eq!(same_site_path("/x", base), None);
    }

    #[test]
    fn links_compare_without_slash_and_case() {
        assert_eq!(link_key("HTTP://Host.example/2024/01/x/#c"), "http://host.example/2024/01/x");
        assert_eq!(link_key("http://host.example:80/2024/01/x/"), link_key("http://host.example/2024/01/x"));
        assert_eq!(link_key("http://host.example/2024/01/./x/"), link_key("http://host.example/2024/01/x"));
    }
}
