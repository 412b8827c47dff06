// Who switched a page's site off, as the popup says it (extension/shared/policy.js siteSwitch), and
// whether the reviewer's Pause applies there (pausedAt): the organisation's policy wins over the
// reviewer's switches; a site with an adapter of its own, a site enabled for the generic adapter, and any
// other host (only Mastodon could read it). Node only: the functions read no browser API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteSwitch, pausedAt } from '../../extension/shared/policy.js';

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

// Whether the popup says "Checks are paused." on a page (pausedAt): the reviewer's Pause stops every site
// but those the organisation's policy switched on, judged as the worker's check.js judges them (its
// platform; Mastodon's switch on a host with no adapter, a generic site switched off included where
// Mastodon is on; never a generic site). The merge of fix26 (pausedOn) and polish26 (siteSwitch): the
// popup said "paused" on a Mastodon server the policy switched on, which the worker still checks.
const paused = { ...reviewer, paused: true };
const pauseCases = [
  // [what, host, platform, settings, policy, expected]
  ['not paused', 'x.com', 'x', reviewer, {}, false],
  ['paused, no policy', 'x.com', 'x', paused, {}, true],
  ['paused, X on by the policy', 'x.com', 'x', paused, { sites: { x: true } }, false],
  ['paused, X on by the policy, on GitHub', 'github.com', 'github', paused, { sites: { x: true } }, true],
  ['paused, X off by the policy', 'x.com', 'x', paused, { sites: { x: false } }, true],
  ['paused, another host, Mastodon on by the policy', 'social.example.net', null, { paused: true }, { sites: { mastodon: true } }, false],
  ['paused, another host, Mastodon on by the reviewer only', 'social.example.net', null, paused, {}, true],
  ['paused, a generic site on, Mastodon on by the policy', 'people.example.org', null, paused, { sites: { mastodon: true } }, true],
  ['paused, a generic site off, Mastodon on by the policy (Mastodon reads it)', 'old.example.org', null, paused, { sites: { mastodon: true } }, false],
  ['paused, no address, no settings but pause', '', null, { paused: true }, {}, true],
];
for (const [what, host, platform, settings, policy, expected] of pauseCases) {
  test(`pausedAt: ${what}`, () => assert.equal(pausedAt(host, platform, settings, policy), expected));
}
