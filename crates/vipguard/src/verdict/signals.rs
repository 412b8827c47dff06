//! The best name, handle and avatar match between a profile and one protected account: the raw
//! signals, before the discount rules (`rules.rs`) and the verdict table (`decide.rs`).

use super::prepare::{target_platform, Prepared, TargetKind};
use super::ProfileView;
use crate::avatar::matcher::AvatarMatch;
use crate::formats::Account;
use crate::text::bio::{self, Cue, LinkMatch};
use crate::text::handle::{self, HandleHow, HandleKeys, HandleMatch, TargetKeys};
use crate::text::name::{self, NameHow, NameMatch};

/// A name or handle match with the index of the protected name or target it matched.
pub(super) type Found<M> = Option<(M, usize)>;

/// The closest of the account's names and aliases; failing a close one, a display name that spells a
/// protected handle.
pub(super) fn best_name(profile: &name::ProfileName, p: &Prepared) -> Found<NameMatch> {
    let name = p
        .names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| name::compare_all(&profile, n).map(|m| (m, i)))
        .max_by(|x, y| {
            (x.0.strength, x.0.similarity)
                .partial_cmp(&(y.0.strength, y.0.similarity))
                .unwrap()
        });
    // A display name that spells a protected handle ("Zenith Harbour" for @ZenithHarbour, whose name
    // is "Zenith Harbour Bank") reads as the account to anyone who knows it by its handle: a close
    // name, when the names themselves are no closer. Short handles (mtn, obi) spell too much.
    match name {
        Some((ref m, _)) if m.strength >= 2 => name,
        _ => p
            .targets
            .iter()
            .find(|t| {
                t.kind != TargetKind::Name
                    && t.keys.fold_len >= 6
                    && profile.keys().spells(&t.keys.fold())
            })
            .map(|t| {
                let how = NameHow::SpellsHandle {
                    handle: t.keys.display().to_string(),
                };
                let m = NameMatch {
                    how,
                    strength: 2,
                    similarity: 1.0,
                    loose: false,
                };
                (m, 0)
            })
            .or(name),
    }
}

/// The strongest handle match among the account's handles, official handles and names written as
/// handles. A name written as a handle is weaker than the protected handle itself: `peter_obi` is what
/// many a Peter Obi would choose.
pub(super) fn best_handle(v: &ProfileView, p: &Prepared, a: &Account) -> Found<HandleMatch> {
    handle_matches(v, p)
        // Of equally strong matches, the protected handle on the profile's own platform.
        .max_by_key(|(m, i)| {
            let same_platform = target_platform(a, *i) == Some(v.profile.platform.as_str());
            (m.strength, same_platform, std::cmp::Reverse(*i))
        })
}

/// The profile's handle against each of the account's targets that it matches, with the target's index.
fn handle_matches<'a>(
    v: &'a ProfileView,
    p: &'a Prepared,
) -> impl Iterator<Item = (HandleMatch, usize)> + 'a {
    p.targets.iter().enumerate().filter_map(|(i, t)| {
        // Typos inside a longer handle only for brand-like keys (prepare::Target::names_in_key).
        let segments: &[String] = if t.names_in_key { &[] } else { &v.segments };
        handle::compare(&v.handle, &v.cores, segments, &t.keys)
            .or_else(|| trick(v, t))
            .or_else(|| short_far_typo(v, t))
            .map(|mut m| {
                if t.kind == TargetKind::Name {
                    m.strength = m.strength.min(2);
                }
                (m, i)
            })
    })
}

/// Two edits from a brand's key of 7–9 letters (`handle::short_far_typo`): a brand's only, as people's
/// handles of that length are what namesakes and ordinary people write (the index holds only brands'
/// keys for it, `candidates::Index::short_far`).
fn short_far_typo(v: &ProfileView, t: &super::prepare::Target) -> Option<HandleMatch> {
    if !t.brand || t.names_in_key {
        return None;
    }
    handle::short_far_typo(&v.handle, &t.keys)
}

/// A one-trick edit of the target (`skeleton::trick`), with the reach of a far typo: not for keys
/// written with two words of the account's names, which namesakes' handles resemble.
fn trick(v: &ProfileView, t: &super::prepare::Target) -> Option<HandleMatch> {
    if t.names_in_key {
        return None;
    }
    let target = t.keys.fold();
    // The whole handle, else a core with its affixes taken off (`paysctak_ng`), as a one-edit typo is
    // also read with affixes; not a core that only reorders the handle's words.
    let whole = crate::text::skeleton::trick(&v.handle.fold(), &target).map(|t| (t, Vec::new()));
    whole
        .or_else(|| {
            v.cores
                .iter()
                .filter(|c| !c.il_swap && !c.affixes.iter().any(|a| a == "(word order)"))
                .find_map(|c| {
                    crate::text::skeleton::trick(&c.key, &target).map(|t| (t, c.affixes.clone()))
                })
        })
        .map(|(trick, affixes)| HandleMatch {
            how: handle::HandleHow::Trick(trick, affixes),
            strength: 2,
            target_len: t.keys.fold_len as usize,
        })
}

