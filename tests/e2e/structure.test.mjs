// The extension's layout, checked without a browser: the two manifests, the site catalogue
// (extension/shared/site-catalog.js), the site adapters (extension/content/sites/) and their fixture pages
// must agree, every file a manifest or page names must exist, and each folder imports only what it may:
//   shared/          only shared/ (it is loaded by everything else)
//   worker/          shared/ and pkg/, never content/ or ui/
//   content/         classic scripts, no imports; a site adapter never reads another site's
//   ui/<surface>/    shared/, pkg/, ui/ itself, never worker/, content/ or another surface
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const EXT = path.join(ROOT, 'extension');
const FIXTURES = path.join(ROOT, 'tests/e2e/fixtures');
const read = (p) => fs.readFileSync(path.join(EXT, p), 'utf8');
const manifest = (browser) => JSON.parse(read(`platform/${browser}/manifest.json`));
const chrome = manifest('chrome');
const firefox = manifest('firefox');
const MANIFESTS = { chrome, firefox };

// The catalogue as the worker and the pages get it (imported for its effect); the content scripts' way
// (a classic script) is checked below.
await import('../../extension/shared/site-catalog.js');
const catalogue = globalThis.vipguardSiteCatalog;
const SITES = [...catalogue.SITES];
const WITH_PAGES = SITES.filter((s) => s.pageHosts.length);
const ADAPTER_FILES = fs.readdirSync(path.join(EXT, 'content/sites')).filter((f) => f.endsWith('.js') && f !== 'registry.js');
// Made by scripts/build-extension.sh, not kept in extension/.
const BUILT = new Set(['icon128.png', 'pkg/vipguard.js', 'pkg/vipguard_bg.wasm', 'demo/protected.json', 'demo/thumbs.json']);
const exists = (rel) => BUILT.has(rel) || fs.existsSync(path.join(EXT, rel));

function files(dir, ext) {
  return fs.readdirSync(path.join(EXT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.posix.join(dir, d.name);
    if (d.isDirectory()) return files(rel, ext);
    return d.name.endsWith(ext) ? [rel] : [];
  });
}

// The extension files a module imports, relative to extension/.
function imports(rel) {
  const src = read(rel);
  const specs = [...src.matchAll(/^\s*(?:import|export)\s[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm), ...src.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)]
    .map((m) => m[1]);
  return [...new Set(specs)].map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(rel), s)));
}
const topFolder = (rel) => rel.split('/')[0];

test('the two manifests agree on everything but the keys each browser has of its own', () => {
  const strip = (m, keys) => Object.fromEntries(Object.entries(m).filter(([k]) => !keys.includes(k)));
  // Chrome serves the annotation frame at a per-session address (use_dynamic_url), so a page cannot probe
  // for the extension; Firefox has no such key (its addresses have a per-install UUID).
  const staticUrls = (m) => ({ ...m, web_accessible_resources: m.web_accessible_resources.map(({ use_dynamic_url: _, ...w }) => w) });
  assert.ok(chrome.web_accessible_resources.every((w) => w.use_dynamic_url === true), 'Chrome: every web-accessible resource at a dynamic address');
  assert.deepEqual(strip(firefox, ['background', 'options_ui', 'browser_specific_settings']),
    strip(staticUrls(chrome), ['background', 'options_page', 'minimum_chrome_version']));
  assert.deepEqual(firefox.background, { scripts: [chrome.background.service_worker], type: chrome.background.type });
  assert.deepEqual(firefox.options_ui, { page: chrome.options_page, open_in_tab: true });
  assert.equal(firefox.browser_specific_settings.gecko.id, 'vipguard@vipguard.org');
  assert.ok(chrome.minimum_chrome_version, 'Chrome keeps its minimum version');
});

