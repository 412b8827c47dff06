// What an annotation says: the verdict's heading, the evidence in words, the reviewer's standing decision
// and the tools under it (exports, decisions). Built as DOM fragments with textContent only (page data is
// never parsed as HTML); annotate.js decides where and how they are drawn.
'use strict';

var vipguardEvidence = (() => {
  const { t } = vipguardI18n;
  const ICONS = { impersonation: '⚠', suspicious: '?', labelled: '◆', own: '✓', allowed: '✓', clear: '·' };
  // Icon and words for a verdict (never colour alone). A plain symbol, not an emoji: a machine without an
  // emoji font draws emoji as empty boxes.
  const label = (result) => (result.cleared ? ['✓', t('verdict_cleared')] : [ICONS[result.verdict] || '·', vipguardI18n.verdict(result.verdict)]);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function button(text, onClick, aria) {
    const b = el('button', null, text);
    b.type = 'button';
    if (aria) b.setAttribute('aria-label', aria);
    if (onClick) b.addEventListener('click', onClick);
    return b;
  }

  // A protected account's handle as a link to its real profile: a reviewer always opens the genuine
  // account to compare join date, followers and verification.
  function handleLink(h) {
    const [platform, ...rest] = h.split(':');
    const handle = rest.join(':');
    const text = platform === 'x' ? `@${handle}` : t('handleOnPlatform', handle, platform);
    const url = vipguardSiteCatalog.profileUrl(platform, handle);
    if (!url) return document.createTextNode(text);
    const a = el('a', null, text);
    a.href = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  function heading(result, account) {
    const [icon, words] = label(result);
    const head = el('div', 'title');
    const own = result.verdict === 'own' && !result.cleared;
    head.append(el('span', 'icon', icon), el('span', 'words', own ? t('ownTitle') : t('bannerTitle', words)));
    if (typeof result.score === 'number' && !['clear', 'own', 'allowed'].includes(result.verdict)) {
      const s = el('span', 'score', t('score', vipguardI18n.num(result.score)));
      s.title = t('scoreExplained');
      head.append(s);
    }
    return head;
  }

  // Who was checked, whom it resembles (with links to the real accounts), the evidence, the characters
  // that deceive, and both pictures, captioned, when the photo was copied.
  // `list`: the list it was checked against (provenance), with `checkedAt`, when its age is told.
  function details(result, account, profile, { explain = true, list: checkedList = null, checkedAt = null } = {}) {
    const frag = document.createDocumentFragment();
    const own = result.verdict === 'own' || result.verdict === 'allowed';
    if (profile) frag.append(el('div', 'who', t('checked', profile.name, profile.handle)));
    // The account's age and audience, as the page states them (a days-old account with a VIP's name is
    // telling), when the site's reader found them.
    const facts = profile && profile.facts;
    // The worker checked each one (worker/facts.js). A count the page rounded ("1.2K") is told as about
    // that many, with the page's own text; a verified mark is the site's badge element, never a ✓ in a name.
    if (facts && (facts.joined || facts.joinedShown || facts.followers != null || facts.verified)) {
      const parts = [];
      // `joined` is an instant in UTC (worker/facts.js) and the ticket gives its UTC date: told in the
      // reader's zone, 2024-02-11T00:30Z was February 10 in New York.
      if (facts.joined) parts.push(t('factJoined', new Date(facts.joined).toLocaleDateString(vipguardI18n.lang(), { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })));
      // The page's own words for the date ("Nov 2026"), in the page's language: quoted, not reworded.
      else if (facts.joinedShown) parts.push(t('factJoinedShown', facts.joinedShown));
      if (facts.followers != null) {
        const n = facts.followers.toLocaleString(vipguardI18n.lang());
        const rounded = facts.followersShown && /[^\d\s,.'\u00a0\u202f]/.test(facts.followersShown);
        // YouTube counts subscribers, and says so.
        const [exact, about] = profile.platform === 'youtube' ? ['factSubscribers', 'factSubscribersAbout'] : ['factFollowers', 'factFollowersAbout'];
        parts.push(t(vipguardI18n.plural(rounded ? about : exact, facts.followers), n, ...(rounded ? [facts.followersShown] : [])));
      }
      if (facts.verified) parts.push(t('factVerified'));
      frag.append(el('div', 'note facts', parts.join(' · ')));
    }
    if (account) {
      const who = el('div', 'who', `${own ? t('protectedName', account.name) : t('resembles', account.name)}`);
      if (account.handles.length) {
        who.append(document.createTextNode(` (${t('realPrefix')} `));
        account.handles.forEach((h, i) => who.append(...(i ? [document.createTextNode(', ')] : []), handleLink(h)));
        who.append(document.createTextNode(')'));
      }
      frag.append(who);
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
      for (const [src, caption] of [[profile.avatar, t('captionThisProfile')], [account.avatar, t('captionProtected', account.name)]]) {
        const fig = el('figure');
        const img = el('img');
        img.src = src;
        img.alt = caption;
        fig.append(img, el('figcaption', null, caption));
        av.append(fig);
      }
      frag.append(av);
    }
    if (explain && typeof result.score === 'number' && !['clear', 'own', 'allowed'].includes(result.verdict)) {
      frag.append(el('div', 'note', t('scoreExplained')));
    }
    if (checkedList) frag.append(el('div', 'note list', t('checkedAgainst', vipguardReport.listLine(checkedList, Date.parse(checkedAt) || Date.now()))));
    return frag;
  }

  // The reviewer's standing decision on this account and the ones before it, with Undo.
  // A team decision (from the feed) says who made it, and has no Undo: the reviewer's own later decision
  // stands over it.
  const standingWords = (decision) => (decision.team
    ? t('teamDecisionStanding', vipguardI18n.decisionWord(decision.decision), decision.by, vipguardI18n.when(decision.at))
    : t('decisionStanding', vipguardI18n.decisionWord(decision.decision), vipguardI18n.when(decision.at)));

  function decisionLine(decision, undo) {
    const box = el('div', 'decided');
    const words = vipguardI18n.decisionWord(decision.decision);
    const line = el('div', null, standingWords(decision));
    if (decision.note) line.append(document.createTextNode(` · “${decision.note}”`));
    if (undo && !decision.team) line.append(document.createTextNode(' '), button(t('undo'), undo, t('undoDecision', words)));
    box.append(line);
    if (decision.earlier && decision.earlier.length) {
      const earlier = decision.earlier.map((d) => `${vipguardI18n.decisionWord(d.decision)} (${vipguardI18n.when(d.at)})`).join(', ');
      box.append(el('div', 'note', t('decisionEarlier', earlier)));
    }
    return box;
  }

  // The reviewer's tools: exports for a ticket, the standing decision, and a new decision with an
  // optional note. `actions` (from main.js) does the work; each resolves to the words to show, or throws.
  // "Not an impersonator" clears the account everywhere, so it asks once more before it acts.
  function toolbar(result, actions, { status: initial = '', profile = null } = {}) {
    const frag = document.createDocumentFragment();
    const status = el('div', 'status', initial);
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    // Whether the frame still shows this toolbar's profile (a banner's frame is kept for the next one).
    const showing = () => !actions.stillShown || actions.stillShown();
    // The status line for a finished request's words: the avatar's verdict may have drawn the frame again
    // while a copy or a decision was under way, and then it is the line on the page (frame.js carries the
    // line over), not the one drawn over. Null once the frame shows another profile: its words are
    // dropped, which the frame counts in data-dropped for the end-to-end tests (as data-moved).
    const live = () => {
      if (!showing()) {
        const root = document.documentElement;
        root.dataset.dropped = String(Number(root.dataset.dropped || 0) + 1);
        return null;
      }
      return status.isConnected ? status : document.querySelector('.status') || status;
    };
    // One request at a time: a double click must not record a decision twice or undo two.
    let busy = false;
    const run = async (fn) => {
      if (busy) return;
      busy = true;
      status.textContent = '…';
      try {
        const words = await fn();
        const line = live();
        if (line) line.textContent = words;
      } catch (e) {
        const line = live();
        if (!line) return;
        line.textContent = t('failed', e && e.message ? e.message : e);
        // The text is still there to copy by hand when the clipboard is refused.
        if (e && e.text) {
          const ta = el('textarea');
          ta.readOnly = true;
          ta.textContent = e.text; // (kept when frame.js carries the line over: a clone keeps no .value)
          line.append(ta);
        }
      } finally {
        busy = false;
      }
    };
    // A decision's click or key is taken only when the frame was in full view long enough (frame.js
    // mayDecide, against clickjacking); else the status says why and nothing is sent.
    const guarded = (fn) => (e) => {
      const why = actions.mayDecide ? actions.mayDecide(e) : null;
      if (why) status.textContent = why;
      else fn(e);
    };
    const own = ['own', 'allowed'].includes(result.verdict) && !result.cleared;
    if (!own) {
      const row = el('div', 'actions');
      // After the ticket is copied, the note takes its id, so the decision records both (report.js ticketId).
      const copyTicket = async () => {
        const words = await actions.copyTicket();
        if (showing()) (row.isConnected ? row.parentNode : document).querySelector('.decide input')?.focus();
        return words;
      };
      for (const [key, fn] of [['copyTicket', copyTicket], ['copyImage', actions.copyImage], ['saveImage', actions.saveImage],
        ['copyJson', actions.copyJson]]) {
        const b = button(t(key), () => run(fn));
        b.dataset.action = key;
        row.append(b);
      }
      // The platform's own form for reporting the account, where it has one.
      const form = profile && vipguardSiteCatalog.reportForm(profile.platform);
      if (form) {
        const a = el('a', 'report', t('reportOnSite', vipguardSiteCatalog.siteName(profile.platform)));
        a.href = form;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        row.append(a);
      }
      frag.append(row);
    }
    if (result.decision) {
      frag.append(decisionLine(result.decision, guarded(() => run(() => actions.decide('undo', '', result.decision.at)))));
    } else if (result.cleared && !result.cleared.team) {
      // Cleared before decisions were kept per account: the allow-list entry alone.
      const when = String(result.cleared.at || '').slice(0, 10);
      const line = el('div', 'decided', `${t('clearedLine', when ? t('clearedOn', when) : '')} `);
      line.append(button(t('undo'), guarded(() => run(() => actions.decide('allow_removed', '')))));
      frag.append(line);
    }
    if (!own) {
      const form = el('div', 'decide');
      const note = el('input');
      note.type = 'text';
      note.maxLength = 1000;
      note.placeholder = t('notePlaceholder');
      note.setAttribute('aria-label', t('noteLabel'));
      const buttons = el('div', 'choices');
      const decide = (decision) => run(async () => {
        const words = await actions.decide(decision, note.value.trim());
        note.value = ''; // a note belongs to one decision
        return words;
      });
      const choices = () => {
        buttons.replaceChildren();
        buttons.style.paddingInlineStart = '';
        for (const [decision, key] of vipguardI18n.DECISIONS) {
          // "Not an impersonator" clears the account everywhere: asked once more. So is every decision the
          // reviewer's pointer or keys make where the browser cannot say whether this frame is in view
          // (frame.js; the decision shortcuts, which no page can send, are not asked again).
          const ask = (e) => decision === 'not_impersonator' || (actions.confirmEvery && e && e.isTrusted);
          const b = button(t(key), guarded((e) => (ask(e) ? confirm(decision) : decide(decision))));
          b.dataset.decision = decision;
          const standing = result.decision && result.decision.decision === decision;
          b.setAttribute('aria-pressed', String(!!standing));
          buttons.append(b);
        }
      };
      // The confirming button is not where the page could expect it: its order with Cancel and the row's
      // indent are drawn at random, so bait placed under the first click does not also sit under the
      // second (a clickjacking page wins only by chance).
      const confirm = (decision) => {
        const clearing = decision === 'not_impersonator';
        const yes = button(clearing ? t('confirmClear') : t('confirmDecision'), guarded(() => decide(decision)));
        yes.className = 'strong';
        yes.dataset.confirms = decision;
        const no = button(t('cancel'), () => { choices(); buttons.querySelector('button').focus(); });
        const question = el('span', 'ask', clearing ? t('confirmClearQuestion') : t('confirmDecisionQuestion', vipguardI18n.decisionWord(decision)));
        const [r1, r2] = crypto.getRandomValues(new Uint8Array(2));
        buttons.replaceChildren(question, ...(r1 & 1 ? [yes, no] : [no, yes]));
        buttons.style.paddingInlineStart = `${(r2 % 6) * 32}px`;
        yes.focus();
      };
      choices();
      form.append(note, buttons);
      frag.append(form);
    }
    frag.append(status);
    return frag;
  }

  return { el, button, label, heading, details, toolbar, standingWords };
})();
