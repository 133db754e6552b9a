//! press-synth: a deterministic synthetic corpus in the sources' format (docs/CONTENT.md §1),
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
//!
//! The library is what the binary `press-synth` runs and what press's scale tests draw their
//! corpora from. It knows nothing of press: it writes files in the sources' format.

mod article;
pub mod photo;
pub mod rng;
mod site;
mod words;

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Utc};
use rayon::prelude::*;

use article::{article, authors, tag_names, Tables, SPAN_DAYS};
pub use article::{AUTHORS, COVERS, TAGS};
pub use rng::{Rng, Zipf};
use site::{builtin_site_toml, section_slugs, section_weights, LEGAL_PAGES};
use words::{capitalise, paragraph, sentence, WORDS};

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

/// The newest possible publication time (fixed: the output must not depend on the clock).
const END: &str = "2024-12-31T21:00:00Z";

/// Avatar and cover colours.
const COLOURS: &[&str] = &["#0b3d5c", "#7a2e1f", "#2f5d34", "#5b3a7a", "#8a6d1d", "#1d5f6e", "#6b1f4a", "#3f4a55"];

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
    let (mut files, mut bytes) = write_site(opts, &site_toml, &tables)?;
    bytes += write_articles(opts, &tables)?;
    files += opts.articles;
    let used_tags = tables.tags.len().min(opts.articles.saturating_mul(9));
    Ok(SynthReport { articles: opts.articles, authors: AUTHORS, tags: used_tags, files, bytes })
}

/// Everything but the articles: site.toml, the authors and their avatars, the covers and the
/// legal pages. Returns the files and bytes written.
fn write_site(opts: &SynthOptions, site_toml: &str, tables: &Tables) -> io::Result<(usize, u64)> {
    let mut files = 0;
    let mut bytes = 0;
    std::fs::create_dir_all(&opts.out)?;
    for dir in ["authors", "pages", "articles"] {
        std::fs::create_dir_all(opts.out.join(dir))?;
    }
    for dir in ["avatars", "images"] {
        std::fs::create_dir_all(opts.public.join(dir))?;
    }
    bytes += write_file(&opts.out.join("site.toml"), site_toml)?;
    files += 1;
    for (k, a) in tables.authors.iter().enumerate() {
        let mut rng = Rng::for_item(opts.seed, 4, k as u64);
        let bio = format!("{} {}", capitalise(rng.pick(&WORDS.adjectives)), sentence(&mut rng).to_lowercase());
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
    Ok((files, bytes))
}

/// The articles, in parallel, into section and year folders. Returns the bytes written.
fn write_articles(opts: &SynthOptions, tables: &Tables) -> io::Result<u64> {
    // Folders first (one per section and year), then the articles in parallel.
    let articles = opts.out.join("articles");
    let start_year = tables.end.year() - (SPAN_DAYS / 365) as i32 - 1;
    for s in &tables.sections {
        for y in start_year..=tables.end.year() + 1 {
            std::fs::create_dir_all(articles.join(s).join(y.to_string()))?;
        }
    }
    let written: u64 = (0..opts.articles)
        .into_par_iter()
        .map(|i| {
            let (rel, md) = article(opts.seed, i, tables);
            write_file(&articles.join(rel), &md)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
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
    Ok(written)
}
