// vipguard's service worker: the only place the protected list and the WASM engine live.
// Content scripts send what a page shows and get verdicts back, never the list.
import init, { Checker, hashImage, hashRgba, checkList, enrollImage, enrollRgba, version } from './pkg/vipguard.js';
import { withPixelsFallback } from './pixels.js';
import { validateMessage, isAvatarHost, SITE_PLATFORMS, SITE_HOSTS } from './messages.js';
import * as audit from './audit.js';
import * as engineStore from './engine-store.js';

const LIST_KEY = 'protectedList';
const SETTINGS_KEY = 'settings';
// The interface's words (_locales), for what the worker draws.
const t = (key, ...subs) => chrome.i18n.getMessage(key, subs.map(String)) || key;
// Every message as a template for content scripts (i18n.js, seed), with $1…$9 as U+0001…U+0009, made
// once: a content script's first call into the catalogue loads it on the page's thread. The default
// locale's file lists the keys (every locale has the same ones, a test checks). A template is sent only
// if filling it in reads exactly as the browser's own substitution (a browser that altered the control
// characters would leave the content script on chrome.i18n, as before).
let templates = null;
function catalogueTemplates() {
  if (!templates) {
    templates = (async () => {
      const sentinels = Array.from({ length: 9 }, (_, i) => String.fromCharCode(i + 1));
      const probe = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((x) => `‹${x}›`);
      const fill = (template, strs) => template.replace(/[\u0001-\u0009]/g, (c) => strs[c.charCodeAt(0) - 1] ?? '');
      const locale = chrome.runtime.getManifest().default_locale || 'en';
      const keys = Object.keys(await (await fetch(chrome.runtime.getURL(`_locales/${locale}/messages.json`))).json());
      return Object.fromEntries(keys.map((k) => [k, chrome.i18n.getMessage(k, sentinels)])
        .filter(([k, v]) => v && fill(v, probe) === chrome.i18n.getMessage(k, probe)));
    })();
    templates.catch(() => { templates = null; });
  }
  return templates;
}
const ALLOW_KEY = 'reviewerAllow'; // accounts a reviewer marked "Not an impersonator"
const DEFAULT_SETTINGS = { paused: false, sensitivity: 'suspicious', sites: { x: true, generic: {} }, auditDays: 90 };

let ready = null; // Promise<{checker, settings, thumbs}>, rebuilt when storage changes
const avatarCache = new Map(); // image URL -> Promise<query string | null>
const AVATAR_CACHE_MAX = 500;
// How the engine last started, for support and the end-to-end tests: 'restored' from the kept snapshot,
// 'built' from the list, or 'none' (no list); with the milliseconds it took and the list's size.
globalThis.vipguardEngine = null;

function load() {
  if (!ready) {
    ready = (async () => {
      await init({ module_or_path: chrome.runtime.getURL('pkg/vipguard_bg.wasm') });
      const stored = await chrome.storage.local.get([SETTINGS_KEY, 'avatarThumbs']);
      const settings = { ...DEFAULT_SETTINGS, ...(stored[SETTINGS_KEY] || {}) };
      // Evidence in the interface's language: the catalogue the browser chose names it.
      const lang = t('engineLang');
      const started = performance.now();
      let checker = null;
      let how = 'none';
      const kept = await engineStore.read().catch((e) => {
        console.warn('vipguard: engine store unreadable:', e && e.message);
        return {};
      });
      const snap = kept.snapshot;
      if (snap && kept.gen !== undefined && snap.gen === kept.gen && snap.version === version()) {
        try {
          checker = Checker.restore(snap.bytes, lang);
          how = 'restored';
        } catch (e) {
          console.warn('vipguard: kept engine unusable, building from the list:', e.message);
        }
      }
      if (!checker) {
        const list = (await chrome.storage.local.get(LIST_KEY))[LIST_KEY];
        if (list) {
          try {
            checker = new Checker(list, undefined, lang);
            how = 'built';
            // Kept after this start has answered: saving is not on the first check's path.
            const built = checker;
            setTimeout(() => engineStore.keep(kept.gen, version(), built.snapshot())
              .catch((e) => console.warn('vipguard: could not keep the engine:', e && e.message)), 0);
          } catch (e) {
            console.warn('vipguard: stored list unusable:', e.message);
          }
        }
      }
      globalThis.vipguardEngine = { how, ms: performance.now() - started, accounts: checker ? checker.size : 0 };
      return { checker, settings, thumbs: stored.avatarThumbs || {} };
    })();
    ready.catch(() => { ready = null; });
  }
  return ready;
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes[LIST_KEY] || changes[SETTINGS_KEY] || changes.avatarThumbs)) ready = null;
  if (area === 'local' && changes[LIST_KEY]) {
    // Build the new list's engine (and keep its snapshot) now, not when the reviewer next opens a page.
    engineStore.listChanged().catch((e) => console.warn('vipguard: engine store:', e && e.message))
      .then(() => load()).catch(() => {});
  }
  if (area === 'local' && changes[ALLOW_KEY]) allowReady = null;
});

