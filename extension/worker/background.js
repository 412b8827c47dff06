// vipguard's service worker (a module event page in Firefox): the only place the protected list and the
// WASM engine live. Content scripts send what a page shows and get verdicts back, never the list. This file
// registers the listeners (synchronously at top level, as MV3 workers require) and routes each validated
// message to the module that answers it.
import * as engine from './engine.js';
import { validateMessage } from './validate.js';
import { check, bulkCheck, wake, probe } from './check.js';
import { ALLOW_KEY, allowChanged } from './results.js';
import { DECISIONS_KEY, decisionsChanged, TEAM_DECISIONS_KEY, teamChanged } from './decisions.js';
import * as feed from './feed.js';
import { LIST_SOURCE_KEY } from '../shared/private-store.js';
import * as audit from './audit.js';
import { evidenceImage } from './evidence-image.js';
import { frameChecked, forgetCheckedFrames } from './page-shot.js';
import { accessChanged, isAskedHostChange } from './image-fetch.js';
import { forgetTab, recordUnreadable, givenFor } from './tab-record.js';
import { overRate, forgetTabLimits, limitsReady } from './limits.js';
import { catalogueTemplates, languageChanged, loadLanguage } from './templates.js';
import { loadEnabledSites, sitesLoaded, genericHosts, mastodonOn } from './site-scripts.js';
import * as queue from './queue.js';
import { commandToTab } from './commands.js';
import { onChange, read as readPrivate } from './private-data.js';
import { readSettings, SETTINGS_WRITTEN_KEY } from '../shared/settings.js';
import { SETTINGS_KEY } from '../shared/private-store.js';
import { viewChanged, setCorner, CORNER_KEY } from './view-settings.js';
import { redeem, forgetFrames } from './frames.js';
import { policyReadAtStartOnly, policyReadStarted } from '../shared/policy.js';

// The private store (the list, thumbnails, decisions, allow-list, queue) changed in another context, or in
// this one: what depends on it is read again.
onChange((keys) => {
  const changed = new Set(keys);
  if (changed.has(engine.LIST_KEY)) engine.listChanged();
  else if (changed.has(engine.THUMBS_KEY) || changed.has(LIST_SOURCE_KEY)) engine.reload();
  if (changed.has(TEAM_DECISIONS_KEY)) teamChanged();
  if (changed.has(ALLOW_KEY)) allowChanged();
  if (changed.has(DECISIONS_KEY)) decisionsChanged();
  if (changed.has(queue.QUEUE_KEY)) queue.queueChanged();
  if (changed.has(SETTINGS_KEY)) settingsChanged().catch((e) => console.warn('vipguard:', e.message));
  // What a verdict depends on changed, from any page or tab (the popup's decisions too): every frame of every
  // tab is told, and where a page keeps answers per account (YouTube's live chat, main.js) it reads again.
  if ([engine.LIST_KEY, engine.THUMBS_KEY, LIST_SOURCE_KEY, TEAM_DECISIONS_KEY, ALLOW_KEY, DECISIONS_KEY].some((k) => changed.has(k))) {
    tellTabs({ type: 'vipguard-changed' });
  }
});

