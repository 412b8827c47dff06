//! Every sentence a reviewer reads in the evidence, in English, French and Nigerian Pidgin. The engine
//! decides what it found; this module only words it, so a language is added here and nowhere else.
//!
//! Pidgin is written as a reviewer reads it at work, in the words of the extension's Pidgin catalogue
//! (extension/locales/pcm/messages.json): "di", "dis", "wey", "dey", "na", "dem"; the work words
//! Pidgin speakers use as they are ("handle", "display name", "protected list", "verified badge",
//! "avatar", "bio"); code points, Unicode names, handles, quoted values and figures exactly as in
//! English. Values from the page are in curly quotes, “x”, as that catalogue quotes them.

use crate::avatar::views::{Reframe, Undone, Variant, View};
use crate::text::edit::{Edit, Place, Step};
use crate::text::labels::Unplain;
use crate::text::normalize::{char_name, code_point, is_hidden};

/// The language evidence sentences are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
    /// Nigerian Pidgin (Naijá, tag `pcm`).
    Pcm,
}

impl Lang {
    /// `en`, `fr`, `pcm` (Nigerian Pidgin), or a browser language tag such as `fr-FR` or `en_GB`.
    pub fn parse(tag: &str) -> Result<Lang, String> {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Ok(Lang::En),
            "fr" => Ok(Lang::Fr),
            "pcm" => Ok(Lang::Pcm),
            _ => Err(format!(
                "language {tag:?} is not available (use en, fr or pcm)"
            )),
        }
    }
}

/// A value from the page, quoted: "x" in English, « x » in French, “x” in Pidgin, with its hidden
/// characters shown (`show_hidden`).
fn q(lang: Lang, s: &str) -> String {
    let shown = show_hidden(s);
    // `concat` over `format!`: the same string without the formatting machinery, which was half of
    // quoting, and a flagged profile's evidence quotes twice.
    let (open, close) = match lang {
        Lang::En => ("\"", "\""),
        Lang::Fr => ("« ", " »"),
        Lang::Pcm => ("“", "”"),
    };
    [open, &shown, close].concat()
}

/// `s` with each character that does not show (zero-width, direction controls, fillers, unusual
/// blanks) written as a marker with its name: `Adaeze⟨zero width no-break space⟩Okonkwo`. A reviewer
/// sees where it is and what it is, where a backslash escape (`\u{feff}`) means nothing to them, and a
/// raw direction control would reorder the sentence itself. The name is the Unicode name the character
/// list shows, in lowercase so it reads as words and not as letters of the name; ⟨ ⟩ because no name
/// uses them, unlike quotes or brackets. Variation selectors, joiners and tags inside an emoji are
/// part of the emoji and stay as they are.
pub(crate) fn show_hidden(s: &str) -> std::borrow::Cow<'_, str> {
    mark_hidden(s, |c| {
        let name = char_name(c);
        if name == "UNNAMED CHARACTER" {
            code_point(c)
        } else {
            name.to_lowercase()
        }
    })
}

/// `s` with each character that does not show written as its code point, `Ibrahima⟨U+200B⟩Diallo`:
/// the short form of the markers evidence sentences use, for narrow places such as a table's name
/// column. The same characters are marked as in evidence sentences (an emoji's own joiners and
/// variation selectors are kept).
pub fn show_hidden_code_points(s: &str) -> std::borrow::Cow<'_, str> {
    mark_hidden(s, code_point)
}

fn mark_hidden(s: &str, marker: impl Fn(char) -> String) -> std::borrow::Cow<'_, str> {
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 32);
    let mut in_emoji = false;
    for c in s.chars() {
        let emoji_part = in_emoji && is_emoji_joiner(c);
        let hidden = !emoji_part && is_hidden(c);
        if hidden {
            out.push('⟨');
            out.push_str(&marker(c));
            out.push('⟩');
        } else {
            out.push(c);
        }
        in_emoji =
            emoji_part || (!hidden && !c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace());
    }
    out.into()
}

/// Characters that join or style the emoji before them: variation selectors, the zero-width joiner
/// and tag characters (flags of England, Scotland, Wales).
fn is_emoji_joiner(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{200D}' | '\u{E0020}'..='\u{E007F}')
}

pub(crate) fn own(lang: Lang, handle: &str, platform: &str, name: &str, official: bool) -> String {
    match (lang, official) {
        (Lang::En, false) => {
            format!("@{handle} on {platform} is the account of {name} on the protected list")
        }
        (Lang::En, true) => format!(
            "@{handle} on {platform} is an official account of {name} on the protected list"
        ),
        // Names in guillemets: French elides "de" before a vowel, and a name in quotes needs no elision.
        (Lang::Fr, false) => format!(
            "@{handle} sur {platform} est le compte de {} dans la liste protégée",
            q(lang, name)
        ),
        (Lang::Fr, true) => format!(
            "@{handle} sur {platform} est un compte officiel de {} dans la liste protégée",
            q(lang, name)
        ),
        (Lang::Pcm, false) => {
            format!("@{handle} for {platform} na {name} account wey dey di protected list")
        }
        (Lang::Pcm, true) => format!(
            "@{handle} for {platform} na one of {name} official accounts wey dey di protected list"
        ),
    }
}

/// How a display name matched a protected name (`alias`: one of its other names).
pub(crate) enum NameMatchWords<'a> {
    Same,
    Contains(&'a [String]),
    Similar(f64),
    /// `protected` is then the handle (with its @).
    SpellsHandle,
}

pub(crate) fn name(
    lang: Lang,
    how: NameMatchWords,
    display: &str,
    alias: bool,
    protected: &str,
) -> String {
    let (d, p) = (q(lang, display), q(lang, protected));
    let words = |extra: &[String]| {
        let shown: Vec<_> = extra.iter().map(|w| show_hidden(w)).collect();
        shown.join(", ")
    };
    match lang {
        Lang::En => {
            let which = if alias { "alias" } else { "name" };
            match how {
                NameMatchWords::Same => {
                    format!("Display name {d} reads as the protected {which} {p}")
                }
                NameMatchWords::Contains(extra) => format!(
                    "Display name {d} contains the protected {which} {p} with other words ({})",
                    words(extra)
                ),
                NameMatchWords::Similar(s) => format!(
                    "Display name {d} is close to the protected {which} {p} (similarity {s:.2})"
                ),
                NameMatchWords::SpellsHandle => {
                    format!("Display name {d} spells the protected handle {protected}")
                }
            }
        }
        Lang::Fr => {
            let which = if alias {
                "l'autre nom protégé"
            } else {
                "le nom protégé"
            };
            match how {
                NameMatchWords::Same => format!("Le nom affiché {d} se lit comme {which} {p}"),
                NameMatchWords::Contains(extra) => format!(
                    "Le nom affiché {d} contient {which} {p}, avec d'autres mots ({})",
                    words(extra)
                ),
                NameMatchWords::Similar(s) => {
                    format!("Le nom affiché {d} est proche de {which} {p} (similarité {s:.2})")
                }
                NameMatchWords::SpellsHandle => {
                    format!("Le nom affiché {d} épelle l'identifiant protégé {protected}")
                }
            }
        }
        // An alias is named after its quotes: "di protected oda name" would not read as Pidgin.
        Lang::Pcm => match (how, alias) {
            (NameMatchWords::Same, false) => {
                format!("Di display name {d} read di same as di protected name {p}")
            }
            (NameMatchWords::Same, true) => format!(
                "Di display name {d} read di same as {p}, one oda name wey we dey protect"
            ),
            (NameMatchWords::Contains(extra), false) => format!(
                "Di display name {d} get di protected name {p} inside, plus oda words ({})",
                words(extra)
            ),
            (NameMatchWords::Contains(extra), true) => format!(
                "Di display name {d} get {p} inside (one oda name wey we dey protect), plus oda words ({})",
                words(extra)
            ),
            (NameMatchWords::Similar(s), false) => format!(
                "Di display name {d} resemble di protected name {p} (similarity {s:.2})"
            ),
            (NameMatchWords::Similar(s), true) => format!(
                "Di display name {d} resemble {p}, one oda name wey we dey protect (similarity {s:.2})"
            ),
            (NameMatchWords::SpellsHandle, _) => {
                format!("Di display name {d} dey spell di protected handle {protected}")
            }
        },
    }
}

pub(crate) fn chars(lang: Lang, deceptive: usize, summary: &str) -> String {
    match (lang, deceptive) {
        (Lang::En, 0) => format!("The display name is decorated or styled: {summary}"),
        (Lang::En, 1) => {
            format!("1 character in the display name is a lookalike or hidden: {summary}")
        }
        (Lang::En, n) => {
            format!("{n} characters in the display name are lookalikes or hidden: {summary}")
        }
        (Lang::Fr, 0) => format!("Le nom affiché est décoré ou stylisé\u{a0}: {summary}"),
        (Lang::Fr, 1) => {
            format!("1 caractère du nom affiché est un sosie ou est caché\u{a0}: {summary}")
        }
        (Lang::Fr, n) => {
            format!("{n} caractères du nom affiché sont des sosies ou sont cachés\u{a0}: {summary}")
        }
        (Lang::Pcm, 0) => format!("Di display name get decoration or fancy letters: {summary}"),
        (Lang::Pcm, 1) => format!(
            "1 character for di display name dey copy anoda letter or e dey hide: {summary}"
        ),
        (Lang::Pcm, n) => format!(
            "{n} characters for di display name dey copy oda letters or dem dey hide: {summary}"
        ),
    }
}

