//! `scan --format csv`: one row per profile for a spreadsheet. RFC 4180 (CRLF line ends, quotes
//! doubled), and a cell a spreadsheet would run as a formula gets a leading apostrophe by the engine's
//! rule (`vipguard::csv_guard`), as the extension's exports do (extension/shared/report.js):
//! display names and bios come from strangers.

use vipguard::{CheckResult, Checker, ErrorResult, Profile};

/// The columns, in order; English whatever `--lang`, so scripts read every run the same way. The
/// profile reader reads such a sheet back as its profiles (`display_name` as the name, the verdict
/// columns read past: crates/vipguard/src/formats/profile.rs, `RESULT_COLUMNS`); a new column here
/// must be known there (`tests/cli.rs`, `scan_csv_output_reads_back_as_profiles`).
pub(crate) const COLUMNS: [&str; 10] = [
    "line",
    "id",
    "platform",
    "handle",
    "display_name",
    "verdict",
    "match",
    "match_name",
    "score",
    "evidence",
];

/// One cell: the engine's formula guard (`vipguard::csv_guard`: `=1+1` becomes `'=1+1`, and so does
/// a formula start after blanks or apostrophes, and after `;`, a tab or a line end, where a spreadsheet
/// set to split on `;` or tab, as Excel in French or Portuguese is, starts a new cell), then quoted where it holds a
/// separator of any locale (comma, semicolon, tab), a quote or a line end. The engine's readers take
/// the guard off again (README, "Protected list"), and its property test checks the two undo each other
/// (`crates/vipguard/src/formats/csv.rs`, `unguarding_undoes_guarding`).
pub(crate) fn cell(value: &str) -> String {
    let s = vipguard::csv_guard(value);
    if s.contains(['"', ',', ';', '\t', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn row(out: &mut Vec<u8>, cells: &[&str]) {
    let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    out.extend_from_slice(line.join(",").as_bytes());
    out.extend_from_slice(b"\r\n");
}

/// The header and one row per result, in input order (`lines`: each row's line in the input). A row
/// that could not be read has the verdict `error` and its error as the evidence.
pub(crate) fn write_csv(
    out: &mut Vec<u8>,
    checker: &Checker,
    results: &[Result<CheckResult, ErrorResult>],
    profiles: &[Option<&Profile>],
    lines: &[usize],
    bom: bool,
) {
    if bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    row(out, &COLUMNS);
    for ((r, p), line) in results.iter().zip(profiles).zip(lines) {
        let line = line.to_string();
        match (r, p) {
            (Ok(c), Some(p)) => {
                let match_name = c
                    .matched
                    .as_deref()
                    .and_then(|id| checker.account(id))
                    .map_or("", |a| a.name.as_str());
                let evidence: Vec<&str> = c.evidence.iter().map(|e| e.detail.as_str()).collect();
                row(
                    out,
                    &[
                        &line,
                        &c.id,
                        &p.platform,
                        &p.handle,
                        &p.name,
                        c.verdict.as_str(),
                        c.matched.as_deref().unwrap_or(""),
                        match_name,
                        &format!("{:.2}", c.score),
                        &evidence.join(" | "),
                    ],
                );
            }
            (Err(e), _) => row(
                out,
                &[
                    &line,
                    e.id.as_deref().unwrap_or(""),
                    "",
                    "",
                    "",
                    "error",
                    "",
                    "",
                    "",
                    &e.error,
                ],
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        for (value, want) in [
            ("Ada Obi", "Ada Obi"),
            ("", ""),
            ("Dangote, Aliko", "\"Dangote, Aliko\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+234 800", "'+234 800"),
            ("-1", "'-1"),
            ("@ada", "'@ada"),
            ("\tx", "\"'\tx\""),
            // Semicolon locales (French, Portuguese): the semicolon splits unquoted cells.
            ("Ada;=HYPERLINK(\"x\")", "\"Ada;'=HYPERLINK(\"\"x\"\")\""),
            ("x\t+1", "\"x\t'+1\""),
            ("a; -1", "\"a;' -1\""),
            ("a;b", "\"a;b\""),
            ("tab\tinside", "\"tab\tinside\""),
            // Spreadsheets skip leading blanks before a formula.
            ("  =1+1", "'  =1+1"),
            // Apostrophes count as blanks do, so a reader takes exactly one off again.
            ("'=x", "''=x"),
            ("a;'' @x", "\"a;''' @x\""),
            ("'Ada", "'Ada"),
            (" \u{a0}@SUM(A1)", "' \u{a0}@SUM(A1)"),
            ("1\n-2", "\"1\n'-2\""),
            ("\rx", "\"'\rx\""),
            ("a=b", "a=b"),
            ("Кwabena ✅", "Кwabena ✅"),
        ] {
            assert_eq!(cell(value), want, "{value:?}");
        }
    }
}
