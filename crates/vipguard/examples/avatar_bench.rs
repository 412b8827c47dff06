//! Avatar robustness: recall of transformed copies matched to the right protected avatar, and the share
//! of distinct images flagged, per transform, beside plain PDQ at 31 bits computed in the same run.
//!
//!     bash scripts/avatar-bench-data.sh                            # builds target/avatar-bench
//!     cargo run --release --example avatar_bench -- dev            # tune on the even half
//!     cargo run --release --example avatar_bench -- report         # report on the odd half
//!     cargo run --release --example avatar_bench -- report --hard  # the random edits of make_hard.py
//!     cargo run --release --example avatar_bench -- dev --hard --misses  # also list the copies missed
//!     cargo run --release --example avatar_bench -- dev --hard --only=screenshot  # one edit, no distinct
//!
//! Halves: protected avatars and distinct images with an even index are `dev`, odd are `report`.
//! `--hard` reads `hard/manifest.json` (bench/avatars/make_hard.py): its edits instead of the fixed
//! transforms, and its edited distinct pictures counted apart from the unedited ones. Distinct pictures
//! the set marks `near_protected` are reported apart, not counted as false matches. Beside vipguard:
//! plain PDQ (whole picture, ≤ 31 bits) and the classic 64-bit DCT pHash (≤ 10 bits).

use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use vipguard::internals::{best_match, reference_hashes, RefHash};
use vipguard::{decode, pdq_of, PdqHash};
use vipguard::{query_hashes, QueryHashes};

#[derive(Deserialize)]
struct Manifest {
    protected: Vec<Entry>,
    transforms: Vec<String>,
    distinct: Vec<Distinct>,
}
#[derive(Deserialize)]
struct Entry {
    id: String,
    /// `photo` or `logo` (a picture on a flat background); older sets have none.
    #[serde(default)]
    kind: Option<String>,
}
#[derive(Deserialize)]
struct Distinct {
    file: String,
    #[serde(default)]
    near_protected: bool,
}
#[derive(Deserialize)]
struct Hard {
    edits: Vec<String>,
    distinct: Vec<HardDistinct>,
}
#[derive(Deserialize)]
struct HardDistinct {
    file: String,
    index: usize,
}

struct Protected {
    id: String,
    kind: String,
    refs: Vec<RefHash>,
    plain: PdqHash,
    phash: u64,
}

/// The classic pHash: the 32×32 grey picture's DCT, its 8×8 lowest frequencies against their median.
fn phash(rgb: &vipguard::Rgb) -> u64 {
    const N: usize = 32;
    let mut grey = [0f64; N * N];
    for y in 0..N {
        for x in 0..N {
            // Box mean over the source pixels that fall in this cell.
            let (x0, x1) = (
                x * rgb.width() / N,
                ((x + 1) * rgb.width() / N).max(x * rgb.width() / N + 1),
            );
            let (y0, y1) = (
                y * rgb.height() / N,
                ((y + 1) * rgb.height() / N).max(y * rgb.height() / N + 1),
            );
            let (mut sum, mut n) = (0f64, 0f64);
            for yy in y0..y1.min(rgb.height()) {
                for xx in x0..x1.min(rgb.width()) {
                    let i = (yy * rgb.width() + xx) * 3;
                    let p = &rgb.pixels()[i..i + 3];
                    sum += 0.299 * p[0] as f64 + 0.587 * p[1] as f64 + 0.114 * p[2] as f64;
                    n += 1.0;
                }
            }
            grey[y * N + x] = sum / n.max(1.0);
        }
    }
    let c = |k: usize, i: usize| {
        ((2 * i + 1) as f64 * k as f64 * std::f64::consts::PI / (2 * N) as f64).cos()
    };
    let mut low = [0f64; 64];
    for u in 0..8 {
        for v in 0..8 {
            let mut acc = 0.0;
            for y in 0..N {
                for x in 0..N {
                    acc += grey[y * N + x] * c(u, y) * c(v, x);
                }
            }
            low[u * 8 + v] = acc;
        }
    }
    let mut sorted = low;
    sorted.sort_by(f64::total_cmp);
    let median = (sorted[31] + sorted[32]) / 2.0;
    low.iter()
        .enumerate()
        .fold(0, |h, (i, v)| if *v > median { h | 1 << i } else { h })
}

fn phash_identify(h: u64, protected: &[Protected]) -> Option<usize> {
    protected
        .iter()
        .enumerate()
        .map(|(i, p)| (i, (h ^ p.phash).count_ones()))
        .filter(|(_, d)| *d <= 10)
        .min_by_key(|(_, d)| *d)
        .map(|(i, _)| i)
}