/// One character of a summary: code point and name, then what it is read as.
pub(crate) fn char_item(
    lang: Lang,
    codepoint: &str,
    name: &str,
    action: &str,
    read_as: Option<&str>,
) -> String {
    let c = format!("{codepoint} {name}");
    match (lang, read_as, action) {
        (Lang::En, Some(l), "lookalike") => format!("{c} looks like Latin {l}"),
        (Lang::En, Some(l), "styled") => format!("{c} is a styled {l}"),
        (Lang::En, Some(l), _) => format!("{c} read as {l}"),
        (Lang::En, None, "diacritic") => format!("{c} (accent ignored)"),
        (Lang::En, None, "reversal") => {
            format!("{c} (shows the text after it reversed; read as shown)")
        }
        (Lang::En, None, "filler") => format!("{c} (shows as blank; read as a space)"),
        (Lang::En, None, a) => format!("{c} ({a}, removed)"),
        (Lang::Fr, Some(l), "lookalike") => format!("{c} ressemble à la lettre latine {l}"),
        (Lang::Fr, Some(l), "styled") => format!("{c} est un {l} stylisé"),
        (Lang::Fr, Some(l), _) => format!("{c} lu comme {l}"),
        (Lang::Fr, None, "diacritic") => format!("{c} (accent ignoré)"),
        (Lang::Fr, None, "reversal") => {
            format!("{c} (inverse l'affichage du texte qui suit ; lu tel qu'affiché)")
        }
        (Lang::Fr, None, "filler") => format!("{c} (s'affiche vide ; lu comme une espace)"),
        (Lang::Fr, None, a) => {
            let a = match a {
                "blank" => "blanc trompeur",
                "combining" => "accents empilés",
                "decoration" => "décoration",
                other => other,
            };
            format!("{c} ({a}, retiré)")
        }
        (Lang::Pcm, Some(l), "lookalike") => format!("{c} resemble Latin {l}"),
        (Lang::Pcm, Some(l), "styled") => format!("{c} na {l} wey dem style"),
        (Lang::Pcm, Some(l), _) => format!("{c}, we read am as {l}"),
        (Lang::Pcm, None, "diacritic") => format!("{c} (na accent, we no count am)"),
        (Lang::Pcm, None, "reversal") => {
            format!("{c} (e dey show di text wey follow am backwards; we read am as e show)")
        }
        (Lang::Pcm, None, "filler") => format!("{c} (e show like blank; we read am as space)"),
        // As the Pidgin catalogue's `action_*` messages say them.
        (Lang::Pcm, None, a) => {
            let a = match a {
                "invisible" => "you no fit see am, we comot am",
                "blank" => "fake blank space, we comot am",
                "combining" => "accents wey pile on top, we comot dem",
                "decoration" => "na decoration, we comot am",
                other => other,
            };
            format!("{c} ({a})")
        }
    }
}

/// A check mark in the display name: to a reviewer, a fake verification badge.
/// The character is named as the character list names the others ("✅ U+2705 WHITE HEAVY CHECK MARK").
pub(crate) fn fake_badge(lang: Lang, mark: char, codepoint: &str, name: &str) -> String {
    match lang {
        Lang::En => format!("The display name carries a check mark ({mark} {codepoint} {name}), imitating the platform's verified badge"),
        Lang::Fr => format!("Le nom affiché porte une coche ({mark} {codepoint} {name}), qui imite le badge de compte vérifié de la plateforme"),
        Lang::Pcm => format!("Di display name carry check mark ({mark} {codepoint} {name}) wey dey copy di platform verified badge"),
    }
}

pub(crate) fn and_more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("and {n} more"),
        Lang::Fr => format!("et {n} de plus"),
        Lang::Pcm => format!("plus {n} oda ones"),
    }
}

pub(crate) fn mixed_script(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "A word of the display name mixes Latin letters with letters of another script",
        Lang::Fr => {
            "Un mot du nom affiché mêle des lettres latines et des lettres d'une autre écriture"
        }
        Lang::Pcm => {
            "One word for di display name mix Latin letters with letters from anoda alphabet"
        }
    }
}

pub(crate) fn mixed_style(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "A word of the display name mixes styled letters with plain ones, which a name written in a fancy font does not",
        Lang::Fr => "Un mot du nom affiché mêle des lettres stylisées et des lettres ordinaires, ce que ne fait pas un nom écrit dans une police fantaisie",
        Lang::Pcm => "One word for di display name mix letters wey dem style with ordinary letters, and name wey dem write with fancy font no dey do dat",
    }
}

/// What a handle was compared with.
pub(crate) enum Target<'a> {
    Handle(&'a str),
    Official(&'a str),
    /// A protected name written as a handle.
    Name(&'a str),
}

fn target(lang: Lang, t: &Target) -> String {
    match (lang, t) {
        (Lang::En, Target::Handle(d)) => format!("protected handle @{d}"),
        (Lang::En, Target::Official(d)) => format!("official handle @{d}"),
        (Lang::En, Target::Name(d)) => {
            format!("protected name {} written as a handle", q(lang, d))
        }
        (Lang::Fr, Target::Handle(d)) => format!("l'identifiant protégé @{d}"),
        (Lang::Fr, Target::Official(d)) => format!("l'identifiant officiel @{d}"),
        (Lang::Fr, Target::Name(d)) => {
            format!("le nom protégé {} écrit comme un identifiant", q(lang, d))
        }
        (Lang::Pcm, Target::Handle(d)) => format!("di protected handle @{d}"),
        (Lang::Pcm, Target::Official(d)) => format!("di official handle @{d}"),
        (Lang::Pcm, Target::Name(d)) => {
            format!("di protected name {} wey dem write like handle", q(lang, d))
        }
    }
}

/// How a handle matched.
pub(crate) enum HandleWords<'a> {
    /// Identical to the eye, with the edit and the lookalikes that make it so.
    LooksIdentical {
        edit: &'a str,
        tricks: &'a [Lookalike],
    },
    /// The same handle, used on another platform (the profile's).
    SameElsewhere(&'a str),
    /// The same once lookalike digits or case are read (the edit).
    ReadsSame(&'a str),
    WordOrder,
    Affix {
        affixes: &'a [String],
        il_swap: bool,
        /// Letters the rest writes as digits (`leet_letters`), if any.
        leet: Option<&'a str>,
    },
    Embedded {
        /// Letters the handle writes as digits where it holds the protected one (`leet_letters`),
        /// when it was found by reading them.
        leet: Option<&'a str>,
        /// Found only with capital I read as l, as `Affix`'s.
        il_swap: bool,
    },
    Typo {
        distance: usize,
        edit: &'a str,
        /// Lookalikes the handle was read through to find the distance.
        tricks: &'a [Lookalike],
    },
    /// Letters written as digits or symbols (`leet`, from `leet_letters`) and typing edits besides:
    /// the digits are read as letters before the distance is measured, so they are named apart.
    TypoAndLeet {
        distance: usize,
        edit: &'a str,
        leet: &'a str,
        tricks: &'a [Lookalike],
    },
    /// One word of the handle is a typo of the protected handle.
    EmbeddedTypo {
        segment: &'a str,
        distance: usize,
        edit: &'a str,
    },
    /// One trick of two or more edits (a letter moved, a doubled letter, a vowel changed throughout),
    /// with the affixes added around it, if any.
    Trick(&'a crate::text::skeleton::Trick, &'a [String]),
}

/// Letters that pass for others in a handle.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Lookalike {
    /// Capital I for lowercase l, or the other way round.
    IL,
    /// vv for w.
    VV,
    /// rn for m.
    RN,
}

fn lookalikes(lang: Lang, tricks: &[Lookalike]) -> String {
    let words: Vec<&str> = tricks
        .iter()
        .map(|t| match (lang, t) {
            (Lang::En, Lookalike::IL) => "capital I and lowercase l look alike",
            (Lang::En, Lookalike::VV) => "vv looks like w",
            (Lang::En, Lookalike::RN) => "rn looks like m",
            (Lang::Fr, Lookalike::IL) => "I majuscule et l minuscule se ressemblent",
            (Lang::Fr, Lookalike::VV) => "vv ressemble à w",
            (Lang::Fr, Lookalike::RN) => "rn ressemble à m",
            (Lang::Pcm, Lookalike::IL) => "capital I and small l resemble each oda",
            (Lang::Pcm, Lookalike::VV) => "vv resemble w",
            (Lang::Pcm, Lookalike::RN) => "rn resemble m",
        })
        .collect();
    words.join(if lang == Lang::Fr { " ; " } else { "; " })
}

/// "1 edit", "2 edits"; "1 modification", "2 modifications"; "1 change", "2 changes".
fn edit_count(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Fr, 1) => "1 modification".into(),
        (Lang::Fr, n) => format!("{n} modifications"),
        (Lang::Pcm, 1) => "1 change".into(),
        (Lang::Pcm, n) => format!("{n} changes"),
        (Lang::En, 1) => "1 edit".into(),
        (Lang::En, n) => format!("{n} edits"),
    }
}

/// " (vv looks like w)" after an explanation, or nothing.
fn tricks_after(lang: Lang, tricks: &[Lookalike]) -> String {
    if tricks.is_empty() {
        String::new()
    } else {
        format!(" ({})", lookalikes(lang, tricks))
    }
}

/// ", read with capital I and lowercase l swapped …" after a handle found only so, or nothing.
fn il_swapped(lang: Lang, il_swap: bool) -> &'static str {
    match (lang, il_swap) {
        (_, false) => "",
        (Lang::En, true) => ", read with capital I and lowercase l swapped (they look the same)",
        (Lang::Fr, true) => ", lu en échangeant I majuscule et l minuscule (ils se ressemblent)",
        (Lang::Pcm, true) => {
            ", if we read capital I and small l as di same letter (dem resemble each oda)"
        }
    }
}

