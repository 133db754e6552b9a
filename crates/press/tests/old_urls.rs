//! content/urls.toml: the URLs press has published keep working after a section, date or slug
//! change (docs/CONTENT.md, "Régi URL-ek").

mod common;

use common::Fixture;

fn redirects(f: &Fixture) -> Vec<(String, String)> {
    let corpus = press::load(&f.content(), &f.public()).unwrap();
    corpus.redirects().into_iter().map(|(a, b)| (a.to_owned(), b.to_owned())).collect()
}

fn record(f: &Fixture) -> String {
    std::fs::read_to_string(f.content().join("urls.toml")).unwrap()
}

#[test]
fn a_build_records_its_urls_in_the_content_tree() {
    let f = Fixture::new();
    f.article("elso", "belfold", "2024-03-15T09:30:00+01:00", &[], "x\n");
    f.build().unwrap();
    let text = record(&f);
    assert!(text.contains("\"/belfold/2024/03/15/elso\" = \"articles/belfold/elso.md\""), "{text}");
    // An unchanged rebuild leaves the file as it was.
    let before = std::fs::metadata(f.content().join("urls.toml")).unwrap().modified().unwrap();
    f.build().unwrap();
    assert_eq!(std::fs::metadata(f.content().join("urls.toml")).unwrap().modified().unwrap(), before);
}

#[test]
fn a_changed_section_and_date_redirect_the_old_url_to_the_new_one() {
    let f = Fixture::new();
    f.article("elso", "belfold", "2024-03-15T09:30:00+01:00", &[], "x\n");
    f.build().unwrap();
    // Same file, another section and day.
    f.article("elso", "belfold", "2024-03-16T09:30:00+01:00", &[], "x\n");
    let text = std::fs::read_to_string(f.content().join("articles/belfold/elso.md")).unwrap();
    f.write("content/articles/belfold/elso.md", &text.replace("section = \"belfold\"", "section = \"kulfold\""));
    let report = f.build().unwrap();
    assert!(!report.warnings.iter().any(|w| w.file.ends_with("urls.toml")), "{:?}", report.warnings);
    assert_eq!(redirects(&f), [("/belfold/2024/03/15/elso".to_owned(), "/kulfold/2024/03/16/elso".to_owned())]);
    // Both URLs are now on record; the old one still points at the same article.
    let text = record(&f);
    assert!(text.contains("\"/belfold/2024/03/15/elso\" = \"articles/belfold/elso.md\""), "{text}");
    assert!(text.contains("\"/kulfold/2024/03/16/elso\" = \"articles/belfold/elso.md\""), "{text}");
    // A third move: the first URL goes straight to the newest one (no chain of redirects).
    let text = std::fs::read_to_string(f.content().join("articles/belfold/elso.md")).unwrap();
    f.write("content/articles/belfold/elso.md", &text.replace("section = \"kulfold\"", "section = \"film\""));
    f.build().unwrap();
    let r = redirects(&f);
    assert!(r.contains(&("/belfold/2024/03/15/elso".into(), "/film/2024/03/16/elso".into())), "{r:?}");
    assert!(r.contains(&("/kulfold/2024/03/16/elso".into(), "/film/2024/03/16/elso".into())), "{r:?}");
}

#[test]
fn a_renamed_file_with_an_id_keeps_its_old_url_and_without_one_is_a_warning() {
    let f = Fixture::new();
    let with_id = "+++\ntitle = \"Cím\"\nlead = \"L.\"\nsection = \"belfold\"\nauthor = \"kovacs-anna\"\npublished = 2024-03-15T09:30:00+01:00\nid = \"cikk-7\"\n+++\nx\n";
    f.write("content/articles/belfold/regi-cim.md", with_id);
    f.article("masik", "belfold", "2024-03-10T09:30:00+01:00", &[], "x\n");
    f.build().unwrap();
    // The slug (the file name) changes: the id carries the old URL over.
    std::fs::remove_file(f.content().join("articles/belfold/regi-cim.md")).unwrap();
    f.write("content/articles/belfold/uj-cim.md", with_id);
    // The other article is renamed too, without an id: press cannot know it is the same one.
    std::fs::rename(f.content().join("articles/belfold/masik.md"), f.content().join("articles/belfold/harmadik.md"))
        .unwrap();
    let report = f.build().unwrap();
    assert_eq!(redirects(&f), [("/belfold/2024/03/15/regi-cim".to_owned(), "/belfold/2024/03/15/uj-cim".to_owned())]);
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w.contains("urls.toml")
            && w.contains("`/belfold/2024/03/10/masik` was published (from articles/belfold/masik.md)")),
        "{warnings:?}"
    );
}

#[test]
fn a_preview_build_records_nothing() {
    let f = Fixture::new();
    f.article("elso", "belfold", "2024-03-15T09:30:00+01:00", &[], "x\n");
    let opts = press::source::LoadOptions { previews: true, ..Default::default() };
    press::build_with(&f.content(), &f.public(), &f.out(), opts).unwrap();
    assert!(!f.content().join("urls.toml").exists());
}
