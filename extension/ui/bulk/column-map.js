// Any spreadsheet on the bulk page: a CSV or TSV with a header row, whose columns the reviewer maps to
// what vipguard needs (the handle or profile address, the name, the platform, the sheet's own id). The
// mapping is guessed from the column names, in English and French, and remembered by the header (a
// team's export keeps its columns from one week to the next). Problems are {line, key, args}, as in
// bulk-input.js.
import { fromUrl, addressOf } from '../../shared/profile-address.js';
import { PLATFORMS } from './bulk-input.js';

/** What a column can hold, in the order the mapper shows them. */
export const FIELDS = ['handle', 'name', 'platform', 'id'];

/** The command line's profile columns: a sheet with these alone goes to the command line's reader. */
const CLI_COLUMNS = new Set(['id', 'platform', 'handle', 'name', 'bio', 'avatar', 'links']);

// A column name as compared: lower case, no accents, words separated by one space.
const plain = (s) => String(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}@#]+/gu, ' ').trim();

// Column names per field, most telling first (a sheet with both "Handle" and "URL" maps the handle).
const NAMES = {
  handle: [['handle', 'username', 'user name', 'screen name', 'compte', 'account', 'identifiant', 'pseudo', 'pseudonyme', '@',
    'nom d utilisateur', 'utilisateur', 'user'],
  ['url', 'profile url', 'profile', 'profil', 'url du profil', 'lien', 'link', 'lien du profil', 'profile link', 'adresse', 'address']],
  name: [['name', 'display name', 'nom', 'nom affiche', 'full name', 'nom complet', 'titulaire', 'owner', 'account name', 'nom du compte']],
  platform: [['platform', 'plateforme', 'network', 'reseau', 'reseau social', 'social network', 'site', 'service', 'channel', 'canal']],
  // `source_id`: the bulk page's own export (export.js), whose id it is, as `vipguard scan` reads it.
  id: [['id', 'source id', 'ref', 'reference', 'case', 'case number', 'ticket', 'n', 'no', 'number', 'numero', 'dossier', '#']],
};

/** The rows of a CSV or TSV text (RFC 4180 quoting), split on the separator its first line uses most. */
export function parseSheet(text) {
  const src = String(text).replace(/^\ufeff/, '');
  const first = src.split(/\r?\n/, 1)[0].replace(/"[^"]*"/g, '');
  const sep = ['\t', ';', ','].reduce((best, c) => (first.split(c).length > first.split(best).length ? c : best), ',');
  const rows = [];
  let cells = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === sep) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ cells, line: rowLine });
      cells = [];
      cell = '';
      rowLine = ++line;
    } else {
      cell += c;
    }
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    rows.push({ cells, line: rowLine });
  }
  const [head, ...body] = rows;
  return { header: head ? head.cells.map((h) => h.trim()) : [], rows: body.filter((r) => r.cells.some((c) => c.trim())) };
}

/** The remembered mappings' key for a header: its column names, as compared. */
export const headerKey = (header) => header.map(plain).join('\u0001');

/** Whether the sheet is in the command line's own columns (its reader then reads it, with its messages). */
export const isCliSheet = (header) => header.length > 0 && header.every((h) => CLI_COLUMNS.has(h)) && header.includes('id');

/** {field: column index, or -1} guessed from the column names. */
export function guessColumns(header) {
  const names = header.map(plain);
  const out = {};
  const taken = new Set();
  for (const field of FIELDS) {
    out[field] = -1;
    for (const group of NAMES[field]) {
      const i = names.findIndex((n, k) => !taken.has(k) && group.includes(n));
      if (i >= 0) {
        out[field] = i;
        taken.add(i);
        break;
      }
    }
  }
  return out;
}

// A platform as a sheet writes it ("Twitter", "X (Twitter)", "instagram.com"), or null.
function platformOf(value) {
  const v = plain(value).replace(/ com$/, '');
  if (['x', 'twitter', 'x twitter', 'twitter x'].includes(v)) return 'x';
  return PLATFORMS.find((p) => p === v || plain(p) === v) || null;
}

/**
 * The sheet's rows as profiles, by `map` ({field: column index}); `platform` for rows that name none.
 * Returns {profiles, errors}; each profile keeps its line, its sheet id (`sourceId`) and address (`url`).
 */
export function profilesFromSheet({ header = [], rows }, map, platform = 'x') {
  const profiles = [];
  const errors = [];
  // The bulk page's own export read again: a row whose `source_id` is empty (the page's input had no id)
  // is named by its `line` cell, `line 3`, as the page named it and as `vipguard scan` reads such a row
  // (crates/vipguard/src/formats/profile.rs, read_csv).
  const names = header.map(plain);
  const exportLine = names[map.id] === 'source id' ? names.indexOf('line') : -1;
  // Each cell trimmed and its formula guard undone (shared/report.js, csvUnguard), as the engine's readers
  // do: a results sheet the bulk page exported ('-1, '@ada) reads back as it was written.
  const at = (r, field) => (map[field] >= 0 ? globalThis.vipguardReport.csvUnguard(String(r.cells[map[field]] ?? '').trim()) : '');
  for (const r of rows) {
    const n = r.line;
    // A NUL or another control character in a cell is read as it is, as the engine reads a profiles sheet
    // (crates/vipguard/src/formats/csv.rs, csv_reader): the engine's evidence reports it as a hidden character.
    const lineCell = exportLine >= 0 ? String(r.cells[exportLine] ?? '').trim() : '';
    const sourceId = at(r, 'id') || (lineCell ? `line ${lineCell}` : '');
    const name = at(r, 'name').replace(/\s+/g, ' ');
    const given = at(r, 'platform');
    const rowPlatform = given ? platformOf(given) : platform;
    const cell = at(r, 'handle');
    const address = cell && addressOf(cell.split(/\s+/)[0]);
    if (address) {
      const got = fromUrl(address);
      if (got.key) errors.push({ line: n, key: got.key, args: got.args });
      else profiles.push({ id: `line ${n}`, sourceId, platform: got.platform, handle: got.handle, name, line: n, from: got.from, url: address });
      continue;
    }
    if (!rowPlatform) {
      errors.push({ line: n, key: 'bulkErrPlatform', args: [given, PLATFORMS.join(', ')] });
      continue;
    }
    const handle = cell.replace(/^@/, '');
    if (!handle && !name) {
      errors.push({ line: n, key: 'bulkErrEmptyRow' });
      continue;
    }
    if (/\s/.test(handle)) {
      errors.push({ line: n, key: 'bulkErrHandleSpace', args: [handle.slice(0, 60)] });
      continue;
    }
    profiles.push({ id: `line ${n}`, sourceId, platform: rowPlatform, handle, name, line: n, from: 'text' });
  }
  return { profiles, errors };
}