pub(crate) fn handle(lang: Lang, h: &str, how: HandleWords, t: Target) -> String {
    let what = target(lang, &t);
    match lang {
        Lang::En => match how {
            HandleWords::LooksIdentical { edit, tricks } => format!(
                "Handle @{h} looks identical to the {what}: {edit} ({})",
                lookalikes(lang, tricks)
            ),
            HandleWords::SameElsewhere(platform) => {
                format!("Handle @{h} is the {what}, used here on {platform}")
            }
            HandleWords::ReadsSame(edit) => format!("Handle @{h} is the {what} with {edit}"),
            HandleWords::WordOrder => {
                format!("Handle @{h} is the {what} with its words in another order")
            }
            HandleWords::Affix {
                affixes,
                il_swap,
                leet,
            } => format!(
                "Handle @{h} is the {what} with {} added{}{}",
                q(lang, &affixes.join(", ")),
                il_swapped(lang, il_swap),
                leet.map(|l| format!(", and {l}")).unwrap_or_default()
            ),
            HandleWords::Embedded { leet, il_swap } => format!(
                "Handle @{h} contains the {what}{}{}",
                il_swapped(lang, il_swap),
                leet.map(|l| format!(", with {l}")).unwrap_or_default()
            ),
            HandleWords::Typo {
                distance,
                edit,
                tricks,
            } => format!(
                "Handle @{h} is {} from the {what}: {edit}{}",
                edit_count(lang, distance),
                tricks_after(lang, tricks)
            ),
            HandleWords::TypoAndLeet {
                distance,
                edit,
                leet,
                tricks,
            } => format!(
                "Handle @{h} writes {leet}, and is {} from the {what}: {edit}{}",
                edit_count(lang, distance),
                tricks_after(lang, tricks)
            ),
            HandleWords::EmbeddedTypo {
                segment,
                distance,
                edit,
            } => format!(
                "Handle @{h} contains {}, {} from the {what}: {edit}",
                q(lang, segment),
                edit_count(lang, distance)
            ),
            HandleWords::Trick(trick, affixes) if !affixes.is_empty() => format!(
                "Handle @{h} is the {what} {}, and {} added",
                trick_words(lang, trick),
                q(lang, &affixes.join(", "))
            ),
            HandleWords::Trick(trick, _) => {
                format!("Handle @{h} is the {what} {}", trick_words(lang, trick))
            }
        },
        Lang::Fr => match how {
            HandleWords::LooksIdentical { edit, tricks } => format!(
                "L'identifiant @{h} est identique à l'œil à {what} : {edit} ({})",
                lookalikes(lang, tricks)
            ),
            HandleWords::SameElsewhere(platform) => {
                format!("L'identifiant @{h} est {what}, utilisé ici sur {platform}")
            }
            HandleWords::ReadsSame(edit) => format!("L'identifiant @{h} est {what} avec {edit}"),
            HandleWords::WordOrder => {
                format!("L'identifiant @{h} est {what}, avec ses mots dans un autre ordre")
            }
            HandleWords::Affix {
                affixes,
                il_swap,
                leet,
            } => format!(
                "L'identifiant @{h} est {what} avec {} ajouté{}{}",
                q(lang, &affixes.join(", ")),
                il_swapped(lang, il_swap),
                leet.map(|l| format!(", et {l}")).unwrap_or_default()
            ),
            HandleWords::Embedded { leet, il_swap } => format!(
                "L'identifiant @{h} contient {what}{}{}",
                il_swapped(lang, il_swap),
                leet.map(|l| format!(", avec {l}")).unwrap_or_default()
            ),
            HandleWords::Typo {
                distance,
                edit,
                tricks,
            } => format!(
                "L'identifiant @{h} est à {} de {what} : {edit}{}",
                edit_count(lang, distance),
                tricks_after(lang, tricks)
            ),
            HandleWords::TypoAndLeet {
                distance,
                edit,
                leet,
                tricks,
            } => format!(
                "L'identifiant @{h} écrit {leet}, et est à {} de {what} : {edit}{}",
                edit_count(lang, distance),
                tricks_after(lang, tricks)
            ),
            HandleWords::EmbeddedTypo {
                segment,
                distance,
                edit,
            } => format!(
                "L'identifiant @{h} contient {}, à {} de {what} : {edit}",
                q(lang, segment),
                edit_count(lang, distance)
            ),
            HandleWords::Trick(trick, affixes) if !affixes.is_empty() => format!(
                "L'identifiant @{h} est {what} {}, et {} ajouté",
                trick_words(lang, trick),
                q(lang, &affixes.join(", "))
            ),
            HandleWords::Trick(trick, _) => {
                format!("L'identifiant @{h} est {what} {}", trick_words(lang, trick))
            }
        },
        Lang::Pcm => match how {
            HandleWords::LooksIdentical { edit, tricks } => format!(
                "Handle @{h} and {what} look di same for eye: {edit} ({})",
                lookalikes(lang, tricks)
            ),
            HandleWords::SameElsewhere(platform) => {
                format!("Handle @{h} na {what}, but dem dey use am here for {platform}")
            }
            HandleWords::ReadsSame(edit) => format!("Handle @{h} na {what} with {edit}"),
            HandleWords::WordOrder => {
                format!("Handle @{h} na {what}, but di words no dey di same order")
            }
            HandleWords::Affix {
                affixes,
                il_swap,
                leet,
            } => format!(
                "Handle @{h} na {what}, dem add {}{}{}",
                q(lang, &affixes.join(", ")),
                il_swapped(lang, il_swap),
                leet.map(|l| format!(", plus {l}")).unwrap_or_default()
            ),
            HandleWords::Embedded { leet, il_swap } => format!(
                "Handle @{h} get {what} inside{}{}",
                il_swapped(lang, il_swap),
                leet.map(|l| format!(", with {l}")).unwrap_or_default()
            ),
            HandleWords::Typo {
                distance,
                edit,
                tricks,
            } => format!(
                "Handle @{h} dey {} away from {what}: {edit}{}",
                edit_count(lang, distance),
                tricks_after(lang, tricks)
            ),
            HandleWords::TypoAndLeet {
                distance,
                edit,
                leet,
                tricks,
            } => format!(
                "Handle @{h} use {leet}, and e dey {} away from {what}: {edit}{}",
                edit_count(lang, distance),
                tricks_after(lang, tricks)
            ),
            HandleWords::EmbeddedTypo {
                segment,
                distance,
                edit,
            } => format!(
                "Handle @{h} get {} inside, wey dey {} away from {what}: {edit}",
                q(lang, segment),
                edit_count(lang, distance)
            ),
            HandleWords::Trick(trick, affixes) if !affixes.is_empty() => format!(
                "Handle @{h} na {what}, {}, and dem add {}",
                trick_words(lang, trick),
                q(lang, &affixes.join(", "))
            ),
            HandleWords::Trick(trick, _) => {
                format!("Handle @{h} na {what}, {}", trick_words(lang, trick))
            }
        },
    }
}

/// What a one-trick edit did, after "the protected handle": "with …" ("but dem …" in Pidgin).
fn trick_words(lang: Lang, trick: &crate::text::skeleton::Trick) -> String {
    use crate::text::skeleton::Trick;
    let letter = |c: &char| q(lang, &c.to_string());
    match (lang, trick) {
        (Lang::En, Trick::Moved { letter: c, places }) => {
            format!("with one letter moved: {} moved {places} places", letter(c))
        }
        (Lang::Fr, Trick::Moved { letter: c, places }) => {
            format!(
                "avec une lettre déplacée : {} déplacée de {places} places",
                letter(c)
            )
        }
        (Lang::En, Trick::Doubled { from, to }) => format!(
            "with {} replaced by a doubled letter, {}",
            q(lang, from),
            q(lang, &format!("{to}{to}"))
        ),
        (Lang::Fr, Trick::Doubled { from, to }) => format!(
            "avec {} remplacé par une lettre doublée, {}",
            q(lang, from),
            q(lang, &format!("{to}{to}"))
        ),
        (Lang::En, Trick::VowelSwap { from, to, count }) => format!(
            "with every {} changed to {} ({count} times)",
            letter(from),
            letter(to)
        ),
        (Lang::Fr, Trick::VowelSwap { from, to, count }) => format!(
            "avec chaque {} changé en {} ({count} fois)",
            letter(from),
            letter(to)
        ),
        (Lang::Pcm, Trick::Moved { letter: c, places }) => format!(
            "but dem move one letter: {} shift {places} places",
            letter(c)
        ),
        (Lang::Pcm, Trick::Doubled { from, to }) => format!(
            "but dem change {} to double letter, {}",
            q(lang, from),
            q(lang, &format!("{to}{to}"))
        ),
        (Lang::Pcm, Trick::VowelSwap { from, to, count }) => format!(
            "but dem change every {} to {} ({count} times)",
            letter(from),
            letter(to)
        ),
    }
}

/// Why a handle resembling the account adds nothing to the display name's resemblance.
pub(crate) fn handle_counted_once(lang: Lang, h: &str) -> String {
    match lang {
        Lang::En => format!(
            "Handle @{h} only writes the display name again, so the two count as one resemblance"
        ),
        Lang::Fr => format!(
            "L'identifiant @{h} ne fait que réécrire le nom affiché\u{a0}: les deux comptent pour une seule ressemblance"
        ),
        Lang::Pcm => format!(
            "Handle @{h} just write di display name again, so we count di two as one resemblance"
        ),
    }
}

pub(crate) fn handle_explained(lang: Lang, h: &str) -> String {
    match lang {
        Lang::En => {
            format!("Handle @{h} is explained by the profile's own name, so it is not counted")
        }
        Lang::Fr => format!(
            "L'identifiant @{h} s'explique par le nom du profil lui-même : il n'est pas compté"
        ),
        Lang::Pcm => {
            format!("Di profile own name explain handle @{h}, so we no count am")
        }
    }
}

