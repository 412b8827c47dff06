// The reviewer's decisions, per account: the latest one stands and is shown wherever the account appears
// again (banner, badge, popup), with the earlier ones as its history. The audit log keeps every decision
// too, but it is pruned by age and is a log, not a state: this store answers "what did I decide?".
// "Not an impersonator" as the standing decision also puts the account on the allow-list (results.js),
// which the options page lists and edits.
import { ALLOW_KEY, accountKey, cachedValue } from './results.js';
import { update as updatePrivate } from './private-data.js';
import { DECISIONS_KEY } from '../shared/private-store.js';

export { DECISIONS_KEY };
const HISTORY = 20; // decisions kept per account, latest first

// Every account's decisions: {key: [{decision, note, at, verdict, match}, …] latest first}.
const decided = cachedValue(DECISIONS_KEY);
export const decisionList = decided.get;
export const decisionsChanged = decided.changed;

// What a banner or badge shows of an account's decisions: the standing one and the earlier ones.
export function shownDecision(history) {
  if (!history || !history.length) return null;
  const [latest, ...earlier] = history;
  return { ...latest, earlier: earlier.slice(0, 5) };
}

// Decisions and the allow-list read, changed and written in one transaction of the private store: two tabs
// deciding at once lose neither, and a failed write changes neither.
async function update(fn) {
  let out;
  await updatePrivate([DECISIONS_KEY, ALLOW_KEY], (s) => {
    const all = { ...(s[DECISIONS_KEY] || {}) };
    const allow = { ...(s[ALLOW_KEY] || {}) };
    out = fn(all, allow);
    return { [DECISIONS_KEY]: all, [ALLOW_KEY]: allow };
  });
  return out;
}

// The allow-list follows the standing decision: cleared while it is "Not an impersonator".
function syncAllow(allow, key, p, history) {
  const latest = history && history[0];
  if (latest && latest.decision === 'not_impersonator') {
    allow[key] = { platform: p.platform, handle: p.handle, name: p.name, match: latest.match || null, at: latest.at, note: latest.note || '' };
  } else {
    delete allow[key];
  }
}

// Records a decision about profile `p` ({platform, handle, name}); returns the account's history.
// `undo` withdraws the standing decision (the one before it stands again); `allow_removed` (the options
// page's Remove) withdraws a standing "Not an impersonator" and keeps any other.
export function record(p, decision, { note = '', result = {}, at = new Date().toISOString(), undoes = null } = {}) {
  const key = accountKey(p.platform, p.handle);
  return update((all, allow) => {
    let history = all[key] || [];
    if (decision === 'undo') {
      // Only the decision the reviewer saw (`undoes`, its time): one made since, elsewhere, stays.
      if (history[0] && (!undoes || history[0].at === undoes)) history = history.slice(1);
    } else if (decision === 'allow_removed') {
      if (history[0] && history[0].decision === 'not_impersonator') history = history.slice(1);
    } else {
      history = [{ decision, note, at, verdict: result.verdict || '', match: result.match || '' }, ...history].slice(0, HISTORY);
    }
    if (history.length) all[key] = history;
    else delete all[key];
    syncAllow(allow, key, p, history);
    return history;
  });
}
