//! Any path no route knows: the 404 view.

use crate::components::{head::Head, status::NotFoundBody};
use crate::meta;
use leptos::prelude::*;

#[component]
pub fn NotFoundRoute() -> impl IntoView {
    view! { <Head meta=meta::not_found()/><NotFoundBody/> }
}
