//! The decoders: [`FromJson`] for every document the app loads, read from a [`Value`] as serde's
//! derived `Deserialize` reads the same JSON. Unknown keys are skipped and missing optional
//! fields take their serde defaults; a missing required field fails the whole document.

use super::value::{parse, Value};
use crate::*;

/// Parses and reads a whole document.
pub fn from_str<T: FromJson>(text: &str) -> Option<T> {
    T::from_json(&parse(text)?)
}

/// A contract type read from a [`Value`]; `None` when the value does not have its shape.
pub trait FromJson: Sized {
    fn from_json(v: &Value) -> Option<Self>;
}

/// Reading one field of an object, as serde's derive does for each kind of field.
impl Value {
    /// A required string field.
    fn string(&self, key: &str) -> Option<String> {
        self.get(key)?.as_str()
    }

    /// An optional string field (`Some(None)` when absent, `None` when of another type).
    fn optional_string(&self, key: &str) -> Option<Option<String>> {
        self.get(key).map_or(Some(None), |v| v.as_str().map(Some))
    }

    /// A required integer field.
    fn integer<T: TryFrom<i64>>(&self, key: &str) -> Option<T> {
        match self.get(key)? {
            Value::Num(n) => T::try_from(*n).ok(),
            _ => None,
        }
    }

    /// An optional integer field (`Some(None)` when absent or null, `None` when of another type).
    fn optional_integer<T: TryFrom<i64>>(&self, key: &str) -> Option<Option<T>> {
        self.get(key).map_or(Some(None), |_| self.integer(key).map(Some))
    }

    /// An integer field that defaults to 0.
    fn integer_or_zero<T: TryFrom<i64> + Default>(&self, key: &str) -> Option<T> {
        self.get(key).map_or(Some(T::default()), |_| self.integer(key))
    }

    /// A boolean field that defaults to false.
    fn flag(&self, key: &str) -> Option<bool> {
        match self.get(key) {
            None => Some(false),
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => None,
        }
    }

    /// A required field of a contract type.
    fn field<T: FromJson>(&self, key: &str) -> Option<T> {
        T::from_json(self.get(key)?)
    }

    /// An optional field of a contract type.
    fn optional_field<T: FromJson>(&self, key: &str) -> Option<Option<T>> {
        self.get(key).map_or(Some(None), |v| T::from_json(v).map(Some))
    }

    /// A list field that defaults to empty.
    fn list_or_empty<T: FromJson>(&self, key: &str) -> Option<Vec<T>> {
        self.get(key).map_or(Some(Vec::new()), Vec::from_json)
    }

    /// A required timestamp field.
    fn timestamp(&self, key: &str) -> Option<Timestamp> {
        date::parse_rfc3339(&self.string(key)?)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Value) -> Option<Self> {
        match v {
            Value::Arr(items) => items.iter().map(T::from_json).collect(),
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

impl FromJson for Site {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Site {
            name: v.string("name")?,
            tagline: v.string("tagline")?,
            motto: v.string("motto")?,
            base_url: v.string("base_url")?,
            menu: v.field("menu")?,
            menu_inline: v.integer("menu_inline")?,
            footer_sections: v.field("footer_sections")?,
            legal: v.field("legal")?,
            social: v.field("social")?,
            popular_tags: v.field("popular_tags")?,
            countdown: v.optional_field("countdown")?,
            copyright_from: v.integer("copyright_from")?,
            copyright_to: v.integer("copyright_to")?,
        })
    }
}

impl FromJson for MenuItem {
    fn from_json(v: &Value) -> Option<Self> {
        Some(MenuItem { label: v.string("label")?, href: v.string("href")?, children: v.list_or_empty("children")? })
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
            after: v.string("after")?,
            href: v.optional_string("href")?,
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
        Some(TagRef { slug: v.string("slug")?, name: v.string("name")?, count: v.integer_or_zero("count")? })
    }
}

impl FromJson for AuthorRef {
    fn from_json(v: &Value) -> Option<Self> {
        Some(AuthorRef { slug: v.string("slug")?, name: v.string("name")?, avatar: v.string("avatar")? })
    }
}

impl FromJson for Image {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Image {
            src: v.string("src")?,
            alt: v.string("alt")?,
            width: v.integer("width")?,
            height: v.integer("height")?,
            caption: v.optional_string("caption")?,
            credit: v.optional_string("credit")?,
            variants: v.list_or_empty("variants")?,
            placeholder: v.optional_string("placeholder")?,
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
        Some(ArticleSummary {
            slug: v.string("slug")?,
            path: v.string("path")?,
            title: v.string("title")?,
            lead: v.string("lead")?,
            section: v.field("section")?,
            author: v.field("author")?,
            published: v.timestamp("published")?,
            cover: v.optional_field("cover")?,
            preview: v.optional_field("preview")?,
        })
    }
}

impl FromJson for Article {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Article {
            slug: v.string("slug")?,
            path: v.string("path")?,
            title: v.string("title")?,
            lead: v.string("lead")?,
            section: v.field("section")?,
            parent_section: v.optional_field("parent_section")?,
            author: v.field("author")?,
            published: v.timestamp("published")?,
            updated: match v.get("updated") {
                None => None,
                Some(_) => Some(v.timestamp("updated")?),
            },
            cover: v.optional_field("cover")?,
            source: v.optional_string("source")?,
            preview: v.optional_field("preview")?,
            tags: v.field("tags")?,
            body: v.field("body")?,
            related: v.field("related")?,
        })
    }
}

