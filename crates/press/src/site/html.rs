//! The app's DOM as HTML text: one function per component of `src/components` and per view of
//! `src/routes`, element for element (same tags, classes, attributes, text and order, no
//! whitespace the app does not make), so that the app can replace this copy with its own without
//! anything moving (docs/adr/0003). tests/e2e/prerender.spec.mjs compares the two DOMs and their
//! geometry; when a component changes, change its twin here.
//!
//! Every text and attribute value goes through [`text`] or [`attr`]: content cannot open a tag or
//! leave an attribute. Links and images pass the same `model::url` allow-list as in the app.

use model::{
    date, url, Article, ArticleSummary, AuthorPage, Block, Countdown, Home, Image, ListPage, MenuItem, SectionPage,
    Site, Span, StaticPage, TagPage,
};

use super::strings as s;

/// How many related articles the sidebar shows before "Kérek még" (components/sidebar.rs).
const RELATED_CHUNK: usize = 5;

/// What every template needs besides its data.
pub struct Ctx<'a> {
    pub site: &'a Site,
    /// The location path (no query) the page is served at; `None` for 404.html, which is served
    /// at any path, so nothing in it is marked current.
    pub path: Option<&'a str>,
    /// The clock for the countdown, in Unix milliseconds.
    pub now_ms: i64,
}

// ---------------------------------------------------------------- escaping

/// Appends `s` as HTML text.
pub fn text(o: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            _ => o.push(c),
        }
    }
}

/// Appends `s` as the value of a double-quoted attribute.
pub fn attr(o: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            _ => o.push(c),
        }
    }
}

/// Adjacent text nodes, as the app makes them from `"a"{b}" "`: the HTML parser would join
/// them into one, and one text node is laid out a fraction of a pixel differently from two, so
/// they are kept apart by empty comments (which take no part in layout).
fn texts(o: &mut String, parts: &[&str]) {
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            o.push_str("<!---->");
        }
        text(o, part);
    }
}

/// `<tag a="v" …>`; a `None` value leaves the attribute out, `Some("")` writes it bare.
fn open(o: &mut String, tag: &str, attrs: &[(&str, Option<&str>)]) {
    o.push('<');
    o.push_str(tag);
    for (k, v) in attrs {
        let Some(v) = v else { continue };
        o.push(' ');
        o.push_str(k);
        if !v.is_empty() {
            o.push_str("=\"");
            attr(o, v);
            o.push('"');
        }
    }
    o.push('>');
}

fn close(o: &mut String, tag: &str) {
    o.push_str("</");
    o.push_str(tag);
    o.push('>');
}

/// `<tag attrs>text</tag>`.
fn el(o: &mut String, tag: &str, attrs: &[(&str, Option<&str>)], content: &str) {
    open(o, tag, attrs);
    text(o, content);
    close(o, tag);
}

// ---------------------------------------------------------------- links

/// leptos_router's `<A>` marks a link `aria-current="page"` when the location is the link's
/// path or below it, segment by segment (leptos_router 0.8 `is_active_for`).
fn is_active_for(href: &str, location: &str) -> bool {
    let href = href.split(['?', '#']).next().unwrap_or_default();
    let mut href_parts = href.split('/');
    let all = location
        .split('/')
        .zip(href_parts.by_ref())
        .enumerate()
        .all(|(c, (loc, h))| loc == h || h.is_empty() && c > 1);
    all && matches!(href_parts.next(), None | Some(""))
}

/// The `<A>` component: `<a href [aria-current] [class] …>`.
fn route_link(o: &mut String, ctx: &Ctx, href: &str, class: Option<&str>, extra: &[(&str, Option<&str>)], inner: impl FnOnce(&mut String)) {
    let current = ctx.path.is_some_and(|p| is_active_for(href, p));
    let mut attrs: Vec<(&str, Option<&str>)> = vec![("href", Some(href)), ("aria-current", current.then_some("page")), ("class", class)];
    attrs.extend_from_slice(extra);
    open(o, "a", &attrs);
    inner(o);
    close(o, "a");
}

fn route_link_text(o: &mut String, ctx: &Ctx, href: &str, class: Option<&str>, label: &str) {
    route_link(o, ctx, href, class, &[], |o| text(o, label));
}

// ---------------------------------------------------------------- the page

/// Everything the app renders into `<body>`: the chrome around `main`.
pub fn page(o: &mut String, ctx: &Ctx, main: impl FnOnce(&mut String), sidebar: Sidebar) {
    open(o, "div", &[("class", Some("routing-progress")), ("aria-hidden", Some("true"))]);
    close(o, "div");
    header(o, ctx);
    open(o, "div", &[("class", Some("layout"))]);
    open(o, "main", &[("class", Some("main")), ("id", Some("main")), ("tabindex", Some("-1"))]);
    main(o);
    close(o, "main");
    self::sidebar(o, ctx, sidebar);
    close(o, "div");
    footer(o, ctx);
}

