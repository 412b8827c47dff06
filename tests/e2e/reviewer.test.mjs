// End to end: the banner and badges as a reviewer handles them (issue 23, items 1 and 4): a banner that
// collapses, moves and closes and keeps its actions on screen; badge cards drawn above the page's cells,
// wrapped, pinned with actions; decisions that stay shown. Screenshots go to target/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, loadDemoList, visit, settle, shadowText, shadowClick, shadowBoxes, shadowClasses, bannerVerdict, until, tabRecord, annotationFrames, frameEvaluate, focusedAnnotation,
  screenshot, actionsInView, press, typeNote, privateValues, setPrivateValues, sendCommand, annotations, badgeLabels } from './harness.mjs';
import { timeline } from '../../scripts/timeline500.mjs';

const BANNER_ACTIONS = ['Copy for ticket', 'Copy image', 'Save image', 'Copy JSON', 'Impersonation confirmed', 'Not an impersonator', 'Needs escalation'];

let h;
before(async () => {
  h = await launch();
  await loadDemoList(h);
});
after(async () => h && h.close());

// The banner's host: the one annotation placed in the top layer that is not a card.
const bannerHost = (page) => page.evaluate(() => {
  const b = [...document.querySelectorAll('vipguard-annotation[popover]')].find((e) => e.style.position === 'fixed' && (e.style.right === '16px' || e.style.left === '16px'));
  if (!b) return null;
  const r = b.getBoundingClientRect();
  return { top: b.style.top, bottom: b.style.bottom, left: b.style.left, right: b.style.right, width: r.width, height: r.height };
});
const says = (page, words) => until(async () => (await shadowText(page)).includes(words), `"${words}" on the page`);
const folded = async (page) => (await shadowClasses(page)).some((c) => c.split(' ').includes('banner') && c.split(' ').includes('folded'));
// The banner's frame acts on a click or key after the page has seen it: waited for, not read at once.
const foldedIs = (page, want, what = `the banner ${want ? 'folded' : 'open'}`) => until(async () => (await folded(page)) === want, what, { timeout: 5000 });

test('the banner collapses to a pill and back, Escape collapses it, it moves to another corner (remembered), and closes for this profile', async () => {
  const page = await visit(h, 'https://x.com/KwabenaMensahGH');
  let host = await bannerHost(page);
  assert.deepEqual([host.top, host.right], ['72px', '16px']);
  await foldedIs(page, false, 'an impersonation opens with its evidence');
  const open = host.height;

  await shadowClick(page, 'Collapse to a pill');
  await foldedIs(page, true);
  host = await until(async () => { const b = await bannerHost(page); return b.height < 60 && b; }, 'the banner the size of a pill');
  assert.ok(host.height < open / 3, JSON.stringify(host));
  await shadowClick(page, 'Show the evidence: Impersonation');
  await foldedIs(page, false);
  // Focus is in the banner (on its collapse button): Escape folds it.
  await press(page, 'Escape');
  await foldedIs(page, true);
  await shadowClick(page, 'Show the evidence: Impersonation');
  await foldedIs(page, false);
  // The host takes the open banner's size once its frame has said so: before, its controls are cut off.
  await until(async () => (await bannerHost(page)).height > open / 2, 'the banner open again');

  // Playwright's own click in the frame: it waits until the button is where it is drawn and would take
  // the click (the open banner's controls shift once its frame has laid out at its new width).
  await annotationFrames(page, 'banner')[0].getByRole('button', { name: 'Move to another corner' }).click();
  host = await until(async () => { const b = await bannerHost(page); return b.bottom === '16px' && b; }, 'the banner moved');
  assert.deepEqual([host.bottom, host.right, host.top], ['16px', '16px', 'auto'], JSON.stringify(host));
  // The next profile's banner opens where the reviewer put the last one.
  const other = await visit(h, 'https://x.com/KwabenaMensahTV');
  host = await bannerHost(other);
  assert.deepEqual([host.bottom, host.right], ['16px', '16px'], JSON.stringify(host));
  await other.close();

  await shadowClick(page, 'Close for this profile');
  await until(async () => (await bannerHost(page)) === null, 'the banner closed');
  // The page changing under it (as X's pages always do) does not bring it back.
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('div'), { textContent: 'more' })));
  await page.waitForTimeout(1200);
  assert.equal(await bannerHost(page), null);
  await h.worker.evaluate(() => chrome.storage.local.remove('bannerCorner'));
  await page.close();
});

test('clear and own profiles get a compact pill; the protected account is named as such, without ticket tools', async () => {
  const clear = await visit(h, 'https://x.com/sarah_j');
  assert.equal(await bannerVerdict(clear), 'clear');
  await foldedIs(clear, true);
  await until(async () => (await bannerHost(clear)).height < 60, 'a pill');
  await clear.close();

  const own = await visit(h, 'https://x.com/AdaezeOkonkwo');
  assert.equal(await bannerVerdict(own), 'own');
  await foldedIs(own, true);
  await says(own, 'vipguard: this is the protected account');
  const text = await shadowText(own);
  assert.ok(!text.includes('Copy for ticket') && !text.includes('Impersonation confirmed') && !text.includes('Resembles'), text);
  await own.close();
});

test('the banner keeps its exports and decisions in view on a 1366×768 laptop and at 960 px, light and dark', async () => {
  for (const [width, height] of [[1366, 657], [960, 700]]) {
    for (const dark of [false, true]) {
      const page = await h.ctx.newPage();
      await page.setViewportSize({ width, height });
      // X's dark theme paints the body dark; the banner follows the page's background.
      if (dark) await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => { document.body.style.cssText = 'background:#15202b;color:#e7e9ea'; }));
      // The account with the most lookalike characters of the demo pages: the longest evidence.
      await visit(h, 'https://x.com/KwabenaMensahGH', { page });
      assert.ok((await shadowClasses(page)).some((c) => c.split(' ').includes('banner') && c.split(' ').includes(dark ? 'dark' : 'light')));
      await actionsInView(page, BANNER_ACTIONS);
      await screenshot(page, `banner-${width}-${dark ? 'dark' : 'light'}`);
      await page.close();
    }
  }
});

// X's own controls for the profile (the ⋯ menu, where Report is, Message and Follow) stay uncovered: at
// 960 px (half a screen, beside the ticket) and 1024 px the banner, in its corner, would sit on them; it
// starts below them instead, with its exports and decisions still in view, and takes the room back once
// the page scrolls them away. At 1366 px, where they are clear of it, it stays under the top bar.
const pageControls = (page) => page.evaluate(() => ['userActions', 'sendDMFromProfile', 'placementTracking']
  .map((id) => document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect().toJSON()));
