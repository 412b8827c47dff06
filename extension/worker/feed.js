// The team's list feed: a signed list (shared/signed-list.js) fetched over HTTPS every 30 minutes and when
// the worker starts (chrome.alarms), conditionally (If-None-Match / If-Modified-Since), verified with the
// configured public key, refused when its version is lower than the one in use or equal with other
// contents, its list checked by the engine as an imported list is, and applied in one transaction of the
// private store with its shared decisions and its provenance: the next check uses it, no reload. Any
// failure keeps the last good list and is recorded in the feed's state for the options page to show.
import { checkList } from '../pkg/vipguard.js';
import { load } from './engine.js';
import { accountKey } from './results.js';
import { readBounded } from './bounded-body.js';
import { read, update } from './private-data.js';
import { verifySignedList, problem } from '../shared/signed-list.js';
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

// The body as text, cut at MAX_BYTES (a Content-Length above it is refused before reading).
async function boundedText(response) {
  const bytes = await readBounded(response, MAX_BYTES, (declared) => problem('tooBig',
    declared == null ? `feed: over the limit of ${MAX_BYTES} bytes` : `feed: ${declared} bytes, over the limit of ${MAX_BYTES}`, String(MAX_BYTES / 1048576)));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

// The state the options page shows: {url, version, name, date, accounts, payloadSha, etag, lastModified,
// lastSuccess, lastAttempt, error: {code, args} | null, outcome}.
async function recordState(change) {
  const out = await update([FEED_STATE_KEY], (s) => ({ [FEED_STATE_KEY]: change(s[FEED_STATE_KEY] || {}) }));
  return out[FEED_STATE_KEY];
}

async function refreshNow() {
  const { url, publicKey } = await feedConfig();
  const at = new Date().toISOString();
  if (!url) return { ...((await read([FEED_STATE_KEY]))[FEED_STATE_KEY] || {}), outcome: 'off' }; // no feed: nothing written
  const failed = (e) => {
    const error = { code: e.code || 'failed', args: e.args || [String(e && e.message || e)] };
    console.warn(`vipguard: feed ${url}: ${error.args[0]}`);
    return recordState((s) => ({ ...s, lastAttempt: at, outcome: 'failed', error }));
  };
  try {
    const u = checkFeedUrl(url);
    const state = (await read([FEED_STATE_KEY]))[FEED_STATE_KEY] || {};
    // Conditional only against the version in use from this same address.
    const same = state.url === u.href && state.version;
    const headers = {};
    if (same && state.etag) headers['If-None-Match'] = state.etag;
    if (same && state.lastModified) headers['If-Modified-Since'] = state.lastModified;
    let response;
    try {
      response = await fetch(u.href, { credentials: 'omit', cache: 'no-store', redirect: 'error', headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (e) {
      const allowed = await chrome.permissions.contains({ origins: [`${u.origin}/*`] }).catch(() => true);
      if (!allowed) throw problem('noAccess', `feed ${u.origin}: vipguard has not been allowed to reach this site (options page: Allow)`, u.origin);
      throw problem('unreachable', `feed ${u.href}: unreachable (${e.message})`, u.href, e.message);
    }
    if (response.status === 304) {
      return recordState((s) => ({ ...s, lastAttempt: at, lastSuccess: at, outcome: 'unchanged', error: null }));
    }
    if (!response.ok) throw problem('http', `feed ${u.href}: HTTP ${response.status}`, u.href, String(response.status));
    const text = await boundedText(response);
    const signed = await verifySignedList(text, publicKey);
    // A feed address is pinned to the list name it first applied: a list signed by the same key for
    // another feed (a higher version of another team's list) must not replace this one.
    if (state.version && state.url === u.href && state.name && signed.name !== state.name) {
      throw problem('otherList', `payload.name ${JSON.stringify(signed.name)}: this feed has served ${JSON.stringify(state.name)}; another list is refused (change the address to switch lists)`, signed.name, state.name);
    }
    if (state.version && state.url === u.href) {
      if (signed.version < state.version) throw problem('lower', `payload.version ${signed.version} is lower than the version in use (${state.version})`, String(signed.version), String(state.version));
      if (signed.version === state.version && signed.payloadSha !== state.payloadSha) {
        throw problem('sameVersion', `payload.version ${signed.version}: same as the version in use, with other contents (a changed list needs a new version)`, String(signed.version));
      }
    }
    const caching = { etag: response.headers.get('etag') || '', lastModified: response.headers.get('last-modified') || '' };
    if (signed.version === state.version && signed.payloadSha === state.payloadSha && state.url === u.href) {
      return recordState((s) => ({ ...s, ...caching, lastAttempt: at, lastSuccess: at, outcome: 'unchanged', error: null }));
    }
    await load().catch(() => {}); // the WASM package initialised (the engine's start does it)
    const listText = JSON.stringify(signed.list);
    const checked = checkWholeList(checkList, listText, 'json');
    if (!checked.ok) {
      const listed = checked.errors.slice(0, 5).map((e) => e.message).join('; ');
      throw problem('listErrors', `payload.list: ${checked.errors.length} problem(s): ${listed}`, String(checked.errors.length), listed);
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
      if (now.url === u.href && now.version && signed.version <= now.version) {
        refused = now;
        return {};
      }
      return {
        [LIST_KEY]: JSON.stringify(checked.list), [LIST_GEN_KEY]: crypto.randomUUID(), [LIST_DEMO_KEY]: false,
        [LIST_SOURCE_KEY]: source, [TEAM_DECISIONS_KEY]: team,
        [FEED_STATE_KEY]: { ...now, ...caching, url: u.href, version: signed.version, name: signed.name, date: signed.date, accounts,
          payloadSha: signed.payloadSha, keyId: signed.keyId, decisions: signed.decisions.length,
          lastAttempt: at, lastSuccess: at, applied: at, outcome: 'applied', error: null },
      };
    });
    // Another refresh applied this version or a later one meanwhile.
    if (refused && signed.version === refused.version) {
      if (signed.payloadSha === refused.payloadSha) return refused;
      throw problem('sameVersion', `payload.version ${signed.version}: applied meanwhile with other contents`, String(signed.version));
    }
    if (refused) throw problem('lower', `payload.version ${signed.version} is lower than the version in use (${refused.version})`, String(signed.version), String(refused.version));
    return (await read([FEED_STATE_KEY]))[FEED_STATE_KEY];
  } catch (e) {
    return failed(e);
  }
}
