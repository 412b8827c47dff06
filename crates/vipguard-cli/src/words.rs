//! The command line's own words (table headers, verdict words, summary, `check`'s headline) in English
//! and French, as `--lang` asks. Evidence sentences come worded from the engine; JSON keys and CSV
//! column names stay English whatever the language, so scripts read every run the same way.
//! `--lang pcm` (Nigerian Pidgin) words the engine's evidence only: these words, like the errors
//! (`problems.rs`), are English with it, the `_` arms below (README, "Language").

use vipguard::{Lang, Verdict};

/// Every verdict, in the order the summary line counts them.
pub(crate) const VERDICTS: [Verdict; 6] = [
    Verdict::Impersonation,
    Verdict::Suspicious,
    Verdict::Labelled,
    Verdict::Own,
    Verdict::Allowed,
    Verdict::Clear,
];

/// A verdict as the table and the summary print it.
pub(crate) fn verdict(lang: Lang, v: Verdict) -> &'static str {
    match lang {
        Lang::Fr => match v {
            Verdict::Impersonation => "usurpation",
            Verdict::Suspicious => "suspect",
            Verdict::Labelled => "déclaré",
            Verdict::Own => "protégé",
            Verdict::Allowed => "officiel",
            Verdict::Clear => "rien à signaler",
        },
        _ => v.as_str(),
    }
}

/// The table's column headers: profile, handle, name, verdict, score, resembles / why.
pub(crate) fn headers(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Fr => [
            "profil",
            "identifiant",
            "nom",
            "verdict",
            "score",
            "ressemble à / pourquoi",
        ],
        _ => [
            "profile",
            "handle",
            "name",
            "verdict",
            "score",
            "resembles / why",
        ],
    }
}

/// A lookalike letter of a name and the letter it imitates, for the table: `"К" for K`.
pub(crate) fn lookalike(lang: Lang, ch: &str, looks_like: &str) -> String {
    match lang {
        Lang::Fr => format!("« {ch} » pour {looks_like}"),
        _ => format!("\"{ch}\" for {looks_like}"),
    }
}

/// A score with two decimals, with a decimal comma in French.
pub(crate) fn score(lang: Lang, s: f64) -> String {
    let s = format!("{s:.2}");
    match lang {
        Lang::Fr => s.replace('.', ","),
        _ => s,
    }
}

/// `23 checked: 15 impersonation, 2 suspicious, 1 labelled, 5 clear` (verdicts with none are left
/// out; rows that could not be read are counted last).
pub(crate) fn summary(lang: Lang, counts: &[(Verdict, usize)], unreadable: usize) -> String {
    let total: usize = counts.iter().map(|(_, n)| n).sum::<usize>() + unreadable;
    let mut parts: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(v, n)| format!("{n} {}", verdict(lang, *v)))
        .collect();
    if unreadable > 0 {
        parts.push(match lang {
            Lang::Fr => format!("{unreadable} illisible{}", plural_s(unreadable)),
            _ => format!("{unreadable} unreadable"),
        });
    }
    match lang {
        Lang::Fr => format!("{total} vérifié{} : {}", plural_s(total), parts.join(", ")),
        _ => format!("{total} checked: {}", parts.join(", ")),
    }
}

/// French's plural "s" for a count: none for 0 and 1.
pub(crate) fn plural_s(n: usize) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}

/// What `vipguard enroll` did: how many accounts and avatars, written where.
pub(crate) fn enrolled(lang: Lang, accounts: usize, avatars: usize, to: &str) -> String {
    match lang {
        // "Enregistré" would read as "saved": what was done to each picture is its fingerprint.
        Lang::Fr => format!(
            "{accounts} compte{}, empreinte{} calculée{} pour {avatars} avatar{}, liste écrite dans {to}",
            plural_s(accounts),
            plural_s(avatars),
            plural_s(avatars),
            plural_s(avatars)
        ),
        _ => format!(
            "{accounts} account{}, {avatars} avatar{} hashed, written to {to}",
            english_s(accounts),
            english_s(avatars)
        ),
    }
}

