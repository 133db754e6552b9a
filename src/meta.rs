//! What each page says about itself in `<head>`: title, description, canonical path and
//! preview image. One function per page kind, used by the app's head tags (`components::head`)
//! and by press's prerendered head, so the two cannot drift.

use crate::strings as s;
use model::paths;
use model::{Article, AuthorPage, Block, Home, Image, ListPage, LiveEntry, SectionPage, StaticPage, TagPage};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageMeta {
    /// The page's own title, without the site name; empty for the home page.
    pub title: String,
    pub description: String,
    /// Site-relative canonical path; `None` where a page has none (404).
    pub canonical: Option<String>,
    /// The preview image (Open Graph), if the page has one: for a photo its 1200 px JPEG (see
    /// [`preview_image`]), never the camera original.
    pub image: Option<Image>,
    /// Kept out of search engines (search results, 404).
    pub noindex: bool,
}

/// The document title as the reader sees it: "<title> | <site>", the site alone for home.
pub fn document_title(page_title: &str, site_name: &str) -> String {
    match (page_title.is_empty(), site_name.is_empty()) {
        (true, _) => site_name.to_owned(),
        (false, true) => page_title.to_owned(),
        (false, false) => format!("{page_title} | {site_name}"),
    }
}

fn page(title: &str, description: String, canonical: String, image: Option<&Image>) -> PageMeta {
    PageMeta {
        title: title.to_owned(),
        description,
        canonical: Some(canonical),
        image: image.map(preview_image),
        noindex: false,
    }
}

/// The image link previews show: a photo's 1200 px JPEG (or the closest width it has), the size
/// they want in a format every crawler reads; any other image as it is.
pub fn preview_image(image: &Image) -> Image {
    match image.jpeg_near(1200) {
        Some(v) => {
            Image { src: v.jpeg.clone(), alt: image.alt.clone(), width: v.width, height: v.height, ..Image::default() }
        }
        None => Image { variants: Vec::new(), ..image.clone() },
    }
}

pub fn home(home: &Home) -> PageMeta {
    page("", s::SITE_DESCRIPTION.to_owned(), paths::HOME.to_owned(), home.top.first().and_then(|a| a.cover.as_ref()))
}

/// Page N of a list at `base`: its own title and canonical path, previewed by its first cover.
fn list(name: &str, description: String, base: &str, list: &ListPage) -> PageMeta {
    let image = list.items.first().and_then(|a| a.cover.as_ref());
    page(&s::list_title(name, list.page), description, paths::list(base, list.page), image)
}

/// "Rovat: Belföld – 41 cikk": the count on the front page only, which changes anyway with a new
/// article (an older page must not).
fn list_description(label: &str, name: &str, list: &ListPage) -> String {
    match list.total {
        Some(total) => format!("{label}: {name} – {total} {}", s::ARTICLES_COUNT),
        None => format!("{label}: {name}"),
    }
}

pub fn section(p: &SectionPage) -> PageMeta {
    let description = list_description(s::SECTION_LABEL, &p.section.name, &p.list);
    list(&p.section.name, description, &paths::section(&p.section.slug), &p.list)
}

pub fn tag(p: &TagPage) -> PageMeta {
    let description = list_description(s::TAG_LABEL, &p.tag.name, &p.list);
    list(&p.tag.name, description, &paths::tag(&p.tag.slug), &p.list)
}

pub fn latest(l: &ListPage) -> PageMeta {
    list(s::LATEST, s::LATEST_DESCRIPTION.to_owned(), paths::LATEST, l)
}

pub fn author(p: &AuthorPage) -> PageMeta {
    let description =
        if p.author.bio.is_empty() { format!("{}: {}", s::AUTHOR_LABEL, p.author.name) } else { p.author.bio.clone() };
    let avatar = Image { src: p.author.avatar.clone(), width: 96, height: 96, ..Image::default() };
    let canonical = paths::list(&paths::author(&p.author.slug), p.list.page);
    page(
        &s::list_title(&p.author.name, p.list.page),
        description,
        canonical,
        model::url::safe_image(&avatar.src).map(|_| &avatar),
    )
}

pub fn article(a: &Article) -> PageMeta {
    let mut m = page(&a.title, a.lead.clone(), a.path.clone(), a.cover.as_ref());
    // A draft or scheduled article seen in a preview must never be indexed.
    m.noindex = a.preview.is_some();
    m
}

