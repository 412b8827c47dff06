// Generic adapter, for sites the reviewer enables one by one (off by default): a person the page
// exposes through JSON-LD (Person, or ProfilePage.mainEntity), h-card microformats or OpenGraph
// profile tags. Structured data is trusted only when it names the page being shown.
'use strict';

vipguardSites.push((() => {
  const clean = vipguardRead.clean;
  const samePage = (url) => {
    if (!url) return true; // nothing to contradict it
    try {
      const u = new URL(url, location.href);
      return u.host === location.host && u.pathname.replace(/\/$/, '') === location.pathname.replace(/\/$/, '');
    } catch {
      return false;
    }
  };
  const handleFrom = (s) => {
    const m = /@([A-Za-z0-9_.-]{1,64})(?:@[A-Za-z0-9.-]+)?/.exec(s || '');
    return m ? m[1] : null;
  };
  // A handle is never an address (the engine refuses one with "/"): page data that holds a URL there falls
  // back to the address's last segment.
  const plain = (h) => (h && !h.includes('/') ? h : '');
  const decoded = (s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s; // a malformed escape: the segment as written
    }
  };
  const lastSegment = () => plain(clean(decoded(location.pathname.split('/').filter(Boolean).pop() || ''), 64).replace(/^@/, ''));

  function fromJsonLd(doc) {
    for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
      let data;
      try { data = JSON.parse(s.textContent); } catch { continue; }
      const items = (Array.isArray(data) ? data : [data]).flatMap((d) => (d && d['@graph']) || [d]);
      for (const d of items) {
        const p = d && (d['@type'] === 'Person' ? d : d['@type'] === 'ProfilePage' ? d.mainEntity || d.author : null);
        if (!p || !(p.name || p.givenName)) continue;
        if (!samePage(p.url || d.url || (d.mainEntityOfPage && d.mainEntityOfPage['@id']))) continue;
        const image = p.image && (p.image.contentUrl || p.image.url || (typeof p.image === 'string' ? p.image : ''));
        return { name: clean(p.name || p.givenName), handle: plain(clean(p.alternateName || p.additionalName || '', 64).replace(/^@/, '')) || lastSegment(), bio: clean(p.description, 2000), avatar: image || null };
      }
    }
    return null;
  }

  function fromHCard(doc) {
    const card = doc.querySelector('.h-card');
    if (!card) return null;
    const name = card.querySelector('.p-name');
    if (!name) return null;
    const nick = card.querySelector('.p-nickname');
    const photo = card.querySelector('img.u-photo, .u-photo img');
    const note = card.querySelector('.p-note');
    return { name: clean(name.textContent), handle: (nick && plain(clean(nick.textContent, 64).replace(/^@/, ''))) || lastSegment(), bio: note ? clean(note.textContent, 2000) : '', avatar: photo ? photo.src : null };
  }

  function fromOpenGraph(doc) {
    const meta = (p) => { const m = doc.querySelector(`meta[property="${p}"], meta[name="${p}"]`); return m ? m.content : ''; };
    if (!/profile/i.test(meta('og:type')) && !meta('profile:username')) return null;
    if (!samePage(meta('og:url'))) return null;
    const title = meta('og:title');
    const name = clean(title.replace(/\s*\(@[^)]*\)\s*$/, ''));
    if (!name) return null;
    return { name, handle: plain(meta('profile:username')) || handleFrom(title) || lastSegment(), bio: clean(meta('og:description'), 2000), avatar: meta('og:image') || null };
  }

  function profile(doc) {
    const data = fromJsonLd(doc) || fromHCard(doc) || fromOpenGraph(doc);
    if (!data || !data.name || !data.handle) return null;
    return { anchor: doc.body, data: { platform: location.hostname.toLowerCase().slice(0, 40), ...data } };
  }

  // The worker injects this adapter only on the sites enabled for it (worker/site-scripts.js).
  return { name: 'generic', matches: () => true, profile, cells: () => [], badgeSpot: (b) => b };
})());

// Test pages:
//   tests/e2e/fixtures/generic/hcard.html tests/e2e/fixtures/generic/jsonld.html
//   tests/e2e/fixtures/generic/opengraph.html
