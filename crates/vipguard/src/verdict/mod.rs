//! The decision layer: which protected account a profile resembles, which verdict, and why, in words.
//!
//! A check runs in four steps, each in its own file:
//! 1. `signals.rs`: for each candidate from the index, the best name, handle and avatar match;
//! 2. `rules.rs`: the discount rules, when a handle is explained by the profile's own name, and
//!    whether the resemblance depends on deceptive characters;
//! 3. `decide.rs`: the verdict table, strengths in, verdict and score out;
//! 4. `evidence.rs`: the evidence for the best candidate, worded by `wording.rs` in the reviewer's
//!    language.
//!
//! Labels (parody, fan …) turn a flag into `labelled`; the protected account's own and official handles
//! are `own` and `allowed` before anything else.

mod brand;
mod decide;
mod evidence;
mod prepare;
mod rules;
mod signals;
mod wording;

use self::decide::{decide, Strengths};
use self::prepare::{avatar_refs, prepare, Prepared};
pub use self::wording::{show_hidden_code_points, Lang};
use crate::avatar::index::AvatarIndex;
use crate::avatar::matcher::{AvatarMatch, QueryHashes};
use crate::avatar::views::Undone;
use crate::candidates::{Index, Target};
use crate::formats::{
    Account, CheckResult, Evidence, InputError, Profile, ProtectedList, ValidList, Verdict,
};
use crate::text::bio::{self, Cue, LinkMatch};
use crate::text::bio_model;
use crate::text::edit::{distance_inside_words, with_word_breaks};
use crate::text::handle::{self, HandleKeys, HandleMatch};
use crate::text::labels::{self, Label};
use crate::text::limits::{MAX_BIO_CHARS, MAX_NAME_CHARS};
use crate::text::name::{NameKeys, NameMatch};
use hashbrown::HashTable;
use std::cmp::Reverse;
use std::hash::BuildHasher;
use std::sync::OnceLock;

/// Whether a checker reads bios with the learned reader too, unless `Checker::with_bio_model` says
/// otherwise: on. It met the ship rule held out over ten writers and on an eleventh read once (one
/// signal plus a bio 54.9% → 82.6%, everyday bios 6.8% → 7.2%), at the cost of two of the evasion
/// fixtures' everyday bios made `impersonation` (their `with_model` rows; docs/accuracy.md, "Held out:
/// report11").
pub(crate) const BIO_MODEL_DEFAULT: bool = true;

/// The engine over one protected list: build it once, then check profiles against it.
///
/// Building normalises every name and handle of the list and indexes their keys, so a check looks up
/// about a hundred keys instead of comparing with every account.
pub struct Checker {
    list: ProtectedList,
    /// Filled in `new`; in a restored checker, on first use (`prepared`).
    prepared: Vec<OnceLock<Prepared>>,
    index: Index,
    /// Own and official handles by (platform, lowercase handle): (account, place among its handles
    /// then its official handles). The keys are the list's own strings, not copies (issue 25).
    exact_accounts: HashTable<(u32, u32)>,
    /// Accounts by id, the list's strings again.
    by_id: HashTable<u32>,
    avatars: AvatarIndex,
    /// The language of evidence sentences.
    lang: Lang,
    /// Whether the learned bio reader (`text::bio_model`) reads bios beside the phrase rules.
    bio_model: bool,
}

/// The lookups every checker rebuilds from its list: cheap next to the index, and built beside it.
struct Tables {
    exact_accounts: HashTable<(u32, u32)>,
    by_id: HashTable<u32>,
    avatars: AvatarIndex,
}

