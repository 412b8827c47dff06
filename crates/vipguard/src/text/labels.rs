//! Parody, fan, commentary and fake labels, in English, French, Portuguese, Spanish and Arabic.
//!
//! X's rule since April 2025: a parody/fan/commentary account's display name must *start* with the label
//! word. A label elsewhere in the name, or only in the bio, still makes the account `labelled`, but the
//! evidence says it is not policy-compliant.
//!
//! A label word counts only when it labels this account, because a label turns `impersonation` into
//! `labelled` and impersonators write label words that label nothing:
//! - as a word of its own: not inside a web address (`https://parody.example`, `linktr.ee/fanclub_x`),
//!   an @handle or a hashtag of a longer word (`#ParodyFree`, `#parody_free`);
//! - not denied: "This is not a parody account", "(not parody)", "Parody? Never.", "Parody-free zone",
//!   "sans parodie", "ex parody account", "ليس حساب ساخر", "e no be parody": such an account claims to be
//!   real;
//! - not about other accounts: "Beware of parody accounts", "Fan page: @davido_fc";
//! - in plain letters. X's rule asks for the label so that anyone reading the name sees it; a word in
//!   superscript (ᵖᵃʳᵒᵈʸ), small capitals or other styled letters is made to be overlooked, and neither
//!   the platform's search nor screen readers read it as the word; one with lookalike letters of another
//!   script (Pаrody) is made so that no check finds the word. Such a word is found and shown in the
//!   evidence, and not counted (`Label::unplain`).

use crate::text::bio::host;
use crate::text::normalize::{char_name, normalize, Action, Normalized};
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

/// How a label word is written when not in plain letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unplain {
    Superscript,
    Subscript,
    SmallCapitals,
    /// Mathematical, fullwidth, circled and other styled letters.
    Styled,
    /// Lookalike letters of another script (Pаrody with a Cyrillic а).
    Lookalike,
    /// Hidden characters inside the word (zero-width, fillers, stacked marks).
    Hidden,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    /// The label word as written in the table (e.g. "parodie").
    pub word: &'static str,
    pub lang: &'static str,
    pub place: Place,
    /// Not in plain letters: shown to the reviewer, not counted as a label.
    pub unplain: Option<Unplain>,
    /// The piece of text the word was read from, as written ("ᵖᵃʳᵒᵈʸ", "(parody)").
    pub written: String,
}

impl Label {
    fn new(word: &'static str, lang: &'static str, place: Place) -> Self {
        Label {
            word,
            lang,
            place,
            unplain: None,
            written: String::new(),
        }
    }

