// What one tab may ask of the worker (issue 24): every tab's checks, avatars, decisions and evidence
// pictures share one worker, so a hostile page must not be able to take it all. Work is queued per tab
// and served round-robin; messages are rate-limited per tab; the audit log takes a bounded number of
// entries per tab and minute; the allow-list has a size cap. Nothing here knows what the work is.

// Per tab: avatars fetched at once and waiting (a timeline shows ~50; a check carries at most 200
// profiles, most without a new picture).
export const AVATAR_FETCHES_PER_TAB = 4;
export const AVATARS_QUEUED_PER_TAB = 100;
// Audit entries one tab may add in a minute ("shown" and "unreadable"; decisions are rate-limited).
export const AUDIT_PER_TAB_PER_MINUTE = 120;
// Accounts a reviewer may clear ("Not an impersonator").
export const ALLOW_LIST_MAX = 10000;

// Work queued per key (a tab), run at most `perKey` at once for each key and `total` at once overall,
// the keys served in turn: a tab with a hundred jobs waiting delays another tab's job by at most one
// of its own per free slot, never by its whole queue.
export class TabQueues {
  constructor({ perKey = 1, total = Infinity, queued = Infinity } = {}) {
    Object.assign(this, { perKey, total, queued });
    this.keys = new Map(); // key -> {waiting: [], running}
    this.running = 0;
    this.turn = []; // keys in the order they are served
  }

  // Runs `job()` when `key`'s turn comes and resolves to its result; rejects at once when `key` already
  // has `queued` jobs waiting.
  run(key, job) {
    let k = this.keys.get(key);
    if (!k) {
      k = { waiting: [], running: 0 };
      this.keys.set(key, k);
      this.turn.unshift(key); // served least so far: first in turn
    }
    if (k.waiting.length >= this.queued) return Promise.reject(new Error(`more than ${this.queued} waiting for this tab`));
    return new Promise((resolve, reject) => {
      k.waiting.push({ job, resolve, reject });
      this.pump();
    });
  }

  pump() {
    while (this.running < this.total) {
      // The first key in turn with work it may start; it goes to the back of the turn.
      const at = this.turn.findIndex((key) => {
        const k = this.keys.get(key);
        return k.waiting.length && k.running < this.perKey;
      });
      if (at < 0) return;
      const [key] = this.turn.splice(at, 1);
      this.turn.push(key);
      const k = this.keys.get(key);
      const { job, resolve, reject } = k.waiting.shift();
      k.running++;
      this.running++;
      Promise.resolve().then(job).then(resolve, reject).finally(() => {
        k.running--;
        this.running--;
        if (!k.running && !k.waiting.length) {
          this.keys.delete(key);
          this.turn.splice(this.turn.indexOf(key), 1);
        }
        this.pump();
      });
    }
  }
}

// Per tab and kind of message: a bucket of `burst` that refills `perMinute` a minute. A reviewer never
// comes near these; a page's script flooding the worker does at once.
const RATES = {
  check: { burst: 60, perMinute: 600 }, // main.js sends at most ~2 passes a second
  decide: { burst: 10, perMinute: 20 },
  evidenceImage: { burst: 6, perMinute: 20 },
  // A page's reader reports an unreadable profile page once per address, and a reviewer moves the banner
  // now and then. A third red team's 3,000 reports from one tab's content script queued 3,000 rewrites of
  // its record (tab-record.js writes one at a time), so another tab's record, which the popup shows and
  // its frames' decisions wait for, came 47 s late.
  unreadable: { burst: 10, perMinute: 30 },
  bannerCorner: { burst: 10, perMinute: 30 },
};
const buckets = new Map(); // `${tab}|${type}` -> {tokens, at}

