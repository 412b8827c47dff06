// End to end: what a hostile page, or code in its process, can do against the annotations (issue 24,
// findings 1, 2 and 5). A page's own scripts run in its main world (page.evaluate); a compromised
// renderer runs in the content script's world (inContentScript).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, loadDemoList, visit, settle, shadowText, shadowClick, shadowClasses, bannerVerdict, annotations, until, inContentScript,
  storedList, privateValues, setPrivateValues, tabRecord, annotationFrames, frameEvaluate, typeNote } from './harness.mjs';

let h;
before(async () => {
  h = await launch();
  await loadDemoList(h);
});
after(async () => h && h.close());

// What a page script can read of the annotations: attributes named data-vipguard-*, the text of the
// document (window.find searches shadow roots too), and whether window.find() finds `phrases`.
const pageReads = (page, phrases) => page.evaluate((phrases) => {
  const attributes = [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('data-vipguard'));
  const found = phrases.filter((p) => {
    getSelection().removeAllRanges();
    // case-sensitive, forwards, wrapping, whole words off, searching frames, no dialog
    return window.find(p, true, false, true, false, true, false);
  });
  const text = `${document.body.innerText}\n${document.documentElement.textContent}`;
  return { attributes, found, inText: phrases.filter((p) => text.includes(p)) };
}, phrases);

// The real account's handle and the evidence's own words: on screen in the banner, never in the page.
const PROFILE = 'https://x.com/KwabenaMensahGH';
const SECRETS = ['real: @KwabenaMensah', '@KwabenaMensah)', 'Resembles Kwabena Mensah', 'reads as the protected name', 'Impersonation', 'CYRILLIC CAPITAL LETTER KA'];

test('a page script finds no verdict, account or evidence of the banner: no attribute, no text, nothing window.find() finds', async () => {
  const page = await visit(h, PROFILE);
  await until(async () => (await shadowText(page)).includes('Resembles Kwabena Mensah'), 'the banner drawn');
  assert.equal(await bannerVerdict(page), 'impersonation');
  const read = await pageReads(page, SECRETS);
  assert.deepEqual(read, { attributes: [], found: [], inText: [] });
  await page.close();
});

