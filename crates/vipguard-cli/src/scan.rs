//! `vipguard scan`: every profile of a JSONL or CSV file, checked in parallel, one JSON line each (or
//! a table), in input order.

use crate::args::Format;
use crate::files::{load_list, not_text, read_input, read_picture, write_whole};
use crate::sheet::write_csv;
use crate::table::{table_width, write_table};
use crate::words;
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use vipguard::{
    decode, query_hashes, read_profiles_bytes, BadProfile, CheckResult, Checker, ErrorResult,
    InputError, Lang, ListErrors, Profile, QueryHashes, Verdict,
};

pub(crate) fn load_checker(path: &Path, lang: Lang) -> Result<Checker, ListErrors> {
    Ok(Checker::new(load_list(path)?).with_lang(lang))
}

/// Hashes of a profile's avatar file, or a note saying why it could not be used.
pub(crate) fn avatar_query(path: &Path) -> Result<QueryHashes, String> {
    let bytes = read_picture(path)?;
    Ok(query_hashes(&decode(&bytes)?))
}

/// Check one profile with its avatar file (already resolved by the caller); an unreadable avatar is said in the
/// evidence and the text check still runs.
fn check_one(checker: &Checker, p: &Profile, avatar: Option<&Path>) -> CheckResult {
    let query = avatar.map(|a| (a, avatar_query(a)));
    let hashes = query.as_ref().and_then(|(_, q)| q.as_ref().ok());
    let mut r = checker.check_with_avatar(p, hashes);
    if let Some((path, Err(e))) = &query {
        r.evidence.push(vipguard::Evidence::new(
            "input",
            format!("Avatar {} could not be used: {e}", path.display()),
        ));
    }
    r
}

pub(crate) fn scan(
    list: &Path,
    profiles: &Path,
    output: Option<&Path>,
    format: Format,
    bom: bool,
    lang: Lang,
) -> Result<ExitCode, ListErrors> {
    if bom && format != Format::Csv {
        return Err(InputError::new(
            "<arguments>",
            None,
            Some("--bom"),
            "a byte-order mark is written only with --format csv",
        )
        .into());
    }
    let checker = load_checker(list, lang)?;
    let source = profiles.display().to_string();
    let bytes = read_input(profiles)?;
    if let Some(what) = not_text(&bytes) {
        return Err(InputError::new(&source, None, None, what).into());
    }
    let rows = read_profiles_bytes(&bytes, &source)?;
    let base = profiles.parent().unwrap_or(Path::new(".")).to_path_buf();
    let progress = (std::io::stderr().is_terminal() && rows.len() >= 20_000).then(|| {
        let bar = indicatif::ProgressBar::new(rows.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} profiles ({per_sec}, {eta} left)",
            )
            .unwrap(),
        );
        bar
    });
    let results: Vec<Result<CheckResult, ErrorResult>> = rows
        .par_iter()
        .map(|(line, row)| {
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            match row {
                Ok(p) => Ok(check_one(
                    &checker,
                    p,
                    p.avatar.as_ref().map(|a| base.join(a)).as_deref(),
                )),
                Err(BadProfile { id, error }) => Err(ErrorResult {
                    id: id.clone(),
                    line: *line,
                    error: error.to_string(),
                }),
            }
        })
        .collect();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let bad = results.iter().filter(|r| r.is_err()).count();
    let profiles_by_line: Vec<Option<&Profile>> =
        rows.iter().map(|(_, r)| r.as_ref().ok()).collect();
    let counts: Vec<(Verdict, usize)> = words::VERDICTS
        .iter()
        .map(|v| {
            let n = results
                .iter()
                .filter(|r| r.as_ref().is_ok_and(|c| c.verdict == *v))
                .count();
            (*v, n)
        })
        .collect();
    let summary = words::summary(lang, &counts, bad);
    let mut out = Vec::with_capacity(results.len() * 200);
    match format {
        Format::Jsonl => {
            for r in &results {
                let line = match r {
                    Ok(c) => serde_json::to_string(c),
                    Err(e) => serde_json::to_string(e),
                };
                out.extend_from_slice(line.expect("results serialise").as_bytes());
                out.push(b'\n');
            }
        }
        Format::Table => {
            write_table(
                &mut out,
                &checker,
                &results,
                &profiles_by_line,
                lang,
                table_width(output),
            );
            out.extend_from_slice(summary.as_bytes());
            out.push(b'\n');
        }
        Format::Csv => {
            let lines: Vec<usize> = rows.iter().map(|(line, _)| *line).collect();
            write_csv(&mut out, &checker, &results, &profiles_by_line, &lines, bom);
        }
    }
    write_whole(output, &out)?;
    // In a table the summary is the last line; beside JSON lines or CSV rows it goes to stderr, so a
    // pipe or a file gets the rows only.
    if format != Format::Table {
        eprintln!("vipguard: {summary}");
    }
    if bad > 0 {
        eprintln!(
            "vipguard: {bad} of {} profile lines could not be read (see their \"error\" lines)",
            results.len()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
