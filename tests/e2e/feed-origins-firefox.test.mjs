// The team's feed across origins in Firefox (issue 26): feed-origins.test.mjs's CORS cases, as Firefox's
// event page (origin moz-extension://<uuid>) meets them. The address and key are set by policies.json
// (nobody pressed Save) and the build installed has no access to the feed's site, so the add-on's fetch
// is a cross-origin request. The feed is served over HTTPS at lists.example.org (the profile resolves it
// to 127.0.0.1 and trusts the run's throwaway authority: firefox-harness.mjs), signed at test time
// (signed-feed.mjs). What Firefox does that Chromium did not: it sends a CORS preflight (OPTIONS) before a
// request carrying If-None-Match, which a static host that only adds the CORS headers refuses.
//
// policies.json goes in the installation's distribution folder, which every Firefox on the machine reads
// while it is there: run this file under the Firefox lock (`flock /tmp/vg-firefox.lock node --test
// tests/e2e/feed-origins-firefox.test.mjs`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { FIREFOX_EXT, testCertificates, launchFirefox, openPage, noPolicies, writePolicies, closeFirefox } from './firefox-harness.mjs';
import { keyPair, payloadText, signedFile } from './signed-feed.mjs';
import { writePrivateValues, literally } from './harness.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FEED_HOST = 'lists.example.org';
const DEMO = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/firefox/demo/protected.json'), 'utf8'));
const FIVE = { accounts: DEMO.accounts.slice(0, 5) };
const KEY = keyPair();
const P = '/cors/vips.signed.json';

// The feed's CORS headers, as in feed-origins.test.mjs: 'none'; 'origin' (Access-Control-Allow-Origin: *
// alone); 'expose' (and Access-Control-Expose-Headers: ETag, Last-Modified, a preflight refused);
// 'preflight' (the same, and the preflight answered as docs/feed.md says); 'not304' (as 'preflight', its
// 304 without CORS headers).
// `feeds` maps each path served to its feed; any other path is answered 404 and not recorded.
function serve(feeds, requests) {
  return (req, res) => {
    const feed = feeds[req.url];
    const answer = (status, headers, body = '') => {
      if (feed) requests.push({ path: req.url, method: req.method, status, ifNoneMatch: req.headers['if-none-match'] || null, origin: req.headers.origin || null });
      res.writeHead(status, { 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    if (!feed) return answer(404, {});
    const cors = feed.cors === 'none' ? {}
      : { 'access-control-allow-origin': '*', ...(feed.cors === 'origin' ? {} : { 'access-control-expose-headers': 'ETag, Last-Modified' }) };
    if (req.method === 'OPTIONS') {
      if (feed.cors !== 'preflight' && feed.cors !== 'not304') return answer(405, cors);
      return answer(204, { ...cors, 'access-control-allow-methods': 'GET', 'access-control-allow-headers': 'If-None-Match, If-Modified-Since' });
    }
    if (req.headers['if-none-match'] === feed.etag) return answer(304, { ...(feed.cors === 'not304' ? {} : cors), etag: feed.etag });
    return answer(200, { 'content-type': 'application/json', etag: feed.etag, ...cors }, feed.body);
  };
}

// The worker's feed state, read from the extension's private store (IndexedDB) by an extension page.
const feedState = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const req = indexedDB.open('vipguard-private', 1);
  req.onerror = () => reject(req.error);
  req.onsuccess = () => {
    const get = req.result.transaction('values').objectStore('values').get('feedState');
    get.onsuccess = () => { req.result.close(); resolve(get.result || {}); };
    get.onerror = () => reject(get.error);
  };
}));
// The refusal of conditional requests moved a day back, as if a day had passed.
const ageRefusal = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const req = indexedDB.open('vipguard-private', 1);
  req.onerror = () => reject(req.error);
  req.onsuccess = () => {
    const tx = req.result.transaction('values', 'readwrite');
    const store = tx.objectStore('values');
    const get = store.get('feedState');
    get.onsuccess = () => {
      const s = get.result;
      store.put({ ...s, refusedConditional: { ...s.refusedConditional, at: new Date(Date.now() - 25 * 3600 * 1000).toISOString() } }, 'feedState');
    };
    tx.oncomplete = () => { req.result.close(); resolve(); };
    tx.onerror = () => reject(tx.error);
  };
}));

