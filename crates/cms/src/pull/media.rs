//! Images from the CMS into the staging media folder: each URL fetched once, checked by its
//! first bytes, named after its path on the CMS; generated avatars beside them.

use std::collections::BTreeMap;
use std::path::Path;

use percent_encoding::percent_decode_str;

use super::error::{io_err, PullError};
use crate::http::Fetcher;
use crate::tree;

pub(super) struct Media<'a> {
    fetcher: &'a Fetcher,
    /// The staging copy of the media folder.
    dir: &'a Path,
    base: String,
    /// The media folder's name under public/ (`[pull] media_dir`).
    folder: &'a str,
    /// URL → file relative to the media folder (`None`: dropped), so each URL is fetched once.
    seen: BTreeMap<String, Option<String>>,
    /// Files downloaded (not found already in place).
    pub downloaded: usize,
}

impl<'a> Media<'a> {
    pub fn new(fetcher: &'a Fetcher, dir: &'a Path, base: &str, folder: &'a str) -> Media<'a> {
        Media { fetcher, dir, base: base.to_owned(), folder, seen: BTreeMap::new(), downloaded: 0 }
    }

    /// The site path of a file in the media folder.
    pub fn src(&self, rel: &str) -> String {
        format!("/public/{}/{rel}", self.folder)
    }

    /// The local file for `url`, downloaded unless it is there already; `None` when the image is
    /// dropped (not a raster image, or the CMS answers 4xx: one warning each). A failure the
    /// fetcher gave up on fails the pull.
    pub fn get(&mut self, url: &str, warnings: &mut Vec<String>) -> Result<Option<String>, PullError> {
        if let Some(hit) = self.seen.get(url) {
            return Ok(hit.clone());
        }
        let rel = media_rel(url, &self.base);
        let result = if self.dir.join(&rel).is_file() { Some(rel) } else { self.download(url, rel, warnings)? };
        self.seen.insert(url.to_owned(), result.clone());
        Ok(result)
    }

    fn download(&mut self, url: &str, rel: String, warnings: &mut Vec<String>) -> Result<Option<String>, PullError> {
        let target = self.dir.join(&rel);
        match self.fetcher.get(url, "image/avif,image/webp,image/png,image/jpeg,image/gif") {
            Ok(answer) => match image_kind(&answer.body) {
                Some(ext) => {
                    let rel = with_extension(&rel, ext);
                    tree::write_fresh(&self.dir.join(&rel), &answer.body).map_err(io_err(&target))?;
                    self.downloaded += 1;
                    Ok(Some(rel))
                }
                None => {
                    warnings.push(format!("{url}: not a JPEG, PNG, GIF or WebP image; dropped"));
                    Ok(None)
                }
            },
            Err(e) if matches!(e.status, Some(400..=499)) => {
                warnings.push(format!("image dropped: {e}"));
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// A generated initials avatar for an author, written as `avatars/<slug>.svg`.
    pub fn initials(&mut self, name: &str, slug: &str) -> Result<String, PullError> {
        let rel = format!("avatars/{slug}.svg");
        tree::write_fresh(&self.dir.join(&rel), initials_svg(name, slug).as_bytes()).map_err(io_err(self.dir))?;
        Ok(rel)
    }
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
