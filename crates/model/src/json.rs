//! Reading the JSON press writes without serde: a one-pass reader ([`Json`]), a small value tree
//! ([`Value`]) and [`FromJson`] for every document the app loads.
//!
//! press writes with serde; the app reads with this module, because serde's derived
//! `Deserialize` plus serde_json, monomorphised for each of the contract's types, cost the wasm
//! far more than these few lines (issue 7; docs/PERFORMANCE.md has the measured figure). The
//! tests below check that both agree on every type, field by field, with optional fields
//! present and absent. Unknown keys are skipped and missing optional fields take their serde
//! defaults, as with serde; a missing required field fails the whole document.

use crate::*;

/// A reader for the JSON press writes, read in one pass: the search files use it directly, the
/// other documents through [`Value`].
pub(crate) struct Json<'a> {
    b: &'a [u8],
    i: usize,
}

impl Json<'_> {
    pub(crate) fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    pub(crate) fn eat(&mut self, c: u8) -> bool {
        self.ws();
        let hit = self.b.get(self.i) == Some(&c);
        self.i += usize::from(hit);
        hit
    }

    pub(crate) fn num(&mut self) -> Option<u32> {
        self.ws();
        let start = self.i;
        let mut n: u32 = 0;
        while let Some(d @ b'0'..=b'9') = self.b.get(self.i).copied() {
            n = n.checked_mul(10)?.checked_add(u32::from(d - b'0'))?;
            self.i += 1;
        }
        (self.i > start).then_some(n)
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = std::str::from_utf8(self.b.get(self.i..self.i + 4)?).ok()?;
        self.i += 4;
        u32::from_str_radix(h, 16).ok()
    }

    pub(crate) fn str(&mut self) -> Option<String> {
        if !self.eat(b'"') {
            return None;
        }
        let mut out = String::new();
        loop {
            let start = self.i;
            while !matches!(self.b.get(self.i), None | Some(b'"' | b'\\')) {
                self.i += 1;
            }
            // A run between two ASCII delimiters is whole UTF-8.
            out.push_str(std::str::from_utf8(&self.b[start..self.i]).ok()?);
            let c = *self.b.get(self.i)?;
            self.i += 1;
            if c == b'"' {
                return Some(out);
            }
            let e = *self.b.get(self.i)?;
            self.i += 1;
            out.push(match e {
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let hi = self.hex4()?;
                    let c = if (0xD800..0xDC00).contains(&hi) {
                        if self.b.get(self.i..self.i + 2)? != b"\\u" {
                            return None;
                        }
                        self.i += 2;
                        let lo = self.hex4().filter(|lo| (0xDC00..0xE000).contains(lo))?;
                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    } else {
                        hi
                    };
                    char::from_u32(c)?
                }
                b'"' | b'\\' | b'/' => char::from(e),
                _ => return None,
            });
        }
    }

    /// `[item, …]`
    pub(crate) fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut out = Vec::new();
        if !self.eat(b'[') {
            return None;
        }
        if self.eat(b']') {
            return Some(out);
        }
        loop {
            out.push(item(self)?);
            if self.eat(b']') {
                return Some(out);
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    /// `{"key": value, …}`, each entry made by `entry` from its key.
    pub(crate) fn object<T>(&mut self, mut entry: impl FnMut(&mut Self, String) -> Option<T>) -> Option<Vec<T>> {
        let mut out = Vec::new();
        if !self.eat(b'{') {
            return None;
        }
        if self.eat(b'}') {
            return Some(out);
        }
        loop {
            let key = self.str()?;
            if !self.eat(b':') {
                return None;
            }
            out.push(entry(self, key)?);
            if self.eat(b'}') {
                return Some(out);
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    /// Skips any value (a key a newer press added).
    pub(crate) fn skip(&mut self) -> Option<()> {
        self.ws();
        match self.b.get(self.i)? {
            b'"' => self.str().map(drop),
            b'[' => self.list(Self::skip).map(drop),
            b'{' => self.object(|j, _| j.skip()).map(drop),
            _ => {
                let start = self.i;
                while matches!(self.b.get(self.i), Some(b'0'..=b'9' | b'a'..=b'z' | b'.' | b'-' | b'+' | b'E')) {
                    self.i += 1;
                }
                (self.i > start).then_some(())
            }
        }
    }

    pub(crate) fn done<T>(mut self, value: Option<T>) -> Option<T> {
        self.ws();
        value.filter(|_| self.i == self.b.len())
    }
}

pub(crate) fn reader(text: &str) -> Json<'_> {
    Json { b: text.as_bytes(), i: 0 }
}

/// A JSON value as press writes it: numbers are integers (every number in the contract is).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Num(i64),
    Str(String),
    Arr(Vec<Value>),
    Obj(Vec<(String, Value)>),
}

impl Json<'_> {
    fn value(&mut self) -> Option<Value> {
        self.ws();
        Some(match *self.b.get(self.i)? {
            b'"' => Value::Str(self.str()?),
            b'[' => Value::Arr(self.list(Self::value)?),
            b'{' => Value::Obj(self.object(|j, k| Some((k, j.value()?)))?),
            b'n' => self.word("null", Value::Null)?,
            b't' => self.word("true", Value::Bool(true))?,
            b'f' => self.word("false", Value::Bool(false))?,
            _ => {
                let neg = self.eat(b'-');
                let n = i64::from(self.num()?);
                // A fraction or exponent is dropped: the contract has none.
                while matches!(self.b.get(self.i), Some(b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')) {
                    self.i += 1;
                }
                Value::Num(if neg { -n } else { n })
            }
        })
    }

    fn word(&mut self, w: &str, v: Value) -> Option<Value> {
        let hit = self.b.get(self.i..self.i + w.len())? == w.as_bytes();
        self.i += w.len();
        hit.then_some(v)
    }
}

/// Parses a whole document.
pub fn parse(text: &str) -> Option<Value> {
    let mut j = reader(text);
    let v = j.value();
    j.done(v)
}

/// Parses and reads a whole document.
pub fn from_str<T: FromJson>(text: &str) -> Option<T> {
    T::from_json(&parse(text)?)
}

/// A contract type read from a [`Value`]; `None` when the value does not have its shape.
pub trait FromJson: Sized {
    fn from_json(v: &Value) -> Option<Self>;
}

impl Value {
    /// Field `k` of an object; a missing field and `null` are the same (`None`).
    pub fn get(&self, k: &str) -> Option<&Value> {
        match self {
            Value::Obj(fields) => {
                fields.iter().find(|(key, _)| key == k).map(|(_, v)| v).filter(|v| **v != Value::Null)
            }
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.clone()),
            _ => None,
        }
    }

    /// A required string field.
    fn s(&self, k: &str) -> Option<String> {
        self.get(k)?.as_str()
    }

    /// An optional string field (`Some(None)` when absent, `None` when of another type).
    fn s_opt(&self, k: &str) -> Option<Option<String>> {
        self.get(k).map_or(Some(None), |v| v.as_str().map(Some))
    }

    /// A required integer field.
    fn n<T: TryFrom<i64>>(&self, k: &str) -> Option<T> {
        match self.get(k)? {
            Value::Num(n) => T::try_from(*n).ok(),
            _ => None,
        }
    }

    /// An integer field that defaults to 0.
    fn n_or<T: TryFrom<i64> + Default>(&self, k: &str) -> Option<T> {
        self.get(k).map_or(Some(T::default()), |_| self.n(k))
    }

    /// A boolean field that defaults to false.
    fn b(&self, k: &str) -> Option<bool> {
        match self.get(k) {
            None => Some(false),
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => None,
        }
    }

    /// A required field of a contract type.
    fn t<T: FromJson>(&self, k: &str) -> Option<T> {
        T::from_json(self.get(k)?)
    }

    /// An optional field of a contract type.
    fn t_opt<T: FromJson>(&self, k: &str) -> Option<Option<T>> {
        self.get(k).map_or(Some(None), |v| T::from_json(v).map(Some))
    }

    /// A required timestamp field.
    fn time(&self, k: &str) -> Option<Timestamp> {
        date::parse_rfc3339(&self.s(k)?)
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

impl Value {
    /// A list field that defaults to empty.
    fn list_or<T: FromJson>(&self, k: &str) -> Option<Vec<T>> {
        self.get(k).map_or(Some(Vec::new()), Vec::from_json)
    }
}

impl FromJson for Site {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Site {
            name: v.s("name")?,
            tagline: v.s("tagline")?,
            motto: v.s("motto")?,
            base_url: v.s("base_url")?,
            menu: v.t("menu")?,
            menu_inline: v.n("menu_inline")?,
            footer_sections: v.t("footer_sections")?,
            legal: v.t("legal")?,
            social: v.t("social")?,
            popular_tags: v.t("popular_tags")?,
            countdown: v.t_opt("countdown")?,
            copyright_from: v.n("copyright_from")?,
            copyright_to: v.n("copyright_to")?,
        })
    }
}

impl FromJson for MenuItem {
    fn from_json(v: &Value) -> Option<Self> {
        Some(MenuItem { label: v.s("label")?, href: v.s("href")?, children: v.list_or("children")? })
    }
}

impl FromJson for Link {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Link { label: v.s("label")?, href: v.s("href")? })
    }
}

