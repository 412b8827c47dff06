// Answering checks: a page's profiles on their text at once, then again with their avatars (only the
// results the avatars change are pushed to the tab, so the page never sends its profiles twice); and the
// bulk page's batches.
import '../shared/site-catalog.js';
import { load } from './engine.js';
import { avatarQuery } from './avatars.js';
import { allowList, present, sameResult, matchedAccounts, summary, accountKey } from './results.js';
import { recordTab } from './tab-record.js';
import { decisionList, shownDecision, teamDecisions, clearedBy } from './decisions.js';
import { queuePlace } from './queue.js';
import { logShown } from './audit.js';
import { catalogueTemplates } from './templates.js';
import { viewSettings } from './view-settings.js';
import { issue } from './frames.js';
import { senderPlatform } from './validate.js';
import { overNewNames } from './limits.js';
import { genericHosts, mastodonOn } from './site-scripts.js';
import { pausedOn } from '../shared/policy.js';

const { pageSite } = globalThis.vipguardSiteCatalog;
// Stage stamps for `make verdict-latency`, which sets globalThis.vipguardProbe in the worker it measures;
// unset (always, outside that benchmark), a probe is one failed property lookup.
export const probe = (name) => globalThis.vipguardProbe?.(name);
const engineInput = (p) => ({
  id: p.id, platform: p.platform, handle: p.handle, name: p.name,
  ...(p.bio ? { bio: p.bio } : {}),
  ...(p.links && p.links.length ? { links: p.links } : {}),
});

// The reviewer's allow-list, decisions and the team's decisions (each cached once read: results.js).
const readLists = () => Promise.all([allowList(), decisionList(), teamDecisions()]);

// A page of a served site began loading (main.js sends this at document_start, well before the page can
// be read): load the engine, and in a new worker run one made-up check, which compiles the engine's code
// and reads the allow-list, so the page's first real check finds both done. Not when a check is already
// waiting for the engine (a page ready at once, on a restarted worker): that check compiles the same code
// as it runs, and the warm-up would only hold it back (it ran first, 40-70 ms with 10,000 accounts).
let warmed = false;
let checksBegun = 0;
export async function wake() {
  const { checker } = await load();
  if (checker && !warmed) {
    warmed = true;
    const stages = globalThis.vipguardEngine?.stages;
    if (checksBegun === 0) {
      const began = performance.now();
      checker.warmUp();
      if (stages) stages.warmUp = performance.now() - began;
    } else if (stages) stages.warmUpSkipped = true;
    await readLists();
  }
  return { ok: true };
}

// The address a check's accounts are recorded and their cards issued under: the page's own. A frame of
// the tab on the same host (YouTube's live chat, framed into the watch page: live21) checks from its own
// address; its accounts are listed by the popup with the page's, and decided on from their cards by the
// page's address (tab-record.js givenFor), so neither frame's check replaces the other's record. A frame
// on another host (a chat embedded in another site) keeps its own address. The answer names the frame's
// own address, which its content script compares with its location.
export function pageUrlOf(msg, sender) {
  if (!sender.frameId || !sender.tab || typeof sender.tab.url !== 'string') return msg.url;
  try {
    return new URL(sender.tab.url).hostname === new URL(msg.url).hostname ? sender.tab.url : msg.url;
  } catch {
    return msg.url;
  }
}

