// The metrics page: the audit log (from the worker) summarised by compute.js and drawn by charts.js.
import { $ } from '../page.js';
import { metrics } from './compute.js';
import { columns, rows } from './charts.js';

const { t } = vipguardI18n;

// Seconds as a reviewer reads them: "45 s", "3 min 20 s", "1 h 05 min".
export function duration(s) {
  if (s == null) return '–';
  const v = Math.round(s);
  if (v < 60) return t('durationSeconds', v);
  if (v < 3600) return t('durationMinutes', Math.floor(v / 60), v % 60);
  return t('durationHours', Math.floor(v / 3600), String(Math.floor((v % 3600) / 60)).padStart(2, '0'));
}

async function main() {
  await vipguardI18n.ready();
  let entries = [];
  try {
    const reply = await chrome.runtime.sendMessage({ type: 'auditExport' });
    if (!reply || reply.error) throw new Error((reply && reply.error) || t('noAnswer'));
    entries = reply.entries;
  } catch (e) {
    $('metrics-status').textContent = t('auditUnavailable', e.message);
    return;
  }
  const m = metrics(entries);
  const lang = vipguardI18n.lang();
  $('stat-decisions').textContent = String(m.decisions);
  $('stat-average').textContent = duration(m.handleTime.average);
  $('stat-median').textContent = duration(m.handleTime.median);
  if (!entries.length) $('metrics-status').textContent = t('metricsEmpty');
  const day = (ms) => new Date(ms).toLocaleDateString(lang, { day: 'numeric', month: 'short' });
  $('chart-day').replaceChildren(columns(m.perDay.map((d) => ({ label: day(d.start), value: d.count })), { title: t('chartPerDay'), every: 2 }));
  $('chart-week').replaceChildren(columns(m.perWeek.map((w) => ({ label: day(w.start), value: w.count })), { title: t('chartPerWeek') }));
  const mix = (counts, word) => Object.entries(counts).map(([k, v]) => ({ label: word(k), value: v }));
  $('chart-decisions').replaceChildren(rows(mix(m.decisionMix, vipguardI18n.decisionWord), { title: t('chartDecisionMix') }));
  $('chart-verdicts').replaceChildren(rows(mix(m.verdictMix, vipguardI18n.verdict), { title: t('chartVerdictMix') }));
  $('chart-sites').replaceChildren(rows(mix(m.perSite, vipguardSiteCatalog.siteName), { title: t('chartPerSite') }));
}
main();
