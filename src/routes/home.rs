//! `/`: the lead stories, then a block per section.

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
    let mut top = home.top.into_iter();
    let lead = top.next();
    view! {
        <h1 class="visually-hidden">{s::HOME}</h1>
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
