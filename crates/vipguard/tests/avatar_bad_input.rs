//! Hostile and broken images: an error or a quality-gated result, never a panic, never a huge allocation.

#[path = "common/bombs.rs"]
mod bombs;

use std::borrow::Cow;
use vipguard::{
    decode, decode_rgba, enroll_rgb, hash_bytes, pdq_of, plain_and_query, query_hashes,
    QueryInSteps,
};

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = b"IHDR".to_vec();
    chunk.extend(width.to_be_bytes());
    chunk.extend(height.to_be_bytes());
    chunk.extend([8, 2, 0, 0, 0]); // 8-bit RGB
    out.extend((13u32).to_be_bytes());
    out.extend(&chunk);
    out.extend(crc32(&chunk).to_be_bytes());
    // A tiny IDAT that cannot hold the claimed pixels.
    let idat = b"IDAT\x78\x9c\x03\x00\x00\x00\x00\x01";
    out.extend(((idat.len() - 4) as u32).to_be_bytes());
    out.extend(idat);
    out.extend(crc32(idat).to_be_bytes());
    out
}

/// A GIF of a `w`×`h` screen holding a 1x1 frame.
fn gif_with_screen(w: u16, h: u16) -> Vec<u8> {
    bombs::gif(w, h, 1, 1)
}

fn small_jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 64, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 4) as u8, 128])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

#[test]
fn zero_bytes() {
    let e = decode(&[]).unwrap_err();
    assert_eq!(
        (e.code, e.message.as_str()),
        ("picture_empty", "the file is empty")
    );
}

#[test]
fn random_bytes() {
    let mut x = 0x1234_5678u32;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let e = decode(&bytes).unwrap_err();
    assert_eq!(e.code, "picture_unknown_format");
    assert!(e.message.contains("not an image"));
}

#[test]
fn truncated_jpeg() {
    let jpeg = small_jpeg();
    assert!(decode(&jpeg).is_ok());
    for cut in [2, 20, 200, jpeg.len() / 2] {
        match decode(&jpeg[..cut]) {
            Err(e) => assert!(
                ["picture_corrupt", "picture_unknown_format"].contains(&e.code),
                "{cut}: {e}"
            ),
            // Some decoders fill a truncated scan with grey; then the picture must still hash safely.
            Ok(rgb) => assert_eq!(rgb.pixels().len(), rgb.width() * rgb.height() * 3),
        }
    }
}

#[test]
fn png_claiming_100000_by_100000_is_refused_before_allocating() {
    let e = decode(&png_header(100_000, 100_000)).unwrap_err();
    assert!(e.message.contains("too large"), "{e}");
    assert_eq!(
        (e.code, &e.args[..]),
        (
            "picture_too_large",
            &["100000".to_string(), "100000".into(), "4096".into()][..]
        )
    );
}

#[test]
fn gif_with_a_huge_logical_screen_is_refused() {
    let e = decode(&gif_with_screen(65_535, 65_535)).unwrap_err();
    assert!(e.message.contains("too large"), "{e}");
    assert_eq!(e.code, "picture_too_large");
    // The same GIF with a sane screen decodes (first frame).
    assert!(decode(&gif_with_screen(16, 16)).is_ok());
}

#[test]
fn one_pixel_image_is_quality_gated() {
    let img = image::RgbImage::from_pixel(1, 1, image::Rgb([10, 20, 30]));
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let h = hash_bytes(&png).unwrap();
    assert_eq!(h.quality, 0);
}

/// Issue 24, finding 6: a GIF whose screen or frame has a side of 0 (35 bytes) panicked hashing.
#[test]
fn pictures_without_pixels_are_refused_naming_their_size() {
    for (screen, frame, error) in [
        ((1, 0), (1, 1), "1x0 pixels"),
        ((0, 1), (1, 1), "0x1 pixels"),
        ((0, 0), (1, 1), "0x0 pixels"),
    ] {
        let gif = bombs::gif(screen.0, screen.1, frame.0, frame.1);
        let e = decode(&gif).unwrap_err();
        assert!(
            e.message.contains(error) && e.message.contains("no pixels"),
            "{screen:?}: {e}"
        );
        assert_eq!(e.code, "picture_no_pixels");
        assert_eq!(hash_bytes(&gif).unwrap_err(), e.message);
    }
    // A PNG whose header declares a side of 0: its decoder refuses that header in English words of
    // its own, so the sides are read from the header first (avatar/sides.rs).
    for (w, h) in [(0, 0), (1, 0), (0, 7)] {
        let e = decode(&bombs::png_flat(w, h, bombs::Png::Rgb8, 0)).unwrap_err();
        assert_eq!(e.code, "picture_no_pixels", "{w}x{h}: {e}");
        assert_eq!(e.args, [w.to_string(), h.to_string()]);
    }
    for (w, h) in [(0, 0), (0, 5), (5, 0)] {
        let e = decode_rgba(w, h, &[]).unwrap_err();
        assert!(e.message.contains(&format!("{w}x{h} pixels")), "{e}");
        assert_eq!(e.args, [w.to_string(), h.to_string()]);
    }
}

/// The progressive JPEG bomb of `bombs.rs` is a well-made picture whose one fault is its count of
/// scans: at 99 scans it is read whole (so its cost is a real picture's), at 101 it is refused, as
/// damaged, naming zune-jpeg's cap of 100.
#[test]
fn the_progressive_jpeg_bomb_fails_only_for_its_count_of_scans() {
    let read = decode(&bombs::jpeg_progressive(64, 99)).expect("99 scans are read");
    assert_eq!((read.width(), read.height()), (64, 64));
    let e = decode(&bombs::jpeg_progressive(64, 101)).unwrap_err();
    assert_eq!(e.code, "picture_corrupt", "{e}");
    assert!(
        e.message.contains("Too many scans, exceeded limit of 100"),
        "{e}"
    );
}

/// Every shape a picture may have, down to one pixel and one-pixel lines, hashes in every way without
/// a panic (the views trim, square and cut each picture).
#[test]
fn thin_and_tiny_pictures_hash_in_every_way() {
    for (w, h) in [
        (1, 1),
        (1, 2),
        (2, 1),
        (1, 300),
        (300, 1),
        (3, 7),
        (8, 8),
        (9, 400),
    ] {
        let rgba: Vec<u8> = (0..w * h * 4).map(|i| (i * 37 % 251) as u8).collect();
        let rgb = decode_rgba(w as u32, h as u32, &rgba).unwrap();
        pdq_of(&rgb);
        query_hashes(&rgb);
        plain_and_query(&rgb);
        enroll_rgb(&rgb);
        let mut steps = QueryInSteps::new(Cow::Borrowed(&rgb), true);
        while steps.step() {}
        steps.finish();
    }
}
