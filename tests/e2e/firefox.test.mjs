// The extension in a real Firefox (Debian's firefox-esr, headless, driven over WebDriver BiDi by
// puppeteer-core), installed from dist/firefox as a temporary add-on. The fixture pages of every site
// (X, Bluesky, GitHub, Instagram, YouTube, TikTok and Mastodon) are served over TLS on their real host
// names under a throwaway certificate authority that only the test profile trusts (firefox-harness.mjs).
//
// What Chromium's suite cannot see: extension pages live at moz-extension://<uuid>/ here, and every
// message they send (the options page's audit count, the bulk page's checks) was refused by a sender
// check that only knew chrome-extension://. And Mastodon's switch asks Firefox for access to all sites
// (optional host permissions) at a prompt: the profile's `extensions.webextOptionalPermissionPrompts`
// set to false makes Firefox grant what the options page's switch requests instead of prompting
// (toolkit/components/extensions/parent/ext-permissions.js: `request()` asks only while that preference
// is true, and still requires the user's click), so the reviewer's own path, the switch, is what runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { xFixture, siteFixture, isSiteHost, SITE_PAGES, until } from './harness.mjs';
import { SITES, MASTODON_SITES } from './site-cases.mjs';
import { FIREFOX_EXT as EXT, testCertificates, launchFirefox, openPage } from './firefox-harness.mjs';
import { recordBannerStates, settled, onlyNewBanner, neverOldBanner, noBannerAfter } from './banner-states.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
// X's hosts, then every site page's host and the image hosts its fixture page links to.
const SITE_HOSTS = Object.entries(SITE_PAGES).flatMap(([url, file]) => [url,
  ...(fs.readFileSync(path.join(ROOT, 'tests/e2e/fixtures/sites', file), 'utf8').match(/https:\/\/[a-z0-9.-]+\//g) || [])])
  .map((u) => new URL(u)).filter(isSiteHost).map((u) => u.hostname);
const HOSTS = [...new Set(['x.com', 'pbs.twimg.com', 'abs-0.twimg.com', ...SITE_HOSTS])];
const FIREFOX_SITES = SITES.filter((s) => HOSTS.includes(new URL(s.url).hostname));

let browser;
let BASE;
let ff; // launchFirefox's answer: its close() fails the file on a stray request (recorder.mjs)
let server;
let dir;
const avatarsFetched = [];

// A picture the worker fetches (no Referer: image-fetch.js sends none, the page's <img> does), held
// until released while set: {file, held, released} (the in-app navigation test).
let avatarHold = null;

// Every host, answered from the fixtures as in Chromium's suite.
function serve(req, res) {
  const u = new URL(req.url, `https://${req.headers.host}`);
  if (u.hostname === 'pbs.twimg.com') avatarsFetched.push(path.basename(u.pathname));
  const { status, type, body } = siteFixture(u) || xFixture(u);
  const answer = () => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  const hold = avatarHold;
  if (hold && u.hostname === 'pbs.twimg.com' && path.basename(u.pathname) === hold.file && !req.headers.referer) {
    hold.held++;
    hold.released.then(answer);
    return;
  }
  answer();
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-firefox-'));
  server = https.createServer(testCertificates(dir, HOSTS), serve);
  await new Promise((resolve, reject) => {
    server.once('error', (e) => reject(new Error(`cannot serve the fixtures on 127.0.0.1:443 (${e.code}): run as root, or free the port`)));
    server.listen(443, '127.0.0.1', resolve);
  });
  // No permission prompt: Firefox grants the optional permissions the extension requests (Mastodon's
  // switch), as a reviewer's "Allow" would.
  // The review queue's test has the add-on open its first profile in a tab.
  ff = await launchFirefox({ dir, hosts: HOSTS, prefs: { 'extensions.webextOptionalPermissionPrompts': false }, expectedTabs: [/^https:\/\/x\.com\/KwabenaMensahGH$/] });
  ({ browser, base: BASE } = ff);
});

// The request recorder: every request the add-on made in this file was an image a page showed.
after(async () => {
  if (server) server.close();
  try {
    if (ff) await ff.close();
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
});

const open = (url) => openPage(browser, url);

const text = (page, sel) => page.$eval(sel, (e) => e.textContent);

// The page holds no verdict (the banner and cards are extension frames, badges carry none): verdicts are
// read from the worker's record of the tab (what the popup lists), through an extension page.
let reader;
async function recorded(url) {
  reader ||= await open(`${BASE}/ui/popup/popup.html`);
  return reader.evaluate(async (u) => {
    const rec = Object.values(await browser.storage.session.get(null)).find((r) => r && r.url === u && Array.isArray(r.items));
    return (rec && rec.items) || [];
  }, url);
}
// The profile's own item (the record keeps one item per handle: when the page also lists the profile's
// account, as Bluesky's profile pages do, the cell's check replaced it; the account is the one the
// address names).
const recordedBanner = async (url) => {
  const items = await recorded(url);
  const item = items.find((i) => i.id === 'profile') || items.find((i) => decodeURIComponent(url).toLowerCase().includes(i.handle.toLowerCase()));
  return item ? item.shown || item.verdict : null;
};
// The banner's host (in the top layer) once its frame has drawn and asked for its size: the frame loaded
// and redeemed its token.
const bannerDrawn = (page) => page.waitForFunction(() => [...document.querySelectorAll('vipguard-annotation[popover]')]
  .some((e) => e.getBoundingClientRect().height > 30), { timeout: 20000 });

test('the options page loads the demo list and shows the audit count (an extension page message)', async () => {
  const page = await open(`${BASE}/ui/options/options.html`);
  await page.click('#load-demo');
  await page.waitForFunction(() => /: 6 /.test(document.querySelector('#current')?.textContent || ''), { timeout: 20000 });
  // The list is searched by the page's own worker (a module worker running the WASM package).
  await page.type('#account-search', 'kwabena');
  await page.waitForFunction(() => /^1 of 6 accounts$/.test(document.querySelector('#account-count')?.textContent || ''), { timeout: 10000 });
  await page.close();
  const again = await open(`${BASE}/ui/options/options.html`);
  await again.waitForFunction(() => (document.querySelector('#audit-count')?.textContent || '').trim(), { timeout: 10000 });
  const count = await text(again, '#audit-count');
  assert.doesNotMatch(count, /unavailable|indisponible|unknown sender/i, count);
  assert.match(count, /\d/, count);
  await again.close();
});

// Firefox assigns the manifest's suggested keys itself: the queue page lists each as Firefox has it.
test('the queue page lists the keyboard shortcuts as Firefox assigned them, every default key set', async () => {
  const page = await open(`${BASE}/ui/queue/queue.html`);
  await page.waitForFunction(() => document.querySelectorAll('#queue-shortcuts li').length >= 1, { timeout: 10000 });
  const lines = await page.$$eval('#queue-shortcuts li', (lis) => lis.map((li) => li.textContent));
  for (const want of ['Review queue: next profile: Alt+Shift+J', 'Review queue: previous profile: Alt+Shift+K',
    'Go to vipguard\'s verdict on this page: Alt+Shift+V', 'Record “Impersonation confirmed” on this profile: Alt+Shift+1']) {
    assert.ok(lines.includes(want), `${want} not in ${JSON.stringify(lines)}`);
  }
  await page.close();
});

test('an X profile gets its banner, and its avatar is fetched and compared', async () => {
  const page = await open('https://x.com/KwabenaMensahGH');
  await bannerDrawn(page);
  assert.equal(await recordedBanner(page.url()), 'impersonation');
  // The verdict and evidence are inside the frame, which the page cannot search.
  assert.equal(await page.evaluate(() => window.find('Impersonation') || window.find('@KwabenaMensah)')), false);
  const picture = await page.$eval('a[href$="/photo"] img', (img) => new URL(img.src).pathname.split('/').pop());
  for (let i = 0; i < 50 && !avatarsFetched.includes(picture); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(avatarsFetched.includes(picture), `the worker fetched ${avatarsFetched.join(', ') || 'no avatar'}, not ${picture}`);
  await page.close();
});

// In-app navigation (issue 21): X and Bluesky change profile with history.pushState and rewrite the page,
// with no load (fixtures/x/spa.html's go and goList, as extension.test.mjs uses them in Chromium). The
// frames cannot be read here: what the page's layout shows of the banner's host (open in the top layer or
// not, and how tall: a flagged profile's banner is hundreds of pixels, a clear one's pill under 100) is
// noted by the page at every change from the document's start (banner-states.mjs), and the verdict is
// the worker's record for the new address. Each test judges once the page has settled: the record for
// the new address final, then no change to the banner for two seconds, so a late answer for the old
// profile (its avatar round, or its first answer held back), drawn after the new one, is seen.
async function openRecorded(url) {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(recordBannerStates);
  await page.goto(url, { waitUntil: 'load' });
  return page;
}
const untilRecorded = async (url, want) => {
  let got;
  for (let i = 0; i < 75 && (got = await recordedBanner(url)) !== want; i++) await new Promise((r) => setTimeout(r, 200));
  return got;
};
// Settled (banner-states.mjs settled) from now, the worker's record for the new address being final.
const settledFromNow = async (page) => settled((fn) => page.evaluate(fn), await page.evaluate(() => performance.now()));
const hostStates = (page) => page.evaluate(() => window.__hostStates);

test('in-app navigation: the banner shows the new profile\'s verdict, never the old one\'s under the new address', async () => {
  // The old profile's avatar round held back (its picture, first fetched here: the tests before fetch
  // other pictures), so its answer comes after the page moved on and the new profile's verdict was drawn.
  let release;
  avatarHold = { file: 'copy-kwabena-mirrored-badge.png', held: 0, released: new Promise((r) => { release = r; }) };
  try {
    const page = await openRecorded('https://x.com/KwabenaMensahTV?spa=1');
    await bannerDrawn(page);
    assert.equal(await untilRecorded(page.url(), 'impersonation'), 'impersonation');
    await page.evaluate(() => window.go('sarah_j', 'Sarah Johnson', 'Nurse. Runner.'));
    assert.equal(await untilRecorded('https://x.com/sarah_j', 'clear'), 'clear');
    await page.waitForFunction(() => (window.__hostStates || []).some((x) => x.url.endsWith('/sarah_j') && x.open && x.h > 0 && x.h < 100), { timeout: 15000 });
    assert.ok(avatarHold.held > 0, 'the old profile\'s avatar round was still on its way when the page moved on');
    release();
    await settledFromNow(page);
    onlyNewBanner(await hostStates(page), 'https://x.com/sarah_j');
    assert.equal(await page.evaluate(() => document.querySelectorAll('vipguard-annotation[popover]').length), 1, 'one banner');
    await page.close();
  } finally {
    release();
    avatarHold = null;
  }
});

test('in-app navigation before the first verdict arrives: the next profile is still read and answered', async () => {
  // The first profile's answer held back: Firefox runs an add-on's pages and its event page in one
  // process, on one thread, so an extension page kept busy keeps the worker from answering (as
  // extension.test.mjs holds Chromium's worker busy). The hold cannot end when the page moves on: a busy
  // page sees nothing from outside (a synchronous request, the one way to ask, spins the event loop, and
  // the event page answered during it when tried), so it lasts long enough, and the test fails, rather
  // than passing unheld, when the page moved on after it ended.
  reader ||= await open(`${BASE}/ui/popup/popup.html`);
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(recordBannerStates);
  // Moved on as soon as the page has been read once (the content script's first pass), before its answer.
  await page.evaluateOnNewDocument(() => {
    new PerformanceObserver((list, obs) => {
      if (!list.getEntries().some((e) => e.name === 'vipguard:pass')) return;
      obs.disconnect();
      window.__wentAt = location.href;
      window.__wentTime = Date.now();
      window.go('sarah_j', 'Sarah Johnson', 'Nurse. Runner.');
    }).observe({ entryTypes: ['measure', 'mark'] });
  });
  const busy = reader.evaluate(() => { const end = Date.now() + 4000; while (Date.now() < end); return end; });
  await page.goto('https://x.com/KwabenaMensahTV?spa=1', { waitUntil: 'load' });
  await page.waitForFunction(() => window.__wentAt, { timeout: 10000 });
  const heldUntil = await busy;
  const wentTime = await page.evaluate(() => window.__wentTime);
  assert.ok(wentTime < heldUntil, `the page moved on (${wentTime}) while the worker was held (until ${heldUntil})`);
  assert.equal(await untilRecorded('https://x.com/sarah_j', 'clear'), 'clear');
  // The held answer for the first profile, and its avatar round, come after the move: never drawn.
  await settledFromNow(page);
  neverOldBanner(await hostStates(page));
  await page.close();
});

test('in-app navigation from a profile to a list: the list\'s accounts get their badges', async () => {
  const page = await openRecorded('https://x.com/KwabenaMensahTV?spa=1');
  await bannerDrawn(page);
  await page.evaluate(() => window.goList('/KwabenaMensah/followers'));
  const url = 'https://x.com/KwabenaMensah/followers';
  assert.equal(page.url(), url);
  const want = { kb_mensah_support: 'impersonation', KwabenaMensahh: 'impersonation', ngozi_eze: 'clear' };
  const badges = async () => {
    const items = (await recorded(url)).filter((i) => i.id !== 'profile');
    return Object.fromEntries(Object.keys(want).map((h) => [h, items.find((i) => i.handle === h)?.shown || items.find((i) => i.handle === h)?.verdict]));
  };
  let got;
  for (let i = 0; i < 75 && JSON.stringify(got = await badges()) !== JSON.stringify(want); i++) await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(got, want, JSON.stringify(await recorded(url)));
  await page.waitForFunction(() => [...document.querySelectorAll('vipguard-annotation:not([popover])')].filter((e) => e.getBoundingClientRect().width > 0).length === 2, { timeout: 10000 });
  // The profile's banner went with the profile, and a late answer for it never brought it back.
  await settledFromNow(page);
  noBannerAfter(await hostStates(page), url);
  await page.close();
});

test('a list page gets a badge on each flagged account', async () => {
  const page = await open('https://x.com/KwabenaMensah/status/1861234567890');
  await page.waitForFunction(() => document.querySelectorAll('vipguard-annotation:not([popover])').length >= 2, { timeout: 20000 });
  const verdicts = (await recorded(page.url())).map((i) => i.shown || i.verdict);
  assert.ok(verdicts.filter((v) => v === 'impersonation').length >= 2, verdicts.join());
  await page.close();
});

// Copy for ticket clicked in the banner (a frame of the extension's, which Firefox lets the test drive
// though the page cannot read it): one clipboard entry, pasted by the reviewer's Ctrl+V as text into a
// plain field and as the same lines with the evidence picture into a rich editor (Firefox's headless
// clipboard keeps every form written); then the note has the focus, so the ticket's id typed next is
// recorded with the decision (asked once more: Firefox cannot say whether the frame is in view).
const bannerFrame = async (page) => {
  for (const f of page.frames()) if (await f.$('button::-p-text(Copy for ticket)').catch(() => null)) return f;
  throw new Error(`no banner frame among ${page.frames().length} frames`);
};
async function pasteInto(page, selector) {
  await page.focus(selector);
  await page.keyboard.down('Control');
  await page.keyboard.press('v');
  await page.keyboard.up('Control');
}
test('Copy for ticket in the banner: the text, the text with the picture, then the ticket id in the note', async () => {
  const page = await open('https://x.com/Adaeze_0konkwo/media');
  await bannerDrawn(page);
  const banner = await bannerFrame(page);
  await banner.click('button::-p-text(Copy for ticket)');
  await banner.waitForFunction(() => document.body.textContent.includes('and the evidence image copied to the clipboard'), { timeout: 10000 });
  const focus = await banner.evaluate(() => document.activeElement && (document.activeElement.placeholder || document.activeElement.getAttribute('aria-label')));
  assert.match(focus || 'nothing focused', /note/i, 'the note has the focus after the copy');
  await page.keyboard.type('IMP-42');
  // Firefox cannot say whether the frame is in view, so a click's decision is asked once more (evidence.js).
  await banner.click('button::-p-text(Needs escalation)');
  await banner.click('button::-p-text(Yes, record it)');
  await banner.waitForFunction(() => document.body.textContent.includes('“IMP-42”'), { timeout: 10000 });
  await banner.click('button::-p-text(Undo)');
  await banner.waitForFunction(() => !document.body.textContent.includes('“IMP-42”'), { timeout: 10000 });

  await page.evaluate(() => {
    const plain = Object.assign(document.createElement('textarea'), { id: 'pasted-text' });
    const rich = Object.assign(document.createElement('div'), { id: 'pasted-rich', contentEditable: 'true' });
    document.body.append(plain, rich);
  });
  await pasteInto(page, '#pasted-text');
  await page.waitForFunction(() => document.querySelector('#pasted-text').value, { timeout: 5000 });
  const text = await page.$eval('#pasted-text', (t) => t.value);
  for (const want of ['vipguard evidence: Impersonation (score ', 'Profile: https://x.com/Adaeze_0konkwo\n', 'Handle: @Adaeze_0konkwo\n',
    "Platform's report form: https://help.x.com/forms/impersonation\n"]) assert.ok(text.includes(want), `missing ${JSON.stringify(want)} in:\n${text}`);
  assert.match(text, /Evidence SHA-256 \(JSON\): [0-9a-f]{64}/);
  await pasteInto(page, '#pasted-rich');
  await page.waitForFunction(() => document.querySelector('#pasted-rich img'), { timeout: 5000 });
  const rich = await page.$eval('#pasted-rich', (d) => ({ text: d.textContent, img: d.querySelector('img').src.slice(0, 22) }));
  assert.equal(rich.img, 'data:image/png;base64,');
  assert.ok(rich.text.includes('Handle: @Adaeze_0konkwo'), rich.text.slice(0, 300));
  await page.close();
});

// The banner's shortcuts (the manifest's commands) as the worker routes them (worker/commands.js), sent
// here from an extension page as the worker sends them: Firefox delivers no runtime message to an
// extension frame inside a web page, so before the route by the tab's messages was added, a decision's
// shortcut reached nothing in Firefox. Once each: the same command comes by both routes.
const decisionsOf = async (handle) => (await reader.evaluate(() => browser.runtime.sendMessage({ type: 'auditExport' }))).entries
  .filter((e) => e.event === 'decision' && e.handle === handle).map((e) => e.decision);
test('a decision shortcut reaches the banner once; copy-ticket copies the ticket, and says whether the picture went', async () => {
  const page = await open('https://x.com/KwabenaMensahTV');
  await bannerDrawn(page);
  const banner = await bannerFrame(page);
  reader ||= await open(`${BASE}/ui/popup/popup.html`);
  const tabId = await reader.evaluate(async () => (await browser.tabs.query({ url: 'https://x.com/KwabenaMensahTV' }))[0].id);
  const command = (name) => reader.evaluate(async (c, id) => (await import('/worker/commands.js')).commandToTab(c, id), name, tabId);
  // First, with no click on this page yet: Firefox refuses the picture without user activation (as it
  // does when this test runs alone), and the text alone is copied, which the banner says; after other
  // tests' clicks it may take both. Either way the banner says which, and the text is on the clipboard.
  await command('copy-ticket');
  await banner.waitForFunction(() => /copied to the clipboard, without the evidence image|and the evidence image copied to the clipboard/
    .test(document.body.textContent), { timeout: 10000 });
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('textarea'), { id: 'pasted-text' })));
  await pasteInto(page, '#pasted-text');
  await page.waitForFunction(() => document.querySelector('#pasted-text').value, { timeout: 5000 });
  const text = await page.$eval('#pasted-text', (t) => t.value);
  assert.ok(text.startsWith('vipguard evidence: ') && text.includes('Handle: @KwabenaMensahTV\n'), text);
  const before = await decisionsOf('KwabenaMensahTV');
  await command('decide-escalate');
  await banner.waitForFunction(() => document.body.textContent.includes('Recorded: needs escalation.'), { timeout: 10000 });
  await new Promise((r) => setTimeout(r, 500)); // a second delivery would be recorded by now
  assert.deepEqual((await decisionsOf('KwabenaMensahTV')).slice(before.length), ['escalate']);
  await banner.click('button::-p-text(Undo)');
  for (let i = 0; i < 50 && (await decisionsOf('KwabenaMensahTV')).at(-1) !== 'undo'; i++) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual((await decisionsOf('KwabenaMensahTV')).slice(before.length), ['escalate', 'undo']);
  await page.close();
});

// Issue 23: another language chosen in the options draws the open banner again in it, the engine's
// evidence too, without a reload: the event page tells the tabs, and the content script the banner's
// frame over its port (Firefox delivers the frame no runtime message of its own).
test('another language chosen: the open banner is drawn again in it, without a reload', async () => {
  const page = await open('https://x.com/KwabenaMensahGH');
  await bannerDrawn(page);
  await bannerFrame(page);
  const bannerSays = async (words) => {
    for (let i = 0; i < 100; i++) {
      for (const f of page.frames()) if (await f.evaluate((w) => document.body?.textContent.includes(w), words).catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no banner frame says ${JSON.stringify(words)}`);
  };
  await bannerSays('is the protected handle @KwabenaMensah');
  const opts = await open(`${BASE}/ui/options/options.html`);
  await opts.waitForFunction(() => document.body.dataset.ready !== undefined, { timeout: 15000 });
  const choose = async (lang, heading) => {
    await opts.select('#language', lang);
    await opts.waitForFunction((h) => document.querySelector('h1')?.textContent.includes(h) && document.body.dataset.ready !== undefined, { timeout: 15000 }, heading);
  };
  try {
    await choose('fr', 'comptes protégés');
    await bannerSays("est l'identifiant protégé @KwabenaMensah");
    await bannerSays('Copier pour le ticket');
  } finally {
    await choose('', 'protected accounts');
  }
  await bannerSays('is the protected handle @KwabenaMensah');
  await opts.close();
  await page.close();
});

test('the bulk page checks pasted profiles (an extension page message)', async () => {
  const page = await open(`${BASE}/ui/bulk/bulk.html`);
  await page.$eval('#paste', (t) => { t.value = 'https://x.com/KwabenaMensahGH Кwabena Мensah\nhttps://x.com/ama_owusu Ama Owusu'; t.dispatchEvent(new Event('input')); });
  await page.click('#run');
  await page.waitForFunction(() => /\b2\b/.test(document.querySelector('#summary')?.textContent || ''), { timeout: 20000 });
  assert.equal(await text(page, '#summary'), '2 checked: 1 impersonation, 1 no match.');
  // Flagged rows are shown by default.
  const rows = await page.$$eval('#table tbody tr', (trs) => trs.map((tr) => [tr.cells[1].textContent, tr.dataset.verdict]));
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0][1], 'impersonation');
  // The account, then its tools: open, copy for a ticket, decide.
  assert.ok(rows[0][0].startsWith('@KwabenaMensahGH (Кwabena Мensah) on x Open') && rows[0][0].includes('Copy for ticket'), rows[0][0]);
  await page.close();
});

test("extension pages' other messages: the audit export and the evidence image", async () => {
  const page = await open(`${BASE}/ui/popup/popup.html`);
  const exported = await page.evaluate(() => browser.runtime.sendMessage({ type: 'auditExport' }));
  assert.ok(!exported.error, exported.error);
  // The X pages visited above were logged.
  assert.ok(exported.entries.some((e) => e.event === 'shown' && e.handle === 'KwabenaMensahGH'), JSON.stringify(exported.entries.slice(-3)));
  const image = await page.evaluate(() => browser.runtime.sendMessage({ type: 'evidenceImage', url: 'https://x.com/KwabenaMensahGH',
    profile: { platform: 'x', handle: 'KwabenaMensahGH', name: 'Кwabena Мensah', avatar: null }, match: 'vip-002', verdict: 'impersonation', score: 0.98 }));
  assert.ok(!image.error, image.error);
  assert.match(image.dataUrl, /^data:image\/png;base64,/);
  await page.close();
});

test("a decision, then the allow-list's Remove on the options page (an extension page message)", async () => {
  const popup = await open(`${BASE}/ui/popup/popup.html`);
  const decided = await popup.evaluate(() => browser.runtime.sendMessage({ type: 'decide', url: 'https://x.com/KwabenaMensahGH',
    profile: { platform: 'x', handle: 'KwabenaMensahGH', name: 'Кwabena Мensah' }, decision: 'not_impersonator', note: 'test',
    result: { verdict: 'impersonation', match: 'vip-002', score: 0.98 } }));
  assert.ok(!decided.error, decided.error);
  await popup.close();
  const page = await open(`${BASE}/ui/options/options.html`);
  await page.waitForFunction(() => document.querySelectorAll('#allow tbody tr').length === 1, { timeout: 10000 });
  await page.click('#allow tbody tr button');
  await page.waitForFunction(() => document.querySelectorAll('#allow tbody tr').length === 0, { timeout: 10000 });
  assert.match(await text(page, '#audit-status'), /KwabenaMensahGH/);
  await page.close();
});

test('the review queue opens its first profile in a tab of its own; the metrics page draws its charts', async () => {
  const page = await open(`${BASE}/ui/queue/queue.html`);
  await page.$eval('#queue-paste', (t) => { t.value = 'https://x.com/KwabenaMensahGH\nx.com/sarah_j'; });
  await page.click('#queue-add');
  await page.waitForFunction(() => /^2 in the queue/.test(document.querySelector('#queue-summary')?.textContent || ''), { timeout: 10000 });
  const opened = browser.waitForTarget((t) => t.url() === 'https://x.com/KwabenaMensahGH', { timeout: 15000 });
  await page.click('#queue-start');
  const tab = await (await opened).page();
  await bannerDrawn(tab);
  for (let i = 0; i < 50 && (await recordedBanner(tab.url())) !== 'impersonation'; i++) await new Promise((r) => setTimeout(r, 200));
  assert.equal(await recordedBanner(tab.url()), 'impersonation');
  await tab.close();
  await page.close();
  const metrics = await open(`${BASE}/ui/metrics/metrics.html`);
  await metrics.waitForFunction(() => document.querySelectorAll('#chart-day rect.bar').length === 14, { timeout: 10000 });
  await metrics.close();
});

// Firefox lets content scripts (and so a compromised page process) read storage.local and .sync, and has
// no setAccessLevel to close them: the list and the reviewer's work must not be there at all
// (extension/shared/private-store.js keeps them in the extension's IndexedDB).
test('storage.local and .sync hold nothing of the protected list, its thumbnails, decisions or the queue', async () => {
  const page = await open(`${BASE}/ui/popup/popup.html`);
  const decided = await page.evaluate(() => browser.runtime.sendMessage({ type: 'decide', url: 'https://x.com/KwabenaMensahTV',
    profile: { platform: 'x', handle: 'KwabenaMensahTV', name: 'Kwabena' }, decision: 'not_impersonator', note: 'ticket FF-77',
    result: { verdict: 'impersonation', match: 'vip-002', score: 0.9 } }));
  assert.ok(!decided.error, decided.error);
  const readable = await page.evaluate(async () => JSON.stringify({
    local: await browser.storage.local.get(null), sync: await browser.storage.sync.get(null).catch((e) => e.message) }));
  // The decision withdrawn, so the pages below are checked as before.
  await page.evaluate(() => browser.runtime.sendMessage({ type: 'decide', url: 'https://x.com/KwabenaMensahTV',
    profile: { platform: 'x', handle: 'KwabenaMensahTV', name: 'Kwabena' }, decision: 'undo', result: {} }));
  await page.close();
  const list = JSON.parse(fs.readFileSync(path.join(EXT, 'demo/protected.json'), 'utf8'));
  const strings = (v) => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);
  const secrets = [...new Set(strings(list).filter((x) => x.length >= 4)), 'data:image', 'KwabenaMensahTV', 'FF-77', 'sarah_j'];
  assert.deepEqual(secrets.filter((x) => readable.includes(x)), [], readable.slice(0, 600));
});

// The site pages of Chromium's suite (site-cases.mjs), each as Gecko runs the adapters: the banner's
// verdict and every account's badge as the worker recorded it for the tab (what the popup lists).
// What the adapter sent and the words inside the frames are checked in Chromium alone: WebDriver BiDi
// reaches neither the background page nor the extension's frames in a page.
let popup;
async function sitePage(s) {
  popup ||= await open(`${BASE}/ui/popup/popup.html`);
  // The live chat compares a chat photo: the access first (given already when the button's case ran).
  if (Object.keys(s.pictures || {}).length && /\/live_chat/.test(s.url)) await allowChatPhotos();
  const page = await open(s.url);
  // Badges are the hosts outside the top layer; the banner's verdict is the worker's record of it.
  const annotations = () => page.evaluate(() => [...document.querySelectorAll('vipguard-annotation:not([popover])')]
    .map((e) => ({ kind: 'badge', visible: e.getBoundingClientRect().width > 0 })));
  const recorded = () => popup.evaluate(async (u) => {
    const rec = Object.values(await browser.storage.session.get(null)).find((r) => r && r.url === u && Array.isArray(r.items));
    return Object.fromEntries(((rec && rec.items) || []).filter((i) => i.id !== 'profile').map((i) => [i.handle, i.shown || i.verdict]));
  }, page.url());
  const flagged = Object.values(s.badges || {}).filter((v) => v && v !== 'clear').length;
  // `badgeIn`: where a badge must be drawn (site-cases.mjs).
  const want = { banner: s.banner || null, drawn: s.drawn ?? flagged, badges: s.badges || {}, badgeIn: (s.badgeIn || []).map(() => true),
    ...(s.frame ? { frame: s.frame[1] } : {}) };
  const now = async () => {
    const a = await annotations();
    const got = await recorded();
    return {
      banner: (await page.evaluate(() => !!document.querySelector('vipguard-annotation[popover]'))) ? await recordedBanner(page.url()) : null,
      drawn: a.filter((x) => x.kind === 'badge' && x.visible).length,
      badges: Object.fromEntries(Object.keys(want.badges).map((h) => [h, got[h]])),
      badgeIn: await page.evaluate((qs) => qs.map((q) => !!document.querySelector(q)?.querySelector('vipguard-annotation')), s.badgeIn || []),
      // `frame`: the badges drawn in that frame (same origin) by its own content script.
      ...(s.frame ? { frame: await page.evaluate((q) => [...(document.querySelector(q)?.contentDocument?.querySelectorAll('vipguard-annotation') || [])]
        .filter((e) => e.getBoundingClientRect().width > 0).length, s.frame[0]) } : {}),
    };
  };
  // Avatar verdicts arrive after the text ones: wait for the page to match, then compare what it shows.
  const end = Date.now() + 15000;
  let last = await now();
  while (Date.now() < end && JSON.stringify(last) !== JSON.stringify(want)) {
    await new Promise((r) => setTimeout(r, 250));
    last = await now();
  }
  assert.deepEqual(last, want);
  await page.close();
}
const caseName = (s) => `site page ${new URL(s.url).hostname}${new URL(s.url).pathname}${new URL(s.url).search}`;
// YouTube's live chat photos (yt4.ggpht.com) are an optional host permission (live21c): granted by the
// options page's button, as a reviewer does. Its request is granted without a prompt (the profile's
// preference, above). A chat open before the grant is told at once (chat21, rev37a finding 4): its
// authors were checked by handle (IbrahimaDialloTV_ suspicious), and once the access is given the chat
// reads again with the photos (IbrahimaDialloTV_'s, a copy: impersonation), without a reload. Fails on the
// code before: the chat kept its handle-only answers for up to a minute (no word of the grant to the tabs).
const CHAT = 'https://www.youtube.com/live_chat?is_popout=1&v=Lv7aBcD9eFg';
const chatVerdict = async (handle) => {
  const item = (await recorded(CHAT)).find((i) => i.handle === handle);
  return item ? item.shown || item.verdict : null;
};
// The options page's button pressed when it is shown (the access not yet given): every case that needs the
// chat photos calls it, so that it passes run alone too (rev37a finding 6).
async function allowChatPhotos() {
  const page = await open(`${BASE}/ui/options/options.html`);
  await page.waitForSelector('body[data-ready]', { timeout: 15000 });
  if (!(await page.$eval('#youtube-photos-allow', (e) => e.hidden))) await page.click('#youtube-photos-allow');
  await page.waitForFunction(() => /\S/.test(document.querySelector('#youtube-photos-status')?.textContent || ''), { timeout: 15000 });
  const status = await text(page, '#youtube-photos-status');
  const hidden = await page.$eval('#youtube-photos-allow', (e) => e.hidden);
  await page.close();
  return { status, hidden };
}
test('YouTube live chat photos: the options page\'s button gets access to yt4.ggpht.com, without a prompt, and an open chat hears of it', async () => {
  const photos = async () => {
    const page = await open(`${BASE}/ui/popup/popup.html`);
    try {
      return await page.evaluate(() => browser.permissions.contains({ origins: ['https://yt4.ggpht.com/*'] }));
    } finally {
      await page.close();
    }
  };
  assert.equal(await photos(), false, 'no access to the chat photos before the button');
  const chat = await open(CHAT);
  await until(async () => (await chatVerdict('IbrahimaDialloTV_')) === 'suspicious', 'the chat read by handle');
  assert.deepEqual(await allowChatPhotos(), { status: 'YouTube live chat photos are checked.', hidden: true });
  assert.equal(await photos(), true, 'access to the chat photos granted by the button');
  await until(async () => (await chatVerdict('IbrahimaDialloTV_')) === 'impersonation', 'the open chat read again with the photos').catch(() => {});
  assert.equal(await chatVerdict('IbrahimaDialloTV_'), 'impersonation', 'the open chat read again with the photos');
  await chat.close();
});
for (const s of FIREFOX_SITES) test(caseName(s), () => sitePage(s));

// Mastodon, last (access to all sites, once granted, stays): switched on by the options page's switch, as
// a reviewer does. Its request for access to all sites is granted without a prompt (the profile's
// preference, above); without that preference it waits on a prompt nobody answers, and no Mastodon page
// gets anything.
test('Mastodon: the options page\'s switch gets access to all sites, without a prompt', async () => {
  const page = await open(`${BASE}/ui/options/options.html`);
  const allSites = () => page.evaluate(() => browser.permissions.contains({ origins: ['https://*/*'] }));
  assert.equal(await allSites(), false, 'no access to all sites before the switch');
  // The switch is off until the page has read its state (a click before that was undone).
  await page.waitForSelector('body[data-ready]', { timeout: 15000 });
  assert.equal(await page.$eval('#site-mastodon', (e) => e.checked), false);
  await page.click('#site-mastodon');
  await page.waitForFunction(() => /\S/.test(document.querySelector('#mastodon-status')?.textContent || ''), { timeout: 15000 });
  assert.equal(await text(page, '#mastodon-status'), 'Mastodon is on, on any server.');
  assert.equal(await allSites(), true, 'access to all sites granted by the switch');
  await page.close();
});
for (const s of MASTODON_SITES) test(caseName(s), () => sitePage(s));

// The request recorder (firefox-harness.mjs) saw the add-on's own requests, from its event page (where
// WebDriver BiDi sees nothing), and each was an image a page showed; after() fails the file otherwise.
test('privacy: the add-on requested nothing but images the pages showed, its event page\'s avatar fetches seen', async () => {
  const { extension } = await ff.requests();
  assert.ok(extension.some((r) => r.url.startsWith('https://pbs.twimg.com/profile_images/') && r.from?.endsWith('/_generated_background_page.html')),
    `the event page's avatar fetches recorded: ${JSON.stringify(extension.slice(0, 5))}`);
  assert.deepEqual(await ff.strayRequests(), []);
});
