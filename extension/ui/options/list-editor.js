// The protected list on the options page: import (validated by the WASM engine, with every problem listed
// by account and field) with what it would change, merged or replacing the list; undo over the last ten
// changes; export as JSON or CSV; a searched, paged account table; add and edit accounts (handles on
// every platform, official accounts) with an enrolled avatar; and the demo list.
import { checkList, enrollImage, enrollRgba } from '../../pkg/vipguard.js';
import { withPixelsFallback } from '../../shared/pixels.js';
import { $, text, stored } from '../page.js';
import { objectStore } from '../../shared/idb.js';
import { diffLists, mergeLists, listToCsv, searchAccounts } from './list-diff.js';

const { t } = vipguardI18n;
let pending = null; // {list, name}: a validated import waiting for Merge or Replace

// Every problem in a list, not just the first: the whole list first (syntax, duplicates), then each
// account on its own, so one bad row does not hide the next.
function validate(source, format) {
  const whole = checkList(source, format);
  if (whole.ok) return { ok: true, list: whole.list, summary: whole.summary, errors: [] };
  const errors = [whole.error];
  if (format === 'json') {
    let data;
    try { data = JSON.parse(source); } catch { return { ok: false, errors }; }
    (Array.isArray(data && data.accounts) ? data.accounts : []).forEach((acc, i) => {
      const one = checkList(JSON.stringify({ accounts: [acc] }), 'json');
      if (!one.ok) {
        const msg = one.error.message.replace('accounts[0]', `accounts[${i}]`).replace(/^protected list:\d+: /, '');
        if (!errors.some((e) => e.message.includes(msg))) errors.push({ message: `account ${i + 1}${acc && acc.id ? ` (${acc.id})` : ''}: ${msg}` });
      }
    });
  } else {
    const lines = source.split(/\r?\n/);
    for (let i = 1; i < lines.length; i++) {
      if (!lines[i].trim()) continue;
      const one = checkList(`${lines[0]}\n${lines[i]}\n`, 'csv');
      if (!one.ok) {
        const msg = one.error.message.replace(/^protected list:\d+: /, '');
        if (!errors.some((e) => e.message.includes(msg))) errors.push({ message: `row ${i + 1}: ${msg}` });
      }
    }
  }
  return { ok: false, errors };
}

// The list's counts, as the engine's summary gives them, counted here: validating a 100,000-account list
// again on every redraw would hold the page for a second.
function summaryOf(list) {
  const accounts = (list && list.accounts) || [];
  const count = (k) => accounts.reduce((n, a) => n + ((a[k] && a[k].length) || 0), 0);
  return { accounts: accounts.length, handles: count('handles'), official: count('official'), aliases: count('aliases'), avatars: count('avatars') };
}

function summaryText(s) {
  return t('listSummary', s.accounts, s.handles, s.official, s.aliases, s.avatars);
}

// Earlier lists, for several levels of undo: in IndexedDB, which holds a large list without the storage
// quota and without turning it into JSON; the last HISTORY changes are kept.
const HISTORY = 10;
const history = objectStore('vipguard-list-history', (db) => db.createObjectStore('lists', { keyPath: 'seq', autoIncrement: true }), 'lists', 'list history');
const lastChange = () => history('readonly', (store, out) => {
  const c = store.openCursor(null, 'prev');
  c.onsuccess = () => { out.entry = c.result ? c.result.value : null; };
}).then((out) => out.entry);

// Puts `list` in use, keeping the one it replaces for undo; `what` says what the change was (for the
// Undo button).
async function setList(list, note, what) {
  const prev = await stored('protectedList');
  await history('readwrite', (store) => {
    store.add({ list: prev || null, what, at: Date.now() });
    // Only the last HISTORY entries stay.
    const c = store.openCursor(null, 'prev');
    let seen = 0;
    c.onsuccess = () => {
      if (!c.result) return;
      if (++seen > HISTORY) c.result.delete();
      c.result.continue();
    };
  });
  await chrome.storage.local.set({ protectedList: list, listIsDemo: what === t('whatDemo') });
  current = list;
  await renderList();
  $('edit-status').textContent = note || '';
}

// The account table: searched and drawn a page at a time, so a list of any size stays quick.
const PAGE_SIZE = 50;
let current = null; // the list in use, as last read
let page = 0;

export async function renderList() {
  current = (await stored('protectedList')) || null;
  const demo = await stored('listIsDemo');
  const undo = await lastChange();
  $('first-run').hidden = !!current;
  $('undo').disabled = !undo;
  $('undo').textContent = undo ? t('undoWhat', undo.what) : t('undoLast');
  $('current').textContent = current ? `${t('inUse', summaryText(summaryOf(current)))}${demo ? ` ${t('demoLabel')}` : ''}` : t('noList');
  drawAccounts();
}

