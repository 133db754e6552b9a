//! One pull: fetch what changed, convert it, download its media, write it all or nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use model::{Block, Span};
use percent_encoding::percent_decode_str;

use crate::html;
use crate::http::{FetchError, Fetcher};
use crate::links::link_key;
use crate::mapping::Mapping;
use crate::markdown::{self, ArticleDoc, Cover};
use crate::source::{Cms, MediaRef, Person, Post};
use crate::tree::{self, AuthorState, PostState, Staging, State, STATE_FILE};

pub struct Options {
    pub content: PathBuf,
    pub public: PathBuf,
    /// Ignore the state file's mark and fetch everything.
    pub full: bool,
    /// Show posts fetched / total on stderr.
    pub progress: bool,
}

/// What a pull did.
#[derive(Debug, Default)]
pub struct Report {
    pub full: bool,
    /// Posts fetched from the CMS (changed or new).
    pub fetched: usize,
    /// Article files written (new or changed), left as they were, removed.
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Articles the pull owns afterwards.
    pub articles: usize,
    pub media_downloaded: usize,
    pub requests: u64,
    /// Each names the post (CMS id and title) and what happened.
    pub warnings: Vec<String>,
    pub elapsed: Duration,
}

impl Report {
    pub fn summary(&self) -> String {
        format!(
            "press pull: {} pull, {} posts fetched; {} articles written, {} unchanged, {} removed ({} in the tree), {} media files downloaded, {} requests in {:.2} s{}",
            if self.full { "full" } else { "incremental" },
            self.fetched,
            self.written,
            self.unchanged,
            self.removed,
            self.articles,
            self.media_downloaded,
            self.requests,
            self.elapsed.as_secs_f64(),
            match self.warnings.len() {
                0 => String::new(),
                1 => " (1 warning)".into(),
                n => format!(" ({n} warnings)"),
            }
        )
    }
}

