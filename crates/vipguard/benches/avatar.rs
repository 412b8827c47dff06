//! Avatar speed: decode + normalise + hash a 400x400 JPEG (all views, as a profile avatar is hashed),
//! plain PDQ of the same bytes beside it, for three pictures: a photo (the old case), the round avatar
//! cut from a screenshot of a profile page (flat page corners, so the circle is looked for) and a logo
//! on a flat background. Then searching the references of 100,000 protected avatars: every avatar
//! counted as a logo with a content box (the old worst case), and a list with 40% logos whose
//! references are shaped as enrolment makes them; a flat popcount scan beside. Last, enrolling one
//! picture (all its reference variants), plain PDQ of it beside.
//!
//!     cargo bench -p vipguard --features internals --bench avatar && python3 scripts/bench-summary.py

use criterion::{criterion_group, criterion_main, Criterion};
use image::RgbImage;
use std::hint::black_box;
use vipguard::internals::{reference_hashes, AvatarIndex};
use vipguard::internals::{RefHash, VARIANTS};
use vipguard::internals::{Reframe, Variant, View, VIEWS};
use vipguard::{decode, decode_rgba, enroll_rgb, hash_bytes, pdq_of, PdqHash, Rgb};
use vipguard::{query_hashes, QueryHashes};

#[path = "synth.rs"]
mod synth;

#[path = "../src/avatar/drawn.rs"]
mod drawn;

fn random_hash(rng: &mut synth::Rng) -> PdqHash {
    PdqHash([rng.next(), rng.next(), rng.next(), rng.next()])
}

