//! Share buttons: Facebook, X, e-mail, print, copy link and the native share sheet.

use crate::components::icons::icon;
use crate::share_urls::{email_url, facebook_url, x_url};
use crate::strings as s;
use leptos::prelude::*;

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
            <a class="share-button share-email" href=email_url(&title, &url, s::EMAIL_BODY_INTRO)
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
            {crate::browser::has_native_share().then(|| view! {
                <button type="button" class="share-button share-native" aria-label=s::SHARE_NATIVE title=s::SHARE_NATIVE
                    on:click=native>
                    {icon("share")}
                </button>
            })}
            // Nothing, rather than an empty text, until there is news: Leptos's server renderer writes
            // an empty dynamic text as a space, which the browser renderer does not.
            <span class="share-status" role="status" aria-live="polite">{move || Some(status.get()).filter(|t| !t.is_empty())}</span>
        </div>
    }
}
