//! `press-synth`: writes a deterministic synthetic corpus for benchmarks (docs/PERFORMANCE.md).
//! Exit codes: 0 success, 1 write errors, 2 usage errors.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use synth::{synth, SynthOptions};

/// Write a deterministic synthetic corpus in the sources' format (docs/CONTENT.md §1):
/// the same --articles and --seed give byte-identical files on any machine.
#[derive(Debug, Parser)]
#[command(name = "press-synth", version)]
struct Args {
    /// How many articles
    #[arg(long, value_name = "N")]
    articles: usize,
    /// The content folder to create (must be new or empty)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The generator's seed; the same seed gives byte-identical output
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Where avatars and cover images go [default: public/ beside --out]
    #[arg(long, value_name = "DIR")]
    public: Option<PathBuf>,
    /// A site.toml to copy and take the sections from [default: the reference menu]
    #[arg(long, value_name = "FILE")]
    site: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    // The folder press looks in when it is given only --content: public/ beside it.
    let public = args.public.unwrap_or_else(|| args.out.with_file_name("public"));
    let opts = SynthOptions { articles: args.articles, seed: args.seed, out: args.out, public, site: args.site };
    let started = Instant::now();
    match synth(&opts) {
        Ok(r) => {
            println!(
                "press-synth: {} articles, {} authors, {} tags → {} ({} files, {:.1} MB) in {:.2} s",
                r.articles,
                r.authors,
                r.tags,
                opts.out.display(),
                r.files,
                r.bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("press-synth: {e}");
            ExitCode::from(1)
        }
    }
}
