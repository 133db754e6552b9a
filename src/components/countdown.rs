//! "Választási visszaszámláló": days, hours, minutes and seconds to the target time.

use crate::browser;
use crate::erased::Erase;
use crate::strings as s;
use leptos::prelude::*;
use model::Countdown;

/// Whole days, hours, minutes, seconds left from `now_ms` to `target_ms`; `None` once passed.
pub fn remaining(target_ms: i64, now_ms: i64) -> Option<[i64; 4]> {
    let left = (target_ms - now_ms) / 1000;
    if left <= 0 {
        return None;
    }
    Some([left / 86_400, left / 3600 % 24, left / 60 % 60, left % 60])
}

/// Hours, minutes and seconds always take two digits: a centred number that went from "10" to
/// "9" would move, and every tick would be a layout shift (CLS) while the page is open.
fn digits(unit: usize, n: i64) -> String {
    if unit == 0 {
        n.to_string()
    } else {
        format!("{n:02}")
    }
}

/// A fixed clock for every countdown below it (component tests).
#[derive(Clone, Copy)]
pub struct Clock(pub Signal<i64>);

/// How press renders every countdown below it. A prerendered page is served for days and must
/// not change with the clock (a publish rewrites only the pages whose content changed), so it
/// carries no numbers, only whether the time has come; the app fills the numbers in.
#[derive(Clone, Copy)]
pub struct Prerendered {
    pub passed: bool,
}

/// The digits' stand-in on a prerendered page, as wide as two digits so nothing moves when the
/// app's numbers replace it.
pub const NO_NUMBER: &str = "––";

#[component]
pub fn CountdownBox(
    countdown: Countdown,
    /// The clock, in Unix milliseconds. Tests pass a fixed one (or provide a [`Clock`]); by
    /// default it ticks each second.
    #[prop(optional, into)]
    now: Option<Signal<i64>>,
) -> impl IntoView {
    let prerendered = use_context::<Prerendered>();
    let now = now.or_else(|| use_context::<Clock>().map(|c| c.0)).unwrap_or_else(|| {
        let t = RwSignal::new(browser::now_ms());
        // Ticks in the browser only: natively the page is rendered once, at press's clock.
        #[cfg(feature = "csr")]
        if let Ok(h) = set_interval_with_handle(move || t.set(browser::now_ms()), std::time::Duration::from_secs(1)) {
            on_cleanup(move || h.clear());
        }
        t.into()
    });
    let target = countdown.target.timestamp_millis();
    let left = move || match prerendered {
        Some(Prerendered { passed: false }) => Some([0; 4]),
        Some(Prerendered { passed: true }) => None,
        None => remaining(target, now.get()),
    };
    let labels = [s::COUNTDOWN_DAYS, s::COUNTDOWN_HOURS, s::COUNTDOWN_MINUTES, s::COUNTDOWN_SECONDS];
    let title = countdown.title.clone();
    let after = countdown.after.clone();
    // The units are built once and only their numbers follow the clock; the erased branch
    // changes once, when the time has come (an erased view is rebuilt whole, ADR 0013).
    let running = Memo::new(move |_| left().is_some());
    let body = move || {
        if running.get() {
            view! {
                <ol class="countdown-units">
                    {labels.into_iter().enumerate().map(|(i, label)| view! {
                        <li>
                            <span class="countdown-number">{move || match prerendered {
                                Some(_) => NO_NUMBER.to_owned(),
                                None => left().map(|parts| digits(i, parts[i])).unwrap_or_default(),
                            }}</span>
                            " "<span class="countdown-label">{label}</span>
                        </li>
                    }).collect_view()}
                </ol>
            }
            .erase()
        } else {
            view! { <p class="countdown-after">{after.clone()}</p> }.erase()
        }
    };
    let heading = match countdown.href.filter(|h| model::url::safe_link(h).is_some()) {
        Some(h) => view! { <h2 id="countdown-title"><a href=h>{title}</a></h2> }.erase(),
        None => view! { <h2 id="countdown-title">{title}</h2> }.erase(),
    };
    view! {
        <section class="countdown" aria-labelledby="countdown-title">
            {heading}
            // Not a live region: announcing every second would drown a screen reader.
            <time datetime=countdown.target.to_rfc3339()>{body}</time>
        </section>
    }
}
