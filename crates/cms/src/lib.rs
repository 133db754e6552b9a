//! `press pull`: a WordPress (REST API) or Drupal (JSON:API) site into hirlap's sources.
//!
//! The pull writes what docs/CONTENT.md describes (articles as Markdown with TOML front matter,
//! authors as TOML, images under public/), so review, `press build`, `press site` and
//! `press serve` work on the result unchanged. docs/CMS.md is the user's guide,
//! docs/adr/0007-cms-pull.md the decisions.
//!
//! - [`http`]: the one HTTP client, with bounded retries; [`links`]: CMS addresses resolved and compared;
//! - [`wordpress`], [`drupal`]: the two APIs, each a [`source::Source`] of one shape;
//! - [`html`]: HTML bodies → typed blocks; [`markdown`]: blocks → the Markdown press reads back;
//! - [`mapping`]: categories → sections from site.toml;
//! - [`pull`]: one pull, all or nothing; [`tree`]: state file, staging and swap.

pub mod drupal;
pub mod html;
pub mod http;
pub mod links;
pub mod mapping;
pub mod markdown;
pub mod pull;
pub mod source;
pub mod tree;
pub mod wordpress;

pub use mapping::Kind;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// `press pull wordpress|drupal <URL>`: fetch everything published into the source tree.
#[derive(Debug, Clone, clap::Args)]
pub struct PullArgs {
    /// The CMS's API flavour.
    #[arg(value_enum)]
    pub kind: Kind,
    /// The site's address, e.g. https://magazin.example (no /wp-json or /jsonapi).
    pub url: String,
    /// The source tree to write into (its site.toml holds the section mapping).
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// Where images go (under <public>/cms/); default: public/ beside the content folder.
    #[arg(long, value_name = "DIR")]
    pub public: Option<PathBuf>,
    /// Fetch everything, not only what changed since the last pull.
    #[arg(long)]
    pub full: bool,
    /// Posts per request (WordPress at most 100, Drupal at most 50).
    #[arg(long)]
    pub per_page: Option<u32>,
    /// Retries of a failed request before the pull gives up.
    #[arg(long, default_value_t = 3)]
    pub retries: u32,
    /// Seconds one request may take.
    #[arg(long, default_value_t = 30.0)]
    pub timeout: f64,
    /// Seconds before the first retry (doubled each time).
    #[arg(long, default_value_t = 0.5)]
    pub backoff: f64,
    /// The longest wait between retries in seconds, also for a 429's Retry-After.
    #[arg(long, default_value_t = 60.0)]
    pub max_wait: f64,
    /// No progress line and no warnings list, only the summary or the error: press's global
    /// `-q/--quiet`, which sets it.
    #[arg(skip)]
    pub quiet: bool,
}

fn seconds(s: f64) -> Duration {
    Duration::try_from_secs_f64(s.max(0.0)).unwrap_or(Duration::from_secs(60))
}

/// Runs `press pull`. Exit codes: 0 pulled, 1 the pull failed (nothing changed on disk).
pub fn run(args: PullArgs) -> ExitCode {
    match pull_with(&args) {
        Ok(report) => {
            if !args.quiet {
                for w in &report.warnings {
                    eprintln!("warning: {w}");
                }
            }
            println!("{}", report.summary());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("press pull: error: {e}");
            eprintln!("press pull: nothing written; {} left as it was", args.content.display());
            ExitCode::from(1)
        }
    }
}

/// The pull that site.toml's `[pull]` table names with `cms` and `url` (for `press publish`),
/// with the defaults of `press pull`; `None` when it names none.
pub fn configured(
    content: &std::path::Path,
    public: &std::path::Path,
    quiet: bool,
) -> Result<Option<PullArgs>, String> {
    let mapping = mapping::Mapping::load(&content.join("site.toml"))?;
    Ok(mapping.source.map(|(kind, url)| PullArgs {
        kind,
        url,
        content: content.to_owned(),
        public: Some(public.to_owned()),
        full: false,
        per_page: None,
        retries: 3,
        timeout: 30.0,
        backoff: 0.5,
        max_wait: 60.0,
        quiet,
    }))
}

/// One pull as `args` describe it; on failure nothing changed on disk and the error says why.
pub fn pull_with(args: &PullArgs) -> Result<pull::Report, String> {
    let fetcher = http::Fetcher::new(http::RetryPolicy {
        retries: args.retries,
        backoff: seconds(args.backoff),
        max_wait: seconds(args.max_wait),
        timeout: seconds(args.timeout),
    });
    let mapping = mapping::Mapping::load(&args.content.join("site.toml"))?;
    let public = args.public.clone().unwrap_or_else(|| match args.content.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("public"),
        _ => PathBuf::from("public"),
    });
    let opts = pull::Options {
        content: args.content.clone(),
        public,
        full: args.full,
        progress: !args.quiet && std::io::stdout().is_terminal() && std::io::stderr().is_terminal(),
    };
    let mut cms: Box<dyn source::Source + '_> = match args.kind {
        Kind::Wordpress => Box::new(wordpress::WordPress::new(&args.url, &fetcher, args.per_page.unwrap_or(100))),
        Kind::Drupal => Box::new(
            drupal::Drupal::new(&args.url, &fetcher, args.per_page.unwrap_or(50))
                .section_field(&mapping.drupal_section_field),
        ),
    };
    pull::pull(&mut *cms, &fetcher, &opts).map_err(|e| e.to_string())
}
