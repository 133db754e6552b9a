//! `/rovat/<section>` and `/rovat/<section>/oldal/N`: a section's (or sub-section's) articles.

use crate::components::{article_list::ArticleList, head::Head};
use crate::erased::{Erase, Erased};
use crate::{meta, strings as s};
use leptos::prelude::*;
use model::{api_path, paths, SectionPage};

pub fn view(p: SectionPage) -> Erased {
    view! { <Head meta=meta::section(&p)/><SectionPageView page=p/> }.erase()
}

#[component]
pub fn SectionPageView(page: SectionPage) -> impl IntoView {
    let SectionPage { section, parent, children, list } = page;
    let base = paths::section(&section.slug);
    let slug = section.slug;
    view! {
        <header class="list-header">
            {parent.map(|par| view! { <p class="eyebrow"><a href=paths::section(&par.slug)>{par.name}</a></p> })}
            <h1>{s::list_title(&section.name, list.page)}</h1>
            {(!children.is_empty()).then(|| view! {
                <nav class="subsections" aria-label=s::SUBSECTIONS>
                    <ul>{children.into_iter().map(|c| view! { <li><a href=paths::section(&c.slug)>{c.name}</a></li> }).collect_view()}</ul>
                </nav>
            })}
        </header>
        <ArticleList first=list follow=true
            api_path=Callback::new(move |n| api_path::section(&slug, n))
            page_url=Callback::new(move |n| paths::list(&base, n))/>
    }
}