// A protected account reduced to what a banner shows (never the whole list), or null.
async function shownAccount(id) {
  const { checker, thumbs } = await load();
  const a = id && checker ? checker.account(id) : undefined;
  return a ? {
    id: a.id, name: a.name, handles: (a.handles || []).map((h) => `${h.platform}:${h.handle}`), avatar: thumbs[a.id] || null,
  } : null;
}

// The protected accounts the verdicts name, as a banner shows them.
async function matchedAccounts(results) {
  const out = {};
  for (const r of results) {
    if (r && r.match && !(r.match in out)) {
      const a = await shownAccount(r.match);
      if (a) out[r.match] = a;
    }
  }
  return out;
}

// Image hosts of the sites served, and enabled generic sites (whose permission the reviewer granted);
// with Mastodon on, any server's (Mastodon avatars live on each server or its media host).
function avatarAllowed(u) {
  return u.protocol === 'https:' && (isAvatarHost(u.hostname) || genericHosts.includes(u.hostname) || mastodonOn);
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
  if (!avatarAllowed(u)) return null;
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

// The reviewer allow-list, kept apart from the checker so a decision never rebuilds the index.
let allowReady = null;
function allowList() {
  if (!allowReady) {
    allowReady = chrome.storage.local.get(ALLOW_KEY).then((s) => s[ALLOW_KEY] || {});
    allowReady.catch(() => { allowReady = null; });
  }
  return allowReady;
}

// Sensitivity, the reviewer allow-list and payload: a clear result travels without evidence; a flag
// below the chosen sensitivity is shown as clear (the popup still lists it); an account a reviewer
// cleared is shown as clear with that decision, whatever the engine says.
function present(results, settings, allow = {}, profiles = []) {
  const floor = RANK[settings.sensitivity] ?? 1;
  return results.map((r, i) => {
    if (r.error) return { id: r.id, verdict: 'error', error: r.error };
    const p = profiles[i];
    const cleared = p && allow[audit.accountKey(p.platform, p.handle)];
    if (cleared && r.verdict in RANK && RANK[r.verdict] > 0) return { ...r, shown: 'clear', cleared };
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
  // Each site can be switched off in the options (Mastodon is off until switched on).
  const site = SITE_PLATFORMS[new URL(msg.url).hostname] || (msg.profiles[0].platform === 'mastodon' ? 'mastodon' : null);
  if (settings.paused || (site && settings.sites && settings.sites[site] === false)) return { paused: true, results: [] };
  if (!checker) return { noList: true, results: [] };
  // Started before checking, so reading the catalogue overlaps the engine's work.
  const messages = msg.wantMessages ? catalogueTemplates().catch(() => null) : null;
  const profiles = msg.profiles.map((p) => ({ id: p.id, platform: p.platform, handle: p.handle, name: p.name, ...(p.bio ? { bio: p.bio } : {}) }));
  const allow = await allowList();
  const results = present(checker.checkMany(profiles), settings, allow, profiles);
  const accounts = await matchedAccounts(results);
  await recordTab(sender.tab.id, msg.url, results, msg.profiles, accounts);
  logShown(msg.url, msg.profiles, results);
  if (msg.profiles.some((p) => p.avatar)) {
    withAvatars(msg, sender, checker, settings, allow, profiles, results)
      .catch((e) => console.warn('vipguard: avatar round failed:', e.message));
  }
  const templates = await messages;
  return { results, accounts, ...(templates ? { messages: templates } : {}) };
}

async function withAvatars(msg, sender, checker, settings, allow, profiles, textResults) {
  const queries = await Promise.all(msg.profiles.map((p) => avatarQuery(p.avatar)));
  if (!queries.some(Boolean)) return;
  const results = present(checker.checkMany(profiles, queries), settings, allow, profiles);
  const changes = [];
  results.forEach((r, i) => {
    if (!sameResult(r, textResults[i])) changes.push({ index: i, result: r });
  });
  if (!changes.length) return;
  const accounts = await matchedAccounts(changes.map((c) => c.result));
  await recordTab(sender.tab.id, msg.url, changes.map((c) => c.result), changes.map((c) => msg.profiles[c.index]), accounts);
  logShown(msg.url, changes.map((c) => msg.profiles[c.index]), changes.map((c) => c.result));
  await chrome.tabs.sendMessage(sender.tab.id, { type: 'vipguard-update', requestId: msg.requestId, url: msg.url, changes, accounts },
    { frameId: sender.frameId ?? 0 });
}

// The bulk page: the engine's verdicts as they are (sensitivity is for annotating pages), with accounts a
// reviewer cleared marked, and the matched accounts' names.
async function bulkCheck(msg) {
  const { checker } = await load();
  if (!checker) return { noList: true, results: [] };
  const profiles = msg.profiles.map((p) => ({ id: p.id, platform: p.platform, handle: p.handle, name: p.name, ...(p.bio ? { bio: p.bio } : {}) }));
  const allow = await allowList();
  const results = checker.checkMany(profiles).map((r, i) => {
    const cleared = !r.error && allow[audit.accountKey(profiles[i].platform, profiles[i].handle)];
    return cleared ? { ...r, cleared } : r;
  });
  const accounts = {};
  for (const [id, a] of Object.entries(await matchedAccounts(results))) accounts[id] = summary(a);
  return { results, accounts };
}

// The audit log records each check the reviewer was shown: a profile page whatever its verdict, and on
// lists every flagged account. Once per page, account and verdict for the worker's lifetime.
const logged = new Set();
function logShown(url, profiles, results) {
  const now = Date.now();
  const entries = [];
  results.forEach((r, i) => {
    const p = profiles[i];
    const shown = r.shown || r.verdict;
    if (!p || shown === 'error' || (shown === 'clear' && p.id !== 'profile')) return;
    const key = `${url}|${audit.accountKey(p.platform, p.handle)}|${shown}`;
    if (logged.has(key)) return;
    if (logged.size > 20000) logged.clear();
    logged.add(key);
    entries.push(auditEntry('shown', now, url, p, { ...r, verdict: shown }));
  });
  audit.append(entries).catch((e) => console.warn('vipguard: audit log not written:', e.message));
}

function auditEntry(event, time, url, p, r, extra = {}) {
  return {
    event, time, url, platform: p.platform, handle: p.handle, name: p.name,
    account: audit.accountKey(p.platform, p.handle),
    verdict: r.verdict || '', match: r.match || '', score: r.score ?? '',
    decision: '', note: '', seconds_to_decision: '', ...extra,
  };
}

// A reviewer's decision on a checked profile: logged with the time since the account was first shown,
// and "Not an impersonator" puts the account on the local allow-list.
async function decide(msg) {
  const p = msg.profile;
  const key = audit.accountKey(p.platform, p.handle);
  const now = Date.now();
  const first = await audit.firstShown(key);
  await audit.append([auditEntry('decision', now, msg.url, p, msg.result || {}, {
    decision: msg.decision, note: msg.note || '',
    seconds_to_decision: first == null ? '' : Math.round((now - first) / 1000),
  })]);
  if (msg.decision === 'not_impersonator' || msg.decision === 'allow_removed') {
    const allow = { ...(await chrome.storage.local.get(ALLOW_KEY))[ALLOW_KEY] };
    if (msg.decision === 'not_impersonator') {
      allow[key] = { platform: p.platform, handle: p.handle, name: p.name, match: (msg.result && msg.result.match) || null,
        at: new Date(now).toISOString(), note: msg.note || '' };
    } else {
      delete allow[key];
    }
    await chrome.storage.local.set({ [ALLOW_KEY]: allow });
  }
  return { ok: true, decision: msg.decision };
}

async function pruneAudit() {
  const { settings } = await load();
  const days = Number(settings.auditDays) || DEFAULT_SETTINGS.auditDays;
  await audit.prune(days);
}

// A picture for the ticket: the profile's avatar and the protected one side by side, each with its
// name and handle underneath. Drawn here, where both images can be read without tainting a canvas.
async function evidenceImage(msg) {
  const account = await shownAccount(msg.match);
  const picture = async (url) => {
    if (!url) return null;
    try {
      const ok = url.startsWith('data:image/') || (() => {
        const u = new URL(url);
        return avatarAllowed(u);
      })();
      if (!ok) return null;
      const r = await fetch(url, { credentials: 'omit', cache: 'force-cache' });
      return r.ok ? await createImageBitmap(await r.blob()) : null;
    } catch {
      return null;
    }
  };
  const [mine, theirs] = await Promise.all([picture(msg.profile.avatar), picture(account && account.avatar)]);
  const W = 720;
  const H = 350;
  const canvas = new OffscreenCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#111111';
  ctx.font = 'bold 18px sans-serif';
  const verdict = msg.verdict ? (chrome.i18n.getMessage(`verdict_${msg.verdict}`) || msg.verdict) : '';
  ctx.fillText(`${t('bannerTitle', verdict)}${typeof msg.score === 'number' ? `, ${t('score', msg.score.toFixed(2))}` : ''}`, 20, 32);
  const column = (x, title, bitmap, name, handle) => {
    ctx.font = '14px sans-serif';
    ctx.fillStyle = '#555555';
    ctx.fillText(title, x, 64);
    if (bitmap) {
      ctx.drawImage(bitmap, x, 76, 180, 180);
    } else {
      ctx.strokeStyle = '#999999';
      ctx.strokeRect(x, 76, 180, 180);
      ctx.fillText(t('imageNoPicture'), x + 55, 170);
    }
    ctx.fillStyle = '#111111';
    ctx.font = 'bold 16px sans-serif';
    ctx.fillText(String(name || '').slice(0, 40), x, 282, 320);
    ctx.font = '14px sans-serif';
    ctx.fillText(String(handle || '').slice(0, 60), x, 304, 320);
  };
  column(20, t('imageChecked'), mine, msg.profile.name, t('handleOnPlatform', msg.profile.handle, msg.profile.platform));
  const real = account ? account.handles.map((h) => '@' + h.split(':').slice(1).join(':')).join(', ') : '';
  column(380, t('imageProtected'), theirs, account ? account.name : t('imageNoMatch'), real);
  ctx.font = '12px sans-serif';
  ctx.fillStyle = '#555555';
  ctx.fillText(`${String(msg.url).slice(0, 90)}  ·  ${new Date().toISOString().slice(0, 19)}Z  ·  vipguard ${chrome.runtime.getManifest().version}`, 20, 336, W - 40);
  for (const b of [mine, theirs]) if (b) b.close();
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { dataUrl: `data:image/png;base64,${btoa(bin)}` };
}

// Session-storage writes are read-modify-write: one at a time, or concurrent checks lose entries.
let recording = Promise.resolve();
function recordTab(...args) {
  recording = recording.then(() => writeTab(...args)).catch(() => {});
  return recording;
}

const summary = (a) => (a ? { id: a.id, name: a.name, handles: a.handles } : null);

// What the popup lists for the tab; flagged accounts keep their evidence for "Copy evidence".
async function writeTab(tabId, url, results, profiles, accounts = {}) {
  const key = `tab:${tabId}`;
  const prev = (await chrome.storage.session.get(key))[key];
  const same = prev && prev.url === url ? prev.items : [];
  const byId = new Map(same.map((i) => [i.handle.toLowerCase(), i]));
  results.forEach((r, i) => {
    const p = profiles[i];
    const shown = r.shown || r.verdict;
    const flagged = !['clear', 'error'].includes(shown);
    byId.set(p.handle.toLowerCase(), {
      id: r.id, platform: p.platform, handle: p.handle, name: p.name, verdict: r.verdict, shown, match: r.match || null, score: r.score ?? null,
      ...(flagged ? { evidence: r.evidence || [], account: summary(accounts[r.match]), avatar: p.avatar || null, checkedAt: new Date().toISOString() } : {}),
    });
  });
  await chrome.storage.session.set({ [key]: { url, items: [...byId.values()].slice(-2000) } });
}

chrome.tabs?.onRemoved?.addListener((tabId) => chrome.storage.session.remove(`tab:${tabId}`));

// First run: the options page, which offers the demo list when there is no list yet.
// A new version (or a reload while developing): forget the kept engine, which only this build may read.
chrome.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') chrome.runtime.openOptionsPage();
  engineStore.clear().then(() => { ready = null; }, () => {});
});

// Registered synchronously at top level, as MV3 workers require.
// Sites enabled for the generic adapter, kept in memory so validation stays synchronous.
let genericHosts = [];
let mastodonOn = false; // Mastodon on any server: switched on in the options, with access to all sites
let genericReady = null; // settles once the enabled sites are known
const loadGenericHosts = async () => {
  const { [SETTINGS_KEY]: s } = await chrome.storage.local.get(SETTINGS_KEY);
  genericHosts = Object.keys((s && s.sites && s.sites.generic) || {}).filter((h) => s.sites.generic[h]);
  mastodonOn = !!(s && s.sites && s.sites.mastodon) && await chrome.permissions.contains({ origins: ['https://*/*'] });
  await registerGeneric(genericHosts);
};

// Content scripts for enabled generic sites (the reviewer granted the host permission in the options).
async function registerGeneric(hosts) {
  const existing = (await chrome.scripting.getRegisteredContentScripts()).map((c) => c.id);
  const ids = existing.filter((id) => id.startsWith('generic:') || id === 'mastodon');
  if (ids.length) await chrome.scripting.unregisterContentScripts({ ids });
  const scripts = [];
  for (const host of hosts) {
    if (await chrome.permissions.contains({ origins: [`https://${host}/*`] })) {
      scripts.push({ id: `generic:${host}`, matches: [`https://${host}/*`], js: ['i18n.js', 'report.js', 'content/annotate.js', 'content/sites.js', 'content/generic.js', 'content/main.js'], runAt: 'document_idle' });
    }
  }
  // Mastodon: every https page, minus the sites with their own adapter; the adapter checks the markup
  // and does nothing on pages that are not Mastodon's.
  if (mastodonOn) {
    scripts.push({ id: 'mastodon', matches: ['https://*/*'], excludeMatches: [...SITE_HOSTS.map((h) => `https://${h}/*`), ...hosts.map((h) => `https://${h}/*`)],
      js: ['i18n.js', 'report.js', 'content/annotate.js', 'content/sites.js', 'content/mastodon.js', 'content/main.js'], runAt: 'document_idle' });
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
  const problem = validateMessage(msg, sender, chrome.runtime.id, genericHosts, { mastodon: mastodonOn });
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
    decide: () => decide(msg),
    bulkCheck: () => bulkCheck(msg),
    evidenceImage: () => evidenceImage(msg),
    auditExport: async () => { await pruneAudit(); return { entries: await audit.all() }; },
    auditCount: async () => ({ count: await audit.count() }),
    auditClear: async () => { await audit.clear(); return { ok: true }; },
  };
  handlers[msg.type]().then(sendResponse, (e) => sendResponse({ error: String(e && e.message || e) }));
}

load();
pruneAudit().catch((e) => console.warn('vipguard: audit log not pruned:', e.message));
genericReady = loadGenericHosts().catch((e) => console.warn('vipguard:', e.message));
