//! Pictures to hashes: `vipguard hash`, `vipguard enroll`, and a protected list's avatar image paths
//! hashed in parallel (the file-reading half of enrolling; the engine's `enroll_rgb` is the pure half).

use crate::files::{load_list, read_and_decode, write_whole};
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;
use vipguard::{
    enroll_rgb, pdq_of, AvatarRef, InputError, Lang, ListErrors, ProtectedList, MAX_REPORTED_ERRORS,
};

/// Hash every avatar given as a path (relative to `base`); hashes already there are kept. Every
/// picture is tried, so that one run names each bad one (with its account and path, in the list's
/// order) rather than the first; with any bad, no list is returned, so nothing half-enrolled is written.
pub(crate) fn enroll(
    list: &ProtectedList,
    base: &Path,
    source: &str,
) -> Result<ProtectedList, ListErrors> {
    let mut out = list.clone();
    let mut problems: Vec<InputError> = out
        .accounts
        .par_iter_mut()
        .enumerate()
        .flat_map_iter(|(i, account)| {
            let mut bad = Vec::new();
            for (j, avatar) in account.avatars.iter_mut().enumerate() {
                let AvatarRef::Path(p) = avatar else {
                    continue;
                };
                let path = p.clone();
                match read_and_decode(&base.join(&path)) {
                    Ok(rgb) => *avatar = AvatarRef::Hash(enroll_rgb(&rgb)),
                    // The picture's own problem, coded, is said within the list's.
                    Err(e) => bad.push(crate::problems::avatar_unreadable(
                        source,
                        &format!("accounts[{i}].avatars[{j}]"),
                        &account.id,
                        &path,
                        &e,
                    )),
                }
            }
            bad
        })
        .collect();
    if problems.is_empty() {
        return Ok(out);
    }
    let total = problems.len();
    problems.truncate(MAX_REPORTED_ERRORS);
    Err(ListErrors {
        errors: problems,
        total,
    })
}

/// Hash each image; a bad file gets an error on stderr, in `lang`, and the rest go on (exit 1 at the
/// end).
pub(crate) fn hash(images: &[PathBuf], json: bool, lang: Lang) -> ExitCode {
    let mut failed = 0;
    let mut out = std::io::stdout().lock();
    for path in images {
        let shown = path.display().to_string();
        // A file name is written to the terminal as it is only in JSON.
        let named = crate::terminal::escape(&shown);
        match read_and_decode(path).map(|rgb| pdq_of(&rgb)) {
            Ok(h) => {
                let line = if json {
                    serde_json::json!({"path": shown, "pdq": h.hash.to_hex(), "quality": h.quality})
                        .to_string()
                } else {
                    format!("{} {} {named}", h.hash.to_hex(), h.quality)
                };
                let _ = writeln!(out, "{line}");
            }
            Err(e) => {
                failed += 1;
                let said = crate::problems::say(lang, &e);
                eprintln!("vipguard: {}", crate::terminal::escape(&said));
            }
        }
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `vipguard enroll`: the list with every avatar path replaced by its hashes; what was done on stderr,
/// in `lang`.
pub(crate) fn enroll_command(
    list: &Path,
    output: &Path,
    lang: vipguard::Lang,
) -> Result<ExitCode, ListErrors> {
    let enrolled = load_list(list, lang)?;
    let mut json = serde_json::to_vec_pretty(&enrolled).expect("lists serialise");
    json.push(b'\n');
    write_whole(Some(output), &json)?;
    let avatars: usize = enrolled.accounts.iter().map(|a| a.avatars.len()).sum();
    let said = crate::words::enrolled(
        lang,
        enrolled.accounts.len(),
        avatars,
        &output.display().to_string(),
    );
    eprintln!("vipguard: {}", crate::terminal::escape(&said));
    Ok(ExitCode::SUCCESS)
}
