//! Decoding untrusted image bytes: JPEG, PNG, WebP and GIF (first frame), within limits, upright by the
//! EXIF orientation, transparency flattened onto white (how a profile page shows it).
//!
//! A picture is a few kilobytes that can claim gigabytes: its size is read from its header and refused
//! before any pixel is decoded, and the decoder's allocations (pixels, and metadata such as an ICC
//! profile) are capped, so one hostile avatar costs at most about `MAX_ALLOC` and a few copies of it.

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use std::io::Cursor;

/// Largest side accepted, in pixels. Profile photos are served at a few hundred pixels; a protected
/// person's photo from a camera is to be resized first (the error says so).
pub(crate) const MAX_SIDE: u32 = 4096;
/// Most memory the decoded pixels may take: a picture of `MAX_SIDE` a side in 8-bit RGBA (64 MiB).
pub(crate) const MAX_ALLOC: u64 = (MAX_SIDE as u64) * (MAX_SIDE as u64) * 4;

/// An RGB picture, row-major, 3 bytes a pixel, at least one pixel and at most `MAX_SIDE` a side: made
/// only by [`decode`] and [`from_rgba`], which check that, so nothing that takes one meets an empty
/// picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rgb {
    pub(crate) width: usize,
    pub(crate) height: usize,
    pub(crate) pixels: Vec<u8>,
}

impl Rgb {
    /// Width in pixels (at least 1).
    pub fn width(&self) -> usize {
        self.width
    }
    /// Height in pixels (at least 1).
    pub fn height(&self) -> usize {
        self.height
    }
    /// RGB bytes, row by row.
    pub fn pixels(&self) -> &[u8] {
        &self.pixels
    }
}

/// The error for a picture of `width`×`height` pixels, if it is not one that can be compared: empty
/// (a side of 0) or larger than `MAX_SIDE` a side.
fn check_size(width: u32, height: u32) -> Result<(), String> {
    if width == 0 || height == 0 {
        return Err(format!(
            "the picture is {width}x{height} pixels: it has no pixels to compare"
        ));
    }
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(format!(
            "the picture is {width}x{height} pixels, too large: at most {MAX_SIDE} pixels a side are read (resize it)"
        ));
    }
    Ok(())
}

/// Most memory metadata may take while the header is read (ICC profiles are a few kilobytes).
const MAX_METADATA: u64 = 4 << 20;

/// Decode `bytes`; errors say what was wrong in words a person can act on.
pub fn decode(bytes: &[u8]) -> Result<Rgb, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read: {e}"))?;
    if reader.format().is_none() {
        return Err("not an image in a supported format (JPEG, PNG, WebP, GIF)".into());
    }
    // Metadata (a PNG's ICC profile, EXIF, text) is inflated while the header is read, before any
    // pixel: capped from the first byte, far below the pixels' cap (the PNG decoder drops a profile
    // over it and reads the picture). Sides are checked below rather than by the decoder, so that
    // the error can name them.
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_METADATA);
    reader.limits(limits.clone());
    let mut decoder = reader.into_decoder().map_err(describe)?;
    // The size, from the header: refused here, before the pixels are allocated, naming it.
    let (width, height) = decoder.dimensions();
    check_size(width, height)?;
    if decoder.total_bytes() > MAX_ALLOC {
        return Err(format!(
            "the picture is {width}x{height} pixels of {} bytes each, too large: at most {} MB of pixels are read (save it with 8 bits a channel or resize it)",
            decoder.total_bytes() / (width as u64 * height as u64),
            MAX_ALLOC >> 20
        ));
    }
    // For what a decoder allocates besides the pixels (a GIF's frame).
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    decoder.set_limits(limits).map_err(describe)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(describe)?;
    img.apply_orientation(orientation);
    // A decoder's header and its pixels could disagree; what is handed on is checked again.
    check_size(img.width(), img.height())?;
    Ok(flatten(img))
}

fn describe(e: image::ImageError) -> String {
    match e {
        image::ImageError::Limits(_) => format!(
            "the image is too large to decode safely: it needs more memory than an avatar may take (at most {MAX_SIDE}x{MAX_SIDE} pixels, {} MB of pixels and {} MB of metadata)",
            MAX_ALLOC >> 20,
            MAX_METADATA >> 20
        ),
        image::ImageError::Unsupported(u) => format!("unsupported image: {u}"),
        image::ImageError::Decoding(d) => format!("corrupt or truncated image: {d}"),
        other => format!("cannot decode: {other}"),
    }
}

/// Pixels a browser already decoded (ImageData: RGBA, row-major, not premultiplied), flattened onto white
/// as `decode` does, so both give the same hash for the same picture.
pub fn from_rgba(width: u32, height: u32, rgba: &[u8]) -> Result<Rgb, String> {
    check_size(width, height)?;
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
