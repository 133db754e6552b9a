//! The content contract between `press` (which writes it) and the app (which reads it).
//!
//! Only serde types and small pure helpers live here: no I/O, no DOM, so the wasm pays
//! for nothing it does not use. docs/CONTENT.md describes the JSON these types produce.

pub mod date;
pub mod json;
pub mod paths;
pub mod search;
pub mod slug;
pub mod url;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Timestamps keep the offset the editor wrote, so no time-zone database is needed.
pub type Timestamp = DateTime<FixedOffset>;

/// Number of article summaries in one page of every paginated list.
pub const PAGE_SIZE: usize = 12;

// ---------------------------------------------------------------- site.json

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub name: String,
    pub tagline: String,
    pub motto: String,
    /// Absolute origin of the public site, e.g. `https://civilhetes.example`, no trailing slash.
    pub base_url: String,
    /// The main menu; the first `menu_inline` entries show in the header, the rest behind "+".
    pub menu: Vec<MenuItem>,
    pub menu_inline: usize,
    pub footer_sections: Vec<Link>,
    pub legal: Vec<Link>,
    pub social: Vec<SocialLink>,
    pub popular_tags: Vec<TagRef>,
    pub countdown: Option<Countdown>,
    pub copyright_from: i32,
    pub copyright_to: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MenuItem {
    pub label: String,
    pub href: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<MenuItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub label: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SocialLink {
    /// Machine name of the network (`instagram`, `facebook`, `twitter`, `coub`, `youtube`): picks the icon.
    pub network: String,
    pub label: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Countdown {
    pub title: String,
    #[serde(with = "date::rfc3339")]
    pub target: Timestamp,
    /// Shown once the target time has passed.
    pub after: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

// ---------------------------------------------------------------- references

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SectionRef {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TagRef {
    pub slug: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub count: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthorRef {
    pub slug: String,
    pub name: String,
    /// Site-relative path of the avatar image.
    pub avatar: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Image {
    pub src: String,
    pub alt: String,
    pub width: u32,
    pub height: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// Resized copies of a raster photo (press's photos, narrowest first); empty for an SVG
    /// or an external image, which are used as they are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<ImageVariant>,
    /// The photo's average colour, `#rrggbb`, shown in its box until it loads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
}

/// One width of a photo in every format press writes: site paths of an AVIF, a WebP and a JPEG.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageVariant {
    pub width: u32,
    pub height: u32,
    pub avif: String,
    pub webp: String,
    pub jpeg: String,
}

impl Image {
    /// `srcset` of one format (`"a-400.webp 400w, a-800.webp 800w"`), skipping unsafe URLs.
    pub fn srcset(&self, format: fn(&ImageVariant) -> &str) -> String {
        let mut out = String::new();
        for v in &self.variants {
            let src = format(v);
            if url::safe_image(src).is_none() {
                continue;
            }
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(src);
            out.push(' ');
            out.push_str(&v.width.to_string());
            out.push('w');
        }
        out
    }

    /// The JPEG closest to `width` pixels wide (the smallest at least that wide, else the widest).
    pub fn jpeg_near(&self, width: u32) -> Option<&ImageVariant> {
        self.variants.iter().find(|v| v.width >= width).or(self.variants.last())
    }

    /// The CSS class of the placeholder colour (`ph-213`): each channel rounded to one of four
    /// levels, so a small fixed palette in the style sheet covers every photo (the CSP forbids
    /// inline styles).
    pub fn placeholder_class(&self) -> Option<String> {
        let hex = self.placeholder.as_deref()?.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let mut class = String::from("ph-");
        for i in 0..3 {
            let c = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
            class.push(char::from(b'0' + ((u16::from(c) * 3 + 127) / 255) as u8));
        }
        Some(class)
    }
}

// ---------------------------------------------------------------- articles

/// Why a previewed article is not on the published site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Preview {
    /// `draft = true`: never published until the flag goes.
    Draft,
    /// `published` is in the future: published by the first build after that time.
    Scheduled,
}

/// What a list shows of an article: enough for a card, never the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub slug: String,
    /// Site-relative URL path: `/<section>/<yyyy>/<mm>/<dd>/<slug>`.
    pub path: String,
    pub title: String,
    pub lead: String,
    pub section: SectionRef,
    pub author: AuthorRef,
    #[serde(with = "date::rfc3339")]
    pub published: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<Image>,
    /// Set only in a preview (`press serve --drafts`): the article is not published yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview: Option<Preview>,
    /// A live blog whose coverage is still running: cards say "Élő".
    #[serde(default, skip_serializing_if = "is_false")]
    pub live: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub slug: String,
    pub path: String,
    pub title: String,
    pub lead: String,
    pub section: SectionRef,
    /// The parent section when `section` is a sub-section (Technika → Tudomány).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_section: Option<SectionRef>,
    pub author: Author,
    #[serde(with = "date::rfc3339")]
    pub published: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "date::rfc3339_option")]
    pub updated: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<Image>,
    /// Where the story came from, shown as "(Index)" at the end of the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Set only in a preview (`press serve --drafts`): the article is not published yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview: Option<Preview>,
    /// Set when the article is a live blog (docs/CONTENT.md): its entries, newest first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live: Option<Live>,
    pub tags: Vec<TagRef>,
    /// The text; for a live blog, its introduction above the entries.
    pub body: Vec<Block>,
    pub related: Vec<ArticleSummary>,
}

impl Article {
    pub fn summary(&self) -> ArticleSummary {
        ArticleSummary {
            slug: self.slug.clone(),
            path: self.path.clone(),
            title: self.title.clone(),
            lead: self.lead.clone(),
            section: self.section.clone(),
            author: self.author.as_ref(),
            published: self.published,
            cover: self.cover.clone(),
            preview: self.preview,
            live: self.live.as_ref().is_some_and(Live::running),
        }
    }
}

/// A live blog's entries and whether its coverage is still running.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Live {
    /// When the coverage ended; `None` while it runs (the app keeps following the page).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "date::rfc3339_option")]
    pub ended: Option<Timestamp>,
    /// Newest first, the pinned ones among them.
    pub entries: Vec<LiveEntry>,
}

