//! The vocabulary (`words.txt`, compiled in) and the text made of it: words, sentences,
//! headlines, Markdown paragraphs, people's names.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::LazyLock;

use model::slug::slugify;

use crate::rng::Rng;

/// The lists of `words.txt`, each entry a slice of the compiled-in file.
#[derive(Debug)]
pub(crate) struct Words {
    pub nouns: Vec<&'static str>,
    pub adjectives: Vec<&'static str>,
    pub verbs: Vec<&'static str>,
    pub adverbs: Vec<&'static str>,
    pub connectors: Vec<&'static str>,
    pub places: Vec<&'static str>,
    pub surnames: Vec<&'static str>,
    pub given_names: Vec<&'static str>,
    pub roles: Vec<&'static str>,
    pub sources: Vec<&'static str>,
}

/// The vocabulary, parsed on first use.
pub(crate) static WORDS: LazyLock<Words> =
    LazyLock::new(|| Words::parse(include_str!("../words.txt")).unwrap_or_else(|e| panic!("words.txt: {e}")));

impl Words {
    /// `[name]` starts a list; every other non-blank line that is not a `#` comment is one entry.
    /// Every list must be there, once, and not be empty; no other list may be.
    fn parse(text: &'static str) -> Result<Words, String> {
        let mut lists: BTreeMap<&str, Vec<&'static str>> = BTreeMap::new();
        let mut current: Option<&str> = None;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                if lists.insert(name, Vec::new()).is_some() {
                    return Err(format!("line {}: list `{name}` appears twice", n + 1));
                }
                current = Some(name);
            } else {
                let name = current.ok_or_else(|| format!("line {}: an entry before the first `[list]`", n + 1))?;
                lists.get_mut(name).expect("inserted above").push(line);
            }
        }
        let mut take = |name: &str| -> Result<Vec<&'static str>, String> {
            match lists.remove(name) {
                Some(list) if !list.is_empty() => Ok(list),
                Some(_) => Err(format!("list `{name}` is empty")),
                None => Err(format!("list `{name}` is missing")),
            }
        };
        let words = Words {
            nouns: take("nouns")?,
            adjectives: take("adjectives")?,
            verbs: take("verbs")?,
            adverbs: take("adverbs")?,
            connectors: take("connectors")?,
            places: take("places")?,
            surnames: take("surnames")?,
            given_names: take("given_names")?,
            roles: take("roles")?,
            sources: take("sources")?,
        };
        match lists.keys().next() {
            Some(unknown) => Err(format!("unknown list `{unknown}`")),
            None => Ok(words),
        }
    }
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One word of running text: mostly nouns, adjectives and verbs, some adverbs and connectors.
pub(crate) fn word(rng: &mut Rng) -> &'static str {
    match rng.below(20) {
        0..=6 => rng.pick(&WORDS.nouns),
        7..=10 => rng.pick(&WORDS.adjectives),
        11..=14 => rng.pick(&WORDS.verbs),
        15..=17 => rng.pick(&WORDS.adverbs),
        _ => rng.pick(&WORDS.connectors),
    }
}

/// `n` words separated by spaces, with the odd comma.
pub(crate) fn words(rng: &mut Rng, n: usize, out: &mut String) {
    for k in 0..n {
        if k > 0 {
            out.push_str(if k + 1 < n && rng.percent(7) { ", " } else { " " });
        }
        out.push_str(word(rng));
    }
}

/// A sentence of 6–18 words, capitalised, with a full stop.
pub(crate) fn sentence(rng: &mut Rng) -> String {
    let mut s = String::new();
    let n = rng.range(6, 18);
    words(rng, n, &mut s);
    let mut s = capitalise(&s);
    s.push('.');
    s
}

/// A heading or title: a few words, capitalised, no full stop.
pub(crate) fn headline(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let mut s = String::new();
    let n = rng.range(lo, hi);
    // Headlines lean on nouns and verbs.
    for k in 0..n {
        if k > 0 {
            s.push(' ');
        }
        s.push_str(match rng.below(10) {
            0..=3 => rng.pick(&WORDS.nouns),
            4..=5 => rng.pick(&WORDS.adjectives),
            6..=7 => rng.pick(&WORDS.verbs),
            8 => rng.pick(&WORDS.places),
            _ => rng.pick(&WORDS.adverbs),
        });
    }
    capitalise(&s)
}

/// A paragraph of Markdown: 2–5 sentences, sometimes with bold, italic or a link.
pub(crate) fn paragraph(rng: &mut Rng, out: &mut String) {
    let n = rng.range(2, 5);
    for k in 0..n {
        if k > 0 {
            out.push(' ');
        }
        let s = sentence(rng);
        match rng.below(30) {
            0 => {
                let _ = write!(out, "**{s}**");
            }
            1 => {
                let _ = write!(out, "*{s}*");
            }
            2 => {
                // A link on the sentence's last word.
                let (head, last) = s.trim_end_matches('.').rsplit_once(' ').unwrap_or(("", &s));
                let _ = write!(out, "{head} [{last}](https://pelda.hu/{}/{}).", slugify(last), rng.below(100_000));
            }
            _ => out.push_str(&s),
        }
    }
    out.push_str("\n\n");
}

pub(crate) fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(&WORDS.surnames), rng.pick(&WORDS.given_names))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_vocabulary_has_every_list_in_file_order() {
        assert_eq!(WORDS.nouns[..3], ["kormány", "város", "ország"]);
        assert_eq!(WORDS.sources.len(), 9);
        assert!(WORDS.roles.contains(&"egyetemi tanár"), "entries may contain spaces");
        assert_eq!(WORDS.connectors.first(), Some(&"és"));
    }

    #[test]
    fn a_malformed_vocabulary_is_refused_with_its_line() {
        let full: String = [
            "nouns",
            "adjectives",
            "verbs",
            "adverbs",
            "connectors",
            "places",
            "surnames",
            "given_names",
            "roles",
            "sources",
        ]
        .iter()
        .map(|l| format!("[{l}]\nx\n"))
        .collect();
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        assert!(Words::parse(leak(full.clone())).is_ok());
        assert_eq!(
            Words::parse(leak(format!("szó\n{full}"))).unwrap_err(),
            "line 1: an entry before the first `[list]`"
        );
        assert_eq!(Words::parse(leak(full.replace("[roles]\nx\n", ""))).unwrap_err(), "list `roles` is missing");
        assert_eq!(
            Words::parse(leak(full.replace("[roles]\nx\n", "[roles]\n# none\n"))).unwrap_err(),
            "list `roles` is empty"
        );
        // A `#` line is a comment, never an entry: a colour list could not live here.
        assert_eq!(Words::parse(leak(format!("{full}[colours]\n#fff\n"))).unwrap_err(), "unknown list `colours`");
        assert_eq!(Words::parse(leak(format!("{full}[extra]\ny\n"))).unwrap_err(), "unknown list `extra`");
        assert_eq!(
            Words::parse(leak(format!("{full}[nouns]\ny\n"))).unwrap_err(),
            "line 21: list `nouns` appears twice"
        );
    }
}
