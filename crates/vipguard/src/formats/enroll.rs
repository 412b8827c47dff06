//! A protected list's avatar pictures as hashes, so the list can travel without its pictures (the
//! browser extension imports hashed lists). Reading picture files is the CLI's half
//! (`vipguard-cli/src/enroll.rs`); this is the pure half, pixels in.

use crate::avatar::matcher::{enrolled_by_older_version, reference_hashes};
use crate::avatar::{pdq_of, Rgb};
use crate::formats::protected::{AvatarHash, AvatarRef, ProtectedList};

/// The list entry for one picture: plain PDQ and the reference hashes robust matching uses.
pub fn enroll_rgb(rgb: &Rgb) -> AvatarHash {
    let plain = pdq_of(rgb);
    let refs = reference_hashes(rgb).iter().map(|r| r.encode()).collect();
    AvatarHash {
        pdq: plain.hash.to_hex(),
        refs,
    }
}

/// Whether any avatar is still a path.
pub fn needs_enrolling(list: &ProtectedList) -> bool {
    list.accounts
        .iter()
        .any(|a| a.avatars.iter().any(|v| matches!(v, AvatarRef::Path(_))))
}

/// How many accounts have an avatar enrolled by an older `vipguard enroll`, whose references lack
/// some a later one writes (a logo's untrimmed square whole, since 2026-12-05: tinted and vignetted
/// copies; turns of ±5°, since 2026-12-04). The list still works; those copies are missed until it
/// is enrolled again from its pictures. Plain `pdq` hashes without references are not counted.
pub fn accounts_to_enrol_again(list: &ProtectedList) -> usize {
    list.accounts
        .iter()
        .filter(|a| {
            a.avatars.iter().any(|v| match v {
                AvatarRef::Hash(h) => enrolled_by_older_version(&h.refs),
                AvatarRef::Path(_) => false,
            })
        })
        .count()
}
