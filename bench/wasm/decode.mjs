// Avatars decoded by the package (the image crate inside the .wasm, hashImage) against the browser's own
// decoders (createImageBitmap + OffscreenCanvas, extension/shared/pixels.js, then hashRgba), end to end
// from the bytes to the hash, on Meta's PDQ test pictures, in a module worker of headless Chromium (issue
// 25: switch only where the browser is faster with hashes within a few bits).
//     make decode-bench, or node bench/wasm/decode.mjs [ROUNDS] after make pkg   VIPGUARD_PDQ_DATA=DIR (default ../shared/data/pdq)
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, root } from './serve.mjs';

const ROUNDS = Number(process.argv[2] || 9);
const pdq = path.resolve(root, process.env.VIPGUARD_PDQ_DATA || '../shared/data/pdq');
const files = [];
(function walk(dir) {
  for (const d of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) walk(p);
    else if (/\.(jpe?g|png|webp|gif)$/i.test(d.name)) files.push(path.relative(pdq, p));
  }
})(pdq);

const server = await serve({ '/pdq/': pdq });
const browser = await launch();
let rows;
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/bench/wasm/decode.html`);
  await page.waitForFunction(() => window.ready);
  rows = await page.evaluate(([f, r]) => window.decode(f, r), [files, ROUNDS]);
} finally {
  await browser.close();
  server.close();
}

const med = (v) => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];
const both = rows.filter((r) => r.bits != null);
console.log(`${rows.length} pictures from ${path.relative(root, pdq) || pdq}; medians of ${ROUNDS} interleaved rounds each, ms from bytes to hash`);
console.log(`${'picture'.padEnd(44)} ${'KB'.padStart(6)} ${'side'.padStart(5)} ${'crate'.padStart(7)} ${'browser'.padStart(8)} ${'bits'.padStart(5)} ${'quality'.padStart(8)}`);
for (const r of rows) {
  if (r.bits == null) {
    console.log(`${r.name.padEnd(44)} ${(r.bytes / 1024).toFixed(0).padStart(6)}  ${r.crateError ? `crate: ${r.crateError.slice(0, 40)}` : ''} ${r.browserError ? `browser: ${r.browserError.slice(0, 40)}` : ''}`);
    continue;
  }
  console.log(`${r.name.padEnd(44)} ${(r.bytes / 1024).toFixed(0).padStart(6)} ${String(r.side).padStart(5)} ${r.crateMs.toFixed(1).padStart(7)} ${r.browserMs.toFixed(1).padStart(8)} ${String(r.bits).padStart(5)} ${String(r.quality).padStart(8)}`);
}
const good = both.filter((r) => r.quality >= 50);
// What the extension hashes: profile pictures, served at 400 px (X), 460 (GitHub) and so on.
const small = both.filter((r) => r.side <= 512);
const sum = (v) => v.reduce((a, b) => a + b, 0);
console.log(`\nhashed both ways: ${both.length}; total ms crate ${sum(both.map((r) => r.crateMs)).toFixed(1)}, browser ${sum(both.map((r) => r.browserMs)).toFixed(1)}`);
console.log(`per picture, median ms: crate ${med(both.map((r) => r.crateMs)).toFixed(2)}, browser ${med(both.map((r) => r.browserMs)).toFixed(2)}; browser faster on ${both.filter((r) => r.browserMs < r.crateMs).length}`);
console.log(`bits apart (quality >= 50, ${good.length} pictures): median ${med(good.map((r) => r.bits))}, max ${Math.max(...good.map((r) => r.bits))}; over 4 bits: ${good.filter((r) => r.bits > 4).map((r) => `${r.name} (${r.bits})`).join(', ') || 'none'}`);
console.log(`pictures of at most 512 px a side (${small.length}): median ms crate ${med(small.map((r) => r.crateMs)).toFixed(2)}, browser ${med(small.map((r) => r.browserMs)).toFixed(2)}; browser faster on ${small.filter((r) => r.browserMs < r.crateMs).length}; bits apart at most ${Math.max(...small.filter((r) => r.quality >= 50).map((r) => r.bits))} (quality >= 50)`);
