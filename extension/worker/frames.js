// What the annotation frames show (ui/frame/). A banner or an evidence card is an extension page in a
// frame the page cannot read; the content script only places it. The worker hands each result it returns
// to a tab a random token, and the frame redeems that token here for the result, the account and the
// profile, so nothing the reviewer sees crosses the page (window.postMessage would: the page's own
// listeners receive every message event on its window).
// Kept in session storage, per tab: a worker Chrome stopped and started again still knows the tokens of
// the badges on a page opened minutes ago. Each tab keeps its accounts' latest tokens (below).
import { recheck } from './check.js';
import { shownAccount } from './results.js';
import { clip, bounded, HANDLE_MAX } from './tab-record.js';
import { shownFacts } from './facts.js';
import { lastCheckAt } from './limits.js';
import { isClosed, markClosed } from './closed-tabs.js';
import { MAX_PER_TAB, MAX_BYTES_PER_TAB, overflow, accountOf } from './token-keep.js';

// One session-storage key per token (a check writes only its own). A tab keeps, per account shown
// (platform and handle), the tokens of that account's latest KEEP_PER_ACCOUNT checks: a page checked again
// (a decision, another language: every account on it) hands each badge a newer token, and the one before
// keeps working for a card already open with it; a page's accounts then hold a token each however long
// the page, with no fixed count of badges (issue 23: on a list of more than 100 flagged accounts, the
// first ones' cards said "expired" when a tab kept its latest 100 tokens). A tab holds at most
// MAX_PER_TAB tokens and MAX_BYTES_PER_TAB of them (Chrome's session storage holds 10 MB for all tabs):
// over either, the tokens an account's newer one replaced go first, then the oldest. A record is a result's
// evidence, the profile and the page's address, about 1 kB of JSON, 2.4 kB as Chrome counts it (the page's
// strings cut: the protected account, whose avatar thumbnail can be tens of kB, is looked up again when
// redeemed; docs/extension.md, "Tokens per account", measured it), a few kB at validate.js's bounds.
const keyOf = (tabId, token) => `frame:${tabId}:${token}`;
// Each tab's index, oldest first, is kept in session storage beside its tokens (under indexOf), not only
// in this worker's memory: Chrome stops an idle worker after 30 s, and a list kept in memory alone began
// empty in the next one, so a page that waited out each stop kept 100 more tokens every time (a third
// red team filled 400 in four stops; enough stops fill the 10 MB every tab shares). An entry is
// [key, account, check, bytes]: the token's storage key, the account it shows, which check issued it
// (tokens of one check share it) and the record's size.
const indexOf = (tabId) => `frames:${tabId}`;
const issued = new Map(); // tabId -> its index entries, oldest first (read from indexOf once per worker life)
const entryKey = (e) => e[0]; // every entry is an array: keysOf turns an older index's keys into entries
let checks = 0; // tells one check's tokens from the next's

async function keysOf(tabId) {
  if (!issued.has(tabId)) {
    const stored = (await chrome.storage.session.get(indexOf(tabId)))[indexOf(tabId)];
    // An entry of an older index (its key alone) stands for an account of its own.
    const entries = Array.isArray(stored) ? stored.map((e) => (Array.isArray(e) ? e : [e, e, 0, 0])) : [];
    if (!issued.has(tabId)) issued.set(tabId, entries);
  }
  return issued.get(tabId);
}

// The profile as a frame shows it: what the adapter read, bounded (validate.js bounded the strings).
function shownProfile(p) {
  const facts = shownFacts(p.facts);
  return {
    platform: p.platform, handle: clip(p.handle, HANDLE_MAX), name: clip(p.name, 200), avatar: p.avatar || null,
    ...(facts ? { facts } : {}),
  };
}

// Tokens for results `items` ([{index, result}]) of a check from tab `tabId` at `url`, answering
// `profiles`; `extra`, what else the frame shows (the review queue's place). Resolves to {index: token}.
// Issued one call at a time: a call's removal of a tab's oldest keys must not run before another call's
// write of those keys (they would stay in storage, known to no one).
let issuing = Promise.resolve();
export function issue(...args) {
  const done = issuing.then(() => issueNow(...args));
  issuing = done.catch(() => {});
  return done;
}

