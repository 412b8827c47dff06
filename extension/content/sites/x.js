// X (x.com, twitter.com) adapter: what a profile page and user cells show, read from the page.
// Profile pages: the JSON-LD ProfilePage when it names the current URL (it can be stale after SPA
// navigation), otherwise the DOM. Cells: every [data-testid="User-Name"] block (timelines, search,
// follower lists, replies) and [data-testid="UserCell"].
// Sources (docs/extension.md, "What each adapter reads"): the profile's JSON-LD and UserName block as in
// microlinkhq/unavatar test/unit/providers/x-jsonld.html, a saved live page (2025-12-07, committed
// 2026-03-05); tweets and cells as insin/control-panel-for-twitter script.js v4.24.0 (2026-08-17) reads them.
// Links (docs/extension.md, "Link fields"): the ProfilePage's relatedLink array (its shape as in
// dojoVader/TwitterTAG src/interface/TwitterLDJSON.ts: ProfilePage { dateCreated, mainEntity,
// relatedLink: string[] }), and the website field [data-testid="UserUrl"], an <a href="https://t.co/…">
// whose shown text (or title) is the real address (AndryMI/social_crawler
// RD_Team_TweetMonitor/Scripts/ProfileInfo.js reads the same test id and unwraps t.co links).
'use strict';

