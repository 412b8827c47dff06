// The extension in a real Firefox (Debian's firefox-esr, headless, driven over WebDriver BiDi by
// puppeteer-core), installed from dist/firefox as a temporary add-on. The X fixture pages are served
// over TLS on their real host names: a local HTTPS server on 127.0.0.1:443, the hosts pointed at it by
// Firefox's `network.dns.localDomains`, and a throwaway certificate authority made for this run and
// imported into the profile alone, so certificates are checked as usual and nothing outside the
// profile changes (../shared/docs/field-notes.md, section 7).
//
// What Chromium's suite cannot see: extension pages live at moz-extension://<uuid>/ here, and every
// message they send (the options page's audit count, the bulk page's checks) was refused by a sender
// check that only knew chrome-extension://.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import puppeteer from 'puppeteer-core';
import { xFixture } from './harness.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXT = path.join(ROOT, 'dist/firefox');
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const GECKO_ID = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/platform/firefox/manifest.json'), 'utf8'))
  .browser_specific_settings.gecko.id;
const HOSTS = ['x.com', 'pbs.twimg.com', 'abs-0.twimg.com'];
const UUID = randomUUID();
const BASE = `moz-extension://${UUID}`;

let browser;
let server;
let dir;
const avatarsFetched = [];

// A certificate authority and a server certificate for HOSTS, made with openssl for this run only.
function certificates(into) {
  const run = (...args) => execFileSync('openssl', args, { cwd: into, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2',
    '-subj', '/CN=vipguard test CA (throwaway)', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=x.com');
  fs.writeFileSync(path.join(into, 'ext.cnf'),
    `subjectAltName=${HOSTS.map((h) => `DNS:${h}`).join(',')}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', 'server.crt', '-days', '2', '-extfile', 'ext.cnf');
}

// X's hosts, answered from the fixtures as in Chromium's suite.
function serve(req, res) {
  const u = new URL(req.url, `https://${req.headers.host}`);
  if (u.hostname === 'pbs.twimg.com') avatarsFetched.push(path.basename(u.pathname));
  const { status, type, body } = xFixture(u);
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

before(async () => {
  if (!fs.existsSync(path.join(EXT, 'manifest.json'))) throw new Error('dist/firefox missing: run make build');
  if (!fs.existsSync(FIREFOX)) throw new Error(`${FIREFOX} missing: make test installs firefox-esr (make browser-tools)`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-firefox-'));
  certificates(dir);
  server = https.createServer({ key: fs.readFileSync(path.join(dir, 'server.key')), cert: fs.readFileSync(path.join(dir, 'server.crt')) }, serve);
  await new Promise((resolve, reject) => {
    server.once('error', (e) => reject(new Error(`cannot serve the fixtures on 127.0.0.1:443 (${e.code}): run as root, or free the port`)));
    server.listen(443, '127.0.0.1', resolve);
  });
  const profile = path.join(dir, 'profile');
  fs.mkdirSync(profile);
  execFileSync('certutil', ['-N', '-d', `sql:${profile}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${profile}`, '-n', 'vipguard-test-ca', '-t', 'C,,', '-i', path.join(dir, 'ca.crt')]);
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': HOSTS.join(','),
      // A fixed UUID for the extension's pages, so the test can open them.
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
    },
  });
  await browser.installExtension(EXT);
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(url) {
  const page = await browser.newPage();
  if (url.startsWith('moz-extension:')) {
    // The driver loads extension pages but never reports their navigation done: wait for the page itself.
    await page.goto(url, { timeout: 3000 }).catch(() => {});
    await page.waitForFunction(() => location.protocol === 'moz-extension:' && document.readyState === 'complete', { timeout: 15000 });
  } else {
    await page.goto(url, { waitUntil: 'load' });
  }
  return page;
}

const text = (page, sel) => page.$eval(sel, (e) => e.textContent);

test('the options page loads the demo list and shows the audit count (an extension page message)', async () => {
  const page = await open(`${BASE}/ui/options/options.html`);
  await page.click('#load-demo');
  await page.waitForFunction(() => /: 6 /.test(document.querySelector('#current')?.textContent || ''), { timeout: 20000 });
  await page.close();
  const again = await open(`${BASE}/ui/options/options.html`);
  await again.waitForFunction(() => (document.querySelector('#audit-count')?.textContent || '').trim(), { timeout: 10000 });
  const count = await text(again, '#audit-count');
  assert.doesNotMatch(count, /unavailable|indisponible|unknown sender/i, count);
  assert.match(count, /\d/, count);
  await again.close();
});

test('an X profile gets its banner, and its avatar is fetched and compared', async () => {
  const page = await open('https://x.com/KwabenaMensahGH');
  const verdict = () => page.evaluate(() => document.querySelector('vipguard-annotation[data-vipguard-kind="banner"]')?.getAttribute('data-vipguard-verdict'));
  await page.waitForFunction(() => document.querySelector('vipguard-annotation[data-vipguard-kind="banner"]'), { timeout: 20000 });
  assert.equal(await verdict(), 'impersonation');
  const picture = await page.$eval('a[href$="/photo"] img', (img) => new URL(img.src).pathname.split('/').pop());
  for (let i = 0; i < 50 && !avatarsFetched.includes(picture); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(avatarsFetched.includes(picture), `the worker fetched ${avatarsFetched.join(', ') || 'no avatar'}, not ${picture}`);
  await page.close();
});

test('a list page gets a badge on each flagged account', async () => {
  const page = await open('https://x.com/KwabenaMensah/status/1861234567890');
  await page.waitForFunction(() => document.querySelectorAll('vipguard-annotation[data-vipguard-kind="badge"]').length >= 2, { timeout: 20000 });
  const verdicts = await page.evaluate(() => [...document.querySelectorAll('vipguard-annotation[data-vipguard-kind="badge"]')].map((e) => e.getAttribute('data-vipguard-verdict')));
  assert.ok(verdicts.filter((v) => v === 'impersonation').length >= 2, verdicts.join());
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
  assert.deepEqual(rows, [['@KwabenaMensahGH (Кwabena Мensah) on x', 'impersonation']]);
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
