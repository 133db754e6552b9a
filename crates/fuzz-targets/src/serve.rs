//! `press serve`'s answer to a request target: percent-decoding, `..`, query and fragment,
//! `/content/…` from a loaded corpus, `/public/…` from a folder. Never a panic, and never a
//! byte of a file outside the served public folder.

use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use press::images::ImageProbe;
use press::source::{load_with, Corpus, LoadOptions, PhotoMode};
use press::Index;

/// What each file outside the public folder holds: an answer with it has escaped.
const SECRET: &[u8] = b"SECRET-OUTSIDE-THE-ROOT";

struct Fixture {
    /// `root/public` is served; `root/secret.txt`, `root/public-x/secret.txt` and
    /// `root/secret/…` are not.
    _root: tempfile::TempDir,
    public: PathBuf,
    index: Index<'static>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let root = tempfile::tempdir().expect("a temporary folder");
        let public = root.path().join("public");
        for dir in ["public/a", "public-x", "secret"] {
            std::fs::create_dir_all(root.path().join(dir)).unwrap();
        }
        std::fs::write(public.join("a.svg"), "<svg/>").unwrap();
        std::fs::write(public.join("a b.txt"), "space").unwrap();
        std::fs::write(public.join("a/b.json"), "{}").unwrap();
        for secret in ["secret.txt", "public-x/secret.txt", "secret/a.svg", "public.txt"] {
            std::fs::write(root.path().join(secret), SECRET).unwrap();
        }
        // The sample content, loaded once, for /content/… and the old URLs' redirects.
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let opts = LoadOptions {
            photos: PhotoMode::SizeOnly,
            now: chrono::DateTime::from_timestamp(1_900_000_000, 0),
            ..LoadOptions::default()
        };
        let corpus: Corpus = load_with(&repo.join("content"), &repo.join("public"), opts)
            .unwrap_or_else(|d| panic!("the sample content does not load: {d:?}"));
        let corpus: &'static Corpus = Box::leak(Box::new(corpus));
        Fixture { public, index: Index::new(corpus), _root: root }
    })
}

pub fn path(data: &[u8]) {
    let url = crate::input::text(data);
    let f = fixture();
    // The file a /public/ URL names is in the public folder, below it, by plain names only.
    if let Some(file) = ImageProbe::new(&f.public).file_for(&url) {
        let rest = file.strip_prefix(&f.public).unwrap_or_else(|_| panic!("{url:?} names {file:?}, outside"));
        assert!(
            rest.components().count() > 0 && rest.components().all(|c| matches!(c, Component::Normal(_))),
            "{url:?} names {file:?}"
        );
    }
    for index in [None, Some(&f.index)] {
        let (status, body) = press::serve::answer_get(&url, index, &f.public);
        assert!(
            !body.windows(SECRET.len()).any(|w| w == SECRET),
            "{url:?} answered {status} with a file from outside the public folder"
        );
        assert!((200..600).contains(&status), "{url:?} answered {status}");
    }
}
