// What an import would change in the protected list, and the two ways of applying it: merge (add the new
// accounts, update the ones with the same id, keep the rest) or replace. Pure functions over the list's
// JSON form ({accounts: [{id, name, ...}]}), tested in tests/e2e/list-diff.test.mjs.

// An account's content, for "changed": key order does not matter.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// {added, changed, removed, unchanged}: the first three lists of accounts ({id, name}, and for changed
// `before`), in the incoming list's order (removed in the current list's order).
export function diffLists(current, incoming) {
  const before = new Map(((current && current.accounts) || []).map((a) => [a.id, a]));
  const after = new Set();
  const out = { added: [], changed: [], removed: [], unchanged: 0 };
  for (const a of (incoming && incoming.accounts) || []) {
    after.add(a.id);
    const old = before.get(a.id);
    if (!old) out.added.push(a);
    else if (canonical(old) !== canonical(a)) out.changed.push({ ...a, before: old });
    else out.unchanged++;
  }
  for (const a of before.values()) if (!after.has(a.id)) out.removed.push(a);
  return out;
}

// The current list with the incoming accounts added or, for an id already there, put in its place.
export function mergeLists(current, incoming) {
  const byId = new Map((incoming.accounts || []).map((a) => [a.id, a]));
  const kept = ((current && current.accounts) || []).map((a) => byId.get(a.id) || a);
  const known = new Set(kept.map((a) => a.id));
  return { accounts: [...kept, ...(incoming.accounts || []).filter((a) => !known.has(a.id))] };
}

// The list as rows of the CSV the command line and this page import (id, name, kind, aliases, handles,
// official, avatars, links; several values joined by |). An avatar keeps its main PDQ hash only: JSON
// keeps every reference hash the engine enrolled.
export function listRows(list) {
  const pairs = (xs) => (xs || []).map((h) => `${h.platform}:${h.handle}`).join('|');
  const avatar = (a) => (typeof a === 'string' ? a : a && a.pdq ? `pdq:${a.pdq}` : '');
  const rows = ((list && list.accounts) || []).map((a) => ({
    id: a.id, name: a.name, kind: a.kind || '', aliases: (a.aliases || []).join('|'), handles: pairs(a.handles), official: pairs(a.official),
    avatars: (a.avatars || []).map(avatar).filter(Boolean).join('|'), links: (a.links || []).join('|'),
  }));
  return { columns: ['id', 'name', 'kind', 'aliases', 'handles', 'official', 'avatars', 'links'], rows };
}

// What a search looks in, one lowercase string per account (made once per list: 100,000 accounts are
// searched in milliseconds).
export const searchIndex = (list) => ((list && list.accounts) || []).map((a) => [a.id, a.name, ...(a.aliases || []),
  ...[...(a.handles || []), ...(a.official || [])].map((h) => `${h.platform}:${h.handle}`)].join('\n').toLowerCase());

// Accounts whose id, name, alias or platform:handle contains `query` (any case); all when it is empty.
export function searchAccounts(list, query, index = searchIndex(list)) {
  const q = String(query || '').trim().toLowerCase();
  const all = (list && list.accounts) || [];
  if (!q) return all;
  return all.filter((a, i) => index[i].includes(q));
}
