// The protected list on the options page: import (validated by the WASM engine, with every problem listed
// by account and field) with what it would change, merged or replacing the list; undo over the last ten
// changes; export as JSON or CSV; a searched, paged account table; add and edit accounts (handles on
// every platform, official accounts) with an enrolled avatar; and the demo list. The list itself is held
// and worked on by a dedicated worker (list-model.js), so a list of 100,000 accounts never holds the page.
import { enrollImage, enrollRgba, decodeUtf8 } from '../../pkg/vipguard.js';
import { withPixelsFallback } from '../../shared/pixels.js';
import { $, text, download, downloadCsv } from '../page.js';
import { describeListError, refusalWords } from '../../shared/list-check.js';
import { update, read, onChange, listRefusal, THUMBS_KEY, LIST_SOURCE_KEY, LIST_REFUSED_KEY } from '../../shared/private-store.js';
import { listRows } from './list-diff.js';
import { FixableFailure } from '../page-ready.js';

const { t } = vipguardI18n;
let pending = null; // {name}: a validated import waiting for Merge or Replace (the worker holds the list)

// Asks the list's worker: resolves to its answer, or throws its error.
const worker = new Worker(new URL('./list-model.js', import.meta.url), { type: 'module' });
const waiting = new Map();
let nextId = 1;
let broken = null; // the worker's failure, once it failed to load or died: every request then rejects
worker.onmessage = ({ data }) => {
  const w = waiting.get(data.id);
  waiting.delete(data.id);
  if (w) (data.error ? w.reject(new Error(data.error)) : w.resolve(data.value));
};
// A worker whose script does not load, or that dies, answers nothing: without this every request (and the
// page's start, which awaits the list) would wait for ever. Each waiting request, and every later one,
// rejects with what happened, in the reviewer's language.
worker.onerror = worker.onmessageerror = (ev) => {
  if (ev.preventDefault) ev.preventDefault();
  broken = new Error(t('listWorkerFailed'));
  for (const w of waiting.values()) w.reject(broken);
  waiting.clear();
};
function model(op, args) {
  if (broken) return Promise.reject(broken);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, op, args });
  });
}

// "6 accounts, 7 handles, 1 official handle, …", each count with its noun in the language's plural.
function summaryText(s) {
  const { plural, lang } = vipguardI18n;
  return [['listAccounts', s.accounts], ['listHandles', s.handles], ['listOfficial', s.official], ['listAliases', s.aliases], ['listAvatars', s.avatars]]
    .map(([key, n]) => t(plural(key, n), Number(n).toLocaleString(lang()))).join(', ');
}

// The service worker hears of a new list on the private store's channel while it runs; a stopped one is
// started, so that it builds the new list's engine now rather than when the reviewer next opens a page.
const wakeWorker = () => chrome.runtime.sendMessage({ type: 'wake' }).catch(() => {});

// Puts the list the worker staged in use: the worker stores it (in one transaction, the list before kept
// for undo) and the page never holds it. `what` says what the change was (for the Undo button). A list
// that could not be stored leaves the one before in use, and says why.
async function setList(note, what, source = { kind: 'edit' }) {
  try {
    await model('commit', { what, isDemo: what === t('whatDemo'), source });
  } catch (e) {
    $('edit-status').textContent = t('notSaved', e.message);
    return;
  }
  wakeWorker();
  await drawSummary();
  $('edit-status').textContent = note || '';
}

// The account table: searched and drawn a page at a time by the worker, so a list of any size stays quick.
const PAGE_SIZE = 50;
let page = 0;
let hasList = false;

// The list from the private store into the worker, then drawn.
// A failure of the list's worker in the reviewer's words: its one coded failure, a stored list that cannot
// be read (list-model.js), worded from the catalogues.
const failure = (e) => (e && e.message === 'unreadable-list' ? t('listUnreadable') : (e && e.message) || String(e));

export async function renderList() {
  // An unreadable list says its own repair (import another); a worker that stopped is a damaged install.
  await model('load').catch((e) => {
    throw e && e.message === 'unreadable-list' ? new FixableFailure(failure(e)) : new Error(failure(e));
  });
  await drawSummary();
}

