// Who switched a page's site off, as the popup says it (extension/shared/policy.js siteSwitch): the
// organisation's policy wins over the reviewer's switches; a site with an adapter of its own, a site
// enabled for the generic adapter, and any other host (only Mastodon could read it). Node only: the
// function reads no browser API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteSwitch } from '../../extension/shared/policy.js';

const reviewer = { sites: { x: true, bluesky: false, mastodon: true, generic: { 'people.example.org': true, 'old.example.org': false } } };
// The same, Mastodon left off: a generic site switched off is then not checked at all.
const noMastodon = { sites: { ...reviewer.sites, mastodon: false } };
const cases = [
  // [what, host, platform, settings, policy, expected]
  ['X, on by default', 'x.com', 'x', {}, {}, { site: 'x', generic: false, off: null }],
  ['X switched off by the reviewer', 'x.com', 'x', { sites: { x: false } }, {}, { site: 'x', generic: false, off: 'reviewer' }],
  ['Bluesky off by the reviewer', 'bsky.app', 'bluesky', reviewer, {}, { site: 'bluesky', generic: false, off: 'reviewer' }],
  ['Bluesky off by the reviewer, on by the policy', 'bsky.app', 'bluesky', reviewer, { sites: { bluesky: true } }, { site: 'bluesky', generic: false, off: null }],
  ['X on by the reviewer, off by the policy', 'x.com', 'x', reviewer, { sites: { x: false } }, { site: 'x', generic: false, off: 'policy' }],
  ['a generic site on', 'people.example.org', null, reviewer, {}, { site: 'people.example.org', generic: true, off: null }],
  ['a generic site off by the reviewer', 'old.example.org', null, noMastodon, {}, { site: 'old.example.org', generic: true, off: 'reviewer' }],
  ['a generic site on, the other sites off by the policy', 'people.example.org', null, noMastodon, { sites: { otherSites: false } },
    { site: 'people.example.org', generic: true, off: 'policy' }],
  ['a generic site off, otherSites true leaves it to the reviewer', 'old.example.org', null, noMastodon, { sites: { otherSites: true } },
    { site: 'old.example.org', generic: true, off: 'reviewer' }],
  // A generic site switched off leaves Mastodon's exclusions: Mastodon's script reads it where Mastodon is on.
  ['a generic site off by the reviewer, Mastodon on', 'old.example.org', null, reviewer, {}, { site: 'mastodon', generic: false, off: null }],
  ['the other sites off by the policy, Mastodon on', 'people.example.org', null, reviewer, { sites: { otherSites: false } },
    { site: 'mastodon', generic: false, off: null }],
  ['the other sites and Mastodon off by the policy', 'people.example.org', null, reviewer, { sites: { otherSites: false, mastodon: false } },
    { site: 'people.example.org', generic: true, off: 'policy' }],
  ['another host, Mastodon off by default', 'social.example.net', null, {}, {}, { site: 'mastodon', generic: false, off: 'reviewer' }],
  ['another host, Mastodon on by the reviewer', 'social.example.net', null, reviewer, {}, { site: 'mastodon', generic: false, off: null }],
  ['another host, Mastodon off by the policy', 'social.example.net', null, reviewer, { sites: { mastodon: false } }, { site: 'mastodon', generic: false, off: 'policy' }],
  ['another host, Mastodon on by the policy', 'social.example.net', null, {}, { sites: { mastodon: true } }, { site: 'mastodon', generic: false, off: null }],
  ['no address (a new tab), no settings at all', '', null, undefined, {}, { site: 'mastodon', generic: false, off: 'reviewer' }],
];
for (const [what, host, platform, settings, policy, expected] of cases) {
  test(`siteSwitch: ${what}`, () => assert.deepEqual(siteSwitch(host, platform, settings, policy), expected));
}
