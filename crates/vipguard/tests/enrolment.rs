//! Lists enrolled by an older vipguard: how many accounts `accounts_to_enrol_again` counts, one row per
//! fixture list in `fixtures/enrolment/`. The lists were enrolled with `vipguard enroll` (a logo drawn
//! as `avatar/drawn.rs`'s `centred_logo`, and two demo photos); the older ones are the same lists with
//! the references a later enrolment added taken out, as an older vipguard wrote them.

use vipguard::{
    accounts_to_enrol_again, decode, query_hashes, read_profiles, Checker, Profile, ProtectedList,
};

/// (fixture, accounts to enrol again, why)
const ROWS: &[(&str, usize, &str)] = &[
    (
        "enrolled_now.json",
        0,
        "a logo and two photos, enrolled now",
    ),
    (
        "photos_only.json",
        0,
        "photos: nothing trimmed, no untrimmed references",
    ),
    (
        "pdq_only.csv",
        0,
        "plain pdq hashes without references: no enrolment to date",
    ),
    (
        "before_tints.json",
        1,
        "the logo has circle:u but not full:u (before 2026-12-05)",
    ),
    (
        "before_turns.json",
        3,
        "turns of ±3° without ±5° (before 2026-12-04)",
    ),
    (
        "before_whole_turns.json",
        3,
        "the trimmed square turned (r3, r5) but not the whole picture (rw3; before 2026-12-06)",
    ),
    (
        "two_avatars_one_older.json",
        1,
        "an account counts once, one of its avatars older",
    ),
];

#[test]
fn lists_enrolled_by_an_older_version_are_counted() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/enrolment");
    let mut wrong = Vec::new();
    for (file, want, why) in ROWS {
        let path = format!("{dir}/{file}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let list = ProtectedList::parse(&text, file).unwrap_or_else(|e| panic!("{e}"));
        let got = accounts_to_enrol_again(&list);
        if got != *want {
            wrong.push(format!("{file} ({why}): {got}, want {want}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// References of kinds this version does not know, as a newer enrolment might write them, and
/// references that are damaged. (reference, whether the list is read)
const NEWER_OR_DAMAGED: &[(&str, bool)] = &[
    ("full:sq7:n:97:{hex}", true),   // a new edit
    ("warp:0:m:100:{hex}", true),    // a new view
    ("edge2:rw-7:m:90:{hex}", true), // both
    ("circle:5:x:97:{hex}", false),  // mirror neither m nor n
    ("circle:5:m:101:{hex}", false), // quality over 100
    ("circle:5:m:97:{hex}0", false), // a hash of 65 hex digits
    ("circle:5:m:97", false),        // too few parts
    ("Circle Top:5:m:97:{hex}", false),
    ("circle:5:m:97:{hex}:x", false),
    ("fulll:0:n:100:{hex}", false), // a typo of a view, not a new one
    ("cirlce:5:m:97:{hex}", false), // the same
    ("full:50:n:100:{hex}", false), // a crop out of range: a number is no new kind
];

/// An avatar none of whose references this version reads would match nothing: the list says so.
#[test]
fn an_avatar_with_no_reference_this_version_reads_is_an_error() {
    let hex = "d902448d490926de689baad5249faa5596dd6b5452de552e4b6d55aab5a6d52a";
    let list = format!(
        r#"{{"accounts":[{{"id":"a","name":"Ada Obi","avatars":[{{"pdq":"{hex}","refs":["oval:0:n:100:{hex}","oval:0:m:100:{hex}"]}}]}}]}}"#
    );
    let e = ProtectedList::parse(&list, "newer.json")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("avatars[0].refs") && e.contains("none of its 2 references"),
        "{e}"
    );
}

#[test]
fn a_list_from_a_newer_enrolment_is_read_with_its_new_kinds_skipped() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/enrolment/enrolled_now.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let now = ProtectedList::parse(&text, "now.json").unwrap();
    // Copies of the two photos, under handles that are no lookalike: the avatar alone decides.
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/../../demo");
    let copies: Vec<(Profile, Vec<u8>)> = [
        "kwabena.png",
        "copy-kwabena-mirrored-badge.png",
        "adaeze.png",
    ]
    .iter()
    .map(|f| {
        let line =
            format!(r#"{{"id":"{f}","platform":"x","handle":"sunny_days_44","name":"Sunny"}}"#);
        let (_, p) = read_profiles(&line, "copies.jsonl").unwrap().remove(0);
        (
            p.unwrap(),
            std::fs::read(format!("{demo}/avatars/{f}")).unwrap(),
        )
    })
    .collect();
    let hex = "d902448d490926de689baad5249faa5596dd6b5452de552e4b6d55aab5a6d52a";
    for (reference, read) in NEWER_OR_DAMAGED {
        let reference = reference.replace("{hex}", hex);
        let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
        for a in json["accounts"].as_array_mut().unwrap() {
            let refs = a["avatars"][0]["refs"].as_array_mut().unwrap();
            refs.insert(refs.len() / 2, reference.clone().into());
        }
        let got = ProtectedList::parse(&json.to_string(), "newer.json");
        match (got, read) {
            // Read as if the new kinds were not there: the same checker, no account to enrol again.
            (Ok(newer), true) => {
                assert_eq!(accounts_to_enrol_again(&newer), 0, "{reference}");
                let (a, b) = (
                    Checker::new(now.clone()).expect("a valid list"),
                    Checker::new(newer).expect("a valid list"),
                );
                for (profile, picture) in &copies {
                    let query = query_hashes(&decode(picture).unwrap());
                    let found = b.check_with_avatar(profile, Some(&query)).matched;
                    assert!(found.is_some(), "{reference}: {} not matched", profile.id);
                    let answer = |c: &Checker| {
                        serde_json::to_string(&c.check_with_avatar(profile, Some(&query)))
                    };
                    assert_eq!(answer(&a).unwrap(), answer(&b).unwrap(), "{reference}");
                }
            }
            (Err(e), false) => {
                let e = e.to_string();
                assert!(
                    e.contains("refs[") && e.contains("is not a reference hash"),
                    "{reference}: {e}"
                );
            }
            (got, _) => panic!("{reference}: {:?}", got.map(|_| "read")),
        }
    }
}
