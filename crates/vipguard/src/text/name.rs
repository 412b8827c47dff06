//! Display-name similarity: token-aware and order-insensitive, with Jaro-Winkler per token.
//!
//! Token-set ratios score "Elon Musk" and "Elon Musk Fan Club" as equal, and many different people share
//! one name token with a famous one (Olamide, Obi, Drake, Sall, Mané), so a name only counts as *the
//! same* when every token of the protected name is matched and nothing but filler words is left over.

use crate::text::labels::denial_bits;
use crate::text::limits::MAX_NAME_CHARS;
use crate::text::normalize::{self, normalize, Action, Change};
use std::borrow::Cow;
use unicode_script::UnicodeScript;

/// A name's comparison keys. A checker keeps one for every protected name and alias, so the three
/// readings' words share one string and what few names have is boxed apart (issue 25): 72 bytes and
/// one allocation for most names, where a string per word took 176 bytes and eight allocations.
#[derive(Debug, Clone)]
pub struct NameKeys {
    /// The fold words, then the glyph and loose words where they differ from the reading before, each
    /// reading's words separated by single spaces.
    text: Box<str>,
    /// Where the fold, glyph and loose words end in `text`.
    ends: [u32; 3],
    /// Which of the `fold`, `glyph` and `loose` tokens are filler words, one bit per token (the first
    /// 64), computed once: every comparison asks.
    filler: [u64; 3],
    /// Words (of the fold key, the first 64) disguised, one bit each (`Normalized::disguised_words`).
    disguised_words: u64,
    /// What few names have (`tricks()`, `changes()`), boxed.
    rare: Option<Box<Rare>>,
    /// `GLYPH_DIFFERS`, `LOOSE_DIFFERS`, and what `Normalized` says of the whole name.
    flags: u8,
}

/// The glyph words differ from the fold words (else `glyph()` is `fold()`).
const GLYPH_DIFFERS: u8 = 1;
/// The loose words differ from the glyph words (else `loose()` is `glyph()`).
const LOOSE_DIFFERS: u8 = 2;
/// `Normalized::truncated`, `mixed_script_word` and `mixed_style_word`.
const TRUNCATED: u8 = 4;
const MIXED_SCRIPT: u8 = 8;
const MIXED_STYLE: u8 = 16;

/// The parts of a name's keys that most names do not need.
#[derive(Debug, Clone, Default)]
struct Rare {
    /// What normalising the name changed (`Normalized::changes`).
    changes: Box<[Change]>,
    /// The characters the loose reading relies on: digits inside words (leetspeak) and lowercase l among
    /// capitals. Only a name that uses them earns a full-strength loose match.
    tricks: Box<[Change]>,
    /// Words written with digits for letters (D4vido, Al1ko), one bit each (the first 64): disguised
    /// in the loose reading as lookalikes are in the others.
    leet_words: u64,
}

/// A reading's words, gathered from a name's shared string where a comparison needs them by place:
/// on the stack for names of up to 8 words (nearly all), so a comparison allocates nothing.
pub struct Words<'a> {
    inline: [&'a str; 8],
    len: u8,
    spilled: Vec<&'a str>,
}

impl<'a> Words<'a> {
    /// `text`: a reading as `NameKeys` holds it.
    fn new(text: &'a str) -> Self {
        let mut words = Words {
            inline: [""; 8],
            len: 0,
            spilled: Vec::new(),
        };
        for (i, w) in WordIter(text).enumerate() {
            if i == words.inline.len() {
                words.spilled = WordIter(text).collect();
                break;
            }
            words.inline[i] = w;
            words.len += 1;
        }
        words
    }
}

impl<'a> std::ops::Deref for Words<'a> {
    type Target = [&'a str];
    fn deref(&self) -> &[&'a str] {
        if self.spilled.is_empty() {
            &self.inline[..self.len as usize]
        } else {
            &self.spilled
        }
    }
}

/// The words of a reading, any run of spaces between them (what `split(' ')` less its empty pieces
/// gives): `WordIter`, a byte scan, cheaper on these short words than `str::split`'s
/// searcher in `NameKeys::new` (issue 25).
fn split_words(text: &str) -> impl Iterator<Item = &str> + Clone {
    WordIter(text)
}

/// The words of a string, any run of spaces between them: the readings as `NameKeys` holds them
/// (separated by single spaces, none at either end) or as normalising writes them. A byte scan:
/// `str::split` prepares a searcher, which cost more than the words themselves.
#[derive(Clone)]
struct WordIter<'a>(&'a str);

impl<'a> Iterator for WordIter<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.0.as_bytes();
        let start = bytes.iter().position(|&b| b != b' ')?;
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(bytes.len(), |n| start + n);
        // A space is one byte in UTF-8, so both cuts are on character boundaries.
        let word = &self.0[start..end];
        self.0 = &self.0[end..];
        Some(word)
    }
}

