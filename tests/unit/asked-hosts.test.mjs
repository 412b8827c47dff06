// The worker's check for hosts the reviewer grants on the options page (image-fetch.js notGranted:
// YouTube's live chat photos, an optional host permission). Its answer is kept per host, asked of the
// browser once, and asked again after a permission was added or removed (chat21, rev37a finding 3: before,
// every chat photo asked the browser). Fails on the code before: the check lived in avatars.js and asked
// permissions.contains for every photo.
import { test } from 'node:test';
import assert from 'node:assert/strict';

let asked = 0;
let allowed = false;
// Every origin list the browser was asked about, checked after each test (an assert inside the stand-in
// would be swallowed by notGranted's own catch).
const askedOrigins = [];
globalThis.chrome = { permissions: { contains: async ({ origins }) => { asked++; askedOrigins.push(origins); return allowed; } } };
const onlyPhotoHostAsked = () => {
  for (const origins of askedOrigins.splice(0)) assert.deepEqual(origins, ['https://yt4.ggpht.com/*']);
};
const { notGranted, accessChanged, isAskedHostChange } = await import('../../extension/worker/image-fetch.js');

const PHOTO = 'https://yt4.ggpht.com/ytc/abc=s64-c-k-c0x00ffffff-no-rj';

test('a chat photo is passed over without the access, and the browser is asked once for many photos', async () => {
  asked = 0;
  accessChanged();
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => notGranted(`${PHOTO}&n=${i}`)));
  assert.ok(answers.every((a) => a === true));
  assert.equal(await notGranted(PHOTO), true);
  assert.equal(asked, 1, 'asked of the browser once');
  onlyPhotoHostAsked();
});

test('once access is added (permissions.onAdded), the browser is asked again and the photos fetched', async () => {
  asked = 0;
  accessChanged();
  assert.equal(await notGranted(PHOTO), true);
  allowed = true;
  assert.equal(await notGranted(PHOTO), true, 'the kept answer until the worker hears of the change');
  accessChanged();
  assert.equal(await notGranted(PHOTO), false);
  assert.equal(await notGranted(PHOTO), false);
  assert.equal(asked, 2);
  allowed = false;
  accessChanged();
  assert.equal(await notGranted(PHOTO), true, 'withdrawn (permissions.onRemoved)');
  onlyPhotoHostAsked();
});

test('other hosts are never asked about, bad addresses are no error, and a failing browser answer counts as not granted', async () => {
  asked = 0;
  accessChanged();
  assert.equal(await notGranted('https://yt3.ggpht.com/abc=s88'), false);
  assert.equal(await notGranted('not a url'), false);
  assert.equal(asked, 0);
  assert.deepEqual(askedOrigins, []);
  const contains = globalThis.chrome.permissions.contains;
  globalThis.chrome.permissions.contains = async () => { throw new Error('no permissions API here'); };
  try {
    assert.equal(await notGranted(PHOTO), true);
  } finally {
    globalThis.chrome.permissions.contains = contains;
    accessChanged();
  }
});

test('which added or removed permissions concern the chat photos (the open chats are told of those)', () => {
  for (const origins of [['https://yt4.ggpht.com/*'], ['*://yt4.ggpht.com/*'], ['https://*/*'], ['<all_urls>'], ['https://*.ggpht.com/*'], ['https://x.com/*', 'https://yt4.ggpht.com/*']]) {
    assert.equal(isAskedHostChange({ origins }), true, JSON.stringify(origins));
  }
  for (const p of [{ origins: ['https://yt3.ggpht.com/*'] }, { origins: ['https://evilyt4.ggpht.com.example/*'] }, { origins: ['http://yt4.ggpht.com/*'] }, { permissions: ['tabs'] }, {}, null]) {
    assert.equal(isAskedHostChange(p), false, JSON.stringify(p));
  }
});
