// Which pictures the worker may fetch, and fetching one with bounds (issue 24, finding 3 and 4). The
// worker's host permissions bypass CORS, so a URL a page names must not reach the reviewer's intranet
// or another site: only https, only the site's own image hosts, no private names or IP literals,
// no redirects (each hop would need the same check, and fetch hides where a redirect goes), and a body
// read as a stream that stops at a byte cap (counted after decompression, so a gzip bomb stops there).
import { readBounded } from './bounded-body.js';
import '../shared/site-catalog.js';

const { isAvatarHostOf, ASKED_HOSTS } = globalThis.vipguardSiteCatalog;

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 20000;

// Names that only mean something inside a network: never a public site's image host.
const PRIVATE_NAME = /(^|\.)(localhost|local|internal|intranet|lan|home|corp|home\.arpa|localdomain)$/i;

// Why the host may not be fetched from whatever the site, or null. IP literals are refused outright
// (no served site names its images by address; the URL parser already turned 0x7f.1 or 2130706433
// into 127.0.0.1), so private, loopback, link-local, CGNAT and ULA addresses are all among them.
export function hostProblem(host) {
  if (!host) return 'no host';
  if (host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return `an IP address (${host})`;
  if (!host.includes('.')) return `a single-label host (${host})`;
  if (PRIVATE_NAME.test(host)) return `a private network name (${host})`;
  return null;
}

// Mastodon's pictures: on the server's own host or one of its subdomains (files.mastodon.social for
// mastodon.social). Not its parent domain's other hosts: without the public-suffix list, a page on
// evil.co.uk (or x.github.io) could name intranet.bigbank.co.uk as a "sibling" (issue 24). A server whose
// media sit on a sibling host loses its avatar round; the names are still checked.
function mastodonHost(host, pageHost) {
  return host === pageHost || host.endsWith(`.${pageHost}`);
}

// Why `url` may not be fetched as an avatar of a page on `site` ({platform, pageHost}: the sender's
// site, see validate.js senderPlatform), or null when it may.
export function imageUrlProblem(url, site) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'https:') return `not https (${u.protocol})`;
  if (u.port !== '' || u.username || u.password) return 'a port or credentials in the address';
  const host = u.hostname.toLowerCase();
  const problem = hostProblem(host);
  if (problem) return problem;
  if (!site || !site.platform) return 'no site';
  if (site.platform === 'mastodon') {
    return mastodonHost(host, site.pageHost) ? null : `${host} is not ${site.pageHost}'s media host`;
  }
  if (isAvatarHostOf(site.platform, host)) return null;
  // A generic site (its platform is its host): its own pictures only.
  if (site.platform === site.pageHost && (host === site.pageHost || host.endsWith(`.${site.pageHost}`))) return null;
  return `${host} is not an image host of ${site.platform}`;
}

// A host the reviewer has to grant first (site-catalog.js askedHosts: YouTube's chat photos): until then
// its pictures are never fetched, neither for the avatar round (avatars.js: not counted as refused, the
// account checked without its photo) nor for the ticket's picture (evidence-image.js: drawn without it).
// The answer is kept per host (a busy chat asks for every author's photo) until the worker hears that a
// permission was added or removed (background.js calls accessChanged).
const granted = new Map(); // host -> Promise<boolean>
export function accessChanged() {
  granted.clear();
}
export async function notGranted(url) {
  let host;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false; // imageUrlProblem refuses it
  }
  if (!ASKED_HOSTS.includes(host)) return false;
  if (!granted.has(host)) {
    granted.set(host, Promise.resolve().then(() => chrome.permissions.contains({ origins: [`https://${host}/*`] })).catch(() => false));
  }
  return !(await granted.get(host));
}
// Whether a permission that was added or removed (permissions.onAdded/onRemoved's argument) covers one of
// the asked hosts (its own pattern, or access to all sites, which Mastodon's switch asks for): then the
// pages that keep answers per account (YouTube's live chat) are told to read again.
const covers = (pattern, host) => {
  if (pattern === '<all_urls>') return true;
  const m = /^(\*|https):\/\/([^/]+)\//.exec(String(pattern));
  return !!m && (m[2] === '*' || m[2] === host || (m[2].startsWith('*.') && (host === m[2].slice(2) || host.endsWith(m[2].slice(1)))));
};
export const isAskedHostChange = (permissions) => ((permissions && permissions.origins) || [])
  .some((o) => ASKED_HOSTS.some((h) => covers(o, h)));

// The body of `url` as bytes, at most `maxBytes` of them: refused when the Content-Length says more,
// and the stream cancelled as soon as more arrives. No credentials, no redirects.
export async function fetchImage(url, { maxBytes = MAX_IMAGE_BYTES, timeout = FETCH_TIMEOUT_MS } = {}) {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(new Error(`no answer in ${timeout / 1000} s`)), timeout);
  try {
    const r = await fetch(url, { credentials: 'omit', cache: 'force-cache', redirect: 'error', referrerPolicy: 'no-referrer', signal: stop.signal });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    const bytes = await readBounded(r, maxBytes, (declared) => {
      stop.abort();
      return new Error(declared == null ? `picture over ${maxBytes} bytes` : `picture of ${declared} bytes is over ${maxBytes}`);
    });
    return { bytes, type: r.headers.get('content-type') || '' };
  } finally {
    clearTimeout(timer);
  }
}
