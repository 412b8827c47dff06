// End to end: YouTube's live chat photos (yt4.ggpht.com) are an optional host permission (live21c: a new
// required host would have Chrome disable the extension on update until each user approved it). A build
// that was never given the access reads the chat and badges its authors by handle, without their photos:
// no request to yt4.ggpht.com, nothing refused, no notice; the options page offers the access.
// (With the access: sites.test.mjs's chat rows; the options page's button granting it: firefox.test.mjs,
// whose profile answers permission requests without a prompt, which headless Chromium cannot.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, loadDemoList, settle, until, serveSites, annotations, shadowClasses } from './harness.mjs';

let h;
before(async () => {
  h = await launch();
  await serveSites(h.ctx);
  await loadDemoList(h);
  await h.worker.evaluate(() => {
    self.sentForTest = [];
    chrome.runtime.onMessage.addListener((m) => {
      if (m && m.type === 'check') self.sentForTest.push(...m.profiles);
    });
  });
});
after(async () => h && h.close());

test('without access to yt4.ggpht.com the options page offers it, and says nothing yet', async () => {
  assert.equal(await h.worker.evaluate(() => chrome.permissions.contains({ origins: ['https://yt4.ggpht.com/*'] })), false, 'no access yet');
  const opts = await h.ctx.newPage();
  await opts.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
  await opts.locator('body[data-ready]').waitFor();
  assert.equal(await opts.locator('#youtube-photos-allow').isVisible(), true, 'the button shown');
  assert.equal(await opts.locator('#youtube-photos-allow').textContent(), 'Check YouTube live chat photos (asks for access to yt4.ggpht.com)');
  assert.equal(await opts.locator('#youtube-photos-status').textContent(), '');
  await opts.close();
});

test('without access to yt4.ggpht.com a live chat is read and badged by handle, and no chat photo is fetched', async () => {
  const url = 'https://www.youtube.com/live_chat?is_popout=1&v=Ch4tR0wsG0n';
  const page = await h.ctx.newPage();
  await page.goto(url);
  await settle(page, 1);
  const recorded = async () => {
    const rec = await h.worker.evaluate(async (u) => Object.values(await chrome.storage.session.get(null)).find((r) => r && r.url === u && Array.isArray(r.items)) || null, url);
    return Object.fromEntries(((rec && rec.items) || []).map((i) => [i.handle, i.shown || i.verdict]));
  };
  // IbrahimaDialloTV_ by handle alone: suspicious (its photo, a copy, makes it impersonation: sites.test).
  const want = { moussa_k: 'clear', IbrahimaDialloTV_: 'suspicious', 'ibrahimadiallo.giveaway': 'impersonation', cookingwithfatou: 'clear', 'awa.ndiaye': 'clear', 'fatou.cooks': 'clear' };
  await until(async () => { const got = await recorded(); return Object.keys(want).every((k) => got[k] === want[k]); }, 'the chat\'s authors recorded').catch(() => {});
  const got = await recorded();
  for (const [handle, verdict] of Object.entries(want)) assert.equal(got[handle], verdict, `${handle}: ${JSON.stringify(got)}`);
  // The rows were sent with their photos' addresses, as before: the worker leaves them.
  const sent = await h.worker.evaluate(() => self.sentForTest);
  assert.ok(sent.some((p) => p.handle === 'IbrahimaDialloTV_' && /yt4\.ggpht\.com/.test(p.avatar || '')), 'the photo address sent');
  // Badged in the chat (the impostor by handle).
  const badges = (await shadowClasses(page)).filter((c) => /\bbadge\b/.test(c) && /\bimpersonation\b/.test(c));
  assert.ok(badges.length >= 2, JSON.stringify(await shadowClasses(page)));
  assert.equal((await annotations(page)).filter((a) => a.kind === 'notice').length, 0, 'no notice');
  // Quietly: nothing fetched from the chat's photo host, nothing refused. Awaited: the worker passed over
  // every chat photo it was sent (its count of photos not granted), after which none of them is fetched.
  const photos = () => h.worker.evaluate(() => self.sentForTest.filter((p) => /^https:\/\/yt4\.ggpht\.com\//.test(p.avatar || '')).length);
  const passedOver = () => h.worker.evaluate(() => globalThis.vipguardAvatars.notGranted || 0);
  await until(async () => (await passedOver()) >= (await photos()), 'every chat photo passed over').catch(() => {});
  assert.ok(await photos() > 0, 'chat photos sent');
  assert.ok((await passedOver()) >= (await photos()), `${await passedOver()} of ${await photos()} chat photos passed over`);
  assert.deepEqual(h.extensionRequests.filter((u) => /^https:\/\/yt4\.ggpht\.com\//.test(u)), [], 'no request to yt4.ggpht.com');
  const refused = await h.worker.evaluate(() => globalThis.vipguardAvatars.refused);
  assert.deepEqual(refused.filter((r) => /yt4\.ggpht\.com/.test(r.url)), [], 'no chat photo refused');
  await page.close();
});

// The ticket's picture of a chat author (the banner's or card's "Save image", here asked by an extension
// page) is drawn without the chat photo too: no request to yt4.ggpht.com (chat21, rev37a finding 1).
// Fails on the code before: evidence-image.js checked the address alone (imageUrlProblem) and fetched it.
test('without access to yt4.ggpht.com the ticket picture of a chat author is drawn without the chat photo', async () => {
  const url = 'https://www.youtube.com/live_chat?is_popout=1&v=Ch4tR0wsG0n';
  // The chat opened here (not left to the test above: this one runs alone too) until its author is sent.
  const chat = await h.ctx.newPage();
  const findAuthor = () => h.worker.evaluate(() => self.sentForTest.find((p) => p.handle === 'IbrahimaDialloTV_' && /^https:\/\/yt4\.ggpht\.com\//.test(p.avatar || '')) || null);
  let author;
  try {
    await chat.goto(url);
    await until(findAuthor, 'the chat author sent with its photo address').catch(() => {});
    author = await findAuthor();
  } finally {
    await chat.close();
  }
  assert.ok(author, 'the chat author and photo address');
  const before = h.extensionRequests.length;
  const opts = await h.ctx.newPage();
  await opts.goto(`chrome-extension://${h.extensionId}/ui/popup/popup.html`);
  const image = await opts.evaluate(({ url, author }) => chrome.runtime.sendMessage({ type: 'evidenceImage', url,
    profile: { platform: 'youtube', handle: author.handle, name: author.name || author.handle, avatar: author.avatar }, match: 'vip-001', verdict: 'suspicious', score: 0.6 }),
  { url, author });
  await opts.close();
  assert.ok(image && !image.error, JSON.stringify(image && image.error));
  assert.match(image.dataUrl, /^data:image\/png;base64,/);
  assert.deepEqual(h.extensionRequests.slice(before).filter((u) => /^https:\/\/yt4\.ggpht\.com\//.test(u)), [], 'no request to yt4.ggpht.com');
});
