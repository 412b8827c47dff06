// The review queue page: load items (pasted URLs or a Jira / Service Cloud CSV), see each one's state (the
// account's standing decision), open them one by one in the queue's tab (the worker's queue.js), export
// the outcomes.
import { $, text, downloadCsv } from '../page.js';
import { startPage } from '../page-ready.js';
import { itemsFromText, itemsFromCsv } from './queue-input.js';
import { QUEUE_KEY, addItems, itemKey } from '../../shared/review-queue.js';
import { read, update, write, onChange, DECISIONS_KEY } from '../../shared/private-store.js';
import { describeListError } from '../../shared/list-check.js';
import init, { decodeUtf8 } from '../../pkg/vipguard.js';

const { t } = vipguardI18n;
const STATES = ['pending', 'confirmed', 'not_impersonator', 'escalate'];

const PAGE = 1000; // rows drawn at a time (the bulk page's "Show 1,000 more"); export has them all
let limit = PAGE;

const stateWord = (s) => (s === 'pending' ? t('statePending') : vipguardI18n.decisionWord(s));

async function ask(msg) {
  const reply = await chrome.runtime.sendMessage(msg);
  if (!reply || reply.error) throw new Error((reply && reply.error) || t('noAnswer'));
  return reply;
}

// Each item with its state and, once decided, when and the note.
async function withStates() {
  const s = await read([QUEUE_KEY, DECISIONS_KEY]);
  const q = s[QUEUE_KEY] || { items: [], current: -1 };
  const decided = s[DECISIONS_KEY] || {};
  return { q, items: q.items.map((it) => {
    const d = (decided[itemKey(it)] || [])[0];
    return { ...it, state: d ? d.decision : 'pending', decidedAt: d ? d.at : '', note: d ? d.note : '' };
  }) };
}

async function render() {
  const { q, items } = await withStates();
  const counts = Object.fromEntries(STATES.map((s) => [s, items.filter((i) => i.state === s).length]));
  $('queue-summary').textContent = items.length
    ? t('queueSummary', items.length, STATES.filter((s) => counts[s]).map((s) => `${counts[s]} ${stateWord(s).toLowerCase()}`).join(', '))
    : t('queueEmpty');
  // The first `limit` rows, appended one by one to a fragment: spreading them into one call
  // (`replaceChildren(...rows)`) overflowed the call stack past some 150,000 items, which left the page
  // failed with its queue unreachable; and drawing every row held the page for long. The rest wait for
  // "Show more".
  const rows = document.createDocumentFragment();
  items.slice(0, limit).forEach((it, i) => {
    const tr = document.createElement('tr');
    tr.dataset.state = it.state;
    if (i === q.current) tr.setAttribute('aria-current', 'true');
    const open = text('button', t('bulkOpen'));
    open.setAttribute('aria-label', t('queueOpenItem', i + 1, it.handle));
    open.addEventListener('click', () => ask({ type: 'queueOpen', index: i }).catch((e) => { $('queue-status').textContent = t('failed', e.message); }));
    const td = document.createElement('td');
    td.append(open);
    tr.append(text('td', String(i + 1)), text('td', `@${it.handle} ${t('onPlatform', it.platform)}`), text('td', it.sourceId || ''),
      text('td', stateWord(it.state) + (it.decidedAt ? ` (${vipguardI18n.when(it.decidedAt)})` : '')), td);
    rows.append(tr);
  });
  document.querySelector('#queue-table tbody').replaceChildren(rows);
  $('queue-more-box').hidden = items.length <= limit;
  $('queue-shown').textContent = t('bulkShowing', Math.min(limit, items.length), items.length);
  for (const id of ['queue-start', 'queue-prev', 'queue-next', 'queue-export', 'queue-clear']) $(id).disabled = !items.length;
}