    /// The label counts: it makes the account `labelled`.
    pub(crate) fn counts(&self) -> bool {
        self.unplain.is_none()
    }
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
    // What someone says of parodies made of them ("Victim of parody", "Against fake pages").
    "victim", "victims", "against", "victime", "contre", "vitima", "victima", "contra",
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
/// Words that deny a label after them ("This is not a parody account", "Ce n'est pas un compte
/// parodique", "Não é uma conta de paródia", "(not parody)"): an account that says it is no parody claims
/// to be real. Also "without" (French sans, Portuguese sem, Spanish sin, Arabic بدون and بلا), "zero"
/// and "anti" ("Zéro parodie", "anti-parody"), a label that was ("ex parody account", "formerly a fan
/// page", "ancien compte parodique"), Yoruba kìí, Igbo bụghị, Twi ɛnyɛ, Swahili si, sio and siyo, and
/// Arabic ليس, ليست, لست, لا, غير and Egyptian or Gulf مش and مو ("not a fan page"); not Hausa ba, which is
/// also a surname ("Louise Ba • official").
#[rustfmt::skip]
const DENIALS: &[&str] = &[
    "not", "isnt", "no", "non", "pas", "nao", "never", "jamais", "nunca", "kii", "bughi", "enye",
    "si", "sio", "siyo",
    // Without, none, against; a label that was.
    "sans", "sem", "sin", "zero", "anti", "ex", "former", "formerly", "anciennement", "ancien",
    "ancienne",
    "ليس", "ليست", "لست", "لا", "غير", "مش", "مو", "بدون", "بلا",
];
/// Words that answer a question no ("Parody? Never.", "Fan page? Nope", "Parodie ? Jamais", "ساخر؟ لا"):
/// the denials above and a few words that only answer.
const ANSWERS_NO: &[&str] = &["nope", "nah", "nay", "ابدا", "أبدا", "كلا"];
/// Words that may stand between a denial and the label it denies: articles, "is", "this", "of" and the
/// words for "account" (ACCOUNT_WORDS), in the five languages, Pidgin's "be" ("e no be parody"),
/// Yoruba's ṣe ("kìí ṣe fan page"), "longer" ("no longer a parody account"), Swahili hii and ya ("Hii si
/// akaunti ya parody") and Arabic هذا, هذه and the account words with their article ("هذا الحساب ليس").
#[rustfmt::skip]
const DENIAL_FILLERS: &[&str] = &[
    "a", "an", "the", "is", "be", "this", "un", "une", "le", "la", "est", "de",
    "du", "um", "uma", "e", "es", "una", "el", "da", "do", "se", "longer", "hii",
    "ya", "akaunti", "ukurasa", "هذا", "هذه", "الحساب", "الصفحة", "حسابا",
];
/// Words that may stand between a label word and an @handle it names ("Fan page: @davido_fc", "Our
/// parody account is @x", "@x is my parody account"): the label is that other account's. Not "of" or
/// "by": "Parody of @davido", "Parody by @comedian" label this one.
const MENTION_FILLERS: &[&str] = &[
    "a", "an", "the", "is", "at", "on", "here", "sur", "ici", "est", "my", "our", "mon", "ma",
    "notre", "meu", "minha", "mi",
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
    /// Every strong, fan and account word: `name::is_filler` holds them to ask of each word of every name.
    any: rustc_hash::FxHashSet<String>,
    official: Vec<String>,
    denials: Vec<String>,
    answers_no: Vec<String>,
    /// Denial fillers and account words.
    fillers: Vec<String>,
    /// Mention fillers and account words.
    mention_fillers: Vec<String>,
    /// The strong then fan words that `in_handle` looks for at either end of a handle of one word (ASCII
    /// keys of 3+ letters), in the maps' order: walking both maps for each flagged profile showed.
    run_together: Vec<(String, (&'static str, &'static str))>,
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
        let run_together = strong
            .iter()
            .chain(fan.iter())
            .filter(|(k, _)| k.len() >= 3 && k.is_ascii())
            .map(|(k, &v)| (k.clone(), v))
            .collect();
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
            run_together,
            account,
            any,
            official: keys(OFFICIAL_WORDS),
            denials: keys(DENIALS),
            answers_no: keys(DENIALS).into_iter().chain(keys(ANSWERS_NO)).collect(),
            fillers: keys(DENIAL_FILLERS)
                .into_iter()
                .chain(keys(ACCOUNT_WORDS))
                .collect(),
            mention_fillers: keys(MENTION_FILLERS)
                .into_iter()
                .chain(keys(ACCOUNT_WORDS))
                .collect(),
        }
    })
}

/// Every (fold-normalised) name token that is a label word or a word for "account"/"page" that goes
/// with one ("Compte Parodique", "Página de Fãs"), so name matching can set it aside.
pub(crate) fn label_tokens() -> impl Iterator<Item = &'static str> {
    tables().any.iter().map(String::as_str)
}

