// The generic adapter: off by default, enabled per site from the options page, then reading a person
// from h-card, JSON-LD or OpenGraph on that site. The test build grants the site's host permission
// up front (a headless browser cannot answer Chromium's permission prompt); enabling still goes
// through the options page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, loadDemoList, settle, annotations, shadowText, bannerVerdict, until, ROOT } from './harness.mjs';

const SITE = 'people.example.org';
const PAGES = { '/@adaeze': 'hcard.html', '/speakers/kwabena': 'jsonld.html', '/@tunde': 'opengraph.html' };
let h;
before(async () => {
  h = await launch({ extraHosts: [SITE] });
  await h.ctx.route(`https://${SITE}/**`, (route) => {
    const u = new URL(route.request().url());
    if (u.pathname.startsWith('/avatars/')) {
      const file = path.join(ROOT, 'demo/avatars', path.basename(u.pathname));
      return route.fulfill({ status: 200, contentType: 'image/png', body: fs.readFileSync(file) });
    }
    const file = PAGES[u.pathname];
    if (!file) return route.fulfill({ status: 404, body: '' });
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fs.readFileSync(path.join(ROOT, 'tests/e2e/fixtures/generic', file)) });
  });
  await loadDemoList(h);
});
after(async () => h && h.close());

test('nothing runs on a site until it is enabled', async () => {
  const page = await h.ctx.newPage();
  await page.goto(`https://${SITE}/@adaeze`);
  await page.waitForTimeout(1500);
  assert.equal((await annotations(page)).length, 0);
  await page.close();
});

test('enabled from the options page, the site gets banners from h-card, JSON-LD and OpenGraph', async () => {
  const opts = await h.ctx.newPage();
  await opts.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
  await opts.getByLabel('Site', { exact: true }).fill(SITE);
  await opts.getByRole('button', { name: 'Enable on this site' }).click();
  await opts.getByText(`Enabled on ${SITE}.`).waitFor();
  await opts.close();
  await new Promise((r) => setTimeout(r, 500)); // the worker registers the content script
  // Kwabena's page copies his photo: suspicious on the name alone, impersonation once the avatar is in.
  const expect = { '/@adaeze': 'impersonation', '/speakers/kwabena': 'impersonation', '/@tunde': 'clear' };
  for (const [p, verdict] of Object.entries(expect)) {
    const page = await h.ctx.newPage();
    await page.goto(`https://${SITE}${p}`);
    await settle(page, 1);
    await until(async () => (await bannerVerdict(page)) === verdict, verdict, { timeout: 10000 }).catch(() => {});
    const found = await annotations(page);
    assert.equal(found.find((a) => a.kind === 'banner').verdict, verdict, p);
    if (p === '/@adaeze') assert.ok((await shadowText(page)).includes('U+0410 CYRILLIC CAPITAL LETTER A'));
    await page.close();
  }
});
