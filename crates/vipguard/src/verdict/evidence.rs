//! The evidence a reviewer reads: one function per signal (name, characters, handle, avatar, intent),
//! plus why a resemblance is still clear, the label found and where the input was cut. Sentences come
//! from `wording.rs`; this module decides what to say, and what is worth saying.

use super::prepare::{Prepared, TargetKind};
use super::wording::{
    self, Elements, HandleWords, LabelPlace, Lang, LinkWords, Lookalike, NameMatchWords,
};
use super::{signals, Assessment, ProfileView};
use crate::avatar::matcher::AvatarMatch;
use crate::avatar::region::{matched_regions, Area};
use crate::avatar::views::Undone;
use crate::formats::{Account, AreaShape, AvatarRegion, CharEvidence, Evidence, PictureArea};
use crate::text::edit::{edit_count_ascii, edits, steps, Edit, Op};
use crate::text::handle::{ascii_digit, stands_for, HandleHow};
use crate::text::labels::{Label, Place};
use crate::text::limits::{MAX_BIO_CHARS, MAX_HANDLE_CHARS, MAX_NAME_CHARS};
use crate::text::name::{self, NameHow};
use crate::text::normalize::{char_name, code_point, is_check_mark, normalize, Action, Change};

/// The evidence for the chosen account, signal by signal.
pub(super) fn explain(
    lang: Lang,
    v: &ProfileView,
    a: &Account,
    p: &Prepared,
    b: &Assessment,
) -> Vec<Evidence> {
    let mut out = Vec::new();
    out.extend(name(lang, v, a, b));
    out.extend(characters(lang, v, a, b));
    out.extend(badge(lang, v));
    out.extend(handle(lang, v, a, p, b));
    if b.handle_explained {
        out.push(Evidence::new(
            "handle",
            wording::handle_explained(lang, &v.profile.handle),
        ));
    } else if b.handle_counted_once && b.name.is_some() {
        out.push(Evidence::new(
            "handle",
            wording::handle_counted_once(lang, &v.profile.handle),
        ));
    }
    if let Some(m) = &b.avatar {
        out.push(avatar(lang, a, m, &v.undone));
    }
    if !b.cues.is_empty() || b.link.is_some() {
        out.push(bio(lang, b));
    }
    if b.deceptive {
        out.push(Evidence::new("intent", wording::intent(lang)));
    }
    out.push(elements(lang, v, p, b));
    out
}

/// The bio's claims and scam cues, quoted, and a link imitating the account's sites.
fn bio(lang: Lang, b: &Assessment) -> Evidence {
    let cues: Vec<(&str, &str)> = b.cues.iter().map(|c| (c.what, c.phrase.as_str())).collect();
    let link = b.link.as_ref().map(|l| {
        let how = match l.how.how {
            HandleHow::SameKey { .. } => LinkWords::SameName,
            HandleHow::Affix { .. } => LinkWords::WordsAdded,
            HandleHow::Embedded { .. } => LinkWords::Inside,
            HandleHow::Typo { .. } | HandleHow::EmbeddedTypo { .. } | HandleHow::Trick(..) => {
                LinkWords::Typo
            }
        };
        (l.host.as_str(), l.imitates.as_str(), how, l.in_field)
    });
    Evidence {
        protected: b.link.as_ref().map(|l| l.imitates.clone()),
        ..Evidence::new("bio", wording::bio(lang, &cues, link))
    }
}

/// The identity elements the verdict rests on (X's policy weighs name, image and false affiliation).
fn elements(lang: Lang, v: &ProfileView, p: &Prepared, b: &Assessment) -> Evidence {
    let s = &b.strengths;
    // A copied name with "Foundation" or "Management" beside it claims a body that speaks for it;
    // not a word of the protected name itself (Associated Press), and each word once.
    let mut claimed: Vec<String> = Vec::new();
    if let Some((_, i)) = b.name.as_ref().filter(|_| s.name >= 1) {
        let theirs = &p.names[*i];
        for w in v.name.fold_words().filter(|w| name::is_affiliation_word(w)) {
            let word = as_written(&v.profile.name, w);
            if !theirs.fold_words().any(|t| t == w) && !claimed.contains(&word) {
                claimed.push(word);
            }
        }
    }
    let e = Elements {
        name: s.name >= 1,
        handle: s.handle >= 1,
        image: s.avatar,
        affiliation: s.bio,
        claimed: &claimed,
    };
    Evidence::new(
        "elements",
        wording::elements(lang, &e, v.profile.platform == "x"),
    )
}

/// How the display name matches the protected name, an alias, or a protected handle it spells.
fn name(lang: Lang, v: &ProfileView, a: &Account, b: &Assessment) -> Option<Evidence> {
    let (m, i) = b.name.as_ref()?;
    let protected = match &m.how {
        NameHow::SpellsHandle { handle } => format!("@{handle}"),
        _ if *i == 0 => a.name.clone(),
        _ => a.aliases[i - 1].clone(),
    };
    let extra: Vec<String>;
    let how = match &m.how {
        NameHow::Same => NameMatchWords::Same,
        NameHow::Contains { extra: words } => {
            extra = words
                .iter()
                .map(|w| as_written(&v.profile.name, w))
                .collect();
            NameMatchWords::Contains(&extra)
        }
        NameHow::Similar => NameMatchWords::Similar(m.similarity),
        NameHow::SpellsHandle { .. } => NameMatchWords::SpellsHandle,
    };
    let detail = wording::name(lang, how, &v.profile.name, *i > 0, &protected);
    Some(Evidence {
        protected: Some(protected),
        similarity: Some(m.similarity),
        ..Evidence::new("name", detail)
    })
}

/// A word of the name's fold key as the profile writes it: "Officiel", "إبراهيما", not the keys
/// "officiel" and "lبرloىمl" (an Arabic word's key holds the Latin letters some of its letters resemble).
/// The key itself when no word of the name is that word alone.
fn as_written(name: &str, key_word: &str) -> String {
    // Without the punctuation around the word: "Lagos" in "Dangote | Lagos, Nigeria", "not" in "(not
    // parody)".
    name.split_whitespace()
        .map(|w| w.trim_matches(|c: char| c.is_ascii_punctuation()))
        .find(|w| normalize(w, MAX_NAME_CHARS).fold == key_word)
        .unwrap_or(key_word)
        .to_string()
}

