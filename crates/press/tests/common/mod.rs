//! Fixture content trees in temporary folders.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use model::paths;

/// The fixture's site.toml: four sections (one with children), footer, social, legal links and
/// a countdown.
pub fn site_toml() -> String {
    format!(
        r#"name = "CIVILHETES"
tagline = "Független Közéleti Magazin"
motto = "Középen állunk"
base_url = "https://civilhetes.example"
copyright_from = 2011
menu_inline = 2
popular_tags = 3
popular_window_days = 365

[[sections]]
slug = "belfold"
name = "Belföld"

[[sections]]
slug = "kulfold"
name = "Külföld"

[[sections]]
slug = "kultura"
name = "Kultúra"
children = [ {{ slug = "film", name = "Film" }}, {{ slug = "zene", name = "Zene" }} ]

[[sections]]
slug = "video"
name = "Videó"

[[footer_sections]]
label = "Belföld"
href = "{belfold}"

[[footer_sections]]
label = "Minden más"
href = "{gathered}"

[[social]]
network = "instagram"
label = "Instagram"
href = "https://www.instagram.com/civilhetes"

[[legal]]
label = "Impresszum"
href = "{impresszum}"

[countdown]
title = "Választási visszaszámláló"
target = 2026-04-12T06:00:00+02:00
after = "Az urnák megnyíltak."
href = "{valasztas}"
"#,
        belfold = paths::section("belfold"),
        gathered = paths::section("minden-mas"),
        impresszum = paths::static_page("impresszum"),
        valasztas = paths::tag("valasztas"),
    )
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// site.toml, two authors with avatars, a cover image and the Impresszum page; no articles.
    pub fn new() -> Self {
        let f = Fixture { dir: tempfile::tempdir().unwrap() };
        f.write("content/site.toml", &site_toml());
        f.write(
            "content/authors/kovacs-anna.toml",
            "name = \"Kovács Anna\"\navatar = \"/public/avatars/kovacs-anna.svg\"\nbio = \"Belpolitikai újságíró.\"\n",
        );
        f.write(
            "content/authors/nagy-peter.toml",
            "name = \"Nagy Péter\"\navatar = \"/public/avatars/nagy-peter.svg\"\n",
        );
        f.write("public/avatars/kovacs-anna.svg", r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"/>"#);
        f.write("public/avatars/nagy-peter.svg", r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"/>"#);
        f.write("public/images/duna.svg", r#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"/>"#);
        f.write("public/images/kep.svg", r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600"/>"#);
        f.write("content/pages/impresszum.md", "+++\ntitle = \"Impresszum\"\n+++\nFelelős kiadó: **valaki**.\n");
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn content(&self) -> PathBuf {
        self.root().join("content")
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("dist").join("content")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// An article with a cover, in `content/articles/<section>/<slug>.md`.
    pub fn article(&self, slug: &str, section: &str, published: &str, tags: &[&str], body: &str) {
        let tags = tags.iter().map(|t| format!("{t:?}")).collect::<Vec<_>>().join(", ");
        self.write(
            &format!("content/articles/{section}/{slug}.md"),
            &format!(
                "+++\ntitle = \"Cím: {slug}\"\nlead = \"Bevezető.\"\nsection = \"{section}\"\ntags = [{tags}]\nauthor = \"kovacs-anna\"\npublished = {published}\n[cover]\nsrc = \"/public/images/duna.svg\"\nalt = \"A Duna\"\ncredit = \"Illusztráció: CIVILHETES\"\n+++\n{body}"
            ),
        );
    }

    /// The path of a content file as diagnostics show it.
    pub fn shown(&self, rel: &str) -> String {
        self.content().join(rel).display().to_string()
    }

    pub fn build(&self) -> Result<press::BuildReport, press::BuildError> {
        press::build(&self.content(), &self.public(), &self.out())
    }

    pub fn json(&self, rel: &str) -> serde_json::Value {
        let path = self.out().join(rel);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_slice(&bytes).unwrap()
    }

    /// Every file under `dir`, relative path → bytes.
    pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| !e.file_type().is_dir())
            .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
            .collect();
        out.sort();
        out
    }
}

/// The error diagnostics of a failed build, as the CLI prints them (without `error: `).
pub fn errors(result: Result<press::BuildReport, press::BuildError>) -> Vec<String> {
    match result {
        Ok(_) => panic!("the build should have failed"),
        Err(press::BuildError::Content(diags)) => {
            diags.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect()
        }
        Err(e) => panic!("expected content errors, got {e:?}"),
    }
}
