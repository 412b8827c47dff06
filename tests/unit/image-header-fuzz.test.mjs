// Differential fuzzing of the extension's picture header reader (extension/shared/image-header.js,
// issue 24) against the engine's decoder (the `image` crate, through
// crates/vipguard/examples/image_dims.rs). Node only, no browser: `node --test tests/unit/`.
//
// Inputs: the fuzz corpus's pictures, the e2e fixtures, the image regressions and a few pictures made
// here (BMP, AVIF, APNG, animated GIF and WebP, a JPEG of two frames), mutated by fast-check: bytes
// flipped or set, cut, deleted, spliced from another seed, repeated (more frames), JPEG markers
// inserted, and header fields (sides, offsets, chunk and segment lengths) set to extremes; PNG
// checksums mended half the time, as the decoder would refuse a bad one before reading anything else.
//
// Properties: `imageHeader` never hangs (it reads in a worker: image-header-worker.mjs), never throws
// and returns null or {type, width, height[, frames]} of finite
// non-negative integers; and wherever the decoder reads a picture's size, the header reader names the
// same format and a size at least as large on each side (its size is the largest of the canvas and
// every frame, so larger is allowed: refusing more is safe). Smaller on a side is a defect: a picture
// the extension would pass as small that decodes large. Null where the decoder reads a size is allowed
// (the extension refuses what it cannot read) and counted.
//
// IMAGE_HEADER_RUNS=N for a longer run (default 3000 mutated inputs per property); IMAGE_HEADER_SEED
// for another seed. A failure prints the seed and the input, and writes it to target/image-header-fuzz/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { imageHeader } from '../../extension/shared/image-header.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const RUNS = Number(process.env.IMAGE_HEADER_RUNS || 3000);
const SEED = Number(process.env.IMAGE_HEADER_SEED || 24);
const DIMS = process.env.IMAGE_DIMS_BIN || join(ROOT, 'target/release/examples/image_dims');
const OUT = join(ROOT, 'target/image-header-fuzz');
// Inputs read at a time, by the decoder in one process and by imageHeader in one worker.
const CHUNK = 5000;
// Far more than a chunk takes (about half a second here): past it, the reader is taken to hang.
const HANG_MS = 60000;
const TYPES = new Set(['png', 'jpeg', 'gif', 'webp', 'bmp', 'avif', 'heif']);
// Inputs that once showed a defect, kept after the fix (fuzz/README.md, "Found").
const REGRESSIONS = join(ROOT, 'fuzz/regressions/image-header');

// ---- Seeds ----

const filesIn = (dir) => existsSync(dir)
  ? readdirSync(dir).map((f) => join(dir, f)).filter((p) => statSync(p).isFile()).sort()
  : [];

const be = (n, width) => Array.from({ length: width }, (_, k) => (n / 2 ** (8 * (width - 1 - k))) & 255);
const le = (n, width) => be(n, width).reverse();
const text = (s) => [...Buffer.from(s, 'latin1')];

// A PNG chunk with its checksum.
const pngChunk = (type, data) => [...be(data.length, 4), ...text(type), ...data,
  ...be(crc32(Uint8Array.from([...text(type), ...data])), 4)];
const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10];
const fcTL = (seq, w, h, x, y) => pngChunk('fcTL', [...be(seq, 4), ...be(w, 4), ...be(h, 4), ...be(x, 4), ...be(y, 4), 0, 1, 0, 1, 0, 0]);
// 2×2 grey, then an APNG's controls with a second frame past the canvas.
const apng = () => [...PNG_SIG, ...pngChunk('IHDR', [...be(2, 4), ...be(2, 4), 8, 0, 0, 0, 0]),
  ...pngChunk('acTL', [...be(2, 4), ...be(0, 4)]), ...fcTL(0, 2, 2, 0, 0),
  ...pngChunk('IDAT', [0x78, 0x9c, 0x63, 0x60, 0x60, 0x60, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01]),
  ...fcTL(1, 3, 3, 1, 1), ...pngChunk('fdAT', [0, 0, 0, 2, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]),
  ...pngChunk('IEND', [])];
