// End to end: the reviewer's workflow on the banner, the popup and the options page: evidence export
// (Markdown, JSON, PNG), decisions with the allow-list taking effect and undone, and the audit log's CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import crypto from 'node:crypto';
import { pngSize } from './png.mjs';
import { launch, loadDemoList, visit, shadowText, shadowClick, bannerVerdict, until, tabRecord, privateValues, typeNote, frameEvaluate, annotationFrames, sendCommand } from './harness.mjs';

let h;
before(async () => {
  h = await launch();
  await loadDemoList(h);
  await h.ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://x.com' });
});
after(async () => h && h.close());

// The system clipboard, read from an X page (the one origin the test may grant reading to).
async function clipboard(page) {
  if (page.url().startsWith('https://x.com/')) return page.evaluate(() => navigator.clipboard.readText());
  const reader = await h.ctx.newPage();
  await reader.goto('https://x.com/sarah_j');
  await reader.bringToFront();
  const text = await reader.evaluate(() => navigator.clipboard.readText());
  await reader.close();
  return text;
}

// A status line in the banner saying `words`.
// On a timeout, the error says what the banner showed instead.
const bannerSays = (page, words) => until(async () => (await shadowText(page)).includes(words), `banner text "${words}"`)
  .catch(async (e) => { throw new Error(`${e.message}; it shows ${JSON.stringify((await shadowText(page)).slice(0, 1500))}`); });

const setFormat = (format) => h.worker.evaluate(async (f) => {
  const { settings = {} } = await chrome.storage.local.get('settings');
  await chrome.storage.local.set({ settings: { ...settings, ticketFormat: f } });
}, format);

