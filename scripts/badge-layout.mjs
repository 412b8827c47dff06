// What inserting badges costs the browser in layout, on the 500-cell timeline laid out three ways:
// the column as wide as its content (as the X fixtures were before they had X's 600px column), the
// 600px column with cells in normal flow, and X's virtual list. Each load of the bare page (no
// extension) inserts one badge, or fifty, built and placed by the extension's own annotate.js, then
// forces a layout and times it; also the time to find the fifty badges' spots (vipguardAnnotate.spot,
// which reads computed styles). A diagnostic for docs/extension.md, not a test.
//     node scripts/badge-layout.mjs        (after npm packages are installed: make node_modules/.package-lock.json)
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, CHROMIUM, BROWSER_ARGS } from '../tests/e2e/harness.mjs';
import { page500, page500Flow } from './timeline500.mjs';

const annotate = fs.readFileSync(path.join(ROOT, 'extension/content/annotate.js'), 'utf8');
const LAYOUTS = {
  'as wide as its content, normal flow': page500Flow.replace('main{width:600px;', 'main{'),
  '600px column, normal flow': page500Flow,
  "600px column, X's virtual list": page500,
};
if (LAYOUTS['as wide as its content, normal flow'] === page500Flow) throw new Error('the fixture no longer sets the column width this script removes');

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS });
try {
  console.log(`${'layout'.padEnd(40)} ${'one badge (ms)'.padStart(22)} ${'fifty badges (ms)'.padStart(22)} ${'fifty spots (ms)'.padStart(20)}`);
  for (const [name, html] of Object.entries(LAYOUTS)) {
    const cols = [];
    const spots = [];
    for (const n of [1, 50]) {
      const runs = [];
      for (let r = 0; r < 3; r++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.setContent(html);
        // annotate.js reads its words through i18n.js, which needs the extension: plain stand-ins.
        await page.addScriptTag({ content: 'var vipguardI18n = { t: (k) => k, verdict: (v) => v, DECISIONS: [] };' });
        await page.addScriptTag({ content: annotate });
        await page.waitForTimeout(300);
        runs.push(await page.evaluate((n) => {
          document.body.offsetHeight; // start from a page with nothing left to lay out
          const blocks = [...document.querySelectorAll('[data-testid="User-Name"]')];
          const writes = [];
          let spent = 0;
          for (let i = 0; i < n; i++) {
            const block = blocks[i * 10];
            const handle = [...block.querySelectorAll('a[href^="/"]')].find((a) => a.textContent.trim().startsWith('@'));
            const host = vipguardAnnotate.badge({ verdict: 'impersonation', score: 0.9, evidence: [] }, null, {});
            const s = performance.now();
            const { parent, before } = vipguardAnnotate.spot(handle, block);
            spent += performance.now() - s;
            writes.push(() => parent.insertBefore(host, before));
          }
          writes.forEach((w) => w());
          const t = performance.now();
          document.body.offsetHeight;
          return [performance.now() - t, spent];
        }, n));
        await page.close();
      }
      cols.push(runs.map(([v]) => v.toFixed(1)).join(' / '));
      if (n === 50) spots.push(...runs.map(([, v]) => v.toFixed(2)));
    }
    console.log(`${name.padEnd(40)} ${cols[0].padStart(22)} ${cols[1].padStart(22)} ${spots.join(' / ').padStart(20)}`);
  }
} finally {
  await browser.close();
}
