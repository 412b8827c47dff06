// The registry of site adapters and the readers they share. Every adapter (content/sites/<site>.js, one
// per site, X and generic included) pushes {name, matches(loc, doc), profile(doc, loc), cells(doc, fresh),
// badgeSpot(anchor)} onto vipguardSites, with profilePage(loc) and listPage(loc) where the site's
// addresses say a profile or a list of accounts is there (main.js's self-check; listEmpty(doc) where a list
// may have nothing to read), and main.js uses the first that matches the page. Optional too: noProfile(loc),
// an address where no profile is ever read (no banner frame is made ahead there), and repeats(loc), an
// address whose rows show the same accounts again and again (YouTube's live chat: main.js asks about each
// distinct account once per page and badges its later rows from that answer). `aside` (the one
// definition): a cell marked `aside: true` is an account shown beside the list, not one of its rows (a
// video's channel beside its comments): checked and badged, but it does not tell the self-check that the
// list was read. The adapter passes it to `fresh(block, true)` as well: a block read before and unchanged
// is skipped there and never becomes a cell, and the self-check must not count that one either.
// badgeSpot gives the element a cell's badge follows (its handle or name); vipguardAnnotate.spot decides
// where on that line it goes. An adapter reads its site's hosts and paths from shared/site-catalog.js. A profile's
// links (its website and link fields) are read through `address` and `linksIn` below, the one place
// that unwraps the sites' redirect addresses (tests/e2e/link-address.test.mjs).
'use strict';

var vipguardSites = [];