/// Each lookalike, hidden or styled character of a matching name, and words that mix scripts or styles.
fn characters(lang: Lang, v: &ProfileView, a: &Account, b: &Assessment) -> Vec<Evidence> {
    let mut out = Vec::new();
    let protected_name = b.name.as_ref().map(|(_, i)| {
        if *i == 0 {
            a.name.as_str()
        } else {
            a.aliases[i - 1].as_str()
        }
    });
    let mut changes: Vec<Change> = v.name.changes().to_vec();
    // Every digit a matching name reads as a letter of the protected name, also in a word too short
    // to decide by (0b1 for Obi) and when no word is leetspeak enough to decide by ("Peter 0bi",
    // which the fold key reads as Obi without the loose reading).
    if let Some(n) = protected_name {
        // The protected name's words are asked about only for a word written with digits.
        let fold = if v.profile.name.bytes().any(|b| b.is_ascii_digit()) {
            normalize(n, MAX_NAME_CHARS).fold
        } else {
            String::new()
        };
        let words: Vec<&str> = fold.split_whitespace().collect();
        let shown = name::tricks_shown(&v.profile.name, &words);
        let known: Vec<char> = changes.iter().map(|c| c.ch).collect();
        changes.extend(shown.into_iter().filter(|c| !known.contains(&c.ch)));
    }
    // An accent the protected name itself carries (Sowé for Sowé) is no evidence of anything.
    changes.retain(|c| {
        c.action != Action::Diacritic || !protected_name.is_some_and(|n| n.contains(c.ch))
    });
    // A check mark is said on its own, as the fake badge it is (`badge`).
    changes.retain(|c| !(c.action == Action::Decoration && is_check_mark(c.ch)));
    let chars = char_evidence(&changes, "name");
    if !chars.is_empty() && b.name.is_some() {
        let deceptive = changes.iter().filter(|c| c.action.is_deceptive()).count();
        let detail = wording::chars(lang, deceptive, &summarize(lang, &chars));
        out.push(Evidence {
            chars: Some(chars),
            ..Evidence::new("characters", detail)
        });
    }
    if v.name.mixed_script_word() && b.name.is_some() {
        out.push(Evidence::new("script", wording::mixed_script(lang)));
    }
    if v.name.mixed_style_word() && b.name.is_some() {
        out.push(Evidence::new("script", wording::mixed_style(lang)));
    }
    out
}

/// A check mark in the display name, which imitates the platform's verified badge.
fn badge(lang: Lang, v: &ProfileView) -> Option<Evidence> {
    let c = v.name.check_mark()?;
    Some(Evidence::new(
        "badge",
        wording::fake_badge(lang, c, &code_point(c), &char_name(c)),
    ))
}

