//! "Maradjon velünk!", sections, popular tags, copyright and the legal menu.

use crate::strings as s;
use leptos::prelude::*;
use leptos_router::components::A;
use model::{url, Site};

/// Simple outline icons, drawn here so no icon font or third-party script is loaded.
fn social_icon(network: &str) -> &'static str {
    match network {
        "instagram" => "M7 2h10a5 5 0 0 1 5 5v10a5 5 0 0 1-5 5H7a5 5 0 0 1-5-5V7a5 5 0 0 1 5-5zm5 5a5 5 0 1 0 0 10 5 5 0 0 0 0-10zm6-1.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z",
        "facebook" => "M14 8h3V4h-3a4 4 0 0 0-4 4v2H7v4h3v8h4v-8h3l1-4h-4V8z",
        "twitter" => "M4 4l7 9-7 7h2l6-6 5 6h4l-7-9 7-7h-2l-6 6-5-6H4z",
        "youtube" => "M2 8a3 3 0 0 1 3-3h14a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3H5a3 3 0 0 1-3-3V8zm8 1v6l5-3-5-3z",
        _ => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm-4 6h8v6H8V9z",
    }
}

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
                                <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
                                    <path d=social_icon(&l.network)/>
                                </svg>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <nav class="footer-sections" aria-labelledby="footer-sections-title">
                <h2 id="footer-sections-title">{s::FOOTER_SECTIONS}</h2>
                <ul>
                    {footer_sections.into_iter().map(|l| view! { <li><A href=l.href>{l.label}</A></li> }).collect_view()}
                </ul>
            </nav>
            <nav class="footer-tags" aria-labelledby="footer-tags-title">
                <h2 id="footer-tags-title">{s::POPULAR_TAGS}</h2>
                <ul class="tag-list">
                    {popular_tags.into_iter().map(|t| view! {
                        <li><A href=format!("/cimke/{}", t.slug) attr:class="tag">{t.name}</A></li>
                    }).collect_view()}
                </ul>
            </nav>
            <div class="footer-legal">
                <p class="copyright">{format!("© {copyright_from}-{copyright_to} {name} /{motto}/")}</p>
                <nav aria-label=s::LEGAL_MENU>
                    <ul class="legal-menu">
                        {legal.into_iter().filter(|l| url::safe_link(&l.href).is_some()).map(|l| {
                            if l.href.starts_with('/') {
                                view! { <li><A href=l.href>{l.label}</A></li> }.into_any()
                            } else {
                                view! { <li><a href=l.href rel="noopener">{l.label}</a></li> }.into_any()
                            }
                        }).collect_view()}
                    </ul>
                </nav>
            </div>
        </footer>
    }
}
