// What content scripts need of the reviewer's settings: the banner's corner and the ticket format. They
// get it with every check's answer instead of reading chrome.storage themselves: where the browser allows,
// chrome.storage is closed to content scripts (private-data.js), and a content script, like a compromised
// page process, should need nothing stored.
import { SETTINGS_KEY } from './engine.js';

export const CORNER_KEY = 'bannerCorner';
export const CORNERS = ['top-right', 'bottom-right', 'bottom-left', 'top-left'];

const readView = () => chrome.storage.local.get([SETTINGS_KEY, CORNER_KEY]).then((s) => ({
  corner: CORNERS.includes(s[CORNER_KEY]) ? s[CORNER_KEY] : CORNERS[0],
  ticketFormat: (s[SETTINGS_KEY] && s[SETTINGS_KEY].ticketFormat) || 'text',
}));

let cached = null;
// For a check's answer: read once and kept until the settings or the corner change (background.js calls
// viewChanged).
export function viewSettings() {
  if (!cached) {
    cached = readView();
    cached.catch(() => { cached = null; });
  }
  return cached;
}

// For the banner's "Copy for ticket": read now, so a format chosen since the page's last check applies.
export const currentView = () => readView();

export function viewChanged() {
  cached = null;
}

// The banner's "move" button: the corner for every page opened from now on.
export async function setCorner(msg) {
  await chrome.storage.local.set({ [CORNER_KEY]: msg.corner });
  return { ok: true };
}
