// A signed protected list, as the team's feed serves it and `vipguard sign` writes it (the format is fixed
// in docs/feed.md, with the extension side): the signature checked with WebCrypto's Ed25519 against the
// public key the reviewer or the organisation configured (never a key taken from the file), and only
// then the payload read and its fields checked. Also the reviewer's decisions export, in the same format.
// Every error names the field it is about; an Error's `code` and `args` let a page say it in its language.

const MAX_SAFE = Number.MAX_SAFE_INTEGER; // 2^53 - 1
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DECISIONS = ['not_impersonator', 'confirmed'];

// Unknown fields are refused, as `vipguard verify` refuses them: a file both sides read the same way.
function onlyKnown(obj, known, where) {
  const extra = Object.keys(obj).find((k) => !known.includes(k));
  const field = `${where === 'file' ? '' : `${where}.`}${extra}`;
  if (extra !== undefined) throw worded(where === 'file' ? 'format' : 'payload', 'unknownField', [field], `${field}: unknown field`);
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
  return raw;
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

// JSON text scanned without building it, in one pass and constant stack: a key given twice in one object
// is refused (the CLI's readers refuse it: serde's "duplicate field"), and so is nesting deeper than
// `maxDepth` (an object or array inside the top one is depth 2). Returns the raw text of each member of
// the top object, the last one kept for a key named twice (for an envelope, as JavaScript and the CLI
// keep it). Syntax itself is left to JSON.parse afterwards: the scan only has to be right on text that
// parses. `what(code, args)` makes the error.
function scanJson(text, maxDepth, what, { duplicates = 'refuse' } = {}) {
  const open = []; // per container: the keys seen (an object: an array, objects have few) or null (an array)
  const members = new Map();
  let expectKey = false;
  let topKey = null;
  let valueFrom = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) { // a string: skipped whole; a key is compared with the object's others
      let j = i + 1;
      let escaped = false;
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x5c) {
          j++;
          escaped = true;
        } else if (d === 0x22) break;
      }
      const keys = open.length ? open[open.length - 1] : null;
      if (keys && expectKey) {
        let key = text.slice(i + 1, j);
        if (escaped) {
          try {
            key = JSON.parse(text.slice(i, j + 1));
          } catch {
            return members; // not JSON: JSON.parse says where
          }
        }
        if (duplicates === 'refuse') {
          if (keys.includes(key)) throw what('duplicateKey', [key.slice(0, 100)]);
          keys.push(key);
        }
        if (open.length === 1) topKey = key;
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) { // { [
      if (open.length >= maxDepth) throw what('tooDeep', [String(maxDepth)]);
      open.push(c === 0x7b ? [] : null);
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d || c === 0x2c) { // } ] ,
      if (open.length === 1 && valueFrom >= 0) {
        members.set(topKey, text.slice(valueFrom, i).trim());
        valueFrom = -1;
      }
      if (c === 0x2c) expectKey = open.length > 0 && open[open.length - 1] !== null;
      else open.pop();
    } else if (c === 0x3a && open.length === 1) { // : in the top object
      valueFrom = i + 1;
    }
  }
  return members;
}

// How deep a payload may nest: a list is 6 deep (payload, list, accounts, account, handles, handle); the
// CLI's reader stops at 128, and refuses anything deeper than the format's fields anyway.
export const MAX_PAYLOAD_DEPTH = 32;

// The signed file's envelope: {payloadText, signature (64 bytes), keyId}. Its shape is checked before it
// is parsed: one flat object (its four fields are a number and three strings), so a body of nested
// brackets (50 MB of them cost the worker 2 GB in JSON.parse: issue 26's red team) is refused in one
// pass, with no signature needed and nothing built.
function envelope(text) {
  const raw = scanJson(text, 1, (key, args) => worded('format', key === 'tooDeep' ? 'nested' : key, key === 'tooDeep' ? [] : args,
    key === 'tooDeep' ? 'it nests objects or arrays, where a signed list is one flat object' : `${args[0]}: named twice`),
  { duplicates: 'last' });
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
  onlyKnown(file, ['vipguard_signed', 'key_id', 'payload', 'signature'], 'file');
  for (const field of ['key_id', 'payload', 'signature']) {
    if (typeof file[field] !== 'string') throw worded('format', 'missingString', [field], `${field}: missing or not a string`);
  }
  const signature = fromBase64(file.signature, 'signature');
  if (signature.length !== 64) throw worded('format', 'signatureBytes', [signature.length], `signature: ${signature.length} bytes, an Ed25519 signature has 64`);
  return { payloadText: file.payload, signature, keyId: file.key_id };
}

