//! New articles on an open list (home, a section, a tag, an author, /friss): the front page of
//! the list is followed every minute (`follow`), and the articles the page does not show wait
//! behind the "N új cikk" control until the reader asks for them.

use crate::components::arrivals::{scroll_to_arrivals, Arrivals, ArrivalsControl};
use leptos::prelude::*;
use model::json::{FromJson, Value};
use model::{ArticleSummary, Home, ListPage};

/// The element the new articles go into: where the control takes the reader.
pub const LIST_ID: &str = "new-articles";

/// The newest articles a followed document lists: a list page's items, or home's latest.
fn listed(doc: &Value) -> Vec<ArticleSummary> {
    if doc.get("latest").is_some() {
        return Home::from_json(doc).map(|h| h.latest).unwrap_or_default();
    }
    ListPage::from_json(doc.get("list").unwrap_or(doc)).map(|l| l.items).unwrap_or_default()
}

/// The articles of `listed` (newest first) that are neither on the page nor waiting.
pub fn unseen(
    listed: Vec<ArticleSummary>,
    on_page: impl Fn(&str) -> bool,
    waiting: &[ArticleSummary],
) -> Vec<ArticleSummary> {
    listed.into_iter().filter(|a| !on_page(&a.path) && !waiting.iter().any(|w| w.path == a.path)).collect()
}

/// The "N új cikk" control of a list whose newest articles are `list`: it follows list
/// document `document` while the page lives, and puts the articles neither in `list` nor in
/// `elsewhere` (paths shown elsewhere on the page) in front of `list` when the reader asks.
pub fn new_articles_control(
    document: String,
    list: RwSignal<Vec<ArticleSummary>>,
    elsewhere: Vec<String>,
) -> impl IntoView {
    let arrivals = Arrivals::new();
    let waiting = RwSignal::new(Vec::new());
    let on_page = move |path: &str| {
        elsewhere.iter().any(|p| p == path) || list.with_untracked(|l| l.iter().any(|a| a.path == path))
    };
    let changed = move |doc: Value| {
        let new = waiting.with_untracked(|w| unseen(listed(&doc), &on_page, w));
        if !new.is_empty() {
            let n = new.len();
            waiting.update(|w| prepend(w, new));
            arrivals.waiting.set(waiting.with_untracked(Vec::len));
            arrivals.arrived(n, crate::strings::arrived_articles(n));
        }
        true
    };
    crate::follow::follow(document, crate::follow::LIST_EVERY_MS, Box::new(changed));
    let show = Callback::new(move |_| {
        let new = waiting.try_update(std::mem::take).unwrap_or_default();
        list.update(|l| prepend(l, new));
        arrivals.waiting.set(0);
        scroll_to_arrivals(LIST_ID);
    });
    view! { <ArrivalsControl arrivals label=crate::strings::new_articles show/> }
}

/// `front` (newest first) put before `list`.
fn prepend(list: &mut Vec<ArticleSummary>, mut front: Vec<ArticleSummary>) {
    front.append(list);
    *list = front;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(path: &str) -> ArticleSummary {
        ArticleSummary {
            slug: path.into(),
            path: path.into(),
            title: path.into(),
            lead: String::new(),
            section: model::SectionRef { slug: "belfold".into(), name: "Belföld".into() },
            author: Default::default(),
            published: model::date::parse_rfc3339("2026-12-05T22:00:00+01:00").unwrap(),
            cover: None,
            preview: None,
            live: false,
        }
    }

    #[test]
    fn only_articles_neither_shown_nor_waiting_are_new() {
        let listed = vec![card("/c"), card("/b"), card("/a")];
        let new = unseen(listed, |p| p == "/a", &[card("/b")]);
        assert_eq!(new, vec![card("/c")]);
    }

    #[test]
    fn home_is_followed_by_its_latest_list_and_a_list_page_by_its_items() {
        let home =
            model::json::parse(r#"{"top":[],"sections":[],"latest":[{"path":"/belfold/2026/12/05/x","title":"X"}]}"#)
                .unwrap();
        assert_eq!(listed(&home).len(), 1);
        let section = model::json::parse(
            r#"{"section":{"slug":"s","name":"S"},"list":{"items":[{"path":"/s/2026/12/05/y","title":"Y"}],"page":0}}"#,
        )
        .unwrap();
        assert_eq!(listed(&section)[0].title, "Y");
    }
}
