// The main job: headless Chromium with the extension over the demo pages (X fixtures on x.com URLs,
// and the other sites' fixtures on theirs, all answered locally), the demo list loaded through the
// options page as a new user would, Mastodon switched on there. Saves a screenshot of each annotated
// page to target/demo/ and prints page, account, verdict and match.
import fs from 'node:fs';
import path from 'node:path';
import { launch, loadDemoList, visit, tabRecord, serveSites, enableMastodon, ROOT } from '../tests/e2e/harness.mjs';

const PAGES = [
  ['profile (JSON-LD)', 'https://x.com/KwabenaMensahTV'],
  ['profile (DOM only)', 'https://x.com/KwabenaMensahGH'],
  ['protected account', 'https://x.com/AdaezeOkonkwo'],
  ['parody profile', 'https://x.com/ParodyTundemi'],
  ['home timeline', 'https://x.com/home'],
  ['followers', 'https://x.com/AminataSowe/followers'],
  ['people search', 'https://x.com/search?q=adaeze%20okonkwo&f=user'],
  ['replies', 'https://x.com/KwabenaMensah/status/1861234567890'],
  ['Mastodon profile', 'https://social.example.africa/@kwabenamensah'],
  ['Bluesky profile', 'https://bsky.app/profile/adaeze-okonkwo.bsky.social'],
  ['Bluesky followers', 'https://bsky.app/profile/kwabenamensah.bsky.social/followers'],
  ['GitHub profile', 'https://github.com/zenith-harbour-bank'],
  ['Instagram profile', 'https://www.instagram.com/tundemi_official/'],
  ['Instagram followers', 'https://www.instagram.com/tundemi/followers/'],
  ['YouTube channel', 'https://www.youtube.com/@IbrahimaDialloTV'],
  ['TikTok profile', 'https://www.tiktok.com/@aminata.sowe'],
];

const out = path.join(ROOT, 'target/demo');
fs.mkdirSync(out, { recursive: true });
// Access to all sites, as a reviewer grants it when switching Mastodon on.
const h = await launch({ extraHosts: ['*'] });
const rows = [];
try {
  await serveSites(h.ctx);
  await loadDemoList(h);
  await enableMastodon(h);
  for (const [label, url] of PAGES) {
    console.error(`demo: ${label}`);
    const page = await visit(h, url);
    await page.waitForTimeout(1500); // avatar results follow the text ones
    const file = path.join(out, label.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '') + '.png');
    await page.screenshot({ path: file });
    const rec = await tabRecord(h, page);
    for (const i of (rec && rec.items) || []) rows.push([label, `@${i.handle}`, i.verdict, i.match || '-']);
    await page.close();
  }
} finally {
  await h.close();
}
const widths = [0, 1, 2, 3].map((c) => Math.max(...[['page', 'account', 'verdict', 'match'], ...rows].map((r) => r[c].length)));
const line = (r) => r.map((v, c) => v.padEnd(widths[c])).join('  ');
console.log(line(['page', 'account', 'verdict', 'match']));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
rows.forEach((r) => console.log(line(r)));
console.log(`\nscreenshots: ${path.relative(process.cwd(), out)}/`);
