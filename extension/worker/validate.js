// Validation of every message the worker receives. Content scripts run in the page's process, so
// a message is treated as untrusted input: right sender, a tab on a site an adapter serves, the right
// shape, bounded sizes.
import '../shared/site-catalog.js';

const { PAGE_HOSTS, pageSite } = globalThis.vipguardSiteCatalog;
// What a reviewer can decide about a checked profile ("undo" withdraws the standing decision,
// "allow_removed" a standing "not_impersonator": see decisions.js).
const DECISIONS = ['confirmed', 'not_impersonator', 'escalate', 'undo', 'allow_removed'];
const MAX_PROFILES = 200;
const MAX_BULK = 500;
const MAX_FIELD = 2000;

const isStr = (v, max = MAX_FIELD) => typeof v === 'string' && v.length <= max;

function hostOf(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u.hostname : null;
  } catch {
    return null;
  }
}

// The platform of the profiles a page on `host` shows, from the sender's site (never from the message,
// whose profiles' own `platform` is ignored: check.js answers for this one): the site's own, an enabled
// generic site's host, or Mastodon on any other https host while it is switched on; else null.
export function senderPlatform(host, extraHosts = [], mastodon = false) {
  const site = pageSite(host);
  if (site) return site.platform;
  if (extraHosts.includes(host)) return host.slice(0, 40);
  return mastodon ? 'mastodon' : null;
}