test('every file either manifest names exists', () => {
  for (const [browser, m] of Object.entries(MANIFESTS)) {
    const named = [
      m.background.service_worker, ...(m.background.scripts || []),
      ...m.content_scripts.flatMap((c) => [...(c.js || []), ...(c.css || [])]),
      m.action.default_popup, m.options_page, m.options_ui && m.options_ui.page,
      ...Object.values(m.icons || {}),
      ...(m.web_accessible_resources || []).flatMap((w) => w.resources),
      `_locales/${m.default_locale}/messages.json`,
    ].filter(Boolean);
    for (const f of named) assert.ok(exists(f), `${browser} manifest names ${f}, which does not exist`);
  }
});

test('every page, script and module an extension page or module names exists', () => {
  for (const page of files('ui', '.html')) {
    for (const [, ref] of read(page).matchAll(/\b(?:src|href)="([^"#?]+)/g)) {
      if (/^[a-z]+:/.test(ref)) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(page), ref));
      assert.ok(exists(target), `${page} names ${ref}, which does not exist`);
    }
  }
  for (const dir of ['worker', 'ui', 'shared']) {
    for (const mod of files(dir, '.js')) {
      for (const target of imports(mod)) assert.ok(exists(target), `${mod} imports ${target}, which does not exist`);
    }
  }
  // Addresses the code asks the extension for (getURL, fetch, init): getURL's from the extension's root,
  // the others relative to the page (the worker's, to the root).
  for (const mod of [...files('worker', '.js'), ...files('ui', '.js')]) {
    for (const [, call, ref] of read(mod).matchAll(/(getURL|fetch|new URL|module_or_path:)\(?\s*'([^'$`]+)'/g)) {
      const target = mod.startsWith('worker/') || call === 'getURL' ? ref : path.posix.normalize(path.posix.join(path.posix.dirname(mod), ref));
      assert.ok(exists(target), `${mod} asks for ${ref}, which does not exist`);
    }
  }
});

test('every site with pages of its own is in both manifests: host permissions, and its content scripts in order', () => {
  for (const [browser, m] of Object.entries(MANIFESTS)) {
    for (const s of WITH_PAGES) {
      for (const h of s.pageHosts) {
        assert.ok(m.host_permissions.includes(`https://${h}/*`), `${browser}: host permission for ${h}`);
      }
      // One entry for its pages' top frames, and one more for its framePages in every frame (YouTube's live
      // chat), which the first leaves out: a page opened on its own gets the scripts once.
      const entries = m.content_scripts.filter((c) => c.js.includes(`content/sites/${s.adapter}.js`));
      assert.equal(entries.length, s.framePages.length ? 2 : 1, `${browser}: content script entries for ${s.adapter}`);
      const [main, framed] = entries;
      assert.deepEqual(main.matches, s.pageHosts.map((h) => `https://${h}/*`), `${browser}: ${s.adapter} runs on its page hosts`);
      assert.deepEqual(main.exclude_matches || [], s.framePages, `${browser}: ${s.adapter}'s top-frame entry leaves its frame pages out`);
      assert.ok(!main.all_frames, `${browser}: ${s.adapter} runs in top frames only`);
      for (const e of entries) assert.deepEqual(e.js, catalogue.contentScripts(s.adapter), `${browser}: ${s.adapter}'s scripts`);
      if (framed) {
        assert.deepEqual(framed.matches, s.framePages, `${browser}: ${s.adapter}'s frame pages`);
        assert.equal(framed.all_frames, true, `${browser}: ${s.adapter}'s frame pages in every frame`);
        assert.ok(!framed.exclude_matches && framed.run_at === main.run_at, `${browser}: ${s.adapter}'s frame entry`);
        for (const p of s.framePages) assert.ok(s.pageHosts.includes(new URL(p.replace(/\*/g, 'x')).hostname), `${browser}: ${p} is on a page host`);
      }
    }
    const entries = WITH_PAGES.reduce((n, s) => n + (s.framePages.length ? 2 : 1), 0);
    assert.equal(m.content_scripts.length, entries, `${browser}: a content script entry for no catalogue site`);
  }
});

