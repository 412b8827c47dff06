// The one place the adapters unwrap the sites' redirect addresses (vipguardRead.address in
// extension/content/sites/registry.js), as a table over the wrapper forms the real sites use. Each row:
// the link as the page has it (its href, and what it shows), and the address a reader should get.
// Sources for each form are in docs/extension.md ("Link fields").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const ctx = vm.createContext({ URL, Node: { ELEMENT_NODE: 1, TEXT_NODE: 3 } });
vm.runInContext(fs.readFileSync(path.join(ROOT, 'extension/content/sites/registry.js'), 'utf8'), ctx);
const { address } = vm.runInContext('vipguardRead', ctx);

const ROWS = [
  // X: t.co hides the address; the link's title holds it whole, its text maybe cut short.
  ['x title', 'https://t.co/zH4Xk2aB9c', { text: 'zenithharbour-secure.com/acc…', title: 'https://zenithharbour-secure.com/account/verify' }, 'zenithharbour-secure.com/account/verify'],
  ['x text', 'https://t.co/zH4Xk2', { text: 'zenithharbour-support.com' }, 'zenithharbour-support.com'],
  ['x text cut short', 'https://t.co/zH4Xk2', { text: 'zenithharbour-support.com/login/acc…' }, 'zenithharbour-support.com/login/acc'],
  ['x t.co alone (JSON-LD)', 'https://t.co/zH4Xk2', {}, null],
  // Instagram: l.instagram.com/?u=<address>&e=<token>, and Facebook's l.php.
  ['instagram', 'https://l.instagram.com/?u=https%3A%2F%2Fzenithharbour-secure.com%2Fverify%3Ffbclid%3DPAZXh0bgNhZW0&e=AT2FweLbufVD6', {}, 'zenithharbour-secure.com/verify?fbclid=PAZXh0bgNhZW0'],
  ['facebook', 'https://l.facebook.com/l.php?u=https%3A%2F%2Fzenithharbour-secure.com%2F&h=AT0abc', {}, 'zenithharbour-secure.com'],
  // YouTube: /redirect?event=channel_header&redir_token=…&q=<address>, on www and m.
  ['youtube', 'https://www.youtube.com/redirect?event=channel_header&redir_token=QUFFLUhqbTRx&q=https%3A%2F%2Fzenithharbour-rewards.com%2Fclaim', { text: 'zenithharbour-rewards.com/claim' }, 'zenithharbour-rewards.com/claim'],
  ['youtube mobile, bare domain', 'https://m.youtube.com/redirect?q=zenithharbour-rewards.com&redir_token=x', {}, 'zenithharbour-rewards.com'],
  // TikTok: /link/v2?aid=1988&lang=en&scene=bio_url&target=<address>.
  ['tiktok', 'https://www.tiktok.com/link/v2?aid=1988&lang=en&scene=bio_url&target=https%3A%2F%2Fzenithharbour-support.com%2Flogin', { text: 'zenithharbour-support.com/login' }, 'zenithharbour-support.com/login'],
  // A wrapper inside a wrapper.
  ['nested', 'https://l.instagram.com/?u=https%3A%2F%2Fwww.youtube.com%2Fredirect%3Fq%3Dhttps%253A%252F%252Fzenithharbour-live.com', {}, 'zenithharbour-live.com'],
  // Plain links are their own address; what they show does not count (Bluesky shows shortened text,
  // and a description link may show one address and go to another).
  ['plain', 'https://zenithharbour-verify.com/account/', { text: 'zenithharbour.com' }, 'zenithharbour-verify.com/account'],
  // Letters of other scripts in a host stay as written or shown (the URL parser would write xn--…, and
  // the lookalike letters are the evidence); a shown address of another host is not taken for it.
  ['cyrillic host as written', 'https://zenithh\u0430rbour.com/login', {}, 'zenithh\u0430rbour.com/login'],
  ['punycode href, shown in cyrillic', 'https://xn--zenithhrbour-39j.com/', { text: 'zenithh\u0430rbour.com' }, 'zenithh\u0430rbour.com'],
  ['punycode href, another site shown', 'https://xn--zenithhrbour-39j.com/', { text: 'zenithharbour.com' }, 'xn--zenithhrbour-39j.com'],
  ['cyrillic host inside a wrapper', 'https://l.instagram.com/?u=https%3A%2F%2Fzenithh%D0%B0rbour.com%2Fverify&e=AT2', {}, 'zenithh\u0430rbour.com/verify'],
  // Not outside addresses.
  ['mailto', 'mailto:help@zenithharbour.com', {}, null],
  ['javascript', 'javascript:alert(1)', {}, null],
  ['not an address', 'not a link', {}, null],
  ['wrapper without a target', 'https://l.instagram.com/?e=AT2', {}, null],
];

for (const [name, href, shown, want] of ROWS) {
  test(`${name}: ${href.slice(0, 60)}`, () => {
    assert.equal(address(href, shown), want);
  });
}
