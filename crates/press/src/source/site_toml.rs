//! `site.toml`: the site's identity, the sections (the menu tree), footer, social and legal
//! links, the countdown; and the check, once everything is loaded, that its links lead somewhere.

use std::collections::HashMap;
use std::path::Path;

use model::paths::Route;
use model::slug::slugify;
use model::{Countdown, Link, SocialLink, StaticPage};
use serde::Deserialize;
use toml::Spanned;

use super::corpus::{SectionInfo, SiteConfig, GATHERED_NAME, GATHERED_SLUG, SOCIAL_NETWORKS};
use super::front_matter::{FileText, Stamp};
use super::loaded::LoadedArticle;
use super::loader::Loader;
use crate::error::Diagnostic;

fn default_menu_inline() -> usize {
    4
}
fn default_popular_tags() -> usize {
    24
}
fn default_popular_window_days() -> u32 {
    365
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteToml {
    name: String,
    tagline: String,
    motto: String,
    base_url: Spanned<String>,
    copyright_from: i32,
    #[serde(default = "default_menu_inline")]
    menu_inline: usize,
    #[serde(default = "default_popular_tags")]
    popular_tags: usize,
    #[serde(default = "default_popular_window_days")]
    popular_window_days: u32,
    #[serde(default)]
    sections: Vec<SectionToml>,
    #[serde(default)]
    footer_sections: Vec<LinkToml>,
    #[serde(default)]
    social: Vec<SocialToml>,
    #[serde(default)]
    legal: Vec<LinkToml>,
    countdown: Option<CountdownToml>,
    /// `press pull`'s mapping (crates/cms, docs/CMS.md): read there, only allowed here.
    #[serde(default, rename = "pull")]
    _pull: Option<toml::Table>,
    /// `press publish`'s deploy command (src/publish, docs/PUBLISHING.md): read there.
    #[serde(default, rename = "publish")]
    _publish: Option<toml::Table>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionToml {
    slug: Spanned<String>,
    name: String,
    #[serde(default)]
    children: Vec<ChildSectionToml>,
}

/// Sub-sections cannot have children of their own: one level, as the menu.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChildSectionToml {
    slug: Spanned<String>,
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkToml {
    label: String,
    href: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SocialToml {
    network: Spanned<String>,
    label: String,
    href: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountdownToml {
    title: String,
    target: Stamp,
    after: String,
    href: Option<Spanned<String>>,
}

impl Loader {
    pub(super) fn load_site(&mut self, path: &Path) -> Option<(SiteConfig, Vec<SectionInfo>)> {
        let text = self.read(path)?;
        let ft = FileText::new(path, &text, 0);
        let raw: SiteToml = match toml::from_str(&text) {
            Ok(raw) => raw,
            Err(e) => {
                self.error(ft.toml_error(&e, "site.toml"));
                return None;
            }
        };
        let diags_before = self.diags.len();

        self.check_base_url(&ft, &raw.base_url);
        let sections = self.site_sections(&ft, &raw.sections);
        let footer_sections: Vec<Link> = raw
            .footer_sections
            .iter()
            .map(|l| Link { label: l.label.clone(), href: self.check_href(&ft, &l.href) })
            .collect();
        let legal: Vec<Link> =
            raw.legal.iter().map(|l| Link { label: l.label.clone(), href: self.check_href(&ft, &l.href) }).collect();
        let social = self.social_links(&ft, &raw.social);
        let countdown = raw.countdown.as_ref().map(|c| Countdown {
            title: c.title.clone(),
            target: c.target.0,
            after: c.after.clone(),
            href: c.href.as_ref().map(|h| self.check_href(&ft, h)),
        });

        let config = SiteConfig {
            name: raw.name,
            tagline: raw.tagline,
            motto: raw.motto,
            base_url: raw.base_url.into_inner(),
            copyright_from: raw.copyright_from,
            menu_inline: raw.menu_inline,
            popular_tags: raw.popular_tags,
            popular_window_days: raw.popular_window_days,
            footer_sections,
            legal,
            social,
            countdown,
        };
        (!self.has_errors_since(diags_before)).then_some((config, sections))
    }

    fn check_base_url(&mut self, ft: &FileText<'_>, base_url: &Spanned<String>) {
        let base = base_url.get_ref();
        let base_ok = (base.starts_with("https://") || base.starts_with("http://"))
            && !base.ends_with('/')
            && base.len() > "https://".len();
        if !base_ok {
            self.error(ft.error_at(
                base_url,
                format!("base_url `{base}`: expected an absolute http(s) origin without a trailing slash"),
            ));
        }
    }

    /// The menu tree flattened: each section directly followed by its children; every slug
    /// checked (a slug, not the gathered section's, used once).
    fn site_sections(&mut self, ft: &FileText<'_>, written: &[SectionToml]) -> Vec<SectionInfo> {
        let mut sections = Vec::new();
        let mut seen: HashMap<String, ()> = HashMap::new();
        let mut check_slug = |this: &mut Self, slug: &Spanned<String>| {
            let s = slug.get_ref();
            if slugify(s) != *s || s.is_empty() {
                this.error(ft.error_at(slug, format!("section slug `{s}` is not a slug; expected `{}`", slugify(s))));
            } else if s == GATHERED_SLUG {
                this.error(ft.error_at(
                    slug,
                    format!("section slug `{s}` is reserved for the gathered \"{GATHERED_NAME}\" section"),
                ));
            } else if seen.insert(s.clone(), ()).is_some() {
                this.error(ft.error_at(slug, format!("section slug `{s}` is used twice")));
            }
        };
        for sec in written {
            check_slug(self, &sec.slug);
            for child in &sec.children {
                check_slug(self, &child.slug);
            }
            sections.push(SectionInfo {
                slug: sec.slug.get_ref().clone(),
                name: sec.name.clone(),
                parent: None,
                children: sec.children.iter().map(|c| c.slug.get_ref().clone()).collect(),
            });
            for child in &sec.children {
                sections.push(SectionInfo {
                    slug: child.slug.get_ref().clone(),
                    name: child.name.clone(),
                    parent: Some(sec.slug.get_ref().clone()),
                    children: Vec::new(),
                });
            }
        }
        sections
    }

    fn social_links(&mut self, ft: &FileText<'_>, written: &[SocialToml]) -> Vec<SocialLink> {
        let mut social = Vec::new();
        for s in written {
            if !SOCIAL_NETWORKS.contains(&s.network.get_ref().as_str()) {
                self.error(ft.error_at(
                    &s.network,
                    format!(
                        "unknown social network `{}`, expected one of {}",
                        s.network.get_ref(),
                        SOCIAL_NETWORKS.join(", ")
                    ),
                ));
            }
            let href = self.check_href(ft, &s.href);
            social.push(SocialLink { network: s.network.get_ref().clone(), label: s.label.clone(), href });
        }
        social
    }

    fn check_href(&mut self, ft: &FileText<'_>, href: &Spanned<String>) -> String {
        if href.get_ref().starts_with('/') {
            self.site_links.push((href.get_ref().clone(), ft.pos(href.span().start)));
        }
        if model::url::safe_link(href.get_ref()).is_none() {
            self.error(ft.error_at(
                href,
                format!("link `{}` is not allowed (use http, https, mailto, tel or a site path)", href.get_ref()),
            ));
        }
        href.get_ref().clone()
    }

    /// Footer, legal and countdown links to pages, sections or tags that do not exist: warnings.
    pub(super) fn check_site_links(
        &mut self,
        site_path: &Path,
        sections: &[SectionInfo],
        pages: &[StaticPage],
        articles: &[LoadedArticle],
    ) {
        for (href, pos) in std::mem::take(&mut self.site_links) {
            let missing = match Route::parse(&href) {
                Route::StaticPage { slug } => !pages.iter().any(|p| p.slug == slug),
                Route::Section { slug, .. } => slug != GATHERED_SLUG && !sections.iter().any(|s| s.slug == slug),
                Route::Tag { slug, .. } => !articles.iter().any(|a| a.article.tags.iter().any(|t| t.slug == slug)),
                _ => false,
            };
            if missing {
                self.diags.push(
                    Diagnostic::warning(site_path, format!("link `{href}` leads to nothing that exists")).at(pos),
                );
            }
        }
    }
}
