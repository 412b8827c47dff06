// The reviewer's metrics (issue 23, item 6): the computation on made-up audit logs, then the page in
// Chromium over decisions made through the worker, in light and dark (screenshots in target/screenshots/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metrics } from '../../extension/ui/metrics/compute.js';
import { launch, loadDemoList, visit, shadowClick, shadowText, until, screenshot } from './harness.mjs';

// A fixed "now" at noon local time, and entries so many days and hours before it.
const NOW = new Date(2026, 11, 2, 12, 0, 0).getTime(); // Wednesday 2 December 2026
const at = (days, hours = 0) => NOW - days * 86400000 - hours * 3600000;
const decision = (days, d, seconds = '') => ({ event: 'decision', time: at(days), decision: d, seconds_to_decision: seconds, platform: 'x' });
const shown = (days, verdict, platform = 'x') => ({ event: 'shown', time: at(days), verdict, platform });

const cases = [
  { name: 'empty log', entries: [], want: { decisions: 0, average: null, median: null, today: 0, thisWeek: 0 } },
  {
    name: 'handle time: average and median over timed decisions only; undo and allow_removed are not decisions',
    entries: [decision(0, 'confirmed', 30), decision(0, 'escalate', 90), decision(1, 'not_impersonator', 600), decision(0, 'confirmed', ''),
      decision(0, 'undo', 5), decision(0, 'allow_removed', 5)],
    want: { decisions: 4, average: 240, median: 90, untimed: 1, today: 3, thisWeek: 4, mix: { confirmed: 2, escalate: 1, not_impersonator: 1 } },
  },
  {
    name: 'the series: 14 days back and 8 weeks from Monday; older decisions only in the weeks',
    entries: [decision(13, 'confirmed', 10), decision(14, 'confirmed', 10), decision(40, 'escalate', 10), decision(2, 'confirmed', '12')],
    // Monday 30 November starts this week; day 2 (Monday 30th) is in it.
    want: { decisions: 2, average: 11, median: 11, today: 0, thisWeek: 1, days: 14, weeks: 8, weekTotal: 4 },
  },
  {
    name: 'verdict mix and checks per site, from what was shown',
    entries: [shown(0, 'impersonation'), shown(0, 'clear', 'github'), shown(1, 'impersonation', 'instagram'), shown(20, 'suspicious')],
    want: { decisions: 0, verdicts: { impersonation: 2, clear: 1 }, sites: { x: 1, github: 1, instagram: 1 } },
  },
];

for (const c of cases) {
  test(`metrics: ${c.name}`, () => {
    const m = metrics(c.entries, NOW);
    const w = c.want;
    assert.equal(m.decisions, w.decisions);
    if ('average' in w) assert.equal(m.handleTime.average, w.average);
    if ('median' in w) assert.equal(m.handleTime.median, w.median);
    if ('untimed' in w) assert.equal(m.handleTime.untimed, w.untimed);
    if ('today' in w) assert.equal(m.perDay.at(-1).count, w.today);
    if ('thisWeek' in w) assert.equal(m.perWeek.at(-1).count, w.thisWeek);
    if (w.days) assert.equal(m.perDay.length, w.days);
    if (w.weeks) assert.equal(m.perWeek.length, w.weeks);
    if (w.weekTotal != null) assert.equal(m.perWeek.reduce((a, x) => a + x.count, 0), w.weekTotal);
    if (w.mix) assert.deepEqual(m.decisionMix, w.mix);
    if (w.verdicts) assert.deepEqual(m.verdictMix, w.verdicts);
    if (w.sites) assert.deepEqual(m.perSite, w.sites);
    if (m.perWeek.length) assert.equal(new Date(m.perWeek.at(-1).start).getDay(), 1, 'weeks start on Monday');
  });
}

test('the metrics page shows the decisions made on profiles, with charts, in light and dark', async () => {
  const h = await launch();
  try {
    await loadDemoList(h);
    const page = await visit(h, 'https://x.com/KwabenaMensahGH');
    await shadowClick(page, 'Needs escalation');
    // The banner shows the first decision (its frame asks the worker again) before the second is made.
    await until(async () => (await shadowText(page)).includes('Your decision: Needs escalation'), 'the first decision shown');
    await shadowClick(page, 'Impersonation confirmed');
    await until(async () => (await shadowText(page)).includes('Your decision: Impersonation confirmed'), 'the second decision shown');
    await page.close();
    const m = await h.ctx.newPage();
    await m.setViewportSize({ width: 1366, height: 900 });
    await m.goto(`chrome-extension://${h.extensionId}/ui/metrics/metrics.html`);
    await until(async () => (await m.locator('#stat-decisions').textContent()) === '2', 'two decisions counted');
    assert.match(await m.locator('#stat-median').textContent(), /^\d+ s$|min/);
    // Today's bar holds both decisions; the mix lists both kinds.
    assert.equal(await m.locator('#chart-day rect.bar title').last().textContent().then((s) => s.split(': ')[1]), '2');
    const mix = await m.locator('#chart-decisions rect.bar title').allTextContents();
    assert.deepEqual(mix.sort(), ['Impersonation confirmed: 1', 'Needs escalation: 1']);
    assert.ok((await m.locator('#chart-sites rect.bar title').allTextContents()).some((s) => s.startsWith('X: ')));
    // Screen readers get each chart's figures as a table (the picture itself is hidden from them).
    await m.getByRole('table', { name: 'Your decisions (last 14 days)' }).waitFor({ state: 'attached' });
    assert.equal(await m.getByRole('row', { name: 'Impersonation confirmed 1' }).count(), 1);
    for (const [width, scheme] of [[1366, 'light'], [1366, 'dark'], [960, 'light'], [960, 'dark']]) {
      await m.setViewportSize({ width, height: 768 });
      await m.emulateMedia({ colorScheme: scheme });
      await screenshot(m, `metrics-${width}-${scheme}`);
    }
    await m.close();
  } finally {
    await h.close();
  }
});

test('metrics: a summer-time change keeps every calendar day in the series', () => {
  const tz = process.env.TZ;
  process.env.TZ = 'Europe/Paris';
  try {
    // 31 March 2025, 00:30 in Paris: the clocks went forward on the 30th (a 23-hour day).
    const now = new Date(2025, 2, 31, 0, 30).getTime();
    const m = metrics([{ event: 'decision', time: new Date(2025, 2, 30, 12, 0).getTime(), decision: 'confirmed', seconds_to_decision: 5 }], now, { days: 4 });
    assert.deepEqual(m.perDay.map((d) => new Date(d.start).getDate()), [28, 29, 30, 31]);
    assert.equal(m.perDay[2].count, 1, 'the Sunday decision is counted');
  } finally {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  }
});