// The settings that decide what is checked (shared/settings.js, in the private store) changed: heard on
// the private store's channel while the worker runs, and through chrome.storage.local's `settingsWritten`
// ({at, paused}), which saveSettings writes after them. Why that marker at all: a channel does not wake a
// stopped worker (Chromium's service worker, Firefox's event page), and a storage change does; the worker
// it wakes has read the new settings at its start, so it cannot tell from memory that Pause was switched
// (the wake-up race). What every tab was last told is kept in chrome.storage.session instead, which
// survives the worker's stops, not the browser's, and which content scripts can neither read nor write.
// The engine and the sites' scripts read again, and when Pause was switched every tab takes its
// annotations off or reads its page again at once (content scripts do not read storage: see
// view-settings.js). A tab may be told twice; it reads its page again, no more.
// The marker itself proves nothing: Firefox lets a page process write chrome.storage.local. One whose
// paused is not the private store's was not written by saveSettings and is ignored (issue 32's review: a
// page toggling it made every tab drop its annotations and the engine reload). One that agrees is compared
// with the settings the engine in use read (engine.readSame): the same, it changes nothing (a stopped
// worker the marker woke read them at its start, and a running one heard the change on the store's
// channel and read them again then), so neither the engine nor the sites' scripts are read again (issue
// 26: a page could make the engine restore itself at every marker it wrote). Which code wrote the marker
// cannot be asked: chrome.storage.onChanged does not say (docs/security.md).
// Nothing recorded of what the tabs were told (the first change since the browser started): they are
// told, since they may have been answered before it. Recording the settings of the worker's start as
// "told" instead (issue 26) was wrong when the marker of a Pause switch was what started that worker:
// it read the new settings, took them for what the tabs knew, and told them nothing.
// The calls run one after another (issue 26's review: a Pause then a Resume switched quickly overlapped,
// and the Pause's call could record paused as told after the Resume's had compared, leaving the tabs
// without annotations while checks ran). Pause is read again just before it is compared with what was told.
const TOLD_PAUSED_KEY = 'toldPaused';
let settingsQueue = Promise.resolve();
function settingsChanged(written = null) {
  const run = settingsQueue.then(() => settingsChangedNow(written));
  settingsQueue = run.catch(() => {});
  return run;
}
async function settingsChangedNow(written) {
  const stored = await readSettings(readPrivate);
  if (written && !!written.paused !== !!stored.paused) return;
  if (!written || !(await engine.readSame(stored))) {
    engine.reload();
    sitesAgain();
  }
  const told = (await chrome.storage.session.get(TOLD_PAUSED_KEY))[TOLD_PAUSED_KEY];
  const paused = !!(await readSettings(readPrivate)).paused;
  if (told === paused) return;
  await chrome.storage.session.set({ [TOLD_PAUSED_KEY]: paused });
  tellTabs({ type: 'vipguard-paused', paused });
}

// The sites' content scripts registered again (site-scripts.js): when the settings or the policy change,
// and when access to all sites is granted or withdrawn (Mastodon needs it).
const sitesAgain = () => loadEnabledSites().catch((e) => console.warn('vipguard:', e.message));
chrome.permissions?.onAdded?.addListener(sitesAgain);
chrome.permissions?.onRemoved?.addListener(sitesAgain);
// Access to an asked host (YouTube's chat photos, image-fetch.js) granted or withdrawn: the kept answer is
// dropped, and the open chats, which keep answers per author for up to a minute (main.js), read again with
// or without the photos at once (chat21).
const photosAgain = (permissions) => {
  accessChanged();
  if (isAskedHostChange(permissions)) tellTabs({ type: 'vipguard-changed' }).catch(() => {});
};
chrome.permissions?.onAdded?.addListener(photosAgain);
chrome.permissions?.onRemoved?.addListener(photosAgain);

// chrome.storage.local keeps the interface's language, the ticket format, the banner's corner and the
// settingsWritten marker only (nothing that names an account, nothing that decides what is checked).
chrome.storage.onChanged.addListener((changes, area) => {
  // The organisation's policy changed: settings and the sites' scripts read again, and the feed fetched if
  // its address or key did.
  if (area === 'managed') {
    engine.reload();
    if (changes.sites) sitesAgain();
    if (changes.feedUrl || changes.feedPublicKey) feed.refresh();
    return;
  }
  if (area !== 'local') return;
  if (changes[CORNER_KEY]) viewChanged();
  // Saved settings (see settingsChanged: a page process in Firefox can write this key too).
  const written = changes[SETTINGS_WRITTEN_KEY]?.newValue;
  if (written && typeof written === 'object') settingsChanged(written).catch((e) => console.warn('vipguard:', e.message));
  // The interface's language and the ticket format (the rest of the settings: shared/settings.js).
  // Of these the engine uses the language alone (its evidence's words): it is loaded again only when the
  // language changed, not at every write (a Firefox page process can write this key: docs/security.md).
  if (changes[engine.LOCAL_SETTINGS_KEY]) {
    const [before, after] = [changes[engine.LOCAL_SETTINGS_KEY].oldValue, changes[engine.LOCAL_SETTINGS_KEY].newValue];
    if ((before && before.language) !== (after && after.language)) {
      engine.reload();
      languageChanged();
      // What the tabs show is drawn again in it, the engine's evidence included (main.js languageChanged).
      tellTabs({ type: 'vipguard-language' });
    }
  }
});

// The toolbar button's count of flagged accounts (tab-record.js) is red on every tab.
chrome.action?.setBadgeBackgroundColor?.({ color: '#c62828' })?.catch?.(() => {});

