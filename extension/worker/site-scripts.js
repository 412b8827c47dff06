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
  // One after the other: two overlapping runs would each read what is registered, then register the same
  // ids twice.
  loading = loading.catch(() => {}).then(readAndRegister);
  return loading;
}
let loading = Promise.resolve();

// Settles when the last run asked for is over: a message is validated against the sites in effect.
export const sitesLoaded = () => loading.catch(() => {});

async function readAndRegister() {
  const [s, policy] = await Promise.all([readSettings(read), managedPolicy()]);
  const on = extraSitesOn(s, policy);
  // (A site with an adapter of its own is never a generic one, even if an older options page added it.)
  genericHosts = on.generic.filter((h) => !PAGE_HOSTS.includes(h));
  mastodonOn = on.mastodon && await chrome.permissions.contains({ origins: ['https://*/*'] });
  await registerScripts(genericHosts);
}

// Content scripts for enabled generic sites (the reviewer granted the host permission in the options) and
// Mastodon. Compared with what is registered, so that only what must go is unregistered, only what is new
// registered and only what changed updated: a script unregistered and registered again would miss a page
// that starts loading in between (registrations persist across the worker's restarts, so most runs change
// nothing at all).
async function registerScripts(hosts) {
  const wanted = [];
  for (const host of hosts) {
    if (await chrome.permissions.contains({ origins: [`https://${host}/*`] })) {
      wanted.push({ id: `generic:${host}`, matches: [`https://${host}/*`], js: contentScripts('generic'), runAt: 'document_end' });
    }
  }
  // Mastodon: every https page, minus the sites with their own adapter; the adapter checks the markup
  // and does nothing on pages that are not Mastodon's.
  if (mastodonOn) {
    wanted.push({ id: 'mastodon', matches: ['https://*/*'], excludeMatches: [...new Set([...PAGE_HOSTS, ...hosts].map((h) => `https://${h}/*`))],
      js: contentScripts('mastodon'), runAt: 'document_end' });
  }
  const { gone, added, changed } = scriptChanges(await chrome.scripting.getRegisteredContentScripts(), wanted);
  if (gone.length) await chrome.scripting.unregisterContentScripts({ ids: gone });
  if (changed.length) await chrome.scripting.updateContentScripts(changed);
  if (added.length) await chrome.scripting.registerContentScripts(added);
}

// What to do to go from the registered scripts to the wanted ones (only ours: Mastodon's and the generic
// sites'): the ids to unregister, the scripts to register, and those to update (the same id, another
// address, file or time; Mastodon's exclusions change with the generic sites).
function scriptChanges(registered, wanted) {
  const ours = registered.filter((c) => c.id === 'mastodon' || c.id.startsWith('generic:'));
  const now = new Map(ours.map((c) => [c.id, c]));
  const ids = new Set(wanted.map((c) => c.id));
  return {
    gone: ours.filter((c) => !ids.has(c.id)).map((c) => c.id),
    added: wanted.filter((c) => !now.has(c.id)),
    changed: wanted.filter((c) => now.has(c.id) && !sameScript(now.get(c.id), c)),
  };
}

// The fields this file sets: the addresses compared as sets (a browser may give them back in another
// order, and Chromium drops repeats), the files in their order (they run in it); a field left out is the
// browser's default.
function sameScript(a, b) {
  const set = (c, k) => JSON.stringify([...new Set(c[k] || [])].sort());
  const list = (c, k) => JSON.stringify(c[k] || []);
  return set(a, 'matches') === set(b, 'matches') && set(a, 'excludeMatches') === set(b, 'excludeMatches')
    && list(a, 'js') === list(b, 'js') && list(a, 'css') === list(b, 'css')
    && (a.runAt || 'document_idle') === (b.runAt || 'document_idle') && !!a.allFrames === !!b.allFrames;
}