async function issueNow(tabId, url, all, profiles, extra = {}) {
  if (isClosed(tabId)) return {};
  if (!all.length) return {};
  const checkedAt = new Date().toISOString();
  const check = `${Date.now().toString(36)}.${++checks}`;
  const tokens = {};
  const records = {};
  const fresh = [];
  let bytes = 0;
  for (const { index, result } of all) {
    const token = crypto.randomUUID();
    const shown = result.evidence ? { ...result, evidence: bounded(result.evidence) } : result;
    const profile = shownProfile(profiles[index]);
    const record = { url, checkedAt, profile, result: shown, ...extra };
    const key = keyOf(tabId, token);
    const size = key.length + JSON.stringify(record).length;
    // A check over a tab's caps keeps its first (the page's order: a banner, then the badges from the top).
    if (fresh.length >= MAX_PER_TAB || bytes + size > MAX_BYTES_PER_TAB) break;
    bytes += size;
    records[key] = record;
    fresh.push([key, accountOf(profile), check, size]);
    tokens[index] = token;
  }
  if (!fresh.length) return {};
  const keys = await keysOf(tabId);
  keys.push(...fresh);
  const gone = new Set(overflow(keys));
  const old = keys.filter((e) => gone.has(e)).map(entryKey);
  keys.splice(0, keys.length, ...keys.filter((e) => !gone.has(e)));
  // The old go first, so that their room is free for the new.
  if (old.length) await chrome.storage.session.remove(old);
  try {
    await chrome.storage.session.set({ ...records, [indexOf(tabId)]: keys });
  } catch (e) {
    if (!/quota/i.test(String(e && e.message))) throw e;
    // The storage is full: this tab's older tokens go (their badges say "reload the page"), then, if that
    // is not room enough, the oldest tokens of the tabs holding the most (issue 24: many hostile tabs
    // together could fill it, and then no other tab's banner could be shown); its current page's are
    // written.
    const now = new Set(Object.keys(records));
    const older = keys.filter((k) => !now.has(entryKey(k))).map(entryKey);
    console.warn(`vipguard: tab ${tabId}: session storage full (${e.message}); ${older.length} older annotation tokens dropped`);
    keys.splice(0, keys.length, ...keys.filter((k) => now.has(entryKey(k))));
    if (older.length) await chrome.storage.session.remove(older);
    const entry = { ...records, [indexOf(tabId)]: keys };
    try {
      await chrome.storage.session.set(entry);
    } catch (again) {
      if (!/quota/i.test(String(again && again.message))) throw again;
      await evictOthers(tabId, JSON.stringify(entry).length * 2);
      try {
        await chrome.storage.session.set(entry);
      } catch (last) {
        throw new Error(`annotations not stored: session storage is full (${last.message})`);
      }
    }
  }
  return tokens;
}

// The newest token tab `tabId` keeps for `profile` (platform and handle) checked on page `url`: its record
// ({url, profile, result, …}), or null. A tab's record (tab-record.js) keeps its latest 256 KB of accounts,
// about 250 flagged ones, while the tab keeps up to 1,000 tokens, an account's latest two checks each
// (token-keep.js): on a longer list the first rows' badges still open their cards, and a decision on them
// is bound by the token their badge was given (givenFor; record23, issue 23). Reads only that account's
// entries (two, or a few more when accounts share the index's hash).
export async function shownBy(tabId, url, profile) {
  await issuing; // a check's tokens may still be being written
  const handle = String(profile.handle).toLowerCase();
  const account = accountOf(profile);
  const mine = (await keysOf(tabId)).filter((e) => e[1] === account).map(entryKey).reverse();
  if (!mine.length) return null;
  const got = await chrome.storage.session.get(mine);
  for (const k of mine) {
    const r = got[k];
    if (r && r.url === url && r.profile && r.result && r.profile.platform === profile.platform && String(r.profile.handle).toLowerCase() === handle) return r;
  }
  return null;
}

