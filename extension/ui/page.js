// What the options and bulk pages' modules share: finding elements, making text-only ones, reading storage.
export const $ = (id) => document.getElementById(id);

// An element holding `value` as text (page data is never parsed as HTML).
export function text(tag, value) {
  const e = document.createElement(tag);
  e.textContent = value;
  return e;
}

export const stored = async (k) => (await chrome.storage.local.get(k))[k];
