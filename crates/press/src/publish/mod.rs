//! `press publish`: pull (when site.toml's `[pull]` names a CMS) → build into `<dist>/content`
//! → the public folder's new files into `<dist>/public` → site into `<dist>` → a deploy hook
//! that gets the files changed and removed, all under a lock so two runs never overlap
//! (docs/PUBLISHING.md). [`run`] is one run; [`every::every`] runs it as a service.
//!
//! Each step is all or nothing (press build and press site stage their output and move it in
//! at the end), so a run that fails or is stopped between two steps leaves a working site: the
//! last good one, or the new JSON with the last good pages. The change lists are kept beside
//! `<dist>` after every step ([`lists`]), so what a stopped or failed run changed still reaches
//! the next deploy.

mod config;
pub mod every;
mod hook;
mod inputs;
pub mod lists;
pub mod lock;
mod public;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

pub use config::{deploy_command, PullConfig};
pub use lists::Lists;
pub use lock::LockError;

use crate::progress::{Progress, Work};
use crate::site::SiteError;
use crate::{BuildError, Diagnostic};

/// Exit code of a run that did not wait for another one's lock (`--no-wait`): sysexits'
/// "temporary failure, try again later".
pub const EXIT_BUSY: u8 = 75;

/// What one run does.
#[derive(Debug, Clone)]
pub struct PublishOptions {
    pub content: PathBuf,
    pub public: PathBuf,
    pub dist: PathBuf,
    /// The pull to run first (see [`PullConfig`]).
    pub pull: PullConfig,
    /// A shell command run after the site is written (see [`hook`]), or none.
    pub deploy: Option<String>,
    /// Hand the hook every file of `<dist>`, not only the changed ones (a first deploy).
    pub deploy_all: bool,
    /// Wait for another run's lock (`false`: fail at once with [`LockError::Busy`]).
    pub wait: bool,
    /// The time that decides which articles are published; `None`: the clock when the run
    /// starts (a service's every run).
    pub now: Option<DateTime<Utc>>,
    pub progress: Progress,
}

/// One step of a run, as the log line shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub name: &'static str,
    pub elapsed: Duration,
    /// Counts, e.g. `3 written, 1 removed`.
    pub detail: String,
}

/// Why a run failed.
#[derive(Debug)]
pub enum Failure {
    Lock(LockError),
    /// The pull failed; the run went on with the sources as the last pull left them.
    Pull(String),
    Build(BuildError),
    Site(SiteError),
    /// Copying public files or keeping the change lists failed.
    Files(std::io::Error),
    Deploy(String),
}

impl Failure {
    /// The step it happened in.
    pub fn step(&self) -> &'static str {
        match self {
            Failure::Lock(_) => "lock",
            Failure::Pull(_) => "pull",
            Failure::Build(_) => "build",
            Failure::Site(_) => "site",
            Failure::Files(_) => "files",
            Failure::Deploy(_) => "deploy",
        }
    }

    /// The diagnostics to print, file:line first (build and site).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Failure::Build(e) => e.diagnostics(),
            Failure::Site(e) => e.diagnostics(),
            _ => &[],
        }
    }

    /// One line saying what went wrong (beyond the diagnostics).
    pub fn message(&self) -> String {
        match self {
            Failure::Lock(e) => e.to_string(),
            Failure::Pull(e) => format!("the pull failed ({e}); published the sources as the last pull left them"),
            Failure::Build(BuildError::Content(d)) | Failure::Site(SiteError::Content(d)) => {
                format!("{} in the sources; the site is left as it was", crate::error::count_errors(d))
            }
            Failure::Build(BuildError::Write { out, error, .. }) => {
                format!("cannot write {}: {error}; left as it was", out.display())
            }
            Failure::Site(SiteError::Write { dist, error, .. }) => {
                format!("cannot write {}: {error}; left as it was", dist.display())
            }
            Failure::Files(e) => e.to_string(),
            Failure::Deploy(e) => format!("{e}; its files are handed to the next run's deploy"),
        }
    }
}

/// What a run did.
#[derive(Debug)]
pub struct RunReport {
    /// The time the run published at.
    pub now: DateTime<Utc>,
    pub steps: Vec<Step>,
    pub elapsed: Duration,
    /// The lists the deploy hook got (or would have got), when it ran.
    pub deployed: Option<Lists>,
    pub failures: Vec<Failure>,
    /// Stopped (SIGTERM) before all its steps ran.
    pub stopped: bool,
}

impl RunReport {
    pub fn ok(&self) -> bool {
        self.failures.is_empty()
    }