// ---------------------------------------------------------------- header (components/header.rs)

fn header(o: &mut String, ctx: &Ctx) {
    let site = ctx.site;
    let split = site.menu_inline.min(site.menu.len());
    el(o, "a", &[("class", Some("skip-link")), ("href", Some("#main"))], s::SKIP_LINK);
    open(o, "header", &[("class", Some("site-header"))]);
    open(o, "div", &[("class", Some("brand"))]);
    let home_label = format!("{} – {}", site.name, s::HOME);
    route_link(o, ctx, "/", Some("site-name"), &[("aria-label", Some(&home_label))], |o| text(o, &site.name));
    el(o, "p", &[("class", Some("tagline"))], &site.tagline);
    close(o, "div");
    open(o, "nav", &[("class", Some("main-nav")), ("aria-label", Some(s::MAIN_MENU))]);
    open(o, "ul", &[("class", Some("menu-inline"))]);
    for item in &site.menu[..split] {
        o.push_str("<li>");
        menu_link(o, ctx, &item.href, &item.label);
        o.push_str("</li>");
    }
    close(o, "ul");
    open(o, "div", &[("class", Some("more"))]);
    open(
        o,
        "button",
        &[
            ("class", Some("more-button")),
            ("type", Some("button")),
            ("id", Some("more-button")),
            ("aria-controls", Some("more-menu")),
            ("aria-expanded", Some("false")),
            ("aria-label", Some(s::MORE_SECTIONS)),
        ],
    );
    el(o, "span", &[("aria-hidden", Some("true"))], "+");
    close(o, "button");
    open(o, "div", &[("class", Some("more-panel")), ("id", Some("more-menu")), ("hidden", Some(""))]);
    menu_tree(o, ctx, &site.menu[split..]);
    close(o, "div");
    close(o, "div");
    close(o, "nav");

    open(o, "div", &[("class", Some("header-tools"))]);
    search_box(o);
    open(
        o,
        "button",
        &[
            ("class", Some("theme-toggle")),
            ("type", Some("button")),
            ("aria-pressed", Some("false")),
            ("aria-label", Some(s::THEME_TO_DARK)),
        ],
    );
    el(o, "span", &[("aria-hidden", Some("true"))], "☾");
    close(o, "button");
    close(o, "div");

    open(
        o,
        "button",
        &[
            ("class", Some("drawer-toggle")),
            ("type", Some("button")),
            ("aria-controls", Some("drawer")),
            ("aria-expanded", Some("false")),
            ("aria-label", Some(s::OPEN_MENU)),
        ],
    );
    el(o, "span", &[("aria-hidden", Some("true"))], "☰");
    close(o, "button");
    open(
        o,
        "div",
        &[
            ("class", Some("drawer")),
            ("id", Some("drawer")),
            ("role", Some("dialog")),
            ("aria-modal", Some("true")),
            ("aria-label", Some(s::MAIN_MENU)),
            ("hidden", Some("")),
        ],
    );
    open(
        o,
        "button",
        &[
            ("class", Some("drawer-close")),
            ("type", Some("button")),
            ("id", Some("drawer-close")),
            ("aria-label", Some(s::CLOSE_MENU)),
        ],
    );
    el(o, "span", &[("aria-hidden", Some("true"))], "×");
    close(o, "button");
    open(o, "nav", &[("aria-label", Some(s::MAIN_MENU))]);
    menu_tree(o, ctx, &site.menu);
    close(o, "nav");
    close(o, "div");
    open(o, "div", &[("class", Some("drawer-backdrop")), ("hidden", Some(""))]);
    close(o, "div");
    close(o, "header");
}

/// `menu_link`: a plain `<a>`, `aria-current="page"` on the section page itself and `"true"` on
/// its articles (their path starts with the section slug).
fn menu_link(o: &mut String, ctx: &Ctx, href: &str, label: &str) {
    let slug = href.rsplit('/').next().unwrap_or_default();
    let current = ctx.path.and_then(|p| {
        if p == href {
            Some("page")
        } else if p.starts_with(&format!("/{slug}/")) {
            Some("true")
        } else {
            None
        }
    });
    el(o, "a", &[("href", Some(href)), ("aria-current", current)], label);
}