async function drawSummary() {
  const undo = await model('lastChange');
  const v = await drawAccounts();
  const demo = v.demo;
  hasList = v.hasList;
  // Everything read before anything is written, so the summary never shows a new Undo beside the last
  // list's lines (a test read them in between under load).
  // A list the engine refused (the worker says why: engine.js) is not in use, whatever its counts.
  const refused = hasList ? await listRefusal() : null;
  // Where it came from (the team's feed, a file), as every verdict names it.
  const source = hasList ? (await read([LIST_SOURCE_KEY]))[LIST_SOURCE_KEY] : null;
  $('first-run').hidden = hasList;
  $('undo').disabled = !undo;
  $('undo').textContent = undo ? t('undoWhat', undo.what) : t('undoLast');
  $('current').textContent = refused ? refusalWords(refused, t)
    : hasList ? `${t('inUse', summaryText(v.summary))}${demo ? ` ${t('demoLabel')}` : ''}` : t('noList');
  $('list-source').textContent = source ? t('listSourceLine', vipguardReport.listLine(source)) : '';
  // A demo list an older version stored has no pictures of the user's to enrol again from: the
  // demo is simply loaded again (its button is gone once a list is in use).
  const toEnrolAgain = hasList ? v.summary.toEnrolAgain : 0;
  $('list-enrol-again').textContent = [demo && toEnrolAgain ? t('listEnrolAgainDemo') : enrolAgainText(toEnrolAgain),
    hasList ? sharedPictureText(v.summary.sharedPictures) : ''].filter(Boolean).join(' ');
  $('reload-demo').hidden = !(demo && toEnrolAgain);
}

// Accounts an older vipguard enrolled: the list works, but some edited copies are missed (the feed
// panel says the same of a team feed's list).
export function enrolAgainText(n) {
  return n ? t(vipguardI18n.plural('listEnrolAgain', n), Number(n).toLocaleString(vipguardI18n.lang())) : '';
}

// Unrelated accounts with the same picture, each group with its first few ids.
export function sharedPictureText(groups) {
  const lang = vipguardI18n.lang();
  return (groups || []).map((ids) => t('listSharedPicture', Number(ids.length).toLocaleString(lang),
    ids.slice(0, 5).join(', ') + (ids.length > 5 ? ', …' : ''))).join(' ');
}

async function drawAccounts() {
  const v = await model('view', { query: $('account-search').value, page, size: PAGE_SIZE });
  page = v.page;
  $('account-count').textContent = t('accountsShown', v.found, v.total);
  $('page-info').textContent = v.found ? t('pageInfo', page * PAGE_SIZE + 1, page * PAGE_SIZE + v.rows.length, v.found) : '';
  $('page-prev').disabled = page === 0;
  $('page-next').disabled = (page + 1) * PAGE_SIZE >= v.found;
  $('pager').hidden = v.found <= PAGE_SIZE;
  const rows = v.rows.map((a) => {
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
      await model('remove', { id: a.id });
      await setList(t('removedUndo', a.id), t('whatRemove', a.id));
    });
    td.append(edit, del);
    tr.append(td);
    return tr;
  });
  document.querySelector('#accounts tbody').replaceChildren(...rows);
  return v;
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

