//! Progress bars on the editor's terminal (indicatif), for the work the library reports
//! (`press::progress`). They appear only once the run has gone on for [`REVEAL_AFTER`], so a
//! quick run prints nothing but its summary; each is cleared when its work ends, so the
//! summary stands alone; and there are none at all when stderr is not a terminal (CI, a pipe,
//! a service's journal) or with `-q`.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use press::progress::{Observer, Progress, Work};

/// Work shorter than this shows no progress.
const REVEAL_AFTER: Duration = Duration::from_secs(1);
/// How often the bars are redrawn and `press site`'s file count read.
const TICK: Duration = Duration::from_millis(100);

/// The progress handle for this run: bars when stderr is a terminal and not `quiet`, else none.
pub fn progress(quiet: bool) -> Progress {
    if quiet || !std::io::stderr().is_terminal() {
        return Progress::none();
    }
    let bars: &'static Bars = Box::leak(Box::new(Bars::new()));
    std::thread::spawn(move || loop {
        std::thread::sleep(TICK);
        bars.tick();
    });
    Progress::to(bars)
}

/// The bars of the work under way.
struct Bars {
    multi: MultiProgress,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    bars: HashMap<Work, ProgressBar>,
    /// When the first work of this process began.
    since: Option<Instant>,
    shown: bool,
    /// press site's files staged when its work began (see `press::output::files_staged`).
    pages_base: Option<u64>,
}

impl Bars {
    fn new() -> Self {
        Bars { multi: MultiProgress::with_draw_target(ProgressDrawTarget::hidden()), state: Mutex::default() }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A bar for `work`, made when first needed.
    fn bar(&self, state: &mut State, work: Work, total: Option<u64>) -> ProgressBar {
        state
            .bars
            .entry(work)
            .or_insert_with(|| {
                let bar = self.multi.add(ProgressBar::new(total.unwrap_or(0)));
                bar.set_style(style(work, total.is_some()));
                bar.set_prefix(work.label());
                bar
            })
            .clone()
    }

    /// Shows the bars once the work has lasted long enough; follows press site's file count.
    fn tick(&self) {
        let mut state = self.state();
        if let (Some(base), Some(bar)) = (state.pages_base, state.bars.get(&Work::Pages)) {
            bar.set_position(press::output::files_staged().saturating_sub(base));
        }
        if !state.shown && state.since.is_some_and(|t| t.elapsed() >= REVEAL_AFTER) {
            state.shown = true;
            self.multi.set_draw_target(ProgressDrawTarget::stderr());
        }
        for bar in state.bars.values() {
            bar.tick();
        }
    }
}

fn style(work: Work, counted: bool) -> ProgressStyle {
    // Counts and seconds only: a rate with four decimals is noise to an editor.
    let template = match (work, counted) {
        (Work::Index, _) => "{spinner} press: {prefix:<14} {elapsed}",
        (_, true) => "{spinner} press: {prefix:<14} [{bar:32}] {human_pos}/{human_len}  {elapsed}",
        (_, false) => "{spinner} press: {prefix:<14} {human_pos}  {elapsed}",
    };
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
}

impl Observer for Bars {
    fn begin(&self, work: Work, total: Option<u64>) {
        let mut state = self.state();
        state.since.get_or_insert_with(Instant::now);
        match work {
            // Most runs encode no photo: its bar comes when the first one starts.
            Work::Photos => {}
            Work::Pages => {
                state.pages_base = Some(press::output::files_staged());
                self.bar(&mut state, work, total);
            }
            _ => {
                self.bar(&mut state, work, total);
            }
        }
    }

    fn advance(&self, work: Work, n: u64) {
        let mut state = self.state();
        self.bar(&mut state, work, None).inc(n);
    }

    fn end(&self, work: Work) {
        let mut state = self.state();
        if let Some(bar) = state.bars.remove(&work) {
            bar.finish_and_clear();
            self.multi.remove(&bar);
        }
        if work == Work::Pages {
            state.pages_base = None;
        }
        // The clock of [`REVEAL_AFTER`] keeps running between two pieces of work: a run is
        // long or not as a whole, and a bar that vanished would hide that it goes on.
        if state.bars.is_empty() && state.shown {
            let _ = self.multi.clear();
        }
    }
}
