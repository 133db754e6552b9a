//! Photos (docs/adr/0008-photos.md): what an editor's JPEG, PNG or WebP becomes in the JSON
//! and under public/_photos, and what a broken one gives.

mod common;

use std::path::Path;

use common::Fixture;

/// A fixture with one article whose cover is `/public/photos/<name>` holding `bytes`.
fn with_cover(name: &str, bytes: &[u8]) -> Fixture {
    let f = Fixture::new();
    std::fs::create_dir_all(f.public().join("photos")).unwrap();
    std::fs::write(f.public().join("photos").join(name), bytes).unwrap();
    f.write(
        "content/articles/belfold/foto.md",
        &format!("+++\ntitle = \"Fotó\"\nlead = \"L.\"\nsection = \"belfold\"\nauthor = \"kovacs-anna\"\npublished = 2024-03-15T09:30:00+01:00\n[cover]\nsrc = \"/public/photos/{name}\"\nalt = \"Táj\"\n+++\nSzöveg.\n"),
    );
    f
}

fn cover(f: &Fixture) -> serde_json::Value {
    f.json("articles/belfold/2024/03/15/foto.json")["cover"].clone()
}

/// The file a variant URL names.
fn file(f: &Fixture, url: &serde_json::Value) -> std::path::PathBuf {
    f.public().join(url.as_str().unwrap().strip_prefix("/public/").unwrap())
}

fn synth_jpeg(w: u32, h: u32) -> Vec<u8> {
    synth::photo::jpeg(7, w, h, 90)
}

fn size_of(path: &Path) -> (u32, u32) {
    image::image_dimensions(path).unwrap()
}

#[test]
fn a_jpeg_cover_becomes_four_widths_in_avif_webp_and_jpeg() {
    let f = with_cover("taj.jpg", &synth_jpeg(1700, 1275));
    f.build().unwrap();
    let c = cover(&f);
    assert_eq!((c["width"].as_u64(), c["height"].as_u64()), (Some(1700), Some(1275)));
    assert_eq!(c["src"], "/public/photos/taj.jpg");
    assert!(c["placeholder"].as_str().unwrap().starts_with('#'), "{c}");
    let variants = c["variants"].as_array().unwrap();
    let widths: Vec<u64> = variants.iter().map(|v| v["width"].as_u64().unwrap()).collect();
    assert_eq!(widths, [400, 800, 1200, 1600]);
    for v in variants {
        let (w, h) = (v["width"].as_u64().unwrap() as u32, v["height"].as_u64().unwrap() as u32);
        assert_eq!(h, (w * 3 + 2) / 4, "aspect kept: {v}");
        assert_eq!(size_of(&file(&f, &v["jpeg"])), (w, h));
        assert_eq!(size_of(&file(&f, &v["webp"])), (w, h));
        let avif = std::fs::read(file(&f, &v["avif"])).unwrap();
        assert_eq!(&avif[4..12], b"ftypavif", "an AVIF file");
        let jpeg = std::fs::read(file(&f, &v["jpeg"])).unwrap();
        // No metadata: no EXIF (APP1) segment.
        assert!(!jpeg.windows(6).any(|w| w == b"Exif\0\0"));
        // Readable by the web server.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(file(&f, &v["avif"])).unwrap().permissions().mode();
            assert_eq!(mode & 0o444, 0o444, "{mode:o}");
        }
        // Smaller formats for the same width.
        let webp = std::fs::metadata(file(&f, &v["webp"])).unwrap().len();
        assert!((avif.len() as u64) < jpeg.len() as u64 && webp < jpeg.len() as u64, "{v}");
    }
}

#[test]
fn a_narrow_png_is_never_upscaled_and_a_rebuild_encodes_only_what_changed() {
    let mut png = Vec::new();
    let img = image::RgbImage::from_fn(1000, 500, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    image::DynamicImage::ImageRgb8(img).write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
    let f = with_cover("abra.png", &png);
    f.build().unwrap();
    let c = cover(&f);
    let widths: Vec<u64> = c["variants"].as_array().unwrap().iter().map(|v| v["width"].as_u64().unwrap()).collect();
    assert_eq!(widths, [400, 800, 1000]);

    let dir = f.public().join("_photos");
    let listing = || {
        let mut v: Vec<(String, std::time::SystemTime)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.file_name().to_string_lossy().into_owned(), e.metadata().unwrap().modified().unwrap())
            })
            .collect();
        v.sort();
        v
    };
    let before = listing();
    assert_eq!(before.len(), 3 * 3 + 1, "3 widths × 3 formats and a manifest: {before:?}");
    f.build().unwrap();
    assert_eq!(listing(), before, "an unchanged rebuild writes no photo");

    // A changed photo: its new copies are written beside the old ones, the JSON points at them.
    let mut img2 = image::RgbImage::new(1000, 500);
    img2.fill(200);
    let mut png2 = Vec::new();
    image::DynamicImage::ImageRgb8(img2)
        .write_to(&mut std::io::Cursor::new(&mut png2), image::ImageFormat::Png)
        .unwrap();
    std::fs::write(f.public().join("photos/abra.png"), png2).unwrap();
    f.build().unwrap();
    let after = listing();
    assert_eq!(after.len(), 2 * (3 * 3 + 1));
    assert!(before.iter().all(|b| after.contains(b)), "the old copies are untouched");
    let c2 = cover(&f);
    assert_ne!(c2["variants"], c["variants"]);
    assert_eq!(c2["placeholder"], "#c8c8c8");
}

