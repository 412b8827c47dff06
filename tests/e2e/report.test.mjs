// The evidence report and CSV formats (extension/shared/report.js), as units: what a ticket or a BI tool
// receives when the page data is hostile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import vm from 'node:vm';
import { fakeChrome } from './locales.mjs';

// report.js as the extension loads it (after i18n.js), with the browser's language set to `lang`.
function load(lang) {
  const ctx = { chrome: fakeChrome(lang), document: { documentElement: {} } };
  const src = (f) => fs.readFileSync(new URL(`../../extension/${f}`, import.meta.url), 'utf8');
  vm.runInNewContext(`${src('shared/i18n.js')}; ${src('shared/report.js')}; this.r = vipguardReport;`, ctx);
  return ctx.r;
}
const R = load('en');

const item = (over = {}) => ({
  url: 'https://x.com/evil_one', platform: 'x', handle: 'evil_one', name: 'Кwabena *Mensah* [x](javascript:1)\nsecond line',
  result: { verdict: 'impersonation', score: 0.97, match: 'vip-002', evidence: [
    { signal: 'name', detail: 'Display name reads as "Kwabena Mensah"', similarity: 1 },
    { signal: 'handle', detail: 'Handle is 1 edit away', distance: 1, edit: "'x' inserted" },
    { signal: 'avatar', detail: 'The avatar is a copy', distance: 12 },
    { signal: 'characters', detail: '...', chars: [{ char: 'К', codepoint: 'U+041A', name: 'CYRILLIC CAPITAL LETTER KA', action: 'lookalike', looks_like: 'K', field: 'name' }] },
  ] },
  account: { id: 'vip-002', name: 'Kwabena Mensah', handles: ['x:KwabenaMensah'] },
  checkedAt: '2026-11-23T04:00:00.000Z', version: '0.1.0', ...over,
});

