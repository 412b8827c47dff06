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
  const errors = [whole.error];
  const seen = new Set();
  if (format === 'json') {
    let data;
    try { data = JSON.parse(source); } catch { return { ok: false, errors }; }
    const accounts = Array.isArray(data && data.accounts) ? data.accounts : [];
    for (let i = 0; i < accounts.length && errors.length < MAX_ERRORS; i++) {
      const acc = accounts[i];
      const one = checkList(JSON.stringify({ accounts: [acc] }), 'json');
      if (one.ok) continue;
      const msg = one.error.message.replace(/^protected list:\d+: /, '');
      if (seen.has(msg) || errors[0].message.includes(msg)) continue;
      seen.add(msg);
      errors.push({ message: `account ${i + 1}${acc && acc.id ? ` (${acc.id})` : ''}: ${msg.replace('accounts[0]', `accounts[${i}]`)}` });
    }
  } else {
    const lines = source.split(/\r?\n/);
    for (let i = 1; i < lines.length && errors.length < MAX_ERRORS; i++) {
      if (!lines[i].trim()) continue;
      const one = checkList(`${lines[0]}\n${lines[i]}\n`, 'csv');
      if (one.ok) continue;
      const msg = one.error.message.replace(/^protected list:\d+: /, '');
      if (seen.has(msg) || errors[0].message.includes(msg)) continue;
      seen.add(msg);
      errors.push({ message: `row ${i + 1}: ${msg}` });
    }
  }
  return { ok: false, errors };
}
