//! One file per view. Each holds the page component that renders its JSON (which press also
//! renders natively) and `view`, the page with its head tags. `model::paths::Route` says which
//! view a path is (the URL scheme of docs/DESIGN.md and docs/adr/0011), [`content_path`] which
//! document it loads, and the app loads it through one door (`App`) and hands it to [`render`].

pub mod article;
pub mod author;
pub mod home;
pub mod latest;
pub mod not_found;
pub mod page;
pub mod search;
pub mod section;
pub mod tag;

use crate::api::ApiError;
use crate::components::{later::later, status::ErrorView};
use crate::erased::{Erase, Erased};
use leptos::prelude::*;
use model::api_path;
use model::json::{FromJson, Value};
use model::paths::Route;

/// The content document `route`'s view renders; `None` for views without one.
pub fn content_path(route: &Route) -> Option<String> {
    Some(match route {
        Route::Home => api_path::HOME.to_owned(),
        Route::Section { slug, page } => api_path::section(slug, *page),
        Route::Tag { slug, page } => api_path::tag(slug, *page),
        Route::Author { slug, page } => api_path::author(slug, *page),
        Route::Latest { page } => api_path::latest(*page),
        Route::StaticPage { slug } => api_path::page(slug),
        Route::Article { section, year, month, day, slug } => api_path::article(section, year, month, day, slug),
        Route::Search | Route::NotFound => return None,
    })
}

/// The page of `route` from its document (`doc` is `None` for views without one): a missing
/// document shows the 404 view, any other failure a Hungarian error with a retry button. While
/// the app takes over, it is built in a task of its own (components/later.rs).
pub fn render(route: Route, doc: Option<Result<Value, ApiError>>, retry: Callback<()>) -> Erased {
    later(Box::new(move || {
        let Some(doc) = doc else {
            return match route {
                Route::Search => view! { <search::SearchRoute/> }.erase(),
                _ => view! { <not_found::NotFoundRoute/> }.erase(),
            };
        };
        let page = match route {
            Route::Home => page_of(home::view),
            Route::Section { .. } => page_of(section::view),
            Route::Tag { .. } => page_of(tag::view),
            Route::Author { .. } => page_of(author::view),
            Route::Latest { .. } => page_of(latest::view),
            Route::StaticPage { .. } => page_of(page::view),
            Route::Article { .. } => page_of(article::view),
            Route::Search | Route::NotFound => return view! { <not_found::NotFoundRoute/> }.erase(),
        };
        let page = doc.and_then(|v| {
            let (page, left_out) = model::json::counting(|| page(&v));
            report_left_out(&route, left_out);
            page.ok_or(ApiError::Decode)
        });
        match page {
            Ok(page) => page,
            Err(ApiError::NotFound) => view! { <not_found::NotFoundRoute/> }.erase(),
            Err(error) => view! { <ErrorView error retry/> }.erase(),
        }
    }))
}

/// Says in the console, once per document, how many of its parts (blocks, cards, fields) did not
/// decode and were left out of the page: the reader sees the rest, a developer sees why.
fn report_left_out(route: &Route, left_out: u32) {
    if left_out > 0 {
        let message = format!("{}: {left_out} part(s) of the content did not decode and were left out", route.href());
        crate::browser::warn(&message);
    }
}

/// A page built from a document, `None` when the document is not of the page's type.
type PageOf = Box<dyn Fn(&Value) -> Option<Erased>>;

/// `page` of a document read as `T`; `None` when it is not one.
fn page_of<T: FromJson + 'static>(page: fn(T) -> Erased) -> PageOf {
    Box::new(move |v| T::from_json(v).map(page))
}

#[cfg(test)]
mod tests {
    use super::{content_path, Route};
    use model::{api_path, paths};

    #[test]
    fn each_view_loads_its_own_document() {
        let section = Route::Section { slug: "belfold".into(), page: 2 };
        assert_eq!(content_path(&section), Some(api_path::section("belfold", 2)));
        let latest = Route::parse(&paths::list(paths::LATEST, 2));
        assert_eq!(content_path(&latest), Some(api_path::latest(2)));
        let published = chrono::DateTime::parse_from_rfc3339("2024-03-15T09:30:00+01:00").unwrap();
        let article = Route::parse(&paths::article("belfold", &published, "uj-kerekparut"));
        assert_eq!(content_path(&article).as_deref(), Some("articles/belfold/2024/03/15/uj-kerekparut.json"));
        let page = Route::parse(&paths::static_page("impresszum"));
        assert_eq!(content_path(&page), Some(api_path::page("impresszum")));
        assert_eq!(content_path(&Route::Home), Some(api_path::HOME.to_owned()));
    }

    #[test]
    fn search_and_not_found_load_nothing() {
        assert_eq!(content_path(&Route::NotFound), None);
        assert_eq!(content_path(&Route::Search), None);
    }
}
