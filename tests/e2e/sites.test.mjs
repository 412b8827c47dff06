// End to end: the site adapters (Mastodon on any server, Bluesky, GitHub, Instagram, YouTube, TikTok) on
// fixture pages modelled on each site's markup, with avatars served from each site's image host. The
// test build is granted access to all sites up front (a headless browser cannot answer the prompt
// that switching Mastodon on raises); Mastodon is still switched on through the options page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SITES } from './site-cases.mjs';
import { launch, loadDemoList, settle, annotations, shadowText, shadowClasses, annotationFrames, frameEvaluate, bannerVerdict, until, serveSites, enableMastodon, allowChatPhotos, layoutWithAndWithoutAnnotations, inContentScript } from './harness.mjs';

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
  const rec = await h.worker.evaluate(async (u) => Object.values(await chrome.storage.session.get(null)).find((r) => r && r.url === u && Array.isArray(r.items)) || null, page.url());
  return Object.fromEntries(((rec && rec.items) || []).filter((i) => i.id !== 'profile').map((i) => [i.handle, i.shown || i.verdict]));
}

// What the adapter read for each account on the page, by handle: every time it was sent.
async function sent(page) {
  const all = await h.worker.evaluate((u) => self.sentForTest.filter((p) => p.url === u), page.url());
  const out = {};
  for (const p of all) (out[p.handle] ||= []).push(p);
  return out;
}


// The live chat's photos (yt4.ggpht.com) are an optional host permission (live21c): the chat rows below
// compare them, so the access comes first, as the reviewer gives it on the options page. This build has
// access to all sites, which covers it: the page says the photos are checked and offers no button.
// (Without the access: chat-photos.test.mjs.)
test('YouTube live chat photos: allowed before the chat rows (the options page says so)', async () => {
  assert.equal(await allowChatPhotos(h), 'YouTube live chat photos are checked.');
});

