// The worker's settings changes one after another (extension/worker/background.js, settingsChanged;
// issue 26's review, commit 40ec3f4): a Pause then a Resume switched before the Pause's call was done
// must leave the tabs told what holds, not paused. The worker's own file runs here in Node, every module
// it imports a stub (worker-stubs.mjs) and chrome.storage.session a fake whose reads and writes complete
// one at a time, in the order they were asked (as the browser's do), when the test says so: no timer.
// On the code before 40ec3f4 the Pause's call read "not told yet", the Resume's read the same before the
// Pause's write landed and found nothing to tell, then the Pause's call told every tab "paused".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { register } from 'node:module';

register('./worker-stubs.mjs', import.meta.url);

// What the store holds, what the tabs were told, and chrome.storage.session's operations waiting.
const settings = { paused: false };
const session = { toldPaused: false }; // the tabs were told "not paused" before
const waiting = [];
const told = [];
let storeChanged = null;

globalThis.vgStubs = {
  fakes: {
    './private-data.js': { onChange: (listener) => { storeChanged = listener; }, read: async () => ({}) },
    '../shared/settings.js': { readSettings: async () => ({ paused: settings.paused }), SETTINGS_WRITTEN_KEY: 'settingsWritten' },
  },
  value(module, name) {
    const fakes = this.fakes[module] || {};
    if (Object.hasOwn(fakes, name)) return fakes[name];
    return /^[A-Z0-9_]+$/.test(name) ? name : () => Promise.resolve();
  },
};

// Any other browser API: callable, its members too, its calls answered with a resolved promise.
const anything = () => new Proxy(function () {}, { get: (_, k) => (k === 'then' ? undefined : anything()), apply: () => Promise.resolve() });
const orAnything = (known) => new Proxy(known, { get: (t, k) => (k in t ? t[k] : anything()) });
globalThis.chrome = orAnything({
  storage: orAnything({
    session: orAnything({
      get: (key) => new Promise((answer) => waiting.push(() => answer({ [key]: session[key] }))),
      set: (values) => new Promise((done) => waiting.push(() => { Object.assign(session, values); done(); })),
    }),
  }),
  tabs: orAnything({
    query: async () => [{ id: 1 }],
    sendMessage: async (id, msg) => { told.push(msg); },
  }),
});

// Every promise callback run, then the oldest storage operation completed, until none is left.
async function settle() {
  for (;;) {
    await new Promise((next) => setImmediate(next));
    const op = waiting.shift();
    if (!op) return;
    op();
  }
}
const lastTold = () => told.filter((m) => m.type === 'vipguard-paused').at(-1);

test('a Pause then a Resume before the Pause was handled: the tabs are left told "not paused"', async () => {
  await import('../../extension/worker/background.js');
  assert.equal(typeof storeChanged, 'function', 'the worker listens to the private store');
  await settle(); // the worker's start
  told.length = 0;

  settings.paused = true;
  storeChanged(['SETTINGS_KEY']);
  await new Promise((next) => setImmediate(next)); // the Pause's call waits for chrome.storage.session
  assert.ok(waiting.length > 0, 'the Pause is being handled');
  settings.paused = false;
  storeChanged(['SETTINGS_KEY']);
  await settle();
  assert.equal(session.toldPaused, false, 'recorded as told: not paused');
  assert.equal(lastTold()?.paused ?? false, false, `the tabs were last told: ${JSON.stringify(lastTold())}`);

  // And the harness does see a Pause told (the assertions above are not met by telling nothing ever).
  settings.paused = true;
  storeChanged(['SETTINGS_KEY']);
  await settle();
  assert.equal(session.toldPaused, true);
  assert.deepEqual(lastTold(), { type: 'vipguard-paused', paused: true });
});