vipguardSites.push((() => {
  const R = vipguardRead;
  const matches = (loc) => vipguardSiteCatalog.isPage('x', loc.hostname);
  // X allows 15 characters; a little slack costs nothing and survives older or imported handles.
  const HANDLE = /^@?([A-Za-z0-9_]{1,50})$/;

  // Text as shown; X draws every emoji as an <img alt="✅">.
  const EVERY_IMAGE = { emoji: () => true };
  const shownText = (node) => R.shownText(node, 500, EVERY_IMAGE);

  // An @handle shown in `node` that names the account `handle` (case-insensitive), else null. A
  // display name may itself read "@SomeoneFamous", so the handle is the one that matches the link or
  // page it belongs to.
  function handleText(node, handle) {
    const t = shownText(node);
    const m = HANDLE.exec(t);
    if (!t.startsWith('@') || !m) return null;
    return !handle || m[1].toLowerCase() === handle.toLowerCase() ? m[1] : null;
  }

  // The account a link points to (/KwabenaMensah, /KwabenaMensah/photo), or null.
  function linkHandle(a) {
    const seg = (a.getAttribute('href') || '').split(/[?#]/)[0].split('/').filter(Boolean);
    return seg.length && HANDLE.test(seg[0]) ? seg[0] : null;
  }

  // X serves one profile picture in several sizes (…_normal.jpg at 48 px in cells, _bigger, _x96,
  // _200x200, _400x400 on the profile): ask for the 400-px one wherever the page shows a smaller one,
  // so a copy is hashed from enough pixels and each picture is fetched and cached once.
  const SIZE = /^(https:\/\/pbs\.twimg\.com\/profile_images\/[^?#]+?)_(?:normal|bigger|mini|x96|\d+x\d+)(\.[a-z]+)(?=$|[?#])/i;
  const avatarUrl = (src) => (src ? src.replace(SIZE, '$1_400x400$2') : null);

  function pageHandle(loc) {
    const seg = loc.pathname.split('/').filter(Boolean);
    if (seg.length === 0 || seg.length > 2 || vipguardSiteCatalog.notPerson('x', seg[0])) return null;
    // The profile stays on screen under its tabs and under the photo viewers.
    if (seg.length === 2 && !['with_replies', 'media', 'likes', 'highlights', 'articles', 'verified_followers', 'followers', 'following', 'photo', 'header_photo', 'superfollows', 'creator-subscriptions'].includes(seg[1])) return null;
    const m = HANDLE.exec(seg[0]);
    return m ? m[1] : null;
  }

  // What the reviewer checks on the genuine account too: when the account was made and how many follow
  // it (the ProfilePage's dateCreated, and the Person's FollowAction counter).
  function accountFacts(page, person) {
    const joined = typeof page.dateCreated === 'string' && !Number.isNaN(Date.parse(page.dateCreated)) ? page.dateCreated : null;
    const counters = Array.isArray(person.interactionStatistic) ? person.interactionStatistic : [];
    const follows = counters.find((c) => c && /FollowAction$/.test(String(c.interactionType || '')));
    const followers = follows && Number.isFinite(Number(follows.userInteractionCount)) ? Number(follows.userInteractionCount) : null;
    return joined || followers != null ? { joined, followers } : null;
  }

  function fromJsonLd(doc, handle) {
    for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
      let data;
      try {
        data = JSON.parse(s.textContent);
      } catch {
        continue;
      }
      for (const d of Array.isArray(data) ? data : [data]) {
        if (!d || d['@type'] !== 'ProfilePage') continue;
        const p = d.mainEntity || d.author;
        if (!p) continue;
        const h = String(p.additionalName || '').replace(/^@/, '');
        const url = String(p.url || '');
        // Only when it names the page being shown.
        const names = h.toLowerCase() === handle.toLowerCase() || url.toLowerCase().endsWith('/' + handle.toLowerCase());
        if (!names) continue;
        const image = p.image && (p.image.contentUrl || p.image.url || (typeof p.image === 'string' ? p.image : ''));
        // relatedLink: the profile's links, in the first-load script before the header is drawn (a
        // t.co address alone says nothing and is left out by R.address).
        const related = [d.relatedLink, p.relatedLink].flat().filter((l) => typeof l === 'string').map((l) => R.address(l)).filter(Boolean);
        return { handle: h || handle, name: String(p.givenName || p.name || ''), bio: String(p.description || ''), avatar: avatarUrl(image),
          facts: accountFacts(d, p), related };
      }
    }
    return null;
  }

  function fromDom(doc, handle) {
    const block = doc.querySelector('[data-testid="UserName"]');
    if (!block) return null;
    let name = '';
    let shownHandle = handle;
    // X writes the name and the @handle each in its own [dir] block, the name first. The handle is the
    // block that names the page's account; a name that reads "@Someone" is still the name.
    const parts = [...block.querySelectorAll('[dir]')].filter((part) => shownText(part));
    const own = parts.findIndex((part) => handleText(part, handle));
    for (const [i, part] of parts.entries()) {
      if (own >= 0 ? i === own : handleText(part)) { shownHandle = handleText(part) || handle; break; }
      if (!name) name = shownText(part);
    }
    if (!name) name = shownText(block).split('@')[0].trim();
    const bio = shownText(doc.querySelector('[data-testid="UserDescription"]'));
    const img = doc.querySelector(`a[href="/${handle}/photo" i] img, a[href$="/photo"] img`);
    return { handle: shownHandle, name, bio, avatar: avatarUrl(img && img.src) };
  }

  // The profile being viewed, or null when this is not a profile page (or it is not rendered yet).
  function profile(doc, loc) {
    const handle = pageHandle(loc);
    if (!handle) return null;
    const { related = [], ...data } = fromJsonLd(doc, handle) || fromDom(doc, handle) || {};
    if (!data.name) return null;
    const anchor = doc.querySelector('[data-testid="UserName"]') || doc.body;
    // The website field (its link goes through t.co: the address is its title or shown text) and the
    // JSON-LD's relatedLink: a lookalike of the protected account's site is evidence.
    const links = [...new Set([...R.linksIn(doc.querySelector('[data-testid="UserUrl"]'), ['x.com', 'twitter.com']), ...related])].slice(0, 8);
    // The verified mark: X's own badge element (svg[data-testid="icon-verified"], aria-label "Verified
    // account") in the name block, as shiinedev/Tick-me-Famous content.js finds it under
    // div[data-testid="UserName"]. A ✓ typed into the display name is text, not this element (the
    // engine calls that a fake badge).
    const verified = !!(doc.querySelector('[data-testid="UserName"] [data-testid="icon-verified"]'));
    const facts = verified ? { ...(data.facts || {}), verified } : data.facts;
    return { anchor, data: { platform: 'x', ...data, ...(facts ? { facts } : {}), ...(links.length ? { links } : {}) } };
  }

  function cellData(block) {
    let handle = null;
    let name = '';
    const links = [...block.querySelectorAll('a[href^="/"]')];
    // The handle link shows the @handle its own address names; the name link may read "@Someone".
    const own = links.findIndex((a) => handleText(a, linkHandle(a)));
    for (const [i, a] of links.entries()) {
      if (own >= 0 ? i === own : handleText(a)) { handle = handleText(a); continue; }
      const t = shownText(a);
      if (!name && t) name = t;
    }
    const container = block.closest('[data-testid="UserCell"], article, [data-testid="cellInnerDiv"]') || block.parentElement;
    // No handle link (a quoted tweet): the name may read "@Someone" too. The handle is the @text that
    // the block's own avatar names (the nearest UserAvatar-Container-<handle>), else the last one (X
    // writes the name first).
    if (!handle) {
      const shown = [...block.querySelectorAll('span')].map((s) => shownText(s)).filter((t) => t.startsWith('@') && HANDLE.test(t)).map((t) => HANDLE.exec(t)[1]);
      let avatars = [];
      for (let el = block.parentElement; el && !avatars.length; el = el === container ? null : el.parentElement) {
        avatars = [...el.querySelectorAll('[data-testid^="UserAvatar-Container-"]')].map((a) => a.getAttribute('data-testid').slice(21).toLowerCase());
      }
      handle = shown.filter((h) => avatars.includes(h.toLowerCase())).pop() || shown.pop() || null;
    }
    if (!handle) return null;
    if (!name) {
      // The first text block before the handle's own ([dir] blocks, as on profile pages).
      const parts = [...block.querySelectorAll('[dir]')].filter((part) => shownText(part));
      const own = parts.findLastIndex((part) => handleText(part, handle));
      name = own > 0 ? shownText(parts[0]) : shownText(block).split('@')[0].trim();
    }
    // The avatar X names after this account: an article also holds its quoted tweet's author's.
    const img = container && container.querySelector(`[data-testid="UserAvatar-Container-${handle}" i] img`);
    const bioEl = container && container.matches('[data-testid="UserCell"]') ? container.querySelector('[dir="auto"]:not([data-testid]) ') : null;
    return { platform: 'x', handle, name: name || handle, avatar: avatarUrl(img && img.src), bio: bioEl && !bioEl.closest('[data-testid="User-Name"]') ? shownText(bioEl) : undefined };
  }

  // User cells and tweet authors, excluding the profile header.
  // `fresh(block)`: whether a block needs reading (its text changed since it was last checked).
  function cells(doc, fresh = () => true) {
    const out = [];
    const blocks = doc.querySelectorAll('[data-testid="User-Name"], [data-testid="UserCell"]');
    for (const block of blocks) {
      // A UserCell with a User-Name block inside is read through that block.
      if (block.matches('[data-testid="UserCell"]') && block.querySelector('[data-testid="User-Name"]')) continue;
      if (!fresh(block)) continue;
      const data = cellData(block);
      if (data) out.push({ anchor: block, data });
    }
    return out;
  }

  // The element showing a cell's @handle: the badge follows it on its line (vipguardAnnotate.spot).
  function badgeSpot(block) {
    const links = [...block.querySelectorAll('a[href^="/"]')];
    return links.find((a) => handleText(a, linkHandle(a))) || links.find((a) => shownText(a).startsWith('@')) || block;
  }

  // The header's own actions, which the banner leaves uncovered: the ⋯ menu (where Report is) and Follow,
  // by the test ids Mask Network's extension reads on the live site (DimensionDev/Maskbook,
  // packages/mask/content-script/site-adaptors/twitter.com/utils/selector.ts @0e50dca); Message and the
  // other buttons sit between them in the same row.
  const controls = (doc) => [...doc.querySelectorAll('[data-testid="primaryColumn"] [data-testid="userActions"], '
    + '[data-testid="primaryColumn"] [data-testid="userActions"] ~ [data-testid="placementTracking"]')];

  // Addresses of lists of accounts: a profile's followers and following, who liked or reposted a post,
  // and search results (people, or posts with their authors).
  function listPage(loc) {
    const seg = loc.pathname.split('/').filter(Boolean);
    // (Search's tabs of posts, latest posts and people; its media grid and lists show no account rows.)
    if (seg.length === 1 && seg[0] === 'search') {
      const q = new URLSearchParams(loc.search);
      return q.has('q') && ['', 'top', 'live', 'user'].includes(q.get('f') || '');
    }
    if (!seg.length || vipguardSiteCatalog.notPerson('x', seg[0]) || !HANDLE.test(seg[0])) return false;
    if (seg.length === 2) return ['followers', 'following', 'verified_followers', 'followers_you_follow'].includes(seg[1]);
    return seg.length === 4 && seg[1] === 'status' && /^\d+$/.test(seg[2]) && ['likes', 'retweets'].includes(seg[3]);
  }
  // A list that says it is empty ("@someone doesn't have any followers", a search with no results): X's
  // emptyState block in the primary column, which open-source X scrapers in the code index wait for as
  // the end of a timeline (the index does not name their repositories).
  const listEmpty = (doc) => !!doc.querySelector('[data-testid="primaryColumn"] [data-testid="emptyState"]');
  return { name: 'x', matches, profile, cells, controls, listEmpty, profilePage: (loc) => !!pageHandle(loc) && !/\/(followers|following|verified_followers|superfollows|creator-subscriptions)\/?$/.test(loc.pathname), listPage, badgeSpot };
})());

// Test pages:
//   tests/e2e/fixtures/x/followers-at-name.html tests/e2e/fixtures/x/followers-dark.html
//   tests/e2e/fixtures/x/followers.html tests/e2e/fixtures/x/hostile.html
//   tests/e2e/fixtures/x/profile-at-name.html tests/e2e/fixtures/x/profile-dom.html
//   tests/e2e/fixtures/x/profile-actions.html
//   tests/e2e/fixtures/x/profile-hidden-chars.html tests/e2e/fixtures/x/profile-jsonld.html
//   tests/e2e/fixtures/x/profile-own.html tests/e2e/fixtures/x/profile-parody.html
//   tests/e2e/fixtures/x/profile-site.html tests/e2e/fixtures/x/profile-stale-jsonld.html
//   tests/e2e/fixtures/x/profile-related-link.html tests/e2e/fixtures/x/profile-header.html
//   tests/e2e/fixtures/x/quotes.html
//   tests/e2e/fixtures/x/replies.html tests/e2e/fixtures/x/search.html tests/e2e/fixtures/x/spa.html
//   tests/e2e/fixtures/x/timeline.html