// The counters below live in this worker's memory, and are kept in session storage too: Chrome stops an
// idle worker after 30 s, and a page that waited out each stop began every time with full buckets (a
// third red team: 600 new names, 60 checks, 10 decisions after each stop). Read back once when the worker
// starts (the message router waits for it), and written SAVE_DELAY_MS after a change, one write at a
// time: the record holds up to SEEN_KEPT_BYTES of names, and a page flooding the worker changed it with
// every message (written again as soon as the last write was done, 256 KB without pause). No answer waits for the write: Chrome
// stops a worker only after 30 s without an event, long after the delay, so the next worker still reads
// what this one counted. The names a tab has had checked are kept too, as keyed hashes (below), the
// newest SEEN_KEPT_PER_TAB of each tab: without them a page re-read after a stop spent its budget again
// on the names it had already shown.
const STATE_KEY = 'limits';
export const SAVE_DELAY_MS = 250;
const session = () => globalThis.chrome?.storage?.session;
let saving = Promise.resolve(); // the last write asked for (settles when it is done)
let timer = null; // a write waiting its delay
function save() {
  if (!session() || timer) return;
  timer = setTimeout(flush, SAVE_DELAY_MS);
}
// Starts the waiting write now (after the one under way), of the state as it is when it starts.
function flush() {
  clearTimeout(timer);
  timer = null;
  const store = session();
  if (!store) return saving;
  saving = saving.then(() => {
    const state = { buckets: [...buckets], names: keptNames(), nameSeed, audited: [...audited] };
    return store.set({ [STATE_KEY]: state }).catch((e) => console.warn('vipguard: limits not kept:', e && e.message));
  });
  return saving;
}
// Settles once every change made so far is written (a write waiting its delay starts at once).
export const limitsSaved = () => (timer ? flush() : saving);
// Settles once the counters of the worker before this one are back.
export const limitsReady = (async () => {
  if (!session()) return;
  const state = (await session().get(STATE_KEY).catch(() => ({})))[STATE_KEY];
  if (!state) return;
  for (const [k, b] of state.buckets || []) if (!buckets.has(k)) buckets.set(k, b);
  if (Array.isArray(state.nameSeed) && state.nameSeed.length === 2) nameSeed = state.nameSeed;
  for (const [tab, t] of state.names || []) {
    if (seen.has(tab)) continue;
    const names = new Set(typeof t.seen === 'string' ? t.seen.match(new RegExp(`.{${HASH_CHARS}}`, 'g')) || [] : []);
    seen.set(tab, { names, tokens: t.tokens, at: t.at });
  }
  for (const [tab, a] of state.audited || []) if (!audited.has(tab)) audited.set(tab, a);
})();

// Null when the tab may send this message now (and counts it), else the problem to answer.
export function overRate(type, tab, now = Date.now()) {
  const rate = RATES[type];
  if (!rate || tab == null) return null;
  const key = `${tab}|${type}`;
  const b = buckets.get(key) || { tokens: rate.burst, at: now };
  b.tokens = Math.min(rate.burst, b.tokens + ((now - b.at) * rate.perMinute) / 60000);
  b.at = now;
  buckets.set(key, b);
  if (b.tokens < 1) {
    save();
    return `too many ${type} messages from this tab (at most ${rate.perMinute} a minute): try again in a moment`;
  }
  b.tokens -= 1;
  save();
  return null;
}

