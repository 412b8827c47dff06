// Glue: read the page through the site adapter, ask the worker for verdicts, draw the annotations.
// Text first, then again with avatars. A verdict for a URL the tab has left is never shown.
'use strict';

(() => {
  // The first site adapter that recognises the page (each page gets its site's adapter, or the generic
  // one on a site the reviewer enabled). None: this page is not one we read (Mastodon's script runs on
  // every site when enabled, and does nothing on pages that are not Mastodon's).
  const adapter = vipguardSites.find((a) => a.matches(location, document));
  if (!adapter) return;
  // Run from document_start (the sites' own scripts): a worker Chrome stopped takes a few hundred
  // milliseconds to start and load its engine, which it can do while the page loads.
  if (document.readyState === 'loading') chrome.runtime.sendMessage({ type: 'wake', url: location.href }).catch(() => {});
  const MAX_CELLS_PER_PASS = 1000;
  const BATCH = 200; // the worker's cap per message
  let done = new WeakMap(); // cell block -> key of what was checked there
  let seen = new WeakMap(); // cell block -> its text when last read
  let drawn = new WeakMap(); // cell block -> signature of the result drawn there
  let banner = null; // {key, host}
  let shownUrl = location.href;
  // The reader's self-check: a profile address (by the site's own URL pattern) whose profile could not
  // be read READ_WAIT ms after the page or address changed gets a notice, counted in the popup and
  // kept in the audit log, so a change of the site's layout never fails silently.
  const READ_WAIT = 4000;
  let pageSince = performance.now();
  let unreadable = null; // the notice's host, for the address it was shown on
  let unreadTimer = null;
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

  // Avatar results arrive later, pushed by the worker for the request they belong to.
  const pending = new Map(); // requestId -> function(update)
  let nextRequest = 1;
  let messagesAsked = false; // one request at a time asks for the interface's words
  let view = {}; // the settings the worker sends with each answer (worker/view-settings.js)
  chrome.runtime.onMessage.addListener((msg, sender) => {
    if (sender.id !== chrome.runtime.id || !msg) return;
    // A keyboard shortcut (the manifest's commands, routed by the worker).
    if (msg.type === 'vipguard-paused') setPaused(!!msg.paused);
    if (msg.type === 'vipguard-command') {
      if (msg.command === 'focus-banner') vipguardAnnotate.focusBanner();
      const decision = { 'decide-confirmed': 'confirmed', 'decide-escalate': 'escalate', 'decide-not-impersonator': 'not_impersonator' }[msg.command];
      if (decision) vipguardAnnotate.decideOnBanner(decision);
    }
    if (msg.type !== 'vipguard-update') return;
    const apply = pending.get(msg.requestId);
    if (apply && msg.url === location.href) timed('vipguard:render', () => apply(msg));
  });

  async function ask(profiles, onUpdate) {
    const requestId = nextRequest++;
    pending.set(requestId, onUpdate);
    setTimeout(() => pending.delete(requestId), 60000);
    // The first answer also brings the interface's words (vipguardI18n.seed).
    const wantMessages = !vipguardI18n.seeded() && !messagesAsked;
    if (wantMessages) messagesAsked = true;
    try {
      // Sending copies the profiles on this thread: part of the work we add to the page.
      const reply = await timed('vipguard:send', () => chrome.runtime.sendMessage({
        type: 'check', url: location.href, profiles, requestId, wantMessages }));
      if (reply && reply.messages) timed('vipguard:i18n', () => vipguardI18n.seed(reply.messages));
      if (reply && reply.view) {
        view = reply.view;
        vipguardAnnotate.setView(view);
      }
      return reply;
    } catch (e) {
      return { error: String(e && e.message || e) };
    } finally {
      // Paused, no list yet, or the worker was not reachable: the next request asks again.
      if (wantMessages && !vipguardI18n.seeded()) messagesAsked = false;
    }
  }

  // The banner may still be waiting for its first answer (no host yet): leaving a profile that fast
  // is common on X, and must not stop the reading of the next one.
  function clearBanner() {
    if (banner && banner.host) banner.host.remove();
    banner = null;
  }

  // The tools of a banner or a pinned badge card: exports for a ticket and the reviewer's decision (see
  // evidence.js). The ticket names the account's own profile address; the page it was seen on (a reply
  // thread, a followers list, a profile's tab) goes beside it. `after(decision, words)` redraws.
  function annotationActions(r, account, profile, pageUrl, checkedAt, after) {
    const url = vipguardSiteCatalog.profileUrl(profile.platform, profile.handle, pageUrl);
    const item = () => ({
      url, pageUrl, platform: profile.platform, handle: profile.handle, name: profile.name, facts: profile.facts || null, result: r, account,
      checkedAt, version: chrome.runtime.getManifest().version,
      ...(r.decision ? { decision: r.decision.decision, note: r.decision.note } : {}),
    });
    const { t } = vipguardI18n;
    const copy = async (text, what) => {
      try {
        await navigator.clipboard.writeText(text);
      } catch (e) {
        throw Object.assign(new Error(t('clipboardRefused', e.message)), { text });
      }
      return t('copied', what);
    };
    const send = async (msg) => {
      const reply = await chrome.runtime.sendMessage(msg);
      if (!reply || reply.error) throw new Error((reply && reply.error) || t('noAnswer'));
      return reply;
    };
    const who = { platform: profile.platform, handle: profile.handle, name: profile.name };
    // The evidence picture, drawn by the worker (it can read both avatars), as PNG bytes.
    const picture = async () => {
      const reply = await send({ type: 'evidenceImage', url: pageUrl, profile: { ...who, avatar: profile.avatar || null },
        match: r.match || null, verdict: r.verdict, score: r.score ?? null, ...vipguardReport.imageText(item()) });
      const bin = atob(reply.dataUrl.split(',')[1]);
      return new Blob([Uint8Array.from(bin, (c) => c.charCodeAt(0))], { type: 'image/png' });
    };
    return {
      // The report in the format chosen in the options (plain text unless set), with the SHA-256 of the
      // JSON evidence, so the ticket and an attached JSON can be matched.
      copyTicket: async () => {
        const [current, json] = [await send({ type: 'view', url: location.href }).catch(() => view), JSON.stringify(vipguardReport.toJson(item()), null, 2)];
        const format = vipguardReport.FORMAT_NAMES.includes(current.ticketFormat) ? current.ticketFormat : 'text';
        const sha256 = await vipguardReport.sha256(json);
        return copy(vipguardReport.toTicket({ ...item(), sha256 }, format), t('ticketFormatName', t(`format_${format}`)));
      },
      copyJson: () => copy(JSON.stringify(vipguardReport.toJson(item()), null, 2), t('evidenceJson')),
      copyImage: async () => {
        // The clipboard takes a promise of the picture, so the click's permission holds while it is drawn.
        try {
          await navigator.clipboard.write([new ClipboardItem({ 'image/png': picture() })]);
        } catch (e) {
          throw new Error(t('clipboardRefused', e.message));
        }
        return t('imageCopied');
      },
      saveImage: async () => {
        const href = URL.createObjectURL(await picture());
        const a = document.createElement('a');
        a.href = href;
        a.download = `vipguard-${profile.platform}-${profile.handle}.png`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(href), 60000);
        return t('imageSaved');
      },
      decide: async (decision, note, undoes) => {
        await send({ type: 'decide', url: pageUrl, profile: who, decision, note, ...(undoes ? { undoes } : {}),
          result: { verdict: r.verdict, match: r.match || null, score: r.score ?? null } });
        const words = vipguardI18n.recorded(decision);
        after(words);
        return words;
      },
    };
  }

  // The review queue's next or previous profile (this tab is the queue's: the worker checks).
  function stepQueue(direction) {
    chrome.runtime.sendMessage({ type: 'queueStep', url: location.href, direction }).catch(() => {});
  }

  // A decision changes what every annotation of that account shows (its standing decision, or a cleared
  // flag): the page is read again from scratch, and redraws what changed.
  function rereadAll() {
    done = new WeakMap();
    seen = new WeakMap();
    schedule();
  }

  async function checkProfile(p, force = false, status = '') {
    const key = keyOf(p.data);
    if (banner && banner.key === key && !force) return;
    // Checked again (after a decision): the banner stays until the new one replaces it.
    const kept = banner && banner.key === key ? banner.host : null;
    if (!kept) clearBanner();
    banner = { key, host: kept };
    const url = location.href;
    const mySeq = ++seq;
    const profile = { id: 'profile', ...p.data };
    // The tab moved on (SPA navigation) or a newer profile replaced this one: drop the answer.
    const current = () => location.href === url && seq === mySeq && banner && banner.key === key;
    let lastDrawn = null;
    const draw = (r, accounts) => {
      lastDrawn = [r, accounts];
      const shown = r.shown || r.verdict;
      const account = accounts[r.match] || null;
      // After a decision: this banner again with the decision standing, and the page's badges.
      const after = (words) => setTimeout(() => {
        if (current()) checkProfile(p, true, words);
        rereadAll();
      }, 50);
      const actions = annotationActions({ ...r, verdict: shown }, account, profile, url, new Date().toISOString(), after);
      // Focus was in the banner when it acted: the new one takes it back.
      const refocus = !!(status && banner.host && document.activeElement === banner.host);
      const host = vipguardAnnotate.banner({ ...r, verdict: shown }, account, profile, actions, { key, status, queue, onStep: stepQueue, refocus });
      status = '';
      if (!host) {
        if (banner.host) banner.host.remove();
      } else if (banner.host && banner.host.isConnected) {
        banner.host.replaceWith(host);
      } else {
        document.body.append(host);
      }
      banner.host = host;
    };
    let updated = false; // the avatar round may overtake the reply
    let queue = null; // where this tab is in the review queue, when it is the queue's tab
    const reply = await ask([profile], (update) => {
      if (!current()) return;
      updated = true;
      for (const c of update.changes) draw(c.result, update.accounts);
    });
    if (reply && reply.queue) queue = reply.queue;
    if (!current()) return;
    // The avatar round drew first: drawn again only to add the queue's bar it did not know of.
    if (updated) {
      if (queue && lastDrawn) draw(...lastDrawn);
      return;
    }
    if (!reply || reply.error || !reply.results || !reply.results[0]) {
      if (reply && reply.error) console.warn('vipguard:', reply.error);
      return;
    }
    timed('vipguard:render', () => draw(reply.results[0], reply.accounts));
  }

  function checkCells(cells) {
    const todo = cells.filter((c) => done.get(c.anchor) !== keyOf(c.data)).slice(0, MAX_CELLS_PER_PASS);
    todo.forEach((c) => done.set(c.anchor, keyOf(c.data)));
    // The batches of a pass are drawn together, in one task, once all have answered: each task that
    // changes the page costs the browser a style, layout and paint pass over the whole page (15-25 ms
    // on the 500-cell timeline), and the answers come tens of milliseconds apart.
    const url = location.href;
    const batches = [];
    for (let i = 0; i < todo.length; i += BATCH) batches.push(checkBatch(todo.slice(i, i + BATCH)));
    Promise.allSettled(batches).then((answers) => {
      const draws = answers.map((a) => a.value).filter(Boolean);
      if (location.href !== url || !draws.length) return;
      timed('vipguard:render', () => {
        const writes = [];
        for (const draw of draws) draw(writes);
        for (const write of writes) write();
      });
    });
  }

  // Ask for a batch's verdicts; resolves to a function that draws them (see drawCell), or null.
  async function checkBatch(todo) {
    const url = location.href;
    const profiles = todo.map((c, i) => ({ id: String(i), ...c.data }));
    const updated = new Set(); // cells the avatar round already redrew (it may overtake the reply)
    // Changes to the page wait in `writes` until every cell of the pass has been looked at: finding a
    // badge's spot reads styles, which after an insertion would cost a style pass each.
    const drawCell = (r, i, accounts, writes) => {
      const cell = todo[i];
      if (done.get(cell.anchor) !== keyOf(cell.data)) return;
      const shown = r.shown || r.verdict;
      const signature = `${shown}|${r.score}|${(r.evidence || []).length}|${r.decision ? r.decision.at : ''}`;
      const before = drawn.get(cell.anchor);
      if (before === signature) return;
      drawn.set(cell.anchor, signature);
      // Most cells are clear and were never drawn: nothing to look for or remove.
      if (before === undefined && (shown === 'clear' || shown === 'error')) return;
      const old = cell.anchor.querySelector('vipguard-annotation');
      if (shown === 'clear' || shown === 'error') {
        if (old) writes.push(() => old.remove());
        return;
      }
      const result = { ...r, verdict: shown };
      const actions = annotationActions(result, accounts[r.match] || null, cell.data, url, new Date().toISOString(), rereadAll);
      const host = vipguardAnnotate.badge(result, accounts[r.match], cell.data, actions);
      if (old) {
        writes.push(() => old.replaceWith(host));
      } else {
        const { parent, before: next } = vipguardAnnotate.spot(adapter.badgeSpot(cell.anchor), cell.anchor);
        writes.push(() => parent.insertBefore(host, next));
      }
    };
    const drawCells = (items) => {
      const writes = [];
      for (const [r, i, accounts] of items) drawCell(r, i, accounts, writes);
      for (const write of writes) write();
    };
    const reply = await ask(profiles, (update) => {
      const items = update.changes.filter((c) => todo[c.index]).map((c) => [c.result, c.index, update.accounts]);
      items.forEach(([, i]) => updated.add(i));
      drawCells(items);
    });
    if (reply && reply.error) console.warn('vipguard:', reply.error);
    if (location.href !== url || !reply || reply.error || !reply.results) return null;
    return (writes) => reply.results.forEach((r, i) => {
      if (!updated.has(i)) drawCell(r, i, reply.accounts, writes);
    });
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
      pageSince = performance.now();
      found = false;
      if (unreadable) unreadable.remove();
      unreadable = null;
      watchReading();
    }
    const p = adapter.profile(document, location);
    if (p) {
      checkProfile(p);
      found = true;
    } else {
      clearBanner();
    }
    if (p && unreadable) { unreadable.remove(); unreadable = null; }
    if (!p && !unreadable && adapter.profilePage && adapter.profilePage(location) && performance.now() - pageSince >= READ_WAIT) {
      reportUnreadable();
    }
    // Blocks whose text has not changed since they were checked are skipped before any parsing.
    const cells = adapter.cells(document, (block) => {
      const text = block.textContent;
      if (seen.get(block) === text) return false;
      seen.set(block, text);
      return true;
    }).filter((c) => !p || !p.anchor.contains(c.anchor));
    if (cells.length) {
      found = true;
      checkCells(cells);
    }
  }

  // A pass when the wait is over, for pages that stop changing before it is.
  function watchReading() {
    clearTimeout(unreadTimer);
    if (adapter.profilePage && adapter.profilePage(location)) unreadTimer = setTimeout(schedule, READ_WAIT + 50);
  }

  async function reportUnreadable() {
    const url = location.href;
    unreadable = document.createElement('vipguard-annotation'); // a placeholder: report once per address
    let reply = null;
    try {
      reply = await chrome.runtime.sendMessage({ type: 'unreadable', url, site: adapter.name, wantMessages: !vipguardI18n.seeded() });
    } catch {
      // The worker is unreachable: the notice still shows, in the browser's language.
    }
    if (reply && reply.messages) vipguardI18n.seed(reply.messages);
    if (location.href !== url || !unreadable || unreadable.isConnected) return;
    const { t } = vipguardI18n;
    unreadable = vipguardAnnotate.notice(t('cannotRead'), t('close'));
    document.documentElement.append(unreadable);
  }

  // Debounced, and at most about twice a second however fast the page mutates. Until the page has shown
  // a profile or a cell (for at most FIRST_READ ms after the address changed), the next frame instead:
  // the first verdict is what a reviewer waits for, and the page is still being built then.
  const FIRST_READ = 3000;
  let found = false;
  function schedule() {
    if (timer) return;
    const early = !found && performance.now() - pageSince < FIRST_READ;
    const wait = early ? 16 : Math.max(150, 500 - (performance.now() - lastRun));
    timer = setTimeout(pass, wait);
  }

  // Our own annotations going in are not news.
  const ours = (n) => n.nodeName === 'VIPGUARD-ANNOTATION';
  new MutationObserver((records) => {
    if (records.every((r) => r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(ours))) return;
    schedule();
  }).observe(document, { childList: true, subtree: true, characterData: true });
  window.addEventListener('popstate', schedule);
  // Pausing (the worker tells every tab) takes the annotations already drawn off the page; resuming
  // reads it again.
  function setPaused(paused) {
    if (paused) {
      clearBanner();
      vipguardAnnotate.closeCard();
      for (const host of document.querySelectorAll('vipguard-annotation')) host.remove();
      drawn = new WeakMap();
    }
    rereadAll();
  }
  watchReading();
  // The sites' own scripts run from document_start (their adapters know a page by its address) and are
  // read as soon as the page is parsed; scripts registered for Mastodon and other sites run at
  // document_end (their adapters know a page by its markup) and read at once.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', pass, { once: true });
  else pass();
})();
