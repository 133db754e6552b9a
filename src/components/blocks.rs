//! The article body: one component per block type, matched one-to-one. Content is never HTML;
//! links and images pass the URL allow-list of `model::url`.

use crate::erased::{Erase, Erased};
use leptos::prelude::*;
use model::{url, Block, Image, Span};

#[component]
pub fn BodyBlocks(blocks: Vec<Block>) -> impl IntoView {
    blocks.into_iter().map(block_view).collect_view()
}

fn block_view(block: Block) -> Erased {
    match block {
        Block::Paragraph { spans } => view! { <p>{spans_view(spans)}</p> }.erase(),
        Block::Heading { level, text } => {
            if level <= 2 {
                view! { <h2>{text}</h2> }.erase()
            } else {
                view! { <h3>{text}</h3> }.erase()
            }
        }
        Block::PullQuote { text } => view! {
            <aside class="pull-quote"><p>{text}</p></aside>
        }
        .erase(),
        Block::Quote { paragraphs, cite } => view! {
            <figure class="quote">
                <blockquote>
                    {paragraphs.into_iter().map(|p| view! { <p>{spans_view(p)}</p> }).collect_view()}
                </blockquote>
                {cite.map(|c| view! { <figcaption>"— "{c}</figcaption> })}
            </figure>
        }
        .erase(),
        Block::Image { image } => view! { <Figure image/> }.erase(),
        Block::List { ordered, items } => {
            let items = items.into_iter().map(|i| view! { <li>{spans_view(i)}</li> }).collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.erase()
            } else {
                view! { <ul>{items}</ul> }.erase()
            }
        }
        Block::Embed { url: href, title } => match url::safe_link(&href) {
            Some(_) => view! {
                <p class="embed">
                    <span>{crate::strings::EMBED_OPEN}" "</span>
                    <a href=href.clone() rel="noopener noreferrer" target="_blank">{title}</a>
                </p>
            }
            .erase(),
            None => ().erase(),
        },
        Block::Unknown => ().erase(),
    }
}

/// Inline spans: text with optional strong/em marks and an allow-listed link.
pub fn spans_view(spans: Vec<Span>) -> Erased {
    spans.into_iter().map(span_view).collect_view().erase()
}

fn span_view(span: Span) -> Erased {
    let Span { text, strong, em, href } = span;
    let mut v: Erased = text.erase();
    if em {
        v = view! { <em>{v}</em> }.erase();
    }
    if strong {
        v = view! { <strong>{v}</strong> }.erase();
    }
    match href.filter(|h| url::safe_link(h).is_some()) {
        Some(h) => {
            let external = h.starts_with("http");
            view! {
                <a href=h rel=external.then_some("noopener noreferrer")>{v}</a>
            }
            .erase()
        }
        None => v,
    }
}

/// An image with caption and credit; lazy-loaded with its size set so nothing shifts.
#[component]
pub fn Figure(image: Image, #[prop(optional)] eager: bool) -> impl IntoView {
    url::safe_image(&image.src)?;
    let caption = image.caption.clone();
    let credit = image.credit.clone();
    // The main column: the phone's width less the page's padding, at most 888 px beside the sidebar.
    let picture = picture(image, None, FULL_COLUMN, if eager { "eager" } else { "lazy" });
    Some(view! {
        <figure class="figure">
            {picture}
            {(caption.is_some() || credit.is_some()).then(|| view! {
                <figcaption>
                    {caption.map(|c| view! { <span class="caption">{c}</span> })}
                    {credit.map(|c| view! { <span class="credit">{c}</span> })}
                </figcaption>
            })}
        </figure>
    })
}

/// `sizes` of an image as wide as the main column (article covers and body images, the home
/// page's lead): the screen less the page's 1rem margins on phones, else the column's 888 px.
pub const FULL_COLUMN: &str = "(max-width: 900px) calc(100vw - 2rem), 888px";

/// An image with its variants as `<picture>`: AVIF and WebP `<source>`s and a JPEG `<img>`,
/// each with a `srcset` of every width, so the browser fetches the one `sizes` needs; its
/// `width`/`height` reserve the box and the placeholder class colours it until it loads (a
/// class, not a style: the CSP forbids inline styles). An image without variants (an SVG, an
/// external one) stays a plain `<img>`.
pub fn picture(image: Image, class: Option<&'static str>, sizes: &'static str, loading: &'static str) -> Erased {
    let img_class = match (class, image.placeholder_class()) {
        (Some(c), Some(p)) => Some(format!("{c} {p}")),
        (Some(c), None) => Some(c.to_owned()),
        (None, p) => p,
    };
    let fallback = image.jpeg_near(800).map(|v| v.jpeg.clone()).filter(|u| url::safe_image(u).is_some());
    // The eager image is the page's largest (an article's cover, the home page's lead): the
    // browser fetches it before the app's wasm and script: it is what Largest Contentful Paint
    // waits for.
    let priority = (loading == "eager").then_some("high");
    let Some(fallback) = fallback else {
        let Image { src, alt, width, height, .. } = image;
        return view! {
            <img class=img_class src=src alt=alt width=width height=height loading=loading fetchpriority=priority decoding="async"/>
        }
        .erase();
    };
    let avif = image.srcset(|v| &v.avif);
    let webp = image.srcset(|v| &v.webp);
    let jpeg = image.srcset(|v| &v.jpeg);
    let Image { alt, width, height, .. } = image;
    view! {
        <picture>
            <source type="image/avif" srcset=avif sizes=sizes/>
            <source type="image/webp" srcset=webp sizes=sizes/>
            <img class=img_class src=fallback srcset=jpeg sizes=sizes alt=alt width=width height=height
                loading=loading fetchpriority=priority decoding="async"/>
        </picture>
    }
    .erase()
}