for (const s of SITES) {
  test(`${new URL(s.url).hostname}${new URL(s.url).pathname}${new URL(s.url).search}`, async () => {
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
      const shown = await shadowText(page);
      assert.ok(shown.includes(t), `missing "${t}" in ${JSON.stringify(shown.slice(0, 600))}`);
    }
    for (const t of s.absent || []) assert.ok(!(await shadowText(page)).includes(t), `shows "${t}"`);
    // `frame`: the badges its content script draws there (the frame reads and asks on its own).
    const inFrame = () => page.evaluate((q) => [...(document.querySelector(q)?.contentDocument?.querySelectorAll('vipguard-annotation') || [])]
      .filter((e) => e.getBoundingClientRect().width > 0).length, s.frame?.[0]);
    if (s.frame) {
      await until(async () => (await inFrame()) >= s.frame[1], `${s.frame[1]} badges in ${s.frame[0]}`).catch(() => {});
      assert.equal(await inFrame(), s.frame[1], `badges drawn in ${s.frame[0]}`);
    }
    const got = await badges(page);
    for (const [handle, verdict] of Object.entries(s.badges || {})) assert.equal(got[handle], verdict, `${handle}: ${JSON.stringify(got)}`);
    const read = await sent(page);
    for (const handle of s.avatars || []) assert.ok(read[handle]?.some((p) => p.avatar), `no avatar read for ${handle}`);
    // Fields a header may not have yet when first read (a loaded machine parses the page in pieces):
    // the last reading has them, and every reading that has them has them right.
    const file = (p) => p.avatar && new URL(p.avatar).pathname.split('/').pop().replace(/[@=~?].*$/, '');
    for (const [handle, want] of Object.entries(s.pictures || {})) {
      const all = read[handle] || [];
      assert.equal(file(all.at(-1) || {}), want, `avatar of ${handle} (last sent)`);
      assert.deepEqual([...new Set(all.map(file).filter(Boolean))], [want], `avatar of ${handle}`);
    }
    // Every time it was sent, read right; but a cell read while the page is still being parsed (a loaded
    // machine) has no name yet and is sent under its handle, then again once the name is there.
    for (const [handle, name] of Object.entries(s.names || {})) {
      const names = (read[handle] || []).map((p) => p.name);
      const early = (n) => n !== name && handle.toLowerCase().startsWith(String(n).toLowerCase());
      assert.deepEqual([...new Set(names.filter((n) => !early(n)))], [name], handle);
      assert.equal(names.at(-1), name, `${handle}: last sent`);
    }
    for (const handle of s.sentOnce || []) assert.equal((read[handle] || []).length, 1, `${handle} sent ${(read[handle] || []).length} times`);
    for (const [handle, want] of Object.entries(s.cellVerified || {})) {
      assert.ok(read[handle]?.length, `${handle} not read`);
      assert.ok(read[handle].every((p) => (p.facts?.verified === true) === want), `verified mark of ${handle}: ${JSON.stringify(read[handle].map((p) => p.facts))}`);
    }
    for (const [handle, bio] of Object.entries(s.bios || {})) {
      const all = read[handle] || [];
      assert.equal(all.at(-1)?.bio, bio, `bio of ${handle} (last sent)`);
      assert.deepEqual([...new Set(all.map((p) => p.bio).filter(Boolean))], bio ? [bio] : [], `bio of ${handle}`);
    }
    // `verified`: the header's profile as sent (a cell of the same account carries no facts).
    for (const [handle, want] of Object.entries(s.verified || {})) {
      const own = (read[handle] || []).filter((p) => p.id === 'profile');
      assert.ok(own.length, `${handle}'s profile not read`);
      assert.equal(own.at(-1).facts?.verified === true, want, `verified mark of ${handle} (last sent)`);
      if (!want) assert.ok(own.every((p) => p.facts?.verified !== true), `verified mark of ${handle}`);
    }
    // A header read while it is still arriving (a loaded machine) may have none or only some of its links
    // yet (YouTube's header link comes before the about panel's list); the reading once they are all
    // there is sent again, and every reading has only these links, in this order.
    for (const [handle, links] of Object.entries(s.links || {})) {
      const last = async () => JSON.stringify((await sent(page))[handle]?.at(-1)?.links);
      await until(async () => (await last()) === JSON.stringify(links), `links of ${handle}`).catch(() => {});
      const all = (await sent(page))[handle] || [];
      assert.deepEqual(all.at(-1)?.links, links, `links of ${handle} (last sent)`);
      for (const p of all) {
        const got = p.links || [];
        assert.deepEqual(got, links.filter((l) => got.includes(l)), `links of ${handle}: ${JSON.stringify(got)}`);
      }
    }
    const drawn = (await annotations(page)).filter((a) => a.kind === 'badge');
    // `badgeIn`: where a badge must be drawn (an account read there, whose handle the page shows elsewhere too).
    for (const where of s.badgeIn || []) {
      assert.ok(await page.evaluate((q) => !!document.querySelector(q)?.querySelector('vipguard-annotation'), where), `no badge in ${where}`);
    }
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

// TikTok's first-load data (up to 5 MB) is parsed once per address, not on every pass over the page: the
// content script's JSON.parse counted, in its own world, while the page changes and is read again.
test('TikTok\'s first-load data is parsed once, not at every pass', async () => {
  const page = await h.ctx.newPage();
  await page.goto('https://www.tiktok.com/@aminata.sowe');
  await settle(page, 1);
  await until(async () => (await bannerVerdict(page)) === 'impersonation', 'the banner');
  await inContentScript(page, () => {
    const parse = JSON.parse;
    self.__dataParses = 0;
    JSON.parse = function (text, ...rest) {
      if (typeof text === 'string' && text.includes('__DEFAULT_SCOPE__')) self.__dataParses++;
      return parse.call(this, text, ...rest);
    };
  });
  const passes = () => page.evaluate(() => performance.getEntriesByName('vipguard:pass').length);
  const before = await passes();
  // The page changes (a comment added, five times): each change is read again.
  for (let i = 0; i < 5; i++) {
    await page.evaluate((i) => document.body.append(Object.assign(document.createElement('p'), { textContent: `comment ${i}` })), i);
    await page.waitForTimeout(400);
  }
  await until(async () => (await passes()) >= before + 3, 'passes over the changed page');
  assert.equal(await inContentScript(page, () => self.__dataParses), 0, 'the same address and data: not parsed again');
  await page.close();
});

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
  // The header's facts: "Joined" and the followers link's exact count (its title).
  assert.ok(text.includes('Joined Nov 2026 (as the page shows it) · 3 followers'), text.slice(0, 500));
  await until(async () => (await shadowText(page)).includes("avatar is a copy of Kwabena Mensah's protected photo"), 'the avatar match');
  // The record is written after the page is answered (check.js): waited for, not read once.
  let got;
  await until(async () => {
    got = await badges(page);
    return got['aminatasowe@social.example.africa'] === 'impersonation' && got['ama_owusu@mastodon.africa'] === 'clear';
  }, 'the statuses\' records').catch(() => {});
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

  // A stale redesigned header (the account before, drawn until the new account's data arrives): never
  // read as the account the address names; the new header, once drawn, is.
  page = await h.ctx.newPage();
  await page.goto('https://social.example.africa/@ama_owusu/media');
  await settle(page, 1);
  await until(async () => (await bannerVerdict(page)) === 'clear', 'the banner on the new header');
  assert.ok((await shadowText(page)).includes('@ama_owusu@social.example.africa'), (await shadowText(page)).slice(0, 300));
  const readHere = await sent(page);
  assert.deepEqual(Object.keys(readHere).filter((k) => readHere[k].some((p) => p.id === 'profile')), ['ama_owusu@social.example.africa']);
  assert.ok(readHere['ama_owusu@social.example.africa'].every((p) => p.name === 'Ama Owusu'), JSON.stringify(readHere));
  await page.close();

  // The profile's metadata fields, classic and redesigned: the Website field (not the bio, which names
  // the bank's real site) is a lookalike, and the evidence names it.
  for (const u of ['https://social.example.africa/@zenithharbour_help', 'https://social.example.africa/@zenithharbour_help/media']) {
    page = await h.ctx.newPage();
    await page.goto(u);
    await settle(page, 1);
    await until(async () => (await bannerVerdict(page)) === 'impersonation', `the banner on ${u}`).catch(() => {});
    assert.equal(await bannerVerdict(page), 'impersonation', u);
    assert.ok((await shadowText(page)).includes('zenithharbour-login.com, made to look like zenithharbour.com'), `${u}: ${(await shadowText(page)).slice(0, 300)}`);
    // The header's facts: the classic header's first field and exact count; the redesign's number links.
    const facts = u.endsWith('/media') ? 'Joined Nov 12, 2026 (as the page shows it) · 1,204 followers' : 'Joined 12 Nov 2026 (as the page shows it) · 9 followers';
    assert.ok((await shadowText(page)).includes(facts), `${u}: the header's facts`);
    assert.deepEqual((await sent(page))['zenithharbour_help@social.example.africa']?.[0]?.links, ['zenithharbour-login.com/secure'], u);
    await page.close();
  }
});