// What frame `token` shows, for an extension page in tab `tabId` (a token works only in the tab it was
// issued to). `fresh`: checked again first (after a decision, the account's standing decision changed).
export async function redeem(token, tabId, { fresh = false } = {}) {
  const key = keyOf(tabId, token);
  const rec = (await chrome.storage.session.get(key))[key];
  if (!rec) return { error: 'this annotation has expired: reload the page' };
  if (!fresh) return { ...rec, account: await shownAccount(rec.result.match) };
  const site = { platform: rec.profile.platform, pageHost: new URL(rec.url).hostname };
  const { result, account, list } = await recheck(rec.profile, rec.result, site, tabId);
  const now = { ...rec, result, ...(list ? { list } : {}) };
  await chrome.storage.session.set({ [key]: now });
  return { ...now, account };
}

// Room for about `bytes` more in session storage, made at other tabs' cost: first the tabs no window shows
// (the one the reviewer is looking at keeps its record), the tab checked longest ago first, then the one
// holding the most bytes (a third red team's residual: by bytes alone, the reviewer's own long timeline
// gave way first). From the chosen tab, half of its tokens, oldest first (its badges then say "reload the page"), or, once it has none,
// its record (its popup then lists nothing, and its frames' decisions are refused until its page is read
// again). A page cannot fill the storage on one tab (the caps here and in tab-record.js), but enough tabs
// of it together could, and then no other tab's banner or record could be written. Reads the whole
// storage: only when it is full. Exported for tab-record.js.
export async function evictOthers(tabId, bytes) {
  const all = await chrome.storage.session.get(null);
  const held = new Map(); // other tab -> {tab, tokens: [[checkedAt, key]], record: key|null, bytes}
  const size = (k) => k.length + JSON.stringify(all[k]).length;
  for (const k of Object.keys(all)) {
    const m = /^(?:frame:(\d+):|tab:(\d+)$)/.exec(k);
    const tab = m && Number(m[1] ?? m[2]);
    if (!m || tab === tabId) continue;
    const t = held.get(tab) || { tab, tokens: [], record: null, bytes: 0 };
    if (m[1] != null) t.tokens.push([String(all[k] && all[k].checkedAt), k]);
    else t.record = k;
    t.bytes += size(k);
    held.set(tab, t);
  }
  const shown = new Set((await chrome.tabs.query({ active: true }).catch(() => [])).map((t) => t.id));
  for (const t of held.values()) Object.assign(t, { shown: shown.has(t.tab), checkedAt: lastCheckAt(t.tab) });
  const first = (a, b) => a.shown - b.shown || a.checkedAt - b.checkedAt || b.bytes - a.bytes;
  let freed = 0;
  while (freed < bytes) {
    const [most] = [...held.values()].filter((t) => t.tokens.length || t.record).sort(first);
    if (!most) break;
    let drop;
    if (most.tokens.length) {
      most.tokens.sort((a, b) => a[0].localeCompare(b[0]));
      drop = most.tokens.splice(0, Math.ceil(most.tokens.length / 2)).map(([, k]) => k);
      const gone = new Set(drop);
      // In place: an issueNow of that tab under way holds this array, and writes it back after (tab-record.js
      // calls this outside the `issuing` queue); a copy put in its stead was overwritten by the old one,
      // the dropped keys listed again.
      const kept = await keysOf(most.tab);
      kept.splice(0, kept.length, ...kept.filter((k) => !gone.has(entryKey(k))));
      await chrome.storage.session.set({ [indexOf(most.tab)]: kept }).catch(() => {});
    } else {
      drop = [most.record];
      most.record = null;
    }
    const dropped = drop.reduce((n, k) => n + size(k), 0);
    most.bytes -= dropped;
    freed += dropped;
    await chrome.storage.session.remove(drop);
    console.warn(`vipguard: session storage full: ${drop.length} of tab ${most.tab}'s annotation entries dropped for tab ${tabId}`);
  }
}

// The tab was closed: after the tokens being issued, so none is written after its keys are removed.
export function forgetFrames(tabId) {
  markClosed(tabId);
  const done = issuing.then(() => forgetNow(tabId));
  issuing = done.catch(() => {});
  return done;
}
async function forgetNow(tabId) {
  issued.delete(tabId);
  const prefix = keyOf(tabId, '');
  const all = await chrome.storage.session.get(null);
  await chrome.storage.session.remove([...Object.keys(all).filter((k) => k.startsWith(prefix)), indexOf(tabId)]);
}
