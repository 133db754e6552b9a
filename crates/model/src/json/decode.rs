//! The decoders: [`FromJson`] for every document the app loads, read from a [`Value`] as serde's
//! derived `Deserialize` reads the same JSON when it is whole. Unknown keys are skipped and
//! missing optional fields take their serde defaults.
//!
//! Unlike serde, a document that is partly broken still decodes, because the app's content may
//! come from any backend, and one bad field should not cost the reader the whole page:
//!
//! - an entry of a list (a block, a card, a tag, a photo's width, a menu item) that does not
//!   decode is left out;
//! - an optional field of the wrong shape is read as absent;
//! - a field the page can do without has a fallback: an article's or a card's slug, section and
//!   day come from its path, a missing lead is empty;
//! - only a document without what identifies it (an article or a card without its title or
//!   path, a list page without its `items` array, a section, tag or author page without its
//!   section, tag or author) does not decode.
//!
//! A block is left out whole when one of its own fields is of the wrong shape: half a quote or
//! a heading without its text would say something else than the author wrote. Everything left
//! out or read as absent is counted ([`decode_counting`]), so the app can say so in the console.

use super::value::{parse, Value};
use crate::*;
use std::cell::Cell;

thread_local! {
    /// What the decoders have left out or read as absent since [`decode_counting`] began.
    static LEFT_OUT: Cell<u32> = const { Cell::new(0) };
}

/// Counts one part of a document left out; `None`, for the caller to return.
fn left_out<T>() -> Option<T> {
    LEFT_OUT.with(|n| n.set(n.get() + 1));
    None
}

/// Parses and reads a whole document.
pub fn from_str<T: FromJson>(text: &str) -> Option<T> {
    T::from_json(&parse(text)?)
}

/// Reads a document as `T`, with how many of its parts (list entries, blocks, optional
/// fields) were left out because they did not decode.
pub fn decode_counting<T: FromJson>(v: &Value) -> (Option<T>, u32) {
    counting(|| T::from_json(v))
}

/// Runs `decode`, with how many parts of what it read were left out because they did not
/// decode.
pub fn counting<T>(decode: impl FnOnce() -> T) -> (T, u32) {
    LEFT_OUT.with(|n| n.set(0));
    let decoded = decode();
    (decoded, LEFT_OUT.with(|n| n.replace(0)))
}

/// A contract type read from a [`Value`]; `None` when the value does not have its shape.
pub trait FromJson: Sized {
    fn from_json(v: &Value) -> Option<Self>;
}

fn integer<T: TryFrom<i64>>(v: &Value) -> Option<T> {
    match v {
        Value::Num(n) => T::try_from(*n).ok(),
        _ => None,
    }
}

fn boolean(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        _ => None,
    }
}

/// Reading one field of an object.
impl Value {
    /// A required string field.
    fn string(&self, key: &str) -> Option<String> {
        self.get(key)?.as_str()
    }

    /// A required integer field.
    fn integer<T: TryFrom<i64>>(&self, key: &str) -> Option<T> {
        integer(self.get(key)?)
    }

    /// A required field of a contract type.
    fn field<T: FromJson>(&self, key: &str) -> Option<T> {
        T::from_json(self.get(key)?)
    }

    /// A required timestamp field.
    fn timestamp(&self, key: &str) -> Option<Timestamp> {
        date::parse_rfc3339(&self.string(key)?)
    }

    /// An optional field read by `read`: `None` when absent, and when of the wrong shape
    /// (counted).
    fn lenient<T>(&self, key: &str, read: impl FnOnce(&Value) -> Option<T>) -> Option<T> {
        read(self.get(key)?).or_else(left_out)
    }

    /// An optional string field.
    fn optional_string(&self, key: &str) -> Option<String> {
        self.lenient(key, Value::as_str)
    }

    /// A string field that defaults to empty.
    fn text(&self, key: &str) -> String {
        self.optional_string(key).unwrap_or_default()
    }

    /// An optional integer field.
    fn optional_integer<T: TryFrom<i64>>(&self, key: &str) -> Option<T> {
        self.lenient(key, integer)
    }

