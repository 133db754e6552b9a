//! A paginated list of cards. "Kérek még" is a real link to the next page (for crawlers and
//! readers without JavaScript) that, with JavaScript, appends the next page in place.

use crate::api;
use crate::components::article_card::ArticleCard;
use crate::components::keyed::{Keyed, KeyedList};
use crate::components::new_articles::new_articles_control;
use crate::erased::Erase;
use crate::strings as s;
use leptos::prelude::*;
use model::{ArticleSummary, ListPage};

/// Later pages come in the shape of their route: a bare list (`latest/N.json`) or a page that
/// wraps one (`sections/…/N.json` carries the section too).
struct AnyList(ListPage);

impl model::json::FromJson for AnyList {
    fn from_json(v: &model::json::Value) -> Option<Self> {
        ListPage::from_json(v.get("list").unwrap_or(v)).map(AnyList)
    }
}

#[component]
pub fn ArticleList(
    first: ListPage,
    /// Content-API path of page N of this list.
    api_path: Callback<u32, String>,
    /// Site URL of page N of this list (the crawlable link).
    page_url: Callback<u32, String>,
    #[prop(optional)] compact: bool,
    /// On a list's front page: follow the list for new articles (not in the sidebar).
    #[prop(optional)]
    follow: bool,
) -> impl IntoView {
    let follow = (follow && first.page == 0).then(|| api_path.run(0));
    let items = RwSignal::new(first.items);
    let arrivals = follow.map(|document| new_articles_control(document, items, Vec::new()));
    // Older pages count down to 1 (model::ListPage): the next one is the page's `older`.
    let (next, set_next) = signal(first.older);
    let (busy, set_busy) = signal(false);
    let (failed, set_failed) = signal::<Option<api::ApiError>>(None);

    let load_more = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        set_busy.set(true);
        set_failed.set(None);
        let Some(n) = next.get_untracked() else { return };
        let fut = api::fetch_json_unowned(api_path.run(n));
        leptos::task::spawn_local(async move {
            match api::decode::<AnyList>(fut.await) {
                Ok(AnyList(page)) => {
                    items.update(|v| v.extend(page.items));
                    set_next.set(page.older);
                }
                Err(e) => set_failed.set(Some(e)),
            }
            set_busy.set(false);
        });
    };

    view! {
        <div class="article-list" class:compact=compact id=arrivals.is_some().then_some(crate::components::new_articles::LIST_ID)>
            <KeyedList items=Signal::derive(move || items.with(|all| all.iter().map(|a| card(a, compact)).collect()))/>
        </div>
        {arrivals}
        {move || failed.get().map(|e| view! { <p class="error-inline" role="alert">{e.to_string()}</p> })}
        <Show when=move || next.get().is_some()>
            <p class="load-more">
                <a class="button" href=move || next.get().map(|n| page_url.run(n)) rel="next"
                    aria-busy=move || busy.get().then_some("true")
                    on:click=load_more>
                    {move || if failed.with(Option::is_some) { s::RETRY } else { s::LOAD_MORE }}
                </a>
            </p>
        </Show>
    }
}

/// A card of the list, keyed by its path.
fn card(a: &ArticleSummary, compact: bool) -> Keyed {
    let article = a.clone();
    Keyed::new(a.path.clone(), move || {
        view! { <ArticleCard article=article.clone() compact top_level=!compact/> }.erase()
    })
}
