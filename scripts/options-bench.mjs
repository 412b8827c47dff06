// The options page with a large protected list (`make options-bench`; issue 23's benchmark): importing
// and applying it (Replace), reopening the page, and searching it, each timed from the action to the
// page showing its result, with the longest main-thread task over the whole step (a PerformanceObserver
// of long tasks in the page: none should pass 50 ms). Headless Chromium, a synthetic list of
// COUNT accounts (default 100,000) written as CSV.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, loadDemoList } from '../tests/e2e/harness.mjs';

const COUNT = Number(process.env.COUNT || 100000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-options-bench-'));
const file = path.join(dir, `protected-${COUNT}.csv`);
const rows = [];
for (let i = 0; i < COUNT; i++) rows.push(`acct-${i},Person Number${i} Example${i % 977},Alias${i},x:person_${i}|instagram:person.${i}`);
fs.writeFileSync(file, `id,name,aliases,handles\n${rows.join('\n')}\n`);

// Long tasks in the page, from the moment it loads (an init script runs before the page's own).
const watchLongTasks = () => {
  window.__long = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
};
const longest = async (page) => page.evaluate(() => {
  const all = window.__long || [];
  window.__long = [];
  return { longest: Math.round(Math.max(0, ...all)), count: all.length };
});

const h = await launch({ asyncStacks: false });
const out = [];
try {
  await loadDemoList(h);
  const page = await h.ctx.newPage();
  await page.addInitScript(watchLongTasks);
  const url = `chrome-extension://${h.extensionId}/ui/options/options.html`;
  await page.goto(url);
  await page.getByText(/In use: 6 account/).waitFor();
  await longest(page);

  let t0 = Date.now();
  await page.getByLabel('Import protected accounts').setInputFiles(file);
  await page.getByRole('button', { name: 'Replace the whole list' }).waitFor({ state: 'visible' });
  await page.waitForFunction(() => !document.getElementById('use-list').disabled, null, { timeout: 300000 });
  out.push({ step: `validate ${COUNT} accounts (import preview)`, ms: Date.now() - t0, ...(await longest(page)) });

  t0 = Date.now();
  await page.getByRole('button', { name: 'Replace the whole list' }).click();
  await page.getByText(new RegExp(`In use: (${COUNT}|${COUNT.toLocaleString('en-US')}) account`)).waitFor({ timeout: 300000 });
  out.push({ step: 'apply (Replace)', ms: Date.now() - t0, ...(await longest(page)) });

  t0 = Date.now();
  await page.reload();
  await page.getByText(new RegExp(`In use: (${COUNT}|${COUNT.toLocaleString('en-US')}) account`)).waitFor({ timeout: 300000 });
  await page.locator('#accounts tbody tr').first().waitFor();
  out.push({ step: 'reopen the page', ms: Date.now() - t0, ...(await longest(page)) });

  t0 = Date.now();
  await page.getByLabel('Search accounts').fill(`person_${COUNT - 1}`);
  await page.getByText(new RegExp(`^1 of ${COUNT} accounts$`)).waitFor({ timeout: 60000 });
  out.push({ step: 'search (one account)', ms: Date.now() - t0, ...(await longest(page)) });
} finally {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`options page, ${COUNT} accounts (headless Chromium; ms from the action to its result; longest main-thread task):`);
console.log('| step | time (ms) | longest task (ms) | long tasks |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of out) console.log(`| ${r.step} | ${r.ms} | ${r.longest} | ${r.count} |`);