// Returns a problem description, or null when the message may be handled.
// `extraHosts`: sites the reviewer enabled for the generic adapter.
// `mastodon`: the reviewer switched on Mastodon for any server, so any https page may send checks of
// Mastodon profiles (the adapter runs only on pages with Mastodon's markup).
// `base`: where the extension's own pages live, `runtime.getURL('')`: chrome-extension://<id>/ in
// Chrome, moz-extension://<a random UUID, not the id>/ in Firefox.
export function validateMessage(msg, sender, extensionId, extraHosts = [], { mastodon = false, base = `chrome-extension://${extensionId}/` } = {}) {
  if (!sender || sender.id !== extensionId) return 'unknown sender';
  if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return 'malformed message';
  // One of our own pages (popup, options: the options page may be in a tab of its own). A content
  // script's sender URL is the page it runs in, never ours.
  const fromExtensionPage = typeof sender.url === 'string' && typeof base === 'string'
    && /^(chrome|moz)-extension:\/\/[^/]+\/$/.test(base) && sender.url.startsWith(base);
  // A tab on a site an adapter serves, asking about its own URL.
  const tabProblem = () => {
    if (!sender.tab || typeof sender.tab.id !== 'number') return `${msg.type} must come from a tab`;
    const host = hostOf(sender.url || sender.tab.url || '');
    if (!host || !(PAGE_HOSTS.includes(host) || extraHosts.includes(host) || mastodon)) return 'site not served';
    if (!isStr(msg.url, 4096) || hostOf(msg.url) !== host) return 'url does not match the sender';
    return null;
  };
  if (msg.type === 'check') {
    const problem = tabProblem();
    if (problem) return problem;
    if (msg.banner != null && typeof msg.banner !== 'boolean') return 'banner must be a boolean';
    if (msg.requestId != null && !Number.isSafeInteger(msg.requestId)) return 'requestId must be an integer';
    if (msg.wantMessages != null && typeof msg.wantMessages !== 'boolean') return 'wantMessages must be a boolean';
    if (!Array.isArray(msg.profiles) || msg.profiles.length === 0 || msg.profiles.length > MAX_PROFILES) {
      return 'profiles must be a non-empty array of at most 200';
    }
    for (const p of msg.profiles) {
      if (!p || typeof p !== 'object') return 'profile must be an object';
      for (const k of ['id', 'platform', 'handle', 'name']) if (!isStr(p[k])) return `profile.${k} must be a string`;
      if (p.bio != null && !isStr(p.bio, 4000)) return 'profile.bio must be a short string';
      if (p.avatar != null && !isStr(p.avatar, 2048)) return 'profile.avatar must be a URL';
      if (p.links != null && !(Array.isArray(p.links) && p.links.length <= 8 && p.links.every((l) => isStr(l, 400)))) return 'profile.links must be a few short strings';
    }
    return null;
  }
  if (msg.type === 'decide' || msg.type === 'evidenceImage') {
    // Only from the extension's own pages: the banner's and cards' frames (ui/frame/), the popup, the
    // queue. Never from a content script, which runs in the page's process (issue 24, finding 5).
    if (!fromExtensionPage) return `${msg.type} is only for extension pages`;
    if (!isStr(msg.url, 4096)) return 'url must be a string';
    const p = msg.profile;
    if (!p || typeof p !== 'object') return 'profile must be an object';
    for (const k of ['platform', 'handle', 'name']) if (!isStr(p[k], 400)) return `profile.${k} must be a short string`;
    if (p.avatar != null && !isStr(p.avatar, 2048)) return 'profile.avatar must be a URL';
    if (msg.type === 'evidenceImage') {
      if (msg.spelled != null && !isStr(msg.spelled, 400)) return 'spelled must be at most 400 characters';
      if (msg.tabId != null && !Number.isSafeInteger(msg.tabId)) return 'tabId must be an integer';
      if (msg.region != null && !(typeof msg.region === 'object' && JSON.stringify(msg.region).length <= 600)) return 'region must be a small object';
      if (msg.evidenceSha256 != null && !/^[0-9a-f]{64}$/.test(String(msg.evidenceSha256))) return 'evidenceSha256 must be 64 hex digits';
      if (msg.reasons != null && !(Array.isArray(msg.reasons) && msg.reasons.length <= 8 && msg.reasons.every((x) => isStr(x, 400)))) {
        return 'reasons must be at most 8 strings of at most 400 characters';
      }
    }
    if (msg.type === 'decide') {
      if (!DECISIONS.includes(msg.decision)) return `decision must be one of ${DECISIONS.join(', ')}`;
      if (msg.note != null && !isStr(msg.note, 1000)) return 'note must be at most 1000 characters';
      if (msg.undoes != null && !isStr(msg.undoes, 40)) return 'undoes must be a decision time';
    }
    const r = msg.type === 'decide' ? msg.result : msg;
    if (r != null) {
      if (typeof r !== 'object') return 'result must be an object';
      if (r.verdict != null && !isStr(r.verdict, 40)) return 'verdict must be a short string';
      if (r.match != null && !isStr(r.match, 400)) return 'match must be a short string';
      if (r.score != null && typeof r.score !== 'number') return 'score must be a number';
    }
    return null;
  }
  if (msg.type === 'bulkCheck') {
    if (!fromExtensionPage) return 'bulkCheck is only for extension pages';
    if (!Array.isArray(msg.profiles) || msg.profiles.length === 0 || msg.profiles.length > MAX_BULK) {
      return `profiles must be a non-empty array of at most ${MAX_BULK}`;
    }
    for (const p of msg.profiles) {
      if (!p || typeof p !== 'object') return 'profile must be an object';
      for (const k of ['id', 'platform', 'handle', 'name']) if (!isStr(p[k])) return `profile.${k} must be a string`;
      if (p.bio != null && !isStr(p.bio, 4000)) return 'profile.bio must be a short string';
    }
    return null;
  }
  // A page of a served site began loading: the worker starts its engine before the page can be read. From
  // the options page: the list changed, and a stopped worker starts to build its engine now.
  if (msg.type === 'wake') return fromExtensionPage ? null : tabProblem();
  // The banner's "move" button (the corner is kept by the worker: content scripts do not write storage).
  if (msg.type === 'bannerCorner') {
    const problem = tabProblem();
    if (problem) return problem;
    return ['top-right', 'bottom-right', 'bottom-left', 'top-left'].includes(msg.corner) ? null : 'corner must be a corner';
  }
  if (msg.type === 'unreadable') {
    // A served page's reader found no profile where the address says there is one.
    const problem = tabProblem();
    if (problem) return problem;
    if (!isStr(msg.site, 40)) return 'site must be a short string';
    if (msg.wantMessages != null && typeof msg.wantMessages !== 'boolean') return 'wantMessages must be a boolean';
    return null;
  }
  if (msg.type === 'queueStep') {
    // From the queue page, or the banner's queue bar in a tab of a served site (the worker then checks it
    // is the queue's tab).
    if (!fromExtensionPage) {
      const problem = tabProblem();
      if (problem) return problem;
    }
    return msg.direction === 1 || msg.direction === -1 ? null : 'direction must be 1 or -1';
  }
  if (msg.type === 'queueOpen') {
    if (!fromExtensionPage) return 'queueOpen is only for extension pages';
    return Number.isSafeInteger(msg.index) && msg.index >= 0 ? null : 'index must be a whole number';
  }
  if (msg.type === 'frameContent') {
    // A banner's or a card's frame, an extension page inside a tab, redeeming the token the worker gave
    // that tab.
    if (!fromExtensionPage || !sender.tab || typeof sender.tab.id !== 'number') return 'frameContent is only for annotation frames';
    if (typeof msg.token !== 'string' || !/^[0-9a-f-]{36}$/.test(msg.token)) return 'token must be a token the worker issued';
    if (msg.fresh != null && typeof msg.fresh !== 'boolean') return 'fresh must be a boolean';
    if (msg.wantMessages != null && typeof msg.wantMessages !== 'boolean') return 'wantMessages must be a boolean';
    return null;
  }
  if (['auditExport', 'auditCount', 'auditClear', 'feedRefresh'].includes(msg.type)) {
    return fromExtensionPage ? null : `${msg.type} is only for extension pages`;
  }
  return `unknown message type ${JSON.stringify(msg.type).slice(0, 40)}`;
}