    /// A boolean field that defaults to false.
    fn flag(&self, key: &str) -> bool {
        self.lenient(key, boolean).unwrap_or_default()
    }

    /// An optional field of a contract type.
    fn optional_field<T: FromJson>(&self, key: &str) -> Option<T> {
        self.lenient(key, T::from_json)
    }

    /// A list field that defaults to empty.
    fn list<T: FromJson>(&self, key: &str) -> Vec<T> {
        self.optional_field(key).unwrap_or_default()
    }

    /// A block's field: its default when absent, `None` (the block is left out) when of the
    /// wrong shape.
    fn block_field<T: Default>(&self, key: &str, read: impl FnOnce(&Value) -> Option<T>) -> Option<T> {
        self.get(key).map_or(Some(T::default()), read)
    }
}

/// A list: the entries that decode, the others left out (and counted).
impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Value) -> Option<Self> {
        match v {
            Value::Arr(items) => Some(items.iter().filter_map(|i| T::from_json(i).or_else(left_out)).collect()),
            _ => None,
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: &Value) -> Option<Self> {
        match v {
            Value::Null => Some(None),
            v => T::from_json(v).map(Some),
        }
    }
}

/// The tree itself, for a reader that decodes later (the app's one route loader).
impl FromJson for Value {
    fn from_json(v: &Value) -> Option<Self> {
        Some(v.clone())
    }
}

impl FromJson for String {
    fn from_json(v: &Value) -> Option<Self> {
        v.as_str()
    }
}

/// What an article's path (`/<section>/<yyyy>/<mm>/<dd>/<slug>`) says of it, for an article or
/// a card that lacks these fields: its section (named by its slug), its day (at midnight UTC)
/// and its slug. `None` when the path is not an article's.
fn from_path(path: &str) -> Option<(SectionRef, Timestamp, String)> {
    match paths::Route::parse(path) {
        paths::Route::Article { section, year, month, day, slug } => Some((
            SectionRef { slug: section.clone(), name: section },
            date::parse_rfc3339(&format!("{year}-{month}-{day}T00:00:00Z"))?,
            slug,
        )),
        _ => None,
    }
}

/// The fields an article and its card share, from the document or, where it lacks them, from
/// its path: slug, section, published.
fn identity(v: &Value, path: &str) -> Option<(String, SectionRef, Timestamp)> {
    let slug = v.optional_string("slug");
    let section = v.optional_field("section");
    let published = v.lenient("published", |t| date::parse_rfc3339(&t.as_str()?));
    Some(match (slug, section, published) {
        (Some(slug), Some(section), Some(published)) => (slug, section, published),
        (slug, section, published) => {
            let (path_section, day, path_slug) = from_path(path)?;
            (slug.unwrap_or(path_slug), section.unwrap_or(path_section), published.unwrap_or(day))
        }
    })
}

impl FromJson for Site {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Site {
            name: v.string("name")?,
            tagline: v.text("tagline"),
            motto: v.text("motto"),
            base_url: v.string("base_url")?,
            menu: v.list("menu"),
            menu_inline: v.optional_integer("menu_inline").unwrap_or_default(),
            footer_sections: v.list("footer_sections"),
            legal: v.list("legal"),
            social: v.list("social"),
            popular_tags: v.list("popular_tags"),
            countdown: v.optional_field("countdown"),
            copyright_from: v.integer("copyright_from")?,
            copyright_to: v.integer("copyright_to")?,
        })
    }
}

impl FromJson for MenuItem {
    fn from_json(v: &Value) -> Option<Self> {
        Some(MenuItem { label: v.string("label")?, href: v.string("href")?, children: v.list("children") })
    }
}

impl FromJson for Link {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Link { label: v.string("label")?, href: v.string("href")? })
    }
}

impl FromJson for SocialLink {
    fn from_json(v: &Value) -> Option<Self> {
        Some(SocialLink { network: v.string("network")?, label: v.string("label")?, href: v.string("href")? })
    }
}

