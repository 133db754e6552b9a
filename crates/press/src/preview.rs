//! Who may read a drafts preview (`press serve --drafts`).
//!
//! A preview shows what is not published yet, so once it listens beyond loopback it needs a
//! secret, the preview token. A reader proves they know it in one of three ways:
//!
//! - `?token=<secret>` on any URL: the answer is a redirect to the same URL without it, setting a
//!   cookie (`HttpOnly`, `SameSite=Strict`, `Path=/`), so the secret leaves the address bar and
//!   the history after the first visit and is never sent to another site;
//! - that cookie, on every later request;
//! - HTTP basic auth with the secret as the password (any user name), for tools and for the
//!   browser's own login prompt, which the `WWW-Authenticate` of every 401 asks for.
//!
//! Everything else is a 401 whose body says so and shows no content. Secrets are compared
//! through their SHA-256 digests, byte by byte without an early exit, so neither the time of a
//! comparison nor the secret's length tells a guesser anything.

use std::net::{SocketAddr, ToSocketAddrs};

use base64::Engine;
use sha2::{Digest, Sha256};

/// The environment variable `press serve --drafts` reads the secret from (a command-line flag
/// shows in `ps` to every user of the machine; an environment file does not).
pub const TOKEN_ENV: &str = "PRESS_PREVIEW_TOKEN";

/// The query parameter that carries the secret on a first visit.
pub const TOKEN_PARAM: &str = "token";

/// The cookie that carries proof of the secret afterwards.
pub const COOKIE: &str = "press_preview";

/// Fewer characters than this are guessable over the network.
pub const MIN_TOKEN_LEN: usize = 16;

/// The 401 body: what a reader without the secret sees, in the site's language first.
pub const DENIED_BODY: &str = "401 – Ez egy zárt előnézet: a megnyitásához előnézeti kulcs kell.\n\
                               401 – This is a private preview: it needs the preview token.\n";

/// A preview's secret, kept only as digests.
#[derive(Clone)]
pub struct Token {
    digest: [u8; 32],
    cookie: String,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// Equal digests, in a time that does not depend on where they differ.
fn same(a: &[u8; 32], b: &[u8; 32]) -> bool {
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

impl Token {
    /// A secret of at least [`MIN_TOKEN_LEN`] characters.
    pub fn new(secret: &str) -> Result<Token, String> {
        if secret.chars().count() < MIN_TOKEN_LEN {
            return Err(format!(
                "the preview token is too short: use at least {MIN_TOKEN_LEN} characters (e.g. `openssl rand -hex 24`)"
            ));
        }
        let digest = sha256(&[secret.as_bytes()]);
        // The cookie holds a value derived from the secret, not the secret itself: a cookie read
        // off a disk or a log does not give the token to paste into a URL.
        let cookie: String =
            sha256(&[b"press preview cookie\0", secret.as_bytes()]).iter().map(|b| format!("{b:02x}")).collect();
        Ok(Token { digest, cookie })
    }

    /// `candidate` is the secret.
    pub fn matches(&self, candidate: &str) -> bool {
        same(&self.digest, &sha256(&[candidate.as_bytes()]))
    }

    fn cookie_matches(&self, value: &str) -> bool {
        same(&sha256(&[self.cookie.as_bytes()]), &sha256(&[value.as_bytes()]))
    }

    /// The `Set-Cookie` value given with the redirect (`Secure` when the proxy in front says
    /// the reader came over HTTPS; over plain HTTP a browser would drop a secure cookie).
    pub fn set_cookie(&self, https: bool) -> String {
        format!("{COOKIE}={}; Path=/; HttpOnly; SameSite=Strict{}", self.cookie, if https { "; Secure" } else { "" })
    }
}

/// What the preview does with one request.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Answer it.
    Pass,
    /// The secret came in the query: redirect here (the same URL without it), setting the cookie.
    Enter { location: String },
    /// 401.
    Deny,
}

/// Judges a request by its URL (path and query) and its `Cookie` and `Authorization` headers.
/// The secret in the query wins over a cookie, so that a login link opened again still leaves
/// the address bar and the history without it.
pub fn judge(token: &Token, url: &str, cookie: Option<&str>, authorization: Option<&str>) -> Verdict {
    let by_cookie = cookie.is_some_and(|c| {
        c.split(';').filter_map(|kv| kv.trim().split_once('=')).any(|(k, v)| k == COOKIE && token.cookie_matches(v))
    });
    let by_basic = authorization.is_some_and(|a| basic_password(a).is_some_and(|p| token.matches(&p)));
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let mut given = false;
    let mut rest = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if k == TOKEN_PARAM {
            let v = percent_encoding::percent_decode_str(v).decode_utf8_lossy();
            given |= token.matches(&v);
        } else {
            rest.push(pair);
        }
    }
    if !given {
        return if by_cookie || by_basic { Verdict::Pass } else { Verdict::Deny };
    }
    let location = if rest.is_empty() { path.to_owned() } else { format!("{path}?{}", rest.join("&")) };
    Verdict::Enter { location }
}

