// worker/bounded-body.js, which caps what the team's feed and avatar fetches read, on bodies that lie
// about their size or give none: the stream is cut as soon as it passes the cap. No browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readBounded } from '../../extension/worker/bounded-body.js';

// A streamed response of `chunks` chunks of `size` bytes, counting what was pulled from it.
function streamed(chunks, size, headers = {}) {
  const pulled = { chunks: 0, cancelled: false };
  let sent = 0;
  const body = new ReadableStream({
    pull(c) {
      if (sent++ >= chunks) return c.close();
      pulled.chunks++;
      c.enqueue(new Uint8Array(size));
    },
    cancel() { pulled.cancelled = true; },
  }, { highWaterMark: 0 });
  return { response: new Response(body, { headers }), pulled };
}

const refuse = (declared) => Object.assign(new Error('too big'), { declared });
const CAP = 1000;

// [what, chunks, chunk size, headers, expected: bytes read or 'refused' (with what is declared)]
const cases = [
  ['a body under the cap', 3, 300, {}, 900],
  ['a body exactly at the cap', 4, 250, {}, 1000],
  ['no Content-Length, a stream going on far past the cap', 1_000_000, 300, {}, { declared: null, pulledAtMost: 5 }],
  ['a Content-Length under the cap on a longer stream', 1_000_000, 300, { 'content-length': '500' }, { declared: null, pulledAtMost: 5 }],
  ['a Content-Length over the cap', 1, 10, { 'content-length': '5000' }, { declared: 5000, pulledAtMost: 1 }],
];

for (const [what, chunks, size, headers, want] of cases) {
  test(`bounded body: ${what}`, async () => {
    const { response, pulled } = streamed(chunks, size, headers);
    if (typeof want === 'number') {
      assert.equal((await readBounded(response, CAP, refuse)).byteLength, want);
      return;
    }
    await assert.rejects(readBounded(response, CAP, refuse), (e) => e.declared === want.declared);
    assert.ok(pulled.chunks <= want.pulledAtMost, `read ${pulled.chunks} chunks before refusing`);
    if (want.declared === null) assert.ok(pulled.cancelled, 'the stream is cancelled');
  });
}
