//! Parody, fan, commentary and fake labels, in English, French, Portuguese, Spanish and Arabic.
//!
//! X's rule since April 2025: a parody/fan/commentary account's display name must *start* with the label
//! word. A label elsewhere in the name, or only in the bio, still makes the account `labelled`, but the
//! evidence says it is not policy-compliant.
//! A label a bio denies ("This is not a parody account", "Ce n'est pas un compte parodique") labels
//! nothing: such an account claims to be real.

use crate::text::normalize::normalize;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// Where a label word was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    NameStart,
    NameLater,
    Bio,
    Handle,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
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
    ("unofficial", "en"),
    ("impersonator", "en"),
    ("fanpage", "en"),
    ("fanclub", "en"),
    ("fansite", "en"),
    ("fanaccount", "en"),
    ("fanbase", "en"),
    ("fandom", "en"),
    ("parodie", "fr"),
    ("parodique", "fr"),
    ("satirique", "fr"),
    ("parodia", "pt/es"),
    ("satira", "pt/es"),
    ("ساخر", "ar"),
    ("ساخرة", "ar"),
    ("محاكاة", "ar"),
    ("باروديا", "ar"),
    ("معجبي", "ar"),
];

/// Words that label an account in a display name, or in a bio next to a singular word for "account"
/// or "page" ("fan account", "compte fan", "faux compte", "página de fãs"): a bio that says "big fan
/// of jollof", "beware of fake accounts" or "no fake news" labels nothing.
const FAN: &[(&str, &str)] = &[
    ("fan", "en"),
    ("fans", "en"),
    ("fa", "pt"),
    ("fas", "pt"),
    ("fanatico", "es"),
    ("fake", "en"),
    ("faux", "fr"),
    ("fausse", "fr"),
    ("falso", "pt/es"),
    ("falsa", "pt/es"),
    ("commentary", "en"),
    ("commentaire", "fr"),
    ("comentario", "pt/es"),
    ("tribute", "en"),
    ("hommage", "fr"),
    ("مزيف", "ar"),
    ("مزيفة", "ar"),
    ("تعليق", "ar"),
    ("معجب", "ar"),
    ("معجبين", "ar"),
];
/// Words that label an account in a bio only, next to a word for "account" ("stan account", "RP
/// account", "roleplay page"): in a display name they are names (Stan) or initials (RP).
const BIO_FAN: &[(&str, &str)] = &[("stan", "en"), ("roleplay", "en"), ("rp", "en")];
/// Words for "accounts" or "pages": a label word just before one speaks of other accounts ("beware of
/// parody accounts").
const OTHER_ACCOUNTS: &[&str] = &[
    "accounts", "pages", "profiles", "handles", "comptes", "profils", "contas", "cuentas",
    "paginas", "perfis", "perfiles",
];
/// Words that warn about other accounts: a label word shortly after one labels nothing ("Beware of
/// parody", "Report fake and parody pages", "Méfiez-vous des parodies").
const WARNINGS: &[&str] = &[
    "beware", "report", "avoid", "ignore", "careful", "warning", "watch", "mefiez", "signalez",
    "signaler", "evitez", "cuidado", "denuncie", "denuncia", "evite", "other", "others", "autres",
    "outras", "outros",
];
/// Commentary words that label a bio when they say what they comment on ("Commentary on the policies
/// of …"); a fan "of" something labels nothing ("big fan of jollof").
const COMMENTARY: &[&str] = &["commentary", "commentaire", "comentario"];
const ABOUT: &[&str] = &["on", "about", "sur", "sobre"];
const ACCOUNT_WORDS: &[&str] = &[
    "account", "page", "club", "site", "compte", "conta", "cuenta", "pagina", "perfil", "clube",
    "made", "حساب", "صفحة", "نادي",
];
/// Words that label an account in a bio after a denial ("not affiliated", "non officiel", "não oficial",
/// "not an official account").
const OFFICIAL_WORDS: &[&str] = &["affiliated", "official", "officiel", "oficial", "affilie"];
/// Words that deny a label after them in a bio ("This is not a parody account", "Ce n'est pas un compte
/// parodique", "Não é uma conta de paródia"): an account that says it is no parody claims to be real.
/// Also Yoruba kìí, Igbo bụghị, Twi ɛnyɛ, Swahili si and Arabic ليس/ليست ("not a fan page"); not Hausa
/// ba, which is also a surname ("Louise Ba • official").
const DENIALS: &[&str] = &[
    "not", "isnt", "no", "non", "pas", "nao", "never", "jamais", "nunca", "kii", "bughi", "enye",
    "si", "ليس", "ليست",
];
/// Words that may stand between a denial and the label it denies: articles, "is", "this", "of" and the
/// words for "account" (ACCOUNT_WORDS), in the five languages, Pidgin's "be" ("e no be parody") and
/// Yoruba's ṣe ("kìí ṣe fan page").
const DENIAL_FILLERS: &[&str] = &[
    "a", "an", "the", "is", "be", "this", "un", "une", "le", "la", "est", "de", "du", "um", "uma",
    "e", "es", "una", "el", "da", "do", "se",
];

