// What an import changes in the protected list, merging, searching and the CSV export
// (extension/ui/options/list-diff.js), as units.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import vm from 'node:vm';
import { diffLists, mergeLists, listRows, searchAccounts } from '../../extension/ui/options/list-diff.js';
import { fakeChrome } from './locales.mjs';

const acc = (id, name, extra = {}) => ({ id, name, ...extra });
const current = { accounts: [acc('a', 'Ada Obi'), acc('b', 'Bea Obi', { aliases: ['B. Obi'] }), acc('c', 'Cee Obi')] };

test('diff: added, changed (key order does not count), removed, unchanged', () => {
  const incoming = { accounts: [acc('b', 'Bea Obi', { aliases: ['B. Obi'] }), { name: 'Cee Obi', id: 'c', handles: [{ platform: 'x', handle: 'cee' }] }, acc('d', 'Dee Obi')] };
  const d = diffLists(current, incoming);
  assert.deepEqual(d.added.map((a) => a.id), ['d']);
  assert.deepEqual(d.changed.map((a) => [a.id, a.before.name]), [['c', 'Cee Obi']]);
  assert.deepEqual(d.removed.map((a) => a.id), ['a']);
  assert.equal(d.unchanged, 1);
  const same = diffLists(current, { accounts: [{ name: 'Ada Obi', id: 'a' }] });
  assert.equal(same.changed.length, 0, 'the same account with its keys in another order is unchanged');
});

test('diff against no list: everything is added', () => {
  assert.equal(diffLists(null, current).added.length, 3);
});

test('merge: the incoming accounts replace those with their id, new ones go at the end, the rest stay in place', () => {
  const merged = mergeLists(current, { accounts: [acc('d', 'Dee Obi'), acc('b', 'Bea O. Obi')] });
  assert.deepEqual(merged.accounts.map((a) => `${a.id}:${a.name}`), ['a:Ada Obi', 'b:Bea O. Obi', 'c:Cee Obi', 'd:Dee Obi']);
});

test('search: by id, name, alias or platform:handle, any case', () => {
  const list = { accounts: [acc('vip-1', 'Ada Obi', { handles: [{ platform: 'instagram', handle: 'ada.o' }] }), acc('vip-2', 'Bea', { aliases: ['Queen B'] })] };
  for (const [q, want] of [['', ['vip-1', 'vip-2']], ['VIP-2', ['vip-2']], ['obi', ['vip-1']], ['queen', ['vip-2']], ['instagram:ada', ['vip-1']], ['zzz', []]]) {
    assert.deepEqual(searchAccounts(list, q).map((a) => a.id), want, q);
  }
});

test('CSV export: the columns the importer reads, several values joined by |, an avatar by its PDQ hash', () => {
  const ctx = { chrome: fakeChrome('en'), document: { documentElement: {} } };
  const src = (f) => fs.readFileSync(new URL(`../../extension/${f}`, import.meta.url), 'utf8');
  vm.runInNewContext(`${src('shared/i18n.js')}; ${src('shared/report.js')}; this.r = vipguardReport;`, ctx);
  const { columns, rows } = listRows({ accounts: [acc('v1', 'Ada, "Queen" Obi', {
    aliases: ['Ada O', 'AO'], handles: [{ platform: 'x', handle: 'AdaObi' }, { platform: 'instagram', handle: 'ada.o' }],
    official: [{ platform: 'x', handle: 'ObiFoundation' }], avatars: [{ pdq: 'ab'.repeat(32), refs: [] }], links: ['obi.example'], kind: 'person' })] });
  const csv = ctx.r.toCsv(columns, rows);
  assert.equal(csv, `id,name,kind,aliases,handles,official,avatars,links\r\nv1,"Ada, ""Queen"" Obi",person,Ada O|AO,x:AdaObi|instagram:ada.o,x:ObiFoundation,pdq:${'ab'.repeat(32)},obi.example\r\n`);
});
