//! `press synth`: a deterministic synthetic corpus in the sources' format (docs/CONTENT.md §1),
//! for benchmarks and scale tests (docs/PERFORMANCE.md).
//!
//! Everything is drawn from a seeded generator, so the same `--articles` and `--seed` give
//! byte-identical trees on any machine: integer arithmetic and IEEE divisions only (no `powf`,
//! whose last bit may differ between math libraries), and every article draws from its own
//! generator (seed, index), so generating in parallel changes nothing.
//!
//! The spread imitates a real archive: sections and tags follow Zipf-like weights (a few very
//! common tags, a long tail, ~300 in all), ~40 authors of uneven output, publication times over
//! ten years in Budapest time with the right +01:00/+02:00 offset, and bodies with sub-heads,
//! quotations, pull quotes, lists, the odd image and embed.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta, TimeZone, Utc, Weekday};
use model::slug::slugify;
use rayon::prelude::*;

/// What to generate.
#[derive(Debug, Clone)]
pub struct SynthOptions {
    pub articles: usize,
    pub seed: u64,
    /// The content folder to create (must not exist or be empty).
    pub out: PathBuf,
    /// Where avatars and images go (the `public/` beside `out` by default).
    pub public: PathBuf,
    /// A site.toml to copy (its sections are used); a built-in copy of the reference menu otherwise.
    pub site: Option<PathBuf>,
}

/// What was generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthReport {
    pub articles: usize,
    pub authors: usize,
    pub tags: usize,
    pub files: usize,
    pub bytes: u64,
}

/// Distinct tags in a synthetic corpus (fewer for tiny corpora, which simply use fewer).
pub const TAGS: usize = 300;
/// Authors in a synthetic corpus.
pub const AUTHORS: usize = 40;
/// Cover images written to `public/images/`.
pub const COVERS: usize = 8;
/// Publication times spread over this many days, ending at `END`.
const SPAN_DAYS: i64 = 3652;
/// The newest possible publication time (fixed: the output must not depend on the clock).
const END: &str = "2024-12-31T21:00:00Z";

// ---------------------------------------------------------------- the generator

/// SplitMix64: tiny, fast, and the same sequence everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// A generator for item `i` of stream `stream`, independent of every other item.
    pub fn for_item(seed: u64, stream: u64, i: u64) -> Self {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xA24B_AED4_963E_E407));
        let base = r.next_u64();
        let mut r = Rng(base ^ i.wrapping_mul(0x9FB2_1C65_1E98_DF25));
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), by multiply-shift: no modulo bias worth speaking of.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Samples ranks 0..n with weight 1 / (rank + q): Zipf–Mandelbrot with exponent 1.
#[derive(Debug, Clone)]
pub struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize, q: f64) -> Self {
        let mut acc = 0.0;
        let mut cdf: Vec<f64> = (0..n)
            .map(|r| {
                acc += 1.0 / (r as f64 + q);
                acc
            })
            .collect();
        for c in &mut cdf {
            *c /= acc;
        }
        Zipf { cdf }
    }

    /// From explicit weights.
    pub fn weighted(weights: &[f64]) -> Self {
        let mut acc = 0.0;
        let mut cdf: Vec<f64> = weights
            .iter()
            .map(|w| {
                acc += w;
                acc
            })
            .collect();
        for c in &mut cdf {
            *c /= acc;
        }
        Zipf { cdf }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        self.cdf.partition_point(|&c| c <= u).min(self.cdf.len() - 1)
    }
}

// ---------------------------------------------------------------- words

