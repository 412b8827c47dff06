//! The discount rules: when a handle's resemblance counts for less than its strength says, because
//! the profile's own name explains it. Ordinary people share names with famous ones, and their handles
//! are made from their names; each rule below tells such a namesake from an impersonator in one way.
//!
//! Each rule is one function with the fixture file that shows it (`tests/fixtures/evasions/`).
//! `discount_handle` runs them in order; `deceptive` is the evidence of intent that no namesake has.

use super::prepare::{Prepared, TargetKind};
use super::signals::Found;
use super::ProfileView;
use crate::text::edit::osa_within;
use crate::text::handle::{self, typo_limit, HandleHow, HandleKeys, HandleMatch};
use crate::text::name::{is_desk_word, NameHow, NameKeys, NameMatch};

/// What the rules below made of the handle: its strength, and why it counts for less.
pub(super) struct Discounted {
    pub(super) strength: u8,
    /// Explained away by the profile's own name: not counted.
    pub(super) explained: bool,
    /// Only the display name written again: counted once with it (the strength cut to 1 from more).
    pub(super) counted_once: bool,
}

/// The handle strength once the rules below have run, and whether the handle was explained away.
pub(super) fn discount_handle(
    v: &ProfileView,
    p: &Prepared,
    name: &Found<NameMatch>,
    handle: &Found<HandleMatch>,
) -> Discounted {
    let n = name.as_ref().map_or(0, |(m, _)| m.strength);
    let mut h = handle.as_ref().map_or(0, |(m, _)| m.strength);
    let own_name = own_name(v, h);
    let spelled = name_spells_handle(name);
    if spelled && own_name {
        h = 0;
    }
    let handle_explained = (own_name && n <= 1 && far_typo(handle))
        || own_name
            && !spelled
            && n <= 1
            && !holds_protected_name(name)
            && !spells_protected_handle(v, p, handle)
            && !copies_protected_handle(v, p, handle)
            && !brand_desk(v, p, handle)
            && !near_copy_of_a_name(&v.name, &p.names);
    let mut counted_once = false;
    if handle_explained {
        h = 0;
    } else if name_again(v, p, name, handle, own_name, n)
        || (own_name && matches!(name.as_ref().map(|(m, _)| &m.how), Some(NameHow::Similar)))
        || one_word_twice(v, name, h)
    {
        counted_once = h > 1;
        h = h.min(1);
    }
    Discounted {
        strength: h,
        explained: handle_explained,
        counted_once,
    }
}

/// **Own name.** A handle that is just the profile's own, different name is no evidence:
/// `fatousall93` for "Fatou Sall" says nothing about Macky Sall. Exact handles (strength 3) are never
/// explained this way. Fixtures: `hard_negatives.jsonl`.
fn own_name(v: &ProfileView, h: u8) -> bool {
    h > 0 && h < 3 && v.handle_is_own_name()
}

/// **Far typo.** A handle two edits or more from a protected one, or with a typo of it inside, that is
/// the profile's own, different name (@chinyere_eze for "Chinyere Eze" against @chinyerezy) is explained by it,
/// even when that name is itself near the protected one: at that distance namesakes' handles match too.
/// Fixtures: `handle_long_typos.jsonl`.
fn far_typo(handle: &Found<HandleMatch>) -> bool {
    matches!(
        handle.as_ref().map(|(m, _)| &m.how),
        Some(
            HandleHow::Typo { distance: 2.. }
                | HandleHow::EmbeddedTypo { .. }
                | HandleHow::Trick(..)
        )
    )
}

/// **Name spells the handle, and the handle is the own name.** A handle made of the profile's own
/// name, when that name spells the protected handle, is the same evidence twice ("Fatou Diop" as
/// @fatoudiop_sn against @FatouDiop): counted once, as the name. Fixtures: `name_spells_handle.jsonl`.
fn name_spells_handle(name: &Found<NameMatch>) -> bool {
    matches!(
        name.as_ref().map(|(m, _)| &m.how),
        Some(NameHow::SpellsHandle { .. })
    )
}

/// **Holds the protected name.** 'Sen. Macky Sall' with @MackySall_HQ is no namesake: the own name
/// holds the protected one. Fixtures: `name_handle_same_name.jsonl`.
fn holds_protected_name(name: &Found<NameMatch>) -> bool {
    matches!(
        name.as_ref().map(|(m, _)| &m.how),
        Some(NameHow::Contains { .. })
    )
}

