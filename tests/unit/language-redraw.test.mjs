// The page's badges after another language is chosen, however the worker's answers interleave with it
// (extension/content/main.js; relabel38 and its review, relabel38b). main.js and the real i18n.js run here
// in Node, with stubs for the page, the site adapter, the annotations and the worker: each answer is
// given by the test, in the order the test chooses, so every interleaving is deterministic (no clock).
// A badge records the words it was drawn in: the browser's catalogue knows no message here, so a badge
// drawn before the chosen language's words came reads the bare key ("label"), one drawn in French
// "Usurpation".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const root = new URL('../../extension/', import.meta.url);
const i18nSource = readFileSync(new URL('shared/i18n.js', root), 'utf8');
const mainSource = readFileSync(new URL('content/main.js', root), 'utf8');

const FR = { label: 'Usurpation' };
const BROWSER = 'label'; // what t('label') gives before any words came
const flushed = () => new Promise((go) => setImmediate(go));

// A page of `n` rows (one account each) and main.js running on it. Returns the test's handles.
function load(n) {
  const rows = [];
  const anchorOf = (i) => {
    const children = new Set();
    const anchor = {
      index: i, isConnected: true, textContent: `@user${i}`, children,
      contains: (b) => children.has(b),
    };
    return anchor;
  };
  const addRows = (count) => {
    for (let k = 0; k < count; k++) {
      const i = rows.length;
      rows.push({ anchor: anchorOf(i), data: { handle: `user${i}`, name: `User ${i}` } });
    }
  };
  addRows(n);
  let mutated = () => {}; // main.js's MutationObserver callback: the page changed
  const sent = []; // {msg, answer(reply), fail(error)}
  let listener = null;
  const timers = [];
  const drawnBadges = []; // every badge made: {row, label, token}
  const annotate = {
    prepare() {}, banner: () => null, showBanner() {}, showToken() {}, removeBanner() {}, keepBanner() {},
    setView() {}, languageChanged() {}, closeCard() {}, hideForCapture() {}, focusBanner() {}, notice: () => ({}),
    retoken(host, token) { if (host) host.token = token; },
    badge(r, token) {
      const host = { label: context.vipguardI18n.t('label'), token, anchor: null };
      host.remove = () => { if (host.anchor) host.anchor.children.delete(host); host.anchor = null; };
      host.replaceWith = (other) => { const a = host.anchor; host.remove(); a.children.add(other); other.anchor = a; };
      Object.defineProperty(host, 'isConnected', { get: () => !!host.anchor });
      drawnBadges.push(host);
      return host;
    },
    spot: (spot, anchor) => ({
      parent: { insertBefore(host) { anchor.children.add(host); host.anchor = anchor; } }, before: null,
    }),
  };
  const adapter = {
    name: 'stub', matches: () => true, profile: () => null, badgeSpot: (a) => a,
    cells: (doc, keep) => rows.filter((r) => keep(r.anchor)).map((r) => ({ anchor: r.anchor, data: r.data })),
  };
  const context = vm.createContext({
    Intl, console, performance, JSON, Promise, Map, WeakMap, Set, Object, Array, String, Number,
    chrome: {
      i18n: { getMessage: () => '' },
      runtime: {
        id: 'vipguard',
        sendMessage: (msg) => new Promise((answer, fail) => sent.push({ msg, answer, fail })),
        onMessage: { addListener: (f) => { listener = f; } },
      },
    },
    location: { href: 'https://x.com/home' },
    document: {
      readyState: 'complete', documentElement: { append() {} }, querySelectorAll: () => [],
      createElement: () => ({}), addEventListener() {},
    },
    window: { addEventListener() {} },
    MutationObserver: class { constructor(f) { mutated = f; } observe() {} },
    setTimeout: (fn, ms) => { timers.push({ fn, ms }); return timers.length; },
    clearTimeout: (id) => { if (timers[id - 1]) timers[id - 1].fn = null; },
    vipguardSites: [adapter],
    vipguardAnnotate: annotate,
  });
  vm.runInContext(i18nSource, context);
  vm.runInContext(mainSource, context);
  const checks = () => sent.filter((s) => s.msg.type === 'check');
  return {
    // New rows come into the page (the page tells main.js, as its MutationObserver would).
    addRows(count) { addRows(count); mutated([{ type: 'childList', addedNodes: [{}], removedNodes: [] }]); },
    checks,
    // The checks not answered yet, in the order they were asked.
    waiting: () => checks().filter((s) => !s.settled),
    // Every pass due now (a page change or a retry; not the minute-long timers), until none is.
    async passes() {
      for (let again = true; again;) {
        again = false;
        for (const t of timers) {
          if (t.fn && t.ms <= 1000) { const fn = t.fn; t.fn = null; fn(); again = true; }
        }
        await flushed();
      }
    },
    // The worker's answer to check `s`: every profile flagged, its card opening with `tokenOf(i)`; the
    // words in `words` when it asked for them (null: the answer brings none).
    async answer(s, tokenOf, words = FR) {
      s.settled = true;
      const results = s.msg.profiles.map(() => ({ verdict: 'impersonation', mark: 'm' }));
      const frames = s.msg.profiles.map((p) => tokenOf(p.handle));
      s.answer({ results, frames, ...(s.msg.wantMessages && words ? { messages: words } : {}) });
      await flushed();
    },
    async refuse(s, retry) {
      s.settled = true;
      s.answer({ error: 'too many new accounts', retry });
      await flushed();
    },
    // The worker's avatar round for check `s`, before or after its answer.
    avatarRound(s, tokenOf) {
      listener({
        type: 'vipguard-update', requestId: s.msg.requestId, url: 'https://x.com/home',
        changes: s.msg.profiles.map((p, index) => ({ index, result: { verdict: 'impersonation', mark: 'avatar' } })),
        frames: s.msg.profiles.map((p) => tokenOf(p.handle)),
      }, { id: 'vipguard' }, () => {});
    },
    languageChanged() { listener({ type: 'vipguard-language' }, { id: 'vipguard' }, () => {}); },
    // The badge on each row now: {label, token}, or null.
    badges: () => rows.map((r) => {
      const b = [...r.anchor.children][0];
      return b ? { label: b.label, token: b.token } : null;
    }),
    drawnBadges,
  };
}

