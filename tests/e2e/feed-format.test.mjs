// The signed feed's format read the same way by both sides: the extension's reader
// (extension/shared/signed-list.js, WebCrypto, then the WASM package's readFeedPayload and checkList as
// worker/feed.js runs them) on the files `vipguard sign` made (tests/fixtures/feed/), and `vipguard verify`
// on files signed with node's Ed25519 the way the feed tests sign them. No browser (the WASM package
// loaded in node).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { verifySignedList as verify, publicKeyBytes } from '../../extension/shared/signed-list.js';
import { initSync, readFeedPayload, checkList, feedLimits } from '../../pkg/vipguard.js';
import { keyPair, payloadText, signedFile } from './signed-feed.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = (name) => fs.readFileSync(path.join(root, 'tests/fixtures/feed', name), 'utf8');
const testKey = fixture('TEST-ONLY.pub').trim();
const otherKey = fixture('TEST-ONLY-other.pub').trim();
const cli = path.join(root, 'target/release/vipguard');
initSync({ module: fs.readFileSync(path.join(root, 'pkg/vipguard_bg.wasm')) });

// What worker/feed.js takes: the file verified and its payload read, then its list checked by the engine
// as an imported list is. Resolves to the payload with `list` the list as read; rejects with a coded Error.
async function verifySignedList(text, key) {
  const signed = await verify(text, key, readFeedPayload);
  const checked = checkList(signed.listText, 'json');
  if (!checked.ok) throw Object.assign(new Error(checked.error.message), { code: 'listErrors' });
  return { ...signed, list: checked.list };
}

// The CLI's files, read by the extension: [file, key, expected {name, version, accounts, decisions} or error code].
const cliFiles = [
  ['signed-v1.json', testKey, { version: 1, accounts: 3, decisions: 0 }],
  ['signed-v2.json', testKey, { version: 2, accounts: 4, decisions: 2 }],
  ['tampered-v3.json', testKey, 'badSignature'],
  ['other-key-v3.json', testKey, 'badSignature'],
  ['other-key-v3.json', otherKey, { version: 3, accounts: 4, decisions: 2 }],
];

for (const [file, key, want] of cliFiles) {
  test(`extension reads the CLI's ${file} with ${key === testKey ? 'the test key' : 'the other key'}`, async () => {
    if (typeof want === 'string') {
      await assert.rejects(verifySignedList(fixture(file), key), (e) => e.code === want);
      return;
    }
    const got = await verifySignedList(fixture(file), key);
    assert.equal(got.version, want.version);
    assert.equal(got.list.accounts.length, want.accounts);
    assert.equal(got.decisions.length, want.decisions);
  });
}

const list = { accounts: [{ id: 'ada', name: 'Adaeze Okonkwo', handles: [{ platform: 'x', handle: 'AdaOkonkwo' }] }] };
const decision = { platform: 'x', handle: 'ada_fan', decision: 'not_impersonator', by: 'rev1', at: '2026-12-05T10:00:00Z', note: '', match: 'ada' };

