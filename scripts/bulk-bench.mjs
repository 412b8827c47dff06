// The bulk page with 10,000 pasted lines (`make bulk-bench`): time from "Check" to the last row in the
// table, and the page's main-thread long tasks (over 50 ms) meanwhile, beside the worker's own time in
// checkMany. Three rounds, medians. The lines are the end-to-end test's (tests/e2e/bulk-data.mjs).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, loadDemoList, ROOT } from '../tests/e2e/harness.mjs';
import { bulkLines } from '../tests/e2e/bulk-data.mjs';
import vm from 'node:vm';

// bulk-input.js reads shared/report.js's global (its csvUnguard), as bulk.html loads it first.
globalThis.vipguardI18n ??= { t: (key) => key };
vm.runInThisContext(`${fs.readFileSync(new URL('../extension/shared/report.js', import.meta.url), 'utf8')}; globalThis.vipguardReport = vipguardReport;`);
const { parseLines } = await import('../extension/ui/bulk/bulk-input.js');

const N = 10000;
const ROUNDS = 3;
const { text } = bulkLines(N);
const h = await launch({ asyncStacks: false });
await loadDemoList(h);
const runs = [];
for (let round = 0; round < ROUNDS; round++) {
  const page = await h.ctx.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/ui/bulk/bulk.html`);
  await page.$eval('#paste', (t, v) => { t.value = v; }, text);
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((l) => window.longTasks.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByText(/^Done: /).waitFor({ timeout: 120000 });
  const total = Date.now() - t0;
  await page.waitForTimeout(300);
  const long = await page.evaluate(() => window.longTasks);
  runs.push({ total, count: long.length, sum: long.reduce((a, b) => a + b, 0), max: Math.max(0, ...long) });
  await page.close();
}
await h.close();
// Baseline: the command line scanning the same profiles (both cores), median of three.
const file = path.join(os.tmpdir(), `vipguard-bulk-bench-${process.pid}.jsonl`);
fs.writeFileSync(file, parseLines(text).profiles.map((p) => JSON.stringify({ id: String(p.line), platform: p.platform, handle: p.handle, name: p.name })).join('\n'));
const cli = [];
for (let i = 0; i < 3; i++) {
  const t0 = process.hrtime.bigint();
  execFileSync(path.join(ROOT, 'target/release/vipguard'), ['scan', '--protected', path.join(ROOT, 'demo/protected.json'), file], { stdio: ['ignore', 'ignore', 'ignore'] });
  cli.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
fs.unlinkSync(file);
const cliMed = cli.sort((a, b) => a - b)[1];
const med = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
console.log(`bulk page, ${N} pasted lines against the demo list, ${ROUNDS} rounds (median; runs ${runs.map((r) => r.total).join(', ')} ms)`);
console.log(`time from Check to the full table         ${med('total')} ms`);
console.log(`main-thread long tasks (> 50 ms), count    ${med('count')}`);
console.log(`  their total                              ${med('sum').toFixed(0)} ms`);
console.log(`  the longest                              ${med('max').toFixed(0)} ms`);
console.log(`the CLI's scan of the same profiles        ${cliMed.toFixed(0)} ms (the page takes ${(med('total') / cliMed).toFixed(1)}x)`);
