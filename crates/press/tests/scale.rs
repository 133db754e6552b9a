//! Synthetic corpora and the properties the benchmarks rely on: synth is deterministic, a
//! synthetic corpus builds cleanly, the output does not depend on the number of threads, and
//! a one-article edit rewrites only the files it affects. (Timings are in scripts/bench.sh,
//! not here.)

mod common;

use std::path::Path;
use std::process::Command;

use common::Fixture;
use synth::{synth, SynthOptions};

fn make(dir: &Path, articles: usize, seed: u64) -> SynthOptions {
    let opts = SynthOptions { articles, seed, out: dir.join("content"), public: dir.join("public"), site: None };
    synth(&opts).unwrap();
    opts
}

fn build(content: &Path, out: &Path, env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_press"));
    cmd.args(["build", "--stats", "--content"]).arg(content).arg("--out").arg(out);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn the_same_seed_gives_byte_identical_corpora() {
    let (a, b, c) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    make(a.path(), 120, 7);
    make(b.path(), 120, 7);
    make(c.path(), 120, 8);
    let (sa, sb, sc) = (Fixture::snapshot(a.path()), Fixture::snapshot(b.path()), Fixture::snapshot(c.path()));
    assert_eq!(sa.len(), sb.len());
    assert!(sa == sb, "same seed, same bytes");
    assert!(sa != sc, "another seed, another corpus");
    // Refuses to write into a folder that is not empty.
    let again =
        SynthOptions { articles: 1, seed: 7, out: a.path().join("content"), public: a.path().join("p"), site: None };
    assert!(synth(&again).is_err());
}

#[test]
fn a_synthetic_corpus_builds_cleanly_with_a_realistic_spread() {
    let dir = tempfile::tempdir().unwrap();
    let opts = make(dir.path(), 250, 1);
    let report = press::build(&opts.out, &opts.public, &dir.path().join("out")).unwrap();
    assert_eq!(report.articles, 250);
    assert!(report.warnings.is_empty(), "{:?}", &report.warnings[..report.warnings.len().min(5)]);
    assert_eq!(report.authors, synth::AUTHORS);
    assert!(report.tags > 150, "{}", report.tags);
    let corpus = press::load(&opts.out, &opts.public).unwrap();
    // Both summer (+02:00) and winter (+01:00) times, a spread over years, sub-sections used.
    let offsets: std::collections::BTreeSet<i32> =
        corpus.articles.iter().map(|a| a.article.published.offset().local_minus_utc()).collect();
    assert_eq!(offsets.into_iter().collect::<Vec<_>>(), vec![3600, 7200]);
    let years: std::collections::BTreeSet<i32> =
        corpus.articles.iter().map(|a| chrono::Datelike::year(&a.article.published)).collect();
    assert!(years.len() >= 9, "{years:?}");
    assert!(corpus.articles.iter().any(|a| a.article.parent_section.is_some()));
    let blocks: std::collections::BTreeSet<&str> = corpus
        .articles
        .iter()
        .flat_map(|a| &a.article.body)
        .map(|b| match b {
            model::Block::Paragraph { .. } => "paragraph",
            model::Block::Heading { .. } => "heading",
            model::Block::PullQuote { .. } => "pull_quote",
            model::Block::Quote { .. } => "quote",
            model::Block::Image { .. } => "image",
            model::Block::List { .. } => "list",
            model::Block::Embed { .. } => "embed",
            model::Block::Unknown => "unknown",
        })
        .collect();
    assert_eq!(blocks.len(), 7, "{blocks:?}");
}

#[test]
fn output_does_not_depend_on_threads_and_a_one_article_edit_rewrites_little() {
    let dir = tempfile::tempdir().unwrap();
    let opts = make(dir.path(), 300, 3);
    let (one, many) = (dir.path().join("one"), dir.path().join("many"));
    build(&opts.out, &one, &[("RAYON_NUM_THREADS", "1"), ("PRESS_WRITERS", "1")]);
    build(&opts.out, &many, &[("RAYON_NUM_THREADS", "8"), ("PRESS_WRITERS", "8")]);
    let (a, b) = (Fixture::snapshot(&one), Fixture::snapshot(&many));
    assert!(a.len() > 500, "{}", a.len());
    assert!(a == b, "the tree is byte-identical whatever the parallelism");

    // The same tree through the model types (resolve) as through build's spliced fast path.
    let corpus = press::load(&opts.out, &opts.public).unwrap();
    let index = press::Index::new(&corpus);
    for (path, bytes) in a.iter().filter(|(p, _)| !p.starts_with("search/")).step_by(7) {
        assert_eq!(index.resolve(path).as_ref(), Some(bytes), "{path}");
    }

    // Nothing changed: nothing written. One article's title changed: a handful of files.
    let stats = build(&opts.out, &many, &[]);
    assert!(stats.contains(" written=0 unchanged="), "{stats}");
    let file = walk_md(&opts.out.join("articles"))[17].clone();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("title = \"", "title = \"Frissítve: ", 1)).unwrap();
    let stats = build(&opts.out, &many, &[]);
    let written: usize = stats.split(" written=").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!((1..60).contains(&written), "{stats}");
    assert!(stats.contains(" removed=0 "), "{stats}");
}

fn walk_md(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<std::path::PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    out.sort();
    out
}
