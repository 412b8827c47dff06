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

// The record is also what binds a decision or an evidence picture to its sender (issue 24): a web page's
// tab (its content script, or one of our frames inside it) may only act on an account the worker answered
// to that tab, on the page it is on, and only with the match the worker gave it; the recorded item's
// platform, verdict, match and avatar are used, not the message's. The extension's own pages (popup,
// options, queue) run only the extension's code and act on what the worker recorded: they are trusted.
// `base`: the extension's pages' address. Returns {given} (the item, or null for our pages) or {error}.
export async function givenFor(msg, sender, base) {
  const inWebTab = sender.tab && typeof sender.tab.id === 'number' && !String(sender.tab.url || '').startsWith(base);
  if (!inWebTab) return String(sender.url || '').startsWith(base) ? { given: null } : { error: `${msg.type} must come from a tab` };
  await recording; // the check's record may still be being written
  const key = `tab:${sender.tab.id}`;
  const rec = (await chrome.storage.session.get(key))[key];
  const items = rec && rec.url === msg.url ? rec.items : [];
  const p = msg.profile;
  const item = items.find((i) => i.platform === p.platform && i.handle.toLowerCase() === String(p.handle).toLowerCase());
  if (!item) return { error: `${p.platform}:${String(p.handle).slice(0, 60)} was not checked on this tab's page` };
  const match = msg.type === 'decide' ? msg.result && msg.result.match : msg.match;
  if (match != null && match !== item.match) return { error: 'match is not the account the worker found for this profile' };
  return { given: item };
}
