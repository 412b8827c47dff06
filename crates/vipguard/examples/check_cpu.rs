//! CPU time of one text check against 100,000 synthetic accounts (the bench's list and queries), read
//! from the kernel's count of this thread's time on a CPU (`/proc/thread-self/schedstat`), so time the
//! thread spent waiting for other processes on a shared machine is not counted, unlike criterion's
//! wall-clock figures. Cache contention from other processes still shows.
//!
//!     cargo run --release -p vipguard --example check_cpu -- 20     # rounds of 1,000 checks; prints the median
//!     cargo run --release -p vipguard --example check_cpu -- 20 10  # rounds of 10 × 1,000 checks
//!
//! The kernel's figure for a running thread can be up to a scheduler tick old (4 ms here): a round of
//! 1,000 checks (~25 ms) read in steps of 4 µs a check; ten passes a round make that 0.4 µs.

#[path = "../benches/synth.rs"]
mod synth;
use std::hint::black_box;
use vipguard::Checker;

/// Nanoseconds this thread has run on a CPU.
fn cpu_ns() -> u64 {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").expect("schedstat (Linux)");
    s.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number of nanoseconds")
}

/// The positive count in argument `n`, or `default` when it is not given.
fn count_arg(n: usize, default: usize) -> usize {
    match std::env::args().nth(n).map(|a| a.parse()) {
        None => default,
        Some(Ok(c)) if c > 0 => c,
        Some(_) => {
            eprintln!("usage: check_cpu [ROUNDS [PASSES]]");
            std::process::exit(2);
        }
    }
}

fn main() {
    let (rounds, passes) = (count_arg(1, 20), count_arg(2, 1));
    let list = synth::protected(100_000, 7);
    let queries = synth::profiles(&list, 1000, 11);
    let checker = Checker::new(list).expect("a valid list");
    for q in &queries {
        black_box(checker.check(q));
    }
    let mut per_check: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = cpu_ns();
            for _ in 0..passes {
                for q in &queries {
                    black_box(checker.check(q));
                }
            }
            (cpu_ns() - start) as f64 / (passes * queries.len()) as f64 / 1000.0
        })
        .collect();
    per_check.sort_by(f64::total_cmp);
    println!(
        "one check, CPU µs: median {:.2}  min {:.2}  max {:.2}  ({rounds} rounds of {} × {})",
        per_check[rounds / 2],
        per_check[0],
        per_check[rounds - 1],
        passes,
        queries.len()
    );
}

// The allocator the CLI uses (crates/vipguard-cli/src/main.rs), so the figures are the shipped native build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
