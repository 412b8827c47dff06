// The extension with a large protected list (`make ext-scale`; issue 25): for each size (default 10,
// 10,000 and 100,000 accounts, side by side in one run, each in a fresh browser), the list imported through the
// options page as a reviewer does, then
//   - the service worker's memory: its JS heap (CDP Runtime.getHeapUsage on the worker's target, after a
//     collection), the WebAssembly memory (every WebAssembly.Memory in the worker, found with CDP
//     Runtime.queryObjects), and the extension process's resident size and peak (/proc VmRSS, VmHWM:
//     the worker runs in the extension's renderer process; no extension page is open while measuring);
//   - one check, warm: a profile page's content script asks the worker (`check`, one look-alike profile)
//     ROUNDS times; the round trip as the content script sees it, and the engine's own `checkMany` in
//     the worker (vipguardEngine.stages.lastCheck);
//   - the restart: the worker stopped as Chrome stops an idle one (CDP ServiceWorker.stopAllWorkers),
//     then the content script's next check, timed from its request to its answer (the worker starts,
//     restores its engine from the kept snapshot and answers), RESTARTS times; the worker's own figure
//     for the restore (vipguardEngine.ms), and its memory after a restart.
// The lists are `crates/vipguard/benches/synth.rs`'s (examples/synth_files.rs), written to
// target/ext-scale/N/ once; the checked profiles are the generator's look-alike queries.
//     make build && node scripts/ext-scale.mjs [N ...]         ROUNDS=30 RESTARTS=3 by default
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launch, until, engineKept, extensionProcessMemory, inContentScript, xFixture, ROOT } from '../tests/e2e/harness.mjs';

const ROUNDS = Number(process.env.ROUNDS || 30);
const RESTARTS = Number(process.env.RESTARTS || 3);
const PAGE = 'https://x.com/KwabenaMensahGH';

