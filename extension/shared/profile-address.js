// A pasted profile address read as the account it names, by the site catalogue's patterns (the bulk
// page and the review queue read addresses alike). Needs vipguardSiteCatalog loaded first (its script
// tag, or `import '../shared/site-catalog.js'` in the module that imports this one).

// A profile address as {platform, handle, from}, `from` being 'profile' or 'post' (a post or a tab of a
// profile: its author), or {key, args}: why it is not one.
export function fromUrl(text) {
  const { SITES, notPersonInAddress, site } = globalThis.vipguardSiteCatalog;
  let u;
  try {
    u = new URL(text);
  } catch {
    return { key: 'bulkErrNotUrl', args: [] };
  }
  if (!/^https?:$/.test(u.protocol)) return { key: 'bulkErrNotWeb', args: [] };
  const host = u.hostname.toLowerCase();
  let path;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    path = u.pathname;
  }
  for (const s of SITES) {
    if (!s.pageHosts.includes(host) && !s.addressHosts.includes(host)) continue;
    const m = path.match(s.profilePath);
    if (m && !notPersonInAddress(m[1])) return { platform: s.platform, handle: m[1], from: 'profile' };
    for (const re of s.authorPaths) {
      const a = path.match(re);
      if (a && !notPersonInAddress(a[1])) return { platform: s.platform, handle: a[1], from: 'post' };
    }
    // One path word the site's handles cannot be (an accent, a space): say why.
    const word = path.replace(/^\/|\/$/g, '').replace(/^@/, '');
    if (word && !word.includes('/') && !notPersonInAddress(word)) return { key: 'bulkErrBadHandle', args: [word, host] };
    return { key: 'bulkErrNotProfile', args: [host] };
  }
  // Mastodon and other fediverse servers: https://server/@user (or @user@home.server), or one of its posts.
  const mastodon = site('mastodon');
  for (const re of [mastodon.profilePath, ...mastodon.authorPaths]) {
    const fedi = path.match(re);
    if (fedi) return { platform: 'mastodon', handle: `${fedi[1]}@${fedi[2] || host}`, from: re === mastodon.profilePath ? 'profile' : 'post' };
  }
  return { key: 'bulkErrSiteUnknown', args: [host] };
}

// A word as an address: with a scheme, or a bare host and path ("x.com/handle", as most
// spreadsheets hold them). Null when it is not one.
export function addressOf(word) {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(word)) return word;
  if (/^(?:[a-z0-9-]+\.)+[a-z]{2,}\/\S*$/i.test(word)) return `https://${word}`;
  return null;
}
