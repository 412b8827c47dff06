// A tab's record kept within its caps (tab-record.js). Its own module, free of the engine, so the unit
// tests can load it (tests/unit/record-fit.test.mjs).
export const TAB_ITEMS_MAX = 500;
export const TAB_RECORD_BYTES_MAX = 256 * 1024;

const flagged = (i) => !['clear', 'error'].includes(i && (i.shown || i.verdict));

// The items that fit the tab's caps: clear accounts dropped before flagged ones, the oldest of each first.
// Why flagged accounts go last: a busy YouTube live chat records every new author under the watch page's
// record (issue 21's review, H1); 500 clear chatters must not push out the impostor, whose later rows are
// drawn from the chat's cache and not recorded again, nor the page's own flagged accounts, since a decision
// or evidence picture is given only for an account the record holds (givenFor).
export function fitRecord(items, budget = TAB_RECORD_BYTES_MAX) {
  const sizes = items.map((i) => JSON.stringify(i).length + 1); // each item serialised once
  let over = items.length - TAB_ITEMS_MAX;
  let bytes = sizes.reduce((n, b) => n + b, 0);
  const dropped = new Set();
  for (const pass of [false, true]) {
    for (let k = 0; k < items.length && (over > 0 || bytes > budget); k++) {
      if (flagged(items[k]) !== pass) continue;
      dropped.add(k);
      over--;
      bytes -= sizes[k];
    }
  }
  return dropped.size ? items.filter((_, k) => !dropped.has(k)) : items;
}
