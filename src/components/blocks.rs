//! The article body: one component per block type, matched one-to-one. Content is never HTML;
//! links and images pass the URL allow-list of `model::url`.

use leptos::prelude::*;
use model::{url, Block, Image, Span};

#[component]
pub fn BodyBlocks(blocks: Vec<Block>) -> impl IntoView {
    blocks.into_iter().map(block_view).collect_view()
}

fn block_view(block: Block) -> AnyView {
    match block {
        Block::Paragraph { spans } => view! { <p>{spans_view(spans)}</p> }.into_any(),
        Block::Heading { level, text } => {
            if level <= 2 { view! { <h2>{text}</h2> }.into_any() } else { view! { <h3>{text}</h3> }.into_any() }
        }
        Block::PullQuote { text } => view! {
            <aside class="pull-quote"><p>{text}</p></aside>
        }.into_any(),
        Block::Quote { paragraphs, cite } => view! {
            <figure class="quote">
                <blockquote>
                    {paragraphs.into_iter().map(|p| view! { <p>{spans_view(p)}</p> }).collect_view()}
                </blockquote>
                {cite.map(|c| view! { <figcaption>"— "{c}</figcaption> })}
            </figure>
        }.into_any(),
        Block::Image { image } => view! { <Figure image/> }.into_any(),
        Block::List { ordered, items } => {
            let items = items.into_iter().map(|i| view! { <li>{spans_view(i)}</li> }).collect_view();
            if ordered { view! { <ol>{items}</ol> }.into_any() } else { view! { <ul>{items}</ul> }.into_any() }
        }
        Block::Embed { url: href, title } => match url::safe_link(&href) {
            Some(_) => view! {
                <p class="embed">
                    <span>{crate::strings::EMBED_OPEN}" "</span>
                    <a href=href.clone() rel="noopener noreferrer" target="_blank">{title}</a>
                </p>
            }.into_any(),
            None => ().into_any(),
        },
        Block::Unknown => ().into_any(),
    }
}

/// Inline spans: text with optional strong/em marks and an allow-listed link.
pub fn spans_view(spans: Vec<Span>) -> AnyView {
    spans.into_iter().map(span_view).collect_view().into_any()
}

fn span_view(span: Span) -> AnyView {
    let Span { text, strong, em, href } = span;
    let mut v: AnyView = text.into_any();
    if em {
        v = view! { <em>{v}</em> }.into_any();
    }
    if strong {
        v = view! { <strong>{v}</strong> }.into_any();
    }
    match href.filter(|h| url::safe_link(h).is_some()) {
        Some(h) => {
            let external = h.starts_with("http");
            view! {
                <a href=h rel=external.then_some("noopener noreferrer")>{v}</a>
            }.into_any()
        }
        None => v,
    }
}

/// An image with caption and credit; lazy-loaded with its size set so nothing shifts.
#[component]
pub fn Figure(image: Image, #[prop(optional)] eager: bool) -> impl IntoView {
    let Image { src, alt, width, height, caption, credit } = image;
    if url::safe_image(&src).is_none() {
        return None;
    }
    Some(view! {
        <figure class="figure">
            <img src=src alt=alt width=width height=height
                loading=if eager { "eager" } else { "lazy" } decoding="async"/>
            {(caption.is_some() || credit.is_some()).then(|| view! {
                <figcaption>
                    {caption.map(|c| view! { <span class="caption">{c}</span> })}
                    {credit.map(|c| view! { <span class="credit">{c}</span> })}
                </figcaption>
            })}
        </figure>
    })
}
