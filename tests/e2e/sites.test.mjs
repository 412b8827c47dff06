// End to end: the site adapters (Mastodon on any server, Bluesky, GitHub, Instagram, YouTube, TikTok) on
// fixture pages modelled on each site's markup, with avatars served from each site's image host. The
// test build is granted access to all sites up front (a headless browser cannot answer the prompt
// that switching Mastodon on raises); Mastodon is still switched on through the options page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, loadDemoList, settle, annotations, shadowText, bannerVerdict, until, serveSites, enableMastodon, layoutWithAndWithoutAnnotations } from './harness.mjs';

let h;
before(async () => {
  h = await launch({ extraHosts: ['*'] });
  await serveSites(h.ctx);
  await loadDemoList(h);
  // Every profile the adapters send, as sent: the tab's record keeps one entry per handle, and an
  // account shown twice on a page (a reposted post, a pinned one) must be read right each time.
  await h.worker.evaluate(() => {
    self.sentForTest = [];
    chrome.runtime.onMessage.addListener((m, sender) => {
      if (m && m.type === 'check') self.sentForTest.push(...m.profiles.map((p) => ({ ...p, url: sender.tab && sender.tab.url })));
    });
  });
});
after(async () => h && h.close());

// Badges by the handle the adapter read (from the tab's record in the worker).
async function badges(page) {
  const rec = await h.worker.evaluate(async (u) => Object.values(await chrome.storage.session.get(null)).find((r) => r && r.url === u) || null, page.url());
  return Object.fromEntries(((rec && rec.items) || []).filter((i) => i.id !== 'profile').map((i) => [i.handle, i.shown || i.verdict]));
}

// What the adapter read for each account on the page, by handle: every time it was sent.
async function sent(page) {
  const all = await h.worker.evaluate((u) => self.sentForTest.filter((p) => p.url === u), page.url());
  const out = {};
  for (const p of all) (out[p.handle] ||= []).push(p);
  return out;
}

