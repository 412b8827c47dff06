// Where the extension keeps what it knows (issue 24, finding 1's family): a content script, and so code
// in a compromised page process, reads nothing of the protected list or of the reviewer's work from
// chrome.storage (session storage is closed to content scripts; local and sync are closed too where the
// browser allows, and hold none of it anyway) (the list, thumbnails, decisions, allow-list, queue and reviewer id are in the extension
// origin's IndexedDB, extension/shared/private-store.js); and an install upgraded from a version that kept
// them in chrome.storage.local moves them there when its worker starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, loadDemoList, visit, bannerVerdict, inContentScript, privateValues, storedList, restartWorker, engineKept, until, ROOT } from './harness.mjs';

// Everything chrome.storage lets a content script read, as one string (an area it may not read says so).
async function inContentScriptReads() {
  const out = {};
  for (const area of ['local', 'sync', 'session']) {
    try {
      out[area] = chrome.storage[area] ? await chrome.storage[area].get(null) : 'absent';
    } catch (e) {
      out[area] = `refused: ${e.message}`;
    }
  }
  return JSON.stringify(out);
}

// Every string in a value (the list's names, aliases, handles, ids, avatar hashes, links).
const strings = (v) => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);

test('a content script reads no protected account, thumbnail, decision, allow-list entry, queue item or reviewer id from chrome.storage', async () => {
  const h = await launch();
  try {
    await loadDemoList(h);
    const list = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/chrome/demo/protected.json'), 'utf8'));
    // The reviewer's work: a reviewer id, a queue item, a decision that puts an account on the allow-list.
    const opts = await h.ctx.newPage();
    await opts.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
    await opts.getByText(/^Entries in the audit log: \d+\.$/).waitFor(); // drawn: the settings are filled in
    await opts.getByLabel(/Your reviewer id/).fill('ama.reviewer');
    await opts.getByLabel(/Your reviewer id/).press('Tab');
    const queue = await h.ctx.newPage();
    await queue.goto(`chrome-extension://${h.extensionId}/ui/queue/queue.html`);
    await queue.getByLabel('Paste report or profile URLs (one per line)').fill('https://x.com/QueuedForReview');
    await queue.getByRole('button', { name: 'Add to the queue' }).click();
    await queue.getByText('1 in the queue: 1 pending.').waitFor();
    await queue.close();
    const page = await visit(h, 'https://x.com/KwabenaMensahGH');
    const reply = await opts.evaluate(() => chrome.runtime.sendMessage({ type: 'decide', url: 'https://x.com/KwabenaMensahGH',
      profile: { platform: 'x', handle: 'KwabenaMensahGH', name: 'Kwabena Mensah' }, decision: 'not_impersonator',
      note: 'ticket SEC-4242', result: { verdict: 'impersonation', match: 'vip-002', score: 0.9 } }));
    assert.equal(reply.ok, true, JSON.stringify(reply));
    await opts.reload();
    await opts.locator('#allow tbody tr', { hasText: '@KwabenaMensahGH' }).waitFor();
    await opts.close();

    const readable = await inContentScript(page, inContentScriptReads);
    const secrets = [
      ...new Set(strings(list).filter((s) => s.length >= 4)), // names, aliases, handles, ids, hashes, links
      'data:image', // the avatar thumbnails
      'KwabenaMensahGH', 'SEC-4242', 'not_impersonator', // the decision, the allow-list and the audit log's account
      'QueuedForReview', 'ama.reviewer',
    ];
    const found = secrets.filter((s) => readable.includes(s));
    assert.deepEqual(found, [], `readable by a content script: ${readable.slice(0, 600)}`);
    // Nor is any of it in chrome.storage.local or .sync at all: Chrome closes them to content scripts
    // (setAccessLevel), Firefox cannot.
    const stored = await h.worker.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]));
    assert.deepEqual(secrets.filter((s) => stored.includes(s)), [], `in chrome.storage: ${stored.slice(0, 600)}`);
    await page.close();

    // Not because nothing was kept: the private store has all of it.
    assert.deepEqual(await storedList(h), list);
    const kept = await privateValues(h, ['reviewerDecisions', 'reviewerAllow', 'reviewQueue', 'reviewerId', 'avatarThumbs']);
    assert.deepEqual(Object.keys(kept.reviewerAllow), ['x:kwabenamensahgh']);
    assert.equal(kept.reviewerDecisions['x:kwabenamensahgh'][0].note, 'ticket SEC-4242');
    assert.deepEqual(kept.reviewQueue.items.map((i) => i.handle), ['QueuedForReview']);
    assert.equal(kept.reviewerId, 'ama.reviewer');
    assert.equal(Object.keys(kept.avatarThumbs).length, 6);
  } finally {
    await h.close();
  }
});

