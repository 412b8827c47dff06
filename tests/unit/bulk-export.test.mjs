// The bulk page's "Export results (CSV)" (extension/ui/bulk/export.js's columns and rows, written by
// shared/report.js's csvFile, the function ui/page.js downloadCsv writes every CSV file with) for crafted rows: a sheet id and none, a
// profile address, a name only, formula characters, a quote after a ;, an engine error, a cleared row, other
// scripts. The sheet it makes must be the fixture the command line reads back as profiles
// (crates/vipguard/tests/fixtures/bulk-export.csv; crates/vipguard-cli/tests/cli.rs,
// `scan_reads_the_bulk_pages_export`), so neither side's columns can change without the other's test
// failing. VIPGUARD_UPDATE_FIXTURES=1 rewrites the fixture from the exporter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import vm from 'node:vm';
import { EXPORT_COLUMNS, exportRows } from '../../extension/ui/bulk/export.js';

const context = vm.createContext({ vipguardI18n: { t: (key) => key } });
for (const file of ['shared/site-catalog.js', 'shared/report.js']) {
  vm.runInContext(readFileSync(new URL(`../../extension/${file}`, import.meta.url), 'utf8'), context);
}
const { profileUrl } = vm.runInContext('vipguardSiteCatalog', context);
const FIXTURE = new URL('../../crates/vipguard/tests/fixtures/bulk-export.csv', import.meta.url);

const row = (r) => ({ sourceId: '', url: '', name: '', verdict: 'clear', match: '', matchName: '', score: 0, cleared: false,
  notes: [], error: '', evidence: [], ...r });
const ROWS = [
  row({ line: 2, sourceId: 'CASE-17', url: 'https://x.com/AlikoDangote_NG', platform: 'x', handle: 'AlikoDangote_NG', name: 'Аliko Dangote',
    verdict: 'impersonation', match: 'p-aliko', matchName: 'Aliko Dangote', score: 0.97,
    evidence: [{ detail: 'Display name "Аliko Dangote" reads as the protected name "Aliko Dangote"' }, { detail: 'Handle @AlikoDangote_NG' }] }),
  row({ line: 3, platform: 'x', handle: 'someone', notes: ['Only the handle was checked'] }),
  row({ line: 4, sourceId: '-1', platform: 'instagram', handle: 'ada.obi', name: '=HYPERLINK("x")', verdict: 'suspicious', score: 0.5,
    cleared: true, notes: ['Same account as line 2'] }),
  row({ line: 5, sourceId: '@ref', platform: 'x', handle: 'bea', name: 'Беа; "=1+1', verdict: 'error', score: null,
    error: 'the picture could not be read' }),
  row({ line: 7, sourceId: "'quoted", platform: 'github', handle: 'octo-cat', name: 'Ada, Obi', verdict: 'labelled', match: 'p-ada',
    matchName: 'Ada Obi', score: 0.4 }),
];

// What the page downloads: bulk.js passes EXPORT_COLUMNS and exportRows to ui/page.js downloadCsv, run
// here as it is (not its parts rebuilt: tidy38), with the Blob it hands the browser caught; downloadCsv
// writes vipguardReport.csvFile's text (a byte-order mark, then toCsv's).
const { downloadCsv } = await import('../../extension/ui/page.js');
async function exported() {
  const caught = [];
  const saved = { document: globalThis.document, vipguardReport: globalThis.vipguardReport, setTimeout: globalThis.setTimeout,
    createObjectURL: URL.createObjectURL };
  globalThis.document = { createElement: () => ({ click() {} }) };
  globalThis.vipguardReport = vm.runInContext('vipguardReport', context);
  globalThis.setTimeout = () => {}; // the page frees the Blob's address a minute later
  URL.createObjectURL = (blob) => { caught.push(blob); return 'blob:test'; };
  try {
    downloadCsv('vipguard-bulk.csv', EXPORT_COLUMNS, exportRows(ROWS, profileUrl));
  } finally {
    Object.assign(globalThis, { document: saved.document, vipguardReport: saved.vipguardReport, setTimeout: saved.setTimeout });
    URL.createObjectURL = saved.createObjectURL;
  }
  assert.equal(caught.length, 1, 'one file handed to the browser');
  assert.equal(caught[0].type, 'text/csv;charset=utf-8');
  // Blob.text() decodes as UTF-8 and drops a leading byte-order mark: the bytes are read whole.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await caught[0].arrayBuffer());
}

test("the bulk page's export of crafted rows is the sheet the command line's test reads back", async () => {
  const text = await exported();
  if (process.env.VIPGUARD_UPDATE_FIXTURES) writeFileSync(FIXTURE, text);
  assert.equal(readFileSync(FIXTURE, 'utf8'), text,
    'the export changed: rewrite the fixture with VIPGUARD_UPDATE_FIXTURES=1 and make `vipguard scan` read it (profile.rs)');
});

test('the export keeps the sheet id and address, the profile address and the guard', async () => {
  const [header, first, second, third] = (await exported()).split('\r\n');
  assert.equal(header, '\ufeffline,source_id,source_url,profile_url,platform,handle,display_name,verdict,match,match_name,score,reviewer_cleared,notes,evidence');
  assert.ok(first.startsWith('2,CASE-17,https://x.com/AlikoDangote_NG,https://x.com/AlikoDangote_NG,x,AlikoDangote_NG,Аliko Dangote,impersonation,'), first);
  assert.ok(second.startsWith('3,,,https://x.com/someone,x,someone,,clear,'), second);
  assert.ok(third.startsWith(`4,'-1,,`) && third.includes(`"'=HYPERLINK(""x"")"`), third);
});
