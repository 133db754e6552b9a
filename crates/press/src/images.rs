//! Image sizes: the model requires `width` and `height` for every image so the app can reserve
//! its box before it loads (no layout shift). They are read from the files under `public/`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use model::Image;

use crate::photos::{self, Photos};

/// Resolves `/public/…` sources to files and reads their sizes, caching per source. With
/// [`Photos`], a JPEG, PNG or WebP is also decoded and resized ([`crate::photos`]).
#[derive(Debug)]
pub struct ImageProbe {
    public_dir: PathBuf,
    cache: HashMap<String, (Result<Image, String>, Vec<Dep>)>,
    photos: Option<Arc<Photos>>,
    /// The files the images asked for since [`ImageProbe::log_deps`] were read from, when
    /// logging: the parse cache keeps them with the article (docs/adr/0021).
    deps: Option<Vec<Dep>>,
}

/// A file an image's facts were read from, and its stamp (taken before reading it).
pub type Dep = (PathBuf, String);

impl ImageProbe {
    pub fn new(public_dir: impl Into<PathBuf>) -> Self {
        ImageProbe { public_dir: public_dir.into(), cache: HashMap::new(), photos: None, deps: None }
    }

    /// A probe that processes photos with `photos` (shared by the loader's threads).
    pub fn with_photos(public_dir: impl Into<PathBuf>, photos: Option<Arc<Photos>>) -> Self {
        ImageProbe { photos, ..ImageProbe::new(public_dir) }
    }

    /// Width and height of the image at `src` (see [`ImageProbe::image`]).
    pub fn size(&mut self, src: &str) -> Result<(u32, u32), String> {
        self.image(src).map(|i| (i.width, i.height))
    }

    pub fn public_dir(&self) -> &Path {
        &self.public_dir
    }

    /// What the model says of the image at site path `src` besides its text: width and height
    /// (after EXIF orientation), and for a photo its resized variants and placeholder colour;
    /// or a message saying what is wrong (allow-list, not under /public/, missing, broken).
    pub fn image(&mut self, src: &str) -> Result<Image, String> {
        if let Some((hit, deps)) = self.cache.get(src) {
            if let Some(log) = &mut self.deps {
                log.extend(deps.iter().cloned());
            }
            return hit.clone();
        }
        // Stamped before it is read: a file replaced meanwhile has a stamp no later load matches.
        let file = self.file_for(src);
        let before = file.as_ref().and_then(|f| crate::stamp::stamp(f).map(|s| (f.clone(), s)));
        let result = self.probe(src);
        let mut deps: Vec<Dep> = before.into_iter().collect();
        // A photo's copies are press's own output: a removed one is encoded again by a parse.
        if let Ok(image) = &result {
            let dir = self.public_dir.join(photos::DIR);
            for v in &image.variants {
                for url in [&v.avif, &v.webp, &v.jpeg] {
                    let copy = dir.join(url.rsplit('/').next().unwrap_or(""));
                    let stamp = crate::stamp::stamp(&copy).unwrap_or_default();
                    deps.push((copy, stamp));
                }
            }
        }
        if let Some(log) = &mut self.deps {
            log.extend(deps.iter().cloned());
        }
        self.cache.insert(src.to_owned(), (result.clone(), deps));
        result
    }

    /// Starts logging the files images are read from (see [`ImageProbe::take_deps`]).
    pub fn log_deps(&mut self) {
        self.deps = Some(Vec::new());
    }

    /// The files logged since [`ImageProbe::log_deps`], each once; logging stops.
    pub fn take_deps(&mut self) -> Vec<Dep> {
        let mut deps = self.deps.take().unwrap_or_default();
        deps.sort();
        deps.dedup();
        deps
    }

    fn probe(&self, src: &str) -> Result<Image, String> {
        if model::url::safe_image(src).is_none() {
            return Err(format!(
                "image source `{src}` is not allowed (images must be http(s) or a site path under /public/)"
            ));
        }
        let file = self.file_for(src).ok_or_else(|| {
            format!("image source `{src}` must be a file under /public/ (its width and height are read from the file)")
        })?;
        if !file.is_file() {
            return Err(format!("image `{src}` not found (looked for {})", file.display()));
        }
        let fail = |e: String| format!("image `{src}` ({}): {e}", file.display());
        match &self.photos {
            Some(p) if photos::is_raster(&file) && !file.starts_with(self.public_dir.join(photos::DIR)) => {
                let photo = p.photo(&file).map_err(fail)?;
                Ok(Image {
                    width: photo.width,
                    height: photo.height,
                    variants: photo.variants,
                    placeholder: Some(photo.placeholder),
                    ..Image::default()
                })
            }
            _ => {
                let (width, height) = dimensions(&file).map_err(fail)?;
                Ok(Image { width, height, ..Image::default() })
            }
        }
    }

