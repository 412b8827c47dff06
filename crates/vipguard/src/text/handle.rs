//! Handle similarity: equal lookalike keys, affixes (`real_`, `_NG`, `HQ`, digits), a protected handle
//! embedded in a longer one, and typos within an edit distance that grows with length.
//!
//! Fuzzy distance on short strings is the main source of false alarms (MetaMask had to cut its tolerance
//! from 3 to 1), so handles under 5 characters only match exactly, and a typo or affix alone is weaker
//! evidence than an equal key.

use crate::text::edit::osa_within;
use crate::text::limits::MAX_HANDLE_CHARS;
use crate::text::normalize::normalize;
use crate::text::platform::handle_local;

/// The keys a handle is compared with as a target: all a protected handle (or a protected name
/// written as a handle) needs. A checker holds two or more for every account of its list, so the four
/// keys share one string, the glyph and leet keys only where they differ from the fold key (issue 25).
#[derive(Debug, Clone, Default)]
pub struct TargetKeys {
    /// The handle as written (local part), the fold key, then the glyph and leet keys where they differ.
    text: Box<str>,
    /// Where the display, fold and glyph keys end in `text`; the leet key ends with it (a fourth end
    /// made a checker's targets 56 bytes where 48 do: issue 25).
    ends: [u32; 3],
    pub truncated: bool,
    /// `leet` or `glyph` differ from `fold` (else typo distances on them add nothing).
    pub leet_differs: bool,
    pub glyph_differs: bool,
    /// Characters in `fold` (and in `leet`, which maps one to one) and in `glyph`, counted once.
    /// (u32: a checker keeps a few hundred thousand targets, and handles are cut at MAX_HANDLE_CHARS.)
    pub fold_len: u32,
    pub glyph_len: u32,
}

/// Comparison keys for a profile's handle: its `TargetKeys` (reached through `Deref`) and the parts
/// and words its cores, segments and labels are found in.
#[derive(Debug, Clone, Default)]
pub struct HandleKeys {
    pub keys: TargetKeys,
    /// The handle lowercased (digits kept as digits) split at `_`, `.`, `-` and digit runs, for affix
    /// stripping.
    pub parts: Vec<String>,
    /// `parts` of the handle as it reads: capital I as l, and digits inside words as letters
    /// (`AIiko_Dangote_HQ`, `D4vid0_official`), so affixes come off lookalike handles too. Empty when
    /// the handle reads as written.
    pub read_parts: Vec<(Vec<String>, bool)>,
    /// The words as capitals mark them (`camel_parts`), when that splits the handle further than
    /// `parts`; else empty.
    pub words: Vec<String>,
    /// The leet key with every '1' read as i rather than l (`w1zk1d4y0` -> wizkidayo), when the
    /// handle has a '1'. The keys read 1 as l, as UTS #39's skeleton does, so each i written as 1
    /// cost an edit; a protected handle's keys stay as they are, and only a profile's handle with a
    /// '1' is compared (and looked up) under this reading too (issue 20).
    pub one_as_i: Option<String>,
    /// The fold key with each digit that reads as a letter inside a longer handle read so
    /// (`digits_read_inside`: 1 as i, 3 as e, 4 as a, 5 as s, 7 as t; 0 the fold key reads as o),
    /// for finding a protected handle inside a longer one as the fold key is (`holds_with_digits_read`):
    /// '|' after a digit read as a letter that ends a word, which a protected handle may end at but
    /// not go past. None without such a digit.
    pub digits_inside: Option<String>,
    /// Where `digits_inside`'s digits are read, and its words begin.
    places: ReadPlaces,
    /// The handle as written with the 1s `digits_inside` reads as i written 'i'
    /// (`ones_read_as_i`), for the words a typo of a protected handle is looked for in (`segments`).
    ones_read: Option<String>,
}

/// Places in `HandleKeys::digits_inside`, its '|' left out, for the rules of `reads_as_the_handle`;
/// each empty when unknown.
#[derive(Debug, Clone, Default)]
struct ReadPlaces {
    /// Where a digit is read as a letter (a 0 too, which the fold key already reads as o).
    read_at: Box<[bool]>,
    /// Where a digit is read in a pair of two different digits (t35la); empty when there is none.
    pair_at: Box<[bool]>,
    /// Where a word of the handle begins: its first character, after a separator, a capital after a
    /// small letter.
    word_at: Box<[bool]>,
}

impl std::ops::Deref for HandleKeys {
    type Target = TargetKeys;
    fn deref(&self) -> &TargetKeys {
        &self.keys
    }
}

/// A handle with affixes taken off: the fold key of what is left, the affixes, and whether it was read
/// with capital I as l.
#[derive(Debug, Clone, PartialEq)]
pub struct Core {
    pub key: String,
    pub affixes: Vec<String>,
    pub il_swap: bool,
}

/// Split a lowercased handle at separators and at digit runs: davido_2024 -> davido, 2024.
fn split_parts(plain: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for word in plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut cur = String::new();
        for c in word.chars() {
            if !cur.is_empty() && cur.chars().last().unwrap().is_ascii_digit() != c.is_ascii_digit()
            {
                parts.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        }
        if !cur.is_empty() {
            parts.push(cur);
        }
    }
    parts
}

/// The words of a run-together handle as its capitals mark them (DialloIbrahima, D14ll0Ibrahima ->
/// diallo, ibrahima), lowercased, with the digits of a word that also holds letters read as letters,
/// so words can be matched in another order.
fn camel_parts(local: &str) -> Vec<String> {
    let marked = local
        .as_bytes()
        .windows(2)
        .any(|w| w[1].is_ascii_uppercase() && (w[0].is_ascii_lowercase() || w[0].is_ascii_digit()));
    if !marked && local.is_ascii() {
        return Vec::new();
    }
    let mut words: Vec<String> = Vec::new();
    for run in local
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut prev: Option<char> = None;
        for c in run.chars() {
            let starts_word =
                c.is_uppercase() && prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit());
            if starts_word || prev.is_none() {
                words.push(String::new());
            }
            if let Some(w) = words.last_mut() {
                w.extend(c.to_lowercase());
            }
            prev = Some(c);
        }
    }
    for w in &mut words {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 2
            && w.chars()
                .all(|c| !c.is_ascii_digit() || leet_digit(c).is_some())
        {
            *w = w.chars().map(|c| leet_digit(c).unwrap_or(c)).collect();
        }
    }
    words
}

/// `camel_parts` of a handle, when they split it further than its `parts`; else empty.
fn marked_words(local: &str, parts: &[String]) -> Vec<String> {
    let words = camel_parts(local);
    if words.len() < 2 || words == parts {
        return Vec::new();
    }
    words
}

/// Digits with a letter on both sides, or a single digit starting or ending a word of letters, read as
/// the letters they stand for (d4vid0 -> davido, 1brahim -> ibrahim); longer runs stay numbers.
fn leet_reading(plain: &str) -> String {
    let c = super::chars(plain);
    let letter = |i: Option<usize>| i.and_then(|i| c.get(i)).is_some_and(|c| c.is_alphabetic());
    let digit = |i: Option<usize>| i.and_then(|i| c.get(i)).is_some_and(|c| c.is_ascii_digit());
    (0..c.len())
        .map(|i| {
            let (prev, next) = (i.checked_sub(1), Some(i + 1));
            let single = !digit(prev) && !digit(next);
            let inside = letter(prev) && letter(next);
            let edge = single && (letter(prev) || letter(next));
            match leet_digit(c[i]) {
                Some(l) if inside || edge => l,
                _ => c[i],
            }
        })
        .collect()
}

/// A handle's leet key with each '1' read as i (`HandleKeys::one_as_i`), if it has a '1' that reads
/// as a letter: alone among letters, or in a pair of digits that is 11 or stands between letters.
/// Other runs are numbers (@li5601, @davido2011, @chibuzo01), not letters.
///
/// A 1 or 11 ending the handle (@timi1, @dami_1, @timi_11, @kemi1_) is a number after a name, as
/// ordinary people write it, unless the handle is leetspeak elsewhere: another digit or symbol
/// standing for a letter between letters (@p3t3r0b11, @w1zk1d1). Read as i, it made @timi1 one edit
/// from @timini (issue 20). A handle that is the protected one with that 1 read as i (@peterob1 for
/// @PeterObi) is still found: its glyph key, which reads both 1 and i as l, is the protected one's.
fn one_as_i(local: &str) -> Option<String> {
    ones_read_as_i(local, false).map(|read| leet_key(&read))
}

/// The handle as written with each '1' that reads as a letter (`one_as_i`) written 'i', other
/// characters as they are, so words and positions stay those of the handle; None without such a 1.
/// `inside`: for a protected handle inside a longer one (`HandleKeys::digits_inside`), where a 1
/// ending any word is a number, as one ending the handle is.
fn ones_read_as_i(local: &str, inside: bool) -> Option<String> {
    if !local.contains('1') {
        return None;
    }
    read_digits(local, inside, false)
}

/// The handle as written with each digit that reads as a letter inside a longer handle written as
/// that letter (`HandleKeys::digits_inside`): the 1s as `ones_read_as_i` reads them, and 0, 3, 4, 5
/// and 7 by the same rules and one more, that a pair is a number unless doubled (g00gle, sw33t: 24,
/// 47 are numbers). None without such a digit.
fn digits_read_inside(local: &str) -> Option<String> {
    if !local.bytes().any(|b| INSIDE_DIGITS.contains(&b)) {
        return None;
    }
    read_digits(local, true, true)
}

/// Digits read as letters inside a longer handle (`digits_read_inside`), as docs/accuracy.md lists
/// them; 6, 8 and 9 (b, b, g) are rarely written for letters, and 2 is "to".
const INSIDE_DIGITS: &[u8] = b"013457";

