//! Fuzz targets for every parser and decoder of the engine (issue 24), as plain functions of bytes.
//!
//! Each target feeds its bytes to the engine's public API the way the command line or the extension
//! would, then pushes whatever came out through the rest of the pipeline (a parsed list is built into
//! a checker and checked against, a decoded picture is hashed and searched for), so that a panic
//! anywhere downstream of a parser counts too. Where two paths must agree (a checker and its restored
//! snapshot, a query and its text form), the target asserts it, so a wrong answer is a finding as well.
//!
//! The libFuzzer binaries (fuzz_targets/, `make fuzz`) and the replay test (tests/replay.rs, part of
//! `cargo test`, through [`TARGETS`]) call the same functions.

mod budget;
pub mod feed_seal;
mod fixed;
pub mod snapshot_seal;

pub use budget::{peak_bytes, reset_peak, set_limit, LIMIT_BYTES};
pub use fixed::FEED_SEED;

use std::borrow::Cow;
use vipguard::{
    decode, decode_rgba, enroll_rgb, merge_decisions, open_feed, pdq_of, plain_and_query,
    read_decisions, read_profiles_bytes, restore_snapshot, save_snapshot, Checker, Decision,
    FeedKey, FeedPayload, FeedSigner, Profile, ProtectedList, QueryHashes, Rgb,
};

/// Every target by name: the folder names under corpus/ and regressions/, and the binaries' names.
pub const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("list_json", list_json),
    ("list_csv", list_csv),
    ("profiles_jsonl", profiles_jsonl),
    ("profiles_csv", profiles_csv),
    ("image", image),
    ("enroll", enroll),
    ("rgba", rgba),
    ("snapshot", snapshot),
    ("check", check),
    ("feed", feed),
];

/// A protected list in JSON, as `vipguard --protected list.json` and the options page read it.
pub fn list_json(data: &[u8]) {
    list(data, "list.json");
}

/// A protected list in CSV.
pub fn list_csv(data: &[u8]) {
    list(data, "list.csv");
}

fn list(data: &[u8], source: &str) {
    // The CLI and the extension refuse a list that is not UTF-8 before parsing it.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(list) = ProtectedList::parse_all(text, source) {
        loaded(list);
    }
}

/// A list that parsed is one a user can load: build it and check the fixed profiles against it,
/// then make sure its snapshot (what the extension keeps between worker restarts) answers the same.
fn loaded(list: ProtectedList) {
    let checker = Checker::new(list).expect("a list that reads builds");
    let restored = restore_snapshot(&save_snapshot(&checker, "fuzz"), "fuzz", "fuzz")
        .expect("a saved snapshot restores");
    for (profile, avatar) in fixed::profiles() {
        let answer = checker.check_with_avatar(profile, avatar.as_ref());
        assert_eq!(
            restored.check_with_avatar(profile, avatar.as_ref()),
            answer,
            "the restored snapshot answers otherwise for {profile:?}"
        );
    }
}

/// A profiles file in JSONL, as `vipguard scan profiles.jsonl` reads it, each profile then checked.
pub fn profiles_jsonl(data: &[u8]) {
    profiles(data, "profiles.jsonl");
}

/// A profiles file in CSV, as `vipguard scan profiles.csv` and the bulk page read it.
pub fn profiles_csv(data: &[u8]) {
    profiles(data, "profiles.csv");
}

fn profiles(data: &[u8], source: &str) {
    let Ok(rows) = read_profiles_bytes(data, source) else {
        return;
    };
    let checker = fixed::checker();
    for profile in rows.into_iter().filter_map(|(_, row)| row.ok()) {
        checker.check(&profile);
    }
}

/// Image bytes (JPEG, PNG, WebP, GIF) as a profile's avatar: decoded, hashed as the CLI's scan and the
/// extension hash it, and searched for among the fixed list's avatars.
pub fn image(data: &[u8]) {
    if let Ok(rgb) = decode(data) {
        query(&rgb);
    }
}

/// Image bytes as a protected account's picture (`vipguard enroll`, the options page): decoded and
/// enrolled. A target of its own because enrolling hashes many edited copies (18 ms a picture, where
/// a query takes 11), which would halve the speed of fuzzing the decoders through `image`.
pub fn enroll(data: &[u8]) {
    if let Ok(rgb) = decode(data) {
        enroll_rgb(&rgb);
    }
}

