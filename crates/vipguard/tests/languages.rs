//! Evidence in French and in Nigerian Pidgin says what the English says: over every evasion fixture
//! and the demo profiles, each language's check gives the same verdict, score, match and evidence
//! (signals, figures, characters), and every sentence is worded in that language rather than left in
//! English.

mod common;

use vipguard::{CheckResult, Checker, Lang, Profile};

fn profiles() -> Vec<(String, Profile)> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir("tests/fixtures/evasions")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        for line in std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let p: Profile = serde_json::from_value(v["profile"].clone()).unwrap();
            out.push((file.display().to_string(), p));
        }
    }
    out
}

// Words that only English sentences use.
const ENGLISH: &[&str] = &[
    "Handle @",
    "Display name ",
    " reads as ",
    " looks like ",
    " on the protected list",
    ", removed)",
    " edit(s) from",
    " added",
    "Labelled as",
    "The avatar",
    "The resemblance",
    "replaced by",
    "only in the",
];

// Words of English sentences that Pidgin says otherwise, looked for outside what the profile wrote
// (quoted “…”) and outside the protected accounts' names (`unquoted`). Pidgin keeps the work words
// ("Handle @", "display name", "protected handle", "avatar"), so these are English grammar: articles,
// "is"/"are", the passive participles of the edits, and the English sentences' own openings.
const ENGLISH_NOT_PIDGIN: &[&str] = &[
    "The ",
    " the ",
    " is ",
    " are ",
    " was ",
    " its ",
    "Display name ",
    "Rests on",
    " reads as ",
    " looks like ",
    " on the protected list",
    ", removed)",
    " edit from",
    " edits from",
    " added",
    " dropped",
    " inserted",
    " doubled",
    " swapped",
    " moved",
    "replaced by",
    " written as",
    "Labelled as",
    "only in the",
    " which ",
    " a common scam",
    " twice",
    // Pieces of a sentence a review found could be left in English inside a Pidgin one.
    " together",
    " look alike",
    " read as ",
    " small capitals",
    " to send ",
    " more)",
];

// Words that make a sentence Pidgin: at least one of them in each, outside quotes.
const PIDGIN: &[&str] = &[
    "na", "dey", "don", "di", "dis", "dat", "dem", "wey", "im", "oda", "anoda", "notin", "wetin",
];

/// `detail` without what it quotes from the profile (“…”) and without the protected accounts' names,
/// which hold anything.
fn unquoted(detail: &str, names: &[String]) -> String {
    let mut ours = String::new();
    let mut depth = 0;
    for c in detail.chars() {
        match c {
            '“' => depth += 1,
            '”' => depth -= 1,
            _ if depth == 0 => ours.push(c),
            _ => {}
        }
    }
    for n in names {
        ours = ours.replace(n.as_str(), "NAME");
    }
    ours
}

/// Every fixture checked in English and in `lang`: the same verdicts, scores, matches and figures,
/// every sentence different; `each` gets each of `lang`'s sentences. Returns how many were compared.
fn compare(lang: Lang, mut each: impl FnMut(&str, &str)) -> usize {
    let list = || common::fixture_list();
    let en = Checker::new(list()).expect("a valid list");
    let other = Checker::new(list()).expect("a valid list").with_lang(lang);
    let mut sentences = 0;
    for (file, p) in profiles() {
        let (a, b): (CheckResult, CheckResult) = (en.check(&p), other.check(&p));
        let at = format!("{file}: {}", p.id);
        assert_eq!(
            (a.verdict, a.score, &a.matched),
            (b.verdict, b.score, &b.matched),
            "{at}"
        );
        assert_eq!(a.evidence.len(), b.evidence.len(), "{at}");
        for (x, y) in a.evidence.iter().zip(&b.evidence) {
            assert_eq!(
                (
                    &x.signal,
                    &x.protected,
                    x.similarity,
                    x.distance,
                    x.compliant
                ),
                (
                    &y.signal,
                    &y.protected,
                    y.similarity,
                    y.distance,
                    y.compliant
                ),
                "{at}"
            );
            assert_eq!(x.chars, y.chars, "{at}");
            assert_eq!(x.region, y.region, "{at}");
            assert_ne!(x.detail, y.detail, "{at}: not translated");
            assert_eq!(x.edit.is_some(), y.edit.is_some(), "{at}");
            if let (Some(a), Some(b)) = (&x.edit, &y.edit) {
                assert_ne!(a, b, "{at}: edit not translated");
                each(&at, b);
            }
            each(&at, &y.detail);
            sentences += 1;
        }
    }
    sentences
}

#[test]
fn french_evidence_matches_english_and_is_french() {
    let sentences = compare(Lang::Fr, |at, detail| {
        for w in ENGLISH {
            assert!(!detail.contains(w), "{at}: English {w:?} in {detail:?}");
        }
    });
    assert!(sentences > 100, "only {sentences} sentences compared");
}

#[test]
fn pidgin_evidence_matches_english_and_is_pidgin() {
    let names: Vec<String> = common::fixture_list()
        .accounts
        .iter()
        .flat_map(|a| std::iter::once(a.name.clone()).chain(a.aliases.iter().cloned()))
        .collect();
    let mut wrong = Vec::new();
    let sentences = compare(Lang::Pcm, |at, detail| {
        let ours = unquoted(detail, &names);
        for w in ENGLISH_NOT_PIDGIN {
            if ours.contains(w) {
                wrong.push(format!("{at}: English {w:?} in {detail:?}"));
            }
        }
        let words: Vec<&str> = ours
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if !words
            .iter()
            .any(|w| PIDGIN.contains(&w.to_lowercase().as_str()))
        {
            wrong.push(format!("{at}: no Pidgin word in {detail:?}"));
        }
    });
    assert!(sentences > 100, "only {sentences} sentences compared");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The tests above can fail: an English sentence is caught by both Pidgin checks.
#[test]
fn an_english_sentence_is_not_taken_for_pidgin() {
    let english =
        "Handle @KwabenaMensahGH is the protected handle @KwabenaMensah with \"gh\" added";
    let ours = unquoted(english, &[]);
    assert!(ENGLISH_NOT_PIDGIN.iter().any(|w| ours.contains(w)));
    assert!(!ours
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| PIDGIN.contains(&w.to_lowercase().as_str())));
}
