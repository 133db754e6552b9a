//! A live blog's entries below its introduction: the "Élő" status or when the coverage ended,
//! the pinned entries ("Kiemelt"), and the timeline, newest first, each entry with its anchor,
//! its time as its permalink and its share links.
//!
//! In the browser a running blog follows its document (`follow`): new entries go straight to
//! the top while the timeline's top is below the window (nothing in view moves), else they
//! wait behind the "N új bejegyzés" control; an edited entry is replaced where it is; the
//! coverage's end stops the following.

use crate::components::arrivals::{scroll_to_arrivals, Arrivals, ArrivalsControl};
use crate::components::blocks::BodyBlocks;
use crate::components::keyed::{Keyed, KeyedList};
use crate::erased::Erase;
use crate::share_urls::{facebook_url, x_url};
use crate::strings as s;
use leptos::prelude::*;
use model::{date, Live, LiveEntry, Timestamp};

/// The timeline's element id: where the control takes the reader.
const TIMELINE_ID: &str = "live-entries";

/// An entry as the page shows it: `rev` changes when the entry is edited, so the timeline
/// rebuilds it in place.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    rev: u32,
    entry: LiveEntry,
}

/// What a newer version of the document does to the page.
#[derive(Debug, PartialEq)]
pub struct Merged {
    /// The timeline: the entries shown before, edited ones replaced, deleted ones gone.
    pub shown: Vec<Shown>,
    /// Entries not shown yet, newest first.
    pub waiting: Vec<LiveEntry>,
    /// How many of `waiting` are new since the last version.
    pub arrived: usize,
}

/// Folds `fetched` (newest first) into what the page shows; `next_rev` numbers edited entries.
pub fn merge(shown: &[Shown], waiting: &[LiveEntry], fetched: &[LiveEntry], next_rev: &mut u32) -> Merged {
    let find = |id: &str| fetched.iter().find(|e| e.id == id);
    let shown: Vec<Shown> = shown
        .iter()
        .filter_map(|s| {
            let now = find(&s.entry.id)?;
            Some(if *now == s.entry {
                s.clone()
            } else {
                *next_rev += 1;
                Shown { rev: *next_rev, entry: now.clone() }
            })
        })
        .collect();
    let new: Vec<LiveEntry> = fetched.iter().filter(|e| !shown.iter().any(|s| s.entry.id == e.id)).cloned().collect();
    let arrived = new.iter().filter(|e| !waiting.iter().any(|w| w.id == e.id)).count();
    Merged { shown, waiting: new, arrived }
}

/// `waiting` put into the timeline `shown`, newest first. Both are newest first already: a
/// merge, without a sort's code in the wasm.
pub fn insert(shown: &mut Vec<Shown>, waiting: Vec<LiveEntry>) {
    let old = std::mem::take(shown);
    let mut old = old.into_iter().peekable();
    for entry in waiting {
        while let Some(s) = old.next_if(|s| s.entry.time > entry.time) {
            shown.push(s);
        }
        shown.push(Shown { rev: 0, entry });
    }
    shown.extend(old);
}

