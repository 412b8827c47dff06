//! Table of copy-and-edit transforms applied to distinct photos from the PDQ test data: each edited copy
//! must be identified as its own source, never as another. (The full robustness benchmark with 40+
//! avatars and 1,000+ distinct images is examples/avatar_bench.rs; this is the fast regression table.)

use super::drawn::{centred_logo, logo, screenshot};
use super::matcher::{best_match, query_hashes, reference_hashes, RefHash};
use image::{imageops, DynamicImage, Rgb, RgbImage};

const SOURCES: &[&str] = &[
    "decoded/aaa-orig.png",
    "decoded/pen-and-coaster.png",
    "decoded/q0122.png",
    "decoded/q0746.png",
    "decoded/q1050.png",
    "decoded/q2821.png",
];

fn data(path: &str) -> RgbImage {
    let dir = std::env::var("VIPGUARD_PDQ_DATA").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/pdq").into()
    });
    let img = image::open(format!("{dir}/{path}"))
        .unwrap_or_else(|e| panic!("{dir}/{path}: {e}"))
        .into_rgb8();
    // Avatars are square: take the centre square, as profile sites do.
    let side = img.width().min(img.height());
    imageops::crop_imm(
        &img,
        (img.width() - side) / 2,
        (img.height() - side) / 2,
        side,
        side,
    )
    .to_image()
}

pub(super) fn to_rgb(img: &RgbImage) -> super::Rgb {
    super::Rgb {
        width: img.width() as usize,
        height: img.height() as usize,
        pixels: img.as_raw().clone(),
    }
}

fn pad(img: &RgbImage, pct: u32, colour: u8) -> RgbImage {
    let p = img.width() * pct / 100;
    let mut out = RgbImage::from_pixel(img.width() + 2 * p, img.height() + 2 * p, Rgb([colour; 3]));
    imageops::overlay(&mut out, img, p as i64, p as i64);
    out
}

fn crop(img: &RgbImage, pct: u32) -> RgbImage {
    let p = img.width() * pct / 100;
    imageops::crop_imm(img, p, p, img.width() - 2 * p, img.height() - 2 * p).to_image()
}

fn round_on_white(img: &RgbImage) -> RgbImage {
    let (w, h) = img.dimensions();
    let (c, r2) = ((w as f32 - 1.0) / 2.0, (w as f32 / 2.0).powi(2));
    RgbImage::from_fn(w, h, |x, y| {
        if (x as f32 - c).powi(2) + (y as f32 - c).powi(2) > r2 {
            Rgb([255; 3])
        } else {
            *img.get_pixel(x, y)
        }
    })
}

fn badge(img: &RgbImage) -> RgbImage {
    let mut out = img.clone();
    let (w, h) = img.dimensions();
    let r = w as f32 * 0.11;
    let (cx, cy) = (w as f32 - r * 1.1, h as f32 - r * 1.1);
    for y in 0..h {
        for x in 0..w {
            if (x as f32 - cx).powi(2) + (y as f32 - cy).powi(2) <= r * r {
                out.put_pixel(x, y, Rgb([29, 155, 240]));
            }
        }
    }
    out
}

fn caption(img: &RgbImage) -> RgbImage {
    let mut out = img.clone();
    let (w, h) = img.dimensions();
    for y in h - h * 18 / 100..h {
        for x in 0..w {
            let stripe = (x / 7 + y / 5) % 3 == 0;
            out.put_pixel(
                x,
                y,
                if stripe {
                    Rgb([255; 3])
                } else {
                    Rgb([20, 20, 20])
                },
            );
        }
    }
    out
}

/// Squeezed to 80% of its height, then padded back to a square with white.
fn squeeze(img: &RgbImage) -> RgbImage {
    let (w, h) = img.dimensions();
    let small = imageops::resize(img, w, h * 80 / 100, imageops::FilterType::Triangle);
    let mut out = RgbImage::from_pixel(w, h, Rgb([255; 3]));
    imageops::overlay(&mut out, &small, 0, ((h - small.height()) / 2) as i64);
    out
}

