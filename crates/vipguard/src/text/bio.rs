//! The bio as a third signal: what impersonators write there (claims to be the account, the scams they
//! run, from `bio_cues.txt`), crypto wallet addresses, and links whose domain imitates a protected
//! account's own sites. A cue alone is nothing: ordinary people write "new account" too; it counts
//! beside a name or handle that already resembles a protected account (`verdict/decide.rs`).

use crate::text::handle::{self, HandleKeys, HandleMatch, TargetKeys};
use crate::text::normalize::normalize;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// What a cue says about the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueKind {
    /// It claims to be the account ("official account", "new account, old one hacked").
    Claim,
    /// It runs a scam the account's followers fall for (giveaways, "DM my manager", "send 1 get 2").
    Scam,
}

/// One cue found in a bio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cue {
    pub kind: CueKind,
    /// The cue's name in `bio_cues.txt` (`official`, `manager` …), or `wallet`.
    pub what: &'static str,
    /// The words of the bio that said it, as written.
    pub phrase: String,
    /// For a backup or new account: the @handle named just after, whose account it says it is.
    pub mention: Option<String>,
    /// For a claim that speaks of a group ("Official youth page of RCCG Jesus House", "Chorale des
    /// jeunes … – page officielle"): the words that say whose page it is, as read, the claim's own words
    /// included. Empty when they name no church, choir, association or other group. The claim is that
    /// group's unless these words also name the protected account (`verdict/signals.rs`).
    pub group: Vec<String>,
    /// The words in `group` name their owner by a proper name, not by a group word ("Page officielle de
    /// Chez Tantie Awa", "Auntie Esi Waakye official page"): the page is that owner's unless a word of
    /// the protected account's names or handles is among them.
    pub named_owner: bool,
    /// For a claim in a bio that says it is a backup ("Me backup page ni. Main: @akos_bakes"): the
    /// @handle it names, the main account it stands in for. The claim is that account's unless the
    /// handle is the protected account's or resembles it (`verdict/signals.rs`).
    pub main: Option<String>,
}

struct Pattern {
    kind: CueKind,
    what: &'static str,
    words: Vec<Word>,
}

/// A cue made of words near each other in any order: one word of each group within `window` words
/// of a word of the first group ("contactez … mon manager … WhatsApp").
struct Near {
    kind: CueKind,
    what: &'static str,
    window: usize,
    groups: Vec<Vec<Word>>,
}

enum Word {
    Exact(String),
    Prefix(String),
    /// A word holding a digit: an amount.
    Amount,
    /// A word holding a digit and a per cent sign: a rate.
    Percent,
    /// `{name}`: a word of the protected account's name, written whole in the bio.
    Name,
    /// `yyyy`: a year (1950 to 2039), as in "since 2010".
    Year,
}

impl Word {
    fn parse(w: &str) -> Self {
        match w {
            "#" => Word::Amount,
            "%" => Word::Percent,
            "{name}" => Word::Name,
            "yyyy" => Word::Year,
            _ if w.ends_with('*') => Word::Prefix(key(w.trim_end_matches('*'))),
            _ => Word::Exact(key(w)),
        }
    }

    fn matches(&self, w: &BioWord) -> bool {
        match self {
            Word::Exact(k) => *k == w.key,
            Word::Prefix(k) => w.key.starts_with(k.as_str()),
            Word::Amount => w.has_digit,
            Word::Percent => w.has_digit && w.percent,
            Word::Name => w.name,
            Word::Year => w.year,
        }
    }
}

struct Table {
    /// Phrases by their first word (every phrase starts with a plain word).
    phrases: HashMap<String, Vec<Pattern>>,
    near: Vec<Near>,
    /// Rules holding `{name}`, read for each protected account the profile resembles.
    name_near: Vec<Near>,
    /// Cue name -> what cancels it anywhere in the bio.
    unless: Vec<(&'static str, Unless)>,
    /// Words for "of" or "for" just after a claim, before whose page it is ("page of", "ukurasa wa").
    owner_of: Vec<Word>,
    /// A copula after a relative word that stands for "of" (Twi "Official page a ɛyɛ Auntie Akos
    /// Waakye": the page that is Auntie Akos's): skipped before the owner's name.
    copulas: Vec<Word>,
    /// Relative words read as "of" only when a copula follows (Twi "a ɛyɛ"; English "a" is an article).
    relatives: Vec<Word>,
    /// Words naming a group that has pages of its own: a church, a choir, an association.
    groups: Vec<Word>,
    /// Titles, ranks and roles written with a capital ("His Excellency", "Baba Aladura", "Nollywood
    /// actress"): they name the person's standing, not another owner.
    titles: Vec<Word>,
    /// Trades and businesses ("boulangerie", "dibiterie", "barbershop"): right after a claim, or after
    /// its "of", they say whose page it is ("Page officielle Dibiterie Chez Modou").
    trades: Vec<Word>,
    /// Words for a backup or secondary account ("backup", "secours"), or words near each other
    /// that say so ("conta reserva"): such a bio naming another @handle is that handle's backup.
    backup: Vec<Word>,
    backup_near: Vec<Near>,
    /// Words for the main account ("main", "principal", "kuu"): a sentence after the backup's opening
    /// with one of them names the main account ("Backup page. My main is @…").
    main_words: Vec<Word>,
    /// Rules holding `{name}` that say the writer follows the person ("Dégg naa {name} ba 2010", "Fan
    /// of {name} since 2012"): a fan's self-description, which cancels the claims holding the name.
    unless_named: Vec<Near>,
}

/// What cancels a cue: a word anywhere in the bio, or words near each other.
enum Unless {
    Any(Vec<Word>),
    Near(Near),
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse(include_str!("bio_cues.txt")))
}

fn parse(text: &'static str) -> Table {
    let mut phrases: HashMap<String, Vec<Pattern>> = HashMap::default();
    let mut near = Vec::new();
    let mut name_near = Vec::new();
    let mut unless = Vec::new();
    let (mut owner_of, mut groups, mut titles) = (Vec::new(), Vec::new(), Vec::new());
    let (mut trades, mut backup, mut unless_named) = (Vec::new(), Vec::new(), Vec::new());
    let (mut backup_near, mut main_words) = (Vec::new(), Vec::new());
    let (mut copulas, mut relatives) = (Vec::new(), Vec::new());
    let alternatives = |body: &str| -> Vec<Word> {
        body.split('|')
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(Word::parse)
            .collect()
    };
    // `near N`: groups of alternatives separated by `+`.
    let near_rule = |kind, what, head: &mut std::str::SplitWhitespace, body: &str| {
        let window = head.next().and_then(|n| n.parse().ok())?;
        let groups: Vec<Vec<Word>> = body
            .split('+')
            .map(alternatives)
            .filter(|g: &Vec<Word>| !g.is_empty())
            .collect();
        (groups.len() >= 2).then_some(Near {
            kind,
            what,
            window,
            groups,
        })
    };
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let Some((head, body)) = line.split_once(':') else {
            continue;
        };
        match head.trim() {
            "owner of" => owner_of.extend(alternatives(body)),
            "owner copula" => copulas.extend(alternatives(body)),
            "owner relative" => relatives.extend(alternatives(body)),
            "owner group" => groups.extend(alternatives(body)),
            "owner title" => titles.extend(alternatives(body)),
            "owner trade" => trades.extend(alternatives(body)),
            "backup" => backup.extend(alternatives(body)),
            "backup main" => main_words.extend(alternatives(body)),
            h if h.starts_with("backup near") => {
                let mut rest = h.split_whitespace();
                rest.nth(1); // "backup near", then the window
                backup_near.extend(near_rule(CueKind::Claim, "backup", &mut rest, body));
            }
            _ => {}
        }
        if let Some(rest) = head.strip_prefix("unless ") {
            let mut rest = rest.split_whitespace();
            let Some(what) = rest.next() else { continue };
            let is_near = rest.next() == Some("near");
            if is_near && what == "named" {
                unless_named.extend(near_rule(CueKind::Claim, what, &mut rest, body));
            } else if is_near {
                if let Some(n) = near_rule(CueKind::Claim, what, &mut rest, body) {
                    unless.push((what, Unless::Near(n)));
                }
            } else {
                unless.push((what, Unless::Any(alternatives(body))));
            }
            continue;
        }
        let mut head = head.split_whitespace();
        let kind = match head.next() {
            Some("claim") => CueKind::Claim,
            Some("scam") => CueKind::Scam,
            _ => continue,
        };
        let Some(what) = head.next() else { continue };
        if head.next() == Some("near") {
            if let Some(rule) = near_rule(kind, what, &mut head, body) {
                let named = rule
                    .groups
                    .iter()
                    .flatten()
                    .any(|w| matches!(w, Word::Name));
                if named { &mut name_near } else { &mut near }.push(rule);
            }
            continue;
        }
        for pattern in body.split(';') {
            let words: Vec<Word> = pattern.split_whitespace().map(Word::parse).collect();
            let first = match words.first() {
                Some(Word::Exact(w)) if !w.is_empty() => w.clone(),
                _ => continue,
            };
            phrases
                .entry(first)
                .or_default()
                .push(Pattern { kind, what, words });
        }
    }
    Table {
        phrases,
        near,
        name_near,
        unless,
        owner_of,
        copulas,
        relatives,
        groups,
        titles,
        trades,
        backup,
        backup_near,
        main_words,
        unless_named,
    }
}

