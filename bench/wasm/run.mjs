// Drive bench.html in Debian's headless Chromium with playwright-core and print the medians as JSON.
// Serves the repository root on loopback (pkg/, bench/wasm/, target/wasm-bench/).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const types = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.jpg': 'image/jpeg' };
const server = http.createServer((req, res) => {
  const p = path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const file = path.join(root, p);
  if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/bench/wasm/bench.html`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const result = async (page) => {
  await page.waitForFunction(() => window.__result, null, { timeout: 120000 });
  const r = await page.evaluate(() => window.__result);
  if (r.error) throw new Error(r.error);
  return r;
};
try {
  const page = await browser.newPage();
  const builds = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(`${base}?run=${i}`);
    builds.push(await result(page));
  }
  await page.goto(`${base}?full=1`);
  const full = await result(page);
  const med = (k) => builds.map((b) => b[k]).sort((a, b) => a - b)[2];
  console.log(JSON.stringify({
    instantiate_ms: med('instantiate_ms'), build_ms: med('build_ms'),
    instantiate_build_ms: med('instantiate_build_ms'),
    check_us: full.check_us, check_many_ms: full.check_many_ms, hash_ms: full.hash_ms,
    chromium: browser.version(),
  }));
} finally {
  await browser.close();
  server.close();
}
