// Avatars: fetched here (credentials omitted, only from the sender's site's own image hosts, bounded: see
// image-fetch.js), hashed in WASM (or through the browser's decoder when the package cannot decode the
// picture; either way only after its header showed a sane size), cached by URL. Each tab's avatars wait
// in the tab's own queue (limits.js): a page of heavy pictures delays another tab by one picture, not by
// its whole queue.
import { ImageHashing } from '../pkg/vipguard.js';
import { withPixelsFallback } from '../shared/pixels.js';
import { checkImageSize, AVATAR_LIMITS } from '../shared/image-header.js';
import { imageUrlProblem, fetchImage, notGranted } from './image-fetch.js';
import { TabQueues, AVATAR_FETCHES_PER_TAB, AVATARS_QUEUED_PER_TAB } from './limits.js';
import '../shared/site-catalog.js';

const { isDefaultAvatar } = globalThis.vipguardSiteCatalog;

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
// One picture hashed at a time, the tabs in turn; a few fetched at once per tab (a picture's bytes are
// held from its fetch until it is hashed, so this also bounds the memory one tab can fill).
const hashing = new TabQueues({ perKey: 1, total: 1 });
const fetching = new TabQueues({ perKey: AVATAR_FETCHES_PER_TAB, queued: AVATARS_QUEUED_PER_TAB });

// How many pictures were hashed and the longest single step (ms), for make avatar-page-bench.
// `refused`: the last pictures refused and why (tests read it); `defaults`: sites' "no photo" pictures
// passed over; `notGranted`: photos on a host the reviewer has not granted (image-fetch.js notGranted)
// passed over, each time one is asked for (tests await it instead of waiting a while).
globalThis.vipguardAvatars = { hashed: 0, longestStep: 0, refused: [], defaults: 0, notGranted: 0 };
function refused(url, why) {
  const list = globalThis.vipguardAvatars.refused;
  list.push({ url: String(url).slice(0, 200), why });
  if (list.length > 50) list.shift();
  console.warn('vipguard: avatar refused:', String(url).slice(0, 200), why);
}
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

// The engine's query for the avatar at `url` shown on a page of `site` ({platform, pageHost}) in tab
// `tab`, or null (no URL, not one of the site's image hosts, refused or not hashed).
export async function avatarQuery(url, site, tab) {
  if (!url) return null;
  // The site's picture for "no photo": shared by millions, so never a copy of anyone's (site-catalog.js).
  if (site && isDefaultAvatar(site.platform, url)) {
    globalThis.vipguardAvatars.defaults++;
    return null;
  }
  const problem = imageUrlProblem(url, site);
  if (problem) {
    refused(url, problem);
    return null;
  }
  if (await notGranted(url)) {
    globalThis.vipguardAvatars.notGranted++;
    return null;
  }
  if (!avatarCache.has(url)) {
    if (avatarCache.size >= AVATAR_CACHE_MAX) avatarCache.delete(avatarCache.keys().next().value);
    const query = fetching.run(tab, async () => {
      const { bytes, type } = await fetchImage(url);
      // Before either decoder (the package's, or the browser's for GIF, AVIF …) allocates its pixels.
      checkImageSize(bytes, AVATAR_LIMITS);
      return (await hashing.run(tab, () => hashInSteps(bytes, type))).query;
    }).catch((e) => {
      refused(url, e.message);
      // Refused only because the tab had too much waiting: asked again later, it may be hashed.
      if (/waiting for this tab/.test(e.message)) avatarCache.delete(url);
      return null;
    });
    avatarCache.set(url, query);
  }
  return avatarCache.get(url);
}
