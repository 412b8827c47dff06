// Two builds of the WASM package side by side in one headless Chromium page, calls interleaved, so a
// change can be measured against its baseline on a noisy machine:
//     node bench/wasm/ab.mjs OLD_PKG_DIR NEW_PKG_DIR [PAGE_LOADS]
// (inputs from target/wasm-bench, written by `make wasm-bench`). Prints, per page load, the first and
// median later Checker builds for 10,000 accounts and the median hashImage of a 400x400 JPEG.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const [oldPkg, newPkg, loads = '3'] = process.argv.slice(2);
if (!oldPkg || !newPkg) {
  console.error('usage: node bench/wasm/ab.mjs OLD_PKG_DIR NEW_PKG_DIR [PAGE_LOADS]');
  process.exit(2);
}
for (const f of ['target/wasm-bench/protected.json', 'target/wasm-bench/avatar.jpg']) {
  if (!fs.existsSync(path.join(root, f))) {
    console.error(`ab: ${f} is missing; run make wasm-bench once first`);
    process.exit(2);
  }
}
const types = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.jpg': 'image/jpeg' };
const server = http.createServer((req, res) => {
  const p = path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const [base, rest] = p.startsWith('/A/') ? [path.resolve(oldPkg), p.slice(3)]
    : p.startsWith('/B/') ? [path.resolve(newPkg), p.slice(3)] : [root, p];
  const file = path.join(base, rest);
  if (!file.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  const f = (v) => v.toFixed(1).padStart(7);
  console.log('load   first build A / B (ms)   later builds A / B (ms)   hashImage A / B (ms)');
  for (let i = 0; i < Number(loads); i++) {
    await page.goto(`http://127.0.0.1:${server.address().port}/bench/wasm/ab.html?load=${i}`);
    await page.waitForFunction(() => window.__result, null, { timeout: 300000 });
    const r = await page.evaluate(() => window.__result);
    if (r.error) throw new Error(r.error);
    console.log(`${String(i + 1).padStart(4)}   ${f(r.a.first_build_ms)} / ${f(r.b.first_build_ms)}`
      + `        ${f(r.a.build_ms)} / ${f(r.b.build_ms)}         ${f(r.a.hash_ms)} / ${f(r.b.hash_ms)}`);
  }
} finally {
  await browser.close();
  server.close();
}
