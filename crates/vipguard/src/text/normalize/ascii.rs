//! The ASCII fast path: most names and all X handles are ASCII, and the skeleton is the slow part.

use super::confusables::slow_keys;
use super::{letter_symbol, Action, Builder, Change, Normalized};
use std::sync::OnceLock;
use unicode_script::UnicodeScript;

/// Most names and all X handles are ASCII: the same result as the general path without its per-character
/// decomposition and allocation (a property test checks they agree).
pub(super) fn normalize_ascii(input: &str, max_chars: usize) -> Normalized {
    let t = ascii_tables();
    let bytes = input.as_bytes();
    let n = bytes.len().min(max_chars);
    let mut fold = String::with_capacity(n + 4);
    let mut glyph = String::with_capacity(n + 4);
    let mut changes = Vec::new();
    let mut at_separator = true;
    let (mut words, mut disguised_words) = (0usize, 0u64);
    for i in 0..n {
        let c = bytes[i] as char;
        if c.is_ascii_alphanumeric() {
            push_key(&mut fold, &t.fold[c as usize], false);
            push_key(&mut glyph, &t.glyph[c as usize], true);
            at_separator = false;
            continue;
        }
        if c == '\'' || c == '`' {
            continue;
        }
        if c.is_ascii_whitespace() && c != ' ' {
            changes.push(Change {
                ch: c,
                action: Action::Blank,
                read_as: String::new(),
                script: c.script(),
            });
        } else if !c.is_ascii_whitespace()
            && !at_separator
            && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphanumeric())
        {
            // A symbol between two letters that reads as a letter (A|iko).
            let next_is_letter = bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic())
                && fold.ends_with(|p: char| p.is_alphabetic());
            if let Some(mapped) = letter_symbol(c, next_is_letter) {
                if words < 64 {
                    disguised_words |= 1 << words;
                }
                changes.push(Change {
                    ch: c,
                    action: Action::Lookalike,
                    read_as: mapped.clone(),
                    script: c.script(),
                });
                push_key(&mut fold, &mapped, false);
                push_key(&mut glyph, &mapped, true);
                continue;
            }
        }
        if !at_separator && !fold.is_empty() {
            fold.push(' ');
            glyph.push(' ');
            words += 1;
        }
        at_separator = true;
    }
    let b = Builder {
        fold,
        glyph,
        changes,
        truncated: bytes.len() > max_chars,
        words,
        disguised_words,
        collapsed: true,
        ..Default::default()
    };
    b.finish()
}

/// `out.push_str(key)` with `rn` read as m (and `vv` as w in the glyph key, `vv`) as it is written,
/// so that the keys need no passes of `collapse_pair` after (those passes were a quarter of
/// normalising an ASCII name, issue 25). The output so far holds no pair: an `n` after an `r` turns
/// that `r` into m, a `v` after a `v` turns it into w, as the left-to-right replacing does. A key of
/// one byte (nearly every ASCII character's) is pushed as that character: `push_str` copies with a
/// call to `memcpy`, which for a name a byte at a time cost more than the rest of this loop.
#[inline(always)]
fn push_key(out: &mut String, key: &str, vv: bool) {
    match key.as_bytes() {
        // One byte of UTF-8 is an ASCII character.
        &[b] => push_byte(out, b, vv),
        _ => {
            for c in key.chars() {
                match u8::try_from(c) {
                    Ok(b) if b.is_ascii() => push_byte(out, b, vv),
                    // Other characters make no pair and end none.
                    _ => out.push(c),
                }
            }
        }
    }
}

/// One ASCII byte of a key pushed, collapsing the pair it ends (`push_key`).
#[inline(always)]
fn push_byte(out: &mut String, b: u8, vv: bool) {
    let before = match b {
        b'n' => b'r',
        b'v' if vv => b'v',
        _ => return out.push(char::from(b)),
    };
    if out.as_bytes().last() == Some(&before) {
        out.pop();
        out.push(if b == b'n' { 'm' } else { 'w' });
    } else {
        out.push(char::from(b));
    }
}

pub(super) struct AsciiTables {
    pub(super) fold: Vec<String>,
    pub(super) glyph: Vec<String>,
}

/// Keys for ASCII characters, computed once: names are mostly ASCII and the skeleton is the slow part.
pub(super) fn ascii_tables() -> &'static AsciiTables {
    static TABLES: OnceLock<AsciiTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let (fold, glyph) = (0u8..128).map(|b| slow_keys(b as char)).unzip();
        AsciiTables { fold, glyph }
    })
}
