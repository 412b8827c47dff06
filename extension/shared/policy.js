// Settings an organisation sets by policy (chrome.storage.managed, from the manifest's
// `storage.managed_schema`, managed-schema.json): Chrome's `3rdparty.extensions.<id>` policy, Firefox's
// policies.json `3rdparty.Extensions.<id>` (docs/feed.md). A value set there wins over the reviewer's
// and the options page shows it locked.

export const SITES = ['x', 'bluesky', 'github', 'instagram', 'youtube', 'tiktok'];
// Switches the reviewer turns on with a host permission (worker/site-scripts.js): Mastodon on any server,
// and `otherSites`, the generic adapter's sites as a whole (false: every one off, and no new one added).
const EXTRA_SITES = ['mastodon', 'otherSites'];
const SENSITIVITIES = ['suspicious', 'impersonation'];
// The engine's MAX_REVIEWER_ID_CHARS (its feedLimits(): tests/e2e/feed-format.test.mjs checks they agree).
const MAX_REVIEWER_ID = 320;

// The policy's values that are well formed ({} without a policy, or where the browser has no managed
// storage): {feedUrl, feedPublicKey, sites: {x: bool, …, mastodon: bool, otherSites: bool}, sensitivity,
// reviewerId}.
export async function managedPolicy() {
  let raw = {};
  try {
    raw = (await chrome.storage.managed.get(null)) || {};
  } catch {
    return {};
  }
  const out = {};
  for (const k of ['feedUrl', 'feedPublicKey']) if (typeof raw[k] === 'string' && raw[k].trim()) out[k] = raw[k].trim().slice(0, 4096);
  // The reviewer id goes into every decision this reviewer exports: cut to what the team lead's
  // `vipguard decisions merge` and every extension take (the engine's limit, in characters).
  if (typeof raw.reviewerId === 'string' && raw.reviewerId.trim()) out.reviewerId = [...raw.reviewerId.trim()].slice(0, MAX_REVIEWER_ID).join('');
  if (SENSITIVITIES.includes(raw.sensitivity)) out.sensitivity = raw.sensitivity;
  if (raw.sites && typeof raw.sites === 'object') {
    const sites = Object.fromEntries([...SITES, ...EXTRA_SITES].filter((s) => typeof raw.sites[s] === 'boolean').map((s) => [s, raw.sites[s]]));
    if (Object.keys(sites).length) out.sites = sites;
  }
  return out;
}

// The settings in effect: the reviewer's, with the policy's on top.
// `policySites`: the policy's own switches, which the reviewer's Pause does not override (pausedOn).
export function withPolicy(settings, policy) {
  return {
    ...settings,
    ...(policy.sensitivity ? { sensitivity: policy.sensitivity } : {}),
    ...(policy.sites ? { sites: sitesWithPolicy(settings.sites || {}, policy.sites), policySites: policy.sites } : {}),
  };
}

// Whether the reviewer's Pause stops checks on `site` (a platform: 'x', 'mastodon', …; none for a generic
// site): not on a site the organisation's policy switched on, where every profile is to be checked and
// recorded (issue 26; the options page says so beside the switch). Pause stops every other site.
export function pausedOn(settings, site) {
  return !!settings.paused && !(site && settings.policySites && settings.policySites[site] === true);
}

// `otherSites: false` keeps the reviewer's generic sites listed but switches each off (the options page
// shows them unticked and locked); true, like its absence, leaves them as the reviewer set them: no list
// of other sites could be forced on, since each needs its host named and granted.
function sitesWithPolicy(own, { otherSites, ...forced }) {
  const generic = own.generic || {};
  return { ...own, ...forced, generic: otherSites === false ? Object.fromEntries(Object.keys(generic).map((h) => [h, false])) : generic };
}

// The sites whose content scripts the worker registers (site-scripts.js), policy applied: the generic
// sites switched on, and whether Mastodon is (its access to all sites is checked by the caller).
export function extraSitesOn(settings, policy) {
  const sites = withPolicy(settings || {}, policy).sites || {};
  const generic = sites.generic || {};
  return { generic: Object.keys(generic).filter((h) => generic[h]), mastodon: !!sites.mastodon };
}

// Whether the sites' switches let a page on `host` be checked, and if not who switched it off, for the
// popup: {site, generic, off}. `platform` is the site of `host` with an adapter of its own (site-catalog.js
// pageSite), or null. `site` is that platform, or `host` for a site enabled for the generic adapter
// (`generic: true`), or 'mastodon' for any other host (only Mastodon could check it). `off`: 'policy' (the
// organisation's, which wins), 'reviewer' (the options page's switch; Mastodon is off until switched on),
// or null.
export function siteSwitch(host, platform, settings, policy) {
  const own = (settings && settings.sites) || {};
  const forced = (policy && policy.sites) || {};
  if (platform) {
    if (typeof forced[platform] === 'boolean') return { site: platform, generic: false, off: forced[platform] ? null : 'policy' };
    return { site: platform, generic: false, off: own[platform] === false ? 'reviewer' : null };
  }
  const generic = own.generic || {};
  const mastodon = typeof forced.mastodon === 'boolean'
    ? { site: 'mastodon', generic: false, off: forced.mastodon ? null : 'policy' }
    : { site: 'mastodon', generic: false, off: own.mastodon ? null : 'reviewer' };
  if (Object.hasOwn(generic, host)) {
    const off = forced.otherSites === false ? 'policy' : generic[host] ? null : 'reviewer';
    // A generic site switched off leaves Mastodon's exclusions (site-scripts.js), so where Mastodon is on
    // its script runs there: what the popup says must be Mastodon's.
    return off && !mastodon.off ? mastodon : { site: host, generic: true, off };
  }
  return mastodon;
}

// Whether the reviewer's Pause stops checks on a page on `host` (the popup's "Checks are paused."), as the
// worker's check.js decides it: by the site siteSwitch finds there (the platform of a site with an adapter
// of its own; Mastodon on any other host, a generic site switched off included where Mastodon is on; none
// for a generic site, which no policy switches on). A site the policy switched on is not paused (pausedOn).
export function pausedAt(host, platform, settings, policy) {
  const { site, generic } = siteSwitch(host, platform, settings, policy);
  return pausedOn(withPolicy(settings || {}, policy || {}), generic ? null : site);
}

// Firefox reads policies.json only when it starts, and gives an add-on's managed storage from that read
// until it is restarted, with no storage.onChanged for it (bugzilla.mozilla.org 1685965; MDN,
// storage.managed); Chromium reads its policy again while it runs and says so (background.js). Where the
// policy is read at start only, the options page says so, and that the add-on has used it at least since
// the first start of its worker in this browser session (policyReadStarted, called by the worker alone),
// kept in chrome.storage.session, which the browser empties when it stops and an add-on reload empties
// too: hence "at least". The options page only reads it (policyReadSince); with none recorded it says no
// time. docs/feed.md, "A policy that changes in Firefox".
export const POLICY_READ_KEY = 'policyReadAt';
export const policyReadAtStartOnly = () => typeof browser !== 'undefined' && typeof browser.runtime?.getBrowserInfo === 'function';
// The worker's start: the time recorded unless one already is (an event page woken again keeps the first).
export async function policyReadStarted() {
  const got = await policyReadSince();
  if (got !== undefined) return got;
  const now = Date.now();
  await chrome.storage.session.set({ [POLICY_READ_KEY]: now });
  return now;
}
// The recorded time, or undefined: never written here.
export async function policyReadSince() {
  const got = (await chrome.storage.session.get(POLICY_READ_KEY))[POLICY_READ_KEY];
  return Number.isFinite(got) ? got : undefined;
}