test('Copy for ticket: plain text by default with the handle as it is, the profile, the page, the report form and the SHA-256 of the JSON evidence', async () => {
  const page = await visit(h, 'https://x.com/Adaeze_0konkwo/media');
  await shadowClick(page, 'Copy for ticket');
  await bannerSays(page, 'Evidence for a ticket (Plain text (Service Cloud, e-mail)) and the evidence image copied to the clipboard.');
  const text = await clipboard(page);
  // One copy, three forms: the text, the text with the evidence picture in it (a rich editor's paste),
  // the picture alone.
  const item = await page.evaluate(async () => {
    const [it] = await navigator.clipboard.read();
    const html = await (await it.getType('text/html')).text();
    const png = [...new Uint8Array(await (await it.getType('image/png')).arrayBuffer())];
    return { types: [...it.types], html, png };
  });
  assert.deepEqual(item.types.sort(), ['image/png', 'text/html', 'text/plain']);
  assert.ok(item.html.includes('<div>Handle: @Adaeze_0konkwo</div>'), item.html.slice(0, 800));
  const inline = item.html.match(/<img alt="vipguard evidence image[^"]*" src="data:image\/png;base64,([A-Za-z0-9+/=]+)">/);
  assert.ok(inline, `no picture in the ticket's HTML: ${item.html.slice(-300)}`);
  assert.deepEqual(pngSize(Buffer.from(inline[1], 'base64')), pngSize(Buffer.from(item.png)));
  assert.equal(pngSize(Buffer.from(item.png)).width, 720);
  for (const want of [
    'vipguard evidence: Impersonation (score ',
    'Profile: https://x.com/Adaeze_0konkwo\n',
    'Seen on: https://x.com/Adaeze_0konkwo/media\n',
    'Handle: @Adaeze_0konkwo\n',
    "Platform's report form: https://help.x.com/forms/impersonation\n",
  ]) assert.ok(text.includes(want), `missing ${JSON.stringify(want)} in:\n${text}`);
  assert.ok(!/[*#\\]/.test(text.split('\n').filter((l) => /^(Profile|Handle|Seen on):/.test(l)).join('')), text);
  const sha = text.match(/Evidence SHA-256 \(JSON\): ([0-9a-f]{64})/);
  assert.ok(sha, text);
  // The hash is the JSON evidence's, as Copy JSON gives it.
  await shadowClick(page, 'Copy JSON');
  await bannerSays(page, 'Evidence (JSON) copied');
  const json = await clipboard(page);
  assert.equal(crypto.createHash('sha256').update(json, 'utf8').digest('hex'), sha[1]);
  // After Copy for ticket the note has the focus: the ticket's id typed there goes with the decision recorded next.
  await shadowClick(page, 'Copy for ticket');
  await bannerSays(page, 'enter its id in the note below');
  await page.keyboard.type('IMP-42');
  await shadowClick(page, 'Needs escalation');
  await bannerSays(page, '“IMP-42”');
  await shadowClick(page, 'Undo “Needs escalation”');
  await until(async () => !(await shadowText(page)).includes('“IMP-42”'), 'the decision undone');

  // Jira's wiki markup: its own headings, bullets and links; the handle still as it is.
  await setFormat('jira');
  await shadowClick(page, 'Copy for ticket');
  await bannerSays(page, 'Evidence for a ticket (Jira wiki markup) and the evidence image copied');
  const jira = await clipboard(page);
  assert.ok(jira.startsWith('h3. vipguard evidence: Impersonation'), jira);
  for (const want of ['* *Profile:* [https://x.com/Adaeze_0konkwo]', '* *Handle:* @Adaeze_0konkwo\n']) {
    assert.ok(jira.includes(want), `missing ${JSON.stringify(want)} in:\n${jira}`);
  }
  assert.match(jira, /\* \*Display name, spelled out:\* Adaeze\\\[U\+FEFF\\\]Okonkwo/);
  await setFormat('markdown');
  await page.close();
});

// The copy-ticket command (no default key: the reviewer sets one in the browser's shortcuts) does what the
// button does, from the keyboard. Sent as the worker sends a command (background.js onCommand): with no
// default key there is none to press (queue.test.mjs presses the commands that have one).
test('the copy-ticket command copies the ticket and its image from the banner', async () => {
  await setFormat('text');
  const page = await visit(h, 'https://x.com/KwabenaMensahTV');
  await page.evaluate(() => navigator.clipboard.writeText('before'));
  await sendCommand(h, page, 'copy-ticket');
  await bannerSays(page, 'and the evidence image copied to the clipboard');
  const text = await clipboard(page);
  assert.ok(text.startsWith('vipguard evidence: ') && text.includes('Handle: @KwabenaMensahTV\n'), text);
  await page.close();
});

// A fixture page of Kwabena Mensah's copy at `url` whose picture lives under /profile_images/`folder`/,
// new to the worker's cache, the worker's fetches of it held: copy under way, then let go (`release`).
async function heldAvatarPage(url, file, folder) {
  const held = [];
  const fixture = fs.readFileSync(new URL(`fixtures/x/${file}`, import.meta.url), 'utf8');
  assert.ok(fixture.includes('/profile_images/demo/copy-kwabena-mirrored-badge.png'));
  await h.ctx.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8',
    body: fixture.replaceAll('/profile_images/demo/copy-', `/profile_images/${folder}/copy-`) }));
  const avatars = new RegExp(`^https://pbs\\.twimg\\.com/profile_images/${folder}/`);
  let released = false;
  await h.ctx.route(avatars, (route) => (route.request().serviceWorker() && !released ? held.push(route) : route.fallback()));
  const page = await visit(h, url);
  await until(() => held.length, 'the worker asking for the avatar');
  await page.evaluate(() => navigator.clipboard.writeText('before')); // an earlier test's copy is gone
  await shadowClick(page, 'Copy for ticket');
  await until(async () => (await shadowText(page)).endsWith('…'), 'the copy under way');
  const release = async () => {
    released = true;
    for (const r of held.splice(0)) await r.fallback();
  };
  return { page, release, done: () => h.ctx.unroute(avatars) };
}

// The avatar's verdict comes after the text's and draws the banner again. A CI run in Firefox lost the
// words saying what Copy for ticket had just copied (written into the banner drawn over), and the note,
// where the ticket's id goes next, lost the focus. Here the worker's fetch of the avatar is held until
// the copy is under way (its picture shows the avatar, so it waits too; the page's own <img> is
// answered), then let go: the copy ends in the banner drawn anew.
test('Copy for ticket before the avatar\'s verdict: what was copied is said after it, and the note has the focus', async () => {
  await setFormat('text');
  const { page, release, done } = await heldAvatarPage('https://x.com/KwabenaMensahTV?copied', 'profile-jsonld.html', 'copied');
  const avatarLine = "avatar is a copy of Kwabena Mensah's protected photo";
  assert.ok(!(await shadowText(page)).includes(avatarLine), 'the avatar\'s verdict not in yet');
  await release();
  await bannerSays(page, avatarLine);
  await bannerSays(page, 'and the evidence image copied to the clipboard');
  assert.ok((await clipboard(page)).includes('Handle: @KwabenaMensahTV\n'));
  const focused = await frameEvaluate(annotationFrames(page, 'banner')[0], () => document.activeElement === document.querySelector('.decide input'));
  assert.equal(focused, true, 'the note has the focus');
  await done();
  await page.close();
});

