// The current tab's verdicts (recorded by the worker in session storage) and the pause switch.
import { has, read, listRefusal, LIST_KEY, LIST_SOURCE_KEY } from '../../shared/private-store.js';
import { refusalWords } from '../../shared/list-check.js';
import { ticketFormat, copyTicket, drawEvidenceImage, aboutImage, decideForm } from '../row-tools.js';
import { startPage, FixableFailure } from '../page-ready.js';
import { readSettings, saveSettings } from '../../shared/settings.js';
import { managedPolicy, siteSwitch, pausedAt } from '../../shared/policy.js';

const ORDER = { impersonation: 0, suspicious: 1, labelled: 2, own: 3, allowed: 4, clear: 5, error: 6 };

const { t } = vipguardI18n;

async function main(wired) {
  // The pause switch first, since it needs only the settings: a start held on its words, or failing on
  // the tab, must not keep it out of reach (page-ready.js releases the page then).
  const settings = await readSettings();
  const paused = document.getElementById('paused');
  paused.checked = !!settings.paused;
  paused.addEventListener('change', () => saveSettings({ paused: paused.checked }));
  wired();
  await vipguardI18n.ready();
  // The active tab; `?tab=ID` names one explicitly (tests open the popup as a page of its own). A tab
  // closed meanwhile has no verdicts to show.
  const asked = Number(new URLSearchParams(location.search).get('tab'));
  const tab = asked ? await chrome.tabs.get(asked).catch(() => { throw new FixableFailure(t('tabGone')); })
    : (await chrome.tabs.query({ active: true, currentWindow: true }))[0];
  const format = await ticketFormat();
  const key = `tab:${tab && tab.id}`;
  const rec = (await chrome.storage.session.get(key))[key];
  const status = document.getElementById('status');
  // Nothing checked: say why (no list, a site vipguard does not read, checks paused, the site switched off
  // by the organisation's policy or by the reviewer), not just "nothing". (A site vipguard has no access to
  // does not even show its address to the popup.)
  const hasList = await has(LIST_KEY).catch(() => false);
  let host = '';
  try {
    host = new URL(tab && tab.url).hostname;
  } catch {
    // no address (a new tab)
  }
  const policy = await managedPolicy();
  const platform = vipguardSiteCatalog.pageSite(host)?.platform || null;
  const switched = siteSwitch(host, platform, settings, policy);
  // A site switched off shows no verdicts, even ones recorded before it was (its page is no longer checked).
  const items = rec && rec.url === (tab && tab.url) && !switched.off ? rec.items : [];
  const flagged = items.filter((i) => i.verdict === 'impersonation' || i.verdict === 'suspicious').length;
  const unreadable = rec && rec.url === (tab && tab.url) && rec.unreadable && !switched.off;
  // A site the organisation switched on is checked even when paused (shared/policy.js, pausedAt).
  const pausedHere = pausedAt(host, platform, settings, policy);
  // A stored list the engine refused checks nothing anywhere: said first, with why and what to do.
  const refused = hasList ? await listRefusal().catch(() => null) : null;
  status.textContent = refused ? refusalWords(refused, t)
    : await pageStatus({ paused: pausedHere, switched, items, flagged, hasList }) + (unreadable ? ` ${t('tabUnreadable')}` : '');
  // Which list the verdicts were checked against (provenance): the one the worker recorded with them,
  // else the list in use.
  const checkedWith = items.length && rec.list ? rec.list : hasList ? (await read([LIST_SOURCE_KEY]).catch(() => ({})))[LIST_SOURCE_KEY] : null;
  if (checkedWith) document.getElementById('list-source').textContent = t('checkedAgainst', vipguardReport.listLine(checkedWith));
  const body = document.querySelector('#verdicts tbody');
  const copied = document.getElementById('copied');
  const version = chrome.runtime.getManifest().version;
  const copy = async (text, what) => {
    try {
      await navigator.clipboard.writeText(text);
      copied.textContent = t('copied', what);
      return true;
    } catch (e) {
      copied.textContent = t('clipboardRefusedShort', e.message);
      return false;
    }
  };
  // The part of each avatar that matched, from the tab's record (the worker checks its numbers).
  const avatarRegion = (evidence) => ((evidence || []).find((e) => e && e.signal === 'avatar' && e.region) || {}).region || null;
  // The banner's picture of both avatars and names (row-tools.js), for the popup's tab: opening the popup
  // granted `activeTab` on it, so the picture shows the page too.
  const from = (i) => ({ url: tab.url, tabId: tab.id, avatar: i.avatar || null, region: avatarRegion(i.evidence) });
  const saveImage = async (i, item) => {
    let reply;
    try {
      reply = await drawEvidenceImage(item, await vipguardReport.sha256(JSON.stringify(vipguardReport.toJson(item), null, 2)), from(i));
    } catch (e) {
      copied.textContent = t('failed', e.message);
      return;
    }
    const a = document.createElement('a');
    a.href = reply.dataUrl;
    a.download = `vipguard-${i.platform}-${i.handle}.png`;
    a.click();
    copied.textContent = aboutImage(t('imageSaved'), reply);
  };
  for (const i of items.sort((a, b) => (ORDER[a.verdict] ?? 9) - (ORDER[b.verdict] ?? 9))) {
    const tr = document.createElement('tr');
    const decided = !i.decision ? '' : ` · ${i.decision.team
      ? t('teamDecisionStanding', vipguardI18n.decisionWord(i.decision.decision), i.decision.by, vipguardI18n.when(i.decision.at))
      : t('decisionStanding', vipguardI18n.decisionWord(i.decision.decision), vipguardI18n.when(i.decision.at))}`;
    for (const v of [`@${i.handle} (${i.name})`, vipguardI18n.verdict(i.verdict) + decided, (i.account && i.account.name) || i.match || '',
      i.score == null ? '' : vipguardI18n.num(i.score)]) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.append(td);
    }
    // The evidence and tools go on a row of their own under the account (the popup is narrow).
    const tools = document.createElement('tr');
    tools.className = 'tools';
    const td = document.createElement('td');
    td.colSpan = 4;
    // Tools for accounts to act on: not the protected account itself or its official accounts.
    if (i.evidence && !['own', 'allowed'].includes(i.verdict)) {
      // The same report the banner copies, for an account seen in a list without opening its profile: filed
      // by the account's own profile address, with the page it was seen on beside it.
      const item = {
        url: vipguardSiteCatalog.profileUrl(i.platform, i.handle, tab.url), pageUrl: tab.url, platform: i.platform, handle: i.handle, name: i.name,
        result: { verdict: i.verdict, score: i.score, match: i.match, evidence: i.evidence },
        account: i.account, checkedAt: i.checkedAt, version,
        ...(i.decision ? { decision: i.decision.decision, note: i.decision.note } : {}),
      };
      const why = (i.evidence || []).filter((e) => e.signal !== 'characters' && e.detail);
      if (why.length) {
        const details = document.createElement('details');
        const summary = document.createElement('summary');
        summary.textContent = t('whyFlagged');
        const ul = document.createElement('ul');
        for (const e of why) {
          const li = document.createElement('li');
          li.textContent = e.detail;
          ul.append(li);
        }
        details.append(summary, ul);
        td.append(details);
      }
      for (const [label, aria, fn] of [
        [t('copyShort'), t('copyEvidenceFor', i.handle), async () => { copied.textContent = await copyTicket(item, format, from(i)); }],
        [t('jsonShort'), t('copyJsonFor', i.handle), () => copy(JSON.stringify(vipguardReport.toJson(item), null, 2), t('evidenceFor', i.handle, 'JSON'))],
        [t('imageShort'), t('saveImageFor', i.handle), () => saveImage(i, item)],
      ]) {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = label;
        b.setAttribute('aria-label', aria);
        b.addEventListener('click', fn);
        td.append(b);
      }
      // The reviewer's decision, as on the banner (row-tools.js).
      const form = decideForm(i.handle, (decision, note, undoes) => chrome.runtime.sendMessage({ type: 'decide', url: tab.url,
        profile: { platform: i.platform, handle: i.handle, name: i.name }, decision, note, ...(undoes ? { undoes } : {}),
        result: { verdict: i.verdict, match: i.match, score: i.score } }), (words) => { copied.textContent = words; });
      td.append(form);
    }
    tr.dataset.verdict = i.verdict;
    body.append(tr);
    if (td.childNodes.length) {
      tools.append(td);
      body.append(tools);
    }
  }
}
// The popup's line about the tab: paused, the site switched off (by the organisation's policy or by the
// reviewer: said which), Mastodon on without the access it needs, what was checked, no list, a site
// vipguard does not read, or nothing checked yet.
async function pageStatus({ paused, switched, items, flagged, hasList }) {
  const mastodon = switched.site === 'mastodon';
  const name = switched.generic ? switched.site : vipguardSiteCatalog.siteName(switched.site);
  if (paused) return t('tabPaused');
  if (!mastodon && switched.off === 'policy') return t('tabSiteOffPolicy', name);
  if (!mastodon && switched.off) return t('tabSiteOffReviewer', name);
  if (mastodon && switched.off === 'policy') return t('tabMastodonOffPolicy');
  if (mastodon && !switched.off && !(await chrome.permissions.contains({ origins: ['https://*/*'] }))) return t('tabMastodonNoAccess');
  if (items.length) return t('tabStatus', items.length, flagged);
  if (!hasList) return t('tabNoList');
  if (mastodon && switched.off) return t('tabNotServed');
  return t('tabNothing');
}

// Inert until the tab's verdicts are drawn (page-ready.js); released earlier, with the pause switch usable,
// if that start fails or is slow.
startPage(main);