/// A word across the middle: a bar of white strokes on black, a seventh of the height.
fn word_across(img: &RgbImage) -> RgbImage {
    let mut out = img.clone();
    let (w, h) = img.dimensions();
    for y in h * 40 / 100..h * 54 / 100 {
        for x in w / 10..w * 9 / 10 {
            let stroke = (x / 6) % 3 != 0 && (y / 4) % 4 != 0;
            out.put_pixel(x, y, if stroke { Rgb([255; 3]) } else { Rgb([10; 3]) });
        }
    }
    out
}

fn jpeg(img: &RgbImage, q: u8) -> RgbImage {
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, q)
        .encode_image(img)
        .unwrap();
    image::load_from_memory(&bytes).unwrap().into_rgb8()
}

type Transform = fn(&RgbImage) -> RgbImage;

const TRANSFORMS: &[(&str, Transform)] = &[
    ("jpeg_q30", |i| jpeg(i, 30)),
    ("resize_48", |i| {
        imageops::resize(i, 48, 48, imageops::FilterType::Triangle)
    }),
    ("grayscale", |i| {
        DynamicImage::ImageLuma8(imageops::grayscale(i)).into_rgb8()
    }),
    ("mirror", |i| imageops::flip_horizontal(i)),
    ("crop_5", |i| crop(i, 5)),
    ("crop_10", |i| crop(i, 10)),
    ("pad_white_20", |i| pad(i, 20, 255)),
    ("pad_black_10", |i| pad(i, 10, 0)),
    ("round_white", round_on_white),
    ("badge", badge),
    ("caption", caption),
    ("squeeze_80", squeeze),
    // A white mount, then a black frame round it: both come off.
    ("white_then_black", |i| pad(&pad(i, 10, 255), 8, 0)),
    ("word_across", word_across),
];