impl NameKeys {
    pub fn new(name: &str) -> Self {
        let norm = normalize(name, MAX_NAME_CHARS);
        // The readings' words on the stack (`Words`) and the loose reading written straight into the
        // keys' string: the word lists collected for each name and thrown away once `text` was
        // written were a fifth of `NameKeys::new` (issue 25).
        let fold = Words::new(&norm.fold);
        // Most names read the same in both (no capital I, no vv): their words gathered once.
        let glyph_own;
        let glyph = if norm.glyph == norm.fold {
            &fold
        } else {
            glyph_own = Words::new(&norm.glyph);
            &glyph_own
        };
        let glyph_differs = **glyph != *fold;
        // A loose word is its glyph word with some bytes changed (`loose_token`), so the loose
        // reading is as long as the glyph one.
        let loose_differs = glyph.iter().any(|w| loose_changes(w));
        let reading_len = |words: &[&str]| {
            words
                .iter()
                .map(|w| w.len() + 1)
                .sum::<usize>()
                .saturating_sub(1)
        };
        let glyph_len = reading_len(glyph);
        // At its exact size (each reading's words and the spaces between them): three times the fold
        // was reallocated by `into_boxed_str` for every name of a checker (issue 25).
        let size = reading_len(&fold)
            + if glyph_differs { glyph_len } else { 0 }
            + if loose_differs { glyph_len } else { 0 };
        let mut text = String::with_capacity(size);
        let mut ends = [0u32; 3];
        let push_words = |text: &mut String, words: &[&str], loose: bool| {
            let start = text.len();
            for w in words {
                if text.len() > start {
                    text.push(' ');
                }
                if loose {
                    push_loose(text, w);
                } else {
                    text.push_str(w);
                }
            }
        };
        push_words(&mut text, &fold, false);
        // Names are cut at MAX_NAME_CHARS, so their keys are far below 4 GB.
        ends[0] = text.len() as u32;
        if glyph_differs {
            push_words(&mut text, glyph, false);
        }
        ends[1] = text.len() as u32;
        if loose_differs {
            push_words(&mut text, glyph, true);
        }
        ends[2] = text.len() as u32;
        let loose_own;
        let loose = if loose_differs {
            loose_own = Words::new(&text[ends[1] as usize..]);
            &loose_own
        } else {
            glyph
        };
        // The three readings mostly hold the same words: ask about each word once.
        let fold_filler = filler_bits(&fold, None);
        let glyph_filler = filler_bits(glyph, Some((&fold, fold_filler)));
        // A loose word is the glyph word read loosely: filler if that word is ("Music" reads "muslc").
        let loose_filler = filler_bits(loose, Some((glyph, glyph_filler))) | glyph_filler;
        let tricks = tricks(name);
        let leet_words = if tricks.is_empty() {
            0
        } else {
            leet_word_bits(name, loose)
        };
        let flags = [
            (glyph_differs, GLYPH_DIFFERS),
            (loose_differs, LOOSE_DIFFERS),
            (norm.truncated, TRUNCATED),
            (norm.mixed_script_word, MIXED_SCRIPT),
            (norm.mixed_style_word, MIXED_STYLE),
        ]
        .into_iter()
        .filter(|(set, _)| *set)
        .fold(0, |flags, (_, bit)| flags | bit);
        NameKeys {
            filler: [fold_filler, glyph_filler, loose_filler],
            rare: (!norm.changes.is_empty() || !tricks.is_empty()).then(|| {
                Box::new(Rare {
                    changes: norm.changes.into_boxed_slice(),
                    tricks: tricks.into_boxed_slice(),
                    leet_words,
                })
            }),
            text: text.into_boxed_str(),
            ends,
            disguised_words: norm.disguised_words,
            flags,
        }
    }
}