// A GIF of 2×2 with two frames of one colour, the second 3×3.
const gifFrame = (x, y, w, h) => [0x2c, ...le(x, 2), ...le(y, 2), ...le(w, 2), ...le(h, 2), 0, 2, 2, 0x44, 0x01, 0];
const gif = () => [...text('GIF89a'), 2, 0, 2, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255,
  ...gifFrame(0, 0, 2, 2), ...gifFrame(0, 0, 3, 3), 0x3b];
// A BMP of 2×2, 24-bit, bottom-up.
const bmp = () => {
  const pixels = new Array(16).fill(200);
  return [...text('BM'), ...le(54 + 16, 4), 0, 0, 0, 0, ...le(54, 4), ...le(40, 4), ...le(2, 4), ...le(2, 4),
    1, 0, 24, 0, ...le(0, 4), ...le(16, 4), ...le(2835, 4), ...le(2835, 4), ...le(0, 4), ...le(0, 4), ...pixels];
};
// An ISOBMFF box.
const box = (type, data) => [...be(8 + data.length, 4), ...text(type), ...data];
// AVIF's boxes down to the image's spatial extent (no pixels: the header reader stops there).
const avif = () => [...box('ftyp', [...text('avif'), 0, 0, 0, 0, ...text('mif1avif')]),
  ...box('meta', [0, 0, 0, 0, ...box('iprp', box('ipco', box('ispe', [0, 0, 0, 0, ...be(3, 4), ...be(2, 4)])))])];
// An animated WebP: a canvas, then a frame of a VP8L bitstream of 1×1.
const vp8l = (w, h) => { const bits = (w - 1) | ((h - 1) << 14); return [0x2f, ...le(bits >>> 0, 4), 0, 0, 0]; };
const riff = (chunks) => [...text('RIFF'), ...le(4 + chunks.length, 4), ...text('WEBP'), ...chunks];
const webpChunk = (type, data) => [...text(type), ...le(data.length, 4), ...data, ...(data.length & 1 ? [0] : [])];
const webpAnim = () => riff([...webpChunk('VP8X', [0x02, 0, 0, 0, ...le(1, 3), ...le(1, 3)]),
  ...webpChunk('ANIM', [0, 0, 0, 0, 0, 0]),
  ...webpChunk('ANMF', [...le(0, 3), ...le(0, 3), ...le(0, 3), ...le(0, 3), ...le(100, 3), 0, ...webpChunk('VP8L', vp8l(1, 1))])]);
