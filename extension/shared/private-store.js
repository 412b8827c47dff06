// The extension's private data: the protected list (and the id of its version), the avatar thumbnails,
// the reviewer's decisions and allow-list, the review queue and the reviewer id. It lives in the extension
// origin's IndexedDB, because content scripts run with the page's origin and cannot open it, whereas
// they (and so a compromised page process) can read chrome.storage.local and .sync whole. Only settings
// that reveal neither protected accounts nor the reviewer's work stay in chrome.storage.local.
//
// IndexedDB has no change event: whoever writes announces the keys it changed on a BroadcastChannel,
// which every other extension context that is running hears (pages, the service worker or Firefox's event
// page, the options page's list worker), and to this context's own listeners. A stopped service worker
// hears nothing and needs nothing: it reads everything again when it starts.
import { objectStore } from './idb.js';

export const LIST_KEY = 'protectedList'; // the list as JSON text (older versions: an object)
export const LIST_GEN_KEY = 'listGen'; // a fresh id written with every change of the list (engine.js)
export const LIST_DEMO_KEY = 'listIsDemo';
export const THUMBS_KEY = 'avatarThumbs'; // {account id: data: URL}
export const DECISIONS_KEY = 'reviewerDecisions';
export const ALLOW_KEY = 'reviewerAllow';
export const QUEUE_KEY = 'reviewQueue';
export const REVIEWER_KEY = 'reviewerId';
// Where the list in use came from, written with it: {kind: 'feed', name, version, date, accounts, at} or
// {kind: 'file', file, accounts, at} (also 'demo', 'edit'); every verdict names it (provenance).
export const LIST_SOURCE_KEY = 'listSource';
export const TEAM_DECISIONS_KEY = 'teamDecisions'; // {platform:handle: {decision, by, at, note, match}} from the feed
export const FEED_CONFIG_KEY = 'feedConfig'; // {url, publicKey} as the reviewer set them (a policy's win)
export const COLUMN_MAPS_KEY = 'bulkColumnMaps'; // {header key: {field: column}}: the bulk page's column choices per sheet header
export const FEED_STATE_KEY = 'feedState'; // the feed's last good version and its last attempt (worker/feed.js)
// Why the engine could not use the stored list ({gen, error: checkList's first problem, errorCount}),
// written by the worker (engine.js) and said by the options page and the popup (listRefusal below).
export const LIST_REFUSED_KEY = 'listRefused';
// The settings that decide what is checked, flagged and kept ({paused, sensitivity, sites, auditDays}: settings.js).
export const SETTINGS_KEY = 'settings';

const transaction = objectStore('vipguard-private', (db) => db.createObjectStore('values'), 'values', 'private store');

// Resolves to {key: value} for those of `keys` that are stored, read together.
export function read(keys) {
  return transaction('readonly', (store, out) => {
    for (const k of keys) {
      const req = store.get(k);
      req.onsuccess = () => { if (req.result !== undefined) out[k] = req.result; };
    }
  });
}

// Whether `key` is stored, without reading its value (the list is megabytes).
export function has(key) {
  return transaction('readonly', (store) => store.count(key)).then((n) => n > 0);
}

// Reads `keys` and writes what `change(current)` returns, in one transaction: all of it or nothing, and no
// other context's write in between (IndexedDB runs read-write transactions on a store one at a time).
// `change` returns {key: value} to put, a value of undefined removing the key; it must not wait for
// anything. Resolves to that object once committed. `quiet`: announce nothing (the worker's move of an
// older version's data, which every reader in the worker waits for anyway).
export function update(keys, change, { quiet = false } = {}) {
  return transaction('readwrite', (store, out) => {
    const current = {};
    let left = keys.length;
    const write = () => {
      try {
        out.changes = change(current) || {};
        for (const [k, v] of Object.entries(out.changes)) {
          if (v === undefined) store.delete(k);
          else store.put(v, k);
        }
      } catch (e) {
        // A value the store refuses (too large, not storable): nothing of this change is kept, and
        // the refusal is the reason given (idb.js), not the abort it causes.
        out.failure = e;
        store.transaction.abort();
      }
    };
    if (!left) write();
    for (const k of keys) {
      const req = store.get(k);
      req.onsuccess = () => {
        if (req.result !== undefined) current[k] = req.result;
        if (--left === 0) write();
      };
    }
  }).then((out) => {
    if (!quiet) announce(Object.keys(out.changes));
    return out.changes;
  });
}

// Writes `values` ({key: value}, undefined removes) in one transaction.
export const write = (values) => update([], () => values);

// The engine's refusal of the list in use ({error, errorCount}), or null: only a record made for the
// list stored now counts (its `gen` is the list's id), so any list written since (an import, an undo,
// the feed) leaves it unsaid until the worker has tried that list too.
export async function listRefusal() {
  const s = await read([LIST_GEN_KEY, LIST_REFUSED_KEY]);
  const r = s[LIST_REFUSED_KEY];
  return r && s[LIST_GEN_KEY] !== undefined && r.gen === s[LIST_GEN_KEY] ? r : null;
}

// Change notices: `onChange(fn)` calls fn(keys) whenever any context wrote those keys.
const listeners = new Set();
let channel = null;
function open() {
  if (!channel && typeof BroadcastChannel === 'function') {
    channel = new BroadcastChannel('vipguard-private-store');
    channel.onmessage = ({ data }) => {
      if (data && Array.isArray(data.keys)) for (const fn of listeners) fn(data.keys);
    };
  }
}

export function onChange(fn) {
  open();
  listeners.add(fn);
}

function announce(keys) {
  if (!keys.length) return;
  open();
  if (channel) channel.postMessage({ keys });
  // A BroadcastChannel does not deliver to itself: this context's own listeners are told here.
  for (const fn of listeners) fn(keys);
}
