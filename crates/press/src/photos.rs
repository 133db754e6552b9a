//! Photos: every raster image press publishes (JPEG, PNG, WebP under /public/) becomes a set of
//! widths in AVIF, WebP and JPEG (docs/adr/0008-photos.md).
//!
//! - Decoding is guarded: the format must match the extension, a JPEG must not be CMYK, the
//!   header's size must stay under [`MAX_PIXELS`] and the decoder's allocations under a limit,
//!   so a broken or hostile file is an error naming it, never a panic or an out-of-memory.
//! - EXIF orientation is applied; nothing else of the source's metadata reaches the copies.
//! - Widths are [`WIDTHS`], never upscaled (a narrower photo gets its own width as the largest).
//! - The copies are named by the source's content hash and written to `<public>/_photos/`,
//!   with a small manifest per photo: a rebuild reads and hashes each source, finds its
//!   manifest and encodes nothing. A changed file has a new hash, so only it is encoded again.
//! - One photo is processed once however many articles use it ([`Photos`] is shared by the
//!   loader's threads); its widths and formats are encoded in parallel (rayon).

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use model::ImageVariant;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::progress::{Progress, Work};

/// The widths written (CSS pixels × density a reader's screen asks for).
pub const WIDTHS: [u32; 4] = [400, 800, 1200, 1600];
/// Larger images are refused before decoding: 50 megapixels (a 12 MP camera photo is 12).
pub const MAX_PIXELS: u64 = 50_000_000;
/// Larger source files are refused before reading.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// The folder under the public folder (and the URL under /public/) of the copies.
pub const DIR: &str = "_photos";

/// Encoder settings, recorded in the ADR with their sizes.
const JPEG_QUALITY: u8 = 80;
const WEBP_QUALITY: f32 = 75.0;
const AVIF_QUALITY: f32 = 60.0;
const AVIF_SPEED: u8 = 9;

/// Whether press treats `file` as a photo to resize (by extension).
pub fn is_raster(file: &Path) -> bool {
    file.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["jpg", "jpeg", "png", "webp"].iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// What press knows of a processed photo: its size after orientation, its copies and colour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Photo {
    pub width: u32,
    pub height: u32,
    /// `#rrggbb`
    pub placeholder: String,
    pub variants: Vec<ImageVariant>,
}

/// A resized copy: width, height and RGB pixels.
type Resized = (u32, u32, Vec<u8>);

/// One photo's outcome, computed once by whichever thread asks first.
type Loaded = OnceLock<Result<Photo, String>>;

/// The photos of one load, shared by its threads.
#[derive(Debug)]
pub struct Photos {
    out_dir: PathBuf,
    /// Encode missing copies (a build, serve) or only decode to check (press check).
    encode: bool,
    done: Mutex<HashMap<PathBuf, Arc<Loaded>>>,
    progress: Progress,
}

impl Photos {
    /// Copies go to `<public_dir>/_photos/`.
    pub fn new(public_dir: &Path, encode: bool) -> Self {
        Photos { out_dir: public_dir.join(DIR), encode, done: Mutex::new(HashMap::new()), progress: Progress::none() }
    }

    /// Counts each photo encoded ([`Work::Photos`]) to `progress`.
    pub fn reporting_to(mut self, progress: Progress) -> Self {
        self.progress = progress;
        self
    }

    /// The photo at `file` (once per file, whoever asks first does the work).
    pub fn photo(&self, file: &Path) -> Result<Photo, String> {
        let cell = {
            let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
            done.entry(file.to_owned()).or_default().clone()
        };
        cell.get_or_init(|| process(file, &self.out_dir, self.encode, self.progress)).clone()
    }
}

