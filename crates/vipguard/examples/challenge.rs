//! Accuracy on a generated challenge set, per technique, beside two baselines computed in the same run.
//!
//!     bash scripts/challenge-data.sh                      # dev (seed 1) and report (seed 2) sets
//!     cargo run --release --example challenge -- target/challenge/report
//!
//! Tune on `dev`; report `report`. Baselines: a plain Jaro-Winkler matcher (name or handle ≥ 0.9 against
//! any protected name, alias or handle) and a UTS #39 skeleton matcher (equal skeletons), both linear.

use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use vipguard::read_jsonl;
use vipguard::{Checker, Profile, ProtectedList, Verdict};

#[derive(Deserialize)]
struct Truth {
    id: String,
    kind: String,
    technique: String,
    expect: String,
    #[serde(rename = "match")]
    matched: Option<String>,
}

#[derive(Default)]
struct Row {
    n: usize,
    /// Flagged (suspicious or impersonation) and matched to the right account, or for negatives: flagged.
    flagged: usize,
    impersonation: usize,
    /// Got exactly the expected verdict (and match).
    exact: usize,
    jw: usize,
    skel: usize,
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/challenge/report".into());
    let dir = Path::new(&dir);
    let path = dir.join("protected.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let list =
        ProtectedList::parse(&text, &path.display().to_string()).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(dir.join("profiles.jsonl")).expect("profiles.jsonl");
    let truths: Vec<Truth> = std::fs::read_to_string(dir.join("truth.jsonl"))
        .expect("truth.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("truth line"))
        .collect();
    let profiles: Vec<Profile> = read_jsonl(&text, "profiles.jsonl")
        .into_iter()
        .map(|(_, p)| p.expect("valid profile"))
        .collect();
    assert_eq!(profiles.len(), truths.len());
    let checker = Checker::new(list.clone()).expect("a valid list");
    let baselines = Baselines::new(&list);

    let results: Vec<(Verdict, Option<String>, Option<String>, Option<String>)> = profiles
        .par_iter()
        .map(|p| {
            let r = checker.check(p);
            (
                r.verdict,
                r.matched,
                baselines.jaro_winkler(p),
                baselines.skeleton(p),
            )
        })
        .collect();

    let mut rows: BTreeMap<(String, String), Row> = BTreeMap::new();
    let mut misses: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for ((t, p), (verdict, matched, jw, sk)) in truths.iter().zip(&profiles).zip(&results) {
        assert_eq!(t.id, p.id);
        let row = rows
            .entry((t.kind.clone(), t.technique.clone()))
            .or_default();
        row.n += 1;
        let positive = t.matched.is_some();
        let right = |m: &Option<String>| {
            if positive {
                m == &t.matched
            } else {
                m.is_some()
            }
        };
        if verdict.is_flag() && right(matched) {
            row.flagged += 1;
        }
        if *verdict == Verdict::Impersonation && right(matched) {
            row.impersonation += 1;
        }
        if verdict.as_str() == t.expect && matched == &t.matched {
            row.exact += 1;
        } else {
            let m = misses.entry(t.technique.clone()).or_default();
            if m.len() < 6 {
                m.push(format!(
                    "{:?} @{} -> {} {:?} (want {} {:?})",
                    p.name,
                    p.handle,
                    verdict.as_str(),
                    matched,
                    t.expect,
                    t.matched
                ));
            }
        }
        if right(jw) {
            row.jw += 1;
        }
        if right(sk) {
            row.skel += 1;
        }
    }

    let pct = |a: usize, n: usize| {
        if n == 0 {
            0.0
        } else {
            100.0 * a as f64 / n as f64
        }
    };
    println!(
        "challenge set: {} ({} profiles, {} protected accounts)\n",
        dir.display(),
        profiles.len(),
        checker.list().accounts.len()
    );
    println!(
        "{:<14} {:<26} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "kind", "technique", "n", "flagged%", "impers.%", "expected%", "JW0.9%", "skel%"
    );
    for ((kind, tech), r) in &rows {
        println!(
            "{:<14} {:<26} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>9.2}",
            kind,
            tech,
            r.n,
            pct(r.flagged, r.n),
            pct(r.impersonation, r.n),
            pct(r.exact, r.n),
            pct(r.jw, r.n),
            pct(r.skel, r.n)
        );
    }
    let sum = |kind: &str, f: &dyn Fn(&Row) -> usize| -> (usize, usize) {
        rows.iter()
            .filter(|((k, _), _)| k == kind)
            .fold((0, 0), |(a, n), (_, r)| (a + f(r), n + r.n))
    };
    let (pf, pn) = sum("positive", &|r| r.flagged);
    let (pi, _) = sum("positive", &|r| r.impersonation);
    let impersonation_of = |keep: &dyn Fn(&str) -> bool| {
        rows.iter()
            .filter(|((k, t), _)| k == "positive" && keep(t))
            .fold((0, 0), |(a, n), (_, r)| (a + r.impersonation, n + r.n))
    };
    let single = ["name_only", "handle_only"];
    let (si, sn) = impersonation_of(&|t| !single.contains(&t) && !t.ends_with("_plus_bio"));
    // One signal, and a bio that claims to be the account or runs a scam (issue 20).
    let (bi, bn) = impersonation_of(&|t| t.ends_with("_plus_bio"));
    let (nf, nn) = sum("negative", &|r| r.flagged);
    let (ni, _) = sum("negative", &|r| r.impersonation);
    let (hf, hn) = sum("hard_negative", &|r| r.flagged);
    let (lx, ln) = sum("labelled", &|r| r.exact);
    let (ox, on) = sum("own", &|r| r.exact);
    let (ax, an) = sum("allowed", &|r| r.exact);
    let (pjw, _) = sum("positive", &|r| r.jw);
    let (psk, _) = sum("positive", &|r| r.skel);
    let (njw, _) = sum("negative", &|r| r.jw);
    let (nsk, _) = sum("negative", &|r| r.skel);
    let (hjw, _) = sum("hard_negative", &|r| r.jw);
    let (hsk, _) = sum("hard_negative", &|r| r.skel);
    let check = |ok: bool| if ok { "ok" } else { "MISSED" };
    println!("\nsummary                                   vipguard   target      JW0.9   skeleton");
    println!(
        "positives flagged, right account          {:>7.2}%  ≥ 99.5%  {:>7.2}%  {:>7.2}%  {}",
        pct(pf, pn),
        pct(pjw, pn),
        pct(psk, pn),
        check(pct(pf, pn) >= 99.5)
    );
    println!(
        "positives impersonation (all)             {:>7.2}%",
        pct(pi, pn)
    );
    println!(
        "positives impersonation (two-signal)      {:>7.2}%  ≥ 98%                        {}",
        pct(si, sn),
        check(pct(si, sn) >= 98.0)
    );
    println!(
        "positives impersonation (one + bio cue)   {:>7.2}%  ≥ 80%                        {}",
        pct(bi, bn),
        check(bn > 0 && pct(bi, bn) >= 80.0)
    );
    println!(
        "ordinary negatives flagged                {:>7.3}%  ≤ 0.1%   {:>7.3}%  {:>7.3}%  {}",
        pct(nf, nn),
        pct(njw, nn),
        pct(nsk, nn),
        check(pct(nf, nn) <= 0.1)
    );
    println!(
        "ordinary negatives impersonation          {:>7.3}%  ≤ 0.01%                      {}",
        pct(ni, nn),
        check(pct(ni, nn) <= 0.01)
    );
    println!(
        "hard negatives flagged                    {:>7.2}%  ≤ 1%     {:>7.2}%  {:>7.2}%  {}",
        pct(hf, hn),
        pct(hjw, hn),
        pct(hsk, hn),
        check(pct(hf, hn) <= 1.0)
    );
    println!(
        "labelled cases labelled                   {:>7.2}%  ≥ 98%                        {}",
        pct(lx, ln),
        check(pct(lx, ln) >= 98.0)
    );
    println!(
        "own / allowed                             {:>7.2}% / {:.2}%  = 100%              {}",
        pct(ox, on),
        pct(ax, an),
        check(ox == on && ax == an)
    );
    // Namesakes with everyday bios: each ordinary person's bio (Faker's jobs, sentences and the
    // generator's interests) on a profile showing a protected person's full name with the person's own
    // handle. The name alone is `suspicious`; a bio read as a claim or scam would make it
    // `impersonation`, so this counts the bio cue's false alarms on bios nobody wrote for the engine.
    // The same with the learned bio reader on (`Checker::with_bio_model`; off by default): a model that
    // fired on one of these would make a namesake `impersonation`, so it must add none (docs/accuracy.md).
    let with_model = Checker::new(list.clone())
        .expect("a valid list")
        .with_bio_model(true);
    let upgraded = |with_bio: &Profile| checker.check(with_bio).verdict == Verdict::Impersonation;
    let (mut bn_up, mut bn_n, mut bm_up) = (0usize, 0usize, 0usize);
    for (i, (t, p)) in truths.iter().zip(&profiles).enumerate() {
        if t.kind != "negative" || p.bio.is_none() {
            continue;
        }
        let account = &list.accounts[i % list.accounts.len()];
        let namesake = Profile {
            name: account.name.clone(),
            ..p.clone()
        };
        bn_n += 1;
        if checker
            .check(&Profile {
                bio: None,
                ..namesake.clone()
            })
            .verdict
            != Verdict::Impersonation
            && upgraded(&namesake)
        {
            bn_up += 1;
        }
        let alone = Profile {
            bio: None,
            ..namesake.clone()
        };
        if with_model.check(&alone).verdict != Verdict::Impersonation
            && with_model.check(&namesake).verdict == Verdict::Impersonation
        {
            bm_up += 1;
        }
    }
    println!(
        "namesakes made impersonation by an everyday bio {:>5.3}% of {bn_n}  ≤ 0.5%          {}",
        pct(bn_up, bn_n),
        check(pct(bn_up, bn_n) <= 0.5)
    );
    println!(
        "  the same with the learned bio reader on       {bm_up} of {bn_n}; added by it = 0   {}",
        check(bm_up <= bn_up)
    );
    if std::env::var_os("SHOW_MISSES").is_some() {
        println!("\nmisses (first few per technique):");
        for (t, m) in &misses {
            for line in m {
                println!("  {t}: {line}");
            }
        }
    }
}

/// The two matchers the brief compares against, as plain linear scans.
struct Baselines {
    accounts: Vec<(String, Vec<String>, Vec<String>, Vec<String>, Vec<String>)>,
}

fn skel(s: &str) -> String {
    unicode_security::skeleton(&s.to_lowercase())
        .collect::<String>()
        .to_lowercase()
}

impl Baselines {
    fn new(list: &ProtectedList) -> Self {
        let accounts = list
            .accounts
            .iter()
            .map(|a| {
                let names: Vec<String> = std::iter::once(&a.name)
                    .chain(&a.aliases)
                    .map(|n| n.to_lowercase())
                    .collect();
                let handles: Vec<String> = a
                    .handles
                    .iter()
                    .chain(&a.official)
                    .map(|h| h.handle.to_lowercase())
                    .collect();
                let sn = names.iter().map(|n| skel(n)).collect();
                let sh = handles.iter().map(|h| skel(h)).collect();
                (a.id.clone(), names, handles, sn, sh)
            })
            .collect();
        Baselines { accounts }
    }

    /// Best account whose name or handle is ≥ 0.9 Jaro-Winkler from the profile's (own accounts excluded).
    fn jaro_winkler(&self, p: &Profile) -> Option<String> {
        let (name, handle) = (p.name.to_lowercase(), p.handle.to_lowercase());
        let mut best: Option<(f64, &str)> = None;
        for (id, names, handles, _, _) in &self.accounts {
            if handles.contains(&handle) {
                return None;
            }
            let s = names
                .iter()
                .map(|n| strsim::jaro_winkler(&name, n))
                .chain(handles.iter().map(|h| strsim::jaro_winkler(&handle, h)))
                .fold(0.0, f64::max);
            if s >= 0.9 && best.is_none_or(|(b, _)| s > b) {
                best = Some((s, id));
            }
        }
        best.map(|(_, id)| id.to_string())
    }

    /// First account whose name or handle has the profile's skeleton (own accounts excluded).
    fn skeleton(&self, p: &Profile) -> Option<String> {
        let (name, handle) = (skel(&p.name), skel(&p.handle));
        let raw = p.handle.to_lowercase();
        for (id, _, handles, sn, sh) in &self.accounts {
            if handles.contains(&raw) {
                return None;
            }
            if sn.contains(&name) || sh.contains(&handle) {
                return Some(id.clone());
            }
        }
        None
    }
}
