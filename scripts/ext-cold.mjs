// A restarted worker's first answer with 10,000 protected accounts (issue 21 item 4), two builds side by
// side: each in its own browser with the same list imported, the worker stopped as Chrome stops an idle
// one (CDP ServiceWorker.stopAllWorkers), then a profile page's check timed from its request to its
// answer; the builds take turns, ROUNDS times each, and medians are compared. Besides the round trip, the
// worker's own stamps (ms since the worker started: vipguardEngine.stages, vipguardFirstMessage), and
// when the worker started, measured from the request (both clocks read as performance.timeOrigin + now).
//     node scripts/ext-cold.mjs OLD_DIR [NEW_DIR=dist/chrome] [N=10000]      ROUNDS=15 by default
import path from 'node:path';
import { launch, until, inContentScript, xFixture, ROOT } from '../tests/e2e/harness.mjs';
import { synthetic, onWorker, importList, workerRunning } from './ext-scale.mjs';

const [oldDir, newDir = path.join(ROOT, 'dist/chrome'), n = '10000'] = process.argv.slice(2);
if (!oldDir) throw new Error('usage: node scripts/ext-cold.mjs OLD_DIR [NEW_DIR] [N]');
const N = Number(n);
const ROUNDS = Number(process.env.ROUNDS || 15);
const PAGE = 'https://x.com/KwabenaMensahGH';
const med = (v) => { const s = v.filter((x) => x != null).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };

// One check from the page's content script, with the absolute times of its request and answer.
const ask = (page, profile) => inContentScript(page, async (p) => {
  const t0 = performance.now();
  const reply = await chrome.runtime.sendMessage({ type: 'check', url: location.href, profiles: [p], requestId: 1 });
  const t1 = performance.now();
  return { ms: t1 - t0, sent: performance.timeOrigin + t0, verdict: reply && reply.results ? reply.results[0].verdict : JSON.stringify(reply).slice(0, 200) };
}, profile);

// A browser with build `dir`, the list imported and kept, a profile page open.
async function setUp(dir, list) {
  const h = await launch({ extension: dir, asyncStacks: false });
  if (h.firstRun && !h.firstRun.isClosed()) await h.firstRun.close();
  const cdp = await h.ctx.newCDPSession(await h.ctx.newPage());
  await cdp.send('ServiceWorker.enable');
  await importList(h, cdp, list.file, N);
  const page = await h.ctx.newPage();
  await page.route(PAGE, (r) => {
    const { status, type, body } = xFixture(new URL(PAGE));
    return r.fulfill({ status, contentType: type, body });
  });
  await page.goto(PAGE);
  return { h, cdp, page };
}

// One restart: the worker stopped, then the page's next check; the worker's stamps after.
async function restart({ h, cdp, page }, profile) {
  await page.waitForTimeout(300);
  await cdp.send('ServiceWorker.stopAllWorkers');
  await until(async () => !(await workerRunning(h, cdp)), 'the worker stopped', { timeout: 10000, every: 50 });
  await page.waitForTimeout(300);
  const a = await ask(page, profile);
  const w = await onWorker(h, cdp, async (send) => (await send('Runtime.evaluate', { returnByValue: true,
    expression: '({ e: globalThis.vipguardEngine, origin: performance.timeOrigin, message: globalThis.vipguardFirstMessage ?? null })' })).result.value);
  if (!w.e || w.e.how !== 'restored') throw new Error(`expected a restore, got ${JSON.stringify(w.e)}`);
  const s = w.e.stages;
  return { trip: a.ms, verdict: a.verdict, start: w.origin - a.sent, message: w.message, began: s.began, wasm: s.wasm, read: s.read,
    compiled: s.compiled, ready: s.ready, received: s.received ?? null, answered: s.answered ?? null, firstCheck: s.firstCheck,
    restore: w.e.ms, reply: s.answered != null ? a.ms - (w.origin - a.sent) - s.answered : null };
}

const list = synthetic(N);
const lookalikes = list.profiles.filter((p) => /[^\x00-\x7f]/.test(p.name) || /x\d/.test(p.handle)).slice(0, 20);
const pick = (i) => { const p = lookalikes[i % lookalikes.length]; return { id: p.id, platform: 'x', handle: p.handle, name: p.name }; };
const builds = { old: await setUp(oldDir, list), new: await setUp(newDir, list) };
const runs = { old: [], new: [] };
try {
  for (let r = 0; r < ROUNDS; r++) {
    for (const k of r % 2 ? ['new', 'old'] : ['old', 'new']) {
      const one = await restart(builds[k], pick(r));
      runs[k].push(one);
      if (process.env.VERBOSE) console.error(k, JSON.stringify(one));
    }
  }
} finally {
  for (const b of Object.values(builds)) await b.h.close();
}
const verdicts = (k) => [...new Set(runs[k].map((x) => x.verdict))].join(',');
const rows = ['trip', 'start', 'message', 'began', 'wasm', 'read', 'compiled', 'ready', 'received', 'firstCheck', 'answered', 'reply', 'restore'];
console.log(`Restart, first check, ${N} accounts: medians of ${ROUNDS} (old ${oldDir}, new ${newDir}; verdicts old ${verdicts('old')}, new ${verdicts('new')})\n`);
console.log('| measure (ms) | old | new | new / old |\n| --- | ---: | ---: | ---: |');
for (const k of rows) {
  const [o, m] = [med(runs.old.map((x) => x[k])), med(runs.new.map((x) => x[k]))];
  const f = (x) => (x == null ? '-' : x.toFixed(1));
  console.log(`| ${k} | ${f(o)} | ${f(m)} | ${o && m != null ? (m / o).toFixed(2) : '-'} |`);
}
