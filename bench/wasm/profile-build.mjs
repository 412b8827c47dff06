// Where building a Checker spends its time in Chromium: the package is bound again without wasm-opt, so
// its functions keep their names, then eight builds of 10,000 accounts run under CDP sampling (200 µs).
// Prints the build times and self time per function (the profiler slows everything; compare shares).
// COLD=1 profiles instead the first build only, in three new browsers (what a service worker started in
// a new process does), and also lists V8's own time ("(program)": compiling, among others). RESTORE=1
// profiles restoring the same checker from its snapshot instead of building it.
//     make wasm-bench && [COLD=1] [RESTORE=1] node bench/wasm/profile-build.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, serve, launch } from './serve.mjs';

const wasm = path.join(root, 'target/wasm32-unknown-unknown/wasm/vipguard.wasm');
const list = path.join(root, 'target/wasm-bench/protected.json');
for (const f of [wasm, list]) {
  if (!fs.existsSync(f)) {
    console.error(`profile-build: ${path.relative(root, f)} is missing: run make wasm-bench first`);
    process.exit(2);
  }
}
const out = path.join(root, 'target/wasm-profile');
execFileSync('wasm-bindgen', ['--target', 'web', '--keep-debug', '--out-dir', out, wasm], { stdio: 'inherit' });

const cold = Boolean(process.env.COLD);
const server = await serve({ '/P/': out });
const self = new Map();
let total = 0;
try {
  for (let run = 0; run < (cold ? 3 : 1); run++) {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await page.goto(`http://127.0.0.1:${server.address().port}/bench/wasm/profile-build.html?builds=${cold ? 1 : 8}${process.env.RESTORE ? '&restore=1' : ''}`);
      await page.waitForFunction(() => window.__result, null, { timeout: 120000 });
      const { profile } = await cdp.send('Profiler.stop');
      const ms = await page.evaluate(() => window.__result);
      console.log(`builds (ms): ${ms.map((x) => x.toFixed(1)).join(', ')}`);
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      profile.samples.forEach((id, i) => {
        const f = byId.get(id).callFrame;
        const skip = cold ? ['(idle)', '(root)'] : ['(idle)', '(program)', '(root)'];
        if (skip.includes(f.functionName)) return;
        const k = f.functionName.replace(/::h[0-9a-f]{16}$/, '').slice(0, 110);
        const d = (profile.timeDeltas[i] || 0) / 1000;
        total += d;
        self.set(k, (self.get(k) || 0) + d);
      });
    } finally {
      await browser.close();
    }
  }
  const runs = cold ? 3 : 1;
  console.log(`self time (ms${cold ? ', mean of 3 runs' : ''}) of ${(total / runs).toFixed(0)} ms sampled, top 30:`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(v / runs).toFixed(1).padStart(8)}  ${k}`);
} finally {
  server.close();
}
