// The English and French catalogues: every key the extension asks for exists in both, with the same
// placeholders, and the French one is a translation (not English left behind).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { catalogue, fakeChrome } from './locales.mjs';

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
  // plural('key', n) and the keys the frame passes it: a variant for each count.
  for (const m of s.matchAll(/\bplural\('([A-Za-z0-9_]+)'/g)) used.add(`${m[1]}_one`).add(`${m[1]}_other`);
  for (const m of s.matchAll(/'(recorded[A-Z][A-Za-z]*|decisions?[A-Z][A-Za-z]*|copyEvidence|copyJson|saveImage)'/g)) used.add(m[1]);
}
for (const k of ['factFollowers', 'factSubscribers', 'factFollowersAbout', 'factSubscribersAbout', 'listErr_row_fields', 'listErr_too_many_accounts']) used.add(`${k}_one`).add(`${k}_other`);
for (const v of ['impersonation', 'suspicious', 'labelled', 'own', 'allowed', 'clear', 'error', 'cleared']) used.add(`verdict_${v}`);
for (const a of ['lookalike', 'invisible', 'blank', 'filler', 'combining', 'diacritic', 'decoration', 'styled', 'reversal']) used.add(`action_${a}`);

test('every key the extension uses is in both catalogues', () => {
  const missing = [...used].filter((k) => !en[k] || !fr[k]);
  assert.deepEqual(missing, []);
  assert.ok(used.size > 150, `only ${used.size} keys found: the scan is broken`);
});

// The engine's input error codes (the doc comment on InputError's `code`) are each worded by the
// extension (shared/list-check.js's CODED), from a `listErr_<code>` message in every catalogue.
test('every code the engine gives an input error is worded from the catalogues', () => {
  const rs = fs.readFileSync(new URL('../../crates/vipguard/src/formats/error.rs', import.meta.url), 'utf8');
  const doc = rs.slice(rs.indexOf('/// What was wrong as a code'), rs.indexOf('pub code:'));
  const engine = [...doc.matchAll(/`([a-z0-9_]+)`/g)].map((m) => m[1]).filter((c) => !['message', 'code'].includes(c));
  assert.ok(engine.length >= 40, `only ${engine.length} codes read from error.rs: the scan is broken`);
  const js = fs.readFileSync(path.join(EXT, 'shared/list-check.js'), 'utf8');
  const coded = new Set([...js.slice(js.indexOf('const CODED'), js.indexOf(']);', js.indexOf('const CODED'))).matchAll(/'([a-z0-9_]+)'/g)].map((m) => m[1]));
  assert.deepEqual(engine.filter((c) => !coded.has(c)), [], 'codes the extension says in English');
  for (const [lang, cat] of [['en', en], ['fr', fr], ['pcm', pcm]]) {
    const missing = [...coded].filter((c) => !cat[`listErr_${c}`] && !(cat[`listErr_${c}_one`] && cat[`listErr_${c}_other`]));
    assert.deepEqual(missing, [], lang);
  }
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
  // A message's two plural variants count once, as the one message they were.
  const same = [...new Set(Object.keys(en).filter((k) => en[k].message === pcm[k].message).map((k) => k.replace(/_(one|other)$/, '')))];
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

test('a message about a count has a variant for one and for the rest, chosen by the language (French: 0 and 1 are one)', () => {
  const one = Object.keys(en).filter((k) => k.endsWith('_one')).map((k) => k.slice(0, -4)).sort();
  assert.deepEqual(Object.keys(en).filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -6)).sort(), one);
  assert.ok(one.includes('factFollowers') && one.includes('listErr_row_fields'), one.join(', '));
  const i18n = (lang) => {
    const ctx = { chrome: fakeChrome(lang), Intl };
    vm.runInNewContext(fs.readFileSync(path.join(EXT, 'shared/i18n.js'), 'utf8'), vm.createContext(ctx));
    ctx.vipguardI18n.seed(ctx.vipguardI18n.toTemplates(catalogue(lang)));
    return ctx.vipguardI18n;
  };
  const said = (lang, key, n, ...subs) => { const I = i18n(lang); return I.t(I.plural(key, n), String(n), ...subs); };
  assert.deepEqual([0, 1, 2].map((n) => said('en', 'factFollowers', n)), ['0 followers', '1 follower', '2 followers']);
  assert.deepEqual([0, 1, 2].map((n) => said('fr', 'factFollowers', n)), ['0 abonné', '1 abonné', '2 abonnés']);
  assert.deepEqual([1, 2].map((n) => said('pcm', 'factFollowers', n)), ['1 follower', '2 followers']);
  assert.equal(said('fr', 'listErr_row_fields', 1, '3'), 'la ligne a 1 champ, l’en-tête en a 3');
  assert.equal(said('en', 'factSubscribersAbout', 1000, '1K'), 'about 1000 subscribers (shown as 1K)');
});