// An avatar host the reviewer is asked for (`askedHosts`: YouTube's chat photos, live21c) is an optional host
// permission and never a required one: a new required host has Chrome disable the extension on update
// until each user approves it.
test('every avatar host in the catalogue is a host permission (optional where asked for), and every host permission is in the catalogue', () => {
  const asked = new Set(catalogue.ASKED_HOSTS.map((h) => `https://${h}/*`));
  assert.ok(asked.has('https://yt4.ggpht.com/*'), 'the live chat\'s photos are asked for');
  for (const s of SITES) for (const h of s.askedHosts || []) assert.ok(s.avatarHosts.includes(h), `${h} is an avatar host of ${s.platform}`);
  const wanted = new Set([
    ...SITES.flatMap((s) => s.pageHosts.map((h) => `https://${h}/*`)),
    ...SITES.flatMap((s) => s.avatarHosts.map((h) => `https://${h}/*`)),
    ...SITES.flatMap((s) => s.avatarDomains.map((d) => `https://*.${d}/*`)),
  ].filter((p) => !asked.has(p)));
  for (const [browser, m] of Object.entries(MANIFESTS)) {
    for (const p of wanted) assert.ok(m.host_permissions.includes(p), `${browser}: host permission ${p}`);
    for (const p of m.host_permissions) assert.ok(wanted.has(p), `${browser}: host permission ${p} is in no catalogue entry, or is asked for`);
    for (const p of asked) assert.ok((m.optional_host_permissions || []).includes(p), `${browser}: optional host permission ${p}`);
  }
  for (const s of SITES) {
    for (const h of s.avatarHosts) assert.ok(catalogue.isAvatarHost(h), h);
    for (const d of s.avatarDomains) assert.ok(catalogue.isAvatarHost(`a.${d}`) && !catalogue.isAvatarHost(d), d);
  }
});

test('every adapter file is in the catalogue and every catalogue adapter has its file; the others are registered by the worker', () => {
  assert.deepEqual(ADAPTER_FILES.map((f) => f.slice(0, -3)).sort(), SITES.map((s) => s.adapter).sort());
  const siteScripts = read('worker/site-scripts.js');
  for (const s of SITES.filter((x) => !x.pageHosts.length)) {
    assert.ok(siteScripts.includes(`contentScripts('${s.adapter}')`), `worker/site-scripts.js registers ${s.adapter}`);
  }
});

// Each adapter run as the browser runs it: after the catalogue and the registry, in a context of its own.
function runAdapter(file) {
  const ctx = vm.createContext({ vipguardSiteCatalog: catalogue, Node: { ELEMENT_NODE: 1, TEXT_NODE: 3 } });
  vm.runInContext(read('content/sites/registry.js'), ctx, { filename: 'registry.js' });
  vm.runInContext(read(`content/sites/${file}`), ctx, { filename: file });
  return ctx.vipguardSites;
}

test('every adapter registers the same way, and recognises its own hosts and no other site\'s', () => {
  const noMarkup = { querySelector: () => null, querySelectorAll: () => [] };
  for (const file of ADAPTER_FILES) {
    const registered = runAdapter(file);
    assert.equal(registered.length, 1, `${file} pushes one adapter onto vipguardSites`);
    const a = registered[0];
    assert.equal(a.name, file.slice(0, -3), `${file}'s name`);
    for (const fn of ['matches', 'profile', 'cells', 'badgeSpot']) assert.equal(typeof a[fn], 'function', `${file}: ${fn}`);
    const site = SITES.find((s) => s.adapter === a.name);
    for (const other of WITH_PAGES) {
      for (const hostname of other.pageHosts) {
        if (a.name === 'generic') continue; // injected only on the sites the reviewer enables
        assert.equal(a.matches({ hostname, pathname: '/' }, noMarkup), other === site, `${file} on ${hostname}`);
      }
    }
  }
});

