// Where annotations go, and nothing of what they say. The banner and the badges' evidence cards are
// extension pages in frames (ui/frame/): a page cannot read a cross-origin frame, window.find() does not
// search it, and its listeners never see the reviewer's keys and clicks in it. The frame gets what it
// shows from the worker, for a token the worker gave this tab (worker/frames.js); this script only places
// the frame, from the size the frame asks for. Badges are a pictogram in a closed shadow root: no text,
// no attribute, and the same host element and size whatever the verdict (their words are an aria-label
// inside the closed root). A page can still see where badges are: see docs/security.md.
// A page that removes, hides or covers the banner gets it back (guardBanner below).
'use strict';

var vipguardAnnotate = (() => {
  const { t } = vipguardI18n;
  const FRAME = chrome.runtime.getURL('ui/frame/frame.html');
  // Chrome serves the frame at a per-session address (use_dynamic_url, so a page cannot tell the extension
  // is installed by loading it), but the page inside has the extension's own origin.

  // Read once per second at most: getComputedStyle after inserting annotations forces a style pass.
  let themeCache = null;
  let themeAt = 0;
  function theme() {
    if (themeCache && performance.now() - themeAt < 1000) return themeCache;
    // The first opaque background of body and html; a page that paints none is white.
    let [r, g, b] = [255, 255, 255];
    for (const el of [document.body, document.documentElement]) {
      if (!el) continue;
      const c = (getComputedStyle(el).backgroundColor.match(/[\d.]+/g) || []).map(Number);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0)) {
        [r, g, b] = c;
        break;
      }
    }
    const shade = 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
    // Not kept before the page has a body (a banner's frame made at document_start): the page has not
    // painted its background yet.
    if (!document.body) return shade;
    themeCache = shade;
    themeAt = performance.now();
    return themeCache;
  }

  // Inside the closed roots: the frames, and the badges' pictograms (generated content, not text: a page's
  // window.find() would find text even in a closed shadow root). Nothing is drawn outside a host's box
  // (`overflow: clip`, important in the shadow tree, which beats even the page's inline !important): the
  // decided dot once stood out by a pixel, which a page read in the host's scrollWidth (19, not 18).
  const CSS = `
    :host { all: initial; overflow: clip !important; }
    iframe { border: 0; display: block; background: transparent; color-scheme: normal; width: 100%; height: 100%; }
    .badge { box-sizing: border-box; display: inline-flex; align-items: center; justify-content: center; width: 18px; height: 18px;
      border-radius: 50%; border: 1px solid var(--edge); background: var(--bg); color: var(--fg); cursor: pointer;
      font: 700 11px/1 system-ui, sans-serif; position: relative; }
    .badge:focus { outline: 2px solid var(--edge); outline-offset: 2px; }
    .badge::before { content: '·'; }
    .light { --bg: #fff; --fg: #111; --edge: #888; } .dark { --bg: #15202b; --fg: #f5f5f5; --edge: #8899a6; }
    .impersonation { --edge: #c62828; --bg: #c62828; --fg: #fff; } .impersonation::before { content: '⚠'; }
    .suspicious { --edge: #e6a100; } .suspicious::before { content: '?'; }
    .labelled { --edge: #6a5acd; } .labelled::before { content: '◆'; }
    .own, .allowed, .cleared { --edge: #2e7d32; } .own::before, .allowed::before, .cleared::before { content: '✓'; }
    .decided::after { content: ''; position: absolute; right: 0; top: 0; width: 6px; height: 6px; border-radius: 50%;
      background: var(--edge); border: 1px solid var(--bg); }
  `;
  let sheet = null;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  } catch {
    sheet = null;
  }

  // A popover in the top layer has a ::backdrop over the whole window, transparent but counted by
  // IntersectionObserver v2 as covering everything under it: with our banner shown, no frame of the
  // page's own (nor our card under it) would ever be reported in full view, and frames that refuse
  // clicks until then (ours, ui/frame/frame.js, and the page's own sign-in or payment frames) would
  // refuse them all. Our hosts draw none; put back should the page replace the document's sheets.
  const NO_BACKDROP = (() => {
    try {
      const s = new CSSStyleSheet();
      s.replaceSync('vipguard-annotation::backdrop { display: none !important; }');
      return s;
    } catch {
      return null;
    }
  })();
  function noBackdrop() {
    try {
      if (NO_BACKDROP && !document.adoptedStyleSheets.includes(NO_BACKDROP)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, NO_BACKDROP];
    } catch {
      // not adoptable here: the backdrop stays (our own frames are above it)
    }
  }

  // Every annotation is the same bare element, whatever it shows.
  function makeHost() {
    const host = document.createElement('vipguard-annotation');
    const root = host.attachShadow({ mode: 'closed' });
    if (sheet) root.adoptedStyleSheets = [sheet];
    else root.append(Object.assign(document.createElement('style'), { textContent: CSS }));
    return { host, root };
  }

  // A frame showing what `token` names (a banner's comes later, see banner()); `opts` go in its address
  // (never anything the page must not know: a token is worthless outside this tab's extension frames).
  // Frame and content script talk over a MessageChannel whose port is handed to the frame each time it
  // loads, never through the page's window: a message posted to the page's window reaches the page's own
  // listeners with our frame's window as its source, with which the page could navigate our frame to a
  // page of its own in the banner's place, or send it commands. `onMessage(data)` hears the frame; the
  // returned frame's `post(data)` talks to it.
  function frame(token, opts, onMessage) {
    const f = document.createElement('iframe');
    let port = null;
    f.addEventListener('load', () => {
      const channel = new MessageChannel();
      if (port) port.close();
      port = channel.port1;
      port.onmessage = (e) => { if (e.data && typeof e.data.vipguard === 'string') onMessage(e.data); };
      // To our frame's page: the page holds no reference to this frame (its host's shadow root is closed
      // and nothing of it is ever posted to the page's window), so nothing else can be in it.
      f.contentWindow.postMessage({ vipguardPort: true }, '*', [channel.port2]);
      onMessage({ vipguard: 'connected' });
    });
    f.post = (data) => { if (port) port.postMessage(data); };
    // The clipboard for its ticket tools, set before the address (the policy is read when it loads); for
    // any origin, since Chrome's dynamic address is not the origin the page inside has.
    f.allow = 'clipboard-write *';
    f.src = `${FRAME}#${new URLSearchParams({ ...(token ? { t: token } : {}), theme: theme(), ...opts })}`;
    f.title = 'vipguard';
    return f;
  }

  // Inline styles a page's stylesheets cannot override (an inline !important declaration beats them all);
  // a page script changing them is undone by the guard's observer.
  const pin = (props) => Object.entries(props).map(([k, v]) => `${k}:${v} !important;`).join('');
  // Sets a host's inline style only when it would change (or the page changed it): every write is a
  // mutation a page's observer sees, even of the same value, and the moments we write must tell it nothing
  // (a third red team's page saw the evidence screenshot coming from one).
  const written = new WeakMap(); // host -> [css we set, the attribute it became]
  function restyle(host, css) {
    const last = written.get(host);
    if (last && last[0] === css && last[1] === host.getAttribute('style')) return;
    host.style.cssText = css;
    written.set(host, [css, host.getAttribute('style')]);
  }
  const FIXED = { all: 'initial', position: 'fixed', display: 'block', visibility: 'visible', opacity: '1', 'z-index': '2147483647',
    margin: '0', padding: '0', border: '0', overflow: 'visible', transform: 'none', filter: 'none', 'clip-path': 'none',
    'pointer-events': 'auto', background: 'transparent', 'content-visibility': 'visible' };

  // The banner's corner, the same on every page opened after it is set (its "move" button tells the worker,
  // which keeps it and sends it with every answer: setView), and per profile whether the reviewer
  // collapsed or expanded it, or closed it, for as long as the tab lives.
  const CORNERS = ['top-right', 'bottom-right', 'bottom-left', 'top-left'];
  let corner = CORNERS[0];
  const folded = new Map(); // profile key -> true (collapsed) | false (expanded)
  const closed = new Set(); // profile keys whose banner the reviewer closed
  let current = null; // the banner: {host, key, iframe, size: {w, h}, token, origin (its frame's), shown, place()}
  // The worker's answer brings the settings a page needs (worker/view-settings.js): content scripts read
  // no storage.
  let movedHere = false; // the reviewer moved it on this page: an answer sent before the worker heard of it must not move it back
  function setView(view) {
    if (!movedHere && view && CORNERS.includes(view.corner) && view.corner !== corner) setCorner(view.corner);
  }
  function setCorner(c) {
    corner = c;
    if (current) current.place();
  }

  // A page's `zoom` on <html> scales our hosts with it (a red team shrank the banner to a quarter): the
  // hosts take its inverse, so they are drawn at the window's own scale whatever the page sets. Read
  // again by the guard's check (a stylesheet changing it announces nothing).
  const pageZoom = () => parseFloat(getComputedStyle(document.documentElement).zoom) || 1;
  const unzoom = (z) => (z > 0 && z !== 1 ? { zoom: String(1 / z) } : {});

  // Fixed in a corner below the sites' top bars, so the page's own content never moves; as tall as the
  // window allows (the frame keeps its tools in view and scrolls its evidence), but starting below the
  // page's own controls for the profile when they are under its corner (clearOf).
  function placeBanner(b) {
    const [v, h] = corner.split('-');
    const width = Math.min(b.size.w, innerWidth - 32);
    b.zoom = pageZoom();
    // A fixed box's `right` is measured from the viewport without its scrollbar (X always shows one).
    const viewWidth = Math.min(innerWidth, document.documentElement.clientWidth || innerWidth);
    const top = clearOf(b, v, h === 'left' ? 16 : viewWidth - 16 - width, width);
    const height = Math.min(b.size.h, innerHeight - top - 16);
    const gap = v === 'top' ? top : 16;
    restyle(b.host, pin({ ...FIXED, [v]: `${gap}px`, [h]: '16px', [v === 'top' ? 'bottom' : 'top']: 'auto',
      [h === 'left' ? 'right' : 'left']: 'auto', width: `${width}px`, height: `${height}px`, ...unzoom(b.zoom) }));
    // Moved under the pointer while shown (a page can plant elements that read as controls, then scroll):
    // the frame takes no click's decision until it has been seen in its new place (frame.js).
    const place = `${corner} ${top}`;
    if (b.shown && b.placed && b.placed !== place) b.iframe.post({ vipguardMoved: true });
    b.placed = place;
    offForCapture(b.iframe);
  }

  // Where the banner's top goes (in a `v` corner, `width` wide from `left`) so that it covers none of the
  // page's controls for the profile (the adapter's `controls`: X's ⋯ menu, where Report is, Message and
  // Follow): below the lowest one under it, so long as that leaves it CONTROLS_ROOM px (or its whole
  // height); else under the sites' top bars as usual, covering them (the reviewer can collapse or move
  // it). Worked out again as the page scrolls them (watchControls).
  const CONTROLS_ROOM = 260;
  function clearOf(b, v, left, width) {
    const least = v === 'top' ? 72 : 16;
    // On a zoomed page the host is drawn at the window's scale and a page's boxes are not (or, in older
    // Chromium, are measured unzoomed): no room is made there rather than made in the wrong place.
    if (!b.controls || b.zoom !== 1) return least;
    const rects = b.controls().map((el) => el.getBoundingClientRect())
      .filter((r) => r.width && r.height && r.right > left && r.left < left + width);
    let top = least;
    for (let moved = true; moved;) {
      const height = Math.min(b.size.h, innerHeight - top - 16);
      const [y0, y1] = v === 'top' ? [top, top + height] : [innerHeight - 16 - height, innerHeight - 16];
      const under = rects.filter((r) => r.bottom > y0 && r.top < y1 && Math.ceil(r.bottom) + 8 > top);
      moved = under.length > 0;
      if (moved) top = Math.max(...under.map((r) => Math.ceil(r.bottom) + 8));
    }
    return innerHeight - top - 16 >= Math.min(CONTROLS_ROOM, b.size.h) ? top : least;
  }
  let controlsFrame = 0;
  function watchControls() {
    if (controlsFrame || !current || !current.controls) return;
    controlsFrame = requestAnimationFrame(() => {
      controlsFrame = 0;
      if (current && current.shown) current.place();
    });
  }
  addEventListener('scroll', watchControls, { capture: true, passive: true });
  addEventListener('resize', watchControls, { passive: true });

  // While the worker takes the page's screenshot for the evidence image, the banner and the card are
  // hidden (so that they never cover the profile in the ticket), for at most two seconds; only the worker
  // asks (a page cannot send runtime messages). Their frames are hidden inside the closed shadow roots, not
  // their hosts: a page watching our hosts' styles saw the moment of the screenshot, and drew something
  // else for it (a third red team's page swapped the profile's header photo, and the ticket's picture
  // showed the swap).
  let capturing = null; // the timer that ends it
  const offForCapture = (iframe) => { iframe.style.visibility = capturing ? 'hidden' : ''; };
  function hideForCapture(on) {
    clearTimeout(capturing);
    capturing = on ? setTimeout(() => hideForCapture(false), 2000) : null;
    if (current) offForCapture(current.iframe);
    if (card) offForCapture(card.iframe);
  }

  // The banner's frame takes 90-250 ms to load on a busy machine (an extension page framed into the tab:
  // docs/extension.md), far longer than the worker's answer: so one is made, hidden and inert, as soon as
  // the content script runs (prepare, at document_start), and the frame of a profile the reviewer left is
  // kept for the next (X changes profiles without loading a page). Such a spare has no token: it shows
  // nothing, and nothing of the verdict or the list reaches it before it is the banner. Its host is
  // 0×0, hidden and inert, outside the top layer, so the page can neither see nor click it.
  const SPARE = { top: '0', left: '0', width: '0', height: '0', visibility: 'hidden', 'pointer-events': 'none' };
  let spare = null; // {host, iframe}, parked on <html>
  function makeBanner() {
    const { host, root } = makeHost();
    host.setAttribute('popover', 'manual');
    const b = { host, key: null, size: { w: 380, h: 0 }, token: null };
    b.iframe = frame(null, { kind: 'banner' }, (data) => bannerMessage(b, data));
    root.append(b.iframe);
    b.place = () => placeBanner(b);
    // Closed by a page script (hidePopover on our host): open again.
    host.addEventListener('toggle', (e) => { if (e.newState === 'closed' && !host.matches(':popover-open') && current === b) raise(b); });
    return b;
  }
  function park(b) {
    b.key = null;
    b.token = null;
    b.shown = false;
    b.size = { w: 380, h: 0 };
    try {
      if (b.host.matches(':popover-open')) b.host.hidePopover();
    } catch {
      // not a popover any more: hidden by its style below all the same
    }
    restyle(b.host, pin({ ...FIXED, ...SPARE }));
    b.host.inert = true;
    spare = b;
  }
  // A spare banner frame, loading while the page does (the sites' content scripts call this at
  // document_start). Nothing when the document has no root yet.
  function prepare() {
    if (spare || current || !document.documentElement) return;
    const b = makeBanner();
    park(b);
    document.documentElement.append(b.host);
  }

  // The profile page's banner; `key` names the profile (what collapse and close are remembered by). Null
  // when the reviewer closed it. The spare frame if there is one still in place (loaded, or loading),
  // else a new one; it shows nothing, and takes no room, until given a token (showToken) and its frame
  // has drawn that token's result.
  // `controls()`: the page's own controls for this profile, which the banner leaves uncovered where it can.
  function banner({ key = '', controls = null } = {}) {
    if (closed.has(key)) return null;
    let b = spare;
    spare = null;
    // Moved by the page (into a transparent or transformed box of its own): not ours to use any more.
    if (b && b.host.parentNode !== document.documentElement) {
      b.host.remove();
      b = null;
    }
    if (!b) b = makeBanner();
    b.key = key;
    b.controls = controls;
    b.folded = folded.has(key) ? folded.get(key) : null;
    b.host.inert = false;
    b.place();
    current = b;
    return b.host;
  }

  // What the banner shows: the worker's token for the profile's result (again for a newer result, the
  // avatar's), over the frame's port once it has loaded (a token works only in this tab's extension frames).
  // With it go the page's theme and the reviewer's fold for this profile, which a frame made before the
  // page had a body, or for another profile, cannot have in its address.
  function showToken(host, token) {
    if (!current || current.host !== host) return;
    current.token = token;
    sendToken(current);
  }
  function sendToken(b) {
    if (b.token) b.iframe.post({ vipguardToken: b.token, theme: theme(), ...(b.folded === null || b.folded === undefined ? {} : { folded: b.folded }) });
  }

  // The banner in the top layer, above everything the page drew, there included (a page's popover or modal
  // dialog opened after ours is drawn above it: shown again, ours is on top).
  // At most RAISES a second: a page that answers ours by raising its own again must not make the two
  // take turns at full speed (the twice-a-second check keeps ours on top the rest of the time).
  const RAISES = 10;
  let raised = [];
  function raise(b = current) {
    if (!b || !b.host.isConnected || b.raising) return;
    const now = performance.now();
    raised = raised.filter((at) => now - at < 1000);
    if (raised.length >= RAISES) return;
    raised.push(now);
    noBackdrop();
    b.raising = true;
    try {
      if (b.host.matches(':popover-open')) b.host.hidePopover();
      b.host.showPopover();
    } catch {
      // not a popover any more (the guard puts the attribute back)
    } finally {
      b.raising = false;
    }
  }

  // Messages from our frames, over their ports: only what placing them needs.
  function bannerMessage(b, data) {
    if (!b || b !== current) return;
    // Loaded (again, after the page removed it): what to show.
    if (data.vipguard === 'connected') {
      sendToken(b);
    } else if (data.vipguard === 'size' && Number.isFinite(data.w) && Number.isFinite(data.h)) {
      if (data.w < 1 || data.h < 1) return; // not laid out yet
      // Drawn for an earlier token (the profile before, in a kept frame): never shown for this one.
      if (!b.token || data.token !== b.token) return;
      b.size = { w: Math.max(40, Math.min(data.w, 600)), h: Math.max(20, Math.min(data.h, 4000)) };
      b.place();
      if (!b.shown) {
        b.shown = true;
        raise(b);
      }
    } else if (data.vipguard === 'fold') {
      if (data.token !== b.token) return;
      folded.set(b.key, !!data.folded);
      b.folded = !!data.folded;
    } else if (data.token !== b.token) {
      // What follows answers what the reviewer did in a result this banner no longer shows.
    } else if (data.vipguard === 'move') {
      const next = CORNERS[(CORNERS.indexOf(corner) + 1) % CORNERS.length];
      setCorner(next);
      movedHere = true;
      chrome.runtime.sendMessage({ type: 'bannerCorner', url: location.href, corner: next }).catch(() => {});
    } else if (data.vipguard === 'close') {
      closed.add(b.key);
      current = null;
      b.host.remove();
    }
  }
  function cardMessage(c, data) {
    if (!c || c !== card) return;
    if (data.vipguard === 'size' && Number.isFinite(data.h) && data.h >= 1) {
      card.size = Math.max(20, Math.min(data.h, 4000));
      placeCard();
    } else if (data.vipguard === 'close') {
      closeCard(!!data.refocus);
    } else if (data.vipguard === 'leave' && !card.pinned) {
      closeCard();
    }
  }

  // The banner stays: a page that removes it, hides it with a style or a script, or covers it with its own
  // top-layer element gets it back. An observer answers removals and attribute changes at once; a check
  // twice a second catches what no event announces (a stylesheet on an ancestor, an element over it).
  const guard = new MutationObserver(() => keepBanner());
  function keepBanner() {
    const b = current;
    if (!b) return;
    if (!b.host.isConnected) {
      document.documentElement.append(b.host);
      b.shown = false;
    }
    if (b.host.getAttribute('popover') !== 'manual') b.host.setAttribute('popover', 'manual');
    for (const a of [...b.host.attributes]) if (!['popover', 'style'].includes(a.name)) b.host.removeAttribute(a.name);
    const before = b.host.style.cssText;
    b.place();
    if (b.host.style.cssText !== before || !b.host.matches(':popover-open')) raise(b);
    guard.takeRecords();
  }
  function watchBanner() {
    guard.disconnect();
    if (!current) return;
    guard.observe(current.host, { attributes: true });
    guard.observe(document.documentElement, { childList: true });
  }
  function covered(b) {
    if (!b.shown || !b.host.matches(':popover-open')) return false;
    const r = b.host.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return true;
    const visible = b.host.checkVisibility ? b.host.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true }) : true;
    if (!visible) return true;
    // Four points inside the frame: anything the page put over it answers instead of our host.
    const points = [[r.left + 8, r.top + 8], [r.right - 8, r.top + 8], [r.left + 8, r.bottom - 8], [r.right - 8, r.bottom - 8]];
    return points.some(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight && document.elementFromPoint(x, y) !== b.host);
  }
  setInterval(() => {
    if (!current || capturing) return;
    if (!current.host.isConnected) keepBanner();
    else if (covered(current)) {
      keepBanner();
      raise(current);
    } else if (current.zoom !== pageZoom() || (current.controls && current.shown)) {
      // (Controls the site draws late, or that change, such as Follow becoming Following.)
      current.place();
    }
    noBackdrop();
  }, 500);
  // A page's popover opening: ours goes back on top at once.
  document.addEventListener('toggle', (e) => {
    if (current && e.target !== current.host && !(card && e.target === card.host) && e.newState === 'open') raise(current);
  }, true);

  // Shows `host` (from banner()) in place of `old`, or at the end of the page.
  // (A spare is on <html> already: moving it would load its frame again.)
  function showBanner(host, old) {
    if (old && old !== host) old.remove();
    if (host.parentNode !== document.documentElement) document.documentElement.append(host);
    watchBanner();
  }

  // The profile was left: its banner is hidden at once and its frame kept as the spare for the next
  // profile; the frame forgets what it showed (and its size messages for the old token are ignored).
  function removeBanner(host) {
    if (current && current.host === host) {
      const b = current;
      current = null;
      guard.disconnect();
      b.iframe.post({ vipguardReset: true });
      if (spare && spare !== b) spare.host.remove();
      if (host.parentNode === document.documentElement) {
        park(b);
        return;
      }
    }
    host.remove();
  }

  // Puts keyboard focus in the banner's frame, which expands it and focuses its first control.
  function focusBanner() {
    if (!current || !current.host.isConnected) return false;
    current.iframe.focus();
    current.iframe.post({ vipguardFrame: 'focus' });
    return true;
  }

  // The element focus is in, seen from here: the banner's host when it is in our frame.
  const hasFocus = () => !!(current && document.activeElement === current.host);

  // Badges' evidence opens in a card drawn in the top layer (a host of its own on <html>, positioned
  // against the window): inside the page's cells, which sites transform, it was painted under the next
  // cells. Hover or focus shows the evidence; a click, Enter or Space pins it with the exports and
  // decisions; Escape or a click elsewhere closes it.
  let card = null; // {host, iframe, badge, anchor, pinned, size}
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

  // Below the badge, or above it when there is more room there; never past the window's edges.
  function placeCard() {
    if (!card) return;
    const r = card.anchor.getBoundingClientRect();
    const width = Math.min(360, innerWidth - 16);
    const below = innerHeight - r.bottom - 12;
    const above = r.top - 12;
    const room = Math.max(below, above, 120);
    const h = Math.min(card.size || 120, room);
    const top = below >= h || below >= above ? r.bottom + 6 : r.top - 6 - h;
    const left = Math.max(8, Math.min(r.left, innerWidth - width - 8));
    restyle(card.host, pin({ ...FIXED, top: `${Math.max(8, top)}px`, left: `${left}px`, right: 'auto', bottom: 'auto',
      width: `${width}px`, height: `${h}px`, ...(card.size ? {} : { visibility: 'hidden' }), ...unzoom(pageZoom()) }));
    offForCapture(card.iframe);
  }

  function openCard(anchor, badgeEl, token, pinned) {
    if (card && card.badge === badgeEl && (card.pinned || !pinned)) return;
    closeCard();
    const { host, root } = makeHost();
    host.setAttribute('popover', 'manual');
    let c = null;
    const f = frame(token, { kind: 'card', ...(pinned ? { pinned: '1' } : {}) }, (data) => cardMessage(c, data));
    root.append(f);
    c = card = { host, iframe: f, badge: badgeEl, anchor, pinned, size: 0 };
    placeCard();
    document.documentElement.append(host);
    noBackdrop();
    try {
      host.showPopover();
    } catch {
      // drawn at the top of the page's stacking all the same
    }
    if (pinned) f.focus();
  }

  // A pinned card closes on a click outside it; an unpinned one when the page scrolls under it.
  document.addEventListener('pointerdown', (e) => {
    if (card && !e.composedPath().some((n) => n === card.host || n === card.badge)) closeCard();
  }, true);
  addEventListener('scroll', () => { if (card && !card.pinned) closeCard(); }, { capture: true, passive: true });

  // The token each badge's card opens with: the latest check's (retoken).
  const badgeTokens = new WeakMap(); // badge host -> token
  // A badge for a flagged account: a pictogram, its words only for assistive technology, inside a closed
  // shadow root. `result`: the verdict shown and whether a decision stands (all the worker tells this
  // script: whom the account resembles is said by its card, which reads it by `token`).
  function badge(result, token) {
    const { host, root } = makeHost();
    badgeTokens.set(host, token);
    // On the @handle's own line, centred on it, and taking up no height there.
    host.style.cssText = 'display:inline-flex;align-items:center;align-self:center;vertical-align:middle;flex:none;'
      + 'margin:-10px 0 -10px 6px;max-height:20px;';
    const { verdict } = result;
    const words = vipguardI18n.verdict(verdict);
    const b = document.createElement('span');
    b.className = `badge ${theme()} ${verdict}${result.decided ? ' decided' : ''}`;
    b.setAttribute('tabindex', '0');
    b.setAttribute('role', 'button');
    b.setAttribute('aria-haspopup', 'dialog');
    b.setAttribute('aria-label', t('badgeLabel', words));
    b.setAttribute('aria-description', t('badgeOpenHint'));
    const open = (pinned) => openCard(host, b, badgeTokens.get(host), pinned);
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
    return host;
  }
  // A newer check of the account shows the same: the badge stays as drawn, and its card opens with the
  // newer token. The worker keeps each account's tokens of its latest two checks only (worker/token-keep.js),
  // and a page checked again (after a decision: every account on it) is given new ones for all its flagged
  // accounts: a badge kept with its first token would find it gone, its card saying "expired", after
  // two more checks.
  function retoken(host, token) {
    if (host && token && badgeTokens.has(host)) badgeTokens.set(host, token);
  }

  // Where a badge goes ({parent, before}) so that it shares the line of `el` (the element showing the
  // account) and never opens a line of its own, which would push the page down: as the next item of the
  // nearest flex row holding `el` (within `cell`), else inside the innermost element holding `el`'s
  // text, after it. This reads computed styles: callers find every spot of a pass before inserting
  // anything, or each read after an insertion would make the browser recompute styles.
  function spot(el, cell) {
    for (let node = el; node !== cell && node.parentElement; node = node.parentElement) {
      const s = getComputedStyle(node.parentElement);
      if (s.display.endsWith('flex') && !s.flexDirection.startsWith('column')) return { parent: node.parentElement, before: node.nextSibling };
      if (node.parentElement === cell) break;
    }
    let tEl = el;
    const text = el.textContent.trim();
    while (tEl.lastElementChild && tEl.lastElementChild.textContent.trim() === text) tEl = tEl.lastElementChild;
    return { parent: tEl, before: null };
  }

  // A small notice in a corner, for when the page could not be read ("vipguard cannot read this page"),
  // with a button that closes it. It tells the page nothing it does not know.
  function notice(text, closeLabel) {
    const { host, root } = makeHost();
    host.style.cssText = 'position:fixed;bottom:16px;right:16px;z-index:2147483646;display:block;';
    const box = document.createElement('div');
    box.setAttribute('role', 'status');
    box.style.cssText = 'font:13px/1.4 system-ui,sans-serif;border:2px solid #e6a100;border-radius:10px;background:#fff;color:#111;padding:8px 12px;display:flex;gap:8px;align-items:center;';
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = '✕';
    close.setAttribute('aria-label', closeLabel);
    close.addEventListener('click', () => host.remove());
    box.append(Object.assign(document.createElement('span'), { textContent: text }), close);
    root.append(box);
    return host;
  }

  // Another language: an open card closes (the next opens in it), and the banner's frames (the one shown,
  // and the spare kept for the next profile) ask for the words again with the next result they show.
  function languageChanged() {
    closeCard();
    for (const b of [current, spare]) if (b) b.iframe.post({ vipguardLanguage: true });
  }

  return { prepare, banner, setView, showToken, showBanner, removeBanner, badge, retoken, spot, notice, focusBanner, hasFocus, closeCard, keepBanner, hideForCapture, languageChanged };
})();
