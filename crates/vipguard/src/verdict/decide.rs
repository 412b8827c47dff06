//! The verdict table: a candidate's signal strengths in, a verdict and a score out. Pure, so the whole
//! policy can be read in one screen and tested row by row.
//!
//! Name strength `name` and handle strength `handle` run from 0 (none) to 3 (same key), after the
//! discount rules (`rules.rs`) have run.

use crate::formats::Verdict;

/// What one candidate's evidence amounts to, after the discount rules.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Strengths {
    pub(super) name: u8,
    pub(super) handle: u8,
    /// The resemblance only exists through lookalike, invisible or stacked characters, or an I/l swap;
    /// or a close name carries a check mark imitating a verified badge.
    pub(super) deceptive: bool,
    /// The handle only reads as the protected one through a capital I for l.
    pub(super) il_swap: bool,
    /// Length of the protected handle the handle was matched with (0 without a handle match).
    pub(super) target_len: usize,
    /// The avatar copies one of the account's pictures.
    pub(super) avatar: bool,
    /// The bio claims to be the account, runs a scam, or links to a site imitating the account's.
    pub(super) bio: bool,
    /// The handle matches only as a one-trick edit (a letter moved, a pair doubled, every copy of a
    /// vowel changed) and the display name is a person's or business's own, resembling nobody's.
    pub(super) lone_trick: bool,
}

