// Evidence for a ticket, and CSV for BI tools: plain functions shared by the banner (content script),
// the popup and the options page. A classic script defining one global, so content scripts can load it.
'use strict';

var vipguardReport = (() => {
  const VERDICT_WORDS = {
    impersonation: 'Impersonation',
    suspicious: 'Suspicious',
    labelled: 'Labelled parody/fan',
    own: 'Protected account',
    allowed: 'Official account',
    clear: 'No match',
  };

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
    if (e.signal === 'name' && typeof e.similarity === 'number') return `similarity ${e.similarity.toFixed(2)}`;
    if (e.signal === 'handle' && typeof e.distance === 'number') return `edit distance ${e.distance}${e.edit ? ` (${e.edit})` : ''}`;
    if (e.signal === 'handle' && e.edit) return e.edit;
    if (e.signal === 'avatar' && typeof e.distance === 'number') return `${e.distance} of 256 bits apart`;
    if (e.signal === 'label') return e.compliant ? 'label policy-compliant' : 'label not policy-compliant';
    return '';
  }

  // item: {url, platform, handle, name, result, account: {id, name, handles}|null, checkedAt, version,
  // decision?, note?}
  function toJson(item) {
    const r = item.result || {};
    return {
      profile: { url: item.url, platform: item.platform, handle: item.handle, display_name: item.name,
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
    lines.push(`### vipguard evidence: ${VERDICT_WORDS[r.verdict] || md(r.verdict)}${typeof r.score === 'number' ? ` (score ${r.score.toFixed(2)})` : ''}`);
    lines.push('');
    lines.push(`- **Profile:** <${String(item.url).replace(/[\s<>]/g, encodeURIComponent)}>`);
    lines.push(`- **Platform:** ${md(item.platform)}`);
    lines.push(`- **Handle:** @${md(item.handle)}`);
    lines.push(`- **Display name:** ${md(item.name)}`);
    if (chars.some((c) => !c.field || c.field === 'name')) lines.push(`- **Display name, spelled out:** ${spelledOut(item.name, chars, md)}`);
    if (item.account) {
      const handles = (item.account.handles || []).map((h) => {
        const [platform, ...rest] = h.split(':');
        return `@${md(rest.join(':'))} on ${md(platform)}`;
      });
      lines.push(`- **Resembles:** ${md(item.account.name)} (protected id ${md(item.account.id)})${handles.length ? `, real account(s): ${handles.join(', ')}` : ''}`);
    } else if (r.match) {
      lines.push(`- **Resembles:** protected id ${md(r.match)}`);
    }
    lines.push(`- **Verdict:** ${md(r.verdict)}${typeof r.score === 'number' ? `, score ${r.score.toFixed(2)}` : ''}`);
    if (item.decision) lines.push(`- **Reviewer decision:** ${md(item.decision)}${item.note ? ` (${md(item.note)})` : ''}`);
    lines.push(`- **Checked:** ${md(item.checkedAt)}`);
    lines.push(`- **Extension:** vipguard ${md(item.version)}`);
    const signals = (r.evidence || []).filter((e) => e.signal !== 'characters');
    if (signals.length) {
      lines.push('', '**Signals**', '');
      for (const e of signals) {
        const f = figure(e);
        lines.push(`- ${md(e.signal)}${f ? ` (${md(f)})` : ''}: ${md(e.detail)}`);
      }
    }
    if (chars.length) {
      lines.push('', '**Lookalike or hidden characters**', '');
      for (const c of chars) {
        const what = c.looks_like ? `reads as ${md(c.looks_like)}` : md(c.action);
        lines.push(`- ${md(c.codepoint)} ${md(c.name)} in the ${c.field === 'handle' ? 'handle' : 'display name'}: ${what}`);
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

  return { toMarkdown, toJson, toCsv, spelledOut, VERDICT_WORDS };
})();

