// The engine: the WASM package initialised, and a Checker restored from the snapshot kept in IndexedDB or
// built from the protected list in the private store; with the settings and avatar thumbnails it is used with.
import init, { Checker, checkList, version } from '../pkg/vipguard.js';
import { t, loadLanguage } from './templates.js';
import { objectStore } from '../shared/idb.js';
import * as privateData from './private-data.js';
import { LIST_KEY, LIST_GEN_KEY, THUMBS_KEY, LIST_SOURCE_KEY, LIST_REFUSED_KEY } from '../shared/private-store.js';
import { managedPolicy, withPolicy } from '../shared/policy.js';
import { readSettings, DEFAULT_AUDIT_DAYS, GUARDED } from '../shared/settings.js';

export { LIST_KEY, THUMBS_KEY };
// The settings' key in chrome.storage.local (the interface's language, the ticket format: what a page may
// change); the private store's settings, which decide what is checked, are shared/private-store.js's
// SETTINGS_KEY, the same word in another store.
export const LOCAL_SETTINGS_KEY = 'settings';
export const DEFAULT_SETTINGS = { paused: false, sensitivity: 'suspicious', sites: { x: true, generic: {} }, auditDays: DEFAULT_AUDIT_DAYS };

let ready = null; // Promise<{checker, settings, thumbs}>, made again when the list or settings change
// The reviewer's settings (readSettings' answer) that `ready` read, while it is the engine in use.
let readWith = null;
// How the engine last started, for support and the end-to-end tests: 'restored' from the kept snapshot,
// 'built' from the list, or 'none' (no list); with the milliseconds it took and the list's size, and
// `stages`: when (ms since the worker started) loading began, the module was compiled (`wasm`), storage and
// the snapshot were read (`read`), both were done (`compiled`), the checker was ready, and how long the
// warm-up, the first check and the latest check took; and when the first check was received and answered
// (check.js). For make verdict-latency, make ext-scale and scripts/ext-cold.mjs.
globalThis.vipguardEngine = null;

export function load() {
  if (!ready) {
    ready = (async () => {
      const began = performance.now();
      // The module compiles while storage and the kept snapshot are read: a stopped worker's first
      // answer waits for all three.
      // When each finished is kept apart (`wasm`, `read`), to tell which of the two a start waits for.
      let wasmAt = null;
      const compiled = init({ module_or_path: chrome.runtime.getURL('pkg/vipguard_bg.wasm') })
        .then((out) => { wasmAt = performance.now(); return out; });
      const settingsRead = readSettings(privateData.read);
      readWith = settingsRead;
      const [stored, own, , kept, policy] = await Promise.all([
        settingsRead,
        privateData.read([LIST_GEN_KEY, THUMBS_KEY, LIST_SOURCE_KEY, LIST_REFUSED_KEY]),
        loadLanguage(),
        readKept().catch((e) => {
          console.warn('vipguard: engine store unreadable:', e && e.message);
          return {};
        }),
        managedPolicy(),
      ]);
      const readAt = performance.now();
      await compiled;
      const started = performance.now(); // restoring or building only: the reads overlap the compiling
      // The organisation's policy (sensitivity, sites) over the reviewer's settings.
      const settings = withPolicy({ ...DEFAULT_SETTINGS, ...stored }, policy);
      // Evidence in the interface's language: the catalogue in use (chosen in the options, else the
      // browser's) names it, `en`, `fr` or `pcm` (the engine words evidence in Nigerian Pidgin too).
      const lang = t('engineLang');
      let checker = null;
      let how = 'none';
      let usedGen; // the id of the list the checker was made from
      const snap = kept.snapshot;
      // Only the snapshot of the list in use: the list's id, written with the list in one transaction, is
      // the key the engine saved the snapshot under and compares on restore (and the list inside is
      // validated as a fresh load would be). Reading the list itself is not on a restart's path.
      const key = own[LIST_GEN_KEY];
      if (snap && key !== undefined && snap.gen === key && snap.version === version()) {
        try {
          checker = Checker.restore(snap.bytes, String(key), lang);
          how = 'restored';
          usedGen = key;
        } catch (e) {
          console.warn('vipguard: kept engine unusable, building from the list:', e.message);
        }
      }
      if (!checker) {
        const { [LIST_KEY]: list, [LIST_GEN_KEY]: gen } = await privateData.read([LIST_KEY, LIST_GEN_KEY]);
        if (list) {
          try {
            checker = new Checker(list, undefined, lang);
            how = 'built';
            usedGen = gen;
            // Kept after this start has answered: saving is not on the first check's path.
            const built = checker;
            setTimeout(() => keep(gen, version(), built.snapshot(String(gen)))
              .catch((e) => console.warn('vipguard: could not keep the engine:', e && e.message)), 0);
          } catch (e) {
            console.warn('vipguard: stored list unusable:', e.message);
            recordRefusal(gen, list, e);
          }
        }
      }
      // A list that builds (or restores) again: its predecessor's refusal is no longer said.
      if (checker && own[LIST_REFUSED_KEY]) recordRefusal(usedGen, null, null);
      const done = performance.now();
      globalThis.vipguardEngine = { how, ms: done - started, accounts: checker ? checker.size : 0,
        stages: { began, wasm: wasmAt, read: readAt, compiled: started, ready: done, warmUp: null, warmUpSkipped: false,
          firstCheck: null, lastCheck: null, received: null, answered: null } };
      // `source`: which list this is (provenance: name, version, accounts, age), as every verdict says.
      const source = checker ? { ...(own[LIST_SOURCE_KEY] || { kind: 'unknown' }), accounts: checker.size } : null;
      return { checker, settings, thumbs: own[THUMBS_KEY] || {}, source };
    })();
    // A failed load is forgotten, unless a newer one has replaced it (whose settings stay its own).
    const mine = ready;
    mine.catch(() => { if (ready === mine) reload(); });
  }
  return ready;
}

