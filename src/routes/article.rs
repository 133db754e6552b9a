//! `/<section>/<yyyy>/<mm>/<dd>/<slug>`: an article.

use crate::components::{
    blocks::{BodyBlocks, Figure},
    font_size::{provide_font_step, FontSizeControls},
    head::Head,
    later::later,
    live_blog::LiveBlog,
    reading_progress::ReadingProgress,
    share_buttons::ShareButtons,
};
use crate::context::{use_site, Recommended};
use crate::erased::{Erase, Erased};
use crate::{meta, strings as s};
use leptos::prelude::*;
use model::{date, paths, url, Article, Author, Timestamp};

pub fn view(a: Article) -> Erased {
    // The sidebar recommends this article's related articles while it is open.
    if let Some(Recommended(related)) = use_context::<Recommended>() {
        let list = a.related.clone();
        Effect::new(move |_| related.set(Some(list.clone())));
        on_cleanup(move || related.set(None));
    }
    let base_url = use_site().base_url.clone();
    view! { <Head meta=meta::article(&a)/><ArticlePage article=a base_url/> }.erase()
}

/// The article itself; `base_url` makes the shared link absolute.
#[component]
pub fn ArticlePage(article: Article, base_url: String) -> impl IntoView {
    let Article {
        path,
        title,
        lead,
        section,
        parent_section,
        author,
        published,
        updated,
        cover,
        source,
        preview,
        live,
        tags,
        body,
        ..
    } = article;
    let document = match paths::Route::parse(&path) {
        paths::Route::Article { section, year, month, day, slug } => {
            model::api_path::article(&section, &year, &month, &day, &slug)
        }
        _ => String::new(),
    };
    let running = live.as_ref().is_some_and(model::Live::running);
    provide_font_step();
    let canonical = format!("{base_url}{path}");
    let credit = cover.as_ref().and_then(|c| c.credit.clone());
    let (blog_title, blog_url) = (title.clone(), canonical.clone());
    view! {
        <ReadingProgress/>
        <article class="article">
            <header class="article-header">
                <p class="article-section">
                    {parent_section.map(|p| view! { <a href=paths::section(&p.slug)>{p.name}</a>" / " })}
                    <a href=paths::section(&section.slug)>{section.name}</a>
                    // Only a preview (press serve --drafts) has it: not published yet.
                    {preview.map(|p| view! { " " <span class="preview-label">{s::preview(p)}</span> })}
                    // A running live blog needs the app at once: it follows its entries.
                    {running.then(|| view! { " " <span class="live-label" data-app-now="">{s::LIVE}</span> })}
                </p>
                <h1 class="article-title">{title.clone()}</h1>
                <div class="article-meta">
                    <time class="article-date" datetime=published.to_rfc3339()>{date::short(&published)}</time>
                    <AuthorLine author=author.clone()/>
                    <ShareButtons title=title.clone() url=canonical.clone()/>
                </div>
            </header>
            {cover.map(|image| view! { <Figure image eager=true/> })}
            // While the app takes over, the text, the tags and the footer are each built in a
            // task of their own (components/later.rs).
            {later(Box::new(move || view! {
            <div class="article-text">
                <p class="article-lead">{lead}</p>
                <div class="article-body"><BodyBlocks blocks=body/></div>
                {live.map(|live| view! { <LiveBlog live title=blog_title url=blog_url document/> })}
                {source.map(|src| view! { <p class="article-source">"("{src}")"</p> })}
                {credit.map(|c| view! { <p class="cover-credit">{s::COVER_CREDIT}" "{c}</p> })}
            </div>
            }.erase()))}
            {later(Box::new(move || view! {
            // The end of the text: in view, the reader may go further, and the app comes
            // (boot.js, docs/adr/0016).
            <nav class="article-tags" aria-label=s::TAGS data-app-when-seen="">
                <ul class="tag-list">
                    {tags.into_iter().map(|t| view! { <li><a href=paths::tag(&t.slug) class="tag">{t.name}</a></li> }).collect_view()}
                </ul>
            </nav>
            <footer class="article-footer">
                <AuthorLine author/>
                <p class="published">
                    {s::PUBLISHED}" "<time datetime=published.to_rfc3339()>{date::with_time(&published)}</time>
                    {updated.map(|u: Timestamp| view! { " · "{s::UPDATED}" "<time datetime=u.to_rfc3339()>{date::with_time(&u)}</time> })}
                </p>
                <FontSizeControls/>
                <ShareButtons title url=canonical/>
            </footer>
            }.erase()))}
        </article>
    }
}

/// Nothing for an author without a name (an article whose author did not decode): an empty
/// link would be read out as a link with no name.
#[component]
fn AuthorLine(author: Author) -> impl IntoView {
    if author.name.is_empty() {
        return None;
    }
    let href = paths::author(&author.slug);
    let avatar = url::safe_image(&author.avatar).map(|a| {
        view! {
            <img class="avatar" src=a.to_owned() alt="" width="40" height="40"/>
        }
    });
    Some(view! {
        <p class="author-line">
            <a href=href class="author-link">{avatar}<span class="author-name">{author.name}</span></a>
        </p>
    })
}