// Files signed as the feed tests sign them, read by both sides: [what, payload text, file edit, accepted].
const key = keyPair();
const nodeFiles = [
  ['a plain signed list', payloadText({ version: 4, date: '2026-12-05T10:00:00Z', list }), null, true],
  ['shared decisions', payloadText({ version: 4, date: '2026-12-05T10:00:00Z', list, decisions: [decision] }), null, true],
  ['a name of 200 emoji (code points, not UTF-16 units)', payloadText({ name: '🛡'.repeat(200), version: 4, date: '2026-12-05T10:00:00Z', list }), null, true],
  ['a name of 201 letters', payloadText({ name: 'a'.repeat(201), version: 4, date: '2026-12-05T10:00:00Z', list }), null, false],
  ['an unknown payload field', JSON.stringify({ name: 'T', version: 4, date: '2026-12-05T10:00:00Z', list, extra: 1 }), null, false],
  ['an unknown decision field', payloadText({ version: 4, date: '2026-12-05T10:00:00Z', list, decisions: [{ ...decision, weight: 2 }] }), null, false],
  ['an unknown envelope field', payloadText({ version: 4, date: '2026-12-05T10:00:00Z', list }), (f) => ({ ...f, comment: 'hi' }), false],
  ['a date with +00:00', payloadText({ version: 4, date: '2026-12-05T10:00:00+00:00', list }), null, false],
  // Issue 26's red team: what JavaScript read one way and the CLI refused. A field named twice (in an
  // account, in the payload), a version written 5.0, no key_id, vipguard_signed written 1.0.
  ['an account\'s name given twice', '{"name":"T","version":4,"date":"2026-12-05T10:00:00Z","list":{"accounts":[{"id":"ada","name":"Adaeze Okonkwo","name":"Nobody At All","handles":[{"platform":"x","handle":"AdaOkonkwo"}]}]}}', null, false],
  ['the list given twice', `{"name":"T","version":4,"date":"2026-12-05T10:00:00Z","list":${JSON.stringify(list)},"list":{"accounts":[]}}`, null, false],
  ['a field named twice, once escaped', `{"name":"T","n\\u0061me":"U","version":4,"date":"2026-12-05T10:00:00Z","list":${JSON.stringify(list)}}`, null, false],
  ['a version written 5.0', `{"name":"T","version":5.0,"date":"2026-12-05T10:00:00Z","list":${JSON.stringify(list)}}`, null, false],
  ['no key_id', payloadText({ version: 4, date: '2026-12-05T10:00:00Z', list }), ({ key_id: _, ...f }) => f, false],
  ['vipguard_signed written 1.0', payloadText({ version: 4, date: '2026-12-05T10:00:00Z', list }), (f) => f, false, (t) => t.replace('"vipguard_signed": 1', '"vipguard_signed": 1.0')],
  // Shared decisions: the same limits and the same dates on both sides (feedLimits(): the engine's).
  ['a decision by 320 characters with a note of 1,000', payloadText({ version: 4, date: '2026-12-05T10:00:00Z', list, decisions: [{ ...decision, by: 'r'.repeat(320), note: 'n'.repeat(1000) }] }), null, true],
  ['a decision by 321 characters', payloadText({ version: 4, date: '2026-12-05T10:00:00Z', list, decisions: [{ ...decision, by: 'r'.repeat(321) }] }), null, false],
  ['a decision with a note of 1,001 characters', payloadText({ version: 4, date: '2026-12-05T10:00:00Z', list, decisions: [{ ...decision, note: 'n'.repeat(1001) }] }), null, false],
  ['a decision by nobody (blanks)', payloadText({ version: 4, date: '2026-12-05T10:00:00Z', list, decisions: [{ ...decision, by: '  ' }] }), null, false],
  ['a decision whose handle is a web address', payloadText({ version: 4, date: '2026-12-05T10:00:00Z', list, decisions: [{ ...decision, handle: 'https://x.com/ada_fan' }] }), null, false],
  ['a decision dated an hour after the signing', payloadText({ version: 4, date: '2026-12-05T10:00:00Z', list, decisions: [{ ...decision, at: '2026-12-05T11:00:00Z' }] }), null, true],
  ['a decision dated 2099', payloadText({ version: 4, date: '2026-12-05T10:00:00Z', list, decisions: [{ ...decision, at: '2099-01-01T00:00:00Z' }] }), null, false],
];