test('a page script finds no verdict in badges or their cards: identical hosts, no text, no attribute, nothing found', async () => {
  const page = await visit(h, 'https://x.com/home', { expect: 5 });
  const verdicts = new Set((await annotations(page)).filter((a) => a.kind === 'badge').map((a) => a.verdict));
  assert.ok(verdicts.size >= 2, `badges of several verdicts: ${[...verdicts]}`);
  // Every badge's host is the same element of the same size, whatever its verdict. (The popover hosts are
  // the banner's frame, made ahead on every page of the site and empty here, and the cards.)
  const hosts = await page.evaluate(() => [...document.querySelectorAll('vipguard-annotation:not([popover])')].map((e) => {
    const r = e.getBoundingClientRect();
    return `${e.outerHTML} ${r.width}x${r.height}`;
  }));
  assert.equal(new Set(hosts).size, 1, hosts.join('\n'));
  // Open a card by hovering the impersonator's badge: its evidence is on screen, not in the page.
  const badge = await page.evaluate(() => {
    const host = [...document.querySelectorAll('vipguard-annotation:not([popover])')].find((e) => e.closest('[data-testid="User-Name"]').textContent.includes('@lbrahimaDiallo'));
    const r = host.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.move(badge.x, badge.y);
  await until(async () => (await shadowText(page)).includes('Resembles Ibrahima Diallo'), 'the card on hover');
  const read = await pageReads(page, ['Resembles Ibrahima Diallo', '@IbrahimaDiallo', 'Impersonation', 'Suspicious']);
  assert.deepEqual(read, { attributes: [], found: [], inText: [] });
  await page.close();
});

// Third red team: the badge's decided dot stood a pixel outside its host, so a page read which accounts
// the reviewer (or the team's feed) had decided on from the host's scrollWidth (19, not 18), whatever
// its own styles. Nothing is drawn outside a host now, and the hosts measure the same.
test('a page cannot tell a badge with a standing decision from one without: every host measures the same', async () => {
  const before = (await privateValues(h, ['reviewerDecisions'])).reviewerDecisions || {};
  await setPrivateValues(h, { reviewerDecisions: { ...before, 'x:lbrahimadiallo': [{ decision: 'confirmed', note: '', at: new Date().toISOString(), verdict: 'impersonation', match: 'vip-003' }] } });
  try {
    const page = await visit(h, 'https://x.com/home', { expect: 5 });
    await until(async () => (await shadowClasses(page)).some((c) => c.split(' ').includes('decided')), 'a decided badge');
    assert.ok((await shadowClasses(page)).some((c) => c.split(' ').includes('badge') && !c.split(' ').includes('decided')), 'an undecided badge too');
    const measures = () => page.evaluate(() => [...document.querySelectorAll('vipguard-annotation:not([popover])')].map((e) => {
      const r = e.getBoundingClientRect();
      return [e.scrollWidth, e.scrollHeight, e.clientWidth, e.clientHeight, r.width, r.height].join(' ');
    }));
    assert.equal(new Set(await measures()).size, 1, (await measures()).join('\n'));
    // Also as a scroll container the page made of each host, with its own !important styles.
    await page.addStyleTag({ content: 'vipguard-annotation:not([popover]) { overflow: scroll !important; display: block !important; width: 4px !important; height: 4px !important; }' });
    assert.equal(new Set(await measures()).size, 1, (await measures()).join('\n'));
    await page.close();
  } finally {
    await setPrivateValues(h, { reviewerDecisions: before });
  }
});

// A second red team: the frames told the content script their size through the page's window, so the
// page's listeners got our frame's window as the message's source, and with it navigated the banner's
// frame to a page of its own (drawn in the banner's place), or sent it commands.
test('a page never gets hold of our frames\' windows: nothing they say reaches the page\'s window, so it cannot navigate or command them', async () => {
  const page = await h.ctx.newPage();
  await page.addInitScript(() => {
    if (window !== top) return; // Playwright runs init scripts in every frame: the page's own window only
    window.heardFrom = [];
    addEventListener('message', (e) => {
      if (e.source && e.source !== window) {
        window.heardFrom.push(e.data);
        try {
          e.source.location = 'https://x.com/hijacked';
        } catch {
          // not navigable
        }
      }
    }, true);
  });
  await visit(h, PROFILE, { page });
  await until(async () => (await shadowText(page)).includes('Resembles Kwabena Mensah'), 'the banner drawn');
  // Fold and unfold it (the frame reports its size each time), then look again.
  await shadowClick(page, 'Collapse to a pill');
  await shadowClick(page, 'Show the evidence: Impersonation');
  await until(async () => (await shadowText(page)).includes('Resembles Kwabena Mensah'), 'the banner open again');
  assert.deepEqual(await page.evaluate(() => window.heardFrom), []);
  assert.ok(!page.frames().some((f) => f.url().includes('/hijacked')), 'a frame was navigated by the page');
  await page.close();
});

// Where the banner is, and whether it is what the window shows there (the page's own point of view).
const bannerOnTop = (page) => page.evaluate(() => {
  const host = [...document.querySelectorAll('vipguard-annotation')].find((e) => e.style.position === 'fixed');
  if (!host) return { present: false };
  const r = host.getBoundingClientRect();
  const at = document.elementFromPoint(r.x + r.width / 2, r.y + Math.min(r.height / 2, 20));
  return { present: true, shown: r.width > 0 && r.height > 0 && getComputedStyle(host).display !== 'none', onTop: at === host };
});
const shownAgain = (page, what) => until(async () => {
  const b = await bannerOnTop(page);
  return b.present && b.shown && b.onTop;
}, what, { timeout: 5000 });

test('a page cannot hide, remove or cover the banner: it is shown again, on top', async () => {
  const page = await visit(h, PROFILE);
  await shownAgain(page, 'the banner at first');
  // One stylesheet rule.
  await page.addStyleTag({ content: 'vipguard-annotation { display: none !important; visibility: hidden !important; opacity: 0 !important; }' });
  await shownAgain(page, 'the banner despite the page\'s stylesheet');
  // A script changing its style, or closing its popover.
  await page.evaluate(() => {
    const host = [...document.querySelectorAll('vipguard-annotation')].find((e) => e.style.position === 'fixed');
    host.style.setProperty('display', 'none', 'important');
  });
  await shownAgain(page, 'the banner after a script hid it');
  await page.evaluate(() => [...document.querySelectorAll('vipguard-annotation[popover]')].forEach((e) => e.hidePopover()));
  await shownAgain(page, 'the banner after a script closed its popover');
  // Removed: drawn again, with its verdict.
  await page.evaluate(() => document.querySelectorAll('vipguard-annotation').forEach((e) => e.remove()));
  await shownAgain(page, 'the banner after the page removed it');
  await until(async () => (await bannerVerdict(page)) === 'impersonation', 'the banner\'s verdict drawn again');
  // Covered by a forged "Protected account" notice in the top layer, exactly over it.
  await page.evaluate(() => {
    const host = [...document.querySelectorAll('vipguard-annotation')].find((e) => e.style.position === 'fixed');
    const r = host.getBoundingClientRect();
    const fake = document.createElement('div');
    fake.popover = 'manual';
    fake.textContent = 'vipguard: Protected account';
    fake.style.cssText = `position:fixed;inset:auto;margin:0;left:${r.x}px;top:${r.y}px;width:${r.width}px;height:${r.height}px;background:#fff;border:2px solid green;`;
    document.body.append(fake);
    fake.showPopover();
    window.fake = fake;
  });
  await shownAgain(page, 'ours above the page\'s popover');
  await page.close();
});

// The second red team: the open banner's frame and host changed height by 1 px back and forth, 30 times
// a second (the frame measured its box rounded), for the page to watch and lay out again each time.
test('the banner settles at one size: its host does not flicker', async () => {
  const page = await visit(h, PROFILE);
  await until(async () => (await shadowText(page)).includes('Impersonation confirmed'), 'the banner\'s tools');
  await shownAgain(page, 'the banner');
  // Its host's style, as the page sees it change, over a second once drawn (a window, not a speed).
  const sizes = await page.evaluate(() => new Promise((resolve) => {
    const host = [...document.querySelectorAll('vipguard-annotation')].find((e) => e.style.position === 'fixed');
    const seen = [];
    new MutationObserver(() => seen.push(host.style.height)).observe(host, { attributes: true });
    setTimeout(() => resolve(seen), 1000);
  }));
  assert.ok(new Set(sizes).size <= 1, `the host's height changed ${sizes.length} times: ${sizes.slice(0, 6).join(', ')}`);
  await page.close();
});

// The second red team: `zoom` on <html> shrank the banner with the page (to a quarter at 0.25).
test('a page\'s zoom does not shrink the banner: it is drawn at the window\'s scale', async () => {
  const page = await visit(h, PROFILE);
  await shownAgain(page, 'the banner at first');
  // Its box in the window's pixels (getBoundingClientRect gives the drawn size, zoom included).
  const width = () => page.evaluate(() => Math.round([...document.querySelectorAll('vipguard-annotation')]
    .find((e) => e.style.position === 'fixed').getBoundingClientRect().width));
  const normal = await width();
  await page.addStyleTag({ content: 'html { zoom: 0.25 !important; }' });
  await until(async () => (await width()) === normal, `the banner ${normal} px wide at the page's zoom 0.25`);
  await page.close();
});

// A popover's ::backdrop covers the window (transparent); IntersectionObserver v2 counted our banner's as
// covering the whole page, so frames that take clicks only when in full view (sign-in and payment
// widgets; our own, see the clickjacking test) refused every click while our banner was shown.
test('our banner does not hide the page\'s own content from IntersectionObserver v2 beyond its own box', async () => {
  const page = await visit(h, PROFILE);
  await shownAgain(page, 'the banner');
  await page.evaluate(() => {
    const d = document.createElement('div');
    d.style.cssText = 'position:fixed;left:10px;top:200px;width:200px;height:100px;background:#eef;z-index:10;';
    d.textContent = 'the page\'s own widget';
    document.documentElement.append(d);
    window.widgetVisible = null;
    new IntersectionObserver((es) => { window.widgetVisible = es[es.length - 1].isVisible; }, { trackVisibility: true, delay: 100 }).observe(d);
  });
  await until(() => page.evaluate(() => window.widgetVisible === true), 'the page\'s widget reported visible');
  await page.close();
});

test('the page\'s listeners hear nothing while the reviewer types a note and decides, and the decision is recorded', async () => {
  const page = await visit(h, PROFILE);
  await until(async () => (await shadowText(page)).includes('Impersonation confirmed'), 'the banner\'s tools');
  await page.evaluate(() => {
    window.heard = [];
    for (const type of ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'click', 'pointerdown', 'pointerup', 'mousedown', 'mouseup']) {
      addEventListener(type, (e) => {
        window.heard.push(`${type}:${e.target.nodeName}`);
        // What a hostile page does with a click on "Impersonation confirmed": swallow it.
        e.stopImmediatePropagation();
        e.preventDefault();
      }, true);
    }
  });
  await typeNote(page, 'SEC-77');
  await shadowClick(page, 'Impersonation confirmed');
  await until(async () => (await shadowText(page)).includes('Your decision: Impersonation confirmed'), 'the decision recorded');
  assert.ok((await shadowText(page)).includes('“SEC-77”'), 'with its note');
  assert.deepEqual(await page.evaluate(() => window.heard), []);
  const decisions = (await privateValues(h, ['reviewerDecisions'])).reviewerDecisions;
  assert.equal(decisions['x:kwabenamensahgh'][0].decision, 'confirmed');
  assert.equal(decisions['x:kwabenamensahgh'][0].note, 'SEC-77');
  await shadowClick(page, 'Undo “Impersonation confirmed”');
  await until(async () => !(await shadowText(page)).includes('Your decision'), 'the decision undone');
  await page.close();
});

test('code in the content script\'s world cannot decide, draw evidence pictures or read a frame\'s content', async () => {
  const page = await visit(h, PROFILE);
  await settle(page);
  const list = await storedList(h);
  const victim = list.accounts[0];
  // Compared with what was there before (an earlier test's failure must not fail this one too).
  const before = (await privateValues(h, ['reviewerDecisions'])).reviewerDecisions || {};
  const replies = await inContentScript(page, async (id) => {
    const send = (msg) => chrome.runtime.sendMessage(msg).catch((e) => ({ error: String(e.message) }));
    const profile = { platform: 'x', handle: 'KwabenaMensahGH', name: 'Kwabena Mensah' };
    return {
      decide: await send({ type: 'decide', url: location.href, profile, decision: 'not_impersonator', note: '', result: { verdict: 'impersonation', match: id, score: 0.9 } }),
      image: await send({ type: 'evidenceImage', url: location.href, profile, match: id, verdict: 'impersonation', score: 0.9 }),
      frame: await send({ type: 'frameContent', token: '00000000-0000-0000-0000-000000000000' }),
    };
  }, victim.id);
  assert.match(replies.decide.error || '', /only for extension pages/, JSON.stringify(replies.decide));
  assert.match(replies.image.error || '', /only for extension pages/, JSON.stringify(replies.image).slice(0, 200));
  assert.match(replies.frame.error || '', /only for annotation frames/, JSON.stringify(replies.frame));
  // The banner's frame takes a shortcut's decision (a click of its own, past mayDecide) only from the
  // extension's worker and pages: sent from the content script's world, as the worker sends it, nothing.
  const tabId = await h.worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0].id, page.url());
  await inContentScript(page, (id) => chrome.runtime.sendMessage({ type: 'vipguard-frame-command', command: 'decide-escalate',
    tabId: id, id: 'from-the-page' }).catch(() => null), tabId);
  await new Promise((r) => setTimeout(r, 1500));
  assert.ok(!(await shadowText(page)).includes('Your decision'), 'the frame recorded a decision a content script sent');
  const decisions = (await privateValues(h, ['reviewerDecisions'])).reviewerDecisions || {};
  assert.deepEqual(decisions['x:kwabenamensahgh'], before['x:kwabenamensahgh']);
  await page.close();
});

