// Shared by the end-to-end tests and the demo: Debian's headless Chromium with the unpacked extension
// (dist/chrome), X's URLs answered from the fixture pages and avatars from demo/avatars, offline.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawn, execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { localTls } from './tls.mjs';
import { strays, strayError } from './recorder.mjs';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
/** Debian's Chromium and the flags that keep it headless and off the network, for every script that drives it. */
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const FIXTURES = path.join(ROOT, 'tests/e2e/fixtures/x');
const ROUTES = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'routes.json'), 'utf8'));
// VIPGUARD_EXT: another unpacked build, to compare two versions side by side (scripts/ext-bench.mjs).
export const EXT = process.env.VIPGUARD_EXT || path.join(ROOT, 'dist/chrome');

// `extraHosts`: sites whose host permission the test build grants up front (see generic.test.mjs).
// `lang`: the browser's interface language (the extension's words follow it).
// What X's hosts answer in the tests, from the fixtures: pages by routes.json, the fixtures' stand-in for
// x.com's own script (/_fixtures/virtual-list.js), profile pictures from demo/avatars (X's size variants,
// picture_normal.png or picture_400x400.png, are the same picture), and emoji as an empty SVG. Shared by
// Chromium's routes here and Firefox's TLS server (firefox.test.mjs).
export function xFixture(u) {
  const read = (file, type) => (fs.existsSync(file) ? { status: 200, type, body: fs.readFileSync(file) } : { status: 404, type: 'text/plain', body: 'not in the fixtures' });
  if (u.hostname === 'pbs.twimg.com') {
    const name = path.basename(u.pathname).replace(/_(normal|bigger|mini|x96|\d+x\d+)(?=\.\w+$)/, '');
    return read(path.join(ROOT, 'demo/avatars', name), name.endsWith('.png') ? 'image/png' : 'image/jpeg');
  }
  if (u.hostname === 'abs-0.twimg.com') return { status: 200, type: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg"/>' };
  if (u.pathname.startsWith('/_fixtures/')) return read(path.join(FIXTURES, path.basename(u.pathname)), 'text/javascript');
  const file = ROUTES[u.pathname + (u.search ? '?' + u.search.slice(1).split('=')[0] : '')] || ROUTES[u.pathname];
  return file ? read(path.join(FIXTURES, file), 'text/html; charset=utf-8') : read('', 'text/plain');
}

// `trustLocalTls`: the browser trusts the run's own certificate authority (tls.mjs), for a test's local
// HTTPS server on 127.0.0.1; certificates are checked as usual.
// `expectedRequests`: addresses (regular expressions) the extension is configured to fetch besides the
// images pages show (the team's list feed), which close() accepts.
// `expectedTabs`: addresses (regular expressions) of the tabs the test has the extension open (the review
// queue's profiles), which close() accepts; any other tab the extension opened fails it.
// `display`: an X display (":99") to run a headed Chromium on, for what only a real window does (an
// extension's keyboard shortcut: evidence-capture.test.mjs).
// `asyncStacks`: false turns off the debugger the recorder runs on every page to name the script behind
// a request, with its tracing of stylesheets and of frames from other sites (below), for benchmarks whose
// timings they would slow; a content script's request then passes for an image the page showed, and one
// in a frame from another site is not seen.
export async function launch({ extraHosts = [], lang = 'en-US', extension = EXT, trustLocalTls = false, expectedRequests = [], expectedTabs = [], display = null, asyncStacks = true } = {}) {
  if (!fs.existsSync(path.join(extension, 'manifest.json'))) throw new Error(`${extension} missing: run make build`);
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-e2e-'));
  let ext = extension;
  if (extraHosts.length) {
    ext = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-ext-'));
    fs.cpSync(extension, ext, { recursive: true });
    const m = JSON.parse(fs.readFileSync(path.join(ext, 'manifest.json'), 'utf8'));
    m.host_permissions.push(...extraHosts.map((h) => `https://${h}/*`));
    fs.writeFileSync(path.join(ext, 'manifest.json'), JSON.stringify(m));
  }
  const ctx = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: !display,
    viewport: { width: 1280, height: 900 },
    locale: lang,
    env: { ...process.env, ...(trustLocalTls ? { HOME: localTls().home } : {}), LANGUAGE: lang.replace('-', '_'), LANG: `${lang.replace('-', '_')}.UTF-8`, ...(display ? { DISPLAY: display } : {}) },
    args: [`--lang=${lang}`, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, ...BROWSER_ARGS],
  });
  const fetched = []; // avatar URLs requested (by the worker)
  const extensionRequests = []; // every request the extension itself makes (worker, extension pages)
  const answer = (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === 'pbs.twimg.com') fetched.push(path.basename(u.pathname));
    const { status, type, body } = xFixture(u);
    route.fulfill({ status, contentType: type, body });
  };
  await ctx.route(/^https:\/\/(x\.com|twitter\.com|pbs\.twimg\.com|abs-0\.twimg\.com)\//, answer);
  const fromExtension = (r) => {
    if (r.serviceWorker()) return true;
    try {
      return r.frame().url().startsWith('chrome-extension://');
    } catch {
      return true; // no frame: a worker's request
    }
  };
  // The request recorder (issue 24, item 6; recorder.mjs): the extension's requests, the images the
  // web pages asked for (what they show: an <img>, a picture's source, a CSS background), and the tabs the
  // extension opened. close() fails a test whose extension requested anything but those images and
  // `expectedRequests`, or opened a tab at an address `expectedTabs` does not match.
  // A content script runs in the page's frame, so Playwright gives its requests to the page: each page's
  // own CDP session reads their initiator, and a request whose initiating script (any frame of its stack,
  // async parents included: an <img> the script inserted is requested in a task of its own, whose
  // initiator Chromium otherwise reports as the page's parser) is at chrome-extension:// is the
  // extension's, never an image the page showed.
  const pageImages = []; // images requested from web pages' frames (Playwright's view)
  const byExtensionCode = new Set(); // addresses requested from a page frame by the extension's scripts
  const byPage = new Set(); // addresses requested from a page frame by the page's own code or markup
  const ofExtension = (initiator) => {
    if ((initiator?.url || '').startsWith('chrome-extension://')) return true;
    for (let s = initiator?.stack; s; s = s.parent) if (s.callFrames.some((f) => f.url.startsWith('chrome-extension://'))) return true;
    return false;
  };
  // A picture a stylesheet names (a CSS background) is requested with the stylesheet as initiator, no
  // script on the stack: an extension's stylesheet file says so by its chrome-extension:// address (above),
  // but a <style> element a content script inserts names the page's address, as the page's own do. So each
  // stylesheet's element is traced to the script that created it (DOM.getNodeStackTraces), and the
  // addresses in the text of those a chrome-extension:// script created are the extension's when a
  // stylesheet or the parser requests them; decided in strayRequests, once every sheet is read.
  const bySheet = []; // addresses requested by markup or a stylesheet (a "parser" initiator)
  const inExtensionSheets = new Set(); // addresses named by stylesheets the extension's scripts created
  const reading = new Set(); // stylesheets still being read
  const sheetUrls = (text, base) => [...text.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/gi)]
    .map((m) => m.slice(1).find((x) => x !== undefined))
    .flatMap((u) => { try { return [new URL(u, base).href]; } catch { return []; } });
  const readSheet = async (s, { styleSheetId, ownerNode, sourceURL }) => {
    if (!ownerNode) return;
    const { root } = await s.send('DOM.getDocument', { depth: 0 });
    const { nodeIds: [nodeId] } = await s.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds: [ownerNode] });
    const { creation } = await s.send('DOM.getNodeStackTraces', { nodeId });
    if (!ofExtension({ stack: creation })) return;
    const { text } = await s.send('CSS.getStyleSheetText', { styleSheetId });
    for (const u of sheetUrls(text, sourceURL || root.baseURL)) inExtensionSheets.add(u);
  };
  // Every target in a page, its top frame's first: a frame from another site (an out-of-process iframe,
  // where the content script also runs: all_frames) is a target of its own, whose requests the page's
  // session never sees. Each session auto-attaches to its children, paused until instrumented
  // (waitForDebuggerOnStart), recursively; Playwright's CDP sessions cannot address a flattened child
  // session, so the children's messages go through their parent (Target.sendMessageToTarget).
  const childSession = (parent, sessionId) => {
    const listeners = new Map();
    const pending = new Map();
    let id = 0;
    parent.on('Target.receivedMessageFromTarget', (e) => {
      if (e.sessionId !== sessionId) return;
      const m = JSON.parse(e.message);
      if (m.id && pending.has(m.id)) {
        const { resolve, reject } = pending.get(m.id);
        pending.delete(m.id);
        if (m.error) reject(new Error(`${m.error.message}`));
        else resolve(m.result);
      } else if (m.method) for (const fn of listeners.get(m.method) || []) fn(m.params);
    });
    parent.on('Target.detachedFromTarget', (e) => {
      if (e.sessionId !== sessionId) return;
      for (const { reject } of pending.values()) reject(new Error('target gone'));
      pending.clear();
    });
    return {
      on: (method, fn) => listeners.set(method, [...(listeners.get(method) || []), fn]),
      // Bounded: a page closed with a read under way may take its session down without the detach event,
      // and an answer that never comes must not hold strayRequests (and close()) until the test's timeout.
      send: (method, params = {}) => new Promise((resolve, reject) => {
        const n = ++id;
        const timer = setTimeout(() => pending.delete(n) && reject(new Error(`no answer to ${method}`)), 10000);
        timer.unref();
        const settle = (fn) => (v) => { clearTimeout(timer); pending.delete(n); fn(v); };
        pending.set(n, { resolve: settle(resolve), reject: settle(reject) });
        parent.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: n, method, params }) }).catch(settle(reject));
      }),
    };
  };
  const instrument = async (s, child) => {
    try {
      s.on('Network.requestWillBeSent', ({ request: { url }, initiator }) => {
        if (!/^https?:/.test(url)) return;
        if (ofExtension(initiator)) {
          byExtensionCode.add(url);
          extensionRequests.push(url);
        } else if (asyncStacks && initiator?.type === 'parser') bySheet.push(url);
        else byPage.add(url);
      });
      // Only a web page's frames: an extension page's session is also given the extension's service
      // worker and workers, whose requests (Playwright's view, above) carry no script address.
      s.on('Target.attachedToTarget', ({ sessionId, targetInfo: { type, url } }) => {
        const c = childSession(s, sessionId);
        if (type === 'iframe' && !url.startsWith('chrome-extension://')) instrument(c, true);
        else c.send('Runtime.runIfWaitingForDebugger').catch(() => {});
      });
      await s.send('Network.enable');
      // A picture's request starts in a task after the script that set its address: only the async
      // stack (the debugger's, which records it) names that script. Pauses are skipped: a page's
      // `debugger;` statement must not stop it.
      if (asyncStacks) {
        await s.send('Debugger.enable');
        await s.send('Debugger.setSkipAllPauses', { skip: true });
        await s.send('Debugger.setAsyncCallStackDepth', { maxDepth: 32 });
        // One at a time: DOM.getDocument renumbers the nodes another read may hold. A node no script
        // created has no creation stack (an error), as one in a frame gone meanwhile.
        let queue = Promise.resolve();
        s.on('CSS.styleSheetAdded', ({ header }) => {
          const read = queue.then(() => readSheet(s, header)).catch(() => {});
          queue = read;
          reading.add(read);
          read.finally(() => reading.delete(read));
        });
        await s.send('DOM.enable');
        await s.send('DOM.setNodeStackTracesEnabled', { enable: true });
        await s.send('CSS.enable');
        await s.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
      }
    } catch (e) {
      if (!child) throw e; // the page's own: watch() below
      // a frame removed meanwhile
    } finally {
      if (child) await s.send('Runtime.runIfWaitingForDebugger').catch(() => {});
    }
  };
  const watched = new WeakMap();
  const visited = new Map(); // page: the http(s) addresses of its top frame's navigation entries
  const history = async (page, cdp) => {
    const { entries } = await cdp.send('Page.getNavigationHistory');
    const urls = visited.get(page) || [];
    for (const { url } of entries) if (/^https?:/.test(url) && !urls.includes(url)) urls.push(url);
    visited.set(page, urls);
  };
  const watch = (page) => {
    if (!watched.has(page)) {
      watched.set(page, (async () => {
        const cdp = await ctx.newCDPSession(page);
        await instrument(cdp, false);
        page.on('framenavigated', (f) => { if (f === page.mainFrame()) history(page, cdp).catch(() => {}); });
        await history(page, cdp);
        return cdp;
      })().catch(() => null)); // a page closed meanwhile
    }
    return watched.get(page);
  };
  // The tabs the extension opened: pages the test did not open (ctx.newPage) nor a page did (a popup),
  // with every http(s) address their top frame was at (the review queue reuses its tab). Read from each
  // page's navigation history: a tab the extension creates may navigate before Playwright sees its
  // requests, and a failed navigation leaves the page at chrome-error://, its entry at the address.
  const testPages = new WeakSet(ctx.pages());
  const newPage = ctx.newPage.bind(ctx);
  ctx.newPage = async (...args) => {
    const page = await newPage(...args);
    testPages.add(page);
    await watch(page);
    return page;
  };
  ctx.on('page', (page) => { watch(page); });
  for (const page of ctx.pages()) watch(page);
  const shownImages = new Set();
  ctx.on('request', (r) => {
    if (!/^https?:/.test(r.url())) return;
    if (fromExtension(r)) extensionRequests.push(r.url());
    else if (r.resourceType() === 'image') pageImages.push(r.url());
  });
  const openedTabs = async () => {
    const out = [];
    for (const page of ctx.pages()) {
      const cdp = await watch(page);
      if (cdp && !page.isClosed()) await history(page, cdp).catch(() => {});
    }
    for (const [page, urls] of visited) {
      if (testPages.has(page) || (await page.opener().catch(() => null))) continue;
      for (const u of urls) if (!out.includes(u)) out.push(u);
    }
    return out;
  };
  const strayRequests = async () => {
    while (reading.size) await Promise.all(reading);
    for (const u of bySheet.splice(0)) {
      if (!inExtensionSheets.has(u)) byPage.add(u);
      else if (!byExtensionCode.has(u)) {
        byExtensionCode.add(u);
        extensionRequests.push(u);
      }
    }
    shownImages.clear();
    for (const u of pageImages) if (!byExtensionCode.has(u) || byPage.has(u)) shownImages.add(u);
    return strays(extensionRequests, shownImages, expectedRequests);
  };
  const strayTabs = async () => strays(await openedTabs(), [], expectedTabs);
  let [worker] = ctx.serviceWorkers();
  if (!worker) worker = await ctx.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;
  // Installing opens the options page (first run); wait for it so nothing races with it.
  let firstRun = null;
  for (let i = 0; i < 50 && !firstRun; i++) {
    firstRun = ctx.pages().find((p) => p.url().endsWith('/ui/options/options.html')) || null;
    if (!firstRun) await new Promise((r) => setTimeout(r, 100));
  }
  if (firstRun) {
    testPages.add(firstRun); // the test's to use, as a page it opened
    await firstRun.waitForLoadState('load');
  }
  // close() fails when the extension requested anything but an image a page showed or an expected address.
  const close = async () => {
    const stray = await strayRequests();
    const tabs = await strayTabs();
    await ctx.close();
    if (stray.length || tabs.length) throw strayError(stray, tabs);
  };
  return { ctx, worker, extensionId, fetched, extensionRequests, shownImages, strayRequests, openedTabs, strayTabs, firstRun, close, profileDir };
}

