// A picture for the ticket: the profile's avatar and the protected one side by side, each with its name and
// handle underneath, then the name spelled out and the reasons, so the picture proves something on its own
// (two names that read alike look identical in a picture). Drawn here, where both images can be read
// without tainting a canvas.
import { shownAccount } from './results.js';
import { t } from './templates.js';
import { imageUrlProblem, fetchImage } from './image-fetch.js';
import { checkImageSize, AVATAR_LIMITS } from '../shared/image-header.js';

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

// `given`: what the worker answered the sender's tab for this profile (tab-record.js givenFor): its
// match and the avatar its page showed are drawn, never ones the message names. Null only from the
// extension's own pages.
export async function evidenceImage(msg, given = null) {
  const match = given ? given.match : msg.match;
  const account = await shownAccount(match);
  const avatar = given ? given.avatar : msg.profile.avatar;
  const site = { platform: given ? given.platform : msg.profile.platform, pageHost: new URL(msg.url).hostname };
  // The page's avatar only from its site's image hosts; the protected one is the worker's own thumbnail.
  const mine = avatar && !imageUrlProblem(avatar, site) ? picture(avatar) : null;
  const theirs = account && account.avatar && account.avatar.startsWith('data:') ? picture(account.avatar) : null;
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
  const H = 350 + (lines.length ? 12 + lines.length * 20 : 0);
  const canvas = new OffscreenCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#111111';
  ctx.font = 'bold 18px sans-serif';
  const [shownVerdict, score] = given ? [given.verdict, given.score] : [msg.verdict, msg.score];
  const verdict = shownVerdict ? (chrome.i18n.getMessage(`verdict_${shownVerdict}`) || shownVerdict) : '';
  ctx.fillText(`${t('bannerTitle', verdict)}${typeof score === 'number' ? `, ${t('score', score.toFixed(2))}` : ''}`, 20, 32);
  const column = (x, title, bitmap, name, handle) => {
    ctx.font = '14px sans-serif';
    ctx.fillStyle = '#555555';
    ctx.fillText(title, x, 64);
    if (bitmap) {
      ctx.drawImage(bitmap, x, 76, 180, 180);
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
  column(20, t('imageChecked'), mineBitmap, msg.profile.name, t('handleOnPlatform', who.handle, who.platform));
  const real = account ? account.handles.map((h) => '@' + h.split(':').slice(1).join(':')).join(', ') : '';
  column(380, t('imageProtected'), theirsBitmap, account ? account.name : t('imageNoMatch'), real);
  ctx.font = '14px sans-serif';
  ctx.fillStyle = '#111111';
  lines.forEach((l, i) => ctx.fillText(l, 20, 336 + i * 20, W - 40));
  ctx.font = '12px sans-serif';
  ctx.fillStyle = '#555555';
  ctx.fillText(`${String(msg.url).slice(0, 90)}  ·  ${new Date().toISOString().slice(0, 19)}Z  ·  vipguard ${chrome.runtime.getManifest().version}`, 20, H - 14, W - 40);
  for (const b of [mineBitmap, theirsBitmap]) if (b) b.close();
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { dataUrl: `data:image/png;base64,${btoa(bin)}` };
}
