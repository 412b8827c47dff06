//! Normalisation for matching, never for display.
//!
//! A display name or handle is turned into two comparison keys and a trace of every character that was
//! changed on the way, so a reviewer can be shown exactly which characters were lookalikes:
//!
//! * `fold`  — casefold first, then UTS #39 skeleton: case-insensitive, `i` and `l` stay distinct;
//! * `glyph` — skeleton first, then casefold: capital `I` becomes `l`, catching I/l swaps that only work
//!   because of how the capital letter looks.
//!
//! The per-character steps, in order: unusual blanks become spaces; invisible, format and bidi characters
//! are removed; accents are dropped for Latin, Greek and Cyrillic bases (kept for scripts where marks are
//! letters, such as Devanagari); stacked or enclosing marks are reported as abuse; emoji and symbols are
//! removed as decorations; styled letters (mathematical alphanumerics, fullwidth, circled) are folded by
//! compatibility decomposition; finally confusables are mapped by the `unicode-security` skeleton plus a
//! small override layer for lookalikes confusables.txt lacks. Everything that is not a letter or digit
//! separates words.

mod ascii;
mod char_names;
#[cfg(test)]
mod char_names_tests;
mod classes;
mod confusables;
#[cfg(test)]
mod properties;

pub(crate) use self::char_names::{char_name, code_point};
pub use self::classes::is_direction_control;
pub(crate) use self::classes::{is_check_mark, is_hidden};

use self::ascii::{ascii_tables, normalize_ascii};
use self::classes::{
    is_decoration, is_filler, is_invisible, is_regional_indicator, latin_variant_action,
    lone_regional_indicators, strips_marks, styled_fold,
};
use self::confusables::{fold_char, map_letter, override_map};
use unicode_normalization::char::{
    canonical_combining_class, compose, decompose_canonical, is_combining_mark,
};
use unicode_script::{Script, UnicodeScript};

/// What normalisation did to one character of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Zero-width, format, bidi or filler character: removed.
    Invisible,
    /// A blank that is not an ordinary space: read as a space.
    Blank,
    /// A character that shows as blank but is not a space (Hangul and Braille fillers): read as a
    /// space. Text typed or pasted never has one where a space goes; evasions put them there.
    Filler,
    /// Stacked or enclosing combining marks: removed.
    CombiningAbuse,
    /// An accent on a Latin, Greek or Cyrillic letter: ignored for matching.
    Diacritic,
    /// Emoji or symbol: removed.
    Decoration,
    /// Mathematical, fullwidth, circled or other styled letter: folded to the plain letter.
    Styled,
    /// A character from another script (or a symbol) that looks like a Latin letter: mapped to it.
    Lookalike,
    /// A right-to-left override: the text after it is shown reversed, so it is read reversed.
    Reversal,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Invisible => "invisible",
            Action::Blank => "blank",
            Action::Filler => "filler",
            Action::CombiningAbuse => "combining",
            Action::Diacritic => "diacritic",
            Action::Decoration => "decoration",
            Action::Styled => "styled",
            Action::Lookalike => "lookalike",
            Action::Reversal => "reversal",
        }
    }

    /// Changes that ordinary people rarely make by accident: evidence of intent to deceive.
    pub fn is_deceptive(self) -> bool {
        matches!(
            self,
            Action::Invisible
                | Action::Filler
                | Action::CombiningAbuse
                | Action::Lookalike
                | Action::Reversal
        )
    }
}

/// One changed character: what it was, what was done, and what it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub ch: char,
    pub action: Action,
    /// What the character was read as (empty when removed).
    pub read_as: String,
    /// Unicode script of the original character.
    pub script: Script,
}

/// The result of normalising one string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Normalized {
    /// Case-insensitive key: words separated by single spaces.
    pub fold: String,
    /// Case-sensitive-glyph key (capital I read as l, vv as w): words separated by single spaces.
    pub glyph: String,
    pub changes: Vec<Change>,
    /// The input was longer than the cap and was cut.
    pub truncated: bool,
    /// A single word mixes letters of Latin with letters of another script.
    pub mixed_script_word: bool,
    /// A single word mixes styled letters with plain ones (𝐁urna, Bᴜʀɴᴀ): a fancy-font name is styled
    /// throughout, so a letter or two styled is a way to look the same and match nothing.
    pub mixed_style_word: bool,
    /// Words (of `fold`, the first 64) disguised, one bit each: holding a lookalike letter or a hidden
    /// character (zero-width, filler, stacked marks, a reversal), or mixing styled and plain letters.
    /// Such a word reads as another only through a trick nobody's own name uses.
    pub disguised_words: u64,
    /// Words (of `fold`, the first 64) holding a styled letter (𝐁, ᵖ, ᴘ, Ｐ), one bit each.
    pub styled_words: u64,
}

