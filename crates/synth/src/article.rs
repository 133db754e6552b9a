//! One synthetic article: its tags, author, publication time in Budapest time, front matter
//! and Markdown body, all drawn from the article's own generator.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use model::date::budapest_offset;
use model::slug::slugify;

use crate::rng::{Rng, Zipf};
use crate::words::{capitalise, headline, paragraph, person, sentence, words, WORDS};

/// Distinct tags in a synthetic corpus (fewer for tiny corpora, which simply use fewer).
pub const TAGS: usize = 300;
/// Authors in a synthetic corpus.
pub const AUTHORS: usize = 40;
/// Cover images written to `public/images/`.
pub const COVERS: usize = 8;
/// Publication times spread over this many days, ending at the newest one (`END` in lib.rs).
pub(crate) const SPAN_DAYS: i64 = 3652;

// ---------------------------------------------------------------- tags and authors

/// ~300 distinct tags (by slug), in popularity order: places and topics first, then people
/// and two-word topics. "Választás" is among the most common (the countdown links to it).
pub(crate) fn tag_names(seed: u64) -> Vec<String> {
    let mut rng = Rng::for_item(seed, 1, 0);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut push = |name: String, out: &mut Vec<String>| {
        if seen.insert(slugify(&name)) {
            out.push(name);
        }
    };
    push("Választás".to_owned(), &mut out);
    let mut topics: Vec<String> = WORDS.nouns.iter().map(|n| capitalise(n)).collect();
    let mut places: Vec<String> = WORDS.places.iter().map(|p| (*p).to_owned()).collect();
    // Interleave so that both kinds are common.
    while out.len() < TAGS && (!topics.is_empty() || !places.is_empty()) {
        if !topics.is_empty() {
            let t = topics.remove(rng.below(topics.len()));
            push(t, &mut out);
        }
        if !places.is_empty() && rng.percent(40) {
            let p = places.remove(rng.below(places.len()));
            push(p, &mut out);
        }
    }
    let mut guard = 0;
    while out.len() < TAGS && guard < 100_000 {
        guard += 1;
        let name = if rng.percent(30) {
            person(&mut rng)
        } else {
            capitalise(&format!("{} {}", rng.pick(&WORDS.adjectives), rng.pick(&WORDS.nouns)))
        };
        push(name, &mut out);
    }
    out.truncate(TAGS);
    out
}

pub(crate) struct SynthAuthor {
    pub(crate) slug: String,
    pub(crate) name: String,
}

pub(crate) fn authors(seed: u64) -> Vec<SynthAuthor> {
    let mut rng = Rng::for_item(seed, 2, 0);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    while out.len() < AUTHORS {
        let name = person(&mut rng);
        let slug = slugify(&name);
        if seen.insert(slug.clone()) {
            out.push(SynthAuthor { slug, name });
        }
    }
    out
}

// ---------------------------------------------------------------- dates

pub(crate) fn stamp(t: DateTime<Utc>) -> String {
    t.with_timezone(&budapest_offset(t)).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

// ---------------------------------------------------------------- one article

pub(crate) struct Tables {
    pub(crate) sections: Vec<String>,
    pub(crate) section_pick: Zipf,
    pub(crate) tags: Vec<String>,
    pub(crate) tag_pick: Zipf,
    pub(crate) authors: Vec<SynthAuthor>,
    pub(crate) author_pick: Zipf,
    pub(crate) end: DateTime<Utc>,
}

/// The relative path (under `articles/`) and the Markdown of article `i`. Every part draws
/// from the article's generator in a fixed order: reordering the calls changes the corpus.
pub(crate) fn article(seed: u64, i: usize, t: &Tables) -> (String, String) {
    let mut rng = Rng::for_item(seed, 3, i as u64);
    let title = headline(&mut rng, 4, 9);
    let slug = format!("{}-{}", slugify(&title.split(' ').take(6).collect::<Vec<_>>().join(" ")), i + 1);
    let section = &t.sections[t.section_pick.sample(&mut rng)];
    let author = &t.authors[t.author_pick.sample(&mut rng)];
    let published = t.end - TimeDelta::minutes(rng.below((SPAN_DAYS * 24 * 60) as usize) as i64);
    let tags: Vec<&str> = pick_tags(&mut rng, t).into_iter().map(|k| t.tags[k].as_str()).collect();
    let mut md = String::with_capacity(4096);
    let head = Head { title: &title, section, author: &author.slug, published, tags: &tags };
    front_matter(&mut rng, &head, &mut md);
    body(&mut rng, &mut md);
    let rel = format!("{section}/{}/{slug}.md", published.with_timezone(&budapest_offset(published)).year());
    (rel, md)
}

/// What the front matter says that was drawn before it.
struct Head<'a> {
    title: &'a str,
    section: &'a str,
    author: &'a str,
    published: DateTime<Utc>,
    tags: &'a [&'a str],
}

