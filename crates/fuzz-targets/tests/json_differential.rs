//! `model::json::parse` against serde_json, the reference, on generated inputs: random JSON
//! documents, and random and contract documents (press's own output, written by serde) broken
//! in the ways a truncated download or a hand edit breaks them.
//!
//! For every input, `parse` must accept it exactly when `serde_json::from_str::<Value>` does,
//! and then read the same value (`fuzz_targets::json::same` says what "same" means, numbers
//! included; the fuzz target `json_reader` checks the same on libFuzzer's inputs).
//!
//! The inputs come from a fixed seed, so every run tries the same ones. A failure names its
//! case; `JSON_DIFF_CASE=<n> cargo test -p fuzz-targets --test json_differential` reruns that case
//! alone, and `JSON_DIFF_SEED=<n>` (with `JSON_DIFF_CASES=<count>`) tries other inputs.

use fuzz_targets::json::same;
use model::json::parse;
use model::search::{SearchDoc, SearchIndex};
use model::*;
use serde_json::Value as Reference;

const SEED: u64 = 0x6869_726c_6170;
const CASES: u64 = 120_000;

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

fn env(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| v.parse().unwrap_or_else(|_| panic!("{name}={v} is not a number")))
}

// ---------------------------------------------------------------- random documents

fn whitespace(rng: &mut Rng, out: &mut String) {
    if rng.chance(20) {
        out.push_str(rng.pick(&[" ", "\n", "\t", "\r\n  ", "  "]));
    }
}

fn digits(rng: &mut Rng, out: &mut String, count: usize) {
    for _ in 0..count {
        out.push(char::from(b'0' + rng.below(10) as u8));
    }
}

/// A valid number, of every shape serde_json tells apart, near the limits often.
fn number(rng: &mut Rng, out: &mut String) {
    if rng.chance(30) {
        out.push('-');
    }
    match rng.below(10) {
        0 => out.push('0'),
        1 => out.push_str(&(rng.next() >> rng.below(64)).to_string()),
        2 => out.push_str(rng.pick(&["9223372036854775807", "9223372036854775808", "18446744073709551615"])),
        3 => out.push_str(&format!("{}{}", 1 + rng.below(9), rng.next())),
        // Next to f64::MAX, on either side of where serde_json's float becomes infinite.
        4 => {
            out.push_str(rng.pick(&["1.79769313486231", "17976931348623", "0.0017976931348623", "18446744073709551"]));
            let count = rng.below(8);
            digits(rng, out, count);
            out.push_str(rng.pick(&["e308", "e295", "E+311", "e289", "e292"]));
        }
        _ => {
            out.push(char::from(b'1' + rng.below(9) as u8));
            let count = rng.below(4);
            digits(rng, out, count);
            if rng.chance(50) {
                out.push('.');
                let longest = if rng.chance(10) { 25 } else { 5 };
                let count = 1 + rng.below(longest);
                digits(rng, out, count);
            }
            if rng.chance(40) {
                out.push_str(rng.pick(&["e", "E", "e+", "e-", "E-"]));
                let longest = if rng.chance(10) { 12 } else { 3 };
                let count = 1 + rng.below(longest);
                digits(rng, out, count);
            }
        }
    }
}