fn menu_tree(o: &mut String, ctx: &Ctx, items: &[MenuItem]) {
    open(o, "ul", &[("class", Some("menu-tree"))]);
    for item in items {
        o.push_str("<li>");
        menu_link(o, ctx, &item.href, &item.label);
        if !item.children.is_empty() {
            open(o, "ul", &[("class", Some("menu-children"))]);
            for c in &item.children {
                o.push_str("<li>");
                menu_link(o, ctx, &c.href, &c.label);
                o.push_str("</li>");
            }
            close(o, "ul");
        }
        o.push_str("</li>");
    }
    close(o, "ul");
}

fn search_box(o: &mut String) {
    open(
        o,
        "form",
        &[("class", Some("search-box")), ("role", Some("search")), ("action", Some("/kereses")), ("method", Some("get"))],
    );
    el(o, "label", &[("class", Some("visually-hidden")), ("for", Some("search-input"))], s::SEARCH);
    open(
        o,
        "input",
        &[
            ("id", Some("search-input")),
            ("type", Some("search")),
            ("name", Some("q")),
            ("placeholder", Some(s::SEARCH_PLACEHOLDER)),
            ("autocomplete", Some("off")),
        ],
    );
    open(
        o,
        "button",
        &[
            ("class", Some("search-clear")),
            ("type", Some("button")),
            ("aria-label", Some(s::SEARCH_CLEAR)),
            ("hidden", Some("")),
        ],
    );
    el(o, "span", &[("aria-hidden", Some("true"))], "×");
    close(o, "button");
    el(o, "button", &[("class", Some("search-submit")), ("type", Some("submit"))], s::SEARCH);
    close(o, "form");
}

// ---------------------------------------------------------------- sidebar (components/sidebar.rs)

