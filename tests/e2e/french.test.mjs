// End to end: a browser in French gets the extension in French: the options page, the banner and its
// tools, badges, the popup, the bulk page, the Markdown evidence and the saved image's words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, loadDemoList, visit, shadowText, shadowClick, until, actionsInView, screenshot, annotations, annotationFrames, frameEvaluate } from './harness.mjs';

// French text with its non-breaking spaces read as spaces (the catalogue's typography is checked in
// locales.test.mjs).
const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ');

let h;
before(async () => {
  h = await launch({ lang: 'fr' });
  await loadDemoList(h);
  await h.ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://x.com' });
});
after(async () => h && h.close());

test('the options page is in French', async () => {
  const page = await h.ctx.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
  await page.getByRole('heading', { name: 'vipguard : comptes protégés et réglages' }).waitFor();
  // The list's summary is written once the page has read storage, after the heading.
  await page.locator('#current').filter({ hasText: /\S/ }).waitFor();
  assert.equal(plain(await page.locator('#current').textContent()), 'En usage : 6 comptes, 7 identifiants, 2 identifiants officiels, 3 autres noms, 6 avatars. (liste de démonstration : personnes fictives)');
  for (const name of [/^Annuler\s:\schargement de la liste de démonstration$/, 'Exporter la liste (JSON)', 'Remplacer toute la liste', 'Exporter le journal d\'audit (CSV)']) {
    await page.getByRole('button', { name }).waitFor();
  }
  await page.getByLabel('Importer des comptes protégés').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  await page.close();
});

test('the banner, its tools and the copied evidence are in French', async () => {
  const page = await visit(h, 'https://x.com/KwabenaMensahGH');
  const raw = await shadowText(page);
  assert.ok(raw.includes("vipguard\u00a0: Usurpation d'identité"), 'a non-breaking space before the colon');
  const text = plain(raw);
  for (const want of ["vipguard : Usurpation d'identité", 'Ressemble à Kwabena Mensah', 'vrais comptes :', '@KwabenaMensah',
    'Caractères trompeurs ou cachés :', 'se lit comme K', 'Copier pour le ticket', 'Pas une usurpation', 'À escalader',
    // The engine's own sentences, in French.
    'Le nom affiché « Кwabena Мensah » se lit comme le nom protégé « Kwabena Mensah »',
    "L'identifiant @KwabenaMensahGH est l'identifiant protégé @KwabenaMensah avec « gh » ajouté"]) {
    assert.ok(text.includes(want), `missing "${want}" in ${text.slice(0, 600)}`);
  }
  await h.worker.evaluate(() => chrome.storage.local.set({ settings: { ticketFormat: 'markdown' } }));
  await shadowClick(page, 'Copier pour le ticket');
  await until(async () => plain(await shadowText(page)).includes('Preuves pour le ticket (Markdown) et l’image des preuves : copiés dans le presse-papiers.'), 'the French status');
  const md = plain(await page.evaluate(() => navigator.clipboard.readText()));
  assert.ok(md.startsWith("### Preuves vipguard : Usurpation d'identité"), md);
  assert.ok(md.includes('- **Nom affiché, caractère par caractère :** [U+041A]wabena [U+041C]ensah'), md);
  await page.close();
});

test('in French too, the banner keeps its exports and decisions in view on a 1366×768 laptop', async () => {
  const page = await h.ctx.newPage();
  await page.setViewportSize({ width: 1366, height: 657 });
  await visit(h, 'https://x.com/KwabenaMensahGH', { page });
  await actionsInView(page, ['Copier pour le ticket', 'Copier l’image', "Enregistrer l'image", 'Copier en JSON', 'Usurpation confirmée', 'Pas une usurpation', 'À escalader']);
  await screenshot(page, 'banner-1366-fr');
  await page.close();
});

test('badges on a list are in French, with a French spoken label', async () => {
  const page = await visit(h, 'https://x.com/AminataSowe/followers');
  const labels = (await annotations(page)).filter((a) => a.kind === 'badge').length;
  assert.ok(labels >= 1);
  const text = await shadowText(page);
  assert.ok(text.includes("Usurpation d'identité") && text.includes('Compte officiel'), text.slice(0, 400));
  // The spoken label: the badge is found by its French aria-label (focusing it is harmless); whom it
  // resembles is said by its card, which the badge opens.
  await shadowClick(page, "vipguard\u00a0: Usurpation d'identité", { tag: 'SPAN' });
  await until(() => Promise.any(annotationFrames(page, 'card').map((f) => frameEvaluate(f, () => document.querySelector('.box')?.getAttribute('aria-label'))))
    .then((l) => l.startsWith("vipguard\u00a0: Usurpation d'identité, ressemble à ")).catch(() => false), 'the card\'s French label');
  await page.close();
});

