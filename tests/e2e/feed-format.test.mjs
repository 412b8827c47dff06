// The signed feed's format read the same way by both sides: the extension's reader
// (extension/shared/signed-list.js, WebCrypto) on the files `vipguard sign` made (tests/fixtures/feed/),
// and `vipguard verify` on files signed with node's Ed25519 the way the feed tests sign them. No browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { verifySignedList } from '../../extension/shared/signed-list.js';
import { keyPair, payloadText, signedFile } from './signed-feed.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = (name) => fs.readFileSync(path.join(root, 'tests/fixtures/feed', name), 'utf8');
const testKey = fixture('TEST-ONLY.pub').trim();
const otherKey = fixture('TEST-ONLY-other.pub').trim();
const cli = path.join(root, 'target/release/vipguard');

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
];

for (const [what, payload, edit, accepted] of nodeFiles) {
  test(`both sides ${accepted ? 'accept' : 'refuse'} ${what}`, async () => {
    let text = signedFile(key, payload);
    if (edit) text = JSON.stringify(edit(JSON.parse(text)));
    const extension = await verifySignedList(text, key.publicKey).then(() => true, (e) => {
      assert.ok(e.code === 'payload' || e.code === 'format', `error code ${e.code}: ${e.message}`);
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
