// A signed list's envelope is checked from its shape before anything is parsed (extension/shared/
// signed-list.js, `flatMembers`): one flat object of the envelope's four members, each once. Issue 32's
// review: a body of one flat object with millions of keys passed the old check (it only refused nesting)
// and was parsed whole (52 MB, 5.4 million keys: refused after 32 s at a 1.24 GB peak in the extension),
// as was a top-level array. Here JSON.parse is watched: the refused bodies must not reach it whole, and a
// member given twice (which JSON.parse resolved to the last) is refused. Node only: WebCrypto's Ed25519,
// atob and JSON are Node's too. The payload reader (the WASM's readFeedPayload in the extension) is a stub.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifySignedList } from '../../extension/shared/signed-list.js';

const PAYLOAD = JSON.stringify({ name: 'T', version: 1, date: '2026-12-05T10:00:00Z', list: { accounts: [] } });
const readPayload = (text) => ({ ok: true, name: 'T', version: 1, date: '2026-12-05T10:00:00Z', decisions: [], list: text });
const b64 = (bytes) => Buffer.from(bytes).toString('base64');

async function keyPair() {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { pair, publicKey: b64(raw) };
}
const sign = async (pair, text) => b64(new Uint8Array(await crypto.subtle.sign('Ed25519', pair.privateKey, new TextEncoder().encode(text))));

// verifySignedList's answer for `text`, and the longest text JSON.parse was given meanwhile.
async function read(text, publicKey) {
  const parse = JSON.parse;
  let longest = 0;
  JSON.parse = function (s, ...rest) {
    longest = Math.max(longest, String(s).length);
    return parse.call(this, s, ...rest);
  };
  try {
    const out = await verifySignedList(text, publicKey, readPayload);
    return { ok: true, out, longest };
  } catch (e) {
    return { ok: false, code: e.code, what: e.what, message: e.message, longest };
  } finally {
    JSON.parse = parse;
  }
}

test('a signed list\'s envelope: millions of keys, a top-level array, a member twice are refused before JSON.parse sees the body', async () => {
  const { pair, publicKey } = await keyPair();
  const signature = await sign(pair, PAYLOAD);
  const good = JSON.stringify({ vipguard_signed: 1, key_id: '0011223344556677', payload: PAYLOAD, signature });
  const fine = await read(good, publicKey);
  assert.ok(fine.ok, JSON.stringify(fine));
  assert.equal(fine.out.version, 1);

  const KEYS = 2_000_000; // 20 MB of `{"0":0,"1":0,…}`
  let many = '{';
  for (let i = 0; i < KEYS; i++) many += `"${i}":0,`;
  many += '"vipguard_signed":1}';
  const cases = [
    ['millions of keys', many, { code: 'format', what: { key: 'unknownField', args: ['0'] } }],
    ['the envelope, then another member', good.replace(/}$/, ',"extra":0}'), { code: 'format', what: { key: 'unknownField', args: ['extra'] } }],
    ['a top-level array', `[${'0,'.repeat(KEYS)}0]`, { code: 'format', what: { key: 'fileNotObject', args: [] } }],
    ['a key too long to be a member', `{"${'k'.repeat(KEYS)}":0}`, { code: 'format', what: { key: 'unknownField', args: [`${'k'.repeat(40)}…`] } }],
    ['nested brackets in a member', `{"payload":${'['.repeat(KEYS)}${']'.repeat(KEYS)}}`, { code: 'format', what: { key: 'nested', args: [] } }],
    // JSON.parse keeps the last of two, a signed payload here: the file is refused all the same.
    ['a member given twice', good.replace('"payload":', `"payload":"other","payload":`), { code: 'format', what: { key: 'fieldTwice', args: ['payload'] } }],
  ];
  for (const [what, text, expected] of cases) {
    const started = performance.now();
    const got = await read(text, publicKey);
    const ms = Math.round(performance.now() - started);
    console.log(`${what}: ${text.length} bytes, refused in ${ms} ms, longest text parsed ${got.longest}`);
    assert.equal(got.ok, false, `${what}: accepted`);
    assert.deepEqual({ code: got.code, what: got.what }, expected, `${what}: ${got.message}`);
    assert.ok(got.longest < 200, `${what}: JSON.parse was given ${got.longest} characters`);
  }
});
