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
use std::hint::black_box;
use vipguard::internals::VARIANTS;
use vipguard::internals::{Reframe, Variant, View};
use vipguard::query_hashes;
use vipguard::{decode, enroll_rgb, hash_bytes, pdq_of, PdqHash};

#[path = "synth.rs"]
mod synth;

#[path = "../src/avatar/drawn.rs"]
mod drawn;

#[path = "avatar_data.rs"]
mod avatar_data;
use avatar_data::{avatars, index, jpeg_400, mixed_list, queries, rgb, shape_of};

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
    // A list with 40% logos, each avatar's references shaped as this engine enrols it.
    let mixed = mixed_list(&mut rng, &photo, &logo);
    let (photo_shape, logo_shape) = (shape_of(&photo), shape_of(&logo));
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
