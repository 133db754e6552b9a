//! "Maradjon velünk!", sections, popular tags, copyright and the legal menu.

use crate::components::{aria_current_live, icons::icon};
use crate::erased::Erase;
use crate::strings as s;
use leptos::prelude::*;
use model::{paths, url, Site};

#[component]
pub fn Footer(site: Site) -> impl IntoView {
    let Site { name, motto, footer_sections, legal, social, popular_tags, copyright_from, copyright_to, .. } = site;
    view! {
        <footer class="site-footer">
            <section class="footer-social" aria-labelledby="footer-social-title">
                <h2 id="footer-social-title">{s::STAY_WITH_US}</h2>
                <ul class="social-links">
                    {social.into_iter().filter(|l| url::safe_link(&l.href).is_some()).map(|l| view! {
                        <li>
                            <a href=l.href rel="noopener noreferrer" aria-label=l.label.clone() title=l.label>
                                {icon(&l.network)}
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <nav class="footer-sections" aria-labelledby="footer-sections-title">
                <h2 id="footer-sections-title">{s::FOOTER_SECTIONS}</h2>
                <ul>
                    {footer_sections.into_iter().map(|l| view! {
                        <li><a href=l.href.clone() aria-current=aria_current_live(l.href)>{l.label}</a></li>
                    }).collect_view()}
                </ul>
            </nav>
            <nav class="footer-tags" aria-labelledby="footer-tags-title">
                <h2 id="footer-tags-title">{s::POPULAR_TAGS}</h2>
                <ul class="tag-list">
                    {popular_tags.into_iter().map(|t| {
                        let href = paths::tag(&t.slug);
                        view! { <li><a href=href.clone() class="tag" aria-current=aria_current_live(href)>{t.name}</a></li> }
                    }).collect_view()}
                </ul>
            </nav>
            <div class="footer-legal">
                <p class="copyright">{format!("© {copyright_from}-{copyright_to} {name} /{motto}/")}</p>
                <nav aria-label=s::LEGAL_MENU>
                    <ul class="legal-menu">
                        {legal.into_iter().filter(|l| url::safe_link(&l.href).is_some()).map(|l| {
                            if l.href.starts_with('/') {
                                view! { <li><a href=l.href.clone() aria-current=aria_current_live(l.href)>{l.label}</a></li> }.erase()
                            } else {
                                view! { <li><a href=l.href rel="noopener">{l.label}</a></li> }.erase()
                            }
                        }).collect_view()}
                    </ul>
                </nav>
            </div>
        </footer>
    }
}
