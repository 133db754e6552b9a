//! Before anything is written: which posts stay as they are, who each author is on the site,
//! where each fetched article goes and at which path it will answer.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use model::Block;

use super::error::PullError;
use crate::links::link_key;
use crate::source::{Person, Post, Source};
use crate::tree::{AuthorState, PostState, State, STATE_FILE};

/// A post converted, before its media are downloaded.
pub(super) struct Prepared {
    pub post: Post,
    pub section: String,
    pub blocks: Vec<Block>,
    pub warnings: Vec<String>,
}

/// The previous pull, as this one sees it.
pub(super) struct Before {
    pub state: State,
    /// The state is this CMS's (same kind and URL): its posts can be kept, its files moved.
    pub same_source: bool,
    /// Only what changed since the state's mark is fetched.
    pub incremental: bool,
}

impl Before {
    pub fn load(content: &Path, cms: &dyn Source, full: bool) -> Result<Before, PullError> {
        let state = State::load(&content.join(STATE_FILE)).map_err(PullError::Config)?.unwrap_or_default();
        let same_source = state.cms == cms.kind() && state.url == cms.base_url();
        let incremental = !full && same_source && state.since.is_some();
        Ok(Before { state, same_source, incremental })
    }

    /// The mark later changes are asked for after (`None` for a full pull).
    pub fn mark(&self) -> Option<&str> {
        self.state.since.as_deref().filter(|_| self.incremental)
    }
}

pub(super) struct Plan<'s> {
    /// Posts of the previous pull that stay as they are (still published, not fetched again).
    pub kept: Vec<PostState>,
    /// The previous pull's posts by id (none when it pulled another CMS).
    pub previous: HashMap<u64, &'s PostState>,
    /// Every author the state knows, by CMS id, new ones with their slugs.
    pub authors: BTreeMap<u64, AuthorState>,
    /// The authors of the fetched posts, as the CMS describes them.
    pub persons: BTreeMap<u64, Person>,
    /// Each fetched post's article file (relative to the content folder) and slug.
    pub files: HashMap<u64, (String, String)>,
    /// A post's CMS URL (as [`link_key`]) → its path on the new site, for links between posts.
    pub paths: HashMap<String, String>,
}

pub(super) fn plan<'s>(before: &'s Before, live: &BTreeSet<u64>, prepared: &[Prepared], content: &Path) -> Plan<'s> {
    let kept = kept_posts(before, live, prepared);
    let previous: HashMap<u64, &PostState> =
        if before.same_source { before.state.posts.iter().map(|p| (p.id, p)).collect() } else { HashMap::new() };
    let (authors, persons) = authors(&before.state.authors, prepared, content);
    let files = article_files(before, &kept, &previous, prepared, content);
    let paths = link_paths(&kept, prepared, &files);
    Plan { kept, previous, authors, persons, files, paths }
}

/// The previous pull's posts that are still published and were not fetched again.
fn kept_posts(before: &Before, live: &BTreeSet<u64>, prepared: &[Prepared]) -> Vec<PostState> {
    if !before.same_source {
        return Vec::new();
    }
    let fetched: HashSet<u64> = prepared.iter().map(|p| p.post.id).collect();
    before.state.posts.iter().filter(|p| live.contains(&p.id) && !fetched.contains(&p.id)).cloned().collect()
}

/// Stable slugs per CMS id: an author keeps the slug the first pull gave; an editor's own file
/// of the same name wins (it is used, never written).
fn authors(
    known: &[AuthorState],
    prepared: &[Prepared],
    content: &Path,
) -> (BTreeMap<u64, AuthorState>, BTreeMap<u64, Person>) {
    let mut authors: BTreeMap<u64, AuthorState> = known.iter().map(|a| (a.id, a.clone())).collect();
    let mut persons: BTreeMap<u64, Person> = BTreeMap::new();
    for p in prepared {
        persons.entry(p.post.author.id).or_insert_with(|| p.post.author.clone());
    }
    for person in persons.values() {
        if authors.contains_key(&person.id) {
            continue;
        }
        let slug = new_author_slug(person, &authors);
        let owned = !content.join("authors").join(format!("{slug}.toml")).exists();
        authors.insert(person.id, AuthorState { id: person.id, slug, owned, avatar: None });
    }
    (authors, persons)
}

/// The CMS's slug, else one from the name, else `szerzo-<id>`; `-<id>` added when taken.
fn new_author_slug(person: &Person, authors: &BTreeMap<u64, AuthorState>) -> String {
    let base =
        Some(person.slug.clone()).filter(|s| !s.is_empty()).unwrap_or_else(|| model::slug::slugify(&person.name));
    let base = if base.is_empty() { format!("szerzo-{}", person.id) } else { base };
    let taken = authors.values().any(|a| a.slug == base);
    if taken {
        format!("{base}-{}", person.id)
    } else {
        base
    }
}

/// `articles/<section>/<slug>.md` for each fetched post, made unique against the kept posts,
/// the other fetched ones and files an editor wrote.
fn article_files(
    before: &Before,
    kept: &[PostState],
    previous: &HashMap<u64, &PostState>,
    prepared: &[Prepared],
    content: &Path,
) -> HashMap<u64, (String, String)> {
    let owned: HashSet<&str> = before.state.posts.iter().map(|p| p.file.as_str()).collect();
    let editors = |f: &str| content.join(f).exists() && !owned.contains(f);
    let mut taken: HashSet<String> = kept.iter().map(|p| p.file.clone()).collect();
    let mut files = HashMap::new();
    for p in prepared {
        let slug = article_slug(p, previous);
        let mut file = format!("articles/{}/{slug}.md", p.section);
        let mut final_slug = slug.clone();
        if taken.contains(&file) || editors(&file) {
            final_slug = format!("{slug}-{}", p.post.id);
            file = format!("articles/{}/{final_slug}.md", p.section);
        }
        taken.insert(file.clone());
        files.insert(p.post.id, (file, final_slug));
    }
    files
}

/// The post's slug; one derived from the title keeps its previous value, so that a later title
/// edit does not move the article.
fn article_slug(p: &Prepared, previous: &HashMap<u64, &PostState>) -> String {
    let previous_slug = previous
        .get(&p.post.id)
        .filter(|_| p.post.slug_from_title)
        .and_then(|o| Path::new(&o.file).file_stem().map(|s| s.to_string_lossy().into_owned()));
    match previous_slug {
        Some(s) => s,
        None if p.post.slug.is_empty() => format!("cikk-{}", p.post.id),
        None => p.post.slug.clone(),
    }
}

/// Old CMS URL → new site path, for every post the tree will hold.
fn link_paths(
    kept: &[PostState],
    prepared: &[Prepared],
    files: &HashMap<u64, (String, String)>,
) -> HashMap<String, String> {
    let mut paths = HashMap::new();
    for k in kept {
        paths.insert(link_key(&k.link), k.path.clone());
    }
    for p in prepared {
        let slug = &files[&p.post.id].1;
        paths.insert(link_key(&p.post.link), model::paths::article(&p.section, &p.post.published, slug));
    }
    paths
}
