// Red team of the team feed and the enterprise policy (issue 26), in Chromium: what a hostile feed
// server (or whatever answers the feed's address) can do to the extension, and what code in the content
// script's world can do to the feed and the locked settings. Tests named "finding: …" are written as the
// defence they ask for: they FAIL on the build they were written against (d93ed6d), and pass once the
// defence is in (so `node --test tests/e2e/` fails on this branch until then). "held: …" is what was
// tried and held, "observed: …" documents behaviour as it is; both pass. Details and figures:
// /work/briefs/redteam26-findings.md (the red team's report). Writes a policy file in
// /etc/chromium/policies/managed/ (root), removed in a finally.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import https from 'node:https';
import { execFileSync } from 'node:child_process';
import { launch, visit, bannerVerdict, privateValues, until, inContentScript, literally, extensionProcessMemory, annotations, ROOT } from './harness.mjs';
import { keyPair, payloadText, signedFile } from './signed-feed.mjs';
import { httpsServer, extensionCopy } from './feed-server.mjs';

const DEMO = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/chrome/demo/protected.json'), 'utf8'));
const WITHOUT_KWABENA = { accounts: DEMO.accounts.filter((a) => a.id !== 'vip-002') };
const KEY = keyPair();
const V1 = signedFile(KEY, payloadText({ version: 1, list: DEMO }));
const V2 = signedFile(KEY, payloadText({ version: 2, list: DEMO }));

// The feed server: answers what `feed.now` says; records every request (path, validators, header size).
const feed = { now: { status: 200, body: V1 }, requests: [], other: [] };
let server;
let otherServer;
let FEED_URL;
let OTHER_ORIGIN;
before(async () => {
  let origin;
  ({ server, origin } = await httpsServer((req, res) => {
    feed.requests.push({ url: req.url, ifNoneMatch: req.headers['if-none-match'] || null, ifModifiedSince: req.headers['if-modified-since'] || null });
    const now = feed.now;
    if (now.slow) {
      // Headers at once, then the body a byte every `slow` ms, never finished.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"vipguard_signed":1,"payload":"');
      const timer = setInterval(() => res.write('a'), now.slow);
      res.on('close', () => clearInterval(timer));
      return;
    }
    const validators = { ...(now.etag ? { etag: now.etag } : {}), ...(now.lastModified ? { 'last-modified': now.lastModified } : {}) };
    if (now.etag && req.headers['if-none-match'] === now.etag) {
      res.writeHead(304, validators);
      res.end();
      return;
    }
    res.writeHead(now.status, { 'content-type': now.type || 'application/json', ...validators, ...(now.headers || {}) });
    res.end(now.body || '');
  }));
  FEED_URL = `${origin}/team/vips.signed.json`;
  // A second server (another port: another origin) that a redirect may point at: it must never be asked.
  ({ server: otherServer, origin: OTHER_ORIGIN } = await httpsServer((req, res) => {
    feed.other.push(req.url);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(V2);
  }));
});
after(() => {
  server?.close();
  otherServer?.close();
});

const feedRequests = () => [new RegExp(`^${literally(FEED_URL)}(?:\\?moved)?$`)];
const optionsUrl = (h) => `chrome-extension://${h.extensionId}/ui/options/options.html`;
const feedState = async (h) => (await privateValues(h, ['feedState'])).feedState || {};