/**
 * `launch` in a real window on a virtual X display (Xvfb): keys pressed there with `h.keys('alt+shift+v')`
 * (xdotool, in the browser's window) reach the browser's own shortcuts, an extension's `commands` among
 * them, as a reviewer's keyboard does; headless Chromium hands them none. `close()` ends both.
 */
export async function launchOnXvfb(options = {}) {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1366x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  try {
    const display = await new Promise((resolve, reject) => {
      xvfb.on('error', (e) => reject(new Error(`Xvfb could not start (make browser-tools installs it): ${e.message}`)));
      xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before giving its display`)));
      xvfb.stdio[3].on('data', (d) => resolve(`:${String(d).trim()}`));
    });
    const h = await launch({ ...options, display });
    await h.ctx.newPage(); // a headed browser quits with its last window
    const env = { ...process.env, DISPLAY: display };
    const keys = (combo) => {
      const [win] = execFileSync('xdotool', ['search', '--onlyvisible', '--class', 'chromium'], { env }).toString().trim().split('\n');
      execFileSync('xdotool', ['windowfocus', '--sync', win], { env });
      execFileSync('xdotool', ['key', '--clearmodifiers', combo], { env });
    };
    return { ...h, keys, close: async () => { try { await h.close(); } finally { xvfb.kill(); } } };
  } catch (e) {
    xvfb.kill();
    throw e;
  }
}

/**
 * Memory of this browser's extension process (where the service worker runs), from /proc (Linux): its
 * resident size now and its peak (VmHWM), in MB. Found by its command line: --extension-process, and
 * this browser's --user-data-dir (Chromium passes it to its renderers). Null where /proc cannot tell.
 */
export function extensionProcessMemory(h) {
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      // Chromium rewrites its processes' titles: the arguments may be joined by spaces, not NULs.
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
      if (!cmd.includes('--extension-process') || !cmd.includes(`--user-data-dir=${h.profileDir}`)) continue;
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const mb = (key) => Math.round(Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)[1]) / 1024);
      return { pid: Number(pid), rss: mb('VmRSS'), peak: mb('VmHWM') };
    } catch {
      // a process that ended meanwhile
    }
  }
  return null;
}

// Load the demo list the way a new user does: the options page's first-run button.
export async function loadDemoList(h) {
  let page = h.firstRun && !h.firstRun.isClosed() ? h.firstRun : null;
  if (!page) {
    page = await h.ctx.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
  }
  // By id, so it works in every interface language.
  await page.locator('#load-demo').click();
  await page.locator('#current').filter({ hasText: /: 6 / }).waitFor();
  await page.close();
}

// Values of the extension's private store (extension/shared/private-store.js: IndexedDB of the extension's
// origin), read in the worker: {key: value} for the `keys` stored.
export function privateValues(h, keys) {
  return h.worker.evaluate((ks) => new Promise((resolve, reject) => {
    const req = indexedDB.open('vipguard-private', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('values');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const out = {};
      const tx = req.result.transaction('values');
      for (const k of ks) {
        const get = tx.objectStore('values').get(k);
        get.onsuccess = () => { if (get.result !== undefined) out[k] = get.result; };
      }
      tx.oncomplete = () => { req.result.close(); resolve(out); };
      tx.onerror = () => reject(tx.error);
    };
  }), keys);
}

// Writes `values` ({key: value}) to the private store as an extension page would: one transaction, then
// the change announced on the store's channel (the worker reads again what depends on it). A changed list
// gets a new id, as the options page gives it. Run inside an extension context (a worker or a page, in
// Chromium or Firefox): pass it to `evaluate` with the values.
export function writePrivateValues(vs) {
  return new Promise((resolve, reject) => {
    if ('protectedList' in vs) vs = { ...vs, listGen: crypto.randomUUID() };
    const req = indexedDB.open('vipguard-private', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('values');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction('values', 'readwrite');
      for (const [k, v] of Object.entries(vs)) tx.objectStore('values').put(v, k);
      tx.oncomplete = () => {
        req.result.close();
        const channel = new BroadcastChannel('vipguard-private-store');
        channel.postMessage({ keys: Object.keys(vs) });
        channel.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

// The same, in the Chromium extension's worker.
export function setPrivateValues(h, values) {
  return h.worker.evaluate(writePrivateValues, values);
}

// The protected list in use, as an object (the options page stores it as JSON text).
export async function storedList(h) {
  const l = (await privateValues(h, ['protectedList'])).protectedList;
  return typeof l === 'string' ? JSON.parse(l) : l;
}

// Visit an X URL and wait until annotations settle (the count stops changing).
export async function visit(h, url, { expect = 1, page } = {}) {
  page = page || await h.ctx.newPage();
  await page.goto(url);
  await settle(page, expect);
  return page;
}

export async function settle(page, expect = 1) {
  await until(async () => (await annotations(page)).filter((a) => a.verdict).length >= expect, `${expect} annotation(s)`, { timeout: 15000 });
  let last = -1;
  for (let i = 0; i < 20; i++) {
    const now = (await annotations(page)).map((a) => `${a.kind}:${a.verdict}`).join();
    if (now === last) break;
    last = now;
    await page.waitForTimeout(400);
  }
}

// What the tests read of annotations, without any hook in the extension: the page's DOM gives where
// the hosts are; the closed shadow roots (read through CDP, as only a debugger can) give each one's kind
// and a badge's verdict; the banner's and cards' frames (extension pages, read through Playwright's
// frames) give what they show.
const VERDICTS = ['impersonation', 'suspicious', 'labelled', 'own', 'allowed', 'clear', 'cleared'];
const verdictOf = (className) => {
  const v = String(className || '').split(/\s+/).find((c) => VERDICTS.includes(c)) || null;
  return v === 'cleared' ? 'clear' : v;
};

/** The annotation frames of `page` (a banner's, a card's), optionally of one `kind`. */
export function annotationFrames(page, kind = null) {
  return page.frames().filter((f) => {
    const m = f.url().match(/\/ui\/frame\/frame\.html#(.*)$/);
    return m && (!kind || new URLSearchParams(m[1]).get('kind') === kind);
  });
}

// Each annotation host in document order, from inside its closed shadow root: {kind, verdict (badges),
// frame (its address, for frames), label (a badge's aria-label), className}.
async function hostsInside(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const out = [];
    const attr = (n, name) => { const a = n.attributes || []; const i = a.indexOf(name); return i >= 0 && i % 2 === 0 ? a[i + 1] : null; };
    const walk = (n) => {
      if (n.nodeName === 'VIPGUARD-ANNOTATION' && n.shadowRoots && n.shadowRoots.length) {
        const inner = (n.shadowRoots[0].children || []).find((c) => c.nodeType === 1 && c.nodeName !== 'STYLE');
        if (inner && inner.nodeName === 'IFRAME') {
          const src = attr(inner, 'src') || '';
          out.push({ kind: new URLSearchParams(src.split('#')[1] || '').get('kind') || 'banner', frame: src });
        } else if (inner && /\bbadge\b/.test(attr(inner, 'class') || '')) {
          out.push({ kind: 'badge', verdict: verdictOf(attr(inner, 'class')), label: attr(inner, 'aria-label'), className: attr(inner, 'class') });
        } else {
          out.push({ kind: 'notice' });
        }
      }
      for (const c of n.children || []) walk(c);
    };
    walk(root);
    return out;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// The spoken label of every badge on the page ("vipguard: Impersonation"), in the page's order: the badges'
// words alone, not those of a card or banner open on the page (their titles read alike).
export async function badgeLabels(page) {
  return (await hostsInside(page)).filter((a) => a.kind === 'badge').map((a) => a.label || '');
}

// The class names of a frame's box (its verdict, theme, folded), or null before it has drawn.
// A frame's answer, or a rejection after 5 s: an annotation frame closed or replaced while asked (a card
// the pointer left, a banner redrawn) can leave Playwright's evaluate waiting for ever.
export function frameEvaluate(frame, fn, arg) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('the frame did not answer (detached or replaced)')), 5000); });
  return Promise.race([frame.evaluate(fn, arg), late]).finally(() => clearTimeout(timer));
}

const boxClass = (frame) => frameEvaluate(frame, () => { const b = document.querySelector('.box'); return b ? b.className : null; }).catch(() => null);

// Annotations on the page: kind (banner, badge, card, notice), verdict, the account they sit on, shown or not.
export async function annotations(page) {
  const [placed, inside] = await Promise.all([
    page.evaluate(() => [...document.querySelectorAll('vipguard-annotation')].map((e) => {
      const block = e.closest('[data-testid="User-Name"], [data-testid="UserCell"]');
      const handle = block ? (block.textContent.match(/@([A-Za-z0-9_]{1,50})/) || [])[1] : null;
      const r = e.getBoundingClientRect();
      return { handle, visible: r.width > 0 && r.height > 0 };
    })),
    hostsInside(page),
  ]);
  const frames = annotationFrames(page);
  const out = [];
  for (let i = 0; i < Math.min(placed.length, inside.length); i++) {
    const a = { ...placed[i], kind: inside[i].kind, verdict: inside[i].verdict || null };
    if (inside[i].frame) {
      const f = frames.find((x) => x.url().split('#')[1] === inside[i].frame.split('#')[1]);
      a.verdict = f ? verdictOf(await boxClass(f)) : null;
      // A banner's frame made ahead (content/annotate.js prepare), or kept from a profile left: hidden
      // and showing nothing, it is no banner (the tests that it shows nothing read it directly).
      if (a.kind === 'banner' && !a.visible && !a.verdict) continue;
    }
    out.push(a);
  }
  return out;
}

// A keyboard shortcut for `page`'s tab as the worker sends one (worker/commands.js commandToTab; headless
// Chromium hands keys to no command), from an extension page of the test's own, where the worker's module
// can be imported (a service worker cannot import one at run time): the shipped worker has no hook for
// the tests. `page` is brought to the front again, as a reviewer's tab is when they press the keys.
export async function sendCommand(h, page, command) {
  const tabs = await h.worker.evaluate(async (u) => (await chrome.tabs.query({})).filter((t) => t.url === u).map((t) => t.id), page.url());
  if (tabs.length !== 1) throw new Error(`sendCommand: ${tabs.length} tabs at ${page.url()}, not one`);
  const [tabId] = tabs;
  if (!h.commandPage || h.commandPage.isClosed()) {
    h.commandPage = await h.ctx.newPage();
    await h.commandPage.goto(`chrome-extension://${h.extensionId}/ui/popup/popup.html`);
  }
  await page.bringToFront();
  await h.commandPage.evaluate(async ([c, id]) => (await import('/worker/commands.js')).commandToTab(c, id), [command, tabId]);
}

// Which annotation has keyboard focus: 'banner' or 'card' (focus inside its frame), 'badge', or null.
export async function focusedAnnotation(page) {
  for (const f of annotationFrames(page)) {
    if (await frameEvaluate(f, () => document.hasFocus() && document.activeElement !== document.body).catch(() => false)) {
      return new URLSearchParams(f.url().split('#')[1]).get('kind');
    }
  }
  const onHost = await page.evaluate(() => document.activeElement && document.activeElement.nodeName === 'VIPGUARD-ANNOTATION'
    && !document.activeElement.hasAttribute('popover'));
  return onHost ? 'badge' : null;
}

/**
 * Whether the annotations move the page's own content: the top and height of every element of the
 * page (ours left out) with the annotations shown, then with them hidden. Left and width are not
 * compared: a badge takes room on its own line.
 */
export async function layoutWithAndWithoutAnnotations(page) {
  const read = () => page.evaluate(() => [...document.body.querySelectorAll('*')]
    .filter((e) => !e.closest('vipguard-annotation'))
    .map((e) => { const r = e.getBoundingClientRect(); return `${e.tagName} ${r.top} ${r.height}`; }));
  const shown = await read();
  await page.evaluate(() => document.querySelectorAll('vipguard-annotation').forEach((e) => { e.style.display = 'none'; }));
  const hidden = await read();
  await page.evaluate(() => document.querySelectorAll('vipguard-annotation').forEach((e) => { e.style.display = ''; }));
  return { shown, hidden };
}

// The words of every annotation: the frames' text, the badges' labels, notices' text.
export async function shadowText(page) {
  const out = [];
  for (const f of annotationFrames(page)) {
    out.push(await frameEvaluate(f, () => {
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const t = [];
      while (w.nextNode()) t.push(w.currentNode.nodeValue);
      return t.join(' ');
    }).catch(() => ''));
  }
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const walk = (n, inShadow) => {
      if (n.nodeType === 3 && inShadow) out.push(n.nodeValue);
      const a = n.attributes || [];
      if (inShadow && a.includes('aria-label') && /\bbadge\b/.test(a[a.indexOf('class') + 1] || '')) out.push(a[a.indexOf('aria-label') + 1]);
      for (const c of n.children || []) walk(c, inShadow);
      for (const s of n.shadowRoots || []) walk(s, true);
    };
    walk(root, false);
  } finally {
    await cdp.detach().catch(() => {});
  }
  return out.join(' ');
}

// Class names of the elements of every annotation (to check the theme, the verdict, folding).
export async function shadowClasses(page) {
  const out = [];
  for (const f of annotationFrames(page)) {
    out.push(...await frameEvaluate(f, () => [...document.querySelectorAll('[class]')].map((e) => e.className)).catch(() => []));
  }
  for (const hst of await hostsInside(page)) if (hst.className) out.push(hst.className);
  return out;
}

// The worker's record of what it checked on a tab (what the popup shows).
export async function tabRecord(h, page) {
  const url = page.url();
  return h.worker.evaluate(async (u) => {
    const all = await chrome.storage.session.get(null);
    return Object.values(all).find((r) => r && r.url === u && Array.isArray(r.items)) || null;
  }, url);
}

// Elements of the annotation frames named `tag` whose text or aria-label is `label` (any, when no
// label), with their boxes in the page's window ({x, y, width, height, attributes, rendered}); and the
// badges (tag SPAN) inside their closed shadow roots.
export async function shadowBoxes(page, { tag = 'BUTTON', label = null } = {}) {
  const out = [];
  for (const f of annotationFrames(page)) {
    const el = await f.frameElement().catch(() => null);
    const at = el && await el.boundingBox();
    if (!at) continue;
    const found = await frameEvaluate(f, ([tag, label]) => [...document.querySelectorAll(tag)].filter((e) => label == null
      || e.textContent.trim() === label || e.getAttribute('aria-label') === label).map((e) => {
      const r = e.getBoundingClientRect();
      const attributes = Object.fromEntries([...e.attributes].map((a) => [a.name, a.value]));
      return { text: e.textContent.trim(), attributes, x: r.x, y: r.y, width: r.width, height: r.height, rendered: e.getClientRects().length > 0 };
    }), [tag, label]).catch(() => []);
    for (const b of found) out.push({ ...b, x: b.x + at.x, y: b.y + at.y, frame: f });
  }
  if (tag === 'SPAN') {
    for (const hst of await hostsInside(page)) if (hst.kind === 'badge' && (label == null || hst.label === label)) out.push({ text: '', attributes: { 'aria-label': hst.label, class: hst.className } });
  }
  return out;
}

// A real mouse click (so the browser grants user activation, as the clipboard needs) on the element of an
// annotation frame whose text or aria-label is `label`, scrolled into view; or on a badge (tag SPAN, by
// its aria-label) inside its closed shadow root, found through CDP.
// Input that removes the frame it lands in (Close, Escape on a card) can go unacknowledged: Chromium
// drops the acknowledgement of an event whose out-of-process frame was destroyed while handling it, and
// Playwright's click or key press then waits for ever (seen: mouseReleased on "Close for this profile").
// The input has been delivered by then; the test's next assertions check what it did.
export async function settledInput(input, what, ms = 5000) {
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve('late'), ms); });
  const out = await Promise.race([input.then(() => 'done'), late]);
  clearTimeout(timer);
  if (out === 'late') {
    input.catch(() => {});
    console.warn(`harness: ${what}: no acknowledgement from the browser after ${ms} ms (its frame went away); going on`);
  }
}