/// Every cue name the table and the code can report, for the wording's completeness test.
#[cfg(test)]
pub(crate) fn cue_names() -> Vec<&'static str> {
    let t = table();
    let mut names: Vec<&'static str> = t.phrases.values().flatten().map(|p| p.what).collect();
    names.extend(t.near.iter().chain(&t.name_near).map(|n| n.what));
    names.extend(["wallet", "verified"]);
    names.extend(
        (0..CONCEPTS.len()).flat_map(|a| (a + 1..CONCEPTS.len()).map(move |b| concept_pair(a, b))),
    );
    names.sort_unstable();
    names.dedup();
    names
}

/// A pattern word as the bio's words are read.
fn key(word: &str) -> String {
    normalize(word, 100).fold.replace(' ', "")
}

/// A word of the bio: its reading, and where it stands in the bio as written.
struct BioWord {
    key: String,
    start: usize,
    end: usize,
    has_digit: bool,
    percent: bool,
    /// Written as a year, 1950 to 2039 (read as written: folding reads digits as lookalike letters).
    year: bool,
    /// Part of the protected name written whole (`name_cues` only).
    name: bool,
    /// Read from a web address, an e-mail address or an @handle (`metamask-support.com`).
    address: bool,
}

/// The bio's words: each piece between blanks read on its own, so a phrase can be quoted as written.
fn words(bio: &str) -> Vec<BioWord> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in bio.char_indices().chain(std::iter::once((bio.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let piece = &bio[s..i];
                let has_digit = piece.chars().any(|c| c.is_numeric());
                let percent = piece.contains('%');
                let digits = piece.trim_matches(|c: char| !c.is_alphanumeric());
                let year = digits.len() == 4
                    && digits
                        .parse::<u32>()
                        .is_ok_and(|y| (1950..2040).contains(&y));
                let address =
                    piece.contains(['/', '@']) || piece.contains('.') && host(piece).is_some();
                for k in normalize(piece, 200)
                    .fold
                    .split(' ')
                    .filter(|k| !k.is_empty())
                {
                    out.push(BioWord {
                        key: k.to_string(),
                        start: s,
                        end: i,
                        has_digit,
                        percent,
                        year,
                        name: false,
                        address,
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Words that deny what follows ("not an official account", "pas le vrai compte").
const DENIALS: &[&str] = &[
    "not", "no", "never", "pas", "non", "jamais", "nao", "sio", "si", "ba", "ليس", "ليست", "لست",
    "لسنا",
];

/// Whether a bio word denies what follows, read as the bio's words are (Arabic letters fold).
fn denies(w: &BioWord) -> bool {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| DENIALS.iter().map(|d| key(d)).collect())
        .contains(&w.key)
}

/// Every claim and scam cue in `bio`, in the order written (at most one per cue name).
pub(crate) fn cues(bio: &str) -> Vec<Cue> {
    // A blank bio (most profiles have none) has no words and no whitespace-separated pieces, so none
    // of `read_cues`' passes can find anything; they still walked every rule of the table.
    if bio.trim().is_empty() {
        return Vec::new();
    }
    read_cues(bio)
}

/// `cues` of a bio that is not blank.
fn read_cues(bio: &str) -> Vec<Cue> {
    let table = table();
    let words = words(bio);
    let mut out: Vec<Cue> = Vec::new();
    // Where each cue starts in the bio (one cue per name), for the sentence it stands in.
    let mut starts: HashMap<&'static str, usize> = HashMap::default();
    for i in 0..words.len() {
        let Some(candidates) = table.phrases.get(&words[i].key) else {
            continue;
        };
        for p in candidates {
            if out.iter().any(|c| c.what == p.what) || !matches(p, &words[i..]) {
                continue;
            }
            let denied = words[i.saturating_sub(3)..i].iter().any(denies);
            if denied && p.kind == CueKind::Claim {
                continue;
            }
            let to = i + p.words.len() - 1;
            let phrase = quote(&bio[words[i].start..words[to].end]);
            let (group, named_owner) = owner(table, bio, &words, p.kind, i, to);
            starts.insert(p.what, words[i].start);
            out.push(Cue {
                kind: p.kind,
                what: p.what,
                phrase,
                mention: mention_after(&bio[words[to].start..]),
                group,
                named_owner,
                main: None,
            });
        }
    }
    for rule in &table.near {
        if out.iter().any(|c| c.what == rule.what) {
            continue;
        }
        if let Some((from, to)) = near(rule, &words) {
            let denied = words[from.saturating_sub(3)..from].iter().any(denies);
            if denied && rule.kind == CueKind::Claim {
                continue;
            }
            // A personal account set against a ministry's or a team's page ("my personal handle; my
            // admin runs the ministry page") names the group as the other page, not as its owner.
            let (group, named_owner) = if rule.what == "personal" {
                (Vec::new(), false)
            } else {
                owner(table, bio, &words, rule.kind, from, to)
            };
            starts.insert(rule.what, words[from].start);
            out.push(Cue {
                kind: rule.kind,
                what: rule.what,
                phrase: quote(&bio[words[from].start..words[to].end]),
                mention: mention_after(&bio[words[to].start..]),
                group,
                named_owner,
                main: None,
            });
        }
    }
    for (what, unless) in &table.unless {
        let cancelled = match unless {
            Unless::Any(any) => words.iter().any(|w| any.iter().any(|x| x.matches(w))),
            Unless::Near(rule) => near(rule, &words).is_some(),
        };
        if cancelled {
            out.retain(|c| c.what != *what);
        }
    }
    // A backup page naming another @handle ("Me backup page ni. Main: @akos_bakes_gh"): the claims of
    // the backup's sentence and of the handle's ("page gangan ni @…", "the real one is @…") speak of
    // that account. A claim in another sentence ("This is my real account. Backup: @…") still speaks
    // for this one.
    if let Some((main, at)) = backup_main(table, bio, &words) {
        let of_main = at.map(|a| sentence(bio, a));
        for c in out.iter_mut().filter(|c| c.kind == CueKind::Claim) {
            let s = starts.get(c.what).map(|&x| sentence(bio, x));
            if s.is_some_and(|s| of_main.contains(&s)) {
                c.main = Some(main.clone());
            }
        }
    }
    if !out.iter().any(|c| c.what == "verified") {
        if let Some(phrase) = badge(bio) {
            out.push(Cue {
                kind: CueKind::Claim,
                what: "verified",
                phrase,
                mention: None,
                group: Vec::new(),
                named_owner: false,
                main: None,
            });
        }
    }
    if !out.iter().any(|c| c.kind == CueKind::Scam) {
        out.extend(concept_cue(bio, &words));
    }
    if let Some(w) = bio.split_whitespace().find_map(wallet) {
        out.push(Cue {
            kind: CueKind::Scam,
            what: "wallet",
            phrase: w.to_string(),
            mention: None,
            group: Vec::new(),
            named_owner: false,
            main: None,
        });
    }
    out
}

/// The claims that hold the protected name (`{name}` in `bio_cues.txt`): "Adaeze Okonkwo second
/// account", "Compte personnel de Adaeze Okonkwo", "Management of Adaeze Okonkwo". Everyday bios say
/// "second account", "personal page" or "private account" too; beside the name of the account they
/// resemble, within one sentence, these say whose account this is. `names`: the fold words of each of
/// the account's names; `have`: cues already found, not repeated.
pub(crate) fn name_cues(bio: &str, names: &[&[&str]], have: &[Cue]) -> Vec<Cue> {
    let table = table();
    let mut words = words(bio);
    let mut named = false;
    for name in names.iter().filter(|n| !n.is_empty()) {
        for i in 0..words.len().saturating_sub(name.len() - 1) {
            let run = &words[i..i + name.len()];
            if run
                .iter()
                .zip(name.iter())
                .all(|(w, n)| w.key == *n && !w.address)
            {
                words[i..i + name.len()]
                    .iter_mut()
                    .for_each(|w| w.name = true);
                named = true;
            }
        }
    }
    let mut out: Vec<Cue> = Vec::new();
    if !named {
        return out;
    }
    // "Dégg naa {name} ba 2010", "Following {name} since 2012": the writer follows the person, in one
    // sentence; the name is the person followed, not the account's.
    let follows = table.unless_named.iter().any(|rule| {
        near(rule, &words)
            .is_some_and(|(from, to)| (from..to).all(|k| !breaks_after(bio, &words, k, false)))
    });
    if follows {
        return out;
    }
    for rule in &table.name_near {
        if have.iter().chain(&out).any(|c| c.what == rule.what) {
            continue;
        }
        let Some((mut from, mut to)) = near(rule, &words) else {
            continue;
        };
        // Quote the whole name, not the word of it the rule met first.
        while from > 0 && words[from].name && words[from - 1].name {
            from -= 1;
        }
        while to + 1 < words.len() && words[to].name && words[to + 1].name {
            to += 1;
        }
        let one_sentence = (from..to).all(|k| !breaks_after(bio, &words, k, false));
        let denied = words[from.saturating_sub(3)..from].iter().any(denies);
        if one_sentence && !denied {
            out.push(Cue {
                kind: rule.kind,
                what: rule.what,
                phrase: quote(&bio[words[from].start..words[to].end]),
                mention: None,
                group: Vec::new(),
                named_owner: false,
                main: None,
            });
        }
    }
    out
}

/// Whether the bio breaks a sentence (`.`, `!`, `?`, `|`, a new line) or, with `clause`, a clause
/// (also `,`, `:`, a dash or a bracket) between word `k` and the next.
fn breaks_after(bio: &str, words: &[BioWord], k: usize, clause: bool) -> bool {
    let Some(next) = words.get(k + 1) else {
        return true;
    };
    if next.start == words[k].start {
        return false; // one piece read as several words ("Saint-Paul")
    }
    let between = &bio[words[k].start..next.start];
    // What follows the piece's last letter or digit: its punctuation, the blanks and lone marks after.
    let tail = between
        .rsplit_once(|c: char| c.is_alphanumeric())
        .map_or(between, |(_, t)| t);
    // "St. Mary's", "Dr. Okafor": a full stop after one or two letters shortens a word.
    let short = words[k].key.chars().count() <= 2 && tail.trim() == ".";
    !short
        && tail.chars().any(|c| {
            matches!(c, '.' | '!' | '?' | '|' | '\n' | ';' | '؟' | '•')
                || clause && matches!(c, ',' | ':' | '–' | '—' | '-' | '(' | ')' | '/' | '،')
        })
}

/// Arabic writes "of" and "the" on the word: للجمعية is ل + ال + جمعية ("of the association").
fn without_arabic_prefix(key: &str) -> &str {
    ["لل", "ال", "لـ", "ل", "بال"]
        .iter()
        .find_map(|p| key.strip_prefix(p).filter(|r| r.chars().count() >= 2))
        .unwrap_or(key)
}

/// For a claim on words `from..=to`: the words that say whose page it is, when they name another owner
/// than the person, and whether they name it by a proper name. After "of" or "for" just after the
/// claim, up to the end of the clause ("Official youth page of RCCG Jesus House", "Page officielle de
/// Chez Tantie Awa"); without one, the claim's sentence ("Chorale des jeunes de la paroisse Saint-Paul
/// – page officielle"), the sentence before a claim that stands alone ("Ẹgbẹ́ akẹ́kọ̀ọ́ àtijọ́ …, 2005
/// set. Page osise"), or a proper name just before it ("Auntie Esi Waakye official page"). Empty when
/// they name no one: "Official page of the artist" and "Official page of Adaeze Okonkwo" stay claims
/// (the latter by `verdict/signals.rs`, which compares the words with the protected names).
fn owner(
    table: &Table,
    bio: &str,
    words: &[BioWord],
    kind: CueKind,
    from: usize,
    to: usize,
) -> (Vec<String>, bool) {
    let none = (Vec::new(), false);
    if kind != CueKind::Claim || table.groups.is_empty() {
        return none;
    }
    let keys = |span: &[BioWord]| -> Vec<String> {
        span.iter()
            .map(|w| without_arabic_prefix(&w.key).to_string())
            .collect()
    };
    let is_trade = |w: &BioWord| table.trades.iter().any(|t| t.matches(w));
    let is_group = |w: &BioWord| {
        table.groups.iter().any(|g| g.matches(w))
            || table.groups.iter().any(|g| match g {
                Word::Exact(k) => *k == without_arabic_prefix(&w.key),
                _ => false,
            })
    };
    // Capitals say a proper name only where the claim itself is written in lower case ("Official Page
    // Of The Artist" capitalises every word), and not in a title ("of Baba Aladura", "of Fada").
    let claim_cased = words[from..=to].iter().any(|w| !capitalised(bio, w));
    let proper = |w: &BioWord| capitalised(bio, w) && !table.titles.iter().any(|t| t.matches(w));
    let next = words
        .get(to + 1)
        .filter(|_| !breaks_after(bio, words, to, true));
    let is_copula = |w: &BioWord| table.copulas.iter().any(|c| c.matches(w));
    let of = next.is_some_and(|w| table.owner_of.iter().any(|x| x.matches(w)))
        || next.is_some_and(|w| table.relatives.iter().any(|x| x.matches(w)))
            && words.get(to + 2).is_some_and(is_copula);
    // Arabic "of" is written on the word: الصفحة الرسمية لشباب المسجد.
    let arabic_of =
        next.is_some_and(|w| w.key.starts_with('ل') && without_arabic_prefix(&w.key) != w.key);
    if of || arabic_of {
        let mut start = if of { to + 2 } else { to + 1 };
        if of && start + 1 < words.len() && is_copula(&words[start]) {
            start += 1;
        }
        // An article after "of", written in lower case, before a trade: "de la Boulangerie …", "de
        // l'Atelier …". Not before a name alone: "of the Naija star" describes the person.
        let lower = |w: &BioWord| {
            bio[w.start..]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        };
        let article = |w: &BioWord| ARTICLES.contains(&w.key.as_str()) && lower(w);
        let skipped = of && start + 1 < words.len() && article(&words[start]);
        if skipped {
            start += 1;
        }
        let mut end = to + 1;
        while end + 1 < words.len() && end < start + 6 && !breaks_after(bio, words, end, true) {
            end += 1;
        }
        let span = &words[from..=end];
        if span.iter().any(is_group) {
            return (keys(span), false);
        }
        // A proper name after a lower-case "of": "… de Chez Tantie Awa", "… wa Mama Zawadi Pilau
        // House"; Arabic names a person by a kunya or a family ("لمطبخ أم خالد").
        // The name: capitalised words in a row, up to a mark or an emoji ("Mama Zawadi Pilau House 🍛").
        let mut name_end = start;
        while name_end + 1 < words.len()
            && name_end < start + 5
            && !punctuated(bio, words, name_end)
            && (arabic_of || capitalised(bio, &words[name_end + 1]))
        {
            name_end += 1;
        }
        let owner = words.get(start..=name_end).unwrap_or(&[]);
        // A trade first, or among the capitalised name: "… de la Boulangerie Le Bon Pain", "… of the
        // barbershop", "… da Padaria Pão Quente": the shop's page, read as a named owner.
        let trade = words.get(start).is_some_and(is_trade) || owner.iter().any(is_trade);
        let named = claim_cased && of && trade && !capitalised(bio, &words[to + 1])
            || claim_cased
                && of
                && !skipped
                && !capitalised(bio, &words[to + 1])
                && !punctuated(bio, words, to + 1)
                && owner.first().is_some_and(|w| capitalised(bio, w))
                && owner.iter().any(proper)
            || arabic_of
                && owner
                    .iter()
                    .skip(1)
                    .any(|w| ARABIC_KIN.iter().any(|k| key(k) == w.key));
        return if named { (keys(span), true) } else { none };
    }
    // A trade or business right after the claim, without "of": "Page officielle Dibiterie Chez Modou".
    if claim_cased && !punctuated(bio, words, to) && words.get(to + 1).is_some_and(is_trade) {
        let mut end = to + 1;
        while end + 1 < words.len() && end < to + 6 && !punctuated(bio, words, end) {
            end += 1;
        }
        return (keys(&words[from..=end]), true);
    }
    let mut lo = from;
    while lo > 0 && !breaks_after(bio, words, lo - 1, false) {
        lo -= 1;
    }
    let mut hi = to;
    while hi + 1 < words.len() && !breaks_after(bio, words, hi, false) {
        hi += 1;
    }
    let span = &words[lo..=hi];
    if span.iter().any(is_group) {
        return (keys(span), false);
    }
    // A claim that is a sentence of its own speaks of the bio's subject, the sentence before: a group
    // when that sentence starts with one ("Chama cha wanafunzi wa zamani …. Ukurasa rasmi").
    if lo == from && hi == to && lo > 0 {
        let mut plo = lo - 1;
        while plo > 0 && !breaks_after(bio, words, plo - 1, false) {
            plo -= 1;
        }
        if words[plo..lo].iter().take(3).any(is_group) {
            return (keys(&words[plo..=hi]), false);
        }
    }
    // Proper names just before the claim, in its clause ("Auntie Esi Waakye official page").
    let mut b = from;
    while b > 0 && !breaks_after(bio, words, b - 1, true) && capitalised(bio, &words[b - 1]) {
        b -= 1;
    }
    if claim_cased && from - b >= 2 && words[b..from].iter().any(proper) {
        return (keys(&words[b..=to]), true);
    }
    none
}

/// Articles after "of", before a shop's name ("de la Boulangerie", "de l'Atelier", "of the Bakery").
const ARTICLES: &[&str] = &["la", "le", "les", "l", "the", "a", "o", "os", "as", "el"];

/// Arabic words that name a person by kin or house (أم خالد "Umm Khalid", أبو أحمد, آل سعود, بيت, دار):
/// after "the official page of", a named owner.
const ARABIC_KIN: &[&str] = &[
    "ام", "أم", "ابو", "أبو", "ابن", "بنت", "ال", "آل", "بيت", "دار",
];

/// Whether a mark (punctuation, an emoji) stands between word `k` and the next: a clause or sentence
/// ends, or an abbreviation ("la." is read as a sentence's end here, not as "St.").
fn punctuated(bio: &str, words: &[BioWord], k: usize) -> bool {
    let Some(next) = words.get(k + 1) else {
        return true;
    };
    let between = &bio[words[k].start..next.start];
    let tail = between
        .rsplit_once(|c: char| c.is_alphanumeric())
        .map_or(between, |(_, t)| t);
    next.start != words[k].start && tail.chars().any(|c| !c.is_whitespace())
}

/// Whether the bio writes `w` with a capital and lower-case letters after it: a proper name, where the
/// words around are in lower case. Not an acronym (RCCG) nor a shouted word.
fn capitalised(bio: &str, w: &BioWord) -> bool {
    let piece = &bio[w.start..w.end];
    // After an elided article, the name: "l'Atelier", "d'Awa".
    let piece = match piece.split_once(['\'', '’']) {
        Some((art, rest)) if (1..=2).contains(&art.chars().count()) && !rest.is_empty() => rest,
        _ => piece,
    };
    let mut letters = piece.chars().filter(|c| c.is_alphabetic());
    letters.next().is_some_and(char::is_uppercase) && letters.any(char::is_lowercase)
}

/// People a shop or a platform verifies: "verified" beside one of them is no badge of the account.
const VERIFIED_WHO: &[&str] = &[
    "buyer",
    "buyers",
    "purchase",
    "customer",
    "customers",
    "seller",
    "sellers",
    "member",
    "members",
    "student",
    "review",
    "reviewer",
    "owner",
    "acheteur",
    "acheteuse",
    "acheteurs",
    "achat",
    "client",
    "cliente",
    "clients",
    "vendeur",
    "vendeuse",
    "membre",
    "membres",
    "avis",
    "comprador",
    "compradora",
    "compradores",
    "compra",
    "vendedor",
    "vendedora",
    "membro",
    "avaliacao",
    "mnunuzi",
    "mteja",
    "muuzaji",
    "mwanachama",
    "onibara",
    "olura",
    "mai",
    "saye",
    "abokin",
    "ciniki",
    "onye",
    "oguzo",
    "mfoo",
    "tɔfoɔ",
    "jendkat",
    "kiliyaan",
    "مشتري",
    "مشترية",
    "عميل",
    "عميلة",
    "بائع",
    "عضو",
    "شراء",
];

/// "Verified ✅", "✔️ Vérifié": the word beside a check mark, a badge typed where the platform shows its
/// own. A check mark alone is a bullet point as often as not.
fn badge(bio: &str) -> Option<String> {
    const WORDS: &[&str] = &[
        "verified",
        "verifie",
        "verifiee",
        "verificado",
        "verificada",
    ];
    let marks = |c: char| matches!(c, '✅' | '✔' | '☑' | '✓' | '\u{FE0F}');
    let pieces: Vec<&str> = bio.split_whitespace().collect();
    for (i, p) in pieces.iter().enumerate() {
        let word = key(p.trim_matches(|c: char| !c.is_alphanumeric()));
        if !WORDS.contains(&word.as_str()) {
            continue;
        }
        let near = [i.checked_sub(1), Some(i), Some(i + 1)];
        // "Acheteuse vérifiée ✔️", "Verified buyer": the platform's word for a buyer or a member.
        let qualifies = [i.checked_sub(1), Some(i + 1)]
            .iter()
            .flatten()
            .filter_map(|&j| pieces.get(j))
            .any(|q| {
                let q = key(q.trim_matches(|c: char| !c.is_alphanumeric()));
                VERIFIED_WHO.iter().any(|w| key(w) == q)
            });
        if !qualifies
            && near
                .iter()
                .flatten()
                .filter_map(|&j| pieces.get(j))
                .any(|q| q.chars().any(|c| marks(c) && c != '\u{FE0F}'))
        {
            return Some(quote(p));
        }
    }
    None
}

/// Marks that end a sentence when a piece of the bio ends with one.
const SENTENCE_END: [char; 5] = ['.', '!', '?', '|', ';'];

/// Which sentence of `bio` the piece starting at byte `at` stands in, counted from 0 (a line break
/// ends one too): equal for two pieces of one sentence.
fn sentence(bio: &str, at: usize) -> usize {
    let before = &bio[..at];
    before
        .split_whitespace()
        .filter(|p| p.ends_with(SENTENCE_END))
        .count()
        + before.matches('\n').count()
}

/// In a bio that says it is a backup or secondary account, the @handle of the main account it stands
/// in for, and where the backup's word and the handle start: the handle within eight words after the
/// backup's word, in its sentence ("Backup mi ni eleyi, page gangan ni @…"), or at the start of the
/// next sentence after a word for the main account ("Sama compte de secours la. Bi ci kanam: @…",
/// "Backup page. My main is @…", "Backup page. Follow @…"), or opening that sentence ("Backup page.
/// @tunde.shoots for my work"). A handle later in a sentence that says nothing of a main account or of
/// following it ("Backup account. Bookings: @…") is not the main.
fn backup_main(table: &Table, bio: &str, words: &[BioWord]) -> Option<(String, [usize; 2])> {
    let at = words
        .iter()
        .position(|w| !w.address && table.backup.iter().any(|b| b.matches(w)))
        .or_else(|| {
            table
                .backup_near
                .iter()
                .find_map(|r| near(r, words))
                .map(|(f, _)| f)
        })?;
    let from = words[at].start;
    let pieces: Vec<(usize, &str)> = bio[from..]
        .split_whitespace()
        .map(|p| (p.as_ptr() as usize - bio.as_ptr() as usize, p))
        .collect();
    let handle = |p: &str| {
        let h = p.strip_prefix('@')?;
        let h = h.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '_');
        (!h.is_empty()).then(|| h.to_string())
    };
    let ends = |i: usize| {
        pieces[i].1.ends_with(SENTENCE_END)
            || pieces
                .get(i + 1)
                .is_some_and(|n| bio[pieces[i].0..n.0].contains('\n'))
    };
    // In the backup's sentence, within eight words after its word.
    let mut next = None;
    for i in 0..pieces.len().min(9) {
        if let Some(h) = handle(pieces[i].1).filter(|_| i > 0) {
            return Some((h, [from, pieces[i].0]));
        }
        if ends(i) {
            next = Some(i + 1);
            break;
        }
    }
    // At the start of the next sentence, after a word for the main account.
    let mut main = false;
    let first = next?;
    for i in (first..pieces.len()).take(5) {
        if let Some(h) = handle(pieces[i].1) {
            // A handle opening the sentence ("Backup page. @tunde.shoots for my work") or after a word
            // for the main account or for following it ("Main: @…", "Follow @…").
            return (main || i == first).then_some((h, [from, pieces[i].0]));
        }
        main |= words
            .iter()
            .any(|w| w.start == pieces[i].0 && table.main_words.iter().any(|m| m.matches(w)));
        if ends(i) {
            break;
        }
    }
    None
}

/// "Backup account of @mymain", "Conta reserva, a principal é @bia.croche": the @handle within six
/// words after a phrase, in its sentence, which account it speaks of.
fn mention_after(rest: &str) -> Option<String> {
    // `rest` starts with the phrase's last piece, read only for the mark that may end its sentence.
    for (i, w) in rest.split_whitespace().take(7).enumerate() {
        if let Some(h) = w.strip_prefix('@').filter(|_| i > 0) {
            let h = h.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '_');
            return Some(h.to_string());
        }
        if w.ends_with(['.', '!', '?', '|', ';']) {
            break;
        }
    }
    None
}

fn matches(p: &Pattern, words: &[BioWord]) -> bool {
    p.words.len() <= words.len() && p.words.iter().zip(words).all(|(pw, w)| pw.matches(w))
}

/// The first span where a word of each group of `rule` stands within its window of a word of the
/// first group: the span's first and last word.
fn near(rule: &Near, words: &[BioWord]) -> Option<(usize, usize)> {
    let hit = |g: &[Word], w: &BioWord| g.iter().any(|x| x.matches(w));
    for (i, w) in words.iter().enumerate() {
        if !hit(&rule.groups[0], w) {
            continue;
        }
        let lo = i.saturating_sub(rule.window);
        let hi = (i + rule.window + 1).min(words.len());
        let (mut from, mut to) = (i, i);
        let all = rule.groups[1..].iter().all(|g| {
            match (lo..hi).filter(|&j| j != i).find(|&j| hit(g, &words[j])) {
                Some(j) => {
                    from = from.min(j);
                    to = to.max(j);
                    true
                }
                None => false,
            }
        });
        if all {
            return Some((from, to));
        }
    }
    None
}

/// The phrase as written, without the punctuation around it.
pub(crate) fn quote(s: &str) -> String {
    s.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ',' | '!' | '?' | ';' | ':' | '"' | '(' | ')' | '«' | '»'
            )
    })
    .to_string()
}