test('an install that kept its data in chrome.storage.local moves it to the private store when the worker starts, and uses it', async () => {
  const h = await launch();
  try {
    // What a version before the private store left in chrome.storage.local.
    const demo = fs.readFileSync(path.join(ROOT, 'dist/chrome/demo/protected.json'), 'utf8');
    const old = {
      protectedList: demo,
      listIsDemo: true,
      avatarThumbs: { 'vip-002': 'data:image/png;base64,iVBORw0KGgo=' },
      reviewerDecisions: { 'x:sarah_j': [{ decision: 'escalate', note: 'ticket OLD-1', at: '2026-01-02T03:04:05.000Z', verdict: 'suspicious', match: 'vip-001' }] },
      reviewerAllow: { 'x:kwabenamensahtv': { platform: 'x', handle: 'KwabenaMensahTV', name: 'Kwabena', match: 'vip-002', at: '2026-01-02T03:04:05.000Z', note: '' } },
      reviewQueue: { items: [{ url: 'https://x.com/sarah_j', platform: 'x', handle: 'sarah_j', sourceId: 'IDO-1' }], current: -1 },
      settings: { sensitivity: 'impersonation', reviewerId: 'old.reviewer', ticketFormat: 'markdown' },
    };
    await h.worker.evaluate((o) => chrome.storage.local.set(o), old);
    // This worker started once already and gave the private store its settings; a version before it had none.
    await h.worker.evaluate(() => new Promise((resolve, reject) => {
      const req = indexedDB.open('vipguard-private', 1);
      req.onsuccess = () => {
        const tx = req.result.transaction('values', 'readwrite');
        tx.objectStore('values').delete('settings');
        tx.oncomplete = () => { req.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    }));
    // The worker started again, as after an update: it moves the data, then checks with the moved list.
    const r = await restartWorker(h, 'https://x.com/KwabenaMensahGH');
    assert.equal(r.verdict, 'impersonation');
    assert.equal(r.engine.accounts, 6);
    const left = await h.worker.evaluate(() => chrome.storage.local.get(null));
    assert.deepEqual(Object.keys(left).sort(), ['settings'], JSON.stringify(left).slice(0, 300));
    // The settings that decide what is checked moved to the private store (shared/settings.js); the ticket
    // format stays.
    assert.deepEqual(left.settings, { ticketFormat: 'markdown' });
    const moved = await privateValues(h, ['protectedList', 'listIsDemo', 'avatarThumbs', 'reviewerDecisions', 'reviewerAllow', 'reviewQueue', 'reviewerId', 'listGen', 'settings']);
    assert.deepEqual(moved.settings, { sensitivity: 'impersonation' });
    for (const k of ['protectedList', 'listIsDemo', 'avatarThumbs', 'reviewerDecisions', 'reviewerAllow', 'reviewQueue']) assert.deepEqual(moved[k], old[k], k);
    assert.equal(moved.reviewerId, 'old.reviewer');
    assert.equal(typeof moved.listGen, 'string', 'the moved list has an id for its engine snapshot');
    // The moved allow-list is in use: the account cleared before the update is still shown as clear.
    const cleared = await visit(h, 'https://x.com/KwabenaMensahTV');
    assert.equal(await bannerVerdict(cleared), 'clear');
    await cleared.close();
  } finally {
    await h.close();
  }
});

// IndexedDB has no change event that wakes a stopped worker (chrome.storage's did): the options page tells
// a running worker on the private store's channel and starts a stopped one with a message. (This guards
// the new paths, the popup's question included; the old code passed it through chrome.storage.)
test('a list changed on the options page while the worker is stopped: the worker starts and builds the new list before any page asks', async () => {
  const h = await launch();
  try {
    // The popup asks the private store whether there is a list (without reading it): none yet.
    const page = await h.ctx.newPage();
    await page.goto('https://x.com/sarah_j');
    const tabId = await h.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://x.com/sarah_j' }))[0].id);
    const popup = await h.ctx.newPage();
    await popup.goto(`chrome-extension://${h.extensionId}/ui/popup/popup.html?tab=${tabId}`);
    await popup.getByText('No protected list is loaded: open the options page to load one (or the demo list).').waitFor();
    await loadDemoList(h);
    await popup.reload();
    await popup.locator('#status').filter({ hasText: /\S/ }).waitFor();
    assert.doesNotMatch(await popup.locator('#status').textContent(), /No protected list/);
    await Promise.all([popup.close(), page.close()]);
    const opts = await h.ctx.newPage();
    await opts.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
    await opts.getByText(/In use: 6 account/).waitFor();
    const cdp = await h.ctx.newCDPSession(opts);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await opts.getByRole('button', { name: 'Remove vip-006' }).click();
    await opts.getByText(/In use: 5 account/).waitFor();
    await until(async () => {
      const w = h.ctx.serviceWorkers()[0];
      if (!w) return false;
      h.worker = w;
      // A stopped worker's handle never answers: asked with a time limit.
      const answer = (p) => Promise.race([p, new Promise((r) => setTimeout(() => r(null), 2000))]).catch(() => null);
      const engine = await answer(w.evaluate(() => globalThis.vipguardEngine));
      return engine && engine.accounts === 5 && await answer(engineKept(h));
    }, 'the new list built and kept by a worker no page started', { timeout: 20000 });
    assert.deepEqual((await storedList(h)).accounts.map((a) => a.id), ['vip-001', 'vip-002', 'vip-003', 'vip-004', 'vip-005']);
    await opts.close();
  } finally {
    await h.close();
  }
});

// The settingsWritten marker in chrome.storage.local, which a Firefox page process can write too
// (docs/security.md): one that agrees with the private store but changes nothing makes the worker read
// nothing again (issue 26: it made the engine restore itself at the next check); one written after a
// change the worker did not hear on the store's channel still does. When the worker has handled a
// marker is seen from chrome.storage.session's toldPaused, which it writes last (background.js,
// settingsChanged) once the test has removed it. The engine's start is `stages.began` (engine.js).
// A browser with the demo list and a profile page whose check loaded the engine; `body` is given `h` and
// `sameEngine(what)`: whether, the page reloaded and its banner back, the engine is still the one of that
// first check (its `stages.began`, engine.js). `handled(h)`: once the worker has handled the marker
// written after the test removed chrome.storage.session's toldPaused, which it writes last.
async function withEngineLoaded(body) {
  const h = await launch();
  try {
    await loadDemoList(h);
    const page = await visit(h, 'https://x.com/KwabenaMensahGH');
    const began = () => h.worker.evaluate(() => globalThis.vipguardEngine && globalThis.vipguardEngine.stages.began);
    const first = await began();
    assert.ok(first != null, 'the engine loaded');
    const sameEngine = async (what) => {
      await page.reload();
      await until(async () => (await bannerVerdict(page)) === 'impersonation', what);
      return (await began()) === first;
    };
    await body({ h, sameEngine });
    await page.close();
  } finally {
    await h.close();
  }
}
const handled = (h) => until(() => h.worker.evaluate(async () => (await chrome.storage.session.get('toldPaused')).toldPaused !== undefined),
  'the marker handled');

test('a settingsWritten marker that changes nothing does not make the worker load its engine again; one after a change does', () => withEngineLoaded(async ({ h, sameEngine }) => {
  const marker = async (settings) => {
    await h.worker.evaluate(async (s) => {
      await chrome.storage.session.remove('toldPaused');
      if (s) {
        // Written as the options page does, but not announced on the store's channel.
        await new Promise((resolve, reject) => {
          const req = indexedDB.open('vipguard-private', 1);
          req.onsuccess = () => {
            const tx = req.result.transaction('values', 'readwrite');
            tx.objectStore('values').put(s, 'settings');
            tx.oncomplete = () => { req.result.close(); resolve(); };
            tx.onerror = () => reject(tx.error);
          };
          req.onerror = () => reject(req.error);
        });
      }
      await chrome.storage.local.set({ settingsWritten: { at: Date.now(), paused: false } });
    }, settings);
    await handled(h);
  };
  await marker(null);
  assert.ok(await sameEngine('the banner again'), 'the engine was not loaded again');
  // A change the worker did not hear (its channel message lost), then the marker: read again.
  const { settings } = await privateValues(h, ['settings']);
  await marker({ ...(settings || {}), sensitivity: 'impersonation' });
  assert.ok(!(await sameEngine('the banner after the change')), 'the engine loaded again with the changed settings');
}));

// chrome.storage.local's settings, which a Firefox page process can write: a member the engine does not
// use (here a junk one) leaves it as it is; the language, which words its evidence, loads it again. Before
// (issue 26's review), every write made the engine load again (and the next marker the sites' scripts).
test('a junk member written to chrome.storage.local\'s settings does not make the worker load its engine again; a language change does', () => withEngineLoaded(async ({ h, sameEngine }) => {
  // `patch` merged into the local settings, then a marker that agrees with the private store: storage
  // events come in order, so once the marker is handled the settings' change was too.
  const write = async (patch) => {
    await h.worker.evaluate(async (p) => {
      await chrome.storage.session.remove('toldPaused');
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings || {}), ...p } });
      await chrome.storage.local.set({ settingsWritten: { at: Date.now(), paused: false } });
    }, patch);
    await handled(h);
  };
  await write({ junk: { at: 1 } });
  await write({ junk: { at: 2 } });
  assert.ok(await sameEngine('the banner again'), 'the engine was not loaded again');
  await write({ language: 'fr' });
  assert.ok(!(await sameEngine('the banner in French')), 'the engine loaded again in the new language');
}));