// A key press on the page, as settledInput allows.
export const press = (page, key) => settledInput(page.keyboard.press(key), `key ${key}`);

export async function shadowClick(page, label, { tag = 'BUTTON' } = {}) {
  // An annotation redrawn between finding the element and clicking it: find it again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await shadowClickOnce(page, label, tag);
    } catch (e) {
      if (attempt >= 3 || !/Could not find node|No node with given id|no .* in an annotation|detached|Execution context/.test(e.message)) throw e;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

async function shadowClickOnce(page, label, tag) {
  for (const f of annotationFrames(page)) {
    let at = null;
    let r = null;
    let before = null; // the place found on the try before: a click waits until it stops moving
    // A frame just resized by the content script (a banner unfolding) lays itself out again a moment
    // later, in its own process: until its window is the size of its element, the element's place inside
    // it is the old layout's, and a click there lands on its neighbour.
    for (let tries = 0; tries < 50; tries++) {
      const el = await f.frameElement().catch(() => null);
      at = el && await el.boundingBox();
      if (!at) break;
      r = await frameEvaluate(f, ([tag, label]) => {
        const e = [...document.querySelectorAll(tag)].find((x) => x.textContent.trim() === label || x.getAttribute('aria-label') === label);
        if (!e || !e.getClientRects().length) return null;
        e.scrollIntoView({ block: 'nearest' });
        const b = e.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2, w: innerWidth, h: innerHeight, seen: document.documentElement.hasAttribute('data-seen') };
      }, [tag, label]).catch(() => null);
      // A frame takes decisions only once it has been in full view for a moment (frame.js, against
      // clickjacking): a reviewer does not click what the window has not shown yet.
      // And the button must stand still: a frame drawn again after a decision moves focus (and may scroll
      // its evidence) a frame later, and a click aimed at the old place lands on nothing.
      const place = r && `${at.x + r.x},${at.y + r.y}`;
      if (!r || (Math.abs(r.w - at.width) <= 1 && Math.abs(r.h - at.height) <= 1 && r.seen && place === before)) break;
      before = place;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!at) continue;
    if (r) {
      await settledInput(page.mouse.click(at.x + r.x, at.y + r.y), `click on ${label}`);
      return;
    }
  }
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    let found = null;
    const textOf = (n) => (n.nodeType === 3 ? n.nodeValue : (n.children || []).map(textOf).join(''));
    const walk = (n, inShadow) => {
      if (found) return;
      if (inShadow && n.nodeName === tag) {
        const attrs = n.attributes || [];
        const aria = attrs[attrs.indexOf('aria-label') + 1];
        if (textOf(n).trim() === label || (attrs.includes('aria-label') && aria === label)) found = n;
      }
      for (const c of n.children || []) walk(c, inShadow);
      for (const s of n.shadowRoots || []) walk(s, true);
    };
    walk(root, false);
    if (!found) throw new Error(`no ${tag} "${label}" in an annotation`);
    await cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId: found.nodeId });
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId: found.nodeId });
    const q = model.content;
    await settledInput(page.mouse.click((q[0] + q[4]) / 2, (q[1] + q[5]) / 2), `click on ${label}`);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// Types `text` into the banner's decision note. A click in a frame of another process moves keyboard