/// What names a live blog's entry where a title is needed (a share, a search engine): its
/// title, else the start of its first paragraph, else its time.
pub fn live_entry_headline(e: &LiveEntry) -> String {
    if let Some(t) = &e.title {
        return t.clone();
    }
    let first = e.body.iter().find_map(|b| match b {
        Block::Paragraph { spans } => Some(spans.iter().map(|s| s.text.as_str()).collect::<String>()),
        _ => None,
    });
    match first {
        Some(text) if !text.trim().is_empty() => model::search::shorten(text.trim(), HEADLINE_MAX),
        _ => format!("{} {}", s::LIVE_ENTRY, model::date::with_time(&e.time)),
    }
}

/// Search engines cut an entry's headline at about this many characters.
const HEADLINE_MAX: usize = 110;

/// A static page: its first paragraphs describe it.
pub fn static_page(p: &StaticPage) -> PageMeta {
    let mut text = String::new();
    for b in &p.body {
        if let Block::Paragraph { spans } = b {
            if !text.is_empty() {
                text.push(' ');
            }
            text.extend(spans.iter().map(|s| s.text.as_str()));
            if text.chars().count() > DESCRIPTION_MAX {
                break;
            }
        }
    }
    let description = if text.is_empty() { p.title.clone() } else { model::search::shorten(&text, DESCRIPTION_MAX) };
    page(&p.title, description, paths::static_page(&p.slug), None)
}

/// Search engines show about this many characters of a description.
const DESCRIPTION_MAX: usize = 160;

pub fn search() -> PageMeta {
    PageMeta { noindex: true, ..page(s::SEARCH_TITLE, s::SITE_DESCRIPTION.to_owned(), paths::SEARCH.to_owned(), None) }
}

pub fn not_found() -> PageMeta {
    PageMeta {
        title: s::NOT_FOUND_TITLE.to_owned(),
        description: s::SITE_DESCRIPTION.to_owned(),
        canonical: None,
        image: None,
        noindex: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{ListPage, SectionRef, Span};

    #[test]
    fn a_photo_is_previewed_by_its_1200_px_jpeg_and_any_other_image_as_it_is() {
        let v = |w: u32| model::ImageVariant {
            width: w,
            height: w * 3 / 4,
            avif: format!("/p-{w}.avif"),
            webp: format!("/p-{w}.webp"),
            jpeg: format!("/p-{w}.jpg"),
        };
        let photo = Image {
            src: "/public/photos/a.jpg".into(),
            alt: "Táj".into(),
            width: 4000,
            height: 3000,
            variants: [400, 800, 1200, 1600].map(v).to_vec(),
            ..Image::default()
        };
        let p = preview_image(&photo);
        assert_eq!((p.src.as_str(), p.width, p.height, p.alt.as_str()), ("/p-1200.jpg", 1200, 900, "Táj"));
        let svg = Image { src: "/public/images/a.svg".into(), width: 1200, height: 675, ..Image::default() };
        assert_eq!(preview_image(&svg), svg);
    }

    #[test]
    fn titles_read_as_the_reader_sees_them() {
        assert_eq!(document_title("", "CIVILHETES"), "CIVILHETES");
        assert_eq!(document_title("Belföld", "CIVILHETES"), "Belföld | CIVILHETES");
        assert_eq!(document_title("Belföld", ""), "Belföld");
    }

    #[test]
    fn a_later_list_page_is_its_own_canonical() {
        let list = |page| ListPage { items: vec![], page, older: Some(2), total: (page == 0).then_some(41) };
        let section = |page| SectionPage {
            section: SectionRef { slug: "kulfold".into(), name: "Külföld".into() },
            parent: None,
            children: vec![],
            list: list(page),
        };
        let first = super::section(&section(0));
        assert_eq!(first.canonical, Some(paths::section("kulfold")));
        assert_eq!(first.description, "Rovat: Külföld – 41 cikk");
        assert_eq!(first.title, "Külföld");
        let second = super::section(&section(2));
        assert_eq!(second.canonical, Some(paths::Route::Section { slug: "kulfold".into(), page: 2 }.href()));
        assert_eq!(second.title, "Külföld – 2. oldal");
        assert_eq!(second.description, "Rovat: Külföld");
    }

    #[test]
    fn a_static_page_is_described_by_its_first_words() {
        let long = "Szó ".repeat(100);
        let page = StaticPage {
            slug: "impresszum".into(),
            title: "Impresszum".into(),
            body: vec![Block::Paragraph { spans: vec![Span::plain(long.trim())] }],
        };
        let m = static_page(&page);
        assert!(m.description.chars().count() <= DESCRIPTION_MAX, "{}", m.description);
        assert!(m.description.ends_with('…'));
        let empty = StaticPage { body: vec![], ..page };
        assert_eq!(static_page(&empty).description, "Impresszum");
        assert!(search().noindex && not_found().noindex && not_found().canonical.is_none());
    }
}
