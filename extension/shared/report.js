// Evidence for a ticket, and CSV for BI tools: plain functions shared by the banner (content script),
// the popup and the options page. A classic script defining one global, so content scripts can load it.
'use strict';

var vipguardReport = (() => {
  const { t } = vipguardI18n;

  // Page text goes into a ticket mid-line (every line starts with our own field label), so only what
  // formats, links or breaks a line in the chosen format is escaped; line breaks and control characters
  // become spaces everywhere. Plain text escapes nothing: a handle pasted there is the handle.
  const oneLine = (text) => String(text ?? '').replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, ' ');
  function md(text) {
    return oneLine(text).replace(/([\\`*_[\]<>|~])/g, '\\$1');
  }
  // Jira's wiki markup: brackets, braces, bars and ! (links, macros, tables, images) always; the text
  // effects (*bold*, _italic_, -struck-, +under+, ^sup^, ~sub~) only where they could open or close one,
  // at a word's edge, so a handle such as Adaeze_0konkwo is pasted as it is.
  // A backslash is written as its character reference: Jira reads a doubled one as a line break.
  function jira(text) {
    return oneLine(text)
      .replace(/\\/g, '&#92;')
      .replace(/([[\]{}|!])/g, '\\$1')
      .replace(/(^|[^\p{L}\p{N}\\])([*_+^~-])/gu, '$1\\$2')
      .replace(/(?<!\\)([*_+^~-])(?=$|[^\p{L}\p{N}])/gu, '\\$1');
  }

  // Web addresses in page text made inert, as security teams write them (hxxps://evil[.]example): trackers,
  // Jira and mail clients turn a bare address into a link, so a name or bio could put a phishing link in
  // a ticket. A scheme (http, https, ftp) loses its letters, and the dots of a host name go in brackets:
  // after a scheme, after www., or in a dotted name ending in a lowercase top-level domain (an e-mail
  // address's too). Markup that links (brackets, <>, Jira's !image! and {macro}) is escaped per format.
  function defang(text) {
    return String(text ?? '')
      .replace(/\b(h)tt(ps?:\/\/)|\b(f)t(p:\/\/)/gi, (m, h, rest, f, ftp) => (h ? `${h}xx${rest}` : `${f}x${ftp}`))
      .replace(/(?:[\p{L}\p{N}_-]+\.)+[\p{L}\p{N}_-]+/gu, (host, at, whole) => {
        const linked = whole.slice(Math.max(0, at - 3), at) === '://' || /^www\./i.test(host)
          || /^[a-z]{2,24}$/.test(host.slice(host.lastIndexOf('.') + 1));
        return linked ? host.replace(/\./g, '[.]') : host;
      });
  }

  // The display name with every reported character spelled out by code point, so hidden and lookalike
  // characters survive copy and paste into systems that would drop or fold them:
  // "Кwabena" -> "[U+041A]wabena".
  // `escape` applies to the name's own characters only; `mark` writes a code point (Jira would read our
  // brackets as a link).
  const codepoint = (ch) => `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  function spelledOut(name, chars, escape = (ch) => ch, mark = (cp) => `[${cp}]`) {
    const flagged = new Set((chars || []).filter((c) => !c.field || c.field === 'name').map((c) => c.char));
    // Escaped a run at a time: Jira's escaping depends on where a character sits in a word.
    let out = '';
    let run = '';
    for (const ch of String(name ?? '')) {
      if (!flagged.has(ch)) {
        run += ch;
        continue;
      }
      out += escape(run) + mark(codepoint(ch));
      run = '';
    }
    return out + escape(run);
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

  // Which list a verdict was checked against (provenance), from the worker's `source` (engine.js): a
  // feed's "Team VIPs v12 · 1,204 accounts · 3 h old", a file's name and import time. `now` in ms.
  function listLine(source, now = Date.now()) {
    if (!source) return t('listNone');
    const n = Number(source.accounts || 0).toLocaleString(vipguardI18n.lang());
    if (source.kind === 'feed') return t('listFeed', source.name, String(source.version), n, age(source.date, now));
    if (source.kind === 'file') return t('listFile', source.file, vipguardI18n.when(source.at), n);
    if (source.kind === 'demo') return t('listDemo', n);
    if (source.fromFeed) {
      return t('listFeedEdited', source.fromFeed.name, String(source.fromFeed.version), String((source.edited || []).length), n, vipguardI18n.when(source.at));
    }
    return source.at ? t('listByHand', n, vipguardI18n.when(source.at)) : t('listUnknown', n);
  }
  // How old a list is: minutes, hours or days since `iso`.
  function age(iso, now) {
    const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60000));
    if (minutes < 1) return t('ageNow');
    if (minutes < 60) return t('ageMinutes', String(minutes));
    if (minutes < 48 * 60) return t('ageHours', String(Math.round(minutes / 60)));
    return t('ageDays', String(Math.round(minutes / 1440)));
  }

  // item: {url (the account's profile), pageUrl? (where it was seen, when not its profile), platform,
  // handle, name, facts? ({joined, joinedShown, followers, followersShown, verified} as the page states
  // them, checked by worker/facts.js), result, account: {id, name,
  // handles}|null, checkedAt, version, decision?, note?}
  // The facts in the JSON evidence: the page's own text beside the number read from it. `joined` is only
  // ever an ISO date; the page's own words for it go in `joined_shown`.
  const factsJson = (f) => ({ ...(f.joined ? { joined: f.joined } : {}), ...(f.joinedShown ? { joined_shown: f.joinedShown } : {}), followers: f.followers,
    ...(f.followersShown ? { followers_shown: f.followersShown } : {}), ...(f.verified ? { verified_mark_shown: true } : {}) });
  const seenOn = (item) => (item.pageUrl && item.pageUrl !== item.url ? item.pageUrl : null);
  function toJson(item) {
    const r = item.result || {};
    return {
      profile: { url: item.url, ...(seenOn(item) ? { seen_on: seenOn(item) } : {}), ...(item.facts ? factsJson(item.facts) : {}), platform: item.platform, handle: item.handle, display_name: item.name,
        display_name_spelled_out: spelledOut(item.name, allChars(r)) },
      verdict: r.verdict,
      score: r.score ?? null,
      match: item.account ? { id: item.account.id, name: item.account.name, handles: item.account.handles || [] } : (r.match ? { id: r.match } : null),
      evidence: r.evidence || [],
      ...(item.decision ? { decision: item.decision, note: item.note || '' } : {}),
      checked_at: item.checkedAt,
      ...(item.list ? { checked_against: listJson(item.list) } : {}),
      extension_version: item.version,
    };
  }

  // The list's provenance as the JSON evidence states it.
  const listJson = (l) => (l.kind === 'feed' ? { kind: 'feed', name: l.name, version: l.version, signed: l.date, accounts: l.accounts }
    : { kind: l.kind, ...(l.file ? { file: l.file } : {}), ...(l.at ? { at: l.at } : {}), accounts: l.accounts,
      ...(l.fromFeed ? { from_feed: { name: l.fromFeed.name, version: l.fromFeed.version, signed: l.fromFeed.date }, edited: l.edited || [] } : {}) });

  // How each ticket format writes the parts of a report. Markdown for trackers that render it (GitHub,
  // GitLab), Jira's wiki markup for Jira, plain text for everything else (Service Cloud case comments,
  // e-mail).
  const FORMATS = {
    markdown: { esc: md, title: (s) => `### ${s}`, field: (label, v) => `- **${label}** ${v}`, section: (s) => `**${s}**`,
      item: (s) => `- ${s}`, link: (u) => `<${String(u).replace(/[\s<>]/g, encodeURIComponent)}>`, mark: (cp) => `[${cp}]` },
    jira: { esc: jira, title: (s) => `h3. ${s}`, field: (label, v) => `* *${label}* ${v}`, section: (s) => `*${s}*`,
      item: (s) => `* ${s}`, link: (u) => `[${String(u).replace(/[\s[\]|]/g, encodeURIComponent)}]`, mark: (cp) => `\\[${cp}\\]` },
    text: { esc: oneLine, title: (s) => s, field: (label, v) => `${label} ${v}`, section: (s) => s,
      item: (s) => `- ${s}`, link: (u) => String(u).replace(/\s/g, encodeURIComponent), mark: (cp) => `[${cp}]` },
  };
  const FORMAT_NAMES = Object.keys(FORMATS);

  // The report for a ticket, in `format` ('text', 'jira' or 'markdown'). `item.sha256`, when given, is
  // the SHA-256 of the JSON evidence (toJson), so the ticket and the attached JSON can be matched.
  function toTicket(item, format = 'markdown') {
    const F = FORMATS[format] || FORMATS.markdown;
    const esc = F.esc;
    // Text the profile's page wrote (handle, name, bio quoted in the evidence, stated facts).
    const page = (text) => esc(defang(text));
    const r = item.result || {};
    const chars = allChars(r);
    const lines = [];
    // "Field:" in English, "Champ :" in French.
    const colon = (words) => t('withColon', words);
    const field = (key, value) => lines.push(F.field(colon(t(key)), value));
    lines.push(F.title(esc(`${t('reportTitle', vipguardI18n.verdict(r.verdict))}${typeof r.score === 'number' ? ` ${t('reportScore', vipguardI18n.num(r.score))}` : ''}`)));
    lines.push('');
    field('fieldProfile', F.link(item.url));
    if (seenOn(item)) field('fieldSeenOn', F.link(seenOn(item)));
    field('fieldPlatform', esc(item.platform));
    field('fieldHandle', `@${page(item.handle)}`);
    field('fieldDisplayName', page(item.name));
    const facts = item.facts || {};
    if (facts.joined || facts.joinedShown) field('fieldJoined', page(facts.joined ? String(facts.joined).slice(0, 10) : String(facts.joinedShown)));
    // A rounded count as the page showed it ("1.2K"): the ticket quotes the page, not our estimate.
    if (facts.followers != null) field('fieldFollowers', page(String(facts.followersShown || facts.followers)));
    if (facts.verified) lines.push(F.item(esc(t('factVerified'))));
    if (chars.some((c) => !c.field || c.field === 'name')) field('fieldSpelledOut', spelledOut(defang(item.name), chars, esc, F.mark));
    if (item.account) {
      const handles = (item.account.handles || []).map((h) => {
        const [platform, ...rest] = h.split(':');
        return t('handleOnPlatform', esc(rest.join(':')), esc(platform));
      });
      field('fieldResembles', `${esc(item.account.name)} (${t('protectedId', esc(item.account.id))})${handles.length ? `, ${t('realAccounts', handles.join(', '))}` : ''}`);
    } else if (r.match) {
      field('fieldResembles', t('protectedId', esc(r.match)));
    }
    field('fieldVerdict', `${esc(vipguardI18n.verdict(r.verdict))}${typeof r.score === 'number' ? `, ${t('score', vipguardI18n.num(r.score))}` : ''}`);
    if (item.decision) field('fieldDecision', `${esc(vipguardI18n.decisionWord(item.decision))}${item.note ? ` (${esc(item.note)})` : ''}`);
    const form = item.reportForm !== undefined ? item.reportForm : globalThis.vipguardSiteCatalog?.reportForm(item.platform);
    if (form) field('fieldReportForm', F.link(form));
    field('fieldChecked', esc(item.checkedAt));
    if (item.list) field('fieldList', esc(listLine(item.list, Date.parse(item.checkedAt) || Date.now())));
    if (item.sha256) field('fieldSha256', esc(item.sha256));
    field('fieldExtension', `vipguard ${esc(item.version)}`);
    const signals = (r.evidence || []).filter((e) => e.signal !== 'characters');
    if (signals.length) {
      lines.push('', F.section(esc(t('signals'))), '');
      for (const e of signals) {
        const f = figure(e);
        lines.push(F.item(`${colon(`${esc(e.signal)}${f ? ` (${esc(f)})` : ''}`)} ${page(e.detail)}`));
      }
    }
    if (chars.length) {
      lines.push('', F.section(esc(t('lookalikeChars').replace(/\s*:$/, ''))), '');
      for (const c of chars) {
        const what = c.looks_like ? t('readsAs', esc(c.looks_like)) : esc(t(`action_${c.action}`));
        lines.push(F.item(`${colon(`${esc(c.codepoint)} ${esc(c.name)} ${t(c.field === 'handle' ? 'inHandle' : 'inName')}`)} ${what}`));
      }
    }
    return lines.join('\n') + '\n';
  }

  // The ticket for a rich editor (Jira's, Service Cloud's): the same text, line for line, then the
  // evidence picture inside it, so one paste brings both. Only a PNG data address is taken as a picture.
  function toHtml(text, pngDataUrl, alt) {
    const esc = (v) => String(v).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
    const lines = String(text).replace(/\n$/, '').split('\n').map((l) => `<div>${esc(l) || '<br>'}</div>`);
    const picture = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/.test(pngDataUrl || '') ? [`<p><img alt="${esc(alt)}" src="${pngDataUrl}"></p>`] : [];
    return `<meta charset="utf-8"><div>${[...lines, ...picture].join('')}</div>`;
  }

  // The worker's evidence picture (a PNG data address) as a Blob.
  function pngBlob(dataUrl) {
    const bin = atob(String(dataUrl).split(',')[1] || '');
    return new Blob([Uint8Array.from(bin, (c) => c.charCodeAt(0))], { type: 'image/png' });
  }

  // One clipboard entry holding the ticket three ways, so that the field it is pasted into takes the one
  // it reads: the text (a plain field, Jira's wiki field), the text with the evidence picture in it (a
  // rich editor), the picture alone (a chat, an image field). `drawing` resolves to the worker's picture
  // ({dataUrl}); the clipboard waits for it, so the click's permission holds while it is drawn.
  function ticketClipboardItem(text, drawing, alt) {
    return new ClipboardItem({
      'text/plain': new Blob([text], { type: 'text/plain' }),
      'text/html': drawing.then((d) => new Blob([toHtml(text, d.dataUrl, alt)], { type: 'text/html' })),
      'image/png': drawing.then((d) => pngBlob(d.dataUrl)),
    });
  }

  // Copy a ticket with its picture (`ticketClipboardItem`); where the clipboard refuses that entry or the
  // picture cannot be drawn, the text alone through `writeText`. Resolves to { pictured: true, drawn } or
  // { pictured: false, why } (why the picture did not go); rejects when `writeText` does. The banner and
  // the lists' rows (ui/row-tools.js) share it so they copy and fall back alike.
  async function copyTicketWithPicture(text, drawing, alt, writeText = (s) => navigator.clipboard.writeText(s)) {
    drawing.catch(() => {}); // awaited below; a refusal is told there
    const reason = (e) => (e && e.message) || String(e);
    try {
      await navigator.clipboard.write([ticketClipboardItem(text, drawing, alt)]);
      return { pictured: true, drawn: await drawing };
    } catch (e) {
      const why = await drawing.then(() => reason(e), reason);
      await writeText(text);
      return { pictured: false, why };
    }
  }

  // A ticket id in a decision's note: a Jira key (IDO-77) or a Service Cloud case number (8 digits).
  const ticketId = (note) => (String(note || '').match(/\b[A-Z][A-Z0-9]{1,9}-\d+\b|\b\d{8}\b/) || [''])[0];

  // The words the evidence picture shows under the two avatars: the name spelled out when it hides
  // characters, and the reasons (at most 8).
  function imageText(item) {
    const r = item.result || {};
    const chars = allChars(r);
    return {
      spelled: chars.some((c) => !c.field || c.field === 'name') ? spelledOut(item.name, chars).slice(0, 400) : '',
      reasons: (r.evidence || []).filter((e) => e.signal !== 'characters' && e.detail).slice(0, 8).map((e) => oneLine(e.detail).slice(0, 400)),
    };
  }

  // The SHA-256 of a text (UTF-8), in hex.
  async function sha256(text) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  // The formula guard of a CSV cell, as the engine writes it (crates/vipguard/src/formats/csv.rs, `guard`,
  // which the command line's `scan --format csv` uses) and undoes it (`unguard`): a spreadsheet runs a
  // formula from a cell that starts with = + - @ a tab or a CR, after blanks too; one set to split on ;
  // or tab (French-locale Excel) sees a new cell after each, quotes or not, and after a line end.
  // Display names come from strangers. So wherever apostrophes, then blanks or quotes, then a formula character
  // stand at the value's start or after ; tab or a line end, the writer puts one ' and the reader takes
  // one off. Apostrophes already there count as blanks do ('=x is written ''=x), so the two undo each
  // other exactly (tests/unit/csv-guard.test.mjs pairs them) and an exported list reads back as it was
  // (README, "Protected list").
  // A double quote counts as a blank does: x;"=1+1 is written "x;""=1+1", and a spreadsheet splitting it
  // at the ; sees a cell ""=1+1" whose quotes its reader may take off (docs/security.md, "Spreadsheets").
  const FORMULA_AHEAD = /('*)[ \u00a0"]*[=+\-@\t\r]/y;
  // The one scan both directions share: `value` copied, and at each place a cell may start where
  // FORMULA_AHEAD matches, a ' put in (`put`) or, where the match starts with one, that ' left out.
  function guardScan(value, put) {
    let s = '';
    let starts = true; // where a spreadsheet may start a cell: the value's start, or after ; tab or a line end
    for (let i = 0; i < value.length; i++) {
      FORMULA_AHEAD.lastIndex = i;
      const ahead = starts && FORMULA_AHEAD.exec(value);
      if (ahead && put) s += "'";
      else if (ahead && ahead[1]) {
        starts = false;
        continue;
      }
      s += value[i];
      starts = ';\t\r\n'.includes(value[i]);
    }
    return s;
  }

  // VT and FF (U+000B, U+000C: the line breaks FileMaker and Office paste) are written as a space; another
  // control character other than tab, CR and LF (a NUL, an ESC) as its Unicode control picture (U+2400 plus
  // its code: ␀, ␛), never raw: spreadsheets cut or hide a cell at a NUL, and the engine's protected-list
  // readers refuse one (crates/vipguard/src/formats/csv.rs, guard; docs/security.md, "Spreadsheets").
  const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;
  const pictured = (value) =>
    value.replace(CONTROL, (c) => (c === '\x0b' || c === '\x0c' ? ' ' : String.fromCharCode(0x2400 + c.charCodeAt(0))));

  /** A cell's text with its formula guard: -1 is written '-1, a;=b a;'=b, '=x ''=x; a NUL ␀. */
  const csvGuard = (v) => guardScan(pictured(v == null ? '' : String(v)), true);

  /** A cell's guard undone: '-1 reads -1, ''=x reads '=x; 'Ada and O'Neil stay as they are. */
  function csvUnguard(v) {
    const value = v == null ? '' : String(v);
    return value.includes("'") ? guardScan(value, false) : value;
  }

  // RFC 4180 CSV: a cell guarded, and quoted where it holds a separator of any locale (, ; tab), a quote or
  // a line end (as the command line's, crates/vipguard-cli/src/sheet.rs).
  function csvCell(v) {
    const s = csvGuard(v);
    return /[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }

  function toCsv(columns, rows) {
    return [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))].join('\r\n') + '\r\n';
  }

  // A CSV file's whole text for a spreadsheet, as every page downloads it (ui/page.js, downloadCsv): a
  // byte-order mark (Excel on Windows reads a CSV without one as the local code page: accents and Cyrillic
  // garbled), then toCsv's. tests/unit/bulk-export.test.mjs calls this too, so the fixture is what the page
  // writes.
  const csvFile = (columns, rows) => `\ufeff${toCsv(columns, rows)}`;

  return { toTicket, toHtml, pngBlob, ticketClipboardItem, copyTicketWithPicture, toJson, toCsv, csvFile, csvCell, csvGuard, csvUnguard, spelledOut, imageText, sha256, ticketId, listLine, FORMAT_NAMES };
})();

