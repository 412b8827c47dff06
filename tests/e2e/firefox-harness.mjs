// Shared by the Firefox files (firefox, feed-firefox, feed-origins-firefox, policy-firefox and
// recorder-firefox .test.mjs): Debian's Firefox ESR, headless, driven over WebDriver BiDi by
// puppeteer-core, with the extension installed as a temporary add-on. Pages are served over TLS on their
// real host names: a local HTTPS server on 127.0.0.1, the hosts pointed at it by Firefox's
// `network.dns.localDomains`, and a throwaway certificate authority made for the run and imported into
// the profile alone, so certificates are checked as usual and nothing outside the profile changes
// (../shared/docs/field-notes.md, section 7). Run these files under `flock /tmp/vg-firefox.lock`.
//
// The request recorder (issue 24, item 6; recorder.mjs) in Firefox. WebDriver BiDi's
// network.beforeRequestSent does not serve: Firefox 153 reports a request only when its browsing context
// is a tab's or a tab's frame (remote/webdriver-bidi/modules/root/network.sys.mjs drops one whose context
// NavigableManager does not know), and the add-on's event page, where the worker fetches avatars and the
// feed, lives in a windowless browser of its own: its requests never appear there (checked: a probe
// add-on's background fetch every 0.5 s gave no event in 3 s). So the harness watches Firefox's own
// network layer: with --remote-allow-system-access, BiDi evaluates script in the browser's chrome window
// (`moz:scope: chrome`), where an observer of `http-on-opening-request` (every HTTP channel, as it opens,
// before any DNS or connection) reads each request's load info: the add-on's requests are those its
// principal triggered or loads for (its event page, pages and frames; a content script's expanded
// principal too), a page's shown images those a web page loads as images.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import puppeteer from 'puppeteer-core';
import { testCertificates } from './tls.mjs';
import { strays, strayError } from './recorder.mjs';

export { testCertificates };

const ROOT = path.resolve(import.meta.dirname, '../..');
export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
export const FIREFOX_EXT = path.join(ROOT, 'dist/firefox');
export const GECKO_ID = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/platform/firefox/manifest.json'), 'utf8'))
  .browser_specific_settings.gecko.id;

// Firefox's enterprise policies, read at start from the installation's distribution folder (the one place
// every Firefox build reads): a test writes the add-on's `3rdparty` section there (writePolicies) and
// closeFirefox removes it. A file already there, the machine's own, is never overwritten: a test checks
// for it (noPolicies) before it sets anything up.
export const policiesFile = () => path.join(path.dirname(fs.realpathSync(FIREFOX)), 'distribution', 'policies.json');
export function noPolicies(why = 'not overwritten') {
  if (fs.existsSync(policiesFile())) throw new Error(`${policiesFile()} exists already: ${why}`);
}
export function writePolicies(policy) {
  fs.mkdirSync(path.dirname(policiesFile()), { recursive: true });
  fs.writeFileSync(policiesFile(), JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: policy } } } }), { flag: 'wx' });
}

