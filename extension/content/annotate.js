// Annotations: a banner for profile pages and a badge for user cells, each in a closed shadow root,
// built with textContent only (page data is never parsed as HTML). The host element carries
// data-vipguard-verdict so tests and tools can read the outcome without piercing the shadow root.
'use strict';

var vipguardAnnotate = (() => {
  const { t } = vipguardI18n;
  const ICONS = { impersonation: '⚠', suspicious: '?', labelled: '🏷', own: '✓', allowed: '✓', clear: '·' };
  // Icon and words for a verdict (never colour alone).
  const label = (result) => (result.cleared ? ['✓', t('verdict_cleared')] : [ICONS[result.verdict] || '·', vipguardI18n.verdict(result.verdict)]);
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
      background: var(--bg); color: var(--fg); box-shadow: 0 4px 16px rgba(0,0,0,.25); }
    .light { --bg: #fff; --fg: #111; --muted: #555; --edge: #888; --mark: #fde68a; }
    .dark { --bg: #15202b; --fg: #f5f5f5; --muted: #c5c5c5; --edge: #8899a6; --mark: #8a6d00; }
    .impersonation { --edge: #c62828; } .suspicious { --edge: #e6a100; } .labelled { --edge: #6a5acd; }
    .own, .allowed { --edge: #2e7d32; }
    .banner { padding: 10px 12px; max-width: 380px; max-height: 70vh; overflow: auto; }
    .head { font-weight: 700; font-size: 14px; display: flex; gap: 6px; align-items: center; }
    .icon { font-size: 16px; } .score { color: var(--muted); font-weight: 400; }
    .who { margin: 4px 0; } ul { margin: 6px 0 0; padding-left: 18px; } li { margin: 2px 0; }
    .chars { margin-top: 6px; } .char { display: block; color: var(--muted); }
    .note { margin-top: 6px; color: var(--muted); font-size: 12px; }
    mark { background: var(--mark); color: inherit; padding: 0 2px; border-radius: 3px; }
    .avatars { display: flex; gap: 8px; margin-top: 8px; } .avatars img { width: 64px; height: 64px; border-radius: 50%; }
    .badge { display: inline-flex; gap: 3px; align-items: center; padding: 0 5px; white-space: nowrap;
      font: 600 11px/14px system-ui, sans-serif; border-width: 1px; border-radius: 8px; box-shadow: none;
      cursor: default; position: relative; }
    .badge .icon { font-size: 11px; }
    .badge:focus { outline: 2px solid var(--edge); outline-offset: 2px; }
    .tip { display: none; position: absolute; z-index: 2147483647; top: 100%; left: 0; margin-top: 4px;
      width: 320px; font-weight: 400; }
    .badge:hover .tip, .badge:focus .tip, .badge:focus-within .tip { display: block; }
    .actions, .decide { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; align-items: center; }
    button { font: 600 12px/1.2 system-ui, sans-serif; color: var(--fg); background: transparent;
      border: 1px solid var(--edge); border-radius: 6px; padding: 4px 8px; cursor: pointer; }
    button:focus-visible, input:focus-visible { outline: 2px solid var(--edge); outline-offset: 1px; }
    input { font: 12px system-ui, sans-serif; color: var(--fg); background: transparent; border: 1px solid var(--muted);
      border-radius: 6px; padding: 3px 6px; flex: 1 1 100%; }
    .status { margin-top: 6px; color: var(--muted); min-height: 1em; }
    .cleared { margin-top: 4px; }
    textarea { width: 100%; height: 80px; font: 11px monospace; }
  `;

  let sheet = null;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  } catch {
    sheet = null;
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function details(result, account, profile) {
    const frag = document.createDocumentFragment();
    if (profile) frag.append(el('div', 'who', t('checked', profile.name, profile.handle)));
    if (account) {
      const handles = account.handles.map((h) => {
        const [platform, ...rest] = h.split(':');
        return platform === 'x' ? `@${rest.join(':')}` : t('handleOnPlatform', rest.join(':'), platform);
      });
      frag.append(el('div', 'who', handles.length ? t('resemblesReal', account.name, handles.join(', ')) : t('resembles', account.name)));
    }
    const list = el('ul');
    for (const e of result.evidence || []) {
      if (e.signal === 'characters') continue; // shown below, character by character
      list.append(el('li', null, e.detail));
    }
    if (list.childNodes.length) frag.append(list);
    // The name compared is the one shown, which YouTube may have machine-translated (see sites/youtube.js).
    if (profile && account && profile.platform === 'youtube') frag.append(el('div', 'note', t('youtubeTranslated')));
    const chars = (result.evidence || []).flatMap((e) => e.chars || []);
    if (chars.length) {
      const box = el('div', 'chars');
      box.append(el('div', null, t('lookalikeChars')));
      for (const c of chars.slice(0, 12)) {
        const line = el('span', 'char');
        const m = el('mark', null, c.char.trim() ? c.char : '␣');
        line.append(m, document.createTextNode(` ${c.codepoint} ${c.name}` + (c.looks_like ? ` → ${t('readsAs', c.looks_like)}` : ` (${t(`action_${c.action}`)})`)));
        box.append(line);
      }
      frag.append(box);
    }
    if (profile && profile.avatar && account && account.avatar && (result.evidence || []).some((e) => e.signal === 'avatar')) {
      const av = el('div', 'avatars');
      for (const src of [profile.avatar, account.avatar]) {
        const img = el('img');
        img.src = src; img.alt = '';
        av.append(img);
      }
      frag.append(av);
    }
    return frag;
  }

  function header(result) {
    const [icon, words] = label(result);
    const head = el('div', 'head');
    head.append(el('span', 'icon', icon), el('span', null, t('bannerTitle', words)));
    if (typeof result.score === 'number' && result.verdict !== 'clear') head.append(el('span', 'score', t('score', result.score.toFixed(2))));
    return head;
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

  // The reviewer's tools under the evidence: exports, and a decision with an optional note. `actions`
  // (from main.js) does the work; each resolves to the words to show, or throws.
  function toolbar(result, actions) {
    const frag = document.createDocumentFragment();
    const status = el('div', 'status');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    const run = (button, fn) => button.addEventListener('click', async () => {
      status.textContent = '…';
      try {
        status.textContent = await fn();
      } catch (e) {
        status.textContent = t('failed', e && e.message ? e.message : e);
        // The text is still there to copy by hand when the clipboard is refused.
        if (e && e.text) {
          const ta = el('textarea');
          ta.readOnly = true;
          ta.value = e.text;
          status.append(ta);
        }
      }
    });
    const row = el('div', 'actions');
    for (const [key, fn] of [['copyEvidence', actions.copyMarkdown], ['copyJson', actions.copyJson], ['saveImage', actions.saveImage]]) {
      const b = el('button', null, t(key));
      b.type = 'button';
      run(b, fn);
      row.append(b);
    }
    frag.append(row);
    if (result.cleared) {
      const when = String(result.cleared.at || '').slice(0, 10);
      const line = el('div', 'cleared', `${t('clearedLine', when ? t('clearedOn', when) : '')} `);
      const undo = el('button', null, t('undo'));
      undo.type = 'button';
      run(undo, () => actions.decide('allow_removed', ''));
      line.append(undo);
      frag.append(line);
    } else if (!['own', 'allowed'].includes(result.verdict)) {
      const form = el('div', 'decide');
      const note = el('input');
      note.type = 'text';
      note.maxLength = 1000;
      note.placeholder = t('notePlaceholder');
      note.setAttribute('aria-label', t('noteLabel'));
      form.append(note);
      for (const [decision, key] of vipguardI18n.DECISIONS) {
        const b = el('button', null, t(key));
        b.type = 'button';
        b.dataset.decision = decision;
        run(b, () => actions.decide(decision, note.value.trim()));
        form.append(b);
      }
      frag.append(form);
    }
    frag.append(status);
    return frag;
  }

  function banner(result, account, profile, actions) {
    const { host, root } = makeHost(result);
    host.setAttribute('data-vipguard-kind', 'banner');
    // Fixed in a corner, so the page's own content never moves.
    host.style.cssText = 'position:fixed;top:72px;right:16px;z-index:2147483646;display:block;';
    const box = el('div', `box banner ${theme()} ${result.verdict}`);
    box.setAttribute('role', 'status');
    box.setAttribute('tabindex', '0');
    box.append(header(result), details(result, account, profile));
    if (actions) box.append(toolbar(result, actions));
    root.append(box);
    guard.observe(host, { attributes: true, attributeFilter: ['data-vipguard-verdict'] });
    return host;
  }

  function badge(result, account, profile) {
    const { host, root } = makeHost(result);
    host.setAttribute('data-vipguard-kind', 'badge');
    // On the @handle's own line, centred on it, and taking up no height there: negative block margins as
    // tall as the badge itself (at most 20px), so a line shorter than the badge does not grow and nothing
    // below moves. Stretching is off, or a flex line would hand the badge its height back.
    host.style.cssText = 'display:inline-flex;align-items:center;align-self:center;vertical-align:middle;flex:none;'
      + 'margin:-10px 0 -10px 6px;max-height:20px;';
    const [icon, words] = label(result);
    const b = el('span', `box badge ${theme()} ${result.verdict}`);
    b.setAttribute('tabindex', '0');
    b.setAttribute('role', 'button');
    b.setAttribute('aria-label', account ? t('badgeLabelMatch', words, account.name) : t('badgeLabel', words));
    b.append(el('span', 'icon', icon), el('span', null, words));
    // The evidence is built when first asked for (hover or focus): a long timeline has hundreds of
    // badges and most are never opened.
    const open = () => {
      if (b.querySelector('.tip')) return;
      const tip = el('div', 'box banner tip');
      tip.append(header(result), details(result, account, profile));
      b.append(tip);
    };
    b.addEventListener('mouseenter', open);
    b.addEventListener('focus', open);
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

  return { banner, badge, spot, notice };
})();
