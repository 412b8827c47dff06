//! Parody, fan, commentary and fake labels, in English, French, Portuguese, Spanish and Arabic.
//!
//! X's rule since April 2025: a parody/fan/commentary account's display name must *start* with the label
//! word. A label elsewhere in the name, or only in the bio, still makes the account `labelled`, but the
//! evidence says it is not policy-compliant.

use crate::normalize::normalize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Where a label word was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    NameStart,
    NameLater,
    Bio,
    Handle,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The label word as written in the table (e.g. "parodie").
    pub word: &'static str,
    pub lang: &'static str,
    pub place: Place,
}

/// Words that label an account by themselves, anywhere.
const STRONG: &[(&str, &str)] = &[
    ("parody", "en"),
    ("satire", "en"),
    ("satirical", "en"),
    ("fake", "en"),
    ("commentary", "en"),
    ("unofficial", "en"),
    ("impersonator", "en"),
    ("tribute", "en"),
    ("fanpage", "en"),
    ("fanclub", "en"),
    ("fansite", "en"),
    ("fanaccount", "en"),
    ("parodie", "fr"),
    ("parodique", "fr"),
    ("satirique", "fr"),
    ("faux", "fr"),
    ("fausse", "fr"),
    ("commentaire", "fr"),
    ("commentaires", "fr"),
    ("hommage", "fr"),
    ("parodia", "pt/es"),
    ("satira", "pt/es"),
    ("falso", "pt/es"),
    ("falsa", "pt/es"),
    ("comentario", "pt/es"),
    ("comentarios", "pt/es"),
    ("ساخر", "ar"),
    ("ساخرة", "ar"),
    ("محاكاة", "ar"),
    ("باروديا", "ar"),
    ("مزيف", "ar"),
    ("مزيفة", "ar"),
    ("معجب", "ar"),
    ("معجبين", "ar"),
    ("معجبي", "ar"),
    ("تعليق", "ar"),
];

/// Words that label an account in a display name, or in a bio next to a word for "account"/"page"
/// ("fan account", "compte fan", "página de fãs"): a bio that says "big fan of jollof" labels nothing.
const FAN: &[(&str, &str)] = &[
    ("fan", "en"),
    ("fans", "en"),
    ("fa", "pt"),
    ("fas", "pt"),
    ("fanatico", "es"),
];
const ACCOUNT_WORDS: &[&str] = &[
    "account", "page", "club", "site", "compte", "conta", "cuenta", "pagina", "perfil", "clube",
    "made",
];
/// Phrases that label an account in a bio ("not affiliated", "non officiel", "não oficial", "no oficial").
const NEGATED_OFFICIAL: &[&str] = &["not", "non", "nao", "no", "pas"];
const OFFICIAL_WORDS: &[&str] = &["affiliated", "official", "officiel", "oficial", "affilie"];

struct Tables {
    strong: HashMap<String, (&'static str, &'static str)>,
    fan: HashMap<String, (&'static str, &'static str)>,
    account: Vec<String>,
    negated: Vec<String>,
    official: Vec<String>,
}

fn key(w: &str) -> String {
    normalize(w, 64).fold_compact()
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| Tables {
        strong: STRONG.iter().map(|&(w, l)| (key(w), (w, l))).collect(),
        fan: FAN.iter().map(|&(w, l)| (key(w), (w, l))).collect(),
        account: ACCOUNT_WORDS.iter().map(|w| key(w)).collect(),
        negated: NEGATED_OFFICIAL.iter().map(|w| key(w)).collect(),
        official: OFFICIAL_WORDS.iter().map(|w| key(w)).collect(),
    })
}

/// Whether a (fold-normalised) name token is a label word or a word for "account"/"page" that goes
/// with one ("Compte Parodique", "Página de Fãs"), so name matching can set it aside.
pub fn is_label_token(token: &str) -> bool {
    let t = tables();
    t.strong.contains_key(token)
        || t.fan.contains_key(token)
        || t.account.iter().any(|a| a == token)
}