/// What the impersonator did to the protected photo, in plain words, as the matcher undid it: "mirrored
/// and cropped about 10% a side", "with a band across the bottom covered". A view says which part of the
/// picture was compared, so what was left out is what was covered or changed.
pub(crate) fn avatar_changes(
    lang: Lang,
    undone: &Undone,
    view: View,
    variant: Variant,
    mirrored: bool,
    reframe: Reframe,
) -> String {
    let say = |en: String, fr: String, pcm: String| match lang {
        Lang::En => en,
        Lang::Fr => fr,
        Lang::Pcm => pcm,
    };
    let mut parts: Vec<String> = Vec::new();
    if mirrored {
        parts.push(say(
            "mirrored".into(),
            "en miroir".into(),
            "dem flip am like mirror".into(),
        ));
    }
    match variant {
        // The picture as uploaded, margin and all: nothing was done to it.
        Variant::Plain | Variant::Untrimmed => {}
        Variant::Crop(p) => parts.push(say(
            format!("cropped about {p}% a side"),
            format!("recadrée d'environ {p}\u{a0}% par côté"),
            format!("dem cut about {p}% for each side"),
        )),
        Variant::Rotate(d) => parts.push(say(
            format!("turned about {}°", d.abs()),
            format!("tournée d'environ {}°", d.abs()),
            format!("dem turn am about {}°", d.abs()),
        )),
        Variant::TurnedWhole(_) => parts.push(say(
            "turned a few degrees".into(),
            "tournée de quelques degrés".into(),
            "dem turn am small, few degrees".into(),
        )),
        Variant::Thumbnail => parts.push(say(
            "shrunk to a thumbnail".into(),
            "réduite en vignette".into(),
            "dem shrink am to thumbnail".into(),
        )),
    }
    // Met as the uploaded square, margin and all, the copy's own margin is the original's: no border
    // was added, whatever the query's trim removed (a tint or vignette moves where trimming stops).
    if undone.border_pct > 0 && variant != Variant::Untrimmed {
        parts.push(say(
            format!("with a border of about {}% added", undone.border_pct),
            format!(
                "avec une bordure d'environ {}\u{a0}% ajoutée",
                undone.border_pct
            ),
            format!("dem add border of about {}%", undone.border_pct),
        ));
    }
    // A screenshot's avatar is round anyway: said once, with where it was cut from.
    if undone.round && reframe != Reframe::Circle {
        parts.push(say(
            "cut round".into(),
            "découpée en rond".into(),
            "dem cut am round".into(),
        ));
    }
    match reframe {
        Reframe::None => {}
        Reframe::Inset(p) => parts.push(say(
            format!("set inside a frame about {p}% a side"),
            format!("placée dans un cadre d'environ {p}\u{a0}% par côté"),
            format!("dem put am inside frame of about {p}% for each side"),
        )),
        Reframe::Stretched => parts.push(say(
            "stretched back from a squeezed copy".into(),
            "remise à ses proportions depuis une copie écrasée".into(),
            "dem squeeze am (we stretch am back to compare)".into(),
        )),
        Reframe::Circle => parts.push(say(
            "cut from a screenshot of a profile page".into(),
            "découpée dans une capture d'écran d'une page de profil".into(),
            "dem cut am from screenshot of one profile page".into(),
        )),
        // Said by the band view: the word across the middle left out.
        Reframe::AroundWord => {}
        Reframe::Unstickered => parts.push(say(
            "with a sticker pasted in a corner".into(),
            "avec un autocollant collé dans un coin".into(),
            "dem paste sticker for one corner".into(),
        )),
    }
    match view {
        View::Full => {}
        // Cut round, framed or turned, the corners change anyway: said only when nothing else is.
        View::Circle if !parts.is_empty() => {}
        View::Circle => parts.push(say(
            "compared without its corners".into(),
            "comparée sans ses coins".into(),
            "we compare am without im corners".into(),
        )),
        View::Top => parts.push(say(
            "with a band across the bottom covered".into(),
            "avec une bande couverte en bas".into(),
            "dem cover one band for di bottom".into(),
        )),
        View::Band => parts.push(say(
            "with a band across the middle covered (text written over it)".into(),
            "avec une bande couverte au milieu (un texte écrit dessus)".into(),
            "dem cover one band across di middle (text wey dem write on top)".into(),
        )),
        // Only the logo was compared, on its own background: what is round it may be anything.
        View::Content => parts.push(say(
            "the same logo, with the background around it changed".into(),
            "le même logo, avec le fond autour changé".into(),
            "na di same logo, but dem change di background wey surround am".into(),
        )),
    }
    and_list(lang, &parts)
}

/// The avatar copies a protected photo. `distance` (kept in the evidence's figures for machines) only
/// says here whether it is the same photo or the same with small differences (recompressed,
/// recoloured): PDQ hashes of one photo saved twice are a few bits apart, and matches go up to 31.
pub(crate) fn avatar(lang: Lang, name: &str, distance: u32, changes: &str) -> String {
    let near = distance > 10;
    let sep = if changes.is_empty() { "" } else { ", " };
    match lang {
        Lang::En => {
            let same = if near {
                "the same photo with small differences"
            } else {
                "the same photo"
            };
            format!("The avatar is a copy of {name}'s protected photo: {same}{sep}{changes}")
        }
        Lang::Fr => {
            let same = if near {
                "la même photo à de petites différences près"
            } else {
                "la même photo"
            };
            format!(
                "L'avatar est une copie de la photo protégée de {} : {same}{sep}{changes}",
                q(lang, name)
            )
        }
        Lang::Pcm => {
            let same = if near {
                "na di same photo (small differences dey)"
            } else {
                "na di same photo"
            };
            format!("Di avatar na copy of {name} protected photo: {same}{sep}{changes}")
        }
    }
}

pub(crate) fn intent(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "The resemblance depends on lookalike or hidden characters, which ordinary names do not use",
        Lang::Fr => "La ressemblance repose sur des caractères trompeurs ou cachés, que les noms ordinaires n'emploient pas",
        Lang::Pcm => "Dis resemblance depend on characters wey dey copy letters or wey dey hide, wey ordinary names no dey use",
    }
}

