// A signed protected list, as the team's feed serves it and `vipguard sign` writes it (the format is fixed
// in docs/feed.md, with the extension side): the signature checked with WebCrypto's Ed25519 against the
// public key the reviewer or the organisation configured (never a key taken from the file), and only
// then the payload read, by the engine's own reader (the WASM package's `readFeedPayload`, handed in by
// the caller: shared/ imports nothing else of the extension's), so that the extension takes exactly the
// payloads `vipguard verify` takes. Also the reviewer's decisions export, in the same format. Every error
// names the field it is about; an Error's `code` and `args` let a page say it in its language.

const DECISIONS = ['not_impersonator', 'confirmed'];

// Unknown fields are refused, as `vipguard verify` refuses them: a file both sides read the same way.
function onlyKnown(obj, known) {
  const extra = Object.keys(obj).find((k) => !known.includes(k));
  if (extra !== undefined) throw worded('format', 'unknownField', [extra], `${extra}: unknown field`);
}

// An Error with `code` and `args`: the words a page fills in for it (feedError_<code>), the detail
// itself when no others are given.
export function problem(code, detail, ...args) {
  return Object.assign(new Error(detail), { code, args: args.length ? args : [detail] });
}

// A problem whose detail a page words too: `what` is {key, args}, the catalogue's feedWhat_<key>, whose
// English is `detail`.
function worded(code, key, args, detail) {
  return Object.assign(problem(code, detail), { what: { key, args: args.map(String) } });
}

function fromBase64(text, what) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text.trim()) || text.trim().length % 4) {
    throw worded('format', 'notBase64', [what], `${what}: not standard base64`);
  }
  return Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0));
}

// The configured public key (44 characters of base64) as its 32 bytes; throws naming what is wrong.
export function publicKeyBytes(text) {
  const t = String(text || '').trim();
  if (!t) throw worded('badKey', 'keyNone', [], 'public key: none configured');
  let raw;
  try {
    raw = fromBase64(t, 'public key');
  } catch {
    throw worded('badKey', 'keyBase64', [], 'public key: not standard base64');
  }
  if (raw.length !== 32) throw worded('badKey', 'keyBytes', [raw.length], `public key: ${raw.length} bytes, an Ed25519 public key has 32`);
  if (smallOrder(raw)) throw worded('badKey', 'keyWeak', [], 'public key: a weak key (a point of small order), which anyone can sign for');
  return raw;
}

// The eight Ed25519 points of small order (1, 2, 4 and 8) as key encodings, their sign bit (the last
// byte's top bit) left out: y = 0, 1, p-1, the two y of the points of order 8, and 0 and 1 written
// non-canonically as p and p+1. Under such a key a signature verifies with no secret (R one of the key's
// few multiples, S = 0: Chromium's WebCrypto accepted one for half of all payloads under the all-zero key,
// issue 26's red team). RFC 8032 does not exclude them; the CLI's `verify_strict` and its key reader
// (ed25519-dalek's `is_weak`) do, and feed-format.test.mjs checks that the CLI refuses each of these.
const SMALL_ORDER = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];
function smallOrder(raw) {
  const hex = [...raw].map((b, i) => (i === 31 ? b & 0x7f : b).toString(16).padStart(2, '0')).join('');
  return SMALL_ORDER.includes(hex);
}

// The key id people see: the first 8 bytes of SHA-256 of the raw public key, as 16 lowercase hex digits.
export async function keyId(raw) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(text) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// The envelope's members, the only ones a signed file has.
const ENVELOPE = ['vipguard_signed', 'key_id', 'payload', 'signature'];
// The longest a member's name can be written (each of its 15 characters escaped as \uXXXX, quoted): a
// longer key is unknown without being read.
const LONGEST_NAME = 15 * 6 + 2;

// A signed file's top object scanned in one pass without building anything: its members' raw texts, or
// an error thrown as soon as the text cannot be an envelope: a top-level array, a member whose name is
// not one of the envelope's four (the first such key: 52 MB of `{"0":0,"1":0,…}`, 5.4 million keys,
// took JSON.parse 32 s and 1.24 GB before being refused: issue 32's review), a member given twice (so
// at most four members are ever read), or `nested()` as soon as an object or array opens inside the
// top one. The scan stops where the top object closes. Syntax itself is left to JSON.parse afterwards:
// the scan only has to be right on text that parses, and to refuse early what could not be an envelope.
function flatMembers(text, nested) {
  const members = new Map();
  let depth = 0;
  let expectKey = false;
  let key = null;
  let valueFrom = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) { // a string, skipped whole; a key is checked
      let j = i + 1;
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x5c) j++;
        else if (d === 0x22) break;
      }
      if (expectKey) {
        const quoted = text.slice(i, Math.min(j + 1, i + LONGEST_NAME + 1));
        try {
          key = j + 1 - i <= LONGEST_NAME ? JSON.parse(quoted) : null;
        } catch {
          return members; // not JSON: JSON.parse says where
        }
        if (!ENVELOPE.includes(key)) {
          const shown = key ?? `${quoted.slice(1, 41)}…`;
          throw worded('format', 'unknownField', [shown], `${shown}: unknown field`);
        }
        if (members.has(key)) throw worded('format', 'fieldTwice', [key], `${key}: given twice`);
        members.set(key, null);
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) { // { [
      if (depth > 0) throw nested();
      if (c === 0x5b) throw worded('format', 'fileNotObject', [], 'not a JSON object');
      depth = 1;
      expectKey = true;
    } else if (c === 0x7d || c === 0x2c) { // } ,
      if (valueFrom >= 0) members.set(key, text.slice(valueFrom, i).trim());
      valueFrom = -1;
      expectKey = c === 0x2c && depth === 1;
      if (c === 0x7d) return members; // the top object closed: whatever follows is JSON.parse's
    } else if (c === 0x3a && depth === 1) { // :
      valueFrom = i + 1;
    }
  }
  return members;
}

