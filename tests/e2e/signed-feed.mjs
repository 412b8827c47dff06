// Signed list files for the feed tests, made at test time with node's Ed25519 in the format of the feed
// spec (docs/feed.md): a throwaway key pair, a signed file for any payload, and the ways a file goes
// wrong (another key's signature, a payload changed after signing). The CLI's `vipguard sign` writes
// the same format; the lead cross-checks the two at merge.
import crypto from 'node:crypto';

// A key pair: {publicKey (base64 of the 32 raw bytes), keyId (16 hex), sign(bytes) -> base64}.
export function keyPair() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    publicKey: raw.toString('base64'),
    keyId: crypto.createHash('sha256').update(raw).digest('hex').slice(0, 16),
    sign: (bytes) => crypto.sign(null, Buffer.from(bytes), privateKey).toString('base64'),
    secretLine: `vipguard-secret-key-1 ${privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32).toString('base64')}`,
  };
}

// The payload's JSON text: {name, version, date, list, decisions?}.
export const payloadText = ({ name = 'Team VIPs', version, date = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), list, decisions }) =>
  JSON.stringify({ name, version, date, list, ...(decisions ? { decisions } : {}) });

// A signed list file's text for `payload` (text) signed by `key`.
export function signedFile(key, payload) {
  return JSON.stringify({ vipguard_signed: 1, key_id: key.keyId, payload, signature: key.sign(Buffer.from(payload, 'utf8')) }, null, 2);
}

// The same file with its payload changed after signing (`change(payloadObject)` edits it in place).
export function tampered(fileText, change) {
  const file = JSON.parse(fileText);
  const payload = JSON.parse(file.payload);
  change(payload);
  return JSON.stringify({ ...file, payload: JSON.stringify(payload) }, null, 2);
}
