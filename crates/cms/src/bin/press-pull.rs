//! `press-pull`: the pull on its own, until `press pull` calls [`cms::run`] (one line in press's CLI).

use clap::Parser;

#[derive(Parser)]
#[command(name = "press-pull", about = "Pull a WordPress or Drupal site into hirlap's content/ and public/")]
struct Cli {
    #[command(flatten)]
    args: cms::PullArgs,
}

fn main() -> std::process::ExitCode {
    cms::run(Cli::parse().args)
}
