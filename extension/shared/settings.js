// The reviewer's settings. Those that decide what is checked, what is flagged and what the audit log
// keeps (GUARDED: paused, sensitivity, sites, auditDays) live in the private store, which code with a
// page's origin cannot open; the interface's language and the ticket format stay in chrome.storage.local
// (a page changing them changes words, nothing checked or kept). Firefox lets content scripts, and so a
// compromised page process, write chrome.storage.local: issue 26's red team paused every check there and
// emptied the audit log with `auditDays: -1`. A guarded key found in chrome.storage.local is ignored.
import { read, update, SETTINGS_KEY } from './private-store.js';

export const GUARDED = ['paused', 'sensitivity', 'sites', 'auditDays'];
// Written in chrome.storage.local after them, to wake a stopped worker: {at, paused}.
export const SETTINGS_WRITTEN_KEY = 'settingsWritten';

// How long the audit log keeps entries: the options page's choices (options.html, #audit-days), 90 days
// unless one of them is set. Whatever else is stored counts as the default.
export const AUDIT_DAYS = [30, 90, 180, 365];
export const DEFAULT_AUDIT_DAYS = 90;
export const auditDays = (value) => (AUDIT_DAYS.includes(Number(value)) ? Number(value) : DEFAULT_AUDIT_DAYS);

const pick = (settings, keep) => Object.fromEntries(Object.entries(settings || {}).filter(([k]) => GUARDED.includes(k) === keep));

// The settings, both parts together. `readPrivate`: the private store's reader (the worker passes its
// own, which waits for an older version's data to move first).
export async function readSettings(readPrivate = read) {
  const [{ settings: local }, own] = await Promise.all([chrome.storage.local.get('settings'), readPrivate([SETTINGS_KEY])]);
  return { ...pick(local, false), ...pick(own[SETTINGS_KEY], true) };
}

// `patch` written where each of its keys belongs (`sites` merged with the sites already set).
export async function saveSettings(patch) {
  const guarded = pick(patch, true);
  const plain = pick(patch, false);
  if (Object.keys(guarded).length) {
    const written = await update([SETTINGS_KEY], (current) => {
      const s = current[SETTINGS_KEY] || {};
      return { [SETTINGS_KEY]: { ...s, ...guarded, ...(guarded.sites ? { sites: { ...(s.sites || {}), ...guarded.sites } } : {}) } };
    });
    // Wakes a stopped worker, which reads them again (background.js); says whether checks are paused.
    await chrome.storage.local.set({ [SETTINGS_WRITTEN_KEY]: { at: Date.now(), paused: !!written[SETTINGS_KEY].paused } });
  }
  if (Object.keys(plain).length) {
    const { settings: s = {} } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...pick(s, false), ...plain } });
  }
}
