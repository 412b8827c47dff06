//! Avatar work to count with callgrind (the same figure on a busy machine as on a quiet one): one
//! 400x400 JPEG decoded, normalised and hashed in every view, as a profile's avatar is (`hash`, the
//! photo of `benches/avatar.rs`; `hash-shot`, its screenshot's round avatar; `hash-logo`, its logo),
//! and 200 searches of a 100,000-avatar list, 40% logos (`search`, the bench's
//! `multi_index_40pct_logos`). Only the `measured_*` function is counted:
//!
//!     cargo build --release -p vipguard --features internals --example avatar_instructions
//!     valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!       --toggle-collect='avatar_instructions::measured_hash' \
//!       target/release/examples/avatar_instructions hash
//!     valgrind … --toggle-collect='avatar_instructions::measured_search' … search   # ÷ 200

#[path = "../benches/synth.rs"]
mod synth;

#[path = "../src/avatar/drawn.rs"]
mod drawn;

#[path = "../benches/avatar_data.rs"]
mod avatar_data;

use std::hint::black_box;
use vipguard::internals::AvatarIndex;
use vipguard::{decode, query_hashes, QueryHashes};

/// The counted part of `hash`: one picture's bytes to its query hashes.
#[inline(never)]
fn measured_hash(bytes: &[u8]) {
    black_box(query_hashes(&decode(black_box(bytes)).unwrap()));
}

/// The counted part of `search`.
#[inline(never)]
fn measured_search(index: &AvatarIndex, queries: &[QueryHashes]) {
    for q in queries {
        black_box(index.search(q));
    }
}

fn main() {
    let dir = std::env::var("VIPGUARD_PDQ_DATA").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/pdq").into()
    });
    let photo = image::open(format!("{dir}/decoded/aaa-orig.png"))
        .expect("PDQ test data")
        .into_rgb8();
    let logo = drawn::centred_logo();
    let mode = std::env::args().nth(1).unwrap_or_default();
    let bytes = match mode.as_str() {
        "hash" => synth::jpeg_400(),
        "hash-shot" => {
            avatar_data::jpeg_400(&drawn::screenshot(&photo, [29, 155, 240], [21, 32, 43]))
        }
        "hash-logo" => avatar_data::jpeg_400(&logo),
        "search" => {
            let mut rng = synth::Rng::new(3);
            let list = avatar_data::mixed_list(&mut rng, &photo, &logo);
            let queries = avatar_data::queries(&list, &mut rng);
            let index = avatar_data::index(&list);
            // Warm up once, outside the count.
            measured_search(&index, &queries[..10]);
            measured_search(&index, &queries);
            return;
        }
        _ => {
            eprintln!("usage: avatar_instructions hash|hash-shot|hash-logo|search");
            std::process::exit(2);
        }
    };
    black_box(query_hashes(&decode(&bytes).unwrap()));
    measured_hash(&bytes);
}

// The allocator the CLI uses (crates/vipguard-cli/src/main.rs), so the counts are the shipped native build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