/// What the sidebar recommends: the latest articles, or an article's related ones.
pub enum Sidebar<'a> {
    Latest(&'a ListPage),
    Related(&'a [ArticleSummary]),
}

fn sidebar(o: &mut String, ctx: &Ctx, what: Sidebar) {
    open(o, "aside", &[("class", Some("sidebar")), ("aria-label", Some(s::RECOMMENDED))]);
    if let Some(c) = &ctx.site.countdown {
        countdown(o, c, ctx.now_ms);
    }
    open(o, "section", &[("class", Some("recommended")), ("aria-labelledby", Some("recommended-title"))]);
    let title = if matches!(what, Sidebar::Related(_)) { s::RELATED } else { s::RECOMMENDED };
    el(o, "h2", &[("id", Some("recommended-title"))], title);
    match what {
        Sidebar::Latest(first) => article_list(o, ctx, first, true, |n| format!("/?friss={n}")),
        Sidebar::Related(related) => {
            open(o, "div", &[("class", Some("article-list compact"))]);
            for a in related.iter().take(RELATED_CHUNK) {
                card(o, ctx, a, false, true, false);
            }
            close(o, "div");
            if related.len() > RELATED_CHUNK {
                open(o, "p", &[("class", Some("load-more"))]);
                el(o, "button", &[("class", Some("button")), ("type", Some("button"))], s::LOAD_MORE);
                close(o, "p");
            }
        }
    }
    close(o, "section");
    close(o, "aside");
}

/// Whole days, hours, minutes, seconds left; `None` once passed (components/countdown.rs).
pub fn remaining(target_ms: i64, now_ms: i64) -> Option<[i64; 4]> {
    let left = (target_ms - now_ms) / 1000;
    if left <= 0 {
        return None;
    }
    Some([left / 86_400, left / 3600 % 24, left / 60 % 60, left % 60])
}

fn countdown(o: &mut String, c: &Countdown, now_ms: i64) {
    open(o, "section", &[("class", Some("countdown")), ("aria-labelledby", Some("countdown-title"))]);
    open(o, "h2", &[("id", Some("countdown-title"))]);
    match c.href.as_deref().filter(|h| url::safe_link(h).is_some()) {
        Some(h) => el(o, "a", &[("href", Some(h))], &c.title),
        None => text(o, &c.title),
    }
    close(o, "h2");
    open(o, "time", &[("datetime", Some(&c.target.to_rfc3339()))]);
    match remaining(c.target.timestamp_millis(), now_ms) {
        Some(parts) => {
            open(o, "ol", &[("class", Some("countdown-units"))]);
            let labels = [s::COUNTDOWN_DAYS, s::COUNTDOWN_HOURS, s::COUNTDOWN_MINUTES, s::COUNTDOWN_SECONDS];
            for (n, label) in parts.into_iter().zip(labels) {
                o.push_str("<li>");
                el(o, "span", &[("class", Some("countdown-number"))], &n.to_string());
                o.push(' ');
                el(o, "span", &[("class", Some("countdown-label"))], label);
                o.push_str("</li>");
            }
            close(o, "ol");
        }
        None => el(o, "p", &[("class", Some("countdown-after"))], &c.after),
    }
    close(o, "time");
    close(o, "section");
}

// ---------------------------------------------------------------- footer (components/footer.rs)

/// components/icons.rs `icon`: a decorative inline SVG.
fn icon(o: &mut String, name: &str) {
    open(
        o,
        "svg",
        &[
            ("class", Some("icon")),
            ("viewBox", Some("0 0 24 24")),
            ("width", Some("20")),
            ("height", Some("20")),
            ("aria-hidden", Some("true")),
            ("focusable", Some("false")),
        ],
    );
    open(o, "path", &[("d", Some(super::icon_paths::path(name)))]);
    o.push_str("</path></svg>");
}

fn footer(o: &mut String, ctx: &Ctx) {
    let site = ctx.site;
    open(o, "footer", &[("class", Some("site-footer"))]);
    open(o, "section", &[("class", Some("footer-social")), ("aria-labelledby", Some("footer-social-title"))]);
    el(o, "h2", &[("id", Some("footer-social-title"))], s::STAY_WITH_US);
    open(o, "ul", &[("class", Some("social-links"))]);
    for l in site.social.iter().filter(|l| url::safe_link(&l.href).is_some()) {
        o.push_str("<li>");
        open(
            o,
            "a",
            &[
                ("href", Some(&l.href)),
                ("rel", Some("noopener noreferrer")),
                ("aria-label", Some(&l.label)),
                ("title", Some(&l.label)),
            ],
        );
        icon(o, &l.network);
        o.push_str("</a></li>");
    }
    close(o, "ul");
    close(o, "section");

    open(o, "nav", &[("class", Some("footer-sections")), ("aria-labelledby", Some("footer-sections-title"))]);
    el(o, "h2", &[("id", Some("footer-sections-title"))], s::FOOTER_SECTIONS);
    o.push_str("<ul>");
    for l in &site.footer_sections {
        o.push_str("<li>");
        route_link_text(o, ctx, &l.href, None, &l.label);
        o.push_str("</li>");
    }
    o.push_str("</ul>");
    close(o, "nav");

    open(o, "nav", &[("class", Some("footer-tags")), ("aria-labelledby", Some("footer-tags-title"))]);
    el(o, "h2", &[("id", Some("footer-tags-title"))], s::POPULAR_TAGS);
    open(o, "ul", &[("class", Some("tag-list"))]);
    for t in &site.popular_tags {
        o.push_str("<li>");
        route_link_text(o, ctx, &format!("/cimke/{}", t.slug), Some("tag"), &t.name);
        o.push_str("</li>");
    }
    close(o, "ul");
    close(o, "nav");

    open(o, "div", &[("class", Some("footer-legal"))]);
    el(
        o,
        "p",
        &[("class", Some("copyright"))],
        &format!("© {}-{} {} /{}/", site.copyright_from, site.copyright_to, site.name, site.motto),
    );
    open(o, "nav", &[("aria-label", Some(s::LEGAL_MENU))]);
    open(o, "ul", &[("class", Some("legal-menu"))]);
    for l in site.legal.iter().filter(|l| url::safe_link(&l.href).is_some()) {
        o.push_str("<li>");
        if l.href.starts_with('/') {
            route_link_text(o, ctx, &l.href, None, &l.label);
        } else {
            el(o, "a", &[("href", Some(&l.href)), ("rel", Some("noopener"))], &l.label);
        }
        o.push_str("</li>");
    }
    close(o, "ul");
    close(o, "nav");
    close(o, "div");
    close(o, "footer");
}

// ---------------------------------------------------------------- cards and lists

/// components/article_card.rs; `top_level`: an `h2`, the card sits right under the page's h1.
fn card(o: &mut String, ctx: &Ctx, a: &ArticleSummary, lead: bool, compact: bool, top_level: bool) {
    let class = match (lead, compact) {
        (true, true) => "card card-lead card-compact",
        (true, false) => "card card-lead",
        (false, true) => "card card-compact",
        (false, false) => "card",
    };
    open(o, "article", &[("class", Some(class))]);
    if let Some(c) = a.cover.as_ref().filter(|c| url::safe_image(&c.src).is_some()) {
        let (w, h) = (c.width.to_string(), c.height.to_string());
        open(
            o,
            "img",
            &[
                ("class", Some(if compact { "card-thumb" } else { "card-image" })),
                ("src", Some(&c.src)),
                ("alt", Some("")),
                ("width", Some(&w)),
                ("height", Some(&h)),
                ("loading", Some(if lead { "eager" } else { "lazy" })),
                ("decoding", Some("async")),
            ],
        );
    }
    open(o, "div", &[("class", Some("card-body"))]);
    open(o, "p", &[("class", Some("card-meta"))]);
    route_link_text(o, ctx, &format!("/rovat/{}", a.section.slug), Some("section-label"), &a.section.name);
    o.push(' ');
    el(o, "time", &[("datetime", Some(&a.published.to_rfc3339()))], &date::short(&a.published));
    close(o, "p");
    let h = if lead || top_level { "h2" } else { "h3" };
    open(o, h, &[("class", Some("card-title"))]);
    route_link_text(o, ctx, &a.path, None, &a.title);
    close(o, h);
    if !compact {
        el(o, "p", &[("class", Some("card-lead-text"))], &a.lead);
    }
    close(o, "div");
    close(o, "article");
}

/// components/article_list.rs: the first page, and "Kérek még" as a link to the next one.
fn article_list(o: &mut String, ctx: &Ctx, first: &ListPage, compact: bool, page_url: impl Fn(u32) -> String) {
    open(o, "div", &[("class", Some(if compact { "article-list compact" } else { "article-list" }))]);
    for a in &first.items {
        card(o, ctx, a, false, compact, !compact);
    }
    close(o, "div");
    let next = first.page + 1;
    if next <= first.pages {
        open(o, "p", &[("class", Some("load-more"))]);
        el(o, "a", &[("class", Some("button")), ("href", Some(&page_url(next))), ("rel", Some("next"))], s::LOAD_MORE);
        close(o, "p");
    }
}

/// routes/mod.rs `list_url`.
fn list_url(base: &str, n: u32) -> String {
    if n <= 1 {
        base.to_owned()
    } else {
        format!("{base}?oldal={n}")
    }
}

// ---------------------------------------------------------------- body blocks (components/blocks.rs)

fn blocks(o: &mut String, blocks: &[Block]) {
    for b in blocks {
        match b {
            Block::Paragraph { spans: sp } => {
                o.push_str("<p>");
                spans(o, sp);
                o.push_str("</p>");
            }
            Block::Heading { level, text: t } => el(o, if *level <= 2 { "h2" } else { "h3" }, &[], t),
            Block::PullQuote { text: t } => {
                open(o, "aside", &[("class", Some("pull-quote"))]);
                el(o, "p", &[], t);
                close(o, "aside");
            }
            Block::Quote { paragraphs, cite } => {
                open(o, "figure", &[("class", Some("quote"))]);
                o.push_str("<blockquote>");
                for p in paragraphs {
                    o.push_str("<p>");
                    spans(o, p);
                    o.push_str("</p>");
                }
                o.push_str("</blockquote>");
                if let Some(c) = cite {
                    o.push_str("<figcaption>");
                    texts(o, &["— ", c]);
                    o.push_str("</figcaption>");
                }
                close(o, "figure");
            }
            Block::Image { image } => figure(o, image, false),
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                open(o, tag, &[]);
                for i in items {
                    o.push_str("<li>");
                    spans(o, i);
                    o.push_str("</li>");
                }
                close(o, tag);
            }
            Block::Embed { url: href, title } => {
                if url::safe_link(href).is_some() {
                    open(o, "p", &[("class", Some("embed"))]);
                    o.push_str("<span>");
                    texts(o, &[s::EMBED_OPEN, " "]);
                    o.push_str("</span>");
                    el(
                        o,
                        "a",
                        &[("href", Some(href)), ("rel", Some("noopener noreferrer")), ("target", Some("_blank"))],
                        title,
                    );
                    close(o, "p");
                }
            }
            Block::Unknown => {}
        }
    }
}

