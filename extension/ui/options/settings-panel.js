// The options page's settings: sensitivity, which sites are checked (Mastodon on any server asks for access
// to all sites), pause, the interface's language, the ticket format and the reviewer's id, and the sites enabled for the generic adapter (each asks for its host permission).
import { $ } from '../page.js';
import { read, write, REVIEWER_KEY } from '../../shared/private-store.js';
import { managedPolicy, policyReadAtStartOnly, policyReadSince } from '../../shared/policy.js';
import { readSettings, saveSettings } from '../../shared/settings.js';

const { t } = vipguardI18n;

export const saveSetting = saveSettings;

export async function renderSettings() {
  const settings = await readSettings();
  $('sensitivity').value = settings.sensitivity || 'suspicious';
  $('site-x').checked = !(settings.sites && settings.sites.x === false);
  for (const box of document.querySelectorAll('input[data-site]')) box.checked = !(settings.sites && settings.sites[box.dataset.site] === false);
  $('site-mastodon').checked = !!(settings.sites && settings.sites.mastodon) && await chrome.permissions.contains({ origins: ['https://*/*'] });
  $('paused').checked = !!settings.paused;
  $('language').value = settings.language || '';
  $('ticket-format').value = settings.ticketFormat || 'text';
  // The reviewer id is in the private store: it names the reviewer, which a page must not learn.
  $('reviewer-id').value = (await read([REVIEWER_KEY]))[REVIEWER_KEY] || '';
  renderGenericSites(settings);
  await showChatPhotosAccess();
  await showPolicy();
}

// YouTube's live chat photos are on a host of their own (yt4.ggpht.com), an optional host permission
// (site-catalog.js askedHosts): offered here until granted; without it the chat's authors are checked by
// handle alone. Drawn again when access is granted or taken back (accessChanged).
const CHAT_PHOTOS = vipguardSiteCatalog.ASKED_HOSTS.map((h) => `https://${h}/*`);
async function showChatPhotosAccess() {
  // A browser that cannot answer counts as "no access": the button stays, the rest of the page is drawn.
  const access = await chrome.permissions.contains({ origins: CHAT_PHOTOS }).catch(() => false);
  $('youtube-photos-allow').hidden = access;
  if (access) $('youtube-photos-status').textContent = t('youtubePhotosOn');
  else if ($('youtube-photos-status').textContent === t('youtubePhotosOn')) $('youtube-photos-status').textContent = '';
}

// The sites enabled for the generic adapter, each with its switch.
function renderGenericSites(settings) {
  const sites = $('generic-sites');
  sites.replaceChildren();
  for (const [host, on] of Object.entries((settings.sites && settings.sites.generic) || {})) {
    const li = document.createElement('li');
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = !!on;
    box.addEventListener('change', () => saveSetting({ sites: { generic: { ...settings.sites.generic, [host]: box.checked } } }));
    label.append(box, document.createTextNode(` ${host}`));
    li.append(label);
    sites.append(li);
  }
}

// What the organisation set by policy (shared/policy.js): shown with its value, disabled, and marked.
// `note: false` for a control whose group carries the one note (the other sites' switches).
function lock(el, value, { note = true } = {}) {
  if (typeof value === 'boolean') el.checked = value;
  else el.value = value;
  el.disabled = true;
  el.dataset.locked = 'true';
  const label = el.closest('label') || el;
  if (note && !label.querySelector('.locked') && !(label.nextElementSibling && label.nextElementSibling.classList.contains('locked'))) {
    const mark = document.createElement('span');
    mark.className = 'locked';
    mark.dataset.policyMark = 'true';
    mark.textContent = ` ${t('setByOrganisation')}`;
    label.after(mark);
  }
}

// The page drawn again after the policy changed: what it no longer sets is the reviewer's again.
function unlockAll() {
  for (const el of document.querySelectorAll('[data-locked]')) {
    el.disabled = false;
    delete el.dataset.locked;
  }
  for (const mark of document.querySelectorAll('[data-policy-mark]')) mark.remove();
}

const siteBox = (site) => ({ x: $('site-x'), mastodon: $('site-mastodon') })[site] || document.querySelector(`input[data-site="${site}"]`);

async function showPolicy() {
  unlockAll();
  const policy = await managedPolicy();
  if (policy.sensitivity) lock($('sensitivity'), policy.sensitivity);
  const { otherSites, ...sites } = policy.sites || {};
  for (const [site, on] of Object.entries(sites)) {
    const box = siteBox(site);
    if (box) lock(box, on);
  }
  if (otherSites === false) lockOtherSites();
  const own = await readSettings();
  await showMastodonAccess(sites.mastodon === true, sites.mastodon === undefined && !!(own.sites && own.sites.mastodon));
  // Pause does not stop the sites the organisation switched on (shared/policy.js, pausedOn): said beside it.
  const lockedOn = Object.keys(sites).filter((site) => sites[site] === true && siteBox(site));
  $('paused-policy').hidden = !lockedOn.length;
  $('paused-policy').textContent = lockedOn.length ? ` ${t('pausedPolicySites', lockedOn.map((site) => vipguardSiteCatalog.siteName(site)).join(', '))}` : '';
  if (policy.reviewerId) lock($('reviewer-id'), policy.reviewerId);
  $('policy-note').hidden = !Object.keys(policy).length;
  // Firefox: a policy changed since its start is not applied until it starts again (shared/policy.js).
  const atStartOnly = !!Object.keys(policy).length && policyReadAtStartOnly();
  $('policy-read').hidden = !atStartOnly;
  // Since when, at least: the worker's record (never written here); none recorded, no time said.
  const since = atStartOnly ? await policyReadSince().catch(() => undefined) : undefined;
  $('policy-read').textContent = !atStartOnly ? '' : since === undefined ? t('policyReadAtStartNoTime') : t('policyReadAtStart', vipguardI18n.when(since));
}

