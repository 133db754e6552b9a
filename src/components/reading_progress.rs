//! A thin bar at the top of an article showing how far the reader has scrolled.

use leptos::prelude::*;

fn scrolled_fraction() -> f64 {
    let Some(w) = web_sys::window() else { return 0.0 };
    let Some(el) = w.document().and_then(|d| d.document_element()) else { return 0.0 };
    let max = (el.scroll_height() - el.client_height()) as f64;
    if max <= 0.0 {
        1.0
    } else {
        (w.scroll_y().unwrap_or(0.0) / max).clamp(0.0, 1.0)
    }
}

/// `scaleX(0.1234)` built from integers: formatting an f64 pulls in ~10 KB of float printing.
fn scale_x(f: f64) -> String {
    let n = (f.clamp(0.0, 1.0) * 10_000.0) as u32;
    format!("scaleX({}.{:04})", n / 10_000, n % 10_000)
}

/// The width is set through the element's style object, never as a `style` attribute: the
/// prerendered markup carries no inline style, which a strict CSP would refuse.
#[component]
pub fn ReadingProgress() -> impl IntoView {
    let bar = NodeRef::<leptos::html::Div>::new();
    let update = move || {
        // `try_`: the frame may come after the article has been left and the bar disposed.
        if let Some(el) = bar.try_get_untracked().flatten() {
            let _ = web_sys::HtmlElement::style(&el).set_property("transform", &scale_x(scrolled_fraction()));
        }
    };
    // In the next frame, where the page is laid out anyway: read at once, the scroll height
    // forced the style and layout of the whole page inside the takeover's task that builds the
    // article (34-75 ms in Lighthouse traces, the article's longest task).
    Effect::new(move |_| {
        bar.track();
        request_animation_frame(update);
    });
    let handle = window_event_listener(leptos::ev::scroll, move |_| update());
    on_cleanup(move || handle.remove());
    // Decorative: the scroll position is already known to assistive technology.
    view! { <div class="reading-progress" aria-hidden="true" node_ref=bar></div> }
}
