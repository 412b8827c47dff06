//! The WebAssembly API (wasm32 only): a thin layer over the core for the browser extension.
//!
//! Everything crosses the boundary as the formats the CLI uses. Profiles and lists are turned into JSON
//! text and read by the same parsers as the CLI, so errors carry the CLI's messages; results are the
//! CLI's JSON lines, parsed once by `JSON.parse`, so `check` returns exactly a line of `vipguard scan`.
//! Nothing here touches `window`: the extension runs this in a service worker.

use crate::avatar::matcher::{plain_and_query, QueryHashes};
use crate::avatar::{decode, Rgb};
use crate::error::InputError;
use crate::profile::parse_json_line;
use crate::protected::{AvatarRef, ProtectedList};
use crate::verdict::ErrorResult;
use js_sys::JSON;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A platform account: `{"platform": "x", "handle": "AlikoDangote"}`. */
export interface HandleRef { platform: string; handle: string }
/** A protected avatar: its hashes, as `vipguard enroll` or `enrollImage` writes them. */
export interface AvatarHash { pdq: string; refs?: string[] }
export interface Account {
  id: string;
  name: string;
  aliases?: string[];
  handles?: HandleRef[];
  official?: HandleRef[];
  /** Image paths are only readable by the CLI: in the browser, enroll pictures to hashes first. */
  avatars?: (AvatarHash | string)[];
}
export interface ProtectedList { accounts: Account[] }
export interface Profile {
  id: string;
  platform: string;
  handle: string;
  name: string;
  bio?: string | null;
  /** Ignored here (the CLI reads it as a file path): pass the avatar's `query` to `check` instead. */
  avatar?: string | null;
}
export type VerdictWord = "own" | "allowed" | "labelled" | "impersonation" | "suspicious" | "clear";
export interface CharEvidence {
  char: string;
  codepoint: string;
  name: string;
  action: "lookalike" | "invisible" | "blank" | "filler" | "combining" | "diacritic" | "decoration" | "styled" | "reversal";
  looks_like?: string;
  field: string;
}
export interface Evidence {
  signal: string;
  detail: string;
  protected?: string;
  similarity?: number;
  distance?: number;
  edit?: string;
  chars?: CharEvidence[];
  compliant?: boolean;
}
/** One line of `vipguard scan` output. */
export interface CheckResult {
  id: string;
  verdict: VerdictWord;
  score: number;
  match: string | null;
  evidence: Evidence[];
}
/** A profile that could not be read, as `vipguard scan` reports it. */
export interface ErrorResult { id: string | null; line: number; error: string }
/** `pdq`: plain PDQ (as Meta's tools print it); `query`: the hashes `check` matches on, cacheable. */
export interface ImageHash { pdq: string; quality: number; query: string }
export interface ListSummary {
  accounts: number;
  aliases: number;
  handles: number;
  official: number;
  avatars: number;
  /** Avatars given as image paths, which must be enrolled before the list can be used here. */
  avatarPaths: number;
}
export interface ListError { message: string; line: number | null; field: string | null }
/** Rows of a profiles file: the ones read, and an error (with its line) for each one that was not. */
export interface ProfilesRead { profiles: Profile[]; lines: number[]; errors: ErrorResult[] }
/** `ok` with the list as read and its summary, or the first error with its line and field. */
export type ListCheck =
  | { ok: true; list: ProtectedList; summary: ListSummary }
  | { ok: false; error: ListError };
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "ProtectedList | string")]
    pub type ListInput;
    #[wasm_bindgen(typescript_type = "Profile")]
    pub type ProfileInput;
    #[wasm_bindgen(typescript_type = "Profile[]")]
    pub type ProfilesInput;
    #[wasm_bindgen(typescript_type = "(string | null | undefined)[]")]
    pub type QueriesInput;
    #[wasm_bindgen(typescript_type = "CheckResult")]
    pub type CheckResultOut;
    #[wasm_bindgen(typescript_type = "(CheckResult | ErrorResult)[]")]
    pub type CheckResultsOut;
    #[wasm_bindgen(typescript_type = "ImageHash")]
    pub type ImageHashOut;
    #[wasm_bindgen(typescript_type = "AvatarHash")]
    pub type AvatarHashOut;
    #[wasm_bindgen(typescript_type = "ListCheck")]
    pub type ListCheckOut;
    #[wasm_bindgen(typescript_type = "ProfilesRead")]
    pub type ProfilesReadOut;
    #[wasm_bindgen(typescript_type = "Account | undefined")]
    pub type AccountOut;
}

