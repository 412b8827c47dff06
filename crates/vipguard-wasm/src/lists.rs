//! Lists and profile files read for the options and bulk pages, with the CLI's parsers and messages.

use crate::types::{
    DecodedOut, FeedLimitsOut, FeedPayloadOut, ListCheckOut, ListInput, ListWarningsOut,
    ProfilesReadOut,
};
use crate::{error, parse_list, parse_list_all, reject_paths, to_js, FieldError};
use serde::Serialize;
use vipguard::{
    accounts_to_enrol_again, shared_pictures, Account, ListErrors, Profile, ProtectedList,
};
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListSummary {
    accounts: usize,
    aliases: usize,
    handles: usize,
    official: usize,
    avatars: usize,
    /// Accounts enrolled by an older vipguard (the engine's `accounts_to_enrol_again`).
    to_enrol_again: usize,
    /// Unrelated accounts enrolled with one picture, as groups of ids (the engine's `shared_pictures`).
    shared_pictures: Vec<Vec<String>>,
}

/// Profiles from a spreadsheet (`source` ending in `.csv`) or JSONL text, for the bulk page: read by the
/// CLI's reader, so the columns and the messages are the CLI's. A bad row becomes an error with its line
/// and the rest are read; a file that cannot be read at all (bad header, unclosed quote) has no profiles
/// and its error as `stopped`. Each
/// error also carries its field, and its `code` and `args` where the engine gives them (InputError), for
/// the page to word it in its language.
#[wasm_bindgen(js_name = readProfiles)]
pub fn read_profiles(text: &str, source: &str) -> Result<ProfilesReadOut, JsError> {
    #[derive(Serialize)]
    struct RowError {
        id: Option<String>,
        line: usize,
        /// The CLI's message.
        error: String,
        field: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        code: Option<&'static str>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        args: Vec<String>,
    }
    #[derive(Serialize)]
    struct Read {
        profiles: Vec<Profile>,
        /// The line each profile was read from.
        lines: Vec<usize>,
        errors: Vec<RowError>,
        /// Why a file that cannot be read at all was refused (no profiles then), coded like a row's.
        #[serde(skip_serializing_if = "Option::is_none")]
        stopped: Option<RowError>,
    }
    let mut out = Read {
        profiles: Vec::new(),
        lines: Vec::new(),
        errors: Vec::new(),
        stopped: None,
    };
    // A file the reader refuses as a whole (a missing column, a quote never closed) is `stopped`, coded
    // like a row's problem, so the page words it in its language (a thrown Error has only English).
    let rows = match vipguard::read_profiles(text, source) {
        Ok(rows) => rows,
        Err(e) => {
            out.stopped = Some(RowError {
                id: None,
                line: e.line.unwrap_or(1),
                error: e.to_string(),
                field: e.field.clone(),
                code: e.code,
                args: e.args,
            });
            return Ok(to_js(&out)?.unchecked_into());
        }
    };
    for (line, row) in rows {
        match row {
            Ok(p) => {
                out.profiles.push(p);
                out.lines.push(line);
            }
            Err(bad) => out.errors.push(RowError {
                id: bad.id,
                line,
                error: bad.error.to_string(),
                field: bad.error.field.clone(),
                code: bad.error.code,
                args: bad.error.args,
            }),
        }
    }
    Ok(to_js(&out)?.unchecked_into())
}

/// Validate a list for the options page without building a checker: the list as read and a summary,
/// or its problems with their lines and fields: `error` the first (as `new Checker` would throw it),
/// `errors` all of them (up to 100), `errorCount` how many there were. Never throws for a bad list.
#[wasm_bindgen(js_name = checkList)]
pub fn check_list(list: &ListInput, format: Option<String>) -> Result<ListCheckOut, JsError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Failed {
        ok: bool,
        error: FieldError,
        errors: Vec<FieldError>,
        error_count: usize,
    }
    #[derive(Serialize)]
    struct Passed<'a> {
        ok: bool,
        list: &'a ProtectedList,
        summary: ListSummary,
    }
    // The worker's Checker refuses image paths; so must the check that lets the options page apply a list.
    let out = match parse_list_all(list, format)
        .and_then(|l| reject_paths(&l).map(|()| l).map_err(ListErrors::from))
    {
        Err(e) => {
            let errors: Vec<FieldError> = e.errors.into_iter().map(FieldError::from).collect();
            to_js(&Failed {
                ok: false,
                error: errors[0].clone(),
                errors,
                error_count: e.total,
            })?
        }
        Ok(list) => {
            let count = |f: fn(&Account) -> usize| list.accounts.iter().map(f).sum::<usize>();
            let summary = ListSummary {
                accounts: list.accounts.len(),
                aliases: count(|a| a.aliases.len()),
                handles: count(|a| a.handles.len()),
                official: count(|a| a.official.len()),
                avatars: count(|a| a.avatars.len()),
                to_enrol_again: accounts_to_enrol_again(&list),
                shared_pictures: shared_pictures(&list),
            };
            to_js(&Passed {
                ok: true,
                list: &list,
                summary,
            })?
        }
    };
    Ok(out.unchecked_into())
}

