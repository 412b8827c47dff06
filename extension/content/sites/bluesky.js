// Bluesky (bsky.app): profile pages (/profile/handle or /profile/did:…), account lists (followers,
// following, likes, reposts, search) and post authors in feeds and threads.
//
// Read as the real app renders it: bluesky-social/social-app, see docs/sources/bluesky.md for each
// item's file and commit. The app keeps up to five earlier screens mounted and hidden (display:none,
// aria-hidden) inside div[role="main"], so only what is shown counts; the profile header has no handle
// testID (the avatar button's label names the handle); list rows are links to /profile/<DID> labelled
// with the raw display name (the label translated; the search autocomplete's names the handle instead),
// the avatar a link to /profile/<handle>; and the app strips ✅ ✓ ✔ ☑ and
// direction marks from display names before drawing them, so the raw name comes from the page's
// first-load og:title when it describes this account.
// Links: the description is a RichText whose link facets render as InlineLinkText, an <a> whose href is
// the facet's uri and whose text is toShortUrl(the facet's text) (src/components/RichText.tsx @
// 01f09c46): the href is read, never the text.
// Verified mark: the header row holds the name (profileHeaderDisplayName) and, beside it, ProfileBadges
// (src/screens/Profile/Header/DisplayName.tsx @ 00521b6d; src/components/ProfileBadges.tsx @ 0afd64a7):
// VerificationCheckButton (src/components/verification/VerificationCheckButton.tsx @ 094a8774), a button
// whose label is translated ("View this user's verifications") around VerificationCheck: VerifiedCheck,
// or VerifierCheck for a trusted verifier, each a 24x24 react-native-svg icon of a shape filled `fill`
// under a white tick (src/components/icons/VerifiedCheck.tsx @ e8e65583: a circle r 11.5 at 12,12, then
// the tick path "M17.659 8.175…"; VerifierCheck.tsx @ 73fe15f1: a scalloped path "M8.792 1.615…", then
// the tick "M17.861 8.26…"). Read by that structure, the tick's path included, so another icon with a
// coloured layer under a white one (a music note, a labeller's badge) is not it. The fill is primary_500
// (the theme's blue) when the profile is verified (verification.verifiedStatus 'valid'), bg_contrast_100
// (grey) when a trusted verifier who issued a verification looks at an unverified one: only a blue one
// counts. Newer builds draw the icons as glyphs of an icon font (createNanoIcon, VerifiedCheck.tsx @
// 3be8f2da): a character with nothing verified-specific in the markup, not read.
// The first-load page (og tags, no JSON-LD) does not carry verification.
'use strict';

