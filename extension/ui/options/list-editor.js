// The protected list on the options page: import (validated by the WASM engine, with every problem listed
// by account and field), preview, apply with one-step undo, export, add and edit accounts with an enrolled
// avatar, and the demo list.
import { checkList, enrollImage, enrollRgba } from '../../pkg/vipguard.js';
import { withPixelsFallback } from '../../shared/pixels.js';
import { $, text, stored } from '../page.js';

const { t } = vipguardI18n;
let pending = null; // a validated list waiting for "Use this list"

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

function summaryText(s) {
  return t('listSummary', s.accounts, s.handles, s.official, s.aliases, s.avatars);
}

async function setList(list, note) {
  const prev = await stored('protectedList');
  await chrome.storage.local.set({ previousList: prev || null, protectedList: list });
  await renderList();
  $('edit-status').textContent = note || '';
}

export async function renderList() {
  const list = await stored('protectedList');
  const prev = await stored('previousList');
  $('first-run').hidden = !!list;
  $('undo').disabled = prev === undefined;
  const s = list ? checkList(list, 'json') : null;
  $('current').textContent = s && s.ok ? t('inUse', summaryText(s.summary)) : t('noList');
  const body = document.querySelector('#accounts tbody');
  body.replaceChildren();
  for (const a of (list && list.accounts) || []) {
    const tr = document.createElement('tr');
    tr.append(text('td', a.id), text('td', [a.name, ...(a.aliases || [])].join(' | ')),
      text('td', (a.handles || []).map((h) => `${h.platform}:${h.handle}`).join(' ')), text('td', String((a.avatars || []).length)));
    const td = document.createElement('td');
    const edit = text('button', t('edit'));
    edit.addEventListener('click', () => fillForm(a));
    const del = text('button', t('remove'));
    del.addEventListener('click', async () => {
      await setList({ accounts: list.accounts.filter((x) => x.id !== a.id) }, t('removedAccount', a.id));
    });
    td.append(edit, del);
    tr.append(td);
    body.append(tr);
  }
}

function fillForm(a) {
  const f = $('edit');
  f.id.value = a.id;
  f.name.value = a.name;
  f.aliases.value = (a.aliases || []).join('|');
  f.handles.value = (a.handles || []).filter((h) => h.platform === 'x').map((h) => h.handle).join('|');
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
    $('use-list').disabled = true;
    pending = null;
    if (!file) return;
    const source = await file.text();
    const format = /\.[ct]sv$/i.test(file.name) || /^text\/(csv|tab-separated-values)$/.test(file.type) ? 'csv' : 'json';
    const r = validate(source, format);
    if (r.ok) {
      pending = r.list;
      $('preview').textContent = t('previewOk', file.name, summaryText(r.summary));
      $('preview').className = 'ok';
      $('use-list').disabled = false;
    } else {
      $('preview').textContent = t('previewBad', file.name, r.errors.length);
      $('preview').className = '';
      for (const e of r.errors) $('errors').append(text('li', e.message));
    }
  });
  $('use-list').addEventListener('click', async () => {
    if (!pending) return;
    await setList(pending, t('listInUse'));
    pending = null;
    $('use-list').disabled = true;
  });
  $('undo').addEventListener('click', async () => {
    const prev = await stored('previousList');
    const cur = await stored('protectedList');
    await chrome.storage.local.set({ protectedList: prev || undefined, previousList: cur || null });
    if (!prev) await chrome.storage.local.remove('protectedList');
    await renderList();
    $('edit-status').textContent = t('undone');
  });
  $('export').addEventListener('click', async () => {
    const list = (await stored('protectedList')) || { accounts: [] };
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([JSON.stringify(list, null, 2)], { type: 'application/json' }));
    a.download = 'vipguard-protected.json';
    a.click();
  });
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
      handles: [...((old && old.handles) || []).filter((h) => h.platform !== 'x'), ...split(f.handles.value).map((h) => ({ platform: 'x', handle: h.replace(/^@/, '') }))],
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
    for (const k of ['aliases', 'handles']) if (!acc[k].length) delete acc[k];
    const next = { accounts: [...list.accounts.filter((a) => a.id !== acc.id), acc] };
    const check = checkList(next, 'json');
    if (!check.ok) {
      $('edit-status').textContent = t('notSaved', check.error.message);
      return;
    }
    await setList(check.list, t('savedAccount', acc.id));
    f.reset();
  });
  $('load-demo').addEventListener('click', async () => {
    const demo = await (await fetch('../../demo/protected.json')).json();
    const thumbs = await (await fetch('../../demo/thumbs.json')).json();
    await chrome.storage.local.set({ avatarThumbs: { ...((await stored('avatarThumbs')) || {}), ...thumbs } });
    await setList(demo, t('demoInUse'));
  });
}
