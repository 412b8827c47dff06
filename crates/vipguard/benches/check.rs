//! Text-check speed against 100,000 protected accounts, beside a linear strsim scan of the same list in
//! the same run, and index build time.
//!
//!     cargo bench --bench check
//!     python3 scripts/bench-summary.py      # medians and the ratio

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vipguard::{Checker, Profile, ProtectedList};

#[path = "synth.rs"]
mod synth;

/// The baseline: Jaro-Winkler of name and handle against every account.
fn linear_scan(list: &[(String, String)], p: &Profile) -> (f64, usize) {
    let (name, handle) = (p.name.to_lowercase(), p.handle.to_lowercase());
    let mut best = (0.0, 0);
    for (i, (n, h)) in list.iter().enumerate() {
        let s = strsim::jaro_winkler(&name, n).max(strsim::jaro_winkler(&handle, h));
        if s > best.0 {
            best = (s, i);
        }
    }
    best
}

fn bench(c: &mut Criterion) {
    let list: ProtectedList = synth::protected(100_000, 7);
    let queries = synth::profiles(&list, 1000, 11);
    let checker = Checker::new(list.clone()).expect("a valid list");
    let lowered: Vec<(String, String)> = list
        .accounts
        .iter()
        .map(|a| (a.name.to_lowercase(), a.handles[0].handle.to_lowercase()))
        .collect();

    let mut g = c.benchmark_group("text_check_100k");
    let mut i = 0;
    g.bench_function("vipguard_check", |b| {
        b.iter(|| {
            i = (i + 1) % queries.len();
            black_box(checker.check(&queries[i]))
        })
    });
    let mut j = 0;
    g.sample_size(20);
    g.bench_function("linear_strsim_scan", |b| {
        b.iter(|| {
            j = (j + 1) % queries.len();
            black_box(linear_scan(&lowered, &queries[j]))
        })
    });
    g.finish();

    // The same checks with a bio on every profile (the writers' bios of bench/bios/dev.jsonl, in turn),
    // with the learned bio reader off and on: the model reads a bio only for a profile that resembles
    // someone, once per profile. And one bio's scoring alone: its features, their weights' sum and,
    // where it fires, the words quoted.
    let bios: Vec<String> = include_str!("../../../bench/bios/dev.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a bios line");
            v["bio"].as_str().expect("a bio").to_string()
        })
        .collect();
    let with_bios: Vec<Profile> = queries
        .iter()
        .enumerate()
        .map(|(i, q)| Profile {
            bio: Some(bios[i % bios.len()].replace("{name}", &q.name)),
            ..q.clone()
        })
        .collect();
    let with_model = Checker::new(list.clone())
        .expect("a valid list")
        .with_bio_model(true);
    let mut g = c.benchmark_group("bio_check_100k");
    for (label, checker) in [("model_off", &checker), ("model_on", &with_model)] {
        let mut i = 0;
        g.bench_function(label, |b| {
            b.iter(|| {
                i = (i + 1) % with_bios.len();
                black_box(checker.check(&with_bios[i]))
            })
        });
    }
    g.finish();
    drop(with_model);
    let mut g = c.benchmark_group("bio_model");
    let mut i = 0;
    g.bench_function("score_one_bio", |b| {
        b.iter(|| {
            i = (i + 1) % bios.len();
            black_box(vipguard::internals::bio_model_sum(&bios[i]))
        })
    });
    let mut i = 0;
    g.bench_function("read_and_quote_one_bio", |b| {
        b.iter(|| {
            i = (i + 1) % bios.len();
            black_box(vipguard::internals::bio_model_quoted(&bios[i]))
        })
    });
    g.finish();

    // Reading a profile's handle: its keys and the cores (affixes off, words in other orders) that are
    // looked up besides the handle itself; part of every check.
    let mut g = c.benchmark_group("handle_reading");
    let mut k = 0;
    g.bench_function("keys_and_cores", |b| {
        b.iter(|| {
            k = (k + 1) % queries.len();
            let q = &queries[k];
            let keys = vipguard::internals::HandleKeys::new(&q.platform, &q.handle);
            black_box(keys.cores())
        })
    });
    g.finish();

    // Reading a protected list's JSON (what the CLI, the WASM Checker and the options page start with).
    let small = synth::protected(10_000, 7);
    let text = serde_json::to_string(&small).expect("the synthetic list serialises");
    let mut g = c.benchmark_group("list_parse");
    g.sample_size(20);
    g.bench_function("json_10k", |b| {
        b.iter(|| black_box(ProtectedList::from_json(&text, "list.json")))
    });
    g.finish();

    let mut g = c.benchmark_group("index_build");
    g.sample_size(10);
    g.bench_function("checker_new_100k", |b| {
        b.iter(|| black_box(Checker::new(list.clone()).expect("a valid list")))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

// The allocator the CLI uses (crates/vipguard-cli/src/main.rs), so the figures are the shipped native build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
