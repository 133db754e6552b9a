//! `press publish`, the real binary on fixture trees: what a deploy hook is handed, two runs at
//! once, a broken article, a scheduled one going out under `--every`, a CMS that is down, and
//! SIGTERM.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::Fixture;

const SHELL: &str = "<!doctype html><html lang=hu><meta charset=utf-8><meta content=/content/ name=hirlap-content-base><title>CIVILHETES</title><link href=/main-0123.css rel=stylesheet><script type=module>import('/hirlap-0123.js');</script></head><body></body></html>";

/// A hook that keeps copies of the lists it is handed in `<root>/hook-<n>/`.
const KEEP_LISTS: &str = r#"n=$(ls -d "$ROOT"/hook-* 2>/dev/null | wc -l); mkdir "$ROOT/hook-$n" && cp "$PRESS_CHANGED" "$ROOT/hook-$n/changed" && cp "$PRESS_REMOVED" "$ROOT/hook-$n/removed" && echo "$PRESS_DIST" > "$ROOT/hook-$n/dist""#;

/// Sources with two articles and a `dist` as `trunk build` leaves it: the app's shell and files,
/// no JSON tree, no public copy yet.
fn fixture() -> Fixture {
    let f = Fixture::new();
    f.article("uj-kerekparut", "belfold", "2024-03-15T09:30:00+01:00", &["Budapest"], "Szöveg.\n");
    f.article("koncert", "kultura", "2024-02-01T19:00:00+01:00", &["Zene"], "Szöveg.\n");
    f.write("dist/index.html", SHELL);
    f.write("dist/hirlap-0123.js", "// the app");
    f
}

fn dist(f: &Fixture) -> PathBuf {
    f.root().join("dist")
}

fn press(f: &Fixture, extra: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_press"));
    c.arg("publish").arg("--content").arg(f.content()).arg("--dist").arg(dist(f)).args(extra);
    c.env("ROOT", f.root());
    c
}

fn run(f: &Fixture, extra: &[&str]) -> (i32, String, String) {
    let Output { status, stdout, stderr } = press(f, extra).output().unwrap();
    (status.code().unwrap_or(-1), String::from_utf8(stdout).unwrap(), String::from_utf8(stderr).unwrap())
}

/// The lists the `n`th run of [`KEEP_LISTS`] got.
fn hooked(f: &Fixture, n: usize) -> (Vec<String>, Vec<String>) {
    let read = |name: &str| {
        let text = std::fs::read_to_string(f.root().join(format!("hook-{n}/{name}"))).unwrap();
        text.lines().map(str::to_owned).collect::<Vec<_>>()
    };
    (read("changed"), read("removed"))
}

/// Every file under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    Fixture::snapshot(dir).into_iter().map(|(p, _)| p).collect()
}

/// What a run may leave beside dist: the lock, the lists, the records of a good run's inputs,
/// of its documents' stamps and of its article files' inputs (docs/adr/0022), the parse cache
/// (docs/adr/0021), never a staging folder.
fn beside_dist(f: &Fixture) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(f.root()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.retain(|n| n.starts_with(".dist") || n.starts_with("dist"));
    names.sort();
    names
}

fn no_stage_folders(f: &Fixture) {
    let mut beside = beside_dist(f);
    assert!(!beside.iter().any(|n| n.contains(".tmp-")), "no half-written record: {beside:?}");
    let cache = |n: &str| {
        n == ".dist.parse-cache"
            || n == ".dist.parse-cache.lock"
            || (n.starts_with(".dist.parse-cache-") && n.ends_with(".bodies"))
    };
    let records = [
        ".dist.publish-inputs",
        ".dist.site-stamps",
        ".dist.article-prints",
        ".dist.content-files",
        ".dist.site-files",
    ];
    beside.retain(|n| !records.contains(&n.as_str()) && !cache(n));
    assert_eq!(
        beside,
        [".dist.publish-changed", ".dist.publish-lock", ".dist.publish-removed", "dist"].map(String::from),
    );
    let inside: Vec<String> = std::fs::read_dir(dist(f))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(inside.is_empty(), "{inside:?}");
}

const NOW: &str = "2025-01-01T12:00:00Z";

