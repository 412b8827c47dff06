// Glue: read the page through the site adapter, ask the worker for verdicts, draw the annotations.
// Text first, then again with avatars. A verdict for a URL the tab has left is never shown.
'use strict';

(() => {
  // The X adapter on X; elsewhere (a site the reviewer enabled) the generic one.
  const adapter = typeof vipguardX !== 'undefined' && /(^|\.)(x|twitter)\.com$/.test(location.hostname)
    ? vipguardX : vipguardGeneric;
  const MAX_CELLS_PER_PASS = 1000;
  const BATCH = 200; // the worker's cap per message
  const done = new WeakMap(); // cell block -> key of what was checked there
  const seen = new WeakMap(); // cell block -> its text when last read
  const drawn = new WeakMap(); // cell block -> signature of the result drawn there
  let banner = null; // {key, host}
  let shownUrl = location.href;
  let seq = 0;
  let timer = null;
  let lastRun = 0;

  const keyOf = (d) => `${d.handle.toLowerCase()}|${d.name}`;

  // Every stretch of main-thread work is a performance measure named vipguard:*, so what the extension
  // costs a page can be read from the page's own timeline (make ext-bench sums them).
  // Only outermost stretches are recorded, so nested ones are not counted twice.
  let depth = 0;
  function timed(name, fn) {
    if (depth > 0) return fn();
    const start = performance.now();
    depth++;
    try {
      return fn();
    } finally {
      depth--;
      performance.measure(name, { start, end: performance.now() });
    }
  }

  async function ask(profiles, withAvatars) {
    try {
      // Sending copies the profiles on this thread: part of the work we add to the page.
      return await timed('vipguard:send', () =>
        chrome.runtime.sendMessage({ type: 'check', url: location.href, profiles, withAvatars }));
    } catch (e) {
      return { error: String(e && e.message || e) };
    }
  }

  function clearBanner() {
    if (banner) banner.host.remove();
    banner = null;
  }

  async function checkProfile(p) {
    const key = keyOf(p.data);
    if (banner && banner.key === key) return;
    clearBanner();
    banner = { key, host: null };
    const url = location.href;
    const mySeq = ++seq;
    const profile = { id: 'profile', ...p.data };
    for (const withAvatars of [false, true]) {
      if (withAvatars && !profile.avatar) break;
      const reply = await ask([profile], withAvatars);
      // The tab moved on (SPA navigation) or a newer profile replaced this one: drop the answer.
      if (location.href !== url || seq !== mySeq || !banner || banner.key !== key) return;
      if (!reply || reply.error || !reply.results || !reply.results[0]) {
        if (reply && reply.error) console.warn('vipguard:', reply.error);
        return;
      }
      timed('vipguard:render', () => {
        const r = reply.results[0];
        const shown = r.shown || r.verdict;
        const host = vipguardAnnotate.banner({ ...r, verdict: shown }, reply.accounts[r.match], profile);
        if (banner.host) banner.host.replaceWith(host);
        else document.body.append(host);
        banner.host = host;
      });
    }
  }

  function checkCells(cells) {
    const todo = cells.filter((c) => done.get(c.anchor) !== keyOf(c.data)).slice(0, MAX_CELLS_PER_PASS);
    todo.forEach((c) => done.set(c.anchor, keyOf(c.data)));
    for (let i = 0; i < todo.length; i += BATCH) checkBatch(todo.slice(i, i + BATCH));
  }

  async function checkBatch(todo) {
    const url = location.href;
    const profiles = todo.map((c, i) => ({ id: String(i), ...c.data }));
    for (const withAvatars of [false, true]) {
      if (withAvatars && !profiles.some((p) => p.avatar)) break;
      const reply = await ask(profiles, withAvatars);
      if (reply && reply.error) console.warn('vipguard:', reply.error);
      if (location.href !== url || !reply || reply.error || !reply.results) return;
      timed('vipguard:render', () => reply.results.forEach((r, i) => {
        const cell = todo[i];
        if (done.get(cell.anchor) !== keyOf(cell.data)) return;
        const shown = r.shown || r.verdict;
        // The avatar round mostly confirms the text round: redraw only what changed.
        const signature = `${shown}|${r.score}|${(r.evidence || []).length}`;
        if (drawn.get(cell.anchor) === signature) return;
        drawn.set(cell.anchor, signature);
        const old = cell.anchor.querySelector('vipguard-annotation');
        if (shown === 'clear' || shown === 'error') {
          if (old) old.remove();
          return;
        }
        const host = vipguardAnnotate.badge({ ...r, verdict: shown }, reply.accounts[r.match], cell.data);
        if (old) old.replaceWith(host);
        else adapter.badgeSpot(cell.anchor).append(host);
      }));
    }
  }

  function pass() {
    timed('vipguard:pass', readPage);
  }

  function readPage() {
    timer = null;
    lastRun = performance.now();
    if (location.href !== shownUrl) {
      shownUrl = location.href;
      clearBanner();
      seq++;
    }
    const p = adapter.profile(document, location);
    if (p) checkProfile(p);
    else clearBanner();
    // Blocks whose text has not changed since they were checked are skipped before any parsing.
    const cells = adapter.cells(document, (block) => {
      const text = block.textContent;
      if (seen.get(block) === text) return false;
      seen.set(block, text);
      return true;
    }).filter((c) => !p || !p.anchor.contains(c.anchor));
    if (cells.length) checkCells(cells);
  }

  // Debounced, and at most about twice a second however fast the page mutates.
  function schedule() {
    if (timer) return;
    const wait = Math.max(150, 500 - (performance.now() - lastRun));
    timer = setTimeout(pass, wait);
  }

  // Our own annotations going in are not news.
  const ours = (n) => n.nodeName === 'VIPGUARD-ANNOTATION';
  new MutationObserver((records) => {
    if (records.every((r) => r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(ours))) return;
    schedule();
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  window.addEventListener('popstate', schedule);
  schedule();
})();