function drawAccounts() {
  const found = searchAccounts(current, $('account-search').value);
  const total = ((current && current.accounts) || []).length;
  page = Math.max(0, Math.min(page, Math.ceil(found.length / PAGE_SIZE) - 1));
  const shown = found.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  $('account-count').textContent = t('accountsShown', found.length, total);
  $('page-info').textContent = found.length ? t('pageInfo', page * PAGE_SIZE + 1, page * PAGE_SIZE + shown.length, found.length) : '';
  $('page-prev').disabled = page === 0;
  $('page-next').disabled = (page + 1) * PAGE_SIZE >= found.length;
  $('pager').hidden = found.length <= PAGE_SIZE;
  const body = document.querySelector('#accounts tbody');
  const rows = shown.map((a) => {
    const tr = document.createElement('tr');
    tr.append(text('td', a.id), text('td', [a.name, ...(a.aliases || [])].join(' | ')),
      text('td', [...(a.handles || []).map((h) => `${h.platform}:${h.handle}`), ...(a.official || []).map((h) => `${h.platform}:${h.handle} (${t('officialShort')})`)].join(' ')),
      text('td', String((a.avatars || []).length)));
    const td = document.createElement('td');
    const edit = text('button', t('edit'));
    edit.setAttribute('aria-label', t('editAccount', a.id));
    edit.addEventListener('click', () => fillForm(a));
    const del = text('button', t('remove'));
    del.setAttribute('aria-label', t('removeAccount', a.id));
    del.addEventListener('click', async () => {
      await setList({ accounts: current.accounts.filter((x) => x.id !== a.id) }, t('removedUndo', a.id), t('whatRemove', a.id));
    });
    td.append(edit, del);
    tr.append(td);
    return tr;
  });
  body.replaceChildren(...rows);
}

const pairs = (xs) => (xs || []).map((h) => `${h.platform}:${h.handle}`).join('|');

// The form in edit mode for `a`: said in its legend, with Cancel, scrolled into view and focused. The id
// cannot change while editing (it names the account everywhere); remove and add to rename.
function fillForm(a) {
  const f = $('edit');
  f.id.value = a.id;
  f.id.readOnly = true;
  f.name.value = a.name;
  f.aliases.value = (a.aliases || []).join('|');
  f.handles.value = pairs(a.handles);
  f.official.value = pairs(a.official);
  $('edit-mode').textContent = t('editing', a.id);
  $('edit-cancel').hidden = false;
  f.scrollIntoView({ block: 'center' });
  f.name.focus();
}

function resetForm() {
  const f = $('edit');
  f.reset();
  f.id.readOnly = false;
  $('edit-mode').textContent = t('editNew');
  $('edit-cancel').hidden = true;
}

// "x:Ada|instagram:ada.o" (a bare handle is an X handle) as [{platform, handle}].
function parsePairs(value) {
  return value.split('|').map((x) => x.trim()).filter(Boolean).map((x) => {
    const m = x.match(/^([a-z][a-z0-9.-]*):(.+)$/i);
    return m ? { platform: m[1].toLowerCase(), handle: m[2].trim().replace(/^@/, '') } : { platform: 'x', handle: x.replace(/^@/, '') };
  });
}

// Shows what the validated import would change, against the list in use.
function showDiff(incoming) {
  const d = diffLists(current, incoming);
  const box = $('diff');
  box.replaceChildren(text('p', t('diffSummary', d.added.length, d.changed.length, d.removed.length, d.unchanged)));
  for (const [key, items] of [['diffAdded', d.added], ['diffChanged', d.changed], ['diffRemoved', d.removed]]) {
    if (!items.length) continue;
    const list = document.createElement('ul');
    for (const a of items.slice(0, 20)) list.append(text('li', `${a.id}: ${a.name}`));
    if (items.length > 20) list.append(text('li', t('diffMore', items.length - 20)));
    const details = document.createElement('details');
    details.append(text('summary', `${t(key)} (${items.length})`), list);
    box.append(details);
  }
  box.hidden = !current;
  $('merge-list').disabled = !current;
  return d;
}

