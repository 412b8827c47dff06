//! Restoring a checker of 10,000 accounts from its snapshot, for callgrind (`scripts/count-instructions.sh`,
//! which counts only `measured_restore`). Apart from `instructions.rs` because revisions before snapshots
//! existed cannot build it, and the script builds `instructions.rs` in older revisions too.
//!
//!     cargo run --release --example instructions_restore

#[path = "../benches/synth.rs"]
mod synth;
use std::hint::black_box;
use vipguard::Checker;
use vipguard::{restore_snapshot as restore, save_snapshot as save};

/// The counted part.
#[inline(never)]
fn measured_restore(snapshot: &[u8]) -> Checker {
    restore(snapshot, "snapshot", "list").unwrap()
}

fn main() {
    let snapshot = save(
        &Checker::new(synth::protected(10_000, 7)).expect("a valid list"),
        "list",
    );
    // Warm up on a small snapshot first (tables built on first use), outside the count.
    black_box(
        restore(
            &save(
                &Checker::new(synth::protected(100, 3)).expect("a valid list"),
                "list",
            ),
            "warm-up",
            "list",
        )
        .unwrap(),
    );
    black_box(measured_restore(&snapshot));
}

// The allocator the CLI uses (crates/vipguard-cli/src/main.rs), so the counts are the shipped native build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
