// What content scripts need of the reviewer's settings: the banner's corner (the ticket tools, in the
// banner's frame, read the format themselves). They get it with every check's answer instead of reading chrome.storage themselves: where the browser allows,
// chrome.storage is closed to content scripts (private-data.js), and a content script, like a compromised
// page process, should need nothing stored.
export const CORNER_KEY = 'bannerCorner';
export const CORNERS = ['top-right', 'bottom-right', 'bottom-left', 'top-left'];

const readView = () => chrome.storage.local.get(CORNER_KEY).then((s) => ({
  corner: CORNERS.includes(s[CORNER_KEY]) ? s[CORNER_KEY] : CORNERS[0],
}));

let cached = null;
// For a check's answer: read once and kept until the corner changes (background.js calls
// viewChanged).
export function viewSettings() {
  if (!cached) {
    cached = readView();
    cached.catch(() => { cached = null; });
  }
  return cached;
}

export function viewChanged() {
  cached = null;
}

// The banner's "move" button: the corner for every page opened from now on.
export async function setCorner(msg) {
  await chrome.storage.local.set({ [CORNER_KEY]: msg.corner });
  return { ok: true };
}
