//! What `Checker::new`'s check of its list costs (issue 23): a list read by `ProtectedList::from_json`
//! is checked there, and checked again when the checker is built. Prints the medians of five rounds of
//! serde alone, the whole read (serde and the check), their difference (the check), and `Checker::new`
//! (the check again, then the build).
//!
//!     cargo run --release --features parallel --example synth_files -- target/list-check 200000 10
//!     cargo run --release --features parallel --example list_check_cost -- target/list-check/protected.json

use std::time::Instant;
use vipguard::{Checker, ProtectedList};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: list_check_cost LIST.json");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).expect("read the list");
    let (mut serde_only, mut read, mut build) = (Vec::new(), Vec::new(), Vec::new());
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    for _ in 0..5 {
        let t = Instant::now();
        let raw: ProtectedList = serde_json::from_str(&text).expect("JSON");
        serde_only.push(ms(t));
        drop(raw);
        let t = Instant::now();
        let list = ProtectedList::from_json(&text, &path).expect("a valid list");
        read.push(ms(t));
        let t = Instant::now();
        let checker = Checker::new(list).expect("a valid list");
        build.push(ms(t));
        drop(checker);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (serde_only, read) = (median(serde_only), median(read));
    println!(
        "serde_ms={serde_only:.1} read_ms={read:.1} check_ms={:.1} checker_new_ms={:.1}",
        read - serde_only,
        median(build)
    );
}
