// Sites the reviewer switches on in the options: generic sites one by one (with the host permission the
// reviewer granted) and Mastodon on any server (with access to all sites). Their content scripts are
// registered here; the sites with an adapter of their own are in the manifest. The organisation's policy
// (shared/policy.js: `sites.mastodon`, `sites.otherSites`) wins over the reviewer's switches.
import '../shared/site-catalog.js';
import { read } from './private-data.js';
import { readSettings } from '../shared/settings.js';
import { managedPolicy, extraSitesOn } from '../shared/policy.js';

const { PAGE_HOSTS, contentScripts } = globalThis.vipguardSiteCatalog;

// Kept in memory so validation stays synchronous.
export let genericHosts = [];
export let mastodonOn = false;

// Reads the enabled sites from the settings and the policy, and registers their scripts: called at start,
// and when either changes (background.js), so a site the policy switches off loses its script at once.
export function loadEnabledSites() {
  // One after the other: two overlapping runs would each unregister, then register the same ids twice.
  loading = loading.catch(() => {}).then(readAndRegister);
  return loading;
}
let loading = Promise.resolve();

// Settles when the last run asked for is over: a message is validated against the sites in effect.
export const sitesLoaded = () => loading.catch(() => {});

async function readAndRegister() {
  const [s, policy] = await Promise.all([readSettings(read), managedPolicy()]);
  const on = extraSitesOn(s, policy);
  genericHosts = on.generic;
  mastodonOn = on.mastodon && await chrome.permissions.contains({ origins: ['https://*/*'] });
  await registerScripts(genericHosts);
}

// Content scripts for enabled generic sites (the reviewer granted the host permission in the options).
async function registerScripts(hosts) {
  const existing = (await chrome.scripting.getRegisteredContentScripts()).map((c) => c.id);
  const ids = existing.filter((id) => id.startsWith('generic:') || id === 'mastodon');
  if (ids.length) await chrome.scripting.unregisterContentScripts({ ids });
  const scripts = [];
  for (const host of hosts) {
    if (await chrome.permissions.contains({ origins: [`https://${host}/*`] })) {
      scripts.push({ id: `generic:${host}`, matches: [`https://${host}/*`], js: contentScripts('generic'), runAt: 'document_end' });
    }
  }
  // Mastodon: every https page, minus the sites with their own adapter; the adapter checks the markup
  // and does nothing on pages that are not Mastodon's.
  if (mastodonOn) {
    scripts.push({ id: 'mastodon', matches: ['https://*/*'], excludeMatches: [...PAGE_HOSTS.map((h) => `https://${h}/*`), ...hosts.map((h) => `https://${h}/*`)],
      js: contentScripts('mastodon'), runAt: 'document_end' });
  }
  if (scripts.length) await chrome.scripting.registerContentScripts(scripts);
}