// X changes profiles without loading a page, and the banner's frame is kept for the next one: a copy
// still under way when the reviewer moved on must say nothing in the next profile's banner (review34:
// its words and the note's focus went there). The first profile's avatar, which its picture shows, is
// held until the page has moved on.
test('Copy for ticket under way when the reviewer moves to another profile: nothing of it in the next one\'s banner', async () => {
  await setFormat('text');
  const { page, release, done } = await heldAvatarPage('https://x.com/KwabenaMensahTV?left=1', 'spa.html', 'left');
  await page.evaluate(() => window.go('sarah_j', 'Sarah Johnson', 'Nurse. Runner.'));
  await until(async () => (await bannerVerdict(page)) === 'clear', 'the next profile\'s banner');
  await release();
  // The copy ends (its ticket on the clipboard), and the banner shown says nothing of it.
  await until(async () => (await clipboard(page)).includes('Handle: @KwabenaMensahTV\n'), 'the first profile\'s ticket copied');
  // The copy has ended once the frame has dropped its words (evidence.js counts them in data-dropped),
  // the note's focus decided before that.
  const [frame] = annotationFrames(page, 'banner');
  await until(() => frameEvaluate(frame, () => document.documentElement.dataset.dropped === '1').catch(() => false), 'the copy\'s words dropped');
  const text = await shadowText(page);
  assert.ok(!text.includes('copied to the clipboard') && !text.includes('…'), text.slice(-400));
  const focused = await frameEvaluate(annotationFrames(page, 'banner')[0], () => document.activeElement === document.querySelector('.decide input'));
  assert.equal(focused, false, 'the next profile\'s note took no focus');
  await done();
  await page.close();
});

test('Copy for ticket in Markdown: a report with the lookalikes spelled out', async () => {
  await setFormat('markdown');
  const page = await visit(h, 'https://x.com/KwabenaMensahGH');
  assert.equal(await bannerVerdict(page), 'impersonation');
  await shadowClick(page, 'Copy for ticket');
  await bannerSays(page, 'Evidence for a ticket (Markdown) and the evidence image copied');
  const md = await clipboard(page);
  for (const want of [
    '### vipguard evidence: Impersonation (score ',
    '- **Profile:** <https://x.com/KwabenaMensahGH>',
    '- **Platform:** x',
    '- **Handle:** @KwabenaMensahGH',
    '- **Display name, spelled out:** [U+041A]wabena [U+041C]ensah',
    '- **Resembles:** Kwabena Mensah (protected id vip-002), real accounts: @KwabenaMensah on x',
    '- **Verdict:** Impersonation, score ',
    '- **Extension:** vipguard 0.1.0',
    '- name (similarity 1.00): Display name',
    '- U+041A CYRILLIC CAPITAL LETTER KA in the display name: reads as K',
  ]) assert.ok(md.includes(want), `missing ${JSON.stringify(want)} in:\n${md}`);
  assert.match(md, /- \*\*Checked:\*\* \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  await setFormat('text');
  await page.close();
});

test('Copy JSON gives the same evidence as structured data', async () => {
  const page = await visit(h, 'https://x.com/KwabenaMensahGH');
  await shadowClick(page, 'Copy JSON');
  await bannerSays(page, 'Evidence (JSON) copied');
  const j = JSON.parse(await clipboard(page));
  assert.equal(j.profile.url, 'https://x.com/KwabenaMensahGH');
  assert.equal(j.profile.handle, 'KwabenaMensahGH');
  assert.equal(j.profile.display_name_spelled_out, '[U+041A]wabena [U+041C]ensah');
  assert.equal(j.verdict, 'impersonation');
  assert.equal(j.match.id, 'vip-002');
  assert.deepEqual(j.match.handles, ['x:KwabenaMensah']);
  assert.ok(j.evidence.some((e) => e.signal === 'characters' && e.chars.some((c) => c.codepoint === 'U+041A')));
  assert.equal(j.extension_version, '0.1.0');
  assert.ok(!Number.isNaN(Date.parse(j.checked_at)));
  await page.close();
});

test('Save image downloads a PNG with both avatars and names side by side, and the reasons under them; Copy image puts it on the clipboard', async () => {
  const page = await visit(h, 'https://x.com/KwabenaMensahTV');
  const [download] = await Promise.all([page.waitForEvent('download'), shadowClick(page, 'Save image')]);
  assert.equal(download.suggestedFilename(), 'vipguard-x-KwabenaMensahTV.png');
  const png = fs.readFileSync(await download.path());
  const size = pngSize(png);
  assert.equal(size.width, 720);
  // 350 px for the avatars and names, then a line per reason.
  assert.ok(size.height > 350 + 20 * 2, JSON.stringify(size));
  await bannerSays(page, 'Image saved');
  await shadowClick(page, 'Copy image');
  await bannerSays(page, 'The evidence image is on the clipboard.');
  const copied = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const blob = await item.getType('image/png');
    return [...new Uint8Array(await blob.arrayBuffer())];
  });
  assert.deepEqual(pngSize(Buffer.from(copied)), size);
  await page.close();
});

