// Which of a tab's frame tokens it keeps (worker/frames.js issues them): without imports, so that
// tests/unit/token-keep.test.mjs runs it in Node. See frames.js for what a token is.

// A tab holds at most MAX_PER_TAB tokens and MAX_BYTES_PER_TAB of records (their keys and JSON), and per
// account the tokens of its latest KEEP_PER_ACCOUNT checks.
export const MAX_PER_TAB = 1000;
export const MAX_BYTES_PER_TAB = 1024 * 1024;
export const KEEP_PER_ACCOUNT = 2;
// The account a record shows, short for the index: FNV-1a of its platform and handle. Two accounts of one
// tab that share it count as one, whose older tokens go first: a page can only cost its own badges so.
export function accountOf(profile) {
  let h = 0x811c9dc5;
  for (const c of `${profile.platform}:${String(profile.handle).toLowerCase()}`) h = Math.imul(h ^ c.codePointAt(0), 0x01000193);
  return (h >>> 0).toString(36);
}

// The entries of `entries` (oldest first) to drop: those past each account's latest KEEP_PER_ACCOUNT
// checks; then, while over MAX_PER_TAB or MAX_BYTES_PER_TAB, those an account's newer check replaced,
// oldest first; then the oldest.
export function overflow(entries) {
  const drop = new Set();
  const newer = new Set(); // entries an account's newer check replaced
  const seen = new Map(); // account -> its checks met, newest first
  for (let i = entries.length - 1; i >= 0; i--) {
    const [, account, check] = entries[i];
    const its = seen.get(account) || [];
    if (!its.includes(check)) its.push(check);
    seen.set(account, its);
    if (its.length > KEEP_PER_ACCOUNT) drop.add(i);
    else if (its[0] !== check) newer.add(i);
  }
  let count = entries.length - drop.size;
  let bytes = entries.reduce((n, e, i) => n + (drop.has(i) ? 0 : e[3] || 0), 0);
  for (const replaced of [true, false]) {
    for (let i = 0; i < entries.length && (count > MAX_PER_TAB || bytes > MAX_BYTES_PER_TAB); i++) {
      if (drop.has(i) || (replaced && !newer.has(i))) continue;
      drop.add(i);
      count--;
      bytes -= entries[i][3] || 0;
    }
  }
  return [...drop].sort((a, b) => a - b).map((i) => entries[i]);
}