impl Tables {
    fn new(list: &ProtectedList) -> Self {
        // Sized up front: growing a hash map rehashes every key, which showed in building.
        let handles = list
            .accounts
            .iter()
            .map(|a| a.handles.len() + a.official.len())
            .sum();
        let mut exact_accounts = HashTable::with_capacity(handles);
        for (i, a) in list.accounts.iter().enumerate() {
            for (j, h) in a.handles.iter().chain(&a.official).enumerate() {
                let hash = handle_hash(&h.platform, &lowercase(&h.handle));
                exact_accounts.insert_unique(hash, (i as u32, j as u32), |&(i, j)| {
                    let h = handle_at(&list.accounts[i as usize], j);
                    handle_hash(&h.platform, &lowercase(&h.handle))
                });
            }
        }
        let avatars = AvatarIndex::new(
            list.accounts
                .iter()
                .enumerate()
                .map(|(i, a)| (i as u32, a.avatars.iter().flat_map(avatar_refs).collect())),
        );
        let mut by_id = HashTable::with_capacity(list.accounts.len());
        for (i, a) in list.accounts.iter().enumerate() {
            by_id.insert_unique(id_hash(&a.id), i as u32, |&i| {
                id_hash(&list.accounts[i as usize].id)
            });
        }
        Tables {
            exact_accounts,
            by_id,
            avatars,
        }
    }
}

/// Everything about a profile that does not depend on the account it is compared with.
struct ProfileView<'a> {
    profile: &'a Profile,
    name: NameKeys,
    handle: HandleKeys,
    cores: Vec<handle::Core>,
    /// Words of a longer handle that may be a protected handle with a typo.
    segments: Vec<String>,
    /// Protected accounts whose avatar the profile's avatar copies, best first.
    avatar_matches: Vec<(u32, AvatarMatch)>,
    undone: Undone,
    /// Whether the handle is the profile's own name: asked of every candidate, worked out once.
    handle_is_own_name: std::cell::OnceCell<bool>,
    /// The bio's cues and the profile's web addresses, read the first time a candidate resembles.
    bio: std::cell::OnceCell<BioView>,
    /// Whether the learned bio reader reads the bio too (`Checker::with_bio_model`).
    bio_model: bool,
}

/// What the bio and links hold that does not depend on the account compared with.
struct BioView {
    /// The bio as read (its first `MAX_BIO_CHARS` characters).
    text: String,
    cues: Vec<Cue>,
    /// The learned reader's cue, where it is on and reads the bio as a claim or a scam.
    learned: Option<Cue>,
    hosts: Vec<String>,
    /// How many of `hosts`, from the start, come from the profile's link fields rather than the bio.
    field_hosts: usize,
}

impl ProfileView<'_> {
    /// Whether the handle is just the profile's own name (`fatousall93` for "Fatou Sall"), worked out
    /// once.
    fn handle_is_own_name(&self) -> bool {
        *self
            .handle_is_own_name
            .get_or_init(|| rules::explained_by_own_name(&self.handle, &self.name))
    }

    /// The bio's claims and scam cues and the profile's web addresses, read once, and only for a
    /// profile that resembles someone.
    fn bio(&self) -> &BioView {
        self.bio.get_or_init(|| {
            let bio: String = self
                .profile
                .bio
                .as_deref()
                .unwrap_or("")
                .chars()
                .take(MAX_BIO_CHARS)
                .collect();
            let (hosts, field_hosts) = bio::hosts(&bio, &self.profile.links);
            BioView {
                cues: bio::cues(&bio),
                learned: if self.bio_model {
                    bio_model::read(&bio)
                } else {
                    None
                },
                hosts,
                field_hosts,
                text: bio,
            }
        })
    }
}

/// How plainly a profile's handle shows a candidate's protected handle: its letters shown, then fewer
/// edits (`Checker::shown_as_written`); None where the handle does not count.
type Shown = (usize, Reverse<usize>);

