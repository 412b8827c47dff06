// The interface's words as content scripts get them: the worker sends every message as a template
// ($1…$9 as U+0001…U+0009, worker/templates.js catalogueTemplates) and i18n.js fills it in. Filled templates
// must read exactly as the browser's own catalogue, in English and French, however many substitutions
// a call passes and whatever they hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, loadDemoList, visit } from './harness.mjs';

for (const lang of ['en-US', 'fr']) {
  test(`seeded templates read as chrome.i18n does (${lang})`, async () => {
    const h = await launch({ lang });
    try {
      const page = await h.ctx.newPage();
      await page.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
      const out = await page.evaluate(async () => {
        const sentinels = Array.from({ length: 9 }, (_, i) => String.fromCharCode(i + 1));
        const keys = Object.keys(await (await fetch(chrome.runtime.getURL('_locales/en/messages.json'))).json());
        const templates = Object.fromEntries(keys.map((k) => [k, chrome.i18n.getMessage(k, sentinels)]).filter(([, v]) => v));
        const samples = [[], ['Ada'], ['A $1 b', '\u0002', 'x'], ['1', '2', '3', '4', '5', '6', '7', '8', '9']];
        const want = keys.map((k) => samples.map((s) => chrome.i18n.getMessage(k, s) || k));
        vipguardI18n.seed(templates, vipguardI18n.era());
        const got = keys.map((k) => samples.map((s) => vipguardI18n.t(k, ...s)));
        const differ = keys.filter((k, i) => JSON.stringify(want[i]) !== JSON.stringify(got[i]))
          .map((k) => [k, want[keys.indexOf(k)], got[keys.indexOf(k)]]);
        return { keys: keys.length, seeded: vipguardI18n.seeded(), differ, sample: got[keys.indexOf('checked')] };
      });
      assert.ok(out.keys > 150, `only ${out.keys} keys`);
      assert.equal(out.seeded, true);
      assert.deepEqual(out.differ, []);
      // The test means something only if substitutions were filled in.
      assert.ok(out.sample[1].includes('Ada'), out.sample[1]);
    } finally {
      await h.close();
    }
  });
}

test('a content script gets its words from the worker and draws with them', async () => {
  const h = await launch({ lang: 'fr' });
  try {
    await loadDemoList(h);
    const page = await visit(h, 'https://x.com/home', { expect: 5 });
    // The content scripts' own world (an isolated one named after the extension), through CDP.
    const cdp = await page.context().newCDPSession(page);
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const world = contexts.find((c) => c.name === 'vipguard' && c.auxData && c.auxData.type === 'isolated');
    assert.ok(world, `no content-script world among ${contexts.map((c) => c.name).join(', ')}`);
    const { result } = await cdp.send('Runtime.evaluate', { contextId: world.id, returnByValue: true,
      expression: '[vipguardI18n.seeded(), vipguardI18n.t("verdict_impersonation"), vipguardI18n.t("score", "0.93")]' });
    assert.deepEqual(result.value, [true, "Usurpation d'identité", 'score 0.93']);
  } finally {
    await h.close();
  }
});
