// A response's body as bytes, at most `maxBytes` of them: refused when the Content-Length says more (with
// a Content-Encoding that is the compressed length: the stream's count then decides), and the stream
// cancelled as soon as more arrives. `refuse(declared)` makes the error thrown (`declared`: the header's
// figure, or null when the stream went over). Avatars (image-fetch.js) and the team's feed (feed.js).
export async function readBounded(response, maxBytes, refuse) {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) throw refuse(declared);
  const reader = response.body.getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.cancel().catch(() => {});
      throw refuse(null);
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  return bytes;
}