const NOUNS: &[&str] = &[
    "kormány",
    "város",
    "ország",
    "törvény",
    "javaslat",
    "döntés",
    "bíróság",
    "iskola",
    "kórház",
    "piac",
    "gazdaság",
    "forint",
    "infláció",
    "beruházás",
    "vállalat",
    "munkahely",
    "fizetés",
    "adó",
    "költségvetés",
    "önkormányzat",
    "polgármester",
    "képviselő",
    "miniszter",
    "párt",
    "ellenzék",
    "választás",
    "szavazás",
    "népszavazás",
    "tüntetés",
    "rendőrség",
    "ügyészség",
    "határ",
    "menekült",
    "szomszéd",
    "szövetség",
    "unió",
    "tárgyalás",
    "megállapodás",
    "szerződés",
    "támogatás",
    "pályázat",
    "kutatás",
    "egyetem",
    "diák",
    "tanár",
    "orvos",
    "beteg",
    "gyógyszer",
    "járvány",
    "oltás",
    "időjárás",
    "aszály",
    "árvíz",
    "vihar",
    "hőség",
    "folyó",
    "erdő",
    "termés",
    "gazda",
    "búza",
    "energia",
    "áram",
    "gáz",
    "napelem",
    "szélerőmű",
    "vasút",
    "vonat",
    "busz",
    "híd",
    "autópálya",
    "kerékpárút",
    "lakás",
    "bérleti díj",
    "lakótelep",
    "falu",
    "tanya",
    "fesztivál",
    "koncert",
    "kiállítás",
    "színház",
    "film",
    "rendező",
    "zenekar",
    "könyv",
    "író",
    "költő",
    "múzeum",
    "könyvtár",
    "templom",
    "stadion",
    "bajnokság",
    "válogatott",
    "edző",
    "játékos",
    "mérkőzés",
    "telefon",
    "alkalmazás",
    "mesterséges intelligencia",
    "adatvédelem",
    "hálózat",
    "szoftver",
    "kutató",
    "űrszonda",
    "bolygó",
    "tudós",
    "felmérés",
    "közvélemény",
    "vélemény",
    "levél",
    "nyilatkozat",
    "interjú",
    "jelentés",
    "botrány",
    "vizsgálat",
    "per",
    "ítélet",
    "fellebbezés",
    "nyugdíj",
    "család",
    "gyerek",
    "nagyszülő",
    "fiatal",
    "vidék",
    "főváros",
    "kerület",
    "utca",
    "tér",
    "park",
    "állatkert",
    "menhely",
    "kutya",
    "macska",
    "ló",
    "madár",
    "konyha",
    "étterem",
    "recept",
    "bor",
    "pálinka",
    "lángos",
    "gulyás",
];

const ADJECTIVES: &[&str] = &[
    "új",
    "régi",
    "nagy",
    "kis",
    "magyar",
    "európai",
    "helyi",
    "országos",
    "fővárosi",
    "vidéki",
    "állami",
    "független",
    "közös",
    "hosszú",
    "rövid",
    "gyors",
    "lassú",
    "drága",
    "olcsó",
    "erős",
    "gyenge",
    "fontos",
    "váratlan",
    "súlyos",
    "komoly",
    "nyilvános",
    "titkos",
    "hivatalos",
    "ingyenes",
    "éves",
    "havi",
    "heti",
    "tavalyi",
    "idei",
    "következő",
    "utolsó",
    "első",
    "második",
    "zöld",
    "digitális",
    "önkéntes",
    "kötelező",
    "ideiglenes",
    "végleges",
    "rekordméretű",
    "szokatlan",
    "meglepő",
    "vitatott",
    "népszerű",
    "hazai",
    "külföldi",
    "nemzetközi",
    "tudományos",
    "kulturális",
    "gazdasági",
    "politikai",
    "társadalmi",
    "szakmai",
];

const VERBS: &[&str] = &[
    "bejelentette",
    "elfogadta",
    "elutasította",
    "megszavazta",
    "vizsgálja",
    "tervezi",
    "javasolja",
    "bírálja",
    "támogatja",
    "ellenzi",
    "megerősítette",
    "cáfolta",
    "közölte",
    "hangsúlyozta",
    "jelezte",
    "felhívta a figyelmet",
    "elindította",
    "leállította",
    "átadta",
    "felújítja",
    "megépíti",
    "bővíti",
    "csökkenti",
    "növeli",
    "emeli",
    "befagyasztja",
    "módosítja",
    "visszavonta",
    "kivizsgálja",
    "megnyitotta",
    "bezárta",
    "meghosszabbította",
    "elhalasztotta",
    "megduplázta",
    "várja",
    "kéri",
    "sürgeti",
    "vállalta",
    "felmérte",
    "kiszámolta",
    "összegezte",
    "bemutatta",
    "megnyerte",
    "elvesztette",
    "megtartotta",
];

const ADVERBS: &[&str] = &[
    "hétfőn",
    "kedden",
    "szerdán",
    "csütörtökön",
    "pénteken",
    "szombaton",
    "vasárnap",
    "tegnap",
    "ma reggel",
    "késő este",
    "a héten",
    "múlt hónapban",
    "tavaly",
    "idén",
    "jövőre",
    "hamarosan",
    "végül",
    "ismét",
    "először",
    "egyelőre",
    "várhatóan",
    "valószínűleg",
    "hivatalosan",
    "nyilvánosan",
    "szinte",
    "csak",
    "már",
    "még",
    "továbbra is",
    "egyre inkább",
    "jelentősen",
    "fokozatosan",
    "azonnal",
    "részben",
];