/// `ones_read_as_i`, and with `all` the other `INSIDE_DIGITS` too (`digits_read_inside`).
fn read_digits(local: &str, inside: bool, all: bool) -> Option<String> {
    let c = super::chars(local);
    let letter = |at: Option<&char>| at.is_some_and(|c| c.is_alphabetic());
    // The 1s that end the handle, separators after them aside (@timi1, @timi_11, @kemi1_).
    let end = c
        .iter()
        .rposition(|c| c.is_alphanumeric())
        .map_or(0, |e| e + 1);
    let ones_from = end - c[..end].iter().rev().take_while(|&&d| d == '1').count();
    let trailing = ones_from < end && !leet_elsewhere(&c[..ones_from]);
    let mut read = String::with_capacity(local.len());
    let mut any = false;
    let mut i = 0;
    while i < c.len() {
        // Only digits are read as letters: anything else is written as it is.
        if !c[i].is_ascii_digit() {
            read.push(c[i]);
            i += 1;
            continue;
        }
        let run = c[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let digits = &c[i..i + run];
        let (before, after) = (
            letter(i.checked_sub(1).and_then(|j| c.get(j))),
            letter(c.get(i + run)),
        );
        // Inside a longer handle, a digit ending any word is a number after a name (@HopeAdeyem1
        // holds no @EAdeyemi, @kemi1_blog no @kemii), unless leetspeak comes before it.
        let ends_word = c.get(i + run).is_none_or(|n| !n.is_alphanumeric());
        let after_name = inside && before && ends_word && !leet_elsewhere(&c[..i]);
        let number_after_name = (trailing && i >= ones_from) || after_name;
        // Inside a longer handle, a digit that is a word of its own (@kemi_1_blog, @store24_7) is a
        // number: read as a letter it would join the words on either side.
        let alone = inside && !before && !after;
        let letters = !number_after_name && !alone;
        let ones = letters && (run == 1 || (run == 2 && (digits == ['1', '1'] || before && after)));
        // A pair between letters: doubled (g00gle), or two digits that both read as letters
        // (@t35la_support), which count only where the protected handle begins a word
        // (`reads_as_the_handle`); 24, 47 and 20 hold a digit that is no letter.
        let pair = run == 2
            && before
            && after
            && (digits[0] == digits[1]
                || digits.iter().all(|d| INSIDE_DIGITS.contains(&(*d as u8))));
        // A digit ending a word after letters stays a number even where it would spell the protected
        // handle's last letter (@jumi4_deals for @Jumia is missed): names and name + letter are both
        // names (Idris and Idriss, Amina and Aminat), and a name + digit is the commonest handle of
        // all (@idris5_blog held @Idriss when it was read: review11).
        let others = all && letters && (run == 1 || pair);
        for &d in digits {
            let as_letter = match d {
                '1' if ones => Some('i'),
                '0' | '3' | '4' | '5' | '7' if others => leet_digit(d),
                _ => None,
            };
            any |= as_letter.is_some();
            read.push(as_letter.unwrap_or(d));
        }
        i += run;
    }
    any.then_some(read)
}

/// A handle with its digits of other styles (full-width １, mathematical 𝟏 𝟙 𝟣 𝟭 𝟷) written as the
/// ASCII digits they are, so that they are read as letters as those are; the keys fold them alike.
/// A number written in another script's digits stays a number: a run of them is read only when every
/// one looks like an ASCII digit (@hakim١٩, Hakim19 in Arabic-Indic digits, is a name and a number,
/// as @hakim19 is; its ١ alone is not a 1 read as 'i').
fn ascii_digits(local: &str) -> std::borrow::Cow<'_, str> {
    if local.is_ascii() || !local.chars().any(|c| ascii_digit(c) != c) {
        return local.into();
    }
    let chars: Vec<char> = local.chars().collect();
    let mut out = String::with_capacity(local.len());
    let mut i = 0;
    while i < chars.len() {
        if !script_digit(chars[i]) {
            out.push(ascii_digit(chars[i]));
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&c| script_digit(c)).count();
        let part = &chars[i..i + run];
        let all_look_alike = part.iter().all(|&c| lookalike_digit(c).is_some());
        out.extend(
            part.iter()
                .map(|&c| if all_look_alike { ascii_digit(c) } else { c }),
        );
        i += run;
    }
    out.into()
}

/// The ASCII digit a full-width or mathematical digit is (`ascii_digits`), or the ASCII digit a digit
/// of another script looks like (`lookalike_digit`); other characters as they are.
pub(crate) fn ascii_digit(c: char) -> char {
    let from = |zero: u32| char::from(b'0' + ((c as u32 - zero) % 10) as u8);
    match c as u32 {
        0xFF10..=0xFF19 => from(0xFF10),
        0x1D7CE..=0x1D7FF => from(0x1D7CE),
        _ if script_digit(c) => lookalike_digit(c).unwrap_or(c),
        _ => c,
    }
}

/// The decimal digits of other scripts (Unicode's Nd blocks: Arabic-Indic and Extended Arabic-Indic,
/// NKo, the Indic scripts', Thai, Lao, Myanmar, Khmer), which a handle may write for a letter they look
/// like. Superscript, subscript, circled, parenthesised and Roman numerals are not: they look like no
/// letter a handle stands for (⑴, ⒈, Ⅼ is an L).
fn script_digit(c: char) -> bool {
    matches!(c as u32,
        0x0660..=0x0669 | 0x06F0..=0x06F9 | 0x07C0..=0x07C9 | 0x0966..=0x096F | 0x09E6..=0x09EF
        | 0x0A66..=0x0A6F | 0x0AE6..=0x0AEF | 0x0B66..=0x0B6F | 0x0BE6..=0x0BEF | 0x0C66..=0x0C6F
        | 0x0CE6..=0x0CEF | 0x0D66..=0x0D6F | 0x0E50..=0x0E59 | 0x0ED0..=0x0ED9 | 0x1040..=0x1049
        | 0x17E0..=0x17E9)
}

/// The ASCII digit a digit of another script is read as by the confusables the keys fold by: Arabic-
/// Indic ١ as 1 and ٥ as 0, Devanagari and Bengali ० ০ as 0, Bengali ৪ as 8 (their fold keys are
/// those of 1, 0 and 8), so that they are read as letters as those are, and named as digits. Not
/// by value: Arabic-Indic ٤ is a 4 that looks like no 4 and no letter, ٠ a dot.
fn lookalike_digit(c: char) -> Option<char> {
    let fold = |c: char| normalize(c.encode_utf8(&mut [0; 4]), 4).fold_compact();
    let key = fold(c);
    ('0'..='9').find(|&d| fold(d) == key)
}

/// The leet key of a handle's reading (`ones_read_as_i`): fold key, digits read as letters.
fn leet_key(read: &str) -> String {
    let n = normalize(read, MAX_HANDLE_CHARS);
    n.fold_compact().chars().map(leet_char).collect()
}

/// `HandleKeys::digits_inside` from the handle and its reading (`digits_read_inside`): the fold key
/// of the reading with '|' after each digit read as a letter that ends a word before a separator. A
/// name and a number then another word (@tim1_store, @kemi1_blog) do not run together into a word
/// that holds a protected handle (iStore): the protected handle may end at that letter, not go past it.
/// Also where its digits are read (`ReadPlaces`).
fn digits_inside_key(local: &str, read: &str) -> (String, ReadPlaces) {
    let mut key = String::with_capacity(read.len() + 2);
    let mut piece = String::new();
    let written = super::chars(local);
    // Whether the digit written at `i` is read as a letter.
    let is_read = |i: usize, r: char| {
        written
            .get(i)
            .is_some_and(|w| w.is_ascii_digit() && *w != r)
    };
    let read_chars = super::chars(read);
    let read_here = |i: usize| read_chars.get(i).is_some_and(|&r| is_read(i, r));
    // The handle with each digit read as a letter written '2', which the fold key keeps as it is and
    // no reading turns into a letter: the places where its fold key differs from the reading's. The
    // same for the digits read in a pair of two different ones (t35la).
    let mut marked = String::with_capacity(local.len());
    let mut pairs = String::with_capacity(local.len());
    let mut any_pair = false;
    for (i, &r) in read_chars.iter().enumerate() {
        let w = written.get(i).copied();
        piece.push(r);
        let pair = read_here(i)
            && [i.wrapping_sub(1), i + 1]
                .into_iter()
                .any(|j| read_here(j) && written[j] != written[i]);
        any_pair |= pair;
        marked.push(if read_here(i) { '2' } else { w.unwrap_or(r) });
        pairs.push(if pair { '2' } else { w.unwrap_or(r) });
        let ends_word = written.get(i + 1).is_some_and(|n| !n.is_alphanumeric());
        if read_here(i) && ends_word {
            key.push_str(&normalize(&piece, MAX_HANDLE_CHARS).fold_compact());
            key.push('|');
            piece.clear();
        }
    }
    key.push_str(&normalize(&piece, MAX_HANDLE_CHARS).fold_compact());
    let places = ReadPlaces {
        read_at: marked_places(&key, &marked),
        pair_at: if any_pair {
            marked_places(&key, &pairs)
        } else {
            Box::default()
        },
        word_at: word_starts(local, read, &key),
    };
    (key, places)
}

/// For each byte of `key`, the fold key of `read` ('|' aside), whether a word of the handle begins
/// there: its first character, after a separator, a capital after a small letter of `written`, the
/// handle as written, which `read` reads one character for one. Empty when unknown.
fn word_starts(written: &str, read: &str, key: &str) -> Box<[bool]> {
    // The reading with the first character of each word written '2' (`marked_places`).
    let mut starts = String::with_capacity(read.len());
    let mut before: Option<char> = None;
    for (w, r) in written.chars().zip(read.chars()) {
        let starts_word = w.is_alphanumeric()
            && before
                .is_none_or(|b| !b.is_alphanumeric() || (b.is_lowercase() && w.is_uppercase()));
        starts.push(if starts_word { '2' } else { r });
        before = Some(w);
    }
    marked_places(key, &starts)
}