// The generator's list of `n` accounts and 200 profiles (half of them look-alikes of listed accounts).
export function synthetic(n) {
  const dir = path.join(ROOT, 'target/ext-scale', String(n));
  if (!fs.existsSync(path.join(dir, 'protected.json'))) {
    execFileSync('cargo', ['run', '--release', '--quiet', '-p', 'vipguard', '--example', 'synth_files', '--', dir, String(n), '200'],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const profiles = fs.readFileSync(path.join(dir, 'profiles.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return { file: path.join(dir, 'protected.json'), bytes: fs.statSync(path.join(dir, 'protected.json')).size, profiles };
}

// A CDP session on the extension's service worker (the current one: a restart makes a new target),
// through a page's session: Playwright opens sessions on pages only.
export async function onWorker(h, cdp, fn) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${h.extensionId}/`));
  if (!sw) throw new Error('no service worker running');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
  const waiting = new Map();
  let next = 1;
  const listener = (e) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message);
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error) w.reject(new Error(`${w.method}: ${m.error.message}`));
    else w.resolve(m.result);
  };
  cdp.on('Target.receivedMessageFromTarget', listener);
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = next++;
    waiting.set(id, { resolve, reject, method });
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
  });
  try {
    return await fn(send);
  } finally {
    cdp.off('Target.receivedMessageFromTarget', listener);
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  }
}

const MB = (b) => b / 1048576;

// The worker's memory now: JS heap after a collection, its WebAssembly memories, the extension process.
async function memory(h, cdp) {
  const worker = await onWorker(h, cdp, async (send) => {
    await send('HeapProfiler.collectGarbage');
    const heap = await send('Runtime.getHeapUsage');
    const proto = await send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
    const found = await send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
    const sizes = await send('Runtime.callFunctionOn', {
      objectId: found.objects.objectId, returnByValue: true,
      functionDeclaration: 'function () { return this.map((m) => m.buffer.byteLength); }',
    });
    await send('Runtime.releaseObjectGroup', { objectGroup: '' }).catch(() => {});
    return { heapUsed: MB(heap.usedSize), heapTotal: MB(heap.totalSize), backing: MB(heap.backingStorageSize || 0),
      wasm: MB(sizes.result.value.reduce((a, b) => a + b, 0)) };
  });
  return { ...worker, process: extensionProcessMemory(h) };
}

// How the worker's engine last started (extension/worker/engine.js), read over CDP: Playwright's handle
// on a stopped worker never answers.
const engine = (h, cdp) => onWorker(h, cdp, async (send) => {
  const r = await send('Runtime.evaluate', { expression: 'globalThis.vipguardEngine', returnByValue: true });
  return r.result.value;
});
// The size of the engine's snapshot the worker keeps in IndexedDB (engine.js), in MB.
const snapshotSize = (h, cdp) => onWorker(h, cdp, async (send) => {
  const r = await send('Runtime.evaluate', { awaitPromise: true, returnByValue: true, expression: `new Promise((resolve) => {
    const req = indexedDB.open('vipguard-engine', 1);
    req.onsuccess = () => {
      const get = req.result.transaction('engine').objectStore('engine').get('checker');
      get.onsuccess = () => { req.result.close(); resolve(get.result ? get.result.bytes.byteLength : 0); };
    };
  })` });
  return MB(r.result.value);
});
export const workerRunning = async (h, cdp) => (await cdp.send('Target.getTargets')).targetInfos
  .some((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${h.extensionId}/`));

// One check from the page's content script: ms from its request to the worker's answer, as it sees it.
const ask = (page, profile) => inContentScript(page, async (p) => {
  const t0 = performance.now();
  const reply = await chrome.runtime.sendMessage({ type: 'check', url: location.href, profiles: [p], requestId: 1 });
  return { ms: performance.now() - t0, verdict: reply && reply.results ? reply.results[0].verdict : JSON.stringify(reply).slice(0, 200) };
}, profile);

// The longest main-thread task of a page since the last call, and how many passed 50 ms.
const longest = (page) => page.evaluate(() => {
  const all = window.__long;
  window.__long = [];
  return { ms: Math.round(Math.max(0, ...all)), count: all.length };
});

// The reviewer's import of `file` (`n` accounts) through the options page, until the worker has built the
// engine and kept its snapshot; with how long each part took.
export async function importList(h, cdp, file, n) {
  const out = {};
  // The reviewer's import: the options page validates the file, Replace stores it; the worker hears of
  // the change, builds the engine and keeps its snapshot.
  const opts = await h.ctx.newPage();
  await opts.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  });
  await opts.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
  // Ready (its controls wired) before the clock starts: validation alone is timed.
  await opts.locator('body[data-ready]').waitFor();
  let t0 = Date.now();
  await opts.locator('#import-file').setInputFiles(file);
  await opts.waitForFunction(() => !document.getElementById('use-list').disabled, null, { timeout: 300000 });
  out.validate = Date.now() - t0;
  out.longValidate = await longest(opts);
  step(`${n}: validated`);
  t0 = Date.now();
  await opts.getByRole('button', { name: 'Replace the whole list' }).click();
  await opts.getByText(new RegExp(`In use: (${n}|${n.toLocaleString('en-US')}) account`)).waitFor({ timeout: 300000 });
  out.apply = Date.now() - t0;
  step(`${n}: applied`);
  const built = await until(async () => {
    const e = await engine(h, cdp).catch(() => null);
    return e && e.accounts === n && e;
  }, 'the engine built', { timeout: 300000, every: 100 });
  out.build = built.ms;
  step(`${n}: built`);
  await until(() => engineKept({ ...h, worker: h.ctx.serviceWorkers().at(-1) }), 'the engine kept', { timeout: 300000, every: 250 });
  out.kept = Date.now() - t0;
  step(`${n}: kept`);
  out.longApply = await longest(opts);
  out.snapshot = await snapshotSize(h, cdp);
  await opts.close();
  return out;
}

