//! Avatar hashing: image bytes or pixels the browser decoded, to the hashes a check or a list takes.

use crate::types::{AvatarHashOut, ImageHashOut};
use crate::{error, to_js};
use serde::Serialize;
use vipguard::{decode, decode_rgba, enroll_rgb, plain_and_query, Rgb};
use wasm_bindgen::prelude::*;

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
    decode_rgba(width, height, pixels).map_err(error)
}

/// Decode image bytes (JPEG, PNG, WebP; GIF and others go through hashRgba) and hash them.
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
    let hash = enroll_rgb(&rgb);
    Ok(to_js(&hash)?.unchecked_into())
}

/// `enrollImage` for pixels the browser already decoded.
#[wasm_bindgen(js_name = enrollRgba)]
pub fn enroll_rgba(width: u32, height: u32, pixels: &[u8]) -> Result<AvatarHashOut, JsError> {
    let hash = enroll_rgb(&rgba(width, height, pixels)?);
    Ok(to_js(&hash)?.unchecked_into())
}