// Accounts a tab may have checked that it has not had checked before: a bucket of NEW_NAMES_BURST that
// refills NEW_NAMES_PER_MINUTE a minute. Whatever else is hidden, a page learns that a name it planted
// resembles someone protected when a badge appears beside it, and a compromised page process learns more
// from the answers; this bounds how fast either can try names (the red team's page tried 1,800 a second).
// A reviewer's timelines, lists and searches show far fewer new accounts than this; names seen before
// cost nothing, so a page read again (as X's pages are, on every change) does not spend it.
export const NEW_NAMES_BURST = 600;
export const NEW_NAMES_PER_MINUTE = 300;
const SEEN_PER_TAB = 5000;
const seen = new Map(); // tab -> {names: Set of nameHash (insertion order, oldest dropped), tokens, at}
// What session storage keeps of them, so that the names a tab had checked before a worker's stop still
// cost nothing after it: each tab's newest SEEN_KEPT_PER_TAB (a long timeline re-read), and, over all
// tabs, at most SEEN_KEPT_BYTES, the tabs checked last first (the limits record shares the 10 MB of
// session storage with every tab's record and frame tokens).
export const SEEN_KEPT_PER_TAB = 1000;
export const SEEN_KEPT_BYTES = 256 * 1024;
// A name is kept as a 53-bit hash (cyrb53) under a seed drawn once per browser session and kept with the
// counters, in HASH_CHARS characters: a page that does not know the seed cannot make new names hash to
// names it already had checked (which would cost nothing), and 5,000 names of a tab collide by chance
// with odds of about 1 in 10^8.
const HASH_CHARS = 11; // 2^53 in base 36
let nameSeed = [randomWord(), randomWord()];
function randomWord() {
  return globalThis.crypto ? globalThis.crypto.getRandomValues(new Uint32Array(1))[0] : Math.floor(Math.random() * 2 ** 32);
}
function nameHash(p) {
  const s = `${p.platform}\u0000${String(p.handle).toLowerCase()}\u0000${p.name}`;
  let h1 = 0xdeadbeef ^ nameSeed[0];
  let h2 = 0x41c6ce57 ^ nameSeed[1];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(HASH_CHARS, '0');
}
// Each tab's budget and its newest kept names (one string of fixed-width hashes), within SEEN_KEPT_BYTES.
function keptNames() {
  let room = SEEN_KEPT_BYTES;
  return [...seen].sort((a, b) => b[1].at - a[1].at).map(([tab, t]) => {
    const n = Math.min(SEEN_KEPT_PER_TAB, Math.floor(Math.max(0, room) / HASH_CHARS), t.names.size);
    const newest = [...t.names].slice(t.names.size - n); // (not slice(-n): -0 would keep them all)
    room -= newest.length * HASH_CHARS;
    return [tab, { tokens: t.tokens, at: t.at, seen: newest.join('') }];
  });
}

// Null when the tab may have these profiles checked now (and counts the new ones), else the problem.
export function overNewNames(tab, profiles, now = Date.now()) {
  if (tab == null) return null;
  const t = seen.get(tab) || { names: new Set(), tokens: NEW_NAMES_BURST, at: now };
  seen.set(tab, t);
  t.tokens = Math.min(NEW_NAMES_BURST, t.tokens + ((now - t.at) * NEW_NAMES_PER_MINUTE) / 60000);
  t.at = now;
  const keys = [...new Set(profiles.map(nameHash))];
  const fresh = keys.filter((k) => !t.names.has(k));
  save();
  if (fresh.length > t.tokens) {
    return `too many accounts new to this tab (at most ${NEW_NAMES_PER_MINUTE} a minute): the rest are checked in a moment`;
  }
  t.tokens -= fresh.length;
  // Names seen again become the newest, so that a page read again keeps them among those kept.
  for (const k of keys) {
    t.names.delete(k);
    t.names.add(k);
  }
  for (const k of t.names) {
    if (t.names.size <= SEEN_PER_TAB) break;
    t.names.delete(k);
  }
  return null;
}

// When tab `tab` last asked for a check (ms; 0 if never in this browser session): frames.js makes room
// in a full session storage at the cost of the tabs checked longest ago.
export const lastCheckAt = (tab) => seen.get(tab)?.at ?? 0;

// Audit entries: how many of `n` wanted the tab may add now (the rest are dropped, and counted).
const audited = new Map(); // tab -> {minute, count}
export let auditDropped = 0;
export function auditAllowance(tab, n, now = Date.now()) {
  if (tab == null) return n;
  const minute = Math.floor(now / 60000);
  const a = audited.get(tab);
  const used = a && a.minute === minute ? a.count : 0;
  const take = Math.max(0, Math.min(n, AUDIT_PER_TAB_PER_MINUTE - used));
  audited.set(tab, { minute, count: used + take });
  auditDropped += n - take;
  save();
  return take;
}

// A closed tab's counters go.
export function forgetTabLimits(tab) {
  audited.delete(tab);
  seen.delete(tab);
  for (const key of buckets.keys()) if (key.startsWith(`${tab}|`)) buckets.delete(key);
  save();
}