/// What one bio cue means (`bio_cues.txt` names the cues).
fn cue_meaning(lang: Lang, what: &str) -> &'static str {
    match (lang, what) {
        (Lang::En, "official") => "claims to be the official account",
        (Lang::En, "real") => "claims to be the real one",
        (Lang::En, "verified") => "claims to be verified",
        (Lang::En, "new_account") => "says it is a new or backup account",
        (Lang::En, "hacked") => "says an earlier account was hacked",
        (Lang::En, "giveaway") => "a crypto or cash giveaway, a common scam",
        (Lang::En, "manager") => {
            "sends followers to a private chat with a \"manager\", a common scam"
        }
        (Lang::En, "multiply") => "promises to multiply money sent, a common scam",
        (Lang::En, "investment") => "promises investment returns, a common scam",
        (Lang::En, "recovery") => "offers to recover accounts or funds, a common scam",
        (Lang::En, "wallet") => "a crypto wallet address to send money to",
        (Lang::En, "private") => "says it is a private page for close fans, a common lure",
        (Lang::En, "management") => "says it is run by the person's management",
        (Lang::En, "others_fake") => "says every other account is fake",
        (Lang::En, "personally") => "says the person answers here themselves",
        (Lang::En, "personal") => "calls itself the person's own account",
        (Lang::En, "prize") => {
            "tells followers they won a prize to claim through a link, a common scam"
        }
        (Lang::En, "donation") => "asks for donations to a personal number, a common scam",
        (Lang::En, "visa") => "sells jobs or visas for a fee, a common scam",
        (Lang::En, "seed") => {
            "asks for a \"seed\" offering in exchange for a miracle, a common scam"
        }
        (Lang::En, "grant") => "promises a grant or aid for a fee, a common scam",
        (Lang::En, "loan") => "offers quick loans without collateral, a common scam",
        (Lang::En, "fan_card") => "sells fan cards or paid meetings, a common scam",
        (Lang::En, "shoutout") => "sells personal videos in the person's name, a common scam",
        (Lang::En, "account_number") => {
            "asks followers for their bank or mobile-money number, a common scam"
        }
        (Lang::En, "its_me") => "insists it really is the person",
        (Lang::En, "learned") => {
            "the words that weighed most for a reader trained on thousands of impersonators' and ordinary bios, which reads this one as a claim to be the person or a scam"
        }
        (Lang::En, "customs") => {
            "tells a prize winner to pay customs to release the prize, a common scam"
        }
        (Lang::En, "paid_recovery") => {
            "offers to bring back stolen accounts for a fee, a common scam"
        }
        (Lang::En, "romance") => "offers loneliness and a private chat, a common romance scam",
        (Lang::En, "secret_code") => {
            "asks for a PIN, a password or a code sent by SMS, which no real service asks for"
        }
        (Lang::En, "sure_bets") => "sells betting tips said to be sure, a common scam",
        (Lang::En, "money_offer") => "money and a reward together, two marks of a scam",
        (Lang::En, "money_channel") => {
            "money and a private chat or number together, two marks of a scam"
        }
        (Lang::En, "money_urgency") => "money and a hurry together, two marks of a scam",
        (Lang::En, "offer_channel") => {
            "promises a reward to claim in a private chat, two marks of a scam"
        }
        (Lang::En, "offer_urgency") => {
            "promises a reward to the quick or the few, two marks of a scam"
        }
        (Lang::En, "channel_urgency") => {
            "presses followers into a private chat in a hurry, two marks of a scam"
        }
        (Lang::En, _) => "a phrase impersonators use",
        (Lang::Fr, "official") => "se dit le compte officiel",
        (Lang::Fr, "real") => "se dit le vrai",
        (Lang::Fr, "verified") => "se dit vérifié",
        (Lang::Fr, "new_account") => "se dit un nouveau compte ou un compte de secours",
        (Lang::Fr, "hacked") => "dit qu'un compte précédent a été piraté",
        (Lang::Fr, "giveaway") => "un cadeau en crypto ou en argent, une arnaque courante",
        (Lang::Fr, "manager") => {
            "envoie les abonnés en privé vers un « manager », une arnaque courante"
        }
        (Lang::Fr, "multiply") => "promet de multiplier l'argent envoyé, une arnaque courante",
        (Lang::Fr, "investment") => "promet des gains d'investissement, une arnaque courante",
        (Lang::Fr, "recovery") => {
            "propose de récupérer des comptes ou des fonds, une arnaque courante"
        }
        (Lang::Fr, "wallet") => "une adresse de portefeuille crypto où envoyer de l'argent",
        (Lang::Fr, "private") => "se dit une page privée pour les fans proches, un appât courant",
        (Lang::Fr, "management") => "se dit gérée par le management de la personne",
        (Lang::Fr, "others_fake") => "dit que tous les autres comptes sont faux",
        (Lang::Fr, "personally") => "dit que la personne répond ici elle-même",
        (Lang::Fr, "personal") => "se dit le compte personnel de la personne",
        (Lang::Fr, "prize") => "annonce un gain à réclamer par un lien, une arnaque courante",
        (Lang::Fr, "donation") => "demande des dons vers un numéro personnel, une arnaque courante",
        (Lang::Fr, "seed") => {
            "demande une « semence » (une offrande) en échange d'un miracle, une arnaque courante"
        }
        (Lang::Fr, "grant") => {
            "promet une subvention ou une aide contre des frais, une arnaque courante"
        }
        (Lang::Fr, "visa") => {
            "vend des emplois ou des visas contre des frais, une arnaque courante"
        }
        (Lang::Fr, "loan") => "propose des prêts rapides sans garantie, une arnaque courante",
        (Lang::Fr, "shoutout") => {
            "vend des vidéos personnalisées au nom de la personne, une arnaque courante"
        }
        (Lang::Fr, "fan_card") => {
            "vend des cartes de fan ou des rencontres payantes, une arnaque courante"
        }
        (Lang::Fr, "account_number") => {
            "demande aux abonnés leur numéro de compte ou de mobile money, une arnaque courante"
        }
        (Lang::Fr, "learned") => {
            "les mots qui ont le plus pesé pour un lecteur entraîné sur des milliers de bios d'imposteurs et de gens ordinaires, qui lit celle-ci comme une prétention à être la personne ou une arnaque"
        }
        (Lang::Fr, "its_me") => "insiste sur le fait que c'est bien la personne",
        (Lang::Fr, "customs") => {
            "demande au gagnant de payer la douane pour recevoir son lot, une arnaque courante"
        }
        (Lang::Fr, "paid_recovery") => {
            "propose de récupérer des comptes volés contre paiement, une arnaque courante"
        }
        (Lang::Fr, "romance") => {
            "dit sa solitude et invite à discuter en privé, une arnaque sentimentale courante"
        }
        (Lang::Fr, "secret_code") => {
            "demande un code PIN, un mot de passe ou un code reçu par SMS, ce qu'aucun vrai service ne demande"
        }
        (Lang::Fr, "sure_bets") => {
            "vend des pronostics de paris présentés comme sûrs, une arnaque courante"
        }
        (Lang::Fr, "money_offer") => "de l'argent et un gain ensemble, deux marques d'une arnaque",
        (Lang::Fr, "money_channel") => {
            "de l'argent et une messagerie privée ou un numéro ensemble, deux marques d'une arnaque"
        }
        (Lang::Fr, "money_urgency") => {
            "de l'argent et l'urgence ensemble, deux marques d'une arnaque"
        }
        (Lang::Fr, "offer_channel") => {
            "promet un gain à réclamer en privé, deux marques d'une arnaque"
        }
        (Lang::Fr, "offer_urgency") => {
            "promet un gain aux plus rapides ou à quelques-uns, deux marques d'une arnaque"
        }
        (Lang::Fr, "channel_urgency") => {
            "pousse les abonnés en privé dans l'urgence, deux marques d'une arnaque"
        }
        (Lang::Fr, _) => "une formule d'imposteur",
        (Lang::Pcm, "official") => "e talk say na di official account",
        (Lang::Pcm, "real") => "e talk say na di real one",
        (Lang::Pcm, "verified") => "e talk say dem don verify am",
        (Lang::Pcm, "new_account") => "e talk say na new account or backup account",
        (Lang::Pcm, "hacked") => "e talk say dem hack di account wey e get before",
        (Lang::Pcm, "giveaway") => "crypto or cash giveaway, na common scam",
        (Lang::Pcm, "manager") => {
            "e dey send followers go private chat with “manager”, na common scam"
        }
        (Lang::Pcm, "multiply") => "e promise to multiply di money wey you send, na common scam",
        (Lang::Pcm, "investment") => "e promise profit on investment, na common scam",
        (Lang::Pcm, "recovery") => "e dey offer to recover accounts or money, na common scam",
        (Lang::Pcm, "wallet") => "crypto wallet address wey e want make people send money to",
        (Lang::Pcm, "private") => "e talk say na private page for close fans, na common trap",
        (Lang::Pcm, "management") => "e talk say na di person management dey run am",
        (Lang::Pcm, "others_fake") => "e talk say all di oda accounts na fake",
        (Lang::Pcm, "personally") => "e talk say na di person imself dey answer here",
        (Lang::Pcm, "personal") => "e call imself di person own account",
        (Lang::Pcm, "prize") => {
            "e dey tell followers say dem win prize wey dem go claim through link, na common scam"
        }
        (Lang::Pcm, "donation") => "e dey ask for donation to personal number, na common scam",
        (Lang::Pcm, "visa") => "e dey sell work or visa for money, na common scam",
        (Lang::Pcm, "seed") => {
            "e dey ask for “seed” offering so dat miracle go happen, na common scam"
        }
        (Lang::Pcm, "grant") => "e promise grant or support if you pay fee, na common scam",
        (Lang::Pcm, "loan") => "e dey offer quick loan without collateral, na common scam",
        (Lang::Pcm, "fan_card") => {
            "e dey sell fan card or meeting wey you go pay for, na common scam"
        }
        (Lang::Pcm, "shoutout") => {
            "e dey sell personal video for di person name, na common scam"
        }
        (Lang::Pcm, "account_number") => {
            "e dey ask followers for dia bank or mobile-money number, na common scam"
        }
        (Lang::Pcm, "learned") => {
            "na di words wey carry pass for one reader wey dem train with thousands of impersonator and ordinary people bio, and e read dis one like person wey dey claim say na di person, or scam"
        }
        (Lang::Pcm, "its_me") => "e dey insist say na di person for real",
        (Lang::Pcm, "customs") => {
            "e dey tell person wey win prize make e pay customs before dem release di prize, na common scam"
        }
        (Lang::Pcm, "paid_recovery") => {
            "e dey offer to bring back account wey dem steal if you pay, na common scam"
        }
        (Lang::Pcm, "romance") => {
            "e dey talk say e lonely and e want private chat, na common romance scam"
        }
        (Lang::Pcm, "secret_code") => {
            "e dey ask for PIN, password or code wey come by SMS, and no real service go ever ask for am"
        }
        (Lang::Pcm, "sure_bets") => "e dey sell betting tips wey e talk say dey sure, na common scam",
        (Lang::Pcm, "money_offer") => "e mention money and reward for di same place, two signs of scam",
        (Lang::Pcm, "money_channel") => {
            "e mention money and private chat or number for di same place, two signs of scam"
        }
        (Lang::Pcm, "money_urgency") => "e mention money and hurry-hurry for di same place, two signs of scam",
        (Lang::Pcm, "offer_channel") => {
            "e promise reward wey you go claim for private chat, two signs of scam"
        }
        (Lang::Pcm, "offer_urgency") => {
            "e promise reward only for di first people wey quick come, two signs of scam"
        }
        (Lang::Pcm, "channel_urgency") => {
            "e dey rush followers go private chat, two signs of scam"
        }
        (Lang::Pcm, _) => "something wey impersonators dey talk",
    }
}

/// `s` with its first letter in capitals, to open a sentence.
fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// How a link's domain imitates an official site.
pub(crate) enum LinkWords {
    SameName,
    WordsAdded,
    Typo,
    Inside,
}

/// The bio's claims and scam cues, each quoted and explained, and a link imitating an official site.
pub(crate) fn bio(
    lang: Lang,
    cues: &[(&str, &str)],
    link: Option<(&str, &str, LinkWords, bool)>,
) -> String {
    let items: Vec<String> = cues
        .iter()
        .map(|(what, phrase)| format!("{} ({})", q(lang, phrase), cue_meaning(lang, what)))
        .collect();
    let in_field = link.as_ref().is_some_and(|l| l.3);
    let link = link.map(|(host, site, how, in_field)| {
        let how = match (lang, how) {
            (Lang::En, LinkWords::SameName) => "the same name on another domain",
            (Lang::En, LinkWords::WordsAdded) => "its name with words added",
            (Lang::En, LinkWords::Typo) => "its name misspelt",
            (Lang::En, LinkWords::Inside) => "its name inside a longer one",
            (Lang::Fr, LinkWords::SameName) => "le même nom sous un autre domaine",
            (Lang::Fr, LinkWords::WordsAdded) => "son nom avec des mots ajoutés",
            (Lang::Fr, LinkWords::Typo) => "son nom mal orthographié",
            (Lang::Fr, LinkWords::Inside) => "son nom dans un nom plus long",
            (Lang::Pcm, LinkWords::SameName) => "di same name for anoda domain",
            (Lang::Pcm, LinkWords::WordsAdded) => "im name with oda words wey dem add",
            (Lang::Pcm, LinkWords::Typo) => "im name wey dem spell wrong",
            (Lang::Pcm, LinkWords::Inside) => "im name inside longer name",
        };
        match (lang, in_field) {
            (Lang::En, false) => format!("it links to {host}, made to look like {site} ({how})"),
            (Lang::En, true) => {
                format!("its profile links to {host}, made to look like {site} ({how})")
            }
            (Lang::Fr, false) => format!("elle renvoie vers {host}, qui imite {site} ({how})"),
            (Lang::Fr, true) => format!("son profil renvoie vers {host}, qui imite {site} ({how})"),
            (Lang::Pcm, false) => {
                format!("e get link to {host}, wey dem make to look like {site} ({how})")
            }
            (Lang::Pcm, true) => {
                format!("im profile get link to {host}, wey dem make to look like {site} ({how})")
            }
        }
    });
    match (lang, items.is_empty(), link) {
        (Lang::En, false, l) => format!(
            "The bio says what impersonators say: {}{}",
            items.join("; "),
            l.map(|l| format!("; {l}")).unwrap_or_default()
        ),
        (Lang::Fr, false, l) => format!(
            "La bio dit ce que disent les imposteurs : {}{}",
            items.join(" ; "),
            l.map(|l| format!(" ; {l}")).unwrap_or_default()
        ),
        (Lang::Pcm, false, l) => format!(
            "Di bio dey talk wetin impersonators dey talk: {}{}",
            items.join("; "),
            l.map(|l| format!("; {l}")).unwrap_or_default()
        ),
        // A link field is not the bio: say where the link is.
        (_, true, Some(l)) if in_field => upper_first(&l),
        (Lang::En, true, Some(l)) => format!("In the bio, {l}"),
        (Lang::Fr, true, Some(l)) => format!("Dans la bio, {l}"),
        (Lang::Pcm, true, Some(l)) => format!("For di bio, {l}"),
        (_, true, None) => String::new(),
    }
}

/// The identity elements a verdict rests on, in X's terms: name, image, false affiliation.
pub(crate) struct Elements<'a> {
    pub name: bool,
    pub handle: bool,
    pub image: bool,
    /// A claim or scam cue in the bio.
    pub affiliation: bool,
    /// Words of the display name that claim a body speaking for the name (Foundation), as written.
    pub claimed: &'a [String],
}