/// The concepts a scam puts together (`bio_concepts.txt`), in the order of `CONCEPT_PAIRS`' names.
const CONCEPTS: [&str; 4] = ["money", "offer", "channel", "urgency"];
/// Line kinds of `bio_concepts.txt` that are not concepts.
const DENY: usize = 100;
const TRADE: usize = 101;
const DENY_AFTER: usize = 102;
const PAID: usize = 103;
const SEND: usize = 104;
const PRICE: usize = 105;

/// The cue name for each pair of concepts, by their indices in `CONCEPTS` (low first).
fn concept_pair(a: usize, b: usize) -> &'static str {
    match (a.min(b), a.max(b)) {
        (0, 1) => "money_offer",
        (0, 2) => "money_channel",
        (0, 3) => "money_urgency",
        (1, 2) => "offer_channel",
        (1, 3) => "offer_urgency",
        _ => "channel_urgency",
    }
}

struct ConceptTable {
    /// (concept index, words in order).
    entries: Vec<(usize, Vec<Word>)>,
    /// Warnings about scams, which cancel the concept cue.
    cancel: Vec<Vec<Word>>,
    /// Words that deny a concept written just after them ("no dey", "don't").
    deny: Vec<Vec<Word>>,
    /// Words that deny a concept written just before them (French "payez jamais").
    deny_after: Vec<Vec<Word>>,
    /// Trades that deal in money ("forex", "crypto"): money only beside a reward or a hurry, like an
    /// amount; "Forex & crypto trader" alone is a job.
    trade: Vec<Vec<Word>>,
    /// Offers that are a scam only when paid for ("agency", "ambassador", "meet & greet", "I will
    /// pray for you", "Umrah"): a reward only beside money asked for or an amount; "Model agency. DM
    /// for castings" alone is a trade.
    paid: Vec<Vec<Word>>,
    /// Verbs of sending: with an amount within five words, money asked for ("envoyez 500 F", "fa GHS
    /// 5 mena me", "fi ₦10k ránṣẹ́"), where "send" alone is everyday ("send me a DM").
    send: Vec<Vec<Word>>,
    /// Price words ("from", "à partir de", "kuanzia"): an amount just after one is a price list, not
    /// money asked for ("Wigs from ₦50k").
    price: Vec<Vec<Word>>,
}

