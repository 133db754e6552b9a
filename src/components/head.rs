//! The app's head tags for the route on screen, from the same [`PageMeta`] press writes into the
//! prerendered head.
//!
//! Set directly on the document, without leptos_meta (that crate cost more wasm than
//! the few tags it set). The prerendered head tags (`data-prerender`: canonical, Open Graph,
//! JSON-LD) describe the first route, so on the first render nothing changes and crawlers that
//! run JavaScript read them whole; at the first navigation they go (the feed link stays: it is
//! the same on every page) and the app's own tags (`data-app-head`) replace each other.

use crate::meta::PageMeta;
use leptos::prelude::*;

#[component]
pub fn Head(meta: PageMeta) -> impl IntoView {
    apply(meta);
}

/// Natively there is no document: press renders the head itself (crates/press/src/site/head.rs).
#[cfg(not(feature = "csr"))]
fn apply(_: PageMeta) {}

#[cfg(feature = "csr")]
fn apply(meta: PageMeta) {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(head) = doc.head() else { return };
    let site = crate::context::use_site();
    doc.set_title(&crate::meta::document_title(&meta.title, &site.name));
    // The prerendered page already carries this route's tags: keep them on the first render.
    thread_local!(static FIRST: std::cell::Cell<bool> = const { std::cell::Cell::new(true) });
    if FIRST.with(|f| f.replace(false)) && doc.query_selector("head [data-prerender]").ok().flatten().is_some() {
        return;
    }
    if let Ok(old) =
        head.query_selector_all("[data-prerender]:not([rel=alternate]),[data-app-head],meta[name=description]")
    {
        for i in 0..old.length() {
            if let Some(el) = old.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                el.remove();
            }
        }
    }
    let add = |tag: &str, attrs: &[(&str, &str)]| {
        if let Ok(el) = doc.create_element(tag) {
            let _ = el.set_attribute("data-app-head", "");
            for (k, v) in attrs {
                let _ = el.set_attribute(k, v);
            }
            let _ = head.append_child(&el);
        }
    };
    let PageMeta { title, description, canonical, image, noindex } = meta;
    let base = &site.base_url;
    add("meta", &[("name", "description"), ("content", &description)]);
    if noindex {
        add("meta", &[("name", "robots"), ("content", "noindex, follow")]);
    }
    add("meta", &[("property", "og:title"), ("content", &title)]);
    add("meta", &[("property", "og:description"), ("content", &description)]);
    if let Some(p) = canonical {
        let url = format!("{base}{p}");
        add("link", &[("rel", "canonical"), ("href", &url)]);
        add("meta", &[("property", "og:url"), ("content", &url)]);
    }
    if let Some(i) = image.filter(|i| model::url::safe_image(&i.src).is_some()) {
        let src = if i.src.starts_with('/') { format!("{base}{}", i.src) } else { i.src };
        add("meta", &[("property", "og:image"), ("content", &src)]);
    }
}
