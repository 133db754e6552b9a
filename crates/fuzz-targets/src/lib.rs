//! The fuzz targets' bodies: one plain function per parser of outside input, taking any bytes
//! and panicking when the parser panics or breaks the property it must keep. `fuzz/` (cargo-fuzz,
//! libFuzzer) calls them coverage-guided; `tests/replay.rs` runs the committed corpus, every
//! regression input and a short seeded random pass through them in `cargo test`.
//! docs/FUZZING.md says what each checks.

pub mod cms_api;
pub mod cms_html;
pub mod input;
pub mod json;
pub mod old_urls;
pub mod press_article;
pub mod serve;

/// A target's body: panics on a finding.
pub type Target = fn(&[u8]);

/// Every target: its name (the folder of its corpus and regressions, the file in
/// `fuzz/fuzz_targets/`) and its body.
pub const TARGETS: &[(&str, Target)] = &[
    ("json_reader", json::reader),
    ("json_decode", json::decode),
    ("press_article", press_article::article),
    ("cms_html", cms_html::html),
    ("wordpress_posts", cms_api::wordpress),
    ("drupal_posts", cms_api::drupal),
    ("serve_path", serve::path),
    ("old_urls", old_urls::old_url),
];
