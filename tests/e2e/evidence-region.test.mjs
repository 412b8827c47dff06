// End to end: the evidence image outlines the part of each avatar that matched (issue 22, item 2), where the
// engine's `region` says (the avatar evidence the worker recorded for the tab), the protected picture
// mirrored when the copy is. Two copies of a demo photo: the mirrored one with a badge, which matches on its
// upper part; and one the test pads with white, which matches inside the padding. The PNGs are kept in
// target/screenshots/ (evidence-region-*.png) for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { decodePng } from './png.mjs';
import { ROOT, launch, loadDemoList, visit, shadowText, shadowClick, until, tabRecord } from './harness.mjs';

// Where the evidence image draws each avatar (evidence-image.js): 180 px squares, 76 px down.
const COLUMNS = { profile: 20, protected: 380 };
const TOP = 76;
const SIDE = 180;

let h;
before(async () => {
  h = await launch();
  await loadDemoList(h);
});
after(async () => h && h.close());

// The avatar evidence's region the worker recorded for `handle` on the page.
async function recordedRegion(page, handle) {
  return until(async () => {
    const rec = await tabRecord(h, page);
    const item = rec && rec.items.find((i) => i.handle === handle);
    const e = item && (item.evidence || []).find((x) => x.signal === 'avatar');
    return e && e.region;
  }, `the avatar evidence's region for @${handle}`);
}

// "Save image" on the banner (`label` in the reviewer's language): the PNG, kept for a person to look at.
async function saveImage(page, name, label = 'Save image') {
  const [download] = await Promise.all([page.waitForEvent('download'), shadowClick(page, label)]);
  const bytes = fs.readFileSync(await download.path());
  const dir = path.join(ROOT, 'target', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.png`), bytes);
  await until(async () => (await shadowText(page)).includes('SHA-256'), 'the banner says the image\'s SHA-256');
  return decodePng(bytes);
}

const white = ([r, g, b]) => Math.min(r, g, b) >= 200;
const dark = ([r, g, b]) => Math.max(r, g, b) <= 110;

// Points on the outline of `area` drawn in the column at `left`, each with the direction across the line:
// the middle of each side of a box, eight points round a circle. The outline is drawn 3 px inside the area
// (so it is not cut at the picture's edge): a white line 2 px wide with a dark edge 2 px wide each side.
function outlinePoints(left, area) {
  const [x, y, w, hgt] = [left + area.x * SIDE, TOP + area.y * SIDE, area.w * SIDE, area.h * SIDE];
  if (area.shape === 'circle') {
    const [cx, cy, rx, ry] = [x + w / 2, y + hgt / 2, w / 2 - 3, hgt / 2 - 3];
    return [0, 1, 2, 3, 4, 5, 6, 7].map((k) => {
      const a = (k * Math.PI) / 4;
      return { x: cx + rx * Math.cos(a), y: cy + ry * Math.sin(a), dx: Math.cos(a), dy: Math.sin(a) };
    });
  }
  return [
    { x: x + w / 2, y: y + 3, dx: 0, dy: 1 },
    { x: x + w / 2, y: y + hgt - 3, dx: 0, dy: 1 },
    { x: x + 3, y: y + hgt / 2, dx: 1, dy: 0 },
    { x: x + w - 3, y: y + hgt / 2, dx: 1, dy: 0 },
  ];
}

// Which outline points of `area` are not a white line between dark edges, as "x,y" strings. Each is
// looked for a little either side of where it should be (the line falls between pixels).
function missingOutline(png, left, area) {
  const near = (p, offsets, ok) => offsets.some((o) => ok(png.pixel(Math.floor(p.x + o * p.dx), Math.floor(p.y + o * p.dy))));
  return outlinePoints(left, area)
    .filter((p) => !(near(p, [-0.5, 0, 0.5], white) && near(p, [-1.5, -2, -2.5], dark) && near(p, [1.5, 2, 2.5], dark)))
    .map((p) => `${Math.round(p.x)},${Math.round(p.y)}`);
}

// Mean difference between the two pictures over a square inside both (away from a corner badge and the
// outlines), the protected one read as drawn or flipped.
function difference(png, flipped) {
  let sum = 0;
  let n = 0;
  for (let y = TOP + 30; y < TOP + 110; y += 2) {
    for (let x = 40; x < 140; x += 2) {
      const a = png.pixel(COLUMNS.profile + x - 20, y);
      const bx = flipped ? COLUMNS.protected + SIDE - 1 - (x - 20) : COLUMNS.protected + x - 20;
      const b = png.pixel(bx, y);
      sum += Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]);
      n++;
    }
  }
  return sum / n;
}

const flip = (a) => ({ ...a, x: 1 - a.x - a.w });

test('a mirrored copy with a badge: both upper parts outlined, and the protected picture shown mirrored', async () => {
  const page = await visit(h, 'https://x.com/KwabenaMensahTV');
  await until(async () => (await shadowText(page)).includes('copy of Kwabena Mensah'), 'the avatar verdict');
  const region = await recordedRegion(page, 'KwabenaMensahTV');
  assert.equal(region.mirrored, true, JSON.stringify(region));
  assert.ok(region.profile.h < 0.9, `the upper part matched: ${JSON.stringify(region)}`);
  const png = await saveImage(page, 'evidence-region-mirrored');
  assert.deepEqual(missingOutline(png, COLUMNS.profile, region.profile), [], 'the profile picture\'s outline');
  assert.deepEqual(missingOutline(png, COLUMNS.protected, flip(region.protected)), [], 'the protected picture\'s outline');
  // Drawn mirrored, the protected picture looks like the copy; its mirror image would not.
  const [asDrawn, mirrored] = [difference(png, false), difference(png, true)];
  assert.ok(asDrawn < mirrored * 0.7, `protected picture as drawn differs by ${asDrawn.toFixed(1)}, flipped by ${mirrored.toFixed(1)}`);
  await page.close();
});

// The demo photo padded with white, `pct` of its side each way, drawn as PNG by the browser.
async function paddedCopy(pct) {
  const png = fs.readFileSync(path.join(ROOT, 'demo/avatars/kwabena.png'));
  const scratch = await h.ctx.newPage();
  await scratch.goto(`chrome-extension://${h.extensionId}/ui/popup/popup.html`);
  const b64 = await scratch.evaluate(async ([src, share]) => {
    const bmp = await createImageBitmap(new Blob([Uint8Array.from(atob(src), (c) => c.charCodeAt(0))], { type: 'image/png' }));
    const pad = Math.round(bmp.width * share);
    const c = new OffscreenCanvas(bmp.width + 2 * pad, bmp.height + 2 * pad);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.drawImage(bmp, pad, pad);
    const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin);
  }, [png.toString('base64'), pct / 100]);
  await scratch.close();
  return Buffer.from(b64, 'base64');
}

