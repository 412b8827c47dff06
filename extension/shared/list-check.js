// A protected list checked by the engine, every problem listed, not just the first: the options page's
// import and the team's feed (worker/feed.js) check a list the same way. `checkList` is the WASM package's
// (shared/ imports nothing else of the extension's: the caller hands it in).

const MAX_ERRORS = 100;

// Resolves to {ok, list, summary, errors: [{message}]}: the whole list first (syntax, duplicates), then
// each account on its own, so one bad row does not hide the next (the engine's own pass stops before
// some checks, pictures given as file paths for one). At most 100 problems, each said once.
export function checkWholeList(checkList, source, format) {
  const whole = checkList(source, format);
  if (whole.ok) return { ok: true, list: whole.list, summary: whole.summary, errors: [] };
  // Every problem the engine's pass found (up to 100); each account's own check adds what that pass
  // stops before, said once (its message, placed as the whole list's would be, ends none of these).
  const errors = whole.errors && whole.errors.length ? whole.errors.slice(0, MAX_ERRORS) : [whole.error];
  const seen = new Set();
  const said = (msg) => seen.has(msg) || errors.some((e) => e.message.endsWith(msg));
  if (format === 'json') {
    let data;
    try { data = JSON.parse(source); } catch { return { ok: false, errors }; }
    const accounts = Array.isArray(data && data.accounts) ? data.accounts : [];
    for (let i = 0; i < accounts.length && errors.length < MAX_ERRORS; i++) {
      const acc = accounts[i];
      const one = checkList(JSON.stringify({ accounts: [acc] }), 'json');
      if (one.ok) continue;
      const msg = one.error.message.replace(/^protected list:\d+: /, '');
      if (said(msg.replace('accounts[0]', `accounts[${i}]`))) continue;
      seen.add(msg.replace('accounts[0]', `accounts[${i}]`));
      errors.push({ ...one.error, message: `account ${i + 1}${acc && acc.id ? ` (${acc.id})` : ''}: ${msg.replace('accounts[0]', `accounts[${i}]`)}`,
        line: null, field: one.error.field ? one.error.field.replace('accounts[0]', `accounts[${i}]`) : null, account: i + 1, accountId: String((acc && acc.id) || '') });
    }
  } else {
    const rows = csvRecords(source);
    // The header, after a `sep=` line where there is one.
    const head = rows.length && /^sep=.$/.test(rows[0].text) ? 2 : 1;
    const header = rows.slice(0, head).map((r) => r.text).join('\n');
    for (const { text, line } of rows.slice(head)) {
      if (errors.length >= MAX_ERRORS) break;
      if (!text.trim()) continue;
      const one = checkList(`${header}\n${text}\n`, 'csv');
      if (one.ok) continue;
      const msg = one.error.message.replace(/^protected list:\d+: /, '');
      if (said(msg)) continue;
      seen.add(msg);
      errors.push({ ...one.error, message: `row ${line}: ${msg}`, line });
    }
  }
  return { ok: false, errors };
}

// A CSV list's rows, each its text and the line it starts on, cut where the engine's reader ends a row
// (crates/vipguard/src/formats/csv.rs, unclosed_quote): a quote opens a cell only at the cell's start,
// "" inside one is a quote, and a line end inside one is the cell's, not the row's (an alias written
// over two lines). The separator is the engine's: a `sep=` line's, else the header's first of , ; tab.
// Not the queue page's parseCsv: that gives cells, where each row is checked here as its own text.
function csvRecords(source) {
  const text = source.replace(/^\ufeff/, '');
  const sep = /^sep=(.)\r?(\n|$)/.exec(text);
  const header = text.split(/\r?\n/).find((l) => l.trim()) || '';
  const delim = sep ? sep[1] : [',', ';', '\t'].find((d) => header.includes(d)) || ',';
  const rows = [];
  let [start, line, startLine, quoted, cellStart] = [0, 1, 1, false, true];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"' && cellStart) {
      quoted = true;
      cellStart = false;
    } else if (c === '\n') {
      rows.push({ text: text.slice(start, text[i - 1] === '\r' ? i - 1 : i), line: startLine });
      [start, startLine, cellStart] = [i + 1, line, true];
    } else if (c !== '\r') cellStart = c === delim;
  }
  if (start < text.length) rows.push({ text: text.slice(start), line: startLine });
  return rows;
}

