// The team's list feed: a signed list (shared/signed-list.js) fetched over HTTPS every 30 minutes and when
// the worker starts (chrome.alarms), conditionally (If-None-Match / If-Modified-Since), verified with the
// configured public key, refused when its version is lower than the one in use or equal with other
// contents, its list checked by the engine as an imported list is, and applied in one transaction of the
// private store with its shared decisions and its provenance: the next check uses it, no reload. Any
// failure keeps the last good list and is recorded in the feed's state for the options page to show.
import { checkList, readFeedPayload } from '../pkg/vipguard.js';
import { load } from './engine.js';
import { accountKey } from './results.js';
import { readBounded } from './bounded-body.js';
import { read, update } from './private-data.js';
import { verifySignedList, problem, publicKeyBytes, keyId } from '../shared/signed-list.js';
import { checkWholeList } from '../shared/list-check.js';
import { managedPolicy } from '../shared/policy.js';
import {
  LIST_KEY, LIST_GEN_KEY, LIST_DEMO_KEY, LIST_SOURCE_KEY, TEAM_DECISIONS_KEY, FEED_CONFIG_KEY, FEED_STATE_KEY,
} from '../shared/private-store.js';

export const ALARM = 'vipguard-feed';
export const PERIOD_MINUTES = 30;
export const MAX_BYTES = 50 * 1024 * 1024; // a signed list of 100,000 accounts with avatar hashes is ~30 MB
const TIMEOUT_MS = 60000;

// The feed's address and key in effect: the policy's, else the reviewer's ({url, publicKey, locked}).
export async function feedConfig() {
  const [policy, own] = await Promise.all([managedPolicy(), read([FEED_CONFIG_KEY])]);
  const mine = own[FEED_CONFIG_KEY] || {};
  return {
    url: policy.feedUrl || mine.url || '',
    publicKey: policy.feedPublicKey || mine.publicKey || '',
  };
}

// An address the feed may be fetched from: https only, no user name or password in it.
export function checkFeedUrl(text) {
  let u;
  try {
    u = new URL(text);
  } catch {
    throw problem('badUrl', `feed address ${JSON.stringify(String(text).slice(0, 200))}: not an address`, String(text).slice(0, 200));
  }
  if (u.protocol !== 'https:') throw problem('notHttps', `feed address ${u.origin}: only https addresses are fetched (got ${u.protocol.slice(0, -1)})`, u.href);
  if (u.username || u.password) throw problem('credentials', 'feed address: a user name or password in the address is refused (they would be sent and stored in clear)', u.origin);
  return u;
}

// The schedule: every 30 minutes, and now (the worker's start, an install, a changed address or key).
export function schedule() {
  chrome.alarms?.get?.(ALARM).then((a) => {
    if (!a || a.periodInMinutes !== PERIOD_MINUTES) chrome.alarms.create(ALARM, { periodInMinutes: PERIOD_MINUTES });
  }).catch(() => {});
}

// One refresh at a time; a refresh asked while one runs waits for it, then runs once more.
let running = null;
export function refresh() {
  const next = (running || Promise.resolve()).catch(() => {}).then(() => refreshNow());
  running = next;
  return next.finally(() => { if (running === next) running = null; });
}

// The time limit of a fetch ran out (a TimeoutError from AbortSignal.timeout, before the answer or
// during its body): said in the language of the reviewer, not in the English of the browser ("signal
// timed out").
const timedOut = (e, u) => (e && e.name === 'TimeoutError'
  ? problem('timeout', `feed ${u.href}: no whole answer within ${TIMEOUT_MS / 1000} s`, u.href, String(TIMEOUT_MS / 1000)) : e);

