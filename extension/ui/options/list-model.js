// The protected list as the options page works on it, in a dedicated worker: reading, validating,
// comparing, merging, searching, serialising and storing a list of 100,000 accounts each take from a
// hundred milliseconds to seconds, which on the page's own thread would freeze it. The page
// (list-editor.js) asks by message ({id, op, args}) and gets small answers: counts, one page of rows.
// The list itself never crosses to the page: this worker reads it from the private store and writes it
// there (as JSON text, which the service worker's engine reads as is), with the earlier lists for undo.
import init, { checkList, listWarnings } from '../../pkg/vipguard.js';
import { diffLists, mergeLists, searchAccounts, searchIndex } from './list-diff.js';
import { objectStore } from '../../shared/idb.js';
import { checkWholeList } from '../../shared/list-check.js';
import { read, update, LIST_KEY, LIST_GEN_KEY, LIST_DEMO_KEY, LIST_SOURCE_KEY } from '../../shared/private-store.js';

let list = null; // the list in use: {accounts: [...]}, or null
let demo = false; // whether it is the demo list
let pending = null; // a validated import waiting for Merge or Replace
let staged = null; // the next list and its JSON text, stored by `commit`
let counts = null; // the list's summary, made once per list
let index = null; // what searches look in, made once per list

// Earlier lists, for several levels of undo: in IndexedDB, which holds a large list without the storage
// quota; the last HISTORY changes are kept, each with what it was (for the Undo button).
const HISTORY = 10;
const history = objectStore('vipguard-list-history', (db) => db.createObjectStore('lists', { keyPath: 'seq', autoIncrement: true }), 'lists', 'list history');
const lastChange = () => history('readonly', (store, out) => {
  const c = store.openCursor(null, 'prev');
  c.onsuccess = () => { out.entry = c.result ? c.result.value : null; };
}).then((out) => out.entry);

// Puts `text` (JSON, or null for no list) in use, with a fresh id for the engine's snapshot and where it
// came from (`source`, which every verdict names), in one transaction: if it fails, the list before stays
// in use.
const storeList = (text, isDemo, source) => update([], () => ({
  [LIST_KEY]: text ?? undefined, [LIST_DEMO_KEY]: text == null ? undefined : !!isDemo, [LIST_GEN_KEY]: crypto.randomUUID(),
  [LIST_SOURCE_KEY]: text == null ? undefined : source || undefined,
}));

// A hand edit of the team feed's list (or of an earlier edit of it): the feed version it started from and
// the ids of the accounts added, changed or removed since, so the options page can say that the feed's
// next version will replace them (worker/feed.js replaces the list whole) and which accounts to send to
// whoever signs the list. Nothing for a list that did not come from the feed.
function feedEdit(before, current, next) {
  const feed = before && (before.kind === 'feed' ? before : before.kind === 'edit' && before.fromFeed);
  if (!feed) return {};
  const d = diffLists(current, next);
  const ids = new Set([...(before.edited || []), ...[...d.added, ...d.changed, ...d.removed].map((a) => a.id)]);
  return { fromFeed: { name: feed.name, version: feed.version, date: feed.date, url: feed.url, keyId: feed.keyId }, edited: [...ids].sort() };
}

function use(next, isDemo) {
  list = next;
  demo = !!isDemo;
  pending = null;
  counts = null;
  index = null;
}

const validate = (source, format) => checkWholeList(checkList, source, format);

// The list's counts, as the engine's summary gives them.
function summaryOf(l) {
  const accounts = (l && l.accounts) || [];
  const count = (k) => accounts.reduce((n, a) => n + ((a[k] && a[k].length) || 0), 0);
  return { accounts: accounts.length, handles: count('handles'), official: count('official'), aliases: count('aliases'), avatars: count('avatars'),
    ...warnings(l, accounts.length) };
}

// Accounts an older vipguard enrolled (the engine reads their references), and unrelated accounts
// enrolled with one picture (a site's "no photo" picture, most likely) as groups of ids. A list the
// engine cannot read is refused where it is imported or fetched, not here.
function warnings(l, accounts) {
  const none = { toEnrolAgain: 0, sharedPictures: [] };
  if (!accounts) return none;
  try {
    return listWarnings(l);
  } catch {
    return none;
  }
}

// A checked next list, staged until the page commits it.
function stage(next) {
  staged = { list: next, text: JSON.stringify(next) };
  return { ok: true };
}

const brief = (a) => ({ id: a.id, name: a.name });

// A stored list that is not JSON (a store written by hand or cut short) is said by its code, which the page
// words in the reviewer's language (`listUnreadable`), not by the parser's English.
const UNREADABLE = 'unreadable-list';
const parsed = (stored) => {
  if (typeof stored !== 'string') return stored ?? null;
  try {
    return JSON.parse(stored);
  } catch {
    throw new Error(UNREADABLE);
  }
};