#[test]
fn a_publish_writes_the_site_and_hands_the_hook_what_changed_and_what_went() {
    let f = fixture();
    let (code, stdout, stderr) = run(&f, &["--now", NOW, "--deploy", KEEP_LISTS]);
    assert_eq!(code, 0, "{stderr}");
    let line = stdout.trim_end();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(line.starts_with("press publish: 2025-01-01T12:00:00Z ok in "), "{line}");
    for step in [" build ", "public ", " site ", " prune ", " deploy "] {
        assert!(line.contains(step), "{step} in {line}");
    }
    let d = dist(&f);
    assert!(std::fs::read_to_string(d.join("index.html")).unwrap().contains("id=\"prerender\""));
    assert!(d.join("belfold/2024/03/15/uj-kerekparut/index.html").is_file());
    assert!(d.join("content/articles/belfold/2024/03/15/uj-kerekparut.json").is_file());
    assert!(d.join("public/avatars/kovacs-anna.svg").is_file(), "public/ is copied in");

    // The first publish changed every file but the app's own.
    let (changed, removed) = hooked(&f, 0);
    let mut expected = files(&d);
    expected.retain(|p| p != "hirlap-0123.js");
    assert_eq!(changed, expected);
    assert!(removed.is_empty(), "{removed:?}");
    let hook_dist = std::fs::read_to_string(f.root().join("hook-0/dist")).unwrap();
    assert_eq!(Path::new(hook_dist.trim()), std::path::absolute(&d).unwrap());

    // Nothing changed: empty lists.
    let (code, stdout, stderr) = run(&f, &["--now", NOW, "--deploy", KEEP_LISTS]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("deploy") && stdout.contains("(0 changed, 0 removed)"), "{stdout}");
    assert_eq!(hooked(&f, 1), (vec![], vec![]));

    // One article added, one deleted: its page and document go, the lists say which.
    f.article("uj-cikk", "belfold", "2024-06-01T08:00:00+02:00", &["Budapest"], "Új.\n");
    std::fs::remove_file(f.content().join("articles/kultura/koncert.md")).unwrap();
    let (code, _, stderr) = run(&f, &["--now", NOW, "--deploy", KEEP_LISTS]);
    assert_eq!(code, 0, "{stderr}");
    let (changed, removed) = hooked(&f, 2);
    for c in ["belfold/2024/06/01/uj-cikk/index.html", "content/articles/belfold/2024/06/01/uj-cikk.json", "index.html"]
    {
        assert!(changed.contains(&c.to_owned()), "{c} in {changed:?}");
    }
    for r in ["kultura/2024/02/01/koncert/index.html", "content/articles/kultura/2024/02/01/koncert.json"] {
        assert!(removed.contains(&r.to_owned()), "{r} in {removed:?}");
        assert!(!d.join(r).exists());
    }
    assert!(changed.iter().all(|c| d.join(c).is_file()), "every changed file is there");
    assert!(!changed.contains(&"public/avatars/kovacs-anna.svg".to_owned()), "unchanged files are not listed");
    no_stage_folders(&f);
}

