// The organisation's policy in Firefox (issue 26): Firefox gives an add-on its managed storage from
// policies.json, `3rdparty.Extensions.<add-on id>` (docs/feed.md), which this test writes into the
// installation's distribution folder (the one place every Firefox build reads) and removes in a finally.
// Every Firefox on the machine reads it while it is there: run this file under the Firefox lock
// (`flock /tmp/vg-firefox.lock node --test tests/e2e/policy-firefox.test.mjs`), as make test runs the
// end-to-end files one at a time. The feed itself is not served here (feed.test.mjs does that in
// Chromium): the policy's address answers nothing, and the options page says so. The build installed is
// dist/firefox with access to all sites (Firefox grants a manifest's host permissions at install), as a
// reviewer who switched Mastodon on has: the policy's `mastodon: false` and `otherSites: false` must keep the
// reviewer's Mastodon and generic site off all the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { FIREFOX_EXT as EXT, launchFirefox, openPage, testCertificates, noPolicies, writePolicies, closeFirefox } from './firefox-harness.mjs';
import { literally, writePrivateValues } from './harness.mjs';

const GENERIC_SITE = 'people.example.org';

test('Firefox: policies.json 3rdparty settings reach the add-on\'s managed storage and are locked in the options page', async () => {
  noPolicies();
  const policy = { feedUrl: 'https://127.0.0.1:9/vips.signed.json', feedPublicKey: 'MCowBQYDK2VwAyEAn3M0RZbT0h0k1b4p2vJX2fd7i2A=', sensitivity: 'impersonation',
    reviewerId: 'team.reviewer.ff', sites: { youtube: false, mastodon: false, otherSites: false } };
  writePolicies(policy);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-ff-policy-'));
  const extension = path.join(dir, 'extension');
  fs.cpSync(EXT, extension, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'manifest.json'), 'utf8'));
  manifest.host_permissions.push('https://*/*');
  fs.writeFileSync(path.join(extension, 'manifest.json'), JSON.stringify(manifest));
  let ff;
  try {
    // The request recorder: the add-on may request the policy's feed address and nothing else.
    const started = Date.now();
    ff = await launchFirefox({ dir, extension, expectedRequests: [new RegExp(`^${literally(policy.feedUrl)}$`)] });
    const { browser, base: BASE } = ff;
    const page = await browser.newPage();
    await page.goto(`${BASE}/ui/options/options.html`, { timeout: 3000 }).catch(() => {});
    await page.waitForFunction(() => location.protocol === 'moz-extension:' && document.readyState === 'complete', { timeout: 15000 });
    assert.deepEqual(await page.evaluate(() => browser.storage.managed.get(null)), policy);
    await page.waitForFunction(() => document.getElementById('reviewer-id').disabled, { timeout: 15000 });
    const state = await page.evaluate(() => Object.fromEntries(['feed-url', 'feed-key', 'sensitivity', 'reviewer-id', 'site-youtube', 'site-x']
      .map((id) => [id, { value: document.getElementById(id).value, checked: document.getElementById(id).checked, disabled: document.getElementById(id).disabled }])));
    assert.deepEqual(Object.fromEntries(Object.entries(state).map(([k, v]) => [k, v.disabled])),
      { 'feed-url': true, 'feed-key': true, sensitivity: true, 'reviewer-id': true, 'site-youtube': true, 'site-x': false });
    assert.equal(state['feed-url'].value, policy.feedUrl);
    assert.equal(state.sensitivity.value, 'impersonation');
    assert.equal(state['reviewer-id'].value, 'team.reviewer.ff');
    assert.equal(state['site-youtube'].checked, false);
    assert.ok(await page.evaluate(() => !document.getElementById('policy-note').hidden));
    // Firefox reads policies.json only when it starts, and tells an add-on of no change (docs/feed.md, "A
    // policy that changes in Firefox"): the page says so, and since when, at least, this policy is in use
    // (the time the worker recorded at its start, this Firefox's start).
    const read = await page.evaluate(async () => {
      const at = (await browser.storage.session.get('policyReadAt')).policyReadAt;
      const el = document.getElementById('policy-read');
      return { hidden: el.hidden, text: el.textContent, at, when: vipguardI18n.when(at) };
    });
    assert.equal(read.hidden, false, 'the page says when the policy was read');
    assert.match(read.text, /^Firefox reads your organisation's policy only when it starts: .* in use at least since .+\. A change your administrator makes applies once Firefox is restarted\.$/);
    assert.ok(Number.isFinite(read.at) && read.at >= started && read.at <= Date.now(), `read at ${read.at}, Firefox started at ${started}`);
    assert.ok(read.text.includes(`in use at least since ${read.when}.`), read.text);
    // The reviewer's own Mastodon and a generic site, written behind the page's back: no script registered
    // for either, and the options page shows both off and locked, with nothing to add another site.
    assert.equal(await page.evaluate(() => browser.permissions.contains({ origins: ['https://*/*'] })), true, 'the build has access to all sites');
    await page.evaluate(writePrivateValues, { settings: { sites: { mastodon: true, generic: { [GENERIC_SITE]: true } } } });
    // Drawn again (a navigation to an add-on page never settles for puppeteer here: see the first one).
    await page.evaluate(() => { document.body.dataset.stale = 'true'; });
    await page.goto(`${BASE}/ui/options/options.html`, { timeout: 3000 }).catch(() => {});
    await page.waitForFunction(() => !document.body.dataset.stale && document.body.dataset.ready !== undefined
      && document.getElementById('site-mastodon').disabled, { timeout: 15000 });
    const scripts = await page.evaluate(() => browser.scripting.getRegisteredContentScripts());
    assert.deepEqual(scripts.map((c) => c.id).filter((id) => id === 'mastodon' || id.startsWith('generic:')), []);
    const sites = await page.evaluate((host) => {
      const noted = (el) => !!(el.closest('label') || el).nextElementSibling?.matches('.locked');
      const generic = [...document.querySelectorAll('#generic-sites label')].find((l) => l.textContent.trim() === host)?.querySelector('input');
      const mastodon = document.getElementById('site-mastodon');
      const field = document.getElementById('generic-host');
      return { mastodon: [mastodon.checked, mastodon.disabled, noted(mastodon)], generic: generic && [generic.checked, generic.disabled],
        field: [field.disabled, noted(field)], add: document.getElementById('generic-add').disabled };
    }, GENERIC_SITE);
    assert.deepEqual(sites, { mastodon: [false, true, true], generic: [false, true], field: [true, true], add: true });
    // The policy's feed is fetched (nothing answers there): the options page says why, and no list is used.
    await page.waitForFunction(() => /could not be reached|may not reach/.test(document.getElementById('feed-error').textContent), { timeout: 30000 });
  } finally {
    await closeFirefox(ff, { dir });
  }
});