impl Normalized {
    /// The fold and glyph keys without spaces (`fold_compact`, `glyph_compact`), the keys themselves
    /// where they hold no space: normalising leaves no pair to read as one (`finish`), so such a key
    /// is its compact form, and a handle's keys (which hold no space) are neither copied nor passed
    /// over again (issue 25).
    pub(crate) fn into_compact(self) -> (String, String) {
        let fold = if self.fold.contains(' ') {
            fold_compact(&self.fold)
        } else {
            self.fold
        };
        let glyph = if self.glyph.contains(' ') {
            glyph_compact(&self.glyph)
        } else {
            self.glyph
        };
        (fold, glyph)
    }

    /// The fold key without spaces (`rn` met across a word boundary is read as `m` again).
    pub(crate) fn fold_compact(&self) -> String {
        fold_compact(&self.fold)
    }
    /// (`into_compact` gives it with the fold key's.)
    #[cfg(test)]
    pub(crate) fn glyph_compact(&self) -> String {
        glyph_compact(&self.glyph)
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.fold.is_empty()
    }
}

/// A fold key (`Normalized::fold`) without spaces (`rn` met across a word boundary is read as `m`
/// again). Only the spaces' places matter, not how many there are.
pub(crate) fn fold_compact(fold: &str) -> String {
    collapse_rn(without_spaces(fold))
}

/// A glyph key (`Normalized::glyph`) without spaces, `rn` read as `m` and `vv` as `w`.
pub(crate) fn glyph_compact(glyph: &str) -> String {
    collapse_vv(collapse_rn(without_spaces(glyph)))
}

/// Whether any of `changes` is one a person makes to deceive.
pub(crate) fn has_deceptive_change(changes: &[Change]) -> bool {
    changes.iter().any(|c| c.action.is_deceptive())
}

/// The first check mark among `changes` decorating a name (✅, ✔), which imitates a verified badge.
pub(crate) fn check_mark(changes: &[Change]) -> Option<char> {
    changes
        .iter()
        .find(|c| c.action == Action::Decoration && is_check_mark(c.ch))
        .map(|c| c.ch)
}

/// Normalise `input`, reading at most `max_chars` characters.
pub(crate) fn normalize(input: &str, max_chars: usize) -> Normalized {
    if input.is_ascii() {
        normalize_ascii(input, max_chars)
    } else {
        normalize_general(input, max_chars)
    }
}

/// The general path, one character at a time with full Unicode handling.
fn normalize_general(input: &str, max_chars: usize) -> Normalized {
    let mut out = Builder {
        fold: String::with_capacity(input.len()),
        glyph: String::with_capacity(input.len()),
        at_separator: true,
        ..Default::default()
    };
    // The cap counts visible characters, so padding with thousands of invisibles or marks cannot push
    // a name out of reach; a hard limit on raw characters bounds the work.
    let raw_limit = max_chars.saturating_mul(8).max(64);
    let mut count = 0usize;
    // Characters as typed, so evidence names the code points the profile really holds (an accent typed
    // as its own mark is reported as that mark); marks are judged against their base and kept marks are
    // written in canonical order, so the keys are those of the composed text.
    let composed = as_displayed(compose_letters(input.chars().take(raw_limit)));
    if input.chars().nth(raw_limit).is_some() {
        out.truncated = true;
    }
    let lone = lone_regional_indicators(&composed);
    for (i, &c) in composed.iter().enumerate() {
        let visible = !is_combining_mark(c) && !is_invisible(c);
        if visible && count == max_chars {
            out.truncated = true;
            break;
        }
        if visible {
            count += 1;
        }
        if lone.get(i).copied().unwrap_or(false) {
            let letter = char::from(b'A' + (c as u32 - 0x1F1E6) as u8).to_string();
            out.styled(c, &letter);
            continue;
        }
        let next = composed.get(i + 1).copied();
        out.push_char(c, next);
    }
    out.finish()
}

