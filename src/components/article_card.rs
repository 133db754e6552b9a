//! A card for an article in any list: image, section, title, lead, date.

use crate::components::aria_current;
use crate::erased::Erase;
use leptos::prelude::*;
use model::{date, paths, url, ArticleSummary};

use crate::components::blocks::{picture, FULL_COLUMN};

#[component]
pub fn ArticleCard(
    article: ArticleSummary,
    /// The lead story of the home page: bigger, image loaded eagerly.
    #[prop(optional)]
    lead: bool,
    /// Without lead and image: for compact lists.
    #[prop(optional)]
    compact: bool,
    /// `h2` where the cards sit right under the page's h1 (list pages); `h3` by default.
    #[prop(optional)]
    top_level: bool,
) -> impl IntoView {
    let ArticleSummary { path, title, lead: standfirst, section, published, cover, preview, live, .. } = article;
    // Compact cards (the sidebar) show a thumbnail; the alt is empty because the title says it all.
    let image = cover.filter(|c| url::safe_image(&c.src).is_some()).map(|c| {
        let class = if compact { "card-thumb" } else { "card-image" };
        // A card is a grid cell (about 18rem) on wide screens and the screen's width on phones;
        // the lead is the whole column; a compact card's thumbnail is 5.5rem.
        let sizes = match (compact, lead) {
            (true, _) => "88px",
            (false, true) => FULL_COLUMN,
            (false, false) => "(max-width: 900px) calc(100vw - 2rem), 18rem",
        };
        picture(model::Image { alt: String::new(), ..c }, Some(class), sizes, if lead { "eager" } else { "lazy" })
    });
    let section_href = paths::section(&section.slug);
    let heading = if lead || top_level {
        view! { <h2 class="card-title"><a href=path.clone()>{title}</a></h2> }.erase()
    } else {
        view! { <h3 class="card-title"><a href=path.clone()>{title}</a></h3> }.erase()
    };
    view! {
        <article class="card" class:card-lead=lead class:card-compact=compact>
            {image}
            <div class="card-body">
                <p class="card-meta">
                    <a href=section_href.clone() class="section-label" aria-current=aria_current(&section_href)>{section.name}</a>
                    " "
                    <time datetime=published.to_rfc3339()>{date::short(&published)}</time>
                    // Only a preview (press serve --drafts) has it: not published yet.
                    {preview.map(|p| view! { " " <span class="preview-label">{crate::strings::preview(p)}</span> })}
                    {live.then(|| view! { " " <span class="live-label">{crate::strings::LIVE}</span> })}
                </p>
                {heading}
                {(!compact).then(|| view! { <p class="card-lead-text">{standfirst}</p> })}
            </div>
        </article>
    }
}