/// 2 to 9 distinct tags (by index), mostly 3 or 4.
fn pick_tags(rng: &mut Rng, t: &Tables) -> Vec<usize> {
    let n_tags = match rng.below(10) {
        0 => 2,
        1..=3 => 3,
        4..=6 => 4,
        7 => 5,
        8 => rng.range(6, 7),
        _ => rng.range(8, 9),
    };
    let mut tags: Vec<usize> = Vec::with_capacity(n_tags);
    let mut guard = 0;
    while tags.len() < n_tags && guard < 1000 {
        guard += 1;
        let tag = t.tag_pick.sample(rng);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// The `+++` fenced TOML, with the lead, an update, a source and a cover drawn here.
fn front_matter(rng: &mut Rng, h: &Head, md: &mut String) {
    md.push_str("+++\n");
    let _ = writeln!(md, "title = {:?}", h.title);
    let lead = format!("{} {}", sentence(rng), if rng.percent(60) { sentence(rng) } else { String::new() });
    let _ = writeln!(md, "lead = {:?}", lead.trim_end());
    let _ = writeln!(md, "section = \"{}\"", h.section);
    let tag_list: Vec<String> = h.tags.iter().map(|tag| format!("{tag:?}")).collect();
    let _ = writeln!(md, "tags = [{}]", tag_list.join(", "));
    let _ = writeln!(md, "author = \"{}\"", h.author);
    let _ = writeln!(md, "published = {}", stamp(h.published));
    if rng.percent(20) {
        let updated = h.published + TimeDelta::minutes(rng.range(10, 48 * 60) as i64);
        let _ = writeln!(md, "updated = {}", stamp(updated));
    }
    if rng.percent(40) {
        let _ = writeln!(md, "source = \"{}\"", rng.pick(&WORDS.sources));
    }
    md.push_str("[cover]\n");
    let _ = writeln!(md, "src = \"/public/images/synth-{}.svg\"", rng.below(COVERS) + 1);
    let _ = writeln!(md, "alt = {:?}", headline(rng, 2, 5));
    let _ = writeln!(
        md,
        "credit = \"{}\"",
        if rng.percent(50) { "Illusztráció: CIVILHETES".to_owned() } else { format!("Fotó: {}", person(rng)) }
    );
    md.push_str("+++\n\n");
}

/// 2–3 paragraphs, then one to three sub-headed parts with the other blocks mixed in.
fn body(rng: &mut Rng, md: &mut String) {
    for _ in 0..rng.range(2, 3) {
        paragraph(rng, md);
    }
    let parts = rng.range(1, 3);
    for part in 0..parts {
        let _ = write!(md, "{} {}\n\n", if part > 0 && rng.percent(40) { "###" } else { "##" }, headline(rng, 2, 6));
        paragraph(rng, md);
        block(rng, md);
        for _ in 0..rng.range(1, 3) {
            paragraph(rng, md);
        }
    }
}

/// One of: a pull quote, a quotation, a list, an image, an embed (or nothing).
fn block(rng: &mut Rng, md: &mut String) {
    match rng.below(10) {
        0..=2 => {
            let _ = write!(md, "> [!kiemelt]\n> {}\n\n", sentence(rng));
        }
        3..=5 => {
            let _ = write!(
                md,
                "> „{} {}”\n>\n> — {}, {}\n\n",
                sentence(rng),
                sentence(rng),
                person(rng),
                rng.pick(&WORDS.roles)
            );
        }
        6..=7 => {
            let ordered = rng.percent(30);
            for k in 0..rng.range(3, 5) {
                let mut item = String::new();
                let n = rng.range(3, 9);
                words(rng, n, &mut item);
                if ordered {
                    let _ = writeln!(md, "{}. {}", k + 1, capitalise(&item));
                } else {
                    let _ = writeln!(md, "- {}", capitalise(&item));
                }
            }
            md.push('\n');
        }
        8 => {
            let _ = write!(
                md,
                "![{}](/public/images/synth-{}.svg \"{} | Fotó: {}\")\n\n",
                headline(rng, 2, 4),
                rng.below(COVERS) + 1,
                sentence(rng).trim_end_matches('.'),
                person(rng)
            );
        }
        _ => {
            if rng.percent(40) {
                let id: String = (0..11).map(|_| rng.pick(b"aKx7Qm3Z") as char).collect();
                let _ = write!(md, "<https://www.youtube.com/watch?v={id}>\n\n");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budapest_offsets_follow_the_eu_summer_time_rule() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        // 2024: summer time from 31 March 01:00 UTC to 27 October 01:00 UTC.
        assert_eq!(stamp(at("2024-03-31T00:59:00Z")), "2024-03-31T01:59:00+01:00");
        assert_eq!(stamp(at("2024-03-31T01:00:00Z")), "2024-03-31T03:00:00+02:00");
        assert_eq!(stamp(at("2024-10-27T00:59:00Z")), "2024-10-27T02:59:00+02:00");
        assert_eq!(stamp(at("2024-10-27T01:00:00Z")), "2024-10-27T02:00:00+01:00");
        assert_eq!(stamp(at("2019-07-01T12:00:00Z")), "2019-07-01T14:00:00+02:00");
        assert_eq!(stamp(at("2019-01-01T12:00:00Z")), "2019-01-01T13:00:00+01:00");
    }

    #[test]
    fn three_hundred_distinct_tags_and_forty_authors() {
        let tags = tag_names(1);
        assert_eq!(tags.len(), TAGS);
        let slugs: BTreeSet<String> = tags.iter().map(|t| slugify(t)).collect();
        assert_eq!(slugs.len(), TAGS);
        assert_eq!(tags[0], "Választás");
        assert_eq!(authors(1).len(), AUTHORS);
    }
}