const bannerBox = (page) => page.evaluate(() => [...document.querySelectorAll('vipguard-annotation[popover]')]
  .map((e) => e.getBoundingClientRect().toJSON()).find((r) => r.height > 30));
const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
test('the banner leaves X\'s ⋯ menu, Message and Follow uncovered at 960 and 1024 px, and takes the room back on scrolling', async () => {
  for (const [width, height] of [[960, 700], [1024, 700], [1366, 657]]) {
    const page = await h.ctx.newPage();
    await page.setViewportSize({ width, height });
    await visit(h, 'https://x.com/KwabenaMensahTV?actions', { page });
    await until(async () => (await bannerVerdict(page)) === 'impersonation', 'the banner');
    const controls = await pageControls(page);
    const box = await until(() => bannerBox(page), 'the banner drawn');
    for (const c of controls) assert.ok(!overlap(c, box), `at ${width} px the banner ${JSON.stringify(box)} covers ${JSON.stringify(c)}`);
    await actionsInView(page, BANNER_ACTIONS);
    await screenshot(page, `banner-page-controls-${width}`);
    if (width === 1366) {
      assert.equal(box.top, 72, 'moved down though nothing of the page\'s was under it');
    } else {
      // Scrolled until the controls are gone: the banner is back under the sites' top bar, taller.
      assert.ok(box.top > 72, JSON.stringify(box));
      await page.mouse.wheel(0, 600);
      await until(async () => (await bannerBox(page)).top === 72, 'the banner back under the top bar once the controls scrolled away');
      assert.ok((await bannerBox(page)).height > box.height);
      // Moved under the pointer: its frame was told, and waits to be seen again before a click decides.
      const moved = await frameEvaluate(annotationFrames(page, 'banner')[0], () => Number(document.documentElement.dataset.moved || 0));
      assert.ok(moved >= 1, `the frame was told of ${moved} moves`);
    }
    await page.close();
  }
});

// A point on the badge drawn in the cell whose name line shows `handle`.
const badgeOf = (page, handle) => page.evaluate((h) => {
  const host = [...document.querySelectorAll('vipguard-annotation:not([popover])')]
    .find((e) => e.closest('[data-testid="User-Name"]').textContent.includes(h));
  const r = host.getBoundingClientRect();
  return { x: r.x + 10, y: r.y + r.height / 2 };
}, handle);

test('a badge says its verdict, its card whom it resembles; the card is drawn above the next cells with its lines wrapped, pins with actions on click or Enter, closes on Escape', async () => {
  const page = await h.ctx.newPage();
  await page.setViewportSize({ width: 1366, height: 657 });
  await visit(h, 'https://x.com/home', { page, expect: 5 });
  // To assistive technology the badge says its verdict; not whom: the content script drawing it is not
  // told any protected account (issue 24), the card is (its dialog's label, below).
  const said = await shadowText(page);
  assert.ok(said.includes('vipguard: Impersonation') && !said.includes('resembles Ibrahima Diallo'), said.slice(0, 300));
  const badge = await badgeOf(page, '@lbrahimaDiallo');
  await page.mouse.move(badge.x, badge.y);
  await until(async () => annotationFrames(page, 'card').length, 'the card frame');
  await until(() => frameEvaluate(annotationFrames(page, 'card')[0], () => document.querySelector('.box')?.getAttribute('aria-label')).catch(() => null)
    .then((l) => l === 'vipguard: Impersonation, resembles Ibrahima Diallo'), 'the card\'s dialog names the account it resembles');
  const card = await until(() => page.evaluate(() => {
    const c = [...document.querySelectorAll('vipguard-annotation[popover]')].find((e) => e.style.top && e.style.left && e.style.visibility !== 'hidden' && e.style.left !== 'auto');
    if (!c) return null;
    const r = c.getBoundingClientRect();
    // What the window shows at points across the card: the card itself, not the cells under it.
    const points = [[0.5, 0.5], [0.1, 0.9], [0.9, 0.9], [0.9, 0.1]].map(([fx, fy]) => document.elementFromPoint(r.x + r.width * fx, r.y + r.height * fy));
    return { x: r.x, y: r.y, width: r.width, height: r.height, onTop: points.every((e) => e === c), w: innerWidth, h: innerHeight };
  }), 'the card on hover');
  assert.ok(card.onTop, `the card is painted above the page: ${JSON.stringify(card)}`);
  assert.ok(card.width <= 360 && card.x >= 0 && card.x + card.width <= card.w && card.y + card.height <= card.h, JSON.stringify(card));
  // Every line of evidence wraps inside the card (none runs past its edge).
  const lines = (await shadowBoxes(page, { tag: 'LI' })).filter((b) => b.rendered && b.y >= card.y && b.y < card.y + card.height);
  assert.ok(lines.length >= 3, JSON.stringify(lines));
  for (const l of lines) assert.ok(l.x + l.width <= card.x + card.width, `${l.text.slice(0, 40)} runs past the card`);
  assert.ok(!(await shadowText(page)).includes('Copy for ticket'), 'hover shows the evidence only');
  await screenshot(page, 'badge-card-hover');

  await page.mouse.click(badge.x, badge.y);
  await says(page, 'Copy for ticket');
  assert.ok(page.url().endsWith('/home'), 'the click opened the card, not the cell under it');
  await screenshot(page, 'badge-card-pinned');
  await press(page, 'Escape');
  await until(async () => !annotationFrames(page, 'card').length, 'the card to close');
  assert.equal(await focusedAnnotation(page), 'badge',
    'focus goes back to the badge');
  // Keyboard: Enter on the focused badge pins the card with its actions.
  await press(page, 'Enter');
  await says(page, 'Copy for ticket');
  await press(page, 'Escape');
  await until(async () => !annotationFrames(page, 'card').length, 'the card to close');
  // The pinned card at a laptop's 960 px, in the dark theme (the screenshots the issue asks to look at).
  await page.setViewportSize({ width: 960, height: 768 });
  await page.emulateMedia({ colorScheme: 'dark' });
  const small = await badgeOf(page, '@lbrahimaDiallo');
  await page.mouse.click(small.x, small.y);
  await says(page, 'Copy for ticket');
  await screenshot(page, 'badge-card-pinned-960-dark');
  await page.close();
});