async function imageBytes(form) {
  const file = form.avatar.files[0];
  if (file) return new Uint8Array(await file.arrayBuffer());
  const url = form.avatarUrl.value.trim();
  if (!url) return null;
  const r = await fetch(url, { credentials: 'omit' });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

// Wires the section's controls (the WASM package is initialised by then).
export function setupListEditor() {
  $('import-file').addEventListener('change', async (ev) => {
    const file = ev.target.files[0];
    $('errors').replaceChildren();
    $('preview').textContent = '';
    $('diff').hidden = true;
    $('use-list').disabled = true;
    $('merge-list').disabled = true;
    pending = null;
    if (!file) return;
    const source = await file.text();
    const format = /\.[ct]sv$/i.test(file.name) || /^text\/(csv|tab-separated-values)$/.test(file.type) ? 'csv' : 'json';
    const r = validate(source, format);
    if (r.ok) {
      pending = { list: r.list, name: file.name };
      $('preview').textContent = t('previewOk', file.name, summaryText(r.summary));
      $('preview').className = 'ok';
      $('use-list').disabled = false;
      showDiff(r.list);
    } else {
      $('preview').textContent = t('previewBad', file.name, r.errors.length);
      $('preview').className = '';
      for (const e of r.errors) $('errors').append(text('li', e.message));
    }
  });
  const clearImport = () => {
    pending = null;
    $('use-list').disabled = true;
    $('merge-list').disabled = true;
    $('diff').hidden = true;
    $('preview').textContent = '';
    $('import-file').value = '';
  };
  $('use-list').addEventListener('click', async () => {
    if (!pending) return;
    await setList(pending.list, t('listInUse'), t('whatImport', pending.name));
    clearImport();
  });
  $('merge-list').addEventListener('click', async () => {
    if (!pending) return;
    const d = diffLists(current, pending.list);
    // Two lists each valid alone can clash (a handle claimed by two ids): the engine checks the result.
    const merged = checkList(mergeLists(current, pending.list), 'json');
    if (!merged.ok) {
      $('edit-status').textContent = t('mergeConflict', merged.error.message);
      return;
    }
    await setList(merged.list, t('mergedList', pending.name, d.added.length, d.changed.length), t('whatMerge', pending.name));
    clearImport();
  });
  $('undo').addEventListener('click', async () => {
    const last = await lastChange();
    if (!last) return;
    await history('readwrite', (store) => { store.delete(last.seq); });
    if (last.list) await chrome.storage.local.set({ protectedList: last.list });
    else await chrome.storage.local.remove('protectedList');
    await renderList();
    $('edit-status').textContent = t('undoneWhat', last.what);
  });
  $('export').addEventListener('click', async () => {
    const list = (await stored('protectedList')) || { accounts: [] };
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([JSON.stringify(list, null, 2)], { type: 'application/json' }));
    a.download = 'vipguard-protected.json';
    a.click();
  });
  $('export-csv').addEventListener('click', async () => {
    const list = (await stored('protectedList')) || { accounts: [] };
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob(['\ufeff', listToCsv(list, vipguardReport.toCsv)], { type: 'text/csv;charset=utf-8' }));
    a.download = 'vipguard-protected.csv';
    a.click();
  });
  $('account-search').addEventListener('input', () => { page = 0; drawAccounts(); });
  $('page-prev').addEventListener('click', () => { page--; drawAccounts(); });
  $('page-next').addEventListener('click', () => { page++; drawAccounts(); });
  $('edit-cancel').addEventListener('click', resetForm);
  $('edit').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const list = (await stored('protectedList')) || { accounts: [] };
    const old = list.accounts.find((a) => a.id === f.id.value.trim());
    const split = (v) => v.split('|').map((x) => x.trim()).filter(Boolean);
    const acc = {
      ...(old || {}),
      id: f.id.value.trim(),
      name: f.name.value.trim(),
      aliases: split(f.aliases.value),
      handles: parsePairs(f.handles.value),
      official: parsePairs(f.official.value),
    };
    try {
      const bytes = await imageBytes(f);
      if (bytes) {
        acc.avatars = [...(acc.avatars || []), await withPixelsFallback(bytes, '', enrollImage, enrollRgba)];
        if (bytes.length < 300 * 1024) {
          const url = await new Promise((ok) => { const r = new FileReader(); r.onload = () => ok(r.result); r.readAsDataURL(new Blob([bytes])); });
          await chrome.storage.local.set({ avatarThumbs: { ...((await stored('avatarThumbs')) || {}), [acc.id]: url } });
        }
      }
    } catch (e) {
      $('edit-status').textContent = t('avatarNotEnrolled', e.message);
      return;
    }
    for (const k of ['aliases', 'handles', 'official']) if (!acc[k].length) delete acc[k];
    const next = { accounts: [...list.accounts.filter((a) => a.id !== acc.id), acc] };
    const check = checkList(next, 'json');
    if (!check.ok) {
      $('edit-status').textContent = t('notSaved', check.error.message);
      return;
    }
    await setList(check.list, t('savedAccount', acc.id), t('whatSave', acc.id));
    resetForm();
  });
  $('load-demo').addEventListener('click', async () => {
    const demo = await (await fetch('../../demo/protected.json')).json();
    const thumbs = await (await fetch('../../demo/thumbs.json')).json();
    await chrome.storage.local.set({ avatarThumbs: { ...((await stored('avatarThumbs')) || {}), ...thumbs } });
    await setList(demo, t('demoInUse'), t('whatDemo'));
  });
}