// Firefox lets a content script, and so code in a compromised page process, write chrome.storage.local
// (it has setAccessLevel for session storage only). Issue 26's red team wrote `{paused: true, auditDays: -1}`
// there: every check was answered "paused", although the policy locks X on, and the event page's next start
// emptied the audit log. The settings that decide what is checked and kept now live in the private store
// (shared/settings.js), which a page's origin cannot open: what a page writes in chrome.storage.local is
// ignored, and `auditDays` is one of the options page's choices wherever it is read. The reviewer's own
// Pause leaves the sites the policy switched on checked (shared/policy.js, pausedOn), and the options page
// says so. And what a content script still reads in Firefox: the policy itself (no setAccessLevel for
// managed storage), a residual docs/security.md states; if Firefox ever closes it, this test says so.
// The stand-in for the compromised process is one more content script in a copy of the build (it has
// exactly the APIs the add-on's own content scripts have), on a page of x.com. It also writes the
// `settingsWritten` marker as saveSettings does, saying "paused" (issue 32's review: the worker took the
// marker's word, and every tab dropped its annotations), and notes every "paused" the worker tells its tab.
// The same script on a page of GitHub, a site the policy leaves to the reviewer, only asks for a check
// there when told: X alone could not show the worker reading the page's settings, since the policy keeps
// X checked even when paused.
const PROBE = `(async () => {
  if (location.pathname.startsWith('/ask')) {
    document.addEventListener('vipguard-probe-ask', async () => {
      const r = await browser.runtime.sendMessage({ type: 'check', url: location.href, banner: false,
        profiles: [{ id: 'p', platform: 'github', handle: 'KwabenaMensah', name: 'Kwabena Mensah' }] }).catch((e) => ({ error: e.message }));
      document.documentElement.dataset.asked = JSON.stringify(r);
    });
    document.documentElement.dataset.ready = 'true';
    return;
  }
  if (!location.pathname.startsWith('/probe')) return;
  const told = [];
  browser.runtime.onMessage.addListener((m) => {
    if (m && m.type === 'vipguard-paused') told.push(m.paused);
    document.documentElement.dataset.told = JSON.stringify(told);
  });
  const out = {};
  try { out.before = (await browser.storage.local.get('settings')).settings || null; } catch (e) { out.readErr = e.message; }
  try {
    await browser.storage.local.set({ settings: { ...(out.before || {}), paused: true, auditDays: -1, sensitivity: 'impersonation', sites: { x: false, github: false } } });
    await browser.storage.local.set({ settingsWritten: { at: Date.now(), paused: true } });
    out.wrote = true;
  } catch (e) { out.writeErr = e.message; }
  try { out.managed = await browser.storage.managed.get(null); } catch (e) { out.managedErr = e.message; }
  await new Promise((r) => setTimeout(r, 500));
  const ask = (handle) => browser.runtime.sendMessage({ type: 'check', url: location.href, banner: false,
    profiles: [{ id: 'p', platform: 'x', handle, name: 'Kwabena Mensah' }] }).catch((e) => ({ error: e.message }));
  out.check = await ask('KwabenaMensahGH');
  document.documentElement.dataset.probe = JSON.stringify(out);
  // Asked again by the test once the reviewer has paused.
  document.addEventListener('vipguard-probe-again', async () => {
    document.documentElement.dataset.again = JSON.stringify(await ask('KwabenaMensah_GH'));
  });
})();`;

