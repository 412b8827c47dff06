// What the popup lists for a tab: every account checked on its current page, in session storage;
// flagged accounts keep their evidence for "Copy evidence".
import { summary } from './results.js';
import { evictOthers, shownBy } from './frames.js';
import { isClosed, markClosed } from './closed-tabs.js';
import { TAB_RECORD_BYTES_MAX, fitRecord } from './record-fit.js';

// Session-storage writes are read-modify-write: one at a time, or concurrent checks lose entries.
let recording = Promise.resolve();
export function recordTab(...args) {
  recording = recording.then(() => writeTab(...args)).catch((e) => console.warn('vipguard: tab record not written:', e && e.message));
  return recording;
}

// Session storage holds 10 MB for every tab together (issue 24: one hostile page filled 9.76 MB through
// its record and its frame tokens, and then every tab's writes failed). So a tab's record is bounded:
// the page's strings cut, at most TAB_ITEMS_MAX accounts and TAB_RECORD_BYTES_MAX bytes (JSON length),
// clear accounts dropped before flagged ones and the oldest first (record-fit.js); the current check's
// accounts are always the newest.
const NAME_MAX = 200;
// Longer than any served platform's handle (Bluesky's 253, Mastodon's user@domain): a longer one is
// no account, and is not recorded (so no decision or evidence picture is given for it).
export const HANDLE_MAX = 320;

export const clip = (s, n) => (typeof s === 'string' && s.length > n ? `${s.slice(0, n)}…` : s);
// Any value with its strings cut to `chars` and its arrays to `items` (the engine's evidence quotes
// what the page wrote).
export function bounded(v, chars = 300, items = 12, depth = 0) {
  if (typeof v === 'string') return clip(v, chars);
  if (v === null || typeof v !== 'object') return v;
  if (depth > 4) return null;
  if (Array.isArray(v)) return v.slice(0, items).map((x) => bounded(x, chars, items, depth + 1));
  return Object.fromEntries(Object.entries(v).slice(0, 24).map(([k, x]) => [k, bounded(x, chars, items, depth + 1)]));
}

const quotaError = (e) => /quota/i.test(String(e && e.message));

// `list`: the list the results were checked against (engine.js `source`), which the popup names.
// `update`: results that change an earlier check's (the avatar round's), written only while the tab is
// still on that check's page: after an in-app navigation they would replace the new page's record.
async function writeTab(tabId, url, results, profiles, accounts = {}, list = null, { update = false } = {}) {
  if (isClosed(tabId)) return;
  const key = `tab:${tabId}`;
  const prev = (await chrome.storage.session.get(key))[key];
  if (update && !(prev && prev.url === url)) return;
  const same = prev && prev.url === url ? prev.items : [];
  const byId = new Map(same.map((i) => [i.handle.toLowerCase(), i]));
  const current = new Set();
  let skipped = 0;
  results.forEach((r, i) => {
    const p = profiles[i];
    if (String(p.handle).length > HANDLE_MAX) {
      skipped++;
      return;
    }
    const shown = r.shown || r.verdict;
    const flagged = !['clear', 'error'].includes(shown);
    const id = p.handle.toLowerCase();
    byId.delete(id); // re-set below: the current check's accounts go last, dropped last
    current.add(id);
    byId.set(id, {
      id: r.id, platform: p.platform, handle: p.handle, name: clip(p.name, NAME_MAX), verdict: r.verdict, shown, match: r.match || null, score: r.score ?? null,
      ...(r.decision ? { decision: r.decision } : {}),
      ...(flagged ? { evidence: bounded(r.evidence || []), account: summary(accounts[r.match]), avatar: p.avatar || null, checkedAt: new Date().toISOString() } : {}),
    });
  });
  if (skipped) console.warn(`vipguard: tab ${tabId}: ${skipped} profiles with a handle over ${HANDLE_MAX} characters not recorded`);
  let kept = fitRecord([...byId.values()], TAB_RECORD_BYTES_MAX - JSON.stringify(url).length - 64 - (list ? 600 : 0)); // the record's other keys
  const unreadable = { ...(prev && prev.url === url && prev.unreadable ? { unreadable: true } : {}), ...(list ? { list: bounded(list) } : {}) };
  try {
    await chrome.storage.session.set({ [key]: { url, items: kept, ...unreadable } });
  } catch (e) {
    if (!quotaError(e)) throw e;
    // Other tabs filled the storage: this tab keeps only its current check's accounts (what its page
    // shows now), the older ones go.
    console.warn(`vipguard: tab ${tabId}: session storage full (${e.message}); its record keeps only the current check`);
    kept = kept.filter((i) => current.has(i.handle.toLowerCase()));
    const entry = { [key]: { url, items: kept, ...unreadable } };
    try {
      await chrome.storage.session.set(entry);
    } catch (again) {
      if (!quotaError(again)) throw again;
      // Still full: room made at the cost of the tabs holding the most (frames.js).
      await evictOthers(tabId, JSON.stringify(entry).length * 2);
      await chrome.storage.session.set(entry);
    }
  }
  // How many accounts the tab's page flags, on the toolbar button (its colour is set once, in
  // background.js).
  const flagged = kept.filter((i) => i.shown === 'impersonation' || i.shown === 'suspicious').length;
  chrome.action?.setBadgeText?.({ tabId, text: flagged ? String(flagged) : '' })?.catch?.(() => {});
}