const LIST_SOURCE: &str = "protected list";

fn error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

/// JSON text of a value given as a JS object, or the string itself.
fn json_text(v: &JsValue, what: &str) -> Result<String, JsError> {
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

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(error)?;
    JSON::parse(&text).map_err(|_| error("internal error: result is not JSON"))
}

fn parse_list(list: &JsValue, format: Option<String>) -> Result<ProtectedList, InputError> {
    let text = json_text(list, "the protected list")
        .map_err(|_| InputError::new(LIST_SOURCE, None, None, "not a list or a string"))?;
    match format.as_deref().unwrap_or("json") {
        "json" => ProtectedList::from_json(&text, LIST_SOURCE),
        "csv" => ProtectedList::from_csv(&text, LIST_SOURCE),
        other => Err(InputError::new(
            LIST_SOURCE,
            None,
            None,
            format!("unknown list format {other:?} (json or csv)"),
        )),
    }
}

/// Image paths only mean something to the CLI, next to the list's file.
fn reject_paths(list: &ProtectedList) -> Result<(), InputError> {
    for (i, a) in list.accounts.iter().enumerate() {
        for (j, v) in a.avatars.iter().enumerate() {
            if let AvatarRef::Path(p) = v {
                return Err(InputError::new(
                    LIST_SOURCE,
                    None,
                    Some(&format!("accounts[{i}].avatars[{j}]")),
                    format!("{p:?} is an image path, which the browser cannot read: enroll the picture (enrollImage, or `vipguard enroll` for the whole list)"),
                ));
            }
        }
    }
    Ok(())
}

fn parse_query(q: Option<String>) -> Result<Option<QueryHashes>, JsError> {
    q.filter(|q| !q.is_empty())
        .map(|q| QueryHashes::parse(&q).map_err(error))
        .transpose()
}

/// The engine over one protected list.
#[wasm_bindgen]
pub struct Checker {
    inner: crate::Checker,
}

#[wasm_bindgen]
impl Checker {
    /// Build from a protected list: an object, JSON text, or CSV text with `format` "csv".
    /// `lang` words the evidence: "en" (default), "fr", or a browser language tag such as "fr-FR".
    /// Throws an `Error` naming the line and field of the first problem, or the language.
    #[wasm_bindgen(constructor)]
    pub fn new(
        list: &ListInput,
        format: Option<String>,
        lang: Option<String>,
    ) -> Result<Checker, JsError> {
        let lang = match lang.as_deref() {
            Some(tag) => crate::Lang::parse(tag).map_err(error)?,
            None => crate::Lang::En,
        };
        let list = parse_list(list, format).map_err(error)?;
        reject_paths(&list).map_err(error)?;
        Ok(Checker {
            inner: crate::Checker::new(list).with_lang(lang),
        })
    }

    /// The built checker as bytes, for `Checker.restore` in a later session (the extension keeps them
    /// so a restarted service worker does not build again). Only this version of vipguard reads them.
    pub fn snapshot(&self) -> Vec<u8> {
        crate::snapshot::save(&self.inner)
    }

    /// A checker from `snapshot()`'s bytes, much faster than building from the list. Throws an `Error`
    /// when the bytes are not a whole snapshot of this version (then build from the list again).
    pub fn restore(snapshot: &[u8], lang: Option<String>) -> Result<Checker, JsError> {
        let lang = match lang.as_deref() {
            Some(tag) => crate::Lang::parse(tag).map_err(error)?,
            None => crate::Lang::En,
        };
        let inner = crate::snapshot::restore(snapshot, "snapshot").map_err(error)?;
        Ok(Checker {
            inner: inner.with_lang(lang),
        })
    }

