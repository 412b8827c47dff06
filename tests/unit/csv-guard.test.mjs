// The CSV formula guard of the extension's exports and its undoing (extension/shared/report.js: csvGuard
// and csvCell write it, csvUnguard reads it; one scan, guardScan, does both), paired over crafted values:
// each formula character, apostrophes, blanks, U+00A0, ; tab CR LF inside, four scripts. The rule is the
// engine's (crates/vipguard/src/formats/csv.rs, `guard` and `unguard`, whose test has the same table),
// which the command line's `scan --format csv` writes with. Node only: report.js run in a context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const context = vm.createContext({ vipguardI18n: { t: (key) => key } });
vm.runInContext(readFileSync(new URL('../../extension/shared/report.js', import.meta.url), 'utf8'), context);
const { csvGuard, csvUnguard, csvCell, toCsv } = vm.runInContext('vipguardReport', context);

// value, what the guard writes: the engine's table (csv.rs, the_formula_guard_is_undone_exactly), then more.
const PAIRS = [
  ['-1', "'-1"],
  ['@Ada', "'@Ada"],
  ['=1+1', "'=1+1"],
  ['+234', "'+234"],
  ["'=x", "''=x"],
  ["''@x", "'''@x"],
  ["' -x", "'' -x"],
  [' \u00a0=x', "' \u00a0=x"],
  ['\t=x', "'\t'=x"],
  ['a;=b\n@c\r-d', "a;'=b\n'@c\r'-d"],
  ['Ada', 'Ada'],
  ["'Ada", "'Ada"],
  ["O'Neil", "O'Neil"],
  ['a-b', 'a-b'],
  ['Ада', 'Ада'],
  ['', ''],
  ["'", "'"],
  // Each formula character after blanks, and a CR or tab as the formula character itself.
  ['  +1', "'  +1"],
  ['\u00a0@x', "'\u00a0@x"],
  ['\rx', "'\rx"],
  [' \tx', "' \tx"],
  // After each separator a spreadsheet may split on, and a CRLF (a new cell after each of CR and LF).
  ['x;-1', "x;'-1"],
  ['x\t+1', "x\t'+1"],
  ['x\r\n=1', "x\r\n'=1"],
  ["x;''@y", "x;'''@y"],
  ['x,-1', 'x,-1'],
  ['x -1', 'x -1'],
  ['x;', 'x;'],
  [';', ';'],
  // Four scripts: Latin, Cyrillic, Han, Devanagari (and an emoji), guarded only where a formula starts.
  ['Кwabena Мensah ✅', 'Кwabena Мensah ✅'],
  ['=李 安', "'=李 安"],
  ['अदा;-1', "अदा;'-1"],
  ['@Кwabena;=Ада', "'@Кwabena;'=Ада"],
  ['😀=1', '😀=1'],
];

test('each crafted value is guarded as the engine guards it, and unguarding gives it back', () => {
  for (const [value, written] of PAIRS) {
    assert.equal(csvGuard(value), written, JSON.stringify(value));
    assert.equal(csvUnguard(written), value, JSON.stringify(written));
  }
});

test('what no guard writes is read as it is: an apostrophe before anything but a formula start', () => {
  for (const value of ["'Ada", "O'Neil", "'", "''", "' ", "'\u00a0", "x;'y", "'x=1", "a'-1", "'Ада", "'李", "'अदा"]) {
    assert.equal(csvUnguard(value), value, JSON.stringify(value));
  }
  assert.equal(csvUnguard(null), '');
  assert.equal(csvGuard(undefined), '');
  assert.equal(csvGuard(-1), "'-1");
});

// Whether a spreadsheet would run a formula from `text`: at its start or after ; tab CR LF, blanks then
// = + - @ tab CR (written independently of report.js's scan).
function runsFormula(text) {
  for (let i = 0; i <= text.length; i++) {
    if (i > 0 && !';\t\r\n'.includes(text[i - 1])) continue;
    let j = i;
    while (text[j] === ' ' || text[j] === '\u00a0') j++;
    if (j < text.length && '=+-@\t\r'.includes(text[j])) return true;
  }
  return false;
}

// Every string of up to five characters over the characters that matter: the two undo each other, and
// nothing written starts a formula where a spreadsheet may start a cell.
test('every short value over the characters that matter: unguarding undoes guarding, and nothing written runs', () => {
  const alphabet = ["'", '=', '+', '-', '@', ' ', '\u00a0', ';', '\t', '\r', '\n', 'a', 'й'];
  let values = [''];
  let checked = 0;
  for (let length = 0; length <= 5; length++) {
    for (const value of values) {
      const written = csvGuard(value);
      assert.equal(csvUnguard(written), value, JSON.stringify(value));
      assert.ok(!runsFormula(written), JSON.stringify(written));
      checked++;
    }
    if (length < 5) values = values.flatMap((v) => alphabet.map((c) => v + c));
  }
  assert.equal(checked, (13 ** 6 - 1) / 12);
});

test('a cell is guarded, then quoted where it holds a separator of any locale, a quote or a line end', () => {
  for (const [value, cell] of [
    ['Ada Obi', 'Ada Obi'],
    ['-1', "'-1"],
    ['Dangote, Aliko', '"Dangote, Aliko"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['Ada;=HYPERLINK("x")', '"Ada;\'=HYPERLINK(""x"")"'],
    ['a; -1', "\"a;' -1\""],
    ['\tx', "\"'\tx\""],
    ['1\n-2', "\"1\n'-2\""],
    ["'=x", "''=x"],
    ['Кwabena ✅', 'Кwabena ✅'],
  ]) {
    assert.equal(csvCell(value), cell, JSON.stringify(value));
  }
  assert.equal(toCsv(['a', 'b'], [{ a: '@x', b: 'y;=z' }]), "a,b\r\n'@x,\"y;'=z\"\r\n");
});
