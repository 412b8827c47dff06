// The bulk page: many accounts checked against the protected list in the worker, in batches through
// checkMany, with a progress bar; a sortable, filterable table; CSV export.
import init, { readProfiles, decodeUtf8 } from '../../pkg/vipguard.js';
import { parseLines, markDuplicates, describe, PLATFORMS } from './bulk-input.js';
import { FIELDS, parseSheet, headerKey, isCliSheet, guessColumns, profilesFromSheet } from './column-map.js';
import { QUEUE_KEY, addItems } from '../../shared/review-queue.js';
import { update, read, COLUMN_MAPS_KEY } from '../../shared/private-store.js';
import { $, text, downloadCsv } from '../page.js';
import { startPage } from '../page-ready.js';
import { describeListError } from '../../shared/list-check.js';
import { ticketFormat, copyTicket, decideForm } from '../row-tools.js';
import { EXPORT_COLUMNS, exportRows } from './export.js';

const { t } = vipguardI18n;
const BATCH = 500; // the worker's cap per message
const PAGE = 1000; // rows drawn at a time: the rest wait for "Show more" (export has them all)
const RANK = { impersonation: 0, suspicious: 1, labelled: 2, own: 3, allowed: 4, clear: 5, error: 6 };
const FLAGGED = new Set(['impersonation', 'suspicious', 'labelled']);

// {line, sourceId, url, platform, handle, name, verdict, match, matchName, score, evidence, cleared, notes}
let rows = [];
let sort = { key: 'score', dir: -1 };
let limit = PAGE;

// The chosen file's sheet when it is a CSV or TSV in other columns than the command line's: {sheet,
// key}; the mapper's selects say which column is what.
let sheet = null;
let choosing = Promise.resolve(); // the chosen file being read
const MAX_MAPS = 50; // headers remembered

// A chosen file's text; one that is not UTF-8 is refused with the line and byte column of its first bad
// byte (`file.text()` would put U+FFFD there: a sheet saved as Windows-1252 checked with garbled names),
// by the engine's check (the WASM package's `decodeUtf8`).
async function fileText(file) {
  await init({ module_or_path: '../../pkg/vipguard_bg.wasm' });
  const { source, error } = decodeUtf8(new Uint8Array(await file.arrayBuffer()));
  if (error) throw new Error(describeListError(error, t));
  return source;
}

// A file chosen: a sheet in columns of its own gets the mapper, set as last time for the same header, else
// guessed from the column names.
async function fileChosen() {
  sheet = null;
  $('mapper').hidden = true;
  const file = $('file').files[0];
  if (!file || file.name.toLowerCase().endsWith('.jsonl')) return;
  const parsed = parseSheet(await fileText(file));
  if (!parsed.header.length || isCliSheet(parsed.header)) return;
  sheet = { ...parsed, key: headerKey(parsed.header) };
  const remembered = ((await read([COLUMN_MAPS_KEY]).catch(() => ({})))[COLUMN_MAPS_KEY] || {})[sheet.key];
  const map = remembered || guessColumns(parsed.header);
  $('mapper-note').textContent = remembered ? t('bulkMapperRemembered') : t('bulkMapperIntro');
  const fields = FIELDS.map((field) => {
    const select = document.createElement('select');
    select.id = `map-${field}`;
    select.append(Object.assign(text('option', t('mapNone')), { value: '-1' }));
    parsed.header.forEach((h, i) => select.append(Object.assign(text('option', t('mapColumn', i + 1, h)), { value: String(i) })));
    select.value = String(map[field] ?? -1);
    const label = text('label', t(`mapField_${field}`));
    label.htmlFor = select.id;
    const span = document.createElement('span');
    span.className = 'map-field';
    span.append(label, ' ', select);
    return span;
  });
  $('mapper-fields').replaceChildren(...fields);
  $('mapper').hidden = false;
}

// The mapper's choices, remembered for the next file with the same header.
async function chosenColumns() {
  const map = Object.fromEntries(FIELDS.map((f) => [f, Number($(`map-${f}`).value)]));
  await update([COLUMN_MAPS_KEY], (s) => {
    const maps = { ...(s[COLUMN_MAPS_KEY] || {}) };
    delete maps[sheet.key];
    maps[sheet.key] = map; // last used last: the oldest go first
    return { [COLUMN_MAPS_KEY]: Object.fromEntries(Object.entries(maps).slice(-MAX_MAPS)) };
  });
  return map;
}

