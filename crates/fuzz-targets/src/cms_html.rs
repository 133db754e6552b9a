//! A CMS body's HTML into blocks (`cms::html`), then into the Markdown `press pull` writes
//! (`cms::markdown::body`), then back through press's own reader: press must read exactly the
//! blocks the converter made, without an error (what crates/cms/tests/convert.rs checks on
//! real posts). Warnings are allowed: an image without alt text is the CMS's, and press says so.

use std::path::Path;

use model::Image;
use press::error::LineIndex;
use press::markdown::{to_blocks, Source};

/// The page the body came from: relative references resolve against it.
const BASE: &str = "https://regi.example/2024/05/01/cikk/";

pub fn html(data: &[u8]) {
    let html = crate::input::text(data);
    let converted = cms::html::to_blocks(&html, BASE);
    let _ = cms::html::to_text(&html);
    let md = cms::markdown::body(&converted.blocks);
    let file = Path::new("cikk.md");
    let lines = LineIndex::new(&md);
    let src = Source::body_only(file, &md, &lines);
    let mut diags = Vec::new();
    // Image sizes stay 0, as the converter leaves them.
    let mut sizer = |_: &str| Ok(Image::default());
    let back = to_blocks(&src, &mut sizer, &mut diags);
    let errors: Vec<String> = diags.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "press refuses the Markdown\n{md}\n{errors:?}\nof the HTML {html:?}");
    if back != converted.blocks {
        let at = back.iter().zip(&converted.blocks).take_while(|(a, b)| a == b).count();
        panic!(
            "press read other blocks from block {at} on: {:?}\nthan the converter made: {:?}\nfrom the Markdown\n{md}\nof the HTML {html:?}",
            back.get(at),
            converted.blocks.get(at)
        );
    }
}