#[test]
fn every_edited_copy_is_identified_as_its_source() {
    let refs: Vec<Vec<RefHash>> = SOURCES
        .iter()
        .map(|s| reference_hashes(&to_rgb(&data(s))))
        .collect();
    let mut failures = Vec::new();
    for (i, src) in SOURCES.iter().enumerate() {
        let img = data(src);
        for (name, t) in TRANSFORMS {
            let q = query_hashes(&to_rgb(&t(&img)));
            let found: Vec<(usize, f32)> = refs
                .iter()
                .enumerate()
                .filter_map(|(j, r)| best_match(&q, r).map(|m| (j, m.margin())))
                .collect();
            let best = found.iter().min_by(|a, b| a.1.total_cmp(&b.1)).map(|f| f.0);
            if best != Some(i) {
                failures.push(format!(
                    "{src} {name}: identified as {best:?} (candidates {found:?})"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        SOURCES.len() * TRANSFORMS.len(),
        failures.join("\n")
    );
}

#[test]
fn distinct_photos_do_not_match_each_other() {
    let refs: Vec<Vec<RefHash>> = SOURCES
        .iter()
        .map(|s| reference_hashes(&to_rgb(&data(s))))
        .collect();
    for (i, src) in SOURCES.iter().enumerate() {
        let q = query_hashes(&to_rgb(&data(src)));
        for (j, r) in refs.iter().enumerate() {
            if i != j {
                assert!(best_match(&q, r).is_none(), "{src} matched {}", SOURCES[j]);
            }
        }
    }
}

/// A blank or one-colour avatar (common among ordinary accounts) holds nothing to match: enrolled or
/// met, it is nobody's copy. The circle view's paint round a flat disc once gave it a quality of 100.
#[test]
fn flat_pictures_match_nothing() {
    let flat = |w, h, c: [u8; 3]| RgbImage::from_pixel(w, h, Rgb(c));
    // Flat, and flat but for a sensor's noise of a level or two (under a step PDQ's quality counts).
    let noisy = RgbImage::from_fn(300, 300, |x, y| {
        let n = ((x * 7 + y * 13) % 3) as u8;
        Rgb([200 + n, 205 + n, 210 + n])
    });
    let pictures = [
        flat(2, 2, [255, 255, 255]),
        flat(400, 400, [255, 255, 255]),
        flat(400, 300, [207, 217, 222]),
        flat(64, 64, [0, 0, 0]),
        noisy,
    ];
    let photos: Vec<Vec<RefHash>> = SOURCES
        .iter()
        .map(|s| reference_hashes(&to_rgb(&data(s))))
        .collect();
    for (i, a) in pictures.iter().enumerate() {
        let q = query_hashes(&to_rgb(a));
        for (j, b) in pictures.iter().enumerate() {
            let r = reference_hashes(&to_rgb(b));
            assert!(
                best_match(&q, &r).is_none(),
                "flat picture {i} met flat picture {j}"
            );
        }
        for (r, src) in photos.iter().zip(SOURCES) {
            assert!(best_match(&q, r).is_none(), "flat picture {i} met {src}");
        }
    }
}

/// Logo copies no trim of uniform borders frames as the protected logo is framed; its content box,
/// found again whatever is round it, does.
const LOGO_EDITS: &[(&str, Transform)] = &[
    // Padded unevenly in another colour: 16% left and top, 4% right and bottom.
    ("padded in another colour", |i| {
        let (w, h) = i.dimensions();
        let mut out = RgbImage::from_pixel(w * 120 / 100, h * 120 / 100, Rgb([250, 200, 0]));
        imageops::overlay(&mut out, i, (w * 16 / 100) as i64, (h * 16 / 100) as i64);
        out
    }),
    // Its round avatar cut out of a screenshot of a profile page, on white under a red banner: the
    // page is the logo's own white, so only the disc of its square as uploaded, margin and all, meets it.
    ("in a screenshot of a profile on a white page", |i| {
        screenshot(i, [220, 30, 40], [255, 255, 255])
    }),
    // Squeezed to 82% of its width and padded back to a square in its own white (as make_hard.py's
    // `squeeze` draws it): nothing shows how much, so trimming cannot stretch it back.
    ("squeezed, padded in its own white", |i| {
        let (w, h) = i.dimensions();
        let small = imageops::resize(i, w * 82 / 100, h, imageops::FilterType::CatmullRom);
        let mut out = RgbImage::from_pixel(w, h, Rgb([255; 3]));
        imageops::overlay(&mut out, &small, ((w - small.width()) / 2) as i64, 0);
        out
    }),
];

/// Colour filters on a logo whose even white margin trimming takes off (as make_hard.py's `tint` draws
/// them): the filter darkens or moves where that margin ends, so the copy is not trimmed as the
/// protected logo was; its untrimmed square meets the logo's untrimmed reference.
const CENTRED_LOGO_EDITS: &[(&str, Transform)] = &[
    // Black over the edges, 0.7 × min(1, 1.2 × distance / half the side) at most, as Pillow's radial
    // gradient draws it: the corners of the white margin go grey and nothing is trimmed.
    ("under a vignette", |i| {
        let (w, h) = i.dimensions();
        let c = (w as f32 / 2.0, h as f32 / 2.0);
        RgbImage::from_fn(w, h, |x, y| {
            let d = ((x as f32 - c.0).powi(2) + (y as f32 - c.1).powi(2)).sqrt() / c.0 * 128.0;
            let dark = (1.2 * d).min(255.0) * 0.7 / 255.0;
            Rgb(i
                .get_pixel(x, y)
                .0
                .map(|v| (v as f32 * (1.0 - dark)).round() as u8))
        })
    }),
    // Its round avatar cut out of a screenshot of a profile page, a white logo on a black page under a
    // green banner. The circle found is read onto a square of the working size (it was read at its
    // own size, which PDQ hashed 40-60 bits from the same disc read at 128).
    ("in a screenshot of a profile on a black page", |i| {
        screenshot(i, [30, 140, 60], [0, 0, 0])
    }),
];

/// Edits of the centred logo on a light grey background (as some of the benchmark's logos are), which
/// trimming takes off as it does white.
const GREY_LOGO_EDITS: &[(&str, Transform)] = &[
    // make_hard.py's `combo`: mirrored, cropped 6% a side, a tick badge 12% across 3% from the
    // bottom-right corner, JPEG 70. The badge in the margin keeps trimming from taking the margin off,
    // and the crop leaves the margin neither the original's nor gone; with the badge painted out in
    // the background's grey (`sticker.rs`), the logo is trimmed as the protected one is.
    ("mirrored, cropped, a badge in a corner, JPEG", |i| {
        jpeg(
            &tick_badge(&crop(&imageops::flip_horizontal(i), 6), 12, 3),
            70,
        )
    }),
];

/// The centred logo with its white background made light grey (228).
fn on_grey(img: &RgbImage) -> RgbImage {
    RgbImage::from_fn(img.width(), img.height(), |x, y| {
        match *img.get_pixel(x, y) {
            Rgb([255, 255, 255]) => Rgb([228; 3]),
            p => p,
        }
    })
}

/// A tick badge as make_hard.py draws one: a disc `pct`% of the side across, `margin`% from the
/// bottom-right corner, green with a white tick.
fn tick_badge(img: &RgbImage, pct: u32, margin: u32) -> RgbImage {
    let mut out = img.clone();
    let (w, h) = img.dimensions();
    let d = (w * pct / 100) as f32;
    let m = (w * margin / 100) as f32;
    let (x0, y0) = (w as f32 - m - d, h as f32 - m - d);
    let (c, r) = (d / 2.0, d / 2.0);
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (x as f32 - x0, y as f32 - y0);
            if (fx - c).powi(2) + (fy - c).powi(2) > r * r {
                continue;
            }
            // The tick: two strokes, from (0.27, 0.53) down to (0.44, 0.69), then up to (0.74, 0.36).
            let on_stroke = |(ax, ay): (f32, f32), (bx, by): (f32, f32)| {
                let (ax, ay, bx, by) = (ax * d, ay * d, bx * d, by * d);
                let t = (((fx - ax) * (bx - ax) + (fy - ay) * (by - ay))
                    / ((bx - ax).powi(2) + (by - ay).powi(2)))
                .clamp(0.0, 1.0);
                let (px, py) = (ax + t * (bx - ax), ay + t * (by - ay));
                ((fx - px).powi(2) + (fy - py).powi(2)).sqrt() <= 0.055 * d
            };
            let tick =
                on_stroke((0.27, 0.53), (0.44, 0.69)) || on_stroke((0.44, 0.69), (0.74, 0.36));
            out.put_pixel(
                x,
                y,
                if tick {
                    Rgb([255; 3])
                } else {
                    Rgb([40, 170, 80])
                },
            );
        }
    }
    out
}

/// A photo's round avatar cut out of a screenshot of a profile page (as make_hard.py's `screenshot`
/// draws it), on a dark page under a blue banner or a white one under a red banner: the rows main
/// missed before the circle found was read at the working size (2026-12-05).
const SCREENSHOT_ROWS: &[(&str, &str, Transform)] = &[
    ("decoded/q0122.png", "dark page", dark_page),
    ("decoded/q0122.png", "white page", white_page),
    ("decoded/q0746.png", "dark page", dark_page),
    ("decoded/q0746.png", "white page", white_page),
    ("decoded/q1050.png", "white page", white_page),
];

fn dark_page(i: &RgbImage) -> RgbImage {
    screenshot(i, [40, 90, 200], [21, 32, 43])
}

fn white_page(i: &RgbImage) -> RgbImage {
    screenshot(i, [220, 30, 40], [255, 255, 255])
}

#[test]
fn a_photo_cut_from_a_screenshot_is_identified_as_its_source() {
    let failures: Vec<String> = SCREENSHOT_ROWS
        .iter()
        .filter(|(src, name, edit)| !unfound(&data(src), &[(name, *edit)]).is_empty())
        .map(|(src, name, _)| format!("{src} on a {name}"))
        .collect();
    assert!(failures.is_empty(), "not found: {failures:?}");
}

fn unfound(original: &RgbImage, edits: &[(&'static str, Transform)]) -> Vec<&'static str> {
    let refs = reference_hashes(&to_rgb(original));
    edits
        .iter()
        .filter(|(_, edit)| best_match(&query_hashes(&to_rgb(&edit(original))), &refs).is_none())
        .map(|(name, _)| *name)
        .collect()
}

#[test]
fn an_edited_logo_is_identified_as_its_source() {
    let failures = unfound(&logo(), LOGO_EDITS);
    assert!(failures.is_empty(), "not found: {failures:?}");
    let failures = unfound(&centred_logo(), CENTRED_LOGO_EDITS);
    assert!(failures.is_empty(), "centred logo, not found: {failures:?}");
    let failures = unfound(&on_grey(&centred_logo()), GREY_LOGO_EDITS);
    assert!(
        failures.is_empty(),
        "centred logo on grey, not found: {failures:?}"
    );
}

/// A picture turned `degrees` about its centre (counter-clockwise, as Pillow's `rotate`), at its own
/// size, the corners filled white, as make_hard.py's `turn` draws it; each pixel the mean of 3×3 samples
/// (drawn otherwise than the engine's own bilinear turn, so a row cannot pass by replaying it).
fn turned(img: &RgbImage, degrees: f32) -> RgbImage {
    let (w, h) = img.dimensions();
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    RgbImage::from_fn(w, h, |x, y| {
        let mut sum = [0f32; 3];
        for (sx, sy) in (0..9).map(|k| {
            (
                (k % 3) as f32 / 3.0 + 1.0 / 6.0,
                (k / 3) as f32 / 3.0 + 1.0 / 6.0,
            )
        }) {
            let (dx, dy) = (x as f32 + sx - cx, y as f32 + sy - cy);
            let (fx, fy) = (cos * dx - sin * dy + cx, sin * dx + cos * dy + cy);
            let p = if fx < 0.0 || fy < 0.0 || fx >= w as f32 || fy >= h as f32 {
                [255; 3]
            } else {
                img.get_pixel(fx as u32, fy as u32).0
            };
            (0..3).for_each(|c| sum[c] += p[c] as f32 / 9.0);
        }
        Rgb(sum.map(|v| v.round() as u8))
    })
}

/// Logos turned a few degrees, the corners filled white (make_hard.py's `turn`): on white, trimming
/// takes the copy to its turned box, larger than the logo's own; on grey, the white corners keep the
/// margin on. Each met by the whole picture turned, then trimmed, at enrolment (`Variant::TurnedWhole`);
/// main's references (the trimmed square turned) missed both (it found the same logos turned -4.4° on
/// white and 3.4° on grey, so those are not rows).
const TURNED_LOGO_ROWS: &[(&str, fn() -> RgbImage, f32)] = &[
    ("centred logo on white", centred_logo, 3.6),
    ("centred logo on grey", || on_grey(&centred_logo()), -4.6),
];

#[test]
fn a_logo_turned_a_few_degrees_is_identified_as_its_source() {
    let failures: Vec<String> = TURNED_LOGO_ROWS
        .iter()
        .filter(|(_, picture, degrees)| {
            let original = picture();
            let refs = reference_hashes(&to_rgb(&original));
            best_match(&query_hashes(&to_rgb(&turned(&original, *degrees))), &refs).is_none()
        })
        .map(|(name, _, degrees)| format!("{name} turned {degrees}°"))
        .collect();
    assert!(failures.is_empty(), "not found: {failures:?}");
}

/// The views made from a whole copy of the picture (a corner sticker painted out) are made for a
/// picture the size of an avatar, not for one of 4096² that would double a query's time and memory.
#[test]
fn whole_copy_views_only_for_pictures_of_an_avatars_size() {
    use super::views::Reframe;
    let (_, edit) = GREY_LOGO_EDITS[0];
    let combo = edit(&on_grey(&centred_logo()));
    let unstickered = |img: &RgbImage| {
        query_hashes(&to_rgb(img))
            .reframed
            .iter()
            .any(|(r, ..)| *r == Reframe::Unstickered)
    };
    assert!(
        unstickered(&combo),
        "the sticker painted out at {}px",
        combo.width()
    );
    let big = imageops::resize(&combo, 1400, 1400, imageops::FilterType::Triangle);
    assert!(!unstickered(&big), "no whole copy at 1400px");
}

/// The extension hashes a picture a step at a time, other work running between steps: seven steps, then
/// the same plain PDQ (Meta's, as `pdq_of` gives it) and the same query as in one go.
#[test]
fn hashing_in_steps_gives_the_same_hashes() {
    use super::matcher::{plain_and_query, QueryInSteps};
    for source in SOURCES {
        let rgb = to_rgb(&data(source));
        let mut steps = QueryInSteps::new(std::borrow::Cow::Borrowed(&rgb), true);
        let mut taken = 0;
        while steps.step() {
            taken += 1;
        }
        assert_eq!(taken, 6, "{source}: steps after the first");
        assert!(!steps.step(), "{source}: a step after the last");
        let (plain, query) = steps.finish();
        let (plain_once, query_once) = plain_and_query(&rgb);
        assert_eq!(plain.hash, super::pdq_of(&rgb).hash, "{source}: plain PDQ");
        assert_eq!(
            (plain.hash, query.encode()),
            (plain_once.hash, query_once.encode()),
            "{source}"
        );
        assert_eq!(query.encode(), query_hashes(&rgb).encode(), "{source}");
    }
}

/// The telltale of an older enrolment (`ADDED_LATER`) must never fire on a fresh one: photos (nothing
/// trimmed), a logo whose margin is uneven and the centred logo trimming takes a margin from.
#[test]
fn fresh_enrolment_writes_both_of_each_pair() {
    use super::matcher::enrolled_by_older_version;
    let mut pictures: Vec<RgbImage> = SOURCES.iter().map(|s| data(s)).collect();
    pictures.extend([logo(), centred_logo()]);
    let mut untrimmed = 0;
    for img in &pictures {
        let refs: Vec<String> = reference_hashes(&to_rgb(img))
            .iter()
            .map(|r| r.encode())
            .collect();
        untrimmed += refs.iter().filter(|r| r.starts_with("full:u:")).count();
        assert!(!enrolled_by_older_version(&refs), "{refs:?}");
        // Without the later reference of a pair, the same avatar reads as enrolled before it.
        if refs.iter().any(|r| r.starts_with("full:u:")) {
            let older: Vec<String> = refs
                .iter()
                .filter(|r| !r.starts_with("full:u:"))
                .cloned()
                .collect();
            assert!(enrolled_by_older_version(&older), "{older:?}");
        }
        // Enrolled before the whole picture was turned: the trimmed square turned in its place.
        let turned_square: Vec<String> = refs
            .iter()
            .filter(|r| !r.starts_with("full:rw"))
            .map(|r| r.replacen("circle:rw", "circle:r", 1))
            .collect();
        assert!(
            turned_square.iter().any(|r| r.starts_with("circle:r3:")),
            "{turned_square:?}"
        );
        assert!(
            enrolled_by_older_version(&turned_square),
            "{turned_square:?}"
        );
    }
    // The centred logo holds the untrimmed pair, plain and mirrored, so that pair was tested too.
    assert!(untrimmed >= 2, "{untrimmed}");
}

/// A folder-like icon of a shared template (the body and tab of one colour on white) with its own
/// emblem in the middle, as icon themes, app-icon frames and club crests are drawn.
fn template_icon(emblem: fn(f32, f32) -> bool) -> RgbImage {
    let side = 192u32;
    RgbImage::from_fn(side, side, |x, y| {
        let (u, v) = (x as f32 / side as f32, y as f32 / side as f32);
        let body = (0.08..0.92).contains(&u) && (0.22..0.88).contains(&v);
        let tab = (0.08..0.42).contains(&u) && (0.14..0.22).contains(&v);
        if body && emblem(u - 0.5, v - 0.57) {
            Rgb([245, 245, 245])
        } else if body || tab {
            Rgb([74, 134, 200])
        } else {
            Rgb([255, 255, 255])
        }
    })
}

/// Emblems, centred a little below the middle, each reaching from 40% to 74% of the height. (Two thin
/// bars there still match the plain folder: the band view leaves only their feet; a known limit.)
const EMBLEMS: &[(&str, fn(f32, f32) -> bool)] = &[
    ("no emblem", |_, _| false),
    ("a disc", |x, y| x * x + y * y < 0.17 * 0.17),
    ("a cross", |x, y| {
        (x.abs() < 0.04 && y.abs() < 0.17) || (y.abs() < 0.04 && x.abs() < 0.17)
    }),
];

/// Icons that share a template differ only by their emblem, in the middle band a word across a picture
/// covers: the band view must not hide so much of it that every icon of the template looks the same.
#[test]
fn icons_of_one_template_with_other_emblems_do_not_match() {
    let icons: Vec<(&str, RgbImage)> = EMBLEMS
        .iter()
        .map(|(n, e)| (*n, template_icon(*e)))
        .collect();
    let mut matched = Vec::new();
    for (i, (name, icon)) in icons.iter().enumerate() {
        let refs = reference_hashes(&to_rgb(icon));
        for (j, (other, copy)) in icons.iter().enumerate() {
            if i != j && best_match(&query_hashes(&to_rgb(copy)), &refs).is_some() {
                matched.push(format!("{other} matched {name}"));
            }
        }
    }
    assert!(matched.is_empty(), "{}", matched.join("; "));
}
