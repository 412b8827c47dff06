//! The heap peak and time of each input through one target, with no memory budget, to measure how far
//! past it a memory bomb goes (fuzz/README.md's figures).
//!
//! cargo run --release -p vipguard-fuzz --example peak -- TARGET FILE...

use std::time::Instant;
use vipguard_fuzz::{peak_bytes, reset_peak, set_limit, TARGETS};

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args.next().expect("usage: peak TARGET FILE...");
    let (_, target) = TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no target {name}"));
    set_limit(usize::MAX);
    // The fixed list and profiles first, outside any input's peak.
    vipguard_fuzz::check(b"");
    for path in args {
        let data = std::fs::read(&path).unwrap();
        reset_peak();
        let start = Instant::now();
        let outcome = std::panic::catch_unwind(|| target(&data));
        println!(
            "{path}: {} bytes, heap peak {:.1} MB, {:.2} s{}",
            data.len(),
            peak_bytes() as f64 / 1e6,
            start.elapsed().as_secs_f64(),
            if outcome.is_err() { ", PANICKED" } else { "" }
        );
    }
}