/// Pixels a browser decoded (`hashRgba` in the extension, for GIFs and pictures the WASM decoder
/// refuses): width and height as two little-endian u16 (so 0 and sizes past the engine's limit come
/// up), then RGBA bytes, repeated to fill the picture so that a short input still makes a big one.
pub fn rgba(data: &[u8]) {
    let [w0, w1, h0, h1, pixels @ ..] = data else {
        return;
    };
    let (width, height) = (
        u16::from_le_bytes([*w0, *w1]),
        u16::from_le_bytes([*h0, *h1]),
    );
    let wanted = usize::from(width) * usize::from(height) * 4;
    // Filled up to 512x512 pixels (avatars are shown smaller); past that the bytes go as they are and
    // are refused for their length, which keeps each run short enough to fuzz (the cost is in hashing).
    let pixels: Cow<[u8]> = if !pixels.is_empty() && wanted <= 512 * 512 * 4 {
        Cow::Owned(pixels.iter().copied().cycle().take(wanted).collect())
    } else {
        Cow::Borrowed(pixels)
    };
    // As the extension's hashRgba (a profile's picture) and enrollRgba (a protected one) use them.
    if let Ok(rgb) = decode_rgba(width.into(), height.into(), &pixels) {
        query(&rgb);
        enroll_rgb(&rgb);
    }
}

/// What the CLI and the extension do with a profile's decoded picture.
fn query(rgb: &Rgb) {
    // The extension's path: the plain PDQ and the query hashes in one pass, the query cached as text.
    let (plain, query) = plain_and_query(rgb);
    assert_eq!(
        plain,
        pdq_of(rgb),
        "plain_and_query's PDQ differs from pdq_of"
    );
    assert_eq!(
        QueryHashes::parse(&query.encode()).as_ref(),
        Ok(&query),
        "a query does not survive its text form"
    );
    fixed::checker().check_with_avatar(fixed::plain_profile(), Some(&query));
}

/// Snapshot bytes, as the extension restores a checker from storage. Almost any change to a saved
/// snapshot fails its checksum, so the bytes are tried twice: as they are (the header and checksum
/// checks), and sealed as the body behind a valid header and checksum (the list and index readers).
pub fn snapshot(data: &[u8]) {
    for bytes in [Cow::Borrowed(data), Cow::Owned(snapshot_seal::seal(data))] {
        if let Ok(checker) = restore_snapshot(&bytes, "fuzz", snapshot_seal::KEY) {
            // A snapshot that restores must check profiles without failing.
            for (profile, avatar) in fixed::profiles() {
                checker.check_with_avatar(profile, avatar.as_ref());
            }
        }
    }
}

/// One profile, field by field, checked against the fixed list (the whole check). Fields are split at
/// 0xFF, a byte UTF-8 never uses, so the fuzzer edits text without JSON's quoting in the way:
/// platform, handle, name, bio, avatar query (`q1;…`, as the extension caches it), then links.
pub fn check(data: &[u8]) {
    let mut fields = data
        .split(|b| *b == 0xFF)
        .map(|f| String::from_utf8_lossy(f).into_owned());
    let mut next = || fields.next().unwrap_or_default();
    let (platform, handle, name, bio, query) = (next(), next(), next(), next(), next());
    let profile = Profile {
        id: "fuzz".into(),
        platform,
        handle,
        name,
        bio: (!bio.is_empty()).then_some(bio),
        avatar: None,
        links: fields.collect(),
    };
    let avatar = QueryHashes::parse(&query).ok();
    let answer = fixed::checker().check_with_avatar(&profile, avatar.as_ref());
    // A restored checker works out each account's keys lazily: it must still answer the same.
    assert_eq!(
        fixed::restored().check_with_avatar(&profile, avatar.as_ref()),
        answer,
        "the restored snapshot answers otherwise"
    );
}