/// Which identity elements the verdict rests on; on X, how many of the three its impersonation policy
/// weighs (name, image, false affiliation).
pub(crate) fn elements(lang: Lang, e: &Elements, on_x: bool) -> String {
    let name = match (lang, e.name, e.handle) {
        (Lang::En, true, true) => Some("name (display name and handle)"),
        (Lang::En, true, false) => Some("name (display name)"),
        (Lang::En, false, true) => Some("name (handle)"),
        (Lang::Fr, true, true) => Some("nom (nom affiché et identifiant)"),
        (Lang::Fr, true, false) => Some("nom (nom affiché)"),
        (Lang::Fr, false, true) => Some("nom (identifiant)"),
        // X's policy's own words, which Pidgin speakers at work use as they are.
        (Lang::Pcm, true, true) => Some("name (display name and handle)"),
        (Lang::Pcm, true, false) => Some("name (display name)"),
        (Lang::Pcm, false, true) => Some("name (handle)"),
        (_, false, false) => None,
    };
    let image = e.image.then_some("image (avatar)");
    let claimed = (!e.claimed.is_empty()).then(|| {
        let words = e.claimed.join(", ");
        match lang {
            Lang::En => format!("display name: {words}"),
            Lang::Fr => format!("nom affiché : {words}"),
            Lang::Pcm => format!("display name: {words}"),
        }
    });
    // Where the claim is: the bio, the display name's words, or both.
    let sources: Vec<String> = e
        .affiliation
        .then(|| "bio".to_string())
        .into_iter()
        .chain(claimed)
        .collect();
    let affiliation = (!sources.is_empty()).then(|| match lang {
        Lang::En => format!("false affiliation ({})", sources.join("; ")),
        Lang::Fr => format!("fausse affiliation ({})", sources.join(" ; ")),
        Lang::Pcm => format!("false affiliation ({})", sources.join("; ")),
    });
    let used: Vec<&str> = [name, image, affiliation.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let n = used.len();
    let list = used.join(", ");
    match (lang, on_x) {
        (Lang::En, false) => format!("Rests on: {list}"),
        (Lang::En, true) => format!("Rests on: {list}; {n} of the 3 elements X's impersonation policy weighs (name, image, false affiliation)"),
        (Lang::Fr, false) => format!("Repose sur : {list}"),
        (Lang::Fr, true) => format!("Repose sur : {list} ; {n} des 3 éléments que la règle d'usurpation de X examine (nom, image, fausse affiliation)"),
        (Lang::Pcm, false) => format!("Di verdict stand on: {list}"),
        (Lang::Pcm, true) => format!("Di verdict stand on: {list}; {n} out of di 3 elements wey X impersonation policy dey check (name, image, false affiliation)"),
    }
}

pub(crate) fn near_miss_own_name(lang: Lang, h: &str, name: &str) -> String {
    match lang {
        Lang::En => format!("Handle @{h} resembles {name}'s, but it is the profile's own name; nothing else matches"),
        Lang::Fr => format!("L'identifiant @{h} ressemble à celui de {}, mais c'est le nom du profil lui-même ; rien d'autre ne correspond", q(lang, name)),
        Lang::Pcm => format!("Handle @{h} resemble {name} handle, but na di profile own name; notin else match"),
    }
}

pub(crate) fn near_miss_weak(lang: Lang, name: &str, id: &str) -> String {
    match lang {
        Lang::En => format!("Only a weak resemblance to {name} ({id}); not enough to flag"),
        Lang::Fr => format!(
            "Seulement une faible ressemblance avec {} ({id}) ; pas assez pour signaler",
            q(lang, name)
        ),
        Lang::Pcm => {
            format!("Na only small resemblance with {name} ({id}); e no reach make we flag am")
        }
    }
}

/// Where a label was found.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelPlace {
    NameStart,
    Name,
    Bio,
    Handle,
}

/// A parody/fan label: on X, read against X's policy (the label must start the display name).
pub(crate) fn label(lang: Lang, on_x: bool, words: &str, place: LabelPlace) -> String {
    let w = q(lang, words);
    match (lang, on_x, place) {
        (Lang::En, true, LabelPlace::NameStart) => format!("Labelled as {w}: the display name starts with the label, as X's parody/fan policy requires"),
        (Lang::En, true, LabelPlace::Name) => format!("Labelled as {w}, but not policy-compliant: X requires the label word to start the display name"),
        (Lang::En, true, LabelPlace::Bio) => format!("Labelled as {w} only in the bio: not policy-compliant, X requires the label word to start the display name"),
        (Lang::En, true, LabelPlace::Handle) => format!("Labelled as {w} only in the handle: not policy-compliant, X requires the label word to start the display name"),
        (Lang::En, false, p) => format!("Labelled as {w} in the {}", match p {
            LabelPlace::NameStart | LabelPlace::Name => "display name",
            LabelPlace::Bio => "bio",
            LabelPlace::Handle => "handle only",
        }),
        (Lang::Fr, true, LabelPlace::NameStart) => format!("Déclaré comme {w} : le nom affiché commence par la mention, comme l'exige la politique de X sur les parodies et comptes de fans"),
        (Lang::Fr, true, LabelPlace::Name) => format!("Déclaré comme {w}, mais de façon non conforme : X exige que le nom affiché commence par la mention"),
        (Lang::Fr, true, LabelPlace::Bio) => format!("Déclaré comme {w} seulement dans la bio : non conforme, X exige que le nom affiché commence par la mention"),
        (Lang::Fr, true, LabelPlace::Handle) => format!("Déclaré comme {w} seulement dans l'identifiant : non conforme, X exige que le nom affiché commence par la mention"),
        (Lang::Fr, false, p) => format!("Déclaré comme {w} {}", match p {
            LabelPlace::NameStart | LabelPlace::Name => "dans le nom affiché",
            LabelPlace::Bio => "dans la bio",
            LabelPlace::Handle => "seulement dans l'identifiant",
        }),
        (Lang::Pcm, true, LabelPlace::NameStart) => format!("Dem label am as {w}: di display name start with di label, as X parody/fan policy want"),
        (Lang::Pcm, true, LabelPlace::Name) => format!("Dem label am as {w}, but e no follow di policy: X want make di label word start di display name"),
        (Lang::Pcm, true, LabelPlace::Bio) => format!("Dem label am as {w} only for di bio: e no follow di policy, X want make di label word start di display name"),
        (Lang::Pcm, true, LabelPlace::Handle) => format!("Dem label am as {w} only for di handle: e no follow di policy, X want make di label word start di display name"),
        (Lang::Pcm, false, p) => format!("Dem label am as {w} {}", match p {
            LabelPlace::NameStart | LabelPlace::Name => "for di display name",
            LabelPlace::Bio => "for di bio",
            LabelPlace::Handle => "only for di handle",
        }),
    }
}

/// A label word not in plain letters (`text::labels::Unplain`): X's rule asks for a label anyone
/// reading the name sees, so such a word is shown and not counted.
pub(crate) fn unplain_label(
    lang: Lang,
    on_x: bool,
    written: &str,
    word: &str,
    how: Unplain,
) -> String {
    let (w, label) = (q(lang, written), q(lang, word));
    let letters = match (lang, how) {
        (Lang::En, Unplain::Superscript) => "in superscript letters",
        (Lang::En, Unplain::Subscript) => "in subscript letters",
        (Lang::En, Unplain::SmallCapitals) => "in small capitals",
        (Lang::En, Unplain::Styled) => "in styled letters",
        (Lang::En, Unplain::Lookalike) => "with lookalike letters of another script",
        (Lang::En, Unplain::Hidden) => "with hidden characters",
        (Lang::Fr, Unplain::Superscript) => "en lettres en exposant",
        (Lang::Fr, Unplain::Subscript) => "en lettres en indice",
        (Lang::Fr, Unplain::SmallCapitals) => "en petites capitales",
        (Lang::Fr, Unplain::Styled) => "en lettres stylisées",
        (Lang::Fr, Unplain::Lookalike) => {
            "avec des lettres d'une autre écriture qui imitent les latines"
        }
        (Lang::Fr, Unplain::Hidden) => "avec des caractères cachés",
        (Lang::Pcm, Unplain::Superscript) => "with superscript letters",
        (Lang::Pcm, Unplain::Subscript) => "with subscript letters",
        (Lang::Pcm, Unplain::SmallCapitals) => "with small capital letters",
        (Lang::Pcm, Unplain::Styled) => "with letters wey dem style",
        (Lang::Pcm, Unplain::Lookalike) => {
            "with letters from anoda alphabet wey resemble Latin ones"
        }
        (Lang::Pcm, Unplain::Hidden) => "with characters wey dey hide",
    };
    match (lang, on_x) {
        (Lang::En, true) => format!("The word {w} reads as the label {label} but is written {letters}, which X's rule does not accept as a label: not counted"),
        (Lang::En, false) => format!("The word {w} reads as the label {label} but is written {letters}, which screen readers and searches do not read as that word: not counted as a label"),
        (Lang::Fr, true) => format!("Le mot {w} se lit comme la mention {label} mais est écrit {letters}, ce que la règle de X n'accepte pas comme mention : non retenu"),
        (Lang::Fr, false) => format!("Le mot {w} se lit comme la mention {label} mais est écrit {letters} : les lecteurs d'écran et les recherches ne le lisent pas comme ce mot, il n'est pas retenu comme mention"),
        (Lang::Pcm, true) => format!("Di word {w} read like di label {label}, but dem write am {letters}, and X rule no accept dat one as label: we no count am"),
        (Lang::Pcm, false) => format!("Di word {w} read like di label {label}, but dem write am {letters}, and screen readers and search no dey read am as dat word: we no count am as label"),
    }
}

/// Input cut short: which field and its limit.
pub(crate) fn truncated(lang: Lang, field: &str, limit: usize) -> String {
    match (lang, field) {
        (Lang::En, "name") => {
            format!("Display name longer than {limit} characters: only the start was read")
        }
        (Lang::En, "handle") => {
            format!("Handle longer than {limit} characters: only the start was read")
        }
        (Lang::En, _) => format!("Bio longer than {limit} characters: only the start was read"),
        (Lang::Fr, "name") => {
            format!("Nom affiché de plus de {limit} caractères : seul le début a été lu")
        }
        (Lang::Fr, "handle") => {
            format!("Identifiant de plus de {limit} caractères : seul le début a été lu")
        }
        (Lang::Fr, _) => format!("Bio de plus de {limit} caractères : seul le début a été lu"),
        (Lang::Pcm, "name") => {
            format!("Di display name pass {limit} characters: na only di beginning we read")
        }
        (Lang::Pcm, "handle") => {
            format!("Di handle pass {limit} characters: na only di beginning we read")
        }
        (Lang::Pcm, _) => {
            format!("Di bio pass {limit} characters: na only di beginning we read")
        }
    }
}

