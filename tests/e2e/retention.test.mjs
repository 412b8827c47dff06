// End to end: the reviewer's decisions are pruned with the audit log (issue 23): the decisions behind an
// account's standing one go once they are older than the audit log's retention (the options' setting,
// 90 days unless changed; 30 here); the standing decision stays, whatever its age.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, privateValues, setPrivateValues } from './harness.mjs';

const DAY = 86400000;

let h;
before(async () => { h = await launch(); });
after(async () => h && h.close());

test('decisions older than the retention are pruned with the audit log, except the standing one', async () => {
  const now = Date.now();
  const at = (days) => new Date(now - days * DAY).toISOString();
  const entry = (decision, days, note = '') => ({ decision, note, at: at(days), verdict: 'impersonation', match: 'vip-002' });
  const { settings = {} } = await privateValues(h, ['settings']);
  await setPrivateValues(h, { settings: { ...settings, auditDays: 30 } });
  await setPrivateValues(h, { reviewerDecisions: {
    'x:recent': [entry('escalate', 1, 'IDO-3'), entry('not_impersonator', 10), entry('confirmed', 40, 'IDO-2')],
    'x:old': [entry('confirmed', 400, 'IDO-1'), entry('escalate', 500, 'IDO-0')],
    'x:fresh': [entry('confirmed', 2)],
  } });
  // The options page's audit export prunes first (as the worker does when it starts).
  const page = await h.ctx.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'auditExport' }));
  const { reviewerDecisions: kept } = await privateValues(h, ['reviewerDecisions']);
  const shape = Object.fromEntries(Object.entries(kept).map(([k, hist]) => [k, hist.map((d) => [d.decision, d.note])]));
  assert.deepEqual(shape, {
    'x:recent': [['escalate', 'IDO-3'], ['not_impersonator', '']],
    'x:old': [['confirmed', 'IDO-1']],
    'x:fresh': [['confirmed', '']],
  });
  await page.close();
});
