// The interface's words, from _locales/<language>/messages.json as the browser's language chooses
// (English and French), or the language chosen in the options (English, French or Nigerian Pidgin, whose
// catalogue is locales/pcm/messages.json: browsers know no Pidgin locale). A classic script defining one
// global, for pages, content scripts and tests.
'use strict';

// On globalThis, so the worker can import this file for its effect, as it does the site catalogue.
globalThis.vipguardI18n = (() => {
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
    const l = t('uiLang');
    document.documentElement.lang = l === 'uiLang' ? 'en' : l;
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

  // The language of the catalogue in use (what the words are in), for numbers and dates to match them
  // (Pidgin writes them as Nigerian English does).
  const lang = () => {
    const l = t('uiLang');
    return l === 'uiLang' ? 'en' : l === 'pcm' ? 'en-NG' : l;
  };
  // The key of a message whose words agree with a count: `<key>_one` or `<key>_other`, as the language's
  // plural rules choose ("1 follower", "2 followers"; French says "0 abonné", "1 abonné", "2 abonnés").
  // Every catalogue has both variants (tests/e2e/locales.test.mjs).
  const plural = (key, count) => `${key}_${new Intl.PluralRules(lang()).select(Number(count)) === 'one' ? 'one' : 'other'}`;
  // A score as the language writes it: 0.97, or 0,97 in French.
  const num = (x, digits = 2) => Number(x).toLocaleString(lang(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  // A moment, in the reviewer's time zone: "5 Dec 2026, 10:02".
  const when = (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? String(iso ?? '') : d.toLocaleString(lang(), { dateStyle: 'medium', timeStyle: 'short' });
  };

  // The reviewer chose another language: the next answer brings its words (until then, the browser's).
  // `era` changes with it: words asked for before it are the old language's.
  let languageEra = 0;
  const unseed = () => { templates = null; languageEra++; };
  const era = () => languageEra;

  // The worker's templates (worker/templates.js, catalogueTemplates), kept as sent rather than copied on the
  // page's thread. Anything but a non-empty string is ignored by t. `asked`: the era() when they were asked
  // for; words asked for before another language was chosen are the old one's, and are dropped (false).
  // Required, and a caller without it throws rather than being taken as asked now: a default would keep
  // stale words silently, where a throw shows the forgotten era the first time any test draws.
  function seed(messages, asked) {
    if (!Number.isInteger(asked)) throw new TypeError('vipguardI18n.seed: pass era() from when the words were asked for');
    if (asked !== languageEra || !messages || typeof messages !== 'object') return false;
    templates = messages;
    return true;
  }
  const seeded = () => templates !== null;

  // The languages a reviewer can choose, and where each catalogue is (from the extension's root).
  const LANGUAGES = { en: '_locales/en/messages.json', fr: '_locales/fr/messages.json', pcm: 'locales/pcm/messages.json' };

  // A messages.json as templates: each message with its placeholders resolved to $1…$9, then those as
  // the characters U+0001…U+0009 (what t fills in). Keys missing from `catalogue` come from `fallback`.
  function toTemplates(catalogue, fallback = {}) {
    const out = {};
    for (const [key, entry] of Object.entries({ ...fallback, ...catalogue })) {
      if (!entry || typeof entry.message !== 'string') continue;
      out[key] = entry.message
        .replace(/\$([A-Za-z0-9_]+)\$/g, (m, name) => (entry.placeholders && entry.placeholders[name.toLowerCase()]
          ? entry.placeholders[name.toLowerCase()].content : m))
        .replace(/\$([1-9])/g, (m, n) => String.fromCharCode(Number(n)))
        .replace(/\$\$/g, '$');
    }
    return out;
  }

  // The templates of the language chosen in the options, or null for the browser's own (chrome.i18n).
  // `root`: the extension's root URL (chrome.runtime.getURL('')).
  async function chosenTemplates(root) {
    const { settings = {} } = await chrome.storage.local.get('settings');
    const file = Object.hasOwn(LANGUAGES, settings.language) ? LANGUAGES[settings.language] : null;
    if (!file) return null;
    const read = async (f) => (await fetch(`${root}${f}`)).json();
    const [chosen, english] = await Promise.all([read(file), settings.language === 'en' ? {} : read(LANGUAGES.en)]);
    return toTemplates(chosen, english);
  }

  // An extension page's start: the chosen language's words (when one is chosen), then its elements.
  async function ready() {
    try {
      const asked = languageEra;
      const chosen = await chosenTemplates(chrome.runtime.getURL(''));
      if (chosen) seed(chosen, asked);
    } catch {
      // the browser's language, as before
    }
    localize();
  }

  return { t, localize, ready, verdict, DECISIONS, recorded, decisionWord, lang, plural, num, when, seed, seeded, unseed, era, toTemplates, chosenTemplates, LANGUAGES };
})();
