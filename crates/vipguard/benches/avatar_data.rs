//! The synthetic avatars and lists the avatar bench (`benches/avatar.rs`) and its instruction count
//! (`examples/avatar_instructions.rs`) share: 400x400 JPEGs, 100,000 protected avatars' references with
//! random hashes, and the queries searched with. Included by `#[path]` beside `synth.rs`.

// Each includer uses a part of it.
#![allow(dead_code)]

use super::synth;
use image::RgbImage;
use vipguard::internals::{reference_hashes, AvatarIndex};
use vipguard::internals::{RefHash, Reframe, Variant, View, VIEWS};
use vipguard::{decode_rgba, PdqHash, QueryHashes, Rgb};

pub fn random_hash(rng: &mut synth::Rng) -> PdqHash {
    PdqHash([rng.next(), rng.next(), rng.next(), rng.next()])
}

/// A 400x400 JPEG (quality 90) of a drawn picture.
pub fn jpeg_400(img: &RgbImage) -> Vec<u8> {
    let img = image::imageops::resize(img, 400, 400, image::imageops::FilterType::Triangle);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

pub fn rgb(img: &RgbImage) -> Rgb {
    let rgba = image::DynamicImage::ImageRgb8(img.clone()).into_rgba8();
    decode_rgba(img.width(), img.height(), rgba.as_raw()).unwrap()
}

/// The hashes a query brings: half copies of the avatars' references in the same view with up to 20
/// bits flipped, half unrelated pictures; besides, what an ordinary picture adds (its centre at a 3%
/// inset, whole and on the circle; a frame found by its edges, a squeeze or a screenshot add more, but
/// are rare).
pub fn queries(avatars: &[Vec<RefHash>], rng: &mut synth::Rng) -> Vec<QueryHashes> {
    (0..200)
        .map(|i| {
            // Every picture counted as having a flat background, so also hashed in its content box.
            let views = VIEWS
                .iter()
                .chain(&[View::Content])
                .map(|&v| {
                    let a = &avatars[rng.below(avatars.len() as u64) as usize];
                    let listed = a.iter().find(|r| r.view == v).map(|r| r.hash);
                    let mut h = match listed {
                        Some(h) if i % 2 == 0 => h,
                        _ => random_hash(rng),
                    };
                    for _ in 0..rng.below(20) {
                        let bit = rng.below(256) as usize;
                        h.0[bit / 64] ^= 1 << (bit % 64);
                    }
                    (v, h, 90u8)
                })
                .collect();
            let reframed = [View::Full, View::Circle]
                .map(|v| (Reframe::Inset(3), v, random_hash(rng), 90u8))
                .to_vec();
            QueryHashes {
                views,
                reframed,
                undone: Default::default(),
            }
        })
        .collect()
}

/// 100,000 avatars, avatar `i` shaped as `shape(i)` (view, variant, mirrored), with random hashes.
pub fn avatars(
    rng: &mut synth::Rng,
    shape: impl Fn(usize) -> Vec<(Variant, View, bool)>,
) -> Vec<Vec<RefHash>> {
    (0..100_000)
        .map(|i| {
            shape(i)
                .into_iter()
                .map(|(variant, view, mirrored)| RefHash {
                    view,
                    variant,
                    mirrored,
                    hash: random_hash(rng),
                    quality: 90,
                })
                .collect()
        })
        .collect()
}

pub fn index(avatars: &[Vec<RefHash>]) -> AvatarIndex {
    AvatarIndex::new(
        avatars
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, r)| (i as u32, r)),
    )
}

/// The references of `picture` as enrolment shapes them: (variant, view, mirrored) of each.
pub fn shape_of(img: &RgbImage) -> Vec<(Variant, View, bool)> {
    reference_hashes(&rgb(img))
        .iter()
        .map(|r| (r.variant, r.view, r.mirrored))
        .collect()
}

/// 100,000 avatars, 40% of them logos: each avatar's references shaped as this engine enrols a photo
/// or a logo (a logo has its content box and, since the screenshot work, its untrimmed disc `u`).
pub fn mixed_list(rng: &mut synth::Rng, photo: &RgbImage, logo: &RgbImage) -> Vec<Vec<RefHash>> {
    let (photo_shape, logo_shape) = (shape_of(photo), shape_of(logo));
    avatars(rng, |i| {
        if i % 5 < 2 {
            logo_shape.clone()
        } else {
            photo_shape.clone()
        }
    })
}
