//! Evidence in French says what the English says: over every evasion fixture and the demo profiles,
//! the French check gives the same verdict, score, match and evidence (signals, figures, characters),
//! and every sentence is worded in French rather than left in English.

mod common;

use vipguard::{Checker, Lang, Profile};

fn profiles() -> Vec<(String, Profile)> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir("tests/fixtures/evasions")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        for line in std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let p: Profile = serde_json::from_value(v["profile"].clone()).unwrap();
            out.push((file.display().to_string(), p));
        }
    }
    out
}

// Words that only English sentences use.
const ENGLISH: &[&str] = &[
    "Handle @",
    "Display name ",
    " reads as ",
    " looks like ",
    " on the protected list",
    ", removed)",
    " edit(s) from",
    " added",
    "Labelled as",
    "The avatar",
    "The resemblance",
    "replaced by",
    "only in the",
];

#[test]
fn french_evidence_matches_english_and_is_french() {
    let list = || common::fixture_list();
    let en = Checker::new(list());
    let fr = Checker::new(list()).with_lang(Lang::Fr);
    let mut sentences = 0;
    for (file, p) in profiles() {
        let (a, b) = (en.check(&p), fr.check(&p));
        let at = format!("{file}: {}", p.id);
        assert_eq!(
            (a.verdict, a.score, &a.matched),
            (b.verdict, b.score, &b.matched),
            "{at}"
        );
        assert_eq!(a.evidence.len(), b.evidence.len(), "{at}");
        for (x, y) in a.evidence.iter().zip(&b.evidence) {
            assert_eq!(
                (
                    &x.signal,
                    &x.protected,
                    x.similarity,
                    x.distance,
                    x.compliant
                ),
                (
                    &y.signal,
                    &y.protected,
                    y.similarity,
                    y.distance,
                    y.compliant
                ),
                "{at}"
            );
            assert_eq!(x.chars, y.chars, "{at}");
            assert_ne!(x.detail, y.detail, "{at}: not translated");
            for w in ENGLISH {
                assert!(
                    !y.detail.contains(w),
                    "{at}: English {w:?} in {:?}",
                    y.detail
                );
            }
            sentences += 1;
        }
    }
    assert!(sentences > 100, "only {sentences} sentences compared");
}
