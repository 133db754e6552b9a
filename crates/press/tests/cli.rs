//! The real binary: exit codes, the summary line, errors on stderr.

mod common;

use std::process::Command;

use common::Fixture;

fn press(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_press")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn build_prints_a_summary_and_exits_zero() {
    let f = Fixture::new();
    f.article("jo", "belfold", "2024-03-15T09:30:00+01:00", &["Budapest", "Duna"], "Szöveg.\n");
    let content = f.content();
    let out = f.out();
    // --public is left out: public/ beside content/ is the default.
    let (code, stdout, stderr) =
        press(&["build", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let prefix = format!("press: 1 articles, 6 sections, 2 tags, 2 authors, 1 pages → {} in ", out.display());
    assert!(stdout.starts_with(&prefix), "{stdout}");
    assert!(stdout.trim_end().ends_with(" s (1 warning)"), "{stdout}");
    assert_eq!(stdout.lines().count(), 1);
    // The one warning: the countdown links to a tag no article has.
    let warning = format!("warning: {}:48: link `{}`", f.shown("site.toml"), model::paths::tag("valasztas"));
    assert!(stderr.starts_with(&warning), "{stderr}");
    assert!(out.join("articles/belfold/2024/03/15/jo.json").is_file());
}

#[test]
fn content_errors_exit_one_and_write_nothing() {
    let f = Fixture::new();
    f.write("content/articles/belfold/rossz.md", "cím nélkül\n");
    let (code, stdout, stderr) = press(&[
        "build",
        &format!("--content={}", f.content().display()),
        "--out",
        f.out().to_str().unwrap(),
        "--public",
        f.public().to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains(&format!(
            "error: {}:1:1: expected `+++` on the first line to open the front matter\n",
            f.shown("articles/belfold/rossz.md")
        )),
        "{stderr}"
    );
    assert!(stderr.trim_end().ends_with("left as it was"), "{stderr}");
    assert!(!f.out().exists());
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(press(&[]).0, 2);
    let (code, _, stderr) = press(&["bulid"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unrecognized subcommand 'bulid'") && stderr.contains("'build'"), "{stderr}");
    let (code, _, stderr) = press(&["build", "--kontent", "x"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unexpected argument '--kontent'") && stderr.contains("'--content'"), "{stderr}");
    assert_eq!(press(&["build", "--out"]).0, 2);
    assert_eq!(press(&["build", "--out="]).0, 2, "an empty value is no folder");
    assert_eq!(press(&["build", "--out", "a", "--out", "b"]).0, 2, "a flag given twice");
    assert_eq!(press(&["serve", "--addr", "127.0.0.1:0", "--poll-ms", "0"]).0, 2);
    let (code, _, stderr) = press(&["site", "--content", "content"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--dist <DIR>"), "{stderr}");
}

#[test]
fn every_command_has_help_listing_its_flags_and_defaults() {
    let (code, stdout, _) = press(&["--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Usage: press [OPTIONS] <COMMAND>"), "{stdout}");
    assert!(stdout.contains("-q, --quiet"), "{stdout}");
    let commands: Vec<&str> =
        stdout.lines().skip_while(|l| *l != "Commands:").skip(1).map_while(|l| l.split_whitespace().next()).collect();
    assert_eq!(commands, ["build", "site", "serve", "new", "check", "pull", "publish", "help"]);
    for (command, flags) in [
        (
            "build",
            &[
                "--content <DIR>",
                "[default: content]",
                "--out <DIR>",
                "[default: dist/content]",
                "--public <DIR>",
                "--stats",
                "--now <TIME>",
                "--drafts",
            ][..],
        ),
        ("site", &["--content <DIR>", "--dist <DIR>", "--public <DIR>", "--now <TIME>", "--drafts"][..]),
        (
            "serve",
            &[
                "--addr <ADDR>",
                "--content <DIR>",
                "--public <DIR>",
                "--poll-ms <N>",
                "--drafts",
                "--preview-token <TOKEN>",
            ][..],
        ),
        ("new", &["<TITLE>", "--section <SECTION>", "--author <AUTHOR>", "--content <DIR>"][..]),
        ("check", &["--content <DIR>", "[default: content]", "--public <DIR>"][..]),
        ("pull", &["<KIND>", "<URL>", "--content <DIR>", "[default: content]", "--full", "--retries <RETRIES>"][..]),
        (
            "publish",
            &[
                "--content <DIR>",
                "--dist <DIR>",
                "[default: dist]",
                "--deploy <COMMAND>",
                "--deploy-all",
                "--no-pull",
                "--every <INTERVAL>",
                "--no-wait",
                "--now <TIME>",
                "-q, --quiet",
            ][..],
        ),
    ] {
        let (code, stdout, stderr) = press(&[command, "--help"]);
        assert_eq!(code, 0, "{command}: {stderr}");
        assert!(stdout.contains(&format!("Usage: press {command}")), "{stdout}");
        for flag in flags {
            assert!(stdout.contains(flag), "press {command} --help lacks {flag}:\n{stdout}");
        }
    }
}
