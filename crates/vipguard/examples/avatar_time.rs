//! The CPU a 400x400 JPEG costs, one stage at a time, for comparing two builds on a busy machine (where
//! criterion's wall-clock medians move with the load): the bench's photo (`benches/synth.rs`) decoded,
//! normalised and hashed in every view (`all`), decoded only (`decode`), its views only from decoded
//! pixels (`query`), or its plain PDQ only (`plain`), N times. Time it from outside, by CPU:
//!
//!     cargo build --release -p vipguard --features internals --example avatar_time
//!     /usr/bin/time -f %U target/release/examples/avatar_time all 1000   # seconds = ms a picture

#[path = "../benches/synth.rs"]
mod synth;

use std::hint::black_box;
use vipguard::{decode, pdq_of, query_hashes};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(stage), Some(Ok(n))) = (args.next(), args.next().map(|n| n.parse::<u32>())) else {
        eprintln!("usage: avatar_time all|decode|query|plain N");
        std::process::exit(2);
    };
    let bytes = synth::jpeg_400();
    let rgb = decode(&bytes).expect("the bench's photo decodes");
    for _ in 0..n {
        match stage.as_str() {
            "all" => {
                black_box(query_hashes(&decode(black_box(&bytes)).unwrap()));
            }
            "decode" => {
                black_box(decode(black_box(&bytes)).unwrap());
            }
            "query" => {
                black_box(query_hashes(black_box(&rgb)));
            }
            "plain" => {
                black_box(pdq_of(black_box(&rgb)));
            }
            _ => {
                eprintln!("usage: avatar_time all|decode|query|plain N");
                std::process::exit(2);
            }
        }
    }
}

// The allocator the CLI uses (crates/vipguard-cli/src/main.rs), as the other avatar examples.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