fn spans(o: &mut String, spans: &[Span]) {
    // Each span is its own text node in the app, also two plain ones side by side.
    let mut bare_before = false;
    for sp in spans {
        let href = sp.href.as_deref().filter(|h| url::safe_link(h).is_some());
        let bare = href.is_none() && !sp.strong && !sp.em;
        if bare && bare_before {
            o.push_str("<!---->");
        }
        bare_before = bare;
        if let Some(h) = href {
            open(o, "a", &[("href", Some(h)), ("rel", h.starts_with("http").then_some("noopener noreferrer"))]);
        }
        if sp.strong {
            o.push_str("<strong>");
        }
        if sp.em {
            o.push_str("<em>");
        }
        text(o, &sp.text);
        if sp.em {
            o.push_str("</em>");
        }
        if sp.strong {
            o.push_str("</strong>");
        }
        if href.is_some() {
            o.push_str("</a>");
        }
    }
}

/// `Figure`: an image with caption and credit, its size set so nothing shifts.
fn figure(o: &mut String, image: &Image, eager: bool) {
    if url::safe_image(&image.src).is_none() {
        return;
    }
    let (w, h) = (image.width.to_string(), image.height.to_string());
    open(o, "figure", &[("class", Some("figure"))]);
    open(
        o,
        "img",
        &[
            ("src", Some(&image.src)),
            ("alt", Some(&image.alt)),
            ("width", Some(&w)),
            ("height", Some(&h)),
            ("loading", Some(if eager { "eager" } else { "lazy" })),
            ("decoding", Some("async")),
        ],
    );
    if image.caption.is_some() || image.credit.is_some() {
        o.push_str("<figcaption>");
        if let Some(c) = &image.caption {
            el(o, "span", &[("class", Some("caption"))], c);
        }
        if let Some(c) = &image.credit {
            el(o, "span", &[("class", Some("credit"))], c);
        }
        o.push_str("</figcaption>");
    }
    close(o, "figure");
}

