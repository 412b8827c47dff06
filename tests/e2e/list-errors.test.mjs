// End to end: a protected list's problems in the interface's language (issue 23, items 7 and 9). The
// engine gives each problem a code and its values (InputError's `code`, `args`); the options page words
// it from its catalogue, in French here, with French typography. One list per format in
// tests/e2e/fixtures/lists/, each with a missing field, a repeated id and a handle with a space.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, launch, screenshot } from './harness.mjs';

const LISTS = path.join(ROOT, 'tests/e2e/fixtures/lists');
const N = '\u00a0';

const CASES = [
  ['three-problems.json', [
    `Ligne 4, champ «${N}accounts[1]${N}»${N}: le champ «${N}name${N}» manque`,
    `Ligne 5, champ «${N}accounts[2].id${N}»${N}: l’id «${N}ada${N}» est utilisé deux fois (déjà à la ligne 3)`,
    `Ligne 6, champ «${N}accounts[3].handles[0].handle${N}»${N}: l’identifiant «${N}Cee Obi${N}» contient une espace`,
  ]],
  ['three-problems.csv', [
    `Ligne 3, champ «${N}name${N}»${N}: le nom est vide`,
    `Ligne 4, champ «${N}id${N}»${N}: l’id «${N}k1${N}» est utilisé deux fois (déjà à la ligne 2)`,
    `Ligne 5, champ «${N}handles[0].handle${N}»${N}: l’identifiant «${N}Efua Sutherland${N}» contient une espace`,
  ]],
];

// Lists that do not read at all (JSON that does not parse, a value of the wrong kind, a sheet the CSV
// reader refuses, bytes that are not UTF-8): the engine's code worded from the catalogue, English then
// French, never serde's English ("EOF while parsing a list").
const UNREADABLE = [
  ['ends-early.json',
    'Line 4, field “accounts[1]”: the JSON ends too early: a closing ], } or quote is missing',
    `Ligne 4, champ «${N}accounts[1]${N}»${N}: le JSON s’arrête trop tôt${N}: il manque un ], un } ou un guillemet final`],
  ['trailing-comma.json',
    'Line 3, field “accounts”: a comma too many before a closing ] or } (column 1): remove it',
    `Ligne 3, champ «${N}accounts${N}»${N}: une virgule en trop avant un ] ou un } final (colonne 1)${N}: supprimez-la`],
  // serde_json says "expected value" for a comma before a list's end inside an account.
  ['trailing-comma-in-handles.json',
    'Line 2, field “accounts[0]”: a value is missing or misspelt at column 86 (often a comma too many before a closing ], or a text without double quotes)',
    `Ligne 2, champ «${N}accounts[0]${N}»${N}: une valeur manque ou est mal écrite à la colonne 86 (souvent une virgule en trop avant un ] final, ou un texte sans guillemets droits)`],
  // serde's "invalid type: string \"Kemi B\", expected a sequence", its kinds in catalogue words.
  ['wrong-type.json',
    'Line 3, field “accounts[1].aliases”: this should be a list [ ], not the text “Kemi B”',
    `Ligne 3, champ «${N}accounts[1].aliases${N}»${N}: il faut ici une liste [ ], pas le texte «${N}Kemi B${N}»`],
  ['unclosed-quote.csv',
    'Line 3: a quoted field that opens on this line is never closed (a " is missing), so every later row would be read into it',
    `Ligne 3${N}: un champ entre guillemets ouvert sur cette ligne n’est jamais fermé (il manque un ")${N}: toutes les lignes suivantes y seraient lues`],
  // A misspelt field: the fields allowed there named, and the nearest suggested (as the CLI says it).
  ['unknown-field.json',
    'Line 2, field “accounts[0].handels”: unknown field “handels” (the fields here are id, name, kind, aliases, handles, official, avatars, links) — did you mean “handles”?',
    `Ligne 2, champ «${N}accounts[0].handels${N}»${N}: champ inconnu «${N}handels${N}» (les champs possibles ici${N}: id, name, kind, aliases, handles, official, avatars, links) — vouliez-vous dire «${N}handles${N}»${N}?`],
  // A | inside an alias: a CSV cell would split it into two aliases, so JSON refuses it as CSV does.
  ['bar-in-alias.json',
    'Line 2, field “accounts[0].aliases[0]”: “Ada | Official” holds a “|”, which separates the values of a cell in a CSV list: remove it (in a web address, write %7C)',
    `Ligne 2, champ «${N}accounts[0].aliases[0]${N}»${N}: «${N}Ada | Official${N}» contient une «${N}|${N}», qui sépare les valeurs d’une cellule dans une liste CSV${N}: retirez-la (dans une adresse web, écrivez %7C)`],
  // "René" saved as Latin-1 (0xE9): refused where it is, not imported as "Ren\ufffd".
  ['not-utf8.csv',
    'Line 3: byte 0xE9 at column 9 is not UTF-8 (save the file as UTF-8; Windows-1252 and Latin-1 are not read)',
    `Ligne 3${N}: l’octet 0xE9 à la colonne 9 n’est pas de l’UTF-8 (enregistrez le fichier en UTF-8${N}; Windows-1252 et Latin-1 ne sont pas lus)`],
];

