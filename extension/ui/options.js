// Options: import (validated by the WASM engine, with every problem listed by account and field), preview,
// apply with one-step undo, export, add and edit accounts, enroll avatars, settings, the demo list.
import init, { checkList, enrollImage, enrollRgba } from '../pkg/vipguard.js';
import { withPixelsFallback } from '../pixels.js';

const $ = (id) => document.getElementById(id);
const { t } = vipguardI18n;
let pending = null; // a validated list waiting for "Use this list"

const get = async (k) => (await chrome.storage.local.get(k))[k];

function text(tag, value) {
  const e = document.createElement(tag);
  e.textContent = value;
  return e;
}

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
  const prev = await get('protectedList');
  await chrome.storage.local.set({ previousList: prev || null, protectedList: list });
  await render();
  $('edit-status').textContent = note || '';
}

async function render() {
  const list = await get('protectedList');
  const prev = await get('previousList');
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
  const settings = (await get('settings')) || {};
  $('sensitivity').value = settings.sensitivity || 'suspicious';
  $('site-x').checked = !(settings.sites && settings.sites.x === false);
  for (const box of document.querySelectorAll('input[data-site]')) box.checked = !(settings.sites && settings.sites[box.dataset.site] === false);
  $('site-mastodon').checked = !!(settings.sites && settings.sites.mastodon) && await chrome.permissions.contains({ origins: ['https://*/*'] });
  $('paused').checked = !!settings.paused;
  const sites = $('generic-sites');
  sites.replaceChildren();
  for (const [host, on] of Object.entries((settings.sites && settings.sites.generic) || {})) {
    const li = document.createElement('li');
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = !!on;
    box.addEventListener('change', () => saveSetting({ sites: { generic: { ...settings.sites.generic, [host]: box.checked } } }));
    label.append(box, document.createTextNode(` ${host}`));
    li.append(label);
    sites.append(li);
  }
}

// The audit log's columns, in the order a BI tool reads them.
const AUDIT_COLUMNS = ['time', 'event', 'page_url', 'platform', 'handle', 'display_name', 'verdict', 'match', 'score',
  'decision', 'note', 'seconds_to_decision'];

async function ask(msg) {
  const reply = await chrome.runtime.sendMessage(msg);
  if (!reply || reply.error) throw new Error((reply && reply.error) || t('noAnswer'));
  return reply;
}

// Renders run one after another, so a status line written after `await renderAudit()` never
// precedes the table it describes, and an older read never overwrites a newer one.
let auditRenders = Promise.resolve();
function renderAudit() {
  auditRenders = auditRenders.then(drawAudit, drawAudit);
  return auditRenders;
}