var vipguardRead = (() => {
  // Layout whitespace collapsed; every other character kept: JavaScript's \s also matches U+FEFF,
  // U+00A0 and U+2000–U+200A, which an impersonator's name may hide in (evidence).
  const squeeze = (s, max) => String(s || '').replace(/[ \t\n\r\f\v]+/g, ' ').trim().slice(0, max);
  // Images that are emoji, read as their alt text: by default those whose class names them; X draws every
  // emoji as an <img alt="✅"> and passes `emoji: () => true`.
  const EMOJI = { emoji: (img) => /emoji/i.test(img.className) };
  // Text as shown, emoji images read as their alt text, our own annotations left out.
  function shownText(node, max = 500, { emoji } = EMOJI) {
    if (!node) return '';
    // Plain text blocks (most): the browser's textContent is the same and much faster than a walk here
    // (the walk was a third of the extension's time on a 500-cell timeline).
    if (node.nodeType === Node.ELEMENT_NODE && !node.querySelector('img, svg, script, style, template, vipguard-annotation')) {
      return squeeze(node.textContent, max);
    }
    let out = '';
    const walk = (n) => {
      if (n.nodeType === Node.TEXT_NODE) out += n.nodeValue;
      else if (n.nodeType === Node.ELEMENT_NODE) {
        if (n.tagName === 'IMG') out += emoji(n) ? n.getAttribute('alt') || '' : '';
        // An icon's <title> is for screen readers, not shown: Instagram's verified badge in a username
        // would read "tundemi.officielVerified".
        else if (n.namespaceURI === 'http://www.w3.org/2000/svg') return;
        else if (!['SCRIPT', 'STYLE', 'VIPGUARD-ANNOTATION', 'TEMPLATE'].includes(n.tagName)) n.childNodes.forEach(walk);
      }
    };
    walk(node);
    return squeeze(out, max);
  }
  const meta = (doc, p) => {
    const m = doc.querySelector(`meta[property="${p}"], meta[name="${p}"]`);
    return m ? (m.getAttribute('content') || '').trim() : '';
  };
  const clean = (s, n = 500) => squeeze(s, n);
  // A handle as shown, without the direction marks sites wrap handles in (Bluesky writes
  // U+202A @handle U+202C so it reads left to right inside right-to-left text). The same characters as
  // the engine's is_direction_control, U+061C ARABIC LETTER MARK included.
  const handleText = (s) => String(s || '').replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '').trim();
  const same = (a, b) => String(a || '').toLowerCase().replace(/^@/, '') === String(b || '').toLowerCase().replace(/^@/, '');
  // An image's address, only when it is a web address (never data: or blob: from the page).
  const src = (img) => (img && /^https:\/\//.test(img.currentSrc || img.src) ? img.currentSrc || img.src : null);
  // The real address behind a link. Sites send outbound links through their own redirectors, with the
  // real address in a query parameter (the forms below, each cited in docs/extension.md), or, for X's
  // t.co, nowhere but in the link's title or shown text. `text` and `title`: what the link shows.
  // Returned as shown to a reader (no scheme), at most 400 characters, or null: not an outside address.
  const WRAPPERS = [
    // Instagram's bio link: https://l.instagram.com/?u=<address>&e=<token>; Facebook's l.php is the same.
    { host: /^l\.instagram\.com$/, path: /^\/?$/, param: 'u' },
    { host: /^l[m]?\.facebook\.com$/, path: /^\/l\.php$/, param: 'u' },
    // YouTube's channel links: https://www.youtube.com/redirect?event=channel_header&redir_token=…&q=<address>
    { host: /^(www\.|m\.)?youtube\.com$/, path: /^\/redirect$/, param: 'q' },
    // TikTok's bio link: https://www.tiktok.com/link/v2?aid=1988&scene=bio_url&target=<address>
    { host: /^(www\.)?tiktok\.com$/, path: /^\/link\//, param: 'target' },
  ];
  const WEB = /^https?:\/\/[^/\s]+\.[^/\s]+/i;
  // A shown address: "zenithharbour.com/acc…" is cut short by the site, the host is whole.
  const shownAddress = (s) => {
    const t = squeeze(s, 400).replace(/(…|\.\.\.)$/, '');
    return /^(https?:\/\/)?[^\s/@]+\.[A-Za-z]{2,}(\/\S*)?$/.test(t) ? t : null;
  };
  // The URL parser writes a host with letters of other scripts in punycode (xn--…), which hides what
  // the engine looks for (a lookalike's Cyrillic letters). Read it back as the page wrote or showed it,
  // when that names the same host: never a shown address of another host.
  function readableHref(url, written) {
    if (!/(^|\.)xn--/i.test(url.hostname)) return url.href;
    for (const w of written) {
      const t = squeeze(w, 400).replace(/(…|\.\.\.)$/, '');
      try {
        const u = new URL(WEB.test(t) ? t : `https://${t}`);
        const host = t.replace(/^https?:\/\//i, '').split(/[/?#]/)[0];
        if (u.host === url.host && host && !/(^|\.)xn--/i.test(host)) return url.href.replace(url.host, host);
      } catch {
        // not an address: the next one
      }
    }
    return url.href;
  }
  function address(href, { text = '', title = '' } = {}) {
    let url;
    let written = String(href || '');
    try {
      url = new URL(written);
    } catch {
      return null;
    }
    for (let depth = 0; depth < 3; depth++) {
      if (!/^https?:$/.test(url.protocol)) return null;
      const host = url.hostname.toLowerCase();
      if (host === 't.co') {
        const shown = shownAddress(title) || shownAddress(text);
        return shown ? shown.replace(/^https?:\/\//i, '').slice(0, 400) : null;
      }
      const w = WRAPPERS.find((x) => x.host.test(host) && x.path.test(url.pathname));
      if (!w) return readableHref(url, [written, title, text]).replace(/^https?:\/\//i, '').replace(/\/$/, '').slice(0, 400);
      const inner = url.searchParams.get(w.param) || '';
      written = WEB.test(inner) ? inner : `https://${inner}`;
      try {
        url = new URL(written);
      } catch {
        return null;
      }
    }
    return null;
  }
  // The outside addresses the links under `roots` point to (relative links are the site's own pages;
  // `own`: the site's domains, whose pages are not outside addresses), each once, at most 8 (what the
  // worker accepts).
  function linksIn(roots, own = []) {
    const out = [];
    for (const root of [].concat(roots).filter(Boolean)) {
      const anchors = root.matches && root.matches('a[href]') ? [root] : [...root.querySelectorAll('a[href]')];
      for (const a of anchors) {
        if (!/^https?:\/\//i.test(a.getAttribute('href') || '')) continue;
        const got = address(a.getAttribute('href'), { text: a.textContent, title: a.getAttribute('title') || '' });
        const host = got ? got.split(/[/?#]/)[0].toLowerCase() : '';
        if (!got || own.some((d) => host === d || host.endsWith('.' + d)) || out.includes(got)) continue;
        out.push(got);
        if (out.length === 8) return out;
      }
    }
    return out;
  }
  // Account facts as the page shows them (docs/extension.md, "Account facts"): `joined`, an ISO date;
  // `joinedShown` and `followersShown`, the page's own text; `verified`, true when the site's own badge
  // element is there. Empty ones are left out; the worker checks the rest (worker/facts.js).
  function facts(f) {
    const out = {};
    for (const [k, v] of Object.entries(f)) {
      if (v === true || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
      else if (typeof v === 'string' && squeeze(v, 60)) out[k] = squeeze(v, 60);
    }
    return Object.keys(out).length ? { facts: out } : {};
  }
  // Whether an element is on show: drawn, and not in a part of the page the site hid (an earlier screen, a
  // closed panel). Not "in view": a row far below the window is on show. The lists' self-check (an
  // adapter's listEmpty) counts only rows on show.
  const onShow = (el) => !!el && el.getClientRects().length > 0 && !el.closest('[hidden], [aria-hidden="true"]');
  return { shownText, meta, clean, same, src, handleText, squeeze, address, linksIn, facts, onShow };
})();
