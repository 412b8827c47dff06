//! Text from the input on its way to a terminal. A handle, a name or a file name can hold control
//! characters (ESC starts sequences that recolour, retitle or clear the terminal; CR overwrites the
//! line) and direction controls (which reorder what follows): each is written as `⟨U+001B⟩`, so the
//! reviewer sees it and the terminal does nothing. JSON and CSV files are written as they are.

use std::borrow::Cow;
use vipguard::is_direction_control;

/// Whether `c` would act on a terminal instead of showing: C0 (newline and tab included: a field is
/// one line), DEL, C1, and the direction controls.
fn acts(c: char) -> bool {
    c.is_control() || is_direction_control(c)
}

/// `s` with each control character and direction control written as `⟨U+XXXX⟩`.
pub(crate) fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(acts) {
        return s.into();
    }
    s.chars()
        .map(|c| {
            if acts(c) {
                format!("⟨U+{:04X}⟩", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// `escape` line by line: for a message of several lines of the program's own (clap's errors), whose
/// line ends are kept.
pub(crate) fn escape_lines(s: &str) -> String {
    s.split('\n')
        .map(|l| escape(l))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::{escape, escape_lines};

    #[test]
    fn controls_are_shown_not_obeyed() {
        for (text, want) in [
            ("Aliko Dangote", "Aliko Dangote"),
            ("a\u{1b}[2Jb", "a⟨U+001B⟩[2Jb"),
            ("title\u{1b}]0;x\u{7}", "title⟨U+001B⟩]0;x⟨U+0007⟩"),
            ("c1\u{9b}31m", "c1⟨U+009B⟩31m"),
            ("del\u{7f}", "del⟨U+007F⟩"),
            ("over\rwrite\n", "over⟨U+000D⟩write⟨U+000A⟩"),
            ("tab\there", "tab⟨U+0009⟩here"),
            ("\u{202e}gnp.exe", "⟨U+202E⟩gnp.exe"),
            ("iso\u{2067}late\u{2069}", "iso⟨U+2067⟩late⟨U+2069⟩"),
            ("Кwabena 🇳🇬", "Кwabena 🇳🇬"),
        ] {
            assert_eq!(escape(text), want, "{text:?}");
        }
        assert_eq!(escape_lines("a\u{1b}\nb\r"), "a⟨U+001B⟩\nb⟨U+000D⟩");
    }
}