test('a page on another site that is not Mastodon gets nothing, even with Mastodon on', async () => {
  await h.ctx.route('https://news.example.org/@someone', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>@someone</title><h1>Kwabena Mensah</h1><p>@kwabenamensah</p>' }));
  const page = await h.ctx.newPage();
  await page.goto('https://news.example.org/@someone');
  await page.waitForTimeout(1500);
  assert.equal((await annotations(page)).length, 0);
  await page.close();
});

// The self-check on Instagram's, TikTok's and YouTube's lists (listPage; issue 21): a followers or following
// dialog, a video's comments. Each adapter asks for the notice only when rows are drawn and none was read
// (listEmpty: how these sites draw an empty list is not known). `notice`: whether the page gets the "cannot
// read" notice. A list read gets a badge and no notice; an empty one gets none, and the notice once a row the
// adapter cannot read is drawn into it (the check bites).
const LIST_ROWS = [
  // Read: the pages the site table visits.
  { url: 'https://www.instagram.com/tundemi/followers/', notice: false, badge: true },
  { url: 'https://www.tiktok.com/@aminata.sowe/video/7300000000000000001', notice: false, badge: true },
  { url: 'https://www.youtube.com/watch?v=abc123', notice: false, badge: true },
  { url: 'https://m.youtube.com/watch?v=abc123', notice: false, badge: true },
  // Rows drawn that cannot be read (an imagined layout change each): the notice. These fail on the code
  // before (no listPage for these sites).
  { url: 'https://www.instagram.com/kwabena.m/following/', notice: true },
  { url: 'https://www.tiktok.com/@aminata.sowe/video/7300000000000000002', notice: true },
  { url: 'https://www.youtube.com/watch?v=broken01', notice: true },
  // A photo post has the video's comment list (review33).
  { url: 'https://www.tiktok.com/@aminata.sowe/photo/7300000000000000004', notice: true },
  // Nothing to read: an empty or loading followers dialog, a private account (no dialog), a video without
  // comments, with comments turned off, or not loaded yet. `row`: an unreadable row drawn into it afterwards.
  { url: 'https://www.instagram.com/ama.new/followers/', notice: false,
    row: ['[role="dialog"]', '<div><img alt="" width="44" height="44"><a href="/ngozi.eze/">ngozi.eze</a></div>'] },
  { url: 'https://www.instagram.com/ama.private/followers/', notice: false },
  // Rows whose links became absolute: `cells` no longer reads them, the empty-list rule still sees them.
  { url: 'https://www.instagram.com/ama.new/followers/', notice: false,
    row: ['[role="dialog"]', '<div><img alt="" width="44" height="44"><a href="https://www.instagram.com/ngozi.eze/" role="link">ngozi.eze</a></div>'] },
  { url: 'https://www.tiktok.com/@aminata.sowe/video/7300000000000000003', notice: false,
    row: ['[class*="DivCommentListContainer"]', '<div class="DivCommentItemContainer"><a href="/@yaw.d"><span>Yaw D</span></a><p data-e2e="comment-level-1">first</p></div>'] },
  // `noise`: drawn into the list after the wait, and no comment (another extension's box): still no notice.
  { url: 'https://www.youtube.com/watch?v=commentsoff', notice: false,
    noise: ['ytd-comments #contents', '<div class="another-extension">12 comments summarised</div>'],
    row: ['ytd-comments #contents', '<ytd-comment-thread-renderer><a class="ytCommentViewModelAuthorText" href="/@moussa_k">@moussa_k</a> hello</ytd-comment-thread-renderer>'] },
  { url: 'https://www.youtube.com/watch?v=loading01', notice: false,
    row: ['ytd-comments #contents', '<ytd-comment-thread-renderer><a class="ytCommentViewModelAuthorText" href="/@moussa_k">@moussa_k</a> hello</ytd-comment-thread-renderer>'] },
  // The comment section's header and composer drawn among its items, each with a link to a channel (the
  // viewer's own): no comment, so no notice. (In the markup the sources show they sit in the section's
  // #header; these rows keep the adapter's exclusions of them from going unnoticed.)
  { url: 'https://www.youtube.com/watch?v=commentsoff', notice: false,
    noise: ['ytd-comments #contents', '<ytd-comments-header-renderer><h2 id="count"><span>0 Comments</span></h2><a href="/@ngozi.eze">Ngozi Eze</a></ytd-comments-header-renderer>'] },
  { url: 'https://www.youtube.com/watch?v=commentsoff', notice: false,
    noise: ['ytd-comments #contents', '<ytd-comment-simplebox-renderer><a href="/@ngozi.eze"><img alt="" width="40" height="40"></a><div id="placeholder-area">Add a comment…</div></ytd-comment-simplebox-renderer>'] },
  // YouTube's other video pages (yt21): a short's comments panel, a live stream's page and m.youtube.com,
  // read (a badge, no notice); their comments after an imagined layout change, the video's channel read
  // beside them (its badge; it says nothing of the comments): the notice. The short's and the live stream's fail on
  // the code before (they were no list pages), and m.youtube.com's without ytm-comment-thread-renderer
  // among the adapter's threads.
  { url: 'https://www.youtube.com/shorts/Sh0rtAbc123', notice: false, badge: true },
  { url: 'https://www.youtube.com/live/Lv7aBcD9eFg', notice: false, badge: true },
  { url: 'https://www.youtube.com/shorts/Br0kenSh0rt', notice: true, badge: true },
  { url: 'https://www.youtube.com/live/Br0kenL1ve0', notice: true, badge: true },
  // m.youtube.com's older owner markup (ytm-slim-owner-renderer), read: its badge.
  { url: 'https://m.youtube.com/watch?v=broken02', notice: true, badge: true },
  // The live chat (live21): read, no notice; its authors no longer in #author-name, the notice; no message
  // yet, none, until a row that cannot be read is drawn. The notice rows fail on the code before (the chat
  // was no list page, and not read).
  { url: 'https://www.youtube.com/live_chat?is_popout=1&v=Lv7aBcD9eFg', notice: false, badge: true },
  { url: 'https://www.youtube.com/live_chat?is_popout=1&v=Br0kenCh4t0', notice: true },
  { url: 'https://www.youtube.com/live_chat?is_popout=1&v=Qu1etCh4t00', notice: false,
    row: ['yt-live-chat-item-list-renderer #items', '<yt-live-chat-text-message-renderer author-type=""><div id="content"><yt-live-chat-author-chip><span id="author-label">@moussa_k</span></yt-live-chat-author-chip><span id="message">hello</span></div></yt-live-chat-text-message-renderer>'] },
];
// The content script's self-check has had its say on what was drawn before `from` (the page's clock; 0:
// the navigation): the first reading pass (a `vipguard:pass` measure) begun after `from` starts a wait
// (main.js READ_WAIT) for what it cannot read, and a pass begun once that wait is over decides the notice.
// The script's own timer asks for that pass a little after the wait; a popstate (main.js reads the page
// again on one) asks for it too, so a slow first pass cannot leave its timer's pass just short of `over`.
const READ_WAIT = 4000;
async function waitOver(page, from = 0) {
  const passes = () => page.evaluate(() => performance.getEntriesByName('vipguard:pass').map((e) => [e.startTime, e.duration]));
  let first;
  await until(async () => { first = (await passes()).find(([t]) => t >= from); return first; }, `a reading pass after ${Math.round(from)} ms`);
  const over = first[0] + first[1] + READ_WAIT;
  await until(() => page.evaluate((t) => performance.now() > t, over), `the page's clock at ${Math.round(over)} ms`);
  await page.evaluate(() => dispatchEvent(new PopStateEvent('popstate')));
  await until(async () => (await passes()).some(([t]) => t >= over), `a reading pass after the wait, at ${Math.round(over)} ms`);
}
// A reading pass has seen what was drawn at `from` (it starts a wait for rows it cannot read, if any).
const readSince = (page, from) => until(() => page.evaluate((t) => performance.getEntriesByName('vipguard:pass').some((e) => e.startTime >= t), from),
  `a reading pass after ${Math.round(from)} ms`);
const pageClock = (page) => page.evaluate(() => performance.now());
test('lists on Instagram, TikTok and YouTube: read, no notice; rows that cannot be read, the "cannot read" notice; empty, none', async () => {
  const notices = async (page) => (await annotations(page)).filter((a) => a.kind === 'notice').length;
  for (const r of LIST_ROWS) {
    const page = await h.ctx.newPage();
    await page.goto(r.url);
    // `badge`: an account on the page is read (on a page with the notice, one beside the list).
    if (r.badge) await until(async () => (await annotations(page)).some((a) => a.kind === 'badge'), `a badge on ${r.url}`);
    if (r.notice) {
      await until(async () => (await notices(page)) > 0, `the notice on ${r.url}`);
      assert.ok((await shadowText(page)).includes('vipguard cannot read this page'), r.url);
    } else {
      await waitOver(page);
      assert.equal(await notices(page), 0, `a notice on ${r.url}`);
    }
    if (r.noise) {
      const drawn = await pageClock(page);
      await page.evaluate(([where, html]) => document.querySelector(where).insertAdjacentHTML('beforeend', html), r.noise);
      // Nothing on the page says whether it started a rows' wait: a pass saw it, then that wait's time.
      await readSince(page, drawn);
      await page.waitForTimeout(READ_WAIT + 500);
      assert.equal(await notices(page), 0, `a notice on ${r.url} for what is no comment`);
    }
    if (r.row) {
      await page.evaluate(([where, html]) => document.querySelector(where).insertAdjacentHTML('beforeend', html), r.row);
      await until(async () => (await notices(page)) > 0, `the notice on ${r.url} once a row that cannot be read is drawn`);
    }
    await page.close();
  }
});

// A short scrolled to (yt21b): YouTube may change the address before it moves [is-active] to the next
// reel. The address's change comes with a change to the page (here its title), whose pass reads the reel
// still marked, the one left; the attribute then moves, nothing else on the page changing. main.js
// watches that attribute: a pass follows it, and the new short's channel is read then. The code before
// watched no attribute, and the next pass was the one the page's wait asks for, READ_WAIT after the
// address's pass: so a pass must begin between the attribute's move and that wait's end (the page's own
// pass measures, no clock of the test's).
test('a short scrolled to, its address changed before [is-active] moved: its channel read on the move, before the page\'s wait', async () => {
  const from = await h.worker.evaluate(() => self.sentForTest.length);
  const sentHandles = () => h.worker.evaluate((i) => self.sentForTest.slice(i).map((p) => p.handle), from);
  const page = await h.ctx.newPage();
  await page.goto('https://www.youtube.com/shorts/Sh0rtAbc123');
  await until(async () => (await sentHandles()).includes('IbrahimaDialloTV_'), 'the first short\'s channel read');
  const address = await pageClock(page);
  await page.evaluate(() => {
    document.querySelectorAll('.reel-video-in-sequence-new')[1].scrollIntoView();
    history.pushState(null, '', '/shorts/Fat0uC00ks01');
    document.title = 'Thieboudienne in 60 seconds - YouTube';
  });
  await readSince(page, address);
  const addressPass = await page.evaluate((t) => performance.getEntriesByName('vipguard:pass').find((e) => e.startTime >= t).startTime, address);
  // A pass or two may follow the address's (the page still settling after its change): the page is left
  // still a moment, so that once the attribute moves nothing else on it asks for a pass.
  await page.waitForTimeout(1000);
  assert.ok(!(await sentHandles()).includes('fatou.cooks'), 'the next short read while the one left is still marked');
  const moved = await pageClock(page);
  await page.evaluate(() => {
    const [left, next] = document.querySelectorAll('ytd-reel-video-renderer');
    left.removeAttribute('is-active');
    next.setAttribute('is-active', '');
  });
  await until(async () => (await sentHandles()).includes('fatou.cooks'), 'the next short\'s channel read');
  await until(async () => (await badges(page))['fatou.cooks'] === 'clear', 'the next short\'s channel in the tab\'s record');
  const passes = await page.evaluate(() => performance.getEntriesByName('vipguard:pass').map((e) => Math.round(e.startTime)));
  const waitEnd = addressPass + READ_WAIT;
  assert.ok(passes.some((t) => t >= moved && t < waitEnd),
    `no reading pass between [is-active] moving (${Math.round(moved)} ms) and the page's wait (${Math.round(waitEnd)} ms): ${passes}`);
  await page.close();
});

// Comments YouTube draws only once the reader scrolls to them, long after the page's own wait, and whose
// author is filled in a moment after the row: the rows get a wait of their own, so no notice and nothing in
// the audit log (review33 saw both on the code before).
test('a list whose rows come late gets its own wait: a comment drawn after the page\'s wait, its author a second later, gets no notice', async () => {
  const url = 'https://www.youtube.com/watch?v=loading02';
  const page = await h.ctx.newPage();
  await page.goto(url);
  await waitOver(page);
  const drawn = await pageClock(page);
  await page.evaluate(() => document.querySelector('ytd-comments #contents').insertAdjacentHTML('beforeend',
    '<ytd-comment-thread-renderer><ytd-comment-view-model id="comment"><h3 class="author"></h3> hello</ytd-comment-view-model></ytd-comment-thread-renderer>'));
  await page.waitForTimeout(1000);
  await page.evaluate(() => { document.querySelector('ytd-comment-view-model h3.author').innerHTML = '<a id="author-text" href="/@IbrahimaDialloTV_"><span>@IbrahimaDialloTV_</span></a>'; });
  await until(async () => (await annotations(page)).some((a) => a.kind === 'badge'), 'the late comment\'s badge');
  await waitOver(page, drawn);
  assert.equal((await annotations(page)).filter((a) => a.kind === 'notice').length, 0, 'a notice for a list that came late');
  await page.close();
  const popup = await h.ctx.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/ui/popup/popup.html`);
  const { entries } = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'auditExport' }));
  await popup.close();
  assert.ok(Array.isArray(entries), 'the audit log read');
  assert.deepEqual(entries.filter((e) => e.event === 'unreadable' && e.url === url), [], 'no cannot-read entry in the audit log');
});

// An empty list, as the site says it (X's emptyState, Mastodon's .empty-column-indicator, Bluesky's
// empty-state icon on followers and follows): nothing to read, so no "vipguard cannot read this page"
// notice, which a list page whose accounts cannot be read gets (extension.test.mjs). Last in the file:
// it switches Mastodon on, which the test of Mastodon off until switched on must come before.
test('an empty list (followers on X and Bluesky, favourites on Mastodon), as the site says it, gets no "cannot read" notice', async () => {
  await enableMastodon(h);
  const empty = {
    'https://x.com/NewAccount2026/followers': '<!DOCTYPE html><title>People following New Account / X</title><main role="main"><div data-testid="primaryColumn"><h2>New Account</h2><div data-testid="emptyState"><div><span>Looking for followers?</span></div><div><span>When someone follows this account, they’ll show up here.</span></div></div></div></main>',
    'https://mastodon.social/@newaccount2026/113456789012345678/favourites': '<!DOCTYPE html><title>Favourited by — Mastodon</title><body class="app-body"><div id="mastodon" data-props="{}"><div class="column"><div class="scrollable"><div class="empty-column-indicator">No one has favourited this post yet. When someone does, they will show up here.</div></div></div></div></body>',
  };
  for (const [url, body] of Object.entries(empty)) {
    await h.ctx.route((u) => u.href === url, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
    const page = await h.ctx.newPage();
    await page.goto(url);
    await waitOver(page);
    assert.equal((await annotations(page)).filter((a) => a.kind === 'notice').length, 0, `a notice on the empty list ${url}`);
    // Without the empty message, the same page is a list that cannot be read: the notice (the check bites).
    await page.evaluate(() => document.querySelector('[data-testid="emptyState"], .empty-column-indicator').remove());
    await until(async () => (await annotations(page)).some((a) => a.kind === 'notice'), `the notice on ${url} without its empty message`);
    await page.close();
  }
  // Mastodon's advanced layout: the reviewer's pinned columns first, the page's own column last
  // (columns_area.jsx, mastodon/mastodon @1a00478). A pinned column's empty message says nothing of the
  // list: a list that cannot be read beside it still gets the notice.
  const indicator = '<div class="empty-column-indicator">Nothing here yet.</div>';
  const advanced = (pinned, routed) => `<!DOCTYPE html><title>Favourited by — Mastodon</title><body class="app-body"><div id="mastodon" data-props="{}"><div class="ui"><div class="columns-area"><div class="column"><div class="scrollable">${pinned}</div></div><div class="column"><div class="scrollable">${routed}</div></div></div></div></div></body>`;
  // The layout opens pages under /deck/ (router.tsx), routed without it.
  const rows = [['', 1, indicator, '<article><p>unreadable</p></article>', true], ['', 2, '', indicator, false],
    ['/deck', 3, '', '<article><p>unreadable</p></article>', true]];
  for (const [deck, n, pinned, routed, notice] of rows) {
    const url = `https://mastodon.social${deck}/@newaccount2026/11345678901234567${n}/favourites`;
    await h.ctx.route((u) => u.href === url, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: advanced(pinned, routed) }));
    const page = await h.ctx.newPage();
    await page.goto(url);
    if (notice) {
      await until(async () => (await annotations(page)).some((a) => a.kind === 'notice'), `the notice on ${url}: the empty message is a pinned column's`);
    } else {
      await waitOver(page);
      assert.equal((await annotations(page)).filter((a) => a.kind === 'notice').length, 0, `a notice on the empty list ${url}`);
    }
    await page.close();
  }
  // Bluesky's followers and follows lists (fixture pages written from social-app's source, cited at
  // their tops): an empty one draws EmptyState with the PeopleRemove2 icon, no notice; a failed one
  // the Error layout with Retry, the notice; an empty list kept mounted, hidden, in an earlier screen
  // says nothing of the shown list, which cannot be read: the notice.
  const bluesky = [['https://bsky.app/profile/ama-new.bsky.social/followers', false],
    ['https://bsky.app/profile/ama-new.bsky.social/follows', false],
    ['https://bsky.app/profile/ama-older.bsky.social/followers', false],
    ['https://bsky.app/profile/yaw-darko.bsky.social/followers', true],
    ['https://bsky.app/profile/kofi-boateng.bsky.social/follows', true]];
  for (const [url, notice] of bluesky) {
    const page = await h.ctx.newPage();
    await page.goto(url);
    if (notice) {
      await until(async () => (await annotations(page)).some((a) => a.kind === 'notice'), `the notice on ${url}`);
    } else {
      await waitOver(page);
      assert.equal((await annotations(page)).filter((a) => a.kind === 'notice').length, 0, `a notice on the empty list ${url}`);
      // Without its icon, the same page is a list that cannot be read: the notice (the check bites).
      await page.evaluate(() => document.querySelector('svg[viewBox$="0 65 64"]').remove());
      await until(async () => (await annotations(page)).some((a) => a.kind === 'notice'), `the notice on ${url} without its empty-state icon`);
    }
    await page.close();
  }
});