/// Where `key` ('|' aside) differs from the fold key of `marked`, the text it is the fold key of with
/// some characters written '2', which the fold key keeps as it is and no reading turns into a letter;
/// empty when the fold key reads characters together (`rn` as m) or leaves some out, so that places
/// cannot be told.
fn marked_places(key: &str, marked: &str) -> Box<[bool]> {
    let marked = normalize(marked, MAX_HANDLE_CHARS).fold_compact();
    let plain = key.bytes().filter(|&b| b != b'|');
    if marked.len() == key.len() - key.matches('|').count() {
        plain.zip(marked.bytes()).map(|(r, m)| r != m).collect()
    } else {
        Box::default()
    }
}

/// Whether a digit or symbol stands for a letter between two letters (p3t3r, dav1d, g00gle: runs
/// of one or two), the mark of a handle written in leetspeak.
fn leet_elsewhere(c: &[char]) -> bool {
    let letter = |at: Option<&char>| at.is_some_and(|c| c.is_alphabetic());
    let leet = |d: &char| matches!(d, '@' | '$') || leet_digit(*d).is_some();
    (1..c.len()).any(|i| {
        let run = c[i..].iter().take_while(|d| leet(d)).count();
        (1..=2).contains(&run) && letter(c.get(i - 1)) && letter(c.get(i + run))
    })
}

fn leet_digit(c: char) -> Option<char> {
    match c {
        '0' => Some('o'),
        '1' => Some('i'),
        _ if c.is_ascii_digit() => Some(leet_char(c)).filter(|l| *l != c),
        _ => None,
    }
}

/// Whether `written`, a digit or a symbol, is leetspeak for `letter` (3 for e, 1 for i or l, 0 for o,
/// @ for a, $ for s): what the keys read it as, or 1 for i, which they read as l. For the evidence,
/// which names each such character as written.
pub(crate) fn stands_for(written: char, letter: char) -> bool {
    let letter = letter.to_ascii_lowercase();
    // A digit of another style or script as the ASCII digit it is or looks like (١ as 1).
    let read = match ascii_digit(written) {
        '@' => 'a',
        '$' => 's',
        '|' => 'l',
        '1' if letter == 'l' => 'l',
        c => match leet_digit(c) {
            Some(l) => l,
            None => return false,
        },
    };
    read == letter
}

impl TargetKeys {
    /// The keys a protected handle is compared by: no parts or words, which only a profile's handle
    /// needs (for its cores and labels), so building a checker does not make them for every account.
    pub fn new(platform: &str, handle: &str) -> Self {
        let local = handle_local(platform, handle);
        let n = normalize(local, MAX_HANDLE_CHARS);
        let truncated = n.truncated;
        let (fold, glyph) = n.into_compact();
        let leet = leet_key_of(&fold);
        Self::pack(local, &fold, &glyph, &leet, truncated)
    }

    /// Keys of a protected name used as a handle target ("Aliko Dangote" -> alikodangote).
    pub fn from_name(fold_compact: &str, glyph_compact: &str, display: &str) -> Self {
        let leet = leet_key_of(fold_compact);
        Self::pack(display, fold_compact, glyph_compact, &leet, false)
    }

    fn pack(display: &str, fold: &str, glyph: &str, leet: &str, truncated: bool) -> Self {
        let (glyph_differs, leet_differs) = (glyph != fold, leet != fold);
        let parts = [
            display,
            fold,
            if glyph_differs { glyph } else { "" },
            if leet_differs { leet } else { "" },
        ];
        // At its exact size: mimalloc keeps a block that shrinks by half or less where it is, so
        // room to spare stayed in the process for every target of a checker (issue 25).
        let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        let mut ends = [0u32; 3];
        for (i, part) in parts.into_iter().enumerate() {
            text.push_str(part);
            if let Some(end) = ends.get_mut(i) {
                // Handles are cut at MAX_HANDLE_CHARS and list files are far smaller than 4 GB.
                *end = u32::try_from(text.len()).unwrap_or(u32::MAX);
            }
        }
        TargetKeys {
            text: text.into_boxed_str(),
            ends,
            truncated,
            leet_differs,
            glyph_differs,
            fold_len: fold.chars().count() as u32,
            glyph_len: glyph.chars().count() as u32,
        }
    }

    #[inline]
    fn part(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let end = self.ends.get(i).map_or(self.text.len(), |&e| e as usize);
        &self.text[start..end]
    }

    /// The handle as written (local part).
    #[inline]
    pub fn display(&self) -> &str {
        self.part(0)
    }

    /// Letters and digits, casefolded, confusables folded.
    #[inline]
    pub fn fold(&self) -> &str {
        self.part(1)
    }

    /// Same, with capital I read as l.
    #[inline]
    pub fn glyph(&self) -> &str {
        if self.glyph_differs {
            self.part(2)
        } else {
            self.fold()
        }
    }

    /// `fold` with digits read as the letters they stand for (3→e, 4→a, 5→s, 7→t …).
    #[inline]
    pub fn leet(&self) -> &str {
        if self.leet_differs {
            self.part(3)
        } else {
            self.fold()
        }
    }
}

impl HandleKeys {
    pub fn new(platform: &str, handle: &str) -> Self {
        let keys = TargetKeys::new(platform, handle);
        let local = keys.display();
        let plain = local.to_lowercase();
        let parts = split_parts(&plain);
        let mut read_parts = Vec::new();
        if local.contains('I') {
            read_parts.push((split_parts(&local.replace('I', "l").to_lowercase()), true));
        }
        if plain.bytes().any(|b| b.is_ascii_digit()) {
            let leet = leet_reading(&plain);
            if leet != plain {
                read_parts.push((split_parts(&leet), false));
            }
        }
        let words = marked_words(local, &parts);
        // Full-width and mathematical digits read as the ASCII ones they are (the keys fold them).
        let ascii = ascii_digits(local);
        let one_as_i = one_as_i(&ascii).filter(|k| *k != *keys.leet());
        let ones_read = ones_read_as_i(&ascii, true);
        let (digits_inside, places) = match digits_read_inside(&ascii) {
            Some(read) => {
                let (key, places) = digits_inside_key(&ascii, &read);
                (Some(key), places)
            }
            None => (None, ReadPlaces::default()),
        };
        HandleKeys {
            keys,
            parts,
            read_parts,
            words,
            one_as_i,
            digits_inside,
            places,
            ones_read,
        }
    }
    /// The fold key's letters with each 1 (which it reads as l) read as i where `one_as_i` reads it
    /// so, digits left out, as the own-name rule compares them; None without such a 1.
    pub(crate) fn one_as_i_letters(&self) -> Option<String> {
        let read = self.one_as_i.as_deref()?;
        if read.chars().count() != self.fold_len as usize {
            return None;
        }
        let kept = self.fold().chars().zip(read.chars());
        let letters = kept.filter(|(f, _)| !f.is_ascii_digit());
        Some(
            letters
                .map(|(f, r)| if f == 'l' && r == 'i' { r } else { f })
                .collect(),
        )
    }

    /// Words of a handle of several words that are long enough to be a protected handle of 7+ letters
    /// with a typo (`home_myetherwallat`, `myethewaliet_login`), as fold keys. Whole handles are
    /// compared on their own; these are for a typo inside a longer handle.
    pub(crate) fn segments(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        self.segments_of(&self.display(), &self.parts, &self.words, &mut out);
        // The words again with each 1 that reads as i read so (`ones_read_as_i`): the fold keys read
        // it as l, so `support_b1nnance` would be two edits from @binance where `support_binnance`
        // is one (issue 20).
        if let Some(read) = &self.ones_read {
            let parts = split_parts(&read.to_lowercase());
            let words = marked_words(read, &parts);
            self.segments_of(read, &parts, &words, &mut out);
        }
        out
    }

    /// `segments` of a handle as written or read (`display`), split into `parts` and `words` as
    /// `HandleKeys::new` splits it, added to `out` once each.
    fn segments_of(
        &self,
        display: &str,
        parts: &[String],
        words: &[String],
        out: &mut Vec<String>,
    ) {
        // Also the words between separators only, digits kept: a typo written with a digit
        // (`support_co9nbase`) is split at the digit by `parts`.
        let lower = display.to_lowercase();
        let chunks: Vec<String> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        for words in [parts, words, &chunks] {
            // Several words of letters: a handle that is one word and a number is compared whole.
            if words
                .iter()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count()
                < 2
            {
                continue;
            }
            for w in words.iter().filter(|w| w.chars().count() >= MIN_SEGMENT) {
                let key = if w.bytes().all(|b| b.is_ascii_lowercase()) && !w.contains("rn") {
                    w.clone()
                } else {
                    normalize(w, MAX_HANDLE_CHARS).fold_compact()
                };
                if key.chars().count() >= MIN_SEGMENT && *key != *self.fold() && !out.contains(&key)
                {
                    out.push(key);
                }
            }
        }
    }

    /// A word of the handle as written (lowercased) where `segment`, one of `segments`, is that word
    /// with a 1 read as i (`support_b1nnance` for `binnance`); None for a word read as written.
    pub(crate) fn written_segment(&self, segment: &str) -> Option<String> {
        let read = self.ones_read.as_deref()?.to_lowercase();
        let written = self.display().to_lowercase();
        // The reading changes 1s into i and nothing else: ASCII for ASCII, at the same places.
        let at = read.find(segment)?;
        let word = written.get(at..at + segment.len())?;
        (word != segment && read.len() == written.len()).then(|| word.to_string())
    }