const SITES = [
  { url: 'https://bsky.app/profile/adaeze-okonkwo.bsky.social', banner: 'impersonation', text: ['Resembles Adaeze Okonkwo-Bello'],
    badges: { 'adaeze-okonkwo.bsky.social': 'impersonation' } },
  { url: 'https://bsky.app/profile/kwabenamensah.bsky.social/followers', badges: { 'kwabena-mensah-gh.bsky.social': 'impersonation', 'ngozi-eze.bsky.social': 'clear' } },
  { url: 'https://github.com/zenith-harbour-bank', banner: 'impersonation', text: ['Resembles Zenith Harbour Bank'],
    badges: { ZenithHarb0ur: 'impersonation', 'chidi-okoro': 'clear' } },
  { url: 'https://www.instagram.com/tundemi_official/', banner: 'impersonation', text: ['Resembles Tundemi'] },
  { url: 'https://www.instagram.com/tundemi/followers/', badges: { 'tundemi.officiel': 'impersonation', 'seun.balogun': 'clear' } },
  { url: 'https://www.youtube.com/@IbrahimaDialloTV', banner: 'impersonation', text: ["avatar is a copy of Ibrahima Diallo's protected photo"],
    badges: { lbrahimaDiallo: 'impersonation', cookingwithfatou: 'clear' } },
  { url: 'https://www.tiktok.com/@aminata.sowe', banner: 'impersonation', text: ["avatar is a copy of Aminata Sowé's protected photo"],
    badges: { 'aminata.sowe': undefined, aminatasowe_fan: 'labelled', 'efua.asante': 'clear' } },
  // Red-team pages (markup the adapters were not written against), one per way extraction failed.
  // A display name that is itself "@KwabenaMensah": the handle is the one the address names.
  { url: 'https://x.com/KwabenaMensah__', banner: 'impersonation', text: ['“@KwabenaMensah” @KwabenaMensah__'] },
  // The same in a follower list: the name link reads "@KwabenaMensah", the handle link names its own address.
  { url: 'https://x.com/KwabenaMensah/followers', names: { kb_mensah_support: '@KwabenaMensah' },
    badges: { kb_mensah_support: 'impersonation', KwabenaMensahh: 'impersonation', ngozi_eze: 'clear' } },
  // A zero-width no-break space inside the name reaches the engine (JavaScript's \s would eat it).
  { url: 'https://x.com/Adaeze_0konkwo/media', banner: 'impersonation', text: ['U+FEFF ZERO WIDTH NO-BREAK SPACE'] },
  // Opened by its DID, the handle wrapped in direction marks: the handle is read from the header.
  // The app draws the name without its ✅; the first-load og:title keeps it, and it is evidence.
  { url: 'https://bsky.app/profile/did:plc:k7wmensahimpostor00000', banner: 'impersonation', text: ['@kwabena-mensah.bsky.social', 'U+2705'] },
  // No display name: the handle shown in its place, without Bluesky's direction marks.
  { url: 'https://bsky.app/profile/ngozi-eze.bsky.social', banner: 'clear', text: ['“ngozi-eze.bsky.social” @ngozi-eze.bsky.social'] },
  // Pronouns after the login in the vcard.
  { url: 'https://github.com/ZenithHarb0ur', banner: 'impersonation', text: ['@ZenithHarb0ur'] },
  // A profile tab, in French.
  { url: 'https://www.instagram.com/tundemi_official/reels/', banner: 'impersonation', text: ['Resembles Tundemi'] },
  // The page head still describes the previous profile: the name and photo come from the header.
  { url: 'https://www.instagram.com/tundemi.officiel/', banner: 'impersonation', text: ['“Tundemi 🎤” @tundemi.officiel'] },
  // A list dialog in French (localized alt text on the pictures).
  { url: 'https://www.instagram.com/tundemi/following/', badges: { 'tundemi.officiel': 'impersonation', 'seun.balogun': 'clear' }, avatars: ['tundemi.officiel'] },
  // A /channel/ address and a handle in Devanagari, vowel signs included.
  { url: 'https://www.youtube.com/channel/UCk7IbrahimaHindiCopy0001', banner: 'impersonation', text: ['@इब्राहिमाडियालो'],
    badges: { 'इब्राहिमा_डियालो_सपोर्ट': 'suspicious', cookingwithfatou: 'clear' } },
  { url: 'https://www.youtube.com/@IbrahimaDialloTV/posts', banner: 'impersonation', text: ['Resembles Ibrahima Diallo'] },
  // Quote tweets: the quoted block has no links, its name may read "@KwabenaMensah", and the article's
  // first avatar is the quoting author's. `pictures`: the avatar file read for each account.
  { url: 'https://x.com/home?quotes', names: { kb_giveaway_desk: '@KwabenaMensah' },
    badges: { KwabenaMensah: 'own', beatsbyyaw: 'clear', esi_mensah: 'clear', KwabenaMensah__: 'impersonation', ngozi_eze: 'clear', kb_giveaway_desk: 'impersonation' },
    pictures: { beatsbyyaw: 'someone-else.png', KwabenaMensah__: 'copy-kwabena-mirrored-badge.png', kb_giveaway_desk: 'copy-kwabena-mirrored-badge.png', KwabenaMensah: 'kwabena.png' } },
  // A post dialog: an @mention in a comment and "Liked by" link to people but are not rows. `layout:
  // false`: KNOWN ISSUE, not fixed yet: in the dialog's narrow column a badge after a long username
  // wraps onto a second line and moves the rows below.
  { url: 'https://www.instagram.com/p/C0ffee123/', layout: false, names: { 'kwabena.mensah.official': 'kwabena.mensah.official', 'yaw.darko': 'yaw.darko' },
    badges: { 'kwabena.mensah.official': 'impersonation', 'adaeze.okonkwo_grants': 'impersonation', 'yaw.darko': 'clear', 'ngozi.eze': 'clear', 'efua.asante': undefined, 'kofi.boateng': undefined }, drawn: 3,
    pictures: { 'yaw.darko': 'someone-else.png', 'kwabena.mensah.official': 'copy-kwabena-mirrored-badge.png' } },
  // Replies under a comment: each replier's own picture, not the parent comment's.
  { url: 'https://www.tiktok.com/@aminata.sowe/video/7300000000000000001',
    badges: { 'aminata.sowe_official': 'impersonation', 'efua.asante': 'clear', 'kofi.b': 'clear', 'aminata.sowe.fans': 'labelled', 'yaw.d': 'clear', 'ngozi.e': 'clear' },
    pictures: { 'efua.asante': 'someone-else.png', 'kofi.b': 'someone-else.png', 'yaw.d': 'someone-else.png', 'aminata.sowe.fans': 'copy-aminata-round.png' } },
  // Reposts: "Reposted by …" links to the reposter, above the author's name.
  { url: 'https://bsky.app/', names: { 'kwabenamensah-official.bsky.social': 'Kwabena Mensah', 'chidi-n.bsky.social': 'Chidi N' },
    badges: { 'kwabenamensah-official.bsky.social': 'impersonation', 'chidi-n.bsky.social': 'clear' }, drawn: 2 },
  // A profile's feed: the pinned post's "Pinned" line and a self-repost, above the name.
  { url: 'https://bsky.app/profile/kwabena-mensah-gh.bsky.social', banner: 'impersonation', names: { 'kwabena-mensah-gh.bsky.social': 'Kwabena Mensah' },
    badges: { 'kwabena-mensah-gh.bsky.social': 'impersonation' }, drawn: 2 },
  // The channel owner's comments hide #author-text and show the handle in the creator badge.
  { url: 'https://www.youtube.com/watch?v=abc123',
    badges: { IbrahimaDialloTV_: 'impersonation', 'fatou.cooks': 'clear', moussa_k: 'clear', IbrahimaDiallo: 'impersonation', 'awa.ndiaye': 'clear' }, drawn: 3 },
  // Stargazers in follow-list markup: the badge stays on the name's line.
  { url: 'https://github.com/zenith-harbour-bank/app/stargazers', badges: { 'zenith-harb0ur-bank': 'impersonation', 'yaw-darko': 'clear', 'ZenithHarbourBank-Support': 'impersonation', 'chidi-n': 'clear' } },
  // TikTok with the nickname in user-title and the @username in user-subtitle.
  { url: 'https://www.tiktok.com/@aminata.sowe?lang=fr', banner: 'impersonation', text: ["avatar is a copy of Aminata Sowé's protected photo", '“Aminata Sowé” @aminata.sowe'],
    badges: { 'aminata.sowe': undefined, aminatasowe_fan: 'labelled', 'efua.asante': 'clear' } },
  // YouTube keeps the previous channel's screen in the page, hidden: the visible one is read.
  { url: 'https://www.youtube.com/@cookingwithfatou', banner: 'clear', text: ['“Fatou cuisine” @cookingwithfatou'] },
  // m.youtube.com: the channel header, and comments whose @handle is in the avatar link's label (its
  // address may be percent-encoded).
  { url: 'https://m.youtube.com/@IbrahimaDialloTV', banner: 'impersonation',
    text: ["avatar is a copy of Ibrahima Diallo's protected photo", 'YouTube may show channel names translated into your language'] },
  { url: 'https://m.youtube.com/watch?v=abc123',
    badges: { IbrahimaDialloTV_: 'impersonation', cookingwithfatou: 'clear', 'इब्राहिमा_डियालो_सपोर्ट': 'suspicious', moussa_k: 'clear' } },
  // TikTok's bio link goes through a redirect: the address in its `target` is the website read.
  { url: 'https://www.tiktok.com/@zenith.harbour.help', banner: 'impersonation', text: ['zenithharbour-support.com'],
    links: { 'zenith.harbour.help': ['zenithharbour-support.com/login'] } },
  // The website field: the name alone would be suspicious; a site imitating the bank's is the second signal.
  { url: 'https://x.com/zh_support_desk', banner: 'impersonation', text: ['zenithharbour-support.com, made to look like zenithharbour.com'],
    links: { zh_support_desk: ['zenithharbour-support.com'] } },
];