test('decisions stick: shown again after a reload, on the account\'s badges elsewhere and in the popup; undo restores the one before', async () => {
  const page = await visit(h, 'https://x.com/KwabenaMensahGH');
  await typeNote(page, 'SEC-9');
  await shadowClick(page, 'Impersonation confirmed');
  await says(page, 'Recorded: impersonation confirmed.');
  await says(page, 'Your decision: Impersonation confirmed');
  const pressed = await shadowBoxes(page, { label: 'Impersonation confirmed' });
  assert.equal(pressed[0].attributes['aria-pressed'], 'true');

  await page.reload();
  await settle(page);
  await says(page, 'Your decision: Impersonation confirmed');
  await says(page, '“SEC-9”');

  // The same account in a reply thread: its badge carries the mark, its card the decision.
  const replies = await visit(h, 'https://x.com/KwabenaMensah/status/1861234567890', { expect: 2 });
  await until(async () => (await shadowClasses(replies)).some((c) => c.split(' ').includes('badge') && c.split(' ').includes('decided')), 'the decided mark on the badge');
  const rec = await until(() => tabRecord(h, replies), 'the replies page record');
  const item = rec.items.find((i) => i.handle === 'KwabenaMensahGH');
  assert.equal(item.decision.decision, 'confirmed');
  const tabId = await h.worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u).id, replies.url());
  const popup = await h.ctx.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/ui/popup/popup.html?tab=${tabId}`);
  await popup.locator('tr', { hasText: '@KwabenaMensahGH' }).filter({ hasText: 'Your decision: Impersonation confirmed' }).waitFor();
  await popup.close();
  await replies.close();

  // A later decision stands over the earlier one, which stays in the history; undo brings it back.
  await shadowClick(page, 'Needs escalation');
  await says(page, 'Your decision: Needs escalation');
  await says(page, 'Before that: Impersonation confirmed');
  await shadowClick(page, 'Undo “Needs escalation”');
  await says(page, 'Your decision: Impersonation confirmed');
  await shadowClick(page, 'Undo “Impersonation confirmed”');
  await until(async () => !(await shadowText(page)).includes('Your decision'), 'no decision left');
  await page.close();
});

// Third red team: the banner's check after a decision read the profile's avatar with no site to check
// its address against, so the avatar was refused, and the avatar's evidence left the banner (and its
// score fell) as soon as the reviewer decided.
test('after a decision the banner still shows the avatar\'s evidence', async () => {
  const page = await visit(h, 'https://x.com/KwabenaMensahTV');
  const avatarLine = "avatar is a copy of Kwabena Mensah's protected photo";
  await says(page, avatarLine);
  await shadowClick(page, 'Needs escalation');
  await says(page, 'Your decision: Needs escalation');
  assert.ok((await shadowText(page)).includes(avatarLine), await shadowText(page));
  await shadowClick(page, 'Undo “Needs escalation”');
  await until(async () => !(await shadowText(page)).includes('Your decision'), 'no decision left');
  assert.ok((await shadowText(page)).includes(avatarLine), await shadowText(page));
  await page.close();
});

// The avatar's verdict comes after the text's and draws the banner again: the last CI run lost a note
// typed in between ("SEC-77" recorded without it). The profile here shows its avatar from an address of
// its own, the worker's fetch of it held until the note is half typed (the page's own <img> is answered).
test('a note being typed survives the avatar\'s verdict arriving: its words, its focus and its caret', async () => {
  const held = [];
  const picture = 'https://pbs.twimg.com/profile_images/noted/copy-kwabena-mirrored-badge.png';
  const fixture = fs.readFileSync(path.join(import.meta.dirname, 'fixtures/x/profile-jsonld.html'), 'utf8');
  assert.ok(fixture.includes('/profile_images/demo/copy-kwabena-mirrored-badge.png'));
  await h.ctx.route('https://x.com/KwabenaMensahTV?noted', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8',
    body: fixture.replaceAll('/profile_images/demo/', '/profile_images/noted/') }));
  await h.ctx.route(/^https:\/\/pbs\.twimg\.com\/profile_images\/noted\//, (route) => (route.request().serviceWorker() ? held.push(route) : route.fallback()));
  const page = await visit(h, 'https://x.com/KwabenaMensahTV?noted');
  await says(page, 'Impersonation confirmed');
  await until(() => held.length, 'the worker asking for the avatar');
  await typeNote(page, 'SEC-4');
  await press(page, 'ArrowLeft');
  const avatarLine = "avatar is a copy of Kwabena Mensah's protected photo";
  assert.ok(!(await shadowText(page)).includes(avatarLine), 'the avatar\'s verdict not in yet');
  for (const r of held.splice(0)) await r.fallback();
  await says(page, avatarLine);
  const input = () => frameEvaluate(annotationFrames(page, 'banner')[0], () => {
    const e = document.querySelector('.decide input');
    return { value: e.value, focused: document.activeElement === e, caret: e.selectionStart };
  });
  assert.deepEqual(await input(), { value: 'SEC-4', focused: true, caret: 4 });
  await page.keyboard.type('1');
  await shadowClick(page, 'Needs escalation');
  await says(page, 'Your decision: Needs escalation');
  await says(page, '“SEC-14”');
  await shadowClick(page, 'Undo “Needs escalation”');
  await until(async () => !(await shadowText(page)).includes('Your decision'), 'no decision left');
  await h.ctx.unroute(/^https:\/\/pbs\.twimg\.com\/profile_images\/noted\//);
  await page.close();
});

test('the focus-banner command puts keyboard focus in the banner, expanding it', async () => {
  const manifest = await h.worker.evaluate(() => chrome.runtime.getManifest().commands);
  assert.ok(manifest['focus-banner'] && manifest['focus-banner'].suggested_key, JSON.stringify(manifest));
  const page = await visit(h, 'https://x.com/sarah_j');
  await foldedIs(page, true);
  await sendCommand(h, page, 'focus-banner');
  await until(async () => (await focusedAnnotation(page)) === 'banner',
    'focus in the banner');
  await foldedIs(page, false);
  await page.close();
});

// The options page's Language setting: `choose(label, value, heading)` picks `value` in the field labelled
// `label` (in the page's language) and waits until the page is drawn again under `heading`, its controls
// wired (once it is ready, ui/page-ready.js, after loading the WASM package).
async function languageSetting() {
  const opts = await h.ctx.newPage();
  await opts.goto(`chrome-extension://${h.extensionId}/ui/options/options.html`);
  const wired = () => opts.locator('body[data-ready]').waitFor();
  await wired();
  const choose = async (label, value, heading) => {
    await opts.getByLabel(label).selectOption(value);
    await opts.getByRole('heading', { name: heading }).waitFor();
    await wired();
  };
  return { opts, choose };
}
// How many of the page's badges are labelled in English ("vipguard: …") and in French ("vipguard : …"):
// their own labels only. Counted in all the annotations' words, a card open under the pointer (its title
// reads "vipguard : Usurpation") made 301 of 300 badges, and the wait for 300 never ended (relabel38).
async function badgeWords(page) {
  const all = await badgeLabels(page);
  return { en: all.filter((l) => l.startsWith('vipguard: ')).length, fr: all.filter((l) => l.startsWith('vipguard\u00a0: ')).length };
}
const allFrench = (page, n) => async () => { const w = await badgeWords(page); return w.fr === n && w.en === 0 && w; };
const FRENCH_HEADING = /vipguard\s:\scomptes protégés et réglages/;
const ENGLISH_HEADING = 'vipguard: protected accounts and settings';
// `fn` run once French is chosen in the options (`page` brought to the front again), then back to the
// browser's language, whatever `fn` did.
async function inFrench(page, fn) {
  const { opts, choose } = await languageSetting();
  try {
    await choose(/^Language/, 'fr', FRENCH_HEADING);
    await page.bringToFront();
    await fn();
  } finally {
    await choose(/^Langue/, '', ENGLISH_HEADING);
    await opts.close();
  }
}