// The tab's page could not be read: the popup says so.
export function recordUnreadable(tabId, url) {
  recording = recording.then(async () => {
    if (isClosed(tabId)) return;
    const key = `tab:${tabId}`;
    const prev = (await chrome.storage.session.get(key))[key];
    const items = prev && prev.url === url ? prev.items : [];
    await chrome.storage.session.set({ [key]: { url, items, unreadable: true, ...(prev && prev.url === url && prev.list ? { list: prev.list } : {}) } });
  }).catch(() => {});
  return recording;
}

// The tab was closed: its record goes, after the writes already queued, and none is written again.
export function forgetTab(tabId) {
  markClosed(tabId);
  recording = recording.then(() => chrome.storage.session.remove(`tab:${tabId}`)).catch(() => {});
  return recording;
}

// A token's record (frames.js) as an item of the tab's record: what givenFor's callers use of it.
function fromToken(t) {
  if (!t) return null;
  const { profile: p, result: r } = t;
  return {
    id: r.id, platform: p.platform, handle: p.handle, name: p.name, verdict: r.verdict, shown: r.shown || r.verdict, match: r.match || null,
    score: r.score ?? null, evidence: r.evidence || [], avatar: p.avatar || null, checkedAt: t.checkedAt,
  };
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
  // A handle over HANDLE_MAX is never recorded (security.md): its token holds it cut short, and a
  // decision on that cut handle would be stored under a key that is no account's.
  const tooLong = String(p.handle).length > HANDLE_MAX;
  let item = tooLong ? null : items.find((i) => i.platform === p.platform && i.handle.toLowerCase() === String(p.handle).toLowerCase());
  // Past the record's 256 KB (a list of more than about 250 flagged accounts): the token the tab still
  // keeps for the account on this page, which its badge's card opens with (frames.js shownBy). Only
  // while the tab is on that page, as for the record; read again after the lookup, which waits for
  // tokens being written, so a navigation recorded meanwhile is seen.
  if (!item && !tooLong && rec && rec.url === msg.url) {
    const shown = await shownBy(sender.tab.id, msg.url, p);
    const now = shown && (await chrome.storage.session.get(key))[key];
    item = now && now.url === msg.url ? fromToken(shown) : null;
  }
  if (!item) return { error: `${p.platform}:${String(p.handle).slice(0, 60)} was not checked on this tab's page` };
  const match = msg.type === 'decide' ? msg.result && msg.result.match : msg.match;
  if (match != null && match !== item.match) return { error: 'match is not the account the worker found for this profile' };
  return { given: item };
}