// ---------------------------------------------------------------- views (src/routes)

pub fn home(o: &mut String, ctx: &Ctx, home: &Home) {
    el(o, "h1", &[("class", Some("visually-hidden"))], s::HOME);
    open(o, "section", &[("class", Some("top-stories")), ("aria-labelledby", Some("top-title"))]);
    el(o, "h2", &[("class", Some("visually-hidden")), ("id", Some("top-title"))], s::TOP_STORIES);
    let mut top = home.top.iter();
    if let Some(lead) = top.next() {
        card(o, ctx, lead, true, false, false);
    }
    open(o, "div", &[("class", Some("top-rest"))]);
    for a in top {
        card(o, ctx, a, false, false, false);
    }
    close(o, "div");
    close(o, "section");
    for block in &home.sections {
        let id = format!("home-{}", block.section.slug);
        open(o, "section", &[("class", Some("home-section")), ("aria-labelledby", Some(&id))]);
        open(o, "h2", &[("class", Some("section-heading")), ("id", Some(&id))]);
        route_link_text(o, ctx, &format!("/rovat/{}", block.section.slug), None, &block.section.name);
        close(o, "h2");
        open(o, "div", &[("class", Some("article-list"))]);
        for a in &block.articles {
            card(o, ctx, a, false, false, false);
        }
        close(o, "div");
        close(o, "section");
    }
}

pub fn section(o: &mut String, ctx: &Ctx, p: &SectionPage) {
    let base = format!("/rovat/{}", p.section.slug);
    open(o, "header", &[("class", Some("list-header"))]);
    if let Some(par) = &p.parent {
        open(o, "p", &[("class", Some("eyebrow"))]);
        route_link_text(o, ctx, &format!("/rovat/{}", par.slug), None, &par.name);
        close(o, "p");
    }
    el(o, "h1", &[], &p.section.name);
    if !p.children.is_empty() {
        open(o, "nav", &[("class", Some("subsections")), ("aria-label", Some(s::SUBSECTIONS))]);
        o.push_str("<ul>");
        for c in &p.children {
            o.push_str("<li>");
            route_link_text(o, ctx, &format!("/rovat/{}", c.slug), None, &c.name);
            o.push_str("</li>");
        }
        o.push_str("</ul>");
        close(o, "nav");
    }
    close(o, "header");
    article_list(o, ctx, &p.list, false, |n| list_url(&base, n));
}

pub fn tag(o: &mut String, ctx: &Ctx, p: &TagPage) {
    let base = format!("/cimke/{}", p.tag.slug);
    open(o, "header", &[("class", Some("list-header"))]);
    el(o, "p", &[("class", Some("eyebrow"))], s::TAG_LABEL);
    el(o, "h1", &[("class", Some("tag-title"))], &p.tag.name);
    close(o, "header");
    article_list(o, ctx, &p.list, false, |n| list_url(&base, n));
}

pub fn author(o: &mut String, ctx: &Ctx, p: &AuthorPage) {
    let base = format!("/szerzo/{}", p.author.slug);
    open(o, "header", &[("class", Some("list-header author-header"))]);
    if let Some(a) = url::safe_image(&p.author.avatar) {
        open(
            o,
            "img",
            &[
                ("class", Some("avatar avatar-large")),
                ("src", Some(a)),
                ("alt", Some("")),
                ("width", Some("96")),
                ("height", Some("96")),
            ],
        );
    }
    o.push_str("<div>");
    el(o, "h1", &[], &p.author.name);
    el(o, "p", &[("class", Some("bio"))], &p.author.bio);
    o.push_str("</div>");
    close(o, "header");
    article_list(o, ctx, &p.list, false, |n| list_url(&base, n));
}