vipguardSites.push((() => {
  const R = vipguardRead;
  const HANDLE = /^@?([A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,})$/;
  // A handle inside a label ("View kwabena.bsky.social's avatar", "Follow kwabena.bsky.social").
  const HANDLE_IN = /([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?=$|['’\s])/;
  const matches = (loc) => vipguardSiteCatalog.isPage('bluesky', loc.hostname);

  function pageHandle(loc) {
    const m = /^\/profile\/([^/]+)\/?$/.exec(decodeURIComponent(loc.pathname));
    return m ? m[1].toLowerCase() : null;
  }

  // On screen: not in a hidden earlier screen.
  const shown = (el) => !!el && el.getClientRects().length > 0 && !el.closest('[aria-hidden="true"]');

  function labelHandle(el) {
    const m = el && HANDLE_IN.exec(el.getAttribute('aria-label') || '');
    return m ? m[1].toLowerCase() : null;
  }

  // The display name; an account without one shows its handle there, in direction marks that are
  // Bluesky's, not the account's.
  function shownName(el, handle) {
    const t = R.shownText(el);
    return R.same(R.handleText(t), handle) ? R.handleText(t) : t || handle.split('.')[0];
  }

  // The name as the account wrote it, from the first-load og:title "Name (@handle)", when it is this
  // account's: the app's own rendering has had ✅ and direction marks taken out.
  function rawName(doc, handle) {
    const m = /^(.*) \(@([^)\s]+)\)$/s.exec(R.meta(doc, 'og:title'));
    return m && R.same(m[2], handle) ? R.clean(m[1], 200) : null;
  }

  // The header's followers count as the app draws it (src/screens/Profile/Header/Metrics.tsx @ 05863426:
  // the profileHeaderFollowersButton link, its first text the count formatted by formatCount, Intl's
  // compact notation: "1.2K", "1,2 k" in French).
  function facts(screen, nameEl) {
    const button = screen.querySelector('[data-testid="profileHeaderFollowersButton"]');
    const first = button && [...button.children].find((c) => R.shownText(c));
    return R.facts({ followersShown: first ? R.shownText(first, 40) : '', verified: verifiedMark(nameEl) });
  }

  // The check beside the header's name (see the top of this file): a button in the name's own row
  // holding VerifiedCheck's or VerifierCheck's svg, its shape blue and its tick white. A ✅ in the name is
  // text.
  const TICKS = [
    { shape: (e) => e.localName === 'circle' && ['cx', 'cy', 'r'].map((a) => e.getAttribute(a)).join() === '12,12,11.5', tick: 'M17.659 8.175' },
    { shape: (e) => e.localName === 'path' && (e.getAttribute('d') || '').startsWith('M8.792 1.615'), tick: 'M17.861 8.26' },
  ];
  function verifiedMark(nameEl) {
    const row = nameEl && nameEl.parentElement;
    if (!row) return false;
    for (const button of row.querySelectorAll('button, [role="button"]')) {
      if (button.contains(nameEl)) continue;
      for (const svg of button.querySelectorAll('svg')) {
        if ((svg.getAttribute('viewBox') || '').trim() !== '0 0 24 24') continue;
        const [shape, tick, ...rest] = svg.children;
        if (!shape || !tick || rest.length) continue;
        const kind = TICKS.find((k) => k.shape(shape));
        if (!kind || tick.localName !== 'path' || !(tick.getAttribute('d') || '').startsWith(kind.tick)) continue;
        if (blue(fillOf(shape)) && white(fillOf(tick))) return true;
      }
    }
    return false;
  }
  // The fill as the browser resolved it ("rgb(0, 106, 255)"), whatever form the attribute took.
  function fillOf(el) {
    const view = el.ownerDocument.defaultView;
    const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)$/.exec(view ? view.getComputedStyle(el).fill : '');
    return m && (m[4] === undefined || Number(m[4]) > 0.5) ? [1, 2, 3].map((i) => Number(m[i])) : null;
  }
  const white = (c) => !!c && c.every((v) => v >= 240);
  // The theme's primary blue (primary_500, hue about 211-215 in social-app's palettes): a saturated colour
  // whose hue is blue; bg_contrast_100 is a grey.
  function blue(c) {
    if (!c) return false;
    const [r, g, b] = c;
    const max = Math.max(r, g, b);
    const min = Math.min(r, g, b);
    if (max !== b || max - min < 96) return false;
    const hue = 60 * (4 + (r - g) / (max - min));
    return hue >= 195 && hue <= 235;
  }

  function profile(doc, loc) {
    const want = pageHandle(loc);
    if (!want) return null;
    const nameEl = [...doc.querySelectorAll('[data-testid="profileHeaderDisplayName"]')].find(shown);
    if (!nameEl) return null;
    const screen = nameEl.closest('[data-testid="profileScreen"], [data-testid="profileView"]') || doc;
    const avi = screen.querySelector('[data-testid="profileHeaderAviButton"]');
    let handle = labelHandle(avi) || labelHandle(screen.querySelector('[data-testid="followBtn"], [data-testid="unfollowBtn"]'));
    if (!handle) {
      // The @handle line under the name.
      for (const el of screen.querySelectorAll('[dir="auto"]')) {
        const m = HANDLE.exec(R.handleText(R.shownText(el)));
        if (m && R.handleText(R.shownText(el)).startsWith('@')) { handle = m[1].toLowerCase(); break; }
      }
    }
    handle = handle || want;
    // Addresses may name the account by its DID; a shown handle that differs from a handle address is
    // a page still showing the previous profile.
    if (!want.startsWith('did:') && handle !== want) return null;
    const img = (avi || screen).querySelector('[data-testid="userAvatarImage"] img, img');
    const description = screen.querySelector('[data-testid="profileHeaderDescription"]');
    // Bluesky has no website field: the description's links are the profile's. Their shown text is
    // shortened (toShortUrl) or, from other clients, any text at all: the href is the address.
    const links = R.linksIn(description, ['bsky.app']);
    return {
      anchor: nameEl,
      data: { platform: 'bluesky', handle, name: rawName(doc, handle) || shownName(nameEl, handle),
        bio: R.shownText(description, 2000), avatar: R.src(img), ...(links.length ? { links } : {}), ...facts(screen, nameEl) },
    };
  }

  // A list row (followers, following, likes, reposts, search): a link to /profile/<DID> labelled "View
  // <display name>'s profile", with the avatar a link to /profile/<handle> inside it.
  function rowData(row) {
    const avatarLink = [...row.querySelectorAll('a[href^="/profile/"]')].find((a) => a.querySelector('[data-testid="userAvatarImage"], [data-testid="userAvatarFallback"]'));
    let handle = avatarLink ? decodeURIComponent(avatarLink.getAttribute('href')).split('/')[2].toLowerCase() : null;
    let handleEl = null;
    for (const el of row.querySelectorAll('[dir="auto"]')) {
      const t = R.handleText(R.shownText(el));
      if (t.startsWith('@') && HANDLE.test(t)) { handleEl = el; if (!handle || handle.startsWith('did:')) handle = HANDLE.exec(t)[1].toLowerCase(); break; }
    }
    if (!handle || !HANDLE.test(handle)) return null;
    let drawn = '';
    for (const el of row.querySelectorAll('[dir="auto"]')) {
      const t = R.shownText(el);
      if (t && el !== handleEl && !el.closest('button, [role="button"]')) { drawn = t; break; }
    }
    const name = labelName(row.getAttribute('aria-label') || '', drawn, handle) || drawn;
    const img = avatarLink && avatarLink.querySelector('img');
    return { data: { platform: 'bluesky', handle, name: name || handle.split('.')[0], avatar: R.src(img) }, handleEl };
  }

  // The raw display name in a row's label, "View <name>'s profile" (ProfileCard.Link; the drawn name has
  // had ✅ and direction marks taken out). The label is translated ("Voir le profil de …"), so in other
  // languages the name is found as the part of the label that Bluesky's sanitising turns into the drawn
  // name. A label naming the handle (the search autocomplete's, or an account without a display name)
  // holds no name: the drawn one is used.
  function labelName(label, drawn, handle) {
    const en = /^View (.*)['’]s profile$/s.exec(label);
    const name = R.clean(en ? en[1] : rawIn(label, drawn), 200);
    return name && !R.same(R.handleText(name), handle) ? name : '';
  }
  // What sanitizeDisplayName takes out (src/lib/strings/display-names.ts: CHECK_MARKS_RE, CONTROL_CHARS_RE)
  // and the spaces it collapses and trims.
  const DROPPED = /[\u2705\u2713\u2714\u2611\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
  const SPACE = /[\s\u200B]/u;
  // The longest stretch of `label` that sanitises to `drawn`: matched character by character, dropped
  // characters skipped, a run of spaces matching one; then widened over dropped characters on each side.
  function rawIn(label, drawn) {
    const want = [...drawn];
    const chars = [...label];
    let best = '';
    for (let i = 0; want.length && i < chars.length; i++) {
      if (chars[i] !== want[0]) continue;
      let j = i;
      let k = 0;
      while (j < chars.length && k < want.length) {
        if (SPACE.test(want[k]) && SPACE.test(chars[j])) { while (j < chars.length && (SPACE.test(chars[j]) || DROPPED.test(chars[j]))) j++; k++; continue; }
        if (chars[j] === want[k]) { j++; k++; continue; }
        if (DROPPED.test(chars[j])) { j++; continue; }
        break;
      }
      if (k < want.length) continue;
      let a = i;
      while (a > 0 && (DROPPED.test(chars[a - 1]) || SPACE.test(chars[a - 1]))) a--;
      while (j < chars.length && (DROPPED.test(chars[j]) || SPACE.test(chars[j]))) j++;
      const raw = chars.slice(a, j).join('').trim();
      if (raw.length > best.length) best = raw;
    }
    return best;
  }

  function cells(doc, fresh = () => true) {
    const out = [];
    for (const row of doc.querySelectorAll('[role="main"] a[role="link"][href^="/profile/"][aria-label]')) {
      // A row holds the account's avatar link; a post's name link holds no link itself.
      if (!row.querySelector('a[href^="/profile/"]') || !shown(row) || !fresh(row)) continue;
      const r = rowData(row);
      if (r) out.push({ anchor: row, data: r.data });
    }
    for (const card of doc.querySelectorAll('[data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"]')) {
      if (!shown(card) || !fresh(card)) continue;
      const id = card.getAttribute('data-testid');
      const handle = id.replace(/^(feedItem-by-|postThreadItem-by-)/, '').toLowerCase();
      if (!HANDLE.test(handle)) continue;
      // The display name: the first text (a link in posts, a plain block in cards) after the avatar that
      // is not the @handle, a button or the post itself. Above the avatar are a post's "Reposted by …"
      // (a link to the reposter, or to the author) and "Pinned" lines.
      const avatar = card.querySelector('[data-testid="userAvatarImage"]');
      let name = '';
      for (const el of card.querySelectorAll(`a[href="/profile/${handle}" i], [dir="auto"]`)) {
        if (el.closest('button, [data-testid="postText"]')) continue;
        if (avatar && avatar.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) continue;
        const link = el.closest('a[href^="/profile/"]');
        if (link && card.contains(link) && !R.same(decodeURIComponent(link.getAttribute('href')).split('/')[2], handle)) continue;
        const t = R.shownText(el);
        if (t && !R.handleText(t).startsWith('@')) { name = R.same(R.handleText(t), handle) ? R.handleText(t) : t.replace(/\s*@\S+$/, ''); break; }
      }
      const img = avatar && avatar.querySelector('img');
      out.push({ anchor: card, data: { platform: 'bluesky', handle, name: name || handle.split('.')[0], avatar: R.src(img) } });
    }
    return out;
  }

  // After the @handle, on its line.
  function badgeSpot(card) {
    for (const el of card.querySelectorAll('a[href^="/profile/"], [dir="auto"]')) {
      if (R.handleText(R.shownText(el)).startsWith('@')) return el;
    }
    return card;
  }
  // Addresses of lists of accounts, by social-app's routes (src/routes.ts): followers, follows, known
  // followers; who liked a post, a feed or a labeler; who reposted a post. Search is left out: its first
  // tab is posts, and a search may find nothing.
  const LIST = /^\/profile\/[^/]+\/(?:followers|follows|known-followers|post\/[^/]+\/(?:liked-by|reposted-by)|feed\/[^/]+\/liked-by|labeler\/liked-by)\/?$/;
  const listPage = (loc) => LIST.test(loc.pathname);
  // A followers or follows list that says it is empty. Both screens (Layout.Screen testID
  // profileFollowersScreen, profileFollowsScreen: src/screens/Profile/ProfileFollowers.tsx @ 15517ba5 and
  // ProfileFollows.tsx) draw an empty list as ListMaybePlaceholder's EmptyState with the fixed icon
  // PeopleRemove2_Stroke1_Corner0_Rounded, a react-native-svg of viewBox "0 0 65 64" whose one path
  // starts "M32.4999 53.3333" (src/view/com/profile/ProfileFollowers.tsx @ 0132b725;
  // src/components/Lists.tsx @ 020e6d55; src/components/icons/PeopleRemove2.tsx @ 2a454dab). Their error
  // state is the Error layout (a title, a message, Retry and Go Back buttons, no icon) and their loading
  // state a spinner: neither has it. Only a screen on show counts (`shown`): an empty list kept mounted,
  // hidden, in an earlier screen says nothing of this one. Other lists are not told apart: likes and
  // reposts draw empty and failed alike (the Error layout, no Retry, only the translated words differ:
  // src/view/com/post-thread/PostLikedBy.tsx @ 0a1c2485, PostRepostedBy.tsx @ 58c6c935), known
  // followers likewise, so they keep the notice.
  const EMPTY_SCREENS = '[data-testid="profileFollowersScreen"], [data-testid="profileFollowsScreen"]';
  // (And the icon's other drawing the code index holds, of unknown age: viewBox "-15 0 65 64", one path
  // starting "M20.603 46.333H3.532"; either may be the one the live app ships.)
  const EMPTY_ICON = 'svg[viewBox="0 0 65 64"] path[d^="M32.4999 53.3333"], svg[viewBox="-15 0 65 64"] path[d^="M20.603 46.333"]';
  const listEmpty = (doc) => [...doc.querySelectorAll(EMPTY_SCREENS)].some((screen) => shown(screen) &&
    [...screen.querySelectorAll(EMPTY_ICON)].some((path) => shown(path.closest('svg'))));
  return { name: 'bluesky', matches, profile, cells, profilePage: (loc) => !!pageHandle(loc), listPage, listEmpty, badgeSpot };
})());

// Test pages:
//   tests/e2e/fixtures/sites/bluesky-did.html tests/e2e/fixtures/sites/bluesky-followers.html
//   tests/e2e/fixtures/sites/bluesky-no-name.html tests/e2e/fixtures/sites/bluesky-pinned.html
//   tests/e2e/fixtures/sites/bluesky-profile.html tests/e2e/fixtures/sites/bluesky-reposts.html
//   tests/e2e/fixtures/sites/bluesky-link.html
//   tests/e2e/fixtures/sites/bluesky-icon.html
// Lists and stacked screens as social-app draws them (issue 21), each page citing its source at its top
// (bluesky-social/social-app, read through the code index: the repository is too large to fetch here):
//   tests/e2e/fixtures/sites/bluesky-following.html (src/view/com/profile/ProfileFollows.tsx @ 7759186ac403)
//   tests/e2e/fixtures/sites/bluesky-search.html (src/screens/Search/SearchResults.tsx @ e88b6ee11c41, Pager.web.tsx @ 85d3de938089)
//   tests/e2e/fixtures/sites/bluesky-search-typing.html (src/screens/Search/components/SearchProfileCard.tsx @ e8e65583, @ 37aeaa7fd7fb)
//   tests/e2e/fixtures/sites/bluesky-liked-by.html (src/screens/Post/PostLikedBy.tsx @ 098149178cc7, src/view/com/post-thread/PostLikedBy.tsx @ 0a1c24853da5)
//   tests/e2e/fixtures/sites/bluesky-reposted-by.html (src/screens/Post/PostRepostedBy.tsx @ bca1571d0b86, src/view/com/post-thread/PostRepostedBy.tsx @ 58c6c935d378)
//   tests/e2e/fixtures/sites/bluesky-did-hidden.html (src/view/screens/Profile.tsx @ 7da19f95e01d, src/Navigation.tsx, react-navigation elements Screen @ 1e49bd140687)
// Every row: src/components/ProfileCard.tsx @ f46336e34142 (Default, Link, Avatar, Name, Handle).
// Empty lists (listEmpty), each page citing its sources at its top (src/view/com/profile/ProfileFollowers.tsx
// @ 0132b725, src/components/Lists.tsx @ 020e6d55, src/components/Error.tsx @ 24cfc397):
//   tests/e2e/fixtures/sites/bluesky-followers-empty.html tests/e2e/fixtures/sites/bluesky-following-empty.html
//   tests/e2e/fixtures/sites/bluesky-followers-error.html tests/e2e/fixtures/sites/bluesky-follows-hidden-empty.html
//   tests/e2e/fixtures/sites/bluesky-followers-empty-icon2.html
