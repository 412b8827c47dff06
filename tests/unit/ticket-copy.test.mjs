// The ticket copy shared by the banner and the lists' rows (extension/shared/report.js,
// copyTicketWithPicture): the text and the evidence picture in one clipboard entry, and the text alone,
// with the reason, where the clipboard refuses that entry or the picture cannot be drawn. Node only:
// report.js is a classic script, run here in a context with a clipboard that records what it is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const source = readFileSync(new URL('../../extension/shared/report.js', import.meta.url), 'utf8');
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

// A context whose clipboard refuses `write` when `refuse` says so, and waits for every type of an
// entry as a browser does (a rejected picture fails the whole write).
function load({ refuse = null, refuseText = null } = {}) {
  const clipboard = { items: [], texts: [] };
  class ClipboardItem {
    constructor(types) {
      this.types = types;
    }
  }
  const navigator = {
    clipboard: {
      async write(items) {
        for (const item of items) await Promise.all(Object.values(item.types));
        if (refuse) throw new Error(refuse);
        clipboard.items.push(...items);
      },
      async writeText(text) {
        if (refuseText) throw new Error(refuseText);
        clipboard.texts.push(text);
      },
    },
  };
  const context = vm.createContext({
    vipguardI18n: { t: (key) => key },
    ClipboardItem, navigator, Blob, atob, fetch, crypto, TextEncoder,
  });
  vm.runInContext(source, context);
  return { report: vm.runInContext('vipguardReport', context), clipboard };
}

const table = [
  { name: 'the picture goes with the text', drawing: () => Promise.resolve({ dataUrl: PNG }),
    expect: { pictured: true, drawn: { dataUrl: PNG } }, items: 1, texts: [] },
  { name: 'a clipboard refusing the entry gets the text alone, and why', refuse: 'Write permission denied.',
    drawing: () => Promise.resolve({ dataUrl: PNG }), expect: { pictured: false, why: 'Write permission denied.' }, items: 0, texts: ['TICKET'] },
  { name: 'a picture that cannot be drawn: the text alone, with the drawing\'s reason',
    drawing: () => Promise.reject(new Error('the avatar could not be read')),
    expect: { pictured: false, why: 'the avatar could not be read' }, items: 0, texts: ['TICKET'] },
];

for (const row of table) {
  test(row.name, async () => {
    const { report, clipboard } = load({ refuse: row.refuse });
    const got = await report.copyTicketWithPicture('TICKET', row.drawing(), 'the evidence');
    assert.deepEqual(JSON.parse(JSON.stringify(got)), row.expect);
    assert.equal(clipboard.items.length, row.items);
    assert.deepEqual(clipboard.texts, row.texts);
    if (row.items) {
      const types = clipboard.items[0].types;
      assert.deepEqual(Object.keys(types).sort(), ['image/png', 'text/html', 'text/plain']);
      assert.equal(await (await types['text/plain']).text(), 'TICKET');
      assert.match(await (await types['text/html']).text(), /TICKET[\s\S]*<img[^>]+alt="the evidence"/);
    }
  });
}

test('a drawing that fails with something other than an Error still gives its reason', async () => {
  const { report, clipboard } = load();
  const got = await report.copyTicketWithPicture('TICKET', Promise.reject('the worker went away'), 'alt');
  assert.deepEqual(JSON.parse(JSON.stringify(got)), { pictured: false, why: 'the worker went away' });
  assert.deepEqual(clipboard.texts, ['TICKET']);
});

test('a clipboard refusing the text too: the copy fails, with the refusal', async () => {
  const { report, clipboard } = load({ refuse: 'denied', refuseText: 'Document is not focused.' });
  await assert.rejects(report.copyTicketWithPicture('TICKET', Promise.resolve({ dataUrl: PNG }), 'alt'), /Document is not focused/);
  assert.equal(clipboard.items.length + clipboard.texts.length, 0);
});

test('the text alone goes through the writer the caller gives (the banner\'s own, which says what was copied)', async () => {
  const { report, clipboard } = load({ refuse: 'denied' });
  const written = [];
  const got = await report.copyTicketWithPicture('TICKET', Promise.resolve({ dataUrl: PNG }), 'alt', async (s) => written.push(s));
  assert.deepEqual(JSON.parse(JSON.stringify(got)), { pictured: false, why: 'denied' });
  assert.deepEqual(written, ['TICKET']);
  assert.deepEqual(clipboard.texts, []);
});
