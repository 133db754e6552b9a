//! Skip link, site name, main menu with "+" for the rest, the mobile drawer and the search box.

use crate::components::later::later;
use crate::erased::Erase;
use crate::router::use_location;
use crate::strings as s;
use leptos::prelude::*;
use model::{paths, MenuItem, Site};
use wasm_bindgen::JsCast;

#[component]
pub fn Header(site: Site) -> impl IntoView {
    let split = site.menu_inline.min(site.menu.len());
    let inline = site.menu[..split].to_vec();
    let rest = site.menu[split..].to_vec();
    let full = site.menu.clone();

    let more_open = RwSignal::new(false);
    let drawer_open = RwSignal::new(false);
    // Any navigation closes the menus.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        location.search.track();
        more_open.set(false);
        drawer_open.set(false);
    });

    let home_label = format!("{} – {}", site.name, s::HOME);
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>{s::SKIP_LINK}</a>
        <header class="site-header">
            <div class="brand">
                <a href=paths::HOME class="site-name" aria-label=home_label aria-current=crate::components::aria_current_live(paths::HOME.to_owned())>{site.name.clone()}</a>
                <p class="tagline">{site.tagline.clone()}</p>
            </div>
            <nav class="main-nav" aria-label=s::MAIN_MENU>
                <ul class="menu-inline">
                    {inline.into_iter().map(|item| view! { <li>{menu_link(item.href, item.label)}</li> }).collect_view()}
                </ul>
                // Closed panels: built after the page's content while the app takes over.
                {later(Box::new(move || view! { <MoreMenu items=rest open=more_open/> }.erase()))}
            </nav>
            <div class="header-tools"><SearchBox/><crate::components::theme::ThemeToggle/></div>
            <button type="button" class="drawer-toggle" aria-controls="drawer"
                aria-expanded=move || drawer_open.get().to_string()
                aria-label=s::OPEN_MENU
                on:click=move |_| drawer_open.set(true)>
                <span aria-hidden="true">"☰"</span>
            </button>
            {later(Box::new(move || view! { <Drawer items=full open=drawer_open/> }.erase()))}
        </header>
    }
}

fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = crate::browser::element_by_id::<web_sys::HtmlElement>("main") {
        let _ = main.focus();
        main.scroll_into_view();
    }
}

/// A menu link that marks the current section: `page` on the section page itself, `true` on its
/// articles (their path starts with the section slug) and later list pages. The router handles
/// the click.
fn menu_link(href: String, label: String) -> impl IntoView {
    let location = use_location();
    let slug = href.rsplit('/').next().unwrap_or_default().to_owned();
    let article_prefix = format!("/{slug}/");
    let target = href.clone();
    let current = move || {
        let path = location.pathname.get();
        if path == target {
            Some("page")
        } else if path.starts_with(&article_prefix)
            || path.strip_prefix(target.as_str()).is_some_and(|rest| rest.starts_with('/'))
        {
            // The section's articles and its later list pages (`/rovat/x/oldal/2`).
            Some("true")
        } else {
            None
        }
    };
    view! { <a href=href aria-current=current>{label}</a> }
}

/// The nested list of sections, used by the "+" panel and the drawer.
fn menu_tree(items: Vec<MenuItem>) -> impl IntoView {
    view! {
        <ul class="menu-tree">
            {items.into_iter().map(|item| {
                let children = (!item.children.is_empty()).then(|| view! {
                    <ul class="menu-children">
                        {item.children.into_iter().map(|c| view! { <li>{menu_link(c.href, c.label)}</li> }).collect_view()}
                    </ul>
                });
                view! { <li>{menu_link(item.href, item.label)}{children}</li> }
            }).collect_view()}
        </ul>
    }
}

