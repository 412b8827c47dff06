//! Write a synthetic protected list and profiles for the scan benchmark:
//!     cargo run --release --example synth_files -- DIR ACCOUNTS PROFILES
#[path = "../benches/synth.rs"]
mod synth;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("target/bench-scan"),
    );
    let accounts: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let profiles: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(200_000);
    std::fs::create_dir_all(&dir).expect("create dir");
    let list = synth::protected(accounts, 7);
    std::fs::write(
        dir.join("protected.json"),
        serde_json::to_string(&list).unwrap(),
    )
    .unwrap();
    let mut out = String::new();
    for p in synth::profiles(&list, profiles, 11) {
        out.push_str(&serde_json::to_string(&p).unwrap());
        out.push('\n');
    }
    std::fs::write(dir.join("profiles.jsonl"), out).unwrap();
}
