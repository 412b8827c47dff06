// One IndexedDB object store, opened once per page or worker life. The audit log, the kept engine snapshot
// and the protected list's history each have a database of their own, so any can change its layout alone.

// `upgrade(db)` creates the store when the database is new; `what` names it in errors.
export function objectStore(dbName, upgrade, storeName, what) {
  let opening = null;
  function db() {
    if (!opening) {
      opening = new Promise((resolve, reject) => {
        const req = indexedDB.open(dbName, 1);
        req.onupgradeneeded = () => upgrade(req.result);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      opening.catch(() => { opening = null; });
    }
    return opening;
  }
  // Runs `fn(store, out)` in one transaction and resolves once it has committed: with the result of the
  // request `fn` returned, or with `out`, which `fn` may fill from its requests' success handlers. A
  // handler that aborts the transaction puts its reason in `out.failure`, which the rejection carries.
  return function transaction(mode, fn) {
    return db().then((d) => new Promise((resolve, reject) => {
      const tx = d.transaction(storeName, mode);
      const out = {};
      let req;
      try {
        req = fn(tx.objectStore(storeName), out);
      } catch (e) {
        // A request `fn` made before it threw would otherwise commit without the rest: all or nothing.
        tx.abort();
        throw e;
      }
      tx.oncomplete = () => resolve(req && 'result' in req ? req.result : out);
      // (An abort fails the requests still pending first: their error events come before the abort's.)
      tx.onerror = (e) => reject(out.failure || tx.error || e.target.error);
      tx.onabort = () => reject(out.failure || tx.error || new Error(`${what} write aborted`));
    }));
  };
}