// The badges that show a standing decision, in `page` or in its child frame at `frameUrl`: their class
// names, read in that frame's content-script world, which reaches their closed shadow roots.
const decidedBadges = (page, frameUrl = null) => inContentScript(page, () => [...document.querySelectorAll('vipguard-annotation')]
  .map((e) => chrome.dom.openOrClosedShadowRoot(e)?.querySelector('.badge')?.className || '').filter((c) => /\bdecided\b/.test(c)), null, { frameUrl });

// A decision made in the tab (here from our frame in the watch page, as a card in the chat sends it) reaches
// the chat's frame: its rows of that account show the decided mark (live21 review, M4). Fails with the
// decision told to the top frame only and no word of changed decisions to every frame (both reverted).
test('a decision made in a replay\'s watch page shows on its chat frame\'s rows of that account', async () => {
  const page = await h.ctx.newPage();
  await page.goto('https://www.youtube.com/watch?v=R3playIbr01');
  await settle(page, 1);
  const chatBadges = () => page.evaluate(() => [...(document.querySelector('iframe#chatframe')?.contentDocument?.querySelectorAll('vipguard-annotation') || [])].length);
  await until(async () => (await chatBadges()) === 2, 'the chat\'s two rows of lbrahimaDiallo badged');
  const chat = /live_chat_replay/;
  assert.equal((await decidedBadges(page, chat)).length, 0, 'no decision yet');
  await until(async () => annotationFrames(page).length > 0, 'our frame in the tab');
  const reply = await frameEvaluate(annotationFrames(page)[0], (u) => chrome.runtime.sendMessage({ type: 'decide', url: u,
    profile: { platform: 'youtube', handle: 'lbrahimaDiallo', name: 'lbrahimaDiallo' }, decision: 'escalate', note: '' }), page.url());
  assert.equal(reply.ok, true, JSON.stringify(reply));
  await until(async () => (await decidedBadges(page, chat)).length === 2, 'the decided mark on both chat rows').catch(() => {});
  assert.equal((await decidedBadges(page, chat)).length, 2);
  await page.close();
});

