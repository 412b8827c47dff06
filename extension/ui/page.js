// What the options and bulk pages' modules share: finding elements, making text-only ones, reading storage.
export const $ = (id) => document.getElementById(id);

// An element holding `value` as text (page data is never parsed as HTML).
export function text(tag, value) {
  const e = document.createElement(tag);
  e.textContent = value;
  return e;
}

export const stored = async (k) => (await chrome.storage.local.get(k))[k];

// Hands the reviewer a file to save (`parts`, as a Blob takes them).
export function download(name, parts, type) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob(parts, { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
}

// A CSV file for a spreadsheet, as vipguardReport.csvFile writes it (a byte-order mark, then the rows);
// `rows` as vipguardReport.toCsv takes them.
export function downloadCsv(name, columns, rows) {
  download(name, [vipguardReport.csvFile(columns, rows)], 'text/csv;charset=utf-8');
}
