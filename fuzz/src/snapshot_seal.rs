//! Any bytes made into a snapshot the engine will read past its header: a valid header and the
//! checksum of the bytes, then the bytes as the body. Without this nearly every fuzzed snapshot would
//! stop at the checksum, and the list and index readers behind it would never be reached.
//!
//! The header is taken from a real snapshot (so the format number and crate version are always the
//! engine's own); the checksum is the engine's (its internals); the layout is copied from
//! crates/vipguard/src/snapshot/mod.rs. `tests/replay.rs` checks that sealing a real snapshot's body gives back
//! that snapshot byte for byte, so a change on the engine's side fails the test here, not the fuzzing.

use std::sync::OnceLock;
use vipguard::internals::snapshot_checksum as checksum;
use vipguard::{save_snapshot, Checker, ProtectedList};

/// The key every fuzzed snapshot is saved and restored under (the extension's list id).
pub const KEY: &str = "fuzz";

/// The header of every snapshot this engine writes: the magic bytes, the format number (u32), the
/// crate version and the list key (each a u32 length, then its bytes), all that comes before the
/// checksum (u64).
pub fn header() -> &'static [u8] {
    static HEADER: OnceLock<Vec<u8>> = OnceLock::new();
    HEADER.get_or_init(|| {
        let empty = ProtectedList {
            accounts: Vec::new(),
        };
        let saved = save_snapshot(&Checker::new(empty).expect("a valid list"), KEY);
        let version_len = u32::from_le_bytes(saved[12..16].try_into().unwrap()) as usize;
        let key_at = 16 + version_len;
        let key_len = u32::from_le_bytes(saved[key_at..key_at + 4].try_into().unwrap()) as usize;
        saved[..key_at + 4 + key_len].to_vec()
    })
}

/// `body` behind the header and its checksum.
pub fn seal(body: &[u8]) -> Vec<u8> {
    let mut out = header().to_vec();
    out.extend_from_slice(&checksum(body).to_le_bytes());
    out.extend_from_slice(body);
    out
}

/// The body of a snapshot: what follows the header and the checksum.
pub fn body(snapshot: &[u8]) -> &[u8] {
    &snapshot[header().len() + 8..]
}