test('Firefox without access to the feed\'s site: no CORS, not read; the origin allowed, read whole; ETag exposed but the preflight refused, fetched once whole; the preflight answered, conditional; a 304 without CORS, fetched whole', async () => {
  noPolicies();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-ff-origins-'));
  const feed = { cors: 'none', body: signedFile(KEY, payloadText({ version: 1, list: FIVE })), etag: '"c1"' };
  const requests = [];
  const server = https.createServer(testCertificates(dir, [FEED_HOST]), serve({ [P]: feed }, requests));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://${FEED_HOST}:${server.address().port}`;
  writePolicies({ feedUrl: `${origin}${P}`, feedPublicKey: KEY.publicKey });
  let ff;
  try {
    // The request recorder: the add-on may request the feed's address (and its preflights) and nothing else.
    ff = await launchFirefox({ dir, hosts: [FEED_HOST], extension: FIREFOX_EXT, expectedRequests: [new RegExp(`^${literally(`${origin}${P}`)}$`)] });
    const { browser, base } = ff;
    const opts = await openPage(browser, `${base}/ui/options/options.html`);
    assert.equal(await opts.evaluate((o) => browser.permissions.contains({ origins: [`${o}/*`] }), origin), false, 'no access to the feed\'s site');
    const text = (sel) => opts.$eval(sel, (e) => e.textContent);
    const since = (n) => requests.slice(n).map((r) => [r.method, r.status, r.ifNoneMatch]);
    // A check from the page's button: done when the worker has recorded a new attempt and the panel
    // shows that attempt (feed-panel.js notes it on #feed-status); a check that records none fails.
    const checkNow = async () => {
      const before = (await feedState(opts)).lastAttempt || '';
      await opts.click('#feed-check');
      await opts.waitForFunction((b) => {
        const s = document.querySelector('#feed-status');
        return s.dataset.attempt && s.dataset.attempt !== b && !/Checking the feed/.test(s.textContent);
      }, { timeout: 20000 }, before).catch(() => assert.fail(`no new attempt shown after ${before || 'none'}`));
      const after = (await feedState(opts)).lastAttempt;
      assert.notEqual(after, before, 'the check recorded an attempt');
      assert.equal(await opts.$eval('#feed-status', (s) => s.dataset.attempt), after, 'the panel shows the recorded attempt');
    };

    // No CORS headers: the install's attempt reaches the server from the add-on's origin, Firefox keeps the
    // answer from it, nothing is applied, and the options page says vipguard may not reach the site.
    await opts.waitForFunction(() => /may not reach/.test(document.querySelector('#feed-error')?.textContent || ''), { timeout: 20000 });
    assert.match(await text('#feed-error'), new RegExp(`vipguard may not reach ${origin.replace(/[.]/g, '\\.')} yet`));
    assert.equal((await feedState(opts)).error?.code, 'noAccess');
    assert.ok(requests.some((r) => r.method === 'GET' && /^moz-extension:\/\//.test(r.origin)), JSON.stringify(requests));

    // Access-Control-Allow-Origin alone: applied; the ETag hidden, so fetched whole, once a check.
    feed.cors = 'origin';
    await checkNow();
    assert.match(await text('#feed-status'), /In use from the feed: Team VIPs v1, 5 accounts/);
    assert.equal(await text('#feed-error'), '');
    assert.equal((await feedState(opts)).etag, '', 'the ETag is not exposed');
    let n = requests.length;
    await checkNow();
    assert.deepEqual(since(n), [['GET', 200, null]]);
    assert.match(await text('#feed-status'), /the whole list is downloaded at each check/);

    // The ETag exposed, the preflight refused (405): the ETag is read, but Firefox preflights the
    // conditional request, the server refuses it, and the feed is fetched whole; the refusal remembered,
    // the next check is one plain request.
    feed.cors = 'expose';
    await checkNow();
    assert.equal((await feedState(opts)).etag, '"c1"', 'the exposed ETag is readable');
    n = requests.length;
    await checkNow();
    assert.deepEqual(since(n), [['OPTIONS', 405, null], ['GET', 200, null]], 'a preflight for If-None-Match, refused, then the feed whole');
    assert.equal(await text('#feed-error'), '');
    assert.match(await text('#feed-status'), /Team VIPs v1, 5 accounts.*the whole list is downloaded at each check/);
    n = requests.length;
    await checkNow();
    assert.deepEqual(since(n), [['GET', 200, null]], 'the refusal remembered: one request');

    // The server fixed (the preflight answered); a day later the conditional request is tried again:
    // preflight, then If-None-Match answered 304, the list kept.
    feed.cors = 'preflight';
    await ageRefusal(opts);
    n = requests.length;
    await checkNow();
    assert.deepEqual(since(n), [['OPTIONS', 204, null], ['GET', 304, '"c1"']]);
    assert.equal((await feedState(opts)).outcome, 'unchanged');
    assert.doesNotMatch(await text('#feed-status'), /downloaded at each check/);

    // A 304 without the CORS headers: refused by Firefox, fetched again whole; then one request.
    feed.cors = 'not304';
    n = requests.length;
    await checkNow();
    assert.deepEqual(since(n), [['OPTIONS', 204, null], ['GET', 304, '"c1"'], ['GET', 200, null]]);
    assert.equal(await text('#feed-error'), '');
    assert.match(await text('#feed-status'), /Team VIPs v1, 5 accounts.*the whole list is downloaded at each check/);
    n = requests.length;
    await checkNow();
    assert.deepEqual(since(n), [['GET', 200, null]]);

    // And a new version is still applied through CORS.
    Object.assign(feed, { body: signedFile(KEY, payloadText({ version: 2, list: DEMO })), etag: '"c2"' });
    await checkNow();
    assert.match(await text('#feed-status'), /Team VIPs v2, 6 accounts/);
  } finally {
    await closeFirefox(ff, { dir, server });
  }
});

// The private store written from an extension page, as the options page's Save writes it.
const setPrivate = (page, values) => page.evaluate(writePrivateValues, values);

// feed-origins.test.mjs's "a refused conditional request is forgotten …", as Firefox meets it: its
// conditional requests are preflighted, so each one is OPTIONS then GET. No policy: the address and key
// are the reviewer's, written to the store as the options page's Save writes them.
test('Firefox: a refused conditional request is forgotten when the feed\'s address or key changes', async () => {
  noPolicies('a policy would lock the feed\'s address');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-ff-forget-'));
  const [A, B] = ['/refused-a/vips.signed.json', '/refused-b/vips.signed.json'];
  const KEY2 = keyPair();
  const feeds = {};
  const put = (p, key, etag) => { feeds[p] = { body: signedFile(key, payloadText({ version: 1, list: FIVE })), etag, cors: 'preflight' }; };
  const requests = [];
  const server = https.createServer(testCertificates(dir, [FEED_HOST]), serve(feeds, requests));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://${FEED_HOST}:${server.address().port}`;
  let ff;
  try {
    // The request recorder: the add-on may request the two feed addresses the test sets and nothing else.
    ff = await launchFirefox({ dir, hosts: [FEED_HOST], extension: FIREFOX_EXT, expectedRequests: [A, B].map((p) => new RegExp(`^${literally(`${origin}${p}`)}$`)) });
    const { browser, base } = ff;
    const opts = await openPage(browser, `${base}/ui/options/options.html`);
    const asked = (n, p) => requests.slice(n).filter((r) => r.path === p).map((r) => [r.method, r.status, r.ifNoneMatch]);
    // The options page's "Check now" message, answered once the attempt is over.
    const check = () => opts.evaluate(() => browser.runtime.sendMessage({ type: 'feedRefresh' }));
    const use = async (p, key, etag) => {
      await setPrivate(opts, { feedConfig: { url: `${origin}${p}`, publicKey: key.publicKey } });
      let n = requests.length;
      await check();
      assert.deepEqual(asked(n, p), [['GET', 200, null]], `${p}: fetched whole, nothing remembered for this address and key`);
      n = requests.length;
      await check();
      assert.deepEqual(asked(n, p), [['OPTIONS', 204, null], ['GET', 304, etag]], `${p}: asked conditionally, after a preflight`);
    };
    // A's 304 sent without CORS headers, refused by Firefox: fetched whole, then the refusal remembered.
    const refuse = async (key, etag) => {
      feeds[A].cors = 'not304';
      let n = requests.length;
      await check();
      assert.deepEqual(asked(n, A), [['OPTIONS', 204, null], ['GET', 304, etag], ['GET', 200, null]], 'the 304 refused, then fetched whole');
      assert.equal((await feedState(opts)).refusedConditional?.key, `${key.keyId} ${origin}${A}`);
      n = requests.length;
      await check();
      assert.deepEqual(asked(n, A), [['GET', 200, null]], 'the refusal remembered: one request, whole');
    };
    put(A, KEY, '"ra1"');
    await use(A, KEY, '"ra1"');
    await refuse(KEY, '"ra1"');
    // Another address: A's refusal does not hold there.
    put(B, KEY, '"rb1"');
    await use(B, KEY, '"rb1"');
    // Back to A, refused again; then A with another key: the refusal does not hold for it.
    feeds[A].cors = 'preflight';
    await use(A, KEY, '"ra1"');
    await refuse(KEY, '"ra1"');
    put(A, KEY2, '"ra1-k2"');
    await use(A, KEY2, '"ra1-k2"');
  } finally {
    await closeFirefox(ff, { dir, server, policies: false });
  }
});