// The body as text, cut at MAX_BYTES (a Content-Length above it is refused before reading).
async function boundedText(response, u) {
  const bytes = await readBounded(response, MAX_BYTES, (declared) => problem('tooBig',
    declared == null ? `feed: over the limit of ${MAX_BYTES} bytes` : `feed: ${declared} bytes, over the limit of ${MAX_BYTES}`, String(MAX_BYTES / 1048576)))
    .catch((e) => { throw timedOut(e, u); });
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

// An ETag or Last-Modified is kept, and sent back, only while a request header can carry it: at most
// MAX_VALIDATOR characters of visible ASCII. Issue 26's red team: one answer with a 20,000-character
// ETag made every later conditional request fail (HTTP 431; nginx refuses headers over 8 KB) for good.
const MAX_VALIDATOR = 1024;
const sendable = (v) => (typeof v === 'string' && v.length <= MAX_VALIDATOR && /^[\x20-\x7e]*$/.test(v) ? v : '');

// The state the options page shows: {url, version, name, date, accounts, payloadSha, etag, lastModified,
// lastSuccess, lastAttempt, error: {code, args} | null, outcome}.
async function recordState(change) {
  const out = await update([FEED_STATE_KEY], (s) => ({ [FEED_STATE_KEY]: change(s[FEED_STATE_KEY] || {}) }));
  return out[FEED_STATE_KEY];
}

// What the extension remembers of each feed it has applied, by key id and address (`memoryKey`): the
// version, list name and payload hash it applied, and the ETag / Last-Modified that came with it. A version
// is compared only with the same address and key's memory: a new address, or a new key for the same one (a
// team's key rotated, or another team's feed), starts afresh, while going back to an address remembers
// what it served, so it cannot be rolled back either. At most MEMORY_SIZE feeds, the most recent kept.
const MEMORY_SIZE = 20;
const memoryKey = (keyIdHex, href) => `${keyIdHex} ${href}`;
function remembered(state, key) {
  if (state.memory && state.memory[key]) return state.memory[key];
  // A state written before the memory existed: its one feed (its key id was recorded with it).
  if (!state.memory && state.version && memoryKey(state.keyId, state.url) === key) {
    return { version: state.version, name: state.name, payloadSha: state.payloadSha, etag: state.etag, lastModified: state.lastModified };
  }
  return null;
}
function remember(state, key, entry) {
  const memory = { ...(state.memory || {}) };
  delete memory[key];
  memory[key] = entry; // insertion order is recency: the oldest first
  const keys = Object.keys(memory);
  for (const k of keys.slice(0, Math.max(0, keys.length - MEMORY_SIZE))) delete memory[k];
  return memory;
}

// The feed fetched, conditionally when this address and key gave an ETag or Last-Modified. Without
// access to the feed's site the browser fetches it as a cross-origin request: the response is readable
// only with `Access-Control-Allow-Origin`, its ETag and Last-Modified only when the server lists them in
// `Access-Control-Expose-Headers`, and a conditional request may be refused where a plain one is not (a
// 304 sent without the CORS headers, or a preflight for If-None-Match refused: docs/feed.md, "Serving the
// feed"). Then the feed is fetched once more without those headers, so a server that allows the origin
// still works, fetched whole; `conditionalRefused` says so, and refreshNow remembers it for a day.
// A conditional request answered with 400, 412 or 431 (a server or proxy that refuses the validators it
// gave, or cannot take them back: HTTP 431 from node for a 20,000-character ETag, 400 from nginx over
// 8 KB) is made once more without them, and remembered as a refusal like CORS's. Any other 4xx (a 404, a
// 429) says nothing about the validators: it is the answer, and asking again at once would only download
// the whole list at every check for a day (issue 32's review).
const REFUSES_VALIDATORS = [400, 412, 431];
async function fetchFeed(u, seen) {
  const headers = {};
  if (seen && sendable(seen.etag)) headers['If-None-Match'] = seen.etag;
  if (seen && sendable(seen.lastModified)) headers['If-Modified-Since'] = seen.lastModified;
  const get = (h) => fetch(u.href, { credentials: 'omit', cache: 'no-store', redirect: 'error', headers: h, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const allowed = () => chrome.permissions.contains({ origins: [`${u.origin}/*`] }).catch(() => true);
  const conditional = Object.keys(headers).length > 0;
  try {
    const response = await get(headers);
    if (conditional && REFUSES_VALIDATORS.includes(response.status)) {
      response.body?.cancel().catch(() => {});
      return { response: await get({}), conditional: false, conditionalRefused: true };
    }
    return { response, conditional };
  } catch (e) {
    if (e && e.name === 'TimeoutError') throw timedOut(e, u);
    const granted = await allowed();
    if (!granted && Object.keys(headers).length) {
      try {
        return { response: await get({}), conditional: false, conditionalRefused: true };
      } catch { /* said below */ }
    }
    if (!granted) throw problem('noAccess', `feed ${u.origin}: vipguard has not been allowed to reach this site, and the site does not allow it by CORS (docs/feed.md)`, u.origin);
    throw problem('unreachable', `feed ${u.href}: unreachable (${e.message})`, u.href, e.message);
  }
}

// A refusal of conditional requests (`{key, at}`: the feed's memoryKey, when) holds for the same address
// and key for REFUSAL_MS; a new address or key, or a day later (a server fixed meanwhile), asks
// conditionally again.
const REFUSAL_MS = 24 * 60 * 60 * 1000;
function stillRefused(refusal, key, now) {
  return !!refusal && refusal.key === key && now - Date.parse(refusal.at) < REFUSAL_MS;
}

async function refreshNow() {
  const { url, publicKey } = await feedConfig();
  const at = new Date().toISOString();
  if (!url) return { ...((await read([FEED_STATE_KEY]))[FEED_STATE_KEY] || {}), outcome: 'off' }; // no feed: nothing written
  const failed = (e) => {
    // `what` and `list`: the detail in a form the options page words in its language (feed-panel.js).
    // Only this file's own codes (problem()): a DOMException's code is a number, with no words of its own.
    const error = { code: typeof e.code === 'string' ? e.code : 'failed', args: e.args || [String(e && e.message || e)], ...(e.what ? { what: e.what } : {}), ...(e.list ? { list: e.list } : {}) };
    console.warn(`vipguard: feed ${url}: ${error.args[0]}`);
    return recordState((s) => ({ ...s, lastAttempt: at, outcome: 'failed', error }));
  };
  try {
    const u = checkFeedUrl(url);
    const mkey = memoryKey(await keyId(publicKeyBytes(publicKey)), u.href);
    const state = (await read([FEED_STATE_KEY]))[FEED_STATE_KEY] || {};
    const seen = remembered(state, mkey);
    // Conditional only when the list in use came from this feed: a 304 keeps the list in use.
    const current = memoryKey(state.keyId, state.url) === mkey;
    // Conditional requests this feed refused (refusedConditional) are not tried again for a day: the
    // feed is fetched once, whole, instead of refused and then fetched.
    const refusedBefore = stillRefused(state.refusedConditional, mkey, Date.parse(at));
    const { response, conditional, conditionalRefused } = await fetchFeed(u, current && !refusedBefore ? seen : null);
    // Whether the server let the extension make a conditional request (the options page says when not).
    const how = {
      conditional,
      conditionalRefused: !!conditionalRefused || !!refusedBefore,
      refusedConditional: conditionalRefused ? { key: mkey, at } : refusedBefore ? state.refusedConditional : null,
    };
    if (response.status === 304) {
      // "Not modified" means something only as the answer to a conditional request: otherwise it could keep
      // the list of the feed before (another address or key) as this one's.
      if (!conditional) throw problem('unasked304', `feed ${u.href}: HTTP 304 to a request that asked nothing (no If-None-Match or If-Modified-Since)`, u.href);
      return recordState((s) => ({ ...s, ...how, lastAttempt: at, lastSuccess: at, outcome: 'unchanged', error: null }));
    }
    if (!response.ok) throw problem('http', `feed ${u.href}: HTTP ${response.status}`, u.href, String(response.status));
    const text = await boundedText(response, u);
    await load().catch(() => {}); // the WASM package initialised (the engine's start does it): it reads the payload
    const signed = await verifySignedList(text, publicKey, readFeedPayload);
    // A feed (address and key) is pinned to the list name it first applied: a list signed by the same key
    // for another feed (a higher version of another team's list) must not replace this one.
    if (seen && seen.name && signed.name !== seen.name) {
      throw problem('otherList', `payload.name ${JSON.stringify(signed.name)}: this feed has served ${JSON.stringify(seen.name)}; another list is refused (change the address to switch lists)`, signed.name, seen.name);
    }
    if (seen) {
      if (signed.version < seen.version) throw problem('lower', `payload.version ${signed.version} is lower than the version this feed served (${seen.version})`, String(signed.version), String(seen.version));
      if (signed.version === seen.version && signed.payloadSha !== seen.payloadSha) {
        throw problem('sameVersion', `payload.version ${signed.version}: same as the version in use, with other contents (a changed list needs a new version)`, String(signed.version));
      }
    }
    // Readable only when the site is allowed, or its CORS headers expose them.
    const caching = { etag: sendable(response.headers.get('etag')), lastModified: sendable(response.headers.get('last-modified')) };
    const inUse = state.url === u.href && state.keyId === signed.keyId && state.payloadSha === signed.payloadSha;
    if (inUse) {
      return recordState((s) => ({ ...s, ...caching, ...how, memory: remember(s, mkey, { ...remembered(s, mkey), ...caching }),
        lastAttempt: at, lastSuccess: at, outcome: 'unchanged', error: null }));
    }
    // The list as it was signed, read by the engine (a field named twice refused, as `vipguard verify` does).
    const checked = checkWholeList(checkList, signed.listText, 'json');
    if (!checked.ok) {
      const first = checked.errors.slice(0, 5);
      const listed = first.map((e) => e.message).join('; ');
      throw Object.assign(problem('listErrors', `payload.list: ${checked.errors.length} problem(s): ${listed}`, String(checked.errors.length), listed),
        // Lines are the payload's one line of JSON: named by field instead, under payload.list as the CLI names them.
        { list: first.map(({ message, field, code, args }) => ({ message, line: null, field: field && `payload.list.${field}`, code,
          args: code === 'duplicate_id' ? args.slice(0, 1) : args })) });
    }
    const accounts = checked.list.accounts.length;
    const source = { kind: 'feed', name: signed.name, version: signed.version, date: signed.date, accounts, at, url: u.href, keyId: signed.keyId };
    const team = {};
    // Per account the latest decision stands (as `vipguard decisions merge` keeps it).
    for (const d of signed.decisions) {
      const key = accountKey(d.platform, d.handle);
      if (!team[key] || Date.parse(d.at) >= Date.parse(team[key].at)) team[key] = d;
    }
    // All of it in one transaction, the version compared again inside it (another context's refresh).
    let refused = null;
    await update([FEED_STATE_KEY], (s) => {
      const now = s[FEED_STATE_KEY] || {};
      const mine = remembered(now, mkey);
      // Going back to a feed's version already applied, while another feed's list is in use, is allowed.
      const back = signed.version === mine?.version && signed.payloadSha === mine.payloadSha && memoryKey(now.keyId, now.url) !== mkey;
      if (mine && signed.version <= mine.version && !back) {
        refused = mine;
        return {};
      }
      const entry = { version: signed.version, name: signed.name, payloadSha: signed.payloadSha, ...caching };
      return {
        [LIST_KEY]: JSON.stringify(checked.list), [LIST_GEN_KEY]: crypto.randomUUID(), [LIST_DEMO_KEY]: false,
        [LIST_SOURCE_KEY]: source, [TEAM_DECISIONS_KEY]: team,
        [FEED_STATE_KEY]: { ...now, ...caching, ...how, url: u.href, version: signed.version, name: signed.name, date: signed.date, accounts,
          toEnrolAgain: checked.summary.toEnrolAgain || 0,
          payloadSha: signed.payloadSha, keyId: signed.keyId, decisions: signed.decisions.length, memory: remember(now, mkey, entry),
          lastAttempt: at, lastSuccess: at, applied: at, outcome: 'applied', error: null },
      };
    });
    // Another refresh applied this version or a later one meanwhile.
    if (refused && signed.version === refused.version) {
      if (signed.payloadSha === refused.payloadSha) return (await read([FEED_STATE_KEY]))[FEED_STATE_KEY];
      throw problem('sameVersion', `payload.version ${signed.version}: applied meanwhile with other contents`, String(signed.version));
    }
    if (refused) throw problem('lower', `payload.version ${signed.version} is lower than the version this feed served (${refused.version})`, String(signed.version), String(refused.version));
    return (await read([FEED_STATE_KEY]))[FEED_STATE_KEY];
  } catch (e) {
    return failed(e);
  }
}
