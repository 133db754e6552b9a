//! Per-route head tags that need the site's base URL: canonical and Open Graph URL.

use leptos::prelude::*;
use leptos_meta::{Link, Meta};

/// `<link rel=canonical>` and `og:url` for a site-relative path, made absolute with the
/// site's base URL once site.json is known.
#[component]
pub fn Canonical(#[prop(into)] path: String) -> impl IntoView {
    let site = crate::use_site();
    move || {
        site.get().and_then(Result::ok).map(|s| {
            let url = format!("{}{}", s.base_url, path);
            view! {
                <Link rel="canonical" href=url.clone()/>
                <Meta property="og:url" content=url/>
            }
        })
    }
}
