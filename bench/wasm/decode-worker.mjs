// The worker side of bench/wasm/decode.mjs: for each picture, the package's own decoding and hash
// (hashImage: the image crate's JPEG, PNG and WebP decoders in WebAssembly) against the browser's decoding
// as the extension does it for the formats the package leaves out (extension/shared/pixels.js:
// createImageBitmap, an OffscreenCanvas of at most 1024 px a side, getImageData) then hashRgba. Times
// from the bytes in memory to the hash, rounds interleaved; the PDQ hashes' distance in bits.
import init, { hashImage, hashRgba } from '/pkg/vipguard.js';
import { browserPixels } from '/extension/shared/pixels.js';

const median = (v) => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];
const TYPES = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };

function bits(a, b) {
  let n = 0;
  for (let i = 0; i < a.length; i += 8) {
    let x = parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16);
    while (x) { n += x & 1; x >>>= 1; }
  }
  return n;
}

async function viaBrowser(bytes, type) {
  const p = await browserPixels(bytes, type);
  return hashRgba(p.width, p.height, p.rgba);
}

onmessage = async ({ data: { files, rounds } }) => {
  await init({ module_or_path: '/pkg/vipguard_bg.wasm' });
  const out = [];
  for (const name of files) {
    const bytes = new Uint8Array(await (await fetch(`/pdq/${name}`)).arrayBuffer());
    const type = TYPES[name.split('.').pop().toLowerCase()] || '';
    const row = { name, bytes: bytes.length };
    try {
      const bitmap = await createImageBitmap(new Blob([bytes], { type }));
      row.side = Math.max(bitmap.width, bitmap.height);
      bitmap.close();
    } catch {
      row.side = null;
    }
    let crate = null;
    let browser = null;
    try { crate = hashImage(bytes); } catch (e) { row.crateError = e.message; }
    try { browser = await viaBrowser(bytes, type); } catch (e) { row.browserError = String(e && e.message || e); }
    if (crate && browser) {
      row.bits = bits(crate.pdq, browser.pdq);
      row.quality = crate.quality;
      row.browserQuality = browser.quality;
      const a = [];
      const b = [];
      for (let r = 0; r < rounds; r++) {
        let t = performance.now();
        hashImage(bytes);
        a.push(performance.now() - t);
        t = performance.now();
        await viaBrowser(bytes, type);
        b.push(performance.now() - t);
      }
      row.crateMs = median(a);
      row.browserMs = median(b);
    }
    out.push(row);
  }
  postMessage(out);
};