/// Which of the first 64 `loose` words (a name's loose reading) are the loose readings of words of
/// `name` written with digits for letters.
fn leet_word_bits(name: &str, loose: &[&str]) -> u64 {
    let leet: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| is_leet_word(w))
        .flat_map(|w| {
            split_words(&normalize(w, MAX_NAME_CHARS).glyph)
                .map(|t| loose_token(t).into_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    loose
        .iter()
        .take(64)
        .enumerate()
        .filter(|(_, t)| leet.iter().any(|l| l == *t))
        .fold(0u64, |bits, (i, _)| bits | 1 << i)
}

impl NameKeys {
    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// Reading `i`'s words as held in `text` (0 fold, 1 glyph, 2 loose), each reading kept only where
    /// it differs from the one before.
    fn reading(&self, i: usize) -> &str {
        let i = match i {
            2 if !self.has(LOOSE_DIFFERS) => 1,
            _ => i,
        };
        let i = match i {
            1 if !self.has(GLYPH_DIFFERS) => 0,
            _ => i,
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start as usize..self.ends[i] as usize]
    }

    /// Fold-key words, in order.
    pub fn fold(&self) -> Words<'_> {
        Words::new(self.reading(0))
    }

    /// Fold-key words, in order, one at a time.
    pub fn fold_words(&self) -> impl Iterator<Item = &str> + Clone {
        WordIter(self.reading(0))
    }

    /// Glyph-key words (capital I read as l), in order.
    pub fn glyph(&self) -> Words<'_> {
        Words::new(self.reading(1))
    }

    /// The loosest reading, for names written with digits or l for I: glyph words with i and l merged
    /// and, in words that also hold letters, digits read as letters (D4v1d0 and DAVlDO both read davldo).
    /// Every fold or glyph match is also a loose match, so the index keys names by these words alone.
    pub fn loose(&self) -> Words<'_> {
        Words::new(self.reading(2))
    }

    /// The loose words one at a time.
    pub fn loose_words(&self) -> impl Iterator<Item = &str> + Clone {
        WordIter(self.reading(2))
    }

    /// The fold key without spaces (`Normalized::fold_compact`).
    pub fn fold_compact(&self) -> String {
        normalize::fold_compact(self.reading(0))
    }

    /// The glyph key without spaces (`Normalized::glyph_compact`).
    pub fn glyph_compact(&self) -> String {
        normalize::glyph_compact(self.reading(1))
    }

    /// The characters the loose reading relies on: digits inside words (leetspeak) and lowercase l
    /// among capitals. Only a name that uses them earns a full-strength loose match.
    pub fn tricks(&self) -> &[Change] {
        self.rare.as_ref().map_or(&[], |r| &r.tricks)
    }

    /// What normalising the name changed (`Normalized::changes`).
    pub fn changes(&self) -> &[Change] {
        self.rare.as_ref().map_or(&[], |r| &r.changes)
    }

    /// `Normalized::has_deceptive_change`.
    pub fn has_deceptive_change(&self) -> bool {
        normalize::has_deceptive_change(self.changes())
    }

    /// `Normalized::check_mark`: the first check mark decorating the name (✅, ✔).
    pub fn check_mark(&self) -> Option<char> {
        normalize::check_mark(self.changes())
    }

    /// The name was longer than the cap and was cut (`Normalized::truncated`).
    pub fn truncated(&self) -> bool {
        self.has(TRUNCATED)
    }

    /// `Normalized::mixed_script_word`.
    pub fn mixed_script_word(&self) -> bool {
        self.has(MIXED_SCRIPT)
    }

    /// `Normalized::mixed_style_word`.
    pub fn mixed_style_word(&self) -> bool {
        self.has(MIXED_STYLE)
    }

    /// Words written with digits for letters, one bit each (the first 64).
    fn leet_words(&self) -> u64 {
        self.rare.as_ref().map_or(0, |r| r.leet_words)
    }

    /// Whether any of the name's words is a filler word (Official, HQ, Dr …).
    pub fn has_filler(&self) -> bool {
        self.filler[0] != 0
    }

    /// Whether every word of the name is a filler word ("Support Team", "Customer Care"): a name that
    /// says what the page does, not whose it is. An empty name is not.
    pub fn only_filler(&self) -> bool {
        let n = self.fold_words().count();
        n > 0 && n <= 64 && self.filler[0].count_ones() as usize == n
    }

    /// Whether the name's words, filler words left out, run together are `key` (a fold key): "Zenith
    /// Harbour Plc" spells `zenithharbour`. Nothing is allocated: this is asked of every candidate.
    pub fn spells(&self, key: &str) -> bool {
        let mut rest = key;
        let mut words = 0;
        for (i, w) in self.fold_words().enumerate() {
            if i < 64 && self.filler[0] & (1 << i) != 0 {
                continue;
            }
            match rest.strip_prefix(w) {
                Some(r) => rest = r,
                None => return false,
            }
            words += 1;
        }
        words > 0 && rest.is_empty()
    }

    /// The words run together with filler words left out, when the name has any filler word beside
    /// others (what `spells` compares; the index looks it up): "Dangote Group Plc" gives `dangotegroup`.
    pub fn compact_words(&self) -> Option<String> {
        let filler = |i: usize| i < 64 && self.filler[0] & (1 << i) != 0;
        let n = self.fold_words().count();
        let kept = (0..n).filter(|&i| !filler(i)).count();
        if kept == 0 || kept == n {
            return None;
        }
        Some(
            self.fold_words()
                .enumerate()
                .filter(|&(i, _)| !filler(i))
                .map(|(_, w)| w)
                .collect(),
        )
    }
}

/// Which of the first 64 `tokens` are filler, one bit each; where a word equals the word at the same
/// place in another reading, that reading's answer is reused.
fn filler_bits(tokens: &[&str], same_as: Option<(&[&str], u64)>) -> u64 {
    // Most names read the same in every reading: the answer is the other reading's.
    if let Some((other, bits)) = same_as {
        if other == tokens {
            return bits;
        }
    }
    let bits = tokens
        .iter()
        .take(64)
        .enumerate()
        .filter(|(i, t)| match same_as {
            Some((other, bits)) if other.get(*i) == Some(*t) => bits & (1 << i) != 0,
            _ => is_filler(t),
        })
        .fold(0u64, |bits, (i, _)| bits | 1 << i);
    // Every label and account word is a filler word (`is_filler`): with none among the words,
    // `denial_bits` finds nothing to deny, and its lookup of each word is spared.
    let denied = if bits == 0 { 0 } else { denial_bits(tokens) };
    bits | excellency_bits(tokens) | denied
}

/// "H.E." (His/Her Excellency, before many West African officials' names) arrives as the words h, e.
/// Single letters are initials elsewhere, so only the pair counts as filler.
fn excellency_bits(tokens: &[&str]) -> u64 {
    let n = tokens.len().min(64);
    (1..n)
        .filter(|&i| tokens[i - 1] == "h" && tokens[i] == "e")
        .fold(0u64, |bits, i| bits | 0b11 << (i - 1))
}

fn is_numeric(token: &str) -> bool {
    token.chars().any(|c| c.is_ascii_digit())
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || c == 'o' || c == 'l')
}

fn leet_letter(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '6' | '8' => 'b',
        '7' => 't',
        '9' => 'g',
        _ => return None,
    })
}

/// A word read loosely, borrowed when no letter changes (most words: a string a word was a tenth of
/// preparing a name, issue 25). Only ASCII i and digits other than 2 change.
fn loose_token(t: &str) -> Cow<'_, str> {
    if !loose_changes(t) {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    push_loose(&mut out, t);
    Cow::Owned(out)
}

/// Whether `loose_token` changes the word `t`: it holds an ASCII i or a digit other than 2, and is
/// not a number.
fn loose_changes(t: &str) -> bool {
    t.bytes()
        .any(|b| b == b'i' || (b.is_ascii_digit() && b != b'2'))
        && !is_numeric(t)
}

/// `t` read loosely (`loose_token`) appended to `out`: as many bytes as `t`, each changed character
/// ASCII for ASCII.
fn push_loose(out: &mut String, t: &str) {
    if !loose_changes(t) {
        out.push_str(t);
        return;
    }
    out.extend(t.chars().map(|c| match c {
        'i' | '1' => 'l',
        c => leet_letter(c).unwrap_or(c),
    }));
}