    /// The log line: `press publish: <time> ok in 1.20 s: pull … · build 0.40 s (3 written,
    /// 0 removed) · …`.
    pub fn line(&self) -> String {
        let outcome = match (self.failures.first(), self.stopped) {
            (Some(f), _) => format!("FAILED at {}", f.step()),
            (None, true) => "stopped".to_owned(),
            (None, false) => "ok".to_owned(),
        };
        let steps: Vec<String> =
            self.steps.iter().map(|s| format!("{} {:.2} s ({})", s.name, s.elapsed.as_secs_f64(), s.detail)).collect();
        format!(
            "press publish: {} {outcome} in {:.2} s: {}",
            self.now.format("%Y-%m-%dT%H:%M:%SZ"),
            self.elapsed.as_secs_f64(),
            if steps.is_empty() { "nothing done".to_owned() } else { steps.join(" · ") }
        )
    }
}

/// One run (see the module documentation). `notice` gets what the run says while it runs
/// (that it waits for another run's lock); `stop` set stops it between two steps.
pub fn run(opts: &PublishOptions, stop: &AtomicBool, notice: &dyn Fn(String)) -> RunReport {
    let started = Instant::now();
    let mut r = RunReport {
        now: Utc::now(),
        steps: Vec::new(),
        elapsed: Duration::ZERO,
        deployed: None,
        failures: Vec::new(),
        stopped: false,
    };
    let waiting = |holder: Option<u32>| {
        let who = holder.map(|p| format!(" (process {p})")).unwrap_or_default();
        notice(format!("press publish: another publish is running{who}; waiting for it to finish"));
    };
    let _lock = match lock::acquire(&opts.dist, opts.wait, stop, waiting) {
        Ok(lock) => lock,
        Err(LockError::Stopped) => {
            r.stopped = true;
            return r;
        }
        Err(e) => {
            r.failures.push(Failure::Lock(e));
            return r;
        }
    };
    // The clock once the lock is ours: build and site must agree on which articles are out.
    r.now = opts.now.unwrap_or_else(Utc::now);
    if let Err(e) = steps(opts, stop, &mut r) {
        r.failures.push(e);
    }
    r.elapsed = started.elapsed();
    r
}

/// The steps, in order, until one fails or `stop` is set. A failed pull is recorded and the
/// run goes on.
fn steps(opts: &PublishOptions, stop: &AtomicBool, r: &mut RunReport) -> Result<(), Failure> {
    // Without a hook, the lists say what this run changed; with one, what it has not yet taken.
    let mut lists =
        if opts.deploy.is_some() { lists::read(&opts.dist).map_err(Failure::Files)? } else { Lists::default() };
    let stopped = |r: &mut RunReport| {
        r.stopped = stop.load(Ordering::Relaxed);
        r.stopped
    };
    let t = Instant::now();
    match config::pull(&opts.pull) {
        None => {}
        Some(Ok(detail)) => r.steps.push(Step { name: "pull", elapsed: t.elapsed(), detail }),
        Some(Err(e)) => {
            r.steps.push(Step { name: "pull", elapsed: t.elapsed(), detail: "failed".into() });
            r.failures.push(Failure::Pull(e));
        }
    }
    if stopped(r) {
        return Ok(());
    }
    let (unchanged, sources) = unchanged_since_last_run(opts, r)?;
    if !unchanged {
        build_and_site(opts, sources, r, stop, &mut lists)?;
    }
    if stopped(r) {
        return Ok(());
    }
    if opts.deploy_all {
        let all = lists::every_file(&opts.dist).map_err(Failure::Files)?;
        lists.add(&all, &[]);
    }
    if let Some(command) = &opts.deploy {
        let (result, elapsed) = timed_always(|| hook::deploy(command, &opts.dist, &lists));
        let detail = format!("{} changed, {} removed", lists.changed.len(), lists.removed.len());
        r.steps.push(Step { name: "deploy", elapsed, detail });
        r.deployed = Some(lists.clone());
        result.map_err(Failure::Deploy)?;
        lists = Lists::default();
        lists::write(&opts.dist, &lists).map_err(Failure::Files)?;
    }
    Ok(())
}

/// Whether the last good run read the same inputs at a time when they made the same site
/// ([`inputs`]): then build and site would write nothing and are skipped. Also returns the
/// sources it found.
fn unchanged_since_last_run(
    opts: &PublishOptions,
    r: &mut RunReport,
) -> Result<(bool, Option<inputs::Inputs>), Failure> {
    let t = Instant::now();
    let found = inputs::sources(&opts.content, &opts.public);
    let holds = found
        .as_ref()
        .is_some_and(|i| inputs::read(&opts.dist).is_some_and(|last| last.holds(i, &inputs::dist(&opts.dist), r.now)));
    let detail = match (&found, holds) {
        (Some(i), true) => format!("{} files, unchanged since the last run: nothing to build", i.files()),
        (Some(i), false) => format!("{} files", i.files()),
        (None, _) => "unreadable; building everything".to_owned(),
    };
    r.steps.push(Step { name: "inputs", elapsed: t.elapsed(), detail });
    if !holds {
        inputs::forget(&opts.dist).map_err(Failure::Files)?;
    }
    Ok((holds, found))
}

