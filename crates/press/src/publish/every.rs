//! `press publish --every`: a run at every interval, as a service. A run starts an interval
//! after the previous one started (sooner when it took longer), so a scheduled article goes
//! out within one interval of its time plus one run. A failed run (the CMS down, a broken
//! article) leaves the last good site and is retried sooner: after 1 s, 2 s, 4 s … up to the
//! interval. Setting `stop` (SIGTERM) ends the loop between two steps of a run or during the wait.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::{run, PublishOptions, RunReport};

/// How often the wait looks at `stop`.
const TICK: Duration = Duration::from_millis(50);

/// Runs [`run`] until `stop` is set, calling `on_run` after each run.
pub fn every(
    opts: &PublishOptions,
    interval: Duration,
    stop: &AtomicBool,
    notice: &dyn Fn(String),
    mut on_run: impl FnMut(&RunReport),
) {
    // A service always waits for a run started by hand, and publishes at the clock's time.
    let opts = PublishOptions { wait: true, now: None, ..opts.clone() };
    let mut failures = 0u32;
    while !stop.load(Ordering::Relaxed) {
        let started = Instant::now();
        let report = run(&opts, stop, notice);
        on_run(&report);
        let wait = if report.ok() || report.stopped {
            failures = 0;
            interval.saturating_sub(started.elapsed())
        } else {
            failures += 1;
            let delay = retry_delay(failures, interval);
            notice(format!("press publish: retrying in {:.1} s", delay.as_secs_f64()));
            delay
        };
        sleep_unless_stopped(wait, stop);
    }
}

/// The wait before retry `failures` (1, 2, …): 1 s doubled each time, never longer than the
/// interval.
pub fn retry_delay(failures: u32, interval: Duration) -> Duration {
    let doubled =
        Duration::from_secs(1).saturating_mul(1u32.checked_shl(failures.saturating_sub(1)).unwrap_or(u32::MAX));
    doubled.min(interval)
}

fn sleep_unless_stopped(wait: Duration, stop: &AtomicBool) {
    let until = Instant::now() + wait;
    while !stop.load(Ordering::Relaxed) {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return;
        }
        std::thread::sleep(left.min(TICK));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_up_to_the_interval() {
        let s = |n| retry_delay(n, Duration::from_secs(30)).as_secs();
        assert_eq!([s(1), s(2), s(3), s(4), s(5), s(6), s(40)], [1, 2, 4, 8, 16, 30, 30]);
        assert_eq!(retry_delay(3, Duration::from_millis(500)), Duration::from_millis(500));
    }
}
