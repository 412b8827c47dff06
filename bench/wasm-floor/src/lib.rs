//! Each dependency the package needs, called once so the linker keeps what vipguard uses of it.
use unicode_normalization::char::{canonical_combining_class, compose, is_combining_mark};
use unicode_normalization::UnicodeNormalization;
use unicode_script::UnicodeScript;
use wasm_bindgen::prelude::*;

/// Decode a JPEG, PNG or WebP picture to luma, as hashImage does.
#[wasm_bindgen]
pub fn decode(bytes: &[u8]) -> Result<u32, JsError> {
    let img = image::load_from_memory(bytes).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(img.to_rgb8().pixels().map(|p| p[0] as u32).sum())
}

/// The Unicode steps of normalisation: decompositions, composition, marks, skeleton, scripts.
#[wasm_bindgen]
pub fn keys(s: &str) -> String {
    let mut out: String = unicode_security::skeleton(&s.nfkd().collect::<String>()).collect();
    out.extend(s.nfd().filter(|c| !is_combining_mark(*c)));
    out.extend(s.nfc());
    let mut chars = s.chars();
    if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
        out.extend(compose(a, b));
    }
    let n: u32 = s
        .chars()
        .map(|c| c.script() as u32 + canonical_combining_class(c) as u32)
        .sum();
    out.push_str(&n.to_string());
    out.push_str(&s.to_lowercase());
    out
}

/// Parse and write JSON, as lists, profiles and verdicts are.
#[wasm_bindgen]
pub fn json(s: &str) -> Result<String, JsError> {
    let v: serde_json::Value = serde_json::from_str(s).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(v.to_string())
}

/// Fetch an avatar's bytes and decode them, logging failures: what the worker's JavaScript does today.
#[cfg(feature = "gloo")]
#[wasm_bindgen]
pub async fn fetch_and_decode(url: String) -> Result<u32, JsError> {
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|e| JsError::new(&e.to_string()))?;
    let bytes = response
        .binary()
        .await
        .map_err(|e| JsError::new(&e.to_string()))?;
    decode(&bytes).inspect_err(|_| gloo_console::warn!("vipguard: cannot decode", url))
}
