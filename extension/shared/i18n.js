// The interface's words, from _locales/<language>/messages.json as the browser's language chooses
// (English and French). A classic script defining one global, for pages, content scripts and tests.
'use strict';

var vipguardI18n = (() => {
  // A message with its $1…$9 filled in; the key itself when the catalogue lacks it (tests catch that).
  // Remembered: each call into the browser's catalogue is slow, and a timeline of badges asks for the
  // same few sentences hundreds of times (it was a quarter of drawing them).
  const memo = new Map();
  // Messages with each $n as the character U+000n, sent by the worker with its first answer to a content
  // script (see seed): a page's first call into the browser's catalogue loads it, which was about half of
  // drawing a timeline's badges (docs/extension.md).
  let templates = null;
  const fill = (template, strs) => template.replace(/[\u0001-\u0009]/g, (c) => strs[c.charCodeAt(0) - 1] ?? '');
  function t(key, ...subs) {
    const strs = subs.map(String);
    const template = templates && Object.hasOwn(templates, key) ? templates[key] : undefined;
    if (typeof template === 'string' && template) return fill(template, strs);
    const id = strs.length ? JSON.stringify([key, ...strs]) : key;
    let text = memo.get(id);
    if (text === undefined) {
      try {
        text = chrome.i18n.getMessage(key, strs) || key;
      } catch {
        text = key;
      }
      if (memo.size >= 2000) memo.clear();
      memo.set(id, text);
    }
    return text;
  }

  // Elements carrying data-i18n get their text; data-i18n-placeholder, -aria-label and -title their
  // attribute.
  function localize(root = document) {
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const attr of ['placeholder', 'aria-label', 'title']) {
      for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`)));
    }
    try {
      document.documentElement.lang = chrome.i18n.getUILanguage().split('-')[0];
    } catch {
      // no extension API (a test page)
    }
  }

  // A verdict word as a reviewer reads it.
  const verdict = (v) => t(`verdict_${v}`) === `verdict_${v}` ? v : t(`verdict_${v}`);

  // A reviewer's decisions, with the words of the button and of the status once recorded.
  const DECISIONS = [
    ['confirmed', 'decisionConfirmed', 'recordedConfirmed'],
    ['not_impersonator', 'decisionNotImpersonator', 'recordedNotImpersonator'],
    ['escalate', 'decisionEscalate', 'recordedEscalate'],
  ];
  const recorded = (decision) => t(decision === 'allow_removed' ? 'recordedUndone' : decision === 'undo' ? 'recordedUndo'
    : (DECISIONS.find(([d]) => d === decision) || [])[2]);
  // A decision in words, as its button says it.
  const decisionWord = (decision) => t((DECISIONS.find(([d]) => d === decision) || [])[1] || decision);

  // The language of the catalogue in use (what the words are in), for numbers and dates to match them.
  const lang = () => {
    const l = t('engineLang');
    return l === 'engineLang' ? 'en' : l;
  };
  // A score as the language writes it: 0.97, or 0,97 in French.
  const num = (x, digits = 2) => Number(x).toLocaleString(lang(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  // A moment, in the reviewer's time zone: "5 Dec 2026, 10:02".
  const when = (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? String(iso ?? '') : d.toLocaleString(lang(), { dateStyle: 'medium', timeStyle: 'short' });
  };

  // The worker's templates (worker/templates.js, catalogueTemplates), kept as sent rather than copied on the
  // page's thread. Anything but a non-empty string is ignored by t.
  function seed(messages) {
    if (messages && typeof messages === 'object') templates = messages;
  }
  const seeded = () => templates !== null;

  return { t, localize, verdict, DECISIONS, recorded, decisionWord, lang, num, when, seed, seeded };
})();
