// The local audit log: every check shown to the reviewer and every decision, in IndexedDB (the worker's
// own database; nothing leaves the machine unless the reviewer exports it). Entries older than the
// retention setting are deleted.

const DB = 'vipguard';
const STORE = 'audit';
let opening = null;

function db() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => {
        const store = req.result.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true });
        store.createIndex('time', 'time');
        store.createIndex('account', 'account');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    opening.catch(() => { opening = null; });
  }
  return opening;
}

function request(mode, fn) {
  return db().then((d) => new Promise((resolve, reject) => {
    const tx = d.transaction(STORE, mode);
    const out = fn(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(out && 'result' in out ? out.result : out);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('audit log write aborted'));
  }));
}

// The key an account is logged under: platform and lowercased handle.
export const accountKey = (platform, handle) => `${platform}:${String(handle).toLowerCase()}`;

// Appends entries in one transaction (all or nothing).
export function append(entries) {
  if (!entries.length) return Promise.resolve();
  return request('readwrite', (store) => { for (const e of entries) store.add(e); });
}

// When the account was first shown to the reviewer, in ms since the epoch, or null.
export function firstShown(account) {
  return request('readonly', (store) => {
    const out = { result: null };
    const cursor = store.index('account').openCursor(IDBKeyRange.only(account));
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      if (c.value.event === 'shown') {
        out.result = out.result == null ? c.value.time : Math.min(out.result, c.value.time);
      }
      c.continue();
    };
    return out;
  });
}

// Every entry, oldest first.
export function all() {
  return request('readonly', (store) => store.getAll());
}

export function count() {
  return request('readonly', (store) => store.count());
}

export function clear() {
  return request('readwrite', (store) => { store.clear(); });
}

// Deletes entries older than `days` days.
export function prune(days, now = Date.now()) {
  const before = now - days * 86400000;
  return request('readwrite', (store) => {
    const cursor = store.index('time').openCursor(IDBKeyRange.upperBound(before, true));
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (c) {
        c.delete();
        c.continue();
      }
    };
  });
}