fn process(file: &Path, out_dir: &Path, encode: bool, progress: Progress) -> Result<Photo, String> {
    let len = std::fs::metadata(file).map_err(|e| format!("cannot read: {e}"))?.len();
    if len > MAX_FILE_BYTES {
        return Err(format!("the file is {} MB, more than the {} MB allowed", len >> 20, MAX_FILE_BYTES >> 20));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read: {e}"))?;
    let hash = hex(&Sha256::digest(&bytes)[..12]);
    let manifest = out_dir.join(format!("{hash}.json"));
    if encode {
        if let Some(photo) = cached(&manifest, out_dir) {
            return Ok(photo);
        }
        // A photo takes seconds: its count shows as soon as the first one starts.
        progress.advance(Work::Photos, 0);
    }
    let image = decode(file, &bytes)?;
    let (width, height) = (image.width(), image.height());
    let rgb = image.into_rgb8();
    let targets = targets(width);
    // Each width from the next wider one (the widest from the original): the 12 MP original is
    // read once, and each step is a moderate reduction.
    let mut resized: Vec<Resized> = Vec::with_capacity(targets.len());
    for &w in targets.iter().rev() {
        let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width)).max(1) as u32;
        let pixels = match resized.last() {
            None if w == width => rgb.as_raw().clone(),
            None => resize((width, height, rgb.as_raw()), (w, h))?,
            Some((pw, ph, p)) => resize((*pw, *ph, p), (w, h))?,
        };
        resized.push((w, h, pixels));
    }
    drop(rgb);
    resized.reverse();
    let smallest = &resized[0];
    let placeholder = average_colour(&smallest.2);
    let url = |w: u32, ext: &str| format!("/public/{DIR}/{hash}-{w}.{ext}");
    let variants: Vec<ImageVariant> = resized
        .iter()
        .map(|(w, h, _)| ImageVariant {
            width: *w,
            height: *h,
            avif: url(*w, "avif"),
            webp: url(*w, "webp"),
            jpeg: url(*w, "jpg"),
        })
        .collect();
    let photo = Photo { width, height, placeholder, variants };
    if !encode {
        return Ok(photo);
    }
    std::fs::create_dir_all(out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let jobs: Vec<(&Resized, &str)> =
        resized.iter().flat_map(|r| ["avif", "webp", "jpg"].into_iter().map(move |f| (r, f))).collect();
    jobs.par_iter().try_for_each(|((w, h, pixels), format)| {
        let data = match *format {
            "avif" => encode_avif(pixels, *w, *h)?,
            "webp" => encode_webp(pixels, *w, *h),
            _ => encode_jpeg(pixels, *w, *h)?,
        };
        write_atomically(&out_dir.join(format!("{hash}-{w}.{format}")), &data)
    })?;
    let json = serde_json::to_vec(&photo).expect("a photo serialises");
    write_atomically(&manifest, &json)?;
    progress.advance(Work::Photos, 1);
    Ok(photo)
}

/// The manifest's photo when it and every copy it names exist.
fn cached(manifest: &Path, out_dir: &Path) -> Option<Photo> {
    let photo: Photo = serde_json::from_slice(&std::fs::read(manifest).ok()?).ok()?;
    let all_there = photo.variants.iter().all(|v| {
        [&v.avif, &v.webp, &v.jpeg]
            .iter()
            .all(|u| u.rsplit('/').next().is_some_and(|name| out_dir.join(name).is_file()))
    });
    all_there.then_some(photo)
}

/// The widths to write for a photo `width` pixels wide: the standard ones it reaches, and its
/// own width when it is narrower than the widest.
pub fn targets(width: u32) -> Vec<u32> {
    let mut t: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w <= width).collect();
    if width < WIDTHS[WIDTHS.len() - 1] && !t.contains(&width) {
        t.push(width);
    }
    t
}