test('Firefox: what a page process writes in chrome.storage.local pauses nothing and prunes nothing; Pause leaves the policy\'s sites checked', async () => {
  noPolicies();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-ff-probe-'));
  const server = https.createServer(testCertificates(dir, ['x.com', 'github.com']), (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>x</title><p>a page</p>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  const extension = path.join(dir, 'extension');
  fs.cpSync(EXT, extension, { recursive: true });
  fs.writeFileSync(path.join(extension, 'probe.js'), PROBE);
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'manifest.json'), 'utf8'));
  manifest.content_scripts.push({ matches: ['https://x.com/*', 'https://github.com/*'], js: ['probe.js'], run_at: 'document_end' });
  fs.writeFileSync(path.join(extension, 'manifest.json'), JSON.stringify(manifest));
  const policy = { sensitivity: 'suspicious', reviewerId: 'ff.reviewer', sites: { x: true } };
  writePolicies(policy);
  let ff;
  try {
    // The event page stops after 3 s idle (30 s by default), so the test sees its next start sooner.
    ff = await launchFirefox({ dir, hosts: ['x.com', 'github.com'], extension, prefs: { 'extensions.background.idle.timeout': 3000 } });
    const { browser, base } = ff;
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
    // When the event page started (its window's time origin), to see it start again below.
    const started = () => opts.evaluate(async () => (await browser.runtime.getBackgroundPage()).performance.timeOrigin);
    const firstStart = await started();
    // A check on GitHub, which the policy leaves to the reviewer (who has not paused).
    const github = await openPage(browser, `https://github.com:${port}/ask`);
    await github.waitForFunction(() => document.documentElement.dataset.ready, { timeout: 20000 });
    const askGithub = async () => {
      await github.evaluate(() => { delete document.documentElement.dataset.asked; document.dispatchEvent(new Event('vipguard-probe-ask')); });
      await github.waitForFunction(() => document.documentElement.dataset.asked, { timeout: 20000 });
      return JSON.parse(await github.evaluate(() => document.documentElement.dataset.asked));
    };

    // The compromised page process.
    const page = await openPage(browser, `https://x.com:${port}/probe`);
    await page.waitForFunction(() => document.documentElement.dataset.probe, { timeout: 20000 });
    const seen = JSON.parse(await page.evaluate(() => document.documentElement.dataset.probe));
    console.log('content script world:', JSON.stringify(seen));
    assert.equal(seen.wrote, true, 'Firefox lets a content script write chrome.storage.local');
    assert.equal(seen.check.paused, undefined, `the check was answered ${JSON.stringify(seen.check)}`);
    assert.equal(seen.check.results.length, 1);
    // The residual: Firefox shows the policy to content scripts (docs/security.md).
    assert.deepEqual(seen.managed, policy, 'Firefox no longer shows the policy to content scripts: say so in docs/security.md');
    // GitHub, left to the reviewer: not paused by what the page wrote (its settings say paused, GitHub off).
    const asked = await askGithub();
    assert.equal(asked.paused, undefined, `GitHub's check was answered ${JSON.stringify(asked)}`);
    assert.equal(asked.results?.length, 1, JSON.stringify(asked));

    // The event page stopped and started again (a message wakes it): its start prunes the audit log with
    // the retention in effect, not the page's -1.
    await new Promise((r) => setTimeout(r, 8000));
    await auditCount();
    await new Promise((r) => setTimeout(r, 2000));
    // (The probe's own check adds entries: none of the reviewer's are gone.)
    const after = await auditCount();
    assert.ok(after >= before, `the audit log went from ${before} entries to ${after}`);
    // It did start again (a new window: the idle stop unloads the event page), not only wait.
    const secondStart = await started();
    assert.ok(secondStart > firstStart, `the event page started at ${firstStart}, then at ${secondStart}`);
    // Started again, it still does not take the page's settings; and the page's "paused" marker, handled
    // before the event page stopped, told the tabs nothing (it said "paused" to every tab before).
    const askedAgain = await askGithub();
    assert.equal(askedAgain.paused, undefined, `GitHub's check after the restart was answered ${JSON.stringify(askedAgain)}`);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.told ?? null), null, 'no tab told "paused"');
    // Nor does the options page show what the page wrote.
    await opts.evaluate(() => { document.body.dataset.stale = 'true'; });
    await opts.goto(`${base}/ui/options/options.html`, { timeout: 3000 }).catch(() => {});
    await opts.waitForFunction(() => !document.body.dataset.stale && document.body.dataset.ready !== undefined, { timeout: 15000 });
    assert.deepEqual(await opts.evaluate(() => [document.getElementById('paused').checked, document.getElementById('audit-days').value,
      document.getElementById('sensitivity').value]), [false, '90', 'suspicious']);

    // The reviewer pauses: X, which the policy switched on, is still checked, and the options page says so.
    assert.match(await opts.evaluate(() => document.getElementById('paused-policy').textContent),
      /Sites your organisation switched on stay checked even when paused: X\./);
    await opts.click('#paused');
    await opts.waitForFunction(() => document.getElementById('paused').checked);
    await new Promise((r) => setTimeout(r, 500));
    await page.evaluate(() => document.dispatchEvent(new Event('vipguard-probe-again')));
    await page.waitForFunction(() => document.documentElement.dataset.again, { timeout: 20000 });
    const again = JSON.parse(await page.evaluate(() => document.documentElement.dataset.again));
    assert.equal(again.paused, undefined, `paused by the reviewer, the policy's X: ${JSON.stringify(again)}`);
    assert.equal(again.results.length, 1);
    // GitHub is paused, and the tabs were told: the page's marker put nothing out of step.
    assert.equal((await askGithub()).paused, true, 'GitHub paused by the reviewer');
    await page.waitForFunction(() => JSON.parse(document.documentElement.dataset.told || '[]').includes(true), { timeout: 20000 });
    await github.close();
    await page.close();
  } finally {
    await closeFirefox(ff, { dir, server });
  }
});
