// Time to the verdict on a profile page (`make verdict-latency`): from the page's DOMContentLoaded to
// the banner appearing (since issue 24, its frame drawn), with the worker running (warm) and with the worker stopped first, as Chrome
// stops an idle one (cold). Headless Chromium, X's profile fixture page; with the demo list (6 accounts)
// and with 10,000 accounts imported through the options page (the demo's and `make wasm-bench`'s
// synthetic ones).
//
// Side by side with another build in the same run, alternating which goes first each round:
//   node scripts/verdict-latency.mjs [OTHER_UNPACKED_BUILD]
// With no other build, the baseline is a copy of dist/chrome with the files of extension/ as committed
// at REV (default HEAD): what changed in how and when the extension reads a page and answers, on the
// same engine. ROUNDS=N (default 5), medians.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, loadDemoList, serveSites, until, engineKept, xFixture } from '../tests/e2e/harness.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const THIS = path.join(ROOT, 'dist/chrome');
const URL_ = 'https://x.com/KwabenaMensahGH';
const ROUNDS = Number(process.env.ROUNDS || 5);
const BIG = 10_000;

// The demo's accounts and enough synthetic ones to make BIG, as a file to import.
function bigList() {
  const file = path.join(ROOT, 'target/wasm-bench/protected.json');
  if (!fs.existsSync(file)) {
    execFileSync('cargo', ['run', '--release', '--quiet', '--example', 'wasm_bench_native', '--', 'target/wasm-bench'],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const demo = JSON.parse(fs.readFileSync(path.join(THIS, 'demo/protected.json'), 'utf8')).accounts;
  const synthetic = JSON.parse(fs.readFileSync(file, 'utf8')).accounts;
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-latency-')), 'protected.json');
  fs.writeFileSync(out, JSON.stringify({ accounts: [...demo, ...synthetic.slice(0, BIG - demo.length)] }));
  return out;
}
const BIG_FILE = bigList();

async function importList(h, file) {
  const page = await h.ctx.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
  await page.locator('#import-file').setInputFiles(file);
  await page.getByRole('button', { name: 'Replace the whole list' }).click();
  await page.getByText(new RegExp(`In use: ${BIG.toLocaleString('en-US')} account|In use: ${BIG} account`)).waitFor({ timeout: 60000 });
  await page.close();
  // Built from the new list, then its snapshot kept (the old one was dropped when the list changed).
  await until(async () => (await h.worker.evaluate(() => globalThis.vipguardEngine?.accounts)) === BIG, 'the engine built', { timeout: 60000 });
  await until(() => engineKept(h), 'the engine kept', { timeout: 60000 });
}

function baseline() {
  if (process.argv[2]) return { label: process.argv[2], dir: path.resolve(process.argv[2]) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-baseline-'));
  fs.cpSync(THIS, dir, { recursive: true });
  const rev = process.env.REV || 'HEAD';
  // Every file of extension/ as committed at REV over this build (the engine and the demo list stay).
  const old = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-rev-'));
  execFileSync('sh', ['-c', `git archive ${rev} extension | tar -x -C ${old}`], { cwd: ROOT });
  fs.cpSync(path.join(old, 'extension'), dir, { recursive: true, filter: (f) => !f.includes(`${path.sep}platform`) });
  fs.copyFileSync(path.join(old, 'extension/platform/chrome/manifest.json'), path.join(dir, 'manifest.json'));
  return { label: `extension/ at ${rev}`, dir };
}

// The same profile page as a real one loads: X's page draws the profile from its script bundles (several
// MB), so nothing of it is in the page before they have loaded; here one script in the head, which holds
// the parser back, arrives SLOW_SCRIPT ms after it is asked for. A stopped worker woken at document_start
// can start while it loads.
const SLOW_SCRIPT = 300;
async function slowPage(page) {
  const html = String(xFixture(new URL(URL_)).body).replace(/<head>/i, '<head><script src="https://abs.twimg.com/_bundle.js"></script>');
  await page.route(URL_, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.route('https://abs.twimg.com/_bundle.js', (r) => setTimeout(() => r.fulfill({ status: 200, contentType: 'text/javascript', body: '' }), SLOW_SCRIPT));
}

// Milliseconds from DOMContentLoaded to the banner, in the page's own clock.
async function visit(ctx, { slow = false } = {}) {
  const page = await ctx.newPage();
  if (slow) await slowPage(page);
  await page.addInitScript(() => {
    window.__banner = null;
    // The banner on screen: before issue 24, its host inserted (drawn at once, with data-vipguard-kind);
    // since, its host in the top layer sized to what its frame drew (the frame asks for its size once it
    // has its content).
    new MutationObserver(() => {
      if (window.__banner) return;
      const drawn = document.querySelector('vipguard-annotation[data-vipguard-kind="banner"]')
        || [...document.querySelectorAll('vipguard-annotation[popover]')].find((e) => e.getBoundingClientRect().height > 20);
      if (drawn) window.__banner = performance.now();
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
  });
  await page.goto(URL_, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__banner, null, { timeout: 20000 });
  const ms = await page.evaluate(() => window.__banner - performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd);
  await page.close();
  return ms;
}

// Stops the worker as Chrome does after an idle spell, through a page kept open for the whole run:
// closing a tab afterwards would wake the worker again (it listens for closed tabs) before the visit.
const control = new WeakMap();
async function stopWorker(h) {
  if (!control.has(h)) {
    const page = await h.ctx.newPage();
    const cdp = await h.ctx.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    control.set(h, cdp);
  }
  await new Promise((r) => setTimeout(r, 500)); // the last visit's tab closed: its event handled first
  await control.get(h).send('ServiceWorker.stopAllWorkers');
}

async function warmAndCold(h) {
  await visit(h.ctx); // the engine built, the catalogue sent: what a reviewer's second page finds
  const warm = await visit(h.ctx);
  await stopWorker(h);
  const cold = await visit(h.ctx);
  // Where the restarted worker's time went (engine.js, vipguardEngine.stages).
  const worker = h.ctx.serviceWorkers().at(-1);
  const stages = await worker.evaluate(() => globalThis.vipguardEngine?.stages || null);
  await stopWorker(h);
  const slowCold = await visit(h.ctx, { slow: true });
  return { warm, cold, slowCold, stages };
}

async function measure(extension) {
  const h = await launch({ extension });
  await loadDemoList(h);
  await serveSites(h.ctx);
  const demo = await warmAndCold(h);
  await importList(h, BIG_FILE);
  const big = await warmAndCold(h);
  await h.close();
  return { warm: demo.warm, cold: demo.cold, slowCold: demo.slowCold, bigWarm: big.warm, bigCold: big.cold, bigSlowCold: big.slowCold, stages: big.stages };
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
console.log(`DOMContentLoaded to banner, ${ROUNDS} rounds, medians: this tree | ${base.label}\n`);
console.log(`${''.padEnd(44)} ${'this'.padStart(9)} ${'baseline'.padStart(11)} ${'ratio'.padStart(8)}   target`);
row('6 accounts, worker running', 'warm', '<= 50 ms');
row('6 accounts, worker stopped', 'cold', '<= 150 ms');
row(`  the same, page scripts ${SLOW_SCRIPT} ms before DCL`, 'slowCold', '<= 150 ms');
row(`${BIG.toLocaleString('en-US')} accounts, worker running`, 'bigWarm', '<= 50 ms');
row(`${BIG.toLocaleString('en-US')} accounts, worker stopped`, 'bigCold', '<= 150 ms');
row(`  the same, page scripts ${SLOW_SCRIPT} ms before DCL`, 'bigSlowCold', '<= 150 ms');

// The stopped worker's start with 10,000 accounts, this tree only: ms since the worker started.
const stage = (f) => med(runs.this.map((r) => f(r.stages))).toFixed(0).padStart(6);
console.log(`\nthis tree, worker stopped, ${BIG.toLocaleString('en-US')} accounts (medians, ms since the worker started):`);
console.log(`  worker's scripts loaded, engine loading begins   ${stage((s) => s.began)}`);
console.log(`  WASM module compiled, storage and snapshot read  ${stage((s) => s.compiled)}`);
console.log(`  checker restored                                 ${stage((s) => s.ready)}`);
console.log(`  the warm-up check (on the page's wake-up) took   ${stage((s) => s.warmUp ?? 0)}`);
console.log(`  the first check itself took                      ${stage((s) => s.firstCheck)}`);
