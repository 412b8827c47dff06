//! Native snapshots for the WASM snapshot tests (`scripts/wasm-parity-data.sh`):
//!     cargo run --release --example parity_snapshot -- LIST OUT
//! writes OUT (the snapshot of a checker built from LIST, which the WASM package must reproduce byte for
//! byte and restore), and bad snapshots beside it with the native library's message for each
//! (OUT.cut, OUT.flipped, OUT.json and their `.err`), which the WASM `Error`s must carry.

use vipguard::{restore_snapshot as restore, save_snapshot as save};
use vipguard::{Checker, ProtectedList};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [list, out] = args.as_slice() else {
        eprintln!("usage: parity_snapshot LIST OUT");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(list).unwrap_or_else(|e| panic!("{list}: {e}"));
    let list = ProtectedList::parse(&text, list).unwrap_or_else(|e| panic!("{e}"));
    // The key the WASM test saves and restores under (crates/vipguard-wasm/tests/common/mod.rs).
    let bytes = save(&Checker::new(list).expect("a valid list"), "parity");
    std::fs::write(out, &bytes).unwrap();
    let mut flipped = bytes.clone();
    let mid = bytes.len() / 2;
    flipped[mid] ^= 0x20;
    let bad: [(&str, Vec<u8>); 3] = [
        ("cut", bytes[..20].to_vec()),
        ("flipped", flipped),
        ("json", br#"{"accounts": []}"#.to_vec()),
    ];
    for (kind, b) in bad {
        // The WASM package names its input "snapshot".
        let err = restore(&b, "snapshot", "parity")
            .err()
            .expect("bad snapshot restored");
        std::fs::write(format!("{out}.{kind}"), &b).unwrap();
        std::fs::write(format!("{out}.{kind}.err"), err.to_string()).unwrap();
    }
}
