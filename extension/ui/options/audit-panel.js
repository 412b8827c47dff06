// The options page's audit panel: how many entries the local audit log holds, its retention, its CSV
// export and clearing (through the worker, which keeps the log), and the accounts marked "Not an
// impersonator", each with a Remove button.
import { $, text, download, downloadCsv } from '../page.js';
import { saveSetting } from './settings-panel.js';
import { read, onChange, ALLOW_KEY, REVIEWER_KEY, DECISIONS_KEY } from '../../shared/private-store.js';
import { managedPolicy } from '../../shared/policy.js';
import { decisionsExport } from '../../shared/signed-list.js';
import { readSettings, auditDays } from '../../shared/settings.js';

const { t } = vipguardI18n;

// The audit log's columns, in the order a BI tool reads them (new columns go at the end, so existing
// dashboards keep reading theirs). The log is this browser's, so the reviewer id is the one set now.
const AUDIT_COLUMNS = ['time', 'event', 'page_url', 'platform', 'handle', 'display_name', 'verdict', 'match', 'score',
  'decision', 'note', 'seconds_to_decision', 'reviewer_id', 'ticket_id', 'profile_url', 'list'];

// The reviewer id in effect: the organisation's (policy), else the one set on this page.
const reviewerId = async () => (await managedPolicy()).reviewerId || (await read([REVIEWER_KEY]))[REVIEWER_KEY] || '';


async function ask(msg) {
  const reply = await chrome.runtime.sendMessage(msg);
  if (!reply || reply.error) throw new Error((reply && reply.error) || t('noAnswer'));
  return reply;
}

// Renders run one after another, so a status line written after `await renderAudit()` never
// precedes the table it describes, and an older read never overwrites a newer one.
let auditRenders = Promise.resolve();
export function renderAudit() {
  auditRenders = auditRenders.then(drawAudit, drawAudit);
  return auditRenders;
}

async function drawAudit() {
  $('audit-days').value = String(auditDays((await readSettings()).auditDays));
  try {
    const { count } = await ask({ type: 'auditCount' });
    $('audit-count').textContent = t('auditCount', count);
  } catch (e) {
    $('audit-count').textContent = t('auditUnavailable', e.message);
  }
  const allow = (await read([ALLOW_KEY]))[ALLOW_KEY] || {};
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

export function setupAuditPanel() {
  $('audit-days').addEventListener('change', (e) => saveSetting({ auditDays: Number(e.target.value) }));
  $('audit-export').addEventListener('click', async () => {
    try {
      const { entries } = await ask({ type: 'auditExport' });
      const reviewer = await reviewerId();
      const rows = entries.map((e) => ({
        time: new Date(e.time).toISOString(), event: e.event, page_url: e.url, platform: e.platform, handle: e.handle,
        display_name: e.name, verdict: e.verdict, match: e.match, score: e.score, decision: e.decision, note: e.note,
        seconds_to_decision: e.seconds_to_decision, reviewer_id: reviewer, ticket_id: vipguardReport.ticketId(e.note),
        profile_url: e.handle ? vipguardSiteCatalog.profileUrl(e.platform, e.handle, e.url) : '', list: e.list || '',
      }));
      downloadCsv(`vipguard-audit-${new Date().toISOString().slice(0, 10)}.csv`, AUDIT_COLUMNS, rows);
      $('audit-status').textContent = t('auditExported', rows.length);
    } catch (e) {
      $('audit-status').textContent = t('auditExportFailed', e.message);
    }
  });
  // The reviewer's standing decisions in the team's format (the feed spec's export), for the team lead to
  // merge with `vipguard decisions merge` and publish in the next signed list.
  $('decisions-export').addEventListener('click', async () => {
    const by = await reviewerId();
    // `vipguard decisions merge` refuses decisions without a reviewer: say so instead of exporting them.
    if (!by) {
      $('audit-status').textContent = t('decisionsNeedReviewer');
      $('reviewer-id').focus();
      return;
    }
    const out = decisionsExport((await read([DECISIONS_KEY]))[DECISIONS_KEY] || {}, by);
    download(`vipguard-decisions-${by.replace(/[^A-Za-z0-9._-]/g, '_')}.json`, [JSON.stringify(out, null, 2)], 'application/json');
    $('audit-status').textContent = t('decisionsExported', String(out.decisions.length));
  });
  $('audit-clear').addEventListener('click', async () => {
    if (!confirm(t('auditConfirmClear'))) return;
    await ask({ type: 'auditClear' });
    await renderAudit();
    $('audit-status').textContent = t('auditEmpty');
  });
  // The worker writes the allow-list when a decision is recorded, on a page or in the popup.
  onChange((keys) => {
    if (keys.includes(ALLOW_KEY)) renderAudit();
  });
}
