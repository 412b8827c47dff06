//! `vipguard check`: one profile, explained in sentences (or as `scan`'s JSON line with `--json`).

use crate::files::write_whole;
use crate::scan::{avatar_query, load_checker};
use std::path::Path;
use std::process::ExitCode;
use vipguard::{InputError, Lang, Profile};

pub(crate) fn check(
    list: &Path,
    lang: Lang,
    profile: Profile,
    avatar: Option<&Path>,
    json: bool,
) -> Result<ExitCode, InputError> {
    let checker = load_checker(list, lang)?;
    let profile = profile
        .validated()
        .map_err(|m| InputError::new("<arguments>", None, Some("--platform"), m))?;
    // The one avatar asked for must be read: an unreadable file is an error here (exit 2), while a scan
    // notes it in that profile's evidence and goes on.
    let hashes = avatar
        .map(|a| {
            avatar_query(a).map_err(|e| InputError::new(&a.display().to_string(), None, None, e))
        })
        .transpose()?;
    let r = checker.check_with_avatar(&profile, hashes.as_ref());
    let mut out = String::new();
    if json {
        out = serde_json::to_string(&r).expect("results serialise");
    } else {
        use std::fmt::Write as _;
        let _ = write!(
            out,
            "{} (score {:.2})",
            r.verdict.as_str().to_uppercase(),
            r.score
        );
        if let Some(a) = r.matched.as_deref().and_then(|id| checker.account(id)) {
            let handles: Vec<String> = a
                .handles
                .iter()
                .map(|h| format!("@{} on {}", h.handle, h.platform))
                .collect();
            let _ = write!(
                out,
                " — resembles {} ({}){}",
                a.name,
                a.id,
                if handles.is_empty() {
                    String::new()
                } else {
                    format!(": {}", handles.join(", "))
                }
            );
        }
        for e in &r.evidence {
            let _ = write!(out, "\n  • {}", e.detail);
            for c in e.chars.iter().flatten() {
                let what = match (&c.looks_like, c.action.as_str()) {
                    (Some(l), "lookalike") => format!("looks like Latin {l}"),
                    (Some(l), _) => format!("{} → {l}", c.action),
                    (None, a) => format!("{a}, removed"),
                };
                let _ = write!(out, "\n      {:<8} {:<48} {}", c.codepoint, c.name, what);
            }
        }
    }
    out.push('\n');
    write_whole(None, out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