/// The words of a name's fold key that deny a label ("not" in "Davido (not parody)", "no be" in "Davido
/// no be parody", "free" in "Davido Parody-free", "no" in "Davido | Parody? No"), one bit each (the
/// first 64): name matching sets them aside with the label word, as it does "Official". Such a name
/// claims to be the person's.
pub(crate) fn denial_bits(tokens: &[&str]) -> u64 {
    let t = tables();
    let label = |w: &&str| t.strong.contains_key(*w) || t.fan.contains_key(*w);
    let listed = |list: &[String], w: &str| list.iter().any(|x| x == w);
    // Asked of every name read: most hold no label word (nor account word), and then nothing is denied.
    if !tokens.iter().take(64).any(|w| t.any.contains(*w)) {
        return 0;
    }
    let mut bits = 0u64;
    for (i, w) in tokens.iter().enumerate().take(64) {
        if listed(&t.denials, w) {
            // The denial and the fillers up to the label it denies.
            let fillers = tokens[i + 1..]
                .iter()
                .take_while(|x| listed(&t.fillers, x))
                .count();
            if tokens.get(i + 1 + fillers).is_some_and(label) {
                bits |= ((1u64 << (fillers + 1).min(63)) - 1) << i;
            }
        }
        let after_label = i > 0 && label(&tokens[i - 1]);
        if after_label && (*w == "free" || listed(&t.answers_no, w)) {
            bits |= 1 << i;
        }
    }
    bits
}

/// What a word of a name or bio is, as the label reader sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    /// `#parody`: the tag run together is one word, so `#parody_free` is not "parody".
    Hashtag,
    /// `@davido_fans`: another account's handle, never a label of this one.
    Mention,
    /// A web or e-mail address: `parody.example`, `linktr.ee/fanclub_x`.
    Address,
}

/// A word of a name or bio, read on its own.
struct Word<'a> {
    /// The fold key (empty for an address).
    key: String,
    kind: Kind,
    /// The piece of text between blanks the word was read from, as written.
    written: &'a str,
    unplain: Option<Unplain>,
    /// A clause ends after the word: '?' for a question, ':' for a colon, '.' for other punctuation.
    end: Option<char>,
}

/// The words of a name or bio: each piece between blanks read on its own, so that an address, a
/// handle or a hashtag stays one thing and the punctuation after a word is known.
fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    for piece in text.split_whitespace() {
        let core = piece.trim_start_matches(|c: char| {
            matches!(
                c,
                '(' | '[' | '{' | '"' | '\'' | '«' | '“' | '‘' | '¿' | '¡' | '<'
            )
        });
        let end = clause_end(piece);
        let kind = match core.chars().next() {
            Some('@' | '＠') => Kind::Mention,
            Some('#' | '＃') => Kind::Hashtag,
            _ if is_address(core) => Kind::Address,
            _ => Kind::Word,
        };
        match kind {
            Kind::Word => {
                let norm = normalize(piece, 200);
                let keys: Vec<&str> = norm.fold.split(' ').filter(|k| !k.is_empty()).collect();
                // Punctuation standing alone ends the word before it ("Parodie ? Jamais.").
                if keys.is_empty() {
                    if let Some(last) = out.last_mut().filter(|w: &&mut Word| w.end.is_none()) {
                        last.end = end;
                    }
                }
                for (j, k) in keys.iter().enumerate() {
                    out.push(Word {
                        key: k.to_string(),
                        kind,
                        written: piece,
                        unplain: unplain(&norm, j),
                        end: if j + 1 == keys.len() { end } else { None },
                    });
                }
            }
            Kind::Hashtag | Kind::Mention => {
                let tag: String = core.chars().skip(1).collect();
                let norm = normalize(&tag, 200);
                out.push(Word {
                    key: norm.fold_compact(),
                    kind,
                    written: piece,
                    unplain: unplain(&norm, 0),
                    end,
                });
            }
            Kind::Address => out.push(Word {
                key: String::new(),
                kind,
                written: piece,
                unplain: None,
                end,
            }),
        }
    }
    out
}

/// A web or e-mail address: a scheme, `www.`, an `@` inside, or a domain with a path or written in
/// lowercase (`parody.example`, `linktr.ee/x`). "Parody.Not affiliated", a missing space, stays words.
fn is_address(piece: &str) -> bool {
    let lower = piece.to_lowercase();
    lower.contains("://")
        || lower.starts_with("www.")
        || piece.contains('@')
        || (host(piece).is_some()
            && (piece.contains('/') || !piece.chars().any(char::is_uppercase)))
}

