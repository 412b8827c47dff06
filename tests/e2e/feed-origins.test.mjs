// The team's feed across origins and addresses (issue 26), end to end in Chromium, the feed served over
// HTTPS on 127.0.0.1 (its certificate from a throwaway authority the test browser alone trusts: tls.mjs):
// - without access to the feed's site (an administrator's policy sets the address, nobody presses Save,
//   the build's host permissions do not name it), the worker's fetch is a cross-origin request: a server
//   sending no CORS headers is not read at all; one that allows the origin and exposes ETag is read, and
//   asked conditionally (Chromium sent no preflight for If-None-Match here); one whose 304 lacks the CORS
//   headers has its conditional request refused by the browser, so the feed is fetched whole each time,
//   and the options page says so;
// - with access (the build names the site), no CORS header is needed: ETag is readable and the request is
//   conditional, with no preflight (the last test);
// - versions are remembered per address and key: a new address or key starts afresh, the same address
//   never goes back, even after a switch to another feed and back.
// docs/feed.md, "Serving the feed", says what a server sends; this file is the test it names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, privateValues, setPrivateValues, until, screenshot, literally, ROOT } from './harness.mjs';
import { keyPair, payloadText, signedFile } from './signed-feed.mjs';
import { httpsServer, extensionCopy } from './feed-server.mjs';

const DEMO = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/chrome/demo/protected.json'), 'utf8'));
const FIVE = { accounts: DEMO.accounts.slice(0, 5) };
const KEY = keyPair();

// The feed server: per path, what it serves ({body, etag}) and which CORS headers it sends:
// 'none'; 'origin' (Access-Control-Allow-Origin: * alone); 'expose' (Access-Control-Allow-Origin: * and Access-Control-Expose-Headers: ETag, Last-Modified on
// every answer, and a preflight refused, as a static host that only adds those headers does); 'not304'
// (the same, but its 304 sent without them, as some caches do). Every request is recorded.
const feeds = {};
const requests = [];
let server;
let ORIGIN;
before(async () => {
  ({ server, origin: ORIGIN } = await httpsServer((req, res) => {
    const feed = feeds[req.url] || { status: 404, body: '' };
    const cors = feed.cors === 'none' || !feed.cors ? {}
      : { 'access-control-allow-origin': '*', ...(feed.cors === 'origin' ? {} : { 'access-control-expose-headers': 'ETag, Last-Modified' }) };
    const cors304 = feed.cors === 'not304' ? {} : cors;
    const answer = (status, headers, body = '') => {
      requests.push({ path: req.url, method: req.method, status, ifNoneMatch: req.headers['if-none-match'] || null, origin: req.headers.origin || null });
      res.writeHead(status, headers);
      res.end(body);
    };
    if (req.method === 'OPTIONS') return answer(405, cors);
    if (feed.etag && req.headers['if-none-match'] === feed.etag) return answer(304, { ...cors304, etag: feed.etag });
    return answer(feed.status || 200, { 'content-type': 'application/json', ...cors, ...(feed.etag ? { etag: feed.etag } : {}) }, feed.body);
  }));
});
after(() => server && server.close());

// What the extension may fetch besides what pages show: the feed server's addresses (this file's feeds
// live at several paths on it), not another port or host.
const feedRequests = () => [new RegExp(`^${literally(ORIGIN)}/`)];
const optionsUrl = (h) => `chrome-extension://${h.extensionId}/ui/options/options.html`;
const feedState = async (h) => (await privateValues(h, ['feedState'])).feedState || {};
const listSource = async (h) => (await privateValues(h, ['listSource'])).listSource || null;
const since = (n, p) => requests.slice(n).filter((r) => r.path === p);

// "Check now" clicked, and the attempt over: recorded by the worker, drawn by the page.
async function checkNow(h, opts) {
  const before = (await feedState(h)).lastAttempt;
  await opts.locator('#feed-check').click();
  await until(async () => (await feedState(h)).lastAttempt !== before, 'the feed checked', { timeout: 20000 });
  await until(async () => !/Checking the feed|Vérification du flux/.test(await opts.locator('#feed-status').textContent()), 'the feed\'s state drawn');
}

