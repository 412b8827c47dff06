// The organisation's policy in Firefox (issue 26): Firefox gives an add-on its managed storage from
// policies.json, `3rdparty.Extensions.<add-on id>` (docs/feed.md), which this test writes into the
// installation's distribution folder (the one place every Firefox build reads) and removes in a finally.
// Every Firefox on the machine reads it while it is there: run this file under the Firefox lock
// (`flock /tmp/vg-firefox.lock node --test tests/e2e/policy-firefox.test.mjs`), as make test runs the
// end-to-end files one at a time. The feed itself is not served here (feed.test.mjs does that in
// Chromium): the policy's address answers nothing, and the options page says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import puppeteer from 'puppeteer-core';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXT = path.join(ROOT, 'dist/firefox');
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const GECKO_ID = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/platform/firefox/manifest.json'), 'utf8'))
  .browser_specific_settings.gecko.id;
const POLICIES = path.join(path.dirname(fs.realpathSync(FIREFOX)), 'distribution', 'policies.json');
const UUID = randomUUID();
const BASE = `moz-extension://${UUID}`;

test('Firefox: policies.json 3rdparty settings reach the add-on\'s managed storage and are locked in the options page', async () => {
  assert.ok(!fs.existsSync(POLICIES), `${POLICIES} exists already: not overwritten`);
  const policy = { feedUrl: 'https://127.0.0.1:9/vips.signed.json', feedPublicKey: 'MCowBQYDK2VwAyEAn3M0RZbT0h0k1b4p2vJX2fd7i2A=', sensitivity: 'impersonation',
    reviewerId: 'team.reviewer.ff', sites: { youtube: false } };
  fs.mkdirSync(path.dirname(POLICIES), { recursive: true });
  fs.writeFileSync(POLICIES, JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: policy } } } }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-ff-policy-'));
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: dir, args: ['--remote-allow-system-access'],
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }) },
    });
    await browser.installExtension(EXT);
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
    // The policy's feed is fetched (nothing answers there): the options page says why, and no list is used.
    await page.waitForFunction(() => /could not be reached|may not reach/.test(document.getElementById('feed-error').textContent), { timeout: 30000 });
  } finally {
    fs.rmSync(POLICIES, { force: true });
    if (browser) await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
