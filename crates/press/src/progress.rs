//! Progress of long work, reported to whoever wants it: the library says what it counts
//! ([`Work`]) and the command line draws it (a terminal's progress bars, see `press`'s
//! `term` module). The default, [`Progress::none`], does nothing, so tests, `press serve` and
//! other callers never pay for or see it.
//!
//! A [`Progress`] is a copyable handle (it lives in [`crate::source::LoadOptions`], which is
//! `Copy`), so the observer behind it is `'static`: a command line makes one per process.

use std::fmt;

/// What is being counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Work {
    /// Article sources read and checked (the total is known).
    Articles,
    /// Photos resized and encoded (cached ones are not counted; the total is not known).
    Photos,
    /// The lookups over all articles (lists, tags, related articles), before any file.
    Index,
    /// Files of the JSON tree rendered and compared or written.
    Files,
    /// Files of `press site` staged (pages, feeds, sitemaps).
    Pages,
}

impl Work {
    pub fn label(self) -> &'static str {
        match self {
            Work::Articles => "articles",
            Work::Photos => "photos encoded",
            Work::Index => "indexing",
            Work::Files => "JSON files",
            Work::Pages => "site files",
        }
    }
}

/// Receives progress. Called from several threads at once.
pub trait Observer: Send + Sync {
    /// `work` starts, with `total` steps when known.
    fn begin(&self, work: Work, total: Option<u64>);
    /// `n` more steps of `work` are done.
    fn advance(&self, work: Work, n: u64);
    /// `work` is over (also when it failed).
    fn end(&self, work: Work);
}

/// A handle to an observer, or to none.
#[derive(Clone, Copy, Default)]
pub struct Progress(Option<&'static dyn Observer>);

impl Progress {
    /// Reports nothing.
    pub const fn none() -> Self {
        Progress(None)
    }

    pub const fn to(observer: &'static dyn Observer) -> Self {
        Progress(Some(observer))
    }

    pub fn is_none(&self) -> bool {
        self.0.is_none()
    }

    pub fn begin(&self, work: Work, total: Option<u64>) {
        if let Some(o) = self.0 {
            o.begin(work, total);
        }
    }

    pub fn advance(&self, work: Work, n: u64) {
        if let Some(o) = self.0 {
            o.advance(work, n);
        }
    }

    pub fn end(&self, work: Work) {
        if let Some(o) = self.0 {
            o.end(work);
        }
    }

    /// Runs `f` between `begin` and `end` of `work`.
    pub fn during<T>(&self, work: Work, total: Option<u64>, f: impl FnOnce() -> T) -> T {
        self.begin(work, total);
        let out = f();
        self.end(work);
        out
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() { "Progress(observed)" } else { "Progress(none)" })
    }
}

/// Two handles are equal when they report to the same observer (or both to none).
impl PartialEq for Progress {
    fn eq(&self, other: &Self) -> bool {
        match (self.0, other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => std::ptr::addr_eq(a as *const dyn Observer, b as *const dyn Observer),
            _ => false,
        }
    }
}

impl Eq for Progress {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[derive(Default)]
    struct Log(Mutex<Vec<String>>);

    impl Observer for Log {
        fn begin(&self, work: Work, total: Option<u64>) {
            self.0.lock().unwrap().push(format!("begin {} {total:?}", work.label()));
        }
        fn advance(&self, work: Work, n: u64) {
            self.0.lock().unwrap().push(format!("+{n} {}", work.label()));
        }
        fn end(&self, work: Work) {
            self.0.lock().unwrap().push(format!("end {}", work.label()));
        }
    }

    #[test]
    fn a_handle_reports_to_its_observer_and_none_reports_nowhere() {
        let log: &'static Log = Box::leak(Box::default());
        let p = Progress::to(log);
        p.during(Work::Articles, Some(2), || p.advance(Work::Articles, 2));
        Progress::none().advance(Work::Files, 1);
        assert_eq!(*log.0.lock().unwrap(), ["begin articles Some(2)", "+2 articles", "end articles"]);
        assert_eq!(p, Progress::to(log));
        assert_ne!(p, Progress::none());
    }
}