/// A file's bytes as text for the options, bulk and queue pages, checked as the CLI checks a file
/// (`vipguard::utf8_text`): `{source}` (a UTF-8 byte-order mark dropped, as `TextDecoder` does), or
/// `{error}` naming the line and byte column of the first byte that is not UTF-8, coded `not_utf8`.
/// `file.text()` would put U+FFFD there: a sheet saved as Windows-1252 read with garbled names.
#[wasm_bindgen(js_name = decodeUtf8)]
pub fn decode_utf8(bytes: &[u8]) -> Result<DecodedOut, JsError> {
    #[derive(Serialize)]
    struct Error {
        message: String,
        line: Option<usize>,
        field: Option<String>,
        code: Option<&'static str>,
        args: Vec<String>,
    }
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Decoded<'a> {
        Text { source: &'a str },
        Refused { error: Error },
    }
    let out = match vipguard::utf8_text(bytes, crate::LIST_SOURCE) {
        Ok(text) => Decoded::Text {
            source: text.strip_prefix('\u{feff}').unwrap_or(text),
        },
        Err(e) => Decoded::Refused {
            error: Error {
                message: e.to_string(),
                line: e.line,
                field: e.field,
                code: e.code,
                args: e.args,
            },
        },
    };
    Ok(to_js(&out)?.unchecked_into())
}

/// What the options page warns of for the list in use, which it reads from storage rather than through
/// `checkList`: how many accounts an older vipguard enrolled (`accounts_to_enrol_again`) and the groups
/// of account ids enrolled with the same picture although their names share no word
/// (`shared_pictures`). One parse for both: at 100,000 accounts a parse is most of the cost. Throws the
/// list's first problem for a list that does not read.
#[wasm_bindgen(js_name = listWarnings)]
pub fn list_warnings(list: &ListInput) -> Result<ListWarningsOut, JsError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Warnings {
        to_enrol_again: usize,
        shared_pictures: Vec<Vec<String>>,
    }
    let list = parse_list(list, None).map_err(error)?;
    let out = Warnings {
        to_enrol_again: accounts_to_enrol_again(&list),
        shared_pictures: shared_pictures(&list),
    };
    Ok(to_js(&out)?.unchecked_into())
}

/// A signed list's payload, once the extension has checked its signature (shared/signed-list.js): read
/// by the engine exactly as `vipguard verify` reads it (fields, duplicate fields, a version written 5.0,
/// every decision's platform, handle, author, note and date against the signing date, nesting), all but
/// the list, which is returned as its JSON text for `checkList`, the reader `verify` uses for it too.
/// Never throws for a bad payload: `{ok: false, errors, errorCount}`, each error coded like a list's.
#[wasm_bindgen(js_name = readFeedPayload)]
pub fn read_feed_payload(text: &str) -> Result<FeedPayloadOut, JsError> {
    #[derive(Serialize)]
    struct Read {
        ok: bool,
        #[serde(flatten)]
        fields: vipguard::FeedPayloadFields,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Failed {
        ok: bool,
        errors: Vec<FieldError>,
        error_count: usize,
    }
    let out = match vipguard::read_feed_payload_fields(text, "payload") {
        Ok(fields) => to_js(&Read { ok: true, fields })?,
        Err(e) => to_js(&Failed {
            ok: false,
            error_count: e.total,
            errors: e.errors.into_iter().map(FieldError::from).collect(),
        })?,
    };
    Ok(out.unchecked_into())
}

/// The limits on shared decisions, the engine's (`MAX_REVIEWER_ID_CHARS`, `MAX_DECISION_NOTE_CHARS`,
/// `MAX_CLOCK_SKEW_SECONDS`): the extension's policy reader and options page keep to the first.
#[wasm_bindgen(js_name = feedLimits)]
pub fn feed_limits() -> Result<FeedLimitsOut, JsError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Limits {
        reviewer_id: usize,
        note: usize,
        clock_skew_seconds: i64,
    }
    Ok(to_js(&Limits {
        reviewer_id: vipguard::MAX_REVIEWER_ID_CHARS,
        note: vipguard::MAX_DECISION_NOTE_CHARS,
        clock_skew_seconds: vipguard::MAX_CLOCK_SKEW_SECONDS,
    })?
    .unchecked_into())
}
