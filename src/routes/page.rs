//! `/oldal/<slug>`: a static page (Impresszum, Jogi nyilatkozat, Adatkezelés).

use crate::components::{blocks::BodyBlocks, head::Head};
use crate::meta;
use crate::routes::param;
use leptos::prelude::*;
use model::{api_path, StaticPage};

#[component]
pub fn StaticPageRoute() -> impl IntoView {
    let slug = param("page");
    super::load(move || api_path::page(&slug()), |p: StaticPage| {
        view! { <Head meta=meta::static_page(&p)/><StaticPageView page=p/> }.into_any()
    })
}

#[component]
pub fn StaticPageView(page: StaticPage) -> impl IntoView {
    view! {
        <article class="static-page">
            <h1>{page.title}</h1>
            <div class="article-body"><BodyBlocks blocks=page.body/></div>
        </article>
    }
}