test('the bulk page is in French', async () => {
  const page = await h.ctx.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/ui/bulk/bulk.html`);
  await page.getByLabel('Collez des identifiants, des noms ou des adresses de profils (un par ligne)').fill('@KwabenaMensahGH Кwabena Мensah\nNgozi Eze');
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.getByText('Terminé : 2 vérifiés.').waitFor();
  assert.equal(plain(await page.locator('#summary').textContent()), "2 vérifiés : 1 usurpation d'identité, 1 aucune ressemblance.");
  await page.getByRole('button', { name: 'Exporter les résultats (CSV)' }).waitFor();
  await page.close();
});

// The bulk page, 1366 px wide, with `text` loaded as a file named `ext` and checked, once it lists the
// input's problems (the caller closes the page and removes the file).
async function bulkWithFile(ext, text) {
  const file = path.join(os.tmpdir(), `vipguard-bulk-fr-${process.pid}.${ext}`);
  fs.writeFileSync(file, text);
  const page = await h.ctx.newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`chrome-extension://${h.extensionId}/ui/bulk/bulk.html`);
  await page.getByLabel('Charger un CSV de profils').setInputFiles(file);
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.locator('#input-errors li').first().waitFor();
  return { file, page };
}

// Issue 23: a file in the command line's columns is read by its reader (WASM); each refused row is said
// in French from the engine's code, as the options page says a list's problems (shared/list-check.js).
test('the bulk page says a file\'s refused rows in French', async () => {
  const { file, page } = await bulkWithFile('csv', 'id,platform,handle,name\n1,x,KwabenaMensahGH,Кwabena Мensah\n,x,nobody,Sans id\n3,zz!,ada,Ada\n4,x,https://x.com/ada,Ada\n5,x,ada,Ada,de trop\n');
  try {
    assert.deepEqual(await page.locator('#input-errors li').allTextContents(), [
      'Ligne 3, champ «\u00a0id\u00a0»\u00a0: l’id est vide',
      'Ligne 4, champ «\u00a0platform\u00a0»\u00a0: «\u00a0zz!\u00a0» n’est pas un nom de plateforme (utilisez des noms comme x, instagram, mastodon)',
      'Ligne 5, champ «\u00a0handle\u00a0»\u00a0: l’identifiant «\u00a0https://x.com/ada\u00a0» est une adresse web\u00a0: écrivez l’identifiant seul (AlikoDangote, pas https://x.com/AlikoDangote)',
      'Ligne 6\u00a0: la ligne a 5 champs, l’en-tête en a 4',
    ]);
    await screenshot(page, 'bulk-row-errors-fr-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'bulk-row-errors-fr-dark');
  } finally {
    await page.close();
    fs.unlinkSync(file);
  }
});

// Issue 23: a profiles file whose lines are JSON that does not parse, or a value of the wrong kind: the
// engine's codes (json_eof, json_wrong_type, json_trailing_comma) said in French, not serde's English.
test('the bulk page says a JSON Lines file\'s unreadable lines in French', async () => {
  const { file, page } = await bulkWithFile('jsonl', [
    '{"id": "1", "platform": "x", "handle": "KwabenaMensahGH", "name": "Kwabena Mensah"}',
    '{"id": "2", "platform": "x", "handle": "ada"',
    '{"id": "3", "platform": "x", "handle": 3}',
    '{"id": "4", "platform": "x", "handle": "bee",}',
  ].join('\n') + '\n');
  try {
    assert.deepEqual(await page.locator('#input-errors li').allTextContents(), [
      'Ligne 2\u00a0: le JSON s’arrête trop tôt\u00a0: il manque un ], un } ou un guillemet final',
      'Ligne 3, champ «\u00a0handle\u00a0»\u00a0: il faut ici un texte entre guillemets droits, pas le nombre 3',
      'Ligne 4\u00a0: une virgule en trop avant un ] ou un } final (colonne 46)\u00a0: supprimez-la',
    ]);
  } finally {
    await page.close();
    fs.unlinkSync(file);
  }
});

// Issue 23: a sheet in the command line's columns that its reader refuses as a whole (a quote never
// closed) stops the run, said in French from its code rather than thrown in the engine's English.
test('the bulk page says a sheet with an unclosed quote in French', async () => {
  const file = path.join(os.tmpdir(), `vipguard-bulk-fr-${process.pid}.csv`);
  fs.writeFileSync(file, 'id,platform,handle,name\n1,x,ada,"Ada Obi\n2,x,bee,Bee\n');
  const page = await h.ctx.newPage();
  try {
    await page.goto(`chrome-extension://${h.extensionId}/ui/bulk/bulk.html`);
    await page.getByLabel('Charger un CSV de profils').setInputFiles(file);
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.locator('#progress-text').filter({ hasText: /^Arrêté/ }).waitFor();
    assert.equal(await page.locator('#progress-text').textContent(),
      'Arrêté\u00a0: Ligne 2\u00a0: un champ entre guillemets ouvert sur cette ligne n’est jamais fermé (il manque un ")\u00a0: toutes les lignes suivantes y seraient lues');
  } finally {
    await page.close();
    fs.unlinkSync(file);
  }
});

// Issue 23: a key the options page refuses before saving is said in French, its detail too.
test('the feed panel says a refused key in French', async () => {
  const page = await h.ctx.newPage();
  try {
    await page.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
    // The panel is drawn from storage after the page loads, and drawing fills the address field:
    // typing before it is drawn would be wiped.
    await page.locator('#feed-status').filter({ hasText: /\S/ }).waitFor();
    await page.locator('#feed-url').fill('https://lists.example.org/vips.signed.json');
    await page.locator('#feed-key').fill('c2hvcnQ=');
    await page.locator('#feed-save').click();
    await page.locator('#feed-error').filter({ hasText: /\S/ }).waitFor();
    assert.equal(await page.locator('#feed-error').textContent(),
      'la clé publique de l\'équipe est inutilisable\u00a0: clé publique\u00a0: 5 octets, une clé publique Ed25519 en a 32');
  } finally {
    await page.close();
  }
});