/// A word of letters written with digits among them (D4v1d0, Al1ko): leetspeak.
fn is_leet_word(word: &str) -> bool {
    // The digit first: most words have none, and counting letters asks each character's class.
    word.bytes().any(|b| b.is_ascii_digit())
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Digits read as letters inside words of letters (D4v1d0), and lowercase l standing for I in a word of
/// capitals (DAVlDO), with what each is read as.
fn tricks(name: &str) -> Vec<Change> {
    tricks_with(name, |_| false)
}

/// `tricks`, with the digits of the shorter words written for one of the protected name's `words`
/// (folded, as `NameKeys` has them) too: "0b1" for Obi has one letter, too few to count as
/// leetspeak when deciding, but a reviewer reading the evidence is owed every digit the match read as
/// a letter (evidence only: `tricks` alone decides).
pub(crate) fn tricks_shown(name: &str, words: &[&str]) -> Vec<Change> {
    tricks_with(name, |word| {
        let read: String = word
            .to_lowercase()
            .chars()
            .map(|c| leet_letter(c).unwrap_or(c))
            .collect();
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 1
            && word
                .chars()
                .all(|c| c.is_alphabetic() || leet_letter(c).is_some())
            && (words.concat() == read
                || words
                    .iter()
                    .any(|w| *w == read || (read.contains('i') && *w == read.replace('i', "l"))))
    })
}

fn tricks_with(name: &str, also: impl Fn(&str) -> bool) -> Vec<Change> {
    let mut out = Vec::new();
    let words = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    for word in words.take(64) {
        if is_leet_word(word) || (word.chars().any(|c| c.is_ascii_digit()) && also(word)) {
            for c in word.chars() {
                if let Some(l) = leet_letter(c) {
                    out.push(change(c, l));
                }
            }
        }
        // An l first: most words have none, and the other two ask each character's case.
        if word.contains('l')
            && word.chars().filter(|c| c.is_lowercase()).all(|c| c == 'l')
            && word.chars().filter(|c| c.is_uppercase()).count() >= 2
        {
            for c in word.chars().filter(|c| *c == 'l') {
                out.push(change(c, 'I'));
            }
        }
    }
    out
}

fn change(c: char, read_as: char) -> Change {
    Change {
        ch: c,
        action: Action::Lookalike,
        read_as: read_as.to_string(),
        script: c.script(),
    }
}

/// Words that dress up a copied name without changing whose it is ("Davido Official", "The Real …"),
/// including the titles and campaign words of politicians' names ("Peter Obi for President", "Macky
/// Sall pour Président") and honorifics, in the keys' folded form (président -> president).
#[rustfmt::skip]
const FILLER: &[&str] = &[
    "official", "officiel", "oficial", "real", "the", "tv", "hq", "page", "account", "club",
    "verified", "original", "news", "updates", "music", "team", "media", "support", "help", "live",
    "mr", "mrs", "dr", "hon", "sir", "of", "de", "da", "du", "la", "le", "and",
    // Titles and campaigns, in English, French, Portuguese and Spanish.
    "for", "pour", "para", "president", "presidente", "presidency", "governor", "gouverneur",
    "senator", "senateur", "sen", "pres", "gov", "minister", "ministre", "excellency", "excellence",
    "campaign", "campagne",
    "campanha", "campana", "movement", "mouvement", "supporters", "volunteers", "vote", "votez",
    // Honorifics that precede names across West Africa and beyond (Alhaji Aliko Dangote, Otunba …,
    // Serigne …, Pastor …, Prof. …); a protected name that holds one still needs it matched. Words
    // that are also common given names (Cheikh, Emir, Sultan, Imam) are left out.
    "alhaji", "alh", "alhaja", "hajia", "hajiya", "hadja", "elhadj", "elhadji", "hadji", "mallam",
    "malam", "sheikh", "shaykh", "serigne", "otunba", "oba", "ooni",
    "prof", "professor", "engr", "barr", "pastor", "apostle", "bishop", "prophet", "rev",
    "reverend", "evangelist", "general", "gen", "madam", "mme", "mlle", "monsieur", "sr", "jr",
    // Generational suffixes, like Jr. (Kwabena Mensah II); a lone V or I would be an initial.
    "ii", "iii", "iv",
    // Company forms a copied brand name may carry (Zenith Harbour Bank Plc); not SA or Co, also names.
    "plc", "ltd", "limited", "inc", "llc", "sarl", "corp",
    "chief", "honourable", "honorable", "rt", "his", "her", "ambassador", "amb",
    // Military ranks (Capitaine Ibrahim Traoré); not Major, which is also a name.
    "captain", "capitaine", "capt", "cpt", "colonel", "col", "lieutenant", "lt", "commandant",
    "cmdt", "sergeant", "sgt", "marshal", "marechal", "admiral", "amiral",
    // The customer-care pages that brand impersonators pose as: SERVICE, below.
    // What scam pages offer under a brand (PalmPay Loans, Vodacom Bonus), and "help" or "service" in
    // the languages of the brands' markets: Swahili huduma and msaada, Twi boafo, Hausa taimako, Yoruba
    // ìrànlọ́wọ́, Portuguese apoio, French aide and SAV (service après-vente).
    "loan", "loans", "refund", "refunds", "bonus", "bonuses", "reward", "rewards", "offer", "offers",
    "deals", "payout", "recovery", "huduma", "msaada", "boafo", "taimako",
    "iranlowo", "apoio", "aide", "sav",
    // What fake crypto and app pages offer under a brand's name (MetaMask Airdrop, OpenSea Drops,
    // Download MetaMask), in English, French (télécharger, portefeuille, cadeau), Portuguese (baixar,
    // carteira) and Spanish (descargar, billetera). Not words that are also given names (Win).
    "airdrop", "airdrops", "drop", "drops", "download", "downloads", "app", "apps", "wallet",
    "wallets", "login", "signin", "claim", "claims", "mint", "minting", "nft", "nfts", "token",
    "tokens", "swap", "staking", "bridge", "connect", "verify", "verification", "validate",
    "validation", "sync", "unlock", "migrate", "migration", "presale", "whitelist", "dapp", "web3",
    "defi", "install", "extension", "telecharger", "telechargement", "portefeuille", "connexion",
    "cadeau", "cadeaux", "gratuit", "baixar", "carteira", "descargar", "billetera",
    // Titles of office and address that stand before names (Comrade Julius Malema, Mhe. …, Maître …).
    "comrade", "comr", "cde", "mhe", "mheshimiwa", "dkt", "maitre",
];

/// Filler words too: the customer-care pages that brand impersonators pose as (MTN Nigeria Customer
/// Care), which also tell a brand's desk from someone's own name (`rules::brand_desk`).
#[rustfmt::skip]
const SERVICE: &[&str] = &[
    "customer", "care", "service", "services", "helpline", "helpdesk", "hotline", "desk",
    "assistance", "client", "clients", "clientele", "cliente", "clientes", "atendimento", "soporte",
    "ayuda", "centre", "center",
];

/// Whether a folded word of a display name names a brand's customer service or office (SERVICE,
/// "help", "support", "office", "bureau"). Not a foundation, press or management: Sterling Foundation
/// and Sterling Press are as likely someone's (Sterling is a surname too).
pub(crate) fn is_desk_word(token: &str) -> bool {
    SERVICE.contains(&token) || matches!(token, "help" | "support" | "office" | "bureau")
}

/// Words that claim a body speaking for the person or brand, which charity and booking scams pose
/// as (Ethereum Foundation, Office of Peter Obi, Davido Management, Burna Boy Bookings): a claimed
/// affiliation, one of the elements X's impersonation rule weighs. In English, French, Portuguese,
/// Spanish, Hausa (gidauniya) and Swahili (wakfu). Not filler: a copied name with one of them is a
/// weak match (`compare_tokens`), since real foundations and offices carry their founders' names
/// (Ford Foundation, Tony Elumelu Foundation, a namesake's own foundation).
#[rustfmt::skip]
const AFFILIATION: &[&str] = &[
    "foundation", "foundations", "fondation", "fundacao", "fundacion", "gidauniya", "gidauniyar",
    "wakfu", "office", "bureau", "press", "management", "mgmt", "manager", "booking", "bookings",
];

/// Whether a folded word of a display name claims a body that speaks for the name (AFFILIATION).
pub(crate) fn is_affiliation_word(token: &str) -> bool {
    AFFILIATION.contains(&token)
}

/// Filler: the words above, label words, the handle affixes of two or more letters (giveaway, naija,
/// ng …), and numbers (folded digits read 0 as o and 1 as l, so "2027" arrives as "2o27").
fn is_filler(token: &str) -> bool {
    // The filler and service words, the label words and the affix words of two letters or more in
    // one set: asked of every word of every name a checker is built with, three lookups a word were a
    // tenth of preparing the keys (issue 25).
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        FILLER
            .iter()
            .chain(SERVICE)
            .copied()
            .chain(crate::text::labels::label_tokens())
            .chain(
                crate::text::handle::AFFIXES
                    .iter()
                    .copied()
                    .filter(|a| a.len() >= 2),
            )
            .collect()
    })
    .contains(token)
        || is_numeric(token)
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NameHow {
    /// Same tokens (in any order, or run together).
    Same,
    /// Every protected token is present, with other words beside it.
    Contains { extra: Vec<String> },
    /// Token by token close (typos, a letter changed).
    Similar,
    /// The words run together are a protected handle (`handle`, as the list writes it): "Zenith
    /// Harbour" for @ZenithHarbour, the brand "Zenith Harbour Bank" goes by.
    SpellsHandle { handle: String },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NameMatch {
    pub how: NameHow,
    /// 3 = same, 2 = very similar, 1 = contains or loosely similar.
    pub strength: u8,
    pub similarity: f64,
    /// Found only by the loose reading (digits as letters, i and l merged): the profile's `tricks`
    /// explain it.
    pub loose: bool,
}

/// A profile's name with its words in each reading gathered once, for all the protected names a check
/// compares it with.
pub(crate) struct ProfileName<'a> {
    keys: &'a NameKeys,
    fold: Words<'a>,
    /// The glyph and loose words where they differ from the reading before.
    glyph: Option<Words<'a>>,
    loose: Option<Words<'a>>,
}

