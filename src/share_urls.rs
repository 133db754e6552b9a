//! Share-link URLs, plain Rust with no Leptos, for the share buttons (which press prerenders
//! with the app's own components). The encoding is the one search links use
//! (`model::paths::encode_component`).

use model::paths::encode_component;

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
    fn share_urls_carry_encoded_title_and_url() {
        let url = "https://civilhetes.example/belfold/2024/03/15/uj-ut";
        assert_eq!(facebook_url(url), "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fcivilhetes.example%2Fbelfold%2F2024%2F03%2F15%2Fuj-ut");
        assert_eq!(x_url("Új út", url), "https://x.com/intent/tweet?text=%C3%9Aj%20%C3%BAt&url=https%3A%2F%2Fcivilhetes.example%2Fbelfold%2F2024%2F03%2F15%2Fuj-ut");
        assert!(email_url("Új út", url, "Ezt a cikket ajánlom:")
            .starts_with("mailto:?subject=%C3%9Aj%20%C3%BAt&body=Ezt%20a%20cikket%20aj%C3%A1nlom%3A%0A"));
    }
}