impl FromJson for Countdown {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Countdown {
            title: v.string("title")?,
            target: v.timestamp("target")?,
            after: v.text("after"),
            href: v.optional_string("href"),
        })
    }
}

impl FromJson for SectionRef {
    fn from_json(v: &Value) -> Option<Self> {
        Some(SectionRef { slug: v.string("slug")?, name: v.string("name")? })
    }
}

impl FromJson for TagRef {
    fn from_json(v: &Value) -> Option<Self> {
        Some(TagRef {
            slug: v.string("slug")?,
            name: v.string("name")?,
            count: v.optional_integer("count").unwrap_or_default(),
        })
    }
}

impl FromJson for AuthorRef {
    fn from_json(v: &Value) -> Option<Self> {
        Some(AuthorRef { slug: v.string("slug")?, name: v.string("name")?, avatar: v.text("avatar") })
    }
}

impl FromJson for Image {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Image {
            src: v.string("src")?,
            alt: v.text("alt"),
            width: v.integer("width")?,
            height: v.integer("height")?,
            caption: v.optional_string("caption"),
            credit: v.optional_string("credit"),
            variants: v.list("variants"),
            placeholder: v.optional_string("placeholder"),
        })
    }
}

impl FromJson for ImageVariant {
    fn from_json(v: &Value) -> Option<Self> {
        Some(ImageVariant {
            width: v.integer("width")?,
            height: v.integer("height")?,
            avif: v.string("avif")?,
            webp: v.string("webp")?,
            jpeg: v.string("jpeg")?,
        })
    }
}

impl FromJson for Preview {
    fn from_json(v: &Value) -> Option<Self> {
        match v.as_str()?.as_str() {
            "draft" => Some(Preview::Draft),
            "scheduled" => Some(Preview::Scheduled),
            _ => None,
        }
    }
}

impl FromJson for ArticleSummary {
    fn from_json(v: &Value) -> Option<Self> {
        let path = v.string("path")?;
        let title = v.string("title")?;
        let (slug, section, published) = identity(v, &path)?;
        Some(ArticleSummary {
            slug,
            path,
            title,
            lead: v.text("lead"),
            section,
            author: v.optional_field("author").unwrap_or_default(),
            published,
            cover: v.optional_field("cover"),
            preview: v.optional_field("preview"),
            live: v.flag("live"),
        })
    }
}

impl FromJson for Article {
    fn from_json(v: &Value) -> Option<Self> {
        let path = v.string("path")?;
        let title = v.string("title")?;
        let (slug, section, published) = identity(v, &path)?;
        Some(Article {
            slug,
            path,
            title,
            lead: v.text("lead"),
            section,
            parent_section: v.optional_field("parent_section"),
            author: v.optional_field("author").unwrap_or_default(),
            published,
            updated: v.lenient("updated", |t| date::parse_rfc3339(&t.as_str()?)),
            cover: v.optional_field("cover"),
            source: v.optional_string("source"),
            preview: v.optional_field("preview"),
            live: v.optional_field("live"),
            tags: v.list("tags"),
            body: v.list("body"),
            related: v.list("related"),
        })
    }
}

impl FromJson for Live {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Live { ended: v.lenient("ended", |t| date::parse_rfc3339(&t.as_str()?)), entries: v.field("entries")? })
    }
}

/// An entry without its id or time cannot be placed in the timeline: left out.
impl FromJson for LiveEntry {
    fn from_json(v: &Value) -> Option<Self> {
        Some(LiveEntry {
            id: v.string("id")?,
            time: v.timestamp("time")?,
            title: v.optional_string("title"),
            pinned: v.flag("pinned"),
            body: v.list("body"),
        })
    }
}

impl FromJson for Author {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Author { slug: v.string("slug")?, name: v.string("name")?, avatar: v.text("avatar"), bio: v.text("bio") })
    }
}

