//! The terminal table of `scan --format table`: columns measured as a terminal draws them (an emoji
//! takes two cells), hidden characters shown as markers, and the "why" column giving the evidence that
//! tells this profile apart, cut at the terminal's width.

use crate::words;
use std::io::{IsTerminal, Write};
use std::path::Path;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
use vipguard::{
    show_hidden_code_points, CheckResult, Checker, ErrorResult, Evidence, Lang, Profile, Verdict,
};

/// Width of a table not written to a terminal (a file, a pipe), unless COLUMNS says otherwise.
const DEFAULT_WIDTH: usize = 120;

/// The width to cut the table at: the terminal's when the table goes to one, else COLUMNS when set
/// (shells set it but seldom export it), else 120.
pub(crate) fn table_width(output: Option<&Path>) -> usize {
    if output.is_none() && std::io::stdout().is_terminal() {
        if let Some((_, cols)) = console::Term::stdout().size_checked() {
            return usize::from(cols);
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0)
        .unwrap_or(DEFAULT_WIDTH)
}

/// Text from the input made safe and visible for one table cell: hidden characters (zero-width,
/// direction controls, fillers) as `⟨U+200B⟩`, and control characters, which would move the cursor,
/// the same way.
pub(crate) fn visible(s: &str) -> String {
    crate::terminal::escape(&show_hidden_code_points(s)).into_owned()
}

/// Columns a terminal gives `s`.
pub(crate) fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to `n` columns (ending in `…` when cut).
pub(crate) fn clip(s: &str, n: usize) -> String {
    if width(s) <= n {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > n.saturating_sub(1) {
            break;
        }
        out.push(c);
        used += w;
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `s` cut to `n` columns and padded to exactly `n`.
pub(crate) fn pad(s: &str, n: usize) -> String {
    let s = clip(s, n);
    let fill = n.saturating_sub(width(&s));
    format!("{s}{}", " ".repeat(fill))
}

/// How much a piece of evidence tells a profile apart, for the "why" column (lower is shown first):
/// for a parody its label, for own and official accounts that sentence; otherwise the lookalike
/// letters in the name (the name column shows them as they look), then the handle's edit, then the
/// rest. The name sentence ("reads as the protected name") and the policy summary come last: every
/// flagged profile has them.
fn rank(verdict: Verdict, e: &Evidence) -> u8 {
    let lookalike = e.chars.iter().flatten().any(|c| c.action == "lookalike");
    match e.signal.as_str() {
        "label" if verdict == Verdict::Labelled => 0,
        "own" | "allowed" => 0,
        "characters" if lookalike => 1,
        "handle" => 2,
        "badge" => 3,
        "characters" => 4,
        "avatar" => 5,
        "bio" => 6,
        "label" => 7,
        "name" => 8,
        "script" => 9,
        "input" => 10,
        "intent" => 11,
        "elements" => 12,
        _ => 10,
    }
}

/// The part of a sentence that tells: for a handle, from the protected handle on (`@KwabenaMensah
/// with "tv" added`), since the handle column already shows the profile's own; for lookalike letters,
/// each with the letter it imitates (`"К" for K, "М" for M`); otherwise the whole sentence.
fn telling_part(lang: Lang, e: &Evidence) -> String {
    let d = e.detail.as_str();
    match e.signal.as_str() {
        "handle" => e
            .protected
            .as_deref()
            .and_then(|p| d.rfind(&format!("@{p}")))
            .map_or(d, |i| &d[i..])
            .to_string(),
        "characters" => {
            let lookalikes: Vec<String> = e
                .chars
                .iter()
                .flatten()
                .filter(|c| c.action == "lookalike")
                .filter_map(|c| {
                    let l = c.looks_like.as_deref()?;
                    Some(words::lookalike(lang, &c.ch, l))
                })
                .collect();
            if lookalikes.is_empty() {
                d.split_once(':')
                    .map_or(d, |(_, rest)| rest.trim())
                    .to_string()
            } else {
                lookalikes.join(", ")
            }
        }
        _ => d.to_string(),
    }
}

/// The "why" of a result: the evidence that tells most, in its telling part.
pub(crate) fn why(lang: Lang, c: &CheckResult) -> String {
    c.evidence
        .iter()
        .enumerate()
        .min_by_key(|(i, e)| (rank(c.verdict, e), *i))
        .map(|(_, e)| telling_part(lang, e))
        .unwrap_or_default()
}

pub(crate) fn write_table(
    out: &mut Vec<u8>,
    checker: &Checker,
    results: &[Result<CheckResult, ErrorResult>],
    profiles: &[Option<&Profile>],
    lang: Lang,
    table_width: usize,
) {
    let verdict_width = words::VERDICTS
        .iter()
        .map(|v| width(words::verdict(lang, *v)))
        .max()
        .unwrap_or(13);
    let h = words::headers(lang);
    // profile, handle, name, flag mark + verdict, score: each as wide as its widest cell (up to a
    // cap); the "why" column takes what is left.
    let fit = |cells: &mut dyn Iterator<Item = usize>, header: &str, cap: usize| {
        cells.fold(width(header), usize::max).min(cap)
    };
    let shown = || {
        results
            .iter()
            .zip(profiles)
            .filter_map(|(r, p)| Some((r.as_ref().ok()?, (*p)?)))
    };
    let id_w = fit(
        &mut results.iter().map(|r| match r {
            Ok(c) => width(&visible(&c.id)),
            Err(e) => width(&visible(e.id.as_deref().unwrap_or("?"))),
        }),
        h[0],
        12,
    );
    let handle_w = fit(
        &mut shown().map(|(_, p)| width(&visible(&p.handle)) + 1),
        h[1],
        20,
    );
    let name_w = fit(
        &mut shown().map(|(_, p)| width(&visible(&p.name))),
        h[2],
        24,
    );
    let score_w = 5;
    let fixed = id_w + 1 + handle_w + 1 + name_w + 1 + 3 + verdict_width + 1 + score_w + 2;
    let why_w = table_width.saturating_sub(fixed).max(20);
    let mut line = |cells: String| {
        let _ = writeln!(out, "{}", cells.trim_end());
    };
    line(format!(
        "{} {} {}    {} {:>score_w$}  {}",
        pad(h[0], id_w),
        pad(h[1], handle_w),
        pad(h[2], name_w),
        pad(h[3], verdict_width),
        h[4],
        clip(h[5], why_w)
    ));
    line("-".repeat(table_width.min(fixed + why_w)));
    for (r, p) in results.iter().zip(profiles) {
        match (r, p) {
            (Ok(c), Some(p)) => {
                // Whom it resembles, unless the reason starts with the protected handle, which says it.
                let why = why(lang, c);
                let who = c
                    .matched
                    .as_deref()
                    .and_then(|id| checker.account(id))
                    .filter(|_| !why.starts_with('@'))
                    .map(|a| format!("{} — ", a.name))
                    .unwrap_or_default();
                let mark = match c.verdict {
                    Verdict::Impersonation => "!! ",
                    Verdict::Suspicious => "?  ",
                    _ => "   ",
                };
                line(format!(
                    "{} {} {} {mark}{} {:>score_w$}  {}",
                    pad(&visible(&c.id), id_w),
                    pad(&visible(&format!("@{}", p.handle)), handle_w),
                    pad(&visible(&p.name), name_w),
                    pad(words::verdict(lang, c.verdict), verdict_width),
                    words::score(lang, c.score),
                    clip(&visible(&format!("{who}{why}")), why_w)
                ));
            }
            (Err(e), _) => {
                let error = match lang {
                    Lang::Fr => "erreur :",
                    _ => "error:",
                };
                line(format!(
                    "{} {}",
                    pad(&visible(e.id.as_deref().unwrap_or("?")), id_w),
                    clip(
                        &visible(&format!("{error} {}", e.error)),
                        table_width.saturating_sub(id_w + 1).max(20)
                    )
                ));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_their_width() {
        for (text, n, want) in [
            ("Ada", 5, "Ada  "),
            ("Kwabena Mensah ✅", 18, "Kwabena Mensah ✅ "),
            ("Kwabena Mensah ✅", 16, "Kwabena Mensah… "),
            ("Kwabena Mensah ✅", 15, "Kwabena Mensah…"),
            ("𝐓𝐮𝐧𝐝𝐞𝐦𝐢", 8, "𝐓𝐮𝐧𝐝𝐞𝐦𝐢 "),
            ("@real_kwabenamensah", 18, "@real_kwabenamens…"),
        ] {
            let got = pad(text, n);
            assert_eq!(got, want, "{text:?}");
            assert_eq!(width(&got), n, "{text:?}");
        }
    }

    #[test]
    fn hidden_and_control_characters_show_as_markers() {
        for (text, want) in [
            ("I\u{200b}brahima", "I⟨U+200B⟩brahima"),
            ("a\u{202e}b", "a⟨U+202E⟩b"),
            ("a\u{1b}[2Jb", "a⟨U+001B⟩[2Jb"),
            ("a\tb", "a⟨U+0009⟩b"),
            ("Kwabena ✅", "Kwabena ✅"),
            ("❤\u{fe0f}", "❤\u{fe0f}"),
        ] {
            assert_eq!(visible(text), want, "{text:?}");
        }
    }
}
