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
import { FIREFOX, FIREFOX_EXT as EXT, GECKO_ID, launchFirefox } from './firefox-harness.mjs';
import { literally } from './harness.mjs';

const POLICIES = path.join(path.dirname(fs.realpathSync(FIREFOX)), 'distribution', 'policies.json');
const GENERIC_SITE = 'people.example.org';

test('Firefox: policies.json 3rdparty settings reach the add-on\'s managed storage and are locked in the options page', async () => {
  assert.ok(!fs.existsSync(POLICIES), `${POLICIES} exists already: not overwritten`);
  const policy = { feedUrl: 'https://127.0.0.1:9/vips.signed.json', feedPublicKey: 'MCowBQYDK2VwAyEAn3M0RZbT0h0k1b4p2vJX2fd7i2A=', sensitivity: 'impersonation',
    reviewerId: 'team.reviewer.ff', sites: { youtube: false, mastodon: false, otherSites: false } };
  fs.mkdirSync(path.dirname(POLICIES), { recursive: true });
  fs.writeFileSync(POLICIES, JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: policy } } } }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-ff-policy-'));
  const extension = path.join(dir, 'extension');
  fs.cpSync(EXT, extension, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'manifest.json'), 'utf8'));
  manifest.host_permissions.push('https://*/*');
  fs.writeFileSync(path.join(extension, 'manifest.json'), JSON.stringify(manifest));
  let ff;
  try {
    // The request recorder: the add-on may request the policy's feed address and nothing else.
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
    // The reviewer's own Mastodon and a generic site, written behind the page's back: no script registered
    // for either, and the options page shows both off and locked, with nothing to add another site.
    assert.equal(await page.evaluate(() => browser.permissions.contains({ origins: ['https://*/*'] })), true, 'the build has access to all sites');
    await page.evaluate((host) => browser.storage.local.set({ settings: { sites: { mastodon: true, generic: { [host]: true } } } }), GENERIC_SITE);
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
    fs.rmSync(POLICIES, { force: true });
    try {
      if (ff) await ff.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});
