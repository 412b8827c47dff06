// The local audit log: every check shown to the reviewer and every decision, in IndexedDB (the worker's
// own database; nothing leaves the machine unless the reviewer exports it). Entries older than the
// retention setting are deleted. A reviewer's decision is recorded here and in decisions.js.
import { load } from './engine.js';
import { auditDays } from '../shared/settings.js';
import { accountKey, allowList } from './results.js';
import { record, shownDecision, pruneDecisions, decisionList } from './decisions.js';
import { objectStore } from '../shared/idb.js';
import { auditAllowance, ALLOW_LIST_MAX } from './limits.js';

// The database keeps its first name (users' logs are in it); `seq` orders entries as they were added.
const request = objectStore('vipguard', (db) => {
  const store = db.createObjectStore('audit', { keyPath: 'seq', autoIncrement: true });
  store.createIndex('time', 'time');
  store.createIndex('account', 'account');
}, 'audit', 'audit log');

// Appends entries in one transaction (all or nothing).
function append(entries) {
  if (!entries.length) return Promise.resolve();
  return request('readwrite', (store) => { for (const e of entries) store.add(e); });
}

// When the account was first shown to the reviewer, in ms since the epoch, or null.
function firstShown(account) {
  return request('readonly', (store) => {
    const out = { result: null };
    const cursor = store.index('account').openCursor(IDBKeyRange.only(account));
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      if (c.value.event === 'shown') {
        out.result = out.result == null ? c.value.time : Math.min(out.result, c.value.time);
      }
      c.continue();
    };
    return out;
  });
}

// Every entry, oldest first.
export function all() {
  return request('readonly', (store) => store.getAll());
}

export function count() {
  return request('readonly', (store) => store.count());
}

export function clear() {
  return request('readwrite', (store) => { store.clear(); });
}

// Deletes entries older than `days` days.
function prune(days, now = Date.now()) {
  const before = now - days * 86400000;
  return request('readwrite', (store) => {
    const cursor = store.index('time').openCursor(IDBKeyRange.upperBound(before, true));
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (c) {
        c.delete();
        c.continue();
      }
    };
  });
}

// Deletes entries older than the retention setting, and the decisions behind standing ones as old
// (decisions.js).
export async function pruneAudit() {
  const { settings } = await load();
  // One of the options page's choices, whatever is stored (issue 26: -1 emptied the log at the next start).
  const days = auditDays(settings.auditDays);
  await Promise.all([prune(days), pruneDecisions(days)]);
}

// The audit log records each check the reviewer was shown: a profile page whatever its verdict, and on
// lists every flagged account. Once per page, account, verdict and list for the worker's lifetime, and at
// most a bounded number of entries per tab and minute (limits.js): a page that makes up accounts
// faster than anyone reads them cannot flood the log.
const logged = new Set();
// `source`: the list checked against (engine.js), named in each entry (provenance).
export function logShown(url, profiles, results, tab = null, source = null) {
  const now = Date.now();
  const entries = [];
  const list = listName(source);
  results.forEach((r, i) => {
    const p = profiles[i];
    const shown = r.shown || r.verdict;
    if (!p || shown === 'error' || (shown === 'clear' && p.id !== 'profile')) return;
    // Logged again under another list: the same verdict from a new list is a new check.
    const key = `${url}|${accountKey(p.platform, p.handle)}|${shown}|${list}`;
    if (logged.has(key)) return;
    if (logged.size > 20000) logged.clear();
    logged.add(key);
    entries.push(auditEntry('shown', now, url, p, { ...r, verdict: shown }, { list }));
  });
  const take = auditAllowance(tab, entries.length, now);
  if (take < entries.length) console.warn(`vipguard: ${entries.length - take} audit entries of tab ${tab} dropped (too many a minute)`);
  append(entries.slice(0, take)).catch((e) => console.warn('vipguard: audit log not written:', e.message));
}

// A page whose profile the reader could not read (the site's layout may have changed): kept in the log
// so a reader that stopped working shows in the export, not only on screen.
export function logUnreadable(url, site, tab = null) {
  const key = `${url}|unreadable`;
  if (logged.has(key) || !auditAllowance(tab, 1)) return Promise.resolve();
  logged.add(key);
  return append([auditEntry('unreadable', Date.now(), url, { platform: site, handle: '', name: '' }, {})]);
}

function auditEntry(event, time, url, p, r, extra = {}) {
  return {
    event, time, url, platform: p.platform, handle: p.handle, name: p.name,
    account: accountKey(p.platform, p.handle),
    verdict: r.verdict || '', match: r.match || '', score: r.score ?? '',
    decision: '', note: '', seconds_to_decision: '', list: '', ...extra,
  };
}

// The list an entry was checked against, as the audit log names it (age is the reader's to work out
// from the time): "Team VIPs v12 (2026-12-05T10:00:00Z, 1204 accounts)" or "vips.csv (imported …)".
export function listName(source) {
  if (!source) return '';
  if (source.kind === 'feed') return `${source.name} v${source.version} (signed ${source.date}, ${source.accounts} accounts)`;
  if (source.kind === 'file') return `${source.file} (imported ${source.at}, ${source.accounts} accounts)`;
  // A hand edit of the feed's list names the version it started from and the accounts it touched.
  const from = source.fromFeed ? ` of ${source.fromFeed.name} v${source.fromFeed.version}` : '';
  const edited = source.fromFeed ? `, accounts edited: ${(source.edited || []).join(' ')}` : '';
  return `${source.kind} list${from} (${source.at ? `changed ${source.at}, ` : ''}${source.accounts} accounts${edited})`;
}

// A reviewer's decision on a checked profile: logged with the time since the account was first shown,
// and kept as the account's standing decision (decisions.js), which the page shows from then on.
// `given`: what the worker answered the sender's tab for this profile (tab-record.js givenFor); its
// verdict and match are recorded, not the message's. Null only from the extension's own pages.
export async function decide(msg, given = null) {
  const p = given ? { platform: given.platform, handle: given.handle, name: msg.profile.name } : msg.profile;
  const result = given ? { verdict: given.verdict, match: given.match, score: given.score } : msg.result || {};
  const key = accountKey(p.platform, p.handle);
  if (msg.decision === 'not_impersonator') {
    const allow = await allowList();
    if (!allow[key] && Object.keys(allow).length >= ALLOW_LIST_MAX) {
      return { error: `the list of cleared accounts is full (${ALLOW_LIST_MAX}): remove some in the options first` };
    }
  }
  // An undo withdraws the decision the reviewer saw (`undoes`, its time); if another was made since
  // (elsewhere, or the team's), nothing is withdrawn and nothing is logged: said, not passed as done.
  if (msg.decision === 'undo' && msg.undoes) {
    const standing = ((await decisionList()) || {})[key];
    if (!standing || !standing[0] || standing[0].at !== msg.undoes) {
      return { error: 'that decision no longer stands (another was recorded since): nothing was undone' };
    }
  }
  const now = Date.now();
  const [first, { source }] = await Promise.all([firstShown(key), load()]);
  await append([auditEntry('decision', now, msg.url, p, result, {
    decision: msg.decision, note: msg.note || '', list: listName(source),
    seconds_to_decision: first == null ? '' : Math.round((now - first) / 1000),
  })]);
  const history = await record(p, msg.decision, { note: msg.note || '', result, at: new Date(now).toISOString(), undoes: msg.undoes || null });
  return { ok: true, decision: msg.decision, standing: shownDecision(history) };
}