// A tab closed while its avatar round is on its way (the round records the results its avatars change,
// and issues their frames' tokens, after the text round answered): nothing is written for it after its
// records were removed. Before, the late write left a record of only the avatar-changed accounts, which
// the next tab on the same page was found by (Firefox's suite lost a follower list's clear account so).
test('a tab closed before its avatar round ends leaves no record and no frame tokens behind', async () => {
  const h = await launch();
  try {
    await loadDemoList(h);
    const url = 'https://x.com/KwabenaMensah/followers';
    // The copied photo of the list's first account, held from the worker (not from the page, whose load
    // waits on it) until the tab is closed.
    let release;
    const held = new Promise((r) => { release = r; });
    let answered = 0;
    await h.ctx.route('https://pbs.twimg.com/profile_images/11/**', async (route) => {
      const fromWorker = !!route.request().serviceWorker();
      if (fromWorker) await held;
      await route.fulfill({ status: 200, contentType: 'image/png', body: fs.readFileSync(path.join(ROOT, 'demo/avatars/copy-kwabena-mirrored-badge.png')) });
      if (fromWorker) answered++;
    });
    const page = await h.ctx.newPage();
    await page.goto(url);
    const tabId = await h.worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0].id, url);
    const stored = () => h.worker.evaluate(async (id) => Object.keys(await chrome.storage.session.get(null))
      .filter((k) => k === `tab:${id}` || k.startsWith(`frame:${id}:`) || k.startsWith(`frames:${id}`)), tabId);
    // The text round recorded, every follower in it.
    await until(async () => (await h.worker.evaluate(async (id) => (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`]?.items?.length, tabId)) === 3,
      'the text round\'s record');
    await page.close();
    await until(async () => (await stored()).length === 0, 'the closed tab\'s keys removed');
    release();
    await until(() => answered > 0, 'the held avatar answered');
    // The round, now free, checks and would write within milliseconds; given ample time to.
    await new Promise((r) => setTimeout(r, 2000));
    assert.deepEqual(await stored(), [], 'keys written for a closed tab');
  } finally {
    await h.close();
  }
});

// private-store.js write(): a change that reads no keys runs inside the transaction's opening call, so a
// value the store refuses there (one that cannot be cloned) throws synchronously, after an earlier put of
// the same change was made. Nothing of the change may be kept, and the refusal is the reason given.
test('a write the store refuses partway keeps none of it, and rejects with the refusal', async () => {
  const h = await launch();
  try {
    const page = await h.ctx.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
    const got = await page.evaluate(async () => {
      const store = await import('/shared/private-store.js');
      await store.write({ reviewerId: 'before' });
      let refusal = null;
      try {
        // Object order: reviewerId is put first, then the function, which no structured clone takes.
        await store.write({ reviewerId: 'after', feedState: { notStorable: () => 1 } });
      } catch (e) {
        refusal = `${e.name}: ${e.message}`;
      }
      return { refusal, kept: await store.read(['reviewerId', 'feedState']) };
    });
    assert.match(got.refusal || 'resolved', /^DataCloneError/, 'the refusal itself is the reason');
    assert.deepEqual(got.kept, { reviewerId: 'before' }, 'nothing of the refused write was kept');
    // The store still takes the next write.
    const next = await page.evaluate(async () => {
      const store = await import('/shared/private-store.js');
      await store.write({ reviewerId: 'next' });
      return store.read(['reviewerId']);
    });
    assert.deepEqual(next, { reviewerId: 'next' });
  } finally {
    await h.close();
  }
});
