//! The text engine: compares a profile with the protected list and explains the verdict.
//!
//! Verdict rules. Name strength `n` and handle strength `h` run from 0 (none) to 3 (same key);
//! `deceptive` means the match only exists through lookalike, invisible or stacked characters:
//! * `impersonation`: name and handle both match (n ≥ 2 and h ≥ 2), or a close name or exact handle
//!   with a second signal (n ≥ 2 and deceptive, h = 3 and n ≥ 1, h = 3 and deceptive), or a protected
//!   handle of 6+ letters with affixes that only reads as it through an I/l swap;
//! * `suspicious`: one strong signal alone (n ≥ 2, h = 3, an affix/typo/embedded handle of 6+ letters)
//!   or two weak ones;
//! * a handle explained by the profile's own, different name (`olamide_adeyemi` for "Olamide Adeyemi")
//!   is no signal; one shared name token is never a signal.
//! Labels turn a flag into `labelled`; the protected account's own and official handles are `own` and
//! `allowed` before anything else.

use crate::avatar::index::AvatarIndex;
use crate::avatar::matcher::{self, AvatarMatch, QueryHashes, RefHash};
use crate::avatar::views::{Undone, View};
use crate::avatar::PdqHash;
use crate::handle::{self, HandleHow, HandleKeys, HandleMatch};
use crate::index::Index;
use crate::labels::{self, Label, Place};
use crate::name::{self, NameHow, NameKeys, NameMatch};
use crate::normalize::{char_name, code_point, Change};
use crate::profile::Profile;
use crate::protected::{Account, AvatarRef, ProtectedList};
use crate::verdict::{CharEvidence, CheckResult, Evidence, Verdict};
use crate::wording::{self, HandleWords, LabelPlace, Lang, Lookalike, NameMatchWords};
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// Longest bio read for labels, in characters.
pub const MAX_BIO_CHARS: usize = 2000;

struct Prepared {
    /// Name first, then aliases.
    names: Vec<NameKeys>,
    /// Handle-like targets: own handles, official handles, then names written as handles.
    targets: Vec<Target>,
}

struct Target {
    keys: HandleKeys,
    kind: TargetKind,
}

#[derive(Clone, Copy, PartialEq)]
enum TargetKind {
    Handle,
    Official,
    Name,
}

pub struct Checker {
    list: ProtectedList,
    /// Filled in `new`; in a restored checker, on first use (`prepared`).
    prepared: Vec<OnceLock<Prepared>>,
    index: Index,
    /// (platform, lowercase handle) → (account, is official).
    exact_accounts: HashMap<(String, String), (u32, bool)>,
    by_id: HashMap<String, u32>,
    avatars: AvatarIndex,
    /// The language of evidence sentences.
    lang: Lang,
}

/// Everything about a profile that does not depend on the account it is compared with.
struct ProfileView<'a> {
    profile: &'a Profile,
    name: NameKeys,
    handle: HandleKeys,
    cores: Vec<handle::Core>,
    /// Protected accounts whose avatar the profile's avatar copies, best first.
    avatar_matches: Vec<(u32, AvatarMatch)>,
    undone: Undone,
    /// Whether the handle is the profile's own name: asked of every candidate, worked out once.
    handle_is_own_name: std::cell::OnceCell<bool>,
}

struct Assessment {
    account: u32,
    name: Option<(NameMatch, usize)>,
    handle: Option<(HandleMatch, usize)>,
    /// The handle's match was dropped because the profile's own name explains it.
    handle_explained: bool,
    avatar: Option<AvatarMatch>,
    deceptive: bool,
    verdict: Verdict,
    score: f64,
}

impl Checker {
    pub fn new(list: ProtectedList) -> Self {
        let mut index = Index::with_capacity(list.accounts.len());
        let mut prepared = Vec::with_capacity(list.accounts.len());
        for (i, a) in list.accounts.iter().enumerate() {
            let p = prepare(a);
            for n in &p.names {
                index.add_name(i as u32, n);
            }
            for t in &p.targets {
                index.add_handle(i as u32, &t.keys);
            }
            prepared.push(OnceLock::from(p));
        }
        index.finish();
        Self::assemble(list, index, prepared)
    }

    /// A checker restored from `snapshot::save`: the index comes ready-made, and each account's keys
    /// are worked out the first time a check compares with it (most accounts are never candidates).
    pub(crate) fn restored(list: ProtectedList, index: Index) -> Self {
        let prepared = std::iter::repeat_with(OnceLock::new)
            .take(list.accounts.len())
            .collect();
        Self::assemble(list, index, prepared)
    }

