// Issue 24, as units: which picture addresses the worker may fetch (worker/image-fetch.js) and which it
// passes over as a site's "no photo" picture (shared/site-catalog.js), a picture's
// size read from its header (shared/image-header.js), and the per-tab queues and rate limits
// (worker/limits.js). The end-to-end proofs are in hostile-worker.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageUrlProblem, hostProblem } from '../../extension/worker/image-fetch.js';
import '../../extension/shared/site-catalog.js';
import { imageHeader, checkImageSize, AVATAR_LIMITS } from '../../extension/shared/image-header.js';
import { TabQueues, overRate, auditAllowance, AUDIT_PER_TAB_PER_MINUTE, overNewNames, forgetTabLimits, NEW_NAMES_BURST, NEW_NAMES_PER_MINUTE } from '../../extension/worker/limits.js';

const x = { platform: 'x', pageHost: 'x.com' };
const masto = { platform: 'mastodon', pageHost: 'social.example.africa' };

test('avatars only from the site\'s own image hosts, https, no private names or addresses', () => {
  assert.equal(imageUrlProblem('https://pbs.twimg.com/profile_images/1/a.jpg', x), null);
  assert.equal(imageUrlProblem('https://media.social.example.africa/accounts/avatars/a.png', masto), null);
  assert.equal(imageUrlProblem('https://social.example.africa/system/a.png', masto), null);
  assert.equal(imageUrlProblem('https://files.mastodon.social/a.png', { platform: 'mastodon', pageHost: 'mastodon.social' }), null);
  assert.equal(imageUrlProblem('https://blog.example/me.jpg', { platform: 'blog.example', pageHost: 'blog.example' }), null);
  const refused = [
    ['http://pbs.twimg.com/a.jpg', x, /^not https/],
    ['https://cdn.bsky.app/a.jpg', x, /not an image host of x/], // another served site's
    ['https://pbs.twimg.com/a.jpg', masto, /not social\.example\.africa's media host/],
    ['https://evil.social/a.png', { platform: 'mastodon', pageHost: 'mastodon.social' }, /media host/], // not all of .social
    // Not the page's parent domain's other hosts: that parent may be a public suffix.
    ['https://intranet.bigbank.co.uk/a.png', { platform: 'mastodon', pageHost: 'evil.co.uk' }, /not evil\.co\.uk's media host/],
    ['https://victim.github.io/a.png', { platform: 'mastodon', pageHost: 'evil.github.io' }, /media host/],
    ['https://victim.blogspot.com/a.png', { platform: 'mastodon', pageHost: 'evil.blogspot.com' }, /media host/],
    ['https://media.example.africa/a.png', masto, /media host/],
    ['https://127.0.0.1/a.png', masto, /IP address/],
    ['https://2130706433/a.png', masto, /IP address \(127\.0\.0\.1\)/], // the URL parser's normal form
    ['https://0x0a.0.0.1/a.png', masto, /IP address \(10\.0\.0\.1\)/],
    ['https://[::1]/a.png', masto, /IP address/],
    ['https://[fd00::1]/a.png', masto, /IP address/],
    ['https://100.64.0.1/a.png', masto, /IP address/],
    ['https://169.254.169.254/a.png', masto, /IP address/],
    ['https://intranet/a.png', masto, /single-label/],
    ['https://localhost/a.png', masto, /single-label/],
    ['https://wiki.corp.internal/a.png', masto, /private network name/],
    ['https://printer.local/a.png', masto, /private network name/],
    ['https://media.example.africa:8443/a.png', masto, /port/],
    ['https://user:pw@media.example.africa/a.png', masto, /credentials/],
    ['not a url', masto, /not a URL/],
  ];
  for (const [url, site, why] of refused) assert.match(imageUrlProblem(url, site) || '', why, url);
  assert.equal(hostProblem('media.example.africa'), null);
});

// Each site's picture for an account with no photo of its own (addresses as the sites serve them, from
// public projects that read them: see site-catalog.js), and photos that look a little like them.
test('a site\'s "no photo" picture is never hashed; photos are', () => {
  const { isDefaultAvatar } = globalThis.vipguardSiteCatalog;
  const rows = [
    ['x', 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png', true],
    ['x', 'https://abs.twimg.com/sticky/default_profile_images/default_profile_400x400.png', true],
    ['x', 'https://abs.twimg.com/sticky/default_profile_images/default_profile_0_normal.png', true],
    ['x', 'https://pbs.twimg.com/profile_images/1234/default_profile_normal.jpg', false], // a photo named so
    ['instagram', 'https://scontent-ams4-1.cdninstagram.com/v/t51.2885-19/44884218_345707102882519_2446069589734326272_n.jpg?_nc_ht=x', true],
    ['instagram', 'https://instagram.fsyd5-1.fna.fbcdn.net/v/t51.2885-19/s150x150/123_n.jpg?_nc_ht=a&ig_cache_key=YW5vbnltb3VzX3Byb2ZpbGVfcGlj.2', true],
    ['instagram', 'https://scontent-ams4-1.cdninstagram.com/v/t51.2885-19/44884219_345707102882519_2446069589734326272_n.jpg', false],
    ['mastodon', 'https://mastodon.social/avatars/original/missing.png', true],
    ['mastodon', 'https://files.mastodon.social/accounts/avatars/original/missing.png', true],
    ['mastodon', 'https://files.mastodon.social/accounts/avatars/109/original/abc.png', false],
    ['mastodon', 'https://social.example.africa/system/missing.png', false],
    ['youtube', 'https://yt3.ggpht.com/a/default-user=s88-c-k-c0x00ffffff-no-rj', true],
    ['youtube', 'https://yt3.ggpht.com/ytc/default-user=s48-c-k-c0x00ffffff-no-rj', true],
    ['youtube', 'https://yt3.ggpht.com/ytc/AIdro_kX=s88-c-k-c0x00ffffff-no-rj', false],
    // The rule is the site's own: another site's default address is just a path there.
    ['github', 'https://avatars.githubusercontent.com/sticky/default_profile_images/a.png', false],
    ['bluesky', 'https://cdn.bsky.app/img/avatar/plain/did:plc:a/missing.png@jpeg', false],
    ['x', 'not a url', false],
  ];
  for (const [platform, url, want] of rows) assert.equal(isDefaultAvatar(platform, url), want, `${platform} ${url}`);
});

// The first bytes of pictures of each format, declaring `w`×`h`.
const png = (w, h) => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82,
  w >>> 24, (w >> 16) & 255, (w >> 8) & 255, w & 255, h >>> 24, (h >> 16) & 255, (h >> 8) & 255, h & 255, 8, 2, 0, 0, 0]);
const gif = (w, h) => Uint8Array.from([...Buffer.from('GIF89a'), w & 255, w >> 8, h & 255, h >> 8, 0, 0, 0]);
const jpeg = (w, h) => Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, h >> 8, h & 255, w >> 8, w & 255, 3, 0, 0, 0]);
const webpX = (w, h) => Uint8Array.from([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8X'), 10, 0, 0, 0, 0, 0, 0, 0,
  (w - 1) & 255, ((w - 1) >> 8) & 255, (w - 1) >> 16, (h - 1) & 255, ((h - 1) >> 8) & 255, (h - 1) >> 16]);

