// Does Chrome's WebAssembly code cache (v8.dev/blog/wasm-code-caching) make a build in a new browser
// process as fast as one in a process that compiled the module before? The package is streamed from a
// cacheable response; each of three profiles is opened three times in turn (a new browser process each
// time, the same profile), waiting 5 s after the first load for V8 to tier up and cache. Prints the
// instantiate and build times of each load and the size of the profile's WebAssembly code cache.
//     node bench/wasm/code-cache.mjs        (after make pkg and make wasm-bench, for its inputs)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM, BROWSER_ARGS } from '../../tests/e2e/harness.mjs';

const server = await serve({}, { cacheable: true });
const url = `http://127.0.0.1:${server.address().port}/bench/wasm/code-cache.html`;
const bytesUnder = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true })
  .map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile()).reduce((t, f) => t + fs.statSync(f).size, 0) : 0);
try {
  for (let p = 0; p < 3; p++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-code-cache-'));
    const loads = [];
    for (let i = 0; i < 3; i++) {
      const ctx = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS });
      const page = await ctx.newPage();
      await page.goto(url);
      await page.waitForFunction(() => window.__result, null, { timeout: 60000 });
      const r = await page.evaluate(() => window.__result);
      if (i === 0) await page.waitForTimeout(5000);
      await ctx.close();
      loads.push(`${r.instantiate_ms.toFixed(1)} + ${r.build_ms.toFixed(1)} ms`);
    }
    console.log(`profile ${p + 1}: ${loads.join(', then ')}; wasm code cache ${bytesUnder(path.join(dir, 'Default', 'Code Cache', 'wasm'))} bytes`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
} finally {
  server.close();
}
