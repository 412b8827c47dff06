// YouTube's live chat under load (live21): the popped-out chat fixture (tests/e2e/fixtures/sites/
// youtube-live-chat.html) gets ROWS more messages from AUTHORS authors (one in ten an impostor of a demo
// account), BURST rows at a time every GAP ms, as a busy chat adds them. Prints the rows drawn, the
// accounts sent to the worker (each distinct author once, main.js `repeats`), the check messages, the
// badges drawn, and the content script's main-thread time (its vipguard:* measures, as make ext-bench sums
// them). A measurement, not a test: nothing is asserted.
//   node scripts/chat-bench.mjs            (ROWS=600 AUTHORS=60 BURST=20 GAP=100 by default)
//   VIPGUARD_EXT=<another build's dist/chrome> node scripts/chat-bench.mjs
import { launch, loadDemoList, serveSites, until } from '../tests/e2e/harness.mjs';

const env = (k, d) => Number(process.env[k] || d);
const ROWS = env('ROWS', 600);
const AUTHORS = env('AUTHORS', 60);
const BURST = env('BURST', 20);
const GAP = env('GAP', 100);
const URL_ = 'https://www.youtube.com/live_chat?is_popout=1&v=Lv7aBcD9eFg';

const h = await launch({ extraHosts: ['*'] }); // VIPGUARD_EXT: another build (harness.mjs)
try {
  await serveSites(h.ctx);
  await loadDemoList(h);
  await h.worker.evaluate(() => {
    self.chatBench = { messages: 0, profiles: 0 };
    chrome.runtime.onMessage.addListener((m) => {
      if (m && m.type === 'check') { self.chatBench.messages++; self.chatBench.profiles += m.profiles.length; }
    });
  });
  const page = await h.ctx.newPage();
  await page.goto(URL_);
  await until(() => page.evaluate(() => document.querySelectorAll('vipguard-annotation').length >= 4), 'the fixture\'s badges', { timeout: 20000 });
  const before = await h.worker.evaluate(() => ({ ...self.chatBench }));
  const sum = () => page.evaluate(() => performance.getEntriesByType('measure').filter((e) => e.name.startsWith('vipguard:'))
    .reduce((t, e) => t + e.duration, 0));
  const spent = await sum();
  const fakes = ['lbrahimaDiallo', 'ibrahimadiallo.giveaway', 'KwabenaMensah_GH'];
  for (let i = 0; i < ROWS; i += BURST) {
    await page.evaluate(([from, n, authors, fakes]) => {
      const items = document.querySelector('yt-live-chat-item-list-renderer #items');
      const model = items.querySelector('yt-live-chat-text-message-renderer');
      for (let k = from; k < from + n; k++) {
        const a = k % authors;
        const handle = a % 10 === 0 ? fakes[(a / 10) % fakes.length] + (a >= 30 ? a : '') : `viewer_${a}`;
        const row = model.cloneNode(true);
        row.querySelectorAll('vipguard-annotation').forEach((e) => e.remove());
        row.querySelector('#author-name').firstChild.nodeValue = `@${handle}`;
        row.querySelector('#message').textContent = `message ${k}`;
        items.append(row);
        // YouTube keeps the chat short: the oldest rows leave.
        if (items.children.length > 250) items.firstElementChild.remove();
      }
    }, [i, Math.min(BURST, ROWS - i), AUTHORS, fakes]);
    await page.waitForTimeout(GAP);
  }
  await page.waitForTimeout(2000);
  const after = await h.worker.evaluate(() => ({ ...self.chatBench }));
  const badges = await page.evaluate(() => document.querySelectorAll('vipguard-annotation').length);
  const ms = (await sum()) - spent;
  console.log(`rows added: ${ROWS} from ${AUTHORS} authors, ${BURST} every ${GAP} ms (the chat keeps 250)`);
  console.log(`accounts sent to the worker: ${after.profiles - before.profiles} in ${after.messages - before.messages} check messages`);
  console.log(`badges on the page at the end: ${badges}`);
  console.log(`content script main-thread time while adding: ${ms.toFixed(1)} ms (${(ms / ROWS).toFixed(3)} ms a row)`);
} finally {
  await h.close();
}