/// Which of two candidates to name, by one key per candidate, so that the list's order decides
/// nothing but exact ties (a pairwise rule was not an order, and three accounts could go round):
/// the stronger verdict; then, where the handle is all a candidate has (no name, avatar, bio or
/// deceptive characters for it), the account the handle shows best as written, ranked below every
/// candidate with more, so @fatima74events names @Fatima (a name and a number) over @Fatimata (74
/// read as "ta") and "Fatou Diallo" @fatima74 names @FatouDiallo (issue 20); then the score; then,
/// as a last resort, the account the handle shows best as written (equal scores: @davidoofficiaI,
/// its I for l deceptive, names @DavidoOfficial over @Davido).
///
/// How plainly the handle shows each (`shown`) is worked out only where the order needs it: a check
/// with one candidate never compares, and most comparisons are settled before it.
fn rank(
    (x, x_shown): (&Assessment, impl Fn() -> Option<Shown>),
    (y, y_shown): (&Assessment, impl Fn() -> Option<Shown>),
) -> std::cmp::Ordering {
    let key = |a: &Assessment, shown: &dyn Fn() -> Option<Shown>| {
        let s = &a.strengths;
        let handle_only = s.name == 0 && !s.avatar && !s.bio && !a.deceptive;
        let plainness = if handle_only {
            (0u8, shown())
        } else {
            (1u8, None)
        };
        (a.verdict, plainness)
    };
    key(x, &x_shown)
        .cmp(&key(y, &y_shown))
        .then_with(|| x.score.total_cmp(&y.score))
        .then_with(|| x_shown().cmp(&y_shown()))
}

struct Assessment {
    account: u32,
    name: Option<(NameMatch, usize)>,
    handle: Option<(HandleMatch, usize)>,
    /// The handle's match was dropped because the profile's own name explains it.
    handle_explained: bool,
    /// The handle only writes the display name again, so the two were counted as one.
    handle_counted_once: bool,
    avatar: Option<AvatarMatch>,
    /// The resemblance depends on lookalike, hidden or styled characters (`rules::deceptive`); a fake
    /// badge (`rules::fake_badge`) counts in the strengths only, and is worded on its own.
    deceptive: bool,
    /// The bio's cues that speak for this account, and a link imitating its sites.
    cues: Vec<Cue>,
    link: Option<LinkMatch>,
    /// The strengths the verdict was decided on.
    strengths: Strengths,
    verdict: Verdict,
    score: f64,
}

impl Checker {
    /// Build the checker: check the list as a file's is checked when read (a list made in code may
    /// hold what no reader takes: an empty name, a handle listed twice, a damaged hash), clean it as a
    /// reader does (trimmed, platforms canonical, handles without `@`), then normalise and index every
    /// name and handle. The error is the list's first problem, its field named by the account's place
    /// (`accounts[3].name`); a list from `ProtectedList::parse` always passes. A list a reader has
    /// already checked (`ValidList`) is built from by `from_valid` without checking it again.
    pub fn new(list: ProtectedList) -> Result<Self, InputError> {
        Ok(Self::from_valid(ValidList::new(list)?))
    }

    /// Build the checker from a list already checked and cleaned (read by `ValidList::parse_all` or
    /// another of its readers, or checked by `ValidList::new`): `new` without the list's second check.
    pub fn from_valid(list: ValidList) -> Self {
        let list = list.into_list();
        let prepared = prepare_all(&list.accounts);
        let each = |range: std::ops::Range<usize>| {
            let first = range.start;
            prepared[range]
                .iter()
                .zip(first as u32..)
                .map(|(p, i)| (i, p.get().expect("prepared above")))
        };
        let build = || {
            Index::build(
                prepared.len(),
                || each(0..prepared.len()).flat_map(|(i, p)| p.names.iter().map(move |n| (i, n))),
                |range| {
                    each(range).flat_map(|(i, p)| {
                        p.targets.iter().map(move |t| Target {
                            account: i,
                            keys: &t.keys,
                            far: !t.names_in_key,
                            brand: t.brand,
                        })
                    })
                },
            )
        };
        let (index, tables) = crate::parallel::join(build, || Tables::new(&list));
        Self::assemble(list, index, prepared, tables)
    }

