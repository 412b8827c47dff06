// Drive bench.html in Debian's headless Chromium with playwright-core and print the medians as JSON.
// Serves the repository root on loopback (pkg/, bench/wasm/, target/wasm-bench/).
import { serve, launch } from './serve.mjs';

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}/bench/wasm/bench.html`;
const result = async (page) => {
  await page.waitForFunction(() => window.__result, null, { timeout: 120000 });
  const r = await page.evaluate(() => window.__result);
  if (r.error) throw new Error(r.error);
  return r;
};
const med = (runs, k) => runs.map((b) => b[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
// Instantiate + build, five times each way: in a new browser (nothing compiled yet: a service worker
// started in a new process), and by reloading the page in one browser, where V8 reuses the code it
// compiled for the same module bytes (a worker restarted in a process that still holds it).
const fresh = [];
for (let i = 0; i < 5; i++) {
  const b = await launch();
  try {
    const page = await b.newPage();
    await page.goto(`${base}?run=${i}`);
    fresh.push(await result(page));
  } finally {
    await b.close();
  }
}
// Instantiate + restore from a snapshot, five new browsers.
const restored = [];
for (let i = 0; i < 5; i++) {
  const b = await launch();
  try {
    const page = await b.newPage();
    await page.goto(`${base}?restore=1&run=${i}`);
    restored.push(await result(page));
  } finally {
    await b.close();
  }
}
const browser = await launch();
try {
  const page = await browser.newPage();
  const builds = [];
  for (let i = 0; i < 6; i++) {
    await page.goto(`${base}?run=${i}`);
    const r = await result(page);
    if (i > 0) builds.push(r); // the first load compiles: that is the fresh case above
  }
  await page.goto(`${base}?full=1`);
  const full = await result(page);
  console.log(JSON.stringify({
    instantiate_ms: med(fresh, 'instantiate_ms'), build_ms: med(fresh, 'build_ms'),
    instantiate_build_ms: med(fresh, 'instantiate_build_ms'),
    reload_instantiate_build_ms: med(builds, 'instantiate_build_ms'),
    built_first_check_many_ms: med(fresh, 'first_check_many_ms'),
    restore_ms: med(restored, 'restore_ms'), instantiate_restore_ms: med(restored, 'instantiate_restore_ms'),
    restored_first_check_many_ms: med(restored, 'first_check_many_ms'),
    check_us: full.check_us, check_many_ms: full.check_many_ms, hash_ms: full.hash_ms,
    chromium: browser.version(),
  }));
} finally {
  await browser.close();
  server.close();
}
