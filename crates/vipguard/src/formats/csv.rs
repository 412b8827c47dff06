//! Spreadsheet reading shared by protected lists and profile files: the header's columns, the
//! delimiter a spreadsheet chose (comma, semicolon, tab, or Excel's `sep=` line), an editor's line
//! numbers whatever the line ends, and errors that name the line and column.

use crate::formats::error::{closest, did_you_mean, InputError};
use rustc_hash::FxHashMap as HashMap;

/// The header of a CSV file: column name -> position. Names are trimmed and lowercased; an unknown
/// column, a column given twice or a missing required one is an error on line 1 naming the column.
/// `others`: the names read as a known column besides its own, and the columns read past.
pub(crate) fn csv_columns(
    headers: &csv::StringRecord,
    known: &[&str],
    others: &OtherColumns,
    required: &[&str],
    source: &str,
) -> Result<HashMap<String, usize>, InputError> {
    columns(headers, known, others, required, source)
        .map_err(|errors| errors.into_iter().next().expect("never empty"))
}

/// A header cell's column name as every reader compares it: blanks and a UTF-8 byte-order mark (Excel
/// writes one before the first column) taken off, lower case. The one place a header name is read, so
/// that deciding what kind of sheet it is and mapping its columns never disagree.
pub(crate) fn header_name(cell: &str) -> String {
    cell.trim()
        .trim_start_matches('\u{feff}')
        .trim()
        .to_ascii_lowercase()
}

/// Whether a header has a column of each of `names` (compared as `header_name` reads them).
pub(crate) fn has_columns(headers: &csv::StringRecord, names: &[&str]) -> bool {
    names
        .iter()
        .all(|&n| headers.iter().any(|h| header_name(h) == n))
}

/// Columns a header may have besides the known ones.
#[derive(Default)]
pub(crate) struct OtherColumns<'a> {
    /// (another name, the known column it is): `display_name` is `name` in a results sheet.
    pub same: &'a [(&'a str, &'a str)],
    /// Columns read past: a results sheet's verdict columns, which a reader of profiles has no use for.
    pub ignored: &'a [&'a str],
}

/// `csv_columns`, with every problem of the header (and no other names).
pub(crate) fn csv_columns_all(
    headers: &csv::StringRecord,
    known: &[&str],
    required: &[&str],
    source: &str,
) -> Result<HashMap<String, usize>, Vec<InputError>> {
    columns(headers, known, &OtherColumns::default(), required, source)
}

fn columns(
    headers: &csv::StringRecord,
    known: &[&str],
    others: &OtherColumns,
    required: &[&str],
    source: &str,
) -> Result<HashMap<String, usize>, Vec<InputError>> {
    let mut col = HashMap::default();
    // Each known column's name as the header wrote it, for a column given under two names.
    let mut written: HashMap<String, String> = HashMap::default();
    let mut errors = Vec::new();
    // Suggestions come from every name the header may use; the message lists the known columns.
    let names: Vec<&str> = known
        .iter()
        .copied()
        .chain(others.same.iter().map(|&(other, _)| other))
        .collect();
    for (i, h) in headers.iter().enumerate() {
        let h = header_name(h);
        if others.ignored.contains(&h.as_str()) {
            continue;
        }
        let key = others
            .same
            .iter()
            .find(|&&(other, _)| other == h)
            .map_or(h.as_str(), |&(_, column)| column)
            .to_string();
        if !known.contains(&key.as_str()) {
            let best = closest(&h, &names);
            errors.push(
                InputError::new(
                    source,
                    Some(1),
                    Some(&h),
                    format!(
                        "unknown column, expected one of {}{}",
                        known.join(", "),
                        did_you_mean(&h, &names).unwrap_or_default()
                    ),
                )
                .coded(
                    "unknown_column",
                    vec![
                        h.clone(),
                        best.unwrap_or_default().to_string(),
                        known.join(", "),
                    ],
                ),
            );
        } else if col.insert(key.clone(), i).is_some() {
            let first = written[&key].clone();
            errors.push(if first == h {
                InputError::new(source, Some(1), Some(&h), "column appears twice")
                    .coded("duplicate_column", vec![h.clone()])
            } else {
                InputError::new(
                    source,
                    Some(1),
                    Some(&h),
                    format!("the same column as `{first}`: keep one of the two"),
                )
                .coded("same_column", vec![h.clone(), first])
            });
        } else {
            written.insert(key, h);
        }
    }
    for &r in required {
        if !col.contains_key(r) {
            errors.push(
                InputError::new(source, Some(1), Some(r), "missing required column")
                    .coded("missing_column", vec![r.to_string()]),
            );
        }
    }
    if errors.is_empty() {
        Ok(col)
    } else {
        Err(errors)
    }
}

/// Whether a file is read as CSV (by its name: `.csv`, or `.tsv` for tab-separated sheets).
pub(crate) fn is_csv_name(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".tsv")
}