// focus there a moment later, and keys sent before then go to the page: the last CI run, under load, lost
// "SEC-9" that way. So: click, wait until the note has focus, type, and see the words arrive.
export async function typeNote(page, text, label = 'Decision note (optional)') {
  const note = async () => {
    for (const f of annotationFrames(page, 'banner')) {
      const v = await frameEvaluate(f, (l) => {
        const e = [...document.querySelectorAll('input')].find((x) => x.getAttribute('aria-label') === l);
        return e && { value: e.value, focused: document.hasFocus() && document.activeElement === e };
      }, label).catch(() => null);
      if (v) return v;
    }
    return null;
  };
  await shadowClick(page, label, { tag: 'INPUT' });
  await until(async () => (await note())?.focused, `keyboard focus in "${label}"`);
  await page.keyboard.type(text);
  await until(async () => (await note())?.value === text, `"${text}" in "${label}"`);
}

// Asserts that the buttons inside annotations named `labels` are all drawn, each wholly inside the window.
export async function actionsInView(page, labels) {
  const size = await page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
  const buttons = (await shadowBoxes(page, { tag: 'BUTTON' })).filter((b) => b.rendered && labels.includes(b.text));
  if (buttons.length !== labels.length) throw new Error(`buttons drawn: ${JSON.stringify(buttons.map((b) => b.text))}, wanted ${JSON.stringify(labels)}`);
  for (const b of buttons) {
    if (!(b.y >= 0 && b.y + b.height <= size.h && b.x >= 0 && b.x + b.width <= size.w)) {
      throw new Error(`${b.text} at ${JSON.stringify({ ...b, frame: undefined })} is outside the window ${JSON.stringify(size)}`);
    }
  }
}

