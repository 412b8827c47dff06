//! `src/text/normalize/char_names.txt` holds the Unicode name of every character normalisation can report, so the
//! engine (and its WASM package) need not carry all of Unicode's names. This test regenerates it and
//! fails when the committed file differs; `VIPGUARD_UPDATE_NAMES=1 cargo test --release --lib
//! char_names` rewrites it after a change to normalisation.

use super::char_names::{char_name, char_names_table};
use super::normalize;

/// Every character reported in a change when tried alone, between letters and between spaces, plus
/// printable ASCII (leetspeak and l-for-I evidence names digits and letters). Unassigned code points
/// have no name and are left out.
fn reportable_names() -> String {
    let mut out = Vec::new();
    for cp in 0x20u32..=0x10FFFF {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let reported = (0x20..0x7F).contains(&cp)
            || [format!("ab{c}cd"), format!("a {c} b"), c.to_string()]
                .iter()
                .any(|s| normalize(s, 200).changes.iter().any(|x| x.ch == c));
        if reported {
            if let Some(name) = unicode_names2::name(c) {
                out.push((cp, name.to_string()));
            }
        }
    }
    char_names_table(&out)
}

#[test]
fn the_names_table_covers_every_reportable_character() {
    let fresh = reportable_names();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/text/normalize/char_names.txt"
    );
    if std::env::var_os("VIPGUARD_UPDATE_NAMES").is_some() {
        std::fs::write(path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap();
    assert!(
        committed == fresh,
        "src/text/normalize/char_names.txt is out of date: run VIPGUARD_UPDATE_NAMES=1 cargo test --release -p vipguard --lib char_names"
    );
}

#[test]
fn names_come_from_the_table() {
    assert_eq!(
        char_name('\u{0406}'),
        "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I"
    );
    assert_eq!(char_name('\u{200B}'), "ZERO WIDTH SPACE");
    assert_eq!(char_name('\u{1D400}'), "MATHEMATICAL BOLD CAPITAL A");
    assert_eq!(char_name('4'), "DIGIT FOUR");
    // Not reportable (a CJK ideograph is neither mapped nor removed): no name carried.
    assert_eq!(char_name('\u{4E00}'), "UNNAMED CHARACTER");
}

#[test]
fn every_name_in_the_table_reads_back_as_unicode_names_it() {
    let table = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/text/normalize/char_names.txt"
    ))
    .unwrap();
    let (ranges, _) = table.split_once("\n\n").unwrap();
    let hex = |s: &str| u32::from_str_radix(s, 16).unwrap();
    let mut checked = 0;
    for line in ranges.lines() {
        let (a, b) = line.split_once('-').unwrap_or((line, line));
        for cp in hex(a)..=hex(b) {
            let c = char::from_u32(cp).unwrap();
            assert_eq!(
                char_name(c),
                unicode_names2::name(c).unwrap().to_string(),
                "U+{cp:04X}"
            );
            checked += 1;
        }
    }
    assert!(checked > 17_000, "only {checked} names in the table");
}