/// A 400x400 JPEG (quality 90) of a drawn picture.
fn jpeg_400(img: &RgbImage) -> Vec<u8> {
    let img = image::imageops::resize(img, 400, 400, image::imageops::FilterType::Triangle);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

fn rgb(img: &RgbImage) -> Rgb {
    let rgba = image::DynamicImage::ImageRgb8(img.clone()).into_rgba8();
    decode_rgba(img.width(), img.height(), rgba.as_raw()).unwrap()
}

/// The hashes a query brings: half copies of the avatars' references in the same view with up to 20
/// bits flipped, half unrelated pictures; besides, what an ordinary picture adds (its centre at a 3%
/// inset, whole and on the circle; a frame found by its edges, a squeeze or a screenshot add more, but
/// are rare).
fn queries(avatars: &[Vec<RefHash>], rng: &mut synth::Rng) -> Vec<QueryHashes> {
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
fn avatars(
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

fn index(avatars: &[Vec<RefHash>]) -> AvatarIndex {
    AvatarIndex::new(
        avatars
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, r)| (i as u32, r)),
    )
}

fn bench(c: &mut Criterion) {
    let dir = std::env::var("VIPGUARD_PDQ_DATA").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/pdq").into()
    });
    let photo = image::open(format!("{dir}/decoded/aaa-orig.png"))
        .expect("PDQ test data")
        .into_rgb8();
    // The photo's round avatar on a profile page in the dark theme, under a blue banner.
    let shot = drawn::screenshot(&photo, [29, 155, 240], [21, 32, 43]);
    // Centred, so its margin is trimmed and it is also enrolled as its untrimmed disc (`u`): an
    // off-centre logo keeps its margin and gets its content box only.
    let logo = drawn::centred_logo();
    let pictures = [
        ("photo", synth::jpeg_400()),
        ("screenshot", jpeg_400(&shot)),
        ("logo", jpeg_400(&logo)),
    ];
    // The screenshot must take the path it is here for: a circle found in it.
    let q = query_hashes(&decode(&pictures[1].1).unwrap());
    assert!(
        q.reframed.iter().any(|r| r.0 == Reframe::Circle),
        "no circle found in the screenshot"
    );

    let mut g = c.benchmark_group("avatar_hash_400_jpeg");
    for (name, bytes) in &pictures {
        // The photo's names are the ones earlier runs reported.
        let (views, plain) = match *name {
            "photo" => (
                "decode_normalise_hash_views".to_string(),
                "decode_plain_pdq".to_string(),
            ),
            n => (
                format!("{n}_decode_normalise_hash_views"),
                format!("{n}_decode_plain_pdq"),
            ),
        };
        g.bench_function(views, |b| {
            b.iter(|| black_box(query_hashes(&decode(black_box(bytes)).unwrap())))
        });
        g.bench_function(plain, |b| {
            b.iter(|| black_box(hash_bytes(black_box(bytes)).unwrap()))
        });
    }
    g.finish();

    // 100,000 avatars x every reference, each variant in its own views as enrolment makes them,
    // mirrored too, and a logo's content box: every avatar counted as a logo (the old worst case).
    let mut rng = synth::Rng::new(3);
    let worst: Vec<(Variant, View, bool)> = VARIANTS
        .iter()
        .flat_map(|&(variant, views)| {
            views
                .iter()
                .flat_map(move |&v| [(variant, v, false), (variant, v, true)])
        })
        .chain([
            (Variant::Plain, View::Content, false),
            (Variant::Plain, View::Content, true),
        ])
        .collect();
    let all_logos = avatars(&mut rng, |_| worst.clone());
    let all_logos_queries = queries(&all_logos, &mut rng);
    // A list with 40% logos: each avatar's references shaped as this engine enrols a photo or a logo
    // (a logo has its content box and, since the screenshot work, its untrimmed disc `u`).
    let shape_of = |img: &RgbImage| -> Vec<(Variant, View, bool)> {
        reference_hashes(&rgb(img))
            .iter()
            .map(|r| (r.variant, r.view, r.mirrored))
            .collect()
    };
    let (photo_shape, logo_shape) = (shape_of(&photo), shape_of(&logo));
    let mixed = avatars(&mut rng, |i| {
        if i % 5 < 2 {
            logo_shape.clone()
        } else {
            photo_shape.clone()
        }
    });
    let mixed_queries = queries(&mixed, &mut rng);
    eprintln!(
        "references: photo {}, logo {}; all-logo list {}, 40%-logo list {}",
        photo_shape.len(),
        logo_shape.len(),
        all_logos.iter().map(Vec::len).sum::<usize>(),
        mixed.iter().map(Vec::len).sum::<usize>()
    );

    let mut g = c.benchmark_group("avatar_search_100k");
    for (name, avatars, queries) in [
        ("multi_index", &all_logos, &all_logos_queries),
        ("multi_index_40pct_logos", &mixed, &mixed_queries),
    ] {
        let index = index(avatars);
        let mut i = 0;
        g.bench_function(name, |b| {
            b.iter(|| {
                i = (i + 1) % queries.len();
                black_box(index.search(&queries[i]))
            })
        });
    }
    let flat: Vec<(View, PdqHash)> = all_logos
        .iter()
        .flatten()
        .map(|r| (r.view, r.hash))
        .collect();
    let mut j = 0;
    g.sample_size(20);
    g.bench_function("flat_popcount_scan", |b| {
        b.iter(|| {
            j = (j + 1) % all_logos_queries.len();
            let q = &all_logos_queries[j];
            black_box(
                flat.iter()
                    .filter(|(v, h)| {
                        q.all()
                            .any(|(_, qv, qh, _)| qv == *v && qh.distance(h) <= 31)
                    })
                    .count(),
            )
        })
    });
    g.finish();

    // Enrolling one picture: plain PDQ and every reference variant, mirrored too.
    let mut g = c.benchmark_group("avatar_enrol");
    g.sample_size(20);
    for (name, img) in [("photo", &photo), ("logo", &logo)] {
        let img = rgb(img);
        g.bench_function(format!("{name}_all_references"), |b| {
            b.iter(|| black_box(enroll_rgb(black_box(&img))))
        });
        g.bench_function(format!("{name}_plain_pdq"), |b| {
            b.iter(|| black_box(pdq_of(black_box(&img))))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

// The allocator the CLI uses (crates/vipguard-cli/src/main.rs), so the figures are the shipped native build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
