// The browser side of bench/wasm/ab.mjs: two builds of the package in one page, their calls interleaved
// (A, B, A, B …), so both see the same machine load. Inputs come from target/wasm-bench.
import initA, * as A from '/A/vipguard.js';
import initB, * as B from '/B/vipguard.js';

const median = (v) => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];
const time = (f) => { const s = performance.now(); f(); return performance.now() - s; };

async function run() {
  // From bytes, as bench.mjs does: V8 caches the compiled code of modules fetched by URL, which would
  // make every page load after the first warmer than a freshly started service worker.
  const bytes = async (p) => new Uint8Array(await (await fetch(p, { cache: 'no-store' })).arrayBuffer());
  await initA({ module_or_path: await bytes('/A/vipguard_bg.wasm') });
  await initB({ module_or_path: await bytes('/B/vipguard_bg.wasm') });
  const list = await (await fetch('/target/wasm-bench/protected.json')).text();
  const jpeg = new Uint8Array(await (await fetch('/target/wasm-bench/avatar.jpg')).arrayBuffer());
  const profiles = await (await fetch('/target/wasm-bench/profiles.json')).json();
  const out = {
    a: { build: [], hash: [], check: [], many: [] }, b: { build: [], hash: [], check: [], many: [] },
  };
  // Building a Checker for 10,000 accounts: the first build of each module runs mostly in V8's
  // baseline tier (what a freshly started service worker does), later ones in optimised code. Which
  // package builds first alternates by page load: the second one's first build pays for the first's
  // garbage.
  const load = Number(new URLSearchParams(location.search).get('load') || 0);
  const order = load % 2 ? [['b', B], ['a', A]] : [['a', A], ['b', B]];
  for (let i = 0; i < 9; i++) {
    for (const [side, m] of order) {
      let c;
      out[side].build.push(time(() => { c = new m.Checker(list); }));
      c.free();
    }
  }
  // One check against 10,000 accounts, timed over batches of 200 (the browser's clock is too coarse
  // for a single call), and checkMany of 500 profiles; batches alternate between the builds.
  const checkers = { a: new A.Checker(list), b: new B.Checker(list) };
  const batch = 200;
  for (let i = 0; i < 20; i++) {
    const qs = profiles.slice((i * batch) % (profiles.length - batch)).slice(0, batch);
    for (const side of i % 2 ? ['b', 'a'] : ['a', 'b']) {
      const c = checkers[side];
      out[side].check.push(time(() => { for (const q of qs) c.check(q); }) / batch * 1000);
    }
  }
  for (let i = 0; i < 12; i++) {
    const qs = profiles.slice(0, 500);
    for (const side of i % 2 ? ['b', 'a'] : ['a', 'b']) {
      out[side].many.push(time(() => checkers[side].checkMany(qs)));
    }
  }
  checkers.a.free();
  checkers.b.free();
  for (let i = 0; i < 10; i++) { A.hashImage(jpeg); B.hashImage(jpeg); }
  for (let i = 0; i < 100; i++) {
    out.a.hash.push(time(() => A.hashImage(jpeg)));
    out.b.hash.push(time(() => B.hashImage(jpeg)));
  }
  const sum = (s) => ({
    first_build_ms: s.build[0], build_ms: median(s.build.slice(1)), hash_ms: median(s.hash),
    check_us: median(s.check.slice(2)), many_ms: median(s.many.slice(2)),
  });
  return { a: sum(out.a), b: sum(out.b) };
}

run().then((r) => { window.__result = r; }, (e) => { window.__result = { error: String(e && e.stack || e) }; });
