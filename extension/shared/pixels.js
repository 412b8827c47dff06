// Pixels of an image the WASM package cannot decode itself (it reads JPEG, PNG and WebP; GIF, AVIF and
// the rest are left to the browser's decoder). Works in the worker and in extension pages.

// PDQ works on a 64x64 reduction: larger pictures are scaled down on decoding.
const MAX_SIDE = 1024;

export async function browserPixels(bytes, type = '') {
  const bitmap = await createImageBitmap(new Blob([bytes], { type }));
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const { data } = ctx.getImageData(0, 0, width, height);
  return { width, height, rgba: new Uint8Array(data.buffer) };
}

// `decodeInWasm(bytes)`, or when the package cannot decode the picture, `fromPixels(width, height,
// rgba)` on the browser's decoding; the package's own error when the browser cannot read it either.
export async function withPixelsFallback(bytes, type, decodeInWasm, fromPixels) {
  try {
    return decodeInWasm(bytes);
  } catch (e) {
    let p;
    try {
      p = await browserPixels(bytes, type);
    } catch {
      throw e;
    }
    return fromPixels(p.width, p.height, p.rgba);
  }
}