/// The punctuation ending a piece, if it ends a clause: '?' for a question (the answer may deny it),
/// ':' for a colon (what follows names something), '.' for any other stop.
fn clause_end(piece: &str) -> Option<char> {
    let tail: Vec<char> = piece
        .chars()
        .rev()
        .take_while(|c| !c.is_alphanumeric())
        .collect();
    let stop = |c: &char| {
        (c.is_ascii_punctuation() && !matches!(c, '\'' | '"' | '#' | '@' | '&' | '*' | '_'))
            || matches!(
                c,
                '…' | '–' | '—' | '•' | '·' | '،' | '؛' | '¡' | '！' | '。' | '؟' | '？'
            )
    };
    if tail.iter().any(|c| matches!(c, '?' | '؟' | '？')) {
        Some('?')
    } else if tail.first() == Some(&':') {
        Some(':')
    } else if tail.iter().any(stop) {
        Some('.')
    } else {
        None
    }
}

/// How word `j` of a normalised piece is written, when not in plain letters.
fn unplain(norm: &Normalized, j: usize) -> Option<Unplain> {
    let bit = |bits: u64| j < 64 && bits & (1 << j) != 0;
    if bit(norm.styled_words) {
        // The piece is one word or a few: the kind of its styled letters is the word's.
        let names: Vec<String> = norm
            .changes
            .iter()
            .filter(|c| c.action == Action::Styled)
            .map(|c| char_name(c.ch))
            .collect();
        let all = |part: &str| !names.is_empty() && names.iter().all(|n| n.contains(part));
        return Some(if all("SMALL CAPITAL") {
            Unplain::SmallCapitals
        } else if all("SUBSCRIPT") {
            Unplain::Subscript
        } else if names
            .iter()
            .all(|n| n.contains("SUPERSCRIPT") || n.starts_with("MODIFIER LETTER"))
        {
            Unplain::Superscript
        } else {
            Unplain::Styled
        });
    }
    bit(norm.disguised_words).then(|| {
        let hidden = norm
            .changes
            .iter()
            .any(|c| c.action.is_deceptive() && c.action != Action::Lookalike);
        if hidden {
            Unplain::Hidden
        } else {
            Unplain::Lookalike
        }
    })
}

/// Whether the label word `i` is denied: a denial before it in its clause with only fillers between
/// ("not a parody account", "(not parody)"), "free" just after ("Parody-free zone"), or a question
/// holding it answered no ("Parody? Never.", "Is this a fan page? No").
fn denied(t: &Tables, words: &[Word], i: usize) -> bool {
    denied_before(t, words, i) || {
        let free = words[i].end.is_none()
            && words
                .get(i + 1)
                .is_some_and(|w| w.kind == Kind::Word && w.key == "free");
        let question = words[i..]
            .iter()
            .take(8)
            .position(|w| w.end.is_some())
            .map(|k| i + k)
            .is_some_and(|q| {
                words[q].end == Some('?')
                    && words
                        .get(q + 1)
                        .is_some_and(|a| a.kind == Kind::Word && t.answers_no.contains(&a.key))
            });
        free || question
    }
}

/// A denial before word `i` in its clause, with only fillers between.
fn denied_before(t: &Tables, words: &[Word], i: usize) -> bool {
    for w in words[i.saturating_sub(6)..i].iter().rev() {
        if w.end.is_some() || w.kind != Kind::Word {
            return false;
        }
        if t.denials.contains(&w.key) {
            return true;
        }
        if !t.fillers.contains(&w.key) {
            return false;
        }
    }
    false
}

