// GitHub (github.com): user and organisation profile pages (the vcard, or the org header), and the
// people in follower, following and stargazer lists.
// Organisation pages: recognised as refined-github/github-url-detection index.ts @ 50bd30f3 does
// (isOrganizationProfile: meta[name="hovercard-subject-tag"][content^="organization"]); the header
// read by its structure (avatar img[itemprop="image"] alt "@login", h1, .color-fg-muted > div, the
// list's a[itemprop="url"]), the same column an open-source page-info userscript in the code index
// reads the description from (header … div.flex-1.d-flex.flex-column.gap-2 > div.color-fg-muted > div);
// the 2020 .orghead markup is still read as a fallback. Users: the vcard's names, h1.vcard-names with
// .p-name and .p-nickname (.vcard-username), as Codennnn/Green-Wall plugins/bookmarklet.ts @57ca8c5 reads
// the login on live profile pages (`h1.vcard-names .vcard-username`); the vcard's li[itemprop="url"] and
// li[itemprop="social"] links in ul.vcard-details (the list coderstats/cxt_coderstats
// coderstats/coderstats.js adds its own li.vcard-detail[itemprop="url"] to, and SO-JNU/
// github-nickname-annotator annotator.js @42d7c1f its li.vcard-detail, under .vcard-details;
// docs/extension.md, "Link fields").
// Verified mark: GitHub verifies organisations' domains, not people (a user's profile has no verified
// mark; the "Pro" and achievement badges say nothing about identity). An organisation that verified a
// domain shows, beside its name, a `details` whose `summary` is a green Label ("Verified") and whose
// popover says "We've verified that the organization <strong>login</strong> controls the domain:" then
// each domain in `li strong`: the markup an accessibility snapshot test in the code index holds for
// github.com/microsoft (the index names no repository for that file; doubtful until checked on a live
// page). Read by that structure and the login in it, so a "Verified" typed into the name or description
// is not it.
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

  // The outside links under `roots`: a user's website and social accounts, an organisation's website.
  const links = (roots) => R.linksIn([...roots], ['github.com']);
  const withLinks = (data, found) => (found.length ? { ...data, links: found } : data);

  // An organisation's page as GitHub renders it today: the page says it is one in its
  // hovercard-subject-tag meta ("organization:<id>"), and its header holds the avatar
  // (img[itemprop="image"], alt "@login"), then a column with the name (h1), the description
  // (.color-fg-muted > div) and a list with the website (a[itemprop="url"]) and social links.
  function organisation(doc, want) {
    if (!/^organization:/.test(R.meta(doc, 'hovercard-subject-tag'))) return null;
    const img = [...doc.querySelectorAll('header img[itemprop="image"], header img.avatar')].find((i) => /^@/.test(i.getAttribute('alt') || ''));
    const box = img && img.parentElement.querySelector('.flex-column, .flex-1');
    if (!box) return null;
    const login = img.getAttribute('alt').slice(1);
    if (!R.same(login, want)) return null;
    const nameEl = box.querySelector('h1');
    const data = { platform: 'github', handle: login, name: R.shownText(nameEl) || login,
      bio: R.shownText(box.querySelector(':scope > .color-fg-muted'), 2000), avatar: R.src(img), ...followers(box, verifiedDomain(box, login)) };
    return { anchor: nameEl || box, data: withLinks(data, links(box.querySelectorAll('a[itemprop="url"], li a[rel~="nofollow"]'))) };
  }

  // The followers count beside the profile (a user's "N followers" link, ?tab=followers; an
  // organisation's /orgs/<login>/followers), its number in span.text-bold as GitHub shows it ("1.2k").
  function followers(root, verified = false) {
    const a = root && root.querySelector('a[href$="?tab=followers"], a[href$="/followers"]');
    return R.facts({ followersShown: R.shownText(a && a.querySelector('.text-bold'), 40), verified });
  }

  // The organisation's verified-domain badge (see the top of this file): a details in the header whose
  // summary is a Label and whose popover names this organisation and lists at least one domain (a host
  // name in li strong).
  const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
  function verifiedDomain(box, login) {
    for (const d of box.querySelectorAll('details')) {
      if (!d.querySelector(':scope > summary.Label')) continue;
      const names = [...d.querySelectorAll('p strong')].map((el) => R.shownText(el, 60));
      // At least one domain listed: a host name, not any bold text.
      const domains = [...d.querySelectorAll('li strong')].map((el) => R.shownText(el, 260));
      if (names.some((n) => R.same(n, login)) && domains.some((t) => DOMAIN.test(t))) return true;
    }
    return false;
  }

  function profile(doc, loc) {
    const want = pageLogin(loc);
    if (!want) return null;
    const org = organisation(doc, want);
    if (org) return org;
    // A user: the vcard; an organisation in the 2020 markup: its header and the profile:username meta tag.
    const nick = doc.querySelector('.vcard-names .p-nickname, .vcard-username');
    // The login is the nickname's first word: signed-in viewers see "login · pronouns" there.
    const login = nick ? R.shownText(nick).split(/\s/)[0] : R.meta(doc, 'profile:username');
    if (!login || !R.same(login, want)) return null;
    const nameEl = doc.querySelector('.vcard-names .p-name, .vcard-fullname') || doc.querySelector('.orghead h1, [itemtype$="Organization"] h1');
    const bioEl = doc.querySelector('.user-profile-bio, .p-note') || doc.querySelector('.orghead .color-fg-muted');
    const img = doc.querySelector('img.avatar-user.width-full, .js-profile-editable-area img.avatar, .orghead img.avatar, img.avatar[itemprop="image"]');
    const anchor = nick || nameEl || doc.body;
    // The vcard's website (li[itemprop="url"], data-test-selector="profile-website-url") and social
    // accounts (li[itemprop="social"]).
    const found = links(doc.querySelectorAll('.vcard-details [itemprop="url"], [data-test-selector="profile-website-url"], .vcard-details [itemprop="social"]'));
    return { anchor, data: withLinks({ platform: 'github', handle: login, name: R.shownText(nameEl) || login, bio: R.shownText(bioEl, 2000), avatar: R.src(img),
      ...followers(doc.querySelector('.js-profile-editable-area, .vcard-details') || doc.querySelector('.orghead')) }, found) };
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
  // Addresses of lists of accounts: a user's followers and following tabs, a repository's stargazers and
  // watchers.
  function listPage(loc) {
    const seg = loc.pathname.split('/').filter(Boolean);
    if (seg.length === 1 && LOGIN.test(seg[0])) return ['followers', 'following'].includes(new URLSearchParams(loc.search).get('tab'));
    return seg.length === 3 && LOGIN.test(seg[0]) && ['stargazers', 'watchers'].includes(seg[2]);
  }
  // A list that says it is empty ("… doesn't have any followers yet", no stargazers): Primer's blankslate.
  const listEmpty = (doc) => !!doc.querySelector('main .blankslate, #js-pjax-container .blankslate');
  return { name: 'github', matches, profile, cells, profilePage: (loc) => !!pageLogin(loc), listPage, listEmpty, badgeSpot };
})());

// Test pages:
//   tests/e2e/fixtures/sites/github-profile.html tests/e2e/fixtures/sites/github-pronouns.html
//   tests/e2e/fixtures/sites/github-stargazers.html tests/e2e/fixtures/sites/github-org.html
//   tests/e2e/fixtures/sites/github-user-site.html
