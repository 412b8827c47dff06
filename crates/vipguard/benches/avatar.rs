//! Avatar speed: decode + normalise + hash a 400x400 JPEG (all three views, as a profile avatar is
//! hashed), plain PDQ of the same bytes beside it; and searching the references of 100,000 protected
//! avatars, beside a flat popcount scan of the same references in the same run.
//!
//!     cargo bench --bench avatar && python3 scripts/bench-summary.py

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vipguard::internals::AvatarIndex;
use vipguard::internals::{RefHash, VARIANTS};
use vipguard::internals::{Reframe, Variant, View, VIEWS};
use vipguard::{decode, hash_bytes, PdqHash};
use vipguard::{query_hashes, QueryHashes};

#[path = "synth.rs"]
mod synth;

fn random_hash(rng: &mut synth::Rng) -> PdqHash {
    PdqHash([rng.next(), rng.next(), rng.next(), rng.next()])
}

fn bench(c: &mut Criterion) {
    let bytes = synth::jpeg_400();
    let mut g = c.benchmark_group("avatar_hash_400_jpeg");
    g.bench_function("decode_normalise_hash_views", |b| {
        b.iter(|| black_box(query_hashes(&decode(black_box(&bytes)).unwrap())))
    });
    g.bench_function("decode_plain_pdq", |b| {
        b.iter(|| black_box(hash_bytes(black_box(&bytes)).unwrap()))
    });
    g.finish();

    // 100,000 avatars x every reference (each variant's views, mirrored too).
    let mut rng = synth::Rng::new(3);
    // Each variant in its own views, as enrolment makes them, mirrored too.
    let shape: Vec<(Variant, View, bool)> = VARIANTS
        .iter()
        .flat_map(|&(variant, views)| {
            views
                .iter()
                .flat_map(move |&v| [(variant, v, false), (variant, v, true)])
        })
        // A logo's content box, plain and mirrored: every avatar counted as a logo (the worst case).
        .chain([
            (Variant::Plain, View::Content, false),
            (Variant::Plain, View::Content, true),
        ])
        .collect();
    let avatars: Vec<Vec<RefHash>> = (0..100_000)
        .map(|_| {
            shape
                .iter()
                .map(|&(variant, view, mirrored)| RefHash {
                    view,
                    variant,
                    mirrored,
                    hash: random_hash(&mut rng),
                    quality: 90,
                })
                .collect()
        })
        .collect();
    let index = AvatarIndex::new(
        avatars
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, r)| (i as u32, r)),
    );
    // Queries: half copies of listed references with up to 20 bits flipped, half unrelated pictures.
    let queries: Vec<QueryHashes> = (0..200)
        .map(|i| {
            // Every picture counted as having a flat background, so also hashed in its content box.
            let views = VIEWS
                .iter()
                .chain(&[View::Content])
                .map(|&v| {
                    let mut h = if i % 2 == 0 {
                        let a = &avatars[rng.below(avatars.len() as u64) as usize];
                        a.iter().find(|r| r.view == v).unwrap().hash
                    } else {
                        random_hash(&mut rng)
                    };
                    for _ in 0..rng.below(20) {
                        let bit = rng.below(256) as usize;
                        h.0[bit / 64] ^= 1 << (bit % 64);
                    }
                    (v, h, 90u8)
                })
                .collect();
            // What an ordinary picture brings besides: its centre at a 3% inset, whole and on the circle
            // (a frame found by its edges, a squeeze or a screenshot add more, but are rare).
            let reframed = [View::Full, View::Circle]
                .map(|v| (Reframe::Inset(3), v, random_hash(&mut rng), 90u8))
                .to_vec();
            QueryHashes {
                views,
                reframed,
                undone: Default::default(),
            }
        })
        .collect();
    let flat: Vec<(View, PdqHash)> = avatars.iter().flatten().map(|r| (r.view, r.hash)).collect();
    let mut g = c.benchmark_group("avatar_search_100k");
    let mut i = 0;
    g.bench_function("multi_index", |b| {
        b.iter(|| {
            i = (i + 1) % queries.len();
            black_box(index.search(&queries[i]))
        })
    });
    let mut j = 0;
    g.sample_size(20);
    g.bench_function("flat_popcount_scan", |b| {
        b.iter(|| {
            j = (j + 1) % queries.len();
            let q = &queries[j];
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
}

criterion_group!(benches, bench);
criterion_main!(benches);

// The allocator the CLI uses (crates/vipguard-cli/src/main.rs), so the figures are the shipped native build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
