//! The learned bio reader (`Checker::with_bio_model`) on rows taken from the writers' sets
//! (`bench/bios/`, `tests/fixtures/bio_model_rows.jsonl`): each bio on a profile showing the protected
//! person's exact name with an unrelated handle, `suspicious` on the name alone, as the `bios` example
//! puts it.
//!
//! - `reads`: a claim or scam the phrase rules miss and the model reads; `impersonation` with the
//!   model on, not with it off.
//! - `not`: an everyday bio, among those the model scores highest, that stays below its threshold:
//!   not `impersonation` with the model on.

use vipguard::{Checker, Profile, ProtectedList, Verdict};

const PROTECTED: &str = "Adaeze Okonkwo";

fn checker(on: bool) -> Checker {
    let list = ProtectedList::from_json(
        r#"{"accounts": [{"id": "ada", "name": "Adaeze Okonkwo",
            "handles": [{"platform": "x", "handle": "AdaOkonkwo"}]}]}"#,
        "list",
    )
    .unwrap();
    Checker::new(list).unwrap().with_bio_model(on)
}

fn verdict(c: &Checker, name: &str, bio: &str) -> (Verdict, String) {
    let p = Profile {
        id: "p".into(),
        platform: "x".into(),
        handle: "sunny_days_77".into(),
        name: name.into(),
        bio: Some(bio.into()),
        ..Default::default()
    };
    let r = c.check(&p);
    let evidence = serde_json::to_string(&r.evidence).unwrap();
    (r.verdict, evidence)
}

#[test]
fn rows_the_model_must_and_must_not_read() {
    let (on, off) = (checker(true), checker(false));
    let rows = include_str!("fixtures/bio_model_rows.jsonl");
    let (mut reads, mut not) = (0, 0);
    let mut wrong: Vec<String> = Vec::new();
    for line in rows.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let bio = v["bio"].as_str().unwrap().replace("{name}", PROTECTED);
        let (with, evidence) = verdict(&on, PROTECTED, &bio);
        let (without, _) = verdict(&off, PROTECTED, &bio);
        let ok = match v["model"].as_str().unwrap() {
            "reads" => {
                reads += 1;
                with == Verdict::Impersonation
                    && without != Verdict::Impersonation
                    && evidence.contains("weighed most")
            }
            "not" => {
                not += 1;
                with != Verdict::Impersonation
            }
            other => panic!("unknown row kind {other}"),
        };
        // A namesake sharing one name token stays clear whatever the model reads.
        let namesake = verdict(&on, "Adaeze Chukwu", &bio).0;
        if !ok || namesake != Verdict::Clear {
            wrong.push(format!("{line}\n    with the model {with:?}, without {without:?}, namesake {namesake:?}: {evidence}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(reads >= 8 && not >= 8, "{reads} rows to read, {not} not to");
}

/// The evidence quotes the words that weighed most, in each language.
#[test]
fn the_evidence_says_why_in_each_language() {
    let row = include_str!("fixtures/bio_model_rows.jsonl")
        .lines()
        .find(|l| l.contains("\"reads\""))
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(row).unwrap();
    let bio = v["bio"].as_str().unwrap().replace("{name}", PROTECTED);
    for (lang, says) in [
        (vipguard::Lang::En, "weighed most"),
        (vipguard::Lang::Fr, "le plus pesé"),
        (vipguard::Lang::Pcm, "carry pass"),
    ] {
        let (_, evidence) = verdict(&checker(true).with_lang(lang), PROTECTED, &bio);
        assert!(evidence.contains(says), "{lang:?}: {evidence}");
    }
}
