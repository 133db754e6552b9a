//! `/friss` (and `/friss/oldal/N`): every article, newest first. The sidebar's "Kérek még" leads
//! here without JavaScript, so the latest list has pages of its own (docs/adr/0011).

use crate::components::{article_list::ArticleList, head::Head};
use crate::erased::{Erase, Erased};
use crate::{meta, strings as s};
use leptos::prelude::*;
use model::{api_path, paths, ListPage};

pub fn view(list: ListPage) -> Erased {
    view! { <Head meta=meta::latest(&list)/><LatestPageView list/> }.erase()
}

#[component]
pub fn LatestPageView(list: ListPage) -> impl IntoView {
    view! {
        <header class="list-header">
            <h1>{s::list_title(s::LATEST, list.page)}</h1>
        </header>
        <ArticleList first=list follow=true
            api_path=Callback::new(api_path::latest)
            page_url=Callback::new(|n| paths::list(paths::LATEST, n))/>
    }
}
