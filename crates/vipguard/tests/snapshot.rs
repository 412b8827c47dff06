//! A checker saved with `save_snapshot` and restored answers exactly as the one that was built, and a
//! snapshot that is not whole and current is refused with an error, never a panic.

mod common;

use std::path::Path;
use vipguard::{
    decode, query_hashes, read_profiles, restore_snapshot as restore, save_snapshot as save,
    Checker, Lang, Profile,
};

fn profiles(path: &str) -> Vec<Profile> {
    let text = std::fs::read_to_string(path).unwrap();
    read_profiles(&text, path)
        .unwrap()
        .into_iter()
        .filter_map(|(_, p)| p.ok())
        .collect()
}

/// Every evasion fixture's profile (one per line, under "profile").
fn evasion_profiles() -> Vec<Profile> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("tests/fixtures/evasions").unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            out.push(serde_json::from_value(v["profile"].clone()).unwrap());
        }
    }
    out
}

fn answers(checker: &Checker, profiles: &[Profile], avatars: Option<&Path>) -> Vec<String> {
    profiles
        .iter()
        .map(|p| {
            let query = match (avatars, &p.avatar) {
                (Some(dir), Some(file)) => {
                    let bytes = std::fs::read(dir.join(file)).unwrap();
                    Some(query_hashes(&decode(&bytes).unwrap()))
                }
                _ => None,
            };
            serde_json::to_string(&checker.check_with_avatar(p, query.as_ref())).unwrap()
        })
        .collect()
}

#[test]
fn a_restored_checker_answers_as_the_built_one() {
    // The evasion fixtures (every technique and verdict) and the demo (avatars enrolled as hashes).
    let fixtures = common::fixture_list();
    let demo = common::demo_list_enrolled();
    let demo_dir = common::root().join("demo");
    let cases = [
        (fixtures, evasion_profiles(), None),
        (
            demo,
            profiles(demo_dir.join("profiles.jsonl").to_str().unwrap()),
            Some(demo_dir.as_path()),
        ),
    ];
    for (list, profiles, avatars) in cases {
        assert!(profiles.len() >= 20, "too few profiles to compare");
        for lang in [Lang::En, Lang::Fr, Lang::Pcm] {
            let built = Checker::new(list.clone())
                .expect("a valid list")
                .with_lang(lang);
            let bytes = save(&built, "list");
            let restored = restore(&bytes, "test.snap", "list")
                .unwrap()
                .with_lang(lang);
            assert_eq!(restored.list(), built.list());
            let (want, got) = (
                answers(&built, &profiles, avatars),
                answers(&restored, &profiles, avatars),
            );
            for (i, (w, g)) in want.iter().zip(&got).enumerate() {
                assert_eq!(w, g, "profile {i} ({:?})", profiles[i].handle);
            }
            // Restoring keeps everything: saving the restored checker gives the same bytes.
            assert_eq!(save(&restored, "list"), bytes);
        }
    }
}

// Found by the fuzzer (fuzz/corpus/list_csv/regression-handle-at-signs): a handle written with
// several `@` before it lost one more `@` each time it was cleaned, and
// restoring cleans the handles again, so the restored checker named another protected handle.
#[test]
fn a_handle_written_with_extra_at_signs_restores_as_built() {
    let csv = "id;name;handles\nvip-1;Aliko Dangote;x:@@@AlikoDangote|x:@@DangoteAliko\n";
    let list = vipguard::ProtectedList::parse_all(csv, "list.csv").expect("the list reads");
    let built = Checker::new(list).expect("a valid list");
    let restored = restore(&save(&built, "list"), "test.snap", "list").unwrap();
    assert_eq!(restored.list(), built.list());
    for handle in ["AIikoDangote", "AlikoDangoteTV", "DangoteAIiko"] {
        let profile = Profile {
            id: "p".into(),
            platform: "x".into(),
            handle: handle.into(),
            name: "Someone".into(),
            ..Profile::default()
        };
        let (want, got) = (built.check(&profile), restored.check(&profile));
        assert_eq!(got, want, "@{handle}");
        assert!(
            want.evidence.iter().all(|e| !e.detail.contains("@@")),
            "{want:?}"
        );
    }
}

fn small_snapshot() -> Vec<u8> {
    let list = common::fixture_list();
    save(&Checker::new(list).expect("a valid list"), "list")
}

fn error(bytes: &[u8]) -> String {
    match restore(bytes, "list.snap", "list") {
        Ok(_) => panic!("restored from bad bytes"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_snapshots_are_refused_with_what_is_wrong() {
    let good = small_snapshot();
    let version = env!("CARGO_PKG_VERSION");
    let mut other_version = good.clone();
    let at = 8 + 4 + 4; // magic, format, version length
    other_version[at..at + version.len()].copy_from_slice(&"9".repeat(version.len()).into_bytes());
    let mut other_format = good.clone();
    other_format[8] ^= 0x40;
    // The format is a little-endian u32 after the magic; the message names both, whatever it is now.
    let format = u32::from_le_bytes(good[8..12].try_into().unwrap());
    let other_format_says = format!(
        "(format {}); this is vipguard {version} (format {format})",
        format ^ 0x40
    );
    let mut flipped = good.clone();
    let mid = good.len() / 2;
    flipped[mid] ^= 1;
    let mut longer = good.clone();
    longer.push(0);
    let other_list = save(
        &Checker::new(common::fixture_list()).expect("a valid list"),
        "another list",
    );
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "empty",
            &[],
            "list.snap: field `header`: cut short: 8 bytes needed at byte 0, 0 left",
        ),
        (
            "a JSON list",
            br#"{"accounts": []}"#,
            "list.snap: not a vipguard snapshot",
        ),
        (
            "another version",
            &other_version,
            "list.snap: snapshot made by vipguard 9",
        ),
        ("another format", &other_format, &other_format_says),
        (
            "one bit flipped",
            &flipped,
            "list.snap: snapshot is damaged (its checksum does not match)",
        ),
        ("a byte added", &longer, "list.snap: snapshot is damaged"),
        (
            "saved for another list",
            &other_list,
            "list.snap: snapshot was built from another list",
        ),
        (
            "cut in the header",
            &good[..20],
            "list.snap: field `header`: cut short",
        ),
        (
            "cut in the body",
            &good[..mid],
            "list.snap: snapshot is damaged",
        ),
    ];
    for (what, bytes, want) in cases {
        let got = error(bytes);
        assert!(got.contains(want), "{what}: got {got:?}, want {want:?}");
    }
}

#[test]
fn every_cut_of_a_snapshot_is_an_error() {
    let good = small_snapshot();
    assert!(restore(&good, "list.snap", "list").is_ok());
    for len in 0..good.len() {
        assert!(
            restore(&good[..len], "list.snap", "list").is_err(),
            "cut at {len} was accepted"
        );
    }
}