/// Whether the label word `i` speaks of other accounts: a warning shortly before (unless "account"
/// follows: "Beware: this is a parody account"), "accounts" or "pages" after ("fake and parody
/// pages"), or an @handle it names ("Fan page: @davido_fc").
fn about_others(t: &Tables, words: &[Word], i: usize) -> bool {
    let is = |list: &[String], w: Option<&Word>| w.is_some_and(|w| list.contains(&w.key));
    let warned = words[i.saturating_sub(4)..i]
        .iter()
        .any(|w| is(&t.warnings, Some(w)))
        && !is(&t.account, words.get(i + 1));
    let others = words[i + 1..(i + 4).min(words.len())]
        .iter()
        .take_while(|w| !is(&t.account, Some(w)))
        .any(|w| is(&t.other_accounts, Some(w)));
    // Through account words and articles, and past a colon only, to an @handle.
    let mut names = false;
    for (k, w) in words.iter().enumerate().skip(i).take(5) {
        if k > i {
            if w.kind == Kind::Mention {
                names = true;
                break;
            }
            if w.kind != Kind::Word || !t.mention_fillers.contains(&w.key) {
                break;
            }
        }
        if matches!(w.end, Some(c) if c != ':') {
            break;
        }
    }
    // Or the other way round, an @handle that *is* the labelled account: "@davido_lol is my parody
    // account". Not "@davido parody account" or a possessive ("@comedian's parody"), which may say
    // whose parody this account is.
    let before = &words[i.saturating_sub(4)..i];
    let named_before = before
        .iter()
        .rposition(|w| w.kind != Kind::Word || !t.mention_fillers.contains(&w.key))
        .is_some_and(|k| {
            let (w, between) = (&before[k], &before[k + 1..]);
            w.kind == Kind::Mention
                && w.end.is_none()
                && between.iter().all(|b| b.end.is_none())
                && between
                    .iter()
                    .any(|b| matches!(b.key.as_str(), "is" | "est" | "es"))
        });
    warned || others || names || named_before
}

/// A label word at `i` that labels nothing: denied, about other accounts, not a word of its own, a
/// fan card or a fan contest run in the person's name ("Fan card Davido", "Carte de fan", "بطاقة
/// معجب", "Cartes de membre VIP du fan club", "concours fans …", "ìdíje fans …", "promoção dos fãs de
/// …", "سحب معجبي …": a scam's bait, not a fan's label), a "fan relations" desk, or Portuguese fã
/// written without its tilde, which is another word in other languages (Twi and Hausa fa, "take").
fn labels_nothing(t: &Tables, words: &[Word], i: usize) -> bool {
    // Cards sold to fans and contests or draws held for them, in the project's languages.
    const CARDS_AND_CONTESTS: &[&str] = &[
        "card",
        "cards",
        "carte",
        "cartes",
        "cartao",
        "cartoes",
        "carteirinha",
        "carteirinhas",
        "katin",
        "kadi",
        "بطاقة",
        "contest",
        "competition",
        "concours",
        "promocao",
        "sorteio",
        "idije",
        "asompi",
        "gasar",
        "shindano",
        "سحب",
        "مسابقة",
    ];
    let card = words[i.saturating_sub(4)..(i + 2).min(words.len())]
        .iter()
        .any(|w| CARDS_AND_CONTESTS.iter().any(|c| key(c) == w.key));
    let bare_fa = matches!(words[i].key.as_str(), "fa" | "fas")
        && !words[i]
            .written
            .chars()
            .any(|c| matches!(c, 'ã' | 'Ã' | '\u{303}'));
    // "Fan relations page": the management's desk for fans, not a fan's page.
    let desk = words.get(i + 1).is_some_and(|w| w.key == "relations");
    !matches!(words[i].kind, Kind::Word | Kind::Hashtag)
        || card
        || desk
        || bare_fa
        || denied(t, words, i)
        || about_others(t, words, i)
}

fn found(word: &'static str, lang: &'static str, place: Place, w: &Word) -> Label {
    Label {
        unplain: w.unplain,
        written: w.written.to_string(),
        ..Label::new(word, lang, place)
    }
}

/// Whether any word of `text` read whole is a label word (or "official"): the piece-by-piece reading
/// below normalises each piece on its own, which is worth it only then (most bios hold none).
fn holds_label_word(t: &Tables, text: &str) -> bool {
    normalize(text, text.chars().count())
        .fold
        .split(' ')
        .any(|w| is_label_word(t, w))
}

fn is_label_word(t: &Tables, w: &str) -> bool {
    t.strong.contains_key(w)
        || t.fan.contains_key(w)
        || t.bio_fan.contains_key(w)
        || t.official.iter().any(|o| o == w)
}

/// Label words in a display name. The first word of the name is the place X's rule asks for.
pub(crate) fn in_name(name: &str) -> Vec<Label> {
    let t = tables();
    if !holds_label_word(t, name) {
        return Vec::new();
    }
    name_labels(t, name)
}