test('decisions: escalate with a note, then "Not an impersonator" clears the account until undone', async () => {
  const page = await visit(h, 'https://x.com/KwabenaMensahGH');
  assert.equal(await bannerVerdict(page), 'impersonation');
  await typeNote(page, 'ticket SEC-123, same photo as last week');
  await shadowClick(page, 'Needs escalation');
  await bannerSays(page, 'Recorded: needs escalation.');
  await bannerSays(page, 'Your decision: Needs escalation');

  // One click does not clear an impersonator everywhere: it asks first, and Cancel leaves it flagged.
  await shadowClick(page, 'Not an impersonator');
  await bannerSays(page, 'Clear this account on every page until you undo it?');
  await shadowClick(page, 'Cancel');
  assert.equal(await bannerVerdict(page), 'impersonation');
  await shadowClick(page, 'Not an impersonator');
  await shadowClick(page, 'Yes, not an impersonator');
  await until(async () => (await bannerVerdict(page)) === 'clear', 'the banner to show the account cleared');
  await bannerSays(page, 'Cleared by a reviewer');
  await bannerSays(page, 'Your decision: Not an impersonator');
  await bannerSays(page, 'Before that: Needs escalation');
  // Elsewhere too: the same account in a list is not flagged any more.
  const replies = await visit(h, 'https://x.com/KwabenaMensah/status/1861234567890', { expect: 1 });
  const rec = await until(() => tabRecord(h, replies), 'the replies page record');
  const item = rec.items.find((i) => i.handle === 'KwabenaMensahGH');
  assert.ok(item, JSON.stringify(rec.items.map((i) => i.handle)));
  assert.equal(item.shown, 'clear');
  assert.equal(item.verdict, 'impersonation', 'the engine still says what it found');
  await replies.close();

  // Undo withdraws "Not an impersonator": the flag is back, and the escalation before it stands again.
  await shadowClick(page, 'Undo “Not an impersonator”');
  await until(async () => (await bannerVerdict(page)) === 'impersonation', 'the flag to come back after undo');
  await bannerSays(page, 'Your decision: Needs escalation');
  await shadowClick(page, 'Undo “Needs escalation”');
  await until(async () => !(await shadowText(page)).includes('Your decision'), 'no decision left');
  await page.close();
});