// The reviewer's own address and key saved on the options page (Save asks for the site: granted).
async function save(h, opts, url, key) {
  const before = (await feedState(h)).lastAttempt;
  // Drawing the panel fills the address field from storage: typing before it is drawn would be wiped.
  await opts.locator('#feed-status').filter({ hasText: /\S/ }).waitFor();
  await opts.locator('#feed-url').fill(url);
  await opts.locator('#feed-key').fill(key.publicKey);
  await opts.locator('#feed-save').click();
  await until(async () => (await feedState(h)).lastAttempt !== before, 'the feed checked', { timeout: 20000 });
  await until(async () => !/Checking the feed/.test(await opts.locator('#feed-status').textContent()), 'the feed\'s state drawn');
}

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = path.join(POLICY_DIR, 'vipguard-feed-origins-test.json');

test('without access to the feed\'s site: no CORS headers, not read; the origin allowed, read whole; ETag exposed, conditional; a 304 without CORS, fetched whole', async () => {
  const { dir, id } = extensionCopy({ access: false });
  const P = '/cors/vips.signed.json';
  const V1 = signedFile(KEY, payloadText({ version: 1, list: FIVE }));
  feeds[P] = { body: V1, etag: '"c1"', cors: 'none' };
  fs.mkdirSync(POLICY_DIR, { recursive: true });
  fs.writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [id]: { feedUrl: `${ORIGIN}${P}`, feedPublicKey: KEY.publicKey } } } }));
  let h;
  try {
    h = await launch({ extension: dir, trustLocalTls: true, expectedRequests: feedRequests() });
    assert.equal(h.extensionId, id, 'the policy names this build');
    assert.equal(await h.worker.evaluate((o) => chrome.permissions.contains({ origins: [`${o}/*`] }), ORIGIN), false, 'no access to the feed\'s site');
    // (a) No CORS headers: the install's attempt reaches the server, and the browser keeps the answer from
    // the extension. Nothing applied; the options page says vipguard may not reach the site.
    await until(async () => (await feedState(h)).error?.code === 'noAccess', 'the install\'s attempt refused', { timeout: 20000 });
    assert.ok(requests.some((r) => r.path === P && r.method === 'GET' && /^chrome-extension:\/\//.test(r.origin)), 'a cross-origin request, from the extension');
    assert.notEqual((await listSource(h))?.kind, 'feed');
    const opts = await h.ctx.newPage();
    await opts.setViewportSize({ width: 1366, height: 768 });
    await opts.goto(optionsUrl(h));
    await opts.locator('#feed-error').filter({ hasText: new RegExp(`vipguard may not reach ${ORIGIN.replace(/[.]/g, '\\.')} yet`) }).waitFor();
    assert.equal(await opts.locator('#feed-save').isDisabled(), true, 'the policy set both: nothing to save');

    // Access-Control-Allow-Origin alone: read and applied, but its ETag hidden: the next check fetches it
    // whole, and the page says so.
    feeds[P].cors = 'origin';
    await checkNow(h, opts);
    assert.match(await opts.locator('#feed-status').textContent(), /In use from the feed: Team VIPs v1, 5 accounts/);
    assert.equal(await opts.locator('#feed-error').textContent(), '');
    assert.equal((await feedState(h)).etag, '', 'the ETag is not exposed');
    let n = requests.length;
    await checkNow(h, opts);
    assert.deepEqual(since(n, P).map((r) => [r.method, r.status, r.ifNoneMatch]), [['GET', 200, null]]);
    assert.match(await opts.locator('#feed-status').textContent(), /the whole list is downloaded at each check/);
    // (b) Access-Control-Allow-Origin and Access-Control-Expose-Headers: the ETag readable, and the next
    // check conditional (no preflight: the server refuses OPTIONS, Chromium sent none), answered 304, the
    // list kept.
    feeds[P].cors = 'expose';
    await checkNow(h, opts);
    assert.equal((await feedState(h)).etag, '"c1"', 'the exposed ETag is readable');
    assert.doesNotMatch(await opts.locator('#feed-status').textContent(), /downloaded at each check/);
    n = requests.length;
    await checkNow(h, opts);
    assert.deepEqual(since(n, P).map((r) => [r.method, r.status, r.ifNoneMatch]), [['GET', 304, '"c1"']], 'a conditional request, answered 304');
    assert.equal((await feedState(h)).outcome, 'unchanged');
    assert.equal(await opts.locator('#feed-error').textContent(), '');
    assert.doesNotMatch(await opts.locator('#feed-status').textContent(), /downloaded at each check/);
    assert.equal((await listSource(h)).version, 1, 'the list kept');

    // A server whose 304 comes without the CORS headers: the browser refuses the conditional answer, the
    // feed is fetched again whole, kept as it is, and the page says it cannot be asked conditionally.
    feeds[P].cors = 'not304';
    n = requests.length;
    await checkNow(h, opts);
    assert.deepEqual(since(n, P).map((r) => [r.method, r.status, r.ifNoneMatch]), [['GET', 304, '"c1"'], ['GET', 200, null]],
      'the 304 refused by the browser, then the feed fetched whole');
    assert.equal(await opts.locator('#feed-error').textContent(), '');
    assert.match(await opts.locator('#feed-status').textContent(), /Team VIPs v1, 5 accounts.*the whole list is downloaded at each check/);
    assert.equal((await listSource(h)).version, 1);
    // The refusal remembered for this address and key: the next check fetches once, whole (not refused
    // first and then fetched again), and the page still says so.
    n = requests.length;
    await checkNow(h, opts);
    assert.deepEqual(since(n, P).map((r) => [r.method, r.status, r.ifNoneMatch]), [['GET', 200, null]], 'one request, not a refused conditional one first');
    assert.match(await opts.locator('#feed-status').textContent(), /the whole list is downloaded at each check/);
    // A day later (the refusal's time moved back by the test), the server may have been fixed: asked
    // conditionally again (still refused here, then fetched whole).
    const state = await feedState(h);
    assert.ok(state.refusedConditional && state.refusedConditional.at, JSON.stringify(state.refusedConditional));
    await setPrivateValues(h, { feedState: { ...state, refusedConditional: { ...state.refusedConditional, at: new Date(Date.now() - 25 * 3600 * 1000).toISOString() } } });
    n = requests.length;
    await checkNow(h, opts);
    assert.deepEqual(since(n, P).map((r) => [r.method, r.status, r.ifNoneMatch]), [['GET', 304, '"c1"'], ['GET', 200, null]], 'asked conditionally again after a day');
    await opts.locator('#feed-status').scrollIntoViewIfNeeded();
    await screenshot(opts, 'feed-not-conditional-light');
    await opts.emulateMedia({ colorScheme: 'dark' });
    await screenshot(opts, 'feed-not-conditional-dark');
    await opts.emulateMedia({ colorScheme: 'light' });
    // And a new version is still applied through CORS.
    feeds[P] = { ...feeds[P], body: signedFile(KEY, payloadText({ version: 2, list: DEMO })), etag: '"c2"' };
    await checkNow(h, opts);
    assert.match(await opts.locator('#feed-status').textContent(), /Team VIPs v2, 6 accounts/);
    assert.equal((await listSource(h)).version, 2);
  } finally {
    fs.rmSync(POLICY_FILE, { force: true });
    if (h) await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('with access to the feed\'s site, no CORS headers: versions per address and key, a new one starts afresh, the same one never goes back', async () => {
  const { dir } = extensionCopy({ access: true });
  const [A, B] = ['/team-a/vips.signed.json', '/team-b/vips.signed.json'];
  const [KEY_A, KEY_B, KEY_A2] = [keyPair(), keyPair(), keyPair()];
  // Odd versions hold five accounts, even ones six.
  const a = (version, key = KEY_A) => ({ body: signedFile(key, payloadText({ name: 'Team A', version, list: version % 2 ? FIVE : DEMO })), etag: `"a${version}-${key.keyId}"` });
  const h = await launch({ extension: dir, trustLocalTls: true, expectedRequests: feedRequests() });
  const status = async (opts) => opts.locator('#feed-status').textContent();
  const error = async (opts) => opts.locator('#feed-error').textContent();
  try {
    const opts = h.firstRun || await h.ctx.newPage();
    if (!h.firstRun) await opts.goto(optionsUrl(h));
    await opts.locator('#feed-afresh').filter({ hasText: 'A new address, or a new key, starts afresh' }).waitFor();
    // Team A's feed at version 5; then version 4 at the same address: refused.
    const A5 = a(5);
    feeds[A] = A5;
    await save(h, opts, `${ORIGIN}${A}`, KEY_A);
    assert.match(await status(opts), /Team A v5, 5 accounts/);
    feeds[A] = a(4);
    await checkNow(h, opts);
    assert.match(await error(opts), /offers version 4, lower than version 5 it has already served: refused/);
    // Another team's feed, at a lower version, at another address with its key: taken.
    feeds[B] = { body: signedFile(KEY_B, payloadText({ name: 'Team B', version: 2, list: FIVE })), etag: '"b2"' };
    await save(h, opts, `${ORIGIN}${B}`, KEY_B);
    assert.match(await status(opts), /Team B v2, 5 accounts/);
    assert.equal(await error(opts), '');
    // Back to team A's address, which now serves an older version (3): refused, A's version 5 remembered.
    feeds[A] = a(3);
    await save(h, opts, `${ORIGIN}${A}`, KEY_A);
    assert.match(await error(opts), /offers version 3, lower than version 5 it has already served: refused/);
    assert.equal((await listSource(h)).name, 'Team B', 'team B\'s list still in use');
    // Its version 5 again, the same file: taken back (the one it served), then version 6.
    feeds[A] = A5;
    await checkNow(h, opts);
    assert.match(await status(opts), /Team A v5, 5 accounts/);
    assert.equal(await error(opts), '');
    feeds[A] = a(6);
    await checkNow(h, opts);
    assert.match(await status(opts), /Team A v6, 6 accounts/);
    // Team A's key rotated: the first request with the new key is not conditional on the old key's
    // version (a 304 would keep a list the new key never signed), and the old key's file is refused.
    let n = requests.length;
    await save(h, opts, `${ORIGIN}${A}`, KEY_A2);
    assert.deepEqual(since(n, A).map((r) => [r.status, r.ifNoneMatch]), [[200, null]]);
    assert.match(await error(opts), new RegExp(`signature does not match the team's public key \\(key id ${KEY_A2.keyId}\\)`));
    // The new key's version 1: taken (the new key starts afresh), then asked conditionally on it.
    feeds[A] = a(1, KEY_A2);
    await checkNow(h, opts);
    assert.match(await status(opts), /Team A v1, 5 accounts/);
    assert.equal(await error(opts), '');
    assert.equal((await listSource(h)).keyId, KEY_A2.keyId);
    // With access to the site and no CORS header from it: ETag read, the request conditional, no preflight.
    n = requests.length;
    await checkNow(h, opts);
    assert.deepEqual(since(n, A).map((r) => [r.method, r.status, r.ifNoneMatch]), [['GET', 304, feeds[A].etag]], 'conditional on the new key\'s version');
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// A refusal of conditional requests is remembered for the feed it came from (address and key), for a
// day: a new address, or a new key, asks conditionally again at its next refresh (feed.js stillRefused).
// Without access to the feed's site, as in the first test: the server exposes its ETag, then sends its
// 304 without the CORS headers, so the browser refuses the conditional answer. The reviewer's address and
// key are written where the options page's Save writes them (feedConfig), so no permission is asked.
test('a refused conditional request is forgotten when the feed\'s address or key changes', async () => {
  const { dir } = extensionCopy({ access: false });
  const [A, B] = ['/refused-a/vips.signed.json', '/refused-b/vips.signed.json'];
  const KEY2 = keyPair();
  const serve = (p, key, etag) => { feeds[p] = { body: signedFile(key, payloadText({ version: 1, list: FIVE })), etag, cors: 'expose' }; };
  const h = await launch({ extension: dir, trustLocalTls: true, expectedRequests: feedRequests() });
  const asked = (n, p) => since(n, p).map((r) => [r.method, r.status, r.ifNoneMatch]);
  try {
    const opts = h.firstRun || await h.ctx.newPage();
    if (!h.firstRun) await opts.goto(optionsUrl(h));
    // The options page's "Check now" message, answered once the attempt is over.
    const check = () => opts.evaluate(() => chrome.runtime.sendMessage({ type: 'feedRefresh' }));
    // The address and key set, then checked: fetched whole the first time, conditionally the next.
    const use = async (p, key, etag) => {
      await setPrivateValues(h, { feedConfig: { url: `${ORIGIN}${p}`, publicKey: key.publicKey } });
      let n = requests.length;
      await check();
      assert.deepEqual(asked(n, p), [['GET', 200, null]], `${p}: fetched whole, nothing remembered for this address and key`);
      assert.equal((await listSource(h)).keyId, key.keyId);
      n = requests.length;
      await check();
      assert.deepEqual(asked(n, p), [['GET', 304, etag]], `${p}: asked conditionally`);
    };
    // A's 304 refused by the browser, and the refusal remembered: the next check fetches once, whole.
    const refuse = async (key, etag) => {
      feeds[A].cors = 'not304';
      let n = requests.length;
      await check();
      assert.deepEqual(asked(n, A), [['GET', 304, etag], ['GET', 200, null]], 'the 304 refused by the browser, then fetched whole');
      assert.equal((await feedState(h)).refusedConditional?.key, `${key.keyId} ${ORIGIN}${A}`);
      n = requests.length;
      await check();
      assert.deepEqual(asked(n, A), [['GET', 200, null]], 'the refusal remembered: one request, whole');
    };
    serve(A, KEY, '"ra1"');
    await use(A, KEY, '"ra1"');
    await refuse(KEY, '"ra1"');
    // (a) Another address: A's refusal does not hold there.
    serve(B, KEY, '"rb1"');
    await use(B, KEY, '"rb1"');
    // (b) Back to A, refused again; then A with another key: the refusal does not hold for it.
    feeds[A].cors = 'expose';
    await use(A, KEY, '"ra1"');
    await refuse(KEY, '"ra1"');
    serve(A, KEY2, '"ra1-k2"');
    await use(A, KEY2, '"ra1-k2"');
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Issue 23: the feed's messages in French, worded from the catalogue (the worker keeps each detail's key
// and values, and a list's problems with the engine's codes), not in the worker's English.
test('in French, the feed panel says a malformed payload and a list\'s problems in French', async () => {
  const { dir } = extensionCopy({ access: true });
  const P = '/fr/vips.signed.json';
  feeds[P] = { body: signedFile(KEY, JSON.stringify({ name: 'Équipe', date: '2026-12-05T10:00:00Z', list: FIVE })), etag: '"f0"' };
  const h = await launch({ extension: dir, lang: 'fr', trustLocalTls: true, expectedRequests: feedRequests() });
  const failure = async (opts) => (await opts.locator('#feed-error').textContent()).replace(/^Dernière tentative \([^)]*\) échouée\u00a0: /, '');
  try {
    const opts = h.firstRun || await h.ctx.newPage();
    if (!h.firstRun) await opts.goto(optionsUrl(h));
    await opts.setViewportSize({ width: 1366, height: 768 });
    await save(h, opts, `${ORIGIN}${P}`, KEY);
    // The engine's reader's words (readFeedPayload), as `vipguard verify --lang fr` says them.
    assert.equal(await failure(opts), 'la liste signée est mal formée\u00a0: Champ «\u00a0payload\u00a0»\u00a0: le champ «\u00a0version\u00a0» manque ');
    const twice = { accounts: [...FIVE.accounts, { ...FIVE.accounts[1], handles: [{ platform: 'x', handle: 'someone_else' }] }] };
    feeds[P] = { body: signedFile(KEY, payloadText({ name: 'Équipe', version: 1, list: twice })), etag: '"f1"' };
    await checkNow(h, opts);
    assert.equal(await failure(opts), `problèmes dans la liste (1)\u00a0: Champ «\u00a0payload.list.accounts[5].id\u00a0»\u00a0: l’id «\u00a0${FIVE.accounts[1].id}\u00a0» est utilisé deux fois `);
    // And the French wording of a feed fetched whole, and of a new address starting afresh.
    feeds[P] = { body: signedFile(KEY, payloadText({ name: 'Équipe', version: 1, list: FIVE })) };
    await checkNow(h, opts);
    assert.match(await opts.locator('#feed-status').textContent(), /la liste entière est téléchargée à chaque vérification/);
    assert.match(await opts.locator('#feed-afresh').textContent(), /^Une nouvelle adresse, ou une nouvelle clé, repart de zéro/);
    await opts.locator('#feed-status').scrollIntoViewIfNeeded();
    await screenshot(opts, 'feed-not-conditional-fr-light');
    await opts.emulateMedia({ colorScheme: 'dark' });
    await screenshot(opts, 'feed-not-conditional-fr-dark');
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