    /// A checker restored by `snapshot::restore`: the index comes ready-made, and each account's keys
    /// are worked out the first time a check compares with it (most accounts are never candidates).
    pub(crate) fn restored(list: ProtectedList, index: Index) -> Self {
        let prepared = std::iter::repeat_with(OnceLock::new)
            .take(list.accounts.len())
            .collect();
        let tables = Tables::new(&list);
        Self::assemble(list, index, prepared, tables)
    }

    fn assemble(
        list: ProtectedList,
        index: Index,
        prepared: Vec<OnceLock<Prepared>>,
        tables: Tables,
    ) -> Self {
        Checker {
            list,
            prepared,
            index,
            exact_accounts: tables.exact_accounts,
            by_id: tables.by_id,
            avatars: tables.avatars,
            lang: Lang::En,
            bio_model: BIO_MODEL_DEFAULT,
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
                sum = sum.wrapping_add(n.has_filler() as usize);
            }
            if let Some(t) = p.targets.first() {
                sum = sum.wrapping_add(t.keys.fold().len() + t.keys.display().len());
            }
        }
        for p in each() {
            if let Some(n) = p.names.first() {
                let first = n.fold_words().next().and_then(|w| w.bytes().next());
                sum = sum.wrapping_add(first.unwrap_or(0) as usize);
            }
            for t in &p.targets {
                sum = sum.wrapping_add(t.keys.fold().bytes().next().unwrap_or(0) as usize);
            }
        }
        std::hint::black_box(sum);
    }

    /// Evidence worded in `lang` (English by default); verdicts and scores do not depend on it.
    pub fn with_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// Whether the learned bio reader reads bios beside the phrase rules (`BIO_MODEL_DEFAULT` unless
    /// set): a bio it reads as an impersonator's claim or scam is a second signal, as a phrase rule's
    /// cue is, and the evidence quotes the words that weighed most (docs/accuracy.md, "A learned bio
    /// reader in the engine").
    pub fn with_bio_model(mut self, on: bool) -> Self {
        self.bio_model = on;
        self
    }

    /// The list the checker was built from.
    pub fn list(&self) -> &ProtectedList {
        &self.list
    }

    /// The account with this id.
    pub fn account(&self, id: &str) -> Option<&Account> {
        let accounts = &self.list.accounts;
        self.by_id
            .find(id_hash(id), |&i| accounts[i as usize].id == id)
            .map(|&i| &accounts[i as usize])
    }

    /// Check a profile on its text: name, handle and bio.
    pub fn check(&self, profile: &Profile) -> CheckResult {
        self.check_with_avatar(profile, None)
    }

    /// Check a profile together with its avatar's hashes (from the API's `query_hashes`).
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
        let handle = lowercase(&profile.handle);
        let found = self
            .exact_accounts
            .find(handle_hash(&profile.platform, &handle), |&(i, j)| {
                let h = handle_at(&self.list.accounts[i as usize], j);
                h.platform == profile.platform && lowercase(&h.handle) == handle
            });
        if let Some(&(i, j)) = found {
            let official = j as usize >= self.list.accounts[i as usize].handles.len();
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
        // A handle that is the profile's own name is not looked for two edits away: such a far typo
        // would be explained by that name (rules::far_typo).
        let look_far = !view.handle_is_own_name();
        let (mut candidates, far) = self.index.candidates(
            &view.handle,
            &view.cores,
            &view.segments,
            &view.name,
            look_far,
        );
        // Accounts whose handle may be two edits away count only when one really is: checked on the
        // handle alone, before the full comparison.
        let n = self.prepared.len();
        candidates.extend(far.into_iter().filter(|&a| {
            (a as usize) < n
                && self.prepared(a).targets.iter().any(|t| {
                    !t.names_in_key
                        && handle::compare(&view.handle, &view.cores, &view.segments, &t.keys)
                            .is_some()
                })
        }));
        candidates.extend(view.avatar_matches.iter().map(|(a, _)| *a));
        candidates.sort_unstable();
        candidates.dedup();
        // Only a crafted snapshot's index names accounts past the list (restoring does not scan it).
        candidates.retain(|&a| (a as usize) < self.prepared.len());
        self.warm(&candidates);
        // The profile's name words, gathered once for every candidate's names.
        let name = crate::text::name::ProfileName::new(&view.name);
        let mut assessed: Vec<Assessment> = candidates
            .into_iter()
            .filter_map(|a| self.assess(&view, &name, a))
            .collect();
        // The profile's handle as `shown_as_written` reads it, written once for every candidate, and
        // each candidate's figure once, both only when `rank` asks.
        let written = std::cell::OnceCell::new();
        let shown: Vec<std::cell::OnceCell<Option<Shown>>> = assessed
            .iter()
            .map(|_| std::cell::OnceCell::new())
            .collect();
        let shown_of = |i: usize| {
            *shown[i].get_or_init(|| {
                let written = written.get_or_init(|| with_word_breaks(view.handle.display()));
                self.shown_as_written(written, &assessed[i])
            })
        };
        let best = (0..assessed.len())
            .max_by(|&i, &j| {
                rank(
                    (&assessed[i], || shown_of(i)),
                    (&assessed[j], || shown_of(j)),
                )
            })
            .map(|i| assessed.swap_remove(i));
        let mut evidence = evidence::input_notes(self.lang, &view);
        match best {
            Some(b) if b.verdict != Verdict::Clear => {
                let a = &self.list.accounts[b.account as usize];
                let mut ev = evidence::explain(self.lang, &view, a, self.prepared(b.account), &b);
                let found = self.labels(&view, b.account);
                // Label words not in plain letters are shown, and do not make the account labelled.
                let (labels, unplain): (Vec<&Label>, Vec<&Label>) =
                    found.iter().partition(|l| l.counts());
                let verdict = if labels.is_empty() {
                    b.verdict
                } else {
                    Verdict::Labelled
                };
                if !labels.is_empty() {
                    ev.push(evidence::label_evidence(
                        self.lang,
                        &profile.platform,
                        &labels,
                    ));
                }
                ev.extend(evidence::unplain_labels(
                    self.lang,
                    &profile.platform,
                    &unplain,
                ));
                ev.append(&mut evidence);
                result(verdict, b.score, Some(a), ev)
            }
            other => {
                let score = other.as_ref().map_or(0.0, |b| b.score);
                if let Some(b) = &other {
                    evidence.insert(
                        0,
                        evidence::near_miss(
                            self.lang,
                            &view,
                            &self.list.accounts[b.account as usize],
                            b,
                        ),
                    );
                }
                result(Verdict::Clear, score, None, evidence)
            }
        }
    }

    fn view<'a>(&self, profile: &'a Profile) -> ProfileView<'a> {
        let name = NameKeys::new(&profile.name);
        let handle = HandleKeys::new(&profile.platform, &profile.handle);
        let cores = handle.cores();
        // A word of the handle that is mostly the profile's own name (@eagle_patience for "Patience
        // Okafor") is not read as a typo of a protected handle.
        let mut segments = handle.segments();
        segments.retain(|s| {
            !name
                .fold_words()
                .any(|w| w.chars().count() >= 3 && s.contains(w) && w.len() * 10 >= s.len() * 7)
        });
        ProfileView {
            profile,
            name,
            handle,
            cores,
            segments,
            avatar_matches: Vec::new(),
            undone: Undone::default(),
            handle_is_own_name: std::cell::OnceCell::new(),
            bio: std::cell::OnceCell::new(),
            bio_model: self.bio_model,
        }
    }

    /// Label words in the name, bio and handle. Only a profile that resembles someone needs them.
    fn labels(&self, v: &ProfileView, account: u32) -> Vec<Label> {
        // A name of at most MAX_NAME_CHARS bytes is not cut, so the view's keys are this name's: the
        // same text normalised with a limit it does not reach.
        let mut labels = if v.profile.name.len() <= MAX_NAME_CHARS {
            labels::in_name_keyed(&v.profile.name, v.name.fold_words())
        } else {
            let name: String = v.profile.name.chars().take(MAX_NAME_CHARS).collect();
            labels::in_name(&name)
        };
        if let Some(bio) = &v.profile.bio {
            let bio: String = bio.chars().take(MAX_BIO_CHARS).collect();
            labels.extend(labels::in_bio(
                &bio,
                &self.prepared(account).names[0].fold(),
            ));
        }
        labels.extend(labels::in_handle(&v.handle.fold(), &v.handle.parts));
        labels
    }

    /// How much of the candidate's matched handle the profile's handle shows as written (lowercased;
    /// letters, digits, and word breaks as `_`): its letters found in some stretch of the handle, more
    /// first (a 1-edit typo of @TheDavidOyekan shows 13 letters, the @davido inside it 6), then fewer
    /// edits, each digit read as a letter one (@fatima74 shows @Fatima's 6 letters with none,
    /// @Fatimata's 6 with two). A stretch that runs over a word break the protected handle does not
    /// have costs more (`distance_inside_words`): @fatima_tahir is Fatima and a surname, not @Fatimata.
    /// None for a handle that does not count.
    fn shown_as_written(&self, written: &str, a: &Assessment) -> Option<Shown> {
        let (_, i) = a.handle.as_ref().filter(|_| a.strengths.handle > 0)?;
        let t = &self.prepared(a.account).targets.get(*i)?.keys;
        let target = with_word_breaks(t.display());
        let edits = distance_inside_words(written, &target);
        let shown = target
            .chars()
            .filter(|c| *c != '_')
            .count()
            .saturating_sub(edits);
        Some((shown, Reverse(edits)))
    }

    /// One candidate: its best signals, the discount rules, then the verdict table.
    fn assess(
        &self,
        v: &ProfileView,
        name: &crate::text::name::ProfileName,
        account: u32,
    ) -> Option<Assessment> {
        let p = self.prepared(account);
        let a = &self.list.accounts[account as usize];
        let name = signals::best_name(name, p);
        let handle = signals::best_handle(v, p, a);
        let avatar = signals::avatar(v, account);
        if name.is_none() && handle.is_none() && avatar.is_none() {
            return None;
        }
        let n = name.as_ref().map_or(0, |(m, _)| m.strength);
        let rules::Discounted {
            strength: h,
            explained: handle_explained,
            counted_once: handle_counted_once,
        } = rules::discount_handle(v, p, &name, &handle);
        let il_swap = rules::il_swap(&handle);
        let deceptive = rules::deceptive(v, &name, n, h, il_swap);
        let fake_badge = rules::fake_badge(v, n);
        // The bio is read only beside a resemblance that can carry it (decide: a cue alone is nothing).
        let (cues, link) = if n >= 2 || h >= 2 || avatar.is_some() {
            signals::bio(v, p, a)
        } else {
            (Vec::new(), None)
        };
        let strengths = Strengths {
            name: n,
            handle: h,
            deceptive: deceptive || fake_badge,
            il_swap,
            target_len: handle.as_ref().map_or(0, |(m, _)| m.target_len),
            avatar: avatar.is_some(),
            bio: !cues.is_empty() || link.is_some(),
            lone_trick: n == 0
                && !v.name.only_filler()
                && handle.as_ref().is_some_and(|(m, _)| lone_reading(m)),
        };
        let (verdict, score) = decide(strengths);
        Some(Assessment {
            account,
            name,
            handle,
            handle_explained,
            handle_counted_once,
            deceptive,
            avatar,
            cues,
            link,
            strengths,
            verdict,
            score,
        })
    }
}