test('the language setting: French in an English browser, for the options page, the banner and the engine\'s evidence; then Pidgin, evidence too; back to the browser\'s', async () => {
  const { opts, choose } = await languageSetting();
  await choose(/^Language/, 'fr', FRENCH_HEADING);
  assert.equal(await opts.evaluate(() => document.documentElement.lang), 'fr');
  const page = await visit(h, 'https://x.com/KwabenaMensahGH');
  await until(async () => (await shadowText(page)).includes('Usurpation d'), 'the banner in French');
  await says(page, "est l'identifiant protégé @KwabenaMensah"); // the engine's own sentence
  assert.match(await shadowText(page), /score 0,\d\d/, 'a decimal comma');
  await page.close();
  // Nigerian Pidgin, from its own catalogue (browsers have no Pidgin locale); the engine's evidence in
  // Pidgin too (the catalogue's engineLang, pcm), with nothing of the English or French sentences left.
  await choose(/^Langue/, 'pcm', 'vipguard: di accounts wey we dey protect, plus settings');
  const naija = await visit(h, 'https://x.com/KwabenaMensahGH');
  await says(naija, 'Na impersonation');
  await says(naija, 'Copy am for ticket');
  await says(naija, 'Handle @KwabenaMensahGH na di protected handle @KwabenaMensah, dem add “gh”');
  await says(naija, 'Di display name “Кwabena Мensah” read di same as di protected name “Kwabena Mensah”');
  const naijaText = await shadowText(naija);
  for (const english of ['is the protected handle', 'reads as the protected name', "est l'identifiant protégé"]) {
    assert.ok(!naijaText.includes(english), `"${english}" left in ${naijaText.slice(0, 600)}`);
  }
  await naija.close();
  await choose('Language', '', ENGLISH_HEADING);
  await opts.close();
});

// Issue 23: a banner already on screen stayed in the old language until the page was checked again.
// The profile stays open while the language changes in the options, both ways.
test('another language chosen: the open banner is drawn again in it, the engine\'s evidence too, without a reload', async () => {
  const page = await visit(h, 'https://x.com/KwabenaMensahGH');
  await says(page, 'is the protected handle @KwabenaMensah');
  const { opts, choose } = await languageSetting();
  await choose(/^Language/, 'fr', FRENCH_HEADING);
  await says(page, "est l'identifiant protégé @KwabenaMensah");
  await says(page, 'Copier pour le ticket');
  const french = await shadowText(page);
  for (const english of ['is the protected handle', 'Copy for ticket', 'Impersonation confirmed']) {
    assert.ok(!french.includes(english), `"${english}" left in ${french.slice(0, 600)}`);
  }
  await choose(/^Langue/, '', ENGLISH_HEADING);
  await says(page, 'is the protected handle @KwabenaMensah');
  await says(page, 'Copy for ticket');
  assert.ok(!(await shadowText(page)).includes("est l'identifiant"), await shadowText(page));
  await opts.close();
  await page.close();
});

// review34: what was not on screen when the language changed kept the old one: the banner's frame made
// ahead on a list for the next profile (English buttons around French evidence), and the badges (their
// labels drawn in the old words).
test('another language chosen on a list: its badges, a badge\'s card, then the next profile\'s banner (its frame made ahead), are in it', async () => {
  const page = await visit(h, 'https://x.com/KwabenaMensah/followers', { expect: 2 });
  await until(async () => annotationFrames(page, 'banner').length === 1, 'the banner\'s frame made ahead');
  const badges = () => page.evaluate(() => [...document.querySelectorAll('vipguard-annotation:not([popover])')]
    .filter((e) => e.getBoundingClientRect().width > 0).map((e) => { const r = e.getBoundingClientRect(); return { x: r.x + 10, y: r.y + r.height / 2 }; }));
  await says(page, 'vipguard: Impersonation');
  await inFrench(page, async () => {
    await says(page, "vipguard\u00a0: Usurpation d'identité");
    assert.ok(!(await shadowText(page)).includes('vipguard: Impersonation'), await shadowText(page));
    const cardText = async () => {
      const [card] = annotationFrames(page, 'card');
      return card ? frameEvaluate(card, () => document.body.textContent).catch(() => '') : '';
    };
    await until(async () => {
      const [b] = await badges();
      await page.mouse.move(0, 0);
      await page.mouse.move(b.x, b.y);
      return (await cardText()).includes("L'identifiant @");
    }, 'a card with the engine\'s French');
    assert.ok(!(await cardText()).includes('Handle @'), await cardText());
    await page.mouse.move(0, 0);
    // X opens a profile from the list in place: the frame made ahead draws it, in French.
    await page.evaluate(async (path) => {
      const doc = new DOMParser().parseFromString(await (await fetch(path)).text(), 'text/html');
      history.pushState({}, '', path);
      document.body.replaceWith(document.adoptNode(doc.body));
    }, '/KwabenaMensahGH');
    await says(page, "est l'identifiant protégé @KwabenaMensah");
    await says(page, 'Copier pour le ticket');
    assert.ok(!(await shadowText(page)).includes('Copy for ticket'), await shadowText(page));
  });
  await page.close();
});