pub fn static_page(o: &mut String, p: &StaticPage) {
    open(o, "article", &[("class", Some("static-page"))]);
    el(o, "h1", &[], &p.title);
    open(o, "div", &[("class", Some("article-body"))]);
    blocks(o, &p.body);
    close(o, "div");
    close(o, "article");
}

/// The search page before the reader has typed anything (routes/search.rs).
pub fn search(o: &mut String) {
    open(o, "section", &[("class", Some("search-page"))]);
    el(o, "h1", &[], s::SEARCH_TITLE);
    el(o, "p", &[], s::SEARCH_EMPTY);
    close(o, "section");
}

/// components/status.rs `NotFoundBody`.
pub fn not_found(o: &mut String, ctx: &Ctx) {
    open(o, "section", &[("class", Some("not-found"))]);
    el(o, "p", &[("class", Some("eyebrow"))], "404");
    el(o, "h1", &[], s::NOT_FOUND_TITLE);
    el(o, "p", &[], s::NOT_FOUND_TEXT);
    o.push_str("<p>");
    route_link_text(o, ctx, "/", None, s::BACK_HOME);
    o.push_str("</p>");
    close(o, "section");
}

fn share_buttons(o: &mut String, title: &str, page_url: &str) {
    use super::share_urls::{email_url, facebook_url, x_url};
    let (fb, x, mail) = (facebook_url(page_url), x_url(title, page_url), email_url(title, page_url, s::EMAIL_BODY_INTRO));
    open(o, "div", &[("class", Some("share")), ("role", Some("group")), ("aria-label", Some(s::SHARE))]);
    for (class, href, label, glyph, new_tab) in [
        ("share-button share-facebook", &fb, s::SHARE_FACEBOOK, "facebook", true),
        ("share-button share-x", &x, s::SHARE_X, "x", true),
        ("share-button share-email", &mail, s::SHARE_EMAIL, "email", false),
    ] {
        open(
            o,
            "a",
            &[
                ("class", Some(class)),
                ("href", Some(href)),
                ("target", new_tab.then_some("_blank")),
                ("rel", new_tab.then_some("noopener noreferrer")),
                ("aria-label", Some(label)),
                ("title", Some(label)),
            ],
        );
        icon(o, glyph);
        close(o, "a");
    }
    for (class, label, glyph) in [
        ("share-button share-print", s::SHARE_PRINT, "print"),
        ("share-button share-copy", s::SHARE_COPY, "link"),
    ] {
        open(
            o,
            "button",
            &[("class", Some(class)), ("type", Some("button")), ("aria-label", Some(label)), ("title", Some(label))],
        );
        icon(o, glyph);
        close(o, "button");
    }
    // The native share button exists only where the browser offers `navigator.share`: unknown here.
    el(o, "span", &[("class", Some("share-status")), ("role", Some("status")), ("aria-live", Some("polite"))], "");
    close(o, "div");
}

fn author_line(o: &mut String, ctx: &Ctx, a: &model::Author) {
    open(o, "p", &[("class", Some("author-line"))]);
    route_link(o, ctx, &format!("/szerzo/{}", a.slug), Some("author-link"), &[], |o| {
        if let Some(src) = url::safe_image(&a.avatar) {
            open(
                o,
                "img",
                &[("class", Some("avatar")), ("src", Some(src)), ("alt", Some("")), ("width", Some("40")), ("height", Some("40"))],
            );
        }
        el(o, "span", &[("class", Some("author-name"))], &a.name);
    });
    close(o, "p");
}

fn font_size_controls(o: &mut String) {
    open(o, "div", &[("class", Some("font-size")), ("role", Some("group")), ("aria-label", Some(s::FONT_SIZE))]);
    for (class, label, glyph, disabled) in [
        ("font-smaller", s::FONT_SMALLER, "A-", false),
        ("font-reset", s::FONT_RESET, "A", true),
        ("font-larger", s::FONT_LARGER, "A+", false),
    ] {
        el(
            o,
            "button",
            &[
                ("class", Some(class)),
                ("type", Some("button")),
                ("aria-label", Some(label)),
                ("disabled", disabled.then_some("")),
            ],
            glyph,
        );
    }
    el(
        o,
        "span",
        &[("class", Some("visually-hidden")), ("role", Some("status")), ("aria-live", Some("polite"))],
        &format!("{} 100 %", s::FONT_SIZE_NOW),
    );
    close(o, "div");
}