// A browser whose options page saved the feed's address and `publicKey` (Save checks it at once).
async function withFeed({ publicKey = KEY.publicKey } = {}, body) {
  const { dir } = extensionCopy();
  const h = await launch({ extension: dir, trustLocalTls: true, expectedRequests: feedRequests() });
  try {
    const opts = h.firstRun || await h.ctx.newPage();
    if (!h.firstRun) await opts.goto(optionsUrl(h));
    await opts.locator('#feed-url').fill(FEED_URL);
    await opts.locator('#feed-key').fill(publicKey);
    await opts.locator('#feed-save').click();
    await body(h, opts);
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// "Check now", and the attempt over (recorded by the worker, drawn by the page).
async function checkNow(h, opts, { timeout = 20000 } = {}) {
  const before = (await feedState(h)).lastAttempt;
  await opts.locator('#feed-check').click();
  await until(async () => (await feedState(h)).lastAttempt !== before, 'the feed checked', { timeout });
  await until(async () => !/Checking the feed/.test(await opts.locator('#feed-status').textContent()), 'the state drawn');
}

// ---------------------------------------------------------------------------------------------------
// Finding: a weak (small-order) public key. WebCrypto's Ed25519 in Chromium 156 accepts the all-zero key
// (a point of order 4) and the identity; with either configured, anyone can make a "signature" that
// verifies for about half of all payloads (R one of the key's four multiples, S = 0): a feed server that
// holds no secret at all signs the team's list. `vipguard verify` (verify_strict) refuses such a key;
// the extension's publicKeyBytes checks only that it is 32 bytes.

// A payload and a forged signature that verifies under the all-zero key (found by trying dates).
const ZERO_KEY = Buffer.alloc(32).toString('base64'); // "AAAA…A=": 44 characters, as a placeholder looks
function forgedWithZeroKey(payload) {
  const spki = crypto.createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.alloc(32)]), format: 'der', type: 'spki' });
  const twoA = Buffer.from('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', 'hex');
  const negA = Buffer.alloc(32);
  negA[31] = 0x80;
  const identity = Buffer.alloc(32);
  identity[0] = 1;
  for (let s = 0; s < 60; s++) {
    const text = payloadText({ ...payload, date: `2026-12-07T10:00:${String(s).padStart(2, '0')}Z` });
    for (const r of [identity, Buffer.alloc(32), twoA, negA]) {
      const sig = Buffer.concat([r, Buffer.alloc(32)]);
      if (crypto.verify(null, Buffer.from(text), spki, sig)) {
        return JSON.stringify({ vipguard_signed: 1, key_id: 'anything', payload: text, signature: sig.toString('base64') });
      }
    }
  }
  throw new Error('no forgery found in 60 dates');
}

test('finding: a small-order public key (all zeros) is refused, so no feed server can forge the team\'s list', async () => {
  feed.now = { status: 200, body: forgedWithZeroKey({ name: 'Team VIPs', version: 99, list: WITHOUT_KWABENA }) };
  await withFeed({ publicKey: ZERO_KEY }, async (h, opts) => {
    await until(async () => (await feedState(h)).lastAttempt || /not usable/.test(await opts.locator('#feed-error').textContent()),
      'Save checked the key or the feed', { timeout: 20000 });
    const source = (await privateValues(h, ['listSource'])).listSource;
    const page = await visit(h, 'https://x.com/KwabenaMensahGH');
    const verdict = await bannerVerdict(page);
    await page.close();
    assert.equal(source?.kind === 'feed' ? `${source.name} v${source.version}` : null, null,
      `a list nobody holding a secret key signed was applied: ${JSON.stringify(source)}; @KwabenaMensahGH is now ${verdict}`);
  });
});




// ---------------------------------------------------------------------------------------------------
// Finding: a team decision dated in the future outranks every reviewer's decision until that date.
// Exports are unsigned and `vipguard decisions merge` keeps, per account, the latest `at`, with no check
// that it is not in the future nor that a decision's `by` is the export's `by`: one export (by "bob",
// claiming "lead.ama" at 2099-01-01, from a wrong clock or on purpose) beats alice's "confirmed" made
// today with no conflict reported, is signed by the lead, and in the extension a team decision stands
// unless the reviewer's own is later (decisions.js shownDecision): no reviewer can flag the account again
// before 2099. (The merge half is reproduced with the CLI: /work/briefs/redteam26-findings.md.)
test('finding: a team decision dated 2099 does not outrank the reviewer\'s own later decision', async () => {
  const future = { platform: 'x', handle: 'KwabenaMensahTV', decision: 'not_impersonator', by: 'lead.ama', at: '2099-01-01T00:00:00Z', note: 'checked', match: 'vip-002' };
  feed.now = { status: 200, body: signedFile(KEY, payloadText({ version: 1, list: DEMO, decisions: [future] })), etag: '"f1"' };
  await withFeed({}, async (h, opts) => {
    await opts.locator('#feed-status').filter({ hasText: /In use from the feed: Team VIPs v1/ }).waitFor({ timeout: 20000 });
    const reply = await opts.evaluate(() => chrome.runtime.sendMessage({ type: 'decide', url: 'https://x.com/KwabenaMensahTV',
      profile: { platform: 'x', handle: 'KwabenaMensahTV', name: 'Kwabena Mensah' }, decision: 'confirmed', note: 'impersonator, ticket 55',
      result: { verdict: 'impersonation', match: 'vip-002', score: 0.9 } }));
    assert.equal(reply.ok, true, JSON.stringify(reply));
    const page = await visit(h, 'https://x.com/KwabenaMensahTV');
    const verdict = await bannerVerdict(page);
    await page.close();
    assert.equal(verdict, 'impersonation', 'the reviewer\'s "confirmed", made after the feed came, is overruled by a decision dated 2099');
  });
});

