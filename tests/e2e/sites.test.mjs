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
});
after(async () => h && h.close());

// Badges by the handle the adapter read (from the tab's record in the worker).
async function badges(page) {
  const rec = await h.worker.evaluate(async (u) => Object.values(await chrome.storage.session.get(null)).find((r) => r && r.url === u) || null, page.url());
  return Object.fromEntries(((rec && rec.items) || []).filter((i) => i.id !== 'profile').map((i) => [i.handle, i.shown || i.verdict]));
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
    const shownBadges = (await annotations(page)).filter((a) => a.kind === 'badge').map((a) => a.verdict);
    const flagged = Object.values(s.badges || {}).filter((v) => v && v !== 'clear');
    assert.equal(shownBadges.length, flagged.length, `badges drawn: ${shownBadges}`);
    // The annotations move none of the page's own content.
    const { shown, hidden } = await layoutWithAndWithoutAnnotations(page);
    assert.deepEqual(hidden, shown);
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
});

test('a page on another site that is not Mastodon gets nothing, even with Mastodon on', async () => {
  await h.ctx.route('https://news.example.org/@someone', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>@someone</title><h1>Kwabena Mensah</h1><p>@kwabenamensah</p>' }));
  const page = await h.ctx.newPage();
  await page.goto('https://news.example.org/@someone');
  await page.waitForTimeout(1500);
  assert.equal((await annotations(page)).length, 0);
  await page.close();
});
