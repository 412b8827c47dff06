// Bluesky (bsky.app): profile pages (/profile/handle), follower and following lists (profile cards) and
// post authors in feeds and threads, read through the app's data-testid attributes.
'use strict';

vipguardSites.push((() => {
  const R = vipguardRead;
  const HANDLE = /^@?([A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,})$/;
  const matches = (loc) => vipguardSiteCatalog.isPage('bluesky', loc.hostname);

  function pageHandle(loc) {
    const m = /^\/profile\/([^/]+)\/?$/.exec(decodeURIComponent(loc.pathname));
    return m ? m[1].toLowerCase() : null;
  }

  // The display name; an account without one shows its handle there, in direction marks that are
  // Bluesky's, not the account's.
  function shownName(el, handle) {
    const t = R.shownText(el);
    return R.same(R.handleText(t), handle) ? R.handleText(t) : t || handle.split('.')[0];
  }

  function profile(doc, loc) {
    const want = pageHandle(loc);
    if (!want) return null;
    const nameEl = doc.querySelector('[data-testid="profileHeaderDisplayName"]');
    const handleEl = doc.querySelector('[data-testid="profileHeaderHandle"]');
    if (!nameEl && !handleEl) return null;
    const m = handleEl ? HANDLE.exec(R.handleText(R.shownText(handleEl)).replace(/\s.*$/, '')) : null;
    const handle = m ? m[1].toLowerCase() : want;
    // Addresses may name the account by its DID; a shown handle that differs from a handle address is
    // a page still showing the previous profile.
    if (!want.startsWith('did:') && handle !== want) return null;
    const img = doc.querySelector('[data-testid="profileHeaderAviButton"] img, [data-testid="userAvatarImage"] img');
    return {
      anchor: nameEl || handleEl,
      data: { platform: 'bluesky', handle, name: shownName(nameEl, handle),
        bio: R.shownText(doc.querySelector('[data-testid="profileHeaderDescription"]'), 2000), avatar: R.src(img) },
    };
  }

  function cells(doc, fresh = () => true) {
    const out = [];
    for (const card of doc.querySelectorAll('[data-testid^="profileCard-"], [data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"]')) {
      if (!fresh(card)) continue;
      const id = card.getAttribute('data-testid');
      const handle = id.replace(/^(profileCard-|feedItem-by-|postThreadItem-by-)/, '').toLowerCase();
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
  return { name: 'bluesky', matches, profile, cells, badgeSpot };
})());

// Test pages:
//   tests/e2e/fixtures/sites/bluesky-did.html tests/e2e/fixtures/sites/bluesky-followers.html
//   tests/e2e/fixtures/sites/bluesky-no-name.html tests/e2e/fixtures/sites/bluesky-pinned.html
//   tests/e2e/fixtures/sites/bluesky-profile.html tests/e2e/fixtures/sites/bluesky-reposts.html
