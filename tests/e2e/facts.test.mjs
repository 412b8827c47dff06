// Account facts as the worker lets a frame show them (worker/facts.js): the content script that read
// them is untrusted, so each fact is checked and a bad one dropped. One row per shown count or value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCount, shownFacts } from '../../extension/worker/facts.js';

const COUNTS = [
  ['1,204', 1204], ['1 204', 1204], ['1\u202f204', 1204], ['1.204', 1204], ['212', 212], ['0', 0],
  ['1.2K', 1200], ['1.2k', 1200], ['1,2 k', 1200], ['1,2\u00a0k', 1200], ['3,4 M', 3400000], ['31.4K', 31400],
  ['12.5万', 125000], ['2億', 200000000], ['1.5B', 1500000000], ['2 Md', 2000000000], ['48K', 48000],
  // Not counts: dropped.
  ['lots', null], ['', null], ['1.2.3K', null], ['1,5', null], ['-3', null], ['1e9', null], ['9'.repeat(30), null],
  ['99999999999', null], [' '.repeat(5000), null], [12, null],
  // One grouping separator, used throughout, and at most one decimal mark of the other kind.
  ['1,234.567', null], ['1.234,567', null], ['1,234 567', null], ['1,234.5K', 1234500], ['1 234,5 k', 1234500],
];

test('shown counts read as the number they stand for, or not at all', () => {
  for (const [shown, want] of COUNTS) assert.equal(parseCount(shown), want, JSON.stringify(shown));
});

test('each fact is kept only when it makes sense; bad ones are dropped, not shown', () => {
  const rows = [
    [{ joined: '2024-02-11T09:30:00.000Z', followers: 1204 }, { joined: '2024-02-11T09:30:00.000Z', followers: 1204 }],
    [{ joinedShown: 'Nov 2026', followersShown: '1.2K' }, { joinedShown: 'Nov 2026', followers: 1200, followersShown: '1.2K' }],
    [{ verified: true }, { verified: true }],
    // A count of "lots", a date of "yesterday", a 5,000-character string, a verified mark that is not `true`.
    [{ followersShown: 'lots' }, null],
    [{ joinedShown: 'yesterday' }, null],
    [{ joined: 'yesterday' }, null],
    [{ joinedShown: `2024 ${'x'.repeat(5000)}` }, null],
    [{ followersShown: '1'.repeat(5000) }, null],
    [{ joined: `2024-01-01${'x'.repeat(5000)}` }, null],
    [{ verified: 'true' }, null],
    [{ verified: '✓' }, null],
    [{ followers: Infinity }, null],
    [{ followers: -1 }, null],
    [{ followers: 1.5 }, null],
    [{ followers: '1204' }, null],
    [{ joined: '1066-10-14' }, null],
    [{ joinedShown: '<img src=x> 2024' }, null],
    // ISO dates: strict, real, stored as the instant they name.
    [{ joined: '2024-01-01 junk' }, null],
    [{ joined: '2024-02-30' }, null],
    [{ joined: '2023-02-29T00:00:00Z' }, null],
    [{ joined: '2024-02-11T09:30:00' }, null],
    [{ joined: '2024-02-11' }, { joined: '2024-02-11T00:00:00.000Z' }],
    [{ joined: '2024-02-29T23:30:00-05:00' }, { joined: '2024-03-01T04:30:00.000Z' }],
    // The page's words with control or format characters: a right-to-left override, a carriage return, a NUL,
    // a zero-width space.
    [{ joinedShown: '\u202eNov 2024' }, null],
    [{ joinedShown: '2024\r\u0000' }, null],
    [{ joinedShown: 'Nov\u200b 2024' }, null],
    [{ joinedShown: 'Nov\t2024' }, null],
    ['a string', null], [['2024-01-01'], null], [null, null],
    // The bad dropped, the good kept beside it.
    [{ joined: 'yesterday', followersShown: '3,4 M', verified: 1 }, { followers: 3400000, followersShown: '3,4 M' }],
  ];
  for (const [given, want] of rows) assert.deepEqual(shownFacts(given), want, JSON.stringify(given).slice(0, 80));
});