const CONNECTORS: &[&str] =
    &["és", "de", "miközben", "ezért", "ugyanakkor", "viszont", "mert", "így", "azonban", "sőt", "illetve"];

const PLACES: &[&str] = &[
    "Budapest",
    "Debrecen",
    "Szeged",
    "Pécs",
    "Győr",
    "Miskolc",
    "Nyíregyháza",
    "Kecskemét",
    "Székesfehérvár",
    "Szombathely",
    "Eger",
    "Sopron",
    "Veszprém",
    "Zalaegerszeg",
    "Kaposvár",
    "Balaton",
    "Duna",
    "Tisza",
    "Hortobágy",
    "Bükk",
    "Brüsszel",
    "Bécs",
    "Berlin",
    "Varsó",
    "Pozsony",
    "Kolozsvár",
    "Ukrajna",
    "Szerbia",
    "Románia",
    "Ausztria",
    "Szlovákia",
    "Horvátország",
    "Lengyelország",
    "Németország",
    "Franciaország",
    "Olaszország",
    "Egyesült Államok",
    "Kína",
    "Japán",
    "India",
];

const SURNAMES: &[&str] = &[
    "Nagy",
    "Kovács",
    "Tóth",
    "Szabó",
    "Horváth",
    "Varga",
    "Kiss",
    "Molnár",
    "Németh",
    "Farkas",
    "Balogh",
    "Papp",
    "Takács",
    "Juhász",
    "Lakatos",
    "Mészáros",
    "Oláh",
    "Simon",
    "Rácz",
    "Fekete",
    "Szilágyi",
    "Török",
    "Fehér",
    "Balázs",
    "Gál",
    "Kis",
    "Szűcs",
    "Kocsis",
    "Orsós",
    "Pintér",
    "Fodor",
    "Szalai",
    "Sipos",
    "Magyar",
    "Lukács",
    "Gulyás",
    "Bíró",
    "Király",
    "Katona",
    "László",
    "Jakab",
    "Bogdán",
    "Balog",
    "Sándor",
    "Boros",
    "Fazekas",
    "Kelemen",
    "Antal",
    "Orosz",
    "Somogyi",
    "Vörös",
    "Bodnár",
];

const GIVEN_NAMES: &[&str] = &[
    "Anna",
    "Ádám",
    "Balázs",
    "Bence",
    "Csilla",
    "Dániel",
    "Dóra",
    "Eszter",
    "Éva",
    "Ferenc",
    "Gábor",
    "Gergely",
    "Hajnalka",
    "Ildikó",
    "István",
    "Judit",
    "Júlia",
    "Katalin",
    "Krisztián",
    "László",
    "Levente",
    "Márton",
    "Máté",
    "Noémi",
    "Orsolya",
    "Péter",
    "Réka",
    "Róbert",
    "Sára",
    "Szilvia",
    "Tamás",
    "Tímea",
    "Viktória",
    "Zoltán",
    "Zsófia",
    "Zsuzsanna",
    "Ágnes",
    "Örs",
    "Ödön",
    "Üllő",
];

const ROLES: &[&str] = &[
    "szóvivő",
    "polgármester",
    "közgazdász",
    "egyetemi tanár",
    "szakszervezeti vezető",
    "orvos",
    "elemző",
    "igazgató",
    "kutató",
    "gazdálkodó",
    "képviselő",
    "ügyvéd",
    "rendező",
    "edző",
];

const SOURCES: &[&str] = &["MTI", "Reuters", "AFP", "Index", "Telex", "HVG", "Népszava", "BBC", "AP"];

const COLOURS: &[&str] = &["#0b3d5c", "#7a2e1f", "#2f5d34", "#5b3a7a", "#8a6d1d", "#1d5f6e", "#6b1f4a", "#3f4a55"];

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One word of running text: mostly nouns, adjectives and verbs, some adverbs and connectors.
fn word(rng: &mut Rng) -> &'static str {
    match rng.below(20) {
        0..=6 => rng.pick(NOUNS),
        7..=10 => rng.pick(ADJECTIVES),
        11..=14 => rng.pick(VERBS),
        15..=17 => rng.pick(ADVERBS),
        _ => rng.pick(CONNECTORS),
    }
}

