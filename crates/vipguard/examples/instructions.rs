//! Work to count with callgrind, which gives the same figure on a busy machine as on a quiet one
//! (timings here vary by ±20%). Driven by `scripts/count-instructions.sh`, which runs it under
//! `valgrind --tool=callgrind --toggle-collect=…` so only the measured function is counted.
//!
//!     cargo run --release --example instructions -- check   # 1,000 checks against 100,000 accounts
//!     cargo run --release --example instructions -- build   # a checker for 10,000 accounts

#[path = "../benches/synth.rs"]
mod synth;
use std::hint::black_box;
use vipguard::{Checker, Profile, ProtectedList};

/// The counted part of `check` (the name `scripts/count-instructions.sh` toggles on).
#[inline(never)]
fn measured_checks(checker: &Checker, queries: &[Profile]) {
    for q in queries {
        black_box(checker.check(q));
    }
}

/// The counted part of `build`.
#[inline(never)]
fn measured_build(list: ProtectedList) -> Checker {
    Checker::new(list).expect("a valid list")
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("check") => {
            let list = synth::protected(100_000, 7);
            let checker = Checker::new(list.clone()).expect("a valid list");
            let queries = synth::profiles(&list, 1000, 11);
            // Warm up once, so tables built on first use are not counted as part of a check.
            for q in queries.iter().take(100) {
                black_box(checker.check(q));
            }
            measured_checks(&checker, &queries);
        }
        Some("build") => {
            let list = synth::protected(10_000, 7);
            // Warm up on a small list first (tables built on first use), outside the count.
            black_box(Checker::new(synth::protected(100, 3)).expect("a valid list"));
            let checker = measured_build(list);
            black_box(&checker);
        }
        _ => {
            eprintln!("usage: instructions check|build");
            std::process::exit(2);
        }
    }
}

// The allocator the CLI uses (crates/vipguard-cli/src/main.rs), so the counts are the shipped native build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
