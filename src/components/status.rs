//! Loading, error and 404 states: never a blank page.

use crate::api::ApiError;
use crate::strings as s;
use leptos::prelude::*;
use model::paths;

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">{s::LOADING}</p> }
}

/// A failed load, with the reason in Hungarian and a retry button. When the browser comes back
/// online it retries by itself: the reader who lost the connection need not notice the button.
#[component]
pub fn ErrorView(error: ApiError, retry: Callback<()>) -> impl IntoView {
    #[cfg(feature = "csr")]
    {
        let handle = window_event_listener(leptos::ev::online, move |_| retry.run(()));
        on_cleanup(move || handle.remove());
    }
    view! {
        <section class="error-view" role="alert">
            <h1>{s::ERROR_TITLE}</h1>
            <p>{error.to_string()}</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>{s::RETRY}</button>
        </section>
    }
}

#[component]
pub fn NotFoundBody() -> impl IntoView {
    view! {
        <section class="not-found">
            <p class="eyebrow">"404"</p>
            <h1>{s::NOT_FOUND_TITLE}</h1>
            <p>{s::NOT_FOUND_TEXT}</p>
            <p><a href=paths::HOME>{s::BACK_HOME}</a></p>
        </section>
    }
}

/// Called from the panic hook: replaces the page with a plain Hungarian message and a reload
/// button, built with DOM calls only (the reactive system may be in any state by now).
pub fn show_panic_page() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = doc.body() else { return };
    body.set_text_content(None);
    let build = || -> Option<()> {
        let section = doc.create_element("section").ok()?;
        section.set_class_name("error-view panic");
        section.set_attribute("role", "alert").ok()?;
        let h1 = doc.create_element("h1").ok()?;
        h1.set_text_content(Some(s::PANIC_TITLE));
        let p = doc.create_element("p").ok()?;
        p.set_text_content(Some(s::PANIC_TEXT));
        let a = doc.create_element("a").ok()?;
        a.set_class_name("button");
        a.set_attribute("href", &doc.location()?.href().ok()?).ok()?;
        a.set_text_content(Some(s::RELOAD));
        section.append_child(&h1).ok()?;
        section.append_child(&p).ok()?;
        section.append_child(&a).ok()?;
        body.append_child(&section).ok()?;
        Some(())
    };
    let _ = build();
    // The panic page is the app's page now: whoever waits for the app sees it at once.
    #[cfg(feature = "csr")]
    crate::components::later::mark_ready();
}
