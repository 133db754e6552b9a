//! The files a pull writes, as text: each fetched post's article (its images downloaded on the
//! way, its links to other posts rewritten) and each new or changed author's file.

use std::collections::{BTreeMap, HashMap};

use model::{Block, Span};

use super::error::PullError;
use super::media::Media;
use super::plan::{Plan, Prepared};
use crate::html;
use crate::links::link_key;
use crate::markdown::{self, ArticleDoc, Cover};
use crate::source::{MediaRef, Person, Post};
use crate::tree::{AuthorState, PostState};

pub(super) struct Articles {
    /// `(file relative to the content folder, its text)`.
    pub docs: Vec<(String, String)>,
    /// What the state records of each.
    pub states: Vec<PostState>,
}

/// Every fetched post's article; each warning is named after its post (`<cms> #<id> „<title>”`).
pub(super) fn articles(
    prepared: Vec<Prepared>,
    plan: &Plan<'_>,
    media: &mut Media<'_>,
    kind: &str,
    warnings: &mut Vec<String>,
) -> Result<Articles, PullError> {
    let mut out = Articles { docs: Vec::with_capacity(prepared.len()), states: Vec::with_capacity(prepared.len()) };
    for p in prepared {
        let (id, title) = (p.post.id, p.post.title.clone());
        let mut own = Vec::new();
        let (text, state) = article(p, plan, media, &mut own)?;
        warnings.extend(own.into_iter().map(|w| format!("{kind} #{id} „{title}”: {w}")));
        out.docs.push((state.file.clone(), text));
        out.states.push(state);
    }
    Ok(out)
}

/// One article file's text and its state entry.
fn article(
    p: Prepared,
    plan: &Plan<'_>,
    media: &mut Media<'_>,
    warnings: &mut Vec<String>,
) -> Result<(String, PostState), PullError> {
    let Prepared { post, section, blocks, warnings: converted } = p;
    warnings.extend(converted);
    let (file, slug) = plan.files[&post.id].clone();
    let mut used = Vec::new();
    let body = body(blocks, &plan.paths, media, &mut used, warnings)?;
    let cover = match &post.cover {
        Some(MediaRef { url, alt, credit }) => media.get(url, warnings)?.map(|rel| {
            used.push(rel.clone());
            Cover { src: media.src(&rel), alt: alt.clone(), credit: credit.clone() }
        }),
        None => None,
    };
    let path = model::paths::article(&section, &post.published, &slug);
    let old_paths = old_paths(plan.previous.get(&post.id).copied(), &path);
    let (live, tags) = live_marker(unique(&post.tags));
    let doc = ArticleDoc {
        title: if post.title.is_empty() { format!("Cím nélkül ({})", post.id) } else { post.title.clone() },
        lead: if post.lead.is_empty() { first_paragraph(&body) } else { post.lead.clone() },
        section,
        tags,
        author: plan.authors[&post.author.id].slug.clone(),
        published: post.published,
        updated: post.updated,
        aliases: aliases(&post, &old_paths, &path),
        cover,
        live,
        body,
    };
    used.sort();
    used.dedup();
    let state =
        PostState { id: post.id, file, link: post.link.clone(), path, old_paths, author: post.author.id, media: used };
    Ok((markdown::article_file(&doc), state))
}

/// The tag that makes a post a running live blog (docs/CMS.md): WordPress and Drupal have no
/// live-blog type, so the newsroom tags the post "Élő" while the coverage runs.
pub const LIVE_TAG: &str = "elo";

/// Whether `tags` hold the live tag, and the tags without it (a marker, not a topic).
fn live_marker(tags: Vec<String>) -> (bool, Vec<String>) {
    let (marker, topics): (Vec<String>, Vec<String>) =
        tags.into_iter().partition(|t| model::slug::slugify(t) == LIVE_TAG);
    (!marker.is_empty(), topics)
}

/// The body with its images downloaded (an image that cannot be is dropped) and its links to
/// other pulled posts pointing at their new pages; `used` gets the media files it needs.
fn body(
    blocks: Vec<Block>,
    paths: &HashMap<String, String>,
    media: &mut Media<'_>,
    used: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<Vec<Block>, PullError> {
    let mut body = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::Image { mut image } => {
                if let Some(rel) = media.get(&image.src, warnings)? {
                    image.src = media.src(&rel);
                    used.push(rel);
                    body.push(Block::Image { image });
                }
            }
            other => body.push(relink(other, paths)),
        }
    }
    Ok(body)
}

/// Tags in the CMS's order, each once.
fn unique(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        if !out.contains(t) {
            out.push(t.clone());
        }
    }
    out
}

/// Every path the post had here before `path`: those the previous pull knew, and the previous
/// path itself when it moved (new slug or section). Moving back to an old path takes it out.
fn old_paths(previous: Option<&PostState>, path: &str) -> Vec<String> {
    let Some(previous) = previous else { return Vec::new() };
    let mut out: Vec<String> = Vec::new();
    for p in previous.old_paths.iter().chain(std::iter::once(&previous.path)) {
        if p != path && !out.contains(p) {
            out.push(p.clone());
        }
    }
    out
}

/// Its old URLs on the CMS and every earlier path here, each once, never its own path.
fn aliases(post: &Post, old_paths: &[String], path: &str) -> Vec<String> {
    let mut aliases: Vec<String> = Vec::new();
    for a in post.aliases.iter().chain(old_paths) {
        if a.trim_end_matches('/') != path && !aliases.contains(a) {
            aliases.push(a.clone());
        }
    }
    aliases
}

/// The files of the fetched posts' authors the pull owns (an editor's own file is left alone),
/// each with its avatar: the CMS's uploaded picture, else generated initials.
pub(super) fn authors(
    persons: &BTreeMap<u64, Person>,
    authors: &mut BTreeMap<u64, AuthorState>,
    media: &mut Media<'_>,
    warnings: &mut Vec<String>,
) -> Result<Vec<(String, String)>, PullError> {
    let mut files = Vec::new();
    for (id, person) in persons {
        let Some(state) = authors.get_mut(id).filter(|s| s.owned) else { continue };
        let mut own = Vec::new();
        let picture = match &person.picture {
            Some(url) => media.get(url, &mut own)?,
            None => None,
        };
        let avatar = match picture {
            Some(rel) => rel,
            None => media.initials(&person.name, &state.slug)?,
        };
        warnings.extend(own.into_iter().map(|w| format!("author „{}”: {w}", person.name)));
        let text = format!(
            "name = {}\navatar = {}\nbio = {}\n",
            markdown::toml_string(&person.name),
            markdown::toml_string(&media.src(&avatar)),
            markdown::toml_string(&person.bio)
        );
        state.avatar = Some(avatar);
        files.push((format!("authors/{}.toml", state.slug), text));
    }
    Ok(files)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_elo_tag_makes_a_live_blog_and_is_no_topic() {
        let tags = vec!["Választás".to_owned(), "Élő".to_owned(), "Kerekdomb".to_owned()];
        assert_eq!(live_marker(tags), (true, vec!["Választás".to_owned(), "Kerekdomb".to_owned()]));
        assert_eq!(live_marker(vec!["Elők".to_owned()]), (false, vec!["Elők".to_owned()]));
    }
}
