// A banner or a badge's evidence card, drawn in an extension page framed into the reviewed page. The page
// cannot read a cross-origin frame, window.find() does not search it, and its listeners never see the
// keys and clicks in it: the verdict, the evidence, the decision note and the buttons live here, and the
// content script only places the frame.
// What to show comes from the worker, for the token in this page's address (worker/frames.js), never from
// the page. What goes to the parent window is only what placing the frame needs (its size, close, move,
// fold): the page's own listeners receive those messages too.
'use strict';

(() => {
  // Stage stamps for `make verdict-latency`, which defines vipguardProbe in the frames it measures; unset
  // (always, outside that benchmark), a probe is one failed property lookup.
  const probe = (name) => globalThis.vipguardProbe?.(name);
  probe('frame: scripts loaded');
  const { t } = vipguardI18n;
  const E = vipguardEvidence;
  const { el } = E;
  const params = new URLSearchParams(location.hash.slice(1));
  // A card's token is in its address; a banner's arrives from the content script once this page has
  // loaded (it loads while the worker checks), and again for a newer result.
  let token = params.get('t') || '';
  const kind = params.get('kind') === 'card' ? 'card' : 'banner';
  const pinned = params.get('pinned') === '1';
  // The page's theme: in the address, and again with each banner token (a banner's frame may be made
  // before the page has a body to read it from: annotate.js prepare).
  let theme = params.get('theme') === 'dark' ? 'dark' : 'light';
  let rec = null; // what the worker sent: {url, checkedAt, profile, result, account, queue, tabId}
  // Counts the profiles this frame has shown (a banner's frame is kept for the next): a copy or decision
  // still under way when the profile changed must not speak, move the focus or redraw in the next one's.
  let shown = 0;
  let box = null;
  let fold = null; // the banner's fold(on, focus, chosen)

  // To the content script, over the port it hands this page each time the page loads (annotate.js
  // frame()): never through the page's window, whose listeners would get this frame's window as the
  // message's source. What is said before the port arrives waits for it.
  let port = null;
  const waiting = [];
  const toParent = (what, extra = {}) => {
    if (!rec) return;
    // Each message names the token it is about: a banner's frame is kept for the next profile, and the
    // content script acts only on messages about the token it last gave (annotate.js bannerMessage).
    const m = { vipguard: what, token, ...extra };
    if (port) port.postMessage(m);
    else waiting.push(m);
  };

  // The size this frame wants: its natural height (the evidence unscrolled), so the content script can
  // make it as tall as the window allows.
  const OPEN_WIDTH = 380; // px, the open banner's width where the window allows (frame.css)
  function reportSize() {
    if (!box) return;
    const body = box.querySelector('.body');
    const folded = box.classList.contains('folded');
    // The box's fractional height: offsetHeight rounds, and a box of 674.5 px in a frame of 674 rounded
    // to 674 with 1 px to scroll, then to 675 with none, and back, 30 times a second (issue 24: the
    // host's size flickered for the page to see, and the page was laid out again each time).
    const h = box.getBoundingClientRect().height + (body && !folded ? body.scrollHeight - body.clientHeight : 0);
    // Open, the banner fills the frame (width: 100vw), so its measured width is only the frame's own:
    // reporting that would keep a frame once made narrow (a folded pill, a frame not yet laid out) narrow
    // for good. It asks for its designed width instead; the content script fits it to the window.
    probe('frame: size sent');
    toParent('size', { w: folded ? Math.ceil(box.offsetWidth) : OPEN_WIDTH, h: Math.ceil(h), folded });
  }
  new ResizeObserver(reportSize).observe(document.documentElement);

  // Clickjacking (issue 24, second red team): a compromised page process can frame this page itself, with
  // a token of its own, nearly transparent or under its own elements, over bait buttons, so that the
  // reviewer's clicks land on a decision. So a decision is taken from a click or key only once the browser
  // has reported this frame visible (IntersectionObserver v2: not covered, not transparent, transformed or
  // filtered, by its page or anything above it) for VISIBLE_MS without a break. A browser without that
  // report (Firefox) asks to confirm every decision instead, the confirming button at a place the page
  // cannot know in advance (evidence.js toolbar). Our own clicks (the decision shortcuts, which come from
  // the worker) are not the reviewer's pointer: they pass.
  const VISIBLE_MS = 500;
  const reportsVisibility = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;
  let seen = false; // visible for VISIBLE_MS, and still
  let seeing = null; // the timer that sets `seen`
  const setSeen = (on) => {
    seen = on;
    // Read by the end-to-end tests, which wait for it before clicking (a page cannot read this document).
    document.documentElement.toggleAttribute('data-seen', on);
  };
  let visibleNow = false; // the browser's last report
  const lookAgain = () => {
    clearTimeout(seeing);
    seeing = null;
    setSeen(false);
    if (visibleNow) seeing = setTimeout(() => { seeing = null; setSeen(true); }, VISIBLE_MS);
  };
  if (reportsVisibility) {
    new IntersectionObserver((entries) => {
      visibleNow = entries[entries.length - 1].isVisible;
      if (!visibleNow) lookAgain();
      else if (!seen && !seeing) lookAgain();
    }, { trackVisibility: true, delay: 100 }).observe(document.documentElement);
  } else {
    setSeen(true);
  }
  // Null when `e` may decide, else the words to show.
  const mayDecide = (e) => (!reportsVisibility || seen || !e || !e.isTrusted ? null : t('notSeenYet'));

  const send = async (msg) => {
    const reply = await chrome.runtime.sendMessage(msg);
    if (!reply || reply.error) throw new Error((reply && reply.error) || t('noAnswer'));
    return reply;
  };

  // The tools of a banner or a pinned card: exports for a ticket and the reviewer's decision (see
  // evidence.js). The ticket names the account's own profile address; the page it was seen on goes beside it.
  function actions() {
    const { profile, account, url: pageUrl, checkedAt } = rec;
    const mine = shown;
    const stillShown = () => mine === shown;
    const r = { ...rec.result, verdict: rec.result.shown || rec.result.verdict };
    const url = vipguardSiteCatalog.profileUrl(profile.platform, profile.handle, pageUrl);
    const item = () => ({
      url, pageUrl, platform: profile.platform, handle: profile.handle, name: profile.name, facts: profile.facts || null, result: r, account,
      checkedAt, version: chrome.runtime.getManifest().version, list: rec.list || null,
      ...(r.decision ? { decision: r.decision.decision, note: r.decision.note } : {}),
    });
    const copy = async (text, what) => {
      try {
        await navigator.clipboard.writeText(text);
      } catch (e) {
        throw Object.assign(new Error(t('clipboardRefused', e.message)), { text });
      }
      return t('copied', what);
    };
    const who = { platform: profile.platform, handle: profile.handle, name: profile.name };
    // The evidence picture, drawn by the worker (it can read both avatars and take the page's screenshot),
    // as PNG bytes; `drawn` keeps the worker's word on it (its SHA-256, and why it has no screenshot).
    let drawn = null;
    // The JSON evidence (Copy JSON), whose SHA-256 the ticket and the picture both carry.
    const evidenceJson = () => JSON.stringify(vipguardReport.toJson(item()), null, 2);
    const draw = async (evidenceSha256) => {
      evidenceSha256 ??= await vipguardReport.sha256(evidenceJson());
      drawn = await send({ type: 'evidenceImage', url: pageUrl, profile: { ...who, avatar: profile.avatar || null },
        match: r.match || null, verdict: r.verdict, score: r.score ?? null, evidenceSha256, ...vipguardReport.imageText(item()) });
      return drawn;
    };
    const picture = async () => vipguardReport.pngBlob((await draw()).dataUrl);
    const aboutImage = (words) => [words, drawn && t('imageSha256', drawn.sha256), drawn && drawn.note].filter(Boolean).join(' ');
    return {
      mayDecide, confirmEvery: !reportsVisibility, stillShown,
      // The report in the format chosen in the options (plain text unless set), with the SHA-256 of the
      // JSON evidence, so the ticket and an attached JSON can be matched; and its picture, in one copy
      // (report.js ticketClipboardItem). Where the clipboard refuses the picture, the text alone, and
      // the status says so.
      copyTicket: async () => {
        const { settings = {} } = await chrome.storage.local.get('settings');
        const format = vipguardReport.FORMAT_NAMES.includes(settings.ticketFormat) ? settings.ticketFormat : 'text';
        const sha256 = await vipguardReport.sha256(evidenceJson());
        const text = vipguardReport.toTicket({ ...item(), sha256 }, format);
        const what = t('ticketFormatName', t(`format_${format}`));
        const { pictured, why } = await vipguardReport.copyTicketWithPicture(text, draw(sha256), t('evidenceImageAlt'), (s) => copy(s, what));
        return pictured ? aboutImage(t('ticketAndImageCopied', what)) : t('ticketCopiedNoImage', what, why);
      },
      copyJson: () => copy(evidenceJson(), t('evidenceJson')),
      copyImage: async () => {
        // The clipboard takes a promise of the picture, so the click's permission holds while it is drawn.
        try {
          await navigator.clipboard.write([new ClipboardItem({ 'image/png': picture() })]);
        } catch (e) {
          throw new Error(t('clipboardRefused', e.message));
        }
        return aboutImage(t('imageCopied'));
      },
      saveImage: async () => {
        const href = URL.createObjectURL(await picture());
        const a = document.createElement('a');
        a.href = href;
        a.download = `vipguard-${profile.platform}-${profile.handle}.png`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(href), 60000);
        return aboutImage(t('imageSaved'));
      },
      decide: async (decision, note, undoes) => {
        await send({ type: 'decide', url: pageUrl, profile: who, decision, note, ...(undoes ? { undoes } : {}),
          result: { verdict: r.verdict, match: r.match || null, score: r.score ?? null } });
        const words = vipguardI18n.recorded(decision);
        // Drawn again with the decision standing (the worker checks the account again), focus on its Undo.
        setTimeout(() => { if (stillShown()) load(true, words); }, 0);
        return words;
      },
    };
  }

  // Compact (a pill) by default where there is nothing to act on: no match, the protected account itself,
  // its official accounts, accounts the reviewer cleared.
  const quiet = (result) => ['clear', 'own', 'allowed'].includes(result.verdict) || !!result.cleared;

  // The profile page's banner: a heading with its controls (collapse, move, close), the evidence (scrolls
  // when long) and the reviewer's tools (always in view). Collapsed, a pill naming the verdict and the
  // account it resembles; Escape collapses it. `status`: a line to show at once (after a decision).
  function drawBanner(status) {
    const result = { ...rec.result, verdict: rec.result.shown || rec.result.verdict };
    const { account, profile } = rec;
    const [icon, words] = E.label(result);
    box = el('div', `box banner ${theme} ${result.verdict}`);
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', t('bannerTitle', words));
    const pill = E.button('', null, t('expand', words));
    pill.className = 'pill';
    pill.append(el('span', 'icon', icon), el('span', null, result.verdict === 'own' && !result.cleared ? t('ownTitle') : t('bannerTitle', words)));
    if (account && result.verdict !== 'clear') pill.append(el('span', 'whom', account.name));
    const head = el('div', 'head');
    const controls = el('div', 'controls');
    const collapse = E.button('−', null, t('collapse'));
    const move = E.button('⇄', null, t('moveCorner'));
    const close = E.button('✕', null, t('closeForProfile'));
    for (const b of [collapse, move, close]) b.classList.add('ctl');
    controls.append(collapse, move, close);
    head.append(E.heading(result, account), controls);
    const body = el('div', 'body');
    body.append(E.details(result, account, profile, { list: rec.list, checkedAt: rec.checkedAt }));
    const foot = el('div', 'foot');
    foot.append(E.toolbar(result, actions(), { status, profile }));
    box.append(pill, head);
    // In the review queue's tab: where this profile is in the queue, and the steps to the others.
    if (rec.queue) {
      const step = (direction) => chrome.runtime.sendMessage({ type: 'queueStep', direction }).catch(() => {});
      const bar = el('div', 'queue');
      bar.append(el('span', null, t('queueBar', rec.queue.position, rec.queue.total)),
        E.button(`◀ ${t('queuePrev')}`, () => step(-1), t('cmdQueuePrevious')),
        E.button(`${t('queueNext')} ▶`, () => step(1), t('cmdQueueNext')));
      box.append(bar);
    }
    box.append(body, foot);
    // Only the reviewer's own choice is remembered (by the content script, for this profile): a default
    // pill must open when the avatar check draws the banner again as an impersonation.
    fold = (on, focus, chosen = true) => {
      box.classList.toggle('folded', on);
      if (chosen) toParent('fold', { folded: on });
      if (focus) (on ? pill : collapse).focus();
      reportSize();
    };
    const remembered = params.get('folded');
    fold(remembered ? remembered === '1' : quiet(result) && !status, false, false);
    pill.addEventListener('click', () => fold(false, true));
    collapse.addEventListener('click', () => fold(true, true));
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !box.classList.contains('folded')) {
        e.stopPropagation();
        fold(true, true);
      }
    });
    move.addEventListener('click', () => toParent('move'));
    close.addEventListener('click', () => toParent('close'));
    return box;
  }

  // A badge's evidence: hover or focus shows it; pinned (a click, Enter or Space on the badge), with the
  // exports and decisions. Escape closes it (the content script returns focus to the badge).
  function drawCard() {
    const result = { ...rec.result, verdict: rec.result.shown || rec.result.verdict };
    const { account, profile } = rec;
    const [, words] = E.label(result);
    box = el('div', `box banner card ${theme} ${result.verdict}`);
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-label', account ? t('badgeLabelMatch', words, account.name) : t('badgeLabel', words));
    box.tabIndex = -1;
    box.append(E.heading(result, account));
    const body = el('div', 'body');
    body.append(E.details(result, account, profile, { explain: false, list: rec.list, checkedAt: rec.checkedAt }));
    box.append(body);
    if (pinned) {
      const foot = el('div', 'foot');
      foot.append(E.toolbar(result, actions(), { profile }));
      box.append(foot);
    } else if (result.decision) {
      box.append(el('div', 'foot note', E.standingWords(result.decision)));
    }
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        toParent('close', { refocus: true });
      }
    });
    document.addEventListener('mouseleave', () => { if (!pinned) toParent('leave'); });
    return box;
  }

  // Reads what to show (again, `fresh`, after a decision) and draws it. `status`: the decision's words.
  async function load(fresh = false, status = '', newer = false) {
    let reply;
    const asked = token;
    const era = vipguardI18n.era();
    try {
      probe('frame: asks for its words');
      reply = await send({ type: 'frameContent', token, fresh, wantMessages: !vipguardI18n.seeded() });
      probe('frame: has its words');
    } catch (e) {
      if (asked !== token) return;
      document.body.replaceChildren(el('div', `box banner ${theme}`, t('failed', e.message)));
      return;
    }
    // Another token (the next profile, in a kept banner frame) arrived meanwhile: this answer is stale.
    if (asked !== token) return;
    vipguardI18n.seed(reply.messages, era);
    rec = reply;
    const had = box && box.contains(document.activeElement);
    // A newer result for the same profile (the avatar's, often a second after the text's) keeps the
    // reviewer's fold, and the note they may be typing, with its caret.
    const typing = newer && box ? box.querySelector('.decide input') : null;
    const note = typing && { value: typing.value, focused: document.activeElement === typing, from: typing.selectionStart, to: typing.selectionEnd };
    // ...and the status line, saying what was just copied or decided (or '…', still under way).
    const said = newer && box ? box.querySelector('.status')?.cloneNode(true) : null;
    if (newer && box && kind === 'banner') params.set('folded', box.classList.contains('folded') ? '1' : '0');
    document.body.replaceChildren(kind === 'card' ? drawCard() : drawBanner(status));
    if (said && said.childNodes.length) box.querySelector('.status')?.replaceChildren(...said.childNodes);
    const input = note && box.querySelector('.decide input');
    if (input) {
      input.value = note.value;
      if (note.focused) {
        input.focus();
        input.setSelectionRange(note.from, note.to);
      }
    }
    probe('frame: drawn');
    document.documentElement.lang = vipguardI18n.lang();
    reportSize();
    if (kind === 'card' && pinned) box.focus();
    // After a decision: keyboard focus back on its Undo (else the first tool), and the status written
    // once it is on the page, so a screen reader announces it.
    if (status && (had || fresh)) {
      requestAnimationFrame(() => {
        const target = box.querySelector('.decided button') || box.querySelector('.foot button');
        if (target) target.focus();
        const line = box.querySelector('.status');
        if (line) line.textContent = status;
      });
    }
  }

  // The content script's requests: what to show (a token: the page could send one too, but it knows none
  // that works, a token being random and good only in this tab's extension frames), and focus (the
  // focus-banner shortcut, which only moves focus here).
  function fromContentScript(data) {
    if (!data) return;
    // The profile was left (the content script keeps this frame for the next): nothing of it stays.
    if (data.vipguardReset && kind === 'banner') forget();
    // Another language chosen: the next result's answer brings its words. The status line (what was just
    // copied or decided) is in the old one and would be carried over into the banner drawn in the new
    // (load, `said`): it is cleared; a request still under way writes its words when it ends.
    if (data.vipguardLanguage) {
      vipguardI18n.unseed();
      box?.querySelector('.status')?.replaceChildren();
    }
    if (typeof data.vipguardToken === 'string' && data.vipguardToken !== token && kind === 'banner') {
      probe('frame: token received');
      const newer = !!rec && !!token; // a newer result for the same profile (the avatar's), not a new profile
      if (!newer) shown++;
      token = data.vipguardToken;
      if (data.theme === 'dark' || data.theme === 'light') theme = data.theme;
      if (typeof data.folded === 'boolean') params.set('folded', data.folded ? '1' : '0');
      else if (!newer) params.delete('folded');
      load(false, '', newer);
    }
    if (data.vipguardFrame === 'focus' && fold) fold(false, true, false);
    // Moved while shown (annotate.js placeBanner): visible still, but not yet seen where it is now.
    if (data.vipguardMoved) {
      if (reportsVisibility) lookAgain();
      // Counted for the end-to-end tests, as data-seen is.
      document.documentElement.dataset.moved = String(Number(document.documentElement.dataset.moved || 0) + 1);
    }
  }
  function forget() {
    shown++;
    token = '';
    rec = null;
    box = null;
    fold = null;
    params.delete('folded');
    waiting.length = 0;
    document.body.replaceChildren();
  }
  addEventListener('message', (e) => {
    if (e.source !== parent || !e.data || !e.data.vipguardPort || !e.ports[0]) return;
    probe('frame: port received');
    port = e.ports[0];
    port.onmessage = (m) => fromContentScript(m.data);
    for (const m of waiting.splice(0)) port.postMessage(m);
  });

  // Keyboard shortcuts that decide arrive from the worker, for this tab's banner: only from the extension's
  // own pages and worker, never from a content script (its world is the page's process, which must not
  // decide without the reviewer's pointer passing mayDecide). The worker sends each by two routes
  // (worker/commands.js), and it is acted on once.
  const ours = chrome.runtime.getURL('');
  const commandsDone = [];
  chrome.runtime.onMessage.addListener((msg, sender) => {
    if (kind !== 'banner' || !rec || !box || sender.id !== chrome.runtime.id || !String(sender.url || '').startsWith(ours)) return;
    if (!msg || msg.type !== 'vipguard-frame-command' || msg.tabId !== rec.tabId) return;
    if (typeof msg.id !== 'string' || commandsDone.includes(msg.id)) return;
    commandsDone.push(msg.id);
    if (commandsDone.length > 16) commandsDone.shift();
    if (msg.command === 'focus-banner') fold(false, true, false);
    if (msg.command === 'copy-ticket') {
      // The clipboard writes only from a focused document: this frame takes the focus itself rather than
      // wait for the content script's (sent at the same time). Firefox takes the picture only after a
      // click in the frame, which a shortcut is not: there the text goes alone, and the banner says so.
      window.focus();
      fold(false, true, false);
      box.querySelector('button[data-action="copyTicket"]')?.click();
    }
    const decision = { 'decide-confirmed': 'confirmed', 'decide-escalate': 'escalate', 'decide-not-impersonator': 'not_impersonator' }[msg.command];
    if (decision) {
      fold(false, false, false);
      const b = box.querySelector(`button[data-decision="${decision}"]`);
      if (b) b.click();
    }
  });

  if (token) load();
})();