impl Live {
    pub fn running(&self) -> bool {
        self.ended.is_none()
    }

    /// The time of the newest entry.
    pub fn last_update(&self) -> Option<Timestamp> {
        self.entries.iter().map(|e| e.time).max()
    }
}

/// One entry of a live blog: its own anchor (`id`), time, optional title and body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveEntry {
    /// The fragment of its permalink (`e-20261205-2211`): stable while the entry's time is.
    pub id: String,
    #[serde(with = "date::rfc3339")]
    pub time: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Shown in the "Kiemelt" box above the timeline as well.
    #[serde(default, skip_serializing_if = "is_false")]
    pub pinned: bool,
    pub body: Vec<Block>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Author {
    pub slug: String,
    pub name: String,
    pub avatar: String,
    #[serde(default)]
    pub bio: String,
}

impl Author {
    pub fn as_ref(&self) -> AuthorRef {
        AuthorRef { slug: self.slug.clone(), name: self.name.clone(), avatar: self.avatar.clone() }
    }
}

/// One block of an article body. Rendered one-to-one by a component; never HTML.
///
/// Deserialize is written by hand (below): serde's derive for an internally tagged enum buffers
/// every block through a generic `Content` tree, which cost the wasm about 20 KB.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        spans: Vec<Span>,
    },
    /// Sub-heading inside the body; `level` is 2 or 3 (the title is the page's h1).
    Heading {
        level: u8,
        text: String,
    },
    /// A highlighted sentence lifted out of the text (set in capitals on the reference site).
    PullQuote {
        text: String,
    },
    /// A quotation: paragraphs of spans and an optional attribution.
    Quote {
        paragraphs: Vec<Vec<Span>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    Image {
        image: Image,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Span>>,
    },
    /// An external embed (video, post), shown as a link card: no third-party script.
    Embed {
        url: String,
        title: String,
    },
    /// A block type this build does not know: skipped, so older apps survive newer content.
    Unknown,
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// Every field any block has; `type` picks which ones matter.
        #[derive(Deserialize)]
        struct Raw {
            #[serde(rename = "type")]
            kind: String,
            #[serde(default)]
            spans: Vec<Span>,
            #[serde(default)]
            level: u8,
            #[serde(default)]
            text: String,
            #[serde(default)]
            paragraphs: Vec<Vec<Span>>,
            #[serde(default)]
            cite: Option<String>,
            #[serde(default)]
            image: Option<Image>,
            #[serde(default)]
            ordered: bool,
            #[serde(default)]
            items: Vec<Vec<Span>>,
            #[serde(default)]
            url: String,
            #[serde(default)]
            title: String,
        }
        let r = Raw::deserialize(d)?;
        Ok(match r.kind.as_str() {
            "paragraph" => Block::Paragraph { spans: r.spans },
            "heading" => Block::Heading { level: r.level, text: r.text },
            "pull_quote" => Block::PullQuote { text: r.text },
            "quote" => Block::Quote { paragraphs: r.paragraphs, cite: r.cite },
            "image" => match r.image {
                Some(image) => Block::Image { image },
                None => Block::Unknown,
            },
            "list" => Block::List { ordered: r.ordered, items: r.items },
            "embed" => Block::Embed { url: r.url, title: r.title },
            _ => Block::Unknown,
        })
    }
}

/// A run of inline text with its marks. Flat on purpose: nesting adds nothing a news body needs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Span {
    pub text: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub strong: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub em: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Span { text: text.into(), ..Default::default() }
    }
}