    /// The parts every checker rebuilds from its list: cheap next to the index.
    fn assemble(list: ProtectedList, index: Index, prepared: Vec<OnceLock<Prepared>>) -> Self {
        // Sized up front: growing a hash map rehashes every key, which showed in building.
        let handles = list
            .accounts
            .iter()
            .map(|a| a.handles.len() + a.official.len())
            .sum();
        let mut exact_accounts = HashMap::with_capacity_and_hasher(handles, Default::default());
        for (i, a) in list.accounts.iter().enumerate() {
            for (list, official) in [(&a.handles, false), (&a.official, true)] {
                for h in list {
                    exact_accounts.insert(
                        (h.platform.clone(), h.handle.to_lowercase()),
                        (i as u32, official),
                    );
                }
            }
        }
        let avatars = AvatarIndex::new(
            list.accounts
                .iter()
                .enumerate()
                .map(|(i, a)| (i as u32, a.avatars.iter().flat_map(avatar_refs).collect())),
        );
        let by_id = list
            .accounts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i as u32))
            .collect();
        Checker {
            list,
            prepared,
            index,
            exact_accounts,
            by_id,
            avatars,
            lang: Lang::En,
        }
    }

    /// The account's keys, worked out on first use in a restored checker.
    fn prepared(&self, account: u32) -> &Prepared {
        self.prepared[account as usize]
            .get_or_init(|| prepare(&self.list.accounts[account as usize]))
    }

    pub(crate) fn index(&self) -> &Index {
        &self.index
    }

    /// Read each candidate's keys, level by level, before comparing any: a candidate's keys sit behind
    /// three pointers (account, then key list, then key bytes), and read in one pass per level the cache
    /// misses of all candidates overlap instead of being waited for one candidate at a time.
    fn warm(&self, candidates: &[u32]) {
        let each = || candidates.iter().map(|&a| self.prepared(a));
        let mut sum = 0usize;
        for p in each() {
            sum = sum.wrapping_add(p.names.len() + p.targets.len());
        }
        for p in each() {
            if let Some(n) = p.names.first() {
                sum = sum.wrapping_add(n.fold.len() + n.loose.len());
            }
            if let Some(t) = p.targets.first() {
                sum = sum.wrapping_add(t.keys.fold.len() + t.keys.display.len());
            }
        }
        for p in each() {
            if let Some(n) = p.names.first() {
                let first = |tokens: &[String]| tokens.first().and_then(|w| w.bytes().next());
                sum = sum.wrapping_add(first(&n.fold).unwrap_or(0) as usize);
                sum = sum.wrapping_add(first(&n.loose).unwrap_or(0) as usize);
            }
            for t in &p.targets {
                sum = sum.wrapping_add(t.keys.fold.bytes().next().unwrap_or(0) as usize);
            }
        }
        std::hint::black_box(sum);
    }

    /// Evidence worded in `lang` (English by default); verdicts and scores do not depend on it.
    pub fn with_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    pub fn list(&self) -> &ProtectedList {
        &self.list
    }

    pub fn account(&self, id: &str) -> Option<&Account> {
        self.by_id.get(id).map(|&i| &self.list.accounts[i as usize])
    }

    pub fn check(&self, profile: &Profile) -> CheckResult {
        self.check_with_avatar(profile, None)
    }

    /// Check a profile together with its avatar's hashes (`avatar::matcher::query_hashes`).
    pub fn check_with_avatar(
        &self,
        profile: &Profile,
        avatar: Option<&QueryHashes>,
    ) -> CheckResult {
        let result = |verdict, score, matched: Option<&Account>, evidence| CheckResult {
            id: profile.id.clone(),
            verdict,
            score,
            matched: matched.map(|a| a.id.clone()),
            evidence,
        };
        // The protected account itself, or one of its official secondary accounts.
        if let Some(&(i, official)) = self
            .exact_accounts
            .get(&(profile.platform.clone(), profile.handle.to_lowercase()))
        {
            // Keyed by lowercase handle: every platform we know compares handles case-insensitively.
            let a = &self.list.accounts[i as usize];
            let verdict = if official {
                Verdict::Allowed
            } else {
                Verdict::Own
            };
            let ev = Evidence::new(
                if official { "allowed" } else { "own" },
                wording::own(
                    self.lang,
                    &profile.handle,
                    &profile.platform,
                    &a.name,
                    official,
                ),
            );
            return result(verdict, 1.0, Some(a), vec![ev]);
        }
        let mut view = self.view(profile);
        view.avatar_matches = match avatar {
            Some(q) if !self.avatars.is_empty() => self.avatars.search(q),
            _ => Vec::new(),
        };
        view.undone = avatar.map(|q| q.undone).unwrap_or_default();
        let mut candidates = self.index.candidates(&view.handle, &view.cores, &view.name);
        candidates.extend(view.avatar_matches.iter().map(|(a, _)| *a));
        candidates.sort_unstable();
        candidates.dedup();
        // Only a crafted snapshot's index names accounts past the list (restoring does not scan it).
        candidates.retain(|&a| (a as usize) < self.prepared.len());
        self.warm(&candidates);
        let best = candidates
            .into_iter()
            .filter_map(|a| self.assess(&view, a))
            .max_by(|x, y| {
                (x.verdict, x.score)
                    .partial_cmp(&(y.verdict, y.score))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
        let mut evidence = input_notes(self.lang, &view);
        match best {
            Some(b) if b.verdict != Verdict::Clear => {
                let a = &self.list.accounts[b.account as usize];
                let mut ev = self.explain(&view, &b);
                let found = self.labels(&view, b.account);
                let labels: Vec<&Label> = found.iter().collect();
                let verdict = if labels.is_empty() {
                    b.verdict
                } else {
                    Verdict::Labelled
                };
                if !labels.is_empty() {
                    ev.push(label_evidence(self.lang, &profile.platform, &labels));
                }
                ev.append(&mut evidence);
                result(verdict, b.score, Some(a), ev)
            }
            other => {
                let score = other.as_ref().map_or(0.0, |b| b.score);
                if let Some(b) = &other {
                    evidence.insert(0, self.near_miss(&view, b));
                }
                result(Verdict::Clear, score, None, evidence)
            }
        }
    }

    fn view<'a>(&self, profile: &'a Profile) -> ProfileView<'a> {
        let name = NameKeys::new(&profile.name);
        let handle = HandleKeys::new(&profile.platform, &profile.handle);
        let cores = handle.cores();
        ProfileView {
            profile,
            name,
            handle,
            cores,
            avatar_matches: Vec::new(),
            undone: Undone::default(),
            handle_is_own_name: std::cell::OnceCell::new(),
        }
    }

    /// Label words in the name, bio and handle. Only a profile that resembles someone needs them.
    fn labels(&self, v: &ProfileView, account: u32) -> Vec<Label> {
        let tokens: Vec<&str> = v.name.fold.iter().map(String::as_str).collect();
        let mut labels = labels::in_name(&tokens);
        if let Some(bio) = &v.profile.bio {
            let bio: String = bio.chars().take(MAX_BIO_CHARS).collect();
            labels.extend(labels::in_bio(&bio, &self.prepared(account).names[0].fold));
        }
        labels.extend(labels::in_handle(&v.handle.fold, &v.handle.parts));
        labels
    }

    fn assess(&self, v: &ProfileView, account: u32) -> Option<Assessment> {
        let p = self.prepared(account);
        let name = p
            .names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| name::compare_all(&v.name, n).map(|m| (m, i)))
            .max_by(|x, y| {
                (x.0.strength, x.0.similarity)
                    .partial_cmp(&(y.0.strength, y.0.similarity))
                    .unwrap()
            });
        // A display name that spells a protected handle ("Zenith Harbour" for @ZenithHarbour, whose name
        // is "Zenith Harbour Bank") reads as the account to anyone who knows it by its handle: a close
        // name, when the names themselves are no closer. Short handles (mtn, obi) spell too much.
        let name = match name {
            Some((ref m, _)) if m.strength >= 2 => name,
            _ => p
                .targets
                .iter()
                .find(|t| {
                    t.kind != TargetKind::Name
                        && t.keys.fold_len >= 6
                        && v.name.spells(&t.keys.fold)
                })
                .map(|t| {
                    let how = NameHow::SpellsHandle {
                        handle: t.keys.display.clone(),
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
        };
        // A name written as a handle is weaker than the protected handle itself: `peter_obi` is what many
        // a Peter Obi would choose.
        let handle = p
            .targets
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                handle::compare(&v.handle, &v.cores, &t.keys).map(|mut m| {
                    if t.kind == TargetKind::Name {
                        m.strength = m.strength.min(2);
                    }
                    (m, i)
                })
            })
            // Of equally strong matches, the protected handle on the profile's own platform.
            .max_by_key(|(m, i)| {
                // Targets are the handles, then the official handles, then names (Checker::new).
                let a = &self.list.accounts[account as usize];
                let platform = a.handles.iter().chain(&a.official).nth(*i);
                let platform = platform.map(|h| h.platform.as_str());
                let same_platform = platform == Some(v.profile.platform.as_str());
                (m.strength, same_platform, std::cmp::Reverse(*i))
            });
        let avatar = v
            .avatar_matches
            .iter()
            .find(|(a, _)| *a == account)
            .map(|(_, m)| *m);
        if name.is_none() && handle.is_none() && avatar.is_none() {
            return None;
        }
        let n = name.as_ref().map_or(0, |(m, _)| m.strength);
        let mut h = handle.as_ref().map_or(0, |(m, _)| m.strength);
        // A handle that is just the profile's own, different name is no evidence: `fatousall93` for
        // "Fatou Sall" says nothing about Macky Sall. With a merely similar name it counts once, not twice.
        let own_name = h > 0
            && h < 3
            && *v
                .handle_is_own_name
                .get_or_init(|| explained_by_own_name(&v.handle, &v.name));
        // Unless the own name holds the protected one: 'Sen. Macky Sall' with @MackySall_HQ is no
        // namesake, and neither is a name one typo away from it.
        let holds_protected_name = matches!(
            name.as_ref().map(|(m, _)| &m.how),
            Some(NameHow::Contains { .. })
        );
        // Nor when the own name spells the protected handle itself, word by word: "Zenith Harbour Help
        // Desk" as @ZenithHarbourHelpDesk against @ZenithHarbour ("Zenith Harbour Bank") is the
        // brand's short name, not a namesake's.
        let spells_protected_handle = handle.as_ref().is_some_and(|(_, i)| {
            let t = &p.targets[*i];
            t.kind != TargetKind::Name && words_spell(&v.name.fold, &t.keys.fold)
        });
        // A handle made of the profile's own name, when that name spells the protected handle, is the
        // same evidence twice ("Fatou Diop" as @fatoudiop_sn against @FatouDiop): counted once.
        let spelled = matches!(
            name.as_ref().map(|(m, _)| &m.how),
            Some(NameHow::SpellsHandle { .. })
        );
        if spelled && own_name {
            h = 0;
        }
        // Nor when the own name holds the protected handle as a word and the handle is that handle
        // with only a separator, digits or words the own name lacks added: "Sarkodie Obidi" as
        // @sarkodie_gh copies @sarkodie, and a namesake's own name would not explain the `gh`.
        // Saying "it's me" (@itsolamide) is how namesakes write their handles too.
        let copies_protected_handle = handle.as_ref().is_some_and(|(m, i)| {
            let t = &p.targets[*i];
            t.kind != TargetKind::Name
                && v.name.fold.contains(&t.keys.fold)
                && match &m.how {
                    HandleHow::SameKey { il_swap: false } => true,
                    HandleHow::Affix {
                        affixes,
                        il_swap: false,
                    } => affixes.iter().all(|a| {
                        !v.name.fold.iter().any(|w| w.contains(a.as_str()))
                            && !handle::is_self_reference(a)
                    }),
                    _ => false,
                }
        });
        let handle_explained = own_name
            && !spelled
            && n <= 1
            && !holds_protected_name
            && !spells_protected_handle
            && !copies_protected_handle
            && !near_copy_of_a_name(&v.name, &p.names);
        // A handle made of the profile's own name that matches only the protected name written as a
        // handle, under that same name, is the name again: a namesake's @mohamed.salah.eng. Shown,
        // but counted once. Not when the name or handle adds a claim (Wizkid HQ, @fallyipupa_new),
        // and not for a full name of three words or more, which namesakes rarely share whole.
        let name_again = own_name
            && n >= 2
            && !v.name.has_filler()
            && name
                .as_ref()
                .is_some_and(|(_, i)| p.names[*i].fold.len() <= 2)
            && handle.as_ref().is_some_and(|(m, i)| {
                p.targets[*i].kind == TargetKind::Name
                    && match &m.how {
                        HandleHow::Affix { affixes, .. } => {
                            !affixes.iter().any(|a| handle::is_claim_affix(a))
                        }
                        _ => true,
                    }
            });
        if handle_explained {
            h = 0;
        } else if name_again
            || (own_name && matches!(name.as_ref().map(|(m, _)| &m.how), Some(NameHow::Similar)))
        {
            h = h.min(1);
        }
        let il_swap = matches!(
            handle.as_ref().map(|(m, _)| &m.how),
            Some(HandleHow::SameKey { il_swap: true } | HandleHow::Affix { il_swap: true, .. })
        );
        let loose_trick = name
            .as_ref()
            .is_some_and(|(m, _)| m.loose && !v.name.tricks.is_empty());
        let deceptive = (n >= 2
            && (v.name.norm.has_deceptive_change()
                || v.name.norm.mixed_script_word
                || v.name.norm.mixed_style_word
                || loose_trick))
            || (h >= 2 && il_swap);
        let target_len = handle.as_ref().map_or(0, |(m, _)| m.target_len);
        // A copied avatar is independent evidence: with any name or handle resemblance it is
        // impersonation, alone it is worth a look.
        let a = avatar.is_some();
        let verdict = if (n >= 2 && h >= 2)
            || (n >= 2 && deceptive)
            || (h == 3 && (n >= 1 || deceptive))
            || (h == 2 && il_swap && target_len >= 6)
            || (a && (n >= 1 || h >= 2))
        {
            Verdict::Impersonation
        } else if a || n >= 2 || h == 3 || (h == 2 && target_len >= 6) || (n >= 1 && h >= 2) {
            Verdict::Suspicious
        } else {
            Verdict::Clear
        };
        let strength = |x: u8| [0.0, 0.3, 0.5, 0.7][x as usize];
        let raw = 1.0
            - (1.0 - strength(n))
                * (1.0 - strength(h))
                * (if deceptive { 0.5 } else { 1.0 })
                * (if a { 0.4 } else { 1.0 });
        let score: f64 = match verdict {
            Verdict::Impersonation => 0.8 + 0.2 * raw,
            Verdict::Suspicious => 0.5 + 0.3 * raw,
            _ => 0.5 * raw,
        };
        Some(Assessment {
            account,
            name,
            handle,
            handle_explained,
            deceptive,
            avatar,
            verdict,
            score: (score * 1000.0).round() / 1000.0,
        })
    }

    fn explain(&self, v: &ProfileView, b: &Assessment) -> Vec<Evidence> {
        let a = &self.list.accounts[b.account as usize];
        let p = self.prepared(b.account);
        let mut out = Vec::new();
        if let Some((m, i)) = &b.name {
            let protected = match &m.how {
                NameHow::SpellsHandle { handle } => format!("@{handle}"),
                _ if *i == 0 => a.name.clone(),
                _ => a.aliases[i - 1].clone(),
            };
            let how = match &m.how {
                NameHow::Same => NameMatchWords::Same,
                NameHow::Contains { extra } => NameMatchWords::Contains(extra),
                NameHow::Similar => NameMatchWords::Similar(m.similarity),
                NameHow::SpellsHandle { .. } => NameMatchWords::SpellsHandle,
            };
            let detail = wording::name(self.lang, how, &v.profile.name, *i > 0, &protected);
            out.push(Evidence {
                protected: Some(protected),
                similarity: Some(m.similarity),
                ..Evidence::new("name", detail)
            });
        }
        // The loose reading's digits-as-letters and l-for-I join the trace when the match relied on them.
        let loose = b.name.as_ref().is_some_and(|(m, _)| m.loose);
        let mut changes: Vec<Change> = if loose {
            let mut c = v.name.norm.changes.clone();
            c.extend(v.name.tricks.iter().cloned());
            c
        } else {
            v.name.norm.changes.clone()
        };
        // An accent the protected name itself carries (Sowé for Sowé) is no evidence of anything.
        let protected_name = b.name.as_ref().map(|(_, i)| {
            if *i == 0 {
                a.name.as_str()
            } else {
                a.aliases[i - 1].as_str()
            }
        });
        changes.retain(|c| {
            c.action != crate::normalize::Action::Diacritic
                || !protected_name.is_some_and(|n| n.contains(c.ch))
        });
        let chars = char_evidence(&changes, "name");
        if !chars.is_empty() && b.name.is_some() {
            let deceptive = changes.iter().filter(|c| c.action.is_deceptive()).count();
            let detail = wording::chars(self.lang, deceptive, &summarize(self.lang, &chars));
            out.push(Evidence {
                chars: Some(chars),
                ..Evidence::new("characters", detail)
            });
        }
        if v.name.norm.mixed_script_word && b.name.is_some() {
            out.push(Evidence::new("script", wording::mixed_script(self.lang)));
        }
        if v.name.norm.mixed_style_word && b.name.is_some() {
            out.push(Evidence::new("script", wording::mixed_style(self.lang)));
        }
        if let Some((m, i)) = &b.handle {
            let t = &p.targets[*i];
            let what = || match t.kind {
                TargetKind::Handle => wording::Target::Handle(&t.keys.display),
                TargetKind::Official => wording::Target::Official(&t.keys.display),
                TargetKind::Name => wording::Target::Name(&t.keys.display),
            };
            let lang = self.lang;
            let h = &v.profile.handle;
            let mut e = Evidence {
                protected: Some(t.keys.display.clone()),
                ..Default::default()
            };
            e.detail = match &m.how {
                HandleHow::SameKey { il_swap: false }
                    if h.eq_ignore_ascii_case(&t.keys.display) =>
                {
                    e.distance = Some(0);
                    let how = HandleWords::SameElsewhere(&v.profile.platform);
                    wording::handle(lang, h, how, what())
                }
                HandleHow::SameKey { il_swap } => {
                    if !il_swap {
                        e.distance = Some(0);
                    }
                    let edit = handle::explain_edit_in(lang, &t.keys.display, h);
                    let tricks = lookalike_tricks(
                        h,
                        &t.keys.display,
                        *il_swap,
                        &v.handle.fold,
                        &t.keys.fold,
                    );
                    let how = if m.strength == 3 && !tricks.is_empty() {
                        HandleWords::LooksIdentical {
                            edit: &edit,
                            tricks: &tricks,
                        }
                    } else {
                        // Lookalike digits or case, or a separator added or removed.
                        HandleWords::ReadsSame(&edit)
                    };
                    let d = wording::handle(lang, h, how, what());
                    e.edit = Some(edit);
                    d
                }
                HandleHow::Affix { affixes, .. } if affixes.iter().any(|a| a == "(word order)") => {
                    wording::handle(lang, h, HandleWords::WordOrder, what())
                }
                HandleHow::Affix { affixes, il_swap } => {
                    let how = HandleWords::Affix {
                        affixes,
                        il_swap: *il_swap,
                    };
                    wording::handle(lang, h, how, what())
                }
                HandleHow::Embedded => wording::handle(lang, h, HandleWords::Embedded, what()),
                HandleHow::Typo { distance } => {
                    // Explained on the keys that were compared, so the edit matches the distance.
                    let edit = handle::explain_edit_in(lang, &t.keys.fold, &v.handle.fold);
                    e.distance = Some(*distance);
                    let how = HandleWords::Typo {
                        distance: *distance,
                        edit: &edit,
                    };
                    let d = wording::handle(lang, h, how, what());
                    e.edit = Some(edit);
                    d
                }
            };
            e.signal = "handle".into();
            out.push(e);
        }
        if b.handle_explained {
            out.push(Evidence::new(
                "handle",
                wording::handle_explained(self.lang, &v.profile.handle),
            ));
        }
        if let Some(m) = &b.avatar {
            out.push(Evidence {
                distance: Some(m.distance as usize),
                ..Evidence::new(
                    "avatar",
                    wording::avatar(
                        self.lang,
                        &a.name,
                        m.distance,
                        m.view,
                        &matcher::describe_in(self.lang, m, &v.undone),
                    ),
                )
            });
        }
        if b.deceptive {
            out.push(Evidence::new("intent", wording::intent(self.lang)));
        }
        out
    }

    /// Why a profile that resembles something is still clear.
    fn near_miss(&self, v: &ProfileView, b: &Assessment) -> Evidence {
        let a = &self.list.accounts[b.account as usize];
        let detail = if b.handle_explained {
            wording::near_miss_own_name(self.lang, &v.profile.handle, &a.name)
        } else {
            wording::near_miss_weak(self.lang, &a.name, &a.id)
        };
        Evidence::new("note", detail)
    }
}