/// `n` words separated by spaces, with the odd comma.
fn words(rng: &mut Rng, n: usize, out: &mut String) {
    for k in 0..n {
        if k > 0 {
            out.push_str(if k + 1 < n && rng.percent(7) { ", " } else { " " });
        }
        out.push_str(word(rng));
    }
}

/// A sentence of 6–18 words, capitalised, with a full stop.
fn sentence(rng: &mut Rng) -> String {
    let mut s = String::new();
    let n = rng.range(6, 18);
    words(rng, n, &mut s);
    let mut s = capitalise(&s);
    s.push('.');
    s
}

/// A heading or title: a few words, capitalised, no full stop.
fn headline(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let mut s = String::new();
    let n = rng.range(lo, hi);
    // Headlines lean on nouns and verbs.
    for k in 0..n {
        if k > 0 {
            s.push(' ');
        }
        s.push_str(match rng.below(10) {
            0..=3 => rng.pick(NOUNS),
            4..=5 => rng.pick(ADJECTIVES),
            6..=7 => rng.pick(VERBS),
            8 => rng.pick(PLACES),
            _ => rng.pick(ADVERBS),
        });
    }
    capitalise(&s)
}

/// A paragraph of Markdown: 2–5 sentences, sometimes with bold, italic or a link.
fn paragraph(rng: &mut Rng, out: &mut String) {
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

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(SURNAMES), rng.pick(GIVEN_NAMES))
}

// ---------------------------------------------------------------- the site

