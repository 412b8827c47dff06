// A picture for the ticket: the profile's avatar and the protected one side by side, each with its name and
// handle underneath, then the name spelled out and the reasons, so the picture proves something on its own
// (two names that read alike look identical in a picture). Drawn here, where both images can be read
// without tainting a canvas.
import { shownAccount } from './results.js';
import { t } from './templates.js';
import { imageUrlProblem, fetchImage, notGranted } from './image-fetch.js';
import { checkImageSize, AVATAR_LIMITS } from '../shared/image-header.js';
import { pageScreenshot } from './page-shot.js';

// A picture as a bitmap, or null: fetched with the avatars' bounds, its size read from its header before
// the browser decodes it.
async function picture(url) {
  try {
    const { bytes, type } = await fetchImage(url);
    checkImageSize(bytes, AVATAR_LIMITS);
    return await createImageBitmap(new Blob([bytes], { type }));
  } catch (e) {
    console.warn('vipguard: evidence picture not drawn:', String(url).slice(0, 200), e.message);
    return null;
  }
}

// The part of each picture the avatar match found: the avatar evidence's `region` (docs/avatars.md,
// "The matched region"), every number checked, or null. A box, or the circle inscribed in it, as shares of
// the picture's width and height.
export function matchedRegion(evidence) {
  const found = Array.isArray(evidence) ? evidence.find((e) => e && e.signal === 'avatar' && e.region) : null;
  return found ? checkedRegion(found.region) : null;
}

function checkedRegion(r) {
  const share = (v) => typeof v === 'number' && v >= 0 && v <= 1;
  const area = (a) => a && typeof a === 'object' && ['box', 'circle'].includes(a.shape)
    && ['x', 'y', 'w', 'h'].every((k) => share(a[k])) && a.w > 0 && a.h > 0 && a.x + a.w <= 1.001 && a.y + a.h <= 1.001
    ? { shape: a.shape, x: a.x, y: a.y, w: a.w, h: a.h } : null;
  if (!r || typeof r !== 'object') return null;
  const [profile, protectedArea] = [area(r.profile), area(r.protected)];
  return profile && protectedArea ? { profile, protected: protectedArea, mirrored: r.mirrored === true, approximate: r.approximate === true } : null;
}

// An outline that shows on light and dark pictures alike: white over a dark edge.
function outline(ctx, x, y, side, a) {
  const [bx, by, bw, bh] = [x + a.x * side, y + a.y * side, a.w * side, a.h * side];
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, side, side);
  ctx.clip();
  // 3 px inside the area, so that at the picture's edge the dark edge is not cut off.
  for (const [colour, width] of [['rgba(0, 0, 0, 0.8)', 6], ['#ffffff', 2]]) {
    ctx.beginPath();
    if (a.shape === 'circle') ctx.ellipse(bx + bw / 2, by + bh / 2, Math.max(1, bw / 2 - 3), Math.max(1, bh / 2 - 3), 0, 0, 2 * Math.PI);
    else ctx.rect(bx + 3, by + 3, Math.max(1, bw - 6), Math.max(1, bh - 6));
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.stroke();
  }
  ctx.restore();
}

// The screenshot's largest size in the picture, in CSS pixels: the picture stays a few hundred kilobytes
// whatever the window's size and pixel density.
const SHOT_WIDTH = 680;
const SHOT_MAX_HEIGHT = 480;