/// The blog of the article at `url` (absolute, for share links) called `title`; `document` is
/// its content path, followed while the coverage runs.
#[component]
pub fn LiveBlog(live: Live, title: String, url: String, document: String) -> impl IntoView {
    let Live { ended, entries } = live;
    let ended = RwSignal::new(ended);
    let shown = RwSignal::new(entries.into_iter().map(|entry| Shown { rev: 0, entry }).collect::<Vec<_>>());
    let waiting = RwSignal::new(Vec::<LiveEntry>::new());
    let arrivals = Arrivals::new();
    let running = ended.get_untracked().is_none();
    if running {
        follow_entries(document, shown, waiting, ended, arrivals);
    }
    let show = Callback::new(move |_| {
        shown.update(|s| insert(s, waiting.try_update(std::mem::take).unwrap_or_default()));
        arrivals.waiting.set(0);
        scroll_to_arrivals(TIMELINE_ID);
    });
    let (pinned_title, pinned_url) = (title.clone(), url.clone());
    let pinned = move || {
        shown.with(|all| {
            all.iter()
                .filter(|s| s.entry.pinned)
                .map(|s| entry_view(s.entry.clone(), &pinned_title, &pinned_url, true))
                .collect_view()
        })
    };
    let entry_url = url;
    let entry_title = StoredValue::new(title);
    view! {
        <section class="live" aria-label=s::LIVE_TIMELINE>
            {move || status(ended.get())}
            <div class="live-pinned-list">{pinned}</div>
            <ol class="live-entries" id=TIMELINE_ID>
                <KeyedList items=Signal::derive(move || shown.with(|all| all.iter().map(|s| timeline_item(s, entry_title, &entry_url)).collect()))/>
            </ol>
            {running.then(|| view! { <ArrivalsControl arrivals label=s::new_entries show/> })}
        </section>
    }
}

/// An entry of the timeline, keyed by its anchor and revision: an edit rebuilds it in place.
fn timeline_item(s: &Shown, blog_title: StoredValue<String>, blog_url: &str) -> Keyed {
    let (entry, url) = (s.entry.clone(), blog_url.to_owned());
    Keyed::new(format!("{}#{}", s.entry.id, s.rev), move || {
        view! { <li class="live-item">{entry_view(entry.clone(), &blog_title.get_value(), &url, false)}</li> }.erase()
    })
}

/// "Élő" while the coverage runs, when it ended once it has.
fn status(ended: Option<Timestamp>) -> impl IntoView {
    match ended {
        None => view! {
            <p class="live-status"><span class="live-label">{s::LIVE}</span>" "{s::LIVE_RUNNING}</p>
        }
        .erase(),
        Some(at) => view! {
            <p class="live-status live-ended">
                {s::LIVE_ENDED}" "<time datetime=at.to_rfc3339()>{date::with_time(&at)}</time>
            </p>
        }
        .erase(),
    }
}

/// One entry: in the timeline with its anchor, or (`pinned_box`) as a copy in the "Kiemelt" box
/// whose time links to its place in the timeline.
fn entry_view(entry: LiveEntry, blog_title: &str, blog_url: &str, pinned_box: bool) -> impl IntoView {
    let LiveEntry { id, time, title, pinned, body } = entry;
    let permalink = format!("{blog_url}#{id}");
    let share_title = match &title {
        Some(t) => format!("{t} – {blog_title}"),
        None => blog_title.to_owned(),
    };
    let anchor = format!("#{id}");
    let label = format!("{} {}", s::LIVE_ENTRY_LINK, date::with_time(&time));
    view! {
        <article class="live-entry" class:live-pinned=pinned_box id=(!pinned_box).then_some(id)>
            <p class="live-entry-meta">
                <a class="live-time" href=anchor aria-label=label>
                    <time datetime=time.to_rfc3339()>{date::clock(&time)}</time>
                </a>
                {pinned.then(|| view! { " "<span class="live-pin">{s::LIVE_PINNED}</span> })}
            </p>
            {title.map(|t| view! { <h2 class="live-entry-title">{t}</h2> })}
            <div class="live-entry-body"><BodyBlocks blocks=body/></div>
            <p class="live-share">
                <a href=facebook_url(&permalink) target="_blank" rel="noopener noreferrer">{s::SHARE_FACEBOOK}</a>
                " · "
                <a href=x_url(&share_title, &permalink) target="_blank" rel="noopener noreferrer">{s::SHARE_X}</a>
            </p>
        </article>
    }
}