    /// The protected account with this id as the list holds it, or `undefined`: what a banner shows of
    /// the account a verdict names, without keeping the list outside the checker.
    pub fn account(&self, id: &str) -> Result<AccountOut, JsError> {
        Ok(match self.inner.account(id) {
            Some(a) => to_js(a)?.unchecked_into(),
            None => JsValue::UNDEFINED.unchecked_into(),
        })
    }

    /// Number of protected accounts.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.list().accounts.len()
    }

    /// Check one profile; `avatar` is the `query` of `hashImage`/`hashRgba` for the profile's picture.
    pub fn check(
        &self,
        profile: &ProfileInput,
        avatar: Option<String>,
    ) -> Result<CheckResultOut, JsError> {
        let text = json_text(profile, "the profile")?;
        let profile = parse_json_line(&text, "profile", 1).map_err(|b| error(b.error))?;
        let query = parse_query(avatar)?;
        let result = self.inner.check_with_avatar(&profile, query.as_ref());
        Ok(to_js(&result)?.unchecked_into())
    }

    /// Check many profiles at once (a page of user cells). A profile that cannot be read gets an
    /// `ErrorResult` in its place, as in `vipguard scan`; `avatars[i]` is profile i's avatar query.
    #[wasm_bindgen(js_name = checkMany)]
    pub fn check_many(
        &self,
        profiles: &ProfilesInput,
        avatars: Option<QueriesInput>,
    ) -> Result<CheckResultsOut, JsError> {
        if !js_sys::Array::is_array(profiles) {
            return Err(error("profiles must be an array"));
        }
        let text = json_text(profiles, "the profiles")?;
        let raws: Vec<&serde_json::value::RawValue> = serde_json::from_str(&text).map_err(error)?;
        let queries: Vec<Option<String>> = match avatars {
            Some(a) if !a.is_undefined() && !a.is_null() => {
                let arr: &js_sys::Array = a
                    .dyn_ref()
                    .ok_or_else(|| error("avatars must be an array"))?;
                arr.iter().map(|v| v.as_string()).collect()
            }
            _ => Vec::new(),
        };
        let mut out = String::with_capacity(raws.len() * 256);
        out.push('[');
        for (i, raw) in raws.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let line = match parse_json_line(raw.get(), "profiles", i + 1) {
                Ok(p) => {
                    let query = match queries.get(i).cloned().flatten() {
                        Some(q) => Some(
                            QueryHashes::parse(&q)
                                .map_err(|e| error(format!("avatars[{i}]: {e}")))?,
                        ),
                        None => None,
                    };
                    serde_json::to_string(&self.inner.check_with_avatar(&p, query.as_ref()))
                }
                Err(b) => serde_json::to_string(&ErrorResult {
                    id: b.id,
                    line: i + 1,
                    error: b.error.to_string(),
                }),
            }
            .map_err(error)?;
            out.push_str(&line);
        }
        out.push(']');
        let parsed = JSON::parse(&out).map_err(|_| error("internal error: result is not JSON"))?;
        Ok(parsed.unchecked_into())
    }
}

#[derive(Serialize)]
struct ImageHash {
    pdq: String,
    quality: u8,
    query: String,
}

fn image_hash(rgb: &Rgb) -> ImageHash {
    let (plain, query) = plain_and_query(rgb);
    ImageHash {
        pdq: plain.hash.to_hex(),
        quality: plain.quality,
        query: query.encode(),
    }
}

fn rgba(width: u32, height: u32, pixels: &[u8]) -> Result<Rgb, JsError> {
    crate::avatar::decode::from_rgba(width, height, pixels).map_err(error)
}

/// Decode image bytes (JPEG, PNG, WebP, GIF) and hash them.
#[wasm_bindgen(js_name = hashImage)]
pub fn hash_image(bytes: &[u8]) -> Result<ImageHashOut, JsError> {
    let rgb = decode(bytes).map_err(error)?;
    Ok(to_js(&image_hash(&rgb))?.unchecked_into())
}

