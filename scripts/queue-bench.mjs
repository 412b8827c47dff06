// The review queue stepping through profiles (`make queue-bench`; issue 23's benchmark): a queue of COUNT
// X profile pages (default 500; every tenth an impersonator of a demo account, the rest ordinary people,
// all from the X profile fixture with the name and handle changed), stepped with the banner's Next in the
// queue's tab, as a reviewer works. For each step: the time from the click to the next banner showing
// "Queue n of COUNT", and the longest main-thread task in that tab and in the queue page
// (PerformanceObserver of long tasks; target: none over 50 ms). Headless Chromium, the demo list.
import fs from 'node:fs';
import path from 'node:path';
import { launch, loadDemoList, shadowText, shadowClick, bannerVerdict, until, ROOT } from '../tests/e2e/harness.mjs';

const COUNT = Number(process.env.COUNT || 500);
const template = fs.readFileSync(path.join(ROOT, 'tests/e2e/fixtures/x/profile-dom.html'), 'utf8');
const handle = (i) => (i % 10 === 0 ? `KwabenaMensah${i}` : `ordinary_person_${i}`);
const name = (i) => (i % 10 === 0 ? 'Кwabena Мensah' : `Ordinary Person ${i}`);
const page = (i) => template.replaceAll('KwabenaMensahGH', handle(i)).replaceAll('Кwabena Мensah', name(i));

const watch = () => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
};
const longest = (p) => p.evaluate(() => Math.max(0, ...(window.__long || []))).catch(() => 0);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const pct = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

const h = await launch({ asyncStacks: false });
try {
  await loadDemoList(h);
  await h.ctx.route(/^https:\/\/x\.com\/(KwabenaMensah\d+|ordinary_person_\d+)$/, (route) => {
    const i = Number(new URL(route.request().url()).pathname.match(/\d+$/)[0]);
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page(i) });
  });
  await h.ctx.addInitScript(watch);
  const q = await h.ctx.newPage();
  await q.goto(`chrome-extension://${h.extensionId}/ui/queue/queue.html`);
  await q.getByLabel('Paste report or profile URLs (one per line)').fill(Array.from({ length: COUNT }, (_, i) => `https://x.com/${handle(i)}`).join('\n'));
  await q.getByRole('button', { name: 'Add to the queue' }).click();
  await q.getByText(`${COUNT} in the queue: ${COUNT} pending.`).waitFor();
  const [tab] = await Promise.all([h.ctx.waitForEvent('page'), q.getByRole('button', { name: 'Open the next pending profile' }).click()]);
  // The banner's frame showing the queue's place.
  const shows = (n) => until(async () => (await shadowText(tab)).includes(`Queue ${n} of ${COUNT}`), `the banner at ${n}`, { timeout: 30000, every: 10 });
  await shows(1);
  const steps = [];
  const tabLong = [await longest(tab)];
  const flagged = [];
  for (let n = 2; n <= COUNT; n++) {
    const t0 = Date.now();
    // The banner's Next, in the queue's tab (the one in front, as a reviewer works).
    await shadowClick(tab, 'Review queue: next profile');
    await tab.waitForURL(`https://x.com/${handle(n - 1)}`, { waitUntil: 'commit' });
    await shows(n);
    steps.push(Date.now() - t0);
    tabLong.push(await longest(tab));
    flagged.push(await bannerVerdict(tab));
  }
  const pageLong = await longest(q);
  const over = tabLong.filter((x) => x > 50).length;
  console.log(`review queue, ${COUNT} X profiles stepped with the banner's Next (headless Chromium, the demo list):`);
  console.log('| measure | value |');
  console.log('| --- | ---: |');
  console.log(`| the banner's Next to the next banner showing its position, median | ${median(steps)} ms |`);
  console.log(`| the same, 95th percentile | ${pct(steps, 0.95)} ms |`);
  console.log(`| longest main-thread task in the queue page, whole run | ${Math.round(pageLong)} ms |`);
  console.log(`| longest main-thread task in a profile tab, median of the steps | ${Math.round(median(tabLong))} ms |`);
  console.log(`| the same, worst step | ${Math.round(Math.max(...tabLong))} ms |`);
  console.log(`| steps whose tab had a task over 50 ms | ${over} of ${tabLong.length} |`);
  console.log(`| impersonators flagged | ${flagged.filter((v) => v === 'impersonation').length} of ${Math.floor((COUNT - 1) / 10)} |`);
} finally {
  await h.close();
}
