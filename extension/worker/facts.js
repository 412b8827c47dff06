// Account facts a profile's page shows (when it joined, how many follow it, the site's own verified
// mark), as the frame may draw them. The content script that read them is untrusted (issue 24): every
// fact is checked here for type, length and sense, and a bad one is dropped, never shown.
// Counts come as the page shows them ("1.2K", "1,2 k", "3,4 M", "12.5万", "1,204"): kept as shown text
// for display beside an approximate number (docs/extension.md, "Account facts").

// Suffixes the sites' compact formatters write (Intl's compact notation in en and fr, GitHub's "k",
// Chinese and Japanese myriads).
const SCALE = { k: 1e3, m: 1e6, b: 1e9, md: 1e9, mrd: 1e9, 千: 1e3, 万: 1e4, 萬: 1e4, 億: 1e8, 亿: 1e8 };
const COUNT_MAX = 1e10; // more than any account's audience
const SPACES = /[\s\u00a0\u202f]+/g;

// The number a shown count stands for, or null when it is not a count ("lots", "", "1.2.3K", and
// "1,234.567", whose separators disagree: one grouping separator, used between every group of three, and
// at most one decimal mark of the other kind).
export function parseCount(shown) {
  if (typeof shown !== 'string' || shown.length > 24) return null;
  const t = shown.trim().replace(SPACES, ' ');
  const m = /^(\d{1,3}(?:([ ,.'])\d{3})(?:\2\d{3})*(?:(?!\2)[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)\s?(k|m|b|md|mrd|千|万|萬|億|亿)?\.?$/i.exec(t);
  if (!m) return null;
  const [, digits, group, suffix] = m;
  // "1,2 k" (French decimal comma) and "1.2K" alike; grouped thousands ("1,204", "1 204", "1.204", and
  // before a suffix, rarely, "1,234.5K").
  const whole = group ? digits.split(group).join('') : digits;
  // No suffix: a whole number ("1,5" and "1.0" are not counts).
  if (!suffix && /[.,]/.test(whole)) return null;
  const n = Number(whole.replace(',', '.'));
  const v = suffix ? Math.round(n * SCALE[suffix.toLowerCase()]) : n;
  return Number.isSafeInteger(v) && v >= 0 && v <= COUNT_MAX ? v : null;
}

// A date the page states: an ISO date (X's JSON-LD; a real calendar date, alone or as an RFC 3339
// date-time) or the page's own words with a year in them ("Nov 2026", "12 Nov 2026"): "yesterday" says
// nothing checkable. Neither may hold markup, control or format characters (a right-to-left override
// would reorder the words around it).
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d))?$/;
function isoDate(s) {
  const m = typeof s === 'string' && s.length <= 40 && ISO.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null; // "2024-02-30"
  const at = new Date(s);
  if (!Number.isFinite(at.getTime()) || at.getUTCFullYear() < 1990 || at.getUTCFullYear() > 2100) return null;
  return at.toISOString();
}
const shownDate = (s) => typeof s === 'string' && s.length <= 40 && /(^|\D)(19[9]\d|20\d\d)(\D|$)/.test(s) && !/[<>\p{Cc}\p{Cf}]/u.test(s);

// The facts as a frame shows them, each checked; null when none is left.
export function shownFacts(f) {
  if (!f || typeof f !== 'object' || Array.isArray(f)) return null;
  const out = {};
  const joined = isoDate(f.joined);
  if (joined) out.joined = joined;
  else if (shownDate(f.joinedShown)) out.joinedShown = f.joinedShown.trim();
  if (Number.isSafeInteger(f.followers) && f.followers >= 0 && f.followers <= COUNT_MAX) out.followers = f.followers;
  else {
    const n = parseCount(f.followersShown);
    if (n != null) Object.assign(out, { followers: n, followersShown: f.followersShown.trim().replace(SPACES, ' ') });
  }
  if (f.verified === true) out.verified = true;
  return Object.keys(out).length ? out : null;
}