test('a picture\'s size is read from its header, for every format the worker hashes', () => {
  assert.deepEqual(imageHeader(png(400, 300)), { type: 'png', width: 400, height: 300 });
  assert.deepEqual(imageHeader(gif(8192, 8192)), { type: 'gif', width: 8192, height: 8192 });
  assert.deepEqual(imageHeader(jpeg(1500, 1500)), { type: 'jpeg', width: 1500, height: 1500 });
  assert.deepEqual(imageHeader(webpX(16384, 2)), { type: 'webp', width: 16384, height: 2 });
  assert.equal(checkImageSize(png(1500, 1500)).width, 1500);
});

test('huge, empty, cut-short and unknown pictures are refused with what was wrong', () => {
  assert.throws(() => checkImageSize(png(8192, 8192)), /picture of 8192×8192 pixels is too large \(at most 4096 px a side and 16 megapixels\)/);
  assert.throws(() => checkImageSize(webpX(4096, 4096 + 1)), /4096×4097 pixels is too large/);
  assert.throws(() => checkImageSize(gif(100, 0)), /picture of 100×0 pixels has no area/);
  assert.throws(() => checkImageSize(png(400, 300).subarray(0, 20)), /picture not recognised/);
  assert.throws(() => checkImageSize(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), /picture not recognised/);
  assert.throws(() => checkImageSize(new Uint8Array(0)), /picture not recognised/);
  assert.equal(AVATAR_LIMITS.maxSide, 4096);
});