struct Tables {
    strong: HashMap<String, (&'static str, &'static str)>,
    fan: HashMap<String, (&'static str, &'static str)>,
    bio_fan: HashMap<String, (&'static str, &'static str)>,
    other_accounts: Vec<String>,
    warnings: Vec<String>,
    commentary: Vec<String>,
    about: Vec<String>,
    account: Vec<String>,
    /// Every strong, fan and account word: `is_label_token` asks for each word of every name.
    any: rustc_hash::FxHashSet<String>,
    official: Vec<String>,
    denials: Vec<String>,
    /// Denial fillers and account words.
    fillers: Vec<String>,
}

fn key(w: &str) -> String {
    normalize(w, 64).fold_compact()
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let strong: HashMap<_, _> = STRONG.iter().map(|&(w, l)| (key(w), (w, l))).collect();
        let fan: HashMap<_, _> = FAN.iter().map(|&(w, l)| (key(w), (w, l))).collect();
        let account: Vec<String> = ACCOUNT_WORDS.iter().map(|w| key(w)).collect();
        let any = strong
            .keys()
            .chain(fan.keys())
            .chain(&account)
            .cloned()
            .collect();
        let keys = |words: &[&str]| words.iter().map(|w| key(w)).collect::<Vec<_>>();
        Tables {
            bio_fan: BIO_FAN.iter().map(|&(w, l)| (key(w), (w, l))).collect(),
            other_accounts: keys(OTHER_ACCOUNTS),
            warnings: keys(WARNINGS),
            commentary: keys(COMMENTARY),
            about: keys(ABOUT),
            strong,
            fan,
            account,
            any,
            official: OFFICIAL_WORDS.iter().map(|w| key(w)).collect(),
            denials: DENIALS.iter().map(|w| key(w)).collect(),
            fillers: DENIAL_FILLERS
                .iter()
                .chain(ACCOUNT_WORDS)
                .map(|w| key(w))
                .collect(),
        }
    })
}

/// Whether a (fold-normalised) name token is a label word or a word for "account"/"page" that goes
/// with one ("Compte Parodique", "Página de Fãs"), so name matching can set it aside.
pub(crate) fn is_label_token(token: &str) -> bool {
    tables().any.contains(token)
}

/// Label words in a display name's tokens (fold keys, in order).
pub(crate) fn in_name(tokens: &[&str]) -> Vec<Label> {
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

/// Label words in a bio: strong words anywhere; fan, fake and commentary words next to a word for
/// "account", or next to the protected person's name (`subject`: fold tokens, "fan of Davido",
/// "معجب بـ Adesoji Fasasi"); "not affiliated".
pub(crate) fn in_bio(bio: &str, subject: &[String]) -> Vec<Label> {
    let t = tables();
    let norm = normalize(bio, 2000);
    let tokens: Vec<&str> = norm.fold.split(' ').collect();
    let mut out = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        let near = |words: &[String]| {
            let lo = i.saturating_sub(2);
            let hi = (i + 3).min(tokens.len());
            tokens[lo..hi].iter().any(|w| words.iter().any(|a| a == w))
                || (!subject.is_empty()
                    && subject
                        .iter()
                        .all(|s| tokens[i + 1..(i + 5).min(tokens.len())].contains(&s.as_str())))
        };
        // A denial before the word, with only fillers between: "not a parody account".
        let denied = || {
            let before = &tokens[i.saturating_sub(5)..i];
            before
                .iter()
                .rposition(|w| t.denials.iter().any(|d| d == w))
                .is_some_and(|d| {
                    before[d + 1..]
                        .iter()
                        .all(|w| t.fillers.iter().any(|f| f == w))
                })
        };
        let is =
            |words: &[String], w: Option<&&str>| w.is_some_and(|w| words.iter().any(|x| x == w));
        let label_word =
            t.strong.contains_key(*tok) || t.fan.contains_key(*tok) || t.bio_fan.contains_key(*tok);
        // Spoken of other accounts: a warning shortly before (unless "account" follows: "Beware:
        // this is a parody account"), or "accounts" or "pages" after ("fake and parody pages").
        let about_others = || {
            (tokens[i.saturating_sub(4)..i]
                .iter()
                .any(|w| is(&t.warnings, Some(w)))
                && !is(&t.account, tokens.get(i + 1)))
                || tokens[i + 1..(i + 4).min(tokens.len())]
                    .iter()
                    .take_while(|w| !is(&t.account, Some(w)))
                    .any(|w| is(&t.other_accounts, Some(w)))
        };
        if label_word && (denied() || about_others()) {
            continue;
        }
        if let Some((word, lang)) = t.strong.get(*tok) {
            out.push(Label {
                word,
                lang,
                place: Place::Bio,
            });
        } else if let Some((word, lang)) = t.fan.get(*tok).or_else(|| t.bio_fan.get(*tok)) {
            let comments_on = is(&t.commentary, Some(tok)) && is(&t.about, tokens.get(i + 1));
            if near(&t.account) || comments_on {
                out.push(Label {
                    word,
                    lang,
                    place: Place::Bio,
                });
            }
        } else if t.official.iter().any(|o| o == tok) && denied() {
            out.push(Label {
                word: "not affiliated",
                lang: "",
                place: Place::Bio,
            });
        }
    }
    out
}

