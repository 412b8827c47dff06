// How long the banner's frame page takes to load, on its own: from appending an iframe of
// ui/frame/frame.html (as the content script's spare, hidden and inert, on <html>) to its load event (its
// scripts run), in the page's clock. The full DOMContentLoaded-to-banner benchmark (verdict-latency.mjs)
// swings by 100 ms and more from run to run on a shared machine; this isolates the one step that was its
// long pole, with many frames per build, two builds alternating.
//   node scripts/frame-load.mjs OTHER_UNPACKED_BUILD     (this tree: dist/chrome); FRAMES=N, ROUNDS=N
// STYLE=css replaces the frame's style (default: the spare's, 0x0 and visibility: hidden), to see
// whether Chrome holds back a frame it does not show.
import path from 'node:path';
import { launch, serveSites, inContentScript } from '../tests/e2e/harness.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const builds = { this: path.join(ROOT, 'dist/chrome'), other: path.resolve(process.argv[2] || 'dist/chrome') };
const FRAMES = Number(process.env.FRAMES || 20);
const ROUNDS = Number(process.env.ROUNDS || 3);
const STYLE = process.env.STYLE || 'position:fixed;top:0;left:0;width:0;height:0;visibility:hidden;pointer-events:none;border:0';

async function measure(extension) {
  const h = await launch({ extension, asyncStacks: false });
  await serveSites(h.ctx);
  const page = await h.ctx.newPage();
  await page.goto('https://x.com/KwabenaMensahGH', { waitUntil: 'load' });
  const out = [];
  for (let i = 0; i < FRAMES; i++) {
    out.push(await inContentScript(page, (style) => new Promise((resolve) => {
      const f = document.createElement('iframe');
      f.style.cssText = style;
      const began = performance.now();
      f.addEventListener('load', () => { resolve(performance.now() - began); f.remove(); });
      f.src = `${chrome.runtime.getURL('ui/frame/frame.html')}#kind=banner&theme=light`;
      document.documentElement.append(f);
    }), STYLE));
  }
  await h.close();
  return out;
}

const times = { this: [], other: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const which of round % 2 ? ['other', 'this'] : ['this', 'other']) times[which].push(...await measure(builds[which]));
}
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)];
console.log(`the banner's frame page, append to load event, ${ROUNDS} rounds x ${FRAMES} frames (ms): median, p25, p75`);
for (const which of ['this', 'other']) {
  const xs = times[which];
  console.log(`  ${(which === 'this' ? 'this tree' : builds.other).padEnd(40)} ${q(xs, 0.5).toFixed(1).padStart(7)} ${q(xs, 0.25).toFixed(1).padStart(7)} ${q(xs, 0.75).toFixed(1).padStart(7)}`);
}