// Canvases that declare a small picture and frames that reach past it (issue 24: a GIF of 16×16 with a
// 16384² frame was decoded at the frame's size, 1 GB). Header bytes and tiny image data are enough.
const le16 = (n) => [n & 255, n >> 8];
const gifFrame = (left, top, w, h, { local = false } = {}) => [0x2c, ...le16(left), ...le16(top), ...le16(w), ...le16(h),
  local ? 0x80 : 0, ...(local ? [0, 0, 0, 255, 255, 255] : []), 0x02, 0x02, 0x44, 0x01, 0x00];
const gifOf = (w, h, ...blocks) => Uint8Array.from([...Buffer.from('GIF89a'), ...le16(w), ...le16(h), 0x80, 0, 0, 0, 0, 0, 255, 255, 255,
  ...blocks.flat(), 0x3b]);
const gce = [0x21, 0xf9, 4, 0, 10, 0, 0, 0]; // a graphic control extension: delay, then the terminator
const comment = [0x21, 0xfe, 3, ...Buffer.from('hi!'), 2, 0x2c, 0x2c, 0]; // sub-blocks holding image-descriptor bytes
const chunk = (type, data) => [0, 0, 0, 0, ...Buffer.from(type), ...data, 0, 0, 0, 0].map((v, i) => (i < 4 ? (data.length >>> (24 - 8 * i)) & 255 : v));
const be32 = (n) => [n >>> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255];
const apng = (w, h, fw, fh, fx = 0) => Uint8Array.from([...png(w, h).subarray(0, 8), ...chunk('IHDR', [...be32(w), ...be32(h), 8, 6, 0, 0, 0]),
  ...chunk('acTL', [...be32(1), ...be32(0)]), ...chunk('fcTL', [...be32(0), ...be32(fw), ...be32(fh), ...be32(fx), ...be32(0), 0, 1, 0, 1, 0, 0]),
  ...chunk('IDAT', [0x78, 1]), ...chunk('IEND', [])]);
const sof = (w, h) => [0xff, 0xc0, 0, 11, 8, h >> 8, h & 255, w >> 8, w & 255, 1, 1, 0x11, 0];
const jpegOf = (...frames) => Uint8Array.from([0xff, 0xd8, ...frames.flatMap((f) => [...f, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]), 0xff, 0xd9]);
const le24 = (n) => [n & 255, (n >> 8) & 255, n >> 16];
const riff = (type, data) => [...Buffer.from(type), ...le16(data.length), 0, 0, ...data, ...(data.length & 1 ? [0] : [])];
const webpAnim = (w, h, fw, fh) => Uint8Array.from([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP'),
  ...riff('VP8X', [0x02, 0, 0, 0, ...le24(w - 1), ...le24(h - 1)]), ...riff('ANIM', [0, 0, 0, 0, 0, 0]),
  ...riff('ANMF', [...le24(0), ...le24(0), ...le24(fw - 1), ...le24(fh - 1), ...le24(100), 0])]);

test('a frame larger than its canvas counts: GIF, APNG, JPEG with several frames, animated WebP', () => {
  assert.deepEqual(imageHeader(gifOf(16, 16, gifFrame(0, 0, 16, 16))), { type: 'gif', width: 16, height: 16, frames: 1 });
  const refusals = [
    [gifOf(16, 16, gifFrame(0, 0, 16384, 16384)), /picture of 16384×16384 pixels is too large/],
    // Past extensions (their sub-blocks may hold any byte) and a frame with its own colour table.
    [gifOf(16, 16, gce, comment, gifFrame(0, 0, 16, 16), gce, gifFrame(0, 0, 16, 16, { local: true }), gifFrame(0, 0, 5000, 10)), /5000×16 pixels/],
    [gifOf(16, 16, gifFrame(4000, 3000, 200, 16)), /4200×3016 pixels is too large/], // where the frame sits counts too
    [gifOf(16, 16, ...Array.from({ length: 501 }, () => gifFrame(0, 0, 16, 16))), /picture of 501 frames has too many \(at most 500\)/],
    [apng(16, 16, 8192, 8192), /8192×8192 pixels is too large/],
    [apng(16, 16, 16, 16, 5000), /5016×16 pixels/],
    [jpegOf(sof(16, 16), sof(8192, 8192)), /8192×8192 pixels is too large/], // a second frame after the first's scan
    [webpAnim(16, 16, 16384, 16384), /16384×16384 pixels is too large/],
  ];
  for (const [bytes, why] of refusals) assert.throws(() => checkImageSize(bytes), why);
  assert.equal(checkImageSize(gifOf(16, 16, ...Array.from({ length: 500 }, () => gifFrame(0, 0, 16, 16)))).frames, 500);
  assert.equal(checkImageSize(jpegOf(sof(16, 16), sof(300, 200))).width, 300);
  assert.equal(checkImageSize(webpAnim(400, 300, 400, 300)).width, 400);
  assert.equal(checkImageSize(apng(400, 300, 400, 300)).width, 400);
  // A walk cut short anywhere still answers (with what it read), never throws out of the reader.
  const whole = gifOf(16, 16, gce, gifFrame(0, 0, 16384, 16384));
  for (let n = 10; n < whole.length; n++) assert.doesNotThrow(() => imageHeader(whole.subarray(0, n)), `cut at ${n}`);
});