// tidy23: another language, or a decision, re-checks every account on the page, and each answer comes
// with new tokens for the badges' cards; the worker kept a tab's latest 100 (now each account's latest
// two checks', worker/token-keep.js). On a list of 70 flagged accounts the tokens of the first check and of
// the second add up to 140: the card of an early row must still show its evidence, not "this annotation
// has expired".
const FLAGGED70 = 'https://x.com/home?flagged70';
async function flagged70() {
  await h.ctx.route(FLAGGED70, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: timeline(70, undefined, 1) }));
  const page = await visit(h, FLAGGED70, { expect: 70 });
  assert.equal((await annotations(page)).filter((a) => a.kind === 'badge').length, 70, 'every row flagged');
  // What the first row's card shows when the pointer is on its badge.
  const firstCard = async () => {
    const first = await badgeOf(page, '@KwabenaMensah0');
    await page.mouse.move(first.x, first.y);
    return until(async () => {
      const [f] = annotationFrames(page, 'card');
      const text = f ? await frameEvaluate(f, () => (document.querySelector('.box') ? document.body.textContent : '')).catch(() => '') : '';
      return text || null;
    }, 'the first row\'s card drawn');
  };
  return { page, firstCard, done: () => h.ctx.unroute(FLAGGED70) };
}

test('another language chosen on a list of 70 flagged accounts: an early row\'s card still shows its evidence', async () => {
  const { page, firstCard, done } = await flagged70();
  try {
    await inFrench(page, async () => {
      await until(allFrench(page, 70), 'every badge drawn again in French', { timeout: 30000 });
      const card = await firstCard();
      assert.ok(!card.includes('expired'), card.slice(0, 300));
      assert.ok(card.includes("L'identifiant @KwabenaMensah0"), card.slice(0, 300));
    });
  } finally {
    await done();
  }
  await page.close();
});

test('a decision on a list of 70 flagged accounts: an early row\'s card still shows its evidence', async () => {
  const { page, firstCard, done } = await flagged70();
  try {
    // The second row's card, pinned: a decision on it (the worker tells the tab, which checks every row again).
    const second = await badgeOf(page, '@AdaezeOkonkwo_1');
    await page.mouse.click(second.x, second.y);
    await says(page, 'Needs escalation');
    await shadowClick(page, 'Needs escalation');
    await says(page, 'Your decision: Needs escalation');
    await page.mouse.click(5, 5); // outside the card and the list: the card closes
    await until(async () => !annotationFrames(page, 'card').length, 'the card to close');
    // Its badge drawn again with the decided mark: the page's second check has answered.
    await until(async () => (await shadowClasses(page)).some((c) => c.split(' ').includes('badge') && c.split(' ').includes('decided')), 'the decided mark on the badge');
    const card = await firstCard();
    assert.ok(!card.includes('expired'), card.slice(0, 300));
    assert.ok(card.includes('Handle @KwabenaMensah0'), card.slice(0, 300));
  } finally {
    await done();
  }
  await page.close();
});