/// A valid string: plain text, every escape, characters of every UTF-8 length.
fn string(rng: &mut Rng, out: &mut String) {
    out.push('"');
    for _ in 0..rng.below(8) {
        match rng.below(12) {
            0 => out.push_str(rng.pick(&[r#"\""#, r"\\", r"\/", r"\b", r"\f", r"\n", r"\r", r"\t"])),
            1 => {
                // A \u escape outside the surrogates, in either case.
                let code = loop {
                    let code = rng.below(0x1_0000) >> rng.below(16);
                    if !(0xD800..0xE000).contains(&code) {
                        break code;
                    }
                };
                let hex = format!("{code:04x}");
                out.push_str(&format!("\\u{}", if rng.chance(50) { hex.to_uppercase() } else { hex }));
            }
            2 => {
                let code = 0x1_0000 + rng.below(0x10_0000) as u32;
                let (high, low) = (0xD800 + ((code - 0x1_0000) >> 10), 0xDC00 + ((code - 0x1_0000) & 0x3FF));
                out.push_str(&format!("\\u{high:04x}\\u{low:04X}"));
            }
            3 => out.push_str(rng.pick(&["é", "ő", "Ű", "😀", "\u{7f}", "\u{2028}", "\u{feff}", "€", " ", "'"])),
            _ => out.push(char::from(b'a' + rng.below(26) as u8)),
        }
    }
    out.push('"');
}

fn value(rng: &mut Rng, out: &mut String, depth: usize) {
    whitespace(rng, out);
    let containers = if depth > 5 { 0 } else { 3 };
    match rng.below(8 + containers) {
        0 => out.push_str("null"),
        1 => out.push_str(rng.pick(&["true", "false"])),
        2..=4 => number(rng, out),
        5..=7 => string(rng, out),
        8 => {
            out.push('[');
            for i in 0..rng.below(5) {
                if i > 0 {
                    out.push(',');
                }
                value(rng, out, depth + 1);
            }
            whitespace(rng, out);
            out.push(']');
        }
        _ => {
            out.push('{');
            for i in 0..rng.below(5) {
                if i > 0 {
                    out.push(',');
                }
                whitespace(rng, out);
                // Few keys, so that some repeat.
                match rng.below(4) {
                    0 => string(rng, out),
                    _ => out.push_str(rng.pick(&[r#""a""#, r#""slug""#, r#""""#, r#""\u0061""#])),
                }
                whitespace(rng, out);
                out.push(':');
                value(rng, out, depth + 1);
            }
            whitespace(rng, out);
            out.push('}');
        }
    }
    whitespace(rng, out);
}

fn document(rng: &mut Rng) -> String {
    let mut out = String::new();
    value(rng, &mut out, 0);
    out
}

// ---------------------------------------------------------------- contract documents

/// Documents as press writes them, compact and pretty. One function on purpose: one value of
/// every contract type, each built from the ones before it.
fn contract_documents() -> Vec<String> {
    let time = |s: &str| date::parse_rfc3339(s).unwrap();
    let section = SectionRef { slug: "belfold".into(), name: "Belföld".into() };
    let author = Author {
        slug: "k".into(),
        name: "Kovács Ödön".into(),
        avatar: "/public/avatars/k.svg".into(),
        bio: "Újságíró.".into(),
    };
    let image = Image {
        src: "/public/images/a.jpg".into(),
        alt: "Kép \"idézőjellel\" és \\ jellel".into(),
        width: 1200,
        height: 675,
        caption: Some("Felirat\nsortöréssel\t😀".into()),
        credit: None,
        variants: vec![ImageVariant {
            width: 400,
            height: 225,
            avif: "/p/a-400.avif".into(),
            webp: "/p/a-400.webp".into(),
            jpeg: "/p/a-400.jpg".into(),
        }],
        placeholder: Some("#4a6b8c".into()),
    };
    let summary = ArticleSummary {
        slug: "a".into(),
        path: "/belfold/2024/03/01/a".into(),
        title: "Árvíztűrő tükörfúrógép".into(),
        lead: "Lead \u{2028} </script>".into(),
        section: section.clone(),
        author: author.as_ref(),
        published: time("2024-03-01T08:30:00+01:00"),
        cover: Some(image.clone()),
        preview: Some(Preview::Scheduled),
        live: true,
    };
    let spans = vec![
        Span::plain("sima "),
        Span { text: "erős".into(), strong: true, em: false, href: Some("https://example.org/?a=1&b=2".into()) },
    ];
    let article = Article {
        slug: "a".into(),
        path: "/belfold/2024/03/01/a".into(),
        title: "Cím".into(),
        lead: "Lead".into(),
        section: section.clone(),
        parent_section: None,
        author: author.clone(),
        published: time("2024-03-01T08:30:00+01:00"),
        updated: Some(time("2024-07-02T10:00:00.5+02:00")),
        cover: None,
        source: Some("MTI".into()),
        preview: None,
        live: Some(model::Live {
            ended: None,
            entries: vec![model::LiveEntry {
                id: "e-20240301-0930".into(),
                time: time("2024-03-01T09:30:00+01:00"),
                title: Some("Friss \" </script>".into()),
                pinned: true,
                body: vec![Block::Paragraph { spans: spans.clone() }],
            }],
        }),
        tags: vec![TagRef { slug: "t".into(), name: "T".into(), count: 7 }],
        body: vec![
            Block::Paragraph { spans: spans.clone() },
            Block::Heading { level: 2, text: "Alcím".into() },
            Block::Quote { paragraphs: vec![spans.clone(), vec![]], cite: None },
            Block::Image { image },
            Block::List { ordered: true, items: vec![spans] },
            Block::Embed { url: "https://video.example/1".into(), title: "Videó".into() },
        ],
        related: vec![summary.clone()],
    };
    let site = Site {
        name: "CIVILHETES".into(),
        tagline: "t".into(),
        motto: "m".into(),
        base_url: "https://civilhetes.example".into(),
        menu: vec![MenuItem { label: "Belföld".into(), href: paths::section("belfold"), children: vec![] }],
        menu_inline: 5,
        footer_sections: vec![Link { label: "L".into(), href: "/l".into() }],
        legal: vec![],
        social: vec![SocialLink { network: "facebook".into(), label: "F".into(), href: "https://f".into() }],
        popular_tags: vec![TagRef { slug: "t".into(), name: "T".into(), count: 0 }],
        countdown: Some(Countdown {
            title: "Választás".into(),
            target: time("2026-04-12T06:00:00+02:00"),
            after: "Vége".into(),
            href: None,
        }),
        copyright_from: 2020,
        copyright_to: -2026,
    };
    let list = ListPage { items: vec![summary], page: 0, older: Some(5), total: Some(4_000_000_000) };
    let index = SearchIndex { docs: 70000, chunk: 32, groups: vec![("sz".into(), vec!["szel".into(), "szo".into()])] };
    let docs = vec![SearchDoc {
        title: "„Idézet” \"x\"".into(),
        path: "/a/2024/01/02/b".into(),
        section: "A".into(),
        lead: "sor\nsor\u{1}".into(),
    }];
    let values: [&dyn erased::Serialize; 5] = [&article, &site, &list, &index, &docs];
    values.iter().flat_map(|value| [value.compact(), value.pretty()]).collect()
}

/// Serialising the documents, of five types, in one loop.
mod erased {
    pub trait Serialize {
        fn compact(&self) -> String;
        fn pretty(&self) -> String;
    }

    impl<T: serde::Serialize> Serialize for T {
        fn compact(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
        fn pretty(&self) -> String {
            serde_json::to_string_pretty(self).unwrap()
        }
    }
}

// ---------------------------------------------------------------- breaking documents

/// Bytes and pieces that matter to a JSON reader.
const PIECES: [&str; 40] = [
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"",
    "\\",
    " ",
    "\n",
    "-",
    "+",
    ".",
    "e",
    "E",
    "0",
    "1",
    "9",
    "t",
    "n",
    "u",
    "\t",
    "\0",
    "\u{1}",
    "\u{1f}",
    "\u{7f}",
    "/",
    "é",
    "\u{feff}",
    "\u{a0}",
    r"\u",
    r"\ud800",
    r"\udc00",
    r"\ud83d\ude00",
    r"\u00e9",
    r"\x",
    "01",
    "1.",
    ".5",
    "1e400",
];

/// Where a literal can be broken, and what into.
const LITERALS: [&str; 3] = ["null", "true", "false"];
const BROKEN_LITERALS: [&str; 12] =
    ["nul", "tru", "fals", "nulll", "truee", "n", "True", "NULL", "ture", "fale", "nu ll", ""];

/// Applies one to three random breakages to `doc`.
fn mutate(rng: &mut Rng, doc: &str) -> String {
    let mut bytes = doc.as_bytes().to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(11) {
            0 => bytes.truncate(at),
            1 if at < bytes.len() => bytes[at] = rng.pick(&PIECES).as_bytes()[0],
            2 if at < bytes.len() => bytes[at] = rng.next() as u8,
            3 => {
                let piece = rng.pick(&PIECES);
                bytes.splice(at..at, piece.bytes());
            }
            4 => {
                let end = (at + 1 + rng.below(4)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            // A literal cut short or misspelt.
            5 => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let literal = rng.pick(&LITERALS);
                let broken = rng.pick(&BROKEN_LITERALS);
                bytes = match text.match_indices(literal).nth(rng.below(4)) {
                    Some((i, _)) => format!("{}{broken}{}", &text[..i], &text[i + literal.len()..]).into_bytes(),
                    None => format!("[{text},{broken}]").into_bytes(),
                };
            }
            // A trailing comma before a closing bracket.
            6 => {
                let closes: Vec<usize> = (0..bytes.len()).filter(|&i| matches!(bytes[i], b']' | b'}')).collect();
                if !closes.is_empty() {
                    let i = closes[rng.below(closes.len())];
                    bytes.splice(i..i, rng.pick(&[",", ", ", ",\n"]).bytes());
                }
            }
            // Nested around the limit (127 open arrays and objects).
            7 => {
                let levels = 110 + rng.below(25);
                let (open, close) = if rng.chance(50) { ("[", "]") } else { (r#"{"k":"#, "}") };
                bytes = format!("{}{}{}", open.repeat(levels), String::from_utf8_lossy(&bytes), close.repeat(levels))
                    .into_bytes();
            }
            // A piece of the document again, elsewhere.
            8 if at < bytes.len() => {
                let end = (at + 1 + rng.below(20)).min(bytes.len());
                let piece = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, piece);
            }
            // Something after the document.
            9 => bytes.extend_from_slice(rng.pick(&[" x", " 1", ",", "]", "\u{0}", " {}", "\n\n", "//"]).as_bytes()),
            // Another number where a digit was.
            _ => {
                let digits: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i].is_ascii_digit()).collect();
                if !digits.is_empty() {
                    let i = digits[rng.below(digits.len())];
                    let mut text = String::new();
                    number(rng, &mut text);
                    bytes.splice(i..i + 1, text.into_bytes());
                }
            }
        }
    }
    // The app reads text: a byte that breaks UTF-8 becomes U+FFFD, as a decoder would make it.
    String::from_utf8_lossy(&bytes).into_owned()
}

// ---------------------------------------------------------------- the test

/// The input of case `case`: a random document, as it is or broken, or a broken contract
/// document. Each case has its own generator, so that it can be rerun alone.
fn input(seed: u64, case: u64, contract: &[String]) -> String {
    let mut rng = Rng(seed ^ case.wrapping_mul(0xD1B5_4A32_D192_ED03));
    match rng.below(10) {
        0..=2 => document(&mut rng),
        3..=6 => {
            let doc = document(&mut rng);
            mutate(&mut rng, &doc)
        }
        _ => {
            let doc = &contract[rng.below(contract.len())];
            mutate(&mut rng, doc)
        }
    }
}

#[test]
fn parse_agrees_with_serde_json() {
    let seed = env("JSON_DIFF_SEED").unwrap_or(SEED);
    let only = env("JSON_DIFF_CASE");
    let cases = only.map_or(0..env("JSON_DIFF_CASES").unwrap_or(CASES), |case| case..case + 1);
    let contract = contract_documents();
    let started = std::time::Instant::now();
    let (mut accepted, mut refused) = (0u64, 0u64);
    for case in cases.clone() {
        let text = input(seed, case, &contract);
        let ours = parse(&text);
        let theirs = serde_json::from_str::<Reference>(&text);
        let verdict = match (&ours, &theirs) {
            (Some(ours), Ok(theirs)) => same(ours, theirs),
            (None, Err(_)) => Ok(()),
            (Some(ours), Err(e)) => Err(format!("we accept it as {ours:?}, serde_json refuses it: {e}")),
            (None, Ok(theirs)) => Err(format!("we refuse it, serde_json reads {theirs}")),
        };
        if let Err(why) = verdict {
            panic!(
                "case {case} of seed {seed} (rerun: JSON_DIFF_SEED={seed} JSON_DIFF_CASE={case}):\n\
                 input {text:?}\n{why}"
            );
        }
        if ours.is_some() {
            accepted += 1;
        } else {
            refused += 1;
        }
    }
    eprintln!(
        "{} inputs from seed {seed}: {accepted} read by both, {refused} refused by both, in {:.1?}",
        cases.end - cases.start,
        started.elapsed()
    );
    // Enough of each, or the generator has stopped testing one side.
    if only.is_none() {
        assert!(accepted * 5 > accepted + refused && refused * 5 > accepted + refused, "{accepted} / {refused}");
    }
}