/// A CSV sheet: its reader, and the line numbers of what it reads.
pub(crate) struct Sheet<'t> {
    pub reader: csv::Reader<&'t [u8]>,
    lines: Lines<'t>,
}

impl Sheet<'_> {
    /// The line (as an editor numbers them) a record or error at `pos` starts on; 0 when unknown.
    pub(super) fn line(&mut self, pos: Option<&csv::Position>) -> usize {
        pos.map_or(0, |p| self.lines.at(p.byte() as usize))
    }
}

/// Line numbers by byte offset, counted on from the last offset asked (records come in order). The
/// csv crate's own count puts a record after a CRLF on the line before (it counts the LF as the
/// record's), and never counts a lone CR: Excel's and old Mac exports would be misnumbered.
struct Lines<'t> {
    text: &'t [u8],
    at: usize,
    line: usize,
    first: usize,
}

impl Lines<'_> {
    fn at(&mut self, byte: usize) -> usize {
        // A record starts after the line ends (and blank lines) in front of it.
        let mut start = byte.min(self.text.len());
        while matches!(self.text.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start < self.at {
            (self.at, self.line) = (0, self.first);
        }
        for i in self.at..start {
            let cr_alone = self.text[i] == b'\r' && self.text.get(i + 1) != Some(&b'\n');
            if self.text[i] == b'\n' || cr_alone {
                self.line += 1;
            }
        }
        self.at = start;
        self.line
    }
}

/// A CSV sheet over `text`, fields separated as its header row shows (or as an Excel `sep=;` line
/// before it says), once no quote is left open. `flexible`: rows may have other field counts than the
/// header (each is then reported on its own).
pub(crate) fn csv_reader<'t>(
    text: &'t str,
    source: &str,
    flexible: bool,
) -> Result<Sheet<'t>, InputError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = body.lines().next().unwrap_or("");
    let (text, first_line, delimiter) = match first.strip_prefix("sep=").map(str::as_bytes) {
        Some(&[d]) => (&body[first.len()..], 1, d),
        _ => (text, 1, csv_delimiter(text)),
    };
    unclosed_quote(text, source, delimiter)?;
    let reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(flexible)
        .from_reader(text.as_bytes());
    // With a sep= line cut off, the text read starts at that line's end: its first line end is the
    // sep= line's own, so counting starts from that line.
    let lines = Lines {
        text: text.as_bytes(),
        at: 0,
        line: first_line,
        first: first_line,
    };
    Ok(Sheet { reader, lines })
}

/// The field separator of a CSV file, read from its header line (the first that is not blank): a
/// comma, the semicolon spreadsheets write where the decimal mark is a comma (French, Portuguese: Excel
/// in Dakar or Abidjan), or a tab (a sheet pasted as text). Column names hold none of these, so the
/// header tells which it is.
fn csv_delimiter(text: &str) -> u8 {
    let header = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .as_bytes();
    [b',', b';', b'\t']
        .into_iter()
        .find(|d| header.contains(d))
        .unwrap_or(b',')
}

/// Whether every cell of a record is blank: the rows Excel leaves under a sheet (`,,,,`).
pub(crate) fn blank_row(rec: &csv::StringRecord) -> bool {
    rec.iter().all(|c| c.trim().is_empty())
}

/// A quote that opens a field and never closes makes a CSV reader take the rest of the file as that one
/// field, silently swallowing every later row. Find it first and name the line it opens on.
fn unclosed_quote(text: &str, source: &str, delimiter: u8) -> Result<(), InputError> {
    let (mut in_quotes, mut field_start, mut line, mut opened) = (false, true, 1usize, 0usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                }
                '"' => in_quotes = false,
                '\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match c {
            '"' if field_start => {
                in_quotes = true;
                opened = line;
                field_start = false;
            }
            c if c == delimiter as char => field_start = true,
            '\n' => {
                line += 1;
                field_start = true;
            }
            '\r' => {}
            _ => field_start = false,
        }
    }
    if in_quotes {
        return Err(InputError::new(
            source,
            Some(opened),
            None,
            "a quoted field that opens on this line is never closed (every later row would be read into it)",
        )
        .coded("unclosed_quote", Vec::new()));
    }
    Ok(())
}

pub(crate) fn csv_error(source: &str, e: &csv::Error, sheet: &mut Sheet) -> InputError {
    let line = e.position().map(|p| sheet.line(Some(p)));
    // Each coded (the same codes as a profile row's), so an interface words it in its own language.
    let (message, code, args) = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => (
            format!("row has {len} fields, the header has {expected_len}"),
            "row_fields",
            vec![len.to_string(), expected_len.to_string()],
        ),
        csv::ErrorKind::Utf8 { err, .. } => (
            format!(
                "field {} is not valid UTF-8: save the file as UTF-8",
                err.field() + 1
            ),
            "field_not_utf8",
            vec![(err.field() + 1).to_string()],
        ),
        _ => (e.to_string(), "csv_unreadable", vec![e.to_string()]),
    };
    InputError::new(source, line, None, message).coded(code, args)
}

