// Where the extension's time goes on the 500-cell timeline: a CPU profile of the page (CDP sampling,
// 100 µs) from load until 3 s later, printed as self time per function, and the vipguard:* measures.
// The profiler slows the page, so compare runs of this script with each other, not with ext-bench.
//     node scripts/ext-profile.mjs            (after make build; VIPGUARD_EXT=DIR for another build)
import { launch, loadDemoList } from '../tests/e2e/harness.mjs';
import { serve } from './timeline500.mjs';

const h = await launch({ asyncStacks: false });
try {
  await loadDemoList(h);
  await serve(h.ctx);
  const page = await h.ctx.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto('https://x.com/AminataSowe/followers', { waitUntil: 'load' });
  await page.waitForTimeout(3000);
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    if (['(idle)', '(program)', '(root)'].includes(f.functionName)) return;
    const k = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(k, (self.get(k) || 0) + (profile.timeDeltas[i] || 0) / 1000);
  });
  console.log('self time (ms), top 25:');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
  const measures = await page.evaluate(() => performance.getEntriesByType('measure')
    .filter((e) => e.name.startsWith('vipguard:')).map((e) => [e.name, e.duration]));
  const sums = {};
  for (const [n, d] of measures) sums[n] = (sums[n] || 0) + d;
  console.log('\nvipguard:* measures under the profiler (ms):');
  for (const [n, d] of Object.entries(sums)) console.log(`${d.toFixed(1).padStart(8)}  ${n}`);
} finally {
  await h.close();
}