#[derive(Debug)]
pub enum PullError {
    /// The CMS did not answer as it should (the URL is in the error).
    Fetch(FetchError),
    /// site.toml or the state file is wrong.
    Config(String),
    /// Categories no section is mapped to: `(category, titles of posts that have only unmapped ones)`.
    Unmapped(Vec<(String, Vec<String>)>),
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl fmt::Display for PullError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PullError::Fetch(e) => write!(f, "{e}"),
            PullError::Config(m) => f.write_str(m),
            PullError::Unmapped(list) => {
                writeln!(f, "categories with no section (map them in site.toml's [pull] sections, or set [pull] default_section):")?;
                for (cat, posts) in list {
                    let shown: Vec<&str> = posts.iter().take(3).map(String::as_str).collect();
                    let more = if posts.len() > 3 { format!(" and {} more", posts.len() - 3) } else { String::new() };
                    writeln!(f, "  {cat}: {} post(s), e.g. „{}”{more}", posts.len(), shown.join("”, „"))?;
                }
                Ok(())
            }
            PullError::Io { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl From<FetchError> for PullError {
    fn from(e: FetchError) -> Self {
        PullError::Fetch(e)
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> PullError + '_ {
    move |error| PullError::Io { path: path.to_owned(), error }
}

/// A post converted, before its media are downloaded.
struct Prepared {
    post: Post,
    section: String,
    blocks: Vec<Block>,
    warnings: Vec<String>,
}

/// Runs a pull of `cms` into `opts.content` / `opts.public`.
pub fn pull(cms: &mut dyn Cms, fetcher: &Fetcher, opts: &Options) -> Result<Report, PullError> {
    let started = Instant::now();
    let mapping = Mapping::load(&opts.content.join("site.toml")).map_err(PullError::Config)?;
    let state_path = opts.content.join(STATE_FILE);
    let old = State::load(&state_path).map_err(PullError::Config)?.unwrap_or_default();
    let same_source = old.cms == cms.kind() && old.url == cms.base_url();
    let incremental = !opts.full && same_source && old.since.is_some();
    let mut report = Report { full: !incremental, ..Report::default() };

    let mut show = |done: usize, total: Option<usize>| {
        if opts.progress {
            match total {
                Some(t) => eprint!("\rpress pull: {done}/{t} posts"),
                None => eprint!("\rpress pull: {done} posts"),
            }
        }
    };
    let (posts, live_ids): (Vec<Post>, BTreeSet<u64>) = if incremental {
        let ids = cms.published_ids()?;
        let known: HashSet<u64> = old.posts.iter().map(|p| p.id).collect();
        let new: Vec<u64> = ids.iter().copied().filter(|i| !known.contains(i)).collect();
        let posts = cms.posts(old.since.as_deref(), &new, &mut show)?;
        let mut live: BTreeSet<u64> = ids.into_iter().collect();
        live.extend(posts.iter().map(|p| p.id));
        (posts, live)
    } else {
        let posts = cms.posts(None, &[], &mut show)?;
        let live = posts.iter().map(|p| p.id).collect();
        (posts, live)
    };
    if opts.progress {
        eprintln!();
    }
    let mut posts = posts;
    posts.sort_by_key(|p| p.id);
    posts.dedup_by_key(|p| p.id);
    report.fetched = posts.len();
    let since = cms.newest_mark(&posts, if incremental { old.since.as_deref() } else { None });

    // ---- sections: nothing is guessed
    let mut unmapped: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut prepared = Vec::with_capacity(posts.len());
    for post in posts {
        let Some(section) = mapping.section_for(&post.categories) else {
            let names = if post.categories.is_empty() {
                vec!["(no category)".to_owned()]
            } else {
                post.categories.iter().map(|c| c.name.clone()).collect()
            };
            for n in names {
                unmapped.entry(n).or_default().push(post.title.clone());
            }
            continue;
        };
        let converted = html::to_blocks(&post.body_html, &post.link);
        prepared.push(Prepared { section, blocks: converted.blocks, warnings: converted.warnings, post });
    }
    if !unmapped.is_empty() {
        return Err(PullError::Unmapped(unmapped.into_iter().collect()));
    }

    // ---- ownership after this pull
    let fetched_ids: HashSet<u64> = prepared.iter().map(|p| p.post.id).collect();
    let kept: Vec<PostState> = if same_source {
        old.posts.iter().filter(|p| live_ids.contains(&p.id) && !fetched_ids.contains(&p.id)).cloned().collect()
    } else {
        Vec::new()
    };
    let owned_files: HashSet<&str> = old.posts.iter().map(|p| p.file.as_str()).collect();

    // Authors: stable slugs per CMS id; an editor's own file of the same name wins.
    let mut authors: BTreeMap<u64, AuthorState> = old.authors.iter().map(|a| (a.id, a.clone())).collect();
    let mut persons: BTreeMap<u64, Person> = BTreeMap::new();
    for p in &prepared {
        persons.entry(p.post.author.id).or_insert_with(|| p.post.author.clone());
    }
    for person in persons.values() {
        if authors.contains_key(&person.id) {
            continue;
        }
        let base =
            Some(person.slug.clone()).filter(|s| !s.is_empty()).unwrap_or_else(|| model::slug::slugify(&person.name));
        let base = if base.is_empty() { format!("szerzo-{}", person.id) } else { base };
        let taken = |s: &str| authors.values().any(|a| a.slug == s);
        let slug = if taken(&base) { format!("{base}-{}", person.id) } else { base };
        let owned = !opts.content.join("authors").join(format!("{slug}.toml")).exists();
        authors.insert(person.id, AuthorState { id: person.id, slug, owned, avatar: None });
    }

    // Article files: `articles/<section>/<slug>.md`, made unique.
    let mut taken: HashSet<String> = kept.iter().map(|p| p.file.clone()).collect();
    let mut files: HashMap<u64, (String, String)> = HashMap::new(); // id → (file, slug)
    let old_by_id: HashMap<u64, &PostState> =
        if same_source { old.posts.iter().map(|p| (p.id, p)).collect() } else { HashMap::new() };
    for p in &prepared {
        let previous_slug = old_by_id
            .get(&p.post.id)
            .filter(|_| p.post.slug_from_title)
            .and_then(|o| Path::new(&o.file).file_stem().map(|s| s.to_string_lossy().into_owned()));
        let slug = match previous_slug {
            Some(s) => s,
            None if p.post.slug.is_empty() => format!("cikk-{}", p.post.id),
            None => p.post.slug.clone(),
        };
        let mut file = format!("articles/{}/{slug}.md", p.section);
        let mut final_slug = slug.clone();
        let editors = |f: &str| opts.content.join(f).exists() && !owned_files.contains(f);
        if taken.contains(&file) || editors(&file) {
            final_slug = format!("{slug}-{}", p.post.id);
            file = format!("articles/{}/{final_slug}.md", p.section);
        }
        taken.insert(file.clone());
        files.insert(p.post.id, (file, final_slug));
    }

    // Old CMS URL → new site path, for links between posts.
    let mut new_paths: HashMap<String, String> = HashMap::new();
    for k in &kept {
        new_paths.insert(link_key(&k.link), k.path.clone());
    }
    for p in &prepared {
        let slug = &files[&p.post.id].1;
        new_paths.insert(link_key(&p.post.link), article_path(&p.section, &p.post.published, slug));
    }

    // ---- stage, download, write
    let media_live = opts.public.join(&mapping.media_dir);
    let media = Staging::new(&media_live).map_err(io_err(&media_live))?;
    let content = Staging::new(&opts.content).map_err(io_err(&opts.content))?;
    let mut media_files: BTreeMap<String, Option<String>> = BTreeMap::new(); // url → local rel (None: failed)
    let base = cms.base_url().to_owned();
    let mut download =
        |url: &str, warnings: &mut Vec<String>, report: &mut Report| -> Result<Option<String>, PullError> {
            if let Some(hit) = media_files.get(url) {
                return Ok(hit.clone());
            }
            let rel = media_rel(url, &base);
            let target = media.dir.join(&rel);
            let result = if target.is_file() {
                Some(rel)
            } else {
                match fetcher.get(url, "image/avif,image/webp,image/png,image/jpeg,image/gif") {
                    Ok(answer) => match image_kind(&answer.body) {
                        Some(ext) => {
                            let rel = with_extension(&rel, ext);
                            tree::write_fresh(&media.dir.join(&rel), &answer.body).map_err(io_err(&target))?;
                            report.media_downloaded += 1;
                            Some(rel)
                        }
                        None => {
                            warnings.push(format!("{url}: not a JPEG, PNG, GIF or WebP image; dropped"));
                            None
                        }
                    },
                    Err(e) if matches!(e.status, Some(400..=499)) => {
                        warnings.push(format!("image dropped: {e}"));
                        None
                    }
                    Err(e) => return Err(e.into()),
                }
            };
            media_files.insert(url.to_owned(), result.clone());
            Ok(result)
        };

    let media_src = |rel: &str| format!("/public/{}/{rel}", mapping.media_dir);
    let mut new_states = Vec::with_capacity(prepared.len());
    let mut docs: Vec<(String, String)> = Vec::with_capacity(prepared.len()); // (file, text)
    for p in prepared {
        let Prepared { post, section, blocks, mut warnings } = p;
        let (file, slug) = files[&post.id].clone();
        let mut used = Vec::new();
        let mut body = Vec::with_capacity(blocks.len());
        for block in blocks {
            match block {
                Block::Image { mut image } => {
                    if let Some(rel) = download(&image.src, &mut warnings, &mut report)? {
                        image.src = media_src(&rel);
                        used.push(rel);
                        body.push(Block::Image { image });
                    }
                }
                other => body.push(relink(other, &new_paths)),
            }
        }
        let cover = match &post.cover {
            Some(MediaRef { url, alt, credit }) => download(url, &mut warnings, &mut report)?.map(|rel| {
                used.push(rel.clone());
                Cover { src: media_src(&rel), alt: alt.clone(), credit: credit.clone() }
            }),
            None => None,
        };
        let path = article_path(&section, &post.published, &slug);
        let lead = if post.lead.is_empty() { first_paragraph(&body) } else { post.lead.clone() };
        let mut tags: Vec<String> = Vec::new();
        for t in &post.tags {
            if !tags.contains(t) {
                tags.push(t.clone());
            }
        }
        // Its old URLs on the CMS, and its previous path here if it moved (new slug or section).
        let mut aliases: Vec<String> = post.aliases.clone();
        if let Some(o) = old_by_id.get(&post.id).filter(|o| o.path != path) {
            aliases.push(o.path.clone());
        }
        aliases.retain(|a| a.trim_end_matches('/') != path);
        aliases.dedup();
        let author = &authors[&post.author.id];
        let doc = ArticleDoc {
            title: if post.title.is_empty() { format!("Cím nélkül ({})", post.id) } else { post.title.clone() },
            lead,
            section,
            tags,
            author: author.slug.clone(),
            published: post.published,
            updated: post.updated,
            aliases,
            cover,
            body,
        };
        for w in warnings {
            report.warnings.push(format!("{} #{} „{}”: {w}", cms.kind(), post.id, post.title));
        }
        used.sort();
        used.dedup();
        docs.push((file.clone(), markdown::article_file(&doc)));
        new_states.push(PostState {
            id: post.id,
            file,
            link: post.link.clone(),
            path,
            author: post.author.id,
            media: used,
        });
    }

    // Authors' files and avatars: written for the authors of fetched posts, kept for the others.
    let mut final_posts: Vec<PostState> = kept;
    final_posts.extend(new_states);
    final_posts.sort_by_key(|p| p.id);
    let referenced: BTreeSet<u64> = final_posts.iter().map(|p| p.author).collect();
    let mut author_files: Vec<(String, String)> = Vec::new();
    for (id, person) in &persons {
        let Some(state) = authors.get_mut(id) else { continue };
        if !state.owned {
            continue;
        }
        let mut sink = Vec::new();
        let avatar = match &person.picture {
            Some(url) => download(url, &mut sink, &mut report)?,
            None => None,
        };
        let avatar = match avatar {
            Some(rel) => rel,
            None => {
                let rel = format!("avatars/{}.svg", state.slug);
                tree::write_fresh(&media.dir.join(&rel), initials_svg(&person.name, &state.slug).as_bytes())
                    .map_err(io_err(&media.dir))?;
                rel
            }
        };
        for w in sink {
            report.warnings.push(format!("author „{}”: {w}", person.name));
        }
        let text = format!(
            "name = {}\navatar = {}\nbio = {}\n",
            markdown::toml_string(&person.name),
            markdown::toml_string(&media_src(&avatar)),
            markdown::toml_string(&person.bio)
        );
        state.avatar = Some(avatar);
        author_files.push((format!("authors/{}.toml", state.slug), text));
    }
    let gone_authors: Vec<AuthorState> = authors.values().filter(|a| !referenced.contains(&a.id)).cloned().collect();
    authors.retain(|id, _| referenced.contains(id));

    // Files of posts that are gone or moved, then the new ones.
    let new_files: HashSet<&str> = final_posts.iter().map(|p| p.file.as_str()).collect();
    for p in &old.posts {
        if !new_files.contains(p.file.as_str()) {
            let path = content.dir.join(&p.file);
            if path.exists() {
                report.removed += 1;
            }
            tree::remove_and_prune(&content.dir.join("articles"), &path).map_err(io_err(&path))?;
        }
    }
    for a in gone_authors.iter().filter(|a| a.owned) {
        let path = content.dir.join("authors").join(format!("{}.toml", a.slug));
        tree::remove_and_prune(&content.dir.join("authors"), &path).map_err(io_err(&path))?;
    }
    for (file, text) in docs.iter() {
        let path = content.dir.join(file);
        if tree::write_fresh(&path, text.as_bytes()).map_err(io_err(&path))? {
            report.written += 1;
        } else {
            report.unchanged += 1;
        }
    }
    for (file, text) in &author_files {
        let path = content.dir.join(file);
        tree::write_fresh(&path, text.as_bytes()).map_err(io_err(&path))?;
    }

    // Media no post or author uses any more.
    let mut used: HashSet<String> = final_posts.iter().flat_map(|p| p.media.iter().cloned()).collect();
    used.extend(authors.values().filter_map(|a| a.avatar.clone()));
    for rel in tree::files_under(&media.dir) {
        if !used.contains(&rel) {
            let path = media.dir.join(&rel);
            tree::remove_and_prune(&media.dir, &path).map_err(io_err(&path))?;
        }
    }

    let state = State {
        cms: cms.kind().to_owned(),
        url: cms.base_url().to_owned(),
        since,
        posts: final_posts,
        authors: authors.into_values().collect(),
    };
    let state_file = content.dir.join(STATE_FILE);
    tree::write_fresh(&state_file, state.to_toml().as_bytes()).map_err(io_err(&state_file))?;
    report.articles = state.posts.len();
    report.requests = fetcher.requests.get();

    // ---- swap in: media first (the new articles need them), then the sources.
    media.swap().map_err(io_err(&media_live))?;
    content.swap().map_err(io_err(&opts.content))?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// `/<section>/<yyyy>/<mm>/<dd>/<slug>`, the date in the post's own offset (docs/CONTENT.md §1.3).
pub fn article_path(section: &str, published: &chrono::DateTime<chrono::FixedOffset>, slug: &str) -> String {
    format!("/{section}/{}/{slug}", published.format("%Y/%m/%d"))
}

/// Links to other pulled posts point at their new pages.
fn relink(block: Block, paths: &HashMap<String, String>) -> Block {
    let fix = |spans: Vec<Span>| -> Vec<Span> {
        spans
            .into_iter()
            .map(|mut s| {
                if let Some(new) = s.href.as_deref().and_then(|h| paths.get(&link_key(h))) {
                    s.href = Some(new.clone());
                }
                s
            })
            .collect()
    };
    match block {
        Block::Paragraph { spans } => Block::Paragraph { spans: fix(spans) },
        Block::Quote { paragraphs, cite } => {
            Block::Quote { paragraphs: paragraphs.into_iter().map(fix).collect(), cite }
        }
        Block::List { ordered, items } => Block::List { ordered, items: items.into_iter().map(fix).collect() },
        other => other,
    }
}

fn first_paragraph(body: &[Block]) -> String {
    body.iter()
        .find_map(|b| match b {
            Block::Paragraph { spans } => Some(html::spans_text(spans)),
            _ => None,
        })
        .unwrap_or_default()
}

/// Where a CMS media URL goes under the media folder: its path after the uploads folder,
/// each segment folded to safe characters; another host's files under that host's name.
fn media_rel(url: &str, base: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = path.split(['?', '#']).next().unwrap_or("");
    let base_host = base.split_once("://").map(|(_, r)| r).unwrap_or(base).split('/').next().unwrap_or("");
    let mut path = path;
    for prefix in ["/wp-content/uploads/", "/sites/default/files/"] {
        if let Some(i) = path.find(prefix) {
            path = &path[i + prefix.len()..];
            break;
        }
    }
    let mut segments: Vec<String> = Vec::new();
    if !host.eq_ignore_ascii_case(base_host) {
        segments.push(safe_segment(host));
    }
    segments.extend(
        path.split('/')
            .map(|s| safe_segment(&percent_decode_str(s).decode_utf8_lossy()))
            .filter(|s| !s.is_empty() && s != "." && s != ".."),
    );
    if segments.is_empty() {
        segments.push("media".into());
    }
    segments.join("/")
}

fn safe_segment(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| match c {
            c if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') => c,
            c => model::slug::fold_char(c).unwrap_or('-'),
        })
        .collect();
    out.trim_matches('.').to_owned()
}

/// The image type by its first bytes; SVG is refused on purpose (it can carry scripts, and
/// a CMS upload served from the site's own origin would run them).
fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some("jpg"),
        [0x89, b'P', b'N', b'G', ..] => Some("png"),
        [b'G', b'I', b'F', b'8', ..] => Some("gif"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("webp"),
        _ => None,
    }
}

/// `rel` with an extension that matches the file's type (kept when it already does).
fn with_extension(rel: &str, ext: &str) -> String {
    let lower = rel.to_ascii_lowercase();
    let ok = match ext {
        "jpg" => lower.ends_with(".jpg") || lower.ends_with(".jpeg"),
        _ => lower.ends_with(&format!(".{ext}")),
    };
    if ok {
        rel.to_owned()
    } else {
        format!("{rel}.{ext}")
    }
}

/// A plain avatar with the author's initials (the CMS's own avatars are Gravatar's: third-party).
fn initials_svg(name: &str, slug: &str) -> String {
    let initials: String = name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect();
    let initials = initials.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let hue = slug.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b))) % 360;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"96\" height=\"96\" viewBox=\"0 0 96 96\">\
<rect width=\"96\" height=\"96\" fill=\"hsl({hue},45%,40%)\"/>\
<text x=\"48\" y=\"60\" font-family=\"sans-serif\" font-size=\"36\" text-anchor=\"middle\" fill=\"#fff\">{initials}</text></svg>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_paths_are_safe_and_stable() {
        let base = "http://127.0.0.1:8081";
        assert_eq!(
            media_rel("http://127.0.0.1:8081/wp-content/uploads/2024/05/tér-kép.jpg?x=1", base),
            "2024/05/ter-kep.jpg"
        );
        assert_eq!(media_rel("https://cdn.example/a/../b%20c.png", base), "cdn.example/a/b-c.png");
        assert_eq!(media_rel("http://127.0.0.1:8081/sites/default/files/2024-03/x.jpg", base), "2024-03/x.jpg");
        assert_eq!(with_extension("a/b", "png"), "a/b.png");
        assert_eq!(with_extension("a/b.JPEG", "jpg"), "a/b.JPEG");
    }
}
