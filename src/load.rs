//! The app's own resource: the latest answer of an async load, kept while the next one loads.
//!
//! leptos's `LocalResource` does this with an async-derived signal whose machinery is
//! instantiated per value and per future type: about 23 KB of the wasm for the app's four
//! resources (twiggy). A `Load` is a signal, an effect and `spawn_local`.
//!
//! Like a resource, the loader runs inside the effect: what it reads is tracked (a change loads
//! again), and what it registers with `on_cleanup` (the fetch's abort, `api::fetch_json`) runs
//! when the next load starts. An answer that arrives after a newer load started is dropped, so a
//! slow answer never replaces a newer one.

use leptos::prelude::*;
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

pub struct Load<T: Send + Sync + 'static> {
    value: RwSignal<Option<T>>,
    again: Trigger,
}

impl<T: Send + Sync + 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Load<T> {}

impl<T: Send + Sync + 'static> Load<T> {
    /// Starts `loader`'s future now and again whenever what it read changes (or on `reload`).
    pub fn new<F: Future<Output = T> + 'static>(loader: impl Fn() -> F + 'static) -> Self {
        let value = RwSignal::new(None);
        let again = Trigger::new();
        let latest = Rc::new(Cell::new(0u32));
        Effect::new(move |_| {
            again.track();
            let answer = loader();
            let n = latest.get().wrapping_add(1);
            latest.set(n);
            let latest = Rc::clone(&latest);
            leptos::task::spawn_local(async move {
                let answer = answer.await;
                if latest.get() == n {
                    value.set(Some(answer));
                }
            });
        });
        Self { value, again }
    }

    /// Loads again (a retry), keeping the current answer until the new one arrives.
    pub fn reload(&self) {
        self.again.notify();
    }

    /// The latest answer (tracked); `None` until the first one arrives.
    pub fn get(&self) -> Option<T>
    where
        T: Clone,
    {
        self.value.get()
    }

    pub fn with<R>(&self, f: impl FnOnce(&Option<T>) -> R) -> R {
        self.value.with(f)
    }
}
