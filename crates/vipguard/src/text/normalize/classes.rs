//! Character classes normalisation sorts by: blanks that read as a space, invisible and direction
//! controls, decorations, styled letters, and which scripts' accents are dropped for matching.

use super::Action;
use unicode_normalization::char::{decompose_canonical, decompose_compatible, is_combining_mark};
use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};
use unicode_security::GeneralSecurityProfile;

pub(super) fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Which regional indicator symbols stand alone. Two in a row display as a flag (🇬🇭), as Unicode pairs
/// them; one alone displays as a boxed capital letter, which is how "fancy text" writes names
/// (🇰\u{200B}🇼\u{200B}🇦: the invisible characters keep them from pairing). Empty when there are none.
pub(super) fn lone_regional_indicators(chars: &[char]) -> Vec<bool> {
    if !chars.iter().any(|&c| is_regional_indicator(c)) {
        return Vec::new();
    }
    let mut lone = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        if is_regional_indicator(chars[i]) {
            if chars.get(i + 1).is_some_and(|&n| is_regional_indicator(n)) {
                i += 2;
                continue;
            }
            lone[i] = true;
        }
        i += 1;
    }
    lone
}

/// Scripts whose accents we ignore for matching (Sadio Mané = Sadio Mane). Elsewhere marks are letters.
pub(super) fn strips_marks(s: Script) -> bool {
    matches!(
        s,
        Script::Latin | Script::Greek | Script::Cyrillic | Script::Common | Script::Inherited
    )
}

/// Latin letters that read as another Latin letter: small capitals are styling (ᴀ, ɴ); letters such as
/// ø, ł, ɓ, ɗ, ɛ, ɔ, ß are how names are spelled (Søren, Ɗanjuma, Kɔfi). Letters no orthography uses,
/// phonetic ones such as ɑ and ɡ, are lookalikes: UTS #39 tells the two apart (identifier status
/// Allowed, against Technical, Obsolete or Uncommon_Use).
pub(super) fn latin_variant_action(c: char) -> Option<Action> {
    if c.script() != Script::Latin {
        return None;
    }
    let small_capital = matches!(
        c,
        '\u{1D00}'..='\u{1D2B}' | 'ʀ' | 'ʙ' | 'ɢ' | 'ʜ' | 'ɪ' | 'ʟ' | 'ɴ' | 'ʏ' | 'ꜰ' | 'ꜱ'
    );
    Some(if small_capital {
        Action::Styled
    } else if c.identifier_allowed() {
        Action::Diacritic
    } else {
        Action::Lookalike
    })
}

/// Letters and marks that render as a blank: Hangul fillers, the Braille blank, the Mongolian vowel
/// separator.
pub(super) fn is_filler(c: char) -> bool {
    matches!(
        c,
        '\u{3164}' | '\u{115F}' | '\u{1160}' | '\u{FFA0}' | '\u{2800}' | '\u{180E}'
    )
}

/// Bidi embeddings, overrides, isolates and marks: invisible, and they reorder the text after them
/// (error messages and the CLI's table keep them out of a terminal).
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// Default-ignorable, format and bidi control characters.
pub(super) fn is_invisible(c: char) -> bool {
    // The skeleton drops exactly the default-ignorable code points, which include every bidi control,
    // zero-width character, variation selector and tag character.
    if c.is_ascii() {
        return false;
    }
    // U+0640 ARABIC TATWEEL only stretches the letters beside it (a kashida): a filler, not a letter;
    // so are the presentation forms that are a tatweel carrying marks (ﹱ is tatweel + fathatan).
    matches!(c, '\u{061C}' | '\u{0640}' | '\u{FCF2}'..='\u{FCF4}' | '\u{FE71}' | '\u{FE77}' | '\u{FE79}' | '\u{FE7B}' | '\u{FE7D}' | '\u{FE7F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{00AD}' | '\u{034F}')
        || unicode_security::skeleton(c.encode_utf8(&mut [0; 4]))
            .next()
            .is_none()
}

/// Characters that do not show, or show as a blank that is not a space: zero-width, format and
/// direction controls, fillers, and blanks other than a space or a no-break space (which people type
/// between names, and which read as a space). Evidence writes them as markers.
pub(crate) fn is_hidden(c: char) -> bool {
    c.is_control()
        || is_invisible(c)
        || is_filler(c)
        || (c.is_whitespace() && c != ' ' && c != '\u{a0}')
}

/// Check marks (✅ ✔ ✓ ☑ 🗸 and their heavy and ballot-box forms): in a display name they imitate the
/// platform's verified badge.
pub(crate) fn is_check_mark(c: char) -> bool {
    matches!(
        c,
        '\u{2611}' | '\u{2705}' | '\u{2713}' | '\u{2714}' | '\u{1F5F8}' | '\u{1F5F9}'
    )
}

/// Emoji, pictographs, dingbats, arrows, enclosed and other symbols people decorate names with.
pub(super) fn is_decoration(c: char) -> bool {
    let cp = c as u32;
    !c.is_ascii()
        && !(0x2000..=0x206F).contains(&cp) // general punctuation: plain separators
        && !matches!(cp, 0x00A1..=0x00BF if cp != 0x00A9 && cp != 0x00AE) // Latin-1 punctuation
}

/// Styled letters: characters whose compatibility decomposition is a different letter or digit
/// (𝐀 → A, Ａ → A, ⓐ → a, ﬁ → fi, ² → 2). Returns the plain text, or None.
pub(super) fn styled_fold(c: char) -> Option<String> {
    // Negative circled and negative squared capitals (🅐, 🅰) have no decomposition; parenthesized
    // letters (⒜, 🄐) decompose with their parentheses, and are symbols rather than letters.
    let enclosed = match c as u32 {
        cp @ 0x1F150..=0x1F169 => Some((b'A', cp - 0x1F150)),
        cp @ 0x1F170..=0x1F189 => Some((b'A', cp - 0x1F170)),
        cp @ 0x1F110..=0x1F129 => Some((b'A', cp - 0x1F110)),
        cp @ 0x249C..=0x24B5 => Some((b'a', cp - 0x249C)),
        _ => None,
    };
    if let Some((first, k)) = enclosed {
        return Some(char::from(first + k as u8).to_string());
    }
    // Symbols such as ™ decompose to letters too, but they are decorations, not styled letters.
    if c.is_ascii() || !c.is_alphanumeric() {
        return None;
    }
    let mut canon = String::new();
    decompose_canonical(c, |p| canon.push(p));
    let mut compat = String::new();
    decompose_compatible(c, |p| compat.push(p));
    if compat == canon {
        return None;
    }
    let plain: String = compat.nfc().filter(|p| !is_combining_mark(*p)).collect();
    if !plain.is_empty() && plain.chars().all(|p| p.is_alphanumeric()) {
        Some(plain)
    } else {
        None
    }
}