const OPS = {
  // The list in the private store (JSON text, or an object as older versions stored it).
  async load() {
    const s = await read([LIST_KEY, LIST_DEMO_KEY]);
    use(parsed(s[LIST_KEY]), s[LIST_DEMO_KEY]);
    return { hasList: !!list };
  },
  // What the table shows: the summary and one page of the accounts matching `query`.
  view({ query = '', page = 0, size = 50 }) {
    if (!counts) counts = summaryOf(list);
    if (!index) index = searchIndex(list); // made with the first view, so the first search is quick too
    const found = searchAccounts(list, query, index);
    const first = Math.max(0, Math.min(page, Math.ceil(found.length / size) - 1));
    return { hasList: !!list, demo, summary: counts, total: counts.accounts, found: found.length, page: first,
      rows: found.slice(first * size, (first + 1) * size) };
  },
  account({ id }) {
    return ((list && list.accounts) || []).find((a) => a.id === id) || null;
  },
  // An import: validated, and compared with the list in use.
  inspect({ source, format }) {
    pending = null;
    const r = validate(source, format);
    if (!r.ok) return { ok: false, errors: r.errors };
    pending = r.list;
    const d = diffLists(list, pending);
    // Said before Merge or Replace, as it is said of the list in use (checkList's summary counts both
    // warnings on the list it has just read).
    return { ok: true, summary: r.summary, diff: {
      added: d.added.slice(0, 20).map(brief), addedCount: d.added.length,
      changed: d.changed.slice(0, 20).map(brief), changedCount: d.changed.length,
      removed: d.removed.slice(0, 20).map(brief), removedCount: d.removed.length, unchanged: d.unchanged,
    } };
  },
  // The pending import as the next list: in place of the list ('replace'), or merged into it. Two lists
  // each valid alone can clash (a handle claimed by two ids): the engine checks the merge as a whole.
  apply({ mode }) {
    if (!pending) return { ok: false, error: 'nothing to apply' };
    if (mode === 'replace') return stage(pending);
    const d = diffLists(list, pending);
    const merged = checkList(mergeLists(list, pending), 'json');
    if (!merged.ok) return { ok: false, error: merged.error.message };
    return { ...stage(merged.list), added: d.added.length, changed: d.changed.length };
  },
  // One account added or changed (found by id), checked with the rest of the list.
  save({ account }) {
    const next = { accounts: [...((list && list.accounts) || []).filter((a) => a.id !== account.id), account] };
    const check = checkList(next, 'json');
    return check.ok ? stage(check.list) : { ok: false, error: check.error.message };
  },
  remove({ id }) {
    return stage({ accounts: ((list && list.accounts) || []).filter((a) => a.id !== id) });
  },
  // A list the extension itself ships (the demo list).
  stageText({ text }) {
    return stage(JSON.parse(text));
  },
  // The staged list stored and put in use, the one it replaces kept for undo (`what` the change was).
  // `source`: {kind: 'file', file} for an import, {kind: 'demo'} or {kind: 'edit'}; the time and the
  // number of accounts are added here.
  async commit({ what, isDemo, source = { kind: 'edit' } }) {
    if (!staged) throw new Error('nothing to store');
    const prev = await read([LIST_KEY, LIST_DEMO_KEY, LIST_SOURCE_KEY]);
    await history('readwrite', (store) => {
      store.add({ list: prev[LIST_KEY] ?? null, demo: !!prev[LIST_DEMO_KEY], source: prev[LIST_SOURCE_KEY] ?? null, what, at: Date.now() });
      // Only the last HISTORY entries stay.
      const c = store.openCursor(null, 'prev');
      let seen = 0;
      c.onsuccess = () => {
        if (!c.result) return;
        if (++seen > HISTORY) c.result.delete();
        c.result.continue();
      };
    });
    const edit = source.kind === 'edit' ? feedEdit(prev[LIST_SOURCE_KEY], list, staged.list) : {};
    await storeList(staged.text, isDemo, { ...source, ...edit, at: new Date().toISOString(), accounts: (staged.list.accounts || []).length });
    use(staged.list, isDemo);
    staged = null;
    return { ok: true };
  },
  // What the last change was, for the Undo button (null when there is none to undo).
  async lastChange() {
    const last = await lastChange();
    return last ? { what: last.what } : null;
  },
  // The last change undone: the list before it back in use, its entry gone from the history.
  async undo() {
    const last = await lastChange();
    if (!last) return null;
    await storeList(last.list, last.demo, last.source);
    await history('readwrite', (store) => { store.delete(last.seq); });
    use(parsed(last.list), last.demo);
    return { what: last.what };
  },
  // The list as JSON text, indented, for export.
  exportText() {
    return JSON.stringify(list || { accounts: [] }, null, 2);
  },
};

const ready = init({ module_or_path: new URL('../../pkg/vipguard_bg.wasm', import.meta.url) });
self.onmessage = async ({ data }) => {
  try {
    await ready;
    self.postMessage({ id: data.id, value: await OPS[data.op](data.args || {}) });
  } catch (e) {
    self.postMessage({ id: data.id, error: String(e && e.message || e) });
  }
};
