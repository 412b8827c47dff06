//! One-trick edits that cost two or more edits: a letter moved three or more places (`pastayck`,
//! `paytacks` for paystack; a swap of neighbours is an ordinary one-edit typo),
//! two neighbouring letters replaced by one doubled letter (`zeniqqbank`), and every copy of one vowel
//! changed to another (`metomosk` for metamask). An edit distance counts these as 2 or more, beyond the
//! typo limit of keys under 10 letters, yet each is one trick a reader's eye skips over.
//!
//! Each trick is checked exactly (`trick`), so the evidence can say what was done; the index finds the
//! candidates through keys that such an edit leaves unchanged (`vowel_key`, `pair_deletions`; a moved
//! letter is found by the one-deletion neighbourhood already). Only keys of MIN_TRICK_LEN+ letters:
//! shorter ones leave too few letters in place to tell a trick from another word. A trick alone
//! flags nothing under a display name that is the owner's own (verdict/decide.rs `lone_trick`): these
//! edits make ordinary words of a brand's handle (@paystaff, @firstball).

/// Shortest protected key (fold key, in characters) matched through a trick.
pub(crate) const MIN_TRICK_LEN: usize = 7;

/// Vowels as typosquatting generators swap them (y included, as ail-typo-squatting's vowel swap does).
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// What was done to the protected key.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Trick {
    /// `letter` taken out and put back `places` places further on or back (2 or more).
    Moved { letter: char, places: usize },
    /// `from` (one or two letters in a row) replaced by the doubled letter `to`.
    Doubled { from: String, to: char },
    /// Every copy (`count`, 2 or more) of the vowel `from` changed to the vowel `to`.
    VowelSwap { from: char, to: char, count: usize },
}

/// The one trick that turns `t` (a protected fold key) into `p` (a profile's), if any. Edits of one
/// letter are typos and are not reported here.
pub(crate) fn trick(p: &str, t: &str) -> Option<Trick> {
    // Asked of every candidate's targets, and of the handle's cores: the lengths first, without
    // allocating. Every trick keeps the length but one (a letter replaced by a doubled one: one more).
    let (pn, tn) = (p.chars().count(), t.chars().count());
    if tn < MIN_TRICK_LEN || (pn != tn && pn != tn + 1) || p == t {
        return None;
    }
    let (p, t) = (super::chars(p), super::chars(t));
    moved(&p, &t)
        .or_else(|| doubled(&p, &t))
        .or_else(|| vowel_swap(&p, &t))
}

/// The differing middles of `p` and `t` once their common start and end are set aside.
fn middles<'a>(p: &'a [char], t: &'a [char]) -> (&'a [char], &'a [char]) {
    let start = p.iter().zip(t).take_while(|(a, b)| a == b).count();
    let room = p.len().min(t.len()) - start;
    let end = p
        .iter()
        .rev()
        .zip(t.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    (&p[start..p.len() - end], &t[start..t.len() - end])
}

fn moved(p: &[char], t: &[char]) -> Option<Trick> {
    if p.len() != t.len() {
        return None;
    }
    let (pm, tm) = middles(p, t);
    // Two letters in a row swapped is one edit (a transposition), a typo.
    let m = tm.len();
    if m < 3 {
        return None;
    }
    let forward = pm[..m - 1] == tm[1..] && pm[m - 1] == tm[0];
    let back = pm[1..] == tm[..m - 1] && pm[0] == tm[m - 1];
    let letter = if forward {
        tm[0]
    } else if back {
        tm[m - 1]
    } else {
        return None;
    };
    Some(Trick::Moved {
        letter,
        places: m - 1,
    })
}

fn doubled(p: &[char], t: &[char]) -> Option<Trick> {
    let (pm, tm) = middles(p, t);
    // Two letters replaced by a doubled one (both changed, else it is one substitution), or one letter
    // replaced by a doubled other letter.
    match (pm, tm) {
        ([a, b], [x, y]) if a == b && a.is_alphabetic() && a != x && a != y => {
            Some(Trick::Doubled {
                from: [*x, *y].iter().collect(),
                to: *a,
            })
        }
        ([a, b], [x]) if a == b && a.is_alphabetic() && a != x => Some(Trick::Doubled {
            from: x.to_string(),
            to: *a,
        }),
        _ => None,
    }
}

