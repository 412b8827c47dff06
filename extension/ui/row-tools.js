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

/**
 * The banner's picture of both avatars and names for a listed account, drawn by the worker. `item` as
 * vipguardReport.toTicket takes it; `from`: the page the account was seen on and its tab (the popup; a
 * sheet's row has neither), the account's avatar and the part of it that matched.
 */
export async function drawEvidenceImage(item, sha256, { url = item.url, tabId = null, avatar = null, region = null } = {}) {
  const r = item.result || {};
  const reply = await chrome.runtime.sendMessage({ type: 'evidenceImage', url, ...(tabId == null ? {} : { tabId }),
    profile: { platform: item.platform, handle: item.handle, name: item.name, avatar },
    match: r.match || null, verdict: r.verdict, score: r.score, region, ...vipguardReport.imageText(item), evidenceSha256: sha256 });
  if (!reply || reply.error) throw new Error((reply && reply.error) || t('noAnswer'));
  return reply;
}

/** Words about a drawn picture: `words`, then its SHA-256 and the worker's note (no screenshot, say). */
export const aboutImage = (words, reply) => [words, t('imageSha256', reply.sha256), reply.note].filter(Boolean).join(' ');

/**
 * Copy for ticket, as the banner does it: the ticket in `format` (with the SHA-256 of its JSON evidence)
 * and the evidence picture in one clipboard entry (report.js: text, text with the picture, the picture);
 * the text alone where the clipboard refuses the picture, and the words say so. Resolves to the words
 * saying what was copied. `from`: as drawEvidenceImage takes it.
 */
export async function copyTicket(item, format, from = {}) {
  const sha256 = await vipguardReport.sha256(JSON.stringify(vipguardReport.toJson(item), null, 2));
  const text = vipguardReport.toTicket({ ...item, sha256 }, format);
  const what = t('evidenceFor', item.handle, t(`format_${format}`));
  try {
    const { pictured, drawn, why } = await vipguardReport.copyTicketWithPicture(text, drawEvidenceImage(item, sha256, from), t('evidenceImageAlt'));
    return pictured ? aboutImage(t('ticketAndImageCopied', what), drawn) : t('ticketCopiedNoImage', what, why);
  } catch (refused) {
    return t('clipboardRefusedShort', refused.message);
  }
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
