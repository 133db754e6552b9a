//! Against a real WordPress (Debian's 6.1 on loopback, started and seeded by
//! scripts/wordpress.sh; `make test-cms` does it and sets HIRLAP_WP_URL). Without it this test
//! says so and passes only if HIRLAP_REQUIRE_WP is unset.

mod common;

use cms::wordpress::WordPress;
use common::{block_types, diff, fast_fetcher, pull, repo, Tree};

fn wordpress_url() -> Option<String> {
    match std::env::var("HIRLAP_WP_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            assert!(
                std::env::var_os("HIRLAP_REQUIRE_WP").is_none(),
                "HIRLAP_REQUIRE_WP is set but HIRLAP_WP_URL is not"
            );
            eprintln!("skipped: no HIRLAP_WP_URL (run `make test-cms`)");
            None
        }
    }
}

const ARTICLE: &str = "articles/belfold/2024/05/21/megujul-a-duna-parti-setany.json";

#[test]
fn a_real_wordpress_becomes_a_site_and_later_pulls_change_exactly_what_changed() {
    let Some(url) = wordpress_url() else { return };
    let tree = Tree::new("[pull]\nsections = { \"hazai-hirek\" = \"belfold\" }\n");
    let fetcher = fast_fetcher();
    let mut wp = WordPress::new(&url, &fetcher, 100);

    // ---- first pull: everything published, nothing else
    let report = pull(&mut wp, &fetcher, &tree.options()).expect("first pull");
    assert!(report.full);
    assert_eq!(report.articles, 110, "{}", report.summary());
    assert!(
        report.warnings.iter().any(|w| w.contains("„Megújul a Duna-parti sétány”: dropped <script>")),
        "{:?}",
        report.warnings
    );
    assert!(
        report.warnings.iter().any(|w| w.contains("dropped <iframe> (https://terkep.example/beagyazott)")),
        "{:?}",
        report.warnings
    );
    let all_sources: String = tree
        .snapshot()
        .iter()
        .filter(|(k, _)| k.ends_with(".md"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .collect();
    for hidden in ["Piszkozat: új buszvonal", "Időzített cikk", "Belső feljegyzés", "Tévesen közölt hír", "Hello world"]
    {
        assert!(!all_sources.contains(hidden), "`{hidden}` must not be pulled");
    }
    assert!(!all_sources.contains("<script") && !all_sources.contains("<iframe"));

    // ---- what a reader gets, through press
    let built = tree.build();
    assert_eq!(built.articles, 110);
    let a = tree.json(ARTICLE);
    assert_eq!(a["title"], "Megújul a Duna-parti sétány");
    assert_eq!(a["lead"], "Két év munka után a gyalogosoké és a kerékpárosoké lesz a rakpart alsó szakasza.");
    assert_eq!(a["section"]["name"], "Belföld");
    assert_eq!(a["author"]["name"], "Kovács Anna");
    assert_eq!(a["author"]["bio"], "Belpolitikai újságíró; városokról, közlekedésről és önkormányzatokról ír.");
    assert_eq!(a["published"], "2024-05-21T09:30:00+02:00");
    let tags: Vec<&str> = a["tags"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(tags, ["Budapest", "Közlekedés", "Önkormányzat"]);
    assert_eq!(a["cover"]["src"], "/public/cms/2024/05/rakpart-reggel.jpg");
    assert_eq!((a["cover"]["width"].as_u64(), a["cover"]["height"].as_u64()), (Some(640), Some(360)));
    assert_eq!(a["cover"]["credit"], "Fotó: Szalai Réka / CIVILHETES");
    assert_eq!(
        block_types(&a),
        ["paragraph", "heading", "paragraph", "pull_quote", "quote", "image", "list", "list", "embed", "paragraph"]
    );
    let body = &a["body"];
    assert_eq!(body[0]["spans"][1], serde_json::json!({ "text": "nagy többséggel", "strong": true }));
    // A link to another pulled post points at its new page.
    assert_eq!(body[0]["spans"][5]["href"], "/belfold/2024/05/20/hosegriasztas-jon-a-hetvegere");
    assert_eq!(body[3]["text"], "A rakpart végre a városé lesz, nem az autóké.");
    assert_eq!(body[4]["cite"], "Varga Ilona, a környékbeli lakók egyesületének elnöke");
    assert_eq!(body[5]["image"]["src"], "/public/cms/2024/05/uj-setany-terkep.png");
    assert_eq!(body[5]["image"]["caption"], "A sétány három szakasza");
    assert_eq!(body[5]["image"]["credit"], "Térkép: Fővárosi Főépítészi Iroda");
    assert_eq!(
        body[8],
        serde_json::json!({ "type": "embed", "url": "https://www.youtube.com/watch?v=hirlapSeta1", "title": "www.youtube.com" })
    );
    let text = a.to_string();
    assert!(!text.contains("feltörve") && !text.contains("terkep.example"), "script or iframe leaked: {text}");
    // More posts than one REST page: all 105 short notes are there; a mapped category landed.
    assert_eq!(tree.json("sections/technika/1.json")["list"]["total"], 105);
    assert_eq!(
        tree.json("articles/belfold/2024/05/17/akkumulatorgyar-epul-a-dunantulon.json")["section"]["slug"],
        "belfold"
    );
    assert_eq!(tree.json("authors/toth-bence/1.json")["author"]["name"], "Tóth Bence");
    // Old URLs become redirects.
    let corpus = press::load(&tree.content(), &tree.public()).unwrap();
    assert!(corpus
        .redirects()
        .contains(&("/2024/05/21/megujul-a-duna-parti-setany/", "/belfold/2024/05/21/megujul-a-duna-parti-setany")));

    // The first pull's sources, for scripts/test-cms.sh to build into a site and read in Chromium.
    if let Some(keep) = std::env::var_os("HIRLAP_CMS_KEEP") {
        let keep = std::path::PathBuf::from(keep);
        std::fs::create_dir_all(&keep).unwrap();
        for dir in [tree.content(), tree.public()] {
            let status = std::process::Command::new("cp").arg("-R").arg(&dir).arg(&keep).status().unwrap();
            assert!(status.success(), "copying {} into {}", dir.display(), keep.display());
        }
    }

    // ---- an unchanged WordPress gives a byte-identical tree
    let before = tree.snapshot();
    let again = pull(&mut wp, &fetcher, &tree.options()).expect("second pull");
    assert!(!again.full);
    assert_eq!(again.written, 0, "{}", again.summary());
    assert_eq!(diff(&before, &tree.snapshot()), (vec![], vec![], vec![]));

    // ---- edit one post, trash one, publish the draft: exactly those change
    let status = std::process::Command::new(repo().join("scripts/wordpress.sh")).arg("change").status().unwrap();
    assert!(status.success());
    let changed = pull(&mut wp, &fetcher, &tree.options()).expect("pull after the changes");
    assert!(!changed.full);
    let (added, modified, removed) = diff(&before, &tree.snapshot());
    assert_eq!(added, ["content/articles/belfold/uj-buszvonal-indul.md"]);
    assert_eq!(modified, ["content/.pull-state.toml", "content/articles/gazdasag/dragul-a-kenyer.md"]);
    assert_eq!(
        removed,
        ["content/articles/kulfold/kereskedelmi-targyalasok-brusszelben.md", "public/cms/2024/05/targyalo.jpg"]
    );
    tree.build();
    let edited = tree.json("articles/gazdasag/2024/05/18/dragul-a-kenyer.json");
    assert_eq!(edited["title"], "Tovább drágul a kenyér");
    assert!(edited["updated"].is_string());
    assert_eq!(edited["body"][0]["spans"][1]["text"], "tizenkét");
    assert_eq!(
        tree.json("articles/belfold/2024/05/16/uj-buszvonal-indul.json")["title"],
        "Piszkozat: új buszvonal indul"
    );
    assert!(!tree.out().join("articles/kulfold/2024/05/19/kereskedelmi-targyalasok-brusszelben.json").exists());
}