/// The password of a `Basic` authorization (`user:password`, base64).
fn basic_password(header: &str) -> Option<String> {
    let (scheme, value) = header.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let bytes = base64::engine::general_purpose::STANDARD.decode(value.trim()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.split_once(':').map(|(_, p)| p.to_owned())
}

/// `addr` resolves to loopback addresses only (`127.0.0.1:4174`, `[::1]:0`, `localhost:8080`):
/// only this machine's own users can reach it. `None` when it does not resolve.
pub fn loopback_only(addr: &str) -> Option<bool> {
    let addrs: Vec<SocketAddr> = addr.to_socket_addrs().ok()?.collect();
    (!addrs.is_empty()).then(|| addrs.iter().all(|a| a.ip().is_loopback()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> Token {
        Token::new("egy-hosszu-titkos-kulcs").unwrap()
    }

    #[test]
    fn short_secrets_are_refused_and_comparison_needs_the_whole_secret() {
        assert!(Token::new("rovid").unwrap_err().contains("too short"));
        let t = token();
        assert!(t.matches("egy-hosszu-titkos-kulcs"));
        assert!(!t.matches("egy-hosszu-titkos-kulc"));
        assert!(!t.matches("egy-hosszu-titkos-kulcs "));
        assert!(!t.matches(""));
    }

    #[test]
    fn the_secret_in_the_query_redirects_without_it_and_other_parameters_stay() {
        let t = token();
        assert_eq!(
            judge(&t, "/content/site.json?token=egy-hosszu-titkos-kulcs", None, None),
            Verdict::Enter { location: "/content/site.json".into() }
        );
        assert_eq!(
            judge(&t, "/x?a=1&token=egy%2Dhosszu-titkos-kulcs&b=2", None, None),
            Verdict::Enter { location: "/x?a=1&b=2".into() }
        );
        assert_eq!(judge(&t, "/x?token=rossz-kulcs-rossz-kulcs", None, None), Verdict::Deny);
        assert_eq!(judge(&t, "/x", None, None), Verdict::Deny);
    }

    #[test]
    fn the_cookie_and_basic_auth_pass_and_the_cookie_is_not_the_secret() {
        let t = token();
        let set = t.set_cookie(false);
        assert!(!set.contains("egy-hosszu"), "{set}");
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/"), "{set}");
        assert!(!set.contains("Secure"));
        assert!(t.set_cookie(true).ends_with("; Secure"));
        let pair = set.split(';').next().unwrap();
        assert_eq!(judge(&t, "/x", Some(&format!("a=b; {pair}")), None), Verdict::Pass);
        // The login link opened again with the cookie: still taken out of the address.
        assert_eq!(
            judge(&t, "/x?token=egy-hosszu-titkos-kulcs", Some(pair), None),
            Verdict::Enter { location: "/x".into() }
        );
        assert_eq!(judge(&t, "/x", Some("press_preview=egy-hosszu-titkos-kulcs"), None), Verdict::Deny);
        let basic = base64::engine::general_purpose::STANDARD.encode("szerkeszto:egy-hosszu-titkos-kulcs");
        assert_eq!(judge(&t, "/x", None, Some(&format!("Basic {basic}"))), Verdict::Pass);
        let wrong = base64::engine::general_purpose::STANDARD.encode("egy-hosszu-titkos-kulcs:x");
        assert_eq!(judge(&t, "/x", None, Some(&format!("Basic {wrong}"))), Verdict::Deny);
    }

    #[test]
    fn loopback_is_told_from_every_other_address() {
        assert_eq!(loopback_only("127.0.0.1:0"), Some(true));
        assert_eq!(loopback_only("[::1]:0"), Some(true));
        assert_eq!(loopback_only("0.0.0.0:4174"), Some(false));
        assert_eq!(loopback_only("[::]:4174"), Some(false));
        assert_eq!(loopback_only("192.168.1.10:4174"), Some(false));
    }
}