#[test]
fn a_failed_deploy_hands_its_files_to_the_next_one() {
    let f = fixture();
    let (code, stdout, stderr) = run(&f, &["--now", NOW, "--deploy", "exit 3"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("FAILED at deploy"), "{stdout}");
    assert!(stderr.contains("the deploy command failed (exit status: 3)"), "{stderr}");
    let (code, _, stderr) = run(&f, &["--now", NOW, "--deploy", KEEP_LISTS]);
    assert_eq!(code, 0, "{stderr}");
    let (changed, _) = hooked(&f, 0);
    assert!(changed.contains(&"index.html".to_owned()) && changed.len() > 20, "{changed:?}");
}

/// Every file under `dir` with its modification time.
fn mtimes(dir: &Path) -> Vec<(String, std::time::SystemTime)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), e.metadata().unwrap().modified().unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn a_run_that_finds_nothing_changed_builds_nothing_and_any_change_builds_again() {
    let f = fixture();
    assert_eq!(run(&f, &["--now", NOW]).0, 0);
    let d = dist(&f);
    let before = mtimes(&d);

    let (code, stdout, stderr) = run(&f, &["--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("unchanged since the last run: nothing to build"), "{stdout}");
    assert!(!stdout.contains(" build ") && !stdout.contains(" site "), "{stdout}");
    assert_eq!(mtimes(&d), before, "not a file touched");

    // Other words of the same length, and the old modification time put back (a restored
    // backup, `cp -p`): still a change.
    let source = f.content().join("articles/belfold/uj-kerekparut.md");
    let mtime = std::fs::metadata(&source).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&source).unwrap().replace("Szöveg.", "Hírünk.");
    std::fs::write(&source, text).unwrap();
    std::fs::File::options().write(true).open(&source).unwrap().set_modified(mtime).unwrap();
    let (code, stdout, stderr) = run(&f, &["--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(" build ") && stdout.contains(" site "), "{stdout}");
    let page = std::fs::read_to_string(d.join("belfold/2024/03/15/uj-kerekparut/index.html")).unwrap();
    assert!(page.contains("Hírünk."), "the edit is published");

    // A new app shell from Trunk: every page again.
    f.write("dist/index.html", &SHELL.replace("main-0123.css", "main-4567.css"));
    let (code, stdout, _) = run(&f, &["--now", NOW]);
    assert_eq!(code, 0);
    assert!(stdout.contains(" site "), "{stdout}");
    for page in ["index.html", "belfold/2024/03/15/uj-kerekparut/index.html", "cimke/zene/index.html"] {
        assert!(std::fs::read_to_string(d.join(page)).unwrap().contains("main-4567.css"), "{page}");
    }

    // A failed run leaves no record behind, so the next one tries again.
    f.write("content/articles/belfold/rossz.md", "+++\ntitle = \"Rossz\"\nlead = \n+++\n");
    assert_eq!(run(&f, &["--now", NOW]).0, 1);
    assert!(!f.root().join(".dist.publish-inputs").exists());
    assert_eq!(run(&f, &["--now", NOW]).0, 1, "still broken: fails again, nothing is skipped");
    std::fs::remove_file(f.content().join("articles/belfold/rossz.md")).unwrap();
    let (code, stdout, _) = run(&f, &["--now", NOW]);
    assert_eq!(code, 0);
    assert!(stdout.contains(" build "), "{stdout}");
    assert!(f.root().join(".dist.publish-inputs").is_file());
}

/// Waits until `file` holds `child`'s process id (the lock is taken), up to a minute.
fn wait_for_lock(f: &Fixture, child: &Child) {
    let lock = f.root().join(".dist.publish-lock");
    let t = Instant::now();
    while std::fs::read_to_string(&lock).ok().map(|s| s.trim().to_owned()) != Some(child.id().to_string()) {
        assert!(t.elapsed() < Duration::from_secs(60), "the first run never took the lock");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn two_publishes_never_overlap() {
    let f = fixture();
    // The first run holds the lock for as long as its deploy takes.
    let mut first = press(&f, &["--now", NOW, "--deploy", "sleep 3"]).stdout(Stdio::piped()).spawn().unwrap();
    wait_for_lock(&f, &first);
    let (code, stdout, stderr) = run(&f, &["--now", NOW, "--no-wait"]);
    assert_eq!(code, 75, "{stdout}{stderr}");
    assert!(stderr.contains(&format!("another press publish is running (process {}, lock ", first.id())), "{stderr}");
    assert!(stderr.contains("not waiting (--no-wait)"), "{stderr}");
    assert!(stdout.contains("FAILED at lock"), "{stdout}");
    // Without --no-wait the next one waits, says so, and runs once the first is done.
    let (code, _, stderr) = run(&f, &["--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("another publish is running"), "{stderr}");
    assert!(stderr.contains("waiting for it to finish"), "{stderr}");
    assert!(first.wait().unwrap().success());
    assert!(dist(&f).join("belfold/2024/03/15/uj-kerekparut/index.html").is_file());
    no_stage_folders(&f);
}

#[test]
fn a_broken_article_fails_the_run_and_keeps_the_last_good_site() {
    let f = fixture();
    assert_eq!(run(&f, &["--now", NOW, "--deploy", "true"]).0, 0);
    let before = Fixture::snapshot(&dist(&f));
    f.write("content/articles/belfold/rossz.md", "+++\ntitle = \"Rossz\"\nlead = \n+++\n");
    let (code, stdout, stderr) = run(&f, &["--now", NOW, "--deploy", KEEP_LISTS]);
    assert_eq!(code, 1);
    let file = f.shown("articles/belfold/rossz.md");
    assert!(stderr.contains(&format!("error: {file}:3:")), "{stderr}");
    assert!(stderr.contains("press publish: build: 1 error in the sources; the site is left as it was"), "{stderr}");
    assert!(stdout.starts_with("press publish: 2025-01-01T12:00:00Z FAILED at build in "), "{stdout}");
    assert_eq!(Fixture::snapshot(&dist(&f)), before, "the last good site, byte for byte");
    assert!(!f.root().join("hook-0").exists(), "no deploy after a failed build");
    no_stage_folders(&f);
}

#[test]
fn a_cms_that_is_down_fails_the_run_but_the_sources_are_still_published() {
    let f = fixture();
    // Nothing listens on the discard port: every request is refused at once.
    let site = std::fs::read_to_string(f.content().join("site.toml")).unwrap();
    f.write("content/site.toml", &format!("{site}\n[pull]\ncms = \"wordpress\"\nurl = \"http://127.0.0.1:9\"\n"));
    let (code, stdout, stderr) = run(&f, &["--now", NOW]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("FAILED at pull") && stdout.contains("pull ") && stdout.contains(" site "), "{stdout}");
    assert!(stderr.contains("press publish: pull: the pull failed ("), "{stderr}");
    assert!(stderr.contains("127.0.0.1:9"), "the error names the address: {stderr}");
    assert!(dist(&f).join("belfold/2024/03/15/uj-kerekparut/index.html").is_file());
    // --no-pull skips it.
    let (code, stdout, _) = run(&f, &["--now", NOW, "--no-pull"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(!stdout.contains("pull "), "{stdout}");
}

/// Reads `child`'s stdout lines into a channel.
fn lines(child: &mut Child) -> std::sync::mpsc::Receiver<String> {
    let out = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    rx
}

fn sigterm(child: &Child) {
    assert!(Command::new("kill").arg("-TERM").arg(child.id().to_string()).status().unwrap().success());
}

#[test]
fn every_publishes_a_scheduled_article_within_the_interval_and_stops_on_sigterm() {
    let f = fixture();
    // Due a few seconds from now, on the second (front matter dates have no fractions).
    let due = chrono::Utc::now() + chrono::Duration::seconds(8);
    let due = chrono::DateTime::<chrono::Utc>::from_timestamp(due.timestamp(), 0).unwrap();
    f.article("idozitett", "belfold", &due.to_rfc3339(), &["Budapest"], "Pontosan most.\n");
    let page = dist(&f).join(format!("belfold/{}/idozitett/index.html", due.format("%Y/%m/%d")));
    let mut child = press(&f, &["--every", "1s"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let runs = lines(&mut child);
    // Watched from the start: it must not appear before its time.
    let t = Instant::now();
    while !page.exists() {
        assert!(t.elapsed() < Duration::from_secs(120), "never published");
        std::thread::sleep(Duration::from_millis(20));
    }
    let seen = chrono::Utc::now();
    assert!(seen >= due, "published at {seen}, due {due}");
    let mut log: Vec<String> = runs.try_iter().collect();
    // The run that published it, which had not said so when its page went in.
    log.push(runs.recv_timeout(Duration::from_secs(120)).expect("the publishing run reports"));
    let slowest = log.iter().map(|l| run_time(l)).max().unwrap();
    assert!(log.iter().all(|l| l.contains(" ok in ")), "{log:?}");
    // At worst a run starts just before the article is due, the interval (1 s) passes, and the
    // next run publishes it: two runs and the interval, plus a second for the file system and
    // this test's polling. Runs are timed as they happened, so a busy machine moves the bound.
    let late = (seen - due).to_std().unwrap();
    assert!(late < Duration::from_secs(2) + 2 * slowest, "{late:?} late; {log:?}");

    sigterm(&child);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(stderr.trim_end().ends_with("press publish: stopped"), "{stderr}");
    no_stage_folders(&f);
    assert!(page.is_file() && dist(&f).join("index.html").is_file());
}

/// A run's time from its log line (`… ok in 1.23 s: …`).
fn run_time(line: &str) -> Duration {
    let secs = line.split(" in ").nth(1).and_then(|r| r.split(' ').next()).and_then(|s| s.parse::<f64>().ok());
    Duration::from_secs_f64(secs.unwrap_or(5.0))
}

#[test]
fn sigterm_in_the_middle_of_a_run_finishes_the_step_and_leaves_a_whole_site() {
    let f = fixture();
    for i in 0..30 {
        f.article(&format!("cikk-{i}"), "belfold", "2024-05-01T08:00:00+02:00", &["Budapest"], "Szöveg.\n");
    }
    let mut child = press(&f, &["--every", "100ms", "--deploy", "sleep 0.2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let runs = lines(&mut child);
    runs.recv_timeout(Duration::from_secs(120)).unwrap();
    // Runs follow each other with 100 ms between them: this lands inside one.
    std::thread::sleep(Duration::from_millis(350));
    sigterm(&child);
    assert_eq!(child.wait().unwrap().code(), Some(0));
    no_stage_folders(&f);
    let d = dist(&f);
    assert!(d.join("belfold/2024/05/01/cikk-29/index.html").is_file());
    // The site as one run wrote it: every article's page, and the sources still build to the
    // same tree (nothing half-written).
    let before = Fixture::snapshot(&d);
    let (code, _, stderr) = run(&f, &["--no-pull"]);
    assert_eq!(code, 0, "{stderr}");
    let after = Fixture::snapshot(&d);
    let changed: Vec<&String> = after
        .iter()
        .filter(|(p, b)| before.iter().find(|(q, _)| q == p).is_none_or(|(_, c)| c != b))
        .map(|(p, _)| p)
        .collect();
    // Only what depends on the clock (the countdown's time in every page) may differ.
    assert!(changed.iter().all(|p| p.ends_with(".html")), "{changed:?}");
}
