//! PDQ conformance against Meta's reference hashes in shared/data/pdq (beside the repository, or at
//! $VIPGUARD_PDQ_DATA): within 2 bits on the lossless PNGs, within 12 bits on JPEGs of quality ≥ 80
//! (decoders differ), and the 8 dihedral hashes of bridge-1 within 2 bits.

use super::{decode, pdq_with_dct, PdqHash};
use std::path::PathBuf;

fn data() -> PathBuf {
    let dir = std::env::var_os("VIPGUARD_PDQ_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/data/pdq"
            ))
        });
    assert!(
        dir.join("expected.csv").exists(),
        "PDQ reference data not found at {} (set VIPGUARD_PDQ_DATA)",
        dir.display()
    );
    dir
}

fn rows(file: &str) -> Vec<Vec<String>> {
    std::fs::read_to_string(data().join(file))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

fn hash_file(path: &str) -> (PdqHash, u8, [PdqHash; 8]) {
    let bytes = std::fs::read(data().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let rgb = decode(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (h, dct) = pdq_with_dct(&rgb).unwrap();
    (h.hash, h.quality, dct.dihedral())
}

#[test]
fn decoded_pngs_within_two_bits() {
    let mut report = Vec::new();
    for r in rows("expected-decoded.csv") {
        let (h, q, _) = hash_file(&r[0]);
        let d = h.distance(&PdqHash::from_hex(&r[1]).unwrap());
        let expected_q: u8 = r[2].parse().unwrap();
        report.push(format!(
            "{} distance {d} quality {q} (expected {expected_q})",
            r[0]
        ));
        assert!(
            d <= 2 && q.abs_diff(expected_q) <= 2,
            "{}",
            report.join("\n")
        );
    }
    assert!(report.len() >= 20);
    eprintln!("{}", report.join("\n"));
}

#[test]
fn jpegs_of_quality_80_or_more_within_twelve_bits() {
    let mut checked = 0;
    for r in rows("expected.csv") {
        let q_expected: u8 = r[4].parse().unwrap();
        if !r[0].to_ascii_lowercase().ends_with(".jpg") || q_expected < 80 {
            continue;
        }
        let (h, _, _) = hash_file(&r[0]);
        let d = h.distance(&PdqHash::from_hex(&r[3]).unwrap());
        eprintln!("{}: {d} bits", r[0]);
        assert!(
            d <= 12,
            "{}: {d} bits from the reference (EXIF-oriented)",
            r[0]
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} JPEGs checked");
}

#[test]
fn dihedral_hashes_of_bridge_1_within_two_bits() {
    let (_, _, dihedral) = hash_file("reg-test-input/dih/bridge-1-original.jpg");
    for r in rows("expected-dihedral-bridge-1.csv") {
        let i: usize = r[0].parse().unwrap();
        let d = dihedral[i].distance(&PdqHash::from_hex(&r[1]).unwrap());
        assert!(d <= 2, "variant {i}: {d} bits");
    }
}

/// `plain_and_query` (one luma conversion for both) gives exactly `pdq_of` and `query_hashes`.
#[test]
fn plain_and_query_equals_the_separate_hashes() {
    use super::matcher::{plain_and_query, query_hashes};
    use super::pdq_of;
    for r in rows("expected.csv").iter().take(12) {
        let bytes = std::fs::read(data().join(&r[0])).unwrap();
        let rgb = decode(&bytes).unwrap();
        let (plain, query) = plain_and_query(&rgb);
        let alone = pdq_of(&rgb);
        assert_eq!(
            (plain.hash, plain.quality),
            (alone.hash, alone.quality),
            "{}",
            r[0]
        );
        assert_eq!(query, query_hashes(&rgb), "{}", r[0]);
    }
}