fn load(path: &Path) -> Option<vipguard::Rgb> {
    decode(&std::fs::read(path).ok()?).ok()
}

fn find(dir: &Path, stem: &str) -> Option<PathBuf> {
    ["png", "jpg", "webp", "gif"]
        .iter()
        .map(|e| dir.join(format!("{stem}.{e}")))
        .find(|p| p.exists())
}

/// The protected avatar a query matches best (smallest distance relative to the view's threshold).
fn identify(q: &QueryHashes, protected: &[Protected]) -> Option<usize> {
    protected
        .iter()
        .enumerate()
        .filter_map(|(i, p)| best_match(q, &p.refs).map(|m| (i, m.margin())))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

fn plain_identify(h: PdqHash, protected: &[Protected]) -> Option<usize> {
    protected
        .iter()
        .enumerate()
        .map(|(i, p)| (i, h.distance(&p.plain)))
        .filter(|(_, d)| *d <= 31)
        .min_by_key(|(_, d)| *d)
        .map(|(i, _)| i)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let hard = args.iter().any(|a| a == "--hard");
    // `--misses`: also list each copy not matched to its own picture (edit, id, kind) on stderr.
    let list_misses = args.iter().any(|a| a == "--misses");
    // `--only=EDIT`: that edit alone, and no distinct pictures (a quick look while tuning one edit).
    let only = args.iter().find_map(|a| a.strip_prefix("--only="));
    let mut plain_args = args.iter().filter(|a| !a.starts_with("--"));
    let half = plain_args
        .next()
        .cloned()
        .unwrap_or_else(|| "report".into());
    let parity = match half.as_str() {
        "dev" => 0,
        "report" => 1,
        other => panic!("half must be dev or report, not {other}"),
    };
    let root = PathBuf::from(
        plain_args
            .next()
            .cloned()
            .unwrap_or_else(|| "target/avatar-bench".into()),
    );
    let manifest: Manifest = serde_json::from_str(
        &std::fs::read_to_string(root.join("manifest.json"))
            .expect("run scripts/avatar-bench-data.sh first"),
    )
    .expect("manifest");
    let hard_set: Option<Hard> = hard.then(|| {
        serde_json::from_str(
            &std::fs::read_to_string(root.join("hard/manifest.json"))
                .expect("run bench/avatars/make_hard.py first"),
        )
        .expect("hard manifest")
    });
    let protected: Vec<Protected> = manifest
        .protected
        .par_iter()
        .enumerate()
        .filter(|(i, _)| i % 2 == parity)
        .filter_map(|(_, e)| {
            let rgb = load(&find(&root.join("protected"), &e.id)?)?;
            Some(Protected {
                id: e.id.clone(),
                kind: e.kind.clone().unwrap_or_else(|| "photo".into()),
                refs: reference_hashes(&rgb),
                plain: pdq_of(&rgb).hash,
                phash: phash(&rgb),
            })
        })
        .collect();
    // Which of the three finds the right protected picture for `rgb` (or flags it at all, `want` None).
    let judge = |rgb: &vipguard::Rgb, want: Option<usize>| -> [bool; 3] {
        let got = [
            identify(&query_hashes(rgb), &protected),
            plain_identify(pdq_of(rgb).hash, &protected),
            phash_identify(phash(rgb), &protected),
        ];
        got.map(|g| match want {
            Some(i) => g == Some(i),
            None => g.is_some(),
        })
    };
    let (edits, edit_dir): (Vec<String>, PathBuf) = match &hard_set {
        Some(h) => (h.edits.clone(), root.join("hard")),
        None => (manifest.transforms.clone(), root.join("transformed")),
    };
    let mut rows: BTreeMap<String, (usize, [usize; 3])> = BTreeMap::new();
    // The same totals by kind of protected picture (photo, logo).
    let mut kinds: BTreeMap<String, (usize, [usize; 3])> = BTreeMap::new();
    for t in edits
        .iter()
        .filter(|t| only.is_none_or(|o| o == t.as_str()))
    {
        let results: Vec<(usize, [bool; 3])> = protected
            .par_iter()
            .enumerate()
            .filter_map(|(i, p)| {
                Some((i, judge(&load(&find(&edit_dir.join(t), &p.id)?)?, Some(i))))
            })
            .collect();
        for (i, r) in &results {
            if list_misses && !r[0] {
                eprintln!("miss {t} {} {}", protected[*i].id, protected[*i].kind);
            }
            for row in [
                rows.entry(t.clone()).or_default(),
                kinds.entry(protected[*i].kind.clone()).or_default(),
            ] {
                row.0 += 1;
                for k in 0..3 {
                    row.1[k] += r[k] as usize;
                }
            }
        }
    }
    // Unedited distinct pictures; those the set marks as near a protected one are counted apart.
    let flagged = |files: Vec<&str>| -> (usize, [usize; 3]) {
        let files = if only.is_some() { Vec::new() } else { files };
        let r: Vec<[bool; 3]> = files
            .par_iter()
            .filter_map(|f| {
                let r = judge(&load(&root.join(f))?, None);
                if list_misses && r[0] {
                    eprintln!("false match {f}");
                }
                Some(r)
            })
            .collect();
        let mut n = [0; 3];
        for x in &r {
            for k in 0..3 {
                n[k] += x[k] as usize;
            }
        }
        (r.len(), n)
    };
    let half_of = |i: &usize| i % 2 == parity;
    let distinct = flagged(
        manifest
            .distinct
            .iter()
            .enumerate()
            .filter(|(i, d)| half_of(i) && !d.near_protected)
            .map(|(_, d)| d.file.as_str())
            .collect(),
    );
    let near = flagged(
        manifest
            .distinct
            .iter()
            .enumerate()
            .filter(|(i, d)| half_of(i) && d.near_protected)
            .map(|(_, d)| d.file.as_str())
            .collect(),
    );
    let edited = hard_set.as_ref().map(|h| {
        let near: std::collections::HashSet<usize> = manifest
            .distinct
            .iter()
            .enumerate()
            .filter(|(_, d)| d.near_protected)
            .map(|(i, _)| i)
            .collect();
        flagged(
            h.distinct
                .iter()
                .filter(|d| half_of(&d.index) && !near.contains(&d.index))
                .map(|d| d.file.as_str())
                .collect(),
        )
    });

    let pct = |a: usize, n: usize| {
        if n == 0 {
            0.0
        } else {
            100.0 * a as f64 / n as f64
        }
    };
    println!(
        "avatar benchmark{}, {half} half: {} protected pictures, {} distinct pictures\n",
        if hard { " (hard edits)" } else { "" },
        protected.len(),
        distinct.0
    );
    println!(
        "{:<16} {:>5} {:>10} {:>12} {:>8}",
        "edit", "n", "vipguard%", "plain PDQ%", "pHash%"
    );
    let (mut n, mut all, mut worst) = (0, [0usize; 3], (100.0f64, String::new()));
    for (t, (tn, hits)) in &rows {
        println!(
            "{:<16} {:>5} {:>10.1} {:>12.1} {:>8.1}",
            t,
            tn,
            pct(hits[0], *tn),
            pct(hits[1], *tn),
            pct(hits[2], *tn)
        );
        n += tn;
        for k in 0..3 {
            all[k] += hits[k];
        }
        if pct(hits[0], *tn) <= worst.0 {
            worst = (pct(hits[0], *tn), t.clone());
        }
    }
    println!(
        "{:<16} {:>5} {:>10.1} {:>12.1} {:>8.1}",
        "ALL",
        n,
        pct(all[0], n),
        pct(all[1], n),
        pct(all[2], n)
    );
    if kinds.len() > 1 {
        for (kind, (kn, hits)) in &kinds {
            println!(
                "{:<16} {:>5} {:>10.1} {:>12.1} {:>8.1}",
                format!("ALL {kind}s"),
                kn,
                pct(hits[0], *kn),
                pct(hits[1], *kn),
                pct(hits[2], *kn)
            );
        }
    }
    println!(
        "\nworst edit: {} at {:.1}% (target: none below 90%; overall ≥ 97%)",
        worst.1, worst.0
    );
    let line = |what: &str, (n, f): (usize, [usize; 3])| {
        println!(
            "{what}: vipguard {} of {n} ({:.2}%), plain PDQ {} ({:.2}%), pHash {} ({:.2}%)",
            f[0],
            pct(f[0], n),
            f[1],
            pct(f[1], n),
            f[2],
            pct(f[2], n)
        );
    };
    line("distinct pictures matched (target ≤ 0.1%)", distinct);
    if let Some(e) = edited {
        line("edited distinct pictures matched (target ≤ 0.1%)", e);
    }
    if near.0 > 0 {
        line(
            "near a protected picture (reported apart, not false matches)",
            near,
        );
    }
}
