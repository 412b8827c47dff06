//! Hostile pictures made at test time rather than kept as files: small files that claim (or inflate to)
//! far more memory than an avatar needs, and pictures with no pixels. Each is valid enough that a
//! decoder without limits decodes it whole. Shared by the engine's and the CLI's tests
//! (`#[path]`-included there) and by `examples/avatar_bombs.rs`, which writes them out for measuring.
#![allow(dead_code)] // each includer uses its own part

use std::io::Write;

/// One hostile picture: a file name (its extension tells the format) and its bytes.
pub struct Bomb {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

/// The pictures of issue 24's red team, at their sizes.
pub fn all() -> Vec<Bomb> {
    vec![
        Bomb {
            name: "webp-8192x8192.webp",
            bytes: webp_flat(8192, 8192),
        },
        Bomb {
            name: "png-8192x8192.png",
            bytes: png_flat(8192, 8192, Png::Rgb8, 0),
        },
        Bomb {
            // Within the sides allowed, but inflating a 300 MB ICC profile while reading the header.
            name: "png-16x16-icc-300mb.png",
            bytes: png_flat(16, 16, Png::Rgb8, 300 << 20),
        },
        Bomb {
            // A decompression bomb of sides any decoder accepts: 256 MiB of 16-bit RGBA from 250 KB.
            name: "png-rgba16-8192x4096.png",
            bytes: png_flat(8192, 4096, Png::Rgba16, 0),
        },
        Bomb {
            // Sides within the cap, pixels over it: 16-bit RGBA takes 8 bytes a pixel (128 MiB).
            name: "png-rgba16-4096x4096.png",
            bytes: png_flat(4096, 4096, Png::Rgba16, 0),
        },
        Bomb {
            name: "gif-height-0.gif",
            bytes: gif(1, 0, 1, 1),
        },
    ]
}

/// The largest picture still read, and the most costly: 4096x4096 in 8-bit RGBA, a gradient that
/// no border trimming shrinks (a PNG of about 200 KB).
pub fn largest_accepted() -> Bomb {
    let img = image::RgbaImage::from_fn(4096, 4096, |x, y| {
        image::Rgba([(x / 16) as u8, (y / 16) as u8, 128, 255])
    });
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    Bomb {
        name: "largest-accepted-4096x4096.png",
        bytes: png,
    }
}

/// A GIF of a `screen_w`×`screen_h` logical screen holding one `frame_w`×`frame_h` frame (35 bytes).
pub fn gif(screen_w: u16, screen_h: u16, frame_w: u16, frame_h: u16) -> Vec<u8> {
    let mut g = b"GIF89a".to_vec();
    g.extend(screen_w.to_le_bytes());
    g.extend(screen_h.to_le_bytes());
    g.extend([0x80, 0, 0]); // a global colour table of 2 entries
    g.extend([0, 0, 0, 255, 255, 255]);
    g.extend([0x2C, 0, 0, 0, 0]); // an image at 0,0
    g.extend(frame_w.to_le_bytes());
    g.extend(frame_h.to_le_bytes());
    g.extend([0, 2, 2, 0x4C, 0x01, 0, 0x3B]);
    g
}

/// A lossless WebP of `w`×`h` black pixels (at most 16384 a side) in a few dozen bytes: each of its
/// five prefix codes has one symbol, so a pixel takes no bits at all (WebP lossless format, RFC 9649).
pub fn webp_flat(w: u32, h: u32) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.put(0x2f, 8); // VP8L signature
    bits.put(w - 1, 14);
    bits.put(h - 1, 14);
    bits.put(0, 1); // alpha unused
    bits.put(0, 3); // version
    bits.put(0, 1); // no transform
    bits.put(0, 1); // no colour cache
    bits.put(0, 1); // no meta prefix codes
                    // Green, red, blue, alpha, distance: each a simple code of one 8-bit symbol (alpha 255, else 0).
    for symbol in [0, 0, 0, 255, 0] {
        bits.put(1, 1); // simple code
        bits.put(0, 1); // one symbol
        bits.put(1, 1); // of 8 bits
        bits.put(symbol, 8);
    }
    let mut vp8l = bits.bytes;
    if vp8l.len() % 2 == 1 {
        vp8l.push(0);
    }
    let mut out = b"RIFF".to_vec();
    out.extend((4 + 8 + vp8l.len() as u32).to_le_bytes());
    out.extend(b"WEBPVP8L");
    out.extend((vp8l.len() as u32).to_le_bytes());
    out.extend(vp8l);
    out
}

/// Bits written least significant first, as WebP lossless reads them.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    used: u32,
}

impl Bits {
    fn put(&mut self, value: u32, n: u32) {
        for i in 0..n {
            if self.used % 8 == 0 {
                self.bytes.push(0);
            }
            let bit = ((value >> i) & 1) as u8;
            *self.bytes.last_mut().unwrap() |= bit << (self.used % 8);
            self.used += 1;
        }
    }
}

/// PNG pixel formats the bombs use.
/// Accepted, and costly another way: 4096x4096 with red bands top and bottom round a white page, so a
/// query also tries the views made from a whole copy of the picture (a squeeze undone inside its
/// padding, a corner sticker painted out), which only avatar-sized pictures get (issue 22, review5).
pub fn padded_accepted() -> Bomb {
    let img = image::RgbImage::from_fn(4096, 4096, |x, y| match (x, y) {
        (_, 0..548) | (_, 3548..) => image::Rgb([200, 30, 30]),
        (1200..2896, 1500..2600) => image::Rgb([0, 0, 0]),
        _ => image::Rgb([255, 255, 255]),
    });
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    Bomb {
        name: "padded-accepted-4096x4096.png",
        bytes: png,
    }
}

#[derive(Clone, Copy)]
pub enum Png {
    Rgb8,
    Rgba16,
}

/// A PNG of `w`×`h` black pixels, with an ICC profile of `icc_bytes` zeros when not 0. The pixels and
/// the profile are compressed as they are made, a row at a time, so a gigabyte bomb costs its
/// generator a row of memory and its reader a few megabytes of file.
pub fn png_flat(w: u32, h: u32, format: Png, icc_bytes: usize) -> Vec<u8> {
    let (colour, depth, bytes_per_pixel) = match format {
        Png::Rgb8 => (2u8, 8u8, 3usize),
        Png::Rgba16 => (6, 16, 8),
    };
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([depth, colour, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    if icc_bytes > 0 {
        let mut iccp = b"icc\0\0".to_vec(); // profile name, compression method 0
        iccp.extend(zlib_of_zeros(icc_bytes, 1 << 20));
        chunk(&mut out, b"iCCP", &iccp);
    }
    // Each row: filter type 0, then its pixels.
    let row = 1 + w as usize * bytes_per_pixel;
    chunk(&mut out, b"IDAT", &zlib_of_zeros(row * h as usize, row));
    chunk(&mut out, b"IEND", &[]);
    out
}

/// `n` zero bytes, zlib-compressed `step` bytes at a time.
fn zlib_of_zeros(n: usize, step: usize) -> Vec<u8> {
    let zeros = vec![0u8; step.min(n)];
    let mut z = fdeflate::Compressor::new(Vec::new()).unwrap();
    let mut left = n;
    while left > 0 {
        let k = left.min(step);
        z.write_data(&zeros[..k]).unwrap();
        left -= k;
    }
    z.finish().unwrap()
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.write_all(kind).unwrap();
    out.write_all(data).unwrap();
    out.extend(crc.finalize().to_be_bytes());
}
