//! `/oldal/<slug>`: a static page (Impresszum, Jogi nyilatkozat, Adatkezelés).

use crate::components::{blocks::BodyBlocks, head::Head};
use crate::erased::{Erase, Erased};
use crate::meta;
use leptos::prelude::*;
use model::StaticPage;

pub fn view(p: StaticPage) -> Erased {
    view! { <Head meta=meta::static_page(&p)/><StaticPageView page=p/> }.erase()
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