for (const s of SITES) {
  test(`${new URL(s.url).hostname}${new URL(s.url).pathname}`, async () => {
    const page = await h.ctx.newPage();
    await page.goto(s.url);
    await settle(page, 1);
    if (s.banner) {
      await until(async () => (await bannerVerdict(page)) === s.banner, `banner ${s.banner}`).catch(() => {});
      assert.equal(await bannerVerdict(page), s.banner);
    } else {
      assert.equal((await annotations(page)).filter((a) => a.kind === 'banner').length, 0, 'no banner on a list page');
    }
    for (const t of s.text || []) {
      await until(async () => (await shadowText(page)).includes(t), t).catch(() => {});
      assert.ok((await shadowText(page)).includes(t), `missing "${t}"`);
    }
    const got = await badges(page);
    for (const [handle, verdict] of Object.entries(s.badges || {})) assert.equal(got[handle], verdict, `${handle}: ${JSON.stringify(got)}`);
    const read = await sent(page);
    for (const handle of s.avatars || []) assert.ok(read[handle]?.some((p) => p.avatar), `no avatar read for ${handle}`);
    for (const [handle, want] of Object.entries(s.pictures || {})) {
      assert.deepEqual([...new Set((read[handle] || []).map((p) => p.avatar && new URL(p.avatar).pathname.split('/').pop().replace(/[@=~?].*$/, '')))], [want], `avatar of ${handle}`);
    }
    for (const [handle, name] of Object.entries(s.names || {})) {
      assert.deepEqual([...new Set((read[handle] || []).map((p) => p.name))], [name], handle);
    }
    for (const [handle, links] of Object.entries(s.links || {})) {
      assert.deepEqual(read[handle]?.[0]?.links, links, `links of ${handle}`);
    }
    const drawn = (await annotations(page)).filter((a) => a.kind === 'badge');
    const flagged = Object.values(s.badges || {}).filter((v) => v && v !== 'clear');
    // `drawn`: pages that show an account more than once draw a badge each time.
    assert.equal(drawn.length, s.drawn ?? flagged.length, `badges drawn: ${drawn.map((a) => a.verdict)}`);
    assert.ok(drawn.every((a) => a.visible), 'a badge is hidden');
    // The annotations move none of the page's own content.
    if (s.layout !== false) {
      const { shown, hidden } = await layoutWithAndWithoutAnnotations(page);
      assert.deepEqual(hidden, shown);
    }
    await page.close();
  });
}

