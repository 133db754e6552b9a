//! Share buttons: Facebook, X, e-mail, print, copy link and the native share sheet.

use crate::strings as s;
use crate::components::icons::icon;
use leptos::prelude::*;

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

pub fn email_url(title: &str, url: &str) -> String {
    let body = format!("{}\n{}\n\n{}", s::EMAIL_BODY_INTRO, title, url);
    format!("mailto:?subject={}&body={}", encode_component(title), encode_component(&body))
}

fn has_native_share() -> bool {
    web_sys::window()
        .map(|w| js_sys::Reflect::has(&w.navigator(), &"share".into()).unwrap_or(false))
        .unwrap_or(false)
}

#[component]
pub fn ShareButtons(title: String, url: String) -> impl IntoView {
    let status = RwSignal::new("");
    let copy = {
        let url = url.clone();
        move |_| {
            let Some(w) = web_sys::window() else { return };
            let promise = w.navigator().clipboard().write_text(&url);
            leptos::task::spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                status.set(if ok { s::COPIED } else { s::COPY_FAILED });
            });
        }
    };
    let native = {
        let (title, url) = (title.clone(), url.clone());
        move |_| {
            let Some(w) = web_sys::window() else { return };
            let data = web_sys::ShareData::new();
            data.set_title(&title);
            data.set_url(&url);
            // A cancelled share sheet rejects: nothing to tell the reader.
            let _ = w.navigator().share_with_data(&data);
        }
    };
    view! {
        <div class="share" role="group" aria-label=s::SHARE>
            <a class="share-button share-facebook" href=facebook_url(&url) target="_blank" rel="noopener noreferrer"
                aria-label=s::SHARE_FACEBOOK title=s::SHARE_FACEBOOK>
                {icon("facebook")}
            </a>
            <a class="share-button share-x" href=x_url(&title, &url) target="_blank" rel="noopener noreferrer"
                aria-label=s::SHARE_X title=s::SHARE_X>
                {icon("x")}
            </a>
            <a class="share-button share-email" href=email_url(&title, &url)
                aria-label=s::SHARE_EMAIL title=s::SHARE_EMAIL>
                {icon("email")}
            </a>
            <button type="button" class="share-button share-print" aria-label=s::SHARE_PRINT title=s::SHARE_PRINT
                on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>
                {icon("print")}
            </button>
            <button type="button" class="share-button share-copy" aria-label=s::SHARE_COPY title=s::SHARE_COPY
                on:click=copy>
                {icon("link")}
            </button>
            {has_native_share().then(|| view! {
                <button type="button" class="share-button share-native" aria-label=s::SHARE_NATIVE title=s::SHARE_NATIVE
                    on:click=native>
                    {icon("share")}
                </button>
            })}
            <span class="share-status" role="status" aria-live="polite">{move || status.get()}</span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(encode_component("Árvíztűrő tükör & co?"), "%C3%81rv%C3%ADzt%C5%B1r%C5%91%20t%C3%BCk%C3%B6r%20%26%20co%3F");
        assert_eq!(encode_component("a-b_c.d!e~f*g'h(i)"), "a-b_c.d!e~f*g'h(i)");
    }

    #[test]
    fn share_urls_carry_encoded_title_and_url() {
        let url = "https://civilhetes.example/belfold/2024/03/15/uj-ut";
        assert_eq!(facebook_url(url), "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fcivilhetes.example%2Fbelfold%2F2024%2F03%2F15%2Fuj-ut");
        assert_eq!(x_url("Új út", url), "https://x.com/intent/tweet?text=%C3%9Aj%20%C3%BAt&url=https%3A%2F%2Fcivilhetes.example%2Fbelfold%2F2024%2F03%2F15%2Fuj-ut");
        assert!(email_url("Új út", url).starts_with("mailto:?subject=%C3%9Aj%20%C3%BAt&body=Ezt%20a%20cikket%20aj%C3%A1nlom%3A%0A"));
    }
}