fn concept_table() -> &'static ConceptTable {
    static TABLE: OnceLock<ConceptTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let (mut entries, mut cancel) = (Vec::new(), Vec::new());
        let (mut deny, mut trade, mut deny_after) = (Vec::new(), Vec::new(), Vec::new());
        let (mut paid, mut send, mut price) = (Vec::new(), Vec::new(), Vec::new());
        for line in include_str!("bio_concepts.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
        {
            let Some((head, body)) = line.split_once(':') else {
                continue;
            };
            let mut head = head.split_whitespace();
            let concept = match head.next() {
                Some("concept") => {
                    match head
                        .next()
                        .and_then(|c| CONCEPTS.iter().position(|x| *x == c))
                    {
                        Some(c) => Some(c),
                        None => continue,
                    }
                }
                Some("cancel") => None,
                Some("deny") if head.clone().next() == Some("after") => Some(DENY_AFTER),
                Some("deny") => Some(DENY),
                Some("trade") => Some(TRADE),
                Some("paid") => Some(PAID),
                Some("send") => Some(SEND),
                Some("price") => Some(PRICE),
                _ => continue,
            };
            for entry in body.split('|') {
                let words: Vec<Word> = entry.split_whitespace().map(Word::parse).collect();
                if words.is_empty() {
                    continue;
                }
                match concept {
                    Some(DENY) => deny.push(words),
                    Some(DENY_AFTER) => deny_after.push(words),
                    Some(TRADE) => trade.push(words),
                    Some(PAID) => paid.push(words),
                    Some(SEND) => send.push(words),
                    Some(PRICE) => price.push(words),
                    Some(c) => entries.push((c, words)),
                    None => cancel.push(words),
                }
            }
        }
        ConceptTable {
            entries,
            cancel,
            deny,
            trade,
            deny_after,
            paid,
            send,
            price,
        }
    })
}