    /// The stretch of the handle as written (case kept) that `segment`, one of `segments`, reads from
    /// where that stretch writes digits or symbols for letters: @0s1mhen_fc's "0s1mhen" for the word
    /// its fold key reads "oslmhen", @Fatima74Events's "Fatima74" for "fatimata". None where the
    /// handle writes the word's letters as they are, or no stretch reads as it one for one.
    pub(crate) fn written_word(&self, segment: &str) -> Option<String> {
        let written: Vec<char> = self.display().chars().collect();
        let span = self.written_span(segment)?;
        let w = &written[span];
        w.iter()
            .any(|c| !c.is_alphabetic())
            .then(|| w.iter().collect())
    }

    /// Where (in characters of the handle as written) the first stretch is that reads as `segment`,
    /// one of `segments`: each letter as itself in any case, or a digit or symbol that stands for it.
    pub(crate) fn written_span(&self, segment: &str) -> Option<std::ops::Range<usize>> {
        let want: Vec<char> = segment.chars().collect();
        let written: Vec<char> = self.display().chars().collect();
        let reads = |w: char, s: char| {
            w.to_lowercase().eq(std::iter::once(s)) || (!w.is_alphabetic() && stands_for(w, s))
        };
        let at = written
            .windows(want.len())
            .position(|w| w.iter().zip(&want).all(|(w, s)| reads(*w, *s)))?;
        Some(at..at + want.len())
    }

    /// The handle with affixes taken off, each with the affixes removed. Only whole parts are removed
    /// where the handle separates them (`real_davido`, `davido_ng`); in a run-together handle only words
    /// of the affix list of at least two letters (`realdavido`, `davidoofficial`), keeping 4+ letters.
    /// Cores are returned as fold keys.
    pub fn cores(&self) -> Vec<Core> {
        let mut out: Vec<Core> = Vec::new();
        let mut push = |core: String, affixes: Vec<String>, il_swap: bool| {
            let core = if core.is_ascii()
                && core.bytes().all(|b| b.is_ascii_lowercase())
                && !core.contains("rn")
            {
                core
            } else {
                normalize(&core, MAX_HANDLE_CHARS).fold_compact()
            };
            if core.len() >= 3 && *core != *self.fold() && !out.iter().any(|c| c.key == core) {
                out.push(Core {
                    key: core,
                    affixes,
                    il_swap,
                });
            }
        };
        cores_of(&self.parts, &mut |c, a| push(c, a, false));
        for (parts, il_swap) in &self.read_parts {
            cores_of(parts, &mut |c, a| push(c, a, *il_swap));
        }
        // Words marked by capitals run together as the handle does: no run-together affixes to find
        // beyond those of `parts`.
        word_cores(&self.words, &mut |c, a| push(c, a, false));
        // Two words swapped with nothing to mark them (dangotealiko for AlikoDangote) are a rotation
        // of the key: every split into two words of 3+ letters, in a handle of 7+ small letters (where
        // capitals or separators mark the words, the orders above cover it).
        let key = &self.fold();
        if key.len() >= 7 && self.display().bytes().all(|b| b.is_ascii_lowercase()) {
            for i in 3..=key.len() - 3 {
                // `concat` over `format!`: the same string without the formatting machinery, which
                // showed in a scan (six rotations of most lowercase handles).
                push(
                    [&key[i..], &key[..i]].concat(),
                    vec!["(word order)".into()],
                    false,
                );
            }
        }
        out
    }
}

fn cores_of(parts: &[String], push: &mut impl FnMut(String, Vec<String>)) {
    word_cores(parts, push);
    run_together_cores(parts, push);
}

/// Whole parts with affix parts dropped, and the parts in other orders.
fn word_cores(parts: &[String], push: &mut impl FnMut(String, Vec<String>)) {
    let n = parts.len();
    // Whole parts.
    for lo in 0..n.min(3) {
        for hi in (lo + 1..=n).rev().take(3) {
            // Copied only when they are all affixes (most are not).
            let dropped = || parts[..lo].iter().chain(&parts[hi..]);
            if dropped().next().is_some() && dropped().all(|p| is_affix(p)) {
                push(parts[lo..hi].concat(), dropped().cloned().collect());
            }
        }
    }
    // Words in another order: dangote_aliko for AlikoDangote, with or without affixes, and every
    // order of a handle of two to four words of letters (LtdGroupWambua for WambuaGroupLtd).
    let words: Vec<&String> = parts.iter().filter(|p| !is_affix(p)).collect();
    let all_letters = parts.iter().all(|p| p.chars().all(char::is_alphabetic));
    // (With nothing dropped, the orders below include this one.)
    if words.len() == 2 && !(n == 2 && all_letters) {
        push(
            [words[1].as_str(), words[0].as_str()].concat(),
            vec!["(word order)".into()],
        );
    }
    if (2..=4).contains(&n) && all_letters {
        for order in orders(n).into_iter().skip(1) {
            push(
                order.iter().map(|&i| parts[i].as_str()).collect(),
                vec!["(word order)".into()],
            );
        }
    }
}

/// Affix words run together with the rest (realdavido, davidoofficial), one or two deep.
fn run_together_cores(parts: &[String], push: &mut impl FnMut(String, Vec<String>)) {
    let mut frontier = vec![(parts.concat(), Vec::<String>::new())];
    for _ in 0..2 {
        let mut next = Vec::new();
        for (s, affixes) in &frontier {
            // Affix words at either end, in AFFIXES order (prefix before suffix), found by looking
            // up each end of `s` rather than trying every affix.
            let mut found: Vec<(usize, bool, &str)> = Vec::new();
            for len in 2..=MAX_AFFIX_LEN.min(s.len().saturating_sub(4)) {
                for (suffix, end, rest) in [
                    (false, s.get(..len), s.get(len..)),
                    (true, s.get(s.len() - len..), s.get(..s.len() - len)),
                ] {
                    if let (Some(end), Some(rest)) = (end, rest) {
                        if let Some(i) = affix_position(end) {
                            found.push((i, suffix, rest));
                        }
                    }
                }
            }
            found.sort_unstable_by_key(|(i, suffix, _)| (*i, *suffix));
            for (i, _, rest) in found {
                next.push((
                    rest.to_string(),
                    [affixes.clone(), vec![AFFIXES[i].to_string()]].concat(),
                ));
            }
            let digits = s.trim_end_matches(|c: char| c.is_ascii_digit());
            if digits.len() != s.len() && digits.len() >= 4 {
                next.push((
                    digits.to_string(),
                    [affixes.clone(), vec![s[digits.len()..].to_string()]].concat(),
                ));
            }
        }
        for (c, a) in &next {
            push(c.clone(), a.clone());
        }
        frontier = next;
    }
}

/// Every order of `n` items, the identity first.
fn orders(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for shorter in orders(n - 1) {
        for at in (0..n).rev() {
            let mut o = shorter.clone();
            o.insert(at, n - 1);
            out.push(o);
        }
    }
    out
}

/// Words impersonators add to a copied handle.
pub(crate) const AFFIXES: &[&str] = &[
    "official",
    "offical",
    "officiel",
    "oficial",
    "real",
    "the",
    "its",
    "itz",
    "iam",
    "im",
    "i",
    "hq",
    "tv",
    "support",
    "help",
    "helpdesk",
    "team",
    "news",
    "media",
    "music",
    "fan",
    "fans",
    "fanpage",
    "fanclub",
    "parody",
    "page",
    "account",
    "verified",
    "original",
    "updates",
    "daily",
    "live",
    "global",
    "world",
    "africa",
    "naija",
    "care",
    "service",
    "info",
    "backup",
    "alt",
    "new",
    "mr",
    "mrs",
    "dr",
    "hon",
    "chief",
    "king",
    "queen",
    "sir",
    "x",
    "of",
    "giveaway",
    "giveaways",
    "promo",
    "crypto",
    // From here on, places (FIRST_PLACE): where someone is, not a claim about who they are.
    "ng",
    "gh",
    "sn",
    "ci",
    "cm",
    "ke",
    "za",
    "uk",
    "us",
    "usa",
    "fr",
    "ml",
    "bf",
    "tg",
    "bj",
    "ne",
    "gn",
    "cd",
    "ga",
    "et",
    "tz",
    "ug",
    "rw",
    "ma",
    "eg",
    "dz",
    "tn",
    "lr",
    "sl",
    "gm",
    "zm",
    "zw",
    "nigeria",
    "ghana",
    "senegal",
    // More of the countries brand pages add (MTN Uganda, Orange Cameroun); not Mali, Chad or Niger,
    // which are also names or too close to one.
    "kenya",
    "uganda",
    "tanzania",
    "rwanda",
    "cameroon",
    "cameroun",
    "ivoire",
    "togo",
    "benin",
    "gabon",
    "congo",
    "rdc",
    "drc",
    "zambia",
    "zimbabwe",
    "ethiopia",
    "egypt",
    "maroc",
    "morocco",
    "liberia",
    "gambia",
    "guinee",
    "guinea",
    "burkina",
    "malawi",
    "angola",
];

pub(crate) fn is_affix(part: &str) -> bool {
    part.chars().all(|c| c.is_ascii_digit()) || is_affix_word(part)
}

/// Whether `word` is in AFFIXES (a hash lookup: this runs for every token of every comparison).
pub(crate) fn is_affix_word(word: &str) -> bool {
    affix_position(word).is_some()
}

/// Whether `word` is one of the places in AFFIXES (a country or its code).
pub(crate) fn is_place(word: &str) -> bool {
    match (affix_position(word), first_place()) {
        (Some(i), Some(place)) => i >= place,
        _ => false,
    }
}

