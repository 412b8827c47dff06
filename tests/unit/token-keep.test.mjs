// Which frame tokens a tab keeps (extension/worker/token-keep.js, issue 23): each account's latest
// checks, whatever the page's length, within the tab's caps.
import test from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PER_TAB, MAX_BYTES_PER_TAB, KEEP_PER_ACCOUNT, overflow, accountOf } from '../../extension/worker/token-keep.js';

// A tab's index after `checks` checks of the same `accounts` accounts, each record `size` bytes; then
// what overflow drops, as a keeper would (the index without them).
function after(checks, accounts, size = 1000) {
  let index = [];
  for (let c = 0; c < checks; c++) {
    for (let a = 0; a < accounts; a++) index.push([`k${c}.${a}`, `a${a}`, `c${c}`, size]);
    const gone = new Set(overflow(index));
    index = index.filter((e) => !gone.has(e));
  }
  return index;
}

test('a list of 300 flagged accounts checked three times keeps every account\'s latest two tokens', () => {
  const kept = after(3, 300);
  assert.equal(KEEP_PER_ACCOUNT, 2);
  assert.equal(kept.length, 600);
  assert.ok(kept.every(([, , c]) => c === 'c1' || c === 'c2'), 'the first check\'s tokens replaced');
  // The first account, checked first: its newest token kept (a tab's latest 100 dropped it).
  assert.ok(kept.some(([k]) => k === 'k2.0'));
});

test('over the tab\'s count, the tokens a newer check replaced go first, then the oldest', () => {
  const n = MAX_PER_TAB - 100; // accounts: two checks of them are over the cap
  const kept = after(2, n, 10);
  assert.equal(kept.length, MAX_PER_TAB);
  assert.equal(kept.filter(([, , c]) => c === 'c1').length, n, 'every account\'s newest token');
  // More accounts than the cap: the oldest accounts' tokens go.
  let index = Array.from({ length: MAX_PER_TAB + 5 }, (_, a) => [`k${a}`, `a${a}`, 'c0', 10]);
  const gone = overflow(index);
  assert.deepEqual(gone.map(([k]) => k), ['k0', 'k1', 'k2', 'k3', 'k4']);
});

test('over the tab\'s bytes, the replaced tokens go first, then the oldest', () => {
  const size = 4096; // a record at validate.js's bounds is a few kB
  const fit = Math.floor(MAX_BYTES_PER_TAB / size);
  const kept = after(2, fit - 10, size);
  assert.ok(kept.reduce((n, e) => n + e[3], 0) <= MAX_BYTES_PER_TAB);
  assert.equal(kept.filter(([, , c]) => c === 'c1').length, fit - 10, 'every account\'s newest token');
  const over = after(1, fit + 3, size);
  assert.equal(over.length, fit);
  assert.equal(over[0][0], 'k0.3', 'the oldest went');
});

test('one check\'s tokens of one account (a banner and a badge) count as one check', () => {
  const index = [['b0', 'x', 'c0', 1], ['b1', 'x', 'c0', 1], ['b2', 'x', 'c1', 1], ['b3', 'x', 'c2', 1]];
  assert.deepEqual(overflow(index).map(([k]) => k), ['b0', 'b1']);
});

test('an account is its platform and handle, the handle\'s case aside', () => {
  assert.equal(accountOf({ platform: 'x', handle: 'KwabenaMensah0' }), accountOf({ platform: 'x', handle: 'kwabenamensah0' }));
  assert.notEqual(accountOf({ platform: 'x', handle: 'a' }), accountOf({ platform: 'bluesky', handle: 'a' }));
  assert.notEqual(accountOf({ platform: 'x', handle: 'user_1' }), accountOf({ platform: 'x', handle: 'user_2' }));
});