// A decision from the popup (no tab of its own) reaches a live chat: before (live21 review, H2) the chat
// kept each author's first answer for the whole stream and was never told.
test('a decision from the popup shows on an open live chat\'s rows of that account', async () => {
  const page = await h.ctx.newPage();
  await page.goto('https://www.youtube.com/live_chat?is_popout=1&v=Lv7aBcD9eFg');
  await settle(page, 1);
  const flagged = async () => (await shadowClasses(page)).filter((c) => /\bbadge\b/.test(c) && /\bimpersonation\b/.test(c));
  await until(async () => (await flagged()).length > 0, 'the chat\'s impostors badged');
  assert.equal((await decidedBadges(page)).length, 0, 'no decision yet');
  const popup = await h.ctx.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/ui/popup/popup.html`);
  const reply = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'decide', url: 'https://www.youtube.com/live_chat?is_popout=1&v=Lv7aBcD9eFg',
    profile: { platform: 'youtube', handle: 'ibrahimadiallo.giveaway', name: 'ibrahimadiallo.giveaway' }, decision: 'escalate', note: '',
    result: { verdict: 'impersonation', match: null, score: null } }));
  await popup.close();
  assert.equal(reply.ok, true, JSON.stringify(reply));
  await until(async () => (await decidedBadges(page)).length > 0, 'the decided mark in the chat').catch(() => {});
  assert.ok((await decidedBadges(page)).length > 0, JSON.stringify(await shadowClasses(page)));
  await page.close();
});

// An author whose rows have all left the chat (scrolled out, deleted) is not kept with the answer: written
// again, the account is asked about again (live21c). Before, its detached row stayed in the cache until
// 5,000 other accounts pushed it out, and the new row was drawn from the old answer without asking.
test('a live chat author whose rows all left the chat is asked about again when writing again', async () => {
  const url = 'https://www.youtube.com/live_chat?is_popout=1&v=Ch4tR0wsG0n';
  const page = await h.ctx.newPage();
  await page.goto(url);
  await settle(page, 1);
  const asked = async () => ((await sent(page)).cookingwithfatou || []).length;
  await until(async () => (await asked()) === 1, 'cookingwithfatou asked about once');
  // Their one row taken out, as YouTube does; a pass runs (another author's row comes in: a flagged
  // author's, whose badge drawn in it shows the pass ran).
  await page.evaluate(() => {
    const gone = document.getElementById('ChwKGkNMaXZlMjFGaXh0dXJlUm930006');
    window.backLater = gone.cloneNode(true);
    gone.remove();
    const row = document.getElementById('ChwKGkNMaXZlMjFGaXh0dXJlUm930004').cloneNode(true);
    row.querySelectorAll('vipguard-annotation').forEach((b) => b.remove());
    row.id = 'ChwKGkNMaXZlMjFGaXh0dXJlUm930011';
    row.querySelector('#message').textContent = 'still here';
    document.querySelector('#items').append(row);
  });
  await until(() => page.evaluate(() => !!document.getElementById('ChwKGkNMaXZlMjFGaXh0dXJlUm930011').querySelector('vipguard-annotation')),
    'the added row badged (a pass ran)');
  assert.equal(await asked(), 1, 'not asked about again while gone');
  // They write again: a new row of theirs (the same author chip, photo and badge).
  await page.evaluate(() => {
    const row = window.backLater;
    row.id = 'ChwKGkNMaXZlMjFGaXh0dXJlUm930012';
    row.querySelector('#message').textContent = 'back again';
    document.querySelector('#items').append(row);
  });
  await until(async () => (await asked()) === 2, 'cookingwithfatou asked about again').catch(() => {});
  assert.equal(await asked(), 2, 'asked about again once back');
  await page.close();
});

// The chat keeps each author's answer for ACCOUNT_TTL_MS (60 s, main.js): a later row of theirs is drawn
// from it, and once it is older the account is asked about again with its next row (live21 review, H2: so
// that a change the worker did not tell of reaches the chat within a minute). The minute is not waited for:
// the content script's clock (performance.now in its own world, which the page's does not share) is moved
// on by 61 s. Fails with the expiry removed (ACCOUNT_TTL_MS = Infinity in a rebuilt dist: asked 1 time).
test('a live chat author\'s kept answer expires after a minute: the next row asks again', async () => {
  const url = 'https://www.youtube.com/live_chat?is_popout=1&v=Lv7aBcD9eFg';
  const who = 'ibrahimadiallo.giveaway';
  const page = await h.ctx.newPage();
  const before = ((await h.worker.evaluate((u) => self.sentForTest.filter((p) => p.url === u), url)).filter((p) => p.handle === who)).length;
  try {
    await page.goto(url);
    await settle(page, 1);
    const asked = async () => ((await sent(page))[who] || []).length - before;
    await until(async () => (await asked()) === 1, `${who} asked about once`);
    // One more row of theirs (a clone of their first row, its badge taken off), badged once a pass ran.
    const addRow = (id) => page.evaluate((id) => {
      const row = document.getElementById('ChwKGkNMaXZlMjFGaXh0dXJlUm930004').cloneNode(true);
      row.querySelectorAll('vipguard-annotation').forEach((b) => b.remove());
      row.id = id;
      row.querySelector('#message').textContent = `again ${id}`;
      document.querySelector('#items').append(row);
    }, id);
    const badged = (id) => until(() => page.evaluate((id) => !!document.getElementById(id)?.querySelector('vipguard-annotation'), id), `row ${id} badged`);
    await addRow('ChwKGkNMaXZlMjFGaXh0dXJlUm930021');
    await badged('ChwKGkNMaXZlMjFGaXh0dXJlUm930021');
    assert.equal(await asked(), 1, 'a fresh answer: the new row drawn from it, not asked again');
    // A minute later by the content script's clock.
    await inContentScript(page, () => {
      const now = performance.now.bind(performance);
      performance.now = () => now() + 61000;
    });
    await addRow('ChwKGkNMaXZlMjFGaXh0dXJlUm930022');
    await until(async () => (await asked()) === 2, `${who} asked about again`).catch(() => {});
    assert.equal(await asked(), 2, 'the kept answer older than a minute: asked again');
    await badged('ChwKGkNMaXZlMjFGaXh0dXJlUm930022');
  } finally {
    await page.close();
  }
});
