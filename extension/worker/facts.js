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

// The number a shown count stands for, or null when it is not a count ("lots", "", "1.2.3K").
export function parseCount(shown) {
  if (typeof shown !== 'string' || shown.length > 24) return null;
  const t = shown.trim().replace(SPACES, ' ');
  const m = /^(\d{1,3}(?:[ ,.']\d{3})+|\d+(?:[.,]\d{1,2})?|\d+)\s?(k|m|b|md|mrd|千|万|萬|億|亿)?\.?$/i.exec(t);
  if (!m) return null;
  const [, digits, suffix] = m;
  let n;
  if (suffix) {
    // "1,2 k" (French decimal comma) and "1.2K" alike; grouped thousands before a suffix are rare but
    // read ("1,234K").
    n = /^\d+[.,]\d{1,2}$/.test(digits) ? Number(digits.replace(',', '.')) : Number(digits.replace(/[ ,.']/g, ''));
    n = Math.round(n * SCALE[suffix.toLowerCase()]);
  } else {
    // No suffix: a whole number, its thousands grouped by the page's locale ("1,204", "1 204", "1.204").
    if (/^\d+[.,]\d{1,2}$/.test(digits)) return null;
    n = Number(digits.replace(/[ ,.']/g, ''));
  }
  return Number.isSafeInteger(n) && n >= 0 && n <= COUNT_MAX ? n : null;
}

// A date the page states: an ISO date (X's JSON-LD) or the page's own words with a year in them
// ("Nov 2026", "12 Nov 2026"): "yesterday" says nothing checkable.
const isoDate = (s) => typeof s === 'string' && s.length <= 40 && /^\d{4}-\d{2}-\d{2}/.test(s) && Number.isFinite(Date.parse(s))
  && Number(s.slice(0, 4)) >= 1990 && Number(s.slice(0, 4)) <= 2100;
const shownDate = (s) => typeof s === 'string' && s.length <= 40 && /(^|\D)(19[9]\d|20\d\d)(\D|$)/.test(s) && !/[<>\n]/.test(s);

// The facts as a frame shows them, each checked; null when none is left.
export function shownFacts(f) {
  if (!f || typeof f !== 'object' || Array.isArray(f)) return null;
  const out = {};
  if (isoDate(f.joined)) out.joined = f.joined;
  else if (shownDate(f.joinedShown)) out.joinedShown = f.joinedShown.trim();
  if (Number.isSafeInteger(f.followers) && f.followers >= 0 && f.followers <= COUNT_MAX) out.followers = f.followers;
  else {
    const n = parseCount(f.followersShown);
    if (n != null) Object.assign(out, { followers: n, followersShown: f.followersShown.trim().replace(SPACES, ' ') });
  }
  if (f.verified === true) out.verified = true;
  return Object.keys(out).length ? out : null;
}

// Whether the shown count is the exact number (grouped digits) or a rounded one ("1.2K").
export const roundedCount = (facts) => !!(facts && facts.followersShown && /[^\d\s,.'\u00a0\u202f]/.test(facts.followersShown));
