//! Any text made into a signed list file that verifies with the fixed test key (`fixed::FEED_SEED`):
//! the text is the payload, signed as `vipguard sign` signs. Without this every fuzzed change to a
//! payload would break its signature, and the payload, list and decisions readers behind
//! `open_feed`'s check would never be reached.
//!
//! The envelope's layout (field order, pretty-printed, a line end) is copied from
//! crates/vipguard/src/formats/feed.rs; `tests/replay.rs` checks that sealing a signed file's payload
//! gives back that file byte for byte, so a change on the engine's side fails the test here.

use crate::fixed::FEED_SEED;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use ed25519_dalek::{Signer, SigningKey};
use std::sync::OnceLock;
use vipguard::{FeedKey, FeedSigner};

/// The fixed test key's public half: what every fuzzed file is verified with.
pub fn key() -> FeedKey {
    signer().public()
}

/// The fixed test key, as the engine holds it (`vipguard sign --key`).
pub fn signer() -> &'static FeedSigner {
    static SIGNER: OnceLock<FeedSigner> = OnceLock::new();
    SIGNER.get_or_init(|| FeedSigner::from_seed(&FEED_SEED))
}

/// `payload` signed with the fixed key, in the envelope `FeedSigner::sign` writes.
pub fn seal(payload: &str) -> String {
    let signature = SigningKey::from_bytes(&FEED_SEED).sign(payload.as_bytes());
    let string = |s: &str| serde_json::to_string(s).expect("strings serialise");
    format!(
        "{{\n  \"vipguard_signed\": 1,\n  \"key_id\": {},\n  \"payload\": {},\n  \"signature\": {}\n}}\n",
        string(&key().id()),
        string(payload),
        string(&BASE64.encode(signature.to_bytes())),
    )
}

/// The payload of a signed file's text, as it was signed (for the replay test and the seeds).
pub fn payload(signed: &str) -> String {
    let envelope: serde_json::Value = serde_json::from_str(signed).expect("a signed file is JSON");
    envelope["payload"]
        .as_str()
        .expect("a signed file has a payload")
        .to_string()
}