/// A top-level section: `(slug, name, children as (slug, name))`.
type MenuEntry = (&'static str, &'static str, &'static [(&'static str, &'static str)]);

/// The reference menu (docs/DESIGN.md §1).
const MENU: &[MenuEntry] = &[
    ("belfold", "Belföld", &[]),
    ("kulfold", "Külföld", &[]),
    ("gazdasag", "Gazdaság", &[]),
    ("velemeny", "Vélemény", &[]),
    ("idojaras", "Időjárás", &[]),
    ("kultura", "Kultúra", &[("film", "Film"), ("zene", "Zene")]),
    ("tudomany", "Tudomány", &[("kornyezet", "Környezet"), ("technika", "Technika"), ("kutyu", "Kütyü")]),
    (
        "eletmod",
        "Életmód",
        &[("egeszseg", "Egészség"), ("gasztro", "Gasztro"), ("sport", "Sport"), ("allati", "Állati")],
    ),
    ("bulvar", "Bulvár", &[("kek", "Kék"), ("rejtely", "Rejtély")]),
    ("fiatal", "Fiatal", &[]),
    ("video", "Videó", &[]),
];

const LEGAL_PAGES: &[(&str, &str)] =
    &[("impresszum", "Impresszum"), ("jogi-nyilatkozat", "Jogi nyilatkozat"), ("adatkezeles", "Adatkezelés")];

fn builtin_site_toml() -> String {
    let mut s = String::from(
        "# Generated by `press synth`: the reference site's identity and menu.\n\
         name = \"CIVILHETES\"\n\
         tagline = \"Független Közéleti Magazin\"\n\
         motto = \"Középen állunk\"\n\
         base_url = \"https://civilhetes.example\"\n\
         copyright_from = 2011\n\
         menu_inline = 4\n\
         popular_tags = 24\n\
         popular_window_days = 365\n",
    );
    for (slug, name, children) in MENU {
        let _ = write!(s, "\n[[sections]]\nslug = \"{slug}\"\nname = \"{name}\"\n");
        if !children.is_empty() {
            let list: Vec<String> =
                children.iter().map(|(c, n)| format!("{{ slug = \"{c}\", name = \"{n}\" }}")).collect();
            let _ = writeln!(s, "children = [ {} ]", list.join(", "));
        }
    }
    for (slug, name, _) in MENU.iter().take(4) {
        let _ = write!(s, "\n[[footer_sections]]\nlabel = \"{name}\"\nhref = \"/rovat/{slug}\"\n");
    }
    s.push_str("\n[[footer_sections]]\nlabel = \"Minden más\"\nhref = \"/rovat/minden-mas\"\n");
    for (network, label) in
        [("instagram", "Instagram"), ("facebook", "Facebook"), ("twitter", "Twitter"), ("youtube", "YouTube")]
    {
        let _ = write!(
            s,
            "\n[[social]]\nnetwork = \"{network}\"\nlabel = \"{label}\"\nhref = \"https://{network}.example/civilhetes\"\n"
        );
    }
    for (slug, title) in LEGAL_PAGES {
        let _ = write!(s, "\n[[legal]]\nlabel = \"{title}\"\nhref = \"/oldal/{slug}\"\n");
    }
    s.push_str(
        "\n[countdown]\ntitle = \"Választási visszaszámláló\"\ntarget = 2030-04-07T06:00:00+02:00\n\
         after = \"Megnyíltak a szavazókörök.\"\nhref = \"/cimke/valasztas\"\n",
    );
    s
}

/// Section slugs of a site.toml, in menu order, each parent followed by its children.
fn section_slugs(site_toml: &str, file: &Path) -> io::Result<Vec<String>> {
    let bad = |m: String| io::Error::new(io::ErrorKind::InvalidData, format!("{}: {m}", file.display()));
    let value: toml::Table = toml::from_str(site_toml).map_err(|e| bad(e.to_string()))?;
    let mut out = Vec::new();
    let sections = value.get("sections").and_then(|s| s.as_array()).cloned().unwrap_or_default();
    for s in &sections {
        let slug = s.get("slug").and_then(|v| v.as_str()).ok_or_else(|| bad("a section without a slug".into()))?;
        out.push(slug.to_owned());
        for c in s.get("children").and_then(|c| c.as_array()).map(Vec::as_slice).unwrap_or_default() {
            if let Some(slug) = c.get("slug").and_then(|v| v.as_str()) {
                out.push(slug.to_owned());
            }
        }
    }
    if out.is_empty() {
        return Err(bad("no sections".into()));
    }
    Ok(out)
}

/// Section weights: the menu's first sections carry most of the news (Zipf-like by menu
/// position, sub-sections a little lighter than their parent's rank would give).
fn section_weights(n: usize) -> Vec<f64> {
    (0..n).map(|r| 1.0 / (r as f64 + 1.5)).collect()
}

// ---------------------------------------------------------------- tags and authors

/// ~300 distinct tags (by slug), in popularity order: places and topics first, then people
/// and two-word topics. "Választás" is among the most common (the countdown links to it).
fn tag_names(seed: u64) -> Vec<String> {
    let mut rng = Rng::for_item(seed, 1, 0);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut push = |name: String, out: &mut Vec<String>| {
        if seen.insert(slugify(&name)) {
            out.push(name);
        }
    };
    push("Választás".to_owned(), &mut out);
    let mut topics: Vec<String> = NOUNS.iter().map(|n| capitalise(n)).collect();
    let mut places: Vec<String> = PLACES.iter().map(|p| (*p).to_owned()).collect();
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
            capitalise(&format!("{} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS)))
        };
        push(name, &mut out);
    }
    out.truncate(TAGS);
    out
}

struct SynthAuthor {
    slug: String,
    name: String,
}

fn authors(seed: u64) -> Vec<SynthAuthor> {
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

/// The last Sunday of `month` in `year`, at 01:00 UTC: when Budapest's summer time starts
/// (March) or ends (October).
fn last_sunday_0100_utc(year: i32, month: u32) -> DateTime<Utc> {
    let last = NaiveDate::from_ymd_opt(year, month, 31).expect("March and October have 31 days");
    let back = last.weekday().num_days_from_sunday();
    let day = last - TimeDelta::days(i64::from(back));
    debug_assert_eq!(day.weekday(), Weekday::Sun);
    Utc.from_utc_datetime(&day.and_hms_opt(1, 0, 0).expect("valid time"))
}

/// Budapest's offset at a UTC instant: +02:00 in summer time (EU rule since 1996), else +01:00.
pub fn budapest_offset(t: DateTime<Utc>) -> FixedOffset {
    let y = t.year();
    let summer = t >= last_sunday_0100_utc(y, 3) && t < last_sunday_0100_utc(y, 10);
    FixedOffset::east_opt(if summer { 7200 } else { 3600 }).expect("valid offset")
}

fn stamp(t: DateTime<Utc>) -> String {
    t.with_timezone(&budapest_offset(t)).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

// ---------------------------------------------------------------- one article

struct Tables {
    sections: Vec<String>,
    section_pick: Zipf,
    tags: Vec<String>,
    tag_pick: Zipf,
    authors: Vec<SynthAuthor>,
    author_pick: Zipf,
    end: DateTime<Utc>,
}

/// The relative path (under `articles/`) and the Markdown of article `i`.
fn article(seed: u64, i: usize, t: &Tables) -> (String, String) {
    let mut rng = Rng::for_item(seed, 3, i as u64);
    let title = headline(&mut rng, 4, 9);
    let slug = format!("{}-{}", slugify(&title.split(' ').take(6).collect::<Vec<_>>().join(" ")), i + 1);
    let section = &t.sections[t.section_pick.sample(&mut rng)];
    let author = &t.authors[t.author_pick.sample(&mut rng)];
    let published = t.end - TimeDelta::minutes(rng.below((SPAN_DAYS * 24 * 60) as usize) as i64);
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
        let tag = t.tag_pick.sample(&mut rng);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }

    let mut md = String::with_capacity(4096);
    md.push_str("+++\n");
    let _ = writeln!(md, "title = {:?}", title);
    let lead = format!("{} {}", sentence(&mut rng), if rng.percent(60) { sentence(&mut rng) } else { String::new() });
    let _ = writeln!(md, "lead = {:?}", lead.trim_end());
    let _ = writeln!(md, "section = \"{section}\"");
    let tag_list: Vec<String> = tags.iter().map(|&k| format!("{:?}", t.tags[k])).collect();
    let _ = writeln!(md, "tags = [{}]", tag_list.join(", "));
    let _ = writeln!(md, "author = \"{}\"", author.slug);
    let _ = writeln!(md, "published = {}", stamp(published));
    if rng.percent(20) {
        let updated = published + TimeDelta::minutes(rng.range(10, 48 * 60) as i64);
        let _ = writeln!(md, "updated = {}", stamp(updated));
    }
    if rng.percent(40) {
        let _ = writeln!(md, "source = \"{}\"", rng.pick(SOURCES));
    }
    md.push_str("[cover]\n");
    let _ = writeln!(md, "src = \"/public/images/synth-{}.svg\"", rng.below(COVERS) + 1);
    let _ = writeln!(md, "alt = {:?}", headline(&mut rng, 2, 5));
    let _ = writeln!(
        md,
        "credit = \"{}\"",
        if rng.percent(50) { "Illusztráció: CIVILHETES".to_owned() } else { format!("Fotó: {}", person(&mut rng)) }
    );
    md.push_str("+++\n\n");

    // Body: 2–3 paragraphs, then one to three sub-headed parts with the other blocks mixed in.
    for _ in 0..rng.range(2, 3) {
        paragraph(&mut rng, &mut md);
    }
    let parts = rng.range(1, 3);
    for part in 0..parts {
        let _ =
            write!(md, "{} {}\n\n", if part > 0 && rng.percent(40) { "###" } else { "##" }, headline(&mut rng, 2, 6));
        paragraph(&mut rng, &mut md);
        match rng.below(10) {
            0..=2 => {
                let _ = write!(md, "> [!kiemelt]\n> {}\n\n", sentence(&mut rng));
            }
            3..=5 => {
                let _ = write!(
                    md,
                    "> „{} {}”\n>\n> — {}, {}\n\n",
                    sentence(&mut rng),
                    sentence(&mut rng),
                    person(&mut rng),
                    rng.pick(ROLES)
                );
            }
            6..=7 => {
                let ordered = rng.percent(30);
                for k in 0..rng.range(3, 5) {
                    let mut item = String::new();
                    let n = rng.range(3, 9);
                    words(&mut rng, n, &mut item);
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
                    headline(&mut rng, 2, 4),
                    rng.below(COVERS) + 1,
                    sentence(&mut rng).trim_end_matches('.'),
                    person(&mut rng)
                );
            }
            _ => {
                if rng.percent(40) {
                    let id: String = (0..11).map(|_| rng.pick(b"aKx7Qm3Z") as char).collect();
                    let _ = write!(md, "<https://www.youtube.com/watch?v={id}>\n\n");
                }
            }
        }
        for _ in 0..rng.range(1, 3) {
            paragraph(&mut rng, &mut md);
        }
    }
    let rel = format!("{section}/{}/{slug}.md", published.with_timezone(&budapest_offset(published)).year());
    (rel, md)
}

// ---------------------------------------------------------------- writing

fn avatar_svg(name: &str, colour: &str) -> String {
    let initials: String = name.split(' ').filter_map(|w| w.chars().next()).collect();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 96 96\" width=\"96\" height=\"96\">\
<rect width=\"96\" height=\"96\" rx=\"48\" fill=\"{colour}\"/>\
<text x=\"48\" y=\"58\" font-family=\"sans-serif\" font-size=\"32\" fill=\"#fff\" text-anchor=\"middle\">{initials}</text></svg>\n"
    )
}

fn cover_svg(k: usize) -> String {
    let a = COLOURS[k % COLOURS.len()];
    let b = COLOURS[(k + 3) % COLOURS.len()];
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1200 675\" width=\"1200\" height=\"675\">\
<defs><linearGradient id=\"g\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\"><stop offset=\"0\" stop-color=\"{a}\"/>\
<stop offset=\"1\" stop-color=\"{b}\"/></linearGradient></defs><rect width=\"1200\" height=\"675\" fill=\"url(#g)\"/>\
<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" fill-opacity=\"0.15\"/></svg>\n",
        200 + k * 110,
        150 + (k * 70) % 400,
        120 + (k * 37) % 160
    )
}

