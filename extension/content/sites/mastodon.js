// Mastodon, on any server: recognised by its markup (the #mastodon app root, or Mastodon's own
// profile:username and ActivityPub links), never by a host list. Profile pages (/@user and
// /@user@remote), and every account shown in timelines, threads and follower lists.
//
// Read as Mastodon's web app renders it (mastodon/mastodon, docs/sources/mastodon.md names each file
// and commit). Servers serve one of three profile headers: the classic one (.account__header, the
// @acct in h1 > small), the one behind the profile_redesign flag (Feb–Apr 2026: the @acct in a <p>),
// and the redesign on main since April 2026 (no .account__header classes; CSS-module names that are
// hashed, so it is read by its structure: the name in h1 > bdi, the @user@domain in the button or
// paragraph beside it). Statuses come classic (.status__display-name) or redesigned (a <header>
// whose links carry title="@acct").
// Links: the metadata fields' values (classic: .account__header__fields dl > dd, from
// features/account_timeline/components/fields.tsx @ 978d1289; redesign: dl > dt + dd > span[data-contents]
// from components/account_header/fields.tsx @ 03006bdf), links there being <a> in the value's HTML,
// rel="me" on the verified ones.
'use strict';

vipguardSites.push((() => {
  const R = vipguardRead;
  // Mastodon's own usernames are letters, digits and _; remote servers (Pixelfed, Misskey …) also
  // allow . and - inside one.
  const USER = '[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?';
  const ACCT = new RegExp(`^@?(${USER})(?:@([A-Za-z0-9.-]+\\.[A-Za-z]{2,}))?$`);
  // A profile's address, on its tabs too (/@user/with_replies, /@user/tagged/tag).
  const PAGE = new RegExp(`^/@(${USER})(?:@([A-Za-z0-9.-]+))?(?:/(?:with_replies|media|featured|followers|following|tagged/[^/]+))?/?$`);

  function matches(loc, doc) {
    return !!(doc.querySelector('#mastodon[data-props], body.app-body #mastodon, .app-holder#mastodon')
      || (doc.querySelector('link[rel="alternate"][type="application/activity+json"]') && /mastodon/i.test(R.meta(doc, 'og:site_name') + R.meta(doc, 'application-name') + (doc.querySelector('script#initial-state') ? ' mastodon' : ''))));
  }

  // user@server from "@user" or "@user@server" as shown, on this server by default.
  function acct(text, loc) {
    const m = ACCT.exec(R.clean(text, 200));
    return m ? `${m[1]}@${(m[2] || loc.hostname).toLowerCase()}` : null;
  }

  // The address's path as Mastodon routes it: the advanced layout opens pages under /deck/ and routes
  // them without it (app/javascript/mastodon/components/router.tsx, normalizePath).
  const routePath = (loc) => decodeURIComponent(loc.pathname).replace(/^\/deck(?=\/)/, '');

  function pageAcct(loc) {
    const m = PAGE.exec(routePath(loc));
    return m ? `${m[1]}@${(m[2] || loc.hostname).toLowerCase()}` : null;
  }

  // Mastodon 4.3 follows the @user@server with a button showing the server again (the domain pill).
  function withoutButtons(el) {
    if (!el.querySelector('button')) return el;
    const copy = el.cloneNode(true);
    copy.querySelectorAll('button').forEach((b) => b.remove());
    return copy;
  }

  // The redesigned header: the shown h1 whose block also shows the page's @user@domain (in a button,
  // or a paragraph in the flag era). Class names there are hashed: structure only.
  function redesignedHeader(doc, loc, want) {
    for (const h1 of doc.querySelectorAll('.column h1, [role="region"] h1, main h1')) {
      if (!h1.getClientRects().length) continue;
      let box = h1.parentElement;
      for (let i = 0; i < 4 && box; i++, box = box.parentElement) {
        const handleEl = [...box.querySelectorAll('button, p')].find((el) => el !== h1 && !el.contains(h1) && /^@?[^@\s]+@[^@\s]+$/.test(R.shownText(el)));
        if (!handleEl) continue;
        const shown = acct(R.shownText(handleEl), loc);
        if (!shown || !R.same(shown, want)) return null;
        let root = box;
        for (let j = 0; j < 4 && root.parentElement && !root.querySelector('.account__avatar img'); j++) root = root.parentElement;
        const nameEl = h1.querySelector('bdi') || h1;
        const bio = R.shownText(root.querySelector('[class*="_bio_"], .account__header__content'), 2000);
        const img = root.querySelector('.account__avatar img');
        return { anchor: h1, data: withLinks({ platform: 'mastodon', handle: want, name: R.shownText(nameEl), bio, avatar: R.src(img), ...headerFacts(root) }, fieldLinks(root, loc)) };
      }
    }
    return null;
  }

  // The profile's metadata fields (name/value pairs under the bio): the links in their values, which
  // Mastodon marks rel="me" (a verified one is a link back to the profile). Classic header:
  // .account__header__fields > dl > dt + dd; redesign: dl > (card) > dt + dd > span[data-contents].
  // Mentions and hashtags in a value are the server's own pages, not the account's sites.
  function fieldLinks(root, loc) {
    if (!root) return [];
    const anchors = [...root.querySelectorAll('dl dd a[href], a[rel~="me"][href]')].filter((a) => !a.matches('.mention, .hashtag') && !a.closest('.account__header__content, [class*="_bio_"]'));
    return R.linksIn(anchors, [loc.hostname.toLowerCase()]);
  }
  const withLinks = (data, links) => (links.length ? { ...data, links } : data);

  // The header's facts (features/account_timeline/components/number_fields.tsx @ 064c33ee): the
  // followers link's title is the exact count (intl.formatNumber), its text the rounded one
  // (ShortNumber, in a <strong>: components/counters.tsx @ 0cca6583); "Joined" is the classic header's
  // first field (dl > dd), or .account__header__joined on 4.2, or the redesign's "Joined on
  // <strong>date</strong>" among the number links. The counts are <strong> too: the date is the
  // candidate with a year in it.
  function headerFacts(root) {
    if (!root) return {};
    const followers = root.querySelector('a[href$="/followers"]');
    const joined = [...root.querySelectorAll('.account__header__joined strong, .account__header__fields dl:first-child dd, .account__header__extra__links a:not([href$="/followers"]):not([href$="/following"]) strong')]
      .map((el) => R.shownText(el, 60)).find((t) => /(^|\D)(19|20)\d\d(\D|$)/.test(t));
    return R.facts({
      followersShown: followers ? followers.getAttribute('title') || R.shownText(followers.querySelector('strong, span')) : '',
      joinedShown: joined || '',
    });
  }

  function profile(doc, loc) {
    const want = pageAcct(loc);
    if (!want) return null;
    const header = doc.querySelector('.account__header');
    if (!header || !header.querySelector('small')) return redesignedHeader(doc, loc, want);
    const nameBox = header.querySelector('.account__header__tabs__name h1, .account__header__tabs__name');
    if (!nameBox) return null;
    const small = nameBox.querySelector('small');
    const shown = small ? acct(R.shownText(withoutButtons(small)).split(/\s/)[0], loc) : null;
    // Only the account the address names (a stale header from the previous page is not it).
    if (shown && !R.same(shown, want)) return null;
    const nameEl = nameBox.querySelector('span:not(small span)') || nameBox;
    const name = R.shownText(nameEl);
    const bio = R.shownText(header.querySelector('.account__header__content, .account__header__bio .account__header__content'), 2000);
    const img = header.querySelector('.account__avatar img, .account__header__tabs img');
    return { anchor: nameBox, data: withLinks({ platform: 'mastodon', handle: want, name, bio, avatar: R.src(img), ...headerFacts(header) }, fieldLinks(header.querySelector('.account__header__fields'), loc)) };
  }

  // Accounts shown in statuses (.status__display-name) and account lists (.account .display-name);
  // redesigned statuses: the status's <header>, whose links carry title="@acct".
  function cells(doc, fresh = () => true) {
    const out = [];
    for (const hdr of doc.querySelectorAll('.status header, .detailed-status header')) {
      if (hdr.querySelector('.status__display-name') || !fresh(hdr)) continue;
      const link = hdr.querySelector('a[title^="@"][data-hover-card-account], a[title^="@"]');
      const handle = link ? acct(link.getAttribute('title'), location) : null;
      if (!handle) continue;
      const nameEl = hdr.querySelector('.display-name__html, bdi');
      const img = hdr.querySelector('.account__avatar img');
      out.push({ anchor: hdr, data: { platform: 'mastodon', handle, name: R.shownText(nameEl) || handle.split('@')[0], avatar: R.src(img) } });
    }
    for (const block of doc.querySelectorAll('.status__display-name, .account .display-name, .detailed-status__display-name')) {
      if (block.closest('.account__header')) continue;
      if (!fresh(block)) continue;
      const handleEl = block.querySelector('.display-name__account');
      const nameEl = block.querySelector('.display-name__html, bdi strong, strong');
      const handle = handleEl ? acct(R.shownText(handleEl), location) : null;
      if (!handle) continue;
      const container = block.closest('.status, .account, .detailed-status') || block;
      const img = container.querySelector('.account__avatar img, .status__avatar img');
      out.push({ anchor: block, data: { platform: 'mastodon', handle, name: R.shownText(nameEl) || handle.split('@')[0], avatar: R.src(img) } });
    }
    return out;
  }

  const badgeSpot = (block) => block.querySelector('.display-name') || block.querySelector('p:last-of-type, a[title^="@"]') || block;
  // Addresses of lists of accounts (the web interface's routes): a profile's followers and following, who
  // favourited or boosted a status.
  const LIST = new RegExp(`^/@${USER}(?:@[A-Za-z0-9.-]+)?/(?:followers|following|\\d+/(?:favourites|reblogs))/?$`);
  const listPage = (loc) => LIST.test(routePath(loc));
  // A list that says it is empty ("No one follows this user yet"): Mastodon draws its empty message in
  // .empty-column-indicator (app/javascript/mastodon/components/scrollable_list.jsx @af97a6a). Only the
  // page's own column counts: in the advanced layout the reviewer's pinned columns come first and the
  // page's route last, in the single-column layout the route is alone in the main panel
  // (features/ui/components/columns_area.jsx @1a00478), and a pinned column's empty message says nothing
  // of this list. Markup with neither layout is read whole.
  const routedColumn = (doc) => {
    const area = doc.querySelector('.columns-area__panels__main .columns-area') || doc.querySelector('.columns-area');
    return (area && area.lastElementChild) || doc;
  };
  const listEmpty = (doc) => !!routedColumn(doc).querySelector('.empty-column-indicator');
  return { name: 'mastodon', matches, profile, cells, profilePage: (loc) => !!pageAcct(loc), listPage, listEmpty, badgeSpot };
})());

// Test pages:
//   tests/e2e/fixtures/sites/mastodon-43.html tests/e2e/fixtures/sites/mastodon-profile.html
//   tests/e2e/fixtures/sites/mastodon-redesign.html tests/e2e/fixtures/sites/mastodon-remote-dot.html
//   tests/e2e/fixtures/sites/mastodon-redesign-stale.html
//   tests/e2e/fixtures/sites/mastodon-fields.html tests/e2e/fixtures/sites/mastodon-fields-redesign.html
