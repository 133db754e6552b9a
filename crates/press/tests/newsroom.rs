//! `press new` and `press check`, run as the editors run them.

mod common;

use std::process::Command;

use common::Fixture;

fn press(f: &Fixture, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_press")).current_dir(f.root()).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn press_new_writes_a_draft_skeleton_that_checks_and_publishes_once_undrafted() {
    let f = Fixture::new();
    let before = chrono::Utc::now();
    let (code, out, err) =
        press(&f, &["new", "Orosz–ukrán tárgyalások Genfben", "--section", "kulfold", "--author", "kovacs-anna"]);
    assert_eq!(code, 0, "{err}");
    let file = f.content().join("articles/kulfold/orosz-ukran-targyalasok-genfben.md");
    assert!(out.contains("orosz-ukran-targyalasok-genfben.md"), "{out}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("title = \"Orosz–ukrán tárgyalások Genfben\""), "{text}");
    assert!(text.contains("draft = true"), "{text}");
    // The time in Budapest, with its offset (+01:00 in winter, +02:00 in summer).
    let line = text.lines().find(|l| l.starts_with("published = ")).unwrap();
    let stamp = chrono::DateTime::parse_from_rfc3339(line.trim_start_matches("published = ")).unwrap();
    assert_eq!(*stamp.offset(), model::date::budapest_offset(before));
    assert!((stamp.with_timezone(&chrono::Utc) - before).num_seconds().abs() < 60);

    // Checked (as a draft) but not published by a plain build.
    let (code, out, err) = press(&f, &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("press check: 1 articles"), "{out}");
    let report = f.build().unwrap();
    assert_eq!(report.articles, 0);
    // Undrafted (and given a lead): published.
    std::fs::write(&file, text.replace("draft = true\n", "").replace("lead = \"\"", "lead = \"Bevezető.\"")).unwrap();
    assert_eq!(f.build().unwrap().articles, 1);

    // The same title again, an unknown section or author: refused, nothing written.
    let (code, _, err) =
        press(&f, &["new", "Orosz–ukrán tárgyalások Genfben", "--section", "kulfold", "--author", "kovacs-anna"]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists"), "{err}");
    let (code, _, err) = press(&f, &["new", "Más", "--section", "kulfod", "--author", "kovacs-anna"]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown section `kulfod`"), "{err}");
    let (code, _, err) = press(&f, &["new", "Más", "--section", "kulfold", "--author", "senki"]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown author `senki`"), "{err}");
    assert!(!f.content().join("articles/kulfold/mas.md").exists());
}

#[test]
fn press_check_reports_every_error_and_writes_nothing() {
    let f = Fixture::new();
    f.article("jo", "belfold", "2024-03-15T09:30:00+01:00", &[], "x\n");
    f.write(
        "content/articles/belfold/rossz.md",
        "+++\ntitle = \"Rossz\"\nlead = \"x\"\nsection = \"belfod\"\nauthor = \"kovacs-anna\"\npublished = 2024-03-16T09:30:00+01:00\ndraft = true\n+++\nx\n",
    );
    let (code, _, err) = press(&f, &["check"]);
    assert_eq!(code, 1);
    // A draft's error is an error for check: the editor asked for everything.
    assert!(
        err.contains("error: ") && err.contains("rossz.md:4:11: unknown section `belfod`; did you mean `belfold`?"),
        "{err}"
    );
    assert!(err.contains("press check: 1 error"), "{err}");
    assert!(!f.root().join("dist").exists());
    assert!(!f.content().join("urls.toml").exists());
}