// token23 (issue 23): a page of more than 100 flagged accounts (a long followers list, a viral post's
// replies). The worker kept a tab's latest 100 tokens (worker/frames.js), and the first rows' cards said
// "this annotation has expired: reload the page"; it now keeps each account's latest tokens. 300 flagged
// rows: all badged, and the first and the last card show their evidence, after a decision on another
// row (the page checked again) and after another language too.
const FLAGGED300 = 'https://x.com/home?flagged300';
// Where the badge of `handle` is, scrolled into view, no card open.
async function inView(page, handle) {
  await page.mouse.click(5, 5); // outside any card: the one open closes
  await until(async () => !annotationFrames(page, 'card').length, 'no card open');
  await page.evaluate(async (h) => {
    [...document.querySelectorAll('vipguard-annotation:not([popover])')]
      .find((e) => e.closest('[data-testid="User-Name"]').textContent.includes(h)).scrollIntoView({ block: 'center' });
    // The scroll event comes with the next frames, and closes a card opened before it.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, handle);
  return badgeOf(page, handle);
}
// What the card of `handle`'s badge shows with the pointer on it (scrolled into view first).
async function cardOf(page, handle) {
  const b = await inView(page, handle);
  await page.mouse.move(b.x, b.y);
  return until(async () => {
    const [f] = annotationFrames(page, 'card');
    const text = f ? await frameEvaluate(f, () => (document.querySelector('.box') ? document.body.textContent : '')).catch(() => '') : '';
    return text || null;
  }, `the card of ${handle} drawn`);
}

test('a list of 300 flagged accounts: every row badged, the first and the last card show their evidence after a decision and after another language', async () => {
  await h.ctx.route(FLAGGED300, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: timeline(300, undefined, 1) }));
  const page = await h.ctx.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  const ends = ['@KwabenaMensah0', '@lbrahimaDiallo299'];
  const evidence = async (when) => {
    for (const handle of ends) {
      const card = await cardOf(page, handle);
      assert.ok(!card.includes('expired') && card.includes(handle), `${when}, ${handle}: ${card.slice(0, 300)}`);
      // The card's title in the language of the badges (no longer counted with them: badgeWords).
      const title = when === 'in French' ? 'vipguard\u00a0: ' : 'vipguard: ';
      assert.ok(card.includes(title), `${when}, ${handle}: no "${title}" in ${card.slice(0, 300)}`);
    }
  };
  try {
    await visit(h, FLAGGED300, { page, expect: 300 });
    assert.equal((await annotations(page)).filter((a) => a.kind === 'badge').length, 300, 'every row flagged');
    await evidence('first drawn');
    // What the tab's tokens hold in session storage (docs/extension.md, "Badge tokens on a long list").
    const held = await h.worker.evaluate(async (u) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u).id;
      const all = await chrome.storage.session.get(null);
      const keys = Object.keys(all).filter((k) => k.startsWith(`frame:${tab}:`));
      return { tokens: keys.length, bytes: await chrome.storage.session.getBytesInUse(keys),
        index: await chrome.storage.session.getBytesInUse(`frames:${tab}`),
        json: keys.reduce((n, k) => n + k.length + JSON.stringify(all[k]).length, 0) };
    }, page.url());
    console.log(`300 flagged rows: ${held.tokens} tokens, ${held.bytes} bytes in use in session storage (${held.json} of JSON), index ${held.index} bytes`);
    // And of 1,000 and 5,000 such tokens (copies of these records, under a tab id no tab has, then removed):
    // what a page of that many flagged accounts would hold.
    const copies = await h.worker.evaluate(async (u) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u).id;
      const all = await chrome.storage.session.get(null);
      const records = Object.keys(all).filter((k) => k.startsWith(`frame:${tab}:`)).map((k) => all[k]);
      const out = {};
      for (const n of [1000, 5000]) {
        const made = {};
        for (let i = 0; i < n; i++) {
          const r = records[i % records.length];
          made[`frame:999999:${crypto.randomUUID()}`] = { ...r, profile: { ...r.profile, handle: `${r.profile.handle}_${i}` } };
        }
        const before = await chrome.storage.session.getBytesInUse(null);
        try {
          await chrome.storage.session.set(made);
          out[n] = (await chrome.storage.session.getBytesInUse(null)) - before;
        } catch (e) {
          out[n] = `not stored: ${e.message}`;
        }
        await chrome.storage.session.remove(Object.keys(made));
      }
      return out;
    }, page.url());
    console.log(`copies of these tokens: 1,000 take ${copies[1000]} bytes in use, 5,000 ${copies[5000]}`);
    // The tab's record (worker/tab-record.js): what it holds of the 300 rows, and what a record of 1,000
    // such accounts would take (copies of its items under a tab id no tab has, then removed; docs/extension.md).
    const record = await h.worker.evaluate(async (u) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u).id;
      const rec = (await chrome.storage.session.get(`tab:${tab}`))[`tab:${tab}`];
      const items = Array.from({ length: 1000 }, (_, i) => ({ ...rec.items[i % rec.items.length], handle: `${rec.items[i % rec.items.length].handle}_${i}` }));
      const before = await chrome.storage.session.getBytesInUse(null);
      let thousand;
      try {
        await chrome.storage.session.set({ 'tab:999999': { ...rec, items } });
        thousand = (await chrome.storage.session.getBytesInUse(null)) - before;
      } finally {
        await chrome.storage.session.remove('tab:999999');
      }
      const json = JSON.stringify({ ...rec, items }).length;
      return { third: rec.items.some((i) => i.handle.toLowerCase() === 'lbrahimadiallo2'), items: rec.items.length, bytes: await chrome.storage.session.getBytesInUse(`tab:${tab}`), json: JSON.stringify(rec).length, thousand, thousandJson: json };
    }, page.url());
    // The third row must be past the record, or the decision below would not test the token path.
    assert.ok(record.items < 300 && !record.third, `the third row is in the tab's record (${record.items} items): the row below no longer tests a decision past it`);
    console.log(`the tab's record: ${record.items} of 300 accounts, ${record.bytes} bytes in use (${record.json} of JSON); 1,000 such accounts: ${record.thousand} bytes in use (${record.thousandJson} of JSON)`);
    // A decision on the third row, then on the last (the worker tells the tab, which checks every row
    // again); each badge is then drawn again with the decided mark. The third row is past the tab's record
    // (its latest 256 KB of accounts, worker/tab-record.js, about 250 such rows): before record23 its
    // decision was refused ("x:lbrahimaDiallo2 was not checked on this tab's page"); it is now bound by
    // the token its badge still holds (frames.js shownBy).
    const decided = async () => (await shadowClasses(page)).filter((c) => c.split(' ').includes('badge') && c.split(' ').includes('decided')).length;
    for (const handle of ['@lbrahimaDiallo2', '@lbrahimaDiallo299']) {
      const before = await decided();
      const row = await inView(page, handle);
      await page.mouse.click(row.x, row.y);
      await says(page, 'Needs escalation');
      await shadowClick(page, 'Needs escalation');
      await until(async () => {
        const text = await shadowText(page);
        if (text.includes('not checked on this tab')) throw new Error(`${handle}: the decision was refused: ${text.slice(text.indexOf('not checked') - 60, text.indexOf('not checked') + 40)}`);
        return text.includes('Your decision: Needs escalation');
      }, `${handle}: the decision shown`);
      await page.mouse.click(5, 5);
      await until(async () => !annotationFrames(page, 'card').length, 'the card to close');
      await until(async () => (await decided()) > before, `${handle}: the decided mark on the badge`);
    }
    await evidence('after a decision');
    await inFrench(page, async () => {
      await until(allFrench(page, 300), 'every badge drawn again in French', { timeout: 120000 });
      await evidence('in French');
    });
    await page.mouse.move(5, 5);
  } finally {
    await h.ctx.unroute(FLAGGED300);
  }
  await page.close();
});

// relabel38 (issue 23), found while looking into the 300-row test's time-out above: a check asked before
// the reviewer chose French, answered after the page was asked again in French, was drawn in the browser's
// words (the old ones dropped, the new not yet come), and the French answer, the same verdicts and marks,
// only retokened those badges: they stayed in English for good. Here that order is made certain: the
// worker's writing of the tokens (frames.js issue, one check at a time) is held while the page is asked
// again, then French is chosen and the page asked again in it.
const RELABEL = 'https://x.com/home?relabel';
// The worker's work held by a test (globalThis.vgHold: {on, waiting, restore}), let go and put back as it was.
const release = () => h.worker.evaluate(async () => {
  const g = globalThis.vgHold;
  if (!g) return;
  g.on = false;
  g.waiting.splice(0).forEach((go) => go());
  globalThis.vgHold = null;
  await g.restore();
});
// Let go of the held work; then every badge is to be drawn again in French.
const releasedInFrench = async (page, rows) => {
  await release();
  await until(allFrench(page, rows), 'every badge drawn again in French', { timeout: 30000 });
};
// After a test that held the worker's work in French: let go, back to the browser's language. A worker
// restarted meanwhile has no hold left and the evaluate throws: told, not thrown (from a `finally`, it
// would hide the test's own failure). A failed switch back to English fails the test: later tests would
// run in French. The label matches either language (the test may have failed before French was chosen).
const backFromHold = async (opts, choose) => {
  await release().catch((e) => console.warn('relabel38: the worker\'s hold not let go:', e.message));
  try {
    await choose(/^(Language|Langue)/, '', ENGLISH_HEADING);
  } finally {
    await opts.close();
  }
};
test('a check asked before another language, answered after the page was asked again in it, leaves no badge in the old language', async () => {
  const rows = 12;
  await h.ctx.route(RELABEL, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: timeline(rows, undefined, 1) }));
  const page = await h.ctx.newPage();
  const held = () => h.worker.evaluate(() => ({ waiting: globalThis.vgHold.waiting.length, checks: globalThis.vgHold.checks }));
  const { opts, choose } = await languageSetting();
  try {
    await visit(h, RELABEL, { page, expect: rows });
    assert.deepEqual(await badgeWords(page), { en: rows, fr: 0 }, 'every badge in English first');
    // Test-only, in the worker: a write of a tab's token index waits while `on`; this page's checks are
    // counted (a listener of the test's own, beside the worker's; taken off with the hold).
    await h.worker.evaluate((u) => {
      const area = chrome.storage.session;
      const set = area.set;
      const listen = (m, sender) => {
        if (m && m.type === 'check' && sender.tab && sender.tab.url === u) g.checks.push({ wantMessages: !!m.wantMessages, profiles: m.profiles.length });
      };
      const g = globalThis.vgHold = { on: true, waiting: [], checks: [], restore: () => {
        area.set = set;
        chrome.runtime.onMessage.removeListener(listen);
      } };
      area.set = function (items, ...rest) {
        if (!g.on || !Object.keys(items || {}).some((k) => k.startsWith('frames:'))) return set.call(area, items, ...rest);
        return new Promise((go) => g.waiting.push(go)).then(() => set.call(area, items, ...rest));
      };
      chrome.runtime.onMessage.addListener(listen);
    }, RELABEL);
    // The page asked again in English (as after a decision): its answer held.
    await h.worker.evaluate(async (u) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u).id;
      await chrome.tabs.sendMessage(tab, { type: 'vipguard-decided' }).catch(() => {});
    }, page.url());
    await until(async () => (await held()).waiting >= 1, 'the English check held at its tokens');
    assert.deepEqual((await held()).checks, [{ wantMessages: false, profiles: rows }]);
    // French: the page is asked again, and asks for the words (its answer waits behind the English one).
    await choose(/^Language/, 'fr', FRENCH_HEADING);
    await page.bringToFront();
    await until(async () => (await held()).checks.some((c) => c.wantMessages), 'the page asked again in French');
    await releasedInFrench(page, rows);
  } finally {
    try {
      await backFromHold(opts, choose);
    } finally {
      await page.close();
      await h.ctx.unroute(RELABEL);
    }
  }
});