fn edit(lang: Lang, e: &Edit) -> String {
    match (lang, e) {
        (Lang::En, Edit::Swapped(a, b)) => format!("'{a}' and '{b}' swapped"),
        (Lang::En, Edit::Replaced(a, b)) => format!("'{a}' replaced by '{b}'"),
        (Lang::En, Edit::Dropped(a)) => format!("'{a}' dropped"),
        (Lang::En, Edit::Doubled(b)) => format!("'{b}' doubled"),
        (Lang::En, Edit::Inserted(b)) => format!("'{b}' inserted"),
        (Lang::Fr, Edit::Swapped(a, b)) => format!("'{a}' et '{b}' inversés"),
        (Lang::Fr, Edit::Replaced(a, b)) => format!("'{a}' remplacé par '{b}'"),
        (Lang::Fr, Edit::Dropped(a)) => format!("'{a}' supprimé"),
        (Lang::Fr, Edit::Doubled(b)) => format!("'{b}' doublé"),
        (Lang::Fr, Edit::Inserted(b)) => format!("'{b}' inséré"),
        // Pidgin has no passive: "'o' wey dem double", a noun phrase as English's "'o' doubled" is,
        // so that it follows "with" and a colon alike.
        (Lang::Pcm, Edit::Swapped(a, b)) => format!("'{a}' and '{b}' wey dem swap"),
        (Lang::Pcm, Edit::Replaced(a, b)) => format!("'{a}' wey dem change to '{b}'"),
        (Lang::Pcm, Edit::Dropped(a)) => format!("'{a}' wey dem comot"),
        (Lang::Pcm, Edit::Doubled(b)) => format!("'{b}' wey dem double"),
        (Lang::Pcm, Edit::Inserted(b)) => format!("'{b}' wey dem add"),
    }
}

/// One step of a handle's edits: "'__' added at the end", "'_' moved", "'o' replaced by '0'".
fn step(lang: Lang, s: &Step) -> String {
    match (lang, s) {
        (_, Step::One(e)) => edit(lang, e),
        (Lang::En, Step::Added(t, Place::End)) => format!("'{t}' added at the end"),
        (Lang::En, Step::Added(t, Place::Start)) => format!("'{t}' added at the start"),
        (Lang::En, Step::Added(t, Place::Inside)) => format!("'{t}' inserted"),
        (Lang::En, Step::Dropped(t)) => format!("'{t}' dropped"),
        (Lang::En, Step::Moved(c)) => format!("'{c}' moved"),
        (Lang::Fr, Step::Added(t, Place::End)) => format!("'{t}' ajouté à la fin"),
        (Lang::Fr, Step::Added(t, Place::Start)) => format!("'{t}' ajouté au début"),
        (Lang::Fr, Step::Added(t, Place::Inside)) => format!("'{t}' inséré"),
        (Lang::Fr, Step::Dropped(t)) => format!("'{t}' supprimé"),
        (Lang::Fr, Step::Moved(c)) => format!("'{c}' déplacé"),
        (Lang::Pcm, Step::Added(t, Place::End)) => format!("'{t}' wey dem add for di end"),
        (Lang::Pcm, Step::Added(t, Place::Start)) => format!("'{t}' wey dem add for di beginning"),
        (Lang::Pcm, Step::Added(t, Place::Inside)) => format!("'{t}' wey dem add"),
        (Lang::Pcm, Step::Dropped(t)) => format!("'{t}' wey dem comot"),
        (Lang::Pcm, Step::Moved(c)) => format!("'{c}' wey dem move"),
    }
}

/// A handle's edits in words, "a, b and c"; past three steps, how many characters changed: a list of
/// one-letter edits that long tells a reviewer nothing.
pub(crate) fn edits(lang: Lang, steps: &[Step], count: usize) -> String {
    if steps.len() > 3 {
        return match lang {
            Lang::En => format!("{count} characters changed"),
            Lang::Fr => format!("{count} caractères modifiés"),
            Lang::Pcm => format!("{count} characters wey change"),
        };
    }
    let words: Vec<String> = steps.iter().map(|s| step(lang, s)).collect();
    and_list(lang, &words)
}

/// "a", "a and b", "a, b and c" (French "et"; Pidgin says "and").
fn and_list(lang: Lang, items: &[String]) -> String {
    let and = match lang {
        Lang::En | Lang::Pcm => " and ",
        Lang::Fr => " et ",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}{and}{last}", rest.join(", ")),
    }
}

/// Letters a handle writes as digits or symbols, each pair once in the order first written, with how
/// often: "digits for letters: 'e' written as '3' (twice), 'O' as '0' and 'i' as '1'". Each is named
/// as the handle shows it, as a reviewer finds it on the page.
pub(crate) fn leet_letters(lang: Lang, pairs: &[(char, char)]) -> String {
    // Full-width and mathematical digits are digits too (`ascii_digit`).
    let digits = pairs
        .iter()
        .filter(|(_, w)| crate::text::handle::ascii_digit(*w).is_ascii_digit())
        .count();
    let letters = pairs.iter().any(|(_, w)| w.is_alphabetic());
    let what = match (lang, digits, pairs.len()) {
        // Letters of another script among them (Cyrillic Т for T).
        (Lang::En, _, 1) if letters => "a lookalike for a letter",
        (Lang::En, _, _) if letters => "lookalikes for letters",
        (Lang::Fr, _, 1) if letters => "un caractère qui imite une lettre",
        (Lang::Fr, _, _) if letters => "des caractères qui imitent des lettres",
        (Lang::En, 1, 1) => "a digit for a letter",
        (Lang::En, 0, 1) => "a symbol for a letter",
        (Lang::En, d, n) if d == n => "digits for letters",
        (Lang::En, 0, _) => "symbols for letters",
        (Lang::En, _, _) => "digits and symbols for letters",
        (Lang::Fr, 1, 1) => "un chiffre pour une lettre",
        (Lang::Fr, 0, 1) => "un symbole pour une lettre",
        (Lang::Fr, d, n) if d == n => "des chiffres pour des lettres",
        (Lang::Fr, 0, _) => "des symboles pour des lettres",
        (Lang::Fr, _, _) => "des chiffres et des symboles pour des lettres",
        (Lang::Pcm, _, 1) if letters => "character wey dey copy letter",
        (Lang::Pcm, _, _) if letters => "characters wey dey copy letters",
        (Lang::Pcm, 1, 1) => "number instead of letter",
        (Lang::Pcm, 0, 1) => "symbol instead of letter",
        (Lang::Pcm, d, n) if d == n => "numbers instead of letters",
        (Lang::Pcm, 0, _) => "symbols instead of letters",
        (Lang::Pcm, _, _) => "numbers and symbols instead of letters",
    };
    match lang {
        Lang::En | Lang::Pcm => format!("{what}: {}", leet_list(lang, pairs)),
        Lang::Fr => format!("{what}\u{a0}: {}", leet_list(lang, pairs)),
    }
}

/// The pairs of `leet_letters` alone, after a sentence that says what they are already: "'I'
/// written as '1' and 'o' as '0'".
pub(crate) fn leet_list(lang: Lang, pairs: &[(char, char)]) -> String {
    // One item per character written, naming each letter it stands for as the protected handle
    // writes it, capital and small apart (@1dr1ss for @Idriss: "'I' and 'i' written as '1'", not
    // "'I' written as '1' (twice)"), and how often when more often than the letters named.
    let mut seen: Vec<(char, Vec<char>, usize)> = Vec::new();
    for &(letter, written) in pairs {
        match seen.iter_mut().find(|(w, _, _)| *w == written) {
            Some((_, letters, n)) => {
                if !letters.contains(&letter) {
                    letters.push(letter);
                }
                *n += 1;
            }
            None => seen.push((written, vec![letter], 1)),
        }
    }
    let items: Vec<String> = seen
        .iter()
        .enumerate()
        .map(|(i, (written, letters, n))| leet_item(lang, i == 0, *written, letters, *n))
        .collect();
    and_list(lang, &items)
}

/// One item of `leet_list`: "'e' written as '3' (twice)", "'I' and 'i' written as '1'", after the
/// first "'o' as '0'".
fn leet_item(lang: Lang, first: bool, written: char, letters: &[char], n: usize) -> String {
    let times = match (lang, n) {
        _ if n <= letters.len() => String::new(),
        (Lang::En, 2) => " (twice)".into(),
        (Lang::En, n) => format!(" ({n} times)"),
        (Lang::Fr, 2) => " (deux fois)".into(),
        (Lang::Fr, n) => format!(" ({n} fois)"),
        (Lang::Pcm, 2) => " (two times)".into(),
        (Lang::Pcm, n) => format!(" ({n} times)"),
    };
    // A letter of another script looks the same in quotes: its code point tells it apart.
    let written = if written.is_ascii() {
        format!("'{written}'")
    } else {
        format!("'{written}' (U+{:04X})", written as u32)
    };
    let quoted: Vec<String> = letters.iter().map(|l| format!("'{l}'")).collect();
    let (letters, many) = (and_list(lang, &quoted), quoted.len() > 1);
    match (lang, first, many) {
        (Lang::En, true, _) => format!("{letters} written as {written}{times}"),
        (Lang::En, false, _) => format!("{letters} as {written}{times}"),
        (Lang::Fr, _, false) => format!("{letters} écrit {written}{times}"),
        (Lang::Fr, _, true) => format!("{letters} écrits {written}{times}"),
        (Lang::Pcm, true, _) => format!("{letters} wey dem write as {written}{times}"),
        (Lang::Pcm, false, _) => format!("{letters} as {written}{times}"),
    }
}

/// A handle's edits (`rest`, if any) and the letters it writes as digits (`leet_letters`) in one
/// phrase: "'_' inserted, and a digit for a letter: 'O' written as '0'".
pub(crate) fn edits_and_leet(lang: Lang, rest: Option<&str>, leet: &str) -> String {
    match (lang, rest) {
        (_, None) => leet.into(),
        (Lang::En, Some(r)) => format!("{r}, and {leet}"),
        (Lang::Fr, Some(r)) => format!("{r}, et {leet}"),
        (Lang::Pcm, Some(r)) => format!("{r}, plus {leet}"),
    }
}