// A protected account's picture the engine cannot read (vipguard::PictureError): the options page words
// its code from the catalogue ("Avatar not enrolled: …"), never the decoder's English. Browsers cannot
// read these two either, so the engine's error is the one shown.
const PICTURES = path.join(ROOT, 'tests/e2e/fixtures/pictures');
const BAD_PICTURES = [
  ['not-a-picture.png',
    'Avatar not enrolled: this is not a picture in a format vipguard reads (JPEG, PNG, WebP or GIF)',
    `Avatar non enregistré${N}: ce n’est pas une image dans un format que lit vipguard (JPEG, PNG, WebP ou GIF)`],
  ['empty.png',
    'Avatar not enrolled: the picture file is empty (0 bytes)',
    `Avatar non enregistré${N}: le fichier de l’image est vide (0 octet)`],
  // A PNG whose header says 1×0: its sides named, "pixel" agreeing with 0 in French.
  ['no-height.png',
    'Avatar not enrolled: the picture is 1×0 pixels: it has no pixels to compare',
    `Avatar non enregistré${N}: l’image fait 1${N}×${N}0 pixel${N}: elle n’a aucun pixel à comparer`],
];

// What the options page says once an account is saved with the picture `file`.
async function enrolStatus(h, file) {
  const page = await h.ctx.newPage();
  try {
    await page.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
    const form = page.locator('#edit');
    await form.locator('[name=id]').fill('vip-pic');
    await form.locator('[name=name]').fill('Ada Obi');
    await form.locator('[name=avatar]').setInputFiles(path.join(PICTURES, file));
    await form.locator('button[type=submit]').click();
    const status = page.locator('#edit-status');
    await status.filter({ hasText: /\S/ }).waitFor();
    return await status.textContent();
  } finally {
    await page.close();
  }
}

// The options page's list of problems once `file` is imported.
async function importErrors(h, file) {
  const page = await h.ctx.newPage();
  try {
    await page.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
    await page.locator('body[data-ready]').waitFor();
    await page.locator('#import-file').setInputFiles(path.join(LISTS, file));
    await page.locator('#errors li').first().waitFor();
    return { page, errors: await page.locator('#errors li').allTextContents() };
  } catch (e) {
    await page.close();
    throw e;
  }
}

describe('in French', () => {
  let h;
  before(async () => { h = await launch({ lang: 'fr' }); });
  after(async () => h && h.close());

  for (const [file, expected] of CASES) {
    test(`the problems of ${file} are listed in French, each with its line and field`, async () => {
      const { page, errors } = await importErrors(h, file);
      assert.deepEqual(errors, expected);
      await screenshot(page, `list-errors-fr-${path.extname(file).slice(1)}`);
      await page.close();
    });
  }

  for (const [file, , fr] of BAD_PICTURES) {
    test(`an avatar ${file} is said in French`, async () => {
      assert.equal(await enrolStatus(h, file), fr);
    });
  }

  for (const [file, , fr] of UNREADABLE) {
    test(`${file} is said in French`, async () => {
      const { page, errors } = await importErrors(h, file);
      await page.close();
      assert.deepEqual(errors, [fr]);
    });
  }
});

describe('in English', () => {
  let h;
  before(async () => { h = await launch({ lang: 'en-US' }); });
  after(async () => h && h.close());

  for (const [file, en] of BAD_PICTURES) {
    test(`an avatar ${file} is said in a reviewer's English`, async () => {
      assert.equal(await enrolStatus(h, file), en);
    });
  }

  for (const [file, en] of UNREADABLE) {
    test(`${file} is said in a reviewer's English`, async () => {
      const { page, errors } = await importErrors(h, file);
      await page.close();
      assert.deepEqual(errors, [en]);
    });
  }
});
