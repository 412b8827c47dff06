//! A learned reader of bios (issue 20): a logistic regression on hashed character 2- to 5-grams and
//! word unigrams and bigrams, trained on the writers' sets in `bench/bios/` by
//! `bench/bios/train_model.py`, which also chose its threshold (leave one writer out) and wrote its
//! weights, one signed byte each, to `bio_model.bin` (`make bio-model`).
//!
//! The features are the script's byte for byte: NFKC, lower case, every ASCII digit 0, runs of spaces
//! one space and a space at each end; FNV-1a of each feature's string, masked to the table's size.
//! `tests/bio_model.rs` checks both on a fixture the script writes.
//!
//! Like the phrase rules (`bio.rs`), the model reads a bio only for a profile that resembles someone,
//! once per profile (`verdict/mod.rs`, `ProfileView::bio`), and only where the checker has it on
//! (`Checker::with_bio_model`). Its cue quotes the words of the bio that weighed most.

use super::bio::{Cue, CueKind};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// The cue's name, worded in `verdict/wording.rs`.
pub(crate) const LEARNED: &str = "learned";

/// At most this many words, one run of them, are quoted as what weighed most.
const QUOTED_WORDS: usize = 5;

struct Model {
    bits: u8,
    stems: bool,
    /// A bio is read as a claim or a scam when its features' weights add up to this or more.
    threshold: i32,
    weights: &'static [i8],
}

/// Header: `VGBM`, version 1, bits, stems (0 or 1), a zero byte; the threshold (i32), the weights'
/// scale and the bias (f32, kept for the script's scores; the decision is the whole sum's), then
/// 2^bits signed weights. All little-endian.
const HEADER: usize = 20;

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let bytes: &'static [u8] = include_bytes!("bio_model.bin");
        parse(bytes).expect("bio_model.bin is the file train_model.py writes")
    })
}

fn parse(bytes: &'static [u8]) -> Result<Model, &'static str> {
    if bytes.len() < HEADER || &bytes[..4] != b"VGBM" || bytes[4] != 1 {
        return Err("not a version 1 bio model");
    }
    let bits = bytes[5];
    if !(8..=20).contains(&bits) || bytes.len() != HEADER + (1usize << bits) {
        return Err("a bio model of the wrong size");
    }
    let threshold = i32::from_le_bytes(bytes[8..12].try_into().expect("four bytes"));
    Ok(Model {
        bits,
        stems: bytes[6] == 1,
        threshold,
        weights: bytemuck::cast_slice(&bytes[HEADER..]),
    })
}

/// Whitespace that separates words besides ASCII whitespace (Python's `str.isspace` on ASCII, with
/// the four separators U+001C–U+001F): the script's `SPACES`.
fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\u{b}'
            | '\u{c}'
            | '\u{1c}'..='\u{1f}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200b}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
            | '\u{feff}'
    )
}

/// NFKC, lower case, every ASCII digit 0, runs of spaces one space, a space at each end.
fn normalise(text: &str) -> Vec<char> {
    let lower = text.nfkc().collect::<String>().to_lowercase();
    let mut out = vec![' '];
    let mut space = true;
    for c in lower.chars() {
        if is_space(c) {
            if !space {
                out.push(' ');
            }
            space = true;
            continue;
        }
        out.push(if c.is_ascii_digit() { '0' } else { c });
        space = false;
    }
    if out.len() > 1 && out.last() == Some(&' ') {
        out.pop();
    }
    out.push(' ');
    out
}