/// **Spells the protected handle.** When the own name spells the protected handle itself, word by
/// word, it is the brand's short name, not a namesake's: "Zenith Harbour Help Desk" as
/// @ZenithHarbourHelpDesk against @ZenithHarbour ("Zenith Harbour Bank"). Fixtures:
/// `name_spells_handle.jsonl`.
fn spells_protected_handle(v: &ProfileView, p: &Prepared, handle: &Found<HandleMatch>) -> bool {
    handle.as_ref().is_some_and(|(_, i)| {
        let t = &p.targets[*i];
        t.kind != TargetKind::Name && words_spell(&v.name.fold(), &t.keys.fold())
    })
}

/// **Copies the protected handle.** When the own name holds the protected handle as a word and the
/// handle is that handle with only a separator, digits or words the own name lacks added, the handle
/// copies it: "Sarkodie Obidi" as @sarkodie_gh copies @sarkodie, and a namesake's own name would not
/// explain the `gh`. Saying "it's me" (@itsolamide) is how namesakes write their handles too.
/// Fixtures: `handle_copied_with_own_name.jsonl`.
fn copies_protected_handle(v: &ProfileView, p: &Prepared, handle: &Found<HandleMatch>) -> bool {
    handle.as_ref().is_some_and(|(m, i)| {
        let t = &p.targets[*i];
        t.kind != TargetKind::Name
            && v.name.fold_words().any(|w| *w == *t.keys.fold())
            && match &m.how {
                HandleHow::SameKey { il_swap: false } => true,
                HandleHow::Affix {
                    affixes,
                    il_swap: false,
                } => affixes.iter().all(|a| {
                    !v.name.fold_words().any(|w| w.contains(a.as_str()))
                        && !handle::is_self_reference(a)
                }),
                _ => false,
            }
    })
}

/// **A brand's desk.** A brand's one-word handle as the own name's first word, with a word of its
/// customer service or office among the others ("GTBank Office Lekki" as @gtbank_office_lekki,
/// "GTBank Help Lekki"): the branch or help desk a brand's impersonators pose as, no one's own name.
/// Not a brand's word inside a person's name (Raheem Sterling, Sterling Okafor).
/// Fixtures: `name_affiliation_words.jsonl`.
fn brand_desk(v: &ProfileView, p: &Prepared, handle: &Found<HandleMatch>) -> bool {
    handle.as_ref().is_some_and(|(_, i)| {
        let t = &p.targets[*i];
        let mut words = v.name.fold_words();
        t.brand
            && t.kind != TargetKind::Name
            && words.next() == Some(&*t.keys.fold())
            && words.any(is_desk_word)
    })
}

/// **Near copy of a name.** A profile name that, run together, is within a typo of a protected name or
/// alias ("Macky Sal" for Macky Sall) is itself a near-copy, so it cannot explain a look-alike handle
/// away, though its short tokens are too common to count as a name match. Fixtures:
/// `single_signal.jsonl`.
fn near_copy_of_a_name(profile: &NameKeys, protected: &[NameKeys]) -> bool {
    let own = profile.fold_compact();
    protected.iter().any(|t| {
        let theirs = t.fold_compact();
        let limit = typo_limit(theirs.chars().count());
        limit > 0 && osa_within(&own, &theirs, limit).is_some()
    })
}

/// **The name again.** A handle made of the profile's own name that matches only the protected name
/// written as a handle, under that same name, is the name again: a namesake's @mohamed.salah.eng.
/// Shown, but counted once. Not when the name or handle adds a claim (Wizkid HQ, @fallyipupa_new), and
/// not for a full name of three words or more, which namesakes rarely share whole. A protected handle
/// that is one word of the protected name (@olamide for Olamide Adedeji) is found inside a namesake's
/// whole name too (@olamide_adedeji): when the handle adds the name's other word, it is the name
/// again, though the lookup met the handle first. Fixtures: `name_handle_same_name.jsonl`.
fn name_again(
    v: &ProfileView,
    p: &Prepared,
    name: &Found<NameMatch>,
    handle: &Found<HandleMatch>,
    own_name: bool,
    n: u8,
) -> bool {
    own_name
        && n >= 2
        && !v.name.has_filler()
        && name
            .as_ref()
            .is_some_and(|(_, i)| p.names[*i].fold_words().nth(2).is_none())
        && handle.as_ref().is_some_and(|(m, i)| {
            let t = &p.targets[*i];
            match &m.how {
                HandleHow::Affix {
                    affixes,
                    il_swap: false,
                } if t.kind != TargetKind::Name => {
                    !affixes.iter().any(|a| handle::is_claim_affix(a))
                        && writes_the_whole_name(v, p, name, t)
                }
                HandleHow::Embedded { .. } => {
                    t.kind == TargetKind::Name || writes_the_whole_name(v, p, name, t)
                }
                HandleHow::Affix { affixes, .. } => {
                    t.kind == TargetKind::Name && !affixes.iter().any(|a| handle::is_claim_affix(a))
                }
                _ => t.kind == TargetKind::Name,
            }
        })
}