impl<'a> ProfileName<'a> {
    pub(crate) fn new(keys: &'a NameKeys) -> Self {
        ProfileName {
            keys,
            fold: keys.fold(),
            glyph: keys.has(GLYPH_DIFFERS).then(|| keys.glyph()),
            loose: keys.has(LOOSE_DIFFERS).then(|| keys.loose()),
        }
    }

    /// The profile's name's keys.
    pub(crate) fn keys(&self) -> &'a NameKeys {
        self.keys
    }

    fn glyph(&self) -> &Words<'a> {
        self.glyph.as_ref().unwrap_or(&self.fold)
    }

    fn loose(&self) -> &Words<'a> {
        self.loose.as_ref().unwrap_or_else(|| self.glyph())
    }
}

/// Compare a profile's name with a protected name or alias.
pub(crate) fn compare(p: &ProfileName, t: &NameKeys) -> Option<NameMatch> {
    let disguised = p.keys.disguised_words;
    let a = compare_tokens(&p.fold, p.keys.filler[0], disguised, t.reading(0));
    // (A reading kept only where it differs.)
    if !p.keys.has(GLYPH_DIFFERS) && !t.has(GLYPH_DIFFERS) {
        return a;
    }
    let b = compare_tokens(p.glyph(), p.keys.filler[1], disguised, t.reading(1));
    match (a, b) {
        (Some(a), Some(b)) => Some(
            if b.strength > a.strength || (b.strength == a.strength && b.similarity > a.similarity)
            {
                b
            } else {
                a
            },
        ),
        (a, b) => a.or(b),
    }
}

