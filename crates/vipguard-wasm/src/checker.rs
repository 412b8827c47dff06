//! The engine over one protected list, as the extension's service worker holds it.

use crate::types::{
    AccountOut, CheckResultOut, CheckResultsOut, ListInput, ProfileInput, ProfilesInput,
    QueriesInput,
};
use crate::{error, json_text, parse_list, parse_query, reject_paths, to_js};
use js_sys::JSON;
use vipguard::{parse_json_line, ErrorResult, Lang, QueryHashes};
use wasm_bindgen::prelude::*;

type Engine = vipguard::Checker;

/// The language of evidence from a tag ("en", "fr", "pcm", "fr-FR"); English when none is given.
fn evidence_lang(tag: Option<String>) -> Result<Lang, JsError> {
    tag.as_deref()
        .map_or(Ok(Lang::En), |t| Lang::parse(t).map_err(error))
}

/// The engine over one protected list.
#[wasm_bindgen]
pub struct Checker {
    inner: Engine,
}

#[wasm_bindgen]
impl Checker {
    /// Build from a protected list: an object, JSON text, or CSV text with `format` "csv".
    /// `lang` words the evidence: "en" (default), "fr", "pcm" (Nigerian Pidgin), or a browser language
    /// tag such as "fr-FR".
    /// Throws an `Error` naming the line and field of the first problem, or the language.
    #[wasm_bindgen(constructor)]
    pub fn new(
        list: &ListInput,
        format: Option<String>,
        lang: Option<String>,
    ) -> Result<Checker, JsError> {
        let lang = evidence_lang(lang)?;
        let list = parse_list(list, format).map_err(error)?;
        reject_paths(&list).map_err(error)?;
        Ok(Checker {
            inner: Engine::new(list).map_err(error)?.with_lang(lang),
        })
    }

    /// The built checker as bytes, for `Checker.restore` in a later session (the extension keeps them
    /// so a restarted service worker does not build again). Only this version of vipguard reads them.
    /// `list_key` names the stored list this checker was built from (its SHA-256 in hex, say):
    /// `restore` takes the snapshot only with the same key.
    pub fn snapshot(&self, list_key: &str) -> Vec<u8> {
        vipguard::save_snapshot(&self.inner, list_key)
    }

    /// A checker from `snapshot()`'s bytes, much faster than building from the list. Throws an `Error`
    /// when the bytes are not a whole snapshot of this version, were saved for another list (`list_key`,
    /// the stored list's key, differs), or hold a list that building would refuse (then build from the
    /// list again).
    pub fn restore(
        snapshot: &[u8],
        list_key: &str,
        lang: Option<String>,
    ) -> Result<Checker, JsError> {
        let lang = evidence_lang(lang)?;
        let inner = vipguard::restore_snapshot(snapshot, "snapshot", list_key).map_err(error)?;
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

    /// One check of a made-up profile resembling the first protected account, its result dropped. A
    /// new worker's first check compiles the engine's code as it runs (V8 compiles each WASM function on
    /// its first call) and works out the keys of the accounts it meets; the extension calls this while
    /// the page is still loading, so the page's first check finds that done.
    #[wasm_bindgen(js_name = warmUp)]
    pub fn warm_up(&self) {
        let Some(account) = self.inner.list().accounts.first() else {
            return;
        };
        let handle = account.handles.first();
        // The name with its first letter doubled, on the account's own platform: a near miss reaches the
        // candidate lookup, the scoring and the evidence.
        let mut name = account.name.clone();
        if let Some(c) = name.chars().next() {
            name.insert(0, c);
        }
        let profile = vipguard::Profile {
            id: "warm-up".into(),
            platform: handle.map_or_else(|| "x".into(), |h| h.platform.clone()),
            handle: handle.map_or_else(|| name.clone(), |h| format!("{}_", h.handle)),
            name,
            ..Default::default()
        };
        let _ = self.inner.check_with_avatar(&profile, None);
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
