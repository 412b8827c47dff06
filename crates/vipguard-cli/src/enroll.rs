//! A protected list's avatar image paths hashed, in parallel: the file-reading half of enrolling (the
//! engine's `enroll_rgb` is the pure half).

use crate::files::read_picture;
use rayon::prelude::*;
use std::path::Path;
use vipguard::{decode, enroll_rgb, AvatarHash, AvatarRef, InputError, ProtectedList};

/// Hash every avatar given as a path (relative to `base`); hashes already there are kept.
pub(crate) fn enroll(
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
fn hash_file(path: &Path) -> Result<AvatarHash, String> {
    Ok(enroll_rgb(&decode(&read_picture(path)?)?))
}
