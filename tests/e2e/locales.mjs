// The extension's message catalogues, and a stand-in for chrome.i18n over them for unit tests in Node.
import fs from 'node:fs';

// Nigerian Pidgin's is under locales/, browsers having no Pidgin locale.
export const catalogue = (lang) => JSON.parse(fs.readFileSync(new URL(`../../extension/${lang === 'pcm' ? 'locales' : '_locales'}/${lang}/messages.json`, import.meta.url), 'utf8'));

// chrome.i18n.getMessage as browsers implement it for our catalogues: named placeholders whose content
// is $1…$9, filled from the substitutions.
export function fakeChrome(lang) {
  const cat = catalogue(lang);
  return {
    i18n: {
      getUILanguage: () => lang,
      getMessage(key, subs = []) {
        const m = cat[key];
        if (!m) return '';
        const list = Array.isArray(subs) ? subs : [subs];
        return m.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name) => {
          const p = m.placeholders && m.placeholders[name.toLowerCase()];
          return p ? p.content.replace(/\$(\d)/g, (__, n) => list[Number(n) - 1] ?? '') : '';
        });
      },
    },
  };
}