/// What a spreadsheet would run as a formula when a cell starts with it: `=`, `+`, `-`, `@`, a tab or
/// a carriage return (after blanks too).
const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet may start a new cell after `c`: Excel set to split on `;` or tab does, quotes
/// or not, and after a line end.
fn starts_cell(c: char) -> bool {
    matches!(c, ';' | '\t' | '\r' | '\n')
}

/// Whether `rest` (a cell's start, or what follows a `;`, tab or line end) is apostrophes, then
/// blanks or double quotes, then a formula character: what the exports guard (`apostrophes`: at
/// least one). A double quote counts as a blank does: a cell holding `x;"=1+1` is written
/// `"x;""=1+1"`, and a spreadsheet that splits it at the `;` sees a new cell `""=1+1"`, whose quotes
/// its reader may take off, leaving `=1+1` (docs/security.md, "Spreadsheets").
fn formula_after(rest: &str, apostrophes: bool) -> bool {
    let after = rest.trim_start_matches('\'');
    (!apostrophes || after.len() < rest.len())
        && after
            .trim_start_matches([' ', '\u{a0}', '"'])
            .starts_with(FORMULA)
}

/// A cell's formula guard undone: the exports (the extension's `csvCell`, the command line's
/// `scan --format csv`) put one `'` before any value that is apostrophes, blanks or double quotes, and then a formula
/// character, at the cell's start and after each `;`, tab or line end in it; here one `'` is taken off
/// wherever one or more stand before blanks and a formula character at such a place. The two undo each
/// other exactly: `-1` is written `'-1` and read `-1`, a value that truly starts `'=` is written `''=`
/// and read `'=`, and a value no spreadsheet would run is left as it is.
pub(crate) fn unguard(cell: &str) -> std::borrow::Cow<'_, str> {
    if !cell.contains('\'') {
        return cell.into();
    }
    let mut out = String::with_capacity(cell.len());
    let mut starts = true;
    for (i, c) in cell.char_indices() {
        if starts && c == '\'' && formula_after(&cell[i..], true) {
            starts = false;
            continue;
        }
        out.push(c);
        starts = starts_cell(c);
    }
    out.into()
}

/// A spreadsheet cell's text with its formula guard: one `'` put before `value`'s start and before
/// what follows each `;`, tab or line end in it, wherever that is apostrophes, then blanks (space or
/// U+00A0) or double quotes, then `=`, `+`, `-`, `@`, a tab or a carriage return, so that no
/// spreadsheet runs a formula from it (`-1` is written `'-1`, `a;=b` `a;'=b`, `a;"=b` `a;'"=b`). Apostrophes already there count as blanks do (`'=x`
/// is written `''=x`), so that the engine's CSV readers take exactly one off again and read `value`
/// back. Quoting is left to the writer. The command line's `scan --format csv` writes its cells with
/// this; the extension's exports follow the same rule (`extension/shared/report.js`, `csvCell`).
///
/// ```
/// assert_eq!(vipguard::csv_guard("-1"), "'-1");
/// assert_eq!(vipguard::csv_guard("'=x"), "''=x");
/// assert_eq!(vipguard::csv_guard("Ada;@x"), "Ada;'@x");
/// assert_eq!(vipguard::csv_guard("Ada;\"=x"), "Ada;'\"=x");
/// assert_eq!(vipguard::csv_guard("O'Neil"), "O'Neil");
/// ```
pub fn guard(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 1);
    let mut starts = true;
    for (i, c) in value.char_indices() {
        if starts && formula_after(&value[i..], false) {
            out.push('\'');
        }
        out.push(c);
        starts = starts_cell(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of values and what the guard writes, shared with the extension's test of its own
    /// guard (`tests/unit/csv-guard.test.mjs`), so that the two cannot drift apart.
    #[test]
    fn the_formula_guard_is_undone_exactly() {
        let cases: Vec<(String, String)> =
            serde_json::from_str(include_str!("../../tests/fixtures/csv_guard_cases.json"))
                .expect("the shared table is JSON pairs");
        assert!(cases.len() >= 40);
        for (value, written) in &cases {
            assert_eq!(&guard(value), written, "{value:?}");
            assert_eq!(unguard(written), value.as_str(), "{written:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn unguarding_undoes_guarding(value in "['=+@ \u{a0}\";\t\r\na-]{0,12}") {
            let written = guard(&value);
            proptest::prop_assert_eq!(unguard(&written), value.as_str());
            // Spreadsheet-safe: no cell start in what is written is blanks and a formula character.
            let mut starts = true;
            for (i, c) in written.char_indices() {
                proptest::prop_assert!(!(starts && formula_after(&written[i..], false) && c != '\''), "{:?}", written);
                starts = starts_cell(c);
            }
        }
    }
}
