// End to end: the bulk page reads any spreadsheet (issue 23, item 8): a CSV whose columns are not the
// command line's gets the column mapper, guessed from its column names (English and French) and
// remembered for the next file with the same header. One sheet per case in tests/e2e/fixtures/sheets/.
// Then each row's tools: copy for a ticket and decide, as on the banner.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, launch, loadDemoList, screenshot } from './harness.mjs';

const SHEETS = path.join(ROOT, 'tests/e2e/fixtures/sheets');
const FIELDS = ['Handle or profile address', 'Display name', 'Platform', 'Your id for the row'];

// Each sheet: the columns guessed for each field (null: none), the choices the reviewer then makes, and
// the rows checked [line, account cell start, verdict] and the lines not read with their words.
const CASES = [
  {
    file: 'partners-en.csv',
    guessed: ['Column 4: Profile link', null, 'Column 3: Social network', 'Column 1: Ref'],
    choose: { 'Display name': 'Column 2: Account owner' },
    rows: [[2, '@KwabenaMensahGH (Кwabena Мensah) on x', 'impersonation'], [3, '@chidi_okoro (Chidi Okoro) on x', 'clear']],
    errors: [/^Line 4: platform “MySpace” is not one vipguard reads \(/],
  },
  {
    file: 'partenaires-fr.csv',
    guessed: ['Column 3: Compte', 'Column 2: Nom', 'Column 4: Plateforme', 'Column 1: N°'],
    choose: {},
    rows: [[2, '@KwabenaMensahGH (Кwabena Мensah) on x', 'impersonation'], [3, '@chidi_okoro (Okoro; Chidi) on x', 'clear'],
      [4, '(Sans compte) on x', 'clear']],
    errors: [],
  },
];

let h;
let page;
before(async () => {
  h = await launch();
  await loadDemoList(h);
  page = await h.ctx.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/ui/bulk/bulk.html`);
  await h.ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://x.com' });
});

// The system clipboard, read from an X page (the one origin the test may grant reading to).
// The clipboard's entry: its text and the forms it holds (the ticket's text, its HTML, its picture).
async function clipboardItem() {
  const reader = await h.ctx.newPage();
  await reader.goto('https://x.com/sarah_j');
  await reader.bringToFront();
  const item = await reader.evaluate(async () => {
    const [it] = await navigator.clipboard.read();
    const html = it.types.includes('text/html') ? await (await it.getType('text/html')).text() : '';
    return { text: await (await it.getType('text/plain')).text(), types: [...it.types].sort(), html };
  });
  await reader.close();
  await page.bringToFront();
  return item;
}
after(async () => h && h.close());

// The option shown in each field's select (null for "(none)").
const mapped = () => Promise.all(FIELDS.map(async (f) => {
  const v = await page.getByLabel(f, { exact: true }).evaluate((s) => s.selectedOptions[0].textContent);
  return v === '(none)' ? null : v;
}));
const rowsShown = () => page.$$eval('#table tbody tr', (trs) => trs.map((tr) => [Number(tr.cells[0].textContent), tr.cells[1].textContent, tr.dataset.verdict]));

for (const c of CASES) {
  test(`a sheet in columns of its own (${c.file}): guessed, chosen, checked, then remembered`, async () => {
    await page.getByLabel('Upload a CSV of profiles').setInputFiles(path.join(SHEETS, c.file));
    await page.locator('#mapper').waitFor();
    assert.deepEqual(await mapped(), c.guessed);
    assert.match(await page.locator('#mapper-note').textContent(), /vipguard guessed from the column names/);
    for (const [field, option] of Object.entries(c.choose)) await page.getByLabel(field, { exact: true }).selectOption({ label: option });
    // For a person to look at: a laptop's window and half a screen, light and dark.
    for (const [w, hgt, scheme] of [[1366, 768, 'light'], [960, 768, 'dark']]) {
      await page.setViewportSize({ width: w, height: hgt });
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `bulk-mapper-${path.basename(c.file, '.csv')}-${w}-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByText(/^Done: /).waitFor();
    await page.getByLabel('Show').selectOption('all');
    const rows = (await rowsShown()).sort((a, b) => a[0] - b[0]);
    assert.equal(rows.length, c.rows.length, JSON.stringify(rows));
    c.rows.forEach(([line, who, verdict], i) => {
      assert.equal(rows[i][0], line);
      assert.ok(rows[i][1].startsWith(who), rows[i][1]);
      assert.equal(rows[i][2], verdict, JSON.stringify(rows[i]));
    });
    const errors = await page.locator('#input-errors li').allTextContents();
    assert.equal(errors.length, c.errors.length, errors.join('\n'));
    c.errors.forEach((re, i) => assert.match(errors[i], re));
    // The same header again (another week's export): the reviewer's choices, not the guesses.
    const again = path.join(os.tmpdir(), `vipguard-again-${process.pid}-${c.file}`);
    fs.copyFileSync(path.join(SHEETS, c.file), again);
    await page.getByLabel('Upload a CSV of profiles').setInputFiles([]);
    await page.getByLabel('Upload a CSV of profiles').setInputFiles(again);
    await page.getByText('The columns as you chose them for an earlier file with the same columns.').waitFor();
    const expected = c.guessed.map((g, i) => c.choose[FIELDS[i]] || g);
    assert.deepEqual(await mapped(), expected);
    await page.getByLabel('Upload a CSV of profiles').setInputFiles([]);
    fs.unlinkSync(again);
  });
}

