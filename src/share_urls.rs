//! Share-link URLs, plain Rust with no Leptos: the app's ShareButtons and press's prerendered
//! pages include this same file, so the links cannot differ between the two.

/// Percent-encodes like JavaScript's `encodeURIComponent` (UTF-8, accents included).
pub fn encode_component(input: &str) -> String {
    const KEEP: &[u8] = b"-_.!~*'()";
    let mut out = String::with_capacity(input.len() * 3);
    for &b in input.as_bytes() {
        if b.is_ascii_alphanumeric() || KEEP.contains(&b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[(b >> 4) as usize]));
            out.push(char::from(b"0123456789ABCDEF"[(b & 15) as usize]));
        }
    }
    out
}

pub fn facebook_url(url: &str) -> String {
    format!("https://www.facebook.com/sharer/sharer.php?u={}", encode_component(url))
}

pub fn x_url(title: &str, url: &str) -> String {
    format!("https://x.com/intent/tweet?text={}&url={}", encode_component(title), encode_component(url))
}

/// `intro` is the first line of the mail body (strings::EMAIL_BODY_INTRO).
pub fn email_url(title: &str, url: &str, intro: &str) -> String {
    let body = format!("{intro}\n{title}\n\n{url}");
    format!("mailto:?subject={}&body={}", encode_component(title), encode_component(&body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(
            encode_component("Árvíztűrő tükör & co?"),
            "%C3%81rv%C3%ADzt%C5%B1r%C5%91%20t%C3%BCk%C3%B6r%20%26%20co%3F"
        );
        assert_eq!(encode_component("a-b_c.d!e~f*g'h(i)"), "a-b_c.d!e~f*g'h(i)");
    }

    #[test]
    fn share_urls_carry_encoded_title_and_url() {
        let url = "https://civilhetes.example/belfold/2024/03/15/uj-ut";
        assert_eq!(facebook_url(url), "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fcivilhetes.example%2Fbelfold%2F2024%2F03%2F15%2Fuj-ut");
        assert_eq!(x_url("Új út", url), "https://x.com/intent/tweet?text=%C3%9Aj%20%C3%BAt&url=https%3A%2F%2Fcivilhetes.example%2Fbelfold%2F2024%2F03%2F15%2Fuj-ut");
        assert!(email_url("Új út", url, "Ezt a cikket ajánlom:")
            .starts_with("mailto:?subject=%C3%9Aj%20%C3%BAt&body=Ezt%20a%20cikket%20aj%C3%A1nlom%3A%0A"));
    }
}
