//! `/`: the lead stories, then a block per section.

use crate::components::keyed::{Keyed, KeyedList};
use crate::components::new_articles::{new_articles_control, LIST_ID};
use crate::components::{article_card::ArticleCard, head::Head, later::later};
use crate::erased::{Erase, Erased};
use crate::{meta, strings as s};
use leptos::prelude::*;
use model::{paths, Home};

pub fn view(home: Home) -> Erased {
    view! { <Head meta=meta::home(&home)/><HomePage home/> }.erase()
}

#[component]
pub fn HomePage(home: Home) -> impl IntoView {
    // New articles wait behind the control, then stand above the top stories.
    let on_page: Vec<String> = home
        .top
        .iter()
        .chain(home.sections.iter().flat_map(|s| s.articles.iter()))
        .chain(home.latest.iter())
        .map(|a| a.path.clone())
        .collect();
    let fresh = RwSignal::new(Vec::<model::ArticleSummary>::new());
    let control = new_articles_control(model::api_path::HOME.to_owned(), fresh, on_page);
    let mut top = home.top.into_iter();
    let lead = top.next();
    view! {
        <h1 class="visually-hidden">{s::HOME}</h1>
        {move || fresh.with(|f| !f.is_empty()).then(|| view! {
            <section class="new-articles" id=LIST_ID aria-label=s::NEW_ARTICLES>
                <div class="article-list">
                    <KeyedList items=Signal::derive(move || fresh.with(|all| all.iter().map(card).collect()))/>
                </div>
            </section>
        })}
        {control}
        <section class="top-stories" aria-labelledby="top-title">
            <h2 id="top-title" class="visually-hidden">{s::TOP_STORIES}</h2>
            {lead.map(|article| view! { <ArticleCard article lead=true/> })}
            <div class="top-rest">
                {top.map(|article| view! { <ArticleCard article/> }).collect_view()}
            </div>
        </section>
        // Below the top stories, each section block is built in a task of its own while the app
        // takes over (components/later.rs).
        {home.sections.into_iter().map(|block| later(Box::new(move || {
            let id = format!("home-{}", block.section.slug);
            let label_id = id.clone();
            view! {
                <section class="home-section" aria-labelledby=label_id>
                    <h2 id=id class="section-heading">
                        <a href=paths::section(&block.section.slug)>{block.section.name}</a>
                    </h2>
                    <div class="article-list">
                        {block.articles.into_iter().map(|article| view! { <ArticleCard article/> }).collect_view()}
                    </div>
                </section>
            }
            .erase()
        }))).collect_view()}
    }
}

/// A new article's card above the top stories.
fn card(a: &model::ArticleSummary) -> Keyed {
    let article = a.clone();
    Keyed::new(a.path.clone(), move || view! { <ArticleCard article=article.clone()/> }.erase())
}