// ---------------------------------------------------------------------------------------------------
// Finding: `vipguard sign` signs decisions the extension refuses, and then the whole version is refused.
// The extension limits a decision's `by` (and platform, handle, at) to 320 characters and its note to
// 1,000 (shared/signed-list.js checkDecisions); the CLI checks neither. A reviewer id of 400 characters
// (a policy may set up to 4,096) or one long note in one reviewer's export is merged and signed without
// a word, verifies with `vipguard verify`, and every reviewer's extension then keeps the last version.
const CLI = path.join(ROOT, 'target/release/vipguard');
test('finding: a list `vipguard sign` signs with a long reviewer id or note is applied by the extension', async (t) => {
  if (!fs.existsSync(CLI)) return t.skip('target/release/vipguard missing: make build');
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'vipguard-redteam-cli-'));
  try {
    execFileSync(CLI, ['keygen', '--out', path.join(dir, 'team')]);
    const exported = { vipguard_decisions: 1, by: 'r'.repeat(400), exported: '2026-12-07T10:00:00Z', decisions: [
      { platform: 'x', handle: 'KwabenaMensahTV', decision: 'confirmed', by: 'r'.repeat(400), at: '2026-12-07T09:00:00Z', note: 'n'.repeat(1200), match: 'vip-002' }] };
    fs.writeFileSync(path.join(dir, 'export.json'), JSON.stringify(exported));
    fs.writeFileSync(path.join(dir, 'list.json'), JSON.stringify(DEMO));
    execFileSync(CLI, ['sign', '--list', path.join(dir, 'list.json'), '--name', 'Team VIPs', '--version', '1', '--key', path.join(dir, 'team.key'),
      '--decisions', path.join(dir, 'export.json'), '-o', path.join(dir, 'signed.json')]);
    execFileSync(CLI, ['verify', '--key', path.join(dir, 'team.pub'), path.join(dir, 'signed.json')]);
    feed.now = { status: 200, body: fs.readFileSync(path.join(dir, 'signed.json'), 'utf8'), etag: '"c1"' };
    await withFeed({ publicKey: fs.readFileSync(path.join(dir, 'team.pub'), 'utf8').trim() }, async (h) => {
      await until(async () => (await feedState(h)).lastAttempt, 'the feed checked', { timeout: 20000 });
      const state = await feedState(h);
      assert.equal(state.version, 1, `signed and verified by the CLI, refused by the extension: ${JSON.stringify(state.error)}`);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});


// ---------------------------------------------------------------------------------------------------
// Held: what a hostile feed server tried that the extension refused, keeping the last good list.


test('held: code in the content script\'s world cannot write the settings, the policy or the feed, nor make the worker fetch it', async () => {
  feed.now = { status: 200, body: V1, etag: '"v1"' };
  await withFeed({}, async (h, opts) => {
    await opts.locator('#feed-status').filter({ hasText: /In use from the feed: Team VIPs v1/ }).waitFor({ timeout: 20000 });
    const page = await visit(h, 'https://x.com/KwabenaMensahGH');
    const tried = await inContentScript(page, async () => {
      const out = {};
      const attempt = async (name, fn) => {
        try {
          out[name] = JSON.stringify(await fn()) ?? 'undefined';
        } catch (e) {
          out[name] = `refused: ${e.message}`;
        }
      };
      await attempt('local.set', () => chrome.storage.local.set({ settings: { paused: true, auditDays: -1, sensitivity: 'impersonation' } }));
      await attempt('local.get', () => chrome.storage.local.get(null));
      await attempt('managed.set', () => chrome.storage.managed.set({ feedUrl: 'https://evil.example/list.json' }));
      await attempt('managed.get', () => chrome.storage.managed.get(null));
      await attempt('session.get', () => chrome.storage.session.get(null));
      await attempt('feedRefresh', () => chrome.runtime.sendMessage({ type: 'feedRefresh' }));
      await attempt('indexedDB', () => new Promise((resolve, reject) => {
        const req = indexedDB.open('vipguard-private', 1);
        req.onsuccess = () => resolve(Array.from(req.result.objectStoreNames));
        req.onerror = () => reject(req.error);
      }));
      return out;
    });
    console.log('content script world:', JSON.stringify(tried));
    assert.match(tried['local.set'], /^refused/);
    assert.match(tried['local.get'], /^refused/);
    assert.match(tried['managed.set'], /^refused/);
    assert.match(tried.feedRefresh, /only for extension pages/);
    assert.equal(tried.indexedDB, '[]', 'the page origin\'s own database, not the extension\'s');
    const settings = await h.worker.evaluate(() => chrome.storage.local.get('settings'));
    assert.notEqual(settings.settings?.paused, true);
    await page.close();
  });
});

// ---------------------------------------------------------------------------------------------------
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = path.join(POLICY_DIR, 'vipguard-redteam26.json');


// ---------------------------------------------------------------------------------------------------
// Observed (passes; documents what happens): malformed policy values. Chromium checks the policy against
// managed-schema.json and drops what does not fit before the extension sees it: a key of the wrong type
// is gone, and with it the lock (the reviewer's own key is then used with the policy's address); one bad
// entry in `sites` drops the whole `sites` object, so `github: false` beside `x: "yes"` locks nothing.
// Nothing on the options page says a value was refused (chrome://policy does). Values of the right type
// but wrong (http, a key that is not one) stay locked and fail closed with the reason shown.
test('observed: malformed policy values: wrong types are dropped (unlocked), wrong values fail closed', async () => {
  const CASES = [
    { policy: { feedUrl: 'https://lists.example.org/v.json', feedPublicKey: 12345, sensitivity: 'none', sites: { x: 'yes', github: false }, reviewerId: ['a'] },
      managed: { feedUrl: 'https://lists.example.org/v.json' }, locked: { 'feed-url': true, 'feed-key': false, sensitivity: false, 'reviewer-id': false, 'site-github': false },
      error: /public key is not usable: public key: none configured/ },
    { policy: { feedUrl: 'http://lists.example.org/v.json', feedPublicKey: 'not-a-key', reviewerId: 'r'.repeat(100000), feedurl: 'typo' },
      locked: { 'feed-url': true, 'feed-key': true, sensitivity: false, 'reviewer-id': true, 'site-github': false },
      error: /only https addresses can be a feed/ },
  ];
  for (const c of CASES) {
    const { dir, id } = extensionCopy();
    fs.mkdirSync(POLICY_DIR, { recursive: true });
    fs.writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [id]: c.policy } } }));
    let h;
    try {
      h = await launch({ extension: dir });
      const managed = await h.worker.evaluate(() => chrome.storage.managed.get(null));
      if (c.managed) assert.deepEqual(managed, c.managed);
      const opts = h.firstRun || await h.ctx.newPage();
      await opts.goto(optionsUrl(h));
      await opts.locator('#feed-error').filter({ hasText: c.error }).waitFor({ timeout: 20000 });
      const locked = await opts.evaluate((ids) => Object.fromEntries(ids.map((i) => [i, document.getElementById(i).disabled])), Object.keys(c.locked));
      assert.deepEqual(locked, c.locked);
      if (c.policy.reviewerId?.length === 100000) assert.equal((await opts.locator('#reviewer-id').inputValue()).length, 4096, 'cut to 4,096 characters');
    } finally {
      fs.rmSync(POLICY_FILE, { force: true });
      if (h) await h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});