/// The protected handle is one word of the matched protected name (@olamide, Olamide Adedeji), and
/// the handle is that word with another word of the profile's own name, plus at most digits or a place
/// (@olamide_adedeji_ng): the handle writes the whole name. Letters as written: a digit for a letter
/// (@0lamide_adedeji) is a trick, not a namesake's handle. Not for a brand, whose name with the
/// handle in it ("Sterling Bank" @sterling_bank for @sterling) is no one's own name.
fn writes_the_whole_name(
    v: &ProfileView,
    p: &Prepared,
    name: &Found<NameMatch>,
    t: &super::prepare::Target,
) -> bool {
    let key = t.keys.fold();
    if t.kind == TargetKind::Name
        || t.brand
        || !name
            .as_ref()
            .is_some_and(|(_, i)| p.names[*i].fold_words().any(|w| *w == *key))
    {
        return false;
    }
    let written: String = v
        .handle
        .display()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if !written.contains(key) {
        return false;
    }
    let mut rest = written.replacen(key, " ", 1);
    let mut other_word = false;
    for w in v.name.fold_words().filter(|w| **w != *key && w.len() >= 3) {
        if rest.contains(w) {
            rest = rest.replacen(w, " ", 1);
            other_word = true;
        }
    }
    let rest: String = rest.split_whitespace().collect();
    let rest = rest.trim_matches(|c: char| c.is_ascii_digit());
    other_word && (rest.is_empty() || handle::is_place(rest))
}

/// **One word, twice.** A one-word display name that the handle only writes again, near a protected
/// name without being it ("Definity" as @definity against DFINITY, @dfinity), is one resemblance seen
/// twice: a word that happens to be near a brand's. Counted once. When the word is the protected name
/// itself, or is written with lookalikes, it is a copy and both count. Fixtures:
/// `near_brand_words.jsonl`.
fn one_word_twice(v: &ProfileView, name: &Found<NameMatch>, h: u8) -> bool {
    h > 0
        && h < 3
        && matches!(name.as_ref().map(|(m, _)| &m.how), Some(NameHow::Similar))
        && matches!(&v.name.fold()[..], [word] if **word == *v.handle.fold())
}

/// Whether the handle only reads as the protected one through a capital I for l.
pub(super) fn il_swap(handle: &Found<HandleMatch>) -> bool {
    matches!(
        handle.as_ref().map(|(m, _)| &m.how),
        Some(HandleHow::SameKey { il_swap: true } | HandleHow::Affix { il_swap: true, .. })
    )
}

/// **Deceptive.** A close name that only matches through lookalike, invisible or stacked characters,
/// a word mixing scripts or styled and plain letters, or digits and l-for-I read as letters; or a
/// handle that only matches through an I/l swap. Ordinary names do not use them: this is evidence of
/// intent. Fixtures: `name_confusables.jsonl`, `name_mixed_styles.jsonl`, `handle_il_swap.jsonl` and
/// the other `name_*` files.
pub(super) fn deceptive(
    v: &ProfileView,
    name: &Found<NameMatch>,
    n: u8,
    h: u8,
    il_swap: bool,
) -> bool {
    let loose_trick = name
        .as_ref()
        .is_some_and(|(m, _)| m.loose && !v.name.tricks().is_empty());
    (n >= 2
        && (v.name.has_deceptive_change()
            || v.name.mixed_script_word()
            || v.name.mixed_style_word()
            || loose_trick))
        || (h >= 2 && il_swap)
}

/// **Fake badge.** A close name carrying a check mark (✅, ✔) imitates the platform's verified badge:
/// a claim to be the account that no namesake makes, and evidence of intent like a lookalike letter.
/// Only beside a close name: a check mark alone says nothing about whom it claims to be. Fixtures:
/// `name_styled_decorated.jsonl`.
pub(super) fn fake_badge(v: &ProfileView, n: u8) -> bool {
    n >= 2 && v.name.check_mark().is_some()
}

