//! The WebAssembly package for the browser extension: a thin layer over the engine crate, split by
//! the JavaScript context that uses each part (`checker.rs`: the service worker; `lists.rs`: the
//! options and bulk pages; `images.rs`: both).
//!
//! Everything crosses the boundary as the formats the CLI uses. Profiles and lists are turned into JSON
//! text and read by the same parsers as the CLI, so errors carry the CLI's messages; results are the
//! CLI's JSON lines, parsed once by `JSON.parse`, so `check` returns exactly a line of `vipguard scan`.
//! Nothing here touches `window`: the extension runs this in a service worker.

mod checker;
mod images;
mod lists;
mod types;

pub use checker::Checker;
pub use images::{enroll_image, enroll_rgba, hash_image, hash_rgba, ImageHashing};
pub use lists::{check_list, decode_utf8, feed_limits, read_feed_payload, read_profiles};
pub use types::*;

use js_sys::JSON;
use serde::Serialize;
use vipguard::{AvatarRef, InputError, ListErrors, ProtectedList, QueryHashes};
use wasm_bindgen::prelude::*;

pub(crate) const LIST_SOURCE: &str = "protected list";

pub(crate) fn error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

/// A picture that could not be read, as an `Error` whose message is the engine's English and whose
/// `code` and `args` are `PictureError`'s, so that a page words it in the reviewer's language (the
/// catalogues' `listErr_<code>`, extension/shared/list-check.js).
pub(crate) fn picture_error(e: vipguard::PictureError) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let args: js_sys::Array = e.args.iter().map(|a| JsValue::from_str(a)).collect();
    // Setting a property on a fresh Error cannot fail.
    let _ = js_sys::Reflect::set(&err, &"code".into(), &e.code.into());
    let _ = js_sys::Reflect::set(&err, &"args".into(), &args);
    err.into()
}

/// JSON text of a value given as a JS object, or the string itself.
pub(crate) fn json_text(v: &JsValue, what: &str) -> Result<String, JsError> {
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    if v.is_undefined() || v.is_null() {
        return Err(error(format!("{what} is missing")));
    }
    JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| error(format!("{what} cannot be turned into JSON")))
}

/// A list's (or a signed payload's) problem as the extension's pages take it (the TypeScript
/// `ListError`): the CLI's English, where it is, and `code` and `args` to word it in another language.
#[derive(Serialize, Clone)]
pub(crate) struct FieldError {
    message: String,
    line: Option<usize>,
    field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    args: Vec<String>,
}

impl From<InputError> for FieldError {
    fn from(e: InputError) -> Self {
        FieldError {
            message: e.to_string(),
            line: e.line,
            code: e.code,
            args: e.args.clone(),
            field: e.field,
        }
    }
}

pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(error)?;
    JSON::parse(&text).map_err(|_| error("internal error: result is not JSON"))
}

pub(crate) fn parse_list(
    list: &JsValue,
    format: Option<String>,
) -> Result<ProtectedList, InputError> {
    parse_list_all(list, format).map_err(ListErrors::first)
}

/// `parse_list` with every problem of the list (the first is `parse_list`'s error).
pub(crate) fn parse_list_all(
    list: &JsValue,
    format: Option<String>,
) -> Result<ProtectedList, ListErrors> {
    let text = json_text(list, "the protected list")
        .map_err(|_| InputError::new(LIST_SOURCE, None, None, "not a list or a string"))?;
    match format.as_deref().unwrap_or("json") {
        "json" => ProtectedList::from_json_all(&text, LIST_SOURCE),
        "csv" => ProtectedList::from_csv_all(&text, LIST_SOURCE),
        other => Err(InputError::new(
            LIST_SOURCE,
            None,
            None,
            format!("unknown list format {other:?} (json or csv)"),
        )
        .into()),
    }
}

/// Image paths only mean something to the CLI, next to the list's file.
pub(crate) fn reject_paths(list: &ProtectedList) -> Result<(), InputError> {
    for (i, a) in list.accounts.iter().enumerate() {
        for (j, v) in a.avatars.iter().enumerate() {
            if let AvatarRef::Path(p) = v {
                return Err(InputError::new(
                    LIST_SOURCE,
                    None,
                    Some(&format!("accounts[{i}].avatars[{j}]")),
                    format!("{p:?} is an image file's name, which the browser cannot open: enroll the list first (`vipguard enroll`), or give this account's picture with the account form"),
                ));
            }
        }
    }
    Ok(())
}

pub(crate) fn parse_query(q: Option<String>) -> Result<Option<QueryHashes>, JsError> {
    q.filter(|q| !q.is_empty())
        .map(|q| QueryHashes::parse(&q).map_err(error))
        .transpose()
}

/// The crate's version, as `vipguard --version` prints it.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
