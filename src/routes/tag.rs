//! `/cimke/<tag>` and `/cimke/<tag>/oldal/N`: a tag's articles.

use crate::components::{article_list::ArticleList, head::Head};
use crate::erased::{Erase, Erased};
use crate::{meta, strings as s};
use leptos::prelude::*;
use model::{api_path, paths, TagPage};

pub fn view(p: TagPage) -> Erased {
    view! { <Head meta=meta::tag(&p)/><TagPageView page=p/> }.erase()
}

#[component]
pub fn TagPageView(page: TagPage) -> impl IntoView {
    let TagPage { tag, list } = page;
    let base = paths::tag(&tag.slug);
    let slug = tag.slug;
    view! {
        <header class="list-header">
            <p class="eyebrow">{s::TAG_LABEL}</p>
            <h1 class="tag-title">{s::list_title(&tag.name, list.page)}</h1>
        </header>
        <ArticleList first=list follow=true
            api_path=Callback::new(move |n| api_path::tag(&slug, n))
            page_url=Callback::new(move |n| paths::list(&base, n))/>
    }
}
