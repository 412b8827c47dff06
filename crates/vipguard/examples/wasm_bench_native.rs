//! The native side of `make wasm-bench`: writes the benchmark's inputs to DIR (10,000 synthetic protected
//! accounts and their checker's snapshot, 2,000 profiles, a 400x400 JPEG) and times the same work the browser benchmark times, the
//! same way, printing one JSON object:
//!     cargo run --release --example wasm_bench_native -- DIR
#[path = "../benches/synth.rs"]
mod synth;

use std::time::Instant;
use vipguard::decode;
use vipguard::parse_json_line;
use vipguard::plain_and_query;
use vipguard::{Checker, ProtectedList};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn ms(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: wasm_bench_native DIR"),
    );
    std::fs::create_dir_all(&dir).unwrap();
    let list = synth::protected(10_000, 7);
    let list_text = serde_json::to_string(&list).unwrap();
    std::fs::write(dir.join("protected.json"), &list_text).unwrap();
    let profiles: Vec<String> = synth::profiles(&list, 2_000, 11)
        .iter()
        .map(|p| serde_json::to_string(p).unwrap())
        .collect();
    std::fs::write(
        dir.join("profiles.json"),
        format!("[{}]", profiles.join(",")),
    )
    .unwrap();
    let jpeg = synth::jpeg_400();
    std::fs::write(dir.join("avatar.jpg"), &jpeg).unwrap();

    // Build: parse the list text and index it (what `new Checker(text)` does), 5 runs.
    let mut checker = None;
    let build = median(
        (0..5)
            .map(|_| {
                drop(checker.take()); // freeing the previous one is not part of building
                let mut built = None;
                let t = ms(|| {
                    let l = ProtectedList::from_json(&list_text, "protected list").unwrap();
                    built = Some(Checker::new(l).expect("a valid list"));
                });
                checker = built;
                t
            })
            .collect(),
    );
    let checker = checker.unwrap();
    // Restore: the built checker from its snapshot (what `Checker.restore` does), 5 runs. The browser
    // side restores these same bytes (a snapshot reads the same on every platform).
    let snapshot = vipguard::save_snapshot(&checker, "bench");
    std::fs::write(dir.join("protected.snap"), &snapshot).unwrap();
    let restore = median(
        (0..5)
            .map(|_| {
                let mut restored = None;
                let t = ms(|| {
                    restored = Some(vipguard::restore_snapshot(&snapshot, "snap", "bench").unwrap())
                });
                drop(restored);
                t
            })
            .collect(),
    );
    // One check: profile JSON in, result JSON out, as the WASM `check` does; medians of 50-check chunks.
    let one = |p: &str| {
        let profile = parse_json_line(p, "profile", 1).unwrap();
        serde_json::to_string(&checker.check(&profile)).unwrap()
    };
    let chunks: Vec<f64> = profiles
        .chunks(50)
        .map(|c| {
            ms(|| c.iter().for_each(|p| drop(std::hint::black_box(one(p))))) * 1e3 / c.len() as f64
        })
        .collect();
    let check_us = median(chunks);
    // checkMany of 500 profiles, 10 runs.
    let many = median(
        (0..10)
            .map(|r| {
                let batch = &profiles[(r * 150) % 1500..][..500];
                ms(|| {
                    batch
                        .iter()
                        .for_each(|p| drop(std::hint::black_box(one(p))))
                })
            })
            .collect(),
    );
    // hashImage: decode, plain PDQ and the query hashes, 20 runs.
    let hash = median(
        (0..20)
            .map(|_| {
                ms(|| {
                    let rgb = decode(&jpeg).unwrap();
                    let (plain, query) = plain_and_query(&rgb);
                    std::hint::black_box((plain.hash.to_hex(), query.encode()));
                })
            })
            .collect(),
    );
    println!(
        "{}",
        serde_json::json!({"build_ms": build, "restore_ms": restore,
            "snapshot_bytes": snapshot.len(), "check_us": check_us, "check_many_ms": many, "hash_ms": hash})
    );
}

// The allocator the CLI uses (crates/vipguard-cli/src/main.rs), so the figures are the shipped native build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
