// Since when Firefox's policy is in use (issue 26; shared/policy.js): the worker records the time at its
// start, the options page only reads it, and says no time when none is recorded. Before tidy38 the options
// page's policyReadSince() wrote the time itself when it read first, so the page said "since now" for a
// policy read long before. The options page's settings-panel.js and the worker's background.js run here in
// Node, every module they import a stub (worker-stubs.mjs) but shared/policy.js, and
// chrome.storage.session a fake that records its writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { register } from 'node:module';

const POLICY = '../../shared/policy.js';
register('./worker-stubs.mjs', import.meta.url, {
  data: { stub: { 'extension/ui/options/settings-panel.js': [POLICY], 'extension/worker/background.js': ['../shared/policy.js'] } },
});

const session = {};
const writes = [];
// The options page's elements, made when first asked for.
const elements = new Map();
const element = (id) => {
  if (!elements.has(id)) {
    elements.set(id, {
      id, hidden: false, textContent: '', value: '', checked: false, disabled: false, dataset: {}, classList: { contains: () => false },
      closest: () => null, querySelector: () => null, querySelectorAll: () => [], after() {}, append() {}, replaceChildren() {}, addEventListener() {},
    });
  }
  return elements.get(id);
};

globalThis.vgStubs = {
  fakes: {
    '../page.js': { $: element },
    '../../shared/settings.js': { readSettings: async () => ({}) },
    '../../shared/private-store.js': { read: async () => ({}), REVIEWER_KEY: 'reviewerId' },
    './private-data.js': { onChange: () => {}, read: async () => ({}) },
    '../shared/settings.js': { readSettings: async () => ({}), SETTINGS_WRITTEN_KEY: 'settingsWritten' },
  },
  value(module, name) {
    const fakes = this.fakes[module] || {};
    if (Object.hasOwn(fakes, name)) return fakes[name];
    return /^[A-Z0-9_]+$/.test(name) ? name : () => Promise.resolve();
  },
};

globalThis.vipguardI18n = { t: (key, ...args) => (args.length ? `${key}(${args.join(',')})` : key), when: (ms) => `when:${ms}` };
globalThis.vipguardSiteCatalog = { ASKED_HOSTS: [], siteName: (s) => s };
globalThis.document = { querySelectorAll: () => [], querySelector: () => null };
// Firefox (shared/policy.js, policyReadAtStartOnly), with a policy set.
globalThis.browser = { runtime: { getBrowserInfo: async () => ({ name: 'Firefox' }) } };
const anything = () => new Proxy(function () {}, { get: (_, k) => (k === 'then' ? undefined : anything()), apply: () => Promise.resolve() });
const orAnything = (known) => new Proxy(known, { get: (t, k) => (k in t ? t[k] : anything()) });
globalThis.chrome = orAnything({
  storage: orAnything({
    managed: orAnything({ get: async () => ({ feedUrl: 'https://lists.example/feed.json' }) }),
    session: orAnything({
      get: async (key) => ({ [key]: session[key] }),
      set: async (values) => { writes.push(values); Object.assign(session, values); },
    }),
  }),
  permissions: orAnything({ contains: async () => true }),
});

const settle = () => new Promise((next) => setTimeout(next, 0));

test('the options page, nothing recorded: it says no time and writes none', async () => {
  const { renderSettings } = await import('../../extension/ui/options/settings-panel.js');
  await renderSettings();
  assert.deepEqual(writes, [], 'the options page wrote to chrome.storage.session');
  assert.equal(element('policy-read').hidden, false, 'the page says Firefox reads the policy at its start');
  assert.equal(element('policy-read').textContent, 'policyReadAtStartNoTime');
});

test('the worker records the time at its start; the options page then says it, writing nothing', async () => {
  const before = Date.now();
  await import('../../extension/worker/background.js');
  for (let i = 0; i < 5 && !writes.length; i++) await settle();
  assert.equal(writes.length, 1, 'the worker recorded the time once');
  const at = session.policyReadAt;
  assert.ok(Number.isFinite(at) && at >= before && at <= Date.now(), `recorded ${at}`);

  const { renderSettings } = await import('../../extension/ui/options/settings-panel.js');
  await renderSettings();
  assert.equal(writes.length, 1, 'the options page wrote to chrome.storage.session');
  assert.equal(element('policy-read').textContent, `policyReadAtStart(when:${at})`);
});
