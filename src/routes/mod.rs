//! One file per view. Each holds the page component that renders its JSON (which press also
//! renders natively) and `view`, the page with its head tags; [`Route`] says which view a path
//! is and which document it loads, and the app loads it through one door (`App`).

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
use crate::components::{later::later, status};
use crate::erased::{Erase, Erased};
use leptos::prelude::*;
use model::api_path;
use model::json::{FromJson, Value};

/// Which view a path is, with what it needs to load its content: the one switch of the app's
/// routes (the URL scheme of DESIGN.md §2 and docs/adr/0011).
#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Home,
    Section { slug: String, page: u32 },
    Tag { slug: String, page: u32 },
    Author { slug: String, page: u32 },
    Latest { page: u32 },
    StaticPage { slug: String },
    Search,
    Article { path: String },
    NotFound,
}

impl Route {
    pub fn parse(path: &str) -> Route {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let list = |page: &[&str]| match page {
            [] => Some(1),
            ["oldal", n] => n.parse::<u32>().ok().filter(|&n| n >= 1),
            _ => None,
        };
        let route = match segments.as_slice() {
            [] => Some(Route::Home),
            ["rovat", slug, rest @ ..] => list(rest).map(|page| Route::Section { slug: (*slug).to_owned(), page }),
            ["cimke", slug, rest @ ..] => list(rest).map(|page| Route::Tag { slug: (*slug).to_owned(), page }),
            ["szerzo", slug, rest @ ..] => list(rest).map(|page| Route::Author { slug: (*slug).to_owned(), page }),
            ["friss", rest @ ..] => list(rest).map(|page| Route::Latest { page }),
            ["oldal", slug] => Some(Route::StaticPage { slug: (*slug).to_owned() }),
            ["kereses"] => Some(Route::Search),
            [_, _, _, _, _] => Some(Route::Article { path: segments.join("/") }),
            _ => None,
        };
        route.unwrap_or(Route::NotFound)
    }

    /// The content document the view renders; `None` for views without one.
    pub fn content_path(&self) -> Option<String> {
        Some(match self {
            Route::Home => api_path::HOME.to_owned(),
            Route::Section { slug, page } => api_path::section(slug, *page),
            Route::Tag { slug, page } => api_path::tag(slug, *page),
            Route::Author { slug, page } => api_path::author(slug, *page),
            Route::Latest { page } => api_path::latest(*page),
            Route::StaticPage { slug } => api_path::page(slug),
            Route::Article { path } => match path.split('/').collect::<Vec<_>>()[..] {
                [section, y, m, d, slug] => api_path::article(section, y, m, d, slug),
                _ => return None,
            },
            Route::Search | Route::NotFound => return None,
        })
    }
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
            Route::Home => decode(home::view),
            Route::Section { .. } => decode(section::view),
            Route::Tag { .. } => decode(tag::view),
            Route::Author { .. } => decode(author::view),
            Route::Latest { .. } => decode(latest::view),
            Route::StaticPage { .. } => decode(page::view),
            Route::Article { .. } => decode(article::view),
            Route::Search | Route::NotFound => return view! { <not_found::NotFoundRoute/> }.erase(),
        };
        status::show(doc.and_then(|v| page(&v).ok_or(ApiError::Decode)), retry, |v| v)
    }))
}

/// A page built from a document, `None` when the document is not of the page's type.
type PageOf = Box<dyn Fn(&Value) -> Option<Erased>>;

/// `page` of a document read as `T`; `None` when it is not one.
fn decode<T: FromJson + 'static>(page: fn(T) -> Erased) -> PageOf {
    Box::new(move |v| T::from_json(v).map(page))
}

/// A list's URL for page `n`: the list's own path for page 1, `<base>/oldal/<n>` after it, a
/// path so that a static host serves each page's own prerendered HTML (docs/adr/0011).
pub fn list_url(base: &str, n: u32) -> String {
    if n <= 1 {
        base.to_owned()
    } else {
        format!("{base}/oldal/{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    fn section(slug: &str, page: u32) -> Route {
        Route::Section { slug: slug.to_owned(), page }
    }

    #[test]
    fn every_path_of_the_url_scheme_is_its_view() {
        assert_eq!(Route::parse("/"), Route::Home);
        assert_eq!(Route::parse("/rovat/belfold"), section("belfold", 1));
        assert_eq!(Route::parse("/rovat/belfold/"), section("belfold", 1), "a static host's trailing slash");
        assert_eq!(Route::parse("/rovat/belfold/oldal/2"), section("belfold", 2));
        assert_eq!(Route::parse("/cimke/zene/oldal/3"), Route::Tag { slug: "zene".into(), page: 3 });
        assert_eq!(Route::parse("/szerzo/kovacs-anna"), Route::Author { slug: "kovacs-anna".into(), page: 1 });
        assert_eq!(Route::parse("/friss"), Route::Latest { page: 1 });
        assert_eq!(Route::parse("/friss/oldal/2"), Route::Latest { page: 2 });
        assert_eq!(Route::parse("/oldal/impresszum"), Route::StaticPage { slug: "impresszum".into() });
        assert_eq!(Route::parse("/kereses"), Route::Search);
        let article = Route::parse("/belfold/2024/03/15/uj-kerekparut");
        assert_eq!(article.content_path().as_deref(), Some("articles/belfold/2024/03/15/uj-kerekparut.json"));
        assert_eq!(section("belfold", 2).content_path().as_deref(), Some("sections/belfold/2.json"));
        assert_eq!(Route::parse("/friss/oldal/2").content_path().as_deref(), Some("latest/2.json"));
    }

    #[test]
    fn a_path_outside_the_scheme_is_the_404_view() {
        for path in [
            "/rovat",
            "/rovat/belfold/oldal/0",
            "/rovat/belfold/oldal/x",
            "/rovat/belfold/oldal",
            "/rovat/belfold/2",
            "/kereses/x",
            "/a/b",
            "/a/b/c/d/e/f",
        ] {
            assert_eq!(Route::parse(path), Route::NotFound, "{path}");
        }
        assert_eq!(Route::NotFound.content_path(), None);
        assert_eq!(Route::Search.content_path(), None);
    }
}