// A screenshot for a person to look at, in target/screenshots/ (kept by CI as an artefact).
export async function screenshot(page, name) {
  const dir = path.join(ROOT, 'target', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

// The banner's verdict, as its frame shows it (null before there is one).
export async function bannerVerdict(page) {
  const [f] = annotationFrames(page, 'banner');
  return f ? verdictOf(await boxClass(f)) : null;
}

// Stops the extension's service worker (as Chrome does after an idle spell), lets a page at `url` start
// it again, and returns the page's banner verdict and how the new worker's engine started
// (`globalThis.vipguardEngine`). `h.worker` becomes the new worker.
export async function restartWorker(h, url) {
  const page = await h.ctx.newPage();
  const cdp = await h.ctx.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await visit(h, url, { page });
  const verdict = await bannerVerdict(page);
  await page.close();
  h.worker = h.ctx.serviceWorkers()[0];
  return { verdict, engine: await h.worker.evaluate(() => globalThis.vipguardEngine) };
}

// Whether the worker has kept its engine's snapshot of the list in use (extension/worker/engine.js).
export async function engineKept(h) {
  const { listGen } = await privateValues(h, ['listGen']);
  const gen = await h.worker.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('vipguard-engine', 1);
    req.onsuccess = () => {
      const get = req.result.transaction('engine').objectStore('engine').get('checker');
      get.onsuccess = () => resolve(get.result ? get.result.gen : null);
      get.onerror = () => resolve(null);
    };
    req.onerror = () => resolve(null);
  }));
  return gen != null && gen === listGen;
}

