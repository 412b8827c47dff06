// The English and French catalogues: every key the extension asks for exists in both, with the same
// placeholders, and the French one is a translation (not English left behind).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { catalogue } from './locales.mjs';

const EXT = new URL('../../extension/', import.meta.url).pathname;
const en = catalogue('en');
const fr = catalogue('fr');
const pcm = catalogue('pcm');

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === '_locales' || d.name === 'pkg' ? [] : sources(p);
    return /\.(js|html|json)$/.test(d.name) ? [p] : [];
  });
}

// Keys used: t('key'…), data-i18n="key", data-i18n-*="key", __MSG_key__, and the verdict and action
// families the code builds (verdict_<word>, action_<word>).
const used = new Set();
for (const f of sources(EXT)) {
  const s = fs.readFileSync(f, 'utf8');
  for (const m of s.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(m[1]);
  for (const m of s.matchAll(/data-i18n(?:-[a-z-]+)?="([A-Za-z0-9_]+)"/g)) used.add(m[1]);
  for (const m of s.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(m[1]);
  for (const m of s.matchAll(/'(recorded[A-Z][A-Za-z]*|decisions?[A-Z][A-Za-z]*|copyEvidence|copyJson|saveImage)'/g)) used.add(m[1]);
}
for (const v of ['impersonation', 'suspicious', 'labelled', 'own', 'allowed', 'clear', 'error', 'cleared']) used.add(`verdict_${v}`);
for (const a of ['lookalike', 'invisible', 'blank', 'filler', 'combining', 'diacritic', 'decoration', 'styled', 'reversal']) used.add(`action_${a}`);

test('every key the extension uses is in both catalogues', () => {
  const missing = [...used].filter((k) => !en[k] || !fr[k]);
  assert.deepEqual(missing, []);
  assert.ok(used.size > 150, `only ${used.size} keys found: the scan is broken`);
});

test('every catalogue has the same keys, the same placeholders, and uses each of them', () => {
  const uses = (m) => [...new Set(m.match(/\$P\d\$/gi) || [])].map((x) => x.toUpperCase()).sort();
  for (const [lang, cat] of [['fr', fr], ['pcm', pcm]]) {
    assert.deepEqual(Object.keys(cat).sort(), Object.keys(en).sort(), lang);
    for (const k of Object.keys(en)) {
      assert.deepEqual(Object.keys(cat[k].placeholders || {}).sort(), Object.keys(en[k].placeholders || {}).sort(), `${lang} ${k}`);
      assert.deepEqual(uses(cat[k].message), uses(en[k].message), `${lang} ${k} uses its placeholders`);
    }
  }
  // The engine has no Pidgin sentences: its evidence stays English under the Pidgin interface.
  assert.equal(pcm.engineLang.message, 'en');
  assert.equal(pcm.uiLang.message, 'pcm');
});

test('Pidgin messages are translated (a few work words and formats stay as in English)', () => {
  const same = Object.keys(en).filter((k) => en[k].message === pcm[k].message);
  assert.ok(same.length <= 30, `${same.length} left in English: ${same.join(', ')}`);
  for (const k of ['verdict_impersonation', 'decisionConfirmed', 'decisionNotImpersonator', 'copyTicket', 'optionsTitle']) assert.ok(!same.includes(k), k);
});

test('French messages are translated', () => {
  // Words that are the same in both languages.
  const SAME = new Set(['extName', 'imageShort', 'score', 'reportScore', 'fieldVerdict', 'fieldExtension', 'colVerdict', 'colScore', 'colAvatars', 'colId',
    'fieldId', 'jsonShort', 'format_markdown', 'durationSeconds', 'durationMinutes', 'durationHours', 'action_invisible', 'action_diacritic', 'genericSite', 'sites', 'colNote', 'evidenceMarkdown', 'evidenceJson']);
  const same = Object.keys(en).filter((k) => !SAME.has(k) && en[k].message === fr[k].message);
  assert.deepEqual(same, []);
});

test('French typography: a non-breaking space before : ; ? ! and inside « », so a line never starts with them', () => {
  const wrong = Object.entries(fr).filter(([, v]) => / [:;?!»]|« /.test(v.message)).map(([k]) => k);
  assert.deepEqual(wrong, []);
});
