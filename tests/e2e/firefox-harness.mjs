// Shared by the Firefox files (firefox.test.mjs, feed-firefox.test.mjs): Debian's Firefox ESR, headless,
// driven over WebDriver BiDi by puppeteer-core, with the extension installed as a temporary add-on. Pages
// are served over TLS on their real host names: a local HTTPS server on 127.0.0.1, the hosts pointed at it
// by Firefox's `network.dns.localDomains`, and a throwaway certificate authority made for the run and
// imported into the profile alone, so certificates are checked as usual and nothing outside the profile
// changes (../shared/docs/field-notes.md, section 7). Run these files under `flock /tmp/vg-firefox.lock`.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import puppeteer from 'puppeteer-core';
import { testCertificates } from './tls.mjs';

export { testCertificates };

const ROOT = path.resolve(import.meta.dirname, '../..');
export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
export const FIREFOX_EXT = path.join(ROOT, 'dist/firefox');
export const GECKO_ID = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/platform/firefox/manifest.json'), 'utf8'))
  .browser_specific_settings.gecko.id;

/**
 * Firefox with a new profile in `dir`/profile that trusts `dir`/ca.crt (testCertificates), `hosts`
 * resolved to 127.0.0.1, `prefs` on top, and `extension` installed. Its pages are at a fixed
 * moz-extension:// UUID, so a test can open them: returns {browser, base}.
 */
export async function launchFirefox({ dir, hosts, prefs = {}, extension = FIREFOX_EXT }) {
  if (!fs.existsSync(path.join(extension, 'manifest.json'))) throw new Error(`${extension} missing: run make build`);
  if (!fs.existsSync(FIREFOX)) throw new Error(`${FIREFOX} missing: make test installs firefox-esr (make browser-tools)`);
  const profile = path.join(dir, 'profile');
  fs.mkdirSync(profile);
  execFileSync('certutil', ['-N', '-d', `sql:${profile}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${profile}`, '-n', 'vipguard-test-ca', '-t', 'C,,', '-i', path.join(dir, 'ca.crt')]);
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
  await browser.installExtension(extension);
  return { browser, base: `moz-extension://${uuid}` };
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
