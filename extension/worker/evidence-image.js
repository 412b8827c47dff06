// A picture for the ticket: the profile's avatar and the protected one side by side, each with its name and
// handle underneath, then the name spelled out and the reasons, so the picture proves something on its own
// (two names that read alike look identical in a picture). Drawn here, where both images can be read
// without tainting a canvas.
import { avatarAllowed } from './avatars.js';
import { shownAccount } from './results.js';
import { t } from './templates.js';

export async function evidenceImage(msg) {
  const account = await shownAccount(msg.match);
  const picture = async (url) => {
    if (!url) return null;
    try {
      const ok = url.startsWith('data:image/') || (() => {
        const u = new URL(url);
        return avatarAllowed(u);
      })();
      if (!ok) return null;
      const r = await fetch(url, { credentials: 'omit', cache: 'force-cache' });
      return r.ok ? await createImageBitmap(await r.blob()) : null;
    } catch {
      return null;
    }
  };
  const [mine, theirs] = await Promise.all([picture(msg.profile.avatar), picture(account && account.avatar)]);
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
  const verdict = msg.verdict ? (chrome.i18n.getMessage(`verdict_${msg.verdict}`) || msg.verdict) : '';
  ctx.fillText(`${t('bannerTitle', verdict)}${typeof msg.score === 'number' ? `, ${t('score', msg.score.toFixed(2))}` : ''}`, 20, 32);
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
  column(20, t('imageChecked'), mine, msg.profile.name, t('handleOnPlatform', msg.profile.handle, msg.profile.platform));
  const real = account ? account.handles.map((h) => '@' + h.split(':').slice(1).join(':')).join(', ') : '';
  column(380, t('imageProtected'), theirs, account ? account.name : t('imageNoMatch'), real);
  ctx.font = '14px sans-serif';
  ctx.fillStyle = '#111111';
  lines.forEach((l, i) => ctx.fillText(l, 20, 336 + i * 20, W - 40));
  ctx.font = '12px sans-serif';
  ctx.fillStyle = '#555555';
  ctx.fillText(`${String(msg.url).slice(0, 90)}  ·  ${new Date().toISOString().slice(0, 19)}Z  ·  vipguard ${chrome.runtime.getManifest().version}`, 20, H - 14, W - 40);
  for (const b of [mine, theirs]) if (b) b.close();
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { dataUrl: `data:image/png;base64,${btoa(bin)}` };
}
