//! Replace avatar image paths in a protected list with hashes, so the list can travel without its
//! pictures (the browser extension imports hashed lists).

use crate::avatar::matcher::reference_hashes;
use crate::avatar::{pdq_of, Rgb};
use crate::protected::{AvatarHash, AvatarRef, ProtectedList};
#[cfg(not(target_arch = "wasm32"))]
use {crate::error::InputError, rayon::prelude::*, std::path::Path};

/// Hash every avatar given as a path (relative to `base`); hashes already there are kept.
#[cfg(not(target_arch = "wasm32"))]
pub fn enroll(
    list: &ProtectedList,
    base: &Path,
    source: &str,
) -> Result<ProtectedList, InputError> {
    let mut out = list.clone();
    out.accounts
        .par_iter_mut()
        .enumerate()
        .try_for_each(|(i, account)| {
            for (j, avatar) in account.avatars.iter_mut().enumerate() {
                if let AvatarRef::Path(p) = avatar {
                    let field = format!("accounts[{i}].avatars[{j}]");
                    let hashed = hash_file(&base.join(&*p)).map_err(|e| {
                        InputError::new(source, None, Some(&field), format!("{p}: {e}"))
                    })?;
                    *avatar = AvatarRef::Hash(hashed);
                }
            }
            Ok(())
        })?;
    Ok(out)
}

/// The plain PDQ and the reference hashes of one picture file.
#[cfg(not(target_arch = "wasm32"))]
pub fn hash_file(path: &Path) -> Result<AvatarHash, String> {
    enroll_rgb(&crate::avatar::decode(&crate::files::read_picture(path)?)?)
}

/// The list entry for one picture: plain PDQ and the reference hashes robust matching uses.
pub fn enroll_rgb(rgb: &Rgb) -> Result<AvatarHash, String> {
    let plain = pdq_of(rgb);
    let refs = reference_hashes(rgb).iter().map(|r| r.encode()).collect();
    Ok(AvatarHash {
        pdq: plain.hash.to_hex(),
        refs,
    })
}

/// Whether any avatar is still a path.
pub fn needs_enrolling(list: &ProtectedList) -> bool {
    list.accounts
        .iter()
        .any(|a| a.avatars.iter().any(|v| matches!(v, AvatarRef::Path(_))))
}