// The signed file's envelope: {payloadText, signature (64 bytes), keyId}. Its shape is checked before it
// is parsed: one flat object of the envelope's members, each at most once (its four fields are a number
// and three strings), so a body of nested brackets (50 MB of them cost the worker 2 GB in JSON.parse:
// issue 26's red team), a top-level array or an object of millions of keys (1.24 GB: issue 32's review)
// is refused in one pass, with no signature needed and nothing built.
function envelope(text) {
  const raw = flatMembers(text, () => worded('format', 'nested', [], 'it nests objects or arrays, where a signed list is one flat object'));
  let file;
  try {
    file = JSON.parse(text);
  } catch (e) {
    throw worded('format', 'notJson', [e.message], `not JSON (${e.message})`);
  }
  if (!file || typeof file !== 'object' || Array.isArray(file)) throw worded('format', 'fileNotObject', [], 'not a JSON object');
  // The integer 1, as the CLI reads it (1.0 is another format version there).
  if (file.vipguard_signed !== 1 || raw.get('vipguard_signed') !== '1') {
    const shown = (raw.get('vipguard_signed') ?? 'undefined').slice(0, 40);
    throw worded('format', 'notSigned', [shown], `vipguard_signed: ${shown}, expected 1 (not a vipguard signed list)`);
  }
  onlyKnown(file, ['vipguard_signed', 'key_id', 'payload', 'signature']);
  for (const field of ['key_id', 'payload', 'signature']) {
    if (typeof file[field] !== 'string') throw worded('format', 'missingString', [field], `${field}: missing or not a string`);
  }
  const signature = fromBase64(file.signature, 'signature');
  if (signature.length !== 64) throw worded('format', 'signatureBytes', [signature.length], `signature: ${signature.length} bytes, an Ed25519 signature has 64`);
  return { payloadText: file.payload, signature, keyId: file.key_id };
}

// Verifies signed file `text` with `publicKey` (base64), then reads its payload with `readPayload` (the
// WASM package's `readFeedPayload`): {name, version, date, decisions, listText (the list's JSON text, to
// check with `checkList` as an imported list is), payloadSha (SHA-256 of the signed text), keyId (the
// configured key's)}. Throws with a code: badKey, format, badSignature, payload (its problems as `list`,
// coded as a list's are: list-check.js words them).
export async function verifySignedList(text, publicKey, readPayload) {
  const raw = publicKeyBytes(publicKey);
  const { payloadText, signature } = envelope(text);
  const id = await keyId(raw);
  let key;
  try {
    key = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
  } catch (e) {
    throw worded('badKey', 'keyRefused', [e.message], `public key: refused by the browser (${e.message})`);
  }
  const ok = await crypto.subtle.verify('Ed25519', key, signature, new TextEncoder().encode(payloadText));
  if (!ok) throw problem('badSignature', `signature: does not verify with the configured public key (key id ${id})`, id);
  const read = readPayload(payloadText);
  if (!read.ok) {
    const listed = read.errors.slice(0, 5);
    throw Object.assign(problem('payload', `payload: ${read.errorCount} problem(s): ${listed.map((e) => e.message).join('; ')}`),
      { list: listed });
  }
  const decisions = read.decisions.map((d) => ({ ...d, note: d.note || '', match: d.match ?? null }));
  return { name: read.name, version: read.version, date: read.date, decisions, listText: read.list, payloadSha: await sha256Hex(payloadText), keyId: id };
}

// The reviewer's own decisions as the spec's export: `decided` is the private store's
// {platform:handle: [latest first]}; only a standing "confirmed" or "not_impersonator" is exported.
export function decisionsExport(decided, by, now = new Date()) {
  const decisions = [];
  for (const [key, history] of Object.entries(decided || {})) {
    const latest = history && history[0];
    if (!latest || !DECISIONS.includes(latest.decision)) continue;
    const cut = key.indexOf(':');
    decisions.push({ platform: key.slice(0, cut), handle: key.slice(cut + 1), decision: latest.decision, by: by || '',
      at: new Date(latest.at).toISOString().replace(/\.\d{3}Z$/, 'Z'), note: latest.note || '', match: latest.match || null });
  }
  decisions.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { vipguard_decisions: 1, by: by || '', exported: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), decisions };
}