/// Focusable links inside `container_id`, for arrow keys and the focus trap.
fn links_in(container_id: &str) -> Vec<web_sys::HtmlElement> {
    let Some(el) = crate::browser::element_by_id::<web_sys::Element>(container_id) else { return vec![] };
    let Ok(list) = el.query_selector_all("a[href], button") else { return vec![] };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

fn focused_index(items: &[web_sys::HtmlElement]) -> Option<usize> {
    let active = web_sys::window()?.document()?.active_element()?;
    items.iter().position(|e| **e == active)
}

fn focus_id(id: &str) {
    if let Some(b) = crate::browser::element_by_id::<web_sys::HtmlElement>(id) {
        let _ = b.focus();
    }
}

#[component]
fn MoreMenu(items: Vec<MenuItem>, open: RwSignal<bool>) -> impl IntoView {
    // Close on a click outside the menu.
    let handle = window_event_listener(leptos::ev::click, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest(".more").ok().flatten())
            .is_some();
        if !inside {
            open.set(false);
        }
    });
    on_cleanup(move || handle.remove());

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let links = links_in("more-menu");
        match ev.key().as_str() {
            "Escape" => {
                open.set(false);
                focus_id("more-button");
            }
            "ArrowDown" | "ArrowUp" | "Home" | "End" if open.get_untracked() && !links.is_empty() => {
                ev.prevent_default();
                let n = links.len();
                let i = match (ev.key().as_str(), focused_index(&links)) {
                    ("Home", _) => 0,
                    ("End", _) => n - 1,
                    ("ArrowDown", Some(i)) => (i + 1) % n,
                    ("ArrowUp", Some(i)) => (i + n - 1) % n,
                    ("ArrowUp", None) => n - 1,
                    _ => 0,
                };
                let _ = links[i].focus();
            }
            _ => {}
        }
    };

    view! {
        <div class="more" on:keydown=on_key>
            <button type="button" id="more-button" class="more-button"
                aria-controls="more-menu"
                aria-expanded=move || open.get().to_string()
                aria-label=s::MORE_SECTIONS
                on:click=move |_| {
                    let now = !open.get_untracked();
                    open.set(now);
                    if now {
                        // Move into the panel so arrow keys work at once.
                        request_animation_frame(|| { if let Some(l) = links_in("more-menu").first() { let _ = l.focus(); } });
                    }
                }>
                <span aria-hidden="true">"+"</span>
            </button>
            <div id="more-menu" class="more-panel" hidden=move || !open.get()>
                {menu_tree(items)}
            </div>
        </div>
    }
}

#[component]
fn Drawer(items: Vec<MenuItem>, open: RwSignal<bool>) -> impl IntoView {
    let close = move || {
        open.set(false);
        request_animation_frame(|| focus_id_selector(".drawer-toggle"));
    };
    Effect::new(move |_| {
        if open.get() {
            request_animation_frame(|| focus_id("drawer-close"));
        }
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => close(),
        "Tab" => {
            // Keep focus inside the open drawer.
            let links = links_in("drawer");
            let (Some(first), Some(last)) = (links.first(), links.last()) else { return };
            let i = focused_index(&links);
            if ev.shift_key() && i == Some(0) {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && i == Some(links.len() - 1) {
                ev.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    };
    view! {
        <div id="drawer" class="drawer" role="dialog" aria-modal="true" aria-label=s::MAIN_MENU
            hidden=move || !open.get() on:keydown=on_key>
            <button type="button" id="drawer-close" class="drawer-close" aria-label=s::CLOSE_MENU
                on:click=move |_| close()>
                <span aria-hidden="true">"×"</span>
            </button>
            <nav aria-label=s::MAIN_MENU>{menu_tree(items)}</nav>
        </div>
        <div class="drawer-backdrop" hidden=move || !open.get() on:click=move |_| close()></div>
    }
}

fn focus_id_selector(selector: &str) {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}

/// The search field: a real GET form to /kereses (works without JavaScript), navigated
/// client-side when the app runs.
#[component]
pub fn SearchBox() -> impl IntoView {
    let value = RwSignal::new(String::new());
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Natively nothing is submitted: press renders the form once.
        #[cfg(feature = "csr")]
        crate::router::navigation::navigate(&paths::search(value.get_untracked().trim()));
    };
    view! {
        <form class="search-box" role="search" action=paths::SEARCH method="get" on:submit=on_submit>
            <label for="search-input" class="visually-hidden">{s::SEARCH}</label>
            <input id="search-input" type="search" name="q" node_ref=input_ref
                placeholder=s::SEARCH_PLACEHOLDER autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
            <button type="button" class="search-clear" aria-label=s::SEARCH_CLEAR
                hidden=move || value.get().is_empty()
                on:click=move |_| {
                    value.set(String::new());
                    if let Some(i) = input_ref.get() { let _ = i.focus(); }
                }>
                <span aria-hidden="true">"×"</span>
            </button>
            <button type="submit" class="search-submit">{s::SEARCH}</button>
        </form>
    }
}