/// A JPEG with an EXIF APP1 segment saying `orientation` inserted after its SOI marker.
fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = b"MM\0*\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn exif_orientation_is_applied_and_not_copied() {
    // A camera held upright: stored 600×400, to be shown rotated by 90°.
    let f = with_cover("allo.jpg", &with_orientation(&synth_jpeg(600, 400), 6));
    f.build().unwrap();
    let c = cover(&f);
    assert_eq!((c["width"].as_u64(), c["height"].as_u64()), (Some(400), Some(600)));
    let v = &c["variants"][0];
    assert_eq!(v["width"], 400);
    assert_eq!(size_of(&file(&f, &v["jpeg"])), (400, 600));
    let jpeg = std::fs::read(file(&f, &v["jpeg"])).unwrap();
    assert!(!jpeg.windows(6).any(|w| w == b"Exif\0\0"), "the orientation tag is not copied (it would rotate twice)");
}

fn build_error(name: &str, bytes: &[u8]) -> String {
    let f = with_cover(name, bytes);
    let errors = common::errors(f.build());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        !f.public().join("_photos").exists() || std::fs::read_dir(f.public().join("_photos")).unwrap().count() == 0
    );
    let e = errors[0].clone();
    assert!(
        e.contains("foto.md") && e.contains(&format!("/public/photos/{name}")),
        "names the article and the file: {e}"
    );
    e
}

#[test]
fn broken_photos_are_errors_naming_the_file() {
    let good = synth_jpeg(800, 600);
    let e = build_error("csonka.jpg", &good[..good.len() / 3]);
    assert!(e.contains("the JPEG is truncated"), "{e}");

    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::new(8, 8))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let e = build_error("valojaban-png.jpg", &png);
    assert!(e.contains("the file is a PNG image but is named .jpg"), "{e}");

    let e = build_error("szoveg.jpg", b"not an image at all");
    assert!(e.contains("not a JPEG, PNG or WebP image"), "{e}");

    // A decompression bomb: a valid PNG header claiming 10000×10000 (100 megapixels).
    let mut bomb = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R'];
    bomb.extend_from_slice(&10_000u32.to_be_bytes());
    bomb.extend_from_slice(&10_000u32.to_be_bytes());
    bomb.extend_from_slice(&[8, 2, 0, 0, 0]);
    let crc = crc32(&bomb[12..]);
    bomb.extend_from_slice(&crc.to_be_bytes());
    let e = build_error("bomba.png", &bomb);
    assert!(e.contains("10000×10000 pixels (100 megapixels) is more than the 50 allowed"), "{e}");

    // A CMYK JPEG: its frame header has four components.
    let mut cmyk = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x14, 0x08, 0x00, 0x10, 0x00, 0x10, 0x04];
    for id in 1..=4u8 {
        cmyk.extend_from_slice(&[id, 0x11, 0]);
    }
    cmyk.extend_from_slice(&[0xFF, 0xD9]);
    let e = build_error("nyomda.jpg", &cmyk);
    assert!(e.contains("a CMYK JPEG"), "{e}");
}

#[test]
fn press_check_decodes_photos_but_writes_none() {
    let f = with_cover("taj.jpg", &synth_jpeg(500, 300));
    let r = press::check(&f.content(), &f.public()).unwrap();
    assert_eq!(r.articles, 1);
    assert!(!f.public().join("_photos").exists());
    std::fs::write(f.public().join("photos/taj.jpg"), b"broken").unwrap();
    let errors = press::check(&f.content(), &f.public()).unwrap_err();
    assert!(errors.iter().any(|d| d.is_error() && d.message.contains("/public/photos/taj.jpg")), "{errors:?}");
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
