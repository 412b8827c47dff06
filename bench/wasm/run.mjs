// Drive bench.html in Debian's headless Chromium with playwright-core and print the medians as JSON.
// Serves the repository root on loopback (pkg/, bench/wasm/, target/wasm-bench/).
import { serve, launch } from './serve.mjs';

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}/bench/wasm/bench.html`;
const browser = await launch();
const result = async (page) => {
  await page.waitForFunction(() => window.__result, null, { timeout: 120000 });
  const r = await page.evaluate(() => window.__result);
  if (r.error) throw new Error(r.error);
  return r;
};
try {
  const page = await browser.newPage();
  const builds = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(`${base}?run=${i}`);
    builds.push(await result(page));
  }
  await page.goto(`${base}?full=1`);
  const full = await result(page);
  const med = (k) => builds.map((b) => b[k]).sort((a, b) => a - b)[2];
  console.log(JSON.stringify({
    instantiate_ms: med('instantiate_ms'), build_ms: med('build_ms'),
    instantiate_build_ms: med('instantiate_build_ms'),
    check_us: full.check_us, check_many_ms: full.check_many_ms, hash_ms: full.hash_ms,
    chromium: browser.version(),
  }));
} finally {
  await browser.close();
  server.close();
}