async function load(replace) {
  const file = $('queue-file').files[0];
  // A file that is not UTF-8 is refused with where (`file.text()` would garble its names without a word):
  // the engine's check, so the WASM package is loaded, once, when a file is chosen.
  if (file) await init({ module_or_path: new URL('../../pkg/vipguard_bg.wasm', import.meta.url) });
  const decoded = file ? decodeUtf8(new Uint8Array(await file.arrayBuffer())) : null;
  if (decoded && decoded.error) {
    $('queue-status').textContent = describeListError(decoded.error, t);
    return;
  }
  const found = file ? itemsFromCsv(decoded.source) : itemsFromText($('queue-paste').value);
  if (!found.items.length) {
    $('queue-status').textContent = t('queueNothing');
    return;
  }
  let added = 0;
  await update([QUEUE_KEY], (s) => {
    const q = s[QUEUE_KEY] || { items: [], current: -1 };
    const items = addItems(replace ? [] : q.items, found.items);
    added = items.length - (replace ? 0 : q.items.length);
    return { [QUEUE_KEY]: { ...q, items, current: replace ? -1 : q.current } };
  });
  $('queue-status').textContent = t('queueLoaded', added, found.skipped.length ? t('queueSkipped', found.skipped.slice(0, 20).join(', ')) : '');
  $('queue-paste').value = '';
  $('queue-file').value = '';
}

async function exportCsv() {
  const { items } = await withStates();
  const columns = ['position', 'source_id', 'profile_url', 'platform', 'handle', 'state', 'decided_at', 'note', 'ticket_id'];
  const rows = items.map((it, i) => ({
    position: i + 1, source_id: it.sourceId || '', profile_url: it.url, platform: it.platform, handle: it.handle, state: it.state,
    decided_at: it.decidedAt, note: it.note, ticket_id: vipguardReport.ticketId(it.note),
  }));
  downloadCsv(`vipguard-queue-${new Date().toISOString().slice(0, 10)}.csv`, columns, rows);
}

// A redraw after a change that fails is said on the page, which stays usable (emptying the queue redraws).
let redrawFailure = null; // the words said for the last failed redraw, taken back once one works
const redraw = () => render().then(() => {
  if (redrawFailure && $('queue-status').textContent === redrawFailure) $('queue-status').textContent = '';
  redrawFailure = null;
}, (e) => {
  console.error(e);
  redrawFailure = t('failed', (e && e.message) || String(e));
  $('queue-status').textContent = redrawFailure;
});

// The keyboard shortcuts as the browser has them now (the reviewer may have changed them, and the
// browser leaves a suggested key unset when one of its own shortcuts holds it).
async function showShortcuts() {
  const list = $('queue-shortcuts');
  const commands = (await chrome.commands?.getAll?.()) || [];
  list.replaceChildren(...commands.filter((c) => c.description).map((c) => {
    const li = document.createElement('li');
    li.textContent = `${t('withColon', c.description)} ${c.shortcut || t('shortcutNotSet')}`;
    return li;
  }));
}

// The page stays inert until its controls are wired and the queue drawn (page-ready.js); if the first
// drawing fails, the page is released anyway (its controls are wired) so that the queue can be emptied.
startPage(async (wired) => {
  await vipguardI18n.ready();
  $('queue-add').addEventListener('click', () => load(false));
  $('queue-replace').addEventListener('click', () => load(true));
  $('queue-start').addEventListener('click', async () => {
    const { q, items } = await withStates();
    // The first pending item after the current one, else the first pending, else the current.
    const after = items.findIndex((it, i) => i > q.current && it.state === 'pending');
    const first = items.findIndex((it) => it.state === 'pending');
    const index = after >= 0 ? after : first >= 0 ? first : Math.max(0, q.current);
    await ask({ type: 'queueOpen', index }).catch((e) => { $('queue-status').textContent = t('failed', e.message); });
  });
  for (const [id, direction] of [['queue-prev', -1], ['queue-next', 1]]) {
    $(id).addEventListener('click', async () => {
      const r = await ask({ type: 'queueStep', direction }).catch((e) => ({ error: e.message }));
      $('queue-status').textContent = r.error ? t('failed', r.error) : r.end ? t('queueEnd') : '';
    });
  }
  $('queue-export').addEventListener('click', exportCsv);
  $('queue-more').addEventListener('click', () => { limit += PAGE; redraw(); });
  $('queue-clear').addEventListener('click', async () => {
    if (!confirm(t('queueConfirmClear'))) return;
    await write({ [QUEUE_KEY]: undefined });
  });
  // The queue (stepped by the worker, added to by the bulk page) or a decision changed.
  onChange((keys) => {
    if (keys.includes(QUEUE_KEY) || keys.includes(DECISIONS_KEY)) redraw();
  });
  wired();
  await Promise.all([render(), showShortcuts().catch(() => {})]);
});