// ---------------------------------------------------------------- lists and pages

/// One page of a paginated list of articles, newest first.
///
/// Pages are numbered so that a new article changes only the front page (docs/adr/0014): page
/// 0, the front, at the list's own path, holds the newest articles, between one and two pages'
/// worth once the list is that long; pages 1, 2, … hold [`PAGE_SIZE`] each, counted from the
/// oldest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListPage {
    pub items: Vec<ArticleSummary>,
    /// 0 for the front page, else the page's number counted from the oldest (1).
    pub page: u32,
    /// The next older page; `None` on the oldest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub older: Option<u32>,
    /// How many articles the whole list has: on the front page only, so that an older page does
    /// not change when an article is added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
}

/// The numbered (older) pages of a list of `len` articles: every full [`PAGE_SIZE`] but the
/// newest one or two, which the front page holds (see [`ListPage`]).
pub fn older_pages(len: usize) -> u32 {
    (len / PAGE_SIZE).saturating_sub(1) as u32
}

/// Which of a list's `len` articles (newest first) page `page` holds; `None` past the last page.
pub fn list_page_range(len: usize, page: u32) -> Option<std::ops::Range<usize>> {
    let older = older_pages(len) as usize;
    match page as usize {
        0 => Some(0..len - older * PAGE_SIZE),
        p if p <= older => Some(len - p * PAGE_SIZE..len - (p - 1) * PAGE_SIZE),
        _ => None,
    }
}

/// The page after `page` going back in time: the newest numbered page after the front.
pub fn older_page(len: usize, page: u32) -> Option<u32> {
    match page {
        0 => Some(older_pages(len)).filter(|&k| k > 0),
        p => Some(p - 1).filter(|&k| k > 0),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionPage {
    pub section: SectionRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<SectionRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<SectionRef>,
    pub list: ListPage,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TagPage {
    pub tag: TagRef,
    pub list: ListPage,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthorPage {
    pub author: Author,
    pub list: ListPage,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Home {
    /// The lead story first, then the other top stories.
    pub top: Vec<ArticleSummary>,
    pub sections: Vec<HomeSection>,
    pub latest: Vec<ArticleSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeSection {
    pub section: SectionRef,
    pub articles: Vec<ArticleSummary>,
}

/// A static page (Impresszum, Jogi nyilatkozat, Adatkezelés).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaticPage {
    pub slug: String,
    pub title: String,
    pub body: Vec<Block>,
}

// ---------------------------------------------------------------- paths

/// Content-API paths, relative to the content base: at home in [`paths::api`] with the rest of
/// the URL scheme, and known by this name too.
pub use paths::api as api_path;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_block_type_decodes_to_skippable_variant() {
        let json = r#"[{"type":"paragraph","spans":[{"text":"Szia"}]},{"type":"hologram","x":1}]"#;
        let blocks: Vec<Block> = serde_json::from_str(json).unwrap();
        assert_eq!(blocks[0], Block::Paragraph { spans: vec![Span::plain("Szia")] });
        assert_eq!(blocks[1], Block::Unknown);
    }

    #[test]
    fn every_block_type_round_trips_through_json() {
        let img = Image {
            src: "/public/a.svg".into(),
            alt: "a".into(),
            width: 4,
            height: 3,
            caption: Some("c".into()),
            ..Default::default()
        };
        let blocks = vec![
            Block::Paragraph {
                spans: vec![Span {
                    text: "x".into(),
                    em: true,
                    href: Some("https://a.hu".into()),
                    ..Default::default()
                }],
            },
            Block::Heading { level: 3, text: "Alcím".into() },
            Block::PullQuote { text: "Kiemelés".into() },
            Block::Quote { paragraphs: vec![vec![Span::plain("„Idézet”")]], cite: Some("Név".into()) },
            Block::Image { image: img },
            Block::List { ordered: true, items: vec![vec![Span::plain("egy")], vec![Span::plain("kettő")]] },
            Block::Embed { url: "https://www.youtube.com/watch?v=x".into(), title: "youtube.com".into() },
        ];
        let json = serde_json::to_string(&blocks).unwrap();
        let back: Vec<Block> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, blocks);
    }

    #[test]
    fn timestamps_keep_their_offset_through_json() {
        let t: Timestamp = chrono::DateTime::parse_from_rfc3339("2023-07-07T17:21:00+02:00").unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, "\"2023-07-07T17:21:00+02:00\"");
        let back: Timestamp = serde_json::from_str(&json).unwrap();
        assert_eq!(back.offset().local_minus_utc(), 7200);
    }

    #[test]
    fn spans_omit_default_marks() {
        let s = Span { text: "x".into(), strong: true, ..Default::default() };
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"text":"x","strong":true}"#);
    }
}