/// Hash pixels the browser already decoded (ImageData from an OffscreenCanvas: RGBA, row-major).
#[wasm_bindgen(js_name = hashRgba)]
pub fn hash_rgba(width: u32, height: u32, pixels: &[u8]) -> Result<ImageHashOut, JsError> {
    Ok(to_js(&image_hash(&rgba(width, height, pixels)?))?.unchecked_into())
}

/// The list entry for a protected avatar from image bytes: `{pdq, refs}`.
#[wasm_bindgen(js_name = enrollImage)]
pub fn enroll_image(bytes: &[u8]) -> Result<AvatarHashOut, JsError> {
    let rgb = decode(bytes).map_err(error)?;
    let hash = crate::enroll::enroll_rgb(&rgb).map_err(error)?;
    Ok(to_js(&hash)?.unchecked_into())
}

/// `enrollImage` for pixels the browser already decoded.
#[wasm_bindgen(js_name = enrollRgba)]
pub fn enroll_rgba(width: u32, height: u32, pixels: &[u8]) -> Result<AvatarHashOut, JsError> {
    let hash = crate::enroll::enroll_rgb(&rgba(width, height, pixels)?).map_err(error)?;
    Ok(to_js(&hash)?.unchecked_into())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListSummary {
    accounts: usize,
    aliases: usize,
    handles: usize,
    official: usize,
    avatars: usize,
    avatar_paths: usize,
}

/// Profiles from a spreadsheet (`source` ending in `.csv`) or JSONL text, for the bulk page: read by the
/// CLI's reader, so the columns and the messages are the CLI's. A bad row becomes an error with its line
/// and the rest are read; a file that cannot be read at all (bad header, unclosed quote) throws.
#[wasm_bindgen(js_name = readProfiles)]
pub fn read_profiles(text: &str, source: &str) -> Result<ProfilesReadOut, JsError> {
    #[derive(Serialize)]
    struct Read {
        profiles: Vec<crate::Profile>,
        /// The line each profile was read from.
        lines: Vec<usize>,
        errors: Vec<ErrorResult>,
    }
    let mut out = Read {
        profiles: Vec::new(),
        lines: Vec::new(),
        errors: Vec::new(),
    };
    for (line, row) in crate::profile::read_profiles(text, source).map_err(error)? {
        match row {
            Ok(p) => {
                out.profiles.push(p);
                out.lines.push(line);
            }
            Err(bad) => out.errors.push(ErrorResult {
                id: bad.id,
                line,
                error: bad.error.to_string(),
            }),
        }
    }
    Ok(to_js(&out)?.unchecked_into())
}

/// Validate a list for the options page without building a checker: the list as read and a summary,
/// or the first error with its line and field. Never throws for a bad list.
#[wasm_bindgen(js_name = checkList)]
pub fn check_list(list: &ListInput, format: Option<String>) -> Result<ListCheckOut, JsError> {
    #[derive(Serialize)]
    struct Failed {
        ok: bool,
        error: ListError,
    }
    #[derive(Serialize)]
    struct ListError {
        message: String,
        line: Option<usize>,
        field: Option<String>,
    }
    #[derive(Serialize)]
    struct Passed<'a> {
        ok: bool,
        list: &'a ProtectedList,
        summary: ListSummary,
    }
    let out = match parse_list(list, format) {
        Err(e) => to_js(&Failed {
            ok: false,
            error: ListError {
                message: e.to_string(),
                line: e.line,
                field: e.field,
            },
        })?,
        Ok(list) => {
            let count = |f: fn(&crate::protected::Account) -> usize| {
                list.accounts.iter().map(f).sum::<usize>()
            };
            let summary = ListSummary {
                accounts: list.accounts.len(),
                aliases: count(|a| a.aliases.len()),
                handles: count(|a| a.handles.len()),
                official: count(|a| a.official.len()),
                avatars: count(|a| a.avatars.len()),
                avatar_paths: count(|a| {
                    a.avatars
                        .iter()
                        .filter(|v| matches!(v, AvatarRef::Path(_)))
                        .count()
                }),
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

/// The crate's version, as `vipguard --version` prints it.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
