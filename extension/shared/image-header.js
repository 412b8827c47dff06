// A picture's format and size, read from its first bytes before anything decodes it: a 216 KB PNG can
// declare 8192×8192 pixels (1.8 GB once decoded), so the size is checked first and huge pictures are
// refused (issue 24). Reads PNG, JPEG, GIF, WebP, BMP and AVIF/HEIF; anything else is "not recognised".
// An ES module with no dependencies, for the worker and the extension's pages.

// Avatars are at most 1500 px a side on the sites served; a little room over that, not a photo's worth.
// `maxFrames`: an animated avatar has a few dozen; each frame is decoded into the picture's canvas.
export const AVATAR_LIMITS = Object.freeze({ maxSide: 4096, maxPixels: 16 * 1024 * 1024, maxFrames: 500 });

const u16be = (b, i) => (b[i] << 8) | b[i + 1];
const u16le = (b, i) => b[i] | (b[i + 1] << 8);
const u24le = (b, i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32le = (b, i) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
const u32be = (b, i) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
const i32le = (b, i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
const ascii = (b, i, n) => String.fromCharCode(...b.subarray(i, i + n));

// {type, width, height}, or null when the bytes are no picture this reads (or are cut short).
export function imageHeader(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (b.length >= 24 && u32be(b, 0) === 0x89504e47 && ascii(b, 12, 4) === 'IHDR') return png(b);
  if (b.length >= 10 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return gif(b);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b);
  if (b.length >= 30 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return webp(b);
  if (b.length >= 26 && ascii(b, 0, 2) === 'BM') return { type: 'bmp', width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') return isobmff(b);
  return null;
}

// Animated and multi-frame formats declare a canvas, then frames that may reach past it: a decoder
// that grows its canvas to a frame (Chromium's GIF decoder does) allocates the frame's size, so a GIF
// declaring 16×16 with a 16384² frame once took 1 GB (issue 24). Each reader below walks the whole
// file, bounded by its length, and returns the largest extent of canvas and frames, and the frames.

// PNG, and APNG's frame controls (fcTL: width, height, x and y offsets), chunk by chunk.
function png(b) {
  let width = u32be(b, 16);
  let height = u32be(b, 20);
  let frames = 0;
  for (let i = 8; i + 8 <= b.length;) {
    const len = u32be(b, i);
    const type = ascii(b, i + 4, 4);
    if (type === 'fcTL' && i + 8 + 20 <= b.length) {
      frames++;
      width = Math.max(width, u32be(b, i + 12) + u32be(b, i + 20));
      height = Math.max(height, u32be(b, i + 16) + u32be(b, i + 24));
    }
    if (type === 'IEND') break;
    i += 12 + len;
  }
  return { type: 'png', width, height, ...(frames ? { frames } : {}) };
}

// GIF: the logical screen, then every block (extensions and image data as sub-blocks, image
// descriptors with their local colour tables) up to the trailer or where the data ends.
function gif(b) {
  let width = u16le(b, 6);
  let height = u16le(b, 8);
  let frames = 0;
  let i = 13 + (b[10] & 0x80 ? 3 << ((b[10] & 7) + 1) : 0);
  const subBlocks = (at) => {
    while (at < b.length && b[at] !== 0) at += 1 + b[at];
    return at + 1; // past the terminator
  };
  while (i < b.length) {
    const block = b[i];
    if (block === 0x21) { // extension: label, then sub-blocks
      i = subBlocks(i + 2);
    } else if (block === 0x2c) { // image descriptor
      if (i + 10 > b.length) break;
      frames++;
      width = Math.max(width, u16le(b, i + 1) + u16le(b, i + 5));
      height = Math.max(height, u16le(b, i + 3) + u16le(b, i + 7));
      const packed = b[i + 9];
      i += 10 + (packed & 0x80 ? 3 << ((packed & 7) + 1) : 0);
      i = subBlocks(i + 1); // LZW minimum code size, then the data
    } else {
      break; // the trailer (0x3b), or bytes a decoder stops at too
    }
  }
  return { type: 'gif', width, height, ...(frames ? { frames } : {}) };
}

// JPEG: every start-of-frame segment (a file may hold several; the largest counts) that a decoder could
// reach. Decoders walk the segments by their lengths but part ways on bytes that are not a segment:
// between segments, zune-jpeg (the engine's) and libjpeg (browsers') skip to the next 0xFF that starts
// a marker, so `FF 00` and stray bytes are passed over, not read as a segment; and a restart marker,
// TEM or a second SOI between segments is read by libjpeg with no length and by zune-jpeg with one.
// A single walk that chose either way could be steered past a frame a decoder sees (a 16384² frame
// hidden behind `FF 00` was read as 24×24: fuzz/regressions/image-header/). So both ways are walked,
// each byte at most once in each state (between segments, or in a scan's entropy-coded data, where a
// restart marker has no length for anyone), and the largest frame on any of them counts.
function jpeg(b) {
  let width = 0;
  let height = 0;
  let found = false;
  const seen = new Uint8Array(b.length); // bit 1: walked between segments; bit 2: walked in a scan
  const starts = [[2, false]];
  while (starts.length) {
    let [i, scan] = starts.pop();
    while (i + 3 < b.length && !(seen[i] & (scan ? 2 : 1))) {
      if (scan) { // entropy-coded data (most of the file), in a tight loop up to the next 0xFF
        while (i + 3 < b.length && b[i] !== 0xff && !(seen[i] & 2)) seen[i++] |= 2;
        if (i + 3 >= b.length || seen[i] & 2) break;
      }
      seen[i] |= scan ? 2 : 1;
      const marker = b[i + 1];
      // Not a marker (a stray byte, fill 0xFF, a stuffed 00, entropy-coded data): the next byte.
      if (b[i] !== 0xff || marker === 0xff || marker === 0) { i++; continue; }
      const noLength = marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01;
      if (scan && noLength) { i += 2; continue; }
      if (marker === 0xd9) break; // end of image
      if (noLength) starts.push([i + 2, false]); // libjpeg's way; zune-jpeg's, with a length, below
      // SOF0–SOF15, but not DHT (C4), JPG (C8) or DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker) && i + 9 <= b.length) {
        found = true;
        width = Math.max(width, u16be(b, i + 7));
        height = Math.max(height, u16be(b, i + 5));
      }
      i += 2 + u16be(b, i + 2);
      scan = marker === 0xda; // a start of scan: its entropy-coded data follows
    }
  }
  return found ? { type: 'jpeg', width, height } : null;
}

// A VP8 or VP8L bitstream's size, its chunk's data at `at`; null when not one.
function vp8Size(b, chunk, at) {
  if (chunk === 'VP8L' && at + 5 <= b.length && b[at] === 0x2f) {
    const bits = b[at + 1] | (b[at + 2] << 8) | (b[at + 3] << 16) | (b[at + 4] << 24);
    return [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
  }
  if (chunk === 'VP8 ' && at + 10 <= b.length && b[at + 3] === 0x9d && b[at + 4] === 0x01 && b[at + 5] === 0x2a) {
    return [u16le(b, at + 6) & 0x3fff, u16le(b, at + 8) & 0x3fff];
  }
  return null;
}

// WebP: the VP8X canvas, every animation frame (ANMF: its offset and size, and its bitstream's) and
// every bitstream, chunk by chunk.
function webp(b) {
  let width = 0;
  let height = 0;
  let frames = 0;
  const grow = (w, h) => { width = Math.max(width, w); height = Math.max(height, h); };
  for (let i = 12; i + 8 <= b.length;) {
    const chunk = ascii(b, i, 4);
    const len = u32le(b, i + 4);
    const at = i + 8;
    if (chunk === 'VP8X' && at + 10 <= b.length) grow(u24le(b, at + 4) + 1, u24le(b, at + 7) + 1);
    else if (chunk === 'ANMF' && at + 16 <= b.length) {
      frames++;
      grow(u24le(b, at) * 2 + u24le(b, at + 6) + 1, u24le(b, at + 3) * 2 + u24le(b, at + 9) + 1);
      for (let j = at + 16; j + 8 <= Math.min(b.length, at + len);) { // the frame's own chunks
        const size = vp8Size(b, ascii(b, j, 4), j + 8);
        if (size) grow(...size);
        j += 8 + u32le(b, j + 4) + (b[j + 4] & 1);
      }
    } else {
      const size = vp8Size(b, chunk, at);
      if (size) grow(...size);
    }
    i = at + len + (len & 1); // chunks are padded to an even length
  }
  return width || height ? { type: 'webp', width, height, ...(frames ? { frames } : {}) } : null;
}

// AVIF and HEIF: the largest image spatial extent ('ispe') declared in the first 64 KB.
function isobmff(b) {
  const brand = ascii(b, 8, 4);
  if (!['avif', 'avis', 'heic', 'heix', 'mif1', 'msf1'].includes(brand)) return null;
  let width = 0;
  let height = 0;
  const end = Math.min(b.length, 65536) - 20;
  for (let i = 4; i < end; i++) {
    if (b[i] === 0x69 && b[i + 1] === 0x73 && b[i + 2] === 0x70 && b[i + 3] === 0x65) { // 'ispe'
      width = Math.max(width, u32be(b, i + 8));
      height = Math.max(height, u32be(b, i + 12));
    }
  }
  return width && height ? { type: brand.startsWith('avi') ? 'avif' : 'heif', width, height } : null;
}

// Throws an error naming what is wrong when the picture cannot be read or is over `limits`;
// returns its header otherwise.
export function checkImageSize(bytes, limits = AVATAR_LIMITS) {
  const h = imageHeader(bytes);
  if (!h) throw new Error('picture not recognised (PNG, JPEG, GIF, WebP, BMP or AVIF expected)');
  if (!(h.width > 0 && h.height > 0)) throw new Error(`picture of ${h.width}×${h.height} pixels has no area`);
  if (h.width > limits.maxSide || h.height > limits.maxSide || h.width * h.height > limits.maxPixels) {
    throw new Error(`picture of ${h.width}×${h.height} pixels is too large (at most ${limits.maxSide} px a side and ${limits.maxPixels / 1048576} megapixels)`);
  }
  if (h.frames > (limits.maxFrames ?? Infinity)) throw new Error(`picture of ${h.frames} frames has too many (at most ${limits.maxFrames})`);
  return h;
}
