// Instagram (www.instagram.com): profile pages. Its class names are generated, so the adapter reads what
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

  return { name: 'instagram', matches, profile, cells: () => [], badgeSpot: (b) => b };
})());
