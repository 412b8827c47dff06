//! Decoding untrusted image bytes: JPEG, PNG, WebP and GIF (first frame), within limits, upright by the
//! EXIF orientation, transparency flattened onto white (how a profile page shows it).

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use std::io::Cursor;

/// Largest side accepted, in pixels. Profile photos are at most a few thousand pixels.
pub(crate) const MAX_SIDE: u32 = 8192;
/// Most memory the decoder may allocate.
pub(crate) const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// An RGB picture, row-major, 3 bytes a pixel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rgb {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// RGB bytes, row by row.
    pub pixels: Vec<u8>,
}

/// Decode `bytes`; errors say what was wrong in words a person can act on.
pub fn decode(bytes: &[u8]) -> Result<Rgb, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read: {e}"))?;
    if reader.format().is_none() {
        return Err("not an image in a supported format (JPEG, PNG, WebP, GIF)".into());
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    let mut decoder = reader.into_decoder().map_err(describe)?;
    decoder.set_limits(limits).map_err(describe)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(describe)?;
    img.apply_orientation(orientation);
    Ok(flatten(img))
}

fn describe(e: image::ImageError) -> String {
    match e {
        image::ImageError::Limits(l) => {
            format!("the image is too large to decode safely (at most {MAX_SIDE}x{MAX_SIDE} pixels): {l}")
        }
        image::ImageError::Unsupported(u) => format!("unsupported image: {u}"),
        image::ImageError::Decoding(d) => format!("corrupt or truncated image: {d}"),
        other => format!("cannot decode: {other}"),
    }
}

/// Pixels a browser already decoded (ImageData: RGBA, row-major, not premultiplied), flattened onto white
/// as `decode` does, so both give the same hash for the same picture.
pub fn from_rgba(width: u32, height: u32, rgba: &[u8]) -> Result<Rgb, String> {
    if width == 0 || height == 0 {
        return Err(format!("the image is empty ({width}x{height} pixels)"));
    }
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(format!(
            "the image is too large ({width}x{height} pixels; at most {MAX_SIDE}x{MAX_SIDE})"
        ));
    }
    let expected = width as usize * height as usize * 4;
    if rgba.len() != expected {
        return Err(format!(
            "expected {expected} bytes of RGBA for {width}x{height} pixels, got {}",
            rgba.len()
        ));
    }
    Ok(Rgb {
        width: width as usize,
        height: height as usize,
        pixels: over_white(rgba),
    })
}

fn over_white(rgba: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rgba.len() / 4 * 3);
    for p in rgba.chunks_exact(4) {
        let a = p[3] as u32;
        for c in 0..3 {
            out.push(((p[c] as u32 * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    out
}

/// RGBA over white, as a page shows a transparent avatar.
fn flatten(img: DynamicImage) -> Rgb {
    let (width, height) = (img.width() as usize, img.height() as usize);
    let pixels = if img.color().has_alpha() {
        over_white(img.into_rgba8().as_raw())
    } else {
        img.into_rgb8().into_raw()
    };
    Rgb {
        width,
        height,
        pixels,
    }
}
