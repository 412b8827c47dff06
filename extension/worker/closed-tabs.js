// Tabs closed since the worker started. A check's writes (its tab record, its frames' tokens, the avatar
// round's update) can still be on their way when the tab closes; written after the tab's records were
// removed, they would stay in session storage for a tab that no longer exists, and be found by address
// when another tab opens the same page. Tab ids are not reused within a browser session.
const CLOSED_MAX = 2000;
const closed = new Set();

export function markClosed(tabId) {
  closed.add(tabId);
  // The oldest go first: a write still on its way belongs to a tab closed moments ago.
  if (closed.size > CLOSED_MAX) closed.delete(closed.values().next().value);
}

export const isClosed = (tabId) => closed.has(tabId);
