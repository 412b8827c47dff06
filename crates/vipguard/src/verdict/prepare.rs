//! Each protected account's comparison keys: its names, and the handle-like targets a profile's handle
//! is compared with. Built with the checker, or in a restored checker the first time a check needs them.

use crate::avatar::matcher::RefHash;
use crate::avatar::views::{Variant, View};
use crate::avatar::PdqHash;
use crate::formats::{Account, AvatarRef};
use crate::text::handle::TargetKeys;
use crate::text::name::NameKeys;

pub(super) struct Prepared {
    /// Name first, then aliases.
    pub(super) names: Box<[NameKeys]>,
    /// Handle-like targets: own handles, official handles, then names written as handles.
    pub(super) targets: Box<[Target]>,
}

pub(super) struct Target {
    pub(super) keys: TargetKeys,
    pub(super) kind: TargetKind,
    /// The key is written with two or more words of the account's names (@AlikoDangote, @ajoke_jaiyeola),
    /// as people's handles are. Namesakes write theirs the same way, so such a key is not matched two
    /// edits away or with a typo inside a longer handle (@chinyere_eze, @lucky_elizabeth): that reach
    /// is for brand-like handles (@myetherwallet, @MetaMask), and for every handle of a brand
    /// (@myaccessbank for Access Bank: said by the list or inferred, `brand::is_brand`).
    pub(super) names_in_key: bool,
    /// The account is a brand (`brand::is_brand`), which the index reaches two edits away from 10
    /// letters: worked out once here, as `Checker::new` needs it too (it showed in a build's count).
    pub(super) brand: bool,
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum TargetKind {
    Handle,
    Official,
    Name,
}

/// An account's keys: its names, and the handle-like targets (own handles, official handles, then
/// names written as handles).
pub(super) fn prepare(a: &Account) -> Prepared {
    let brand = super::brand::is_brand(a);
    let names: Vec<NameKeys> = std::iter::once(&a.name)
        .chain(&a.aliases)
        .map(|n| NameKeys::new(n))
        .collect();
    // At its final size: grown by pushes, the vector held room for four targets (800 bytes), which was
    // a quarter of a checker's memory (issue 25).
    let mut targets = Vec::with_capacity(a.handles.len() + a.official.len() + names.len());
    for (list, kind) in [
        (&a.handles, TargetKind::Handle),
        (&a.official, TargetKind::Official),
    ] {
        for h in list {
            let keys = TargetKeys::new(&h.platform, &h.handle);
            targets.push(Target {
                names_in_key: !brand && names_in_key(&keys.fold(), &names),
                keys,
                kind,
                brand,
            });
        }
    }
    for (n, display) in names.iter().zip(std::iter::once(&a.name).chain(&a.aliases)) {
        let fold = n.fold_compact();
        // Short names written as handles (obi, mtn) would match too much.
        if fold.chars().count() >= 6 {
            targets.push(Target {
                keys: TargetKeys::from_name(&fold, &n.glyph_compact(), display),
                kind: TargetKind::Name,
                names_in_key: !brand && n.fold_words().nth(1).is_some(),
                brand,
            });
        }
    }
    Prepared {
        names: names.into_boxed_slice(),
        targets: targets.into_boxed_slice(),
    }
}

/// The platform of target `i` of account `a`: its handles, then its official handles (as `prepare`
/// orders them); None for a name written as a handle.
pub(super) fn target_platform(a: &Account, i: usize) -> Option<&str> {
    a.handles
        .iter()
        .chain(&a.official)
        .nth(i)
        .map(|h| h.platform.as_str())
}

/// Whether two or more distinct words (of two letters or more) of the account's names appear in `key`.
fn names_in_key(key: &str, names: &[NameKeys]) -> bool {
    // The first word found, then true at the first other one: no list of them (a vector grown for
    // every handle of a checker's accounts, issue 25).
    let mut first: Option<&str> = None;
    for w in names.iter().flat_map(|n| n.fold_words()) {
        if w.len() >= 2 && key.contains(w) {
            match first {
                None => first = Some(w),
                Some(f) if f != w => return true,
                Some(_) => {}
            }
        }
    }
    false
}

/// Reference hashes of a protected avatar given as hashes (image paths are enrolled first); a bare
/// `pdq` without `refs` stands for the whole, unedited picture.
pub(super) fn avatar_refs(a: &AvatarRef) -> Vec<RefHash> {
    match a {
        AvatarRef::Path(_) => Vec::new(),
        AvatarRef::Hash(h) if h.refs.is_empty() => PdqHash::from_hex(&h.pdq)
            .map(|hash| {
                vec![RefHash {
                    view: View::Full,
                    variant: Variant::Plain,
                    mirrored: false,
                    hash,
                    quality: 100,
                }]
            })
            .unwrap_or_default(),
        AvatarRef::Hash(h) => h
            .refs
            .iter()
            .filter_map(|r| RefHash::parse(r).ok().flatten())
            .collect(),
    }
}