fn vowel_swap(p: &[char], t: &[char]) -> Option<Trick> {
    if p.len() != t.len() {
        return None;
    }
    let mut pair = None;
    let mut count = 0;
    for (&a, &b) in p.iter().zip(t) {
        if a == b {
            continue;
        }
        if !is_vowel(a) || !is_vowel(b) || pair.is_some_and(|pr| pr != (b, a)) {
            return None;
        }
        pair = Some((b, a));
        count += 1;
    }
    let (from, to) = pair?;
    // Every copy changed, and more than one (one is a typo).
    (count >= 2 && !p.contains(&from)).then_some(Trick::VowelSwap { from, to, count })
}

/// The key a vowel swap leaves unchanged: the key with every vowel written as `*`, for a key of
/// MIN_TRICK_LEN+ letters; for a protected key, only when some vowel comes twice (else any swap is
/// one edit, a typo).
pub(crate) fn vowel_key(key: &str, protected: bool) -> Option<String> {
    let n = key.chars().count();
    if n < MIN_TRICK_LEN || !key.chars().any(is_vowel) {
        return None;
    }
    if protected {
        let repeated = ['a', 'e', 'i', 'o', 'u', 'y']
            .iter()
            .any(|v| key.chars().filter(|c| c == v).count() >= 2);
        if !repeated {
            return None;
        }
    }
    let mut out = String::with_capacity(key.len() + 2);
    out.push_str("v:");
    out.extend(key.chars().map(|c| if is_vowel(c) { '*' } else { c }));
    Some(out)
}

/// A protected key with each pair of neighbouring letters taken out: what a profile's key with that
/// pair replaced by a doubled letter leaves once its doubled letter is taken out too.
pub(crate) fn pair_deletions(key: &str, mut f: impl FnMut(&str)) {
    let chars = super::char_indices(key);
    let mut s = String::with_capacity(key.len());
    for w in chars.windows(2) {
        let end = w[1].0 + w[1].1.len_utf8();
        s.clear();
        s.push_str(&key[..w[0].0]);
        s.push_str(&key[end..]);
        f(&s);
    }
}

/// A profile's key with each doubled letter taken out (both copies).
pub(crate) fn doubled_taken_out(key: &str, mut f: impl FnMut(&str)) {
    let chars = super::char_indices(key);
    let mut s = String::with_capacity(key.len());
    for w in chars.windows(2) {
        if w[0].1 == w[1].1 && w[0].1.is_alphabetic() {
            let end = w[1].0 + w[1].1.len_utf8();
            s.clear();
            s.push_str(&key[..w[0].0]);
            s.push_str(&key[end..]);
            f(&s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_trick_is_named() {
        assert_eq!(
            trick("oensepa", "opensea"),
            Some(Trick::Moved {
                letter: 'p',
                places: 4
            })
        );
        assert_eq!(
            trick("zenqqhbank", "zenithbank"),
            Some(Trick::Doubled {
                from: "it".into(),
                to: 'q'
            })
        );
        assert_eq!(
            trick("metomosk", "metamask"),
            Some(Trick::VowelSwap {
                from: 'a',
                to: 'o',
                count: 2
            })
        );
        // The last letter replaced by a doubled one.
        assert_eq!(
            trick("paystaczz", "paystack"),
            Some(Trick::Doubled {
                from: "k".into(),
                to: 'z'
            })
        );
    }

    #[test]
    fn one_edit_and_other_edits_are_not_tricks() {
        assert_eq!(trick("paystcak", "paystack"), None, "a transposition");
        assert_eq!(trick("metomask", "metamask"), None, "one vowel of two");
        assert_eq!(trick("zenitbbank", "zenithbank"), None, "one substitution");
        assert_eq!(trick("metumosk", "metamask"), None, "two vowels for one");
        assert_eq!(trick("oensep", "opense"), None, "too short");
        assert_eq!(trick("opensea", "opensea"), None);
    }

    #[test]
    fn keys_meet_where_the_trick_was() {
        assert_eq!(vowel_key("metomosk", false), vowel_key("metamask", true));
        assert_eq!(vowel_key("binance", true), None, "no vowel twice");
        let mut pairs = Vec::new();
        pair_deletions("zenithbank", |s| pairs.push(s.to_string()));
        let mut out = Vec::new();
        doubled_taken_out("zenqqhbank", |s| out.push(s.to_string()));
        assert_eq!(out, vec!["zenhbank".to_string()]);
        assert!(pairs.contains(&out[0]));
    }
}