/// English's plural "s" for a count: none for 1 alone.
fn english_s(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `check`'s headline: `IMPERSONATION (score 0.98)`, `USURPATION (score 0,98)`.
pub(crate) fn headline(lang: Lang, v: Verdict, s: f64) -> String {
    format!(
        "{} (score {})",
        verdict(lang, v).to_uppercase(),
        score(lang, s)
    )
}

/// What `check` says of the matched account: it resembles it, is it, or is one of its official
/// accounts.
pub(crate) fn relation(lang: Lang, v: Verdict) -> &'static str {
    match (lang, v) {
        (Lang::Fr, Verdict::Own) => "c'est le compte protégé de",
        (Lang::Fr, Verdict::Allowed) => "compte officiel de",
        (Lang::Fr, _) => "ressemble à",
        (_, Verdict::Own) => "is the protected account of",
        (_, Verdict::Allowed) => "an official account of",
        _ => "resembles",
    }
}

/// `@handle on x`.
pub(crate) fn on_platform(lang: Lang, handle: &str, platform: &str) -> String {
    match lang {
        Lang::Fr => format!("@{handle} sur {platform}"),
        _ => format!("@{handle} on {platform}"),
    }
}

/// One line of `check`'s character list: what a character was read as.
pub(crate) fn char_action(lang: Lang, action: &str, looks_like: Option<&str>) -> String {
    match (lang, looks_like, action) {
        (Lang::Fr, Some(l), "lookalike") => format!("ressemble au latin {l}"),
        (Lang::Fr, Some(l), a) => format!("{a} → {l}"),
        (Lang::Fr, None, a) => format!("{a}, retiré"),
        (_, Some(l), "lookalike") => format!("looks like Latin {l}"),
        (_, Some(l), a) => format!("{a} → {l}"),
        (_, None, a) => format!("{a}, removed"),
    }
}

/// The colon before a list: `: ` in English, ` : ` in French (a no-break space before it, U+00A0).
pub(crate) fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => " : ",
        _ => ": ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries() {
        let counts = [
            (Verdict::Impersonation, 15),
            (Verdict::Suspicious, 2),
            (Verdict::Labelled, 1),
            (Verdict::Own, 0),
            (Verdict::Clear, 5),
        ];
        for (lang, unreadable, want) in [
            (
                Lang::En,
                0,
                "23 checked: 15 impersonation, 2 suspicious, 1 labelled, 5 clear",
            ),
            (
                Lang::En,
                2,
                "25 checked: 15 impersonation, 2 suspicious, 1 labelled, 5 clear, 2 unreadable",
            ),
            (
                Lang::Fr,
                0,
                "23 vérifiés : 15 usurpation, 2 suspect, 1 déclaré, 5 rien à signaler",
            ),
            (
                Lang::Fr,
                1,
                "24 vérifiés : 15 usurpation, 2 suspect, 1 déclaré, 5 rien à signaler, 1 illisible",
            ),
        ] {
            assert_eq!(summary(lang, &counts, unreadable), want);
        }
        assert_eq!(
            summary(Lang::Fr, &[(Verdict::Clear, 1)], 0),
            "1 vérifié : 1 rien à signaler"
        );
    }

    #[test]
    fn headlines() {
        for (lang, v, s, want) in [
            (
                Lang::En,
                Verdict::Impersonation,
                0.981,
                "IMPERSONATION (score 0.98)",
            ),
            (
                Lang::Fr,
                Verdict::Impersonation,
                0.981,
                "USURPATION (score 0,98)",
            ),
            (Lang::Fr, Verdict::Labelled, 0.97, "DÉCLARÉ (score 0,97)"),
            (Lang::En, Verdict::Clear, 0.0, "CLEAR (score 0.00)"),
        ] {
            assert_eq!(headline(lang, v, s), want);
        }
    }
}
