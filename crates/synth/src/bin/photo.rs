//! `press-photo`: writes synthetic camera photos (JPEG), `<prefix>-<n>.jpg` for n in 1..=count,
//! in parallel. The same seed and size give byte-identical files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;

/// Write synthetic camera photos: procedural landscapes with sensor grain, as JPEG.
#[derive(Debug, Parser)]
#[command(name = "press-photo", version)]
struct Args {
    /// How many photos
    #[arg(long, default_value_t = 1)]
    count: u64,
    /// The folder to write them into
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// File names: <prefix>-<n>.jpg
    #[arg(long, default_value = "photo")]
    prefix: String,
    #[arg(long, default_value_t = 4000)]
    width: u32,
    #[arg(long, default_value_t = 3000)]
    height: u32,
    #[arg(long, default_value_t = 90)]
    quality: u8,
    /// The first photo's seed (photo n has seed + n - 1)
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let a = Args::parse();
    if let Err(e) = std::fs::create_dir_all(&a.out) {
        eprintln!("press-photo: {}: {e}", a.out.display());
        return ExitCode::from(1);
    }
    let result = (1..=a.count).into_par_iter().try_for_each(|n| {
        let path = a.out.join(format!("{}-{n}.jpg", a.prefix));
        std::fs::write(&path, synth::photo::jpeg(a.seed + n - 1, a.width, a.height, a.quality))
            .map_err(|e| format!("{}: {e}", path.display()))
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("press-photo: {e}");
            ExitCode::from(1)
        }
    }
}
