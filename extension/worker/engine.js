// The engine: the WASM package initialised, and a Checker restored from the snapshot kept in IndexedDB or
// built from the protected list in chrome.storage; with the settings and avatar thumbnails it is used with.
import init, { Checker, version } from '../pkg/vipguard.js';
import { t, loadLanguage } from './templates.js';
import { objectStore } from '../shared/idb.js';

export const LIST_KEY = 'protectedList';
export const SETTINGS_KEY = 'settings';
export const DEFAULT_SETTINGS = { paused: false, sensitivity: 'suspicious', sites: { x: true, generic: {} }, auditDays: 90 };

let ready = null; // Promise<{checker, settings, thumbs}>, made again when the list or settings change
// How the engine last started, for support and the end-to-end tests: 'restored' from the kept snapshot,
// 'built' from the list, or 'none' (no list); with the milliseconds it took and the list's size, and
// `stages`: when (ms since the worker started) loading began, the module was compiled with storage read,
// the checker was ready, and how long the warm-up and the first check took (check.js), for make
// verdict-latency.
globalThis.vipguardEngine = null;

export function load() {
  if (!ready) {
    ready = (async () => {
      const began = performance.now();
      // The module compiles while storage and the kept snapshot are read: a stopped worker's first
      // answer waits for all three.
      const compiled = init({ module_or_path: chrome.runtime.getURL('pkg/vipguard_bg.wasm') });
      const [stored, , kept] = await Promise.all([
        chrome.storage.local.get([SETTINGS_KEY, 'avatarThumbs', LIST_KEY]),
        loadLanguage(),
        readKept().catch((e) => {
          console.warn('vipguard: engine store unreadable:', e && e.message);
          return {};
        }),
      ]);
      await compiled;
      const started = performance.now(); // restoring or building only: the reads overlap the compiling
      const settings = { ...DEFAULT_SETTINGS, ...(stored[SETTINGS_KEY] || {}) };
      // Evidence in the interface's language: the catalogue in use (chosen in the options, else the
      // browser's) names it; Pidgin's names English, the engine having no Pidgin sentences.
      const lang = t('engineLang');
      let checker = null;
      let how = 'none';
      const list = stored[LIST_KEY];
      // The snapshot is restored only for the list it was built from: the engine compares this key with
      // the one it was saved under (and validates the list inside as a fresh load would).
      const key = list ? await listKey(list) : null;
      const snap = kept.snapshot;
      if (key && snap && kept.gen !== undefined && snap.gen === kept.gen && snap.version === version()) {
        try {
          checker = Checker.restore(snap.bytes, key, lang);
          how = 'restored';
        } catch (e) {
          console.warn('vipguard: kept engine unusable, building from the list:', e.message);
        }
      }
      if (!checker) {
        if (list) {
          try {
            checker = new Checker(list, undefined, lang);
            how = 'built';
            // Kept after this start has answered: saving is not on the first check's path.
            const built = checker;
            setTimeout(() => keep(kept.gen, version(), built.snapshot(key))
              .catch((e) => console.warn('vipguard: could not keep the engine:', e && e.message)), 0);
          } catch (e) {
            console.warn('vipguard: stored list unusable:', e.message);
          }
        }
      }
      const done = performance.now();
      globalThis.vipguardEngine = { how, ms: done - started, accounts: checker ? checker.size : 0,
        stages: { began, compiled: started, ready: done, warmUp: null, firstCheck: null } };
      return { checker, settings, thumbs: stored.avatarThumbs || {} };
    })();
    ready.catch(() => { ready = null; });
  }
  return ready;
}

// The key a snapshot is saved and restored under: the SHA-256 (hex) of the stored list as stored (an
// object or JSON or CSV text).
async function listKey(list) {
  const text = typeof list === 'string' ? list : JSON.stringify(list);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

// The list, settings or thumbnails changed: the next load reads them again.
export function reload() {
  ready = null;
}

// The list changed: forget its snapshot and build the new list's engine (and keep its snapshot) now, not
// when the reviewer next opens a page.
export function listChanged() {
  return newListGen().catch((e) => console.warn('vipguard: engine store:', e && e.message))
    .then(() => load()).catch(() => {});
}

// A new version (or a reload while developing): forget the kept engine, which only this build may read.
export function forget() {
  return forgetKept().then(() => { ready = null; }, () => {});
}

// The snapshot: the built checker kept between service-worker starts, so a restarted worker restores it
// (Checker.restore) instead of building it from the list again. In IndexedDB, which holds bytes
// (chrome.storage holds JSON).
//
// Which list a snapshot belongs to: `listGen` is a fresh id written whenever the list changes (the worker's
// storage listener, which Chrome wakes it for), and a snapshot is kept with the id it was built under,
// only if that id is still current when it is written. A snapshot whose id differs is never restored.

const transaction = objectStore('vipguard-engine', (db) => db.createObjectStore('engine'), 'engine', 'engine store');

// The current list id and the kept snapshot ({gen, version, bytes} or undefined), read together.
function readKept() {
  return transaction('readonly', (store, out) => {
    const gen = store.get('listGen');
    const snap = store.get('checker');
    gen.onsuccess = () => { out.gen = gen.result; };
    snap.onsuccess = () => { out.snapshot = snap.result; };
  });
}

// The list changed (or was removed): a new id, and the old snapshot gone.
function newListGen() {
  return transaction('readwrite', (store) => {
    store.put(crypto.randomUUID(), 'listGen');
    store.delete('checker');
  });
}

// Keep `bytes` as the snapshot of the list read under id `gen` (undefined if there was none yet), unless
// the list has changed since. Resolves with whether it was kept.
function keep(gen, engineVersion, bytes) {
  return transaction('readwrite', (store, out) => {
    const cur = store.get('listGen');
    cur.onsuccess = () => {
      let current = cur.result;
      if (current === undefined && gen === undefined) {
        current = gen = crypto.randomUUID();
        store.put(current, 'listGen');
      }
      out.kept = current === gen;
      if (out.kept) store.put({ gen, version: engineVersion, bytes }, 'checker');
    };
  }).then((out) => out.kept);
}

// Forget the snapshot (a new version of the extension reads snapshots of its own engine only).
function forgetKept() {
  return transaction('readwrite', (store) => store.delete('checker'));
}