/// "'m' written as 'rn'", and what else changed (`rest`) after it.
pub(crate) fn m_written_as_rn(lang: Lang, rest: Option<&str>) -> String {
    match (lang, rest) {
        (Lang::En, None) => "'m' written as 'rn'".into(),
        (Lang::En, Some(r)) => format!("'m' written as 'rn', and {r}"),
        (Lang::Fr, None) => "'m' écrit 'rn'".into(),
        (Lang::Fr, Some(r)) => format!("'m' écrit 'rn', et {r}"),
        (Lang::Pcm, None) => "'m' wey dem write as 'rn'".into(),
        (Lang::Pcm, Some(r)) => format!("'m' wey dem write as 'rn', and {r}"),
    }
}

pub(crate) fn only_case(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "only the letter case changed",
        Lang::Fr => "seulement la casse changée",
        Lang::Pcm => "only capital and small letters wey change",
    }
}

pub(crate) fn too_long(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "too many changes to list",
        Lang::Fr => "trop de modifications pour les énumérer",
        Lang::Pcm => "changes wey too many to list",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cue named in bio_cues.txt without words of its own would be explained as "a phrase
    /// impersonators use": every cue has its meaning in every language.
    #[test]
    fn every_bio_cue_has_its_meaning_worded() {
        for what in crate::text::bio::cue_names() {
            assert_ne!(
                cue_meaning(Lang::En, what),
                cue_meaning(Lang::En, "?"),
                "{what}"
            );
            assert_ne!(
                cue_meaning(Lang::Fr, what),
                cue_meaning(Lang::Fr, "?"),
                "{what}"
            );
            assert_ne!(
                cue_meaning(Lang::Pcm, what),
                cue_meaning(Lang::Pcm, "?"),
                "{what}"
            );
            // Each language's own words, not English left in: languages.rs reads whole sentences only.
            assert_ne!(
                cue_meaning(Lang::Fr, what),
                cue_meaning(Lang::En, what),
                "{what}"
            );
            assert_ne!(
                cue_meaning(Lang::Pcm, what),
                cue_meaning(Lang::En, what),
                "{what}"
            );
        }
    }

    proptest::proptest! {
        /// Quoting never writes a backslash escape, and leaves no character that does not show: each is
        /// a marker, and the text around it is as given.
        #[test]
        fn quoting_shows_every_hidden_character(s in "[ -~]{0,12}|.{0,6}|[a\u{200b}\u{feff}\u{202e}\u{3164}\t]{0,6}") {
            let quoted = q(Lang::En, &s);
            proptest::prop_assert!(!quoted.contains("\\u{"), "{}", quoted);
            proptest::prop_assert!(!quoted.chars().any(|c| is_hidden(c) && !is_emoji_joiner(c)), "{:?}", quoted);
            if !s.chars().any(is_hidden) {
                proptest::prop_assert_eq!(quoted, format!("\"{s}\""));
            }
        }
    }

    #[test]
    fn languages() {
        assert_eq!(Lang::parse("fr-FR"), Ok(Lang::Fr));
        assert_eq!(Lang::parse("en_GB"), Ok(Lang::En));
        assert_eq!(Lang::parse(" FR "), Ok(Lang::Fr));
        assert_eq!(Lang::parse("pcm"), Ok(Lang::Pcm));
        assert_eq!(Lang::parse("pcm-NG"), Ok(Lang::Pcm));
        assert_eq!(
            Lang::parse("de"),
            Err("language \"de\" is not available (use en, fr or pcm)".into())
        );
    }

    #[test]
    fn quoting_shows_hidden_characters() {
        assert_eq!(q(Lang::Fr, "A\u{200b}liko"), "« A⟨zero width space⟩liko »");
        assert_eq!(q(Lang::Pcm, "A\u{200b}liko"), "“A⟨zero width space⟩liko”");
        assert_eq!(
            q(Lang::En, "Adaeze\u{feff}Okonkwo"),
            "\"Adaeze⟨zero width no-break space⟩Okonkwo\""
        );
        // The emoji's variation selector is part of the emoji; a no-break space reads as a space.
        assert_eq!(
            q(Lang::En, "Bank ✔\u{fe0f} Support\u{a0}Desk"),
            "\"Bank ✔\u{fe0f} Support\u{a0}Desk\""
        );
        assert_eq!(
            q(Lang::En, "Da\u{200d}vido"),
            "\"Da⟨zero width joiner⟩vido\""
        );
        assert_eq!(q(Lang::En, "say \"hi\" \\o/"), "\"say \"hi\" \\o/\"");
    }

    #[test]
    fn edit_lists_read_as_a_sentence() {
        use crate::text::edit::{Edit, Place, Step};
        let steps = [
            Step::One(Edit::Replaced('O', '0')),
            Step::Added("_".into(), Place::End),
        ];
        assert_eq!(
            edits(Lang::En, &steps, 2),
            "'O' replaced by '0' and '_' added at the end"
        );
        assert_eq!(
            edits(Lang::Fr, &steps, 2),
            "'O' remplacé par '0' et '_' ajouté à la fin"
        );
        assert_eq!(
            edits(Lang::Pcm, &steps, 2),
            "'O' wey dem change to '0' and '_' wey dem add for di end"
        );
        let many = vec![Step::One(Edit::Inserted('x')); 4];
        assert_eq!(edits(Lang::En, &many, 22), "22 characters changed");
        assert_eq!(edits(Lang::Fr, &many, 22), "22 caractères modifiés");
        assert_eq!(edits(Lang::Pcm, &many, 22), "22 characters wey change");
    }

    /// The avatar sentence says "the same photo" and what was done to it, never bits or views.
    #[test]
    fn avatar_sentence_is_plain_words() {
        let undone = Undone::default();
        let changes = avatar_changes(
            Lang::En,
            &undone,
            View::Full,
            Variant::Crop(10),
            true,
            Reframe::None,
        );
        assert_eq!(
            avatar(Lang::En, "Kwabena Mensah", 0, &changes),
            "The avatar is a copy of Kwabena Mensah's protected photo: the same photo, mirrored and cropped about 10% a side"
        );
        let changes = avatar_changes(
            Lang::Fr,
            &undone,
            View::Top,
            Variant::Plain,
            false,
            Reframe::None,
        );
        assert_eq!(
            avatar(Lang::Fr, "Kwabena Mensah", 14, &changes),
            "L'avatar est une copie de la photo protégée de « Kwabena Mensah » : la même photo à de petites différences près, avec une bande couverte en bas"
        );
        let none = avatar_changes(
            Lang::En,
            &undone,
            View::Full,
            Variant::Plain,
            false,
            Reframe::None,
        );
        assert!(avatar(Lang::En, "A", 0, &none).ends_with("protected photo: the same photo"));
        // Found in a screenshot: the avatar is round there, said once.
        let round = Undone {
            round: true,
            ..Undone::default()
        };
        let shot = |lang| {
            let changes = avatar_changes(
                lang,
                &round,
                View::Circle,
                Variant::Plain,
                false,
                Reframe::Circle,
            );
            avatar(lang, "Kwabena Mensah", 0, &changes)
        };
        assert_eq!(
            shot(Lang::En),
            "The avatar is a copy of Kwabena Mensah's protected photo: the same photo, cut from a screenshot of a profile page"
        );
        assert_eq!(
            shot(Lang::Fr),
            "L'avatar est une copie de la photo protégée de « Kwabena Mensah » : la même photo, découpée dans une capture d'écran d'une page de profil"
        );
        assert_eq!(
            shot(Lang::Pcm),
            "Di avatar na copy of Kwabena Mensah protected photo: na di same photo, dem cut am from screenshot of one profile page"
        );
    }

    /// Each way a copied photo was found says, in words, what the impersonator did to it.
    #[test]
    fn avatar_changes_name_each_undoing() {
        let rows: &[(View, Reframe, &str, &str, &str)] = &[
            (
                View::Band,
                Reframe::None,
                "a band across the middle covered",
                "une bande couverte au milieu",
                "dem cover one band across di middle",
            ),
            (
                View::Top,
                Reframe::None,
                "with a band across the bottom covered",
                "avec une bande couverte en bas",
                "dem cover one band for di bottom",
            ),
            (
                View::Circle,
                Reframe::Circle,
                "cut from a screenshot of a profile page",
                "découpée dans une capture d'écran d'une page de profil",
                "dem cut am from screenshot of one profile page",
            ),
            (
                View::Full,
                Reframe::Stretched,
                "stretched back from a squeezed copy",
                "remise à ses proportions depuis une copie écrasée",
                "dem squeeze am (we stretch am back to compare)",
            ),
            (
                View::Circle,
                Reframe::Inset(9),
                "inside a frame about 9% a side",
                "cadre d'environ 9\u{a0}%",
                "inside frame of about 9% for each side",
            ),
            (
                View::Content,
                Reframe::None,
                "the same logo, with the background around it changed",
                "le même logo, avec le fond autour changé",
                "na di same logo, but dem change di background wey surround am",
            ),
        ];
        for &(view, reframe, en, fr, pcm) in rows {
            let undone = Undone::default();
            let got = avatar_changes(Lang::En, &undone, view, Variant::Plain, false, reframe);
            assert!(got.contains(en), "{got}");
            let got = avatar_changes(Lang::Fr, &undone, view, Variant::Plain, false, reframe);
            assert!(got.contains(fr), "{got}");
            let got = avatar_changes(Lang::Pcm, &undone, view, Variant::Plain, false, reframe);
            assert!(got.contains(pcm), "{got}");
        }
    }

    /// A copy met as the uploaded square, margin and all, had no border added, even when the query's
    /// trim removed a margin (a vignette darkens it, so trimming stops elsewhere).
    #[test]
    fn no_border_said_for_a_match_on_the_uploaded_square() {
        let undone = Undone {
            border_pct: 8,
            ..Undone::default()
        };
        let said =
            |variant| avatar_changes(Lang::En, &undone, View::Full, variant, false, Reframe::None);
        assert!(said(Variant::Plain).contains("border of about 8% added"));
        assert!(
            !said(Variant::Untrimmed).contains("border"),
            "{}",
            said(Variant::Untrimmed)
        );
    }
}