test('the options page lists cleared accounts and removes one; the audit log exports as CSV', async () => {
  const page = await visit(h, 'https://x.com/KwabenaMensahGH');
  await typeNote(page, 'ticket SEC-456, "same" photo');
  await shadowClick(page, 'Needs escalation');
  await bannerSays(page, 'Recorded: needs escalation.');
  await bannerSays(page, 'Your decision: Needs escalation'); // drawn again with the decision
  await shadowClick(page, 'Not an impersonator');
  await shadowClick(page, 'Yes, not an impersonator');
  await until(async () => (await bannerVerdict(page)) === 'clear', 'cleared');
  await page.close();

  const opts = await h.ctx.newPage();
  await opts.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
  const row = opts.locator('#allow tbody tr', { hasText: '@KwabenaMensahGH' });
  await row.waitFor();
  await opts.getByRole('button', { name: 'Remove @KwabenaMensahGH from the accounts marked not an impersonator' }).click();
  await opts.getByText('@KwabenaMensahGH will be checked normally again.').waitFor();
  assert.equal(await row.count(), 0);

  await opts.getByText(/^Entries in the audit log: \d+\.$/).waitFor();
  await opts.getByLabel(/Your reviewer id/).fill('ama.reviewer');
  await opts.getByLabel(/Your reviewer id/).press('Tab');
  await until(async () => (await privateValues(h, ['reviewerId'])).reviewerId === 'ama.reviewer', 'the reviewer id saved');
  const [download] = await Promise.all([opts.waitForEvent('download'), opts.getByRole('button', { name: 'Export audit log (CSV)' }).click()]);
  const bytes = fs.readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark, for Excel');
  const csv = bytes.subarray(3).toString('utf8');
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines[0], 'time,event,page_url,platform,handle,display_name,verdict,match,score,decision,note,seconds_to_decision,reviewer_id,ticket_id,profile_url,list');
  const rows = lines.slice(1).map((l) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')));
  const col = (name) => lines[0].split(',').indexOf(name);
  const shown = rows.filter((r) => r[col('event')] === 'shown' && r[col('handle')] === 'KwabenaMensahGH');
  assert.ok(shown.length >= 1, csv);
  assert.equal(shown[0][col('verdict')], 'impersonation');
  assert.equal(shown[0][col('match')], 'vip-002');
  assert.equal(shown[0][col('display_name')], 'Кwabena Мensah');
  // Which list it was checked against (issue 26): the demo list, loaded from the options page.
  assert.equal(shown[0][col('list')], 'demo list (changed ' + shown[0][col('list')].match(/changed (\S+),/)[1] + ', 6 accounts)');
  const escalated = rows.find((r) => r[col('decision')] === 'escalate' && r[col('note')].includes('SEC-456'));
  assert.ok(escalated, csv);
  assert.equal(escalated[col('note')], 'ticket SEC-456, "same" photo');
  assert.equal(escalated[col('ticket_id')], 'SEC-456');
  assert.equal(escalated[col('reviewer_id')], 'ama.reviewer');
  assert.equal(escalated[col('profile_url')], 'https://x.com/KwabenaMensahGH');
  // A note belongs to the decision it was typed for: the next one does not reuse it.
  assert.equal(rows.find((r) => r[col('decision')] === 'not_impersonator')[col('note')], '');
  assert.equal(escalated[col('verdict')], 'impersonation');
  assert.match(escalated[col('seconds_to_decision')], /^\d+$/);
  assert.ok(rows.some((r) => r[col('decision')] === 'not_impersonator'));
  assert.ok(rows.some((r) => r[col('decision')] === 'allow_removed'));
  for (const r of rows) assert.ok(!Number.isNaN(Date.parse(r[col('time')])), r.join('|'));

  opts.once('dialog', (d) => d.accept());
  await opts.getByRole('button', { name: 'Clear audit log' }).click();
  await opts.getByText('Entries in the audit log: 0.').waitFor();
  await opts.close();
});

