//! `vipguard decisions merge` writes what it wrote before it streamed its export (issue 26): each
//! case in tests/fixtures/merge/ (the input files, `N-author.json`, merged in that order) is merged
//! and compared byte for byte with `expected.json` and `expected.stderr`, which main's CLI at 6b65c14
//! wrote (the whole export built as text, then written). Ties of dates across files and within one
//! file, one account spelt in several cases, conflicts either side of 24 hours, files of no decisions (one beside them, and none).
//! To remake the goldens from another build: `VIPGUARD_MERGE_GOLDEN=path/to/vipguard cargo test
//! --test merge_golden` with `VIPGUARD_MERGE_BLESS=1` (docs/feed.md).

use std::path::{Path, PathBuf};
use std::process::Command;

const CASES: [&str; 6] = [
    "tie-across-files",
    "tie-within-file",
    "mixed-case",
    "conflicts",
    "empty-files",
    "no-decisions",
];

const DATE: &str = "2026-12-06T00:00:00Z";

fn case_dir(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/merge")
        .join(case)
}

/// The case's input files, in the order they are merged.
fn inputs(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && n != "expected.json")
        .collect();
    names.sort();
    names
}

/// The export and standard error of the merge of `case`, run in its folder (so its messages name the
/// files as given) by `binary`.
fn merge(binary: &str, case: &str) -> (Vec<u8>, Vec<u8>) {
    let dir = case_dir(case);
    let out = std::env::temp_dir().join(format!(
        "vipguard-merge-golden-{}-{case}.json",
        std::process::id()
    ));
    let _ = std::fs::remove_file(&out);
    let o = Command::new(binary)
        .current_dir(&dir)
        .args(["decisions", "merge"])
        .args(inputs(&dir))
        .arg("-o")
        .arg(&out)
        .args(["--date", DATE])
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .output()
        .expect("run vipguard");
    assert!(
        o.status.success(),
        "{case}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let export = std::fs::read(&out).expect("written");
    std::fs::remove_file(&out).unwrap();
    (export, o.stderr)
}

#[test]
fn each_merge_writes_what_main_wrote_byte_for_byte() {
    let binary = std::env::var("VIPGUARD_MERGE_GOLDEN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_vipguard").to_string());
    let bless = std::env::var_os("VIPGUARD_MERGE_BLESS").is_some();
    let mut differ = Vec::new();
    for case in CASES {
        let (export, stderr) = merge(&binary, case);
        let dir = case_dir(case);
        if bless {
            std::fs::write(dir.join("expected.json"), &export).unwrap();
            std::fs::write(dir.join("expected.stderr"), &stderr).unwrap();
            continue;
        }
        let before = differ.len();
        let want_export = std::fs::read(dir.join("expected.json")).unwrap();
        let want_stderr = std::fs::read(dir.join("expected.stderr")).unwrap();
        if export != want_export {
            differ.push(format!(
                "{case}: export\n--- got\n{}--- expected\n{}",
                String::from_utf8_lossy(&export),
                String::from_utf8_lossy(&want_export)
            ));
        }
        if stderr != want_stderr {
            differ.push(format!(
                "{case}: standard error\n--- got\n{}--- expected\n{}",
                String::from_utf8_lossy(&stderr),
                String::from_utf8_lossy(&want_stderr)
            ));
        }
        eprintln!(
            "{case}: {}",
            if differ.len() == before {
                "byte-identical"
            } else {
                "DIFFERS"
            }
        );
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
