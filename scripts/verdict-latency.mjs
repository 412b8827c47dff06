// Time to the verdict on a profile page (`make verdict-latency`): from the page's DOMContentLoaded to
// the banner appearing, with the worker running (warm) and with the worker stopped first, as Chrome
// stops an idle one (cold). The demo list (6 accounts), headless Chromium, X's profile fixture page.
//
// Side by side with another build in the same run, alternating which goes first each round:
//   node scripts/verdict-latency.mjs [OTHER_UNPACKED_BUILD]
// With no other build, the baseline is a copy of dist/chrome with the content script and the manifest
// as committed at REV (default HEAD): what changed in how and when a page is read. ROUNDS=N (default
// 7), medians.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, loadDemoList, serveSites } from '../tests/e2e/harness.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const THIS = path.join(ROOT, 'dist/chrome');
const URL_ = 'https://x.com/KwabenaMensahGH';
const ROUNDS = Number(process.env.ROUNDS || 7);

function baseline() {
  if (process.argv[2]) return { label: process.argv[2], dir: path.resolve(process.argv[2]) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-baseline-'));
  fs.cpSync(THIS, dir, { recursive: true });
  const rev = process.env.REV || 'HEAD';
  const show = (file) => execFileSync('git', ['show', `${rev}:${file}`], { cwd: ROOT });
  fs.writeFileSync(path.join(dir, 'content/main.js'), show('extension/content/main.js'));
  fs.writeFileSync(path.join(dir, 'manifest.json'), show('extension/platform/chrome/manifest.json'));
  return { label: `content script and manifest at ${rev}`, dir };
}

// Milliseconds from DOMContentLoaded to the banner, in the page's own clock.
async function visit(ctx) {
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    window.__banner = null;
    new MutationObserver(() => {
      if (!window.__banner && document.querySelector('vipguard-annotation[data-vipguard-kind="banner"]')) window.__banner = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(URL_, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__banner, null, { timeout: 20000 });
  const ms = await page.evaluate(() => window.__banner - performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd);
  await page.close();
  return ms;
}

async function measure(extension) {
  const h = await launch({ extension });
  await loadDemoList(h);
  await serveSites(h.ctx);
  await visit(h.ctx); // the engine built, the catalogue sent: what a reviewer's second page finds
  const warm = await visit(h.ctx);
  const page = await h.ctx.newPage();
  const cdp = await h.ctx.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.close();
  const cold = await visit(h.ctx);
  await h.close();
  return { warm, cold };
}

const base = baseline();
const runs = { this: [], base: [] };
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 ? ['base', 'this'] : ['this', 'base'];
  for (const which of order) runs[which].push(await measure(which === 'this' ? THIS : base.dir));
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (what, key, target) => {
  const a = med(runs.this.map((r) => r[key]));
  const b = med(runs.base.map((r) => r[key]));
  console.log(`${what.padEnd(44)} ${a.toFixed(0).padStart(6)} ms ${b.toFixed(0).padStart(8)} ms ${(a / b).toFixed(2).padStart(7)}×   ${target}`);
};
console.log(`verdict latency, ${ROUNDS} rounds, medians: this tree | ${base.label}\n`);
console.log(`${''.padEnd(44)} ${'this'.padStart(9)} ${'baseline'.padStart(11)} ${'ratio'.padStart(8)}   target`);
row('DOMContentLoaded to banner, worker running', 'warm', '<= 50 ms');
row('DOMContentLoaded to banner, worker stopped', 'cold', '<= 150 ms');
