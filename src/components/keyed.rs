//! The app's one keyed list: leptos's `<For>` once, over views identified by a key.
//!
//! Each `<For>` over another item type, or with other closures, is another copy of the keyed
//! diff in the wasm. Every list whose items come and go while the page is open (the cards of a
//! list that grows, a live blog's entries) goes through this one, its items erased.

use crate::erased::Erased;
use leptos::prelude::*;
use std::sync::Arc;

/// One item: its key (stable while the item is the same) and how to build its view.
#[derive(Clone)]
pub struct Keyed {
    pub key: String,
    pub view: Arc<dyn Fn() -> Erased + Send + Sync>,
}

impl Keyed {
    pub fn new(key: String, view: impl Fn() -> Erased + Send + Sync + 'static) -> Self {
        Keyed { key, view: Arc::new(view) }
    }
}

/// The items in order; an item whose key stays keeps its DOM, a new key is built, a gone one
/// is removed.
#[component]
pub fn KeyedList(items: Signal<Vec<Keyed>>) -> impl IntoView {
    view! { <For each=move || items.get() key=|k: &Keyed| k.key.clone() children=|k: Keyed| (k.view)()/> }
}