// Waits until `fn()` returns something truthy (polling), or fails with `what`.
// `s` as a regular expression matching it literally (an address in `expectedRequests`).
export const literally = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export async function until(fn, what, { timeout = 10000, every = 200 } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, every));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

// The other sites' fixture pages (tests/e2e/fixtures/sites/) at their real addresses, and their
// avatars from each site's own image host (files of demo/avatars by name). Mastodon's is on a server
// of its own, as any instance would be.
const SITE_FIXTURES = path.join(ROOT, 'tests/e2e/fixtures/sites');
export const SITE_PAGES = {
  'https://social.example.africa/@kwabenamensah': 'mastodon-profile.html',
  'https://social.example.africa/@kwabenamensah/media': 'mastodon-redesign.html',
  'https://bsky.app/profile/adaeze-okonkwo.bsky.social': 'bluesky-profile.html',
  'https://bsky.app/profile/kwabenamensah.bsky.social/followers': 'bluesky-followers.html',
  'https://github.com/zenith-harbour-bank': 'github-profile.html',
  'https://www.instagram.com/tundemi_official/': 'instagram-profile.html',
  'https://www.instagram.com/tundemi/followers/': 'instagram-followers.html',
  'https://www.youtube.com/@IbrahimaDialloTV': 'youtube-channel.html',
  'https://www.tiktok.com/@aminata.sowe': 'tiktok-profile.html',
  'https://www.tiktok.com/@aminata.sowe?lang=fr': 'tiktok-profile-swapped.html',
  // Markup written by a red team from the sites' current source, not by the adapters' authors.
  'https://social.example.africa/@kwabenamensah/with_replies': 'mastodon-43.html',
  'https://mastodon.social/@kwabena.mensah@pixelfed.social': 'mastodon-remote-dot.html',
  'https://social.example.africa/@ama_owusu/media': 'mastodon-redesign-stale.html',
  'https://bsky.app/profile/did:plc:k7wmensahimpostor00000': 'bluesky-did.html',
  'https://bsky.app/profile/ngozi-eze.bsky.social': 'bluesky-no-name.html',
  'https://github.com/ZenithHarb0ur': 'github-pronouns.html',
  'https://www.instagram.com/tundemi_official/reels/': 'instagram-reels-fr.html',
  'https://www.instagram.com/tundemi_official/?igsh=late': 'instagram-late-counts.html',
  'https://www.instagram.com/tundemi.officiel/': 'instagram-stale-head.html',
  'https://www.instagram.com/tundemi/following/': 'instagram-followers-fr.html',
  'https://www.youtube.com/channel/UCk7IbrahimaHindiCopy0001': 'youtube-hindi-channel.html',
  'https://www.youtube.com/@IbrahimaDialloTV/posts': 'youtube-posts.html',
  'https://www.instagram.com/p/C0ffee123/': 'instagram-post-dialog.html',
  'https://www.tiktok.com/@aminata.sowe/video/7300000000000000001': 'tiktok-replies.html',
  'https://bsky.app/': 'bluesky-reposts.html',
  'https://bsky.app/profile/kwabena-mensah-gh.bsky.social': 'bluesky-pinned.html',
  'https://www.youtube.com/watch?v=abc123': 'youtube-creator-comments.html',
  'https://github.com/zenith-harbour-bank/app/stargazers': 'github-stargazers.html',
  'https://www.youtube.com/@cookingwithfatou': 'youtube-stale-screen.html',
  'https://m.youtube.com/@IbrahimaDialloTV': 'youtube-mobile-channel.html',
  'https://m.youtube.com/watch?v=abc123': 'youtube-mobile-comments.html',
  'https://www.tiktok.com/@zenith.harbour.help': 'tiktok-link.html',
  // A profile's link field (not its bio) naming a lookalike of the bank's site, one page per site.
  'https://social.example.africa/@zenithharbour_help': 'mastodon-fields.html',
  'https://social.example.africa/@zenithharbour_help/media': 'mastodon-fields-redesign.html',
  'https://bsky.app/profile/zenithharbour-care.bsky.social': 'bluesky-link.html',
  'https://www.instagram.com/zenithharbour.care/': 'instagram-link.html',
  'https://www.youtube.com/@ZenithHarbourLive': 'youtube-links.html',
  'https://github.com/zenithharbour-dev': 'github-org.html',
  'https://github.com/zenithharbour-ops': 'github-user-site.html',
  // An icon in the name that is not the site's verified mark (and YouTube's older header, whose check is).
  'https://www.youtube.com/@fatoumusic': 'youtube-fatoumusic.html',
  'https://www.youtube.com/@fatouemoji': 'youtube-fatouemoji.html',
  'https://www.youtube.com/@fatouverified': 'youtube-c4-header.html',
  'https://bsky.app/profile/ngozi-beats.bsky.social': 'bluesky-icon.html',
  // Bluesky's account lists as the real app draws them (issue 21), and a profile opened by DID over a hidden one.
  'https://bsky.app/profile/kwabenamensah.bsky.social/follows': 'bluesky-following.html',
  'https://bsky.app/search?q=kwabena+mensah': 'bluesky-search.html',
  'https://bsky.app/search': 'bluesky-search-typing.html',
  'https://bsky.app/profile/chidi-n.bsky.social/post/3kxyz19/liked-by': 'bluesky-liked-by.html',
  'https://bsky.app/profile/chidi-n.bsky.social/post/3kxyz19/reposted-by': 'bluesky-reposted-by.html',
  'https://bsky.app/profile/did:plc:ngozieze00000000000000': 'bluesky-did-hidden.html',
  // Bluesky's followers and follows lists when empty, when failed, and an empty one hidden under a shown
  // list that cannot be read: the "cannot read" notice or not (sites.test.mjs).
  'https://bsky.app/profile/ama-new.bsky.social/followers': 'bluesky-followers-empty.html',
  'https://bsky.app/profile/ama-new.bsky.social/follows': 'bluesky-following-empty.html',
  'https://bsky.app/profile/ama-older.bsky.social/followers': 'bluesky-followers-empty-icon2.html',
  'https://bsky.app/profile/yaw-darko.bsky.social/followers': 'bluesky-followers-error.html',
  'https://bsky.app/profile/kofi-boateng.bsky.social/follows': 'bluesky-follows-hidden-empty.html',
  // Instagram's, TikTok's and YouTube's lists (listPage): one that cannot be read, and empty ones (the
  // "cannot read" notice or not, sites.test.mjs); the lists read are the pages above.
  'https://www.instagram.com/kwabena.m/following/': 'instagram-followers-unreadable.html',
  'https://www.instagram.com/ama.new/followers/': 'instagram-followers-empty.html',
  'https://www.instagram.com/ama.private/followers/': 'instagram-followers-private.html',
  'https://www.tiktok.com/@aminata.sowe/video/7300000000000000002': 'tiktok-comments-unreadable.html',
  'https://www.tiktok.com/@aminata.sowe/video/7300000000000000003': 'tiktok-comments-empty.html',
  'https://www.tiktok.com/@aminata.sowe/photo/7300000000000000004': 'tiktok-comments-unreadable.html', // a photo post's
  'https://www.youtube.com/watch?v=loading02': 'youtube-comments-loading.html',
  'https://www.youtube.com/watch?v=broken01': 'youtube-comments-unreadable.html',
  'https://www.youtube.com/watch?v=commentsoff': 'youtube-comments-off.html',
  'https://www.youtube.com/watch?v=loading01': 'youtube-comments-loading.html',
  // YouTube's other video pages (yt21): a short, a live stream's page, and each with comments that cannot
  // be read; m.youtube.com's comments that cannot be read.
  'https://www.youtube.com/shorts/Sh0rtAbc123': 'youtube-shorts.html',
  'https://www.youtube.com/shorts/Br0kenSh0rt': 'youtube-shorts-comments-unreadable.html',
  'https://www.youtube.com/shorts/N0Act1veRee1': 'youtube-shorts-no-active.html', // no reel marked [is-active] (yt21b)
  'https://www.youtube.com/live/Lv7aBcD9eFg': 'youtube-live.html',
  'https://www.youtube.com/live/Br0kenL1ve0': 'youtube-comments-unreadable.html', // a live stream's page is the watch page
  'https://m.youtube.com/watch?v=broken02': 'youtube-mobile-comments-unreadable.html',
  // YouTube's live chat (live21): popped out (a page of its own), a replay's framed into its watch page,
  // one that cannot be read and one with no message yet.
  'https://www.youtube.com/live_chat?is_popout=1&v=Lv7aBcD9eFg': 'youtube-live-chat.html',
  // The same chat, for the tests that change it (rows taken out, rows added) or run without its photos.
  'https://www.youtube.com/live_chat?is_popout=1&v=Ch4tR0wsG0n': 'youtube-live-chat.html',
  'https://www.youtube.com/watch?v=R3playIbr01': 'youtube-replay.html',
  'https://www.youtube.com/live_chat_replay?continuation=R3playIbr01chat': 'youtube-live-chat-replay.html',
  'https://www.youtube.com/live_chat?is_popout=1&v=Br0kenCh4t0': 'youtube-live-chat-unreadable.html',
  'https://www.youtube.com/live_chat?is_popout=1&v=Qu1etCh4t00': 'youtube-live-chat-empty.html',
  // The list fixtures' one script: it nests the avatar links in the rows' links as React does.
  'https://bsky.app/static/vipguard-test/nest-links.js': 'bluesky-nest-links.js',
};
// GitHub names avatars by account number.
const GITHUB_AVATARS = { 98765432: 'zenith.png', 11110001: 'zenith.png', 22220002: 'someone-else.png', 22220004: 'someone-else.png', 22220005: 'someone-else.png' };
const IMAGE_HOSTS = /^https:\/\/(media\.social\.example\.africa|cdn\.bsky\.app|avatars\.githubusercontent\.com|[a-z0-9-]+\.cdninstagram\.com|(yt3\.(ggpht|googleusercontent)|yt4\.ggpht)\.com|[a-z0-9-]+\.tiktokcdn\.com)\//;


