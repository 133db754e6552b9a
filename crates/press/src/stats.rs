//! Measuring press itself: phase timings (printed when `PRESS_TIMINGS` is set) and the peak
//! resident memory (`press build --stats`), so benchmarks need no external tools.

use std::sync::OnceLock;
use std::time::Instant;

/// Whether `PRESS_TIMINGS` is set (to anything but `0` or empty).
pub fn timings_enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var("PRESS_TIMINGS").is_ok_and(|v| !v.is_empty() && v != "0"))
}

/// Prints `press: <phase> <seconds>` to stderr after each phase, when timings are enabled.
pub struct Phases {
    start: Instant,
    last: Instant,
}

impl Default for Phases {
    fn default() -> Self {
        Self::new()
    }
}

impl Phases {
    pub fn new() -> Self {
        let now = Instant::now();
        Phases { start: now, last: now }
    }

    pub fn lap(&mut self, phase: &str) {
        let now = Instant::now();
        if timings_enabled() {
            eprintln!(
                "press: timing {phase:<12} {:>8.3} s  (total {:.3} s, cpu {:.1} s, rss {} MiB, peak {} MiB)",
                (now - self.last).as_secs_f64(),
                (now - self.start).as_secs_f64(),
                cpu_seconds().unwrap_or(0.0),
                status_kib("VmRSS:").unwrap_or(0) / 1024,
                status_kib("VmHWM:").unwrap_or(0) / 1024,
            );
        }
        self.last = now;
    }
}

/// The process's peak resident set size in KiB (`VmHWM` of /proc/self/status), where known.
pub fn peak_rss_kib() -> Option<u64> {
    status_kib("VmHWM:")
}

/// User plus system CPU time of the process so far, in seconds (from /proc/self/stat).
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may contain spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn peak_rss_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            let kib = super::peak_rss_kib().unwrap();
            assert!(kib > 100, "{kib}");
        }
    }
}
