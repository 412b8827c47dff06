// Evidence for a ticket, and CSV for BI tools: plain functions shared by the banner (content script),
// the popup and the options page. A classic script defining one global, so content scripts can load it.
'use strict';

var vipguardReport = (() => {
  const { t } = vipguardI18n;

  // Page text goes into Markdown mid-line (every line starts with our own "- **Field:**"), so only the
  // characters that format, link or break a line there are escaped; line breaks and control
  // characters become spaces.
  function md(text) {
    return String(text ?? '')
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .replace(/([\\`*_[\]<>|~])/g, '\\$1');
  }

  // The display name with every reported character spelled out by code point, so hidden and lookalike
  // characters survive copy and paste into systems that would drop or fold them:
  // "Кwabena" -> "[U+041A]wabena".
  // `escape` applies to the name's own characters only (Markdown escaping keeps our brackets plain).
  function spelledOut(name, chars, escape = (ch) => ch) {
    const flagged = new Set((chars || []).filter((c) => !c.field || c.field === 'name').map((c) => c.char));
    return [...String(name ?? '')].map((ch) => (flagged.has(ch) ? `[U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}]` : escape(ch))).join('');
  }

  const allChars = (result) => (result.evidence || []).flatMap((e) => e.chars || []);

  // The figure each signal carries, in words.
  function figure(e) {
    if (e.signal === 'name' && typeof e.similarity === 'number') return t('figureSimilarity', vipguardI18n.num(e.similarity));
    if (e.signal === 'handle' && typeof e.distance === 'number') return `${t('figureDistance', e.distance)}${e.edit ? ` (${e.edit})` : ''}`;
    if (e.signal === 'handle' && e.edit) return e.edit;
    if (e.signal === 'avatar' && typeof e.distance === 'number') return t('figureBits', e.distance);
    if (e.signal === 'label') return e.compliant ? t('figureCompliant') : t('figureNotCompliant');
    return '';
  }

  // item: {url (the account's profile), pageUrl? (where it was seen, when not its profile), platform,
  // handle, name, result, account: {id, name, handles}|null, checkedAt, version, decision?, note?}
  const seenOn = (item) => (item.pageUrl && item.pageUrl !== item.url ? item.pageUrl : null);
  function toJson(item) {
    const r = item.result || {};
    return {
      profile: { url: item.url, ...(seenOn(item) ? { seen_on: seenOn(item) } : {}), platform: item.platform, handle: item.handle, display_name: item.name,
        display_name_spelled_out: spelledOut(item.name, allChars(r)) },
      verdict: r.verdict,
      score: r.score ?? null,
      match: item.account ? { id: item.account.id, name: item.account.name, handles: item.account.handles || [] } : (r.match ? { id: r.match } : null),
      evidence: r.evidence || [],
      ...(item.decision ? { decision: item.decision, note: item.note || '' } : {}),
      checked_at: item.checkedAt,
      extension_version: item.version,
    };
  }

  function toMarkdown(item) {
    const r = item.result || {};
    const chars = allChars(r);
    const lines = [];
    // "Field:" in English, "Champ :" in French.
    const colon = (words) => t('withColon', words);
    const field = (key, value) => lines.push(`- **${colon(t(key))}** ${value}`);
    lines.push(`### ${t('reportTitle', vipguardI18n.verdict(r.verdict))}${typeof r.score === 'number' ? ` ${t('reportScore', vipguardI18n.num(r.score))}` : ''}`);
    lines.push('');
    const link = (u) => `<${String(u).replace(/[\s<>]/g, encodeURIComponent)}>`;
    field('fieldProfile', link(item.url));
    if (seenOn(item)) field('fieldSeenOn', link(seenOn(item)));
    field('fieldPlatform', md(item.platform));
    field('fieldHandle', `@${md(item.handle)}`);
    field('fieldDisplayName', md(item.name));
    if (chars.some((c) => !c.field || c.field === 'name')) field('fieldSpelledOut', spelledOut(item.name, chars, md));
    if (item.account) {
      const handles = (item.account.handles || []).map((h) => {
        const [platform, ...rest] = h.split(':');
        return t('handleOnPlatform', md(rest.join(':')), md(platform));
      });
      field('fieldResembles', `${md(item.account.name)} (${t('protectedId', md(item.account.id))})${handles.length ? `, ${t('realAccounts', handles.join(', '))}` : ''}`);
    } else if (r.match) {
      field('fieldResembles', t('protectedId', md(r.match)));
    }
    field('fieldVerdict', `${md(vipguardI18n.verdict(r.verdict))}${typeof r.score === 'number' ? `, ${t('score', vipguardI18n.num(r.score))}` : ''}`);
    if (item.decision) field('fieldDecision', `${md(vipguardI18n.decisionWord(item.decision))}${item.note ? ` (${md(item.note)})` : ''}`);
    field('fieldChecked', md(item.checkedAt));
    field('fieldExtension', `vipguard ${md(item.version)}`);
    const signals = (r.evidence || []).filter((e) => e.signal !== 'characters');
    if (signals.length) {
      lines.push('', `**${t('signals')}**`, '');
      for (const e of signals) {
        const f = figure(e);
        lines.push(`- ${colon(`${md(e.signal)}${f ? ` (${md(f)})` : ''}`)} ${md(e.detail)}`);
      }
    }
    if (chars.length) {
      lines.push('', `**${t('lookalikeChars').replace(/\s*:$/, '')}**`, '');
      for (const c of chars) {
        const what = c.looks_like ? t('readsAs', md(c.looks_like)) : md(t(`action_${c.action}`));
        lines.push(`- ${colon(`${md(c.codepoint)} ${md(c.name)} ${t(c.field === 'handle' ? 'inHandle' : 'inName')}`)} ${what}`);
      }
    }
    return lines.join('\n') + '\n';
  }

  // RFC 4180 CSV. A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start)
  // is prefixed with an apostrophe: display names come from strangers.
  function csvCell(v) {
    let s = v == null ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }

  function toCsv(columns, rows) {
    return [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))].join('\r\n') + '\r\n';
  }

  return { toMarkdown, toJson, toCsv, spelledOut };
})();