/// Compose the pairs of letters that display as one (Hangul jamo into a syllable, a few vowel letters in
/// newer scripts); read one by one, a final consonant would pass for an initial one. Accents and other
/// combining marks are left as typed.
fn compose_letters(chars: impl Iterator<Item = char>) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in chars {
        if let Some(last) = out
            .last_mut()
            .filter(|_| !c.is_ascii() && !is_combining_mark(c))
        {
            if let Some(joined) = compose(*last, c) {
                *last = joined;
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Right-to-left override (U+202E) makes a browser show the Latin text after it reversed, up to a pop
/// (U+202C, U+2069) or the end of the paragraph: "\u{202E}ollaiD" shows as "Diallo". Reorder those runs
/// as they are displayed, keeping each mark after its letter. Runs holding right-to-left letters are left
/// alone: those show in the same order with or without the override.
fn as_displayed(chars: Vec<char>) -> Vec<char> {
    const RLO: char = '\u{202E}';
    if !chars.contains(&RLO) {
        return chars;
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != RLO {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        out.push(RLO);
        let start = i + 1;
        let end = chars[start..]
            .iter()
            .position(|&c| matches!(c, '\u{202C}' | '\u{2069}' | '\n' | '\u{2029}' | RLO))
            .map_or(chars.len(), |p| start + p);
        let run = &chars[start..end];
        let rtl = run.iter().any(|c| {
            matches!(
                c.script(),
                Script::Arabic | Script::Hebrew | Script::Syriac | Script::Thaana | Script::Nko
            )
        });
        if rtl {
            out.extend_from_slice(run);
        } else {
            // Clusters of a base and its marks, in reverse order.
            let mut clusters: Vec<&[char]> = Vec::new();
            let mut s = 0;
            for k in 1..=run.len() {
                if k == run.len() || !is_combining_mark(run[k]) {
                    clusters.push(&run[s..k]);
                    s = k;
                }
            }
            for c in clusters.iter().rev() {
                out.extend_from_slice(c);
            }
        }
        i = end;
    }
    out
}

/// A symbol written between two letters that reads as a letter (A|iko, D@vido, Bu$ola), or None.
fn letter_symbol(c: char, next_is_letter: bool) -> Option<String> {
    match c {
        '@' | '$' if !next_is_letter => return None,
        '@' => return Some("a".into()),
        '$' => return Some("s".into()),
        _ => {}
    }
    let mapped = if c.is_ascii() {
        ascii_tables().fold[c as usize].clone()
    } else {
        fold_char(c)
    };
    (!mapped.is_empty() && mapped.chars().all(|m| m.is_alphanumeric())).then_some(mapped)
}

#[derive(Default)]
struct Builder {
    fold: String,
    glyph: String,
    changes: Vec<Change>,
    truncated: bool,
    /// Script of the last base letter, for deciding what its marks mean.
    base_script: Option<Script>,
    marks_on_base: usize,
    /// The previous output was a separator (or nothing yet).
    at_separator: bool,
    last_was_decoration: bool,
    word_scripts: WordScripts,
    mixed_script_word: bool,
    mixed_style_word: bool,
    /// Marks kept as part of the letter before them, waiting to be written in canonical order.
    kept_marks: Vec<char>,
    /// Words written to the keys so far, and where the current word's changes start.
    words: usize,
    word_changes: usize,
    disguised_words: u64,
    styled_words: u64,
    /// The whole input: a Latin letter, and a letter with no Latin reading (`WordScripts::unread`).
    any_latin: bool,
    any_unread: bool,
    /// `fold` and `glyph` were written with rn read as m and vv as w already (the ASCII path).
    collapsed: bool,
}

/// What only a letter read as Latin is reported for: a lookalike, or an accent ignored as Latin
/// accents are. Neither applies to a letter of a name written in its own script.
fn read_as_latin(a: Action) -> bool {
    matches!(a, Action::Lookalike | Action::Diacritic)
}

#[derive(Default)]
struct WordScripts {
    latin: bool,
    other: bool,
    /// A letter of the word has no Latin reading (Arabic ح, Devanagari क): the word is written in its
    /// own script, not made to look Latin.
    unread: bool,
    /// Letters styled (𝐁), small capitals (ᴜ), and plain lowercase and capital letters, in this word.
    /// Small-capital text keeps its capitals (Bᴜʀɴᴀ), so only plain lowercase mixes with those.
    styled: bool,
    small_caps: bool,
    plain_lower: bool,
    plain_upper: bool,
}

impl WordScripts {
    fn plain(&mut self, c: char) {
        if c.is_lowercase() {
            self.plain_lower = true;
        } else if c.is_alphabetic() {
            self.plain_upper = true;
        }
    }

    fn mixes_styles(&self) -> bool {
        (self.styled && (self.plain_lower || self.plain_upper))
            || (self.small_caps && self.plain_lower)
    }
}

impl Builder {
    fn push_char(&mut self, c: char, next: Option<char>) {
        if !is_combining_mark(c) {
            self.flush_marks();
        }
        if c == ' ' {
            return self.separator();
        }
        if is_filler(c) {
            self.record(c, Action::Filler, "");
            return self.separator();
        }
        if c.is_whitespace() {
            if c != '\u{a0}' {
                self.record(c, Action::Blank, "");
            }
            return self.separator();
        }
        if c == '\u{202E}' {
            return self.record(c, Action::Reversal, "");
        }
        if is_invisible(c) {
            // Variation selectors and joiners inside an emoji sequence belong to the decoration.
            if !self.last_was_decoration {
                self.record(c, Action::Invisible, "");
            }
            return;
        }
        if is_combining_mark(c) {
            return self.mark(c);
        }
        self.last_was_decoration = false;
        if matches!(c, '\'' | '’' | 'ʼ' | '`' | '´' | 'ʻ') {
            return; // apostrophes join: N'Dour, Eto'o
        }
        if let Some(styled) = styled_fold(c) {
            return self.styled(c, &styled);
        }
        if c.is_alphanumeric() || override_map(c).is_some() {
            return self.base(c, Some(c));
        }
        // A symbol between two letters that reads as a letter (A|iko) is a lookalike, not punctuation.
        let prev_alnum = !self.at_separator;
        if prev_alnum && next.is_some_and(|n| n.is_alphanumeric()) {
            let next_is_letter = next.is_some_and(|n| n.is_alphabetic())
                && self.fold.ends_with(|p: char| p.is_alphabetic());
            if let Some(mapped) = letter_symbol(c, next_is_letter) {
                self.record(c, Action::Lookalike, &mapped);
                self.push_keys(&mapped, &mapped);
                self.base_script = mapped.chars().next().map(|m| m.script());
                self.marks_on_base = 0;
                return;
            }
        }
        if is_decoration(c) {
            // A flag (a pair of regional indicators; lone ones were read as letters) is neither a
            // lookalike nor hidden, and names carry them everywhere (🇳🇬, 🇬🇭): ignored, not reported.
            if !is_regional_indicator(c) {
                self.record(c, Action::Decoration, "");
            }
            self.last_was_decoration = true;
        }
        self.separator();
    }

    /// A styled letter `c` (𝐀, Ⓐ, a lone regional indicator), read as the plain letters `plain`.
    fn styled(&mut self, c: char, plain: &str) {
        self.flush_marks();
        self.last_was_decoration = false;
        self.record(c, Action::Styled, plain);
        if plain.chars().any(char::is_alphabetic) {
            self.word_scripts.styled = true;
        }
        for s in plain.chars() {
            // Each letter's kept marks go after that letter (ﳠ is ئ then ه: the hamza stays on the
            // yeh), as they would in the plain text, so normalising twice changes nothing.
            self.flush_marks();
            self.base(s, None);
        }
    }

    /// A letter or digit (after any styled folding). `orig` is the character as the user typed it,
    /// when it was not already recorded as styled.
    fn base(&mut self, c: char, orig: Option<char>) {
        if c.is_ascii() {
            // Most letters: no decomposition, no lookalike to record, keys from a table.
            let t = ascii_tables();
            let (fold, glyph) = (&t.fold[c as usize], &t.glyph[c as usize]);
            let script = if c.is_ascii_alphabetic() {
                Script::Latin
            } else {
                Script::Common
            };
            self.marks_on_base = 0;
            self.note_script(script);
            if orig.is_some() {
                self.word_scripts.plain(c);
            }
            self.base_script = Some(fold.chars().last().map_or(script, |f| f.script()));
            self.push_keys(fold, glyph);
            return;
        }
        // Decompose canonically so accents become marks we can judge by the base's script.
        let mut parts: Vec<char> = Vec::with_capacity(2);
        decompose_canonical(c, |p| parts.push(p));
        let letter = parts[0];
        let script = letter.script();
        self.marks_on_base = 0;
        self.note_script(script);
        let keys = map_letter(letter);
        let (fold, glyph, looks) = (&keys.fold, &keys.glyph, &keys.looks);
        // Marks follow the rule of the script the letter is *read as* (a lookalike read as Latin takes
        // Latin's rule), so normalising twice changes nothing. A letter read as nothing (Ⲷ) leaves its
        // marks no letter to sit on: kept, they would start the text and be dropped the second time.
        self.base_script =
            (!fold.is_empty()).then(|| fold.chars().last().map_or(script, |f| f.script()));
        if let (Some(orig), Some(looks)) = (orig, looks.as_ref()) {
            let action = latin_variant_action(letter).unwrap_or(Action::Lookalike);
            self.record(orig, action, looks);
            if action == Action::Styled {
                self.word_scripts.small_caps = true;
            }
        } else if let Some(orig) = orig {
            self.word_scripts.plain(orig);
        }
        if letter.is_alphabetic() && !fold.is_ascii() {
            self.word_scripts.unread = true;
            self.any_unread = true;
        }
        self.push_keys(fold, glyph);
        let accents = parts.len() > 1;
        for &m in &parts[1..] {
            self.mark_inner(m, false);
        }
        if accents && strips_marks(self.base_script.unwrap_or(script)) {
            if let Some(orig) = orig {
                let plain = if looks.is_some() {
                    None
                } else {
                    Some(letter.to_string())
                };
                self.record(orig, Action::Diacritic, plain.as_deref().unwrap_or(""));
            }
        }
    }

    fn mark(&mut self, m: char) {
        self.mark_inner(m, true)
    }

    fn mark_inner(&mut self, m: char, typed_separately: bool) {
        self.marks_on_base += 1;
        let enclosing = matches!(m, '\u{20DD}'..='\u{20E4}' | '\u{0488}'..='\u{0489}');
        match self.base_script {
            Some(s) if !strips_marks(s) && !enclosing && !self.at_separator => {
                // Marks are part of the letter in this script: keep them, decomposed and in canonical
                // order, so a mark typed as one code point or two, in either order, gives one key.
                decompose_canonical(m, |p| self.kept_marks.push(p));
            }
            _ => {
                let abusive = enclosing || self.marks_on_base > 2 || self.at_separator;
                if abusive {
                    self.record(m, Action::CombiningAbuse, "");
                } else if typed_separately {
                    self.record(m, Action::Diacritic, "");
                }
            }
        }
    }

    /// Write the kept marks in canonical order (marks of class 0 stay where they are).
    fn flush_marks(&mut self) {
        let marks = &mut self.kept_marks;
        for i in 1..marks.len() {
            let mut j = i;
            while j > 0 && {
                let (a, b) = (
                    canonical_combining_class(marks[j - 1]),
                    canonical_combining_class(marks[j]),
                );
                b != 0 && a > b
            } {
                marks.swap(j - 1, j);
                j -= 1;
            }
        }
        for m in marks.drain(..) {
            self.fold.push(m);
            self.glyph.push(m);
        }
    }

    fn push_keys(&mut self, fold: &str, glyph: &str) {
        if fold.is_empty() && glyph.is_empty() {
            return;
        }
        self.fold.push_str(fold);
        self.glyph.push_str(glyph);
        self.at_separator = false;
    }

    fn separator(&mut self) {
        let ended = !self.at_separator && !self.fold.is_empty();
        if ended {
            self.fold.push(' ');
            self.glyph.push(' ');
        }
        self.at_separator = true;
        self.base_script = None;
        self.end_word();
        if ended {
            self.words += 1;
        }
    }

    fn end_word(&mut self) {
        if self.word_scripts.latin && self.word_scripts.other {
            self.mixed_script_word = true;
        }
        // A word wholly in another script, some of whose letters read as nothing Latin, is written in
        // that script (an Arabic or Ajami name): its letters that happen to resemble Latin ones (ا, ه)
        // are not lookalikes. A word whose every letter reads as Latin (шмнть, аррӏе) is one.
        let own_script =
            self.word_scripts.other && !self.word_scripts.latin && self.word_scripts.unread;
        if own_script {
            // Only this word's changes: the words before keep theirs ("Аliko Dangote لاغوس" keeps
            // its Cyrillic А).
            let start = self.word_changes.min(self.changes.len());
            let mut i = 0;
            self.changes.retain(|c| {
                i += 1;
                i <= start || !read_as_latin(c.action)
            });
            // Still disguised if a hidden character is left in it.
            let hidden = self.changes[start..]
                .iter()
                .any(|c| c.action.is_deceptive());
            if self.words < 64 && !hidden {
                self.disguised_words &= !(1 << self.words);
            }
        }
        self.word_changes = self.changes.len();
        if self.word_scripts.mixes_styles() {
            self.mixed_style_word = true;
            if self.words < 64 {
                self.disguised_words |= 1 << self.words;
            }
        }
        self.word_scripts = WordScripts::default();
    }

    /// A name with no Latin letter, some of whose letters read as nothing Latin, is written in its own
    /// script (Arabic, Cyrillic, Greek, N'Ko, Ethiopic …): none of its letters is a lookalike, even in
    /// a word whose letters all happen to resemble Latin ones (ا, ه, ߊ). As in UTS #39, what deceives is
    /// scripts mixed, within a word (`end_word`) or across a name that is partly Latin; a name wholly
    /// in another script deceives only when all of it reads as Latin, a whole-script confusable
    /// (Ѕаdіо), and that stays reported.
    fn own_script_name(&mut self) {
        if self.any_latin || !self.any_unread {
            return;
        }
        self.changes.retain(|c| !read_as_latin(c.action));
        if !self.has_hidden() {
            self.disguised_words = 0;
        }
    }

    fn note_script(&mut self, s: Script) {
        match s {
            Script::Latin => {
                self.word_scripts.latin = true;
                self.any_latin = true;
            }
            Script::Common | Script::Inherited | Script::Unknown => {}
            _ => self.word_scripts.other = true,
        }
    }

    /// Whether a hidden character (or any other deceptive change) is left in the trace.
    fn has_hidden(&self) -> bool {
        self.changes.iter().any(|c| c.action.is_deceptive())
    }

    fn record(&mut self, ch: char, action: Action, read_as: &str) {
        // The word being written: a separator before it has already been counted. A filler is
        // recorded before the separator it stands for, so it marks the word it follows.
        if self.words < 64 {
            if action.is_deceptive() {
                self.disguised_words |= 1 << self.words;
            } else if action == Action::Styled {
                self.styled_words |= 1 << self.words;
            }
        }
        self.changes.push(Change {
            ch,
            action,
            read_as: read_as.to_string(),
            script: ch.script(),
        });
    }

    fn finish(mut self) -> Normalized {
        self.flush_marks();
        self.end_word();
        self.own_script_name();
        let trim = |s: &mut String| {
            while s.ends_with(' ') {
                s.pop();
            }
        };
        trim(&mut self.fold);
        trim(&mut self.glyph);
        if !self.collapsed {
            self.fold = collapse_rn(self.fold);
            self.glyph = collapse_vv(collapse_rn(self.glyph));
        }
        Normalized {
            fold: self.fold,
            glyph: self.glyph,
            changes: self.changes,
            truncated: self.truncated,
            mixed_script_word: self.mixed_script_word,
            mixed_style_word: self.mixed_style_word,
            disguised_words: self.disguised_words,
            styled_words: self.styled_words,
        }
    }
}

/// Keys hold single spaces between words: copy the words, not each character. A plain byte loop
/// rather than `split(' ')`, whose searcher costs more than the copying of short keys (317.3M against
/// 319.1M instructions per 10k build). A space is one byte in UTF-8, so every cut is on a character
/// boundary.
fn without_spaces(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut start = 0;
    for (i, b) in key.bytes().enumerate() {
        if b == b' ' {
            out.push_str(&key[start..i]);
            start = i + 1;
        }
    }
    out.push_str(&key[start..]);
    out
}

/// The skeleton reads m as rn; collapse both to m so keys stay short and edit distances count one
/// letter, not two.
fn collapse_rn(s: String) -> String {
    collapse_pair(s, *b"rn", b'm')
}

/// Every `pair` (two ASCII bytes, a pattern that cannot overlap itself), left to right, replaced by
/// `one` in place: what `str::replace` returns, without its substring searcher and new string, which
/// were 2% of a check (the skeleton reads every m as rn). The bytes of other characters are never
/// ASCII, so the result is still UTF-8.
fn collapse_pair(s: String, pair: [u8; 2], one: u8) -> String {
    let Some(first) = s.as_bytes().windows(2).position(|w| w == pair) else {
        return s;
    };
    let mut bytes = s.into_bytes();
    let (mut read, mut write) = (first, first);
    while read < bytes.len() {
        if bytes[read] == pair[0] && bytes.get(read + 1) == Some(&pair[1]) {
            bytes[write] = one;
            read += 2;
        } else {
            bytes[write] = bytes[read];
            read += 1;
        }
        write += 1;
    }
    bytes.truncate(write);
    String::from_utf8(bytes).expect("ASCII pairs replaced by an ASCII byte")
}

/// Two v's read as w (`AdaezeOkonkvvo`), in the glyph key only: confusables.txt has no such entry, and
/// the fold key keeps what was typed, so the match is told apart as a visual one.
fn collapse_vv(s: String) -> String {
    collapse_pair(s, *b"vv", b'w')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn pair_collapse_is_str_replace(s in "[rnvwm\u{e9}\u{420}a ]{0,24}") {
            prop_assert_eq!(collapse_rn(s.clone()), s.replace("rn", "m"));
            prop_assert_eq!(collapse_vv(s.clone()), s.replace("vv", "w"));
        }

        #[test]
        fn ascii_fast_path_agrees_with_general_path(s in "[ -~\t]{0,40}", cap in 0usize..45) {
            prop_assert_eq!(normalize_ascii(&s, cap), normalize_general(&s, cap));
        }

        /// The same with the letters of the pairs read as one (rn, vv, and m, which the skeleton reads
        /// as rn) close together, which the ASCII path collapses as it writes them.
        #[test]
        fn ascii_fast_path_agrees_on_pairs(s in "[rnvmwRNVMW1Il@$ ._]{0,40}", cap in 0usize..45) {
            prop_assert_eq!(normalize_ascii(&s, cap), normalize_general(&s, cap));
        }

        /// A key without a space taken as it is by `into_compact` is its compact form.
        #[test]
        fn into_compact_is_the_compact_keys(s in "[rnvmwRNVMW1Il@$ ._\u{e9}\u{420}\u{445}\u{1D42B}]{0,30}") {
            let n = normalize(&s, 40);
            let want = (n.fold_compact(), n.glyph_compact());
            prop_assert_eq!(n.into_compact(), want);
        }

        #[test]
        fn without_spaces_drops_exactly_the_spaces(s in "[ a-zé\u{0430}\u{4E00}\u{1D400}]{0,30}") {
            prop_assert_eq!(without_spaces(&s), s.replace(' ', ""));
        }
    }

    fn keys(s: &str) -> (String, String) {
        let n = normalize(s, 200);
        (n.fold, n.glyph)
    }

    #[test]
    fn plain_ascii_is_lowercased_into_words() {
        assert_eq!(
            keys("Aliko  Dangote"),
            ("aliko dangote".into(), "aliko dangote".into())
        );
    }

    #[test]
    fn capital_i_reads_as_l_only_in_the_glyph_key() {
        let (fold, glyph) = keys("AIiko");
        assert_eq!(fold, "aiiko");
        assert_eq!(glyph, "aliko");
    }

    #[test]
    fn cyrillic_lookalikes_map_to_latin_and_are_recorded() {
        let n = normalize("Аliko Dangоte", 200);
        assert_eq!(n.fold, "aliko dangote");
        let looks: Vec<_> = n
            .changes
            .iter()
            .filter(|c| c.action == Action::Lookalike)
            .collect();
        assert_eq!(looks.len(), 2);
        assert_eq!(looks[0].ch, 'А');
        assert_eq!(looks[0].read_as, "A");
        assert!(n.mixed_script_word);
    }

    /// Evidence names the code points as typed: a composed letter, or a letter and its separate mark.
    #[test]
    fn changes_name_the_characters_as_typed() {
        let recorded = |s: &str| -> Vec<(char, Action)> {
            normalize(s, 200)
                .changes
                .iter()
                .map(|c| (c.ch, c.action))
                .collect()
        };
        assert_eq!(recorded("Jos\u{e9}"), [('\u{e9}', Action::Diacritic)]);
        assert_eq!(recorded("Jose\u{301}"), [('\u{301}', Action::Diacritic)]);
        // Cyrillic ie with a diaeresis typed apart: the lookalike letter and the mark, not U+0451.
        assert_eq!(
            recorded("Dang\u{43e}t\u{435}\u{308}"),
            [
                ('\u{43e}', Action::Lookalike),
                ('\u{435}', Action::Lookalike),
                ('\u{308}', Action::Diacritic)
            ]
        );
        assert_eq!(keys("Jose\u{301}"), keys("Jos\u{e9}"));
    }

    #[test]
    fn invisibles_are_removed_and_recorded() {
        let n = normalize("Ali\u{200B}ko\u{2060} Dan\u{FEFF}gote", 200);
        assert_eq!(n.fold, "aliko dangote");
        assert_eq!(
            n.changes
                .iter()
                .filter(|c| c.action == Action::Invisible)
                .count(),
            3
        );
    }

    #[test]
    fn fillers_read_as_spaces_and_count_as_deception() {
        for filler in [
            '\u{3164}', '\u{115F}', '\u{1160}', '\u{FFA0}', '\u{2800}', '\u{180E}',
        ] {
            let n = normalize(&format!("Ngozi{filler}Okonjo"), 200);
            assert_eq!(n.fold, "ngozi okonjo", "U+{:04X}", filler as u32);
            assert_eq!(n.changes[0].action, Action::Filler);
            assert!(has_deceptive_change(&n.changes));
        }
        // An ideographic or no-break space is a space as typed in many languages: no deception.
        let n = normalize("Ngozi\u{3000}Okonjo\u{a0}Iweala", 200);
        assert_eq!(n.fold, "ngozi okonjo iweala");
        assert!(!has_deceptive_change(&n.changes));
    }

    #[test]
    fn styled_letters_fold() {
        assert_eq!(keys("𝐀𝐥𝐢𝐤𝐨 Ｄａｎｇｏｔｅ").0, "aliko dangote");
        assert_eq!(keys("ⓓⓐⓥⓘⓓⓞ").0, "davido");
    }

    #[test]
    fn decorations_are_separators() {
        let n = normalize("✅ Davido 🇳🇬™", 200);
        assert_eq!(n.fold, keys("davido").0);
        assert!(n.changes.iter().all(|c| c.action == Action::Decoration));
        assert!(!has_deceptive_change(&n.changes));
    }

    /// Flags separate words like any decoration, but are not reported: they are part of how people
    /// write their names, not a trick.
    #[test]
    fn flags_are_ignored_and_not_reported() {
        let n = normalize("Kwabena🇬🇭Mensah 🇳🇬🇸🇳", 200);
        assert_eq!(n.fold, "kwabena mensah");
        assert!(n.changes.is_empty(), "{:?}", n.changes);
        // A lone regional indicator is a boxed letter, read and reported as styled.
        let n = normalize("🇰\u{200B}wabena", 200);
        assert_eq!(n.changes[0].action, Action::Styled);
    }

    #[test]
    fn latin_accents_are_ignored_but_devanagari_marks_kept() {
        assert_eq!(keys("Sadio Mané").0, keys("Sadio Mane").0);
        assert_eq!(keys("Sadio Mane\u{301}").0, keys("sadio mane").0);
        let hindi = normalize("किशोर", 200);
        assert_eq!(hindi.fold.chars().count(), "किशोर".chars().count());
    }

    #[test]
    fn west_african_letters_fold() {
        assert_eq!(keys("Ɓello Ɗanjuma").0, keys("Bello Danjuma").0);
        assert_eq!(keys("Kɔfi Mɛnsah").0, keys("Kofi Mensah").0);
    }

    #[test]
    fn stacked_marks_are_abuse() {
        let n = normalize("Da\u{301}\u{302}\u{303}\u{304}vido", 200);
        assert_eq!(n.fold, "davido");
        assert!(n.changes.iter().any(|c| c.action == Action::CombiningAbuse));
    }

    #[test]
    fn m_and_rn_share_a_key() {
        assert_eq!(keys("Samuel").0, keys("Sarnuel").0);
        assert_eq!(keys("Samuel").0, "samuel");
    }

    #[test]
    fn pipe_between_letters_is_a_lookalike() {
        let n = normalize("A|iko", 200);
        assert_eq!(n.fold, "aliko");
        assert_eq!(keys("Davido | Official").0, "davido official");
    }

    #[test]
    fn apostrophes_join() {
        assert_eq!(keys("Youssou N'Dour").0, "youssou ndour");
    }

    #[test]
    fn long_input_is_capped() {
        let n = normalize(&"a".repeat(1000), 50);
        assert!(n.truncated);
        assert_eq!(n.fold.len(), 50);
    }

    #[test]
    fn char_names() {
        assert_eq!(
            char_name('\u{0406}'),
            "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I"
        );
        assert_eq!(code_point('\u{0406}'), "U+0406");
    }
}
