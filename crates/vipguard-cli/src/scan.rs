//! `vipguard scan`: every profile of a JSONL or CSV file, checked in parallel, one JSON line each (or
//! a table), in input order.

use crate::args::Format;
use crate::files::{load_checked, read_and_decode, write_whole, Output};
use crate::profile_chunks::ProfileChunks;
use crate::sheet::write_csv;
use crate::table::{table_width, write_table};
use crate::words;
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use vipguard::{
    query_hashes, BadProfile, CheckResult, Checker, ErrorResult, InputError, Lang, ListErrors,
    Profile, ProfileLine, QueryHashes, Verdict,
};

pub(crate) fn load_checker(path: &Path, lang: Lang) -> Result<Checker, ListErrors> {
    Ok(Checker::from_valid(load_checked(path, lang)?).with_lang(lang))
}

/// Hashes of a profile's avatar file, or why it could not be used (coded, its path the source).
pub(crate) fn avatar_query(path: &Path) -> Result<QueryHashes, InputError> {
    Ok(query_hashes(&read_and_decode(path)?))
}

/// Check one profile with its avatar file (already resolved by the caller); an unreadable avatar is said
/// in the evidence, in `lang`, and the text check still runs.
fn check_one(checker: &Checker, p: &Profile, avatar: Option<&Path>, lang: Lang) -> CheckResult {
    let query = avatar.map(avatar_query);
    let hashes = query.as_ref().and_then(|q| q.as_ref().ok());
    let mut r = checker.check_with_avatar(p, hashes);
    if let Some(Err(e)) = &query {
        r.evidence.push(vipguard::Evidence::new(
            "input",
            crate::problems::avatar_not_used(lang, e),
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
        let err = InputError::new(
            "<arguments>",
            None,
            Some("--bom"),
            "a byte-order mark is written only with --format csv",
        );
        return Err(err.coded("bom_needs_csv", Vec::new()).into());
    }
    let checker = load_checker(list, lang)?;
    let mut chunks = ProfileChunks::open(profiles)?;
    let base = profiles.parent().unwrap_or(Path::new(".")).to_path_buf();
    let progress = Progress::new(profiles);
    let mut tally = Tally::default();
    if format == Format::Jsonl {
        // JSON lines are written as each chunk is checked: memory holds a chunk, never the file.
        let mut out = Output::create(output)?;
        while let Some(chunk) = chunks.next_chunk()? {
            // Each group of rows read, checked and written into its own buffer on one core; the
            // groups are written in input order.
            let len = chunk.len();
            let groups: Vec<(Vec<u8>, Tally)> = (0..len.div_ceil(GROUP_ROWS))
                .into_par_iter()
                .map(|g| {
                    let group = g * GROUP_ROWS..len.min((g + 1) * GROUP_ROWS);
                    let mut bytes = Vec::with_capacity(group.len() * 512);
                    let mut tally = Tally::default();
                    chunk.each(group, |line, row| {
                        let r = check_row(&checker, &base, line, row, lang);
                        tally.add(&r);
                        match &r {
                            Ok(c) => serde_json::to_writer(&mut bytes, c),
                            Err(e) => serde_json::to_writer(&mut bytes, e),
                        }
                        .expect("results serialise");
                        bytes.push(b'\n');
                    });
                    (bytes, tally)
                })
                .collect();
            for (bytes, t) in &groups {
                out.write(bytes)?;
                tally.merge(t);
            }
            progress.advance(len);
        }
        out.finish()?;
    } else {
        // A table's columns and a sheet's rows need every result: these are kept whole.
        let mut rows = Vec::new();
        let mut results = Vec::new();
        while let Some(chunk) = chunks.next_chunk()? {
            let chunk = chunk.into_rows();
            results.par_extend(
                chunk
                    .par_iter()
                    .map(|(line, row)| check_row(&checker, &base, *line, row, lang)),
            );
            progress.advance(chunk.len());
            rows.extend(chunk);
        }
        results.iter().for_each(|r| tally.add(r));
        let profiles_by_line: Vec<Option<&Profile>> =
            rows.iter().map(|(_, r)| r.as_ref().ok()).collect();
        let mut out = Vec::with_capacity(results.len() * 200);
        if format == Format::Table {
            write_table(
                &mut out,
                &checker,
                &results,
                &profiles_by_line,
                lang,
                table_width(output),
            );
            out.extend_from_slice(tally.summary(lang).as_bytes());
            out.push(b'\n');
        } else {
            let lines: Vec<usize> = rows.iter().map(|(line, _)| *line).collect();
            write_csv(&mut out, &checker, &results, &profiles_by_line, &lines, bom);
        }
        write_whole(output, &out)?;
    }
    progress.finish();
    // In a table the summary is the last line; beside JSON lines or CSV rows it goes to stderr, so a
    // pipe or a file gets the rows only.
    if format != Format::Table {
        eprintln!("vipguard: {}", tally.summary(lang));
    }
    if tally.bad > 0 {
        let (bad, rows) = (tally.bad, tally.rows);
        match lang {
            Lang::Fr => eprintln!(
                "vipguard: {bad} ligne{} de profil sur {rows} illisible{} (voir leurs lignes « error »)",
                if bad > 1 { "s" } else { "" },
                if bad > 1 { "s" } else { "" }
            ),
            _ => eprintln!(
                "vipguard: {bad} of {rows} profile lines could not be read (see their \"error\" lines)"
            ),
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Rows one core checks and writes at a time: small enough that both cores stay busy to the end of a
/// chunk, large enough that a buffer is written per group rather than per row.
const GROUP_ROWS: usize = 64;

/// One profile line's result: its check, or the error line of a line that could not be read. An
/// avatar is found relative to the profiles file's folder.
fn check_row(
    checker: &Checker,
    base: &Path,
    line: usize,
    row: &ProfileLine,
    lang: Lang,
) -> Result<CheckResult, ErrorResult> {
    match row {
        Ok(p) => Ok(check_one(
            checker,
            p,
            p.avatar.as_ref().map(|a| base.join(a)).as_deref(),
            lang,
        )),
        Err(BadProfile { id, error }) => Err(ErrorResult {
            id: id.clone(),
            line,
            // In the run's language, as the evidence is.
            error: crate::problems::say(lang, error),
        }),
    }
}

/// Results counted by verdict, for the summary line.
#[derive(Default)]
struct Tally {
    /// By verdict, in the order of `words::VERDICTS`.
    verdicts: [usize; words::VERDICTS.len()],
    bad: usize,
    rows: usize,
}

impl Tally {
    fn add(&mut self, r: &Result<CheckResult, ErrorResult>) {
        self.rows += 1;
        match r {
            Ok(c) => {
                if let Some(i) = words::VERDICTS.iter().position(|v| *v == c.verdict) {
                    self.verdicts[i] += 1;
                }
            }
            Err(_) => self.bad += 1,
        }
    }

    fn merge(&mut self, other: &Tally) {
        for (a, b) in self.verdicts.iter_mut().zip(other.verdicts) {
            *a += b;
        }
        self.bad += other.bad;
        self.rows += other.rows;
    }

    fn summary(&self, lang: Lang) -> String {
        let counts: Vec<(Verdict, usize)> =
            words::VERDICTS.iter().copied().zip(self.verdicts).collect();
        words::summary(lang, &counts, self.bad)
    }
}

/// A progress bar on a terminal for a large file, by the share of its profiles checked (JSONL: of its
/// bytes, estimated from the lines checked).
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(profiles: &Path) -> Self {
        // About 20,000 profiles.
        let len = std::fs::metadata(profiles).map_or(0, |m| m.len());
        Progress(
            (std::io::stderr().is_terminal() && len >= 2 << 20).then(|| {
                let bar = indicatif::ProgressBar::new_spinner();
                bar.set_style(
                    indicatif::ProgressStyle::with_template("{spinner} {pos} profiles ({per_sec})")
                        .unwrap(),
                );
                bar
            }),
        )
    }

    fn advance(&self, rows: usize) {
        if let Some(bar) = &self.0 {
            bar.inc(rows as u64);
        }
    }

    fn finish(self) {
        if let Some(bar) = self.0 {
            bar.finish_and_clear();
        }
    }
}