/// How the handle matches the protected handle, official handle or name written as a handle.
fn handle(
    lang: Lang,
    v: &ProfileView,
    a: &Account,
    p: &Prepared,
    b: &Assessment,
) -> Option<Evidence> {
    let best = b.handle.as_ref()?;
    let shown = signals::shown_handle(v, p, a, best);
    let (m, i) = shown.as_ref().unwrap_or(best);
    let t = &p.targets[*i];
    let what = || match t.kind {
        TargetKind::Handle => wording::Target::Handle(&t.keys.display()),
        TargetKind::Official => wording::Target::Official(&t.keys.display()),
        TargetKind::Name => wording::Target::Name(&t.keys.display()),
    };
    // The sentence quotes the handle as given; edits are worked out on the part people read as the
    // name (Mastodon's `user` of `user@server`), as the keys were.
    let h = &v.profile.handle;
    let local = &v.handle.display();
    let mut e = Evidence {
        protected: Some(t.keys.display().to_string()),
        ..Default::default()
    };
    e.detail = match &m.how {
        HandleHow::SameKey { il_swap: false } if local.eq_ignore_ascii_case(&t.keys.display()) => {
            e.distance = Some(0);
            let how = HandleWords::SameElsewhere(&v.profile.platform);
            wording::handle(lang, h, how, what())
        }
        HandleHow::SameKey { il_swap } => {
            if !il_swap {
                e.distance = Some(0);
            }
            let tricks = lookalike_tricks(
                local,
                &t.keys.display(),
                *il_swap,
                &v.handle.fold(),
                &t.keys.fold(),
            );
            let identical = m.strength == 3 && !tricks.is_empty();
            let edit = if tricks.contains(&Lookalike::RN) {
                rn_edit(lang, &t.keys.display(), local)
            } else if let Some(l) = leet_with_separators(lang, t.keys.display(), local)
                .or_else(|| leet_edit(lang, t.keys.display(), local))
            {
                // Digits for letters named together, each pair once: "'e' written as '3' (twice)";
                // after "looks identical", which says what they are, the pairs alone.
                let leet = if identical {
                    wording::leet_list(lang, &l.pairs)
                } else {
                    wording::leet_letters(lang, &l.pairs)
                };
                wording::edits_and_leet(lang, l.rest.as_deref(), &leet)
            } else {
                explain_edit(lang, &t.keys.display(), local)
            };
            let how = if identical {
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
            // The protected handle's letters written as digits in the core (@p3t3r0b1_official):
            // the handle without its affixes, when that is the protected handle one for one.
            let protected = letters(t.keys.display());
            let leet = cores_without_affixes(&letters(local), affixes)
                .into_iter()
                .filter_map(|core| leet_edit(lang, &protected, &core))
                .find(|l| l.rest_count == 0)
                .map(|l| wording::leet_letters(lang, &l.pairs));
            let how = HandleWords::Affix {
                affixes,
                il_swap: *il_swap,
                leet: leet.as_deref(),
            };
            wording::handle(lang, h, how, what())
        }
        HandleHow::Embedded { il_swap } => {
            // Found with digits read as letters (`HandleKeys::digits_inside`): the digits named, as for
            // the whole handle (@l1ndaikeji_blog: 'i' written as '1'). Found with capital I read as l,
            // that said as for the handle with affixes (@lindalkeji_blog).
            // Both (@l1ndalkeji_blog): the digits named on the handles with capital I written l.
            let leet = if *il_swap {
                let l_for_i = |h: &str| h.replace('I', "l");
                (!v.handle.glyph().contains(&*t.keys.glyph()))
                    .then(|| leet_inside(lang, &l_for_i(t.keys.display()), &l_for_i(local)))
                    .flatten()
            } else {
                // Named unless the handle writes the protected letters as they are: the fold key
                // reads 0 as o, so @0simhen_fc's fold holds @Osimhen but its letters do not.
                let lower = |s: &str| letters(s).to_lowercase();
                (!lower(local).contains(&lower(t.keys.display())))
                    .then(|| leet_inside(lang, t.keys.display(), local))
                    .flatten()
            };
            let how = HandleWords::Embedded {
                leet: leet.as_deref(),
                il_swap: *il_swap,
            };
            wording::handle(lang, h, how, what())
        }
        HandleHow::Trick(trick, affixes) => {
            wording::handle(lang, h, HandleWords::Trick(trick, affixes), what())
        }
        HandleHow::EmbeddedTypo { segment, distance } => {
            // A word whose digits the keys read as letters is described as written (@0s1mhen_fc:
            // "0s1mhen", 'i' written as '1', not "oslmhen" with 'i' replaced by 'l'); a 1 read as i
            // has its own reading below (`written_segment`).
            let digits = v
                .handle
                .written_segment(segment)
                .is_none()
                .then(|| word_with_digits(lang, v, (&t.keys.display(), &t.keys.fold()), segment))
                .flatten();
            // A digit before the word that stands for a letter the typo lacks (@fc0s1mhen: "s1mhen"
            // is @Osimhen with 'o' dropped, where the handle writes that o as 0): the word with it.
            let digits = widened_word(lang, v, &t.keys.display(), segment, *distance).or(digits);
            if let Some((word, l)) = digits {
                digits_word(lang, h, &word, &l, &mut e, what())
            } else {
                let mut edit = explain_edit(lang, &t.keys.fold(), segment);
                // A word read with a 1 as i (`HandleKeys::written_segment`) is quoted as written, and
                // the digit named beside the edits (`support_b1nnance`: 'i' written as '1').
                let written = v.handle.written_segment(segment);
                if let Some(w) = &written {
                    // The word and its reading differ only where a 1 was read as i.
                    let pairs: Vec<(char, char)> = segment
                        .chars()
                        .zip(w.chars())
                        .filter(|(r, w)| r != w)
                        .collect();
                    let leet = wording::leet_letters(lang, &pairs);
                    edit = wording::edits_and_leet(lang, Some(&edit), &leet);
                }
                e.distance = Some(*distance);
                let how = HandleWords::EmbeddedTypo {
                    segment: written.as_deref().unwrap_or(segment),
                    distance: *distance,
                    edit: &edit,
                };
                let d = wording::handle(lang, h, how, what());
                e.edit = Some(edit);
                d
            }
        }
        HandleHow::Typo { distance } => {
            // Explained on the keys whose distance was found (the fold keys, else the keys with
            // digits or capital I read as letters), so the edits listed are as many as it says.
            let (p, k) = (&v.handle, &t.keys);
            // The leet key with each '1' read as i (`HandleKeys::one_as_i`) last, so it is chosen
            // only when the keys that read 1 as l are further.
            let one_as_i = p.one_as_i.as_deref().unwrap_or(p.leet());
            let pairs = [
                (&k.fold(), &p.fold()),
                (&k.leet(), &p.leet()),
                (&k.glyph(), &p.glyph()),
                (&k.leet(), &one_as_i),
            ];
            // Each pair's edits worked out once; the first pair's when none has as many.
            let (chosen, ops) = pairs
                .iter()
                .map(|(a, b)| edits(a, b))
                .enumerate()
                .find(|(_, e)| e.as_ref().is_some_and(|e| e.len() == *distance))
                .unwrap_or_else(|| (0, edits(&k.fold(), &p.fold())));
            // The fold and leet keys read digits as letters: the edits name what the handle shows
            // (@T1waSavage: 'i' replaced by '1', not by 'l').
            let ops = match chosen {
                0 | 1 | 3 => ops.map(|ops| ops_as_written(ops, pairs[chosen].1, local)),
                _ => ops,
            };
            // The digits the key read as letters, found where the edits leave the handle as written.
            let keyed_leet = match (&ops, chosen) {
                (Some(ops), 0 | 1 | 3) => {
                    let (from, to) = (pairs[chosen].0, pairs[chosen].1);
                    leet_on_keys(lang, ops, from, to, local, t.keys.display())
                }
                _ => None,
            };
            let edit = word_edits(lang, ops, pairs[chosen].0);
            // Read through lookalikes (vv as w, capital I as l): say which.
            let mut tricks = Vec::new();
            if chosen == 2 {
                let vv = |s: &str| s.to_ascii_lowercase().contains("vv");
                if local.contains('I') || k.display().contains('I') {
                    tricks.push(Lookalike::IL);
                }
                if vv(local) && !vv(&k.display()) {
                    tricks.push(Lookalike::VV);
                }
            }
            // Digits read as letters are no typing edits: each is named as written, and the
            // distance is what is left (@p3t3r0b1 is @PeterObi with digits for letters, not "1 edit:
            // 'i' replaced by '1'", the one digit the key does not read as the protected letter).
            let leet = keyed_leet
                .or_else(|| leet_edit(lang, &letters(t.keys.display()), &letters(local)))
                .filter(|l| l.rest_count <= *distance);
            let d = match &leet {
                Some(l) if l.rest_count == 0 => {
                    // The same handle once digits are letters: its separators said too, as for a
                    // handle whose keys are equal (@dav1do_: "and '_' added at the end").
                    let written = wording::leet_letters(lang, &l.pairs);
                    let seps = leet_with_separators(lang, t.keys.display(), local)
                        .filter(|s| s.pairs == l.pairs)
                        .and_then(|s| s.rest);
                    let edit = wording::edits_and_leet(lang, seps.as_deref(), &written);
                    e.distance = Some(0);
                    let d = wording::handle(lang, h, HandleWords::ReadsSame(&edit), what());
                    e.edit = Some(edit);
                    d
                }
                Some(l) => {
                    let written = wording::leet_letters(lang, &l.pairs);
                    let rest = l.rest.as_deref().unwrap_or_default();
                    e.distance = Some(l.rest_count);
                    e.edit = Some(wording::edits_and_leet(lang, Some(rest), &written));
                    let how = HandleWords::TypoAndLeet {
                        distance: l.rest_count,
                        edit: rest,
                        leet: &written,
                        tricks: &tricks,
                    };
                    wording::handle(lang, h, how, what())
                }
                None => {
                    e.distance = Some(*distance);
                    let how = HandleWords::Typo {
                        distance: *distance,
                        edit: &edit,
                        tricks: &tricks,
                    };
                    let d = wording::handle(lang, h, how, what());
                    e.edit = Some(edit);
                    d
                }
            };
            d
        }
    };
    e.signal = "handle".into();
    Some(e)
}

/// The avatar copy, and what had to be undone to see it (mirrored, cropped, a badge …).
fn avatar(lang: Lang, a: &Account, m: &AvatarMatch, undone: &Undone) -> Evidence {
    let changes = wording::avatar_changes(lang, undone, m.view, m.variant, m.mirrored, m.reframe);
    Evidence {
        distance: Some(m.distance as usize),
        region: Some(region(m, undone)),
        ..Evidence::new(
            "avatar",
            wording::avatar(lang, &a.name, m.distance, &changes),
        )
    }
}

/// The matched part of each picture, to three decimals (a thousandth of a 180-pixel thumbnail is
/// far below a pixel, and the geometry is not that precise anyway).
fn region(m: &AvatarMatch, undone: &Undone) -> AvatarRegion {
    let r = matched_regions(m, undone);
    let round = |v: f32| (v as f64 * 1000.0).round() / 1000.0;
    let area = |a: Area| PictureArea {
        shape: if a.round {
            AreaShape::Circle
        } else {
            AreaShape::Box
        },
        x: round(a.x),
        y: round(a.y),
        w: round(a.w),
        h: round(a.h),
    };
    AvatarRegion {
        profile: area(r.profile),
        protected: area(r.protected),
        mirrored: m.mirrored,
        approximate: r.approximate,
        band_left_out: r.band_left_out.map(|(a, b)| [round(a), round(b)]),
    }
}

/// Why a profile that resembles something is still clear.
pub(super) fn near_miss(lang: Lang, v: &ProfileView, a: &Account, b: &Assessment) -> Evidence {
    let detail = if b.handle_explained {
        wording::near_miss_own_name(lang, &v.profile.handle, &a.name)
    } else {
        wording::near_miss_weak(lang, &a.name, &a.id)
    };
    Evidence::new("note", detail)
}

/// The word of the handle as written that `segment` reads from, where it writes digits for letters
/// (`HandleKeys::written_word`), with those digits and its other edits from the protected handle
/// (`display`, its key `fold`) worked out on the characters it shows: nothing but digits for letters
/// (@0s1mhen_fc), else the typing edits counted on the word read with its digits as letters
/// (`read_word`), so that a digit is never counted as an edit where it stands for the letter there
/// (@sparkle_mark00 is "Mark Ojo" with 'j' dropped and 'o' written as '0' twice).
fn word_with_digits(
    lang: Lang,
    v: &ProfileView,
    (display, fold): (&str, &str),
    segment: &str,
) -> Option<(String, LeetEdit)> {
    let word = v.handle.written_word(segment)?;
    if let Some(l) = leet_edit(lang, &letters(display), &word).filter(|l| l.rest_count == 0) {
        return Some((word, l));
    }
    let read = read_word(fold, segment, &word);
    let ops = edits(fold, &read)?;
    let shown: Vec<char> = word.chars().collect();
    // A digit is named as a letter where no edit touches it; else the edit names it as written.
    let touched = |j: usize| {
        ops.iter().any(|op| match op.edit {
            Edit::Swapped(..) => op.to == j || op.to + 1 == j,
            Edit::Dropped(_) => false,
            _ => op.to == j,
        })
    };
    let pairs: Vec<(char, char)> = read
        .chars()
        .zip(&shown)
        .enumerate()
        .filter(|&(j, (_, w))| !w.is_alphabetic() && !touched(j))
        .map(|(_, (r, w))| (r, *w))
        .collect();
    let rest_count = ops.len();
    let rest = word_edits(lang, Some(ops_as_written(ops, &read, &word)), fold);
    Some((
        word,
        LeetEdit {
            pairs,
            rest: (rest_count > 0).then_some(rest),
            rest_count,
        },
    ))
}

/// The stretch of the handle that `segment` (a word found `distance` edits from the protected handle
/// `display`) reads from, with the digit or symbol before it, when that is fewer edits from the
/// protected handle with the digits read as letters: @fc0s1mhen's "0s1mhen" for "simhen", whose 'o'
/// dropped the handle writes as '0' before it. Not a digit after the word: a digit ending a word is
/// a number after a name (@chioma4_fashion is "chioma" with 'a' dropped, and a 4 after it).
fn widened_word(
    lang: Lang,
    v: &ProfileView,
    display: &str,
    segment: &str,
    distance: usize,
) -> Option<(String, LeetEdit)> {
    let written: Vec<char> = v.handle.display().chars().collect();
    let word = v.handle.written_segment(segment);
    let span = v.handle.written_span(word.as_deref().unwrap_or(segment))?;
    let before = span.start.checked_sub(1)?;
    if written[before].is_alphabetic() || !compared(written[before]) {
        return None;
    }
    let stretch: String = written[before..span.end].iter().collect();
    let edit = leet_edit(lang, &letters(display), &stretch)?;
    (edit.rest_count < distance).then_some((stretch, edit))
}

/// `segment` (a fold key, which reads 1 as l) with each 1 the handle writes there read as i instead,
/// when that is fewer edits from the protected key `fold`: the letters the word stands for.
fn read_word(fold: &str, segment: &str, word: &str) -> String {
    let as_i: String = segment
        .chars()
        .zip(word.chars())
        .map(|(s, w)| if w == '1' { 'i' } else { s })
        .collect();
    let cost = |s: &str| edits(fold, s).map_or(usize::MAX, |ops| ops.len());
    if cost(&as_i) < cost(segment) {
        as_i
    } else {
        segment.to_string()
    }
}

/// `word_with_digits`'s word in words: nothing but digits for letters is the protected handle inside
/// the handle (as @d4vid0_blog's); with other edits, the word quoted as written, its edits counted
/// without the digits, and the digits named beside them.
fn digits_word(
    lang: Lang,
    h: &str,
    word: &str,
    l: &LeetEdit,
    e: &mut Evidence,
    what: wording::Target,
) -> String {
    let leet = wording::leet_letters(lang, &l.pairs);
    if l.rest_count == 0 {
        let how = HandleWords::Embedded {
            leet: Some(&leet),
            il_swap: false,
        };
        return wording::handle(lang, h, how, what);
    }
    // Every digit may sit where an edit names it as written: then there is no digit to read.
    let edit = match (&l.rest, l.pairs.is_empty()) {
        (Some(rest), true) => rest.clone(),
        (rest, _) => wording::edits_and_leet(lang, rest.as_deref(), &leet),
    };
    e.distance = Some(l.rest_count);
    let how = HandleWords::EmbeddedTypo {
        segment: word,
        distance: l.rest_count,
        edit: &edit,
    };
    let d = wording::handle(lang, h, how, what);
    e.edit = Some(edit);
    d
}

/// The edits that turn `from` into `to`, in words ("'i' replaced by '1'", "'__' added at the end").
fn explain_edit(lang: Lang, from: &str, to: &str) -> String {
    word_edits(lang, edits(from, to), from)
}

/// A handle's letters written as digits or symbols, in words (`wording::leet_letters`), and its
/// other edits (`rest`, worded as `explain_edit` does, and how many: `rest_count`).
struct LeetEdit {
    /// (the protected letter, the character written for it), in the handle's order.
    pairs: Vec<(char, char)>,
    rest: Option<String>,
    rest_count: usize,
}

/// The edits that turn `from` into `to` with the letters `to` writes as digits or symbols (3 for e,
/// @ for a) taken apart; None when it writes none.
fn leet_edit(lang: Lang, from: &str, to: &str) -> Option<LeetEdit> {
    // Only a digit, @, $ or | stands for a letter (`stands_for`): without one on either side no
    // replacement can be leetspeak, and the edit table need not be filled (most handles have none).
    // (Full-width and mathematical digits too, as the ASCII digits they are.)
    let leet_like = |c: char| ascii_digit(c).is_ascii_digit() || matches!(c, '@' | '$' | '|');
    if !from.chars().chain(to.chars()).any(leet_like) {
        return None;
    }
    // Only a replacement writes one character for another. With no more edits than the lengths
    // differ by, every edit is a character added or dropped: the table need not be filled (a typo's
    // handle holding a number, @AdaObxi4123 for @AdaObi4123, has digits on both sides).
    if edit_count_ascii(from, to) == Some(from.len().abs_diff(to.len())) {
        return None;
    }
    let ops = edits(from, to)?;
    let digit = |op: &Op| {
        matches!(op.edit, Edit::Replaced(l, w)
            if l.is_alphabetic() && !w.is_alphabetic() && stands_for(w, l))
    };
    if !ops.iter().any(digit) {
        return None;
    }
    // Beside digits, a letter of another script the keys read as the protected one is named with
    // them (Cyrillic е for e), rather than as a replacement beside them.
    let read_as = |op: &Op| digit(op) || matches!(op.edit, Edit::Replaced(l, w) if lookalike(w, l));
    let pairs: Vec<(char, char)> = ops
        .iter()
        .filter(|op| read_as(op))
        .filter_map(|op| match op.edit {
            Edit::Replaced(l, w) => Some((l, w)),
            _ => None,
        })
        .collect();
    let rest: Vec<Op> = ops.into_iter().filter(|op| !read_as(op)).collect();
    let rest_count = rest.len();
    Some(LeetEdit {
        pairs,
        rest: (!rest.is_empty()).then(|| word_edits(lang, Some(rest), from)),
        rest_count,
    })
}

/// The letters a longer handle writes as digits where it holds the protected handle (`protected`):
/// the first stretch of its letters as long as the protected handle's that is it with digits or
/// symbols for letters and no other edit, in words (`wording::leet_letters`).
fn leet_inside(lang: Lang, protected: &str, handle: &str) -> Option<String> {
    let protected = letters(protected);
    let written: Vec<char> = letters(handle).chars().collect();
    let n = protected.chars().count();
    written
        .windows(n)
        .filter_map(|w| leet_edit(lang, &protected, &w.iter().collect::<String>()))
        .find(|l| l.rest_count == 0)
        .map(|l| wording::leet_letters(lang, &l.pairs))
}

/// `handle` (its letters, digits and symbols) with each of `affixes` taken off its start or its end,
/// ignoring case and reading digits as the affix's letters (0ff1c1al for official): every way of
/// doing so, as either end may fit (@ngoziokonj0_ng: its "ng" is the end's, not Ngozi's Ng).
fn cores_without_affixes(handle: &str, affixes: &[String]) -> Vec<String> {
    let mut cores = vec![handle.chars().collect::<Vec<char>>()];
    for a in affixes {
        let a: Vec<char> = a.to_lowercase().chars().collect();
        if a.is_empty() {
            return Vec::new();
        }
        let fits = |part: &[char]| {
            part.iter().zip(&a).all(|(w, l)| {
                w.to_lowercase().eq(std::iter::once(*l))
                    || (!w.is_alphabetic() && stands_for(*w, *l))
            })
        };
        let mut next = Vec::new();
        for core in &cores {
            if core.len() < a.len() {
                continue;
            }
            if fits(&core[..a.len()]) {
                next.push(core[a.len()..].to_vec());
            }
            if fits(&core[core.len() - a.len()..]) {
                next.push(core[..core.len() - a.len()].to_vec());
            }
        }
        // Two affixes at two ends make four readings at most; past that, no naming is worth it.
        next.truncate(8);
        cores = next;
    }
    cores.into_iter().map(|c| c.into_iter().collect()).collect()
}

/// `leet_edit` for a handle whose letters are the protected handle's one for one (digits for some):
/// the digits found on the letters of both, so that a separator beside a digit cannot draw the
/// alignment off it (@tiwasavag3_ is 'e' written as '3' and '_' added, not '3' inserted and 'e'
/// replaced by '_'), and the separators named from the handle with its letters put back.
fn leet_with_separators(lang: Lang, display: &str, local: &str) -> Option<LeetEdit> {
    let (from, to) = (letters(display), letters(local));
    let l = leet_edit(lang, &from, &to).filter(|l| l.rest_count == 0)?;
    let (from, to): (Vec<char>, Vec<char>) = (from.chars().collect(), to.chars().collect());
    if from.len() != to.len() {
        return None;
    }
    // The handle as written, each digit, symbol or lookalike named put back as its letter.
    let mut k = 0;
    let restored: String = local
        .chars()
        .map(|c| {
            if !compared(c) {
                return c;
            }
            let p = from[k];
            k += 1;
            let read_as = (!c.is_alphabetic() && stands_for(c, p)) || lookalike(c, p);
            if read_as {
                p
            } else {
                c
            }
        })
        .collect();
    let seps = edits(display, &restored).filter(|ops| !ops.is_empty());
    Some(LeetEdit {
        rest: seps.map(|ops| word_edits(lang, Some(ops), display)),
        rest_count: 0,
        pairs: l.pairs,
    })
}

/// A letter of another script that reads as the Latin `letter` (Cyrillic Т for T).
fn lookalike(w: char, letter: char) -> bool {
    !w.is_ascii()
        && w.is_alphabetic()
        && normalize(&w.to_string(), 4).fold == letter.to_lowercase().to_string()
}

/// The letters a handle (`written`) writes as digits or symbols, from the edits `ops` between the
/// protected key `from` and the profile's key `to` that read them as letters: those the key reads as
/// the protected letter (no edit there, so the edits alone never name them), and those an edit
/// replaced with a digit that stands for the protected letter (1 for i, read as l). Letters as the
/// protected handle `display` shows them. None unless both keys are their handles one for one, or
/// when the handle writes no letter as a digit.
fn leet_on_keys(
    lang: Lang,
    ops: &[Op],
    from: &str,
    to: &str,
    written: &str,
    display: &str,
) -> Option<LeetEdit> {
    let shown = crate::text::chars(&letters(written));
    let key = crate::text::chars(to);
    // A digit or symbol, the key's letter, or a lookalike the key reads as it (Cyrillic Т for t).
    let read_as_key = |(w, k): (&char, &char)| {
        w.to_lowercase().eq(k.to_lowercase()) || !w.is_alphabetic() || lookalike(*w, *k)
    };
    if shown.len() != key.len() || !shown.iter().zip(&key).all(read_as_key) {
        return None;
    }
    // The protected letters with their case, where the key is the handle one for one.
    let protected: Vec<char> = {
        let d: Vec<char> = display.chars().filter(|c| c.is_alphanumeric()).collect();
        if d.len() == from.chars().count() {
            d
        } else {
            from.chars().collect()
        }
    };
    let mut pairs: Vec<(usize, char, char)> = Vec::new();
    let mut rest: Vec<Op> = Vec::new();
    let (mut i, mut j) = (0, 0);
    // Characters left as they are between `(i, j)` and the next edit, both strings in step.
    let same_until = |i: &mut usize, j: &mut usize, to_j: usize, pairs: &mut Vec<_>| {
        while *j < to_j {
            let (p, w) = (*protected.get(*i)?, shown[*j]);
            if !w.to_lowercase().eq(p.to_lowercase()) {
                pairs.push((*j, p, w));
            }
            *i += 1;
            *j += 1;
        }
        Some(())
    };
    for op in ops {
        if op.from.checked_sub(i)? != op.to.checked_sub(j)? {
            return None;
        }
        same_until(&mut i, &mut j, op.to, &mut pairs)?;
        let (di, dj) = match op.edit {
            // The key's letter (l for 1) replaced: the character the handle shows there.
            Edit::Replaced(..)
                if !shown[j].is_alphabetic() && stands_for(shown[j], *protected.get(i)?) =>
            {
                pairs.push((j, protected[i], shown[j]));
                (1, 1)
            }
            Edit::Replaced(l, _) => {
                rest.push(Op {
                    edit: Edit::Replaced(l, shown[j]),
                    ..*op
                });
                (1, 1)
            }
            Edit::Swapped(..) => {
                rest.push(*op);
                (2, 2)
            }
            Edit::Dropped(_) => {
                rest.push(*op);
                (1, 0)
            }
            Edit::Inserted(_) => {
                rest.push(Op {
                    edit: Edit::Inserted(shown[j]),
                    ..*op
                });
                (0, 1)
            }
            Edit::Doubled(_) => {
                rest.push(*op);
                (0, 1)
            }
        };
        i += di;
        j += dj;
    }
    same_until(&mut i, &mut j, shown.len(), &mut pairs)?;
    // Lookalike letters alone (an accent, usual in a French or Yoruba name) are no digits for
    // letters: they are named beside digits, never instead of them (@pétérobii: "'i' doubled").
    if !pairs.iter().any(|(_, _, w)| !w.is_alphabetic()) {
        return None;
    }
    pairs.sort_by_key(|p| p.0);
    let pairs: Vec<(char, char)> = pairs.into_iter().map(|(_, p, w)| (p, w)).collect();
    let rest_count = rest.len();
    Some(LeetEdit {
        pairs,
        rest: (!rest.is_empty()).then(|| word_edits(lang, Some(rest), from)),
        rest_count,
    })
}

/// The characters of a handle its letters are compared by: letters, digits and the symbols that
/// stand for letters, not the separators the keys leave out.
fn letters(handle: &str) -> String {
    crate::text::kept(handle, |c| compared(*c))
}

/// Whether `letters` keeps `c`: a letter, a digit or a symbol that stands for a letter.
fn compared(c: char) -> bool {
    c.is_alphanumeric() || (c.is_ascii_punctuation() && ('a'..='z').any(|l| stands_for(c, l)))
}

/// The edits of a handle that writes m as rn (@rntnng for @MTNNG): that step named as one, then
/// whatever else changed, rather than "'r' added and 'm' replaced by 'n'". Only an rn that stands
/// where the protected handle has m (reading it as m saves both its edits): @lagosgovernrnent keeps
/// the rn of "govern".
fn rn_edit(lang: Lang, from: &str, to: &str) -> String {
    let cost = |s: &str| edits(from, s).map_or(usize::MAX, |ops| ops.len());
    let mut read = to.to_string();
    loop {
        let now = cost(&read);
        let best = read
            .match_indices("rn")
            .map(|(i, _)| {
                let mut t = read.clone();
                t.replace_range(i..i + 2, "m");
                t
            })
            .min_by_key(|t| cost(t));
        match best {
            Some(t) if cost(&t).saturating_add(2) <= now => read = t,
            _ => break,
        }
    }
    if read == to {
        return explain_edit(lang, from, to);
    }
    let rest = edits(from, &read).filter(|ops| !ops.is_empty());
    let rest = rest.map(|ops| word_edits(lang, Some(ops), from));
    wording::m_written_as_rn(lang, rest.as_deref())
}

/// `ops` (from a protected key to the profile's `key`) with the profile's characters as `written` in
/// its handle, where the key read them otherwise (a digit as a letter). Only when the key is the
/// handle's characters one for one, separators left out; else `ops` as they are.
fn ops_as_written(ops: Vec<Op>, key: &str, written: &str) -> Vec<Op> {
    let shown: Vec<char> = written
        .chars()
        .filter(|c| !matches!(c, '_' | '.' | '-'))
        .collect();
    let read = crate::text::chars(key);
    // One for one: each character shown is the key's letter, or a digit read as it (not a letter
    // folded into two, or an invisible character dropped, that happen to leave the same length).
    let aligned = shown.len() == read.len()
        && shown
            .iter()
            .zip(&read)
            .all(|(w, r)| w.is_ascii_digit() || w.to_ascii_lowercase() == *r);
    if !aligned {
        return ops;
    }
    // The digit shown at the profile key's position `i`, else the key's letter `c`.
    let at = |i: usize, c: char| match shown.get(i) {
        Some(w) if w.is_ascii_digit() => *w,
        _ => c,
    };
    ops.into_iter()
        .map(|op| match op.edit {
            Edit::Replaced(old, new) => Op {
                edit: Edit::Replaced(old, at(op.to, new)),
                ..op
            },
            Edit::Inserted(c) => Op {
                edit: Edit::Inserted(at(op.to, c)),
                ..op
            },
            // A letter and a digit read as it ("davido0", "o0lamide"): the digit added where it
            // stands, not the letter doubled. Either of the pair may be the one the edit names.
            Edit::Doubled(c) => {
                let digit = [op.to, op.to + 1, op.to.wrapping_sub(1)]
                    .into_iter()
                    .find(|&i| read.get(i) == Some(&c) && at(i, c) != c);
                match digit {
                    Some(i) => Op {
                        edit: Edit::Inserted(at(i, c)),
                        from: (op.from + i).saturating_sub(op.to),
                        to: i,
                    },
                    None => op,
                }
            }
            _ => op,
        })
        .collect()
}

/// Edits of `from` as `explain_edit` words them; None is a pair too long to explain.
fn word_edits(lang: Lang, ops: Option<Vec<Op>>, from: &str) -> String {
    match ops {
        None => wording::too_long(lang).into(),
        Some(ops) if ops.is_empty() => wording::only_case(lang).into(),
        Some(ops) => wording::edits(lang, &steps(&ops, from.chars().count()), ops.len()),
    }
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
    // French sets a no-break space before a semicolon, as its other sentences do.
    parts.join(if lang == Lang::Fr { "\u{a0}; " } else { "; " })
}

pub(super) fn label_evidence(lang: Lang, platform: &str, labels: &[&Label]) -> Evidence {
    // Each label word once, in the order found: the name and the bio often say the same one.
    let mut words: Vec<&str> = Vec::new();
    for l in labels {
        if !words.contains(&l.word) {
            words.push(l.word);
        }
    }
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

/// Label words written in superscript, small capitals, styled or lookalike letters: found, and not
/// counted (`text::labels`), each said once with how it is written.
pub(super) fn unplain_labels(lang: Lang, platform: &str, labels: &[&Label]) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = Vec::new();
    let mut said: Vec<&str> = Vec::new();
    for l in labels {
        let Some(how) = l.unplain else { continue };
        if said.contains(&l.written.as_str()) {
            continue;
        }
        said.push(&l.written);
        out.push(Evidence {
            compliant: Some(false),
            ..Evidence::new(
                "label",
                wording::unplain_label(lang, platform == "x", &l.written, l.word, how),
            )
        });
    }
    out
}

pub(super) fn input_notes(lang: Lang, v: &ProfileView) -> Vec<Evidence> {
    let mut out = Vec::new();
    let mut note = |field: &str, limit: usize| {
        out.push(Evidence::new(
            "input",
            wording::truncated(lang, field, limit),
        ))
    };
    if v.name.truncated() {
        note("name", MAX_NAME_CHARS);
    }
    if v.handle.truncated {
        note("handle", MAX_HANDLE_CHARS);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// (protected key, profile key, handle as written) -> the edits in words: the handle's own
    /// characters where the key read a digit as a letter; else the key's, as they are.
    #[test]
    fn edits_name_the_characters_the_handle_shows() {
        let cases = [
            (
                "tiwasavage",
                "tlwasavage",
                "T1waSavage",
                "'i' replaced by '1'",
            ),
            ("davido", "davidoo", "davido0", "'0' added at the end"),
            ("olamide", "oolamide", "o0lamide", "'0' inserted"),
            ("olamide", "olamiide", "olamiide", "'i' doubled"),
            // The keys leave separators out; the handle keeps them.
            ("peterobi", "peterobl", "peter_ob1", "'i' replaced by '1'"),
            // Not one for one (a letter that folds into two): the key's letters, unchanged.
            ("davido", "dzavido", "ǆavido", "'z' inserted"),
        ];
        for (from, key, written, want) in cases {
            let ops = edits(from, key).map(|ops| ops_as_written(ops, key, written));
            assert_eq!(word_edits(Lang::En, ops, from), want, "{written}");
        }
    }

    /// (protected handle, its key, the profile's key, the handle as written) -> the letters written as
    /// digits, every one, and the edits left: the key reads most digits as letters, so the edits
    /// alone name only the one it reads otherwise (1 as l for i).
    #[test]
    fn every_digit_for_a_letter_is_named() {
        let cases = [
            (
                "PeterObi",
                "peterobi",
                "peterobl",
                "p3t3r0b1",
                "digits for letters: 'e' written as '3' (twice), 'O' as '0' and 'i' as '1'",
                None,
            ),
            (
                "PeterObi",
                "peterobi",
                "peterobli",
                "p3t3rob1i",
                "digits for letters: 'e' written as '3' (twice)",
                Some("'1' inserted"),
            ),
            (
                "PeterObi",
                "peterobi",
                "peterrobi",
                "peterr0bi",
                "a digit for a letter: 'O' written as '0'",
                Some("'r' doubled"),
            ),
            (
                "TiwaSavage",
                "tiwasavage",
                "tlwasavage",
                "Т1waSavage",
                "lookalikes for letters: 'T' written as 'Т' (U+0422) and 'i' as '1'",
                None,
            ),
            (
                "TiwaSavage",
                "tiwasavage",
                "tiwasavagee",
                "Tiw@Sav4gee",
                "digits and symbols for letters: 'a' written as '@' and 'a' as '4'",
                Some("'e' doubled"),
            ),
        ];
        for (display, from, key, written, leet, rest) in cases {
            let ops = edits(from, key).unwrap();
            let ops = ops_as_written(ops, key, written);
            let l = leet_on_keys(Lang::En, &ops, from, key, written, display).expect(written);
            assert_eq!(wording::leet_letters(Lang::En, &l.pairs), leet, "{written}");
            assert_eq!(l.rest.as_deref(), rest, "{written}");
            assert_eq!(l.rest_count, usize::from(rest.is_some()), "{written}");
        }
        // No digit for a letter: nothing to add to the edits.
        let ops = edits("peterobi", "peterrobi").unwrap();
        assert!(leet_on_keys(
            Lang::En,
            &ops,
            "peterobi",
            "peterrobi",
            "peterrobi",
            "PeterObi"
        )
        .is_none());
        // A digit for another letter is an edit (8 is b, not o).
        let ops = edits("peterobi", "peterbbi").unwrap();
        let ops = ops_as_written(ops, "peterbbi", "peter8bi");
        assert!(leet_on_keys(
            Lang::En,
            &ops,
            "peterobi",
            "peterbbi",
            "peter8bi",
            "PeterObi"
        )
        .is_none());
    }

    /// Capital and small letters written as one digit are each named as the protected handle writes
    /// them (@1dr1ss for @Idriss), in both languages.
    #[test]
    fn capital_and_small_letter_named_apart() {
        let pairs = [('I', '1'), ('i', '1'), ('o', '0'), ('o', '0')];
        assert_eq!(
            wording::leet_letters(Lang::En, &pairs),
            "digits for letters: 'I' and 'i' written as '1' and 'o' as '0' (twice)"
        );
        assert_eq!(
            wording::leet_letters(Lang::Fr, &pairs),
            "des chiffres pour des lettres\u{a0}: 'I' et 'i' écrits '1' et 'o' écrit '0' (deux fois)"
        );
        let same = [('i', '1'), ('i', '1'), ('I', '1')];
        assert_eq!(
            wording::leet_list(Lang::En, &same),
            "'i' and 'I' written as '1' (3 times)"
        );
    }

    /// The handle as written against the protected handle as shown (keys equal): digits named
    /// together, other edits apart; None without a digit for a letter.
    #[test]
    fn letters_written_as_digits_beside_other_edits() {
        let l = leet_edit(Lang::En, "AdaezeOkonkwo", "Adaeze_0konkwo").unwrap();
        assert_eq!(l.pairs, [('O', '0')]);
        assert_eq!(l.rest.as_deref(), Some("'_' inserted"));
        let l = leet_edit(Lang::Fr, "myetherwallet", "my3th3rwall3t").unwrap();
        assert_eq!(
            wording::leet_letters(Lang::Fr, &l.pairs),
            "des chiffres pour des lettres\u{a0}: 'e' écrit '3' (3 fois)"
        );
        assert_eq!(l.rest, None);
        assert!(leet_edit(Lang::En, "PeterObi", "Реterobi").is_none());
    }

    #[test]
    fn rn_for_m_only_where_the_protected_handle_has_m() {
        let rn = |a, b| rn_edit(Lang::En, a, b);
        assert_eq!(rn("MTNNG", "rntnng"), "'m' written as 'rn'");
        assert_eq!(
            rn("lagosgovernment", "lagosgovernrnent"),
            "'m' written as 'rn'"
        );
        assert_eq!(
            rn("MetaMask", "rnetamask_"),
            "'m' written as 'rn', and '_' added at the end"
        );
        // An rn added, not standing for an m: the plain edits.
        assert_eq!(rn("MTNNG", "MTNNGrn"), "'rn' added at the end");
    }

    #[test]
    fn edit_explanations() {
        let explain = |a, b| explain_edit(Lang::En, a, b);
        assert_eq!(explain("davido", "dav1do"), "'i' replaced by '1'");
        assert_eq!(explain("davido", "davdo"), "'i' dropped");
        assert_eq!(explain("davido", "daviddo"), "'d' doubled");
        assert_eq!(explain("davido", "davidox"), "'x' added at the end");
        assert_eq!(explain("davido", "dav_ido"), "'_' inserted");
        assert_eq!(
            explain("AdaezeOkonkwo", "Adaeze_0konkwo"),
            "'_' inserted and 'O' replaced by '0'"
        );
        assert_eq!(
            explain("KwabenaMensah", "KwabenaMensah__"),
            "'__' added at the end"
        );
        assert_eq!(
            explain("kwabena", "kuabena_gh_tv"),
            "'w' replaced by 'u' and '_gh_tv' added at the end"
        );
        assert_eq!(
            explain("kwabenamensah", "kvvabenamansahh"),
            "4 characters changed"
        );
        assert_eq!(
            explain("AlikoDangote", "AIikoDangote"),
            "'l' replaced by 'I'"
        );
        assert_eq!(explain("Davido", "davido"), "only the letter case changed");
        assert_eq!(explain("İstanbul", "istanbul"), "'İ' replaced by 'i'");
        assert_eq!(explain(&"a".repeat(65), "a"), "too many changes to list");
        assert_eq!(explain_edit(Lang::Fr, "davido", "davdo"), "'i' supprimé");
        assert_eq!(
            explain_edit(Lang::Fr, "KwabenaMensah", "KwabenaMensah__"),
            "'__' ajouté à la fin"
        );
    }
}
