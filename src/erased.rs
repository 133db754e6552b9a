//! One type for views of different types (a route's page, a block, a branch of a `match`).
//!
//! In the browser this is [`Erased`], the app's own: it builds its view and, when the closure
//! that made it runs again, builds the new view and replaces the old one. leptos's `AnyView`
//! instead diffs a new view of the same type into the old DOM, and that diffing code is
//! generated for every erased type, keeping alive the diffing code of every type inside it:
//! 36 KB gzip of the wasm (ADR 0013). Nothing the app erases is worth diffing: a new
//! page, a new search state or a new block is new content. What changes often (the countdown's
//! numbers) is a closure inside an erased view, not an erased branch.
//!
//! press renders on the server with leptos's `AnyView` (`ssr`), which writes the same markup.

#[cfg(not(feature = "csr"))]
use leptos::prelude::{AnyView, IntoAny};

#[cfg(not(feature = "csr"))]
pub type Erased = AnyView;

/// `.erase()` where leptos would say `.into_any()`.
pub trait Erase {
    fn erase(self) -> Erased;
}

#[cfg(not(feature = "csr"))]
impl<T: IntoAny> Erase for T {
    fn erase(self) -> Erased {
        self.into_any()
    }
}

#[cfg(feature = "csr")]
pub use dom::{Erased, ErasedState};

#[cfg(feature = "csr")]
mod dom {
    use super::Erase;
    use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
    use leptos::tachys::hydration::Cursor;
    use leptos::tachys::renderer::types;
    use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};

    /// A view of any type, built on demand; replaced, never diffed, when it changes.
    pub struct Erased(Box<dyn FnOnce() -> ErasedState + Send>);

    /// What an [`Erased`] view built. Every view leaves a node where it stands, even one that
    /// shows nothing (`()` builds a comment), so the view replacing it knows where to go.
    pub struct ErasedState(Box<dyn Mountable>);

    impl<T: Render + Send + 'static> Erase for T {
        fn erase(self) -> Erased {
            Erased(Box::new(move || ErasedState(Box::new(self.build()))))
        }
    }

    impl Render for Erased {
        type State = ErasedState;

        fn build(self) -> ErasedState {
            (self.0)()
        }

        fn rebuild(self, state: &mut ErasedState) {
            let mut new = self.build();
            state.0.insert_before_this(&mut new);
            state.0.unmount();
            *state = new;
        }
    }

    impl Mountable for ErasedState {
        fn unmount(&mut self) {
            self.0.unmount();
        }

        fn mount(&mut self, parent: &types::Element, marker: Option<&types::Node>) {
            self.0.mount(parent, marker);
        }

        fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
            self.0.insert_before_this(child)
        }

        fn elements(&self) -> Vec<types::Element> {
            self.0.elements()
        }
    }

    // Spread attributes (`{..}`, `attr:`) are not used on erased views; they would be dropped.
    leptos::tachys::no_attrs!(Erased);

    /// The browser build renders to the DOM only: press (`ssr`) writes HTML with `AnyView`, and
    /// the app never hydrates (it takes over, docs/adr/0003).
    impl RenderHtml for Erased {
        type AsyncOutput = Self;
        type Owned = Self;
        const MIN_LENGTH: usize = 0;

        fn dry_resolve(&mut self) {}

        async fn resolve(self) -> Self {
            self
        }

        fn to_html_with_buf(self, _: &mut String, _: &mut Position, _: bool, _: bool, _: Vec<AnyAttribute>) {}

        fn hydrate<const FROM_SERVER: bool>(self, _: &Cursor, _: &PositionState) -> ErasedState {
            self.build()
        }

        fn into_owned(self) -> Self {
            self
        }
    }
}
