//! Issue 24, finding 7, through the real `vipguard` binary: the evasions the red team used (a
//! lookalike name plus an ordinary word; label words that label nothing) come out flagged from
//! `vipguard scan`, as the engine's fixture tables say (crates/vipguard/tests/fixtures/evasions/, the
//! five tables docs/security.md names for finding 7). The engine's own test checks the tables
//! against `Checker`; this one checks that the command line, reading the same rows from a file in
//! JSONL and in CSV, hands every field the evasion lives in to the engine and gets the same answer.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixture tables of finding 7 (docs/security.md's findings table).
const TABLES: &[&str] = &[
    "name_disguised_with_words",
    "label_in_address",
    "label_denied",
    "label_not_plain",
    "label_about_others",
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../vipguard/tests/fixtures")
}

/// A folder of this test run's own.
fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("vipguard-evasions-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// One fixture row: the profile, the verdict and match it must get.
struct Row {
    table: &'static str,
    profile: Value,
    expect: String,
    matched: Option<String>,
}

fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    for table in TABLES {
        let path = fixtures().join(format!("evasions/{table}.jsonl"));
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let row: Value = serde_json::from_str(line).unwrap();
            rows.push(Row {
                table,
                profile: row["profile"].clone(),
                expect: row["expect"].as_str().unwrap().to_string(),
                matched: row["match"].as_str().map(str::to_string),
            });
        }
    }
    rows
}

/// Each row whose evasion is in its bio, again with a plain label as its bio ("Parody account",
/// id suffixed `-control`): that must come out `labelled` with the same match. The evasion rows alone
/// cannot tell a CLI that reads the bio from one that drops it (a bio dropped leaves the account
/// flagged too); these can.
fn controls(rows: &[Row]) -> Vec<Row> {
    rows.iter()
        .filter(|r| r.profile.get("bio").is_some())
        .map(|r| {
            let mut profile = r.profile.clone();
            profile["bio"] = "Parody account".into();
            profile["id"] = format!("{}-control", profile["id"].as_str().unwrap()).into();
            Row {
                table: r.table,
                profile,
                expect: "labelled".into(),
                matched: r.matched.clone(),
            }
        })
        .collect()
}

fn jsonl(rows: &[Row]) -> String {
    rows.iter().map(|r| format!("{}\n", r.profile)).collect()
}

/// A CSV cell, quoted.
fn cell(v: &Value) -> String {
    format!("\"{}\"", v.as_str().unwrap_or("").replace('"', "\"\""))
}

fn csv(rows: &[Row]) -> String {
    let fields = ["id", "platform", "handle", "name", "bio"];
    let mut out = fields.join(",") + "\n";
    for r in rows {
        let cells: Vec<String> = fields.iter().map(|f| cell(&r.profile[*f])).collect();
        out += &(cells.join(",") + "\n");
    }
    out
}

fn scan(profiles: &Path) -> Output {
    let list = fixtures().join("protected.json");
    Command::new(env!("CARGO_BIN_EXE_vipguard"))
        .args(["scan", "--protected", list.to_str().unwrap()])
        .arg(profiles)
        .output()
        .expect("run vipguard")
}

/// Every row's verdict and match from `vipguard scan` of `file` (`text` written there), or what
/// differs from the fixture table, one line a row.
fn differences(rows: &[Row], file: &str, text: &str) -> Vec<String> {
    let path = dir().join(file);
    std::fs::write(&path, text).unwrap();
    let out = scan(&path);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{file}: {stderr}");
    let results: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), rows.len(), "{file}: one result a row");
    rows.iter()
        .zip(&results)
        .filter(|(row, got)| {
            got["id"] != row.profile["id"]
                || got["verdict"] != row.expect.as_str()
                || got["match"].as_str() != row.matched.as_deref()
        })
        .map(|(row, got)| {
            format!(
                "{file}: {}.jsonl {}: expected {} {:?}, got {} {}",
                row.table, row.profile, row.expect, row.matched, got["verdict"], got["match"]
            )
        })
        .collect()
}

#[test]
fn finding_7_evasions_come_out_flagged_through_scan() {
    let rows = rows();
    // 65 rows, all flagged (63 impersonation, 2 suspicious): no row of these tables is a guard.
    assert_eq!(
        rows.len(),
        65,
        "the five tables changed: update docs/security.md"
    );
    assert!(rows
        .iter()
        .all(|r| ["impersonation", "suspicious"].contains(&r.expect.as_str())));
    let mut all = rows;
    let controls = controls(&all);
    assert_eq!(controls.len(), 30);
    all.extend(controls);

    let mut failures = differences(&all, "finding7.jsonl", &jsonl(&all));
    failures.extend(differences(&all, "finding7.csv", &csv(&all)));
    assert!(
        failures.is_empty(),
        "{} of {} rows differ from the fixture tables:\n{}",
        failures.len(),
        2 * all.len(),
        failures.join("\n")
    );
}
