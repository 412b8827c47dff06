//! Native hashes of every image under a directory, one JSON line each, for the WASM hash-parity tests:
//!     cargo run --release --example parity_hashes -- DIR > hashes.jsonl
//! Each line is `{"path", "pdq", "quality", "query"}`, or `{"path", "error"}` when the bytes do not
//! decode (the WASM package must fail with the same message).

use vipguard::query_hashes;
use vipguard::{decode, pdq_of};

fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if matches!(
            p.extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("jpg" | "jpeg" | "png" | "webp" | "gif" | "bin")
        ) {
            out.push(p);
        }
    }
}

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: parity_hashes DIR"));
    let mut files = Vec::new();
    walk(&root, &mut files);
    for f in files {
        let path = f
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(&f).unwrap();
        let line = match decode(&bytes) {
            Ok(rgb) => {
                let h = pdq_of(&rgb);
                serde_json::json!({"path": path, "pdq": h.hash.to_hex(), "quality": h.quality,
                                   "query": query_hashes(&rgb).encode()})
            }
            Err(e) => serde_json::json!({"path": path, "error": e.message}),
        };
        println!("{line}");
    }
}