fn write_file(path: &Path, text: &str) -> io::Result<u64> {
    std::fs::write(path, text).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    Ok(text.len() as u64)
}

fn is_empty_or_missing(dir: &Path) -> io::Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e),
    }
}

/// Writes the corpus. Refuses to write into a non-empty folder (nothing is ever overwritten).
pub fn synth(opts: &SynthOptions) -> io::Result<SynthReport> {
    for dir in [&opts.out, &opts.public] {
        if !is_empty_or_missing(dir)? {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists and is not empty; synth writes only into a new folder", dir.display()),
            ));
        }
    }
    let (site_toml, site_file) = match &opts.site {
        Some(path) => (
            std::fs::read_to_string(path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?,
            path.clone(),
        ),
        None => (builtin_site_toml(), PathBuf::from("site.toml")),
    };
    let sections = section_slugs(&site_toml, &site_file)?;
    let authors = authors(opts.seed);
    let tags = tag_names(opts.seed);
    let tables = Tables {
        section_pick: Zipf::weighted(&section_weights(sections.len())),
        sections,
        tag_pick: Zipf::new(tags.len(), 2.7),
        tags,
        author_pick: Zipf::new(AUTHORS, 4.0),
        authors,
        end: DateTime::parse_from_rfc3339(END).expect("valid END").with_timezone(&Utc),
    };

    let mut files = 0;
    let mut bytes = 0;
    std::fs::create_dir_all(&opts.out)?;
    for dir in ["authors", "pages", "articles"] {
        std::fs::create_dir_all(opts.out.join(dir))?;
    }
    for dir in ["avatars", "images"] {
        std::fs::create_dir_all(opts.public.join(dir))?;
    }
    bytes += write_file(&opts.out.join("site.toml"), &site_toml)?;
    files += 1;
    for (k, a) in tables.authors.iter().enumerate() {
        let mut rng = Rng::for_item(opts.seed, 4, k as u64);
        let bio = format!("{} {}", capitalise(rng.pick(ADJECTIVES)), sentence(&mut rng).to_lowercase());
        let toml = format!("name = {:?}\navatar = \"/public/avatars/{}.svg\"\nbio = {:?}\n", a.name, a.slug, bio);
        bytes += write_file(&opts.out.join("authors").join(format!("{}.toml", a.slug)), &toml)?;
        bytes += write_file(
            &opts.public.join("avatars").join(format!("{}.svg", a.slug)),
            &avatar_svg(&a.name, COLOURS[k % COLOURS.len()]),
        )?;
        files += 2;
    }
    for k in 0..COVERS {
        bytes += write_file(&opts.public.join("images").join(format!("synth-{}.svg", k + 1)), &cover_svg(k))?;
        files += 1;
    }
    for (k, (slug, title)) in LEGAL_PAGES.iter().enumerate() {
        let mut rng = Rng::for_item(opts.seed, 5, k as u64);
        let mut md = format!("+++\ntitle = \"{title}\"\n+++\n\n");
        for _ in 0..3 {
            paragraph(&mut rng, &mut md);
        }
        bytes += write_file(&opts.out.join("pages").join(format!("{slug}.md")), &md)?;
        files += 1;
    }

    // Folders first (one per section and year), then the articles in parallel.
    let articles = opts.out.join("articles");
    let start_year = tables.end.year() - (SPAN_DAYS / 365) as i32 - 1;
    for s in &tables.sections {
        for y in start_year..=tables.end.year() + 1 {
            std::fs::create_dir_all(articles.join(s).join(y.to_string()))?;
        }
    }
    let written: io::Result<u64> = (0..opts.articles)
        .into_par_iter()
        .map(|i| {
            let (rel, md) = article(opts.seed, i, &tables);
            write_file(&articles.join(rel), &md)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b));
    bytes += written?;
    files += opts.articles;
    // Remove the year folders no article landed in.
    for s in &tables.sections {
        for y in start_year..=tables.end.year() + 1 {
            let dir = articles.join(s).join(y.to_string());
            if is_empty_or_missing(&dir)? {
                std::fs::remove_dir(&dir)?;
            }
        }
        let dir = articles.join(s);
        if is_empty_or_missing(&dir)? {
            std::fs::remove_dir(&dir)?;
        }
    }
    let used_tags = tables.tags.len().min(opts.articles.saturating_mul(9));
    Ok(SynthReport { articles: opts.articles, authors: AUTHORS, tags: used_tags, files, bytes })
}

