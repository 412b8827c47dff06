// The browser side of `make wasm-bench`: the same work as crates/vipguard/examples/wasm_bench_native.rs, timed the same
// way, in headless Chromium. Inputs come from target/wasm-bench (written by the native side).
import init, { Checker, hashImage } from '/pkg/vipguard.js';

const median = (v) => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];
const get = async (p) => (await fetch(p, { cache: 'no-store' }));

async function run() {
  const params = new URLSearchParams(location.search);
  const wasmBytes = new Uint8Array(await (await get('/pkg/vipguard_bg.wasm')).arrayBuffer());
  const listText = await (await get('/target/wasm-bench/protected.json')).text();
  // Instantiate + build: compile and instantiate the module from its bytes, then index 10,000 accounts.
  // One run per page load (a module instantiates once); the runner takes medians of page loads in new
  // browsers (cold) and of reloads in one browser.
  if (params.get('restore')) return restore(wasmBytes);
  const t0 = performance.now();
  await init({ module_or_path: wasmBytes });
  const t1 = performance.now();
  const checker = new Checker(listText);
  const t2 = performance.now();
  const out = { instantiate_ms: t1 - t0, build_ms: t2 - t1, instantiate_build_ms: t2 - t0 };
  if (!params.get('full')) {
    // The first checkMany of 500 after building, cold as after a restore (which leaves each account's
    // keys to first use): the two side by side show what restoring defers.
    const profiles = await (await get('/target/wasm-bench/profiles.json')).json();
    const s = performance.now();
    checker.checkMany(profiles.slice(0, 500));
    out.first_check_many_ms = performance.now() - s;
  }
  if (params.get('full')) {
    const profiles = await (await get('/target/wasm-bench/profiles.json')).json();
    const jpeg = new Uint8Array(await (await get('/target/wasm-bench/avatar.jpg')).arrayBuffer());
    // Warm up: V8 first runs WebAssembly through its baseline compiler and tiers hot functions up in
    // the background; a worker that checks pages all day runs the optimised code.
    for (const p of profiles) checker.check(p);
    for (let r = 0; r < 5; r++) hashImage(jpeg);
    await new Promise((r) => setTimeout(r, 500));
    // One check: medians of 50-check chunks (the browser's clock is too coarse for single calls).
    const chunks = [];
    for (let i = 0; i < profiles.length; i += 50) {
      const c = profiles.slice(i, i + 50);
      const s = performance.now();
      for (const p of c) checker.check(p);
      chunks.push((performance.now() - s) * 1e3 / c.length);
    }
    out.check_us = median(chunks);
    const many = [];
    for (let r = 0; r < 10; r++) {
      const batch = profiles.slice((r * 150) % 1500, (r * 150) % 1500 + 500);
      const s = performance.now();
      checker.checkMany(batch);
      many.push(performance.now() - s);
    }
    out.check_many_ms = median(many);
    const hashes = [];
    for (let r = 0; r < 20; r++) {
      const s = performance.now();
      hashImage(jpeg);
      hashes.push(performance.now() - s);
    }
    out.hash_ms = median(hashes);
  }
  return out;
}

// Instantiate + restore the same checker from its snapshot (written by the native side), as a service
// worker restarted in a new process does; then the first checkMany of 500, which works out the keys of
// the accounts it compares with (a restored checker leaves that to first use).
async function restore(wasmBytes) {
  const snapshot = new Uint8Array(await (await get('/target/wasm-bench/protected.snap')).arrayBuffer());
  const profiles = await (await get('/target/wasm-bench/profiles.json')).json();
  const t0 = performance.now();
  await init({ module_or_path: wasmBytes });
  const t1 = performance.now();
  const checker = Checker.restore(snapshot, 'bench'); // the key wasm_bench_native.rs saved it under
  const t2 = performance.now();
  checker.checkMany(profiles.slice(0, 500));
  const t3 = performance.now();
  return {
    instantiate_ms: t1 - t0, restore_ms: t2 - t1, instantiate_restore_ms: t2 - t0, first_check_many_ms: t3 - t2,
  };
}

run().then((r) => { window.__result = r; }, (e) => { window.__result = { error: String(e && e.stack || e) }; });