// The payload's fields, checked: {name, version, date, list, decisions}. The list itself is checked by the
// engine afterwards, exactly as an imported list is (list-check.js).
export function checkPayload(payloadText) {
  // Before JSON.parse: a key named twice (JavaScript would keep the last, the CLI refuses it) and nesting
  // no list has.
  const raw = scanJson(payloadText, MAX_PAYLOAD_DEPTH, (key, args) => worded('payload', key, args,
    key === 'tooDeep' ? `payload: nested deeper than ${args[0]}` : `payload: the field ${JSON.stringify(args[0])} is named twice in one object`));
  let p;
  try {
    p = JSON.parse(payloadText);
  } catch (e) {
    throw worded('payload', 'payloadNotJson', [e.message], `payload: not JSON (${e.message})`);
  }
  if (!p || typeof p !== 'object' || Array.isArray(p)) throw worded('payload', 'notJsonObject', ['payload'], 'payload: not a JSON object');
  onlyKnown(p, ['name', 'version', 'date', 'list', 'decisions'], 'payload');
  // Code points, as the CLI counts them (`.length` would count UTF-16 units).
  if (typeof p.name !== 'string' || !p.name.trim() || [...p.name].length > 200) throw worded('payload', 'name', [], 'payload.name: must be text of 1 to 200 characters');
  // A JSON integer as written: 5.0 and 5e0 are refused, as the CLI refuses them.
  if (!Number.isInteger(p.version) || p.version < 1 || p.version > MAX_SAFE || !/^[1-9][0-9]*$/.test(raw.get('version') || '')) {
    const shown = (raw.get('version') ?? 'undefined').slice(0, 40);
    throw worded('payload', 'version', [shown], `payload.version: ${shown}, must be an integer from 1 to 2^53-1`);
  }
  if (typeof p.date !== 'string' || !RFC3339_UTC.test(p.date) || Number.isNaN(Date.parse(p.date))) {
    throw worded('payload', 'date', ['payload.date', JSON.stringify(p.date)], `payload.date: ${JSON.stringify(p.date)}, must be an RFC 3339 UTC time`);
  }
  if (!p.list || typeof p.list !== 'object' || !Array.isArray(p.list.accounts)) throw worded('payload', 'listShape', [], 'payload.list: must be a protected list, {"accounts": [...]}');
  const decisions = checkDecisions(p.decisions ?? [], 'payload.decisions');
  return { name: p.name, version: p.version, date: p.date, list: p.list, decisions };
}

// Shared decisions ([] when absent), each checked; `where` names the array in errors.
export function checkDecisions(list, where) {
  if (!Array.isArray(list)) throw worded('payload', 'array', [where], `${where}: must be an array`);
  return list.map((d, i) => {
    const at = `${where}[${i}]`;
    if (!d || typeof d !== 'object' || Array.isArray(d)) throw worded('payload', 'notObject', [at], `${at}: not an object`);
    onlyKnown(d, ['platform', 'handle', 'decision', 'by', 'at', 'note', 'match'], at);
    for (const k of ['platform', 'handle', 'by', 'at']) {
      if (typeof d[k] !== 'string' || !d[k] || d[k].length > 320) throw worded('payload', 'text', [`${at}.${k}`], `${at}.${k}: must be text of 1 to 320 characters`);
    }
    if (!DECISIONS.includes(d.decision)) {
      throw worded('payload', 'decision', [`${at}.decision`, JSON.stringify(d.decision)], `${at}.decision: ${JSON.stringify(d.decision)}, must be "not_impersonator" or "confirmed"`);
    }
    if (!RFC3339_UTC.test(d.at) || Number.isNaN(Date.parse(d.at))) {
      throw worded('payload', 'date', [`${at}.at`, JSON.stringify(d.at)], `${at}.at: ${JSON.stringify(d.at)}, must be an RFC 3339 UTC time`);
    }
    if (d.note != null && (typeof d.note !== 'string' || d.note.length > 1000)) throw worded('payload', 'note', [`${at}.note`], `${at}.note: must be text of at most 1000 characters`);
    if (d.match != null && typeof d.match !== 'string') throw worded('payload', 'match', [`${at}.match`], `${at}.match: must be an account id or null`);
    return { platform: d.platform, handle: d.handle, decision: d.decision, by: d.by, at: d.at, note: d.note || '', match: d.match ?? null };
  });
}

// Verifies signed file `text` with `publicKey` (base64) and returns its checked payload, with
// `payloadSha` (SHA-256 of the signed text) and `keyId` (the configured key's). Throws with a code:
// badKey, format, badSignature, payload.
export async function verifySignedList(text, publicKey) {
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
  return { ...checkPayload(payloadText), payloadSha: await sha256Hex(payloadText), keyId: id };
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
