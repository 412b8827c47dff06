// A CSV list's problems row by row (extension/shared/list-check.js, checkWholeList): the rows are cut
// as the engine reads them, so an alias written over two lines inside quotes is one row, not two with
// an "unclosed quote" each, and a problem only the row-by-row pass finds names the line its row starts
// on. Uses the WASM package (pkg/, built by `make build` or `make pkg`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, checkList } from '../../pkg/vipguard.js';
import { checkWholeList } from '../../extension/shared/list-check.js';

initSync({ module: readFileSync(new URL('../../pkg/vipguard_bg.wasm', import.meta.url)) });

// Lines 2–3 and 6–7 are one row each (an alias over two lines); line 5 has no name, line 8 a handle
// with a space, and the row from line 6 a picture given as a file's name, which only the row-by-row
// pass reports (the engine's whole pass stops before checking pictures).
const ROWS = [
  'id,name,aliases,handles,avatars',
  'a,Ada Obi,"Ada O',
  'Queen Ada",x:ada,',
  'b,Bea Obi,,x:bea,',
  'c,,,x:cee,',
  'd,Dee Obi,"Dee',
  'D ""Obi""",x:dee,pics/dee.jpg',
  'e,Eve Obi,,x:bad handle,',
];
const WANT = [[5, 'name_empty'], [8, 'handle_blank'], [6, null]];

const problems = (source) => checkWholeList(checkList, source, 'csv').errors.map((e) => [e.line, e.code ?? null]);

test('quoted line ends stay in their cell: no false unclosed quote, each problem on the line its row starts', () => {
  const { ok, errors } = checkWholeList(checkList, `${ROWS.join('\n')}\n`, 'csv');
  assert.equal(ok, false);
  assert.deepEqual(errors.map((e) => [e.line, e.code ?? null]), WANT);
  assert.match(errors[2].message, /^row 6: .*pics\/dee\.jpg/);
});

test('the same with CRLF line ends, semicolons and a sep= line first: every line one later', () => {
  const source = `sep=;\r\n${ROWS.map((r) => r.replaceAll(',', ';')).join('\r\n')}\r\n`;
  assert.deepEqual(problems(source), WANT.map(([line, code]) => [line + 1, code]));
});

test('a quote inside an unquoted cell is the cell\'s, as the engine reads it: it opens nothing', () => {
  const source = 'id,name,handles,avatars\na,Ada 5\'11" Obi,x:ada,\nb,,x:bea,\nc,Cee Obi,x:cee,pics/cee.jpg\n';
  assert.deepEqual(problems(source), [[3, 'name_empty'], [4, null]]);
});
