// Instagram (www.instagram.com): profile pages, and the people in follower and following lists. Its class names are generated, so the adapter reads what
// is stable: the Open Graph title "Name (@user) • Instagram photos and videos" when it names the page,
// otherwise the page header (its heading is the username; the profile picture's alt names it too).
'use strict';

vipguardSites.push((() => {
  const R = vipguardRead;
  const USER = /^[A-Za-z0-9_.]{1,30}$/;
  const NOT_PEOPLE = new Set(['explore', 'reels', 'direct', 'accounts', 'stories', 'p', 'reel', 'about', 'legal', 'web']);
  const matches = (loc) => /(^|\.)instagram\.com$/.test(loc.hostname);

  function pageUser(loc) {
    const seg = loc.pathname.split('/').filter(Boolean);
    return seg.length === 1 && USER.test(seg[0]) && !NOT_PEOPLE.has(seg[0].toLowerCase()) ? seg[0] : null;
  }

  function profile(doc, loc) {
    const want = pageUser(loc);
    if (!want) return null;
    const header = doc.querySelector('main header, header section')?.closest('header') || null;
    let name = '';
    let bio = '';
    const og = /^(.*?)\s*\(@([A-Za-z0-9_.]{1,30})\)/.exec(R.meta(doc, 'og:title'));
    if (og && R.same(og[2], want)) name = R.clean(og[1]);
    if (header) {
      const user = header.querySelector('h2, h1');
      if (user && R.shownText(user) && !R.same(R.shownText(user).split(/\s/)[0], want)) return null; // the previous profile
      // The full name: the first short text in the header that is not the username or a count.
      if (!name) {
        for (const span of header.querySelectorAll('section span, section div')) {
          const t = R.shownText(span, 200);
          if (t && !R.same(t, want) && !/^[\d.,]+[KMB]?\s+(posts?|followers?|following)$/i.test(t) && span.children.length === 0) { name = t; break; }
        }
      }
      const bioEl = header.querySelector('h1[dir="auto"], span._ap3a, div._aa_c');
      bio = R.shownText(bioEl, 2000);
    } else if (!og) {
      return null;
    }
    const img = (header && header.querySelector('img[alt*="profile picture" i]')) || doc.querySelector(`img[alt="${want}'s profile picture" i]`);
    return {
      anchor: header || doc.body,
      data: { platform: 'instagram', handle: want, name: name || want, bio, avatar: R.src(img) || R.meta(doc, 'og:image') || null },
    };
  }

  // Follower and following lists open in a dialog: each row links to a profile whose link text is the
  // username, beside a profile picture; the full name is the row's next short text.
  const BUTTONS = new Set(['follow', 'following', 'remove', 'requested', 'message', '·']);
  function cells(doc, fresh = () => true) {
    const out = [];
    for (const a of doc.querySelectorAll('[role="dialog"] a[href^="/"][role="link"]')) {
      const user = decodeURIComponent(a.getAttribute('href')).split('/').filter(Boolean)[0] || '';
      if (!USER.test(user) || !R.same(R.shownText(a), user) || !fresh(a)) continue;
      let row = a.parentElement;
      for (let i = 0; i < 10 && row && !row.querySelector('img[alt$="profile picture" i]'); i++) row = row.parentElement;
      if (!row) continue;
      let name = '';
      for (const span of row.querySelectorAll('span')) {
        const t = R.shownText(span, 200);
        if (span.children.length === 0 && t && !R.same(t, user) && !BUTTONS.has(t.toLowerCase()) && !span.closest('button, [role="button"], a')) { name = t; break; }
      }
      out.push({ anchor: a, data: { platform: 'instagram', handle: user, name: name || user, avatar: R.src(row.querySelector('img[alt$="profile picture" i]')) } });
    }
    return out;
  }

  return { name: 'instagram', matches, profile, cells, badgeSpot: (a) => a };
})());