/// Currency names written beside an amount ("500 000 FCFA", "Ksh 20,000").
const CURRENCIES: &[&str] = &[
    "fcfa",
    "cfa",
    "f",
    "naira",
    "ksh",
    "kes",
    "tsh",
    "ghs",
    "ugx",
    "usd",
    "mt",
    "dollars",
    "dollar",
    "cedis",
    "euros",
    "reais",
    "دولار",
    "درهم",
    "ريال",
    "جنيه",
];

/// Whether the bio's word `i` is an amount of money: a number with a currency sign or name beside it
/// ("15k" alone is as often "1k followers").
fn amount(bio: &str, words: &[BioWord], i: usize) -> bool {
    let w = &words[i];
    if !w.has_digit || w.address {
        return false;
    }
    let raw = &bio[w.start..w.end];
    let currency = |k: usize| {
        words
            .get(k)
            .is_some_and(|x| !x.has_digit && CURRENCIES.iter().any(|c| key(c) == x.key))
    };
    let sign = |raw: &str| raw.contains(['₦', '$', '€', '£', '₵', '¥', '₹']);
    // The sign before the number or, as French writes it, after ("75 €").
    let next = words.get(i + 1).map_or(bio.len(), |n| n.start);
    let sign_after = next > w.end && sign(&bio[w.end..next]);
    sign(raw)
        || sign_after
        || i > 0 && words[i - 1].end < w.start && sign(&bio[words[i - 1].start..words[i - 1].end])
        || currency(i + 1)
        || i > 0 && currency(i - 1)
}