/// Whether the profile's name, run together, is within a typo of a protected name or alias ("Macky Sal"
/// for Macky Sall): such a name is itself a near-copy, so it cannot explain a look-alike handle away,
/// though its short tokens are too common to count as a name match.
fn near_copy_of_a_name(profile: &NameKeys, protected: &[NameKeys]) -> bool {
    let own = profile.norm.fold_compact();
    protected.iter().any(|t| {
        let theirs = t.norm.fold_compact();
        let limit = handle::typo_limit(theirs.chars().count());
        limit > 0 && handle::osa_within(&own, &theirs, limit).is_some()
    })
}

/// The lookalikes that make handle `h` identical to the eye to the protected `display` (their keys
/// `fold` and `t_fold` are equal, or with `il_swap` only their glyph keys are): vv for w, rn for m as
/// written in lowercase, and capital I for l unless the others explain the match alone.
fn lookalike_tricks(
    h: &str,
    display: &str,
    il_swap: bool,
    fold: &str,
    t_fold: &str,
) -> Vec<Lookalike> {
    let (lower, t_lower) = (h.to_ascii_lowercase(), display.to_ascii_lowercase());
    let vv = lower.contains("vv") && !t_lower.contains("vv");
    // rn only where the protected handle has m: letters and digits the same but for rn, as written.
    let plain = |s: &str| -> String { s.chars().filter(|c| c.is_alphanumeric()).collect() };
    let (p_plain, t_plain) = (plain(&lower), plain(&t_lower));
    let rn = h.contains("rn")
        && p_plain != t_plain
        && p_plain.replace("rn", "m") == t_plain.replace("rn", "m");
    let il = il_swap && (!vv || fold.replace("vv", "w") != t_fold);
    [
        (il, Lookalike::IL),
        (vv && il_swap, Lookalike::VV),
        (rn, Lookalike::RN),
    ]
    .into_iter()
    .filter_map(|(on, t)| on.then_some(t))
    .collect()
}