// `given`: what the worker answered the sender's tab for this profile (tab-record.js givenFor): its
// match and the avatar its page showed are drawn, never ones the message names. Null only from the
// extension's own pages. `tabId`: the tab whose page is shown (the sender's, or the popup's tab).
// Answers the PNG as a data URL, its SHA-256 (of the final bytes, screenshot included) and whether the
// page's screenshot is in it (else `note` says why not and what to do).
export async function evidenceImage(msg, given = null, tabId = null) {
  const match = given ? given.match : msg.match;
  // The region only from the worker's own record for a page's tab; the extension's pages are trusted.
  const region = match ? (given ? matchedRegion(given.evidence) : checkedRegion(msg.region)) : null;
  const account = await shownAccount(match);
  const avatar = given ? given.avatar : msg.profile.avatar;
  const site = { platform: given ? given.platform : msg.profile.platform, pageHost: new URL(msg.url).hostname };
  // The page's avatar only from its site's image hosts, and not from a host the reviewer has not granted
  // (YouTube's chat photos: image-fetch.js notGranted; drawn as "no picture"); the protected one is the
  // worker's own thumbnail. Started, not awaited: the screenshot is still taken first.
  const mine = avatar && !imageUrlProblem(avatar, site)
    ? notGranted(avatar).then((no) => (no ? null : picture(avatar)), () => null) : null;
  const theirs = account && account.avatar && account.avatar.startsWith('data:') ? picture(account.avatar) : null;
  // The page first, before anything else is awaited: the tab may be left in the meantime.
  const shot = await pageScreenshot(tabId, msg.url);
  const [mineBitmap, theirsBitmap] = await Promise.all([mine, theirs]);
  const W = 720;
  // The reasons, wrapped to the picture's width: measured on a scratch canvas first, to size the picture.
  const measure = new OffscreenCanvas(1, 1).getContext('2d');
  measure.font = '14px sans-serif';
  const wrap = (text, width) => {
    const out = [];
    let line = '';
    for (const word of String(text).split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (line && measure.measureText(next).width > width) {
        out.push(line);
        line = word;
      } else {
        line = next;
      }
    }
    if (line) out.push(line);
    return out;
  };
  const text = [];
  if (msg.spelled) text.push(...wrap(t('imageSpelled', msg.spelled), W - 40));
  if (msg.reasons && msg.reasons.length) {
    text.push(t('imageReasons'));
    for (const r of msg.reasons) text.push(...wrap(`• ${r}`, W - 56).map((l, i) => (i ? `   ${l}` : l)));
  }
  const lines = text.slice(0, 24);
  // Under the pictures and names: what the outlines are, on one or two lines.
  measure.font = '13px sans-serif';
  const regionCaption = region
    ? wrap(`${t(region.mirrored ? 'imageRegionMirrored' : 'imageRegion')}${region.approximate ? ` ${t('imageRegionApproximate')}` : ''}`, W - 40).slice(0, 3)
    : [];
  measure.font = '14px sans-serif';
  const textTop = 328 + (regionCaption.length ? 8 + regionCaption.length * 17 : 0);
  // Under the reasons: the page's screenshot, scaled down to fit, with its caption, or the line saying why
  // there is none; then the address and time, and the evidence's SHA-256 (the ticket's).
  const shotTop = textTop + (lines.length ? 12 + lines.length * 20 : 0);
  const scale = shot.bitmap ? Math.min(1, SHOT_WIDTH / shot.bitmap.width, SHOT_MAX_HEIGHT / shot.bitmap.height) : 0;
  const [sw, sh] = shot.bitmap ? [Math.round(shot.bitmap.width * scale), Math.round(shot.bitmap.height * scale)] : [0, 0];
  const sha = /^[0-9a-f]{64}$/.test(msg.evidenceSha256 || '') ? msg.evidenceSha256 : '';
  const now = `${new Date().toISOString().slice(0, 19)}Z`;
  measure.font = 'bold 14px sans-serif';
  const caption = wrap(shot.bitmap ? t('imagePageShown', now) : t(shot.missing), W - 40);
  const imageTop = shotTop + 26 + (caption.length - 1) * 18;
  const H = imageTop + (sh ? sh + 10 : 0) + 22 + (sha ? 18 : 0);
  const canvas = new OffscreenCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#111111';
  ctx.font = 'bold 18px sans-serif';
  const [shownVerdict, score] = given ? [given.verdict, given.score] : [msg.verdict, msg.score];
  const verdict = shownVerdict ? (chrome.i18n.getMessage(`verdict_${shownVerdict}`) || shownVerdict) : '';
  ctx.fillText(`${t('bannerTitle', verdict)}${typeof score === 'number' ? `, ${t('score', score.toFixed(2))}` : ''}`, 20, 32);
  const column = (x, title, bitmap, name, handle, area = null, mirrored = false) => {
    ctx.font = '14px sans-serif';
    ctx.fillStyle = '#555555';
    ctx.fillText(title, x, 64);
    if (bitmap) {
      ctx.save();
      // The protected picture turned as the copy is, so that the two read alike.
      if (mirrored) ctx.setTransform(-1, 0, 0, 1, 2 * x + 180, 0);
      ctx.drawImage(bitmap, x, 76, 180, 180);
      ctx.restore();
      if (area) outline(ctx, x, 76, 180, mirrored ? { ...area, x: 1 - area.x - area.w } : area);
    } else {
      ctx.strokeStyle = '#999999';
      ctx.strokeRect(x, 76, 180, 180);
      ctx.fillText(t('imageNoPicture'), x + 55, 170);
    }
    ctx.fillStyle = '#111111';
    ctx.font = 'bold 16px sans-serif';
    ctx.fillText(String(name || '').slice(0, 40), x, 282, 320);
    ctx.font = '14px sans-serif';
    ctx.fillText(String(handle || '').slice(0, 60), x, 304, 320);
  };
  const who = given || msg.profile;
  column(20, t('imageChecked'), mineBitmap, msg.profile.name, t('handleOnPlatform', who.handle, who.platform), region && region.profile);
  const real = account ? account.handles.map((h) => '@' + h.split(':').slice(1).join(':')).join(', ') : '';
  column(380, t('imageProtected'), theirsBitmap, account ? account.name : t('imageNoMatch'), real, region && region.protected, !!(region && region.mirrored));
  ctx.font = '13px sans-serif';
  ctx.fillStyle = '#333333';
  regionCaption.forEach((l, i) => ctx.fillText(l, 20, 334 + i * 17, W - 40));
  ctx.font = '14px sans-serif';
  ctx.fillStyle = '#111111';
  lines.forEach((l, i) => ctx.fillText(l, 20, textTop + 8 + i * 20, W - 40));
  ctx.font = 'bold 14px sans-serif';
  ctx.fillStyle = shot.bitmap ? '#111111' : '#a33a00';
  caption.forEach((l, i) => ctx.fillText(l, 20, shotTop + 16 + i * 18, W - 40));
  if (shot.bitmap) {
    ctx.drawImage(shot.bitmap, 20, imageTop, sw, sh);
    ctx.strokeStyle = '#999999';
    ctx.strokeRect(19.5, imageTop - 0.5, sw + 1, sh + 1);
  }
  ctx.font = '12px sans-serif';
  ctx.fillStyle = '#555555';
  const footer = H - 14 - (sha ? 18 : 0);
  ctx.fillText(`${String(msg.url).slice(0, 90)}  ·  ${now}  ·  vipguard ${chrome.runtime.getManifest().version}`, 20, footer, W - 40);
  if (sha) ctx.fillText(t('imageEvidenceSha', sha), 20, footer + 18, W - 40);
  for (const b of [mineBitmap, theirsBitmap, shot.bitmap]) if (b) b.close();
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return {
    dataUrl: `data:image/png;base64,${btoa(bin)}`,
    sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''),
    screenshot: !!shot.bitmap,
    ...(shot.bitmap ? {} : { note: t(shot.missing) }),
  };
}
