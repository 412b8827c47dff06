//! Input errors that name what was wrong and where: file, line, field.

use std::fmt;

/// An input that could not be read, with where: file, line and field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// File name, or a label such as `<protected list>` for in-memory input.
    pub source: String,
    /// Line in the file, as an editor counts them, where known.
    pub line: Option<usize>,
    /// Field path, e.g. `accounts[3].handles[0].platform` or a CSV column name.
    pub field: Option<String>,
    /// What was wrong, in words (English).
    pub message: String,
    /// What was wrong as a code, for an interface that words problems in its own language (the
    /// extension's catalogues); `None` where `message` alone says it. Codes: `missing_field`,
    /// `unknown_field`, `missing_column`, `unknown_column`, `duplicate_column`, `same_column` (a
    /// column given under two of its names, as name and display_name), `bulk_export_no_verdict` (a
    /// profiles sheet that is the bulk page's export without its verdict column: the first column
    /// not read), `id_empty`,
    /// `duplicate_id`, `name_empty`, `name_too_long`, `name_no_letters`, `platform_empty`,
    /// `platform_unknown`, `handle_empty`, `handle_too_long`, `handle_blank`, `handle_address`,
    /// `handle_taken`, `not_platform_handle`, `link_not_address`, `item_bar` (a `|` inside an alias,
    /// handle, link or image path), `bad_kind`; for a profile's line,
    /// `profile_handle_address`, `row_fields`, `line_too_long`, `line_not_utf8`; for JSON that does
    /// not parse (each with its column first), `json_eof`, `json_expected`,
    /// `json_expected_value`, `json_trailing_comma`, `json_trailing_characters`, `json_key_not_string`,
    /// `json_control_character`, `json_invalid_escape`, `json_invalid_number`, `json_syntax`, and
    /// `json_wrong_type` (found, expected), `json_invalid_value`, `duplicate_field` (a field given twice); for a sheet, `unclosed_quote`,
    /// `field_not_utf8`, `csv_control_character` (the character, as `U+0000`), `csv_unreadable`, `csv_not_utf8`; for a list, `not_a_list`,
    /// `too_many_accounts`; for a file's bytes, `not_utf8` (its byte in hex and column, from utf8_text).
    pub code: Option<&'static str>,
    /// The values `code`'s words name, in order (a field, an id, a handle, a suggestion …).
    pub args: Vec<String>,
}

impl InputError {
    /// An error about `source`, at `line` and `field` where known.
    pub fn new(
        source: &str,
        line: Option<usize>,
        field: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        InputError {
            source: source.to_string(),
            line,
            field: field.map(str::to_string),
            message: message.into(),
            code: None,
            args: Vec::new(),
        }
    }

    /// The same error with its code and the values its words name (see `code`), for a program that
    /// words its own problems in the extension's way (the command line's files and arguments).
    pub fn coded(mut self, code: &'static str, args: Vec<String>) -> Self {
        self.code = Some(code);
        self.args = args;
        self
    }

    /// An error about `source` for a problem a check found, its code kept.
    pub(crate) fn from_problem(
        source: &str,
        line: Option<usize>,
        field: Option<&str>,
        p: crate::text::platform::Problem,
    ) -> Self {
        let err = InputError::new(source, line, field, p.message);
        if p.code.is_empty() {
            err
        } else {
            err.coded(p.code, p.args)
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Escaped(&self.source))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{}`", Escaped(field))?;
        }
        write!(f, ": {}", Escaped(&self.message))
    }
}

/// Text from the input, with control and direction characters written as escapes: a field name read
/// from a file could otherwise clear the terminal (ESC [2J) or reverse the rest of the message.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if c.is_control() || crate::text::normalize::is_direction_control(c) {
                write!(f, "\\u{{{:04x}}}", c as u32)?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// 1-based line number of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Turn a serde_json error (optionally with a field path) into an InputError; `base_line` is the
/// line the parsed fragment starts on.
pub(crate) fn from_json(
    source: &str,
    base_line: usize,
    path: Option<String>,
    err: &serde_json::Error,
) -> InputError {
    // serde_json appends " at line L column C"; we report the line ourselves.
    let msg = err.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let line = if err.line() == 0 {
        base_line
    } else {
        base_line + err.line() - 1
    };
    let path = path.filter(|p| !p.is_empty() && p != "." && p != "?");
    // JSON that does not parse: said with its column, and coded so an interface can word it.
    if let Some((code, args)) = json_syntax(&msg, err) {
        let message = format!("{msg} (column {})", err.column());
        return InputError::new(source, Some(line), path.as_deref(), message).coded(code, args);
    }
    // serde's messages an interface words itself: a missing, a duplicated and an unknown field.
    let named = |rest: &str| vec![rest.split('`').next().unwrap_or("").to_string()];
    let code = match msg.strip_prefix("missing field `") {
        Some(rest) => Some(("missing_field", named(rest))),
        None if msg.starts_with("duplicate field `") => {
            Some(("duplicate_field", named(&msg["duplicate field `".len()..])))
        }
        None => unknown_field(&msg)
            .map(|(unknown, best, names)| {
                (
                    "unknown_field",
                    vec![unknown.to_string(), best.unwrap_or_default(), names],
                )
            })
            .or_else(|| bad_kind(&msg, path.as_deref()))
            .or_else(|| json_data(&msg)),
    };
    let err = InputError::new(
        source,
        Some(line),
        path.as_deref(),
        with_suggestion(msg.clone()),
    );
    match code {
        Some((code, args)) => err.coded(code, args),
        None => err,
    }
}

/// The code of a syntax error (or a file that ends too soon) from serde_json's message, its column
/// first in the args: serde_json's messages (its `error.rs` `ErrorCode` list) are English, and each
/// family here is one code an interface words in its own language.
fn json_syntax(msg: &str, err: &serde_json::Error) -> Option<(&'static str, Vec<String>)> {
    use serde_json::error::Category;
    if !matches!(err.classify(), Category::Syntax | Category::Eof) {
        return None;
    }
    let column = err.column().to_string();
    let code = if msg.starts_with("EOF while parsing") {
        "json_eof"
    } else if let Some(what) = msg.strip_prefix("expected ").filter(|w| w.starts_with('`')) {
        // "expected `,` or `}`", "expected `:`", "expected `\"`": the punctuation it wanted.
        let marks: Vec<&str> = what.split('`').skip(1).step_by(2).collect();
        return Some(("json_expected", vec![column, marks.join(" ")]));
    } else if msg == "expected value" || msg == "expected ident" {
        "json_expected_value"
    } else if msg == "trailing comma" {
        "json_trailing_comma"
    } else if msg == "trailing characters" {
        "json_trailing_characters"
    } else if msg == "key must be a string" {
        "json_key_not_string"
    } else if msg.starts_with("control character") {
        "json_control_character"
    } else if msg.contains("escape") || msg.contains("surrogate") || msg.contains("code point") {
        "json_invalid_escape"
    } else if msg.contains("number") {
        "json_invalid_number"
    } else {
        return Some(("json_syntax", vec![column, msg.to_string()]));
    };
    Some((code, vec![column]))
}

/// serde's "invalid type: string \"x\", expected a sequence" (what was found, what was expected) and
/// "invalid value: …" about a value of the right type.
fn json_data(msg: &str) -> Option<(&'static str, Vec<String>)> {
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.rsplit_once(", expected ")?;
        return Some((
            "json_wrong_type",
            vec![found.to_string(), expected.to_string()],
        ));
    }
    let rest = msg.strip_prefix("invalid value: ")?;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    Some((
        "json_invalid_value",
        vec![found.to_string(), expected.to_string()],
    ))
}

