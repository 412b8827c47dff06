//! Skeleton glue: the UTS #39 skeleton (`unicode-security`) turned into the fold and glyph keys of
//! one character, plus the lookalikes confusables.txt lacks (`override_map`).

use super::collapse_rn;
use std::borrow::Cow;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lookalikes that confusables.txt lacks (after Chromium's extra mappings, plus West African letters
/// that have no decomposition: Hausa ɓ ɗ ƙ ƴ, Akan ɛ ɔ).
pub(super) fn override_map(c: char) -> Option<&'static str> {
    Some(match c {
        'ħ' | 'н' | 'ћ' | 'ң' | 'ҥ' | 'ӈ' | 'ӊ' | 'ԋ' | 'ԧ' | 'ԩ' | 'Ħ' | 'Н' | 'Ң' | 'Ҥ' => {
            "h"
        }
        'ĸ' | 'κ' | 'к' | 'қ' | 'ҝ' | 'ҟ' | 'ҡ' | 'ӄ' | 'ԟ' | 'ƙ' | 'Ƙ' | 'К' | 'Қ' | 'Κ' => {
            "k"
        }
        'ŧ' | 'т' | 'ҭ' | 'ԏ' | 'Ŧ' | 'Т' | 'Ҭ' => "t",
        'ł' | 'Ł' | 'ӏ' => "l",
        'ø' | 'Ø' | 'ɔ' | 'Ɔ' => "o",
        'đ' | 'Đ' | 'ɗ' | 'Ɗ' => "d",
        'þ' | 'Þ' => "p",
        'ɓ' | 'Ɓ' | 'ь' | 'ъ' | 'Ь' => "b",
        'ƴ' | 'Ƴ' => "y",
        'ɛ' | 'Ɛ' => "e",
        'ŋ' | 'Ŋ' | 'п' => "n",
        'г' => "r",
        'ш' => "w",
        // Canadian syllabics of "fancy text" alphabets (ᗩᗷᑕᗪ…) that confusables.txt maps elsewhere
        // or not at all (it reads ᑎ as Armenian Ո, ᗯ as Cyrillic Ѡ).
        'ᗩ' => "a",
        'ᑕ' => "c",
        'ᗴ' | 'ᕮ' => "e",
        'ᘜ' => "g",
        'ᑎ' => "n",
        'ᑫ' => "q",
        'ᔕ' => "s",
        'ᗯ' => "w",
        'ᘔ' => "z",
        // Small capitals, which confusables.txt mostly leaves alone.
        'ᴀ' => "a",
        'ʙ' => "b",
        'ᴄ' => "c",
        'ᴅ' => "d",
        'ᴇ' | '℮' => "e",
        'ꜰ' => "f",
        'ɢ' => "g",
        'ʜ' => "h",
        'ɪ' => "i",
        'ᴊ' => "j",
        'ᴋ' => "k",
        'ʟ' => "l",
        'ᴍ' => "m",
        'ɴ' => "n",
        'ᴏ' => "o",
        'ᴘ' => "p",
        'ʀ' => "r",
        'ꜱ' => "s",
        'ᴛ' => "t",
        'ᴜ' => "u",
        'ᴠ' => "v",
        'ᴡ' => "w",
        'ʏ' => "y",
        'ᴢ' => "z",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        _ => return None,
    })
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
    if let Some(o) = override_map(c) {
        return (o.to_string(), o.to_string());
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
