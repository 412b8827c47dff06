// The interface's words in the worker: `t` for what it draws, and every message as a template for content
// scripts (shared/i18n.js, seed), sent with a tab's first answer so the page never loads the catalogue. In
// the language chosen in the options, else the browser's.
import '../shared/i18n.js';

const fill = (template, strs) => template.replace(/[\u0001-\u0009]/g, (c) => strs[c.charCodeAt(0) - 1] ?? '');

// The chosen language's templates (null: the browser's language), read once per worker or language change.
// A load begun before a change of language (two in a row: fr, then pcm) must not keep the older one.
let chosen;
let era = 0;
export async function loadLanguage() {
  if (chosen !== undefined) return chosen;
  const asked = era;
  const loaded = await globalThis.vipguardI18n.chosenTemplates(chrome.runtime.getURL('')).catch((e) => {
    console.warn('vipguard: language not loaded:', e && e.message);
    return null;
  });
  if (asked === era) chosen = loaded;
  return loaded;
}

// The settings changed: the language is read again at the next use.
export function languageChanged() {
  era++;
  chosen = undefined;
  templates = null;
}

// A message in the chosen language, or the browser's (call loadLanguage first for the chosen one).
export const t = (key, ...subs) => (chosen && typeof chosen[key] === 'string'
  ? fill(chosen[key], subs.map(String))
  : chrome.i18n.getMessage(key, subs.map(String)) || key);

// Every message with $1…$9 as U+0001…U+0009, made once: a content script's first call into the catalogue
// loads it on the page's thread. The default locale's file lists the keys (every locale has the same ones,
// a test checks). A template is sent only if filling it in reads exactly as the browser's own substitution
// (a browser that altered the control characters would leave the content script on chrome.i18n, as before).
let templates = null;
export function catalogueTemplates() {
  if (!templates) {
    templates = (async () => {
      const loaded = await loadLanguage();
      if (loaded) return loaded;
      const sentinels = Array.from({ length: 9 }, (_, i) => String.fromCharCode(i + 1));
      const probe = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((x) => `‹${x}›`);
      const locale = chrome.runtime.getManifest().default_locale || 'en';
      const keys = Object.keys(await (await fetch(chrome.runtime.getURL(`_locales/${locale}/messages.json`))).json());
      return Object.fromEntries(keys.map((k) => [k, chrome.i18n.getMessage(k, sentinels)])
        .filter(([k, v]) => v && fill(v, probe) === chrome.i18n.getMessage(k, probe)));
    })();
    templates.catch(() => { templates = null; });
  }
  return templates;
}