impl FromJson for Block {
    /// As `Block`'s serde reader: an unknown type, or an image block without its image, is
    /// `Unknown`; missing fields take their defaults. A field of the wrong shape leaves the
    /// whole block out (`None`); a span or list item that does not decode is left out alone.
    fn from_json(v: &Value) -> Option<Self> {
        let text = || v.block_field("text", Value::as_str);
        Some(match v.string("type")?.as_str() {
            "paragraph" => Block::Paragraph { spans: v.block_field("spans", Vec::from_json)? },
            "heading" => Block::Heading { level: v.block_field("level", integer)?, text: text()? },
            "pull_quote" => Block::PullQuote { text: text()? },
            "quote" => Block::Quote {
                paragraphs: v.block_field("paragraphs", Vec::from_json)?,
                cite: v.block_field("cite", |c| c.as_str().map(Some))?,
            },
            "image" => match v.get("image") {
                Some(image) => Block::Image { image: Image::from_json(image)? },
                None => Block::Unknown,
            },
            "list" => Block::List {
                ordered: v.block_field("ordered", boolean)?,
                items: v.block_field("items", Vec::from_json)?,
            },
            "embed" => Block::Embed {
                url: v.block_field("url", Value::as_str)?,
                title: v.block_field("title", Value::as_str)?,
            },
            _ => Block::Unknown,
        })
    }
}

impl FromJson for Span {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Span {
            text: v.string("text")?,
            strong: v.flag("strong"),
            em: v.flag("em"),
            href: v.optional_string("href"),
        })
    }
}

impl FromJson for ListPage {
    fn from_json(v: &Value) -> Option<Self> {
        Some(ListPage {
            items: v.field("items")?,
            page: v.optional_integer("page").unwrap_or_default(),
            older: v.optional_integer("older"),
            total: v.optional_integer("total"),
        })
    }
}

impl FromJson for SectionPage {
    fn from_json(v: &Value) -> Option<Self> {
        Some(SectionPage {
            section: v.field("section")?,
            parent: v.optional_field("parent"),
            children: v.list("children"),
            list: v.field("list")?,
        })
    }
}

impl FromJson for TagPage {
    fn from_json(v: &Value) -> Option<Self> {
        Some(TagPage { tag: v.field("tag")?, list: v.field("list")? })
    }
}

impl FromJson for AuthorPage {
    fn from_json(v: &Value) -> Option<Self> {
        Some(AuthorPage { author: v.field("author")?, list: v.field("list")? })
    }
}

impl FromJson for Home {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Home { top: v.list("top"), sections: v.list("sections"), latest: v.list("latest") })
    }
}

impl FromJson for HomeSection {
    fn from_json(v: &Value) -> Option<Self> {
        Some(HomeSection { section: v.field("section")?, articles: v.list("articles") })
    }
}

