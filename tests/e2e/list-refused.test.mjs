// End to end: a stored list the engine refuses is said, not silent (issue 23). A list an older version
// took (here an alias holding "|", refused since as `item_bar`) left the worker logging "stored list
// unusable" and checking nothing, while the options page said "In use: 1 account" and the popup "nothing
// checked yet". Now the worker records why (extension/worker/engine.js), and both pages say it with what
// to do; a good list imported puts the pages' checks back and the words go.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, EXT, launch, visit, bannerVerdict, until, writePrivateValues, privateValues } from './harness.mjs';

const BAR = fs.readFileSync(path.join(ROOT, 'tests/e2e/fixtures/lists/bar-in-alias.json'), 'utf8');
const WHY = 'The list in use cannot be used: Line 2, field “accounts[0].aliases[0]”: “Ada | Official” holds a “|”, '
  + 'which separates the values of a cell in a CSV list: remove it (in a web address, write %7C) — import a corrected list.';
const PROFILE = 'https://x.com/KwabenaMensahTV';

let h;
before(async () => {
  h = await launch();
});
after(async () => {
  await h.close();
});

// The popup's status line for the tab at `url`.
async function popupStatus(url) {
  const tabId = await h.worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0].id, url);
  const popup = await h.ctx.newPage();
  try {
    await popup.goto(`chrome-extension://${h.extensionId}/ui/popup/popup.html?tab=${tabId}`);
    await popup.locator('body[data-ready]').waitFor();
    return await popup.locator('#status').textContent();
  } finally {
    await popup.close();
  }
}

test('a stored list the engine refuses is said on the options page and in the popup; a good list imported puts checks back', async () => {
  // The list as an older version stored it (JSON text in the private store, with a fresh id).
  await h.worker.evaluate(writePrivateValues, { protectedList: BAR });
  const options = await h.ctx.newPage();
  await options.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
  await options.locator('#current').filter({ hasText: 'cannot be used' }).waitFor({ timeout: 15000 });
  assert.equal(await options.locator('#current').textContent(), WHY);

  // A profile page opened meanwhile: nothing is checked, and the popup says why.
  const page = await h.ctx.newPage();
  await page.goto(PROFILE);
  assert.equal(await popupStatus(PROFILE), WHY);

  // A good list imported: the words go, the worker uses the list, and pages are checked again.
  await options.locator('#import-file').setInputFiles(path.join(EXT, 'demo/protected.json'));
  await options.locator('#use-list:enabled').click();
  await options.locator('#current').filter({ hasText: /^In use: 6 accounts/ }).waitFor();
  await until(async () => !(await privateValues(h, ['listRefused'])).listRefused, 'the refusal removed');
  await page.close();
  const checked = await visit(h, PROFILE);
  assert.equal(await bannerVerdict(checked), 'impersonation');
  assert.match(await popupStatus(PROFILE), /^Checked on this page: /);
  await checked.close();
  await options.close();
});