test('a sheet mapped to neither a handle nor a name stops and says what to choose', async () => {
  await page.getByLabel('Upload a CSV of profiles').setInputFiles(path.join(SHEETS, 'partners-en.csv'));
  await page.locator('#mapper').waitFor();
  await page.getByLabel('Handle or profile address', { exact: true }).selectOption({ label: '(none)' });
  await page.getByLabel('Display name', { exact: true }).selectOption({ label: '(none)' });
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByText('Stopped: Choose the column with the handle or profile address, or the one with the name.').waitFor();
  await page.getByLabel('Upload a CSV of profiles').setInputFiles([]);
});

// The flagged rows go to the review queue in one press, each with the sheet's own id as its report id;
// clear rows and lines not read stay out.
test('the flagged rows go to the review queue with the sheet\'s ids', async () => {
  await page.getByLabel('Upload a CSV of profiles').setInputFiles(path.join(SHEETS, 'partners-en.csv'));
  await page.locator('#mapper').waitFor();
  for (const [field, option] of [['Handle or profile address', 'Column 4: Profile link'], ['Display name', 'Column 2: Account owner'],
    ['Your id for the row', 'Column 1: Ref']]) await page.getByLabel(field, { exact: true }).selectOption({ label: option });
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByText(/^Done: /).waitFor();
  const [queue] = await Promise.all([h.ctx.waitForEvent('page'), page.getByRole('button', { name: 'Review the flagged rows in the queue' }).click()]);
  await queue.getByText('1 in the queue: 1 pending.').waitFor();
  await queue.getByRole('heading', { name: 'vipguard: review queue' }).waitFor();
  const rows = await queue.$$eval('#queue-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].slice(0, 4).map((c) => c.textContent)));
  assert.deepEqual(rows, [['1', '@KwabenaMensahGH on x', 'P-1', 'Pending']]);
  await queue.close();
  await page.bringToFront();
  await page.getByLabel('Upload a CSV of profiles').setInputFiles([]);
});

test('each row copies its ticket in the chosen format and records a decision, "Not an impersonator" only once confirmed', async () => {
  await h.worker.evaluate(async () => {
    const { settings = {} } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...settings, ticketFormat: 'jira' } });
  });
  await page.getByLabel('Paste handles, names or profile URLs (one per line)').fill('Кwabena Мensah (@KwabenaMensahGH)\n@chidi_okoro Chidi Okoro');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByText('Done: 2 checked.').waitFor();
  await page.getByLabel('Show').selectOption('all');
  for (const [w, hgt, scheme] of [[1366, 768, 'light'], [960, 768, 'dark']]) {
    await page.setViewportSize({ width: w, height: hgt });
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `bulk-row-tools-${w}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  // The ticket: the banner's report (shared/report.js) in Jira's markup, filed by the account's profile.
  await page.getByRole('button', { name: 'Copy the evidence for a ticket, for @KwabenaMensahGH' }).click();
  // With the evidence picture, in one copy, as the banner and the popup copy it.
  await page.getByText('Evidence for @KwabenaMensahGH (Jira wiki markup) and the evidence image copied to the clipboard.').waitFor();
  const copied = await clipboardItem();
  assert.deepEqual(copied.types, ['image/png', 'text/html', 'text/plain']);
  assert.match(copied.html, /<img alt="vipguard evidence image[^"]*" src="data:image\/png;base64,/);
  const ticket = copied.text;
  assert.match(ticket, /^h3\. /);
  assert.ok(ticket.includes('* *Handle:* @KwabenaMensahGH\n'), ticket);
  assert.ok(ticket.includes('* *Profile:* [https://x.com/KwabenaMensahGH]'), ticket);
  assert.ok(ticket.includes('Kwabena Mensah (protected id vip-002)'), ticket);
  assert.match(ticket, /\* \*Evidence SHA-256 \(JSON\):\* [0-9a-f]{64}\n/);
  const decisions = async () => (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'auditExport' }))).entries
    .filter((e) => e.event === 'decision').map((e) => [e.handle, e.decision, e.note]);
  // "Not an impersonator" clears the account everywhere: the first press only asks.
  await page.getByLabel('Decision for @KwabenaMensahGH').selectOption('not_impersonator');
  await page.getByRole('button', { name: 'Record the decision on @KwabenaMensahGH' }).click();
  await page.getByText('Clear this account on every page until you undo it?').waitFor();
  assert.deepEqual(await decisions(), []);
  await page.getByRole('button', { name: 'Yes, not an impersonator' }).click();
  await page.getByText('Recorded: not an impersonator. This account will no longer be flagged.').waitFor();
  await page.getByLabel('Decision for @chidi_okoro').selectOption('escalate');
  await page.getByLabel('Note for the decision on @chidi_okoro (optional)').fill('IDO-78');
  await page.getByRole('button', { name: 'Record the decision on @chidi_okoro' }).click();
  await page.getByText('Recorded: needs escalation.').waitFor();
  assert.deepEqual(await decisions(), [['KwabenaMensahGH', 'not_impersonator', ''], ['chidi_okoro', 'escalate', 'IDO-78']]);
  // Undone from the row where it was made (the row's form offers Undo for its last decision).
  await page.getByRole('button', { name: 'Undo “Needs escalation” on @chidi_okoro' }).click();
  await page.getByText('Decision undone.').waitFor();
  assert.deepEqual((await decisions()).at(-1), ['chidi_okoro', 'undo', '']);
  // The same decisions store as the banner's: checked again, the row says the reviewer cleared it.
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByText('Done: 2 checked.').waitFor();
  await page.getByText('Marked "Not an impersonator" by a reviewer.').waitFor();
});