test('per-tab queues are served in turn: one tab\'s long queue delays another tab by one job, not all of them', async () => {
  const q = new TabQueues({ perKey: 1, total: 1 });
  const order = [];
  const job = (name) => () => new Promise((resolve) => setImmediate(() => { order.push(name); resolve(name); }));
  const all = [];
  for (let i = 0; i < 12; i++) all.push(q.run('hostile', job(`hostile${i}`)));
  all.push(q.run('other', job('other')));
  await Promise.all(all);
  assert.equal(order.indexOf('other'), 1, order.join());
  assert.equal(order.length, 13);
});

test('per-tab queues hold a few jobs at once per tab and refuse past the queue cap', async () => {
  const q = new TabQueues({ perKey: 2, queued: 3 });
  let running = 0;
  let most = 0;
  const release = [];
  const job = () => new Promise((resolve) => { running++; most = Math.max(most, running); release.push(() => { running--; resolve(); }); });
  const runs = Array.from({ length: 5 }, () => q.run('tab', job));
  await assert.rejects(q.run('tab', job), /more than 3 waiting for this tab/);
  while (release.length || running) {
    await new Promise((r) => setImmediate(r));
    release.shift()?.();
  }
  await Promise.all(runs);
  assert.equal(most, 2);
});

test('rate limits per tab and message type; the audit log takes a bounded number of entries per tab and minute', () => {
  const now = 1_000_000;
  let passed = 0;
  for (let i = 0; i < 100; i++) if (!overRate('decide', 7, now)) passed++;
  assert.equal(passed, 10);
  assert.match(overRate('decide', 7, now), /too many decide messages from this tab \(at most 20 a minute\)/);
  assert.equal(overRate('decide', 8, now), null, 'another tab has its own');
  assert.equal(overRate('decide', 7, now + 3000), null, 'refilled after a few seconds');
  assert.equal(overRate('bulkCheck', null, now), null, 'extension pages are not limited');
  assert.equal(auditAllowance(7, 100, now), 100);
  assert.equal(auditAllowance(7, 100, now), AUDIT_PER_TAB_PER_MINUTE - 100);
  assert.equal(auditAllowance(7, 5, now), 0);
  assert.equal(auditAllowance(7, 5, now + 60000), 5, 'a new minute');
});

// A second red team planted 1,000 names a round in a page and read which got a badge: 1,800 names a
// second. Names new to a tab are budgeted; names seen before cost nothing (pages are read again often).
test('a tab may have a bounded number of accounts new to it checked a minute; those it has seen cost nothing', () => {
  const tab = 'names-tab';
  const names = (from, n) => Array.from({ length: n }, (_, i) => ({ platform: 'x', handle: `user${from + i}`, name: `Name ${from + i}` }));
  const t0 = 1_000_000;
  assert.equal(overNewNames(tab, names(0, 200), t0), null);
  assert.equal(overNewNames(tab, names(200, 200), t0), null);
  assert.equal(overNewNames(tab, names(400, 200), t0), null);
  // The burst is spent: new names are refused, names seen before are not.
  assert.match(overNewNames(tab, names(600, 50), t0) || '', /too many accounts new to this tab/);
  assert.equal(overNewNames(tab, names(0, 200), t0), null);
  // It refills at NEW_NAMES_PER_MINUTE: after 10 s, a sixth of a minute's worth.
  assert.equal(overNewNames(tab, names(600, NEW_NAMES_PER_MINUTE / 6), t0 + 10_000), null);
  assert.match(overNewNames(tab, names(700, 10), t0 + 10_000) || '', /too many/);
  // Another tab has its own budget; a closed tab's is forgotten.
  assert.equal(overNewNames('other-tab', names(0, NEW_NAMES_BURST), t0), null);
  forgetTabLimits(tab);
  assert.equal(overNewNames(tab, names(5000, NEW_NAMES_BURST), t0), null);
});

