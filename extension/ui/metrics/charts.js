// Bar charts as SVG, drawn by hand: a charting library would outweigh the extension's own pages, and bars
// are all the metrics need. Colours come from CSS (currentColor), so both themes work. Each chart comes
// with a table of its figures that only screen readers read (an SVG marked as an image hides its bars'
// titles from them), and every bar keeps its label and value as a <title> for the mouse.
const NS = 'http://www.w3.org/2000/svg';

function svgEl(tag, attrs = {}, text = null) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text != null) e.textContent = text;
  return e;
}

// The chart beside a table of the same figures, read by screen readers instead of the picture.
function withTable(svg, items, title) {
  const table = document.createElement('table');
  table.className = 'sr-only';
  const caption = document.createElement('caption');
  caption.textContent = title;
  table.append(caption);
  for (const item of items) {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = item.label;
    const td = document.createElement('td');
    td.textContent = String(item.value);
    tr.append(th, td);
    table.append(tr);
  }
  svg.setAttribute('aria-hidden', 'true');
  const box = document.createElement('div');
  box.append(svg, table);
  return box;
}

// Vertical bars, one per {label, value}; `label` under every `every`-th bar.
export function columns(items, { title, width = 560, height = 180, every = 1 } = {}) {
  const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart' });
  const top = 16;
  const bottom = 22;
  const max = Math.max(1, ...items.map((i) => i.value));
  const slot = width / Math.max(1, items.length);
  const barW = Math.max(4, slot * 0.7);
  items.forEach((item, i) => {
    const h = ((height - top - bottom) * item.value) / max;
    const x = i * slot + (slot - barW) / 2;
    const y = height - bottom - h;
    const bar = svgEl('rect', { x, y, width: barW, height: Math.max(h, item.value ? 1 : 0), class: 'bar' });
    bar.append(svgEl('title', {}, `${item.label}: ${item.value}`));
    svg.append(bar);
    if (item.value) svg.append(svgEl('text', { x: x + barW / 2, y: y - 3, 'text-anchor': 'middle', class: 'value' }, item.value));
    if (i % every === 0) svg.append(svgEl('text', { x: x + barW / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis' }, item.label));
  });
  svg.append(svgEl('line', { x1: 0, x2: width, y1: height - bottom + 0.5, y2: height - bottom + 0.5, class: 'base' }));
  return withTable(svg, items, title);
}

// Horizontal bars, one per {label, value}, longest first: mixes and per-site counts.
export function rows(items, { title, width = 560, rowHeight = 22 } = {}) {
  const sorted = [...items].sort((a, b) => b.value - a.value);
  const height = Math.max(1, sorted.length) * rowHeight + 4;
  const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart' });
  const labelW = 190;
  const max = Math.max(1, ...sorted.map((i) => i.value));
  sorted.forEach((item, i) => {
    const y = i * rowHeight + 2;
    svg.append(svgEl('text', { x: 0, y: y + rowHeight * 0.68, class: 'axis' }, item.label));
    const w = ((width - labelW - 50) * item.value) / max;
    const bar = svgEl('rect', { x: labelW, y: y + 3, width: Math.max(w, 1), height: rowHeight - 6, class: 'bar' });
    bar.append(svgEl('title', {}, `${item.label}: ${item.value}`));
    svg.append(bar, svgEl('text', { x: labelW + w + 6, y: y + rowHeight * 0.68, class: 'value' }, item.value));
  });
  return withTable(svg, sorted, title);
}