/// routes/article.rs. The reading-progress bar is there but `hidden`: its width comes from a
/// `style` the CSP would refuse in markup, and a reader without JavaScript has no use for it.
pub fn article(o: &mut String, ctx: &Ctx, a: &Article) {
    let page_url = format!("{}{}", ctx.site.base_url, a.path);
    open(o, "div", &[("class", Some("reading-progress")), ("aria-hidden", Some("true")), ("hidden", Some(""))]);
    close(o, "div");
    open(o, "article", &[("class", Some("article"))]);
    open(o, "header", &[("class", Some("article-header"))]);
    open(o, "p", &[("class", Some("article-section"))]);
    if let Some(p) = &a.parent_section {
        route_link_text(o, ctx, &format!("/rovat/{}", p.slug), None, &p.name);
        o.push_str(" / ");
    }
    route_link_text(o, ctx, &format!("/rovat/{}", a.section.slug), None, &a.section.name);
    close(o, "p");
    el(o, "h1", &[("class", Some("article-title"))], &a.title);
    open(o, "div", &[("class", Some("article-meta"))]);
    el(
        o,
        "time",
        &[("class", Some("article-date")), ("datetime", Some(&a.published.to_rfc3339()))],
        &date::short(&a.published),
    );
    author_line(o, ctx, &a.author);
    share_buttons(o, &a.title, &page_url);
    close(o, "div");
    close(o, "header");
    if let Some(cover) = &a.cover {
        figure(o, cover, true);
    }
    open(o, "div", &[("class", Some("article-text"))]);
    el(o, "p", &[("class", Some("article-lead"))], &a.lead);
    open(o, "div", &[("class", Some("article-body"))]);
    blocks(o, &a.body);
    close(o, "div");
    if let Some(src) = &a.source {
        open(o, "p", &[("class", Some("article-source"))]);
        texts(o, &["(", src, ")"]);
        close(o, "p");
    }
    if let Some(c) = a.cover.as_ref().and_then(|c| c.credit.as_ref()) {
        open(o, "p", &[("class", Some("cover-credit"))]);
        texts(o, &[s::COVER_CREDIT, " ", c]);
        close(o, "p");
    }
    close(o, "div");
    open(o, "nav", &[("class", Some("article-tags")), ("aria-label", Some(s::TAGS))]);
    open(o, "ul", &[("class", Some("tag-list"))]);
    for t in &a.tags {
        o.push_str("<li>");
        route_link_text(o, ctx, &format!("/cimke/{}", t.slug), Some("tag"), &t.name);
        o.push_str("</li>");
    }
    close(o, "ul");
    close(o, "nav");
    open(o, "footer", &[("class", Some("article-footer"))]);
    author_line(o, ctx, &a.author);
    open(o, "p", &[("class", Some("published"))]);
    texts(o, &[s::PUBLISHED, " "]);
    el(o, "time", &[("datetime", Some(&a.published.to_rfc3339()))], &date::with_time(&a.published));
    if let Some(u) = &a.updated {
        texts(o, &[" · ", s::UPDATED, " "]);
        el(o, "time", &[("datetime", Some(&u.to_rfc3339()))], &date::with_time(u));
    }
    close(o, "p");
    font_size_controls(o);
    share_buttons(o, &a.title, &page_url);
    close(o, "footer");
    close(o, "article");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_links_follow_leptos_router() {
        assert!(is_active_for("/", "/"));
        assert!(!is_active_for("/", "/rovat/belfold"));
        assert!(is_active_for("/rovat/belfold", "/rovat/belfold"));
        assert!(is_active_for("/rovat/belfold", "/rovat/belfold/2"));
        assert!(!is_active_for("/rovat/belfold", "/rovat/belfoldi"));
        assert!(!is_active_for("/rovat/belfold", "/rovat"));
        assert!(!is_active_for("/rovat/belfold", "/belfold/2024/01/01/x"));
    }

    #[test]
    fn text_and_attributes_cannot_open_tags_or_leave_quotes() {
        let mut o = String::new();
        text(&mut o, "</p><script>x</script> & ");
        assert_eq!(o, "&lt;/p&gt;&lt;script&gt;x&lt;/script&gt; &amp; ");
        let mut o = String::new();
        open(&mut o, "a", &[("title", Some("\"' onmouseover=x <b>")), ("hidden", Some("")), ("x", None)]);
        assert_eq!(o, "<a title=\"&quot;&#39; onmouseover=x &lt;b&gt;\" hidden>");
    }

    #[test]
    fn countdown_parts() {
        assert_eq!(remaining(90_061_000, 0), Some([1, 1, 1, 1]));
        assert_eq!(remaining(0, 0), None);
    }
}
