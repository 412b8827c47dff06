// The reviewer's decisions, per account: the latest one stands and is shown wherever the account appears
// again (banner, badge, popup), with the earlier ones as its history. The audit log keeps every decision
// too, but it is pruned by age and is a log, not a state: this store answers "what did I decide?".
// "Not an impersonator" as the standing decision also puts the account on the allow-list (results.js),
// which the options page lists and edits.
import { ALLOW_KEY, accountKey, cachedValue } from './results.js';
import { update as updatePrivate } from './private-data.js';
import { DECISIONS_KEY, TEAM_DECISIONS_KEY } from '../shared/private-store.js';

export { DECISIONS_KEY, TEAM_DECISIONS_KEY };
const HISTORY = 20; // decisions kept per account, latest first

// Every account's decisions: {key: [{decision, note, at, verdict, match}, …] latest first}.
const decided = cachedValue(DECISIONS_KEY);
export const decisionList = decided.get;
export const decisionsChanged = decided.changed;

// The team's decisions from the signed feed (feed.js): {key: {decision, by, at, note, match}}.
const team = cachedValue(TEAM_DECISIONS_KEY);
export const teamDecisions = team.get;
export const teamChanged = team.changed;

// What a banner or badge shows of an account's decisions: the standing one and the earlier ones. The
// team's decision (`shared`, from the feed) stands unless the reviewer's own is later: a reviewer's own
// decision made after the team's stands over it, for them.
export function shownDecision(history, shared = null) {
  const own = history && history.length ? history[0] : null;
  if (shared && (!own || Date.parse(shared.at) > Date.parse(own.at))) {
    return { decision: shared.decision, note: shared.note || '', at: shared.at, match: shared.match || '', by: shared.by, team: true,
      earlier: (history || []).slice(0, 5) };
  }
  if (!own) return null;
  const [latest, ...earlier] = history;
  return { ...latest, earlier: earlier.slice(0, 5) };
}

// Whether an account is cleared, and by what: the team's standing "not_impersonator" clears like the
// allow-list; a team "confirmed" that stands over the reviewer's earlier clearing lifts it.
export function clearedBy(allowEntry, standing) {
  if (standing && standing.team) {
    return standing.decision === 'not_impersonator' ? { at: standing.at, note: standing.note, by: standing.by, match: standing.match, team: true } : null;
  }
  return allowEntry || null;
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

// The decisions behind each standing one are kept as long as the audit log's entries (the retention
// setting, `auditDays`: 90 days unless changed in the options) and pruned with them (audit.js). The
// standing decision stays whatever its age: it is what the reviewer chose for the account, and dropping
// it would flag again an account they cleared. Resolves to how many decisions went.
export async function pruneDecisions(days, now = Date.now()) {
  const before = now - days * 86400000;
  const old = (history) => history.slice(1).some((d) => Date.parse(d.at) < before);
  // Written only when something goes (the worker prunes at every start).
  if (!Object.values((await decisionList()) || {}).some(old)) return 0;
  return update((all) => {
    let removed = 0;
    for (const [key, history] of Object.entries(all)) {
      const kept = [history[0], ...history.slice(1).filter((d) => !(Date.parse(d.at) < before))];
      removed += history.length - kept.length;
      if (kept.length !== history.length) all[key] = kept;
    }
    return removed;
  });
}
