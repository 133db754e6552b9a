//! `press`, the editors' command line: clap's parsing and `--help`, then a few lines per command
//! over the library (`press::build`, `press::site::site`, `press::serve::start`), which does the
//! work and is what tests and other tools call.
//!
//! Exit codes: 0 success, 1 content or write errors, 2 usage errors (clap exits 2 on its own),
//! 75 (`press publish --no-wait`) another publish holds the lock.

#[cfg(feature = "progress")]
mod term;
#[cfg(not(feature = "progress"))]
mod term {
    /// Built without progress bars.
    pub fn progress(_quiet: bool) -> press::progress::Progress {
        press::progress::Progress::none()
    }
}

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use press::error::{count_errors, print};
#[cfg(feature = "site")]
use press::site::{SiteError, SiteOptions};
use press::BuildError;
use press::Diagnostic;

/// hirlap's content compiler: the editors' Markdown + TOML sources (docs/CONTENT.md) into the
/// static JSON API, prerendered HTML, feeds and sitemaps.
#[derive(Debug, Parser)]
#[command(name = "press", version, propagate_version = true, arg_required_else_help = true)]
struct Cli {
    /// No progress bars (they are shown only on a terminal anyway), no warnings lists
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

/// `-q/--quiet`, for every command.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// Declares the subcommands and what runs each, from one list: a line `Name(Args) => run,` (its
/// doc comment, or else the `Args` struct's, is the summary in `press --help`). Another crate's
/// command is one more line, e.g. `Pull(cms::PullArgs) => cms::run,` for a `clap::Args` and a
/// `fn(PullArgs) -> ExitCode`.
macro_rules! commands {
    ($($(#[doc = $doc:literal])* $(#[cfg($cfg:meta)])? $name:ident($args:ty) => $run:path,)*) => {
        #[derive(Debug, Subcommand)]
        enum Command {
            $($(#[doc = $doc])* $(#[cfg($cfg)])? $name($args),)*
        }

        impl Command {
            fn run(self) -> ExitCode {
                match self {
                    $($(#[cfg($cfg)])? Command::$name(args) => $run(args),)*
                }
            }
        }
    };
}

commands! {
    /// Compile the sources into the static JSON tree (the content API)
    Build(BuildArgs) => build,
    /// Prerender every route's HTML, the feeds, sitemaps and hosting files into a built app
    ///
    /// Run it after `trunk build --release` (whose pre-build hook ran press build into
    /// <dist>/content): one HTML page per route, RSS feeds, sitemaps, robots.txt, _redirects and
    /// _headers. All or nothing: a failed run leaves <dist> as it was.
    #[cfg(feature = "site")]
    Site(SiteArgs) => site,
    /// Serve the content API live from the sources, reloading when they change
    ///
    /// Answers /content/… and /public/… as the static tree would, rendered on demand. When an
    /// edit breaks the sources, their errors are printed and the last good content stays served.
    Serve(ServeArgs) => serve,
    /// Write a new article's skeleton (a draft) with the slug from its title and the Budapest time
    New(NewArgs) => new,
    /// Check the sources as press build does (drafts included), writing nothing
    Check(CheckArgs) => check,
    /// Pull a WordPress or Drupal site into content/ and public/ (docs/CMS.md)
    #[cfg(feature = "pull")]
    Pull(cms::PullArgs) => pull,
    /// Pull, build, site and deploy as one locked run, once or as a service (docs/PUBLISHING.md)
    ///
    /// Pulls when site.toml's [pull] names a CMS (`cms` and `url`), builds into <dist>/content,
    /// copies new public files into <dist>/public, prerenders into <dist>, then runs the deploy
    /// command (--deploy or [publish] deploy) with the files changed and removed, listed in the
    /// files named by $PRESS_CHANGED and $PRESS_REMOVED. <dist> must hold a built app (trunk
    /// build). One line per run on stdout. Exit codes: 0 published, 1 a step failed (the site
    /// is the last good one), 75 another publish is running (--no-wait).
    #[cfg(feature = "site")]
    Publish(PublishArgs) => publish,
}

#[cfg(feature = "pull")]
fn pull(mut a: cms::PullArgs) -> ExitCode {
    a.quiet = quiet();
    cms::run(a)
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    QUIET.store(cli.quiet, std::sync::atomic::Ordering::Relaxed);
    cli.command.run()
}

/// `--public`, the same for every command that reads the sources.
#[derive(Debug, Args)]
struct PublicArg {
    /// The files served under /public/ [default: public/ beside the content folder]
    #[arg(long, value_name = "DIR")]
    public: Option<PathBuf>,
}

impl PublicArg {
    fn or_beside(self, content: &Path) -> PathBuf {
        self.public.unwrap_or_else(|| press::default_public_dir(content))
    }
}

/// `--now` and `--drafts`: which articles are published.
#[derive(Debug, Args)]
struct WhenArgs {
    /// Build as if it were this time (RFC 3339, e.g. 2025-03-01T06:00:00+01:00): articles
    /// published later are left out [default: the clock]
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    now: Option<chrono::DateTime<chrono::Utc>>,
    /// A preview: drafts and scheduled articles too, marked as such and `noindex`. Never
    /// deploy it.
    #[arg(long)]
    drafts: bool,
}

fn parse_now(s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| format!("expected a date-time with an offset such as 2025-03-01T06:00:00+01:00 ({e})"))
}

/// The end of a run that changed nothing: its diagnostics, then why it stopped (errors
/// `place`, or the write that failed) and that `target` is as it was. Exit 1.
fn failed(
    command: &str,
    place: &str,
    diags: &[Diagnostic],
    write_error: Option<&io::Error>,
    target: &Path,
) -> ExitCode {
    print(diags);
    let target = target.display();
    match write_error {
        None => eprintln!("{command}: {}{place}; nothing written, {target} left as it was", count_errors(diags)),
        Some(e) => eprintln!("{command}: cannot write {target}: {e}; {target} left as it was"),
    }
    ExitCode::from(1)
}

// ---------------------------------------------------------------- build

#[derive(Debug, Args)]
struct BuildArgs {
    /// The sources
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    /// Where the JSON tree goes; only changed files are written, and a failed build leaves it
    /// as it was
    #[arg(long, value_name = "DIR", default_value = "dist/content")]
    out: PathBuf,
    #[command(flatten)]
    public: PublicArg,
    #[command(flatten)]
    when: WhenArgs,
    /// Also print files written/unchanged/removed, peak memory and seconds
    #[arg(long)]
    stats: bool,
}

fn build(a: BuildArgs) -> ExitCode {
    let public = a.public.or_beside(&a.content);
    let opts = press::source::LoadOptions {
        now: a.when.now,
        previews: a.when.drafts,
        progress: term::progress(quiet()),
        ..Default::default()
    };
    match press::build_with(&a.content, &public, &a.out, opts) {
        Ok(report) => {
            if !quiet() {
                print(&report.warnings);
            }
            println!("{}", report.summary(&a.out));
            if a.stats {
                let w = report.written;
                println!(
                    "press: stats files={} written={} unchanged={} kept={} removed={} peak_rss_kib={} cpu_seconds={:.2} seconds={:.3} parsed={} cached={}",
                    w.files,
                    w.written,
                    w.unchanged,
                    w.kept,
                    w.removed,
                    press::stats::peak_rss_kib().unwrap_or(0),
                    press::stats::cpu_seconds().unwrap_or(0.0),
                    report.elapsed.as_secs_f64(),
                    report.parse.parsed,
                    report.parse.cached
                );
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            let write_error = match &err {
                BuildError::Content(_) => None,
                BuildError::Write { error, .. } => Some(error),
            };
            failed("press", " in the sources", err.diagnostics(), write_error, &a.out)
        }
    }
}

// ---------------------------------------------------------------- new, check

#[derive(Debug, Args)]
struct NewArgs {
    /// The title (the slug and the file name are made from it)
    title: String,
    /// A section or sub-section slug from site.toml
    #[arg(long)]
    section: String,
    /// An author slug (authors/<slug>.toml)
    #[arg(long)]
    author: String,
    /// The sources
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
}

fn new(a: NewArgs) -> ExitCode {
    let article =
        press::newsroom::NewArticle { title: a.title, section: a.section, author: a.author, now: chrono::Utc::now() };
    match press::newsroom::new_article(&a.content, &article) {
        Ok(file) => {
            println!("press new: {} (a draft: delete `draft = true` to publish)", file.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("press new: {e}; nothing written");
            ExitCode::from(1)
        }
    }
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The sources
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    #[command(flatten)]
    public: PublicArg,
}

fn check(a: CheckArgs) -> ExitCode {
    let public = a.public.or_beside(&a.content);
    match press::check(&a.content, &public) {
        Ok(r) => {
            print(&r.warnings);
            println!(
                "press check: {} articles, {} files would be written; no errors ({} warnings); nothing written",
                r.articles,
                r.files,
                r.warnings.len()
            );
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print(&diags);
            eprintln!("press check: {} in the sources; nothing written", count_errors(&diags));
            ExitCode::from(1)
        }
    }
}

// ---------------------------------------------------------------- site

#[cfg(feature = "site")]
#[derive(Debug, Args)]
struct SiteArgs {
    /// The sources (the same as press build's)
    #[arg(long, value_name = "DIR")]
    content: PathBuf,
    /// The built app (Trunk's dist/, with the JSON tree in dist/content)
    #[arg(long, value_name = "DIR")]
    dist: PathBuf,
    #[command(flatten)]
    public: PublicArg,
    #[command(flatten)]
    when: WhenArgs,
}

#[cfg(feature = "site")]
fn site(a: SiteArgs) -> ExitCode {
    let public = a.public.or_beside(&a.content);
    let dist = a.dist.display();
    let opts = SiteOptions { now: a.when.now.unwrap_or_else(chrono::Utc::now), previews: a.when.drafts };
    let progress = term::progress(quiet());
    let result =
        progress.during(press::progress::Work::Pages, None, || press::site::site(&a.content, &public, &a.dist, &opts));
    match result {
        Ok(r) => {
            if !quiet() {
                print(&r.warnings);
            }
            println!(
                "press site: {} pages, {} files → {dist}: {} written, {} removed, in {:.2} s",
                r.pages,
                r.files,
                r.changed.len(),
                r.removed.len(),
                r.elapsed.as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            let write_error = match &e {
                SiteError::Content(_) => None,
                SiteError::Write { error, .. } => Some(error),
            };
            failed("press site", "", e.diagnostics(), write_error, &a.dist)
        }
    }
}

// ---------------------------------------------------------------- serve

#[derive(Debug, Args)]
struct ServeArgs {
    /// The address to listen on, e.g. 127.0.0.1:4174 (only this one is bound)
    #[arg(long, value_name = "ADDR")]
    addr: String,
    /// The sources
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    #[command(flatten)]
    public: PublicArg,
    /// Check the sources every N milliseconds instead of listening for file-system events (for
    /// folders whose changes send none, such as some network or container mounts)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    poll_ms: Option<u64>,
    /// A preview: serve drafts and scheduled articles too, marked as such. Beyond loopback
    /// (e.g. 0.0.0.0) it needs a preview token
    #[arg(long)]
    drafts: bool,
    /// The secret a preview's readers must give (?token=… once, then a cookie; or basic auth
    /// with it as the password), at least 16 characters [default: $PRESS_PREVIEW_TOKEN]
    #[arg(long, value_name = "TOKEN", requires = "drafts")]
    preview_token: Option<String>,
}

/// Runs until killed; exit 1 when it cannot listen, 2 when a preview would be open beyond loopback.
fn serve(a: ServeArgs) -> ExitCode {
    let mut opts = press::serve::ServeOptions::new(a.addr, &a.content);
    opts.public = a.public.or_beside(&a.content);
    opts.poll = a.poll_ms.map(Duration::from_millis);
    opts.drafts = a.drafts;
    // The environment is the safer place for the secret: a flag shows in `ps`.
    opts.preview_token = a.preview_token.or_else(|| std::env::var(press::preview::TOKEN_ENV).ok());
    match press::serve::start(opts) {
        Ok(handle) => {
            println!("press serve: {} on http://{}/content/", a.content.display(), handle.addr());
            handle.join();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("press serve: {e}");
            ExitCode::from(if e.kind() == std::io::ErrorKind::InvalidInput { 2 } else { 1 })
        }
    }
}

// ---------------------------------------------------------------- publish

#[cfg(feature = "site")]
#[derive(Debug, Args)]
struct PublishArgs {
    /// The sources
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    /// The built app (Trunk's dist/) that the site is published into
    #[arg(long, value_name = "DIR", default_value = "dist")]
    dist: PathBuf,
    #[command(flatten)]
    public: PublicArg,
    /// A shell command run after the site is written, with $PRESS_CHANGED, $PRESS_REMOVED and
    /// $PRESS_DIST [default: site.toml's [publish] deploy]
    #[arg(long, value_name = "COMMAND")]
    deploy: Option<String>,
    /// Hand the deploy command every file of <dist>, not only the changed ones (a first deploy)
    #[arg(long)]
    deploy_all: bool,
    /// Do not pull, even when site.toml's [pull] names a CMS
    #[arg(long)]
    no_pull: bool,
    /// Run again at this interval until SIGTERM or Ctrl-C, e.g. 30s, 5m (a service)
    #[arg(long, value_name = "INTERVAL", value_parser = parse_interval)]
    every: Option<Duration>,
    /// When another publish is running, exit at once (code 75) instead of waiting for it
    #[arg(long)]
    no_wait: bool,
    /// Publish as if it were this time (RFC 3339); not with --every [default: the clock]
    #[arg(long, value_name = "TIME", value_parser = parse_now, conflicts_with = "every")]
    now: Option<chrono::DateTime<chrono::Utc>>,
}

/// `30s`, `5m`, `1h`, `500ms`, or plain seconds.
#[cfg(feature = "site")]
fn parse_interval(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let n: f64 = number.parse().map_err(|_| format!("expected an interval such as 30s or 5m, got `{s}`"))?;
    let seconds = match unit {
        "" | "s" => n,
        "ms" => n / 1000.0,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        _ => return Err(format!("unknown unit `{unit}` (use ms, s, m or h)")),
    };
    match Duration::try_from_secs_f64(seconds) {
        Ok(d) if d >= Duration::from_millis(100) => Ok(d),
        _ => Err(format!("the interval must be at least 100ms, got `{s}`")),
    }
}

/// Set by SIGTERM or SIGINT: the publish stops after the step under way.
#[cfg(feature = "site")]
static STOP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The first SIGTERM or SIGINT sets [`STOP`]; a second one ends the process at once (what a
/// killed step leaves beside <dist> is removed by the next run).
#[cfg(feature = "site")]
fn stop_on_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    for signal in [SIGTERM, SIGINT] {
        signal_hook::flag::register_conditional_shutdown(signal, 1, &STOP)?;
        signal_hook::flag::register(signal, &STOP)?;
    }
    Ok(())
}

#[cfg(feature = "site")]
fn publish(a: PublishArgs) -> ExitCode {
    let public = a.public.or_beside(&a.content);
    let deploy = match a.deploy {
        Some(d) => Some(d),
        None => match press::publish::deploy_command(&a.content) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("press publish: {e}");
                return ExitCode::from(1);
            }
        },
    };
    let pull = if a.no_pull || !cfg!(feature = "pull") {
        press::publish::PullConfig::Off
    } else {
        press::publish::PullConfig::FromSiteToml { content: a.content.clone(), public: public.clone(), quiet: quiet() }
    };
    let opts = press::publish::PublishOptions {
        content: a.content,
        public,
        dist: a.dist,
        pull,
        deploy,
        deploy_all: a.deploy_all,
        wait: !a.no_wait,
        now: a.now,
        progress: term::progress(quiet()),
    };
    if let Err(e) = stop_on_signals() {
        eprintln!("press publish: cannot handle SIGTERM ({e}); stopping it kills the run at once");
    }
    let notice = |m: String| eprintln!("{m}");
    match a.every {
        None => {
            let report = press::publish::run(&opts, &STOP, &notice);
            log_run(&report);
            exit_code(&report)
        }
        Some(interval) => {
            eprintln!("press publish: every {:.1} s until SIGTERM or Ctrl-C", interval.as_secs_f64());
            press::publish::every::every(&opts, interval, &STOP, &notice, log_run);
            eprintln!("press publish: stopped");
            ExitCode::SUCCESS
        }
    }
}

/// The run's diagnostics and failures on stderr, then its one line on stdout.
#[cfg(feature = "site")]
fn log_run(report: &press::publish::RunReport) {
    for failure in &report.failures {
        print(failure.diagnostics());
        eprintln!("press publish: {}: {}", failure.step(), failure.message());
    }
    println!("{}", report.line());
}

#[cfg(feature = "site")]
fn exit_code(report: &press::publish::RunReport) -> ExitCode {
    match report.failures.first() {
        None => ExitCode::SUCCESS,
        Some(press::publish::Failure::Lock(press::publish::LockError::Busy { .. })) => {
            ExitCode::from(press::publish::EXIT_BUSY)
        }
        Some(_) => ExitCode::from(1),
    }
}

#[cfg(all(test, feature = "site"))]
mod tests {
    use super::*;

    #[test]
    fn intervals_read_as_a_person_writes_them() {
        assert_eq!(parse_interval("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_interval("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_interval("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_interval("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_interval("1.5"), Ok(Duration::from_millis(1500)));
        assert!(parse_interval("10ms").unwrap_err().contains("at least 100ms"));
        assert!(parse_interval("5d").unwrap_err().contains("unknown unit"));
        assert!(parse_interval("soon").is_err());
    }
}
