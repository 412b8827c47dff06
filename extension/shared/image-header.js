// A picture's format and size, read from its first bytes before anything decodes it: a 216 KB PNG can
// declare 8192×8192 pixels (1.8 GB once decoded), so the size is checked first and huge pictures are
// refused (issue 24). Reads PNG, JPEG, GIF, WebP, BMP and AVIF/HEIF; anything else is "not recognised".
// An ES module with no dependencies, for the worker and the extension's pages.

// Avatars are at most 1500 px a side on the sites served; a little room over that, not a photo's worth.
export const AVATAR_LIMITS = Object.freeze({ maxSide: 4096, maxPixels: 16 * 1024 * 1024 });

const u16be = (b, i) => (b[i] << 8) | b[i + 1];
const u16le = (b, i) => b[i] | (b[i + 1] << 8);
const u24le = (b, i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32be = (b, i) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
const i32le = (b, i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
const ascii = (b, i, n) => String.fromCharCode(...b.subarray(i, i + n));

// {type, width, height}, or null when the bytes are no picture this reads (or are cut short).
export function imageHeader(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (b.length >= 24 && u32be(b, 0) === 0x89504e47 && ascii(b, 12, 4) === 'IHDR') {
    return { type: 'png', width: u32be(b, 16), height: u32be(b, 20) };
  }
  if (b.length >= 10 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) {
    // The logical screen: browsers draw every frame into a canvas of this size.
    return { type: 'gif', width: u16le(b, 6), height: u16le(b, 8) };
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b);
  if (b.length >= 30 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return webp(b);
  if (b.length >= 26 && ascii(b, 0, 2) === 'BM') return { type: 'bmp', width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') return isobmff(b);
  return null;
}

// The first start-of-frame segment's size; segments before it are skipped by their lengths.
function jpeg(b) {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker === 0xff) { i++; continue; } // fill byte
    // SOF0–SOF15, but not DHT (C4), JPG (C8) or DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { type: 'jpeg', width: u16be(b, i + 7), height: u16be(b, i + 5) };
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { i += 2; continue; } // no length
    i += 2 + u16be(b, i + 2);
  }
  return null;
}

function webp(b) {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { type: 'webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { type: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { type: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  return null;
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
  return h;
}
