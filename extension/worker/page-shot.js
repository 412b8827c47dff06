// The page's screenshot for the evidence picture (evidence-image.js), with the extension's banner and cards
// hidden in every frame of the tab while it is taken. No imports: tests/unit/evidence-frames.test.mjs loads
// it with a stand-in `chrome`.

// The child frames of each tab whose content script sent a check (YouTube's live chat in the watch page):
// tab id -> Set of frame ids, a few per tab, forgotten with the tab (closed or replaced). Kept in memory
// only: a worker restarted since knows none (docs/extension.md, known limits).
const checkedFrames = new Map();
const FRAMES_PER_TAB = 8;
export function frameChecked(tabId, frameId) {
  if (tabId == null || !frameId) return;
  let frames = checkedFrames.get(tabId);
  if (!frames) checkedFrames.set(tabId, (frames = new Set()));
  // Moved to the end on each check: the frame evicted when a tab has too many is the one quiet longest,
  // never a busy chat.
  frames.delete(frameId);
  if (frames.size >= FRAMES_PER_TAB) frames.delete(frames.values().next().value);
  frames.add(frameId);
}
export function forgetCheckedFrames(tabId) {
  checkedFrames.delete(tabId);
}

// How long a child frame's answer to "hide" is waited for (pageScreenshot), in ms. An end-to-end test that
// slows a frame on purpose sets the worker's `vipguardFrameAnswerMs` (a worker global: no page reaches it)
// so that its order of events does not depend on the machine's speed.
export const FRAME_ANSWER_MS = 800;
const inTime = (answer) => {
  let timer;
  const ms = globalThis.vipguardFrameAnswerMs ?? FRAME_ANSWER_MS;
  const late = new Promise((resolve) => { timer = setTimeout(resolve, ms, null); });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
};

// The visible part of the page in tab `tabId`, at `url`, as a bitmap, or `{missing: key}` naming why there
// is none. Chrome and Firefox let captureVisibleTab take a page only with `activeTab`, granted to a tab when
// the reviewer presses the toolbar button or one of the extension's keyboard shortcuts there (it lasts
// until the tab navigates), never by a click in a page or in our frame; we ask for no <all_urls>.
// The banner and the card are hidden while it is taken (the content script answers once they are off
// screen) so that they never cover the profile in the ticket; they come back at once.
export async function pageScreenshot(tabId, url) {
  if (tabId == null) return { missing: 'imageNoScreenshot' };
  const tab = await chrome.tabs.get(tabId).catch(() => null);
  // captureVisibleTab takes the window's front tab: only when that is this page.
  if (!tab || !tab.active || tab.url !== url) return { missing: 'imageScreenshotNotInFront' };
  // Every frame of the tab: a card open in YouTube's live chat (a frame of the watch page) leaves the picture
  // too. The top frame's answer is awaited, and each child frame's that has sent a check (frameChecked: the
  // chat's); a frame not known here (the worker restarted since) is told too (the first answer awaited).
  // A child frame gets FRAME_ANSWER_MS to answer (a busy or throttled frame is not waited for: "Save image"
  // never hangs on it; the top frame's banner comes back by itself after 2 s, annotate.js).
  const send = (on, frame) => chrome.tabs.sendMessage(tabId, { type: 'vipguard-capture', hide: on }, frame).catch(() => null);
  const known = [...(checkedFrames.get(tabId) || [])];
  const hide = (on) => Promise.all([
    send(on, { frameId: 0 }),
    ...known.map((frameId) => inTime(send(on, { frameId }))),
    inTime(send(on)),
  ]);
  await hide(true);
  try {
    // Hiding took a moment: the reviewer may have left the tab or the page meanwhile.
    const now = await chrome.tabs.get(tabId).catch(() => null);
    if (!now || !now.active || now.url !== url || now.windowId !== tab.windowId) return { missing: 'imageScreenshotNotInFront' };
    const dataUrl = await chrome.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
    const bin = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
    return { bitmap: await createImageBitmap(new Blob([Uint8Array.from(bin, (c) => c.charCodeAt(0))], { type: 'image/png' })) };
  } catch (e) {
    console.warn('vipguard: no screenshot of the page:', e.message);
    return { missing: 'imageNoScreenshot' };
  } finally {
    await hide(false);
  }
}
