// Settings an organisation sets by policy (chrome.storage.managed, from the manifest's
// `storage.managed_schema`, managed-schema.json): Chrome's `3rdparty.extensions.<id>` policy, Firefox's
// policies.json `3rdparty.Extensions.<id>` (docs/feed.md). A value set there wins over the reviewer's
// and the options page shows it locked.

export const SITES = ['x', 'bluesky', 'github', 'instagram', 'youtube', 'tiktok'];
const SENSITIVITIES = ['suspicious', 'impersonation'];

// The policy's values that are well formed ({} without a policy, or where the browser has no managed
// storage): {feedUrl, feedPublicKey, sites: {x: bool, …}, sensitivity, reviewerId}.
export async function managedPolicy() {
  let raw = {};
  try {
    raw = (await chrome.storage.managed.get(null)) || {};
  } catch {
    return {};
  }
  const out = {};
  for (const k of ['feedUrl', 'feedPublicKey', 'reviewerId']) if (typeof raw[k] === 'string' && raw[k].trim()) out[k] = raw[k].trim().slice(0, 4096);
  if (SENSITIVITIES.includes(raw.sensitivity)) out.sensitivity = raw.sensitivity;
  if (raw.sites && typeof raw.sites === 'object') {
    const sites = Object.fromEntries(SITES.filter((s) => typeof raw.sites[s] === 'boolean').map((s) => [s, raw.sites[s]]));
    if (Object.keys(sites).length) out.sites = sites;
  }
  return out;
}

// The settings in effect: the reviewer's, with the policy's on top.
export function withPolicy(settings, policy) {
  return {
    ...settings,
    ...(policy.sensitivity ? { sensitivity: policy.sensitivity } : {}),
    ...(policy.sites ? { sites: { ...(settings.sites || {}), ...policy.sites } } : {}),
  };
}