export async function check(msg, sender) {
  probe('worker: check received');
  const received = performance.now();
  checksBegun += 1;
  // The reviewer's lists begin to be read while the engine loads: a restarted worker's first check would
  // otherwise read them only once the snapshot is restored. Read again below, which costs nothing once
  // cached and reads afresh if one changed meanwhile.
  readLists().catch(() => {});
  const { checker, settings, source } = await load();
  const first = globalThis.vipguardEngine?.stages;
  if (first && first.received === null) first.received = received;
  // The profiles are on the sender's site, whatever platform the message names (a page's process may be
  // compromised): an X page cannot have its profiles checked, logged or decided on as another site's.
  const pageHost = new URL(msg.url).hostname;
  const platform = senderPlatform(pageHost, genericHosts, mastodonOn);
  if (!platform) return { error: 'site not served' };
  msg = { ...msg, profiles: msg.profiles.map((p) => ({ ...p, platform })) };
  const tooMany = overNewNames(sender.tab.id, msg.profiles);
  if (tooMany) return { error: tooMany, retry: 10000 };
  // Each site can be switched off in the options (Mastodon is off until switched on).
  const site = pageSite(pageHost)?.platform || (platform === 'mastodon' ? 'mastodon' : null);
  // Paused by the reviewer, except on a site the organisation's policy switched on (policy.js, pausedOn).
  if (pausedOn(settings, site) || (site && settings.sites && settings.sites[site] === false)) return { paused: true, results: [] };
  if (!checker) return { noList: true, results: [] };
  // Started before checking, so reading the catalogue overlaps the engine's work.
  const messages = msg.wantMessages ? catalogueTemplates().catch(() => null) : null;
  const profiles = msg.profiles.map(engineInput);
  const [allow, decided, team] = await readLists();
  const checking = performance.now();
  const results = unproven(present(checker.checkMany(profiles), settings, allow, profiles, decided, team), profiles, pageHost);
  probe('worker: engine checked');
  const stages = globalThis.vipguardEngine?.stages;
  if (stages) {
    stages.lastCheck = performance.now() - checking;
    if (stages.firstCheck === null) stages.firstCheck = stages.lastCheck;
  }
  const accounts = await matchedAccounts(results);
  // Not awaited: the page's answer need not wait for the popup's record (session-storage writes take
  // several milliseconds); the records are written in order (see tab-record.js).
  const pageUrl = pageUrlOf(msg, sender);
  recordTab(sender.tab.id, pageUrl, results, msg.profiles, accounts, source);
  logShown(msg.url, msg.profiles, results, sender.tab.id, source);
  if (msg.profiles.some((p) => p.avatar)) {
    withAvatars(msg, sender, { platform, pageHost }, { checker, settings, source }, { allow, decided, team }, profiles, results)
      .catch((e) => console.warn('vipguard: avatar round failed:', e.message));
  }
  const [templates, place, view] = await Promise.all([messages, queuePlace(sender.tab.id, pageUrl), viewSettings()]);
  const frames = await issue(sender.tab.id, pageUrl, framed(msg, results), msg.profiles, { list: source, ...(place ? { queue: place } : {}) });
  probe('worker: tokens issued, answering');
  if (stages && stages.answered === null) stages.answered = performance.now();
  return { results: await forPage(results), view, frames, ...(templates ? { messages: templates } : {}), ...(place ? { queue: place } : {}) };
}

