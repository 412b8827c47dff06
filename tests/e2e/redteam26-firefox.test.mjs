// Red team of the enterprise policy (issue 26) in Firefox: what a compromised page process can do to the
// settings. Firefox has no setAccessLevel for storage.local, so a content script (and code in a compromised
// page process, which runs the content scripts) can write the settings there. The policy's own keys are
// laid over them where the worker reads them, but two settings the policy has no key for are enough:
// `paused` switches every check off, whatever sites the policy locked on, and `auditDays` (read with
// `Number(x) || 90`, so -1 stands) makes the next start of the event page delete the whole audit log.
//
// The stand-in for the compromised process is one more content script in a copy of the build (a content
// script of the add-on has exactly the APIs the add-on's own content scripts have), on a page of x.com.
// Written as the defence it asks for: it FAILS on the build it was written against (d93ed6d).
// policies.json goes in the installation's distribution folder: run under the Firefox lock
// (`flock /tmp/vg-firefox.lock node --test tests/e2e/redteam26-firefox.test.mjs`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { FIREFOX, FIREFOX_EXT, GECKO_ID, testCertificates, launchFirefox, openPage } from './firefox-harness.mjs';

const POLICIES = path.join(path.dirname(fs.realpathSync(FIREFOX)), 'distribution', 'policies.json');

// What the compromised page process runs, as a content script: writes the settings, reads the policy,
// asks for a check, and leaves what it saw where the test reads it.
const PROBE = `(async () => {
  if (!location.pathname.startsWith('/redteam')) return;
  const out = {};
  try { out.before = (await browser.storage.local.get('settings')).settings || null; } catch (e) { out.readErr = e.message; }
  try { await browser.storage.local.set({ settings: { ...(out.before || {}), paused: true, auditDays: -1 } }); out.wrote = true; } catch (e) { out.writeErr = e.message; }
  try { out.managed = await browser.storage.managed.get(null); } catch (e) { out.managedErr = e.message; }
  await new Promise((r) => setTimeout(r, 500));
  try {
    out.check = await browser.runtime.sendMessage({ type: 'check', url: location.href, banner: false,
      profiles: [{ id: 'p', platform: 'x', handle: 'KwabenaMensahGH', name: 'Kwabena Mensah' }] });
  } catch (e) { out.checkErr = e.message; }
  document.documentElement.dataset.redteam = JSON.stringify(out);
})();`;

test('Firefox: code in a page process cannot pause the checks the policy locked on, nor wipe the audit log', async () => {
  assert.ok(!fs.existsSync(POLICIES), `${POLICIES} exists already: not overwritten`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-ff-redteam-'));
  const server = https.createServer(testCertificates(dir, ['x.com']), (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>x</title><p>a page</p>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  const extension = path.join(dir, 'extension');
  fs.cpSync(FIREFOX_EXT, extension, { recursive: true });
  fs.writeFileSync(path.join(extension, 'redteam-probe.js'), PROBE);
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'manifest.json'), 'utf8'));
  manifest.content_scripts.push({ matches: ['https://x.com/*'], js: ['redteam-probe.js'], run_at: 'document_end' });
  fs.writeFileSync(path.join(extension, 'manifest.json'), JSON.stringify(manifest));
  const policy = { sensitivity: 'suspicious', reviewerId: 'ff.reviewer', sites: { x: true } };
  fs.mkdirSync(path.dirname(POLICIES), { recursive: true });
  fs.writeFileSync(POLICIES, JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: policy } } } }));
  let browser;
  try {
    let base;
    // The event page stops after 3 s idle (30 s by default), so the test sees its next start sooner.
    ({ browser, base } = await launchFirefox({ dir, hosts: ['x.com'], extension, prefs: { 'extensions.background.idle.timeout': 3000 } }));
    const opts = await openPage(browser, `${base}/ui/options/options.html`);
    await opts.click('#load-demo');
    await opts.waitForFunction(() => /: 6 /.test(document.querySelector('#current')?.textContent || ''), { timeout: 20000 });
    // The reviewer's work: two decisions, each an audit entry.
    for (const handle of ['KwabenaMensahTV', 'KwabenaMensahGH']) {
      const r = await opts.evaluate((h) => browser.runtime.sendMessage({ type: 'decide', url: `https://x.com/${h}`,
        profile: { platform: 'x', handle: h, name: 'Kwabena Mensah' }, decision: 'confirmed', note: 'ticket FF-1',
        result: { verdict: 'impersonation', match: 'vip-002', score: 0.9 } }), handle);
      assert.ok(!r.error, r.error);
    }
    const auditCount = () => opts.evaluate(() => browser.runtime.sendMessage({ type: 'auditCount' }).then((r) => r.count));
    const before = await auditCount();
    assert.ok(before >= 2, `audit entries before: ${before}`);

    // The compromised page process.
    const page = await openPage(browser, `https://x.com:${port}/redteam`);
    await page.waitForFunction(() => document.documentElement.dataset.redteam, { timeout: 20000 });
    const seen = JSON.parse(await page.evaluate(() => document.documentElement.dataset.redteam));
    console.log('content script world:', JSON.stringify(seen));
    await page.close();

    // The event page stopped and started again (a message wakes it): its start prunes the audit log.
    await new Promise((r) => setTimeout(r, 8000));
    await auditCount(); // wakes the event page, whose start prunes the log
    await new Promise((r) => setTimeout(r, 2000));
    const after = await auditCount();
    console.log(`audit entries: ${before} before, ${after} after the event page's next start`);
    assert.deepEqual({ paused: !!seen.check?.paused, auditAfter: after }, { paused: false, auditAfter: before },
      `the policy locks X on, yet a page process paused every check (${JSON.stringify(seen.check)}) and the audit log went from ${before} to ${after} entries`);
  } finally {
    fs.rmSync(POLICIES, { force: true });
    if (browser) await browser.close().catch(() => {});
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
