//! An article or page file as `press build` reads it: the `+++` fences, the TOML front matter,
//! the Markdown body into blocks, and every diagnostic printed (positions in any text).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use press::error::LineIndex;
use press::images::ImageProbe;
use press::markdown::{to_blocks, Source};
use press::source::{parse_front_matter, split_front_matter, FrontMatter, PageFrontMatter};

/// The repository's own public folder: image sources in a body are sized from real files.
pub fn public_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public"))
}

/// Never a panic, and a split whose ranges lie in the text, in order, on character boundaries.
pub fn article(data: &[u8]) {
    let text = crate::input::text(data);
    let text = text.as_ref();
    let file = Path::new("articles/cikk.md");
    let body_start = match split_front_matter(text) {
        Ok(split) => {
            let ranges = [split.toml_start, split.toml_end, split.body_start];
            assert!(
                ranges.windows(2).all(|w| w[0] <= w[1]) && split.body_start <= text.len(),
                "split {split:?} of a {}-byte text",
                text.len()
            );
            assert!(ranges.iter().all(|&i| text.is_char_boundary(i)), "split {split:?} inside a character");
            split.body_start
        }
        Err(_) => 0,
    };
    let mut diags = Vec::new();
    match parse_front_matter::<FrontMatter>(file, text) {
        Ok((fm, _)) => {
            for alias in &fm.aliases {
                let _ = model::url::is_alias(alias.get_ref());
            }
        }
        Err(d) => diags.push(d),
    }
    if let Err(d) = parse_front_matter::<PageFrontMatter>(file, text) {
        diags.push(d);
    }
    let lines = LineIndex::new(text);
    let src = Source { file, text, body_start, body_end: text.len(), lines: &lines };
    let mut probe = ImageProbe::new(public_dir());
    let mut sizer = |s: &str| probe.image(s);
    let _blocks = to_blocks(&src, &mut sizer, &mut diags);
    for d in &diags {
        let _ = d.to_string();
    }
}