test('Markdown: one field per line, page text escaped, every signal with its figure', () => {
  const md = R.toTicket(item(), 'markdown');
  const lines = md.split('\n');
  assert.ok(lines.includes('- **Display name:** Кwabena \\*Mensah\\* \\[x\\](javascript:1) second line'), md);
  assert.ok(lines.includes('- **Display name, spelled out:** [U+041A]wabena \\*Mensah\\* \\[x\\](javascript:1) second line'), md);
  assert.ok(lines.includes('- name (similarity 1.00): Display name reads as "Kwabena Mensah"'), md);
  assert.ok(lines.includes("- handle (edit distance 1 ('x' inserted)): Handle is 1 edit away"), md);
  assert.ok(lines.includes('- avatar (12 of 256 bits apart): The avatar is a copy'), md);
  assert.ok(lines.includes('- U+041A CYRILLIC CAPITAL LETTER KA in the display name: reads as K'), md);
  assert.ok(lines.includes('- **Handle:** @evil\\_one'), md);
  assert.ok(lines.includes('- **Profile:** <https://x.com/evil_one>'), md);
  // No line of page text escapes its bullet.
  for (const l of lines) assert.ok(l === '' || /^(###|- |\*\*)/.test(l), JSON.stringify(l));
});

test('spelled out: hidden and lookalike characters become code points', () => {
  assert.equal(R.spelledOut('A\u200Bliko', [{ char: '\u200B', field: 'name' }]), 'A[U+200B]liko');
  assert.equal(R.spelledOut('𝐀liko', [{ char: '𝐀', field: 'name' }]), '[U+1D400]liko');
  assert.equal(R.spelledOut('Aliko', [{ char: 'l', field: 'handle' }]), 'Aliko', 'handle characters are not the name');
});

test('JSON carries the match, the evidence and the decision', () => {
  const j = R.toJson(item({ decision: 'escalate', note: 'n' }));
  assert.equal(j.match.id, 'vip-002');
  assert.equal(j.profile.display_name_spelled_out.startsWith('[U+041A]wabena'), true);
  assert.equal(j.evidence.length, 4);
  assert.equal(j.decision, 'escalate');
});

test('CSV: quoting per RFC 4180 and no formulas from page text', () => {
  const csv = R.toCsv(['a', 'b', 'c'], [{ a: '=HYPERLINK("http://evil")', b: 'x, "y"\nz', c: 7 }, { a: '+1', b: '@SUM(A1)', c: null }]);
  assert.equal(csv, 'a,b,c\r\n"\'=HYPERLINK(""http://evil"")","x, ""y""\nz",7\r\n\'+1,\'@SUM(A1),\r\n');
});

test('in French, the report speaks French and keeps the evidence figures', () => {
  const raw = load('fr').toTicket(item(), 'markdown');
  // French puts a non-breaking space before a colon, in the labels as in the sentences.
  assert.ok(raw.includes('- **Identifiant\u00a0:** @evil\\_one'), raw);
  const md = raw.replace(/[\u00a0\u202f]/g, ' ');
  const lines = md.split('\n');
  assert.ok(lines[0].startsWith("### Preuves vipguard : Usurpation d'identité (score 0,97)"), lines[0]);
  assert.ok(lines.includes('- **Nom affiché, caractère par caractère :** [U+041A]wabena \\*Mensah\\* \\[x\\](javascript:1) second line'), md);
  assert.ok(lines.includes('- **Ressemble à :** Kwabena Mensah (identifiant protégé vip-002), vrais comptes : @KwabenaMensah sur x'), md);
  assert.ok(lines.includes('- avatar (12 bits sur 256 de différence) : The avatar is a copy'), md);
  assert.ok(lines.includes('- U+041A CYRILLIC CAPITAL LETTER KA dans le nom affiché : se lit comme K'), md);
});

// Each ticket format: how a hostile display name and a handle with underscores come out. A handle is
// never altered where nothing would format it (plain text; mid-word underscores in Jira).
const ticketCases = [
  { format: 'text', handle: 'Adaeze_0konkwo', lines: ['Handle: @Adaeze_0konkwo', 'Display name: Кwabena *Mensah* [x](javascript:1) second line',
    'Profile: https://x.com/evil_one', 'Display name, spelled out: [U+041A]wabena *Mensah* [x](javascript:1) second line'] },
  { format: 'jira', handle: 'Adaeze_0konkwo', lines: ['* *Handle:* @Adaeze_0konkwo', '* *Display name:* Кwabena \\*Mensah\\* \\[x\\](javascript:1) second line',
    '* *Profile:* [https://x.com/evil_one]', '* *Display name, spelled out:* \\[U+041A\\]wabena \\*Mensah\\* \\[x\\](javascript:1) second line', 'h3. vipguard evidence: Impersonation (score 0.97)'] },
  // An underscore that could open or close _italics_ in Jira is escaped; one inside a word is not.
  { format: 'jira', handle: '_evil_one_', lines: ['* *Handle:* @\\_evil_one\\_'] },
  { format: 'markdown', handle: 'Adaeze_0konkwo', lines: ['- **Handle:** @Adaeze\\_0konkwo', '### vipguard evidence: Impersonation (score 0.97)'] },
];
for (const c of ticketCases) {
  test(`ticket as ${c.format}: @${c.handle}`, () => {
    const lines = R.toTicket(item({ handle: c.handle, sha256: 'f'.repeat(64) }), c.format).split('\n');
    for (const want of c.lines) assert.ok(lines.includes(want), `missing ${JSON.stringify(want)} in\n${lines.join('\n')}`);
    assert.ok(lines.some((l) => l.includes('f'.repeat(64))), 'the evidence hash');
  });
}

test('a name with a dash and a code point to spell out keeps Jira escaping word by word', () => {
  const md = R.toTicket(item({ name: 'Кwabena Okonkwo-Bello -x-' }), 'jira');
  assert.ok(md.includes('* *Display name, spelled out:* \\[U+041A\\]wabena Okonkwo-Bello \\-x\\-'), md);
});

test('CSV: a formula after a ; or a tab is neutralised too, for spreadsheets that split there (French-locale Excel)', () => {
  const csv = R.toCsv(['a'], [{ a: 'Ada;=HYPERLINK(A1);' }, { a: 'x\t+1' }]);
  assert.equal(csv, 'a\r\n"Ada;\'=HYPERLINK(A1);"\r\n"x\t\'+1"\r\n');
});

test('Jira: a backslash in page text is a character reference (a doubled one is a line break in Jira)', () => {
  const md = R.toTicket(item({ name: 'Real\\\\Verdict: clear' }), 'jira');
  assert.ok(md.includes('* *Display name:* Real&#92;&#92;Verdict: clear'), md);
  assert.ok(!/Real\\\\/.test(md), md);
});

test('a line or paragraph separator in page text cannot start a new line in a ticket', () => {
  const text = R.toTicket(item({ name: 'Ada\u2028Verdict: clear\u2029x\u0085y' }), 'text');
  assert.ok(text.includes('Display name: Ada Verdict: clear x y\n'), text);
});

// Issue 24, finding 8: a bare address in a name or bio became a link in the ticket (trackers, Jira and
// mail clients link one), and Jira's !image! or a Markdown image could load a picture from the page's
// server. Each ticket format gets the address defanged and the markup escaped.
const linkCases = [
  { name: 'Support https://evil.example/login', lines: {
    text: 'Display name: Support hxxps://evil[.]example/login',
    markdown: '- **Display name:** Support hxxps://evil\\[.\\]example/login',
    jira: '* *Display name:* Support hxxps://evil\\[.\\]example/login' } },
  { name: 'Visit www.evil.example or metamask-support.io', lines: {
    text: 'Display name: Visit www[.]evil[.]example or metamask-support[.]io',
    markdown: '- **Display name:** Visit www\\[.\\]evil\\[.\\]example or metamask-support\\[.\\]io' } },
  { name: 'Mail help@evil.example', lines: { text: 'Display name: Mail help@evil[.]example' } },
  { name: 'Ada !https://evil.example/p.png! {html}<b>x</b>{html}', lines: {
    jira: '* *Display name:* Ada \\!hxxps://evil\\[.\\]example/p\\[.\\]png\\! \\{html\\}<b>x</b>\\{html\\}' } },
  { name: 'Ada ![p](https://evil.example/p.png) [c](http://evil.example)', lines: {
    markdown: '- **Display name:** Ada !\\[p\\](hxxps://evil\\[.\\]example/p\\[.\\]png) \\[c\\](hxxp://evil\\[.\\]example)' } },
  { name: 'Ada <https://evil.example>', lines: { markdown: '- **Display name:** Ada \\<hxxps://evil\\[.\\]example\\>' } },
  { name: 'Ada [here|https://evil.example]', lines: { jira: '* *Display name:* Ada \\[here\\|hxxps://evil\\[.\\]example\\]' } },
  // A dotted name that is no address is left as it is.
  { name: 'J.R. Okafor Dr.Kwabena', lines: { text: 'Display name: J.R. Okafor Dr.Kwabena' } },
];
for (const c of linkCases) {
  test(`ticket: no link from page text: ${c.name}`, () => {
    for (const [format, want] of Object.entries(c.lines)) {
      const lines = R.toTicket(item({ name: c.name }), format).split('\n');
      assert.ok(lines.includes(want), `${format}: missing ${JSON.stringify(want)} in\n${lines.join('\n')}`);
    }
  });
}

test('ticket: an address in a bio quoted by the evidence, and in the handle, is defanged', () => {
  const it = item({ handle: 'evil.example', result: { ...item().result, evidence: [
    { signal: 'bio', detail: 'The bio says "DM https://evil.example/claim to verify"' }] } });
  const text = R.toTicket(it, 'text');
  assert.ok(text.includes('Handle: @evil[.]example\n'), text);
  assert.ok(text.includes('The bio says "DM hxxps://evil[.]example/claim to verify"'), text);
  // The profile's own address, written by the extension, stays a link.
  assert.ok(text.includes('Profile: https://x.com/evil_one\n'), text);
});

test('CSV: a formula after leading blanks or a line end is neutralised too', () => {
  const csv = R.toCsv(['a'], [{ a: '  =1+1' }, { a: 'Ada; \u00a0@SUM(A1)' }, { a: 'x\n-2' }]);
  assert.equal(csv, "a\r\n'  =1+1\r\n\"Ada;' \u00a0@SUM(A1)\"\r\n\"x\n'-2\"\r\n");
});

// Provenance (issue 26): every ticket and its JSON name the list the verdict was checked against.
test('tickets and JSON name the list checked against: a feed\'s name, version, size and age at the check; a file\'s name and import time', () => {
  const feedList = { kind: 'feed', name: 'Team VIPs', version: 12, date: '2026-11-23T01:00:00Z', accounts: 1204, at: '2026-11-23T01:05:00Z' };
  for (const [lang, line] of [['en', 'Checked against: Team VIPs v12 · 1,204 accounts · 3 h old'],
    ['fr', 'Liste utilisée\u00a0: Team VIPs v12 · 1\u202f204 comptes · vieille de 3\u00a0h']]) {
    const text = load(lang).toTicket(item({ list: feedList }), 'text');
    assert.ok(text.split('\n').includes(line), `${lang}: ${text}`);
  }
  assert.deepEqual(JSON.parse(JSON.stringify(R.toJson(item({ list: feedList })).checked_against)), { kind: 'feed', name: 'Team VIPs', version: 12, signed: '2026-11-23T01:00:00Z', accounts: 1204 });
  const fileList = { kind: 'file', file: 'vips [1].csv', at: '2026-11-22T09:30:00Z', accounts: 3 };
  const md = R.toTicket(item({ list: fileList }), 'markdown');
  assert.match(md, /^- \*\*Checked against:\*\* vips \\\[1\\\]\.csv · imported .*2026.* · 3 accounts$/m);
  assert.equal(R.toJson(item({ list: fileList })).checked_against.file, 'vips [1].csv');
  assert.equal(R.toJson(item()).checked_against, undefined, 'no list: no claim');
  // The feed's list edited by hand since: which version it started from, and which accounts were touched.
  const editedList = { kind: 'edit', at: '2026-11-23T02:00:00Z', accounts: 4, edited: ['vip-003', 'vip-004'],
    fromFeed: { name: 'Team VIPs', version: 12, date: '2026-11-23T01:00:00Z' } };
  assert.deepEqual(JSON.parse(JSON.stringify(R.toJson(item({ list: editedList })).checked_against)), { kind: 'edit', at: '2026-11-23T02:00:00Z',
    accounts: 4, from_feed: { name: 'Team VIPs', version: 12, signed: '2026-11-23T01:00:00Z' }, edited: ['vip-003', 'vip-004'] });
  assert.ok(R.toTicket(item({ list: editedList }), 'text').split('\n').some((l) => /^Checked against: Team VIPs v12 edited by hand \(accounts changed: 2\) · 4 accounts/.test(l)));
});

test('account facts: the ticket quotes the page\'s own count and date, the JSON keeps both, a verified mark is a line', () => {
  const facts = { joinedShown: 'Nov 2026', followers: 1200, followersShown: '1.2K', verified: true };
  const md = R.toTicket(item({ facts }), 'markdown').split('\n');
  assert.ok(md.includes('- **Account created:** Nov 2026'), md.join('\n'));
  assert.ok(md.includes('- **Followers:** 1.2K'), md.join('\n'));
  assert.ok(md.includes('- Verified mark shown on the page'), md.join('\n'));
  const json = R.toJson(item({ facts }));
  assert.deepEqual([json.profile.joined_shown, json.profile.followers, json.profile.followers_shown, json.profile.verified_mark_shown], ['Nov 2026', 1200, '1.2K', true]);
  // `joined` holds only an ISO date, never the page's words.
  assert.equal(json.profile.joined, undefined);
  assert.deepEqual([R.toJson(item({ facts: { joined: '2024-02-11T09:30:00.000Z' } })).profile.joined, R.toJson(item({ facts: { joined: '2024-02-11T09:30:00.000Z' } })).profile.joined_shown], ['2024-02-11T09:30:00.000Z', undefined]);
  // X's exact facts as before.
  const x = R.toTicket(item({ facts: { joined: '2024-02-11T09:30:00.000Z', followers: 1204 } }), 'text').split('\n');
  assert.ok(x.includes('Account created: 2024-02-11') && x.includes('Followers: 1204'), x.join('\n'));
});
