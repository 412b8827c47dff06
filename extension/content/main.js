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
  // The banner's frame, too, loads while the page does (annotate.js prepare): empty and hidden until a
  // profile's verdict comes.
  // (Not where the adapter never reads a profile: YouTube's live chat, a frame of the watch page.)
  if (document.readyState === 'loading') {
    chrome.runtime.sendMessage({ type: 'wake', url: location.href }).catch(() => {});
    if (!(adapter.noProfile && adapter.noProfile(location))) vipguardAnnotate.prepare();
  }
  const MAX_CELLS_PER_PASS = 1000;
  const BATCH = 200; // the worker's cap per message
  let done = new WeakMap(); // cell block -> key of what was checked there
  let seen = new WeakMap(); // cell block -> its text when last read
  let retryTimer = null;
  let drawn = new WeakMap(); // cell block -> signature of the result drawn there
  // cell block -> the badge host drawn for it: not the first badge found inside it, which, once the page
  // removed this cell's badge, could be a nested account's (a quoted post's author), whose card would then
  // open with this account's token (record23).
  const badges = new WeakMap();
  const badgeIn = (anchor) => {
    const b = badges.get(anchor);
    return b && b.isConnected && anchor.contains(b) ? b : null;
  };
  // Where the adapter says accounts come back row after row (`repeats`: YouTube's live chat, many messages
  // a second from the same few authors), each distinct account (all it was read with) is asked about once
  // per page, and every row of it drawn from that answer: account key -> {anchors, answer: [r, token] or
  // null while asked, at: when answered}. Emptied whenever the page is read afresh (a decision, the language,
  // a pause, and the worker's word that the list, the team's feed, the allow-list or a decision changed:
  // vipguard-changed). An answer older than ACCOUNT_TTL_MS is asked again with the account's next row, so
  // that a change the worker did not tell of still reaches the chat within a minute (live21 review, H2).
  let accounts = new Map();
  const ACCOUNTS_MAX = 5000;
  const ACCOUNT_TTL_MS = 60000;
  let banner = null; // {key, host}
  let shownUrl = location.href;
  // The reader's self-check: a profile address (by the site's own URL pattern) whose profile could not
  // be read READ_WAIT ms after the page or address changed, or a list address (followers, likes, search
  // results … by the adapter's listPage) where no account was read in that time, gets a notice, counted
  // in the popup and kept in the audit log, so a change of the site's layout never fails silently.
  const READ_WAIT = 4000;
  let pageSince = performance.now();
  // When a list page first showed rows (its adapter's listEmpty false): comments drawn only once the reader
  // scrolls to them, or after the video, get their own wait, else a slow list is reported as unreadable.
  let rowsSince = null;
  let cellsRead = false; // any account read on this address (passes read only what changed since)
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
  chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id || !msg) return undefined;
    // The worker is about to take (or has taken) the page's screenshot: the banner and card leave it, and
    // the answer waits until the page has been drawn without them (two frames; a timer if frames stall).
    if (msg.type === 'vipguard-capture') {
      vipguardAnnotate.hideForCapture(!!msg.hide);
      let done = false;
      const answer = () => { if (!done) { done = true; sendResponse({ ok: true }); } };
      requestAnimationFrame(() => requestAnimationFrame(answer));
      setTimeout(answer, 250);
      return true;
    }
    // A keyboard shortcut (the manifest's commands, routed by the worker).
    if (msg.type === 'vipguard-paused') setPaused(!!msg.paused);
    // The decisions' shortcuts go to the banner's frame straight from the worker (a page cannot send those).
    // A shortcut that acts in the banner gives it the keyboard focus (the clipboard writes only from a focused frame).
    if (msg.type === 'vipguard-command' && (msg.command === 'focus-banner' || msg.command === 'copy-ticket')) vipguardAnnotate.focusBanner();
    // The reviewer decided in a frame of this tab: the badges show the standing decision.
    if (msg.type === 'vipguard-decided') rereadAll();
    // The list, the team's feed, the allow-list or a decision changed (made anywhere: the popup, another
    // tab): where answers are kept per account (YouTube's live chat) they are dropped and the page read again.
    if (msg.type === 'vipguard-changed' && repeats()) rereadAll();
    if (msg.type === 'vipguard-language') languageChanged();
    if (msg.type !== 'vipguard-update') return undefined;
    const apply = pending.get(msg.requestId);
    if (apply && msg.url === location.href) timed('vipguard:render', () => apply(msg));
  });

  // A request asked before the reviewer chose another language (relabel38): its answer and avatar round
  // are dropped, the page having been asked again in the new one (languageChanged). Drawn after the new
  // pass had marked its rows, before the new answer brought the words, it drew them in the browser's
  // language, and the new answer, the same verdict and mark, then only retokened them: badges stayed in
  // the old language.
  const stale = (era) => era !== vipguardI18n.era();
  async function ask(profiles, onUpdate, extra = {}) {
    const requestId = nextRequest++;
    const era = vipguardI18n.era();
    pending.set(requestId, (update) => { if (!stale(era)) onUpdate(update); });
    setTimeout(() => pending.delete(requestId), 60000);
    // The first answer also brings the interface's words (vipguardI18n.seed).
    const wantMessages = !vipguardI18n.seeded() && !messagesAsked;
    if (wantMessages) messagesAsked = true;
    try {
      // Sending copies the profiles on this thread: part of the work we add to the page.
      const reply = await timed('vipguard:send', () => chrome.runtime.sendMessage({
        type: 'check', url: location.href, profiles, requestId, wantMessages, ...extra }));
      if (reply && reply.messages && timed('vipguard:i18n', () => vipguardI18n.seed(reply.messages, era))) wordsCame();
      if (reply && reply.view) vipguardAnnotate.setView(reply.view);
      return stale(era) ? { stale: true } : reply;
    } catch (e) {
      return { error: String(e && e.message || e) };
    } finally {
      // Paused, no list yet, or the worker was not reachable: the next request asks again. Not when asked
      // in a language before: the new language's request (languageChanged reset the flag) may be waiting
      // for its words, and a second request would ask for them too (relabel38b).
      if (wantMessages && !stale(era) && !vipguardI18n.seeded()) messagesAsked = false;
    }
  }

  // Badges drawn before this language's words came, in the browser's words: anchor -> [result, cell,
  // token]. Only one request at a time asks for the words, and another answered before it (a later pass,
  // new rows; a sibling batch while the words' request was refused for now) is drawn without them; `done`
  // and `seen` would then skip those rows for good. They are drawn again, here, from the result and token
  // they were drawn with, as soon as any answer brings the words (relabel38b). Emptied when the page is
  // read afresh (rereadAll): its rows are then asked again.
  let unworded = new Map();
  function rememberUnworded(r, cell, token) {
    const before = unworded.get(cell.anchor);
    unworded.set(cell.anchor, [r, cell, token || (before && before[2]) || null]);
  }
  function wordsCame() {
    if (!unworded.size) return;
    const rows = [...unworded.values()];
    unworded = new Map();
    timed('vipguard:render', () => {
      const writes = [];
      for (const [r, cell, token] of rows) if (cell.anchor.isConnected) drawCell(r, cell, token, writes);
      for (const write of writes) write();
    });
  }

  // The banner may still be waiting for its first answer (no host yet): leaving a profile that fast
  // is common on X, and must not stop the reading of the next one.
  function clearBanner() {
    if (banner && banner.host) vipguardAnnotate.removeBanner(banner.host);
    banner = null;
  }

  // A decision changes what every annotation of that account shows (its standing decision, or a cleared
  // flag): the page is read again from scratch, and redraws what changed.
  function rereadAll() {
    done = new WeakMap();
    seen = new WeakMap();
    accounts = new Map();
    unworded = new Map();
    schedule();
  }

  // The reviewer chose another language in the options: the words are asked for again with the next
  // answer, and the page is checked again, the profile too, so the banner's evidence (the engine's
  // sentences) reads in it without a reload.
  function languageChanged() {
    vipguardI18n.unseed();
    messagesAsked = false;
    drawn = new WeakMap(); // every badge drawn again, its card's token one of the new results
    vipguardAnnotate.languageChanged();
    if (banner) banner.read = null;
    rereadAll();
  }

  async function checkProfile(p) {
    const key = keyOf(p.data);
    // Everything read: a header still being built (the name parsed, the followers count, bio or avatar
    // not yet) is read again once it is whole, and checked again.
    const read = JSON.stringify(p.data);
    // Already shown: put back if the page took it off (annotate.js watches it too).
    if (banner && banner.key === key && banner.read === read) {
      vipguardAnnotate.keepBanner();
      return;
    }
    const url = location.href;
    const mySeq = ++seq;
    const profile = { id: 'profile', ...p.data };
    // The tab moved on (SPA navigation) or a newer profile replaced this one: drop the answer.
    const current = () => location.href === url && seq === mySeq && banner && banner.key === key;
    if (banner && banner.key === key && banner.host) {
      // The same account, more of it read: its banner stays where it is and shows the new answer.
      banner.read = read;
    } else {
      clearBanner();
      banner = { key, read, host: null };
      // The banner is a frame (content/annotate.js), put on the page now so that it loads while the
      // worker checks; it shows what the worker gave `token`.
      const host = vipguardAnnotate.banner({ key, controls: adapter.controls ? () => adapter.controls(document) : null });
      if (host) vipguardAnnotate.showBanner(host, null);
      banner.host = host;
    }
    const draw = (token) => {
      if (token && banner.host) vipguardAnnotate.showToken(banner.host, token);
    };
    let updated = false; // the avatar round may overtake the reply
    const reply = await ask([profile], (update) => {
      if (!current()) return;
      updated = true;
      for (const c of update.changes) draw(update.frames && update.frames[c.index]);
    }, { banner: true });
    if (!current() || updated || (reply && reply.stale)) return;
    if (!reply || reply.error || !reply.results || !reply.results[0] || !reply.frames || !reply.frames[0]) {
      if (reply && reply.error) console.warn('vipguard:', reply.error);
      // Nothing to show (paused, no list yet, the worker unreachable): no frame either.
      if (banner && banner.host) vipguardAnnotate.removeBanner(banner.host);
      if (banner) banner.host = null;
      return;
    }
    timed('vipguard:render', () => draw(reply.frames && reply.frames[0]));
  }

  // `repeats`: the cells of an account already asked about are drawn from its answer (now, or when it
  // comes) and only one cell per new account is asked about.
  const repeats = () => !!(adapter.repeats && adapter.repeats(location));
  const accountKey = (d) => JSON.stringify(d);
  function checkCells(cells) {
    let todo = cells.filter((c) => done.get(c.anchor) !== keyOf(c.data)).slice(0, MAX_CELLS_PER_PASS);
    todo.forEach((c) => done.set(c.anchor, keyOf(c.data)));
    if (repeats()) todo = newAccounts(todo);
    // The batches of a pass are drawn together, in one task, once all have answered: each task that
    // changes the page costs the browser a style, layout and paint pass over the whole page (15-25 ms
    // on the 500-cell timeline), and the answers come tens of milliseconds apart.
    const url = location.href;
    // A batch is dropped when its own answer comes in a later language era (ask), but its siblings answered
    // before the change are drawn here, after the last has settled: a pass asked in the language before
    // draws nothing, lest its results and tokens (the old language's evidence) retoken the new pass's
    // badges or fill its `accounts` (relabel38b).
    const era = vipguardI18n.era();
    const batches = [];
    for (let i = 0; i < todo.length; i += BATCH) batches.push(checkBatch(todo.slice(i, i + BATCH)));
    Promise.allSettled(batches).then((answers) => {
      const draws = answers.map((a) => a.value).filter(Boolean);
      if (location.href !== url || stale(era) || !draws.length) return;
      timed('vipguard:render', () => {
        const writes = [];
        for (const draw of draws) draw(writes);
        for (const write of writes) write();
      });
    });
  }

  // Rows YouTube took out of the chat (scrolled out, deleted) are not kept, nor an answered account with no
  // row left on the page: its author, writing again, is asked about again. (An account still waiting for
  // its answer is kept: the answer is kept for its next rows.) Once per pass, before the page is read.
  function dropLeftRows() {
    for (const [k, known] of accounts) {
      for (const a of known.anchors) if (!a.isConnected) known.anchors.delete(a);
      if (!known.anchors.size && known.answer) accounts.delete(k);
    }
  }

  // The cells of accounts not asked about yet on this page, one per account; the others join their
  // account's rows and are drawn from its answer if it has come.
  function newAccounts(cells) {
    const ask = [];
    const writes = [];
    for (const c of cells) {
      const k = accountKey(c.data);
      let known = accounts.get(k);
      if (known && known.answer && performance.now() - known.at > ACCOUNT_TTL_MS) {
        // Too old: asked again, and the answer drawn on all its rows still on the page.
        known.anchors.add(c.anchor);
        known.answer = null;
        ask.push(c);
        continue;
      }
      if (known) {
        known.anchors.add(c.anchor);
        if (known.answer) drawCell(known.answer[0], c, known.answer[1], writes);
        continue;
      }
      if (accounts.size >= ACCOUNTS_MAX) accounts.delete(accounts.keys().next().value);
      accounts.set(k, { anchors: new Set([c.anchor]), answer: null });
      ask.push(c);
    }
    if (writes.length) timed('vipguard:render', () => writes.forEach((w) => w()));
    return ask;
  }

  // The cells an answer for `cell` is drawn on: its account's rows still on the page (`repeats`), else
  // the cell alone. The account keeps the answer for its later rows.
  function cellsOf(cell, r, token) {
    const known = repeats() ? accounts.get(accountKey(cell.data)) : null;
    if (!known) return [cell];
    known.answer = [r, token || (known.answer && known.answer[1]) || null];
    known.at = performance.now();
    for (const a of known.anchors) if (!a.isConnected) known.anchors.delete(a);
    return [...known.anchors].map((anchor) => ({ anchor, data: cell.data }));
  }

  // Draws result `r` (its card opening with `token`) on `cell`, the page's changes pushed onto `writes`.
  // Changes to the page wait in `writes` until every cell of the pass has been looked at: finding a
  // badge's spot reads styles, which after an insertion would cost a style pass each.
  // `r`: what the worker tells a page of a result (worker/check.js forPage): the verdict shown, whether a
  // decision stands, and a mark that changes when what its card shows changes; nothing of the account.
  function drawCell(r, cell, token, writes) {
    if (done.get(cell.anchor) !== keyOf(cell.data)) return;
    if (!vipguardI18n.seeded()) rememberUnworded(r, cell, token);
    const shown = r.verdict;
    // The words it is drawn in are part of what is drawn: a badge drawn before this language's words came
    // is drawn again once they have (wordsCame), not merely retokened.
    const signature = `${shown}|${r.mark || ''}|${vipguardI18n.era()}${vipguardI18n.seeded() ? '' : '?'}`;
    const before = drawn.get(cell.anchor);
    // Drawn already: its card opens with this newer check's token (annotate.js retoken).
    if (before === signature) {
      if (token) vipguardAnnotate.retoken(badgeIn(cell.anchor), token);
      return;
    }
    drawn.set(cell.anchor, signature);
    // Most cells are clear and were never drawn: nothing to look for or remove.
    if (before === undefined && (shown === 'clear' || shown === 'error')) return;
    const old = badgeIn(cell.anchor);
    if (shown === 'clear' || shown === 'error') {
      if (old) writes.push(() => old.remove());
      badges.delete(cell.anchor);
      return;
    }
    if (!token) return;
    const host = vipguardAnnotate.badge(r, token);
    badges.set(cell.anchor, host);
    if (old) {
      writes.push(() => old.replaceWith(host));
    } else {
      const { parent, before: next } = vipguardAnnotate.spot(adapter.badgeSpot(cell.anchor), cell.anchor);
      writes.push(() => parent.insertBefore(host, next));
    }
  }

  // The accounts of `todo` still waiting for an answer, forgotten: asked about again with their next row,
  // and the rows that joined them read again (neither marked done nor remembered in `seen`: a chat row's
  // anchor is the block it remembers, and unchanged text is skipped). `keepCurrent`: the row each was asked
  // with stays as it is.
  function forgetPending(todo, { keepCurrent }) {
    for (const c of todo) {
      const k = accountKey(c.data);
      const known = accounts.get(k);
      if (!known || known.answer) continue;
      for (const a of known.anchors) {
        if (keepCurrent && a === c.anchor) continue;
        done.delete(a);
        seen.delete(a);
      }
      accounts.delete(k);
    }
  }

  // Ask for a batch's verdicts; resolves to a function that draws them (see drawCell), or null.
  async function checkBatch(todo) {
    const url = location.href;
    const profiles = todo.map((c, i) => ({ id: String(i), ...c.data }));
    // Cells the avatar round already gave a result (it may overtake the reply): index -> [result, token].
    // The answer's draw draws them from that (newer) result, not from the reply's: before the words came
    // the avatar round left them to it (relabel38, relabel38b).
    const updated = new Map();
    let answerDraws = true; // the answer's draw is still to come (it draws what `updated` holds)
    const drawOne = (r, i, token, writes) => {
      for (const cell of cellsOf(todo[i], r, token)) drawCell(r, cell, token, writes);
    };
    const drawCells = (items) => {
      const writes = [];
      for (const [r, i, token] of items) drawOne(r, i, token, writes);
      for (const write of writes) write();
    };
    const reply = await ask(profiles, (update) => {
      const items = update.changes.filter((c) => todo[c.index]).map((c) => [c.result, c.index, update.frames && update.frames[c.index]]);
      items.forEach(([r, i, token]) => updated.set(i, [r, token]));
      // No words yet (the answer may be the one bringing them): left to the answer's draw, rather than
      // drawn now in the browser's words and again moments later (relabel38b).
      if (answerDraws && !vipguardI18n.seeded()) return;
      drawCells(items);
    });
    const noDraw = () => { answerDraws = false; return null; };
    // Asked in the language before: its rows were asked again (done, accounts and seen are the new pass's).
    if (reply && reply.stale) return noDraw();
    if (reply && reply.error) console.warn('vipguard:', reply.error);
    // Refused for now (too many accounts new to this tab at once, worker/limits.js): these cells are read
    // again a little later.
    if (reply && reply.error && reply.retry) {
      for (const c of todo) done.delete(c.anchor);
      forgetPending(todo, { keepCurrent: false });
      seen = new WeakMap();
      clearTimeout(retryTimer);
      retryTimer = setTimeout(schedule, reply.retry);
    }
    if (location.href !== url || !reply || reply.error || !reply.results || !reply.results.length) {
      // No answer (paused, no list, the worker unreachable): the account is asked about again with its next
      // row, and the rows that joined it while it was asked are read again too (not left marked done).
      forgetPending(todo, { keepCurrent: true });
      return noDraw();
    }
    return (writes) => {
      answerDraws = false;
      reply.results.forEach((r, i) => {
        if (updated.has(i)) drawOne(updated.get(i)[0], i, updated.get(i)[1], writes);
        else drawOne(r, i, reply.frames && reply.frames[i], writes);
      });
    };
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
      accounts = new Map();
      unworded = new Map();
      rowsSince = null;
      found = false;
      cellsRead = false;
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
    if (repeats()) dropLeftRows();
    // Blocks whose text has not changed since they were checked are skipped before any parsing.
    // `aside`: see registry.js (read, but it does not tell the self-check that the list was read).
    const cells = adapter.cells(document, (block, aside = false) => {
      const text = block.textContent;
      // Read before and still shown (a list screen Bluesky kept mounted, shown again): read all the same.
      if (seen.get(block) === text) {
        if (!aside) cellsRead = true;
        return false;
      }
      seen.set(block, text);
      return true;
    }).filter((c) => !p || !p.anchor.contains(c.anchor));
    if (cells.length) {
      found = true;
      if (cells.some((c) => !c.aside)) cellsRead = true;
      checkCells(cells);
    }
    selfCheck(!!p);
  }

  // What the address promises (a profile, a list of accounts) and what was read: a notice once the wait
  // is over and something promised is missing; taken off once it is all there.
  function selfCheck(profileRead) {
    // (A list that says it is empty, by the site's own empty message, has nothing to read.)
    const now = performance.now();
    const profileMissing = isProfilePage() && !profileRead;
    const rowsUnread = isListPage() && !cellsRead && !(adapter.listEmpty && adapter.listEmpty(document));
    if (rowsUnread && rowsSince === null) {
      rowsSince = now;
      clearTimeout(unreadTimer);
      unreadTimer = setTimeout(schedule, READ_WAIT + 50); // a pass when the rows' own wait is over
    }
    // (rowsSince is reset with pageSince on every new address, so it is never the earlier one.)
    const since = profileMissing ? pageSince : rowsSince ?? pageSince;
    const missing = profileMissing || rowsUnread;
    if (!missing && unreadable) { unreadable.remove(); unreadable = null; }
    if (missing && !unreadable && now - since >= READ_WAIT) reportUnreadable();
  }
  const isProfilePage = () => !!(adapter.profilePage && adapter.profilePage(location));
  const isListPage = () => !!(adapter.listPage && adapter.listPage(location));

  // A pass when the wait is over, for pages that stop changing before it is.
  function watchReading() {
    clearTimeout(unreadTimer);
    if (isProfilePage() || isListPage()) unreadTimer = setTimeout(schedule, READ_WAIT + 50);
  }

  async function reportUnreadable() {
    const url = location.href;
    unreadable = document.createElement('vipguard-annotation'); // a placeholder: report once per address
    let reply = null;
    const era = vipguardI18n.era();
    try {
      reply = await chrome.runtime.sendMessage({ type: 'unreadable', url, site: adapter.name, wantMessages: !vipguardI18n.seeded() });
    } catch {
      // The worker is unreachable: the notice still shows, in the browser's language.
    }
    if (reply && reply.messages && vipguardI18n.seed(reply.messages, era)) wordsCame();
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
    // A new address (X opens a profile in-app) is read on the next frame too: the throttle is for a page
    // that keeps changing, not for the first read of a new one.
    const early = location.href !== shownUrl || (!found && performance.now() - pageSince < FIRST_READ);
    const wait = early ? 16 : Math.max(150, 500 - (performance.now() - lastRun));
    timer = setTimeout(pass, wait);
  }

  // Our own annotations going in are not news. One attribute is watched, `is-active`: YouTube's shorts
  // player moves it to the reel scrolled to, its markup otherwise unchanged, and may do so after the
  // address has changed (a pass then read the reel left); Anarios/return-youtube-dislike
  // Extensions/combined/ryd.content-script.js @ c0c3a2ea (lines 26-47) watches it on ytd-shorts for that.
  // A filter, not every attribute: pages change attributes (classes, styles) far more often than text.
  const ours = (n) => n.nodeName === 'VIPGUARD-ANNOTATION';
  new MutationObserver((records) => {
    if (records.every((r) => r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(ours))) return;
    schedule();
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['is-active'] });
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