/// Label words in a handle: whole parts where the handle separates words (`fan_of_davido`,
/// `davido_parody`), or the start or end of a run-together one (`davidoparody`, `parodydavido`).
/// `Davido_Distribute` and `PeterObi_fakenews` carry no label.
pub(crate) fn in_handle(handle_fold: &str, parts: &[String]) -> Vec<Label> {
    let t = tables();
    let words: Vec<&String> = parts
        .iter()
        .filter(|p| !p.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let lookup = |w: &str| t.strong.get(w).or_else(|| t.fan.get(w)).copied();
    let mut out: Vec<Label> = Vec::new();
    if words.len() > 1 {
        for w in &words {
            if let Some((word, lang)) = lookup(w) {
                out.push(Label {
                    word,
                    lang,
                    place: Place::Handle,
                });
            }
        }
    } else {
        for (k, &(word, lang)) in t.strong.iter().chain(t.fan.iter()) {
            if k.len() >= 3
                && k.is_ascii()
                && handle_fold.len() > k.len()
                && (handle_fold.starts_with(k.as_str()) || handle_fold.ends_with(k.as_str()))
            {
                out.push(Label {
                    word,
                    lang,
                    place: Place::Handle,
                });
            }
        }
    }
    out.sort_by_key(|l| l.word);
    out.dedup_by_key(|l| l.word);
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
            "This is a fake account",
            "Faux compte",
            // A denial of something else does not deny the label after it.
            "Not affiliated, parody account",
            "No DMs. Parody",
            "Not the real one: fan account",
            "This is not an official account",
            "Davido stan account",
            "RP | roleplay account, not the real one",
            "Commentary on the policies of the president",
            "Beware: this is a parody account",
        ] {
            assert!(!in_bio(bio, &[]).is_empty(), "{bio}");
        }
        for bio in [
            "Big fan of jollof rice",
            "Official account",
            "Engineer, father, Arsenal fan",
            "This is not a parody account",
            "This isn't a fan page. Official.",
            "Ce n'est pas un compte parodique",
            "Não é uma conta de paródia",
            "No es una cuenta parodia",
            "Not fake",
            "Dis account no be parody",
            // Warnings about other accounts.
            "Beware of parody accounts. This is my only page",
            "Report fake and parody pages to us",
            "Méfiez-vous des comptes parodiques",
            "Stan Lee fan forever",
        ] {
            assert!(in_bio(bio, &[]).is_empty(), "{bio}");
        }
    }

    fn handle(h: &str) -> Vec<Label> {
        let k = crate::text::handle::HandleKeys::new("x", h);
        in_handle(&k.fold, &k.parts)
    }

    #[test]
    fn fan_words_next_to_the_protected_name_label_the_bio() {
        let davido = vec![normalize("Davido", 64).fold];
        assert!(!in_bio("Big fan of Davido", &davido).is_empty());
        assert!(in_bio("Big fan of jollof rice", &davido).is_empty());
        let name: Vec<String> = normalize("Adesoji Fasasi", 64)
            .fold
            .split(' ')
            .map(str::to_string)
            .collect();
        assert!(!in_bio("معجب بـ Adesoji Fasasi", &name).is_empty());
    }

    #[test]
    fn handle_labels() {
        assert!(!handle("davidoparody").is_empty());
        assert!(!handle("fan_of_davido").is_empty());
        assert!(!handle("davido_fans").is_empty());
        assert!(handle("fanta_lover").is_empty());
        assert!(handle("Davido_Distribute").is_empty());
        assert!(handle("PeterObi_fakenews").is_empty());
    }
}