// relabel38: the answer that brings the words may come after its avatar round's (which redraws the rows
// whose verdict the avatars changed): those rows were drawn in the browser's words, and the answer then
// skipped them (relabel38 drew them again; relabel38b leaves them to the answer, with no English flash).
// Here, on a page opened once French is chosen, the answer is held (its reading of the banner's corner,
// worker/view-settings.js, which the avatar round does not wait for) until the avatar round has reached
// the page for every row.
const WORDS_LATE = 'https://x.com/home?wordsLate';
test('an avatar round before the answer that brings the words leaves its rows to that answer, drawn in them', async () => {
  const rows = 9;
  const pictures = ['kwabena', 'adaeze', 'ibrahima']; // the accounts the timeline's rows impersonate, in turn
  await h.ctx.route(WORDS_LATE, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8',
    body: timeline(rows, (i) => `https://pbs.twimg.com/profile_images/late${i}/${pictures[i % 3]}.png`, 1) }));
  const { opts, choose } = await languageSetting();
  let page = null;
  try {
    // Test-only, in the worker: a read of the banner's corner waits while `on`; the corner is written (then
    // put back), so that the worker reads it again with the next check. The rows of this page's avatar
    // rounds are counted once the page has been given them (its listener has run).
    await h.worker.evaluate(async (u) => {
      const area = chrome.storage.local;
      const get = area.get;
      const send = chrome.tabs.sendMessage;
      const { bannerCorner: corner } = await get.call(area, 'bannerCorner');
      const g = globalThis.vgHold = { on: true, waiting: [], updated: 0, restore: async () => {
        area.get = get;
        chrome.tabs.sendMessage = send;
        if (corner === undefined) await area.remove('bannerCorner');
        else await area.set({ bannerCorner: corner });
      } };
      area.get = function (keys, ...rest) {
        if (!g.on || keys !== 'bannerCorner') return get.call(area, keys, ...rest);
        return new Promise((go) => g.waiting.push(go)).then(() => get.call(area, keys, ...rest));
      };
      chrome.tabs.sendMessage = function (tab, m, ...rest) {
        const sent = send.call(chrome.tabs, tab, m, ...rest);
        if (m && m.type === 'vipguard-update' && m.url === u) sent.then(() => { g.updated += m.changes.length; }, () => {});
        return sent;
      };
      await area.set({ bannerCorner: corner === 'bottom-left' ? 'top-left' : 'bottom-left' });
    }, WORDS_LATE);
    await choose(/^Language/, 'fr', FRENCH_HEADING);
    page = await h.ctx.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(WORDS_LATE);
    // The avatar round reached the page for every row while the answer waited; it drew none of them in
    // the browser's words (English), leaving them to the answer (before relabel38b: all 9 in English).
    await until(async () => (await h.worker.evaluate(() => globalThis.vgHold.updated)) >= rows, 'the avatar round given to the page', { timeout: 30000 });
    assert.ok(await h.worker.evaluate(() => globalThis.vgHold.waiting.length) >= 1, 'the answer held');
    assert.deepEqual(await badgeWords(page), { en: 0, fr: 0 }, 'no badge drawn before the words came');
    await releasedInFrench(page, rows);
  } finally {
    try {
      await backFromHold(opts, choose);
    } finally {
      if (page) await page.close();
      await h.ctx.unroute(WORDS_LATE);
    }
  }
});

// record23 (a review finding of token23): a page checked again hands each badge drawn its newer token
// (annotate.js retoken). main.js took the first badge inside the row for the row's own; once the page had
// removed the row's badge and another account's badge was inside the row (a quoted post's author; here
// the page moved the second row's badge there), that badge was given the first row's token, and its card
// showed the first row's account. It now retokens the badge it drew for that row (main.js `badges`).
const MOVED = 'https://x.com/home?moved';
test('a badge the page moved into another row whose own badge it removed keeps its account\'s card after the page is checked again', async () => {
  await h.ctx.route(MOVED, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: timeline(6, undefined, 1) }));
  const page = await h.ctx.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  try {
    await visit(h, MOVED, { page, expect: 6 });
    // The page puts @AdaezeOkonkwo_1's badge where @KwabenaMensah0's is, and removes the latter.
    await page.evaluate(() => {
      const hosts = [...document.querySelectorAll('vipguard-annotation:not([popover])')];
      const of = (h) => hosts.find((e) => e.closest('[data-testid="User-Name"]').textContent.includes(h));
      const [first, second] = [of('@KwabenaMensah0'), of('@AdaezeOkonkwo_1')];
      first.before(second);
      first.remove();
      window.vgMoved = second;
    });
    // A decision on the third row: the tab checks every row again, and each badge drawn gets a newer token.
    const decided = async () => (await shadowClasses(page)).filter((c) => c.split(' ').includes('badge') && c.split(' ').includes('decided')).length;
    const row = await badgeOf(page, '@lbrahimaDiallo2');
    await page.mouse.click(row.x, row.y);
    await says(page, 'Needs escalation');
    await shadowClick(page, 'Needs escalation');
    await says(page, 'Your decision: Needs escalation');
    await page.mouse.click(5, 5);
    await until(async () => !annotationFrames(page, 'card').length, 'the card to close');
    await until(async () => (await decided()) > 0, 'the decided mark on the badge');
    // The moved badge's card: still its own account's.
    const at = await page.evaluate(() => { const r = window.vgMoved.getBoundingClientRect(); return { x: r.x + 10, y: r.y + r.height / 2 }; });
    await page.mouse.move(at.x, at.y);
    const card = await until(async () => {
      const [f] = annotationFrames(page, 'card');
      return f ? await frameEvaluate(f, () => (document.querySelector('.box') ? document.body.textContent : '')).catch(() => '') : '';
    }, 'the moved badge\'s card drawn');
    assert.ok(card.includes('@AdaezeOkonkwo_1') && !card.includes('@KwabenaMensah0'), card.slice(0, 300));
    await page.mouse.move(5, 5);
  } finally {
    await h.ctx.unroute(MOVED);
  }
  await page.close();
});

