//! `/szerzo/<author>` and `/szerzo/<author>/oldal/N`: an author's bio and articles.

use crate::components::{article_list::ArticleList, head::Head};
use crate::erased::{Erase, Erased};
use crate::{meta, strings as s};
use leptos::prelude::*;
use model::{api_path, paths, url, AuthorPage};

pub fn view(p: AuthorPage) -> Erased {
    view! { <Head meta=meta::author(&p)/><AuthorPageView page=p/> }.erase()
}

#[component]
pub fn AuthorPageView(page: AuthorPage) -> impl IntoView {
    let AuthorPage { author, list } = page;
    let base = paths::author(&author.slug);
    let slug = author.slug;
    let avatar = url::safe_image(&author.avatar).map(|a| {
        view! {
            <img class="avatar avatar-large" src=a.to_owned() alt="" width="96" height="96"/>
        }
    });
    view! {
        <header class="list-header author-header">
            {avatar}
            <div>
                <h1>{s::list_title(&author.name, list.page)}</h1>
                <p class="bio">{author.bio}</p>
            </div>
        </header>
        <ArticleList first=list follow=true
            api_path=Callback::new(move |n| api_path::author(&slug, n))
            page_url=Callback::new(move |n| paths::list(&base, n))/>
    }
}