test('a copy padded with white, in French: the outline on the copy is round the photo, not the padding', async () => {
  const fr = await launch({ lang: 'fr' });
  const saved = h;
  try {
    h = fr;
    await loadDemoList(fr);
    const body = await paddedCopy(15);
    const html = fs.readFileSync(path.join(ROOT, 'tests/e2e/fixtures/x/profile-jsonld.html'), 'utf8')
      .replaceAll('copy-kwabena-mirrored-badge.png', 'copy-kwabena-padded.png');
    await fr.ctx.route('https://x.com/KwabenaMensahTV?padded=1', (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await fr.ctx.route(/copy-kwabena-padded\.png$/, (r) => r.fulfill({ status: 200, contentType: 'image/png', body }));
    const page = await visit(fr, 'https://x.com/KwabenaMensahTV?padded=1');
    const region = await recordedRegion(page, 'KwabenaMensahTV');
    // Where the test put the photo: 15/130 of the side in from each edge.
    const inset = 15 / 130;
    for (const k of ['x', 'y']) assert.ok(Math.abs(region.profile[k] - inset) <= 0.03, JSON.stringify(region));
    for (const k of ['w', 'h']) assert.ok(Math.abs(region.profile[k] - (1 - 2 * inset)) <= 0.04, JSON.stringify(region));
    assert.equal(region.mirrored, false);
    const png = await saveImage(page, 'evidence-region-padded-fr', "Enregistrer l'image");
    assert.deepEqual(missingOutline(png, COLUMNS.profile, region.profile), [], 'the profile picture\'s outline');
    assert.deepEqual(missingOutline(png, COLUMNS.protected, region.protected), [], 'the protected picture\'s outline');
    await page.close();
  } finally {
    h = saved;
    await fr.close();
  }
});
