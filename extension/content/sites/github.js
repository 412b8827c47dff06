// GitHub (github.com): user and organisation profile pages (the vcard, or the org header), and the
// people in follower, following and stargazer lists.
'use strict';

vipguardSites.push((() => {
  const R = vipguardRead;
  const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
  const matches = (loc) => vipguardSiteCatalog.isPage('github', loc.hostname);

  function pageLogin(loc) {
    const seg = loc.pathname.split('/').filter(Boolean);
    if (seg.length === 1 && LOGIN.test(seg[0])) return seg[0];
    if (seg.length === 2 && seg[0] === 'orgs' && LOGIN.test(seg[1])) return seg[1];
    return null;
  }

  function profile(doc, loc) {
    const want = pageLogin(loc);
    if (!want) return null;
    // A user: the vcard; an organisation: its header and the profile:username meta tag.
    const nick = doc.querySelector('.vcard-names .p-nickname, .vcard-username');
    // The login is the nickname's first word: signed-in viewers see "login · pronouns" there.
    const login = nick ? R.shownText(nick).split(/\s/)[0] : R.meta(doc, 'profile:username');
    if (!login || !R.same(login, want)) return null;
    const nameEl = doc.querySelector('.vcard-names .p-name, .vcard-fullname') || doc.querySelector('.orghead h1, [itemtype$="Organization"] h1');
    const bioEl = doc.querySelector('.user-profile-bio, .p-note') || doc.querySelector('.orghead .color-fg-muted');
    const img = doc.querySelector('img.avatar-user.width-full, .js-profile-editable-area img.avatar, .orghead img.avatar, img.avatar[itemprop="image"]');
    const anchor = nick || nameEl || doc.body;
    return { anchor, data: { platform: 'github', handle: login, name: R.shownText(nameEl) || login, bio: R.shownText(bioEl, 2000), avatar: R.src(img) } };
  }

  // Rows of follower, following and stargazer lists (and the stargazers' grid of cards, li.col-md-4):
  // the avatar link names the login.
  function cells(doc, fresh = () => true) {
    const out = [];
    for (const row of doc.querySelectorAll('.d-table.table-fixed, .follow-list-item, li.follow-list-item, li.col-md-4')) {
      if (!fresh(row)) continue;
      const link = row.querySelector('a[data-hovercard-type="user"][href^="/"], a[data-hovercard-type="organization"][href^="/"]');
      if (!link) continue;
      const login = link.getAttribute('href').replace(/^\//, '').split(/[/?#]/)[0];
      if (!LOGIN.test(login)) continue;
      const nameEl = row.querySelector('.f4.Link--primary, .follow-list-name, h2 a');
      const img = row.querySelector('img.avatar');
      out.push({ anchor: row, data: { platform: 'github', handle: login, name: R.shownText(nameEl) || login, avatar: R.src(img) } });
    }
    return out;
  }

  // After the login where a row shows it; follow-list rows show only the name (the block after it,
  // "Joined on …", is on its own line).
  const badgeSpot = (row) => row.querySelector('.Link--secondary')?.parentElement || row.querySelector('.follow-list-name') || row;
  return { name: 'github', matches, profile, cells, profilePage: (loc) => !!pageLogin(loc), badgeSpot };
})());

// Test pages:
//   tests/e2e/fixtures/sites/github-profile.html tests/e2e/fixtures/sites/github-pronouns.html
//   tests/e2e/fixtures/sites/github-stargazers.html
