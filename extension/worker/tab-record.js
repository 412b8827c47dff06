// What the popup lists for a tab: every account checked on its current page, in session storage;
// flagged accounts keep their evidence for "Copy evidence".
import { summary } from './results.js';

// Session-storage writes are read-modify-write: one at a time, or concurrent checks lose entries.
let recording = Promise.resolve();
export function recordTab(...args) {
  recording = recording.then(() => writeTab(...args)).catch(() => {});
  return recording;
}

async function writeTab(tabId, url, results, profiles, accounts = {}) {
  const key = `tab:${tabId}`;
  const prev = (await chrome.storage.session.get(key))[key];
  const same = prev && prev.url === url ? prev.items : [];
  const byId = new Map(same.map((i) => [i.handle.toLowerCase(), i]));
  results.forEach((r, i) => {
    const p = profiles[i];
    const shown = r.shown || r.verdict;
    const flagged = !['clear', 'error'].includes(shown);
    byId.set(p.handle.toLowerCase(), {
      id: r.id, platform: p.platform, handle: p.handle, name: p.name, verdict: r.verdict, shown, match: r.match || null, score: r.score ?? null,
      ...(r.decision ? { decision: r.decision } : {}),
      ...(flagged ? { evidence: r.evidence || [], account: summary(accounts[r.match]), avatar: p.avatar || null, checkedAt: new Date().toISOString() } : {}),
    });
  });
  const kept = [...byId.values()].slice(-2000);
  await chrome.storage.session.set({ [key]: { url, items: kept, ...(prev && prev.url === url && prev.unreadable ? { unreadable: true } : {}) } });
  // How many accounts the tab's page flags, on the toolbar button (its colour is set once, in
  // background.js).
  const flagged = kept.filter((i) => i.shown === 'impersonation' || i.shown === 'suspicious').length;
  chrome.action?.setBadgeText?.({ tabId, text: flagged ? String(flagged) : '' })?.catch?.(() => {});
}

// The tab's page could not be read: the popup says so.
export function recordUnreadable(tabId, url) {
  recording = recording.then(async () => {
    const key = `tab:${tabId}`;
    const prev = (await chrome.storage.session.get(key))[key];
    const items = prev && prev.url === url ? prev.items : [];
    await chrome.storage.session.set({ [key]: { url, items, unreadable: true } });
  }).catch(() => {});
  return recording;
}

// The tab was closed.
export function forgetTab(tabId) {
  return chrome.storage.session.remove(`tab:${tabId}`);
}
