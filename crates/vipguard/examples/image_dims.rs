//! What the engine's decoder (the `image` crate, as `vipguard::decode` sets it up) reads of many pictures:
//! the differential side of `tests/unit/image-header-fuzz.test.mjs`, which checks the extension's
//! header reader (`extension/shared/image-header.js`) against it.
//!
//! Input: one file of records, each a u32 little-endian length and that many bytes (one process for
//! thousands of pictures: a process per picture would cost more than the decoding). Output: one line a
//! record, `FORMAT W H DW DH`: the format guessed from the first bytes (`-` if none), the size the
//! decoder's header declares, and the size of the first frame once decoded, before any EXIF rotation;
//! `-` for what could not be read. Pictures over 4096 px a side are not decoded, as `decode` refuses them.

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::{BufWriter, Cursor, Write};

const MAX_SIDE: u32 = 4096;
const MAX_ALLOC: u64 = (MAX_SIDE as u64) * (MAX_SIDE as u64) * 4;
const MAX_METADATA: u64 = 4 << 20;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: image_dims RECORDS (u32 LE length + bytes, repeated)");
    let data = std::fs::read(&path).expect("the records could not be read");
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut at = 0;
    while at + 4 <= data.len() {
        let len = u32::from_le_bytes(data[at..at + 4].try_into().unwrap()) as usize;
        let bytes = &data[at + 4..(at + 4 + len).min(data.len())];
        writeln!(out, "{}", describe(bytes)).unwrap();
        at += 4 + len;
    }
}

/// One record's line.
fn describe(bytes: &[u8]) -> String {
    let Ok(reader) = ImageReader::new(Cursor::new(bytes)).with_guessed_format() else {
        return "- - - - -".into();
    };
    let Some(format) = reader.format() else {
        return "- - - - -".into();
    };
    let name = format_name(format);
    let (header, decoded) = read(reader);
    format!("{name} {} {}", pair(header), pair(decoded))
}

/// The header's size and the decoded first frame's, each when the decoder got that far.
fn read(mut reader: ImageReader<Cursor<&[u8]>>) -> (Option<(u32, u32)>, Option<(u32, u32)>) {
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_METADATA);
    reader.limits(limits.clone());
    let Ok(mut decoder) = reader.into_decoder() else {
        return (None, None);
    };
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE || decoder.total_bytes() > MAX_ALLOC {
        return (Some((w, h)), None);
    }
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    if decoder.set_limits(limits).is_err() {
        return (Some((w, h)), None);
    }
    let decoded = DynamicImage::from_decoder(decoder)
        .ok()
        .map(|img| (img.width(), img.height()));
    (Some((w, h)), decoded)
}

fn pair(size: Option<(u32, u32)>) -> String {
    size.map_or("- -".into(), |(w, h)| format!("{w} {h}"))
}

/// The name `imageHeader` gives the format (`type`), or the crate's own for the rest.
fn format_name(format: ImageFormat) -> String {
    match format {
        ImageFormat::Jpeg => "jpeg".into(),
        ImageFormat::Png => "png".into(),
        ImageFormat::Gif => "gif".into(),
        ImageFormat::WebP => "webp".into(),
        ImageFormat::Bmp => "bmp".into(),
        ImageFormat::Avif => "avif".into(),
        other => format!("{other:?}").to_lowercase(),
    }
}
