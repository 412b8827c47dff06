// The worker's message validation, as a unit: every way a content script (or a page that got hold of
// one) could send something it should not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateMessage, senderPlatform } from '../../extension/worker/validate.js';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const tab = { id: 3, url: 'https://x.com/home' };
const fromTab = { id: ID, tab, url: 'https://x.com/home' };
// A banner's or a card's frame: an extension page inside the tab.
const fromFrame = { id: ID, tab, url: `chrome-extension://${ID}/ui/frame/frame.html` };
const profile = { id: '1', platform: 'x', handle: 'a', name: 'b' };
const check = (over = {}) => ({ type: 'check', url: 'https://x.com/home', profiles: [profile], ...over });
const decide = (over = {}) => ({ type: 'decide', url: 'https://x.com/home', profile, decision: 'escalate', note: 'n', result: { verdict: 'impersonation', match: 'vip-1', score: 0.9 }, ...over });

test('a well-formed check from an X tab passes', () => {
  assert.equal(validateMessage(check(), fromTab, ID), null);
  assert.equal(validateMessage(check({ wantMessages: true }), fromTab, ID), null);
  // The wake-up a page sends at document_start.
  assert.equal(validateMessage({ type: 'wake', url: 'https://x.com/home' }, fromTab, ID), null);
});

const BAD = [
  ['another extension', check(), { ...fromTab, id: 'other' }],
  ['no tab', check(), { id: ID, url: 'https://x.com/home' }],
  ['a site no adapter serves', check({ url: 'https://evil.example/' }), { ...fromTab, url: 'https://evil.example/' }],
  ['plain http', check({ url: 'http://x.com/home' }), { ...fromTab, url: 'http://x.com/home' }],
  ['a url other than the sender', check({ url: 'https://twitter.com/home' }), fromTab],
  ['no profiles', check({ profiles: [] }), fromTab],
  ['too many profiles', check({ profiles: Array(201).fill(profile) }), fromTab],
  ['a profile that is not an object', check({ profiles: ['x'] }), fromTab],
  ['a name that is not a string', check({ profiles: [{ ...profile, name: 5 }] }), fromTab],
  ['a huge name', check({ profiles: [{ ...profile, name: 'x'.repeat(5000) }] }), fromTab],
  ['wantMessages that is not a boolean', check({ wantMessages: 'yes' }), fromTab],
  ['an unknown type', { type: 'dumpList' }, fromTab],
  ['a wake-up from a site no adapter serves', { type: 'wake', url: 'https://evil.example/' }, { ...fromTab, url: 'https://evil.example/' }],
  ['a wake-up without a tab', { type: 'wake', url: 'https://x.com/home' }, { id: ID, url: 'https://x.com/home' }],
  ['a list request from a tab', { type: 'checkList', text: '{}' }, fromTab],
  ['not an object', null, fromTab],
  ['a decision that does not exist', decide({ decision: 'ban' }), fromFrame],
  ['a decision note over 1000 characters', decide({ note: 'x'.repeat(1001) }), fromFrame],
  ['a decision from a content script (a compromised page process could send it)', decide(), fromTab],
  ['an evidence image from a content script', { type: 'evidenceImage', url: 'https://x.com/home', profile, match: 'vip-1' }, fromTab],
  ['a frame\'s content asked for by a content script', { type: 'frameContent', token: 'abc' }, fromTab],
  ['a frame\'s content for a token the worker never issues (not a UUID)', { type: 'frameContent', token: '../tab:3' }, fromFrame],
  ['a frame\'s content with fresh that is not a boolean', { type: 'frameContent', token: crypto.randomUUID(), fresh: 'yes' }, fromFrame],
  ['a check whose banner flag is not a boolean', check({ banner: 'yes' }), fromTab],
  ['a frame\'s content asked for by a page outside any tab', { type: 'frameContent', token: 'abc' }, { id: ID, url: `chrome-extension://${ID}/ui/popup/popup.html` }],
  ['a decision without a profile', decide({ profile: null }), fromFrame],
  ['a decision with a score that is not a number', decide({ result: { score: 'high' } }), fromFrame],
  ['an audit export from a tab', { type: 'auditExport' }, fromTab],
  ['a Mastodon check from any site while Mastodon is off', check({ url: 'https://social.example/@a', profiles: [{ ...profile, platform: 'mastodon' }] }), { ...fromTab, url: 'https://social.example/@a' }],
  ['clearing the audit log from a tab', { type: 'auditClear' }, fromTab],
  ['a queue step of more than one', { type: 'queueStep', url: 'https://x.com/home', direction: 5 }, fromTab],
  ['a queue step from a site no adapter serves', { type: 'queueStep', url: 'https://evil.example/', direction: 1 }, { ...fromTab, url: 'https://evil.example/' }],
  ['opening a queue item from a tab', { type: 'queueOpen', index: 0 }, fromTab],
  ['an evidence image with too many reasons', { type: 'evidenceImage', url: 'https://x.com/home', profile, reasons: Array(9).fill('r') }, fromFrame],
  ['an undo that is not a decision word', decide({ decision: 'undo_all' }), fromFrame],
  ['a banner corner that is not a corner', { type: 'bannerCorner', url: 'https://x.com/home', corner: 'middle' }, fromTab],
  ['a banner corner for another site', { type: 'bannerCorner', url: 'https://evil.example/', corner: 'top-left' }, fromTab],
  ['the view settings without a tab', { type: 'view', url: 'https://x.com/home' }, { id: ID, url: 'https://x.com/home' }],
];