impl FromJson for SocialLink {
    fn from_json(v: &Value) -> Option<Self> {
        Some(SocialLink { network: v.s("network")?, label: v.s("label")?, href: v.s("href")? })
    }
}

impl FromJson for Countdown {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Countdown {
            title: v.s("title")?,
            target: v.time("target")?,
            after: v.s("after")?,
            href: v.s_opt("href")?,
        })
    }
}

impl FromJson for SectionRef {
    fn from_json(v: &Value) -> Option<Self> {
        Some(SectionRef { slug: v.s("slug")?, name: v.s("name")? })
    }
}

impl FromJson for TagRef {
    fn from_json(v: &Value) -> Option<Self> {
        Some(TagRef { slug: v.s("slug")?, name: v.s("name")?, count: v.n_or("count")? })
    }
}

impl FromJson for AuthorRef {
    fn from_json(v: &Value) -> Option<Self> {
        Some(AuthorRef { slug: v.s("slug")?, name: v.s("name")?, avatar: v.s("avatar")? })
    }
}

impl FromJson for Image {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Image {
            src: v.s("src")?,
            alt: v.s("alt")?,
            width: v.n("width")?,
            height: v.n("height")?,
            caption: v.s_opt("caption")?,
            credit: v.s_opt("credit")?,
            variants: v.get("variants").map_or(Some(Vec::new()), Vec::from_json)?,
            placeholder: v.s_opt("placeholder")?,
        })
    }
}

