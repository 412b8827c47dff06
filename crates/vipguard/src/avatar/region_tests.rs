//! Table: a demo avatar edited by the test (padded, cropped, framed, set in a round crop), matched
//! against the original's references, and the regions `matched_regions` gives compared with where the
//! test put the original (profile side) and which part of the original the copy still shows
//! (protected side). Boxes are compared by overlap (intersection over union) of their bounding boxes.

use super::matcher::{best_match, query_hashes, reference_hashes};
use super::region::{matched_regions, Area};
use super::transforms_tests::to_rgb;
use image::{imageops, Rgb, RgbImage};

fn avatar(name: &str) -> RgbImage {
    let path = format!("{}/../../demo/avatars/{name}", env!("CARGO_MANIFEST_DIR"));
    image::open(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .into_rgb8()
}

/// The picture centred on `fill` (same size as the result), `pct` of its side added on each side.
fn framed(img: &RgbImage, pct: u32, fill: impl Fn(u32) -> RgbImage) -> RgbImage {
    let p = img.width() * pct / 100;
    let mut out = fill(img.width() + 2 * p);
    imageops::overlay(&mut out, img, p as i64, p as i64);
    out
}

fn pad(img: &RgbImage, pct: u32, colour: u8) -> RgbImage {
    framed(img, pct, |side| {
        RgbImage::from_pixel(side, side, Rgb([colour; 3]))
    })
}

/// Framed in a blurred, enlarged copy of itself: padding trimming cannot take off.
fn blurred_frame(img: &RgbImage, pct: u32) -> RgbImage {
    framed(img, pct, |side| {
        let big = imageops::resize(img, side, side, imageops::FilterType::Triangle);
        imageops::blur(&big, 12.0)
    })
}

fn crop(img: &RgbImage, pct: u32) -> RgbImage {
    let p = img.width() * pct / 100;
    imageops::crop_imm(img, p, p, img.width() - 2 * p, img.height() - 2 * p).to_image()
}

/// A box as (x, y, w, h) shares.
type Share = (f32, f32, f32, f32);

/// Where the original lies in a copy padded by `pct` of its side on each side.
const fn padded_at(pct: f32) -> Share {
    let p = pct / (100.0 + 2.0 * pct);
    (p, p, 1.0 - 2.0 * p, 1.0 - 2.0 * p)
}

/// The part of the original a copy cropped by `pct` of its side on each side still shows.
const fn cropped_to(pct: f32) -> Share {
    let p = pct / 100.0;
    (p, p, 1.0 - 2.0 * p, 1.0 - 2.0 * p)
}

const WHOLE: Share = (0.0, 0.0, 1.0, 1.0);

fn overlap(a: &Area, b: Share) -> f32 {
    let ix = ((a.x + a.w).min(b.0 + b.2) - a.x.max(b.0)).max(0.0);
    let iy = ((a.y + a.h).min(b.1 + b.3) - a.y.max(b.1)).max(0.0);
    let inter = ix * iy;
    inter / (a.w * a.h + b.2 * b.3 - inter)
}

type Edit = fn(&RgbImage) -> RgbImage;

/// (edit, what it does, where the original lies in the copy, what of the original the copy shows).
const ROWS: &[(&str, Edit, Share, Share)] = &[
    (
        "padded_white_12",
        |i| pad(i, 12, 255),
        padded_at(12.0),
        WHOLE,
    ),
    ("padded_black_20", |i| pad(i, 20, 0), padded_at(20.0), WHOLE),
    (
        "mirrored_padded_15",
        |i| pad(&imageops::flip_horizontal(i), 15, 255),
        padded_at(15.0),
        WHOLE,
    ),
    ("cropped_10", |i| crop(i, 10), WHOLE, cropped_to(10.0)),
    ("cropped_5", |i| crop(i, 5), WHOLE, cropped_to(5.0)),
    (
        "cropped_10_padded_white_15",
        |i| pad(&crop(i, 10), 15, 255),
        padded_at(15.0),
        cropped_to(10.0),
    ),
];

/// Overlap a region must reach with where the test put the picture: each place is worked back from
/// whole percents and a trim measured in working pixels, so a few percent off on each edge.
const MIN_OVERLAP: f32 = 0.85;

#[test]
fn the_matched_region_is_where_the_edit_put_the_original() {
    let mut wrong = Vec::new();
    for source in ["kwabena.png", "aminata.png", "zenith.png"] {
        let original = avatar(source);
        let refs = reference_hashes(&to_rgb(&original));
        for &(edit, f, profile_at, protected_shows) in ROWS {
            let q = query_hashes(&to_rgb(&f(&original)));
            let Some(m) = best_match(&q, &refs) else {
                wrong.push(format!("{source} {edit}: not matched"));
                continue;
            };
            let r = matched_regions(&m, &q.undone);
            let (p, t) = (
                overlap(&r.profile, profile_at),
                overlap(&r.protected, protected_shows),
            );
            if p < MIN_OVERLAP || t < MIN_OVERLAP {
                wrong.push(format!(
                    "{source} {edit}: {m:?} {:?}: profile {:?} overlaps {p:.2}, protected {:?} {t:.2}",
                    q.undone, r.profile, r.protected
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A frame of a blurred copy is seen through a logo's content box, whose place the match does not
/// keep: the region given is then the whole picture, and must say it is approximate.
#[test]
fn a_region_whose_place_is_not_kept_is_marked_approximate() {
    let original = avatar("kwabena.png");
    let refs = reference_hashes(&to_rgb(&original));
    let q = query_hashes(&to_rgb(&blurred_frame(&original, 20)));
    let m = best_match(&q, &refs).expect("the framed copy matches");
    let r = matched_regions(&m, &q.undone);
    assert!(
        overlap(&r.profile, padded_at(20.0)) < MIN_OVERLAP,
        "{m:?} {r:?}"
    );
    assert!(r.approximate, "{m:?} {r:?}");
}

#[test]
fn the_band_view_says_which_band_was_left_out() {
    use super::matcher::AvatarMatch;
    use super::views::{Reframe, Undone, Variant, View};
    let m = AvatarMatch {
        distance: 10,
        view: View::Band,
        variant: Variant::Plain,
        mirrored: false,
        reframe: Reframe::None,
    };
    let r = matched_regions(&m, &Undone::default());
    assert_eq!(r.band_left_out, Some((0.30, 0.68)));
    assert!(!r.approximate);
}