// A JPEG's markers with two frames (no scan: only headers).
const sof = (w, h) => [0xff, 0xc0, 0, 11, 8, ...be(h, 2), ...be(w, 2), 1, 1, 0x11, 0];
const jpeg2 = () => [0xff, 0xd8, 0xff, 0xe0, 0, 16, ...text('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, ...sof(2, 2), ...sof(3, 3), 0xff, 0xd9];

function seeds() {
  const files = [join(ROOT, 'fuzz/corpus/image'), join(ROOT, 'tests/e2e/fixtures/pictures'),
    join(ROOT, 'fuzz/regressions/image'), REGRESSIONS].flatMap(filesIn);
  const made = [apng(), gif(), bmp(), avif(), webpAnim(), jpeg2()].map((a) => Uint8Array.from(a));
  return [...files.map((p) => new Uint8Array(readFileSync(p))), ...made];
}

// ---- Header fields, for mutations that set them to extremes ----

// Where each format keeps its sizes, offsets and lengths: [offset, width in bytes, little-endian].
// Walked independently of image-header.js, loosely, so that a mutation hits what a reader reads.
function fields(b) {
  const out = [];
  const add = (at, width, little) => { if (at + width <= b.length) out.push([at, width, little]); };
  const str = (i, n) => String.fromCharCode(...b.subarray(i, i + n));
  const u32 = (i, little) => little ? b.readUInt32LE(i) : b.readUInt32BE(i);
  if (str(1, 3) === 'PNG') {
    for (let i = 8; i + 8 <= b.length; i += 12 + u32(i)) {
      add(i, 4);
      const type = str(i + 4, 4);
      if (type === 'IHDR') { add(i + 8, 4); add(i + 12, 4); }
      if (type === 'acTL') add(i + 8, 4);
      if (type === 'fcTL') for (let k = 12; k <= 24; k += 4) add(i + k, 4);
    }
  } else if (str(0, 3) === 'GIF') {
    add(6, 2, true); add(8, 2, true); add(10, 1);
    for (let i = 13; i < b.length; i++) if (b[i] === 0x2c) for (let k = 1; k <= 7; k += 2) add(i + k, 2, true);
  } else if (b[0] === 0xff && b[1] === 0xd8) {
    for (let i = 2; i + 4 <= b.length; i++) {
      if (b[i] !== 0xff || b[i + 1] === 0 || b[i + 1] === 0xff) continue;
      add(i + 2, 2);
      if (b[i + 1] >= 0xc0 && b[i + 1] <= 0xcf) { add(i + 5, 2); add(i + 7, 2); }
    }
  } else if (str(0, 4) === 'RIFF') {
    add(4, 4, true);
    for (let i = 12; i + 8 <= b.length; i++) {
      const type = str(i, 4);
      if (type === 'VP8X') { add(i + 4, 4, true); add(i + 12, 3, true); add(i + 15, 3, true); }
      if (type === 'ANMF') { add(i + 4, 4, true); for (let k = 8; k <= 17; k += 3) add(i + k, 3, true); }
      if (type === 'VP8L') { add(i + 4, 4, true); add(i + 9, 4, true); }
      if (type === 'VP8 ') { add(i + 4, 4, true); add(i + 14, 2, true); add(i + 16, 2, true); }
    }
  } else if (str(0, 2) === 'BM') {
    add(18, 4, true); add(22, 4, true);
  } else {
    for (let i = 4; i + 16 <= b.length; i++) if (str(i, 4) === 'ispe') { add(i + 8, 4); add(i + 12, 4); }
  }
  return out;
}

// ---- Mutations ----

const EXTREMES = [0, 1, 2, 255, 256, 4095, 4096, 4097, 8192, 16383, 16384, 0x7fff, 0x8000, 0xffff, 0x10000,
  0xffffff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

const mutation = fc.oneof(
  fc.record({ op: fc.constant('flip'), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({ op: fc.constant('set'), at: fc.nat(), value: fc.nat(255) }),
  fc.record({ op: fc.constant('truncate'), at: fc.nat() }),
  fc.record({ op: fc.constant('delete'), at: fc.nat(), count: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('splice'), at: fc.nat(), from: fc.nat(), start: fc.nat(), count: fc.integer({ min: 1, max: 256 }) }),
  fc.record({ op: fc.constant('repeat'), at: fc.nat(), count: fc.integer({ min: 1, max: 512 }), times: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ op: fc.constant('field'), field: fc.nat(), value: fc.constantFrom(...EXTREMES) }),
  fc.record({ op: fc.constant('field'), field: fc.nat(), value: fc.constantFrom(...EXTREMES) }),
  // A JPEG marker dropped in, with or without a length: where readers disagree on which markers
  // carry one (fill, stuffing, restarts, TEM), their walks through the segments part.
  fc.record({ op: fc.constant('marker'), at: fc.nat(), marker: fc.constantFrom(0x00, 0x01, 0xc0, 0xd0, 0xd8, 0xda, 0xe1, 0xef, 0xff), length: fc.option(fc.nat(0xffff)) }),
  fc.record({ op: fc.constant('poke'), at: fc.nat(), width: fc.constantFrom(1, 2, 3, 4), little: fc.boolean(), value: fc.constantFrom(...EXTREMES) }),
);

// One mutation applied to `b` (a Buffer); positions are taken modulo the length, so any number fits.
function mutate(b, m, all) {
  const at = b.length ? m.at % b.length : 0;
  switch (m.op) {
    case 'flip': if (b.length) b[at] ^= 1 << m.bit; return b;
    case 'set': if (b.length) b[at] = m.value; return b;
    case 'truncate': return b.subarray(0, at);
    case 'delete': return Buffer.concat([b.subarray(0, at), b.subarray(at + m.count)]);
    case 'splice': {
      const other = all[m.from % all.length];
      const start = other.length ? m.start % other.length : 0;
      return Buffer.concat([b.subarray(0, at), other.subarray(start, start + m.count), b.subarray(at)]);
    }
    case 'repeat': { // a stretch written again after itself: more chunks, segments or frames
      const part = b.subarray(at, at + m.count);
      return Buffer.concat([b.subarray(0, at + part.length), ...Array(m.times).fill(part), b.subarray(at + part.length)]);
    }
    case 'field': {
      const list = fields(b);
      if (!list.length) return b;
      const [where, width, little] = list[m.field % list.length];
      return write(b, where, width, little, m.value);
    }
    case 'marker': {
      const bytes = [0xff, m.marker, ...(m.length === null ? [] : be(m.length, 2))];
      return Buffer.concat([b.subarray(0, at), Buffer.from(bytes), b.subarray(at)]);
    }
    case 'poke': return write(b, at, m.width, m.little, m.value);
  }
  throw new Error(`unknown mutation ${m.op}`);
}

function write(b, at, width, little, value) {
  const bytes = (little ? le : be)(value % 2 ** (8 * width), width);
  for (let k = 0; k < width && at + k < b.length; k++) b[at + k] = bytes[k];
  return b;
}

// Every complete PNG chunk's checksum made right again.
function mendPng(b) {
  if (b.length < 8 || b.readUInt32BE(0) !== 0x89504e47) return b;
  for (let i = 8; i + 12 <= b.length;) {
    const len = b.readUInt32BE(i);
    if (i + 12 + len > b.length) break;
    b.writeUInt32BE(crc32(b.subarray(i + 4, i + 8 + len)), i + 8 + len);
    i += 12 + len;
  }
  return b;
}

const SEEDS = seeds().map((s) => Buffer.from(s));
const caseArb = fc.record({
  seed: fc.nat(SEEDS.length - 1),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
  mend: fc.boolean(),
});

function build({ seed, mutations, mend }) {
  let b = Buffer.from(SEEDS[seed]);
  for (const m of mutations) b = Buffer.from(mutate(b, m, SEEDS));
  return mend ? mendPng(b) : b;
}

// ---- Properties ----

// Null, or a recognised type and sides (and frames) that are finite non-negative integers.
function wellFormed(h) {
  if (h === null) return true;
  const count = (n) => Number.isSafeInteger(n) && n >= 0;
  return TYPES.has(h.type) && count(h.width) && count(h.height) && (h.frames === undefined || (count(h.frames) && h.frames > 0))
    && Object.keys(h).every((k) => ['type', 'width', 'height', 'frames'].includes(k));
}

function keep(name, bytes) {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, name), bytes);
  return join(OUT, name);
}

// What the decoder reads of each input: [format, [w, h] of its header or null, [w, h] decoded or null].
function decoderReads(inputs) {
  assert.ok(existsSync(DIMS), `${DIMS} is missing: cargo build --release --features vipguard/internals --example image_dims`);
  mkdirSync(OUT, { recursive: true });
  const records = join(OUT, 'records.bin');
  writeFileSync(records, Buffer.concat(inputs.flatMap((b) => [Buffer.from(le(b.length, 4)), b])));
  const lines = execFileSync(DIMS, [records], { maxBuffer: 1 << 28 }).toString().trim().split('\n');
  rmSync(records);
  assert.equal(lines.length, inputs.length);
  const size = (w, h) => (w === '-' ? null : [Number(w), Number(h)]);
  return lines.map((l) => { const [f, w, h, dw, dh] = l.split(' '); return [f, size(w, h), size(dw, dh)]; });
}

// imageHeader's answers for `inputs`, read in a worker that is stopped if it takes past HANG_MS: then
// the input it was reading is kept and named.
function headersInWorker(inputs) {
  const progress = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./image-header-worker.mjs', import.meta.url), { workerData: { inputs, progress } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const k = Atomics.load(progress, 0);
      worker.terminate();
      reject(new Error(`imageHeader hangs on a ${inputs[k].length} B input, kept at ${keep('hang', inputs[k])}`));
    }, HANG_MS);
    worker.once('message', (headers) => { clearTimeout(timer); worker.terminate(); resolve(headers); });
    worker.once('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

// The defect this input shows, or what kind of agreement it is (counted).
function compare(h, [format, header, decoded]) {
  if (!header) return 'decoder reads no size';
  if (!h) return decoded ? 'header reader refuses, decoder decodes' : 'header reader refuses, decoder reads a size';
  if (h.type !== format) return { defect: `type ${h.type}, decoder reads ${format}` };
  for (const [what, size] of [['header', header], ['decoded frame', decoded]]) {
    if (size && (h.width < size[0] || h.height < size[1])) {
      return { defect: `${h.width}x${h.height}, decoder's ${what} ${size[0]}x${size[1]}` };
    }
  }
  return h.width === header[0] && h.height === header[1] ? 'same size' : 'header reader larger (frames)';
}

let hung = false;

// First, so that a hang is caught in the worker before the property below would block the thread on it.
test('imageHeader never hangs, and where the decoder reads a size it names the same format and a size at least as large', async () => {
  const items = [...SEEDS, ...fc.sample(caseArb, { seed: SEED, numRuns: RUNS })];
  const tally = {};
  const defects = [];
  for (let from = 0; from < items.length; from += CHUNK) {
    const inputs = items.slice(from, from + CHUNK).map((x) => (Buffer.isBuffer(x) ? x : build(x)));
    const headers = await headersInWorker(inputs).catch((e) => { hung = true; throw e; });
    const reads = decoderReads(inputs);
    inputs.forEach((bytes, k) => {
      assert.ok(wellFormed(headers[k]), `ill-formed answer ${JSON.stringify(headers[k])}; kept at ${keep('ill-formed', bytes)}`);
      const verdict = compare(headers[k], reads[k]);
      const kind = `${verdict.defect ? 'defect' : verdict} (${reads[k][0]})`;
      tally[kind] = (tally[kind] || 0) + 1;
      if (process.env.IMAGE_HEADER_KEEP && kind.startsWith(process.env.IMAGE_HEADER_KEEP)) keep(`${kind.replace(/\W+/g, '-')}-${from + k}`, bytes);
      if (verdict.defect) defects.push(`${verdict.defect} (${bytes.length} B, kept at ${keep(`defect-${from + k}`, bytes)})`);
    });
  }
  console.log(`image-header differential, seed ${SEED}: ${items.length} inputs (${SEEDS.length} seeds), ${JSON.stringify(tally)}`);
  assert.deepEqual(defects.slice(0, 10), [], `${defects.length} defects`);
});

// With fast-check's shrinking: a failure is cut down to a small input and mutations before it is shown.
test('imageHeader never throws and answers null or {type, width, height} of non-negative integers', (t) => {
  if (hung) return t.skip('imageHeader hangs (above)');
  for (const s of SEEDS) assert.ok(wellFormed(imageHeader(s)));
  fc.assert(fc.property(caseArb, (c) => {
    const bytes = build(c);
    const h = imageHeader(bytes);
    if (!wellFormed(h)) throw new Error(`ill-formed answer ${JSON.stringify(h)}; kept at ${keep('ill-formed', bytes)}`);
    // An ArrayBuffer (what fetch's arrayBuffer() gives) reads the same.
    assert.deepEqual(imageHeader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)), h);
  }), { seed: SEED, numRuns: RUNS, endOnFailure: false });
});