    /// The file a `/public/…` source names, or `None` for anything else (external URLs,
    /// other site paths, `..` segments).
    pub fn file_for(&self, src: &str) -> Option<PathBuf> {
        let path = src.split(['?', '#']).next().unwrap_or("");
        let rest = path.strip_prefix("/public/")?;
        let mut file = self.public_dir.clone();
        for segment in rest.split('/') {
            // Malformed escapes stay as written, as in a browser's URL parser.
            let segment = percent_encoding::percent_decode_str(segment).decode_utf8().ok()?;
            if segment.is_empty() || segment == "." || segment == ".." || segment.contains(['/', '\\']) {
                return None;
            }
            file.push(segment.as_ref());
        }
        Some(file)
    }
}

/// Width and height of an SVG (from its root element), PNG, JPEG, GIF or WebP file.
pub fn dimensions(file: &Path) -> Result<(u32, u32), String> {
    let is_svg = file.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if is_svg {
        let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read: {e}"))?;
        return svg_dimensions(&text);
    }
    let size = imagesize::size(file).map_err(|e| format!("cannot read the image size: {e}"))?;
    match (u32::try_from(size.width), u32::try_from(size.height)) {
        (Ok(w), Ok(h)) if w > 0 && h > 0 => Ok((w, h)),
        _ => Err(format!("implausible image size {}×{}", size.width, size.height)),
    }
}

/// Size of an SVG document from the root element's `width`/`height` (unitless or `px`),
/// falling back to `viewBox` (and keeping its aspect ratio when only one of them is given).
/// The file must be well-formed XML, as a browser requires of an SVG image.
pub fn svg_dimensions(text: &str) -> Result<(u32, u32), String> {
    // Editors' tools write doctypes (with entities, from Illustrator); roxmltree still guards
    // against entity expansion bombs.
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| format!("the SVG is not well-formed XML: {e}"))?;
    let root = doc.root_element();
    let svg_ns = root.tag_name().namespace().is_none_or(|ns| ns == "http://www.w3.org/2000/svg");
    if root.tag_name().name() != "svg" || !svg_ns {
        return Err(format!("the root element is <{}>, not <svg>", root.tag_name().name()));
    }
    // Only attributes without a namespace: `inkscape:width` and the like are no size (and
    // roxmltree's `attribute("width")` would match them by their local name).
    let plain = |name: &str| root.attributes().find(|a| a.namespace().is_none() && a.name() == name).map(|a| a.value());
    let width = plain("width").and_then(pixels);
    let height = plain("height").and_then(pixels);
    let view_box = plain("viewBox").and_then(|v| {
        let n: Vec<f64> =
            v.split([' ', ',', '\t', '\n', '\r']).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect();
        (n.len() == 4 && n[2] > 0.0 && n[3] > 0.0).then(|| (n[2], n[3]))
    });
    let no_size = || "the <svg> element has neither width/height in pixels nor a viewBox".to_owned();
    let (w, h) = match (width, height, view_box) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (_, _, Some((vw, vh))) => (vw, vh),
        _ => return Err(no_size()),
    };
    let (w, h) = (w.round(), h.round());
    let plausible = w >= 1.0 && h >= 1.0 && w <= u32::MAX as f64 && h <= u32::MAX as f64;
    plausible.then_some((w as u32, h as u32)).ok_or_else(no_size)
}

