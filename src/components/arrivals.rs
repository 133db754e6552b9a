//! What a followed page shows of what arrived (`follow`): the "3 új bejegyzés" / "3 új cikk"
//! control, the one polite announcement per batch, and the count in the tab's title while
//! the tab is hidden.
//!
//! The control is fixed to the bottom of the window, so showing it moves nothing on the page;
//! what it shows is inserted when the reader asks, and a shift the reader caused is not one
//! they did not expect.

use leptos::prelude::*;

/// The arrivals of one followed page: how many wait to be shown, and what was last announced.
#[derive(Clone, Copy)]
pub struct Arrivals {
    /// Arrived and not shown yet: the control's number.
    pub waiting: RwSignal<usize>,
    /// Arrived since the tab was last visible: the title's number.
    unseen: RwSignal<usize>,
    announcement: RwSignal<String>,
}

impl Arrivals {
    /// New arrivals for the current page; the title's count goes when the page does.
    pub fn new() -> Self {
        let arrivals = Arrivals {
            waiting: RwSignal::new(0),
            unseen: RwSignal::new(0),
            announcement: RwSignal::new(String::new()),
        };
        #[cfg(feature = "csr")]
        {
            let unseen = arrivals.unseen;
            let handle = window_event_listener(leptos::ev::visibilitychange, move |_| {
                if !crate::browser::page_hidden() {
                    unseen.set(0);
                }
                crate::browser::title_count(unseen.get_untracked());
            });
            on_cleanup(move || {
                handle.remove();
                crate::browser::title_count(0);
            });
        }
        arrivals
    }

    /// `n` items arrived: say so once, and count them in the title while the tab is hidden.
    pub fn arrived(&self, n: usize, announcement: String) {
        if n == 0 {
            return;
        }
        self.announcement.set(announcement);
        if crate::browser::page_hidden() {
            self.unseen.update(|u| *u += n);
            crate::browser::title_count(self.unseen.get_untracked());
        }
    }
}

impl Default for Arrivals {
    fn default() -> Self {
        Self::new()
    }
}

/// Takes the reader to element `id`, where what they asked for was put: after the frame that
/// shows it, since scrolled before, the browser's scroll anchoring would keep what was in view
/// where it was and put the new items above the window.
#[cfg_attr(not(feature = "csr"), allow(unused_variables))]
pub fn scroll_to_arrivals(id: &'static str) {
    #[cfg(feature = "csr")]
    request_animation_frame(move || {
        if let Some(el) = crate::browser::element_by_id::<web_sys::HtmlElement>(id) {
            el.scroll_into_view();
        }
    });
}

/// The fixed control that shows what is waiting (`label` of the number), and the page's polite
/// announcement of each batch. Nothing while nothing waits.
#[component]
pub fn ArrivalsControl(arrivals: Arrivals, label: fn(usize) -> String, show: Callback<()>) -> impl IntoView {
    let waiting = arrivals.waiting;
    view! {
        {move || (waiting.get() > 0).then(|| view! {
            <button type="button" class="arrivals-button" on:click=move |_| show.run(())>
                <span aria-hidden="true">"↑ "</span>{label(waiting.get())}
            </button>
        })}
        // Nothing rather than an empty text: the server renderer writes that as a space.
        // A reader who keeps a followed page open for a minute wants what arrives: the app
        // comes then (boot.js), and with it the following.
        <p class="visually-hidden" aria-live="polite" data-app-after="60">{move || Some(arrivals.announcement.get()).filter(|t| !t.is_empty())}</p>
    }
}
