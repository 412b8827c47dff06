//! Properties of normalisation that must hold for any input.

use proptest::prelude::*;
use vipguard::normalize::normalize;

const INVISIBLES: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{034F}', '\u{202A}',
    '\u{2066}',
];

/// Latin letters and a Cyrillic or Greek lookalike of each.
const LOOKALIKES: &[(char, char)] = &[
    ('a', 'а'),
    ('e', 'е'),
    ('o', 'о'),
    ('p', 'р'),
    ('c', 'с'),
    ('x', 'х'),
    ('y', 'у'),
    ('i', 'і'),
    ('A', 'А'),
    ('B', 'В'),
    ('E', 'Е'),
    ('K', 'К'),
    ('M', 'М'),
    ('H', 'Н'),
    ('O', 'Ο'),
    ('P', 'Р'),
    ('T', 'Т'),
    ('X', 'Χ'),
    ('s', 'ѕ'),
    ('j', 'ј'),
];

fn name_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof!["[A-Za-z]{1,10}", "[a-zàéèïôûçñ]{1,8}", "\\PC{1,6}"],
        1..4,
    )
    .prop_map(|w| w.join(" "))
}

proptest! {
    #[test]
    fn normalisation_is_idempotent(s in name_strategy()) {
        let once = normalize(&s, 200);
        let twice = normalize(&once.fold, 200);
        prop_assert_eq!(&twice.fold, &once.fold);
    }

    #[test]
    fn invisible_characters_never_change_a_key(s in "[A-Za-z]{1,12}( [A-Za-z]{1,12}){0,2}", picks in prop::collection::vec((0usize..40, 0usize..INVISIBLES.len()), 1..5)) {
        let mut chars: Vec<char> = s.chars().collect();
        for (pos, which) in picks {
            let pos = pos % (chars.len() + 1);
            chars.insert(pos, INVISIBLES[which]);
        }
        let dirty: String = chars.into_iter().collect();
        let (a, b) = (normalize(&s, 200), normalize(&dirty, 200));
        prop_assert_eq!(a.fold, b.fold);
        prop_assert_eq!(a.glyph, b.glyph);
    }

    /// U+202E shows the Latin text after it reversed, so "\u{202E}" + reversed(s) reads as s.
    #[test]
    fn right_to_left_override_reads_as_displayed(s in "[A-Za-z]{1,12}( [A-Za-z]{1,12}){0,2}", prefix in "[A-Za-z ]{0,6}") {
        let reversed: String = s.chars().rev().collect();
        let shown = normalize(&format!("{prefix}{s}"), 200);
        let written = normalize(&format!("{prefix}\u{202E}{reversed}"), 200);
        prop_assert_eq!(written.fold, shown.fold);
    }

    #[test]
    fn confusable_substitution_keeps_the_key(s in "[a-zA-Z]{2,12}( [a-zA-Z]{2,12}){0,2}", seed in any::<u64>()) {
        let mut n = seed;
        let swapped: String = s.chars().map(|c| {
            n = n.rotate_left(7) ^ 0x9E37_79B9;
            match LOOKALIKES.iter().find(|(l, _)| *l == c) {
                Some((_, look)) if n % 2 == 0 => *look,
                _ => c,
            }
        }).collect();
        prop_assert_eq!(normalize(&s, 200).fold, normalize(&swapped, 200).fold);
    }

    #[test]
    fn never_panics_on_any_text(s in "\\PC{0,300}", cap in 0usize..300) {
        let n = normalize(&s, cap);
        prop_assert!(n.fold.chars().count() <= 4 * cap + 4);
    }
}
