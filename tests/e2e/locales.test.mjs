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
for (const k of ['factFollowers', 'factSubscribers', 'factFollowersAbout', 'factSubscribersAbout', 'listErr_row_fields', 'listErr_picture_no_pixels']) used.add(`${k}_one`).add(`${k}_other`);
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

// The engine's signed-list and decisions errors (the codes formats/feed.rs lists in its module doc, each
// one it gives among them) are worded from a `listErr_<code>` message in every catalogue: the command line
// says them in those words (crates/vipguard-cli/src/problems.rs).
test('every code the engine gives a feed error is worded in every catalogue', () => {
  const rs = fs.readFileSync(new URL('../../crates/vipguard/src/formats/feed.rs', import.meta.url), 'utf8');
  const doc = rs.split('\n').filter((l) => l.startsWith('//!')).join('\n');
  const documented = new Set([...doc.matchAll(/`(feed_[a-z0-9_]+)`/g)].map((m) => m[1]));
  const given = new Set([...rs.matchAll(/"(feed_[a-z0-9_]+)"/g)].map((m) => m[1]));
  assert.ok(given.size >= 20, `only ${given.size} codes read from feed.rs: the scan is broken`);
  assert.deepEqual([...given].filter((c) => !documented.has(c)), [], 'codes feed.rs gives and does not list');
  for (const [lang, cat] of [['en', en], ['fr', fr], ['pcm', pcm]]) {
    assert.deepEqual([...documented].filter((c) => !cat[`listErr_${c}`]), [], lang);
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
  // Each catalogue names the language the engine words its evidence in: its own (Lang::parse takes
  // en, fr and pcm).
  assert.equal(en.engineLang.message, 'en');
  assert.equal(fr.engineLang.message, 'fr');
  assert.equal(pcm.engineLang.message, 'pcm');
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
    'fieldId', 'jsonShort', 'format_markdown', 'durationSeconds', 'durationMinutes', 'durationHours', 'action_invisible', 'action_diacritic', 'genericSite', 'sites', 'colNote', 'evidenceMarkdown', 'evidenceJson',
    'listAvatars_one', 'listAvatars_other']);
  const same = Object.keys(en).filter((k) => !SAME.has(k) && en[k].message === fr[k].message);
  assert.deepEqual(same, []);
});

test('French typography: a non-breaking space before : ; ? ! and inside « », so a line never starts with them', () => {
  const wrong = Object.entries(fr).filter(([, v]) => / [:;?!»]|« /.test(v.message)).map(([k]) => k);
  assert.deepEqual(wrong, []);
});

// The interface's i18n (shared/i18n.js) with `lang`'s catalogue.
const i18n = (lang) => {
  const ctx = { chrome: fakeChrome(lang), Intl };
  vm.runInNewContext(fs.readFileSync(path.join(EXT, 'shared/i18n.js'), 'utf8'), vm.createContext(ctx));
  ctx.vipguardI18n.seed(ctx.vipguardI18n.toTemplates(catalogue(lang)), ctx.vipguardI18n.era());
  return ctx.vipguardI18n;
};

test('a message about a count has a variant for one and for the rest, chosen by the language (French: 0 and 1 are one)', () => {
  const one = Object.keys(en).filter((k) => k.endsWith('_one')).map((k) => k.slice(0, -4)).sort();
  assert.deepEqual(Object.keys(en).filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -6)).sort(), one);
  assert.ok(one.includes('factFollowers') && one.includes('listErr_row_fields'), one.join(', '));
  const said = (lang, key, n, ...subs) => { const I = i18n(lang); return I.t(I.plural(key, n), String(n), ...subs); };
  assert.deepEqual([0, 1, 2].map((n) => said('en', 'factFollowers', n)), ['0 followers', '1 follower', '2 followers']);
  assert.deepEqual([0, 1, 2].map((n) => said('fr', 'factFollowers', n)), ['0 abonné', '1 abonné', '2 abonnés']);
  assert.deepEqual([1, 2].map((n) => said('pcm', 'factFollowers', n)), ['1 follower', '2 followers']);
  assert.equal(said('fr', 'listErr_row_fields', 1, '3'), 'la ligne a 1 champ, l’en-tête en a 3');
  assert.equal(said('en', 'factSubscribersAbout', 1000, '1K'), 'about 1000 subscribers (shown as 1K)');
});