/// A length in user units: `640`, `640px`, `640.5`. Percentages and physical units: `None`.
fn pixels(v: &str) -> Option<f64> {
    let v = v.trim();
    let v = v.strip_suffix("px").unwrap_or(v).trim_end();
    v.parse::<f64>().ok().filter(|n| n.is_finite() && *n > 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_width_and_height_attributes() {
        let svg = r#"<?xml version="1.0"?><!-- <svg width="1" height="1"> -->
<svg xmlns="http://www.w3.org/2000/svg" width="1200" height='675px' viewBox="0 0 10 10"></svg>"#;
        assert_eq!(svg_dimensions(svg), Ok((1200, 675)));
    }

    #[test]
    fn svg_falls_back_to_view_box() {
        assert_eq!(svg_dimensions(r#"<svg viewBox="0 0 800 450"/>"#), Ok((800, 450)));
        assert_eq!(svg_dimensions(r#"<svg width="100%" viewBox="0,0,800,450"/>"#), Ok((800, 450)));
        // Only a width: the view box gives the aspect ratio.
        assert_eq!(svg_dimensions(r#"<svg width="400" viewBox="0 0 800 450"/>"#), Ok((400, 225)));
        assert!(svg_dimensions(r#"<svg width="50%"/>"#).unwrap_err().contains("neither width/height"));
        assert!(svg_dimensions("not an svg").unwrap_err().contains("not well-formed"));
        assert!(svg_dimensions(r#"<svgx width="1" height="1"/>"#).unwrap_err().contains("<svgx>, not <svg>"));
    }

    #[test]
    fn svg_as_drawing_programs_write_it() {
        // A prolog, a comment and a doctype whose entities hold another <svg> and the width;
        // namespaced attributes that are no size; a root element with a namespace prefix.
        let svg = r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Generator: a drawing program -->
<!DOCTYPE svg:svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
  <!ENTITY logo "<svg width='1' height='1'/>">
  <!ENTITY w "640">
]>
<svg:svg xmlns:svg="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
  inkscape:width="3" inkscape:height="3" width="&w;" height="360px" viewBox="0 0 64 36">
  <svg:rect width="10" height="10"/>
</svg:svg>"#;
        assert_eq!(svg_dimensions(svg), Ok((640, 360)));
        let other = r#"<svg xmlns="http://example.com/not-svg" width="1" height="1"/>"#;
        assert!(svg_dimensions(other).is_err());
        let broken = "<svg width=\"10\" height=\"10\">\n<rect>\n</svg>";
        assert!(svg_dimensions(broken).unwrap_err().ends_with("at 3:1"), "{:?}", svg_dimensions(broken));
    }

    #[test]
    fn raster_headers() {
        let dir = tempfile::tempdir().unwrap();
        // A minimal PNG header: signature, IHDR length and type, width 640, height 360.
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R'];
        png.extend_from_slice(&640u32.to_be_bytes());
        png.extend_from_slice(&360u32.to_be_bytes());
        png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
        let p = dir.path().join("a.png");
        std::fs::write(&p, &png).unwrap();
        assert_eq!(dimensions(&p), Ok((640, 360)));

        // A minimal JPEG: SOI, an APP0 segment, then SOF0 with height 300 and width 500.
        let jpeg: Vec<u8> = vec![
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, //
            0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x2C, 0x01, 0xF4, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9,
        ];
        let j = dir.path().join("b.jpg");
        std::fs::write(&j, &jpeg).unwrap();
        assert_eq!(dimensions(&j), Ok((500, 300)));

        let bad = dir.path().join("c.png");
        std::fs::write(&bad, b"hello").unwrap();
        assert!(dimensions(&bad).is_err());
    }

    #[test]
    fn probe_maps_public_paths_and_refuses_escapes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("images")).unwrap();
        std::fs::write(dir.path().join("images/a b.svg"), r#"<svg width="10" height="20"/>"#).unwrap();
        let mut probe = ImageProbe::new(dir.path());
        assert_eq!(probe.size("/public/images/a%20b.svg?v=2"), Ok((10, 20)));
        assert!(probe.size("/public/images/nope.svg").unwrap_err().contains("not found"));
        assert!(probe.size("/public/../secret.svg").unwrap_err().contains("under /public/"));
        assert!(probe.size("https://example.com/a.jpg").unwrap_err().contains("under /public/"));
        assert!(probe.size("javascript:alert(1)").unwrap_err().contains("not allowed"));
        // Only `%` and two hex digits is an escape (a sign is no digit); the rest is literal.
        let public = dir.path().to_owned();
        assert_eq!(probe.file_for("/public/a%+41.svg"), Some(public.join("a%+41.svg")));
        assert_eq!(probe.file_for("/public/100%.svg"), Some(public.join("100%.svg")));
        assert_eq!(probe.file_for("/public/%C3%A1.svg"), Some(public.join("á.svg")));
        assert_eq!(probe.file_for("/public/%FF.svg"), None);
    }
}
