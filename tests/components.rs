//! Component tests in a real headless Chromium (wasm-bindgen-test): each mounts one component
//! into the document and asserts what a reader would see or get.
#![cfg(target_arch = "wasm32")]

use hirlap::browser::STEPS;
use hirlap::components::{countdown::CountdownBox, font_size::FontSizeControls, share_buttons::ShareButtons};
use hirlap::erased::Erase;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh container in the body, so tests do not see each other's output.
fn container() -> web_sys::HtmlElement {
    let el: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).text_content().unwrap_or_default()
}

fn countdown(target: &str) -> model::Countdown {
    model::Countdown {
        title: "Választási visszaszámláló".into(),
        target: chrono::DateTime::parse_from_rfc3339(target).unwrap(),
        after: "Megnyíltak a szavazókörök.".into(),
        href: None,
    }
}

#[wasm_bindgen_test]
async fn countdown_shows_days_hours_minutes_seconds_and_ticks_with_its_clock() {
    let root = container();
    let target = chrono::DateTime::parse_from_rfc3339("2030-04-07T06:00:00+02:00").unwrap();
    // 1 day, 2 hours, 3 minutes, 4 seconds before the target.
    let (days, hours, minutes, seconds) = (1, 2, 3, 4);
    let start = target.timestamp_millis() - (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
    let (now, set_now) = signal(start);
    let c = countdown("2030-04-07T06:00:00+02:00");
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <CountdownBox countdown=c now=now/> });
    assert_eq!(text(&root, "h2"), "Választási visszaszámláló");
    let numbers = |r: &web_sys::HtmlElement| {
        let list = r.query_selector_all(".countdown-number").unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap()).collect::<Vec<_>>()
    };
    assert_eq!(numbers(&root), ["1", "02", "03", "04"]);
    assert_eq!(text(&root, ".countdown-units"), "1 nap02 óra03 perc04 másodperc");

    // A tick changes the numbers only: the units stay the same nodes, so a reader selecting
    // the text, or a screen reader resting on it, keeps their place.
    let units = root.query_selector(".countdown-units").unwrap().unwrap();
    set_now.set(start + 1000);
    leptos::task::tick().await;
    assert_eq!(numbers(&root), ["1", "02", "03", "03"]);
    assert!(units.is_connected(), "the units were rebuilt on a tick");

    set_now.set(target.timestamp_millis() + 1);
    leptos::task::tick().await;
    assert!(root.query_selector(".countdown-units").unwrap().is_none());
    assert_eq!(text(&root, ".countdown-after"), "Megnyíltak a szavazókörök.");
}

#[wasm_bindgen_test]
async fn font_size_controls_step_through_sizes_and_disable_at_the_ends() {
    let root = container();
    web_sys::window().unwrap().local_storage().unwrap().unwrap().remove_item("hirlap-font-step").unwrap();
    let _handle = leptos::mount::mount_to(root.clone(), || view! { <FontSizeControls/> });
    let button =
        |sel: &str| -> web_sys::HtmlButtonElement { root.query_selector(sel).unwrap().unwrap().unchecked_into() };
    let html = document().document_element().unwrap();

    assert!(!button(".font-smaller").disabled());
    for _ in 0..STEPS.len() {
        button(".font-larger").click();
        leptos::task::tick().await;
    }
    assert!(button(".font-larger").disabled(), "A+ is disabled at the largest size");
    assert_eq!(html.get_attribute("data-font-step").as_deref(), Some("5"));
    assert_eq!(text(&root, "[role=status]"), format!("Betűméret: {} %", STEPS[5]));
    let stored = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("hirlap-font-step").unwrap();
    assert_eq!(stored.as_deref(), Some("5"));

    for _ in 0..STEPS.len() {
        button(".font-smaller").click();
        leptos::task::tick().await;
    }
    assert!(button(".font-smaller").disabled(), "A- is disabled at the smallest size");
    assert_eq!(html.get_attribute("data-font-step").as_deref(), Some("0"));

    button(".font-reset").click();
    leptos::task::tick().await;
    assert_eq!(html.get_attribute("data-font-step").as_deref(), Some("1"));
    assert!(button(".font-reset").disabled());
}

#[wasm_bindgen_test]
fn share_buttons_link_to_the_encoded_article_url_and_title() {
    let root = container();
    let url = "https://civilhetes.example/belfold/2024/03/15/arviz-a-dunan";
    let title = "Árvíz a Dunán: „készültség” & kitelepítés?";
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <ShareButtons title=title.to_string() url=url.to_string()/> },
    );
    let href = |sel: &str| root.query_selector(sel).unwrap().unwrap().get_attribute("href").unwrap();
    let enc = |s: &str| String::from(js_sys::encode_uri_component(s));

    assert_eq!(href(".share-facebook"), format!("https://www.facebook.com/sharer/sharer.php?u={}", enc(url)));
    assert_eq!(href(".share-x"), format!("https://x.com/intent/tweet?text={}&url={}", enc(title), enc(url)));
    assert_eq!(
        href(".share-email"),
        format!("mailto:?subject={}&body={}", enc(title), enc(&format!("Ezt a cikket ajánlom:\n{title}\n\n{url}")))
    );
    for (sel, name) in [
        (".share-facebook", "Megosztás a Facebookon"),
        (".share-x", "Megosztás az X-en (Twitteren)"),
        (".share-email", "Küldés e-mailben"),
        (".share-print", "Nyomtatás"),
        (".share-copy", "Link másolása"),
    ] {
        assert_eq!(root.query_selector(sel).unwrap().unwrap().get_attribute("aria-label").as_deref(), Some(name));
    }
}

