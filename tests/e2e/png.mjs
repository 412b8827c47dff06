// PNG pictures the extension makes, read back in the tests: size and pixels (8-bit, not interlaced, as
// canvases write them), with the pixel data checked to fill the picture exactly.
import assert from 'node:assert/strict';
import zlib from 'node:zlib';

/** `{width, height, channels, pixel(x, y) -> [r, g, b(, a)]}` of a PNG's bytes. */
export function decodePng(buf) {
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  let off = 8;
  let width = 0;
  let height = 0;
  let bpp = 0;
  const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      assert.equal(data[8], 8, '8-bit channels');
      assert.equal(data[12], 0, 'not interlaced');
      bpp = { 2: 3, 6: 4, 0: 1, 4: 2 }[data[9]];
    }
    if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  assert.equal(raw.length, height * (1 + stride), 'pixel data fills the picture');
  // Each line's filter undone (PNG spec, section 9), against the line above.
  const px = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (1 + stride)];
    const line = raw.subarray(y * (1 + stride) + 1, (y + 1) * (1 + stride));
    const out = px.subarray(y * stride, (y + 1) * stride);
    const up = y ? px.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[i - bpp] : 0;
      const b = up[i];
      const c = i >= bpp ? up[i - bpp] : 0;
      let p;
      if (filter === 0) p = 0;
      else if (filter === 1) p = a;
      else if (filter === 2) p = b;
      else if (filter === 3) p = (a + b) >> 1;
      else if (filter === 4) {
        const q = a + b - c;
        const [pa, pb, pc] = [Math.abs(q - a), Math.abs(q - b), Math.abs(q - c)];
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else assert.fail(`unknown PNG filter ${filter}`);
      out[i] = (line[i] + p) & 0xff;
    }
  }
  const pixel = (x, y) => [...px.subarray(y * stride + x * bpp, y * stride + (x + 1) * bpp)];
  return { width, height, channels: bpp, pixel };
}

/** `{width, height}` of a PNG's bytes, its pixel data checked. */
export function pngSize(buf) {
  const { width, height } = decodePng(buf);
  return { width, height };
}
