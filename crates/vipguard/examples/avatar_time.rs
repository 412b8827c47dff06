//! The CPU a 400x400 JPEG costs, one stage at a time, for comparing two builds on a busy machine (where
//! criterion's wall-clock medians move with the load): the bench's photo (`benches/synth.rs`) decoded,
//! normalised and hashed in every view (`all`), decoded only (`decode`), its views only from decoded
//! pixels (`query`), or its plain PDQ only (`plain`), N times. A third argument picks the bench's
//! other pictures (`benches/avatar.rs`): `logo` (a logo on a flat background, trimmed) or `screenshot`
//! (the photo's round avatar cut from a profile page); `photo` when left out. Time it from outside,
//! by CPU:
//!
//!     cargo build --release -p vipguard --features internals --example avatar_time
//!     /usr/bin/time -f %U target/release/examples/avatar_time all 1000   # seconds = ms a picture
//!     VIPGUARD_PDQ_DATA=/work/shared/data/pdq /usr/bin/time -f %U \
//!       target/release/examples/avatar_time all 1000 screenshot

#[path = "../benches/synth.rs"]
mod synth;

#[path = "../src/avatar/drawn.rs"]
mod drawn;

#[path = "../benches/avatar_data.rs"]
#[allow(dead_code)]
mod avatar_data;

use std::hint::black_box;
use vipguard::{decode, pdq_of, query_hashes};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(stage), Some(Ok(n))) = (args.next(), args.next().map(|n| n.parse::<u32>())) else {
        eprintln!("usage: avatar_time all|decode|query|plain N [photo|logo|screenshot]");
        std::process::exit(2);
    };
    let bytes = match args.next().as_deref() {
        None | Some("photo") => synth::jpeg_400(),
        Some("logo") => avatar_data::jpeg_400(&drawn::centred_logo()),
        Some("screenshot") => {
            // The bench's screenshot: the PDQ test data's photo as a round avatar on a profile page.
            let dir = std::env::var("VIPGUARD_PDQ_DATA").unwrap_or_else(|_| {
                concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/pdq").into()
            });
            let photo = image::open(format!("{dir}/decoded/aaa-orig.png"))
                .expect("PDQ test data (set VIPGUARD_PDQ_DATA)")
                .into_rgb8();
            avatar_data::jpeg_400(&drawn::screenshot(&photo, [29, 155, 240], [21, 32, 43]))
        }
        Some(other) => {
            eprintln!("unknown picture {other:?}: photo, logo or screenshot");
            std::process::exit(2);
        }
    };
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
