//! Synthetic camera photos: a procedural landscape (sky, sun, layered hills, water, sensor
//! grain) rendered at camera size and saved as a JPEG. Original, deterministic per seed, and
//! with the detail and noise that make a real photo's file size and encoding cost.

use crate::rng::Rng;

/// A `width`×`height` RGB landscape for `seed`.
pub fn render(seed: u64, width: u32, height: u32) -> Vec<u8> {
    let mut rng = Rng::new(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x5EED);
    let mut unit = || (rng.next_u64() >> 11) as f32 / (1u64 << 53) as f32;
    // Palette: a time of day (sky top/horizon), hills darkening towards the viewer.
    let warm = unit();
    let sky_top = [40.0 + 60.0 * warm, 80.0 + 40.0 * warm, 160.0 + 60.0 * (1.0 - warm)];
    let horizon = [230.0 - 20.0 * (1.0 - warm), 170.0 + 60.0 * (1.0 - warm), 120.0 + 100.0 * (1.0 - warm)];
    let hill_hue = [60.0 + 80.0 * unit(), 90.0 + 70.0 * unit(), 50.0 + 60.0 * unit()];
    let sun = (unit() * 0.8 + 0.1, unit() * 0.25 + 0.1, 0.03 + unit() * 0.04);
    let layers: Vec<(f32, [f32; 3], [f32; 3])> = (0..4)
        .map(|i| {
            let base = 0.35 + 0.12 * i as f32 + unit() * 0.05;
            (
                base,
                [unit() * 6.0 + 1.0, unit() * 17.0 + 5.0, unit() * 41.0 + 13.0],
                [unit() * 6.3, unit() * 6.3, unit() * 6.3],
            )
        })
        .collect();
    let water = 0.85 + unit() * 0.08;
    let (w, h) = (width as f32, height as f32);
    let mut out = vec![0u8; width as usize * height as usize * 3];
    let mut grain = Rng::new(seed ^ 0x6EA1);
    for y in 0..height {
        let v = y as f32 / h;
        for x in 0..width {
            let u = x as f32 / w;
            let mut c = [0.0f32; 3];
            let t = (v / 0.6).min(1.0);
            for k in 0..3 {
                c[k] = sky_top[k] * (1.0 - t) + horizon[k] * t;
            }
            let (du, dv) = (u - sun.0, (v - sun.1) * h / w);
            let d = (du * du + dv * dv).sqrt();
            let glow = (1.0 - d / (sun.2 * 4.0)).max(0.0);
            for ch in c.iter_mut() {
                *ch += 120.0 * glow * glow;
            }
            if d < sun.2 {
                c = [255.0, 244.0, 214.0];
            }
            for (i, (base, freq, phase)) in layers.iter().enumerate() {
                let ridge = base
                    + 0.05 * (u * freq[0] + phase[0]).sin()
                    + 0.02 * (u * freq[1] + phase[1]).sin()
                    + 0.008 * (u * freq[2] + phase[2]).sin();
                if v > ridge {
                    let shade = 1.0 - 0.18 * i as f32 - 0.3 * (v - ridge);
                    // Texture: fields and trees as fine stripes.
                    let tex = 0.9 + 0.1 * ((u * 900.0 + v * 300.0 * (i as f32 + 1.0)).sin() * (v * 700.0).cos());
                    for k in 0..3 {
                        c[k] = hill_hue[k] * shade * tex;
                    }
                }
            }
            if v > water {
                let mirror = (2.0 * water - v).max(0.0);
                let ripple = 0.85 + 0.15 * (v * 2000.0 / (v - water + 0.02)).sin();
                let t = (mirror / 0.6).min(1.0);
                for k in 0..3 {
                    c[k] = (sky_top[k] * (1.0 - t) + horizon[k] * t) * 0.7 * ripple;
                }
            }
            let n = (grain.next_u64() % 17) as f32 - 8.0;
            let i = (y as usize * width as usize + x as usize) * 3;
            for k in 0..3 {
                out[i + k] = (c[k] + n).clamp(0.0, 255.0) as u8;
            }
        }
    }
    out
}

/// [`render`] as a JPEG at `quality`.
pub fn jpeg(seed: u64, width: u32, height: u32, quality: u8) -> Vec<u8> {
    let pixels = render(seed, width, height);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode(&pixels, width, height, image::ExtendedColorType::Rgb8)
        .expect("encoding into memory cannot fail");
    out
}