// What the other sites' hosts answer, from the fixtures: a page of SITE_PAGES by its exact address,
// an avatar from demo/avatars by its file name (GitHub's by account number), else 404. Shared by
// Chromium's routes (serveSites) and Firefox's TLS server (firefox.test.mjs). `null`: not a site host.
const PAGE_HOSTS = new Set(Object.keys(SITE_PAGES).map((url) => new URL(url).hostname));
/** Whether the fixtures answer for this address's host (a site page's host or an image host). */
export const isSiteHost = (u) => IMAGE_HOSTS.test(u.href) || PAGE_HOSTS.has(u.hostname);

const INSTAGRAM_NO_PHOTO = '44884218_345707102882519_2446069589734326272_n.jpg';
export function siteFixture(u) {
  if (!isSiteHost(u)) return null;
  const missing = { status: 404, type: 'text/plain', body: 'not in the fixtures' };
  if (IMAGE_HOSTS.test(u.href)) {
    let name = path.basename(u.pathname).replace(/[@=~].*$/, '');
    if (u.hostname === 'avatars.githubusercontent.com') name = GITHUB_AVATARS[name];
    // Instagram's "no photo" picture, here the same picture as a protected account's (a list that enrolled
    // the site's default silhouette for an account): the worker must never fetch or match it.
    if (name === INSTAGRAM_NO_PHOTO) name = 'kwabena.png';
    const file = name && path.join(ROOT, 'demo/avatars', name);
    if (!file || !fs.existsSync(file)) return missing;
    return { status: 200, type: name.endsWith('.png') ? 'image/png' : 'image/jpeg', body: fs.readFileSync(file) };
  }
  const file = SITE_PAGES[u.href];
  const type = file && file.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8';
  return file ? { status: 200, type, body: fs.readFileSync(path.join(SITE_FIXTURES, file)) } : missing;
}

