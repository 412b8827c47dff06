//! The bio as a second signal, measured on bios written apart from the engine's phrase table
//! (`bench/bios/`: claims, scams and everyday bios in eleven languages, by three writers; dev.jsonl,
//! dev2.jsonl and report2.jsonl are all tuned on now).
//!
//! A bio's `{name}` is the full name of the person the account pretends to be (in an everyday bio, the
//! owner's own name): it is replaced with the protected person's, Adaeze Okonkwo (`bench/bios/convert.py`
//! put it in place of the celebrities the writers named).
//!
//! Each bio is put on three profiles against a one-account list (Adaeze Okonkwo, @AdaOkonkwo):
//! - her exact name with an unrelated handle: `suspicious` on the name alone, so a claim or scam bio
//!   should make it `impersonation` and an everyday bio should not;
//! - a namesake sharing one name token (Adaeze Chukwu): `clear`, whatever the bio says;
//! - an unrelated person: `clear`.
//!
//!   cargo run --release -p vipguard --example bios [-- bench/bios/report2.jsonl]
//!
//! Both readers of the bio are measured: the phrase rules alone (the table above, and "rules" below),
//! and the rules with the learned reader (`Checker::with_bio_model(true)`, "rules and model"), with a
//! one-line figure for each: claims and scams together made `impersonation` on the exact name (one
//! signal plus a bio), and everyday bios made `impersonation`.
//!
//! With `PER_BIO=FILE`, it also writes one line per bio to FILE, in the set's order: 1 if the bio made
//! the exact name `impersonation` with the rules alone, else 0 (`bench/bios/train_model.py` ORs these
//! with its model).

use std::collections::BTreeMap;
use vipguard::{Checker, Profile, ProtectedList, Verdict};

#[derive(serde::Deserialize)]
struct Row {
    lang: String,
    kind: String,
    bio: String,
}

/// The protected person's full name, put in place of a bio's `{name}`.
const PROTECTED: &str = "Adaeze Okonkwo";

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "bench/bios/report2.jsonl".into());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let rows: Vec<Row> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a bios.jsonl line"))
        .collect();
    let list = ProtectedList::from_json(
        r#"{"accounts": [{"id": "ada", "name": "Adaeze Okonkwo",
            "handles": [{"platform": "x", "handle": "AdaOkonkwo"}]}]}"#,
        "list",
    )
    .expect("list");
    let checker = Checker::new(list.clone())
        .expect("a valid list")
        .with_bio_model(false);
    let with_model = Checker::new(list)
        .expect("a valid list")
        .with_bio_model(true);
    let check_with = |checker: &Checker, name: &str, bio: &str| {
        let p = Profile {
            id: "p".into(),
            platform: "x".into(),
            handle: "sunny_days_77".into(),
            name: name.into(),
            bio: Some(bio.into()),
            ..Default::default()
        };
        checker.check(&p).verdict
    };
    let check = |name: &str, bio: &str| check_with(&checker, name, bio);
    // (kind) -> (rows, impersonation with the rules, with the rules and model, namesake or stranger
    // flagged with the model)
    let mut readers: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    // (lang, kind) -> (rows, impersonation on the exact name, namesake flagged, stranger flagged)
    let mut table: BTreeMap<(String, String), [usize; 4]> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    let mut per_bio = String::new();
    for r in &rows {
        let bio = r.bio.replace("{name}", PROTECTED);
        let on_name = check(PROTECTED, &bio) == Verdict::Impersonation;
        let namesake = check("Adaeze Chukwu", &bio).is_flag();
        let stranger = check("Kwame Mensah", &bio).is_flag();
        per_bio.push_str(if on_name { "1\n" } else { "0\n" });
        let model_on_name = check_with(&with_model, PROTECTED, &bio) == Verdict::Impersonation;
        let model_others = check_with(&with_model, "Adaeze Chukwu", &bio).is_flag()
            || check_with(&with_model, "Kwame Mensah", &bio).is_flag();
        let k = readers.entry(r.kind.clone()).or_default();
        k[0] += 1;
        k[1] += on_name as usize;
        k[2] += model_on_name as usize;
        k[3] += model_others as usize;
        let e = table.entry((r.lang.clone(), r.kind.clone())).or_default();
        e[0] += 1;
        e[1] += on_name as usize;
        e[2] += namesake as usize;
        e[3] += stranger as usize;
        let wrong = on_name != (r.kind != "everyday");
        if wrong && std::env::var_os("SHOW_MISSES").is_some() {
            misses.push(format!("{} {}: {}", r.lang, r.kind, bio));
        }
    }
    if let Some(out) = std::env::var_os("PER_BIO") {
        std::fs::write(&out, &per_bio).unwrap_or_else(|e| panic!("{}: {e}", out.to_string_lossy()));
    }
    let pct = |a: usize, n: usize| 100.0 * a as f64 / n.max(1) as f64;
    println!("bios: {path} ({} bios)\n", rows.len());
    println!("lang  kind         n  impersonation%  namesake flagged%  stranger flagged%");
    let mut totals: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    for ((lang, kind), c) in &table {
        println!(
            "{lang:<5} {kind:<9} {:>4}  {:>13.1}  {:>17.1}  {:>17.1}",
            c[0],
            pct(c[1], c[0]),
            pct(c[2], c[0]),
            pct(c[3], c[0])
        );
        let t = totals.entry(kind.clone()).or_default();
        for i in 0..4 {
            t[i] += c[i];
        }
    }
    println!();
    for (kind, c) in &totals {
        let what = if kind == "everyday" {
            "made impersonation (want 0)"
        } else {
            "made impersonation"
        };
        println!(
            "all   {kind:<9} {:>4}  {:>6.1}% {what}; namesake flagged {:.1}%, stranger flagged {:.1}%",
            c[0],
            pct(c[1], c[0]),
            pct(c[2], c[0]),
            pct(c[3], c[0])
        );
    }
    // The figures docs/accuracy.md quotes, one line per kind: how many of the set's bios of that kind
    // made the protected person's exact name `impersonation`.
    println!();
    for (kind, c) in &totals {
        println!(
            "total {kind}: {} of {} made impersonation ({:.1}%)",
            c[1],
            c[0],
            pct(c[1], c[0])
        );
    }
    // Both readers, one line each: claims and scams together (one signal plus a bio), and everyday bios.
    println!();
    let sum = |kinds: &[&str], i: usize| -> usize {
        kinds
            .iter()
            .filter_map(|k| readers.get(*k))
            .map(|c| c[i])
            .sum()
    };
    let signals = sum(&["claim", "scam"], 0);
    let everyday = sum(&["everyday"], 0);
    for (label, i) in [("rules", 1), ("rules and model", 2)] {
        println!(
            "one signal plus a bio: impersonation, {label}: {} of {signals} ({:.1}%); everyday bios made \
             impersonation: {} of {everyday} ({:.1}%)",
            sum(&["claim", "scam"], i),
            pct(sum(&["claim", "scam"], i), signals),
            sum(&["everyday"], i),
            pct(sum(&["everyday"], i), everyday),
        );
    }
    for (kind, c) in &readers {
        println!(
            "  {kind}: rules {} of {}, rules and model {} of {}; namesake or stranger flagged with the \
             model: {}",
            c[1], c[0], c[2], c[0], c[3]
        );
    }
    for m in misses {
        println!("  miss: {m}");
    }
}
