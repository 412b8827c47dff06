// The timeline of 500 user cells that `make ext-bench` and scripts/ext-profile.mjs load, and the routes
// that answer x.com and its image host with it and a demo avatar, offline.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../tests/e2e/harness.mjs';

// 500 cells from the followers fixture's markup: one in ten impersonates a demo account.
const base = fs.readFileSync(path.join(ROOT, 'tests/e2e/fixtures/x/followers.html'), 'utf8');
const cellRe = /<div data-testid="cellInnerDiv"[\s\S]*?<\/button><\/div><\/div>/g;
const cells = base.match(cellRe);
const template = cells[3]; // an ordinary person: @tunde_adeyemi
const people = ['Kofi Boateng', 'Ama Owusu', 'Chinedu Okafor', 'Fatou Ndiaye', 'Yaw Asante', 'Ngozi Eze', 'Moussa Traore', 'Aisha Bello', 'Kojo Mensah'];
const fakes = [['KwabenaMensah', 'Kwabena Mensah'], ['AdaezeOkonkwo_', 'Adaeze Okonkwo-Bello'], ['lbrahimaDiallo', 'Ibrahima Diallo']];
/** The timeline as x.com lays it out: a virtual list of absolutely placed cells (its script inlined). */
const virtualList = fs.readFileSync(path.join(ROOT, 'tests/e2e/fixtures/x/virtual-list.js'), 'utf8');

/**
 * `count` cells, one in `every` (ten) impersonating a demo account; `avatar(i)`: cell i's picture address.
 */
export function timeline(count, avatar = () => 'https://pbs.twimg.com/profile_images/demo/someone-else.png', every = 10) {
  let list = '';
  for (let i = 0; i < count; i++) {
    // Every handle distinct: the worker's record of the tab counts accounts by handle.
    const fake = fakes[Math.floor(i / every) % 3];
    const [handle, name] = i % every === 0 ? [fake[0] + i, fake[1]] : [`user_${i}`, people[i % people.length]];
    list += template.replaceAll('tunde_adeyemi', handle).replaceAll('Tunde Adeyemi', name).replace('Lagos', `Bio ${i}`)
      .replace('https://pbs.twimg.com/profile_images/demo/someone-else.png', avatar(i));
  }
  return base.replace(cells.join(''), list)
    .replace('<script src="/_fixtures/virtual-list.js"></script>', () => `<script>\n${virtualList}</script>`);
}
export const page500 = timeline(500);

/**
 * The same cells in normal flow, one after another, as a site without a virtual list would have them
 * (`LAYOUT=flow make ext-bench`). In the 600px column, inserting badges costs about the same layout
 * either way (scripts/badge-layout.mjs).
 */
export const page500Flow = page500
  .replaceAll('style="transform: translateY(0px); position: absolute; width: 100%;"', 'style="position: relative;"')
  .replace(/<script>[\s\S]*?<\/script>\n?/, '');

/**
 * Answer x.com (and x-control.test, where the extension does not run) with the timeline (`layout` 'x',
 * or 'flow' for `page500Flow`) and its image host with a demo avatar, in browser context `ctx`.
 */
export async function serve(ctx, layout = process.env.LAYOUT || 'x') {
  if (!['x', 'flow'].includes(layout)) throw new Error(`LAYOUT must be x or flow, not ${JSON.stringify(layout)}`);
  const body = layout === 'flow' ? page500Flow : page500;
  // x-control.test: the same page on a host the extension does not run on, the control in the same browser.
  await ctx.route(/^https:\/\/(x\.com|x-control\.test)\//, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
  await ctx.route(/^https:\/\/(pbs|abs-0)\.twimg\.com\//, (r) => r.fulfill({ status: 200, contentType: 'image/png', body: fs.readFileSync(path.join(ROOT, 'demo/avatars/someone-else.png')) }));
}