/// serde's "unknown variant `company`, expected `person` or `brand`" about an account's `kind`.
fn bad_kind(msg: &str, path: Option<&str>) -> Option<(&'static str, Vec<String>)> {
    let value = msg.strip_prefix("unknown variant `")?.split('`').next()?;
    path.is_some_and(|p| p.ends_with("kind"))
        .then(|| ("bad_kind", vec![value.to_string()]))
}

/// serde's "unknown field `nmae`, expected one of `id`, `name`, …" with "; did you mean `name`?"
/// added when one expected name is close.
fn with_suggestion(msg: String) -> String {
    match unknown_field(&msg) {
        Some((_, Some(best), _)) => format!("{msg}; did you mean `{best}`?"),
        _ => msg,
    }
}

/// serde's "unknown field `nmae`, expected one of `id`, `name`, …": the unknown name, the expected
/// one it is close to, if any, and the expected ones a comma apart ("id, name, …").
fn unknown_field(msg: &str) -> Option<(&str, Option<String>, String)> {
    let rest = msg.strip_prefix("unknown field `")?;
    let (unknown, expected) = rest.split_once('`')?;
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    Some((
        unknown,
        closest(unknown, &names).map(str::to_string),
        names.join(", "),
    ))
}

/// `; did you mean `handles`?` when exactly one of `expected` is the closest to `unknown`, one edit
/// away (a swap of two letters is one), or two between words of five letters or more.
pub(crate) fn did_you_mean(unknown: &str, expected: &[&str]) -> Option<String> {
    closest(unknown, expected).map(|best| format!("; did you mean `{best}`?"))
}

/// The one of `expected` that `unknown` is a typo of (see `did_you_mean`).
pub(crate) fn closest<'a>(unknown: &str, expected: &[&'a str]) -> Option<&'a str> {
    let unknown = unknown.to_lowercase();
    let mut scored: Vec<(usize, &str)> = expected
        .iter()
        .filter_map(|e| Some((crate::text::edit::osa_within(&unknown, e, 2)?, *e)))
        // Two edits only between longer words: `bio` is two edits from `id`, and not a typo of it.
        .filter(|(d, e)| *d <= 1 || unknown.chars().count().min(e.len()) >= 5)
        .collect();
    scored.sort();
    match scored.as_slice() {
        [(d, best), rest @ ..] if rest.first().is_none_or(|(d2, _)| d2 > d) => Some(*best),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{did_you_mean, with_suggestion};

    #[test]
    fn close_names_are_suggested() {
        let columns = [
            "id", "name", "aliases", "handles", "official", "avatars", "links",
        ];
        for (unknown, want) in [
            ("handels", Some("handles")),
            ("nmae", Some("name")),
            ("Handels", Some("handles")),
            ("alias", Some("aliases")),
            ("nom", None),
            ("officials", Some("official")),
            ("avatar", Some("avatars")),
            ("link", Some("links")),
            ("bio", None),
            ("x", None),
            ("platform", None),
        ] {
            assert_eq!(
                did_you_mean(unknown, &columns),
                want.map(|w| format!("; did you mean `{w}`?")),
                "{unknown}"
            );
        }
        assert_eq!(
            with_suggestion("unknown field `nmae`, expected one of `id`, `name`, `aliases`".into()),
            "unknown field `nmae`, expected one of `id`, `name`, `aliases`; did you mean `name`?"
        );
        assert_eq!(
            with_suggestion("unknown field `hndle`, expected `platform` or `handle`".into()),
            "unknown field `hndle`, expected `platform` or `handle`; did you mean `handle`?"
        );
        assert_eq!(
            with_suggestion("missing field `name`".into()),
            "missing field `name`"
        );
    }
}