/// A handle match that needs a second signal under an own, unrelated display name (`decide`'s
/// `lone_trick`): a one-trick edit, or two edits from a key under 10 letters, both of which make
/// ordinary words of a brand's handle.
fn lone_reading(m: &crate::text::handle::HandleMatch) -> bool {
    use crate::text::handle::HandleHow;
    match m.how {
        HandleHow::Trick(..) => true,
        HandleHow::Typo { distance: 2.. } => m.target_len < 10,
        _ => false,
    }
}

/// Every account's keys. Natively with the `parallel` feature (the CLI's), on every core: normalising
/// names and handles is most of building a checker's work, and each account's is its own. The index
/// is then filled in list order, as its build expects.
fn prepare_all(accounts: &[Account]) -> Vec<OnceLock<Prepared>> {
    #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
    {
        use rayon::prelude::*;
        accounts
            .par_iter()
            .map(|a| OnceLock::from(prepare(a)))
            .collect()
    }
    #[cfg(not(all(feature = "parallel", not(target_arch = "wasm32"))))]
    {
        accounts
            .iter()
            .map(|a| OnceLock::from(prepare(a)))
            .collect()
    }
}

/// Handle `j` of an account: its own handles, then its official ones.
fn handle_at(a: &Account, j: u32) -> &crate::formats::HandleRef {
    let j = j as usize;
    a.handles
        .get(j)
        .unwrap_or_else(|| &a.official[j - a.handles.len()])
}