/// Follows the blog's document while its coverage runs.
fn follow_entries(
    document: String,
    shown: RwSignal<Vec<Shown>>,
    waiting: RwSignal<Vec<LiveEntry>>,
    ended: RwSignal<Option<Timestamp>>,
    arrivals: Arrivals,
) {
    let mut next_rev = 0u32;
    let changed = move |doc: model::json::Value| {
        let Some(article) = <model::Article as model::json::FromJson>::from_json(&doc) else { return true };
        let was_live = article.live.is_some();
        let live = article.live.unwrap_or_default();
        let merged = shown.with_untracked(|s| waiting.with_untracked(|w| merge(s, w, &live.entries, &mut next_rev)));
        let Merged { shown: mut now, waiting: new, arrived } = merged;
        let direct = !new.is_empty() && timeline_below_window();
        if direct {
            insert(&mut now, new);
            arrivals.waiting.set(0);
            waiting.set(Vec::new());
        } else {
            arrivals.waiting.set(new.len());
            waiting.set(new);
        }
        if shown.with_untracked(|s| *s != now) {
            shown.set(now);
        }
        arrivals.arrived(arrived, s::arrived_entries(arrived));
        // An article that stopped being a live blog has ended too.
        let end = if was_live { live.ended } else { Some(article.updated.unwrap_or(article.published)) };
        if end.is_some() {
            ended.set(end);
        }
        end.is_none()
    };
    crate::follow::follow(document, crate::follow::LIVE_EVERY_MS, Box::new(changed));
}

/// Whether the timeline starts below the window: entries put at its top then move nothing the
/// reader sees.
fn timeline_below_window() -> bool {
    #[cfg(feature = "csr")]
    {
        let Some(w) = web_sys::window() else { return false };
        let height = w.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
        crate::browser::element_by_id::<web_sys::Element>(TIMELINE_ID)
            .is_some_and(|el| el.get_bounding_client_rect().top() >= height)
    }
    #[cfg(not(feature = "csr"))]
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Block, Span};

    fn entry(id: &str, minute: u32, text: &str) -> LiveEntry {
        LiveEntry {
            id: id.into(),
            time: model::date::parse_rfc3339(&format!("2026-12-05T22:{minute:02}:00+01:00")).unwrap(),
            title: None,
            pinned: false,
            body: vec![Block::Paragraph { spans: vec![Span::plain(text)] }],
        }
    }

    #[test]
    fn new_entries_wait_edited_ones_change_in_place_and_deleted_ones_go() {
        let shown: Vec<Shown> = vec![entry("b", 20, "B"), entry("a", 10, "A"), entry("x", 5, "X")]
            .into_iter()
            .map(|entry| Shown { rev: 0, entry })
            .collect();
        let fetched = vec![entry("c", 30, "C"), entry("b", 20, "B javítva"), entry("a", 10, "A")];
        let mut rev = 0;
        let m = merge(&shown, &[], &fetched, &mut rev);
        let ids: Vec<(&str, u32)> = m.shown.iter().map(|s| (s.entry.id.as_str(), s.rev)).collect();
        assert_eq!(ids, [("b", 1), ("a", 0)]);
        assert_eq!(m.shown[0].entry, fetched[1]);
        assert_eq!((m.waiting.len(), m.arrived), (1, 1));
        // The same version again: nothing new arrives, the waiting entry still waits.
        let again = merge(&m.shown, &m.waiting, &fetched, &mut rev);
        assert_eq!((again.waiting.len(), again.arrived, &again.shown), (1, 0, &m.shown));
        let mut now = again.shown;
        insert(&mut now, again.waiting);
        let ids: Vec<&str> = now.iter().map(|s| s.entry.id.as_str()).collect();
        assert_eq!(ids, ["c", "b", "a"]);
        // An entry the editor dated back goes to its place, not to the top.
        insert(&mut now, vec![entry("d", 40, "D"), entry("e", 15, "E")]);
        let ids: Vec<&str> = now.iter().map(|s| s.entry.id.as_str()).collect();
        assert_eq!(ids, ["d", "c", "b", "e", "a"]);
    }
}
