//! Reviewed snapshots of the full evidence: every evasion fixture's results, in English, in French
//! and in Nigerian Pidgin, are kept in `tests/snapshots/<fixture>.<lang>.snap`, so a change of wording, of a
//! character's name or of a score shows as a diff in review (the table test in `evasions.rs` checks
//! only verdict and match). After an intended change, rewrite them with
//! `VIPGUARD_UPDATE_SNAPSHOTS=1 cargo test -p vipguard --test evidence_snapshots` and read the diff.

mod common;

use std::path::{Path, PathBuf};
use vipguard::{Checker, Lang, Profile};

/// The snapshot of one fixture file in one language: for each profile, a header line naming the
/// fixture line and the profile, then the result as pretty JSON.
fn snapshot(checker: &Checker, fixture: &Path) -> String {
    let text = std::fs::read_to_string(fixture).unwrap();
    let mut out = String::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let p: Profile = serde_json::from_value(v["profile"].clone()).unwrap();
        let p = p.validated("profile").unwrap();
        let r = checker.check(&p);
        out.push_str(&format!("# line {}: @{} {:?}\n", n + 1, p.handle, p.name));
        out.push_str(&serde_json::to_string_pretty(&r).unwrap());
        out.push_str("\n\n");
    }
    out
}

fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir("tests/fixtures/evasions")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
}

#[test]
fn evidence_matches_the_reviewed_snapshots() {
    let update = std::env::var_os("VIPGUARD_UPDATE_SNAPSHOTS").is_some();
    let dir = Path::new("tests/snapshots");
    let mut stale = Vec::new();
    let mut expected = Vec::new();
    for (lang, tag) in [(Lang::En, "en"), (Lang::Fr, "fr"), (Lang::Pcm, "pcm")] {
        let checker = Checker::new(common::fixture_list())
            .expect("a valid list")
            .with_lang(lang);
        for fixture in fixtures() {
            let stem = fixture.file_stem().unwrap().to_string_lossy().to_string();
            let path = dir.join(format!("{stem}.{tag}.snap"));
            expected.push(path.clone());
            let got = snapshot(&checker, &fixture);
            if update {
                std::fs::create_dir_all(dir).unwrap();
                std::fs::write(&path, &got).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(got.as_str()) {
                stale.push(path.display().to_string());
            }
        }
    }
    // A snapshot whose fixture is gone would never be checked again.
    let mut orphans: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| !expected.contains(p))
        .map(|p| p.display().to_string())
        .collect();
    orphans.sort();
    assert!(
        stale.is_empty() && orphans.is_empty(),
        "evidence differs from the reviewed snapshots in {stale:?}, and these snapshots have no \
         fixture: {orphans:?}.\nIf the change is intended: VIPGUARD_UPDATE_SNAPSHOTS=1 cargo test -p \
         vipguard --test evidence_snapshots, then review the diff of tests/snapshots/."
    );
}

/// What no evidence sentence may do, over every fixture in every language: quote with a backslash
/// escape (`\u{feff}`), list a flag's regional indicators or a check mark as characters (a check mark
/// has its own sentence, a fake badge), or call a letter of a name written in its own script (the
/// names of `name_own_script.jsonl` with no Latin letter) a lookalike of a Latin one. A name all of
/// whose letters read as Latin (метамаѕк) is a whole-script confusable, and its letters are listed.
#[test]
fn evidence_reads_as_plain_words() {
    let mut wrong = Vec::new();
    for lang in [Lang::En, Lang::Fr, Lang::Pcm] {
        let checker = Checker::new(common::fixture_list())
            .expect("a valid list")
            .with_lang(lang);
        for fixture in fixtures() {
            let text = std::fs::read_to_string(&fixture).unwrap();
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                let p: Profile = serde_json::from_value(v["profile"].clone()).unwrap();
                let p = p.validated("profile").unwrap();
                let r = checker.check(&p);
                let own_script = fixture.ends_with("name_own_script.jsonl")
                    && !p.name.chars().any(|c| c.is_ascii_alphabetic());
                for e in &r.evidence {
                    if e.detail.contains('\\') {
                        wrong.push(format!("{}: escape in {:?}", p.id, e.detail));
                    }
                    // Real plurals: "1 character … is", "2 characters … are", never "character(s)".
                    if e.detail.contains("(s)") || e.detail.contains("(es)") {
                        wrong.push(format!("{}: a plural left open in {:?}", p.id, e.detail));
                    }
                    if lang == Lang::Fr && plain_space_in_french(&e.detail) {
                        wrong.push(format!("{}: a plain space in {:?}", p.id, e.detail));
                    }
                    for c in e.chars.iter().flatten() {
                        let ch = c.ch.chars().next().unwrap_or(' ');
                        let flag =
                            ('\u{1F1E6}'..='\u{1F1FF}').contains(&ch) && c.action != "styled";
                        let check = "\u{2705}\u{2714}\u{2713}\u{2611}".contains(ch);
                        let own_script = own_script && c.action == "lookalike";
                        if flag || check || own_script {
                            wrong.push(format!("{}: {} {} listed", p.id, c.codepoint, c.action));
                        }
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// French typography: a no-break space before : ; ? ! and inside « ». What the profile wrote is quoted
/// inside « » and may hold anything, so the quotes' contents are not looked at.
fn plain_space_in_french(detail: &str) -> bool {
    let mut ours = String::new();
    let mut depth = 0;
    for c in detail.chars() {
        match c {
            '«' => {
                depth += 1;
                ours.push(c);
            }
            '»' => {
                depth -= 1;
                ours.push(c);
            }
            _ if depth == 0 => ours.push(c),
            _ => {}
        }
    }
    [" :", " ;", " ?", " !", " »", "« "]
        .iter()
        .any(|bad| ours.contains(bad))
        || detail.contains("« ")
        || detail.contains(" »")
}