// tidy23: the status line saying what was just copied was carried over into the banner drawn in the new
// language (frame.js load), and stayed in the old one until the next action.
test('another language chosen after Copy for ticket: the status line is not left in the old language', async () => {
  const page = await visit(h, 'https://x.com/KwabenaMensahGH');
  await shadowClick(page, 'Copy for ticket');
  await says(page, 'copied to the clipboard');
  await inFrench(page, async () => {
    await says(page, "est l'identifiant protégé @KwabenaMensah");
    await says(page, 'Copier pour le ticket');
    const status = await frameEvaluate(annotationFrames(page, 'banner')[0], () => document.querySelector('.status')?.textContent ?? null);
    assert.equal(status, '', 'the English status line cleared');
  });
  await page.close();
});

test('the toolbar button counts a tab\'s flagged accounts; pausing takes annotations off the page at once; the popup says why nothing was checked', async () => {
  const page = await visit(h, 'https://x.com/home', { expect: 5 });
  const tabId = await h.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://x.com/home' }))[0].id);
  await until(async () => (await h.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)) === '4', 'the count on the toolbar button');
  const popupText = async () => {
    const popup = await h.ctx.newPage();
    await popup.goto(`chrome-extension://${h.extensionId}/ui/popup/popup.html?tab=${tabId}`);
    await popup.locator('#status').filter({ hasText: /\S/ }).waitFor();
    const text = await popup.locator('#status').textContent();
    await popup.close();
    return text;
  };
  // Pausing: the badges go without a reload, and the popup says checks are paused.
  await setPrivateValues(h, { settings: { ...(await privateValues(h, ['settings'])).settings, paused: true } });
  await until(() => page.evaluate(() => !document.querySelector('vipguard-annotation')), 'annotations taken off');
  await page.reload();
  await page.waitForTimeout(1000);
  assert.equal(await popupText(), 'Checks are paused.');
  await setPrivateValues(h, { settings: { ...(await privateValues(h, ['settings'])).settings, paused: false } });
  await settle(page, 5);
  // A site vipguard does not read.
  await h.ctx.route('https://people.example/', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>People</title><h1>People</h1>' }));
  const other = await h.ctx.newPage();
  await other.goto('https://people.example/');
  await other.bringToFront();
  // The worker cannot see the address of a tab on a site it has no access to: the active one.
  const otherId = await h.worker.evaluate(async () => (await chrome.tabs.query({ active: true }))[0].id);
  const popup = await h.ctx.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/ui/popup/popup.html?tab=${otherId}`);
  await popup.getByText(/^vipguard does not read this site/).waitFor();
  await popup.close();
  await other.close();
  await page.close();
});

// Pause switched from the popup while the worker is stopped and chrome.storage.session holds nothing of
// what the tabs were told, as when the browser has just started (issue 26: the worker the popup's marker
// woke took the new settings for what the tabs knew, and told them nothing). The tab's annotations still go.
test('Pause switched from the popup with the worker stopped and nothing told yet this session: the open tab takes its annotations off', async () => {
  const page = await visit(h, 'https://x.com/home', { expect: 5 });
  const tabId = await h.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://x.com/home' }))[0].id);
  const popup = await h.ctx.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/ui/popup/popup.html?tab=${tabId}`);
  await popup.locator('#status').filter({ hasText: /\S/ }).waitFor();
  // What the browser's start leaves: no record of what tabs were told, and no worker running.
  await popup.evaluate(() => chrome.storage.session.remove('toldPaused'));
  // Marks the worker that is stopped, to show that the one found afterwards is another.
  await h.worker.evaluate(() => { globalThis.vipguardBeforeStop = true; });
  const cdp = await h.ctx.newCDPSession(popup);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  assert.equal((await popup.evaluate(() => chrome.storage.session.get('toldPaused'))).toldPaused, undefined, 'nothing told yet');
  await popup.getByLabel('Pause checks').check();
  await until(() => page.evaluate(() => !document.querySelector('vipguard-annotation')), 'annotations taken off while paused');
  // The worker the popup woke, not the stopped one (whose handle may still be listed, and never answers:
  // asked with a time limit).
  const answer = (p) => Promise.race([p, new Promise((r) => setTimeout(() => r(null), 2000))]).catch(() => null);
  h.worker = await until(async () => {
    for (const w of h.ctx.serviceWorkers()) {
      if (await answer(w.evaluate(() => (globalThis.vipguardBeforeStop ? 'stopped' : 'fresh'))) === 'fresh') return w;
    }
    return null;
  }, 'a new worker, not the stopped one', { timeout: 20000 });
  // Resumed: the tab reads its page again.
  await popup.getByLabel('Pause checks').uncheck();
  await settle(page, 5);
  await popup.close();
  await page.close();
});

test('after a decision made from the keyboard, focus is back in the banner, on its Undo', async () => {
  const page = await visit(h, 'https://x.com/KwabenaMensahGH');
  await shadowClick(page, 'Needs escalation');
  await says(page, 'Your decision: Needs escalation');
  // The click put focus in the banner; the redrawn banner has it, on Undo.
  await until(async () => (await focusedAnnotation(page)) === 'banner', 'focus in the new banner');
  await press(page, 'Enter'); // Undo
  await until(async () => !(await shadowText(page)).includes('Your decision'), 'the decision undone from the keyboard');
  await page.close();
});