/// Runs of characters that are not ASCII punctuation, symbols or spaces.
fn words(norm: &[char]) -> Vec<&[char]> {
    norm.split(|c| c.is_ascii() && !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

fn fnv_byte(h: u32, b: u8) -> u32 {
    (h ^ b as u32).wrapping_mul(FNV_PRIME)
}

fn fnv_char(mut h: u32, c: char) -> u32 {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        h = fnv_byte(h, b);
    }
    h
}

fn fnv_chars(h: u32, cs: &[char]) -> u32 {
    cs.iter().fold(h, |h, &c| fnv_char(h, c))
}

/// The bio's distinct feature ids, sorted (the script's `features`).
#[cfg_attr(not(any(test, feature = "internals")), allow(dead_code))]
pub fn feature_ids(text: &str) -> Vec<u32> {
    let m = model();
    ids(text, m.bits, m.stems)
}

fn ids(text: &str, bits: u8, stems: bool) -> Vec<u32> {
    let mask = (1u32 << bits) - 1;
    let n = normalise(text);
    let mut out = Vec::with_capacity(n.len() * 4 + 16);
    let c = fnv_byte(FNV_OFFSET, b'c');
    for i in 0..n.len() {
        let mut h = fnv_char(c, n[i]);
        for k in 2..=5 {
            if i + k > n.len() {
                break;
            }
            h = fnv_char(h, n[i + k - 1]);
            out.push(h & mask);
        }
    }
    let ws = words(&n);
    let w = fnv_byte(FNV_OFFSET, b'w');
    let b = fnv_byte(FNV_OFFSET, b'b');
    for (j, word) in ws.iter().enumerate() {
        out.push(fnv_chars(w, word) & mask);
        if let Some(next) = ws.get(j + 1) {
            out.push(fnv_chars(fnv_byte(fnv_chars(b, word), b' '), next) & mask);
        }
        if stems && word.len() >= 5 {
            out.push(fnv_chars(fnv_byte(FNV_OFFSET, b's'), &word[..4]) & mask);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The sum of the bio's feature weights: a claim or a scam from the model's threshold up.
#[cfg_attr(not(any(test, feature = "internals")), allow(dead_code))]
pub fn sum(text: &str) -> i32 {
    let m = model();
    sum_of(m, &ids(text, m.bits, m.stems))
}

fn sum_of(m: &Model, ids: &[u32]) -> i32 {
    ids.iter().map(|&i| m.weights[i as usize] as i32).sum()
}

/// The model's threshold on `sum`.
#[cfg_attr(not(any(test, feature = "internals")), allow(dead_code))]
pub fn threshold() -> i32 {
    model().threshold
}

/// The model's cue for a bio it reads as a claim or a scam: the run of at most `QUOTED_WORDS`
/// words, as written, whose own features weigh most.
///
/// It reads only what it was trained on: text mostly in Latin or Arabic letters (the eleven languages
/// of the writers' sets), and at most its first `WINDOW_CHARS` characters. Its sum has no
/// allowance for length, so a long bio, or a bio in a script it never saw, adds up past the
/// threshold whatever it says (a 261-character ordinary Hindi bio did: review rev38c).
pub(crate) fn read(bio: &str) -> Option<Cue> {
    if bio.trim().is_empty() {
        return None;
    }
    // The window is what is scored, so it is the window's letters, as the model sees them (after
    // NFKC: styled 𝐎𝐟𝐟𝐢𝐜𝐢𝐚𝐥 letters are Latin), that must be of its scripts (review rev38d).
    let part = first_window(bio);
    if !mostly_trained_scripts(&normalise(part)) {
        return None;
    }
    let m = model();
    if sum_of(m, &ids(part, m.bits, m.stems)) < m.threshold {
        return None;
    }
    Some(Cue {
        kind: CueKind::Claim,
        what: LEARNED,
        phrase: weightiest(m, part),
        mention: None,
        group: Vec::new(),
        main: None,
        named_owner: false,
    })
}

/// The longest bio of the eleven writers' sets is 159 characters.
const WINDOW_CHARS: usize = 160;

/// Whether at least half of the bio's letters are Latin or Arabic, the scripts of the training sets.
fn mostly_trained_scripts(text: &[char]) -> bool {
    let (mut letters, mut trained) = (0usize, 0usize);
    for &c in text.iter().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if matches!(c,
            'a'..='z' | 'A'..='Z' | '\u{aa}' | '\u{ba}' | '\u{c0}'..='\u{2ff}' | '\u{1e00}'..='\u{1eff}'
            | '\u{600}'..='\u{6ff}' | '\u{750}'..='\u{77f}' | '\u{8a0}'..='\u{8ff}'
            | '\u{fb50}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}')
        {
            trained += 1;
        }
    }
    2 * trained >= letters
}

/// The bio as the model reads it: whole when it is at most `WINDOW_CHARS` characters (as every
/// training bio was), else its first words that fit in that many (or the first word cut to it). One
/// window, not a slide over the whole bio: each window read is another chance of a false alarm.
fn first_window(bio: &str) -> &str {
    let bio = bio.trim_start();
    let Some((end, _)) = bio.char_indices().nth(WINDOW_CHARS) else {
        return bio;
    };
    let head = &bio[..end];
    // The window ends where a word does: at the cut, or at the last space before a word cut in two.
    if head.ends_with(char::is_whitespace) || bio[end..].starts_with(char::is_whitespace) {
        return head.trim_end();
    }
    match head.rfind(char::is_whitespace) {
        Some(space) => head[..space].trim_end(),
        None => head,
    }
}

/// Whether the model reads `bio` as a claim or a scam, and the words it would quote (for measuring).
#[cfg_attr(not(any(test, feature = "internals")), allow(dead_code))]
pub fn quoted(bio: &str) -> Option<String> {
    read(bio).map(|c| c.phrase)
}

/// The run of whitespace-separated words whose weights, each read on its own, add up to most.
fn weightiest(m: &Model, bio: &str) -> String {
    let spans: Vec<(usize, usize, i32)> = bio
        .split_whitespace()
        .map(|w| {
            let start = w.as_ptr() as usize - bio.as_ptr() as usize;
            (start, start + w.len(), sum_of(m, &ids(w, m.bits, m.stems)))
        })
        .collect();
    let mut best: Option<(i32, usize, usize)> = None;
    for i in 0..spans.len() {
        let mut total = 0;
        for j in i..spans.len().min(i + QUOTED_WORDS) {
            total += spans[j].2;
            // A run starts and ends on a word that weighs for the reading.
            if spans[i].2 > 0 && spans[j].2 > 0 && best.is_none_or(|(b, ..)| total > b) {
                best = Some((total, i, j));
            }
        }
    }
    let (from, to) = best.map_or((0, spans.len().min(QUOTED_WORDS).saturating_sub(1)), |b| {
        (b.1, b.2)
    });
    let text = spans
        .get(from)
        .zip(spans.get(to))
        .map_or(bio, |(a, b)| &bio[a.0..b.1]);
    super::bio::quote(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_model_loads() {
        let m = model();
        assert_eq!(m.weights.len(), 1 << m.bits);
        assert!(m.threshold > 0);
    }

    #[test]
    fn a_damaged_model_is_refused() {
        assert!(parse(b"VGBM").is_err());
        assert!(
            parse(b"XXXX\x01\x0e\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00").is_err()
        );
        assert!(
            parse(b"VGBM\x01\x0e\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00").is_err()
        );
    }

    /// The script's features and sums for a sample of the writers' bios and bios at the edges of the
    /// normalising (`train_model.py --write` writes the fixture with the model).
    #[test]
    fn features_and_sums_are_the_scripts() {
        let fixture = include_str!("../../tests/fixtures/bio_model_parity.jsonl");
        let mut n = 0;
        for line in fixture.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let bio = v["bio"].as_str().unwrap();
            let want: Vec<u32> = v["features"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i.as_u64().unwrap() as u32)
                .collect();
            assert_eq!(feature_ids(bio), want, "{bio:?}");
            assert_eq!(sum(bio) as i64, v["sum"].as_i64().unwrap(), "{bio:?}");
            assert_eq!(
                sum(bio) >= threshold(),
                v["fires"].as_bool().unwrap(),
                "{bio:?}"
            );
            n += 1;
        }
        assert!(n > 200, "{n} bios in the fixture");
    }

    #[test]
    fn a_blank_bio_is_not_read() {
        assert!(read("").is_none());
        assert!(read(" \n\t").is_none());
    }

    // Review rev38c: the sum grows with length, so long or unseen-script ordinary bios crossed the
    // threshold whole (the Hindi one summed 1,850 against 1,158).
    #[test]
    fn a_long_bio_in_a_script_the_model_never_saw_is_not_read() {
        let hindi = "दिल्ली में हिंदी शिक्षक। किताबें, क्रिकेट और चाय से प्यार। बच्चों को पढ़ाना मेरा जुनून है। रविवार को परिवार के साथ समय बिताता हूँ और शाम को पुराने गाने सुनता हूँ। मेरे विचार मेरे अपने हैं। दिल्ली विश्वविद्यालय से स्नातक, सरकारी स्कूल में बारह साल से पढ़ा रहा हूँ।";
        let hindi = format!("{hindi} {hindi}");
        assert!(hindi.chars().count() > WINDOW_CHARS);
        assert!(
            sum(&hindi) >= threshold(),
            "the case must be one the whole sum gets wrong"
        );
        assert!(read(&hindi).is_none());
    }

    // Review rev38d: the scripts are judged as the model reads the text, after NFKC.
    #[test]
    fn a_claim_in_styled_letters_is_read() {
        let plain = "This is where Adaeze Okonkwo talks directly to you. No middlemen, no agencies. Follow for the real updates";
        assert!(read(plain).is_some());
        let bold: String = plain
            .chars()
            .map(|c| match c {
                'a'..='z' => char::from_u32(0x1d41a + (c as u32 - 'a' as u32)).unwrap(),
                'A'..='Z' => char::from_u32(0x1d400 + (c as u32 - 'A' as u32)).unwrap(),
                _ => c,
            })
            .collect();
        assert!(read(&bold).is_some());
    }

    #[test]
    fn the_window_ends_at_a_word() {
        let bio = format!("{} tail", "word ".repeat(40));
        let w = first_window(&bio);
        assert!(
            w.chars().count() <= WINDOW_CHARS && w.ends_with("word"),
            "{w:?}"
        );
        // 160 characters hold exactly 32 "word " (the last space falls at the cut): all 32 kept.
        assert_eq!(w.matches("word").count(), 32, "{w:?}");
        assert_eq!(first_window("short bio"), "short bio");
        let long = "x".repeat(500);
        assert_eq!(first_window(&long).chars().count(), WINDOW_CHARS);
    }
}
