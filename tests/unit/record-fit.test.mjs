// A tab's record within its caps (extension/worker/record-fit.js): flagged accounts outlive clear ones
// (issue 21's review, H1: a busy live chat's clear authors pushed the impostor out of the watch page's record).
import test from 'node:test';
import assert from 'node:assert/strict';
import { TAB_ITEMS_MAX, fitRecord } from '../../extension/worker/record-fit.js';

const item = (handle, shown) => ({ handle, verdict: shown, shown });

test('over the count cap, clear accounts go before an older flagged one', () => {
  const items = [item('@owner', 'impersonation'), item('@impostor', 'suspicious'),
    ...Array.from({ length: TAB_ITEMS_MAX + 100 }, (_, i) => item(`@chatter${i}`, 'clear'))];
  const kept = fitRecord(items);
  assert.equal(kept.length, TAB_ITEMS_MAX);
  const handles = kept.map((i) => i.handle);
  assert.ok(handles.includes('@owner') && handles.includes('@impostor'), 'the flagged accounts are kept');
  assert.ok(!handles.includes('@chatter0') && handles.includes(`@chatter${TAB_ITEMS_MAX + 99}`), 'the oldest clear ones dropped');
  assert.deepEqual(kept.slice(0, 2).map((i) => i.handle), ['@owner', '@impostor'], 'the order kept');
});

test('only flagged accounts over the cap: the oldest dropped', () => {
  const items = Array.from({ length: TAB_ITEMS_MAX + 3 }, (_, i) => item(`@f${i}`, 'suspicious'));
  const kept = fitRecord(items);
  assert.equal(kept.length, TAB_ITEMS_MAX);
  assert.equal(kept[0].handle, '@f3');
});

test('over the byte budget, clear accounts go first; under both caps nothing is dropped', () => {
  const big = { ...item('@flagged', 'impersonation'), evidence: 'x'.repeat(500) };
  const items = [big, ...Array.from({ length: 20 }, (_, i) => item(`@c${String(i).padStart(2, '0')}`, 'clear'))];
  const one = JSON.stringify(items[1]).length + 1;
  const kept = fitRecord(items, JSON.stringify(big).length + 1 + 5 * one);
  assert.equal(kept[0].handle, '@flagged');
  assert.equal(kept.length, 6);
  assert.equal(kept[1].handle, '@c15');
  assert.equal(fitRecord(items).length, items.length);
});
