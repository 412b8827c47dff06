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
    const lines = source.split(/\r?\n/);
    for (let i = 1; i < lines.length && errors.length < MAX_ERRORS; i++) {
      if (!lines[i].trim()) continue;
      const one = checkList(`${lines[0]}\n${lines[i]}\n`, 'csv');
      if (one.ok) continue;
      const msg = one.error.message.replace(/^protected list:\d+: /, '');
      if (said(msg)) continue;
      seen.add(msg);
      errors.push({ ...one.error, message: `row ${i + 1}: ${msg}`, line: i + 1 });
    }
  }
  return { ok: false, errors };
}

// The problems the engine gives a code (InputError's `code` and `args`), worded from the interface's
// catalogue (`listErr_<code>`); any other is said in the engine's English. The last four are a profiles
// file's (the bulk page's rows read by the command line's reader).
const CODED = new Set(['missing_field', 'unknown_field', 'missing_column', 'unknown_column', 'duplicate_column', 'id_empty',
  'duplicate_id', 'name_empty', 'name_too_long', 'name_no_letters', 'platform_empty', 'platform_unknown', 'handle_empty',
  'handle_too_long', 'handle_blank', 'handle_address', 'handle_taken', 'not_platform_handle', 'link_not_address', 'bad_kind',
  'profile_handle_address', 'row_fields', 'line_too_long', 'line_not_utf8']);

// A problem of checkWholeList in words, with `t` the catalogue's lookup (vipguardI18n.t): where it is
// (line, field, or the account), then what, in the interface's language when the engine gave a code.
// `plural` chooses a message's variant for a count (vipguardI18n.plural): "the row has 1 field".
export function describeListError(e, t, plural = globalThis.vipguardI18n.plural) {
  if (!e.code || !CODED.has(e.code)) return e.message;
  const args = e.args || [];
  let what = t(e.code === 'row_fields' ? plural('listErr_row_fields', args[0]) : `listErr_${e.code}`, ...args);
  if ((e.code === 'unknown_field' || e.code === 'unknown_column') && args[1]) what += t('listErrDidYouMean', args[1]);
  if (e.code === 'duplicate_id' && args[1]) what += t('listErrFirstOn', args[1]);
  if (e.account) return t('listErrAccount', e.account, e.accountId ? ` (${e.accountId})` : '', e.field || '', what);
  if (e.line != null && e.field) return t('listErrLineField', e.line, e.field, what);
  if (e.line != null) return t('listErrLine', e.line, what);
  return e.field ? t('listErrField', e.field, what) : what;
}