/// The first place in AFFIXES: the words after it are countries and their codes.
const FIRST_PLACE: &str = "ng";

/// Whether an affix claims something about who the account is (official, real, hq, new, fan …),
/// rather than giving a number, a place or saying "it's me" (its, iam), as anyone's handle may.
pub(crate) fn is_claim_affix(affix: &str) -> bool {
    match (affix_position(affix), first_place()) {
        (Some(i), Some(place)) => i < place && !is_self_reference(affix),
        _ => false,
    }
}

/// "It's me" in a handle (@itsolamide, @iamdavido): how namesakes write their handles too.
pub(crate) fn is_self_reference(affix: &str) -> bool {
    matches!(affix, "i" | "im" | "iam" | "its" | "itz")
}

/// Bytes in the longest affix word.
const MAX_AFFIX_LEN: usize = 9;

/// Where `word` is in AFFIXES.
fn affix_position(word: &str) -> Option<usize> {
    static POSITIONS: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, usize>> =
        std::sync::OnceLock::new();
    POSITIONS
        .get_or_init(|| AFFIXES.iter().enumerate().map(|(i, a)| (*a, i)).collect())
        .get(word)
        .copied()
}

/// Where FIRST_PLACE is in AFFIXES, looked up once: `is_place` runs for a name's words in every
/// account a checker is built with, and this second lookup was half of its cost (issue 25).
fn first_place() -> Option<usize> {
    static FIRST: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    *FIRST.get_or_init(|| affix_position(FIRST_PLACE))
}

/// A fold key with its digits read as the letters they stand for (`leet_char`).
fn leet_key_of(fold: &str) -> String {
    let mut out = String::with_capacity(fold.len());
    out.extend(fold.chars().map(leet_char));
    out
}

fn leet_char(c: char) -> char {
    match c {
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '8' => 'b',
        '9' => 'g',
        '6' => 'b',
        _ => c,
    }
}

/// Shortest protected key whose typos are looked for inside a longer handle: shorter ones, with a
/// typo, are found inside too many ordinary words.
pub(crate) const MIN_EMBEDDED_TYPO: usize = 7;

/// Shortest handle word that can be such a typo (one edit shorter than MIN_EMBEDDED_TYPO).
const MIN_SEGMENT: usize = MIN_EMBEDDED_TYPO - 1;

/// Shortest key read with a typo (`typo_limit`).
pub(crate) const MIN_TYPO_LEN: usize = 5;

/// A key with i read as l (and 1 as l already), so n1ke, nlke and nike are one key.
fn loose(key: &str) -> std::borrow::Cow<'_, str> {
    if key.contains('i') {
        key.replace('i', "l").into()
    } else {
        key.into()
    }
}

/// The loose key of a protected key too short for typos, when it differs from the key (it has an i):
/// such a key is indexed (`candidates`) and compared under this reading too.
pub(crate) fn loose_short(key: &str) -> Option<String> {
    (key.chars().count() < MIN_TYPO_LEN && key.contains('i')).then(|| loose(key).into_owned())
}

