// The options page's team feed: its address and public key (or the organisation's, locked), Save (which
// asks for access to the feed's site) and Check now (the worker fetches it: worker/feed.js), and the
// feed's state: the version in use, the last success, and why the last attempt failed.
import { $ } from '../page.js';
import { read, write, onChange, FEED_CONFIG_KEY, FEED_STATE_KEY, LIST_SOURCE_KEY } from '../../shared/private-store.js';
import { managedPolicy } from '../../shared/policy.js';
import { publicKeyBytes } from '../../shared/signed-list.js';
import { renderList, enrolAgainText } from './list-editor.js';
import { describeListError } from '../../shared/list-check.js';

const { t } = vipguardI18n;

// A failure as the reviewer reads it: what went wrong (the detail names the field or address), in the
// interface's language: a detail the worker gave as `what` ({key, args}: shared/signed-list.js) or a
// list's problems as `list` (the engine's codes) is worded from the catalogue, not taken in English.
function reason(error) {
  if (!error) return '';
  if (error.what) return said(`feedError_${error.code}`, detail(error) ?? english(error)) ?? english(error);
  if (error.code === 'listErrors' && Array.isArray(error.list)) {
    return t('feedError_listErrors', error.args[0], error.list.map((e) => describeListError(e, t)).join('; '));
  }
  // The payload's problems, as the engine's reader codes them (each names its field: payload.version, …).
  if (error.code === 'payload' && Array.isArray(error.list)) return t('feedError_payload', error.list.map((e) => describeListError(e, t)).join('; '));
  return said(`feedError_${error.code}`, ...(error.args || [])) ?? english(error);
}
// The catalogue's words for `key`, or null when this version's catalogue has no such key: an error
// stored by an older version may name one since removed (feedWhat_version, feedWhat_date, …: issue 32's
// review), which t would show as the key itself.
function said(key, ...args) {
  const words = t(key, ...args.map(String));
  return words === key ? null : words;
}
const detail = (e) => said(`feedWhat_${e.what.key}`, ...(Array.isArray(e.what.args) ? e.what.args : []));
// The detail as the worker stored it, in English (shared/signed-list.js: a worded problem's only arg).
const english = (e) => String(Array.isArray(e.args) && e.args.length ? e.args[0] : e.what?.key ?? e.code);

export async function renderFeed() {
  const [policy, stored] = await Promise.all([managedPolicy(), read([FEED_CONFIG_KEY, FEED_STATE_KEY, LIST_SOURCE_KEY])]);
  const mine = stored[FEED_CONFIG_KEY] || {};
  const state = stored[FEED_STATE_KEY] || {};
  for (const [id, key, own] of [['feed-url', 'feedUrl', mine.url], ['feed-key', 'feedPublicKey', mine.publicKey]]) {
    const locked = !!policy[key];
    $(id).value = locked ? policy[key] : own || '';
    $(id).disabled = locked;
    $(`${id}-locked`).hidden = !locked;
  }
  $('feed-save').disabled = !!(policy.feedUrl && policy.feedPublicKey);
  const url = policy.feedUrl || mine.url;
  $('feed-check').disabled = !url;
  drawState(state, url, stored[LIST_SOURCE_KEY]);
}

// The ids of the accounts a hand edit touched, the first ten named.
const SHOWN_IDS = 10;
const idList = (ids) => ids.slice(0, SHOWN_IDS).join(', ') + (ids.length > SHOWN_IDS ? ', …' : '');

function drawState(state, url, source) {
  const lines = [];
  // The feed's list edited by hand since (list-model.js feedEdit): which version, which accounts, and that
  // the next version replaces the edits.
  const edited = source && source.kind === 'edit' && source.fromFeed;
  // A list put in place after the feed's (an imported file, the demo list, or edits of those), or an older
  // feed version brought back by Undo: verdicts use that list, not the feed's version, until the feed's
  // next version replaces it (worker/feed.js).
  const replaced = state.version && source && !edited && (source.kind !== 'feed' || source.version !== state.version);
  if (!url) lines.push(t('feedOff'));
  else if (edited) lines.push(t('feedEditedByHand', edited.name, String(edited.version), String(source.edited.length), idList(source.edited)));
  else if (replaced) lines.push(t('feedReplaced', state.name, String(state.version), vipguardReport.listLine(source)));
  else if (state.version) lines.push(t('feedVersion', state.name, String(state.version), Number(state.accounts || 0).toLocaleString(vipguardI18n.lang()), vipguardI18n.when(state.date)));
  else lines.push(t('feedNoneYet'));
  if (url && state.lastSuccess) lines.push(t('feedLastSuccess', vipguardI18n.when(state.lastSuccess)));
  if (url && state.version && state.toEnrolAgain) lines.push(enrolAgainText(state.toEnrolAgain));
  // Fetched whole each time: the server gave nothing to ask with, or CORS refused asking (worker/feed.js).
  if (url && state.version && (state.conditionalRefused || (!state.etag && !state.lastModified))) lines.push(t('feedNotConditional'));
  $('feed-status').textContent = lines.join(' ');
  $('feed-error').textContent = url && state.outcome === 'failed' && state.error
    ? t('feedFailed', vipguardI18n.when(state.lastAttempt), reason(state.error), state.version ? t('feedKept') : '') : '';
  // Which attempt the panel now shows (tests wait for it rather than for time to pass).
  $('feed-status').dataset.attempt = state.lastAttempt || '';
}

async function check() {
  $('feed-status').textContent = t('feedChecking');
  $('feed-error').textContent = '';
  const reply = await chrome.runtime.sendMessage({ type: 'feedRefresh' }).catch((e) => ({ error: e.message }));
  if (!reply || reply.error) {
    $('feed-error').textContent = t('failed', (reply && reply.error) || t('noAnswer'));
    return;
  }
  await renderFeed();
}

export function setupFeed() {
  $('feed-save').addEventListener('click', async () => {
    const policy = await managedPolicy();
    const url = policy.feedUrl || $('feed-url').value.trim();
    const key = policy.feedPublicKey || $('feed-key').value.trim();
    $('feed-error').textContent = '';
    let u;
    try {
      u = new URL(url);
    } catch {
      $('feed-error').textContent = t('feedError_badUrl', url);
      return;
    }
    if (u.protocol !== 'https:') {
      $('feed-error').textContent = t('feedError_notHttps', url);
      return;
    }
    if (u.username || u.password) {
      $('feed-error').textContent = t('feedError_credentials', url);
      return;
    }
    try {
      publicKeyBytes(key);
    } catch (e) {
      $('feed-error').textContent = e.what ? t('feedError_badKey', detail(e) ?? e.message) : t('feedError_badKey', e.message);
      return;
    }
    // The worker reaches the feed's site only with the reviewer's leave (asked once, on this click).
    const granted = await chrome.permissions.request({ origins: [`${u.origin}/*`] }).catch(() => false);
    if (!granted) {
      $('feed-error').textContent = t('feedError_noAccess', u.origin);
      return;
    }
    await write({ [FEED_CONFIG_KEY]: { ...(policy.feedUrl ? {} : { url: u.href }), ...(policy.feedPublicKey ? {} : { publicKey: key }) } });
    await check();
  });
  $('feed-check').addEventListener('click', check);
  // The worker applied a new version, or recorded an attempt: drawn again (the list's table too).
  onChange((keys) => {
    if (keys.includes(FEED_STATE_KEY) || keys.includes(LIST_SOURCE_KEY)) renderFeed();
    if (keys.includes(LIST_SOURCE_KEY)) renderList();
  });
}