// The list, settings or thumbnails changed: the next load reads them again (and `readWith` goes with
// the load it belongs to).
export function reload() {
  ready = null;
  readWith = null;
}

// Whether the engine in use (or loading) read the same of these settings (readSettings' answer) as it
// uses: the guarded ones and the language. Then a settingsWritten marker that agrees with them changes
// nothing it uses (background.js, settingsChanged); what else chrome.storage.local's settings hold (the
// ticket format, or whatever a Firefox page process wrote there) is not compared.
const ENGINE_READS = [...GUARDED, 'language'];
const used = (s) => JSON.stringify(ENGINE_READS.map((k) => (s && typeof s === 'object' ? s[k] : undefined)));
export async function readSame(stored) {
  const read = readWith;
  if (!read) return false;
  try {
    return used(await read) === used(stored) && read === readWith;
  } catch {
    return false;
  }
}

// Why the stored list (its id `gen`) could not be used, kept in the private store for the options page
// and the popup to say (shared/private-store.js, listRefusal), or that record removed (`e` null) once
// the list `gen` is used. The engine's own check says why: checkList's first problem, with the code and
// values the pages word in the reviewer's language (shared/list-check.js), or, when that check passes,
// `list_not_built` with the constructor's English as its technical detail. Written only while `gen` is
// the list in use, and not again when unchanged (a worker restarting with the same list).
function recordRefusal(gen, list, e) {
  let record;
  if (e) {
    let check = null;
    try {
      check = checkList(list, 'json'); // stored as JSON text (by older versions, an object)
    } catch {
      // the check itself failed: the constructor's words below
    }
    record = check && !check.ok ? { gen, error: check.error, errorCount: check.errorCount || 1 }
      : { gen, error: { code: 'list_not_built', args: [e.message], message: e.message }, errorCount: 1 };
  }
  const same = (r) => JSON.stringify(r ?? null) === JSON.stringify(record ?? null);
  privateData.update([LIST_GEN_KEY, LIST_REFUSED_KEY], (current) => (current[LIST_GEN_KEY] !== gen || same(current[LIST_REFUSED_KEY]) ? {}
    : { [LIST_REFUSED_KEY]: record })).catch((err) => console.warn('vipguard: list refusal not recorded:', err && err.message));
}

// The list changed: forget its snapshot and build the new list's engine (and keep its snapshot) now, not
// when the reviewer next opens a page.
export function listChanged() {
  reload();
  return forgetKept().catch((e) => console.warn('vipguard: engine store:', e && e.message))
    .then(() => load()).catch(() => {});
}

// A new version (or a reload while developing): forget the kept engine, which only this build may read.
export function forget() {
  return forgetKept().then(reload, () => {});
}

// The snapshot: the built checker kept between service-worker starts, so a restarted worker restores it
// (Checker.restore) instead of building it from the list again. In IndexedDB, which holds bytes.
//
// Which list a snapshot belongs to: whoever writes the list writes a fresh id with it, in the same
// transaction (`listGen` in the private store), and a snapshot is kept with the id of the list it was built
// from. A snapshot whose id is not the current list's is never restored, so a list changed while this
// worker was stopped, or while it was building, is never checked with an older list's engine.

const transaction = objectStore('vipguard-engine', (db) => db.createObjectStore('engine'), 'engine', 'engine store');

// The kept snapshot ({gen, version, bytes} or undefined).
function readKept() {
  return transaction('readonly', (store, out) => {
    const snap = store.get('checker');
    snap.onsuccess = () => { out.snapshot = snap.result; };
  });
}

// Keep `bytes` as the snapshot of the list whose id is `gen`, unless the list has changed since (a build
// that raced with a change would only be overwritten). Resolves with whether it was kept.
async function keep(gen, engineVersion, bytes) {
  if (gen === undefined || (await privateData.read([LIST_GEN_KEY]))[LIST_GEN_KEY] !== gen) return false;
  await transaction('readwrite', (store) => { store.put({ gen, version: engineVersion, bytes }, 'checker'); });
  return true;
}

// Forget the snapshot (a new version of the extension reads snapshots of its own engine only).
function forgetKept() {
  return transaction('readwrite', (store) => store.delete('checker'));
}
