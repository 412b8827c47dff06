// Two builds of the WASM package side by side in one headless Chromium page, calls interleaved, so a
// change can be measured against its baseline on a noisy machine:
//     [FRESH=1] node bench/wasm/ab.mjs OLD_PKG_DIR NEW_PKG_DIR [PAGE_LOADS]
// (inputs from target/wasm-bench, written by `make wasm-bench`). Prints, per page load, the first and
// median later Checker builds for 10,000 accounts, the median hashImage of a 400x400 JPEG, the median
// check (batches of 200) and checkMany of 500 profiles.
import fs from 'node:fs';
import path from 'node:path';
import { root, serve, launch } from './serve.mjs';

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
// A page load in the same browser reuses the code V8 compiled for the same module bytes; FRESH=1 starts
// a new browser for every load, so first builds are those of a service worker in a new process.
const fresh = Boolean(process.env.FRESH);
const server = await serve({ '/A/': oldPkg, '/B/': newPkg });
let browser = await launch();
try {
  let page = await browser.newPage();
  const f = (v) => v.toFixed(1).padStart(7);
  console.log('load   first build A / B (ms)   later builds A / B (ms)   hashImage A / B (ms)'
    + '   check A / B (us)   checkMany 500 A / B (ms)');
  for (let i = 0; i < Number(loads); i++) {
    if (fresh && i > 0) {
      await browser.close();
      browser = await launch();
      page = await browser.newPage();
    }
    await page.goto(`http://127.0.0.1:${server.address().port}/bench/wasm/ab.html?load=${i}`);
    await page.waitForFunction(() => window.__result, null, { timeout: 300000 });
    const r = await page.evaluate(() => window.__result);
    if (r.error) throw new Error(r.error);
    console.log(`${String(i + 1).padStart(4)}   ${f(r.a.first_build_ms)} / ${f(r.b.first_build_ms)}`
      + `        ${f(r.a.build_ms)} / ${f(r.b.build_ms)}         ${f(r.a.hash_ms)} / ${f(r.b.hash_ms)}`
      + `     ${f(r.a.check_us)} / ${f(r.b.check_us)}     ${f(r.a.many_ms)} / ${f(r.b.many_ms)}`);
  }
} finally {
  await browser.close();
  server.close();
}