// A tab replaced by another (prerendering): its frame ids are the old page's, the evidence picture waits
// for none of them.
chrome.tabs?.onReplaced?.addListener((added, removed) => forgetCheckedFrames(removed));
chrome.tabs?.onRemoved?.addListener((tabId) => {
  forgetTab(tabId);
  forgetCheckedFrames(tabId);
  forgetFrames(tabId).catch(() => {});
  limitsReady.then(() => forgetTabLimits(tabId));
  queue.forgetQueueTab(tabId).catch(() => {});
});

// A message to every tab's content script, in every frame of it (no frameId: YouTube's live chat is a frame
// of the watch page); tabs without one refuse it, quietly.
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
  if (!target || target.id == null) return;
  commandToTab(command, target.id);
});

// First run: the options page, which offers the demo list when there is no list yet.
chrome.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') chrome.runtime.openOptionsPage();
  engine.forget();
  feed.refresh();
});

// The team's feed (feed.js): every 30 minutes, and when the browser starts.
chrome.alarms?.onAlarm?.addListener((alarm) => { if (alarm.name === feed.ALARM) feed.refresh(); });
chrome.runtime.onStartup?.addListener(() => feed.refresh());

// A message waits for the enabled sites to be known (at start, or read again after the settings or the
// policy changed: site-scripts.js), then validates (and for the per-tab limits the worker before it left:
// limits.js).
chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  // When a restarted worker heard its first message (ms since it started), for scripts/ext-cold.mjs.
  globalThis.vipguardFirstMessage ??= performance.now();
  Promise.all([sitesLoaded(), limitsReady]).then(() => handle(msg, sender, sendResponse));
  return true; // the response is sent asynchronously
});

const HANDLERS = {
  check: (msg, sender) => {
    if (sender.tab) frameChecked(sender.tab.id, sender.frameId); // the frames the evidence picture waits for (evidence-image.js)
    return check(msg, sender);
  },
  wake: () => wake(),
  unreadable: async (msg, sender) => {
    // The tab's record says "cannot read" for its top frame's page only: a frame's (YouTube's live chat in the
    // watch page) is logged, and its notice drawn in it, but does not mark the page unreadable.
    const top = !sender.frameId;
    await Promise.all([top ? recordUnreadable(sender.tab.id, msg.url) : null, audit.logUnreadable(msg.url, msg.site, sender.tab.id)]);
    // The page's notice in the interface's language (the content script has no verdict yet to bring it).
    return { ok: true, ...(msg.wantMessages ? { messages: await catalogueTemplates().catch(() => null) } : {}) };
  },
  // From a banner's or a card's frame, or the popup, and only about an account the worker answered to the
  // sender's tab (tab-record.js givenFor): the tab's page then reads itself again, so its badges show the
  // standing decision; every frame of it (YouTube's live chat is a frame of the watch page, live21).
  decide: async (msg, sender) => {
    const out = await bound(msg, sender, audit.decide);
    if (!out.error && sender.tab && sender.tab.id != null) chrome.tabs.sendMessage(sender.tab.id, { type: 'vipguard-decided' }).catch(() => {});
    return out;
  },
  // A frame asks what it shows (see frames.js); `fresh` after a decision made in it.
  frameContent: async (msg, sender) => {
    probe('worker: frame asks for its words');
    const rec = await redeem(msg.token, sender.tab.id, { fresh: !!msg.fresh });
    // The words of the language chosen in the options; none for the browser's own, which an extension
    // page reads from chrome.i18n at no cost (the whole catalogue would be copied for every frame).
    const messages = msg.wantMessages ? await loadLanguage() : null;
    probe('worker: frame answered');
    return { ...rec, tabId: sender.tab.id, ...(messages ? { messages } : {}) };
  },
  bulkCheck: (msg) => bulkCheck(msg),
  // The page screenshot is of the sender's tab (a banner's or card's frame in a web page), or of the tab an
  // extension page (the popup) names.
  evidenceImage: (msg, sender) => bound(msg, sender, (m, given) => evidenceImage(m, given, pageTab(sender) ?? m.tabId ?? null)),
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
  bannerCorner: (msg) => setCorner(msg),
  // The options page's "Check the feed now": the feed's state once the attempt is over.
  feedRefresh: async () => ({ state: await feed.refresh() }),
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
feed.schedule();
// Since when, at least, the policy Firefox read at its start is in use: recorded here alone, the options
// page only reads it (shared/policy.js).
if (policyReadAtStartOnly()) policyReadStarted().catch(() => {});
audit.pruneAudit().catch((e) => console.warn('vipguard: audit log not pruned:', e.message));
sitesAgain();