/// A team's feed file and what comes with it, as `vipguard verify`, `decisions merge` and the
/// extension's feed read them (one target for all: the files are small JSON, and the export and the
/// payload share the decisions reader). The text is tried four ways:
/// - as a key file (`--key NAME.pub`, `NAME.key`): a key read back from its text is the same key;
/// - as a signed list file, verified with the fixed test key (the envelope and signature checks);
/// - as a payload, signed with that key (`feed_seal`), so that its reader is reached past the
///   signature: a payload that opens has its list loaded as `list_json` loads one, is signed again
///   and must open to the same payload;
/// - as a decisions file (an export, or a signed list's decisions), merged as below.
pub fn feed(data: &[u8]) {
    // The CLI refuses a file that is not UTF-8 before reading it (a byte-order mark is the parsers').
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    key_files(text);
    let key = feed_seal::key();
    for signed in [Cow::Borrowed(text), Cow::Owned(feed_seal::seal(text))] {
        if let Ok(payload) = open_feed(&signed, &key, "feed.json") {
            opened(payload, &key);
        }
    }
    if let Ok(decisions) = read_decisions(text, "decisions.json", Some(&key)) {
        merged(&decisions);
    }
}

/// A key file's text that reads as a key must give that key back from the text the CLI writes.
fn key_files(text: &str) {
    if let Ok(key) = FeedKey::parse(text, "k.pub") {
        assert_eq!(
            FeedKey::parse(&key.to_text(), "k.pub").ok(),
            Some(key),
            "a public key does not survive its text form"
        );
    }
    if let Ok(signer) = FeedSigner::parse(text, "k.key") {
        let again = FeedSigner::parse(&signer.to_text(), "k.key").expect("a written key reads");
        assert_eq!(
            again.public(),
            signer.public(),
            "a secret key does not survive its text form"
        );
    }
}

/// A payload that verified: its list loaded, its decisions merged, and signed again (what a team
/// re-publishing it does) it must verify and read as the same payload.
fn opened(payload: FeedPayload, key: &FeedKey) {
    let signed = feed_seal::signer()
        .sign(&payload, "fuzz")
        .expect("a payload that was read is signed");
    let again = open_feed(&signed, key, "fuzz").expect("a payload signed again verifies");
    assert_eq!(again, payload, "a payload signed again reads otherwise");
    if let Some(decisions) = &payload.decisions {
        merged(decisions);
    }
    loaded(payload.list);
}

/// The date every merge is made at: fixed, so that merges of the same decisions compare equal.
const MERGED_AT: &str = "2026-12-06T00:00:00Z";

/// Decisions that were read, merged as `vipguard decisions merge` merges files: merged with
/// themselves they give what they give alone (the latest decision per account); the merge's export
/// reads back and merges to itself; merged with the fixed export they give one decision per account.
fn merged(decisions: &[Decision]) {
    // A decision dated after the merge is refused by design (it would outrank every other until
    // then): a reader takes it, a merge at MERGED_AT does not. Those are left out (each merged alone
    // says which) and the rest compared.
    let kept: Vec<Decision> = decisions
        .iter()
        .filter(|d| {
            let alone = [("a.json".to_string(), vec![(*d).clone()])];
            match merge_decisions(&alone, MERGED_AT) {
                Ok(_) => true,
                Err(e) => {
                    assert_eq!(
                        e.code,
                        Some("feed_decision_after_merge"),
                        "decisions that were read merge: {e:?}"
                    );
                    false
                }
            }
        })
        .cloned()
        .collect();
    let decisions = &kept[..];
    let merge = |inputs: &[(String, Vec<Decision>)]| {
        merge_decisions(inputs, MERGED_AT).expect("decisions that were read merge")
    };
    let file = |name: &str, d: &[Decision]| (name.to_string(), d.to_vec());
    let alone = merge(&[file("a.json", decisions)]);
    let twice = merge(&[file("a.json", decisions), file("b.json", decisions)]);
    assert_eq!(
        (&twice.export, twice.count),
        (&alone.export, alone.count),
        "a file merged with itself gives otherwise than alone"
    );
    let back = read_decisions(&alone.export, "merged.json", None).expect("a merge's export reads");
    assert_eq!(
        merge(&[file("merged.json", &back)]).export,
        alone.export,
        "a merge's export merges to something else"
    );
    let with_fixed = merge(&[
        file("fixed.json", fixed::decisions()),
        file("a.json", decisions),
    ]);
    assert!(
        with_fixed.count <= alone.count + fixed::decisions().len()
            && with_fixed.count >= alone.count,
        "a merge with the fixed export has {} decisions, from {} and {}",
        with_fixed.count,
        alone.count,
        fixed::decisions().len()
    );
}