// The profiles to check: from the chosen file (a sheet by the mapper's columns; the command line's own
// columns by its reader and its messages), else from the pasted text. `notice`: what the reviewer should
// know about the choice.
async function profilesFromInput() {
  await choosing;
  const file = $('file').files[0];
  const wins = file && $('paste').value.trim() ? t('bulkFileWins', file.name) : '';
  if (file && sheet) {
    const map = await chosenColumns();
    if (map.handle < 0 && map.name < 0) throw new Error(t('bulkErrNoColumns'));
    const { profiles, errors } = profilesFromSheet(sheet, map, $('platform').value);
    return { profiles, errors: errors.map((e) => describe(e, t)), notice: wins };
  }
  if (file) {
    await init({ module_or_path: '../../pkg/vipguard_bg.wasm' });
    // The command line's reader: its columns and its messages, one per bad row.
    const read = readProfiles(await fileText(file), file.name.toLowerCase().endsWith('.jsonl') ? file.name : `${file.name.replace(/\.[^.]*$/, '')}.csv`);
    // A file refused as a whole stops the run, said in the interface's language too.
    if (read.stopped) throw new Error(describeListError({ ...read.stopped, message: read.stopped.error }, t));
    return {
      profiles: read.profiles.map((p, i) => ({ ...p, sourceId: p.id, line: read.lines[i] })),
      // Each row's problem in the interface's language where the engine gave it a code (its English else).
      errors: read.errors.map((e) => describeListError({ ...e, message: e.error }, t)),
      notice: wins,
    };
  }
  const { profiles, errors } = parseLines($('paste').value, $('platform').value);
  return { profiles, errors: errors.map((e) => describe(e, t)), notice: '' };
}

// What a row's verdict rests on, beyond the engine's evidence: a repeated account, an address read as
// its author, a handle checked without a name.
function notesOf(p) {
  const notes = [];
  if (p.duplicateOf) notes.push(t('bulkDuplicate', p.duplicateOf));
  if (p.from === 'post') notes.push(t('bulkFromPost'));
  if (p.handle && !p.name) notes.push(t('bulkOnlyHandle'));
  return notes;
}

function visible() {
  const v = $('filter-verdict').value;
  const q = $('filter-text').value.trim().toLowerCase();
  const out = rows.filter((r) => (v === 'all' || (v === 'flagged' ? FLAGGED.has(r.verdict) : r.verdict === v))
    && (!q || `${r.handle} ${r.name} ${r.match} ${r.matchName}`.toLowerCase().includes(q)));
  const { key, dir } = sort;
  const value = (r) => (key === 'verdict' ? RANK[r.verdict] ?? 9 : key === 'score' ? r.score ?? -1 : key === 'line' ? r.line : String(r[key] || '').toLowerCase());
  return out.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return (x < y ? -1 : x > y ? 1 : a.line - b.line) * (x === y ? 1 : dir);
  });
}

