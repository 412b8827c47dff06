// The registry of site adapters and the readers they share. Every adapter (content/sites/<site>.js, one
// per site, X and generic included) pushes {name, matches(loc, doc), profile(doc, loc), cells(doc, fresh),
// badgeSpot(anchor)} onto vipguardSites, and main.js uses the first that matches the page. badgeSpot gives
// the element a cell's badge follows (its handle or name); vipguardAnnotate.spot decides where on that
// line it goes. An adapter reads its site's hosts and paths from shared/site-catalog.js.
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
  return { shownText, meta, clean, same, src, handleText, squeeze };
})();