/// Largest edit distance still read as a typo of a key of `len` characters.
pub(crate) fn typo_limit(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum HandleHow {
    /// Same key: identical to the eye (lookalike digits, I/l, case). `il_swap`: only the glyph key
    /// matches (capital I read as l, or vv as w): a visual trick rather than a reading.
    SameKey { il_swap: bool },
    /// The protected handle plus affixes.
    /// `il_swap`: the core only reads as the protected handle with capital I taken for l (or l for I).
    Affix { affixes: Vec<String>, il_swap: bool },
    /// The protected handle inside a longer one. `il_swap`: found only with capital I read as l
    /// (`holds_with_il_read`).
    Embedded { il_swap: bool },
    /// Within a few edits (the edit itself is explained for the chosen match only, by `explain_edit`).
    Typo { distance: usize },
    /// One word of a longer handle is within a few edits of the protected handle (`home_myetherwallat`).
    EmbeddedTypo { segment: String, distance: usize },
    /// One trick that costs two or more edits: a letter moved, a pair replaced by a doubled letter,
    /// every copy of a vowel changed (`skeleton::trick`); of the whole handle, or of its core with
    /// these affixes taken off (`paysctak_ng`).
    Trick(crate::text::skeleton::Trick, Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HandleMatch {
    pub how: HandleHow,
    /// 3 = same key, 2 = affix, typo or embedded.
    pub strength: u8,
    /// Length of the protected key, for deciding how far to trust a weaker match.
    pub target_len: usize,
}

/// Compare a profile's handle (with its `cores()`, computed once per profile) with one target: a
/// protected handle or a protected name written as a handle.
pub(crate) fn compare(
    p: &HandleKeys,
    p_cores: &[Core],
    p_segments: &[String],
    t: &TargetKeys,
) -> Option<HandleMatch> {
    // Each key's place in its shared string, found once (they are asked for again and again below).
    let (p_fold, p_leet, p_glyph) = (p.fold(), p.leet(), p.glyph());
    let (t_fold, t_leet, t_glyph) = (t.fold(), t.leet(), t.glyph());
    if t_fold.len() < 3 || p_fold.is_empty() {
        return None;
    }
    let m = |how, strength| {
        Some(HandleMatch {
            how,
            strength,
            target_len: t.fold_len as usize,
        })
    };
    // Separators are dropped from keys, but adding or removing one is an edit, not a lookalike:
    // `david_o` is not `davido` to the eye.
    fn separators(h: &str) -> impl Iterator<Item = char> + '_ {
        h.chars().filter(|c| !c.is_alphanumeric())
    }
    // The protected handle with digits for letters, a 1 among them read as i (@dav1do for @davido), is
    // the same handle as @d4vid0 is, not the weaker I/l swap its glyph key would also find. Where the
    // protected handle has a capital I, a 1 for it looks identical (@1Chukwu): that stays a lookalike.
    let one_for_i = !t.display().contains('I') && p.one_as_i.as_deref() == Some(t_leet);
    if p_fold == t_fold || p_leet == t_leet || one_for_i {
        // As many separators, of whatever kind: X has no dots, so @ada_okonkwo is as close as an X
        // handle gets to Instagram's @ada.okonkwo.
        let same = separators(&p.display()).count() == separators(&t.display()).count();
        return m(
            HandleHow::SameKey { il_swap: false },
            if same { 3 } else { 2 },
        );
    }
    // A short handle with i and l (or a 1) swapped (n1ke, nlke for nike): too short for a typo, and as
    // good as the same to the eye.
    if (t.fold_len as usize) < MIN_TYPO_LEN
        && loose_short(t_leet).is_some_and(|k| k == loose(p_leet))
    {
        let same = separators(&p.display()).count() == separators(&t.display()).count();
        return m(
            HandleHow::SameKey { il_swap: false },
            if same { 3 } else { 2 },
        );
    }
    if p_glyph == t_glyph {
        // Identical to the eye only with the very same separators.
        let same = separators(&p.display()).eq(separators(&t.display()));
        return m(
            HandleHow::SameKey { il_swap: true },
            if same { 3 } else { 2 },
        );
    }
    let tlen = t.fold_len as usize;
    if tlen >= 4 {
        // Plain readings first, so an I/l swap is only claimed when nothing else explains the match.
        let plain = |c: &&Core| !c.il_swap && (c.key == t_fold || c.key == t_leet);
        let swapped = |c: &&Core| c.key == t_fold || c.key == t_leet || c.key == t_glyph;
        if let Some(c) = p_cores
            .iter()
            .find(plain)
            .or_else(|| p_cores.iter().find(swapped))
        {
            return m(
                HandleHow::Affix {
                    affixes: c.affixes.clone(),
                    il_swap: c.il_swap || (c.key != t_fold && c.key != t_leet),
                },
                2,
            );
        }
    }
    let limit = typo_limit(tlen);
    // Distances only for keys whose lengths are within reach; leet and glyph keys only where they differ.
    let mut d = usize::MAX;
    if limit > 0 {
        // (profile key, target key, their lengths, skip because both equal the fold keys)
        let keys = [
            (p_fold, t_fold, p.fold_len, t.fold_len, false),
            (
                p_leet,
                t_leet,
                p.fold_len,
                t.fold_len,
                !p.leet_differs && !t.leet_differs,
            ),
            (
                p_glyph,
                t_glyph,
                p.glyph_len,
                t.glyph_len,
                !p.glyph_differs && !t.glyph_differs,
            ),
        ];
        for (a, b, x, y, same) in keys {
            if !same && x.abs_diff(y) as usize <= limit {
                d = d.min(osa_within(a, b, limit).unwrap_or(usize::MAX));
            }
        }
        // Each '1' read as i (`HandleKeys::one_as_i`): the same length as the leet key.
        if let Some(k) = &p.one_as_i {
            if p.fold_len.abs_diff(t.fold_len) as usize <= limit {
                d = d.min(osa_within(k, t_leet, limit).unwrap_or(usize::MAX));
            }
        }
        if d <= limit && !(d == 2 && tlen < FAR_SHORT_MAX && another_word_beside(p, t)) {
            return m(HandleHow::Typo { distance: d }, 2);
        }
    }
    if tlen >= 5 {
        if p_fold.contains(t_fold) || holds_with_digits_read(p, t, false) {
            return m(HandleHow::Embedded { il_swap: false }, 2);
        }
        if holds_with_il_read(p, t) || holds_with_digits_read(p, t, true) {
            return m(HandleHow::Embedded { il_swap: true }, 2);
        }
    }
    if tlen >= MIN_EMBEDDED_TYPO {
        let limit = typo_limit(tlen);
        for s in p_segments {
            if s.chars().count().abs_diff(tlen) <= limit {
                if let Some(d) = osa_within(s, t_fold, limit) {
                    let segment = s.clone();
                    return m(
                        HandleHow::EmbeddedTypo {
                            segment,
                            distance: d,
                        },
                        2,
                    );
                }
            }
        }
    }
    None
}

/// Whether the handle with its digits read as letters (`HandleKeys::digits_inside`) holds the
/// protected handle, and more: @l1ndaikeji_blog holds @lindaikeji and @d4vid0_blog @davido as
/// @davido_blog does (issue 20). The handle read whole is `compare`'s first test. `swapped`: also
/// with capital I and lowercase l swapped where the handle writes l or I, as `holds_with_il_read`
/// reads them (@l1ndalkeji_blog holds @LindaIkeji), and with its limit: where the protected handle
/// begins a word of the handle, or its first letter is not swapped.
fn holds_with_digits_read(p: &HandleKeys, t: &TargetKeys, swapped: bool) -> bool {
    let Some(read) = p.digits_inside.as_deref() else {
        return false;
    };
    let (want, plain, places) = (t.fold().as_bytes(), p.fold().as_bytes(), &p.places);
    // The reading differs from the fold key only where a digit is read as a letter: the same places,
    // once the word ends ('|') are taken out.
    if read.len() - read.matches('|').count() != plain.len()
        || plain.len() <= want.len()
        || places.read_at.len() != plain.len()
    {
        return false;
    }
    // The protected handle's glyph key, where it reads one character for one: its capital I (or l)
    // is l there, and i (or l) in its fold key.
    let glyph = t.glyph().as_bytes();
    let one_for_one = glyph.len() == want.len();
    if swapped && !(one_for_one && (t.glyph_differs || p.glyph_differs)) {
        return false;
    }
    let il_at = if swapped {
        written_il(p)
    } else {
        Box::default()
    };
    let capital_i = |j: usize| one_for_one && glyph[j] == b'l' && want[j] == b'i';
    let one_at = |j: usize| matches!(want[j], b'i' | b'l');
    let n = want.len();
    let mut at = 0; // where the piece starts in the reading without its '|'
    for piece in read.split('|').map(str::as_bytes) {
        for m in 0..(piece.len() + 1).saturating_sub(n) {
            let from = at + m;
            // Letter for letter, or (swapped) l or I written where the protected handle has l or I.
            let swap = |j: usize| {
                swapped
                    && glyph[j] == b'l'
                    && matches!(piece[m + j], b'i' | b'l')
                    && il_at.get(from + j).copied().unwrap_or(false)
            };
            if !(0..n).all(|j| piece[m + j] == want[j] || swap(j)) {
                continue;
            }
            let swaps = (0..n).filter(|&j| piece[m + j] != want[j]).count();
            // Where a digit is read as one of the protected handle's letters.
            let digit_at = |j: usize| places.read_at[from + j];
            let pair_at = |j: usize| places.pair_at.get(j).copied().unwrap_or(false);
            let starts_word = from == 0 || places.word_at.get(from).copied().unwrap_or(false);
            let ends_with_one = want[n - 1] == b'i'; // only a 1 reads as i
            let ends_piece = m + n == piece.len();
            let place = Place {
                starts_word,
                ends_word: ends_piece || places.word_at.get(from + n).copied().unwrap_or(false),
                free_end: ends_piece || ends_with_one,
                // A pair of different digits is read whole or not at all: t3|5la is no t35la.
                pair: (from..from + n).any(pair_at),
                pair_cut: pair_at(from + n - 1) && pair_at(from + n),
            };
            // Swapped, as `holds_with_il_read`: where a word begins, or the first letter as written.
            let swap_placed = starts_word || piece[m] == want[0];
            if (!swapped || (swaps > 0 && swap_placed))
                && reads_as_the_handle(n, digit_at, capital_i, one_at, place)
            {
                return true;
            }
        }
        at += piece.len();
    }
    false
}

/// Where a handle writes l or I (in its fold key's places), which may stand for each other. The keys
/// read 1 and | as l too, but a 1 or a | for a capital I is a digit or a symbol for a letter, which
/// the whole handle's evidence names as such, and inside a longer handle a digit before a word is a
/// number (@1chukwu_chijiok holds no @IChukwu: `reads_as_the_handle`).
fn written_il(p: &HandleKeys) -> Box<[bool]> {
    let marked: String = p
        .display()
        .chars()
        .map(|c| if matches!(c, 'l' | 'I') { '2' } else { c })
        .collect();
    marked_places(p.fold(), &marked)
}

/// Whether the handle holds the protected handle read with capital I and lowercase l swapped, as the
/// whole handle and its cores are read (the glyph keys): @lindalkeji_blog holds @LindaIkeji and
/// @AIikoDangote_blog @AlikoDangote, as @the_lindalkeji and @AIikoDangote_news do (issue 20). Only
/// where the protected handle begins a word of the handle (`word_starts`), as one digit read is
/// (`reads_as_the_handle`), or where its first letter is written as it is (@gistlindalkeji): l is a
/// common letter, and a protected handle that begins with I would be found inside ordinary words
/// (@kellyabo would hold @Iyabo, whose glyph key is lyabo). A swap further in is a protected handle
/// run into the word before it, as its plain letters are found anywhere (@gistlindaikeji).
fn holds_with_il_read(p: &HandleKeys, t: &TargetKeys) -> bool {
    let (key, want) = (p.glyph(), t.glyph());
    // The glyph keys also read vv as w: only where they read one character for one, so that places
    // in them are places in the fold key.
    if !(p.glyph_differs || t.glyph_differs)
        || key.len() != p.fold().len()
        || want.len() != t.fold().len()
        || key.len() <= want.len()
    {
        return false;
    }
    let mut found = key.match_indices(want).map(|(at, _)| at).peekable();
    if found.peek().is_none() {
        return false;
    }
    let local = p.display();
    let starts = word_starts(local, local, p.fold());
    let il_at = written_il(p);
    let (fold, t_fold) = (p.fold().as_bytes(), t.fold().as_bytes());
    found.any(|at| {
        let swapped_letters = (0..t_fold.len())
            .all(|j| fold[at + j] == t_fold[j] || il_at.get(at + j).copied().unwrap_or(false));
        // Run into the word before it (@gistlindalkeji), a swap may not be its first letter: l
        // ending a word and the rest of a handle that begins with I is common (@kellyabo, @Iyabo).
        let first_swapped = fold[at] != t_fold[0];
        swapped_letters && (starts.get(at).copied().unwrap_or(false) || !first_swapped)
    })
}

/// Where the reading holds a protected handle (`holds_with_digits_read`), beside its digits.
struct Place {
    /// It begins where a word of the handle does.
    starts_word: bool,
    /// The handle or a word of it ends after it.
    ends_word: bool,
    /// The handle or a word ends after it, or its last letter is i, whose 1 the reading of 1s settled.
    free_end: bool,
    /// A digit of a pair of two different digits is read in it (t35la).
    pair: bool,
    /// It ends between the two digits of such a pair.
    pair_cut: bool,
}

/// Whether a place where the reading holds a protected handle of `n` letters (`holds_with_digits_read`)
/// reads as it, by where its digits are (`digit_at`, `capital_i`, `one_at`: an i or l, which only a 1
/// reads as, of its positions) and where it is (`place`).
fn reads_as_the_handle(
    n: usize,
    digit_at: impl Fn(usize) -> bool,
    capital_i: impl Fn(usize) -> bool,
    one_at: impl Fn(usize) -> bool,
    place: Place,
) -> bool {
    let Place {
        starts_word,
        ends_word,
        free_end,
        pair,
        pair_cut,
    } = place;
    // A digit before a word is a number, not its first letter: @no1store, @Kofi21Store and
    // @chinedu_1store hold no @istore.
    if digit_at(0) || pair_cut {
        return false;
    }
    // Two different digits read as letters side by side (@t35la_support, 3 for e and 5 for s) only
    // where the protected handle is a word of its own, beginning and ending one: elsewhere a pair
    // between letters is a number between two words (@team35ales), or a name and an age before
    // another word (@yemi51life holds no @yemisi, @amina74boutique no @Aminata: review11).
    if pair && !(starts_word && ends_word) {
        return false;
    }
    let read: Vec<usize> = (1..n).filter(|&j| digit_at(j)).collect();
    let leet = read.iter().filter(|&&j| !capital_i(j)).count();
    // A 1 for a capital I looks identical: a lookalike, not a reading, as in `compare`'s first test,
    // unless another digit is read as a letter there (@l1nda1keji_blog). A 1 for a lowercase i of a
    // handle with a capital elsewhere is read (@l1ndaikeji_blog holds @LindaIkeji).
    if leet == 0 && !read.is_empty() {
        return false;
    }
    // One digit other than a 1 read in the middle of a word is a number between two words, not a
    // letter: @team4zone, @dream4zone hold no @amazon, @hair7elegance no @airtel, @shop4lmpay no
    // @palmpay. Where the protected handle begins a word (@tiwa5avage_vevo, @official_m3tamask), or
    // with a second digit read (@thed4vid0), it is read; and where the protected handle is run into
    // the word before it with its start written plainly (`runs_into_word_before`).
    if read.len() == 1 && !one_at(read[0]) && !starts_word && !runs_into_word_before(read[0], n) {
        return false;
    }
    // A digit between the protected handle and a word after it is a word of its own (4 for "for":
    // @kund4life holds no @kunda), unless another digit is read there too (@k3nd4life).
    !(digit_at(n - 1) && !free_end && read.len() < 2)
}

/// Whether one digit read at `j` of a protected handle of `n` letters that begins inside a word of
/// the handle still reads as its letter: with at least `PLAIN_BEFORE_DIGIT` of its letters written as
/// they are before the digit and one after it (@gistlindaik3ji holds @lindaikeji, "lindaik" before
/// the 3). A digit joining two words takes a short end of the first and a start of the second
/// (@team4zone's "am" and "zon" for @amazon, @shop4lmpay's "p" for @palmpay); five letters of the
/// protected handle before it are a stretch plain containment would find on its own (`compare`'s
/// 5-letter floor). A digit ending it is a number after a name, as elsewhere (@idris5_blog).
fn runs_into_word_before(j: usize, n: usize) -> bool {
    j >= PLAIN_BEFORE_DIGIT && j + 1 < n
}

/// Letters of a protected handle written as they are before one digit read in a word it does not
/// begin (`runs_into_word_before`).
const PLAIN_BEFORE_DIGIT: usize = 5;

/// Lengths of a brand's key also matched two edits away (`short_far_typo`): under 10 letters the typo
/// limit is one edit, and the trigram count admits too much.
pub(crate) const SHORT_FAR: std::ops::RangeInclusive<usize> = 7..=9;

/// Lengths of a profile's handle that may be two edits from a key of SHORT_FAR letters: two letters
/// dropped from one of 8, or two added to one of 9. A key of 7 letters is not reached with a letter
/// dropped (`typing_slips`), so its typos have 7 letters or more.
pub(crate) const SHORT_FAR_HANDLES: std::ops::RangeInclusive<usize> = 6..=11;

/// A typo two edits from a brand's key of SHORT_FAR letters (`meetamaskk`, `coinbbasee` for @MetaMask
/// and @coinbase, `opennwsea` for @opensea), for the caller to ask of brands' keys only
/// (`verdict::signals`): the profile's fold, leet or glyph key within two edits of the target's, both
/// edits of the kinds typosquats are made of (`typing_slip`), and not a word of the key beside another
/// word (`another_word_beside`).
pub(crate) fn short_far_typo(p: &HandleKeys, t: &TargetKeys) -> Option<HandleMatch> {
    let tlen = t.fold_len as usize;
    if !SHORT_FAR.contains(&tlen) || p.fold_len.abs_diff(t.fold_len) > 2 {
        return None;
    }
    // From a key of 7 letters, a letter dropped or a vowel changed leaves ordinary words and first
    // names (@samira and @shikara from Shakira, @palma from PalmPay, @definite from DFINITY:
    // docs/accuracy.md, "Two edits at 7 letters").
    let loose = tlen > 7;
    let keys = [
        (p.fold(), t.fold()),
        (p.leet(), t.leet()),
        (p.glyph(), t.glyph()),
    ];
    let d = keys
        .iter()
        .filter_map(|(a, b)| osa_within(a, b, 2).filter(|_| typing_slips(b, a, loose)))
        .min()?;
    if another_word_beside(p, t) {
        return None;
    }
    Some(HandleMatch {
        how: HandleHow::Typo { distance: d },
        strength: 2,
        target_len: tlen,
    })
}

/// Whether every edit from `from` to `to` is one typosquats are made of: a letter doubled, swapped with
/// its neighbour, typed with a neighbouring key, a character added at either end, a digit added
/// anywhere, or a letter added where it or a neighbouring key already is; when `loose`, also a letter
/// dropped or a vowel for another. Not a consonant replaced by an unrelated one, which is how ordinary
/// names and words come out two edits from a brand's key (@demilade from @yemialade, @meghana from
/// @MTNGhana: docs/accuracy.md).
fn typing_slips(from: &str, to: &str, loose: bool) -> bool {
    use crate::text::edit::{edits, Edit};
    let chars: Vec<char> = from.chars().collect();
    let near_at = |i: usize, c: char| {
        // The target's letters beside position `i`, where `c` was typed.
        let lo = i.saturating_sub(1);
        chars[lo..(i + 1).min(chars.len())]
            .iter()
            .any(|&x| x == c || keys_touch(x, c))
    };
    let vowel = |c: char| "aeiouy".contains(c);
    edits(from, to).is_some_and(|ops| {
        ops.iter().all(|op| match op.edit {
            Edit::Swapped(..) | Edit::Doubled(_) => true,
            Edit::Dropped(_) => loose,
            Edit::Replaced(a, b) => keys_touch(a, b) || loose && vowel(a) && vowel(b),
            Edit::Inserted(c) => {
                op.from == 0 || op.from == chars.len() || c.is_numeric() || near_at(op.from, c)
            }
        })
    })
}

/// Whether two letters or digits are neighbouring keys on a QWERTY keyboard (the same row, or the rows
/// above and below, offset as they are).
fn keys_touch(a: char, b: char) -> bool {
    const ROWS: [&str; 4] = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"];
    let at = |c: char| {
        ROWS.iter()
            .enumerate()
            .find_map(|(r, row)| row.find(c).map(|i| (r as i32, i as i32)))
    };
    match (at(a), at(b)) {
        // Rows are shifted half a key right each row down: a key touches the one above it and the one
        // above right, the one below and the one below left.
        (Some((ra, ia)), Some((rb, ib))) => match rb - ra {
            0 => (ia - ib).abs() == 1,
            1 => ib == ia || ib == ia - 1,
            -1 => ib == ia || ib == ia + 1,
            _ => false,
        },
        _ => false,
    }
}

/// Keys shorter than this that are two edits from a profile's handle are checked with
/// `another_word_beside`: at 12 letters and more two edits leave most of the key in place.
const FAR_SHORT_MAX: usize = 12;

/// Whether the profile's handle is one word of the protected key written whole beside another word that
/// is two edits from the rest of the key (`its_nigeria` for @mtnnigeria, `orange_none` for
/// @orangemoney): an ordinary handle sharing the brand's word, not a typo. A rest of up to five letters
/// two edits away is another word, not the brand's misspelt (`home_myetherwallat` keeps its word).
fn another_word_beside(p: &HandleKeys, t: &TargetKeys) -> bool {
    const MAX_REST: usize = 5;
    let (pk, tk) = (p.fold(), t.fold());
    // Words between separators or capitals, not at digits: `trustwa1sllet` is one word with a digit in
    // it, not "trustwa" beside "sllet".
    let lower = p.display().to_lowercase();
    let chunks = lower.split(|c: char| !c.is_alphanumeric());
    chunks.chain(p.words.iter().map(String::as_str)).any(|w| {
        let w = w.to_lowercase();
        if w.chars().count() < 4 || !w.chars().all(char::is_alphabetic) {
            return false;
        }
        let rests = if tk.starts_with(w.as_str()) && pk.starts_with(w.as_str()) {
            Some((&pk[w.len()..], &tk[w.len()..]))
        } else if tk.ends_with(w.as_str()) && pk.ends_with(w.as_str()) {
            Some((&pk[..pk.len() - w.len()], &tk[..tk.len() - w.len()]))
        } else {
            None
        };
        rests.is_some_and(|(rp, rt)| {
            rt.chars().count() <= MAX_REST && osa_within(rp, rt, 1).is_none()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_edits_from_a_key_of_7_to_9_letters_only_as_typing_slips() {
        let far = |p: &str, t: &str| {
            short_far_typo(&HandleKeys::new("x", p), &HandleKeys::new("x", t)).map(|m| m.how)
        };
        let two = Some(HandleHow::Typo { distance: 2 });
        assert_eq!(far("meetamaskk", "metamask"), two);
        assert_eq!(far("coinbbasee", "coinbase"), two);
        assert_eq!(far("metaamski", "metamask"), two);
        assert_eq!(far("mretamusk", "metamask"), two);
        // A consonant replaced by an unrelated one: ordinary names two edits away.
        assert_eq!(far("demilade", "yemialade"), None);
        assert_eq!(far("meghana", "MTNGhana"), None);
        // At 7 letters, neither a letter dropped nor a vowel changed: ordinary words and first names
        // are that and a slip away.
        assert_eq!(far("opennwsea", "opensea"), two);
        assert_eq!(far("binancdef", "binance"), two);
        assert_eq!(far("umniswqap", "uniswap"), two);
        assert_eq!(far("samira", "shakira"), None);
        assert_eq!(far("palma", "palmpay"), None);
        assert_eq!(far("shikara", "shakira"), None);
        assert_eq!(far("definite", "dfinity"), None);
        // Only keys of 7–9 letters, and not three edits.
        assert_eq!(far("nikeee", "nike"), None);
        assert_eq!(far("binnanceee", "binance"), None);
        assert_eq!(far("meetamaskkk", "metamask"), None);
    }

    #[test]
    fn a_one_reads_as_i_where_it_reads_as_a_letter() {
        let read = |h: &str| HandleKeys::new("x", h).one_as_i;
        assert_eq!(read("w1zk1d4y0").as_deref(), Some("wizkidayo"));
        assert_eq!(read("p3t3r0b11").as_deref(), Some("peterobii"));
        assert_eq!(read("o1a").as_deref(), Some("oia"));
        // Numbers: runs of three digits or more, and two at an end unless 11.
        assert_eq!(read("li5601"), None);
        assert_eq!(read("davido2011"), None);
        assert_eq!(read("chibuzo01"), None);
        assert_eq!(read("davido"), None);
        // A 1 or 11 ending the handle is a number after a name, unless the handle is leetspeak
        // elsewhere (issue 20).
        assert_eq!(read("timi1"), None);
        assert_eq!(read("dami_1"), None);
        assert_eq!(read("timi_11"), None);
        assert_eq!(read("kemi1_"), None);
        assert_eq!(read("w1zk1d1").as_deref(), Some("wizkidi"));
        assert_eq!(read("m1mi1").as_deref(), Some("mimii"));
        assert!(cmp("timi1", "timini").is_none());
        assert!(cmp("peterob1", "PeterObi").is_some());
        // Two edits on the keys that read 1 as l, none or one on this reading.
        assert!(cmp("w1zk1d4y0", "wizkidayo").is_some());
        assert!(cmp("dav1dd0", "davido").is_some());
        assert!(cmp("li5601", "lesboi").is_none());
    }

    #[test]
    fn digits_read_as_letters_inside_a_longer_handle() {
        let how = |p, t| cmp(p, t).map(|m| m.how);
        for (p, t) in [
            ("d4vid0_blog", "davido"),
            ("d4vid0blog", "davido"),
            ("pet3r0b1_blog", "PeterObi"),
            ("l1nda1keji_blog", "LindaIkeji"),
            ("l１ndaikeji_blog", "LindaIkeji"),
            ("l𝟏ndaikeji_blog", "LindaIkeji"),
            ("blog_t1wa5avage", "TiwaSavage"),
            // Run into the word before it, five letters or more written plainly before one digit
            // (issue 20): the start of the name is no end of another word.
            ("gistlindaik3ji", "lindaikeji"),
            ("gistlindaik3ji_blog", "lindaikeji"),
            ("gistosimh3n", "Osimhen"),
        ] {
            assert_eq!(
                how(p, t),
                Some(HandleHow::Embedded { il_swap: false }),
                "{p}"
            );
        }
        // Numbers: a digit ending a word after a name, a digit alone, a pair that is not doubled, a
        // digit before a word; 4 between two words is "for"; a 1 for a capital I alone a lookalike.
        for (p, t) in [
            ("kemi5_isi_blog", "kemisi"),
            ("yemi_5_isi", "yemisi"),
            ("yemis1_4life", "yemisi"),
            ("kemi54isi_blog", "kemisi"),
            ("no4dami_blog", "adami"),
            ("kund4life", "kunda"),
            // Run into a word with fewer than five letters before the digit, or the digit its last
            // letter: words joined by a digit (review10), a name and a number.
            ("team4zone", "amazon"),
            ("shop4lmpay", "PalmPay"),
            ("hair7elegance", "airtel"),
            ("gistlind4ikeji", "lindaikeji"),
            ("blogidris5", "Idriss"),
            ("shopjumi4", "Jumia"),
        ] {
            assert_eq!(how(p, t), None, "{p}");
        }
        assert_ne!(
            how("1chukwu_chijiok", "IChukwu"),
            Some(HandleHow::Embedded { il_swap: false })
        );
        assert_eq!(
            how("k3nd4life", "kenda"),
            Some(HandleHow::Embedded { il_swap: false })
        );
        // A pair of two different digits where the protected handle is a word of the handle (issue 20).
        for (p, t) in [("t35la_support", "Tesla"), ("news_yem14lade", "yemialade")] {
            assert_eq!(
                how(p, t),
                Some(HandleHow::Embedded { il_swap: false }),
                "{p}"
            );
        }
        // A pair in the middle of a word or cut in two, or followed by more of the word (a name and an
        // age: review11), digits after the complete name, a pair with a digit that is no letter; a
        // digit ending a word is a number even where it would spell the protected handle's last
        // letter (@idris5_blog for @Idriss: review11), so @jumi4_deals is missed.
        for (p, t) in [
            ("yemi51life", "yemisi"),
            ("amina74boutique", "Aminata"),
            ("juli37baby", "Juliet"),
            ("idris5_blog", "Idriss"),
            ("jumi4_deals", "Jumia"),
            ("team35ales", "mesales"),
            ("buyt35la_shop", "Tesla"),
            ("t3sl45_shop", "teslas"),
            ("tesla35_club", "teslaes"),
            ("lagos247_shop", "lagosat"),
            ("tes25la_shop", "tesla"),
        ] {
            assert_eq!(how(p, t), None, "{p}");
        }
    }

    #[test]
    fn capital_i_read_as_l_inside_a_longer_handle() {
        let how = |p, t| cmp(p, t).map(|m| m.how);
        let swapped = Some(HandleHow::Embedded { il_swap: true });
        // l for the protected handle's capital I, and the profile's capital I for its l, where the
        // protected handle begins a word of the handle.
        for (p, t) in [
            ("lindalkeji_blog", "LindaIkeji"),
            ("blog_lindalkeji", "LindaIkeji"),
            ("GistLindalkeji", "LindaIkeji"),
            ("AIikoDangote_blog", "AlikoDangote"),
            ("blog_AIikodangote", "AlikoDangote"),
        ] {
            assert_eq!(how(p, t), swapped, "{p}");
        }
        // Run into the word before it, where the first letter is written as it is, and with a digit
        // read as well (issue 20).
        for p in [
            "gistlindalkeji",
            "l1ndalkeji_blog",
            "blog_l1ndalk3ji",
            "gistl1ndalkeji",
        ] {
            assert_eq!(how(p, "LindaIkeji"), swapped, "{p}");
        }
        // Inside a word, an l for the first letter is only a letter: @Iyanya's glyph key (lyanya) in
        // Kelly Anya's handle.
        for (p, t) in [
            ("kellyanya_hair", "Iyanya"),
            ("kelly_anya", "Iyanya"),
            ("kellyabo_shop", "Iyabo"),
        ] {
            assert_eq!(how(p, t), None, "{p}");
        }
        // A 1 or a | for a capital I is a digit or a symbol, not a swapped letter.
        assert_ne!(how("1chukwu_chijiok", "IChukwu"), swapped);
        assert_eq!(how("linda|keji_blog", "LindaIkeji"), None);
        // The plain reading first: a capital I the protected handle also has is no swap.
        assert_eq!(
            how("LindaIkeji_blog", "LindaIkeji"),
            Some(HandleHow::Embedded { il_swap: false })
        );
    }

    #[test]
    fn neighbouring_keys() {
        assert!(keys_touch('t', 'r') && keys_touch('b', 'h') && keys_touch('q', '1'));
        assert!(keys_touch('s', 'w') && keys_touch('s', 'e') && keys_touch('s', 'x'));
        assert!(!keys_touch('s', 'c') && !keys_touch('y', 'd') && !keys_touch('n', 'e'));
    }

    #[test]
    fn a_brand_word_beside_another_word_is_not_a_far_typo() {
        assert!(cmp("its_nigeria", "mtnnigeria").is_none());
        assert!(cmp("orange_none", "orangemoney").is_none());
        assert!(cmp("OrangeNone", "orangemoney").is_none());
        // Two edits inside the brand's longer word, or spread over both, stay typos.
        assert!(cmp("zenithbnakk", "zenithbank").is_some());
        assert!(cmp("oragne_moneey", "orangemoney").is_some());
        assert!(cmp("mtm_nigerja", "mtnnigeria").is_some());
        assert!(cmp("trustwa1sllet", "trustwallet").is_some());
        assert!(cmp("flutter2aveh", "flutterwave").is_some());
    }

    #[test]
    fn orders_are_every_permutation_identity_first() {
        for n in 1..=4 {
            let all = orders(n);
            let distinct: std::collections::HashSet<_> = all.iter().cloned().collect();
            assert_eq!(distinct.len(), (1..=n).product::<usize>());
            assert_eq!(all[0], (0..n).collect::<Vec<_>>());
        }
    }

    fn cmp(p: &str, t: &str) -> Option<HandleMatch> {
        let p = HandleKeys::new("x", p);
        compare(&p, &p.cores(), &p.segments(), &HandleKeys::new("x", t))
    }

    #[test]
    fn same_key_through_lookalikes() {
        assert_eq!(cmp("david0", "davido").unwrap().strength, 3);
        assert_eq!(
            cmp("AIikoDangote", "AlikoDangote").unwrap().how,
            HandleHow::SameKey { il_swap: true }
        );
        assert_eq!(cmp("d4v1do", "davido").map(|m| m.strength), Some(3));
        // A 1 for a lowercase i is a digit for a letter, as 4 for a is; for a capital I it looks
        // identical, a lookalike.
        let how = |p, t| cmp(p, t).map(|m| m.how);
        assert_eq!(how("dav1do", "davido"), how("d4vido", "davido"));
        assert_eq!(
            how("dav1do", "davido"),
            Some(HandleHow::SameKey { il_swap: false })
        );
        assert_eq!(
            how("1Chukwu", "IChukwu"),
            Some(HandleHow::SameKey { il_swap: true })
        );
    }

    #[test]
    fn affixes() {
        for h in [
            "real_davido",
            "davido_NG",
            "davido2024",
            "TheDavido",
            "davidoofficial",
            "davido_hq",
            "iam_davido",
        ] {
            assert!(
                matches!(cmp(h, "davido").unwrap().how, HandleHow::Affix { .. }),
                "{h}"
            );
        }
    }

    #[test]
    fn typos_within_limits() {
        assert_eq!(
            cmp("davdio", "davido").unwrap().how,
            HandleHow::Typo { distance: 1 }
        );
        assert!(cmp("davidoo", "davido").is_some());
        assert!(cmp("dav", "davido").is_none());
        assert!(
            cmp("obj", "obi").is_none(),
            "short handles match only exactly"
        );
        assert!(cmp("AlikoDangotte", "AlikoDangote").is_some());
        assert!(cmp("AlikoDongotte", "AlikoDangote").is_some());
        assert!(cmp("AlikoDongottte", "AlikoDangote").is_none());
    }

    #[test]
    fn max_affix_len_is_the_longest_affix() {
        assert_eq!(AFFIXES.iter().map(|a| a.len()).max(), Some(MAX_AFFIX_LEN));
    }

    #[test]
    fn embedded() {
        assert_eq!(
            cmp("xdavidox", "davido").unwrap().how,
            HandleHow::Embedded { il_swap: false }
        );
    }
}
