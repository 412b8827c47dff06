//! A protected list's avatar pictures as hashes, so the list can travel without its pictures (the
//! browser extension imports hashed lists). Reading picture files is the CLI's half
//! (`vipguard-cli/src/enroll.rs`); this is the pure half, pixels in.

use crate::avatar::matcher::reference_hashes;
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