/// Resolves in a later task of the browser, after every timer queued before it.
async fn next_task() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_takeover_builds_later_parts_in_later_tasks_and_shows_the_app_only_when_whole() {
    use hirlap::components::later::{begin, later};
    let doc = document();
    let pre = container();
    pre.set_id("prerender");
    let app = container();
    app.set_id("app");
    app.set_hidden(true);
    begin();
    let _handle = leptos::mount::mount_to(app.clone(), || {
        view! {
            <p class="first">"Első"</p>
            {later(Box::new(|| view! {
                <p class="second">"Második"</p>
                {later(Box::new(|| view! { <p class="third">"Harmadik"</p> }.erase()))}
            }.erase()))}
        }
    });
    leptos::task::tick().await;
    assert!(app.query_selector(".first").unwrap().is_some(), "the first part is built in the takeover's own task");
    assert!(app.query_selector(".second").unwrap().is_none(), "a later part waits for a task of its own");
    let mut tasks = 0;
    while doc.get_element_by_id("prerender").is_some() {
        assert!(app.hidden(), "the app stays hidden while the prerendered page is shown");
        assert!(tasks < 20, "the app was never revealed");
        next_task().await;
        tasks += 1;
    }
    assert!(tasks >= 2, "the parts took {tasks} tasks, not one each");
    assert!(!app.hidden());
    assert_eq!(app.text_content().unwrap(), "ElsőMásodikHarmadik", "revealed whole");

    // Once revealed (a client-side navigation), a later part is built at once.
    let more = container();
    let _more = leptos::mount::mount_to(more.clone(), || later(Box::new(|| view! { <p>"Azonnal"</p> }.erase())));
    assert_eq!(more.text_content().unwrap(), "Azonnal");
    app.remove_attribute("id").unwrap();
}

#[wasm_bindgen_test]
async fn an_erased_view_is_replaced_where_it_stands_even_after_showing_nothing() {
    let root = container();
    let shown = RwSignal::new(1u8);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <p>"Előtte "</p>
            {move || match shown.get() {
                0 => ().erase(),
                1 => view! { <p class="part">"egy "</p> }.erase(),
                _ => view! { <p class="part">"kettő "</p> }.erase(),
            }}
            <p>"utána"</p>
        }
    });
    let text = || root.text_content().unwrap();
    assert_eq!(text(), "Előtte egy utána");
    let first = root.query_selector(".part").unwrap().unwrap();
    for (n, expected) in [
        (2, "Előtte kettő utána"),
        (0, "Előtte utána"),
        (1, "Előtte egy utána"),
        (0, "Előtte utána"),
        (2, "Előtte kettő utána"),
    ] {
        shown.set(n);
        leptos::task::tick().await;
        assert_eq!(text(), expected, "after showing view {n}");
    }
    assert!(!first.is_connected(), "the first view's node left the page");
    assert_eq!(root.query_selector_all(".part").unwrap().length(), 1);
}

#[wasm_bindgen_test]
async fn a_load_keeps_the_newest_answer_even_when_an_older_one_arrives_later() {
    use hirlap::load::Load;
    // Mounting sets up the browser's task executor, which the load's effect runs on.
    let _mounted = leptos::mount::mount_to(container(), || ());
    let owner = Owner::new();
    owner.set();
    let key = RwSignal::new(1u32);
    let loads = RwSignal::new(0u32);
    // The answer for key 1 is slow (three tasks), every other answer comes at once.
    let load = Load::new(move || {
        let k = key.get();
        loads.update(|n| *n += 1);
        async move {
            if k == 1 {
                for _ in 0..3 {
                    next_task().await;
                }
            }
            k * 10
        }
    });
    leptos::task::tick().await;
    assert_eq!(load.get(), None, "nothing before the first answer");
    key.set(2);
    for _ in 0..6 {
        next_task().await;
    }
    assert_eq!(load.get(), Some(20), "the slow answer for key 1 arrived last and was dropped");
    assert_eq!(loads.get_untracked(), 2);
    load.reload();
    for _ in 0..2 {
        next_task().await;
    }
    assert_eq!(loads.get_untracked(), 3, "reload loads again");
    assert_eq!(load.get(), Some(20));
}