/// `compare`, then the loose reading when the plain keys fell short of the same name. A loose match is
/// capped at "very similar" unless the profile used a trick the loose reading undoes.
pub(crate) fn compare_all(p: &ProfileName, t: &NameKeys) -> Option<NameMatch> {
    let plain = compare(p, t);
    let tricks = p.keys.tricks();
    // Without a trick the loose reading is capped at 2, so it cannot improve a match of 2 or more.
    let ceiling = if tricks.is_empty() { 2 } else { 3 };
    if plain.as_ref().is_some_and(|m| m.strength >= ceiling)
        || (!p.keys.has(LOOSE_DIFFERS) && !t.has(LOOSE_DIFFERS))
    {
        return plain;
    }
    let disguised = p.keys.disguised_words | p.keys.leet_words();
    let loose =
        compare_tokens(p.loose(), p.keys.filler[2], disguised, t.reading(2)).map(|mut m| {
            m.loose = true;
            if tricks.is_empty() {
                m.strength = m.strength.min(2);
            }
            m
        });
    match (plain, loose) {
        (Some(a), Some(b)) if b.strength > a.strength => Some(b),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

/// Token positions as bits: names are compared by their first 128 words (a 200-character name has at
/// most 100 unless it holds ligatures that expand to several words), and a comparison runs several times
/// per candidate, so it allocates nothing.
type Positions = u128;
const MAX_TOKENS: usize = Positions::BITS as usize;

/// `p_disguised`: the profile's words written with lookalike letters or hidden characters, one bit
/// each (`Normalized::disguised_words`).
/// `t`: the protected name's words as `NameKeys` holds them, read in order only (gathering them by
/// place cost more than the comparison: scripts/count-instructions.sh).
fn compare_tokens(p: &[&str], p_filler: u64, p_disguised: u64, text: &str) -> Option<NameMatch> {
    let p = &p[..p.len().min(MAX_TOKENS)];
    let t = || WordIter(text).take(MAX_TOKENS);
    // Words are separated by single spaces.
    let spaces = text.bytes().filter(|&b| b == b' ').count();
    let t_len = if text.is_empty() {
        0
    } else {
        (spaces + 1).min(MAX_TOKENS)
    };
    if t_len == 0 || p.is_empty() {
        return None;
    }
    // Set aside filler words the protected name does not itself contain ("The Weeknd" keeps "the").
    let core: Positions = p
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            let filler = *i < 64 && p_filler & (1 << i) != 0;
            !filler || t().any(|x| x == **w)
        })
        .fold(0, |bits, (i, _)| bits | 1 << i);
    if core == 0 {
        return None;
    }
    let core_words = || {
        p.iter()
            .enumerate()
            .filter(move |(i, _)| core >> i & 1 == 1)
    };
    let profile_bytes = core_words().flat_map(|(_, w)| w.bytes());
    let run_together = if spaces < MAX_TOKENS {
        profile_bytes.eq(text.bytes().filter(|&b| b != b' '))
    } else {
        profile_bytes.eq(t().flat_map(|w| w.bytes()))
    };
    // Every protected token present exactly, each matched to its own profile word.
    let mut used: Positions = 0;
    let all_present =
        t().all(
            |w| match core_words().find(|(i, c)| used >> i & 1 == 0 && **c == w) {
                Some((i, _)) => {
                    used |= 1 << i;
                    true
                }
                None => false,
            },
        );
    let core_len = core.count_ones() as usize;
    // The same words in any order, or run together.
    if run_together || (all_present && core_len == t_len) {
        return Some(NameMatch {
            how: NameHow::Same,
            strength: 3,
            similarity: 1.0,
            loose: false,
        });
    }
    // Every protected token present, with other words beside it.
    if all_present {
        let extra: Vec<String> = core_words()
            .filter(|(i, _)| used >> i & 1 == 0)
            .map(|(_, c)| c.to_string())
            .collect();
        // A protected name spelled with lookalike letters or hidden characters ("Nіke Store" with a
        // Cyrillic і, "Аliko Dangote Lagos" with a Cyrillic А) is a close name whatever words stand
        // around it: nobody writes their own name that way, so the other words cannot make it someone
        // else's. Only the protected words count: a lookalike in "Lagos" spells nothing protected (but
        // the disguised copy may be the second of two: "Group Idris Gr\u{200b}oup").
        let disguised = p_disguised != 0
            && core_words()
                .any(|(i, w)| i < 64 && p_disguised & (1 << i) != 0 && t().any(|x| x == *w));
        // Otherwise a one-word protected name inside a longer ordinary name (Olamide -> Olamide
        // Adeyemi) is no match, and a longer one is a weak one (Macky Sall Diop). But a one-word name
        // with only the words of a body that speaks for it (Ethereum Foundation, Davido Management)
        // is a weak one too: a claimed affiliation, not someone else's own name.
        let affiliated = !extra.is_empty() && extra.iter().all(|w| is_affiliation_word(w));
        if t_len < 2 && !disguised && !affiliated {
            return None;
        }
        return Some(NameMatch {
            how: NameHow::Contains { extra },
            strength: if disguised { 2 } else { 1 },
            similarity: 0.9,
            loose: false,
        });
    }
    // Token alignment by Jaro-Winkler, weighted by token length; short tokens must match exactly.
    if core_len != t_len {
        return None;
    }
    let mut used: Positions = 0;
    let mut total = 0.0;
    let mut weight = 0.0;
    let mut worst: f64 = 1.0;
    for w in t() {
        let best = core_words()
            .filter(|(i, _)| used >> i & 1 == 0)
            .map(|(i, c)| (i, token_similarity(c, w)))
            .max_by(|x, y| x.1.total_cmp(&y.1))?;
        used |= 1 << best.0;
        let len = w.chars().count() as f64;
        total += best.1 * len;
        weight += len;
        worst = worst.min(best.1);
    }
    let sim = total / weight;
    let long_enough = t().map(|w| w.chars().count()).sum::<usize>() >= 6;
    let strength = if sim >= 0.94 && worst >= 0.88 && long_enough {
        2
    } else if sim >= 0.9 && worst >= 0.8 {
        1
    } else {
        return None;
    };
    Some(NameMatch {
        how: NameHow::Similar,
        strength,
        similarity: (sim * 1000.0).round() / 1000.0,
        loose: false,
    })
}

