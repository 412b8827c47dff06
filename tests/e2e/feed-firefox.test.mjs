// The team's signed list feed in Firefox (issue 26): the feed address and key set the way a Firefox
// administrator sets them, policies.json's `3rdparty.Extensions.<add-on id>` (docs/feed.md), and the feed
// fetched by the add-on itself over HTTPS from a real host name (lists.example.org, pointed at 127.0.0.1 by
// the profile), its certificate signed by the throwaway authority the test profile trusts
// (firefox-harness.mjs). The signed files are the committed TEST-ONLY fixtures (tests/fixtures/feed,
// made by scripts/feed-fixtures.sh). The build installed has the feed's site in its host permissions,
// as docs/feed.md tells an administrator whose reviewers never press Save.
//
// policies.json goes in the installation's distribution folder, which every Firefox on the machine reads
// while it is there: run this file under the Firefox lock (`flock /tmp/vg-firefox.lock node --test
// tests/e2e/feed-firefox.test.mjs`), as make test runs the end-to-end files one at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { FIREFOX_EXT, testCertificates, launchFirefox, openPage, noPolicies, writePolicies, closeFirefox } from './firefox-harness.mjs';
import { literally } from './harness.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/feed');
const fixture = (name) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const FEED_HOST = 'lists.example.org';
// The key id of TEST-ONLY.pub, which the options page names when a signature does not match it.
const KEY_ID = JSON.parse(fixture('signed-v1.json')).key_id;

// Two pasted profiles: a lookalike of an account in both versions, and of one that version 2 adds.
const PASTED = 'https://x.com/AmaraFixture0bi Amara Fixture-Obi\nhttps://x.com/ZainabSampIe Zainab Sample';

// What the signed fixtures that must not be applied serve, and what the options page must say.
const REFUSED = [
  { file: 'tampered-v3.json', what: 'a payload changed after signing', says: new RegExp(`signature does not match the team's public key \\(key id ${KEY_ID}\\)`) },
  { file: 'other-key-v3.json', what: 'a signature by another key', says: new RegExp(`signature does not match the team's public key \\(key id ${KEY_ID}\\)`) },
  { file: 'signed-v1.json', what: 'a lower version', says: /offers version 1, lower than version 2 it has already served: refused/ },
];

test('Firefox: the feed set by policies.json is fetched over HTTPS and applied; a bad signature or a lower version keeps the last good list', async () => {
  noPolicies();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-ff-feed-'));
  // The feed: answers what `feed.now` serves; counts the requests.
  const feed = { now: fixture('signed-v1.json'), requests: 0 };
  const server = https.createServer(testCertificates(dir, [FEED_HOST]), (req, res) => {
    feed.requests++;
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(feed.now);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const feedUrl = `https://${FEED_HOST}:${server.address().port}/team/vips.signed.json`;
  // The build with the feed's site in its host permissions (Firefox grants those at install).
  const extension = path.join(dir, 'extension');
  fs.cpSync(FIREFOX_EXT, extension, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'manifest.json'), 'utf8'));
  manifest.host_permissions.push(`https://${FEED_HOST}/*`);
  fs.writeFileSync(path.join(extension, 'manifest.json'), JSON.stringify(manifest));
  const policy = { feedUrl, feedPublicKey: fixture('TEST-ONLY.pub').trim() };
  writePolicies(policy);
  let ff;
  try {
    // The request recorder: the add-on may request the feed's address and nothing else.
    ff = await launchFirefox({ dir, hosts: [FEED_HOST], extension, expectedRequests: [new RegExp(`^${literally(feedUrl)}$`)] });
    const { browser, base } = ff;
    // Nobody pressed anything: the install fetched the policy's feed.
    const opts = await openPage(browser, `${base}/ui/options/options.html`);
    const shows = (sel, re) => opts.waitForFunction((s, r) => new RegExp(r).test(document.querySelector(s)?.textContent || ''), { timeout: 20000 }, sel, re.source);
    await shows('#feed-status', /In use from the feed: Fixture team list v1, 3 accounts/);
    await shows('#list-source', /From: Fixture team list v1 · 3 accounts/);
    assert.equal(await opts.$eval('#feed-error', (e) => e.textContent), '');
    assert.deepEqual(await opts.evaluate(() => [document.getElementById('feed-url').disabled, document.getElementById('feed-key').disabled]), [true, true]);

    // The pasted profiles checked on the bulk page: each verdict, and the list they were checked against.
    const bulkCheck = async () => {
      const page = await openPage(browser, `${base}/ui/bulk/bulk.html`);
      await page.$eval('#paste', (t, v) => { t.value = v; t.dispatchEvent(new Event('input')); }, PASTED);
      await page.click('#run');
      await page.waitForFunction(() => /^2 checked/.test(document.querySelector('#summary')?.textContent || ''), { timeout: 20000 });
      await page.waitForFunction(() => /\S/.test(document.querySelector('#list-source')?.textContent || ''), { timeout: 10000 });
      const out = await page.evaluate(() => ({ summary: document.querySelector('#summary').textContent, list: document.querySelector('#list-source').textContent }));
      await page.close();
      return out;
    };
    let checked = await bulkCheck();
    assert.equal(checked.summary, '2 checked: 1 impersonation, 1 no match.');
    assert.match(checked.list, /^Checked against: Fixture team list v1 · 3 accounts · /);

    // "Check now": the worker fetches the feed again; the page draws the outcome.
    const checkNow = async () => {
      const before = feed.requests;
      await opts.click('#feed-check');
      await opts.waitForFunction(() => !/Checking the feed/.test(document.querySelector('#feed-status').textContent), { timeout: 20000 });
      assert.ok(feed.requests > before, 'the feed was fetched');
    };
    // Version 2 (a fourth account) applied to the running add-on.
    feed.now = fixture('signed-v2.json');
    await checkNow();
    await shows('#feed-status', /In use from the feed: Fixture team list v2, 4 accounts/);
    assert.equal(await opts.$eval('#feed-error', (e) => e.textContent), '');
    checked = await bulkCheck();
    assert.equal(checked.summary, '2 checked: 2 impersonation.');
    assert.match(checked.list, /^Checked against: Fixture team list v2 · 4 accounts · /);

    for (const r of REFUSED) {
      feed.now = fixture(r.file);
      await checkNow();
      const said = await opts.$eval('#feed-error', (e) => e.textContent);
      assert.match(said, r.says, r.what);
      assert.match(said, /The last good list stays in use\./, r.what);
      assert.match(await opts.$eval('#feed-status', (e) => e.textContent), /Fixture team list v2, 4 accounts/, r.what);
      checked = await bulkCheck();
      assert.equal(checked.summary, '2 checked: 2 impersonation.', r.what);
      assert.match(checked.list, /^Checked against: Fixture team list v2 · 4 accounts · /, r.what);
    }
  } finally {
    await closeFirefox(ff, { dir, server });
  }
});
