//! Bad sources: every problem is reported at once with file:line:col, nothing is written, and
//! a previous output is left byte for byte as it was.

mod common;

use common::{errors, Fixture};

/// A valid front matter; tests replace parts of it.
const FM: &str = "+++
title = \"Cím\"
lead = \"Bevezető.\"
section = \"belfold\"
tags = [\"Budapest\"]
author = \"kovacs-anna\"
published = 2024-03-15T09:30:00+01:00
[cover]
src = \"/public/images/duna.svg\"
alt = \"A Duna\"
+++
Szöveg.
";

fn bad(f: &Fixture, rel: &str, from: &str, to: &str) {
    assert!(FM.contains(from), "{from}");
    f.write(&format!("content/{rel}"), &FM.replacen(from, to, 1));
}

#[test]
fn front_matter_errors_name_file_line_and_column() {
    let f = Fixture::new();
    f.write("content/articles/belfold/nincs-kerites.md", "title = \"Cím\"\n\nSzöveg.\n");
    f.write("content/articles/belfold/nincs-zaras.md", "+++\ntitle = \"Cím\"\n\nSzöveg.\n");
    bad(&f, "articles/belfold/szintaxis.md", "lead = \"Bevezető.\"", "lead = \"Bevezető.");
    bad(&f, "articles/belfold/hianyzo.md", "lead = \"Bevezető.\"\n", "");
    bad(&f, "articles/belfold/tipus.md", "tags = [\"Budapest\"]", "tags = \"Budapest\"");
    bad(&f, "articles/belfold/elgepelt.md", "title = ", "titel = \"x\"\ntitle = ");
    bad(&f, "articles/belfold/datum.md", "2024-03-15T09:30:00+01:00", "2024-03-15");
    bad(&f, "articles/belfold/borito.md", "alt = \"A Duna\"\n", "");

    let got = errors(f.build());
    let p = |rel: &str| f.shown(&format!("articles/belfold/{rel}"));
    let mut expected = vec![
        format!("{}:1:1: expected `+++` on the first line to open the front matter", p("nincs-kerites.md")),
        format!("{}:4:1: expected a closing `+++` line after the front matter (opened on line 1)", p("nincs-zaras.md")),
        format!("{}:3:18: invalid basic string, expected `\"`", p("szintaxis.md")),
        format!("{}:1:1: missing field `lead` in the front matter", p("hianyzo.md")),
        format!("{}:5:8: invalid type: string \"Budapest\", expected a sequence", p("tipus.md")),
        format!(
            "{}:2:1: unknown field `titel`, expected one of `title`, `lead`, `section`, `tags`, `author`, `published`, `updated`, `source`, `cover`, `aliases`, `id`, `draft`, `live`, `live_ended`",
            p("elgepelt.md")
        ),
        format!(
            "{}:7:13: `2024-03-15` has no time or no offset; expected a date-time with an offset, e.g. 2024-03-15T09:30:00+01:00",
            p("datum.md")
        ),
        format!("{}:8:1: missing field `alt`", p("borito.md")),
    ];
    let mut got_sorted = got.clone();
    got_sorted.sort();
    expected.sort();
    assert_eq!(got_sorted, expected);
    assert!(!f.out().exists());
}

#[test]
fn reference_errors_are_all_collected() {
    let f = Fixture::new();
    f.article("jo", "belfold", "2024-03-15T09:30:00+01:00", &["Budapest"], "Szöveg.\n");
    bad(&f, "articles/belfold/rovat.md", "section = \"belfold\"", "section = \"belfod\"");
    bad(&f, "articles/belfold/szerzo.md", "author = \"kovacs-anna\"", "author = \"kovacs-ana\"");
    bad(&f, "articles/belfold/nincs-kep.md", "/public/images/duna.svg", "/public/images/nincs.svg");
    // Same section, date and slug from two folders.
    f.article("dupla", "belfold", "2024-05-01T10:00:00+02:00", &[], "Egy.\n");
    f.write("content/articles/archiv/dupla.md", &FM.replace("2024-03-15T09:30:00+01:00", "2024-05-01T23:00:00+02:00"));
    bad(
        &f,
        "articles/belfold/torzs.md",
        "Szöveg.\n",
        "Szöveg.\n\n![Hiányzó](/public/images/sehol.svg)\n\nKattints [ide](javascript:alert(1)).\n",
    );
    bad(&f, "articles/belfold/Rossz Nev.md", "Szöveg.", "Szöveg.");

    let got = errors(f.build());
    let p = |rel: &str| f.shown(&format!("articles/{rel}"));
    let public = f.public();
    let mut expected = vec![
        format!("{}:4:11: unknown section `belfod`; did you mean `belfold`?", p("belfold/rovat.md")),
        format!(
            "{}:6:10: unknown author `kovacs-ana` (no authors/kovacs-ana.toml); did you mean `kovacs-anna`?",
            p("belfold/szerzo.md")
        ),
        format!(
            "{}:9:7: cover: image `/public/images/nincs.svg` not found (looked for {})",
            p("belfold/nincs-kep.md"),
            public.join("images").join("nincs.svg").display()
        ),
        format!(
            "{}: duplicate article path `/belfold/2024/05/01/dupla`: {} has the same section, date and slug",
            p("belfold/dupla.md"),
            p("archiv/dupla.md")
        ),
        format!(
            "{}:14:1: image `/public/images/sehol.svg` not found (looked for {})",
            p("belfold/torzs.md"),
            public.join("images").join("sehol.svg").display()
        ),
        format!(
            "{}:16:10: link target `javascript:alert(1)` is not allowed (use http, https, mailto, tel or a site path)",
            p("belfold/torzs.md")
        ),
        format!(
            "{}: the file name `Rossz Nev` is not a slug (a-z, 0-9 and -): rename it to `rossz-nev`",
            p("belfold/Rossz Nev.md")
        ),
    ];
    let mut got_sorted = got.clone();
    got_sorted.sort();
    expected.sort();
    assert_eq!(got_sorted, expected);
}

#[test]
fn site_and_author_errors() {
    let f = Fixture::new();
    let legal = format!("href = \"{}\"", model::paths::static_page("impresszum"));
    let site = common::site_toml()
        .replace("slug = \"video\"", "slug = \"Videó\"")
        .replace("network = \"instagram\"", "network = \"myspace\"")
        .replace(&legal, "href = \"javascript:void(0)\"");
    f.write("content/site.toml", &site);
    f.write("content/authors/szabo-eva.toml", "name = \"Szabó Éva\"\navatar = \"/public/avatars/nincs.svg\"\n");
    f.write("content/authors/toth-adam.toml", "name = \"Tóth Ádám\"\n");
    let got = errors(f.build());
    let s = f.shown("site.toml");
    let mut expected = vec![
        format!("{s}:24:8: section slug `Videó` is not a slug; expected `video`"),
        format!(
            "{s}:36:11: unknown social network `myspace`, expected one of instagram, facebook, twitter, coub, youtube"
        ),
        format!("{s}:42:8: link `javascript:void(0)` is not allowed (use http, https, mailto, tel or a site path)"),
        format!(
            "{}:2:10: avatar: image `/public/avatars/nincs.svg` not found (looked for {})",
            f.shown("authors/szabo-eva.toml"),
            f.public().join("avatars").join("nincs.svg").display()
        ),
        format!("{}:1:1: missing field `avatar` in the author file", f.shown("authors/toth-adam.toml")),
    ];
    let mut got_sorted = got.clone();
    got_sorted.sort();
    expected.sort();
    assert_eq!(got_sorted, expected);
}

#[test]
fn a_site_toml_syntax_error_is_positioned() {
    let f = Fixture::new();
    f.write("content/site.toml", &common::site_toml().replace("menu_inline = 2", "menu_inline = = 2"));
    // Articles are still checked, so their own errors show up in the same run.
    f.write("content/articles/belfold/x.md", "nem front matter\n");
    let got = errors(f.build());
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().any(|e| e.starts_with(&format!("{}:6:", f.shown("site.toml")))), "{got:?}");
    assert!(got.iter().any(|e| e.starts_with(&format!("{}:1:1:", f.shown("articles/belfold/x.md")))), "{got:?}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let f = Fixture::new();
    f.article("jo", "belfold", "2024-03-15T09:30:00+01:00", &["Budapest"], "Szöveg.\n");
    f.build().unwrap();
    let before = Fixture::snapshot(&f.out());
    assert!(before.len() > 10);

    // A new good article and a bad one: nothing of either may reach the output.
    f.article("masik", "belfold", "2024-04-01T09:30:00+02:00", &["Budapest"], "Szöveg.\n");
    bad(&f, "articles/belfold/rossz.md", "section = \"belfold\"", "section = 12");
    let got = errors(f.build());
    assert_eq!(
        got,
        vec![format!("{}:4:11: invalid type: integer `12`, expected a string", f.shown("articles/belfold/rossz.md"))]
    );

    assert_eq!(Fixture::snapshot(&f.out()), before);
    let siblings: Vec<String> = std::fs::read_dir(f.root().join("dist"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(siblings, ["content"], "no temporary folder is left behind");
}

#[test]
fn a_failed_write_leaves_the_previous_output_and_no_temporary_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    press::write_tree_atomically(&out, &[("a/1.json".to_owned(), b"{\"x\":1}".to_vec())]).unwrap();
    let before = Fixture::snapshot(&out);
    // A path that escapes the tree makes the write fail half way.
    let files = vec![("b/1.json".to_owned(), b"{}".to_vec()), ("../evil.json".to_owned(), b"{}".to_vec())];
    assert!(press::write_tree_atomically(&out, &files).is_err());
    assert_eq!(Fixture::snapshot(&out), before);
    assert!(!dir.path().join("evil.json").exists());
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["out"]);
}

#[test]
fn a_symbolic_link_loop_under_content_is_one_error_naming_the_link() {
    let f = Fixture::new();
    f.article("elso", "belfold", "2024-03-15T09:30:00+01:00", &["Budapest"], "Szöveg.\n");
    // A folder of linked articles that links back to the articles' own folder.
    let link = f.content().join("articles/belfold/vissza");
    std::os::unix::fs::symlink(f.content().join("articles"), &link).unwrap();
    let got = errors(f.build());
    assert_eq!(got.len(), 1, "{got:#?}");
    let shown = link.display().to_string();
    assert!(got[0].starts_with(&format!("{shown}: ")), "{got:?}");
    assert!(got[0].contains("symbolic link loop"), "{got:?}");
    assert!(got[0].contains(&f.content().join("articles").display().to_string()), "{got:?}");
}