const oldToken = (h) => `en:${h}`;
const newToken = (h) => `fr:${h}`;

// Finding 1: a pass draws its batches together once the last has settled. Its first batch answered
// before French was chosen, its second after (dropped, stale): the first's draw ran in the new era and
// retokened the new pass's French badges with the old tokens (whose cards show the English evidence).
test('a pass half answered before another language draws nothing over the new pass', async () => {
  const p = load(300);
  const [first, second] = p.waiting();
  assert.equal(first.msg.profiles.length, 200);
  assert.equal(second.msg.profiles.length, 100);
  await p.answer(first, oldToken, { label: 'Impersonation' });
  p.languageChanged();
  await p.passes();
  const asked = p.waiting().filter((s) => s !== second);
  assert.equal(asked.length, 2, 'the page asked again in French, in two batches');
  for (const s of asked) await p.answer(s, newToken);
  assert.ok(p.badges().every((b) => b && b.label === 'Usurpation' && b.token.startsWith('fr:')), 'French first');
  await p.answer(second, oldToken, { label: 'Impersonation' }); // stale: the old pass now settles
  const wrong = p.badges().filter((b) => !b || b.label !== 'Usurpation' || !b.token.startsWith('fr:'));
  assert.equal(wrong.length, 0, `every badge French with its French token; ${wrong.length} not, e.g. ${JSON.stringify(wrong[0])}`);
});

// Finding 2: only one request at a time asks for the words. Another pass's (new rows) answered before it
// was drawn in the browser's words, and the answer bringing them drew only its own rows.
test('rows another pass drew before the answer bringing the words are drawn again in them', async () => {
  const p = load(10);
  await p.answer(p.waiting()[0], oldToken, { label: 'Impersonation' });
  p.languageChanged();
  await p.passes();
  const [words] = p.waiting();
  assert.equal(words.msg.wantMessages, true);
  p.addRows(5); // new rows come into the page: a pass of their own
  await p.passes();
  const [, rowsOnly] = p.waiting();
  assert.equal(rowsOnly.msg.wantMessages, false, 'the second request leaves the words to the first');
  assert.equal(rowsOnly.msg.profiles.length, 5);
  await p.answer(rowsOnly, newToken);
  await p.answer(words, newToken);
  await p.passes();
  const labels = p.badges().map((b) => b && b.label);
  assert.deepEqual(labels, Array(15).fill('Usurpation'));
});

// Finding 2, the other way: the batch asking for the words is refused for now (worker/limits.js), its
// sibling answered and drawn without them; the words come with the refused batch's retry.
test('a batch drawn while its sibling asking for the words was refused is drawn again once they come', async () => {
  const p = load(300);
  p.languageChanged(); // a page whose first words are still to come
  await p.passes();
  const asking = p.waiting().filter((s) => s.msg.wantMessages);
  for (const s of p.waiting()) {
    if (asking.includes(s)) await p.refuse(s, 500);
    else await p.answer(s, newToken);
  }
  await p.passes(); // the retry
  const again = p.waiting();
  assert.ok(again.length >= 1 && again.some((s) => s.msg.wantMessages), 'the refused rows asked again, with the words');
  for (const s of again) await p.answer(s, newToken);
  const labels = p.badges().map((b) => b && b.label);
  assert.equal(labels.filter((l) => l === 'Usurpation').length, 300, `not French: ${labels.filter((l) => l !== 'Usurpation').length}`);
});

// Finding 3: a request asked in English, answered after French was chosen, let the next request ask for
// the words again while the French request asking for them was still waiting.
test('a stale answer does not make another request ask for the words again', async () => {
  const p = load(4);
  const english = p.waiting()[0];
  assert.equal(english.msg.wantMessages, true);
  p.languageChanged();
  await p.passes();
  const french = p.waiting().find((s) => s !== english);
  assert.equal(french.msg.wantMessages, true);
  await p.answer(english, oldToken, { label: 'Impersonation' });
  p.addRows(2);
  await p.passes();
  const next = p.waiting().find((s) => s !== english && s !== french);
  assert.equal(next.msg.wantMessages, false, 'the French request is still asking for the words');
});

// Finding 4: an avatar round overtaking the answer that brings the words drew its rows in the browser's
// words, drawn again moments later (a flicker); it is now left to the answer's draw.
test('an avatar round before the words draws no badge in the browser\'s words', async () => {
  const p = load(6);
  p.languageChanged();
  await p.passes();
  const s = p.waiting().at(-1); // the French pass's (the first, asked in English, still waits)
  assert.equal(s.msg.wantMessages, true);
  p.avatarRound(s, newToken);
  await p.answer(s, (h) => `old:${h}`);
  const labels = p.drawnBadges.map((b) => b.label);
  assert.deepEqual(labels.filter((l) => l === BROWSER), [], 'no badge drawn in the browser\'s words');
  assert.deepEqual(p.badges().map((b) => b.token), Array.from({ length: 6 }, (_, i) => `fr:user${i}`), 'the avatar round\'s tokens');
  // An avatar round after the answer is drawn at once.
  p.avatarRound(s, (h) => `late:${h}`);
  assert.deepEqual(p.badges().map((b) => b.token), Array.from({ length: 6 }, (_, i) => `late:user${i}`));
});