impl FromJson for Author {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Author {
            slug: v.string("slug")?,
            name: v.string("name")?,
            avatar: v.string("avatar")?,
            bio: v.optional_string("bio")?.unwrap_or_default(),
        })
    }
}

impl FromJson for Block {
    /// As `Block`'s serde reader: an unknown type, or an image block without its image, is
    /// `Unknown`; missing fields take their defaults.
    fn from_json(v: &Value) -> Option<Self> {
        let text = || v.optional_string("text").map(Option::unwrap_or_default);
        Some(match v.string("type")?.as_str() {
            "paragraph" => Block::Paragraph { spans: v.list_or_empty("spans")? },
            "heading" => Block::Heading { level: v.integer_or_zero("level")?, text: text()? },
            "pull_quote" => Block::PullQuote { text: text()? },
            "quote" => Block::Quote { paragraphs: v.list_or_empty("paragraphs")?, cite: v.optional_string("cite")? },
            "image" => match v.optional_field("image")? {
                Some(image) => Block::Image { image },
                None => Block::Unknown,
            },
            "list" => Block::List { ordered: v.flag("ordered")?, items: v.list_or_empty("items")? },
            "embed" => Block::Embed {
                url: v.optional_string("url")?.unwrap_or_default(),
                title: v.optional_string("title")?.unwrap_or_default(),
            },
            _ => Block::Unknown,
        })
    }
}

impl FromJson for Span {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Span {
            text: v.string("text")?,
            strong: v.flag("strong")?,
            em: v.flag("em")?,
            href: v.optional_string("href")?,
        })
    }
}

impl FromJson for ListPage {
    fn from_json(v: &Value) -> Option<Self> {
        Some(ListPage {
            items: v.field("items")?,
            page: v.integer("page")?,
            older: v.optional_integer("older")?,
            total: v.optional_integer("total")?,
        })
    }
}

impl FromJson for SectionPage {
    fn from_json(v: &Value) -> Option<Self> {
        Some(SectionPage {
            section: v.field("section")?,
            parent: v.optional_field("parent")?,
            children: v.list_or_empty("children")?,
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
        Some(Home { top: v.field("top")?, sections: v.field("sections")?, latest: v.field("latest")? })
    }
}

impl FromJson for HomeSection {
    fn from_json(v: &Value) -> Option<Self> {
        Some(HomeSection { section: v.field("section")?, articles: v.field("articles")? })
    }
}

impl FromJson for StaticPage {
    fn from_json(v: &Value) -> Option<Self> {
        Some(StaticPage { slug: v.string("slug")?, title: v.string("title")?, body: v.field("body")? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{de::DeserializeOwned, Serialize};

    /// serde writes it; this module and serde_json read it back to the same value.
    fn both<T: Serialize + DeserializeOwned + FromJson + PartialEq + std::fmt::Debug>(value: &T) {
        let text = serde_json::to_string_pretty(value).unwrap();
        assert_eq!(from_str::<T>(&text).as_ref(), Some(value), "{text}");
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
        assert_eq!(from_str::<Countdown>(r#"{"title":"t","target":"tegnap","after":"a"}"#), None);
        assert_eq!(from_str::<TagRef>(r#"{"slug":"s","name":"N","count":-1}"#), None);
        // An integer field takes only what serde reads as one of its type.
        for count in ["7", "1.0", "1e2", "-0", "01", "4294967296", "nul", "\"7\""] {
            let text = format!(r#"{{"slug":"s","name":"N","count":{count}}}"#);
            assert_eq!(from_str::<TagRef>(&text), serde_json::from_str(&text).ok(), "{text}");
        }
    }
}
