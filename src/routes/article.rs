use crate::api;
use crate::components::{
    blocks::{BodyBlocks, Figure},
    font_size::{provide_font_step, FontSizeControls},
    share_buttons::ShareButtons,
    sidebar::Recommended,
    reading_progress::ReadingProgress,
    status,
};
use crate::strings as s;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::{components::A, hooks::use_params_map};
use model::{api_path, date, url, Article, Author, Timestamp};

#[component]
pub fn ArticleView() -> impl IntoView {
    let params = use_params_map();
    let path = move || {
        let p = params.read();
        let get = |k: &str| p.get(k).unwrap_or_default();
        api_path::article(&get("section"), &get("y"), &get("m"), &get("d"), &get("slug"))
    };
    let data = LocalResource::new(move || api::fetch_json::<Article>(path()));
    let retry = Callback::new(move |_| data.refetch());
    let site = crate::use_site();
    provide_font_step();

    // The sidebar recommends this article's related articles while it is open.
    let recommended = expect_context::<Recommended>().0;
    Effect::new(move |_| {
        if let Some(Ok(a)) = data.get() {
            recommended.set(Some(a.related));
        }
    });
    on_cleanup(move || recommended.set(None));

    view! {
        <Transition fallback=|| view! { <status::Loading/> }>
            {move || Suspend::new(async move {
                let base = site.await.map(|s| s.base_url).unwrap_or_default();
                status::show(data.await, retry, move |a| article_view(a, &base))
            })}
        </Transition>
    }
}

fn article_view(a: Article, base_url: &str) -> AnyView {
    let Article { path, title, lead, section, parent_section, author, published, updated, cover, source, tags, body, .. } = a;
    let canonical = format!("{base_url}{path}");
    let credit = cover.as_ref().and_then(|c| c.credit.clone());
    let og_image = cover.as_ref().map(|c| format!("{base_url}{}", c.src));
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=lead.clone()/>
        <Link rel="canonical" href=canonical.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=lead.clone()/>
        {og_image.map(|i| view! { <Meta property="og:image" content=i/> })}
        <ReadingProgress/>
        <article class="article">
            <header class="article-header">
                <p class="article-section">
                    {parent_section.map(|p| view! { <A href=format!("/rovat/{}", p.slug)>{p.name}</A>" / " })}
                    <A href=format!("/rovat/{}", section.slug)>{section.name}</A>
                </p>
                <h1 class="article-title">{title.clone()}</h1>
                <div class="article-meta">
                    <time class="article-date" datetime=published.to_rfc3339()>{date::short(&published)}</time>
                    <AuthorLine author=author.clone()/>
                    <ShareButtons title=title.clone() url=canonical.clone()/>
                </div>
            </header>
            {cover.map(|image| view! { <Figure image eager=true/> })}
            <div class="article-text">
                <p class="article-lead">{lead}</p>
                <div class="article-body"><BodyBlocks blocks=body/></div>
                {source.map(|src| view! { <p class="article-source">"("{src}")"</p> })}
                {credit.map(|c| view! { <p class="cover-credit">{s::COVER_CREDIT}" "{c}</p> })}
            </div>
            <nav class="article-tags" aria-label=s::TAGS>
                <ul class="tag-list">
                    {tags.into_iter().map(|t| view! { <li><A href=format!("/cimke/{}", t.slug) attr:class="tag">{t.name}</A></li> }).collect_view()}
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
        </article>
    }.into_any()
}

#[component]
fn AuthorLine(author: Author) -> impl IntoView {
    let href = format!("/szerzo/{}", author.slug);
    let avatar = url::safe_image(&author.avatar).map(|a| view! {
        <img class="avatar" src=a.to_owned() alt="" width="40" height="40"/>
    });
    view! {
        <p class="author-line">
            <A href=href attr:class="author-link">{avatar}<span class="author-name">{author.name}</span></A>
        </p>
    }
}