// The engine's codes whose values are serde's English, said in catalogue words (shared/list-check.js):
// a value's kind found and expected, the punctuation expected, a count, a picture's sides. Rows: code,
// args, en, fr.
const N = '\u00a0';
const WORDED = [
  ['json_wrong_type', ['string "Ada O"', 'a sequence'], 'this should be a list [ ], not the text “Ada O”', `il faut ici une liste [ ], pas le texte «${N}Ada O${N}»`],
  ['json_wrong_type', ['integer `3`', 'a string'], 'this should be a text in double quotes, not the number 3', 'il faut ici un texte entre guillemets droits, pas le nombre 3'],
  ['json_wrong_type', ['floating point `1.5`', 'u32'], 'this should be a whole number, not the number 1.5', 'il faut ici un nombre entier, pas le nombre 1.5'],
  ['json_wrong_type', ['sequence', 'struct Account'], 'this should be an object { }, not a list [ ]', 'il faut ici un objet { }, pas une liste [ ]'],
  ['json_wrong_type', ['boolean `true`', 'a string'], 'this should be a text in double quotes, not the value true', 'il faut ici un texte entre guillemets droits, pas la valeur true'],
  ['json_wrong_type', ['map', 'a boolean'], 'this should be true or false, not an object { }', 'il faut ici true ou false, pas un objet { }'],
  // A kind serde may name that is not mapped: the detail left out rather than said in English.
  ['json_wrong_type', ['unit variant', 'enum Kind'], 'this value is not of the kind this field takes', 'cette valeur n’est pas du type que prend ce champ'],
  ['json_expected', ['14', ':'], '“:” is expected at column 14', `«${N}:${N}» est attendu à la colonne 14`],
  ['json_expected', ['30', ', }'], '“,” or “}” is expected at column 30', `«${N},${N}» ou «${N}}${N}» est attendu à la colonne 30`],
  ['json_syntax', ['7', 'recursion limit exceeded'], 'the list cannot be read as JSON at column 7', 'la liste ne se lit pas comme du JSON à la colonne 7'],
  ['csv_unreadable', ['CSV deserialize error: record 2'], 'the sheet cannot be read from here: save it again as CSV UTF-8', `le tableur ne se lit pas à partir d’ici${N}: enregistrez-le de nouveau en CSV UTF-8`],
  ['too_many_accounts', ['1'], 'the list has more than 1 account: split it', `la liste a plus de 1 compte${N}: divisez-la`],
  // A picture's sides: "pixel" agrees with width times height (French: 0 and 1 are one).
  ['picture_no_pixels', ['1', '0'], 'the picture is 1×0 pixels: it has no pixels to compare', `l’image fait 1${N}×${N}0 pixel${N}: elle n’a aucun pixel à comparer`],
  ['too_many_accounts', ['1000000'], 'the list has more than 1,000,000 accounts: split it', `la liste a plus de 1\u202f000\u202f000 comptes${N}: divisez-la`],
];

test('the engine\'s codes with serde\'s English in their values are said in catalogue words', async () => {
  const { describeListError } = await import(new URL('../../extension/shared/list-check.js', import.meta.url));
  for (const [lang, col] of [['en', 2], ['fr', 3]]) {
    const I = i18n(lang);
    for (const row of WORDED) {
      assert.equal(describeListError({ message: 'English', code: row[0], args: row[1] }, I.t, I.plural, I.num), row[col], `${lang} ${row[0]} ${row[1]}`);
    }
  }
});

// The engine's refusal of the stored list (worker/engine.js, said by the options page and the popup): the
// first problem worded, the others counted, and the constructor's English only as a technical detail.
test('a refused list is said with its first problem and how many others, in the reader\'s language', async () => {
  const { refusalWords } = await import(new URL('../../extension/shared/list-check.js', import.meta.url));
  const bar = { line: 2, field: 'accounts[0].aliases[0]', code: 'item_bar', args: ['Ada | Official'], message: 'English' };
  const built = { code: 'list_not_built', args: ['capacity overflow'], message: 'capacity overflow' };
  const rows = [
    ['en', { error: bar, errorCount: 1 }, /^The list in use cannot be used: Line 2, field .* import a corrected list\.$/],
    ['en', { error: bar, errorCount: 2 }, /%7C\) \(and 1 other problem\) — import/],
    ['en', { error: bar, errorCount: 1001 }, /\(and 1,000 other problems\) — import/],
    ['fr', { error: bar, errorCount: 2 }, /\(et 1 autre problème\) — importez/],
    ['fr', { error: bar, errorCount: 3 }, /\(et 2 autres problèmes\) — importez/],
    ['pcm', { error: bar, errorCount: 3 }, /\(plus 2 oda wahala dem\)/],
    ['en', { error: built, errorCount: 1 }, /^The list in use cannot be used: the extension could not build its checker from it \(technical detail: capacity overflow\) — /],
    ['fr', { error: built, errorCount: 1 }, /^La liste en service ne peut pas être utilisée\u00a0: l’extension n’a pas pu en construire son vérificateur \(/],
  ];
  for (const [lang, refusal, want] of rows) {
    const I = i18n(lang);
    assert.match(refusalWords(refusal, I.t, I.plural, I.num), want, `${lang} ${JSON.stringify(refusal)}`);
  }
});

// Bytes that are not UTF-8 are the engine's check now (`vipguard::utf8_text`, its table test in
// crates/vipguard/src/formats/utf8.rs); the pages' words for it (`not_utf8`) are checked in
// list-errors.test.mjs, bulk.test.mjs and queue.test.mjs.
