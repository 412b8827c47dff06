//! One tree's figures for `scripts/scale-bench.sh` (issue 25): load and index a protected list file as
//! the CLI does (read, parse, build the checker), then time checks against it; prints one line of
//! `key=value` pairs. Peak memory is the whole process's (VmHWM), read at the end.
//!
//!     cargo run --release --example scale -- LIST.json [CHECKS]
//!
//! The queries are `synth::profiles` of the list read (half look-alikes of listed accounts, half
//! ordinary people), so the list should be one `synth_files` wrote.

#[path = "../benches/synth.rs"]
mod synth;
use std::hint::black_box;
use std::time::Instant;
use vipguard::{Checker, ProtectedList};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: scale LIST.json [CHECKS]");
        std::process::exit(2);
    };
    let checks: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let start = Instant::now();
    let bytes = std::fs::read(path).expect("read the list");
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let list = ProtectedList::parse_all(text, path).expect("a valid list");
    drop(bytes);
    let parsed = start.elapsed();
    let checker = Checker::new(list).expect("a valid list");
    let built = start.elapsed();
    // One check, the first (what `vipguard check` does after building), then many for a median.
    let queries = synth::profiles(checker.list(), checks.max(1), 11);
    let t = Instant::now();
    black_box(checker.check(&queries[0]));
    let first = t.elapsed();
    let mut times: Vec<f64> = queries
        .iter()
        .map(|q| {
            let t = Instant::now();
            black_box(checker.check(q));
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let hwm = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<u64>().ok())
        })
        .unwrap_or(0);
    println!(
        "accounts={} parse_s={:.4} load_index_s={:.4} first_check_us={:.1} check_median_us={:.2} peak_mb={:.1}",
        checker.list().accounts.len(),
        parsed.as_secs_f64(),
        built.as_secs_f64(),
        first.as_secs_f64() * 1e6,
        times[times.len() / 2] * 1e6,
        hwm as f64 / 1024.0
    );
}

// The allocator the CLI uses (crates/vipguard-cli/src/main.rs), so the figures are the shipped build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