/// * `impersonation`: name and handle both match (n ≥ 2 and h ≥ 2), or a close name or exact handle
///   with a second signal (n ≥ 2 and deceptive, h = 3 and n ≥ 1, h = 3 and deceptive), or a protected
///   handle of 6+ letters with affixes that only reads as it through an I/l swap, or a copied avatar
///   with any name or handle resemblance, or anything `suspicious` below with a bio that claims to be
///   the account or runs a scam (a claim or cue alone is nothing);
/// * `suspicious`: one strong signal alone (a copied avatar, n ≥ 2, h = 3, an affix/typo/embedded
///   handle of 6+ letters) or two weak ones; a one-trick handle under an own, unrelated display
///   name needs a second signal (an avatar, a bio cue, a deceptive character): such edits of a brand's
///   handle make ordinary words (@paystaff from @paystack, @firstball from First Bank);
/// * `clear` otherwise.
///
/// The score in [0, 1] grows with each signal's strength, and bands by verdict: impersonation 0.8–1,
/// suspicious 0.5–0.8, clear under 0.5.
pub(super) fn decide(s: Strengths) -> (Verdict, f64) {
    let (n, h, a) = (s.name, s.handle, s.avatar);
    let handle_alone = !s.lone_trick || s.bio || s.deceptive;
    let suspicious = a
        || n >= 2
        || h == 3
        || (h == 2 && s.target_len >= 6 && handle_alone)
        || (n >= 1 && h >= 2);
    let verdict = if (n >= 2 && (h >= 2 || s.deceptive))
        || (h == 3 && (n >= 1 || s.deceptive))
        || (h == 2 && s.il_swap && s.target_len >= 6)
        || (a && (n >= 1 || h >= 2))
        || (suspicious && s.bio)
    {
        Verdict::Impersonation
    } else if suspicious {
        Verdict::Suspicious
    } else {
        Verdict::Clear
    };
    let strength = |x: u8| [0.0, 0.3, 0.5, 0.7][x as usize];
    let raw = 1.0
        - (1.0 - strength(n))
            * (1.0 - strength(h))
            * (if s.deceptive { 0.5 } else { 1.0 })
            * (if a { 0.4 } else { 1.0 })
            * (if s.bio { 0.6 } else { 1.0 });
    let score: f64 = match verdict {
        Verdict::Impersonation => 0.8 + 0.2 * raw,
        Verdict::Suspicious => 0.5 + 0.3 * raw,
        _ => 0.5 * raw,
    };
    (verdict, (score * 1000.0).round() / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::{Clear, Impersonation, Suspicious};

    /// (name, handle, deceptive, il_swap, target_len, avatar) -> verdict, score; without a bio cue.
    #[rustfmt::skip]
    const TABLE: &[(u8, u8, bool, bool, usize, bool, Verdict, f64)] = &[
        // Nothing, or one weak signal.
        (0, 0, false, false, 0,  false, Clear,         0.0),
        (1, 0, false, false, 0,  false, Clear,         0.15),
        (0, 1, false, false, 8,  false, Clear,         0.15),
        (0, 2, false, false, 5,  false, Clear,         0.25),
        (1, 1, false, false, 8,  false, Clear,         0.255),
        // One strong signal alone.
        (2, 0, false, false, 0,  false, Suspicious,    0.65),
        (3, 0, false, false, 0,  false, Suspicious,    0.71),
        (0, 3, false, false, 8,  false, Suspicious,    0.71),
        (0, 2, false, false, 6,  false, Suspicious,    0.65),
        (0, 0, false, false, 0,  true,  Suspicious,    0.68),
        // Two weak ones.
        (1, 2, false, false, 5,  false, Suspicious,    0.695),
        // Two independent signals.
        (2, 2, false, false, 8,  false, Impersonation, 0.95),
        (3, 3, false, false, 8,  false, Impersonation, 0.982),
        (1, 3, false, false, 8,  false, Impersonation, 0.958),
        // A close name or exact handle that depends on lookalikes.
        (2, 0, true,  false, 0,  false, Impersonation, 0.95),
        (2, 1, true,  false, 8,  false, Impersonation, 0.965),
        (0, 3, true,  false, 8,  false, Impersonation, 0.97),
        // An I/l swap with affixes: only for protected handles of 6+ letters.
        (0, 2, true,  true,  12, false, Impersonation, 0.95),
        (0, 2, true,  true,  5,  false, Clear,         0.375),
        // A copied avatar with any resemblance.
        (1, 0, false, false, 0,  true,  Impersonation, 0.944),
        (0, 2, false, false, 5,  true,  Impersonation, 0.96),
        (0, 1, false, false, 8,  true,  Suspicious,    0.716),
    ];

    #[test]
    fn the_verdict_table() {
        for &(name, handle, deceptive, il_swap, target_len, avatar, verdict, score) in TABLE {
            let s = Strengths {
                name,
                handle,
                deceptive,
                il_swap,
                target_len,
                avatar,
                bio: false,
                lone_trick: false,
            };
            assert_eq!(decide(s), (verdict, score), "{s:?}");
        }
    }

    /// A one-trick handle under an own, unrelated name: clear alone, flagged with any second signal.
    #[test]
    fn a_lone_trick_needs_a_second_signal() {
        let trick = Strengths {
            handle: 2,
            target_len: 8,
            lone_trick: true,
            ..Strengths::default()
        };
        assert_eq!(decide(trick).0, Clear);
        assert_eq!(
            decide(Strengths {
                lone_trick: false,
                ..trick
            })
            .0,
            Suspicious
        );
        assert_eq!(
            decide(Strengths {
                deceptive: true,
                ..trick
            })
            .0,
            Suspicious
        );
        assert_eq!(decide(Strengths { bio: true, ..trick }).0, Impersonation);
        assert_eq!(
            decide(Strengths {
                avatar: true,
                ..trick
            })
            .0,
            Impersonation
        );
    }

    #[test]
    fn scores_stay_in_their_verdicts_band_and_grow_with_each_signal() {
        let band = |v| match v {
            Impersonation => 0.8..=1.0,
            Suspicious => 0.5..=0.8,
            _ => 0.0..=0.5,
        };
        let reachable = |s: &Strengths| !(s.il_swap && s.handle >= 2 && !s.deceptive);
        for n in 0..=3 {
            for h in 0..=3 {
                for bits in 0..16u8 {
                    let s = Strengths {
                        name: n,
                        handle: h,
                        deceptive: bits & 1 != 0,
                        il_swap: bits & 2 != 0,
                        target_len: 8,
                        avatar: bits & 4 != 0,
                        bio: bits & 8 != 0,
                        lone_trick: false,
                    };
                    let (v, score) = decide(s);
                    assert!(band(v).contains(&score), "{s:?}: {v:?} {score}");
                    for more in [
                        Strengths {
                            name: (n + 1).min(3),
                            ..s
                        },
                        Strengths {
                            handle: (h + 1).min(3),
                            ..s
                        },
                        Strengths { bio: true, ..s },
                    ]
                    .into_iter()
                    // An I/l swap in a matching handle is always deceptive (rules::deceptive): the
                    // table need not order strengths that never occur.
                    .filter(|m| reachable(&s) && reachable(m))
                    {
                        let (v2, score2) = decide(more);
                        assert!((v2, score2) >= (v, score), "{s:?} -> {more:?}");
                    }
                }
            }
        }
    }
}
