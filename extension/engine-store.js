// The built checker kept between service-worker starts, so a restarted worker restores it (Checker.restore)
// instead of building it from the list again. In IndexedDB, which holds bytes (chrome.storage holds JSON).
//
// Which list a snapshot belongs to: `listGen` is a fresh id written whenever the list changes (the worker's
// storage listener, which Chrome wakes it for), and a snapshot is kept with the id it was built under,
// only if that id is still current when it is written. A snapshot whose id differs is never restored.

const DB = 'vipguard-engine';
const STORE = 'engine';
let opening = null;

function db() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    opening.catch(() => { opening = null; });
  }
  return opening;
}

// Runs `fn(store, out)` in one transaction; resolves with `out` once the transaction has committed.
function transaction(mode, fn) {
  return db().then((d) => new Promise((resolve, reject) => {
    const tx = d.transaction(STORE, mode);
    const out = {};
    fn(tx.objectStore(STORE), out);
    tx.oncomplete = () => resolve(out);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('engine store write aborted'));
  }));
}

// The current list id and the kept snapshot ({gen, version, bytes} or undefined), read together.
export function read() {
  return transaction('readonly', (store, out) => {
    const gen = store.get('listGen');
    const snap = store.get('checker');
    gen.onsuccess = () => { out.gen = gen.result; };
    snap.onsuccess = () => { out.snapshot = snap.result; };
  });
}

// The list changed (or was removed): a new id, and the old snapshot gone.
export function listChanged() {
  return transaction('readwrite', (store) => {
    store.put(crypto.randomUUID(), 'listGen');
    store.delete('checker');
  });
}

// Keep `bytes` as the snapshot of the list read under id `gen` (undefined if there was none yet), unless
// the list has changed since. Resolves with whether it was kept.
export function keep(gen, version, bytes) {
  return transaction('readwrite', (store, out) => {
    const cur = store.get('listGen');
    cur.onsuccess = () => {
      let current = cur.result;
      if (current === undefined && gen === undefined) {
        current = gen = crypto.randomUUID();
        store.put(current, 'listGen');
      }
      out.kept = current === gen;
      if (out.kept) store.put({ gen, version, bytes }, 'checker');
    };
  }).then((out) => out.kept);
}

// Forget the snapshot (a new version of the extension reads snapshots of its own engine only).
export function clear() {
  return transaction('readwrite', (store) => store.delete('checker'));
}