// What a page's content script is told of a result (issue 24): only what drawing its annotations needs.
// The frames draw everything else from the worker by their token, so a compromised page process (which
// runs the content script's code) learns no protected account's name, handle, id or picture, no score
// and no evidence: per profile its id (the sender's own), the verdict shown (the badge's pictogram and
// spoken word; clear and error draw nothing), whether a decision stands on it (the badge's dot), and a
// mark that changes when what its frame would show changes (so a badge is drawn again, with a new token,
// only then). The mark is a digest under a key only this worker holds: it says nothing of the score.
const MARK_KEY = crypto.getRandomValues(new Uint8Array(16));
async function markOf(r) {
  const text = new TextEncoder().encode(`${r.shown || r.verdict}|${r.score}|${(r.evidence || []).length}|${r.decision ? r.decision.at : ''}`);
  const bytes = new Uint8Array(MARK_KEY.length + text.length);
  bytes.set(MARK_KEY);
  bytes.set(text, MARK_KEY.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}
function forPage(results) {
  return Promise.all(results.map(async (r) => {
    const verdict = r.shown || r.verdict;
    if (verdict === 'clear' || verdict === 'error') return { id: r.id, verdict };
    return { id: r.id, verdict, ...(r.decision ? { decided: true } : {}), mark: await markOf(r) };
  }));
}

// A Mastodon server shows other servers' accounts as it likes (a hostile one, the protected account's
// address over its own content): only the account's own server can show it is the protected account.
// Elsewhere an `own` or `allowed` answer is not given, so the page is never labelled as the protected
// account; the reviewer opens the account on its own server for that.
function unproven(results, profiles, pageHost) {
  return results.map((r, i) => {
    const p = profiles[i];
    const server = p && p.platform === 'mastodon' ? String(p.handle).split('@')[1] : null;
    if (!server || server.toLowerCase() === pageHost || !['own', 'allowed'].includes(r.verdict)) return r;
    return { id: r.id, verdict: 'clear', score: r.score, match: null, evidence: [], ...(r.decision ? { decision: r.decision } : {}) };
  });
}

async function withAvatars(msg, sender, site, { checker, settings, source }, { allow, decided, team }, profiles, textResults) {
  const queries = await Promise.all(msg.profiles.map((p) => avatarQuery(p.avatar, site, sender.tab.id)));
  if (!queries.some(Boolean)) return;
  const results = unproven(present(checker.checkMany(profiles, queries), settings, allow, profiles, decided, team), profiles, site.pageHost);
  const changes = [];
  results.forEach((r, i) => {
    if (!sameResult(r, textResults[i])) changes.push({ index: i, result: r });
  });
  if (!changes.length) return;
  const accounts = await matchedAccounts(changes.map((c) => c.result));
  const pageUrl = pageUrlOf(msg, sender);
  await recordTab(sender.tab.id, pageUrl, changes.map((c) => c.result), changes.map((c) => msg.profiles[c.index]), accounts, source, { update: true });
  logShown(msg.url, changes.map((c) => msg.profiles[c.index]), changes.map((c) => c.result), sender.tab.id, source);
  const place = msg.banner ? await queuePlace(sender.tab.id, pageUrl) : null;
  const frames = await issue(sender.tab.id, pageUrl, framed(msg, changes.map((c) => c.result), changes.map((c) => c.index)),
    msg.profiles, { list: source, ...(place ? { queue: place } : {}) });
  const shown = await forPage(changes.map((c) => c.result));
  await chrome.tabs.sendMessage(sender.tab.id, { type: 'vipguard-update', requestId: msg.requestId, url: msg.url,
    changes: changes.map((c, k) => ({ index: c.index, result: shown[k] })), frames }, { frameId: sender.frameId ?? 0 });
}

// The results a frame will show, as [{index, result}]: a profile page's banner whatever its verdict, and
// a badge's card for every account a list flags. `indexes`: each result's index among msg.profiles.
function framed(msg, results, indexes = results.map((_, i) => i)) {
  return results.map((result, i) => ({ index: indexes[i], result }))
    .filter(({ result }) => msg.banner || !['clear', 'error'].includes(result.shown || result.verdict));
}

// One profile checked again as a page's check does (its avatar from the cache), for a frame whose account
// the reviewer just decided on; `site` ({platform, pageHost}) and `tab`: where the page showed it, which
// the avatar's address is checked against as in the page's check (without them every avatar was refused,
// and a decision took the avatar's evidence off the banner). Resolves to {result, account}.
export async function recheck(p, before, site = null, tab = null) {
  const { checker, settings, source } = await load();
  if (!checker) return { result: before, account: null };
  const profiles = [engineInput({ id: 'profile', ...p })];
  const query = p.avatar ? await avatarQuery(p.avatar, site, tab).catch(() => null) : null;
  const [allow, decided, team] = await readLists();
  const [result] = present(query ? checker.checkMany(profiles, [query]) : checker.checkMany(profiles), settings, allow, profiles, decided, team);
  const accounts = await matchedAccounts([result]);
  return { result, account: accounts[result.match] || null, list: source };
}

// The bulk page: the engine's verdicts as they are (sensitivity is for annotating pages), with accounts a
// reviewer cleared or decided on marked, and the matched accounts' names.
export async function bulkCheck(msg) {
  const { checker, source } = await load();
  if (!checker) return { noList: true, results: [] };
  const profiles = msg.profiles.map(engineInput);
  const [allow, decided, team] = await readLists();
  const results = checker.checkMany(profiles).map((r, i) => {
    if (r.error) return r;
    const key = accountKey(profiles[i].platform, profiles[i].handle);
    const decision = shownDecision(decided[key], team[key]);
    const cleared = clearedBy(allow[key], decision);
    return { ...r, ...(cleared ? { cleared } : {}), ...(decision ? { decision } : {}) };
  });
  const accounts = {};
  for (const [id, a] of Object.entries(await matchedAccounts(results))) accounts[id] = summary(a);
  return { results, accounts, list: source };
}
