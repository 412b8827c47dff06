// Annotations: a banner for profile pages and a badge for user cells, each in a closed shadow root,
// built with textContent only (page data is never parsed as HTML). The host element carries
// data-vipguard-verdict so tests and tools can read the outcome without piercing the shadow root.
'use strict';

var vipguardAnnotate = (() => {
  const { t } = vipguardI18n;
  const E = vipguardEvidence;
  const { el } = E;
  const hosts = new WeakMap(); // host element -> the verdict we set (restored if the page changes it)

  // Read once per second at most: getComputedStyle after inserting annotations forces a style pass.
  let themeCache = null;
  let themeAt = 0;
  function theme() {
    if (themeCache && performance.now() - themeAt < 1000) return themeCache;
    // The first opaque background of body and html; a page that paints none is white.
    let [r, g, b] = [255, 255, 255];
    for (const el of [document.body, document.documentElement]) {
      const c = (getComputedStyle(el).backgroundColor.match(/[\d.]+/g) || []).map(Number);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0)) {
        [r, g, b] = c;
        break;
      }
    }
    themeCache = 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
    themeAt = performance.now();
    return themeCache;
  }

  const CSS = `
    :host { all: initial; }
    .box { font: 13px/1.4 system-ui, sans-serif; border-radius: 10px; border: 2px solid var(--edge);
      background: var(--bg); color: var(--fg); box-shadow: 0 4px 16px rgba(0,0,0,.25); white-space: normal;
      overflow-wrap: anywhere; text-align: start; }
    .light { --bg: #fff; --fg: #111; --muted: #555; --edge: #888; --mark: #fde68a; --line: #ddd; --link: #0b57d0; }
    .dark { --bg: #15202b; --fg: #f5f5f5; --muted: #c5c5c5; --edge: #8899a6; --mark: #8a6d00; --line: #38444d; --link: #8ab4f8; }
    .impersonation { --edge: #c62828; --solid: #c62828; } .suspicious { --edge: #e6a100; } .labelled { --edge: #6a5acd; }
    .own, .allowed { --edge: #2e7d32; }
    .banner { display: flex; flex-direction: column; width: min(380px, calc(100vw - 32px)); max-height: inherit;
      box-sizing: border-box; overflow: hidden; }
    .head { display: flex; gap: 6px; align-items: flex-start; padding: 8px 8px 4px 12px; flex: none; }
    .title { font-weight: 700; font-size: 14px; flex: 1; min-width: 0; }
    .icon { font-size: 16px; } .title .icon { margin-inline-end: 6px; }
    .score { color: var(--muted); font-weight: 400; cursor: help; margin-inline-start: 6px; white-space: nowrap; }
    .controls { display: flex; gap: 2px; flex: none; }
    .ctl { border: none; font-size: 15px; line-height: 1; padding: 3px 6px; }
    .ctl:hover { background: var(--line); }
    .body { padding: 0 12px 6px; overflow: auto; min-height: 0; flex: 1 1 auto; }
    .foot { padding: 6px 12px 10px; border-top: 1px solid var(--line); flex: none; }
    .card .head, .card > .title { padding: 8px 12px 4px; }
    .card { overflow: hidden; } .card > .title { flex: none; }
    .pill { display: none; gap: 6px; align-items: center; border: none; padding: 6px 10px; font-size: 13px;
      max-width: min(380px, calc(100vw - 32px)); text-align: start; }
    .folded { width: auto; } .folded .pill { display: flex; } .folded .head, .folded .body, .folded .foot { display: none; }
    .whom { font-weight: 400; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 160px; }
    .pill .whom::before, .badge .whom::before { content: '· '; }
    .who { margin: 4px 0; } ul { margin: 6px 0 0; padding-left: 18px; } li { margin: 2px 0; }
    a { color: var(--link); }
    .chars { margin-top: 6px; } .char { display: block; color: var(--muted); }
    .note { margin-top: 6px; color: var(--muted); font-size: 12px; }
    mark { background: var(--mark); color: inherit; padding: 0 2px; border-radius: 3px; }
    .avatars { display: flex; gap: 12px; margin-top: 8px; }
    figure { margin: 0; text-align: center; max-width: 120px; }
    figcaption { font-size: 11px; color: var(--muted); margin-top: 2px; }
    .avatars img { width: 64px; height: 64px; border-radius: 50%; }
    .badge { display: inline-flex; gap: 3px; align-items: center; padding: 0 5px; white-space: nowrap;
      font: 600 11px/14px system-ui, sans-serif; border-width: 1px; border-radius: 8px; box-shadow: none;
      cursor: pointer; max-width: 280px; overflow: hidden; }
    .badge.impersonation { background: var(--solid); color: #fff; }
    .badge .icon { font-size: 11px; } .badge .whom { max-width: 140px; } .badge .mark { font-size: 8px; }
    .badge:focus { outline: 2px solid var(--edge); outline-offset: 2px; }
    .actions, .choices { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
    .decide { margin-top: 8px; } .choices { margin-top: 6px; }
    .decided { margin-top: 8px; } .decided button { margin-left: 4px; }
    .ask { flex: 1 1 100%; font-weight: 600; }
    .queue { display: flex; gap: 6px; align-items: center; padding: 4px 12px 6px; flex: none; border-bottom: 1px solid var(--line); }
    .queue span { flex: 1; font-weight: 600; }
    button { font: 600 12px/1.2 system-ui, sans-serif; color: var(--fg); background: transparent;
      border: 1px solid var(--edge); border-radius: 6px; padding: 4px 8px; cursor: pointer; }
    button[aria-pressed="true"], button.strong { background: var(--edge); color: #fff; }
    button:focus-visible, input:focus-visible, .box:focus-visible { outline: 2px solid var(--edge); outline-offset: 1px; }
    input { font: 12px system-ui, sans-serif; color: var(--fg); background: transparent; border: 1px solid var(--muted);
      border-radius: 6px; padding: 3px 6px; width: 100%; box-sizing: border-box; }
    .status { margin-top: 6px; color: var(--muted); min-height: 1em; }
    textarea { width: 100%; height: 80px; font: 11px monospace; }
  `;

  let sheet = null;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  } catch {
    sheet = null;
  }

  function makeHost(result) {
    const host = document.createElement('vipguard-annotation');
    const root = host.attachShadow({ mode: 'closed' });
    // One stylesheet parsed once and shared by every annotation (hundreds on a long timeline).
    if (sheet) root.adoptedStyleSheets = [sheet];
    else root.append(el('style', null, CSS));
    setVerdict(host, result.verdict);
    return { host, root };
  }

  function setVerdict(host, verdict) {
    hosts.set(host, verdict);
    host.setAttribute('data-vipguard-verdict', verdict);
  }

  // A page script changing our verdict attribute gets it put back.
  const guard = new MutationObserver((records) => {
    for (const r of records) {
      const want = hosts.get(r.target);
      if (want && r.target.getAttribute('data-vipguard-verdict') !== want) r.target.setAttribute('data-vipguard-verdict', want);
    }
  });

  // The banner's corner, the same on every page opened after it is set (its "move" button tells the worker,
  // which keeps it and sends it with every answer: setView), and per
  // profile whether the reviewer collapsed or expanded it, or closed it, for as long as the tab lives.
  const CORNERS = ['top-right', 'bottom-right', 'bottom-left', 'top-left'];
  let corner = CORNERS[0];
  const folded = new Map(); // profile key -> true (collapsed) | false (expanded)
  const closed = new Set(); // profile keys whose banner the reviewer closed
  let current = null; // {host, key, place()}
  // The worker's answer brings the settings a page needs (worker/view-settings.js).
  function setView(view) {
    if (view && CORNERS.includes(view.corner) && view.corner !== corner) setCorner(view.corner);
  }
  function setCorner(c) {
    corner = c;
    if (current) current.place();
  }
  // Fixed in a corner below the sites' top bars, so the page's own content never moves; as tall as the
  // window allows, so its actions (at the bottom, never scrolled away) stay on screen.
  function placeBanner(host) {
    const [v, h] = corner.split('-');
    host.style.cssText = `position:fixed;${v}:${v === 'top' ? 72 : 16}px;${h}:16px;z-index:2147483646;display:block;`
      + `max-height:calc(100vh - ${v === 'top' ? 88 : 32}px);`;
  }

  // Compact (a pill) by default where there is nothing to act on: no match, the protected account itself,
  // its official accounts, accounts the reviewer cleared.
  const quiet = (result) => ['clear', 'own', 'allowed'].includes(result.verdict) || !!result.cleared;

  // The profile page's banner: a heading with its controls (collapse, move, close), the evidence (scrolls
  // when long) and the reviewer's tools (always in view). Collapsed, a pill naming the verdict and the
  // account it resembles; Escape collapses it. `opts.key` names the profile (what collapse and close are
  // remembered by); `opts.status`, a line to show in it at once (after a decision redrew it).
  function banner(result, account, profile, actions, opts = {}) {
    const key = opts.key || '';
    if (closed.has(key)) return null;
    const { host, root } = makeHost(result);
    host.setAttribute('data-vipguard-kind', 'banner');
    const [icon, words] = E.label(result);
    const box = el('div', `box banner ${theme()} ${result.verdict}`);
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
    body.append(E.details(result, account, profile));
    const foot = el('div', 'foot');
    if (actions) foot.append(E.toolbar(result, actions, { status: opts.status, profile }));
    box.append(pill, head);
    // In the review queue's tab: where this profile is in the queue, and the steps to the others.
    if (opts.queue && opts.onStep) {
      const bar = el('div', 'queue');
      bar.append(el('span', null, t('queueBar', opts.queue.position, opts.queue.total)),
        E.button(`◀ ${t('queuePrev')}`, () => opts.onStep(-1), t('cmdQueuePrevious')),
        E.button(`${t('queueNext')} ▶`, () => opts.onStep(1), t('cmdQueueNext')));
      box.append(bar);
    }
    box.append(body, foot);
    // Only the reviewer's own choice is remembered: a default pill (a clear text check) must open when
    // the avatar check redraws the banner as an impersonation.
    const fold = (on, focus, chosen = true) => {
      if (chosen) folded.set(key, on);
      box.classList.toggle('folded', on);
      if (focus) (on ? pill : collapse).focus();
    };
    fold(folded.has(key) ? folded.get(key) : quiet(result) && !opts.status, false, false);
    pill.addEventListener('click', () => fold(false, true));
    collapse.addEventListener('click', () => fold(true, true));
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !box.classList.contains('folded')) {
        e.stopPropagation();
        fold(true, true);
      }
    });
    move.addEventListener('click', () => {
      const next = CORNERS[(CORNERS.indexOf(corner) + 1) % CORNERS.length];
      setCorner(next);
      try {
        chrome.runtime.sendMessage({ type: 'bannerCorner', url: location.href, corner: next }).catch(() => {});
      } catch {
        // no extension API: moved for this page only
      }
      move.focus();
    });
    close.addEventListener('click', () => {
      closed.add(key);
      host.remove();
    });
    root.append(box);
    const place = () => placeBanner(host);
    place();
    // A keyboard shortcut's decision: the banner's own button, so it asks first where the button does.
    const decide = (decision) => {
      fold(false, false, false);
      const b = root.querySelector(`button[data-decision="${decision}"]`);
      if (b) b.click();
      return !!b;
    };
    current = { host, key, place, focus: () => fold(false, true, false), decide };
    // Drawn again after the reviewer acted in it (opts.status): keyboard focus goes back into it, on the
    // decision's Undo (else the first tool), and the status is written once it is on the page, so a
    // screen reader announces it.
    if (opts.status && opts.refocus) {
      requestAnimationFrame(() => {
        const target = root.querySelector('.decided button') || root.querySelector('.foot button');
        if (target) target.focus();
        const line = root.querySelector('.status');
        if (line) line.textContent = opts.status;
      });
    }
    guard.observe(host, { attributes: true, attributeFilter: ['data-vipguard-verdict'] });
    return host;
  }

  // Puts keyboard focus in the banner (expanding it), for a keyboard shortcut: appended at the end of the
  // page, it is otherwise hundreds of Tabs away on a real timeline.
  function focusBanner() {
    if (!current || !current.host.isConnected) return false;
    current.focus();
    return true;
  }

  // Records `decision` on the banner shown, as its button would; false when there is none.
  function decideOnBanner(decision) {
    return !!(current && current.host.isConnected && current.decide(decision));
  }

  // Badges sit on the @handle's line and name the verdict and whom the account resembles. Their evidence
  // opens in a card drawn at the top of the page's stacking (a host of its own on <html>, positioned
  // against the window): inside the page's cells, which sites transform, it was painted under the next
  // cells. Hover or focus shows the evidence; a click, Enter or Space pins it with the exports and
  // decisions; Escape or a click elsewhere closes it.
  let card = null; // {host, badge, pinned}
  let refocusing = null; // the badge focus returns to as its card closes (which must not open it again)

  function closeCard(refocus = false) {
    if (!card) return;
    const { host, badge } = card;
    card = null;
    host.remove();
    if (refocus && badge.isConnected) {
      refocusing = badge;
      badge.focus(); // focus events run synchronously, inside this call
      refocusing = null;
    }
  }

  function openCard(anchor, badgeEl, build, pinned) {
    if (card && card.badge === badgeEl && (card.pinned || !pinned)) return;
    closeCard();
    const { host, root } = makeHost({ verdict: 'card' });
    host.setAttribute('data-vipguard-kind', 'card');
    const box = el('div', `box banner card ${theme()}`);
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-label', badgeEl.getAttribute('aria-label') || 'vipguard');
    box.tabIndex = -1;
    build(box, pinned);
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        closeCard(true);
      }
    });
    box.addEventListener('mouseleave', () => { if (card && !card.pinned) closeCard(); });
    root.append(box);
    host.style.cssText = 'position:fixed;top:0;left:0;z-index:2147483647;display:block;visibility:hidden;';
    document.documentElement.append(host);
    // Below the badge, or above it when there is more room there; never past the window's edges.
    const r = anchor.getBoundingClientRect();
    const width = Math.min(360, innerWidth - 16);
    const below = innerHeight - r.bottom - 12;
    const above = r.top - 12;
    const room = Math.max(below, above, 120);
    box.style.width = `${width}px`;
    box.style.maxHeight = `${room}px`;
    const h = Math.min(box.getBoundingClientRect().height, room);
    const top = below >= h || below >= above ? r.bottom + 6 : r.top - 6 - h;
    const left = Math.max(8, Math.min(r.left, innerWidth - width - 8));
    host.style.cssText = `position:fixed;top:${Math.max(8, top)}px;left:${left}px;z-index:2147483647;display:block;`;
    card = { host, badge: badgeEl, pinned };
    if (pinned) box.focus();
  }

  // A pinned card closes on a click outside it; an unpinned one when the page scrolls under it.
  document.addEventListener('pointerdown', (e) => {
    if (card && !e.composedPath().some((n) => n === card.host || n === card.badge)) closeCard();
  }, true);
  addEventListener('scroll', () => { if (card && !card.pinned) closeCard(); }, { capture: true, passive: true });

  function badge(result, account, profile, actions) {
    const { host, root } = makeHost(result);
    host.setAttribute('data-vipguard-kind', 'badge');
    // On the @handle's own line, centred on it, and taking up no height there: negative block margins as
    // tall as the badge itself (at most 20px), so a line shorter than the badge does not grow and nothing
    // below moves. Stretching is off, or a flex line would hand the badge its height back.
    host.style.cssText = 'display:inline-flex;align-items:center;align-self:center;vertical-align:middle;flex:none;'
      + 'margin:-10px 0 -10px 6px;max-height:20px;';
    const [icon, words] = E.label(result);
    const b = el('span', `box badge ${theme()} ${result.verdict}`);
    b.setAttribute('tabindex', '0');
    b.setAttribute('role', 'button');
    b.setAttribute('aria-haspopup', 'dialog');
    b.setAttribute('aria-label', account ? t('badgeLabelMatch', words, account.name) : t('badgeLabel', words));
    b.setAttribute('aria-description', t('badgeOpenHint'));
    b.append(el('span', 'icon', icon), el('span', null, words));
    // Whom it resembles, except on the protected account's own cells (whose name is already there).
    if (account && !['own', 'allowed'].includes(result.verdict)) b.append(el('span', 'whom', account.name));
    if (result.decision) b.append(el('span', 'mark', '●'));
    // The evidence is built when first asked for: a long timeline has hundreds of badges and most are
    // never opened.
    const build = (box, pinned) => {
      box.classList.add(result.verdict);
      box.append(E.heading(result, account));
      const body = el('div', 'body');
      body.append(E.details(result, account, profile, { explain: false }));
      box.append(body);
      if (pinned && actions) {
        const foot = el('div', 'foot');
        foot.append(E.toolbar(result, actions, { profile }));
        box.append(foot);
      } else if (result.decision) {
        box.append(el('div', 'foot note', t('decisionStanding', vipguardI18n.decisionWord(result.decision.decision), vipguardI18n.when(result.decision.at))));
      }
    };
    const open = (pinned) => openCard(host, b, build, pinned);
    b.addEventListener('mouseenter', () => open(false));
    b.addEventListener('focus', () => { if (refocusing !== b) open(false); });
    b.addEventListener('blur', (e) => {
      if (card && card.badge === b && !card.pinned && e.relatedTarget !== card.host) closeCard();
    });
    b.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation(); // the cell under it is a link to the tweet or profile
      open(true);
    });
    b.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        e.stopPropagation();
        open(true);
      } else if (e.key === 'Escape') {
        closeCard();
      }
    });
    root.append(b);
    guard.observe(host, { attributes: true, attributeFilter: ['data-vipguard-verdict'] });
    return host;
  }

  // Where a badge goes ({parent, before}) so that it shares the line of `el` (the element showing the
  // account) and never opens a line of its own, which would push the page down: as the next item of the
  // nearest flex row holding `el` (within `cell`), else inside the innermost element holding `el`'s
  // text, after it. The badge itself takes no height where it goes (badge() above). This reads computed
  // styles: callers find every spot of a pass before inserting anything, or each read after an insertion
  // would make the browser recompute styles.
  function spot(el, cell) {
    for (let node = el; node !== cell && node.parentElement; node = node.parentElement) {
      const s = getComputedStyle(node.parentElement);
      if (s.display.endsWith('flex') && !s.flexDirection.startsWith('column')) return { parent: node.parentElement, before: node.nextSibling };
      if (node.parentElement === cell) break;
    }
    let t = el;
    const text = el.textContent.trim();
    while (t.lastElementChild && t.lastElementChild.textContent.trim() === text) t = t.lastElementChild;
    return { parent: t, before: null };
  }

  // A small notice in a corner, for when the page could not be read ("vipguard cannot read this page"),
  // with a button that closes it.
  function notice(text, closeLabel) {
    const { host, root } = makeHost({ verdict: 'unread' });
    host.setAttribute('data-vipguard-kind', 'notice');
    host.style.cssText = 'position:fixed;bottom:16px;right:16px;z-index:2147483646;display:block;';
    const box = el('div', `box banner ${theme()} suspicious`);
    box.setAttribute('role', 'status');
    const close = el('button', null, '✕');
    close.type = 'button';
    close.setAttribute('aria-label', closeLabel);
    close.addEventListener('click', () => host.remove());
    const row = el('div', 'head');
    row.append(el('span', 'icon', '?'), el('span', null, text), close);
    box.append(row);
    root.append(box);
    return host;
  }

  return { banner, badge, spot, notice, focusBanner, decideOnBanner, closeCard, setView };
})();
