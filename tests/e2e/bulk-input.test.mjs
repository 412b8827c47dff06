// Reading what people paste into the bulk page (extension/ui/bulk/bulk-input.js), as a unit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLines, fromUrl } from '../../extension/ui/bulk/bulk-input.js';

const one = (line, platform = 'x') => {
  const { profiles, errors } = parseLines(line, platform);
  return errors.length ? { error: errors[0].error } : (({ platform: p, handle, name }) => ({ platform: p, handle, name }))(profiles[0]);
};

const CASES = [
  ['https://x.com/KwabenaMensahGH', { platform: 'x', handle: 'KwabenaMensahGH', name: '' }],
  ['https://twitter.com/tundemi_0fficial/ Tundemi', { platform: 'x', handle: 'tundemi_0fficial', name: 'Tundemi' }],
  ['https://www.instagram.com/adaeze.okonkwo/', { platform: 'instagram', handle: 'adaeze.okonkwo', name: '' }],
  ['https://github.com/zenith-harbour', { platform: 'github', handle: 'zenith-harbour', name: '' }],
  ['https://www.tiktok.com/@aminatasowe', { platform: 'tiktok', handle: 'aminatasowe', name: '' }],
  ['https://www.youtube.com/@KwabenaMensahTV', { platform: 'youtube', handle: 'KwabenaMensahTV', name: '' }],
  ['https://bsky.app/profile/kwabena.bsky.social', { platform: 'bluesky', handle: 'kwabena.bsky.social', name: '' }],
  ['https://mastodon.social/@AminataSowe', { platform: 'mastodon', handle: 'AminataSowe@mastodon.social', name: '' }],
  ['https://mastodon.social/@ada@fediverse.africa', { platform: 'mastodon', handle: 'ada@fediverse.africa', name: '' }],
  ['@KwabenaMensahGH Кwabena Мensah', { platform: 'x', handle: 'KwabenaMensahGH', name: 'Кwabena Мensah' }],
  ['Кwabena Мensah @KwabenaMensahGH', { platform: 'x', handle: 'KwabenaMensahGH', name: 'Кwabena Мensah' }],
  ['KwabenaMensahGH, Кwabena Мensah', { platform: 'x', handle: 'KwabenaMensahGH', name: 'Кwabena Мensah' }],
  ['KwabenaMensahGH\tКwabena Мensah', { platform: 'x', handle: 'KwabenaMensahGH', name: 'Кwabena Мensah' }],
  ['Aminata Sowé', { platform: 'x', handle: '', name: 'Aminata Sowé' }],
  ['tundemi_0fficial', { platform: 'x', handle: 'tundemi_0fficial', name: '' }],
  ['https://x.com/home', { error: 'line 1: not a profile address on x.com' }],
  // Page words are refused as handles on every site, as before the site catalogue; others are handles.
  ['https://www.youtube.com/@home', { error: 'line 1: not a profile address on www.youtube.com' }],
  ['https://www.tiktok.com/@explore', { error: 'line 1: not a profile address on www.tiktok.com' }],
  ['https://bsky.app/profile/search', { error: 'line 1: not a profile address on bsky.app' }],
  ['https://x.com/privacy', { platform: 'x', handle: 'privacy', name: '' }],
  ['https://www.instagram.com/p', { platform: 'instagram', handle: 'p', name: '' }],
  ['https://example.org/people/ada', { error: 'line 1: example.org is not a site vipguard reads profile addresses of' }],
  ['ftp://x.com/ada', { error: 'line 1: not a web address' }],
];
for (const [line, want] of CASES) {
  test(`reads ${JSON.stringify(line)}`, () => assert.deepEqual(one(line), want));
}

test('the platform chosen applies to lines without an address', () => {
  assert.deepEqual(one('@ada_obi', 'instagram'), { platform: 'instagram', handle: 'ada_obi', name: '' });
});

test('blank lines are skipped, line numbers kept, errors do not stop the rest', () => {
  const { profiles, errors } = parseLines('\n@a1 A\n\nhttps://x.com/search\n@b2 B\n');
  assert.deepEqual(profiles.map((p) => [p.line, p.handle]), [[2, 'a1'], [5, 'b2']]);
  assert.deepEqual(errors.map((e) => e.line), [4]);
});

test('a line too long to be an account is an error naming its line', () => {
  const { errors } = parseLines(`@a ${'x'.repeat(400)}`);
  assert.match(errors[0].error, /^line 1: longer than 300 characters/);
});

test('fromUrl rejects what is not a URL', () => assert.deepEqual(fromUrl('not a url'), { error: 'not a URL' }));
