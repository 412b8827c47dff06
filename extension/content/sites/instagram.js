// Instagram (www.instagram.com): profile pages, and the people in follower and following lists. Its class
// names are generated, so the adapter reads what is stable: the Open Graph title "Name (@user) • Instagram
// photos and videos" when it names the page (the page title's form, "Name (@user) • Instagram …", that
// hectran12/Rehearse_JS short_code/get_info_ins.js @be2b7e0 splits at "•" on the live page), otherwise the page
// header (its heading is the username; the profile picture's alt names it too).
// Links: the external link under the bio, an <a> in the header whose href is
// https://l.instagram.com/?u=<encoded address>&e=<token> (the form lyubomyr-shaydariv/uu-webext
// src/modules/instagram.js unwraps by its `u` parameter); the header's other outside link is the Threads
// badge, Instagram's own.
'use strict';

vipguardSites.push((() => {
  const R = vipguardRead;
  const USER = /^[A-Za-z0-9_.]{1,30}$/;
  const matches = (loc) => vipguardSiteCatalog.isPage('instagram', loc.hostname);

  // The profile's address, on its tabs too (/user/reels/, /user/tagged/).
  const TABS = new Set(['reels', 'tagged', 'saved', 'guides', 'feed']);
  // Counts in the header ("12 posts", "12 publications", or the number alone in its own element).
  const COUNT = /^[\d.,\s]+[KMBkmb]?(\s+(posts?|followers?|following|publications?|abonnés|abonnements|publicações|seguidores|seguindo|publicaciones|seguidos))?$/i;
  function pageUser(loc) {
    const seg = loc.pathname.split('/').filter(Boolean);
    const tab = seg.length === 1 || (seg.length === 2 && TABS.has(seg[1]));
    return tab && USER.test(seg[0]) && !vipguardSiteCatalog.notPerson('instagram', seg[0]) ? seg[0] : null;
  }

  // The profile picture in a header or list row, whatever the interface language: the picture whose
  // alt text names the user ("Photo de profil de …"), or the English alt, or the row's only picture.
  function picture(el, user) {
    if (!el) return null;
    const imgs = [...el.querySelectorAll('img')];
    return imgs.find((i) => (i.getAttribute('alt') || '').toLowerCase().includes(user.toLowerCase()))
      || imgs.find((i) => /profile picture/i.test(i.getAttribute('alt') || ''))
      || (imgs.length === 1 ? imgs[0] : null);
  }

  // Instagram's own verified badge beside the username: an svg labelled "Verified" ("Vérifié" in
  // French) in the username heading or its link, as open-source scrapers of the live page read it
  // (`header section svg[aria-label="Verified"]`). A ✓ typed into the name is text, not this element.
  function verifiedMark(header) {
    const user = header && header.querySelector('h2, h1');
    const around = user && (user.closest('a') || user).parentElement;
    return !!(around && around.querySelector('svg[aria-label="Verified"], svg[aria-label="Vérifié"]'));
  }

  function profile(doc, loc) {
    const want = pageUser(loc);
    if (!want) return null;
    const header = doc.querySelector('main header, header section')?.closest('header') || null;
    let name = '';
    let bio = '';
    const og = /^(.*?)\s*\(@([A-Za-z0-9_.]{1,30})\)/.exec(R.meta(doc, 'og:title'));
    // The page head can still describe the previous profile after in-app navigation.
    const ogNamesPage = !!og && R.same(og[2], want);
    if (ogNamesPage) name = R.clean(og[1]);
    if (header) {
      const user = header.querySelector('h2, h1');
      if (user && R.shownText(user) && !R.same(R.shownText(user).split(/\s/)[0], want)) return null; // the previous profile
      // The full name: the first short text in the header that is not the username or a count.
      if (!name) {
        for (const span of header.querySelectorAll('section span, section div')) {
          const t = R.shownText(span, 200);
          if (t && !R.same(t, want) && !COUNT.test(t) && span.children.length === 0
            && !span.closest('button, [role="button"], a')) { name = t; break; }
        }
      }
      const bioEl = header.querySelector('h1[dir="auto"], span._ap3a, div._aa_c');
      bio = R.shownText(bioEl, 2000);
    } else if (!ogNamesPage) {
      return null;
    }
    const img = picture(header, want) || doc.querySelector(`img[alt="${want}'s profile picture" i]`);
    // The external link under the bio, through l.instagram.com/?u=<address>; the Threads badge and the
    // header's own links (followers, tabs) are Instagram's.
    const links = R.linksIn(header, ['instagram.com', 'threads.net', 'threads.com']);
    // Followers: the header's followers link holds the exact count in its span's title ("48,120") and
    // the rounded one as text ("48K"); the first-load description reads "48K Followers, 3 Following,
    // 12 Posts - …" (rravencode/instacord src/utils/instagram.ts reads the same description).
    const count = header && header.querySelector('a[href$="/followers/"] span[title]');
    const og2 = ogNamesPage ? /^([\d.,\s\u00a0]+[KMB]?)\s+Followers\b/i.exec(R.meta(doc, 'og:description')) : null;
    return {
      anchor: header || doc.body,
      data: { platform: 'instagram', handle: want, name: name || want, bio, avatar: R.src(img) || (ogNamesPage && R.meta(doc, 'og:image')) || null,
        ...(links.length ? { links } : {}), ...R.facts({ followersShown: count ? count.getAttribute('title') : og2 ? og2[1] : '', verified: verifiedMark(header) }) },
    };
  }

  // Follower and following lists, and post dialogs, open in a dialog: each row links to a profile whose
  // link text is the username, beside that user's picture; the full name is the row's next short text.
  const BUTTONS = new Set(['follow', 'following', 'remove', 'requested', 'message']);
  const linkUser = (a) => (a ? decodeURIComponent(a.getAttribute('href') || '').split('/').filter(Boolean)[0] || '' : '');
  // The user's own picture: inside a link to them, or named for them in its alt text. A comment's
  // @mention or a "Liked by" line sits beside someone else's picture: not a row.
  const ownPicture = (row, user) => [...row.querySelectorAll('img')].find((i) => R.same(linkUser(i.closest('a[href^="/"]')), user)
    || (i.getAttribute('alt') || '').toLowerCase().includes(user.toLowerCase()));
  function cells(doc, fresh = () => true) {
    const out = [];
    for (const a of doc.querySelectorAll('[role="dialog"] a[href^="/"][role="link"]')) {
      const user = linkUser(a);
      const shown = R.shownText(a);
      if (!USER.test(user) || shown.startsWith('@') || !R.same(shown, user) || !fresh(a)) continue;
      let row = a.parentElement;
      for (let i = 0; i < 10 && row && !row.querySelector('img'); i++) row = row.parentElement;
      const img = row && ownPicture(row, user);
      if (!img) continue;
      let name = '';
      for (const span of row.querySelectorAll('span')) {
        const t = R.shownText(span, 200);
        // Separators ("·", "•") are not names: a name has a letter or a digit.
        if (span.children.length === 0 && /[\p{L}\p{N}]/u.test(t) && !R.same(t, user) && !BUTTONS.has(t.toLowerCase()) && !span.closest('button, [role="button"], a')) { name = t; break; }
      }
      out.push({ anchor: a, data: { platform: 'instagram', handle: user, name: name || user, avatar: R.src(img) } });
    }
    return out;
  }

  // Addresses of lists of accounts (main.js's self-check): a profile's followers and following, which
  // Instagram opens as a dialog over the profile at /<user>/followers/ and /<user>/following/ (the address
  // extensions on the live site wait for: joaoffalcao/extension routing.js @ 096d91a4, and the followers
  // scrapers in the code index that read `div[role="dialog"] a[href^="/"][role="link"]`, whose
  // repositories the index does not name). Post dialogs (/p/<code>/) are comments, not a list: left out.
  function listPage(loc) {
    const seg = loc.pathname.split('/').filter(Boolean);
    return seg.length === 2 && ['followers', 'following'].includes(seg[1]) && USER.test(seg[0])
      && !vipguardSiteCatalog.notPerson('instagram', seg[0]);
  }
  // How Instagram draws an empty followers list, a failed one or one still loading is not known from any
  // source, and a private account's or a logged-out reader's address shows no list at all. So the
  // self-check asks for the notice only when the list is there to be read: a dialog on show holding a link
  // to an account (`/<username>/`), as every row does, and no account read from it after the wait. Any
  // other page under these addresses counts as empty (no notice): a layout that drops the dialog, or the
  // rows' links, goes unreported, which is preferred to a notice on every private account.
  // (Usernames are ASCII: the address is read as written, never decoded, so a malformed one is no row.)
  // A row's link read by its path whether written relative or absolute, and not by the selector `cells`
  // reads rows with: if those links change form, this still sees the rows and the notice comes.
  const rowLink = (a) => {
    let url;
    try {
      url = new URL(a.getAttribute('href') || '', location.href);
    } catch {
      return false;
    }
    const m = /^\/([^/]+)\/?$/.exec(url.pathname);
    return /(^|\.)instagram\.com$/.test(url.hostname) && !!m && USER.test(m[1]) && !vipguardSiteCatalog.notPerson('instagram', m[1]);
  };
  const listEmpty = (doc) => ![...doc.querySelectorAll('[role="dialog"] a[href]')].some((a) => rowLink(a) && R.onShow(a));
  return { name: 'instagram', matches, profile, cells, profilePage: (loc) => !!pageUser(loc), listPage, listEmpty, badgeSpot: (a) => a };
})());

// Test pages:
//   tests/e2e/fixtures/sites/instagram-followers-fr.html tests/e2e/fixtures/sites/instagram-followers.html
//   tests/e2e/fixtures/sites/instagram-post-dialog.html tests/e2e/fixtures/sites/instagram-profile.html
//   tests/e2e/fixtures/sites/instagram-reels-fr.html tests/e2e/fixtures/sites/instagram-stale-head.html
//   tests/e2e/fixtures/sites/instagram-link.html tests/e2e/fixtures/sites/instagram-late-counts.html
// The self-check on lists (listPage, listEmpty): instagram-followers.html (read: no notice),
//   tests/e2e/fixtures/sites/instagram-followers-unreadable.html (rows whose links are no longer role="link": the notice),
//   tests/e2e/fixtures/sites/instagram-followers-empty.html (the dialog with no row: none),
//   tests/e2e/fixtures/sites/instagram-followers-private.html (a private account, no dialog: none).