/// Decodes with every guard of the module's documentation; orientation applied.
pub fn decode(file: &Path, bytes: &[u8]) -> Result<DynamicImage, String> {
    let format = image::guess_format(bytes)
        .map_err(|_| "not a JPEG, PNG or WebP image (unrecognised or damaged header)".to_owned())?;
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let named = match ext.as_str() {
        "jpg" | "jpeg" => Some(ImageFormat::Jpeg),
        "png" => Some(ImageFormat::Png),
        "webp" => Some(ImageFormat::WebP),
        _ => None,
    };
    let name = |f: ImageFormat| f.extensions_str().first().copied().unwrap_or("?").to_ascii_uppercase();
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) {
        return Err(format!("a {} image: photos must be JPEG, PNG or WebP", name(format)));
    }
    if named != Some(format) {
        return Err(format!("the file is a {} image but is named .{ext}: rename it", name(format)));
    }
    // The JPEG decoder fills a cut-off scan with grey instead of failing: a file without its
    // end-of-image marker (a broken upload or copy) is refused here.
    if format == ImageFormat::Jpeg && !bytes.trim_ascii_end().ends_with(&[0xFF, 0xD9]) {
        return Err("the JPEG is truncated (no end-of-image marker): copy the original again".to_owned());
    }
    if format == ImageFormat::Jpeg && jpeg_components(bytes) == Some(4) {
        return Err("a CMYK JPEG (print colours): export it as an sRGB JPEG".to_owned());
    }
    // The size from the header alone, before any decoder allocates: a decompression bomb is
    // refused here.
    if let Ok(size) = imagesize::blob_size(bytes) {
        check_pixels(size.width as u64, size.height as u64)?;
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(512 << 20);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| format!("cannot decode: {e}"))?;
    let (w, h) = decoder.dimensions();
    check_pixels(w.into(), h.into())?;
    let orientation = decoder.orientation().map_err(|e| format!("cannot read the orientation: {e}"))?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| format!("cannot decode: {e}"))?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn check_pixels(w: u64, h: u64) -> Result<(), String> {
    if w * h > MAX_PIXELS {
        return Err(format!(
            "{w}×{h} pixels ({} megapixels) is more than the {} allowed: resize it before publishing",
            w * h / 1_000_000,
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// The number of colour components in a JPEG's frame header (3 for YCbCr, 4 for CMYK/YCCK).
fn jpeg_components(bytes: &[u8]) -> Option<u8> {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            return bytes.get(i + 9).copied();
        }
        i += 2 + len;
    }
    None
}

fn resize(from: (u32, u32, &[u8]), to: (u32, u32)) -> Result<Vec<u8>, String> {
    use fast_image_resize::images::{Image as FrImage, ImageRef};
    use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
    let src = ImageRef::new(from.0, from.1, from.2, PixelType::U8x3).map_err(|e| format!("cannot resize: {e}"))?;
    let mut dst = FrImage::new(to.0, to.1, PixelType::U8x3);
    Resizer::new()
        .resize(&src, &mut dst, &ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3)))
        .map_err(|e| format!("cannot resize: {e}"))?;
    Ok(dst.into_vec())
}

fn average_colour(rgb: &[u8]) -> String {
    let mut sum = [0u64; 3];
    for px in rgb.chunks_exact(3) {
        for c in 0..3 {
            sum[c] += u64::from(px[c]);
        }
    }
    let n = (rgb.len() / 3).max(1) as u64;
    format!("#{:02x}{:02x}{:02x}", sum[0] / n, sum[1] / n, sum[2] / n)
}

fn encode_jpeg(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode(rgb, w, h, image::ExtendedColorType::Rgb8)
        .map_err(|e| format!("cannot encode the JPEG: {e}"))?;
    Ok(out)
}

fn encode_webp(rgb: &[u8], w: u32, h: u32) -> Vec<u8> {
    webp::Encoder::from_rgb(rgb, w, h).encode(WEBP_QUALITY).to_vec()
}

fn encode_avif(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, String> {
    let pixels: Vec<ravif::RGB8> = rgb.chunks_exact(3).map(|p| ravif::RGB8::new(p[0], p[1], p[2])).collect();
    ravif::Encoder::new()
        .with_quality(AVIF_QUALITY)
        .with_speed(AVIF_SPEED)
        .encode_rgb(ravif::Img::new(&pixels[..], w as usize, h as usize))
        .map(|e| e.avif_file)
        .map_err(|e| format!("cannot encode the AVIF: {e}"))
}

fn write_atomically(path: &Path, data: &[u8]) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    std::io::Write::write_all(&mut tmp, data).map_err(fail)?;
    // Published files: readable by the web server (a temporary file starts as 0600).
    set_readable(tmp.as_file()).map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// rw-r--r-- on Unix.
#[cfg(unix)]
pub(crate) fn set_readable(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

/// Elsewhere files have no Unix mode to set.
#[cfg(not(unix))]
pub(crate) fn set_readable(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_never_upscaled() {
        assert_eq!(targets(4000), [400, 800, 1200, 1600]);
        assert_eq!(targets(1000), [400, 800, 1000]);
        assert_eq!(targets(1200), [400, 800, 1200]);
        assert_eq!(targets(300), [300]);
    }
}
