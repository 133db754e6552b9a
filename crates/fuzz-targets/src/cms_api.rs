//! The WordPress REST and Drupal JSON:API readers of `press pull`: a collection page's body
//! into posts. Never a panic, and what a post brings along must be what press build accepts:
//! every old URL (alias) a redirect rule can hold.

use cms::http::{Fetcher, RetryPolicy};
use cms::source::Entry;

/// The site the answers come from.
const BASE: &str = "https://regi.example";

pub fn wordpress(data: &[u8]) {
    if let Some(entries) = cms::wordpress::posts_from_body(BASE, data) {
        check(&entries);
    }
}

pub fn drupal(data: &[u8]) {
    // Never asked to fetch: the reader only needs one to exist.
    thread_local! {
        static FETCHER: Fetcher = Fetcher::new(RetryPolicy::default());
    }
    FETCHER.with(|fetcher| {
        let drupal = cms::drupal::Drupal::new(BASE, fetcher, 50);
        if let Ok(entries) = drupal.posts_from_body(data) {
            check(&entries);
        }
    });
}

fn check(entries: &[Entry]) {
    for entry in entries {
        let Entry::Post(post) = entry else { continue };
        for alias in &post.aliases {
            assert!(model::url::is_alias(alias), "post {} has the alias {alias:?}, which press refuses", post.id);
        }
        // The body goes on to the converter (the cms_html target) and the Markdown writer.
        let converted = cms::html::to_blocks(&post.body_html, &post.link);
        let _ = cms::markdown::body(&converted.blocks);
    }
}
