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

// value, what the guard writes: the table the engine's test reads too (crates/vipguard/src/formats/csv.rs,
// the_formula_guard_is_undone_exactly), so the two guards cannot drift apart.
const PAIRS = JSON.parse(readFileSync(new URL('../../crates/vipguard/tests/fixtures/csv_guard_cases.json', import.meta.url), 'utf8'));

// A row's third value: what reading gives back where it is not the value (a control character is written as
// its picture, ␀ for a NUL, and reads back as that).
test('each crafted value is guarded as the engine guards it, and unguarding gives it back', () => {
  for (const [value, written, read = value] of PAIRS) {
    assert.equal(csvGuard(value), written, JSON.stringify(value));
    assert.equal(csvUnguard(written), read, JSON.stringify(written));
  }
});

// VT and FF (the line breaks FileMaker and Office paste, blanks to the engine) are written as a space; the
// others as their picture.
test('no C0 control character but tab, CR and LF is ever written raw', () => {
  for (let code = 0; code < 0x20; code++) {
    const c = String.fromCharCode(code);
    const cell = csvCell(`Ada${c}=x${c}`);
    if ('\t\r\n'.includes(c)) continue;
    assert.ok(!/[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(cell), JSON.stringify(cell));
    if ('\v\f'.includes(c)) assert.equal(cell, 'Ada =x ', JSON.stringify(cell));
    else assert.ok(cell.includes(String.fromCharCode(0x2400 + code)), JSON.stringify(cell));
  }
  assert.ok(!toCsv(['a'], [{ a: '\0' }]).includes('\0'));
});

test('what no guard writes is read as it is: an apostrophe before anything but a formula start', () => {
  for (const value of ["'Ada", "O'Neil", "'", "''", "' ", "'\u00a0", "x;'y", "'x=1", "a'-1", "'Ада", "'李", "'अदा"]) {
    assert.equal(csvUnguard(value), value, JSON.stringify(value));
  }
  assert.equal(csvUnguard(null), '');
  assert.equal(csvGuard(undefined), '');
  assert.equal(csvGuard(-1), "'-1");
});

// Whether a spreadsheet would run a formula from `text`: at its start or after ; tab CR LF, blanks or quotes then
// = + - @ tab CR (written independently of report.js's scan).
function runsFormula(text) {
  for (let i = 0; i <= text.length; i++) {
    if (i > 0 && !';\t\r\n'.includes(text[i - 1])) continue;
    let j = i;
    while (text[j] === ' ' || text[j] === '\u00a0' || text[j] === '"') j++;
    if (j < text.length && '=+-@\t\r'.includes(text[j])) return true;
  }
  return false;
}

// Every string of up to five characters over the characters that matter: the two undo each other, and
// nothing written starts a formula where a spreadsheet may start a cell.
test('every short value over the characters that matter: unguarding undoes guarding, and nothing written runs', () => {
  const alphabet = ["'", '=', '+', '-', '@', ' ', '\u00a0', '"', ';', '\t', '\r', '\n', 'a', 'й'];
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
  assert.equal(checked, (14 ** 6 - 1) / 13);
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
