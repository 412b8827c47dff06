//! Generate the demo's fictional avatars and the edited copies its impersonating profiles use:
//!     cargo run --release --example demo_avatars
use image::{imageops, Rgb, RgbImage};

/// A deterministic "portrait": a soft background gradient, a head-and-shoulders silhouette and a pattern.
fn portrait(seed: u32) -> RgbImage {
    let s = seed as f32;
    RgbImage::from_fn(256, 256, |x, y| {
        let (fx, fy) = (x as f32 / 255.0, y as f32 / 255.0);
        let texture = ((fx * (9.0 + 3.0 * s)).sin() * (fy * (7.0 + 2.0 * s)).cos()) * 45.0;
        let bg = [
            (60.0 + 120.0 * fx + 20.0 * s) % 255.0 + texture,
            (90.0 + 80.0 * fy + 45.0 * s) % 255.0 - texture,
            (150.0 + 60.0 * (fx - fy) + 70.0 * s) % 255.0 + texture,
        ];
        let head = ((fx - 0.5).powi(2) + (fy - 0.38).powi(2)).sqrt() < 0.17 + 0.01 * s;
        let body = fy > 0.62 && ((fx - 0.5).powi(2) / 0.12 + (fy - 1.0).powi(2) / 0.16) < 1.0;
        let stripes = ((fx * (6.0 + s) + fy * (3.0 + 2.0 * s)).sin() * 40.0) as i32;
        let c = if head {
            [200.0 - 25.0 * s, 150.0 - 18.0 * s, 110.0 - 10.0 * s]
        } else if body {
            [
                40.0 + 30.0 * s + stripes as f32,
                60.0 + 20.0 * s,
                120.0 - 10.0 * s,
            ]
        } else {
            bg
        };
        Rgb([
            c[0].clamp(0.0, 255.0) as u8,
            c[1].clamp(0.0, 255.0) as u8,
            c[2].clamp(0.0, 255.0) as u8,
        ])
    })
}

fn main() {
    let out = std::path::Path::new("demo/avatars");
    std::fs::create_dir_all(out).unwrap();
    let names = [
        "adaeze", "kwabena", "ibrahima", "tundemi", "aminata", "zenith",
    ];
    for (i, n) in names.iter().enumerate() {
        portrait(i as u32 + 1)
            .save(out.join(format!("{n}.png")))
            .unwrap();
    }
    // Copies an impersonator would post: mirrored with a badge, padded in white, round on white.
    let mut badge = imageops::flip_horizontal(&portrait(2));
    for y in 0..256u32 {
        for x in 0..256u32 {
            if ((x as f32 - 226.0).powi(2) + (y as f32 - 226.0).powi(2)).sqrt() < 26.0 {
                badge.put_pixel(x, y, Rgb([29, 155, 240]));
            }
        }
    }
    badge
        .save(out.join("copy-kwabena-mirrored-badge.png"))
        .unwrap();
    let mut padded = RgbImage::from_pixel(320, 320, Rgb([255, 255, 255]));
    imageops::overlay(&mut padded, &portrait(3), 32, 32);
    image::DynamicImage::ImageRgb8(padded)
        .to_rgb8()
        .save(out.join("copy-ibrahima-padded.jpg"))
        .unwrap();
    let p = portrait(5);
    let round = RgbImage::from_fn(256, 256, |x, y| {
        if ((x as f32 - 127.5).powi(2) + (y as f32 - 127.5).powi(2)).sqrt() > 128.0 {
            Rgb([255; 3])
        } else {
            *p.get_pixel(x, y)
        }
    });
    round.save(out.join("copy-aminata-round.png")).unwrap();
    portrait(9).save(out.join("someone-else.png")).unwrap();
}
