// vipguard's service worker (a module event page in Firefox): the only place the protected list and the
// WASM engine live. Content scripts send what a page shows and get verdicts back, never the list. This file
// registers the listeners (synchronously at top level, as MV3 workers require) and routes each validated
// message to the module that answers it.
import * as engine from './engine.js';
import { validateMessage } from './validate.js';
import { check, bulkCheck, wake } from './check.js';
import { ALLOW_KEY, allowChanged } from './results.js';
import { DECISIONS_KEY, decisionsChanged } from './decisions.js';
import * as audit from './audit.js';
import { evidenceImage } from './evidence-image.js';
import { forgetTab, recordUnreadable, givenFor } from './tab-record.js';
import { overRate, forgetTabLimits } from './limits.js';
import { catalogueTemplates, languageChanged } from './templates.js';
import { loadEnabledSites, genericHosts, mastodonOn } from './site-scripts.js';
import * as queue from './queue.js';

chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (changes[engine.LIST_KEY] || changes[engine.SETTINGS_KEY] || changes.avatarThumbs) engine.reload();
  if (changes[engine.LIST_KEY]) engine.listChanged();
  if (changes[ALLOW_KEY]) allowChanged();
  if (changes[DECISIONS_KEY]) decisionsChanged();
  if (changes[queue.QUEUE_KEY]) queue.queueChanged();
  if (changes[engine.SETTINGS_KEY]) {
    loadEnabledSites().catch((e) => console.warn('vipguard:', e.message));
    const [before, after] = [changes[engine.SETTINGS_KEY].oldValue, changes[engine.SETTINGS_KEY].newValue];
    if ((before && before.language) !== (after && after.language)) languageChanged();
    // Paused or resumed: every tab takes its annotations off or reads its page again at once. (Content
    // scripts do not watch storage themselves: they would be handed the protected list on every change.)
    const paused = !!(after && after.paused);
    if (!!(before && before.paused) !== paused) tellTabs({ type: 'vipguard-paused', paused });
  }
});

// The toolbar button's count of flagged accounts (tab-record.js) is red on every tab.
chrome.action?.setBadgeBackgroundColor?.({ color: '#c62828' })?.catch?.(() => {});

chrome.tabs?.onRemoved?.addListener((tabId) => {
  forgetTab(tabId);
  forgetTabLimits(tabId);
  queue.forgetQueueTab(tabId).catch(() => {});
});

// A message to every tab's content script (tabs without one refuse it, quietly).
async function tellTabs(msg) {
  for (const tab of await chrome.tabs.query({})) chrome.tabs.sendMessage(tab.id, msg).catch(() => {});
}

// Keyboard shortcuts (the manifest's commands, which the reviewer can change in the browser): the queue's
// next and previous step here; the others go to the active tab's content script (focus the banner, record
// a decision on it).
chrome.commands?.onCommand?.addListener(async (command, tab) => {
  if (command === 'queue-next' || command === 'queue-previous') {
    await queue.step(command === 'queue-next' ? 1 : -1);
    return;
  }
  const target = tab || (await chrome.tabs.query({ active: true, currentWindow: true }))[0];
  if (target && target.id != null) chrome.tabs.sendMessage(target.id, { type: 'vipguard-command', command }).catch(() => {});
});

// First run: the options page, which offers the demo list when there is no list yet.
chrome.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') chrome.runtime.openOptionsPage();
  engine.forget();
});

// Settles once the enabled sites are known: a worker woken by a message waits for them, then validates.
let sitesReady = null;

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  sitesReady.then(() => handle(msg, sender, sendResponse));
  return true; // the response is sent asynchronously
});

const HANDLERS = {
  check: (msg, sender) => check(msg, sender),
  wake: () => wake(),
  unreadable: async (msg, sender) => {
    await Promise.all([recordUnreadable(sender.tab.id, msg.url), audit.logUnreadable(msg.url, msg.site, sender.tab.id)]);
    // The page's notice in the interface's language (the content script has no verdict yet to bring it).
    return { ok: true, ...(msg.wantMessages ? { messages: await catalogueTemplates().catch(() => null) } : {}) };
  },
  // Only about an account the worker answered to the sender's tab (tab-record.js givenFor).
  decide: (msg, sender) => bound(msg, sender, audit.decide),
  bulkCheck: (msg) => bulkCheck(msg),
  evidenceImage: (msg, sender) => bound(msg, sender, evidenceImage),
  auditExport: async () => { await audit.pruneAudit(); return { entries: await audit.all() }; },
  auditCount: async () => ({ count: await audit.count() }),
  auditClear: async () => { await audit.clear(); return { ok: true }; },
  // The queue's tab steps it (its banner's bar); the queue page steps it or opens an item.
  queueStep: async (msg, sender) => {
    const fromPage = String(sender.url || '').startsWith(chrome.runtime.getURL(''));
    if (!fromPage && !(await queue.isQueueTab(sender.tab.id))) return { error: 'this tab is not the review queue\'s' };
    return queue.step(msg.direction);
  },
  queueOpen: (msg) => queue.openItem(msg.index),
};

async function bound(msg, sender, answer) {
  const { given, error } = await givenFor(msg, sender, chrome.runtime.getURL(''));
  return error ? { error } : answer(msg, given);
}

// A web page's tab (its content script, or our frame in it): what the per-tab rate limits count.
const pageTab = (sender) => (sender.tab && !String(sender.tab.url || '').startsWith(chrome.runtime.getURL('')) ? sender.tab.id : null);

function handle(msg, sender, sendResponse) {
  const problem = validateMessage(msg, sender, chrome.runtime.id, genericHosts, { mastodon: mastodonOn, base: chrome.runtime.getURL('') })
    || overRate(msg.type, pageTab(sender));
  if (problem) {
    sendResponse({ error: problem });
    return;
  }
  HANDLERS[msg.type](msg, sender).then(sendResponse, (e) => sendResponse({ error: String(e && e.message || e) }));
}

engine.load();
audit.pruneAudit().catch((e) => console.warn('vipguard: audit log not pruned:', e.message));
sitesReady = loadEnabledSites().catch((e) => console.warn('vipguard:', e.message));
