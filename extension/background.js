// vipguard's service worker: the only place the protected list and the WASM engine live.
// Content scripts send what a page shows and get verdicts back, never the list.
import init, { Checker, hashImage, hashRgba, checkList, enrollImage, enrollRgba, version } from './pkg/vipguard.js';
import { withPixelsFallback } from './pixels.js';
import { validateMessage, AVATAR_HOSTS } from './messages.js';

const LIST_KEY = 'protectedList';
const SETTINGS_KEY = 'settings';
const DEFAULT_SETTINGS = { paused: false, sensitivity: 'suspicious', sites: { x: true, generic: {} } };

let ready = null; // Promise<{checker, settings, shown}>, rebuilt when storage changes
const avatarCache = new Map(); // image URL -> Promise<query string | null>
const AVATAR_CACHE_MAX = 500;

function load() {
  if (!ready) {
    ready = (async () => {
      await init({ module_or_path: chrome.runtime.getURL('pkg/vipguard_bg.wasm') });
      const stored = await chrome.storage.local.get([LIST_KEY, SETTINGS_KEY, 'avatarThumbs']);
      const settings = { ...DEFAULT_SETTINGS, ...(stored[SETTINGS_KEY] || {}) };
      let checker = null;
      if (stored[LIST_KEY]) {
        try {
          checker = new Checker(stored[LIST_KEY]);
        } catch (e) {
          console.warn('vipguard: stored list unusable:', e.message);
        }
      }
      // What a banner may show of each account, prepared once (not read from storage per check).
      const thumbs = stored.avatarThumbs || {};
      const shown = new Map(((stored[LIST_KEY] && stored[LIST_KEY].accounts) || []).map((a) => [a.id, {
        id: a.id, name: a.name, handles: (a.handles || []).map((h) => `${h.platform}:${h.handle}`), avatar: thumbs[a.id] || null,
      }]));
      return { checker, settings, shown };
    })();
    ready.catch(() => { ready = null; });
  }
  return ready;
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes[LIST_KEY] || changes[SETTINGS_KEY] || changes.avatarThumbs)) ready = null;
});

// The protected account a verdict names, reduced to what a banner shows (never the whole list).
async function matchedAccounts(results) {
  const { shown } = await load();
  const out = {};
  for (const r of results) {
    if (r && r.match && shown.has(r.match)) out[r.match] = shown.get(r.match);
  }
  return out;
}

async function avatarQuery(url) {
  if (!url) return null;
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  // Image hosts of the sites served, and enabled generic sites (whose permission the reviewer granted).
  if (u.protocol !== 'https:' || !(AVATAR_HOSTS.includes(u.hostname) || genericHosts.includes(u.hostname))) return null;
  if (!avatarCache.has(url)) {
    if (avatarCache.size >= AVATAR_CACHE_MAX) avatarCache.delete(avatarCache.keys().next().value);
    avatarCache.set(url, (async () => {
      const r = await fetch(url, { credentials: 'omit', cache: 'force-cache' });
      if (!r.ok) throw new Error(`avatar ${r.status}`);
      const bytes = new Uint8Array(await r.arrayBuffer());
      if (bytes.length > 5 * 1024 * 1024) throw new Error('avatar too large');
      return (await withPixelsFallback(bytes, r.headers.get('content-type') || '', hashImage, hashRgba)).query;
    })().catch((e) => {
      console.warn('vipguard: avatar not hashed:', url, e.message);
      return null;
    }));
  }
  return avatarCache.get(url);
}

const RANK = { clear: 0, suspicious: 1, impersonation: 2 };

// Sensitivity and payload: a clear result travels without evidence; a flag below the chosen
// sensitivity is shown as clear (the popup still lists it).
function present(results, settings) {
  const floor = RANK[settings.sensitivity] ?? 1;
  return results.map((r) => {
    if (r.error) return { id: r.id, verdict: 'error', error: r.error };
    if (r.verdict === 'clear') return { id: r.id, verdict: 'clear', score: r.score, match: null, evidence: [] };
    if (r.verdict in RANK && RANK[r.verdict] > 0 && RANK[r.verdict] < floor) return { ...r, shown: 'clear' };
    return r;
  });
}

const sameResult = (a, b) => a.verdict === b.verdict && a.score === b.score
  && (a.evidence || []).length === (b.evidence || []).length;

// Answers on the text at once; the avatars are fetched and hashed afterwards, and only the results
// they change are pushed to the tab (the page never sends its profiles twice).
async function check(msg, sender) {
  const { checker, settings } = await load();
  const onX = /(^|\.)(x|twitter)\.com$/.test(new URL(msg.url).hostname);
  if (settings.paused || (onX && settings.sites && settings.sites.x === false)) return { paused: true, results: [] };
  if (!checker) return { noList: true, results: [] };
  const profiles = msg.profiles.map((p) => ({ id: p.id, platform: p.platform, handle: p.handle, name: p.name, ...(p.bio ? { bio: p.bio } : {}) }));
  const results = present(checker.checkMany(profiles), settings);
  const accounts = await matchedAccounts(results);
  await recordTab(sender.tab.id, msg.url, results, msg.profiles);
  if (msg.profiles.some((p) => p.avatar)) {
    withAvatars(msg, sender, checker, settings, profiles, results)
      .catch((e) => console.warn('vipguard: avatar round failed:', e.message));
  }
  return { results, accounts };
}