fn token_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.chars().count() <= 3 || b.chars().count() <= 3 {
        return 0.0;
    }
    if a.is_ascii() && b.is_ascii() && a.len() <= 64 && b.len() <= 64 {
        return jaro_winkler_ascii(a.as_bytes(), b.as_bytes());
    }
    strsim::jaro_winkler(a, b)
}

/// `strsim::jaro_winkler` for short ASCII strings, with bitmasks for the match flags. Same formula in
/// the same order, so the same f64; strsim allocates and re-walks `b` from its start for every letter
/// of `a`, which made name comparison the largest part of a check.
fn jaro_winkler_ascii(a: &[u8], b: &[u8]) -> f64 {
    let (a_len, b_len) = (a.len(), b.len());
    if a_len == 0 && b_len == 0 {
        return 1.0;
    } else if a_len == 0 || b_len == 0 {
        return 0.0;
    }
    let range = (a_len.max(b_len) / 2).saturating_sub(1);
    let (mut a_flags, mut b_flags) = (0u64, 0u64);
    let mut matches = 0usize;
    for (i, &x) in a.iter().enumerate() {
        let lo = i.saturating_sub(range);
        let hi = b_len.min(i + range + 1);
        if let Some(j) = (lo..hi).find(|&j| b[j] == x && b_flags & (1 << j) == 0) {
            a_flags |= 1 << i;
            b_flags |= 1 << j;
            matches += 1;
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut j = 0;
    for (i, &x) in a.iter().enumerate() {
        if a_flags & (1 << i) != 0 {
            while b_flags & (1 << j) == 0 {
                j += 1;
            }
            if x != b[j] {
                transpositions += 1;
            }
            j += 1;
        }
    }
    transpositions /= 2;
    let m = matches as f64;
    let sim =
        ((m / a_len as f64) + (m / b_len as f64) + ((matches - transpositions) as f64 / m)) / 3.0;
    if sim > 0.7 {
        let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp(p: &str, t: &str) -> Option<(u8, NameHow)> {
        let p = NameKeys::new(p);
        compare(&ProfileName::new(&p), &NameKeys::new(t)).map(|m| (m.strength, m.how))
    }

    #[test]
    fn same_name_through_evasions() {
        for p in [
            "Dangote Aliko",
            "AlikoDangote",
            "Aliko.Dangote",
            "Аliko Dangоte",
            "𝐀𝐥𝐢𝐤𝐨 𝐃𝐚𝐧𝐠𝐨𝐭𝐞",
            "✅ Aliko Dangote ✅",
            "Aliko Dangote Official",
            "AIiko Dangote",
        ] {
            assert_eq!(cmp(p, "Aliko Dangote").map(|m| m.0), Some(3), "{p}");
        }
    }

    /// `NameKeys::new` as it was before issue 25's rewrite, each reading's words collected into a
    /// vector and the loose words made one by one: what the rewrite must still give.
    fn new_simple(name: &str) -> NameKeys {
        let norm = normalize(name, MAX_NAME_CHARS);
        let glyph: Vec<&str> = split_words(&norm.glyph).collect();
        let fold: Vec<&str> = split_words(&norm.fold).collect();
        let loose_owned: Vec<Cow<str>> = glyph.iter().map(|t| loose_token(t)).collect();
        let loose: Vec<&str> = loose_owned.iter().map(|t| t.as_ref()).collect();
        // The three readings mostly hold the same words: ask about each word once.
        let fold_filler = filler_bits(&fold, None);
        let glyph_filler = filler_bits(&glyph, Some((&fold, fold_filler)));
        let tricks = tricks(name);
        let leet_words = if tricks.is_empty() {
            0
        } else {
            // The loose readings of the words written with digits, found among the name's.
            let leet: Vec<String> = name
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| is_leet_word(w))
                .flat_map(|w| {
                    split_words(&normalize(w, MAX_NAME_CHARS).glyph)
                        .map(|t| loose_token(t).into_owned())
                        .collect::<Vec<_>>()
                })
                .collect();
            loose
                .iter()
                .take(64)
                .enumerate()
                .filter(|(_, t)| leet.iter().any(|l| l == *t))
                .fold(0u64, |bits, (i, _)| bits | 1 << i)
        };
        let glyph_differs = glyph != fold;
        let loose_differs = loose != glyph;
        let readings = [
            (&fold, true),
            (&glyph, glyph_differs),
            (&loose, loose_differs),
        ];
        // At its exact size (each reading's words and the spaces between them): three times the fold
        // was reallocated by `into_boxed_str` for every name of a checker (issue 25).
        let size = readings
            .iter()
            .filter(|(_, differs)| *differs)
            .map(|(words, _)| {
                words
                    .iter()
                    .map(|w| w.len() + 1)
                    .sum::<usize>()
                    .saturating_sub(1)
            })
            .sum();
        let mut text = String::with_capacity(size);
        let mut ends = [0u32; 3];
        for (i, (words, differs)) in readings.into_iter().enumerate() {
            if differs {
                let start = text.len();
                for w in words.iter() {
                    if text.len() > start {
                        text.push(' ');
                    }
                    text.push_str(w);
                }
            }
            // Names are cut at MAX_NAME_CHARS, so their keys are far below 4 GB.
            ends[i] = text.len() as u32;
        }
        let flags = [
            (glyph_differs, GLYPH_DIFFERS),
            (loose_differs, LOOSE_DIFFERS),
            (norm.truncated, TRUNCATED),
            (norm.mixed_script_word, MIXED_SCRIPT),
            (norm.mixed_style_word, MIXED_STYLE),
        ]
        .into_iter()
        .filter(|(set, _)| *set)
        .fold(0, |flags, (_, bit)| flags | bit);
        NameKeys {
            filler: [
                fold_filler,
                glyph_filler,
                // A loose word is the glyph word read loosely: filler if that word is ("Music" reads
                // "muslc").
                filler_bits(&loose, Some((&glyph, glyph_filler))) | glyph_filler,
            ],
            rare: (!norm.changes.is_empty() || !tricks.is_empty()).then(|| {
                Box::new(Rare {
                    changes: norm.changes.into_boxed_slice(),
                    tricks: tricks.into_boxed_slice(),
                    leet_words,
                })
            }),
            text: text.into_boxed_str(),
            ends,
            disguised_words: norm.disguised_words,
            flags,
        }
    }

    /// Names of the words the keys treat apart: filler, labels and denials, H.E., numbers, leetspeak,
    /// i and l, lookalikes, styled letters, and more than 8 words.
    fn name_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = prop_oneof![
            Just("Official".to_string()),
            Just("Fan".to_string()),
            Just("not".to_string()),
            Just("parody".to_string()),
            Just("Page".to_string()),
            Just("H.E.".to_string()),
            Just("2027".to_string()),
            Just("D4v1d0".to_string()),
            Just("DAVlDO".to_string()),
            Just("Aliko".to_string()),
            Just("Mrs".to_string()),
            Just("Аliko".to_string()),
            Just("𝐁urna".to_string()),
            "[a-zA-Z0-9iIl@$.\u{e9}\u{430}]{1,9}",
        ];
        proptest::collection::vec(word, 0..12).prop_map(|w| w.join(" "))
    }

    proptest::proptest! {
        /// The rewritten `NameKeys::new` (no word lists, the loose reading written in place) gives the
        /// keys the simple one gives: text, ends, filler bits, flags, changes and tricks.
        #[test]
        fn name_keys_are_the_simple_ones(name in name_strategy()) {
            proptest::prop_assert_eq!(
                format!("{:?}", NameKeys::new(&name)),
                format!("{:?}", new_simple(&name))
            );
        }

        /// The byte scan finds the words `split(' ')` finds, runs of spaces and spaces at either end
        /// included.
        #[test]
        fn split_words_is_str_split_less_empty_pieces(s in "[ a-z\u{e9}\u{430}\u{4E00}\u{1D400}]{0,30}") {
            let want: Vec<&str> = s.split(' ').filter(|w| !w.is_empty()).collect();
            proptest::prop_assert_eq!(split_words(&s).collect::<Vec<_>>(), want);
        }

        /// The borrowed loose reading is the mapped one: every letter or digit that changes (i, and
        /// digits but 2) makes an owned copy, every word without one is itself.
        #[test]
        fn loose_token_is_the_mapped_word(t in "[a-z0-9ıİiIl\u{e9}\u{444}]{0,12}") {
            let mapped: String = if is_numeric(&t) {
                t.clone()
            } else {
                t.chars()
                    .map(|c| match c {
                        'i' | '1' => 'l',
                        c => leet_letter(c).unwrap_or(c),
                    })
                    .collect()
            };
            let read = loose_token(&t);
            proptest::prop_assert_eq!(read.as_ref(), mapped.as_str());
        }

        #[test]
        fn ascii_jaro_winkler_is_strsims(a in "[a-e]{0,64}", b in "[a-e]{0,64}") {
            proptest::prop_assert_eq!(
                jaro_winkler_ascii(a.as_bytes(), b.as_bytes()).to_bits(),
                strsim::jaro_winkler(&a, &b).to_bits()
            );
        }
    }

    #[test]
    fn one_shared_token_is_not_a_match() {
        assert_eq!(cmp("Fatou Sall", "Macky Sall"), None);
        assert_eq!(cmp("Olamide Adeyemi", "Olamide"), None);
        assert_eq!(cmp("Obi Chukwuma", "Peter Obi"), None);
        assert_eq!(cmp("Sadio Diallo", "Sadio Mané"), None);
    }

    #[test]
    fn typos_and_containment() {
        assert_eq!(cmp("Aliko Dangotte", "Aliko Dangote").map(|m| m.0), Some(2));
        assert!(matches!(
            cmp("Peter Obi Chukwuma", "Peter Obi"),
            Some((1, NameHow::Contains { .. }))
        ));
        assert_eq!(cmp("The Weeknd", "The Weeknd").map(|m| m.0), Some(3));
    }
}