/// Build, public files and site from one load of the sources, then the record of the inputs
/// they were made from, when no editor changed a source while they ran (press build itself may
/// grow urls.toml and add a photo's copies to public: the record has those as they are after
/// the run).
fn build_and_site(
    opts: &PublishOptions,
    before: Option<inputs::Inputs>,
    r: &mut RunReport,
    stop: &AtomicBool,
    lists: &mut Lists,
) -> Result<(), Failure> {
    let started = Instant::now();
    let mut phases = crate::stats::Phases::new();
    let corpus = load(opts, r.now)?;
    phases.lap("load");
    let index = opts.progress.during(Work::Index, None, || crate::Index::new(&corpus));
    phases.lap("index");
    let (step, built) = build(opts, &index, r.now, started, lists)?;
    r.steps.push(step);
    r.steps.push(copy_public(opts, lists)?);
    if stop.load(Ordering::Relaxed) {
        r.stopped = true;
        return Ok(());
    }
    r.steps.push(site(opts, &index, r.now, &built.document_stamps, lists)?);
    r.steps.push(prune_public(opts, lists)?);
    let after = inputs::sources(&opts.content, &opts.public);
    if let (Some(before), Some(after)) = (before, after) {
        if !before.same_but_press_own(&after) {
            return Ok(());
        }
        let record = inputs::Record {
            sources: after.fingerprint(),
            dist: inputs::dist(&opts.dist),
            from: r.now,
            until: Some(built.next_timed_change),
        };
        inputs::write(&opts.dist, &record).map_err(Failure::Files)?;
    }
    Ok(())
}

fn timed_always<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed())
}

/// Keeps the lists on disk after a step that changed `<dist>`.
fn keep(opts: &PublishOptions, lists: &Lists) -> Result<(), Failure> {
    lists::write(&opts.dist, lists).map_err(Failure::Files)
}

/// The sources loaded and indexed once, for both build and site.
fn load(opts: &PublishOptions, now: DateTime<Utc>) -> Result<crate::Corpus, Failure> {
    let load = crate::source::LoadOptions { now: Some(now), progress: opts.progress, ..Default::default() };
    let cache = crate::output::beside(&opts.dist, "parse-cache");
    crate::load_for_build(&opts.content, &opts.public, load, Some(&cache)).map_err(Failure::Build)
}

fn build(
    opts: &PublishOptions,
    index: &crate::Index,
    now: DateTime<Utc>,
    started: Instant,
    lists: &mut Lists,
) -> Result<(Step, crate::BuildReport), Failure> {
    let out = opts.dist.join("content");
    let report = crate::build_from(index, &out, now, false, opts.progress, started).map_err(Failure::Build)?;
    let w = &report.written;
    lists.add_under("content", &w.changed_files, &w.removed_files);
    keep(opts, lists)?;
    let detail = format!(
        "{} articles, {} parsed, {} written, {} removed{}",
        report.articles,
        report.parse.parsed,
        w.changed_files.len(),
        w.removed_files.len(),
        match report.warnings.len() {
            0 => String::new(),
            n => format!(", {n} warnings"),
        }
    );
    Ok((Step { name: "build", elapsed: started.elapsed(), detail }, report))
}

fn copy_public(opts: &PublishOptions, lists: &mut Lists) -> Result<Step, Failure> {
    let t = Instant::now();
    let copied = public::copy_new(&opts.public, &opts.dist.join("public")).map_err(Failure::Files)?;
    lists.add_under("public", &copied, &[]);
    keep(opts, lists)?;
    Ok(Step { name: "public", elapsed: t.elapsed(), detail: format!("{} copied", copied.len()) })
}

fn site(
    opts: &PublishOptions,
    index: &crate::Index,
    now: DateTime<Utc>,
    built: &HashMap<String, String>,
    lists: &mut Lists,
) -> Result<Step, Failure> {
    let t = Instant::now();
    let site_opts = crate::site::SiteOptions { now, previews: false };
    let documents = crate::site::Documents::BuiltFromThisIndex(built);
    let report = opts
        .progress
        .during(Work::Pages, None, || crate::site::site_from(index, &opts.dist, &site_opts, documents, t))
        .map_err(Failure::Site)?;
    lists.add(&report.changed, &report.removed);
    keep(opts, lists)?;
    let detail = format!("{} pages, {} changed, {} removed", report.pages, report.changed.len(), report.removed.len());
    Ok(Step { name: "site", elapsed: t.elapsed(), detail })
}

fn prune_public(opts: &PublishOptions, lists: &mut Lists) -> Result<Step, Failure> {
    let t = Instant::now();
    let removed = public::remove_gone(&opts.public, &opts.dist.join("public")).map_err(Failure::Files)?;
    lists.add_under("public", &[], &removed);
    keep(opts, lists)?;
    Ok(Step { name: "prune", elapsed: t.elapsed(), detail: format!("{} removed", removed.len()) })
}