/// The handle match a reviewer should read, for the best match `best`: when that is another
/// platform's handle and the account has a handle on the profile's own platform that the profile's
/// handle resembles nearly as much (one strength less at most), that one. A reviewer on X compares with
/// the X handle: @Adaeze_0konkwo is @AdaezeOkonkwo with an underscore and a zero, though it also has
/// as many separators as the Instagram handle @adaeze.okonkwo (which made that match stronger). The
/// very handle copied from another platform stays that copy. The verdict keeps the strongest match.
pub(super) fn shown_handle(
    v: &ProfileView,
    p: &Prepared,
    a: &Account,
    best: &(HandleMatch, usize),
) -> Option<(HandleMatch, usize)> {
    let (m, i) = best;
    let here = v.profile.platform.as_str();
    let elsewhere = target_platform(a, *i).is_some_and(|t| t != here);
    let copied = matches!(m.how, HandleHow::SameKey { il_swap: false })
        && v.handle
            .display()
            .eq_ignore_ascii_case(&p.targets[*i].keys.display());
    if !elsewhere || copied {
        return None;
    }
    handle_matches(v, p)
        .filter(|(n, j)| target_platform(a, *j) == Some(here) && n.strength + 1 >= m.strength)
        .max_by_key(|(n, j)| (n.strength, std::cmp::Reverse(*j)))
}

/// Whether the profile's avatar copies one of the account's pictures.
pub(super) fn avatar(v: &ProfileView, account: u32) -> Option<AvatarMatch> {
    v.avatar_matches
        .iter()
        .find(|(a, _)| *a == account)
        .map(|(_, m)| *m)
}

/// Whether `words` (a bio's, as read) name the account: every word of its name or of an alias, or one
/// of its handles.
fn names_account(words: &[String], p: &Prepared, a: &Account) -> bool {
    let has = |t: &str| words.iter().any(|w| w == t);
    p.names
        .iter()
        .any(|n| n.fold_words().next().is_some() && n.fold_words().all(has))
        || a.handles.iter().chain(&a.official).any(|h| {
            let h = h.handle.to_lowercase();
            words.iter().any(|w| *w == h)
        })
}

/// Whether `words` hold one word of the account's names or aliases (three letters or more), or one of
/// its handles: a named owner ("Official page of Tiwa's Kitchen") that may be the person's own.
fn names_any_word(words: &[String], p: &Prepared, a: &Account) -> bool {
    p.names
        .iter()
        .flat_map(|n| n.fold_words())
        .any(|t| t.chars().count() >= 3 && words.iter().any(|w| w.starts_with(t)))
        || names_account(words, p, a)
}

/// Whether a backup account's main, `@mention`, is this account: one of its handles, or a handle
/// resembling its handles or names (`@tiwasavage_main`).
fn mentions_account(mention: &str, p: &Prepared, a: &Account) -> bool {
    let keys = HandleKeys::new("x", mention);
    let (cores, segments) = (keys.cores(), keys.segments());
    a.handles
        .iter()
        .chain(&a.official)
        .any(|h| h.handle.eq_ignore_ascii_case(mention))
        || p.targets
            .iter()
            .any(|t| handle::compare(&keys, &cores, &segments, &t.keys).is_some())
}

/// The bio's claims and scam cues that speak for this account, and a link imitating its sites or
/// handles.
pub(super) fn bio(v: &ProfileView, p: &Prepared, a: &Account) -> (Vec<Cue>, Option<LinkMatch>) {
    let b = v.bio();
    let cues = b
        .cues
        .iter()
        .filter(|c| match &c.mention {
            // "Backup account of @mymain" stands in for @mymain, which must be this account.
            Some(m) if c.what == "new_account" => mentions_account(m, p, a),
            _ => true,
        })
        // A backup page's claims speak of its main account, which must be this account.
        .filter(|c| c.main.as_ref().is_none_or(|m| mentions_account(m, p, a)))
        // "Official page of St. Mary's youth", "… of Chez Tantie Awa": another's page, unless the words
        // name this account too.
        .filter(|c| {
            c.group.is_empty()
                || if c.named_owner {
                    names_any_word(&c.group, p, a)
                } else {
                    names_account(&c.group, p, a)
                }
        })
        .cloned()
        .collect::<Vec<Cue>>();
    let folds: Vec<_> = p.names.iter().map(|n| n.fold()).collect();
    let names: Vec<&[&str]> = folds.iter().map(|f| &f[..]).collect();
    let named = bio::name_cues(&b.text, &names, &cues);
    // The learned reader speaks only where the phrase rules found nothing at all: a claim they read
    // as another's page ("Official page of Chez Tantie Awa") stays another's.
    let learned = if b.cues.is_empty() && named.is_empty() {
        b.learned.clone()
    } else {
        None
    };
    let cues: Vec<Cue> = cues.into_iter().chain(named).chain(learned).collect();
    let targets: Vec<&TargetKeys> = p
        .targets
        .iter()
        .filter(|t| t.kind != TargetKind::Name)
        .map(|t| &t.keys)
        .collect();
    let link = bio::imitating_link(&b.hosts, &a.links, &targets).map(|mut l| {
        l.in_field = b
            .hosts
            .iter()
            .position(|h| *h == l.host)
            .is_some_and(|i| i < b.field_hosts);
        l
    });
    (cues, link)
}
