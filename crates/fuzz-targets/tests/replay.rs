//! Every fuzz target's committed inputs, in `cargo test`, without cargo-fuzz or nightly: the
//! seed corpus (`fuzz/corpus/<target>/`), every input that once found a bug
//! (`fuzz/regressions/<target>/`), then a short seeded random pass that mutates the seeds
//! as libFuzzer would, the same inputs on every run. A panic in a target fails the test with
//! the target and the input named (docs/FUZZING.md: how a finding becomes a regression).
//!
//! `FUZZ_REPLAY_SEED=<n>` tries other random inputs; `FUZZ_REPLAY_ROUNDS=<n>` more or fewer.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

use fuzz_targets::TARGETS;

const SEED: u64 = 0x6675_7a7a;
/// Mutated inputs per target: under half a minute for all of them in the dev profile on a
/// loaded 2-core machine, json_decode the slowest.
const ROUNDS: u64 = 10_000;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files of `fuzz/<kind>/<target>/`, sorted (none when the folder does not exist).
fn inputs(kind: &str, target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = fuzz_dir().join(kind).join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    files.into_iter().map(|p| (p.clone(), std::fs::read(&p).unwrap())).collect()
}

/// Runs `input` through `body`; the panic's message when it panics.
fn run(body: fn(&[u8]), input: &[u8]) -> Result<(), String> {
    catch_unwind(AssertUnwindSafe(|| body(input))).map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "a panic without a message".to_owned())
    })
}

#[test]
fn every_committed_input_passes_every_target() {
    let started = Instant::now();
    let mut failures = Vec::new();
    let mut count = 0;
    for &(target, body) in TARGETS {
        let corpus = inputs("corpus", target);
        assert!(!corpus.is_empty(), "no seed corpus in fuzz/corpus/{target}/");
        for (file, bytes) in corpus.iter().chain(&inputs("regressions", target)) {
            count += 1;
            if let Err(why) = run(body, bytes) {
                failures.push(format!("{target}: {}: {why}", file.display()));
            }
        }
    }
    eprintln!("replayed {count} committed inputs in {:.1?}", started.elapsed());
    assert!(failures.is_empty(), "{} committed inputs fail:\n{}", failures.len(), failures.join("\n\n"));
}

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Bytes that matter to one parser or another: JSON, TOML, Markdown, HTML, URLs.
const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    "\\",
    ":",
    ",",
    "\n",
    "\r\n",
    " ",
    "\t",
    "\0",
    "+++\n",
    "=",
    "#",
    "*",
    "_",
    "`",
    "> ",
    "- ",
    "1. ",
    "![",
    "](",
    ")",
    "<",
    ">",
    "</",
    "/",
    "&",
    "&amp;",
    "%",
    "%2e",
    "%2F",
    "%00",
    "..",
    "?",
    "é",
    "\u{feff}",
    "\u{2028}",
    "😀",
    "-",
    "0",
    "9",
    "1e999",
    "\\u",
    "\\ud800",
    "null",
    "true",
    "http://",
    "<p>",
    "<a href=\"",
    "<img src=\"",
    "<figure>",
    "<blockquote>",
    "<li>",
    "<h2>",
    "'''",
    "\"\"\"",
];

/// One to four breakages, each of the kinds libFuzzer's mutators make.
fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(8) {
            0 => bytes.truncate(at),
            1 if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
            2 if at < bytes.len() => bytes[at] = rng.next() as u8,
            3 => {
                let piece = PIECES[rng.below(PIECES.len())];
                bytes.splice(at..at, piece.bytes());
            }
            4 => {
                let end = (at + 1 + rng.below(16)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            // A piece of the input again, elsewhere.
            5 if at < bytes.len() => {
                let end = (at + 1 + rng.below(64)).min(bytes.len());
                let piece = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, piece);
            }
            // A piece of another seed (libFuzzer's cross-over).
            6 if !other.is_empty() => {
                let from = rng.below(other.len());
                let end = (from + 1 + rng.below(128)).min(other.len());
                bytes.splice(at..at, other[from..end].iter().copied());
            }
            _ => {
                let piece = PIECES[rng.below(PIECES.len())].repeat(1 + rng.below(200));
                bytes.splice(at..at, piece.bytes());
            }
        }
    }
    bytes
}

fn env(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| v.parse().unwrap_or_else(|_| panic!("{name}={v} is not a number")))
}

#[test]
fn seeded_mutations_of_the_corpus_pass_every_target() {
    let seed = env("FUZZ_REPLAY_SEED").unwrap_or(SEED);
    let rounds = env("FUZZ_REPLAY_ROUNDS").unwrap_or(ROUNDS);
    let started = Instant::now();
    let mut failures = Vec::new();
    for (t, &(target, body)) in TARGETS.iter().enumerate() {
        let seeds: Vec<Vec<u8>> = inputs("corpus", target).into_iter().map(|(_, b)| b).collect();
        assert!(!seeds.is_empty(), "no seed corpus in fuzz/corpus/{target}/");
        let target_started = Instant::now();
        let mut rng = Rng(seed ^ (t as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        for round in 0..rounds {
            let (one, other) = (rng.below(seeds.len()), rng.below(seeds.len()));
            let input = mutate(&mut rng, &seeds[one], &seeds[other]);
            if let Err(why) = run(body, &input) {
                failures.push(format!(
                    "{target}, round {round} of seed {seed}: {why}\ninput (save it as fuzz/regressions/{target}/<name>): {:?}",
                    String::from_utf8_lossy(&input)
                ));
                break;
            }
        }
        eprintln!("{target}: {rounds} mutated inputs in {:.1?}", target_started.elapsed());
    }
    eprintln!("seeded pass: {:.1?}", started.elapsed());
    assert!(failures.is_empty(), "{} targets fail:\n{}", failures.len(), failures.join("\n\n"));
}