/// Label words in a display name's tokens (fold keys, in order).
pub fn in_name(tokens: &[&str]) -> Vec<Label> {
    let t = tables();
    tokens
        .iter()
        .enumerate()
        .filter_map(|(i, tok)| {
            let (word, lang) = t.strong.get(*tok).or_else(|| t.fan.get(*tok))?;
            let place = if i == 0 {
                Place::NameStart
            } else {
                Place::NameLater
            };
            Some(Label { word, lang, place })
        })
        .collect()
}

/// Label words in a bio: strong words anywhere, "fan" next to an account word, "not affiliated".
pub fn in_bio(bio: &str) -> Vec<Label> {
    let t = tables();
    let norm = normalize(bio, 2000);
    let tokens: Vec<&str> = norm.fold.split(' ').collect();
    let mut out = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        let near = |words: &[String]| {
            let lo = i.saturating_sub(2);
            let hi = (i + 3).min(tokens.len());
            tokens[lo..hi].iter().any(|w| words.iter().any(|a| a == w))
        };
        if let Some((word, lang)) = t.strong.get(*tok) {
            out.push(Label {
                word,
                lang,
                place: Place::Bio,
            });
        } else if let Some((word, lang)) = t.fan.get(*tok) {
            if near(&t.account) {
                out.push(Label {
                    word,
                    lang,
                    place: Place::Bio,
                });
            }
        } else if t.official.iter().any(|o| o == tok)
            && i > 0
            && t.negated.iter().any(|n| n == tokens[i - 1])
        {
            out.push(Label {
                word: "not affiliated",
                lang: "",
                place: Place::Bio,
            });
        }
    }
    out
}

/// Label words inside a handle (`davidoparody`, `fan_of_davido`), by substring.
pub fn in_handle(handle_fold: &str) -> Vec<Label> {
    let t = tables();
    let mut out: Vec<Label> = t
        .strong
        .iter()
        .filter(|(k, _)| k.len() >= 4 && k.is_ascii() && handle_fold.contains(k.as_str()))
        .map(|(_, &(word, lang))| Label {
            word,
            lang,
            place: Place::Handle,
        })
        .collect();
    if out.is_empty() {
        let parts: Vec<&str> = handle_fold.split(|c: char| !c.is_alphanumeric()).collect();
        let fan_prefix = ["fanof", "fansof"]
            .iter()
            .any(|p| handle_fold.starts_with(p));
        let fan_suffix = handle_fold.ends_with("fan") || handle_fold.ends_with("fans");
        if parts.iter().any(|p| *p == "fan" || *p == "fans") || fan_prefix || fan_suffix {
            out.push(Label {
                word: "fan",
                lang: "en",
                place: Place::Handle,
            });
        }
    }
    out.sort_by_key(|l| l.word);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        normalize(s, 200)
            .fold
            .split(' ')
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn name_labels_and_their_place() {
        let t = toks("Parody Davido");
        let l = in_name(&t.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(l[0].place, Place::NameStart);
        let t = toks("Davido Fan Page");
        let l = in_name(&t.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(l[0].place, Place::NameLater);
        let t = toks("Parodie Macky Sall");
        assert_eq!(
            in_name(&t.iter().map(String::as_str).collect::<Vec<_>>())[0].lang,
            "fr"
        );
    }

    #[test]
    fn bio_labels_in_five_languages() {
        for bio in [
            "Parody account, not affiliated",
            "Compte parodique",
            "Conta de paródia",
            "Cuenta de parodia",
            "حساب ساخر",
            "fan page of the king",
            "compte fan",
            "Página de fãs",
            "Not affiliated with anyone",
        ] {
            assert!(!in_bio(bio).is_empty(), "{bio}");
        }
        for bio in [
            "Big fan of jollof rice",
            "Official account",
            "Engineer, father, Arsenal fan",
        ] {
            assert!(in_bio(bio).is_empty(), "{bio}");
        }
    }

    #[test]
    fn handle_labels() {
        assert!(!in_handle("davidoparody").is_empty());
        assert!(!in_handle("fan_of_davido").is_empty());
        assert!(in_handle("fanta_lover").is_empty());
    }
}
