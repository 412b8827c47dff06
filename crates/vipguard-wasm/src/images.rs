//! Avatar hashing: image bytes or pixels the browser decoded, to the hashes a check or a list takes.

use crate::types::{AvatarHashOut, ImageHashOut};
use crate::{error, picture_error, to_js};
use serde::Serialize;
use std::borrow::Cow;
use vipguard::{
    decode, decode_rgba, enroll_rgb, plain_and_query, Hashed, QueryHashes, QueryInSteps, Rgb,
};
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
struct ImageHash {
    pdq: String,
    quality: u8,
    query: String,
}

fn image_hash(rgb: &Rgb) -> ImageHash {
    let (plain, query) = plain_and_query(rgb);
    image_hash_of(plain, query)
}

fn image_hash_of(plain: Hashed, query: QueryHashes) -> ImageHash {
    ImageHash {
        pdq: plain.hash.to_hex(),
        quality: plain.quality,
        query: query.encode(),
    }
}

fn rgba(width: u32, height: u32, pixels: &[u8]) -> Result<Rgb, JsValue> {
    decode_rgba(width, height, pixels).map_err(picture_error)
}

/// Image bytes decoded; a picture that cannot be read throws an `Error` with its `code` and `args`.
fn decoded(bytes: &[u8]) -> Result<Rgb, JsValue> {
    decode(bytes).map_err(picture_error)
}

/// Decode image bytes (JPEG, PNG, WebP; GIF and others go through hashRgba) and hash them.
#[wasm_bindgen(js_name = hashImage)]
pub fn hash_image(bytes: &[u8]) -> Result<ImageHashOut, JsValue> {
    let rgb = decoded(bytes)?;
    Ok(to_js(&image_hash(&rgb))?.unchecked_into())
}

/// Hash pixels the browser already decoded (ImageData from an OffscreenCanvas: RGBA, row-major).
#[wasm_bindgen(js_name = hashRgba)]
pub fn hash_rgba(width: u32, height: u32, pixels: &[u8]) -> Result<ImageHashOut, JsValue> {
    Ok(to_js(&image_hash(&rgba(width, height, pixels)?))?.unchecked_into())
}

/// `hashImage` or `hashRgba` a step at a time: `step()` until it returns false, then `finish()`. The
/// extension's worker runs one step per task, so hashing a page of pictures never holds it long.
#[wasm_bindgen]
pub struct ImageHashing {
    steps: Option<QueryInSteps<'static>>,
}

#[wasm_bindgen]
impl ImageHashing {
    /// Decode image bytes (JPEG, PNG, WebP); throws an `Error` when they cannot be read.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<ImageHashing, JsValue> {
        Ok(Self::of(decoded(bytes)?))
    }

    /// Pixels the browser already decoded (RGBA, row-major).
    #[wasm_bindgen(js_name = fromRgba)]
    pub fn from_rgba(width: u32, height: u32, pixels: &[u8]) -> Result<ImageHashing, JsValue> {
        Ok(Self::of(rgba(width, height, pixels)?))
    }

    fn of(rgb: Rgb) -> Self {
        ImageHashing {
            steps: Some(QueryInSteps::new(Cow::Owned(rgb), true)),
        }
    }

    /// Does the next step; false once all are done.
    pub fn step(&mut self) -> bool {
        self.steps.as_mut().is_some_and(|s| s.step())
    }

    /// What `hashImage` returns, the remaining steps done first. Throws if called twice.
    pub fn finish(&mut self) -> Result<ImageHashOut, JsError> {
        let steps = self
            .steps
            .take()
            .ok_or_else(|| error("this picture's hashes were already taken"))?;
        let (plain, query) = steps.finish();
        Ok(to_js(&image_hash_of(plain, query))?.unchecked_into())
    }
}

/// The list entry for a protected avatar from image bytes: `{pdq, refs}`.
#[wasm_bindgen(js_name = enrollImage)]
pub fn enroll_image(bytes: &[u8]) -> Result<AvatarHashOut, JsValue> {
    let rgb = decoded(bytes)?;
    let hash = enroll_rgb(&rgb);
    Ok(to_js(&hash)?.unchecked_into())
}

/// `enrollImage` for pixels the browser already decoded.
#[wasm_bindgen(js_name = enrollRgba)]
pub fn enroll_rgba(width: u32, height: u32, pixels: &[u8]) -> Result<AvatarHashOut, JsValue> {
    let hash = enroll_rgb(&rgba(width, height, pixels)?);
    Ok(to_js(&hash)?.unchecked_into())
}
