// The browser side of bench/wasm/ab.mjs: two builds of the package in one page, their calls interleaved
// (A, B, A, B …), so both see the same machine load. Inputs come from target/wasm-bench.
import initA, * as A from '/A/vipguard.js';
import initB, * as B from '/B/vipguard.js';

const median = (v) => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];
const time = (f) => { const s = performance.now(); f(); return performance.now() - s; };

async function run() {
  await initA();
  await initB();
  const list = await (await fetch('/target/wasm-bench/protected.json')).text();
  const jpeg = new Uint8Array(await (await fetch('/target/wasm-bench/avatar.jpg')).arrayBuffer());
  const out = { a: { build: [], hash: [] }, b: { build: [], hash: [] } };
  // Building a Checker for 10,000 accounts: the first build of each module runs mostly in V8's
  // baseline tier (what a freshly started service worker does), later ones in optimised code.
  for (let i = 0; i < 9; i++) {
    for (const [side, m] of [['a', A], ['b', B]]) {
      let c;
      out[side].build.push(time(() => { c = new m.Checker(list); }));
      c.free();
    }
  }
  for (let i = 0; i < 10; i++) { A.hashImage(jpeg); B.hashImage(jpeg); }
  for (let i = 0; i < 100; i++) {
    out.a.hash.push(time(() => A.hashImage(jpeg)));
    out.b.hash.push(time(() => B.hashImage(jpeg)));
  }
  const sum = (s) => ({
    first_build_ms: s.build[0], build_ms: median(s.build.slice(1)), hash_ms: median(s.hash),
  });
  return { a: sum(out.a), b: sum(out.b) };
}

run().then((r) => { window.__result = r; }, (e) => { window.__result = { error: String(e && e.stack || e) }; });