/// Whether two or more consecutive words, written together, are `key` (a handle's letters).
fn words_spell(words: &[&str], key: &str) -> bool {
    (0..words.len()).any(|i| {
        let mut rest = key;
        for (k, w) in words[i..].iter().enumerate() {
            match rest.strip_prefix(w) {
                Some("") => return k >= 1,
                Some(r) if !w.is_empty() => rest = r,
                _ => return false,
            }
        }
        false
    })
}

/// Whether the handle is just the profile's own name (`fatousall93` for "Fatou Sall").
pub(super) fn explained_by_own_name(h: &HandleKeys, n: &NameKeys) -> bool {
    let letters = crate::text::kept(h.fold(), |c| !c.is_ascii_digit());
    // Also with its 1s read as i, as the handle may have been matched that way (@olumorot1mi450
    // for "Olumorotimi Balogun").
    own_name_in(&letters, n) || h.one_as_i_letters().is_some_and(|l| own_name_in(&l, n))
}

/// `explained_by_own_name` on one reading of the handle, its letters without digits.
fn own_name_in(letters: &str, n: &NameKeys) -> bool {
    let toks = n.fold();
    if letters.len() < 3 || toks.len() < 2 {
        return false;
    }
    // Forms of the name a handle is made from, matched where they are found (no strings are built: this
    // runs for every profile whose handle resembles a protected one).
    let found = |parts: &[&str]| concat_found(letters, parts);
    let form_found = found(&toks)
        || toks.iter().any(|t| t.len() >= 4 && found(&[t]))
        || (0..toks.len()).any(|i| {
            let initial = toks[i]
                .chars()
                .next()
                .map_or("", |c| &toks[i][..c.len_utf8()]);
            (0..toks.len()).any(|j| {
                i != j
                    && (found(&[toks[i], toks[j]])
                        || found(&[initial, toks[j]])
                        || found(&[toks[j], initial]))
            })
        });
    // A first name with the start of the surname (david_o, peterobi for "Peter Obiageli").
    let prefixed = toks.iter().enumerate().any(|(i, a)| {
        toks.iter().enumerate().any(|(j, b)| {
            i != j
                && letters
                    .strip_prefix(*a)
                    .is_some_and(|rest| !rest.is_empty() && b.starts_with(rest))
        })
    });
    prefixed || form_found
}

