// What the popup and the bulk page offer on each account they list: the ticket in the format the reviewer
// chose (the banner's, from shared/report.js) and the decision form, which asks once more before "Not an
// impersonator" (it clears the account everywhere). Extension pages only: they load shared/i18n.js and
// shared/report.js first.
const { t } = globalThis.vipguardI18n;

/** The ticket format chosen in the options (plain text unless set). */
export async function ticketFormat() {
  const { settings = {} } = await chrome.storage.local.get('settings');
  return vipguardReport.FORMAT_NAMES.includes(settings.ticketFormat) ? settings.ticketFormat : 'text';
}

/** The ticket for `item` (as vipguardReport.toTicket takes it) in `format`, with the SHA-256 of its JSON evidence. */
export async function ticketText(item, format) {
  const sha256 = await vipguardReport.sha256(JSON.stringify(vipguardReport.toJson(item), null, 2));
  return vipguardReport.toTicket({ ...item, sha256 }, format);
}

/**
 * A decision form for `handle`: a choice, an optional note (a ticket id), then Record, and Undo for the
 * decision just recorded (as the banner offers). `record(decision, note, undoes)` sends it and resolves to
 * the worker's answer (`undoes`: the time of the decision an undo withdraws); `say(words)` shows what happened.
 */
export function decideForm(handle, record, say) {
  const decide = document.createElement('select');
  decide.setAttribute('aria-label', t('decisionFor', handle));
  for (const [value, key] of [['', 'decide'], ...vipguardI18n.DECISIONS]) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = t(key);
    decide.append(o);
  }
  const note = document.createElement('input');
  note.type = 'text';
  note.maxLength = 1000;
  note.placeholder = t('notePlaceholder');
  note.setAttribute('aria-label', t('noteFor', handle));
  const button = document.createElement('button');
  button.type = 'button';
  button.disabled = true;
  let confirming = false;
  const reset = () => {
    confirming = false;
    button.textContent = t('record');
    button.setAttribute('aria-label', t('recordFor', handle));
  };
  reset();
  decide.addEventListener('change', () => {
    button.disabled = !decide.value;
    reset();
  });
  // One request at a time (a double click must not record or undo twice); a refused message is said.
  let busy = false;
  const send = async (decision, noteText, undoes) => {
    busy = true;
    button.disabled = true;
    undo.disabled = true;
    try {
      return await record(decision, noteText, undoes);
    } catch (e) {
      return { error: (e && e.message) || String(e) };
    } finally {
      busy = false;
      button.disabled = !decide.value;
      undo.disabled = false;
    }
  };
  button.addEventListener('click', async () => {
    if (busy) return;
    if (decide.value === 'not_impersonator' && !confirming) {
      confirming = true;
      button.textContent = t('confirmClear');
      button.setAttribute('aria-label', t('confirmClear'));
      say(t('confirmClearQuestion'));
      return;
    }
    const decision = decide.value;
    const reply = await send(decision, note.value.trim());
    say(reply && !reply.error ? vipguardI18n.recorded(decision) : t('failed', (reply && reply.error) || t('noAnswer')));
    if (reply && !reply.error) {
      note.value = '';
      reset();
      offerUndo(decision, reply.standing ? reply.standing.at : null);
    }
  });
  const undo = document.createElement('button');
  undo.type = 'button';
  undo.hidden = true;
  undo.textContent = t('undo');
  let undoes = null;
  function offerUndo(decision, at) {
    undoes = at || null;
    undo.hidden = !undoes;
    if (undoes) undo.setAttribute('aria-label', t('undoDecisionFor', vipguardI18n.decisionWord(decision), handle));
  }
  undo.addEventListener('click', async () => {
    if (!undoes || busy) return;
    const reply = await send('undo', '', undoes);
    say(reply && !reply.error ? vipguardI18n.recorded('undo') : t('failed', (reply && reply.error) || t('noAnswer')));
    if (reply && !reply.error) offerUndo(null, null);
  });
  const form = document.createElement('div');
  form.className = 'decide';
  form.append(decide, note, button, undo);
  return form;
}