// Shows what the validated import would change, against the list in use (the worker's comparison).
function showDiff(d) {
  const box = $('diff');
  box.replaceChildren(text('p', t('diffSummary', d.addedCount, d.changedCount, d.removedCount, d.unchanged)));
  for (const [key, items, count] of [['diffAdded', d.added, d.addedCount], ['diffChanged', d.changed, d.changedCount], ['diffRemoved', d.removed, d.removedCount]]) {
    if (!count) continue;
    const list = document.createElement('ul');
    for (const a of items) list.append(text('li', `${a.id}: ${a.name}`));
    if (count > items.length) list.append(text('li', t('diffMore', count - items.length)));
    const details = document.createElement('details');
    details.append(text('summary', `${t(key)} (${count})`), list);
    box.append(details);
  }
  box.hidden = !hasList;
  $('merge-list').disabled = !hasList;
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
  // The worker refused the list in use, or used it after all: the summary drawn again.
  onChange((keys) => {
    if (keys.includes(LIST_REFUSED_KEY)) drawSummary().catch((e) => console.error(e));
  });
  $('import-file').addEventListener('change', async (ev) => {
    const file = ev.target.files[0];
    $('errors').replaceChildren();
    $('preview').textContent = '';
    $('preview-warn').textContent = '';
    $('diff').hidden = true;
    $('use-list').disabled = true;
    $('merge-list').disabled = true;
    pending = null;
    if (!file) return;
    // Strict UTF-8, checked by the engine (`not_utf8` names the first bad byte's line and column).
    const { source, error } = decodeUtf8(new Uint8Array(await file.arrayBuffer()));
    const format = /\.[ct]sv$/i.test(file.name) || /^text\/(csv|tab-separated-values)$/.test(file.type) ? 'csv' : 'json';
    let r;
    try {
      r = error ? { ok: false, errors: [error] } : await model('inspect', { source, format });
    } catch (e) {
      // The list's worker did not answer (it failed to load or died): said, not a choice that does nothing.
      $('preview').textContent = t('failed', e.message);
      $('preview').className = '';
      return;
    }
    if (r.ok) {
      pending = { name: file.name };
      $('preview').textContent = t('previewOk', file.name, summaryText(r.summary));
      $('preview').className = 'ok';
      // What the list still works with but should be mended: in the warning's colour, not the success's.
      $('preview-warn').textContent = [enrolAgainText(r.summary.toEnrolAgain), sharedPictureText(r.summary.sharedPictures)]
        .filter(Boolean).join(' ');
      $('use-list').disabled = false;
      showDiff(r.diff);
    } else {
      $('preview').textContent = t('previewBad', file.name, r.errors.length);
      $('preview').className = '';
      for (const e of r.errors) $('errors').append(text('li', describeListError(e, t)));
    }
  });
  const clearImport = () => {
    pending = null;
    $('use-list').disabled = true;
    $('merge-list').disabled = true;
    $('diff').hidden = true;
    $('preview').textContent = '';
    $('preview-warn').textContent = '';
    $('import-file').value = '';
  };
  $('use-list').addEventListener('click', async () => {
    if (!pending) return;
    await model('apply', { mode: 'replace' });
    await setList(t('listInUse'), t('whatImport', pending.name), { kind: 'file', file: pending.name });
    clearImport();
  });
  $('merge-list').addEventListener('click', async () => {
    if (!pending) return;
    const merged = await model('apply', { mode: 'merge' });
    if (!merged.ok) {
      $('edit-status').textContent = t('mergeConflict', merged.error);
      return;
    }
    await setList(t('mergedList', pending.name, merged.added, merged.changed), t('whatMerge', pending.name), { kind: 'file', file: pending.name });
    clearImport();
  });
  $('undo').addEventListener('click', async () => {
    let last;
    try {
      last = await model('undo');
    } catch (e) {
      $('edit-status').textContent = t('notSaved', failure(e));
      return;
    }
    if (!last) return;
    wakeWorker();
    await drawSummary();
    $('edit-status').textContent = t('undoneWhat', last.what);
  });
  $('export').addEventListener('click', async () => download('vipguard-protected.json', [await model('exportText')], 'application/json'));
  $('export-csv').addEventListener('click', async () => {
    const { columns, rows } = listRows(JSON.parse(await model('exportText')));
    downloadCsv('vipguard-protected.csv', columns, rows);
  });
  $('account-search').addEventListener('input', () => { page = 0; drawAccounts(); });
  $('page-prev').addEventListener('click', () => { page--; drawAccounts(); });
  $('page-next').addEventListener('click', () => { page++; drawAccounts(); });
  $('edit-cancel').addEventListener('click', resetForm);
  $('edit').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const old = await model('account', { id: f.id.value.trim() });
    // A new account may not take an id already in the list (it would replace that account silently).
    if (old && !f.id.readOnly) {
      $('edit-status').textContent = t('idTaken', old.id, old.name);
      return;
    }
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
          await update([THUMBS_KEY], (s) => ({ [THUMBS_KEY]: { ...(s[THUMBS_KEY] || {}), [acc.id]: url } }));
        }
      }
    } catch (e) {
      // A picture the engine cannot read throws its code and values: worded in the reviewer's language.
      $('edit-status').textContent = t('avatarNotEnrolled', describeListError(e, t));
      return;
    }
    for (const k of ['aliases', 'handles', 'official']) if (!acc[k].length) delete acc[k];
    const check = await model('save', { account: acc });
    if (!check.ok) {
      $('edit-status').textContent = t('notSaved', check.error);
      return;
    }
    await setList(t('savedAccount', acc.id), t('whatSave', acc.id));
    resetForm();
  });
  const loadDemo = async () => {
    const demo = await (await fetch('../../demo/protected.json')).text();
    const thumbs = await (await fetch('../../demo/thumbs.json')).json();
    await update([THUMBS_KEY], (s) => ({ [THUMBS_KEY]: { ...(s[THUMBS_KEY] || {}), ...thumbs } }));
    await model('stageText', { text: demo });
    await setList(t('demoInUse'), t('whatDemo'), { kind: 'demo' });
  };
  $('load-demo').addEventListener('click', loadDemo);
  $('reload-demo').addEventListener('click', loadDemo);
}
