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

/// Why a picture could not be read: a code and the values its words name, for an interface that words
/// it in the reader's language (the extension's catalogues word each as `listErr_<code>`, and so does
/// the command line), and the English `message` for everyone else. Codes (values in brackets):
/// `picture_empty`; `picture_unknown_format` (not JPEG, PNG, WebP or GIF); `picture_corrupt`
/// [the decoder's English detail] (truncated or damaged); `picture_unsupported` [detail] (a feature
/// of its format that is not read); `picture_no_pixels` [width, height] (a side of 0, from the
/// header itself for PNG, JPEG and lossy WebP); `picture_too_large` [width,
/// height, most pixels a side]; `picture_memory` [most megabytes of pixels].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PictureError {
    /// What was wrong, as one of the codes above.
    pub code: &'static str,
    /// The values `code`'s words name, in order; a detail is the decoder's English, technical.
    pub args: Vec<String>,
    /// What was wrong, in English words a person can act on.
    pub message: String,
}

impl PictureError {
    fn new(code: &'static str, args: Vec<String>, message: impl Into<String>) -> Self {
        PictureError {
            code,
            args,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for PictureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PictureError {}

/// Its English message, for callers that only pass words on.
impl From<PictureError> for String {
    fn from(e: PictureError) -> String {
        e.message
    }
}

/// The error for a picture of `width`×`height` pixels, if it is not one that can be compared: empty
/// (a side of 0) or larger than `MAX_SIDE` a side.
fn check_size(width: u32, height: u32) -> Result<(), PictureError> {
    let (w, h) = (width.to_string(), height.to_string());
    if width == 0 || height == 0 {
        return Err(PictureError::new(
            "picture_no_pixels",
            vec![w, h],
            format!("the picture is {width}x{height} pixels: it has no pixels to compare"),
        ));
    }
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(PictureError::new(
            "picture_too_large",
            vec![w, h, MAX_SIDE.to_string()],
            format!("the picture is {width}x{height} pixels, too large: at most {MAX_SIDE} pixels a side are read (resize it)"),
        ));
    }
    Ok(())
}

/// Most memory metadata may take while the header is read (ICC profiles are a few kilobytes).
const MAX_METADATA: u64 = 4 << 20;

/// Decode `bytes`; errors say what was wrong in words a person can act on.
pub fn decode(bytes: &[u8]) -> Result<Rgb, PictureError> {
    if bytes.is_empty() {
        return Err(PictureError::new(
            "picture_empty",
            Vec::new(),
            "the file is empty",
        ));
    }
    match jpeg_direct(bytes) {
        Some(decoded) => decoded,
        None => decode_with_image(bytes),
    }
}

/// `decode` by the `image` crate, for every format (a JPEG `jpeg_direct` did not take, and the error
/// of any picture that cannot be read).
fn decode_with_image(bytes: &[u8]) -> Result<Rgb, PictureError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| corrupt("cannot read", e))?;
    let Some(format) = reader.format() else {
        return Err(unknown_format());
    };
    // A side of 0, as the header declares it: the PNG, JPEG and WebP decoders refuse it with words
    // of their own, before `dimensions` could be asked (see `sides`).
    if let Some((width, height)) = super::sides::declared(bytes, format) {
        if width == 0 || height == 0 {
            check_size(width, height)?;
        }
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
        return Err(PictureError::new(
            "picture_memory",
            vec![(MAX_ALLOC >> 20).to_string()],
            format!(
            "the picture is {width}x{height} pixels of {} bytes each, too large: at most {} MB of pixels are read (save it with 8 bits a channel or resize it)",
            decoder.total_bytes() / (width as u64 * height as u64),
            MAX_ALLOC >> 20
        )));
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

/// A colour JPEG decoded by zune-jpeg straight into the RGB buffer that is handed on: what `image`
/// does with it (the same decoder, options and output), without reading its headers three times (to
/// open it, for EXIF, to decode) and copying its bytes. None for anything else and for an error in
/// the headers, a side of 0 or one over `MAX_SIDE`: `decode` then goes the general way, which gives
/// the same picture or the same error as before (reading headers again costs little). An error in the
/// pixels is told here, as `image` words it: decoding a hostile picture twice would double its cost.
fn jpeg_direct(bytes: &[u8]) -> Option<Result<Rgb, PictureError>> {
    use zune_core::colorspace::ColorSpace;
    use zune_core::options::DecoderOptions;
    // What `image` recognises as JPEG (its magic bytes).
    if !bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        return None;
    }
    // The options `image` decodes a colour JPEG with, its limits set as `decode` sets them.
    let options = DecoderOptions::default()
        .jpeg_set_out_colorspace(ColorSpace::RGB)
        .set_strict_mode(false)
        .set_max_width(MAX_SIDE as usize)
        .set_max_height(MAX_SIDE as usize);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(
        zune_core::bytestream::ZCursor::new(bytes),
        options,
    );
    decoder.decode_headers().ok()?;
    // `image` asks grey and RGBA JPEGs for their own colour space (then widened to RGB or flattened),
    // every other for RGB: only those are decoded here.
    let colour = matches!(
        decoder.input_colorspace()?,
        ColorSpace::RGB | ColorSpace::YCbCr | ColorSpace::CMYK | ColorSpace::YCCK
    );
    let (width, height) = decoder.dimensions()?;
    if !colour || check_size(width as u32, height as u32).is_err() {
        return None;
    }
    let orientation = decoder
        .exif()
        .and_then(|exif| image::metadata::Orientation::from_exif_chunk(exif))
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut pixels = vec![0u8; decoder.output_buffer_size()?];
    if pixels.len() != width * height * 3 {
        return None;
    }
    if let Err(e) = decoder.decode_into(&mut pixels) {
        return Some(Err(describe(image_jpeg_error(e))));
    }
    if orientation == image::metadata::Orientation::NoTransforms {
        return Some(Ok(Rgb {
            width,
            height,
            pixels,
        }));
    }
    // Turned or flipped by its EXIF: as `decode` turns it.
    let buffer = image::RgbImage::from_raw(width as u32, height as u32, pixels)?;
    let mut img = DynamicImage::ImageRgb8(buffer);
    img.apply_orientation(orientation);
    Some(Ok(flatten(img)))
}

/// A zune-jpeg error as the `image` crate turns it into its own (`ImageError::from_jpeg`, private in
/// image 0.25), so `describe` words it as it did when `image` decoded the picture.
fn image_jpeg_error(err: zune_jpeg::errors::DecodeErrors) -> image::ImageError {
    use image::error::{
        DecodingError, LimitError, LimitErrorKind, UnsupportedError, UnsupportedErrorKind,
    };
    use zune_jpeg::errors::DecodeErrors;
    let jpeg = image::ImageFormat::Jpeg.into();
    match err {
        DecodeErrors::Unsupported(desc) => {
            image::ImageError::Unsupported(UnsupportedError::from_format_and_kind(
                jpeg,
                UnsupportedErrorKind::GenericFeature(format!("{desc:?}")),
            ))
        }
        DecodeErrors::LargeDimensions(_) => {
            image::ImageError::Limits(LimitError::from_kind(LimitErrorKind::DimensionError))
        }
        err => image::ImageError::Decoding(DecodingError::new(jpeg, err)),
    }
}

/// The `image` crate's error as one of `PictureError`'s codes; its own English is kept as the detail of
/// the codes that have one.
fn describe(e: image::ImageError) -> PictureError {
    use image::error::UnsupportedErrorKind;
    match e {
        image::ImageError::Limits(_) => PictureError::new(
            "picture_memory",
            vec![(MAX_ALLOC >> 20).to_string()],
            format!(
            "the image is too large to decode safely: it needs more memory than an avatar may take (at most {MAX_SIDE}x{MAX_SIDE} pixels, {} MB of pixels and {} MB of metadata)",
            MAX_ALLOC >> 20,
            MAX_METADATA >> 20
        )),
        // A format recognised by its first bytes but not one read here (BMP, TIFF …).
        image::ImageError::Unsupported(u) if matches!(u.kind(), UnsupportedErrorKind::Format(_)) => {
            unknown_format()
        }
        image::ImageError::Unsupported(u) => PictureError::new(
            "picture_unsupported",
            vec![u.to_string()],
            format!("unsupported image: {u}"),
        ),
        image::ImageError::Decoding(d) => corrupt("corrupt or truncated image", d),
        other => corrupt("cannot decode", other),
    }
}

/// `picture_corrupt`, the decoder's own words its detail: `what: detail` in English.
fn corrupt(what: &str, detail: impl std::fmt::Display) -> PictureError {
    let detail = detail.to_string();
    let message = format!("{what}: {detail}");
    PictureError::new("picture_corrupt", vec![detail], message)
}

fn unknown_format() -> PictureError {
    PictureError::new(
        "picture_unknown_format",
        Vec::new(),
        "not an image in a supported format (JPEG, PNG, WebP, GIF)",
    )
}

/// Pixels a browser already decoded (ImageData: RGBA, row-major, not premultiplied), flattened onto white
/// as `decode` does, so both give the same hash for the same picture.
pub fn from_rgba(width: u32, height: u32, rgba: &[u8]) -> Result<Rgb, PictureError> {
    check_size(width, height)?;
    let expected = width as usize * height as usize * 4;
    if rgba.len() != expected {
        let detail = format!(
            "expected {expected} bytes of RGBA for {width}x{height} pixels, got {}",
            rgba.len()
        );
        return Err(PictureError::new(
            "picture_corrupt",
            vec![detail.clone()],
            detail,
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

#[cfg(test)]
mod tests {
    use super::*;
    use image::ImageEncoder;
    use std::path::{Path, PathBuf};

    /// JPEG files under `dir`, at any depth.
    fn jpegs_under(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                jpegs_under(&path, out);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("jpg") || e.eq_ignore_ascii_case("jpeg"))
            {
                out.push(path);
            }
        }
    }

    /// A JPEG of a gradient, `colour` (RGB) or grey, with an EXIF orientation when given.
    fn made_jpeg(colour: bool, quality: u8, orientation: Option<u16>) -> Vec<u8> {
        let (w, h) = (61u32, 37u32);
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x * 4) as u8, (y * 6) as u8, ((x * y) % 251) as u8])
        });
        let img = if colour {
            DynamicImage::ImageRgb8(img)
        } else {
            DynamicImage::ImageLuma8(DynamicImage::ImageRgb8(img).into_luma8())
        };
        let mut out = Vec::new();
        let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
        if let Some(o) = orientation {
            // Big-endian TIFF, one IFD entry: Orientation (0x0112), SHORT, 1 value.
            let mut exif = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
            exif.extend_from_slice(&o.to_be_bytes());
            exif.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
            encoder.set_exif_metadata(exif).unwrap();
        }
        encoder
            .write_image(img.as_bytes(), w, h, img.color().into())
            .unwrap();
        out
    }

    /// Every JPEG the direct path takes comes out byte for byte as `image` decodes it: the demo's,
    /// the PDQ test data's (when present) and made ones, turned by EXIF; a grey one is left to `image`.
    #[test]
    fn direct_jpeg_decoding_gives_what_image_gives() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        jpegs_under(&root.join("../../demo"), &mut files);
        let pdq = std::env::var_os("VIPGUARD_PDQ_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("../../../shared/data/pdq"));
        jpegs_under(&pdq, &mut files);
        let mut pictures: Vec<(String, Vec<u8>)> = files
            .iter()
            .map(|f| (f.display().to_string(), std::fs::read(f).unwrap()))
            .collect();
        for (quality, orientation) in [(90, None), (60, Some(1)), (75, Some(6)), (95, Some(3))] {
            let name = format!("made q{quality} {orientation:?}");
            pictures.push((name, made_jpeg(true, quality, orientation)));
        }
        let mut direct = 0;
        for (name, bytes) in &pictures {
            if let Some(decoded) = jpeg_direct(bytes) {
                assert_eq!(decoded, decode_with_image(bytes), "{name}");
                direct += 1;
            }
        }
        // Every colour JPEG is taken (so the comparison is not empty), and turned ones come out turned.
        assert_eq!(direct, pictures.len());
        let turned = jpeg_direct(&made_jpeg(true, 75, Some(6))).unwrap().unwrap();
        assert_eq!((turned.width, turned.height), (37, 61));
        // A grey JPEG is left to `image`, which widens it to RGB.
        let grey = made_jpeg(false, 90, None);
        assert!(jpeg_direct(&grey).is_none());
        assert_eq!(decode(&grey).unwrap().width, 61);
    }

    /// A damaged JPEG gives what it gave before: the same pixels where `image` read it anyway, the
    /// same error where it did not.
    #[test]
    fn damaged_jpegs_decode_as_before() {
        let bytes = made_jpeg(true, 90, None);
        for cut in [3, 20, 200, bytes.len() / 2, bytes.len() - 2] {
            let damaged = &bytes[..cut];
            assert_eq!(decode(damaged), decode_with_image(damaged), "cut at {cut}");
        }
    }

    /// A JPEG whose pixels cannot be read is refused by the direct path itself, in `image`'s words,
    /// not decoded a second time by `image` to reach the same error (a hostile picture failing late
    /// would cost twice: review of issue 22's hashing pass).
    #[test]
    fn errors_in_the_pixels_are_told_once_as_image_words_them() {
        let bytes = made_jpeg(true, 90, None);
        let sos = bytes.windows(2).position(|w| w == [0xff, 0xda]).unwrap();
        let mut told = 0;
        for at in (sos + 14..bytes.len() - 2).step_by(7) {
            let mut damaged = bytes.clone();
            damaged[at] = 0xff; // a marker where scan data was
            assert_eq!(
                decode(&damaged),
                decode_with_image(&damaged),
                "0xff at {at}"
            );
            told += matches!(jpeg_direct(&damaged), Some(Err(_))) as usize;
        }
        assert!(told > 0, "no damaged copy was refused by the direct path");
    }
}
