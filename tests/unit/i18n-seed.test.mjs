// The interface's words sent by the worker (extension/shared/i18n.js, seed): words asked for before the
// reviewer chose another language are that language's and are dropped; words asked for after are kept;
// a caller that forgets to say when it asked is an error, not a silent "now". Node only: i18n.js is a
// classic script, run here in a context whose browser catalogue knows no message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const source = readFileSync(new URL('../../extension/shared/i18n.js', import.meta.url), 'utf8');

function load() {
  const context = vm.createContext({ chrome: { i18n: { getMessage: () => '' } }, Intl });
  vm.runInContext(source, context);
  return vm.runInContext('vipguardI18n', context);
}

const EN = { close: 'Close' };
const FR = { close: 'Fermer' };

test('words asked for before a language change are dropped, those asked for after are kept', () => {
  const I = load();
  const askedInEnglish = I.era();
  I.unseed(); // the reviewer chose French
  assert.equal(I.seed(EN, askedInEnglish), false);
  assert.equal(I.seeded(), false);
  assert.equal(I.t('close'), 'close');
  assert.equal(I.seed(FR, I.era()), true);
  assert.equal(I.t('close'), 'Fermer');
});

test('en → fr → en: words asked for in the first English are still dropped, the latest are kept', () => {
  const I = load();
  const first = I.era();
  I.unseed(); // French
  const french = I.era();
  I.unseed(); // English again
  const second = I.era();
  assert.equal(I.seed(EN, first), false);
  assert.equal(I.seed(FR, french), false);
  assert.equal(I.seeded(), false);
  assert.equal(I.seed(EN, second), true);
  assert.equal(I.t('close'), 'Close');
  // A late answer from the French era does not replace them.
  assert.equal(I.seed(FR, french), false);
  assert.equal(I.t('close'), 'Close');
});

test('seed without the era it was asked in is refused loudly, and keeps nothing', () => {
  const I = load();
  assert.throws(() => I.seed(FR), { name: 'TypeError', message: /era\(\)/ });
  assert.throws(() => I.seed(FR, undefined), { name: 'TypeError' });
  assert.throws(() => I.seed(FR, '0'), { name: 'TypeError' });
  assert.equal(I.seeded(), false);
  assert.equal(I.t('close'), 'close');
});
