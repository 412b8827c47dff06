//! Lists enrolled by an older vipguard: how many accounts `accounts_to_enrol_again` counts, one row per
//! fixture list in `fixtures/enrolment/`. The lists were enrolled with `vipguard enroll` (a logo drawn
//! as `avatar/drawn.rs`'s `centred_logo`, and two demo photos); the older ones are the same lists with
//! the references a later enrolment added taken out, as an older vipguard wrote them.

use vipguard::{accounts_to_enrol_again, ProtectedList};

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