// The names a tab had checked, kept in session storage (limits.js) so that a worker's stop does not make
// them cost again, and bounded there: each tab's newest SEEN_KEPT_PER_TAB, at most SEEN_KEPT_BYTES in all.
// Each worker is a fresh instance of the module (its own query string) over one stored record.
test('the names a tab had checked outlive a worker\'s stop, within their bounds in session storage', async () => {
  const stored = {};
  const saved = globalThis.chrome;
  globalThis.chrome = { storage: { session: {
    get: async (k) => (k in stored ? { [k]: structuredClone(stored[k]) } : {}),
    set: async (o) => Object.assign(stored, structuredClone(o)),
  } } };
  try {
    const names = (tag, from, n) => Array.from({ length: n }, (_, i) => ({ platform: 'x', handle: `${tag}${from + i}`, name: `Name ${from + i}` }));
    const first = await import('../../extension/worker/limits.js?worker=1');
    await first.limitsReady;
    const t0 = Date.now();
    // One tab reads 500 names; 40 other tabs 600 each (their whole burst), checked later.
    assert.equal(first.overNewNames('reader', names('r', 0, 200), t0), null);
    assert.equal(first.overNewNames('reader', names('r', 200, 200), t0), null);
    assert.equal(first.overNewNames('reader', names('r', 400, 100), t0), null);
    for (let tab = 0; tab < 40; tab++) for (let k = 0; k < 3; k++) assert.equal(first.overNewNames(`busy${tab}`, names(`b${tab}_`, k * 200, 200), t0 + 1 + tab), null);
    await first.limitsSaved(); // the writes, one at a time
    const written = structuredClone(stored.limits);
    // The next worker: the tabs whose names were kept re-read them for nothing; new names still cost.
    const next = await import('../../extension/worker/limits.js?worker=2');
    await next.limitsReady;
    const t1 = t0 + 1000;
    assert.equal(next.overNewNames('busy39', names('b39_', 0, 200), t1), null);
    assert.equal(next.overNewNames('busy39', names('b39_', 200, 200), t1), null);
    assert.equal(next.overNewNames('busy39', names('b39_', 400, 200), t1), null, 'the same 600 names after a stop');
    assert.match(next.overNewNames('busy39', names('new', 0, 200), t1) || '', /too many accounts new to this tab/);
    // What was kept for it, and for the others.
    const kept = new Map(written.names);
    assert.ok([...kept.values()].every((t) => t.seen.length <= first.SEEN_KEPT_PER_TAB * 11), 'per tab');
    assert.ok(JSON.stringify(written.names).length < first.SEEN_KEPT_BYTES * 1.1, `${JSON.stringify(written.names).length} bytes`);
    // Over the bytes, the tabs checked last keep theirs: the first tab's went.
    assert.equal(kept.get('busy39').seen.length, 600 * 11);
    assert.equal(kept.get('reader').seen, '');
    await next.limitsSaved(); // its writes
  } finally {
    globalThis.chrome = saved;
  }
});

// The record is up to SEEN_KEPT_BYTES of names: a page sending check after check had it rewritten as soon
// as each write was done. Now one write for the changes of SAVE_DELAY_MS, and limitsSaved() waits for it.
test('the limits\' record is written once for a burst of changes, and limitsSaved() waits for that write', async () => {
  const stored = {};
  let writes = 0;
  const saved = globalThis.chrome;
  globalThis.chrome = { storage: { session: {
    get: async (k) => (k in stored ? { [k]: structuredClone(stored[k]) } : {}),
    set: async (o) => { writes++; Object.assign(stored, structuredClone(o)); },
  } } };
  try {
    const limits = await import('../../extension/worker/limits.js?worker=burst');
    await limits.limitsReady;
    const t0 = Date.now();
    // 50 checks, each in its own turn of the event loop (as messages come), each write done at once.
    for (let k = 0; k < 50; k++) {
      assert.equal(limits.overRate('check', 'burst', t0), null);
      assert.equal(limits.overNewNames('burst', [{ platform: 'x', handle: `h${k}`, name: `N ${k}` }], t0), null);
      await new Promise((r) => setImmediate(r));
    }
    await limits.limitsSaved();
    assert.equal(writes, 1, `${writes} writes of the record for 50 checks`);
    assert.equal(new Map(stored.limits.names).get('burst').seen.length, 50 * 11);
  } finally {
    globalThis.chrome = saved;
  }
});