/// Whether two or more consecutive words, written together, are `key` (a handle's letters).
fn words_spell(words: &[String], key: &str) -> bool {
    (0..words.len()).any(|i| {
        let mut rest = key;
        for (k, w) in words[i..].iter().enumerate() {
            match rest.strip_prefix(w.as_str()) {
                Some("") => return k >= 1,
                Some(r) if !w.is_empty() => rest = r,
                _ => return false,
            }
        }
        false
    })
}

/// Whether the handle is just the profile's own name (`fatousall93` for "Fatou Sall").
fn explained_by_own_name(h: &HandleKeys, n: &NameKeys) -> bool {
    let letters: String = h.fold.chars().filter(|c| !c.is_ascii_digit()).collect();
    if letters.len() < 3 || n.fold.len() < 2 {
        return false;
    }
    let toks = &n.fold;
    // Forms of the name a handle is made from, matched where they are found (no strings are built: this
    // runs for every profile whose handle resembles a protected one).
    let whole: Vec<&str> = toks.iter().map(String::as_str).collect();
    let found = |parts: &[&str]| concat_found(&letters, parts);
    let form_found = found(&whole)
        || toks.iter().any(|t| t.len() >= 4 && found(&[t]))
        || (0..toks.len()).any(|i| {
            let initial = toks[i]
                .chars()
                .next()
                .map_or("", |c| &toks[i][..c.len_utf8()]);
            (0..toks.len()).any(|j| {
                i != j
                    && (found(&[&toks[i], &toks[j]])
                        || found(&[initial, &toks[j]])
                        || found(&[&toks[j], initial]))
            })
        });
    // A first name with the start of the surname (david_o, peterobi for "Peter Obiageli").
    let prefixed = toks.iter().enumerate().any(|(i, a)| {
        toks.iter().enumerate().any(|(j, b)| {
            i != j
                && letters
                    .strip_prefix(a.as_str())
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

fn char_evidence(changes: &[Change], field: &str) -> Vec<CharEvidence> {
    changes
        .iter()
        .map(|c| CharEvidence {
            ch: c.ch.to_string(),
            codepoint: code_point(c.ch),
            name: char_name(c.ch),
            action: c.action.as_str().into(),
            looks_like: Some(c.read_as.clone()).filter(|s| !s.is_empty()),
            field: field.into(),
        })
        .collect()
}

/// "U+0406 CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I looks like Latin I; U+200B … removed".
fn summarize(lang: Lang, chars: &[CharEvidence]) -> String {
    let mut parts: Vec<String> = chars
        .iter()
        .take(8)
        .map(|c| {
            let read_as = c.looks_like.as_deref();
            wording::char_item(lang, &c.codepoint, &c.name, &c.action, read_as)
        })
        .collect();
    if chars.len() > 8 {
        parts.push(wording::and_more(lang, chars.len() - 8));
    }
    parts.join("; ")
}

fn label_evidence(lang: Lang, platform: &str, labels: &[&Label]) -> Evidence {
    let words: Vec<&str> = {
        let mut w: Vec<&str> = labels.iter().map(|l| l.word).collect();
        w.dedup();
        w
    };
    let at_start = labels.iter().any(|l| l.place == Place::NameStart);
    let in_name = labels
        .iter()
        .any(|l| matches!(l.place, Place::NameStart | Place::NameLater));
    let in_bio = labels.iter().any(|l| l.place == Place::Bio);
    let place = if at_start {
        LabelPlace::NameStart
    } else if in_name {
        LabelPlace::Name
    } else if in_bio {
        LabelPlace::Bio
    } else {
        LabelPlace::Handle
    };
    // X's policy: the label word must start the display name. Elsewhere a label in the name or bio is
    // taken as given.
    let on_x = platform == "x";
    let compliant = if on_x { at_start } else { in_name || in_bio };
    Evidence {
        compliant: Some(compliant),
        ..Evidence::new(
            "label",
            wording::label(lang, on_x, &words.join(", "), place),
        )
    }
}

fn input_notes(lang: Lang, v: &ProfileView) -> Vec<Evidence> {
    let mut out = Vec::new();
    let mut note = |field: &str, limit: usize| {
        out.push(Evidence::new(
            "input",
            wording::truncated(lang, field, limit),
        ))
    };
    if v.name.norm.truncated {
        note("name", crate::protected::MAX_NAME_CHARS);
    }
    if v.handle.truncated {
        note("handle", handle::MAX_HANDLE_CHARS);
    }
    if v.profile
        .bio
        .as_ref()
        .is_some_and(|b| b.chars().count() > MAX_BIO_CHARS)
    {
        note("bio", MAX_BIO_CHARS);
    }
    out
}

/// Reference hashes of a protected avatar given as hashes (image paths are enrolled first); a bare
/// `pdq` without `refs` stands for the whole, unedited picture.
/// An account's keys: its names, and the handle-like targets (own handles, official handles, then
/// names written as handles).
fn prepare(a: &Account) -> Prepared {
    let names: Vec<NameKeys> = std::iter::once(&a.name)
        .chain(&a.aliases)
        .map(|n| NameKeys::new(n))
        .collect();
    let mut targets = Vec::new();
    for (list, kind) in [
        (&a.handles, TargetKind::Handle),
        (&a.official, TargetKind::Official),
    ] {
        for h in list {
            targets.push(Target {
                keys: HandleKeys::target(&h.platform, &h.handle),
                kind,
            });
        }
    }
    for (n, display) in names.iter().zip(std::iter::once(&a.name).chain(&a.aliases)) {
        let fold = n.norm.fold_compact();
        // Short names written as handles (obi, mtn) would match too much.
        if fold.chars().count() >= 6 {
            targets.push(Target {
                keys: HandleKeys::from_name(&fold, &n.norm.glyph_compact(), display),
                kind: TargetKind::Name,
            });
        }
    }
    Prepared { names, targets }
}

fn avatar_refs(a: &AvatarRef) -> Vec<RefHash> {
    match a {
        AvatarRef::Path(_) => Vec::new(),
        AvatarRef::Hash(h) if h.refs.is_empty() => PdqHash::from_hex(&h.pdq)
            .map(|hash| {
                vec![RefHash {
                    view: View::Full,
                    variant: crate::avatar::views::Variant::Plain,
                    mirrored: false,
                    hash,
                    quality: 100,
                }]
            })
            .unwrap_or_default(),
        AvatarRef::Hash(h) => h
            .refs
            .iter()
            .filter_map(|r| RefHash::parse(r).ok())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(handle: &str, name: &str) -> bool {
        explained_by_own_name(&HandleKeys::new("x", handle), &NameKeys::new(name))
    }

    /// The handle evidence of one profile against a one-account list (x:AdaOkonkwo, instagram:ada.okonkwo).
    fn handle_evidence(platform: &str, handle: &str) -> (Verdict, Evidence) {
        let list = ProtectedList::from_json(
            r#"{"accounts": [{"id": "a", "name": "Adaeze Okonkwo", "handles": [
                {"platform": "x", "handle": "AdaOkonkwo"}, {"platform": "instagram", "handle": "ada.okonkwo"}]}]}"#,
            "l",
        )
        .unwrap();
        let profile = Profile {
            id: "p".into(),
            platform: platform.into(),
            handle: handle.into(),
            name: "A O".into(),
            bio: None,
            avatar: None,
        };
        let r = Checker::new(list).check(&profile);
        let e = r
            .evidence
            .into_iter()
            .find(|e| e.signal == "handle")
            .expect("handle evidence");
        (r.verdict, e)
    }

    #[test]
    fn vv_for_w_looks_identical_and_the_profiles_platform_is_preferred() {
        // Both handles read the same once vv is w; the Instagram one is on the profile's platform.
        let (verdict, e) = handle_evidence("instagram", "ada.okonkvvo");
        assert_eq!(verdict, Verdict::Impersonation);
        assert_eq!(e.protected.as_deref(), Some("ada.okonkwo"));
        assert!(
            e.detail.contains("looks identical") && e.detail.ends_with("(vv looks like w)"),
            "{}",
            e.detail
        );
        let (_, e) = handle_evidence("x", "AdaOkonkvvo");
        assert_eq!(e.protected.as_deref(), Some("AdaOkonkwo"));
        // A separator added is not "identical": it reads the same.
        let (verdict, e) = handle_evidence("x", "Ada_Okonkvvo");
        assert_eq!(verdict, Verdict::Impersonation);
        assert!(e.detail.contains("reads the same"), "{}", e.detail);
        let (_, e) = handle_evidence("x", "AdaOkonkwo_");
        assert!(!e.detail.contains("identical"), "{}", e.detail);
    }

    #[test]
    fn rn_for_m_looks_identical_only_in_lowercase() {
        // "Okonkwo" has no m: against @AdaOkonkwo the trick needs a protected m, so use a name with one.
        let list = ProtectedList::from_json(
            r#"{"accounts": [{"id": "a", "name": "Sadio Mane", "handles": [
                {"platform": "x", "handle": "SadioMane"}]}]}"#,
            "l",
        )
        .unwrap();
        let checker = Checker::new(list);
        let detail = |handle: &str| {
            let profile = Profile {
                id: "p".into(),
                platform: "x".into(),
                handle: handle.into(),
                name: "A O".into(),
                ..Default::default()
            };
            let r = checker.check(&profile);
            let e = r.evidence.into_iter().find(|e| e.signal == "handle");
            (r.verdict, e.expect("handle evidence").detail)
        };
        let (verdict, d) = detail("sadiornane");
        assert_eq!(verdict, Verdict::Suspicious);
        assert!(
            d.contains("looks identical") && d.ends_with("(rn looks like m)"),
            "{d}"
        );
        // A capital R does not pass for an m: it only reads the same.
        let (_, d) = detail("SadioRnane");
        assert!(d.contains("reads the same"), "{d}");
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
