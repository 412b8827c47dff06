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
        Bomb {
            // Sides within the cap, pixels that fail only at the 101st scan, once every scan before has
            // been read (a review of issue 22's hashing pass: docs/avatars.md).
            name: "jpeg-4096x4096-101-scans.jpg",
            bytes: jpeg_progressive(4096, 101),
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

/// PNG pixel formats the bombs use.
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

/// A progressive JPEG of `side`×`side` pixels in 4:2:0 (a colour photo's three components) whose
/// coefficients are noise, in `scans` scans: the DC of every component, the AC of each, then copies of a
/// small scan (the last component's AC again, every block in end-of-band runs: a few bytes each).
/// zune-jpeg, which decodes JPEGs for the engine and for `image`, refuses a progressive JPEG at its
/// 101st scan (`max_scans`, 100 by default), having read every scan before into coefficients for the
/// whole picture: with `scans` over 100 the pixels fail only once the costly part is done. The noise
/// comes from a fixed seed, so the file is the same every time (4.5 MB at 4096 a side). `side` must be
/// a multiple of 16.
pub fn jpeg_progressive(side: u16, scans: usize) -> Vec<u8> {
    assert!(side % 16 == 0 && scans >= 4);
    // Huffman tables of codes of one length each, symbol i being code i (canonical; no code is all
    // ones): DC categories 0-9 in 4 bits; AC table 0, the noise's, end of block and a coefficient of
    // 1-3 bits with no zero before it in 3 bits; AC table 1, the small scan's, the end-of-band runs
    // EOB0-EOB14 (1 to 32767 blocks) in 4 bits.
    let dc: Vec<u8> = (0..10).collect();
    let ac: Vec<u8> = vec![0x00, 0x01, 0x02, 0x03];
    let eob: Vec<u8> = (0..15).map(|n| n << 4).collect();
    let mut out = vec![0xff, 0xd8];
    let mut dqt = vec![0u8];
    dqt.extend([8u8; 64]);
    jpeg_segment(&mut out, 0xdb, &dqt);
    let mut sof = vec![8];
    sof.extend(side.to_be_bytes());
    sof.extend(side.to_be_bytes());
    sof.extend([3, 1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0]); // Y 2x2, Cb and Cr 1x1
    jpeg_segment(&mut out, 0xc2, &sof); // SOF2: progressive, Huffman-coded
    for (class_and_id, symbols, bits) in [(0x00u8, &dc, 4), (0x10, &ac, 3), (0x11, &eob, 4)] {
        let mut dht = vec![class_and_id];
        let mut counts = [0u8; 16];
        counts[bits - 1] = symbols.len() as u8;
        dht.extend(counts);
        dht.extend(symbols);
        jpeg_segment(&mut out, 0xc4, &dht);
    }
    // A scan's header: its components, each with DC table 0 and AC table `ac_table`, and its band.
    let scan = |out: &mut Vec<u8>, components: &[u8], ac_table: u8, band: (u8, u8)| {
        let mut sos = vec![components.len() as u8];
        for &c in components {
            sos.extend([c, ac_table]);
        }
        sos.extend([band.0, band.1, 0]); // no successive approximation
        jpeg_segment(out, 0xda, &sos);
    };
    // A value as JPEG codes it: its size (category), then that many bits (a negative one as value - 1).
    let category = |v: i32| -> (u32, u32) {
        let size = 32 - v.unsigned_abs().leading_zeros();
        let bits = if v < 0 { v - 1 } else { v } as u32;
        (size, bits & ((1 << size) - 1))
    };
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut random = move |n: u32| -> i32 {
        // xorshift64*
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        ((seed.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 32) % u64::from(n)) as i32
    };
    let mcus = usize::from(side / 16).pow(2);
    let mut bits = JpegBits::default();
    // The DC of every block, the three components in one scan (per 16x16 unit: four luma blocks, then
    // Cb and Cr); each DC drawn in -200..=200, so that a difference is of category 9 at most.
    scan(&mut out, &[1, 2, 3], 0, (0, 0));
    let mut previous = [0i32; 3];
    for _ in 0..mcus {
        for c in [0, 0, 0, 0, 1, 2] {
            let value = random(401) - 200;
            let (size, extra) = category(value - previous[c]);
            previous[c] = value;
            bits.put(size, 4);
            bits.put(extra, size);
        }
    }
    bits.flush(&mut out);
    // The AC of each component, a block at a time: 15 odd coefficients in -7..=7, then end of block.
    for (component, blocks) in [(1u8, mcus * 4), (2, mcus), (3, mcus)] {
        scan(&mut out, &[component], 0x00, (1, 63));
        for _ in 0..blocks {
            for _ in 0..15 {
                let (size, extra) = category((random(15) - 7) | 1);
                bits.put(size, 3);
                bits.put(extra, size);
            }
            bits.put(0, 3);
        }
        bits.flush(&mut out);
    }
    // The small scan: Cr's blocks again, in end-of-band runs (EOBn: 2^n blocks and n bits more).
    let mut small = Vec::new();
    let mut left = mcus;
    while left > 0 {
        let run = left.min(32767) as u32;
        let n = 31 - run.leading_zeros();
        bits.put(n, 4);
        bits.put(run - (1 << n), n);
        left -= run as usize;
    }
    bits.flush(&mut small);
    for _ in 4..scans {
        scan(&mut out, &[3], 0x01, (1, 63));
        out.extend(&small);
    }
    out.extend([0xff, 0xd9]);
    out
}

/// A JPEG marker segment: the marker, the length (its own two bytes included), the data.
fn jpeg_segment(out: &mut Vec<u8>, marker: u8, data: &[u8]) {
    out.extend([0xff, marker]);
    out.extend(((data.len() + 2) as u16).to_be_bytes());
    out.extend(data);
}

/// Bits written most significant first, as JPEG's entropy-coded data is read; a 0xff byte is followed
/// by a 0, so that it is not read as a marker.
#[derive(Default)]
struct JpegBits {
    bytes: Vec<u8>,
    pending: u32,
    count: u32,
}

impl JpegBits {
    fn put(&mut self, value: u32, n: u32) {
        for i in (0..n).rev() {
            self.pending = self.pending << 1 | (value >> i) & 1;
            self.count += 1;
            if self.count == 8 {
                self.bytes.push(self.pending as u8);
                if self.pending == 0xff {
                    self.bytes.push(0);
                }
                self.pending = 0;
                self.count = 0;
            }
        }
    }

    /// The scan's data to `out`, its last byte filled with ones.
    fn flush(&mut self, out: &mut Vec<u8>) {
        if self.count > 0 {
            self.put(0xff, 8 - self.count);
        }
        out.append(&mut self.bytes);
    }
}
