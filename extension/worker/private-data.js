// The private store (shared/private-store.js) as the worker reads it: only after the data an older version
// kept in chrome.storage.local has moved there. Also closes chrome.storage to content scripts where the
// browser can (defence in depth: nothing there should matter to a page any more).
import * as store from '../shared/private-store.js';
import { GUARDED } from '../shared/settings.js';

export { onChange } from '../shared/private-store.js';

// What versions before the private store kept in chrome.storage.local, under the same keys.
const MOVED = [store.LIST_KEY, store.LIST_DEMO_KEY, store.THUMBS_KEY, store.DECISIONS_KEY, store.ALLOW_KEY, store.QUEUE_KEY];

// Moves them, the reviewer id out of the settings, and the settings that decide what is checked
// (shared/settings.js, GUARDED) into the private store in one transaction, then removes them from
// chrome.storage.local: a failure on the way leaves them where they were, to be moved at the next start.
// A value the private store already has (an earlier, interrupted move) is kept. The guarded settings move
// once, the first time this version starts (the private store then holds them, if only as {}): whatever
// is found in chrome.storage.local after that, which a page process can write in Firefox, is dropped.
export async function moveFromLocalStorage() {
  const old = await chrome.storage.local.get([...MOVED, 'settings']);
  const found = MOVED.filter((k) => old[k] !== undefined);
  const settings = old.settings || {};
  const hasReviewer = Object.hasOwn(settings, 'reviewerId');
  const guarded = Object.fromEntries(Object.entries(settings).filter(([k]) => GUARDED.includes(k)));
  if (!found.length && !hasReviewer && !Object.keys(guarded).length && (await store.has(store.SETTINGS_KEY))) return [];
  await store.update([...found, store.REVIEWER_KEY, store.SETTINGS_KEY], (current) => {
    const out = {};
    for (const k of found) if (current[k] === undefined) out[k] = old[k];
    if (hasReviewer && current[store.REVIEWER_KEY] === undefined && settings.reviewerId) out[store.REVIEWER_KEY] = settings.reviewerId;
    if (current[store.SETTINGS_KEY] === undefined) out[store.SETTINGS_KEY] = guarded;
    // A list moved is a new list for the engine: its snapshot is built again and kept with this id.
    if (out[store.LIST_KEY] !== undefined) out[store.LIST_GEN_KEY] = crypto.randomUUID();
    return out;
  }, { quiet: true }); // the engine has not read the list yet: it waits for this move
  if (found.length) await chrome.storage.local.remove(found);
  if (hasReviewer || Object.keys(guarded).length) {
    const rest = Object.fromEntries(Object.entries(settings).filter(([k]) => k !== 'reviewerId' && !GUARDED.includes(k)));
    await chrome.storage.local.set({ settings: rest });
  }
  return found;
}

// chrome.storage.local, .sync and .managed readable by the extension's own pages and worker only, where
// the browser allows it (Chrome: `setAccessLevel` on each area, developer.chrome.com's StorageArea
// reference; Firefox's is for session storage alone, which both browsers already close to content
// scripts). Managed storage holds the organisation's policy: the feed's address (the list downloads with
// it: the feed asks for no credential), its key and the reviewer id (issue 26's red team, finding 1). In
// Firefox a content script can still read it: docs/security.md, "A hostile feed".
const CLOSED_AREAS = ['local', 'sync', 'managed'];
function closeToContentScripts() {
  for (const name of CLOSED_AREAS) {
    try {
      chrome.storage[name]?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch?.(() => {});
    } catch {
      // not supported for this area
    }
  }
}

closeToContentScripts();
const moved = moveFromLocalStorage().catch((e) => console.warn('vipguard: data not moved out of chrome.storage.local yet:', e && e.message));

export const read = (keys) => moved.then(() => store.read(keys));
export const update = (keys, change) => moved.then(() => store.update(keys, change));