async function drawAudit() {
  const settings = (await get('settings')) || {};
  $('audit-days').value = String(settings.auditDays || 90);
  try {
    const { count } = await ask({ type: 'auditCount' });
    $('audit-count').textContent = t('auditCount', count);
  } catch (e) {
    $('audit-count').textContent = t('auditUnavailable', e.message);
  }
  const allow = (await get('reviewerAllow')) || {};
  const body = document.querySelector('#allow tbody');
  body.replaceChildren();
  for (const [key, a] of Object.entries(allow)) {
    const tr = document.createElement('tr');
    tr.append(text('td', `${t('handleOnPlatform', a.handle, a.platform)} (${a.name})`), text('td', a.match || ''), text('td', String(a.at || '').slice(0, 10)), text('td', a.note || ''));
    const td = document.createElement('td');
    const remove = text('button', t('remove'));
    remove.setAttribute('aria-label', t('allowRemove', a.handle));
    remove.addEventListener('click', async () => {
      await ask({ type: 'decide', url: location.href, profile: { platform: a.platform, handle: a.handle, name: a.name },
        decision: 'allow_removed', note: '', result: { match: a.match || null } });
      await renderAudit();
      $('audit-status').textContent = t('allowRemoved', a.handle);
    });
    td.append(remove);
    tr.append(td);
    tr.dataset.account = key;
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

async function saveSetting(patch) {
  const s = (await get('settings')) || {};
  await chrome.storage.local.set({ settings: { ...s, ...patch, sites: { ...(s.sites || {}), ...(patch.sites || {}) } } });
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

async function main() {
  vipguardI18n.localize();
  await init({ module_or_path: new URL('../pkg/vipguard_bg.wasm', import.meta.url) });
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
    const prev = await get('previousList');
    const cur = await get('protectedList');
    await chrome.storage.local.set({ protectedList: prev || undefined, previousList: cur || null });
    if (!prev) await chrome.storage.local.remove('protectedList');
    await render();
    $('edit-status').textContent = t('undone');
  });
  $('export').addEventListener('click', async () => {
    const list = (await get('protectedList')) || { accounts: [] };
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([JSON.stringify(list, null, 2)], { type: 'application/json' }));
    a.download = 'vipguard-protected.json';
    a.click();
  });
  $('edit').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const list = (await get('protectedList')) || { accounts: [] };
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
          await chrome.storage.local.set({ avatarThumbs: { ...((await get('avatarThumbs')) || {}), [acc.id]: url } });
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
  $('sensitivity').addEventListener('change', (e) => saveSetting({ sensitivity: e.target.value }));
  $('site-x').addEventListener('change', (e) => saveSetting({ sites: { x: e.target.checked } }));
  for (const box of document.querySelectorAll('input[data-site]')) {
    box.addEventListener('change', (e) => saveSetting({ sites: { [box.dataset.site]: e.target.checked } }));
  }
  $('site-mastodon').addEventListener('change', async (e) => {
    if (e.target.checked && !(await chrome.permissions.request({ origins: ['https://*/*'] }))) {
      e.target.checked = false;
      $('mastodon-status').textContent = t('mastodonRefused');
      return;
    }
    await saveSetting({ sites: { mastodon: e.target.checked } });
    $('mastodon-status').textContent = e.target.checked ? t('mastodonOn') : t('mastodonOff');
  });
  $('paused').addEventListener('change', (e) => saveSetting({ paused: e.target.checked }));
  $('generic-add').addEventListener('click', async () => {
    const host = $('generic-host').value.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(host)) {
      $('generic-status').textContent = t('genericBadHost', host);
      return;
    }
    const granted = await chrome.permissions.request({ origins: [`https://${host}/*`] });
    if (!granted) {
      $('generic-status').textContent = t('genericRefused', host);
      return;
    }
    const s = (await get('settings')) || {};
    await saveSetting({ sites: { generic: { ...((s.sites && s.sites.generic) || {}), [host]: true } } });
    await render();
    $('generic-status').textContent = t('genericEnabled', host);
  });
  $('audit-days').addEventListener('change', (e) => saveSetting({ auditDays: Number(e.target.value) }));
  $('audit-export').addEventListener('click', async () => {
    try {
      const { entries } = await ask({ type: 'auditExport' });
      const rows = entries.map((e) => ({
        time: new Date(e.time).toISOString(), event: e.event, page_url: e.url, platform: e.platform, handle: e.handle,
        display_name: e.name, verdict: e.verdict, match: e.match, score: e.score, decision: e.decision, note: e.note,
        seconds_to_decision: e.seconds_to_decision,
      }));
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([vipguardReport.toCsv(AUDIT_COLUMNS, rows)], { type: 'text/csv;charset=utf-8' }));
      a.download = `vipguard-audit-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      $('audit-status').textContent = t('auditExported', rows.length);
    } catch (e) {
      $('audit-status').textContent = t('auditExportFailed', e.message);
    }
  });
  $('audit-clear').addEventListener('click', async () => {
    if (!confirm(t('auditConfirmClear'))) return;
    await ask({ type: 'auditClear' });
    await renderAudit();
    $('audit-status').textContent = t('auditEmpty');
  });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.reviewerAllow) renderAudit();
  });
  $('load-demo').addEventListener('click', async () => {
    const demo = await (await fetch('../demo/protected.json')).json();
    const thumbs = await (await fetch('../demo/thumbs.json')).json();
    await chrome.storage.local.set({ avatarThumbs: { ...((await get('avatarThumbs')) || {}), ...thumbs } });
    await setList(demo, t('demoInUse'));
  });
  await render();
  await renderAudit();
}
main();
