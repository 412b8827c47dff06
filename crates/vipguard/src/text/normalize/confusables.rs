//! Skeleton glue: the UTS #39 skeleton (`unicode-security`) turned into the fold and glyph keys of
//! one character, plus the lookalikes confusables.txt lacks (`lookalikes.txt`).

use super::collapse_rn;
use std::borrow::Cow;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lookalikes that confusables.txt lacks or reads as something other than a Latin letter: Chromium's
/// extra skeleton mappings and vipguard's own (`lookalikes.txt`, which says where each comes from).
struct Lookalikes {
    /// Character -> (fold reading, glyph reading).
    map: rustc_hash::FxHashMap<char, (&'static str, &'static str)>,
}

fn lookalikes() -> &'static Lookalikes {
    static TABLE: OnceLock<Lookalikes> = OnceLock::new();
    TABLE.get_or_init(|| Lookalikes::parse(include_str!("lookalikes.txt")))
}

impl Lookalikes {
    fn parse(text: &'static str) -> Self {
        let mut map = rustc_hash::FxHashMap::default();
        // Letters mapped to one letter, for the prototype rule below.
        let mut single: Vec<(char, &'static str)> = Vec::new();
        let rules = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or(""))
            .flat_map(|l| l.split(';'))
            .filter_map(|r| r.split_once('>'));
        for (from, to) in rules {
            let (fold, glyph) = to.split_once('|').unwrap_or((to, to));
            let (fold, glyph) = (ascii_key(fold.trim()), ascii_key(glyph.trim()));
            if fold.is_empty() || glyph.is_empty() {
                continue; // dashes: separators here anyway
            }
            let from = from.trim();
            let chars = from
                .strip_prefix('[')
                .and_then(|f| f.strip_suffix(']'))
                .unwrap_or(from);
            for c in chars.chars().filter(|c| !c.is_whitespace()) {
                map.insert(c, (fold, glyph));
                if fold == glyph && fold.chars().count() == 1 {
                    single.push((c, fold));
                }
            }
        }
        // The UTS #39 prototype of a letter read here as one letter reads as that letter too, and with
        // it every character sharing the prototype: є reads e, its prototype is ꞓ, so ε and ɛ read e.
        for (c, key) in single {
            let mut buf = [0; 4];
            let proto: Vec<char> = unicode_security::skeleton(c.encode_utf8(&mut buf)).collect();
            if let [p] = proto[..] {
                if !p.is_ascii() && p != c {
                    map.entry(p).or_insert((key, key));
                }
            }
        }
        Lookalikes { map }
    }
}

/// A rule's key as a typed ASCII name's letters and digits read (0 as o): leaked once, the table lives
/// as long as the program.
fn ascii_key(key: &str) -> &'static str {
    let read: String = key
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(|c| {
            let mut buf = [0; 4];
            let sk: String = unicode_security::skeleton(c.encode_utf8(&mut buf)).collect();
            sk.to_lowercase().chars().collect::<Vec<_>>()
        })
        .collect();
    Box::leak(read.into_boxed_str())
}

/// The fold reading of a lookalike from `lookalikes.txt`.
pub(super) fn override_map(c: char) -> Option<&'static str> {
    lookalikes().map.get(&c).map(|k| k.0)
}

/// Both readings (fold, glyph) of a lookalike from `lookalikes.txt`.
fn override_keys(c: char) -> Option<(&'static str, &'static str)> {
    lookalikes().map.get(&c).copied()
}

/// One step of key derivation: skeleton, then lowercase, dropping marks the skeleton leaves.
pub(super) fn step(s: &str) -> String {
    // Keys hold letters and digits only: some letters have punctuation prototypes (ː -> :).
    let sk: String = unicode_security::skeleton(s).collect();
    let mut out = String::new();
    for c in sk
        .nfkd()
        .filter(|c| c.is_alphanumeric() && !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
    {
        match override_map(c) {
            Some(o) => out.push_str(o),
            None => out.push(c),
        }
    }
    out
}

/// (fold, glyph) keys of one character. Two steps reach a fixed point: `M` -> `m` -> `rn`, so a capital
/// and a small letter always get the same key. The fold key lowercases first (capital I stays i); where
/// that leads outside ASCII but the glyph key does not (Cyrillic М -> м -> ʍ), the glyph key is used.
pub(super) fn slow_keys(c: char) -> (String, String) {
    if let Some((fold, glyph)) = override_keys(c) {
        return (fold.to_string(), glyph.to_string());
    }
    let mut buf = [0; 4];
    let glyph = step(&step(c.encode_utf8(&mut buf)));
    let lower: String = c.to_lowercase().collect();
    let fold = step(&step(&lower));
    // A non-Latin capital that looks like a Latin letter is read as that letter in both keys (Greek Β
    // lowercases to β, whose prototype is ß); a capital I-lookalike folds to i, as Latin I does.
    if !c.is_ascii() && c.is_uppercase() && glyph.is_ascii() && !glyph.is_empty() {
        let fold = if glyph == "l" {
            "i".to_string()
        } else {
            glyph.clone()
        };
        return (fold, glyph);
    }
    // Each key falls back on the other where one lands outside ASCII or on nothing (ð -> ∂ is dropped).
    if (fold.is_empty() || !fold.is_ascii()) && glyph.is_ascii() && !glyph.is_empty() {
        return (glyph.clone(), glyph);
    }
    if glyph.is_empty() {
        // A letter whose prototype is punctuation (Hebrew yod -> ') stays itself rather than vanish.
        let fold = if fold.is_empty() { lower } else { fold };
        return (fold.clone(), fold);
    }
    (fold, glyph)
}

/// The fold key of a single character (used for symbols that stand in for letters).
pub(super) fn fold_char(c: char) -> String {
    slow_keys(c).0
}

/// The keys of one base letter, and what it looks like when it is a lookalike from outside ASCII.
#[derive(Clone)]
pub(super) struct LetterKeys {
    pub(super) fold: String,
    pub(super) glyph: String,
    pub(super) looks: Option<String>,
}

/// Letters up to the end of the Cyrillic block (Latin, IPA, Greek, Cyrillic, and the ASCII letters an
/// accented one decomposes to) have their keys computed once, on first use: the skeleton steps of one
/// such letter cost about as much as reading a whole ASCII name.
pub(super) const CACHED_LETTERS: usize = 0x530;

pub(super) fn map_letter(c: char) -> Cow<'static, LetterKeys> {
    static CACHE: [OnceLock<LetterKeys>; CACHED_LETTERS] =
        [const { OnceLock::new() }; CACHED_LETTERS];
    match CACHE.get(c as usize) {
        Some(cell) => Cow::Borrowed(cell.get_or_init(|| letter_keys(c))),
        None => Cow::Owned(letter_keys(c)),
    }
}

pub(super) fn letter_keys(c: char) -> LetterKeys {
    let (fold, glyph) = slow_keys(c);
    let plain_lower: String = c.to_lowercase().collect();
    let looks = if !c.is_ascii() && fold != plain_lower && fold.is_ascii() && !fold.is_empty() {
        Some(display_target(c, &fold))
    } else {
        None
    };
    LetterKeys { fold, glyph, looks }
}

/// What a lookalike should be described as: keep the case of the original (І looks like I, not l).
pub(super) fn display_target(c: char, fold: &str) -> String {
    let fold = &collapse_rn(fold.to_string());
    if c.is_uppercase() {
        if fold == "l" {
            return "I".into();
        }
        let mut chars = fold.chars();
        match chars.next() {
            Some(f) => f.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    } else {
        fold.to_string()
    }
}
