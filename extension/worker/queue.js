// The review queue: report URLs a reviewer steps through in one tab (the queue's tab), next and previous
// from the queue page, the banner's queue bar or keyboard shortcuts. The queue page writes the items
// (the private store, QUEUE_KEY); the worker owns which one is open and in which tab. An item's state is
// the account's standing decision (decisions.js), so a decision made on the banner shows in the queue.
import { QUEUE_KEY } from '../shared/review-queue.js';
import { read as readPrivate, update } from './private-data.js';

export { QUEUE_KEY };

// The queue's tab lives in session storage: tab ids start again after a browser restart, and a stored
// one would then name an unrelated tab (which Next would navigate away).
const TAB_KEY = 'reviewQueueTab';

// Read once and kept until it changes (background.js calls queueChanged): every check asks where its
// tab is in the queue, and a queue from the bulk page can hold thousands of items.
let cached = null;
export function queueChanged() {
  cached = null;
}

async function read() {
  if (!cached) {
    cached = Promise.all([readPrivate([QUEUE_KEY]), chrome.storage.session.get(TAB_KEY)]).then(([stored, session]) => {
      const q = stored[QUEUE_KEY];
      return q && Array.isArray(q.items) ? { ...q, tabId: session[TAB_KEY] ?? null } : null;
    });
    cached.catch(() => { cached = null; });
  }
  return cached;
}

// The queue's tab was closed: the next item opens a new one.
export async function forgetQueueTab(tabId) {
  const session = await chrome.storage.session.get(TAB_KEY);
  if (session[TAB_KEY] === tabId) {
    await chrome.storage.session.remove(TAB_KEY);
    cached = null;
  }
}

// Where the queue's tab is in it, for the banner: {position (1-based), total}, or null for another tab.
export async function queuePlace(tabId, url) {
  const q = await read();
  if (!q || q.tabId !== tabId || !q.items[q.current]) return null;
  // The reviewer may have followed a link away from the item: the bar still steps the queue.
  return { position: q.current + 1, total: q.items.length, onItem: sameProfile(q.items[q.current].url, url) };
}

const sameProfile = (a, b) => {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    return x.host === y.host && x.pathname.replace(/\/$/, '').toLowerCase() === y.pathname.replace(/\/$/, '').toLowerCase();
  } catch {
    return false;
  }
};

// Opens item `index` in the queue's tab (made when there is none, or when it was closed).
export async function openItem(index) {
  const q = await read();
  if (!q || !q.items.length) return { error: 'the queue is empty' };
  const i = Math.max(0, Math.min(q.items.length - 1, index));
  const url = q.items[i].url;
  // Only profile addresses on https (the queue page builds them so; storage is not proof of that).
  if (!/^https:\/\//.test(url)) return { error: 'not a profile address' };
  let tab = null;
  if (q.tabId != null) tab = await chrome.tabs.update(q.tabId, { url, active: true }).catch(() => null);
  if (!tab) tab = await chrome.tabs.create({ url, active: true });
  // Only `current` changes: items the queue page added meanwhile are kept.
  await Promise.all([update([QUEUE_KEY], (s) => (s[QUEUE_KEY] ? { [QUEUE_KEY]: { ...s[QUEUE_KEY], current: i } } : {})),
    chrome.storage.session.set({ [TAB_KEY]: tab.id })]);
  cached = null;
  return { ok: true, index: i, total: q.items.length };
}

// The next (+1) or previous (-1) item; from the queue's tab or the queue page.
export async function step(direction) {
  const q = await read();
  if (!q || !q.items.length) return { error: 'the queue is empty' };
  const next = (q.current ?? -1) + (direction < 0 ? -1 : 1);
  if (next < 0 || next >= q.items.length) return { ok: true, end: true, index: q.current, total: q.items.length };
  return openItem(next);
}

// Whether the tab is the queue's (only its content script may step the queue).
export async function isQueueTab(tabId) {
  const q = await read();
  return !!q && q.tabId === tabId;
}
