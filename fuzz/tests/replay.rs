//! Every kept fuzz input replayed through its target with no fuzzer, as part of `cargo test`: the
//! corpus (fuzz/corpus/<target>/) and every crash the fuzzers found (fuzz/regressions/<target>/).
//!
//! fuzz/regressions/pending/<target>/ holds crashes whose fix is not merged yet: they are listed and
//! skipped with a note, and move up to fuzz/regressions/<target>/ with their fix (fuzz/README.md).
//!
//! One test replays everything, one input at a time, so that the heap peak measured for each input
//! is that input's alone (the allocator is the fuzz crate's, which aborts past its budget).

use std::fs;
use std::path::{Path, PathBuf};
use vipguard_fuzz::{feed_seal, peak_bytes, reset_peak, snapshot_seal, TARGETS};

fn dir(parts: &[&str]) -> PathBuf {
    parts.iter().fold(
        Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        |p, s| p.join(s),
    )
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    out.sort();
    out
}

#[test]
fn every_kept_input_replays_within_the_memory_budget() {
    // The fixed list and profiles are built once, outside any input's peak.
    vipguard_fuzz::check(b"");
    let mut total = 0;
    let mut failed = Vec::new();
    for (name, target) in TARGETS {
        let corpus = files(&dir(&["corpus", name]));
        let crashes = files(&dir(&["regressions", name]));
        assert!(!corpus.is_empty(), "fuzz/corpus/{name}/ is empty");
        let mut worst = (0, PathBuf::new());
        for path in corpus.iter().chain(&crashes) {
            let data = fs::read(path).unwrap();
            reset_peak();
            if std::panic::catch_unwind(|| target(&data)).is_err() {
                failed.push(path.display().to_string());
            }
            if peak_bytes() > worst.0 {
                worst = (peak_bytes(), path.clone());
            }
        }
        total += corpus.len() + crashes.len();
        println!(
            "{name}: {} corpus inputs, {} regressions; heap peak {:.1} MB ({})",
            corpus.len(),
            crashes.len(),
            worst.0 as f64 / 1e6,
            worst.1.file_name().unwrap_or_default().to_string_lossy()
        );
        for pending in files(&dir(&["regressions", "pending", name])) {
            println!(
                "{name}: skipped {} (its fix is pending; see fuzz/README.md)",
                pending.display()
            );
        }
    }
    println!("{total} inputs replayed");
    assert!(
        failed.is_empty(),
        "inputs that panicked (messages above):\n{}",
        failed.join("\n")
    );
}

/// The fuzz crate's copy of the snapshot layout and checksum still matches the engine's.
#[test]
fn sealing_a_saved_snapshots_body_gives_the_snapshot_back() {
    let list = vipguard::ProtectedList::from_json(
        include_str!("../../demo/protected.json"),
        "protected.json",
    )
    .unwrap();
    let saved = vipguard::save_snapshot(
        &vipguard::Checker::new(list).expect("a valid list"),
        snapshot_seal::KEY,
    );
    assert_eq!(snapshot_seal::seal(snapshot_seal::body(&saved)), saved);
}

/// The fuzz crate's copy of the signed file's envelope still matches the engine's: sealing a signed
/// file's payload gives the file back, and it verifies with the fixed key.
#[test]
fn sealing_a_signed_files_payload_gives_the_file_back() {
    let list = vipguard::ProtectedList::from_json(
        include_str!("../../tests/fixtures/feed/list-v1.json"),
        "list-v1.json",
    )
    .unwrap();
    let payload = vipguard::FeedPayload {
        name: "Fuzz".into(),
        version: 3,
        date: "2026-12-05T10:00:00Z".into(),
        list,
        decisions: None,
    };
    let signed = feed_seal::signer().sign(&payload, "fuzz").unwrap();
    let sealed = feed_seal::seal(&feed_seal::payload(&signed));
    assert_eq!(sealed, signed);
    let opened = vipguard::open_feed(&sealed, &feed_seal::key(), "fuzz");
    assert_eq!(opened.ok(), Some(payload));
}

/// Every target has its libFuzzer binary and is in the Makefile's list, so `make fuzz` runs them all.
#[test]
fn every_target_is_built_and_run() {
    let makefile = fs::read_to_string(dir(&["..", "Makefile"])).unwrap();
    let listed: Vec<&str> = makefile
        .lines()
        .find_map(|l| l.strip_prefix("FUZZ_TARGETS := "))
        .expect("FUZZ_TARGETS in the Makefile")
        .split_whitespace()
        .collect();
    let names: Vec<&str> = TARGETS.iter().map(|(n, _)| *n).collect();
    assert_eq!(listed, names);
    for name in names {
        assert!(
            dir(&["fuzz_targets", &format!("{name}.rs")]).exists(),
            "no fuzz/fuzz_targets/{name}.rs"
        );
    }
}