// The problems the engine gives a code (InputError's `code` and `args`), worded from the interface's
// catalogue (`listErr_<code>`); any other is said in the engine's English. Four are a profiles file's
// (the bulk page's rows read by the command line's reader); the JSON ones have their column first.
const CODED = new Set(['missing_field', 'unknown_field', 'missing_column', 'unknown_column', 'duplicate_column', 'same_column', 'bulk_export_no_verdict', 'id_empty',
  'duplicate_id', 'name_empty', 'name_too_long', 'name_no_letters', 'platform_empty', 'platform_unknown', 'handle_empty',
  'handle_too_long', 'handle_blank', 'handle_address', 'handle_taken', 'not_platform_handle', 'link_not_address', 'item_bar', 'bad_kind',
  'profile_handle_address', 'row_fields', 'line_too_long', 'line_not_utf8', 'not_utf8',
  'json_eof', 'json_expected', 'json_expected_value', 'json_trailing_comma', 'json_trailing_characters', 'json_key_not_string',
  'json_control_character', 'json_invalid_escape', 'json_invalid_number', 'json_syntax', 'json_wrong_type', 'json_invalid_value',
  'unclosed_quote', 'field_not_utf8', 'csv_control_character', 'list_not_built', 'csv_unreadable', 'csv_not_utf8', 'not_a_list', 'too_many_accounts',
  // A picture the engine could not decode (vipguard::PictureError): an avatar's, in the options page.
  'picture_empty', 'picture_unknown_format', 'picture_corrupt', 'picture_unsupported', 'picture_no_pixels',
  'picture_too_large', 'picture_memory',
  // A signed list's payload (its fields and decisions, read by the engine: worker/feed.js), and a field given twice.
  'duplicate_field', 'feed_name_length', 'feed_version_range', 'feed_date', 'feed_reviewer_empty', 'feed_match_empty', 'feed_decision',
  'feed_text_length', 'feed_decision_after_signing']);

// A picture's sides and limits: numbers written as the language writes them ("4 096" in French).
const NUMBERED = new Set(['picture_no_pixels', 'picture_too_large', 'picture_memory']);
// The decoder's English, kept only as a technical detail after the words.
const DETAILED = new Set(['picture_corrupt', 'picture_unsupported', 'list_not_built']);

// The messages whose words agree with their first value, a count: "more than 1 account".
const COUNTED = new Set(['row_fields', 'too_many_accounts']);

