//! A picture's sides as its header declares them, read from the bytes before any decoder: so that a
//! picture with a side of 0 is refused as having no pixels, naming its sides. The decoders refuse such
//! a header themselves, but with an English message only ("Invalid image dimensions" from the PNG
//! decoder, "Inconsistent image sizes" from the WebP one) and no structured kind to tell it apart from
//! a damaged file, so the header is read here rather than the decoder's words matched.

use image::ImageFormat;

/// The width and height `bytes`' header declares, for the formats whose header can declare a side of
/// 0 (PNG, JPEG, lossy WebP); `None` when the header is not there or not one of those. GIF's decoder
/// reads a side of 0 and `decode` checks what it reports; lossless and extended WebP store each side
/// less one, so cannot say 0.
pub(crate) fn declared(bytes: &[u8], format: ImageFormat) -> Option<(u32, u32)> {
    match format {
        ImageFormat::Png => png(bytes),
        ImageFormat::Jpeg => jpeg(bytes),
        ImageFormat::WebP => webp(bytes),
        _ => None,
    }
}

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?) as u32)
}

fn le16(b: &[u8], at: usize) -> Option<u32> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as u32)
}

/// PNG: the signature (8 bytes), then the IHDR chunk's length and type, then width and height (4 bytes
/// each, big-endian).
fn png(b: &[u8]) -> Option<(u32, u32)> {
    if b.get(12..16)? != b"IHDR" {
        return None;
    }
    let word = |at: usize| Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?));
    Some((word(16)?, word(20)?))
}

/// JPEG: the segments after the start of image, each a marker and a length, up to the first start of
/// frame (SOF0 to SOF15 but DHT C4, JPG C8 and DAC CC), which holds the precision, then height and width.
fn jpeg(b: &[u8]) -> Option<(u32, u32)> {
    if !b.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    loop {
        // Fill bytes (0xFF) may come before a marker.
        while *b.get(at)? == 0xFF && *b.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *b.get(at)? != 0xFF {
            return None;
        }
        let marker = *b.get(at + 1)?;
        // Markers without a length: restart markers and TEM.
        if matches!(marker, 0xD0..=0xD7 | 0x01) {
            at += 2;
            continue;
        }
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return Some((be16(b, at + 7)?, be16(b, at + 5)?));
        }
        // Start of scan or end of image before a frame: no frame header.
        if matches!(marker, 0xDA | 0xD9) {
            return None;
        }
        at += 2 + be16(b, at + 2)? as usize;
    }
}

/// Lossy WebP (RFC 9649): RIFF, the size, WEBP, then the "VP8 " chunk (type and size), whose frame
/// starts with a 3-byte tag and the start code 9D 01 2A, then width and height (14 bits each, little
/// endian, under 2 bits of scale).
fn webp(b: &[u8]) -> Option<(u32, u32)> {
    if b.get(12..16)? != b"VP8 " || b.get(23..26)? != [0x9D, 0x01, 0x2A] {
        return None;
    }
    Some((le16(b, 26)? & 0x3FFF, le16(b, 28)? & 0x3FFF))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_of_pictures_the_encoders_made_are_read() {
        let img = image::RgbImage::new(37, 5);
        for format in [ImageFormat::Png, ImageFormat::Jpeg] {
            let mut bytes = Vec::new();
            img.write_to(&mut std::io::Cursor::new(&mut bytes), format)
                .unwrap();
            assert_eq!(declared(&bytes, format), Some((37, 5)), "{format:?}");
            // Cut short: no sides, no panic.
            for n in 0..bytes.len().min(700) {
                let _ = declared(&bytes[..n], format);
            }
        }
    }
}
