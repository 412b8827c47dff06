//! The fixed side of the whole-check targets: the demo list (demo/protected.json) with its avatars
//! enrolled, and the demo profiles with their avatars' query hashes; for the feed target, a team key
//! pair and a reviewer's decisions export. Built once per process.

use std::sync::OnceLock;
use vipguard::{
    decode, enroll_rgb, query_hashes, read_jsonl, restore_snapshot, save_snapshot, AvatarRef,
    Checker, Decision, Profile, ProtectedList, QueryHashes,
};

/// The demo's pictures, by the path the demo files give them.
const PICTURES: &[(&str, &[u8])] = &[
    (
        "avatars/adaeze.png",
        include_bytes!("../../demo/avatars/adaeze.png"),
    ),
    (
        "avatars/aminata.png",
        include_bytes!("../../demo/avatars/aminata.png"),
    ),
    (
        "avatars/ibrahima.png",
        include_bytes!("../../demo/avatars/ibrahima.png"),
    ),
    (
        "avatars/kwabena.png",
        include_bytes!("../../demo/avatars/kwabena.png"),
    ),
    (
        "avatars/tundemi.png",
        include_bytes!("../../demo/avatars/tundemi.png"),
    ),
    (
        "avatars/zenith.png",
        include_bytes!("../../demo/avatars/zenith.png"),
    ),
    (
        "avatars/copy-kwabena-mirrored-badge.png",
        include_bytes!("../../demo/avatars/copy-kwabena-mirrored-badge.png"),
    ),
    (
        "avatars/copy-ibrahima-padded.jpg",
        include_bytes!("../../demo/avatars/copy-ibrahima-padded.jpg"),
    ),
    (
        "avatars/copy-aminata-round.png",
        include_bytes!("../../demo/avatars/copy-aminata-round.png"),
    ),
    (
        "avatars/someone-else.png",
        include_bytes!("../../demo/avatars/someone-else.png"),
    ),
];

fn picture(path: &str) -> &'static [u8] {
    PICTURES
        .iter()
        .find(|(p, _)| *p == path)
        .unwrap_or_else(|| panic!("{path} is not among the demo pictures"))
        .1
}

/// The demo list, its avatar paths replaced by their hashes (as `vipguard enroll` does).
pub(crate) fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        let mut list =
            ProtectedList::from_json(include_str!("../../demo/protected.json"), "protected.json")
                .expect("the demo list reads");
        for avatar in list.accounts.iter_mut().flat_map(|a| a.avatars.iter_mut()) {
            if let AvatarRef::Path(p) = avatar {
                *avatar = AvatarRef::Hash(enroll_rgb(&decode(picture(p)).expect("demo picture")));
            }
        }
        Checker::new(list).expect("a valid list")
    })
}

/// The demo checker brought back from its snapshot, as the extension's worker does after a restart.
pub(crate) fn restored() -> &'static Checker {
    static RESTORED: OnceLock<Checker> = OnceLock::new();
    RESTORED.get_or_init(|| {
        restore_snapshot(&save_snapshot(checker(), "demo"), "demo", "demo")
            .expect("the demo snapshot restores")
    })
}

/// The demo profiles, each with its avatar's query hashes when it has one.
pub(crate) fn profiles() -> &'static [(Profile, Option<QueryHashes>)] {
    static PROFILES: OnceLock<Vec<(Profile, Option<QueryHashes>)>> = OnceLock::new();
    PROFILES.get_or_init(|| {
        read_jsonl(include_str!("../../demo/profiles.jsonl"), "profiles.jsonl")
            .into_iter()
            .map(|(_, row)| {
                let profile = row.expect("the demo profiles read");
                let query = profile
                    .avatar
                    .as_deref()
                    .map(|p| query_hashes(&decode(picture(p)).expect("demo picture")));
                (profile, query)
            })
            .collect()
    })
}

/// A profile that matches no protected account on its text, so that a fuzzed avatar goes through
/// the whole avatar search rather than an early exact-handle answer.
pub(crate) fn plain_profile() -> &'static Profile {
    static PROFILE: OnceLock<Profile> = OnceLock::new();
    PROFILE.get_or_init(|| Profile {
        id: "fuzz".into(),
        platform: "x".into(),
        handle: "breaking_now_247".into(),
        name: "Breaking News".into(),
        ..Default::default()
    })
}

/// The seed of the feed target's team key pair (`feed_seal::signer`): fixed, never random, so that
/// every run, the seeds and the kept corpus sign and verify alike. TEST ONLY: it is public here.
pub const FEED_SEED: [u8; 32] = *b"vipguard-fuzz-TEST-ONLY-demo-key";

/// The decisions every fuzzed file's are merged with: the feed fixtures' export, as
/// `vipguard decisions merge` reads it.
pub(crate) fn decisions() -> &'static [Decision] {
    static DECISIONS: OnceLock<Vec<Decision>> = OnceLock::new();
    DECISIONS.get_or_init(|| {
        vipguard::read_decisions(
            include_str!("../../tests/fixtures/feed/decisions.json"),
            "decisions.json",
            None,
        )
        .expect("the fixture decisions read")
    })
}
