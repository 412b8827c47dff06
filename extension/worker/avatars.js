// Avatars: fetched here (credentials omitted) from the hosts the served sites keep them on, hashed in WASM
// (or through the browser's decoder when the package cannot decode the picture), cached by URL.
import { ImageHashing } from '../pkg/vipguard.js';
import '../shared/site-catalog.js';
import { withPixelsFallback } from '../shared/pixels.js';
import { genericHosts, mastodonOn } from './site-scripts.js';

const { isAvatarHost } = globalThis.vipguardSiteCatalog;
const avatarCache = new Map(); // image URL -> Promise<query string | null>
const AVATAR_CACHE_MAX = 500;

// Hashing a picture takes from several milliseconds to over 100 in a worker V8 has just started: one
// step of one picture per task (ImageHashing), so that a page of fifty never holds the worker (every
// tab's checks wait for it) for long at a stretch (make avatar-page-bench).
const { port1, port2 } = new MessageChannel();
const waiting = [];
port1.onmessage = () => waiting.shift()();
const nextTask = () => new Promise((resolve) => {
  waiting.push(resolve);
  port2.postMessage(0);
});
let turn = Promise.resolve();
function inTurn(fn) {
  const run = turn.then(fn);
  turn = run.catch(() => {});
  return run;
}

// How many pictures were hashed and the longest single step (ms), for make avatar-page-bench.
globalThis.vipguardAvatars = { hashed: 0, longestStep: 0 };
function timed(fn) {
  const began = performance.now();
  try {
    return fn();
  } finally {
    const stats = globalThis.vipguardAvatars;
    stats.longestStep = Math.max(stats.longestStep, performance.now() - began);
  }
}

async function hashInSteps(bytes, type) {
  await nextTask();
  const job = await withPixelsFallback(bytes, type, (b) => timed(() => ImageHashing.fromBytes(b)),
    (w, h, px) => timed(() => ImageHashing.fromRgba(w, h, px)));
  try {
    do await nextTask(); while (timed(() => job.step()));
    const out = timed(() => job.finish());
    globalThis.vipguardAvatars.hashed++;
    return out;
  } finally {
    job.free();
  }
}

// Image hosts of the sites served, and enabled generic sites (whose permission the reviewer granted);
// with Mastodon on, any server's (Mastodon avatars live on each server or its media host).
export function avatarAllowed(u) {
  return u.protocol === 'https:' && (isAvatarHost(u.hostname) || genericHosts.includes(u.hostname) || mastodonOn);
}

// The engine's query for the avatar at `url`, or null (no URL, a host not allowed, or not hashed).
export async function avatarQuery(url) {
  if (!url) return null;
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!avatarAllowed(u)) return null;
  if (!avatarCache.has(url)) {
    if (avatarCache.size >= AVATAR_CACHE_MAX) avatarCache.delete(avatarCache.keys().next().value);
    avatarCache.set(url, (async () => {
      const r = await fetch(url, { credentials: 'omit', cache: 'force-cache' });
      if (!r.ok) throw new Error(`avatar ${r.status}`);
      const bytes = new Uint8Array(await r.arrayBuffer());
      if (bytes.length > 5 * 1024 * 1024) throw new Error('avatar too large');
      return (await inTurn(() => hashInSteps(bytes, r.headers.get('content-type') || ''))).query;
    })().catch((e) => {
      console.warn('vipguard: avatar not hashed:', url, e.message);
      return null;
    }));
  }
  return avatarCache.get(url);
}
