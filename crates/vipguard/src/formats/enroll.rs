//! A protected list's avatar pictures as hashes, so the list can travel without its pictures (the
//! browser extension imports hashed lists). Reading picture files is the CLI's half
//! (`vipguard-cli/src/enroll.rs`); this is the pure half, pixels in.

use crate::avatar::matcher::{enrolled_by_older_version, reference_hashes};
use crate::avatar::{pdq_of, Rgb};
use crate::formats::protected::{Account, AvatarHash, AvatarRef, ProtectedList};
use std::collections::{HashMap, HashSet};

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

/// Groups of accounts (ids, in the list's order) enrolled with the very same picture although their
/// names share no word: most likely a site's "no photo" picture taken for a photo, or a spreadsheet's
/// picture column shifted by a row. Either way every account showing that picture would be "a copy" of
/// theirs. One brand's accounts sharing a logo share a word of their names too (MTN, MTN Ghana), so
/// they are not listed. The same picture means the same plain hash, so one pass over the list.
pub fn shared_pictures(list: &ProtectedList) -> Vec<Vec<String>> {
    let mut by_picture: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut order = Vec::new();
    for (i, account) in list.accounts.iter().enumerate() {
        for avatar in &account.avatars {
            let AvatarRef::Hash(h) = avatar else { continue };
            let holders = by_picture.entry(h.pdq.as_str()).or_default();
            if holders.is_empty() {
                order.push(h.pdq.as_str());
            }
            if holders.last() != Some(&i) {
                holders.push(i);
            }
        }
    }
    order
        .into_iter()
        .map(|pdq| &by_picture[pdq])
        .filter(|holders| holders.len() > 1 && unrelated(list, holders))
        .map(|holders| {
            holders
                .iter()
                .map(|&i| list.accounts[i].id.clone())
                .collect()
        })
        .collect()
}

/// Whether some two of these accounts share no word of their names and aliases.
fn unrelated(list: &ProtectedList, holders: &[usize]) -> bool {
    let words: Vec<HashSet<String>> = holders
        .iter()
        .map(|&i| name_words(&list.accounts[i]))
        .collect();
    words
        .iter()
        .enumerate()
        .any(|(i, a)| words[i + 1..].iter().any(|b| a.is_disjoint(b)))
}

/// An account's name and aliases as lowercase words of two or more letters or digits.
fn name_words(account: &Account) -> HashSet<String> {
    std::iter::once(&account.name)
        .chain(&account.aliases)
        .flat_map(|n| n.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (accounts as (id, name, aliases, pictures), the groups `shared_pictures` must name)
    type Row = (
        &'static [(
            &'static str,
            &'static str,
            &'static [&'static str],
            &'static [char],
        )],
        &'static [&'static [&'static str]],
    );

    #[test]
    fn unrelated_accounts_with_the_same_picture_are_named() {
        let rows: &[Row] = &[
            // Two people, one picture: the site's silhouette taken for both.
            (
                &[
                    ("a", "Kwabena Mensah", &[], &['1']),
                    ("b", "Aminata Sowé", &[], &['1']),
                ],
                &[&["a", "b"]],
            ),
            // One brand's accounts share a logo and a word of their names.
            (
                &[("a", "MTN", &[], &['1']), ("b", "MTN Ghana", &[], &['1'])],
                &[],
            ),
            // A word shared through an alias.
            (
                &[
                    ("a", "Burna Boy", &[], &['1']),
                    ("b", "Damini Ogulu", &["Burna"], &['1']),
                ],
                &[],
            ),
            // Different pictures, and one account's picture given twice.
            (
                &[
                    ("a", "Kwabena Mensah", &[], &['1', '1']),
                    ("b", "Aminata Sowé", &[], &['2']),
                ],
                &[],
            ),
            // Three accounts, one unrelated to the others: all three named, once.
            (
                &[
                    ("a", "MTN", &[], &['1']),
                    ("b", "MTN Ghana", &[], &['2', '1']),
                    ("c", "Tundemi", &[], &['1']),
                ],
                &[&["a", "b", "c"]],
            ),
            // Two groups, in the list's order; a one-letter word is no shared word.
            (
                &[
                    ("a", "A Diallo", &[], &['2']),
                    ("b", "A Sow", &[], &['2']),
                    ("c", "Ngozi", &[], &['1']),
                    ("d", "Ada", &[], &['1']),
                ],
                &[&["a", "b"], &["c", "d"]],
            ),
        ];
        for (accounts, want) in rows {
            let list = ProtectedList {
                accounts: accounts
                    .iter()
                    .map(|(id, name, aliases, pictures)| Account {
                        id: id.to_string(),
                        name: name.to_string(),
                        aliases: aliases.iter().map(|a| a.to_string()).collect(),
                        kind: None,
                        handles: vec![],
                        official: vec![],
                        links: vec![],
                        avatars: pictures
                            .iter()
                            .map(|&c| {
                                AvatarRef::Hash(AvatarHash {
                                    pdq: c.to_string().repeat(64),
                                    refs: vec![],
                                })
                            })
                            .collect(),
                    })
                    .collect(),
            };
            let want: Vec<Vec<String>> = want
                .iter()
                .map(|g| g.iter().map(|s| s.to_string()).collect())
                .collect();
            assert_eq!(shared_pictures(&list), want, "{accounts:?}");
        }
    }
}
