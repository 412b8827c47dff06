//! The terminal table of `scan --format table`.

use std::io::Write;
use vipguard::{is_direction_control, CheckResult, Checker, ErrorResult, Profile, Verdict};

pub(crate) fn write_table(
    out: &mut Vec<u8>,
    checker: &Checker,
    results: &[Result<CheckResult, ErrorResult>],
    profiles: &[Option<&Profile>],
) {
    let clip = |s: &str, n: usize| -> String {
        // Nothing that moves the cursor or reorders the row in a terminal.
        let s: String = s
            .chars()
            .filter(|c| !c.is_control() && !is_direction_control(*c))
            .collect();
        if s.chars().count() > n {
            format!("{}…", s.chars().take(n - 1).collect::<String>())
        } else {
            s
        }
    };
    let _ = writeln!(
        out,
        "{:<8} {:<18} {:<26}    {:<13} {:>5}  {}",
        "profile", "handle", "name", "verdict", "score", "resembles / why"
    );
    let _ = writeln!(out, "{}", "-".repeat(110));
    for (r, p) in results.iter().zip(profiles) {
        match (r, p) {
            (Ok(c), Some(p)) => {
                let who = c
                    .matched
                    .as_deref()
                    .and_then(|id| checker.account(id))
                    .map(|a| format!("{} — ", a.name))
                    .unwrap_or_default();
                let why = c
                    .evidence
                    .iter()
                    .find(|e| e.signal != "characters")
                    .or(c.evidence.first())
                    .map(|e| e.detail.as_str())
                    .unwrap_or("");
                let mark = match c.verdict {
                    Verdict::Impersonation => "!! ",
                    Verdict::Suspicious => "?  ",
                    _ => "   ",
                };
                let _ = writeln!(
                    out,
                    "{:<8} {:<18} {:<26} {mark}{:<13} {:>5.2}  {}",
                    clip(&c.id, 8),
                    clip(&format!("@{}", p.handle), 18),
                    clip(&p.name, 26),
                    c.verdict.as_str(),
                    c.score,
                    clip(&format!("{who}{why}"), 90)
                );
            }
            (Err(e), _) => {
                let _ = writeln!(
                    out,
                    "{:<8} error: {}",
                    clip(e.id.as_deref().unwrap_or("?"), 8),
                    e.error
                );
            }
            _ => {}
        }
    }
}