async function withAvatars(msg, sender, checker, settings, profiles, textResults) {
  const queries = await Promise.all(msg.profiles.map((p) => avatarQuery(p.avatar)));
  if (!queries.some(Boolean)) return;
  const results = present(checker.checkMany(profiles, queries), settings);
  const changes = [];
  results.forEach((r, i) => {
    if (!sameResult(r, textResults[i])) changes.push({ index: i, result: r });
  });
  if (!changes.length) return;
  await recordTab(sender.tab.id, msg.url, changes.map((c) => c.result), changes.map((c) => msg.profiles[c.index]));
  const accounts = await matchedAccounts(changes.map((c) => c.result));
  await chrome.tabs.sendMessage(sender.tab.id, { type: 'vipguard-update', requestId: msg.requestId, url: msg.url, changes, accounts },
    { frameId: sender.frameId ?? 0 });
}

// Session-storage writes are read-modify-write: one at a time, or concurrent checks lose entries.
let recording = Promise.resolve();
function recordTab(...args) {
  recording = recording.then(() => writeTab(...args)).catch(() => {});
  return recording;
}

async function writeTab(tabId, url, results, profiles) {
  const key = `tab:${tabId}`;
  const prev = (await chrome.storage.session.get(key))[key];
  const same = prev && prev.url === url ? prev.items : [];
  const byId = new Map(same.map((i) => [i.handle.toLowerCase(), i]));
  results.forEach((r, i) => {
    const p = profiles[i];
    byId.set(p.handle.toLowerCase(), { id: r.id, handle: p.handle, name: p.name, verdict: r.verdict, match: r.match || null, score: r.score ?? null });
  });
  await chrome.storage.session.set({ [key]: { url, items: [...byId.values()].slice(-2000) } });
}

chrome.tabs?.onRemoved?.addListener((tabId) => chrome.storage.session.remove(`tab:${tabId}`));

// First run: the options page, which offers the demo list when there is no list yet.
chrome.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') chrome.runtime.openOptionsPage();
});

// Registered synchronously at top level, as MV3 workers require.
// Sites enabled for the generic adapter, kept in memory so validation stays synchronous.
let genericHosts = [];
let genericReady = null; // settles once the enabled sites are known
const loadGenericHosts = async () => {
  const { [SETTINGS_KEY]: s } = await chrome.storage.local.get(SETTINGS_KEY);
  genericHosts = Object.keys((s && s.sites && s.sites.generic) || {}).filter((h) => s.sites.generic[h]);
  await registerGeneric(genericHosts);
};

// Content scripts for enabled generic sites (the reviewer granted the host permission in the options).
async function registerGeneric(hosts) {
  const existing = (await chrome.scripting.getRegisteredContentScripts()).map((c) => c.id);
  const ids = existing.filter((id) => id.startsWith('generic:'));
  if (ids.length) await chrome.scripting.unregisterContentScripts({ ids });
  const scripts = [];
  for (const host of hosts) {
    if (await chrome.permissions.contains({ origins: [`https://${host}/*`] })) {
      scripts.push({ id: `generic:${host}`, matches: [`https://${host}/*`], js: ['content/annotate.js', 'content/generic.js', 'content/main.js'], runAt: 'document_idle' });
    }
  }
  if (scripts.length) await chrome.scripting.registerContentScripts(scripts);
}
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes[SETTINGS_KEY]) loadGenericHosts().catch((e) => console.warn('vipguard:', e.message));
});

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  // A worker woken by a message may not know the enabled sites yet: wait for them, then validate.
  genericReady.then(() => handle(msg, sender, sendResponse));
  return true; // the response is sent asynchronously
});

function handle(msg, sender, sendResponse) {
  const problem = validateMessage(msg, sender, chrome.runtime.id, genericHosts);
  if (problem) {
    sendResponse({ error: problem });
    return;
  }
  const handlers = {
    check: () => check(msg, sender),
    // Extension pages only (validateMessage checks the sender): list validation and avatar enrolment.
    checkList: async () => { await load(); return checkList(msg.text, msg.format); },
    enrollImage: async () => { await load(); return withPixelsFallback(new Uint8Array(msg.bytes), '', enrollImage, enrollRgba); },
    version: async () => { await load(); return { version: version() }; },
  };
  handlers[msg.type]().then(sendResponse, (e) => sendResponse({ error: String(e && e.message || e) }));
}

load();
genericReady = loadGenericHosts().catch((e) => console.warn('vipguard:', e.message));