export async function serveSites(ctx) {
  const fulfil = (route) => {
    const { status, type, body } = siteFixture(new URL(route.request().url()));
    return route.fulfill({ status, contentType: type, body });
  };
  await ctx.route(IMAGE_HOSTS, fulfil);
  // A glob reads "?" as a wildcard: addresses with a query are matched exactly.
  for (const url of Object.keys(SITE_PAGES)) await ctx.route(url.includes('?') ? (u) => u.href === url : url, fulfil);
}

// Switch Mastodon on through the options page, as a reviewer does (the build must have access to all
// sites: launch with extraHosts ['*']).
export async function enableMastodon(h) {
  const opts = await h.ctx.newPage();
  await opts.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
  await opts.locator('body[data-ready]').waitFor();
  // Already on (an earlier test of the same browser switched it): nothing to do.
  if (await opts.locator('#site-mastodon').isChecked()) return opts.close();
  await opts.locator('#site-mastodon').check();
  await opts.locator('#mastodon-status').filter({ hasText: /\S/ }).waitFor();
  await opts.close();
  await new Promise((r) => setTimeout(r, 700)); // the worker registers the content script
}

// YouTube's live chat photos (yt4.ggpht.com, an optional host permission) allowed through the options
// page's button, as a reviewer does: a build launched with access to all sites (extraHosts ['*']) has it
// already, and the page says so (no button). Returns the status line.
export async function allowChatPhotos(h) {
  const opts = await h.ctx.newPage();
  await opts.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
  await opts.locator('body[data-ready]').waitFor();
  if (await opts.locator('#youtube-photos-allow').isVisible()) await opts.locator('#youtube-photos-allow').click();
  await opts.locator('#youtube-photos-status').filter({ hasText: /\S/ }).waitFor();
  const status = await opts.locator('#youtube-photos-status').textContent();
  await opts.close();
  return status;
}

// Runs `fn(arg)` in the extension's content-script world of `page` (Chromium's isolated world named after
// the extension), as code in a compromised page process could: what the content script can reach (its
// chrome.runtime and chrome.storage), a hostile renderer can too. Returns fn's value (JSON-serialisable).
// `frameUrl`: in the child frame whose address matches it (YouTube's live chat in the watch page).
export async function inContentScript(page, fn, arg = null, { frameUrl = null } = {}) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const frame = frameUrl ? (frameTree.childFrames || []).map((c) => c.frame).find((f) => frameUrl.test(f.url)) : frameTree.frame;
    if (!frame) throw new Error(`no frame at ${frameUrl}`);
    const ours = () => contexts.find((c) => c.auxData && c.auxData.type === 'isolated'
      && c.auxData.frameId === frame.id && /vipguard/i.test(c.name));
    await until(async () => ours(), 'the content script\'s world', { timeout: 10000, every: 100 });
    const r = await cdp.send('Runtime.evaluate', {
      expression: `(${fn})(${JSON.stringify(arg)})`, contextId: ours().id, awaitPromise: true, returnByValue: true,
    });
    if (r.exceptionDetails) throw new Error(`in the content script's world: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
    return r.result.value;
  } finally {
    await cdp.detach().catch(() => {});
  }
}