test('Mastodon is off until switched on, then recognised on any server by its markup', async () => {
  const url = 'https://social.example.africa/@kwabenamensah';
  let page = await h.ctx.newPage();
  await page.goto(url);
  await page.waitForTimeout(1500);
  assert.equal((await annotations(page)).length, 0, 'nothing before Mastodon is switched on');
  await page.close();

  await enableMastodon(h);

  page = await h.ctx.newPage();
  await page.goto(url);
  await settle(page, 1);
  await until(async () => (await bannerVerdict(page)) === 'impersonation', 'the Mastodon banner');
  const text = await shadowText(page);
  assert.ok(text.includes('U+0435 CYRILLIC SMALL LETTER IE'), text.slice(0, 500));
  await until(async () => (await shadowText(page)).includes("avatar is a copy of Kwabena Mensah's protected photo"), 'the avatar match');
  const got = await badges(page);
  assert.equal(got['aminatasowe@social.example.africa'], 'impersonation', JSON.stringify(got));
  assert.equal(got['ama_owusu@mastodon.africa'], 'clear', JSON.stringify(got));
  const { shown, hidden } = await layoutWithAndWithoutAnnotations(page);
  assert.deepEqual(hidden, shown, 'the annotations move none of the page');
  await page.close();

  // Red-team pages: Mastodon 4.3's header (the server repeated in a button after the address) on a
  // profile tab, and a remote account whose username holds a dot.
  for (const [u, handle] of [
    ['https://social.example.africa/@kwabenamensah/with_replies', '@kwabenamensah@social.example.africa'],
    ['https://mastodon.social/@kwabena.mensah@pixelfed.social', '@kwabena.mensah@pixelfed.social'],
  ]) {
    page = await h.ctx.newPage();
    await page.goto(u);
    await settle(page, 1);
    await until(async () => (await bannerVerdict(page)) === 'impersonation', `the banner on ${u}`);
    assert.ok((await shadowText(page)).includes(handle), `${u}: ${(await shadowText(page)).slice(0, 300)}`);
    await page.close();
  }

  // The redesigned header and statuses (Mastodon's main branch since April 2026): no
  // .account__header, no <small>, no .status__display-name.
  page = await h.ctx.newPage();
  await page.goto('https://social.example.africa/@kwabenamensah/media');
  await settle(page, 2);
  await until(async () => (await bannerVerdict(page)) === 'impersonation', 'the banner on the redesigned header');
  assert.ok((await shadowText(page)).includes('U+0435 CYRILLIC SMALL LETTER IE'));
  await until(async () => (await badges(page))['aminatasowe@social.example.africa'] === 'impersonation', 'the badge on a redesigned status');
  await page.close();
});

test('a page on another site that is not Mastodon gets nothing, even with Mastodon on', async () => {
  await h.ctx.route('https://news.example.org/@someone', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>@someone</title><h1>Kwabena Mensah</h1><p>@kwabenamensah</p>' }));
  const page = await h.ctx.newPage();
  await page.goto('https://news.example.org/@someone');
  await page.waitForTimeout(1500);
  assert.equal((await annotations(page)).length, 0);
  await page.close();
});
