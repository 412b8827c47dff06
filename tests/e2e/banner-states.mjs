// The banner's host as the page's layout had it at every change, for the in-app navigation tests in
// Chromium (extension.test.mjs) and Firefox (firefox.test.mjs) (issue 21). The frames cannot be read from
// the page: what it can see is whether the banner's host is open in the top layer and how tall it is. A
// flagged profile's banner is hundreds of pixels tall, a clear one's pill under 100, a spare or left one
// closed and 0×0.
//
// The page notes every state from the document's start (injected with Playwright's addInitScript or
// Puppeteer's evaluateOnNewDocument), so a late answer for a profile the page has left, drawn after the
// new profile's verdict, is seen whenever it comes; and the tests wait until the page has settled (no
// change for a while after the new address's record was final) before they judge.
import assert from 'node:assert/strict';

// Injected into the page: window.__hostStates gets {open, w, h, url, t} for each banner host whenever what
// the hosts show changes; window.__hostChanged is when that last happened (performance.now()).
export function recordBannerStates() {
  const states = [];
  window.__hostStates = states;
  window.__hostChanged = performance.now();
  let last = null;
  const note = () => {
    const now = [...document.querySelectorAll('vipguard-annotation[popover]')]
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { open: e.matches(':popover-open'), w: Math.round(r.width), h: Math.round(r.height) };
      });
    const sig = JSON.stringify(now);
    if (sig === last) return;
    last = sig;
    window.__hostChanged = performance.now();
    for (const s of now) states.push({ ...s, url: location.href, t: Math.round(window.__hostChanged) });
  };
  const watch = () => {
    new MutationObserver(note).observe(document.documentElement,
      { subtree: true, childList: true, attributes: true, attributeFilter: ['style', 'popover'] });
    document.addEventListener('toggle', note, true);
    // Layout can change a host's height without a mutation (the window's size): looked at every 20 ms too.
    setInterval(note, 20);
    note();
  };
  // The moment of an in-app navigation noted too (under the new address), whether or not a host changed.
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name];
    history[name] = function (...args) {
      const r = original.apply(this, args);
      last = null;
      if (document.documentElement) note();
      return r;
    };
  }
  if (document.documentElement) watch();
  else new MutationObserver((_, o) => { if (document.documentElement) { o.disconnect(); watch(); } }).observe(document, { childList: true });
}

// The page has settled: no banner host changed for `quiet` ms after `since` (the page's performance.now()
// when the worker's record for the new address was final), by the page's own notes. `evaluate` runs a
// function in the page (Playwright's and Puppeteer's page.evaluate).
export async function settled(evaluate, since, { quiet = 2000, timeout = 20000 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const { now, changed } = await evaluate(() => ({ now: performance.now(), changed: window.__hostChanged }));
    const idle = now - Math.max(changed, since);
    if (idle >= quiet) return;
    if (Date.now() > end) throw new Error(`the banner kept changing: last change ${Math.round(now - changed)} ms ago`);
    await new Promise((r) => setTimeout(r, Math.min(quiet - idle, 250)));
  }
}

const tall = (x) => x.open && x.h >= 100;
const pill = (x) => x.open && x.h > 0 && x.h < 100;
const shown = (states) => JSON.stringify(states.map(({ open, w, h, url }) => [open, w, h, new URL(url).pathname]));

// The new profile's pill, once drawn, stays as it is to the end: a verdict drawn into it later (the old
// profile's, folded as the pill was: frame.js keeps a banner's fold for a newer token) changes its width.
function pillKept(after, states) {
  const end = states.at(-1);
  assert.ok(pill(end), `the new profile's banner is what stays: ${shown(states)}`);
  const drawn = after.slice(after.findIndex(pill)).filter((x) => x.open);
  assert.ok(drawn.every((x) => x.w === end.w && x.h === end.h), `the new profile's pill never replaced by another banner: ${shown(states)}`);
}

// From the navigation to `url` on (states noted under it): once the old profile's banner left the
// screen, it never came back (no open host as tall as a flagged banner), and the new profile's pill,
// once drawn, stays as it is to the end.
export function onlyNewBanner(states, url) {
  const left = states.findIndex((x) => x.url === url && !x.open);
  assert.ok(left >= 0, `the old banner left the screen: ${shown(states)}`);
  const after = states.slice(left);
  assert.ok(!after.some(tall), `the old profile's banner never came back: ${shown(states)}`);
  pillKept(after, states);
}

// The page left its first profile before its verdict was drawn: no banner as tall as a flagged one at
// any point of the page's life, and the new profile's pill at the end.
export function neverOldBanner(states) {
  assert.ok(!states.some(tall), `the old profile's banner never drawn: ${shown(states)}`);
  pillKept(states, states);
}

// From the navigation to the list at `url` on: once the profile's banner left, no banner open again.
export function noBannerAfter(states, url) {
  const left = states.findIndex((x) => x.url === url && !x.open);
  assert.ok(left >= 0, `the banner left the screen: ${shown(states)}`);
  assert.ok(!states.slice(left).some((x) => x.open && x.h > 0), `no banner came back on the list: ${shown(states)}`);
}