impl FromJson for ImageVariant {
    fn from_json(v: &Value) -> Option<Self> {
        Some(ImageVariant {
            width: v.n("width")?,
            height: v.n("height")?,
            avif: v.s("avif")?,
            webp: v.s("webp")?,
            jpeg: v.s("jpeg")?,
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
            slug: v.s("slug")?,
            path: v.s("path")?,
            title: v.s("title")?,
            lead: v.s("lead")?,
            section: v.t("section")?,
            author: v.t("author")?,
            published: v.time("published")?,
            cover: v.t_opt("cover")?,
            preview: v.t_opt("preview")?,
        })
    }
}

impl FromJson for Article {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Article {
            slug: v.s("slug")?,
            path: v.s("path")?,
            title: v.s("title")?,
            lead: v.s("lead")?,
            section: v.t("section")?,
            parent_section: v.t_opt("parent_section")?,
            author: v.t("author")?,
            published: v.time("published")?,
            updated: match v.get("updated") {
                None => None,
                Some(_) => Some(v.time("updated")?),
            },
            cover: v.t_opt("cover")?,
            source: v.s_opt("source")?,
            preview: v.t_opt("preview")?,
            tags: v.t("tags")?,
            body: v.t("body")?,
            related: v.t("related")?,
        })
    }
}

impl FromJson for Author {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Author {
            slug: v.s("slug")?,
            name: v.s("name")?,
            avatar: v.s("avatar")?,
            bio: v.s_opt("bio")?.unwrap_or_default(),
        })
    }
}

impl FromJson for Block {
    /// As `Block`'s serde reader: an unknown type, or an image block without its image, is
    /// `Unknown`; missing fields take their defaults.
    fn from_json(v: &Value) -> Option<Self> {
        let text = || v.s_opt("text").map(Option::unwrap_or_default);
        Some(match v.s("type")?.as_str() {
            "paragraph" => Block::Paragraph { spans: v.list_or("spans")? },
            "heading" => Block::Heading { level: v.n_or("level")?, text: text()? },
            "pull_quote" => Block::PullQuote { text: text()? },
            "quote" => Block::Quote { paragraphs: v.list_or("paragraphs")?, cite: v.s_opt("cite")? },
            "image" => match v.t_opt("image")? {
                Some(image) => Block::Image { image },
                None => Block::Unknown,
            },
            "list" => Block::List { ordered: v.b("ordered")?, items: v.list_or("items")? },
            "embed" => {
                Block::Embed { url: v.s_opt("url")?.unwrap_or_default(), title: v.s_opt("title")?.unwrap_or_default() }
            }
            _ => Block::Unknown,
        })
    }
}

impl FromJson for Span {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Span { text: v.s("text")?, strong: v.b("strong")?, em: v.b("em")?, href: v.s_opt("href")? })
    }
}

impl FromJson for ListPage {
    fn from_json(v: &Value) -> Option<Self> {
        Some(ListPage { items: v.t("items")?, page: v.n("page")?, pages: v.n("pages")?, total: v.n("total")? })
    }
}

impl FromJson for SectionPage {
    fn from_json(v: &Value) -> Option<Self> {
        Some(SectionPage {
            section: v.t("section")?,
            parent: v.t_opt("parent")?,
            children: v.list_or("children")?,
            list: v.t("list")?,
        })
    }
}

impl FromJson for TagPage {
    fn from_json(v: &Value) -> Option<Self> {
        Some(TagPage { tag: v.t("tag")?, list: v.t("list")? })
    }
}

impl FromJson for AuthorPage {
    fn from_json(v: &Value) -> Option<Self> {
        Some(AuthorPage { author: v.t("author")?, list: v.t("list")? })
    }
}

impl FromJson for Home {
    fn from_json(v: &Value) -> Option<Self> {
        Some(Home { top: v.t("top")?, sections: v.t("sections")?, latest: v.t("latest")? })
    }
}

impl FromJson for HomeSection {
    fn from_json(v: &Value) -> Option<Self> {
        Some(HomeSection { section: v.t("section")?, articles: v.t("articles")? })
    }
}

impl FromJson for StaticPage {
    fn from_json(v: &Value) -> Option<Self> {
        Some(StaticPage { slug: v.s("slug")?, title: v.s("title")?, body: v.t("body")? })
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
        ListPage { items: vec![summary(full), summary(!full)], page: 2, pages: 5, total: 50 }
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
            let item = MenuItem { label: "Belföld".into(), href: "/rovat/belfold".into(), children: vec![] };
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
    }
}
