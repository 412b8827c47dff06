// End to end: a protected list's problems in the interface's language (issue 23, items 7 and 9). The
// engine gives each problem a code and its values (InputError's `code`, `args`); the options page words
// it from its catalogue, in French here, with French typography. One list per format in
// tests/e2e/fixtures/lists/, each with a missing field, a repeated id and a handle with a space.
import { test, before, after } from 'node:test';
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

let h;
before(async () => { h = await launch({ lang: 'fr' }); });
after(async () => h && h.close());

for (const [file, expected] of CASES) {
  test(`the problems of ${file} are listed in French, each with its line and field`, async () => {
    const page = await h.ctx.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
    await page.locator('#import-file').setInputFiles(path.join(LISTS, file));
    await page.locator('#errors li').first().waitFor();
    const errors = await page.locator('#errors li').allTextContents();
    assert.deepEqual(errors, expected);
    await screenshot(page, `list-errors-fr-${path.extname(file).slice(1)}`);
    await page.close();
  });
}