/// Lowercase for comparing handles (every platform we know compares them case-insensitively), copied
/// only when something changes case.
fn lowercase(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        std::borrow::Cow::Owned(s.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn handle_hash(platform: &str, lowercase_handle: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one((platform, lowercase_handle))
}

fn id_hash(id: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            ..Default::default()
        };
        let r = Checker::new(list).expect("a valid list").check(&profile);
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
        // A separator added is not "identical": the edits are listed.
        let (verdict, e) = handle_evidence("x", "Ada_Okonkvvo");
        assert_eq!(verdict, Verdict::Impersonation);
        assert!(
            !e.detail.contains("identical") && e.detail.contains("'_' inserted"),
            "{}",
            e.detail
        );
        let (_, e) = handle_evidence("x", "AdaOkonkwo_");
        assert!(!e.detail.contains("identical"), "{}", e.detail);
    }

    /// On X, the handle is described against the X handle, though the Instagram one matched as
    /// strongly (as many separators); the verdict and score stay those of the strongest match.
    #[test]
    fn the_edit_is_described_against_the_handle_on_the_profiles_platform() {
        let (verdict, e) = handle_evidence("x", "Ada_0konkwo");
        assert_eq!(verdict, Verdict::Suspicious);
        assert_eq!(e.protected.as_deref(), Some("AdaOkonkwo"));
        assert_eq!(
            e.detail,
            "Handle @Ada_0konkwo is the protected handle @AdaOkonkwo with '_' inserted, and a digit for a letter: 'O' written as '0'"
        );
        let (_, e) = handle_evidence("x", "AdaOkonkwo_");
        assert_eq!(
            e.detail,
            "Handle @AdaOkonkwo_ is the protected handle @AdaOkonkwo with '_' added at the end"
        );
        // The very handle of another platform stays that handle, used here.
        let (_, e) = handle_evidence("x", "ada.okonkwo");
        assert_eq!(e.protected.as_deref(), Some("ada.okonkwo"));
        // On Instagram, the Instagram handle.
        let (_, e) = handle_evidence("instagram", "ada_okonkwo");
        assert_eq!(e.protected.as_deref(), Some("ada.okonkwo"));
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
        let checker = Checker::new(list).expect("a valid list");
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
        // A capital R does not pass for an m: the edits are listed, not called identical.
        let (_, d) = detail("SadioRnane");
        assert!(
            !d.contains("identical") && d.contains("is the protected handle @SadioMane with"),
            "{d}"
        );
    }
}