test('the banner\'s corner is kept from a served tab (content scripts write no storage); a wake-up from the options page after a list change', () => {
  assert.equal(validateMessage({ type: 'bannerCorner', url: 'https://x.com/home', corner: 'bottom-left' }, fromTab, ID), null);
  assert.equal(validateMessage({ type: 'wake' }, { id: ID, url: `chrome-extension://${ID}/ui/options/options.html` }, ID), null);
});

test('the review queue: a step from a served tab (the worker then checks it is the queue\'s) or the queue page; opening an item only from the page', () => {
  const page = { id: ID, url: `chrome-extension://${ID}/ui/queue/queue.html` };
  assert.equal(validateMessage({ type: 'queueStep', url: 'https://x.com/home', direction: -1 }, fromTab, ID), null);
  assert.equal(validateMessage({ type: 'queueStep', direction: 1 }, page, ID), null);
  assert.equal(validateMessage({ type: 'queueOpen', index: 3 }, page, ID), null);
  assert.equal(typeof validateMessage({ type: 'queueOpen', index: -1 }, page, ID), 'string');
});
for (const [what, msg, sender] of BAD) {
  test(`rejected: ${what}`, () => {
    assert.equal(typeof validateMessage(msg, sender, ID), 'string');
  });
}

test('lists, enrolment and the version are not the worker\'s: the options page runs the WASM package itself', () => {
  const page = { id: ID, url: `chrome-extension://${ID}/ui/options/options.html` };
  for (const type of ['checkList', 'enrollImage', 'version']) {
    assert.match(validateMessage({ type, text: '{}', bytes: [] }, page, ID), /^unknown message type/);
  }
});

test('decisions and evidence images from an annotation frame or an extension page pass; audit exports from pages', () => {
  const page = { id: ID, url: `chrome-extension://${ID}/ui/popup/popup.html` };
  assert.equal(validateMessage(decide(), fromFrame, ID), null);
  assert.equal(validateMessage(decide({ decision: 'not_impersonator', note: undefined }), page, ID), null);
  assert.equal(validateMessage({ type: 'evidenceImage', url: 'https://x.com/home', profile, match: 'vip-1', verdict: 'impersonation', score: 0.9 }, fromFrame, ID), null);
  assert.equal(validateMessage({ type: 'frameContent', token: crypto.randomUUID(), fresh: true }, fromFrame, ID), null);
  assert.equal(validateMessage({ type: 'auditExport' }, page, ID), null);
});

test('each site checks its own platform, named by the sender\'s site; with Mastodon on, any https site may check Mastodon profiles', () => {
  const bsky = { ...fromTab, url: 'https://bsky.app/profile/a' };
  assert.equal(validateMessage(check({ url: 'https://bsky.app/profile/a', profiles: [{ ...profile, platform: 'bluesky' }] }), bsky, ID), null);
  const masto = { ...fromTab, url: 'https://social.example/@a' };
  const msg = check({ url: 'https://social.example/@a', profiles: [{ ...profile, platform: 'mastodon' }] });
  assert.equal(validateMessage(msg, masto, ID, [], { mastodon: true }), null);
  // The platform a message names is not trusted (issue 24): the worker answers for the sender's site's.
  assert.equal(senderPlatform('bsky.app', [], true), 'bluesky');
  assert.equal(senderPlatform('social.example', [], true), 'mastodon');
  assert.equal(senderPlatform('social.example', [], false), null);
  assert.equal(senderPlatform('blog.example', ['blog.example'], true), 'blog.example');
});

test("Firefox's extension pages, at moz-extension://<uuid>/, are the extension's own pages", () => {
  const base = 'moz-extension://8e1c6a4e-3f0b-4c7e-9d2a-5b6f7a8c9d0e/';
  const popup = { id: ID, url: `${base}ui/popup/popup.html` };
  const options = { mastodon: false, base };
  // Messages only extension pages may send: the audit count, the export, the bulk page's checks.
  assert.equal(validateMessage({ type: 'auditCount' }, popup, ID, [], options), null);
  assert.equal(validateMessage({ type: 'auditExport' }, popup, ID, [], options), null);
  // Another UUID, or the Chrome form of the address, is not ours.
  const other = { id: ID, url: 'moz-extension://00000000-0000-0000-0000-000000000000/ui/popup/popup.html' };
  assert.equal(typeof validateMessage({ type: 'auditCount' }, other, ID, [], options), 'string');
  assert.equal(typeof validateMessage({ type: 'auditCount' }, { id: ID, url: `chrome-extension://${ID}/ui/popup/popup.html` }, ID, [], options), 'string');
  // Without the base (the old check), Firefox's pages were refused.
  assert.equal(typeof validateMessage({ type: 'auditCount' }, popup, ID), 'string');
});