// serde's English for a JSON value's kind, found ("string \"Ada O\"", "integer `3`", "sequence") or
// expected ("a sequence", "struct Account", "u32"), as a catalogue word; null for a kind not listed here.
function foundKind(text, t) {
  const [, head, rest = ''] = /^(\S+)\s*(.*)$/.exec(text) || [];
  const value = rest.replace(/^point\s*/, '').replace(/^[`"]|[`"]$/g, '');
  switch (head) {
    case 'string': return t('listFound_text', value);
    case 'integer': case 'floating': return t('listFound_number', value);
    case 'boolean': return t('listFound_boolean', value);
    case 'sequence': return t('listFound_list');
    case 'map': return t('listFound_object');
    case 'null': case 'unit': return t('listFound_null');
    default: return null;
  }
}
function wantedKind(text, t) {
  if (/^struct |^a map$/.test(text)) return t('listWant_object');
  if (/^(a sequence|a tuple)/.test(text)) return t('listWant_list');
  if (/^(a string|a borrowed string)$/.test(text)) return t('listWant_text');
  if (/^a boolean$/.test(text)) return t('listWant_boolean');
  if (/^(an integer|a JSON number|[ui](8|16|32|64|128|size))$/.test(text)) return t('listWant_number');
  return null;
}

// A code's words from its values; where a value is serde's English, what it says in catalogue words.
function what(code, args, t, plural, num) {
  // A list's limit is large (1000000): written as the language writes numbers, "1 000 000" in French.
  if (code === 'too_many_accounts') return t(plural('listErr_too_many_accounts', args[0]), num(args[0], 0));
  if (COUNTED.has(code)) return t(plural(`listErr_${code}`, args[0]), ...args);
  // "pixel" agrees with how many there are, width times height: "1 × 0 pixel" in French.
  if (code === 'picture_no_pixels') return t(plural('listErr_picture_no_pixels', Number(args[0]) * Number(args[1])), ...args.map((n) => num(n, 0)));
  if (NUMBERED.has(code)) return t(`listErr_${code}`, ...args.map((n) => num(n, 0)));
  if (DETAILED.has(code)) return t(`listErr_${code}`);
  if (code === 'json_expected') {
    // serde_json's punctuation it wanted, a space apart: ", }" is "“,” or “}”".
    const marks = String(args[1] || '').split(' ');
    return t('listErr_json_expected', args[0], marks.length === 2 ? t('listErrMarks', ...marks) : t('listErrMark', marks.join(' ')));
  }
  if (code === 'json_wrong_type') {
    const found = foundKind(String(args[0] || ''), t);
    const wanted = wantedKind(String(args[1] || ''), t);
    return found && wanted ? t('listErr_json_wrong_type', found, wanted) : t('listErr_json_wrong_type_plain');
  }
  // json_syntax's second value and csv_unreadable's are serde's or the CSV reader's English: left out,
  // the line and column say where; json_invalid_value's likewise (the field says which).
  return t(`listErr_${code}`, ...args);
}

// A problem of checkWholeList in words, with `t` the catalogue's lookup (vipguardI18n.t): where it is
// (line, field, or the account), then what, in the interface's language when the engine gave a code.
// `plural` chooses a message's variant for a count (vipguardI18n.plural): "the row has 1 field"; `num`
// writes a number as the language does (vipguardI18n.num).
export function describeListError(e, t, plural = globalThis.vipguardI18n.plural, num = globalThis.vipguardI18n.num) {
  if (!e.code || !CODED.has(e.code)) return e.message;
  const args = e.args || [];
  let words = what(e.code, args, t, plural, num);
  if ((e.code === 'unknown_field' || e.code === 'unknown_column') && args[1]) words += t('listErrDidYouMean', args[1]);
  if (e.code === 'duplicate_id' && args[1]) words += t('listErrFirstOn', args[1]);
  if (DETAILED.has(e.code) && args[0]) words += t('listErrDetail', args[0]);
  if (e.account) return t('listErrAccount', e.account, e.accountId ? ` (${e.accountId})` : '', e.field || '', words);
  if (e.line != null && e.field) return t('listErrLineField', e.line, e.field, words);
  if (e.line != null) return t('listErrLine', e.line, words);
  return e.field ? t('listErrField', e.field, words) : words;
}

// The engine's refusal of the list in use (shared/private-store.js, listRefusal) in words: what the
// options page's summary and the popup's status line say instead of the list's counts.
// The first problem is worded; how many more there are is counted.
export function refusalWords(refusal, t, plural = globalThis.vipguardI18n.plural, num = globalThis.vipguardI18n.num) {
  const others = Math.max(0, Number(refusal.errorCount) - 1 || 0);
  const more = others ? t(plural('listRefusedOthers', others), num(others, 0)) : '';
  return t('listRefused', describeListError(refusal.error, t, plural, num) + more);
}