test('the popup copies the evidence of an account flagged in a list, saves its image and records a decision', async () => {
  const page = await visit(h, 'https://x.com/AminataSowe/followers', { expect: 1 });
  const tabId = await h.worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u).id, page.url());
  const popup = await h.ctx.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/ui/popup/popup.html?tab=${tabId}`);
  await popup.getByRole('button', { name: 'Copy evidence for @AminataSowe1' }).click();
  await popup.getByText('Evidence for @AminataSowe1 (Plain text (Service Cloud, e-mail)) and the evidence image copied to the clipboard.').waitFor();
  const md = await clipboard(popup);
  // The picture went with the text, in the same copy.
  const reader = await h.ctx.newPage();
  await reader.goto('https://x.com/sarah_j');
  await reader.bringToFront();
  const types = await reader.evaluate(async () => [...(await navigator.clipboard.read())[0].types].sort());
  await reader.close();
  assert.deepEqual(types, ['image/png', 'text/html', 'text/plain']);
  assert.ok(md.includes('Handle: @AminataSowe1'), md);
  // Filed by the account's own profile, not by the page it was seen on (here another account's list).
  assert.ok(md.includes('Profile: https://x.com/AminataSowe1\n'), md);
  assert.ok(md.includes('Seen on: https://x.com/AminataSowe/followers\n'), md);
  assert.ok(md.includes('Resembles: Aminata Sowé'), md);
  const [download] = await Promise.all([popup.waitForEvent('download'),
    popup.getByRole('button', { name: 'Save the evidence image for @AminataSowe1' }).click()]);
  assert.equal(pngSize(fs.readFileSync(await download.path())).width, 720);
  // A decision from the popup, with its note, goes to the audit log like one from the banner.
  await popup.getByLabel('Decision for @AminataSowe1').selectOption('escalate');
  await popup.getByLabel('Note for the decision on @AminataSowe1 (optional)').fill('JIRA IDO-77');
  await popup.getByRole('button', { name: 'Record the decision on @AminataSowe1' }).click();
  await popup.getByText('Recorded: needs escalation.').waitFor();
  const { entries } = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'auditExport' }));
  assert.ok(entries.some((e) => e.event === 'decision' && e.decision === 'escalate' && e.handle === 'AminataSowe1' && e.note === 'JIRA IDO-77'),
    JSON.stringify(entries.slice(-3)));
  // Undone from where it was made: the decision no longer stands on the account.
  const standing = () => popup.evaluate(async () => (await chrome.runtime.sendMessage({ type: 'bulkCheck',
    profiles: [{ id: '1', platform: 'x', handle: 'AminataSowe1', name: 'Aminata Sowé' }] })).results[0].decision || null);
  assert.equal((await standing()).decision, 'escalate');
  await popup.getByRole('button', { name: 'Undo “Needs escalation” on @AminataSowe1' }).click();
  await popup.getByText('Decision undone.').waitFor();
  assert.equal(await standing(), null);
  assert.ok(await popup.getByRole('button', { name: 'Undo “Needs escalation” on @AminataSowe1' }).isHidden());
  await popup.close();
  await page.close();
});

test('a decision message with a made-up decision or an oversized note is refused by the worker', async () => {
  const opts = await h.ctx.newPage();
  await opts.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
  const answers = await opts.evaluate(async () => Promise.all([
    chrome.runtime.sendMessage({ type: 'decide', url: 'https://x.com/a', profile: { platform: 'x', handle: 'a', name: 'A' }, decision: 'ban' }),
    chrome.runtime.sendMessage({ type: 'decide', url: 'https://x.com/a', profile: { platform: 'x', handle: 'a', name: 'A' }, decision: 'escalate', note: 'x'.repeat(1001) }),
    chrome.runtime.sendMessage({ type: 'decide', url: 'https://x.com/a', profile: { platform: 'x', handle: 7, name: 'A' }, decision: 'escalate' }),
    // An undo of a decision that no longer stands (another recorded since, or none at all).
    chrome.runtime.sendMessage({ type: 'decide', url: 'https://x.com/a', profile: { platform: 'x', handle: 'a', name: 'A' }, decision: 'undo', undoes: '2026-01-01T00:00:00.000Z' }),
  ]));
  assert.match(answers[0].error, /decision must be one of/);
  assert.match(answers[1].error, /note must be at most 1000 characters/);
  assert.match(answers[2].error, /profile.handle must be a short string/);
  assert.match(answers[3].error, /that decision no longer stands \(another was recorded since\): nothing was undone/);
  const { entries } = await opts.evaluate(() => chrome.runtime.sendMessage({ type: 'auditExport' }));
  assert.ok(!entries.some((e) => e.event === 'decision' && e.handle === 'a'), 'nothing logged for refused decisions');
  await opts.close();
});

test('the account\'s age and followers, as X\'s page states them, on the banner and in the ticket', async () => {
  await setFormat('text');
  const page = await visit(h, 'https://x.com/KwabenaMensahTV');
  await bannerSays(page, 'Joined February 11, 2024 · 1,204 followers');
  await shadowClick(page, 'Copy for ticket');
  await bannerSays(page, 'Evidence for a ticket');
  const text = await clipboard(page);
  assert.ok(text.includes('Account created: 2024-02-11\n') && text.includes('Followers: 1204\n'), text);
  await page.close();
});
