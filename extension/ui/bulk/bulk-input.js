// What a partnerships team pastes into the bulk page, read into profiles: one per line, each a profile
// address (with or without https://, or a post's address, read as its author), an @handle with or
// without a display name ("Name (@handle)" as X titles its pages, "@handle Name", "handle, Name", a
// quoted CSV row), or a display name alone. Which addresses are profiles comes from the site catalogue.
// Cells pasted from a sheet vipguard exported have their formula guard undone ('@ada reads @ada). Needs
// shared/report.js loaded first (its global vipguardReport), as bulk.html does.
// Problems are {line, key, args}: message keys of the interface's catalogue, so the page says them in
// its language (describe() writes them out).
import '../../shared/site-catalog.js';
import { fromUrl, addressOf } from '../../shared/profile-address.js';

const { PLATFORMS } = globalThis.vipguardSiteCatalog;
export { PLATFORMS, fromUrl };
export const MAX_LINES = 20000;

// A problem as words, with `t` the catalogue's lookup (vipguardI18n.t on the page).
export const describe = (problem, t) => t('bulkLineProblem', problem.line, t(problem.key, ...(problem.args || [])));

// The fields of a CSV row pasted as text ("@handle","Name"), quotes removed; null when it has none.
function quotedFields(line) {
  if (!line.includes('"')) return null;
  const out = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^,;\t]*))\s*(?:[,;\t]|$)/gy;
  let m;
  while (re.lastIndex < line.length && (m = re.exec(line)) && m[0]) out.push(m[1] != null ? m[1].replace(/""/g, '"') : m[2].trim());
  return out.length >= 2 ? out.filter(Boolean) : null;
}

// A pasted cell with its formula guard undone, after any blanks before it (kept), as the engine's readers
// undo a sheet's (shared/report.js, csvUnguard): cells copied from a sheet vipguard wrote come as the sheet
// holds them ('-1, '@ada, ''=x), and read as the values they were written from (-1, @ada, '=x).
const unguardCell = (cell) => {
  const rest = cell.replace(/^[^\S\t]+/, '');
  return cell.slice(0, cell.length - rest.length) + globalThis.vipguardReport.csvUnguard(rest);
};
// A pasted line's cells, each unguarded: separated by tabs (a spreadsheet's cells copied), or by commas
// or semicolons (a CSV file's text); quoted ones are quotedFields' (each a cell).
const unguardCells = (line) => line.replace(/(^|[,;\t])([^,;\t]*)/g, (_, sep, cell) => sep + unguardCell(cell));

// Lines to profiles. `platform` applies to lines without an address. Returns {profiles, errors}; each
// profile keeps its line and what was read from it (`from`: 'profile', 'post' or 'text').
export function parseLines(text, platform = 'x') {
  const profiles = [];
  const errors = [];
  const lines = String(text).split(/\r?\n/);
  if (lines.length > MAX_LINES) {
    errors.push({ line: MAX_LINES + 1, key: 'bulkErrTooManyLines', args: [MAX_LINES] });
  }
  lines.slice(0, MAX_LINES).forEach((raw, i) => {
    const n = i + 1;
    const fields = quotedFields(raw.trim());
    const line = fields ? fields.map(unguardCell).join(', ') : unguardCells(raw.trim());
    if (!line) return;
    const id = `line ${n}`;
    const first = line.split(/[\s,;]+/)[0];
    const address = addressOf(first);
    if (address) {
      const r = fromUrl(address);
      if (r.key) {
        errors.push({ line: n, key: r.key, args: r.args });
        return;
      }
      const name = line.slice(first.length).replace(/^[\s,;]+/, '').replace(/[,;\t]/g, ' ').replace(/\s+/g, ' ').trim();
      profiles.push({ id, platform: r.platform, handle: r.handle, name, line: n, from: r.from, url: address });
      return;
    }
    if (line.length > 300) {
      errors.push({ line: n, key: 'bulkErrTooLong', args: [300] });
      return;
    }
    // "@handle Display Name", "Display Name @handle", "Display Name (@handle)", "handle, Display Name" or
    // a display name alone.
    const at = line.match(/(^|[\s([])@([^\s,;()[\]]+)\)?/);
    if (at) {
      const name = (line.slice(0, at.index) + ' ' + line.slice(at.index + at[0].length))
        .replace(/\(\s*\)|\[\s*\]/g, ' ').replace(/[,;\t]/g, ' ').replace(/\s+/g, ' ').trim();
      profiles.push({ id, platform, handle: at[2], name, line: n, from: 'text' });
      return;
    }
    const parts = line.split(/[,;\t]/).map((p) => p.trim()).filter(Boolean);
    if (parts.length >= 2 && !/\s/.test(parts[0])) {
      profiles.push({ id, platform, handle: parts[0], name: parts.slice(1).join(' '), line: n, from: 'text' });
    } else if (!/\s/.test(line) && /^[\p{L}\p{N}_.-]+$/u.test(line) && /[\d_.]|[a-z][A-Z]/.test(line)) {
      // One word that reads as a handle (digits, underscores, dots or camelCase): a handle.
      profiles.push({ id, platform, handle: line, name: '', line: n, from: 'text' });
    } else {
      profiles.push({ id, platform, handle: '', name: line, line: n, from: 'text' });
    }
  });
  return { profiles, errors };
}

// Marks each profile that repeats an earlier one (same platform and handle, or same name when there is
// no handle) with `duplicateOf`, the earlier one's line.
export function markDuplicates(profiles) {
  const first = new Map();
  for (const p of profiles) {
    const key = p.handle ? `${p.platform}:${p.handle.toLowerCase()}` : `name:${String(p.name).toLowerCase()}`;
    if (first.has(key)) p.duplicateOf = first.get(key);
    else first.set(key, p.line);
  }
  return profiles;
}