for (const [what, payload, edit, accepted, editText] of nodeFiles) {
  test(`both sides ${accepted ? 'accept' : 'refuse'} ${what}`, async () => {
    let text = signedFile(key, payload);
    if (edit) text = JSON.stringify(edit(JSON.parse(text)), null, 2);
    if (editText) text = editText(text);
    const extension = await verifySignedList(text, key.publicKey).then(() => true, (e) => {
      assert.ok(['payload', 'format', 'listErrors'].includes(e.code), `error code ${e.code}: ${e.message}`);
      return false;
    });
    assert.equal(extension, accepted, 'the extension');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-feed-'));
    try {
      fs.writeFileSync(path.join(dir, 'team.pub'), `${key.publicKey}\n`);
      fs.writeFileSync(path.join(dir, 'feed.json'), text);
      const run = spawnSync(cli, ['verify', '--key', path.join(dir, 'team.pub'), path.join(dir, 'feed.json')], { encoding: 'utf8' });
      assert.equal(run.status === 0, accepted, `vipguard verify: ${run.stderr}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

// Weak public keys (issue 26's red team: under the all-zero key Chromium's WebCrypto verified a forged
// signature for half of all payloads). Both sides refuse the same keys as weak: every encoding of a point
// of small order. The candidates: y from 0 to 18, from p-19 to p-1 and from p to p+18 (0 to 18 written
// non-canonically), the two y of the points of order 8, each with the sign bit clear and set, and a real
// key; the CLI's rule is ed25519-dalek's `is_weak`, the extension's its own list (signed-list.js).
test('both sides refuse the same weak (small-order) public keys', async () => {
  const P = (1n << 255n) - 19n;
  const bytes = (n) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex').reverse();
  const ys = [];
  for (let i = 0n; i < 19n; i++) ys.push(i, P - 19n + i, P + i);
  const encodings = ys.map(bytes);
  encodings.push(Buffer.from('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', 'hex'),
    Buffer.from('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', 'hex'));
  const candidates = encodings.flatMap((b) => [b, Buffer.from(b.map((x, i) => (i === 31 ? x | 0x80 : x)))]);
  candidates.push(Buffer.from(key.publicKey, 'base64'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-weak-'));
  try {
    fs.writeFileSync(path.join(dir, 'feed.json'), signedFile(key, payloadText({ version: 4, date: '2026-12-05T10:00:00Z', list })));
    const weak = { extension: [], cli: [] };
    for (const raw of candidates) {
      const text = raw.toString('base64');
      try {
        publicKeyBytes(text);
      } catch (e) {
        if (e.what?.key === 'keyWeak') weak.extension.push(raw.toString('hex'));
      }
      fs.writeFileSync(path.join(dir, 'k.pub'), `${text}\n`);
      const run = spawnSync(cli, ['verify', '--key', path.join(dir, 'k.pub'), path.join(dir, 'feed.json')], { encoding: 'utf8' });
      if (/weak Ed25519 public key/.test(run.stderr)) weak.cli.push(raw.toString('hex'));
    }
    assert.deepEqual(weak.extension, weak.cli);
    // The eight points: two encodings each of 0, 1 (canonical and not), p-1 and the two y of order 8.
    assert.equal(weak.cli.length, 14, weak.cli.join('\n'));
    assert.ok(weak.cli.includes('00'.repeat(32)), 'the all-zero key');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// One source of truth for the limits on shared decisions: the engine's constants (feedLimits), which the
// options page's reviewer id (at most 100) and the policy's (cut to the engine's limit) keep to.
test('the extension keeps the reviewer id to the engine\'s limit', () => {
  const limits = feedLimits();
  assert.deepEqual(limits, { reviewerId: 320, note: 1000, clockSkewSeconds: 3600 });
  const policy = fs.readFileSync(path.join(root, 'extension/shared/policy.js'), 'utf8');
  assert.match(policy, new RegExp(`MAX_REVIEWER_ID = ${limits.reviewerId};`));
  const options = fs.readFileSync(path.join(root, 'extension/ui/options/options.html'), 'utf8');
  assert.ok(Number(/id="reviewer-id" maxlength="(\d+)"/.exec(options)[1]) <= limits.reviewerId);
});
