//! Pictures drawn in code, so none is committed: a logo on a flat background, and a round avatar cut
//! from a screenshot of a profile page. Shared by the transforms table (transforms_tests.rs) and the
//! speed benchmark (benches/avatar.rs), which measures the paths these pictures take.

// Each user takes the pictures it needs.
#![allow(dead_code)]

use image::{imageops, Rgb, RgbImage};

/// The round avatar in a screenshot of a profile page, cut out roughly: a `banner` behind its top, a
/// ring of `page` colour round it, 6% of page around and 3% off-centre right and 2% up; the avatar
/// 200 px across, as profile pages show it (bench/avatars/make_hard.py draws the same, at random).
pub(crate) fn screenshot(img: &RgbImage, banner: [u8; 3], page: [u8; 3]) -> RgbImage {
    let img = &imageops::resize(img, 200, 200, imageops::FilterType::Lanczos3);
    let s = img.width() as f32;
    let (x0, y0) = (s / 3.0, s / 3.0);
    let (c, r) = ((s - 1.0) / 2.0, s / 2.0);
    let margin = 0.06 * s;
    let (left, top) = (x0 - margin + 0.03 * s, y0 - margin - 0.02 * s);
    let side = (s + 2.0 * margin) as u32;
    RgbImage::from_fn(side, side, |x, y| {
        let (px, py) = (left + x as f32, top + y as f32);
        let d = ((px - x0 - c).powi(2) + (py - y0 - c).powi(2)).sqrt();
        if d <= r {
            *img.get_pixel(
                (px - x0).clamp(0.0, s - 1.0) as u32,
                (py - y0).clamp(0.0, s - 1.0) as u32,
            )
        } else if d <= r * 1.04 || py >= 0.6 * s {
            Rgb(page)
        } else {
            Rgb(banner)
        }
    })
}

/// A logo on a flat white background, as brands enrol them: a blue disc with a white bar across it
/// and a red block beside, the pair off centre (drawn here, so no picture is committed).
pub(crate) fn logo() -> RgbImage {
    RgbImage::from_fn(300, 300, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let in_disc = (fx - 120.0).powi(2) + (fy - 140.0).powi(2) <= 60.0f32.powi(2);
        if in_disc && (130..150).contains(&y) && (80..165).contains(&x) {
            Rgb([255; 3])
        } else if in_disc {
            Rgb([30, 90, 200])
        } else if (190..230).contains(&x) && (100..200).contains(&y) {
            Rgb([210, 40, 40])
        } else {
            Rgb([255; 3])
        }
    })
}

/// The same logo moved to the middle, its white margin even on opposite sides (65 px left and right,
/// 90 px top and bottom), so trimming takes it off.
pub(crate) fn centred_logo() -> RgbImage {
    let logo = logo();
    RgbImage::from_fn(300, 300, |x, y| {
        match (x.checked_sub(5), y.checked_sub(10)) {
            (Some(x), Some(y)) => *logo.get_pixel(x, y),
            _ => Rgb([255; 3]),
        }
    })
}