test('a site adapter reads only the registry and the catalogue, never another adapter', () => {
  const others = ADAPTER_FILES.map((f) => f.slice(0, -3));
  for (const file of ADAPTER_FILES) {
    const src = read(`content/sites/${file}`).replace(/(^|\s)\/\/.*$/gm, ''); // code, not comments
    const globals = new Set(src.match(/\bvipguard[A-Z]\w*/g));
    for (const g of globals) assert.ok(['vipguardSites', 'vipguardRead', 'vipguardSiteCatalog'].includes(g), `${file} uses ${g}`);
    assert.deepEqual([...src.matchAll(/\bvipguardSites\b(.{0,6})/g)].map((m) => m[1]), ['.push('], `${file} only pushes onto vipguardSites`);
    for (const o of others.filter((o) => `${o}.js` !== file)) {
      assert.ok(!new RegExp(`content/sites/${o}\\b|\\b${o}\\.js\\b`).test(src), `${file} names ${o}.js`);
    }
  }
});

test('every adapter names its fixture pages, which exist, and every fixture page is named by an adapter', () => {
  const named = new Set();
  for (const file of ADAPTER_FILES) {
    const src = read(`content/sites/${file}`);
    const tail = /^\/\/ Test pages:([\s\S]*)$/m.exec(src);
    assert.ok(tail, `${file} ends with a "Test pages:" comment`);
    const pages = [...tail[1].matchAll(/tests\/e2e\/fixtures\/\S+/g)].map((m) => m[0]);
    assert.ok(pages.length, `${file} names its fixture pages`);
    for (const p of pages) {
      assert.ok(fs.existsSync(path.join(ROOT, p)), `${file} names ${p}, which does not exist`);
      named.add(p);
    }
  }
  for (const dir of ['sites', 'x', 'generic']) {
    for (const f of fs.readdirSync(path.join(FIXTURES, dir)).filter((n) => n.endsWith('.html'))) {
      assert.ok(named.has(`tests/e2e/fixtures/${dir}/${f}`), `no adapter names tests/e2e/fixtures/${dir}/${f}`);
    }
  }
});

test('each folder imports only what it may', () => {
  // shared/ is the bottom layer: it may use its own modules (the private store opens its database with
  // idb.js), nothing else of the extension's.
  for (const mod of files('shared', '.js')) {
    for (const target of imports(mod)) assert.equal(topFolder(target), 'shared', `${mod} imports ${target}`);
  }
  for (const mod of files('worker', '.js')) {
    for (const target of imports(mod)) {
      assert.ok(['worker', 'shared', 'pkg'].includes(topFolder(target)), `${mod} imports ${target}`);
    }
  }
  for (const mod of files('ui', '.js')) {
    const surface = mod.split('/').slice(0, -1).join('/');
    for (const target of imports(mod)) {
      const ok = ['shared', 'pkg'].includes(topFolder(target)) || path.posix.dirname(target) === 'ui' || target.startsWith(`${surface}/`);
      assert.ok(ok, `${mod} imports ${target}`);
    }
  }
});

// A content script runs in the page's process: it is handed what it needs by the worker and reads no
// storage (docs/extension.md, Storage), so chrome.storage can be closed to it where the browser allows.
test('content scripts read and write no extension storage', () => {
  for (const mod of files('content', '.js')) {
    assert.doesNotMatch(read(mod), /\b(chrome|browser)\.storage\b/, `${mod} uses extension storage`);
  }
});

test('content scripts and the shared scripts they load are classic scripts', () => {
  // The catalogue runs as one too, and defines the same facts.
  const ctx = vm.createContext({});
  vm.runInContext(read('shared/site-catalog.js'), ctx, { filename: 'site-catalog.js' });
  assert.equal(JSON.stringify(ctx.vipguardSiteCatalog.SITES.map((s) => ({ ...s, profilePath: String(s.profilePath) }))),
    JSON.stringify(SITES.map((s) => ({ ...s, profilePath: String(s.profilePath) }))));
  const classic = [...new Set([...chrome.content_scripts.flatMap((c) => c.js), ...catalogue.contentScripts('generic'), ...catalogue.contentScripts('mastodon')])];
  for (const f of classic) {
    assert.ok(!/^\s*(import|export)\b/m.test(read(f)), `${f} is loaded as a classic script: no import or export`);
  }
});
