// A keyboard shortcut for a tab's banner (the manifest's commands other than the queue's), sent to that
// tab: the content script moves keyboard focus to the banner's frame, and the frame (an extension page)
// acts inside it. A page can forge neither message.
//
// Firefox delivers no runtime message to an extension frame inside a web page, only a tab's messages
// (firefox.test.mjs, "a decision shortcut reaches the banner once"); Chromium delivers both. So the
// frame's message goes both ways, with an id, and the frame acts once per id.
export function commandToTab(command, tabId) {
  chrome.tabs.sendMessage(tabId, { type: 'vipguard-command', command }, { frameId: 0 }).catch(() => {});
  const frameCommand = { type: 'vipguard-frame-command', command, tabId, id: crypto.randomUUID() };
  chrome.runtime.sendMessage(frameCommand).catch(() => {});
  chrome.tabs.sendMessage(tabId, frameCommand).catch(() => {});
}
