use crate::components::status::NotFoundBody;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <NotFoundBody/> }
}