// `otherSites: false`: every generic site off and none added (the note beside the site field).
function lockOtherSites() {
  for (const box of $('generic-sites').querySelectorAll('input[type="checkbox"]')) lock(box, false, { note: false });
  lock($('generic-add'), $('generic-add').value, { note: false });
  lock($('generic-host'), '');
}

// Mastodon switched on (by the organisation, `forcedOn`, or by the reviewer, `ownOn`) needs access to all
// sites, which no policy grants and which can be taken back on the browser's extensions page: without it
// the page says so, and offers the browser's request. Drawn again when the access is granted or taken back
// (accessChanged): a line that is no longer true goes.
async function showMastodonAccess(forcedOn, ownOn = false) {
  const access = await chrome.permissions.contains({ origins: ['https://*/*'] });
  const missing = (forcedOn || ownOn) && !access;
  const lines = [t('mastodonPolicyNoAccess'), t('mastodonOwnNoAccess')];
  $('mastodon-allow').hidden = !missing;
  if (missing) $('mastodon-status').textContent = forcedOn ? lines[0] : lines[1];
  else if ([...lines, ...(access ? [] : [t('mastodonOn')])].includes($('mastodon-status').textContent)) $('mastodon-status').textContent = '';
}

export function setupSettings() {
  $('sensitivity').addEventListener('change', (e) => saveSetting({ sensitivity: e.target.value }));
  $('site-x').addEventListener('change', (e) => saveSetting({ sites: { x: e.target.checked } }));
  for (const box of document.querySelectorAll('input[data-site]')) {
    box.addEventListener('change', (e) => saveSetting({ sites: { [box.dataset.site]: e.target.checked } }));
  }
  $('site-mastodon').addEventListener('change', asking(async (e) => {
    const on = e.target.checked;
    if (on && !(await chrome.permissions.request({ origins: ['https://*/*'] }))) {
      e.target.checked = false;
      $('mastodon-status').textContent = t('mastodonRefused');
      return;
    }
    await saveSetting({ sites: { mastodon: on } });
    $('mastodon-status').textContent = on ? t('mastodonOn') : t('mastodonOff');
  }));
  $('mastodon-allow').addEventListener('click', asking(async () => {
    const granted = await chrome.permissions.request({ origins: ['https://*/*'] });
    // Drawn from the policy and the settings again: the button serves the policy's Mastodon and the
    // reviewer's own, whose lines differ.
    await showPolicy();
    if (granted) $('mastodon-status').textContent = t('mastodonOn');
  }));
  $('youtube-photos-allow').addEventListener('click', asking(async () => {
    const granted = await chrome.permissions.request({ origins: CHAT_PHOTOS }).catch(() => false);
    await showChatPhotosAccess();
    if (!granted) $('youtube-photos-status').textContent = t('youtubePhotosRefused');
  }));
  $('paused').addEventListener('change', (e) => saveSetting({ paused: e.target.checked }));
  $('ticket-format').addEventListener('change', (e) => saveSetting({ ticketFormat: e.target.value }));
  // The whole page in the new language: drawn again from the start.
  $('language').addEventListener('change', async (e) => {
    await saveSetting({ language: e.target.value });
    location.reload();
  });
  $('reviewer-id').addEventListener('change', (e) => write({ [REVIEWER_KEY]: e.target.value.trim().slice(0, 100) || undefined }));
  $('generic-add').addEventListener('click', asking(async () => {
    const host = $('generic-host').value.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(host)) {
      $('generic-status').textContent = t('genericBadHost', host);
      return;
    }
    // Its own adapter already reads it: the generic one beside it would read the page twice.
    const own = vipguardSiteCatalog.pageSite(host);
    if (own) {
      $('generic-status').textContent = t('genericOwnAdapter', host, vipguardSiteCatalog.siteName(own.platform));
      return;
    }
    const granted = await chrome.permissions.request({ origins: [`https://${host}/*`] });
    if (!granted) {
      $('generic-status').textContent = t('genericRefused', host);
      return;
    }
    const s = await readSettings();
    await saveSetting({ sites: { generic: { ...((s.sites && s.sites.generic) || {}), [host]: true } } });
    await renderSettings();
    $('generic-status').textContent = t('genericEnabled', host);
  }));
}

// A request for access this page made (Mastodon's switch, its Allow button, YouTube's chat photos, Add for a
// generic site), until it is answered and what it switched on is saved and drawn. The access it gets is heard as
// `permissions.onAdded` too (accessChanged), whose drawing must come after: drawn from the settings before
// the switch was saved, Mastodon's switch would be unticked, then saved off.
let requests = Promise.resolve();
const asking = (handler) => (e) => {
  const done = handler(e);
  requests = Promise.all([requests, done]).catch(() => {});
  return done;
};

// Access granted or taken back, elsewhere (the browser's extensions page) or by this page's own request
// (options.js listens to both events): the settings drawn again, Mastodon's switch, its access line and its
// button with them, once this page's request is done.
export async function accessChanged() {
  await requests;
  await renderSettings();
}