/// Whether `parts`, written together, are all of `letters` or a piece of it at least 70% as long.
fn concat_found(letters: &str, parts: &[&str]) -> bool {
    let total: usize = parts.iter().map(|p| p.len()).sum();
    let bytes = letters.as_bytes();
    total * 10 >= bytes.len() * 7
        && total <= bytes.len()
        && (0..=bytes.len() - total).any(|start| {
            let mut at = start;
            parts.iter().all(|p| {
                let here = bytes[at..].starts_with(p.as_bytes());
                at += p.len();
                here
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{Profile, ProtectedList};
    use crate::verdict::{signals, Checker};

    /// The handle strength after the rules, and whether it was explained away, for a profile on X
    /// against one protected account.
    fn discount(protected: (&str, &str), handle: &str, name: &str) -> Option<(u8, bool)> {
        let (pname, phandle) = protected;
        let json = format!(
            r#"{{"accounts": [{{"id": "a", "name": "{pname}", "handles": [{{"platform": "x", "handle": "{phandle}"}}]}}]}}"#
        );
        let checker =
            Checker::new(ProtectedList::from_json(&json, "l").unwrap()).expect("a valid list");
        let profile = Profile {
            id: "p".into(),
            platform: "x".into(),
            handle: handle.into(),
            name: name.into(),
            ..Default::default()
        };
        let v = checker.view(&profile);
        let p = checker.prepared(0);
        let found_name = signals::best_name(&crate::text::name::ProfileName::new(&v.name), p);
        let found_handle = signals::best_handle(&v, p, &checker.list().accounts[0]);
        found_handle.as_ref()?;
        let d = discount_handle(&v, p, &found_name, &found_handle);
        Some((d.strength, d.explained))
    }

    /// Each rule, with a row where it applies and one where it does not: (rule, protected name and
    /// handle, profile handle and name, handle strength after the rules, explained away).
    #[rustfmt::skip]
    const RULES: &[(&str, (&str, &str), &str, &str, u8, bool)] = &[
        ("own name", ("Olamide", "olamide"), "olamide_adeyemi", "Olamide Adeyemi", 0, true),
        ("own name: not an exact handle", ("Macky Sall", "MackySall"), "MackySall", "Fatou Sall", 3, false),
        ("holds the protected name", ("Macky Sall", "PR_MackySall"), "pr_mackysall_diop", "Macky Sall Diop", 2, false),
        ("spells the protected handle", ("Zenith Harbour Bank", "ZenithHarbour"), "ZenithHarbourVentures", "Zenith Harbour Ventures", 2, false),
        ("copies the protected handle", ("Sarkodie", "sarkodie"), "sarkodie_gh", "Sarkodie Obidi", 2, false),
        ("copies: 'it's me' is a namesake's", ("Olamide", "olamide"), "itsolamide", "Olamide Bello", 0, true),
        ("near copy of a name", ("Macky Sall", "Macky_Sall"), "Macky_Sal", "Macky Sal", 2, false),
        ("a brand's desk", ("Zenith Bank", "zenithbank"), "zenithbank_office_lekki", "ZenithBank Office Lekki", 2, false),
        ("a brand's desk: not a person's name", ("Sterling Bank", "sterling"), "sterling_okafor", "Sterling Okafor", 0, true),
        ("name spells the handle, handle is the own name", ("Fatou Diop Foundation", "FatouDiop"), "fatoudiop_sn", "Fatou Diop", 0, false),
        ("the name again", ("Mohamed Salah", "MoSalah"), "mohamed.salah.eng", "Mohamed Salah", 1, false),
        ("the name again: not with a claim", ("Mohamed Salah", "MoSalah"), "mohamed_salah_new", "Mohamed Salah", 2, false),
        ("the name again, met through the handle", ("Olamide Adedeji", "olamide"), "olamide_adedeji", "Olamide Adedeji", 1, false),
        ("the name again: not the handle with a place only", ("Olamide Adedeji", "olamide"), "olamide_gh", "Olamide Adedeji", 2, false),
        ("the name again: not with a claim beside the name", ("Olamide Adedeji", "olamide"), "olamide_adedeji_hq", "Olamide Adedeji", 2, false),
        ("one word twice", ("DFINITY", "dfinity"), "definity", "Definity", 1, false),
        ("one word twice: not the same word", ("DFINITY", "dfinity"), "definity", "Sam Jones", 2, false),
        ("far typo", ("MyEtherWallet", "myetherwallet"), "getherwallet", "Gether Wallet", 0, true),
        ("far typo: not under another name", ("MyEtherWallet", "myetherwallet"), "getherwallet", "Wallet Support", 2, false),
    ];

    #[test]
    fn each_rule_where_it_applies_and_where_it_does_not() {
        let wrong: Vec<String> = RULES
            .iter()
            .filter_map(|&(rule, protected, handle, name, h, explained)| {
                let got = discount(protected, handle, name);
                let want = Some((h, explained));
                (got != want).then(|| format!("{rule}: @{handle} {name:?}: {got:?}, not {want:?}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    fn own(handle: &str, name: &str) -> bool {
        explained_by_own_name(&HandleKeys::new("x", handle), &NameKeys::new(name))
    }

    #[test]
    fn words_spell_a_key_from_two_words_or_more() {
        let words = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        assert!(words_spell(
            &words("zenith harbour help desk"),
            "zenithharbour"
        ));
        assert!(
            !words_spell(&words("zenith harbour"), "zenith"),
            "one word is not spelling"
        );
        assert!(!words_spell(&words("zen ith"), "zenithharbour"));
    }

    #[test]
    fn a_handle_made_of_the_profiles_own_name() {
        for (handle, name) in [
            ("fatousall93", "Fatou Sall"),
            ("sall_fatou", "Fatou Sall"),
            ("fsall", "Fatou Sall"),
            ("sallf", "Fatou Sall"),
            ("the_fatousall", "Fatou Sall"),
            ("david_o", "David Obiageli"),
        ] {
            assert!(own(handle, name), "{handle} for {name}");
        }
        for (handle, name) in [
            ("mackysall", "Fatou Sall"),
            ("fatoudiop", "Fatou Sall"),
            ("xx_official_fatou_xx", "Fatou Sall"),
            ("fa", "Fatou Sall"),
        ] {
            assert!(!own(handle, name), "{handle} for {name}");
        }
    }

    #[test]
    fn concatenations_are_found_whole_or_as_most_of_the_letters() {
        assert!(concat_found("fatousall", &["fatou", "sall"]));
        assert!(concat_found("xfatousall", &["fatou", "sall"]));
        assert!(
            !concat_found("xxxxfatousall", &["fatou", "sall"]),
            "under 70%"
        );
        assert!(!concat_found("sallfatou", &["fatou", "sall"]));
        assert!(
            !concat_found("fat", &["fatou", "sall"]),
            "longer than the letters"
        );
    }
}