// A test's teardown, each step even when one before it failed: the policies file removed (`policies`:
// the test wrote one), the test's server closed, Firefox closed (its close() fails on stray requests or
// tabs), and the profile's folder `dir` removed.
export async function closeFirefox(ff, { dir, server = null, policies = true }) {
  if (policies) fs.rmSync(policiesFile(), { force: true });
  server?.close();
  try {
    if (ff) await ff.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Firefox with a new profile in `dir`/profile that trusts `dir`/ca.crt (testCertificates) when there is
 * one, `hosts` resolved to 127.0.0.1, `prefs` on top, and `extension` installed. Its pages are at a fixed
 * moz-extension:// UUID, so a test can open them. Returns {browser, base, requests, strayRequests,
 * close}: `requests()` what the recorder saw (recordRequests, below), `strayRequests()` the
 * extension's requests that were neither an image a page showed nor matched by `expectedRequests`
 * (regular expressions: the addresses the test configured, a team feed's), `strayTabs()` the addresses of
 * the tabs the add-on opened that `expectedTabs` (regular expressions: the review queue's profiles) do not
 * match, and `close()` closes the browser, then fails if there were any of either.
 */
export async function launchFirefox({ dir, hosts = [], prefs = {}, extension = FIREFOX_EXT, expectedRequests = [], expectedTabs = [] }) {
  if (!fs.existsSync(path.join(extension, 'manifest.json'))) throw new Error(`${extension} missing: run make build`);
  if (!fs.existsSync(FIREFOX)) throw new Error(`${FIREFOX} missing: make test installs firefox-esr (make browser-tools)`);
  const profile = path.join(dir, 'profile');
  fs.mkdirSync(profile);
  execFileSync('certutil', ['-N', '-d', `sql:${profile}`, '--empty-password']);
  if (fs.existsSync(path.join(dir, 'ca.crt'))) {
    execFileSync('certutil', ['-A', '-d', `sql:${profile}`, '-n', 'vipguard-test-ca', '-t', 'C,,', '-i', path.join(dir, 'ca.crt')]);
  }
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': hosts.join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      ...prefs,
    },
  });
  let requests;
  try {
    requests = await recordRequests(browser, JSON.parse(fs.readFileSync(path.join(extension, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id);
    await browser.installExtension(extension);
  } catch (e) {
    await browser.close();
    throw e;
  }
  const strayRequests = async () => {
    const { extension: made, shown } = await requests();
    return strays(made.map((r) => r.url), shown, expectedRequests);
  };
  const strayTabs = async () => strays((await requests()).opened, [], expectedTabs);
  const close = async () => {
    let stray;
    let tabs;
    try {
      stray = await strayRequests();
      tabs = await strayTabs();
    } finally {
      await browser.close();
    }
    if (stray.length || tabs.length) throw strayError(stray, tabs);
  };
  return { browser, base: `moz-extension://${uuid}`, requests, strayRequests, strayTabs, close };
}

// The recorder's observer, run in the browser's chrome window: every HTTP channel as it opens, sorted by
// its load info into the add-on's requests (`addonId` of the principal that triggered it or that it
// loads for, an expanded principal's too: a content script's) and the images web pages load (a content
// principal's image or responsive image load). A tab's page the add-on opened (a top-level document: the
// review queue's next profile, at the reviewer's click) is kept apart as `opened`: its address leaves
// as a request's does, so close() fails on one the test did not declare in `expectedTabs`. Anything it cannot read
// is kept as a failure, which `requests()` reports: the recorder must not go blind without saying so.
function observeRequests(addonId) {
  // A content script's principal is expanded (the page's and the add-on's); Firefox 153 no longer
  // exposes nsIExpandedPrincipal to script, but names the add-on whose content script it is.
  const ofAddon = (p) => !!p && (p.addonId === addonId
    || (p.isExpandedPrincipal && p.contentScriptAddonPolicy?.id === addonId));
  const images = [Ci.nsIContentPolicy.TYPE_IMAGE, Ci.nsIContentPolicy.TYPE_IMAGESET];
  const record = { extension: [], shown: [], opened: [], failures: [] };
  globalThis.vipguardRequests = record;
  Services.obs.addObserver({
    observe(subject) {
      try {
        const channel = subject.QueryInterface(Ci.nsIChannel);
        const { loadInfo } = channel;
        const url = channel.URI.spec;
        if (!ofAddon(loadInfo.triggeringPrincipal) && !ofAddon(loadInfo.loadingPrincipal)) {
          if (images.includes(loadInfo.externalContentPolicyType) && loadInfo.loadingPrincipal?.isContentPrincipal) record.shown.push(url);
        } else if (loadInfo.externalContentPolicyType === Ci.nsIContentPolicy.TYPE_DOCUMENT) {
          record.opened.push(url);
        } else {
          record.extension.push({ url, from: loadInfo.browsingContext?.currentURI?.spec || null });
        }
      } catch (e) {
        record.failures.push(String(e));
      }
    },
  }, 'http-on-opening-request');
  return 'recording';
}

// Starts the recorder in `browser`'s chrome window (before the add-on is installed, so its first
// request is seen); returns `requests()`, which reads what it recorded so far: {extension: [{url, from:
// the address of the document it was made for, e.g. the event page's}], shown: [url], opened: [url]}.
async function recordRequests(browser, addonId) {
  const bidi = browser.connection; // puppeteer-core's WebDriver BiDi connection (BidiBrowser#connection)
  const { result: { contexts } } = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const chrome = contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!chrome) throw new Error(`no browser window to record requests in: ${JSON.stringify(contexts.map((c) => c.url))}`);
  const run = async (expression) => {
    const { result } = await bidi.send('script.evaluate', { expression, target: { context: chrome.context }, awaitPromise: false });
    if (result.type !== 'success') throw new Error(`the request recorder: ${result.exceptionDetails?.text || JSON.stringify(result)}`);
    return result.result.value;
  };
  await run(`(${observeRequests})(${JSON.stringify(addonId)})`);
  return async () => {
    const record = JSON.parse(await run('JSON.stringify(globalThis.vipguardRequests)'));
    if (record.failures.length) throw new Error(`the request recorder could not read ${record.failures.length} requests: ${record.failures[0]}`);
    return { extension: record.extension, shown: record.shown, opened: record.opened };
  };
}

/** A new tab at `url`, loaded (an extension page: once the page itself says it is complete). */
export async function openPage(browser, url) {
  const page = await browser.newPage();
  if (url.startsWith('moz-extension:')) {
    // The driver loads extension pages but never reports their navigation done: wait for the page itself.
    await page.goto(url, { timeout: 3000 }).catch(() => {});
    await page.waitForFunction(() => location.protocol === 'moz-extension:' && document.readyState === 'complete', { timeout: 15000 });
  } else {
    await page.goto(url, { waitUntil: 'load' });
  }
  return page;
}