test('the popup says it is the view a page cannot change', async () => {
  const popup = await h.ctx.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/ui/popup/popup.html`);
  await popup.getByText("This window is vipguard's own: no page can change or cover what it says.", { exact: false }).waitFor({ timeout: 5000 });
  await popup.close();
});

// The second red team: code in the content script's world framed our frame page itself, with a token of
// its own, at near-zero opacity over bait buttons, and two clicks recorded "Not an impersonator". A frame
// takes a decision only once the browser has reported it in full view (IntersectionObserver v2) for a
// moment (ui/frame/frame.js); a refused click says so in the frame's status, which is what is waited for.
// On a timeline (an account flagged in a list: the compromised process gets its card's token).
test('clickjacking: our frame shown nearly transparent, or under the page\'s own element, records no decision from a click', async () => {
  const page = await visit(h, 'https://x.com/home', { expect: 5 });
  const before = await privateValues(h, ['reviewerDecisions', 'reviewerAllow']);
  const item = (await tabRecord(h, page)).items.find((i) => i.handle === 'lbrahimaDiallo');
  // The compromised page process: a token from a check of its own, and our frame page with it as a pinned
  // card (its decision buttons drawn at once), at 5% opacity in the window's corner.
  await inContentScript(page, async (p) => {
    const reply = await chrome.runtime.sendMessage({ type: 'check', url: location.href,
      profiles: [{ id: 'bait', platform: 'x', handle: p.handle, name: p.name }] });
    const f = document.createElement('iframe');
    f.src = `${chrome.runtime.getURL('ui/frame/frame.html')}#${new URLSearchParams({ t: reply.frames[0], kind: 'card', pinned: '1', theme: 'light' })}`;
    f.style.cssText = 'position:fixed;left:0;top:0;width:380px;height:460px;border:0;margin:0;opacity:0.05;z-index:2147483647;';
    f.className = 'bait-frame';
    document.documentElement.append(f);
  }, item);
  const bait = await until(() => annotationFrames(page, 'card')[0], 'the framed card');
  const status = () => frameEvaluate(bait, () => document.querySelector('.status')?.textContent || '').catch(() => '');
  // A real click, where the button is (the page would have its bait drawn there).
  const clickOn = async (label) => {
    const b = await until(() => frameEvaluate(bait, (label) => {
      const e = [...document.querySelectorAll('button')].find((x) => x.textContent.trim() === label);
      if (!e) return null;
      const r = e.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }, label).catch(() => null), `${label} in the framed card`);
    const at = await (await bait.frameElement()).boundingBox();
    await page.mouse.click(at.x + b.x, at.y + b.y);
  };
  const decided = async () => ((await privateValues(h, ['reviewerDecisions'])).reviewerDecisions || {})['x:lbrahimadiallo'];
  const beforeHere = (before.reviewerDecisions || {})['x:lbrahimadiallo'];
  try {
    // Nearly transparent.
    await page.waitForTimeout(800); // as long as a reviewer takes to aim: the frame has been there a while
    await clickOn('Needs escalation');
    const said = await until(async () => { const s = await status(); return /Recorded|Not recorded/.test(s) && s; }, 'the click\'s answer');
    assert.match(said, /^Not recorded: this banner was not in full view/);
    assert.deepEqual(await decided(), beforeHere, 'a decision was recorded from the transparent frame');
    // Opaque, but under the page's own element (bait that lets clicks through to our frame).
    await frameEvaluate(bait, () => { document.querySelector('.status').textContent = ''; });
    await page.evaluate(() => {
      document.querySelector('.bait-frame').style.opacity = '1';
      const cover = document.createElement('div');
      cover.className = 'bait-cover';
      cover.textContent = 'Win a prize: click here';
      cover.style.cssText = 'position:fixed;left:0;top:0;width:380px;height:460px;background:#fff;pointer-events:none;z-index:2147483647;';
      document.documentElement.append(cover); // after the frame: drawn over it
    });
    await page.waitForTimeout(800);
    await clickOn('Needs escalation');
    const said2 = await until(async () => { const s = await status(); return /Recorded|Not recorded/.test(s) && s; }, 'the click\'s answer');
    assert.match(said2, /^Not recorded: this banner was not in full view/);
    assert.deepEqual(await decided(), beforeHere, 'a decision was recorded from the covered frame');
    // In full view, the same frame takes the click: the refusals above were the guard's, not a dead frame.
    await frameEvaluate(bait, () => { document.querySelector('.status').textContent = ''; });
    await page.evaluate(() => document.querySelector('.bait-cover').remove());
    await until(() => frameEvaluate(bait, () => document.documentElement.hasAttribute('data-seen')).catch(() => false), 'the frame seen in full view');
    await clickOn('Needs escalation');
    await until(async () => /Recorded: needs escalation/i.test(await status()), 'the decision taken in full view');
    assert.equal((await decided())[0].decision, 'escalate');
  } finally {
    await setPrivateValues(h, { reviewerDecisions: before.reviewerDecisions || {}, reviewerAllow: before.reviewerAllow || {} });
    await page.close();
  }
});

// Where the browser has no IntersectionObserver v2 (Firefox), every decision asks to be confirmed, the
// confirming button at a random place: the browser here made to lack it, in every frame.
test('without IntersectionObserver v2, a decision is recorded only once confirmed', async () => {
  const other = await launch();
  try {
    await other.ctx.addInitScript(() => { delete IntersectionObserverEntry.prototype.isVisible; });
    await loadDemoList(other);
    const page = await visit(other, PROFILE);
    await until(async () => (await shadowText(page)).includes('Impersonation confirmed'), 'the banner\'s tools');
    await shadowClick(page, 'Needs escalation');
    await until(async () => (await shadowText(page)).includes('Record “Needs escalation”?'), 'the confirmation asked');
    const decided = async () => ((await privateValues(other, ['reviewerDecisions'])).reviewerDecisions || {})['x:kwabenamensahgh'];
    assert.equal(await decided(), undefined, 'recorded before it was confirmed');
    await shadowClick(page, 'Yes, record it');
    await until(async () => (await shadowText(page)).includes('Your decision: Needs escalation'), 'the decision recorded');
    assert.equal((await decided())[0].decision, 'escalate');
  } finally {
    await other.close();
  }
});
