//! Files for the static host: robots.txt, Netlify-style `_redirects` and `_headers` (with the
//! Content-Security-Policy).

use base64::Engine;
use model::paths;
use sha2::{Digest, Sha256};

/// What the policy has to allow beyond the site's own origin.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CspSources {
    /// `'sha256-…'` of each inline script of the shell (Trunk's module loader).
    pub script_hashes: Vec<String>,
    /// The origin of the content API when the shell's `hirlap-content-base` is on another host.
    pub connect_origins: Vec<String>,
}

/// `'sha256-<base64>'` of an inline script's text as the browser hashes it (after the HTML
/// parser turned CR LF into LF).
pub fn script_hash(script: &str) -> String {
    let normalized = script.replace("\r\n", "\n").replace('\r', "\n");
    let digest = Sha256::digest(normalized.as_bytes());
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// The Content-Security-Policy of every page, in one place so it is easy to tighten: once the
/// inline loader moves into a file, `script_hashes` is empty and `script-src` is `'self'` plus
/// `'wasm-unsafe-eval'` (needed to compile the wasm). JSON data blocks and JSON-LD are not
/// scripts to the browser and need nothing.
pub fn content_security_policy(src: &CspSources) -> String {
    let join = |fixed: &[&str], extra: &[String]| {
        fixed.iter().map(|s| (*s).to_owned()).chain(extra.iter().cloned()).collect::<Vec<_>>().join(" ")
    };
    [
        "default-src 'self'".to_owned(),
        format!("script-src {}", join(&["'self'", "'wasm-unsafe-eval'"], &src.script_hashes)),
        "style-src 'self'".to_owned(),
        "img-src 'self' data:".to_owned(),
        format!("connect-src {}", join(&["'self'"], &src.connect_origins)),
        "object-src 'none'".to_owned(),
        "frame-ancestors 'none'".to_owned(),
        "base-uri 'self'".to_owned(),
        "form-action 'self'".to_owned(),
    ]
    .join("; ")
}

/// `https://host[:port]` of an absolute http(s) URL.
pub fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    if host.is_empty() || !host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']')) {
        return None;
    }
    Some(format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// How long a cache may serve HTML and JSON (pages, `/content/*`, feeds, sitemaps) without
/// asking: a minute, so a correction or a new article reaches every reader within about a
/// minute of the upload. After that a cache may keep serving its copy for ten more minutes
/// while it fetches the new one in the background (`stale-while-revalidate`): during a traffic
/// spike no reader waits on the origin, and a rarely read page is at most that much older for
/// the one reader who wakes it. When the origin fails, a day of the last copy
/// (`stale-if-error`) beats an error page. Revalidating an unchanged file costs a 304.
pub const CACHE_SHORT: &str = "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400";
/// Files whose name changes when their bytes do: a year, and never revalidated.
pub const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The paths whose names carry a hash of their content, and so may be cached for good:
/// Trunk's app files (`hirlap-<hash>.js`, `hirlap-<hash>_bg.wasm`, `main-<hash>.css`, the
/// hash being of the file's bytes) and press's photo copies, `/public/_photos/<hash>-<w>.<ext>`
/// and their manifests `<hash>.json`, named by the hash of the source photo (a changed photo
/// gets new names; see crate::photos). Everything else under /public/ keeps its name when an
/// editor replaces it, so it gets the short rule.
pub const IMMUTABLE_PATTERNS: [&str; 4] = ["/hirlap-*_bg.wasm", "/hirlap-*.js", "/main-*.css", "/public/_photos/*"];

/// `_headers`: the policy and security headers everywhere, [`CACHE_SHORT`] for HTML and JSON,
/// [`CACHE_IMMUTABLE`] for [`IMMUTABLE_PATTERNS`]. Netlify applies every matching rule and for
/// a header set by two of them serves the later one, so the specific rules come after `/*`
/// (docs/PUBLISHING.md: Cloudflare Pages joins the two values instead).
pub fn headers_file(csp: &str) -> String {
    let mut o = String::from(
        "# Written by press site. Hashed assets change name when they change; HTML, JSON and other /public/ files do not.\n",
    );
    o.push_str(&format!(
        "/*\n  Content-Security-Policy: {csp}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  Cache-Control: {CACHE_SHORT}\n"
    ));
    o.push_str(&format!("{}*\n  Cache-Control: {CACHE_SHORT}\n", paths::CONTENT_BASE));
    for pattern in IMMUTABLE_PATTERNS {
        o.push_str(&format!("{pattern}\n  Cache-Control: {CACHE_IMMUTABLE}\n"));
    }
    o
}

/// The web app manifest's file name at the top of dist (the shell links it).
pub const WEB_MANIFEST: &str = "manifest.webmanifest";

/// The web app manifest: the site installable under its own name, opening at home, in its
/// theme colour, with the favicon as its icon (an SVG serves every size).
pub fn web_manifest(name: &str, description: &str, theme_color: Option<&str>) -> String {
    let mut m = serde_json::json!({
        "name": name,
        "short_name": name,
        "description": description,
        "lang": "hu",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "icons": [{ "src": "/public/favicon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any" }],
    });
    if let Some(c) = theme_color {
        m["theme_color"] = c.into();
        m["background_color"] = "#ffffff".into();
    }
    serde_json::to_string_pretty(&m).expect("a manifest serializes") + "\n"
}

/// `_redirects`: an article's old URLs (its `aliases`) move permanently to it; every other
/// path without a file gets the app's 404 view with status 404. Netlify takes the first rule
/// that matches, so the catch-all comes last.
pub fn redirects_file(redirects: &[(&str, &str)]) -> String {
    let mut o = String::new();
    for (from, to) in redirects {
        o.push_str(&format!("{from}  {to}  301\n"));
    }
    o.push_str(&format!("/*  {}  404\n", paths::NOT_FOUND_PAGE));
    o
}

pub fn robots_txt(base_url: &str) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {base_url}{}\nSitemap: {base_url}{}\n",
        paths::SITEMAP,
        paths::NEWS_SITEMAP
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_names_the_site_and_takes_the_shells_colour() {
        let m: serde_json::Value =
            serde_json::from_str(&web_manifest("CIVILHETES", "Független", Some("#0b3d5c"))).unwrap();
        assert_eq!((m["name"].as_str(), m["start_url"].as_str()), (Some("CIVILHETES"), Some("/")));
        assert_eq!(m["theme_color"], "#0b3d5c");
        assert_eq!(m["icons"][0]["src"], "/public/favicon.svg");
        let m: serde_json::Value = serde_json::from_str(&web_manifest("CIVILHETES", "", None)).unwrap();
        assert!(m.get("theme_color").is_none());
    }

    #[test]
    fn hashes_like_the_csp_spec_example() {
        // echo -n "alert('Hello, world.');" | openssl sha256 -binary | base64 (CSP Level 3 example).
        assert_eq!(script_hash("alert('Hello, world.');"), "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
        assert_eq!(script_hash("a\r\nb"), script_hash("a\nb"));
    }

    #[test]
    fn policy_is_strict_and_names_the_hashes() {
        let csp = content_security_policy(&CspSources {
            script_hashes: vec!["'sha256-x'".into()],
            connect_origins: vec!["https://api.example".into()],
        });
        assert_eq!(
            csp,
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-x'; style-src 'self'; \
             img-src 'self' data:; connect-src 'self' https://api.example; object-src 'none'; \
             frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
        );
        assert!(!csp.contains("unsafe-inline"));
    }

    #[test]
    fn aliases_come_before_the_catch_all() {
        assert_eq!(
            redirects_file(&[("/2024/05/21/regi/", "/belfold/2024/05/21/uj"), ("/node/7", "/belfold/2024/05/21/uj")]),
            "/2024/05/21/regi/  /belfold/2024/05/21/uj  301\n/node/7  /belfold/2024/05/21/uj  301\n/*  /404.html  404\n"
        );
    }

    #[test]
    fn origins() {
        assert_eq!(origin("https://Img.Example:8443/a/b.jpg?x#y").as_deref(), Some("https://img.example:8443"));
        assert_eq!(origin("/public/a.svg"), None);
        assert_eq!(origin("javascript:alert(1)"), None);
        assert_eq!(origin("https://a b/"), None);
        assert_eq!(origin("https://x.example;script-src *").as_deref(), None);
    }
}
