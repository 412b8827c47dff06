// What a verdict becomes before it leaves the worker: the sensitivity setting and the reviewer allow-list
// applied, and the protected accounts it names reduced to what a banner shows (never the whole list).
import { load } from './engine.js';
import { shownDecision, clearedBy } from './decisions.js';
import { read } from './private-data.js';
import { ALLOW_KEY } from '../shared/private-store.js';

export { ALLOW_KEY }; // accounts a reviewer marked "Not an impersonator"
// The key an account is cleared and logged under: platform and lowercased handle.
export const accountKey = (platform, handle) => `${platform}:${String(handle).toLowerCase()}`;
const RANK = { clear: 0, suspicious: 1, impersonation: 2 };

// A value of the private store every check reads, read once and kept until it changes: `get()` resolves to it (`{}`
// when there is none), `changed()` makes the next get read it again.
export function cachedValue(key) {
  let ready = null;
  return {
    get() {
      if (!ready) {
        ready = read([key]).then((s) => s[key] || {});
        ready.catch(() => { ready = null; });
      }
      return ready;
    },
    changed() {
      ready = null;
    },
  };
}

// The reviewer allow-list, kept apart from the checker so a decision never rebuilds the index.
const allow = cachedValue(ALLOW_KEY);
export const allowList = allow.get;
// The allow-list changed: the next check reads it again.
export const allowChanged = allow.changed;

// Sensitivity, the reviewer's decisions and payload: a clear result travels without evidence; a flag
// below the chosen sensitivity is shown as clear (the popup still lists it); an account a reviewer
// cleared is shown as clear with that decision, whatever the engine says; any account the reviewer
// decided on carries its standing decision (decisions.js), so the page shows it again.
// `team`: the team's decisions from the feed, which stand unless the reviewer's own is later.
export function present(results, settings, allow = {}, profiles = [], decided = {}, team = {}) {
  const floor = RANK[settings.sensitivity] ?? 1;
  return results.map((r, i) => {
    if (r.error) return { id: r.id, verdict: 'error', error: r.error };
    const p = profiles[i];
    const key = p && accountKey(p.platform, p.handle);
    const decision = p ? shownDecision(decided[key], team[key]) : null;
    const out = presented(r, floor, p && clearedBy(allow[key], decision));
    return decision ? { ...out, decision } : out;
  });
}

function presented(r, floor, cleared) {
  if (cleared && r.verdict in RANK && RANK[r.verdict] > 0) return { ...r, shown: 'clear', cleared };
  if (r.verdict === 'clear') return { id: r.id, verdict: 'clear', score: r.score, match: null, evidence: [] };
  if (r.verdict in RANK && RANK[r.verdict] > 0 && RANK[r.verdict] < floor) return { ...r, shown: 'clear' };
  return r;
}

export const sameResult = (a, b) => a.verdict === b.verdict && a.score === b.score
  && (a.evidence || []).length === (b.evidence || []).length && a.decision?.at === b.decision?.at;

// A protected account reduced to what a banner shows, or null.
export async function shownAccount(id) {
  const { checker, thumbs } = await load();
  const a = id && checker ? checker.account(id) : undefined;
  return a ? {
    id: a.id, name: a.name, handles: (a.handles || []).map((h) => `${h.platform}:${h.handle}`), avatar: thumbs[a.id] || null,
  } : null;
}

// The protected accounts the verdicts name, as a banner shows them.
export async function matchedAccounts(results) {
  const out = {};
  for (const r of results) {
    if (r && r.match && !(r.match in out)) {
      const a = await shownAccount(r.match);
      if (a) out[r.match] = a;
    }
  }
  return out;
}

// An account as the popup and the bulk page list it (no avatar).
export const summary = (a) => (a ? { id: a.id, name: a.name, handles: a.handles } : null);