/// Where the bio gives a private channel the table cannot list: a chat link (wa.me/…, t.me/…) or a
/// phone or account number (`+234 …`, or nine digits or more in a row of numbers).
fn contact_numbers(bio: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize, usize)> = None; // start, end, digits
    let mut offset = 0;
    for piece in bio.split(' ') {
        let start = offset;
        let end = start + piece.len();
        offset = end + 1;
        let lower = piece.to_lowercase();
        if lower.contains("wa.me") || lower.contains("t.me/") {
            out.push((start, end));
        }
        let digits = piece.chars().filter(char::is_ascii_digit).count();
        let numeric = digits > 0
            && piece
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '(' | ')' | '.' | ','));
        if numeric && piece.starts_with('+') && digits >= 3 {
            out.push((start, end));
        }
        run = match (numeric, run) {
            (true, Some((s, _, d))) => Some((s, end, d + digits)),
            (true, None) => Some((start, end, digits)),
            (false, _) => None,
        };
        if let Some((s, e, d)) = run {
            if d >= 9 && !out.iter().any(|&(a, _)| a == s) {
                out.push((s, e));
            }
        }
    }
    out
}

/// A scam read by its concepts: two of money asked for, a reward promised, a private channel and a
/// hurry, in any words the table knows ("🎁 50 fans win $1,000 … DM to claim": a reward and a
/// channel). One concept alone is an everyday bio; a warning about scams cancels.
fn concept_cue(bio: &str, words: &[BioWord]) -> Option<Cue> {
    let table = concept_table();
    let at = |entry: &[Word], i: usize| {
        words.len() >= i + entry.len() && entry.iter().zip(&words[i..]).all(|(e, w)| e.matches(w))
    };
    // A warning cancels, but not a denied one: "Na forex, no be scam", "this is not a scam" is what
    // the scam says of itself.
    let denied_just_before = |i: usize| {
        table
            .deny
            .iter()
            .any(|d| (i.saturating_sub(d.len() + 1)..i).any(|j| at(d, j)))
    };
    if (0..words.len()).any(|i| table.cancel.iter().any(|c| at(c, i)) && !denied_just_before(i)) {
        return None;
    }
    // (concept, start byte, end byte) of each hit.
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    for i in 0..words.len() {
        for (c, entry) in &table.entries {
            // A denial ending within five words before: "I no go ever ask una to pay".
            let denied = || {
                table
                    .deny
                    .iter()
                    .any(|d| (i.saturating_sub(4 + d.len())..i).any(|j| at(d, j)))
                    || (i + entry.len()..i + entry.len() + 2)
                        .any(|j| table.deny_after.iter().any(|d| at(d, j)))
            };
            if !words[i].address && at(entry, i) && !denied() {
                hits.push((*c, words[i].start, words[i + entry.len() - 1].end));
            }
        }
    }
    hits.extend(contact_numbers(bio).into_iter().map(|(s, e)| (2, s, e)));
    // An amount with a verb of sending beside it is money asked for, whatever else the bio says.
    // An amount just after a price word ("from ₦50k", "à partir de 5 000 F") is a price.
    let priced = |i: usize| {
        table
            .price
            .iter()
            .any(|p| (i.saturating_sub(p.len() + 1)..i).any(|j| at(p, j)))
    };
    let amounts: Vec<usize> = (0..words.len())
        .filter(|&i| amount(bio, words, i) && !priced(i))
        .collect();
    for &i in &amounts {
        let near = i.saturating_sub(5)..(i + 6).min(words.len());
        if let Some(j) = near
            .into_iter()
            .find(|&j| table.send.iter().any(|s| at(s, j)))
        {
            let (a, b) = (i.min(j), i.max(j));
            hits.push((0, words[a].start, words[b].end));
        }
    }
    // Offers that only a payment makes a scam: beside money asked for, or an amount in their
    // sentence ("Brand ambassador for Glow Hair. Wigs ₦50k" is a trade and a price).
    let asked = hits.iter().any(|h| h.0 == 0);
    let sentence_of = |i: usize| sentence(bio, words[i].start);
    for i in 0..words.len() {
        if let Some(p) = table.paid.iter().find(|p| at(p, i)) {
            if asked || amounts.iter().any(|&a| sentence_of(a) == sentence_of(i)) {
                hits.push((1, words[i].start, words[i + p.len() - 1].end));
            }
        }
    }
    let strong = |c: usize| hits.iter().any(|h| h.0 == c);
    // An amount is money asked for only beside a reward or a hurry: otherwise it is a price.
    if strong(1) || strong(3) {
        for i in 0..words.len() {
            if amounts.contains(&i) {
                hits.push((0, words[i].start, words[i].end));
            }
            if let Some(t) = table.trade.iter().find(|t| at(t, i)) {
                hits.push((0, words[i].start, words[i + t.len() - 1].end));
            }
        }
    }
    // The closest two hits of different concepts.
    let mut best: Option<(usize, (usize, usize, usize), (usize, usize, usize))> = None;
    for a in &hits {
        for b in hits.iter().filter(|b| b.0 != a.0 && b.1 > a.1) {
            let gap = b.1 - a.2.min(b.1);
            if best.is_none_or(|(g, _, _)| gap < g) {
                best = Some((gap, *a, *b));
            }
        }
    }
    let (gap, a, b) = best?;
    let phrase = if gap > 60 {
        format!("{} … {}", quote(&bio[a.1..a.2]), quote(&bio[b.1..b.2]))
    } else {
        quote(&bio[a.1..b.2.max(a.2)])
    };
    Some(Cue {
        kind: CueKind::Scam,
        what: concept_pair(a.0, b.0),
        phrase,
        mention: None,
        group: Vec::new(),
        named_owner: false,
        main: None,
    })
}

/// A crypto wallet address in one word of a bio: Ethereum-style `0x` and 40 hex digits, Bitcoin
/// `bc1` bech32, or Tron `T` base58. Legacy Bitcoin addresses look too much like other codes to tell.
fn wallet(word: &str) -> Option<&str> {
    let w = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let base58 = |c: char| c.is_ascii_alphanumeric() && !matches!(c, '0' | 'O' | 'I' | 'l');
    let eth = w.len() == 42
        && (w.starts_with("0x") || w.starts_with("0X"))
        && w[2..].chars().all(|c| c.is_ascii_hexdigit());
    let bech32 = w.starts_with("bc1")
        && (42..=62).contains(&w.len())
        && w[3..]
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase() && !matches!(c, 'b' | 'i' | 'o'))
        && w[3..].chars().any(|c| c.is_ascii_digit());
    let tron = w.len() == 34
        && w.starts_with('T')
        && w.chars().all(base58)
        && w.chars().any(|c| c.is_ascii_digit())
        && w.chars().any(|c| c.is_ascii_lowercase());
    (eth || bech32 || tron).then_some(w)
}

/// The web addresses of a profile: its `links`, then those written in its bio, as lowercase hosts;
/// and how many of them, from the start, come from the links (the evidence says where a link is).
pub(crate) fn hosts<'a>(bio: &'a str, links: &'a [String]) -> (Vec<String>, usize) {
    fn add(out: &mut Vec<String>, s: &str) {
        if let Some(h) = host(s) {
            if !out.contains(&h) {
                out.push(h);
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    links.iter().for_each(|s| add(&mut out, s));
    let from_links = out.len();
    bio.split_whitespace().for_each(|s| add(&mut out, s));
    (out, from_links)
}

/// The host of a web address written as a URL or a bare domain (`https://x.io/a`, `www.x.io`,
/// `x.io`), or None when `s` is not one.
pub(crate) fn host(s: &str) -> Option<String> {
    let s = s.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | '"' | '\'' | ',' | '!'));
    let lower = s.to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last()?;
    let ok = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic);
    ok.then(|| host.to_string())
}

/// Second-level labels under which country domains register names (`example.co.uk`, `x.com.ng`).
const SECOND_LEVEL: &[&str] = &[
    "co", "com", "org", "net", "gov", "edu", "ac", "or", "ne", "go",
];

/// The name a host is registered under, without its suffix: `metamask` for `support.metamask.io`,
/// `gtbank` for `www.gtbank.com.ng`.
pub(crate) fn site_name(host: &str) -> &str {
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    if n >= 3 && labels[n - 1].len() == 2 && SECOND_LEVEL.contains(&labels[n - 2]) {
        labels[n - 3]
    } else if n >= 2 {
        labels[n - 2]
    } else {
        host
    }
}

