//! `press` command line. Exit codes: 0 success, 1 content or write errors, 2 usage errors.

use std::path::PathBuf;
use std::process::ExitCode;

use press::BuildError;

const USAGE: &str = "\
usage: press build [--content DIR] [--out DIR] [--public DIR]
       press site --content DIR --dist DIR [--public DIR]   (press site --help)
       press serve --addr 127.0.0.1:PORT [--content DIR]   (press serve --help)

  build      compile the Markdown + TOML sources into the static JSON tree
  --content  the sources (default: content)
  --out      where the JSON tree goes; replaced atomically (default: dist/content)
  --public   the files served under /public/ (default: public/ beside the content folder)
  --stats    also print files written/unchanged/removed, peak memory and seconds";

struct BuildArgs {
    content: PathBuf,
    out: PathBuf,
    public: Option<PathBuf>,
    /// `--stats`: print files written/unchanged/removed and the peak memory after the summary.
    stats: bool,
}

fn parse_build_args(args: &[String]) -> Result<BuildArgs, String> {
    let mut parsed =
        BuildArgs { content: PathBuf::from("content"), out: PathBuf::from("dist/content"), public: None, stats: false };
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if arg == "--stats" {
            parsed.stats = true;
            i += 1;
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_owned())),
            _ => (arg.as_str(), None),
        };
        let value = match inline {
            Some(v) => v,
            None => {
                i += 1;
                args.get(i).cloned().ok_or_else(|| format!("{flag} needs a value"))?
            }
        };
        if value.is_empty() {
            return Err(format!("{flag} needs a value"));
        }
        match flag {
            "--content" => parsed.content = value.into(),
            "--out" => parsed.out = value.into(),
            "--public" => parsed.public = Some(value.into()),
            _ => return Err(format!("unknown option `{arg}`")),
        }
        i += 1;
    }
    Ok(parsed)
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("press: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("build") => {}
        Some("site") => return press::site::cli(&args[1..]),
        Some("serve") => return press::serve::cli(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => return usage_error(&format!("unknown command `{other}`")),
        None => return usage_error("missing command"),
    }
    if args[1..].iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let a = match parse_build_args(&args[1..]) {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    let public = a.public.clone().unwrap_or_else(|| press::default_public_dir(&a.content));
    match press::build(&a.content, &public, &a.out) {
        Ok(report) => {
            press::error::print(&report.warnings);
            println!("{}", report.summary(&a.out));
            if a.stats {
                let w = report.written;
                println!(
                    "press: stats files={} written={} unchanged={} removed={} peak_rss_kib={} cpu_seconds={:.2} seconds={:.3}",
                    w.files,
                    w.written,
                    w.unchanged,
                    w.removed,
                    press::stats::peak_rss_kib().unwrap_or(0),
                    press::stats::cpu_seconds().unwrap_or(0.0),
                    report.elapsed.as_secs_f64()
                );
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            press::error::print(err.diagnostics());
            match &err {
                BuildError::Content(diags) => {
                    eprintln!(
                        "press: {} in the sources; nothing written, {} left as it was",
                        press::error::count_errors(diags),
                        a.out.display()
                    );
                }
                BuildError::Write { out, error, .. } => {
                    eprintln!("press: cannot write {}: {error}; {} left as it was", out.display(), out.display());
                }
            }
            ExitCode::from(1)
        }
    }
}
