//! "A-" / "A+" controls for the article text. The step is stored in localStorage and put on
//! `<html data-font-step>` by index.html's inline head script before the first paint, so a
//! returning reader sees no jump.

use crate::browser::{self, DEFAULT_STEP, STEPS};
use crate::strings as s;
use leptos::prelude::*;

fn apply(step: usize) {
    if let Some(html) = browser::document_element() {
        let _ = html.set_attribute("data-font-step", &step.to_string());
    }
    if let Some(st) = browser::local_storage() {
        let _ = st.set_item(browser::FONT_STEP_KEY, &step.to_string());
    }
}

/// The step is shared by the controls at the top and bottom of an article.
#[derive(Clone, Copy)]
pub struct FontStep(pub RwSignal<usize>);

pub fn provide_font_step() -> FontStep {
    let step = FontStep(RwSignal::new(browser::font_step()));
    provide_context(step);
    step
}

#[component]
pub fn FontSizeControls() -> impl IntoView {
    let step = use_context::<FontStep>().unwrap_or_else(provide_font_step).0;
    let set = move |i: usize| {
        step.set(i);
        apply(i);
    };
    let last = STEPS.len() - 1;
    view! {
        <div class="font-size" role="group" aria-label=s::FONT_SIZE>
            <button type="button" class="font-smaller" aria-label=s::FONT_SMALLER
                disabled=move || step.get() == 0
                on:click=move |_| set(step.get_untracked().saturating_sub(1))>"A-"</button>
            <button type="button" class="font-reset" aria-label=s::FONT_RESET
                disabled=move || step.get() == DEFAULT_STEP
                on:click=move |_| set(DEFAULT_STEP)>"A"</button>
            <button type="button" class="font-larger" aria-label=s::FONT_LARGER
                disabled=move || step.get() == last
                on:click=move |_| set((step.get_untracked() + 1).min(last))>"A+"</button>
            <span class="visually-hidden" role="status" aria-live="polite">
                {move || format!("{} {} %", s::FONT_SIZE_NOW, STEPS[step.get()])}
            </span>
        </div>
    }
}