function render() {
  const list = visible();
  const body = document.querySelector('#table tbody');
  const frag = document.createDocumentFragment();
  for (const r of list.slice(0, limit)) {
    const tr = document.createElement('tr');
    tr.dataset.verdict = r.verdict;
    const who = `${r.handle ? '@' + r.handle : ''}${r.handle && r.name ? ' ' : ''}${r.name ? `(${r.name})` : ''} ${t('onPlatform', r.platform)}`;
    const evidence = [...r.notes, r.error || (r.cleared ? `${t('bulkCleared')} ` : '') + (r.evidence || []).map((e) => e.detail).join(' · ')].filter(Boolean).join(' ');
    const account = text('td', who);
    const profile = r.handle ? vipguardSiteCatalog.profileUrl(r.platform, r.handle) : null;
    if (profile) {
      // Opens the profile itself, where vipguard checks the name and photo too.
      const open = text('a', t('bulkOpen'));
      open.href = profile;
      open.target = '_blank';
      open.rel = 'noopener noreferrer';
      open.setAttribute('aria-label', t('bulkOpenProfile', r.handle));
      account.append(' ', open);
      if (r.verdict !== 'error') account.append(rowTools(r, profile));
    }
    tr.append(text('td', String(r.line)), account, text('td', vipguardI18n.verdict(r.verdict)), text('td', r.matchName ? `${r.matchName} (${r.match})` : ''),
      text('td', r.score == null ? '' : vipguardI18n.num(r.score)), text('td', evidence));
    frag.append(tr);
  }
  body.replaceChildren(frag);
  for (const th of document.querySelectorAll('#table th[aria-sort]')) {
    const k = th.querySelector('button').dataset.sort;
    th.setAttribute('aria-sort', k === sort.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
  }
  $('more-box').hidden = list.length <= limit;
  $('shown-count').textContent = t('bulkShowing', Math.min(limit, list.length), list.length);
  const counts = {};
  for (const r of rows) counts[r.verdict] = (counts[r.verdict] || 0) + 1;
  $('summary').textContent = t('bulkSummary', rows.length, Object.keys(RANK).filter((v) => counts[v]).map((v) => `${counts[v]} ${vipguardI18n.verdict(v).toLowerCase()}`).join(', '));
}

// A row's copy for a ticket (the banner's report, in the chosen format) and decision form (the same
// decisions as on the banner, "Not an impersonator" confirmed), with a line saying what happened.
let listSource = null; // the list the rows were checked against, for the ticket
function rowTools(r, profile) {
  const box = document.createElement('div');
  box.className = 'row-tools';
  const said = text('span', '');
  said.setAttribute('role', 'status');
  const say = (words) => { said.textContent = words; };
  const copy = text('button', t('copyTicket'));
  copy.type = 'button';
  copy.setAttribute('aria-label', t('copyTicketFor', r.handle));
  copy.addEventListener('click', async () => {
    const format = await ticketFormat();
    const item = {
      url: profile, platform: r.platform, handle: r.handle, name: r.name, checkedAt: r.checkedAt, version: chrome.runtime.getManifest().version,
      result: { verdict: r.verdict, score: r.score, match: r.match || null, evidence: r.evidence }, account: r.account, list: listSource,
    };
    // With the evidence picture, as the banner and the popup copy it (no page screenshot: a sheet's row
    // was never seen in a tab).
    say(await copyTicket(item, format));
  });
  const form = decideForm(r.handle, (decision, note, undoes) => chrome.runtime.sendMessage({ type: 'decide', url: profile,
    profile: { platform: r.platform, handle: r.handle, name: r.name }, decision, note, ...(undoes ? { undoes } : {}),
    result: { verdict: r.verdict, match: r.match || null, score: r.score } }), say);
  box.append(copy, form, said);
  return box;
}

// Redrawn at most every half second while results stream in.
let drawTimer = null;
function renderSoon() {
  if (!drawTimer) drawTimer = setTimeout(() => { drawTimer = null; render(); }, 500);
}

async function run() {
  $('run').disabled = true;
  const errorsBox = $('input-errors');
  errorsBox.replaceChildren();
  // The last run's results go at once: a run that fails must not leave them looking like its own.
  rows = [];
  limit = PAGE;
  $('results').hidden = true;
  $('notice').textContent = '';
  try {
    const { profiles, errors, notice } = await profilesFromInput();
    for (const e of errors.slice(0, 200)) errorsBox.append(text('li', e));
    if (errors.length > 200) errorsBox.append(text('li', t('bulkMoreErrors', errors.length - 200)));
    $('notice').textContent = notice;
    if (!profiles.length && !errors.length) {
      $('progress-box').hidden = false;
      $('progress-text').textContent = t('bulkNothing');
      return;
    }
    markDuplicates(profiles);
    $('results').hidden = false;
    $('progress-box').hidden = false;
    $('progress').max = profiles.length || 1;
    $('progress').value = 0;
    $('progress-text').textContent = t('bulkProgressText', 0, profiles.length);
    for (let i = 0; i < profiles.length; i += BATCH) {
      const batch = profiles.slice(i, i + BATCH);
      const reply = await chrome.runtime.sendMessage({
        type: 'bulkCheck',
        profiles: batch.map((p, k) => ({ id: String(i + k), platform: p.platform, handle: p.handle, name: p.name, ...(p.bio ? { bio: p.bio } : {}) })),
      });
      if (!reply || reply.error) throw new Error((reply && reply.error) || t('noAnswer'));
      if (reply.noList) throw new Error(t('bulkNoList'));
      // Which list the rows are checked against (provenance).
      if (reply.list) $('list-source').textContent = t('checkedAgainst', vipguardReport.listLine(reply.list));
      listSource = reply.list || null;
      const checkedAt = new Date().toISOString();
      reply.results.forEach((r, k) => {
        const p = batch[k];
        const account = r.match ? reply.accounts[r.match] : null;
        rows.push({
          line: p.line, sourceId: p.sourceId || '', url: p.url || '', notes: notesOf(p), platform: p.platform, handle: p.handle, name: p.name,
          verdict: r.error ? 'error' : r.verdict, error: r.error || '', match: r.match || '', matchName: account ? account.name : '',
          score: r.score ?? null, evidence: r.evidence || [], cleared: !!r.cleared, account, checkedAt,
        });
      });
      $('progress').value = Math.min(profiles.length, i + BATCH);
      $('progress-text').textContent = t('bulkProgressText', Math.min(profiles.length, i + BATCH), profiles.length);
      renderSoon();
    }
    $('progress-text').textContent = errors.length ? t('bulkDoneErrors', profiles.length, errors.length) : t('bulkDone', profiles.length);
    clearTimeout(drawTimer);
    drawTimer = null;
    render();
  } catch (e) {
    $('progress-text').textContent = t('bulkStopped', e.message);
    $('progress-box').hidden = false;
  } finally {
    $('run').disabled = false;
  }
}

// The rows shown, for a spreadsheet (export.js): the input's own id and address kept (so results join back
// to the sheet), the profile's address to click, scores as shown.
function exportCsv() {
  downloadCsv(`vipguard-bulk-${new Date().toISOString().slice(0, 10)}.csv`, EXPORT_COLUMNS,
    exportRows(visible(), vipguardSiteCatalog.profileUrl));
}

// The flagged rows shown, added to the review queue (each account once), then the queue page.
async function toQueue() {
  const items = visible().filter((r) => FLAGGED.has(r.verdict) && r.handle)
    .map((r) => ({ url: vipguardSiteCatalog.profileUrl(r.platform, r.handle, r.url || null), platform: r.platform, handle: r.handle, sourceId: r.sourceId || '' }))
    .filter((it) => it.url);
  await update([QUEUE_KEY], (s) => {
    const q = s[QUEUE_KEY] || { items: [], current: -1 };
    return { [QUEUE_KEY]: { ...q, items: addItems(q.items, items) } };
  });
  // A tab of its own: a window.open()ed page kept the bulk page as its opener, and Chromium gave it no
  // chrome.i18n (the queue showed its message keys instead of words).
  await chrome.tabs.create({ url: chrome.runtime.getURL('ui/queue/queue.html') });
}

// The page stays inert until its controls are wired and its words drawn (page-ready.js). Its listeners need
// nothing awaited (they find their words when used), so they are wired first: words that are slow to load
// then release the page after the timeout rather than keep it locked.
startPage(async (wired) => {
  for (const p of PLATFORMS) {
    const o = text('option', p);
    o.value = p;
    $('platform').append(o);
  }
  $('run').addEventListener('click', run);
  $('file').addEventListener('change', () => { choosing = fileChosen().catch((e) => { $('notice').textContent = e.message; }); });
  $('export').addEventListener('click', exportCsv);
  $('to-queue').addEventListener('click', toQueue);
  $('more').addEventListener('click', () => { limit += PAGE; render(); });
  $('filter-verdict').addEventListener('change', () => { limit = PAGE; render(); });
  $('filter-text').addEventListener('input', () => { limit = PAGE; renderSoon(); });
  for (const b of document.querySelectorAll('#table th button')) {
    b.addEventListener('click', () => {
      const key = b.dataset.sort;
      sort = { key, dir: sort.key === key ? -sort.dir : key === 'score' ? -1 : 1 };
      render();
    });
  }
  wired();
  await vipguardI18n.ready();
});
