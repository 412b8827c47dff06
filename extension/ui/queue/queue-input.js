// What a reviewer loads into the review queue, read into items {url, platform, handle, sourceId}: pasted
// report or profile URLs (one per line, anything else on the line ignored), or a CSV exported from Jira or
// Service Cloud, where each row's first profile address is its item and its issue key or case number its
// source id. Profile addresses are read as the bulk page reads them (bulk-input.js); a post's address
// gives its author. Pure: tested in tests/e2e/queue.test.mjs.
import '../../shared/site-catalog.js';
import { fromUrl, addressOf } from '../../shared/profile-address.js';
export { addItems, itemKey } from '../../shared/review-queue.js';

const { profileUrl } = globalThis.vipguardSiteCatalog;

// RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks), as rows of cells. The delimiter
// is the header line's most frequent of , ; and tab (spreadsheets in French locales write ;).
export function parseCsv(text) {
  const head = String(text).split(/\r?\n/, 1)[0];
  const delim = [',', ';', '\t'].map((d) => [d, head.split(d).length]).sort((a, b) => b[1] - a[1])[0][0];
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const s = String(text).replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delim) { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows.filter((r) => r.some((x) => x.trim()));
}

// An item for the first profile address in `text`, or null.
function itemIn(text, sourceId = '') {
  // Split at spaces and at what wraps links in tickets: <…>, (…), […], [label|url] (Jira), quotes.
  for (const word of String(text).split(/[\s,;<>()"'[\]|]+/)) {
    const address = addressOf(word);
    const r = address && fromUrl(address);
    if (!r || r.key) continue;
    return { url: profileUrl(r.platform, r.handle, word), platform: r.platform, handle: r.handle, sourceId, from: r.from };
  }
  return null;
}

// Pasted lines: {items, skipped} where skipped lists the line numbers with no profile address.
export function itemsFromText(text) {
  const items = [];
  const skipped = [];
  String(text).split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const item = itemIn(line);
    if (item) items.push(item);
    else skipped.push(i + 1);
  });
  return { items, skipped };
}

// Column headers Jira and Service Cloud exports name a report by.
const ID_COLUMNS = /^(issue key|key|case number|case|ticket|ticket id|id|number)$/i;

// A CSV export: {items, skipped} (skipped: the row numbers, header = 1, with no profile address).
export function itemsFromCsv(text) {
  const [header = [], ...rows] = parseCsv(text);
  const idCol = header.findIndex((h) => ID_COLUMNS.test(h.trim()));
  const items = [];
  const skipped = [];
  rows.forEach((cells, i) => {
    let item = null;
    for (const cell of cells) {
      item = itemIn(cell, idCol >= 0 ? (cells[idCol] || '').trim() : '');
      if (item) break;
    }
    if (item) items.push(item);
    else skipped.push(i + 2);
  });
  return { items, skipped };
}