/// `in_name` for a name whose fold words the caller already holds (`NameKeys::fold_words` of the
/// same, uncut name): the check has normalised the name once, and a second pass only to learn that
/// it holds no label word was 4% of a check's instructions.
pub(crate) fn in_name_keyed<'a>(
    name: &str,
    mut fold_words: impl Iterator<Item = &'a str>,
) -> Vec<Label> {
    let t = tables();
    if !fold_words.any(|w| is_label_word(t, w)) {
        return Vec::new();
    }
    name_labels(t, name)
}

fn name_labels(t: &Tables, name: &str) -> Vec<Label> {
    let words = words(name);
    words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let (word, lang) = t.strong.get(&w.key).or_else(|| t.fan.get(&w.key))?;
            if labels_nothing(t, &words, i) {
                return None;
            }
            let place = if i == 0 {
                Place::NameStart
            } else {
                Place::NameLater
            };
            Some(found(word, lang, place, w))
        })
        .collect()
}

/// Label words in a bio: strong words anywhere; fan, fake and commentary words next to a word for
/// "account", or next to the protected person's name (`subject`: fold tokens, "fan of Davido",
/// "معجب بـ Adesoji Fasasi"); "not affiliated".
pub(crate) fn in_bio(bio: &str, subject: &[&str]) -> Vec<Label> {
    let t = tables();
    if !holds_label_word(t, bio) {
        return Vec::new();
    }
    let words = words(bio);
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let tok = &w.key;
        let near = |list: &[String]| {
            let lo = i.saturating_sub(2);
            let hi = (i + 3).min(words.len());
            words[lo..hi].iter().any(|w| list.contains(&w.key))
                || (!subject.is_empty()
                    && subject.iter().all(|s| {
                        words[i + 1..(i + 5).min(words.len())]
                            .iter()
                            .any(|w| w.key == *s)
                    }))
        };
        let label_word =
            t.strong.contains_key(tok) || t.fan.contains_key(tok) || t.bio_fan.contains_key(tok);
        if label_word && labels_nothing(t, &words, i) {
            continue;
        }
        if let Some((word, lang)) = t.strong.get(tok) {
            out.push(found(word, lang, Place::Bio, w));
        } else if let Some((word, lang)) = t.fan.get(tok).or_else(|| t.bio_fan.get(tok)) {
            let comments_on = t.commentary.contains(tok)
                && words.get(i + 1).is_some_and(|n| t.about.contains(&n.key));
            if near(&t.account) || comments_on || says_we_are_fans(&words, i) {
                out.push(found(word, lang, Place::Bio, w));
            }
        } else if w.kind == Kind::Word && t.official.contains(tok) && denied_before(t, &words, i) {
            out.push(found("not affiliated", "", Place::Bio, w));
        }
    }
    out
}

/// "We are fans", "Na fans we be", "Nous sommes des fans", "Somos fãs": the writers call themselves
/// fans, a fan page's own words. A fan word (`i`) after a first-person pronoun and a verb "be" in its
/// clause, or just before them ("fans we be"). "I reply my fans myself" speaks to fans, and a fan "of"
/// something ("We are big fans of jollof") says what they like (the protected name after "of" is read by
/// `in_bio` itself).
fn says_we_are_fans(words: &[Word], i: usize) -> bool {
    const WE: &[&str] = &[
        "we", "i", "nous", "je", "nos", "eu", "sisi", "mimi", "muna", "awa", "emi", "anyi", "yen",
        "نحن", "انا",
    ];
    const BE: &[&str] = &[
        "be", "are", "am", "sommes", "suis", "somos", "sou", "ni", "ne", "bu", "ye",
    ];
    const OF: &[&str] = &[
        "of", "de", "da", "do", "des", "du", "wa", "na", "ti", "nke", "bu",
    ];
    let is = |w: Option<&Word>, list: &[&str]| w.is_some_and(|w| list.contains(&w.key.as_str()));
    if !matches!(words[i].key.as_str(), "fan" | "fans") || is(words.get(i + 1), OF) {
        return false;
    }
    let clause: Vec<&Word> = words[i.saturating_sub(4)..i]
        .iter()
        .rev()
        .take_while(|w| w.end.is_none())
        .collect();
    // Reversed: the verb nearer the fan word, the pronoun before it.
    let before = clause
        .windows(2)
        .any(|p| BE.contains(&p[0].key.as_str()) && WE.contains(&p[1].key.as_str()));
    let after = words[i].end.is_none() && is(words.get(i + 1), WE) && is(words.get(i + 2), BE);
    before || after
}

