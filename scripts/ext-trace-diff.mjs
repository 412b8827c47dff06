// Where the task time the extension adds to the 500-cell timeline goes: the page traced with the
// extension (x.com) and on a host it does not run on (x-control.test), in the same browser, twice
// each; prints when the extension drew (ms after the page was parsed) and the frames the page
// rendered (pre-paint), then self time per trace event, with against control, largest difference first.
// A diagnostic for docs/extension.md.
//     node scripts/ext-trace-diff.mjs        (after make build; VIPGUARD_EXT=DIR for another build)
import { launch, loadDemoList } from '../tests/e2e/harness.mjs';
import { serve } from './timeline500.mjs';

const LOADS = 2;

async function traced(h, url) {
  const page = await h.ctx.newPage();
  const cdp = await page.context().newCDPSession(page);
  const trace = [];
  cdp.on('Tracing.dataCollected', (e) => trace.push(...e.value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,blink.user_timing,toplevel', transferMode: 'ReportEvents' });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(3000);
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await complete;
  await page.close();
  // The page's renderer main thread: where its HTML was parsed.
  const parse = trace.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args).includes('AminataSowe'));
  const events = trace.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && e.dur)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Self time: each event's duration less that of the events nested in it.
  const self = new Map();
  const open = [];
  for (const e of events) {
    while (open.length && open[open.length - 1].ts + open[open.length - 1].dur <= e.ts) open.pop();
    if (open.length) self.set(open[open.length - 1].name, (self.get(open[open.length - 1].name) || 0) - e.dur);
    self.set(e.name, (self.get(e.name) || 0) + e.dur);
    open.push(e);
  }
  const parsed = Math.max(...events.filter((e) => e.name === 'ParseHTML').map((e) => e.ts + e.dur));
  const after = (ts) => ts.filter((t) => t > parsed).map((t) => Math.round((t - parsed) / 1000)).join(' ') || '-';
  const draws = trace.filter((e) => e.name === 'vipguard:render' && e.ph !== 'e').map((e) => e.ts).sort((a, b) => a - b);
  console.log(`${new URL(url).host.padEnd(14)} drew at ${after(draws)}; frames drawn (pre-paint) at ${after(events.filter((e) => e.name === 'PrePaint').map((e) => e.ts))}`);
  return self;
}

const h = await launch({ asyncStacks: false });
try {
  await loadDemoList(h);
  await serve(h.ctx);
  const sums = new Map(); // event name -> [with, control] in ms per load
  for (let i = 0; i < LOADS; i++) {
    for (const [col, url] of [[0, 'https://x.com/AminataSowe/followers'], [1, 'https://x-control.test/AminataSowe/followers']]) {
      for (const [name, us] of await traced(h, url)) {
        if (!sums.has(name)) sums.set(name, [0, 0]);
        sums.get(name)[col] += us / 1000 / LOADS;
      }
    }
  }
  console.log(`\n${'self time per load (ms)'.padEnd(50)} ${'with'.padStart(8)} ${'control'.padStart(8)} ${'added'.padStart(8)}`);
  for (const [name, [w, c]] of [...sums].sort((a, b) => (b[1][0] - b[1][1]) - (a[1][0] - a[1][1])).slice(0, 15)) {
    console.log(`${name.slice(0, 50).padEnd(50)} ${w.toFixed(1).padStart(8)} ${c.toFixed(1).padStart(8)} ${(w - c).toFixed(1).padStart(8)}`);
  }
} finally {
  await h.close();
}
