// TikTok (www.tiktok.com): profile pages (/@user) through the data-e2e attributes TikTok keeps for its
// own tests, and comment authors.
// Source of the profile's fields: microlinkhq/unavatar test/unit/providers/tiktok.html, a saved live page
// (Dec 2025): h1[data-e2e="user-title"] is the @username, h2[data-e2e="user-subtitle"] the nickname, and
// a[data-e2e="user-link"] the bio's website; undated scrapers put them the other way round, so both are read.
// Verified mark: the page's first-load data, script#__UNIVERSAL_DATA_FOR_REHYDRATION__ (JSON), its
// __DEFAULT_SCOPE__['webapp.user-detail'].userInfo.user with uniqueId and verified, as
// ChinaGodMan/UserScripts tiktok-user-info/tiktok-user-info.user.js @ 53e34b87 (2025.6.2.1) reads the
// user from it, and noting it goes stale when the app moves to another profile without a reload: it is
// read only when its uniqueId is the page's @username. The badge drawn beside the @username was not
// confirmed from a maintained reader, so it is not read.
'use strict';

vipguardSites.push((() => {
  const R = vipguardRead;
  const USER = /^[A-Za-z0-9_.]{2,24}$/;
  const matches = (loc) => vipguardSiteCatalog.isPage('tiktok', loc.hostname);

  function pageUser(loc) {
    const m = /^\/@([^/?#]+)\/?$/.exec(decodeURIComponent(loc.pathname));
    return m && USER.test(m[1]) ? m[1] : null;
  }

  function profile(doc, loc) {
    const want = pageUser(loc);
    if (!want) return null;
    // Which of user-title and user-subtitle holds the @username and which the nickname is disputed (and
    // has changed with TikTok's layouts): the one that reads as the page's username is the handle.
    const title = doc.querySelector('[data-e2e="user-title"]');
    const sub = doc.querySelector('[data-e2e="user-subtitle"]');
    const isUser = (el) => !!el && R.same(R.shownText(el).replace(/^@/, ''), want);
    const [userEl, nameEl] = isUser(title) ? [title, sub] : isUser(sub) ? [sub, title] : [null, null];
    if (!userEl) return null;
    const img = doc.querySelector('[data-e2e="user-avatar"] img');
    const site = bioLink(doc.querySelector('a[data-e2e="user-link"]'));
    return {
      anchor: userEl,
      data: { platform: 'tiktok', handle: R.shownText(userEl).replace(/^@/, ''), name: R.shownText(nameEl) || want,
        bio: R.shownText(doc.querySelector('[data-e2e="user-bio"]'), 2000), avatar: R.src(img), ...(site ? { links: [site] } : {}),
        // The header's count as shown ("31.4K"): strong[data-e2e="followers-count"], as
        // kimanikevin254/brightdata-tiktok-scraping tiktok-profile-scraper-proxy.py reads it.
        ...R.facts({ followersShown: R.shownText(doc.querySelector('[data-e2e="followers-count"]'), 40), verified: verifiedMark(doc, want) }) },
    };
  }

  // TikTok's own verified flag for this @username in the first-load data (see the top of this file).
  // The script is up to 5 MB and the page is read every few hundred milliseconds: parsed once per
  // address and script length, and only its user (uniqueId, verified) kept.
  let parsed = { key: null, user: null };
  function verifiedMark(doc, want) {
    const el = doc.getElementById('__UNIVERSAL_DATA_FOR_REHYDRATION__');
    const text = el ? el.textContent : '';
    if (!el || text.length > 5e6) return false;
    const key = `${doc.location ? doc.location.href : ''}\n${text.length}`;
    if (parsed.key !== key) {
      let user = null;
      try {
        const u = JSON.parse(text)?.__DEFAULT_SCOPE__?.['webapp.user-detail']?.userInfo?.user;
        if (u && typeof u.uniqueId === 'string') user = { uniqueId: u.uniqueId, verified: u.verified === true };
      } catch { /* not JSON: no user */ }
      parsed = { key, user };
    }
    const user = parsed.user;
    return !!user && R.same(user.uniqueId, want) && user.verified;
  }

  // The bio's website: TikTok links through a redirect whose `target` holds the real address (unavatar's
  // saved tiktok.com page, Dec 2025), unwrapped by R.linksIn; the link's text is the shown host, read
  // when there is no target.
  function bioLink(a) {
    if (!a) return null;
    return R.linksIn(a, ['tiktok.com'])[0] || R.shownText(a, 400) || null;
  }

  const userOf = (link) => (link ? decodeURIComponent(link.getAttribute('href')).replace(/^\/@/, '').split(/[/?#]/)[0] : null);
  function cells(doc, fresh = () => true) {
    const out = [];
    for (const a of doc.querySelectorAll('[data-e2e^="comment-username"]')) {
      if (!fresh(a)) continue;
      const link = a.closest('a[href^="/@"]') || a.querySelector('a[href^="/@"]');
      const user = userOf(link);
      if (!user || !USER.test(user)) continue;
      // The picture of this comment, not of the thread it is in: a reply's item container also holds
      // the parent comment (first). Its own content container, else a picture linking to the same user.
      const own = a.closest('[class*="CommentContentContainer"]');
      const item = a.closest('[class*="CommentItem"], [data-e2e="comment-item"]') || a.parentElement;
      const img = (own && own.querySelector('img'))
        || [...item.querySelectorAll('a[href^="/@"] img')].find((i) => R.same(userOf(i.closest('a')), user)) || null;
      out.push({ anchor: a, data: { platform: 'tiktok', handle: user, name: R.shownText(a) || user, avatar: R.src(img) } });
    }
    return out;
  }

  // Addresses of lists of accounts (main.js's self-check): the only accounts this adapter reads outside a
  // profile are comment authors, so a video's page, /@<user>/video/<id> (the address
  // IsaiahDupree/Safari_Automations docs/selectors/TIKTOK_SELECTORS_REFERENCE.md @ 1aecc2e9, 2026-01-31,
  // lists for a video), whose comment list sits beside the video, and a photo post's, /@<user>/photo/<id>,
  // which has the same list (the site catalog's photo posts). Followers and following open in a dialog over
  // the profile without an address of their own; search results are not read: left out.
  const listPage = (loc) => /^\/@[^/]+\/(video|photo)\/\d+\/?$/.test(loc.pathname);
  // A video may have no comment, have them turned off, or ask the reader to log in first, and how TikTok
  // draws each is not known from any source. So the notice waits for comments that are there to be read:
  // a comment on show, by the markers that reference and cubernetes/TikTokCommentScraper
  // src/ScrapeTikTokComments.js @ 5339823b read (the comment's text, `[data-e2e="comment-level-1"]`,
  // or its item, `[data-e2e="comment-item"]` or a class naming DivCommentItem…/DivCommentContentContainer),
  // with no author read after the wait. A page without any (empty, turned off, loading) gets no notice.
  const COMMENT = '[data-e2e^="comment-level-"], [data-e2e="comment-item"], [class*="DivCommentItem"], [class*="DivCommentContentContainer"]';
  const listEmpty = (doc) => ![...doc.querySelectorAll(COMMENT)].some(R.onShow);
  const badgeSpot = (a) => a;
  return { name: 'tiktok', matches, profile, cells, profilePage: (loc) => !!pageUser(loc), listPage, listEmpty, badgeSpot };
})());

// Test pages:
//   tests/e2e/fixtures/sites/tiktok-profile.html tests/e2e/fixtures/sites/tiktok-profile-swapped.html tests/e2e/fixtures/sites/tiktok-replies.html
//   tests/e2e/fixtures/sites/tiktok-link.html
// The self-check on a video's comments (listPage, listEmpty): tiktok-replies.html (read: no notice),
//   tests/e2e/fixtures/sites/tiktok-comments-unreadable.html (authors without their comment-username marker: the notice),
//   tests/e2e/fixtures/sites/tiktok-comments-empty.html (no comment yet: none).
