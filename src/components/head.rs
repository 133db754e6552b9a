//! The app's head tags for the route on screen, from the same [`PageMeta`] press writes into the
//! prerendered head.

use crate::meta::PageMeta;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

#[component]
pub fn Head(meta: PageMeta) -> impl IntoView {
    let PageMeta { title, description, canonical, image, noindex } = meta;
    let base = crate::use_site().base_url.clone();
    let url = canonical.map(|p| format!("{base}{p}"));
    let image = image.filter(|i| model::url::safe_image(&i.src).is_some()).map(|i| {
        if i.src.starts_with('/') { format!("{base}{}", i.src) } else { i.src }
    });
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=description.clone()/>
        {noindex.then(|| view! { <Meta name="robots" content="noindex, follow"/> })}
        <Meta property="og:title" content=title/>
        <Meta property="og:description" content=description/>
        {url.map(|u| view! { <Link rel="canonical" href=u.clone()/><Meta property="og:url" content=u/> })}
        {image.map(|i| view! { <Meta property="og:image" content=i/> })}
    }
}