// ---------------------------------------------------------------- command line

pub const USAGE: &str = "\
usage: press synth --articles N --out DIR [--seed S] [--public DIR] [--site FILE]

  synth       write a deterministic synthetic corpus in the sources' format
  --articles  how many articles
  --out       the content folder to create (must be new or empty)
  --seed      the generator's seed (default: 1); the same seed gives byte-identical output
  --public    where avatars and cover images go (default: public/ beside --out)
  --site      a site.toml to copy and take the sections from (default: the reference menu)";

/// `press synth …`: exit 0 on success, 1 on write errors, 2 on usage errors.
pub fn cli(args: &[String]) -> std::process::ExitCode {
    use std::process::ExitCode;
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let usage = |m: &str| {
        eprintln!("press: {m}\n\n{USAGE}");
        ExitCode::from(2)
    };
    let flags = match crate::cli::flags(args, &["--articles", "--out", "--seed", "--public", "--site"], &[]) {
        Ok(f) => f,
        Err(e) => return usage(&e),
    };
    let Some(articles) = flags.get("--articles") else { return usage("--articles is required") };
    let Ok(articles) = articles.parse::<usize>() else { return usage("--articles needs a number") };
    let Some(out) = flags.get("--out").map(PathBuf::from) else { return usage("--out is required") };
    let seed = match flags.get("--seed").map(|s| s.parse::<u64>()) {
        None => 1,
        Some(Ok(s)) => s,
        Some(Err(_)) => return usage("--seed needs a number"),
    };
    let public = flags.get("--public").map(PathBuf::from).unwrap_or_else(|| crate::default_public_dir(&out));
    let opts = SynthOptions { articles, seed, out, public, site: flags.get("--site").map(PathBuf::from) };
    let started = std::time::Instant::now();
    match synth(&opts) {
        Ok(r) => {
            println!(
                "press: synthesised {} articles, {} authors, {} tags → {} ({} files, {:.1} MB) in {:.2} s",
                r.articles,
                r.authors,
                r.tags,
                opts.out.display(),
                r.files,
                r.bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("press: synth failed: {e}");
            ExitCode::from(1)
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
    fn the_generator_is_stable_and_items_are_independent() {
        let mut r = Rng::new(42);
        let first: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        let mut r = Rng::new(42);
        assert_eq!(first, (0..3).map(|_| r.next_u64()).collect::<Vec<_>>());
        assert_ne!(Rng::for_item(1, 3, 0).next_u64(), Rng::for_item(1, 3, 1).next_u64());
        assert_ne!(Rng::for_item(1, 3, 0).next_u64(), Rng::for_item(2, 3, 0).next_u64());
        for n in [1, 2, 7, 300] {
            assert!((0..1000).all(|_| r.below(n) < n));
        }
    }

    #[test]
    fn zipf_prefers_low_ranks() {
        let z = Zipf::new(300, 2.7);
        let mut rng = Rng::new(7);
        let mut counts = vec![0usize; 300];
        for _ in 0..30_000 {
            counts[z.sample(&mut rng)] += 1;
        }
        assert!(counts[0] > counts[10] && counts[10] > counts[200]);
        assert!(counts.iter().filter(|c| **c > 0).count() > 250, "the long tail is used");
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

    #[test]
    fn builtin_site_lists_the_reference_menu() {
        let slugs = section_slugs(&builtin_site_toml(), Path::new("site.toml")).unwrap();
        assert_eq!(slugs.len(), 22);
        assert_eq!(&slugs[..5], &["belfold", "kulfold", "gazdasag", "velemeny", "idojaras"]);
    }
}
