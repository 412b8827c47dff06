// What a partnerships team pastes into the bulk page, read into profiles: one per line, each a profile
// URL, an @handle with or without a display name, or a display name alone. Which addresses are profiles
// comes from the site catalogue.
import '../../shared/site-catalog.js';

const { SITES, PLATFORMS, notPersonInAddress, site } = globalThis.vipguardSiteCatalog;
export { PLATFORMS };
export const MAX_LINES = 20000;

// A profile URL as {platform, handle}, or a reason it is not one.
export function fromUrl(text) {
  let u;
  try {
    u = new URL(text);
  } catch {
    return { error: 'not a URL' };
  }
  if (!/^https?:$/.test(u.protocol)) return { error: 'not a web address' };
  const host = u.hostname.toLowerCase();
  const path = decodeURIComponent(u.pathname);
  for (const s of SITES) {
    if (!s.pageHosts.includes(host) && !s.addressHosts.includes(host)) continue;
    const m = path.match(s.profilePath);
    if (!m || notPersonInAddress(m[1])) return { error: `not a profile address on ${host}` };
    return { platform: s.platform, handle: m[1] };
  }
  // Mastodon and other fediverse servers: https://server/@user (or @user@home.server).
  const fedi = path.match(site('mastodon').profilePath);
  if (fedi) return { platform: 'mastodon', handle: `${fedi[1]}@${fedi[2] || host}` };
  return { error: `${host} is not a site vipguard reads profile addresses of` };
}

// Lines to profiles. `platform` applies to lines without a URL. Returns {profiles, errors}; an error
// names its line.
export function parseLines(text, platform = 'x') {
  const profiles = [];
  const errors = [];
  const lines = String(text).split(/\r?\n/);
  if (lines.length > MAX_LINES) {
    errors.push({ line: MAX_LINES + 1, error: `more than ${MAX_LINES} lines: the rest were not read` });
  }
  lines.slice(0, MAX_LINES).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const n = i + 1;
    const id = `line ${n}`;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(line)) {
      const r = fromUrl(line.split(/\s+/)[0]);
      if (r.error) {
        errors.push({ line: n, error: `line ${n}: ${r.error}` });
        return;
      }
      const name = line.split(/\s+/).slice(1).join(' ');
      profiles.push({ id, platform: r.platform, handle: r.handle, name, line: n });
      return;
    }
    if (line.length > 300) {
      errors.push({ line: n, error: `line ${n}: longer than 300 characters` });
      return;
    }
    // "@handle Display Name", "Display Name @handle", "handle, Display Name" or a display name alone.
    const at = line.match(/(^|\s)@([^\s,;]+)/);
    if (at) {
      const name = (line.slice(0, at.index) + ' ' + line.slice(at.index + at[0].length)).replace(/[,;\t]/g, ' ').replace(/\s+/g, ' ').trim();
      profiles.push({ id, platform, handle: at[2], name, line: n });
      return;
    }
    const parts = line.split(/[,;\t]/).map((p) => p.trim()).filter(Boolean);
    if (parts.length >= 2 && !/\s/.test(parts[0])) {
      profiles.push({ id, platform, handle: parts[0], name: parts.slice(1).join(' '), line: n });
    } else if (!/\s/.test(line) && /^[\p{L}\p{N}_.-]+$/u.test(line) && /[\d_.]|[a-z][A-Z]/.test(line)) {
      // One word that reads as a handle (digits, underscores, dots or camelCase): a handle.
      profiles.push({ id, platform, handle: line, name: '', line: n });
    } else {
      profiles.push({ id, platform, handle: '', name: line, line: n });
    }
  });
  return { profiles, errors };
}