/// The registered domain of a host: `metamask.io` for `support.metamask.io`.
fn registered(host: &str) -> &str {
    let name = site_name(host);
    let at = host.rfind(&format!("{name}.")).unwrap_or(0);
    // `name` may occur earlier in the host (metamask.metamask.io): the last one is the registration.
    &host[at..]
}

/// How a link imitates one of an account's sites or handles.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LinkMatch {
    /// The host as found.
    pub host: String,
    /// The official site (or protected handle) it imitates.
    pub imitates: String,
    pub how: HandleMatch,
    /// Found in the profile's link fields (its website) rather than written in the bio.
    pub in_field: bool,
}

/// The first of `hosts` whose registered name imitates one of `official` (sites of the account) or,
/// failing those, a protected handle key of `targets` without being that account's own site: the
/// same name under another domain (`metamask.app` for `metamask.io`), a lookalike, a typo, or the name
/// with words added (`metamask-airdrop.com`). A link to an official site, or to a subdomain of one,
/// imitates nothing.
pub(crate) fn imitating_link(
    hosts: &[String],
    official: &[String],
    targets: &[&TargetKeys],
) -> Option<LinkMatch> {
    let official: Vec<String> = official.iter().filter_map(|o| host(o)).collect();
    for h in hosts {
        let reg = registered(h);
        if official.iter().any(|o| registered(o) == reg) {
            continue;
        }
        let name = site_name(h);
        let keys = HandleKeys::new("web", name);
        let cores = keys.cores();
        let segments = keys.segments();
        for o in &official {
            let t = TargetKeys::new("web", site_name(o));
            if let Some(m) = handle::compare(&keys, &cores, &segments, &t) {
                return Some(LinkMatch {
                    host: h.clone(),
                    imitates: registered(o).to_string(),
                    how: m,
                    in_field: false,
                });
            }
        }
        // Without a listed site, only a name that is not the handle itself: a site named exactly
        // after the handle may well be the account's own.
        for t in targets.iter().filter(|t| t.fold_len >= 5) {
            if let Some(m) = handle::compare(&keys, &cores, &segments, t) {
                if !matches!(m.how, handle::HandleHow::SameKey { .. }) {
                    return Some(LinkMatch {
                        host: h.clone(),
                        imitates: t.display().to_string(),
                        how: m,
                        in_field: false,
                    });
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cues` skips blank bios: reading them finds nothing (spaces of every kind, line ends).
    #[test]
    fn a_blank_bio_has_no_cues() {
        for blank in [
            "",
            " ",
            "\t\n\r ",
            "\u{a0}\u{3000}\u{2003}",
            "\u{2028}\u{85}",
        ] {
            assert!(blank.trim().is_empty());
            assert!(read_cues(blank).is_empty(), "{blank:?}");
        }
    }

    fn found(bio: &str) -> Vec<(&'static str, String)> {
        cues(bio).into_iter().map(|c| (c.what, c.phrase)).collect()
    }

    /// (bio, cues expected as (cue, phrase quoted)).
    #[rustfmt::skip]
    const CUES: &[(&str, &[(&str, &str)])] = &[
        // Identity claims.
        ("Official account of the artist", &[("official", "Official account")]),
        ("This is my NEW ACCOUNT, old one was hacked 🙏", &[("new_account", "This is my NEW ACCOUNT"), ("hacked", "was hacked")]),
        ("Compte officiel. Ne suivez pas les faux", &[("official", "Compte officiel")]),
        ("Na my real account be dis o", &[("real", "Na my real account")]),
        ("Akaunti rasmi ya msanii", &[("official", "Akaunti rasmi")]),
        ("الحساب الرسمي", &[("official", "الحساب الرسمي")]),
        ("Conta oficial 🇧🇷", &[("official", "Conta oficial")]),
        ("Sabon asusu na ne", &[("new_account", "Sabon asusu na")]),
        // Lookalike letters do not hide a phrase.
        ("Оfficial аccount", &[("official", "Оfficial аccount")]),
        ("Verified ✅ | Management: DM", &[("verified", "Verified")]),
        ("✅ Views are mine", &[]),
        // Scams.
        ("Crypto giveaway live now!!", &[("giveaway", "Crypto giveaway")]),
        ("Contact my manager on WhatsApp +234 801", &[("manager", "Contact my manager")]),
        ("Send 1 BTC get 2 BTC back", &[("multiply", "Send 1 BTC get 2")]),
        ("Envoyez 100€ recevez 200€", &[("multiply", "Envoyez 100€ recevez 200€")]),
        ("Guaranteed profit every week", &[("investment", "Guaranteed profit")]),
        ("Hacked account recovery, DM", &[("hacked", "Hacked account"), ("recovery", "account recovery")]),
        ("Tuma 500 upate 1000", &[("multiply", "Tuma 500 upate 1000")]),
        ("send ETH to 0x52908400098527886E0F7030069857D2E4169EE7", &[("wallet", "0x52908400098527886E0F7030069857D2E4169EE7")]),
        ("Bofya link hii kupokea zawadi yako", &[("prize", "Bofya link hii kupokea zawadi")]),
        ("Canada visa + job. Pay half now to my secretary", &[("visa", "visa + job. Pay")]),
        ("Youth grant for 1000 people. Processing fee 150 only", &[("grant", "grant for 1000 people. Processing")]),
        ("Send ₦10,000 seed to dis account", &[("seed", "Send ₦10,000 seed")]),
        // Recovery offered for the reader's account, in words a story of one's own also uses.
        ("Dañu hack sa compte? Dinañu ko delloo", &[("recovery", "hack sa compte? Dinañu ko delloo")]),
        ("Votre compte a été piraté ? On récupère tout", &[("recovery", "piraté ? On récupère")]),
        // Everyday bios: nothing.
        ("DM for bookings", &[]),
        ("Forex & crypto trader", &[]),
        ("Giveaways every Friday on my page", &[]),
        ("Real estate agent in Lagos", &[]),
        ("Mum, wife, engineer. Views are mine", &[]),
        ("Send love, get love", &[]),
        ("New account, follow back 🙏", &[]),
        ("Bank manager in Accra", &[]),
        ("Real estate page, Lekki", &[]),
        ("Click the link for my new video", &[]),
        ("Visa and travel consultant in Accra", &[]),
        ("E ma te link ti e ko mo", &[]),
        // Scams by concept: two of money, a reward, a private channel, a hurry.
        ("50 fans win $1,000 each. DM to claim", &[("money_offer", "win $1,000")]),
        ("Acct: 2034559812 First Bank", &[("money_channel", "Acct: 2034559812")]),
        ("Taxa de inscrição R$ 150, vagas limitadas", &[("money_urgency", "150, vagas limitadas")]),
        // One concept, a denied one, or a warning: nothing.
        ("Forex & crypto trader | DM for signals", &[]),
        ("Bridal packages from ₦50,000 | WhatsApp to book", &[]),
        ("Account officer at a bank | pls don't DM me for loans", &[]),
        ("Beware of scammers using my name. I never ask for money on WhatsApp", &[]),
        // Advice against recovery scams, and denials after the verb or in a negated verb.
        ("Account recovery guides. Never pay anyone to get your account back", &[]),
        ("Ne payez jamais de frais d'inscription, cadeau gratuit en DM", &[]),
        ("Zawadi kila wiki, hatuombi ada yoyote kwenye DM", &[]),
        ("Giveaways every Friday on my page 🎁", &[]),
        // Words near each other, in any order.
        ("Page officiel bu artiste bi", &[("official", "Page officiel")]),
        ("mtumie meneja wangu ujumbe WhatsApp", &[("manager", "mtumie meneja wangu")]),
        ("Quick loan without collateral 🏦 WhatsApp 0813", &[("loan", "Quick loan")]),
        ("Ni mimi halisi, si fan page 💯", &[("real", "mimi halisi")]),
        // A past hack told as a story claims nothing (the account came back), nor does a second
        // account for jokes or a new one for a forgotten password.
        ("My account got hacked last year and I recovered it", &[]),
        ("Won hack account mi ni ose to koja sugbon mo ti gba pada", &[]),
        ("Sama WhatsApp dañu ko hack, léegi delloo naa ko", &[]),
        ("Mon compte a été piraté puis récupéré", &[]),
        ("Akaunti yangu ya pili kwa memes 😅", &[]),
        ("Conta nova, esqueci a senha da antiga", &[]),
        // A denied claim is no claim.
        ("Not an official account", &[]),
        ("Ce n'est pas un compte officiel", &[]),
        ("لسنا الصفحة الرسمية", &[]),
    ];

    #[test]
    fn cues_are_found_and_quoted_as_written() {
        for (bio, want) in CUES {
            let want: Vec<(&str, String)> = want.iter().map(|(w, p)| (*w, p.to_string())).collect();
            assert_eq!(found(bio), want, "{bio:?}");
        }
    }

    /// (bio, whether the claim carries the words of a group's page).
    #[rustfmt::skip]
    const GROUPS: &[(&str, bool)] = &[
        ("Official youth page of RCCG Jesus House Ibadan. Sundays 8am", true),
        ("Official page of St. Mary's Catholic Church choir, Enugu", true),
        ("Chorale des jeunes de la paroisse Saint-Paul de Yopougon – page officielle", true),
        ("Ukurasa rasmi wa vijana wa PCEA Kikuyu Parish", true),
        ("الصفحة الرسمية لشباب مسجد النور", true),
        ("Official page of the artist", false),
        // The protected name is a named owner too: `verdict/signals.rs` keeps the claim, the words
        // naming the account.
        ("Official page of Adaeze Okonkwo", true),
        ("Official account. Proud member of the church choir", false),
        // A named owner after "of", or before the claim: a shop's or a person's own page.
        ("Page officielle de Chez Mamie Fatou, grillades", true),
        ("Akaunti rasmi ya Baba Juma Hardware 🔧", true),
        ("Uncle Kofi Chop Bar official page", true),
        ("الصفحة الرسمية لمخبز أبو سليم", true),
        // Titles and roles name no other owner; nor does a title-cased claim.
        ("Official page of His Excellency the Governor", false),
        ("Shafin hukuma na Sarki 👑", false),
        ("Official Page Of The Artist", false),
        // A claim in a sentence of its own speaks of a group the sentence before starts with.
        ("Old students association, class of 2004. Official page", true),
        ("Singer. Proud member of the church choir. Official page", false),
    ];

    #[test]
    fn a_claim_that_names_a_group_carries_its_words() {
        for (bio, group) in GROUPS {
            let c = cues(bio);
            let claim = c.iter().find(|c| c.kind == CueKind::Claim).expect(bio);
            assert_eq!(
                !claim.group.is_empty(),
                *group,
                "{bio:?}: {:?}",
                claim.group
            );
        }
    }

    #[test]
    fn claims_holding_the_protected_name() {
        let name = ["adaeze", "okonkwo"];
        let found = |bio: &str| -> Vec<&'static str> {
            name_cues(bio, &[&name[..]], &[])
                .iter()
                .map(|c| c.what)
                .collect()
        };
        assert_eq!(found("Adaeze Okonkwo second account 🎭"), ["new_account"]);
        assert_eq!(found("Compte personnel de Adaeze Okonkwo ☑️"), ["personal"]);
        let quoted = name_cues("Compte personnel de Adaeze Okonkwo ☑️", &[&name[..]], &[]);
        assert_eq!(quoted[0].phrase, "Compte personnel de Adaeze Okonkwo");
        assert_eq!(
            found("Management of Adaeze Okonkwo | bookings"),
            ["management"]
        );
        assert_eq!(found("Adaeze Okonkwo gidi ni mo je"), ["real"]);
        // The words alone, another name, or the name in another sentence: nothing.
        assert!(found("Second account for memes").is_empty());
        assert!(found("Adaeze Chukwu second account").is_empty());
        assert!(found("Adaeze Okonkwo. Second account for memes").is_empty());
        assert!(found("Adaeze Okonkwo, real estate agent").is_empty());
        // Inside a web address, the name is not written as a name.
        let metamask = ["metamask"];
        assert!(name_cues("Support at metamask-support.com", &[&metamask[..]], &[]).is_empty());
    }

    #[test]
    fn a_backup_account_names_the_account_it_stands_in_for() {
        let c = cues("Backup account of @mymain.");
        assert_eq!(c[0].what, "new_account");
        assert_eq!(c[0].mention.as_deref(), Some("mymain"));
        // Further on in the sentence, as the main account ("Conta reserva, a principal é @x").
        let c = cues("Conta reserva, a conta principal é @loja.da.ana");
        assert_eq!(c[0].mention.as_deref(), Some("loja.da.ana"));
        // Not in the next sentence.
        let c = cues("Backup account. Follow me too, tag @friend1");
        assert_eq!(c[0].mention, None);
    }

    #[test]
    fn a_backup_page_names_its_main_in_its_sentence_or_after_a_main_word() {
        let main = |bio: &str| cues(bio).iter().find_map(|c| c.main.clone());
        assert_eq!(
            main("Me backup page ni. Main: @akos_b").as_deref(),
            Some("akos_b")
        );
        assert_eq!(
            main("Conta reserva. Principal: @bia.c").as_deref(),
            Some("bia.c")
        );
        // No backup word: the claim stands alone.
        assert_eq!(main("Official page. Bookings: @tiwa_mgmt"), None);
        // A handle after a sentence naming no main account is not the main.
        assert_eq!(
            main("This is my real account. Backup account. Bookings: @someone_else"),
            None
        );
        // The main named, a claim in another sentence still speaks for this account.
        let c = cues("This is my real account. Backup: @mgmt");
        assert!(c
            .iter()
            .any(|c| c.kind == CueKind::Claim && c.main.is_none()));
        // Not further than eight words on.
        assert_eq!(
            main("Backup page for when they lock me out of here, follow @x"),
            None
        );
    }

    #[test]
    fn a_trade_after_the_claim_names_the_owner() {
        let named = |bio: &str| cues(bio).iter().any(|c| c.named_owner);
        assert!(named("Page officielle de la Boulangerie Le Bon Pain"));
        assert!(named("Page officielle Dibiterie Chez Modou"));
        // An article before a name alone describes the person.
        assert!(!named("Official page of the Naija star"));
    }

    #[test]
    fn a_fan_since_a_year_cancels_the_claims_holding_the_name() {
        let name = ["adaeze", "okonkwo"];
        let found = |bio: &str| name_cues(bio, &[&name[..]], &[]).len();
        assert_eq!(found("Degg naa Adaeze Okonkwo ba 2010"), 0);
        assert_eq!(found("Adaeze Okonkwo gidi ni mo je"), 1);
        // Supporting "me" since a year, in another sentence, names no one followed.
        assert_eq!(
            found("Adaeze Okonkwo gidi. Thanks for supporting since 2010"),
            1
        );
    }

    #[test]
    fn verified_beside_a_buyer_is_no_badge() {
        assert!(badge("Verified ✅ | Management: DM").is_some());
        assert!(badge("Verified buyer ✔️ honest reviews").is_none());
        assert!(badge("Cliente vérifiée ✔️").is_none());
    }

    #[test]
    fn hosts_are_read_from_links_and_bio() {
        let links = vec!["https://MetaMask-Support.com/login?x=1".to_string()];
        assert_eq!(
            hosts(
                "visit www.metamask.app. or t.me/x and not 3.5 or v1.2",
                &links
            ),
            (
                vec![
                    "metamask-support.com".to_string(),
                    "metamask.app".into(),
                    "t.me".into()
                ],
                1
            )
        );
        assert_eq!(site_name("www.gtbank.com.ng"), "gtbank");
        assert_eq!(registered("support.metamask.io"), "metamask.io");
    }

    #[test]
    fn links_imitate_official_sites_but_not_the_sites_themselves() {
        let official = vec!["metamask.io".to_string()];
        let t = TargetKeys::new("x", "MetaMask");
        let imitates =
            |h: &str| imitating_link(&[h.to_string()], &official, &[&t]).map(|m| m.imitates);
        assert_eq!(imitates("metamask.app").as_deref(), Some("metamask.io"));
        assert_eq!(imitates("metarnask.io").as_deref(), Some("metamask.io"));
        assert_eq!(
            imitates("metamask-airdrop.com").as_deref(),
            Some("metamask.io")
        );
        assert_eq!(imitates("support.metamask.io"), None);
        assert_eq!(imitates("metamask.io"), None);
        assert_eq!(imitates("github.com"), None);
        // Without a listed site: the handle with words added, not the handle itself.
        let none: Vec<String> = Vec::new();
        let by_handle = |h: &str| imitating_link(&[h.to_string()], &none, &[&t]).is_some();
        assert!(by_handle("metamask-wallet.org"));
        assert!(!by_handle("metamask.io"));
    }
}