const started = Date.now();
const step = (what) => { if (process.env.VERBOSE) console.error(`${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`); };
const med = (v) => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function measure(n) {
  const { file, bytes, profiles } = synthetic(n);
  const h = await launch({ asyncStacks: false });
  const out = { n, listMB: MB(bytes) };
  try {
    if (h.firstRun && !h.firstRun.isClosed()) await h.firstRun.close();
    // A blank page kept open for the whole run, whose CDP session reaches the worker and stops it.
    const control = await h.ctx.newPage();
    const cdp = await h.ctx.newCDPSession(control);
    await cdp.send('ServiceWorker.enable');
    Object.assign(out, await importList(h, cdp, file, n));

    // A profile page: its content script asks for checks (here, one look-alike profile at a time).
    const page = await h.ctx.newPage();
    await page.route(PAGE, (r) => {
      const { status, type, body } = xFixture(new URL(PAGE));
      return r.fulfill({ status, contentType: type, body });
    });
    await page.goto(PAGE);
    const lookalikes = profiles.filter((p) => /[^\x00-\x7f]/.test(p.name) || /x\d/.test(p.handle)).slice(0, 20);
    const pick = (i) => { const p = lookalikes[i % lookalikes.length]; return { id: p.id, platform: 'x', handle: p.handle, name: p.name }; };
    step(`${n}: page open`);
    for (let i = 0; i < 5; i++) await ask(page, pick(i)); // warm
    step(`${n}: warmed`);
    const trips = [];
    const inWorker = [];
    const verdicts = {};
    for (let i = 0; i < ROUNDS; i++) {
      const r = await ask(page, pick(i));
      trips.push(r.ms);
      verdicts[r.verdict] = (verdicts[r.verdict] || 0) + 1;
      inWorker.push((await engine(h, cdp)).stages.lastCheck);
      await page.waitForTimeout(110); // under the tab's rate of checks (600 a minute)
    }
    out.checkTrip = med(trips);
    out.checkEngine = med(inWorker);
    out.verdicts = verdicts;
    out.memBuilt = await memory(h, cdp);
    step(`${n}: measured`);

    // Restarts: stop the worker, then the page's next check.
    const first = [];
    const restored = [];
    for (let r = 0; r < RESTARTS; r++) {
      await page.waitForTimeout(500);
      await cdp.send('ServiceWorker.stopAllWorkers');
      await until(async () => !(await workerRunning(h, cdp)), 'the worker stopped', { timeout: 10000, every: 50 });
      step(`${n}: stopped`);
      await page.waitForTimeout(500);
      const a = await ask(page, pick(r));
      step(`${n}: restarted`);
      const e = await engine(h, cdp);
      if (e.how !== 'restored') throw new Error(`expected a restore after the restart, got ${JSON.stringify(e)}`);
      first.push(a.ms);
      restored.push(e.ms);
      out.stages = e.stages;
    }
    out.restartTrip = med(first);
    out.restore = med(restored);
    out.restartTrips = first;
    out.memRestored = await memory(h, cdp);
    await page.close();
  } finally {
    await h.close();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

async function main() {
  const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
  if (!SIZES.length) SIZES.push(10, 10_000, 100_000);
  const results = [];
  for (const n of SIZES) {
    const r = await measure(n);
    results.push(r);
    console.error(JSON.stringify(r));
  }

  const f = (x, d = 1) => (x == null ? '-' : Number(x).toFixed(d));
  const col = (label, fn) => console.log(`| ${label} | ${results.map((r) => fn(r)).join(' | ')} |`);
  // The four memory rows of one moment (`key`: memBuilt or memRestored).
  const memoryRows = (when, key) => {
    col(`${when}: worker JS heap used / total (MB)`, (r) => `${f(r[key].heapUsed)} / ${f(r[key].heapTotal)}`);
    col(`${when}: array buffers outside the heap (MB)`, (r) => f(r[key].backing));
    col(`${when}: WebAssembly memory (MB)`, (r) => f(r[key].wasm));
    col(`${when}: extension process resident / peak (MB)`, (r) => (r[key].process ? `${r[key].process.rss} / ${r[key].process.peak}` : '-'));
  };
  console.log(`The extension with N protected accounts (headless Chromium; warm checks: median of ${ROUNDS}; restarts: median of ${RESTARTS})\n`);
  console.log(`| measure | ${results.map((r) => `${r.n.toLocaleString('en-US')} accounts`).join(' | ')} |`);
  console.log(`| --- | ${results.map(() => '---:').join(' | ')} |`);
  col('list file (MB)', (r) => f(r.listMB));
  col('import: validate in the options page (ms)', (r) => r.validate);
  col('import: Replace until the options page shows it (ms)', (r) => r.apply);
  col('worker: build from the list (ms)', (r) => f(r.build, 0));
  col('Replace until the snapshot is kept (ms)', (r) => r.kept);
  col('options page: longest task while validating (ms; tasks over 50 ms)', (r) => `${r.longValidate.ms} (${r.longValidate.count})`);
  col('options page: longest task from Replace to the snapshot kept (ms; tasks over 50 ms)', (r) => `${r.longApply.ms} (${r.longApply.count})`);
  col('the kept snapshot (MB)', (r) => f(r.snapshot));
  col('one check, warm: request to answer, content script (ms)', (r) => f(r.checkTrip, 2));
  col('one check, warm: the engine\'s checkMany in the worker (ms)', (r) => f(r.checkEngine, 3));
  memoryRows('after the build', 'memBuilt');
  col('restart: request to answer of the first check (ms)', (r) => f(r.restartTrip, 0));
  col('restart: restore in the worker (ms)', (r) => f(r.restore, 0));
  memoryRows('after a restart', 'memRestored');
}