/// Label words in a handle: whole parts where the handle separates words (`fan_of_davido`,
/// `davido_parody`), or the start or end of a run-together one (`davidoparody`, `parodydavido`).
/// `Davido_Distribute` and `PeterObi_fakenews` carry no label, and neither do denied ones
/// (`davido_not_parody`, `davidonotparody`, `davido_parody_free`, `parodyfreedavido`).
pub(crate) fn in_handle(handle_fold: &str, parts: &[String]) -> Vec<Label> {
    let t = tables();
    let words: Vec<&String> = parts
        .iter()
        .filter(|p| !p.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let lookup = |w: &str| t.strong.get(w).or_else(|| t.fan.get(w)).copied();
    let mut out: Vec<Label> = Vec::new();
    if words.len() > 1 {
        for (i, w) in words.iter().enumerate() {
            let Some((word, lang)) = lookup(w) else {
                continue;
            };
            let denied = i > 0 && t.denials.contains(words[i - 1])
                || words.get(i + 1).is_some_and(|n| *n == "free");
            if !denied {
                out.push(Label::new(word, lang, Place::Handle));
            }
        }
    } else {
        // Run together, only the denials nobody's name ends with.
        const RUN_DENIALS: &[&str] = &["not", "never", "anti", "non"];
        for (k, (word, lang)) in &t.run_together {
            if handle_fold.len() <= k.len() {
                continue;
            }
            let before = handle_fold.strip_suffix(k.as_str());
            let after = handle_fold.strip_prefix(k.as_str());
            let at_end = before.is_some_and(|b| !RUN_DENIALS.iter().any(|d| b.ends_with(d)));
            let at_start = after.is_some_and(|a| !a.starts_with("free"));
            if at_end || at_start {
                out.push(Label::new(word, lang, Place::Handle));
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
        assert_eq!(in_name("Parody Davido")[0].place, Place::NameStart);
        assert_eq!(in_name("(Parody) Davido")[0].place, Place::NameStart);
        assert_eq!(in_name("Davido Fan Page")[0].place, Place::NameLater);
        assert_eq!(in_name("Parodie Macky Sall")[0].lang, "fr");
        assert!(in_name("Davido (Parody)")[0].counts());
    }

    /// Counted labels (`counts`) in a bio, for tests: a label not in plain letters is found, not counted.
    fn counted(bio: &str) -> Vec<Label> {
        in_bio(bio, &[]).into_iter().filter(Label::counts).collect()
    }

    /// Label words that label nothing: inside an address, handle or other hashtag, denied, or about
    /// another account; beside each, a control that still labels.
    #[test]
    fn words_that_label_nothing() {
        for bio in [
            "https://parody.example",
            "linktr.ee/fanclub_davido",
            "www.satire-news.ng",
            "parody.bookings@gmail.com",
            "#ParodyFree",
            "#parody_free",
            "@davido_parody",
            "Parody-free zone",
            "Parody free zone",
            "Parody? Never.",
            "Parodie ? Jamais.",
            "Is this a parody account? No.",
            "Fan page? Nope",
            "حساب ساخر؟ لا",
            "حساب غير ساخر",
            "مش حساب ساخر",
            "لا باروديا",
            "هذا الحساب ليس ساخر",
            "Sem paródia",
            "Sin parodia",
            "Zéro parodie",
            "Ex parody account, now official",
            "Formerly a fan page",
            "No longer a parody account",
            "Ancien compte parodique",
            "Hii si akaunti ya parody",
            "Fan page: @davido_fc",
            "Follow our fan page @davido_fans",
            "My parody account is @dangote_lol",
            "@davido_lol is my parody account",
            "Victim of parody",
            "Against fake pages",
        ] {
            assert!(counted(bio).is_empty(), "{bio}");
        }
        for bio in [
            "#parody",
            "Parody. Not affiliated with Davido",
            "Parody of @davido",
            "Parody by @comedian",
            "Parody account. @davido is the real one",
            "No DMs. Parody",
            "Parody? Yes.",
            "Parody/fan account",
            "Freedom of speech. Parody",
            "Parody, free speech",
            "@davido parody account",
            "@comedian's parody account",
        ] {
            assert!(!counted(bio).is_empty(), "{bio}");
        }
        for name in [
            "Davido (not parody)",
            "Davido | Parody? No",
            "Davido - no be parody",
            "Davido Parody-free",
            "Not Fake Davido",
            "Davido ليس ساخر",
            "Davido linktr.ee/fanclub_davido",
            "Davido @davido_parody",
        ] {
            assert!(in_name(name).is_empty(), "{name}");
        }
    }

    /// Superscript, subscript, small-capital, styled and lookalike label words are found and named,
    /// not counted.
    #[test]
    fn label_words_not_in_plain_letters_do_not_count() {
        let how = |bio: &str| in_bio(bio, &[]).first().and_then(|l| l.unplain);
        assert_eq!(how("ᵖᵃʳᵒᵈʸ"), Some(Unplain::Superscript));
        assert_eq!(how("ₚₐᵣₒdy account"), Some(Unplain::Subscript));
        assert_eq!(how("ᴘᴀʀᴏᴅʏ account"), Some(Unplain::SmallCapitals));
        assert_eq!(how("𝐏𝐚𝐫𝐨𝐝𝐲 account"), Some(Unplain::Styled));
        assert_eq!(how("Pаrody account"), Some(Unplain::Lookalike));
        assert_eq!(how("Par\u{200b}ody account"), Some(Unplain::Hidden));
        assert_eq!(how("Paródia"), None, "an accent is plain spelling");
        let l = &in_name("ᵖᵃʳᵒᵈʸ Davido")[0];
        assert_eq!((l.word, l.written.as_str()), ("parody", "ᵖᵃʳᵒᵈʸ"));
        assert!(!l.counts());
    }

    /// The words a name's matching sets aside with a denied label.
    #[test]
    fn denials_of_a_label_in_a_name_are_set_aside() {
        let bits =
            |name: &str| denial_bits(&toks(name).iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(bits("Davido not parody"), 0b010);
        assert_eq!(bits("Davido no be parody"), 0b0110);
        assert_eq!(bits("Davido parody free"), 0b100);
        assert_eq!(bits("Davido parody no"), 0b100);
        assert_eq!(bits("Not Davido"), 0);
        assert_eq!(bits("Free Davido"), 0);
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
        in_handle(&k.fold(), &k.parts)
    }

    #[test]
    fn fan_words_next_to_the_protected_name_label_the_bio() {
        let davido = ["davido"];
        assert!(!in_bio("Big fan of Davido", &davido).is_empty());
        assert!(in_bio("Big fan of jollof rice", &davido).is_empty());
        // Writers who call themselves fans; not those who speak to fans or are fans "of" a dish.
        assert!(!in_bio("Afrobeats dance covers. We are fans 💃", &[]).is_empty());
        assert!(!in_bio("Na fans we be, no vex", &[]).is_empty());
        assert!(in_bio("I reply my fans myself here", &[]).is_empty());
        assert!(in_bio("We are big fans of jollof", &[]).is_empty());
        let name = normalize("Adesoji Fasasi", 64).fold;
        let name: Vec<&str> = name.split(' ').collect();
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
        // Denied in the handle.
        assert!(handle("davido_not_parody").is_empty());
        assert!(handle("davidonotparody").is_empty());
        assert!(handle("davido_parody_free").is_empty());
        assert!(handle("parodyfreedavido").is_empty());
        assert!(!handle("parodydavido").is_empty());
    }
}