impl FromJson for StaticPage {
    fn from_json(v: &Value) -> Option<Self> {
        Some(StaticPage { slug: v.text("slug"), title: v.string("title")?, body: v.list("body") })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{de::DeserializeOwned, Serialize};

    /// serde writes it; this module and serde_json read it back to the same value.
    fn both<T: Serialize + DeserializeOwned + FromJson + PartialEq + Clone + std::fmt::Debug>(value: &T) {
        let text = serde_json::to_string_pretty(value).unwrap();
        assert_eq!(decode_counting::<T>(&parse(&text).unwrap()), (Some(value.clone()), 0), "{text}");
        assert_eq!(&serde_json::from_str::<T>(&text).unwrap(), value);
    }

    fn time(s: &str) -> Timestamp {
        date::parse_rfc3339(s).unwrap()
    }

    fn image(full: bool) -> Image {
        Image {
            src: "/public/images/a.jpg".into(),
            alt: "Kép \"idézőjellel\" és \\ jellel".into(),
            width: 1200,
            height: 675,
            caption: full.then(|| "Felirat\nsortöréssel".into()),
            credit: full.then(|| "Fotó: MTI 😀".into()),
            variants: if full {
                [400, 800]
                    .map(|w| ImageVariant {
                        width: w,
                        height: w * 9 / 16,
                        avif: format!("/public/p/a-{w}.avif"),
                        webp: format!("/public/p/a-{w}.webp"),
                        jpeg: format!("/public/p/a-{w}.jpg"),
                    })
                    .to_vec()
            } else {
                Vec::new()
            },
            placeholder: full.then(|| "#4a6b8c".into()),
        }
    }

    fn summary(full: bool) -> ArticleSummary {
        ArticleSummary {
            slug: "a".into(),
            path: "/belfold/2024/03/01/a".into(),
            title: "Árvíztűrő tükörfúrógép".into(),
            lead: "Lead".into(),
            section: SectionRef { slug: "belfold".into(), name: "Belföld".into() },
            author: AuthorRef { slug: "k".into(), name: "Kovács".into(), avatar: "/public/avatars/k.svg".into() },
            published: time("2024-03-01T08:30:00+01:00"),
            cover: full.then(|| image(true)),
            preview: full.then_some(Preview::Scheduled),
            live: full,
        }
    }

    fn list(full: bool) -> ListPage {
        ListPage { items: vec![summary(full), summary(!full)], page: 0, older: Some(5), total: full.then_some(50) }
    }

    fn blocks() -> Vec<Block> {
        let spans = vec![
            Span::plain("sima "),
            Span { text: "erős".into(), strong: true, em: true, href: Some("https://example.org/?a=1&b=2".into()) },
        ];
        vec![
            Block::Paragraph { spans: spans.clone() },
            Block::Heading { level: 3, text: "Alcím".into() },
            Block::PullQuote { text: "Kiemelés".into() },
            Block::Quote { paragraphs: vec![spans.clone(), vec![]], cite: Some("Valaki".into()) },
            Block::Quote { paragraphs: vec![spans.clone()], cite: None },
            Block::Image { image: image(false) },
            Block::List { ordered: true, items: vec![spans.clone()] },
            Block::List { ordered: false, items: vec![] },
            Block::Embed { url: "https://video.example/1".into(), title: "Videó".into() },
        ]
    }

    #[test]
    fn reads_every_document_as_serde_does() {
        for full in [true, false] {
            let author = Author {
                slug: "k".into(),
                name: "Kovács".into(),
                avatar: "/a.svg".into(),
                bio: if full { "Bio".into() } else { String::new() },
            };
            let section = SectionRef { slug: "tudomany".into(), name: "Tudomány".into() };
            both(&Article {
                slug: "a".into(),
                path: "/tudomany/2024/03/01/a".into(),
                title: "Cím".into(),
                lead: "Lead".into(),
                section: section.clone(),
                parent_section: full.then(|| section.clone()),
                author: author.clone(),
                published: time("2024-03-01T08:30:00+01:00"),
                updated: full.then(|| time("2024-07-02T10:00:00.5+02:00")),
                cover: full.then(|| image(full)),
                source: full.then(|| "Index".into()),
                preview: full.then_some(Preview::Draft),
                live: full.then(|| Live {
                    ended: Some(time("2024-03-01T23:55:00+01:00")),
                    entries: vec![
                        LiveEntry {
                            id: "e-20240301-2211".into(),
                            time: time("2024-03-01T22:11:00+01:00"),
                            title: Some("Cím".into()),
                            pinned: true,
                            body: blocks(),
                        },
                        LiveEntry {
                            id: "e-20240301-1800".into(),
                            time: time("2024-03-01T18:00:00+01:00"),
                            title: None,
                            pinned: false,
                            body: vec![],
                        },
                    ],
                }),
                tags: vec![TagRef { slug: "t".into(), name: "T".into(), count: if full { 7 } else { 0 } }],
                body: blocks(),
                related: vec![summary(full)],
            });
            both(&list(full));
            both(&SectionPage {
                section: section.clone(),
                parent: full.then(|| section.clone()),
                children: if full { vec![section.clone()] } else { vec![] },
                list: list(full),
            });
            both(&TagPage { tag: TagRef { slug: "t".into(), name: "T".into(), count: 3 }, list: list(full) });
            both(&AuthorPage { author, list: list(full) });
            both(&Home {
                top: vec![summary(full)],
                sections: vec![HomeSection { section: section.clone(), articles: vec![summary(!full)] }],
                latest: vec![],
            });
            both(&StaticPage { slug: "impresszum".into(), title: "Impresszum".into(), body: blocks() });
            let item = MenuItem { label: "Belföld".into(), href: crate::paths::section("belfold"), children: vec![] };
            let link = Link { label: "L".into(), href: "/l".into() };
            both(&Site {
                name: "CIVILHETES".into(),
                tagline: "t".into(),
                motto: "m".into(),
                base_url: "https://civilhetes.example".into(),
                menu: vec![MenuItem { children: vec![item.clone()], ..item }],
                menu_inline: 5,
                footer_sections: vec![link.clone()],
                legal: vec![link],
                social: vec![SocialLink { network: "facebook".into(), label: "F".into(), href: "https://f".into() }],
                popular_tags: vec![],
                countdown: full.then(|| Countdown {
                    title: "Választás".into(),
                    target: time("2026-04-12T06:00:00+02:00"),
                    after: "Vége".into(),
                    href: Some("/v".into()),
                }),
                copyright_from: 2020,
                copyright_to: 2026,
            });
        }
    }

    #[test]
    fn newer_content_and_broken_documents() {
        // Unknown keys and block types are skipped, as with serde.
        let text = r#"{"slug":"s","name":"N","new":{"x":[1,2.5e3,-3,true,null]}}"#;
        assert_eq!(from_str::<SectionRef>(text), Some(SectionRef { slug: "s".into(), name: "N".into() }));
        let blocks = r#"[{"type":"poll","question":"?"},{"type":"image"},{"type":"heading","text":"H","level":2}]"#;
        assert_eq!(from_str::<Vec<Block>>(blocks), serde_json::from_str(blocks).ok());
        // A missing required field, a wrong type, trailing bytes, a bad date: no document.
        assert_eq!(from_str::<SectionRef>(r#"{"slug":"s"}"#), None);
        assert_eq!(from_str::<SectionRef>(r#"{"slug":"s","name":1}"#), None);
        assert_eq!(from_str::<SectionRef>(r#"{"slug":"s","name":"N"} x"#), None);
        // A truncated literal is not JSON, even where an unknown key or an optional field would
        // have been left out: the text, not a part, is broken.
        assert_eq!(from_str::<SectionRef>(r#"{"slug":"s","name":"N","x":nul}"#), None);
        assert_eq!(from_str::<TagRef>(r#"{"slug":"s","name":"N","count":tru}"#), None);
        assert_eq!(from_str::<Countdown>(r#"{"title":"t","target":"tegnap","after":"a"}"#), None);
        assert_eq!(from_str::<ImageVariant>(r#"{"width":-1,"height":1,"avif":"a","webp":"w","jpeg":"j"}"#), None);
        // A required integer field takes only what serde reads as one of its type.
        for width in ["7", "1.0", "1e2", "-0", "01", "4294967296", "nul", "\"7\""] {
            let text = format!(r#"{{"width":{width},"height":1,"avif":"a","webp":"w","jpeg":"j"}}"#);
            assert_eq!(from_str::<ImageVariant>(&text), serde_json::from_str(&text).ok(), "{text}");
        }
    }

    /// A whole article, as JSON to break in the tests below.
    fn article_json() -> serde_json::Value {
        let section = SectionRef { slug: "belfold".into(), name: "Belföld".into() };
        let author = Author { slug: "k".into(), name: "Kovács".into(), avatar: "/a.svg".into(), bio: "Bio".into() };
        serde_json::to_value(Article {
            slug: "a".into(),
            path: "/belfold/2024/03/01/a".into(),
            title: "Cím".into(),
            lead: "Lead".into(),
            section: section.clone(),
            parent_section: Some(section),
            author,
            published: time("2024-03-01T08:30:00+01:00"),
            updated: Some(time("2024-03-02T08:30:00+01:00")),
            cover: Some(image(true)),
            source: Some("Index".into()),
            preview: Some(Preview::Draft),
            live: None,
            tags: vec![TagRef { slug: "t".into(), name: "T".into(), count: 0 }],
            body: blocks(),
            related: vec![summary(true), summary(false)],
        })
        .unwrap()
    }

    fn decode<T: FromJson>(json: &serde_json::Value) -> (Option<T>, u32) {
        decode_counting(&parse(&json.to_string()).unwrap())
    }

    #[test]
    fn a_block_that_does_not_decode_is_left_out_and_counted() {
        let mut json = article_json();
        let body = json["body"].as_array_mut().unwrap();
        let whole = body.len();
        // No type, a heading whose text is a number, an image whose image has no src, a
        // paragraph whose spans are a string, not a block at all.
        body.insert(1, serde_json::json!({"text": "no type"}));
        body.insert(3, serde_json::json!({"type": "heading", "level": 2, "text": 5}));
        body.push(serde_json::json!({"type": "image", "image": {"alt": "a", "width": 1, "height": 1}}));
        body.push(serde_json::json!({"type": "paragraph", "spans": "x"}));
        body.push(serde_json::json!("paragraph"));
        let (article, left_out) = decode::<Article>(&json);
        assert_eq!(article.unwrap().body, blocks(), "every block that decodes, in order");
        assert_eq!((whole, left_out), (blocks().len(), 5));
        // A span that does not decode is left out of its block, which stays.
        let spans = r#"[{"type":"paragraph","spans":[{"text":"a"},{"strong":true},{"text":"b","em":"yes"}]}]"#;
        let (body, left_out) = decode_counting::<Vec<Block>>(&parse(spans).unwrap());
        assert_eq!(body, Some(vec![Block::Paragraph { spans: vec![Span::plain("a"), Span::plain("b")] }]));
        assert_eq!(left_out, 2);
        // An unknown block type is newer content, not a broken block: kept as Unknown, not counted.
        let (body, left_out) = decode_counting::<Vec<Block>>(&parse(r#"[{"type":"poll"}]"#).unwrap());
        assert_eq!((body, left_out), (Some(vec![Block::Unknown]), 0));
    }

    #[test]
    fn an_optional_field_of_the_wrong_shape_is_absent() {
        let mut json = article_json();
        json["cover"] = serde_json::json!("kép");
        json["source"] = serde_json::json!(5);
        json["updated"] = serde_json::json!("tegnap");
        json["parent_section"] = serde_json::json!([]);
        json["preview"] = serde_json::json!("maybe");
        json["lead"] = serde_json::json!({"text": "x"});
        json["author"]["bio"] = serde_json::json!(false);
        json["tags"][0]["count"] = serde_json::json!("sok");
        let (article, left_out) = decode::<Article>(&json);
        let article = article.unwrap();
        assert_eq!(
            (article.cover, article.source, article.updated, article.parent_section, article.preview),
            (None, None, None, None, None)
        );
        assert_eq!((article.lead.as_str(), article.author.bio.as_str(), article.tags[0].count), ("", "", 0));
        assert_eq!(left_out, 8);
        // In a list page and a card alike.
        let list = r#"{"items":[],"page":"0","older":-1,"total":"x"}"#;
        let (page, left_out) = decode_counting::<ListPage>(&parse(list).unwrap());
        assert_eq!((page, left_out), (Some(ListPage { items: vec![], page: 0, older: None, total: None }), 3));
    }

    #[test]
    fn a_list_entry_that_does_not_decode_is_skipped() {
        let mut json = article_json();
        json["tags"].as_array_mut().unwrap().push(serde_json::json!({"slug": "x"}));
        json["related"].as_array_mut().unwrap().insert(0, serde_json::json!({"path": "/belfold/2024/03/01/b"}));
        json["cover"]["variants"].as_array_mut().unwrap().push(serde_json::json!({"width": 1600}));
        json["author"] = serde_json::json!({"slug": "k", "name": "Kovács", "avatar": 1});
        let (article, left_out) = decode::<Article>(&json);
        let article = article.unwrap();
        assert_eq!(article.tags.len(), 1);
        assert_eq!(article.related, vec![summary(true), summary(false)]);
        assert_eq!(article.cover.unwrap().variants, image(true).variants);
        assert_eq!(article.author.avatar, "");
        assert_eq!(left_out, 4);
        // A card without a title in a list page, a menu item without its link in site.json.
        let mut page = serde_json::to_value(list(true)).unwrap();
        page["items"][0].as_object_mut().unwrap().remove("title");
        let (page, left_out) = decode::<ListPage>(&page);
        assert_eq!((page.unwrap().items, left_out), (vec![summary(false)], 1));
        let menu = r#"[{"label":"A","href":"/a"},{"label":"B"},{"label":"C","href":"/c","children":[1]}]"#;
        let (menu, left_out) = decode_counting::<Vec<MenuItem>>(&parse(menu).unwrap());
        assert_eq!((menu.unwrap().len(), left_out), (2, 2));
        // A list field that is not a list is an empty one.
        let mut json = article_json();
        json["tags"] = serde_json::json!({"slug": "t"});
        let (article, left_out) = decode::<Article>(&json);
        assert_eq!((article.unwrap().tags, left_out), (vec![], 1));
    }

    #[test]
    fn what_the_page_can_do_without_comes_from_the_path() {
        let mut json = article_json();
        for key in ["slug", "section", "published", "author", "lead"] {
            json.as_object_mut().unwrap().remove(key);
        }
        let (article, left_out) = decode::<Article>(&json);
        let article = article.unwrap();
        assert_eq!(article.slug, "a");
        assert_eq!(article.section, SectionRef { slug: "belfold".into(), name: "belfold".into() });
        assert_eq!(article.published, time("2024-03-01T00:00:00Z"));
        assert_eq!((article.author, article.lead), (Author::default(), String::new()));
        assert_eq!(left_out, 0, "absent is not broken");
        // The same for a card, with its author a number this time.
        let mut card = serde_json::to_value(summary(false)).unwrap();
        card["published"] = serde_json::json!("tegnap");
        card["author"] = serde_json::json!(7);
        let (card, left_out) = decode::<ArticleSummary>(&card);
        let card = card.unwrap();
        assert_eq!((card.published, card.author, left_out), (time("2024-03-01T00:00:00Z"), AuthorRef::default(), 2));
        // Without it in the document nor in the path, a card has no day to show: left out.
        let card = r#"{"path":"/x","title":"T"}"#;
        assert_eq!(from_str::<ArticleSummary>(card), None);
    }

    #[test]
    fn only_a_document_without_what_identifies_it_fails() {
        for key in ["title", "path"] {
            let mut json = article_json();
            json.as_object_mut().unwrap().remove(key);
            assert_eq!(decode::<Article>(&json).0, None, "without {key}");
            let mut json = article_json();
            json[key] = serde_json::json!(12);
            assert_eq!(decode::<Article>(&json).0, None, "{key} a number");
        }
        assert_eq!(from_str::<ListPage>(r#"{"page":0}"#), None);
        assert_eq!(from_str::<ListPage>(r#"{"items":{},"page":0}"#), None);
        let list = serde_json::to_value(list(false)).unwrap();
        let section = serde_json::json!({"slug": "s", "name": "S"});
        assert!(decode::<SectionPage>(&serde_json::json!({"section": section, "list": list})).0.is_some());
        assert_eq!(decode::<SectionPage>(&serde_json::json!({"list": list})).0, None);
        assert_eq!(decode::<SectionPage>(&serde_json::json!({"section": section, "list": {"page": 0}})).0, None);
        assert_eq!(decode::<TagPage>(&serde_json::json!({"tag": "t", "list": list})).0, None);
        assert_eq!(decode::<AuthorPage>(&serde_json::json!({"author": {"slug": "k"}, "list": list})).0, None);
        assert_eq!(from_str::<StaticPage>(r#"{"slug":"s","body":[]}"#), None);
        // Home has no one thing that identifies it: each of its lists can be empty.
        assert_eq!(from_str::<Home>(r#"{"top":"x"}"#), Some(Home { top: vec![], sections: vec![], latest: vec![] }));
    }
}
